"""`imr estimate`: how did the nearest relevant precedents of a described request come out?"""

from __future__ import annotations

import json

import click

from graph.estimate import (
    DEFAULT_K,
    MAX_K,
    MIN_NEIGHBOURS,
    EstimateReport,
    EstimateRequest,
    OutcomeEstimate,
    estimate_outcome,
)
from imr.commands.search import SOURCE_NAMES
from imr.runtime import connect, embedder_for
from imr.settings import Settings


@click.command("estimate")
@click.argument("text", required=False, default="")
@click.option("--service", help="The requested service, e.g. 'physical therapy', 'lumbar MRI'.")
@click.option("--region", help="Body region, e.g. 'lumbar spine', 'knee'.")
@click.option("--diagnosis", help="A diagnosis of the request, e.g. 'lumbar radiculopathy'.")
@click.option(
    "--source",
    type=click.Choice(["dwc", "dmhc"]),
    help="Only one system. Default: DWC and DMHC, each separately.",
)
@click.option(
    "--k",
    type=click.IntRange(1, MAX_K),
    default=DEFAULT_K,
    show_default=True,
    help="Nearest precedents per source.",
)
@click.option(
    "--min-neighbours",
    type=click.IntRange(1, MAX_K),
    default=MIN_NEIGHBOURS,
    show_default=True,
    help="Fewer relevant precedents than this: 'insufficient precedent'.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def estimate_command(
    settings: Settings,
    text: str,
    service: str | None,
    region: str | None,
    diagnosis: str | None,
    source: str | None,
    k: int,
    min_neighbours: int,
    as_json: bool,
) -> None:
    """Estimate the outcome of a treatment request from its nearest relevant precedents.

    Prints, per source, the similarity-weighted share of overturned precedents with a 95 %
    Wilson interval (on the effective number of precedents), the base rate of the service over
    every decision of that source, and every precedent used. With too few relevant precedents
    it says "insufficient precedent" and why.

    \b
    Examples:
      imr estimate "12 PT visits lumbar spine after fusion"
      imr estimate --service acupuncture --region "cervical spine" --source dwc
      imr estimate "MRI of the knee, no red flags" --diagnosis "meniscus tear" --k 40 --json
    """
    request = EstimateRequest(
        text=text, service=service, region=region, diagnosis=diagnosis, source=source
    )
    request.validate()  # usage errors before the model loads
    embedder = embedder_for(settings)
    driver, info = connect(settings)
    with driver:
        report = estimate_outcome(
            driver, info.database, embedder, request, k=k, min_neighbours=min_neighbours
        )
    if as_json:
        click.echo(json.dumps(report.to_json(), indent=2, default=str))
        return
    print_report(report)


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0%}"


def print_report(report: EstimateReport) -> None:
    fields = (("service", report.service), ("region", report.region))
    described = ", ".join(f"{name} {value}" for name, value in fields if value)
    line = f"Request: {report.request.embedding_text()}"
    click.echo(line + (f"  [{described}]" if described else ""))
    for estimate in report.estimates:
        click.echo("")
        print_estimate(estimate)
    for note in report.notes:
        click.echo(f"note: {note}", err=True)


def print_estimate(estimate: OutcomeEstimate) -> None:
    name = SOURCE_NAMES.get(estimate.source_kind, estimate.source_kind)
    click.echo(click.style(name, bold=True))
    if estimate.sufficient:
        click.echo(
            f"  {_percent(estimate.weighted_overturn_rate)} overturned (similarity-weighted), "
            f"95% interval {_percent(estimate.interval_low)}–{_percent(estimate.interval_high)} "
            f"over {estimate.n_relevant} precedents (effective n {estimate.effective_n:g})"
        )
    else:
        click.echo(click.style(f"  {estimate.reason}", fg="yellow"))
    base = estimate.base_rate
    if base is not None:
        scope = f"every {base.service} decision" if base.service else "every decision"
        click.echo(
            f"  base rate: {_percent(base.overturn_rate)} overturned over {scope} ({base.n})"
        )
    click.echo(
        f"  estimate: {_percent(estimate.prediction)} "
        + ("(precedents smoothed toward the base rate)" if estimate.sufficient else "(base rate)")
    )
    for rank, n in enumerate(estimate.neighbours, 1):
        outcome = (n.outcome or "?").upper()
        colour = "green" if n.outcome and "overturned" in n.outcome else "red"
        click.echo(
            f"  {rank:>2}. {click.style(outcome, fg=colour)}  {n.decision_id}  "
            f"similarity {n.similarity:.2f} weight {n.weight:.2f}  {n.service}"
            f"{', ' + n.body_region if n.body_region else ''}  {n.decision_date or '----'}"
        )
