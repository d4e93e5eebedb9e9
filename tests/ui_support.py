"""Shared by the UI tests: a small generated corpus ingested into the test database, and the
facts about it that the tests look for on the pages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from graph.analytics import Facets, facets
from graph.search import PrecedentSearch, SearchFilters, SearchHit
from tests.corpus import generate, ingest

LETTERS = 40
DMHC_ROWS = 10
SEED = 61


@dataclass(frozen=True)
class UiCorpus:
    folder: Path
    facets: Facets
    decision: SearchHit  # an overturned DWC decision with guidelines and diagnoses
    upheld_service: str  # a service with at least two upheld decisions


def ingest_ui_corpus(driver, database: str, embedder, folder: Path) -> UiCorpus:
    corpus = generate(folder / "corpus", n=LETTERS, seed=SEED, dmhc_rows=DMHC_ROWS)
    summary = ingest(driver, database, embedder, [corpus], reports_dir=folder / "reports")
    assert summary.ingested >= LETTERS, summary.failures
    searcher = PrecedentSearch(driver, database, embedder)
    overturned = searcher.browse(SearchFilters(outcome="overturned", source="dwc"), k=100).hits
    decision = next(h for h in overturned if h.citations and h.diagnoses)
    upheld = searcher.browse(SearchFilters(outcome="upheld"), k=500).hits
    services = [h.service for h in upheld]
    upheld_service = max(set(services), key=services.count)
    return UiCorpus(corpus, facets(driver, database), decision, upheld_service)
