"""Every Cypher string of the application. Nothing outside graph/ builds Cypher.

User text only ever reaches these as parameters ($name). The few DDL statements that need a
number Cypher cannot take as a parameter (the vector dimension) are built by small functions that
accept validated integers only.
"""

from __future__ import annotations

# -- server ------------------------------------------------------------------------------------
SERVER_COMPONENTS = (
    "CALL dbms.components() YIELD name, versions, edition "
    "RETURN name, versions[0] AS version, edition"
)

# -- schema ------------------------------------------------------------------------------------
VECTOR_INDEX_NAME = "decision_rationale_embedding"
FULLTEXT_INDEX_NAME = "decision_text"

# (label, key property) of every node the graph model MERGEs on.
NODE_KEYS: tuple[tuple[str, str], ...] = (
    ("Case", "case_id"),
    ("Patient", "patient_id"),
    ("Diagnosis", "name"),
    ("Decision", "decision_id"),
    ("RequestedService", "name"),
    ("ServiceCategory", "name"),
    ("Guideline", "name"),
    ("BodyRegion", "name"),
    ("ReviewerProfile", "profile_id"),
    ("SourceFile", "path"),
)

# Properties that filters and the ingest skip-check look up.
RANGE_INDEXES: tuple[tuple[str, str], ...] = (
    ("Decision", "outcome"),
    ("Decision", "category"),
    ("Decision", "service"),
    ("Decision", "decision_date"),
    ("Decision", "source_kind"),
    ("Case", "doc_sha256"),
    ("Case", "source"),
)


def uniqueness_constraint(label: str, key: str) -> str:
    if (label, key) not in NODE_KEYS:
        raise ValueError(f"not a node key of the graph model: {label}.{key}")
    name = f"{label.lower()}_{key}_unique"
    return f"CREATE CONSTRAINT {name} IF NOT EXISTS FOR (n:{label}) REQUIRE n.{key} IS UNIQUE"


def range_index(label: str, prop: str) -> str:
    if (label, prop) not in RANGE_INDEXES:
        raise ValueError(f"not an indexed property: {label}.{prop}")
    return f"CREATE INDEX {label.lower()}_{prop}_range IF NOT EXISTS FOR (n:{label}) ON (n.{prop})"


def vector_index(dimensions: int) -> str:
    if not isinstance(dimensions, int) or not 1 <= dimensions <= 4096:
        raise ValueError(f"vector dimension must be an integer in 1..4096, got {dimensions!r}")
    return (
        f"CREATE VECTOR INDEX {VECTOR_INDEX_NAME} IF NOT EXISTS "
        "FOR (d:Decision) ON d.rationale_embedding "
        f"OPTIONS {{indexConfig: {{`vector.dimensions`: {dimensions}, "
        "`vector.similarity_function`: 'cosine'}}"
    )


FULLTEXT_INDEX = (
    f"CREATE FULLTEXT INDEX {FULLTEXT_INDEX_NAME} IF NOT EXISTS FOR (d:Decision) "
    "ON EACH [d.rationale, d.item_text, d.service, d.diagnosis_text]"
)

SHOW_INDEXES = (
    "SHOW INDEXES YIELD name, type, state, labelsOrTypes, properties, options, populationPercent "
    "RETURN name, type, state, labelsOrTypes, properties, options, populationPercent ORDER BY name"
)
SHOW_CONSTRAINTS = (
    "SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties "
    "RETURN name, type, labelsOrTypes, properties ORDER BY name"
)
AWAIT_INDEXES = "CALL db.awaitIndexes($timeout_s)"

# -- maintenance (tests and `imr db wipe`) ------------------------------------------------------
DELETE_ALL_BATCH = (
    "MATCH (n) WITH n LIMIT $batch_size DETACH DELETE n RETURN count(*) AS deleted"
)
COUNT_BY_LABEL = (
    "MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS count ORDER BY label"
)
COUNT_BY_RELATIONSHIP = (
    "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS count ORDER BY type"
)
