"""The UI's pure helpers: Markdown escaping, upload names and limits, console parameters,
CSV export and the `imr ui` command line. No database, no browser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from graph.errors import InvalidRequestError
from graph.search import Citation, Components, SearchHit
from ui import uploads
from ui.components import csv_bytes, hits_frame, outcome_badge, shared_chips
from ui.params import format_params, parse_params
from ui.text import escape_markdown, highlighted


def make_hit(**changes) -> SearchHit:
    values = dict(
        decision_id="CM13-1:1", case_id="CM13-1", source="x.txt", source_kind="dwc",
        service="mri", category="diagnostic imaging", body_region="lumbar spine",
        outcome="upheld", decision_date="2014-02-03", item_text="MRI lumbar spine",
        snippet="MRI is not indicated", snippet_highlighted="**MRI** is not indicated",
        score=0.5, components=Components(semantic=0.8, semantic_rank=1), shared={},
        citations=[Citation("MTUS ACOEM Low Back Complaints", "MTUS", "303-304", "reviewer")],
        diagnoses=["lumbar radiculopathy"], reviewer_specialty="Orthopedic Surgery",
        patient_age=44, patient_sex="male", age_range=None, rationale="MRI is not indicated.",
    )  # fmt: skip
    values.update(changes)
    return SearchHit(**values)


# -- Markdown -------------------------------------------------------------------------------------
def test_letter_text_is_shown_literally():
    text = "Dose *twice* a day; cost $40 to $60 :red[x] [link](http://e.x) # not a heading"
    escaped = escape_markdown(text, keep_code=False)
    # Every character Markdown or Streamlit would read as markup is escaped.
    assert not re.search(r"(?<!\\)[*$:\[\]()#]", escaped)
    # Unescaping gives the text back: nothing was lost, only escaped.
    assert re.sub(r"\\(.)", r"\1", escaped) == text


def test_messages_keep_their_inline_code():
    assert escape_markdown("run `imr neo4j start` now.") == "run `imr neo4j start` now\\."


def test_highlights_survive_and_the_rest_is_escaped():
    marked = highlighted("The **MRI** of the *lumbar* spine")
    assert marked.startswith("The :orange[**MRI**] of")
    assert "\\*lumbar\\*" in marked


def test_snippets_mark_whole_words_never_function_words():
    from graph.search import make_snippet

    _, marked = make_snippet(
        "There is therapy for the spine. Injections were given.", ["the", "therapy", "injection"]
    )
    assert marked == "There is **therapy** for the spine. **Injections** were given."


@given(st.text(max_size=200))
def test_escaping_never_loses_text(text):
    assert re.sub(r"\\(.)", r"\1", escape_markdown(text, keep_code=False)) == text


def test_badges_and_chips():
    assert outcome_badge("overturned") == ":green-badge[Overturned]"
    assert outcome_badge("upheld") == ":red-badge[Upheld]"
    assert outcome_badge(None) == ":gray-badge[Unknown]"
    chips = shared_chips({"service": ["mri"], "guideline": ["ODG [Low] Back"]})
    assert chips == (
        ":violet-badge[same service: mri] :violet-badge[same guideline: ODG \\[Low\\] Back]"
    )


# -- uploads --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\x\\letter 1.pdf", "letter_1.pdf"),
        ("/abs/path/imr.txt", "imr.txt"),
        (".hidden.txt", "hidden.txt"),
        ("..", "upload"),
        ("déterminación (1).txt", "d_terminaci_n_1_.txt"),
        ("-rf.csv", "rf.csv"),
    ],
)
def test_safe_names(name, expected):
    assert uploads.safe_name(name) == expected


@given(st.text(min_size=1, max_size=300))
def test_safe_names_stay_in_their_folder(name):
    safe = uploads.safe_name(name)
    assert re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9._-]*", safe)
    assert len(safe) <= uploads.MAX_NAME_CHARS


def test_check_refuses_wrong_type_empty_and_oversized(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_FILE_MB", 0.001)  # 1 kB
    accepted, refused = uploads.check(
        [
            uploads.Upload("letter.txt", b"IMR letter"),
            uploads.Upload("notes.docx", b"x"),
            uploads.Upload("empty.pdf", b""),
            uploads.Upload("big.csv", b"x" * 2000),
        ]
    )
    assert [u.name for u in accepted] == ["letter.txt"]
    reasons = {r.file: r.detail for r in refused}
    assert "not a .txt, .pdf or .csv" in reasons["notes.docx"]
    assert reasons["empty.pdf"] == "the file is empty"
    assert "over the 0.001 MB limit" in reasons["big.csv"]
    assert all(r.status == "failed" for r in refused)


def test_save_writes_inside_a_new_folder_and_keeps_duplicates_apart(tmp_path: Path):
    saved = uploads.save(
        [
            uploads.Upload("../a.txt", b"one"),
            uploads.Upload("sub/a.txt", b"two"),
            uploads.Upload("A.TXT", b"three"),
        ],
        tmp_path,
    )
    folders = {p.parent for p in saved}
    assert len(folders) == 1 and next(iter(folders)).parent == tmp_path
    assert sorted(p.name for p in saved) == ["A-3.TXT", "a-2.txt", "a.txt"]
    assert sorted(p.read_bytes() for p in saved) == [b"one", b"three", b"two"]


# -- console parameters ---------------------------------------------------------------------------
def test_parameters_from_lines_and_json():
    assert parse_params('service=mri\nlimit=5\n$ids=["a", "b"]\n# note\n\nflag=true') == {
        "service": "mri",
        "limit": 5,
        "ids": ["a", "b"],
        "flag": True,
    }
    assert parse_params('{"service": "mri"}') == {"service": "mri"}
    assert parse_params("") == {}
    assert parse_params(format_params({"service": "acupuncture", "k": 3})) == {
        "service": "acupuncture",
        "k": 3,
    }


@pytest.mark.parametrize("text", ["no equals sign", "1abc=2", '{"a": 1', "[1, 2]"])
def test_bad_parameters_are_named(text):
    with pytest.raises(InvalidRequestError):
        parse_params(text)


# -- CSV export -----------------------------------------------------------------------------------
def test_csv_has_one_row_per_hit_and_no_live_formulas():
    hits = [make_hit(), make_hit(decision_id="CM13-1:2", item_text='=HYPERLINK("http://x")')]
    text = csv_bytes(hits_frame(hits)).decode()
    lines = text.splitlines()
    assert lines[0].startswith("rank,decision_id,case_id,decision_date")
    assert len(lines) == 3
    assert "'=HYPERLINK" in text
    assert "MTUS ACOEM Low Back Complaints, p. 303-304 (reviewer)" in text


# -- imr ui ---------------------------------------------------------------------------------------
def test_imr_ui_serves_loopback_by_default(monkeypatch):
    from imr.cli import cli
    from imr.commands import ui as ui_command

    calls = []

    def fake_run(args, **kwargs):
        calls.append((args, kwargs))

        class Done:
            returncode = 0

        return Done()

    monkeypatch.setattr(ui_command.subprocess, "run", fake_run)
    result = CliRunner().invoke(cli, ["ui", "--port", "8777"])
    assert result.exit_code == 0, result.output
    args, kwargs = calls[0]
    assert args[args.index("--server.address") + 1] == "127.0.0.1"
    assert args[args.index("--server.port") + 1] == "8777"
    assert args[args.index("--server.headless") + 1] == "true"
    assert str(args[args.index("run") + 1]).endswith("ui/app.py")
    assert kwargs["cwd"] == ui_command.ROOT  # the checkout, where .streamlit/config.toml is


def test_imr_ui_has_help_with_an_example():
    from imr.commands.ui import ui_command

    result = CliRunner().invoke(ui_command, ["--help"])
    assert result.exit_code == 0
    assert "Example" in result.output and "--address" in result.output
