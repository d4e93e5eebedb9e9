"""Helpers shared by the letter layouts: header fields, and turning found items into records.

:mod:`ingest.parsers.letter` finds *where* things are (sections, items); the work of turning the
found text into records is here, once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ingest.normalise import (
    collapse_ws,
    find_body_region,
    find_operated_region,
    normalise_outcome,
    normalise_service,
    parse_age,
    parse_date,
    parse_guideline_citations,
    parse_quantity_frequency_duration,
    parse_reviewer,
    parse_sex,
    split_diagnoses,
)
from ingest.parsers.clean import CASE_NUMBER
from ingest.parsers.errors import ParseError
from ingest.records import DecisionItem, ParsedDocument, Patient

# A case-insensitive regex gets none of the regex engine's fast literal scanning, so searching a
# whole letter tries the pattern at every character. When every match of a pattern starts with a
# known word, str.find on the lower-cased text jumps straight to the first place a match can
# start. That is exact for ASCII text (lower-casing keeps positions, and there IGNORECASE means
# ASCII case only); other text is searched from the start as before.
_FIRST_WORDS: dict[re.Pattern[str], tuple[str, ...]] = {}


def starting_with(pattern: re.Pattern[str], *words: str) -> re.Pattern[str]:
    """``pattern``, noted as one whose every match starts with one of ``words`` (in any case),
    so that :func:`find` and the helpers below can skip ahead to them."""
    _FIRST_WORDS[pattern] = tuple(word.lower() for word in words)
    return pattern


def _word_starts(lowered: str, words: tuple[str, ...], start: int) -> Iterator[int]:
    """Positions from ``start`` on where one of ``words`` occurs in ``lowered``, in order. Each
    word's next occurrence is kept, so the text is scanned once per word however many positions
    are taken."""
    nexts = [lowered.find(word, start) for word in words]  # -1: no more
    while (position := min((i for i in nexts if i >= 0), default=-1)) >= 0:
        yield position
        nexts = [
            lowered.find(word, position + 1) if i == position else i
            for word, i in zip(words, nexts, strict=True)
        ]


# Positions tried one by one before the regex engine takes over the rest of the text: a letter
# has a few, while odd text full of the word gets no more than this in Python-level overhead.
_MAX_TRIES = 32


def find(pattern: re.Pattern[str], text: str, start: int = 0) -> re.Match[str] | None:
    """``pattern.search(text, start)``; for a :func:`starting_with` pattern, tried only where one
    of its words occurs (lookbehinds and ``^`` still see the whole text, as in a search)."""
    words = _FIRST_WORDS.get(pattern)
    if words is None or not text.isascii():
        return pattern.search(text, start)
    for tries, position in enumerate(_word_starts(text.lower(), words, max(start, 0))):
        if tries == _MAX_TRIES:
            return pattern.search(text, position)  # no match starts before ``position``
        if (match := pattern.match(text, position)) is not None:
            return match
    return None


@dataclass
class RawItem:
    """One disputed item as found in the letter, before normalisation."""

    text: str
    outcome_text: str | None
    rationale: str | None
    claims_citation: str | None = None
    reviewer_citation: str | None = None
    number: int | None = None


# --- header fields -------------------------------------------------------------------------

_DATE = (
    r"(\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{2,4}|\d{4}-\d{2}-\d{2}"
    r"|[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4})"
)
_LETTER_DATE_LABEL = (
    r"(?:dated|date\s+of\s+(?:this\s+)?(?:letter|notice|determination)"
    r"|(?:letter|notice|determination)\s+date)"
)
_DATED = re.compile(
    # The colon is required mid-text: "a progress report, dated 08/27/2013" is not the letter date.
    r"\b"
    + _LETTER_DATE_LABEL
    + r"\s*:\s*"
    + _DATE
    # Where a header line starts with the label, no colon is needed ("Dated  08/01/2013"), and a
    # bare "Date:" is the letter's date.
    + r"|(?:^|(?<=\n))[^\S\n]*(?:"
    + _LETTER_DATE_LABEL
    + r"\s*:?|date\s*:)[^\S\n]*"
    + _DATE
    # A label further along a header line, after another field's value ("IMR Case Number:
    # CM18-0561238    Date: 11/24/2018", "... CM17-0722223    Dated December 25, 2017"): a
    # bare "Date" needs its colon there, a letter-date label ("Dated", "Letter Date") does not.
    # After a word it is some other date ("Service date:"), and in lower case it is prose.
    + r"|(?<=[0-9][^\S\n])(?-i:(?=[A-Z]))(?:date[^\S\n]*:|"
    + _LETTER_DATE_LABEL
    + r"[^\S\n]*:?)[^\S\n]*"
    + _DATE,
    re.IGNORECASE,
)
_UR_DATE = re.compile(
    r"\b(?:date\s+of\s+(?:the\s+)?(?:UR|utilization\s+review)(?:\s+(?:decision|determination|denial))?"
    r"|(?:UR|utilization\s+review)\s+(?:decision\s+|determination\s+|denial\s+)?date)\s*:?\s*"
    + _DATE,
    re.IGNORECASE,
)
_INJURY_HEADER = re.compile(
    r"\b(?:date\s+of\s+(?:the\s+)?injury|injury\s+date|DOI)\s*:?\s*" + _DATE, re.IGNORECASE
)
starting_with(_DATED, "date", "letter", "notice", "determination")
starting_with(_UR_DATE, "date", "ur", "utilization")
starting_with(_INJURY_HEADER, "date", "injury", "doi")
_INJURY_PROSE = re.compile(
    r"\b(?:injury|injured|injuries)\s+(?:\w+\s+){0,3}?(?:on|of|dated)\s*:?\s*" + _DATE
    + r"|\bdate\s+of\s+injury\s+(?:of|was|is|on)?\s*:?\s*" + _DATE,
    re.IGNORECASE,
)  # fmt: skip


starting_with(CASE_NUMBER, "cm")


def case_number(text: str) -> str | None:
    match = find(CASE_NUMBER, text)
    return match.group(0).upper() if match else None


def _date_from(pattern: re.Pattern[str], text: str) -> str | None:
    match = find(pattern, text)
    if match is None:
        return None
    return parse_date(next((g for g in match.groups() if g), ""))


def header_dates(text: str) -> tuple[str | None, str | None, str | None]:
    """(decision date, UR date, injury date from the header) — each ``None`` when absent."""
    return _date_from(_DATED, text), _date_from(_UR_DATE, text), _date_from(_INJURY_HEADER, text)


def injury_date_from_summary(summary: str) -> str | None:
    return _date_from(_INJURY_PROSE, summary)


# --- records -------------------------------------------------------------------------------

# Trailing matter after the last rationale (copy lists, sign-offs) is not rationale.
_TRAILER = re.compile(
    r"(?:^|\n)\s*(?:cc\s*:|sincerely|signed\s*:|enclosures?\s*:|/[a-z]{1,4}\s*(?:\n|$)|"
    r"end\s+of\s+(?:letter|determination)|this\s+determination\s+is\s+final|"
    r"if\s+you\s+disagree\s+with\s+this\s+determination|"
    r"the\s+independent\s+medical\s+review\s+determination\s+is\s+deemed|"
    r"this\s+determination\s+of\s+maximus)",
    re.IGNORECASE,
)


def strip_trailer(text: str) -> str:
    match = _TRAILER.search(text)
    return text[: match.start()] if match else text


# Services that serve the recovery from an operation (equipment, therapy): without a region of
# their own they take the operated one.
_RECOVERY_CATEGORIES = frozenset({"durable medical equipment", "physical medicine"})
_ARTICLE = re.compile(r"^(?:an?|the)\s+(?=\S)", re.IGNORECASE)


def build_item(raw: RawItem, index: int, warnings: list[str]) -> DecisionItem:
    """Normalise one raw item; record what is missing in ``warnings`` instead of failing."""
    text = _ARTICLE.sub("", collapse_ws(raw.text).strip(" :.-"))
    where = f"item {index}"
    service = normalise_service(text)
    if not service.known:
        warnings.append(f"{where}: unknown service {text[:80]!r}")
    outcome = normalise_outcome(raw.outcome_text)
    if outcome is None:
        warnings.append(f"{where}: outcome not found")
    rationale = collapse_ws(strip_trailer(raw.rationale or ""))
    if not rationale:
        warnings.append(f"{where}: rationale not found")
    # A service whose name holds its region ("Left TKA" is a total knee arthroplasty) has it
    # even when the item text does not spell it out.
    region = find_body_region(text) or (
        find_body_region(service.service) if service.known else None
    )
    if region is None and service.category in _RECOVERY_CATEGORIES:
        # A cold therapy unit or brace names no region: it is for the operation it follows.
        region = find_operated_region(rationale)
    quantity, frequency, duration = parse_quantity_frequency_duration(text)
    guidelines = parse_guideline_citations(raw.claims_citation, "claims administrator")
    guidelines += parse_guideline_citations(raw.reviewer_citation, "reviewer")
    return DecisionItem(
        text=text,
        service=service.service,
        category=service.category,
        outcome=outcome,
        rationale=rationale,
        body_region=region,
        quantity=quantity,
        frequency=frequency,
        duration=duration,
        guidelines=guidelines,
    )


_SUMMARY_BOILERPLATE = re.compile(
    r"^\s*the\s+expert\s+reviewer\s+developed\s+the\s+following\s+clinical\s+case\s+summary"
    r"[^:]{0,200}:\s*",
    re.IGNORECASE,
)


def build_document(
    *,
    source: str,
    layout: str,
    raw: str,
    text: str,
    summary: str | None,
    qualifications: str | None,
    raw_items: Iterable[RawItem],
) -> ParsedDocument:
    """The record for one letter: case number from the ``raw`` text (page banners carry it and
    are gone from the cleaned ``text``), header fields from ``text``, patient and diagnoses from the
    summary, reviewer from the qualifications passage, normalised items."""
    warnings: list[str] = []
    items = [build_item(raw, i, warnings) for i, raw in enumerate(raw_items, start=1)]
    if not items:
        raise ParseError(source, "no disputed items found")
    summary_text = collapse_ws(_SUMMARY_BOILERPLATE.sub("", summary or "")) or None
    if summary_text is None:
        warnings.append("clinical summary not found")
    decision_date, ur_date, injury_date = header_dates(text)
    if injury_date is None and summary_text:
        injury_date = injury_date_from_summary(summary_text)
    diagnoses = split_diagnoses(summary_text)
    if not diagnoses:
        warnings.append("diagnoses not found")
    reviewer = parse_reviewer(qualifications) if qualifications else None
    if reviewer is None or reviewer.specialty is None:
        # The qualifications passage may be missing or worded unexpectedly: the board
        # certification sentence is distinctive enough to look for in the whole letter.
        reviewer = parse_reviewer(text)
    if reviewer.specialty is None:
        warnings.append("reviewer specialty not found")
    patient = Patient(
        age=parse_age(summary_text),
        sex=parse_sex(summary_text),
        injury_date=injury_date,
    )
    return ParsedDocument(
        source=source,
        layout=layout,
        case_id=case_number(raw),
        decision_date=decision_date,
        patient=patient,
        diagnoses=diagnoses,
        reviewer=reviewer,
        items=items,
        summary=summary_text,
        warnings=warnings,
        ur_date=ur_date,
    )
