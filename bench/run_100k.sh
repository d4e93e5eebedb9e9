#!/usr/bin/env bash
# The 100k benchmarks of BENCHMARKS.md ("Scale"), in the order they ran on 2026-11-28.
# Needs the [bench] extra. WIPES the servers under .imr/bench and .imr/bulk. ~2.5 h on 2 cores,
# nearly all of it the cold embedding of 102,248 rationales (later runs reuse the cache).
set -euo pipefail
cd "$(dirname "$0")/.."
export IMR_HOME=$PWD/.imr/bench IMR_NEO4J_HEAP=4g IMR_NEO4J_PAGECACHE=4g
mkdir -p bench-data
# 1. Corpus, then the cold end-to-end ingest with the int8 backend (fills the embedding cache).
.venv/bin/python -c "from pathlib import Path; from bench.bench_ingest import corpus_for; corpus_for(100000, Path('bench-data'), 42)"
.venv/bin/imr neo4j start
.venv/bin/python -c "from graph.backup import clear_graph; from imr.runtime import connect; from imr.settings import Settings; d, i = connect(Settings.load()); clear_graph(d, i.database)"
.venv/bin/imr schema apply
IMR_EMBED_BACKEND=onnx-int8 /usr/bin/time -v .venv/bin/imr ingest bench-data/corpus-100000-42 \
  --batch-size 256 --json > bench-data/ingest-100k-cold.json 2> bench-data/ingest-100k-cold.err
# 2. Ingest stages with the cache warm (parse, model vs pipeline, writes with/without indexes).
IMR_EMBED_BACKEND=onnx-int8 .venv/bin/python -m bench.bench_ingest --decisions 100000 \
  --write-batch-sizes 256 --out bench-data/results-ingest-100000.json
# 3. Where the vector index build spends its time (twice: cold JIT, warm JIT).
.venv/bin/python -m bench.profile_vector_index --out bench-data/results-profile-vi-100000-1.json
.venv/bin/python -m bench.profile_vector_index --out bench-data/results-profile-vi-100000-2.json
# 4. Offline bulk load of the same corpus into its own server.
IMR_HOME=$PWD/.imr/bulk IMR_EMBED_BACKEND=onnx-int8 IMR_EMBED_CACHE_DIR=$PWD/.imr/bench/embeddings \
  .venv/bin/python -m bench.bench_bulk bench-data/corpus-100000-42 --no-online \
  --out bench-data/results-bulk-100000.json
IMR_HOME=$PWD/.imr/bulk .venv/bin/imr neo4j stop
# 5. Search (queries embedded with the default PyTorch model, as at 10k), then the filtered paths.
.venv/bin/python -m bench.bench_search --out bench-data/results-search-100000.json
.venv/bin/python -m bench.bench_search_clause --server .imr/bench:5.26.30 \
  --corpus bench-data/corpus-100000-42 --out bench-data/results-search-clause-100000.json
