"""Layout ``dwc-decisions-and-rationales``: "IMR DECISION(S) AND RATIONALE(S)" letters.

Items are numbered ("1. [item text]") and each is followed by "Decision:", "Guideline(s) used by
the Claims Administrator:", "Guideline(s) used by the Expert Reviewer:" and "Rationale:".
"""

from __future__ import annotations

import re

from ingest.parsers.clean import clean_text
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

LAYOUT = "dwc-decisions-and-rationales"
MARKERS: tuple[str, ...] = ("IMR DECISION(S) AND RATIONALE(S)", "DOCUMENTS REVIEWED")

_DECISIONS = label("IMR DECISION(S) AND RATIONALE(S)")
_DOCUMENTS = label("DOCUMENTS REVIEWED")
_CLINICAL = re.compile(r"^\s*CLINICAL\s+(?:CASE\s+)?SUMMARY\s*:?\s*$", re.IGNORECASE | re.MULTILINE)
_QUALIFICATIONS = label("Expert reviewer qualifications:")
_ITEM_START = re.compile(r"^[ \t]*\d{1,2}[.)][ \t]+", re.MULTILINE)
_FIELDS = {
    "decision": label("Decision:"),
    "claims": label("Guideline(s) used by the Claims Administrator:"),
    "reviewer": label("Guideline(s) used by the Expert Reviewer:"),
    "rationale": re.compile(r"(?<![A-Za-z])Rationale\s*:", re.IGNORECASE),
}


def parse(text: str, source: str) -> ParsedDocument:
    cleaned = clean_text(text)
    decisions = section(cleaned, _DECISIONS)
    if decisions is None:
        raise ParseError(source, "heading 'IMR DECISION(S) AND RATIONALE(S)' not found")
    raw_items = []
    for item_text, body in split_items(decisions, _ITEM_START, _FIELDS["decision"]):
        fields = labelled_fields(body, _FIELDS)
        decision = fields.get("decision", "")
        raw_items.append(
            RawItem(
                text=item_text,
                # Only the first words after "Decision:" are the outcome.
                outcome_text=decision.strip()[:40],
                rationale=fields.get("rationale"),
                claims_citation=fields.get("claims"),
                reviewer_citation=fields.get("reviewer"),
            )
        )
    header = cleaned[: _DECISIONS.search(cleaned).start()]  # type: ignore[union-attr]
    return build_document(
        source=source,
        layout=LAYOUT,
        raw=text,
        text=cleaned,
        summary=section(header, _CLINICAL),
        qualifications=section(header, _QUALIFICATIONS, (_DOCUMENTS, _CLINICAL)) or header,
        raw_items=raw_items,
    )
