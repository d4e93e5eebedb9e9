"""Layout ``dwc-final-determination``: "HOW THE IMR FINAL DETERMINATION WAS MADE" letters.

Items are lines ending in their outcome ("12 Physical and Home Therapy, ...:  Upheld"), each
followed by "Claims Administrator guideline:", "MAXIMUS guideline:" and "Decision rationale:".
"""

from __future__ import annotations

import re

from ingest.parsers.clean import OUTCOME_WORDS, clean_text
from ingest.parsers.common import RawItem, build_document, label, labelled_fields, section
from ingest.parsers.errors import ParseError
from ingest.records import ParsedDocument

LAYOUT = "dwc-final-determination"
MARKERS: tuple[str, ...] = (
    "IMR ISSUES, DECISIONS AND RATIONALES",
    "HOW THE IMR FINAL DETERMINATION WAS MADE",
    "CLINICAL CASE SUMMARY",
)

_HOW = label("HOW THE IMR FINAL DETERMINATION WAS MADE")
_SUMMARY = label("CLINICAL CASE SUMMARY")
_ISSUES = label("IMR ISSUES, DECISIONS AND RATIONALES")
_SET_FORTH = re.compile(
    r"^\s*the\s+final\s+determination\s+was\s+based\s+on\s+decisions[^\n]{0,160}?:\s*$",
    re.IGNORECASE | re.MULTILINE,
)
# A whole logical line: item text, colon, outcome. Bounded so a junk line cannot backtrack long.
_ITEM_LINE = re.compile(
    r"^(?P<text>[^\n]{1,600}?)\s*:\s*(?P<outcome>" + OUTCOME_WORDS + r")\s*\.?[ ]*$",
    re.IGNORECASE | re.MULTILINE,
)
_FIELDS = {
    "claims": label("Claims Administrator guideline:"),
    "reviewer": label("MAXIMUS guideline:"),
    "rationale": label("Decision rationale:"),
}


def parse(text: str, source: str) -> ParsedDocument:
    cleaned = clean_text(text)
    issues = section(cleaned, _ISSUES)
    if issues is None:
        raise ParseError(source, "heading 'IMR ISSUES, DECISIONS AND RATIONALES' not found")
    issues = _SET_FORTH.sub("", issues, count=1)
    headers = list(_ITEM_LINE.finditer(issues))
    raw_items = []
    for k, header in enumerate(headers):
        end = headers[k + 1].start() if k + 1 < len(headers) else len(issues)
        fields = labelled_fields(issues[header.end() : end], _FIELDS)
        raw_items.append(
            RawItem(
                text=header.group("text"),
                outcome_text=header.group("outcome"),
                rationale=fields.get("rationale"),
                claims_citation=fields.get("claims"),
                reviewer_citation=fields.get("reviewer"),
            )
        )
    return build_document(
        source=source,
        layout=LAYOUT,
        raw=text,
        text=cleaned,
        summary=section(cleaned, _SUMMARY, (_ISSUES,)),
        qualifications=section(cleaned, _HOW, (_SUMMARY, _ISSUES)),
        raw_items=raw_items,
    )
