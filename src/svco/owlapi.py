"""The OWL API check: load an ontology the way Protégé does (catalog, no network) and test OWL 2 DL.

The check is a single-file Java program shipped in the package (``java/OwlProfileCheck.java``), run with
``java File.java`` (no build step) against Debian's ``libowlapi-java`` 5.1 and the jars it depends on.
Set ``SVCO_OWLAPI_CLASSPATH`` to use another OWL API build.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from svco.errors import ReasonerError
from svco.jvm import run_program

#: Debian's OWL API 5 and the jars of the packages it depends on, under /usr/share/java.
DEBIAN_JARS = (
    "owlapi-distribution",
    "atinject-jsr330-api",
    "caffeine",
    "commons-codec",
    "commons-io",
    "commons-logging",
    "commons-rdf-api",
    "guava",
    "hppcrt",
    "httpclient",
    "httpcore",
    "jackson-annotations",
    "jackson-core",
    "jackson-databind",
    "jsr305",
    "slf4j-api",
    "xz",
)
JAVA_DIR = Path("/usr/share/java")


@dataclass
class ProfileReport:
    """What the OWL API made of an ontology: whether it loaded, its imports, and OWL 2 DL violations."""

    loaded: bool
    in_profile: bool = False
    ontology: str | None = None
    imports: list[str] = field(default_factory=list)
    axioms: int = 0
    violations: list[str] = field(default_factory=list)
    error: str | None = None


def owlapi_classpath() -> str:
    """The class path of an OWL API 5 installation; :class:`ReasonerError` if there is none."""
    configured = os.environ.get("SVCO_OWLAPI_CLASSPATH")
    if configured:
        return configured
    jars = [JAVA_DIR / f"{name}.jar" for name in DEBIAN_JARS]
    jars += sorted(JAVA_DIR.glob("rdf4j-*.jar"))
    jars = [j for j in jars if not j.stem.rsplit("-", 1)[-1][:1].isdigit()]  # unversioned links only
    missing = [j.name for j in jars[: len(DEBIAN_JARS)] if not j.exists()]
    if missing:
        raise ReasonerError(
            f"the OWL API is not installed (missing {', '.join(missing)})",
            hint="apt-get install libowlapi-java, or set SVCO_OWLAPI_CLASSPATH",
        )
    return os.pathsep.join(str(j) for j in jars)


def check_profile(ontology: Path, catalogs: list[Path] | tuple[Path, ...] = ()) -> ProfileReport:
    """Load ``ontology`` in the OWL API, resolving imports only through ``catalogs`` (the network is blocked),
    and check it against the OWL 2 DL profile.

    Raises :class:`ReasonerError` when Java or the OWL API is missing or crashes (a file that does not load is
    reported in the result, ``loaded`` false, not raised)."""
    args = [str(ontology), *(str(c) for c in catalogs)]
    data = run_program("OwlProfileCheck", owlapi_classpath(), args, what="the OWL API check")
    return ProfileReport(
        loaded=data["loaded"],
        in_profile=data.get("in_profile", False),
        ontology=data.get("ontology"),
        imports=data.get("imports", []),
        axioms=data.get("axioms", 0),
        violations=data.get("violations", []),
        error=data.get("error"),
    )


#: Syntaxes :func:`convert` writes, by the names ``OwlConvert.java`` takes.
CONVERT_FORMATS = ("owx", "rdfxml", "ttl", "ofn", "omn")


def convert(source: Path, destination: Path, fmt: str = "owx") -> int:
    """Write the self-contained ontology ``source`` (no owl:imports) to ``destination`` in ``fmt`` (one of
    :data:`CONVERT_FORMATS`) with the OWL API, as Protégé would; returns the number of axioms written.

    ``destination`` is written directly: callers wanting atomicity pass a temporary path. Raises
    :class:`ReasonerError` when Java or the OWL API fails (a message from the OWL API says why).
    """
    if fmt not in CONVERT_FORMATS:
        raise ValueError(f"unknown OWL syntax {fmt!r}")
    args = [str(source), str(destination), fmt]
    data = run_program("OwlConvert", owlapi_classpath(), args, what="the OWL API conversion")
    if not data.get("written"):
        raise ReasonerError(f"the OWL API could not convert {source}: {data.get('error')}")
    return int(data.get("axioms", 0))
