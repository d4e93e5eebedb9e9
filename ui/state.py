"""Cached resources (driver, embedding model, searcher) and cached reads (facets, analytics).

Resources live for the server process (`st.cache_resource`); aggregates expire after a few
minutes (`st.cache_data(ttl=...)`) and are cleared at once after an upload is ingested.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import streamlit as st
from neo4j import Driver

from graph.analytics import (
    Facets,
    OutcomeRate,
    ServiceAnalytics,
    facets,
    outcome_rates,
    service_analytics,
)
from graph.contrast import Contrast, contrast_decision, contrast_request
from graph.search import PrecedentSearch, SearchFilters, SearchRequest, SearchResult
from imr.runtime import connect, embedder_for
from imr.settings import Settings

if TYPE_CHECKING:
    from ingest.embed import CachedEmbedder

FACETS_TTL_S = 300
ANALYTICS_TTL_S = 300
# Every widget click reruns the page; a short-lived cache keeps those reruns from searching again.
SEARCH_TTL_S = 120


@dataclass(frozen=True)
class Services:
    settings: Settings
    driver: Driver
    database: str
    uri: str


@st.cache_resource(show_spinner="Connecting to Neo4j…")
def services() -> Services:
    """The configured Neo4j (raises DatabaseUnavailableError etc.; a failure is not cached)."""
    settings = Settings.load()
    driver, info = connect(settings)
    return Services(settings=settings, driver=driver, database=info.database, uri=info.uri)


@st.cache_resource(show_spinner="Loading the embedding model…")
def embedder() -> CachedEmbedder:
    return embedder_for(services().settings)


@st.cache_resource(show_spinner=False)
def searcher() -> PrecedentSearch:
    found = services()
    return PrecedentSearch(found.driver, found.database, embedder())


@st.cache_data(ttl=FACETS_TTL_S, show_spinner=False)
def cached_facets() -> Facets:
    found = services()
    return facets(found.driver, found.database)


@st.cache_data(ttl=ANALYTICS_TTL_S, show_spinner="Counting outcomes…")
def cached_outcome_rates(by: str, source: str | None, limit: int) -> list[OutcomeRate]:
    found = services()
    return outcome_rates(found.driver, found.database, by, source=source, limit=limit)


@st.cache_data(ttl=SEARCH_TTL_S, max_entries=256, show_spinner="Searching…")
def cached_search(request: SearchRequest) -> SearchResult:
    return searcher().search(request)


@st.cache_data(ttl=SEARCH_TTL_S, max_entries=256, show_spinner="Searching…")
def cached_browse(filters: SearchFilters, k: int) -> SearchResult:
    return searcher().browse(filters, k)


@st.cache_data(ttl=ANALYTICS_TTL_S, show_spinner="Counting the service's outcomes…")
def cached_service_analytics(service: str, source: str | None) -> ServiceAnalytics:
    found = services()
    return service_analytics(found.driver, found.database, service, source=source)


@st.cache_data(ttl=SEARCH_TTL_S, max_entries=128, show_spinner="Comparing precedents…")
def cached_contrast_request(query: str, filters: SearchFilters, k: int) -> Contrast:
    found = services()
    return contrast_request(found.driver, found.database, embedder(), query, filters=filters, k=k)


@st.cache_data(ttl=SEARCH_TTL_S, max_entries=128, show_spinner="Comparing precedents…")
def cached_contrast_decision(decision_id: str, k: int) -> Contrast:
    return contrast_decision(searcher(), decision_id, k=k)


def forget_connection() -> None:
    """Drop the cached driver, so the next run reconnects (the local server may have come back
    on another port)."""
    services.clear()
    searcher.clear()
    clear_data()


def clear_data() -> None:
    """After an ingest: the dropdowns and charts must show the new decisions at once."""
    for cached in (
        cached_facets,
        cached_outcome_rates,
        cached_search,
        cached_browse,
        cached_service_analytics,
        cached_contrast_request,
        cached_contrast_decision,
    ):
        cached.clear()
