"""`imr parse FILE...`: parse letters and DMHC CSV exports without touching the database."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import click

from ingest.parse import LETTER_SUFFIXES, SUFFIXES, explain_path, parse_path
from ingest.parsers.letter import Explanation
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


def explain_lines(explanation: Explanation) -> list[str]:
    """The human-readable --explain report of one letter."""
    e = explanation
    lines = [f"== {e.source}"]
    lines.append(f"layout: {e.layout or '-'}")
    for score in e.scores:
        evidence = ", ".join(score.evidence) or "no evidence"
        lines.append(f"  score {score.layout}: {score.score} ({evidence})")
    lines.append(f"sections: {len(e.sections)}")
    for s in e.sections:
        lines.append(
            f"  line {s['line']} (offset {s['offset']}): {s['name']} [{s['kind']}] {s['heading']!r}"
        )
    lines.append("strategies:")
    for r in e.strategies:
        verdict = f"{r.items} item(s)" if r.items is not None else f"rejected: {r.reason}"
        lines.append(f"  {r.name}: {verdict}")
    lines.append(f"items: {len(e.items)}")
    for item in e.items:
        lines.append(
            f"  {item['number']}. {item['text']!r} -> {item['outcome'] or 'no outcome'}"
            f" (from {item['outcome_from'] or 'nowhere'})"
        )
    for warning in e.warnings:
        lines.append(f"warning: {warning}")
    lines.append(f"rejected: {e.rejected}" if e.rejected else "parsed")
    return lines


def _explain(files: list[Path], as_json: bool) -> None:
    letters = [p for p in files if p.suffix.lower() in LETTER_SUFFIXES]
    explanations = [explain_path(path) for path in letters]
    if as_json:
        click.echo(json.dumps([e.to_json() for e in explanations], indent=2, ensure_ascii=False))
    else:
        for explanation in explanations:
            for line in explain_lines(explanation):
                click.echo(line)
    skipped = [p for p in files if p not in letters]
    for path in skipped:
        click.echo(f"{path}: --explain is for letters (.txt, .pdf); skipped", err=True)
    if any(e.rejected for e in explanations):
        raise SystemExit(EXIT_FAILED)


@click.command("parse")
@click.argument(
    "files",
    nargs=-1,
    required=True,
    type=click.Path(exists=True, file_okay=True, dir_okay=True, path_type=Path),
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array, one object per record.")
@click.option(
    "--explain",
    is_flag=True,
    help="For each letter: layout scores and their evidence, sections found, item strategies "
    "tried and why they were rejected, items and where each outcome came from, why a letter "
    "was rejected. With --json: the same as JSON.",
)
def parse_command(files: tuple[Path, ...], as_json: bool, explain: bool) -> None:
    """Parse IMR letters (.txt, .pdf) and DMHC exports (.csv) into records; nothing is stored.

    A directory stands for the .txt/.pdf/.csv files under it. Each letter gives one record, each
    CSV row one record; a document that cannot be parsed gives {"source": ..., "error": ...}.
    Exit status 1 when any document failed.

    \b
    Examples:
      imr parse letters/CM13-0012345.txt
      imr parse letters/ dmhc.csv --json > records.json
      imr parse --explain letters/CM13-0012345.txt
    """
    if explain:
        _explain(_expand(files), as_json)
        return
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
