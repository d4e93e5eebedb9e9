"""`imr`: one command with subcommands over the library in graph/ and ingest/.

Exit codes: 0 ok · 1 some documents failed (or a check said no) · 2 usage or configuration error.
"""

from __future__ import annotations

import importlib
import logging
import sys
from typing import Any

import click
from neo4j.exceptions import ServiceUnavailable, SessionExpired

from graph.errors import (
    AuthenticationError,
    ConfigurationError,
    DatabaseUnavailableError,
    ImrError,
    InvalidRequestError,
)
from imr.settings import Settings

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2

# Errors that mean "fix your invocation or configuration", not "a document failed".
USAGE_ERRORS = (
    ConfigurationError,
    DatabaseUnavailableError,
    AuthenticationError,
    InvalidRequestError,
)

# (module, attribute) of every subcommand, in --help order. Imported lazily so that `imr --help`
# and `imr neo4j status` do not pay for torch.
SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "neo4j": ("imr.commands.neo4j_server", "neo4j_group"),
    "schema": ("imr.commands.schema", "schema_group"),
    "parse": ("imr.commands.parse", "parse_command"),
    "generate": ("imr.commands.generate", "generate_command"),
    "ingest": ("imr.commands.ingest", "ingest_command"),
    "bulk-load": ("imr.commands.bulk_load", "bulk_load_command"),
    "search": ("imr.commands.search", "search_command"),
    "similar": ("imr.commands.search", "similar_command"),
    "estimate": ("imr.commands.estimate", "estimate_command"),
    "cypher": ("imr.commands.cypher", "cypher_command"),
    "eval": ("imr.commands.evaluate", "eval_command"),
    "stats": ("imr.commands.stats", "stats_command"),
    "analytics": ("imr.commands.analytics", "analytics_command"),
    "export": ("imr.commands.backup", "export_command"),
    "import": ("imr.commands.backup", "import_command"),
    "ui": ("imr.commands.ui", "ui_command"),
}


class LazyGroup(click.Group):
    """Loads a subcommand's module only when it is run or listed."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name in SUBCOMMANDS if self.get_command(ctx, name) is not None]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = SUBCOMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attribute = target
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name == module_name:
                return None  # not built yet
            raise
        command: click.Command = getattr(module, attribute)
        return command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except USAGE_ERRORS as error:
            click.echo(f"Error: {error}", err=True)
            ctx.exit(EXIT_USAGE)
        except ImrError as error:
            click.echo(f"Error: {error}", err=True)
            ctx.exit(EXIT_FAILED)
        except (ServiceUnavailable, SessionExpired) as error:
            # A connection lost where no layer below translated it: still one clear line.
            click.echo(
                f"Error: Neo4j became unreachable ({type(error).__name__}); check it with "
                "`imr neo4j status` and run the command again",
                err=True,
            )
            ctx.exit(EXIT_USAGE)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as error:
            if logging.getLogger().isEnabledFor(logging.INFO):
                raise
            click.echo(
                f"Error: unexpected {type(error).__name__}: {error} (run with -v for details)",
                err=True,
            )
            ctx.exit(EXIT_FAILED)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", count=True, help="More logging (-vv for debug, Cypher included).")
@click.version_option(package_name="imr-precedent-graph", prog_name="imr")
@click.pass_context
def cli(ctx: click.Context, verbose: int) -> None:
    """IMR Precedent Graph: has this kind of treatment request been decided before?

    \b
    Quick start:
      imr neo4j start                      # local Neo4j 5.26, no Docker needed
      imr ingest data/sample               # letters (txt/pdf) and DMHC CSV into the graph
      imr search "lumbar MRI without red flags" --outcome overturned
      imr ui                               # the Streamlit app on http://localhost:8501

    Configuration comes from the environment or .env (NEO4J_URI, NEO4J_PASSWORD, IMR_HOME,
    IMR_EMBED_MODEL, ...; see .env.example).
    """
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if verbose < 2:
        # The driver's own retry warnings would bury the one-line error a user needs; -v shows them.
        logging.getLogger("neo4j").setLevel(logging.CRITICAL if verbose == 0 else logging.WARNING)
    try:
        ctx.obj = Settings.load()
    except ConfigurationError as error:
        click.echo(f"Error: {error}", err=True)
        ctx.exit(EXIT_USAGE)


def main() -> None:
    """The console script: every usage error is one line on stderr and exit code 2."""
    try:
        result = cli.main(prog_name="imr", standalone_mode=False)
    except click.UsageError as error:
        command = error.ctx.command_path if error.ctx else "imr"
        click.echo(f"Error: {error.format_message()} (see '{command} --help')", err=True)
        sys.exit(EXIT_USAGE)
    except click.ClickException as error:
        click.echo(f"Error: {error.format_message()}", err=True)
        sys.exit(error.exit_code)
    except click.exceptions.Exit as exit_:
        sys.exit(exit_.exit_code)
    except (KeyboardInterrupt, click.Abort):
        click.echo("Interrupted.", err=True)
        sys.exit(130)
    sys.exit(result if isinstance(result, int) else EXIT_OK)


if __name__ == "__main__":
    main()
