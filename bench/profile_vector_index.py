"""Where Neo4j spends the vector index build: Java Flight Recorder samples of the local server
while the vector index over every stored decision is dropped and built again.

    python -m bench.profile_vector_index [--top 25] [--out FILE]

Needs the local server (IMR_HOME) with decisions loaded, and the JDK's jcmd/jfr next to its java.
Prints the build time and the share of CPU samples by top frame and by component (HNSW graph
building, vector scoring, quantisation, reading the vectors from the store, Lucene segment
writes and merges), compared with faiss's HNSW over the same vectors.
"""

from __future__ import annotations

import argparse
import collections
import json
import subprocess
import tempfile
import time
from pathlib import Path

from graph import queries
from graph.schema import ensure_schema
from imr.localserver import LocalServer, find_java
from imr.runtime import connect
from imr.settings import Settings

# Frame-name fragments → component. A sample counts for the innermost frame that matches one.
COMPONENTS = (
    ("quantisation", ("Quantiz", "quantiz")),
    ("vector scoring (dot products)", ("VectorUtil", "dotProduct", "VectorScorer",
                                       "VectorSimilarityFunction", "PanamaVector")),
    ("HNSW graph building", ("HnswGraphBuilder", "OnHeapHnswGraph", "NeighborArray",
                             "HnswGraphSearcher", "NeighborQueue", "HnswConcurrentMerge")),
    ("segment flush / merge", ("IndexWriter", "SegmentMerger", "MergeScheduler", "codecs.")),
    ("reading vectors from the store", ("kernel.impl.store", "PageCursor", "storageengine",
                                        "RecordStorage", "PropertyRecord")),
    ("index population framework", ("IndexPopulation", "IndexPopulator", "StoreScan")),
)  # fmt: skip


def component_of(stack: list[str]) -> str:
    for frame in stack:  # innermost first
        for name, fragments in COMPONENTS:
            if any(fragment in frame for fragment in fragments):
                return name
    return "other"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=20)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    settings = Settings.load()
    server = LocalServer(settings)
    pid = server.pid()
    if pid is None:
        raise SystemExit("no local server runs under IMR_HOME: `imr neo4j start` first")
    bin_dir = find_java(neo4j_version=settings.neo4j_version).resolve().parent
    recording = Path(tempfile.mkdtemp()) / "vector-index.jfr"
    driver, info = connect(settings)
    with driver:
        total = driver.execute_query(queries.COUNT_DECISIONS).records[0]["total"]
        dimensions = len(
            driver.execute_query(
                "MATCH (d:Decision) RETURN d.rationale_embedding AS v LIMIT 1"
            ).records[0]["v"]
        )
        driver.execute_query(f"DROP INDEX {queries.VECTOR_INDEX_NAME} IF EXISTS")
        subprocess.run(
            [str(bin_dir / "jcmd"), str(pid), "JFR.start", "name=vector", "settings=profile",
             f"filename={recording}"],
            check=True, capture_output=True,
        )  # fmt: skip
        started = time.perf_counter()
        ensure_schema(driver, info.database, dimensions)
        build_s = time.perf_counter() - started
        subprocess.run(
            [str(bin_dir / "jcmd"), str(pid), "JFR.stop", "name=vector"],
            check=True, capture_output=True,
        )  # fmt: skip
    printed = subprocess.run(
        [str(bin_dir / "jfr"), "print", "--json", "--events", "jdk.ExecutionSample",
         str(recording)],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    events = json.loads(printed)["recording"]["events"]
    by_top: collections.Counter[str] = collections.Counter()
    by_component: collections.Counter[str] = collections.Counter()
    for event in events:
        frames = event["values"]["stackTrace"]["frames"] if event["values"]["stackTrace"] else []
        stack = [f"{f['method']['type']['name']}.{f['method']['name']}" for f in frames]
        if not stack:
            continue
        by_top[stack[0]] += 1
        by_component[component_of(stack)] += 1
    samples = sum(by_component.values())
    result = {
        "decisions": total,
        "build_s": round(build_s, 2),
        "vectors_per_s": round(total / build_s, 1),
        "samples": samples,
        "by_component": {k: round(v / samples, 3) for k, v in by_component.most_common()},
        "top_frames": {k: round(v / samples, 3) for k, v in by_top.most_common(args.top)},
    }
    print(json.dumps(result, indent=2))
    if args.out:
        args.out.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
