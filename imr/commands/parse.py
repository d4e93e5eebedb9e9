"""`imr parse FILE...`: parse letters and DMHC CSV exports without touching the database."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import click

from ingest.parse import SUFFIXES, parse_path
from ingest.records import ParsedDocument, ParseFailure

EXIT_OK = 0
EXIT_FAILED = 1


def _expand(paths: Iterable[Path]) -> list[Path]:
    """Files as given; a directory stands for the .txt/.pdf/.csv files under it (sorted)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES))
        else:
            files.append(path)
    return files


def _outcomes(document: ParsedDocument) -> str:
    return ", ".join(item.outcome or "?" for item in document.items)


def _table(results: list[ParsedDocument | ParseFailure]) -> list[str]:
    rows = [("SOURCE", "LAYOUT", "CASE ID", "ITEMS", "OUTCOME(S)", "WARNINGS")]
    for result in results:
        if isinstance(result, ParseFailure):
            rows.append((result.source, "FAILED", "-", "-", result.error, "-"))
        else:
            rows.append(
                (
                    result.source,
                    result.layout,
                    result.case_id or "-",
                    str(len(result.items)),
                    _outcomes(result),
                    str(len(result.warnings)),
                )
            )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    return [
        "  ".join(cell.ljust(width) for cell, width in zip(row[:-1], widths, strict=True))
        + "  "
        + row[-1]
        for row in rows
    ]


@click.command("parse")
@click.argument(
    "files",
    nargs=-1,
    required=True,
    type=click.Path(exists=True, file_okay=True, dir_okay=True, path_type=Path),
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array, one object per record.")
def parse_command(files: tuple[Path, ...], as_json: bool) -> None:
    """Parse IMR letters (.txt, .pdf) and DMHC exports (.csv) into records; nothing is stored.

    A directory stands for the .txt/.pdf/.csv files under it. Each letter gives one record, each
    CSV row one record; a document that cannot be parsed gives {"source": ..., "error": ...}.
    Exit status 1 when any document failed.

    \b
    Examples:
      imr parse letters/CM13-0012345.txt
      imr parse letters/ dmhc.csv --json > records.json
    """
    results: list[ParsedDocument | ParseFailure] = []
    for path in _expand(files):
        results.extend(parse_path(path))
    if as_json:
        click.echo(json.dumps([r.to_json() for r in results], indent=2, ensure_ascii=False))
    else:
        for line in _table(results):
            click.echo(line)
        failed = sum(isinstance(r, ParseFailure) for r in results)
        click.echo(f"{len(results) - failed} parsed, {failed} failed")
    if any(isinstance(r, ParseFailure) for r in results):
        raise SystemExit(EXIT_FAILED)
