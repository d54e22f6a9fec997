"""The named SPARQL query catalog: ``queries/*.rq``, one query a file, documented in its header.

The header is comment lines at the top of the file::

    # title: Flows between two activities
    # description: The canonical hand-offs from one activity to another.
    # param: from (activity) default svc:Plan: the producing activity
    # param: to (activity) default svc:DesignAndTransition: the consuming activity
    # secondary: from to

``# secondary:`` names result columns that a table for people may leave out (IRIs shown beside their labels);
CSV and JSON keep them.

The file stem is the query's name. Parameters are SPARQL variables of the same name (``?from``); they are
bound as RDF terms when the query runs, never spliced into its text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from svco.errors import InputError, UsageError
from svco.resources import queries_dir

_PARAM = re.compile(r"^(?P<name>[A-Za-z_]\w*) \((?P<type>[\w-]+)\)(?: default (?P<default>\S+))?: (?P<doc>.+)$")


@dataclass(frozen=True)
class Param:
    """One query parameter: its name (= SPARQL variable), type, default and meaning."""

    name: str
    type: str
    default: str | None
    doc: str


@dataclass(frozen=True)
class NamedQuery:
    """A query of the catalog (or a user's ``.rq`` file) with its header parsed."""

    name: str
    path: Path
    text: str
    title: str
    description: str
    params: tuple[Param, ...] = field(default=())
    secondary: tuple[str, ...] = field(default=())

    def param(self, name: str) -> Param:
        """The parameter called ``name``; :class:`UsageError` listing the known ones if there is none."""
        for p in self.params:
            if p.name == name:
                return p
        known = ", ".join(p.name for p in self.params) or "none"
        raise UsageError(f"query {self.name!r} has no parameter {name!r}", hint=f"its parameters: {known}")


def parse_query_file(path: Path) -> NamedQuery:
    """Read a ``.rq`` file and its header; :class:`InputError` names the line of a malformed header."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(path, "no such query file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, f"cannot read the query file: {exc}") from None
    meta: dict[str, str] = {}
    params: list[Param] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        key, sep, value = line.lstrip("# ").partition(":")
        if not sep:
            continue
        key, value = key.strip().lower(), value.strip()
        if key == "param":
            match = _PARAM.match(value)
            if not match:
                raise InputError(
                    path,
                    f"malformed parameter header {value!r}",
                    line=number,
                    hint="write `# param: NAME (TYPE) default VALUE: meaning` (the default is optional)",
                )
            params.append(Param(match["name"], match["type"], match["default"], match["doc"]))
        elif key in ("title", "description", "secondary"):
            meta[key] = value
    return NamedQuery(
        name=path.stem,
        path=path,
        text=text,
        title=meta.get("title", path.stem),
        description=meta.get("description", ""),
        params=tuple(params),
        secondary=tuple(v.lstrip("?") for v in meta.get("secondary", "").split()),
    )


def catalog() -> dict[str, NamedQuery]:
    """Every query of the shipped catalog, by name."""
    return {p.stem: parse_query_file(p) for p in sorted(queries_dir().glob("*.rq"))}


def find_query(name_or_path: str) -> NamedQuery:
    """A catalog query by name, or a user's ``.rq`` file by path."""
    if name_or_path.endswith(".rq") or "/" in name_or_path:
        return parse_query_file(Path(name_or_path))
    path = queries_dir() / f"{name_or_path}.rq"
    if path.is_file():
        return parse_query_file(path)
    import difflib

    names = sorted(p.stem for p in queries_dir().glob("*.rq"))
    close = difflib.get_close_matches(name_or_path, names, n=3)
    hint = f"did you mean {', '.join(close)}?" if close else "run `svco queries` to list the catalog"
    raise UsageError(f"no query named {name_or_path!r} in the catalog", hint=hint)
