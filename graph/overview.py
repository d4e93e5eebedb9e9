"""What is in the graph: counts per label, relationship type and outcome."""

from __future__ import annotations

from dataclasses import dataclass

from neo4j import Driver, RoutingControl

from graph import queries


@dataclass(frozen=True)
class GraphOverview:
    labels: dict[str, int]
    relationships: dict[str, int]
    outcomes: dict[str, int]


def server_version(driver: Driver) -> str | None:
    """ "5.26.30 community", from the server's own components list."""
    records = driver.execute_query(queries.SERVER_COMPONENTS, routing_=RoutingControl.READ).records
    return f"{records[0]['version']} {records[0]['edition']}" if records else None


def graph_overview(driver: Driver, database: str) -> GraphOverview:
    def read(query: str, key: str) -> dict[str, int]:
        records = driver.execute_query(query, database_=database, routing_=RoutingControl.READ)
        return {str(r[key]): int(r["count"]) for r in records.records}

    return GraphOverview(
        labels=read(queries.COUNT_BY_LABEL, "label"),
        relationships=read(queries.COUNT_BY_RELATIONSHIP, "type"),
        outcomes=read(queries.OUTCOME_COUNTS, "outcome"),
    )
