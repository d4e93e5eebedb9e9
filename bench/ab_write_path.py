"""A/B of the online write path: the LOAD_DECISIONS of 6685fc5 (per-row MERGEs) vs today's
(LOAD_VOCABULARY once per batch + CREATE), same documents, same vectors, alternating runs.

    IMR_HOME=.imr/prof IMR_EMBED_CACHE_DIR=.imr/bench/embeddings python -m bench.ab_write_path 6437

WIPES the database under IMR_HOME. Needs the 10k corpus's vectors in the cache.
"""

import json
import re
import subprocess
import sys
import time

import ingest.load as load
from graph import queries
from graph.backup import clear_graph
from graph.schema import ensure_schema
from imr.runtime import connect, embedder_for
from imr.settings import Settings
from ingest.load import SourceBatchFile, load_batch, rationale_texts
from ingest.parse import parse_path
from ingest.pipeline import discover
from ingest.records import ParsedDocument

old_src = subprocess.run(
    ["git", "show", "6685fc5:graph/queries.py"], capture_output=True, text=True, check=True
).stdout
m = re.search(r'LOAD_DECISIONS = """(.*?)"""', old_src, re.S)
OLD_LOAD_DECISIONS = m.group(1)


def old_write(tx, params):
    tx.run(queries.LOAD_DETACH_OLD_VERSION, case_ids=params["case_ids"]).consume()
    tx.run(queries.LOAD_CASES, cases=params["cases"]).consume()
    tx.run(OLD_LOAD_DECISIONS, decisions=params["decisions"]).consume()
    tx.run(queries.LOAD_SOURCE_FILES, files=params["files"]).consume()


new_write = load._write_batch
settings = Settings.load()
files = [f for f in discover(["bench-data/corpus-10000-42"]) if f.suffix == ".txt"][
    : int(sys.argv[1])
]
docs = [r for f in files for r in parse_path(f) if isinstance(r, ParsedDocument)]
cached = embedder_for(settings)
vectors = {d.source: cached.embed(rationale_texts(d)) for d in docs}
assert cached.computed == 0
batches, batch, size = [], [], 0
for d in docs:
    batch.append(SourceBatchFile(d.source, "x", "letter", [d]))
    size += len(d.items)
    if size >= 256:
        batches.append(batch)
        batch, size = [], 0
if batch:
    batches.append(batch)
n = sum(len(d.items) for d in docs)
driver, info = connect(settings)
res = {"old": [], "new": []}
with driver:
    for rep in range(3):
        for label, writer in (("old", old_write), ("new", new_write)):
            load._write_batch = writer
            clear_graph(driver, info.database)
            ensure_schema(driver, info.database, 384)
            t = time.perf_counter()
            for b in batches:
                load_batch(driver, info.database, b, vectors)
            res[label].append(round(n / (time.perf_counter() - t), 1))
            print(label, rep, res[label][-1], flush=True)
print(json.dumps({"decisions": n, "decisions_per_s": res}))
