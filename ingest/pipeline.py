"""The ingest job: discover → skip unchanged → parse → embed (cached) → load, with progress.

Parsing runs ahead of embedding in a background thread (or a process pool with ``workers > 1``),
and each batch's load runs while the next batch is embedded, so on a CPU the job is bounded by the
embedding model. Per-document failures are quarantined (a JSONL report: path, stage, reason) and
the batch goes on; a database that goes away aborts the run with a clear error, and the rerun
finishes the rest (unchanged files are skipped by content hash).
"""

from __future__ import annotations

import ctypes
import fnmatch
import glob
import json
import logging
import os
import queue
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from neo4j import Driver
from neo4j.exceptions import (
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)

from graph.errors import DatabaseUnavailableError, InvalidRequestError
from ingest.archive import archive_loaded, file_sha256, letters_dir_beside
from ingest.embed import Embedder
from ingest.load import (
    RejectedFile,
    SourceBatchFile,
    load_batch,
    loaded_files,
    rationale_texts,
)
from ingest.parse import parse_path
from ingest.records import ParsedDocument, ParseFailure, ParseResult

logger = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = (".txt", ".pdf", ".csv")
GLOB_CHARACTERS = set("*?[")


@dataclass(frozen=True)
class Failure:
    path: str
    stage: str  # "read", "parse", "embed", "load" or "conflict" (a case another file owns)
    reason: str


@dataclass
class Progress:
    files_total: int
    files_done: int = 0
    documents_ingested: int = 0
    documents_skipped: int = 0
    documents_failed: int = 0
    decisions: int = 0
    started: float = field(default_factory=time.monotonic)

    @property
    def elapsed_s(self) -> float:
        return time.monotonic() - self.started

    @property
    def files_per_s(self) -> float:
        return self.files_done / self.elapsed_s if self.elapsed_s > 0 else 0.0

    @property
    def documents_per_s(self) -> float:
        done = self.documents_ingested + self.documents_skipped + self.documents_failed
        return done / self.elapsed_s if self.elapsed_s > 0 else 0.0

    @property
    def eta_s(self) -> float | None:
        rate = self.files_per_s
        return (self.files_total - self.files_done) / rate if rate > 0 else None


@dataclass
class IngestSummary:
    files: int
    files_skipped: int
    ingested: int
    skipped: int
    failed: int
    decisions: int
    embeddings_computed: int
    embeddings_cached: int
    elapsed_s: float
    failures: list[Failure]
    quarantine: str | None

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        data["elapsed_s"] = round(self.elapsed_s, 2)
        return data


@dataclass
class IngestOptions:
    batch_size: int = 64  # decisions per load transaction (and embedding call)
    workers: int = 1  # parse processes; 1 parses in a background thread
    force: bool = False  # reload files whose hash is already in the graph
    quarantine_path: Path | None = None


ProgressCallback = Callable[[Progress], None]


@dataclass
class Discovery:
    files: list[Path]
    failures: list[Failure] = field(default_factory=list)  # folders that could not be read
    warnings: list[str] = field(default_factory=list)  # folders skipped (symbolic-link loops)


def discover(paths: Sequence[str]) -> list[Path]:
    """The files of :func:`discover_files` (its failures and warnings dropped)."""
    return discover_files(paths).files


def discover_files(paths: Sequence[str]) -> Discovery:
    """Files, folders (recursively) and globs → a sorted, de-duplicated list of files, the folders
    that could not be read (failures) and the folders skipped because a symbolic link leads back
    into a folder already searched (warnings).

    A path that does not exist (and matches nothing as a glob) is a usage error.
    """
    found: list[Path] = []
    discovery = Discovery(files=[])
    for raw in paths:
        candidate = Path(raw)
        if candidate.is_dir():
            found += [
                p
                for p in _walk_files(candidate, discovery)
                if p.suffix.lower() in SUPPORTED_SUFFIXES
            ]
        elif candidate.is_file():
            found.append(candidate)
        elif GLOB_CHARACTERS & set(raw):
            failures_before = len(discovery.failures)
            matches = _glob(raw, discovery)
            if not matches and len(discovery.failures) == failures_before:
                raise InvalidRequestError(f"No files match '{raw}'")
            found += [m for m in matches if m.is_file()]
        else:
            raise InvalidRequestError(f"No such file or folder: '{raw}'")
    discovery.files = sorted({p.resolve() for p in found})
    return discovery


def _walk_files(top: Path, discovery: Discovery) -> Iterator[Path]:
    """Every file under ``top`` (hidden names left out), each real folder entered once: a
    symbolic link back to a folder already searched would otherwise recurse without end."""
    entered: set[tuple[int, int]] = set()
    pending = [top]
    while pending:
        folder = pending.pop()
        try:
            status = folder.stat()
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as error:
            # os.walk and Path.rglob drop these silently: a whole folder of letters would be
            # missing from the graph with exit 0.
            discovery.failures.append(
                Failure(
                    str(folder),
                    "read",
                    f"cannot read folder '{folder}': {error.strerror or error} "
                    "(give this user read and execute permission on it, then rerun)",
                )
            )
            continue
        key = (status.st_dev, status.st_ino)
        if key in entered:
            discovery.warnings.append(
                f"skipped folder '{folder}': a symbolic link to '{folder.resolve()}', which is "
                "already searched"
            )
            continue
        entered.add(key)
        subfolders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_dir():
                    subfolders.append(Path(entry.path))
                elif entry.is_file():
                    yield Path(entry.path)
            except OSError:
                continue  # vanished since the listing, or a broken link: nothing to read
        pending += reversed(subfolders)


def _glob(pattern: str, discovery: Discovery) -> list[Path]:
    """glob.glob for patterns without ``**``; a ``**`` pattern walks with :func:`_walk_files`
    (glob.glob follows symbolic-link loops until the path is too long)."""
    parts = Path(pattern).parts
    if "**" not in parts:
        return [Path(m) for m in glob.glob(pattern)]
    first_wild = next(i for i, part in enumerate(parts) if GLOB_CHARACTERS & set(part))
    base = Path(*parts[:first_wild]) if first_wild else Path(".")
    wanted = parts[first_wild:]
    if not base.is_dir():
        return []
    return [
        path
        for path in _walk_files(base, discovery)
        if _parts_match(wanted, path.relative_to(base).parts)
    ]


def _parts_match(pattern: Sequence[str], parts: Sequence[str]) -> bool:
    """Whether path components match glob components, ``**`` standing for any number of them."""
    if not pattern:
        return not parts
    head, rest = pattern[0], pattern[1:]
    if head == "**":
        return any(_parts_match(rest, parts[i:]) for i in range(len(parts) + 1))
    return bool(parts) and fnmatch.fnmatchcase(parts[0], head) and _parts_match(rest, parts[1:])


def _parse_file(path: str) -> list[ParseResult]:
    return parse_path(Path(path))


_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _load_prctl() -> Callable[..., int] | None:
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None  # not Linux


# Resolved at import, in the parent: between fork and exec (a preexec_fn) only simple calls are
# safe, and loading a library is not one of them.
_PRCTL = _load_prctl()


def die_with_parent(parent_pid: int, sig: int = signal.SIGKILL) -> None:
    """Run in a child process: the kernel sends it ``sig`` when ``parent_pid`` dies.

    A parent that is SIGKILLed (or SIGTERMed without a handler) runs no cleanup, so its children
    would live on. The signal comes when the *thread* that started the child ends: start children
    from a thread that outlives them. Elsewhere than Linux (no prctl) this does nothing.
    """
    if _PRCTL is None:
        return
    _PRCTL(_PR_SET_PDEATHSIG, int(sig), 0, 0, 0)
    if os.getppid() != parent_pid:  # the parent died before the signal was armed
        os._exit(1)


class _Quarantine:
    """Failures appended as they happen, so a killed run still leaves its report."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.failures: list[Failure] = []

    def add(self, failure: Failure) -> None:
        self.failures.append(failure)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(asdict(failure)) + "\n")
        logger.info("Could not ingest '%s' (%s): %s", failure.path, failure.stage, failure.reason)


def _parsed_files(
    files: Sequence[tuple[Path, str]], workers: int
) -> Iterator[tuple[Path, str, list[ParseResult]]]:
    """Parse ahead of the consumer, in a thread (or processes), keeping a few files queued."""
    if workers > 1:
        with ProcessPoolExecutor(
            # Workers of a SIGKILLed ingest would otherwise parse on for good. pool.map starts
            # them from the thread iterating this generator, which outlives the pool.
            max_workers=workers,
            initializer=die_with_parent,
            initargs=(os.getpid(),),
        ) as pool:
            results = pool.map(_parse_file, [str(p) for p, _ in files], chunksize=8)
            for (path, sha), parsed in zip(files, results, strict=True):
                yield path, sha, parsed
        return
    handoff: queue.Queue[tuple[Path, str, list[ParseResult]] | None] = queue.Queue(maxsize=256)
    stop = threading.Event()

    def produce() -> None:
        for path, sha in files:
            if stop.is_set():
                break
            handoff.put((path, sha, _parse_file(str(path))))
        handoff.put(None)

    producer = threading.Thread(target=produce, name="imr-parse", daemon=True)
    producer.start()
    try:
        while (item := handoff.get()) is not None:
            yield item
    finally:
        stop.set()


def _is_connection_error(error: BaseException) -> bool:
    """The server (not the document) is the problem: abort rather than quarantine files."""
    return isinstance(
        error, ServiceUnavailable | SessionExpired | TransientError | ConnectionError | OSError
    ) or (isinstance(error, DriverError) and not isinstance(error, Neo4jError))


class IngestJob:
    def __init__(
        self,
        driver: Driver,
        database: str,
        embedder: Embedder,
        options: IngestOptions,
        reports_dir: Path,
        progress: ProgressCallback | None = None,
    ) -> None:
        self.driver = driver
        self.database = database
        self.embedder = embedder
        self.options = options
        self.progress_callback = progress
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        self.quarantine = _Quarantine(
            options.quarantine_path or reports_dir / f"quarantine-{stamp}.jsonl"
        )
        self.letters_dir = letters_dir_beside(reports_dir)  # IMR_HOME/letters (ingest/archive.py)

    def run(self, paths: Sequence[str]) -> IngestSummary:
        discovery = discover_files(paths)
        files = discovery.files
        progress = Progress(files_total=len(files) + len(discovery.failures))
        for warning in discovery.warnings:
            logger.warning("%s", warning)
        for failure in discovery.failures:
            self._fail(progress, failure)
        hashed: list[tuple[Path, str]] = []
        for path in files:
            if path.suffix.lower() not in SUPPORTED_SUFFIXES:
                self._fail(
                    progress,
                    Failure(
                        str(path),
                        "read",
                        f"unsupported file type '{path.suffix}': expected .txt, .pdf or .csv",
                    ),
                )
                continue
            try:
                hashed.append((path, file_sha256(path)))
            except OSError as error:
                self._fail(progress, Failure(str(path), "read", f"cannot read: {error}"))
        already = self._loaded(hashed)
        to_load = []
        for path, sha in hashed:
            previous = already.get(str(path))
            if previous and previous[0] == sha and not self.options.force:
                progress.files_done += 1
                progress.documents_skipped += previous[1]
            else:
                to_load.append((path, sha))
        self._report(progress)
        computed_before, cached_before = self._embed_counters()
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="imr-load") as loader:
            pending: Future[None] | None = None
            batch: list[SourceBatchFile] = []
            batch_decisions = 0
            for path, sha, results in _parsed_files(to_load, self.options.workers):
                source_file = self._accept(progress, path, sha, results)
                if source_file is None:
                    continue
                batch.append(source_file)
                batch_decisions += sum(len(d.items) for d in source_file.documents)
                if batch_decisions >= self.options.batch_size:
                    pending = self._flush(loader, pending, batch, progress)
                    batch, batch_decisions = [], 0
            if batch:
                pending = self._flush(loader, pending, batch, progress)
            if pending is not None:
                pending.result()
        computed_after, cached_after = self._embed_counters()
        return IngestSummary(
            files=len(files),
            files_skipped=len(hashed) - len(to_load),
            ingested=progress.documents_ingested,
            skipped=progress.documents_skipped,
            failed=len(self.quarantine.failures),
            decisions=progress.decisions,
            embeddings_computed=computed_after - computed_before,
            embeddings_cached=cached_after - cached_before,
            elapsed_s=progress.elapsed_s,
            failures=self.quarantine.failures,
            quarantine=str(self.quarantine.path) if self.quarantine.failures else None,
        )

    # -- stages -------------------------------------------------------------------------------
    def _loaded(self, hashed: Sequence[tuple[Path, str]]) -> dict[str, tuple[str, int]]:
        try:
            return loaded_files(self.driver, self.database, [str(p) for p, _ in hashed])
        except (ServiceUnavailable, SessionExpired) as error:
            raise DatabaseUnavailableError(
                f"Neo4j went away before the ingest began: {error}"
            ) from error

    def _accept(
        self, progress: Progress, path: Path, sha: str, results: list[ParseResult]
    ) -> SourceBatchFile | None:
        documents: list[ParsedDocument] = []
        for result in results:
            if isinstance(result, ParseFailure):
                self._fail(progress, Failure(result.source, "parse", result.error))
            elif not result.items:
                self._fail(progress, Failure(result.source, "parse", "no disputed items found"))
            else:
                documents.append(result)
        if not documents:
            progress.files_done += 1
            self._report(progress)
            return None
        kind = "dmhc-csv" if path.suffix.lower() == ".csv" else "letter"
        return SourceBatchFile(path=str(path), sha256=sha, kind=kind, documents=documents)

    def _flush(
        self,
        loader: ThreadPoolExecutor,
        pending: Future[None] | None,
        batch: list[SourceBatchFile],
        progress: Progress,
    ) -> Future[None]:
        embeddings = self._embed(batch, progress)
        if pending is not None:
            pending.result()  # at most one load in flight: memory stays bounded
        return loader.submit(self._load, batch, embeddings, progress)

    def _embed(self, batch: list[SourceBatchFile], progress: Progress) -> dict:
        documents = [d for f in batch for d in f.documents]
        texts = [text for d in documents for text in rationale_texts(d)]
        vectors = self.embedder.embed(texts)
        embeddings = {}
        offset = 0
        for document in documents:
            embeddings[document.source] = vectors[offset : offset + len(document.items)]
            offset += len(document.items)
        return embeddings

    def _load(self, batch: list[SourceBatchFile], embeddings: dict, progress: Progress) -> None:
        try:
            rejected = {r.path: r for r in self._store(batch, embeddings) or ()}
            loaded = [f for f in batch if f.path not in rejected]
            archive_loaded(loaded, self.letters_dir)  # copies for the decision page; never raises
            self._count_loaded(progress, loaded)
            for source_file in batch:
                if source_file.path in rejected:
                    self._count_rejected(progress, source_file, rejected[source_file.path])
        except Exception as error:
            if _is_connection_error(error):
                raise self._fatal_error(error) from error
            if len(batch) == 1:
                self._fail(
                    progress, Failure(batch[0].path, "load", f"{type(error).__name__}: {error}")
                )
                return
            # One bad file must not sink its batch: load the files one by one to find it.
            for source_file in batch:
                self._load([source_file], embeddings, progress)

    def _fatal_error(self, error: BaseException) -> Exception:
        """What aborts the run when the target, not a document, failed."""
        return DatabaseUnavailableError(
            f"Neo4j went away during the ingest ({type(error).__name__}); nothing of the "
            "unfinished batch was kept. Restart it (`imr neo4j start`) and rerun the same "
            "command: files already loaded are skipped"
        )

    def _store(
        self, batch: list[SourceBatchFile], embeddings: dict
    ) -> Sequence[RejectedFile] | None:
        """Where a batch goes; the bulk loader (ingest.bulk_csv) writes CSV files instead.
        Returns the files left out because another file owns one of their cases."""
        return load_batch(self.driver, self.database, batch, embeddings).rejected

    def _count_rejected(
        self, progress: Progress, source_file: SourceBatchFile, rejected: RejectedFile
    ) -> None:
        """A copy of a loaded file is skipped; a different file with an owned case is a conflict.
        Neither is marked as loaded, so the next run looks at it again."""
        if rejected.duplicate:
            logger.info("Skipped '%s': %s", source_file.path, rejected.reason)
            progress.files_done += 1
            progress.documents_skipped += len(source_file.documents)
            self._report(progress)
        else:
            self._fail(progress, Failure(source_file.path, "conflict", rejected.reason))

    def _count_loaded(self, progress: Progress, batch: list[SourceBatchFile]) -> None:
        for source_file in batch:
            progress.files_done += 1
            progress.documents_ingested += len(source_file.documents)
            progress.decisions += sum(len(d.items) for d in source_file.documents)
        self._report(progress)

    def _fail(self, progress: Progress, failure: Failure) -> None:
        self.quarantine.add(failure)
        progress.documents_failed += 1
        if failure.stage in ("read", "conflict"):  # the file's last word
            progress.files_done += 1
        self._report(progress)

    def _report(self, progress: Progress) -> None:
        if self.progress_callback:
            self.progress_callback(progress)

    def _embed_counters(self) -> tuple[int, int]:
        return getattr(self.embedder, "computed", 0), getattr(self.embedder, "cached", 0)
