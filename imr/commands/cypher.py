"""`imr cypher`: the read-only console from the command line."""

from __future__ import annotations

import json
from typing import Any

import click

from graph.console import DEFAULT_ROW_LIMIT, DEFAULT_TIMEOUT_S, parse_parameters, run_read_only
from graph.errors import InvalidRequestError
from imr.runtime import connect
from imr.settings import Settings


def parse_param(text: str) -> dict[str, Any]:
    """`NAME=VALUE`, read as graph.console.parse_parameters reads one line."""
    refusal = click.BadParameter(f"expected NAME=VALUE, got {text!r}", param_hint="--param")
    if "\n" in text or text.lstrip().startswith("{"):
        raise refusal
    try:
        return parse_parameters(text)
    except InvalidRequestError as error:
        raise refusal from error


@click.command("cypher")
@click.argument("query")
@click.option("--param", "params", multiple=True, help="A query parameter NAME=VALUE (repeatable).")
@click.option(
    "--timeout",
    "timeout_s",
    type=click.FloatRange(0.1, 600),
    default=DEFAULT_TIMEOUT_S,
    show_default=True,
    help="Server-side time limit in seconds.",
)
@click.option(
    "--limit",
    "row_limit",
    type=click.IntRange(1, 100_000),
    default=DEFAULT_ROW_LIMIT,
    show_default=True,
    help="Row cap; truncation is reported.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def cypher_command(
    settings: Settings,
    query: str,
    params: tuple[str, ...],
    timeout_s: float,
    row_limit: int,
    as_json: bool,
) -> None:
    """Run a READ-ONLY Cypher query (writes, schema and admin commands are refused).

    \b
    Examples:
      imr cypher "MATCH (d:Decision) RETURN d.outcome AS outcome, count(*) AS n"
      imr cypher "MATCH (d:Decision {service: \\$s}) RETURN d.decision_id LIMIT 5" --param s=mri
      imr cypher "MATCH (d:Decision) RETURN d" --limit 20 --timeout 5 --json
    """
    parameters: dict[str, Any] = {}
    for text in params:
        parameters.update(parse_param(text))
    driver, info = connect(settings)
    with driver:
        result = run_read_only(
            driver, info.database, query, parameters, timeout_s=timeout_s, row_limit=row_limit
        )
    if as_json:
        click.echo(json.dumps(result.to_json(), indent=2, default=str))
        return
    click.echo("\t".join(result.columns))
    for row in result.rows:
        click.echo("\t".join(json.dumps(row[c], default=str) for c in result.columns))
    footer = f"{len(result.rows)} rows"
    if result.truncated:
        footer += f" (truncated at the row limit {result.row_limit}; raise it with --limit)"
    click.echo(footer, err=True)
