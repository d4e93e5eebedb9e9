"""Ingest benchmark: parse-only, embed (model ceiling vs pipeline), load-only with the vector index
online and without it, a standalone HNSW build of the same vectors, end to end, peak memory.

    python -m bench.bench_ingest --decisions 10000 [--embed-sample 512] [--cold-end-to-end]

Runs against the server configured like every other command (NEO4J_URI, else the local server
under IMR_HOME; `make bench` uses IMR_HOME=.imr/bench). It WIPES that database.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import shutil
import time
from pathlib import Path

import numpy as np

from graph import queries
from graph.backup import clear_graph
from graph.schema import ensure_schema
from imr.runtime import connect, embedder_for
from imr.settings import Settings
from ingest.embed import CachedEmbedder, EmbeddingCache
from ingest.generate import generate_corpus
from ingest.load import load_batch
from ingest.parse import parse_path
from ingest.pipeline import IngestJob, IngestOptions, discover
from ingest.records import ParsedDocument

ITEMS_PER_LETTER = 1.6  # the generator's mean, to size a corpus by decisions


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def corpus_for(decisions: int, root: Path, seed: int) -> Path:
    out = root / f"corpus-{decisions}-{seed}"
    if not (out / "truth.jsonl").is_file():
        dmhc_rows = decisions // 20
        letters = int((decisions - dmhc_rows) / ITEMS_PER_LETTER)
        generate_corpus(n=letters, seed=seed, out_dir=out, pdf_fraction=0.0, dmhc_rows=dmhc_rows)
    return out


def store_sizes_mb(settings: Settings) -> dict[str, float] | None:
    """On-disk size of the local server's database: record stores and each index kind."""
    database = settings.server_dir / "home" / "data" / "databases" / "neo4j"
    if not database.is_dir():
        return None

    def size(path: Path) -> float:
        files = [path] if path.is_file() else [f for f in path.rglob("*") if f.is_file()]
        return round(sum(f.stat().st_size for f in files) / 2**20, 1)

    sizes = {"total": size(database)}
    index_root = database / "schema" / "index"
    for kind in sorted(index_root.iterdir()) if index_root.is_dir() else []:
        sizes[f"index:{kind.name}"] = size(kind)
    sizes["record_stores"] = round(
        sizes["total"] - sum(v for k, v in sizes.items() if k.startswith("index:")), 1
    )
    return sizes


def time_parse(files: list[Path]) -> tuple[float, list[ParsedDocument]]:
    started = time.perf_counter()
    documents = [r for f in files for r in parse_path(f) if isinstance(r, ParsedDocument)]
    return time.perf_counter() - started, documents


def time_ingest(driver, database, embedder, corpus: Path, reports: Path, batch_size: int) -> dict:
    job = IngestJob(
        driver,
        database,
        embedder,
        IngestOptions(batch_size=batch_size, force=True),
        reports_dir=reports,
    )
    started = time.perf_counter()
    summary = job.run([str(corpus)])
    seconds = time.perf_counter() - started
    return {
        "seconds": round(seconds, 2),
        "decisions": summary.decisions,
        "decisions_per_s": round(summary.decisions / seconds, 1),
        "embeddings_computed": summary.embeddings_computed,
        "failed": summary.failed,
    }


def time_graph_writes(driver, database, documents, cached, batch_size: int) -> dict:
    """load_batch alone over pre-parsed documents and cached vectors: the graph writes."""
    from ingest.load import SourceBatchFile, rationale_texts

    vectors = {}
    for document in documents:
        vectors[document.source] = cached.embed(rationale_texts(document))
    batches, batch, size = [], [], 0
    for document in documents:
        # One "file" per document: a DMHC row must not be taken for a stale row of its CSV.
        batch.append(SourceBatchFile(document.source, "bench", "letter", [document]))
        size += len(document.items)
        if size >= batch_size:
            batches.append(batch)
            batch, size = [], 0
    if batch:
        batches.append(batch)
    started = time.perf_counter()
    loaded = sum(load_batch(driver, database, b, vectors).decisions for b in batches)
    seconds = time.perf_counter() - started
    return {
        "seconds": round(seconds, 2),
        "decisions": loaded,
        "decisions_per_s": round(loaded / seconds, 1),
        "batch_size": batch_size,
    }


def hnsw_build(vectors: np.ndarray, m: int = 16, ef_construction: int = 100) -> dict:
    import faiss

    faiss.omp_set_num_threads(2)
    index = faiss.IndexHNSWFlat(vectors.shape[1], m, faiss.METRIC_INNER_PRODUCT)
    index.hnsw.efConstruction = ef_construction
    started = time.perf_counter()
    index.add(vectors)
    seconds = time.perf_counter() - started
    return {
        "seconds": round(seconds, 2),
        "vectors_per_s": round(len(vectors) / seconds, 1),
        "M": m,
        "ef_construction": ef_construction,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--decisions", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument(
        "--embed-sample",
        type=int,
        default=512,
        help="texts for the model-ceiling vs pipeline embedding comparison",
    )
    parser.add_argument("--batch-size", type=int, default=256, help="decisions per load")
    parser.add_argument(
        "--write-batch-sizes",
        type=lambda text: [int(n) for n in text.split(",")],
        default=[64, 256, 1024],
        help="batch sizes for the graph-writes-alone runs, comma-separated",
    )
    parser.add_argument("--data", type=Path, default=Path("bench-data"))
    parser.add_argument("--out", type=Path, help="write the results as JSON here")
    args = parser.parse_args()

    settings = Settings.load()
    results: dict = {
        "machine": {
            "python": platform.python_version(),
            "cpu": platform.processor(),
            "cores": __import__("os").cpu_count(),
        },
        "neo4j": {"heap": settings.neo4j_heap, "pagecache": settings.neo4j_pagecache},
    }
    corpus = corpus_for(args.decisions, args.data, args.seed)
    files = discover([str(corpus)])

    parse_s, documents = time_parse(files)
    decisions = sum(len(d.items) for d in documents)
    results["parse"] = {
        "documents": len(documents),
        "decisions": decisions,
        "seconds": round(parse_s, 2),
        "documents_per_s": round(len(documents) / parse_s, 1),
    }
    print(json.dumps(results["parse"]))

    # Embedding: the model's own batch throughput against the pipeline's, on the same texts.
    cached = embedder_for(settings)
    model = cached.inner
    texts = [i.rationale for d in documents for i in d.items][: args.embed_sample]
    model.embed(texts[:32])  # warm-up (load, first-call allocations)
    fitted = model.fit_window(texts)
    started = time.perf_counter()
    model._load().encode(fitted, batch_size=model.batch_size, normalize_embeddings=True)
    raw_s = time.perf_counter() - started
    scratch = args.data / "scratch-cache"
    shutil.rmtree(scratch, ignore_errors=True)
    cold = CachedEmbedder(model, EmbeddingCache(scratch / "cache.sqlite"))
    started = time.perf_counter()
    cold.embed(texts)
    pipeline_s = time.perf_counter() - started
    results["embed"] = {
        "texts": len(texts),
        "model_texts_per_s": round(len(texts) / raw_s, 2),
        "pipeline_texts_per_s": round(len(texts) / pipeline_s, 2),
        "pipeline_vs_model": round(raw_s / pipeline_s, 3),
        "max_tokens": model.max_tokens,
        "device": settings.embed_device,
    }
    print(json.dumps(results["embed"]))

    driver, info = connect(settings)
    reports = args.data / "reports"
    with driver:
        clear_graph(driver, info.database)
        ensure_schema(driver, info.database, cached.dimensions)
        # End to end; embeddings already in the cache are reused (the first run fills it).
        results["end_to_end"] = time_ingest(
            driver, info.database, cached, corpus, reports, args.batch_size
        )
        print(json.dumps(results["end_to_end"]))
        # Load-only through the job (parse + cached embeddings + load) ...
        clear_graph(driver, info.database)
        results["load_only"] = time_ingest(
            driver, info.database, cached, corpus, reports, args.batch_size
        )
        print(json.dumps(results["load_only"]))
        # ... and the graph writes alone, with the vector index online and without it.
        for batch_size in args.write_batch_sizes:
            clear_graph(driver, info.database)
            results[f"writes_with_vector_index_b{batch_size}"] = time_graph_writes(
                driver, info.database, documents, cached, batch_size
            )
            print(json.dumps(results[f"writes_with_vector_index_b{batch_size}"]))
        # Where the write time goes: the same writes without each Lucene-backed index.
        for label, dropped in (
            ("writes_without_fulltext_index", [queries.FULLTEXT_INDEX_NAME]),
            (
                "writes_without_fulltext_and_vector_index",
                [queries.FULLTEXT_INDEX_NAME, queries.VECTOR_INDEX_NAME],
            ),
            ("writes_without_vector_index", [queries.VECTOR_INDEX_NAME]),
        ):
            clear_graph(driver, info.database)
            ensure_schema(driver, info.database, cached.dimensions)
            for index in dropped:
                driver.execute_query(f"DROP INDEX {index} IF EXISTS")
            results[label] = time_graph_writes(
                driver, info.database, documents, cached, args.batch_size
            )
            print(label, json.dumps(results[label]))
        # Index build over the same vectors afterwards (population), for comparison.
        started = time.perf_counter()
        ensure_schema(driver, info.database, cached.dimensions)
        results["vector_index_population_s"] = round(time.perf_counter() - started, 2)
        vectors = np.stack(
            [
                np.asarray(r["v"], dtype=np.float32)
                for r in driver.execute_query(
                    "MATCH (d:Decision) RETURN d.rationale_embedding AS v"
                ).records
            ]
        )
    with_index = results[f"writes_with_vector_index_b{args.batch_size}"]["seconds"]
    without = results["writes_without_vector_index"]["seconds"]
    results["vector_index_share_of_load"] = round(max(0.0, with_index - without) / with_index, 3)
    results["hnsw_standalone"] = hnsw_build(vectors)
    results["peak_rss_mb"] = round(peak_rss_mb(), 1)
    results["store_mb"] = store_sizes_mb(settings)
    print(json.dumps(results, indent=2))
    if args.out:
        args.out.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
