"""`imr ui`: the Streamlit app (ui/app.py)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import click

import ui

APP = Path(ui.__file__).resolve().parent / "app.py"
# Streamlit reads .streamlit/config.toml (theme, toolbar) from its working directory: the source
# checkout's root, or for an installed copy the directory `imr ui` is run from.
ROOT = APP.parents[1]


def working_directory() -> Path:
    return ROOT if (ROOT / ".streamlit").is_dir() else Path.cwd()


def streamlit_command(port: int, address: str, headless: bool) -> list[str]:
    from ui.uploads import MAX_FILE_MB

    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(APP),
        "--server.port",
        str(port),
        "--server.address",
        address,
        "--server.headless",
        "true" if headless else "false",
        "--browser.gatherUsageStats",
        "false",
        "--server.maxUploadSize",
        str(MAX_FILE_MB),
    ]


@click.command("ui")
@click.option(
    "--port",
    type=click.IntRange(1, 65535),
    default=8501,
    show_default=True,
    help="Port to serve on.",
)
@click.option(
    "--address",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. The default serves this machine only; 0.0.0.0 exposes the app "
    "(and the letters in the graph) to the network.",
)
@click.option(
    "--headless/--open-browser",
    default=True,
    show_default=True,
    help="Headless (the default) opens no browser and never stops to ask Streamlit's first-run "
    "e-mail question, which would hang `make run` on a fresh machine.",
)
def ui_command(port: int, address: str, headless: bool) -> None:
    """Serve the precedent-search app (search, decision, analytics, Cypher console, ingest).

    It uses the same configuration as the CLI (NEO4J_URI or the local server under IMR_HOME).

    \b
    Examples:
      imr ui                       # http://127.0.0.1:8501
      imr ui --port 8600 --open-browser
    """
    from ingest.pipeline import die_with_parent

    command = streamlit_command(port, address, headless)
    parent = os.getpid()
    # `kill <pid of imr ui>` ends this process without cleanup; Streamlit gets the same SIGTERM
    # from the kernel, or it would go on serving on the port.
    completed = subprocess.run(
        command,
        cwd=working_directory(),
        check=False,
        preexec_fn=lambda: die_with_parent(parent, signal.SIGTERM),
    )
    sys.exit(completed.returncode)
