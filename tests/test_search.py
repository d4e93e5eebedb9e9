"""Search against the real Neo4j and model: every mode, filters, explanations, Lucene safety."""

from __future__ import annotations

from datetime import date

import pytest

from graph.errors import InvalidRequestError, NotFoundError
from graph.search import MODES, PrecedentSearch, SearchFilters, SearchRequest, recognise_entities
from tests.corpus import FIXTURE_LETTERS, ingest

# Hand-written requests, described as a person would, and the fixture decision each is about:
# (query, case id, item number, graph-mode request: service, region, diagnoses)
WRITTEN_QUERIES = [
    (
        "zolpidem for insomnia taken for over a year though meant for two to six weeks",
        "CM15-0045678",
        2,
        ("zolpidem", None, ()),
    ),
    (
        "arthroscopic surgery for a torn meniscus with mechanical symptoms seen on MRI",
        "CM13-0012345",
        1,
        ("knee arthroscopy", "knee", ("right knee medial meniscus tear",)),
    ),
    (
        "first acupuncture trial because the patient cannot tolerate pain medication",
        "CM13-0001234",
        2,
        ("acupuncture", "lumbar spine", ("lumbar radiculopathy",)),
    ),
    (
        "epidural injection for radiculopathy confirmed on imaging after failed conservative care",
        "CM17-0123456",
        1,
        ("epidural steroid injection", "lumbar spine", ("lumbar radiculopathy",)),
    ),
]


@pytest.fixture(scope="module")
def searcher(empty_graph, database, cached_embedder, embedder, corpus, tmp_path_factory):
    reports = tmp_path_factory.mktemp("reports")
    letters = sorted(FIXTURE_LETTERS.glob("*_multi.txt"))
    summary = ingest(empty_graph, database, cached_embedder, [corpus, *letters], reports)
    assert summary.failed == 0, summary.failures
    return PrecedentSearch(empty_graph, database, embedder)


def count(driver, query: str, **params) -> int:
    return driver.execute_query(query, params).records[0][0]


@pytest.mark.parametrize("mode", ["semantic", "lexical", "hybrid"])
@pytest.mark.parametrize(("query", "case_id", "item", "_graph"), WRITTEN_QUERIES)
def test_text_modes_find_the_decision_a_query_describes(
    searcher, mode, query, case_id, item, _graph
):
    hits = searcher.search(SearchRequest(query=query, mode=mode, k=3)).hits
    assert f"{case_id}:{item}" in [h.decision_id for h in hits], [h.item_text for h in hits]


@pytest.mark.parametrize(("query", "case_id", "item", "graph"), WRITTEN_QUERIES)
def test_graph_mode_finds_the_decision_a_request_describes(searcher, query, case_id, item, graph):
    service, region, diagnoses = graph
    request = SearchRequest(
        query=query, mode="graph", k=3, service=service, region=region, diagnoses=diagnoses
    )
    hits = searcher.search(request).hits
    assert f"{case_id}:{item}" in [h.decision_id for h in hits]


def test_similar_leaves_out_the_decision_and_its_own_letter(searcher):
    result = searcher.similar("CM13-0001234:1", k=10)
    assert result.hits
    assert all(h.case_id != "CM13-0001234" for h in result.hits)
    assert result.query_entities["service"] == ["mri"]
    with pytest.raises(NotFoundError):
        searcher.similar("CM00-0000000:9")


FILTER_CASES = [
    (SearchFilters(outcome="overturned"), "d.outcome = 'overturned'"),
    (SearchFilters(category="pharmaceuticals"), "d.category = 'pharmaceuticals'"),
    (SearchFilters(source="dmhc"), "d.source_kind = 'dmhc'"),
    (
        SearchFilters(sex="female", age_min=40, age_max=60),
        "d.patient_sex = 'female' AND d.age_high >= 40 AND d.age_low <= 60",
    ),
    (
        SearchFilters(date_from=date(2015, 1, 1), date_to=date(2016, 12, 31)),
        "d.decision_date >= date('2015-01-01') AND d.decision_date <= date('2016-12-31')",
    ),
    (SearchFilters(diagnosis="meniscus"), "any(x IN d.diagnoses WHERE x CONTAINS 'meniscus')"),
    (SearchFilters(guideline="ODG"), "any(x IN d.guidelines WHERE x CONTAINS 'ODG')"),
    (SearchFilters(specialty="orthopedic"), "toLower(d.reviewer_specialty) CONTAINS 'orthopedic'"),
    (
        SearchFilters(service="zolpidem", outcome="upheld"),
        "d.service = 'zolpidem' AND d.outcome = 'upheld'",
    ),
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("filters", "predicate"), FILTER_CASES)
def test_filters_are_honoured_exactly_and_never_shrink_k(searcher, mode, filters, predicate):
    driver = searcher.driver
    matching = set(
        r["id"]
        for r in driver.execute_query(
            f"MATCH (d:Decision) WHERE {predicate} RETURN d.decision_id AS id"
        ).records
    )
    assert matching, f"the corpus should hold decisions with {predicate}"
    request = SearchRequest(
        query="the request is not medically necessary",
        mode=mode,
        k=10,
        filters=filters,
        service="physical therapy" if mode == "graph" else None,
    )
    hits = searcher.search(request).hits
    returned = [h.decision_id for h in hits]
    assert set(returned) <= matching
    if mode != "graph":  # graph mode only returns decisions that share something
        assert len(returned) == min(10, len(matching))


def test_a_one_percent_filter_still_returns_k(searcher):
    driver = searcher.driver
    total = count(driver, "MATCH (d:Decision) RETURN count(d)")
    # The rarest service among those with at least two decisions: about 1% of the corpus.
    record = driver.execute_query(
        "MATCH (d:Decision) WITH d.service AS s, count(*) AS n WHERE n >= 2 "
        "RETURN s, n ORDER BY n, s LIMIT 1"
    ).records[0]
    assert record["n"] / total <= 0.03
    for mode in ("semantic", "hybrid", "lexical"):
        result = searcher.search(
            SearchRequest(
                query="medically necessary",
                mode=mode,
                k=record["n"],
                filters=SearchFilters(service=record["s"]),
            )
        )
        assert len(result.hits) == record["n"], mode


def test_explanations_list_only_truly_shared_entities(searcher):
    query = "lumbar MRI requested by the physician, ACOEM low back guideline"
    result = searcher.search(SearchRequest(query=query, k=10))
    entities = recognise_entities(query)
    assert entities["service"] == ["mri"] and entities["region"] == ["lumbar spine"]
    assert any(h.shared for h in result.hits)
    for hit in result.hits:
        for kind, values in hit.shared.items():
            assert set(values) <= set(entities[kind])
            have = {
                "service": [hit.service],
                "category": [hit.category],
                "region": [hit.body_region],
                "guideline": [c.name for c in hit.citations],
                "diagnosis": hit.diagnoses,
            }[kind]
            assert set(values) <= set(have)
        if hit.service == "mri":
            assert "mri" in hit.shared.get("service", [])


def test_hits_carry_what_a_user_needs(searcher):
    hit = searcher.search(SearchRequest(query="acupuncture trial", mode="hybrid", k=1)).hits[0]
    assert hit.decision_id and hit.case_id and hit.source and hit.outcome and hit.service
    assert hit.components.semantic is not None and hit.components.lexical is not None
    assert "**" in hit.snippet_highlighted
    stats = searcher.search(SearchRequest(query="acupuncture", k=10)).stats()
    assert sum(stats.outcomes.values()) == stats.total == 10
    assert stats.guidelines and stats.years


@pytest.mark.parametrize(
    "text",
    [
        'knee (left) "MRI" AND/OR -x',
        "*:*",
        "\\",
        '"unbalanced',
        "a AND",
        "NOT",
        "title:foo~2^3",
        "' OR 1=1 //",
        "}) DETACH DELETE n //",
        "`backtick`",
        "[1 TO 5]",
        "&&||!{}",
        "x" * 1500,
    ],
)
def test_lucene_special_characters_never_error(searcher, text):
    before = count(searcher.driver, "MATCH (n) RETURN count(n)")
    for mode in ("lexical", "hybrid"):
        searcher.search(SearchRequest(query=text, mode=mode, k=5))
    assert count(searcher.driver, "MATCH (n) RETURN count(n)") == before


def test_bad_requests_are_refused_clearly(searcher):
    with pytest.raises(InvalidRequestError, match="mode must be one of"):
        searcher.search(SearchRequest(query="x", mode="magic"))
    with pytest.raises(InvalidRequestError, match="k must be within"):
        searcher.search(SearchRequest(query="x", k=0))
    with pytest.raises(InvalidRequestError, match="outcome must be one of"):
        searcher.search(SearchRequest(query="x", filters=SearchFilters(outcome="won")))
    with pytest.raises(InvalidRequestError, match="graph mode needs"):
        searcher.search(SearchRequest(mode="graph"))


def test_empty_database_gives_an_empty_result(searcher, driver, database):
    from tests.conftest import wipe

    wipe(driver, database)
    for mode in MODES:
        request = SearchRequest(
            query="physical therapy",
            mode=mode,
            k=5,
            service="physical therapy" if mode == "graph" else None,
        )
        assert searcher.search(request).hits == []
