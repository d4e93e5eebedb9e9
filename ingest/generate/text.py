"""Blocks of a letter and how they become plain text: one paragraph per line, hard-wrapped, or
double-spaced with trailing blanks (what pdftotext makes of a real letter, as in the seed).

A renderer emits :data:`Block` tuples: ``("line", text)`` is printed as is (headings, header
fields, list entries), ``("para", text)`` is wrapped, ``("gap", "")`` is a blank line. An
``indent`` prefix on a para is repeated on its continuation lines.
"""

from __future__ import annotations

import re

Block = tuple[str, str, str]  # (kind, text, indent)

STYLES: tuple[str, ...] = ("flow", "wrapped", "double")
STYLE_WEIGHTS: tuple[float, ...] = (0.3, 0.5, 0.2)

# A wrapped continuation line must not look like the start of something else: a label
# ("Decision:", "Rationale:"), a header field, a numbered or bulleted entry, a page banner or a
# bare outcome word. When it would, the break moves one word earlier.
_LOOKS_LIKE_START = re.compile(
    r"(?:\d{1,2}[.)]|[-*•]|#?\d{1,4}$)(?:\s|$)|(?:claims\s+administrator|maximus|decision|"
    r"rationale|guideline|medical\s+(?:treatment|qualifications|reviewer)|case\s+summary|"
    r"expert\s+reviewer|dated|imr\s|date\s+(?:of|assigned)|priority|application|employee|"
    r"issue\s+\d|regarding|page\s+\d|upheld|overturned|partially|modified|cm\d\d-)",
    re.IGNORECASE,
)


def line(text: str) -> Block:
    return ("line", text, "")


def para(text: str, indent: str = "") -> Block:
    return ("para", text, indent)


GAP: Block = ("gap", "", "")


_WRAPPERS: dict[int, re.Pattern[str]] = {}


def _wrapper(width: int) -> re.Pattern[str]:
    # A line is up to `width` characters ending at a space or the end; an over-long word is
    # kept whole on its own line.
    pattern = _WRAPPERS.get(width)
    if pattern is None:
        pattern = re.compile(rf"(.{{1,{width}}})(?: +|$)|(\S+) *")
        _WRAPPERS[width] = pattern
    return pattern


def wrap(text: str, width: int, indent: str = "") -> list[str]:
    """Greedy word wrap to ``width`` columns; continuation lines never look like a new entry."""
    lines = [a or b for a, b in _wrapper(max(20, width - len(indent))).findall(text) if a or b]
    for i in range(1, len(lines)):
        # Pull words down from the previous line until this one starts innocently.
        while " " in lines[i - 1] and (" " not in lines[i] or _LOOKS_LIKE_START.match(lines[i])):
            head, _, last = lines[i - 1].rpartition(" ")
            lines[i - 1], lines[i] = head, f"{last} {lines[i]}"
    return [indent + ln for ln in lines] if indent else lines


def render(blocks: list[Block], style: str, width: int) -> str:
    """Plain text of ``blocks`` in one of :data:`STYLES`."""
    out: list[str] = []
    for kind, text, indent in blocks:
        if kind == "gap":
            out.append("")
        elif kind == "line" or style == "flow":
            out.append(indent + text if kind == "para" else text)
        else:
            out.extend(wrap(text, width, indent))
    if style == "double":
        # pdftotext of a real letter: a trailing space on every line and a blank line after it.
        return "".join(f"{ln} \n\n" if ln else " \n" for ln in out)
    return "\n".join(out) + "\n"
