"""Review while a refresh writes: Datasette (the project's review setup, a logged-in
reviewer) serves reads and the reviewer's decisions go in (WAL, busy timeouts, one short
transaction per document); no request meets 'database is locked', no review is lost, and a
backup taken meanwhile is whole."""

import sqlite3
import subprocess
import sys

import httpx
from conftest import ROOT
from harness import (
    Child,
    Datasette,
    ReviewLoad,
    notes_kept,
    review_while,
    write_corpus,
    write_registry,
)


def test_reviews_through_datasette_during_a_refresh_are_all_kept(tmp_path):
    db = tmp_path / "corpus.db"
    config = tmp_path / "settings.yaml"
    config.write_text(f"cache_dir: {tmp_path / 'cache'}\n", encoding="utf-8")
    write_corpus(tmp_path / "first", 20)
    write_corpus(tmp_path / "more", 150, first=20)
    code, _, err = Child(write_registry(tmp_path / "first.yaml", tmp_path / "first", None, 0),
                         db, config).wait()
    assert code == 0, err

    server = Datasette(db, tmp_path)
    try:
        anonymous = httpx.post(f"{server.url}/corpus/accept", data={"key": "x", "note": "anon"},
                               headers={"Accept": "application/json"})
        assert anonymous.status_code == 403
        refresh = Child(write_registry(tmp_path / "more.yaml", tmp_path / "more", None, 0),
                        db, config)
        backup = subprocess.Popen([sys.executable, "-m", "pipeline", "backup", "--db", str(db),
                                   "--to", str(tmp_path / "backup.db")],
                                  cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True)
        load = review_while(server, lambda: refresh.proc.poll() is None, 20, ReviewLoad())
        backup_out, backup_err = backup.communicate(timeout=60)
        code, _, err = refresh.wait()
    finally:
        server.close()
    assert code == 0, err
    assert load.failures == []
    assert load.writes >= 20 and load.reads >= 8 and load.writes_while_busy >= 10, load
    assert notes_kept(db) == set(load.notes)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT DISTINCT reviewer, status FROM reviews").fetchall() == [
            ("ana", "accepted")]
    assert backup.returncode == 0, backup_err
    assert backup_out.startswith(f"Backed up {db} to {tmp_path / 'backup.db'}: ")
    copy = sqlite3.connect(tmp_path / "backup.db")
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert copy.execute("SELECT count(*) FROM reviews").fetchone()[0] <= load.writes
    assert copy.execute("SELECT count(*) FROM documents").fetchone()[0] >= 20
