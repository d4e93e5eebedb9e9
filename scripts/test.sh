#!/usr/bin/env bash
# `make test`: the whole suite against a real Neo4j. Without NEO4J_URI it starts a separate local
# server under .imr/test (so tests never touch the data of `make run`) and stops it afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
export IMR_HOME="${IMR_TEST_HOME:-$PWD/.imr/test}"
export IMR_NEO4J_HEAP="${IMR_NEO4J_HEAP:-1g}" IMR_NEO4J_PAGECACHE="${IMR_NEO4J_PAGECACHE:-1g}"
IMR=.venv/bin/imr

# The browser test drives Debian's Chromium (no browser download is possible here).
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's chromium for the browser test..."
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
      || { echo "Error: could not install chromium (apt-get install chromium)" >&2; exit 2; }
  else
    echo "Error: chromium is missing; install Debian's chromium package (apt-get install chromium)" >&2
    exit 2
  fi
fi

started=0
if [ -z "${NEO4J_URI:-}" ]; then
  if ! $IMR neo4j status >/dev/null 2>&1; then
    $IMR neo4j start
    started=1
  fi
fi
stop_server() { if [ "$started" = 1 ]; then $IMR neo4j stop >/dev/null || true; fi; }
trap stop_server EXIT

.venv/bin/ruff check .
.venv/bin/python -m pytest -m "not soak" "$@"
