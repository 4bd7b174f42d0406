"""The review setup over HTTP: a real `python -m pipeline review` process on 127.0.0.1."""

import json
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from datasette_auth_passwords.utils import hash_password

from pipeline import export, review, store
from pipeline.records import Document, Event, Evidence, Tagged

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "correct horse battery staple"

LIMA = ("Defense minister receives Peruvian delegation\n"
        "Chinese Defense Minister Li Shangfu met Peruvian Army Commander Walter Cordova in "
        "Beijing on 16 May 2023. The two discussed officer exchanges.\n"
        "Observers in Lima noted wider ties.")
NAVY = ("Hospital ship calls at Callao\n"
        "The Chinese Navy hospital ship Silk Road Ark docked in Callao on 2 October 2024 for a "
        "week of free care.\n"
        "Peru's navy welcomed the crew.")
LIMA_ES = ("Li Shangfu recibe a Walter Córdova\n"
           "El ministro chino de Defensa Li Shangfu recibió en Pekín al comandante del Ejército "
           "peruano Walter Córdova en mayo de 2023.")
TRAINING = ("Brazilian officers graduate in Nanjing\n"
            "Twelve Brazilian Army officers completed a command course at the PLA Army Command "
            "College in Nanjing in June 2025.")


def make_tagged(doc_id: str, url: str, text: str, events: list[tuple], title: str,
                language: str = "en") -> Tagged:
    """events: (key, type, date, countries, confidence, sentence, trigger)."""
    doc = Document(id=doc_id, url=url, source="test", text=text, title=title,
                   published="2025-01-01", language=language, extractor="test",
                   extractor_version="1")
    built = []
    for key, kind, date, countries, confidence, sentence, trigger in events:
        start = text.index(sentence)
        t0 = text.index(trigger, start)
        evidence = Evidence(doc_id, sentence, start, start + len(sentence), None,
                            f"{kind}.test.en", trigger, t0, t0 + len(trigger))
        precision = {10: "day", 7: "month", 4: "year"}[len(date)]
        built.append(Event(key, kind, date, precision, "stated", countries, None, (), (),
                           confidence, (evidence,)))
    return Tagged(doc, (), tuple(built), "test")


LIMA_VISIT = ("lima-visit", "senior_visit", "2023-05-16", ("CHN", "PER"), 0.9,
              "Chinese Defense Minister Li Shangfu met Peruvian Army Commander Walter Cordova in "
              "Beijing on 16 May 2023.", "met")
PORT_CALL = ("port-call", "port_call", "2024-10-02", ("CHN", "PER"), 0.8,
             "The Chinese Navy hospital ship Silk Road Ark docked in Callao on 2 October 2024 "
             "for a week of free care.", "docked in")
# the same visit told by a Spanish-language outlet, to the month: merged into lima-visit
LIMA_VISIT_ES = ("lima-visit-es", "senior_visit", "2023-05", ("CHN", "PER"), 0.6,
                 "El ministro chino de Defensa Li Shangfu recibió en Pekín al comandante del "
                 "Ejército peruano Walter Córdova en mayo de 2023.", "recibió")
COURSE = ("course", "education_training", "2025-06", ("BRA", "CHN"), 0.7,
          "Twelve Brazilian Army officers completed a command course at the PLA Army Command "
          "College in Nanjing in June 2025.", "command course")


def build_corpus(path: Path) -> None:
    db = store.open_db(path)
    run = store.start_run(db, "test", "test")
    store.save(db, make_tagged("d-lima", "https://example.org/lima", LIMA, [LIMA_VISIT],
                               "Defense minister receives Peruvian delegation"), run)
    store.save(db, make_tagged("d-navy", "https://example.org/navy", NAVY, [PORT_CALL],
                               "Hospital ship calls at Callao"), run)
    store.save(db, make_tagged("d-course", "file:///samples/course.txt", TRAINING, [COURSE],
                               "Brazilian officers graduate in Nanjing"), run)
    store.save(db, make_tagged("d-lima-es", "https://example.org/es/lima", LIMA_ES,
                               [LIMA_VISIT_ES], "Li Shangfu recibe a Walter Córdova",
                               language="es"), run)
    db.conn.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`python -m pipeline review` on a free port; reviewer 'ana' with PASSWORD."""

    def __init__(self, db_path: Path):
        self.db_path = db_path
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "MILEX_PASSWORD_HASH_ANA": hash_password(PASSWORD)}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "pipeline", "review", "--db", str(db_path),
             "--port", str(self.port)], cwd=ROOT, env=env,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.url + "/-/versions.json").status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("datasette did not start: " + self.proc.stdout.read().decode())

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()

    def rows(self, sql: str) -> list[tuple]:
        db = store.open_db(self.db_path)
        try:
            return [tuple(r) for r in db.conn.execute(sql)]
        finally:
            db.conn.close()

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, follow_redirects=False, timeout=20)

    @contextmanager
    def login(self, username: str = "ana", password: str = PASSWORD) -> Iterator[httpx.Client]:
        with self.client() as client:
            token = csrftoken(client.get("/-/login").text)
            response = client.post("/-/login", data={"username": username,
                                                     "password": password, "csrftoken": token})
            assert response.status_code == 302, response.text
            yield client


def csrftoken(html: str) -> str:
    return re.search(r'name="csrftoken" value="([^"]+)"', html).group(1)


def decide(client: httpx.Client, query: str, key: str, **fields: str) -> httpx.Response:
    """Post a decision from the event page's own form (its CSRF token)."""
    token = csrftoken(client.get(f"/corpus/events/{key}").text)
    data = {"csrftoken": token, "key": key, "note": "", **fields}
    return client.post(f"/corpus/{query}", data=data)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    path = tmp_path_factory.mktemp("review") / "corpus.db"
    build_corpus(path)
    srv = Server(path)
    yield srv
    srv.stop()


def test_the_queue_lists_unreviewed_events_most_confident_first_with_marked_evidence(server):
    with server.client() as client:
        queue = client.get("/corpus/review_queue.json?_shape=array").json()
        assert [(r["key"], r["review_status"]) for r in queue][:3] == [
            ("lima-visit", "unreviewed"), ("port-call", "unreviewed"), ("course", "unreviewed")]
        first = queue[0]
        # two outlets reported the visit: one event, its most precise report's sentence first
        assert (first["evidence"], first["document_title"], first["document_url"],
                first["documents"], first["languages"]) == (
            "Chinese Defense Minister Li Shangfu ⟦met⟧ Peruvian Army Commander Walter Cordova in "
            "Beijing on 16 May 2023.", "Defense minister receives Peruvian delegation",
            "https://example.org/lima", 2, '["en", "es"]')
        assert [(r["url"], r["language"]) for r in json.loads(first["reports"])] == [
            ("https://example.org/es/lima", "es"), ("https://example.org/lima", "en")]
        assert len(queue) == 3
        html = client.get("/corpus/review_queue").text
        assert "Li Shangfu <mark>met</mark> Peruvian" in html
        assert '<a href="/corpus/events/lima-visit">lima-visit</a>' in html
        assert ('<span class="reports">2 reports in 2 languages: <a href="https://example.org/es/'
                'lima" title="Li Shangfu recibe a Walter Córdova · 2025-01-01">es</a> <a href="'
                'https://example.org/lima"') in html
        assert '1 report in 1 language: <a href="/corpus/documents/d-course"' in html
        # the column descriptions are one click away, in a closed <details> (the browser test
        # checks the table is what a reviewer sees first)
        help_at = html.index('<details class="queue-more" id="queue-help">')
        assert help_at < html.index('<dl class="column-descriptions">') < html.index(
            "</details>", help_at) < html.index('<table class="rows-and-columns">')
        # next: after the event the decision was taken on (its page is the referer), wrapping
        nexts = [client.get("/-/review/next", headers=h).headers["location"] for h in (
            {}, {"referer": server.url + "/corpus/events/lima-visit"},
            {"referer": server.url + "/corpus/events/course"}, {"referer": server.url + "/"})]
        assert nexts == ["/corpus/events/lima-visit", "/corpus/events/port-call",
                         "/corpus/events/lima-visit", "/corpus/events/lima-visit"]


def test_the_countries_facet_counts_the_events_of_each_country(server):
    with server.client() as client:
        facets = client.get("/corpus/review_queue.json?_facet_size=10").json()["facet_results"]
        rows = client.get("/corpus/review_queue.json?_shape=array&countries__arraycontains=PER"
                          ).json()
    assert {r["value"]: r["count"] for r in facets["countries"]["results"]} == {
        "CHN": 3, "PER": 2, "BRA": 1}
    assert [r["key"] for r in rows] == ["lima-visit", "port-call"]


def test_a_merged_report_opens_its_event_and_a_decision_on_it_applies_there(server):
    with server.client() as client:
        html = client.get("/corpus/events/lima-visit-es").text
    assert "Report <code>lima-visit-es</code> was merged into this event" in html
    assert '<h2 id="reports">Reports (2 reports in 2 languages)</h2>' in html
    assert html.index("Li Shangfu <mark>met</mark>") < html.index("Li Shangfu <mark>recibió"
                                                                  "</mark>")
    with server.login() as client:
        token = csrftoken(client.get("/corpus/events/lima-visit-es").text)
        response = client.post("/corpus/reject", data={"csrftoken": token, "key": "lima-visit-es",
                                                       "note": "merged-away key"})
        assert response.status_code == 302
        event = client.get("/corpus/reviewed_events.json?_shape=array&key=lima-visit").json()[0]
        page = client.get("/corpus/events/lima-visit").text
    assert event["review_status"] == "rejected"
    assert "<td>merged-away key</td><td><code>lima-visit-es</code></td>" in page
    (row,) = server.rows("SELECT event_key, status, json_extract(snapshot, '$.report_ids') "
                         "FROM reviews WHERE note = 'merged-away key'")
    assert row == ("lima-visit-es", "rejected", '["lima-visit","lima-visit-es"]')
    # put the queue back as the other tests expect it
    db = store.open_db(server.db_path)
    db.conn.execute("DELETE FROM reviews WHERE note = 'merged-away key'")
    db.conn.close()


def test_next_skips_decided_events_and_wraps_round():
    order = [("a", "accepted"), ("b", "unreviewed"), ("c", "rejected"), ("d", "unreviewed")]
    assert [review.next_in(order, k) for k in (None, "a", "b", "c", "d", "zz")] == [
        "b", "b", "d", "d", "b", "b"]
    assert review.next_in([("a", "accepted")], "a") is None


def test_the_event_page_shows_the_sentence_in_its_paragraph(server):
    with server.client() as client:
        html = client.get("/corpus/events/lima-visit").text
    assert ('<span class="sentence">Chinese Defense Minister Li Shangfu <mark>met</mark> '
            "Peruvian Army Commander Walter Cordova in Beijing on 16 May 2023.</span>"
            '<span class="context"> The two discussed officer exchanges.</span>') in html
    assert '<a href="https://example.org/lima">Defense minister receives Peruvian delegation</a>' \
        in html
    assert "Log in</a> to accept" in html and 'id="accept"' not in html


def test_anonymous_users_can_read_but_never_write(server):
    with server.client() as client:
        assert client.get("/corpus/reviews.json").status_code == 200
        token = csrftoken(client.get("/-/login").text)
        response = client.post("/corpus/accept", data={"csrftoken": token,
                                                        "key": "course", "note": ""})
        assert response.status_code == 403
        # arbitrary SQL runs on a read-only connection
        sql = client.get("/corpus.json", params={"sql": "DELETE FROM reviews"})
        assert sql.status_code == 400
    assert server.rows("SELECT count(*) FROM reviews WHERE event_key = 'course'") == [(0,)]


def test_a_wrong_password_does_not_log_in(server):
    with server.client() as client:
        token = csrftoken(client.get("/-/login").text)
        response = client.post("/-/login", data={"username": "ana", "password": "nope",
                                                 "csrftoken": token})
        assert (response.status_code, "ds_actor" in client.cookies) == (200, False)


def test_a_post_without_the_csrf_token_is_refused(server):
    with server.login() as client:
        response = client.post("/corpus/accept", data={"key": "course", "note": ""})
        assert response.status_code == 403
    assert server.rows("SELECT count(*) FROM reviews WHERE event_key = 'course'") == [(0,)]


def test_accept_reject_and_correct_append_rows_with_the_reviewer_and_the_latest_wins(server):
    with server.login() as client:
        page = client.get("/corpus/events/lima-visit").text
        assert 'accesskey="a" id="accept"' in page and 'accesskey="r" id="reject"' in page
        accepted = decide(client, "accept", "lima-visit")
        assert (accepted.status_code, accepted.headers["location"]) == (302, "/-/review/next")
        # the next unreviewed event of the queue
        assert client.get("/-/review/next").headers["location"] == "/corpus/events/port-call"
        assert decide(client, "reject", "port-call", note="a routine visit").status_code == 302
        assert decide(client, "correct", "lima-visit", type="", date="2023-05",
                      countries="chn, per", location="Beijing ",
                      note="date is the month").status_code == 302
    rows = server.rows("SELECT event_key, status, corrected, reviewer, note FROM reviews "
                       "WHERE event_key IN ('lima-visit', 'port-call') ORDER BY id")
    assert rows == [
        ("lima-visit", "accepted", None, "ana", None),
        ("port-call", "rejected", None, "ana", "a routine visit"),
        ("lima-visit", "corrected", '{"date":"2023-05","date_precision":"month",'
         '"countries":["CHN","PER"],"location":"Beijing"}', "ana", "date is the month"),
    ]
    times = server.rows("SELECT reviewed_at FROM reviews")
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", t) for (t,) in times)
    snapshot = json.loads(server.rows("SELECT snapshot FROM reviews WHERE event_key = "
                                      "'port-call'")[0][0])
    assert (snapshot["type"], snapshot["countries"], snapshot["document_url"]) == (
        "port_call", ["CHN", "PER"], "https://example.org/navy")
    with server.client() as client:
        event = client.get("/corpus/reviewed_events.json?_shape=array&key=lima-visit").json()[0]
    assert (event["review_status"], event["date"], event["date_precision"], event["location"],
            event["reviewer"], event["decisions"]) == (
        "corrected", "2023-05", "month", "Beijing", "ana", 2)


def test_a_rerun_never_loses_a_review(server):
    with server.login() as client:
        assert decide(client, "accept", "course").status_code == 302
    before = server.rows("SELECT * FROM reviews ORDER BY id")
    # new rules date the course differently: the old key is no longer extracted
    db = store.open_db(server.db_path)
    run = store.start_run(db, "test rerun", "test-2")
    moved = ("course-2025", *COURSE[1:])
    store.save(db, make_tagged("d-course", "file:///samples/course.txt", TRAINING, [moved],
                               "Brazilian officers graduate in Nanjing"), run)
    db.conn.close()
    assert server.rows("SELECT * FROM reviews ORDER BY id") == before
    with server.client() as client:
        orphans = client.get("/corpus/orphaned_reviews.json?_shape=array").json()
        assert [(o["event_key"], o["status"], o["type"], o["reviewer"]) for o in orphans] == [
            ("course", "accepted", "education_training", "ana")]
        html = client.get("/corpus/orphaned_reviews").text
        assert "Twelve Brazilian Army officers completed a command course" in html
    # the event comes back (the rule change is reverted): its decision applies again
    db = store.open_db(server.db_path)
    store.save(db, make_tagged("d-course", "file:///samples/course.txt", TRAINING, [COURSE],
                               "Brazilian officers graduate in Nanjing"), run)
    assert [e["review_status"] for e in export.events(db) if e["event_id"] == "course"] == [
        "accepted"]
    db.conn.close()
    with server.client() as client:
        assert client.get("/corpus/orphaned_reviews.json?_shape=array").json() == []


def test_search_covers_document_text_and_evidence_sentences(server):
    with server.client() as client:
        docs = client.get("/corpus/documents.json?_search=Callao&_shape=array").json()
        sentences = client.get("/corpus/evidence.json?_search=hospital&_shape=array").json()
    assert [d["id"] for d in docs] == ["d-navy"]
    assert [s["event_key"] for s in sentences] == ["port-call"]


def test_resaving_documents_keeps_the_search_index_consistent(db):
    run = store.start_run(db, "test", "test")
    for _ in range(2):
        store.save(db, make_tagged("d-navy", "https://example.org/navy", NAVY, [PORT_CALL],
                                   "Hospital ship calls at Callao"), run)
    for table in ("documents_fts", "evidence_fts"):
        db.conn.execute(f"INSERT INTO {table} ({table}) VALUES ('integrity-check')")
    assert db.conn.execute("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH "
                           "'callao'").fetchone() == (1,)


def test_metadata_takes_accounts_from_the_environment_and_follows_the_file_name():
    env = {"MILEX_PASSWORD_HASH_ANA": "pbkdf2_sha256$1$x$y", "MILEX_PASSWORD_HASH_": "z",
           "HOME": "/root"}
    meta = review.metadata("elsewhere/events2024.db", env)
    assert meta["plugins"]["datasette-auth-passwords"] == {
        "ana_password_hash": {"$env": "MILEX_PASSWORD_HASH_ANA"}}
    assert "pbkdf2" not in json.dumps(meta)
    assert list(meta["databases"]) == ["events2024"]
    assert sorted(meta["databases"]["events2024"]["queries"]) == ["accept", "correct", "reject"]


def test_every_table_and_view_column_is_described(db):
    meta = review.metadata("corpus.db", {})
    tables = meta["databases"]["corpus"]["tables"]
    for name in [*db.table_names(), *db.view_names()]:
        if name.endswith(("_fts", "_fts_data", "_fts_idx", "_fts_docsize", "_fts_config")):
            continue
        assert name in tables and tables[name].get("description"), name
        columns = [c.name for c in (db[name].columns if name in db.table_names()
                                    else db.view(name).columns)]
        assert sorted(tables[name]["columns"]) == sorted(columns), name


def test_the_server_binds_to_localhost_unless_told_otherwise():
    from click.testing import CliRunner

    from pipeline.cli import cli

    review_cmd = cli.commands["review"]
    assert {p.name: p.default for p in review_cmd.params}["host"] == "127.0.0.1"
    assert CliRunner().invoke(cli, ["review", "--db", "/nonexistent/x.db"]).exit_code == 1


def test_every_table_and_view_page_renders_with_its_facets(server):
    names = ["review_queue", "reviewed_events", "latest_reviews", "orphaned_reviews", "events",
             "evidence", "documents", "mentions", "fetches", "reviews", "runs", "sources"]
    with server.login() as client:  # runs, sources and fetches are for reviewers only
        statuses = {n: client.get(f"/corpus/{n}").status_code for n in names}
        facets = client.get("/corpus/review_queue.json?_facet_size=5").json()["facet_results"]
    assert statuses == dict.fromkeys(names, 200)
    assert sorted(facets) == ["countries", "review_status", "source", "type", "year"]


def test_upgrading_a_database_indexes_the_rows_it_already_holds(db_path):
    import sqlite3

    import sqlite_utils

    conn = sqlite3.connect(db_path, isolation_level=None)
    old = sqlite_utils.Database(conn)
    before = store.MIGRATIONS.index(store._v3_review_views)
    for migration in store.MIGRATIONS[:before]:
        migration(old)
    conn.execute(f"PRAGMA user_version = {before}")
    conn.execute("INSERT INTO documents (id, url, title, text) VALUES "
                 "('d-navy', 'https://example.org/navy', 'Hospital ship', ?)", (NAVY,))
    conn.execute("INSERT INTO reviews (event_key, status, reviewer, reviewed_at) VALUES "
                 "('port-call', 'accepted', 'ana', '2026-01-01T00:00:00Z')")
    conn.close()
    db = store.open_db(db_path)
    assert db.conn.execute("SELECT rowid FROM documents_fts WHERE documents_fts MATCH "
                           "'callao'").fetchall() == [(1,)]
    assert db.conn.execute("SELECT event_key, status, type, reviewer FROM orphaned_reviews"
                           ).fetchall() == [("port-call", "accepted", None, "ana")]
    db.conn.close()
