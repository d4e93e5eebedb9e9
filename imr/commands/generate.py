"""`imr generate`: write a synthetic sample corpus (letters, PDFs, DMHC CSV, ground truth)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ingest.generate import LETTER_LAYOUTS, generate_corpus


def _layouts(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[str, ...]:
    if not value:
        return LETTER_LAYOUTS
    names = tuple(dict.fromkeys(v.strip() for v in value.split(",") if v.strip()))
    unknown = [name for name in names if name not in LETTER_LAYOUTS]
    if unknown or not names:
        problem = f"unknown layout {unknown[0]!r}" if unknown else "no layout given"
        choices = ", ".join(LETTER_LAYOUTS)
        raise click.BadParameter(f"{problem} (choose from {choices})", ctx=ctx, param=param)
    return names


def _draw_progress(done: int, total: int) -> None:
    click.echo(f"\rgenerate: {done}/{total} letters\033[K", nl=False, err=True)


@click.command("generate")
@click.option("--n", "n", type=click.IntRange(min=1), required=True, help="Number of letters.")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed.")
@click.option(
    "--out",
    "out",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Output folder (created; its letters/ is replaced).",
)
@click.option(
    "--layouts",
    callback=_layouts,
    help="Comma-separated letter layouts to draw from [default: all four].",
)
@click.option(
    "--pdf-fraction",
    type=click.FloatRange(0.0, 1.0),
    default=0.0,
    show_default=True,
    help="Share of letters written as PDF instead of .txt.",
)
@click.option(
    "--dmhc-rows",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Rows of DMHC-style CSV (dmhc.csv).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def generate_command(
    n: int,
    seed: int,
    out: Path,
    layouts: tuple[str, ...],
    pdf_fraction: float,
    dmhc_rows: int,
    as_json: bool,
) -> None:
    """Write a synthetic corpus of IMR letters with ground truth, for tests, demos and benchmarks.

    OUT gets letters/*.txt and letters/*.pdf (the four workers' comp layouts of docs/layouts.md),
    dmhc.csv (DMHC open-data columns), truth.jsonl (one ParsedDocument per letter or CSV row)
    and manifest.json (counts, seed, generator version). The same --seed gives byte-identical
    files. The letters are written for this project; none is a real determination.

    \b
    Examples:
      imr generate --n 300 --seed 7 --out data/sample --pdf-fraction 0.03 --dmhc-rows 80
      imr generate --n 100000 --seed 1 --out bench-data --layouts dwc-final-determination --json
    """
    progress = _draw_progress if sys.stderr.isatty() and not as_json else None
    summary = generate_corpus(
        n=n,
        seed=seed,
        out_dir=out,
        layouts=layouts,
        pdf_fraction=pdf_fraction,
        dmhc_rows=dmhc_rows,
        progress=progress,
    )
    if progress is not None:
        click.echo("", err=True)
    if as_json:
        click.echo(json.dumps(summary.to_json(), indent=2))
        return
    outcomes = ", ".join(f"{count} {name}" for name, count in summary.by_outcome.items())
    click.echo(
        f"{summary.letters} letters ({summary.txt} txt, {summary.pdf} pdf), {summary.items} items "
        f"({outcomes}), {summary.dmhc_rows} DMHC rows -> {out} in {summary.seconds:.1f}s"
    )
