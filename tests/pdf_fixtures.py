"""Render a text letter into a multi-page PDF, the way real letters reach us: a banner with the
page number and the case number on every page, lines wrapped at the page width."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from ingest.parsers.clean import normalise_unicode

_CASE = re.compile(r"\bCM\d{2}-\d{7}\b")
LINES_PER_PAGE = 40
WRAP = 95


def _lines(text: str) -> list[str]:
    out: list[str] = []
    for line in text.splitlines():
        out.extend(textwrap.wrap(line, WRAP, replace_whitespace=False) or [""])
    return out


def render_pdf(text: str, path: Path, *, lines_per_page: int = LINES_PER_PAGE) -> Path:
    """Write ``text`` to ``path`` as a PDF with "Page N of M" and the case number on each page."""
    lines = _lines(text)
    pages = [lines[i : i + lines_per_page] for i in range(0, len(lines), lines_per_page)] or [[]]
    case = _CASE.search(text)
    pdf = canvas.Canvas(str(path), pagesize=letter)
    _, height = letter
    for number, page in enumerate(pages, start=1):
        pdf.setFont("Helvetica", 9)
        pdf.drawString(72, height - 40, f"Page {number} of {len(pages)}")
        if case:
            pdf.drawString(72, height - 52, case.group(0))
        y = height - 80
        for line in page:
            # reportlab's base fonts are Latin-1: curly quotes and ligatures go in as ASCII.
            latin = normalise_unicode(line).encode("latin-1", "replace").decode("latin-1")
            pdf.drawString(72, y, latin)
            y -= 15
        pdf.showPage()
    pdf.save()
    return path
