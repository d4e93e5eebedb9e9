"""Faults survived, bad input refused, nothing lost, nobody in — with real processes and Neo4j."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import threading
import time

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.backup import canonical_hash
from graph.search import PrecedentSearch, SearchFilters, SearchRequest
from imr.cli import cli
from imr.localserver import LocalServer
from ingest.parse import MAX_DOCUMENT_BYTES, parse_path
from ingest.records import ParsedDocument, ParseFailure
from tests.conftest import PROJECT_ROOT, wipe
from tests.corpus import ingest

IMR = [sys.executable, "-m", "imr.cli"]


def run_imr(args: list[str], env: dict | None = None, timeout: int = 600):
    return subprocess.run(
        [*IMR, *args],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        env={**os.environ, **(env or {})},
        timeout=timeout,
    )


def node_count(driver) -> int:
    return driver.execute_query("MATCH (n) RETURN count(n) AS n").records[0]["n"]


@pytest.fixture(scope="module")
def undisturbed(empty_graph, database, cached_embedder, corpus, tmp_path_factory):
    """The corpus ingested without interruption: the graph every other run must end with."""
    ingest(empty_graph, database, cached_embedder, [corpus], tmp_path_factory.mktemp("r"))
    return canonical_hash(empty_graph, database)


def local_only(settings) -> LocalServer:
    if settings.neo4j_uri:
        pytest.skip("a remote server is configured; these tests kill and restart the local one")
    return LocalServer(settings)


def test_neo4j_killed_mid_ingest_then_rerun_gives_the_same_graph(
    settings, driver, database, corpus, undisturbed, tmp_path
):
    from graph.connection import wait_until_ready

    server = local_only(settings)
    wipe(driver, database)
    env = {"IMR_EMBED_CACHE_DIR": str(tmp_path / "cold")}  # slow enough to kill half-way
    process = subprocess.Popen(
        [*IMR, "ingest", str(corpus), "--batch-size", "4", "--quiet"],
        cwd=PROJECT_ROOT,
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        loaded = driver.execute_query("MATCH (f:SourceFile) RETURN count(f) AS n").records[0]["n"]
        if loaded >= 3:
            break
        time.sleep(0.1)
    pid = server.pid()
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    _, stderr = process.communicate(timeout=300)
    assert process.returncode == 2, stderr
    assert "Neo4j" in stderr and "Traceback" not in stderr
    assert len(stderr.strip().splitlines()) == 1
    server.start(wait_until_ready)
    rerun = run_imr(["ingest", str(corpus), "--quiet"], env=env)
    assert rerun.returncode == 0, rerun.stderr
    assert canonical_hash(driver, database) == undisturbed


def test_two_overlapping_ingests_at_once_equal_a_sequential_run(
    driver, database, corpus, undisturbed, tmp_path
):
    wipe(driver, database)
    letters = sorted((corpus / "letters").iterdir())
    half = len(letters) // 2
    first = [str(p) for p in letters[: half + 10]]
    second = [str(p) for p in letters[half - 10 :]] + [str(corpus / "dmhc.csv")]
    processes = [
        subprocess.Popen(
            [*IMR, "ingest", *files, "--batch-size", "8", "--quiet"],
            cwd=PROJECT_ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for files in (first, second)
    ]
    for process in processes:
        _, stderr = process.communicate(timeout=600)
        assert process.returncode == 0, stderr
    duplicates = driver.execute_query(
        "MATCH (d:Decision) WITH d.decision_id AS id, count(*) AS n WHERE n > 1 "
        "RETURN count(*) AS c"
    ).records[0]["c"]
    assert duplicates == 0
    assert canonical_hash(driver, database) == undisturbed


def test_searches_survive_a_server_restart(
    settings, driver, database, embedder, corpus, undisturbed
):
    from graph.connection import wait_until_ready

    server = local_only(settings)
    searcher = PrecedentSearch(driver, database, embedder)
    errors: list[BaseException] = []
    done = threading.Event()
    answered = 0

    def keep_searching() -> None:
        nonlocal answered
        while not done.is_set():
            try:
                searcher.search(SearchRequest(query="physical therapy", mode="lexical", k=3))
                answered += 1
            except BaseException as error:
                errors.append(error)
            time.sleep(0.05)

    worker = threading.Thread(target=keep_searching)
    worker.start()
    time.sleep(0.5)
    server.stop()
    server.start(wait_until_ready)
    time.sleep(1.0)
    done.set()
    worker.join(timeout=120)
    assert not errors, errors[:3]
    assert answered > 0


def test_oversized_documents_are_refused_quickly_with_bounded_memory(tmp_path):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:  # 200 MB, sparse: costs no disk
        handle.truncate(200 * 1024 * 1024)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    [result] = parse_path(huge)
    assert isinstance(result, ParseFailure) and "too large" in result.error
    assert time.monotonic() - started < 5
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 50, f"memory grew by {grown_mb:.0f} MB reading a refused file"
    assert MAX_DOCUMENT_BYTES < 200 * 1024 * 1024


def test_a_5000_page_pdf_is_refused(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "pages.pdf"
    pdf = canvas.Canvas(str(path), invariant=1)
    for page in range(5000):
        pdf.drawString(72, 720, f"Page {page + 1} of 5000")
        pdf.showPage()
    pdf.save()
    [result] = parse_path(path)
    assert isinstance(result, ParseFailure)
    assert "pages" in result.error


BAD_ARGUMENTS = [
    ["search", "x", "--k", "0"],
    ["search", "x", "--mode", "magic"],
    ["search", "x", "--outcome", "won"],
    ["search", "x", "--from", "2015-13-45"],
    ["search", "x", "--age-min", "60", "--age-max", "40"],
    ["search", "x", "--from", "2016-01-01", "--to", "2015-01-01"],
    ["search", "x", "--sex", "other"],
    ["search", "x", "--source", "web"],
    ["search", "--mode", "graph"],
    ["ingest"],
    ["ingest", "/definitely/not/here"],
    ["ingest", "x", "--batch-size", "0"],
    ["parse"],
    ["generate", "--n", "0", "--out", "/tmp/x"],
    ["cypher"],
    ["cypher", "RETURN 1", "--param", "not-a-pair"],
    ["eval", "/definitely/not/here.jsonl"],
    ["no-such-command"],
    ["search", "x", "--no-such-flag"],
]


@pytest.mark.parametrize("args", BAD_ARGUMENTS, ids=lambda a: " ".join(a)[:40])
def test_bad_arguments_give_one_line_and_exit_2(args, neo4j_server):
    result = run_imr(args, timeout=120)
    assert result.returncode == 2, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert "Traceback" not in result.stderr + result.stdout


PAYLOADS = [
    "' OR 1=1 //",
    "}) DETACH DELETE n //",
    "\\u0027 }) MATCH (n) DETACH DELETE n //",
    "`x` DETACH DELETE n",
    "*:*",
    "MATCH (n) DETACH DELETE n",
    "x" * 3000,
]


def test_injection_payloads_change_nothing(driver, database, undisturbed):
    runner = CliRunner()
    before = canonical_hash(driver, database)
    for payload in PAYLOADS:
        invocations = [
            ["search", payload, "--mode", "lexical"],
            ["search", "therapy", "--mode", "lexical", "--service", payload],
            [
                "search",
                "therapy",
                "--mode",
                "lexical",
                "--diagnosis",
                payload,
                "--guideline",
                payload,
                "--specialty",
                payload,
                "--category",
                payload,
            ],
            [
                "search",
                "--mode",
                "graph",
                "--request-service",
                payload,
                "--request-diagnosis",
                payload,
                "--no-semantic",
            ],
            ["similar", payload],
            ["cypher", payload],
            [
                "cypher",
                "MATCH (d:Decision {service: $s}) RETURN count(d)",
                "--param",
                f"s={payload}",
            ],
        ]
        for args in invocations:
            result = runner.invoke(cli, args)
            assert result.exit_code in (0, 1, 2), (args, result.output)
            assert not isinstance(result.exception, Exception) or isinstance(
                result.exception, SystemExit
            ), (args, result.exception)
    for payload in PAYLOADS[:3]:
        PrecedentSearch(driver, database, None).search(
            SearchRequest(query=payload, mode="lexical", filters=SearchFilters(diagnosis=payload))
        )
    assert canonical_hash(driver, database) == before


def test_the_password_is_never_written_to_logs_or_reports(settings, neo4j_server):
    server = local_only(settings)
    _, password = server.credentials()
    for folder in (server.home / "logs", settings.imr_home / "reports"):
        for path in folder.rglob("*") if folder.is_dir() else []:
            if path.is_file():
                assert password not in path.read_text(errors="ignore"), path
    config = (server.home / "conf" / "neo4j.conf").read_text()
    assert "127.0.0.1" in config and password not in config
    assert "server.default_listen_address=127.0.0.1" in config


def test_env_file_mode_is_checked(tmp_path, monkeypatch, caplog):
    from imr.settings import Settings

    env = tmp_path / ".env"
    env.write_text("NEO4J_USER=neo4j\n")
    env.chmod(0o644)
    settings = Settings.load(env={}, dotenv=env)
    assert settings.neo4j_user == "neo4j"
    assert any("chmod 600" in message for message in caplog.messages)


def _sample_pdf() -> bytes:
    pdfs = sorted((PROJECT_ROOT / "data" / "sample" / "letters").glob("*.pdf"))
    if not pdfs:
        pytest.skip("data/sample holds no PDF")
    return pdfs[0].read_bytes()


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_damaged_pdfs_are_parsed_or_refused_never_crash(tmp_path, data):
    """Broken xref tables, truncations and flipped bytes: a record or a reason, nothing else."""
    original = bytearray(_sample_pdf())
    cut = data.draw(st.integers(0, len(original)))
    damaged = original[:cut] if data.draw(st.booleans()) else original
    for _ in range(data.draw(st.integers(0, 20))):
        if damaged:
            position = data.draw(st.integers(0, len(damaged) - 1))
            damaged[position] = data.draw(st.integers(0, 255))
    path = tmp_path / "damaged.pdf"
    path.write_bytes(bytes(damaged))
    for result in parse_path(path):
        if isinstance(result, ParseFailure):
            assert result.error
        else:
            assert isinstance(result, ParsedDocument)


@pytest.mark.parametrize("encoding", ["utf-16", "cp1252", "latin-1", "utf-8-sig"])
def test_letters_in_other_encodings_are_read_or_refused(tmp_path, encoding):
    text = (PROJECT_ROOT / "tests/fixtures/letters/final_determination_multi.txt").read_text()
    path = tmp_path / f"letter-{encoding}.txt"
    path.write_bytes(text.replace("’", "'").encode(encoding))
    [result] = parse_path(path)
    if isinstance(result, ParseFailure):
        assert result.error
    else:
        assert result.case_id == "CM13-0012345" and len(result.items) == 3
