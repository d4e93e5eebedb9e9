"""Layout ``dwc-2013-notice``: the 2013 "Notice of Independent Medical Review Determination".

Outcomes come from the numbered findings ("1. MAXIMUS Federal Services, Inc. has determined the
request for [item] is not medically necessary and appropriate."); the rationale section then has
one "N. Regarding the request for [item]:" block per item with both parties' guidelines.
"""

from __future__ import annotations

import re

from ingest.normalise import collapse_ws
from ingest.parsers.clean import clean_text
from ingest.parsers.common import (
    RawItem,
    build_document,
    find,
    label,
    labelled_fields,
    section,
    split_items,
    starting_with,
)
from ingest.parsers.errors import ParseError
from ingest.records import ParsedDocument

LAYOUT = "dwc-2013-notice"
MARKERS: tuple[str, ...] = (
    "INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE",
    "Notice of Independent Medical Review Determination",
)

_DETERMINATION = label("DETERMINATION OF MAXIMUS FEDERAL SERVICES")
_DECISION = label("INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE")
_QUALIFICATIONS = label("Medical Qualifications of the Expert Reviewer:")
_SUMMARY = re.compile(r"(?<![A-Za-z])Case\s+Summary\s*:", re.IGNORECASE)
_REGARDING = re.compile(
    r"^[ \t]*\d{1,2}[.)][ \t]+Regarding\s+the\s+request\s+for\s+", re.IGNORECASE | re.MULTILINE
)
_FIELDS = {
    "claims": re.compile(
        r"Medical\s+Treatment\s+Guideline\s*\(s\)\s+(?:which|that)\s+the\s+Claims\s+"
        r"Administrator\s+relied\s+upon\s*:",
        re.IGNORECASE,
    ),
    "reviewer": re.compile(
        r"Medical\s+Treatment\s+Guideline\s*\(s\)\s+(?:which\s+|that\s+)?the\s+Expert\s+Reviewer"
        r"\s+relied\s+upon(?:\s+to\s+make\s+(?:his|her|his/her)\s+decision)?\s*:",
        re.IGNORECASE,
    ),
    "rationale": label("Rationale for the Decision:"),
}
_ANY_FIELD = starting_with(
    re.compile("|".join(p.pattern for p in _FIELDS.values()), re.IGNORECASE),
    "medical",
    "rationale",
)
starting_with(_FIELDS["claims"], "medical")
starting_with(_FIELDS["reviewer"], "medical")
# Findings are read from the flattened determination section; "N." starts each.
_FINDING = re.compile(
    r"(?:^|\s)(?P<n>\d{1,2})[.)]\s+MAXIMUS\s+Federal\s+Services,?\s+Inc\.?,?\s+has\s+determined\s+"
    r"(?:that\s+)?the\s+request\s+for\s+(?P<text>.{1,600}?)\s+(?P<outcome>is\s+(?:not\s+|partially\s+)?"
    r"medically\s+necessary|is\s+modified|is\s+(?:not\s+)?certified)",
    re.IGNORECASE,
)


def _findings(text: str) -> list[tuple[int, str, str]]:
    flat = collapse_ws(text)
    return [(int(m["n"]), m["text"], m["outcome"]) for m in _FINDING.finditer(flat)]


def parse(text: str, source: str) -> ParsedDocument:
    cleaned = clean_text(text)
    decision_match = find(_DECISION, cleaned)
    if decision_match is None:
        raise ParseError(
            source, "heading 'INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE' not found"
        )
    determination = section(cleaned[: decision_match.start()], _DETERMINATION)
    findings = _findings(determination or cleaned[: decision_match.start()])
    outcome_by_number = {n: outcome for n, _, outcome in findings}
    rationale_part = cleaned[decision_match.end() :]
    blocks = split_items(rationale_part, _REGARDING, _ANY_FIELD)
    raw_items = []
    for number, (item_text, body) in enumerate(blocks, start=1):
        fields = labelled_fields(body, _FIELDS)
        raw_items.append(
            RawItem(
                text=item_text,
                outcome_text=outcome_by_number.get(number),
                rationale=fields.get("rationale"),
                claims_citation=fields.get("claims"),
                reviewer_citation=fields.get("reviewer"),
                number=number,
            )
        )
    if not raw_items:
        # A notice cut short after its findings still says what was decided.
        raw_items = [
            RawItem(text=t, outcome_text=o, rationale=None, number=n) for n, t, o in findings
        ]
    return build_document(
        source=source,
        layout=LAYOUT,
        raw=text,
        text=cleaned,
        summary=section(rationale_part, _SUMMARY, (_REGARDING,)),
        qualifications=section(rationale_part, _QUALIFICATIONS, (_SUMMARY,)),
        raw_items=raw_items,
    )
