"""What source locations cost: validation of generated models with and without locating the results.

Usage: .venv/bin/python benchmarks/bench_locate.py [--sizes 10000 100000 1000000]

Locations are worked out after validation, only for the focus nodes of results and only in the files that
hold them (svco.locate); a conforming model pays nothing. This prints, per model size and syntax: the
results, the time validation takes without locating, the time locating adds, and the file size.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).parent))
from generate_models import generate

from svco import validate as validation
from svco.locate import locate_results
from svco.store import Store


def measure(path: Path) -> tuple[int, float, float]:
    """Results, seconds validating without locations, seconds locating them."""
    store = Store()
    store.load_reference()
    store.load([path])
    real = validation.locate_results
    validation.locate_results = lambda store, results: None
    try:
        start = time.perf_counter()
        report = validation.validate_store(store)
        validate_s = time.perf_counter() - start
    finally:
        validation.locate_results = real
    start = time.perf_counter()
    locate_results(store, report.results)
    locate_s = time.perf_counter() - start
    assert all(r.line for r in report.results if not r.focus.startswith("_:")), "every named focus node located"
    return len(report.results), validate_s, locate_s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    args = parser.parse_args()
    print(f"{'triples':>9} {'syntax':>8} {'MB':>6} {'results':>7} {'validate s':>10} {'locate s':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            turtle = Path(tmp) / f"model-{size}.ttl"
            generate(size, turtle)
            ntriples = turtle.with_suffix(".nt")
            quads = ox.parse(path=str(turtle), format=ox.RdfFormat.TURTLE)
            ntriples.write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_TRIPLES))
            for path in (turtle, ntriples):
                results, validate_s, locate_s = measure(path)
                mb = path.stat().st_size / 1e6
                print(f"{size:>9} {path.suffix[1:]:>8} {mb:>6.1f} {results:>7} {validate_s:>10.2f} {locate_s:>8.2f}")


if __name__ == "__main__":
    main()
