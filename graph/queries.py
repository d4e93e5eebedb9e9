"""Every Cypher string of the application. Nothing outside graph/ builds Cypher.

User text only ever reaches these as parameters ($name). The few DDL statements that need a
number Cypher cannot take as a parameter (the vector dimension) are built by small functions that
accept validated integers only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

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


# Neo4j 2026.01+ (Cypher 25): the vector index also stores these Decision properties, so the SEARCH
# clause filters on them inside the index instead of after it. Scalars only (strings, integers,
# dates): the index cannot hold lists. They back the filters in SEARCH_FILTERS.
VECTOR_FILTER_PROPERTIES: tuple[str, ...] = (
    "outcome",
    "category",
    "service",
    "body_region",
    "source_kind",
    "patient_sex",
    "decision_date",
    "age_low",
    "age_high",
)


def vector_index_with_filters(dimensions: int) -> str:
    """The vector index with VECTOR_FILTER_PROPERTIES as in-index filter properties (2026.01+)."""
    if not isinstance(dimensions, int) or not 1 <= dimensions <= 4096:
        raise ValueError(f"vector dimension must be an integer in 1..4096, got {dimensions!r}")
    with_list = ", ".join(f"d.{prop}" for prop in VECTOR_FILTER_PROPERTIES)
    return (
        f"CYPHER 25 CREATE VECTOR INDEX {VECTOR_INDEX_NAME} IF NOT EXISTS "
        f"FOR (d:Decision) ON d.rationale_embedding WITH [{with_list}] "
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
DELETE_ALL_BATCH = "MATCH (n) WITH n LIMIT $batch_size DETACH DELETE n RETURN count(*) AS deleted"
COUNT_BY_LABEL = (
    "MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS count ORDER BY label"
)
COUNT_BY_RELATIONSHIP = "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS count ORDER BY type"

# -- ingest: skip unchanged files, then load one batch of whole documents -------------------
SOURCE_FILE_HASHES = (
    "UNWIND $paths AS path MATCH (f:SourceFile {path: path}) "
    "RETURN f.path AS path, f.sha256 AS sha256, f.records AS records"
)

# Case ownership (ingest/load.py): a Case belongs to the one SourceFile it came FROM_FILE; another
# file carrying the same case number is a conflict, read in the write transaction before loading.
CASE_OWNERS = """
UNWIND $case_ids AS case_id
MATCH (:Case {case_id: case_id})-[:FROM_FILE]->(f:SourceFile)
RETURN case_id, f.path AS path, f.sha256 AS sha256
"""

# After a batch's writes, in the same transaction: a case now linked to two files means another
# ingest loaded it from another file at the same time; the batch is rolled back and retried.
CASES_FROM_SEVERAL_FILES = """
UNWIND $case_ids AS case_id
MATCH (:Case {case_id: case_id})-[:FROM_FILE]->(f:SourceFile)
WITH case_id, collect(DISTINCT f.path) AS paths
WHERE size(paths) > 1
RETURN case_id, paths
"""

# A changed document replaces its earlier version: decisions, diagnoses and reviewer links of the
# case are removed before the new ones are merged, so nothing is added twice.
LOAD_DETACH_OLD_VERSION = """
UNWIND $case_ids AS case_id
MATCH (k:Case {case_id: case_id})
OPTIONAL MATCH (k)-[:HAS_DECISION]->(old:Decision)
DETACH DELETE old
WITH DISTINCT k
OPTIONAL MATCH (k)-[r:REVIEWED_BY]->()
DELETE r
WITH DISTINCT k
OPTIONAL MATCH (k)-[:CONCERNS]->(:Patient)-[h:HAS_DIAGNOSIS]->()
DELETE h
"""

LOAD_CASES = """
UNWIND $cases AS row
MERGE (k:Case {case_id: row.case_id})
SET k += row.props,
    k.decision_date = CASE WHEN row.decision_date IS NULL THEN null
                           ELSE date(row.decision_date) END,
    k.ur_date = CASE WHEN row.ur_date IS NULL THEN null ELSE date(row.ur_date) END
MERGE (p:Patient {patient_id: row.patient.patient_id})
SET p.age = row.patient.age, p.sex = row.patient.sex, p.age_range = row.patient.age_range,
    p.injury_date = CASE WHEN row.patient.injury_date IS NULL THEN null
                         ELSE date(row.patient.injury_date) END
MERGE (k)-[:CONCERNS]->(p)
FOREACH (name IN row.diagnoses |
  MERGE (g:Diagnosis {name: name})
  MERGE (p)-[:HAS_DIAGNOSIS]->(g))
FOREACH (rev IN CASE WHEN row.reviewer IS NULL THEN [] ELSE [row.reviewer] END |
  MERGE (r:ReviewerProfile {profile_id: rev.profile_id})
  SET r.specialty = rev.specialty, r.license_state = rev.license_state
  MERGE (k)-[:REVIEWED_BY]->(r))
MERGE (f:SourceFile {path: row.file})
MERGE (k)-[:FROM_FILE]->(f)
"""

# The small shared vocabularies of a batch, merged once per distinct value instead of once per
# decision row: IN_CATEGORY alone was a MERGE (a relationship check on a dense node) per row.
LOAD_VOCABULARY = """
UNWIND $services AS row
MERGE (s:RequestedService {name: row.name})
MERGE (c:ServiceCategory {name: row.category})
MERGE (s)-[:IN_CATEGORY]->(c)
WITH count(*) AS services
UNWIND $regions AS region
MERGE (:BodyRegion {name: region})
WITH count(*) AS regions
UNWIND $guidelines AS row
MERGE (g:Guideline {name: row.name})
ON CREATE SET g.family = row.family
"""


def vocabulary_parameters(decisions: list[dict[str, Any]]) -> dict[str, list[Any]]:
    """LOAD_VOCABULARY's parameters: the distinct services, regions and guidelines of
    LOAD_DECISIONS rows."""
    services = {(row["props"]["service"], row["props"]["category"]) for row in decisions}
    regions = {row["props"].get("body_region") for row in decisions} - {None}
    guidelines: dict[str, str | None] = {}
    for row in decisions:
        for citation in row["citations"]:  # the first family seen wins, as ON CREATE SET does
            guidelines.setdefault(citation["name"], citation["family"])
    return {
        "services": [{"name": n, "category": c} for n, c in sorted(services)],
        "regions": sorted(regions),
        "guidelines": [{"name": n, "family": f} for n, f in guidelines.items()],
    }


# Every decision of the batch's cases was removed just before (LOAD_DETACH_OLD_VERSION) and the
# rows are unique by decision_id and by (guideline, cited_by) (ingest/load.py), so a decision's
# relationships are new: CREATE skips MERGE's check of the existing relationships.
LOAD_DECISIONS = """
UNWIND $decisions AS row
MATCH (k:Case {case_id: row.case_id})
MATCH (s:RequestedService {name: row.props.service})
MERGE (d:Decision {decision_id: row.decision_id})
SET d += row.props,
    d.decision_date = CASE WHEN row.decision_date IS NULL THEN null ELSE date(row.decision_date) END
CREATE (k)-[:HAS_DECISION]->(d)
CREATE (d)-[:REQUESTS]->(s)
FOREACH (region IN CASE WHEN row.props.body_region IS NULL THEN []
                        ELSE [row.props.body_region] END |
  MERGE (b:BodyRegion {name: region})
  CREATE (d)-[:CONCERNS_REGION]->(b))
FOREACH (cite IN row.citations |
  MERGE (g:Guideline {name: cite.name})
  CREATE (d)-[:CITES {cited_by: cite.cited_by, pages: cite.pages}]->(g))
WITH d, row
CALL db.create.setNodeVectorProperty(d, 'rationale_embedding', row.embedding)
"""

# Marks the files of a batch as loaded, in the same transaction as their cases: a file is either
# wholly in the graph with its hash, or it is loaded again on the next run.
LOAD_SOURCE_FILES = """
UNWIND $files AS row
MERGE (f:SourceFile {path: row.path})
SET f.sha256 = row.sha256, f.kind = row.kind, f.records = row.records,
    f.ingested_at = datetime()
WITH f, row
OPTIONAL MATCH (stale:Case)-[own:FROM_FILE]->(f)
WHERE NOT stale.case_id IN row.case_ids
DELETE own
// A case this file no longer carries goes with it, unless another file still carries it (a graph
// loaded before case ownership could link one case to two files): then only the link goes.
WITH DISTINCT stale
WHERE stale IS NOT NULL AND NOT EXISTS { (stale)-[:FROM_FILE]->(:SourceFile) }
OPTIONAL MATCH (stale)-[:HAS_DECISION]->(d:Decision)
OPTIONAL MATCH (stale)-[:CONCERNS]->(p:Patient)
DETACH DELETE d, p, stale
"""

# -- bulk load (ingest/bulk_csv.py, imr/bulkload.py): offline import, then these ---------------
# Bulk import is for an empty database: any node means "use `imr ingest`" (count store: O(1)).
COUNT_ALL_NODES = "MATCH (n) RETURN count(n) AS nodes"

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def fill_empty_list(label: str, prop: str) -> str:
    """Give back [] to the nodes whose list property the import left out: neo4j-admin reads an
    empty array field as "no property", where the online loader stores an empty list. Only for
    properties the loader never leaves null. Batched: it may touch every node of a label."""
    if not (_IDENTIFIER.match(label) and _IDENTIFIER.match(prop)):
        raise ValueError(f"not a label/property name: {label}.{prop}")
    return (
        f"MATCH (n:{label}) WHERE n.{prop} IS NULL "
        f"CALL (n) {{ SET n.{prop} = [] }} IN TRANSACTIONS OF 10000 ROWS"
    )


# -- search -------------------------------------------------------------------------------------
# One predicate per filter. A query's WHERE is the conjunction of the fixed predicates of the
# filters in use (never text from the user: the values are always $parameters), so an equality
# filter on an indexed property becomes an index seek instead of a scan of every decision.
# Values arrive normalised (graph.search.SearchFilters.parameters): lower-case canonical names.
FILTER_PREDICATES: dict[str, str] = {
    "outcome": "d.outcome = $outcome",
    "category": "d.category = $category",
    "service": "d.service = $service",
    "region": "d.body_region = $region",
    "diagnosis": "any(x IN d.diagnoses WHERE toLower(x) CONTAINS $diagnosis)",
    "guideline": "any(x IN d.guidelines WHERE toLower(x) CONTAINS $guideline)",
    "date_from": "d.decision_date >= date($date_from)",
    "date_to": "d.decision_date <= date($date_to)",
    "specialty": "toLower(d.reviewer_specialty) CONTAINS $specialty",
    "age_min": "d.age_high >= $age_min",
    "age_max": "d.age_low <= $age_max",
    "sex": "d.patient_sex = $sex",
    "source": "d.source_kind = $source",
    "exclude_decision": "d.decision_id <> $exclude_decision",
    "exclude_case": "d.case_id <> $exclude_case",
}


# The filters whose FILTER_PREDICATES entry the SEARCH clause's WHERE can evaluate inside the
# vector index: one comparison (=, >=, <=) of a VECTOR_FILTER_PROPERTIES property with a parameter,
# joined by AND. Lists (diagnoses, guidelines), CONTAINS, toLower() and <> are not allowed there.
SEARCH_FILTERS = frozenset(
    {"outcome", "category", "service", "region", "date_from", "date_to", "age_min", "age_max",
     "sex", "source"}
)  # fmt: skip


def decision_filter(active: Iterable[str]) -> str:
    """The WHERE predicate for the filters in use (names from FILTER_PREDICATES only)."""
    names = sorted(set(active))
    unknown = [name for name in names if name not in FILTER_PREDICATES]
    if unknown:
        raise ValueError(f"not a decision filter: {unknown}")
    return " AND ".join(FILTER_PREDICATES[name] for name in names) or "true"


COUNT_DECISIONS = "MATCH (d:Decision) RETURN count(d) AS total"


def count_filtered_decisions(active: Iterable[str]) -> str:
    return f"MATCH (d:Decision) WHERE {decision_filter(active)} RETURN count(d) AS matching"


def decision_vector_search(active: Iterable[str]) -> str:
    """Approximate nearest neighbours, oversampled; filters are applied after the index."""
    return f"""
CALL db.index.vector.queryNodes('{VECTOR_INDEX_NAME}', $candidates, $vector)
YIELD node AS d, score
WHERE {decision_filter(active)}
RETURN d.decision_id AS decision_id, score
ORDER BY score DESC
LIMIT $limit
"""


def decision_exact_vector_search(active: Iterable[str]) -> str:
    """Exact cosine over the filtered subset: chosen when the filter is selective."""
    return f"""
MATCH (d:Decision)
WHERE {decision_filter(active)} AND d.rationale_embedding IS NOT NULL
WITH d, vector.similarity.cosine(d.rationale_embedding, $vector) AS score
RETURN d.decision_id AS decision_id, score
ORDER BY score DESC
LIMIT $limit
"""


def decision_search_clause(active: Iterable[str]) -> str:
    """Neo4j 2026.01+: ANN with the filters evaluated inside the vector index (SEARCH ... WHERE).

    The index returns the $candidates nearest decisions that pass the filter; the best $limit of
    them are kept (asking the HNSW graph for more than k explores more of it)."""
    names = sorted(set(active))
    outside = [name for name in names if name not in SEARCH_FILTERS]
    if outside:
        raise ValueError(f"not an in-index vector filter: {outside}")
    where = f"\n    WHERE {decision_filter(names)}" if names else ""
    return f"""CYPHER 25
MATCH (d:Decision)
  SEARCH d IN (
    VECTOR INDEX {VECTOR_INDEX_NAME}
    FOR $vector{where}
    LIMIT $candidates
  ) SCORE AS score
RETURN d.decision_id AS decision_id, score
ORDER BY score DESC
LIMIT $limit
"""


def decision_fulltext_search(active: Iterable[str]) -> str:
    return f"""
CALL db.index.fulltext.queryNodes('{FULLTEXT_INDEX_NAME}', $lucene, {{limit: $candidates}})
YIELD node AS d, score
WHERE {decision_filter(active)}
RETURN d.decision_id AS decision_id, score
ORDER BY score DESC
LIMIT $limit
"""


def decision_graph_neighbours(active: Iterable[str]) -> str:
    """Precedents sharing entities with a decision or a described request, weighted.

    Candidates come from the relationships of the shared service, body region, diagnoses and
    guidelines — at most $branch_cap per entity, filters applied first — and are scored on their
    own facts (service, category, region, diagnoses, guidelines) with the $w_* weights. A decision
    that shares only the category is not a candidate (a category holds a large share of all
    decisions); the category still adds its weight to candidates that share it.
    """
    where = decision_filter(active)
    return f"""
CALL () {{
  MATCH (:RequestedService {{name: $g_service}})<-[:REQUESTS]-(d:Decision)
  WHERE {where}
  RETURN d LIMIT $branch_cap
  UNION
  MATCH (:BodyRegion {{name: $g_region}})<-[:CONCERNS_REGION]-(d:Decision)
  WHERE {where}
  RETURN d LIMIT $branch_cap
  UNION
  UNWIND $g_diagnoses AS name
  CALL (name) {{
    MATCH (:Diagnosis {{name: name}})<-[:HAS_DIAGNOSIS]-(:Patient)<-[:CONCERNS]-(:Case)
          -[:HAS_DECISION]->(d:Decision)
    WHERE {where}
    RETURN d LIMIT $branch_cap
  }}
  RETURN d
  UNION
  UNWIND $g_guidelines AS name
  CALL (name) {{
    MATCH (:Guideline {{name: name}})<-[:CITES]-(d:Decision)
    WHERE {where}
    RETURN DISTINCT d LIMIT $branch_cap
  }}
  RETURN d
}}
WITH d,
     CASE WHEN d.service = $g_service THEN $w_service ELSE 0.0 END
     + CASE WHEN d.category = $g_category THEN $w_category ELSE 0.0 END
     + CASE WHEN d.body_region = $g_region THEN $w_region ELSE 0.0 END
     + $w_diagnosis * size([x IN coalesce(d.diagnoses, []) WHERE x IN $g_diagnoses])
     + $w_guideline * size([x IN coalesce(d.guidelines, []) WHERE x IN $g_guidelines]) AS score
RETURN d.decision_id AS decision_id, score
ORDER BY score DESC, decision_id
LIMIT $limit
"""


# The entities of one decision: what graph mode looks for in others.
DECISION_ENTITIES = """
MATCH (d:Decision {decision_id: $decision_id})
OPTIONAL MATCH (d)-[:CITES]->(g:Guideline)
WITH d, collect(DISTINCT g.name) AS guidelines
RETURN d.case_id AS case_id, d.service AS service, d.category AS category,
       d.body_region AS region,
       d.diagnoses AS diagnoses, guidelines, d.rationale_embedding AS vector
"""

# Cosine similarity of given decisions to a vector (to fuse graph mode with semantics).
DECISION_SIMILARITY_TO_VECTOR = """
UNWIND $decision_ids AS id
MATCH (d:Decision {decision_id: id})
RETURN id AS decision_id, vector.similarity.cosine(d.rationale_embedding, $vector) AS score
"""

# What a hit shows: the decision, its case, its citations.
DECISION_HITS = """
UNWIND $decision_ids AS id
MATCH (d:Decision {decision_id: id})
OPTIONAL MATCH (d)-[c:CITES]->(g:Guideline)
WITH d, collect(CASE WHEN g IS NULL THEN null ELSE
       {name: g.name, family: g.family, pages: c.pages, cited_by: c.cited_by} END) AS citations
RETURN d.decision_id AS decision_id, d.case_id AS case_id, d.source AS source,
       d.source_kind AS source_kind, d.item_text AS item_text, d.service AS service,
       d.category AS category, d.body_region AS body_region, d.outcome AS outcome,
       toString(d.decision_date) AS decision_date, d.rationale AS rationale,
       d.diagnoses AS diagnoses, d.reviewer_specialty AS reviewer_specialty,
       d.patient_age AS patient_age, d.patient_sex AS patient_sex, d.age_range AS age_range,
       citations
"""

# The text a hit's words are counted in (graph.relevance: the lexical floor).
DECISION_TEXTS = """
UNWIND $decision_ids AS id
MATCH (d:Decision {decision_id: id})
RETURN id AS decision_id, d.service AS service,
       coalesce(d.item_text, '') + ' ' + coalesce(d.service, '') + ' '
       + coalesce(d.diagnosis_text, '') + ' ' + coalesce(d.rationale, '') AS text
"""

# Patient age (a DMHC band's middle), sex and decision year of given decisions: tie-breakers.
DECISION_TIE_FACTS = """
UNWIND $decision_ids AS id
MATCH (d:Decision {decision_id: id})
RETURN id AS decision_id,
       coalesce(d.patient_age, CASE WHEN d.age_low IS NOT NULL AND d.age_high IS NOT NULL
                                    THEN (d.age_low + d.age_high) / 2 END) AS age,
       d.patient_sex AS sex, d.decision_year AS year
"""

# Outcome counts of one service over every decision, per source (dwc / dmhc): the base rate.
_OUTCOME_COUNT_COLUMNS = """
RETURN d.source_kind AS source_kind, count(*) AS total,
       count(CASE WHEN d.outcome = 'upheld' THEN 1 END) AS upheld,
       count(CASE WHEN d.outcome = 'overturned' THEN 1 END) AS overturned,
       count(CASE WHEN d.outcome = 'partially overturned' THEN 1 END) AS partially_overturned
ORDER BY source_kind
"""
SERVICE_OUTCOME_COUNTS = "MATCH (d:Decision) WHERE d.service = $service" + _OUTCOME_COUNT_COLUMNS
# The same over every decision: the base rate when no service is known.
ALL_OUTCOME_COUNTS = "MATCH (d:Decision)" + _OUTCOME_COUNT_COLUMNS

# -- outcome estimate (graph/estimate.py) ----------------------------------------------------
# What an estimate lists of each neighbour (no rationale: the list links to the decision page).
ESTIMATE_NEIGHBOURS = """
UNWIND $decision_ids AS id
MATCH (d:Decision {decision_id: id})
RETURN d.decision_id AS decision_id, d.case_id AS case_id, d.outcome AS outcome,
       d.source_kind AS source_kind, d.service AS service, d.body_region AS body_region,
       toString(d.decision_date) AS decision_date, d.item_text AS item_text,
       d.diagnoses AS diagnoses
"""

# -- backup: a logical dump in the loader's own row shapes, and a canonical hash ----------------
EXPORT_CASES = """
MATCH (k:Case)
OPTIONAL MATCH (k)-[:CONCERNS]->(p:Patient)
OPTIONAL MATCH (k)-[:REVIEWED_BY]->(r:ReviewerProfile)
OPTIONAL MATCH (k)-[:FROM_FILE]->(f:SourceFile)
WITH k, p, r, f
ORDER BY k.case_id
RETURN k.case_id AS case_id, f.path AS file,
       toString(k.decision_date) AS decision_date, toString(k.ur_date) AS ur_date,
       k {.source, .source_kind, .layout, .doc_sha256, .summary, .warnings, .dispute_type,
          .diagnosis_category} AS props,
       CASE WHEN p IS NULL THEN null ELSE
         p {.patient_id, .age, .sex, .age_range, injury_date: toString(p.injury_date)} END
         AS patient,
       [(p)-[:HAS_DIAGNOSIS]->(g:Diagnosis) | g.name] AS diagnoses,
       CASE WHEN r IS NULL THEN null ELSE r {.profile_id, .specialty, .license_state} END
         AS reviewer
"""

EXPORT_DECISIONS = """
MATCH (k:Case)-[:HAS_DECISION]->(d:Decision)
WITH k, d ORDER BY d.decision_id
RETURN k.case_id AS case_id, d.decision_id AS decision_id,
       toString(d.decision_date) AS decision_date,
       d.rationale_embedding AS embedding,
       [(d)-[c:CITES]->(g:Guideline) |
          {name: g.name, family: g.family, pages: c.pages, cited_by: c.cited_by}] AS citations,
       properties(d) AS props
"""

EXPORT_SOURCE_FILES = """
MATCH (f:SourceFile)
RETURN f.path AS path, f.sha256 AS sha256, f.kind AS kind, f.records AS records,
       [(k:Case)-[:FROM_FILE]->(f) | k.case_id] AS case_ids
ORDER BY path
"""

# Everything that defines the graph's content, in a stable order, for a canonical hash:
# node properties and relationships by key. Left out: when a file was loaded, and the embedding
# (the same text embedded in another batch differs in the 7th digit; its presence is kept).
CANONICAL_NODES = """
MATCH (n)
WITH n, labels(n)[0] AS label,
     [key IN keys(n) WHERE NOT key IN ['ingested_at', 'rationale_embedding'] | [key, n[key]]]
     + [['has_embedding', n.rationale_embedding IS NOT NULL]] AS props
RETURN label, props
"""

CANONICAL_RELATIONSHIPS = """
MATCH (a)-[r]->(b)
RETURN type(r) AS type,
       coalesce(a.decision_id, a.case_id, a.patient_id, a.profile_id, a.path, a.name) AS start,
       coalesce(b.decision_id, b.case_id, b.patient_id, b.profile_id, b.path, b.name) AS end,
       [key IN keys(r) | [key, r[key]]] AS props
"""

OUTCOME_COUNTS = (
    "MATCH (d:Decision) RETURN d.outcome AS outcome, count(*) AS count ORDER BY count DESC"
)

# -- UI (ui/, graph/analytics.py, graph/decision.py) -------------------------------------------
# Every filterable value with how many decisions carry it, in one pass over the decisions: the
# search page's dropdowns. Diagnoses and guidelines are lists on the decision (one row each).
FACET_VALUES = """
MATCH (d:Decision)
UNWIND [['outcome', d.outcome], ['category', d.category], ['service', d.service],
        ['region', d.body_region], ['specialty', d.reviewer_specialty],
        ['source', d.source_kind]]
       + [x IN coalesce(d.diagnoses, []) | ['diagnosis', x]]
       + [x IN coalesce(d.guidelines, []) | ['guideline', x]] AS pair
WITH pair[0] AS facet, pair[1] AS value
WHERE value IS NOT NULL AND value <> ''
RETURN facet, value, count(*) AS count
ORDER BY facet, count DESC, value
"""

# The ranges the date and age filters can span, and how many decisions there are.
FACET_RANGES = """
MATCH (d:Decision)
RETURN count(d) AS decisions, count(DISTINCT d.case_id) AS cases,
       toString(min(d.decision_date)) AS date_min, toString(max(d.decision_date)) AS date_max,
       min(d.age_low) AS age_min, max(d.age_high) AS age_max
"""

# Outcome counts per value of one dimension. The dimension's key expression is one of the fixed
# expressions below (never user text); $source optionally narrows to dwc or dmhc.
_OUTCOME_COUNTS = """count(d) AS total,
       count(CASE WHEN d.outcome = 'upheld' THEN 1 END) AS upheld,
       count(CASE WHEN d.outcome = 'overturned' THEN 1 END) AS overturned,
       count(CASE WHEN d.outcome = 'partially overturned' THEN 1 END) AS partially_overturned"""
_OUTCOME_RATES_TEMPLATE = (
    """
MATCH (d:Decision)
WHERE $source IS NULL OR d.source_kind = $source
UNWIND {keys} AS key
WITH key, d
WHERE key IS NOT NULL AND key <> ''
RETURN key, """
    + _OUTCOME_COUNTS
    + """
ORDER BY total DESC, key
LIMIT $limit
"""
)
OUTCOME_RATE_KEYS: dict[str, str] = {
    "category": "[d.category]",
    "service": "[d.service]",
    "guideline": "coalesce(d.guidelines, [])",
    "year": "[toString(d.decision_date.year)]",
    "specialty": "[d.reviewer_specialty]",
}
OUTCOME_RATES: dict[str, str] = {
    by: _OUTCOME_RATES_TEMPLATE.replace("{keys}", keys) for by, keys in OUTCOME_RATE_KEYS.items()
}

# -- per-service analytics (graph/analytics.py: service_analytics) ------------------------------
# The decisions of one canonical service: an index seek on Decision.service, not a scan.
_SERVICE_DECISIONS = """
MATCH (d:Decision {service: $service})
WHERE $source IS NULL OR d.source_kind = $source
"""

# How many decisions of the service there are, and its category.
SERVICE_SUMMARY = (
    _SERVICE_DECISIONS + "RETURN head(collect(DISTINCT d.category)) AS category, " + _OUTCOME_COUNTS
)

# Each guideline the service's decisions cite, with the pages as written and who cited it
# (reviewer or claims administrator), by the outcome of the citing decisions.
SERVICE_GUIDELINE_OUTCOMES = (
    _SERVICE_DECISIONS
    + """MATCH (d)-[c:CITES]->(g:Guideline)
WITH g, c.pages AS pages, c.cited_by AS cited_by, d
RETURN g.name AS guideline, g.family AS family, pages, cited_by, """
    + _OUTCOME_COUNTS
    + """
ORDER BY total DESC, guideline, cited_by, pages
"""
)

# Outcome counts of the service's decisions per decision year / reviewer specialty (all values:
# one service has few of either).
SERVICE_OUTCOME_RATE_KEYS: dict[str, str] = {
    "year": OUTCOME_RATE_KEYS["year"],
    "specialty": OUTCOME_RATE_KEYS["specialty"],
}
SERVICE_OUTCOME_RATES: dict[str, str] = {
    by: _SERVICE_DECISIONS
    + f"UNWIND {keys} AS key\nWITH key, d\nWHERE key IS NOT NULL AND key <> ''\n"
    + "RETURN key, "
    + _OUTCOME_COUNTS
    + "\nORDER BY total DESC, key"
    for by, keys in SERVICE_OUTCOME_RATE_KEYS.items()
}

# The requested-service vocabulary with how many decisions ask for each (to resolve a typed
# service name, and to name the choices when it matches none).
SERVICE_NAMES = """
MATCH (s:RequestedService)
RETURN s.name AS service, COUNT { (s)<-[:REQUESTS]-(:Decision) } AS decisions
ORDER BY decisions DESC, service
"""

# One decision with its case, patient, reviewer, citations and the other items of its letter.
DECISION_DETAIL = """
MATCH (k:Case)-[:HAS_DECISION]->(d:Decision {decision_id: $decision_id})
OPTIONAL MATCH (k)-[:CONCERNS]->(p:Patient)
OPTIONAL MATCH (k)-[:REVIEWED_BY]->(r:ReviewerProfile)
RETURN d {.decision_id, .case_id, .item_number, .item_text, .service, .category, .body_region,
          .outcome, .quantity, .frequency, .duration, .rationale, .source_kind, .diagnoses,
          decision_date: toString(d.decision_date)} AS decision,
       k {.case_id, .source, .layout, .summary, .dispute_type, .diagnosis_category, .warnings,
          ur_date: toString(k.ur_date)} AS case_info,
       CASE WHEN p IS NULL THEN null
            ELSE p {.age, .sex, .age_range, injury_date: toString(p.injury_date),
                    diagnoses: [(p)-[:HAS_DIAGNOSIS]->(x:Diagnosis) | x.name]} END AS patient,
       CASE WHEN r IS NULL THEN null ELSE r {.specialty, .license_state} END AS reviewer,
       [(d)-[c:CITES]->(g:Guideline) |
          {name: g.name, family: g.family, pages: c.pages, cited_by: c.cited_by}] AS citations,
       [(k)-[:HAS_DECISION]->(o:Decision) WHERE o <> d |
          {decision_id: o.decision_id, item_number: o.item_number, item_text: o.item_text,
           service: o.service, outcome: o.outcome}] AS siblings,
       [(k)-[:FROM_FILE]->(f:SourceFile) | f {.path, .sha256, .kind}] AS source_files
"""

# What an id typed on the decision page names: a decision id first, else a case (an IMR case
# number or a DMHC Reference ID) with its decisions. $ids holds the spellings to try
# (graph/decision.py: id_spellings), each an index seek on a unique key.
DECISION_BY_ID = """
UNWIND $ids AS id
MATCH (d:Decision {decision_id: id})
RETURN d.decision_id AS decision_id, d.case_id AS case_id
LIMIT 1
"""
CASE_DECISIONS = """
UNWIND $ids AS id
MATCH (k:Case {case_id: id})
WITH k LIMIT 1
MATCH (k)-[:HAS_DECISION]->(d:Decision)
RETURN k.case_id AS case_id, d.decision_id AS decision_id, d.item_number AS item_number,
       d.item_text AS item_text, d.service AS service, d.outcome AS outcome
ORDER BY d.item_number, d.decision_id
"""

# The neighbourhood of a decision as (source, relationship, target) rows: its case, patient,
# diagnoses, reviewer, service and category, guidelines and region, plus the given similar
# decisions with their edges to the same service, guidelines and region. A similar decision that
# shares none of them still comes back once, with a null relationship, so it can be drawn.
_NODE_VIEW = (
    "{{label: labels({v})[0], decision_id: {v}.decision_id, case_id: {v}.case_id, "
    "patient_id: {v}.patient_id, profile_id: {v}.profile_id, name: {v}.name, "
    "outcome: {v}.outcome, service: {v}.service, item_text: {v}.item_text, age: {v}.age, "
    "sex: {v}.sex, specialty: {v}.specialty, family: {v}.family}}"
)
DECISION_NEIGHBOURHOOD = (
    """
MATCH (k:Case)-[:HAS_DECISION]->(d:Decision {decision_id: $decision_id})
CALL (k, d) {
  MATCH (k)-[rel:HAS_DECISION]->(d) RETURN k AS a, rel, d AS b
  UNION ALL
  MATCH (k)-[rel:CONCERNS|REVIEWED_BY]->(b) RETURN k AS a, rel, b
  UNION ALL
  MATCH (k)-[:CONCERNS]->(a:Patient)-[rel:HAS_DIAGNOSIS]->(b:Diagnosis) RETURN a, rel, b
  UNION ALL
  MATCH (d)-[rel:REQUESTS|CITES|CONCERNS_REGION]->(b) RETURN d AS a, rel, b
  UNION ALL
  MATCH (d)-[:REQUESTS]->(a:RequestedService)-[rel:IN_CATEGORY]->(b:ServiceCategory)
  RETURN a, rel, b
  UNION ALL
  MATCH (a:Decision)-[rel:REQUESTS|CITES|CONCERNS_REGION]->(b)
  WHERE a.decision_id IN $similar_ids AND a <> d
    AND EXISTS { (d)-[:REQUESTS|CITES|CONCERNS_REGION]->(b) }
  RETURN a, rel, b
  UNION ALL
  MATCH (a:Decision) WHERE a.decision_id IN $similar_ids AND a <> d
  RETURN a, null AS rel, null AS b
}
RETURN """
    + _NODE_VIEW.format(v="a")
    + """ AS source,
       type(rel) AS type, properties(rel) AS props,
       CASE WHEN b IS NULL THEN null ELSE """
    + _NODE_VIEW.format(v="b")
    + """ END AS target
"""
)

# -- the console's own guard (graph/console.py), never user text --------------------------------
# Its transactions carry {imr_console: token} as metadata, so the watchdog finds the one to stop
# and a new query can see that an earlier one is still being evaluated after it was terminated.
CONSOLE_TRANSACTIONS = """
SHOW TRANSACTIONS YIELD transactionId, metaData, status, elapsedTime
WHERE metaData.imr_console IS NOT NULL
RETURN transactionId AS id, metaData.imr_console AS token, status,
       elapsedTime.seconds AS elapsed_s
"""
TERMINATE_TRANSACTIONS = "TERMINATE TRANSACTIONS $ids"

# Example questions for the read-only console (user-visible Cypher; the UI only shows them).
CONSOLE_EXAMPLES: dict[str, str] = {
    "Overturn rate of lumbar MRI requests by year": """\
MATCH (d:Decision {service: 'mri', body_region: 'lumbar spine'})
RETURN d.decision_date.year AS year, count(*) AS decisions,
       round(100.0 * count(CASE WHEN d.outcome = 'overturned' THEN 1 END) / count(*), 1)
         AS overturned_pct
ORDER BY year""",
    "Guideline pages most cited in upheld physical therapy denials": """\
MATCH (d:Decision {service: 'physical therapy', outcome: 'upheld'})-[c:CITES]->(g:Guideline)
RETURN g.name AS guideline, c.pages AS pages, c.cited_by AS cited_by, count(*) AS citations
ORDER BY citations DESC
LIMIT 20""",
    "Outcomes per treatment category": """\
MATCH (d:Decision)
RETURN d.category AS category, d.outcome AS outcome, count(*) AS decisions
ORDER BY category, decisions DESC""",
    "Reviewer specialties deciding a service ($service)": """\
MATCH (k:Case)-[:HAS_DECISION]->(d:Decision {service: $service})
MATCH (k)-[:REVIEWED_BY]->(r:ReviewerProfile)
RETURN r.specialty AS specialty, count(*) AS decisions,
       count(CASE WHEN d.outcome = 'overturned' THEN 1 END) AS overturned
ORDER BY decisions DESC""",
    "Diagnoses behind overturned surgery requests": """\
MATCH (k:Case)-[:HAS_DECISION]->(d:Decision {category: 'surgery', outcome: 'overturned'})
MATCH (k)-[:CONCERNS]->(:Patient)-[:HAS_DIAGNOSIS]->(x:Diagnosis)
RETURN x.name AS diagnosis, count(DISTINCT d) AS decisions
ORDER BY decisions DESC
LIMIT 20""",
    "Nodes per label": """\
MATCH (n)
RETURN labels(n)[0] AS label, count(*) AS nodes
ORDER BY nodes DESC""",
}
# Parameters the examples above need, as the console's key=value lines would give them.
CONSOLE_EXAMPLE_PARAMS: dict[str, dict[str, object]] = {
    "Reviewer specialties deciding a service ($service)": {"service": "acupuncture"},
}


def decisions_by_filter(active: Iterable[str]) -> str:
    """Decisions matching the filters alone (a search without query text), newest first."""
    return f"""
MATCH (d:Decision)
WHERE {decision_filter(active)}
RETURN d.decision_id AS decision_id
ORDER BY d.decision_date DESC, d.decision_id
LIMIT $limit
"""


# Files already loaded with the same content (the upload page skips them).
SOURCE_FILES_BY_SHA256 = """
UNWIND $hashes AS sha
MATCH (f:SourceFile {sha256: sha})
RETURN sha AS sha256, min(f.path) AS path
"""
