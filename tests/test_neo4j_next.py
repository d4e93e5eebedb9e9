"""Neo4j 2026.x: a local server of its own (IMR_NEO4J_VERSION), the vector index with filter
properties, and filtered semantic search through the Cypher SEARCH clause, checked against the
exact cosine ranking of the filtered subset.

It needs a Java 21 or 25 (2026.x does not run on 17) and Maven Central on the first run. No such
Java: a failure in CI, a skip elsewhere. The release: IMR_TEST_NEO4J_NEXT_VERSION (default below).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from graph import queries
from graph.connection import wait_until_ready
from graph.errors import ConfigurationError
from graph.overview import server_version
from graph.schema import ensure_schema, search_clause_supported, show_schema
from graph.search import PrecedentSearch, SearchFilters, SearchRequest
from imr.localserver import LocalServer, find_java
from imr.runtime import connect
from imr.settings import Settings
from tests.corpus import ingest

NEXT_VERSION = os.environ.get("IMR_TEST_NEO4J_NEXT_VERSION", "2026.08.1")
QUERIES = (
    "physical therapy after knee surgery without functional improvement",
    "opioid refill for chronic low back pain, no documented benefit",
    "MRI of the lumbar spine without red flags",
    "acupuncture trial because medication is not tolerated",
)


def java_for_next() -> Path:
    """A Java the 2026.x server runs on; JAVA_HOME first, then the usual places."""
    try:
        return find_java(neo4j_version=NEXT_VERSION)
    except ConfigurationError as first:
        # A JAVA_HOME set for the 5.26 server (Java 17) must not hide a Java 21+ beside it.
        env = {k: v for k, v in os.environ.items() if k != "JAVA_HOME"}
        try:
            return find_java(env, neo4j_version=NEXT_VERSION)
        except ConfigurationError:
            message = f"Neo4j {NEXT_VERSION} needs Java 21 or 25: {first}"
            if os.environ.get("CI"):
                pytest.fail(message)
            pytest.skip(message)


@pytest.fixture(scope="module")
def next_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    java = java_for_next()
    home = tmp_path_factory.mktemp("imr-next")
    env = {
        **os.environ,
        "IMR_HOME": str(home),
        "IMR_NEO4J_VERSION": NEXT_VERSION,
        "IMR_NEO4J_HEAP": "512m",
        "IMR_NEO4J_PAGECACHE": "256m",
    }
    env.pop("NEO4J_URI", None)
    settings = Settings.load(env)
    server = LocalServer(settings)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JAVA_HOME", str(java.resolve().parent.parent))
        server.start(wait_until_ready)
    try:
        yield settings
    finally:
        server.stop()


@pytest.fixture(scope="module")
def loaded(next_server: Settings, embedder, corpus: Path, tmp_path_factory) -> Iterator[Any]:
    from ingest.embed import CachedEmbedder, EmbeddingCache

    driver, info = connect(next_server)
    ensure_schema(driver, info.database, embedder.dimensions)
    work = tmp_path_factory.mktemp("next-work")
    cached = CachedEmbedder(embedder, EmbeddingCache(work / "cache.sqlite"))
    summary = ingest(driver, info.database, cached, [corpus], work / "reports")
    assert summary.failed == 0, summary.failures
    stored = driver.execute_query(queries.COUNT_DECISIONS, database_=info.database).records
    assert summary.decisions > 0 and stored[0]["total"] == summary.decisions, (summary, stored)
    yield driver, info.database
    driver.close()


@pytest.fixture(scope="module")
def searcher(loaded, embedder) -> PrecedentSearch:
    driver, database = loaded
    return PrecedentSearch(driver, database, embedder)


@pytest.fixture(scope="module")
def vectors(embedder) -> dict[str, list[float]]:
    return {q: [float(x) for x in v] for q, v in zip(QUERIES, embedder.embed(QUERIES), strict=True)}


def exact_ids(searcher: PrecedentSearch, vector: list[float], filters: SearchFilters, k: int):
    """Exact cosine over the filtered subset: the ranking SEARCH must reproduce."""
    params = filters.parameters()
    records = searcher.driver.execute_query(
        queries.decision_exact_vector_search(params),
        {**params, "vector": vector, "limit": k},
        database_=searcher.database,
    ).records
    return [r["decision_id"] for r in records]


def most_common(driver, database: str, prop: str) -> str:
    records = driver.execute_query(
        f"MATCH (d:Decision) RETURN d.{prop} AS v", database_=database
    ).records
    values = Counter(r["v"] for r in records if r["v"])
    assert values, f"no decision has a {prop}: {len(records)} decisions, {records[:3]}"
    return values.most_common(1)[0][0]


def test_the_server_is_the_selected_release_with_filter_properties_on_the_vector_index(loaded):
    driver, database = loaded
    version = server_version(driver)
    assert version and version.startswith(NEXT_VERSION), version
    assert search_clause_supported(version)
    indexed = show_schema(driver, database).vector_filter_properties()
    assert set(queries.VECTOR_FILTER_PROPERTIES) <= set(indexed)


def test_filtered_semantic_search_uses_search_and_matches_exact_cosine(loaded, searcher, vectors):
    driver, database = loaded
    assert searcher.search_clause
    service = most_common(driver, database, "service")
    category = most_common(driver, database, "category")
    filter_sets = [
        SearchFilters(service=service),
        SearchFilters(category=category, outcome="upheld"),
        SearchFilters(date_from=date(2015, 1, 1), date_to=date(2018, 12, 31), age_min=30),
        SearchFilters(source="dmhc", sex="female"),
    ]
    k = 5
    for filters in filter_sets:
        for query, vector in vectors.items():
            notes: list[str] = []
            got = [d for d, _ in searcher.vector_candidates(vector, filters.parameters(), k, notes)]
            assert notes == ["filter applied inside the vector index (SEARCH clause)"], notes
            expected = exact_ids(searcher, vector, filters, k)
            assert expected, f"the filter {filters} matches nothing in the corpus"
            assert got == expected, (filters, query)
    # The whole search: same hits, same shape as on 5.26.
    filters = filter_sets[0]
    result = searcher.search(SearchRequest(query=QUERIES[0], mode="semantic", k=k, filters=filters))
    assert any("SEARCH clause" in note for note in result.notes), result.notes
    assert [h.decision_id for h in result.hits] == exact_ids(
        searcher, vectors[QUERIES[0]], filters, k
    )
    assert all(h.service == filters.service and h.components.semantic for h in result.hits)


def test_filters_outside_the_index_keep_the_existing_path(loaded, searcher, vectors):
    filters = SearchFilters(diagnosis="lumbar")
    result = searcher.search(SearchRequest(query=QUERIES[2], mode="semantic", k=5, filters=filters))
    assert not any("SEARCH clause" in note for note in result.notes), result.notes
    expected = exact_ids(searcher, vectors[QUERIES[2]], filters, 5)
    assert expected
    assert [h.decision_id for h in result.hits] == expected


def test_hybrid_with_an_in_index_filter_returns_filtered_hits(loaded, searcher):
    driver, database = loaded
    category = most_common(driver, database, "category")
    filters = SearchFilters(category=category)
    result = searcher.search(SearchRequest(query=QUERIES[0], mode="hybrid", k=5, filters=filters))
    assert result.hits
    assert all(hit.category == category for hit in result.hits)
    assert any("SEARCH clause" in note for note in result.notes), result.notes


def test_an_index_made_without_filter_properties_falls_back(loaded, embedder, vectors):
    """A 2026.x database whose vector index predates the filter properties (say, upgraded from
    5.26): the searcher sees it and keeps the 5.26 path instead of failing in SEARCH."""
    driver, database = loaded
    driver.execute_query(f"DROP INDEX {queries.VECTOR_INDEX_NAME}", database_=database)
    try:
        driver.execute_query(queries.vector_index(embedder.dimensions), database_=database)
        driver.execute_query(queries.AWAIT_INDEXES, {"timeout_s": 120}, database_=database)
        searcher = PrecedentSearch(driver, database, embedder)
        assert not searcher.search_clause
        filters = SearchFilters(source="dwc")
        notes: list[str] = []
        got = searcher.vector_candidates(vectors[QUERIES[1]], filters.parameters(), 5, notes)
        assert not any("SEARCH clause" in note for note in notes), notes
        assert [d for d, _ in got] == exact_ids(searcher, vectors[QUERIES[1]], filters, 5)
    finally:
        driver.execute_query(f"DROP INDEX {queries.VECTOR_INDEX_NAME}", database_=database)
        ensure_schema(driver, database, embedder.dimensions)


# -- without a server ---------------------------------------------------------------------------
def test_release_parsing_java_choice_and_setting(tmp_path):
    no_dotenv = tmp_path / ".env"
    from imr.localserver import supported_java

    assert search_clause_supported("2026.08.1 community")
    assert search_clause_supported("2026.01.0")
    assert not search_clause_supported("2025.12.1")
    assert not search_clause_supported("5.26.30 community")
    assert not search_clause_supported(None)
    assert supported_java("5.26.30") == (17, 21)
    assert supported_java("2026.08.1") == (21, 25)
    assert Settings.load({"IMR_NEO4J_VERSION": "2026.08.1"}, no_dotenv).neo4j_version == "2026.08.1"
    assert Settings.load({}, no_dotenv).neo4j_version == "5.26.30"
    with pytest.raises(ConfigurationError, match="IMR_NEO4J_VERSION"):
        Settings.load({"IMR_NEO4J_VERSION": "latest"}, no_dotenv)


def test_no_suitable_java_is_one_clear_line(tmp_path):
    fake = tmp_path / "jdk17" / "bin"
    fake.mkdir(parents=True)
    (fake / "java").write_text("#!/bin/sh\necho 'openjdk version \"17.0.9\"' >&2\n")
    (fake / "java").chmod(0o755)
    with pytest.raises(ConfigurationError) as error:
        find_java({"JAVA_HOME": str(fake.parent)}, neo4j_version="2026.08.1")
    message = str(error.value)
    assert "\n" not in message
    assert "Neo4j 2026.08.1 needs Java 21 or 25" in message and "Java 17" in message


def test_a_home_is_not_moved_to_another_release(tmp_path):
    settings = Settings.load(
        {"IMR_HOME": str(tmp_path), "IMR_NEO4J_VERSION": "2026.08.1"}, tmp_path / ".env"
    )
    server = LocalServer(settings)
    (server.home / "data" / "databases" / "neo4j").mkdir(parents=True)
    server._write_state({"version": "5.26.30"})
    with pytest.raises(ConfigurationError, match=r"holds a Neo4j 5\.26\.30 database"):
        server.start(wait_until_ready)
