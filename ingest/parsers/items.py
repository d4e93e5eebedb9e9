"""Finding a letter's disputed items: several strategies tried in a chain, outcomes from several
sources.

Each strategy reads the cleaned letter (:class:`Letter`) its own way and either returns the items
it found or the reason it found none. The first strategy whose items are well formed wins; the
reasons the others gave are kept for ``imr parse --explain``. An item whose strategy gave no
outcome gets one from the next source that has it: the item's "Decision:" label, the
DETERMINATION list, the findings ("has determined the request for ... is not medically
necessary"), the rationale heading's wording, the rationale's last sentences.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from ingest.normalise import collapse_ws, normalise_outcome
from ingest.parsers.common import strip_trailer
from ingest.parsers.sections import (
    ITEM_LABELS,
    ITEM_OUTCOME_WORDS,
    OUTCOME_ALONE,
    TOP_LEVEL,
    Found,
    find_headings,
)

MAX_ITEMS = 100
_MAX_ITEM_TEXT = 600

_OUTCOME = ITEM_OUTCOME_WORDS
# An item line ending in its outcome: after a colon, dotted/underscore leaders, a dash, or (for an
# outcome written with a capital) plain space.
_OUTCOME_END = re.compile(
    r"^(?P<text>[^\n]{1,600}?)(?P<sep>[^\S\n]*:[^\S\n]*|[^\S\n]*[.…_]{2,}[^\S\n]*|[^\S\n]+[-–—]+[^\S\n]+"
    r"|[^\S\n]+)(?P<outcome>" + _OUTCOME + r")[^\S\n]*\.?[^\S\n]*$",
    re.IGNORECASE,
)
_OUTCOME_BRACKETED = re.compile(
    r"^(?P<text>[^\n]{1,600}?)(?P<sep>[^\S\n]*[(\[])[^\S\n]*(?P<outcome>"
    + _OUTCOME
    + r")[^\S\n]*[)\]]"
    r"[^\S\n]*\.?[^\S\n]*$",
    re.IGNORECASE,
)
# The outcome first, then the item ("UPHELD: MRI of the lumbar spine").
_OUTCOME_FIRST = re.compile(
    r"^[^\S\n]*(?P<outcome>" + _OUTCOME + r")[^\S\n]*(?::|[-–—]+)[^\S\n]*(?P<text>[^\n]{2,600})$",
    re.IGNORECASE,
)
# "MRI - Decision: Upheld": the label word before the outcome is not item text.
_LABEL_AT_END = re.compile(
    r"[\s,;:\-–—]*(?:(?:imr|final)\s+)?(?:decision|determination|outcome|result)\s*$", re.IGNORECASE
)
# A verb before a bare outcome word is prose ("The denial is upheld.").
_PROSE_END = re.compile(r"\b(?:is|was|be|been|are|were|remains?|being|hereby)$", re.IGNORECASE)
_NUMBERED = re.compile(
    r"^[^\S\n]*(?:\(?(?P<num>\d{1,2})[.)][^\S\n]+(?=\S)|#[^\S\n]?(?P<hash>\d{1,2})[^\S\n]+(?=[A-Z0-9])"
    r"|\(?(?P<letter>[A-H])[.)][^\S\n]+(?=[A-Z0-9]))"
)
_REGARDING = re.compile(
    r"^[^\S\n]*(?:(?:item[^\S\n]+|\#[^\S\n]?|\()?(?P<num>\d{1,2})[.):]?[^\S\n]+)?"
    r"(?:regarding|re\s*:|with\s+(?:regard|respect)\s+to"
    r"|concerning|as\s+to)\s+(?:the\s+)?(?:request(?:ed\s+\w+)?|requests)\s+for\s+(?P<text>[^\n]+?)"
    r"[\s:.]*$",
    re.IGNORECASE,
)
_FINDING_BODY = (
    r"the\s+(?:(?:request(?:ed\s+\w+)?|requests)\s+for|requested)\s+(?P<text>.{1,600}?)\s+"
    r"(?P<outcome>"
    r"(?:is|was|are|were)\s+(?:not\s+|partially\s+)?"
    r"(?:medically\s+necessary|certified|modified|approved|appropriate|upheld|overturned))"
)
_FINDING = re.compile(r"has\s+determined\s+(?:that\s+)?" + _FINDING_BODY, re.IGNORECASE)
# Inside a findings section "has determined" may be left out ("1. The request for X is ...").
_FINDING_IN_SECTION = re.compile(
    r"(?:has\s+determined\s+(?:that\s+)?)?" + _FINDING_BODY, re.IGNORECASE
)
_FINDING_NUMBER = re.compile(r"(?:^|\s)(\d{1,2})[.)]\s")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"'])")
# Conclusions a rationale ends with when it names no outcome word. Only sentences about the
# request itself count: "Drug testing is recommended for patients on opioids" quotes a guideline.
_SUBJECT = r"\b(?:the\s+request(?:ed\s+[\w/-]+(?:\s+[\w/-]+){0,4})?|it|this\s+\w+)\s+"
_ABOUT_REQUEST = _SUBJECT + r"(?:is|was|remains)\s+"
_VERDICT = r"(?:supported|warranted|indicated|justified|recommended|appropriate|reasonable)\b"
# "medical necessity [of the requested lumbar MRI] has (not) been established"
_NECESSITY = (
    r"medical\s+necessity(?:\s+(?:of|for)\s+(?:the|this)(?:\s+[\w/-]+){1,6}?)?\s+"
    r"(?:has|is|was|remains)\s+"
)
_SHOWN = r"(?:been\s+)?(?:established|demonstrated|substantiated|shown)\b"
_CONCLUSION = (
    (
        "upheld",
        re.compile(
            _NECESSITY + r"(?:not\s+" + _SHOWN + r"|unsubstantiated|unproven)"
            + r"|" + _ABOUT_REQUEST + r"(?:not\s+" + _VERDICT + r"|unsubstantiated)"
            + r"|" + _SUBJECT + r"(?:cannot|can\s+not|could\s+not|should\s+not)\s+be\s+"
            + r"(?:recommended|supported|certified|approved|justified|warranted)\b"
            + r"|" + _SUBJECT + r"(?:does|did)\s+not\s+meet\b",
            re.IGNORECASE,
        ),
    ),
    (
        "overturned",
        re.compile(
            _NECESSITY + _SHOWN + r"|" + _ABOUT_REQUEST + _VERDICT,
            re.IGNORECASE,
        ),
    ),
)  # fmt: skip
# "Only the initial trial portion of the request is medically necessary": the rest is not.
_ONLY_PART = re.compile(
    r"\bonly\s+(?:(?:the\s+)?(?:[\w/-]+\s+){0,4}?(?:portion|part|first|initial|trial)\b"
    r"|\d+\s+(?:of|out\s+of)\s+(?:the\s+)?\d+\b)",
    re.IGNORECASE,
)
_WORDS = re.compile(r"[a-z0-9]+")
# Headings after which the items come; the first item may share the heading's line.
_REGION_HEADINGS = ("issues", "decisions", "rationale_part")
# Headings whose text on the same line is an item ("ISSUE 1: Norco", "ISSUE AT DISPUTE: MRI").
_ITEM_TEXT_HEADINGS = frozenset({"item_heading", "issue_at_dispute", *_REGION_HEADINGS})
_LIST_SECTIONS = frozenset({"issue_at_dispute", "determination", "findings"})
_STOP = frozenset(["a", "an", "the", "of", "for", "to", "and", "or", "with", "x", "per"])


@dataclass
class Letter:
    """A cleaned letter split into logical lines, with its headings."""

    cleaned: str
    lines: list[str]
    headings: list[Found]
    by_line: dict[int, Found] = field(default_factory=dict)

    @classmethod
    def of(cls, cleaned: str) -> Letter:
        lines = cleaned.split("\n")
        headings = find_headings(lines)
        return cls(cleaned, lines, headings, {f.line: f for f in headings})

    def first(self, *names: str) -> Found | None:
        return next((f for f in self.headings if f.name in names), None)

    def top_level_after(self, line: int) -> int:
        """The line of the next top-level heading after ``line`` (or the end)."""
        return next(
            (f.line for f in self.headings if f.line > line and f.name in TOP_LEVEL),
            len(self.lines),
        )

    def section(self, *names: str) -> str | None:
        """The text of the first section called one of ``names``, up to the next heading or
        label of any kind or the first "Regarding the request for" item."""
        found = self.first(*names)
        if found is None:
            return None
        end = next((f.line for f in self.headings if f.line > found.line), len(self.lines))
        end = next((i for i in range(found.line + 1, end) if _REGARDING.match(self.lines[i])), end)
        return "\n".join([found.heading.rest, *self.lines[found.line + 1 : end]]).strip()

    def is_label(self, line: int) -> bool:
        """Whether ``line`` is a heading or label that cannot be an item's text line."""
        found = self.by_line.get(line)
        return found is not None and not (found.name in _ITEM_TEXT_HEADINGS and found.heading.rest)


@dataclass
class Candidate:
    """An item as a strategy found it."""

    line: int  # its line (the body follows it); -1 for items without a body
    text: str
    number: int | None = None
    outcome_text: str | None = None
    outcome_source: str | None = None


@dataclass
class Item:
    """An item with its body's fields and where its outcome came from."""

    number: int
    text: str
    outcome_text: str | None
    outcome_source: str | None
    rationale: str | None = None
    claims_citation: str | None = None
    reviewer_citation: str | None = None


@dataclass
class StrategyResult:
    name: str
    items: int | None  # None: rejected
    reason: str  # why rejected, or what it found


def _item_region(letter: Letter) -> int:
    """First line of the items: after the issues/decisions heading when there is one."""
    found = letter.first(*_REGION_HEADINGS)
    if found is None:
        return 0
    # "IMR DECISIONS AND RATIONALES: 1. Norco ..." - the first item can share the heading's line.
    return found.line if found.heading.rest else found.line + 1


def _number(numbered: re.Match[str]) -> int:
    """The item number of "3.", "#3" or "C." (the third)."""
    if numbered["letter"]:
        return ord(numbered["letter"]) - ord("A") + 1
    return int(numbered["num"] or numbered["hash"])


def _outcome_line(line: str) -> tuple[str, str] | None:
    """(item text, outcome) for a line stating an item and its outcome: "MRI: Upheld", "MRI ....
    Upheld", "MRI - upheld", "MRI (Overturned)", "MRI - Decision: Upheld", "UPHELD: MRI"."""
    match = _OUTCOME_END.match(line) or _OUTCOME_BRACKETED.match(line)
    if match is None:
        match = _OUTCOME_FIRST.match(line)
        if match is None:
            return None
        return (
            (match["text"].strip(), match["outcome"])
            if re.search(r"[A-Za-z]{2}", match["text"])
            else None
        )
    sep, outcome = match["sep"], match["outcome"]
    text = _LABEL_AT_END.sub("", match["text"].strip())
    # No separator: only a capitalised outcome after a non-verb.
    if not sep.strip() and (
        outcome[0].islower() or _PROSE_END.search(text) or text.endswith((".", ","))
    ):
        return None
    if not re.search(r"[A-Za-z]{2}", text):
        return None
    return text, outcome


def _strategy_outcome_lines(letter: Letter) -> list[Candidate] | str:
    found: list[Candidate] = []
    start = _item_region(letter)
    for i in range(start, len(letter.lines)):
        line = letter.lines[i]
        heading = letter.by_line.get(i)
        if heading is not None and letter.is_label(i):
            continue
        text_line = _item_text(heading.heading.rest) if heading is not None else line
        number = heading.heading.number if heading is not None else None
        hit = _outcome_line(text_line)
        if hit is None and OUTCOME_ALONE.match(line) and i > start:
            # The outcome alone on the line after the item's text.
            previous = letter.lines[i - 1]
            if previous and not letter.is_label(i - 1) and not OUTCOME_ALONE.match(previous):
                if found and found[-1].line == i - 1:
                    continue
                hit = (previous.rstrip(" :.-"), OUTCOME_ALONE.match(line)["outcome"])  # type: ignore[index]
        if hit is None:
            continue
        text, outcome = hit
        numbered = _NUMBERED.match(text)
        if numbered:
            number = _number(numbered)
            text = text[numbered.end() :]
        found.append(Candidate(i, _item_text(text, after_prose=True), number, outcome, "item line"))
    return found or "no line ends in an outcome (': Upheld', leaders, next line)"


def _anchor_name(letter: Letter, start: int) -> str | None:
    """The item label that starts each item: the most frequent, ties to the earliest."""
    counts: dict[str, int] = {}
    firsts: dict[str, int] = {}
    for f in letter.headings:
        if f.line >= start and f.name in ITEM_LABELS and f.name != "item_heading":
            counts[f.name] = counts.get(f.name, 0) + 1
            firsts.setdefault(f.name, f.line)
    if not counts:
        return None
    return min(counts, key=lambda name: (-counts[name], firsts[name]))


def _strategy_label_anchored(letter: Letter) -> list[Candidate] | str:
    start = _item_region(letter)
    anchor = _anchor_name(letter, start)
    if anchor is None:
        return "no per-item label (Decision:, guideline, rationale) found"
    anchors = [f.line for f in letter.headings if f.line >= start and f.name == anchor]
    found: list[Candidate] = []
    floor = start
    for a in anchors:
        j = a - 1
        while j >= floor and not letter.lines[j].strip():
            j -= 1
        pick = None
        if j >= floor and not letter.is_label(j):
            pick = j
        else:
            pick = next(
                (
                    k
                    for k in range(a - 1, floor - 1, -1)
                    if not letter.is_label(k)
                    and (_NUMBERED.match(letter.lines[k]) or k in letter.by_line)
                ),
                None,
            )
        floor = a + 1
        if pick is None:
            continue
        heading = letter.by_line.get(pick)
        text = heading.heading.rest if heading is not None else letter.lines[pick]
        number = heading.heading.number if heading is not None else None
        numbered = _NUMBERED.match(text)
        if numbered:
            number = _number(numbered)
            text = text[numbered.end() :]
        outcome = None
        hit = _outcome_line(text)
        if hit is not None:
            text, outcome = hit
        source = "item line" if outcome else None
        found.append(Candidate(pick, _item_text(text), number, outcome, source))
    if not found:
        return f"no item text before any {anchor!r} label"
    return found


def _in_list_section(letter: Letter, line: int) -> bool:
    """Whether ``line`` lies in an ISSUE AT DISPUTE or DETERMINATION list (not an item block)."""
    section = None
    for f in letter.headings:
        if f.line >= line:
            break
        if f.name in TOP_LEVEL:
            section = f.name
    return section in _LIST_SECTIONS


def _strategy_issue_blocks(letter: Letter) -> list[Candidate] | str:
    found: list[Candidate] = []
    heads = [f for f in letter.headings if f.name == "item_heading"]
    blocks = [f for f in heads if not _in_list_section(letter, f.line)]
    for f in blocks or heads:
        text = f.heading.rest
        if not text and f.line + 1 < len(letter.lines) and not letter.is_label(f.line + 1):
            text = letter.lines[f.line + 1]
        outcome = None
        hit = _outcome_line(text)
        if hit is not None:
            text, outcome = hit
        source = "item line" if outcome else None
        found.append(Candidate(f.line, _item_text(text), f.heading.number, outcome, source))
    return found or "no 'ISSUE N:' headings"


def _strategy_regarding(letter: Letter) -> list[Candidate] | str:
    found = []
    for i, line in enumerate(letter.lines):
        match = _REGARDING.match(line)
        if match:
            number = int(match["num"]) if match["num"] else None
            found.append(Candidate(i, match["text"], number))
    return found or "no 'Regarding the request for ...' blocks"


def findings(letter: Letter) -> list[Candidate]:
    """The 2013 findings: "has determined the request for X is (not) medically necessary"; in a
    findings section "has determined" may be left out ("1. The request for X is ...")."""
    section = letter.section("findings")
    flat = collapse_ws(section or letter.cleaned)
    pattern = _FINDING_IN_SECTION if section else _FINDING
    out = []
    for match in pattern.finditer(flat):
        before = _FINDING_NUMBER.findall(flat[max(0, match.start() - 90) : match.start()])
        number = int(before[-1]) if before else None
        out.append(Candidate(-1, match["text"], number, match["outcome"], "findings"))
    return out


def _strategy_findings(letter: Letter) -> list[Candidate] | str:
    return findings(letter) or "no 'has determined the request for ...' findings"


def determination_list(letter: Letter) -> list[Candidate]:
    """Numbered "N. [item]: OUTCOME" lines of a DETERMINATION or ISSUE AT DISPUTE section."""
    out: list[Candidate] = []
    for name in ("determination", "issue_at_dispute"):
        found = letter.first(name)
        if found is None:
            continue
        end = letter.top_level_after(found.line)
        for i in range(found.line + 1, end):
            heading = letter.by_line.get(i)
            numbered = _NUMBERED.match(letter.lines[i])
            if heading is not None and heading.name == "item_heading":
                text, number = heading.heading.rest, heading.heading.number
            elif numbered is not None and heading is None:
                text, number = letter.lines[i][numbered.end() :], _number(numbered)
            else:
                continue
            hit = _outcome_line(text)
            text, outcome = hit if hit else (text, None)
            out.append(Candidate(-1, text, number, outcome, "determination list"))
        if any(c.outcome_text for c in out):
            return [c for c in out if c.outcome_text]
    return out


def _strategy_dispute_list(letter: Letter) -> list[Candidate] | str:
    return determination_list(letter) or "no numbered list under ISSUE AT DISPUTE / DETERMINATION"


Strategy = Callable[[Letter], "list[Candidate] | str"]
STRATEGIES: dict[str, Strategy] = {
    "outcome-lines": _strategy_outcome_lines,
    "label-anchored": _strategy_label_anchored,
    "issue-blocks": _strategy_issue_blocks,
    "regarding-blocks": _strategy_regarding,
    "findings": _strategy_findings,
    "dispute-list": _strategy_dispute_list,
}


# What introduces an item's text rather than being part of it.
_TEXT_INTRO = re.compile(
    r"^(?:.{0,200}?\bset\s+forth\s+below\s*:\s*)?"
    r"(?:(?:requested|disputed)\s+(?:treatment|service|item)s?(?:\s*/\s*services?)?\s*:\s*)?"
    r"(?:(?:regarding|re\s*:|with\s+(?:regard|respect)\s+to|concerning)\s+(?:the\s+)?"
    r"(?:request(?:ed\s+\w+)?|requests)\s+for\s+)?",
    re.IGNORECASE,
)
# A sentence end inside an outcome line: a rationale paragraph ran into the item's line.
_PROSE_BEFORE = re.compile(r"^.{40,}[a-z)]\.\s+(?=[A-Z0-9])")


def _item_text(text: str, after_prose: bool = False) -> str:
    """Item text without an introduction ("Regarding the request for", "... set forth below:")
    and, for outcome lines, without rationale prose that ran into it."""
    if after_prose and (prose := _PROSE_BEFORE.match(text)) is not None:
        text = text[prose.end() :]
    text = text[_TEXT_INTRO.match(text).end() :] or text  # type: ignore[union-attr]
    return text.rstrip(" :")


def _well_formed(candidates: list[Candidate]) -> str | None:
    """Why these items are not usable, or ``None``."""
    if len(candidates) > MAX_ITEMS:
        return f"{len(candidates)} items (more than {MAX_ITEMS}: reading junk)"
    for c in candidates:
        text = c.text.strip(" :.-")
        if not re.search(r"[A-Za-z]{2}", text):
            return f"item text {c.text[:40]!r} has no words"
        if len(text) > _MAX_ITEM_TEXT:
            return f"item text longer than {_MAX_ITEM_TEXT} characters"
    return None


def _fields(letter: Letter, first: int, end: int) -> dict[str, str]:
    """The labelled fields of an item body (lines first..end-1): first occurrence of each, plus
    ``rationale_label`` (the rationale heading as written) and ``_before``."""
    fields: dict[str, str] = {}
    current: str | None = "_before"
    parts: dict[str, list[str]] = {"_before": []}
    for i in range(first, end):
        found = letter.by_line.get(i)
        if found is not None and found.name in ITEM_LABELS and found.name != "item_heading":
            name = found.name
            current = None if name in parts else name
            if current is not None:
                parts[current] = [found.heading.rest]
                if name == "rationale":
                    fields["rationale_label"] = found.heading.text
            continue
        if current is not None:
            parts[current].append(letter.lines[i])
    for name, lines in parts.items():
        text = "\n".join(lines).strip()
        if text:
            fields[name] = text
    return fields


def _similar(a: str, b: str) -> float:
    wa = {w for w in _WORDS.findall(a.lower()) if w not in _STOP}
    wb = {w for w in _WORDS.findall(b.lower()) if w not in _STOP}
    return len(wa & wb) / len(wa | wb) if wa and wb else 0.0


def _match(
    candidate: Candidate, index: int, count: int, listed: list[Candidate]
) -> Candidate | None:
    """The listed entry for an item: by its number, by position when the counts agree, else the
    most similar text."""
    if not listed:
        return None
    by_number = {c.number: c for c in listed if c.number is not None}
    if candidate.number is not None and candidate.number in by_number:
        entry = by_number[candidate.number]
        if _similar(entry.text, candidate.text) > 0 or len(listed) == count:
            return entry
    if len(listed) == count:
        return listed[index]
    best = max(listed, key=lambda c: _similar(c.text, candidate.text))
    return best if _similar(best.text, candidate.text) >= 0.5 else None


def rationale_outcome(rationale: str | None) -> str | None:
    """Outcome wording in a rationale's last two sentences ("the request is not medically
    necessary", "non-certified", "is certified")."""
    if not rationale:
        return None
    # The letter's closing ("This determination is final ...") is not the rationale's end.
    rationale = collapse_ws(strip_trailer(rationale))
    sentences = [s for s in _SENTENCE.split(rationale[-3000:]) if s.strip()]
    for sentence in reversed(sentences[-2:]):
        if outcome := normalise_outcome(sentence):
            if outcome == "overturned" and _ONLY_PART.search(sentence):
                return "partially overturned"
            return sentence
        for outcome, pattern in _CONCLUSION:
            if pattern.search(sentence):
                return outcome
    return None


def extract_items(
    letter: Letter, order: tuple[str, ...]
) -> tuple[list[Item], list[StrategyResult]]:
    """Items by the first strategy in ``order`` that finds well-formed ones (all strategies are
    tried, listed ones first), with each strategy's result."""
    results: list[StrategyResult] = []
    chosen: list[Candidate] = []
    for name in (*order, *(s for s in STRATEGIES if s not in order)):
        if chosen:
            break
        found = STRATEGIES[name](letter)
        if isinstance(found, str):
            results.append(StrategyResult(name, None, found))
            continue
        problem = _well_formed(found)
        if problem is not None:
            results.append(StrategyResult(name, None, problem))
            continue
        results.append(StrategyResult(name, len(found), f"{len(found)} item(s)"))
        chosen = found
    if not chosen:
        return [], results
    starts = sorted(c.line for c in chosen if c.line >= 0)
    the_findings = findings(letter)
    the_list = determination_list(letter)
    items = []
    for index, c in enumerate(chosen):
        fields: dict[str, str] = {}
        if c.line >= 0:
            later = [s for s in starts if s > c.line]
            end = min(later[0] if later else len(letter.lines), letter.top_level_after(c.line))
            fields = _fields(letter, c.line + 1, end)
        outcome_text, source = c.outcome_text, c.outcome_source
        rationale = fields.get("rationale")
        if not rationale and len(fields.get("_before", "")) > 80 and c.line >= 0:
            rationale = fields["_before"]
        outcome_text, source = _resolve_outcome(
            (c.outcome_source or "item line", c.outcome_text),
            ("decision label", (fields.get("decision") or "")[:60]),
            ("determination list", partial(_listed, c, index, len(chosen), the_list)),
            ("findings", partial(_listed, c, index, len(chosen), the_findings)),
            ("rationale heading", fields.get("rationale_label")),
            ("rationale last sentence", partial(rationale_outcome, rationale)),
        )
        items.append(
            Item(
                number=c.number or index + 1,
                text=c.text,
                outcome_text=outcome_text,
                outcome_source=source,
                rationale=rationale,
                claims_citation=fields.get("claims_guideline"),
                reviewer_citation=fields.get("reviewer_guideline"),
            )
        )
    return items, results


def _resolve_outcome(
    *sources: tuple[str, str | Callable[[], str | None] | None],
) -> tuple[str | None, str | None]:
    """(outcome wording, where it came from) from the first source that states an outcome;
    a callable source is only evaluated when the ones before it had none."""
    for name, value in sources:
        text = value() if callable(value) else value
        if text and normalise_outcome(text):
            return text, name
    return None, None


def _listed(c: Candidate, index: int, count: int, listed: list[Candidate]) -> str | None:
    entry = _match(c, index, count, listed)
    return entry.outcome_text if entry else None
