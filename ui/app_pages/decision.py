"""Decision: one disputed item in full, its stored letter, its neighbourhood in the graph, and
the nearest upheld and the nearest overturned precedents side by side with the sentences in which
their reasoning differs.

`?decision=` takes a decision id (`CM13-0012345:1`) or a case id — an IMR case number
(`CM13-0012345`) or a DMHC Reference ID — which opens the case's first item with a list of all
of them (`?case=` is the same); an id in neither is a "not found" naming what was looked up.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pandas as pd
import streamlit as st

from graph.decision import DecisionDetail, Lookup, decision_detail, find_decision, neighbourhood
from ingest.archive import StoredLetter, open_letter
from ui import components, graph_view, routes, state
from ui.errors import show_error
from ui.text import escape_markdown

SIMILAR_PER_OUTCOME = 3
SIDEBAR_KEY = "open-id"
ID_HELP = "A decision id (CM13-0012345:1), an IMR case number (CM13-0012345) or a DMHC Reference ID"
# st.pdf needs the streamlit-pdf component (`pip install streamlit[pdf]`); without it: download.
HAS_PDF_VIEWER = importlib.util.find_spec("streamlit_pdf") is not None


def set_id(entered: str) -> None:
    """Show `entered` through the URL, so the page is shareable as it stands."""
    st.query_params.clear()
    st.query_params[routes.DECISION_PARAM] = entered.strip()


def open_id(entered: str) -> None:
    set_id(entered)
    st.rerun()


def open_from_sidebar() -> None:
    # A callback, so the box can be emptied: a box that kept its text would reopen it forever.
    entered = (st.session_state.get(SIDEBAR_KEY) or "").strip()
    if entered:
        set_id(entered)
    st.session_state[SIDEBAR_KEY] = ""


def ask_for_id() -> None:
    st.title("Decision")
    st.info(
        "Open a decision from a search result, or enter its id or its case number "
        "(e.g. CM13-0012345:1 or CM13-0012345).",
        icon=":material/gavel:",
    )
    entered = st.text_input("Decision id or case number", max_chars=200, help=ID_HELP)
    if entered.strip():
        open_id(entered)


def sidebar_lookup() -> None:
    st.sidebar.text_input(
        "Open a decision or case",
        max_chars=200,
        key=SIDEBAR_KEY,
        help=ID_HELP,
        on_change=open_from_sidebar,
    )


def case_items(lookup: Lookup) -> None:
    """A case number opens its first item; every item of the case is listed to pick from."""
    count = len(lookup.case_items)
    st.info(
        escape_markdown(
            f"Case {lookup.case_id} has {count} decided item{'s' if count != 1 else ''}; "
            "the first is shown.",
            keep_code=False,
        ),
        icon=":material/folder_open:",
    )
    for item in lookup.case_items:
        label = f"{item.item_number or '?'}. {item.item_text or item.service} — "
        components.link(label + (item.outcome or "unknown"), routes.decision_href(item.decision_id))


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


def letter_section(detail: DecisionDetail) -> None:
    """The letter the decision came from: its archived copy (IMR_HOME/letters), else the
    original while it is unchanged; a DMHC decision shows its row's findings."""
    st.subheader("The letter")
    source = detail.source_file
    if source is None:
        st.caption("No source file is recorded for this case.")
        return
    letter: StoredLetter = open_letter(
        source.path, source.sha256, source.kind, state.services().settings
    )
    name = Path(source.path).name
    if source.kind == "dmhc-csv":
        row = f"row {detail.row_number} of " if detail.row_number else ""
        st.caption(escape_markdown(f"DMHC open data: {row}{name}", keep_code=False))
        with st.expander("Findings (the row's text)", expanded=True):
            st.code(detail.rationale or "(no findings in the row)", language=None, wrap_lines=True)
        if letter.problem:
            st.caption(escape_markdown(letter.problem))
        return
    if letter.problem:
        (st.info if letter.path else st.warning)(
            escape_markdown(letter.problem), icon=":material/description:"
        )
    if letter.data is None:
        return
    mime = "application/pdf" if letter.is_pdf else "text/plain"
    st.download_button(
        f"Download {name}",
        data=letter.data,
        file_name=name,
        mime=mime,
        icon=":material/download:",
        on_click="ignore",
        key=f"letter-{detail.case_id}",
    )
    if letter.is_pdf and HAS_PDF_VIEWER:
        st.pdf(letter.data, height=600)
    label = "Text extracted from the PDF" if letter.is_pdf else f"Letter text ({name})"
    with st.expander(label):
        st.code(letter.text or "", language=None, wrap_lines=True)


def similar_columns(detail: DecisionDetail) -> list[str]:
    """Nearest upheld | nearest overturned and where they differ; the ids shown, for the graph."""
    st.subheader("Similar precedents")
    st.caption(
        "Graph similarity (same service, region, diagnoses, guidelines) fused with the "
        "meaning of the rationale."
    )
    try:
        contrast = state.cached_contrast_decision(detail.decision_id, SIMILAR_PER_OUTCOME)
    except Exception as error:  # the precedents failing must not hide the decision
        show_error(error)
        return []
    return components.contrast_panel(contrast)


def main() -> None:
    sidebar_lookup()
    typed = (
        st.query_params.get(routes.DECISION_PARAM) or st.query_params.get(routes.CASE_PARAM) or ""
    ).strip()
    if not typed:
        ask_for_id()
        return
    found = state.services()
    lookup = find_decision(found.driver, found.database, typed)
    detail = decision_detail(found.driver, found.database, lookup.decision_id)
    heading(detail)
    if lookup.is_case:
        case_items(lookup)
    main_col, facts_col = st.columns([0.64, 0.36], gap="large")
    with main_col:
        main_column(detail)
        letter_section(detail)
    with facts_col:
        facts_column(detail)
    similar_ids = similar_columns(detail)
    st.subheader("Neighbourhood in the graph")
    st.caption("Drag to move, scroll to zoom. Orange edges lead to the similar precedents above.")
    hood = neighbourhood(found.driver, found.database, detail.decision_id, similar_ids)
    graph_view.draw(hood, f"Decision:{detail.decision_id}", key=f"graph-{detail.decision_id}")


main()
