"""Outcome estimate: how did the nearest relevant precedents of this request come out?

The request (text, service, region, diagnosis, source) is bound to the URL like the search page
(`/estimate?eq=...&e_service=...&e_source=dwc`), so an estimate can be bookmarked. Each source
(DWC workers' comp, DMHC health plans) gets its own column: the similarity-weighted overturn
share with its interval, or "insufficient precedent" and why; the service's base rate; every
precedent used, each a link to its decision page. The arithmetic lives in graph/estimate.py.
"""

from __future__ import annotations

import streamlit as st

from graph.estimate import (
    DEFAULT_K,
    EstimateReport,
    EstimateRequest,
    OutcomeEstimate,
    estimate_outcome,
)
from ui import components, routes, state
from ui.text import escape_markdown, one_line

ESTIMATE_TTL_S = 120
SOURCES = ("both", "dwc", "dmhc")
SOURCE_HELP = "DWC workers' comp and DMHC health-plan reviews are different systems: never pooled"
SIZES = (10, 25, 50, 100)
EXAMPLE = "12 PT visits lumbar spine after fusion"


@st.cache_data(ttl=ESTIMATE_TTL_S, max_entries=128, show_spinner="Estimating…")
def cached_estimate(request: EstimateRequest, k: int) -> EstimateReport:
    found = state.services()
    return estimate_outcome(found.driver, found.database, state.embedder(), request, k=k)


def request_form() -> tuple[EstimateRequest, int]:
    facets = state.cached_facets()
    text = st.text_input(
        "Describe the treatment request",
        key="eq",
        bind="query-params",
        placeholder=f"e.g. {EXAMPLE}",
        max_chars=2000,
        icon=":material/balance:",
    )
    service_col, region_col, diagnosis_col = st.columns(3)
    service = service_col.selectbox(
        "Service (optional)",
        facets.options("service"),
        index=None,
        placeholder="recognised in the text",
        key="e_service",
        bind="query-params",
        accept_new_options=True,
    )
    region = region_col.selectbox(
        "Body region (optional)",
        facets.options("region"),
        index=None,
        placeholder="recognised in the text",
        key="e_region",
        bind="query-params",
    )
    diagnosis = diagnosis_col.text_input(
        "Diagnosis (optional)", key="e_diagnosis", bind="query-params", max_chars=200
    )
    source_col, k_col = st.columns([0.7, 0.3], vertical_alignment="bottom")
    source = source_col.segmented_control(
        "Source",
        SOURCES,
        default="both",
        required=True,
        key="e_source",
        bind="query-params",
        help=SOURCE_HELP,
    )
    k = k_col.selectbox(
        "Precedents per source", SIZES, index=SIZES.index(DEFAULT_K), key="e_k", bind="query-params"
    )
    request = EstimateRequest(
        text=(text or "").strip(),
        service=service or None,
        region=region or None,
        diagnosis=(diagnosis or "").strip() or None,
        source=None if source in (None, "both") else source,
    )
    return request, int(k or DEFAULT_K)


def percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0%}"


def estimate_column(estimate: OutcomeEstimate) -> None:
    st.subheader(components.SOURCE_LABELS.get(estimate.source_kind, estimate.source_kind))
    if estimate.sufficient:
        st.metric(
            "Overturned (similarity-weighted)",
            percent(estimate.weighted_overturn_rate),
            help=estimate.interval_method,
        )
        st.markdown(
            f"95% interval **{percent(estimate.interval_low)}–{percent(estimate.interval_high)}** "
            f"· {estimate.n_relevant} precedents (effective n {estimate.effective_n:g})"
        )
    else:
        st.warning(escape_markdown(estimate.reason, keep_code=False), icon=":material/warning:")
    base = estimate.base_rate
    if base is not None:
        scope = f"every {base.service} decision" if base.service else "every decision"
        st.caption(
            escape_markdown(
                f"Base rate: {percent(base.overturn_rate)} overturned over {scope} "
                f"of this source ({base.n})",
                keep_code=False,
            )
        )
    st.caption(
        f"Estimate to go by: **{percent(estimate.prediction)}** — "
        + (
            "the precedents, smoothed toward the base rate"
            if estimate.sufficient
            else "the base rate, smoothed toward the source's overall rate"
        )
    )
    if not estimate.neighbours:
        return
    lines = []
    for rank, n in enumerate(estimate.neighbours, 1):
        label = f"{n.decision_id} · {one_line(n.item_text or n.service, 70)}"
        lines.append(
            f"{rank}. {components.anchor(label, routes.decision_href(n.decision_id))} · "
            f"{n.outcome or 'unknown'} · similarity {n.similarity:.2f} · weight {n.weight:.2f}"
        )
    # anchor() escapes the label and URL; outcome and numbers are ours.
    st.markdown("  \n".join(lines), unsafe_allow_html=True)


def main() -> None:
    st.title("Estimate an outcome")
    st.caption(
        "How the nearest relevant precedents of a request came out, weighted by similarity, "
        "per source — an indication from past decisions, not a prediction of a review."
    )
    if not state.cached_facets().decisions:
        components.empty_graph_notice()
        return
    request, k = request_form()
    if not (request.text or request.service or request.region or request.diagnosis):
        st.info("Describe a request, or choose a service.", icon=":material/edit_note:")
        components.link(f"Try: {EXAMPLE}", routes.href(routes.ESTIMATE_URL, {"eq": EXAMPLE}))
        return
    report = cached_estimate(request, k)
    described = [f"service {report.service}" if report.service else "no service recognised"]
    if report.region:
        described.append(f"region {report.region}")
    st.caption(escape_markdown(" · ".join(described + report.notes), keep_code=False))
    for column, estimate in zip(
        st.columns(len(report.estimates), gap="large"), report.estimates, strict=True
    ):
        with column:
            estimate_column(estimate)


main()
