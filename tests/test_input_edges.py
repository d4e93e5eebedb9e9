"""Red-team round (issue 12): input edges and stray processes.

Unreadable folders, symbolic-link loops, UTF-16 letters, AES-encrypted PDFs, the workers of a
SIGKILLed ingest, UI uploads (duplicates, deletion, the total size), the initial password on a
command line, and `kill` of `imr ui`. Real files, real processes, the real Neo4j and model.
"""

from __future__ import annotations

import ctypes
import glob
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from graph.connection import wait_until_ready
from imr.localserver import LocalServer
from imr.settings import Settings, connection_info
from ingest.load import loaded_files
from ingest.parse import parse_path
from ingest.pipeline import discover, discover_files
from ingest.records import ParsedDocument, ParseFailure
from tests.conftest import PROJECT_ROOT, wipe
from tests.corpus import FIXTURE_LETTERS
from tests.pdf_fixtures import render_pdf
from ui import state, uploads

IMR = [sys.executable, "-m", "imr.cli"]
LETTER = FIXTURE_LETTERS / "final_determination_multi.txt"  # CM13-0012345, 3 items


# -- helpers --------------------------------------------------------------------------------------
def wait_for(condition: Callable[[], object], timeout_s: float, what: str) -> object:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout_s} s waiting for {what}")


def children_of(pid: int) -> set[int]:
    """Every live descendant of ``pid`` (from /proc: psutil is not a dependency)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (stat := _stat(int(entry))):
            parents[int(entry)] = int(stat[1])
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _stat(pid: int) -> list[str] | None:
    """(state, ppid, …) of a process; ``None`` when it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text.rsplit(")", 1)[1].split()  # the name in parentheses may hold spaces


def alive(pid: int) -> bool:
    stat = _stat(pid)
    return stat is not None and stat[0] not in ("Z", "X")  # a zombie has stopped running


def kill_all(pids: set[int]) -> None:
    """Clean-up after a failed assertion: never leave a test's processes behind."""
    for pid in pids:
        if alive(pid):
            os.kill(pid, signal.SIGKILL)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def listening(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


_PR_CAPBSET_DROP = 24  # linux/prctl.h
_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH = 1, 2  # linux/capability.h


def without_permission_override() -> None:
    """preexec_fn: the command runs without the capabilities that let root ignore permission
    bits, so a mode-000 folder is as unreadable to it as to any other user. (Running it as
    another user instead fails here: the interpreter lives under /root, mode 0700.)"""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH):
        if libc.prctl(_PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "cannot drop CAP_DAC_OVERRIDE/CAP_DAC_READ_SEARCH")


# -- unreadable folders ---------------------------------------------------------------------------
def test_an_unreadable_folder_is_named_quarantined_and_fails_the_ingest(
    tmp_path: Path, settings: Settings, empty_graph
):
    corpus = tmp_path / "corpus"
    (corpus / "good").mkdir(parents=True)
    shutil.copy(LETTER, corpus / "good" / "letter.txt")
    locked = corpus / "locked"
    locked.mkdir()
    shutil.copy(FIXTURE_LETTERS / "notice_2013_messy.txt", locked / "hidden-letter.txt")
    locked.chmod(0)
    home = tmp_path / "home"  # its own reports folder, the test server's database
    info = connection_info(settings)
    env = {
        **os.environ,
        "NEO4J_URI": info.uri,
        "NEO4J_USER": info.user,
        "NEO4J_PASSWORD": info.password,
        "IMR_HOME": str(home),
    }
    probe = [sys.executable, "-c", f"import os; os.listdir({str(locked)!r})"]
    try:
        subprocess.run(
            probe, check=True, capture_output=True, preexec_fn=without_permission_override
        )
    except OSError as error:
        pytest.skip(f"running as root and {error}: a mode-000 folder cannot be made unreadable")
    except subprocess.CalledProcessError as error:
        assert b"PermissionError" in error.stderr, error.stderr  # the folder is unreadable: good
    else:
        pytest.skip("this user reads a mode-000 folder: nothing to test")

    result = subprocess.run(
        [*IMR, "ingest", str(corpus)],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        env=env,
        timeout=600,
        preexec_fn=without_permission_override,
    )
    locked.chmod(0o755)  # so pytest can remove it
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"cannot read folder '{locked}': Permission denied" in result.stderr
    assert "1 ingested" in result.stdout
    [report] = (home / "reports").glob("quarantine-*.jsonl")
    [row] = [json.loads(line) for line in report.read_text().splitlines()]
    assert row["path"] == str(locked) and row["stage"] == "read"


# -- symbolic-link loops --------------------------------------------------------------------------
@pytest.fixture
def looped(tmp_path: Path) -> Path:
    """Letters in nested folders, with links back up the tree: `**` would branch at every link."""
    root = tmp_path / "letters"
    (root / "a" / "b").mkdir(parents=True)
    shutil.copy(LETTER, root / "top.txt")
    shutil.copy(LETTER, root / "a" / "middle.txt")
    shutil.copy(LETTER, root / "a" / "b" / "deep.txt")
    (root / "a" / "b" / "up").symlink_to(root, target_is_directory=True)
    (root / "a" / "self").symlink_to(root / "a", target_is_directory=True)
    (root / "a" / "b" / "again").symlink_to(root / "a", target_is_directory=True)
    return root


@pytest.mark.timeout(60)
@pytest.mark.parametrize("form", ["folder", "glob"])
def test_a_symlink_loop_ends_and_each_file_is_found_once(looped: Path, form: str):
    arg = str(looped) if form == "folder" else f"{looped}/**/*.txt"
    files = discover([arg])
    assert sorted(p.name for p in files) == ["deep.txt", "middle.txt", "top.txt"]
    warnings = discover_files([arg]).warnings
    assert len(warnings) == 3, warnings  # one per link back into the tree
    assert all("already searched" in w for w in warnings)


def test_glob_with_double_star_matches_like_glob(tmp_path: Path):
    (tmp_path / "x" / "y").mkdir(parents=True)
    for name in ("x/a.txt", "x/y/b.txt", "x/y/c.pdf", "top.txt", "x/.hidden.txt"):
        (tmp_path / name).write_text("letter")
    for pattern in ("**/*.txt", "x/**/*.txt", "**/y/*", "x/**"):
        expected = {
            Path(p).resolve()
            for p in glob.glob(f"{tmp_path}/{pattern}", recursive=True)
            if Path(p).is_file()
        }
        assert set(discover([f"{tmp_path}/{pattern}"])) == expected, pattern


# -- UTF-16 ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "codec,bom",
    [
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
        ("utf-16-le", b""),
        ("utf-16-be", b""),
    ],
)
def test_utf16_letters_are_decoded_and_parsed(tmp_path: Path, codec: str, bom: bytes):
    text = LETTER.read_text(encoding="utf-8")
    [reference] = parse_path(LETTER)
    path = tmp_path / "letter.txt"
    path.write_bytes(bom + text.encode(codec))
    [result] = parse_path(path)
    assert isinstance(result, ParsedDocument), result
    assert result.case_id == reference.case_id == "CM13-0012345"
    assert [i.outcome for i in result.items] == [i.outcome for i in reference.items]
    assert f"not UTF-8: decoded as {codec.upper()}" in result.warnings


def test_binary_with_nuls_is_still_refused(tmp_path: Path):
    path = tmp_path / "junk.txt"
    path.write_bytes(bytes(range(256)) * 64)
    [result] = parse_path(path)
    assert isinstance(result, ParseFailure) and "binary content" in result.error


# -- AES-encrypted PDFs ---------------------------------------------------------------------------
def encrypted_pdf(tmp_path: Path, user_password: str) -> Path:
    from pypdf import PdfReader, PdfWriter

    plain = render_pdf(LETTER.read_text(encoding="utf-8"), tmp_path / "plain.pdf")
    writer = PdfWriter()
    for page in PdfReader(plain).pages:
        writer.add_page(page)
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="AES-256")
    path = tmp_path / "encrypted.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def test_cryptography_is_a_declared_dependency():
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["project"]
    assert any(d.startswith("cryptography") for d in project["dependencies"])


def test_an_aes_pdf_with_an_empty_user_password_is_read(tmp_path: Path):
    [result] = parse_path(encrypted_pdf(tmp_path, ""))
    assert isinstance(result, ParsedDocument), result
    assert result.case_id == "CM13-0012345" and len(result.items) == 3


def test_an_aes_pdf_with_a_password_is_refused_with_the_reason(tmp_path: Path):
    [result] = parse_path(encrypted_pdf(tmp_path, "secret"))
    assert isinstance(result, ParseFailure)
    assert result.error == "encrypted PDF: remove the password and try again"


def test_without_cryptography_an_aes_pdf_says_what_to_install(tmp_path: Path):
    path = encrypted_pdf(tmp_path, "")
    # A real installation without the package: the import fails, as it would there.
    script = (
        "import sys; sys.modules['cryptography'] = None; sys.modules['Crypto'] = None\n"
        "from ingest.parse import parse_path\n"
        f"print(parse_path({str(path)!r})[0].error)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=PROJECT_ROOT
    )
    assert result.returncode == 0, result.stderr
    assert "pip install cryptography" in result.stdout
    assert "broken PDF" not in result.stdout


# -- the workers of a SIGKILLed ingest ------------------------------------------------------------
@pytest.mark.timeout(600)
def test_workers_of_a_killed_ingest_exit(corpus: Path, empty_graph, tmp_path: Path):
    env = {**os.environ, "IMR_EMBED_CACHE_DIR": str(tmp_path / "cold-cache")}  # a slow run
    command = [*IMR, "ingest", str(corpus), "--workers", "2", "--batch-size", "4", "--quiet"]
    process = subprocess.Popen(
        command, cwd=PROJECT_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    workers: set[int] = set()
    try:

        def two_workers() -> set[int] | None:
            found = children_of(process.pid)
            return found if len(found) >= 2 else None

        workers = wait_for(two_workers, 300, "the ingest's parse workers")
        process.send_signal(signal.SIGKILL)
        process.wait()
        wait_for(lambda: not any(alive(pid) for pid in workers), 30, "the workers to exit")
    finally:
        kill_all(workers | {process.pid})


# -- UI uploads -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class SizeOnly:
    """A file as the browser announced it: a name and a size, and no content to read."""

    name: str
    size: int


def test_upload_limits_come_from_sizes_before_anything_is_read():
    mb = 1_000_000
    files = [SizeOnly(f"letter-{n}.txt", 24 * mb) for n in range(9)]  # 216 MB in all
    accepted, refused = uploads.check(files)
    assert [f.name for f in accepted] == [f"letter-{n}.txt" for n in range(8)]
    assert [r.file for r in refused] == ["letter-8.txt"]
    assert f"exceed {uploads.MAX_TOTAL_MB} MB in total" in refused[0].detail
    [big] = uploads.check([SizeOnly("big.pdf", 26 * mb)])[1]
    assert "over the 25 MB limit" in big.detail


def test_duplicates_are_found_before_saving(tmp_path: Path):
    one, same, other = (
        uploads.Upload("one.txt", b"letter one"),
        uploads.Upload("copy-of-one.txt", b"letter one"),
        uploads.Upload("other.txt", b"letter two"),
    )
    known = {other.sha256: "/data/letters/other-original.txt"}
    unique, skipped = uploads.without_duplicates([one, same, other], known)
    assert unique == [one]
    details = {s.file: s.detail for s in skipped}
    assert details == {
        "copy-of-one.txt": "same content as one.txt in this upload",
        "other.txt": "already in the graph (same content as other-original.txt)",
    }
    assert all(s.status == "skipped" for s in skipped)


def test_files_that_were_not_ingested_are_deleted(tmp_path: Path):
    saved = uploads.save(
        [uploads.Upload("kept.txt", b"loaded"), uploads.Upload("refused.txt", b"junk")], tmp_path
    )
    kept = next(p for p in saved if p.name == "kept.txt")
    uploads.discard_not_loaded(saved, {str(kept): ("sha", 1)})
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == ["kept.txt"]
    uploads.discard_not_loaded({kept: saved[kept]}, {})
    assert not list(tmp_path.iterdir()), "an emptied upload folder is removed"


def uploaded_files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()} if root.is_dir() else set()


@pytest.mark.timeout(600)
def test_ingest_page_saves_only_new_content_and_keeps_only_what_was_ingested(
    driver, database, embedder
):
    wipe(driver, database)
    st.cache_resource.clear()  # a driver cached by another module may point elsewhere
    st.cache_data.clear()
    root = state.services().settings.imr_home / "uploads"
    before = uploaded_files(root)
    letter = LETTER.read_bytes()

    def upload(files: list[tuple[str, bytes, str]]) -> dict[str, tuple[str, str]]:
        at = AppTest.from_file(str(PROJECT_ROOT / "ui" / "app.py"), default_timeout=300)
        at.switch_page("app_pages/ingest.py").run()
        at.get("file_uploader")[0].set_value(files)
        at.run()
        at.button[0].click().run()
        assert not at.exception, [e.message for e in at.exception]
        report = at.table[0].value.set_index("File")
        return {name: (row["Outcome"], row["Reason / notes"]) for name, row in report.iterrows()}

    first = upload(
        [
            ("letter.txt", letter, "text/plain"),
            ("letter-copy.txt", letter, "text/plain"),
            ("notes.txt", b"Dear colleague, see you on Monday.", "text/plain"),
        ]
    )
    assert first["letter.txt"][0] == "ingested"
    assert first["letter-copy.txt"] == ("skipped", "same content as letter.txt in this upload")
    assert first["notes.txt"][0] == "failed"
    new = uploaded_files(root) - before
    assert [p.name for p in new] == ["letter.txt"], "only the ingested file stays"
    assert loaded_files(driver, database, [str(p) for p in new])

    second = upload([("again.txt", letter, "text/plain")])
    assert second["again.txt"][0] == "skipped"
    assert "already in the graph" in second["again.txt"][1]
    assert uploaded_files(root) - before == new, "a duplicate is never written"
    st.cache_resource.clear()


# -- the initial password -------------------------------------------------------------------------
@pytest.mark.timeout(600)
def test_the_initial_password_is_never_on_a_command_line(tmp_path: Path):
    settings = Settings.load(
        env={
            "IMR_HOME": str(tmp_path / "home"),
            "IMR_NEO4J_HEAP": "256m",
            "IMR_NEO4J_PAGECACHE": "64m",
            "PATH": os.environ["PATH"],
        },
        dotenv=tmp_path / "no.env",
    )
    server = LocalServer(settings)
    seen: set[bytes] = set()
    done = threading.Event()

    def watch() -> None:
        # Every command line of every process, as often as the machine allows, while it starts.
        while not done.is_set():
            for entry in os.listdir("/proc"):
                if entry.isdigit():
                    try:
                        seen.add(Path(f"/proc/{entry}/cmdline").read_bytes())
                    except OSError:
                        continue
            time.sleep(0.01)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        server.start(wait_until_ready)
    finally:
        done.set()
        watcher.join()
        server.stop()
    _, password = server.credentials()
    assert any(b"set-initial-password" in c for c in seen), "the watcher saw the admin command"
    assert not [c for c in seen if password.encode() in c]
    assert not list(server.root.glob(".initial-password-*")), "the argument file is removed"
    assert oct(server.credentials_file.stat().st_mode & 0o777) == "0o600"


# -- `kill` of `imr ui` ---------------------------------------------------------------------------
@pytest.mark.timeout(300)
def test_kill_of_imr_ui_stops_streamlit():
    port = free_port()
    process = subprocess.Popen(
        [*IMR, "ui", "--port", str(port)],
        cwd=PROJECT_ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    served: set[int] = set()
    try:
        wait_for(lambda: listening(port), 180, f"Streamlit on port {port}")
        served = children_of(process.pid)
        assert served, "Streamlit runs as a child of `imr ui`"
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
        wait_for(lambda: not any(alive(pid) for pid in served), 30, "Streamlit to exit")
        assert not listening(port)
    finally:
        kill_all(served | {process.pid})
