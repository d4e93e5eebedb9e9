"""`imr analytics SERVICE`: the guidelines behind one service's upheld and overturned decisions,
and its overturn rate by decision year and reviewer specialty."""

from __future__ import annotations

import json
from pathlib import Path

import click

from graph.analytics import OutcomeRate, ServiceAnalytics, csv_text, service_analytics
from imr.runtime import connect
from imr.settings import Settings


def export_csv(report: ServiceAnalytics, folder: Path) -> list[Path]:
    """One CSV per table, named after the service (e.g. acupuncture-guidelines.csv)."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = report.file_stem
    written = []
    for table, rows in report.tables().items():
        path = folder / f"{stem}-{table.replace('_', '-')}.csv"
        path.write_text(csv_text(rows), encoding="utf-8")
        written.append(path)
    return written


def _rate_line(row: OutcomeRate) -> str:
    return f"  {row.key:<40} {row.total:>6} {row.overturned + row.partially_overturned:>10} " + (
        f"{row.overturn_rate:>8.0%}"
    )


def print_report(report: ServiceAnalytics) -> None:
    overall = report.outcomes
    click.echo(
        f"{report.service} ({report.category or 'no category'}): {overall.total} decisions, "
        f"{overall.upheld} upheld, {overall.overturned + overall.partially_overturned} "
        f"overturned ({overall.overturn_rate:.0%})"
    )
    click.echo("\nguidelines cited (pages as written)           by          upheld  overturned")
    for use in report.guidelines:
        name = use.guideline + (f", p. {use.pages}" if use.pages else "")
        click.echo(
            f"  {name[:44]:<44} {use.cited_by or '?':<11} {use.upheld:>6} "
            f"{use.overturned + use.partially_overturned:>10}"
        )
    for title, rows in (("year", report.by_year), ("reviewer specialty", report.by_specialty)):
        click.echo(f"\nby {title:<38}   n overturned     rate")
        for row in rows:
            click.echo(_rate_line(row))


@click.command("analytics")
@click.argument("service")
@click.option(
    "--source",
    type=click.Choice(["dwc", "dmhc"]),
    help="Only workers' comp letters (dwc) or DMHC health-plan decisions (dmhc).",
)
@click.option(
    "--csv",
    "csv_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Also write the tables as CSV files into this folder.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of tables.")
@click.pass_obj
def analytics_command(
    settings: Settings, service: str, source: str | None, csv_dir: Path | None, as_json: bool
) -> None:
    """Guidelines cited in SERVICE's upheld vs overturned decisions (pages as written, by the
    reviewer or the claims administrator), and its overturn rate by year and reviewer specialty.

    SERVICE is a canonical service name or any spelling the normaliser knows ("PT" means
    physical therapy); an unknown one is refused with the closest names in the graph.

    \b
    Examples:
      imr analytics acupuncture
      imr analytics "physical therapy" --source dwc --csv exports/
      imr analytics mri --json | jq '.guidelines[0]'
    """
    driver, info = connect(settings)
    with driver:
        report = service_analytics(driver, info.database, service, source=source)
    written = export_csv(report, csv_dir) if csv_dir is not None else []
    if as_json:
        click.echo(json.dumps(report.to_json(), indent=2))
    else:
        print_report(report)
    for path in written:
        click.echo(f"wrote {path}", err=as_json)
