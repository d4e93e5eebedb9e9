#!/usr/bin/env bash
# `make run`: the main job — a real Neo4j, the sample corpus ingested, the UI served.
set -euo pipefail
cd "$(dirname "$0")/.."
IMR=.venv/bin/imr

if [ -z "${NEO4J_URI:-}" ]; then
  $IMR neo4j start
fi
$IMR schema apply
$IMR ingest data/sample || status=$?
if [ "${status:-0}" -ge 2 ]; then exit "$status"; fi
echo "Serving the UI on http://localhost:${IMR_UI_PORT:-8501} (Ctrl-C to stop; 'make neo4j-stop' stops Neo4j)"
exec $IMR ui --port "${IMR_UI_PORT:-8501}"
