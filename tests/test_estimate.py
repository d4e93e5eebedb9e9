"""`imr estimate` and graph/estimate.py against the real Neo4j and the real model."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from streamlit.testing.v1 import AppTest

from graph.errors import InvalidRequestError
from graph.estimate import (
    OVERTURNED,
    EstimateRequest,
    estimate_outcome,
    smooth,
    weighted_rate,
    wilson_interval,
)
from imr.cli import cli
from ui import routes


@pytest.fixture(scope="module")
def graph(corpus_graph):
    return corpus_graph


def outcome_counts(driver, service: str, source: str) -> tuple[int, int]:
    """(decisions with an outcome, overturned) of a service in a source, counted directly."""
    record = driver.execute_query(
        "MATCH (d:Decision {service: $service, source_kind: $source}) "
        "WHERE d.outcome IS NOT NULL "
        "RETURN count(d) AS n, count(CASE WHEN d.outcome IN $overturned THEN 1 END) AS o",
        {"service": service, "source": source, "overturned": sorted(OVERTURNED)},
    ).records[0]
    return record["n"], record["o"]


def overall_rate(driver, source: str) -> float:
    record = driver.execute_query(
        "MATCH (d:Decision {source_kind: $source}) WHERE d.outcome IS NOT NULL "
        "RETURN count(d) AS n, count(CASE WHEN d.outcome IN $overturned THEN 1 END) AS o",
        {"source": source, "overturned": sorted(OVERTURNED)},
    ).records[0]
    return record["o"] / record["n"]


def commonest_service(driver, source: str) -> str:
    return driver.execute_query(
        "MATCH (d:Decision {source_kind: $source}) RETURN d.service AS s, count(*) AS n "
        "ORDER BY n DESC, s LIMIT 1",
        {"source": source},
    ).records[0]["s"]


def test_wilson_interval_and_kish_effective_n():
    low, high = wilson_interval(0.5, 10)
    assert low == pytest.approx(0.2366, abs=1e-4) and high == pytest.approx(0.7634, abs=1e-4)
    assert wilson_interval(0.0, 4)[0] == 0.0 and wilson_interval(0.0, 4)[1] > 0.3
    rate, n = weighted_rate([(1.0, True), (1.0, False), (1.0, False), (1.0, False)])
    assert rate == 0.25 and n == pytest.approx(4.0)
    rate, n = weighted_rate([(3.0, True), (1.0, False)])
    assert rate == 0.75 and n == pytest.approx(16 / 10)  # unequal weights: fewer than 2
    assert weighted_rate([]) == (None, 0.0)
    assert smooth(3, 4, 0.5, 4.0) == pytest.approx(5 / 8)  # 4 pseudo-trials at 50 %
    assert smooth(0, 0, 0.2, 5.0) == pytest.approx(0.2) and smooth(1, 2, None, 5.0) == 0.5


def test_estimate_uses_the_services_precedents_per_source(graph, database, embedder):
    service = commonest_service(graph, "dwc")
    report = estimate_outcome(
        graph, database, embedder, EstimateRequest(service=service, source="dwc"), k=10
    )
    assert report.service == service and len(report.estimates) == 1
    estimate = report.estimates[0]
    assert estimate.source_kind == "dwc" and estimate.neighbours
    assert all(n.service == service and n.source_kind == "dwc" for n in estimate.neighbours)
    n_all, overturned_all = outcome_counts(graph, service, "dwc")
    assert len(estimate.neighbours) == min(10, n_all)
    # The rate is the similarity-weighted share of the listed neighbours, inside its interval.
    weights = [n.weight for n in estimate.neighbours if n.outcome]
    overturned = [n.weight for n in estimate.neighbours if n.outcome in OVERTURNED]
    assert estimate.weighted_overturn_rate == pytest.approx(sum(overturned) / sum(weights), 1e-3)
    assert estimate.interval_low <= estimate.weighted_overturn_rate <= estimate.interval_high
    assert estimate.effective_n <= estimate.n_relevant
    # The base rate covers every decision of the service, not only the neighbours.
    assert estimate.base_rate.n == n_all
    assert estimate.base_rate.overturn_rate == pytest.approx(overturned_all / n_all)
    assert estimate.sufficient == (estimate.n_relevant >= 5)
    # The prediction is smoothed: between the neighbours' rate and the (smoothed) base rate,
    # and the base rate between the service's raw rate and the source's overall rate.
    base = estimate.base_rate
    overall = overall_rate(graph, "dwc")
    assert min(base.overturn_rate, overall) - 1e-9 <= base.smoothed_rate
    assert base.smoothed_rate <= max(base.overturn_rate, overall) + 1e-9
    if estimate.sufficient:
        low = min(estimate.weighted_overturn_rate, base.smoothed_rate)
        high = max(estimate.weighted_overturn_rate, base.smoothed_rate)
        assert low - 1e-9 <= estimate.prediction <= high + 1e-9


def test_both_sources_are_estimated_apart(graph, database, embedder):
    text = "physical therapy visits for low back pain"
    report = estimate_outcome(graph, database, embedder, EstimateRequest(text=text))
    assert [e.source_kind for e in report.estimates] == ["dwc", "dmhc"]
    assert report.service == "physical therapy" and report.region == "lumbar spine"
    for estimate in report.estimates:
        assert all(n.source_kind == estimate.source_kind for n in estimate.neighbours)
        # Same body region weighs more than the similarity alone.
        for n in estimate.neighbours:
            boosted = n.body_region == "lumbar spine"
            assert (n.weight > n.similarity) == (boosted and n.similarity > 0)


def test_nonsense_is_insufficient_precedent_with_the_reason(graph, database, embedder):
    report = estimate_outcome(graph, database, embedder, EstimateRequest(text="zzqx qwv blorf"))
    assert report.service is None
    for estimate in report.estimates:
        assert not estimate.sufficient and estimate.neighbours == []
        assert estimate.weighted_overturn_rate is None
        assert "insufficient precedent" in estimate.reason
        assert estimate.prediction == estimate.base_rate.smoothed_rate  # falls back, said so


def test_too_few_neighbours_is_insufficient(graph, database, embedder):
    service = commonest_service(graph, "dwc")
    request = EstimateRequest(service=service, source="dwc")
    n_all, _ = outcome_counts(graph, service, "dwc")
    report = estimate_outcome(graph, database, embedder, request, min_neighbours=n_all + 1)
    estimate = report.estimates[0]
    assert not estimate.sufficient
    assert f"only {n_all}" in estimate.reason and f"at least {n_all + 1}" in estimate.reason


def test_a_cases_own_decisions_can_be_left_out(graph, database, embedder):
    service = commonest_service(graph, "dwc")
    first = estimate_outcome(
        graph, database, embedder, EstimateRequest(service=service, source="dwc"), k=5
    )
    case_id = first.estimates[0].neighbours[0].case_id
    request = EstimateRequest(service=service, source="dwc", exclude_case=case_id)
    again = estimate_outcome(graph, database, embedder, request, k=5)
    assert case_id not in {n.case_id for n in again.estimates[0].neighbours}


def test_bad_requests_are_refused(graph, database, embedder):
    with pytest.raises(InvalidRequestError, match="describe the request"):
        estimate_outcome(graph, database, embedder, EstimateRequest())
    with pytest.raises(InvalidRequestError, match="source must be"):
        estimate_outcome(graph, database, embedder, EstimateRequest(text="x", source="ca"))
    with pytest.raises(InvalidRequestError, match="k must be within"):
        estimate_outcome(graph, database, embedder, EstimateRequest(text="x"), k=0)


def test_cli_prints_json_and_refuses_an_empty_request(graph):
    runner = CliRunner()
    result = runner.invoke(
        cli, ["estimate", "acupuncture for chronic neck pain", "--source", "dwc", "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["service"] == "acupuncture"
    [estimate] = data["estimates"]
    assert estimate["source_kind"] == "dwc" and "prediction" in estimate
    assert {n["service"] for n in estimate["neighbours"]} <= {"acupuncture"}
    refused = runner.invoke(cli, ["estimate"])
    assert refused.exit_code == 2
    assert "describe the request" in refused.output
    text = runner.invoke(cli, ["estimate", "zzqx qwv blorf"])
    assert text.exit_code == 0 and "insufficient precedent" in text.output


# -- the UI page (AppTest, in-process, against the same database) -----------------------------
APP = str(Path(__file__).resolve().parents[1] / "ui" / "app.py")


def estimate_page(**params: str) -> AppTest:
    import streamlit as st

    st.cache_resource.clear()  # a driver cached by another module may point elsewhere
    st.cache_data.clear()
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params.update(params)
    at.switch_page("app_pages/estimate.py")
    return at.run()


def test_estimate_page_lists_every_precedent_as_a_link(graph, database, embedder):
    text = "physical therapy visits for low back pain"
    at = estimate_page(eq=text, e_source="dwc")
    assert not at.exception, [e.message for e in at.exception]
    expected = estimate_outcome(
        graph, database, embedder, EstimateRequest(text=text, source="dwc")
    ).estimates[0]
    page = "\n".join(md.value for md in at.markdown)
    assert expected.neighbours
    for neighbour in expected.neighbours:
        assert f'href="{html.escape(routes.decision_href(neighbour.decision_id))}"' in page
    if expected.sufficient:
        assert at.metric[0].value == f"{expected.weighted_overturn_rate:.0%}"
    assert any("Base rate" in caption.value for caption in at.caption)


def test_estimate_page_says_insufficient_precedent(graph):
    at = estimate_page(eq="zzqx qwv blorf")
    assert not at.exception, [e.message for e in at.exception]
    warnings = [w.value for w in at.warning]
    assert len(warnings) == 2 and all("insufficient precedent" in w for w in warnings)
    assert not at.metric
