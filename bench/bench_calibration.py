"""Calibration of `imr estimate` on held-out generated decisions.

A corpus is generated (letters + DMHC rows), its cases are split at random into a training part
(ingested) and a held-out part (never in the graph). Each held-out decision is described as its
request would be before review — the item text as the physician wrote it, the first diagnosis,
its source — and estimated from the training graph. Reported per estimator, with the Brier score
(mean squared error of the overturn probability; lower is better):

- estimate: graph/estimate.py's prediction (the neighbours' weighted counts smoothed toward the
  smoothed service rate when there are enough relevant neighbours, that smoothed rate otherwise);
- neighbours: the raw weighted rate (and the smoothed one), on the decisions with enough
  neighbours, beside the service base rate on the same decisions;
- service base rate: the service's overturn rate over the training graph (the same source),
  raw and smoothed toward the source's overall rate;
- global base rate: the source's overall overturn rate;
plus reliability bins of the estimate (mean predicted vs observed per tenth) and how often the
estimate's 95 % interval holds the service's long-run rate (the generator's outcome depends on
the service only, so that rate is the best stand-in for the truth).

    python -m bench.bench_calibration --letters 1000 --dmhc-rows 250 --wipe \
        --out bench/results/calibration.json

It wipes the configured database (refused unless --wipe): point IMR_HOME at a scratch server.
"""

from __future__ import annotations

import argparse
import csv
import json
import platform
import random
import shutil
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from graph.backup import clear_graph
from graph.estimate import OVERTURNED, EstimateRequest, estimate_outcome
from graph.schema import ensure_schema
from imr.runtime import connect, embedder_for
from imr.settings import Settings
from ingest.generate import generate_corpus
from ingest.pipeline import IngestJob, IngestOptions

BINS = 10


def split_corpus(corpus: Path, train_dir: Path, holdout: float, seed: int) -> list[dict]:
    """Copy the training cases' files (and their DMHC rows) to `train_dir`; the held-out
    decisions, from truth.jsonl, as dicts."""
    rng = random.Random(seed)
    documents = [json.loads(line) for line in (corpus / "truth.jsonl").read_text().splitlines()]
    held_out: list[dict] = []
    train_rows: set[int] = set()
    (train_dir / "letters").mkdir(parents=True, exist_ok=True)
    for doc in documents:
        keep = rng.random() >= holdout
        source = doc["source"]
        if "#row=" in source:
            if keep:
                train_rows.add(int(source.split("#row=")[1]))
        elif keep:
            shutil.copy(corpus / source, train_dir / source)
        if not keep:
            for number, item in enumerate(doc["items"], 1):
                held_out.append(
                    {
                        "decision_id": f"{doc['case_id']}:{number}",
                        "case_id": doc["case_id"],
                        "source": "dmhc" if "#row=" in source else "dwc",
                        "text": item["text"],
                        "service": item["service"],
                        "diagnosis": (doc["diagnoses"] or [None])[0],
                        "overturned": item["outcome"] in OVERTURNED,
                    }
                )
    dmhc = corpus / "dmhc.csv"
    if dmhc.exists():
        with (
            dmhc.open(newline="", encoding="utf-8") as src,
            (train_dir / "dmhc.csv").open("w", newline="", encoding="utf-8") as dst,
        ):
            reader = csv.reader(src)
            writer = csv.writer(dst)
            writer.writerow(next(reader))
            for number, row in enumerate(reader, 1):
                if number in train_rows:
                    writer.writerow(row)
    return held_out


def brier(pairs: list[tuple[float, bool]]) -> float | None:
    if not pairs:
        return None
    return round(sum((p - float(y)) ** 2 for p, y in pairs) / len(pairs), 4)


def reliability(pairs: list[tuple[float, bool]]) -> list[dict[str, Any]]:
    bins: dict[int, list[tuple[float, bool]]] = defaultdict(list)
    for p, y in pairs:
        bins[min(BINS - 1, int(p * BINS))].append((p, y))
    return [
        {
            "bin": f"{b / BINS:.1f}-{(b + 1) / BINS:.1f}",
            "n": len(rows),
            "mean_predicted": round(sum(p for p, _ in rows) / len(rows), 3),
            "observed": round(sum(1 for _, y in rows if y) / len(rows), 3),
        }
        for b, rows in sorted(bins.items())
    ]


def run(args: argparse.Namespace) -> dict[str, Any]:
    settings = Settings.load()
    work: Path = args.work
    if work.exists() and not args.reuse:
        shutil.rmtree(work)
    corpus, train = work / "corpus", work / "train"
    started = time.perf_counter()
    if not args.reuse:
        generate_corpus(n=args.letters, seed=args.seed, out_dir=corpus, dmhc_rows=args.dmhc_rows)
    held_out = split_corpus(corpus, train, args.holdout, args.seed)
    embedder = embedder_for(settings)
    driver, info = connect(settings)
    with driver:
        count = driver.execute_query("MATCH (n) RETURN count(n) AS n").records[0]["n"]
        if count and not (args.wipe or args.reuse):
            raise SystemExit(
                f"the database holds {count} nodes; pass --wipe (it is cleared) or point "
                "IMR_HOME at a scratch server"
            )
        if not args.reuse:
            clear_graph(driver, info.database)
        ensure_schema(driver, info.database, embedder.dimensions)
        # With --reuse the training files are unchanged: the ingest skips them by hash.
        job = IngestJob(driver, info.database, embedder, IngestOptions(), reports_dir=work)
        summary = job.run([str(train)])
        ingest_s = time.perf_counter() - started
        globals_ = {
            row.source_kind: row.overturn_rate
            for row in _all_outcomes(driver, info.database, embedder)
        }
        results: dict[str, Any] = {}
        for k in args.k:
            results[f"k={k}"] = _evaluate(driver, info.database, embedder, held_out, k, globals_)
    return {
        "letters": args.letters,
        "dmhc_rows": args.dmhc_rows,
        "seed": args.seed,
        "holdout": args.holdout,
        "train_documents": summary.ingested + summary.skipped,
        "held_out_decisions": len(held_out),
        "global_base_rates": globals_,
        "results": results,
        "generate_and_ingest_s": round(ingest_s, 1),
        "total_s": round(time.perf_counter() - started, 1),
        "machine": f"{platform.machine()}, {platform.python_version()}",
        "command": "python -m bench.bench_calibration " + " ".join(args.argv),
    }


def _all_outcomes(driver, database, embedder):
    from graph.search import PrecedentSearch

    return PrecedentSearch(driver, database, embedder).service_outcomes(None)


def _evaluate(driver, database, embedder, held_out, k, globals_) -> dict[str, Any]:
    per_source: dict[str, dict[str, list[tuple[float, bool]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    coverage: dict[str, list[bool]] = defaultdict(list)
    started = time.perf_counter()
    for item in held_out:
        source = item["source"]
        request = EstimateRequest(text=item["text"], diagnosis=item["diagnosis"], source=source)
        estimate = estimate_outcome(driver, database, embedder, request, k=k).estimates[0]
        y = item["overturned"]
        global_rate = globals_.get(source) or 0.0
        base = estimate.base_rate.overturn_rate if estimate.base_rate else None
        service_rate = base if base is not None else global_rate
        prediction = estimate.prediction if estimate.prediction is not None else global_rate
        rows = per_source[source]
        rows["estimate"].append((prediction, y))
        rows["service base rate"].append((service_rate, y))
        smoothed = estimate.base_rate.smoothed_rate if estimate.base_rate else None
        rows["service base rate, smoothed"].append(
            (smoothed if smoothed is not None else global_rate, y)
        )
        rows["global base rate"].append((global_rate, y))
        if estimate.sufficient and estimate.weighted_overturn_rate is not None:
            rows["neighbours (sufficient only)"].append((estimate.weighted_overturn_rate, y))
            rows["neighbours smoothed (sufficient only)"].append((estimate.smoothed_rate or 0.0, y))
            rows["service base rate (same decisions)"].append((service_rate, y))
            # The interval is about the precedents' rate; the service's long-run rate is the
            # best stand-in for the true rate of a generated request.
            low, high = estimate.interval_low or 0.0, estimate.interval_high or 1.0
            coverage[source].append(low <= service_rate <= high)
    elapsed = time.perf_counter() - started
    report: dict[str, Any] = {"estimate_ms_mean": round(1000 * elapsed / len(held_out), 1)}
    for source, rows in sorted(per_source.items()):
        sufficient = len(rows["neighbours (sufficient only)"])
        report[source] = {
            "decisions": len(rows["estimate"]),
            "sufficient": sufficient,
            "observed_overturn_rate": round(
                sum(1 for _, y in rows["estimate"] if y) / len(rows["estimate"]), 3
            ),
            "brier": {name: brier(pairs) for name, pairs in rows.items()},
            "interval_covers_service_rate": (
                round(sum(coverage[source]) / len(coverage[source]), 3)
                if coverage[source]
                else None
            ),
            "reliability": reliability(rows["estimate"]),
        }
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=1000)
    parser.add_argument("--dmhc-rows", type=int, default=250)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--holdout", type=float, default=0.2)
    parser.add_argument("--k", type=int, nargs="+", default=[10, 25, 50])
    parser.add_argument("--work", type=Path, default=Path("bench-data/calibration"))
    parser.add_argument("--wipe", action="store_true", help="clear the configured database")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep --work's corpus and the loaded training graph (estimates only)",
    )
    parser.add_argument("--out", type=Path, default=Path("bench/results/calibration.json"))
    args = parser.parse_args()
    args.argv = sys.argv[1:]
    result = run(args)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
