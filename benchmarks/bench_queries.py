"""Time the query catalog: svco's embedded store (Oxigraph) against rdflib's in-memory graph; print a table.

Usage: .venv/bin/python benchmarks/bench_queries.py [--sizes 100000 1000000] [--runs 3] [--rdflib-timeout 60]

For each size a synthetic model is generated (benchmarks/generate_models.py) and loaded with the reference
ontology into both engines; every catalog query runs with its default parameters, bound the same way
(VALUES), and the median time to the last row is reported with the ratio rdflib / Oxigraph. rdflib runs each
query in a forked child that is stopped after --rdflib-timeout seconds (shown as ">N"). Then
`svco query practices-supporting-outputs-consumed-by` is timed as a whole process on the reference alone:
piped (plain table), as CSV, and on a terminal (rich table).
Targets (issue 5): every query at least 10x faster than rdflib at 100k triples; the whole process < 0.3 s.
"""

from __future__ import annotations

import argparse
import importlib.util
import multiprocessing
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def generator():
    spec = importlib.util.spec_from_file_location("generate_models", HERE / "generate_models.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def timed(fn, runs: int) -> tuple[float, int]:
    times, rows = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        rows = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), rows


def rdflib_child(graph, text: str, runs: int, conn) -> None:
    times, rows = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        rows = len(list(graph.query(text)))
        times.append(time.perf_counter() - start)
    conn.send((statistics.median(times), rows))
    conn.close()


def rdflib_time(graph, text: str, runs: int, timeout: float) -> tuple[float | None, int | None]:
    """Run in a forked child (it inherits the parsed graph) so that a slow query can be stopped."""
    context = multiprocessing.get_context("fork")
    parent, child = context.Pipe(duplex=False)
    process = context.Process(target=rdflib_child, args=(graph, text, runs, child))
    process.start()
    child.close()
    result = parent.recv() if parent.poll(timeout) else (None, None)
    if process.is_alive():
        process.kill()
    process.join()
    return result


def bench_size(size: int, folder: Path, runs: int, rdflib_timeout: float) -> list[tuple]:
    import rdflib

    from svco import query as q
    from svco.catalog import catalog
    from svco.resources import ontology_files
    from svco.sparql import bind_values
    from svco.store import Store

    model = folder / f"model-{size}.ttl"
    if not model.exists():
        generator().generate(size, model)
    start = time.perf_counter()
    store = Store()
    store.load_reference()
    store.load([model])
    ox_load = time.perf_counter() - start
    start = time.perf_counter()
    graph = rdflib.Graph()
    for path, _ in ontology_files():
        graph.parse(path, format="turtle")
    graph.parse(model, format="turtle")
    rdflib_load = time.perf_counter() - start
    print(f"\n{size:,} triples requested: store {len(store):,} triples, load Oxigraph {ox_load:.1f} s, "
          f"rdflib {rdflib_load:.1f} s ({rdflib_load / ox_load:.0f}x)", flush=True)  # fmt: skip
    backend = q.StoreBackend(store)
    rows = []
    for name, named in catalog().items():
        bindings = q.resolve_params(backend, named, {})
        text = bind_values(named.text, bindings) if bindings else named.text
        ox_time, ox_rows = timed(lambda text=text: len(list(store.query(text))), runs)
        rd_time, rd_rows = rdflib_time(graph, text, runs, rdflib_timeout)
        rows.append((size, name, ox_rows, ox_time, rd_time, rd_rows))
        ratio = f"{rd_time / ox_time:8.0f}x" if rd_time else f"{'>' + str(round(rdflib_timeout / ox_time)):>8}x"
        rd = f"{rd_time * 1000:10.1f}" if rd_time else f"{'>' + str(int(rdflib_timeout * 1000)):>10}"
        same = "" if rd_rows is None or rd_rows == ox_rows else f"  ROWS DIFFER: rdflib {rd_rows}"
        print(f"  {name:<42}{ox_rows:>8}{ox_time * 1000:>10.1f}{rd}{ratio}{same}", flush=True)
    return rows


def wall(command: list[str], runs: int, tty: bool = False) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        if tty:
            import pty

            master, slave = pty.openpty()
            reader = threading.Thread(target=_drain, args=(master,), daemon=True)
            reader.start()
            subprocess.run(command, check=True, stdout=slave, stderr=subprocess.DEVNULL)
            os.close(slave)
            reader.join()
        else:
            subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _drain(fd: int) -> None:
    try:
        while os.read(fd, 65536):
            pass
    except OSError:
        pass
    finally:
        os.close(fd)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rdflib-timeout", type=float, default=60.0, help="seconds per rdflib query")
    parser.add_argument("--process-runs", type=int, default=15)
    parser.add_argument("--workdir", type=Path, help="where to keep generated models (default: a temp folder)")
    args = parser.parse_args()
    svco = shutil.which("svco") or str(Path(sys.executable).parent / "svco")

    query = [svco, "query", "practices-supporting-outputs-consumed-by"]
    process = [
        ("piped, --format table (plain text)", wall(query, args.process_runs)),
        ("piped, --format csv", wall([*query, "--format", "csv"], args.process_runs)),
        ("on a terminal, --format table (rich)", wall(query, args.process_runs, tty=True)),
        ("python -c pass (interpreter floor)", wall([sys.executable, "-c", "pass"], args.process_runs)),
    ]
    print(f"svco query practices-supporting-outputs-consumed-by, whole process, median of {args.process_runs}:")
    for name, seconds in process:
        print(f"  {name:<40}{seconds:>8.3f} s")
    verdict = "meets" if process[0][1] < 0.3 else "MISSES"
    print(f"  {verdict} the 0.3 s target piped ({process[0][1]:.3f} s)")

    print(f"\n  {'query':<42}{'rows':>8}{'oxi ms':>10}{'rdflib ms':>10}{'ratio':>9}   (median of {args.runs})")
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.workdir or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        results = [row for size in args.sizes for row in bench_size(size, folder, args.runs, args.rdflib_timeout)]
    for size in args.sizes:
        ratios = [(rd or args.rdflib_timeout) / ox for s, _, _, ox, rd, _ in results if s == size]
        slowest = min(ratios)
        print(f"\n{size:,} triples: smallest ratio {slowest:.0f}x, median {statistics.median(ratios):.0f}x"
              + (f": {'meets' if slowest >= 10 else 'MISSES'} the 10x target" if size == 100_000 else ""))  # fmt: skip


if __name__ == "__main__":
    main()
