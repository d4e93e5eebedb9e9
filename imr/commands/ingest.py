"""`imr ingest PATH...`: letters and DMHC CSVs into the graph."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import click

from graph.schema import ensure_schema
from imr.progress import ProgressDrawer
from imr.runtime import connect, embedder_for
from imr.settings import Settings
from ingest.pipeline import IngestJob, IngestOptions


def pipeline_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The options of the parse → embed pipeline, shared by `ingest` and `bulk-load`."""
    options = [
        click.option(
            "--workers",
            type=click.IntRange(1, 64),
            default=1,
            show_default=True,
            help="Parse processes (1 = a background thread).",
        ),
        click.option(
            "--quarantine",
            "quarantine_path",
            type=click.Path(dir_okay=False),
            help="Where to write failures (JSONL). Default: IMR_HOME/reports/quarantine-*.jsonl",
        ),
        click.option("--json", "as_json", is_flag=True, help="Print the final summary as JSON."),
        click.option("--quiet", is_flag=True, help="No progress output."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--batch-size",
    type=click.IntRange(1, 100_000),
    default=64,
    show_default=True,
    help="Decisions per embedding call and load transaction.",
)
@click.option("--force", is_flag=True, help="Reload files even when their content is unchanged.")
@pipeline_options
@click.pass_obj
def ingest_command(
    settings: Settings,
    paths: tuple[str, ...],
    batch_size: int,
    workers: int,
    force: bool,
    quarantine_path: str | None,
    as_json: bool,
    quiet: bool,
) -> None:
    """Parse, embed and load files, folders (recursively: .txt .pdf .csv) and globs.

    Unchanged files (same content hash) are skipped without re-embedding; a changed file replaces
    its earlier version. Documents that fail are reported and quarantined; the rest go on.
    Exit 0 when all went in, 1 when some documents failed, 2 on usage/configuration errors.

    \b
    Examples:
      imr ingest data/sample
      imr ingest 'letters/**/*.pdf' dmhc/2019.csv --batch-size 128 --json
    """
    from pathlib import Path

    from ingest.pipeline import discover

    discover(paths)  # usage errors before the model and the server are touched
    embedder = embedder_for(settings)
    driver, info = connect(settings)
    drawer = ProgressDrawer(enabled=not quiet)
    with driver:
        ensure_schema(driver, info.database, embedder.dimensions)
        job = IngestJob(
            driver,
            info.database,
            embedder,
            IngestOptions(
                batch_size=batch_size,
                workers=workers,
                force=force,
                quarantine_path=Path(quarantine_path) if quarantine_path else None,
            ),
            reports_dir=settings.reports_dir,
            progress=drawer,
        )
        try:
            summary = job.run(paths)
        finally:
            drawer.close()
    if as_json:
        click.echo(json.dumps(summary.to_json(), indent=2))
    else:
        for failure in summary.failures:
            click.echo(
                f"Could not ingest '{failure.path}' ({failure.stage}): {failure.reason}", err=True
            )
        click.echo(
            f"{summary.ingested} ingested, {summary.skipped} skipped, {summary.failed} failed "
            f"({summary.decisions} decisions, {summary.embeddings_computed} embeddings computed, "
            f"{summary.embeddings_cached} from cache, {summary.elapsed_s:.1f} s)"
        )
        if summary.quarantine:
            click.echo(f"Failures written to {summary.quarantine}", err=True)
    raise SystemExit(1 if summary.failed else 0)
