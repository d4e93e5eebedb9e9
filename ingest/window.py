"""Fitting a long text into the model's window: keep its head and its tail (see ingest/embed.py's
module notes for why the tail matters: it holds the determination)."""

from __future__ import annotations

HEAD_SHARE = 0.5


def head_and_tail(ids: list[int], budget: int) -> list[int]:
    """The first HEAD_SHARE of `budget` token ids and the rest from the end; short lists as-is."""
    if len(ids) <= budget:
        return ids
    head = int(budget * HEAD_SHARE)
    return ids[:head] + ids[len(ids) - (budget - head) :]
