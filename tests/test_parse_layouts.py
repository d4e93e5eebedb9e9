"""Every fixture letter, as text and as a rendered multi-page PDF, parses to its expected record.

Each ``fixtures/letters/NAME.txt`` has ``NAME.expected.json`` beside it holding the fields the
letter states; the PDF is rendered in setup with a "Page N of M" banner and the case number on
every page, so page furniture lands in mid-paragraph the way it does in real extractions.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.parse import detect_layout, parse_path, parse_text
from ingest.parsers import (
    decisions_and_rationales,
    final_determination,
    notice_2013,
    professional_review,
)
from ingest.parsers.errors import ParseError
from ingest.records import ParsedDocument, ParseFailure
from tests.pdf_fixtures import render_pdf

LETTERS = Path(__file__).parent / "fixtures" / "letters"
DMHC = Path(__file__).parent / "fixtures" / "dmhc"
FIXTURES = sorted(LETTERS.glob("*.txt"))
EXPECTED_KEYS = (
    "layout",
    "case_id",
    "decision_date",
    "ur_date",
    "patient",
    "diagnoses",
    "reviewer",
    "items",
)


def _expected(letter: Path) -> dict:
    return json.loads(letter.with_suffix(".expected.json").read_text(encoding="utf-8"))


def _assert_matches(result: ParsedDocument | ParseFailure, expected: dict) -> None:
    assert isinstance(result, ParsedDocument), result
    got = result.to_json()
    for key in EXPECTED_KEYS:
        assert got[key] == expected[key], key
    assert result.warnings == []


def test_there_are_two_fixtures_per_letter_layout() -> None:
    layouts = [_expected(f)["layout"] for f in FIXTURES]
    for layout in (
        "dwc-2013-notice",
        "dwc-final-determination",
        "dwc-decisions-and-rationales",
        "dwc-professional-review",
    ):
        assert layouts.count(layout) >= 2, layout


@pytest.mark.parametrize("letter", FIXTURES, ids=lambda p: p.stem)
def test_text_letter_parses_to_expected_record(letter: Path) -> None:
    (result,) = parse_path(letter)
    _assert_matches(result, _expected(letter))
    assert result.source == str(letter)
    assert result.doc_sha256 and len(result.doc_sha256) == 64


@pytest.mark.parametrize("letter", FIXTURES, ids=lambda p: p.stem)
def test_pdf_letter_parses_to_expected_record(letter: Path, tmp_path: Path) -> None:
    pdf = render_pdf(
        letter.read_text(encoding="utf-8"), tmp_path / f"{letter.stem}.pdf", lines_per_page=25
    )
    (result,) = parse_path(pdf)
    _assert_matches(result, _expected(letter))


@pytest.mark.parametrize("letter", FIXTURES, ids=lambda p: p.stem)
def test_detect_layout(letter: Path) -> None:
    assert detect_layout(letter.read_text(encoding="utf-8")) == _expected(letter)["layout"]


@pytest.mark.parametrize(
    ("module", "text"),
    [
        (final_determination, "IMR ISSUES, DECISIONS AND RATIONALES\nNothing decided here."),
        (decisions_and_rationales, "IMR DECISION(S) AND RATIONALE(S)\nDOCUMENTS REVIEWED\n"),
        (professional_review, "MEDICAL PROFESSIONAL REVIEW\nISSUE AT DISPUTE:\n"),
        (notice_2013, "INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE\n"),
        (final_determination, "no headings at all"),
        (decisions_and_rationales, "no headings at all"),
        (professional_review, "no headings at all"),
        (notice_2013, "no headings at all"),
    ],
)
def test_layout_without_items_raises_parse_error(module: object, text: str) -> None:
    with pytest.raises(ParseError) as raised:
        module.parse(text, "x.txt")  # type: ignore[attr-defined]
    assert raised.value.source == "x.txt"
    assert str(raised.value).startswith("Could not parse 'x.txt': ")


def test_unrecognised_document_names_the_expected_headings() -> None:
    with pytest.raises(ParseError) as raised:
        parse_text("Dear Sir, thank you for your letter.", "memo.txt")
    assert raised.value.reason == (
        "not an IMR determination letter: none of the known layouts' headings found "
        "(expected e.g. 'IMR ISSUES, DECISIONS AND RATIONALES')"
    )


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("empty.txt", b"", "empty file"),
        ("junk.txt", bytes(range(256)) * 4, "not text (binary content; expected a .txt letter)"),
        ("fake.pdf", b"hello, not a pdf", "not a PDF file (no %PDF header)"),
        ("broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\n%%EOF", None),
        (
            "letter.docx",
            b"PK\x03\x04",
            "unsupported file type '.docx': expected .txt, .pdf or .csv",
        ),
        ("memo.txt", b"Dear Sir, thank you.", None),
    ],
)
def test_bad_files_become_failures(
    tmp_path: Path, name: str, content: bytes, error: str | None
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    (result,) = parse_path(path)
    assert isinstance(result, ParseFailure)
    assert result.source == str(path)
    if error is not None:
        assert result.error == error
    else:
        assert result.error


def test_cp1252_letter_is_read_with_a_warning(tmp_path: Path) -> None:
    letter = FIXTURES[0]
    path = tmp_path / "cp1252.txt"
    path.write_bytes(letter.read_text(encoding="utf-8").replace("'", "\u2019").encode("cp1252"))
    (result,) = parse_path(path)
    assert isinstance(result, ParsedDocument)
    assert result.warnings == ["not UTF-8: decoded as cp1252"]


def test_oversized_document_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("ingest.parse.MAX_DOCUMENT_BYTES", 100)
    path = tmp_path / "big.txt"
    path.write_text(FIXTURES[0].read_text(encoding="utf-8"), encoding="utf-8")
    (result,) = parse_path(path)
    assert isinstance(result, ParseFailure)
    assert result.error.startswith("document too large: ")


def test_too_many_pdf_pages_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("ingest.parse.MAX_PDF_PAGES", 2)
    pdf = render_pdf(
        FIXTURES[0].read_text(encoding="utf-8"), tmp_path / "long.pdf", lines_per_page=5
    )
    (result,) = parse_path(pdf)
    assert isinstance(result, ParseFailure)
    assert result.error.startswith("document too large: ") and "the limit is 2" in result.error


def test_unknown_service_is_a_warning_not_a_failure() -> None:
    text = (LETTERS / "final_determination_multi.txt").read_text(encoding="utf-8")
    text = text.replace("Naproxen 550mg #60:", "Hyperbaric oxygen chamber sessions:")
    document = parse_text(text, "x.txt")
    item = document.items[2]
    assert (item.service, item.category) == ("hyperbaric oxygen chamber sessions", "other")
    assert document.warnings == ["item 3: unknown service 'Hyperbaric oxygen chamber sessions'"]


# --- DMHC CSV ------------------------------------------------------------------------------------


def test_dmhc_rows_parse_and_bad_rows_fail_alone() -> None:
    path = DMHC / "dmhc_varied.csv"
    results = parse_path(path)
    assert [r.source for r in results] == [f"{path}#row={n}" for n in range(1, 7)]
    failures = {r.source: r.error for r in results if isinstance(r, ParseFailure)}
    assert failures == {
        f"{path}#row=3": "missing Reference ID",
        f"{path}#row=4": "MN14-00003: empty Findings",
        f"{path}#row=5": "MN14-00004: unknown Determination 'Withdrawn'",
    }
    first = results[0]
    assert isinstance(first, ParsedDocument)
    assert first.layout == "dmhc-csv"
    assert first.case_id == "MN16-22907"
    assert first.decision_date == "2016-07-01"
    assert "decision date approximated from Report Year" in first.warnings
    assert (first.patient.age, first.patient.sex, first.patient.age_range) == (46, "male", "41-50")
    assert first.diagnoses == ["back pain"]
    assert first.dispute_type == "Medical Necessity"
    assert first.diagnosis_category == "Orthopedic/ Musculoskeletal"
    (item,) = first.items
    assert item.text == "Diagnostic Imaging, Screening and Testing: MRI"
    assert (item.service, item.category, item.outcome) == (
        "mri",
        "diagnostic imaging",
        "overturned",
    )
    assert item.rationale.startswith("A 46-year-old male enrollee has requested an MRI")
    assert [g.name for g in item.guidelines] == ["ACOEM Practice Guidelines (non-MTUS)"]
    second = results[1]
    assert isinstance(second, ParsedDocument)
    assert second.items[0].category == "psychology and psychiatry"
    assert second.items[0].outcome == "upheld"
    last = results[5]
    assert isinstance(last, ParsedDocument)
    assert (last.items[0].service, last.items[0].category) == (
        "physical therapy",
        "physical medicine",
    )


def test_dmhc_header_without_required_columns_is_one_failure() -> None:
    path = DMHC / "dmhc_bad_header.csv"
    assert [r.to_json() for r in parse_path(path)] == [
        {
            "source": str(path),
            "error": "not a DMHC IMR export: missing column(s) 'Reference ID', 'Determination', "
            "'Findings'",
        }
    ]


@pytest.mark.parametrize(
    "header", ["Reference ID", "ReferenceID", "reference_id", "REFERENCE  ID", "Reference-Id"]
)
def test_dmhc_reference_id_header_spellings(tmp_path: Path, header: str) -> None:
    path = tmp_path / "d.csv"
    path.write_text(
        f"{header},Determination,Findings\n"
        "MN1,Upheld Decision of Health Plan,A 30-year-old female.\n",
        encoding="utf-8",
    )
    (result,) = parse_path(path)
    assert isinstance(result, ParsedDocument)
    assert result.case_id == "MN1"
