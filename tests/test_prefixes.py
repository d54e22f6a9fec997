"""The prefixes a model declares (svco.prefixes), found by a plain keyword search and then the full pattern."""

from __future__ import annotations

import pytest

from svco.prefixes import from_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "@prefix ex: <https://e.org/a#> .\nPREFIX : <https://e.org/b/>",
            {"ex": "https://e.org/a#", "": "https://e.org/b/"},
        ),
        ("pReFiX ex: <http://a/> @PREFIX y: <http://b/>", {"ex": "http://a/", "y": "http://b/"}),
        ("xPREFIX ex: <http://a/> :PREFIX ey: <http://b/>", {}),  # a keyword glued to a name is no keyword
        ("@prefix ex: <http://a/> . @prefix ex: <http://b/> .", {"ex": "http://b/"}),  # the last one wins
        ("PREFIX ex: <relative/> PREFIX prefix: <urn:x:>", {"prefix": "urn:x:"}),  # only absolute IRIs
        ("<rdf:RDF xmlns:a=\"http://a/\" xmlns:b='http://b/'/>", {"a": "http://a/", "b": "http://b/"}),
        ('axmlns:q="http://q/"', {}),
        ("İ @prefix ex: <http://a/> .", {"ex": "http://a/"}),  # a text whose lower case is longer
        ("prefix @prefix", {}),
    ],
)
def test_declarations_are_found(text, expected):
    assert from_text(text) == expected
