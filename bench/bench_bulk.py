"""Bulk-load benchmark: CSV writing, `neo4j-admin database import`, restart, schema/index
population, against the online loader's graph writes of the same pre-parsed documents and vectors,
and whether the two graphs are the same (canonical hash).

    IMR_HOME=.imr/bulk IMR_EMBED_CACHE_DIR=.imr/bench/embeddings \\
        python -m bench.bench_bulk bench-data/corpus-10000-42 [--no-online] [--out FILE]

The vectors come from the embedding cache (a cold cache would time the model, not the load). The
local server under IMR_HOME is REPLACED: never point this at data you keep.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
import shutil
import time
from pathlib import Path
from typing import Any

import numpy as np

from graph.backup import canonical_hash, clear_graph
from graph.connection import wait_until_ready
from graph.schema import ensure_schema
from imr.bulkload import DATABASE, finish_graph, import_plan
from imr.localserver import LocalServer
from imr.runtime import connect, embedder_for
from imr.settings import Settings
from ingest.bulk_csv import BulkCsvWriter
from ingest.load import SourceBatchFile, load_batch, rationale_texts
from ingest.parse import parse_path
from ingest.pipeline import discover, file_sha256
from ingest.records import ParsedDocument

BATCH_DECISIONS = 256


def parse_corpus(corpus: Path, max_decisions: int | None = None) -> list[SourceBatchFile]:
    files = []
    decisions = 0
    for path in discover([str(corpus)]):
        if max_decisions is not None and decisions >= max_decisions:
            break
        documents = [r for r in parse_path(path) if isinstance(r, ParsedDocument) and r.items]
        if documents:
            kind = "dmhc-csv" if path.suffix.lower() == ".csv" else "letter"
            files.append(SourceBatchFile(str(path), file_sha256(path), kind, documents))
            decisions += sum(len(d.items) for d in documents)
    return files


class FakeEmbedder:
    """Unit vectors seeded by the text: the load's cost without the model's (scaling runs on a
    corpus whose embeddings are not cached)."""

    dimensions = 384
    computed = 0

    def embed(self, texts: list[str]) -> np.ndarray:
        rows = []
        for text in texts:
            seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "little")
            vector = np.random.default_rng(seed).standard_normal(self.dimensions)
            rows.append(vector / np.linalg.norm(vector))
        return np.asarray(rows, dtype=np.float32)


def embed_all(embedder, files: list[SourceBatchFile]) -> dict[str, Any]:
    documents = [d for f in files for d in f.documents]
    vectors = embedder.embed([t for d in documents for t in rationale_texts(d)])
    out, offset = {}, 0
    for document in documents:
        out[document.source] = vectors[offset : offset + len(document.items)]
        offset += len(document.items)
    return out


def batches(files: list[SourceBatchFile]) -> list[list[SourceBatchFile]]:
    result: list[list[SourceBatchFile]] = [[]]
    size = 0
    for source_file in files:
        result[-1].append(source_file)
        size += sum(len(d.items) for d in source_file.documents)
        if size >= BATCH_DECISIONS:
            result.append([])
            size = 0
    return [b for b in result if b]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--no-online", action="store_true", help="Skip the online comparison.")
    parser.add_argument("--out", type=Path, help="Write the results as JSON here too.")
    parser.add_argument("--max-decisions", type=int, help="Only the first files, up to this many.")
    parser.add_argument(
        "--fake-vectors", action="store_true", help="Seeded random vectors instead of the model."
    )
    args = parser.parse_args()
    settings = Settings.load()
    if settings.neo4j_uri:
        raise SystemExit("bench_bulk needs the local server (unset NEO4J_URI)")
    server = LocalServer(settings)
    results: dict[str, Any] = {"corpus": str(args.corpus), "machine": platform.platform()}

    started = time.perf_counter()
    files = parse_corpus(args.corpus, args.max_decisions)
    results["parse_s"] = time.perf_counter() - started
    embedder = FakeEmbedder() if args.fake_vectors else embedder_for(settings)
    results["fake_vectors"] = args.fake_vectors
    started = time.perf_counter()
    vectors = embed_all(embedder, files)
    results["embed_cached_s"] = time.perf_counter() - started
    results["embeddings_computed"] = embedder.computed
    decisions = sum(len(d.items) for f in files for d in f.documents)
    results["documents"] = sum(len(f.documents) for f in files)
    results["decisions"] = decisions

    if not args.no_online:
        server.start(wait_until_ready)
        driver, info = connect(settings)
        with driver:
            clear_graph(driver, info.database)
            ensure_schema(driver, info.database, embedder.dimensions)
            started = time.perf_counter()
            for batch in batches(files):
                load_batch(driver, info.database, batch, vectors)
            online_s = time.perf_counter() - started
            results["online_write_s"] = online_s
            results["online_decisions_per_s"] = decisions / online_s
            results["online_hash"] = canonical_hash(driver, info.database)

    csv_dir = settings.imr_home / "bench-csv"
    shutil.rmtree(csv_dir, ignore_errors=True)
    started = time.perf_counter()
    writer = BulkCsvWriter(csv_dir)
    for batch in batches(files):
        writer.write_batch(batch, vectors)
    plan = writer.close()
    results["csv_write_s"] = time.perf_counter() - started
    results["csv_mb"] = sum(p.stat().st_size for p in csv_dir.glob("*.csv")) / 1e6
    results["counts"] = dict(sorted(plan.counts.items()))

    timings = import_plan(server, plan, lambda message: None)
    results["import_s"] = timings["import"]
    results["restart_s"] = timings["restart"]
    finished = finish_graph(settings, plan, embedder.dimensions)
    results["empty_lists_s"] = finished["empty_lists"]
    results["schema_s"] = finished["schema"]
    driver, info = connect(settings)
    with driver:
        results["bulk_hash"] = canonical_hash(driver, info.database)
    phases = ("csv_write_s", "import_s", "empty_lists_s", "schema_s")
    load_s = sum(results[phase] for phase in phases)
    results["bulk_load_s"] = load_s  # the part the online loader's write rate compares with
    results["bulk_decisions_per_s"] = decisions / load_s
    total = load_s + results["restart_s"] + results["parse_s"] + results["embed_cached_s"]
    results["bulk_total_s"] = total
    results["bulk_total_decisions_per_s"] = decisions / total
    if "online_hash" in results:
        results["same_graph"] = results["online_hash"] == results["bulk_hash"]
    results["database"] = DATABASE
    text = json.dumps({k: round(v, 2) if isinstance(v, float) else v for k, v in results.items()})
    print(json.dumps(json.loads(text), indent=2))
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
