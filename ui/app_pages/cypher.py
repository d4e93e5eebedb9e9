"""Cypher: the read-only console (graph/console.py does the guarding; this page only collects the
query, its parameters and the limits, and shows the rows)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from graph import queries
from graph.console import DEFAULT_ROW_LIMIT, DEFAULT_TIMEOUT_S, ConsoleResult, run_read_only
from ui import state
from ui.params import format_params, parse_params

MAX_TIMEOUT_S = 120.0
MAX_ROWS = 10_000
QUERY_KEY = "cypher-query"
PARAMS_KEY = "cypher-params"
EXAMPLE_KEY = "cypher-example"


def load_example() -> None:
    """Fill the editor from the chosen example (a callback: runs before the widgets are drawn)."""
    title = st.session_state.get(EXAMPLE_KEY)
    if title:
        st.session_state[QUERY_KEY] = queries.CONSOLE_EXAMPLES[title]
        st.session_state[PARAMS_KEY] = format_params(queries.CONSOLE_EXAMPLE_PARAMS.get(title, {}))


def show_result(result: ConsoleResult) -> None:
    took = f" in {result.elapsed_ms} ms" if result.elapsed_ms is not None else ""
    if result.truncated:
        st.warning(
            f"Showing the first {result.row_limit} rows only: the result has more. Raise the row "
            "cap, or add LIMIT / a more selective MATCH.",
            icon=":material/content_cut:",
        )
    st.caption(f"{len(result.rows)} rows{took}")
    if result.rows:
        frame = pd.DataFrame(result.rows, columns=result.columns)
        # Maps and lists (nodes, paths) as JSON-ish text: a table cell cannot hold a structure.
        for column in frame.columns:
            if frame[column].map(lambda v: isinstance(v, dict | list)).any():
                frame[column] = frame[column].map(str)
        st.dataframe(frame, hide_index=True, width="stretch")
    elif result.columns:
        st.info("The query returned no rows.")


def main() -> None:
    st.title("Cypher console")
    st.caption(
        "Read-only: every query is planned first and anything that writes (CREATE, MERGE, SET, "
        "DELETE, REMOVE), schema and admin commands, LOAD CSV and procedures outside db.* are "
        "refused. Pass user values as $parameters."
    )
    st.selectbox(
        "Example questions",
        list(queries.CONSOLE_EXAMPLES),
        index=None,
        placeholder="Load an example…",
        key=EXAMPLE_KEY,
        on_change=load_example,
    )
    query = st.text_area(
        "Query",
        key=QUERY_KEY,
        height=180,
        placeholder="MATCH (d:Decision) RETURN d.outcome, count(*)",
    )
    params_col, limits_col = st.columns([0.6, 0.4])
    params_text = params_col.text_area(
        "Parameters",
        key=PARAMS_KEY,
        height=110,
        placeholder='service="mri"\nlimit=10\n\nor a JSON object: {"service": "mri"}',
    )
    timeout_s = limits_col.number_input(
        "Time limit (s)", min_value=0.5, max_value=MAX_TIMEOUT_S, value=DEFAULT_TIMEOUT_S, step=0.5
    )
    row_limit = limits_col.number_input(
        "Row cap", min_value=1, max_value=MAX_ROWS, value=DEFAULT_ROW_LIMIT, step=100
    )
    if not st.button("Run", type="primary", icon=":material/play_arrow:"):
        return
    if not (query or "").strip():
        st.warning("Write a query first, or load an example.")
        return
    found = state.services()
    with st.spinner("Running…"):
        result = run_read_only(
            found.driver,
            found.database,
            query,
            parse_params(params_text or ""),
            timeout_s=float(timeout_s),
            row_limit=int(row_limit),
        )
    show_result(result)


main()
