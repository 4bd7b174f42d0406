"""Soak test: kill real pipeline runs many times, review through Datasette while runs write,
and check after every step that nothing was lost (``make soak``).

Each round builds a fresh database from a generated corpus (our own words) by runs that are
killed with SIGKILL (during a fetch, during extraction, during a database write, or at a
random moment) or stopped with SIGINT, until one run completes. After every kill the checks
of tests/harness.py run: integrity_check, foreign keys, each document whole or absent, no
duplicated evidence, every review kept; at the end of a round the corpus is complete and
every killed run is marked 'interrupted'. Then refreshes run while a reviewer writes and
reads through a real Datasette for a while. Prints the figures; exits 1 on any loss.

Usage: python scripts/soak.py [--documents 300] [--rounds 6] [--review-seconds 60]
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from harness import (  # noqa: E402
    Child,
    Datasette,
    ReviewLoad,
    Server,
    add_reviews,
    cache_problems,
    complete,
    count,
    fetched_not_stored,
    heavy_html,
    holds_write_lock,
    kill_when,
    notes_kept,
    problems,
    review_while,
    reviews_of,
    snapshot,
    write_corpus,
    write_registry,
)

MODES = ("fetch", "extraction", "write", "random", "sigint")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--kills-per-round", type=int, default=6)
    parser.add_argument("--review-seconds", type=float, default=60)
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args()
    random.seed(args.seed)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="milex-soak-") as tmp:
        base = Path(tmp)
        kills, losses = kill_rounds(base, args)
        load = review_during_refreshes(base, args)
    losses += load.failures
    took = time.monotonic() - started
    sigint = kills.pop("sigint", 0)
    where = {"extraction": "during extraction", "fetch": "during a fetch",
             "random": "at a random moment", "write": "during a database write"}
    print(f"soak: survived {sum(kills.values())} SIGKILLs ("
          + ", ".join(f"{n} {where[mode]}" for mode, n in sorted(kills.items()))
          + f") and {sigint} Ctrl-C stops; "
          f"{load.writes} review writes ({load.writes_while_busy} while a refresh wrote) and "
          f"{load.reads} reads through Datasette; losses: "
          + ("none" if not losses else f"{len(losses)}") + f" ({took:.0f} s)")
    for problem in losses[:20]:
        print(f"  {problem}")
    return 1 if losses else 0


def kill_rounds(base: Path, args) -> tuple[Counter, list[str]]:
    corpus = base / "corpus"
    write_corpus(corpus, args.documents)
    heavy = []
    for n in range(25, args.documents, 50):
        path = corpus / f"doc{n:05d}-heavy.html"
        path.write_text(heavy_html(50_000 + n), encoding="utf-8")
        heavy.append(path.resolve().as_uri())
    server = Server()
    registry = write_registry(base / "sources.yaml", corpus, server.url, 5)
    config = base / "settings.yaml"
    config.write_text(f"cache_dir: {base / 'cache'}\nworkers: 2\nrate_limit: 1000\n",
                      encoding="utf-8")
    kills: Counter = Counter()
    losses: list[str] = []
    try:
        started = time.monotonic()
        code, _, err = Child(registry, base / "reference.db", config).wait()
        duration = time.monotonic() - started  # of a whole run: random stops fall inside it
        if code != 0:
            return kills, [f"reference run failed: {err.strip()[-300:]}"]
        reference = snapshot(base / "reference.db")
        for number in range(args.rounds):
            db = base / f"round{number}.db"
            stops, reviews = 0, []
            while True:
                left = [u for u in heavy if not stored(db, u)]
                modes = [m for m in MODES if m != "extraction" or left]
                mode = random.choice(modes) if stops < args.kills_per_round else "finish"
                runs_before = count(db, "runs")
                child = Child(registry, db, config)
                if mode == "finish":
                    code, _, err = child.wait()
                    if code != 0:
                        losses.append(f"round {number}: final run failed: {err.strip()[-300:]}")
                    break
                if not stop(child, mode, db, server, heavy, runs_before, duration):
                    if child.proc.returncode == 0:
                        break  # the run finished the corpus before it could be stopped
                    continue  # the moment never came: not counted
                kills[mode] += 1
                stops += 1
                found = problems(db, reference, reviews)
                losses += [f"round {number}, after a {mode} stop: {p}" for p in found]
                if stops % 2 == 0:
                    add_reviews(db, 3 * stops, f"reviewer{stops}")
                    reviews = reviews_of(db)
            found = problems(db, reference, reviews) + complete(db, reference)
            runs = snapshot(db)["runs"]
            # a run killed before it was recorded has no row, and one killed while it printed
            # its summary is already 'finished': so no exact count, but none stays 'running'
            if runs[-1] != "finished" or set(runs) - {"interrupted", "finished"}:
                found.append(f"runs not marked as expected after {stops} stops: {runs}")
            losses += [f"round {number}, at the end: {p}" for p in found]
        losses += cache_problems(base / "cache")
    finally:
        server.close()
    return kills, losses


def stop(child: Child, mode: str, db: Path, server: Server, heavy: list[str],
         runs_before: int, duration: float) -> bool:
    """Stop the child the way ``mode`` says; True if it was stopped while still working."""
    if mode == "fetch":
        server.hold()
        hit = server.waiting.wait(60)
        child.kill()
        server.let_go()
        return hit
    if mode == "extraction":
        return kill_when(child, lambda: any(fetched_not_stored(db, url) for url in heavy)
                         and not holds_write_lock(db))
    if mode == "write":
        return kill_when(child, lambda: count(db, "runs") > runs_before and holds_write_lock(db))
    if mode == "random":
        time.sleep(random.uniform(0.1, 0.5) * duration)
        alive = child.proc.poll() is None
        child.kill()
        return alive
    time.sleep(random.uniform(0.1, 0.5) * duration)  # sigint
    if child.proc.poll() is not None:
        child.wait()
        return False
    os.killpg(child.proc.pid, signal.SIGINT)
    code, _, err = child.wait(120)
    return code == 130 and len(err.splitlines()) == 1


def stored(db: Path, url: str) -> bool:
    """A document from ``url`` is in the database."""
    import sqlite3

    if not db.exists():
        return False
    conn = sqlite3.connect(db, timeout=5)
    try:
        return conn.execute("SELECT 1 FROM documents WHERE url = ?", (url,)).fetchone() is not None
    except sqlite3.OperationalError:
        return False
    finally:
        conn.close()


def review_during_refreshes(base: Path, args) -> ReviewLoad:
    """Refresh batch after batch of new documents while a reviewer works in Datasette."""
    db, config = base / "review.db", base / "settings.yaml"
    write_corpus(base / "batch0", 20)
    Child(write_registry(base / "batch0.yaml", base / "batch0", None, 0), db, config).wait()
    server = Datasette(db, base)
    load = ReviewLoad()
    deadline = time.monotonic() + args.review_seconds
    batch = 1
    try:
        while time.monotonic() < deadline:
            folder = base / f"batch{batch}"
            write_corpus(folder, 150, first=batch * 1000)
            refresh = Child(write_registry(base / f"batch{batch}.yaml", folder, None, 0), db,
                            config)
            review_while(server, lambda r=refresh: r.proc.poll() is None,
                         deadline - time.monotonic(), load, tag=f"b{batch}")
            code, _, err = refresh.wait()
            if code != 0:
                load.failures.append(f"refresh {batch} failed: {err.strip()[-300:]}")
            batch += 1
    finally:
        server.close()
    kept = notes_kept(db)
    lost = set(load.notes) - kept
    if lost:
        load.failures.append(f"{len(lost)} reviews written through Datasette are missing")
    return load


if __name__ == "__main__":
    sys.exit(main())
