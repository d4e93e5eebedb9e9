"""The embedding model's runtimes: the overlapped (GPU) encoder checked on the CPU against the
stock encode(), and the ONNX backends against PyTorch. Real model, no mocks."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from graph.errors import ConfigurationError
from imr.settings import Settings
from ingest.embed import SentenceTransformerEmbedder
from ingest.overlapped import OverlappedEncoder
from ingest.window import head_and_tail

SHORT = "The request for a lumbar MRI is not medically necessary."
LONG = " ".join(
    f"Sentence {n}: the claimant reports persistent low back pain after {n} sessions of therapy."
    for n in range(60)
)  # ~900 word pieces: far over the 256-token window, so the head-and-tail cut applies
TEXTS = [SHORT, LONG, "Upheld.", LONG.replace("therapy", "acupuncture"), SHORT.upper()] * 3


def cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.sum(a * b, axis=1)


def test_head_and_tail_keeps_both_ends_within_budget() -> None:
    ids = list(range(100))
    assert head_and_tail(ids, 200) == ids
    kept = head_and_tail(ids, 10)
    assert kept == [0, 1, 2, 3, 4, 95, 96, 97, 98, 99]


def test_overlapped_encoder_matches_stock_encode_row_by_row(embedder) -> None:
    stock = embedder.embed(TEXTS)
    # Tiny chunks and batches: several chunks in flight, batches re-sorted by length.
    encoder = OverlappedEncoder(embedder._load(), batch_size=2, chunk_size=4, prefetch_chunks=2)
    overlapped = encoder.encode(TEXTS)
    assert overlapped.shape == stock.shape
    assert np.allclose(np.linalg.norm(overlapped, axis=1), 1.0, atol=1e-5)
    similarity = cosines(stock, overlapped)
    short_rows = [i for i, t in enumerate(TEXTS) if t is not LONG and "acupuncture" not in t]
    # Short texts: the same tokens, so the same vector up to float noise (and padding widths).
    assert similarity[short_rows].min() > 0.9999
    # Long texts: cut by token ids here and by decoded text in encode(); still the same meaning.
    assert similarity.min() > 0.999
    # Rows stay in input order: a long and a short text are far apart.
    assert cosines(overlapped[[0]], overlapped[[1]])[0] < 0.9


def test_overlapped_encoder_handles_empty_and_single_inputs(embedder) -> None:
    encoder = OverlappedEncoder(embedder._load(), batch_size=8)
    assert encoder.encode([]).shape == (0, embedder.dimensions)
    assert encoder.encode([SHORT]).shape == (1, embedder.dimensions)


def test_embedder_uses_the_overlapped_path_on_cuda_only(settings) -> None:
    assert SentenceTransformerEmbedder(settings.embed_model, "cuda").overlap is True
    assert SentenceTransformerEmbedder(settings.embed_model, "cpu").overlap is False
    onnx_on_gpu = SentenceTransformerEmbedder(settings.embed_model, "cuda", backend="onnx")
    assert onnx_on_gpu.overlap is False
    forced = SentenceTransformerEmbedder(settings.embed_model, "cpu", overlap=True)
    assert forced.embed([SHORT, LONG]).shape == (2, forced.dimensions)


def test_gpu_settings_default_to_large_batches() -> None:
    gpu = Settings.load({"IMR_HOME": "/tmp/x", "IMR_EMBED_DEVICE": "cuda"})
    assert gpu.embed_batch_size == 256
    cpu = Settings.load({"IMR_HOME": "/tmp/x"})
    assert cpu.embed_batch_size == 32 and cpu.embed_backend == "torch"


def test_unknown_backend_is_a_configuration_error() -> None:
    with pytest.raises(ConfigurationError, match=r"IMR_EMBED_BACKEND='tensorflow'.*onnx-int8"):
        Settings.load({"IMR_HOME": "/tmp/x", "IMR_EMBED_BACKEND": "tensorflow"})


def test_backends_cache_apart_and_torch_keeps_its_fingerprint(settings) -> None:
    torch_model = SentenceTransformerEmbedder(settings.embed_model)
    int8 = SentenceTransformerEmbedder(settings.embed_model, backend="onnx-int8")
    assert torch_model.fingerprint.endswith("|head-tail-v1")
    assert "|onnx-int8|" not in torch_model.fingerprint
    assert int8.fingerprint != torch_model.fingerprint and "|onnx-int8|" in int8.fingerprint


def test_missing_onnx_runtime_says_what_to_install(settings, tmp_path, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # import fails as if not installed
    model = SentenceTransformerEmbedder(
        settings.embed_model, backend="onnx-int8", models_dir=tmp_path
    )
    with pytest.raises(ConfigurationError, match=r"pip install -e '\.\[onnx\]'"):
        model.embed([SHORT])


@pytest.mark.parametrize(("backend", "floor"), [("onnx", 0.9999), ("onnx-int8", 0.97)])
def test_onnx_backends_agree_with_pytorch(settings, embedder, backend, floor) -> None:
    pytest.importorskip("onnxruntime", reason="the [onnx] extra is not installed")
    model = SentenceTransformerEmbedder(
        settings.embed_model, backend=backend, models_dir=settings.imr_home / "models"
    )
    vectors = model.embed(TEXTS[:5])
    assert cosines(embedder.embed(TEXTS[:5]), vectors).min() > floor
    # The export is kept: a second embedder reuses it instead of exporting again.
    exported = sorted((settings.imr_home / "models").glob("*/onnx/*.onnx"))
    stamps = [path.stat().st_mtime_ns for path in exported]
    again = SentenceTransformerEmbedder(
        settings.embed_model, backend=backend, models_dir=settings.imr_home / "models"
    )
    assert np.allclose(again.embed(TEXTS[:5]), vectors, atol=1e-6)
    assert exported and [path.stat().st_mtime_ns for path in exported] == stamps


def test_concurrent_embeds_share_one_model_safely(embedder) -> None:
    """Searches from several UI sessions share one embedder; its tokenizer must not be entered
    by two threads at once ("RuntimeError: Already borrowed" under bench_search concurrency 8)."""
    from concurrent.futures import ThreadPoolExecutor

    texts = [[SHORT], [LONG, SHORT], ["Upheld."], [LONG]] * 6
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(embedder.embed, texts))
    for batch, vectors in zip(texts, results, strict=True):
        assert np.allclose(vectors, embedder.embed(batch), atol=1e-5)
