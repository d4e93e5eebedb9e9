"""Retrieval quality of the search modes: recall@k, MRR and nDCG@k over a query file.

Each line of the file: {"query": ..., "relevant": [decision or case ids] | {id: grade},
"filters": {...}, "service"/"region"/"diagnoses" (optional graph-mode request)}.

- recall@k = |relevant ∩ top k| / min(k, |relevant|) — capped, so a query with 40 relevant
  precedents can still reach 1.0 at k = 10;
- MRR = mean of 1 / rank of the first relevant hit (0 when none in the top k);
- nDCG@k with graded gains (2^grade - 1), ideal order from the grades.
A hit counts as relevant when its decision id or its case id is listed.

Query files: bench/build_eval.py writes the generated set (relevance = the reasoning a query
describes, never the service + region hybrid matches on) and the hand-judged set over
data/sample (tests/fixtures/judged-queries.jsonl).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from graph.errors import InvalidRequestError
from graph.search import SearchFilters, SearchHit, SearchRequest, SearchResult


@dataclass(frozen=True)
class EvalQuery:
    query: str
    relevant: dict[str, int]
    filters: SearchFilters = field(default_factory=SearchFilters)
    service: str | None = None
    region: str | None = None
    diagnoses: tuple[str, ...] = ()


@dataclass
class EvalScores:
    mode: str
    queries: int
    recall_at_k: float
    mrr: float
    ndcg_at_k: float
    k: int

    def to_json(self) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "queries": self.queries,
            f"recall@{self.k}": round(self.recall_at_k, 4),
            "mrr": round(self.mrr, 4),
            f"ndcg@{self.k}": round(self.ndcg_at_k, 4),
        }


def _filters_from(data: dict[str, Any]) -> SearchFilters:
    values = dict(data)
    for key in ("date_from", "date_to"):
        if values.get(key):
            values[key] = date.fromisoformat(values[key])
    try:
        return SearchFilters(**values)
    except TypeError as error:
        raise InvalidRequestError(f"unknown filter in the query file: {error}") from error


def load_queries(path: Path) -> list[EvalQuery]:
    queries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            relevant = data["relevant"]
            grades = (
                {str(k): int(v) for k, v in relevant.items()}
                if isinstance(relevant, dict)
                else {str(r): 1 for r in relevant}
            )
            queries.append(
                EvalQuery(
                    query=data.get("query", ""),
                    relevant=grades,
                    filters=_filters_from(data.get("filters") or {}),
                    service=data.get("service"),
                    region=data.get("region"),
                    diagnoses=tuple(data.get("diagnoses") or ()),
                )
            )
        except (KeyError, ValueError, TypeError) as error:
            raise InvalidRequestError(
                f"Could not read '{path}' line {number}: {type(error).__name__}: {error}"
            ) from error
    if not queries:
        raise InvalidRequestError(f"'{path}' holds no queries")
    return queries


def _grade(hit: SearchHit, relevant: dict[str, int]) -> int:
    return max(relevant.get(hit.decision_id, 0), relevant.get(hit.case_id, 0))


def score_ranking(
    hits: Sequence[SearchHit], relevant: dict[str, int], k: int
) -> tuple[float, float, float]:
    """(recall@k, reciprocal rank, nDCG@k) of one ranked list."""
    grades = [_grade(hit, relevant) for hit in hits[:k]]
    found = sum(1 for g in grades if g > 0)
    recall = found / min(k, len(relevant)) if relevant else 0.0
    reciprocal = next((1.0 / rank for rank, g in enumerate(grades, 1) if g > 0), 0.0)
    dcg = sum((2**g - 1) / math.log2(rank + 1) for rank, g in enumerate(grades, 1))
    ideal = sorted(relevant.values(), reverse=True)[:k]
    idcg = sum((2**g - 1) / math.log2(rank + 1) for rank, g in enumerate(ideal, 1))
    return recall, reciprocal, (dcg / idcg if idcg else 0.0)


def evaluate(
    run: Callable[[SearchRequest], SearchResult],
    queries: Iterable[EvalQuery],
    mode: str,
    k: int = 10,
    relevance_floor: bool = True,
) -> EvalScores:
    """Mean recall@k, MRR and nDCG@k of `mode` over `queries`, searched as a user would (with
    the relevance floor unless told otherwise: a left-out relevant decision counts as missed)."""
    totals = [0.0, 0.0, 0.0]
    count = 0
    for item in queries:
        request = SearchRequest(
            query=item.query,
            mode=mode,
            k=k,
            filters=item.filters,
            service=item.service if mode == "graph" else None,
            region=item.region if mode == "graph" else None,
            diagnoses=item.diagnoses if mode == "graph" else (),
            relevance_floor=relevance_floor,
        )
        result = run(request)
        for index, value in enumerate(score_ranking(result.hits, item.relevant, k)):
            totals[index] += value
        count += 1
    return EvalScores(mode, count, totals[0] / count, totals[1] / count, totals[2] / count, k)
