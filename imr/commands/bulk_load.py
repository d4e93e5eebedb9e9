"""`imr bulk-load PATH...`: a first load of a large corpus through neo4j-admin's offline import."""

from __future__ import annotations

import json
from pathlib import Path

import click

from imr.commands.ingest import pipeline_options
from imr.progress import ProgressDrawer
from imr.settings import Settings


@click.command("bulk-load")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--csv-dir",
    type=click.Path(file_okay=False),
    help="Where to write the CSV files (kept). Default: IMR_HOME/bulk-csv, removed after import.",
)
@click.option(
    "--csv-only",
    is_flag=True,
    help="Only write the CSV files and print the neo4j-admin command (for a remote server).",
)
@click.option(
    "--replace", is_flag=True, help="Overwrite a database that is not empty (its data is lost)."
)
@click.option(
    "--batch-size",
    type=click.IntRange(1, 100_000),
    default=256,
    show_default=True,
    help="Decisions per embedding call.",
)
@pipeline_options
@click.pass_obj
def bulk_load_command(
    settings: Settings,
    paths: tuple[str, ...],
    csv_dir: str | None,
    csv_only: bool,
    replace: bool,
    batch_size: int,
    workers: int,
    quarantine_path: str | None,
    as_json: bool,
    quiet: bool,
) -> None:
    """First load of a large corpus: parse, embed, write CSV, `neo4j-admin database import`.

    For a new database of millions of decisions on a many-core machine, where neo4j-admin's
    parallel import can beat `imr ingest` (on 2 cores it measured 0.75x `imr ingest` at 100k
    decisions: BENCHMARKS.md); the graph is the same. The local server is stopped for the import
    and started again; the schema and indexes are built afterwards. A database that is not empty
    is refused (use `imr ingest` to add to it, or --replace). With NEO4J_URI (a server this
    machine does not run) use --csv-only and run the printed command on that server, then `imr
    schema apply`. Later `imr ingest` runs skip the bulk-loaded files. Documents that fail are
    reported and quarantined; the rest go on. Exit 0 when all went in, 1 when some documents
    failed, 2 on usage/configuration errors.

    \b
    Examples:
      imr bulk-load bench-data/corpus-1000000
      imr bulk-load letters/ dmhc/*.csv --csv-dir /data/imr-csv --json
      NEO4J_URI=neo4j://db:7687 imr bulk-load letters/ --csv-only --csv-dir /mnt/share/imr-csv
    """
    from imr.bulkload import bulk_load, check_target
    from imr.runtime import embedder_for
    from ingest.pipeline import IngestOptions, discover

    discover(paths)  # usage errors before the model and the server are touched
    server = check_target(settings, csv_only=csv_only, replace=replace)
    embedder = embedder_for(settings)
    drawer = ProgressDrawer(enabled=not quiet)

    def phase(message: str) -> None:
        if not quiet:
            click.echo(message, err=True)

    try:
        summary = bulk_load(
            settings,
            paths,
            embedder,
            csv_dir=Path(csv_dir) if csv_dir else None,
            csv_only=csv_only,
            replace=replace,
            options=IngestOptions(
                batch_size=batch_size,
                workers=workers,
                quarantine_path=Path(quarantine_path) if quarantine_path else None,
            ),
            progress=drawer,
            phase=phase,
            server=server,
        )
    finally:
        drawer.close()
    ingest = summary.ingest
    if as_json:
        click.echo(json.dumps(summary.to_json(), indent=2))
    else:
        for failure in ingest.failures:
            click.echo(
                f"Could not load '{failure.path}' ({failure.stage}): {failure.reason}", err=True
            )
        timings = ", ".join(f"{k} {v:.1f} s" for k, v in summary.timings_s.items())
        click.echo(
            f"{ingest.ingested} documents, {ingest.decisions} decisions, {ingest.failed} failed "
            f"({ingest.embeddings_computed} embeddings computed, {ingest.embeddings_cached} from "
            f"cache; {timings}; {summary.decisions_per_s:.0f} decisions/s)"
        )
        if summary.imported:
            click.echo("Imported into the local server; schema and indexes are ONLINE.")
        elif not csv_only:
            click.echo("Nothing was imported: no document could be loaded.")
        else:
            click.echo(f"CSV files in {summary.csv_dir}. On the server, with it stopped, run:")
            click.echo(summary.command)
            click.echo("then start it and run `imr schema apply` against it.")
        if ingest.quarantine:
            click.echo(f"Failures written to {ingest.quarantine}", err=True)
    raise SystemExit(1 if ingest.failed else 0)
