"""Uploaded files: checked (type, size — from the sizes the browser sent, before any file is
read), de-duplicated by content (against the graph and within the upload) before anything is
saved, saved under IMR_HOME/uploads/<random>/ with safe names, and the per-file outcome of their
ingest. Files that were not ingested are deleted afterwards; ingested ones stay (the decision page
can open the stored letter).

Names from a browser are untrusted: directories are stripped and only [A-Za-z0-9._-] is kept, so
nothing can be written outside the upload folder (no `..`, no absolute paths, no hidden files).
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar

from ingest.pipeline import SUPPORTED_SUFFIXES, IngestSummary

# Keep in step with server.maxUploadSize in .streamlit/config.toml (the browser-side limit).
MAX_FILE_MB = 25
MAX_TOTAL_MB = 200
MAX_FILES = 500
MAX_NAME_CHARS = 120
UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


class SizedFile(Protocol):
    """What the checks need: Streamlit's UploadedFile and :class:`Upload` both have it."""

    @property
    def name(self) -> str: ...

    @property
    def size(self) -> int: ...


@dataclass(frozen=True)
class Upload:
    name: str  # as the browser sent it
    data: bytes

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


F = TypeVar("F", bound=SizedFile)


@dataclass(frozen=True)
class FileOutcome:
    file: str
    status: str  # "ingested", "skipped" or "failed"
    records: int
    detail: str


def safe_name(name: str) -> str:
    """The last path component, with anything outside [A-Za-z0-9._-] replaced by '_'."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = UNSAFE.sub("_", base).lstrip(".-")  # no hidden files, no "..", no option-like names
    stem, dot, suffix = base.rpartition(".")
    if dot and len(base) > MAX_NAME_CHARS:
        base = stem[: MAX_NAME_CHARS - len(suffix) - 1] + "." + suffix
    return base[:MAX_NAME_CHARS] or "upload"


def check(files: Sequence[F]) -> tuple[list[F], list[FileOutcome]]:
    """Files that may be ingested, and the refused ones with the reason — from names and sizes
    only, so nothing over the limits is ever read into memory."""
    accepted: list[F] = []
    refused: list[FileOutcome] = []
    total = 0
    for file in files:
        suffix = Path(safe_name(file.name)).suffix.lower()
        size_mb = file.size / 1_000_000
        if suffix not in SUPPORTED_SUFFIXES:
            reason = f"not a .txt, .pdf or .csv file ({suffix or 'no extension'})"
        elif not file.size:
            reason = "the file is empty"
        elif size_mb > MAX_FILE_MB:
            reason = f"{size_mb:.1f} MB is over the {MAX_FILE_MB} MB limit per file"
        elif len(accepted) >= MAX_FILES:
            reason = f"more than {MAX_FILES} files at once: upload the rest separately"
        elif (total + file.size) / 1_000_000 > MAX_TOTAL_MB:
            reason = f"the upload would exceed {MAX_TOTAL_MB} MB in total: upload it separately"
        else:
            accepted.append(file)
            total += file.size
            continue
        refused.append(FileOutcome(file.name, "failed", 0, reason))
    return accepted, refused


def without_duplicates(
    uploads: Sequence[Upload], in_graph: Mapping[str, str]
) -> tuple[list[Upload], list[FileOutcome]]:
    """The uploads to save and ingest, and the skipped ones: content already in the graph
    (``in_graph``: sha256 → a loaded file's path) or repeated within this upload."""
    unique: list[Upload] = []
    skipped: list[FileOutcome] = []
    first_with: dict[str, str] = {}
    for upload in uploads:
        digest = upload.sha256
        if digest in in_graph:
            detail = f"already in the graph (same content as {Path(in_graph[digest]).name})"
        elif digest in first_with:
            detail = f"same content as {first_with[digest]} in this upload"
        else:
            first_with[digest] = upload.name
            unique.append(upload)
            continue
        skipped.append(FileOutcome(upload.name, "skipped", 0, detail))
    return unique, skipped


def save(uploads: Sequence[Upload], uploads_root: Path) -> dict[Path, Upload]:
    """Write the uploads into a new random folder; saved path → upload."""
    folder = uploads_root / secrets.token_hex(8)
    folder.mkdir(parents=True, mode=0o700)
    saved: dict[Path, Upload] = {}
    used: set[str] = set()
    for upload in uploads:
        name = safe_name(upload.name)
        stem, suffix = Path(name).stem, Path(name).suffix
        number = 1
        while name.lower() in used:  # two uploads may sanitise to the same name
            number += 1
            name = f"{stem}-{number}{suffix}"
        used.add(name.lower())
        path = (folder / name).resolve()
        if path.parent != folder.resolve():  # belt and braces: safe_name already ensures it
            raise ValueError(f"refusing to write outside the upload folder: {name!r}")
        path.write_bytes(upload.data)
        saved[path] = upload
    return saved


def discard_not_loaded(saved: Mapping[Path, Upload], loaded: Mapping[str, object]) -> None:
    """Delete the saved files that were not ingested (and their folder once it is empty): a
    refused letter must not pile up on the disk."""
    for path in saved:
        if str(path) not in loaded:
            path.unlink(missing_ok=True)
    for folder in {path.parent for path in saved}:
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()


def outcomes(
    saved: dict[Path, Upload],
    summary: IngestSummary | None,
    loaded: dict[str, tuple[str, int]],
) -> list[FileOutcome]:
    """Per saved file: ingested (with its records) or failed, with the reasons the pipeline gave
    (a CSV can be ingested with some rows failed)."""
    rows = []
    failures = summary.failures if summary else []
    for path, upload in saved.items():
        mine = [f for f in failures if f.path == str(path) or f.path.startswith(f"{path}#")]
        reasons = "; ".join(
            f"{f.path.removeprefix(str(path)).lstrip('#') or f.stage}: {f.reason}" for f in mine[:5]
        ) + (f"; and {len(mine) - 5} more" if len(mine) > 5 else "")
        records = loaded.get(str(path), ("", 0))[1]
        if str(path) in loaded:
            detail = f"{len(mine)} failed: {reasons}" if mine else ""
            rows.append(FileOutcome(upload.name, "ingested", records, detail))
        else:
            rows.append(FileOutcome(upload.name, "failed", 0, reasons or "nothing could be loaded"))
    return rows
