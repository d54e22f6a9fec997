"""Generate synthetic organisation models of a given size, for the benchmarks.

Usage: .venv/bin/python benchmarks/generate_models.py TRIPLES OUT.ttl [--defects N]

Each organisation runs value streams of six steps (Plan, Engage, Design and transition, Obtain/build,
Deliver and support, Improve) with practices, artifacts and times, about 12 triples a step. Every N-th
stream (``--defects``, default 25; 0 for none) carries one defect, in turn: a gap in its positions, a step
with no activity, a misspelt svc: term, a hand-off Deliver and support -> Plan, a practice used outside the
activities it supports, a stream with no trigger. The output is deterministic for given arguments.
"""

from __future__ import annotations

import argparse
from pathlib import Path

HEADER = """@prefix svc: <https://w3id.org/svco#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <https://example.org/synthetic#> .

"""

STEPS = [  # activity, practices, consumes, produces
    ("Plan", ["StrategyManagement", "PortfolioManagement"], ["DemandAndOpportunities"], ["PortfolioDecisions"]),
    ("Engage", ["RelationshipManagement", "BusinessAnalysis"], ["PortfolioDecisions"],
     ["ProductAndServiceRequirements"]),
    ("DesignAndTransition", ["ServiceDesign", "ChangeEnablement"], ["ProductAndServiceRequirements"],
     ["RequirementsAndSpecifications"]),
    ("ObtainBuild", ["SoftwareDevelopmentAndManagement", "DeploymentManagement"], ["RequirementsAndSpecifications"],
     ["ServiceComponents"]),
    ("DeliverAndSupport", ["IncidentManagement", "ServiceDesk"], ["ServiceComponents"],
     ["ProductAndServicePerformanceInformation"]),
    ("Improve", ["ContinualImprovement", "MeasurementAndReporting"], ["ProductAndServicePerformanceInformation"],
     ["ImprovementInitiatives"]),
]  # fmt: skip
STREAMS_PER_ORG = 10
TRIPLES_PER_STREAM = 76  # measured: 6 steps x 11, the stream, its trigger and outcome, its organisation


def stream_ttl(n: int, defect: int | None) -> str:
    s = f"ex:stream{n}"
    order = list(range(len(STEPS)))
    if defect == 3:  # a hand-off Deliver and support -> Plan
        order = [4, 0, 1, 2, 3, 5]
    lines = [f'{s} a svc:NewServiceValueStream ; rdfs:label "Stream {n}" ;']
    if defect != 5:
        lines.append(f"    svc:trigger ex:demand{n} ;")
    lines.append(f"    svc:outcome ex:outcome{n} ;")
    lines.append("    svc:hasStep " + ", ".join(f"ex:s{n}_{i}" for i in range(len(STEPS))) + " .")
    lines.append(f'ex:demand{n} a svc:Demand ; rdfs:label "Demand {n}" ;')
    lines.append("    svc:bringsArtifact svc:DemandAndOpportunities .")
    lines.append(f'ex:outcome{n} a svc:Outcome ; rdfs:label "Outcome {n}" .')
    for pos, i in enumerate(order, start=1):
        activity, practices, consumes, produces = STEPS[i]
        step = f"ex:s{n}_{i}"
        position = pos + 1 if defect == 0 and pos >= 3 else pos
        kind = "svc:ValueStreamStp" if defect == 2 and pos == 2 else "svc:ValueStreamStep"
        used = list(practices)
        if defect == 4 and pos == 1:
            used = ["IncidentManagement"]
        lines.append(f'{step} a {kind} ; rdfs:label "Step {n}.{pos}" ; svc:position {position} ;')
        if not (defect == 1 and pos == 4):
            lines.append(f"    svc:activity svc:{activity} ;")
        lines.append("    svc:usesPractice " + ", ".join(f"svc:{p}" for p in used) + " ;")
        lines.append("    svc:consumes " + ", ".join(f"svc:{a}" for a in consumes) + " ;")
        lines.append("    svc:produces " + ", ".join(f"svc:{a}" for a in produces) + " ;")
        lines.append(f"    svc:processTimeMinutes {60 * (1 + (n + i) % 8)} ;")
        lines.append(f"    svc:waitTimeMinutes {1440 * ((n * 7 + i) % 5)} .")
    return "\n".join(lines) + "\n"


def generate(triples: int, out: Path, defects_every: int = 25) -> int:
    """Write a model of about ``triples`` triples to ``out``; return the number of streams."""
    streams = max(1, triples // TRIPLES_PER_STREAM)
    with out.open("w", encoding="utf-8") as handle:
        handle.write(HEADER)
        for n in range(streams):
            if n % STREAMS_PER_ORG == 0:
                org = n // STREAMS_PER_ORG
                last = min(streams, n + STREAMS_PER_ORG)
                runs = ", ".join(f"ex:stream{k}" for k in range(n, last))
                handle.write(f'ex:org{org} a svc:Organization ; rdfs:label "Organisation {org}" ;\n'
                             f"    svc:runsValueStream {runs} .\n")  # fmt: skip
            defect = None
            if defects_every and n % defects_every == defects_every - 1:
                defect = (n // defects_every) % 6
            handle.write(stream_ttl(n, defect))
    return streams


def long_stream(steps: int, out: Path) -> int:
    """Write ONE value stream of ``steps`` steps (activities in the usual order, round and round); return steps.

    For the scaling benchmark: constraints that relate the steps of a stream must stay linear in them. Two
    teams take turns, so every step hands off to the other team (and passes on what it produces).
    """
    with out.open("w", encoding="utf-8") as handle:
        handle.write(HEADER)
        for team in (0, 1):
            handle.write(f'ex:team{team} a svc:Performer ; rdfs:label "Team {team}" .\n')
        handle.write('ex:org0 a svc:Organization ; rdfs:label "Organisation 0" ; svc:runsValueStream ex:long .\n')
        handle.write('ex:long a svc:NewServiceValueStream ; rdfs:label "Long stream" ; svc:trigger ex:demand ;\n')
        handle.write("    svc:outcome ex:outcome .\n")
        handle.write('ex:demand a svc:Demand ; rdfs:label "Demand" ; svc:bringsArtifact svc:DemandAndOpportunities .\n')
        handle.write('ex:outcome a svc:Outcome ; rdfs:label "Outcome" .\n')
        for pos in range(1, steps + 1):
            activity, practices, consumes, produces = STEPS[(pos - 1) % len(STEPS)]
            handle.write(
                f'ex:long svc:hasStep ex:l{pos} .\nex:l{pos} a svc:ValueStreamStep ; rdfs:label "Step {pos}" ;'
                f" svc:position {pos} ; svc:activity svc:{activity} ; svc:performedBy ex:team{pos % 2} ;\n"
                f"    svc:usesPractice {', '.join(f'svc:{p}' for p in practices)} ;"
                f" svc:consumes svc:{consumes[0]} ; svc:produces svc:{produces[0]} .\n"
            )
    return steps


def nested_rdfxml(depth: int, out: Path) -> int:
    """Write an RDF/XML file whose node elements nest ``depth`` deep (a chain of rdfs:seeAlso); return depth.

    For the scaling benchmark: parsing must stay linear in the nesting depth.
    """
    with out.open("w", encoding="utf-8") as handle:
        handle.write(
            '<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
        )
        handle.write(' xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#">\n')
        for i in range(depth):
            handle.write(f'<rdf:Description rdf:about="https://example.org/nested#n{i}"><rdfs:seeAlso>\n')
        handle.write('<rdf:Description rdf:about="https://example.org/nested#end"/>\n')
        handle.write("</rdfs:seeAlso></rdf:Description>\n" * depth)
        handle.write("</rdf:RDF>\n")
    return depth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("triples", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--defects", type=int, default=25, help="every N-th stream has a defect (0: none)")
    parser.add_argument("--long-stream", action="store_true", help="one stream of TRIPLES steps instead")
    parser.add_argument("--nested-rdfxml", action="store_true", help="RDF/XML nested TRIPLES deep instead")
    args = parser.parse_args()
    if args.long_stream:
        print(f"{args.out}: one stream of {long_stream(args.triples, args.out)} steps")
    elif args.nested_rdfxml:
        print(f"{args.out}: RDF/XML nested {nested_rdfxml(args.triples, args.out)} deep")
    else:
        streams = generate(args.triples, args.out, args.defects)
        print(f"{args.out}: {streams} streams")


if __name__ == "__main__":
    main()
