"""Precedent search: semantic · lexical · hybrid · graph, with filters, explanations and stats.

    searcher = PrecedentSearch(driver, database, embedder)
    result = searcher.search(SearchRequest(query="lumbar MRI without red flags", k=10))

Modes
- semantic: the query is embedded with the ingest model; the vector index on
  Decision.rationale_embedding gives nearest neighbours (cosine).
- lexical: the Neo4j full-text index over rationale, item text, service and diagnoses (BM25), with
  the user's text escaped for Lucene (graph/lucene.py).
- hybrid (default): reciprocal-rank fusion, score = Σ 1 / (RRF_K + rank) over the semantic and
  lexical lists, each CANDIDATE_POOL long. RRF_K = 60 (Cormack et al. 2009): large enough that
  one list's top rank cannot outvote agreement between both lists (10..200 measured within
  ±0.005 nDCG@10). HYBRID_ENTITY_LIST: when the query text names a service or body region the
  vocabulary knows ("lumbar MRI"), a third list — decisions sharing those entities, ranked as in
  graph mode — joins the fusion. Measured on 200 queries over 10,292 decisions: nDCG@10 0.653
  without it (barely above lexical's 0.652: the semantic list ranks same-reasoning decisions of
  other treatments high), 0.743 with it. See BENCHMARKS.md.
- graph: decisions sharing entities with a decision (`decision_id`) or a described request
  (service, diagnoses, region, guideline), weighted by GRAPH_WEIGHTS; with a query text or a
  decision's own embedding, fused by RRF with semantic similarity.

Relevance (graph/relevance.py): query entities are recognised on whole phrases only; every
mode's hits pass a relevance floor (the named service, a semantic score of SEMANTIC_FLOOR, or half
of the query's words) before the top k are cut, so a nonsense query returns nothing — with a note
— instead of the nearest unrelated decisions, and the stats describe relevant precedents only.
Graph mode with nothing recognised or nothing shared says so and falls back to semantic search.
Age, sex and a year in the query order hits of equal score (QueryFacts.distance).

Filters never shrink the top-k silently: each mode fetches with the filter applied *inside* the
query, and the vector path picks, per query, between the ANN index with adaptive oversampling
(candidates = max(MIN_ANN_CANDIDATES, k / selectivity × OVERSAMPLE), doubled until k hits or the
whole index is read) and an
exact cosine scan over the filtered subset when the filter keeps at most EXACT_SCAN_MAX_ROWS
decisions. On Neo4j 2026.01+ whose vector index carries the filter
properties (graph/schema.py), filters the index can evaluate (queries.SEARCH_FILTERS: equality on
service, category, outcome, region, sex, source; date and age ranges) go into the Cypher SEARCH
clause instead and are applied inside the index; the other filters keep the path above.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from typing import Any, Literal, Protocol

import numpy as np
from neo4j import Driver, RoutingControl
from neo4j.exceptions import ClientError, ServiceUnavailable, SessionExpired

from graph import queries
from graph.errors import DatabaseUnavailableError, InvalidRequestError, NotFoundError
from graph.lucene import query_terms, to_lucene
from graph.relevance import (
    SEMANTIC_FLOOR,
    QueryFacts,
    content_terms,
    needed_terms,
    passes_floor,
    query_facts,
    recognise_query_entities,
)
from graph.schema import search_clause_supported, show_schema

logger = logging.getLogger(__name__)

Mode = Literal["semantic", "lexical", "hybrid", "graph"]
MODES: tuple[str, ...] = ("semantic", "lexical", "hybrid", "graph")
OUTCOME_VALUES = ("upheld", "overturned", "partially overturned")
SEX_VALUES = ("female", "male")
SOURCE_VALUES = ("dwc", "dmhc")

RRF_K = 60
CANDIDATE_POOL = 100
OVERSAMPLE = 2.0
# HNSW explores about as many nodes as it is asked to return: asking for 3 misses neighbours
# that asking for 100 finds (measured: the best match of a query fell out of a k=3 search).
# recall@10 against exact cosine at 102,248 decisions (bench/results/recall-sweep-100000.json):
# 0.872 asking 100, 0.910 asking 200 (17 ms), 0.944 asking 400, 0.954 asking 800 (30 ms).
MIN_ANN_CANDIDATES = 200
# A filtered vector search scans the filtered decisions exactly up to this many of them, and
# uses the ANN index with oversampling above. Measured at 100k (BENCHMARKS.md): the exact scan
# costs ~12 µs a row (6,159 rows: 74 / 100 ms p50 / p95, recall 1.0) while ANN with oversampling
# costs 62–83 ms p50 and 220–250 ms p95 at recall 0.95–0.96, whatever the share. The number of
# rows, not their share, decides; the SEARCH clause (2026.01+) removes the choice.
EXACT_SCAN_MAX_ROWS = 8_000
MAX_K = 1000
MAX_QUERY_CHARS = 2000
GRAPH_WEIGHTS: dict[str, float] = {
    "service": 3.0,  # the same requested treatment is the strongest precedent
    "region": 1.5,
    "category": 1.0,
    "diagnosis": 1.0,  # per shared diagnosis
    "guideline": 1.0,  # per shared guideline
}
SNIPPET_CHARS = 280
LOWER_CASED_FILTERS = ("category", "service", "region", "diagnosis", "guideline", "specialty")
BRANCH_CAP = (
    1000  # graph mode: candidates per shared entity (see queries.decision_graph_neighbours)
)
# Words a snippet does not mark: they match everywhere and say nothing about the request.
# fmt: off
STOP_WORDS = frozenset({
    "the", "and", "for", "with", "that", "this", "are", "was", "were", "not", "but", "has", "have",
    "had", "from", "into", "there", "their", "these", "those", "then", "than", "its", "per", "any",
    "all", "can", "may", "will", "been", "being", "which", "who", "what", "when", "where", "why",
    "how", "our", "your", "you", "his", "her", "they", "them", "she", "him", "also", "such",
})
# fmt: on


# Shared by every searcher: runs the server-side lists of a hybrid search beside the embedding.
_BACKGROUND = ThreadPoolExecutor(max_workers=8, thread_name_prefix="imr-search")


class QueryEmbedder(Protocol):
    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


@dataclass(frozen=True)
class SearchFilters:
    outcome: str | None = None
    category: str | None = None
    service: str | None = None
    region: str | None = None
    diagnosis: str | None = None
    guideline: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    specialty: str | None = None
    age_min: int | None = None
    age_max: int | None = None
    sex: str | None = None
    source: str | None = None

    def validate(self) -> None:
        if self.outcome is not None and self.outcome not in OUTCOME_VALUES:
            raise InvalidRequestError(
                f"outcome must be one of {', '.join(OUTCOME_VALUES)}, got {self.outcome!r}"
            )
        if self.sex is not None and self.sex not in SEX_VALUES:
            raise InvalidRequestError(f"sex must be female or male, got {self.sex!r}")
        if self.source is not None and self.source not in SOURCE_VALUES:
            raise InvalidRequestError(f"source must be dwc or dmhc, got {self.source!r}")
        for name in ("age_min", "age_max"):
            value = getattr(self, name)
            if value is not None and not 0 <= value <= 120:
                raise InvalidRequestError(f"{name.replace('_', '-')} must be within 0..120")
        if self.age_min is not None and self.age_max is not None and self.age_min > self.age_max:
            raise InvalidRequestError("age-min is greater than age-max")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise InvalidRequestError("the from date is after the to date")

    def parameters(self) -> dict[str, Any]:
        """The filters in use as query parameters (graph.queries.FILTER_PREDICATES names):
        names of services, categories and regions are canonical lower case; text filters match
        case-insensitively, so they are lower-cased too. Empty strings from forms mean unset."""
        params: dict[str, Any] = {}
        for key, value in asdict(self).items():
            if value is None or value == "":
                continue
            if isinstance(value, date):
                value = value.isoformat()
            elif key in LOWER_CASED_FILTERS:
                value = str(value).strip().lower()
            params[key] = value
        return params

    def active(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v not in (None, "")}


@dataclass(frozen=True)
class SearchRequest:
    query: str = ""
    mode: str = "hybrid"
    k: int = 10
    filters: SearchFilters = field(default_factory=SearchFilters)
    # graph mode: a decision to find precedents for, or a described request
    decision_id: str | None = None
    service: str | None = None
    diagnoses: tuple[str, ...] = ()
    region: str | None = None
    guideline: str | None = None
    fuse_semantic: bool = True
    rrf_k: int = RRF_K
    candidate_pool: int = CANDIDATE_POOL
    # graph.relevance: hits that are neither near in meaning, nor share the recognised service,
    # nor contain enough of the query's words are left out (off: every candidate, as ranked).
    relevance_floor: bool = True

    def validate(self) -> None:
        if self.mode not in MODES:
            raise InvalidRequestError(f"mode must be one of {', '.join(MODES)}, got {self.mode!r}")
        if not 1 <= self.k <= MAX_K:
            raise InvalidRequestError(f"k must be within 1..{MAX_K}, got {self.k}")
        if len(self.query) > MAX_QUERY_CHARS:
            raise InvalidRequestError(
                f"the query is {len(self.query)} characters long; at most {MAX_QUERY_CHARS}"
            )
        if self.rrf_k < 1 or self.candidate_pool < 1:
            raise InvalidRequestError("rrf_k and candidate_pool must be positive")
        has_graph_input = (
            self.decision_id or self.service or self.diagnoses or self.region or (self.guideline)
        )
        if self.mode == "graph" and not has_graph_input and not self.query.strip():
            raise InvalidRequestError(
                "graph mode needs a decision id, or a service/diagnosis/region/guideline, "
                "or a query text to recognise them in"
            )
        self.filters.validate()


@dataclass
class Components:
    semantic: float | None = None
    lexical: float | None = None
    graph: float | None = None
    semantic_rank: int | None = None
    lexical_rank: int | None = None
    graph_rank: int | None = None


@dataclass
class Citation:
    name: str
    family: str | None
    pages: str | None
    cited_by: str | None


@dataclass
class SearchHit:
    decision_id: str
    case_id: str
    source: str
    source_kind: str
    service: str
    category: str
    body_region: str | None
    outcome: str | None
    decision_date: str | None
    item_text: str
    snippet: str
    snippet_highlighted: str
    score: float
    components: Components
    shared: dict[str, list[str]]
    citations: list[Citation]
    diagnoses: list[str]
    reviewer_specialty: str | None
    patient_age: int | None
    patient_sex: str | None
    age_range: str | None
    rationale: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def overturn_share(outcomes: dict[str, int]) -> float | None:
    """Overturned (wholly or partly) among decisions with a known outcome."""
    overturned = outcomes.get("overturned", 0) + outcomes.get("partially overturned", 0)
    decided = overturned + outcomes.get("upheld", 0)
    return overturned / decided if decided else None


@dataclass
class PrecedentStats:
    total: int
    outcomes: dict[str, int]
    guidelines: list[dict[str, Any]]  # name, pages, count
    years: dict[str, int]
    categories: dict[str, int]
    # Outcome counts per source: DWC (workers' comp) and DMHC (health plans) are different
    # systems with different rates, never pooled into one rate.
    sources: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def overturn_rate(self) -> float | None:
        return overturn_share(self.outcomes)

    def source_rates(self) -> dict[str, float | None]:
        return {source: overturn_share(counts) for source, counts in self.sources.items()}

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["overturn_rate"] = self.overturn_rate
        data["source_rates"] = self.source_rates()
        return data


@dataclass(frozen=True)
class OutcomeCounts:
    """Outcomes of every decision of one service (or of all, service None) in one source."""

    service: str | None
    source_kind: str
    total: int
    upheld: int
    overturned: int
    partially_overturned: int

    @property
    def overturn_rate(self) -> float | None:
        return overturn_share(
            {
                "upheld": self.upheld,
                "overturned": self.overturned,
                "partially overturned": self.partially_overturned,
            }
        )

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "overturn_rate": self.overturn_rate}


@dataclass
class SearchResult:
    request: SearchRequest
    hits: list[SearchHit]
    query_entities: dict[str, list[str]]
    notes: list[str]
    # Every decision of the recognised (or filtered) service, per source: not only the top k.
    service_outcomes: list[OutcomeCounts] = field(default_factory=list)

    def stats(self) -> PrecedentStats:
        return precedent_stats(self.hits)

    def to_json(self, with_stats: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {
            "mode": self.request.mode,
            "query": self.request.query,
            "k": self.request.k,
            "filters": {k: str(v) for k, v in self.request.filters.active().items()},
            "query_entities": self.query_entities,
            "notes": self.notes,
            "hits": [hit.to_json() for hit in self.hits],
        }
        if with_stats:
            data["stats"] = self.stats().to_json()
            data["service_outcomes"] = [row.to_json() for row in self.service_outcomes]
        return data


def precedent_stats(hits: Sequence[SearchHit]) -> PrecedentStats:
    """Outcome distribution, most-cited guidelines (with pages) and year spread of a result set."""
    outcomes = Counter(hit.outcome or "unknown" for hit in hits)
    guideline_counts: Counter[tuple[str, str | None]] = Counter()
    for hit in hits:
        for citation in {(c.name, c.pages) for c in hit.citations}:
            guideline_counts[citation] += 1
    years = Counter(hit.decision_date[:4] if hit.decision_date else "unknown" for hit in hits)
    categories = Counter(hit.category for hit in hits)
    sources: dict[str, Counter[str]] = {}
    for hit in hits:
        sources.setdefault(hit.source_kind or "unknown", Counter())[hit.outcome or "unknown"] += 1
    return PrecedentStats(
        total=len(hits),
        outcomes=dict(outcomes.most_common()),
        guidelines=[
            {"name": name, "pages": pages, "count": count}
            for (name, pages), count in guideline_counts.most_common(10)
        ],
        years=dict(sorted(years.items())),
        categories=dict(categories.most_common()),
        sources={source: dict(counts.most_common()) for source, counts in sorted(sources.items())},
    )


# -- explanations ------------------------------------------------------------------------------
def recognise_entities(text: str) -> dict[str, list[str]]:
    """Canonical service, category, region and guidelines a free-text request names, on whole
    phrases only ("dates back" is no body region; graph/relevance.py)."""
    return recognise_query_entities(text)


def shared_entities(hit: SearchHit, entities: dict[str, list[str]]) -> dict[str, list[str]]:
    """What the hit truly has in common with the query: compared on canonical names."""
    have = {
        "service": {hit.service.lower()},
        "category": {hit.category.lower()},
        "region": {hit.body_region.lower()} if hit.body_region else set(),
        "diagnosis": {d.lower() for d in hit.diagnoses},
        "guideline": {c.name.lower() for c in hit.citations},
    }
    shared: dict[str, list[str]] = {}
    for kind, wanted in entities.items():
        common = [w for w in wanted if w.lower() in have.get(kind, set())]
        if common:
            shared[kind] = common
    return shared


def make_snippet(text: str, terms: Sequence[str]) -> tuple[str, str]:
    """The window of `text` with the most query terms, plain and with **term** marks."""
    text = " ".join(text.split())
    words = {t.lower() for t in terms if len(t) > 2 and t.lower() not in STOP_WORDS}
    if not text:
        return "", ""
    if not words:
        plain = text[:SNIPPET_CHARS] + ("…" if len(text) > SNIPPET_CHARS else "")
        return plain, plain
    # Whole words, with common inflections ("injection" marks "injections", never "the" in "there").
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    pattern = re.compile(r"\b(?:" + alternatives + r")(?:s|es|ed|ing)?\b", re.I)
    positions = [m.start() for m in pattern.finditer(text)]
    best_start = 0
    if positions:
        best = max(positions, key=lambda p: sum(1 for q in positions if p <= q < p + SNIPPET_CHARS))
        best_start = max(0, best - 40)
        # start at a word boundary
        space = text.rfind(" ", 0, best_start)
        best_start = 0 if space < 0 else space + 1
    plain = text[best_start : best_start + SNIPPET_CHARS]
    plain = (
        ("…" if best_start else "")
        + plain
        + ("…" if best_start + SNIPPET_CHARS < len(text) else "")
    )
    highlighted = pattern.sub(lambda m: f"**{m.group(0)}**", plain)
    return plain, highlighted


# -- the searcher ------------------------------------------------------------------------------
class PrecedentSearch:
    """All search modes over one database. The driver and the embedder are injected."""

    def __init__(self, driver: Driver, database: str, embedder: QueryEmbedder | None) -> None:
        self.driver = driver
        self.database = database
        self.embedder = embedder
        self._search_clause: bool | None = None

    @property
    def search_clause(self) -> bool:
        """Whether filtered vector retrieval uses the SEARCH clause: the server has it (2026.01+)
        and the vector index carries every filter property. Asked once per searcher."""
        if self._search_clause is None:
            from graph.overview import server_version

            supported = search_clause_supported(server_version(self.driver))
            if supported:
                indexed = show_schema(self.driver, self.database).vector_filter_properties()
                supported = set(queries.VECTOR_FILTER_PROPERTIES) <= set(indexed)
            self._search_clause = supported
        return self._search_clause

    def _read(self, query: str, params: dict[str, Any]) -> list[Any]:
        try:
            return self.driver.execute_query(
                query, params, database_=self.database, routing_=RoutingControl.READ
            ).records
        except (ServiceUnavailable, SessionExpired) as error:
            raise DatabaseUnavailableError(
                f"Neo4j became unreachable during the search ({type(error).__name__}); "
                "check the server (`imr neo4j status`) and try again"
            ) from error

    # -- public --------------------------------------------------------------------------------
    def search(self, request: SearchRequest) -> SearchResult:
        request.validate()
        notes: list[str] = []
        entities = recognise_entities(request.query)
        if request.mode == "graph":
            ranked, components, entities = self._graph(request, entities, notes)
        elif request.mode == "semantic":
            ranked, components = self._single(
                self._semantic(request, self._depth(request), notes), "semantic"
            )
        elif request.mode == "lexical":
            ranked, components = self._single(
                self._lexical(request, self._depth(request)), "lexical"
            )
        else:
            pool = max(request.candidate_pool, request.k)
            # The lexical and entity lists are server work: they run while the query is embedded.
            lexical = _BACKGROUND.submit(self._lexical, request, pool)
            entity_list = None
            if entities.get("service") or entities.get("region"):
                # The request names a treatment or body region we know: decisions sharing them
                # join the fusion as a third list (see HYBRID_ENTITY_LIST in the module doc).
                entity_list = _BACKGROUND.submit(
                    self._neighbours, entities, request.filters.parameters(), pool
                )
                notes.append(
                    "recognised entities joined the fusion: "
                    + ", ".join(f"{kind} {', '.join(values)}" for kind, values in entities.items())
                )
            lists = {"semantic": self._semantic(request, pool, notes), "lexical": lexical.result()}
            if entity_list is not None:
                lists["graph"] = entity_list.result()
            ranked, components = fuse_rrf(lists, request.rrf_k)
        facts = query_facts(request.query)
        if facts.any() and len(ranked) > 1:
            ranked = self._break_ties(ranked, facts, notes)
        if request.relevance_floor:
            ranked = self._relevant(ranked, components, request, entities, notes)
        ranked = ranked[: request.k]
        hits = self._hits(ranked, components, request, entities)
        service = (entities.get("service") or [None])[0] or request.filters.service
        outcomes = self.service_outcomes(service) if service and hits else []
        return SearchResult(
            request=request,
            hits=hits,
            query_entities=entities,
            notes=notes,
            service_outcomes=outcomes,
        )

    @staticmethod
    def _depth(request: SearchRequest) -> int:
        """How far down one list to read: with the relevance floor on, a pool, so that k
        relevant hits come back when k exist below a few that fail the floor."""
        if not request.relevance_floor:
            return request.k
        return max(request.k, min(request.candidate_pool, 4 * request.k))

    def service_outcomes(self, service: str | None) -> list[OutcomeCounts]:
        """Outcome counts of every decision of `service` (all decisions when None), per source."""
        if service:
            name = service.strip().lower()
            records = self._read(queries.SERVICE_OUTCOME_COUNTS, {"service": name})
        else:
            name, records = None, self._read(queries.ALL_OUTCOME_COUNTS, {})
        return [
            OutcomeCounts(
                service=name,
                source_kind=r["source_kind"] or "unknown",
                total=int(r["total"]),
                upheld=int(r["upheld"]),
                overturned=int(r["overturned"]),
                partially_overturned=int(r["partially_overturned"]),
            )
            for r in records
        ]

    def similar(
        self,
        decision_id: str,
        k: int = 10,
        filters: SearchFilters | None = None,
        fuse_semantic: bool = True,
    ) -> SearchResult:
        return self.search(
            SearchRequest(
                mode="graph",
                decision_id=decision_id,
                k=k,
                filters=filters or SearchFilters(),
                fuse_semantic=fuse_semantic,
            )
        )

    def browse(self, filters: SearchFilters, k: int = 10) -> SearchResult:
        """The newest `k` decisions that match `filters`, for a search without query text."""
        request = SearchRequest(mode="lexical", k=k, filters=filters)
        request.validate()
        params = filters.parameters()
        records = self._read(queries.decisions_by_filter(params), {**params, "limit": k})
        hits = self._hits([(r["decision_id"], 0.0) for r in records], {}, request, {})
        notes = ["no query text: the newest decisions that match the filters"]
        return SearchResult(request=request, hits=hits, query_entities={}, notes=notes)

    # -- modes ---------------------------------------------------------------------------------
    def _embed_query(self, text: str) -> list[float]:
        if self.embedder is None:
            raise InvalidRequestError("semantic search needs an embedding model; none configured")
        return [float(x) for x in self.embedder.embed([text])[0]]

    def _semantic(
        self,
        request: SearchRequest,
        limit: int,
        notes: list[str],
        vector: list[float] | None = None,
    ) -> list[tuple[str, float]]:
        if vector is None:
            if not request.query.strip():
                return []
            vector = self._embed_query(request.query)
        return self.vector_candidates(vector, request.filters.parameters(), limit, notes)

    def vector_candidates(
        self, vector: list[float], params: dict[str, Any], limit: int, notes: list[str]
    ) -> list[tuple[str, float]]:
        """ANN with adaptive oversampling, or an exact scan when the filter is selective.

        `params` holds the filters in use (FILTER_PREDICATES names) and nothing else."""
        filtered = bool(params)
        if filtered and set(params) <= queries.SEARCH_FILTERS and self.search_clause:
            return self._search_clause_candidates(vector, params, limit, notes)
        total = self._count_decisions()
        if total == 0:
            return []
        matching = total
        if filtered:
            matching = self._read(queries.count_filtered_decisions(params), params)[0]["matching"]
            if matching == 0:
                return []
            if matching <= max(EXACT_SCAN_MAX_ROWS, limit):
                notes.append(f"filter keeps {matching} of {total} decisions: exact cosine scan")
                records = self._read(
                    queries.decision_exact_vector_search(params),
                    {**params, "vector": vector, "limit": limit},
                )
                return [(r["decision_id"], float(r["score"])) for r in records]
        wanted = min(limit, matching)
        candidates = min(
            total,
            max(MIN_ANN_CANDIDATES, limit, math.ceil(limit * total / matching * OVERSAMPLE)),
        )
        while True:
            records = self._read(
                queries.decision_vector_search(params),
                {**params, "vector": vector, "candidates": candidates, "limit": limit},
            )
            if len(records) >= wanted or candidates >= total:
                break
            candidates = min(total, candidates * 2)
        if filtered:
            notes.append(f"filter keeps {matching} of {total} decisions: ANN over {candidates}")
        return [(r["decision_id"], float(r["score"])) for r in records]

    def _search_clause_candidates(
        self, vector: list[float], params: dict[str, Any], limit: int, notes: list[str]
    ) -> list[tuple[str, float]]:
        # The index skips non-matching decisions while it walks its graph, so k hits come back
        # however selective the filter: no count, no oversampling, no exact scan.
        records = self._read(
            queries.decision_search_clause(params),
            {
                **params,
                "vector": vector,
                "candidates": max(MIN_ANN_CANDIDATES, limit),
                "limit": limit,
            },
        )
        notes.append("filter applied inside the vector index (SEARCH clause)")
        return [(r["decision_id"], float(r["score"])) for r in records]

    def _lexical(self, request: SearchRequest, limit: int) -> list[tuple[str, float]]:
        lucene = to_lucene(request.query)
        if not lucene:
            return []
        filters = request.filters.parameters()
        query = queries.decision_fulltext_search(filters)
        params = {**filters, "lucene": lucene, "limit": limit}
        filtered = bool(filters)
        # The full-text index cannot filter: read more of its ranking until k pass the filter or
        # the whole index has been read.
        candidates = limit * 8 if filtered else limit
        total: int | None = None
        while True:
            try:
                records = self._read(query, {**params, "candidates": candidates})
            except ClientError as error:
                raise InvalidRequestError(
                    f"the full-text index refused the query: {error.message}"
                ) from error
            if len(records) >= limit or not filtered:
                break
            total = total if total is not None else self._count_decisions()
            if candidates >= total:
                break
            candidates = min(total, candidates * 4)
        return [(r["decision_id"], float(r["score"])) for r in records]

    def _count_decisions(self) -> int:
        return int(self._read(queries.COUNT_DECISIONS, {})[0]["total"])

    def _graph(
        self, request: SearchRequest, entities: dict[str, list[str]], notes: list[str]
    ) -> tuple[list[tuple[str, float]], dict[str, Components], dict[str, list[str]]]:
        target = dict(entities)
        vector: list[float] | None = None
        # Precedents are other cases: the decision itself and its letter's other items are left out.
        exclusions: dict[str, Any] = {}
        if request.decision_id:
            records = self._read(queries.DECISION_ENTITIES, {"decision_id": request.decision_id})
            if not records:
                raise NotFoundError(f"No decision with id {request.decision_id!r}")
            record = records[0]
            target = {
                "service": [record["service"]] if record["service"] else [],
                "category": [record["category"]] if record["category"] else [],
                "region": [record["region"]] if record["region"] else [],
                "diagnosis": list(record["diagnoses"] or []),
                "guideline": list(record["guidelines"] or []),
            }
            if record["vector"] is not None:
                vector = [float(x) for x in record["vector"]]
            exclusions = {
                "exclude_decision": request.decision_id,
                "exclude_case": record["case_id"],
            }
        target = self._described_request(request, target)
        target = {k: v for k, v in target.items() if v}
        graph_list = (
            self._neighbours(
                target,
                {**request.filters.parameters(), **exclusions},
                max(request.candidate_pool, request.k),
            )
            if target
            else []
        )
        if not graph_list:
            return self._graph_fallback(request, target, vector, exclusions, notes)
        if not request.fuse_semantic:
            ranked, components = self._single(graph_list, "graph")
            return ranked, components, target
        if vector is None and request.query.strip():
            vector = self._embed_query(request.query)
        if vector is None or not graph_list:
            ranked, components = self._single(graph_list, "graph")
            return ranked, components, target
        # Semantic similarity of the graph candidates, and the nearest by meaning beyond them.
        similarity = self._read(
            queries.DECISION_SIMILARITY_TO_VECTOR,
            {"decision_ids": [d for d, _ in graph_list], "vector": vector},
        )
        semantic_scores = {r["decision_id"]: float(r["score"]) for r in similarity}
        nearby_params = {**request.filters.parameters(), **exclusions}
        nearby = self.vector_candidates(vector, nearby_params, request.k, notes)
        semantic_list = sorted(
            {**semantic_scores, **dict(nearby)}.items(), key=lambda item: -item[1]
        )
        ranked, components = fuse_rrf(
            {"graph": graph_list, "semantic": semantic_list}, request.rrf_k
        )
        notes.append("graph neighbours fused with semantic similarity (RRF)")
        return ranked, components, target

    def _graph_fallback(
        self,
        request: SearchRequest,
        target: dict[str, list[str]],
        vector: list[float] | None,
        exclusions: dict[str, Any],
        notes: list[str],
    ) -> tuple[list[tuple[str, float]], dict[str, Components], dict[str, list[str]]]:
        """Graph mode found nothing to share: say why, and rank by meaning instead."""
        if not target:
            why = (
                "graph mode: no service, body region, diagnosis or guideline recognised in the "
                "query (only whole phrases count, e.g. 'lumbar MRI', 'back pain')"
            )
        else:
            named = "; ".join(f"{kind} {', '.join(values)}" for kind, values in target.items())
            why = f"graph mode: no decision shares {named} with the filters in use"
        if vector is None and request.query.strip() and self.embedder is not None:
            vector = self._embed_query(request.query)
        if vector is None:
            notes.append(why)
            return [], {}, target
        notes.append(why + " — fell back to semantic search")
        params = {**request.filters.parameters(), **exclusions}
        nearest = self.vector_candidates(
            vector, params, max(request.candidate_pool, request.k), notes
        )
        ranked, components = self._single(nearest, "semantic")
        return ranked, components, target

    def _neighbours(
        self, target: dict[str, list[str]], filter_params: dict[str, Any], limit: int
    ) -> list[tuple[str, float]]:
        """Decisions sharing the target's entities, by GRAPH_WEIGHTS, best first."""
        params = {
            **filter_params,
            "branch_cap": BRANCH_CAP,
            "g_service": (target.get("service") or [None])[0],
            "g_category": (target.get("category") or [None])[0],
            "g_region": (target.get("region") or [None])[0],
            "g_diagnoses": target.get("diagnosis", []),
            "g_guidelines": target.get("guideline", []),
            "limit": limit,
            **{f"w_{kind}": weight for kind, weight in GRAPH_WEIGHTS.items()},
        }
        records = self._read(queries.decision_graph_neighbours(filter_params), params)
        return [(r["decision_id"], float(r["score"])) for r in records]

    @staticmethod
    def _described_request(
        request: SearchRequest, target: dict[str, list[str]]
    ) -> dict[str, list[str]]:
        from ingest.normalise import normalise_service, parse_guideline_citations

        target = dict(target)
        if request.service:
            match = normalise_service(request.service)
            target["service"] = [match.service]
            if match.known:
                target["category"] = [match.category]
        if request.region:
            from ingest.normalise import find_body_region

            target["region"] = [find_body_region(request.region) or request.region.lower()]
        if request.diagnoses:
            target["diagnosis"] = [d.strip().lower() for d in request.diagnoses if d.strip()]
        if request.guideline:
            found = parse_guideline_citations(request.guideline, "reviewer")
            target["guideline"] = [g.name for g in found] or [request.guideline]
        return target

    @staticmethod
    def _single(
        ranked: list[tuple[str, float]], kind: str
    ) -> tuple[list[tuple[str, float]], dict[str, Components]]:
        components = {}
        for rank, (decision_id, score) in enumerate(ranked, 1):
            components[decision_id] = Components(**{kind: score, f"{kind}_rank": rank})
        return ranked, components

    # -- relevance floor and tie-breakers -----------------------------------------------------
    def _relevant(
        self,
        ranked: list[tuple[str, float]],
        components: dict[str, Components],
        request: SearchRequest,
        entities: dict[str, list[str]],
        notes: list[str],
    ) -> list[tuple[str, float]]:
        """The first k candidates that pass the relevance floor (graph/relevance.py), in order.

        A candidate passes on its service (the one the query names, a service filter already
        guarantees it), on its semantic score, or on the share of the query's words it contains;
        the texts are read only for candidates the first two do not decide."""
        if not ranked:
            return ranked
        wanted_service = {v.lower() for v in entities.get("service", [])}
        if request.filters.service:
            wanted_service.add(request.filters.service.strip().lower())
        terms = content_terms(query_terms(request.query), STOP_WORDS)
        needed = needed_terms(terms)
        kept: list[tuple[str, float]] = []
        best_semantic = max((c.semantic or 0.0 for c in components.values()), default=0.0)
        chunk = max(2 * request.k, 20)
        for start in range(0, len(ranked), chunk):
            part = ranked[start : start + chunk]
            verdict: dict[str, bool] = {}
            for decision_id, _ in part:
                piece = components.get(decision_id, Components())
                # Graph mode's own candidates share entities by construction.
                by_graph = request.mode == "graph" and bool(piece.graph)
                by_meaning = piece.semantic is not None and piece.semantic >= SEMANTIC_FLOOR
                if by_graph or by_meaning:
                    verdict[decision_id] = True
            undecided = [d for d, _ in part if d not in verdict]
            if undecided and (wanted_service or terms):
                texts = self._read(queries.DECISION_TEXTS, {"decision_ids": undecided})
                for record in texts:
                    semantic = components.get(record["decision_id"], Components()).semantic
                    verdict[record["decision_id"]] = record[
                        "service"
                    ] in wanted_service or passes_floor(semantic, record["text"], terms)
            kept += [item for item in part if verdict.get(item[0])]
            if len(kept) >= request.k:
                break
        shown = min(len(kept), request.k)
        if shown < min(request.k, len(ranked)):
            words = f"{needed} of the {len(terms)} query words" if terms else "the query's words"
            best = f" (best here {best_semantic:.2f})" if best_semantic else ""
            notes.append(
                f"relevance floor: {shown} decision{'s' if shown != 1 else ''} relevant — a hit "
                f"needs the recognised service, a semantic score of at least {SEMANTIC_FLOOR}"
                f"{best} or {words}"
            )
        return kept

    def _break_ties(
        self, ranked: list[tuple[str, float]], facts: QueryFacts, notes: list[str]
    ) -> list[tuple[str, float]]:
        """Among equal scores, decisions closer to the query's age, sex and year come first."""
        ids = [decision_id for decision_id, _ in ranked]
        rows = self._read(queries.DECISION_TIE_FACTS, {"decision_ids": ids})
        records = {r["decision_id"]: r for r in rows}

        def closeness(item: tuple[int, tuple[str, float]]) -> tuple[Any, ...]:
            position, (decision_id, score) = item
            record = records.get(decision_id)
            if record is None:
                return (-score, (1, 999, 999), position)
            age = record["age"]
            distance = facts.distance(
                int(age) if age is not None else None, record["sex"], record["year"]
            )
            return (-score, distance, position)

        reordered = [item for _, item in sorted(enumerate(ranked), key=closeness)]
        if reordered != ranked:
            mentioned = ", ".join(
                f"{name} {value}" for name, value in asdict(facts).items() if value is not None
            )
            notes.append(f"equal scores ordered by closeness to {mentioned}")
        return reordered

    # -- hits ----------------------------------------------------------------------------------
    def _hits(
        self,
        ranked: list[tuple[str, float]],
        components: dict[str, Components],
        request: SearchRequest,
        entities: dict[str, list[str]],
    ) -> list[SearchHit]:
        if not ranked:
            return []
        ids = [decision_id for decision_id, _ in ranked]
        records = {
            r["decision_id"]: r for r in self._read(queries.DECISION_HITS, {"decision_ids": ids})
        }
        terms = query_terms(request.query)
        with_filters = dict(entities)
        filters = request.filters
        for kind, value in (
            ("service", filters.service),
            ("category", filters.category),
            ("region", filters.region),
            ("guideline", filters.guideline),
        ):
            if value and kind not in with_filters:
                with_filters[kind] = [value]
        hits = []
        for decision_id, score in ranked:
            record = records.get(decision_id)
            if record is None:
                continue  # deleted between the two reads
            part = components.get(decision_id, Components())
            plain, marked = make_snippet(record["rationale"] or record["item_text"] or "", terms)
            hit = SearchHit(
                decision_id=decision_id,
                case_id=record["case_id"],
                source=record["source"],
                source_kind=record["source_kind"],
                service=record["service"],
                category=record["category"],
                body_region=record["body_region"],
                outcome=record["outcome"],
                decision_date=record["decision_date"],
                item_text=record["item_text"],
                snippet=plain,
                snippet_highlighted=marked,
                score=score,
                components=part,
                shared={},
                citations=[Citation(**c) for c in record["citations"] if c],
                diagnoses=list(record["diagnoses"] or []),
                reviewer_specialty=record["reviewer_specialty"],
                patient_age=record["patient_age"],
                patient_sex=record["patient_sex"],
                age_range=record["age_range"],
                rationale=record["rationale"] or "",
            )
            hit.shared = shared_entities(hit, with_filters)
            hits.append(hit)
        return hits


def fuse_rrf(
    lists: dict[str, list[tuple[str, float]]], rrf_k: int = RRF_K
) -> tuple[list[tuple[str, float]], dict[str, Components]]:
    """Reciprocal-rank fusion: Σ 1/(rrf_k + rank); ties broken by the best single rank."""
    fused: dict[str, float] = {}
    components: dict[str, Components] = {}
    for kind, ranked in lists.items():
        for rank, (decision_id, score) in enumerate(ranked, 1):
            fused[decision_id] = fused.get(decision_id, 0.0) + 1.0 / (rrf_k + rank)
            part = components.setdefault(decision_id, Components())
            setattr(part, kind, score)
            setattr(part, f"{kind}_rank", rank)

    def best_rank(decision_id: str) -> int:
        part = components[decision_id]
        return min(r for r in (part.semantic_rank, part.lexical_rank, part.graph_rank) if r)

    order = sorted(fused, key=lambda d: (-fused[d], best_rank(d), d))
    return [(d, round(fused[d], 6)) for d in order], components


def with_filters(request: SearchRequest, **changes: Any) -> SearchRequest:
    return replace(request, filters=replace(request.filters, **changes))
