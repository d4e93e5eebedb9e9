"""Fixtures: a real Neo4j for the session, an empty graph per module, the real embedding model.

The server is the configured one (NEO4J_URI), else the local server under IMR_HOME (default
.imr/test, never the data of `make run`), started here when it is not running. A missing server is
a failure, never a skip.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SHARED = PROJECT_ROOT.parent / "shared"
os.environ.setdefault("IMR_HOME", str(PROJECT_ROOT / ".imr" / "test"))
os.environ.setdefault("IMR_NEO4J_HEAP", "1g")
os.environ.setdefault("IMR_NEO4J_PAGECACHE", "1g")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from graph.backup import clear_graph  # noqa: E402
from graph.connection import wait_until_ready  # noqa: E402
from graph.schema import ensure_schema  # noqa: E402
from imr.localserver import LocalServer  # noqa: E402
from imr.runtime import connect  # noqa: E402
from imr.settings import Settings  # noqa: E402


def shared_dir() -> Path:
    """../shared beside the checkout; tests that need it skip with a reason when it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent (a user's clone has no shared/ folder)")
    return SHARED


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings.load()


@pytest.fixture(scope="session")
def neo4j_server(settings: Settings) -> Iterator[None]:
    started_here = False
    if not settings.neo4j_uri:
        server = LocalServer(settings)
        started_here = server.pid() is None
        server.start(wait_until_ready)
    yield
    if started_here:
        LocalServer(settings).stop()


@pytest.fixture(scope="session")
def driver(settings: Settings, neo4j_server: None):
    neo4j_driver, _ = connect(settings)
    yield neo4j_driver
    neo4j_driver.close()


@pytest.fixture(scope="session")
def database(settings: Settings, neo4j_server: None) -> str:
    from imr.settings import connection_info

    return connection_info(settings).database


wipe = clear_graph


@pytest.fixture(scope="session")
def embedder(settings: Settings):
    from ingest.embed import SentenceTransformerEmbedder

    return SentenceTransformerEmbedder(settings.embed_model, settings.embed_device)


@pytest.fixture(scope="module")
def empty_graph(driver, database: str, embedder):
    """An empty graph with the schema applied, for one test module."""
    wipe(driver, database)
    ensure_schema(driver, database, embedder.dimensions)
    return driver


@pytest.fixture(scope="session")
def cached_embedder(settings: Settings, embedder):
    """The real model behind the real on-disk cache (IMR_HOME/embeddings)."""
    from ingest.embed import CachedEmbedder, EmbeddingCache

    return CachedEmbedder(embedder, EmbeddingCache(settings.embedding_cache_dir / "cache.sqlite"))


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """60 generated letters (a few as PDFs) and 20 DMHC rows, with truth.jsonl."""
    from tests.corpus import generate

    return generate(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def corpus_graph(empty_graph, database: str, cached_embedder, corpus: Path, tmp_path_factory):
    """The test corpus ingested through the real pipeline into this module's empty graph."""
    from tests.corpus import ingest

    summary = ingest(
        empty_graph, database, cached_embedder, [corpus], tmp_path_factory.mktemp("reports")
    )
    assert summary.failed == 0, summary.failures
    return empty_graph
