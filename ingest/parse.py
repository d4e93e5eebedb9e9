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
from pathlib import Path

from ingest.parsers import dmhc_csv
from ingest.parsers.errors import ParseError
from ingest.parsers.letter import (
    NOT_A_LETTER,
    Explanation,
    best_layout,
    parse_letter,
    read_letter,
)
from ingest.records import ParsedDocument, ParseFailure

logger = logging.getLogger(__name__)

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
MAX_PDF_PAGES = 200
LETTER_SUFFIXES = (".txt", ".pdf")
SUFFIXES = (*LETTER_SUFFIXES, ".csv")

__all__ = [
    "NOT_A_LETTER",
    "detect_layout",
    "explain_path",
    "explain_text",
    "parse_path",
    "parse_text",
    "parse_text_safe",
    "read_document_text",
]


def detect_layout(text: str) -> str | None:
    """The letter layout with most evidence in ``text`` (headings found by vocabulary, whatever
    their case, punctuation or numbering); ``None`` when no layout has enough."""
    return best_layout(read_letter(text))


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()


def parse_text(text: str, source: str, *, doc_sha256: str | None = None) -> ParsedDocument:
    """Parse one letter's text; raises :class:`ParseError` naming ``source`` and the reason."""
    return _parse(text, source, doc_sha256, Explanation(source))


def _parse(
    text: str, source: str, doc_sha256: str | None, explanation: Explanation
) -> ParsedDocument:
    if not text.strip():
        explanation.rejected = "empty document"
        raise ParseError(source, "empty document")
    document = parse_letter(text, source, explanation=explanation)
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


_UTF16_BOMS = ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    control = len(sample.translate(None, _TEXT_BYTES))  # what is left are control bytes
    return control > 0.05 * len(sample)


def _utf16_codec(data: bytes) -> str | None:
    """The UTF-16 byte order of ``data`` (a BOM, or text that is mostly ASCII, whose every other
    byte is then NUL), else ``None``."""
    for bom, codec in _UTF16_BOMS:
        if data.startswith(bom):
            return codec
    sample = data[:8192]
    if len(sample) < 16:
        return None
    even, odd = sample[0::2], sample[1::2]
    # Letters are English: nearly every UTF-16 code unit has a NUL high byte. Binary files have
    # NULs too, but not in one column only.
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.01 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.01 * len(odd):
        return "utf-16-be"
    return None


def _decode_utf16(data: bytes, codec: str) -> str | None:
    """``data`` decoded as UTF-16 (without its BOM); ``None`` when it is not valid UTF-16 or the
    text has control characters a letter never holds."""
    body = data[2:] if data[:2] in {bom for bom, _ in _UTF16_BOMS} else data
    try:
        text = body.decode(codec)
    except UnicodeDecodeError:
        return None
    return None if _looks_binary(text.encode("utf-8", "replace")) else text


def _decode_text(data: bytes, source: str, warnings: list[str]) -> str:
    codec = _utf16_codec(data)
    if codec is not None:
        text = _decode_utf16(data, codec)
        if text is not None:
            warnings.append(f"not UTF-8: decoded as {codec.upper()}")
            return text
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
    from pypdf.errors import DependencyError, PdfReadError

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
    except DependencyError as error:
        # pypdf needs a crypto package for AES; `cryptography` is a declared dependency, so this
        # is an installation without it.
        raise ParseError(
            source,
            f"encrypted PDF that needs the 'cryptography' package to read ({error}): "
            "pip install cryptography, or remove the password and try again",
        ) from error
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


# --- explaining ----------------------------------------------------------------------------------


def explain_text(text: str, source: str) -> Explanation:
    """What the parser finds in one letter's text, step by step (never raises: a parser bug is
    reported as the rejection)."""
    explanation = Explanation(source)
    try:
        _parse(text, source, None, explanation)
    except ParseError as error:
        explanation.rejected = error.reason
    except Exception as error:  # the explanation of a crash is the crash
        logger.exception("parser crashed on %s", source)
        explanation.rejected = f"internal parser error: {type(error).__name__}: {error}"
    return explanation


def explain_path(path: str | Path) -> Explanation:
    """:func:`explain_text` for a .txt/.pdf letter; an unreadable file is explained by its
    reading error."""
    path = Path(path)
    try:
        text, _ = _read(path, [])
    except ParseError as error:
        return Explanation(str(path), rejected=error.reason)
    return explain_text(text, str(path))
