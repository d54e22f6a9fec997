"""Where `svco validate` spends its time: load, then each check (query) of the engine, timed one at a time.

Usage: .venv/bin/python benchmarks/profile_checks.py MODEL.ttl [--top 15]

Prints the load time, then the slowest checks (shape, component, seconds, results) run sequentially on one
thread, so that the figures add up; `svco validate` itself runs them in parallel.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from svco.shacl import OxigraphRunner
from svco.store import Store
from svco.validate import _compiled, shape_files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", type=Path)
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()
    start = time.perf_counter()
    store = Store()
    store.load_reference()
    store.load([args.model])
    print(f"load: {time.perf_counter() - start:.2f} s, {len(store):,} triples")
    start = time.perf_counter()
    compiled = _compiled(tuple(shape_files()))
    print(f"compile: {time.perf_counter() - start:.2f} s, {sum(len(s.checks) for s in compiled.shapes)} checks")
    runner = OxigraphRunner(store.oxigraph)
    timings = []
    for shape in compiled.shapes:
        for check in shape.checks:
            start = time.perf_counter()
            rows = runner.select(check.sparql)
            timings.append((time.perf_counter() - start, str(shape.node), check.component.rsplit("#")[-1], len(rows)))
            print(f"  {timings[-1][0]:.2f} s {shape.node}", flush=True)
    total = sum(t for t, *_ in timings)
    print(f"checks: {total:.2f} s in all, one at a time\n| seconds | shape | component | results |\n|---|---|---|---|")
    for seconds, shape, component, count in sorted(timings, reverse=True)[: args.top]:
        print(f"| {seconds:.3f} | {shape} | {component} | {count} |")


if __name__ == "__main__":
    main()
