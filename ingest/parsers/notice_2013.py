"""Layout ``dwc-2013-notice``: the 2013 "Notice of Independent Medical Review Determination".

Outcomes come from the numbered findings ("... has determined the request for [item] is not
medically necessary ..."); one "N. Regarding the request for [item]:" block per item follows.

The work is done by :mod:`ingest.parsers.letter` (one pipeline for every layout): this module names
the layout, whose evidence and item-strategy order are there.
"""

from __future__ import annotations

from ingest.parsers.letter import NOTICE_2013, parse_letter
from ingest.records import ParsedDocument

LAYOUT = NOTICE_2013
# The layout's best-known headings (documentation and tests; detection scores evidence instead).
MARKERS: tuple[str, ...] = (
    "INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE",
    "Notice of Independent Medical Review Determination",
)


def parse(text: str, source: str) -> ParsedDocument:
    """Parse ``text`` as this layout; raises ParseError when no disputed item is found."""
    return parse_letter(text, source, LAYOUT)
