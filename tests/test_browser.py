"""A reviewer in a real browser: headless Debian chromium driven by Playwright's Python package
(no browser download), against a real `python -m pipeline review` process."""

import shutil

import pytest
from test_review import PASSWORD, Server, build_corpus

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-dev-shm-usage"]

sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not "
                               "installed (pip install -e '.[dev]')")
if CHROMIUM is None:
    pytest.skip("chromium is not installed (apt-get install chromium; .ci/run does it)",
                allow_module_level=True)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    path = tmp_path_factory.mktemp("browser") / "corpus.db"
    build_corpus(path)
    srv = Server(path)
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def log_in(page, url: str) -> None:
    """Log in as the reviewer 'ana' through Datasette's login form."""
    page.goto(url + "/-/login")
    page.fill("input[name=username]", "ana")
    page.fill("input[name=password]", PASSWORD)
    page.click("input[type=submit], button[type=submit]")
    page.wait_for_url(url + "/")


def test_a_reviewer_logs_in_and_works_through_the_queue_with_the_keyboard(server, page):
    log_in(page, server.url)

    # the queue opens on the table: one compact row per event, descriptions one click away
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(server.url + "/corpus/review_queue")
    table = page.locator("table.rows-and-columns")
    assert table.bounding_box()["y"] < 250
    assert [h.strip() for h in page.locator("th:visible").all_inner_texts()] == [
        "key", "review_status", "type", "date", "countries", "reports", "confidence", "evidence"]
    assert not page.locator("dl.column-descriptions").is_visible()
    page.click("#queue-help summary")
    assert page.locator("dl.column-descriptions").is_visible()
    first = page.locator("table.rows-and-columns tbody tr").first
    assert first.locator("td.col-countries").inner_text() == "CHN PER"
    assert first.locator("td.col-reports").inner_text() == "2 reports in 2 languages: es en"
    assert first.locator("td.col-reports a").count() == 2
    assert page.locator("td.col-evidence mark").first.inner_text() == "met"

    # the countries facet filters the queue
    page.click("#queue-filters summary")
    page.locator("#facet-countries a", has_text="PER").click()
    page.wait_for_url("**countries__arraycontains=PER**")
    assert page.locator("td.col-key").all_inner_texts() == ["lima-visit", "port-call"]

    # open the first event: its stating sentence first, every report listed
    page.goto(server.url + "/corpus/review_queue")
    page.locator("td.col-key a").first.click()
    page.wait_for_url("**/corpus/events/lima-visit")
    assert page.locator(".sentence mark").first.inner_text() == "met"
    assert page.locator("#reports").inner_text() == "Reports (2 reports in 2 languages)"

    page.keyboard.press("a")  # accept; the next unreviewed event opens
    page.wait_for_url("**/corpus/events/port-call")
    assert page.locator(".message-info").inner_text() == "Accepted."

    page.keyboard.press("n")  # skip the port call for now
    page.wait_for_url("**/corpus/events/course")
    page.keyboard.press("r")  # reject the course
    page.wait_for_url("**/corpus/events/port-call")
    assert page.locator(".message-info").inner_text() == "Rejected."

    assert server.rows("SELECT event_key, status, reviewer FROM reviews ORDER BY id") == [
        ("lima-visit", "accepted", "ana"), ("course", "rejected", "ana")]
    # the Spanish outlet's report opens the same event, with the decision taken on it
    page.goto(server.url + "/corpus/events/lima-visit-es")
    assert page.locator("#review-status").inner_text() == "accepted"
    assert page.locator("p.merged").is_visible()


def test_a_reviewer_goes_through_every_event_of_the_sample_corpus(tmp_path, settings, page):
    from conftest import ROOT

    from pipeline import run, sources, store

    path = tmp_path / "corpus.db"
    db = store.open_db(path)
    run.ingest(db, sources.load(ROOT / "sources" / "samples.yaml"), settings)
    total = db.conn.execute("SELECT count(*) FROM occurrences").fetchone()[0]
    db.conn.close()
    assert total > 0
    srv = Server(path)
    try:
        log_in(page, srv.url)
        page.goto(srv.url + "/-/review/next")
        for i in range(total):  # accept, reject, accept, … until the queue is empty
            page.wait_for_selector("#review-status")
            with page.expect_navigation():
                page.keyboard.press("a" if i % 2 == 0 else "r")
        page.wait_for_url("**/corpus/review_queue")
        assert "Every event in the queue has been reviewed." in page.content()
    finally:
        srv.stop()
    assert srv.rows("SELECT count(DISTINCT event_key), count(*) FROM reviews") == [
        (total, total)]
    assert srv.rows("SELECT count(*) FROM review_queue WHERE review_status = 'unreviewed'") == [
        (0,)]
