"""Analytics: outcome rates by category, service, guideline, year and reviewer specialty, and
for one service (`?service=acupuncture`) the guidelines cited in its upheld vs overturned
decisions and its overturn rate by year and reviewer specialty, each table downloadable as CSV
(the same tables as `imr analytics SERVICE --csv DIR`).

Each chart is clickable: a click on a bar opens the Search page with that filter set (an Altair
point selection, `on_select="rerun"`, then st.switch_page with the filter as a URL parameter).
For the keyboard, a select box under each chart does the same.
"""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import pandas as pd
import streamlit as st

from graph.analytics import Facets, OutcomeRate, ServiceAnalytics, csv_text
from ui import components, routes, state

SELECTION = "pick"
OUTCOME_ORDER = ("overturned", "partially overturned", "upheld", "unknown")
ROW_LIMIT = 15


@dataclass(frozen=True)
class Dimension:
    by: str  # graph.analytics dimension
    title: str
    filter_key: str  # the Search page's URL parameter ("year" becomes a date range)


DIMENSIONS = (
    Dimension("category", "By treatment category", "category"),
    Dimension("service", "By requested service", "service"),
    Dimension("guideline", "By guideline cited", "guideline"),
    Dimension("year", "By year of decision", "year"),
    Dimension("specialty", "By reviewer specialty", "specialty"),
)


def search_params(dimension: Dimension, value: str) -> dict[str, str]:
    """The Search page's URL parameters that select the decisions behind one bar."""
    if dimension.filter_key == "year":
        return {"from": f"{value}-01-01", "to": f"{value}-12-31"}
    return {dimension.filter_key: value}


def long_frame(rows: list[OutcomeRate]) -> pd.DataFrame:
    """One row per (value, outcome) for a stacked bar, with the overturn rate for the tooltip."""
    records = []
    for row in rows:
        counts = {
            "overturned": row.overturned,
            "partially overturned": row.partially_overturned,
            "upheld": row.upheld,
            "unknown": row.other,
        }
        for outcome, count in counts.items():
            if count:
                records.append(
                    {
                        "key": row.key,
                        "outcome": outcome,
                        "decisions": count,
                        "total": row.total,
                        "overturn_rate": row.overturn_rate,
                        "order": OUTCOME_ORDER.index(outcome),
                    }
                )
    return pd.DataFrame(records)


BAR_PX = 24


def chart_height(keys: list[str]) -> int:
    """Pixels for one bar per key plus the axis and legend (Streamlit sizes the chart by this)."""
    return BAR_PX * len(keys) + 90


def rate_chart(frame: pd.DataFrame, dimension: Dimension, keys: list[str]) -> alt.Chart:
    pick = alt.selection_point(name=SELECTION, fields=["key"], on="click")
    return (
        alt.Chart(frame)
        .mark_bar(cursor="pointer")
        .encode(
            y=alt.Y(
                "key:N",
                title=None,
                sort=keys,
                axis=alt.Axis(labelLimit=340, labelOverlap=False),
            ),
            x=alt.X(
                "decisions:Q",
                stack="zero",
                title="decisions",
                axis=alt.Axis(tickMinStep=1, format="d"),
            ),
            color=alt.Color(
                "outcome:N",
                scale=components.outcome_scale(),
                legend=alt.Legend(orient="top", title=None),
            ),
            order=alt.Order("order:Q"),
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.55)),
            tooltip=[
                alt.Tooltip("key:N", title=dimension.title.removeprefix("By ")),
                alt.Tooltip("outcome:N"),
                alt.Tooltip("decisions:Q"),
                alt.Tooltip("total:Q", title="all decisions"),
                alt.Tooltip("overturn_rate:Q", title="overturned", format=".0%"),
            ],
        )
        .add_params(pick)
    )


def clicked_value(event: object) -> str | None:
    """The bar a click selected, from st.altair_chart's selection state."""
    selection = getattr(event, "selection", None) or {}
    points = selection.get(SELECTION) or []
    return str(points[0]["key"]) if points and "key" in points[0] else None


def chart_section(dimension: Dimension, source: str | None) -> None:
    st.subheader(dimension.title)
    rows = state.cached_outcome_rates(dimension.by, source, ROW_LIMIT)
    if not rows:
        st.caption("No decisions carry this attribute.")
        return
    keys = [row.key for row in rows]  # the query's order: most decisions first (years: in order)
    event = st.altair_chart(
        rate_chart(long_frame(rows), dimension, keys),
        height=chart_height(keys),
        on_select="rerun",
        selection_mode=SELECTION,
        key=f"chart-{dimension.by}",
        width="stretch",
    )
    value = clicked_value(event)
    if value:
        st.switch_page(routes.SEARCH, query_params=search_params(dimension, value))
    pick, go = st.columns([0.7, 0.3], vertical_alignment="bottom")
    chosen = pick.selectbox(
        f"Search the decisions {dimension.title.lower()}",
        keys,
        index=None,
        placeholder=f"…or pick a {dimension.by} to search its decisions",
        key=f"pick-{dimension.by}",
        label_visibility="collapsed",
    )
    if chosen:
        url = routes.href(routes.SEARCH_URL, search_params(dimension, chosen))
        components.link("Search these →", url, container=go)


SERVICE_TABLES = (
    ("guidelines", "Guidelines cited (pages as written)"),
    ("by_year", "Overturn rate by year of decision"),
    ("by_specialty", "Overturn rate by reviewer specialty"),
)


def service_section(facets: Facets, source: str | None) -> None:
    """One service: which guideline and pages its upheld and overturned decisions cite, and how
    its overturn rate moves by year and reviewer specialty."""
    st.header("One service: guidelines and overturn rates")
    service = st.selectbox(
        "Requested service",
        facets.options("service"),
        index=None,
        placeholder="Pick a service to see the guidelines behind its outcomes",
        key="service",
        bind="query-params",
    )
    if not service:
        return
    report: ServiceAnalytics = state.cached_service_analytics(service, source)
    overall = report.outcomes
    st.markdown(
        f"**{overall.total}** decisions · {overall.upheld} upheld · "
        f"{overall.overturned + overall.partially_overturned} overturned "
        f"(**{overall.overturn_rate:.0%}**)"
    )
    tables = report.tables()
    for name, title in SERVICE_TABLES:
        head, download = st.columns([0.7, 0.3], vertical_alignment="bottom")
        head.subheader(title)
        rows = tables[name]
        if not rows:
            st.caption("None recorded.")
            continue
        download.download_button(
            "Download CSV",
            data=csv_text(rows).encode("utf-8"),
            file_name=f"{report.file_stem}-{name.replace('_', '-')}.csv",
            mime="text/csv",
            icon=":material/download:",
            on_click="ignore",
            key=f"download-{name}",
        )
        frame = pd.DataFrame(rows).drop(columns=["service"])
        st.dataframe(
            frame,
            hide_index=True,
            column_config={
                "overturn_rate": st.column_config.NumberColumn("overturn rate", format="percent")
            },
        )


def main() -> None:
    st.title("Outcome rates")
    facets = state.cached_facets()
    if not facets.decisions:
        components.empty_graph_notice()
        return
    source = st.segmented_control(
        "Source",
        list(components.SOURCE_LABELS),
        format_func=components.SOURCE_LABELS.get,
        key="analytics-source",
        help="Leave both off for all decisions",
    )
    st.caption(
        f"{facets.decisions} decisions. Bars are stacked by outcome; click a bar to search the "
        f"decisions behind it. The {ROW_LIMIT} most frequent values are shown."
    )
    for dimension in DIMENSIONS:
        chart_section(dimension, source)
    service_section(facets, source)


main()
