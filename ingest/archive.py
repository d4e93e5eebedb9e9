"""Content-addressed copies of the loaded source files: IMR_HOME/letters/<sha256>.<ext>.

The decision page opens the letter a decision came from even after the original file was moved
or deleted (uploads, a colleague's share). The name is the file's SHA-256 (the one stored on its
SourceFile node), so the same letter ingested from two paths is kept once, and a changed file is
a new copy beside the old one.

    path = archive_source("letters/CM13-0012345.txt", sha256, settings)
    archived_path(sha256, ".txt", settings).is_file()

Archiving never fails an ingest: the graph is the record, the copy a convenience. A copy that
cannot be written (disk full, permissions) is logged and the decision page says it is missing.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

logger = logging.getLogger(__name__)

LETTERS_DIRNAME = "letters"
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_SUFFIX = re.compile(r"^\.[a-z0-9]{1,8}$")
_CHUNK = 1 << 20


class HasHome(Protocol):
    """imr.settings.Settings, or anything else that names IMR_HOME."""

    @property
    def imr_home(self) -> Path: ...


class LoadedFile(Protocol):
    """What archive_loaded needs of a loaded file (ingest.load.SourceBatchFile)."""

    path: str
    sha256: str


class ArchiveError(ValueError):
    """A hash or suffix that cannot name an archive file, or a copy whose content changed."""


@dataclass(frozen=True)
class ArchivedFile:
    """Where a SourceFile's copy is (or would be), and whether it is there."""

    path: Path
    original: str
    exists: bool


def letters_dir(home: Path) -> Path:
    return home / LETTERS_DIRNAME


def letters_dir_beside(reports_dir: Path) -> Path:
    """The archive of the IMR_HOME whose quarantine reports go to `reports_dir` (the ingest job
    is given IMR_HOME/reports; letters/ is its sibling)."""
    return letters_dir(reports_dir.parent)


def _archive_name(sha256: str, suffix: str) -> str:
    sha = sha256.lower()
    if not _SHA256.match(sha):
        raise ArchiveError(f"not a SHA-256 hex digest: {sha256!r}")
    ext = suffix.lower() if suffix.startswith(".") else f".{suffix.lower()}"
    if not _SUFFIX.match(ext):
        raise ArchiveError(f"not a file suffix: {suffix!r}")
    return f"{sha}{ext}"


def archived_path(sha256: str, suffix: str, settings: HasHome) -> Path:
    """IMR_HOME/letters/<sha256><suffix> (whether or not the copy exists)."""
    return letters_dir(settings.imr_home) / _archive_name(sha256, suffix)


def archive_source(path: str | Path, sha256: str, settings: HasHome) -> Path:
    """Copy `path` into the archive of `settings.imr_home` unless it is there; the copy's path."""
    return archive_into(Path(path), sha256, letters_dir(settings.imr_home))


def archive_into(path: Path, sha256: str, folder: Path) -> Path:
    """The copy is written beside its final name and renamed, so a reader never sees half a
    file; its content is hashed while copying and must still be `sha256`."""
    target = folder / _archive_name(sha256, path.suffix)
    if target.is_file():
        return target
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".partial-")
    try:
        with path.open("rb") as source, os.fdopen(handle, "wb") as copy:
            for block in iter(lambda: source.read(_CHUNK), b""):
                digest.update(block)
                copy.write(block)
        if digest.hexdigest() != sha256.lower():
            raise ArchiveError(
                f"'{path}' changed after it was ingested (its SHA-256 is no longer {sha256}); "
                "ingest it again to archive the new version"
            )
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def archive_loaded(files: Iterable[LoadedFile], folder: Path) -> int:
    """Archive the files of a loaded batch; how many copies were written or already there.
    Failures are logged, never raised."""
    archived = 0
    for source_file in files:
        path = Path(source_file.path)
        try:
            archive_into(path, source_file.sha256, folder)
            archived += 1
        except (OSError, ArchiveError) as error:
            logger.warning("Could not archive '%s' into %s: %s", path, folder, error)
    return archived


def stored_copy(original: str, sha256: str | None, settings: HasHome) -> ArchivedFile | None:
    """The archive copy of a SourceFile (its path and hash as stored), or None when the graph
    holds no hash for it (a file loaded before archiving existed is still looked up by hash)."""
    if not sha256:
        return None
    try:
        path = archived_path(sha256, Path(original).suffix or ".txt", settings)
    except ArchiveError:
        return None
    return ArchivedFile(path=path, original=original, exists=path.is_file())


@dataclass(frozen=True)
class StoredLetter:
    """A decision's source file as the decision page shows it: the archive copy, else the
    original file while it is still there unchanged; `problem` says what is missing."""

    original: str
    kind: str | None  # "letter" or "dmhc-csv"
    path: Path | None  # the file read (None: neither copy nor original)
    from_archive: bool
    text: str | None = None  # a letter's text (a PDF's extracted text)
    data: bytes | None = None  # a letter's bytes, for the download button
    problem: str | None = None

    @property
    def is_pdf(self) -> bool:
        return Path(self.original).suffix.lower() == ".pdf"


def file_sha256(path: Path) -> str:
    """SHA-256 of a file's bytes, read in chunks (the key of the archive and of SourceFile)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(_CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def _locate(original: str, sha256: str | None, settings: HasHome) -> tuple[Path | None, bool, str]:
    """(the file to read, whether it is the archive copy, what to tell when it is not)."""
    copy = stored_copy(original, sha256, settings)
    if copy is not None and copy.exists:
        return copy.path, True, ""
    where = f"no archived copy at {copy.path}" if copy else "no hash recorded to find a copy by"
    source = Path(original)
    if not source.is_file():
        return (
            None,
            False,
            (
                f"The stored letter is missing ({where}) and the original file '{original}' is "
                "gone: ingest the letter again (`imr ingest --force PATH`) to keep a copy"
            ),
        )
    if sha256 and file_sha256(source) != sha256:
        return (
            None,
            False,
            (
                f"The stored letter is missing ({where}) and '{original}' has changed since it was "
                "ingested: ingest it again to see the new version"
            ),
        )
    return source, False, f"The stored letter is missing ({where}); shown from '{original}'"


def open_letter(
    original: str, sha256: str | None, kind: str | None, settings: HasHome
) -> StoredLetter:
    """Read a SourceFile's letter for display. A DMHC CSV is located but not read: the page
    shows the row's findings from the graph, not the whole export."""
    from ingest.parse import read_document_text
    from ingest.parsers.errors import ParseError

    path, from_archive, note = _locate(original, sha256, settings)
    if path is None or kind == "dmhc-csv":
        return StoredLetter(original, kind, path, from_archive, problem=note or None)
    try:
        data = path.read_bytes()
        text = read_document_text(path)
    except (OSError, ParseError) as error:
        reason = error.reason if isinstance(error, ParseError) else str(error)
        return StoredLetter(
            original, kind, path, from_archive, problem=f"Could not read '{path}': {reason}"
        )
    return StoredLetter(original, kind, path, from_archive, text, data, note or None)
