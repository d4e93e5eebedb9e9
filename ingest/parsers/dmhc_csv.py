"""Layout ``dmhc-csv``: the California DMHC IMR open-data export, one determination per row.

Yearly exports spell the columns differently ("Reference ID", "ReferenceID", "reference_id"), so
headers are matched after dropping case, spaces and punctuation. A bad row becomes a
:class:`ParseFailure` for ``path#row=N`` (N = 1-based data row) and the rest go on; a header
without the required columns is one failure for the whole file.

The file is read as a text stream, one CSV record at a time (UTF-8, with any byte that is not
UTF-8 read as cp1252, as older exports are written), so memory does not grow with the file. A
file over :data:`MAX_CSV_BYTES` or :data:`MAX_CSV_ROWS`, or with a line over
:data:`MAX_LINE_CHARS`, is refused as a whole with one failure naming it: a partial load of an
export would be recorded as done. What the Findings text says (service, region, diagnosis) is
read by :mod:`ingest.parsers.dmhc_findings`.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from ingest.normalise import (
    collapse_ws,
    normalise_outcome,
    parse_age,
    parse_guideline_citations,
    parse_sex,
)
from ingest.parsers import dmhc_findings
from ingest.records import (
    DecisionItem,
    GuidelineCitation,
    ParsedDocument,
    ParseFailure,
    Patient,
    Reviewer,
)
from ingest.vocabulary import DMHC_TREATMENT_CATEGORIES

_ACOEM_NON_MTUS = "ACOEM Practice Guidelines (non-MTUS)"

LAYOUT = "dmhc-csv"

# canonical key → header as the open-data documentation spells it
COLUMNS: dict[str, str] = {
    "referenceid": "Reference ID",
    "reportyear": "Report Year",
    "diagnosiscategory": "Diagnosis Category",
    "diagnosissubcategory": "Diagnosis Sub Category",
    "treatmentcategory": "Treatment Category",
    "treatmentsubcategory": "Treatment Sub Category",
    "determination": "Determination",
    "type": "Type",
    "agerange": "Age Range",
    "patientgender": "Patient Gender",
    "findings": "Findings",
}
REQUIRED: tuple[str, ...] = ("referenceid", "determination", "findings")
# A few spellings seen in other exports.
_ALIASES = {
    "gender": "patientgender",
    "sex": "patientgender",
    "year": "reportyear",
    "id": "referenceid",
}
_KEY = re.compile(r"[^a-z0-9]+")
_YEAR = re.compile(r"\b(19|20)\d{2}\b")


def column_key(header: str) -> str:
    """ "Reference ID" / "reference_id" / "ReferenceID" → "referenceid"."""
    key = _KEY.sub("", header.lower().lstrip("\ufeff"))
    return _ALIASES.get(key, key)


def _category(treatment_category: str, fallback: str) -> str:
    key = collapse_ws(treatment_category).lower()
    return DMHC_TREATMENT_CATEGORIES.get(key, fallback)


def _sex(gender: str) -> str | None:
    value = gender.strip().lower()
    if value in {"f", "female", "woman"}:
        return "female"
    if value in {"m", "male", "man"}:
        return "male"
    return None


def _health_plan_citations(findings: str) -> list[GuidelineCitation]:
    """Guidelines named in the findings. Health-plan reviews are outside workers' compensation,
    so ACOEM there is never the MTUS's adoption of it."""
    citations = []
    for citation in parse_guideline_citations(findings, "reviewer"):
        if citation.family == "MTUS" and "ACOEM" in citation.name:
            citation = replace(citation, name=_ACOEM_NON_MTUS, family="ACOEM")
        if citation not in citations:
            citations.append(citation)
    return citations


def parse_row(row: dict[str, str], source: str) -> ParsedDocument | ParseFailure:
    """One CSV row (keys already canonical) → record or failure."""
    get = lambda key: collapse_ws(row.get(key) or "")  # noqa: E731 - tiny local accessor
    reference = get("referenceid")
    if not reference:
        return ParseFailure(source, "missing Reference ID")
    findings = get("findings")
    if not findings:
        return ParseFailure(source, f"{reference}: empty Findings")
    determination = get("determination")
    outcome = normalise_outcome(determination)
    if outcome is None:
        return ParseFailure(source, f"{reference}: unknown Determination {determination[:60]!r}")
    warnings: list[str] = []
    treatment, sub_treatment = get("treatmentcategory"), get("treatmentsubcategory")
    sub_diagnosis = get("diagnosissubcategory")
    requests = dmhc_findings.request_statements(findings)
    service = dmhc_findings.requested_service(findings, requests, treatment, sub_treatment)
    if not service.known:
        warnings.append(f"item 1: unknown service {sub_treatment or treatment!r}")
    # A known service keeps its own category (Botox filed under "Pharmacy" is an injection); the
    # export's treatment category only classifies what the vocabulary does not know.
    category = service.category if service.known else _category(treatment, "other")
    service = service._replace(category=category)
    year = _YEAR.search(get("reportyear"))
    decision_date = None
    if year:
        decision_date = f"{year.group(0)}-07-01"
        warnings.append("decision date approximated from Report Year")
    else:
        warnings.append("Report Year missing: no decision date")
    statement = dmhc_findings.diagnosis_statement(findings, requests)
    item_text = ": ".join(part for part in (treatment, sub_treatment) if part) or "unspecified"
    item = DecisionItem(
        text=item_text,
        service=service.service,
        category=service.category,
        outcome=outcome,
        rationale=findings,
        body_region=dmhc_findings.body_region(
            findings, requests, statement, service, (sub_treatment, sub_diagnosis)
        ),
        guidelines=_health_plan_citations(findings),
    )
    return ParsedDocument(
        source=source,
        layout=LAYOUT,
        case_id=reference,
        decision_date=decision_date,
        patient=Patient(
            age=parse_age(findings[:300]),
            sex=_sex(get("patientgender")) or parse_sex(findings[:300]),
            age_range=get("agerange") or None,
        ),
        diagnoses=dmhc_findings.diagnosis(
            findings, statement, sub_diagnosis, get("diagnosiscategory")
        ),
        reviewer=Reviewer(),
        items=[item],
        summary=None,
        warnings=warnings,
        dispute_type=get("type") or None,
        diagnosis_category=get("diagnosiscategory") or None,
    )


# Limits on one export. The state's open data (every year since 2001) is tens of thousands of rows
# of a few kilobytes each; the records of one file are held together until its load transaction,
# so a file must stay well below what a worker can hold.
MAX_CSV_BYTES = 256 * 1024 * 1024
MAX_CSV_ROWS = 150_000
# One physical line (a quoted Findings field may span several); the longest real Findings text is
# a few thousand characters.
MAX_LINE_CHARS = 1024 * 1024
_SPLIT_HINT = "split it into smaller files (for example one per Report Year) and ingest those"


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    """Bytes that are not UTF-8 are read as cp1252 (older exports), byte by byte."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    return bytes(bad).decode("cp1252", errors="replace"), error.end


codecs.register_error("imr-dmhc-cp1252", _cp1252_fallback)


class _LineTooLong(Exception):
    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.number = number


def _lines(stream: io.TextIOBase) -> Iterator[str]:
    """Physical lines of ``stream``, each at most MAX_LINE_CHARS long (else _LineTooLong)."""
    number = 0
    while line := stream.readline(MAX_LINE_CHARS + 1):
        number += 1
        if len(line) > MAX_LINE_CHARS:
            raise _LineTooLong(number)
        yield line


def _records(path: Path) -> Iterator[list[str] | csv.Error]:
    """The CSV records of ``path`` one by one (a malformed one as its csv.Error), header first.
    Raises OSError and _LineTooLong."""
    with path.open("rb") as raw:
        # newline="" hands line endings to the csv module, which knows quoted ones.
        stream = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="imr-dmhc-cp1252", newline="")
        reader = csv.reader(_lines(stream))
        while True:
            try:
                yield next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                yield error


def _is_blank(record: list[str] | csv.Error) -> bool:
    return isinstance(record, list) and not any(v.strip() for v in record)


def _too_large(path: Path, max_bytes: int, max_rows: int) -> str | None:
    """Why ``path`` is refused as a whole, or None. Counts the data rows in one streaming pass
    that stops at the limit, so nothing of a too-large file is parsed or kept."""
    size = path.stat().st_size
    if size > max_bytes:
        return (
            f"file too large for one DMHC export: {size:,} bytes (the limit is {max_bytes:,}); "
            + _SPLIT_HINT
        )
    rows = -1  # the header is not a data row
    try:
        for record in _records(path):
            rows += not _is_blank(record)
            if rows > max_rows:
                return f"more than {max_rows:,} data rows (the limit for one file); " + _SPLIT_HINT
    except _LineTooLong as error:
        return (
            f"line {error.number} is longer than {MAX_LINE_CHARS:,} characters: not a DMHC "
            "IMR export (or a damaged one)"
        )
    return None


def parse_rows(
    path: str | Path, *, max_bytes: int = MAX_CSV_BYTES, max_rows: int = MAX_CSV_ROWS
) -> Iterator[ParsedDocument | ParseFailure]:
    """Every row of a DMHC export as a record or a failure, read as a stream; never raises for
    bad content. A file over the limits is one failure for the whole file."""
    path = Path(path)
    csv.field_size_limit(MAX_LINE_CHARS)
    try:
        refusal = _too_large(path, max_bytes, max_rows)
        if refusal is not None:
            yield ParseFailure(str(path), refusal)
            return
        records = _records(path)
        header = next(records, None)
        if header is None:
            yield ParseFailure(str(path), "empty file")
            return
        if isinstance(header, csv.Error):
            yield ParseFailure(str(path), f"not a CSV file: {header}")
            return
        keys = [column_key(h) for h in header]
        missing = [COLUMNS[k] for k in REQUIRED if k not in keys]
        if missing:
            yield ParseFailure(
                str(path),
                "not a DMHC IMR export: missing column(s) " + ", ".join(repr(m) for m in missing),
            )
            return
        number = 0
        for values in records:
            if _is_blank(values):
                continue  # blank lines are not data rows
            number += 1
            source = f"{path}#row={number}"
            if isinstance(values, csv.Error):
                yield ParseFailure(source, f"malformed CSV row: {values}")
                continue
            row = {key: value for key, value in zip(keys, values, strict=False) if key}
            try:
                yield parse_row(row, source)
            except Exception as error:  # a row must never stop the file
                yield ParseFailure(source, f"{type(error).__name__}: {error}")
    except OSError as error:
        yield ParseFailure(str(path), f"cannot read file: {error.strerror or error}")
    except _LineTooLong as error:  # the file changed since it was measured
        yield ParseFailure(
            str(path), f"line {error.number} is longer than {MAX_LINE_CHARS:,} characters"
        )
