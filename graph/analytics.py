"""Aggregates for the UI and `imr analytics`: the values every search filter can take (facets),
outcome rates by category, service, guideline, year or reviewer specialty, and per service the
guidelines (pages as written, cited by whom) behind upheld and overturned decisions.

    facets(driver, "neo4j").values["category"]          # [FacetValue("physical medicine", 41), ...]
    outcome_rates(driver, "neo4j", by="year")           # [OutcomeRate("2014", total=..., ...), ...]
    report = service_analytics(driver, "neo4j", "acupuncture")
    report.guidelines[0]                                # GuidelineUse("MTUS ...", pages="8-9", ...)
    csv_text(report.tables()["by_year"])                # the rows as CSV, spreadsheet-safe
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from neo4j import Driver

from graph import queries
from graph.errors import InvalidRequestError, NotFoundError
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
# Spreadsheet programs run cells that start like a formula; exported letter text must not.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
SERVICE_SUGGESTIONS = 5
_UNSAFE_FILE_CHARACTERS = re.compile(r"[^a-z0-9]+")


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


@dataclass(frozen=True)
class GuidelineUse:
    """One guideline as cited (pages as written, by the reviewer or the claims administrator) in
    a service's decisions, with the outcomes of the citing decisions."""

    guideline: str
    family: str | None
    pages: str | None
    cited_by: str | None
    total: int
    upheld: int
    overturned: int
    partially_overturned: int

    @property
    def overturn_rate(self) -> float:
        return (self.overturned + self.partially_overturned) / self.total if self.total else 0.0


@dataclass(frozen=True)
class ServiceAnalytics:
    service: str
    category: str | None
    source: str | None
    outcomes: OutcomeRate  # every decision of the service (key: the service)
    guidelines: list[GuidelineUse]
    by_year: list[OutcomeRate]
    by_specialty: list[OutcomeRate]

    @property
    def file_stem(self) -> str:
        """The service as a file name: lower-case letters, digits and dashes."""
        return _UNSAFE_FILE_CHARACTERS.sub("-", self.service.lower()).strip("-") or "service"

    def tables(self) -> dict[str, list[dict[str, Any]]]:
        """The report as flat rows (CSV / JSON export): guidelines, by_year, by_specialty."""
        return {
            "guidelines": [
                {
                    "service": self.service,
                    "guideline": g.guideline,
                    "family": g.family,
                    "pages": g.pages,
                    "cited_by": g.cited_by,
                    "decisions": g.total,
                    "upheld": g.upheld,
                    "overturned": g.overturned,
                    "partially_overturned": g.partially_overturned,
                    "overturn_rate": round(g.overturn_rate, 4),
                }
                for g in self.guidelines
            ],
            "by_year": _rate_rows(self.service, "year", self.by_year),
            "by_specialty": _rate_rows(self.service, "specialty", self.by_specialty),
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "service": self.service,
            "category": self.category,
            "source": self.source,
            "decisions": self.outcomes.total,
            "upheld": self.outcomes.upheld,
            "overturned": self.outcomes.overturned,
            "partially_overturned": self.outcomes.partially_overturned,
            "overturn_rate": round(self.outcomes.overturn_rate, 4),
            **self.tables(),
        }


def _rate_rows(service: str, key_name: str, rows: Sequence[OutcomeRate]) -> list[dict[str, Any]]:
    return [
        {
            "service": service,
            key_name: row.key,
            "decisions": row.total,
            "upheld": row.upheld,
            "overturned": row.overturned,
            "partially_overturned": row.partially_overturned,
            "overturn_rate": round(row.overturn_rate, 4),
        }
        for row in rows
    ]


def _outcome_rate(key: str, record: Any) -> OutcomeRate:
    return OutcomeRate(
        key=key,
        total=int(record["total"]),
        upheld=int(record["upheld"]),
        overturned=int(record["overturned"]),
        partially_overturned=int(record["partially_overturned"]),
    )


def service_names(driver: Driver, database: str) -> list[str]:
    """The canonical services in the graph, most requested first."""
    return [
        str(r["service"]) for r in read(driver, database, queries.SERVICE_NAMES) if r["decisions"]
    ]


def resolve_service(driver: Driver, database: str, text: str) -> str:
    """The canonical service a typed name means ("PT", "Physical Therapy" → physical therapy).

    Raises NotFoundError naming the closest services in the graph when it means none of them."""
    from ingest.normalise import normalise_service

    wanted = " ".join((text or "").split()).lower()
    if not wanted:
        raise InvalidRequestError("no service given: name one, e.g. 'acupuncture'")
    known = service_names(driver, database)
    if wanted in known:
        return wanted
    canonical = normalise_service(wanted).service
    if canonical in known:
        return canonical
    close = difflib.get_close_matches(wanted, known, n=SERVICE_SUGGESTIONS, cutoff=0.5)
    suggestions = close or known[:SERVICE_SUGGESTIONS]
    hint = f"; services in the graph include: {', '.join(suggestions)}" if suggestions else ""
    raise NotFoundError(
        f"No decisions for the service {text!r} (read as {canonical!r}){hint}. "
        "Use a name from the Analytics page or `imr analytics --help`"
    )


def service_analytics(
    driver: Driver, database: str, service: str, *, source: str | None = None
) -> ServiceAnalytics:
    """Guidelines cited in the service's upheld vs overturned decisions, and its overturn rate by
    decision year and reviewer specialty. `service` is resolved as resolve_service() does."""
    if source is not None and source not in SOURCE_VALUES:
        raise InvalidRequestError(f"source must be dwc or dmhc, got {source!r}")
    name = resolve_service(driver, database, service)
    params = {"service": name, "source": source}
    summary = read(driver, database, queries.SERVICE_SUMMARY, params)[0]
    guidelines = [
        GuidelineUse(
            guideline=str(r["guideline"]),
            family=r["family"],
            pages=r["pages"],
            cited_by=r["cited_by"],
            total=int(r["total"]),
            upheld=int(r["upheld"]),
            overturned=int(r["overturned"]),
            partially_overturned=int(r["partially_overturned"]),
        )
        for r in read(driver, database, queries.SERVICE_GUIDELINE_OUTCOMES, params)
    ]
    rates = {
        by: [
            _outcome_rate(str(r["key"]), r)
            for r in read(driver, database, queries.SERVICE_OUTCOME_RATES[by], params)
        ]
        for by in queries.SERVICE_OUTCOME_RATES
    }
    return ServiceAnalytics(
        service=name,
        category=summary["category"],
        source=source,
        outcomes=_outcome_rate(name, summary),
        guidelines=guidelines,
        by_year=sorted(rates["year"], key=lambda row: row.key),
        by_specialty=rates["specialty"],
    )


def spreadsheet_safe(value: object) -> object:
    """A cell a spreadsheet shows as text: one that starts like a formula gets a leading '."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def csv_text(rows: Sequence[dict[str, Any]]) -> str:
    """Rows (dicts with the same keys) as CSV with a header; empty values stay empty."""
    if not rows:
        return ""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: spreadsheet_safe(v) for k, v in row.items()})
    return buffer.getvalue()
