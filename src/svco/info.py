"""What ``svco info`` reports: the ontology version and how much reference content there is."""

from __future__ import annotations

from dataclasses import dataclass

from svco.catalog import find_query
from svco.store import Store


@dataclass(frozen=True)
class OntologyInfo:
    """The loaded ontology's version and the counts of the reference content, read from the store."""

    version: str | None
    counts: dict[str, int]

    @property
    def practices(self) -> int:
        """All practices, the three categories together."""
        return sum(v for k, v in self.counts.items() if k.endswith("management practices"))

    @property
    def flows(self) -> int:
        """All canonical flows, inside the chain and crossing its boundary."""
        return sum(v for k, v in self.counts.items() if k.startswith("flows"))


def ontology_info(store: Store) -> OntologyInfo:
    """Count the reference content in ``store`` with the catalog's ``ontology-summary`` query."""
    rows = store.select(find_query("ontology-summary").text)
    counts = {row["item"].value: int(row["count"].value) for row in rows}
    return OntologyInfo(store.ontology_version, counts)
