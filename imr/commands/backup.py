"""`imr export DIR` / `imr import DIR`: the logical backup."""

from __future__ import annotations

import json
from pathlib import Path

import click

from graph.backup import canonical_hash, export_graph, import_graph
from graph.schema import ensure_schema
from imr.runtime import connect
from imr.settings import Settings
from ingest.embed import model_dimensions


@click.command("export")
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the manifest as JSON.")
@click.pass_obj
def export_command(settings: Settings, out_dir: Path, as_json: bool) -> None:
    """Write a logical dump: cases, decisions (with embeddings), source files, a manifest.

    \b
    Examples:
      imr export backups/2026-11-27
      imr export /tmp/dump --json
    """
    driver, info = connect(settings)
    with driver:
        manifest = export_graph(driver, info.database, out_dir)
        digest = canonical_hash(driver, info.database)
    if as_json:
        click.echo(json.dumps({**manifest.__dict__, "canonical_hash": digest}, indent=2))
        return
    counts = ", ".join(f"{n} {name.removesuffix('.jsonl')}" for name, n in manifest.counts.items())
    click.echo(f"exported {counts} to {out_dir} (graph hash {digest[:16]})")


@click.command("import")
@click.argument("in_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@click.pass_obj
def import_command(settings: Settings, in_dir: Path, as_json: bool) -> None:
    """Rebuild an EMPTY database from an `imr export` folder (checksums verified first).

    \b
    Examples:
      imr import backups/2026-11-27
    """
    driver, info = connect(settings)
    with driver:
        ensure_schema(driver, info.database, model_dimensions(settings.embed_model))
        counts = import_graph(driver, info.database, in_dir)
        digest = canonical_hash(driver, info.database)
    if as_json:
        click.echo(json.dumps({**counts, "canonical_hash": digest}, indent=2))
        return
    click.echo(
        f"imported {counts['cases']} cases, {counts['decisions']} decisions "
        f"(graph hash {digest[:16]})"
    )
