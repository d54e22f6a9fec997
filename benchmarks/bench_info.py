"""Time `svco info` as a whole process and the load of the ontology into the store; print a table.

Usage: .venv/bin/python benchmarks/bench_info.py [--runs N]
Target (issue 3): `svco info` under 0.3 s median wall on this machine kind.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def wall(command: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def in_process(fn, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    svco = shutil.which("svco") or str(Path(sys.executable).parent / "svco")

    import rdflib

    from svco.resources import ontology_files
    from svco.store import Store

    def oxigraph_load():
        Store().load_reference()

    def rdflib_load():
        graph = rdflib.Graph()
        for path, _ in ontology_files():
            graph.parse(path, format="turtle")

    rows = [
        ("svco info (whole process)", wall([svco, "info"], args.runs)),
        ("svco --version (whole process)", wall([svco, "--version"], args.runs)),
        ("python -c pass (interpreter floor)", wall([sys.executable, "-c", "pass"], args.runs)),
        ("load ontology: Oxigraph store", in_process(oxigraph_load, args.runs)),
        ("load ontology: rdflib Graph", in_process(rdflib_load, args.runs)),
    ]
    print(f"{'what':<38}{'median':>10}{'min':>10}{'max':>10}   (seconds, {args.runs} runs)")
    for name, times in rows:
        print(f"{name:<38}{statistics.median(times):>10.4f}{min(times):>10.4f}{max(times):>10.4f}")
    target = statistics.median(rows[0][1])
    print(f"\nsvco info median {target:.3f} s: {'meets' if target < 0.3 else 'MISSES'} the 0.3 s target")


if __name__ == "__main__":
    main()
