"""Input that would blow up memory is refused with exit 2: RDF/XML entity expansion ("billion laughs"), terms
over the parser buffer; Protégé's plain entities still load."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from svco.cli import main
from svco.store import Store

SVCO = os.path.join(os.path.dirname(sys.executable), "svco")

PROTEGE = """<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
    <!ENTITY owl "http://www.w3.org/2002/07/owl#" >
    <!ENTITY rdfs "http://www.w3.org/2000/01/rdf-schema#" >
    <!ENTITY rdf "http://www.w3.org/1999/02/22-rdf-syntax-ns#" >
]>
<rdf:RDF xmlns:rdf="&rdf;" xmlns:rdfs="&rdfs;" xmlns:owl="&owl;">
    <owl:Class rdf:about="https://example.org/Thing"><rdfs:label>A thing</rdfs:label></owl:Class>
</rdf:RDF>
"""


def _laughs(levels: int) -> str:
    lines = ['<!ENTITY lol0 "lollollollollollollollollollol">']
    lines += [f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, levels + 1)]
    return f"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
{chr(10).join(lines)}
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#">
  <rdf:Description rdf:about="https://example.org/x"><rdfs:label>&lol{levels};</rdfs:label></rdf:Description>
</rdf:RDF>
"""


def test_protege_entities_still_load(tmp_path):
    model = tmp_path / "model.owl"
    model.write_text(PROTEGE)
    store = Store()
    (loaded,) = store.load([model])
    assert loaded.triples == 2


@pytest.mark.parametrize("levels", [9, 12])
def test_nested_entities_are_refused_quickly(tmp_path, levels):
    model = tmp_path / "laughs.rdf"
    model.write_text(_laughs(levels))
    done = subprocess.run([SVCO, "validate", str(model)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2, done.stderr
    assert f"{model}:4: the DOCTYPE declares entities" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    "declaration",
    ['<!ENTITY % p "x">', '<!ENTITY ext SYSTEM "file:///etc/passwd">', "<!ENTITY pub PUBLIC 'x' 'http://e/x'>"],
)
def test_parameter_and_external_entities_are_refused(tmp_path, capsys, declaration):
    model = tmp_path / "model.rdf"
    model.write_text(PROTEGE.replace("]>", f"    {declaration}\n]>"))
    assert main(["validate", str(model)]) == 2
    assert "entities svco does not expand" in capsys.readouterr().err


def test_wide_expansion_is_bounded(tmp_path, capsys):
    big = "x" * 100_000
    refs = "&big;" * 200  # 20 MB once expanded, from a 100 KB file
    model = tmp_path / "wide.rdf"
    model.write_text(PROTEGE.replace("]>", f'    <!ENTITY big "{big}">\n]>').replace("A thing", refs))
    assert main(["validate", str(model)]) == 2
    assert "MiB of text" in capsys.readouterr().err


def test_piped_laughs_are_refused(tmp_path):
    done = subprocess.run([SVCO, "validate", "--input-format", "rdfxml", "/dev/stdin"], input=_laughs(10),
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    assert done.returncode == 2 and "entities svco does not expand" in done.stderr


def test_a_literal_over_the_parser_buffer_is_exit_2(tmp_path, capsys):
    model = tmp_path / "big.ttl"
    model.write_text('<urn:a> <urn:p> "' + "x" * (17 * 1024 * 1024) + '" .\n')
    assert main(["validate", str(model)]) == 2
    assert "16 MiB" in capsys.readouterr().err


def _nested_rdfxml(path, levels: int, *, broken: bool = False):
    """A chain of rdfs:seeAlso whose node elements nest ``levels`` deep (two XML elements a level)."""
    opening = '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#">'
    body = "".join(f'<rdf:Description rdf:about="https://example.org/n#{i}"><rdfs:seeAlso>' for i in range(levels))
    end = '<rdf:Description rdf:about="https://example.org/n#end"/>' if not broken else "<rdf:li>no</rdf:li>"
    path.write_text(opening + body + end + "</rdfs:seeAlso></rdf:Description>" * levels + "</rdf:RDF>")
    return path


def test_deeply_nested_rdfxml_is_read_whole_and_in_linear_time(tmp_path, monkeypatch):
    """Past DEEP_XML nested elements an RDF/XML file is read by rdflib's parser (Oxigraph's takes time cubic
    in the depth): the same triples as Oxigraph's parser gives, and a broken one is still an InputError."""
    import svco.sources
    from svco.errors import InputError
    from svco.store import Store

    deep = _nested_rdfxml(tmp_path / "deep.rdf", 600)
    monkeypatch.setattr(svco.sources, "DEEP_XML", 1000)  # 1,201 elements: rdflib's parser
    by_rdflib = Store()
    assert by_rdflib.load([deep])[0].triples == 600
    monkeypatch.setattr(svco.sources, "DEEP_XML", 10_000)  # Oxigraph's parser
    by_oxigraph = Store()
    by_oxigraph.load([deep])
    assert set(by_rdflib.triples()) == set(by_oxigraph.triples())
    monkeypatch.setattr(svco.sources, "DEEP_XML", 1000)
    with pytest.raises(InputError, match="not valid RDF/XML"):
        Store().load([_nested_rdfxml(tmp_path / "broken.rdf", 600, broken=True)])
