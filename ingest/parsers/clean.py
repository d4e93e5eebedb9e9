"""Text clean-up shared by every letter layout.

PDF extraction leaves: curly quotes, ligatures and non-breaking spaces; page banners ("Page 2 of
5", a lone case number, "IMR Case Number CM13-0012345 Page 2 of 5") that can fall in the middle of
a paragraph; hard-wrapped lines, sometimes double-spaced (the seed letter has a blank line after
every line); runs of spaces where a name was redacted; stray spaces before punctuation.

:func:`clean_text` turns that into *logical lines*: one line per paragraph, heading, label or item,
with a blank line between paragraphs. The layout parsers then find headings and labels with
regexes over this text. Every function here is linear in the input and never raises.
"""

from __future__ import annotations

import re
import unicodedata

from ingest.parsers.sections import (
    ITEM_LABELS,
    OUTCOME_ALONE,
    OUTCOME_WORDS,
    Heading,
    is_heading_alone,
    match_heading,
)
from ingest.parsers.words import is_word, split_run_together

_CHAR_MAP = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2012": "-",
        "\u2010": "-",
        "\u2011": "-",
        "\u2212": "-",
        "\u2022": "-",
        "\u25cf": "-",
        "\u00b7": "-",
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\t": " ",
        "\f": "\n",
        "\v": "\n",
        "\r": "\n",
        "\u2028": "\n",
        "\u2029": "\n",
        "\u00ad": None,
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\ufeff": None,
        # Other C0/C1 control characters (binary junk) become spaces: in the same table, so one
        # translate pass does it instead of a regex substitution after it.
        **{chr(c): " " for c in (*range(0x00, 0x09), *range(0x0E, 0x20), *range(0x7F, 0xA0))},
    }
)

CASE_NUMBER = re.compile(r"\bCM\d{2}-\d{7}\b", re.IGNORECASE)

_BANNER = re.compile(
    r"^\s*(?:"
    r"page\s+\d{1,4}\s+of\s+\d{1,4}"
    r"|(?:IMR\s+case\s+(?:number|no\.?|#)?\s*:?\s*)?CM\d{2}-\d{7}(?:\s+page\s+\d{1,4}\s+of\s+\d{1,4})?"
    # The running head of a page.
    r"|maximus\s+federal\s+services(?:\s*,?\s*inc\.?)?"
    r"|page\s+\d{1,4}\s+of\s+\d{1,4}\s+(?:IMR\s+case\s+(?:number|no\.?|#)?\s*:?\s*)?CM\d{2}-\d{7}"
    # Any short line with "Page 2 of 5" (a running head or foot), "Page 2", "- 2 -".
    r"|[^\n]{0,80}?\bpage\s+\d{1,4}\s*(?:of|/)\s*\d{1,4}\b[^\n]{0,60}|page\s+\d{1,4}|-\s*\d{1,3}\s*-"
    r")\s*$",
    re.IGNORECASE,
)
# Each pattern starts with a literal space, so the regex engine jumps from one space to the
# next instead of being tried at every character; the lookahead keeps the punctuation out of the
# match, so the replacement is a plain "" (no per-match group expansion).
_SPACES = re.compile(r"[ ][ ]+")
_SPACE_BEFORE_PUNCT = re.compile(r"[ ] *(?=[.,;:!?)\]])")
_SPACE_AFTER_OPEN = re.compile(r"([(\[]) +")

# An item line ending in its outcome after a colon, a dash or leaders, or in brackets ("12
# Physical therapy ...: Upheld", "MRI - upheld", "MRI ..... Upheld", "MRI (Upheld)").
_ITEM_END = re.compile(
    r"(?:(?::|\s[-–—]{1,2}|[.…_]{2,})\s*"
    + OUTCOME_WORDS
    + r"|\s[(\[]\s*"
    + OUTCOME_WORDS
    + r"\s*[)\]])\s*\.?\s*$",
    re.IGNORECASE,
)
_OUTCOME_ENDINGS = frozenset(
    {"held", "rned", "fied", "part"}
)  # upheld, overturned, modified, in part
_ITEM_END_CHARS = 40  # the longest separator + outcome ("  ....  Partially Overturned.")

# Lines that always start a new logical line: labels of every layout, header fields, list items.
_BREAK_BEFORE = re.compile(
    r"^(?:"
    r"(?:claims\s+administrator|maximus)\s+guideline\s*:|decision\s+rationale\s*:|decision\s*:|"
    r"rationale(?:\s+for\s+the\s+decision)?\s*:|guideline\s*\(s\)\s+used\s+by|"
    r"medical\s+treatment\s+guideline|medical\s+qualifications|case\s+summary\s*:|"
    r"expert\s+reviewer\s+qualifications|dated\s*:|imr\s+case\s+number|date\s+of\s+injury|"
    r"date\s+of\s+ur|date\s+assigned|priority\s*:|application\s+received|employee\s*:|"
    r"issue\s+\d{1,2}\s*:|(?:(?:item\s+|\#\s?|\()?\d{1,2}[.):]?\s+)?regarding\s+the\s+request|"
    r"cc\s*:|sincerely\b|if\s+you\s+disagree\b|"
    r"the\s+independent\s+medical\s+review\s+determination\s+is\s+deemed|"
    r"this\s+determination\s+of\s+maximus|"
    r"\d{1,2}[.)]\s|#\s?\d{1,2}\s+(?=[A-Z0-9])|[A-H][.)]\s+(?=[A-Z0-9])|[-*]\s"
    r")",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?;:]\s*$")
_MAX_ITEM_LINES = 4


def normalise_unicode(text: str) -> str:
    """NFKC (ligatures, full-width forms) plus ASCII quotes, dashes and spaces."""
    text = unicodedata.normalize("NFKC", text.replace("\r\n", "\n"))
    return text.translate(_CHAR_MAP)


def _tidy_spaces(text: str) -> str:
    """No space before closing punctuation or after an opening bracket (line breaks kept)."""
    text = _SPACE_BEFORE_PUNCT.sub("", text)
    if "( " in text or "[ " in text:  # rare; the check is much cheaper than the scan
        text = _SPACE_AFTER_OPEN.sub(r"\1", text)
    return text


def tidy_line(line: str) -> str:
    """One space between words, none before closing punctuation or after an opening bracket."""
    return _tidy_spaces(_SPACES.sub(" ", line.strip()))


_HEADING = re.compile(r"(?=(?:[^A-Za-z\n]*[A-Z]){4})[^a-z\n]{1,120}")


def is_heading(line: str) -> bool:
    """An all-capitals line such as "CLINICAL CASE SUMMARY" (at least four letters)."""
    return _HEADING.fullmatch(line) is not None


def _lines_without_banners(text: str) -> list[str | None]:
    """Tidied lines, blank ones as "" and removed banners as None (a banner is not a gap)."""
    # Whole-text passes: one each instead of three per line.
    text = _SPACES.sub(" ", text)
    # Every run of spaces is now a single space, so plain replaces strip each line's ends (as
    # ``^ +| +$`` per line would, at a fraction of the cost).
    text = text.replace(" \n", "\n").replace("\n ", "\n").strip(" ")
    lines = _tidy_spaces(text).split("\n")
    return [None if line and _BANNER.match(line) else line for line in lines]  # "" is no banner


def _gaps(lines: list[str | None]) -> list[tuple[str, int]]:
    """(non-empty line, blank lines before it); banners vanish together with the blank lines
    around them so that a banner in mid-paragraph joins the paragraph back up. A paragraph that
    ended its sentence and a blank line before the banner ("... not established.", "", "Page 2
    of 2", "Right shoulder arthroscopy") ended there: the blank lines before the banner stay."""
    out: list[tuple[str, int]] = []
    blanks = 0
    blanks_before_banner = 0
    banner_seen = False
    for line in lines:
        if line is None:
            if not banner_seen:
                blanks_before_banner = blanks
            banner_seen = True
        elif not line:
            blanks += 1
        else:
            gap = blanks
            if banner_seen:
                ended = bool(out) and _SENTENCE_END.search(out[-1][0]) is not None
                gap = blanks_before_banner if ended else 0
            out.append((line, gap))
            blanks = 0
            banner_seen = False
    return out


def _paragraph_gap(gaps: list[tuple[str, int]]) -> int:
    """Blank lines that mean a new paragraph: 2 in double-spaced extractions, else 1."""
    counts = [g for _, g in gaps[1:]]
    if len(counts) >= 4 and sum(1 for g in counts if g == 1) >= 0.6 * len(counts):
        return 2
    return 1


def _ends_item(line: str) -> bool:
    """Whether ``line`` ends ": Upheld" (or "- Upheld", leaders; etc.). Only the line's end is
    searched, so a long joined paragraph is not rescanned from its start."""
    # Every outcome word ends in one of these: a cheap test rules out nearly every line.
    if line.rstrip(" .)]")[-4:].lower() not in _OUTCOME_ENDINGS:
        return False
    return _ITEM_END.search(line[-_ITEM_END_CHARS:]) is not None


def _item_starts(
    lines: list[str], para_before: list[bool], heading: list[bool], item_end: list[bool]
) -> set[int]:
    """Indices of the first line of each item whose last line ends ": Upheld" (etc.): walk back
    over wrapped lines until one ends a sentence or a paragraph starts."""
    starts: set[int] = set()
    for i in range(len(lines)):
        if not item_end[i]:
            continue
        j = i
        while (
            j > 0
            and i - j < _MAX_ITEM_LINES
            and not para_before[j]
            and not _SENTENCE_END.search(lines[j - 1])
            and not heading[j - 1]
            and not _starts_logical_line(lines[j])
        ):
            j -= 1
        starts.add(j)
    return starts


# Characters that _SPACE_BEFORE_PUNCT removes spaces before.
_CLOSING = frozenset(".,;:!?)]")


_LAST_WORD = re.compile(r"([A-Za-z]+)-$")


def _glue(previous: str, line: str) -> tuple[str, bool]:
    """(what goes between ``previous`` and ``line`` when they are joined, whether the hyphen that
    ends ``previous`` goes)."""
    if previous.endswith("-") and line[:1].islower():
        # A compound broken at its hyphen ("non-\ncertified", "evidence-\nbased") keeps it; a
        # word hyphenated by the typesetter ("speciali-\nsts") loses it.
        before = _LAST_WORD.search(previous)
        return "", before is not None and not is_word(before.group(1))
    return " ", False


# Enough of a logical line's end for every test on it (an item's ": Partially Overturned", the
# word before a hyphen, an introduction's "set forth below:").
_TAIL_CHARS = 200
# is_heading() needs at most this many characters.
_MAX_HEADING_CHARS = 120


# A label glued to the word before it where extraction lost the line break
# ("...: OverturnedClaims Administrator guideline", "UPHELDClaims Administrator Guideline(s):").
# Labels start with one of these words; whether one is glued is judged at each occurrence.
_GLUED = re.compile(
    r"(?:Claims|Guideline|Medical|Maximus|Expert|Professional|Reviewer|Utilization|Rationale"
    r"|Decision|Clinical|Reasons?|Basis|Outcome|Result|Finding|Issue|Item|Request|Disputed)"
)
_GLUE_BEFORE = frozenset("abcdefghijklmnopqrstuvwxyz.:")
# Any label of the vocabulary glued to an outcome word ("OverturnedMAXIMUS guideline -",
# "UPHELDIMR Rationale:"), whatever word the label starts with.
_OUTCOME_GLUED = re.compile(r"\b" + OUTCOME_WORDS + r"(?=(?-i:[A-Z(]))", re.IGNORECASE)
# An introductory sentence ending in a colon ("... set forth below:") is not part of the item
# line that follows it.
_INTRO_END = re.compile(r"\b(?:below|follows|following)\s*:$", re.IGNORECASE)


# A heading or label after a sentence's end on the same line ("... necessary. Rationale: ...",
# "... 2013. CLINICAL SUMMARY: ..."), where extraction joined two lines.
_MIDLINE = re.compile(r"[.!?][^\S\n]+(?=[A-Z][^.:\n]{2,120}:)")


def _heading_at(text: str, at: int) -> Heading | None:
    """The heading starting at ``at`` (only the rest of that line is looked at, at most 200
    characters: a huge line is not copied)."""
    return match_heading(text[at : at + 200].split("\n", 1)[0])


def _label_wrapped_at(text: str, at: int) -> tuple[int, int] | None:
    """The line break (with any blank lines after it, as double-spaced extractions have) inside
    an item label that starts at ``at`` and is wrapped onto the next line ("UPHELDClaims
    Administrator\nguideline: ..."), as a (start, end) span, or ``None``."""
    window = text[at : at + 200]
    first, _, rest = window.partition("\n")
    if not rest or len(first) > 80:
        return None
    following = rest.lstrip()
    heading = match_heading(first + " " + following.split("\n", 1)[0])
    # Only a label whose own words run past the break: a label complete on the first line is
    # found without joining.
    if heading is None or heading.name not in ITEM_LABELS or heading.name == "item_heading":
        return None
    if heading.rest_offset <= len(first):
        return None
    start = at + len(first)
    return start, start + 1 + len(rest) - len(following)


def _with_breaks(
    text: str, cuts: list[tuple[int, int]], joins: tuple[tuple[int, int], ...] = ()
) -> str:
    """``text`` with each (start, end) span of ``cuts`` replaced by a line break and each of
    ``joins`` by a space."""
    edits = sorted([(start, end, "\n") for start, end in cuts] + [(s, e, " ") for s, e in joins])
    if not edits:
        return text
    out: list[str] = []
    last = 0
    for start, end, replacement in edits:
        out += (text[last:start], replacement)
        last = end
    out.append(text[last:])
    return "".join(out)


def _glued(text: str, at: int) -> bool:
    """Whether the word at ``at`` is glued to the one before it: right after a lower-case letter
    or ".:", or after a word in capitals ("UPHELDClaims")."""
    before = text[max(0, at - 3) : at]
    return bool(before) and (
        before[-1] in _GLUE_BEFORE or (len(before) == 3 and before.isalpha() and before.isupper())
    )


def _unglue_headings(text: str) -> str:
    """A line break before every heading that follows a sentence on the same line, then before
    every item label that extraction glued to the preceding word."""
    midline = [
        (m.start() + 1, m.end())
        for m in _MIDLINE.finditer(text)
        if _heading_at(text, m.end()) is not None
    ]
    text = _with_breaks(text, midline)
    glued = []
    joins = []
    starts = {m.start() for m in _GLUED.finditer(text) if _glued(text, m.start())}
    starts.update(m.end() for m in _OUTCOME_GLUED.finditer(text))
    for at in sorted(starts):
        heading = _heading_at(text, at)
        if heading is not None and heading.name in ITEM_LABELS and heading.name != "item_heading":
            glued.append((at, at))
        elif (wrapped := _label_wrapped_at(text, at)) is not None:
            glued.append((at, at))
            joins.append(wrapped)
    return _with_breaks(text, glued, tuple(joins))


def _label_continues(previous: str, length: int, line: str) -> bool:
    """Whether ``line`` ("decision:") ends a label wrapped from ``previous`` ("Medical Treatment
    Guideline(s) which the Expert Reviewer relied upon to make the"). Without its colon
    ("decision") the line is a label's end only when the joined label is complete, as
    match_heading() judges: a label's purpose phrase then ends the line."""
    if (
        length > _TAIL_CHARS  # ``previous`` is then only the line's tail: not a label's start
        or len(line) > 60
        or not previous
        or previous.endswith((".", ":", ";", "!", "?"))
        or match_heading(previous) is not None
    ):
        return False
    joined = match_heading(previous + " " + line)
    return joined is not None and joined.name in ITEM_LABELS and not joined.rest


def _starts_logical_line(line: str) -> bool:
    """Whether ``line`` begins a logical line of its own: a label or list item the fixed patterns
    know, or any heading or label of the vocabulary (sections.py)."""
    return (
        _BREAK_BEFORE.match(line) is not None
        or _HEADER_DATE.match(line) is not None
        or match_heading(line) is not None
    )


# "Dated  08/01/2013" without a colon starts a header line; "dated" in lower case is prose.
_HEADER_DATE = re.compile(
    r"(?:Dated|DATED)\b|(?:Date|DATE)\s*:"
    r"|(?:Date|DATE) (?:of|OF) (?:this |THIS )?(?:[Ll]etter|LETTER|[Nn]otice|NOTICE)\b"
    r"|(?:Letter|LETTER|Notice|NOTICE|Determination|DETERMINATION) (?:Date|DATE)\b"
)


def clean_text(text: str) -> str:
    """Logical lines: paragraphs joined, headings/labels/items on their own lines, banners gone,
    run-together words split, blank line between paragraphs."""
    text = _unglue_headings(split_run_together(normalise_unicode(text)))
    gaps = _gaps(_lines_without_banners(text))
    if not gaps:
        return ""
    paragraph_gap = _paragraph_gap(gaps)
    # An outcome word alone on a line belongs to the item line above it.
    merged: list[tuple[str, int]] = []
    for line, gap in gaps:
        if merged and merged[-1][0].endswith(":") and OUTCOME_ALONE.match(line):
            merged[-1] = (merged[-1][0] + " " + line, merged[-1][1])
        else:
            merged.append((line, gap))
    lines = [line for line, _ in merged]
    para_before = [gap >= paragraph_gap for _, gap in merged]
    # Each line's tests run once here, not again when it is the line before the next one.
    heading = [is_heading(line) or is_heading_alone(line) for line in lines]
    item_end = [_ends_item(line) for line in lines]
    item_starts = _item_starts(lines, para_before, heading, item_end)

    # Each logical line is kept as its pieces and only its tail as a string, so joining many
    # short lines into one paragraph stays linear (every test below only needs the line's end,
    # or its whole text when it is short enough to be a heading).
    out: list[list[str]] = []
    tail = ""  # the last _TAIL_CHARS of out[-1]
    length = 0  # len of out[-1]
    # is_heading(out[-1]) and _ends_item(out[-1]), kept up to date as out[-1] changes.
    previous_heading = previous_item_end = False
    space_before_punct = False  # whether a join put a space before closing punctuation
    for i, line in enumerate(lines):
        previous = tail
        wrapped_label = (
            previous_heading
            and not previous.endswith(":")
            and line.endswith(":")
            and is_heading(line)
            and match_heading(line) is None
        )
        wrapped_label = wrapped_label or _label_continues(previous, length, line)
        if not wrapped_label and (
            i == 0
            or para_before[i]
            or (previous.endswith(":") and _INTRO_END.search(previous[-40:]) is not None)
            or i in item_starts
            or heading[i]
            or previous_heading
            or previous_item_end
            or not previous
            or _starts_logical_line(line)
        ):
            if i != 0 and para_before[i]:
                out.append([""])
            out.append([line])
            tail, length = line[-_TAIL_CHARS:], len(line)
            previous_heading, previous_item_end = heading[i], item_end[i]
        else:
            glue, drop_hyphen = _glue(previous, line)
            parts = out[-1]
            if drop_hyphen:
                parts[-1] = parts[-1][:-1]
                tail, length = tail[:-1], length - 1
            parts += (glue, line)
            tail = (tail + glue + line)[-_TAIL_CHARS:]
            length += len(glue) + len(line)
            # A joined line can become a heading ("AB" + "CD") or end an item (": " + "Upheld");
            # a wrapped label is whole now, so its text starts on the next line.
            joined = "".join(parts) if length <= _MAX_HEADING_CHARS else ""
            previous_heading = bool(joined) and (
                is_heading(joined) or (wrapped_label and is_heading_alone(joined))
            )
            previous_item_end = _ends_item(tail)
            space_before_punct = space_before_punct or line[0] in _CLOSING
    cleaned = "\n".join("".join(parts) for parts in out)
    # Joining can put a space before punctuation that began the next line (", 49"). Lines are
    # already tidied, so only a join can have done so: scan only when one did.
    if space_before_punct:
        cleaned = _SPACE_BEFORE_PUNCT.sub("", cleaned)
    return cleaned.strip()


def flatten(text: str) -> str:
    """A section's text as one line (for rationales, summaries and citations)."""
    return tidy_line(" ".join(text.split()))
