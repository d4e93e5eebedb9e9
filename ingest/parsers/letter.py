"""One pipeline for every letter layout: clean → headings → layout scores → item strategies →
record, with an :class:`Explanation` of each step for ``imr parse --explain``.

Layouts differ in which headings are evidence for them and in which item strategy is tried first;
no layout requires any one heading. A letter is rejected only when no layout has enough evidence
(not an IMR letter) or when no strategy finds an item, and the reason then says what was looked
for.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from ingest.parsers.clean import clean_text
from ingest.parsers.common import RawItem, build_document
from ingest.parsers.errors import ParseError
from ingest.parsers.items import Letter, StrategyResult, extract_items
from ingest.records import ParsedDocument

FINAL_DETERMINATION = "dwc-final-determination"
DECISIONS_AND_RATIONALES = "dwc-decisions-and-rationales"
PROFESSIONAL_REVIEW = "dwc-professional-review"
NOTICE_2013 = "dwc-2013-notice"
# Tie-break order.
LETTER_LAYOUTS = (FINAL_DETERMINATION, DECISIONS_AND_RATIONALES, PROFESSIONAL_REVIEW, NOTICE_2013)

# Evidence for each layout: heading names or kinds (sections.py) and the points each is worth.
# A layout's distinctive heading alone (3) is enough; so are two lesser signs.
EVIDENCE: dict[str, dict[str, int]] = {
    FINAL_DETERMINATION: {
        "how_made": 3,
        "issues": 3,
        "clinical case summary": 1,
        "maximus guideline": 2,
        "claims administrator guideline": 1,
    },
    DECISIONS_AND_RATIONALES: {
        "decisions": 3,
        "review_summary": 2,
        "documents reviewed": 1,
        "guideline(s) used by the claims administrator": 2,
        "decision": 1,
    },
    PROFESSIONAL_REVIEW: {
        "pr_title": 3,
        "issue_at_dispute": 3,
        "item_heading": 2,
        "guideline(s) relied upon by the professional reviewer": 2,
        "rationale for why the requested treatment is medically necessary": 2,
        "determination": 1,
    },
    NOTICE_2013: {
        "notice_title": 3,
        "rationale_part": 3,
        "determination of maximus": 2,
        "regarding the request for": 2,
        "has determined the request for": 2,
        "guideline(s) the claims administrator relied upon": 1,
    },
}
MIN_SCORE = 3

# Which item strategy each layout tries first; the rest follow (items.STRATEGIES order).
STRATEGY_ORDER: dict[str, tuple[str, ...]] = {
    FINAL_DETERMINATION: ("outcome-lines", "label-anchored"),
    DECISIONS_AND_RATIONALES: ("label-anchored", "outcome-lines"),
    PROFESSIONAL_REVIEW: ("issue-blocks", "label-anchored", "dispute-list"),
    NOTICE_2013: ("regarding-blocks", "issue-blocks", "label-anchored", "findings"),
}

NOT_A_LETTER = (
    "not an IMR determination letter: none of the known layouts' headings found "
    "(expected e.g. 'IMR ISSUES, DECISIONS AND RATIONALES')"
)

_IMR_MARKER = re.compile(
    r"\bCM\d{2}-\d{7}\b|independent\s+medical\s+review|\bIMR\b|\bmaximus\b", re.IGNORECASE
)
_HAS_DETERMINED = re.compile(r"has\s+determined\s+(?:that\s+)?the\s+requests?\s", re.IGNORECASE)
_REGARDING = re.compile(
    r"^\s*(?:\d{1,2}[.)]\s*)?regarding\s+the\s+request", re.IGNORECASE | re.MULTILINE
)


@dataclass
class LayoutScore:
    layout: str
    score: int
    evidence: list[str]


@dataclass
class Explanation:
    """What the parser saw and decided, step by step."""

    source: str
    layout: str | None = None
    scores: list[LayoutScore] = field(default_factory=list)
    sections: list[dict[str, Any]] = field(default_factory=list)
    strategies: list[StrategyResult] = field(default_factory=list)
    items: list[dict[str, Any]] = field(default_factory=list)
    rejected: str | None = None
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _evidence(letter: Letter) -> set[str]:
    seen = {f.name for f in letter.headings} | {f.heading.kind for f in letter.headings}
    if _HAS_DETERMINED.search(letter.cleaned):
        seen.add("has determined the request for")
    if _REGARDING.search(letter.cleaned):
        seen.add("regarding the request for")
    return seen


def score_layouts(letter: Letter) -> list[LayoutScore]:
    """Every letter layout's score, best first (ties in :data:`LETTER_LAYOUTS` order)."""
    seen = _evidence(letter)
    scores = []
    for layout in LETTER_LAYOUTS:
        found = [sign for sign in EVIDENCE[layout] if sign in seen]
        scores.append(LayoutScore(layout, sum(EVIDENCE[layout][s] for s in found), found))
    return sorted(scores, key=lambda s: -s.score)


def best_layout(letter: Letter) -> str | None:
    best = score_layouts(letter)[0]
    return best.layout if best.score >= MIN_SCORE else None


def read_letter(text: str) -> Letter:
    return Letter.of(clean_text(text))


def _qualifications(letter: Letter) -> str | None:
    for name in ("qualifications", "how_made", "review_summary"):
        text = letter.section(name)
        if text:
            return text
    return None


def parse_letter(
    text: str,
    source: str,
    layout: str | None = None,
    *,
    letter: Letter | None = None,
    explanation: Explanation | None = None,
) -> ParsedDocument:
    """Parse one letter as ``layout`` (``None``: the best-scoring one); raises
    :class:`ParseError` with a specific reason. ``explanation``, when given, is filled in."""
    explain = explanation if explanation is not None else Explanation(source)
    letter = letter or read_letter(text)
    explain.scores = score_layouts(letter)
    explain.sections = [
        {"name": f.name, "kind": f.heading.kind, "line": f.line + 1, "offset": f.start,
         "heading": f.heading.text}
        for f in letter.headings
    ]  # fmt: skip
    if layout is None:
        best = explain.scores[0]
        # Weak evidence is enough in a text that is plainly about an IMR (a case number, the
        # words "Independent Medical Review"): better a record with a warning than a rejection.
        if best.score < MIN_SCORE and not (best.score > 0 and _IMR_MARKER.search(text)):
            explain.rejected = NOT_A_LETTER
            raise ParseError(source, NOT_A_LETTER)
        layout = best.layout
    explain.layout = layout
    items, explain.strategies = extract_items(letter, STRATEGY_ORDER[layout])
    if not items:
        tried = "; ".join(f"{r.name}: {r.reason}" for r in explain.strategies)
        explain.rejected = f"no disputed items found ({tried})"
        raise ParseError(source, explain.rejected)
    explain.items = [
        {"number": i.number, "text": i.text, "outcome": i.outcome_text,
         "outcome_from": i.outcome_source}
        for i in items
    ]  # fmt: skip
    # The professional-review layout names only the reviewer's guideline.
    raw_items = [
        RawItem(
            text=i.text,
            outcome_text=i.outcome_text,
            rationale=i.rationale,
            claims_citation=i.claims_citation,
            reviewer_citation=i.reviewer_citation,
            number=i.number,
        )
        for i in items
    ]
    document = build_document(
        source=source,
        layout=layout,
        raw=text,
        text=letter.cleaned,
        summary=letter.section("summary"),
        qualifications=_qualifications(letter),
        raw_items=raw_items,
    )
    explain.warnings = list(document.warnings)
    for shown, item in zip(explain.items, document.items, strict=True):
        shown["outcome"] = item.outcome
    return document
