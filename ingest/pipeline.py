"""The ingest job: discover → skip unchanged → parse → embed (cached) → load, with progress.

Parsing runs ahead of embedding in a background thread (or a process pool with ``workers > 1``),
and each batch's load runs while the next batch is embedded, so on a CPU the job is bounded by the
embedding model. Per-document failures are quarantined (a JSONL report: path, stage, reason) and
the batch goes on; a database that goes away aborts the run with a clear error, and the rerun
finishes the rest (unchanged files are skipped by content hash).
"""

from __future__ import annotations

import glob
import hashlib
import json
import logging
import queue
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
from ingest.embed import Embedder
from ingest.load import SourceBatchFile, load_batch, loaded_files, rationale_texts
from ingest.parse import parse_path
from ingest.records import ParsedDocument, ParseFailure, ParseResult

logger = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = (".txt", ".pdf", ".csv")
GLOB_CHARACTERS = set("*?[")


@dataclass(frozen=True)
class Failure:
    path: str
    stage: str  # "read", "parse", "embed" or "load"
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


def discover(paths: Sequence[str]) -> list[Path]:
    """Files, folders (recursively) and globs → a sorted, de-duplicated list of files.

    A path that does not exist (and matches nothing as a glob) is a usage error.
    """
    found: list[Path] = []
    for raw in paths:
        candidate = Path(raw)
        if candidate.is_dir():
            found += [
                p
                for p in candidate.rglob("*")
                if p.is_file()
                and p.suffix.lower() in SUPPORTED_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(candidate).parts)
            ]
        elif candidate.is_file():
            found.append(candidate)
        elif GLOB_CHARACTERS & set(raw):
            matches = [Path(m) for m in glob.glob(raw, recursive=True)]
            if not matches:
                raise InvalidRequestError(f"No files match '{raw}'")
            found += [m for m in matches if m.is_file()]
        else:
            raise InvalidRequestError(f"No such file or folder: '{raw}'")
    return sorted({p.resolve() for p in found})


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _parse_file(path: str) -> list[ParseResult]:
    return parse_path(Path(path))


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
        with ProcessPoolExecutor(max_workers=workers) as pool:
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

    def run(self, paths: Sequence[str]) -> IngestSummary:
        files = discover(paths)
        progress = Progress(files_total=len(files))
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
            self._store(batch, embeddings)
            self._count_loaded(progress, batch)
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

    def _store(self, batch: list[SourceBatchFile], embeddings: dict) -> None:
        """Where a batch goes; the bulk loader (ingest.bulk_csv) writes CSV files instead."""
        load_batch(self.driver, self.database, batch, embeddings)

    def _count_loaded(self, progress: Progress, batch: list[SourceBatchFile]) -> None:
        for source_file in batch:
            progress.files_done += 1
            progress.documents_ingested += len(source_file.documents)
            progress.decisions += sum(len(d.items) for d in source_file.documents)
        self._report(progress)

    def _fail(self, progress: Progress, failure: Failure) -> None:
        self.quarantine.add(failure)
        progress.documents_failed += 1
        if failure.stage in ("read",):
            progress.files_done += 1
        self._report(progress)

    def _report(self, progress: Progress) -> None:
        if self.progress_callback:
            self.progress_callback(progress)

    def _embed_counters(self) -> tuple[int, int]:
        return getattr(self.embedder, "computed", 0), getattr(self.embedder, "cached", 0)
