"""Time `svco validate` end to end against the plain `pyshacl` command on the same data and shapes.

Usage: .venv/bin/python benchmarks/bench_validate.py [--sizes 1000,10000,100000,1000000]
                                                     [--pyshacl-max 100000] [--timeout 3600] [--runs 1]

For each size: a synthetic model (benchmarks/generate_models.py, with defects), validated by
`svco validate model.ttl --format turtle` (whole process), and by `pyshacl -a -s shapes.ttl -f turtle data.ttl`
where data.ttl is the same model merged with the svco ontology and shapes.ttl all of svco's shapes (what
svco validates against). Both reports are compared on (focus, shape, component, severity, path, value).
Prints times, their ratio, whether they agree, and svco's growth per 10x data.
Targets (issue 4): same results as pyshacl, at least 5x faster at 100k triples, 10x data -> at most 12x time.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate_models import generate

SH = "http://www.w3.org/ns/shacl#"
KEYS = """
PREFIX sh: <http://www.w3.org/ns/shacl#>
SELECT ?focus ?shape ?component ?severity ?path ?inverse ?value WHERE {
  ?r a sh:ValidationResult ; sh:focusNode ?focus ; sh:sourceShape ?shape ;
     sh:sourceConstraintComponent ?component ; sh:resultSeverity ?severity .
  OPTIONAL { ?r sh:resultPath ?path OPTIONAL { ?path sh:inversePath ?inverse } }
  OPTIONAL { ?r sh:value ?value }
}"""


def report_keys(turtle: bytes) -> set[tuple]:
    """The comparable content of a sh:ValidationReport in Turtle."""
    store = ox.Store()
    store.load(turtle, format=ox.RdfFormat.TURTLE)
    keys = set()
    for row in store.query(KEYS):
        path = row["path"]
        if row["inverse"] is not None:
            path = "^" + row["inverse"].value
        elif path is not None:
            path = path.value
        value = row["value"]
        keys.add((str(row["focus"]), str(row["shape"]), row["component"].value, row["severity"].value, path,
                  str(value) if value is not None else None))  # fmt: skip
    return keys


def timed(command: list[str], timeout: float) -> tuple[float, bytes | None]:
    start = time.perf_counter()
    try:
        done = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return time.perf_counter() - start, None
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.exit(f"{command[0]} failed ({done.returncode}): {done.stderr.decode()[-2000:]}")
    return elapsed, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000,1000000")
    parser.add_argument("--pyshacl-max", type=int, default=100_000, help="largest size pyshacl is run on")
    parser.add_argument("--timeout", type=float, default=3600.0, help="seconds before a pyshacl run is given up")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    bin_dir = Path(sys.executable).parent
    svco = shutil.which("svco", path=str(bin_dir)) or "svco"
    pyshacl = shutil.which("pyshacl", path=str(bin_dir)) or "pyshacl"

    from svco.resources import ontology_files
    from svco.validate import shape_files

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        shapes = work / "shapes.ttl"
        shapes.write_bytes(b"\n".join(p.read_bytes() for p in shape_files()))
        for size in sizes:
            model = work / f"model-{size}.ttl"
            generate(size, model)
            triples = sum(1 for _ in ox.parse(path=str(model), format=ox.RdfFormat.TURTLE))
            svco_time, svco_out = timed([svco, "validate", str(model), "--format", "turtle"], args.timeout)
            svco_keys = report_keys(svco_out)
            py_time, agree = None, None
            if size <= args.pyshacl_max:
                data = work / f"data-{size}.ttl"
                merged = ox.Store()
                for path, _ in ontology_files():
                    merged.load(path=str(path), format=ox.RdfFormat.TURTLE)
                merged.load(path=str(model), format=ox.RdfFormat.TURTLE)
                merged.dump(str(data), format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph())
                py_time, py_out = timed([pyshacl, "-a", "-s", str(shapes), "-f", "turtle", str(data)], args.timeout)
                if py_out is None:
                    py_time = -args.timeout  # timed out: pyshacl needs more than this
                else:
                    agree = report_keys(py_out) == svco_keys
            rows.append((size, triples, svco_time, len(svco_keys), py_time, agree))
            ratio = f"{abs(py_time) / svco_time:8.1f}x" if py_time else "       -"
            print(f"  done {size}: svco {svco_time:.2f} s, pyshacl {py_time or '-'} s, {ratio}", file=sys.stderr)

    print(f"{'size':>9} {'triples':>9} {'svco s':>9} {'results':>8} {'pyshacl s':>10} {'ratio':>8} {'agree':>6}")
    previous = None
    for size, triples, svco_time, results, py_time, agree in rows:
        if py_time is None:  # not run at this size
            py, ratio = f"{'-':>10}", f"{'-':>8}"
        elif py_time < 0:  # timed out
            py, ratio = f"{'>' + format(-py_time, '.0f'):>10}", f"{'>' + format(-py_time / svco_time, '.0f') + 'x':>8}"
        else:
            py, ratio = f"{py_time:10.2f}", f"{py_time / svco_time:7.1f}x"
        growth = f"  x{svco_time / previous:.1f} time for x10 data" if previous else ""
        agree_text = {True: "yes", False: "NO", None: "-"}[agree]
        print(f"{size:>9} {triples:>9} {svco_time:>9.2f} {results:>8} {py} {ratio} {agree_text:>6}{growth}")
        previous = svco_time


if __name__ == "__main__":
    main()
