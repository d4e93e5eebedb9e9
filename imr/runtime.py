"""Wiring shared by the CLI, the UI and the tests: settings → driver, model → embedder."""

from __future__ import annotations

from neo4j import Driver

from graph.connection import open_driver
from imr.settings import ConnectionInfo, Settings, connection_info


def connect(settings: Settings, *, verify: bool = True) -> tuple[Driver, ConnectionInfo]:
    """The driver for the configured server (NEO4J_URI, else the local one under IMR_HOME)."""
    info = connection_info(settings)
    return open_driver(info.uri, info.user, info.password, verify=verify), info
