"""The one error a parser raises: the document is not (enough of) the layout it was given to."""

from __future__ import annotations


class ParseError(Exception):
    """A document that cannot be parsed; ``str()`` names the source and the reason."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(source, reason)
        self.source = source
        self.reason = reason

    def __str__(self) -> str:
        return f"Could not parse '{self.source}': {self.reason}"
