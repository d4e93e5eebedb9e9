"""Filtered vector retrieval, Neo4j 5.26 vs 2026.x: latency and recall@k of each path.

The same corpus is loaded into one local server per release (each under its own IMR_HOME); every
path answers the same query vectors under the same filters, and is compared with the exact cosine
top-k over the filtered subset (numpy, from the stored embeddings). Timed: the Cypher round trips
of the vector part only (the query embedding is computed once, beforehand).

Paths
- exact_scan:        MATCH the filtered decisions, vector.similarity.cosine, top k (5.26's choice
                     for selective filters)
- ann_oversampled:   db.index.vector.queryNodes with adaptive oversampling, filter afterwards
                     (5.26's choice otherwise), including the count queries it needs
- precedent_search:  PrecedentSearch.vector_candidates, whatever it chooses on that server
- search_clause_kN:  2026.01+ only: SEARCH ... WHERE <filter> LIMIT N (in-index filter), top k

    IMR_HOME=.imr/next-526 imr neo4j start
    IMR_HOME=.imr/next IMR_NEO4J_VERSION=2026.08.1 imr neo4j start
    python -m bench.bench_search_clause --server .imr/next-526:5.26.30 \\
        --server .imr/next:2026.08.1 --out bench/results/search-clause-10000.json
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import time
from collections.abc import Callable
from typing import Any

import numpy as np
from neo4j import Driver

from bench.bench_search import QUERY_TEMPLATES, percentile, selective_filter
from graph import queries
from graph.overview import server_version
from graph.schema import show_schema
from graph.search import (
    MIN_ANN_CANDIDATES,
    OVERSAMPLE,
    PrecedentSearch,
    SearchFilters,
)
from imr.runtime import connect, embedder_for
from imr.settings import Settings

REGIONS = ("lumbar spine", "cervical spine", "knee", "shoulder", "wrist")


def query_texts(driver: Driver, database: str, n: int, seed: int) -> list[str]:
    """As bench_search builds them: templates over the loaded services and common regions."""
    rng = random.Random(seed)
    services = sorted(
        r["s"]
        for r in driver.execute_query(
            "MATCH (d:Decision) RETURN DISTINCT d.service AS s", database_=database
        ).records
    )
    return [
        rng.choice(QUERY_TEMPLATES).format(
            service=rng.choice(services),
            region=rng.choice(REGIONS),
            n=rng.randint(6, 30),
            age=rng.randint(25, 70),
        )
        for _ in range(n)
    ]


def category_filter(driver: Driver, database: str, total: int) -> tuple[SearchFilters, int]:
    """The category closest to 10% of the decisions (6.2% in the 10k corpus: the nearest)."""
    rows = driver.execute_query(
        "MATCH (d:Decision) RETURN d.category AS c, count(*) AS n", database_=database
    ).records
    best = min(rows, key=lambda r: abs(r["n"] / total - 0.10))
    return SearchFilters(category=best["c"]), best["n"]


def exact_truth(
    driver: Driver, database: str, params: dict[str, Any], vectors: np.ndarray, k: int
) -> list[list[str]]:
    """Exact cosine top-k over the filtered subset, in numpy."""
    rows = driver.execute_query(
        f"MATCH (d:Decision) WHERE {queries.decision_filter(params)} "
        "AND d.rationale_embedding IS NOT NULL "
        "RETURN d.decision_id AS id, d.rationale_embedding AS v",
        params,
        database_=database,
    ).records
    ids = [r["id"] for r in rows]
    matrix = np.stack([np.asarray(r["v"], dtype=np.float32) for r in rows])
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    truth = []
    for vector in vectors:
        scores = matrix @ (vector / np.linalg.norm(vector))
        truth.append([ids[i] for i in np.argsort(-scores)[:k]])
    return truth


def ann_oversampled(
    driver: Driver, database: str, params: dict[str, Any], vector: list[float], k: int
) -> list[str]:
    """PrecedentSearch's 5.26 ANN path, forced: counts, oversampled queryNodes, doubling."""

    def read(query: str, extra: dict[str, Any]) -> list[Any]:
        return driver.execute_query(query, {**params, **extra}, database_=database).records

    total = read(queries.COUNT_DECISIONS, {})[0]["total"]
    matching = read(queries.count_filtered_decisions(params), {})[0]["matching"]
    candidates = min(
        total, max(MIN_ANN_CANDIDATES, k, math.ceil(k * total / max(matching, 1) * OVERSAMPLE))
    )
    while True:
        records = read(
            queries.decision_vector_search(params),
            {"vector": vector, "candidates": candidates, "limit": k},
        )
        if len(records) >= min(k, matching) or candidates >= total:
            return [r["decision_id"] for r in records]
        candidates = min(total, candidates * 2)


def measure(
    paths: dict[str, Callable[[list[float]], list[str]]],
    vectors: np.ndarray,
    truth: list[list[str]],
    k: int,
) -> dict[str, dict[str, Any]]:
    """Each query through every path in turn, so that load from other work on the machine falls
    on all paths alike rather than on whichever block of queries ran during it."""
    as_lists = [[float(x) for x in v] for v in vectors]
    for run in paths.values():
        for vector in as_lists[:5]:  # warm: plan cache, page cache
            run(vector)
    samples: dict[str, list[float]] = {name: [] for name in paths}
    hits = dict.fromkeys(paths, 0)
    returned = dict.fromkeys(paths, 0)
    for vector, expected in zip(as_lists, truth, strict=True):
        for name, run in paths.items():
            started = time.perf_counter()
            got = run(vector)
            samples[name].append((time.perf_counter() - started) * 1000)
            hits[name] += len(set(got[:k]) & set(expected))
            returned[name] += len(got[:k])
    wanted = sum(len(t) for t in truth)
    return {
        name: {
            "p50_ms": round(percentile(samples[name], 50), 2),
            "p95_ms": round(percentile(samples[name], 95), 2),
            "mean_ms": round(sum(samples[name]) / len(samples[name]), 2),
            f"recall_at_{k}": round(hits[name] / wanted, 4),
            "mean_returned": round(returned[name] / len(vectors), 2),
            "queries": len(vectors),
        }
        for name in paths
    }


def bench_server(
    home: str, version: str, n_queries: int, seed: int, k: int, with_category: bool
) -> dict[str, Any]:
    env = {**os.environ, "IMR_HOME": home, "IMR_NEO4J_VERSION": version}
    env.pop("NEO4J_URI", None)
    settings = Settings.load(env)
    driver, info = connect(settings)
    database = info.database
    with driver:
        total = driver.execute_query(queries.COUNT_DECISIONS, database_=database).records[0][
            "total"
        ]
        texts = query_texts(driver, database, n_queries, seed)
        # The model itself: query texts stay out of the embedding cache.
        vectors = np.asarray(embedder_for(settings).inner.embed(texts), dtype=np.float32)
        searcher = PrecedentSearch(driver, database, None)
        index = next(
            i
            for i in show_schema(driver, database).indexes
            if i["name"] == queries.VECTOR_INDEX_NAME
        )
        result: dict[str, Any] = {
            "server": server_version(driver),
            "imr_home": home,
            "decisions": total,
            "vector_index": {"properties": index["properties"], "options": index["options"]},
            "search_clause": searcher.search_clause,
            "filters": {},
        }
        selective, matching = selective_filter(driver, database, total)
        cases = [("service_1pct", selective, matching)]
        if with_category:
            cases.append(("category_near_10pct", *category_filter(driver, database, total)))
        for label, filters, count in cases:
            params = filters.parameters()
            truth = exact_truth(driver, database, params, vectors, k)

            def exact(vector: list[float], params: dict[str, Any] = params) -> list[str]:
                records = driver.execute_query(
                    queries.decision_exact_vector_search(params),
                    {**params, "vector": vector, "limit": k},
                    database_=database,
                ).records
                return [r["decision_id"] for r in records]

            def chosen(vector: list[float], params: dict[str, Any] = params) -> list[str]:
                return [d for d, _ in searcher.vector_candidates(vector, params, k, [])]

            paths: dict[str, Callable[[list[float]], list[str]]] = {
                "exact_scan": exact,
                "ann_oversampled": lambda v, p=params: ann_oversampled(driver, database, p, v, k),
                "precedent_search": chosen,
            }
            if searcher.search_clause:
                for limit in (k, MIN_ANN_CANDIDATES):

                    def in_index(
                        vector: list[float], params: dict[str, Any] = params, limit: int = limit
                    ) -> list[str]:
                        records = driver.execute_query(
                            queries.decision_search_clause(params),
                            {**params, "vector": vector, "candidates": limit, "limit": k},
                            database_=database,
                        ).records
                        return [r["decision_id"] for r in records]

                    paths[f"search_clause_k{limit}"] = in_index
            notes: list[str] = []
            searcher.vector_candidates([float(x) for x in vectors[0]], params, k, notes)
            entry: dict[str, Any] = {
                "filter": {k_: str(v) for k_, v in filters.active().items()},
                "matching": count,
                "share": round(count / total, 4),
                "precedent_search_chooses": notes,
            }
            for name, stats in measure(paths, vectors, truth, k).items():
                entry[name] = stats
                print(version, label, name, json.dumps(stats), flush=True)
            result["filters"][label] = entry
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--server",
        action="append",
        required=True,
        help="IMR_HOME:NEO4J_VERSION of a running local server with the corpus loaded",
    )
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--no-category", action="store_true", help="skip the 10%% filter")
    parser.add_argument("--corpus", default="bench-data/corpus-10000-42", help="for the record")
    parser.add_argument("--out", help="write the results as JSON here")
    args = parser.parse_args()
    results: dict[str, Any] = {
        "corpus": args.corpus,
        "k": args.k,
        "queries": args.queries,
        "seed": args.seed,
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs",
        "servers": {},
    }
    for spec in args.server:
        home, _, version = spec.rpartition(":")
        results["servers"][version] = bench_server(
            os.path.abspath(home), version, args.queries, args.seed, args.k, not args.no_category
        )
    print(json.dumps(results, indent=2))
    if args.out:
        with open(args.out, "w", encoding="utf-8") as handle:
            json.dump(results, handle, indent=2)


if __name__ == "__main__":
    main()
