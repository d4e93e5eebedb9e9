"""The read-only Cypher console (used by `imr cypher` and the UI), guarded in layers.

1. The query is planned with EXPLAIN (nothing runs) and must be of query type "r": writes ("w",
   "rw"), schema and administration commands ("s") are refused.
2. The plan is walked: LOAD CSV (reads server files and URLs) and procedures outside an allowlist
   of namespaces are refused even when they claim to be reads.
3. It runs in a READ transaction (the server refuses writes in read access mode) with a server-side
   timeout, and at most `row_limit + 1` rows are fetched so truncation can be reported.

The access mode alone is only a routing hint on a single server; layer 1 is the guard.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from typing import Any

import neo4j
from neo4j import Driver, ManagedTransaction, unit_of_work
from neo4j.exceptions import ClientError, CypherSyntaxError, Neo4jError, TransientError

from graph.errors import InvalidRequestError, QueryRejectedError, QueryTimeoutError
from graph.values import to_plain

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT_S = 10.0
DEFAULT_ROW_LIMIT = 1000
MAX_QUERY_CHARS = 20_000
# Procedures a read-only console may call: the built-in read procedures of the db namespace.
ALLOWED_PROCEDURE_PREFIXES = ("db.", "dbms.components")
REFUSED_OPERATORS = {"LoadCSV": "LOAD CSV reads files and URLs on the server"}
LEADING_KEYWORD = re.compile(r"^\s*(EXPLAIN|PROFILE)\b", re.IGNORECASE)
QUERY_TYPE_NAMES = {"w": "write", "rw": "read-write", "s": "schema or administration"}


@dataclass
class ConsoleResult:
    columns: list[str]
    rows: list[dict[str, Any]]
    truncated: bool
    row_limit: int
    elapsed_ms: int | None

    def to_json(self) -> dict[str, Any]:
        return {
            "columns": self.columns,
            "rows": self.rows,
            "truncated": self.truncated,
            "row_limit": self.row_limit,
            "elapsed_ms": self.elapsed_ms,
        }


def parse_parameters(text: str) -> dict[str, Any]:
    """Query parameters as a JSON object, or `name=value` lines (the value read as JSON when it
    parses — numbers, lists, quoted strings, true/false/null — else as text). `#` lines skipped."""
    text = text.strip()
    if not text:
        return {}
    if text.startswith("{"):
        try:
            value = json.loads(text)
        except json.JSONDecodeError as error:
            raise InvalidRequestError(f"the parameters are not valid JSON: {error}") from error
        if not isinstance(value, dict):
            raise InvalidRequestError("the parameters must be a JSON object")
        return value
    params: dict[str, Any] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        name, sep, raw = line.partition("=")
        name = name.strip().removeprefix("$")
        if not sep or not name.isidentifier():
            raise InvalidRequestError(f"parameter line {number}: expected name=value, got {line!r}")
        try:
            params[name] = json.loads(raw)
        except json.JSONDecodeError:
            params[name] = raw.strip()
    return params


def _plan_operators(plan: Any) -> list[tuple[str, str]]:
    if not plan:
        return []
    node = plan if isinstance(plan, dict) else getattr(plan, "__dict__", {})
    operator = str(node.get("operatorType") or node.get("operator_type") or "").split("@")[0]
    args = node.get("args") or node.get("arguments") or {}
    found = [(operator, str(args.get("Details") or ""))]
    for child in node.get("children") or []:
        found += _plan_operators(child)
    return found


def check_read_only(driver: Driver, database: str, query: str, params: dict[str, Any]) -> None:
    """Raise QueryRejectedError unless EXPLAIN shows a pure read (see module doc)."""
    if not query.strip():
        raise InvalidRequestError("the query is empty")
    if len(query) > MAX_QUERY_CHARS:
        raise InvalidRequestError(f"the query is longer than {MAX_QUERY_CHARS} characters")
    if LEADING_KEYWORD.match(query):
        raise QueryRejectedError("leave out EXPLAIN/PROFILE: the console plans every query itself")
    try:
        with driver.session(database=database, default_access_mode=neo4j.READ_ACCESS) as session:
            summary = session.run("EXPLAIN " + query, params).consume()
    except CypherSyntaxError as error:
        raise InvalidRequestError(f"Cypher syntax error: {error.message}") from error
    except ClientError as error:
        code = error.code or ""
        if "Administration" in code or "Security" in code or "Forbidden" in code:
            raise QueryRejectedError(
                "administration commands are refused: the console is read-only"
            ) from error
        raise InvalidRequestError(f"the query was refused: {error.message}") from error
    query_type = summary.query_type
    if query_type != "r":
        raise QueryRejectedError(
            f"only read queries may run here; this is a "
            f"{QUERY_TYPE_NAMES.get(str(query_type), str(query_type))} query "
            "(CREATE, MERGE, DELETE, SET, REMOVE, schema and admin commands are refused)"
        )
    for operator, details in _plan_operators(summary.plan):
        if operator in REFUSED_OPERATORS:
            raise QueryRejectedError(f"refused: {REFUSED_OPERATORS[operator]}")
        if operator == "ProcedureCall":
            name = details.split("(")[0].strip()
            if not name.startswith(ALLOWED_PROCEDURE_PREFIXES):
                raise QueryRejectedError(
                    f"refused: procedure {name} is not on the console's allowlist "
                    f"(allowed: {', '.join(ALLOWED_PROCEDURE_PREFIXES)}*)"
                )


def run_read_only(
    driver: Driver,
    database: str,
    query: str,
    params: dict[str, Any] | None = None,
    *,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    row_limit: int = DEFAULT_ROW_LIMIT,
) -> ConsoleResult:
    """Check, then run `query` read-only; at most `row_limit` rows, truncation reported."""
    if row_limit < 1:
        raise InvalidRequestError("the row limit must be at least 1")
    if timeout_s <= 0:
        raise InvalidRequestError("the time limit must be positive")
    params = dict(params or {})
    check_read_only(driver, database, query, params)

    @unit_of_work(timeout=timeout_s)
    def fetch(tx: ManagedTransaction) -> tuple[list[str], list[dict[str, Any]], bool, int | None]:
        result = tx.run(query, params)
        rows: list[dict[str, Any]] = []
        truncated = False
        for record in result:
            if len(rows) == row_limit:
                truncated = True
                break
            rows.append({key: to_plain(value) for key, value in record.items()})
        columns = list(result.keys())
        summary = result.consume()
        return columns, rows, truncated, summary.result_available_after

    try:
        with driver.session(database=database, default_access_mode=neo4j.READ_ACCESS) as session:
            columns, rows, truncated, elapsed = session.execute_read(fetch)
    except (ClientError, TransientError) as error:
        code = error.code or ""
        if "TransactionTimedOut" in code or "Terminated" in code:
            raise QueryTimeoutError(
                f"the query ran past the {timeout_s:g} s limit and was stopped: narrow it "
                "(LIMIT, a more selective MATCH) or raise the limit (--timeout)"
            ) from error
        if "AccessMode" in code or "Forbidden" in code:
            raise QueryRejectedError("writes are refused: the console is read-only") from error
        raise InvalidRequestError(f"the query failed: {error.message}") from error
    except Neo4jError as error:
        raise InvalidRequestError(f"the query failed: {error.message}") from error
    return ConsoleResult(columns, rows, truncated, row_limit, elapsed)
