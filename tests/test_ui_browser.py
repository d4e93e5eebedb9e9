"""The app in a real browser: `streamlit run ui/app.py` as a subprocess against the test database,
driven with Playwright in Debian's Chromium (no browser download). Each page is screenshotted to
artifacts/screenshots/ for a person to look at.

Chromium missing: a failure in CI, a skip elsewhere (`apt-get install chromium`).
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.corpus import generate
from tests.ui_support import UiCorpus, ingest_ui_corpus

pytestmark = pytest.mark.browser

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SCREENSHOTS = PROJECT_ROOT / "artifacts" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
START_TIMEOUT_S = 60
WAIT_MS = 60_000  # the first search loads the embedding model
VIEWPORT = {"width": 1400, "height": 1700}


def require_chromium() -> None:
    if CHROMIUM.is_file():
        return
    message = f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_healthy(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"streamlit exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"streamlit did not answer within {START_TIMEOUT_S} s:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="module")
def ui_corpus(empty_graph, database, cached_embedder, tmp_path_factory) -> UiCorpus:
    require_chromium()
    return ingest_ui_corpus(
        empty_graph, database, cached_embedder, tmp_path_factory.mktemp("ui-browser")
    )


@pytest.fixture(scope="module")
def app_url(ui_corpus: UiCorpus, tmp_path_factory) -> Iterator[str]:
    """The app served on a free loopback port, with this session's IMR_HOME / NEO4J_* env."""
    port = free_port()
    log = tmp_path_factory.mktemp("streamlit") / "streamlit.log"
    command = [
        sys.executable, "-m", "streamlit", "run", "ui/app.py",
        "--server.headless", "true", "--server.port", str(port),
        "--server.address", "127.0.0.1", "--server.fileWatcherType", "none",
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    with log.open("wb") as output:
        process = subprocess.Popen(
            command,
            cwd=PROJECT_ROOT,
            env=os.environ.copy(),
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stopped whole below
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(url, process, log)
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    text = log.read_text(errors="replace")
    assert "Traceback" not in text, text[-3000:]


@pytest.fixture(scope="module")
def page(app_url: str):
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=VIEWPORT)
        context.set_default_timeout(WAIT_MS)
        expect.set_options(timeout=WAIT_MS)
        tab = context.new_page()
        yield tab
        context.close()
        browser.close()


def settle(page) -> None:
    """Wait until Streamlit has finished the current run (no 'running' status widget)."""
    page.wait_for_timeout(300)
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached")


def shoot(page, name: str) -> None:
    settle(page)
    page.wait_for_timeout(800)  # charts and the graph animate in
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def no_exception_on_page(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0
    assert "Traceback" not in page.inner_text("body")


def test_search_shows_stats_then_cards_and_keeps_the_query_in_the_url(page, app_url, ui_corpus):
    page.goto(app_url)
    box = page.get_by_label("Describe the treatment request")
    box.fill(f"{ui_corpus.upheld_service} for the lumbar spine")
    box.press("Enter")
    page.get_by_text("Outcomes of these", exact=False).wait_for()
    page.get_by_role("link", name="Open decision").first.wait_for()
    assert re.search(r"[?&]q=", page.url)
    stats = page.get_by_text("Outcomes of these", exact=False).bounding_box()
    first_card = page.get_by_role("link", name="Open decision").first.bounding_box()
    assert stats["y"] < first_card["y"], "the precedent stats come first"
    assert page.get_by_text("Most-cited guidelines").is_visible()
    # Cards stream in element by element: wait for the chips as for the link above.
    page.get_by_text("Why it matched:").first.wait_for(state="visible")
    no_exception_on_page(page)
    shoot(page, "search")

    # A shared URL restores the search and its filters.
    page.goto(f"{app_url}/?q=physical+therapy&outcome=upheld&mode=lexical")
    page.get_by_text("Outcomes of these", exact=False).wait_for()
    expect(page.get_by_label("Describe the treatment request")).to_have_value("physical therapy")
    settle(page)
    badges = page.locator('[data-testid="stMarkdownContainer"] span', has_text=re.compile(
        r"^(Upheld|Overturned|Partially overturned)$"))  # fmt: skip
    texts = {t.strip() for t in badges.all_inner_texts()}
    assert texts == {"Upheld"}, texts
    shoot(page, "search-filtered")
    page.get_by_role("link", name="Clear all filters").click()
    page.wait_for_url(re.compile(r"/\?q=physical\+therapy&mode=lexical"))
    expect(page.get_by_text("filters: outcome = upheld")).to_have_count(0)


def test_decision_page_with_its_graph_and_similar_precedents(page, app_url, ui_corpus):
    hit = ui_corpus.decision
    page.goto(f"{app_url}/?q={hit.service.replace(' ', '+')}&outcome=overturned")
    page.get_by_role("link", name="Open decision").first.click()
    page.wait_for_url(re.compile(r"/decision\?decision="))
    page.get_by_role("heading", name="Decision rationale").wait_for()
    page.get_by_role("heading", name="Similar precedents").wait_for()
    page.get_by_text("Nearest", exact=False).first.wait_for()
    # The neo4j-viz component draws on a canvas, with its JavaScript served by Streamlit.
    canvas = page.locator("canvas").first
    canvas.wait_for()
    no_exception_on_page(page)
    shoot(page, "decision")
    canvas.scroll_into_view_if_needed()
    shoot(page, "decision-graph")
    # A similar precedent opens in its turn, with its id in the address bar.
    title = page.locator("h1").first.inner_text()
    similar = page.get_by_role("link", name="Open decision").first
    target = similar.get_attribute("href").split("decision=")[1]
    similar.click()
    page.wait_for_url(re.compile(rf"decision={re.escape(target)}$"))
    expect(page.locator("h1").first).not_to_have_text(title)


def test_analytics_bar_click_opens_the_matching_search(page, app_url):
    page.goto(f"{app_url}/analytics")
    page.get_by_role("heading", name="By reviewer specialty").wait_for()
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    bar = chart.locator('path[aria-roledescription="bar"]').first
    bar.wait_for()
    no_exception_on_page(page)
    shoot(page, "analytics")
    category = re.search(r"key: ([^;]+);", bar.get_attribute("aria-label")).group(1)
    bar.click()
    page.wait_for_url(re.compile(r"category="))
    page.get_by_text("Outcomes of these", exact=False).wait_for()
    assert page.get_by_text(f"filters: category = {category}").is_visible()


def test_cypher_console_refuses_writes_and_runs_examples(page, app_url):
    page.goto(f"{app_url}/cypher")
    page.get_by_label("Query").fill("CREATE (n:Decision {decision_id: 'x'}) RETURN n")
    page.get_by_role("button", name="Run").click()
    page.get_by_text("Refused: the console is read-only").wait_for()
    page.get_by_label("Example questions").click()
    page.get_by_role("option", name="Outcomes per treatment category").click()
    # Run only once the example has reached the editor: a click before that rerun lands would
    # send the editor's old text (the refused CREATE) along with the button press.
    example_loaded = re.compile(r"^MATCH \(d:Decision\)")
    expect(page.get_by_label("Query")).to_have_value(example_loaded, timeout=WAIT_MS)
    settle(page)
    page.get_by_role("button", name="Run").click()
    page.get_by_text(re.compile(r"^\d+ rows in \d+ ms$")).wait_for()
    no_exception_on_page(page)
    shoot(page, "cypher")


def test_ingest_page_uploads_and_reports_each_file(page, app_url, tmp_path):
    extra = generate(tmp_path / "extra", n=1, seed=4242, dmhc_rows=0)
    letter = next((extra / "letters").iterdir())
    junk = tmp_path / "shopping list.txt"
    junk.write_text("eggs, milk, bread\n")
    page.goto(f"{app_url}/ingest")
    page.get_by_text("Upload IMR determination letters", exact=False).wait_for()
    page.locator('input[type="file"]').set_input_files([str(letter), str(junk)])
    page.get_by_role("button", name=re.compile(r"Ingest 2 file")).click()
    page.get_by_text("1 ingested, 0 skipped, 1 failed").wait_for()
    no_exception_on_page(page)
    shoot(page, "ingest")
