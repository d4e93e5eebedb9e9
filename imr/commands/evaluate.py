"""`imr eval QUERIES.jsonl`: retrieval quality of each search mode."""

from __future__ import annotations

import json
from pathlib import Path

import click

from graph.evaluation import evaluate, load_queries
from graph.search import MODES, PrecedentSearch
from imr.runtime import connect, embedder_for
from imr.settings import Settings


@click.command("eval")
@click.argument("queries_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--mode",
    "modes",
    type=click.Choice(MODES),
    multiple=True,
    help="Mode(s) to evaluate (repeatable). Default: all four.",
)
@click.option("--k", type=click.IntRange(1, 100), default=10, show_default=True)
@click.option("--no-floor", is_flag=True, help="Search without the relevance floor.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def eval_command(
    settings: Settings,
    queries_file: Path,
    modes: tuple[str, ...],
    k: int,
    no_floor: bool,
    as_json: bool,
) -> None:
    """Compute recall@k, MRR and nDCG@k of each mode over a JSONL query file.

    Each line: {"query": "...", "relevant": ["CM15-0012345:1", ...] or {"id": grade},
    "filters": {"outcome": "upheld"}, "service"/"region"/"diagnoses" for graph mode}.

    \b
    Examples:
      imr eval data/eval/queries.jsonl
      imr eval queries.jsonl --mode hybrid --mode semantic --k 10 --json
      imr eval tests/fixtures/judged-queries.jsonl   # over data/sample
    """
    queries = load_queries(queries_file)
    embedder = embedder_for(settings)
    driver, info = connect(settings)
    searcher = PrecedentSearch(driver, info.database, embedder)
    with driver:
        scores = [
            evaluate(searcher.search, queries, mode, k, relevance_floor=not no_floor)
            for mode in (modes or MODES)
        ]
    if as_json:
        click.echo(json.dumps([s.to_json() for s in scores], indent=2))
        return
    click.echo(f"{'mode':<10}{'queries':>8}{f'recall@{k}':>12}{'MRR':>8}{f'nDCG@{k}':>10}")
    for s in scores:
        click.echo(
            f"{s.mode:<10}{s.queries:>8}{s.recall_at_k:>12.3f}{s.mrr:>8.3f}{s.ndcg_at_k:>10.3f}"
        )
