"""Parsed documents + embeddings → CSV files for `neo4j-admin database import full`.

The offline twin of ingest.load for first loads of millions of decisions: the same row builders
(case_row, decision_rows, source_file_row) give every property, and this module only lays them out
as the import tool's node and relationship files, so the imported graph equals the one the online
loader MERGEs — same labels, keys, property types, relationships and relationship properties.

What the Cypher's MERGE does for free is done here: shared nodes (diagnoses, services, categories,
regions, guidelines, reviewer profiles) are written once; a Guideline keeps the family it was
first seen with (ON CREATE SET), a ReviewerProfile the values it was last seen with (SET), a CITES
relationship exists once per (decision, guideline, cited_by) with the last pages. Rows stream to
the files; memory holds only those dedup sets and the case ids.

The one thing the import format cannot say is an empty list (the tool reads an empty array field
as "no property"): the writer records which list properties had one, and imr.bulkload sets them
back to [] after the import (queries.fill_empty_list). A case id seen twice fails its file (the
online loader would replace the earlier version): load such a file with `imr ingest --force`
after the bulk load.
"""

from __future__ import annotations

import datetime as dt
import shlex
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, cast

import numpy as np
from neo4j import Driver

from graph.errors import ConfigurationError
from ingest.embed import Embedder
from ingest.load import (
    SourceBatchFile,
    case_row,
    decision_rows,
    source_file_row,
)
from ingest.pipeline import IngestJob, IngestOptions, ProgressCallback

# Unit separator: never in letter text, so a list element cannot be split by accident.
ARRAY_DELIMITER = "\x1f"
ARRAY_DELIMITER_OPTION = "U+001F"


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # the import tool's type: string, long, date, datetime, string[], float[]


def _columns(spec: str) -> tuple[Column, ...]:
    return tuple(
        Column(*part.split(":")) if ":" in part else Column(part, "string") for part in spec.split()
    )


# Node label → columns, the key first. The names must be exactly the row builders' keys (checked
# on every row), so a property added to ingest.load without a column here fails loudly.
NODE_COLUMNS: dict[str, tuple[Column, ...]] = {
    "Case": _columns(
        "case_id decision_date:date ur_date:date source source_kind layout doc_sha256 summary "
        "warnings:string[] dispute_type diagnosis_category"
    ),
    "Patient": _columns("patient_id age:long sex injury_date:date age_range"),
    "Diagnosis": _columns("name"),
    "ReviewerProfile": _columns("profile_id specialty license_state"),
    "SourceFile": _columns("path sha256 kind records:long ingested_at:datetime"),
    "Decision": _columns(
        "decision_id decision_date:date rationale_embedding:float[] case_id item_number:long "
        "item_text service category body_region outcome quantity:long frequency duration rationale "
        "decision_year:long source source_kind diagnosis_text diagnoses:string[] "
        "guidelines:string[] reviewer_specialty patient_age:long patient_sex age_range "
        "age_low:long age_high:long"
    ),
    "RequestedService": _columns("name"),
    "ServiceCategory": _columns("name"),
    "BodyRegion": _columns("name"),
    "Guideline": _columns("name family"),
}

# Relationship type → (start label, end label, property columns), as LOAD_CASES/LOAD_DECISIONS.
RELATIONSHIPS: dict[str, tuple[str, str, tuple[Column, ...]]] = {
    "CONCERNS": ("Case", "Patient", ()),
    "HAS_DIAGNOSIS": ("Patient", "Diagnosis", ()),
    "REVIEWED_BY": ("Case", "ReviewerProfile", ()),
    "FROM_FILE": ("Case", "SourceFile", ()),
    "HAS_DECISION": ("Case", "Decision", ()),
    "REQUESTS": ("Decision", "RequestedService", ()),
    "IN_CATEGORY": ("RequestedService", "ServiceCategory", ()),
    "CONCERNS_REGION": ("Decision", "BodyRegion", ()),
    "CITES": ("Decision", "Guideline", _columns("cited_by pages")),
}


def _node_header(label: str) -> str:
    key, *rest = NODE_COLUMNS[label]
    # The ID column doubles as the key property (stored as a string, as MERGE stored it).
    parts = [f"{key.name}:ID({label})"]
    parts += [c.name if c.kind == "string" else f"{c.name}:{c.kind}" for c in rest]
    return ",".join(parts)


def _relationship_header(rel_type: str) -> str:
    start, end, columns = RELATIONSHIPS[rel_type]
    parts = [f":START_ID({start})", f":END_ID({end})"] + [c.name for c in columns]
    return ",".join(parts)


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _field(value: Any, column: Column) -> str:
    """One CSV field. None is an empty field (no property, as SET x = null); "" is quoted, and
    the tool stores it as the empty string the online loader stores."""
    if value is None:
        if column.kind.endswith("[]"):
            # An empty field already means []; a None list would be indistinguishable.
            raise ValueError(f"{column.name} is null where the loader always has a list")
        return ""
    kind = column.kind
    if kind == "string":
        if not isinstance(value, str):
            raise ValueError(f"{column.name} is {type(value).__name__}, not text")
        return _quote(value)
    if kind == "long":
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValueError(f"{column.name} is {type(value).__name__}, not an integer")
        return str(value)
    if kind == "date":
        # Cypher's date() would accept more spellings; the parsers write ISO dates only, and a
        # bad one must fail this document, not the whole import.
        if not isinstance(value, str) or len(value) != 10:
            raise ValueError(f"{column.name} {value!r} is not an ISO date (YYYY-MM-DD)")
        dt.date.fromisoformat(value)
        return value
    if kind == "datetime":
        return str(value)
    if kind == "string[]":
        for element in value:
            if not isinstance(element, str) or not element or ARRAY_DELIMITER in element:
                raise ValueError(f"{column.name} holds {element!r}, which a CSV list cannot")
        return _quote(ARRAY_DELIMITER.join(value)) if value else ""
    if kind == "float[]":
        # 9 significant digits give back the exact float32 the vector property stores.
        return ARRAY_DELIMITER.join(f"{x:.9g}" for x in value)
    raise ValueError(f"unknown column type {kind}")


def _line(values: dict[str, Any], columns: Sequence[Column], label: str) -> str:
    if values.keys() != {c.name for c in columns}:
        raise ValueError(
            f"{label} properties {sorted(values)} differ from the bulk CSV columns "
            f"{sorted(c.name for c in columns)}: update ingest.bulk_csv.NODE_COLUMNS"
        )
    return ",".join(_field(values[c.name], c) for c in columns) + "\n"


@dataclass
class ImportPlan:
    """The files written and the neo4j-admin arguments that import them."""

    csv_dir: Path
    node_files: dict[str, Path]
    relationship_files: dict[str, Path]
    multiline_files: list[Path]
    counts: Counter[str]
    empty_lists: set[tuple[str, str]]  # (label, property) that have [] values to restore

    def admin_arguments(self, database: str, report_file: Path | None = None) -> list[str]:
        """`neo4j-admin` arguments for a full import into `database` (replacing its store)."""
        arguments = [
            "database",
            "import",
            "full",
            database,
            "--overwrite-destination=true",
            f"--array-delimiter={ARRAY_DELIMITER_OPTION}",
        ]
        if self.multiline_files:
            arguments += [
                "--multiline-fields-format=v2",
                "--multiline-fields=" + ",".join(str(p) for p in self.multiline_files),
            ]
        arguments += [f"--nodes={label}={path}" for label, path in self.node_files.items()]
        arguments += [
            f"--relationships={rel_type}={path}"
            for rel_type, path in self.relationship_files.items()
        ]
        if report_file is not None:
            arguments.append(f"--report-file={report_file}")
        return arguments

    def shell_command(self, database: str) -> str:
        """The same import as a command line to run on the server (bin/neo4j-admin)."""
        return "neo4j-admin " + shlex.join(self.admin_arguments(database))


@dataclass
class _Staged:
    """One batch's lines and new keys, committed only when every document of it rendered: the
    pipeline retries a failed batch file by file, and a half-written batch would duplicate rows."""

    lines: dict[str, list[str]] = field(default_factory=dict)
    seen: dict[str, set[Any]] = field(default_factory=dict)
    guidelines: dict[str, str | None] = field(default_factory=dict)
    reviewers: dict[str, dict[str, Any]] = field(default_factory=dict)
    empty_lists: set[tuple[str, str]] = field(default_factory=set)
    multiline: set[str] = field(default_factory=set)


class BulkCsvWriter:
    """Node and relationship CSV files in `csv_dir`, one per label and per type."""

    def __init__(self, csv_dir: Path, ingested_at: dt.datetime | None = None) -> None:
        self.csv_dir = csv_dir
        csv_dir.mkdir(parents=True, exist_ok=True)
        stamp = ingested_at or dt.datetime.now(dt.UTC)
        self.ingested_at = stamp.isoformat(timespec="milliseconds").replace("+00:00", "Z")
        self.node_files = {label: csv_dir / f"nodes-{label}.csv" for label in NODE_COLUMNS}
        self.relationship_files = {t: csv_dir / f"rels-{t}.csv" for t in RELATIONSHIPS}
        self._handles: dict[str, IO[str]] = {}
        for name, path in [*self.node_files.items(), *self.relationship_files.items()]:
            handle = path.open("w", encoding="utf-8", newline="")
            header = _node_header(name) if name in NODE_COLUMNS else _relationship_header(name)
            handle.write(header + "\n")
            self._handles[name] = handle
        self._seen: dict[str, set[Any]] = {}
        self._guidelines: set[str] = set()
        # Last one wins (the loader SETs them on every row): written at close, a few hundred.
        self._reviewers: dict[str, dict[str, Any]] = {}
        self.counts: Counter[str] = Counter()
        self.empty_lists: set[tuple[str, str]] = set()
        self._multiline: set[str] = set()
        self.closed = False

    # -- writing -----------------------------------------------------------------------------
    def write_batch(
        self, files: Sequence[SourceBatchFile], embeddings: dict[str, np.ndarray]
    ) -> None:
        """Render a batch (ValueError: a document the graph model cannot hold), then write it."""
        staged = _Staged()
        for source_file in files:
            self._stage_file(staged, source_file, embeddings)
        for name, lines in staged.lines.items():
            self._handles[name].writelines(lines)
            self.counts[name] += len(lines)
        for kind, keys in staged.seen.items():
            self._seen.setdefault(kind, set()).update(keys)
        self._guidelines.update(staged.guidelines)
        self._reviewers.update(staged.reviewers)
        self.empty_lists |= staged.empty_lists
        self._multiline |= staged.multiline

    def _is_new(self, staged: _Staged, kind: str, key: Any) -> bool:
        if key in self._seen.get(kind, ()) or key in staged.seen.get(kind, ()):
            return False
        staged.seen.setdefault(kind, set()).add(key)
        return True

    def _emit(self, staged: _Staged, name: str, values: dict[str, Any]) -> None:
        if name in NODE_COLUMNS:
            columns = NODE_COLUMNS[name]
            for column in columns:
                if column.kind == "string[]" and values.get(column.name) == []:
                    staged.empty_lists.add((name, column.name))
        else:
            extra = RELATIONSHIPS[name][2]
            columns = (Column("start", "string"), Column("end", "string"), *extra)
        line = _line(values, columns, name)
        if "\n" in line[:-1] or "\r" in line:
            staged.multiline.add(name)
        staged.lines.setdefault(name, []).append(line)

    def _node_key(self, staged: _Staged, label: str, name: Any) -> str:
        if not isinstance(name, str):
            raise ValueError(f"a {label} needs a name, got {name!r}")
        if self._is_new(staged, label, name):
            self._emit(staged, label, {"name": name})
        return name

    def _stage_file(
        self,
        staged: _Staged,
        source_file: SourceBatchFile,
        embeddings: dict[str, np.ndarray],
    ) -> None:
        case_ids = []
        for document in source_file.documents:
            case = case_row(document, source_file.path)
            case_id = case["case_id"]
            if not self._is_new(staged, "Case", case_id):
                raise ValueError(
                    f"case id {case_id} occurs twice; load this file with `imr ingest --force` "
                    "after the bulk load (it replaces the earlier version)"
                )
            case_ids.append(case_id)
            self._stage_case(staged, case)
            for row in decision_rows(document, embeddings[document.source]):
                self._stage_decision(staged, row)
        file_row = source_file_row(source_file, case_ids)
        file_row.pop("case_ids")
        if self._is_new(staged, "SourceFile", file_row["path"]):
            self._emit(staged, "SourceFile", {**file_row, "ingested_at": self.ingested_at})
        for case_id in case_ids:
            self._emit(staged, "FROM_FILE", {"start": case_id, "end": file_row["path"]})

    def _stage_case(self, staged: _Staged, case: dict[str, Any]) -> None:
        case_id = case["case_id"]
        self._emit(
            staged,
            "Case",
            {
                "case_id": case_id,
                "decision_date": case["decision_date"],
                "ur_date": case["ur_date"],
                **case["props"],
            },
        )
        patient = case["patient"]
        self._emit(staged, "Patient", patient)
        self._emit(staged, "CONCERNS", {"start": case_id, "end": patient["patient_id"]})
        for name in case["diagnoses"]:
            self._node_key(staged, "Diagnosis", name)
            self._emit(staged, "HAS_DIAGNOSIS", {"start": patient["patient_id"], "end": name})
        reviewer = case["reviewer"]
        if reviewer is not None:
            staged.reviewers[reviewer["profile_id"]] = reviewer
            self._emit(staged, "REVIEWED_BY", {"start": case_id, "end": reviewer["profile_id"]})

    def _stage_decision(self, staged: _Staged, row: dict[str, Any]) -> None:
        decision_id = row["decision_id"]
        props = row["props"]
        self._emit(
            staged,
            "Decision",
            {
                "decision_id": decision_id,
                "decision_date": row["decision_date"],
                "rationale_embedding": row["embedding"],
                **props,
            },
        )
        self._emit(staged, "HAS_DECISION", {"start": row["case_id"], "end": decision_id})
        service = self._node_key(staged, "RequestedService", props["service"])
        category = self._node_key(staged, "ServiceCategory", props["category"])
        self._emit(staged, "REQUESTS", {"start": decision_id, "end": service})
        if self._is_new(staged, "IN_CATEGORY", (service, category)):
            self._emit(staged, "IN_CATEGORY", {"start": service, "end": category})
        if props["body_region"] is not None:
            region = self._node_key(staged, "BodyRegion", props["body_region"])
            self._emit(staged, "CONCERNS_REGION", {"start": decision_id, "end": region})
        # One CITES per guideline and citer, the last pages: decision_rows already gives them so
        # (unique_citations); kept because the import tool, unlike MERGE, would duplicate them.
        cites: dict[tuple[str, str], str | None] = {}
        for cite in row["citations"]:
            name, cited_by = cite["name"], cite["cited_by"]
            if not isinstance(name, str) or not isinstance(cited_by, str):
                raise ValueError(f"a citation needs a guideline name and a citer, got {cite!r}")
            if name not in self._guidelines and name not in staged.guidelines:
                staged.guidelines[name] = cite["family"]
                self._emit(staged, "Guideline", {"name": name, "family": cite["family"]})
            cites[(name, cited_by)] = cite["pages"]
        for (name, cited_by), pages in cites.items():
            self._emit(
                staged,
                "CITES",
                {"start": decision_id, "end": name, "cited_by": cited_by, "pages": pages},
            )

    # -- finishing ---------------------------------------------------------------------------
    def close(self) -> ImportPlan:
        if not self.closed:
            staged = _Staged()
            for reviewer in self._reviewers.values():
                self._emit(staged, "ReviewerProfile", reviewer)
            for name, lines in staged.lines.items():
                self._handles[name].writelines(lines)
                self.counts[name] += len(lines)
            self._multiline |= staged.multiline
            for handle in self._handles.values():
                handle.close()
            self.closed = True
        files = {**self.node_files, **self.relationship_files}
        return ImportPlan(
            csv_dir=self.csv_dir,
            node_files=dict(self.node_files),
            relationship_files=dict(self.relationship_files),
            multiline_files=[files[name] for name in sorted(self._multiline)],
            counts=Counter(self.counts),
            empty_lists=set(self.empty_lists),
        )

    def abort(self) -> None:
        for handle in self._handles.values():
            handle.close()
        self.closed = True


class BulkCsvJob(IngestJob):
    """The ingest job (discover, hash, parse ahead, embed through the cache, quarantine) with the
    CSV writer as its target instead of Neo4j: nothing is skipped, the database is new."""

    def __init__(
        self,
        writer: BulkCsvWriter,
        embedder: Embedder,
        options: IngestOptions,
        reports_dir: Path,
        progress: ProgressCallback | None = None,
    ) -> None:
        # No driver: _loaded and _store, the only users of it, are replaced below.
        super().__init__(cast(Driver, None), "", embedder, options, reports_dir, progress)
        self.writer = writer

    def _loaded(self, hashed: Iterable[tuple[Path, str]]) -> dict[str, tuple[str, int]]:
        return {}

    def _store(self, batch: list[SourceBatchFile], embeddings: dict) -> None:
        self.writer.write_batch(batch, embeddings)

    def _fatal_error(self, error: BaseException) -> Exception:
        return ConfigurationError(
            f"Could not write the bulk CSV files in {self.writer.csv_dir}: {error}"
        )
