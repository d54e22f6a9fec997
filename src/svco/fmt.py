"""One stable Turtle form for the hand-written ``.ttl`` files, so that diffs show meaning, not reordering.

The form is rdflib's Turtle serialisation of the file's graph after blank nodes are given canonical
labels (``rdflib.compare.to_canonical_graph``): subjects and predicates sorted, lists inline, the file's
own prefixes kept. Comments do not survive it, so a file with comment lines is refused (nothing is lost
silently) unless ``drop_comments`` is given: put explanations in ``rdfs:comment`` or ``skos:editorialNote``
where tools can show them.
"""

from __future__ import annotations

import re
from pathlib import Path

from svco.errors import InputError
from svco.output import atomic_write_text


def canonical_turtle(path: Path) -> str:
    """The canonical Turtle text of the file at ``path``."""
    import rdflib
    from rdflib.compare import to_canonical_graph

    source = rdflib.Graph(bind_namespaces="none")
    try:
        source.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises many parser exception types
        raise InputError(path, f"not valid Turtle: {exc}") from None
    canonical = rdflib.Graph(bind_namespaces="none")
    for prefix, namespace in source.namespaces():
        canonical.bind(prefix, namespace, override=True)
    for triple in to_canonical_graph(source):
        canonical.add(triple)
    return canonical.serialize(format="turtle")


def unformatted(paths: list[Path]) -> list[Path]:
    """The files among ``paths`` that are not in canonical form."""
    return [p for p in paths if p.read_text(encoding="utf-8") != canonical_turtle(p)]


_COMMENT_LINE = re.compile(r"^[ \t]*#", re.MULTILINE)


def format_files(paths: list[Path], *, drop_comments: bool = False) -> list[Path]:
    """Rewrite each file in canonical form (atomically); return the files that changed.

    Raises :class:`InputError` for a file with comment lines (before any file is rewritten), unless
    ``drop_comments``: the canonical form cannot keep them.
    """
    if not drop_comments:
        for path in paths:
            text = path.read_text(encoding="utf-8")
            found = _COMMENT_LINE.search(text)
            if found:
                count = len(_COMMENT_LINE.findall(text))
                raise InputError(
                    path,
                    f"has {count} comment line{'s' if count != 1 else ''}, which the canonical form would drop",
                    line=text.count("\n", 0, found.start()) + 1,
                    hint="move them into rdfs:comment or skos:editorialNote, or pass --drop-comments",
                )
    changed = []
    for path in paths:
        text = canonical_turtle(path)
        if path.read_text(encoding="utf-8") != text:
            atomic_write_text(path, text)
            changed.append(path)
    return changed
