"""Guards: no file can hang a run, exhaust its memory or lose what was stored before.

Documents go through the real ingest path (fetch in this process, extraction and
tagging in pebble workers, saving here) with tight limits.
"""

import importlib.util
import os
import re
import sqlite3
import subprocess
import sys
from dataclasses import replace

import psutil
import pytest
from conftest import FIXTURES, ROOT

from pipeline import run
from pipeline.extract import extract
from pipeline.fetch import fetch_file

BAD = FIXTURES / "bad"
_spec = importlib.util.spec_from_file_location("make_fixtures", BAD / "make_fixtures.py")
assert _spec and _spec.loader
make_fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_fixtures)


def documents(db) -> dict[str, tuple]:
    rows = db.conn.execute("SELECT url, status, error_class, error, warnings FROM documents")
    return {url.rsplit("/", 1)[1]: (status, error_class, error, warnings)
            for url, status, error_class, error, warnings in rows}


def ingest(db, settings, *names, **kw):
    return run.ingest(db, run.sources_from_args([str(BAD / n) for n in names]), settings, **kw)


def test_a_slow_pdf_is_stopped_and_the_run_goes_on(db, settings, tmp_path):
    # 4,000 pages sharing one content stream take 6-8 s to read on a quiet machine, the two
    # other files 0.1-0.2 s; a limit of 3 s stops the one and not the others with a margin
    # of more than 2 either way, also on a machine whose load slows everything fourfold (the
    # 400-page fixture with a 0.5 s limit failed under such a load)
    slow = tmp_path / "slow-4000-pages.pdf"
    page = make_fixtures.lines_content(60, b"Slow page text " * 6)
    slow.write_bytes(make_fixtures.raw_pdf(4000, page))
    settings = replace(settings, max_extract_seconds=3, max_pages=4000)
    names = [str(BAD / "story.pdf"), str(slow), str(BAD / "cp1252-undeclared.html")]
    report = run.ingest(db, run.sources_from_args(names), settings)
    assert dict(report.outcomes) == {"ok": 2, "failed": 1}
    docs = documents(db)
    assert docs["slow-4000-pages.pdf"][:3] == ("failed", "timeout",
                                               "extraction stopped after 3 s")
    assert docs["story.pdf"][:2] == ("ok", None)
    assert docs["cp1252-undeclared.html"][:2] == ("ok", None)
    assert report.failures == [{"source": "cli-2", "url": slow.as_uri(),
                                "error_class": "timeout",
                                "error": "extraction stopped after 3 s"}]


def test_a_worker_out_of_memory_records_too_large_and_the_next_document_is_read(tmp_path):
    # PDFium needs ~700 MB to lay out the 3 million glyphs; the worker may grow by 100 MB.
    # Run as a user runs it: the CLI in a process of its own, where nothing turns on
    # faulthandler (pytest does, and forked workers inherit it: in this process the worker
    # PDFium aborts would print its Python stack to the terminal)
    config = tmp_path / "settings.yaml"
    config.write_text(f"cache_dir: {tmp_path / 'cache'}\nmax_memory_mb: 100\n"
                      "max_page_chars: 10000000\nmax_extract_seconds: 60\n", encoding="utf-8")
    db = tmp_path / "corpus.db"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONFAULTHANDLER"}
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "ingest", str(BAD / "very-dense-page.pdf"),
         str(BAD / "story.pdf"), "--db", str(db), "--config", str(config), "--quiet"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=240)
    assert (done.returncode, done.stderr) == (1, "")  # one line in the summary, no stack dump
    # Python raises MemoryError, or C code under the cap aborts (the signal varies with
    # where the allocation failed): either way the message names the limit
    error = (r"extraction (ran out of memory|worker killed by SIG(ABRT|KILL), likely out of "
             r"memory) \(max_memory_mb 100\)")
    assert re.fullmatch(
        r"Run 1: 1 documents processed \(1 with text, 0 empty, 0 unchanged\), 1 failed\.\n"
        r"Failures in 1 source\(s\):\n"
        rf"  cli-1: {re.escape((BAD / 'very-dense-page.pdf').as_uri())}: too_large: {error}\n"
        rf"Events in {re.escape(str(db))}: 0\n(.+\n)+", done.stdout), done.stdout
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT url, status, error_class, error FROM documents").fetchall()
    docs = {url.rsplit("/", 1)[1]: (status, error_class, message)
            for url, status, error_class, message in rows}
    assert docs["very-dense-page.pdf"][:2] == ("failed", "too_large")
    assert re.fullmatch(error, docs["very-dense-page.pdf"][2])
    assert docs["story.pdf"] == ("ok", None, None)


def test_a_page_with_too_many_glyphs_is_skipped_before_parsing(settings):
    doc = extract(fetch_file(BAD / "dense-page.pdf", settings), settings)
    assert (doc.error_class, doc.error) == (
        "too_large", "page 1: 100,198 glyphs over max_page_chars (50,000), skipped")


def test_pages_past_the_limit_are_dropped_with_a_warning(settings):
    settings = replace(settings, max_pages=3)
    doc = extract(fetch_file(BAD / "slow-400-pages.pdf", settings), settings)
    assert doc.error is None
    assert doc.warnings == ("truncated at 3 of 400 pages",)
    assert len(doc.page_offsets) == 3


def test_bodies_over_the_byte_limit_are_refused(settings):
    settings = replace(settings, max_bytes=1000)
    fetched = fetch_file(BAD / "two-columns.pdf", settings)
    assert (fetched.error_class, fetched.error) == (
        "too_large", "1,340 bytes is over the 1,000-byte limit")


def test_text_past_max_chars_is_cut_with_a_warning(settings):
    settings = replace(settings, max_chars=40)
    doc = extract(fetch_file(BAD / "story.pdf", settings), settings)
    assert doc.text == "The navy of Chile received a delegation"
    assert doc.warnings == ("text cut at 40 of 155 characters",)


@pytest.mark.parametrize("name, error_class, error", [
    ("encrypted-password.pdf", "encrypted", "encrypted PDF, password required"),
    ("truncated.pdf", "malformed", "corrupt PDF (no document catalogue)"),
    ("error-page.pdf", "unsupported_type", "not a PDF: HTML (an error page?)"),
    ("no-text-layer.pdf", "empty",
     "no_text_layer: the PDF has no extractable text (a scan?); OCR would need rendering "
     "each page (pypdfium2) and an OCR engine such as Tesseract"),
    ("cookie-wall.html", "empty", "no content: consent_wall"),
    ("js-shell.html", "empty", "no main text found"),
])
def test_hostile_fixtures_end_with_a_one_line_error(settings, name, error_class, error):
    doc = extract(fetch_file(BAD / name, settings), settings)
    assert (doc.error_class, doc.error, doc.text) == (error_class, error, "")


def test_an_interrupted_run_stops_its_workers_and_keeps_what_was_saved(db, settings):
    ingest(db, settings, "story.pdf")  # the pool machinery is started once before we look
    before = {p.pid for p in psutil.Process().children(recursive=True)}

    def stop(url, outcome):
        if url.endswith("cp1252-undeclared.html"):
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ingest(db, replace(settings, max_extract_seconds=30, max_pages=400),
               "cp1252-undeclared.html", "slow-400-pages.pdf", "utf16le-no-bom.html",
               on_document=stop)
    assert {p.pid for p in psutil.Process().children(recursive=True)} <= before
    runs = db.conn.execute("SELECT status FROM runs ORDER BY id").fetchall()
    assert runs == [("finished",), ("interrupted",)]
    assert set(documents(db)) == {"story.pdf", "cp1252-undeclared.html"}


def test_a_run_asked_to_stop_ends_after_the_current_document(db, settings):
    seen = []
    report = ingest(db, settings, "story.pdf", "cp1252-undeclared.html", "utf16le-no-bom.html",
                    on_document=lambda url, outcome: seen.append(url),
                    should_stop=lambda: len(seen) == 1)
    assert report.interrupted
    assert db.conn.execute("SELECT status FROM runs").fetchall() == [("interrupted",)]
    assert set(documents(db)) == {"story.pdf"}
