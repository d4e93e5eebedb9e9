"""Search benchmark over what is loaded: latency per mode (warm, query embedding included), with
and without a ~1%-selective filter, at concurrency 1 and 8, and the vector index's recall@10
against an exact brute-force cosine scan (numpy) of the same vectors.

    python -m bench.bench_search [--queries 100] [--concurrency 1 8]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from graph.search import MIN_ANN_CANDIDATES, PrecedentSearch, SearchFilters, SearchRequest
from imr.runtime import connect, embedder_for
from imr.settings import Settings

QUERY_TEMPLATES = (
    "{service} for the {region} after {n} prior sessions without functional improvement",
    "request for {service}, chronic pain, not tolerating medication",
    "{service} {region} medically necessary after failed conservative care",
    "is {service} supported by MTUS for a {age} year old with {region} pain",
)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def selective_filter(driver, database: str, total: int) -> tuple[SearchFilters, int]:
    """The service filter closest to 1% of the decisions."""
    rows = driver.execute_query(
        "MATCH (d:Decision) RETURN d.service AS s, count(*) AS n", database_=database
    ).records
    best = min(rows, key=lambda r: abs(r["n"] / total - 0.01))
    return SearchFilters(service=best["s"]), best["n"]


def latency(searcher: PrecedentSearch, requests: list[SearchRequest], threads: int) -> dict:
    def one(request: SearchRequest) -> float:
        started = time.perf_counter()
        searcher.search(request)
        return (time.perf_counter() - started) * 1000

    with ThreadPoolExecutor(max_workers=threads) as pool:
        list(pool.map(one, requests[:8]))  # warm
        started = time.perf_counter()
        samples = list(pool.map(one, requests))
        wall = time.perf_counter() - started
    return {
        "p50_ms": round(percentile(samples, 50), 1),
        "p95_ms": round(percentile(samples, 95), 1),
        "p99_ms": round(percentile(samples, 99), 1),
        "qps": round(len(samples) / wall, 1),
        "queries": len(samples),
    }


def vector_recall(
    driver, database: str, embedder, texts: list[str], k: int = 10, candidates: int = 10
) -> dict:
    """recall@k of the vector index asked for `candidates` against exact cosine (numpy over the
    stored vectors), and the latency of the index query alone."""
    rows = driver.execute_query(
        "MATCH (d:Decision) RETURN d.decision_id AS id, d.rationale_embedding AS v",
        database_=database,
    ).records
    ids = [r["id"] for r in rows]
    matrix = np.stack([np.asarray(r["v"], dtype=np.float32) for r in rows])
    hits, samples = 0, []
    for vector in embedder.embed(texts):
        exact = {ids[i] for i in np.argsort(-(matrix @ vector))[:k]}
        started = time.perf_counter()
        records = driver.execute_query(
            "CALL db.index.vector.queryNodes('decision_rationale_embedding', $n, $v) "
            "YIELD node, score RETURN node.decision_id AS id ORDER BY score DESC LIMIT $k",
            n=candidates,
            k=k,
            v=[float(x) for x in vector],
            database_=database,
        ).records
        samples.append((time.perf_counter() - started) * 1000)
        hits += len(exact & {r["id"] for r in records})
    return {
        "recall": round(hits / (k * len(texts)), 4),
        "p50_ms": round(percentile(samples, 50), 1),
        "p95_ms": round(percentile(samples, 95), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 8])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--recall-candidates",
        type=int,
        nargs="+",
        default=[10, 100, MIN_ANN_CANDIDATES],
        help="index sizes to ask for in the recall@10 check",
    )
    parser.add_argument(
        "--recall-only", action="store_true", help="skip the latency runs (a candidates sweep)"
    )
    parser.add_argument("--out", help="write the results as JSON here")
    args = parser.parse_args()

    settings = Settings.load()
    embedder = embedder_for(settings)
    driver, info = connect(settings)
    rng = random.Random(args.seed)
    with driver:
        total = driver.execute_query("MATCH (d:Decision) RETURN count(d) AS n").records[0]["n"]
        services = [
            r["s"]
            for r in driver.execute_query(
                "MATCH (d:Decision) RETURN DISTINCT d.service AS s"
            ).records
        ]
        regions = ["lumbar spine", "cervical spine", "knee", "shoulder", "wrist"]
        texts = [
            rng.choice(QUERY_TEMPLATES).format(
                service=rng.choice(services),
                region=rng.choice(regions),
                n=rng.randint(6, 30),
                age=rng.randint(25, 70),
            )
            for _ in range(args.queries)
        ]
        # The model itself, not the cache: every latency below includes embedding the query.
        searcher = PrecedentSearch(driver, info.database, embedder.inner)
        selective, matching = selective_filter(driver, info.database, total)
        results: dict = {
            "decisions": total,
            "selective_filter": {
                "service": selective.service,
                "matching": matching,
                "share": round(matching / total, 4),
            },
        }
        for mode in () if args.recall_only else ("semantic", "lexical", "hybrid", "graph"):
            for label, filters in (("unfiltered", SearchFilters()), ("filtered_1pct", selective)):
                requests = [SearchRequest(query=t, mode=mode, k=10, filters=filters) for t in texts]
                for threads in args.concurrency:
                    key = f"{mode}/{label}/c{threads}"
                    results[key] = latency(searcher, requests, threads)
                    print(key, json.dumps(results[key]), flush=True)
        # As asked for 10, and as the search asks (MIN_ANN_CANDIDATES, then the top 10).
        for candidates in args.recall_candidates:
            recall = vector_recall(
                driver, info.database, embedder, texts[:50], candidates=candidates
            )
            results[f"vector_recall_at_10_asking_{candidates}"] = recall["recall"]
            results[f"vector_query_asking_{candidates}"] = recall
            print(f"asking {candidates}", json.dumps(recall), flush=True)
    summary = [v["p95_ms"] for k, v in results.items() if "/" in k]
    if summary:
        results["p95_median_ms"] = statistics.median(summary)
    print(json.dumps(results, indent=2))
    if args.out:
        with open(args.out, "w", encoding="utf-8") as handle:
            json.dump(results, handle, indent=2)


if __name__ == "__main__":
    main()
