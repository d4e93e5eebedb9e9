"""Text for st.markdown: letter text is data, never markup.

Letters and rationales contain `*`, `_`, `$` (Streamlit reads `$...$` as LaTeX), `:` (Streamlit
reads `:red[...]` as colour directives) and brackets; all are escaped before rendering, except
what the application itself marks (search highlights, inline code in its own messages).
"""

from __future__ import annotations

import re

# Every ASCII punctuation character may be backslash-escaped in CommonMark; these are the ones
# that mean something to Markdown or to Streamlit's extensions.
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=\"'^])")


def escape_markdown(text: str, *, keep_code: bool = True) -> str:
    """`text` shown literally; with `keep_code`, `inline code` spans stay code (our messages name
    commands that way)."""
    if not keep_code:
        return _SPECIAL.sub(r"\\\1", text)
    parts = text.split("`")
    if len(parts) % 2 == 0:  # an unpaired backtick: treat the text as plain
        return _SPECIAL.sub(r"\\\1", text)
    return "`".join(
        part if index % 2 else _SPECIAL.sub(r"\\\1", part) for index, part in enumerate(parts)
    )


def highlighted(marked: str) -> str:
    """A snippet with `**term**` marks (graph.search.make_snippet) as Markdown: the text escaped,
    the marked terms bold and coloured."""
    parts = marked.split("**")
    out = []
    for index, part in enumerate(parts):
        safe = escape_markdown(part, keep_code=False)
        is_mark = index % 2 == 1 and part.strip()
        out.append(f":orange[**{safe}**]" if is_mark else safe)
    return "".join(out)


def one_line(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
