"""Search against the real Neo4j and model: every mode, filters, explanations, Lucene safety."""

from __future__ import annotations

from dataclasses import replace
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
        ("arthroscopy", "knee", ("right knee medial meniscus tear",)),
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
        relevance_floor=False,  # the filter contract alone; the floor may leave out more
    )
    hits = searcher.search(request).hits
    returned = [h.decision_id for h in hits]
    floored = [h.decision_id for h in searcher.search(replace(request, relevance_floor=True)).hits]
    assert set(floored) <= matching
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
    # The relevance floor: only decisions of the service or that mention it, however few.
    about = count(
        searcher.driver,
        "MATCH (d:Decision) WHERE d.service = 'acupuncture' "
        "OR toLower(d.rationale + ' ' + d.item_text) CONTAINS 'acupuncture' RETURN count(d)",
    )
    assert sum(stats.outcomes.values()) == stats.total == min(10, about)
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


# -- relevance floor, per-source stats, graph-mode fallback, tie-breakers (issue 13) ---------
NONSENSE = "zzqx unknown treatment"


@pytest.mark.parametrize("mode", MODES)
def test_a_nonsense_query_finds_nothing_and_says_why(searcher, mode):
    result = searcher.search(SearchRequest(query=NONSENSE, mode=mode, k=10))
    assert result.hits == []
    assert result.stats().total == 0 and result.stats().overturn_rate is None
    assert result.service_outcomes == []
    assert any("relevance floor" in note for note in result.notes), result.notes
    unfloored = searcher.search(
        SearchRequest(query=NONSENSE, mode=mode, k=10, relevance_floor=False)
    )
    if mode != "lexical":  # without the floor the nearest decisions by meaning come back
        assert unfloored.hits


INCIDENTAL = [
    "the dispute dates back to the first report",
    "she came back to work last month",
    "on the other hand the records are incomplete",
    "a compound fracture was not documented",
    "pt reports the request was denied",
    "he was head of his department",
    "ot and pt are abbreviations here",
    "it sets the record straight",
]


@pytest.mark.parametrize("text", INCIDENTAL)
def test_incidental_words_are_not_entities(text):
    entities = recognise_entities(text)
    assert "region" not in entities and "service" not in entities, entities


@pytest.mark.parametrize(
    ("text", "service", "region"),
    [
        ("chronic back pain for years", None, "lumbar spine"),
        ("12 PT visits lumbar spine after fusion", "physical therapy", "lumbar spine"),
        ("acupuncture for chronic neck pain", "acupuncture", "cervical spine"),
        ("left hand pain after a fall", None, "hand"),
        ("topical compound cream for the knee", "compounded topical cream", "knee"),
        ("lumbar MRI without red flags", "mri", "lumbar spine"),
    ],
)
def test_whole_phrases_are_entities(text, service, region):
    entities = recognise_entities(text)
    assert entities.get("service", [None])[0] == service
    assert entities.get("region", [None])[0] == region


def test_stats_are_per_source_and_cover_the_whole_service(searcher):
    result = searcher.search(SearchRequest(query="physical therapy visits", k=10))
    stats = result.stats()
    assert stats.total == len(result.hits) > 0
    assert sum(sum(c.values()) for c in stats.sources.values()) == stats.total
    for source, counts in stats.sources.items():
        assert sum(counts.values()) == sum(1 for h in result.hits if h.source_kind == source)
    assert result.service_outcomes
    for row in result.service_outcomes:
        assert row.service == "physical therapy"
        assert row.total == count(
            searcher.driver,
            "MATCH (d:Decision {service: $s, source_kind: $k}) RETURN count(d)",
            s="physical therapy",
            k=row.source_kind,
        )
    assert sum(row.total for row in result.service_outcomes) >= stats.total


def test_graph_mode_without_entities_falls_back_to_semantic(searcher):
    query = "sleeping pills taken nightly for more than a year for insomnia"
    assert recognise_entities(query) == {}
    result = searcher.search(SearchRequest(query=query, mode="graph", k=5))
    assert any("no service, body region" in n and "fell back" in n for n in result.notes)
    assert result.hits, result.notes
    assert all(
        h.components.semantic is not None and h.components.graph is None for h in result.hits
    )


def test_graph_mode_with_nothing_shared_says_so_and_falls_back(searcher):
    request = SearchRequest(
        query="acupuncture trial for pain",
        mode="graph",
        k=5,
        service="acupuncture",
        filters=SearchFilters(service="zolpidem"),
    )
    result = searcher.search(request)
    assert any("no decision shares" in n and "fell back" in n for n in result.notes)
    assert all(h.service == "zolpidem" for h in result.hits)


def test_age_sex_and_year_break_ties(searcher):
    from graph.relevance import query_facts

    facts = query_facts("52-year-old female, decided in 2015")
    assert (facts.age, facts.sex, facts.year) == (52, "female", 2015)
    request = SearchRequest(
        query="52-year-old female",
        mode="graph",
        k=30,
        service="physical therapy",
        fuse_semantic=False,
    )
    hits = searcher.search(request).hits
    runs: dict[float, list] = {}
    for hit in hits:
        runs.setdefault(hit.score, []).append(hit)
    tied = [run for run in runs.values() if len(run) > 1]
    assert tied, "the graph-only scores should tie"
    for run in tied:
        misses = [int(h.patient_sex != "female") for h in run]
        assert misses == sorted(misses)
        for sex in (0, 1):
            ages = [h.patient_age for h, m in zip(run, misses, strict=True) if m == sex]
            known = [abs(age - 52) for age in ages if age is not None]
            assert known == sorted(known)


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
