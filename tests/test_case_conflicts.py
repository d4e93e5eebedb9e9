"""One case number in two files (issue 12, item 1): the first file to load a case owns it.

Each sequence runs against the real Neo4j with the real model. Before case ownership the second
file silently replaced the first one's case, and when it later changed, the first file's case was
deleted while that file still counted as loaded (so reruns skipped it and exited 0).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from graph.backup import canonical_hash
from ingest.load import SourceBatchFile, loaded_files, split_by_owner
from ingest.pipeline import IngestSummary
from ingest.records import ParsedDocument, Patient, Reviewer
from tests.conftest import PROJECT_ROOT, wipe
from tests.corpus import FIXTURE_LETTERS, ingest

LETTER = FIXTURE_LETTERS / "final_determination_multi.txt"
CASE_ID = "CM13-0012345"
# Item 3 of the letter is "Naproxen 550mg #60:  Upheld"; the variant overturns it.
ITEM_3 = "Naproxen 550mg #60:  Upheld"


def variant(text: str, n: int = 1) -> str:
    """The same letter (same case number) with different content: item 3 overturned, and `n`
    marks the rationale so two variants differ from each other too."""
    assert ITEM_3 in text
    return text.replace(ITEM_3, "Naproxen 550mg #60:  Overturned").replace(
        "Decision rationale:", f"Decision rationale (variant {n}):", 1
    )


def case_state(driver, database) -> dict[str, object]:
    """What the graph holds for the case: its files, and its decisions' outcomes by item."""
    record = driver.execute_query(
        "MATCH (k:Case {case_id: $c}) "
        "OPTIONAL MATCH (k)-[:FROM_FILE]->(f:SourceFile) "
        "WITH k, collect(DISTINCT f.path) AS files "
        "OPTIONAL MATCH (k)-[:HAS_DECISION]->(d:Decision) "
        "RETURN files, collect([d.item_number, d.outcome]) AS decisions, "
        "count(d) AS n, count(DISTINCT d) AS distinct_n",
        c=CASE_ID,
        database_=database,
    ).records
    assert record, f"case {CASE_ID} is gone from the graph"
    row = record[0]
    assert row["n"] == row["distinct_n"], "a decision is linked twice"
    return {"files": sorted(row["files"]), "decisions": sorted(map(tuple, row["decisions"]))}


def conflicts(summary: IngestSummary) -> list[str]:
    return [f.reason for f in summary.failures if f.stage == "conflict"]


@pytest.fixture
def letters(empty_graph, database, tmp_path: Path) -> tuple[Path, Path]:
    """a.txt: the letter; b.txt: the same case number with other content. Empty graph."""
    wipe(empty_graph, database)
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    text = LETTER.read_text()
    a.write_text(text)
    b.write_text(variant(text))
    return a.resolve(), b.resolve()


def test_a_second_file_with_the_same_case_is_a_conflict_naming_both(
    letters, driver, database, cached_embedder, tmp_path
):
    a, b = letters
    assert ingest(driver, database, cached_embedder, [a], tmp_path).failed == 0
    original, original_hash = case_state(driver, database), canonical_hash(driver, database)
    assert original["files"] == [str(a)]

    summary = ingest(driver, database, cached_embedder, [b], tmp_path)
    assert summary.ingested == 0 and summary.failed == 1
    [reason] = conflicts(summary)
    assert CASE_ID in reason and f"'{a}'" in reason and f"'{b}'" in reason
    assert case_state(driver, database) == original, "the first file's case must stay intact"
    assert canonical_hash(driver, database) == original_hash
    assert str(b) not in loaded_files(driver, database, [str(b)]), "a conflict is not 'loaded'"


def test_a_changed_second_file_never_deletes_the_first_files_case(
    letters, driver, database, cached_embedder, tmp_path
):
    a, b = letters
    ingest(driver, database, cached_embedder, [a], tmp_path)
    original = case_state(driver, database)
    ingest(driver, database, cached_embedder, [b], tmp_path)

    b.write_text(variant(LETTER.read_text(), n=2))  # b changes, same case number
    summary = ingest(driver, database, cached_embedder, [a, b], tmp_path)
    assert summary.failed == 1 and len(conflicts(summary)) == 1, summary.failures
    assert case_state(driver, database) == original

    # b now carries another case number: it loads that case; a's case is untouched.
    b.write_text(variant(LETTER.read_text(), n=3).replace(CASE_ID, "CM13-0099999"))
    summary = ingest(driver, database, cached_embedder, [b], tmp_path)
    assert summary.failed == 0 and summary.ingested == 1, summary.failures
    assert case_state(driver, database) == original

    # The rerun of both: a skipped as loaded, its case still there; nothing fails.
    summary = ingest(driver, database, cached_embedder, [a, b], tmp_path)
    assert (summary.ingested, summary.skipped, summary.failed) == (0, 2, 0)
    assert case_state(driver, database) == original


def test_a_conflict_is_reported_again_on_every_run(
    letters, driver, database, cached_embedder, tmp_path
):
    a, b = letters
    ingest(driver, database, cached_embedder, [a], tmp_path)
    for _ in range(2):
        summary = ingest(driver, database, cached_embedder, [a, b], tmp_path)
        assert (summary.skipped, summary.failed) == (1, 1), summary.failures
        assert len(conflicts(summary)) == 1


def test_the_owner_changing_replaces_its_case_without_duplicates(
    letters, driver, database, cached_embedder, tmp_path
):
    a, b = letters
    ingest(driver, database, cached_embedder, [a, b], tmp_path)
    before = case_state(driver, database)
    a.write_text(variant(LETTER.read_text(), n=4))
    summary = ingest(driver, database, cached_embedder, [a, b], tmp_path)
    assert summary.ingested == 1 and len(conflicts(summary)) == 1, summary.failures
    after = case_state(driver, database)
    assert after["files"] == [str(a)]
    assert len(after["decisions"]) == len(before["decisions"]), "replaced, nothing added"
    assert after["decisions"] != before["decisions"] and (3, "overturned") in after["decisions"]


def test_a_case_its_owner_drops_is_deleted_and_then_free_for_the_other_file(
    letters, driver, database, cached_embedder, tmp_path
):
    a, b = letters
    ingest(driver, database, cached_embedder, [a, b], tmp_path)  # a owns the case, b conflicts
    a.write_text(LETTER.read_text().replace(CASE_ID, "CM13-0077777"))
    summary = ingest(driver, database, cached_embedder, [a], tmp_path)
    assert summary.ingested == 1 and summary.failed == 0, summary.failures
    gone = driver.execute_query(
        "MATCH (k:Case {case_id: $c}) RETURN count(k) AS n", c=CASE_ID, database_=database
    ).records[0]["n"]
    assert gone == 0, "a case no file carries any more is deleted with its old file version"
    summary = ingest(driver, database, cached_embedder, [a, b], tmp_path)
    assert (summary.ingested, summary.skipped, summary.failed) == (1, 1, 0), summary.failures
    assert case_state(driver, database)["files"] == [str(b)]


def test_two_files_with_one_case_in_one_batch(letters, driver, database, cached_embedder, tmp_path):
    a, b = letters
    summary = ingest(driver, database, cached_embedder, [a, b], tmp_path)
    assert summary.ingested == 1 and summary.failed == 1
    [reason] = conflicts(summary)
    assert f"'{a}'" in reason and f"'{b}'" in reason
    state_now = case_state(driver, database)
    assert state_now["files"] == [str(a)], "the first file (sorted paths) owns the case"
    assert (3, "upheld") in state_now["decisions"], "a's content, not b's"


def test_the_same_bytes_under_another_path_are_skipped_not_a_conflict(
    letters, driver, database, cached_embedder, tmp_path
):
    a, _ = letters
    copy, copy_later = a.with_name("a2.txt"), a.with_name("z-copy.txt")  # a.txt sorts first
    copy.write_bytes(a.read_bytes())
    summary = ingest(driver, database, cached_embedder, [a, copy], tmp_path)  # one batch
    assert (summary.ingested, summary.skipped, summary.failed) == (1, 1, 0), summary.failures
    copy_later.write_bytes(a.read_bytes())
    summary = ingest(driver, database, cached_embedder, [copy_later], tmp_path)  # a later run
    assert (summary.ingested, summary.skipped, summary.failed) == (0, 1, 0), summary.failures
    assert case_state(driver, database)["files"] == [str(a)]


@pytest.mark.timeout(600)
def test_an_upload_with_a_loaded_case_number_is_refused_and_changes_nothing(
    empty_graph, driver, database
):
    """The UI's Ingest page (ui/app_pages/ingest.py) runs the same pipeline on the uploads."""
    wipe(driver, database)
    st.cache_resource.clear()  # a driver cached by another module may point elsewhere
    st.cache_data.clear()
    text = LETTER.read_text()

    def upload(name: str, data: bytes) -> tuple[str, str]:
        at = AppTest.from_file(str(PROJECT_ROOT / "ui" / "app.py"), default_timeout=300)
        at.switch_page("app_pages/ingest.py").run()
        at.get("file_uploader")[0].set_value([(name, data, "text/plain")])
        at.run()
        at.button[0].click().run()
        assert not at.exception, [e.message for e in at.exception]
        row = at.table[0].value.set_index("File").loc[name]
        return row["Outcome"], row["Reason / notes"]

    assert upload("letter.txt", text.encode())[0] == "ingested"
    original, original_hash = case_state(driver, database), canonical_hash(driver, database)
    outcome, reason = upload("letter-corrected.txt", variant(text).encode())
    assert outcome == "failed" and CASE_ID in reason and "already loaded from" in reason
    assert case_state(driver, database) == original
    assert canonical_hash(driver, database) == original_hash
    st.cache_resource.clear()


def batch_file(path: str, sha: str, *case_ids: str) -> SourceBatchFile:
    documents = [
        ParsedDocument(f"{path}#{n}", "dmhc-csv", case_id, None, Patient(), [], Reviewer(), [])
        for n, case_id in enumerate(case_ids)
    ]
    return SourceBatchFile(path=path, sha256=sha, kind="dmhc-csv", documents=documents)


def test_ownership_names_the_owner_of_each_case_and_claims_within_a_batch():
    owners = {"R1": [("2019.csv", "s1")], "R2": [("2020.csv", "s2")], "R3": [("old.csv", "s3")]}
    files = [
        batch_file("2021.csv", "s4", "R1", "R2", "R9"),  # two owners
        batch_file("a.csv", "s5", "R8"),  # new: claims R8 for the rest of the batch
        batch_file("b.csv", "s6", "R8"),  # R8 now a.csv's
        batch_file("c.csv", "s5", "R8"),  # a.csv's very bytes
        batch_file("old.csv", "s7", "R3"),  # the owner itself, changed
    ]
    accepted, rejected = split_by_owner(files, owners)
    assert [f.path for f in accepted] == ["a.csv", "old.csv"]
    by_path = {r.path: r for r in rejected}
    assert by_path["2021.csv"].owner == "2019.csv" and by_path["2021.csv"].case_ids == ("R1",)
    assert by_path["2021.csv"].other_owned == 1
    assert "1 more of its cases are loaded from other files" in by_path["2021.csv"].reason
    assert (by_path["b.csv"].owner, by_path["b.csv"].duplicate) == ("a.csv", False)
    assert (by_path["c.csv"].owner, by_path["c.csv"].duplicate) == ("a.csv", True)
