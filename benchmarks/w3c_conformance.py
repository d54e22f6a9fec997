"""Run svco's SHACL engine over the W3C data-shapes test suite and print how many tests pass, are refused, or
get a wrong answer (the number that must stay 0: a refusal is honest, a wrong verdict is not).

Usage: .venv/bin/python benchmarks/w3c_conformance.py [SUITE_DIR]   (default: the suite vendored in tests/w3c,
see its README; tests/test_w3c_shacl.py runs the same tests in CI).
Compared per result: focus node, constraint component, source shape and path (blank nodes as "_"), severity.
"""

from __future__ import annotations

import collections
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from svco.shacl import OxigraphRunner, compile_shapes
from tests import w3c_suite


def run_test(path: Path) -> tuple[str, str]:
    """(outcome, detail) for one test file: pass, refused or wrong."""
    manifest = w3c_suite.load(path)
    data_file, shapes_file = w3c_suite.action(manifest)
    compiled = compile_shapes([shapes_file])
    expects_failure = w3c_suite.expects_failure(manifest)
    if compiled.unsupported:  # a refusal is the right answer when the suite expects a failure
        return ("pass", "") if expects_failure else ("refused", next(iter(compiled.unsupported.values())))
    if expects_failure:
        return "wrong", "the suite expects a failure"
    data = manifest if data_file == path.resolve() else w3c_suite.load(data_file)
    got = w3c_suite.got(compiled.run(OxigraphRunner(data)))
    expected = w3c_suite.expected(manifest)
    return ("pass", "") if got == expected else ("wrong", str(sorted(got ^ expected)[:2]))


def main(root: Path) -> None:
    """Print one table: outcome counts per part of the suite, then every wrong answer."""
    wrong = []
    print("| part | pass | refused | wrong |\n|---|---|---|---|")
    for part in ("core", "sparql"):
        tally: collections.Counter = collections.Counter()
        for path in w3c_suite.tests(root):
            if path.relative_to(root).parts[0] == part:
                outcome, detail = run_test(path)
                tally[outcome] += 1
                if outcome == "wrong":
                    wrong.append(f"{path.relative_to(root)}: {detail}")
        print(f"| {part} | {tally['pass']} | {tally['refused']} | {tally['wrong']} |")
    for line in wrong:
        print("WRONG", line)


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else w3c_suite.ROOT)
