"""DMHC rows: what the Findings text says (service, region, diagnosis) and streaming the CSV.

``fixtures/dmhc/health_plan_findings.csv`` holds realistic health-plan findings (biologics and
oncology drugs by brand or generic name, nuclear imaging, genetic tests, surgeries, behavioural
health, DME, radiation) with labels in ``health_plan_findings_truth.jsonl``; rows 1-3 are the
mislabels reported in issue 11 (Stelara read as "total hip arthroplasty" from "tha" in a word cut
at 300 characters, DaT SPECT read as "ct scan", an incidental history phrase as the diagnosis).
"""

from __future__ import annotations

import csv
import io
import json
import tracemalloc
from pathlib import Path

import pytest

from ingest.normalise import normalise_service
from ingest.parse import parse_path
from ingest.parsers import dmhc_csv, dmhc_findings
from ingest.phrases import PhraseMatcher
from ingest.records import ParsedDocument, ParseFailure
from ingest.vocabulary import (
    BODY_REGIONS,
    GENERIC_SERVICES,
    SERVICE_CATEGORIES,
    SERVICES,
    SERVICES_BY_NAME,
)
from tests.cleanroom.scoring import same_diagnosis, same_region, same_service

FIXTURES = Path(__file__).parent / "fixtures" / "dmhc"
FINDINGS = FIXTURES / "health_plan_findings.csv"
HEADER = (
    "Reference ID,Report Year,Diagnosis Category,Diagnosis Sub Category,Treatment Category,"
    "Treatment Sub Category,Determination,Type,Age Range,Patient Gender,Findings\n"
)


def _truth() -> list[dict]:
    lines = (FIXTURES / "health_plan_findings_truth.jsonl").read_text().splitlines()
    return [json.loads(line) for line in lines if line]


def _documents() -> list[ParsedDocument]:
    results = parse_path(FINDINGS)
    assert all(isinstance(r, ParsedDocument) for r in results), results
    return results  # type: ignore[return-value]


def _row(findings: str, treatment: str = "Pharmacy", sub: str = "", dx_sub: str = "") -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(
        [
            "MN19-1",
            "2019",
            "Other",
            dx_sub,
            treatment,
            sub,
            "Upheld Decision of Health Plan",
            "Medical Necessity",
            "41-50",
            "Female",
            findings,
        ]
    )
    return buffer.getvalue()


def _parse_one(tmp_path: Path, row: str) -> ParsedDocument:
    path = tmp_path / "one.csv"
    path.write_text(HEADER + row, encoding="utf-8")
    (result,) = parse_path(path)
    assert isinstance(result, ParsedDocument), result
    return result


# --- the reported mislabels ----------------------------------------------------------------------


def test_stelara_is_not_a_hip_arthroplasty_from_a_cut_word() -> None:
    document = _documents()[0]
    # The word "that" straddles the old 300-character cut, which left a whole-looking "tha".
    assert document.items[0].rationale[297:301] == "that"
    item = document.items[0]
    assert (item.service, item.category) == ("ustekinumab", "pharmaceuticals")
    assert document.diagnoses == ["crohn's disease"]
    assert not any("unknown service" in w for w in document.warnings)


def test_dat_spect_is_a_dat_scan_not_the_ct_of_the_history() -> None:
    document = _documents()[1]
    assert "A CT of the head" in document.items[0].rationale
    assert (document.items[0].service, document.items[0].body_region) == ("dat scan", "head")
    assert document.diagnoses == ["parkinsonism"]


def test_incidental_history_is_not_the_diagnosis() -> None:
    document = _documents()[2]
    assert "history of breast cancer" in document.items[0].rationale
    assert document.diagnoses == ["lung nodule"]
    assert (document.items[0].service, document.items[0].body_region) == ("pet scan", "lung")


# --- realistic rows ----------------------------------------------------------------------------


def test_realistic_rows_recognised_and_labelled() -> None:
    truth, documents = _truth(), _documents()
    assert len(truth) == len(documents) >= 30
    recognised = services = regions = diagnoses = 0
    misses = []
    for label, document in zip(truth, documents, strict=True):
        item = document.items[0]
        assert document.case_id == label["case_id"]
        assert item.outcome == label["outcome"]
        known = not any("unknown service" in w for w in document.warnings)
        recognised += known
        if label["service"] is None:
            assert not known, (label, item.service)  # a service no table knows stays unknown
            services += 1
        elif same_service(label["service"], item):
            services += 1
        else:
            misses.append((label["row"], "service", label["service"], item.service))
        if same_region(label["body_region"], item.body_region):
            regions += 1
        else:
            misses.append((label["row"], "region", label["body_region"], item.body_region))
        if same_diagnosis(label["diagnosis"], document.diagnoses):
            diagnoses += 1
        else:
            misses.append((label["row"], "diagnosis", label["diagnosis"], document.diagnoses))
    n = len(truth)
    # Issue 11's bar is 80 % recognition; these rows name one unknown service on purpose.
    assert recognised / n >= 0.95, misses
    assert services / n >= 0.95, misses
    assert regions / n >= 0.9, misses
    assert diagnoses / n >= 0.9, misses


def test_generated_sample_rows_still_match_their_truth() -> None:
    sample = Path(__file__).parent.parent / "data" / "sample"
    truth = {}
    for line in (sample / "truth.jsonl").read_text().splitlines():
        record = json.loads(line)
        if record["layout"] == "dmhc-csv":
            truth[record["source"].split("#")[1]] = record
    results = parse_path(sample / "dmhc.csv")
    assert len(results) == len(truth) > 0
    for result in results:
        assert isinstance(result, ParsedDocument), result
        want = truth[result.source.split("#")[1]]
        got, expected = result.items[0], want["items"][0]
        assert (got.service, got.category, got.body_region, result.diagnoses) == (
            expected["service"],
            expected["category"],
            expected["body_region"],
            want["diagnoses"],
        ), result.source


# --- service choice ------------------------------------------------------------------------------


def test_request_head_names_the_service_not_the_reason(tmp_path: Path) -> None:
    document = _parse_one(
        tmp_path,
        _row(
            "A 50-year-old female enrollee has requested Ocrevus for treatment of relapsing "
            "multiple sclerosis after a brain MRI showed new lesions. Prior treatment with "
            "physical therapy continued."
        ),
    )
    assert document.items[0].service == "ocrelizumab"
    assert document.diagnoses == ["relapsing multiple sclerosis"]


def test_vague_request_takes_the_discussed_service_that_fits_the_category(tmp_path: Path) -> None:
    findings = (
        "The enrollee has requested the medication prescribed by her physician. A prior MRI of "
        "the knee was normal. Findings: Otezla (apremilast) is indicated for psoriatic arthritis "
        "after methotrexate. Otezla is medically necessary."
    )
    assert _parse_one(tmp_path, _row(findings)).items[0].service == "apremilast"
    # With an imaging Treatment Category, the only imaging mention is the one that fits.
    imaging = _parse_one(tmp_path, _row(findings, "Diagnostic Imaging, Screening and Testing"))
    assert imaging.items[0].service == "mri"


def test_general_request_loses_to_a_specific_one(tmp_path: Path) -> None:
    document = _parse_one(
        tmp_path,
        _row(
            "A 40-year-old female enrollee has requested an inpatient hospital admission for "
            "a laparoscopic Roux-en-Y gastric bypass for morbid obesity.",
            "General Surgery",
        ),
    )
    assert (document.items[0].service, document.items[0].category) == (
        "bariatric surgery",
        "surgery",
    )


def test_treatment_sub_category_names_the_service_when_the_text_does_not(tmp_path: Path) -> None:
    document = _parse_one(
        tmp_path,
        _row(
            "The enrollee has requested the treatment. It is not necessary.",
            "Mental Health",
            "Partial Hospitalization",
        ),
    )
    assert document.items[0].service == "partial hospitalization program"


def test_unknown_service_keeps_the_column_text_and_a_warning(tmp_path: Path) -> None:
    document = _parse_one(
        tmp_path,
        _row("The enrollee has requested the item for her condition.", "Pharmacy", "Misc Agents"),
    )
    item = document.items[0]
    assert (item.service, item.category) == ("misc agents", "pharmaceuticals")
    assert "item 1: unknown service 'Misc Agents'" in document.warnings


# --- whole words ----------------------------------------------------------------------------------

SERVICE_MATCHER = PhraseMatcher(SERVICES)


def _names(text: str) -> list[str]:
    return [m.name for m in SERVICE_MATCHER.find_all(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("notes that the enrollee improved", []),  # "tha" inside "that"
        ("records show tha", ["total hip arthroplasty"]),  # a real whole word stays one
        ("a DaT SPECT scan", ["dat scan"]),  # "ct" inside "SPECT"
        ("a SPECT/CT of the brain", ["spect scan", "ct scan"]),
        ("failed nonsurgical care", []),  # "surgical" inside "nonsurgical"
        ("an L5-S1 microdiscectomy", ["lumbar discectomy"]),  # stems after a medical prefix
        ("onabotulinumtoxinA for migraine", ["botulinum toxin injection"]),
        ("proton beam radiation therapy", ["proton beam therapy"]),  # leftmost-longest
        ("psychiatric residential treatment center", ["residential treatment"]),
        ("a PET scan and a pet", ["pet scan"]),  # short acronyms keep their case
        ("Stelara (ustekinumab)", ["ustekinumab", "ustekinumab"]),
    ],
)
def test_mentions_are_whole_words(text: str, expected: list[str]) -> None:
    assert _names(text) == expected


def test_mentions_carry_positions() -> None:
    text = "He takes Humira; she takes Enbrel."
    matches = SERVICE_MATCHER.find_all(text)
    assert [(m.name, text[m.start : m.end], m.text) for m in matches] == [
        ("adalimumab", "Humira", "Humira"),
        ("etanercept", "Enbrel", "Enbrel"),
    ]


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("cervical cancer screening", "pelvis"),
        ("a cervical epidural", "cervical spine"),
        ("transcranial magnetic stimulation", "head"),
        ("a metacarpal fracture", None),  # "carpal" (wrist) inside a word
        ("a subcutaneous injection", None),
        ("a bilateral reduction mammaplasty", "breast"),
        ("hepatic and renal panel", None),
        ("chronic hepatitis C", None),  # a disease name is not a body part
        ("hepatic artery embolization", "liver"),
        ("esketamine nasal spray", None),  # a route, not a target
    ],
)
def test_regions_are_whole_words(text: str, region: str | None) -> None:
    match = dmhc_findings.REGION_MATCHER.first(text)
    assert (match.name if match else None) == region


# --- vocabulary ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("brand", "generic"),
    [
        ("Stelara", "ustekinumab"),
        ("Humira", "adalimumab"),
        ("Dupixent", "dupilumab"),
        ("Ozempic", "semaglutide"),
        ("Xolair", "omalizumab"),
        ("Keytruda", "pembrolizumab"),
        ("Sublocade", "buprenorphine"),
        ("Oncotype DX", "genetic testing"),
        ("DaTscan", "dat scan"),
    ],
)
def test_brand_and_generic_names_share_one_service(brand: str, generic: str) -> None:
    assert normalise_service(brand).service == normalise_service(generic).service == generic


def test_vocabulary_tables_are_consistent() -> None:
    assert SERVICES[-1].name == "other surgery"  # the catch-all stays last
    by_name: dict[str, str] = {}
    for service in SERVICES:
        assert service.category in SERVICE_CATEGORIES, service.name
        # A name reused to add synonyms keeps its category.
        assert by_name.setdefault(service.name, service.category) == service.category
    assert all(SERVICES_BY_NAME[name].name == name for name in by_name)
    assert set(by_name) >= GENERIC_SERVICES
    assert len({r.name for r in BODY_REGIONS}) >= 25


def test_letter_items_keep_their_services() -> None:
    # The health-plan block sits before "other surgery" only: what the workers' comp table
    # already knew is unchanged.
    assert normalise_service("Lumbar MRI").service == "mri"
    assert normalise_service("Norco 10/325 #60").service == "hydrocodone/acetaminophen"
    assert normalise_service("Arthroscopic surgery of the wrist").service == "other surgery"
    assert normalise_service("Bariatric surgery").service == "bariatric surgery"


# --- diagnosis -----------------------------------------------------------------------------------


def test_diagnosis_uses_the_sub_category_spelling_when_the_statement_names_it(
    tmp_path: Path,
) -> None:
    row = _row(
        "A 30-year-old female enrollee has requested Taltz for treatment of her moderate plaque "
        "psoriasis of the scalp.",
        dx_sub="Psoriasis",
    )
    document = _parse_one(tmp_path, row)
    assert document.diagnoses == ["psoriasis"]
    assert document.items[0].body_region == "skin"


def test_history_is_the_last_resort(tmp_path: Path) -> None:
    with_column = _row(
        "A 70-year-old male with a history of stroke has requested Prolia.", dx_sub="Osteoporosis"
    )
    assert _parse_one(tmp_path, with_column).diagnoses == ["osteoporosis"]
    alone = _row("A 70-year-old male with a history of stroke has requested Prolia.")
    assert _parse_one(tmp_path, alone).diagnoses == ["stroke"]


def test_for_after_the_service_is_a_condition_unless_a_duration_or_a_body_part(
    tmp_path: Path,
) -> None:
    row = _row("The enrollee has requested Harvoni for 12 weeks for chronic hepatitis C.")
    assert _parse_one(tmp_path, row).diagnoses == ["chronic hepatitis c"]
    knee = _row("The enrollee has requested an MRI for her right knee.", dx_sub="Knee Pain")
    document = _parse_one(tmp_path, knee)
    assert (document.diagnoses, document.items[0].body_region) == (["knee pain"], "knee")


# --- streaming and limits ------------------------------------------------------------------------


def _write_rows(path: Path, rows: int, findings_chars: int) -> None:
    # Rows with an unknown determination fail fast, so the test measures reading, not parsing.
    findings = ("The enrollee has requested physical therapy. " * (findings_chars // 45))[
        :findings_chars
    ]
    row = f'MN1,2019,,,,,Withdrawn,,,,"{findings}"\n'
    with path.open("w", encoding="utf-8") as handle:
        handle.write(HEADER)
        for _ in range(rows):
            handle.write(row)


def test_csv_is_read_as_a_stream_with_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    _write_rows(path, rows=3000, findings_chars=3000)
    size = path.stat().st_size
    assert size > 8_000_000
    tracemalloc.start()
    try:
        count = 0
        for result in dmhc_csv.parse_rows(path):
            assert isinstance(result, ParseFailure)
            count += 1
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 3000
    # Reading the whole file first (bytes, text, lines) peaks at several times its size.
    assert peak < size / 10, f"peak {peak:,} bytes for a {size:,}-byte file"


def test_file_over_the_row_limit_is_refused_whole(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text(HEADER + _row("A 40-year-old enrollee has requested Humira.") * 5)
    assert [r.to_json() for r in dmhc_csv.parse_rows(path, max_rows=3)] == [
        {
            "source": str(path),
            "error": "more than 3 data rows (the limit for one file); split it into smaller "
            "files (for example one per Report Year) and ingest those",
        }
    ]
    assert len(list(dmhc_csv.parse_rows(path, max_rows=5))) == 5  # at the limit: parsed


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:  # sparse: nothing is written to disk
        handle.truncate(dmhc_csv.MAX_CSV_BYTES + 1)
    (failure,) = parse_path(path)
    assert isinstance(failure, ParseFailure)
    assert failure.source == str(path)
    assert failure.error.startswith(
        f"file too large for one DMHC export: {dmhc_csv.MAX_CSV_BYTES + 1:,} bytes (the limit is "
        f"{dmhc_csv.MAX_CSV_BYTES:,}); split it"
    )


def test_overlong_line_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "line.csv"
    path.write_text(HEADER + "x" * (dmhc_csv.MAX_LINE_CHARS + 10) + "\n")
    (failure,) = parse_path(path)
    assert isinstance(failure, ParseFailure)
    assert failure.error.startswith("line 2 is longer than")


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_endings_and_cp1252_bytes(tmp_path: Path, newline: str) -> None:
    path = tmp_path / "old.csv"
    text = HEADER + _row("The enrollee\u2019s physician has requested Enbrel.")
    data = text.replace("\n", newline).encode("cp1252")
    path.write_bytes(data)
    (document,) = parse_path(path)
    assert isinstance(document, ParsedDocument), document
    assert document.items[0].service == "etanercept"
    assert "enrollee\u2019s" in document.items[0].rationale


def test_leading_word_index_misses_no_mention() -> None:
    # The index only decides which entries to run; running every entry must find the same.
    texts = [d.items[0].rationale for d in _documents()]
    texts += ["a microdiscectomy and an onabotulinumtoxinA injection", "PET/CT, DaTscan; TKA"]
    for text in texts:
        found = {(m.index, m.start, m.end) for m in SERVICE_MATCHER.candidates(text)}
        brute = set()
        for index, _, pattern in SERVICE_MATCHER._compiled:
            for match in pattern.finditer(text):
                if SERVICE_MATCHER._starts_a_word(text, match.start()):
                    brute.add((index, match.start(), match.end()))
        assert found == brute, text[:80]
