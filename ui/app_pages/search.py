"""Search: has this kind of request been decided before?

The query and every filter are widgets bound to the URL (`bind="query-params"`, the widget key
is the parameter name), so `?q=lumbar+mri&outcome=overturned&mode=hybrid` restores a search and
any search can be bookmarked or shared. The precedent stats come first, then the cards.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import streamlit as st

from graph.analytics import Facets
from graph.search import SearchFilters, SearchRequest, SearchResult
from ui import components, routes, state
from ui.text import escape_markdown

MODE_HELP = (
    "hybrid: meaning and words fused (reciprocal-rank fusion) · semantic: meaning only · "
    "lexical: the words as written · graph: decisions sharing the service, region, diagnoses and "
    "guidelines recognised in your text"
)
MODES = ("hybrid", "semantic", "lexical", "graph")  # graph.search.MODES, the default first
RESULT_SIZES = (10, 25, 50, 100)
AGE_LIMIT = 120
EARLIEST_DATE = date(2000, 1, 1)  # DMHC reviews are published from 2001, DWC from 2013
EXAMPLE_QUERIES = (
    "lumbar MRI without red flags",
    "12 sessions of physical therapy for the knee after surgery",
    "opioid weaning hydrocodone",
    "acupuncture for chronic neck pain",
)


@dataclass(frozen=True)
class SelectFilter:
    key: str  # the URL parameter, the widget key and the SearchFilters field
    label: str
    free_text: bool = False  # the filter matches substrings: any typed text is allowed


SELECT_FILTERS = (
    SelectFilter("outcome", "Outcome"),
    SelectFilter("category", "Treatment category"),
    SelectFilter("service", "Requested service"),
    SelectFilter("region", "Body region"),
    SelectFilter("diagnosis", "Diagnosis (contains)", free_text=True),
    SelectFilter("guideline", "Guideline (contains)", free_text=True),
    SelectFilter("specialty", "Reviewer specialty", free_text=True),
    SelectFilter("source", "Source"),
)
FILTER_HELP = {
    "outcome": "upheld: the denial stands · overturned: the treatment was found necessary",
    "source": "dwc: California workers' comp IMR letters · dmhc: DMHC health-plan reviews",
    "diagnosis": "Matches diagnoses that contain this text",
    "guideline": "Matches guideline names that contain this text",
}


def sidebar_filters(facets: Facets) -> SearchFilters:
    """The filter widgets (options and counts from the graph) → SearchFilters."""
    with st.sidebar:
        st.subheader("Filters")
        values: dict[str, str | None] = {}
        for spec in SELECT_FILTERS:
            # No format_func: a bound selectbox puts the *formatted* option into the URL, and
            # the URL must hold the plain value (?outcome=overturned).
            values[spec.key] = st.selectbox(
                spec.label,
                facets.options(spec.key),
                index=None,
                placeholder="Any" + (" (or type part of a name)" if spec.free_text else ""),
                key=spec.key,
                bind="query-params",
                accept_new_options=spec.free_text,
                help=FILTER_HELP.get(spec.key),
            )
        sex = st.selectbox(
            "Patient sex",
            ["female", "male"],
            index=None,
            placeholder="Any",
            key="sex",
            bind="query-params",
        )
        # Two boxes, not a range slider: every filter defaults to None (no filter), which is
        # what Clear filters sets, and the URL reads ?age_min=40&age_max=60 like the CLI flags.
        age_min, age_max = (
            st.number_input(
                label,
                min_value=0,
                max_value=AGE_LIMIT,
                value=None,
                step=1,
                placeholder="any",
                key=key,
                bind="query-params",
                help="DMHC decisions give an age band; a band that overlaps the range matches.",
            )
            for label, key in (("Patient age from", "age_min"), ("Patient age to", "age_max"))
        )
        date_from, date_to = (
            st.date_input(
                label,
                value=None,
                min_value=EARLIEST_DATE,
                max_value=date.today(),
                key=key,
                bind="query-params",
                format="YYYY-MM-DD",
            )
            for label, key in (("Decided on or after", "from"), ("Decided on or before", "to"))
        )
    return SearchFilters(
        **values,
        sex=sex,
        date_from=date_from,
        date_to=date_to,
        age_min=age_min,
        age_max=age_max,
    )


def query_row() -> tuple[str, str, int]:
    text_col, mode_col, k_col = st.columns([0.56, 0.34, 0.1], vertical_alignment="bottom")
    query = text_col.text_input(
        "Describe the treatment request",
        key="q",
        bind="query-params",
        placeholder="e.g. lumbar MRI without red flags",
        icon=":material/search:",
        max_chars=2000,
    )
    mode = mode_col.segmented_control(
        "Search mode",
        MODES,
        default="hybrid",
        required=True,
        key="mode",
        bind="query-params",
        help=MODE_HELP,
    )
    k = k_col.selectbox("Results", RESULT_SIZES, key="k", bind="query-params")
    return (query or "").strip(), mode or "hybrid", int(k or RESULT_SIZES[0])


def landing(facets: Facets) -> None:
    st.markdown(
        f"The graph holds **{facets.decisions}** decisions from **{facets.cases}** cases "
        f"({facets.date_min or '?'} to {facets.date_max or '?'}). Describe a request, or choose "
        "filters on the left to list the decisions that match them. For example:"
    )
    for example in EXAMPLE_QUERIES:
        components.link(example, routes.href(routes.SEARCH_URL, {"q": example}))


def summary_line(result: SearchResult, filters: SearchFilters) -> None:
    parts = []
    if result.query_entities:
        seen = "; ".join(f"{k}: {', '.join(v)}" for k, v in result.query_entities.items())
        parts.append(f"recognised in your request: {seen}")
    active = filters.active()
    if active:
        parts.append("filters: " + ", ".join(f"{k} = {v}" for k, v in active.items()))
    parts += result.notes
    if parts:
        st.caption(escape_markdown(" · ".join(parts), keep_code=False))


def results(result: SearchResult, filters: SearchFilters) -> None:
    hits = result.hits
    summary_line(result, filters)
    if not hits:
        st.info(
            "No decision matches. Loosen a filter, or describe the request differently.",
            icon=":material/search_off:",
        )
        return
    components.stats_panel(result.stats(), result.service_outcomes)
    count, download = st.columns([0.7, 0.3], vertical_alignment="center")
    count.subheader(f"{len(hits)} precedents")
    download.download_button(
        "Download CSV",
        data=components.csv_bytes(components.hits_frame(hits)),
        file_name="imr-precedents.csv",
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
    )
    for hit in hits:
        components.hit_card(hit)


CONTRAST_PER_OUTCOME = 3


def contrast_section(query: str, filters: SearchFilters) -> None:
    """For the typed request: the nearest upheld and the nearest overturned decisions (of the
    request's service where one is recognised) and the sentences in which they differ. Behind a
    toggle bound to the URL (`&contrast=true`): it runs two more searches."""
    if not st.toggle(
        "Compare the nearest upheld and overturned decisions",
        key="contrast",
        bind="query-params",
        help="Two searches, one per outcome, and the best pair's rationales side by side",
    ):
        return
    st.subheader("Nearest upheld vs nearest overturned")
    contrast = state.cached_contrast_request(query, filters, CONTRAST_PER_OUTCOME)
    components.contrast_panel(contrast)


def main() -> None:
    st.title("Search precedents")
    facets = state.cached_facets()
    if not facets.decisions:
        components.empty_graph_notice()
        return
    filters = sidebar_filters(facets)
    query, mode, k = query_row()
    if filters.active():
        # A fresh load of the URL without filters (see ui/routes.py: a reset through session
        # state would leave the filters in the URL).
        url = routes.href(routes.SEARCH_URL, {"q": query, "mode": mode, "k": k})
        components.link("Clear all filters", url, container=st.sidebar)
    if query:
        result = state.cached_search(SearchRequest(query=query, mode=mode, k=k, filters=filters))
        contrast_section(query, filters)
    elif filters.active():
        result = state.cached_browse(filters, k)
    else:
        landing(facets)
        return
    results(result, filters)


main()
