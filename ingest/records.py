"""Typed records: the contract between the parsers, the loader and search.

A parser turns one document (or one DMHC CSV row) into a :class:`ParsedDocument`, or a
:class:`ParseFailure` naming the source and the reason. ``to_json()`` gives the public JSON shape
printed by ``imr parse --json``; ``from_json()`` reads it back, so ``records.jsonl`` can sit
between parsing and loading.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Layout = Literal[
    "dwc-2013-notice",
    "dwc-final-determination",
    "dwc-decisions-and-rationales",
    "dwc-professional-review",
    "dmhc-csv",
]
LAYOUTS: tuple[str, ...] = (
    "dwc-2013-notice",
    "dwc-final-determination",
    "dwc-decisions-and-rationales",
    "dwc-professional-review",
    "dmhc-csv",
)
Outcome = Literal["upheld", "overturned", "partially overturned"]
OUTCOMES: tuple[str, ...] = ("upheld", "overturned", "partially overturned")
CitedBy = Literal["reviewer", "claims administrator"]


@dataclass(frozen=True)
class GuidelineCitation:
    name: str
    family: str
    pages: str | None = None
    cited_by: str = "reviewer"


@dataclass
class DecisionItem:
    text: str
    service: str
    category: str
    outcome: str | None
    rationale: str
    body_region: str | None = None
    quantity: int | None = None
    frequency: str | None = None
    duration: str | None = None
    guidelines: list[GuidelineCitation] = field(default_factory=list)


@dataclass
class Patient:
    age: int | None = None
    sex: str | None = None
    injury_date: str | None = None
    age_range: str | None = None


@dataclass
class Reviewer:
    specialty: str | None = None
    license_state: str | None = None


@dataclass
class ParsedDocument:
    source: str
    layout: str
    case_id: str | None
    decision_date: str | None
    patient: Patient
    diagnoses: list[str]
    reviewer: Reviewer
    items: list[DecisionItem]
    summary: str | None = None
    warnings: list[str] = field(default_factory=list)
    ur_date: str | None = None
    doc_sha256: str | None = None
    # The DMHC adapter fills these; letters leave them None.
    dispute_type: str | None = None
    diagnosis_category: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ParsedDocument:
        items = [
            DecisionItem(
                **{
                    **item,
                    "guidelines": [GuidelineCitation(**g) for g in item.get("guidelines", [])],
                }
            )
            for item in data.get("items", [])
        ]
        return cls(
            **{
                **data,
                "patient": Patient(**(data.get("patient") or {})),
                "reviewer": Reviewer(**(data.get("reviewer") or {})),
                "items": items,
            }
        )


@dataclass(frozen=True)
class ParseFailure:
    source: str
    error: str

    def to_json(self) -> dict[str, Any]:
        return {"source": self.source, "error": self.error}


ParseResult = ParsedDocument | ParseFailure
