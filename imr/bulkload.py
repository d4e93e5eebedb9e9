"""`imr bulk-load`: a first load of a large corpus through `neo4j-admin database import full`.

Parse and embed as `imr ingest` does, write the graph as CSV files (ingest.bulk_csv), then against
the local server: stop it, import offline, start it, restore empty lists, apply the schema (the
constraints, range, full-text and vector indexes are built from the imported properties). For a
server this machine does not run (NEO4J_URI), only the CSV files and the command to run there.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph import queries
from graph.connection import wait_until_ready
from graph.errors import ImrError, InvalidRequestError
from graph.schema import ensure_schema
from imr.localserver import LocalServer
from imr.runtime import connect
from imr.settings import Settings
from ingest.bulk_csv import BulkCsvJob, BulkCsvWriter, ImportPlan
from ingest.embed import Embedder
from ingest.pipeline import IngestOptions, IngestSummary, ProgressCallback, discover

logger = logging.getLogger(__name__)

DATABASE = "neo4j"  # the local server's only user database (Community)
CSV_FILE_NAMES = ("nodes-*.csv", "rels-*.csv")


class BulkImportError(ImrError):
    """neo4j-admin refused or failed the import."""


@dataclass
class BulkLoadSummary:
    ingest: IngestSummary
    csv_dir: str
    imported: bool
    command: str
    counts: dict[str, int]
    timings_s: dict[str, float] = field(default_factory=dict)

    @property
    def decisions_per_s(self) -> float:
        total = sum(self.timings_s.values())
        return self.ingest.decisions / total if total > 0 else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            **self.ingest.to_json(),
            "csv_dir": self.csv_dir,
            "imported": self.imported,
            "command": self.command,
            "counts": self.counts,
            "timings_s": {k: round(v, 2) for k, v in self.timings_s.items()},
            "decisions_per_s": round(self.decisions_per_s, 1),
        }


def _node_count(settings: Settings) -> int:
    driver, info = connect(settings)
    with driver:
        records = driver.execute_query(queries.COUNT_ALL_NODES, database_=info.database).records
    return int(records[0]["nodes"])


def check_target(settings: Settings, *, csv_only: bool, replace: bool) -> LocalServer | None:
    """The local server to import into (None with --csv-only), or a one-line refusal.

    Run before anything is parsed or embedded, so a refusal costs nothing.
    """
    if csv_only:
        return None
    if settings.neo4j_uri:
        raise InvalidRequestError(
            f"NEO4J_URI points to a server this machine does not run ({settings.neo4j_uri}): "
            "neo4j-admin import needs the server's own files. Run `imr bulk-load --csv-only ...` "
            "and then the neo4j-admin command it prints on that server"
        )
    server = LocalServer(settings)
    if server.pid() is None and not server.has_store(DATABASE):
        return server  # never started: nothing to lose
    server.start(wait_until_ready)
    nodes = _node_count(settings)
    if nodes and not replace:
        raise InvalidRequestError(
            f"The database under {settings.server_dir} already holds {nodes} nodes: bulk import "
            "is for first loads. Use `imr ingest` to add to it, or `imr bulk-load --replace` to "
            "overwrite it"
        )
    return server


def import_plan(
    server: LocalServer, plan: ImportPlan, phase: Callable[[str], None]
) -> dict[str, float]:
    """Stop, import, start: the database is replaced by the CSV files' graph."""
    timings: dict[str, float] = {}
    log_path = plan.csv_dir / "import.log"
    phase("Stopping Neo4j for the offline import...")
    server.stop()
    started = time.monotonic()
    try:
        phase("neo4j-admin database import full...")
        result = server.admin(*plan.admin_arguments(DATABASE, plan.csv_dir / "import.report"))
        log_path.write_text(result.stdout + result.stderr, encoding="utf-8")
        timings["import"] = time.monotonic() - started
        if result.returncode != 0:
            tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-12:])
            raise BulkImportError(
                f"neo4j-admin import failed (exit {result.returncode}); the whole output is in "
                f"{log_path}, bad entries in {plan.csv_dir / 'import.report'}:\n{tail}"
            )
    finally:
        # Never leave the user's server down, whatever the import did.
        phase("Starting Neo4j...")
        restarted = time.monotonic()
        server.start(wait_until_ready)
        timings["restart"] = time.monotonic() - restarted
    return timings


def finish_graph(settings: Settings, plan: ImportPlan, dimensions: int) -> dict[str, float]:
    """What the import format cannot express, then the schema (indexes populate, ONLINE)."""
    timings: dict[str, float] = {}
    driver, info = connect(settings)
    with driver:
        started = time.monotonic()
        for label, prop in sorted(plan.empty_lists):
            # CALL {} IN TRANSACTIONS needs an auto-commit transaction: session.run, not a tx.
            with driver.session(database=info.database) as session:
                session.run(queries.fill_empty_list(label, prop)).consume()
        timings["empty_lists"] = time.monotonic() - started
        started = time.monotonic()
        ensure_schema(driver, info.database, dimensions)
        timings["schema"] = time.monotonic() - started
    return timings


def bulk_load(
    settings: Settings,
    paths: Sequence[str],
    embedder: Embedder,
    *,
    csv_dir: Path | None = None,
    csv_only: bool = False,
    replace: bool = False,
    options: IngestOptions | None = None,
    progress: ProgressCallback | None = None,
    phase: Callable[[str], None] = lambda message: None,
    server: LocalServer | None = None,
) -> BulkLoadSummary:
    """Write the CSV files and, unless `csv_only`, import them into the local server.

    `server` is what check_target returned, when the caller already checked (the CLI does so
    before loading the model); otherwise the check runs here.
    """
    discover(paths)  # usage errors before the server is touched
    if server is None and not csv_only:
        server = check_target(settings, csv_only=csv_only, replace=replace)
    keep_csv = csv_only or csv_dir is not None
    out_dir = csv_dir or settings.imr_home / "bulk-csv"
    timings: dict[str, float] = {}
    started = time.monotonic()
    writer = BulkCsvWriter(out_dir)
    job = BulkCsvJob(
        writer, embedder, options or IngestOptions(), settings.reports_dir, progress=progress
    )
    try:
        summary = job.run(paths)
    except BaseException:
        writer.abort()
        raise
    plan = writer.close()
    timings["parse_embed_csv"] = time.monotonic() - started
    command = plan.shell_command(DATABASE)
    counts = dict(sorted(plan.counts.items()))
    result = BulkLoadSummary(summary, str(out_dir), False, command, counts, timings)
    if csv_only or server is None or not summary.decisions:
        return result  # nothing read: the database is left as it was
    timings.update(import_plan(server, plan, phase))
    phase("Applying the schema and populating the indexes...")
    timings.update(finish_graph(settings, plan, embedder.dimensions))
    result.imported = True
    if not keep_csv:
        for pattern in CSV_FILE_NAMES:
            for path in out_dir.glob(pattern):
                path.unlink()
    return result
