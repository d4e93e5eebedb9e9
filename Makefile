# The two commands of the README: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test venv lint bench soak neo4j-start neo4j-stop

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Error: $(PYTHON) not found; install Python 3.11 or run 'make PYTHON=/path/to/python3.11 ...'" >&2; exit 2; }
	@[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $(STAMP)

venv: $(STAMP)

## make run: local Neo4j (unless NEO4J_URI is set) + the sample corpus ingested + the UI on :8501
run: venv
	bash scripts/run.sh

## make test: the whole pytest suite against a real Neo4j (a separate local server under .imr/test)
test: venv
	bash scripts/test.sh

lint: venv
	$(BIN)/ruff check .

## make bench: the heavy benchmarks (not in CI); results go to BENCHMARKS.md by hand
bench: venv
	bash scripts/bench.sh

## make soak: the long reliability suite
soak: venv
	bash scripts/test.sh -m soak -s --timeout=1800

neo4j-start: venv
	$(BIN)/imr neo4j start

neo4j-stop: venv
	$(BIN)/imr neo4j stop
