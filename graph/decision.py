"""One decision in full, and its neighbourhood in the graph, for the UI's decision page.

found = find_decision(driver, "neo4j", "cm13-0012345")   # a decision id, or a case's first item
detail = decision_detail(driver, "neo4j", found.decision_id)
hood = neighbourhood(driver, "neo4j", detail.decision_id, similar_ids=["CM14-0000001:2"])
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from neo4j import Driver

from graph import queries
from graph.errors import InvalidRequestError, NotFoundError
from graph.reads import read
from graph.search import Citation

MAX_SIMILAR = 50
MAX_ID_CHARS = 200
_ROW_SUFFIX = re.compile(r"#row=(\d+)$")
# An IMR case number anywhere in the text ("Case Number: cm13-0012345" → CM13-0012345).
_CASE_NUMBER = re.compile(r"\bCM\d{2}-\d{5,8}\b", re.IGNORECASE)
_DOC_ID = re.compile(r"^doc-([0-9a-f]{16})((?::\d+)?)$", re.IGNORECASE)


@dataclass(frozen=True)
class PatientInfo:
    age: int | None
    sex: str | None
    age_range: str | None
    injury_date: str | None


@dataclass(frozen=True)
class ReviewerInfo:
    specialty: str | None
    license_state: str | None


@dataclass(frozen=True)
class SiblingItem:
    """Another disputed item of the same letter."""

    decision_id: str
    item_number: int | None
    item_text: str
    service: str | None
    outcome: str | None


@dataclass(frozen=True)
class SourceFileInfo:
    """The file a case was loaded from, as its SourceFile node records it."""

    path: str
    sha256: str | None
    kind: str | None  # "letter" or "dmhc-csv"


@dataclass(frozen=True)
class Lookup:
    """What an id typed on the decision page names: the decision to show, and when the id was
    a case's, every decision of that case."""

    looked_up: str
    decision_id: str
    case_id: str
    case_items: list[SiblingItem] = field(default_factory=list)

    @property
    def is_case(self) -> bool:
        return bool(self.case_items)


@dataclass(frozen=True)
class DecisionDetail:
    decision_id: str
    case_id: str
    item_number: int | None
    item_text: str
    service: str
    category: str
    body_region: str | None
    outcome: str | None
    quantity: int | None
    frequency: str | None
    duration: str | None
    rationale: str
    decision_date: str | None
    ur_date: str | None
    source: str | None
    source_kind: str | None
    layout: str | None
    summary: str | None
    dispute_type: str | None
    diagnosis_category: str | None
    diagnoses: list[str]
    patient: PatientInfo | None
    reviewer: ReviewerInfo | None
    citations: list[Citation]
    siblings: list[SiblingItem]
    warnings: list[str] = field(default_factory=list)
    source_file: SourceFileInfo | None = None

    @property
    def row_number(self) -> int | None:
        """The DMHC CSV row of this case (its source is `<file>#row=N`), else None."""
        match = _ROW_SUFFIX.search(self.source or "")
        return int(match.group(1)) if match else None


@dataclass(frozen=True)
class GraphNode:
    key: str  # unique within the neighbourhood: label + stable id
    label: str  # the node label (Case, Decision, Guideline, ...)
    caption: str
    properties: dict[str, Any]


@dataclass(frozen=True)
class GraphEdge:
    source: str
    target: str
    type: str
    caption: str


@dataclass(frozen=True)
class Neighbourhood:
    nodes: list[GraphNode]
    edges: list[GraphEdge]


def decision_detail(driver: Driver, database: str, decision_id: str) -> DecisionDetail:
    if not decision_id or not decision_id.strip():
        raise InvalidRequestError("no decision id given")
    records = read(driver, database, queries.DECISION_DETAIL, {"decision_id": decision_id})
    if not records:
        raise NotFoundError(
            f"No decision with id {decision_id!r}: it may have been re-ingested under another id; "
            "search for it again"
        )
    record = records[0]
    d, case, patient, reviewer = (
        record["decision"],
        record["case_info"],
        record["patient"],
        record["reviewer"],
    )
    diagnoses = (patient or {}).get("diagnoses") or d.get("diagnoses") or []
    siblings = sorted(
        (SiblingItem(**s) for s in record["siblings"]),
        key=lambda s: (s.item_number or 0, s.decision_id),
    )
    return DecisionDetail(
        decision_id=d["decision_id"],
        case_id=d["case_id"],
        item_number=d["item_number"],
        item_text=d["item_text"] or "",
        service=d["service"] or "",
        category=d["category"] or "",
        body_region=d["body_region"],
        outcome=d["outcome"],
        quantity=d["quantity"],
        frequency=d["frequency"],
        duration=d["duration"],
        rationale=d["rationale"] or "",
        decision_date=d["decision_date"],
        ur_date=case["ur_date"],
        source=case["source"],
        source_kind=d["source_kind"],
        layout=case["layout"],
        summary=case["summary"],
        dispute_type=case["dispute_type"],
        diagnosis_category=case["diagnosis_category"],
        diagnoses=sorted(diagnoses),
        patient=(
            PatientInfo(
                age=patient["age"],
                sex=patient["sex"],
                age_range=patient["age_range"],
                injury_date=patient["injury_date"],
            )
            if patient
            else None
        ),
        reviewer=ReviewerInfo(**reviewer) if reviewer else None,
        citations=sorted(
            (Citation(**c) for c in record["citations"]),
            key=lambda c: (c.cited_by != "reviewer", c.name),
        ),
        siblings=siblings,
        warnings=list(case["warnings"] or []),
        source_file=next(
            (SourceFileInfo(f["path"], f["sha256"], f["kind"]) for f in record["source_files"]),
            None,
        ),
    )


def id_spellings(text: str) -> list[str]:
    """The ids a typed text may mean, as stored: as typed, upper case (case numbers and DMHC
    reference ids are stored upper case), a case number found inside a longer text, and a
    document id's DOC- prefix upper case with its hex digits lower case."""
    typed = " ".join(text.split())
    spellings = [typed, typed.upper()]
    spellings += [m.group(0).upper() for m in _CASE_NUMBER.finditer(typed)]
    doc = _DOC_ID.match(typed)
    if doc:
        spellings.append(f"DOC-{doc.group(1).lower()}{doc.group(2)}")
    return list(dict.fromkeys(s for s in spellings if s))


def find_decision(driver: Driver, database: str, text: str) -> Lookup:
    """A decision id (`CM13-0012345:1`), else a case id (`CM13-0012345`, a DMHC Reference ID,
    `DOC-…`): the decision to open, and for a case all its decisions (item order)."""
    typed = (text or "").strip()
    if not typed:
        raise InvalidRequestError("no decision or case id given")
    if len(typed) > MAX_ID_CHARS:
        raise InvalidRequestError(f"an id is at most {MAX_ID_CHARS} characters long")
    ids = id_spellings(typed)
    found = read(driver, database, queries.DECISION_BY_ID, {"ids": ids})
    if found:
        return Lookup(typed, found[0]["decision_id"], found[0]["case_id"])
    records = read(driver, database, queries.CASE_DECISIONS, {"ids": ids})
    if records:
        items = [
            SiblingItem(
                decision_id=r["decision_id"],
                item_number=r["item_number"],
                item_text=r["item_text"] or "",
                service=r["service"],
                outcome=r["outcome"],
            )
            for r in records
        ]
        return Lookup(typed, items[0].decision_id, records[0]["case_id"], items)
    raise NotFoundError(
        f"No decision with id {typed!r}, nor a case with that number (looked up as a decision "
        "id like CM13-0012345:1, and as an IMR case number or DMHC Reference ID): check the id, "
        "or search for the request on the Search page"
    )


def _node_key(view: dict[str, Any]) -> str:
    ident = next(
        view[k]
        for k in ("decision_id", "case_id", "patient_id", "profile_id", "name")
        if view.get(k) is not None
    )
    return f"{view['label']}:{ident}"


def _caption(view: dict[str, Any]) -> str:
    label = view["label"]
    if label == "Decision":
        return f"{view.get('service') or 'decision'} · {view.get('outcome') or '?'}"
    if label == "Case":
        return str(view["case_id"])
    if label == "Patient":
        parts = [str(view["age"]) if view.get("age") is not None else None, view.get("sex")]
        return " ".join(p for p in parts if p) or "patient"
    if label == "ReviewerProfile":
        return view.get("specialty") or "reviewer"
    return str(view.get("name") or label)


def _edge_caption(rel_type: str, props: dict[str, Any] | None) -> str:
    props = props or {}
    if rel_type == "CITES":
        by = "reviewer" if props.get("cited_by") == "reviewer" else "claims admin"
        pages = f" p. {props['pages']}" if props.get("pages") else ""
        return f"cited by {by}{pages}"
    return rel_type.replace("_", " ").lower()


def neighbourhood(
    driver: Driver, database: str, decision_id: str, similar_ids: list[str] | tuple[str, ...] = ()
) -> Neighbourhood:
    """The decision's case, patient, diagnoses, reviewer, service, category, guidelines, region,
    and the given similar decisions (linked to the entities they share, and by a SIMILAR_TO
    edge from the decision, which is not stored in the graph: it is the search's verdict)."""
    if len(similar_ids) > MAX_SIMILAR:
        raise InvalidRequestError(f"at most {MAX_SIMILAR} similar decisions can be drawn")
    records = read(
        driver,
        database,
        queries.DECISION_NEIGHBOURHOOD,
        {"decision_id": decision_id, "similar_ids": list(similar_ids)},
    )
    if not records:
        raise NotFoundError(f"No decision with id {decision_id!r}")
    nodes: dict[str, GraphNode] = {}
    edges: dict[tuple[str, str, str, str], GraphEdge] = {}

    def add_node(view: dict[str, Any]) -> str:
        key = _node_key(view)
        if key not in nodes:
            props = {k: v for k, v in view.items() if v is not None and k != "label"}
            nodes[key] = GraphNode(key, view["label"], _caption(view), props)
        return key

    for record in records:
        source = add_node(record["source"])
        if record["type"] is None:
            continue
        target = add_node(record["target"])
        caption = _edge_caption(record["type"], record["props"])
        edges.setdefault(
            (source, target, record["type"], caption),
            GraphEdge(source, target, record["type"], caption),
        )
    centre = f"Decision:{decision_id}"
    for similar in similar_ids:
        key = f"Decision:{similar}"
        if key in nodes and key != centre:
            edges.setdefault(
                (centre, key, "SIMILAR_TO", "similar"),
                GraphEdge(centre, key, "SIMILAR_TO", "similar"),
            )
    return Neighbourhood(nodes=list(nodes.values()), edges=list(edges.values()))
