"""`imr parse`: exit codes 0/1/2 and the exact JSON shape."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from imr.commands.parse import parse_command

LETTERS = Path(__file__).parent / "fixtures" / "letters"
GOOD = LETTERS / "final_determination_multi.txt"
DOCUMENT_KEYS = {
    "source",
    "layout",
    "case_id",
    "decision_date",
    "patient",
    "diagnoses",
    "reviewer",
    "items",
    "summary",
    "warnings",
    "ur_date",
    "doc_sha256",
    "dispute_type",
    "diagnosis_category",
}
ITEM_KEYS = {
    "text",
    "service",
    "category",
    "outcome",
    "rationale",
    "body_region",
    "quantity",
    "frequency",
    "duration",
    "guidelines",
}
GUIDELINE_KEYS = {"name", "family", "pages", "cited_by"}


def test_json_output_for_a_good_letter_exits_0() -> None:
    result = CliRunner().invoke(parse_command, [str(GOOD), "--json"])
    assert result.exit_code == 0, result.output
    (record,) = json.loads(result.output)
    assert set(record) == DOCUMENT_KEYS
    assert set(record["patient"]) == {"age", "sex", "injury_date", "age_range"}
    assert set(record["reviewer"]) == {"specialty", "license_state"}
    assert [set(item) for item in record["items"]] == [ITEM_KEYS] * 3
    assert set(record["items"][0]["guidelines"][0]) == GUIDELINE_KEYS
    assert record["source"] == str(GOOD)
    assert record["case_id"] == "CM13-0012345"


def test_a_failure_is_reported_and_exits_1(tmp_path: Path) -> None:
    memo = tmp_path / "memo.txt"
    memo.write_text("Dear Sir, thank you for your letter.", encoding="utf-8")
    result = CliRunner().invoke(parse_command, [str(GOOD), str(memo), "--json"])
    assert result.exit_code == 1
    records = json.loads(result.output)
    assert len(records) == 2
    assert records[1] == {
        "source": str(memo),
        "error": "not an IMR determination letter: none of the known layouts' headings found "
        "(expected e.g. 'IMR ISSUES, DECISIONS AND RATIONALES')",
    }


def test_missing_path_is_a_usage_error() -> None:
    result = CliRunner().invoke(parse_command, ["/no/such/letter.txt"])
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_no_arguments_is_a_usage_error() -> None:
    assert CliRunner().invoke(parse_command, []).exit_code == 2


def test_table_output_and_directory_expansion() -> None:
    result = CliRunner().invoke(parse_command, [str(LETTERS)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["SOURCE", "LAYOUT", "CASE", "ID", "ITEMS", "OUTCOME(S)", "WARNINGS"]
    assert len(lines) == 1 + len(list(LETTERS.glob("*.txt"))) + 1
    assert lines[-1] == "8 parsed, 0 failed"
    assert any(
        "CM13-0012345" in line and "overturned, partially overturned, upheld" in line
        for line in lines
    )


def test_csv_with_bad_rows_exits_1() -> None:
    csv_path = Path(__file__).parent / "fixtures" / "dmhc" / "dmhc_varied.csv"
    result = CliRunner().invoke(parse_command, [str(csv_path), "--json"])
    assert result.exit_code == 1
    records = json.loads(result.output)
    assert len(records) == 6
    assert sum("error" in r for r in records) == 3


def test_help_has_an_example() -> None:
    result = CliRunner().invoke(parse_command, ["--help"])
    assert result.exit_code == 0
    assert "imr parse letters/" in result.output


# --- --explain -----------------------------------------------------------------------------------


def test_explain_shows_scores_sections_strategies_and_items() -> None:
    letter = LETTERS / "professional_review_messy.txt"
    result = CliRunner().invoke(parse_command, ["--explain", str(letter)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"== {letter}"
    assert lines[1] == "layout: dwc-professional-review"
    assert lines[2].startswith("  score dwc-professional-review: 13 (pr_title, issue_at_dispute, ")
    assert "  line 4 (offset 77): issue_at_dispute [issue at dispute] 'ISSUE AT DISPUTE'" in lines
    assert "  issue-blocks: 2 item(s)" in lines
    assert (
        "  1. 'Functional restoration program, 160 hours' -> partially overturned "
        "(from determination list)"
    ) in lines
    assert "  2. 'Gym membership x 6 months' -> upheld (from determination list)" in lines
    assert lines[-1] == "parsed"


def test_explain_says_why_a_letter_was_rejected(tmp_path: Path) -> None:
    letter = tmp_path / "empty_review.txt"
    letter.write_text("MEDICAL PROFESSIONAL REVIEW\nISSUE AT DISPUTE:\nnone\n", encoding="utf-8")
    memo = tmp_path / "memo.txt"
    memo.write_text("Dear Sir, thank you for your letter.", encoding="utf-8")
    result = CliRunner().invoke(parse_command, ["--explain", str(letter), str(memo)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert "  issue-blocks: rejected: no 'ISSUE N:' headings" in lines
    assert "  score dwc-professional-review: 6 (pr_title, issue_at_dispute)" in lines
    rejected = [line for line in lines if line.startswith("rejected: ")]
    assert rejected[0].startswith("rejected: no disputed items found (issue-blocks: ")
    assert rejected[1] == (
        "rejected: not an IMR determination letter: none of the known layouts' headings found "
        "(expected e.g. 'IMR ISSUES, DECISIONS AND RATIONALES')"
    )


def test_explain_json_has_the_same_content() -> None:
    letter = LETTERS / "final_determination_multi.txt"
    result = CliRunner().invoke(parse_command, ["--explain", "--json", str(letter)])
    assert result.exit_code == 0, result.output
    (explanation,) = json.loads(result.output)
    assert set(explanation) == {
        "source", "layout", "scores", "sections", "strategies", "items", "rejected", "warnings",
    }  # fmt: skip
    assert explanation["layout"] == "dwc-final-determination"
    assert explanation["scores"][0]["layout"] == "dwc-final-determination"
    assert explanation["strategies"] == [
        {"name": "outcome-lines", "items": 3, "reason": "3 item(s)"}
    ]
    assert [(i["outcome"], i["outcome_from"]) for i in explanation["items"]] == [
        ("overturned", "item line"),
        ("partially overturned", "item line"),
        ("upheld", "item line"),
    ]
    assert explanation["sections"][2] == {
        "name": "issues", "kind": "issues, decisions and rationales", "line": 16, "offset": 1085,
        "heading": "IMR ISSUES, DECISIONS AND RATIONALES",
    }  # fmt: skip
    assert explanation["rejected"] is None
