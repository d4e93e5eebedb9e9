"""`imr search` and `imr similar`: precedent search from the command line."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

import click

from graph.search import MODES, OUTCOME_VALUES, PrecedentSearch, SearchFilters, SearchRequest
from graph.search import SearchResult as Result
from imr.runtime import connect, embedder_for
from imr.settings import Settings


def filter_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The filters every mode takes, shared by `search` and `similar`."""
    options = [
        click.option(
            "--outcome", type=click.Choice(OUTCOME_VALUES), help="upheld / overturned / ..."
        ),
        click.option("--category", help="Service category, e.g. 'physical medicine'."),
        click.option("--service", "service_filter", help="Canonical service, e.g. 'mri'."),
        click.option("--region", "region_filter", help="Body region, e.g. 'lumbar spine'."),
        click.option("--diagnosis", "diagnosis_filter", help="Diagnosis text contained."),
        click.option("--guideline", "guideline_filter", help="Guideline name contained, e.g. ODG."),
        click.option(
            "--from",
            "date_from",
            type=click.DateTime(["%Y-%m-%d"]),
            help="Decided on or after (YYYY-MM-DD).",
        ),
        click.option(
            "--to",
            "date_to",
            type=click.DateTime(["%Y-%m-%d"]),
            help="Decided on or before (YYYY-MM-DD).",
        ),
        click.option("--specialty", help="Reviewer specialty contained, e.g. Orthopedic."),
        click.option("--age-min", type=click.IntRange(0, 120)),
        click.option("--age-max", type=click.IntRange(0, 120)),
        click.option("--sex", type=click.Choice(["female", "male"])),
        click.option(
            "--source",
            type=click.Choice(["dwc", "dmhc"]),
            help="dwc = workers' comp letters, dmhc = health-plan open data.",
        ),
        click.option(
            "--k",
            type=click.IntRange(1, 1000),
            default=10,
            show_default=True,
            help="How many precedents.",
        ),
        click.option(
            "--stats",
            "with_stats",
            is_flag=True,
            help="Also print the precedent stats of the result set.",
        ),
        click.option("--json", "as_json", is_flag=True, help="Print JSON."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def build_filters(values: dict[str, Any]) -> SearchFilters:
    def as_date(value: Any) -> date | None:
        return value.date() if value is not None else None

    return SearchFilters(
        outcome=values.get("outcome"),
        category=values.get("category"),
        service=values.get("service_filter"),
        region=values.get("region_filter"),
        diagnosis=values.get("diagnosis_filter"),
        guideline=values.get("guideline_filter"),
        date_from=as_date(values.get("date_from")),
        date_to=as_date(values.get("date_to")),
        specialty=values.get("specialty"),
        age_min=values.get("age_min"),
        age_max=values.get("age_max"),
        sex=values.get("sex"),
        source=values.get("source"),
    )


def print_result(result: Result, as_json: bool, with_stats: bool) -> None:
    if as_json:
        click.echo(json.dumps(result.to_json(with_stats=with_stats), indent=2, default=str))
        return
    if with_stats:
        print_stats(result)
    if not result.hits:
        click.echo("No precedents found.")
    for rank, hit in enumerate(result.hits, 1):
        outcome = (hit.outcome or "?").upper()
        colour = "green" if hit.outcome and "overturned" in hit.outcome else "red"
        click.echo(
            f"{rank:>2}. {click.style(outcome, fg=colour, bold=True)}  {hit.service} "
            f"({hit.category}{', ' + hit.body_region if hit.body_region else ''})  "
            f"{hit.decision_date or '----'}  {hit.decision_id}  score {hit.score:.4f}"
        )
        click.echo(f"    {hit.item_text}")
        snippet = hit.snippet_highlighted.replace("**", "\x00")
        parts = snippet.split("\x00")
        click.echo(
            "    " + "".join(click.style(p, bold=True) if i % 2 else p for i, p in enumerate(parts))
        )
        parts_text = ", ".join(
            f"{name} {value:.3f}"
            for name, value in (
                ("semantic", hit.components.semantic),
                ("lexical", hit.components.lexical),
                ("graph", hit.components.graph),
            )
            if value is not None
        )
        shared = "; ".join(f"{k}: {', '.join(v)}" for k, v in hit.shared.items())
        click.echo(f"    [{parts_text}]" + (f"  shares {shared}" if shared else ""))
        click.echo(f"    source: {hit.source}")
    for note in result.notes:
        click.echo(f"note: {note}", err=True)


SOURCE_NAMES = {"dwc": "DWC workers' comp", "dmhc": "DMHC health plans"}


def print_stats(result: Result) -> None:
    stats = result.stats()
    if not stats.total:
        click.echo("Precedent stats: no relevant precedents (see the notes).")
        click.echo("")
        return
    click.echo(f"Precedent stats over these {stats.total} decisions, per source:")
    for source, outcomes in stats.sources.items():
        rate = stats.source_rates()[source]
        click.echo(
            f"  {SOURCE_NAMES.get(source, source)}: "
            + ", ".join(f"{k} {v}" for k, v in outcomes.items())
            + (f"  (overturn rate {rate:.0%})" if rate is not None else "")
        )
    for row in result.service_outcomes:
        if row.overturn_rate is not None:
            name = SOURCE_NAMES.get(row.source_kind, row.source_kind)
            click.echo(
                f"  every {row.service} decision, {name}: {row.total}"
                f"  (overturn rate {row.overturn_rate:.0%})"
            )
    for row in stats.guidelines[:5]:
        pages = f" p. {row['pages']}" if row["pages"] else ""
        click.echo(f"  cited {row['count']}x  {row['name']}{pages}")
    click.echo("  years: " + ", ".join(f"{y} {n}" for y, n in stats.years.items()))
    click.echo("")


@click.command("search")
@click.argument("query", required=False, default="")
@click.option("--mode", type=click.Choice(MODES), default="hybrid", show_default=True)
@click.option(
    "--rrf-k",
    type=click.IntRange(1, 10_000),
    default=60,
    show_default=True,
    help="Reciprocal-rank fusion constant (hybrid, graph+semantic).",
)
@click.option(
    "--pool",
    "candidate_pool",
    type=click.IntRange(1, 10_000),
    default=100,
    show_default=True,
    help="Candidates per list before fusion.",
)
@click.option(
    "--request-service",
    "request_service",
    help="graph mode: the requested service, e.g. 'lumbar MRI'.",
)
@click.option(
    "--request-diagnosis",
    "request_diagnoses",
    multiple=True,
    help="graph mode: a diagnosis of the request (repeatable).",
)
@click.option("--request-region", "request_region", help="graph mode: the body region.")
@click.option("--request-guideline", "request_guideline", help="graph mode: a guideline.")
@click.option("--no-semantic", is_flag=True, help="graph mode: do not fuse with semantics.")
@click.option(
    "--no-floor",
    is_flag=True,
    help="Keep hits below the relevance floor (see README, Search semantics).",
)
@filter_options
@click.pass_obj
def search_command(
    settings: Settings,
    query: str,
    mode: str,
    rrf_k: int,
    candidate_pool: int,
    request_service: str | None,
    request_diagnoses: tuple[str, ...],
    request_region: str | None,
    request_guideline: str | None,
    no_semantic: bool,
    no_floor: bool,
    k: int,
    with_stats: bool,
    as_json: bool,
    **filters: Any,
) -> None:
    """Find precedents: semantic, lexical, hybrid (default) or graph.

    Hits must pass a relevance floor: the service the query names, a semantic score of at least
    0.80, or half of the query's words (--no-floor keeps the rest). Stats are per source (DWC,
    DMHC) and include the named service's rate over all its decisions.

    \b
    Examples:
      imr search "12 sessions of physical therapy after lumbar fusion"
      imr search "knee (left) MRI" --mode lexical --outcome overturned --k 5 --json
      imr search --mode graph --request-service "lumbar MRI" \\
          --request-diagnosis "lumbar radiculopathy" --request-region "lumbar spine" --stats
      imr search "tramadol" --source dwc --from 2015-01-01 --to 2016-12-31 --age-min 40
    """
    request = SearchRequest(
        query=query,
        mode=mode,
        k=k,
        filters=build_filters(filters),
        service=request_service,
        diagnoses=request_diagnoses,
        region=request_region,
        guideline=request_guideline,
        fuse_semantic=not no_semantic,
        rrf_k=rrf_k,
        candidate_pool=candidate_pool,
        relevance_floor=not no_floor,
    )
    request.validate()  # usage errors before the model loads
    needs_model = mode != "lexical" and (query.strip() or mode == "graph")
    embedder = embedder_for(settings) if needs_model else None
    driver, info = connect(settings)
    with driver:
        result = PrecedentSearch(driver, info.database, embedder).search(request)
    print_result(result, as_json, with_stats)


@click.command("similar")
@click.argument("decision_id")
@click.option("--no-semantic", is_flag=True, help="Graph overlap only, no semantic fusion.")
@filter_options
@click.pass_obj
def similar_command(
    settings: Settings,
    decision_id: str,
    no_semantic: bool,
    k: int,
    with_stats: bool,
    as_json: bool,
    **filters: Any,
) -> None:
    """Precedents for a decision already in the graph (graph mode).

    Decisions that share its service, category, diagnoses, body region and guidelines, weighted,
    fused with the semantic similarity of the rationales.

    \b
    Examples:
      imr similar CM13-0012345:1
      imr similar CM13-0012345:1 --outcome overturned --k 3 --json
    """
    driver, info = connect(settings)
    with driver:
        result = PrecedentSearch(driver, info.database, None).similar(
            decision_id, k=k, filters=build_filters(filters), fuse_semantic=not no_semantic
        )
    print_result(result, as_json, with_stats)
