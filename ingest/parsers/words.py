"""Splitting words that PDF text extraction ran together ("notmedically", "requestfor").

Extraction sometimes drops the space between two words. A token is split only when it is not a
known word itself and it can be written as two to four *letter words* (the outcome and label words
of IMR letters plus common English words), preferring the fewest parts. Real medical words are not
made of letter words ("arthroscopy", "hydrocodone"), and the words of the service, region and
guideline tables count as known whole words, so they are never broken.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ingest.vocabulary import BODY_REGIONS, GUIDELINES, SERVICES

# Words a split may produce: the words IMR letters are written in. Every part of a split must be
# one of these, so the list is what decides how eager splitting is; keep it to ordinary words.
_LETTER_WORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "an",
        "and",
        "any",
        "appropriate",
        "approved",
        "are",
        "as",
        "at",
        "based",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "certified",
        "certify",
        "claims",
        "could",
        "decision",
        "decisions",
        "denied",
        "determination",
        "determined",
        "did",
        "does",
        "done",
        "due",
        "during",
        "each",
        "either",
        "evidence",
        "expert",
        "for",
        "from",
        "further",
        "guideline",
        "guidelines",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "his",
        "how",
        "if",
        "in",
        "indicated",
        "is",
        "it",
        "its",
        "may",
        "medical",
        "medically",
        "more",
        "most",
        "must",
        "necessary",
        "necessity",
        "no",
        "non",
        "nor",
        "not",
        "now",
        "of",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "over",
        "overturned",
        "partially",
        "patient",
        "per",
        "plan",
        "prior",
        "provided",
        "rationale",
        "reasonable",
        "recommended",
        "records",
        "request",
        "requested",
        "required",
        "review",
        "reviewer",
        "same",
        "services",
        "service",
        "she",
        "should",
        "since",
        "so",
        "some",
        "such",
        "support",
        "supported",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "treatment",
        "under",
        "upheld",
        "upon",
        "use",
        "used",
        "very",
        "was",
        "were",
        "what",
        "when",
        "where",
        "whether",
        "which",
        "while",
        "who",
        "why",
        "will",
        "with",
        "would",
        "year",
        "years",
    ]
)

# Whole words that are made of letter words but must stay whole.
_WHOLE_WORDS = frozenset(
    [
        "another",
        "anyone",
        "anything",
        "anyway",
        "became",
        "become",
        "becomes",
        "beforehand",
        "cannot",
        "elsewhere",
        "everyone",
        "forthwith",
        "furthermore",
        "hereby",
        "herein",
        "hereafter",
        "however",
        "inasmuch",
        "indeed",
        "inside",
        "into",
        "itself",
        "meanwhile",
        "moreover",
        "nevertheless",
        "nonetheless",
        "notwithstanding",
        "nothing",
        "notice",
        "noted",
        "notable",
        "notation",
        "onto",
        "otherwise",
        "outside",
        "overall",
        "overuse",
        "overdose",
        "someone",
        "something",
        "sometimes",
        "somewhere",
        "thereafter",
        "thereby",
        "therefore",
        "therein",
        "thereof",
        "thereto",
        "throughout",
        "together",
        "toward",
        "towards",
        "underwent",
        "undergo",
        "undergone",
        "understand",
        "upon",
        "whatever",
        "whenever",
        "wherever",
        "whereas",
        "whereby",
        "wherein",
        "whoever",
        "within",
        "without",
        "yourself",
        "themselves",
        "himself",
        "herself",
        "ourselves",
        "inpatient",
        "outpatient",
        "aftercare",
        "healthcare",
        "caregiver",
        "followup",
        "workup",
        "setup",
        "update",
        "upset",
        "handout",
        "network",
        "workplace",
        "background",
        "heretofore",
        "whatsoever",
        "henceforth",
        "insofar",
        "overtime",
        "undertook",
        "undertake",
        "withdrawn",
        "withheld",
        "worker",
        "wherewith",
        "amongst",
        "onset",
        "inset",
        "offset",
        "another",
        "nowhere",
        "someday",
        "maybe",
        "noncertified",
        "thereupon",
        "anybody",
        "nobody",
        "somebody",
        "everybody",
        "everything",
        "everywhere",
        "hence",
    ]
)

_MIN_TOKEN = 5  # "notbe" is the shortest run-together pair worth splitting
_MAX_TOKEN = 40
_MAX_PARTS = 4
# Only lower-case or all-capital alphabetic tokens: mixed case ("McKenzie") is a name.
_TOKEN = re.compile(
    rf"\b(?:[a-z]{{{_MIN_TOKEN},{_MAX_TOKEN}}}|[A-Z]{{{_MIN_TOKEN},{_MAX_TOKEN}}})\b"
)


def _table_words() -> set[str]:
    """Words written in the service, region and guideline tables' patterns: real words of the
    trade ("hydrocodone", "arthroscopy"), never to be split even if letter words spell them."""
    patterns = [p for entry in (*SERVICES, *BODY_REGIONS, *GUIDELINES) for p in entry.patterns]
    return {w.lower() for p in patterns for w in re.findall(rf"[A-Za-z]{{{_MIN_TOKEN},}}", p)}


_known_whole: frozenset[str] = _WHOLE_WORDS | _LETTER_WORDS | frozenset(_table_words())


@lru_cache(maxsize=16384)
def _split(token: str) -> tuple[str, ...] | None:
    """The fewest letter words that spell ``token`` (lower-case), or ``None``."""
    if token in _known_whole:
        return None
    n = len(token)
    # best[i]: fewest parts spelling token[:i], with the previous cut; a DP over cut positions.
    best: list[tuple[int, int] | None] = [None] * (n + 1)
    best[0] = (0, 0)
    for end in range(1, n + 1):
        for start in range(max(0, end - 16), end):
            previous = best[start]
            if previous is None or token[start:end] not in _LETTER_WORDS:
                continue
            if end - start == 1 and token[start:end] != "a":
                continue
            parts = previous[0] + 1
            if best[end] is None or parts < best[end][0]:  # type: ignore[index]
                best[end] = (parts, start)
    if best[n] is None or best[n][0] < 2 or best[n][0] > _MAX_PARTS:  # type: ignore[index]
        return None
    cuts: list[int] = []
    i = n
    while i > 0:
        cuts.append(i)
        i = best[i][1]  # type: ignore[index]
    cuts.reverse()
    pieces = []
    start = 0
    for cut in cuts:
        pieces.append(token[start:cut])
        start = cut
    # A lone "a" at either end is more likely a real word's letter ("aspirin" never gets here,
    # but "abed" would): do not split on it.
    if pieces[0] == "a" or pieces[-1] == "a":
        return None
    return tuple(pieces)


def _replace(match: re.Match[str]) -> str:
    token = match.group(0)
    pieces = _split(token.lower())
    if pieces is None:
        return token
    out = []
    start = 0
    for piece in pieces:  # keep the token's own case
        out.append(token[start : start + len(piece)])
        start += len(piece)
    return " ".join(out)


def split_run_together(text: str) -> str:
    """``text`` with run-together letter words separated ("is notmedically necessary" → "is not
    medically necessary"); every other token unchanged."""
    # Nearly every letter has no run-together word: find the distinct tokens (one C-level scan)
    # and only substitute, token by token, when one of them splits.
    if not any(_split(t.lower()) is not None for t in set(_TOKEN.findall(text))):
        return text
    return _TOKEN.sub(_replace, text)


# Prefixes written with a hyphen ("non-certified", "re-evaluation", "post-operative").
_PREFIXES = frozenset(
    [
        "non",
        "self",
        "post",
        "pre",
        "re",
        "co",
        "multi",
        "anti",
        "semi",
        "sub",
        "inter",
        "intra",
        "over",
        "under",
        "well",
        "long",
        "short",
        "follow",
        "first",
        "second",
        "third",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "half",
        "full",
        "part",
        "low",
        "high",
        "mid",
        "extra",
        "ultra",
        "bi",
        "tri",
    ]
)


def is_word(word: str) -> bool:
    """Whether ``word`` is a known whole word or hyphen prefix (so a hyphen after it at a line
    end joins a compound rather than splitting one word)."""
    lowered = word.lower()
    return lowered in _known_whole or lowered in _PREFIXES or len(lowered) <= 2
