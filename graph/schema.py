"""The database schema, applied idempotently: constraints, range, vector and full-text indexes."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

from neo4j import Driver, RoutingControl

from graph import queries
from graph.errors import SchemaError

logger = logging.getLogger(__name__)

INDEX_ONLINE_TIMEOUT_S = 300
# The Cypher SEARCH clause, and vector indexes with filter properties, came with Neo4j 2026.01.
SEARCH_CLAUSE_SINCE = (2026, 1)


def search_clause_supported(version: str | None) -> bool:
    """Whether a server release ("2026.08.1 community", "5.26.30") has the SEARCH clause."""
    match = re.match(r"\s*(\d+)\.(\d+)", version or "")
    return bool(match) and (int(match.group(1)), int(match.group(2))) >= SEARCH_CLAUSE_SINCE


@dataclass(frozen=True)
class SchemaReport:
    constraints: list[dict[str, Any]]
    indexes: list[dict[str, Any]]

    def vector_dimensions(self) -> int | None:
        for index in self.indexes:
            if index["name"] == queries.VECTOR_INDEX_NAME:
                config = (index.get("options") or {}).get("indexConfig") or {}
                dims = config.get("vector.dimensions")
                return int(dims) if dims is not None else None
        return None

    def vector_filter_properties(self) -> tuple[str, ...]:
        """The in-index filter properties of the vector index (empty: none, or no index)."""
        for index in self.indexes:
            if index["name"] == queries.VECTOR_INDEX_NAME:
                # SHOW INDEXES lists the vector property first, then the WITH [...] properties.
                return tuple(index.get("properties") or [])[1:]
        return ()

    def to_json(self) -> dict[str, Any]:
        return {"constraints": self.constraints, "indexes": self.indexes}


def show_schema(driver: Driver, database: str) -> SchemaReport:
    indexes = driver.execute_query(
        queries.SHOW_INDEXES, database_=database, routing_=RoutingControl.READ
    ).records
    constraints = driver.execute_query(
        queries.SHOW_CONSTRAINTS, database_=database, routing_=RoutingControl.READ
    ).records
    return SchemaReport(
        constraints=[record.data() for record in constraints],
        indexes=[record.data() for record in indexes],
    )


def ensure_schema(driver: Driver, database: str, vector_dimensions: int) -> SchemaReport:
    """Create what is missing, refuse a vector index of another dimension, wait until ONLINE."""
    existing = show_schema(driver, database).vector_dimensions()
    if existing is not None and existing != vector_dimensions:
        raise SchemaError(
            f"The vector index '{queries.VECTOR_INDEX_NAME}' holds {existing}-dimensional "
            f"embeddings but the configured model gives {vector_dimensions}: use the model the "
            "database was built with (IMR_EMBED_MODEL), or rebuild into an empty database"
        )
    statements = [queries.uniqueness_constraint(label, key) for label, key in queries.NODE_KEYS]
    statements += [queries.range_index(label, prop) for label, prop in queries.RANGE_INDEXES]
    from graph.overview import server_version

    # On 2026.01+ the vector index carries the filter properties, for SEARCH ... WHERE. An index
    # made earlier without them stays (rebuilding it is the owner's call); search then falls back.
    vector_ddl = (
        queries.vector_index_with_filters(vector_dimensions)
        if search_clause_supported(server_version(driver))
        else queries.vector_index(vector_dimensions)
    )
    statements += [vector_ddl, queries.FULLTEXT_INDEX]
    for statement in statements:
        logger.debug("schema: %s", statement)
        driver.execute_query(statement, database_=database)
    driver.execute_query(
        queries.AWAIT_INDEXES, {"timeout_s": INDEX_ONLINE_TIMEOUT_S}, database_=database
    )
    report = show_schema(driver, database)
    not_online = [i["name"] for i in report.indexes if i["state"] != "ONLINE"]
    if not_online:
        raise SchemaError(f"indexes not ONLINE after {INDEX_ONLINE_TIMEOUT_S} s: {not_online}")
    return report
