"""Headings and labels of IMR letters, found by vocabulary instead of by one exact wording.

A heading is recognised at the start of a logical line (see :mod:`ingest.parsers.clean`) whatever
its case, punctuation, numbering ("3.", "III.", "Section 2 -"), dotted leaders or text following
it on the same line. Each vocabulary entry has a *name* (what the section is: ``summary``,
``issues``, ``reviewer_guideline``, ...) and a *kind* (which wording it was: layout evidence).

Top-level sections bound each other; item labels (guidelines, rationale, decision, issue N) only
divide an item's body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ingest.normalise import normalise_outcome

# Outcome words of item lines, as letters write them: the strict set, which a line may end with
# after its item ("...:  Upheld"), and the wider set items.py also accepts after a separator.
OUTCOME_WORDS = (
    r"(?:partially\s+overturned|partially\s+upheld|(?:overturned|upheld)\s+in\s+part"
    r"|overturned|upheld|modified)"
)
ITEM_OUTCOME_WORDS = (
    r"(?:partially\s+overturned|partially\s+upheld|partially\s+certified|partially\s+approved"
    r"|(?:overturned|upheld|certified|approved)\s+in\s+part"
    r"|overturned|upheld|modified|non-?\s?certified|certified|approved|denied)"
)
# An outcome alone on its line (the item it decides is on the line before).
OUTCOME_ALONE = re.compile(
    r"^[^\S\n]*(?P<outcome>" + ITEM_OUTCOME_WORDS + r")[^\S\n]*\.?[^\S\n]*$", re.IGNORECASE
)

# Between the words of a heading: any punctuation or space ("DECISIONS, AND", "TREATMENT/SERVICE",
# "CASESUMMARY" run together), never a line break.
_GAP = r"[^\S\n]*[,/&\-]?[^\S\n]*"
_S = r"(?:[^\S\n]*\(\s*s\s*\)|s)?"  # "DECISION(S)", "DECISIONS", "DECISION"


def _phrase(words: str) -> str:
    """A regex for a heading written as words; ``+`` joins alternatives inside one word slot is
    not needed: entries use regex syntax within words where they need it."""
    return _GAP.join(words.split())


# Who wrote a summary, before its heading ("Expert Reviewer Case Summary", "IMR Clinical
# Summary", "Reviewer's Summary of the Records").
_SUMMARY_BY = (
    r"(?:(?:(?:expert|physician|medical|professional|imr|independent) )?reviewer(?:'s)? "
    r"|imr |brief )?"
)

# (name, kind, regex in _phrase words). Order matters: the first entry that matches wins, so more
# specific wordings come before the general ones they contain.
_TOP: tuple[tuple[str, str, str], ...] = (
    (
        "notice_title",
        "notice title",
        r"notice of (?:independent medical review|imr) (?:final )?determination" + _S,
    ),
    (
        "rationale_part",
        "imr decision and rationale",
        r"independent medical review decision" + _S + r" (?:and|&) rationale" + _S,
    ),
    (
        "review_summary",
        "summary of independent medical review",
        r"summary of (?:the )?(?:independent medical review|imr)",
    ),
    (
        "how_made",
        "how the determination was made",
        r"how (?:the|this) (?:imr )?(?:final )?determination (?:was|is) made",
    ),
    (
        "issues",
        "issues, decisions and rationales",
        r"(?:imr )?issue"
        + _S
        + r" (?:,? )?(?:and )?decision"
        + _S
        + r"(?: (?:,? )?(?:and )?rationale"
        + _S
        + ")?",
    ),
    (
        "decisions",
        "decision(s) and rationale(s)",
        r"(?:imr |final )?decision" + _S + r" (?:and|&) rationale" + _S,
    ),
    (
        "issue_at_dispute",
        "issue at dispute",
        r"(?:issue|item|treatment|service|request)" + _S + r" (?:at|in|under) dispute",
    ),
    (
        "issue_at_dispute",
        "disputed issues",
        r"disputed (?:issue|item|treatment|service|request)"
        + _S
        + r"(?: (?:/ )?(?:service|treatment)"
        + _S
        + r")?",
    ),
    (
        "pr_title",
        "medical professional review",
        r"(?:medical )?professional review(?: (?:determination|report|decision))?",
    ),
    (
        "findings",
        "determination of maximus",
        r"determination of maximus(?: federal services)?(?: ,? ?inc\.?)?",
    ),
    ("findings", "findings", r"(?:imr |review )?findings"),
    (
        "qualifications",
        "qualifications of the expert reviewer",
        r"(?:medical )?qualifications of (?:the )?(?:expert |medical |physician |professional )?"
        r"reviewer",
    ),
    (
        "qualifications",
        "reviewer qualifications",
        r"(?:expert |medical |physician |professional )?reviewer(?:'s)?"
        r" (?:qualifications|credentials|information)|about the (?:expert |physician )?reviewer",
    ),
    (
        "documents",
        "documents reviewed",
        r"(?:list of )?(?:documents|records|medical records|materials)"
        r" (?:reviewed|considered|received)"
        r"(?: for (?:this )?(?:determination|review))?",
    ),
    ("summary", "clinical case summary", _SUMMARY_BY + r"clinical case summary"),
    (
        "summary",
        "case summary",
        _SUMMARY_BY + r"(?:(?:clinical|case|medical) summary"
        r"|summary of (?:the )?(?:case|clinical \w+|medical records|records)"
        r"|(?:clinical|case|medical) (?:history|background|information|synopsis|overview)"
        r"|patient (?:summary|history)|case synopsis|synopsis"
        r"|history of (?:present )?(?:illness|injury)|summary)",
    ),
    ("determination", "determination", r"(?:final |imr )?determination" + _S + r"(?! date)"),
)

# The rest of a label up to its colon ("... relied upon to make the decision:", "... AND WHY:"),
# or, where a letter drops the colon, a purpose phrase that ends the line ("... relied upon to
# make his/her decision"): without the colon any other words after the label are prose.
_TAIL = (
    r"(?:[^:\n]{0,60}?(?=[^\S\n]*:)"
    r"|[^\S\n]+(?:to[^\S\n]+make|in[^\S\n]+making|to[^\S\n]+reach|for)[^\S\n]+"
    r"(?:(?:the|a|this|his/her|his|her|their|its)[^\S\n]+)?(?:decision|determination)"
    r"(?=[^\S\n]*\.?[^\S\n]*$))?"
)

_ITEM: tuple[tuple[str, str, str], ...] = (
    (
        "item_heading",
        "issue n",
        r"(?:issue|item|request|disputed item|treatment request)"
        r" (?:no\.? |number |# ?)?(?P<num>\d{1,2})",
    ),
    (
        "claims_guideline",
        "guideline(s) used by the claims administrator",
        r"(?:medical treatment )?guideline" + _S + r" (?:which |that )?(?:was |were )?"
        r"(?:used|relied (?:up)?on|cited|applied) by (?:the )?claims administrator" + _TAIL,
    ),
    (
        "claims_guideline",
        "guideline(s) the claims administrator relied upon",
        r"(?:medical treatment )?guideline"
        + _S
        + r" (?:which |that )?(?:the )?claims administrator"
        r" (?:relied (?:up)?on|used|cited|applied)" + _TAIL,
    ),
    (
        "claims_guideline",
        "claims administrator guideline",
        r"claims administrator(?:'s)? (?:guideline|citation|basis)"
        + _S
        + r"(?: (?:used|relied upon|cited))?|(?:utilization review|ur) guideline"
        + _S,
    ),
    (
        "reviewer_guideline",
        "guideline(s) relied upon by the professional reviewer",
        r"(?:medical treatment )?guideline" + _S + r" (?:which |that )?(?:was |were )?"
        r"(?:used|relied (?:up)?on|cited|applied) by (?:the )?(?:maximus(?: federal services)?"
        r"|(?:expert |professional |physician |medical |imr )?reviewer)" + _TAIL,
    ),
    (
        "reviewer_guideline",
        "guideline(s) the expert reviewer relied upon",
        r"(?:medical treatment )?guideline"
        + _S
        + r" (?:which |that )?(?:the )?(?:expert |professional"
        r" |physician |medical |imr )?reviewer (?:relied (?:up)?on|used|cited|applied)" + _TAIL,
    ),
    (
        "reviewer_guideline",
        "maximus guideline",
        r"(?:maximus|(?:expert |professional |imr )?reviewer(?:'s)?) (?:guideline|citation)" + _S,
    ),
    (
        "reviewer_guideline",
        "guideline(s) relied upon",
        r"(?:medical treatment )?guideline"
        + _S
        + r"(?: (?:relied (?:up)?on|used|cited|applied|considered))?",
    ),
    (
        "rationale",
        "rationale for why the requested treatment is medically necessary",
        r"rationale for why (?:the )?requested [^\n:]{0,80}?medically necessary",
    ),
    (
        "rationale",
        "decision rationale",
        r"(?:decision|clinical|imr|medical|reviewer(?:'s)?) rationale|rationale"
        + _S
        + r"(?: for (?:the |this )?(?:decision|determination|finding)"
        + _S
        + r")?"
        r"|reasons? for (?:the |this )?(?:decision|determination)"
        r"|(?:discussion|analysis|explanation)(?: of (?:the |this )?(?:decision|determination))?"
        r"|basis (?:for|of) (?:the |this )?(?:decision|determination)",
    ),
    (
        "decision",
        "decision",
        r"(?:imr |final |reviewer(?:'s)? )?(?:decision|outcome|result|finding)" + _S,
    ),
)

# Which names are top-level sections; the rest divide an item.
TOP_LEVEL = frozenset(name for name, _, _ in _TOP)
ITEM_LABELS = frozenset(name for name, _, _ in _ITEM)

# "3.", "III.", "B)", "Section 2 -", "Part IV:" before a heading.
_NUMBERING = (
    r"(?:(?:section|part|article)\s+(?:\d{1,2}|[ivx]{1,5}|[a-h])\b\s*[.):\-]?\s*|"
    r"(?:\d{1,2}(?:\.\d{1,2})?|[ivx]{1,5}|[a-h])\s*[.):]\s+|\(\s*(?:\d{1,2}|[ivx]{1,5}|[a-h])\s*\)\s*)"
)
# Separator after a heading: a colon, dotted or underscore leaders, a dash.
_SEP = (
    r"(?P<sep>[^\S\n]*(?::|\.{2,}|_{2,}|…+|\s-{1,2}(?:\s|$)|\s[–—](?:\s|$)|-{2,})[\s.:_…\-–—]*"
    r"|[^\S\n]*\.?[^\S\n]*$|[^\S\n]+)"
)


def _alternation(entries: tuple[tuple[str, str, str], ...], prefix: str) -> str:
    return "|".join(f"(?P<{prefix}{i}>{_phrase(regex)})" for i, (_, _, regex) in enumerate(entries))


# Named groups for the "num" capture would repeat across alternatives: rename them per entry.
def _unique_num(pattern: str) -> str:
    count = 0

    def rename(_: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return f"(?P<num{count}>"

    return re.sub(r"\(\?P<num>", rename, pattern)


_HEADING = re.compile(
    r"^[^\S\n]*(?P<lead>" + _NUMBERING + r")?(?:"
    + _unique_num(_alternation(_TOP, "t") + "|" + _alternation(_ITEM, "i"))
    + r")(?![A-Za-z0-9])" + _SEP + r"(?P<rest>[^\n]*)",
    re.IGNORECASE,
)  # fmt: skip
_ENTRY = {f"t{i}": entry for i, entry in enumerate(_TOP)} | {
    f"i{i}": entry for i, entry in enumerate(_ITEM)
}
_HAS_LOWER = re.compile(r"[a-z]")
# Words that introduce ordinary prose ("Decision based on ...", "Summary of the visit shows");
# a heading followed by one of them without a separator is prose.
_PROSE_AFTER = re.compile(
    r"^(?:based|is|was|were|are|of|on|in|for|to|by|that|which|shows?|states?|notes?|indicates?)\b",
    re.IGNORECASE,
)
_MAX_HEADING_LINE = 2000


@dataclass(frozen=True)
class Heading:
    """One heading or label at the start of a logical line."""

    name: str
    kind: str
    text: str  # the heading as written (without numbering or separator)
    rest: str  # what follows it on the same line
    rest_offset: int  # where ``rest`` starts, relative to the line
    number: int | None = None  # "ISSUE 3" → 3


@lru_cache(maxsize=16384)
def match_heading(line: str) -> Heading | None:
    """The heading or label ``line`` starts with, or ``None`` for prose.

    Accepted: the heading alone on its line; or followed by a separator (colon, leaders, dash);
    or written in capitals and followed by text ("CLINICAL SUMMARY The patient ..."). A heading
    word at the start of a sentence ("Decision based on ...") is prose.
    """
    if not line or len(line) > _MAX_HEADING_LINE:
        line = line[:_MAX_HEADING_LINE]
    first = line.lstrip()[:1]
    if not first or not (first.isalnum() or first == "("):
        return None
    match = _HEADING.match(line)
    if match is None:
        return None
    group = next(g for g in _ENTRY if match.group(g) is not None)
    name, kind, _ = _ENTRY[group]
    text = match.group(group)
    rest = match.group("rest").strip()
    sep = match.group("sep").strip()
    has_sep = bool(sep.strip(". ")) or ".." in sep
    # Alone on its line without a colon: a wrapped sentence's end ("guidelines.") or a lower-case
    # single word is prose; a heading starts with a capital or is several words.
    if (
        not has_sep
        and not rest
        and _HAS_LOWER.search(text)
        and (
            line.rstrip().endswith(".")
            or (text[:1].islower() and (name in ITEM_LABELS or " " not in text.strip()))
        )
    ):
        return None
    if rest:
        if not has_sep and (_HAS_LOWER.search(text) or _PROSE_AFTER.match(rest)):
            return None
        if name == "item_heading" and not has_sep:
            return None
    number = None
    numbers = [v for k, v in match.groupdict().items() if k.startswith("num") and v]
    if numbers:
        number = int(numbers[0])
    if name == "determination" and rest and normalise_outcome(rest[:40]):
        name, kind = "decision", "determination: outcome"
    return Heading(
        name=name,
        kind=kind,
        text=text,
        rest=rest,
        rest_offset=match.start("rest")
        + (len(match.group("rest")) - len(match.group("rest").lstrip())),
        number=number,
    )


def is_heading_alone(line: str) -> bool:
    """Whether ``line`` is a heading or label with nothing after it (the next line is its text)."""
    heading = match_heading(line)
    return heading is not None and not heading.rest


@dataclass(frozen=True)
class Found:
    """A heading found in a cleaned letter: its line, character offset and content start."""

    heading: Heading
    line: int  # 0-based logical line number
    start: int  # offset of the line in the cleaned text
    content: int  # offset where its content (``rest``) starts

    @property
    def name(self) -> str:
        return self.heading.name


def find_headings(lines: list[str]) -> list[Found]:
    """Every heading and label in ``lines`` (logical lines), in order."""
    found: list[Found] = []
    offset = 0
    for number, line in enumerate(lines):
        heading = match_heading(line)
        if heading is not None:
            # "DETERMINATION:" with its outcome on the next line is an item's decision label.
            if (
                heading.name == "determination"
                and not heading.rest
                and number + 1 < len(lines)
                and OUTCOME_ALONE.match(lines[number + 1])
            ):
                heading = Heading("decision", "determination: outcome", heading.text, "", 0)
            found.append(Found(heading, number, offset, offset + heading.rest_offset))
        offset += len(line) + 1
    return found
