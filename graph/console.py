"""The read-only Cypher console (used by `imr cypher` and the UI), guarded in layers.

1. The query is planned with EXPLAIN (nothing runs) and must be of query type "r": writes ("w",
   "rw"), schema and administration commands ("s") are refused. The one "s" let through is a
   plain call of `dbms.components()` (the server's name and version).
2. The plan's operators are checked, so comments, case, backticks or escapes in the text change
   nothing: LOAD CSV, CALL ... IN TRANSACTIONS, TERMINATE and any SHOW command but indexes,
   constraints, procedures and functions are refused, and a procedure must be on an explicit
   allowlist of reads that reveal only the graph and its schema (not `db.stats.*`, not `dbms.*`).
   Each refusal is one line with the reason.
3. It runs in a READ transaction (the server refuses writes in read access mode), never retried,
   with the time limit as the transaction's server-side timeout, and at most `row_limit + 1` rows
   are fetched so truncation can be reported.
4. A watchdog enforces the limit on the client: Neo4j 5.26 checks a transaction's timeout between
   rows, not inside one expression, so `RETURN reduce(s = '', x IN range(1, 20000000) | s + 'x')`
   ran for minutes past a 2 s limit. At the limit the console terminates its transaction (found by
   its metadata) and answers at once; while the server is still evaluating such a stopped query,
   new console queries are refused, so they cannot pile up on the server's cores. Memory is
   limited server-side (db.memory.transaction.max, imr/localserver.py).

The access mode alone is only a routing hint on a single server; layers 1 and 2 are the guard.
"""

from __future__ import annotations

import json
import logging
import re
import secrets
import threading
from dataclasses import dataclass
from typing import Any

import neo4j
from neo4j import Driver
from neo4j.exceptions import (
    ClientError,
    CypherSyntaxError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)

from graph import queries
from graph.errors import (
    DatabaseUnavailableError,
    InvalidRequestError,
    QueryRejectedError,
    QueryTimeoutError,
)
from graph.values import to_plain

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT_S = 10.0
DEFAULT_ROW_LIMIT = 1000
MAX_QUERY_CHARS = 20_000
# Procedures a read-only console may call: reads that reveal only the graph and its schema.
# Everything else is refused, in particular db.stats.* (other sessions' query texts), db.clear*,
# db.prepareForReplanning and every dbms.* procedure (configuration, connections, security).
ALLOWED_PROCEDURES = frozenset(
    {
        "db.labels",
        "db.relationshipTypes",
        "db.propertyKeys",
        "db.schema.visualization",
        "db.schema.nodeTypeProperties",
        "db.schema.relTypeProperties",
        "db.index.fulltext.queryNodes",
        "db.index.fulltext.queryRelationships",
        "db.index.vector.queryNodes",
        "db.index.vector.queryRelationships",
        "db.ping",
        "dbms.components",
    }
)
# dbms.components() is a DBMS procedure, so EXPLAIN calls the query "s"; only it may make a query
# "s", and only in a plan made of these operators.
SCHEMA_TYPE_PROCEDURES = frozenset({"dbms.components"})
SCHEMA_TYPE_OPERATORS = frozenset(
    {"ProduceResults", "ProcedureCall", "Projection", "Filter", "Limit", "Skip", "Sort", "Top"}
)
# SHOW commands that reveal only the schema and the callable procedures and functions.
ALLOWED_SHOW_OPERATORS = frozenset(
    {"ShowIndexes", "ShowConstraints", "ShowProcedures", "ShowFunctions"}
)
REFUSED_OPERATORS = {
    "LoadCSV": "LOAD CSV reads files and URLs on the server",
    "TerminateTransactions": "TERMINATE TRANSACTIONS stops other sessions' work (ingests too)",
    "ShowTransactions": "SHOW TRANSACTIONS reveals other sessions' queries and parameters",
    "ShowSettings": "SHOW SETTINGS reveals the server's configuration",
    "TransactionApply": "CALL ... IN TRANSACTIONS commits outside the console's read transaction",
    "TransactionForeach": "CALL ... IN TRANSACTIONS commits outside the console's read transaction",
}
LEADING_KEYWORD = re.compile(r"^\s*(EXPLAIN|PROFILE)\b", re.IGNORECASE)
QUERY_TYPE_NAMES = {"w": "write", "rw": "read-write", "s": "schema or administration"}
# Metadata key of the console's transactions (queries.CONSOLE_TRANSACTIONS finds them).
METADATA_KEY = "imr_console"
MEMORY_CODES = ("MemoryPoolOutOfMemoryError", "TransactionOutOfMemoryError", "OutOfMemoryError")


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
    operators = _plan_operators(summary.plan)
    query_type = str(summary.query_type)
    if query_type == "s" and _is_schema_type_read(operators):
        return
    if query_type != "r":
        raise QueryRejectedError(
            f"only read queries may run here; this is a "
            f"{QUERY_TYPE_NAMES.get(query_type, query_type)} query "
            "(CREATE, MERGE, DELETE, SET, REMOVE, schema and admin commands are refused)"
        )
    for operator, details in operators:
        refusal = _refusal(operator, details)
        if refusal:
            raise QueryRejectedError(f"refused: {refusal}")


def _procedure_name(details: str) -> str:
    """The procedure of a ProcedureCall's plan details: "db.labels() :: (label :: STRING)"."""
    return details.split("(", 1)[0].strip()


def _refusal(operator: str, details: str) -> str | None:
    """Why one plan operator may not run in the console, or None."""
    if operator in REFUSED_OPERATORS:
        return REFUSED_OPERATORS[operator]
    if operator.startswith(("Show", "Terminate")) and operator not in ALLOWED_SHOW_OPERATORS:
        return (
            f"{operator} is not one of the console's SHOW commands "
            "(allowed: SHOW INDEXES, CONSTRAINTS, PROCEDURES, FUNCTIONS)"
        )
    if operator == "ProcedureCall":
        name = _procedure_name(details)
        if name not in ALLOWED_PROCEDURES:
            return (
                f"procedure {name} is not on the console's allowlist of read procedures "
                f"({', '.join(sorted(ALLOWED_PROCEDURES))})"
            )
    return None


def _is_schema_type_read(operators: list[tuple[str, str]]) -> bool:
    """A query EXPLAIN calls "s" only because it calls dbms.components() (see the constants)."""
    calls = [_procedure_name(d) for op, d in operators if op == "ProcedureCall"]
    return (
        bool(calls)
        and all(name in SCHEMA_TYPE_PROCEDURES for name in calls)
        and all(op in SCHEMA_TYPE_OPERATORS for op, _ in operators)
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
    """Check, then run `query` read-only; at most `row_limit` rows, truncation reported; stopped
    after `timeout_s` seconds whatever the query does (see the module doc)."""
    if row_limit < 1:
        raise InvalidRequestError("the row limit must be at least 1")
    if timeout_s <= 0:
        raise InvalidRequestError("the time limit must be positive")
    params = dict(params or {})
    check_read_only(driver, database, query, params)
    _refuse_while_a_stopped_query_runs(driver, database)
    token = secrets.token_hex(8)
    outcome: dict[str, Any] = {}
    finished = threading.Event()

    def work() -> None:
        try:
            outcome["result"] = _fetch(driver, database, query, params, timeout_s, row_limit, token)
        except BaseException as error:  # handed to the caller's thread
            outcome["error"] = error
        finally:
            finished.set()

    # A daemon thread: a query the server cannot stop must not keep the CLI from exiting.
    threading.Thread(target=work, name="imr-console-query", daemon=True).start()
    if not finished.wait(timeout_s):
        _terminate(driver, database, token)
        raise QueryTimeoutError(_timeout_message(timeout_s))
    if "error" in outcome:
        raise _translated(outcome["error"], timeout_s) from outcome["error"]
    return outcome["result"]


def _fetch(
    driver: Driver,
    database: str,
    query: str,
    params: dict[str, Any],
    timeout_s: float,
    row_limit: int,
    token: str,
) -> ConsoleResult:
    """One READ transaction, never retried: a query that ran out of time or memory would only
    run out again (the driver's managed transactions retry those as transient errors)."""
    with (
        driver.session(database=database, default_access_mode=neo4j.READ_ACCESS) as session,
        session.begin_transaction(timeout=timeout_s, metadata={METADATA_KEY: token}) as tx,
    ):
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
        tx.rollback()  # a read: nothing to commit
    return ConsoleResult(columns, rows, truncated, row_limit, summary.result_available_after)


def _console_transactions(driver: Driver, database: str) -> list[dict[str, Any]]:
    """The console's transactions on the server (needs SHOW TRANSACTIONS; [] if refused)."""
    try:
        records = driver.execute_query(queries.CONSOLE_TRANSACTIONS, database_=database).records
    except (ClientError, TransientError) as error:
        logger.info("cannot list the console's transactions: %s", error.message)
        return []
    return [dict(r) for r in records]


def _refuse_while_a_stopped_query_runs(driver: Driver, database: str) -> None:
    stopped = [
        t
        for t in _console_transactions(driver, database)
        if str(t["status"]).startswith("Terminated")  # "Terminated with reason: ..."
    ]
    if stopped:
        oldest = max(stopped, key=lambda t: t["elapsed_s"] or 0)
        raise QueryRejectedError(
            f"the server is still evaluating an earlier console query that was stopped at its "
            f"time limit ({oldest['id']}, {oldest['elapsed_s']} s so far): Neo4j cannot "
            "interrupt a single expression, so the console waits until it ends. Try again in a "
            "while, or restart the server (`imr neo4j stop`, `imr neo4j start`)"
        )


def _terminate(driver: Driver, database: str, token: str) -> None:
    ids = [t["id"] for t in _console_transactions(driver, database) if t["token"] == token]
    if not ids:
        return
    try:
        driver.execute_query(queries.TERMINATE_TRANSACTIONS, {"ids": ids}, database_=database)
    except (ClientError, TransientError) as error:
        logger.warning("could not terminate the console query %s: %s", ids, error.message)


def _timeout_message(timeout_s: float) -> str:
    return (
        f"the query ran past the {timeout_s:g} s limit and was stopped: narrow it (LIMIT, a more "
        "selective MATCH, smaller lists) or raise the console's time limit (--timeout of "
        "`imr cypher`, the time limit on the Cypher page)"
    )


def _translated(error: BaseException, timeout_s: float) -> BaseException:
    """A driver error as the console's one-line error; anything else unchanged."""
    if isinstance(error, ServiceUnavailable | SessionExpired) or (
        isinstance(error, DriverError) and not isinstance(error, Neo4jError)
    ):
        return DatabaseUnavailableError(
            f"Neo4j went away while the query ran ({type(error).__name__}): check the server "
            "(`imr neo4j status`) and run the query again"
        )
    if not isinstance(error, Neo4jError):
        return error
    code = error.code or ""
    if "TransactionTimedOut" in code or "Terminated" in code:
        return QueryTimeoutError(_timeout_message(timeout_s))
    if any(name in code for name in MEMORY_CODES):
        return QueryRejectedError(
            f"the query ran out of memory on the server ({error.message}): narrow it (LIMIT, "
            "fewer or smaller collected values); one transaction may use at most "
            "db.memory.transaction.max of the server's memory"
        )
    if "AccessMode" in code or "Forbidden" in code:
        return QueryRejectedError("writes are refused: the console is read-only")
    return InvalidRequestError(f"the query failed: {error.message}")
