#!/usr/bin/env bash
# `make bench`: the heavy benchmarks (not CI). A separate local server under .imr/bench (wiped!).
# Results: bench-data/results-*.json; copy the numbers into BENCHMARKS.md with the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
export IMR_HOME="${IMR_BENCH_HOME:-$PWD/.imr/bench}"
export IMR_NEO4J_HEAP="${IMR_NEO4J_HEAP:-4g}" IMR_NEO4J_PAGECACHE="${IMR_NEO4J_PAGECACHE:-4g}"
DECISIONS="${BENCH_DECISIONS:-10000}"
.venv/bin/python -m pip install -q -e '.[dev,bench]'
mkdir -p bench-data
if [ -z "${NEO4J_URI:-}" ]; then .venv/bin/imr neo4j start; fi
.venv/bin/python -m bench.bench_parse | tee bench-data/results-parse.txt
.venv/bin/python -m bench.bench_ingest --decisions "$DECISIONS" --out "bench-data/results-ingest-$DECISIONS.json"
.venv/bin/python -m bench.bench_search --out "bench-data/results-search-$DECISIONS.json"
