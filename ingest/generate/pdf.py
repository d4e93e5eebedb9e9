"""Letters as real multi-page PDFs, with the page banners that PDF text extraction interleaves
with the body ("Page 2 of 5", the case number alone on a line) wherever a page breaks — often in
the middle of a paragraph.

``invariant=1`` fixes reportlab's creation date and document id, so a seed gives the same bytes.
"""

from __future__ import annotations

import io
import random

from reportlab.lib.pagesizes import LETTER
from reportlab.pdfgen.canvas import Canvas

from ingest.generate.text import Block, wrap

_FONT = "Helvetica"
_SIZE = 9.5
_LEADING = 13
_MARGIN = 60
_WRAP_COLUMNS = 100  # Helvetica at 9.5pt fits about 100 average characters in 492pt
_LINES_PER_PAGE = int((LETTER[1] - 2 * _MARGIN - 2 * _LEADING) // _LEADING)


def _body_lines(blocks: list[Block]) -> list[str]:
    lines: list[str] = []
    for kind, text, indent in blocks:
        if kind == "gap":
            lines.append("")
        elif kind == "line":
            lines.append(text)
        else:
            lines.extend(wrap(text, _WRAP_COLUMNS, indent))
    return lines


def render_pdf(blocks: list[Block], case_id: str, rng: random.Random) -> bytes:
    """PDF bytes of a letter; banner style (two lines or one combined line) varies by letter."""
    lines = _body_lines(blocks)
    pages = [lines[i : i + _LINES_PER_PAGE] for i in range(0, len(lines), _LINES_PER_PAGE)]
    total = len(pages)
    combined = rng.random() < 0.4
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=LETTER, invariant=1, pageCompression=1)
    canvas.setTitle("Independent Medical Review Final Determination")
    width, height = LETTER
    for number, page in enumerate(pages, 1):
        canvas.setFont(_FONT, _SIZE)
        top = height - _MARGIN
        if combined:
            canvas.drawString(_MARGIN, top, f"IMR Case Number {case_id} Page {number} of {total}")
        else:
            canvas.drawRightString(width - _MARGIN, top, case_id)
        y = top - 2 * _LEADING
        for text in page:
            if text:
                canvas.drawString(_MARGIN, y, text)
            y -= _LEADING
        if not combined:
            canvas.drawCentredString(width / 2, _MARGIN / 2, f"Page {number} of {total}")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
