"""Neo4j values → plain JSON-friendly Python (for the console, export and the UI)."""

from __future__ import annotations

from typing import Any

from neo4j.graph import Node, Path, Relationship
from neo4j.time import Date, DateTime, Duration, Time

# Embeddings are long float lists; the console shows their head, export keeps them whole.
VECTOR_PREVIEW = 8


def to_plain(value: Any, *, keep_vectors: bool = False) -> Any:
    if isinstance(value, Node):
        return {
            "_id": value.element_id,
            "_labels": sorted(value.labels),
            **{k: to_plain(v, keep_vectors=keep_vectors) for k, v in value.items()},
        }
    if isinstance(value, Relationship):
        return {
            "_id": value.element_id,
            "_type": value.type,
            "_start": value.start_node.element_id if value.start_node else None,
            "_end": value.end_node.element_id if value.end_node else None,
            **{k: to_plain(v, keep_vectors=keep_vectors) for k, v in value.items()},
        }
    if isinstance(value, Path):
        return {
            "nodes": [to_plain(n, keep_vectors=keep_vectors) for n in value.nodes],
            "relationships": [to_plain(r, keep_vectors=keep_vectors) for r in value.relationships],
        }
    if isinstance(value, Date | DateTime | Time):
        return value.iso_format()
    if isinstance(value, Duration):
        return str(value)
    if isinstance(value, list | tuple):
        if (
            not keep_vectors
            and len(value) > VECTOR_PREVIEW * 4
            and all(isinstance(x, float) for x in value[:VECTOR_PREVIEW])
        ):
            head = [round(x, 4) for x in value[:VECTOR_PREVIEW]]
            return [*head, f"… ({len(value)} floats)"]
        return [to_plain(v, keep_vectors=keep_vectors) for v in value]
    if isinstance(value, dict):
        return {k: to_plain(v, keep_vectors=keep_vectors) for k, v in value.items()}
    return value
