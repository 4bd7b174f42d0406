import sqlite3

import sqlite_utils

from pipeline import store
from pipeline.records import Fetched

URL = "https://example.org/news/1"


def row(**kw):
    base = {"url": URL, "final_url": URL, "source": "s", "fetched_at": "2026-01-01T00:00:00"}
    return Fetched(**{**base, **kw})


def test_last_fetch_gives_the_validators_of_the_last_success(db):
    run = store.start_run(db, "test", "v1")
    assert store.last_fetch(db, URL) is None
    store.record_fetch(db, row(status=200, etag='"a"', sha256="1" * 64, body=b"x"), run)
    store.record_fetch(db, row(status=503, error_class="http_status", error="HTTP 503"), run)
    assert store.last_fetch(db, URL) == ('"a"', None, "1" * 64)
    stamp = "Mon, 01 Jul 2024 00:00:00 GMT"
    store.record_fetch(db, row(status=304, etag='"a"', last_modified=stamp, sha256="1" * 64,
                               not_modified=True, from_cache=True), run)
    store.record_fetch(db, row(url="file:///x.html", final_url="file:///x.html", sha256="2" * 64),
                       run)
    assert store.last_fetches(db) == {
        URL: ('"a"', stamp, "1" * 64)}
    assert db.conn.execute("SELECT role, bytes FROM fetches ORDER BY id").fetchall() == [
        ("document", 1), ("document", 0), ("document", 0), ("document", 0)]


def test_a_first_version_database_gains_fetch_roles(db_path):
    conn = sqlite3.connect(db_path, isolation_level=None)
    store.MIGRATIONS[0](sqlite_utils.Database(conn))
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO fetches (url, status) VALUES (?, 200)", (URL,))
    conn.close()
    db = store.open_db(db_path)
    assert db.conn.execute("PRAGMA user_version").fetchone()[0] == store.SCHEMA_VERSION
    assert db.conn.execute("SELECT url, role FROM fetches").fetchall() == [(URL, "document")]
