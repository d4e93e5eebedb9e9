"""Opening a driver, with driver errors translated into the application's error tree."""

from __future__ import annotations

import logging
import time

import neo4j
from neo4j import Driver, GraphDatabase
from neo4j.exceptions import AuthError, ServiceUnavailable, SessionExpired

from graph.errors import AuthenticationError, DatabaseUnavailableError

logger = logging.getLogger(__name__)

# Connections are cheap to retry; a server that does not answer in this long is reported.
CONNECT_TIMEOUT_S = 10.0


def _unreachable(uri: str, error: Exception) -> DatabaseUnavailableError:
    return DatabaseUnavailableError(
        f"Neo4j is not reachable at {uri} ({type(error).__name__}): start the local server with "
        "`imr neo4j start`, or set NEO4J_URI to a running server"
    )


def _refused(uri: str, user: str) -> AuthenticationError:
    return AuthenticationError(
        f"Neo4j at {uri} refused the credentials of user '{user}': check NEO4J_USER and "
        "NEO4J_PASSWORD (for the local server: IMR_HOME/neo4j/credentials.json)"
    )


def open_driver(uri: str, user: str, password: str, *, verify: bool = True) -> Driver:
    """A driver for `uri`; with `verify`, fail fast and clearly when the server is not there."""
    driver = GraphDatabase.driver(
        uri,
        auth=(user, password),
        connection_timeout=CONNECT_TIMEOUT_S,
        max_transaction_retry_time=30.0,
        user_agent="imr-precedent-graph",
        # Warnings such as "property key does not exist" on an empty database are noise to users.
        notifications_min_severity="OFF",
    )
    if verify:
        try:
            driver.verify_connectivity()
        except AuthError as error:
            driver.close()
            raise _refused(uri, user) from error
        except (ServiceUnavailable, SessionExpired, OSError, neo4j.exceptions.DriverError) as error:
            driver.close()
            raise _unreachable(uri, error) from error
    return driver


def wait_until_ready(uri: str, user: str, password: str, timeout_s: float) -> None:
    """Poll until Bolt answers with these credentials, or raise after `timeout_s`."""
    deadline = time.monotonic() + timeout_s
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        try:
            open_driver(uri, user, password).close()
            return
        except AuthenticationError:
            raise
        except DatabaseUnavailableError as error:
            last_error = error
            time.sleep(0.5)
    raise DatabaseUnavailableError(
        f"Neo4j at {uri} did not answer within {timeout_s:.0f} s ({last_error})"
    )
