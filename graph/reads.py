"""One read helper for the graph/ modules the UI calls: read routing, parameters only, and
connection failures translated into the error tree (so callers catch ImrError only)."""

from __future__ import annotations

import logging
from typing import Any

from neo4j import Driver, Record, RoutingControl
from neo4j.exceptions import AuthError, ServiceUnavailable, SessionExpired

from graph.errors import AuthenticationError, DatabaseUnavailableError

logger = logging.getLogger(__name__)


def read(
    driver: Driver, database: str, query: str, params: dict[str, Any] | None = None
) -> list[Record]:
    """Run one read query; its records."""
    # Parameters can hold letter text: log their names only.
    logger.debug("read %s params=%s", " ".join(query.split())[:120], sorted(params or {}))
    try:
        return driver.execute_query(
            query, params or {}, database_=database, routing_=RoutingControl.READ
        ).records
    except AuthError as error:
        raise AuthenticationError(
            "Neo4j refused the configured credentials: check NEO4J_USER and NEO4J_PASSWORD"
        ) from error
    except (ServiceUnavailable, SessionExpired) as error:
        raise DatabaseUnavailableError(
            f"Neo4j became unreachable ({type(error).__name__}): start it with `imr neo4j start` "
            "(or check NEO4J_URI), then reload the page"
        ) from error
