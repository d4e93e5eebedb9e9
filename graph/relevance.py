"""What a free-text query says, read strictly: entities on whole phrases, demographics, and
the relevance floor a hit must pass.

    recognise_query_entities("physical therapy for low back pain")  # service + region
    recognise_query_entities("the injury dates back to 2015")        # {} (no entity)
    query_facts("52-year-old female, injured 2015")  # QueryFacts(age=52, sex="female", year=2015)

Entity recognition. The ingest vocabulary (ingest/vocabulary.py) is written for item texts, where
"back" or "PT" always mean a body region or physical therapy. A query is prose: "dates back",
"on the other hand", "pt reports" are incidental words. Here a vocabulary match only counts when
it covers whole words, and the ambiguous single words in AMBIGUOUS_WORDS count only next to a
word that makes them clinical ("back pain", "left hand", "compound cream"); abbreviations of up
to three letters count only as written in capitals ("PT", "EMG", never "pt").

Relevance floor (graph/search.py applies it to every mode, so to the stats too). A hit counts
as relevant when any of these holds:
- it has the service recognised in the query (or given as a filter or graph-mode request);
- SEMANTIC_FLOOR: its rationale is near the query by meaning. Scores are Neo4j's normalised
  cosine, (1 + cos) / 2. Measured on data/sample (559 decisions): nonsense and off-domain queries
  reach 0.50-0.76 ("zzqx unknown treatment" 0.76: "unknown treatment" is medical prose), real
  requests 0.80-0.92 for their best precedents; 0.80 (cosine 0.60) keeps the second set;
- LEXICAL_MIN_SHARE: it contains at least half of the query's content words (stop words left
  out) and at least LEXICAL_MIN_TERMS of them, one of them not in DOMAIN_COMMON_WORDS, so shared
  common words ("treatment" is in 90 % of the sample's rationales) are not a match;
- SEMANTIC_NEAR: a semantic score of at least 0.72 together with one of the query's distinctive
  words (not stop words, not DOMAIN_COMMON_WORDS). Paraphrased requests that name no service
  ("sleeping pill taken every night for months", 0.76) score like nonsense ("zzqx unknown
  treatment", 0.76); the shared distinctive word ("night", "weeks") tells them apart, measured
  on the hand-judged queries (BENCHMARKS.md).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

SEMANTIC_FLOOR = 0.80
SEMANTIC_NEAR = 0.72
LEXICAL_MIN_SHARE = 0.5
LEXICAL_MIN_TERMS = 2

# Words that mean a body part or a treatment only in clinical company, with that company: the
# word directly before or after must be one of them.
_BODY_CONTEXT = frozenset({
    "pain", "painful", "injury", "injuries", "injured", "surgery", "spasm", "spasms", "strain",
    "sprain", "fracture", "complaints", "condition", "problems", "brace", "x-ray", "xray",
    "mri", "ct", "therapy", "ache", "aches", "trauma", "numbness", "weakness", "symptoms",
    "left", "right", "bilateral", "low", "lower", "upper", "mid", "chronic", "acute", "sore",
    "stiffness", "exam", "examination", "region", "area", "fusion",
})  # fmt: skip
AMBIGUOUS_WORDS: dict[str, frozenset[str]] = {
    "back": _BODY_CONTEXT,
    "head": _BODY_CONTEXT,
    "hand": _BODY_CONTEXT,
    "hands": _BODY_CONTEXT,
    "heel": _BODY_CONTEXT,
    "heels": _BODY_CONTEXT,
    "chest": _BODY_CONTEXT,
    "compound": frozenset({"cream", "creams", "topical", "medication", "analgesic", "ointment"}),
    "cream": frozenset({"topical", "compound", "compounded", "analgesic", "pain", "lidocaine"}),
}
MAX_ABBREVIATION = 3
# Words in at least 40 % of data/sample's rationales (and not STOP_WORDS): they match nearly every
# decision, so a hit needs one of the query's other words to count as a lexical match.
DOMAIN_COMMON_WORDS = frozenset({
    "address", "alternatives", "basis", "benefit", "cannot", "chronic", "clinical",
    "continuation", "continued", "criteria", "did", "documentation", "documented", "does",
    "establish", "findings", "function", "functional", "given", "guideline", "guidelines",
    "improvement", "indication", "lack", "least", "measures", "medical", "medically", "met",
    "months", "mtus", "necessary", "necessity", "objective", "old", "only", "pain", "physician",
    "prior", "provided", "reasons", "recent", "recommend", "recommended", "records", "request",
    "requested", "require", "review", "specific", "submitted", "supported", "therapy", "treated",
    "treating", "treatment", "tried", "use", "utilization", "without", "year",
})  # fmt: skip
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'\-]*")


def _word_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The span widened to whole words (a stem match "acupunct" covers "acupuncture")."""
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return start, end


def _neighbours(text: str, start: int, end: int) -> set[str]:
    before = _WORD.findall(text[:start])[-1:]
    after = _WORD.findall(text[end:])[:1]
    return {w.lower() for w in before + after}


def is_whole_phrase(text: str, match: re.Match[str]) -> bool:
    """Whether a vocabulary match in a query names the entity rather than brushing past it."""
    start, end = match.start(), match.end()
    if start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        return False  # starts inside a word: "chiro" in "nonchiro", "OT" in "rOTator"
    wide_start, wide_end = _word_bounds(text, start, end)
    phrase = text[wide_start:wide_end]
    words = phrase.split()
    short = len(words) == 1 and len(phrase) <= MAX_ABBREVIATION and phrase.isalpha()
    if short and not phrase.isupper():
        return False  # "pt" (patient), "ot", "si" in prose
    company = AMBIGUOUS_WORDS.get(phrase.lower())
    if company is not None:
        return bool(_neighbours(text, wide_start, wide_end) & company)
    return True


def _first_whole_match(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    return next((m for m in pattern.finditer(text) if is_whole_phrase(text, m)), None)


def recognise_query_entities(text: str) -> dict[str, list[str]]:
    """Canonical service (and its category), body region and guidelines a query names, on
    whole phrases only. Services are tried in the vocabulary's priority order, regions by the
    earliest whole-phrase match (ties in table order), as the ingest does."""
    from ingest.normalise import parse_guideline_citations
    from ingest.vocabulary import BODY_REGIONS, SERVICES

    entities: dict[str, list[str]] = {}
    text = text[:2000]
    if not text.strip():
        return entities
    service = next((s for s in SERVICES if _first_whole_match(s.combined, text)), None)
    if service is not None:
        entities["service"] = [service.name]
        entities["category"] = [service.category]
    found = [
        (match.start(), order, region.name)
        for order, region in enumerate(BODY_REGIONS)
        if (match := _first_whole_match(region.combined, text)) is not None
    ]
    if found:
        entities["region"] = [min(found)[2]]
    guidelines = sorted({g.name for g in parse_guideline_citations(text, "reviewer")})
    if guidelines:
        entities["guideline"] = guidelines
    return entities


# -- demographics and dates: tie-breakers -------------------------------------------------------
_AGE = re.compile(
    r"\b(\d{1,3})\s*-?\s*(?:years?|yrs?)\s*-?\s*old\b|\b(\d{1,3})\s*y/?o\b|\baged?\s+(\d{1,3})\b",
    re.I,
)
_FEMALE = re.compile(r"\b(?:female|woman|women|lady|she|her)\b", re.I)
_MALE = re.compile(r"\b(?:male|man|men|gentleman|he|his|him)\b", re.I)
_YEAR = re.compile(r"\b(20[0-3]\d|19[89]\d)\b")


@dataclass(frozen=True)
class QueryFacts:
    """Age, sex and year a query mentions; used only to order hits of equal score."""

    age: int | None = None
    sex: str | None = None
    year: int | None = None

    def any(self) -> bool:
        return self.age is not None or self.sex is not None or self.year is not None

    def distance(self, age: int | None, sex: str | None, year: int | None) -> tuple[int, ...]:
        """Smaller is closer: a differing or unknown sex first, then years of age, then years
        between the dates. Facts the query does not mention weigh nothing."""
        sex_miss = int(self.sex is not None and sex != self.sex)
        age_gap = abs(age - self.age) if self.age is not None and age is not None else 0
        age_gap += 200 if self.age is not None and age is None else 0
        year_gap = abs(year - self.year) if self.year is not None and year is not None else 0
        year_gap += 200 if self.year is not None and year is None else 0
        return (sex_miss, age_gap, year_gap)


def query_facts(text: str) -> QueryFacts:
    age_match = _AGE.search(text)
    age = None
    if age_match:
        value = int(next(g for g in age_match.groups() if g))
        age = value if 0 < value <= 120 else None
    female, male = bool(_FEMALE.search(text)), bool(_MALE.search(text))
    sex = "female" if female and not male else "male" if male and not female else None
    year_match = _YEAR.search(_AGE.sub(" ", text))
    return QueryFacts(age=age, sex=sex, year=int(year_match.group(1)) if year_match else None)


# -- lexical coverage ------------------------------------------------------------------------------
def content_terms(terms: Iterable[str], stop_words: frozenset[str]) -> list[str]:
    """The query's words that carry meaning: lower case, distinct, no stop words."""
    seen: dict[str, None] = {}
    for term in terms:
        word = term.lower()
        if (len(word) > 2 or word.isdigit()) and word not in stop_words:
            seen.setdefault(word, None)
    return list(seen)


def terms_pattern(terms: Iterable[str]) -> re.Pattern[str] | None:
    """Whole words with common inflections ("injection" matches "injections")."""
    words = sorted(set(terms), key=len, reverse=True)
    if not words:
        return None
    alternatives = "|".join(re.escape(w) for w in words)
    return re.compile(r"\b(?:" + alternatives + r")(?:s|es|ed|ing)?\b", re.I)


def matched_terms(text: str, terms: list[str]) -> set[str]:
    """The `terms` that occur in `text` as words (with common inflections)."""
    pattern = terms_pattern(terms)
    if pattern is None:
        return set()
    found = {m.group(0).lower() for m in pattern.finditer(text)}
    return {t for t in terms if any(f == t or f.startswith(t) for f in found)}


def lexical_coverage(text: str, terms: list[str]) -> float:
    """Share of `terms` that occur in `text` as words (1.0 when there are no terms)."""
    if not terms:
        return 1.0
    return len(matched_terms(text, terms)) / len(terms)


def passes_floor(semantic: float | None, text: str, terms: list[str]) -> bool:
    """The lexical parts of the floor (module doc), for a hit the service and a semantic score
    of SEMANTIC_FLOOR did not already let through."""
    if not terms:
        return False
    matched = matched_terms(text, terms)
    distinctive = matched - DOMAIN_COMMON_WORDS
    if semantic is not None and semantic >= SEMANTIC_NEAR and distinctive:
        return True
    return len(matched) >= needed_terms(terms) and bool(distinctive)


def needed_terms(terms: list[str]) -> int:
    """How many of the query's content words a decision found by words must contain: half,
    and never a single word when the query has more (one common word matches everywhere)."""
    if not terms:
        return 0
    return max(math.ceil(LEXICAL_MIN_SHARE * len(terms)), min(LEXICAL_MIN_TERMS, len(terms)))
