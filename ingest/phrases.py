"""Every mention of a vocabulary entry in a long text, as whole words, with positions.

:func:`ingest.normalise.normalise_service` answers "which service is this short item text?" with
the first table entry that matches anywhere. Free text such as a DMHC finding needs more: *all*
mentions, where they are, and none found inside another word ("tha" in "that", "ct" in "SPECT",
"surgical" in "nonsurgical"). :class:`PhraseMatcher` runs each entry's own patterns over the text
and keeps a match only when it starts at the beginning of a word. Some table patterns are stems
that are meant to end inside a word ("discectom" → "discectomy"); they keep working, because only
the start is held to a word boundary, except after a few prefixes that make a medical word of the
stem rather than a different word ("micro" + "discectomy", "ona" + "botulinumtoxinA").

Overlapping mentions resolve leftmost-longest (then the earlier table entry), so "proton beam
radiation therapy" is one mention, not "radiation therapy" inside it, "psychiatric residential
treatment" is not psychiatry, and "DaT SPECT/CT" is not a CT scan.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from ingest.vocabulary import all_required_words

# Long texts are capped so that a pathological input cannot make every pattern scan megabytes;
# the longest real DMHC finding is a few thousand characters.
MAX_TEXT_CHARS = 40_000

# Word beginnings after which a stem still names the same thing ("microdiscectomy",
# "hemilaminectomy", "onabotulinumtoxinA", "neuropsychological testing"). "non" is deliberately
# absent: "nonsurgical" is not a surgery.
INNER_PREFIXES: frozenset[str] = frozenset(
    {"micro", "mini", "hemi", "endo", "ona", "inco", "abo", "rima", "neuro", "pharmaco", "cyto"}
)


class _Entry(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def patterns(self) -> tuple[str, ...]: ...


E = TypeVar("E", bound=_Entry)


@dataclass(frozen=True)
class PhraseMatch(Generic[E]):
    entry: E
    index: int  # the entry's position in the table: ties between equal spans go to the lower
    start: int
    end: int
    text: str

    @property
    def name(self) -> str:
        return self.entry.name


_TOKEN = re.compile(r"[a-z0-9]+")


def _word_start(text: str, start: int) -> int:
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    return start


class PhraseMatcher(Generic[E]):
    """All whole-word mentions of ``entries`` (objects with ``name`` and regex ``patterns``)."""

    def __init__(
        self,
        entries: Sequence[E],
        inner_prefixes: frozenset[str] = INNER_PREFIXES,
    ) -> None:
        self.entries = tuple(entries)
        self.inner_prefixes = inner_prefixes
        self._compiled: list[tuple[int, E, re.Pattern[str]]] = []
        self._always: list[int] = []  # entries whose leading words are not known: always run
        self._by_word: dict[str, list[int]] = {}
        for i, entry in enumerate(self.entries):
            combined = "|".join(f"(?:{p})" for p in entry.patterns)
            self._compiled.append((i, entry, re.compile(combined, re.IGNORECASE)))
            words = all_required_words(tuple(entry.patterns))
            if words is None:
                self._always.append(i)
            for word in words or ():
                self._by_word.setdefault(word, []).append(i)
        self._longest_word = max(map(len, self._by_word), default=0)

    def _possible(self, lowered: str) -> list[int]:
        """Entries that can match the lower-cased ASCII ``lowered``. A match starts at a word
        start (or after an inner prefix) with one of its entry's leading words, so only the
        beginnings of the text's words are looked up."""
        possible = set(self._always)
        for token in _TOKEN.findall(lowered):
            starts = [0] + [len(p) for p in self.inner_prefixes if token.startswith(p)]
            for offset in starts:
                for end in range(offset + 1, min(len(token), offset + self._longest_word) + 1):
                    possible.update(self._by_word.get(token[offset:end], ()))
        return sorted(possible)

    def _starts_a_word(self, text: str, start: int) -> bool:
        if start == 0 or not text[start - 1].isalnum():
            return True
        return text[_word_start(text, start) : start].lower() in self.inner_prefixes

    def candidates(self, text: str) -> list[PhraseMatch[E]]:
        """Every match of every entry that starts a word, overlaps included."""
        text = text[:MAX_TEXT_CHARS]
        # On ASCII text lower-casing keeps positions and IGNORECASE is ASCII-only, so the
        # leading-word index is exact; other text runs every entry.
        indices = self._possible(text.lower()) if text.isascii() else range(len(self._compiled))
        found: list[PhraseMatch[E]] = []
        for index in indices:
            _, entry, pattern = self._compiled[index]
            for match in pattern.finditer(text):
                start, end = match.span()
                if end > start and self._starts_a_word(text, start):
                    found.append(PhraseMatch(entry, index, start, end, match.group(0)))
        return found

    def find_all(self, text: str | None) -> list[PhraseMatch[E]]:
        """Non-overlapping mentions in text order, leftmost-longest: of overlapping mentions the
        one that starts first stands, of those starting together the longest (then the earlier
        table entry)."""
        if not text:
            return []
        ranked = sorted(self.candidates(text), key=lambda m: (m.start, m.start - m.end, m.index))
        taken: list[PhraseMatch[E]] = []
        for match in ranked:
            if not taken or taken[-1].end <= match.start:
                taken.append(match)
        return taken

    def first(self, text: str | None) -> PhraseMatch[E] | None:
        """The earliest mention (after overlaps are resolved), or None."""
        found = self.find_all(text)
        return found[0] if found else None
