"""Source files already in the graph, looked up by content (the UI's upload page)."""

from __future__ import annotations

from collections.abc import Sequence

from neo4j import Driver

from graph import queries
from graph.reads import read


def files_by_sha256(driver: Driver, database: str, hashes: Sequence[str]) -> dict[str, str]:
    """sha256 → the path of a loaded file with that content, for the hashes that have one."""
    if not hashes:
        return {}
    records = read(driver, database, queries.SOURCE_FILES_BY_SHA256, {"hashes": list(hashes)})
    return {r["sha256"]: r["path"] for r in records}
