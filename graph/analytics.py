"""Aggregates for the UI: the values every search filter can take (facets) and outcome rates by
category, service, guideline, year or reviewer specialty.

    facets(driver, "neo4j").values["category"]          # [FacetValue("physical medicine", 41), ...]
    outcome_rates(driver, "neo4j", by="year")           # [OutcomeRate("2014", total=..., ...), ...]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from neo4j import Driver

from graph import queries
from graph.errors import InvalidRequestError
from graph.reads import read
from graph.search import SOURCE_VALUES

Dimension = Literal["category", "service", "guideline", "year", "specialty"]
DIMENSIONS: tuple[str, ...] = tuple(queries.OUTCOME_RATES)
FACET_NAMES = (
    "outcome",
    "category",
    "service",
    "region",
    "diagnosis",
    "guideline",
    "specialty",
    "source",
)
MAX_RATE_ROWS = 500


@dataclass(frozen=True)
class FacetValue:
    value: str
    count: int


@dataclass(frozen=True)
class Facets:
    """Filter values present in the graph (most frequent first) and the filters' ranges."""

    decisions: int
    cases: int
    values: dict[str, list[FacetValue]] = field(default_factory=dict)
    date_min: str | None = None
    date_max: str | None = None
    age_min: int | None = None
    age_max: int | None = None

    def options(self, facet: str) -> list[str]:
        return [item.value for item in self.values.get(facet, [])]

    def count(self, facet: str, value: str) -> int | None:
        return next((v.count for v in self.values.get(facet, []) if v.value == value), None)


@dataclass(frozen=True)
class OutcomeRate:
    key: str
    total: int
    upheld: int
    overturned: int
    partially_overturned: int

    @property
    def other(self) -> int:
        return self.total - self.upheld - self.overturned - self.partially_overturned

    @property
    def overturn_rate(self) -> float:
        """Overturned (wholly or partly) per decision, as the state reports count it."""
        return (self.overturned + self.partially_overturned) / self.total if self.total else 0.0


def facets(driver: Driver, database: str) -> Facets:
    values: dict[str, list[FacetValue]] = {name: [] for name in FACET_NAMES}
    for record in read(driver, database, queries.FACET_VALUES):
        values.setdefault(record["facet"], []).append(
            FacetValue(str(record["value"]), int(record["count"]))
        )
    ranges = read(driver, database, queries.FACET_RANGES)[0]
    return Facets(
        decisions=int(ranges["decisions"]),
        cases=int(ranges["cases"]),
        values=values,
        date_min=ranges["date_min"],
        date_max=ranges["date_max"],
        age_min=ranges["age_min"],
        age_max=ranges["age_max"],
    )


def outcome_rates(
    driver: Driver,
    database: str,
    by: str,
    *,
    source: str | None = None,
    limit: int = 25,
) -> list[OutcomeRate]:
    """Outcome counts for the `limit` most frequent values of `by` (years: all, in order)."""
    if by not in queries.OUTCOME_RATES:
        raise InvalidRequestError(f"by must be one of {', '.join(DIMENSIONS)}, got {by!r}")
    if source is not None and source not in SOURCE_VALUES:
        raise InvalidRequestError(f"source must be dwc or dmhc, got {source!r}")
    if not 1 <= limit <= MAX_RATE_ROWS:
        raise InvalidRequestError(f"limit must be within 1..{MAX_RATE_ROWS}, got {limit}")
    records = read(
        driver,
        database,
        queries.OUTCOME_RATES[by],
        {"source": source, "limit": MAX_RATE_ROWS if by == "year" else limit},
    )
    rows = [
        OutcomeRate(
            key=str(r["key"]),
            total=int(r["total"]),
            upheld=int(r["upheld"]),
            overturned=int(r["overturned"]),
            partially_overturned=int(r["partially_overturned"]),
        )
        for r in records
    ]
    if by == "year":
        rows.sort(key=lambda row: row.key)
    return rows
