"""Storage faults on real files: a disk that fills up under the database or the cache (a file
size limit, RLIMIT_FSIZE, makes writes past it fail for real), and a database that cannot be
written (chattr +i as root, file modes otherwise). One line naming the cause, never a
traceback; the run marked failed; no temporary file left; read-only databases still read."""

import contextlib
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from harness import write_corpus
from test_review import Server, build_corpus, csrftoken

STORY = ("Chinese Defense Minister Wei Han met Peruvian Army Commander Ana Duarte in Beijing "
         "on 3 May 2023. ")


def pipeline(*args: str, fsize: int | None = None) -> subprocess.CompletedProcess:
    """``python -m pipeline ARGS``; with ``fsize`` no file it writes may grow past that."""
    def limit() -> None:
        if fsize is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))

    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=ROOT, text=True,
                          capture_output=True, timeout=180, preexec_fn=limit)


def settings_file(tmp_path: Path) -> Path:
    config = tmp_path / "settings.yaml"
    config.write_text(f"cache_dir: {tmp_path / 'cache'}\n", encoding="utf-8")
    return config


def runs(db: Path) -> list[tuple]:
    with contextlib.closing(sqlite3.connect(db)) as conn:
        return conn.execute("SELECT id, status FROM runs ORDER BY id").fetchall()


def test_a_database_that_fills_the_disk_is_one_line_and_the_run_is_marked_failed(tmp_path):
    write_corpus(tmp_path / "in", 30)
    db = tmp_path / "corpus.db"
    config = settings_file(tmp_path)
    first = pipeline("ingest", str(tmp_path / "in" / "doc00000.html"), "--db", str(db),
                     "--config", str(config), "--quiet")
    assert first.returncode == 0, first.stderr
    limit = db.stat().st_size + 60_000
    full = pipeline("ingest", str(tmp_path / "in"), "--db", str(db), "--config", str(config),
                    "--quiet", fsize=limit)
    assert full.returncode == 2
    assert "Traceback" not in full.stderr
    line, hint = full.stderr.strip().splitlines()
    assert line == (f"Error: cannot use the database {db}: a read or write failed: a file may "
                    f"not grow past {limit:,} bytes here (ulimit -f) (disk I/O error)")
    assert hint.startswith("  hint: Free disk space or make the file and its folder writable")
    assert runs(db) == [(1, "finished"), (2, "failed")]
    with contextlib.closing(sqlite3.connect(db)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    again = pipeline("ingest", str(tmp_path / "in"), "--db", str(db), "--config", str(config),
                     "--quiet")  # with room again, the same command finishes the work
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith("Run 3: 30 documents processed")


def test_a_cache_that_fills_the_disk_stops_the_run_and_leaves_no_temporary_file(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "b-note.txt").write_text("Note\n\n" + STORY, encoding="utf-8")
    db, config = tmp_path / "corpus.db", settings_file(tmp_path)
    first = pipeline("ingest", str(folder), "--db", str(db), "--config", str(config), "--quiet")
    assert first.returncode == 0, first.stderr
    (folder / "a-long-report.txt").write_text("Report\n\n" + STORY * 6000, encoding="utf-8")
    kept = [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]
    full = pipeline("ingest", str(folder), "--db", str(db), "--config", str(config), "--quiet",
                    fsize=400_000)
    assert (full.returncode, full.stdout) == (2, ""), full.stderr
    assert full.stderr.splitlines()[0] == (f"Error: cannot write {tmp_path / 'cache'}: the file "
                                           "size limit is reached (ulimit -f)")
    assert len(full.stderr.splitlines()) == 2
    assert [p for p in (tmp_path / "cache").rglob("*") if p.is_file()] == kept  # no .tmp
    assert runs(db) == [(1, "finished"), (2, "failed")]


@contextlib.contextmanager
def read_only(*paths: Path):
    """Make files and folders unwritable for real: immutable for root, else no write bits."""
    if os.geteuid() != 0:
        modes = [(p, p.stat().st_mode) for p in paths]
        for p, mode in modes:
            p.chmod(mode & 0o555)
        try:
            yield
        finally:
            for p, mode in modes:
                p.chmod(mode)
        return
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", *map(str, paths)],
                                        capture_output=True).returncode != 0:
        pytest.skip("root can write any file; chattr +i is not available here")
    try:
        yield
    finally:
        subprocess.run([chattr, "-i", *map(str, paths)], check=True)


def test_a_read_only_database_is_read_by_export_report_and_review_and_refused_by_runs(
        tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    db = folder / "corpus.db"
    build_corpus(db)
    with contextlib.closing(sqlite3.connect(db)) as conn:  # as a finished run leaves it:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # no -wal or -shm file beside it
    assert sorted(p.name for p in folder.iterdir()) == ["corpus.db"]
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "note.txt").write_text("Note\n\n" + STORY, encoding="utf-8")
    with read_only(db, folder):
        export = pipeline("export", "--db", str(db), "--format", "csv")
        report = pipeline("report", "--db", str(db), "--out", str(tmp_path / "report.html"))
        ingest = pipeline("ingest", str(tmp_path / "in"), "--db", str(db), "--config",
                          str(settings_file(tmp_path)), "--quiet")
        server = Server(db)
        try:
            with server.login() as client:
                queue = client.get("/corpus/review_queue.json?_shape=array").json()
                token = csrftoken(client.get("/corpus/events/course").text)
                accept = client.post("/corpus/accept", data={"csrftoken": token,
                                                             "key": "course", "note": ""})
        finally:
            server.stop()
            log = server.proc.stdout.read().decode()
    assert export.returncode == 0, export.stderr
    assert export.stdout.splitlines()[0].startswith("event_id,type,date")
    assert len(export.stdout.splitlines()) == 4
    assert report.returncode == 0, report.stderr
    assert report.stdout.startswith(f"Report: {tmp_path / 'report.html'} (3 events")
    assert [e["key"] for e in queue] == ["lima-visit", "port-call", "course"]
    assert accept.status_code == 403  # served read-only: nothing can be written
    assert f"{db} cannot be written: served read-only" in log
    assert ingest.returncode == 2 and "Traceback" not in ingest.stderr
    assert ingest.stderr.startswith(f"Error: cannot use the database {db}: ")
    assert "read-only" in ingest.stderr.splitlines()[0]
    assert "not a SQLite database" not in ingest.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["corpus.db"]


def test_a_file_that_is_not_a_database_is_still_called_so(tmp_path):
    not_db = tmp_path / "notes.db"
    not_db.write_text("these are my notes, not a database\n" * 100)
    export = pipeline("export", "--db", str(not_db))
    assert export.returncode == 2
    assert export.stderr.startswith(f"Error: {not_db}: not a SQLite database")


def test_a_full_cache_stops_a_web_fetch_the_same_way(tmp_path, httpserver):
    httpserver.no_handler_status_code = 404
    page = "<html><body><article><p>" + STORY * 6000 + "</p></article></body></html>"
    httpserver.expect_request("/long").respond_with_data(page, content_type="text/html")
    db, config = tmp_path / "corpus.db", settings_file(tmp_path)
    first = pipeline("ingest", str(tmp_path / "none.txt"), "--db", str(db), "--config",
                     str(config), "--quiet")  # creates the database; the file is missing
    assert first.returncode == 1, first.stderr
    full = pipeline("ingest", httpserver.url_for("/long"), "--db", str(db), "--config",
                    str(config), "--quiet", "--allow-private", fsize=400_000)
    assert (full.returncode, full.stdout) == (2, ""), full.stderr
    assert full.stderr.splitlines()[0] == (f"Error: cannot write {tmp_path / 'cache'}: the file "
                                           "size limit is reached (ulimit -f)")
    assert [p for p in (tmp_path / "cache").rglob("*") if p.is_file()] == []
    assert runs(db) == [(1, "finished"), (2, "failed")]
