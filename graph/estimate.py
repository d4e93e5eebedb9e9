"""Outcome estimate for a described request: how did the nearest relevant precedents come out?

    report = estimate_outcome(driver, "neo4j", embedder,
                              EstimateRequest(text="12 PT visits lumbar spine after fusion"))
    for estimate in report.estimates:        # one per source: DWC and DMHC are never pooled
        estimate.weighted_overturn_rate, estimate.interval_low, estimate.interval_high

Method (each source separately — workers' comp IMR and health-plan IMR are different systems):
1. The request's service and body region: given, or recognised in the text on whole phrases
   (graph/relevance.py). The text (with the given fields appended) is embedded with the ingest
   model.
2. Neighbours: the `k` decisions of that source nearest to the request by meaning — only of the
   request's service when one is known (a precedent of another treatment says little), else any
   decision whose semantic score passes `min_similarity` (the search floor, SEMANTIC_FLOOR).
3. Weights: the cosine similarity (2 × Neo4j score − 1), × REGION_BOOST for the same body region,
   × DIAGNOSIS_BOOST when a diagnosis contains the requested one. Overturned and partially
   overturned count as overturned; decisions without an outcome are left out.
4. The weighted overturn rate, and a Wilson score interval (95 %) on the weighted counts with
   Kish's effective sample size n_eff = (Σw)² / Σw² — weights make n neighbours worth fewer.
5. The base rate: the service's overturn rate over every decision of that source (one count
   query), or over all decisions of the source when no service is known.
6. "Insufficient precedent" when fewer than `min_neighbours` relevant neighbours are found; the
   reason says what is missing. The neighbours found are still listed.
7. The probability to act on (`prediction`) is smoothed the Beta-binomial way, PRIOR_STRENGTH
   pseudo-decisions at each level: the service's base rate is pulled toward the source's overall
   rate (a service with 4 decisions says little), and the neighbours' weighted counts toward that
   smoothed base rate. Insufficient precedent: the smoothed base rate alone. Measured on held-out
   decisions in BENCHMARKS.md ("Outcome estimate: calibration").

Calibration on held-out generated decisions (bench/bench_calibration.py, BENCHMARKS.md).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Any

from neo4j import Driver

from graph import queries
from graph.errors import InvalidRequestError
from graph.reads import read
from graph.relevance import SEMANTIC_FLOOR, recognise_query_entities
from graph.search import (
    MAX_QUERY_CHARS,
    SOURCE_VALUES,
    OutcomeCounts,
    PrecedentSearch,
    QueryEmbedder,
)

DEFAULT_K = 25
MAX_K = 200
MIN_NEIGHBOURS = 5
REGION_BOOST = 1.5
DIAGNOSIS_BOOST = 1.25
Z_95 = 1.959964
PRIOR_STRENGTH = 5.0
INTERVAL_METHOD = "Wilson score, 95 %, on Kish effective n"
OVERTURNED = frozenset({"overturned", "partially overturned"})


@dataclass(frozen=True)
class EstimateRequest:
    """A treatment request described in words and/or fields."""

    text: str = ""
    service: str | None = None
    region: str | None = None
    diagnosis: str | None = None
    source: str | None = None  # dwc | dmhc; None: each source separately
    exclude_case: str | None = None  # leave one case's own decisions out (calibration)

    def validate(self) -> None:
        if not (self.text.strip() or self.service or self.region or self.diagnosis):
            raise InvalidRequestError(
                "describe the request: a text, or at least one of service, region, diagnosis"
            )
        if len(self.text) > MAX_QUERY_CHARS:
            raise InvalidRequestError(
                f"the request text is {len(self.text)} characters long; at most {MAX_QUERY_CHARS}"
            )
        if self.source is not None and self.source not in SOURCE_VALUES:
            raise InvalidRequestError(f"source must be dwc or dmhc, got {self.source!r}")

    def embedding_text(self) -> str:
        parts = [self.text.strip(), self.service or "", self.region or "", self.diagnosis or ""]
        return " ".join(p.strip() for p in parts if p and p.strip())


@dataclass
class EstimateNeighbour:
    decision_id: str
    case_id: str
    outcome: str | None
    similarity: float  # cosine similarity of the rationale to the request
    weight: float
    source_kind: str
    service: str
    body_region: str | None
    decision_date: str | None
    item_text: str
    diagnoses: list[str]


@dataclass(frozen=True)
class BaseRate:
    service: str | None  # None: every decision of the source
    source_kind: str
    n: int  # decisions with an outcome
    overturn_rate: float | None
    # pulled toward the source's overall rate by PRIOR_STRENGTH pseudo-decisions
    smoothed_rate: float | None = None


@dataclass
class OutcomeEstimate:
    source_kind: str
    neighbours: list[EstimateNeighbour]
    n_relevant: int
    effective_n: float
    weighted_overturn_rate: float | None
    interval_low: float | None
    interval_high: float | None
    interval_method: str
    base_rate: BaseRate | None
    sufficient: bool
    reason: str
    # the neighbours' weighted counts pulled toward the smoothed base rate (module doc, 7.)
    smoothed_rate: float | None = None

    @property
    def prediction(self) -> float | None:
        """The probability of an overturn to act on: the smoothed neighbour rate when there are
        enough relevant neighbours, the smoothed base rate otherwise."""
        if self.sufficient and self.smoothed_rate is not None:
            return self.smoothed_rate
        return self.base_rate.smoothed_rate if self.base_rate else None


@dataclass
class EstimateReport:
    request: EstimateRequest
    service: str | None  # the service used: given or recognised
    region: str | None
    estimates: list[OutcomeEstimate]
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        for estimate, out in zip(self.estimates, data["estimates"], strict=True):
            out["prediction"] = estimate.prediction
        return data


def wilson_interval(rate: float, n: float, z: float = Z_95) -> tuple[float, float]:
    """Wilson score interval for a proportion observed over (an effective) n trials."""
    if n <= 0:
        return 0.0, 1.0
    denominator = 1 + z * z / n
    centre = (rate + z * z / (2 * n)) / denominator
    half = z * math.sqrt(rate * (1 - rate) / n + z * z / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def weighted_rate(outcomes: list[tuple[float, bool]]) -> tuple[float | None, float]:
    """(weighted overturn rate, Kish effective n) of (weight, overturned) pairs."""
    total = sum(w for w, _ in outcomes)
    if total <= 0:
        return None, 0.0
    squares = sum(w * w for w, _ in outcomes)
    rate = sum(w for w, overturned in outcomes if overturned) / total
    return rate, total * total / squares


def smooth(successes: float, trials: float, prior: float | None, strength: float) -> float | None:
    """Beta-binomial posterior mean: `strength` pseudo-trials at the `prior` rate."""
    if prior is None:
        return successes / trials if trials > 0 else None
    return (successes + strength * prior) / (trials + strength)


def _base_rate(
    counts: list[OutcomeCounts], overall: list[OutcomeCounts], source: str, service: str | None
) -> BaseRate:
    whole = next((c for c in overall if c.source_kind == source), None)
    prior = whole.overturn_rate if whole is not None else None
    row = next((c for c in counts if c.source_kind == source), None)
    if row is None:
        return BaseRate(service, source, n=0, overturn_rate=None, smoothed_rate=prior)
    decided = row.upheld + row.overturned + row.partially_overturned
    overturned = row.overturned + row.partially_overturned
    return BaseRate(
        service=service,
        source_kind=source,
        n=decided,
        overturn_rate=row.overturn_rate,
        smoothed_rate=smooth(overturned, decided, prior, PRIOR_STRENGTH),
    )


def _resolve(request: EstimateRequest) -> tuple[str | None, str | None, list[str]]:
    """The request's canonical service and region, and notes on how they were found."""
    from ingest.normalise import find_body_region, normalise_service

    notes: list[str] = []
    recognised = recognise_query_entities(request.text)
    service = None
    if request.service:
        match = normalise_service(request.service)
        service = match.service if match.known else request.service.strip().lower()
        if not match.known:
            notes.append(f"service {request.service!r} is not in the vocabulary: used as written")
    elif recognised.get("service"):
        service = recognised["service"][0]
        notes.append(f"service recognised in the text: {service}")
    region = None
    if request.region:
        region = find_body_region(request.region) or request.region.strip().lower()
    elif recognised.get("region"):
        region = recognised["region"][0]
        notes.append(f"body region recognised in the text: {region}")
    if service is None:
        notes.append(
            "no service given or recognised: neighbours of any service, by meaning only "
            f"(semantic score at least {SEMANTIC_FLOOR})"
        )
    return service, region, notes


def estimate_outcome(
    driver: Driver,
    database: str,
    embedder: QueryEmbedder,
    request: EstimateRequest,
    *,
    k: int = DEFAULT_K,
    min_similarity: float = SEMANTIC_FLOOR,
    min_neighbours: int = MIN_NEIGHBOURS,
) -> EstimateReport:
    """The similarity-weighted outcome split of the request's nearest relevant precedents, per
    source, with an interval and the service's base rate (see the module doc)."""
    request.validate()
    if not 1 <= k <= MAX_K:
        raise InvalidRequestError(f"k must be within 1..{MAX_K}, got {k}")
    if min_neighbours < 1:
        raise InvalidRequestError("min-neighbours must be at least 1")
    if not 0.0 <= min_similarity <= 1.0:
        raise InvalidRequestError("min-similarity is a Neo4j cosine score within 0..1")
    service, region, notes = _resolve(request)
    searcher = PrecedentSearch(driver, database, embedder)
    vector = [float(x) for x in embedder.embed([request.embedding_text()])[0]]
    counts = searcher.service_outcomes(service)
    overall = searcher.service_outcomes(None) if service else counts
    sources = [request.source] if request.source else list(SOURCE_VALUES)
    estimates = []
    for source in sources:
        params: dict[str, Any] = {"source": source}
        if service:
            params["service"] = service
        if request.exclude_case:
            params["exclude_case"] = request.exclude_case
        candidates = searcher.vector_candidates(vector, params, k, [])
        if not service:
            candidates = [(d, score) for d, score in candidates if score >= min_similarity]
        neighbours = _neighbours(driver, database, candidates, region, request.diagnosis)
        estimates.append(
            _estimate(
                source, neighbours, _base_rate(counts, overall, source, service), min_neighbours
            )
        )
    return EstimateReport(
        request=request, service=service, region=region, estimates=estimates, notes=notes
    )


def _neighbours(
    driver: Driver,
    database: str,
    candidates: list[tuple[str, float]],
    region: str | None,
    diagnosis: str | None,
) -> list[EstimateNeighbour]:
    if not candidates:
        return []
    score_of = dict(candidates)
    records = read(driver, database, queries.ESTIMATE_NEIGHBOURS, {"decision_ids": list(score_of)})
    wanted_dx = (diagnosis or "").strip().lower()
    neighbours = []
    for record in records:
        similarity = max(0.0, 2.0 * score_of[record["decision_id"]] - 1.0)
        weight = similarity
        if region and record["body_region"] == region:
            weight *= REGION_BOOST
        diagnoses = list(record["diagnoses"] or [])
        if wanted_dx and any(wanted_dx in d.lower() for d in diagnoses):
            weight *= DIAGNOSIS_BOOST
        neighbours.append(
            EstimateNeighbour(
                decision_id=record["decision_id"],
                case_id=record["case_id"],
                outcome=record["outcome"],
                similarity=round(similarity, 4),
                weight=round(weight, 4),
                source_kind=record["source_kind"],
                service=record["service"],
                body_region=record["body_region"],
                decision_date=record["decision_date"],
                item_text=record["item_text"] or "",
                diagnoses=diagnoses,
            )
        )
    neighbours.sort(key=lambda n: (-n.weight, -n.similarity, n.decision_id))
    return neighbours


def _estimate(
    source: str, neighbours: list[EstimateNeighbour], base: BaseRate, min_neighbours: int
) -> OutcomeEstimate:
    decided = [(n.weight, n.outcome in OVERTURNED) for n in neighbours if n.outcome]
    rate, effective_n = weighted_rate(decided)
    smoothed = smooth(
        sum(w for w, overturned in decided if overturned),
        sum(w for w, _ in decided),
        base.smoothed_rate,
        PRIOR_STRENGTH,
    )
    low = high = None
    if rate is not None:
        low, high = wilson_interval(rate, effective_n)
    label = {"dwc": "DWC workers' comp", "dmhc": "DMHC health-plan"}.get(source, source)
    what = f"{base.service}" if base.service else "the request"
    if len(decided) >= min_neighbours:
        sufficient = True
        reason = f"{len(decided)} relevant {label} precedents for {what}"
    else:
        sufficient = False
        found = f"only {len(decided)}" if decided else "no"
        reason = (
            f"insufficient precedent: {found} relevant {label} precedent"
            f"{'s' if len(decided) != 1 else ''} for {what}; at least {min_neighbours} needed"
        )
    return OutcomeEstimate(
        source_kind=source,
        neighbours=neighbours,
        n_relevant=len(decided),
        effective_n=round(effective_n, 2),
        weighted_overturn_rate=rate,
        interval_low=low,
        interval_high=high,
        interval_method=INTERVAL_METHOD,
        base_rate=base,
        sufficient=sufficient,
        reason=reason,
        smoothed_rate=smoothed,
    )
