"""Nearest upheld vs nearest overturned, and the sentences in which their reasoning differs.

    contrast = contrast_request(driver, "neo4j", embedder, "12 acupuncture visits for neck pain")
    contrast.nearest_upheld[0], contrast.nearest_overturned[0]      # SearchHits, best first
    [s.text for s in contrast.upheld_sentences if s.differs]        # what only the upheld says
    contrast.key_sentences["upheld"]                                # its <= 3 key differences

For a typed request the precedents come from the hybrid search (graph/search.py) run once per
outcome, narrowed to the request's service when one is given or recognised in the text (and
widened again, with a note, when no decision of that service came out that way); for a stored
decision (the decision page) from graph-mode similarity per outcome. Either way the best pair —
the nearest upheld and the nearest overturned — is compared sentence by sentence: both rationales
are split into sentences, each sentence is embedded with the search model, and a sentence whose
best counterpart in the other rationale has a cosine below DIFFER_BELOW is marked as differing —
as is one whose counterpart says the opposite (one of them negated: embeddings barely see a
"not", and "is medically necessary" / "is not medically necessary" score 0.9).

Differing is most of a rationale (82 % of the 874 sentences of the 35 upheld/overturned pairs of
one service each in data/sample/truth.jsonl: two letters share little wording), so each side
also marks its KEY differences, the few a reader should look at first (`AlignedSentence.key`,
`Contrast.key_sentences`): of the differing sentences, first those that contradict their
counterpart (opposite polarity, or a negation the counterpart lacks at a similarity of at least
KEY_BELOW: the same point, the other verdict; the closest first), then those with the lowest
best-match similarity, below KEY_BELOW only (a sentence the other side nearly says is a
rewording, not a key difference), at most KEY_DIFFERENCES per side. Skipped as boilerplate that
every letter has in its own words: sentences under KEY_MIN_WORDS words and the case introduction
("The applicant is a 69-year-old female who was injured on ..."), whose low similarity only
means another patient.
On the same 35 pairs (the first upheld and first overturned item of each service): 210 of the 874
sentences (24 %) are key against 719 (82 %) differing, 3 on each of the 70 sides, 60 of them
contradictions; in the Butrans pair the key ones are the doses ("above 120 mg morphine
equivalents" / "well below 120 mg") and the weaning, where the lowest similarities alone picked
the date of the request.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np
from neo4j import Driver

from graph.errors import InvalidRequestError
from graph.search import (
    PrecedentSearch,
    QueryEmbedder,
    SearchFilters,
    SearchHit,
    SearchRequest,
    recognise_entities,
)

OUTCOMES = ("upheld", "overturned")
DEFAULT_K = 3
MAX_K = 20
# Two sentences whose cosine (all-MiniLM-L6-v2) is below this say different things. Measured on
# 17 upheld/overturned pairs of the same service in data/sample (215 sentences): a guideline
# sentence reworded ("The MTUS Chronic Pain ... Guidelines" / "The California MTUS guidelines")
# scores 0.87-0.93; sentences with opposite facts ("240 morphine equivalents, no weaning" / "well
# below 120 ... plan to taper") 0.75; the median best match of a non-identical sentence 0.50.
DIFFER_BELOW = 0.8
# Negations that flip a sentence: a pair that matches by meaning but not in these differs.
_NEGATIONS = re.compile(
    r"\b(?:not|no|never|none|nor|without|cannot|neither|lacks?|lacking|absent)\b|n't\b", re.I
)
# Key differences (see the module docstring): at most this many per side, and only a sentence
# whose best match scores below KEY_BELOW (in data/sample the median best match of a differing
# sentence is 0.48, its 75th percentile 0.57) or that says the opposite of it.
KEY_DIFFERENCES = 3
KEY_BELOW = 0.6
KEY_MIN_WORDS = 6  # "Acupuncture is recommended." says nothing a reader can act on
# The case introduction: each letter describes its own patient, so it never matches.
_INTRODUCTION = re.compile(r"\b\d{1,3}[- ]year[- ]old\b", re.I)
MIN_SENTENCE_CHARS = 12
MAX_SENTENCES = 80  # per rationale: a runaway text must not embed thousands of fragments
# A full stop after these does not end a sentence ("Dr. X", "p. 51", "e.g. a TENS unit").
_ABBREVIATIONS = frozenset(
    {"dr", "mr", "mrs", "ms", "p", "pp", "pg", "no", "vs", "approx", "e.g", "i.e", "etc", "fig",
     "st", "jr", "sr", "inc", "ca", "cf", "al", "mg", "ml", "u.s", "dept", "hx", "pt"}
)  # fmt: skip
_BOUNDARY = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[]?[A-Z0-9])")


@dataclass(frozen=True)
class AlignedSentence:
    """One sentence of a rationale and its closest sentence in the other rationale."""

    text: str
    differs: bool
    similarity: float  # cosine with `counterpart`; 0.0 when the other rationale has none
    counterpart: str | None
    reason: str | None = None  # why it differs: "no close counterpart" or "opposite polarity"
    key: bool = False  # one of the KEY_DIFFERENCES of its side (see key_differences())


@dataclass(frozen=True)
class Contrast:
    query: str
    service: str | None  # the service the precedents were narrowed to, if any
    region: str | None
    nearest_upheld: list[SearchHit]
    nearest_overturned: list[SearchHit]
    upheld_sentences: list[AlignedSentence] = field(default_factory=list)
    overturned_sentences: list[AlignedSentence] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def best_pair(self) -> tuple[SearchHit, SearchHit] | None:
        if self.nearest_upheld and self.nearest_overturned:
            return self.nearest_upheld[0], self.nearest_overturned[0]
        return None

    @property
    def differing_sentences(self) -> dict[str, list[str]]:
        """outcome → the sentences of its best precedent that the other one has no match for."""
        return {
            "upheld": [s.text for s in self.upheld_sentences if s.differs],
            "overturned": [s.text for s in self.overturned_sentences if s.differs],
        }

    @property
    def key_sentences(self) -> dict[str, list[str]]:
        """outcome → the key differences of its best precedent, in reading order."""
        return {
            "upheld": [s.text for s in self.upheld_sentences if s.key],
            "overturned": [s.text for s in self.overturned_sentences if s.key],
        }

    def hits(self, outcome: str) -> list[SearchHit]:
        return self.nearest_upheld if outcome == "upheld" else self.nearest_overturned


def split_sentences(text: str) -> list[str]:
    """Sentences of a rationale: split after . ! or ? before a capital or a digit, except after
    an abbreviation or an initial; fragments shorter than MIN_SENTENCE_CHARS join the previous."""
    flat = " ".join((text or "").split())
    if not flat:
        return []
    pieces: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(flat):
        candidate = flat[start : match.start()]
        last_word = candidate.rsplit(" ", 1)[-1].rstrip(".!?;").lower()
        if last_word in _ABBREVIATIONS or (len(last_word) == 1 and last_word.isalpha()):
            continue
        pieces.append(candidate)
        start = match.end()
    pieces.append(flat[start:])
    sentences: list[str] = []
    for piece in pieces:
        if sentences and len(piece) < MIN_SENTENCE_CHARS:
            sentences[-1] = f"{sentences[-1]} {piece}"
        else:
            sentences.append(piece)
    return sentences[:MAX_SENTENCES]


def _normalised(sentence: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", sentence.lower()).strip()


def negated(sentence: str) -> bool:
    """Whether the sentence says no: an odd number of negations ("not ... without" is a yes)."""
    return len(_NEGATIONS.findall(sentence)) % 2 == 1


def _difference(
    sentence: str, counterpart: str | None, score: float, threshold: float
) -> str | None:
    if counterpart is None or score < threshold:
        return "no close counterpart"
    if score < 1.0 and negated(sentence) != negated(counterpart):
        return "opposite polarity"
    return None


def _contradicts(sentence: AlignedSentence) -> bool:
    """The same point with the other verdict: opposite polarity, or a negation its counterpart
    lacks at a similarity that still says the same subject ("reported no documented functional
    improvement" / "reported documented functional improvement" score 0.71)."""
    if sentence.reason == "opposite polarity":
        return True
    return (
        sentence.counterpart is not None
        and sentence.similarity >= KEY_BELOW
        and negated(sentence.text) != negated(sentence.counterpart)
    )


def _key_candidate(sentence: AlignedSentence) -> bool:
    if not sentence.differs or len(sentence.text.split()) < KEY_MIN_WORDS:
        return False
    if _INTRODUCTION.search(sentence.text):
        return False
    return sentence.similarity < KEY_BELOW or _contradicts(sentence)


def key_differences(
    sentences: Sequence[AlignedSentence], limit: int = KEY_DIFFERENCES
) -> list[AlignedSentence]:
    """The sentences with `key` set on the `limit` that differ most: those that contradict
    their counterpart first (_contradicts(), closest counterpart first), then the lowest
    best-match similarity; the boilerplate that _key_candidate() leaves out is never key.
    Reading order is kept."""

    def rank(i: int) -> tuple[bool, float, int]:
        # A contradiction is surer the closer its counterpart; any other difference the farther.
        contradicts = _contradicts(sentences[i])
        similarity = sentences[i].similarity
        return (not contradicts, -similarity if contradicts else similarity, i)

    ranked = sorted((i for i, s in enumerate(sentences) if _key_candidate(s)), key=rank)
    chosen = set(ranked[:limit])
    return [replace(s, key=i in chosen) for i, s in enumerate(sentences)]


def align_sentences(
    first: Sequence[str],
    second: Sequence[str],
    embedder: QueryEmbedder,
    threshold: float = DIFFER_BELOW,
) -> tuple[list[AlignedSentence], list[AlignedSentence]]:
    """Each sentence of `first` with its closest in `second` and the other way round; a sentence
    whose closest counterpart scores below `threshold`, or says the opposite (negated()), differs,
    and the key_differences() of each side are marked. The same words (case and punctuation
    aside) always match."""
    if not first or not second:
        lonely = [
            AlignedSentence(s, True, 0.0, None, "no close counterpart") for s in (*first, *second)
        ]
        return key_differences(lonely[: len(first)]), key_differences(lonely[len(first) :])
    vectors = np.asarray(embedder.embed([*first, *second]), dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors = vectors / np.where(norms == 0, 1.0, norms)
    similarity = vectors[: len(first)] @ vectors[len(first) :].T
    same = np.array([[_normalised(a) == _normalised(b) for b in second] for a in first], dtype=bool)
    similarity = np.where(same, 1.0, similarity)

    def aligned(sentences: Sequence[str], others: Sequence[str], scores: np.ndarray) -> list:
        result = []
        for sentence, row in zip(sentences, scores, strict=True):
            best = int(np.argmax(row))
            score = float(row[best])
            reason = _difference(sentence, others[best], score, threshold)
            result.append(
                AlignedSentence(sentence, reason is not None, score, others[best], reason)
            )
        return key_differences(result)

    return aligned(first, second, similarity), aligned(second, first, similarity.T)


def contrast_hits(
    query: str,
    upheld: list[SearchHit],
    overturned: list[SearchHit],
    embedder: QueryEmbedder,
    *,
    service: str | None = None,
    region: str | None = None,
    notes: Sequence[str] = (),
) -> Contrast:
    """The Contrast of two ranked lists: their best pair compared sentence by sentence."""
    upheld_sentences: list[AlignedSentence] = []
    overturned_sentences: list[AlignedSentence] = []
    if upheld and overturned:
        upheld_sentences, overturned_sentences = align_sentences(
            split_sentences(upheld[0].rationale),
            split_sentences(overturned[0].rationale),
            embedder,
        )
    return Contrast(
        query=query,
        service=service,
        region=region,
        nearest_upheld=upheld,
        nearest_overturned=overturned,
        upheld_sentences=upheld_sentences,
        overturned_sentences=overturned_sentences,
        notes=list(notes),
    )


def _check_k(k: int) -> None:
    if not 1 <= k <= MAX_K:
        raise InvalidRequestError(f"k must be within 1..{MAX_K}, got {k}")


def contrast_request(
    driver: Driver,
    database: str,
    embedder: QueryEmbedder,
    text: str,
    *,
    service: str | None = None,
    region: str | None = None,
    filters: SearchFilters | None = None,
    k: int = DEFAULT_K,
) -> Contrast:
    """The `k` nearest upheld and overturned decisions for a typed request (hybrid search), of
    the same service where one is given or recognised in `text`; `filters` narrow both lists
    (their outcome is replaced)."""
    _check_k(k)
    query = " ".join((text or "").split())
    if not query:
        raise InvalidRequestError("describe the request to compare its precedents")
    from ingest.normalise import find_body_region, normalise_service

    base = filters or SearchFilters()
    notes: list[str] = []
    wanted_service = base.service
    if service:
        wanted_service = normalise_service(service).service
    elif not wanted_service:
        wanted_service = (recognise_entities(query).get("service") or [None])[0]
        if wanted_service:
            notes.append(f"narrowed to the service recognised in the request: {wanted_service}")
    wanted_region = base.region
    if region:
        wanted_region = find_body_region(region) or region.strip().lower()
    narrowed = replace(base, service=wanted_service, region=wanted_region)
    searcher = PrecedentSearch(driver, database, embedder)
    lists: dict[str, list[SearchHit]] = {}
    for outcome in OUTCOMES:
        request = SearchRequest(query=query, k=k, filters=replace(narrowed, outcome=outcome))
        hits = searcher.search(request).hits
        if not hits and wanted_service and not base.service and not service:
            # The recognised service was a guess: widen rather than show an empty column.
            notes.append(f"no {outcome} {wanted_service} decision: nearest of any service shown")
            hits = searcher.search(replace(request, filters=replace(request.filters, service=None)))
            hits = hits.hits
        lists[outcome] = hits
    return contrast_hits(
        query,
        lists["upheld"],
        lists["overturned"],
        embedder,
        service=wanted_service,
        region=wanted_region,
        notes=notes,
    )


def contrast_decision(
    searcher: PrecedentSearch, decision_id: str, *, k: int = DEFAULT_K
) -> Contrast:
    """The `k` nearest upheld and overturned precedents of a stored decision (graph-mode
    similarity fused with its rationale's meaning; its own letter left out)."""
    _check_k(k)
    if searcher.embedder is None:
        raise InvalidRequestError("comparing rationales needs the embedding model")
    lists = {
        outcome: searcher.similar(decision_id, k=k, filters=SearchFilters(outcome=outcome)).hits
        for outcome in OUTCOMES
    }
    return contrast_hits(decision_id, lists["upheld"], lists["overturned"], searcher.embedder)
