"""`imr stats`: what the graph holds."""

from __future__ import annotations

import json
from dataclasses import asdict

import click

from graph.overview import graph_overview
from imr.runtime import connect
from imr.settings import Settings


@click.command("stats")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def stats_command(settings: Settings, as_json: bool) -> None:
    """Counts of nodes per label, relationships per type, decisions per outcome.

    \b
    Examples:
      imr stats
      imr stats --json | jq .labels.Decision
    """
    driver, info = connect(settings)
    with driver:
        overview = graph_overview(driver, info.database)
    if as_json:
        click.echo(json.dumps(asdict(overview), indent=2))
        return
    for title, counts in (
        ("nodes", overview.labels),
        ("relationships", overview.relationships),
        ("outcomes", overview.outcomes),
    ):
        click.echo(f"{title}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
