"""Layout ``dwc-final-determination``: "HOW THE IMR FINAL DETERMINATION WAS MADE" letters.

Items are lines ending in their outcome ("12 Physical and Home Therapy, ...:  Upheld") with
"Claims Administrator guideline:", "MAXIMUS guideline:" and "Decision rationale:" after each.

The work is done by :mod:`ingest.parsers.letter` (one pipeline for every layout): this module names
the layout, whose evidence and item-strategy order are there.
"""

from __future__ import annotations

from ingest.parsers.letter import FINAL_DETERMINATION, parse_letter
from ingest.records import ParsedDocument

LAYOUT = FINAL_DETERMINATION
# The layout's best-known headings (documentation and tests; detection scores evidence instead).
MARKERS: tuple[str, ...] = (
    "IMR ISSUES, DECISIONS AND RATIONALES",
    "HOW THE IMR FINAL DETERMINATION WAS MADE",
    "CLINICAL CASE SUMMARY",
)


def parse(text: str, source: str) -> ParsedDocument:
    """Parse ``text`` as this layout; raises ParseError when no disputed item is found."""
    return parse_letter(text, source, LAYOUT)
