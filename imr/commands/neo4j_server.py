"""`imr neo4j start|stop|status`: the local Neo4j server under IMR_HOME."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict

import click

from graph.connection import open_driver, wait_until_ready
from graph.errors import ImrError
from graph.overview import server_version
from imr.localserver import LocalServer, ServerStatus
from imr.settings import Settings


def _version_probe(server: LocalServer) -> Callable[[], str | None]:
    def probe() -> str | None:
        uri = server.uri()
        if not uri:
            return None
        user, password = server.credentials()
        try:
            driver = open_driver(uri, user, password)
        except ImrError:
            return None
        with driver:
            return server_version(driver)

    return probe


def _print_status(status: ServerStatus, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(asdict(status), indent=2))
    elif status.running:
        click.echo(f"running  {status.uri}  Neo4j {status.version or '?'}  pid {status.pid}")
        click.echo(f"home     {status.home}")
    else:
        click.echo(f"stopped  (home {status.home})")


@click.group("neo4j")
def neo4j_group() -> None:
    """Run the local Neo4j 5.26 Community server (no Docker needed).

    \b
    Examples:
      imr neo4j start             # fetch from Maven Central on first use, start, wait for Bolt
      imr neo4j status --json     # URI, version, PID
      IMR_HOME=/tmp/other imr neo4j start   # a second, independent server
      imr neo4j stop
    """


@neo4j_group.command("start")
@click.option("--json", "as_json", is_flag=True, help="Print the status as JSON.")
@click.pass_obj
def start_command(settings: Settings, as_json: bool) -> None:
    """Start the local server (or report the one already running)."""
    server = LocalServer(settings)
    server.start(wait_until_ready, progress=lambda message: click.echo(message, err=True))
    _print_status(server.status(_version_probe(server)), as_json)


@neo4j_group.command("stop")
@click.pass_obj
def stop_command(settings: Settings) -> None:
    """Stop the local server."""
    stopped = LocalServer(settings).stop()
    click.echo("stopped" if stopped else "not running")


@neo4j_group.command("status")
@click.option("--json", "as_json", is_flag=True, help="Print the status as JSON.")
@click.pass_obj
def status_command(settings: Settings, as_json: bool) -> None:
    """Is the local server running? Exit 0 if it is, 1 if not."""
    server = LocalServer(settings)
    status = server.status(_version_probe(server))
    _print_status(status, as_json)
    raise SystemExit(0 if status.running else 1)
