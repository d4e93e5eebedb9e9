"""Layout ``dwc-professional-review``: "MEDICAL PROFESSIONAL REVIEW" letters.

Outcomes are listed under "DETERMINATION:" ("1. [item]: UPHELD"); each item then has an
"ISSUE N:" block with the reviewer's guideline (the claims administrator's is never named) and a
rationale whose heading wording also gives the outcome ("... IS/WAS NOT MEDICALLY NECESSARY").
"""

from __future__ import annotations

import re

from ingest.parsers.clean import OUTCOME_WORDS, clean_text
from ingest.parsers.common import (
    RawItem,
    build_document,
    label,
    labelled_fields,
    section,
    split_items,
)
from ingest.parsers.errors import ParseError
from ingest.records import ParsedDocument

LAYOUT = "dwc-professional-review"
MARKERS: tuple[str, ...] = ("MEDICAL PROFESSIONAL REVIEW", "ISSUE AT DISPUTE:")

_ISSUE_AT_DISPUTE = label("ISSUE AT DISPUTE:")
_DETERMINATION = re.compile(r"^\s*DETERMINATION\s*:", re.IGNORECASE | re.MULTILINE)
_CASE_SUMMARY = label("CASE SUMMARY:")
_DOCUMENTS = label("DOCUMENTS REVIEWED FOR DETERMINATION:")
_QUALIFICATIONS = label("MEDICAL REVIEWER QUALIFICATIONS:")
_ISSUE = re.compile(r"^[ \t]*ISSUE\s+\d{1,2}\s*:\s*", re.IGNORECASE | re.MULTILINE)
_GUIDELINE = re.compile(
    r"MEDICAL\s+TREATMENT\s+GUIDELINE\s*\(S\)\s+RELIED\s+UPON\s+BY\s+(?:THE\s+)?PROFESSIONAL\s+"
    r"REVIEWER(?:\s+AND\s+WHY)?\s*:",
    re.IGNORECASE,
)
_RATIONALE = re.compile(
    r"RATIONALE\s+FOR\s+WHY\s+THE\s+REQUESTED\s+TREATMENT\s*/\s*SERVICE\s+IS\s*/\s*WAS\s+"
    r"(?P<neg>NOT\s+)?(?P<partial>PARTIALLY\s+)?MEDICALLY\s+NECESSARY\s*:",
    re.IGNORECASE,
)
_DETERMINATION_LINE = re.compile(
    r"^[ \t]*(?P<n>\d{1,2})[.)][ \t]+[^\n]{0,600}?:\s*(?P<outcome>" + OUTCOME_WORDS + r")\b",
    re.IGNORECASE | re.MULTILINE,
)
_FIELDS = {"guideline": _GUIDELINE, "rationale": _RATIONALE}


def _listed_outcomes(determination: str) -> dict[int, str]:
    return {int(m["n"]): m["outcome"] for m in _DETERMINATION_LINE.finditer(determination)}


def _heading_outcome(body: str) -> str | None:
    match = _RATIONALE.search(body)
    if match is None:
        return None
    if match["partial"]:
        return "partially medically necessary"
    return "not medically necessary" if match["neg"] else "medically necessary"


def parse(text: str, source: str) -> ParsedDocument:
    cleaned = clean_text(text)
    if _ISSUE_AT_DISPUTE.search(cleaned) is None:
        raise ParseError(source, "heading 'ISSUE AT DISPUTE:' not found")
    determination = section(cleaned, _DETERMINATION, (_CASE_SUMMARY, _DOCUMENTS, _ISSUE)) or ""
    listed = _listed_outcomes(determination)
    qualifications = section(cleaned, _QUALIFICATIONS)
    body_text = cleaned[: _QUALIFICATIONS.search(cleaned).start()] if qualifications else cleaned  # type: ignore[union-attr]
    raw_items = []
    for number, (item_text, body) in enumerate(split_items(body_text, _ISSUE, _GUIDELINE), start=1):
        fields = labelled_fields(body, _FIELDS)
        raw_items.append(
            RawItem(
                text=item_text,
                outcome_text=listed.get(number) or _heading_outcome(body),
                rationale=fields.get("rationale"),
                reviewer_citation=fields.get("guideline"),
                number=number,
            )
        )
    return build_document(
        source=source,
        layout=LAYOUT,
        raw=text,
        text=cleaned,
        summary=section(cleaned, _CASE_SUMMARY, (_DOCUMENTS, _ISSUE)),
        qualifications=qualifications,
        raw_items=raw_items,
    )
