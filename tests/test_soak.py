"""The soak suite (`make soak`): 8 concurrent searchers for a minute over 10k decisions."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from graph.search import PrecedentSearch, SearchFilters, SearchRequest
from tests.corpus import ingest

pytestmark = pytest.mark.soak


@pytest.fixture(scope="module")
def ten_thousand(empty_graph, database, cached_embedder, tmp_path_factory):
    """~10,000 decisions (5,937 letters + 500 DMHC rows, the benchmark corpus); the first run
    embeds them (~8–12 min on 2 cores), later runs take the vectors from the cache."""
    from ingest.generate import generate_corpus

    corpus = tmp_path_factory.mktemp("soak")
    generate_corpus(n=5937, seed=42, out_dir=corpus, dmhc_rows=500)
    summary = ingest(
        empty_graph,
        database,
        cached_embedder,
        [corpus],
        tmp_path_factory.mktemp("r"),
        batch_size=256,
    )
    assert summary.decisions >= 10_000
    return summary.decisions


def test_eight_concurrent_searchers_for_a_minute(driver, database, embedder, ten_thousand):
    """8 threads, mixed modes and filters, 60 s: zero errors, p95 reported, memory stable."""
    searcher = PrecedentSearch(driver, database, embedder)
    filters = [
        SearchFilters(),
        SearchFilters(outcome="overturned"),
        SearchFilters(category="pharmaceuticals"),
        SearchFilters(source="dmhc"),
    ]
    modes = ["semantic", "lexical", "hybrid", "graph"]
    queries = [
        "physical therapy lumbar spine",
        "opioid weaning no urine drug screen",
        "MRI knee meniscus tear",
        "acupuncture trial",
        "epidural steroid injection",
    ]
    latencies: list[float] = []
    errors: list[BaseException] = []

    def rss_mb() -> float:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return 0.0

    def worker(seed: int, stop_at: float) -> None:
        i = seed
        while time.monotonic() < stop_at:
            request = SearchRequest(
                query=queries[i % len(queries)],
                mode=modes[i % len(modes)],
                k=10,
                filters=filters[(i // 4) % len(filters)],
            )
            started = time.perf_counter()
            try:
                searcher.search(request)
                latencies.append(time.perf_counter() - started)
            except BaseException as error:
                errors.append(error)
            i += 1

    worker(0, time.monotonic() + 5)  # warm-up
    baseline = rss_mb()
    stop_at = time.monotonic() + 60
    threads = [threading.Thread(target=worker, args=(n, stop_at)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    grown = (rss_mb() - baseline) / baseline
    latencies.sort()
    p95 = latencies[int(0.95 * (len(latencies) - 1))] * 1000
    print(f"soak: {len(latencies)} searches, p95 {p95:.0f} ms, rss +{grown:.1%}")
    assert not errors, errors[:3]
    assert grown < 0.10
