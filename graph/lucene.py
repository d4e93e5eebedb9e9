"""User text → a safe Lucene query for the full-text index.

Lucene's query syntax gives meaning to `+ - && || ! ( ) { } [ ] ^ " ~ * ? : \\ /` and to the
upper-case words AND, OR, NOT, TO. A person typing `knee (left) "MRI" AND/OR -x` means words, not
operators, so every special character is escaped and the operator words are lower-cased (Lucene
operators are case-sensitive). What is left is a plain OR of the terms, which the index scores by
BM25.
"""

from __future__ import annotations

import re

LUCENE_SPECIAL = re.compile(r'([+\-!(){}\[\]^"~*?:\\/&|])')
OPERATOR_WORDS = {"AND", "OR", "NOT", "TO"}
MAX_TERMS = 64  # Lucene's default clause limit is 1024; long pastes are cut, not refused.
TOKEN = re.compile(r"\S+")


def escape_term(term: str) -> str:
    if term in OPERATOR_WORDS:
        return term.lower()
    return LUCENE_SPECIAL.sub(r"\\\1", term)


def query_terms(text: str) -> list[str]:
    """The words a person typed, without punctuation-only tokens, at most MAX_TERMS."""
    terms = []
    for token in TOKEN.findall(text):
        stripped = token.strip("+-!(){}[]^\"~*?:\\/&|.,;'`")
        if stripped:
            terms.append(stripped)
    return terms[:MAX_TERMS]


def to_lucene(text: str) -> str:
    """A Lucene query that matches any of the words of `text`; "" when there are none."""
    return " ".join(escape_term(term) for term in query_terms(text))
