"""Letters written differently from the fixtures still parse to the same record (issue 11).

Each variation rewrites every fixture letter of every layout the way letters the team never saw
do: headings in another case, numbered ("3.", "III.", "Section 2 -"), with dotted leaders, sharing
their line with the text, worded differently; form feeds and page banners inside items; sections in
another order; words run together by PDF extraction. The record must equal the fixture's expected
one. Hand-written letters cover outcomes found only in the rationale's last sentence.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from ingest.normalise import normalise_outcome
from ingest.parse import explain_text, parse_path, parse_text
from ingest.parsers.clean import clean_text
from ingest.parsers.common import RawItem, build_item
from ingest.parsers.errors import ParseError
from ingest.parsers.items import rationale_outcome
from ingest.parsers.sections import match_heading
from ingest.parsers.words import split_run_together
from ingest.records import ParsedDocument
from tests.pdf_fixtures import render_pdf

LETTERS = Path(__file__).parent / "fixtures" / "letters"
FIXTURES = sorted(LETTERS.glob("*.txt"))
KEYS = ("layout", "case_id", "decision_date", "ur_date", "patient", "diagnoses", "reviewer")
ITEM_KEYS = ("text", "service", "category", "outcome", "body_region", "quantity", "guidelines")

# Headings of the four layouts, as the fixtures write them (longest first, so a heading that
# contains another is rewritten whole).
HEADINGS = sorted(
    [
        "HOW THE IMR FINAL DETERMINATION WAS MADE",
        "CLINICAL CASE SUMMARY",
        "IMR ISSUES, DECISIONS AND RATIONALES",
        "SUMMARY OF INDEPENDENT MEDICAL REVIEW",
        "DOCUMENTS  REVIEWED",
        "DOCUMENTS REVIEWED",
        "CLINICAL  SUMMARY",
        "CLINICAL SUMMARY",
        "IMR DECISION(S) AND RATIONALE(S)",
        "MEDICAL  PROFESSIONAL  REVIEW",
        "MEDICAL PROFESSIONAL REVIEW",
        "ISSUE AT DISPUTE:",
        "DETERMINATION:",
        "CASE SUMMARY:",
        "DOCUMENTS REVIEWED FOR DETERMINATION:",
        "MEDICAL REVIEWER QUALIFICATIONS:",
        "DETERMINATION OF MAXIMUS FEDERAL SERVICES, INC.",
        "INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE",
        "Notice  of  Independent  Medical  Review  Determination",
        "Notice of Independent Medical Review Determination",
        "Medical Qualifications of the Expert Reviewer:",
        "Case Summary:",
    ],
    key=len,
    reverse=True,
)
_HEADING_LINE = re.compile(
    r"^(?P<h>" + "|".join(re.escape(h) for h in HEADINGS) + r")[ ]*$", re.MULTILINE
)


def _expected(letter: Path) -> dict:
    return json.loads(letter.with_suffix(".expected.json").read_text(encoding="utf-8"))


def _assert_same(document: ParsedDocument, expected: dict) -> None:
    got = document.to_json()
    for key in KEYS:
        assert got[key] == expected[key], key
    assert len(got["items"]) == len(expected["items"]), [i["text"] for i in got["items"]]
    for have, want in zip(got["items"], expected["items"], strict=True):
        for key in ITEM_KEYS:
            assert have[key] == want[key], (key, have["text"])
        assert have["rationale"], have["text"]


def _headings(text: str, rewrite: Callable[[str, int], str]) -> str:
    count = iter(range(1, 100))
    return _HEADING_LINE.sub(lambda m: rewrite(m["h"], next(count)), text)


# Per-item labels of the four layouts, as the fixtures write them.
LABELS = (
    r"(?:Claims Administrator guideline|MAXIMUS guideline|Decision rationale|Rationale for the "
    r"Decision|Medical Treatment Guideline|Guideline\(s\) used by|RATIONALE FOR WHY|Rationale :)"
)

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def _title(heading: str) -> str:
    return " ".join(w.capitalize() if w.isupper() else w for w in heading.split(" "))


def _break_at_space(line: str, page_break: str) -> str:
    """``line`` with ``page_break`` at its middle space (extraction breaks pages between words)."""
    middle = line.find(" ", len(line) // 2)
    return line if middle < 0 else line[:middle] + page_break + line[middle + 1 :]


VARIATIONS: dict[str, Callable[[str], str]] = {
    "lower-case headings": lambda t: _headings(t, lambda h, n: h.lower()),
    "title-case headings": lambda t: _headings(t, lambda h, n: _title(h)),
    "numbered headings": lambda t: _headings(t, lambda h, n: f"{n}. {h}"),
    "roman-numbered headings": lambda t: _headings(t, lambda h, n: f"{ROMAN[n - 1]}. {h}"),
    "section-numbered headings": lambda t: _headings(t, lambda h, n: f"Section {n} - {h}"),
    "dotted leaders": lambda t: _headings(t, lambda h, n: h.rstrip(":") + " ............"),
    "heading punctuation": lambda t: _headings(t, lambda h, n: h.rstrip(":") + " -- "),
    "heading shares its line": lambda t: re.sub(
        r"^(" + "|".join(re.escape(h) for h in HEADINGS) + r")[ ]*:?[ ]*\n(?=[A-Z])",
        lambda m: m[1].rstrip(":") + ": ",
        t,
        flags=re.MULTILINE,
    ),
    "form feeds and banners inside items": lambda t: re.sub(
        r"(?m)^(\S[^\n]{12,}?)(\s*:\s*(?:Upheld|Overturned|Partially Overturned))$",
        lambda m: _break_at_space(m[1], "\f\nPage 2 of 3\n") + m[2],
        t,
    ),
    "leaders before item outcomes": lambda t: re.sub(
        r"(?m)^(\S[^\n]*?)\s*:\s+(Upheld|Overturned|Partially Overturned)\s*$",
        r"\1 ......... \2",
        t,
    ),
    "CRLF line ends and tabs": lambda t: t.replace("\n", "\r\n").replace("    ", "\t"),
    "labels joined to the previous sentence": lambda t: re.sub(
        r"(?<=\.)[ ]*\n+[ ]*(?=" + LABELS + r")", " ", t
    ),
    "labels glued to the previous word": lambda t: re.sub(
        r"(?<=[A-Za-z])[ ]*\n+[ ]*(?=" + LABELS + r")", "", t
    ),
    "outcomes in brackets": lambda t: re.sub(
        r"(?m):\s+(Upheld|Overturned|Partially Overturned)\s*$", r" (\1)", t
    ),
    "header labels reworded": lambda t: (
        t.replace("Dated:", "Letter Date:")
        .replace("Date of UR Decision:", "UR Decision Date:")
        .replace("Date of Injury:", "DOI:")
    ),
    "items numbered with #": lambda t: re.sub(r"(?m)^(\s*)(\d)\.  ?(?=[A-Z0-9])", r"\1#\2 ", t),
    "run-together words": lambda t: t.replace("not medically", "notmedically").replace(
        "is medically", "ismedically"
    ),
}


@pytest.mark.parametrize("variation", VARIATIONS, ids=str)
@pytest.mark.parametrize("letter", FIXTURES, ids=lambda p: p.stem)
def test_variant_letter_parses_to_the_same_record(letter: Path, variation: str) -> None:
    text = VARIATIONS[variation](letter.read_text(encoding="utf-8"))
    document = parse_text(text, f"{letter.stem}.txt")
    _assert_same(document, _expected(letter))


@pytest.mark.parametrize("letter", FIXTURES, ids=lambda p: p.stem)
def test_sections_in_another_order(letter: Path) -> None:
    # The summary (and what precedes it) moved after the items: nothing may depend on order.
    text = letter.read_text(encoding="utf-8")
    summary = re.search(
        r"(?m)^(?:CASE SUMMARY:|CLINICAL\s+(?:CASE\s+)?SUMMARY|Case Summary:)", text
    )
    assert summary is not None
    ends = [
        m.start()
        for m in (
            _HEADING_LINE.search(text, summary.end()),
            re.compile(r"(?m)^1\. Regarding").search(text, summary.end()),
        )
        if m
    ]
    end = min(ends)
    moved = text[summary.start() : end]
    document = parse_text(text[: summary.start()] + text[end:] + "\n\n" + moved, letter.name)
    expected = _expected(letter)
    assert document.layout == expected["layout"]
    assert [i.outcome for i in document.items] == [i["outcome"] for i in expected["items"]]
    assert document.diagnoses == expected["diagnoses"]


@pytest.mark.parametrize("letter", FIXTURES, ids=lambda p: p.stem)
def test_variant_pdf_with_form_feeds(letter: Path, tmp_path: Path) -> None:
    text = VARIATIONS["numbered headings"](letter.read_text(encoding="utf-8"))
    pdf = render_pdf(text, tmp_path / f"{letter.stem}.pdf", lines_per_page=9)
    (result,) = parse_path(pdf)
    assert isinstance(result, ParsedDocument), result
    _assert_same(result, _expected(letter))


# --- outcomes from elsewhere ---------------------------------------------------------------------

FD_NO_OUTCOMES = """\
IMR Case Number: CM14-0100200   Dated: 03/03/2014
How the IMR Final Determination was made
The physician reviewer is Board Certified in Physical Medicine and Rehabilitation and is licensed
to practice in California.

Clinical Case Summary
The patient is a 50-year-old man injured on 2/2/2012. He is diagnosed with lumbago.

IMR Issues, Decisions and Rationales
Lumbar MRI

Claims Administrator guideline: Decision based on MTUS ACOEM Chapter 12, pages 303-304.
MAXIMUS guideline: Decision based on MTUS ACOEM Chapter 12, pages 303-304.
Decision rationale: There are no red flags and no progressive neurologic deficit. The request is
notmedically necessary.

Acupuncture x 6

Claims Administrator guideline: Decision based on MTUS Acupuncture Medical Treatment Guidelines.
MAXIMUS guideline: Decision based on MTUS Acupuncture Medical Treatment Guidelines, page 8.
Decision rationale: A trial of three to six treatments is supported. The request is medically
necessary and appropriate.
"""

DR_ISSUE_AT_DISPUTE = """\
IMR Case Number: CM15-0300400    Dated: 05/05/2015

Summary of Independent Medical Review
Expert Reviewer Qualifications: The expert reviewer is Board Certified in Orthopaedic Surgery and
is licensed to practice in Ohio.

Documents Reviewed:
Utilization review dated 04/01/2015

Clinical Summary: The injured worker is a 45-year-old female with a date of injury of 1/1/2014.
She is diagnosed with right shoulder impingement.

IMR Decisions and Rationales
ISSUE AT DISPUTE: Right shoulder arthroscopy
Guideline(s) used by the Claims Administrator: MTUS ACOEM Chapter 9, pages 209-211.
Guideline(s) used by the Expert Reviewer: MTUS ACOEM Chapter 9, pages 209-211.
Rationale: Surgery is supported after failed conservative care with imaging evidence. The
request is certified.
"""

PR_NO_LIST = """\
Medical Professional Review
IMR Case Number: CM17-0500600   Dated: 07/07/2017

Issues at Dispute:
1. Tramadol ER 150mg #30

Case Summary: The patient is a 60 year old male injured on 3/3/2015, diagnosed with chronic
pain syndrome.

Issue 1 - Tramadol ER 150mg #30
Medical Treatment Guideline(s) Relied Upon by Professional Reviewer and Why:
MTUS Chronic Pain Medical Treatment Guidelines, pages 76-80.
Rationale:
There is no documented functional improvement or urine drug testing. The request is
non-certified.

Medical Reviewer Qualifications: The reviewer is Board Certified in Anesthesiology and is
licensed to practice in Florida.
"""


@pytest.mark.parametrize(
    ("text", "layout", "outcomes"),
    [
        (FD_NO_OUTCOMES, "dwc-final-determination", ["upheld", "overturned"]),
        (DR_ISSUE_AT_DISPUTE, "dwc-decisions-and-rationales", ["overturned"]),
        (PR_NO_LIST, "dwc-professional-review", ["upheld"]),
    ],
    ids=["final-determination", "decisions-and-rationales", "professional-review"],
)
def test_outcome_from_the_rationale_last_sentence(
    text: str, layout: str, outcomes: list[str]
) -> None:
    document = parse_text(text, "x.txt")
    assert document.layout == layout
    assert [i.outcome for i in document.items] == outcomes
    assert all(i.rationale for i in document.items)
    assert document.reviewer.specialty is not None
    explanation = explain_text(text, "x.txt")
    assert {i["outcome_from"] for i in explanation.items} == {"rationale last sentence"}


def test_2013_findings_without_rationale_blocks() -> None:
    text = (
        "Notice of Independent Medical Review Determination\nIMR Case Number: CM13-0000001\n"
        "DETERMINATION OF MAXIMUS FEDERAL SERVICES, INC.\n"
        "1. MAXIMUS Federal Services, Inc. has determined the request for Norco 10/325mg #60 is "
        "notmedically necessary and appropriate.\n"
        "2. MAXIMUS Federal Services, Inc. has determined the request for a TENS unit is "
        "medically necessary and appropriate.\n"
    )
    document = parse_text(text, "x.txt")
    assert document.layout == "dwc-2013-notice"
    assert [(i.service, i.outcome) for i in document.items] == [
        ("hydrocodone/acetaminophen", "upheld"),
        ("tens unit", "overturned"),
    ]


def test_item_without_any_outcome_keeps_none_with_a_warning() -> None:
    text = FD_NO_OUTCOMES.replace("The request is\nnotmedically necessary.", "See above.")
    document = parse_text(text, "x.txt")
    assert [i.outcome for i in document.items] == [None, "overturned"]
    assert "item 1: outcome not found" in document.warnings


def test_rejection_reasons_are_specific() -> None:
    with pytest.raises(ParseError) as raised:
        parse_text("MEDICAL PROFESSIONAL REVIEW\nISSUE AT DISPUTE:\nnothing here\n", "x.txt")
    reason = raised.value.reason
    assert reason.startswith("no disputed items found (")
    assert "issue-blocks: no 'ISSUE N:' headings" in reason
    assert "outcome-lines: no line ends in an outcome" in reason


# --- the pieces ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "split"),
    [
        ("is notmedically necessary", "is not medically necessary"),
        ("IS NOTMEDICALLY NECESSARY", "IS NOT MEDICALLY NECESSARY"),
        ("medicallynecessary and appropriate", "medically necessary and appropriate"),
        ("the requestfor physical therapy", "the request for physical therapy"),
        ("decision isupheld", "decision is upheld"),
    ],
)
def test_run_together_words_are_split(text: str, split: str) -> None:
    assert split_run_together(text) == split


@pytest.mark.parametrize(
    "word",
    [
        "hydrocodone", "arthroscopy", "therapy", "cannot", "nevertheless", "therefore",
        "notable", "noncertified", "otherwise", "meniscectomy", "McKenzie", "notwithstanding",
        "Cyclobenzaprine", "within", "inpatient", "maybe",
    ],
)  # fmt: skip
def test_real_words_are_not_split(word: str) -> None:
    assert split_run_together(word) == word


@pytest.mark.parametrize(
    ("line", "name", "rest"),
    [
        ("IMR ISSUES, DECISIONS AND RATIONALES", "issues", ""),
        ("3. Clinical Summary: The patient is", "summary", "The patient is"),
        ("III. CLINICAL CASE SUMMARY ........", "summary", ""),
        ("Section 2 - Documents Reviewed", "documents", ""),
        ("CLINICAL SUMMARY The patient is a 49", "summary", "The patient is a 49"),
        ("Decision:  Upheld", "decision", "Upheld"),
        ("Determination: Overturned", "decision", "Overturned"),
        ("Issue #2 - Gym membership", "item_heading", "Gym membership"),
        ("Issue(s) at Dispute:", "issue_at_dispute", ""),
        ("IMR Decisions and Rationales", "decisions", ""),
        ("Expert reviewer qualifications : The expert", "qualifications", "The expert"),
    ],
)
def test_headings_are_found_by_vocabulary(line: str, name: str, rest: str) -> None:
    heading = match_heading(line)
    assert heading is not None
    assert (heading.name, heading.rest) == (name, rest)


@pytest.mark.parametrize(
    "line",
    [
        "Clinical summary shows that",
        "Decision based on MTUS Chronic Pain Treatment Guidelines",
        "The summary of the visit",
        "2. Gym membership x 6 months: UPHELD",
    ],
)
def test_prose_is_not_a_heading(line: str) -> None:
    assert match_heading(line) is None


def test_mixed_case_heading_alone_starts_a_new_logical_line() -> None:
    cleaned = clean_text("Clinical Summary\nThe patient is a 40-year-old.\nShe was seen.\n")
    assert cleaned.split("\n") == [
        "Clinical Summary",
        "The patient is a 40-year-old. She was seen.",
    ]


def test_findings_without_has_determined_in_their_section() -> None:
    text = (
        "Notice of Independent Medical Review Determination\nIMR Case Number: CM13-0000002\n"
        "DETERMINATION OF MAXIMUS FEDERAL SERVICES, INC.\n"
        "1. The request for a lumbar MRI is not medically necessary and appropriate.\n"
        "2. The request for acupuncture x 6 is medically necessary and appropriate.\n"
    )
    document = parse_text(text, "x.txt")
    assert [(i.service, i.outcome) for i in document.items] == [
        ("mri", "upheld"),
        ("acupuncture", "overturned"),
    ]


def test_weak_evidence_is_enough_in_an_imr_letter() -> None:
    # Only "Regarding the request for" blocks (2 points, below the 3 a letter needs) - but the
    # case number says this is an IMR letter, so it is parsed, not rejected.
    text = (
        "IMR Case Number: CM13-0000003\n\n"
        "1. Regarding the request for Norco 10/325mg #60:\n"
        "Rationale for the Decision: There is no functional improvement. The request is not "
        "medically necessary.\n"
    )
    document = parse_text(text, "x.txt")
    assert document.layout == "dwc-2013-notice"
    assert [(i.text, i.outcome) for i in document.items] == [("Norco 10/325mg #60", "upheld")]
    with pytest.raises(ParseError):  # the same without any IMR marker is not a letter
        parse_text(text.replace("IMR Case Number: CM13-0000003", "Memo"), "memo.txt")


@pytest.mark.parametrize(
    ("line", "text", "outcome"),
    [
        ("MRI of the lumbar spine: Upheld", "MRI of the lumbar spine", "Upheld"),
        ("MRI of the lumbar spine ......... Overturned", "MRI of the lumbar spine", "Overturned"),
        ("MRI of the lumbar spine - partially overturned", "MRI of the lumbar spine",
         "partially overturned"),
        ("MRI of the lumbar spine (Upheld)", "MRI of the lumbar spine", "Upheld"),
        ("MRI of the lumbar spine - Decision: Upheld", "MRI of the lumbar spine", "Upheld"),
        ("UPHELD: MRI of the lumbar spine", "MRI of the lumbar spine", "UPHELD"),
        ("Acupuncture x 6: Overturned in part", "Acupuncture x 6", "Overturned in part"),
    ],
)  # fmt: skip
def test_item_line_forms(line: str, text: str, outcome: str) -> None:
    document = parse_text(
        f"IMR ISSUES, DECISIONS AND RATIONALES\n\n{line}\n\nDecision rationale: See the "
        "guidelines.\n",
        "x.txt",
    )
    (item,) = document.items
    assert item.text == text
    assert item.outcome == normalise_outcome(outcome)


def test_prose_ending_in_an_outcome_word_is_not_an_item() -> None:
    with pytest.raises(ParseError):
        parse_text("IMR ISSUES, DECISIONS AND RATIONALES\nThe prior denial is upheld.\n", "x")


def test_hyphenation_at_line_ends() -> None:
    cleaned = clean_text("referral to speciali-\nsts is non-\ncertified, evidence-\nbased.\n")
    assert cleaned == "referral to specialists is non-certified, evidence-based."


def test_heading_after_a_sentence_on_the_same_line() -> None:
    cleaned = clean_text("The request is not medically necessary. Decision rationale: None.\n")
    assert cleaned.split("\n") == [
        "The request is not medically necessary.",
        "Decision rationale: None.",
    ]


# Letters in wordings the fixtures do not use: leaders after numbered items, "A." items with
# "IMR Decision:" / "Reviewer's Guideline(s):" / "Reason for Decision:", a bulleted ISSUE(S) AT
# DISPUTE list with "ISSUE N: ... - OVERTURNED" determinations, 2013 findings about "the requested
# X" with "N. [item]:" blocks.
VARIANT_LETTERS = Path(__file__).parent / "fixtures" / "letters_variants"


@pytest.mark.parametrize(
    ("name", "layout", "items"),
    [
        ("a_fd.txt", "dwc-final-determination", [
            ("Cervical epidural steroid injection at C5-6", "upheld"),
            ("Gabapentin 600mg #90", "overturned"),
        ]),
        ("b_dr.txt", "dwc-decisions-and-rationales", [
            ("Lumbar MRI without contrast", "upheld"),
            ("Physical therapy 2x4 lumbar spine", "partially overturned"),
        ]),
        ("c_pr.txt", "dwc-professional-review", [
            ("Left knee arthroscopy", "overturned"),
            ("Post-operative physical therapy x 12", "upheld"),
        ]),
        ("d_2013.txt", "dwc-2013-notice", [
            ("Norco 10/325mg #120", "upheld"),
            ("Urine drug screen", "overturned"),
        ]),
    ],
)  # fmt: skip
def test_letters_in_other_wordings(name: str, layout: str, items: list[tuple[str, str]]) -> None:
    (document,) = parse_path(VARIANT_LETTERS / name)
    assert isinstance(document, ParsedDocument), document
    assert document.layout == layout
    assert [(i.text, i.outcome) for i in document.items] == items
    assert all(i.rationale for i in document.items)
    assert document.reviewer.specialty and document.reviewer.license_state
    assert document.patient.age and document.diagnoses


@pytest.mark.parametrize(
    ("rationale", "outcome"),
    [
        ("Guidelines apply. The request is not medically necessary.", "upheld"),
        ("Guidelines apply. Therefore the request is non-certified.", "upheld"),
        ("Criteria are met. The request is medically necessary and appropriate.", "overturned"),
        ("Criteria are met. The requested MRI is supported.", "overturned"),
        ("Medical necessity has not been established.", "upheld"),
        ("It has not been shown to be medically necessary.", "upheld"),
        # A guideline quoted last is no verdict on the request.
        ("Drug testing is recommended for patients on opioids.", None),
    ],
)
def test_outcome_from_a_rationale(rationale: str, outcome: str | None) -> None:
    found = rationale_outcome(rationale)
    assert (normalise_outcome(found) if found else None) == outcome


# --- round 2: wordings a second clean-room set used ------------------------------------------

_GLUED_WRAPPED = """\
IMR ISSUES, DECISIONS AND RATIONALES
The Final Determination was based on decisions for the disputed items/services set forth below:

Lumbar MRI without contrast: OVERTURNEDClaims Administrator
guideline: Decision based on MTUS ACOEM Chapter 12 Low Back Complaints, Page(s): 303-304.

MAXIMUS guideline: Decision based on Non-MTUS Citation ODG Low Back chapter.

Decision rationale: Red flags are documented and the imaging is supported. The request is
medically necessary.

Gabapentin 600mg #90:  upheld

Claims Administrator guideline: Decision based on MTUS Chronic Pain Treatment Guidelines.

MAXIMUS guideline: Decision based on MTUS Chronic Pain Treatment Guidelines Page(s): 18-19.

Decision rationale: No functional benefit is documented. The request is not medically necessary.
"""


def test_label_glued_to_the_outcome_and_wrapped_onto_the_next_line() -> None:
    # "OVERTURNEDClaims Administrator / guideline:" is a label cut by a line break as well as
    # glued to the outcome: the item line must still end in its outcome.
    document = parse_text(_GLUED_WRAPPED, "glued.txt")
    assert [(i.text, i.outcome) for i in document.items] == [
        ("Lumbar MRI without contrast", "overturned"),
        ("Gabapentin 600mg #90", "upheld"),
    ]
    first = document.items[0]
    assert [(g.name, g.cited_by) for g in first.guidelines] == [
        ("MTUS ACOEM Low Back Complaints", "claims administrator"),
        ("ODG Low Back", "reviewer"),
    ]
    assert first.rationale.startswith("Red flags are documented")


_PROFESSIONAL = """\
MEDICAL PROFESSIONAL REVIEW
IMR Case Number: CM16-0456789   Date: 3/14/2016
Date of Injury: 05/02/2012   Date of UR Decision: 01/20/2016

ISSUE AT DISPUTE:
1. Individual psychotherapy, 6 sessions

DETERMINATION:
1. Individual psychotherapy, 6 sessions: OVERTURNED

{summary_heading} This claimant is a 47-year-old woman injured at work. She has been diagnosed
with major depressive disorder and chronic pain syndrome. The service date: 02/02/2016 visit
documents improvement with therapy.

ISSUE 1: Individual psychotherapy, 6 sessions
MEDICAL TREATMENT GUIDELINE(S) RELIED UPON BY PROFESSIONAL REVIEWER AND WHY:
American Psychological Association clinical practice guideline for depression.
RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS MEDICALLY NECESSARY:
Objective improvement is documented. The request is medically necessary.

MEDICAL REVIEWER QUALIFICATIONS:
The reviewer is a licensed clinical psychologist and is licensed to practice in Oregon.
"""


@pytest.mark.parametrize(
    "summary_heading",
    [
        "Physician Reviewer's Clinical Summary:",
        "IMR CASE SUMMARY:",
        "Reviewer Summary of the Records:",
        "Brief Case Synopsis -",
    ],
)
def test_summary_heading_named_after_who_wrote_it(summary_heading: str) -> None:
    document = parse_text(_PROFESSIONAL.format(summary_heading=summary_heading), "pr.txt")
    assert (document.patient.age, document.patient.sex) == (47, "female")
    assert document.diagnoses == ["major depressive disorder", "chronic pain syndrome"]
    # "Date:" after the case number on the header line is the letter's date (a "service
    # date:" in the summary is not).
    assert document.decision_date == "2016-03-14"
    assert (document.ur_date, document.patient.injury_date) == ("2016-01-20", "2012-05-02")
    reviewer = document.reviewer
    assert (reviewer.specialty, reviewer.license_state) == ("Psychology", "Oregon")
    assert [(g.name, g.family) for g in document.items[0].guidelines] == [
        ("Professional society guideline", "other")
    ]


def test_a_mid_line_date_after_a_word_is_not_the_letter_date() -> None:
    text = _PROFESSIONAL.format(summary_heading="CASE SUMMARY:").replace(
        "IMR Case Number: CM16-0456789   Date: 3/14/2016", "IMR Case Number: CM16-0456789"
    )
    assert parse_text(text, "pr.txt").decision_date is None


@pytest.mark.parametrize(
    ("text", "rationale", "region"),
    [
        # Equipment after an operation is for the operated region.
        (
            "Continuous passive motion device, 21-day rental",
            "The device is requested after her approved left knee replacement. It is supported.",
            "knee",
        ),
        # The region the item text names comes first.
        (
            "Cold therapy unit for the right wrist",
            "It follows the certified shoulder arthroscopy.",
            "wrist",
        ),
        # A medication is for no region, whatever operation it follows.
        ("Oxycodone 5mg #30", "Prescribed following the lumbar fusion.", None),
        # A service whose name holds its region.
        ("Right TKA", "Conservative care failed.", "knee"),
    ],
)
def test_item_region_from_the_operation_or_the_service(
    text: str, rationale: str, region: str | None
) -> None:
    item = build_item(RawItem(text, "upheld", rationale), 1, [])
    assert item.body_region == region


# --- round 3: wordings a third clean-room set used -------------------------------------------


@pytest.mark.parametrize(
    "glued",
    [
        # A label of another wording, wrapped across a blank line (double-spaced extraction).
        "OverturnedGuideline(s) used by the Claims \n\nAdministrator -",
        "OVERTURNEDClaims Administrator\n\nguideline:",
        # Labels that start with a word in capitals or one no other label starts with.
        "overturnedMAXIMUS guideline:",
        "OverturnedIMR Rationale:",
    ],
)
def test_any_item_label_glued_to_the_outcome_is_split_off(glued: str) -> None:
    text = _GLUED_WRAPPED.replace("OVERTURNEDClaims Administrator\nguideline:", glued)
    document = parse_text(text, "glued.txt")
    assert [(i.text, i.outcome) for i in document.items] == [
        ("Lumbar MRI without contrast", "overturned"),
        ("Gabapentin 600mg #90", "upheld"),
    ]


_BRACKETED = """\
3. IMR ISSUES, DECISIONS AND RATIONALES
The Final Determination was based on decisions for the disputed items/services set forth below:
Cervical epidural steroid injection, C5-C6 (Upheld)
Claims Administrator Guideline(s): Decision based on MTUS Chronic Pain Treatment Guidelines
MAXIMUS guideline: Decision based on MTUS Chronic Pain Treatment Guidelines, Epidural steroid
injections
Decision Rationale: Radiculopathy must be corroborated by imaging or electrodiagnostic testing.
No such study is in the records
MAXIMUS FEDERAL SERVICES
IMR Case Number CM16-7810140 Page 1 of 2

submitted for review. The request is therefore not medically necessary.
Topical lidocaine patch 5% #30 {second}
Claims Administrator Guideline(s): Decision based on MTUS Chronic Pain Treatment Guidelines
MAXIMUS guideline: Decision based on MTUS Chronic Pain Treatment Guidelines, Lidocaine
Decision Rationale: Neuropathic pain after a failed first-line agent is documented. The request
is medically necessary.
"""


@pytest.mark.parametrize(
    ("second", "outcome"), [("(Overturned)", "overturned"), ("[upheld]", "upheld")]
)
def test_an_item_line_with_its_outcome_in_brackets_after_a_wrapped_rationale(
    second: str, outcome: str
) -> None:
    # The second item line follows the first item's rationale with no blank line, after a page
    # banner: it must start an item of its own, not continue the rationale.
    document = parse_text(_BRACKETED.format(second=second), "bracketed.txt")
    assert [(i.text, i.outcome) for i in document.items] == [
        ("Cervical epidural steroid injection, C5-C6", "upheld"),
        ("Topical lidocaine patch 5% #30", outcome),
    ]
    assert document.items[0].rationale.endswith("therefore not medically necessary.")


@pytest.mark.parametrize(
    ("label", "date"),
    [
        ("Dated December 25, 2017", "2017-12-25"),
        ("DATED 12/25/2017", "2017-12-25"),
        ("Letter Date: 2017-12-25", "2017-12-25"),
        ("Date of Letter 12/25/2017", "2017-12-25"),
    ],
)
def test_a_letter_date_label_after_the_case_number_on_its_line(label: str, date: str) -> None:
    text = _PROFESSIONAL.format(summary_heading="CASE SUMMARY:").replace("Date: 3/14/2016", label)
    assert parse_text(text, "pr.txt").decision_date == date


def test_a_lower_case_dated_after_a_number_is_prose() -> None:
    text = (
        _PROFESSIONAL.format(summary_heading="CASE SUMMARY:")
        .replace("Date: 3/14/2016", "")
        .replace("The service date:", "The report of 02/02/2016 dated 02/04/2016 and the")
    )
    assert parse_text(text, "pr.txt").decision_date is None


# --- round 4: a fourth clean-room set ---------------------------------------------------------

_NOTICE_ITEM_PREFIXES = """\
Notice of Independent Medical Review Determination
IMR Case Number: CM13-0000004
DETERMINATION OF MAXIMUS FEDERAL SERVICES, INC.
1. MAXIMUS Federal Services, Inc. has determined the request for a lumbar MRI is not medically \
necessary and appropriate.
2. MAXIMUS Federal Services, Inc. has determined the request for acupuncture x 6 is medically \
necessary and appropriate.
3. MAXIMUS Federal Services, Inc. has determined the request for Norco 10/325mg #60 is not \
medically necessary and appropriate.
INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE
{first} Regarding the request for a lumbar MRI:
Rationale for the Decision:
No red flags are documented.
{second} Regarding the request for acupuncture x 6:
Rationale for the Decision:
Acupuncture may be used when pain medication is reduced.
{third} Regarding the request for Norco 10/325mg #60:
Rationale for the Decision:
No functional benefit from opioids is documented.
"""


@pytest.mark.parametrize(
    ("first", "second", "third"),
    [("1)", "#2", "#3"), ("1.", "Item 2:", "Item 3:"), ("(1)", "# 2", "(3)"), ("1:", "2:", "3:")],
)
def test_every_numbered_regarding_block_of_a_notice_is_an_item(
    first: str, second: str, third: str
) -> None:
    text = _NOTICE_ITEM_PREFIXES.format(first=first, second=second, third=third)
    document = parse_text(text, "x.txt")
    assert [(i.service, i.outcome) for i in document.items] == [
        ("mri", "upheld"),
        ("acupuncture", "overturned"),
        ("hydrocodone/acetaminophen", "upheld"),
    ]
    assert all(i.rationale for i in document.items)


@pytest.mark.parametrize(
    ("rationale", "outcome"),
    [
        (
            "No benefit is noted. The medical necessity of the request has not been established.",
            "upheld",
        ),
        (
            "No benefit is noted. Medical necessity for the requested knee MRI was not shown.",
            "upheld",
        ),
        (
            "Imaging is normal. The medical necessity of this surgery has been established.",
            "overturned",
        ),
        ("No trial is documented. Therefore the request cannot be recommended.", "upheld"),
        (
            "No trial is documented. The requested cream does not meet the guideline criteria.",
            "upheld",
        ),
        ("The need remains unclear. The request remains unsubstantiated.", "upheld"),
        ("Pain is well documented. It is not indicated at this time.", "upheld"),
        (
            "Six visits are asked for. Only the initial trial portion of the request is medically "
            "necessary.",
            "partially overturned",
        ),
        (
            "A trial was completed. Only 6 of the 12 visits are medically necessary.",
            "partially overturned",
        ),
        # Quoting the guideline's criteria is still no verdict.
        ("Surgery is recommended when imaging confirms a lesion.", None),
    ],
)
def test_outcome_from_a_rationale_in_other_wordings(rationale: str, outcome: str | None) -> None:
    found = rationale_outcome(rationale)
    assert (normalise_outcome(found) if found else None) == outcome


# --- round 5: a fifth clean-room set ----------------------------------------------------------

_NOTICE_REVIEWER_LABEL = """\
Notice of Independent Medical Review Determination
IMR Case Number: CM13-0000005
DETERMINATION OF MAXIMUS FEDERAL SERVICES, INC.
1. MAXIMUS Federal Services, Inc. has determined the request for a cervical MRI is not medically \
necessary and appropriate.
2. MAXIMUS Federal Services, Inc. has determined the request for Norco 10/325mg #90 is not \
medically necessary and appropriate.
INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE
1. Regarding the request for a cervical MRI:
Medical Treatment Guideline(s) which the Claims Administrator relied upon:
The Claims Administrator based its decision on the ACOEM Neck and Upper Back Complaints.
{label}
The Expert Reviewer relied on the Official Disability Guidelines, Neck and Upper Back, MRI.
Rationale for the Decision
No neurological deficit is documented, so imaging is not indicated.
2. Regarding the request for Norco 10/325mg #90:
Medical Treatment Guideline(s) which the Claims Administrator relied upon:
The Claims Administrator based its decision on the ACOEM Chapter 12.
{label}
The Expert Reviewer relied on the MTUS Chronic Pain Medical Treatment Guidelines, Opioids.
Rationale for the Decision:
No functional benefit from opioids is documented.
"""


@pytest.mark.parametrize(
    "label",
    [
        "Medical Treatment Guideline(s) the Expert Reviewer relied upon to make his/her decision",
        "Medical Treatment Guidelines the Expert Reviewer relied upon in making the determination",
        # Wrapped without its colon, with a page banner after the label's end.
        "Medical Treatment Guideline(s) the Expert Reviewer relied upon to make his/her\n"
        "decision\nPage 2 of 3",
        "Medical Treatment Guideline(s) the Expert Reviewer relied upon to make\nthe decision",
    ],
)
def test_reviewer_guideline_label_without_its_colon(label: str) -> None:
    document = parse_text(_NOTICE_REVIEWER_LABEL.format(label=label), "n.txt")
    reviewer = [
        (i.service, [g.family for g in i.guidelines if g.cited_by == "reviewer"])
        for i in document.items
    ]
    assert reviewer == [("mri", ["ODG"]), ("hydrocodone/acetaminophen", ["MTUS"])]
    # The reviewer's citation is its own section, not the start of the rationale.
    assert all("relied on" not in (i.rationale or "") for i in document.items)


@pytest.mark.parametrize(
    "line",
    [
        "Medical Treatment Guideline(s) the Expert Reviewer relied upon to make his/her decision "
        "were not identified in the file",
        "Medical Treatment Guidelines were relied upon to make the decision.",
    ],
)
def test_a_sentence_about_the_guidelines_is_no_label(line: str) -> None:
    assert match_heading(line) is None


_DECISIONS_ACROSS_A_PAGE = """\
SUMMARY OF INDEPENDENT MEDICAL REVIEW
IMR Case Number: CM14-0000005

IMR Decision(s) and Rationale(s)

Physical therapy, 12 visits
   Outcome: OVERTURNED
   Guideline(s) used by the Claims Administrator: MTUS Physical Medicine.
   Rationale: The patient had surgery recently and postoperative therapy is supported{wrap}
Page 2 of 2
{after}Knee brace
   Outcome: UPHELD
   Guideline(s) relied upon by the Expert Reviewer: ODG Knee and Leg, Knee brace.
   Rationale: There is no instability on examination. The request is not medically necessary.
"""


def test_an_item_after_a_page_banner_that_follows_a_finished_paragraph() -> None:
    # The paragraph ended ("supported." and a blank line) before the banner: the next item's
    # title is not the rationale's last words.
    text = _DECISIONS_ACROSS_A_PAGE.format(wrap=" by the guidelines.\n", after="")
    document = parse_text(text, "d.txt")
    assert [(i.text, i.outcome) for i in document.items] == [
        ("Physical therapy, 12 visits", "overturned"),
        ("Knee brace", "upheld"),
    ]
    assert document.items[0].rationale.endswith("supported by the guidelines.")


def test_a_page_banner_inside_a_sentence_still_joins_its_paragraph() -> None:
    cleaned = clean_text("The therapy is supported\n\nPage 2 of 2\nby the guidelines here.\n")
    assert cleaned == "The therapy is supported by the guidelines here."
