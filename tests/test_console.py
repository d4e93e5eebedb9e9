"""The read-only Cypher console: one test per class of refused query, and the limits."""

from __future__ import annotations

import pytest

from graph.console import run_read_only
from graph.errors import InvalidRequestError, QueryRejectedError, QueryTimeoutError


@pytest.fixture(scope="module")
def graph(empty_graph, database):
    empty_graph.execute_query(
        "UNWIND range(1, 30) AS i CREATE (:Decision {decision_id: 'T-' + i, outcome: "
        "CASE WHEN i % 3 = 0 THEN 'overturned' ELSE 'upheld' END})",
        database_=database,
    )
    return empty_graph


def node_count(driver) -> int:
    return driver.execute_query("MATCH (n) RETURN count(n) AS n").records[0]["n"]


def test_reads_run_with_parameters(graph, database):
    result = run_read_only(
        graph, database, "MATCH (d:Decision {outcome: $o}) RETURN count(d) AS n", {"o": "upheld"}
    )
    assert result.columns == ["n"] and result.rows == [{"n": 20}] and not result.truncated


def test_row_cap_reports_truncation(graph, database):
    result = run_read_only(
        graph, database, "MATCH (d:Decision) RETURN d.decision_id AS id", row_limit=5
    )
    assert len(result.rows) == 5 and result.truncated


@pytest.mark.parametrize(
    "query",
    [
        "CREATE (n:Evil) RETURN n",
        "MERGE (n:Evil {x: 1})",
        "MATCH (d:Decision) DETACH DELETE d",
        "MATCH (d:Decision) SET d.outcome = 'overturned'",
        "MATCH (d:Decision) REMOVE d.outcome",
        "CALL db.createLabel('Evil')",
        "MATCH (d:Decision) CALL (d) { SET d.x = 1 } RETURN count(*)",
        "CREATE INDEX evil IF NOT EXISTS FOR (n:Evil) ON (n.x)",
        "DROP INDEX decision_text",
        "CREATE CONSTRAINT evil FOR (n:Evil) REQUIRE n.x IS UNIQUE",
        "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
        "CALL dbms.components() YIELD name RETURN name "
        "UNION CALL db.createLabel('X') RETURN 1 AS name",
        "SHOW USERS",
        "CREATE USER evil SET PASSWORD 'evilevil1'",
        "CALL dbms.security.createUser('evil', 'evilevil1', false)",
        "EXPLAIN CREATE (n:Evil)",
        "CALL apoc.cypher.runWrite('CREATE (n)', {})",
    ],
)
def test_anything_but_a_read_is_refused_and_nothing_changes(graph, database, query):
    before = node_count(graph)
    with pytest.raises((QueryRejectedError, InvalidRequestError)):
        run_read_only(graph, database, query)
    assert node_count(graph) == before


def test_time_limit_stops_a_long_query(graph, database):
    with pytest.raises(QueryTimeoutError, match="s limit"):
        run_read_only(
            graph,
            database,
            "UNWIND range(1, 100000000) AS x WITH x WHERE x % 7 = 0 RETURN count(x)",
            timeout_s=0.5,
        )


def test_syntax_errors_are_reported_plainly(graph, database):
    with pytest.raises(InvalidRequestError, match="syntax"):
        run_read_only(graph, database, "MATCH (n RETURN n")
