"""Layout ``dmhc-csv``: the California DMHC IMR open-data export, one determination per row.

Yearly exports spell the columns differently ("Reference ID", "ReferenceID", "reference_id"), so
headers are matched after dropping case, spaces and punctuation. A bad row becomes a
:class:`ParseFailure` for ``path#row=N`` (N = 1-based data row) and the rest go on; a header
without the required columns is one failure for the whole file.
"""

from __future__ import annotations

import csv
import re
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from ingest.normalise import (
    ServiceMatch,
    collapse_ws,
    find_body_region,
    normalise_outcome,
    normalise_service,
    parse_age,
    parse_guideline_citations,
    parse_sex,
)
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


# "... enrollee has requested an MRI of the lumbar spine for low back pain." The export's
# category words ("Orthopedic Procedure", "Pain Management") are too coarse to name the service, so
# the findings' own words for the request come first.
_REQUESTED = re.compile(
    r"\b(?:has\s+)?request(?:ed|s)?\s+(?:for\s+|authorization\s+(?:for|of)\s+)?(.{3,160}?)"
    r"(?=\s+(?:for|to treat|due to|because|after)\b|[.;]|$)",
    re.IGNORECASE,
)


def _requested_service(findings: str, treatment: str, sub_treatment: str) -> ServiceMatch:
    request = _REQUESTED.search(findings[:600])
    candidates = [request.group(1)] if request else []
    candidates += [sub_treatment, f"{treatment} {sub_treatment}", findings[:300]]
    for text in candidates:
        if text and (match := normalise_service(text)).known:
            return match
    return normalise_service(sub_treatment or treatment)


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
    service = _requested_service(findings, treatment, sub_treatment)
    if not service.known:
        warnings.append(f"item 1: unknown service {sub_treatment or treatment!r}")
    # A known service keeps its own category (Botox filed under "Pharmacy" is an injection); the
    # export's treatment category only classifies what the vocabulary does not know.
    category = service.category if service.known else _category(treatment, "other")
    year = _YEAR.search(get("reportyear"))
    decision_date = None
    if year:
        decision_date = f"{year.group(0)}-07-01"
        warnings.append("decision date approximated from Report Year")
    else:
        warnings.append("Report Year missing: no decision date")
    diagnosis = get("diagnosissubcategory") or get("diagnosiscategory")
    item_text = ": ".join(part for part in (treatment, sub_treatment) if part) or "unspecified"
    item = DecisionItem(
        text=item_text,
        service=service.service,
        category=category,
        outcome=outcome,
        rationale=findings,
        body_region=find_body_region(sub_treatment) or find_body_region(findings[:300]),
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
        diagnoses=[diagnosis.lower()] if diagnosis else [],
        reviewer=Reviewer(),
        items=[item],
        summary=None,
        warnings=warnings,
        dispute_type=get("type") or None,
        diagnosis_category=get("diagnosiscategory") or None,
    )


def _read_lines(path: Path) -> list[str]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    return text.splitlines(keepends=True)


def parse_rows(path: str | Path) -> Iterator[ParsedDocument | ParseFailure]:
    """Every row of a DMHC export as a record or a failure; never raises for bad content."""
    path = Path(path)
    try:
        lines = _read_lines(path)
    except OSError as error:
        yield ParseFailure(str(path), f"cannot read file: {error.strerror or error}")
        return
    csv.field_size_limit(min(sys.maxsize, 16 * 1024 * 1024))
    reader = csv.reader(lines)
    try:
        header = next(reader)
    except StopIteration:
        yield ParseFailure(str(path), "empty file")
        return
    except csv.Error as error:
        yield ParseFailure(str(path), f"not a CSV file: {error}")
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
    while True:
        number += 1
        source = f"{path}#row={number}"
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield ParseFailure(source, f"malformed CSV row: {error}")
            continue
        if not any(v.strip() for v in values):
            number -= 1  # blank lines are not data rows
            continue
        row = {key: value for key, value in zip(keys, values, strict=False) if key}
        try:
            yield parse_row(row, source)
        except Exception as error:  # a row must never stop the file
            yield ParseFailure(source, f"{type(error).__name__}: {error}")
