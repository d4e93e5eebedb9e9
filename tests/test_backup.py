"""Export → import round trip gives the same graph; damaged or misplaced imports are refused."""

from __future__ import annotations

import json

import pytest

from graph.backup import canonical_hash, export_graph, import_graph
from graph.errors import InvalidRequestError
from tests.conftest import wipe
from tests.corpus import FIXTURE_LETTERS, ingest


@pytest.fixture(scope="module")
def dump(empty_graph, database, cached_embedder, tmp_path_factory):
    letters = sorted(FIXTURE_LETTERS.glob("*.txt"))
    ingest(empty_graph, database, cached_embedder, letters, tmp_path_factory.mktemp("r"))
    out = tmp_path_factory.mktemp("dump") / "backup"
    manifest = export_graph(empty_graph, database, out)
    return out, manifest, canonical_hash(empty_graph, database)


def test_round_trip_rebuilds_the_same_graph(dump, driver, database):
    out, manifest, original = dump
    assert manifest.counts["decisions.jsonl"] > 0
    with pytest.raises(InvalidRequestError, match="empty database"):
        import_graph(driver, database, out)
    wipe(driver, database)
    counts = import_graph(driver, database, out)
    assert counts["decisions"] == manifest.counts["decisions.jsonl"]
    assert canonical_hash(driver, database) == original
    vectors = driver.execute_query(
        "MATCH (d:Decision) WHERE d.rationale_embedding IS NULL RETURN count(d) AS n"
    ).records[0]["n"]
    assert vectors == 0


def test_damaged_backup_is_refused(dump, driver, database, tmp_path):
    out, _, _ = dump
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    for path in out.iterdir():
        (damaged / path.name).write_bytes(path.read_bytes())
    lines = (damaged / "decisions.jsonl").read_text().splitlines()
    row = json.loads(lines[0])
    row["props"]["outcome"] = "overturned" if row["props"]["outcome"] != "overturned" else "upheld"
    lines[0] = json.dumps(row)
    (damaged / "decisions.jsonl").write_text("\n".join(lines) + "\n")
    wipe(driver, database)
    with pytest.raises(InvalidRequestError, match="checksum"):
        import_graph(driver, database, damaged)


def test_export_refuses_a_non_empty_folder(driver, database, tmp_path):
    (tmp_path / "something").write_text("x")
    with pytest.raises(InvalidRequestError, match="not empty"):
        export_graph(driver, database, tmp_path)
