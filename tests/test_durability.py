"""Nothing lost when a run is killed: SIGKILL during a fetch, during extraction and during
a database write, then SIGINT and SIGTERM; after each, the database is whole and the next
run finishes the corpus. The long variant is ``make soak`` (scripts/soak.py)."""

import os
import re
import signal
import time

import pytest
from harness import (
    Child,
    Server,
    add_reviews,
    cache_problems,
    complete,
    count,
    fetched_not_stored,
    heavy_html,
    holds_write_lock,
    kill_when,
    problems,
    reviews_of,
    snapshot,
    write_corpus,
    write_registry,
)

DOCUMENTS = 100
PAGES = 5


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    base = tmp_path_factory.mktemp("durability")
    corpus = base / "corpus"
    write_corpus(corpus, DOCUMENTS)
    heavy = corpus / "doc00050-heavy.html"
    heavy.write_text(heavy_html(50_000), encoding="utf-8")
    server = Server()
    registry = write_registry(base / "sources.yaml", corpus, server.url, PAGES)
    config = base / "settings.yaml"
    # workers: 2 so that, with the worker pool, kills and Ctrl-C reach workers too
    config.write_text(f"cache_dir: {base / 'cache'}\nworkers: 2\nrate_limit: 1000\n",
                      encoding="utf-8")
    reference_db = base / "reference.db"
    code, _, err = Child(registry, reference_db, config).wait()
    assert code == 0, err
    reference = snapshot(reference_db)
    assert len(reference["documents"]) == DOCUMENTS + PAGES + 1
    assert len(reference["events"]) > DOCUMENTS
    yield {"base": base, "registry": registry, "config": config, "server": server,
           "reference": reference, "heavy_url": heavy.resolve().as_uri()}
    server.close()


def child(world, db):
    return Child(world["registry"], db, world["config"])


def test_killed_during_fetch_extraction_and_write_then_the_next_run_completes(world, tmp_path):
    db, reference, server = tmp_path / "corpus.db", world["reference"], world["server"]

    # 1: SIGKILL while the heavy document is being extracted and tagged (the web pages are
    # held by the server meanwhile: sources are fetched in parallel)
    server.hold()
    first = child(world, db)
    assert kill_when(first, lambda: fetched_not_stored(db, world["heavy_url"])
                     and not holds_write_lock(db))
    server.let_go()
    assert problems(db, reference, []) == []
    assert 0 < len(snapshot(db)["documents"]) < len(reference["documents"])
    add_reviews(db, 5, "ana")
    reviews = reviews_of(db)
    assert len(reviews) == 5

    # 2: SIGKILL while it holds SQLite's write lock, mid-transaction (once its run is
    # recorded: a kill before that leaves no run to mark)
    second = child(world, db)
    assert kill_when(second, lambda: holds_write_lock(db) and count(db, "runs") == 2)
    assert problems(db, reference, reviews) == []

    # 3: SIGKILL while a page is being fetched
    server.hold()
    third = child(world, db)
    assert server.waiting.wait(60)
    third.kill()
    server.let_go()
    assert problems(db, reference, reviews) == []

    code, _, err = child(world, db).wait()
    assert code == 0, err
    assert problems(db, reference, reviews) == []
    assert complete(db, reference) == []
    assert snapshot(db)["runs"] == ["interrupted", "interrupted", "interrupted", "finished"]
    assert cache_problems(world["base"] / "cache") == []


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_ctrl_c_or_sigterm_stops_after_the_current_document_in_one_line(world, tmp_path, signum):
    db, reference = tmp_path / "corpus.db", world["reference"]
    running = child(world, db)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and count(db, "documents") < 10:
        time.sleep(0.05)
    os.killpg(running.proc.pid, signum)  # as a terminal's Ctrl-C: the whole group
    code, out, err = running.wait(60)
    assert code == 128 + signum
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1, err  # (what else a run printed, should it ever print more)
    line = lines[0]
    match = re.fullmatch(rf"Interrupted by {signum.name}: run 1 stopped after (\d+) documents "
                         r"and is marked 'interrupted'; run the same command again to finish "
                         r"it\.", line)
    assert match, line
    assert int(match[1]) == count(db, "documents") < len(reference["documents"])
    assert problems(db, reference, []) == []
    assert snapshot(db)["runs"] == ["interrupted"]
    if signum == signal.SIGTERM:
        return  # finishing the corpus after an interruption is checked once, for SIGINT

    code, _, err = child(world, db).wait()
    assert code == 0, err
    assert complete(db, reference) == []
    assert snapshot(db)["runs"] == ["interrupted", "finished"]
