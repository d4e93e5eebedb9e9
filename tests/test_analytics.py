"""Per-service analytics against the real Neo4j: guideline citations by outcome, overturn rates by
year and reviewer specialty, the service name resolution and `imr analytics` (CSV and JSON).

The expected numbers are computed here from the parsed records of the very files the pipeline
loaded (ingest.parse.parse_path), never written down by hand.
"""

from __future__ import annotations

import csv
import json
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.analytics import csv_text, resolve_service, service_analytics, spreadsheet_safe
from graph.errors import InvalidRequestError, NotFoundError
from imr.cli import cli
from ingest.load import unique_citations
from ingest.parse import parse_path
from ingest.pipeline import discover
from ingest.records import ParsedDocument

OUTCOME_FIELDS = ("upheld", "overturned", "partially overturned")


@pytest.fixture(scope="module")
def documents(corpus_graph, corpus):
    parsed = [
        result
        for path in discover([str(corpus)])
        for result in parse_path(path)
        if isinstance(result, ParsedDocument)
    ]
    case_ids = [d.case_id for d in parsed]
    assert len(case_ids) == len(set(case_ids)), "one document per case, as the graph holds them"
    return parsed


def items_of(documents, service: str, source: str | None = None):
    for document in documents:
        kind = "dmhc" if document.layout == "dmhc-csv" else "dwc"
        if source and kind != source:
            continue
        for item in document.items:
            if item.service == service:
                yield document, item


def busiest_service(documents) -> str:
    """The service with the most decisions of both outcomes (the most to count)."""
    outcomes: dict[str, Counter] = defaultdict(Counter)
    for document in documents:
        for item in document.items:
            outcomes[item.service][item.outcome] += 1
    return max(outcomes, key=lambda s: (min(outcomes[s]["upheld"], outcomes[s]["overturned"]), s))


def outcome_counter(pairs) -> dict[str, Counter]:
    return {key: Counter(outcomes) for key, outcomes in pairs.items()}


def expected_tables(documents, service: str, source: str | None = None):
    guidelines: dict[tuple, list[str]] = defaultdict(list)
    years: dict[str, list[str]] = defaultdict(list)
    specialties: dict[str, list[str]] = defaultdict(list)
    for document, item in items_of(documents, service, source):
        for citation in unique_citations(item.guidelines):
            key = (citation["name"], citation["pages"], citation["cited_by"])
            guidelines[key].append(item.outcome)
        if document.decision_date:
            years[document.decision_date[:4]].append(item.outcome)
        if document.reviewer.specialty:
            specialties[document.reviewer.specialty].append(item.outcome)
    return outcome_counter(guidelines), outcome_counter(years), outcome_counter(specialties)


def as_counters(rows, key) -> dict:
    return {
        key(row): Counter(
            {
                o: n
                for o, n in zip(
                    OUTCOME_FIELDS,
                    (row["upheld"], row["overturned"], row["partially_overturned"]),
                    strict=True,
                )
                if n
            }
        )
        for row in rows
    }


@pytest.mark.parametrize("source", [None, "dwc"])
def test_guideline_and_rate_counts_match_the_parsed_letters(
    empty_graph, database, documents, source
):
    service = busiest_service(documents)
    report = service_analytics(empty_graph, database, service, source=source)
    guidelines, years, specialties = expected_tables(documents, service, source)
    assert guidelines, "the busiest service cites guidelines"
    tables = report.tables()
    got_guidelines = as_counters(
        tables["guidelines"], lambda r: (r["guideline"], r["pages"], r["cited_by"])
    )
    assert got_guidelines == guidelines
    assert as_counters(tables["by_year"], lambda r: r["year"]) == years
    assert as_counters(tables["by_specialty"], lambda r: r["specialty"]) == specialties
    # Both who-cited kinds are told apart, and every row's rate is its own overturned share.
    assert {r["cited_by"] for r in tables["guidelines"]} == {k[2] for k in guidelines}
    for row in tables["guidelines"] + tables["by_year"] + tables["by_specialty"]:
        overturned = row["overturned"] + row["partially_overturned"]
        assert row["overturn_rate"] == round(overturned / row["decisions"], 4)
    decisions = list(items_of(documents, service, source))
    assert report.outcomes.total == len(decisions)
    assert report.outcomes.upheld == sum(1 for _, i in decisions if i.outcome == "upheld")
    assert [r.key for r in report.by_year] == sorted(years)


def test_a_typed_service_name_resolves_to_the_canonical_one(empty_graph, database, documents):
    service = busiest_service(documents)
    assert resolve_service(empty_graph, database, f"  {service.upper()} ") == service
    typed = next(i.text for _, i in items_of(documents, service))  # as the letter wrote it
    assert resolve_service(empty_graph, database, typed) == service


def test_an_unknown_service_names_the_closest_ones(empty_graph, database, documents):
    from graph.analytics import service_names
    from ingest.normalise import normalise_service

    known = service_names(empty_graph, database)
    # A misspelling the normaliser does not repair, so only the suggestions can help.
    typo = next(
        t
        for name in known
        for t in (name[:-1] + "q", name.replace("a", "e"), "x" + name)
        if normalise_service(t).service not in known
    )
    with pytest.raises(NotFoundError) as raised:
        service_analytics(empty_graph, database, typo)
    message = str(raised.value)
    assert f"No decisions for the service {typo!r}" in message
    suggested = message.split("services in the graph include: ")[1].split(". Use")[0].split(", ")
    assert suggested and set(suggested) <= set(known)
    assert suggested[0] in {n for n in known if n[:3] == typo[:3]} | set(known[:5])
    with pytest.raises(InvalidRequestError):
        service_analytics(empty_graph, database, "  ")
    with pytest.raises(InvalidRequestError):
        service_analytics(empty_graph, database, known[0], source="medicare")


def test_csv_export_is_spreadsheet_safe():
    rows = [{"guideline": "=HYPERLINK(1)", "pages": None, "decisions": 3}]
    text = csv_text(rows)
    assert text.splitlines() == ["guideline,pages,decisions", "'=HYPERLINK(1),,3"]
    assert spreadsheet_safe("-1") == "'-1" and spreadsheet_safe(5) == 5
    assert csv_text([]) == ""


def test_cli_writes_csv_and_json(empty_graph, database, documents, tmp_path: Path):
    service = busiest_service(documents)
    out = tmp_path / "exports"
    result = CliRunner().invoke(cli, ["analytics", service, "--csv", str(out), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    report = service_analytics(empty_graph, database, service)
    assert data["service"] == service and data["decisions"] == report.outcomes.total
    assert data["guidelines"] == report.tables()["guidelines"]
    stem = report.file_stem
    assert stem and set(stem) <= set("abcdefghijklmnopqrstuvwxyz0123456789-")
    files = sorted(p.name for p in out.iterdir())
    assert files == sorted(f"{stem}-{t}.csv" for t in ("guidelines", "by-year", "by-specialty"))
    with (out / f"{stem}-by-year.csv").open(newline="") as handle:
        years = list(csv.DictReader(handle))
    assert [(r["year"], int(r["decisions"])) for r in years] == [
        (r.key, r.total) for r in report.by_year
    ]
    table = CliRunner().invoke(cli, ["analytics", service])
    assert table.exit_code == 0 and table.output.startswith(f"{service} (")
    unknown = CliRunner().invoke(cli, ["analytics", "no such service at all"])
    assert unknown.exit_code == 1
    assert "No decisions for the service 'no such service at all'" in unknown.output
