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
    r"|page\s+\d{1,4}\s+of\s+\d{1,4}\s+(?:IMR\s+case\s+(?:number|no\.?|#)?\s*:?\s*)?CM\d{2}-\d{7}"
    r")\s*$",
    re.IGNORECASE,
)
# Each pattern starts with a literal space, so the regex engine jumps from one space to the
# next instead of being tried at every character; the lookahead keeps the punctuation out of the
# match, so the replacement is a plain "" (no per-match group expansion).
_SPACES = re.compile(r"[ ][ ]+")
_SPACE_BEFORE_PUNCT = re.compile(r"[ ] *(?=[.,;:!?)\]])")
_SPACE_AFTER_OPEN = re.compile(r"([(\[]) +")

# Outcome words that end an item line ("12 Physical therapy ...:  Upheld").
OUTCOME_WORDS = r"(?:partially\s+overturned|partially\s+upheld|overturned|upheld|modified)"
_OUTCOME_ALONE = re.compile(r"^\s*" + OUTCOME_WORDS + r"\s*\.?\s*$", re.IGNORECASE)
_ITEM_END = re.compile(r":\s*" + OUTCOME_WORDS + r"\s*\.?\s*$", re.IGNORECASE)

# Lines that always start a new logical line: labels of every layout, header fields, list items.
_BREAK_BEFORE = re.compile(
    r"^(?:"
    r"(?:claims\s+administrator|maximus)\s+guideline\s*:|decision\s+rationale\s*:|decision\s*:|"
    r"rationale(?:\s+for\s+the\s+decision)?\s*:|guideline\s*\(s\)\s+used\s+by|"
    r"medical\s+treatment\s+guideline|medical\s+qualifications|case\s+summary\s*:|"
    r"expert\s+reviewer\s+qualifications|dated\s*:|imr\s+case\s+number|date\s+of\s+injury|"
    r"date\s+of\s+ur|date\s+assigned|priority\s*:|application\s+received|employee\s*:|"
    r"issue\s+\d{1,2}\s*:|regarding\s+the\s+request|cc\s*:|sincerely\b|if\s+you\s+disagree\b|"
    r"the\s+independent\s+medical\s+review\s+determination\s+is\s+deemed|"
    r"this\s+determination\s+of\s+maximus|"
    r"\d{1,2}[.)]\s|[-*]\s"
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
    around them so that a banner in mid-paragraph joins the paragraph back up."""
    out: list[tuple[str, int]] = []
    blanks = 0
    banner_seen = False
    for line in lines:
        if line is None:
            banner_seen = True
        elif not line:
            blanks += 1
        else:
            out.append((line, 0 if banner_seen else blanks))
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
    """Whether ``line`` ends ": Upheld" (etc.), i.e. ``_ITEM_END.search(line)``: a match can only
    start at the last colon (none follows in the match), so one anchored try there is enough
    and a long joined paragraph is not rescanned from its start."""
    colon = line.rfind(":")
    return colon >= 0 and _ITEM_END.match(line, colon) is not None


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
            and not _BREAK_BEFORE.match(lines[j])
        ):
            j -= 1
        starts.add(j)
    return starts


# Characters that _SPACE_BEFORE_PUNCT removes spaces before.
_CLOSING = frozenset(".,;:!?)]")


def _join(previous: str, line: str) -> str:
    # A word hyphenated at the line end ("non-\ncertified") keeps its hyphen, loses the break.
    if previous.endswith("-") and line[:1].islower():
        return previous + line
    return previous + " " + line


def clean_text(text: str) -> str:
    """Logical lines: paragraphs joined, headings/labels/items on their own lines, banners gone,
    blank line between paragraphs."""
    gaps = _gaps(_lines_without_banners(normalise_unicode(text)))
    if not gaps:
        return ""
    paragraph_gap = _paragraph_gap(gaps)
    # An outcome word alone on a line belongs to the item line above it.
    merged: list[tuple[str, int]] = []
    for line, gap in gaps:
        if merged and merged[-1][0].endswith(":") and _OUTCOME_ALONE.match(line):
            merged[-1] = (merged[-1][0] + " " + line, merged[-1][1])
        else:
            merged.append((line, gap))
    lines = [line for line, _ in merged]
    para_before = [gap >= paragraph_gap for _, gap in merged]
    # Each line's tests run once here, not again when it is the line before the next one.
    heading = [is_heading(line) for line in lines]
    item_end = [_ends_item(line) for line in lines]
    item_starts = _item_starts(lines, para_before, heading, item_end)

    out: list[str] = []
    # is_heading(out[-1]) and _ends_item(out[-1]), kept up to date as out[-1] changes.
    previous_heading = previous_item_end = False
    space_before_punct = False  # whether a join put a space before closing punctuation
    for i, line in enumerate(lines):
        previous = out[-1] if out else ""
        if (
            i == 0
            or para_before[i]
            or i in item_starts
            or heading[i]
            or previous_heading
            or previous_item_end
            or not previous
            or _BREAK_BEFORE.match(line)
        ):
            if i != 0 and para_before[i]:
                out.append("")
            out.append(line)
            previous_heading, previous_item_end = heading[i], item_end[i]
        else:
            # A joined line can become a heading ("AB" + "CD") or end an item (": " + "Upheld").
            out[-1] = joined = _join(previous, line)
            previous_heading, previous_item_end = is_heading(joined), _ends_item(joined)
            space_before_punct = space_before_punct or line[0] in _CLOSING
    cleaned = "\n".join(out)
    # Joining can put a space before punctuation that began the next line (", 49"). Lines are
    # already tidied, so only a join can have done so: scan only when one did.
    if space_before_punct:
        cleaned = _SPACE_BEFORE_PUNCT.sub("", cleaned)
    return cleaned.strip()


def flatten(text: str) -> str:
    """A section's text as one line (for rationales, summaries and citations)."""
    return tidy_line(" ".join(text.split()))
