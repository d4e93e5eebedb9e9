"""Drawing ingest progress: a live line on a terminal, periodic log lines otherwise."""

from __future__ import annotations

import sys
import time

import click

from ingest.pipeline import Progress


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "--:--"
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def describe(progress: Progress) -> str:
    return (
        f"{progress.files_done}/{progress.files_total} files  "
        f"{progress.documents_ingested} ingested  {progress.documents_skipped} skipped  "
        f"{progress.documents_failed} failed  {progress.documents_per_s:.1f} docs/s  "
        f"ETA {_duration(progress.eta_s)}"
    )


class ProgressDrawer:
    """Callable handed to the ingest job; the job itself never draws."""

    def __init__(self, enabled: bool = True, log_every_s: float = 5.0) -> None:
        self.enabled = enabled
        self.is_tty = sys.stderr.isatty()
        self.log_every_s = log_every_s
        self._last = 0.0

    def __call__(self, progress: Progress) -> None:
        if not self.enabled:
            return
        if self.is_tty:
            width = 24
            share = progress.files_done / progress.files_total if progress.files_total else 1.0
            bar = "#" * int(share * width)
            click.echo(f"\r[{bar:<{width}}] {describe(progress)}\033[K", nl=False, err=True)
            return
        now = time.monotonic()
        if now - self._last >= self.log_every_s or progress.files_done == progress.files_total:
            self._last = now
            click.echo(f"ingest: {describe(progress)}", err=True)

    def close(self) -> None:
        if self.enabled and self.is_tty:
            click.echo("", err=True)
