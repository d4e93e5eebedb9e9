"""Decision: one disputed item in full (`?decision=<id>`), its neighbourhood in the graph, and
the nearest upheld and the nearest overturned precedents side by side."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from graph.decision import DecisionDetail, decision_detail, neighbourhood
from graph.search import SearchResult
from ui import components, graph_view, routes, state
from ui.errors import show_error
from ui.text import escape_markdown

SIMILAR_PER_OUTCOME = 3


def ask_for_id() -> None:
    st.title("Decision")
    st.info(
        "Open a decision from a search result, or enter its id (e.g. CM13-0012345:1).",
        icon=":material/gavel:",
    )
    entered = st.text_input("Decision id", max_chars=200)
    if entered.strip():
        st.query_params[routes.DECISION_PARAM] = entered.strip()
        st.rerun()


def heading(detail: DecisionDetail) -> None:
    st.title(detail.item_text or detail.service)
    facts = [
        components.outcome_badge(detail.outcome),
        escape_markdown(components.OUTCOME_MEANING.get(detail.outcome or "", ""), keep_code=False),
        f"decided {detail.decision_date or 'on an unknown date'}",
        f"case {escape_markdown(detail.case_id, keep_code=False)}",
    ]
    st.markdown(" · ".join(f for f in facts if f))
    what = [detail.service, detail.category, detail.body_region]
    if detail.quantity:
        what.append(f"quantity {detail.quantity}")
    what += [detail.frequency, detail.duration]
    st.caption(escape_markdown(" · ".join(str(w) for w in what if w), keep_code=False))


def citations_table(detail: DecisionDetail) -> None:
    st.subheader("Guidelines relied on")
    if not detail.citations:
        st.caption("The letter names no guideline for this item.")
        return
    frame = pd.DataFrame(
        [
            {
                "guideline": c.name,
                "family": c.family or "—",
                "pages": c.pages or "—",
                "cited by": c.cited_by or "—",
            }
            for c in detail.citations
        ]
    )
    st.table(frame, hide_index=True, border="horizontal")  # static: long names wrap


def main_column(detail: DecisionDetail) -> None:
    st.subheader("Decision rationale")
    st.markdown(
        escape_markdown(detail.rationale or "(no rationale in the letter)", keep_code=False)
    )
    citations_table(detail)
    st.subheader("Case summary")
    st.markdown(
        escape_markdown(detail.summary or "(no case summary in the letter)", keep_code=False)
    )
    if detail.siblings:
        st.subheader("Other items in this letter")
        for item in detail.siblings:
            components.link(
                f"↳ {item.item_text} — {item.outcome or 'unknown'}",
                routes.decision_href(item.decision_id),
            )


def facts_column(detail: DecisionDetail) -> None:
    with st.container(border=True):
        st.markdown("**Patient**")
        patient = detail.patient
        if patient:
            age = str(patient.age) if patient.age is not None else patient.age_range or "age ?"
            st.markdown(
                escape_markdown(f"{age}, {patient.sex or 'sex not stated'}", keep_code=False)
            )
            if patient.injury_date:
                st.caption(f"injured {patient.injury_date}")
        st.markdown("**Diagnoses**")
        st.markdown(
            "\n".join(f"- {escape_markdown(d, keep_code=False)}" for d in detail.diagnoses)
            or "none recorded"
        )
        st.markdown("**Reviewer**")
        reviewer = detail.reviewer
        st.markdown(
            escape_markdown(
                f"{reviewer.specialty or 'specialty not stated'}"
                + (f", licensed in {reviewer.license_state}" if reviewer.license_state else ""),
                keep_code=False,
            )
            if reviewer
            else "not stated"
        )
        st.markdown("**Record**")
        record = [
            ("source", components.SOURCE_LABELS.get(detail.source_kind or "", detail.source_kind)),
            ("UR decision", detail.ur_date),
            ("dispute type", detail.dispute_type),
            ("diagnosis category", detail.diagnosis_category),
            ("layout", detail.layout),
            ("file", Path(detail.source.split("#")[0]).name if detail.source else None),
        ]
        st.caption(
            escape_markdown(" · ".join(f"{k}: {v}" for k, v in record if v), keep_code=False)
        )


def similar_columns(detail: DecisionDetail) -> list[str]:
    """Nearest upheld | nearest overturned; the ids shown, for the graph."""
    st.subheader("Similar precedents")
    st.caption(
        "Graph similarity (same service, region, diagnoses, guidelines) fused with the "
        "meaning of the rationale."
    )
    shown: list[str] = []
    for column, outcome in zip(st.columns(2, gap="medium"), ("upheld", "overturned"), strict=True):
        with column:
            st.markdown(f"**Nearest {components.outcome_badge(outcome)}**")
            try:
                result: SearchResult = state.cached_similar(
                    detail.decision_id, outcome, SIMILAR_PER_OUTCOME
                )
            except Exception as error:  # one column failing must not hide the other
                show_error(error)
                continue
            if not result.hits:
                st.caption(f"No {outcome} decision shares anything with this one.")
            for hit in result.hits:
                components.hit_card(hit, compact=True)
                shown.append(hit.decision_id)
    return shown


def main() -> None:
    decision_id = (st.query_params.get(routes.DECISION_PARAM) or "").strip()
    if not decision_id:
        ask_for_id()
        return
    found = state.services()
    detail = decision_detail(found.driver, found.database, decision_id)
    heading(detail)
    main_col, facts_col = st.columns([0.64, 0.36], gap="large")
    with main_col:
        main_column(detail)
    with facts_col:
        facts_column(detail)
    similar_ids = similar_columns(detail)
    st.subheader("Neighbourhood in the graph")
    st.caption("Drag to move, scroll to zoom. Orange edges lead to the similar precedents above.")
    hood = neighbourhood(found.driver, found.database, detail.decision_id, similar_ids)
    graph_view.draw(hood, f"Decision:{detail.decision_id}", key=f"graph-{detail.decision_id}")


main()
