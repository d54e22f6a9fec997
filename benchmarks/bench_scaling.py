"""Time `svco validate` (whole process) along four dimensions, with the growth factor per 10x (issue 13 point 2).

Usage: .venv/bin/python benchmarks/bench_scaling.py [--runs 3] [--timeout 300] [--series triples,streams,steps,depth]
                                                    [--triples 10000,100000,1000000] [--streams 100,1000,10000]
                                                    [--steps 100,1000,10000] [--depth 1000,10000,100000]

Series (models from benchmarks/generate_models.py):
- triples: generated models of that many triples (six-step streams, defects every 25th);
- streams: generated models of that many six-step streams;
- steps: ONE stream of that many steps (`generate_models.py N out.ttl --long-stream`);
- depth: an RDF/XML file whose node elements nest that deep (`--nested-rdfxml`).
Each point is the median of --runs whole-process runs of `svco validate FILE --format json`; a run over
--timeout seconds is shown as "> T s" and ends its series. Growth is time(10x) / time(x): linear is ~10,
issue 13's bound is 12. The machine is shared: figures are noisy.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate_models import TRIPLES_PER_STREAM, generate, long_stream, nested_rdfxml

SVCO = Path(sys.executable).with_name("svco")
GENERATORS: dict[str, tuple[Callable[[int, Path], object], str]] = {
    "triples": (lambda n, out: generate(n, out), ".ttl"),
    "streams": (lambda n, out: generate(n * TRIPLES_PER_STREAM, out), ".ttl"),
    "steps": (long_stream, ".ttl"),
    "depth": (nested_rdfxml, ".rdf"),
}


def time_validate(path: Path, runs: int, timeout: float) -> float | None:
    """Median wall time of `svco validate PATH` over ``runs`` runs; None after a time-out."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        try:
            done = subprocess.run(
                [str(SVCO), "validate", str(path), "--format", "json"], capture_output=True, timeout=timeout
            )
        except subprocess.TimeoutExpired:
            return None
        if done.returncode not in (0, 1):
            raise SystemExit(f"svco validate {path} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def series(name: str, sizes: list[int], runs: int, timeout: float, tmp: Path) -> list[tuple[int, float | None]]:
    """Time each size of one series; stop at the first time-out."""
    make, suffix = GENERATORS[name]
    points: list[tuple[int, float | None]] = []
    for size in sizes:
        path = tmp / f"{name}-{size}{suffix}"
        make(size, path)
        seconds = time_validate(path, runs, timeout)
        path.unlink()
        points.append((size, seconds))
        shown = f"> {timeout:.0f} s" if seconds is None else f"{seconds:.2f} s"
        print(f"  {name} {size:>9,}: {shown}", flush=True)
        if seconds is None:
            break
    return points


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds a run may take")
    parser.add_argument("--series", default="triples,streams,steps,depth")
    defaults = {"triples": "10000,100000,1000000", "streams": "100,1000,10000"}
    defaults |= {"steps": "100,1000,10000", "depth": "1000,10000,100000"}
    for name, sizes in defaults.items():
        parser.add_argument(f"--{name}", default=sizes, help=f"sizes of the {name} series (default {sizes})")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.series.split(","):
            sizes = [int(x) for x in getattr(args, name).split(",")]
            rows.append((name, series(name, sizes, args.runs, args.timeout, Path(tmp))))
    print(f"\n`svco validate`, whole process, median of {args.runs}; growth = time(next) / time(this)")
    print("| series | size | time | growth |\n|---|---|---|---|")
    for name, points in rows:
        for i, (size, seconds) in enumerate(points):
            growth = ""
            if i + 1 < len(points) and seconds and points[i + 1][1]:
                ratio = points[i + 1][0] / size
                growth = f"x{points[i + 1][1] / seconds:.1f} for x{ratio:g}"
            shown = f"> {args.timeout:.0f} s" if seconds is None else f"{seconds:.2f} s"
            print(f"| {name} | {size:,} | {shown} | {growth} |")


if __name__ == "__main__":
    main()
