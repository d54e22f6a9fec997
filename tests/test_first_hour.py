"""The rough edges a new user met in the first hour (issue 12), each pinned: CURIEs with the model's own
prefixes, messages and hints, SPARQL errors in the user's text, tables that fit, `-o` everywhere, fmt and
comments."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from svco import query as q
from svco.cli import main

REPO = Path(__file__).resolve().parents[1]
MODEL = REPO / "examples" / "reporting-and-password-reset.ttl"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_curie_with_the_models_own_prefix_names_a_stream(capsys):
    code, out, err = run(capsys, "query", "value-stream-steps", str(MODEL), "-p", "stream=ex:PasswordReset")
    assert code == 0, err
    assert "User contacts the help desk" in out and "New reporting feature" not in out


@pytest.mark.parametrize(
    ("param", "message", "hint"),
    [
        ("stream=ex:Nope", "'ex:Nope' is not a stream in the loaded data", "svco query value-stream-steps"),
        ("stream=No such stream", "no stream is labelled 'No such stream'", "value-stream-steps"),
    ],
)
def test_unknown_entities_are_named_with_grammar_and_the_query_to_run(capsys, param, message, hint):
    code, _, err = run(capsys, "query", "value-stream-steps", str(MODEL), "-p", param)
    assert code == 2 and message in err and hint in err


def test_an_and_plural_forms():
    assert q._a("activity") == "an activity" and q._a("stream") == "a stream"
    assert q._plural("activity") == "activities" and q._plural("stream") == "streams"


def test_sparql_errors_point_into_the_users_text(capsys):
    text = "SELECT ?s WHERE {\n  ?s a svc:ValueStream .\n  ?s ?p }"
    code, _, err = run(capsys, "query", "--sparql", text)
    assert code == 2 and "line 3, column" in err and "'?s ?p }'" in err
    assert "expected one of" not in err and "Traceback" not in err
    code, _, err = run(capsys, "query", "--sparql", "SELECT ?s WHERE { ?s a foo:Foo }")
    assert code == 2 and "line 1, column 31" in err and "the prefix foo: is not declared" in err


def test_sparql_text_may_use_the_models_prefixes(capsys):
    code, out, err = run(capsys, "query", "--sparql", "SELECT ?l WHERE { ex:PasswordReset rdfs:label ?l }", str(MODEL))
    assert code == 0, err
    assert "Password reset" in out


def test_tables_fit_the_width_and_leave_out_secondary_columns():
    store_backend = q.StoreBackend(_store())
    named = q.load_query("value-stream-steps")
    results = q.run(store_backend, named, {})
    text = q.format_results(results, "table", rich=True, width=120, prefixes=store_backend.prefixes,
                            secondary=named.secondary)  # fmt: skip
    assert max(len(line) for line in text.splitlines()) <= 120
    assert "https://" not in text and "not shown: stream, step, activity" in text
    csv = q.format_results(results, "csv", secondary=named.secondary)
    assert csv.splitlines()[0].startswith("stream,streamLabel,position,step")


def _store():
    from svco.store import Store

    store = Store()
    store.load_reference()
    store.load([MODEL])
    return store


def test_queries_shows_descriptions_and_info_and_queries_take_o(capsys, tmp_path):
    code, out, _ = run(capsys, "queries")
    assert code == 0 and "The steps of a value stream in order" in out
    for command in ("queries", "info"):
        target = tmp_path / f"{command}.txt"
        code, out, _ = run(capsys, command, "-o", str(target))
        assert code == 0 and out == "" and target.read_text()


def test_validate_o_still_prints_the_summary(capsys, tmp_path):
    target = tmp_path / "r.xml"
    code, out, err = run(capsys, "validate", str(MODEL), "--format", "junit", "-o", str(target))
    assert code == 0 and out == "" and target.is_file()
    assert "PASSED: 0 violations" in err and "in 1 file" in err and str(target) in err


def test_validate_on_a_store_counts_its_model_files(capsys, tmp_path):
    store = tmp_path / "st2"
    assert run(capsys, "load", "--store", str(store), str(MODEL))[0] == 0
    code, out, _ = run(capsys, "validate", "--store", str(store))
    assert code == 0 and "in 1 file " in out


def test_fmt_refuses_a_file_with_comments_unless_told(capsys, tmp_path):
    copy = tmp_path / "copy.ttl"
    copy.write_text(MODEL.read_text(encoding="utf-8"), encoding="utf-8")
    before = copy.read_text(encoding="utf-8")
    code, _, err = run(capsys, "fmt", str(copy))
    assert code == 2 and "comment lines" in err and "--drop-comments" in err
    assert copy.read_text(encoding="utf-8") == before
    code, _, _ = run(capsys, "fmt", "--drop-comments", str(copy))
    assert code == 0 and "#" not in copy.read_text(encoding="utf-8").split("@prefix")[0]


def test_prefixes_of_a_model_are_recorded():
    assert _store().prefixes["ex"] == "https://example.org/reporting-and-password-reset#"
    assert q.expand_curie("ex:X", {"ex": "https://e/#"}) == "https://e/#X"
    assert isinstance(q.resolve_value(q.StoreBackend(_store()), q.load_query("value-stream-steps").params[0],
                                      "ex:PasswordReset"), ox.NamedNode)  # fmt: skip


def test_progress_is_silent_when_stderr_is_not_a_terminal(capsys):
    code, _, err = run(capsys, "validate", str(MODEL))
    assert code == 0 and err == ""  # no spinner, no control characters in a CI log


def test_progress_shows_on_a_terminal(monkeypatch):
    import io

    from svco import progress

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    fake = Tty()
    monkeypatch.setattr(progress.sys, "stderr", fake)
    assert progress.enabled()
    with progress.progress("loading") as step:
        progress.file_callback(step)(MODEL, 0, 2)
    assert "loading" in fake.getvalue()
