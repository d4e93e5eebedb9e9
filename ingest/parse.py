"""Public parsing API: files and text in, typed records (or failures with a reason) out.

    detect_layout(text)          -> layout name or None
    parse_text(text, source)     -> ParsedDocument, or raises ParseError
    parse_text_safe(text, source)-> ParsedDocument | ParseFailure (never raises)
    read_document_text(path)     -> str (txt or pdf), or raises ParseError
    parse_path(path)             -> [ParsedDocument | ParseFailure, ...] (never raises)

A ``.csv`` file is a DMHC export (many records); ``.txt`` and ``.pdf`` are one letter each.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from pathlib import Path

from ingest.parsers import (
    decisions_and_rationales,
    dmhc_csv,
    final_determination,
    notice_2013,
    professional_review,
)
from ingest.parsers.errors import ParseError
from ingest.records import ParsedDocument, ParseFailure

logger = logging.getLogger(__name__)

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
MAX_PDF_PAGES = 200
LETTER_SUFFIXES = (".txt", ".pdf")
SUFFIXES = (*LETTER_SUFFIXES, ".csv")

NOT_A_LETTER = (
    "not an IMR determination letter: none of the known layouts' headings found "
    "(expected e.g. 'IMR ISSUES, DECISIONS AND RATIONALES')"
)

_Parser = Callable[[str, str], ParsedDocument]
# (layout, markers, parser) in tie-break order. A layout's first marker is its distinctive one.
_LAYOUTS: tuple[tuple[str, tuple[str, ...], _Parser], ...] = tuple(
    (module.LAYOUT, module.MARKERS, module.parse)
    for module in (final_determination, decisions_and_rationales, professional_review, notice_2013)
)


# The ASCII characters that str.split() (and regex \s) take for whitespace.
_ASCII_SPACE = "".join(c for c in map(chr, range(128)) if c.isspace())
_DROP_ASCII_SPACE = str.maketrans("", "", _ASCII_SPACE)


def _marker_key(text: str) -> str:
    """The text without whitespace, upper-cased."""
    # str.split() and regex \s agree on what is whitespace; split/join is several times faster
    # than a regex substitution, and for ASCII text (nearly all) deleting with translate is
    # faster again.
    if text.isascii():
        return text.translate(_DROP_ASCII_SPACE).upper()
    return "".join(text.split()).upper()


_MARKER_KEYS = {layout: tuple(_marker_key(m) for m in markers) for layout, markers, _ in _LAYOUTS}


def detect_layout(text: str) -> str | None:
    """The letter layout whose marker headings appear in ``text`` (spacing and case ignored).

    A layout qualifies with its distinctive first marker or with two of its markers; the one with
    most markers found wins.
    """
    # No Unicode normalisation needed: markers are ASCII and \s already covers odd spaces.
    key = _marker_key(text)
    best: tuple[int, str] | None = None
    for layout, _, _ in _LAYOUTS:
        markers = _MARKER_KEYS[layout]
        found = [m in key for m in markers]
        score = sum(found)
        if (found[0] or score >= 2) and (best is None or score > best[0]):
            best = (score, layout)
    return best[1] if best else None


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()


def parse_text(text: str, source: str, *, doc_sha256: str | None = None) -> ParsedDocument:
    """Parse one letter's text; raises :class:`ParseError` naming ``source`` and the reason."""
    if not text.strip():
        raise ParseError(source, "empty document")
    layout = detect_layout(text)
    if layout is None:
        raise ParseError(source, NOT_A_LETTER)
    parser = next(parse for name, _, parse in _LAYOUTS if name == layout)
    document = parser(text, source)
    document.doc_sha256 = doc_sha256 or sha256_text(text)
    return document


def parse_text_safe(
    text: str, source: str, *, doc_sha256: str | None = None
) -> ParsedDocument | ParseFailure:
    """:func:`parse_text` that returns a :class:`ParseFailure` instead of raising."""
    try:
        return parse_text(text, source, doc_sha256=doc_sha256)
    except ParseError as error:
        return ParseFailure(source, error.reason)
    except Exception as error:  # a parser bug must not stop a batch; report it as a failure
        logger.exception("parser crashed on %s", source)
        return ParseFailure(source, f"internal parser error: {type(error).__name__}: {error}")


# --- reading files -------------------------------------------------------------------------------


_TEXT_BYTES = bytes(sorted({9, 10, 12, 13} | set(range(32, 256))))


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    control = len(sample.translate(None, _TEXT_BYTES))  # what is left are control bytes
    return control > 0.05 * len(sample)


def _decode_text(data: bytes, source: str, warnings: list[str]) -> str:
    if _looks_binary(data):
        raise ParseError(source, "not text (binary content; expected a .txt letter)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        warnings.append("not UTF-8: decoded as cp1252")
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")


def _pdf_text(path: Path, source: str) -> str:
    # Imported here: pypdf is only needed for PDFs.
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    with path.open("rb") as handle:
        if not handle.read(1024).lstrip().startswith(b"%PDF"):
            raise ParseError(source, "not a PDF file (no %PDF header)")
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ParseError(source, "encrypted PDF: remove the password and try again")
        pages = len(reader.pages)
        if pages > MAX_PDF_PAGES:
            raise ParseError(
                source, f"document too large: {pages} pages (the limit is {MAX_PDF_PAGES})"
            )
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except ParseError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        raise ParseError(source, f"broken PDF: {error}") from error
    except Exception as error:  # pypdf raises a wide variety on damaged files
        raise ParseError(source, f"broken PDF: {type(error).__name__}: {error}") from error
    if not text.strip():
        raise ParseError(source, "PDF has no extractable text (a scanned image? OCR it first)")
    return text


def _read(path: Path, warnings: list[str]) -> tuple[str, str]:
    """(text, sha256 of the file's bytes) for a .txt or .pdf letter."""
    source = str(path)
    suffix = path.suffix.lower()
    if suffix not in LETTER_SUFFIXES:
        raise ParseError(
            source, f"unsupported file type {suffix or '(none)'!r}: expected .txt, .pdf or .csv"
        )
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ParseError(source, f"cannot read file: {error.strerror or error}") from error
    if size > MAX_DOCUMENT_BYTES:
        raise ParseError(
            source,
            f"document too large: {size} bytes (the limit is {MAX_DOCUMENT_BYTES} bytes)",
        )
    if size == 0:
        raise ParseError(source, "empty file")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ParseError(source, f"cannot read file: {error.strerror or error}") from error
    digest = hashlib.sha256(data).hexdigest()
    text = _pdf_text(path, source) if suffix == ".pdf" else _decode_text(data, source, warnings)
    return text, digest


def read_document_text(path: str | Path) -> str:
    """The text of a .txt (UTF-8, else cp1252/latin-1) or .pdf letter; raises ParseError."""
    warnings: list[str] = []
    text, _ = _read(Path(path), warnings)
    for warning in warnings:
        logger.warning("%s: %s", path, warning)
    return text


def parse_path(path: str | Path) -> list[ParsedDocument | ParseFailure]:
    """Parse one file: a DMHC .csv gives many results, a .txt/.pdf letter one. Never raises:
    unreadable or unrecognised content comes back as a :class:`ParseFailure` with the reason."""
    path = Path(path)
    source = str(path)
    try:
        if path.is_dir():
            return [ParseFailure(source, "is a directory")]
        if path.suffix.lower() == ".csv":
            return list(dmhc_csv.parse_rows(path))
        warnings: list[str] = []
        text, digest = _read(path, warnings)
        result = parse_text_safe(text, source, doc_sha256=digest)
        if isinstance(result, ParsedDocument):
            result.warnings[:0] = warnings
        return [result]
    except ParseError as error:
        return [ParseFailure(source, error.reason)]
    except Exception as error:
        logger.exception("unexpected error parsing %s", source)
        return [ParseFailure(source, f"internal parser error: {type(error).__name__}: {error}")]
