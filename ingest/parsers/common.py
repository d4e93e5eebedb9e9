"""Helpers shared by the letter layouts: headings, labelled fields, header dates, items, records.

Each layout module only says *where* things are in its letters (which headings and labels); the
work of turning the found text into records is here, once.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from ingest.normalise import (
    collapse_ws,
    find_body_region,
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

MAX_ITEMS = 100  # more "items" than this means the splitter is reading junk


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


def label(words: str) -> re.Pattern[str]:
    """A case-insensitive regex for a heading or label; any whitespace between words, optional
    space before a colon or bracket, so line breaks and PDF spacing do not matter."""
    parts = [re.escape(word) for word in words.split()]
    pattern = r"\s+".join(parts)
    pattern = pattern.replace(r"\(", r"\s*\(").replace(r":", r"\s*:")
    compiled = re.compile(pattern, re.IGNORECASE)
    # Letters and digits are neither escaped nor replaced above: the match starts with them.
    lead = re.match(r"[A-Za-z0-9]*", words.split()[0]).group()  # type: ignore[union-attr]
    return starting_with(compiled, lead) if lead else compiled


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


def find_all(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """``list(pattern.finditer(text))``, tried only where a :func:`starting_with` pattern's words
    occur, as in :func:`find`."""
    words = _FIRST_WORDS.get(pattern)
    if words is None or not text.isascii():
        return list(pattern.finditer(text))
    matches: list[re.Match[str]] = []
    end = tries = 0
    # Such a pattern never matches empty, so, as in finditer, the next match is the first one
    # starting at or after the previous match's end.
    for position in _word_starts(text.lower(), words, 0):
        if position < end:
            continue
        if tries == _MAX_TRIES:
            matches.extend(pattern.finditer(text, position))  # none starts in [end, position)
            break
        tries += 1
        if (match := pattern.match(text, position)) is not None:
            matches.append(match)
            end = match.end()
    return matches


def section(text: str, start: re.Pattern[str], ends: Sequence[re.Pattern[str]] = ()) -> str | None:
    """Text after the ``start`` heading up to the earliest of the ``ends`` headings (or the end);
    ``None`` when the start heading is absent."""
    begin = find(start, text)
    if begin is None:
        return None
    stop = len(text)
    for end in ends:
        match = find(end, text, begin.end())
        if match and match.start() < stop:
            stop = match.start()
    return text[begin.end() : stop]


def labelled_fields(block: str, labels: dict[str, re.Pattern[str]]) -> dict[str, str]:
    """``{name: text after the label up to the next label}`` for every label found in ``block``
    (first occurrence of each), plus ``"_before"`` for the text preceding the first label."""
    hits = sorted(
        (m.start(), m.end(), name)
        for name, pattern in labels.items()
        if (m := find(pattern, block)) is not None
    )
    fields = {"_before": block[: hits[0][0]] if hits else block}
    for i, (_, end, name) in enumerate(hits):
        stop = hits[i + 1][0] if i + 1 < len(hits) else len(block)
        fields[name] = block[end:stop]
    return fields


@dataclass
class RawItem:
    """One disputed item as found in the letter, before normalisation."""

    text: str
    outcome_text: str | None
    rationale: str | None
    claims_citation: str | None = None
    reviewer_citation: str | None = None
    number: int | None = None


def split_items(
    text: str, start: re.Pattern[str], first_label: re.Pattern[str]
) -> list[tuple[str, str]]:
    """(item text, item body) pairs. An item is the *last* ``start`` match before each
    ``first_label`` match (so numbered lists inside a rationale are skipped); its body runs from
    the label to the next item's start."""
    starts = [(m.start(), m.end()) for m in start.finditer(text)]
    start_positions = [s for s, _ in starts]
    labels = [m.start() for m in find_all(first_label, text)]
    found: list[tuple[int, int, int]] = []  # (item start, item text end, body start)
    floor = 0
    for position in labels:
        i = bisect.bisect_left(start_positions, position) - 1
        if i < 0 or starts[i][0] < floor:
            continue
        found.append((starts[i][0], starts[i][1], position))
        floor = position
        if len(found) > MAX_ITEMS:
            break
    result = []
    for k, (_, text_start, body_start) in enumerate(found):
        body_end = found[k + 1][0] if k + 1 < len(found) else len(text)
        result.append((text[text_start:body_start], text[body_start:body_end]))
    return result


# --- header fields -------------------------------------------------------------------------

_DATE = (
    r"(\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{2,4}|\d{4}-\d{2}-\d{2}"
    r"|[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4})"
)
# The colon is required: "a progress report, dated 08/27/2013" in a summary is not the letter date.
_DATED = re.compile(r"\b(?:dated|date\s+of\s+(?:this\s+)?letter)\s*:\s*" + _DATE, re.IGNORECASE)
_UR_DATE = re.compile(r"\bdate\s+of\s+UR\s+decision\s*:?\s*" + _DATE, re.IGNORECASE)
_INJURY_HEADER = re.compile(r"\bdate\s+of\s+injury\s*:?\s*" + _DATE, re.IGNORECASE)
for _pattern in (_DATED, _UR_DATE, _INJURY_HEADER):
    starting_with(_pattern, "date")
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
    quantity, frequency, duration = parse_quantity_frequency_duration(text)
    guidelines = parse_guideline_citations(raw.claims_citation, "claims administrator")
    guidelines += parse_guideline_citations(raw.reviewer_citation, "reviewer")
    return DecisionItem(
        text=text,
        service=service.service,
        category=service.category,
        outcome=outcome,
        rationale=rationale,
        body_region=find_body_region(text),
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
    reviewer = parse_reviewer(qualifications if qualifications else text)
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
