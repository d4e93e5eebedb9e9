"""Ingest: upload letters (.txt, .pdf) or a DMHC open-data CSV and load them into the graph.

The files are checked by name and size, then read; files whose content is already in the graph
(or earlier in the same upload) are skipped; the rest are saved (ui/uploads.py) and the pipeline
(ingest/pipeline.py) runs in a worker thread while this page draws its progress; saved files that
were not ingested are deleted. The page ends with one row per file: ingested, skipped or failed,
with the reason.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from graph.schema import ensure_schema
from graph.sources import files_by_sha256
from ingest.load import loaded_files
from ingest.pipeline import IngestJob, IngestOptions, IngestSummary, Progress
from ui import components, routes, state, uploads

REPORT_KEY = "ingest-report"
UPLOADER_KEY = "ingest-files"
POLL_S = 0.2


def run_job(paths: list[Path]) -> IngestSummary:
    """The ingest in a worker thread; its progress callback only records the latest state, and
    this (the script) thread draws it: Streamlit elements may only be drawn from here."""
    found = state.services()
    embedder = state.embedder()
    ensure_schema(found.driver, found.database, embedder.dimensions)
    latest: list[Progress] = []
    lock = threading.Lock()

    def on_progress(progress: Progress) -> None:
        with lock:
            latest[:] = [progress]

    job = IngestJob(
        found.driver,
        found.database,
        embedder,
        IngestOptions(),
        reports_dir=found.settings.reports_dir,
        progress=on_progress,
    )
    bar = st.progress(0.0, text="Reading the files…")
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="imr-ui-ingest") as pool:
        future = pool.submit(job.run, [str(p) for p in paths])
        while not future.done():
            with lock:
                progress = latest[0] if latest else None
            if progress and progress.files_total:
                bar.progress(
                    min(1.0, progress.files_done / progress.files_total),
                    text=f"{progress.files_done} of {progress.files_total} files · "
                    f"{progress.decisions} decisions loaded",
                )
            time.sleep(POLL_S)
        summary = future.result()  # re-raises DatabaseUnavailableError & co. for show_error
    bar.progress(1.0, text="Done")
    return summary


def ingest(files: Sequence[UploadedFile]) -> list[uploads.FileOutcome]:
    # Sizes first: nothing over the limits is copied out of the uploader.
    accepted, refused = uploads.check(files)
    if not accepted:
        return refused
    batch = [uploads.Upload(f.name, f.getvalue()) for f in accepted]
    found = state.services()
    known = files_by_sha256(found.driver, found.database, [u.sha256 for u in batch])
    unique, skipped = uploads.without_duplicates(batch, known)
    if not unique:
        return refused + skipped
    saved = uploads.save(unique, found.settings.imr_home / "uploads")
    loaded: dict[str, tuple[str, int]] = {}
    try:
        summary = run_job(list(saved))
        loaded = loaded_files(found.driver, found.database, [str(p) for p in saved])
    finally:
        uploads.discard_not_loaded(saved, loaded)  # also when the ingest raised
    if summary.ingested:
        state.clear_data()  # the new decisions belong in the filters and charts at once
    return refused + skipped + uploads.outcomes(saved, summary, loaded)


def show_report(rows: list[uploads.FileOutcome]) -> None:
    counts = {
        status: sum(1 for r in rows if r.status == status)
        for status in ("ingested", "skipped", "failed")
    }
    line = f"{counts['ingested']} ingested, {counts['skipped']} skipped, {counts['failed']} failed"
    if counts["failed"]:
        st.warning(line, icon=":material/warning:")
    else:
        st.success(line, icon=":material/check_circle:")
    frame = pd.DataFrame(
        {
            "File": [r.file for r in rows],
            "Outcome": [r.status for r in rows],
            "Documents": [r.records for r in rows],
            "Reason / notes": [r.detail or "—" for r in rows],
        }
    )
    st.table(frame, hide_index=True, border="horizontal")  # static: long reasons wrap
    if counts["ingested"]:
        st.page_link(routes.SEARCH, label="Search the graph", icon=":material/search:")


def main() -> None:
    st.title("Ingest letters")
    st.markdown(
        "Upload IMR determination letters (**.txt** or **.pdf**, any of the four DWC layouts) or "
        "a **DMHC** open-data export (**.csv**). Files already in the graph are skipped; a file "
        "that cannot be parsed is reported with the reason and the others go on."
    )
    if not state.cached_facets().decisions:
        components.empty_graph_notice()
    files = st.file_uploader(
        "Letters or DMHC CSV",
        type=[s.lstrip(".") for s in uploads.SUPPORTED_SUFFIXES],
        accept_multiple_files=True,
        max_upload_size=uploads.MAX_FILE_MB,
        key=UPLOADER_KEY,
        help=f"At most {uploads.MAX_FILE_MB} MB per file and {uploads.MAX_TOTAL_MB} MB in all.",
    )
    if files:
        st.caption(f"{len(files)} file(s), {sum(f.size for f in files) / 1_000_000:.1f} MB")
        if st.button(f"Ingest {len(files)} file(s)", type="primary", icon=":material/upload:"):
            st.session_state[REPORT_KEY] = ingest(files)
    if st.session_state.get(REPORT_KEY):
        show_report(st.session_state[REPORT_KEY])


main()
