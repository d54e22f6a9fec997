"""Running svco's single-file Java programs (``svco/java/*.java``, launched with ``java File.java``).

Each program prints one JSON object as the last ``{``-line of its standard output; this module finds Java,
runs a program with a class path and a timeout, and returns that object.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from importlib.resources import files
from pathlib import Path

from svco.errors import ReasonerError

#: JVM flags that send every connection to a dead local SOCKS proxy: the programs never reach the network.
OFFLINE = ("-DsocksProxyHost=127.0.0.1", "-DsocksProxyPort=9", "-Djava.net.useSystemProxies=false")


def java_executable() -> str:
    """The ``java`` to run (``SVCO_JAVA``, else the one on the PATH); :class:`ReasonerError` if there is none."""
    java = os.environ.get("SVCO_JAVA") or shutil.which("java")
    if not java:
        raise ReasonerError(
            "no Java runtime found: HermiT and the OWL API need one",
            hint="install one (Debian: apt-get install default-jre-headless) or set SVCO_JAVA",
        )
    return java


def run_program(
    name: str, classpath: str, args: list[str], *, what: str, timeout: float = 300.0, require_success: bool = False
) -> dict:
    """Run ``svco/java/NAME.java`` offline and return the JSON object it printed last.

    Raises :class:`ReasonerError` naming ``what`` when Java is missing, the program times out, prints no
    JSON, or (with ``require_success``) exits non-zero.
    """
    program = Path(str(files("svco") / "java" / f"{name}.java"))
    command = [java_executable(), *OFFLINE, "-cp", classpath, str(program), *args]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise ReasonerError(f"{what} took more than {timeout:g} s") from None
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if not lines or (require_success and done.returncode != 0):
        raise ReasonerError(f"{what} failed (exit {done.returncode}): {done.stderr.strip()[-2000:]}")
    return json.loads(lines[-1])
