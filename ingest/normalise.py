"""Pure functions from free letter text to canonical values.

Every function here takes any string and returns a value or ``None`` / an empty list; none raises
on odd input (the fuzz tests hold them to that). The tables they map onto live in
:mod:`ingest.vocabulary`. Inputs are capped in length before matching so a pathological line
cannot make a regex scan megabytes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from typing import Generic, NamedTuple, TypeVar

from ingest.records import GuidelineCitation, Reviewer
from ingest.vocabulary import (
    BODY_REGIONS,
    GENERIC_GUIDELINES,
    GUIDELINES,
    OUTCOME_PATTERNS,
    SERVICES,
    SEX_WORDS,
    US_STATES,
    CanonicalGuideline,
    CanonicalService,
)

# Item text is short in every real letter; anything longer is junk or a mis-split section.
_MAX_ITEM_CHARS = 600
_MAX_CITATION_CHARS = 4000
_MAX_SUMMARY_CHARS = 20000


def collapse_ws(text: str) -> str:
    """One space between words, none at the ends."""
    # Same as re.sub(r"\s+", " ", text).strip(): str.split and \s agree on whitespace.
    return " ".join(text.split())


# --- outcomes ------------------------------------------------------------------------------------


def normalise_outcome(text: str | None) -> str | None:
    """Map outcome wording ("Upheld", "is medically necessary and appropriate", ...) to one of
    ``upheld`` / ``overturned`` / ``partially overturned``; ``None`` when none is stated."""
    if not text:
        return None
    text = text[:_MAX_CITATION_CHARS]
    for outcome, pattern in OUTCOME_PATTERNS:
        if pattern.search(text):
            return outcome
    return None


# --- services and regions ------------------------------------------------------------------------


class ServiceMatch(NamedTuple):
    service: str
    category: str
    known: bool


_ITEM_NOISE = re.compile(r"[^a-z0-9/%.#&+\- ]+")


def clean_item_text(text: str) -> str:
    """Lower-cased, single-spaced item text without odd punctuation (for unknown services)."""
    cleaned = _ITEM_NOISE.sub(" ", text[:_MAX_ITEM_CHARS].lower())
    return collapse_ws(cleaned).strip(" .:-")


def normalise_service(item_text: str | None) -> ServiceMatch:
    """The canonical service for a requested item. Unknown items keep their cleaned text as the
    service name, category ``other`` and ``known=False`` (the caller records a warning)."""
    return _normalise_service((item_text or "")[:_MAX_ITEM_CHARS])


# Item texts and citation passages repeat heavily across a corpus ("Norco 10/325mg #60",
# "Decision based on MTUS Chronic Pain Treatment Guidelines Page(s): 51, 98-99."), so the two
# table scans are memoised; both return immutable values.
_CACHE_SIZE = 8192


_Entry = TypeVar("_Entry", CanonicalService, CanonicalGuideline)


class _WordIndex(Generic[_Entry]):
    """Which table entries can match a text, judged by their required words (see
    vocabulary.required_words) instead of running every entry's regex."""

    def __init__(self, entries: tuple[_Entry, ...]) -> None:
        self.entries = entries
        self.by_word: dict[str, set[int]] = {}
        self.always: set[int] = set()  # entries whose required words are not known
        for i, entry in enumerate(entries):
            if entry.words is None:
                self.always.add(i)
            for word in entry.words or ():
                self.by_word.setdefault(word, set()).add(i)

    def possible(self, text: str) -> Sequence[_Entry]:
        """The entries that can match ``text``, in table order. Only ASCII text is judged by its
        words: elsewhere lower-casing is not a safe stand-in for IGNORECASE."""
        if not text.isascii():
            return self.entries
        lowered = text.lower()
        indices = set(self.always)
        for word, entries in self.by_word.items():
            if word in lowered:
                indices |= entries
        return [self.entries[i] for i in sorted(indices)]


_SERVICE_INDEX = _WordIndex(SERVICES)


@lru_cache(maxsize=_CACHE_SIZE)
def _normalise_service(text: str) -> ServiceMatch:
    for service in _SERVICE_INDEX.possible(text):  # the others cannot match
        if service.search(text):
            return ServiceMatch(service.name, service.category, True)
    return ServiceMatch(clean_item_text(text) or "unspecified", "other", False)


# Every region's patterns as one alternation, region i in group "r{i}" (the region patterns have
# no groups of their own). A search stops at the earliest position where any region matches and
# there tries the regions in table order: exactly "earliest match wins, ties in table order", in
# one scan instead of one per region.
_ANY_REGION = re.compile(
    "|".join(f"(?P<r{i}>{region.combined.pattern})" for i, region in enumerate(BODY_REGIONS)),
    re.IGNORECASE,
)


def find_body_region(text: str | None) -> str | None:
    """The body region named earliest in ``text`` ("left knee" → knee, "L4-5" → lumbar spine)."""
    if not text:
        return None
    match = _ANY_REGION.search(text[:_MAX_ITEM_CHARS])
    if match is None:
        return None
    # The region's group is the outermost one that matched, so it is the last to close.
    return BODY_REGIONS[int(match.lastgroup[1:])].name  # type: ignore[index]


# "a 7-day rental following the certified shoulder arthroscopy", "after her knee replacement":
# equipment or therapy for the recovery from an operation is for the operated region.
_AFTER_SURGERY = re.compile(
    r"\b(?:following|after|status\s+post|s/p)\s+(?:(?:the|a|an|his|her|their|recent|recently|"
    r"certified|approved|authorized|planned|scheduled|upcoming|requested|left|right|bilateral)\s+)"
    r"{0,3}(?P<region>[a-z][a-z0-9 -]{1,40}?)\s+(?:surgery|arthroscopy|arthroplasty|repair|"
    r"replacement|fusion|decompression|reconstruction|operation|release|discectomy|laminectomy)\b",
    re.IGNORECASE,
)
_MAX_RATIONALE_CHARS = 20000


def find_operated_region(text: str | None) -> str | None:
    """The body region of the operation ``text`` says a request follows ("a rental following
    the certified shoulder arthroscopy" → shoulder), or ``None``."""
    if not text:
        return None
    for match in _AFTER_SURGERY.finditer(text[:_MAX_RATIONALE_CHARS]):
        region = find_body_region(match.group("region"))
        if region is not None:
            return region
    return None


# --- guidelines ----------------------------------------------------------------------------------

# Sentence ends: a full stop or semicolon followed by space and a capital letter, so "pp. 303" and
# "Page(s): 51, 98-99" stay in one sentence.
# Nor do the abbreviations of a citation ("3rd ed. Hip and Groin", "Vol. 2", "et al. Spine").
_SENTENCE_SPLIT = re.compile(
    r"(?<=[.;])(?<![\s(][Ee]d\.)(?<![\s(][Ee]ds\.)(?<![\s(][Vv]ol\.)(?<![\s(][Cc]h\.)"
    r"(?<![\s(][Nn]o\.)(?<!\set al\.)\s+(?=[A-Z(\[])"
)
# "The Claims Administrator did not base their decision on the MTUS" cites nothing; the clause is
# cut out so that a following "Decision based on ..." in the same sentence still counts.
_NEGATED = re.compile(
    r"\b(?:did|does|do)\s*n[o']t\s+(?:base|cite|rely|reference)\w*\s+(?:(?:their|its|his|her|the|"
    r"this)\s+)?(?:decision\s+)?(?:up)?on\s+(?:the\s+|any\s+)?(?:MTUS|ODG|ACOEM|guidelines?)\b|"
    r"\bno\s+(?:medical\s+treatment\s+)?(?:guidelines?|citations?)\s+(?:was|were)\s+"
    r"(?:cited|provided|referenced)|"
    # "the MTUS does not (specifically) address the request", "the MTUS is silent on ...": the
    # reason another guideline is cited, not a citation of the MTUS.
    r"\b(?:the\s+)?(?:CA\s+|California\s+)?MTUS(?:\s+guidelines?)?\s+(?:(?:does|did|do)\s*n[o']t|"
    r"fails?\s+to)\s+(?:specifically\s+|directly\s+|adequately\s+)?"
    r"(?:address|cover|discuss|mention)\w*"
    r"|\b(?:the\s+)?(?:CA\s+|California\s+)?MTUS(?:\s+guidelines?)?\s+(?:is|are)\s+silent",
    re.IGNORECASE,
)
_PAGES = re.compile(
    r"\b(?:page\s*\(s\)|pages?|pgs?\.?|pp?\.)\s*:?\s*"
    r"(\d{1,4}(?:\s*[-–]\s*\d{1,4})?(?:\s*(?:,|and|&)\s*\d{1,4}(?:\s*[-–]\s*\d{1,4})?){0,20})",
    re.IGNORECASE,
)


def _pages_after(sentence: str, start: int) -> str | None:
    match = _PAGES.search(sentence, start)
    if match is None:
        return None
    pages = collapse_ws(match.group(1).replace("–", "-"))
    return re.sub(r"\s*-\s*", "-", re.sub(r"\s+,", ",", pages))


def parse_guideline_citations(text: str | None, cited_by: str) -> list[GuidelineCitation]:
    """All guideline citations in one "guideline:" passage, pages kept as written (see
    :func:`_citations`)."""
    if not text:
        return []
    return list(_citations(text[:_MAX_CITATION_CHARS], cited_by))


_GUIDELINE_INDEX = _WordIndex(GUIDELINES)


@lru_cache(maxsize=_CACHE_SIZE)
def _citations(text: str, cited_by: str) -> tuple[GuidelineCitation, ...]:
    """Citations in one passage, as an immutable (cacheable) tuple.

    Works sentence by sentence: a sentence that says it did *not* base a decision on a guideline
    cites nothing; within a sentence every canonical guideline whose match does not overlap a
    more specific one counts, and the "not stated" entries only count when nothing specific
    matched anywhere in the passage.
    """
    found: dict[str, GuidelineCitation] = {}
    text = _NEGATED.sub(" ", collapse_ws(text))
    for sentence in _SENTENCE_SPLIT.split(text):
        taken: list[tuple[int, int]] = []
        gates: dict[int, bool] = {}
        for guideline in _GUIDELINE_INDEX.possible(sentence):  # the others cannot match
            gate = guideline.gate_compiled
            if gate is not None:
                if id(gate) not in gates:
                    gates[id(gate)] = gate.search(sentence) is not None
                if not gates[id(gate)]:
                    continue
            if guideline.combined.search(sentence) is None:
                continue  # one scan rules most guidelines out
            # Patterns in their written order (most specific first); the first one that matches
            # without overlapping a more specific guideline's words counts.
            for pattern in guideline.compiled:
                match = pattern.search(sentence)
                if match is None:
                    continue
                start, end = match.span()
                if any(start < t_end and t_start < end for t_start, t_end in taken):
                    continue
                taken.append((start, end))
                if guideline.name not in found:
                    found[guideline.name] = GuidelineCitation(
                        name=guideline.name,
                        family=guideline.family,
                        pages=_pages_after(sentence, start),
                        cited_by=cited_by,
                    )
                break
    # A "section not stated" entry only stands when nothing more specific was cited at all
    # ("... because the MTUS is silent" after a specific ODG citation is not a second citation).
    if any(name not in GENERIC_GUIDELINES for name in found):
        found = {name: c for name, c in found.items() if name not in GENERIC_GUIDELINES}
    return tuple(found.values())


# --- quantity, frequency, duration ---------------------------------------------------------------

_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twelve": 12,
    "once": 1,
    "twice": 2,
}
_NUM = r"(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|twelve)"
_UNITS = {"wk": "week", "week": "week", "day": "day", "month": "month", "mo": "month"}

_LEADING_QTY = re.compile(
    r"^\s*(?:\(\s*)?(\d{1,4})\s*\)?\s+(?!(?:times?|x\b|mg|mcg|ml|%|months?|weeks?|days?|years?|"
    r"hours?|minutes?|/))(?=[A-Za-z(])",
    re.IGNORECASE,
)
_HASH_QTY = re.compile(r"#\s*(\d{1,4})\b")
_UNIT_QTY = re.compile(
    r"\b(\d{1,4})\s+(?:additional\s+|more\s+)?(?:sessions?|visits?|treatments?|tablets?|"
    r"capsules?|patches|units?|injections?)\b",
    re.IGNORECASE,
)
_LABEL_QTY = re.compile(r"\b(?:qty|quantity)\s*[:.]?\s*(\d{1,4})\b", re.IGNORECASE)
# "x 6" is a quantity only when not a duration and not the second half of "2 x 6".
_X_QTY = re.compile(
    r"(?<![\d\s])\s*(?:\bx|×)\s*(\d{1,4})\b(?!\s*(?:/|weeks?|wks?|months?|days?|per\b))",
    re.IGNORECASE,
)
# Therapy shorthand "2x6" / "3 x 4": times per week x weeks.
_TIMES_BY_WEEKS = re.compile(
    r"(?<![\d/.#])\b([1-7])\s*[x×]\s*(\d{1,2})\b(?!\s*(?:/|mg|mcg|ml|%|days?|months?|hours?|"
    r"times|per\b))",
    re.IGNORECASE,
)
_FREQUENCY = re.compile(
    r"\b(?:" + _NUM + r"\s*(?:times?|x)|(once|twice))\s*(?:a|per|/|each|every)?\s*"
    r"(wk|week|day|month|mo)s?\b",
    re.IGNORECASE,
)
_FREQUENCY_LY = re.compile(
    r"\b(?:" + _NUM + r"\s*(?:times?|x)|(once|twice))\s*(weekly|daily|monthly)\b", re.IGNORECASE
)
_DURATION = re.compile(
    r"(?:\bfor|\bover|\bx|×)\s*(?:a\s+period\s+of\s+|the\s+next\s+)?"
    + _NUM
    + r"\s*(wks?|weeks?|days?|months?|mos?)\b",
    re.IGNORECASE,
)


def _number(word: str) -> int | None:
    word = word.lower()
    if word.isdigit():
        return int(word)
    return _NUMBER_WORDS.get(word)


def _plural(n: int, unit: str) -> str:
    return f"{n} {unit}" if n == 1 else f"{n} {unit}s"


def _frequency(text: str) -> str | None:
    match = _FREQUENCY.search(text)
    if match:
        n = _number(match.group(1) or match.group(2))
        unit = _UNITS.get(match.group(3).lower().rstrip("s"), "week")
    else:
        match = _FREQUENCY_LY.search(text)
        if match is None:
            return None
        n = _number(match.group(1) or match.group(2))
        unit = {"weekly": "week", "daily": "day", "monthly": "month"}[match.group(3).lower()]
    if n is None:
        return None
    return f"{n} {'time' if n == 1 else 'times'} per {unit}"


def _duration(text: str) -> str | None:
    match = _DURATION.search(text)
    if match is None:
        return None
    n = _number(match.group(1))
    unit_word = match.group(2).lower().rstrip("s")
    unit = _UNITS.get(unit_word) or _UNITS.get(unit_word[:2], "week")
    return _plural(n, unit) if n is not None else None


def _quantity(text: str) -> int | None:
    for pattern in (_LEADING_QTY, _HASH_QTY, _UNIT_QTY, _LABEL_QTY, _X_QTY):
        match = pattern.search(text)
        if match:
            return int(match.group(1))
    return None


def parse_quantity_frequency_duration(
    item_text: str | None,
) -> tuple[int | None, str | None, str | None]:
    """(quantity, frequency, duration) as stated in an item:
    "12 Physical therapy, 2 times per week for 6 weeks" → (12, "2 times per week", "6 weeks")."""
    text = (item_text or "")[:_MAX_ITEM_CHARS]
    # Dates ("between 8/28/2013 and 10/27/2013") contain "/" and numbers; drop them first.
    text = _DATE_ANY.sub(" ", text)
    frequency, duration = _frequency(text), _duration(text)
    shorthand = _TIMES_BY_WEEKS.search(text)
    if shorthand and frequency is None and duration is None:
        n, weeks = int(shorthand.group(1)), int(shorthand.group(2))
        text = text[: shorthand.start()] + " " + text[shorthand.end() :]  # not a quantity
        frequency = f"{n} {'time' if n == 1 else 'times'} per week"
        duration = _plural(weeks, "week")
    return _quantity(text), frequency, duration


# --- diagnoses -----------------------------------------------------------------------------------

_DIAGNOSIS_INTRO = re.compile(
    r"\b(?:diagnos(?:ed|es|is)|dx)\b\s*(?::|(?:include[sd]?|including|are|is|were|was|of|as|with|"
    r"consist\s+of)\b(?:\s+(?:with|of|the\s+following))?\s*:?)\s*",
    re.IGNORECASE,
)
# The list ends at a sentence end: ". " before a capital (not "2.5" or "s/p.").
# A list number ("1. Lumbar strain") is not a sentence end.
_SENTENCE_END = re.compile(r"(?<![\s:]\d)(?<![\s:]\d\d)\.(?=\s+[A-Z]|\s*$)|\n\s*\n")
_NUMBERED = re.compile(r"(?:^|\s)\(?\d{1,2}[.)]\s+")
_LEADING_AND = re.compile(r"^(?:and|or)\s+", re.IGNORECASE)
_MAX_DIAGNOSIS_CHARS = 160


def split_diagnoses(text: str | None) -> list[str]:
    """Diagnoses listed after "diagnosed with" / "Diagnoses include:" (lower-cased, de-duplicated,
    order kept). Commas or semicolons separate items when present (so "lumbar and lumbosacral
    disc degeneration" stays whole); a bare "A and B" is split on "and"."""
    if not text:
        return []
    text = collapse_ws(text[:_MAX_SUMMARY_CHARS])
    result: list[str] = []
    for intro in _DIAGNOSIS_INTRO.finditer(text):
        # The leading space lets a first "1." be seen as a list number, not a sentence end.
        rest = " " + text[intro.end() : intro.end() + 1200]
        end = _SENTENCE_END.search(rest)
        clause = rest[: end.start()] if end else rest
        for diagnosis in _split_list(clause):
            if diagnosis not in result:
                result.append(diagnosis)
    return result


def _split_list(clause: str) -> list[str]:
    if _NUMBERED.search(clause):
        parts = _NUMBERED.split(clause)
    elif ";" in clause:
        parts = clause.split(";")
    elif "," in clause:
        parts = clause.split(",")
    else:
        parts = re.split(r"\s+and\s+", clause)
    out = []
    for part in parts:
        item = _LEADING_AND.sub("", part.strip(" .;:,")).strip(" .;:,").lower()
        if item and len(item) <= _MAX_DIAGNOSIS_CHARS and re.search(r"[a-z]", item):
            out.append(item)
    return out


# --- dates, age, sex -----------------------------------------------------------------------------

_MONTHS = {
    m: i
    for i, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for m in names
}
_DATE_NUMERIC = re.compile(r"\b(\d{1,2})\s*[/-]\s*(\d{1,2})\s*[/-]\s*(\d{4}|\d{2})\b")
_DATE_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_DATE_WORDS = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?"
    r"\s+(\d{4})\b",
    re.IGNORECASE,
)
_DATE_DAY_FIRST = re.compile(
    r"\b(\d{1,2})\s+(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?,?\s+(\d{4})\b",
    re.IGNORECASE,
)
_DATE_ANY = re.compile(_DATE_NUMERIC.pattern + "|" + _DATE_ISO.pattern)


def _iso(year: int, month: int, day: int) -> str | None:
    if year < 100:
        year += 2000 if year < 70 else 1900
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_date(text: str | None) -> str | None:
    """The first date in ``text`` as ``YYYY-MM-DD`` (M/D/YYYY, MM/DD/YY, ISO, "January 5, 2014");
    ``None`` when there is none or it is not a real calendar date."""
    if not text:
        return None
    text = text[:_MAX_ITEM_CHARS]
    candidates: list[tuple[int, str | None]] = []
    if m := _DATE_ISO.search(text):
        candidates.append((m.start(), _iso(int(m[1]), int(m[2]), int(m[3]))))
    if m := _DATE_NUMERIC.search(text):
        candidates.append((m.start(), _iso(int(m[3]), int(m[1]), int(m[2]))))
    if m := _DATE_WORDS.search(text):
        candidates.append((m.start(), _iso(int(m[3]), _MONTHS[m[1].lower()], int(m[2]))))
    if m := _DATE_DAY_FIRST.search(text):
        candidates.append((m.start(), _iso(int(m[3]), _MONTHS[m[2].lower()], int(m[1]))))
    if not candidates:
        return None
    return min(candidates, key=lambda c: c[0])[1]


_AGE = re.compile(
    r"\b(\d{1,3})\s*-?\s*(?:years?|yrs?|y)\s*-?\s*(?:old|of\s+age|/o)\b|"
    r"\bage(?:d)?\s*:?\s*(\d{1,3})\b|\b(\d{1,3})\s*y/?o\b",
    re.IGNORECASE,
)


def parse_age(text: str | None) -> int | None:
    """Age in years from "49-year-old", "49 year old", "age 49", "aged 49" (0–120)."""
    if not text:
        return None
    for match in _AGE.finditer(text[:_MAX_SUMMARY_CHARS]):
        value = int(next(g for g in match.groups() if g is not None))
        if 0 < value <= 120:
            return value
    return None


# Whole words so that "female" is never read as "male"; single letters only as "F"/"M" after an
# age ("49 F").
_SEX = re.compile(
    r"\b(female|male|woman|man|gentleman|lady|girl|boy|mrs|ms|mr|miss)\b\.?|"
    r"\b\d{1,3}\s*(?:-?\s*(?:year|yr)s?\s*-?\s*old\s+|yo\s+|y/o\s+)?([FM])\b",
    re.IGNORECASE,
)


def parse_sex(text: str | None) -> str | None:
    """``female`` / ``male`` from the first sex word in ``text``; ``None`` if none."""
    if not text:
        return None
    match = _SEX.search(text[:_MAX_SUMMARY_CHARS])
    if match is None:
        return None
    word = (match.group(1) or match.group(2)).lower()
    return SEX_WORDS.get(word)


# --- reviewer ------------------------------------------------------------------------------------

_SPECIALTY = re.compile(
    r"(?:board[\s-]+certified\s+(?:in|by\s+the\s+American\s+Board\s+of)"
    r"|(?:holds?|has|with)\s+(?:a\s+)?board[\s-]+certification\s+in"
    r"|certified\s+by\s+the\s+American\s+Board\s+of"
    # "is Licensed in Psychology and is licensed to practice in Arizona" (non-physicians).
    r"|(?<!to\spractice\s)\blicensed\s+in(?!\s+(?:the\s+)?state))\s+"
    r"(?P<s>[A-Za-z][A-Za-z/&' -]{1,80}?(?:\s+and\s+Rehabilitation)?)"
    r"(?=\s*(?:,|;|\.|\(|\band\s+(?:is|has|holds|was|currently|he|she)\b|\bwith\b|$))",
    re.IGNORECASE,
)
# A licensed profession without a board certification ("is a Licensed Psychologist", "is a
# licensed Doctor of Chiropractic"): the specialty is the profession's field.
_PROFESSION = re.compile(
    r"\b(?:is|as)\s+an?\s+(?:licensed|registered|certified|practicing)\s+(?:clinical\s+)?"
    r"(?P<p>psychologist|neuropsychologist|chiropractor|doctor\s+of\s+chiropractic|"
    r"acupuncturist|physical\s+therapist|occupational\s+therapist|podiatrist|"
    r"doctor\s+of\s+podiatric\s+medicine|psychiatrist)\b",
    re.IGNORECASE,
)
_PROFESSION_FIELD = {
    "psychologist": "Psychology",
    "neuropsychologist": "Neuropsychology",
    "chiropractor": "Chiropractic",
    "doctor of chiropractic": "Chiropractic",
    "acupuncturist": "Acupuncture",
    "physical therapist": "Physical Therapy",
    "occupational therapist": "Occupational Therapy",
    "podiatrist": "Podiatry",
    "doctor of podiatric medicine": "Podiatry",
    "psychiatrist": "Psychiatry",
}
_STATE = re.compile(
    r"(?i:licensed\s+to\s+practice(?:\s+medicine)?\s+in\s+(?:the\s+state\s+of\s+)?)"
    r"(?P<s>[A-Z][A-Za-z]+(?:\s+(?:of\s+)?[A-Z][A-Za-z]+){0,2})"
)
_STATES_LONGEST_FIRST = sorted(US_STATES, key=len, reverse=True)
_STATE_NAMES = frozenset(name.lower() for name in US_STATES)


def parse_reviewer(text: str | None) -> Reviewer:
    """Board certification specialty and licence state, as written ("Family Practice", "Texas")."""
    if not text:
        return Reviewer()
    text = collapse_ws(text[:_MAX_SUMMARY_CHARS])
    # A licence "in Texas" names a state, not a specialty.
    specialty = next(
        (m for m in _SPECIALTY.finditer(text) if m.group("s").strip().lower() not in _STATE_NAMES),
        None,
    )
    state = _STATE.search(text)
    state_name = None
    if state:
        # Prefer a known state name; otherwise the capitalised words as written.
        written = state.group("s")
        state_name = next(
            (name for name in _STATES_LONGEST_FIRST if written.lower().startswith(name.lower())),
            written,
        )
    written = collapse_ws(specialty.group("s")) if specialty else None
    if written is None and (profession := _PROFESSION.search(text)) is not None:
        written = _PROFESSION_FIELD[collapse_ws(profession.group("p")).lower()]
    return Reviewer(specialty=written, license_state=state_name)
