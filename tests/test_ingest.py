"""Ingest into the real Neo4j with the real model: ground truth, idempotency, resume, bad input."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from graph import queries
from graph.backup import canonical_hash
from graph.overview import graph_overview
from graph.search import PrecedentSearch, SearchRequest
from tests.conftest import PROJECT_ROOT, wipe
from tests.corpus import expected_counts, ingest, truth


def graph_counts(driver, database) -> tuple[Counter, Counter]:
    overview = graph_overview(driver, database)
    labels = Counter(overview.labels)
    labels.pop("SourceFile", None)
    return labels, Counter(overview.relationships)


@pytest.fixture(scope="module")
def loaded(empty_graph, database, cached_embedder, corpus, tmp_path_factory):
    reports = tmp_path_factory.mktemp("reports")
    summary = ingest(empty_graph, database, cached_embedder, [corpus], reports)
    return summary, canonical_hash(empty_graph, database)


def test_sample_ingests_without_failures_and_matches_ground_truth(loaded, driver, database, corpus):
    summary, _ = loaded
    documents = truth(corpus)
    assert summary.failed == 0, summary.failures
    assert summary.ingested == len(documents)
    nodes, relationships = graph_counts(driver, database)
    expected_nodes, expected_relationships = expected_counts(documents)
    assert nodes == expected_nodes
    assert relationships == expected_relationships


def test_second_ingest_skips_everything_and_changes_nothing(
    loaded, driver, database, cached_embedder, corpus, tmp_path
):
    _, first_hash = loaded
    before = graph_counts(driver, database)
    summary = ingest(driver, database, cached_embedder, [corpus], tmp_path)
    assert summary.ingested == 0 and summary.failed == 0
    assert summary.skipped == len(truth(corpus))
    assert summary.embeddings_computed == 0
    assert graph_counts(driver, database) == before
    assert canonical_hash(driver, database) == first_hash


def test_forced_reingest_uses_the_cache_and_leaves_the_same_graph(
    loaded, driver, database, cached_embedder, corpus, tmp_path
):
    _, first_hash = loaded
    summary = ingest(driver, database, cached_embedder, [corpus], tmp_path, force=True)
    assert summary.ingested == len(truth(corpus))
    assert summary.embeddings_computed == 0, "every rationale should come from the cache"
    assert canonical_hash(driver, database) == first_hash


def test_changed_document_replaces_its_decisions(driver, database, cached_embedder, tmp_path):
    letter = next((PROJECT_ROOT / "tests/fixtures/letters").glob("final_determination_multi.txt"))
    copy = tmp_path / "letter.txt"
    shutil.copy(letter, copy)
    ingest(driver, database, cached_embedder, [copy], tmp_path)
    count_query = "MATCH (:Case {case_id: $c})-[:HAS_DECISION]->(d) RETURN count(d) AS n"
    case_id = driver.execute_query(
        "MATCH (k:Case)-[:FROM_FILE]->(:SourceFile {path: $p}) RETURN k.case_id AS c",
        p=str(copy.resolve()),
    ).records[0]["c"]
    before = driver.execute_query(count_query, c=case_id).records[0]["n"]
    text = copy.read_text()
    assert ":  Upheld" in text or ": Upheld" in text
    copy.write_text(text.replace("Upheld", "Overturned", 1))
    summary = ingest(driver, database, cached_embedder, [copy], tmp_path)
    assert summary.ingested == 1
    after = driver.execute_query(count_query, c=case_id).records[0]["n"]
    assert after == before, "a changed letter must replace its decisions, not add to them"
    outcomes = driver.execute_query(
        "MATCH (:Case {case_id: $c})-[:HAS_DECISION]->(d) RETURN d.item_number AS i, "
        "d.outcome AS o ORDER BY i",
        c=case_id,
    ).records
    assert outcomes[0]["o"] == "overturned"


def test_vector_query_on_an_ingested_rationale_finds_that_decision_first(
    loaded, driver, database, embedder
):
    records = driver.execute_query(
        "MATCH (d:Decision) WHERE d.source_kind = 'dwc' RETURN d.decision_id AS id, "
        "d.rationale AS text ORDER BY d.decision_id LIMIT 5"
    ).records
    searcher = PrecedentSearch(driver, database, embedder)
    for record in records:
        result = searcher.search(SearchRequest(query=record["text"][:1500], mode="semantic", k=3))
        assert result.hits[0].decision_id == record["id"]


def test_broken_files_are_quarantined_and_the_rest_ingested(
    driver, database, cached_embedder, corpus, tmp_path
):
    folder = tmp_path / "mixed"
    folder.mkdir()
    good = sorted((corpus / "letters").glob("*.txt"))[:3]
    for path in good:
        shutil.copy(path, folder / path.name)
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    pdf = next((corpus / "letters").glob("*.pdf"), None)
    assert pdf is not None, "the corpus should hold a PDF"
    data = pdf.read_bytes()
    (folder / "truncated.pdf").write_bytes(data[: len(data) // 3])
    (folder / "not_a_letter.txt").write_text("Dear diary, today I went to the beach.\n" * 20)
    (folder / "wrong_header.csv").write_text("foo,bar\n1,2\n")
    report = tmp_path / "quarantine.jsonl"
    summary = ingest(
        driver, database, cached_embedder, [folder], tmp_path, quarantine_path=report, force=True
    )
    # The good letters are copies of ones the module loaded: the same bytes under another path
    # are skipped, not loaded twice (tests/test_case_conflicts.py); all three still go through.
    assert (summary.ingested, summary.skipped) == (0, 3), summary
    failed = {Path(f.path.split("#")[0]).name: f for f in summary.failures}
    assert set(failed) == {
        "empty.txt",
        "binary.txt",
        "truncated.pdf",
        "not_a_letter.txt",
        "wrong_header.csv",
    }
    lines = [json.loads(line) for line in report.read_text().splitlines()]
    assert {Path(line["path"].split("#")[0]).name for line in lines} == set(failed)
    assert all(line["reason"] and line["stage"] for line in lines)


def test_cli_reports_failures_with_exit_code_1(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    result = subprocess.run(
        [sys.executable, "-m", "imr.cli", "ingest", str(tmp_path), "--quiet"],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        timeout=300,
    )
    assert result.returncode == 1, result.stderr
    assert f"Could not ingest '{(tmp_path / 'empty.txt').resolve()}' (parse):" in result.stderr
    assert "0 ingested, 0 skipped, 1 failed" in result.stdout


def test_cli_missing_path_is_a_usage_error(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "imr.cli", "ingest", str(tmp_path / "nope")],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == f"Error: No such file or folder: '{tmp_path / 'nope'}'"


def source_file_count(driver, database) -> int:
    return driver.execute_query(
        "MATCH (f:SourceFile) RETURN count(f) AS n", database_=database
    ).records[0]["n"]


def test_killed_ingest_resumes_to_the_same_graph(loaded, driver, database, corpus, tmp_path):
    _, undisturbed_hash = loaded
    wipe(driver, database)
    # A cold embedding cache makes the run slow enough to be killed half-way.
    env = {**os.environ, "IMR_EMBED_CACHE_DIR": str(tmp_path / "cold-cache")}
    command = [
        sys.executable,
        "-m",
        "imr.cli",
        "ingest",
        str(corpus),
        "--batch-size",
        "4",
        "--quiet",
    ]
    process = subprocess.Popen(
        command, cwd=PROJECT_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 240
    while source_file_count(driver, database) < 3 and time.monotonic() < deadline:
        time.sleep(0.1)
    process.send_signal(signal.SIGKILL)
    process.wait()
    loaded_when_killed = source_file_count(driver, database)
    total_files = len(list((corpus / "letters").iterdir())) + 1
    assert 3 <= loaded_when_killed < total_files, "the kill should land half-way"
    rerun = subprocess.run(
        command, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    assert rerun.returncode == 0, rerun.stderr
    assert canonical_hash(driver, database) == undisturbed_hash
    assert driver.execute_query(queries.COUNT_DECISIONS).records[0]["total"] > 0
