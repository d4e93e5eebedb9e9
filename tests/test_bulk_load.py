"""`imr bulk-load`: the offline import gives the graph the online loader gives, and refuses what
it must. The import stops its server, so this module runs its own LocalServer under tmp_path (the
session server of the other tests keeps running); the online side loads into the session server.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from graph import queries
from graph.backup import canonical_hash
from graph.connection import wait_until_ready
from graph.schema import show_schema
from imr.bulkload import check_target
from imr.cli import cli
from imr.localserver import LocalServer
from imr.runtime import connect
from imr.settings import Settings
from ingest.bulk_csv import ARRAY_DELIMITER, BulkCsvWriter
from tests.corpus import generate, ingest


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("bulk-corpus"), n=30, seed=23, dmhc_rows=10)


@pytest.fixture(scope="module")
def shared_embedder(embedder, tmp_path_factory: pytest.TempPathFactory):
    """One cache for both loads: the same text gets the same vector, so the vectors compare
    exactly (the CSV round trip must not change a digit)."""
    from ingest.embed import CachedEmbedder, EmbeddingCache

    cache = tmp_path_factory.mktemp("bulk-embeddings") / "cache.sqlite"
    return CachedEmbedder(embedder, EmbeddingCache(cache))


@pytest.fixture(scope="module")
def bulk_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    home = tmp_path_factory.mktemp("bulk-home")
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    return {**env, "IMR_HOME": str(home)}


@pytest.fixture(scope="module")
def bulk_settings(bulk_env: dict[str, str]):
    settings = Settings.load(env=bulk_env)
    yield settings
    LocalServer(settings).stop()


@pytest.fixture(scope="module")
def online(
    small_corpus: Path, driver, database: str, empty_graph, shared_embedder, tmp_path_factory
):
    """The same corpus through the online loader, into the session server."""
    summary = ingest(
        driver, database, shared_embedder, [small_corpus], tmp_path_factory.mktemp("reports")
    )
    assert summary.failed == 0
    return {"hash": canonical_hash(driver, database), "vectors": _vectors(driver, database)}


def _vectors(driver, database: str) -> dict[str, np.ndarray]:
    records = driver.execute_query(queries.EXPORT_DECISIONS, database_=database).records
    return {r["decision_id"]: np.asarray(r["embedding"], dtype=np.float32) for r in records}


def test_first_load_gives_the_online_graph_then_refuses_a_second(
    small_corpus: Path, bulk_settings: Settings, bulk_env, shared_embedder, online, monkeypatch
) -> None:
    # A server that never ran: imported straight away, then started for the first time.
    monkeypatch.setattr("imr.runtime.embedder_for", lambda settings: shared_embedder)
    loaded = CliRunner().invoke(cli, ["bulk-load", str(small_corpus), "--quiet"], env=bulk_env)
    assert loaded.exit_code == 0, loaded.output
    assert "Imported" in loaded.output
    assert not list((bulk_settings.imr_home / "bulk-csv").glob("nodes-*.csv"))  # cleaned up

    # Not empty now: refused in one line, before any model is loaded or file is written.
    monkeypatch.setattr("imr.runtime.embedder_for", lambda settings: pytest.fail("loaded model"))
    refused = CliRunner().invoke(cli, ["bulk-load", str(small_corpus)], env=bulk_env)
    assert refused.exit_code == 2, refused.output
    assert "imr ingest" in refused.output and "--replace" in refused.output
    assert check_target(bulk_settings, csv_only=False, replace=True) is not None

    driver, info = connect(bulk_settings)
    with driver:
        assert canonical_hash(driver, info.database) == online["hash"]
        vectors = _vectors(driver, info.database)
        assert vectors.keys() == online["vectors"].keys()
        for decision_id, vector in vectors.items():
            np.testing.assert_array_equal(vector, online["vectors"][decision_id])

        report = show_schema(driver, info.database)
        assert {i["name"]: i["state"] for i in report.indexes}[
            queries.VECTOR_INDEX_NAME
        ] == "ONLINE"
        some_id, some_vector = next(iter(vectors.items()))
        hits = driver.execute_query(
            queries.decision_vector_search([]),
            {"candidates": 10, "vector": some_vector.tolist(), "limit": 3},
            database_=info.database,
        ).records
        assert hits[0]["decision_id"] == some_id and hits[0]["score"] > 0.999

        # A later `imr ingest` of the same files finds them all loaded.
        again = ingest(
            driver, info.database, shared_embedder, [small_corpus], bulk_settings.reports_dir
        )
        assert again.ingested == 0 and again.failed == 0
        assert again.files_skipped == again.files > 0


def test_remote_server_is_refused_without_csv_only(small_corpus: Path, bulk_env) -> None:
    env = {**bulk_env, "NEO4J_URI": "bolt://db.example.invalid:7687", "NEO4J_PASSWORD": "x"}
    result = CliRunner().invoke(cli, ["bulk-load", str(small_corpus)], env=env)
    assert result.exit_code == 2, result.output
    assert "--csv-only" in result.output


def test_csv_only_writes_files_and_prints_the_command(
    small_corpus: Path, bulk_env, shared_embedder, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setattr("imr.runtime.embedder_for", lambda settings: shared_embedder)
    env = {**bulk_env, "NEO4J_URI": "bolt://db.example.invalid:7687", "NEO4J_PASSWORD": "x"}
    out = tmp_path / "csv"
    result = CliRunner().invoke(
        cli,
        ["bulk-load", str(small_corpus / "dmhc.csv"), "--csv-only", "--csv-dir", str(out)],
        env=env,
    )
    assert result.exit_code == 0, result.output
    assert "neo4j-admin database import full neo4j" in result.output
    assert f"--nodes=Decision={out / 'nodes-Decision.csv'}" in result.output
    with (out / "nodes-Decision.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 10
    vector = rows[0]["rationale_embedding:float[]"].split(ARRAY_DELIMITER)
    assert len(vector) == shared_embedder.dimensions


def test_broken_document_fails_its_file_only(small_corpus: Path, tmp_path: Path) -> None:
    from ingest.load import SourceBatchFile
    from ingest.parse import parse_path

    letters = sorted((small_corpus / "letters").glob("*.txt"))[:2]
    files = []
    for path in letters:
        documents = parse_path(path)
        files.append(SourceBatchFile(str(path), "0" * 64, "letter", documents))
    files[0].documents[0].decision_date = "June 3rd"  # not an ISO date: the import would choke
    vectors = {
        d.source: np.zeros((len(d.items), 4), dtype=np.float32) for f in files for d in f.documents
    }
    writer = BulkCsvWriter(tmp_path)
    with pytest.raises(ValueError, match="ISO date"):
        writer.write_batch(files, vectors)
    writer.write_batch(files[1:], vectors)  # nothing of the failed batch was written
    plan = writer.close()
    assert plan.counts["Case"] == 1 and plan.counts["SourceFile"] == 1


def test_local_server_admin_refuses_while_running(bulk_settings: Settings) -> None:
    server = LocalServer(bulk_settings)
    server.start(wait_until_ready)
    from graph.errors import DatabaseUnavailableError

    with pytest.raises(DatabaseUnavailableError, match="stop it"):
        server.admin("database", "import", "full", "--help")
