"""Wiring shared by the CLI, the UI and the tests: settings → driver, model → embedder."""

from __future__ import annotations

from typing import TYPE_CHECKING

from neo4j import Driver

from graph.connection import open_driver
from imr.settings import ConnectionInfo, Settings, connection_info

if TYPE_CHECKING:  # torch is imported only when a model is needed
    from ingest.embed import CachedEmbedder


def connect(settings: Settings, *, verify: bool = True) -> tuple[Driver, ConnectionInfo]:
    """The driver for the configured server (NEO4J_URI, else the local one under IMR_HOME)."""
    info = connection_info(settings)
    return open_driver(info.uri, info.user, info.password, verify=verify), info


def embedder_for(settings: Settings) -> CachedEmbedder:
    """The configured model behind the on-disk cache."""
    from ingest.embed import CachedEmbedder, EmbeddingCache, SentenceTransformerEmbedder

    model = SentenceTransformerEmbedder(
        settings.embed_model,
        settings.embed_device,
        settings.embed_batch_size,
        backend=settings.embed_backend,
        models_dir=settings.models_dir,
    )
    return CachedEmbedder(model, EmbeddingCache(settings.embedding_cache_dir / "cache.sqlite"))
