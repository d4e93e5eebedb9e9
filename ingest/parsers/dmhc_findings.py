"""What a DMHC finding says was requested, where on the body, and for which condition.

A DMHC *Findings* text is free prose by many reviewers: "A 46-year-old male enrollee has requested
reimbursement for Stelara (ustekinumab) for treatment of his Crohn's disease. Findings: ...". The
export's own columns are coarse ("Pharmacy" / "Biologics"), so the text decides, read as follows:

- **Request statements** are the sentences that say what was asked for ("has requested ...",
  "requested coverage/reimbursement/authorization for ...", "the Health Plan denied ..."). Their
  *head* is the part after the request words and before the reason ("for treatment of", "to
  evaluate", "due to"); the head names the service, the reason names the condition.
- **Service**: every whole-word mention of the service vocabulary in the *whole* finding is found
  (:mod:`ingest.phrases`); the first specific one in a request head wins, then one in the Treatment
  Sub Category column, then the specific service the finding keeps discussing, if the Treatment
  Category agrees with it. General requests ("surgery", "a consultation", "inpatient admission")
  only win when nothing specific is named.
- **Body region**: the first whole-word body part in a request head, then in the diagnosis
  statement ("tendinitis affecting the elbow"); for a service aimed at a body part (not a drug,
  a blood test or a level of mental health care) also in the rest of the request sentence and
  then in the Sub Category columns.
- **Diagnosis**: only a statement that says what is treated or diagnosed ("for treatment of",
  "diagnosed with", "to evaluate for", "Humira for hidradenitis" ...), never a relative's
  diagnosis, and an incidental "history of" phrase only when nothing else says; the Diagnosis
  Sub Category column is the fallback, and also the canonical spelling when the statement
  names it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple

from ingest.normalise import ServiceMatch, collapse_ws, normalise_service
from ingest.phrases import PhraseMatch, PhraseMatcher
from ingest.vocabulary import (
    BODY_REGIONS,
    DMHC_TREATMENT_CATEGORIES,
    GENERIC_SERVICES,
    SERVICES,
    BodyRegion,
    CanonicalService,
)

SERVICE_MATCHER: PhraseMatcher[CanonicalService] = PhraseMatcher(SERVICES)
REGION_MATCHER: PhraseMatcher[BodyRegion] = PhraseMatcher(BODY_REGIONS)

# A sentence ends at . ! ? before a capital letter or an opening bracket; "Dr. Smith" and "vs."
# do not end one.
_SENTENCE_END = re.compile(
    r"[.!?](?<!\bDr\.)(?<!\bvs\.)(?<!\bMr\.)(?<!\bMrs\.)(?<!\bMs\.)(?=\s+[A-Z(\"'])"
)
_REQUEST_CUE = re.compile(
    r"\b(?:(?:has|have|had|was|were|is)\s+)?(?:request(?:ed|s|ing)?|appeal(?:ed|s|ing)?|"
    r"seek(?:s|ing)?|sought)\b(?:\s+(?:that\s+the\s+health\s+plan\s+)?(?:cover(?:age)?|"
    r"provide|pay|reimburse(?:ment)?|authori[sz](?:e|ation)|approv(?:e|al)|payment|"
    r"continu(?:e|ation|ed)|retro(?:active|spective)(?:\s+\w+)?)\b)?(?:\s+(?:for|of|to))?"
    r"|\b(?:coverage|reimbursement|authori[sz]ation|approval|payment)\s+(?:for|of)\b"
    r"|\bdenied\b(?:\s+(?:coverage|reimbursement|authori[sz]ation|payment)\s+(?:for|of)\b)?"
    r"|\bdenial\s+of\b",
    re.IGNORECASE,
)
# Where a request head ends and its reason begins.
_REASON = re.compile(
    r"\b(?:for\s+(?:the\s+)?(?:treatment|management|evaluation|diagnosis|workup|assessment)\s+of"
    r"|to\s+(?:treat|evaluate|manage|assess|address|rule\s+out|screen\s+for|diagnose)"
    r"|for\s+(?:his|her|their|the\s+enrollee'?s|the\s+patient'?s)\b|due\s+to|because"
    r"|secondary\s+to|in\s+the\s+setting\s+of|stating|on\s+the\s+basis|after|following|given"
    r"|for\s+(?:surveillance|screening|possible|suspected|prevention))\b",
    re.IGNORECASE,
)


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text``."""
    spans, start = [], 0
    for end in _SENTENCE_END.finditer(text):
        spans.append((start, end.end()))
        start = end.end() + 1
    if start < len(text):
        spans.append((start, len(text)))
    return spans


@dataclass(frozen=True)
class Request:
    """One request statement: where its words start, where its head ends, its sentence's ends."""

    start: int
    head_end: int
    end: int
    sentence_start: int


def request_statements(text: str) -> list[Request]:
    """The request statements of a finding, in text order (at most one per sentence)."""
    found = []
    for start, end in sentences(text):
        cue = _REQUEST_CUE.search(text, start, end)
        if cue is None:
            continue
        reason = _REASON.search(text, cue.end(), end)
        found.append(Request(cue.end(), reason.start() if reason else end, end, start))
    return found


# --- service --------------------------------------------------------------------------------------


def _specific(match: PhraseMatch[CanonicalService]) -> bool:
    return match.name not in GENERIC_SERVICES


def _as_service(match: PhraseMatch[CanonicalService]) -> ServiceMatch:
    return ServiceMatch(match.entry.name, match.entry.category, True)


def requested_service(
    findings: str, requests: list[Request], treatment: str, sub_treatment: str
) -> ServiceMatch:
    """The service a finding's request names (see the module docstring for the order)."""
    heads = [m for r in requests for m in SERVICE_MATCHER.find_all(findings[r.start : r.head_end])]
    column = SERVICE_MATCHER.find_all(sub_treatment)
    for match in (*heads, *column):
        if _specific(match):
            return _as_service(match)
    # A request head without a service name ("has requested the medication"): the specific
    # service the finding discusses most, if the export's Treatment Category does not
    # contradict it (an incidental "prior MRI" in a pharmacy dispute does not count).
    expected = DMHC_TREATMENT_CATEGORIES.get(collapse_ws(treatment).lower())
    mentions = [m for m in SERVICE_MATCHER.find_all(findings) if _specific(m)]
    counts = Counter(m.name for m in mentions)
    fitting = [m for m in mentions if expected in (None, m.entry.category)]
    if fitting:
        best = max(fitting, key=lambda m: (counts[m.name], -m.start))
        if expected is not None or counts[best.name] >= 2:
            return _as_service(best)
    for match in (*heads, *column):
        return _as_service(match)
    return normalise_service(sub_treatment or treatment)


# --- body region ----------------------------------------------------------------------------------


def _first_region(texts: list[str]) -> str | None:
    for text in texts:
        match = REGION_MATCHER.first(text)
        if match is not None:
            return match.name
    return None


# Services not aimed at a body part (a drug, a blood test, a level of mental health care): their
# region is only what the request or the diagnosis statement names ("Lyrica for osteoarthritis
# affecting the knee"), never a body word elsewhere in the sentence or in the export's columns
# ("Heart Failure" for an inpatient stay, "Cardiovascular Medication").
SYSTEMIC_CATEGORIES: frozenset[str] = frozenset(
    {"pharmaceuticals", "psychology and psychiatry", "home health", "programs"}
)
SYSTEMIC_SERVICES: frozenset[str] = frozenset(
    {"genetic testing", "laboratory tests", "urine drug screen", "inpatient hospital admission",
     "transportation", "sleep study", "fecal microbiota transplant", "enteral nutrition"}
)  # fmt: skip


def body_region(
    findings: str,
    requests: list[Request],
    statement: Statement | None,
    service: ServiceMatch,
    columns: tuple[str, ...] = (),
) -> str | None:
    """The body region of the request: the first whole-word region in the request heads, then
    in the diagnosis statement; for a service aimed at a body part also in the rest of the first
    request statement (an incidental "family history of ovarian cancer" there left out), then
    in ``columns``."""
    texts = [findings[r.start : r.head_end] for r in requests]
    if statement is not None:
        texts.append(findings[statement.start : statement.end])
    named = _first_region(texts)
    # An unknown service still has the export's category ("Pharmacy" drugs are systemic).
    if named is not None or service.category in SYSTEMIC_CATEGORIES:
        return named
    if service.service in SYSTEMIC_SERVICES:
        return None
    rest = [_HISTORY_CLAUSE.sub(" ", findings[r.head_end : r.end]) for r in requests[:1]]
    return _first_region([*rest, *columns])


# --- diagnosis ------------------------------------------------------------------------------------

_DIAGNOSIS_INTRO = re.compile(
    r"\b(?:for\s+(?:the\s+)?(?:treatment|management)\s+of|to\s+(?:treat|manage)"
    r"|diagnos(?:ed|is)\s+(?:with|of|as)|diagnoses\s+(?:of|include|including)"
    r"|(?:suffers|suffering)\s+from|(?:has\s+been\s+|being\s+|was\s+|is\s+)?treated\s+for"
    r"|in\s+the\s+setting\s+of)\s+(?:a\s+diagnosis\s+of\s+)?",
    re.IGNORECASE,
)
_EVALUATION_INTRO = re.compile(
    r"\b(?:to\s+(?:evaluate|assess|rule\s+out|screen|prevent)(?:\s+for)?|for\s+prevention\s+of"
    r"|(?:for\s+)?(?:the\s+)?(?:evaluation|assessment|screening|workup|diagnosis)\s+(?:of|for))\s+",
    re.IGNORECASE,
)
# "requested Cosentyx for ankylosing spondylitis": after the service, "for" names the condition
# unless what follows is a duration, a purpose or a body part (see _condition_after).
_FOR_INTRO = re.compile(r"\bfor\s+", re.IGNORECASE)
_DIAGNOSED_INTRO = re.compile(
    r"\b(?:diagnos(?:ed|is)\s+(?:with|of|as)|diagnoses\s+(?:of|include|including))\s+",
    re.IGNORECASE,
)
# "their son, who has global developmental delay" (not "who has been symptomatic").
_WHO_HAS_INTRO = re.compile(
    r"\bwho\s+(?:has|have|suffers\s+from)\s+(?!been\b|had\b|not\b|no\b|a\s+history\b)",
    re.IGNORECASE,
)
_RELATIVE = re.compile(
    r"\b(?:mother|father|sister|brother|aunt|uncle|cousin|grandmother|grandfather|relative|"
    r"sibling|family|parent)s?\b",
    re.IGNORECASE,
)
# "A 35-year-old female enrollee with multiple sclerosis has requested ..." (not "with a history
# of", which is incidental).
_SUBJECT_WITH_INTRO = re.compile(
    r"\b(?:enrollee|patient|man|woman|male|female|boy|girl|child|infant|adult)\s+with\s+"
    r"(?!an?\s+(?:(?:past|prior|remote|family)\s+)?(?:medical\s+)?history\b)",
    re.IGNORECASE,
)
_HISTORY_INTRO = re.compile(r"\bhistory\s+of\s+", re.IGNORECASE)
_HISTORY_CLAUSE = re.compile(r"\bhistory\s+of\b[^,;.]*", re.IGNORECASE)
# What may follow "for" without being a condition.
_PURPOSE = re.compile(
    r"^(?:\d|(?:weight\s+(?:management|loss|reduction)|(?:high[\s-]+risk\s+)?screening|mobility|"
    r"surveillance|pre-?exposure|prophylaxis|disease\s+(?:activity|progression|status)|"
    r"maintenance|(?:home\s+)?use|reimbursement|coverage|approval|surgery|evaluation|treatment|"
    r"therapy|management|monitoring|prevention|follow[\s-]?up|review|a\s+(?:period|total|trial)|"
    r"one|two|three|four|six|twelve)(?![\w-]))",
    re.IGNORECASE,
)
_LATERALITY = re.compile(r"\b(?:left|right|bilateral|both|the)\b", re.IGNORECASE)
# Where the condition's name ends.
_CONDITION_END = re.compile(
    r"\.(?=\s|$)|[;:()\[\]]|,|\s(?:who|which|that|because|as|after|since|when|while|but|with|without|"
    r"despite|following|by|for|to|at|on|due|in\s+(?:\d+|his|her|their|a|an)|and\s+(?:is|has|had|"
    r"was|who|the|he|she|they|requires?|\w+ed)|has|had|is|was|were|requested|the\s+health\s+plan|"
    r"from)\b",
    re.IGNORECASE,
)
# A region named after the condition ("tendinitis affecting the elbow") is the body region's
# business, not part of the condition's name.
_REGION_TAIL = re.compile(r"\s+(?:affecting|involving)\b.*$", re.IGNORECASE)
_LEADING = re.compile(
    r"^(?:(?:a|an|the|his|her|their|its|this|these|enrollee'?s|patient'?s|possible|suspected|"
    r"presumed|probable|likely|known|documented|ongoing|\d+(?:\.\d+)?\s*(?:cm|mm))\s+)+",
    re.IGNORECASE,
)
_NOT_A_CONDITION = frozenset(
    {"condition", "conditions", "symptoms", "this", "it", "that", "which", "them", "him", "her",
     "the enrollee", "enrollee", "patient", "treatment", "care", "months", "years", "weeks",
     "several providers", "the condition", "this condition", "son", "daughter", "child",
     "children", "infant", "baby", "husband", "wife", "spouse", "parents", "family"}
)  # fmt: skip
_MAX_CONDITION_CHARS = 90
# Sub Category values that name no condition.
_UNNAMED = frozenset({"other", "others", "not applicable", "n/a", "na", "unknown", "none", ""})


class Statement(NamedTuple):
    condition: str
    start: int
    end: int


def _only_a_region(phrase: str) -> bool:
    """ "right knee", "both hands": a body part, not a condition."""
    rest = _LATERALITY.sub(" ", phrase).strip()
    match = REGION_MATCHER.first(rest)
    return match is not None and match.start == 0 and match.end >= len(rest.rstrip("s"))


def _condition_after(text: str, start: int, weak: bool = False) -> Statement | None:
    """The condition named from ``start`` (just after a diagnosis intro), or None when what
    follows is no condition: a duration, a purpose or a treatment, or after a ``weak`` intro
    (a bare "for") a body part."""
    rest = text[start : start + 400]
    end = _CONDITION_END.search(rest)
    raw = rest[: end.start()] if end else rest
    phrase = _LEADING.sub("", _REGION_TAIL.sub("", raw.strip())).strip(" ,.'\"")
    lowered = collapse_ws(phrase).lower()
    if (
        len(lowered) < 3
        or len(lowered) > _MAX_CONDITION_CHARS
        or lowered in _NOT_A_CONDITION
        or not re.match(r"[a-z]", lowered)
        or _PURPOSE.match(lowered)
        or (weak and _only_a_region(lowered))
    ):
        return None
    service = SERVICE_MATCHER.first(lowered)
    if service is not None and service.start == 0:
        return None  # "for a second opinion" names a service, not a condition
    return Statement(lowered, start, start + len(raw))


def _about_a_relative(text: str, intro: re.Match[str]) -> bool:
    """ "her mother was diagnosed with ...": family history, not the enrollee's diagnosis."""
    return _RELATIVE.search(text, max(0, intro.start() - 60), intro.start()) is not None


def _first_statement(
    pattern: re.Pattern[str], text: str, spans: list[tuple[int, int]]
) -> Statement | None:
    for start, end in spans:
        for intro in pattern.finditer(text, start, end):
            if pattern is not _HISTORY_INTRO and _about_a_relative(text, intro):
                continue  # a relative's diagnosis; a family history still serves as the last resort
            statement = _condition_after(text, intro.end(), weak=pattern is _FOR_INTRO)
            if statement is not None:
                return statement
    return None


def _after_service(findings: str, request: Request) -> int:
    """Where a request's first service mention ends (its start if it names none)."""
    head = findings[request.start : request.head_end]
    match = SERVICE_MATCHER.first(head)
    return request.start + (match.end if match else 0)


def diagnosis_statement(findings: str, requests: list[Request]) -> Statement | None:
    """The condition the finding says is treated, diagnosed or evaluated, or ``None``: first a
    statement inside a request ("for treatment of", "to evaluate", "for" after the service),
    then a diagnosis anywhere ("diagnosed with"), then any treatment or evaluation statement."""
    in_requests = [(r.start, r.end) for r in requests]
    request_sentences = [(r.sentence_start, r.end) for r in requests]
    after_services = [(_after_service(findings, r), r.end) for r in requests]
    everywhere = [(0, len(findings))]
    for pattern, spans in (
        (_DIAGNOSIS_INTRO, in_requests),
        (_SUBJECT_WITH_INTRO, request_sentences),
        (_EVALUATION_INTRO, in_requests),
        (_FOR_INTRO, after_services),
        (_DIAGNOSED_INTRO, everywhere),
        (_WHO_HAS_INTRO, in_requests),
        (_DIAGNOSIS_INTRO, everywhere),
        (_EVALUATION_INTRO, everywhere),
    ):
        statement = _first_statement(pattern, findings, spans)
        if statement is not None:
            return statement
    return None


def _words(text: str) -> str:
    return " " + " ".join(re.findall(r"[a-z0-9']+", text.lower())) + " "


def diagnosis(
    findings: str, statement: Statement | None, sub_category: str, category: str
) -> list[str]:
    """The diagnosis of a finding (at most one, lower case): the diagnosis statement's, else the
    Diagnosis Sub Category column, else an incidental "history of", else the Diagnosis Category."""
    named = collapse_ws(sub_category).lower()
    if named in _UNNAMED:
        named = ""
    if statement is not None:
        # The export's spelling when the statement names it: one node per condition in the graph.
        if named and _words(named) in _words(statement.condition):
            return [named]
        return [statement.condition]
    if named:
        return [named]
    history = _first_statement(_HISTORY_INTRO, findings, [(0, len(findings))])
    if history is not None:
        return [history.condition]
    broad = collapse_ws(category).lower()
    return [broad] if broad not in _UNNAMED else []
