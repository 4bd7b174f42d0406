"""The review server's checks and limits, on a real `python -m pipeline review` process:
decisions that would write nothing or store a typo are refused with the reason on the page;
anonymous readers see the dataset but not the internal tables or arbitrary SQL; logins are
throttled; notes and bodies are capped; every CSV it serves has formula cells neutralised."""

import csv
import io
import json

import httpx
import pytest
from test_cells import HOSTILE_TITLE
from test_review import PASSWORD, Server, build_corpus, csrftoken, decide

from pipeline import access, review, store
from pipeline.records import Document, Tagged


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    path = tmp_path_factory.mktemp("limits") / "corpus.db"
    build_corpus(path)
    srv = Server(path)
    yield srv
    srv.stop()


def message_after(client: httpx.Client, response: httpx.Response) -> tuple[str, str]:
    """Follow a decision's redirects; the page it lands on and the message shown there."""
    while response.status_code in (301, 302):
        response = client.get(response.headers["location"],
                              headers={"referer": str(response.request.headers.get(
                                  "referer", ""))})
    found = response.text.split('class="message-error">', 1)
    return str(response.url.path), found[1].split("<", 1)[0].strip() if len(found) > 1 else ""


def reviews_of(server, key: str) -> list[tuple]:
    return server.rows(f"SELECT status, corrected FROM reviews WHERE event_key = '{key}'")


@pytest.mark.parametrize("fields, reason", [
    ({"date": "2000-13-01"}, "date &#39;2000-13-01&#39; is not a real date between 1900 and "
                             "2100: write YYYY-MM-DD, YYYY-MM or YYYY."),
    ({"date": "abcd-ef"}, "date &#39;abcd-ef&#39; is not a real date"),
    ({"type": "not_a_type"}, "type &#39;not_a_type&#39; is not one of: senior_visit, "),
    ({"countries": "ZZ", "type": "port_call"}, "countries: &#39;ZZ&#39; is not a code of "
                                               "models/countries.jsonl"),
])
def test_a_correction_with_an_invalid_field_is_refused_with_the_reason_on_the_page(
        server, fields, reason):
    with server.login() as client:
        page = f"{server.url}/corpus/events/course"
        token = csrftoken(client.get("/corpus/events/course").text)
        response = client.post("/corpus/correct", headers={"referer": page},
                               data={"csrftoken": token, "key": "course", "note": "", **fields})
        assert response.headers["location"] == "/-/review/back"
        path, message = message_after(client, response)
        as_json = client.post("/corpus/correct", headers={"accept": "application/json"},
                              data={"csrftoken": token, "key": "course", **fields}).json()
    assert path == "/corpus/events/course"  # back on the event, to fix the typo
    assert message.startswith("Not recorded: ") and reason in message, message
    assert as_json["ok"] is False and as_json["message"].startswith("Not recorded: ")
    assert reviews_of(server, "course") == []


def test_a_valid_correction_is_stored_clean(server):
    with server.login() as client:
        response = decide(client, "correct", "port-call", type="port_call", date="2024-10",
                          countries="per ; chn", location=" Callao ")
        assert response.headers["location"] == "/-/review/next"
    assert reviews_of(server, "port-call") == [
        ("corrected", '{"type":"port_call","date":"2024-10","date_precision":"month",'
                      '"countries":["CHN","PER"],"location":"Callao"}')]


def test_a_decision_on_a_key_no_event_has_writes_nothing_and_says_so(server):
    before = server.rows("SELECT count(*) FROM reviews")
    with server.login() as client:
        token = csrftoken(client.get("/corpus/events/lima-visit").text)
        for query in ("accept", "reject", "correct"):
            answer = client.post(f"/corpus/{query}", headers={"accept": "application/json"},
                                 data={"csrftoken": token, "key": "merged-away", "note": ""})
            assert answer.json() == {
                "ok": False, "redirect": "/-/review/back",
                "message": "Not recorded: no event has the key 'merged-away' (a later run may "
                           "have merged or dropped it); nothing was written."}
        response = client.post("/corpus/accept", data={"csrftoken": token, "key": "merged-away"},
                               headers={"referer": f"{server.url}/corpus/events/merged-away"})
        path, message = message_after(client, response)
    assert path == "/corpus/review_queue"  # that event page is gone: back to the queue
    assert message.startswith("Not recorded: no event has the key")
    assert server.rows("SELECT count(*) FROM reviews") == before


def test_long_notes_are_refused_and_huge_bodies_are_cut_off(server):
    with server.login() as client:
        token = csrftoken(client.get("/corpus/events/lima-visit").text)
        data = {"csrftoken": token, "key": "lima-visit"}
        long_note = client.post("/corpus/accept", headers={"accept": "application/json"},
                                data={**data, "note": "x" * (access.MAX_NOTE_CHARS + 1)})
        huge = client.post("/corpus/accept", data={**data, "note": "x" * 10_000_000})
        kept = client.post("/corpus/accept", headers={"accept": "application/json"},
                           data={**data, "note": " why: " + "y" * 1000})
    assert long_note.json()["message"] == ("Not recorded: the note has 2,001 characters; at "
                                           "most 2,000 are kept.")
    assert huge.status_code == 413
    assert kept.json()["ok"] is True
    assert server.rows("SELECT note FROM reviews WHERE event_key = 'lima-visit'") == [
        ("why: " + "y" * 1000,)]


def test_anonymous_readers_see_the_dataset_but_not_the_internals(server):
    internal = ["/corpus/runs", "/corpus/sources.json", "/corpus/fetches.csv",
                "/corpus/runs/1", "/-/databases.json"]
    with server.client() as client:
        public = {p: client.get(p).status_code for p in (
            "/corpus/review_queue", "/corpus/events.json", "/corpus/evidence.csv",
            "/corpus/documents.json?_search=Callao", "/corpus/reviews.json")}
        hidden = {p: client.get(p).status_code for p in internal}
        sql = client.get("/corpus.json", params={"sql": "SELECT host, pid FROM runs"})
        listing = client.get("/corpus").text
        meta = client.get("/-/metadata.json")
    assert public == dict.fromkeys(public, 200)
    assert hidden == dict.fromkeys(internal, 403)
    assert sql.status_code == 403
    assert "/corpus/runs" not in listing and "/corpus/review_queue" in listing
    assert meta.status_code == 200 and "plugins" not in meta.json()
    assert "ana" not in meta.text and "password" not in meta.text
    assert meta.json()["databases"]["corpus"]["tables"]["review_queue"]["description"]
    with server.login() as client:  # reviewers see everything and may run SQL
        assert client.get("/corpus/runs.json").status_code == 200
        assert client.get("/-/databases.json").json()[0]["path"] == str(server.db_path)
        rows = client.get("/corpus.json", params={"sql": "SELECT count(*) AS n FROM runs",
                                                  "_shape": "array"}).json()
        assert rows == [{"n": 1}]
    assert review.metadata("corpus.db", {}, public_sql=True)["databases"]["corpus"][
        "allow_sql"] is True


def test_every_csv_the_server_sends_has_formula_cells_neutralised(server):
    db = store.open_db(server.db_path)
    store.save(db, Tagged(Document(id="d-hostile", url="https://example.org/hostile",
                                   source="test", text="A page.", title=HOSTILE_TITLE),
                          (), (), "test"), store.start_run(db, "test", "test"))
    db.conn.execute("INSERT INTO reviews (event_key, status, reviewer, reviewed_at, note) "
                    "VALUES ('course', 'rejected', 'ana', '2026-01-01T10:00:00Z', "
                    "'=cmd|'' /C calc''!A0')")
    db.conn.close()
    with server.client() as client:
        documents = client.get("/corpus/documents.csv?_size=max&_dl=1")
        streamed = client.get("/corpus/reviews.csv?_stream=1")
        query = client.get("/corpus.csv", params={"sql": "SELECT 1"})  # anonymous: refused
    assert documents.headers["content-type"].startswith("text/csv")
    titles = [r["title"] for r in csv.DictReader(io.StringIO(documents.text))]
    assert "'" + HOSTILE_TITLE in titles and HOSTILE_TITLE not in titles
    notes = [r["note"] for r in csv.DictReader(io.StringIO(streamed.text))]
    assert "'=cmd|' /C calc'!A0" in notes
    assert query.status_code == 403
    with server.login() as client:  # and the CSV of a reviewer's own query
        mine = client.get("/corpus.csv", params={"sql": "SELECT '@SUM(1)' AS a, -3 AS b"})
    assert list(csv.reader(io.StringIO(mine.text))) == [["a", "b"], ["'@SUM(1)", "-3"]]


def test_a_bad_stored_correction_does_not_break_the_event_page(server):
    db = store.open_db(server.db_path)
    db.conn.execute("INSERT INTO reviews (event_key, status, corrected, reviewer, reviewed_at) "
                    "VALUES ('lima-visit', 'corrected', '{\"countries\": \"ZZ\", \"date\": "
                    "\"2000-13-01\"}', 'ana', '9999-01-01T00:00:00Z')")  # the latest
    db.conn.close()
    with server.client() as client:
        page = client.get("/corpus/events/lima-visit")
    assert page.status_code == 200
    assert "senior_visit · 2023-05-16 · CHN, PER" in page.text
    assert "The stored correction is not used where it is not valid: date" in page.text


def test_logins_are_throttled_per_address(tmp_path):
    path = tmp_path / "corpus.db"
    build_corpus(path)
    srv = Server(path)
    try:
        with srv.client() as client:
            token = csrftoken(client.get("/-/login").text)
            tries = [client.post("/-/login", data={"username": "ana", "password": f"guess{i}",
                                                   "csrftoken": token}).status_code
                     for i in range(access.LOGIN_FAILURES)]
            right = client.post("/-/login", data={"username": "ana", "password": PASSWORD,
                                                  "csrftoken": token})
    finally:
        srv.stop()
    assert tries == [200] * access.LOGIN_FAILURES  # the form again, "Invalid username…"
    assert right.status_code == 429 and "ds_actor" not in right.cookies
    assert int(right.headers["retry-after"]) > access.LOGIN_WINDOW - 60
    assert right.text.startswith("Too many failed logins from this address")


def test_the_policy_is_in_the_served_metadata():
    meta = review.metadata("corpus.db", {"MILEX_PASSWORD_HASH_ANA": "x"})
    corpus = meta["databases"]["corpus"]
    assert corpus["allow_sql"] == {"id": "*"}
    assert {t: corpus["tables"][t]["allow"] for t in access.INTERNAL_TABLES} == dict.fromkeys(
        access.INTERNAL_TABLES, {"id": "*"})
    assert json.dumps(access.public_metadata(meta)).count("MILEX_PASSWORD") == 0
