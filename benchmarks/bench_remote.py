"""Validate where the data lives: generated models loaded into Virtuoso, then validated there.

Usage: .venv/bin/python benchmarks/bench_remote.py [--sizes 100000,1000000,5000000] [--timeout 1800]

Starts its own Virtuoso (Debian `virtuoso-opensource`, program `virtuoso-t`) on 127.0.0.1 in a temporary
folder, with the same configuration as the tests (tests/servers.py), and for each size:
1. generates a model (benchmarks/generate_models.py, a defect every 25 streams);
2. loads it with `svco load --endpoint .../sparql-graph-crud-auth --graph G` (Graph Store Protocol: the
   reference content and the model, streamed from the parser in requests of 200k triples);
3. validates it with `svco validate --endpoint .../sparql --graph G --format json` (the shapes' queries run
   on the server; the data never comes to the client) and, for sizes up to --compare-max, locally with
   `svco validate model.ttl`, and compares the two result sets (but for the shapes whose data Virtuoso
   changes: SERVER_CHANGES_DATA in tests/test_remote_validate.py).
Prints load and validation wall time, the peak RSS of each `svco` process (os.wait4) and the peak RSS of
the Virtuoso server (VmHWM) after the step. Target (issue 14): the client's peak memory stays flat as the
data grows, under 200 MB at 5M triples.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
from generate_models import generate  # noqa: E402

from tests.servers import VIRTUOSO_INI, free_port  # noqa: E402
from tests.test_remote_validate import SERVER_CHANGES_DATA  # noqa: E402

SVCO = str(Path(sys.executable).parent / "svco")
GRAPH = "https://example.org/bench/remote"


def run(command: list[str], timeout: float) -> tuple[float, int, int, bytes]:
    """Wall seconds, exit code, peak RSS in MB and stdout of ``command``."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.PIPE)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                process.kill()
                pid, status, usage = os.wait4(process.pid, 0)
                status = -1
                break
            time.sleep(0.02)
        elapsed = time.perf_counter() - start
        out.seek(0)
        code = os.waitstatus_to_exitcode(status) if status != -1 else -1
        if code not in (0, 1):
            sys.stderr.write(process.stderr.read().decode("utf-8", "replace")[-2000:])
        return elapsed, code, usage.ru_maxrss // 1024, out.read()


def server_peak_mb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) // 1024
    return -1


def start_virtuoso(folder: Path) -> tuple[subprocess.Popen, str]:
    program = shutil.which("virtuoso-t")
    if program is None:
        sys.exit("bench_remote: Virtuoso is not installed (Debian package virtuoso-opensource)")
    (folder / "www").mkdir()
    http_port = free_port()
    ini = folder / "virtuoso.ini"
    # The tests' configuration with the buffers Virtuoso's documentation gives for a 2 GB server (the tests'
    # 80 MB of buffers are too few past 1M triples).
    config = VIRTUOSO_INI.format(dir=folder, sql_port=free_port(), http_port=http_port)
    config = config.replace("NumberOfBuffers = 10000", "NumberOfBuffers = 170000")
    ini.write_text(config.replace("MaxDirtyBuffers = 6000", "MaxDirtyBuffers = 130000"))
    log = (folder / "server.log").open("wb")
    process = subprocess.Popen([program, "+foreground", "+configfile", str(ini)], cwd=folder, stdout=log,
                               stderr=subprocess.STDOUT, start_new_session=True)  # fmt: skip
    base = f"http://127.0.0.1:{http_port}"
    for _ in range(300):
        try:
            with urllib.request.urlopen(f"{base}/sparql?query=ASK%7B%7D", timeout=2):
                return process, base
        except OSError:
            time.sleep(0.2)
    process.kill()
    sys.exit("bench_remote: Virtuoso did not start")


def results(report: bytes) -> list[tuple]:
    """The results to compare: all but those of the shapes whose data Virtuoso changes (the tests' table)."""

    def plain(text):
        return "_:b" if isinstance(text, str) and text.startswith("_:") else text

    changed = {shape for (server, shape) in SERVER_CHANGES_DATA if server == "virtuoso"}
    keys = ("focus", "shape", "component", "severity", "path", "value")
    found = json.loads(report)["results"]
    return sorted(tuple(plain(r[k]) for k in keys) for r in found if r["shape"] not in changed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000,5000000")
    parser.add_argument("--timeout", type=float, default=1800)
    parser.add_argument("--compare-max", type=int, default=1_000_000, help="largest size also validated locally")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="svco-bench-remote-") as tmp:
        folder = Path(tmp)
        (folder / "virtuoso-db").mkdir()
        process, base = start_virtuoso(folder / "virtuoso-db")
        credentials = ["--user", "dba", "--password", "dba", "--auth", "digest"]
        rows = []
        try:
            for size in sizes:
                model = folder / f"model-{size}.ttl"
                generate(size, model)
                graph = f"{GRAPH}/{size}"
                load = run([SVCO, "load", "--endpoint", f"{base}/sparql-graph-crud-auth", *credentials,
                            "--timeout", str(args.timeout), "--graph", graph, str(model)], args.timeout)  # fmt: skip
                server_after_load = server_peak_mb(process.pid)
                check = run([SVCO, "validate", "--endpoint", f"{base}/sparql", "--graph", graph, "--format", "json",
                             "--timeout", str(args.timeout)], args.timeout)  # fmt: skip
                server_after_validate = server_peak_mb(process.pid)
                agree = "not compared"
                if size <= args.compare_max and check[1] in (0, 1):
                    local = run([SVCO, "validate", str(model), "--format", "json"], args.timeout)
                    if local[1] not in (0, 1):
                        agree = f"local run failed ({local[1]})"
                    else:
                        agree = "yes" if results(local[3]) == results(check[3]) else "NO"
                count = len(json.loads(check[3])["results"]) if check[1] in (0, 1) else "failed"
                rows.append((size, load, check, count, agree, server_after_load, server_after_validate))
                model.unlink()
                print(f"{size:,} triples done: load {load[:3]}, validate {check[:3]}", file=sys.stderr, flush=True)
        finally:
            os.killpg(process.pid, 15)
            process.wait(timeout=30)
    print("| triples | load s | load client MB | validate s | validate client MB | results | same as embedded |"
          " Virtuoso peak MB (after load / after validate) |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|")
    for size, load, check, count, agree, s1, s2 in rows:
        load_text = f"{load[0]:.1f}" if load[1] == 0 else f"failed ({load[1]})"
        check_text = f"{check[0]:.1f}" if check[1] in (0, 1) else f"failed ({check[1]})"
        print(f"| {size:,} | {load_text} | {load[2]} | {check_text} | {check[2]} | {count} | {agree} | {s1} / {s2} |")


if __name__ == "__main__":
    main()
