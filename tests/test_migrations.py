"""Schema versions: upgrades in place keep every row; newer databases are refused untouched;
runs killed outright are marked interrupted; backups are consistent copies."""

import shutil
import sqlite3
import subprocess
import sys
import threading

import pytest
from conftest import FIXTURES, ROOT

from pipeline import export, store
from pipeline.errors import BackupError, SchemaError
from pipeline.records import Document, Event, Evidence, Tagged

V1 = FIXTURES / "schema_v1.db"
TABLES = ("sources", "runs", "fetches", "documents", "mentions", "events", "evidence", "reviews")


def rows(path, table):
    """The rows of ``table``, in the columns schema 1 had."""
    with sqlite3.connect(V1) as fixture:
        cols = [r[1] for r in fixture.execute(f"PRAGMA table_info({table})")]
    conn = sqlite3.connect(path)
    v1_cols = ", ".join(f'"{c}"' for c in cols)
    found = conn.execute(f"SELECT {v1_cols} FROM {table} ORDER BY rowid").fetchall()
    conn.close()
    return found


@pytest.fixture
def v1_copy(tmp_path):
    path = tmp_path / "old.db"
    shutil.copy(V1, path)
    return path


def test_fixture_is_the_first_released_schema_and_the_script_rebuilds_it(tmp_path):
    rebuilt = tmp_path / "rebuilt.db"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_schema_fixture.py"),
                    str(rebuilt)], check=True, capture_output=True)
    for table in TABLES:
        assert rows(rebuilt, table) == rows(V1, table), table
    schema = "SELECT type, name, sql FROM sqlite_master ORDER BY name"
    with sqlite3.connect(rebuilt) as a, sqlite3.connect(V1) as b:  # released migrations unchanged
        assert a.execute(schema).fetchall() == b.execute(schema).fetchall()
    conn = sqlite3.connect(V1)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert [c[1] for c in conn.execute("PRAGMA table_info(runs)")][-2:] == ["counts", "errors"]


def test_a_schema_1_database_upgrades_in_place_keeping_every_row(v1_copy):
    before = {t: rows(v1_copy, t) for t in TABLES}
    db = store.open_db(v1_copy)
    assert db.conn.execute("PRAGMA user_version").fetchone()[0] == len(store.MIGRATIONS)
    assert db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    db.conn.close()
    assert {t: rows(v1_copy, t) for t in TABLES} == before
    assert [len(before[t]) for t in ("documents", "events", "evidence", "reviews")] == [3, 3, 3, 3]


def test_reviews_of_an_upgraded_database_still_apply_and_new_runs_go_on(v1_copy):
    db = store.open_db(v1_copy)
    statuses = {e["event_id"]: e["review_status"] for e in export.events(db)}
    assert statuses == {"a1b2c3d4e5f60001": "accepted", "a1b2c3d4e5f60002": "unreviewed",
                        "a1b2c3d4e5f60003": "corrected"}
    run = store.start_run(db, "ingest more", "v2")
    text = "A new page."
    doc = Document(id="n1", url="file:///new.txt", source="s", text=text, language="en")
    evidence = Evidence("n1", text, 0, len(text), None, "r", "new", 2, 5)
    event = Event("a1b2c3d4e5f60002", "port_call", "2024-03-01", "day", "stated", ("CHN", "PER"),
                  None, (), (), 0.9, (evidence,))
    store.save(db, Tagged(doc, (), (event,), "v2"), run)
    store.finish_run(db, run, "finished", {"ok": 1}, [])
    assert db.conn.execute("SELECT count(*) FROM evidence WHERE event_key = ?",
                           ("a1b2c3d4e5f60002",)).fetchone()[0] == 2
    assert db["reviews"].count == 3
    # the schema-1 run left 'running' (killed, no pid) is now marked interrupted
    assert db.conn.execute("SELECT id, status FROM runs ORDER BY id").fetchall() == [
        (1, "finished"), (2, "interrupted"), (run, "finished")]


def test_a_newer_database_is_refused_and_left_byte_for_byte_untouched(v1_copy):
    conn = sqlite3.connect(v1_copy)
    conn.execute(f"PRAGMA user_version = {len(store.MIGRATIONS) + 1}")
    conn.close()
    before = v1_copy.read_bytes()
    n = len(store.MIGRATIONS)
    with pytest.raises(SchemaError, match=rf"schema version {n + 1} is newer than this "
                                          rf"pipeline's \({n}\); it was left untouched"):
        store.open_db(v1_copy)
    assert v1_copy.read_bytes() == before
    assert not v1_copy.with_name("old.db-wal").exists()


def test_the_cli_refuses_a_newer_database_in_one_line(v1_copy, tmp_path):
    conn = sqlite3.connect(v1_copy)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    result = subprocess.run([sys.executable, "-m", "pipeline", "export", "--db", str(v1_copy)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"Error: {v1_copy}: schema version 99 is newer than this pipeline's "
        f"({len(store.MIGRATIONS)}); it was left "
        "untouched", "  hint: Upgrade the pipeline, or point --db at another file."]


def test_a_failing_migration_leaves_the_previous_version(v1_copy, monkeypatch):
    def broken(db):
        db["runs"].add_column("half_done", str)
        raise RuntimeError("disk full")

    released = len(store.MIGRATIONS)
    monkeypatch.setattr(store, "MIGRATIONS", [*store.MIGRATIONS, broken])
    with pytest.raises(RuntimeError, match="disk full"):
        store.open_db(v1_copy)
    conn = sqlite3.connect(v1_copy)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == released
    assert "half_done" not in [c[1] for c in conn.execute("PRAGMA table_info(runs)")]


def test_appending_a_migration_function_upgrades_existing_databases(db_path, monkeypatch):
    store.open_db(db_path).conn.close()

    def add_flag(db):
        db["reviews"].add_column("flag", str)

    released = len(store.MIGRATIONS)
    monkeypatch.setattr(store, "MIGRATIONS", [*store.MIGRATIONS, add_flag])
    db = store.open_db(db_path)
    assert db.conn.execute("PRAGMA user_version").fetchone()[0] == released + 1
    assert "flag" in db["reviews"].columns_dict


def test_processes_racing_to_upgrade_apply_each_migration_once(v1_copy):
    errors = []

    def upgrade():
        try:
            store.open_db(v1_copy).conn.close()
        except Exception as e:  # noqa: BLE001 - collected and asserted below
            errors.append(e)

    threads = [threading.Thread(target=upgrade) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert [c[1] for c in sqlite3.connect(v1_copy).execute(
        "PRAGMA table_info(runs)")].count("pid") == 1


def test_a_run_whose_process_died_is_marked_interrupted_by_the_next_run(db):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    first = store.start_run(db, "killed", "v1")
    db.conn.execute("UPDATE runs SET pid = ? WHERE id = ?", (int(dead.stdout), first))
    alive = store.start_run(db, "still going", "v1")  # this very process: alive
    third = store.start_run(db, "next", "v1")
    assert db.conn.execute("SELECT id, status FROM runs ORDER BY id").fetchall() == [
        (first, "interrupted"), (alive, "running"), (third, "running")]
    assert db.conn.execute("SELECT errors FROM runs WHERE id = ?", (first,)).fetchone() == (
        '[{"error": "process died during the run"}]',)


def test_backup_is_a_consistent_self_contained_copy_taken_while_writing(db, db_path, tmp_path):
    run = store.start_run(db, "test", "v1")
    db.conn.execute("INSERT INTO reviews (event_key, status, reviewer, reviewed_at) "
                    "VALUES ('k', 'accepted', 'ana', '2026-01-01')")
    writer = sqlite3.connect(db_path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # a write in progress, not committed
    writer.execute("INSERT INTO reviews (event_key, status, reviewer, reviewed_at) "
                   "VALUES ('k2', 'rejected', 'luis', '2026-01-02')")
    counts = store.backup(db_path, tmp_path / "copies" / "b.db")
    writer.execute("COMMIT")
    assert counts == {"documents": 0, "events": 0, "evidence": 0, "reviews": 1}
    copy = tmp_path / "copies" / "b.db"
    assert sorted(p.name for p in copy.parent.iterdir()) == ["b.db"]
    conn = sqlite3.connect(copy)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert conn.execute("SELECT event_key FROM reviews").fetchall() == [("k",)]
    assert conn.execute("SELECT id FROM runs").fetchall() == [(run,)]
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(store.MIGRATIONS)


def test_backup_refuses_a_missing_source_and_copying_onto_itself(db_path, tmp_path):
    with pytest.raises(BackupError, match="no database at"):
        store.backup(tmp_path / "none.db", tmp_path / "b.db")
    store.open_db(db_path).conn.close()
    with pytest.raises(BackupError, match="is the database itself"):
        store.backup(db_path, db_path)


def test_a_failed_document_is_tried_again_by_the_next_run(db):
    run = store.start_run(db, "test", "v1")
    ok = Document(id="a", url="file:///a.txt", source="s", text="Fine.", language="en")
    bad = Document(id="b", url="file:///b.txt", source="s", text="", error_class="timeout",
                   error="extraction stopped after 120 s")
    for doc in (ok, bad):
        store.save(db, Tagged(doc, (), (), "v1"), run)
    assert [store.is_current(db, d.id, d.url, "v1") for d in (ok, bad)] == [True, False]
