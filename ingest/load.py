"""Typed records + embeddings → Neo4j, in UNWIND batches that MERGE on stable keys.

Stable keys make a re-ingest idempotent: ``case_id`` is the IMR case number (DMHC: the Reference
ID), or ``DOC-`` + the first 16 hex digits of the document's SHA-256 when the letter has none;
``decision_id`` is ``{case_id}:{item number}``. A batch is made of whole source files and is one
transaction, together with the files' ``SourceFile`` hash: a run killed at any point leaves each
file either fully loaded or not at all, and the rerun skips exactly the loaded ones.

Case ownership: a case belongs to the file that first loaded it (its one ``FROM_FILE``). Another
file carrying a case number that a different file owns is not loaded and not marked as loaded: it
is a conflict naming both paths (reported again on every run until one of them is fixed), or, when
its bytes equal the owner's, a duplicate that is skipped. A changed file replaces only the cases it
owns, and a case is deleted only when the file that owns it no longer carries it. The check runs in
the batch's write transaction; a case another ingest loaded from another file at the same moment
rolls the batch back and the retry reports the conflict.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from neo4j import Driver, ManagedTransaction, RoutingControl

from graph import queries
from ingest.records import GuidelineCitation, ParsedDocument

logger = logging.getLogger(__name__)


@dataclass
class SourceBatchFile:
    """One source file of a batch with the documents parsed from it."""

    path: str
    sha256: str
    kind: str  # "letter" or "dmhc-csv"
    documents: list[ParsedDocument] = field(default_factory=list)


@dataclass(frozen=True)
class RejectedFile:
    """A file of a batch left out because another file owns one of its cases."""

    path: str
    owner: str  # the path of the file that loaded the case first
    case_ids: tuple[str, ...]  # the file's cases that `owner` holds
    duplicate: bool  # the same bytes as the owner: a skip, not a conflict
    other_owned: int = 0  # more of its cases that still other files hold

    @property
    def reason(self) -> str:
        if self.duplicate:
            return f"the same content as '{self.owner}', which is loaded: skipped"
        shown = ", ".join(self.case_ids[:3])
        if len(self.case_ids) > 3:
            shown += f" and {len(self.case_ids) - 3} more"
        cases = f"case {shown} is" if len(self.case_ids) == 1 else f"cases {shown} are"
        others = (
            f" ({self.other_owned} more of its cases are loaded from other files)"
            if self.other_owned
            else ""
        )
        return (
            f"{cases} already loaded from '{self.owner}'{others}; '{self.path}' carries the "
            "same case number with different content, so it was not loaded and the graph keeps the "
            f"version from '{self.owner}'. If this file is the newer version of that letter, "
            f"copy it over '{self.owner}' and rerun (the case is then replaced); if they are "
            "different letters, correct the wrong case number. It is reported on every run "
            "until then"
        )


@dataclass(frozen=True)
class LoadCounts:
    files: int
    cases: int
    decisions: int
    rejected: tuple[RejectedFile, ...] = ()


class _ConcurrentOwner(Exception):
    """Another transaction loaded one of the batch's cases from another file meanwhile."""


class QuietVector(list):
    """An embedding as a plain list for Bolt, with a short repr.

    The driver renders every RUN's parameters with repr() for its debug log even when debug is
    off; 384 floats × thousands of decisions made that a third of the load time, and would flood
    any log that is on.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return f"<vector of {len(self)} floats>"


def case_id_of(document: ParsedDocument) -> str:
    if document.case_id:
        return document.case_id
    digest = document.doc_sha256 or hashlib.sha256(document.source.encode()).hexdigest()
    return f"DOC-{digest[:16]}"


def decision_id_of(case_id: str, item_number: int) -> str:
    return f"{case_id}:{item_number}"


def source_kind_of(document: ParsedDocument) -> str:
    return "dmhc" if document.layout == "dmhc-csv" else "dwc"


def _reviewer_row(document: ParsedDocument) -> dict[str, Any] | None:
    reviewer = document.reviewer
    if not reviewer.specialty and not reviewer.license_state:
        return None
    profile_id = f"{(reviewer.specialty or '?').lower()}|{(reviewer.license_state or '?').lower()}"
    return {
        "profile_id": profile_id,
        "specialty": reviewer.specialty,
        "license_state": reviewer.license_state,
    }


def case_row(document: ParsedDocument, file_path: str) -> dict[str, Any]:
    case_id = case_id_of(document)
    return {
        "case_id": case_id,
        "file": file_path,
        "decision_date": document.decision_date,
        "ur_date": document.ur_date,
        "props": {
            "source": document.source,
            "source_kind": source_kind_of(document),
            "layout": document.layout,
            "doc_sha256": document.doc_sha256,
            "summary": document.summary,
            "warnings": list(document.warnings),
            "dispute_type": document.dispute_type,
            "diagnosis_category": document.diagnosis_category,
        },
        "patient": {
            "patient_id": f"{case_id}:patient",
            "age": document.patient.age,
            "sex": document.patient.sex,
            "injury_date": document.patient.injury_date,
            "age_range": document.patient.age_range,
        },
        "diagnoses": list(dict.fromkeys(document.diagnoses)),
        "reviewer": _reviewer_row(document),
    }


def decision_rows(document: ParsedDocument, embeddings: np.ndarray) -> list[dict[str, Any]]:
    """One row per disputed item; the filterable facts are copied onto the Decision node so a
    filtered search is a single-node predicate."""
    case_id = case_id_of(document)
    reviewer = document.reviewer
    age_low, age_high = age_bounds(document)
    rows = []
    for number, (item, vector) in enumerate(zip(document.items, embeddings, strict=True), 1):
        decision_date = document.decision_date
        rows.append(
            {
                "case_id": case_id,
                "decision_id": decision_id_of(case_id, number),
                "decision_date": decision_date,
                "embedding": QuietVector(vector.tolist()),
                "citations": unique_citations(item.guidelines),
                "props": {
                    "case_id": case_id,
                    "item_number": number,
                    "item_text": item.text,
                    "service": item.service,
                    "category": item.category,
                    "body_region": item.body_region,
                    "outcome": item.outcome,
                    "quantity": item.quantity,
                    "frequency": item.frequency,
                    "duration": item.duration,
                    "rationale": item.rationale,
                    "decision_year": int(decision_date[:4]) if decision_date else None,
                    "source": document.source,
                    "source_kind": source_kind_of(document),
                    "diagnosis_text": "; ".join(document.diagnoses),
                    "diagnoses": list(document.diagnoses),
                    "guidelines": sorted({g.name for g in item.guidelines}),
                    "reviewer_specialty": reviewer.specialty,
                    "patient_age": document.patient.age,
                    "patient_sex": document.patient.sex,
                    "age_range": document.patient.age_range,
                    "age_low": age_low,
                    "age_high": age_high,
                },
            }
        )
    return rows


def unique_citations(guidelines: Sequence[GuidelineCitation]) -> list[dict[str, Any]]:
    """One CITES per (guideline, cited_by); a repeated citation keeps its last pages."""
    by_key = {
        (g.name, g.cited_by): {
            "name": g.name,
            "family": g.family,
            "pages": g.pages,
            "cited_by": g.cited_by,
        }
        for g in guidelines
    }
    return list(by_key.values())


def age_bounds(document: ParsedDocument) -> tuple[int | None, int | None]:
    """An exact age, else the DMHC age band ("41-50", "65+"), as bounds a filter can overlap."""
    if document.patient.age is not None:
        return document.patient.age, document.patient.age
    band = (document.patient.age_range or "").strip()
    numbers = [int(n) for n in re.findall(r"\d+", band)]
    if len(numbers) >= 2:
        return numbers[0], numbers[1]
    if len(numbers) == 1 and "+" in band:
        return numbers[0], 120
    if len(numbers) == 1:
        return (0, numbers[0]) if band.startswith(("<", "0")) else (numbers[0], numbers[0])
    return None, None


def source_file_row(source_file: SourceBatchFile, case_ids: list[str]) -> dict[str, Any]:
    """The SourceFile's content: its hash lets a later ingest skip the file unchanged."""
    return {
        "path": source_file.path,
        "sha256": source_file.sha256,
        "kind": source_file.kind,
        "records": len(source_file.documents),
        "case_ids": case_ids,
    }


def rationale_texts(document: ParsedDocument) -> list[str]:
    """What gets embedded for each item: the rationale, or the item text when there is none."""
    return [item.rationale or item.text for item in document.items]


def split_by_owner(
    files: Sequence[SourceBatchFile], owners: dict[str, list[tuple[str, str | None]]]
) -> tuple[list[SourceBatchFile], list[RejectedFile]]:
    """The files that may load, and those a case owned by another file keeps out.

    `owners` maps a case id already in the graph to the (path, sha256) of its file(s). Within a
    batch the earlier file (discovery order: sorted paths) claims a case first.
    """
    claimed = {case_id: list(found) for case_id, found in owners.items()}
    accepted: list[SourceBatchFile] = []
    rejected: list[RejectedFile] = []
    for source_file in files:
        case_ids = list(dict.fromkeys(case_id_of(d) for d in source_file.documents))
        foreign = [
            (case_id, claimed[case_id][0])
            for case_id in case_ids
            if case_id in claimed and all(path != source_file.path for path, _ in claimed[case_id])
        ]
        if foreign:
            owner_path, owner_sha = foreign[0][1]
            theirs = tuple(case_id for case_id, (path, _) in foreign if path == owner_path)
            rejected.append(
                RejectedFile(
                    path=source_file.path,
                    owner=owner_path,
                    case_ids=theirs,
                    duplicate=owner_sha == source_file.sha256,
                    other_owned=len(foreign) - len(theirs),
                )
            )
            continue
        accepted.append(source_file)
        for case_id in case_ids:
            claimed[case_id] = [(source_file.path, source_file.sha256)]
    return accepted, rejected


def _batch_parameters(
    files: Sequence[SourceBatchFile], embeddings: dict[str, np.ndarray]
) -> dict[str, Any]:
    cases: list[dict[str, Any]] = []
    decisions: list[dict[str, Any]] = []
    file_rows: list[dict[str, Any]] = []
    for source_file in files:
        case_ids = []
        for document in source_file.documents:
            row = case_row(document, source_file.path)
            cases.append(row)
            case_ids.append(row["case_id"])
            decisions += decision_rows(document, embeddings[document.source])
        file_rows.append(source_file_row(source_file, case_ids))
    # The same case twice in one file (a CSV row repeated): the last version wins, and
    # LOAD_DECISIONS may CREATE each decision's relationships.
    decisions = list({row["decision_id"]: row for row in decisions}.values())
    return {
        "case_ids": [c["case_id"] for c in cases],
        "cases": cases,
        "decisions": decisions,
        "files": file_rows,
    }


def _write_batch(
    tx: ManagedTransaction, files: Sequence[SourceBatchFile], embeddings: dict[str, np.ndarray]
) -> LoadCounts:
    all_case_ids = sorted({case_id_of(d) for f in files for d in f.documents})
    owners: dict[str, list[tuple[str, str | None]]] = {}
    for record in tx.run(queries.CASE_OWNERS, case_ids=all_case_ids):
        owners.setdefault(record["case_id"], []).append((record["path"], record["sha256"]))
    accepted, rejected = split_by_owner(files, owners)
    params = _batch_parameters(accepted, embeddings)
    if accepted:
        tx.run(queries.LOAD_DETACH_OLD_VERSION, case_ids=params["case_ids"]).consume()
        tx.run(queries.LOAD_CASES, cases=params["cases"]).consume()
        tx.run(
            queries.LOAD_VOCABULARY, queries.vocabulary_parameters(params["decisions"])
        ).consume()
        tx.run(queries.LOAD_DECISIONS, decisions=params["decisions"]).consume()
        tx.run(queries.LOAD_SOURCE_FILES, files=params["files"]).consume()
        shared = tx.run(queries.CASES_FROM_SEVERAL_FILES, case_ids=params["case_ids"]).data()
        if shared:
            raise _ConcurrentOwner(shared)
    return LoadCounts(
        files=len(accepted),
        cases=len(params["cases"]),
        decisions=len(params["decisions"]),
        rejected=tuple(rejected),
    )


# A race needs another ingest loading the same case from another file in the same instant; the
# retry sees that file as the owner and reports the conflict, so one retry is normally enough.
CONCURRENT_OWNER_ATTEMPTS = 3


def load_batch(
    driver: Driver,
    database: str,
    files: Sequence[SourceBatchFile],
    embeddings: dict[str, np.ndarray],
) -> LoadCounts:
    """Write whole files in one managed transaction (retried by the driver on transient errors).

    `embeddings` maps each document's source to its items' vectors. Files whose cases another
    file owns are left out and returned in `LoadCounts.rejected` (see the module doc).
    """
    with driver.session(database=database) as session:
        for attempt in range(1, CONCURRENT_OWNER_ATTEMPTS + 1):
            try:
                return session.execute_write(_write_batch, files, embeddings)
            except _ConcurrentOwner as race:
                logger.info("attempt %d: cases loaded from two files at once: %s", attempt, race)
    raise RuntimeError(
        f"cases of {', '.join(f.path for f in files)} kept being loaded from other files by "
        f"concurrent ingests ({CONCURRENT_OWNER_ATTEMPTS} attempts): rerun the ingest"
    )


def loaded_files(driver: Driver, database: str, paths: Sequence[str]) -> dict[str, tuple[str, int]]:
    """path → (sha256, number of records) of the files already in the graph."""
    records = driver.execute_query(
        queries.SOURCE_FILE_HASHES,
        {"paths": list(paths)},
        database_=database,
        routing_=RoutingControl.READ,
    ).records
    return {r["path"]: (r["sha256"], r["records"] or 0) for r in records if r["sha256"]}
