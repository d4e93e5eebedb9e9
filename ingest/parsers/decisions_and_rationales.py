"""Layout ``dwc-decisions-and-rationales``: "IMR DECISION(S) AND RATIONALE(S)" letters.

Items are numbered ("1. [item text]"), each followed by "Decision:", the two parties' guidelines
and "Rationale:".

The work is done by :mod:`ingest.parsers.letter` (one pipeline for every layout): this module names
the layout, whose evidence and item-strategy order are there.
"""

from __future__ import annotations

from ingest.parsers.letter import DECISIONS_AND_RATIONALES, parse_letter
from ingest.records import ParsedDocument

LAYOUT = DECISIONS_AND_RATIONALES
# The layout's best-known headings (documentation and tests; detection scores evidence instead).
MARKERS: tuple[str, ...] = ("IMR DECISION(S) AND RATIONALE(S)", "DOCUMENTS REVIEWED")


def parse(text: str, source: str) -> ParsedDocument:
    """Parse ``text`` as this layout; raises ParseError when no disputed item is found."""
    return parse_letter(text, source, LAYOUT)
