"""Logical backup: `export` writes JSONL in the loader's own row shapes (embeddings included) with a
manifest of counts and SHA-256 checksums; `import` rebuilds an empty database from it with the
loader's Cypher. `canonical_hash` fingerprints a graph's content so two graphs can be compared
(export → import round trips, interrupted ingests against undisturbed ones).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from neo4j import Driver, ManagedTransaction, RoutingControl

from graph import queries
from graph.errors import InvalidRequestError
from graph.values import to_plain

FORMAT_VERSION = 1
FILES = ("cases.jsonl", "decisions.jsonl", "source_files.jsonl")
IMPORT_BATCH = 500
FLOAT_DIGITS = 6


@dataclass(frozen=True)
class BackupManifest:
    counts: dict[str, int]
    checksums: dict[str, str]
    created: str
    format_version: int = FORMAT_VERSION


def _stream(driver: Driver, database: str, query: str) -> Iterator[dict[str, Any]]:
    with driver.session(database=database, default_access_mode="READ") as session:
        for record in session.run(query):
            yield {k: to_plain(v, keep_vectors=True) for k, v in record.items()}


def _write_jsonl(path: Path, rows: Iterator[dict[str, Any]]) -> tuple[int, str]:
    digest = hashlib.sha256()
    count = 0
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            line = (json.dumps(row, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")
            handle.write(line.decode("utf-8"))
            digest.update(line)
            count += 1
    return count, digest.hexdigest()


def _decision_rows(driver: Driver, database: str) -> Iterator[dict[str, Any]]:
    for row in _stream(driver, database, queries.EXPORT_DECISIONS):
        props = row["props"]
        for key in ("rationale_embedding", "decision_date"):
            props.pop(key, None)
        yield row


def export_graph(driver: Driver, database: str, out_dir: Path) -> BackupManifest:
    out_dir.mkdir(parents=True, exist_ok=True)
    if any(out_dir.iterdir()):
        raise InvalidRequestError(f"'{out_dir}' is not empty: export into a new folder")
    counts: dict[str, int] = {}
    checksums: dict[str, str] = {}
    sources = {
        "cases.jsonl": _stream(driver, database, queries.EXPORT_CASES),
        "decisions.jsonl": _decision_rows(driver, database),
        "source_files.jsonl": _stream(driver, database, queries.EXPORT_SOURCE_FILES),
    }
    for name, rows in sources.items():
        counts[name], checksums[name] = _write_jsonl(out_dir / name, rows)
    manifest = BackupManifest(counts, checksums, datetime.now(UTC).isoformat())
    (out_dir / "manifest.json").write_text(json.dumps(manifest.__dict__, indent=2), "utf-8")
    return manifest


def _verified_rows(in_dir: Path, name: str, manifest: dict[str, Any]) -> list[dict[str, Any]]:
    path = in_dir / name
    if not path.is_file():
        raise InvalidRequestError(f"'{path}' is missing from the backup")
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != manifest["checksums"].get(name):
        raise InvalidRequestError(
            f"'{path}' does not match its checksum in manifest.json: the backup is damaged"
        )
    return [json.loads(line) for line in data.decode("utf-8").splitlines() if line.strip()]


def import_graph(driver: Driver, database: str, in_dir: Path) -> dict[str, int]:
    """Rebuild from an export; refuses a database that already holds decisions."""
    manifest_path = in_dir / "manifest.json"
    if not manifest_path.is_file():
        raise InvalidRequestError(f"'{in_dir}' has no manifest.json: not an `imr export` folder")
    manifest = json.loads(manifest_path.read_text("utf-8"))
    if manifest.get("format_version") != FORMAT_VERSION:
        raise InvalidRequestError(f"unsupported backup format {manifest.get('format_version')}")
    existing = driver.execute_query(
        queries.COUNT_DECISIONS, database_=database, routing_=RoutingControl.READ
    ).records[0]["total"]
    if existing:
        raise InvalidRequestError(
            f"the database already holds {existing} decisions: import into an empty database"
        )
    cases = _verified_rows(in_dir, "cases.jsonl", manifest)
    decisions = _verified_rows(in_dir, "decisions.jsonl", manifest)
    files = _verified_rows(in_dir, "source_files.jsonl", manifest)

    def write(tx: ManagedTransaction, query: str, key: str, rows: list[dict[str, Any]]) -> None:
        tx.run(query, {key: rows}).consume()

    def write_decisions(tx: ManagedTransaction, rows: list[dict[str, Any]]) -> None:
        tx.run(queries.LOAD_VOCABULARY, queries.vocabulary_parameters(rows)).consume()
        tx.run(queries.LOAD_DECISIONS, {"decisions": rows}).consume()

    with driver.session(database=database) as session:
        for start in range(0, len(cases), IMPORT_BATCH):
            batch = cases[start : start + IMPORT_BATCH]
            session.execute_write(write, queries.LOAD_CASES, "cases", batch)
        for start in range(0, len(decisions), IMPORT_BATCH):
            batch = decisions[start : start + IMPORT_BATCH]
            session.execute_write(write_decisions, batch)
        session.execute_write(write, queries.LOAD_SOURCE_FILES, "files", files)
    return {"cases": len(cases), "decisions": len(decisions), "source_files": len(files)}


def clear_graph(driver: Driver, database: str, batch_size: int = 20_000) -> None:
    """Delete every node and relationship, in batches (one transaction would hold them all).
    Indexes and constraints stay. For tests, benchmarks and restoring into an empty database."""
    while driver.execute_query(
        queries.DELETE_ALL_BATCH, {"batch_size": batch_size}, database_=database
    ).records[0]["deleted"]:
        pass


def _canonical(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, FLOAT_DIGITS)
    if isinstance(value, list):
        return [_canonical(v) for v in value]
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in sorted(value.items())}
    return value


def canonical_hash(driver: Driver, database: str) -> str:
    """SHA-256 over every node's properties and every relationship, order-independent."""
    lines: list[str] = []
    for query in (queries.CANONICAL_NODES, queries.CANONICAL_RELATIONSHIPS):
        for row in _stream(driver, database, query):
            # keys() comes back in storage order, which differs between two builds of one graph.
            row["props"] = sorted(row["props"], key=lambda pair: pair[0])
            lines.append(json.dumps(_canonical(row), sort_keys=True, default=str))
    digest = hashlib.sha256()
    for line in sorted(lines):
        digest.update(line.encode("utf-8"))
    return digest.hexdigest()
