"""The stored letters: every loaded source file is copied to IMR_HOME/letters/<sha256>.<ext>,
and the decision page opens that copy after the original is gone (real pipeline, real Neo4j,
the app run with AppTest)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
import streamlit as st

from graph.decision import decision_detail, find_decision
from imr.settings import Settings
from ingest.archive import (
    ArchiveError,
    archive_into,
    archive_source,
    archived_path,
    letters_dir,
    open_letter,
)
from ingest.parse import parse_path
from ingest.pipeline import discover, file_sha256
from ingest.records import ParsedDocument
from tests.corpus import FIXTURE_LETTERS, generate, ingest
from tests.pdf_fixtures import render_pdf
from tests.test_ui_apptest import app, no_failure, plain

TEXT_LETTER = "decisions_rationales_multi.txt"
PDF_SOURCE = "final_determination_multi.txt"
OTHER_LETTER = "notice_2013_multi.txt"  # a case of its own: not in the inbox


@pytest.fixture(autouse=True)
def fresh_data_caches() -> Iterator[None]:
    st.cache_data.clear()
    yield
    st.cache_data.clear()


@pytest.fixture(scope="module")
def inbox(empty_graph, database, cached_embedder, settings: Settings, tmp_path_factory) -> Path:
    """A few generated letters, a DMHC CSV, a hand-written letter and a PDF, ingested into the
    test graph with the configured IMR_HOME (the UI's), so the app finds their copies."""
    st.cache_resource.clear()  # a driver cached by another module may point elsewhere
    folder = generate(tmp_path_factory.mktemp("inbox"), n=4, seed=23, dmhc_rows=3)
    shutil.copy(FIXTURE_LETTERS / TEXT_LETTER, folder / "letters" / TEXT_LETTER)
    render_pdf((FIXTURE_LETTERS / PDF_SOURCE).read_text(), folder / "letters" / "scanned.pdf")
    summary = ingest(empty_graph, database, cached_embedder, [folder], settings.reports_dir)
    assert summary.failed == 0, summary.failures
    return folder


def case_of(path: Path) -> ParsedDocument:
    result = parse_path(path)[0]
    assert isinstance(result, ParsedDocument), result
    return result


def home(tmp_path: Path) -> SimpleNamespace:
    return SimpleNamespace(imr_home=tmp_path / "home")


# -- the archive ----------------------------------------------------------------------------------
def test_every_loaded_file_is_archived_under_its_hash(inbox: Path, settings: Settings):
    files = discover([str(inbox)])
    assert {p.suffix for p in files} == {".txt", ".pdf", ".csv"}
    for path in files:
        copy = archived_path(file_sha256(path), path.suffix, settings)
        assert copy.parent == settings.imr_home / "letters"
        assert copy.read_bytes() == path.read_bytes(), path
    assert not list(letters_dir(settings.imr_home).glob(".partial-*"))


def test_a_copy_is_written_once_and_only_for_its_own_content(tmp_path: Path):
    letter = tmp_path / "a.TXT"
    letter.write_text("IMR Case Number: CM13-0000001\n")
    sha = file_sha256(letter)
    copy = archive_source(letter, sha, home(tmp_path))
    assert copy == tmp_path / "home" / "letters" / f"{sha}.txt"
    assert copy.read_text() == letter.read_text()
    letter.write_text("changed after the hash was taken\n")
    assert archive_source(letter, sha, home(tmp_path)) == copy, "an existing copy is kept"
    assert copy.read_text() == "IMR Case Number: CM13-0000001\n"
    with pytest.raises(ArchiveError, match="changed after it was ingested"):
        archive_into(letter, "0" * 64, tmp_path / "other")
    assert list((tmp_path / "other").iterdir()) == [], "no partial file is left behind"
    for sha256, suffix in (("abc", ".txt"), ("0" * 64, ".t/x"), ("../" + "0" * 61, ".txt")):
        with pytest.raises(ArchiveError):
            archived_path(sha256, suffix, home(tmp_path))


def test_an_archive_that_cannot_be_written_does_not_fail_the_ingest(
    empty_graph, database, cached_embedder, inbox: Path, tmp_path: Path, caplog
):
    (tmp_path / "letters").write_text("a file where the folder would go")
    letter = tmp_path / "in" / OTHER_LETTER
    letter.parent.mkdir()
    shutil.copy(FIXTURE_LETTERS / OTHER_LETTER, letter)
    summary = ingest(empty_graph, database, cached_embedder, [letter], tmp_path / "reports")
    assert summary.failed == 0 and summary.ingested == 1
    assert any("Could not archive" in r.message for r in caplog.records)


# -- the letter a decision opens ------------------------------------------------------------------
def test_open_letter_prefers_the_copy_then_the_unchanged_original(tmp_path: Path):
    letter = tmp_path / "CM13-0000002.txt"
    letter.write_text("The letter text.\n")
    sha = file_sha256(letter)
    settings = home(tmp_path)
    shown = open_letter(str(letter), sha, "letter", settings)  # no copy: the original, said so
    assert shown.text == "The letter text.\n" and not shown.from_archive
    assert shown.path == letter and f"shown from '{letter}'" in (shown.problem or "")
    letter.write_text("Changed since.\n")
    changed = open_letter(str(letter), sha, "letter", settings)
    assert changed.text is None and "has changed since it was ingested" in (changed.problem or "")
    letter.write_text("The letter text.\n")
    archive_source(letter, sha, settings)
    letter.unlink()
    shown = open_letter(str(letter), sha, "letter", settings)
    assert shown.from_archive and shown.problem is None
    assert shown.text == "The letter text.\n" and shown.data == b"The letter text.\n"


def test_the_decision_page_shows_the_letter_after_the_original_is_gone(
    empty_graph, database, inbox: Path
):
    path = inbox / "letters" / TEXT_LETTER
    text = path.read_text()
    document = case_of(path)
    path.unlink()
    at = app("decision", decision=document.case_id)
    no_failure(at)
    assert "The letter" in [s.value for s in at.subheader]
    assert not at.warning, [w.value for w in at.warning]
    assert any(code.value.strip() == text.strip() for code in at.code)
    button = next(b for b in at.get("download_button") if b.label == f"Download {TEXT_LETTER}")
    assert button is not None
    detail = decision_detail(
        empty_graph, database, find_decision(empty_graph, database, document.case_id).decision_id
    )
    assert detail.source_file is not None and detail.source_file.path == str(path)


def test_a_pdf_letter_is_a_download_with_its_text(inbox: Path):
    path = inbox / "letters" / "scanned.pdf"
    document = case_of(path)
    path.unlink()
    at = app("decision", decision=document.case_id)
    no_failure(at)
    assert any(b.label == "Download scanned.pdf" for b in at.get("download_button"))
    assert any(document.case_id in code.value for code in at.code), "the extracted text"


def test_a_missing_copy_and_original_are_named(inbox: Path, settings: Settings):
    path = next(p for p in (inbox / "letters").glob("CM*.txt"))
    document = case_of(path)
    sha = file_sha256(path)
    archived_path(sha, ".txt", settings).unlink()
    at = app("decision", decision=document.case_id)  # the original is still there
    no_failure(at)
    assert any(f"shown from '{path}'" in plain(i.value) for i in at.info)
    assert any(code.value.strip() == path.read_text().strip() for code in at.code)
    path.unlink()
    at = app("decision", decision=document.case_id)
    assert not at.exception
    warning = plain(at.warning[0].value)
    assert "The stored letter is missing" in warning and str(path) in warning


def test_a_dmhc_decision_shows_its_rows_findings(empty_graph, database, inbox: Path):
    rows = [d for d in parse_path(inbox / "dmhc.csv") if isinstance(d, ParsedDocument)]
    row = rows[1]
    at = app("decision", decision=row.case_id)
    no_failure(at)
    captions = [plain(c.value) for c in at.caption]
    assert "DMHC open data: row 2 of dmhc.csv" in captions
    assert any(code.value == row.items[0].rationale for code in at.code)
