"""Every page of the Streamlit app, run in-process with AppTest against the real test database
and the real embedding model (a generated corpus is ingested once for the module).

The tests run in file order: the empty-graph test comes before the corpus is ingested.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from graph.analytics import facets
from tests.ui_support import UiCorpus, ingest_ui_corpus
from ui import state

APP = str(Path(__file__).resolve().parents[1] / "ui" / "app.py")
TIMEOUT_S = 90  # the first search loads the embedding model
CARD_HEAD = re.compile(r"^\*\*.+\*\*  \n:(\w+)-badge\[([^\]]+)\] · ")


@pytest.fixture(autouse=True)
def fresh_data_caches() -> Iterator[None]:
    """The app's cached facets and searches belong to one test: the graph changes between them."""
    st.cache_data.clear()
    yield
    st.cache_data.clear()


@pytest.fixture(scope="module")
def ui_corpus(empty_graph, database, cached_embedder, tmp_path_factory) -> UiCorpus:
    st.cache_resource.clear()  # a driver cached by another module may point elsewhere
    return ingest_ui_corpus(
        empty_graph, database, cached_embedder, tmp_path_factory.mktemp("ui-apptest")
    )


def app(page: str | None = None, **params: str | list[str]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT_S)
    at.query_params.update(params)
    if page:
        at.switch_page(f"app_pages/{page}.py")
    return at.run()


def plain(markdown: str) -> str:
    """Markdown as the user reads it: the app escapes letter text and messages."""
    return re.sub(r"\\(.)", r"\1", markdown)


def no_failure(at: AppTest) -> None:
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def card_outcomes(at: AppTest) -> list[str]:
    return [m.group(2).lower() for m in (CARD_HEAD.match(md.value) for md in at.markdown) if m]


# -- an empty graph -------------------------------------------------------------------------------
def test_empty_graph_says_how_to_ingest_the_sample(empty_graph, database):
    assert facets(empty_graph, database).decisions == 0, "run this module's tests in file order"
    st.cache_resource.clear()
    at = app()
    no_failure(at)
    assert "holds no decisions" in at.info[0].value
    assert any(code.value == "imr ingest data/sample" for code in at.code)


# -- search ---------------------------------------------------------------------------------------
def test_search_honours_the_filter_and_shows_the_stats_first(ui_corpus: UiCorpus):
    service = ui_corpus.upheld_service
    at = app(q=service, outcome="upheld", mode="hybrid", age_min="18")
    no_failure(at)
    assert at.text_input(key="q").value == service  # restored from the URL
    assert at.selectbox(key="outcome").value == "upheld"
    assert at.number_input(key="age_min").value == 18
    outcomes = card_outcomes(at)
    assert outcomes and set(outcomes) == {"upheld"}
    markdown = [m.value for m in at.markdown]
    stats_at = next(i for i, v in enumerate(markdown) if v.startswith("**Outcomes of these"))
    first_card = next(i for i, v in enumerate(markdown) if CARD_HEAD.match(v))
    assert stats_at < first_card, "the precedent stats come before the result cards"
    header = f"**Outcomes of these {len(outcomes)} precedents**"
    assert any(v.startswith(header) and "0% overturned" in v for v in markdown), "per source"
    assert any(v.startswith("**Most-cited guidelines**") for v in markdown)
    assert f"{len(outcomes)} precedents" in [s.value for s in at.subheader]
    assert at.get("download_button")[0].label == "Download CSV"
    clear = f'<a href="./?q={service.replace(" ", "+")}&amp;mode=hybrid&amp;k=10" target="_self">'
    assert any(m.value.startswith(clear) for m in at.sidebar.markdown), "Clear all filters"
    opens = [m.value for m in at.markdown if m.value.startswith('<a href="decision?decision=')]
    assert len(opens) == len(outcomes), "every card links to its decision page"


def test_filters_alone_list_the_matching_decisions(ui_corpus: UiCorpus):
    category = ui_corpus.facets.options("category")[0]
    at = app(category=category, k="25")
    no_failure(at)
    assert at.selectbox(key="category").value == category
    captions = [plain(c.value) for c in at.caption]
    assert any("no query text" in c for c in captions)
    assert any(f"filters: category = {category}" in c for c in captions)
    facts = [c for c in captions if " · DWC workers" in c or " · DMHC health plan" in c]
    assert facts and all(category in c for c in facts)


def test_every_search_mode_runs(ui_corpus: UiCorpus):
    for mode in ("semantic", "lexical", "graph"):
        at = app(q="lumbar MRI without red flags", mode=mode)
        no_failure(at)
        assert card_outcomes(at), mode


def test_a_bad_filter_combination_is_a_message_not_a_traceback(ui_corpus: UiCorpus):
    at = app(q="mri", **{"from": "2016-01-01", "to": "2014-01-01"})
    assert not at.exception
    assert "the from date is after the to date" in plain(at.warning[0].value)


# -- decision -------------------------------------------------------------------------------------
def test_decision_page_shows_the_whole_decision(ui_corpus: UiCorpus):
    hit = ui_corpus.decision
    at = app("decision", decision=hit.decision_id)
    no_failure(at)
    assert at.title[0].value == hit.item_text
    subheaders = [s.value for s in at.subheader]
    for heading in ("Decision rationale", "Guidelines relied on", "Case summary",
                    "Similar precedents", "Neighbourhood in the graph"):  # fmt: skip
        assert heading in subheaders
    table = at.table[0].value
    assert set(table["guideline"]) == {c.name for c in hit.citations}
    markdown = "\n".join(m.value for m in at.markdown)
    assert ":green-badge[Overturned]" in markdown
    for diagnosis in hit.diagnoses:
        assert diagnosis in plain(markdown)
    # Nearest upheld and nearest overturned, side by side, each filled.
    assert "**Nearest :red-badge[Upheld]**" in markdown
    assert "**Nearest :green-badge[Overturned]**" in markdown
    outcomes = card_outcomes(at)
    assert "upheld" in outcomes and "overturned" in outcomes
    # The neighbourhood graph: the decision, its case, guidelines and the similar precedents.
    graph = at.get("bidi_component")[0].proto
    data = json.loads(graph.json)
    ids = {node["id"] for node in data["nodes"]}
    assert f"Decision:{hit.decision_id}" in ids and f"Case:{hit.case_id}" in ids
    assert {f"Guideline:{c.name}" for c in hit.citations} <= ids
    assert sum(1 for i in ids if i.startswith("Decision:")) == 1 + len(outcomes)


def test_unknown_decision_is_a_warning(ui_corpus: UiCorpus):
    at = app("decision", decision="CM00-0000000:9")
    assert not at.exception
    assert "No decision with id 'CM00-0000000:9'" in plain(at.warning[0].value)


# -- analytics ------------------------------------------------------------------------------------
def test_analytics_draws_a_chart_per_dimension_linked_to_search(ui_corpus: UiCorpus):
    at = app("analytics")
    no_failure(at)
    assert [s.value for s in at.subheader] == [
        "By treatment category",
        "By requested service",
        "By guideline cited",
        "By year of decision",
        "By reviewer specialty",
    ]
    assert len(at.get("vega_lite_chart")) == 5
    category = ui_corpus.facets.options("category")[0]
    at.selectbox(key="pick-category").select(category).run()
    at.selectbox(key="pick-year").select_index(0).run()
    category_link, year_link = (
        m.value for m in at.markdown if m.value.endswith(">Search these →</a>")
    )
    assert category_link.startswith(f'<a href="./?category={category.replace(" ", "+")}"')
    assert re.match(r'<a href="\./\?from=(\d{4})-01-01&amp;to=\1-12-31"', year_link)


# -- Cypher console -------------------------------------------------------------------------------
def test_console_refuses_a_write(ui_corpus: UiCorpus, driver, database):
    at = app("cypher")
    at.text_area(key="cypher-query").set_value("CREATE (n:Decision {decision_id: 'x'}) RETURN n")
    at.button[0].click().run()
    assert not at.exception
    assert "Refused: the console is read-only" in plain(at.error[0].value)
    assert facets(driver, database).decisions == ui_corpus.facets.decisions


def test_console_runs_an_example_with_parameters(ui_corpus: UiCorpus):
    at = app("cypher")
    at.selectbox(key="cypher-example").select("Reviewer specialties deciding a service ($service)")
    at.run()
    assert "$service" in at.text_area(key="cypher-query").value
    at.text_area(key="cypher-params").set_value(f"service={ui_corpus.upheld_service}")
    at.button[0].click().run()
    no_failure(at)
    frame = at.dataframe[0].value
    assert list(frame.columns) == ["specialty", "decisions", "overturned"]
    assert frame["decisions"].sum() >= 2


def test_console_reports_truncation(ui_corpus: UiCorpus):
    at = app("cypher")
    at.text_area(key="cypher-query").set_value("MATCH (d:Decision) RETURN d.decision_id AS id")
    at.number_input[1].set_value(3)
    at.button[0].click().run()
    no_failure(at)
    assert len(at.dataframe[0].value) == 3
    assert "Showing the first 3 rows only" in at.warning[0].value


# -- ingest ---------------------------------------------------------------------------------------
def test_ingest_page_reports_each_file(ui_corpus: UiCorpus, tmp_path):
    letter = next((ui_corpus.folder / "letters").glob("*.txt"))
    at = app("ingest")
    no_failure(at)
    uploader = at.get("file_uploader")[0]
    assert uploader.allowed_type == [".txt", ".pdf", ".csv"] and uploader.accept_multiple_files
    uploader.set_value(
        [
            (letter.name, letter.read_bytes(), "text/plain"),
            ("../../notes.txt", b"Dear colleague, see you on Monday.", "text/plain"),
            ("empty.pdf", b"", "application/pdf"),
        ]
    )
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    uploads_dir = state.services().settings.imr_home / "uploads"
    saved_before = set(uploads_dir.rglob("*"))
    at.button[0].click().run()
    assert not at.exception
    report = at.table[0].value.set_index("File")
    assert report.loc[letter.name, "Outcome"] == "skipped"  # same content is already loaded
    assert "already in the graph" in report.loc[letter.name, "Reason / notes"]
    assert report.loc["../../notes.txt", "Outcome"] == "failed"
    assert "not an IMR determination letter" in report.loc["../../notes.txt", "Reason / notes"]
    assert report.loc["empty.pdf", "Outcome"] == "failed"
    assert report.loc["empty.pdf", "Reason / notes"] == "the file is empty"
    assert "0 ingested, 1 skipped, 2 failed" in at.warning[0].value
    assert not list(uploads_dir.parent.glob("notes.txt")), "nothing is written outside uploads/"
    assert set(uploads_dir.rglob("*")) == saved_before, "files not ingested are deleted"


# -- Neo4j down -----------------------------------------------------------------------------------
def test_neo4j_down_says_what_to_do(monkeypatch):
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:9")
    monkeypatch.setenv("NEO4J_PASSWORD", "x")
    state.forget_connection()
    try:
        for page in (None, "analytics", "cypher", "ingest"):
            at = app(page)
            assert not at.exception
            assert "Neo4j is not reachable at bolt://127.0.0.1:9" in plain(at.error[0].value)
            assert any(code.value == "imr neo4j start" for code in at.code)
    finally:
        state.forget_connection()


# -- decision page by case number (issue 13) ------------------------------------------------------
def case_items(driver, database, decision_id: str) -> list[tuple[str, str]]:
    """(decision id, item text) of every item of the decision's case, in item order, read
    through the decision itself and its siblings (not through the case lookup under test)."""
    from graph.decision import decision_detail

    detail = decision_detail(driver, database, decision_id)
    items = [(detail.item_number, detail.decision_id, detail.item_text)]
    items += [(s.item_number, s.decision_id, s.item_text) for s in detail.siblings]
    return [(d, t) for _, d, t in sorted(items, key=lambda i: (i[0] or 0, i[1]))]


def test_a_case_number_opens_its_decisions(ui_corpus: UiCorpus, driver, database):
    hit = ui_corpus.decision
    items = case_items(driver, database, hit.decision_id)
    for params in ({"decision": hit.case_id.lower()}, {"case": hit.case_id}):
        at = app("decision", **params)
        no_failure(at)
        assert at.title[0].value == items[0][1], "the case's first item is shown"
        count = len(items)
        assert any(
            f"Case {hit.case_id} has {count} decided item" in plain(i.value) for i in at.info
        )
        links = [m.value for m in at.markdown if m.value.startswith('<a href="decision?decision=')]
        for decision_id, _ in items:
            assert any(f"decision={decision_id.replace(':', '%3A')}" in link for link in links)


def test_a_decision_id_opens_without_the_case_list(ui_corpus: UiCorpus):
    at = app("decision", decision=ui_corpus.decision.decision_id)
    no_failure(at)
    assert not any("decided item" in i.value for i in at.info)


def test_an_unknown_case_number_names_what_was_looked_up(ui_corpus: UiCorpus):
    at = app("decision", decision="CM99-9999999")
    assert not at.exception
    warning = plain(at.warning[0].value)
    assert "No decision with id 'CM99-9999999', nor a case with that number" in warning
    assert "IMR case number or DMHC Reference ID" in warning


def test_the_sidebar_opens_a_case_by_number(ui_corpus: UiCorpus):
    hit = ui_corpus.decision
    at = app("decision", decision=hit.decision_id)
    at.sidebar.text_input(key="open-id").set_value(f"Case Number: {hit.case_id}").run()
    no_failure(at)
    assert at.query_params["decision"] == f"Case Number: {hit.case_id}"  # shareable
    assert at.sidebar.text_input(key="open-id").value == "", "the box is emptied"
    assert any(f"Case {hit.case_id} has" in plain(i.value) for i in at.info)


def test_a_dmhc_reference_id_opens_its_decision(ui_corpus: UiCorpus):
    from graph.search import SearchFilters

    row = state.searcher().browse(SearchFilters(source="dmhc"), k=1).hits[0]
    at = app("decision", decision=row.case_id)
    no_failure(at)
    assert at.title[0].value == row.item_text


# -- nearest upheld vs overturned for a typed request (issue 13) ---------------------------------
def test_search_compares_the_nearest_upheld_and_overturned(ui_corpus: UiCorpus):
    service = ui_corpus.decision.service
    at = app(q=f"request for {service}")
    no_failure(at)
    assert not any("Where the reasoning differs" in m.value for m in at.markdown), "off by default"
    at.toggle(key="contrast").set_value(True).run()
    no_failure(at)
    assert "Nearest upheld vs nearest overturned" in [s.value for s in at.subheader]
    markdown = [m.value for m in at.markdown]
    assert "**Nearest :red-badge[Upheld]**" in markdown
    assert "**Nearest :green-badge[Overturned]**" in markdown
    differs = next(m for m in markdown if m.startswith("**Where the reasoning differs**"))
    assert re.search(r"\(\d+ of \d+ upheld, \d+ of \d+ overturned\)", differs)
    # Only the key differences are marked strongly (at most 3 a side); the rest stay grey.
    strong = sum(m.count(":orange-background[**") for m in markdown if m != differs)
    assert 1 <= strong <= 6, "key differences highlighted, at most 3 per side"
    # Shareable: the URL alone turns it on.
    shared = app(q=f"request for {service}", contrast="true")
    no_failure(shared)
    assert shared.toggle(key="contrast").value is True
    assert any(m.value.startswith("**Where the reasoning differs**") for m in shared.markdown)


# -- guideline analytics per service (issue 13) ---------------------------------------------------
def test_analytics_for_one_service_tables_and_csv(ui_corpus: UiCorpus, driver, database):
    from graph.analytics import service_analytics

    service = ui_corpus.upheld_service
    at = app("analytics", service=service)
    no_failure(at)
    assert at.selectbox(key="service").value == service
    subheaders = [s.value for s in at.subheader]
    for title in (
        "Guidelines cited (pages as written)",
        "Overturn rate by year of decision",
        "Overturn rate by reviewer specialty",
    ):
        assert title in subheaders
    report = service_analytics(driver, database, service)
    tables = report.tables()
    frames = [d.value for d in at.dataframe]
    guidelines = frames[0]
    assert list(guidelines["guideline"]) == [r["guideline"] for r in tables["guidelines"]]
    assert list(guidelines["upheld"]) == [r["upheld"] for r in tables["guidelines"]]
    assert list(frames[1]["decisions"]) == [r["decisions"] for r in tables["by_year"]]
    downloads = [b for b in at.get("download_button") if b.label == "Download CSV"]
    assert len(downloads) == sum(1 for rows in tables.values() if rows)
