"""Uploaded files: checked (type, size), saved under IMR_HOME/uploads/<random>/ with safe names,
and the per-file outcome of their ingest.

Names from a browser are untrusted: directories are stripped and only [A-Za-z0-9._-] is kept, so
nothing can be written outside the upload folder (no `..`, no absolute paths, no hidden files).
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ingest.pipeline import SUPPORTED_SUFFIXES, IngestSummary

# Keep in step with server.maxUploadSize in .streamlit/config.toml (the browser-side limit).
MAX_FILE_MB = 25
MAX_TOTAL_MB = 200
MAX_FILES = 500
MAX_NAME_CHARS = 120
UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class Upload:
    name: str  # as the browser sent it
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


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


def check(uploads: Sequence[Upload]) -> tuple[list[Upload], list[FileOutcome]]:
    """Uploads that may be ingested, and the refused ones with the reason."""
    accepted: list[Upload] = []
    refused: list[FileOutcome] = []
    total = 0
    for upload in uploads:
        suffix = Path(safe_name(upload.name)).suffix.lower()
        size_mb = len(upload.data) / 1_000_000
        if suffix not in SUPPORTED_SUFFIXES:
            reason = f"not a .txt, .pdf or .csv file ({suffix or 'no extension'})"
        elif not upload.data:
            reason = "the file is empty"
        elif size_mb > MAX_FILE_MB:
            reason = f"{size_mb:.1f} MB is over the {MAX_FILE_MB} MB limit per file"
        elif len(accepted) >= MAX_FILES:
            reason = f"more than {MAX_FILES} files at once: upload the rest separately"
        elif (total + len(upload.data)) / 1_000_000 > MAX_TOTAL_MB:
            reason = f"the upload would exceed {MAX_TOTAL_MB} MB in total: upload it separately"
        else:
            accepted.append(upload)
            total += len(upload.data)
            continue
        refused.append(FileOutcome(upload.name, "failed", 0, reason))
    return accepted, refused


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


def outcomes(
    saved: dict[Path, Upload],
    summary: IngestSummary | None,
    loaded: dict[str, tuple[str, int]],
    duplicates: dict[Path, str],
) -> list[FileOutcome]:
    """Per uploaded file: ingested (with its records), skipped (same content already loaded) or
    failed, with the reasons the pipeline gave (a CSV can be ingested with some rows failed)."""
    rows = []
    failures = summary.failures if summary else []
    for path, upload in saved.items():
        if path in duplicates:
            rows.append(
                FileOutcome(
                    upload.name,
                    "skipped",
                    0,
                    f"already in the graph (same content as {Path(duplicates[path]).name})",
                )
            )
            continue
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
