"""Layout ``dwc-professional-review``: "MEDICAL PROFESSIONAL REVIEW" letters.

Outcomes are listed under "DETERMINATION:"; each item then has an "ISSUE N:" block with the
reviewer's guideline and a rationale whose heading wording also gives the outcome.

The work is done by :mod:`ingest.parsers.letter` (one pipeline for every layout): this module names
the layout, whose evidence and item-strategy order are there.
"""

from __future__ import annotations

from ingest.parsers.letter import PROFESSIONAL_REVIEW, parse_letter
from ingest.records import ParsedDocument

LAYOUT = PROFESSIONAL_REVIEW
# The layout's best-known headings (documentation and tests; detection scores evidence instead).
MARKERS: tuple[str, ...] = ("MEDICAL PROFESSIONAL REVIEW", "ISSUE AT DISPUTE:")


def parse(text: str, source: str) -> ParsedDocument:
    """Parse ``text`` as this layout; raises ParseError when no disputed item is found."""
    return parse_letter(text, source, LAYOUT)
