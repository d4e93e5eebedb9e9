"""`imr schema apply|show`."""

from __future__ import annotations

import json

import click

from graph.schema import ensure_schema, show_schema
from imr.runtime import connect
from imr.settings import Settings
from ingest.embed import model_dimensions


@click.group("schema")
def schema_group() -> None:
    """Constraints, the vector index and the full-text index.

    \b
    Examples:
      imr schema apply            # idempotent; ingest runs it too
      imr schema show --json
    """


@schema_group.command("apply")
@click.pass_obj
def apply_command(settings: Settings) -> None:
    """Create whatever is missing and wait until every index is ONLINE."""
    dimensions = model_dimensions(settings.embed_model)
    driver, info = connect(settings)
    with driver:
        report = ensure_schema(driver, info.database, dimensions)
    click.echo(
        f"schema ok: {len(report.constraints)} constraints, {len(report.indexes)} indexes "
        f"(vector dimension {dimensions})"
    )


@schema_group.command("show")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@click.pass_obj
def show_command(settings: Settings, as_json: bool) -> None:
    """List the constraints and indexes that exist."""
    driver, info = connect(settings)
    with driver:
        report = show_schema(driver, info.database)
    if as_json:
        click.echo(json.dumps(report.to_json(), indent=2, default=str))
        return
    for constraint in report.constraints:
        click.echo(f"constraint  {constraint['name']}")
    for index in report.indexes:
        click.echo(f"index       {index['name']:<40} {index['type']:<10} {index['state']}")
