"""Durability harness: a generated corpus, a real pipeline subprocess, kills, and the checks.

Used by tests/test_durability.py (short) and scripts/soak.py (long). Nothing here imports
the pipeline's internals to fake them: the pipeline runs as ``python -m pipeline refresh``
in its own process group, is stopped with signals, and the database is then read with
plain SQL and compared with a reference database built by one uninterrupted run.

Kill points are found by watching, not by hooks in the code: the child is frozen with
SIGSTOP, its state is read (is it holding SQLite's write lock? has it recorded the fetch
of the slow document but not stored it yet? is the local server answering it?) and it
is killed with SIGKILL while frozen if it is where we want it, or let go with SIGCONT.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

GIVEN = ["Ana", "Bruno", "Carla", "Diego", "Elena", "Fabio", "Gloria", "Hugo", "Irene", "Julio"]
FAMILY = ["Alvarado", "Barros", "Cardenas", "Duarte", "Esteves", "Fonseca", "Gallardo",
          "Herrera", "Ibarra", "Jimenez", "Lozano", "Mendes"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
PARTNERS = [("Peruvian", "Lima", "Peru"), ("Brazilian", "Brasília", "Brazil")]


def document_text(i: int) -> tuple[str, str]:
    """Title and body of corpus document ``i`` (our own words, unique per i)."""
    rnd = random.Random(i)
    person = f"{rnd.choice(GIVEN)} {rnd.choice(FAMILY)}"
    demonym, capital, country = PARTNERS[i % 2]
    day, month, year = 1 + i % 28, MONTHS[(i // 28) % 12], 2015 + i % 11
    body = (
        f"Chinese Defense Minister Wei Han met {demonym} Army Commander {person} in Beijing "
        f"on {day} {month} {year}. "
        f"The two delegations reviewed plans for officer exchanges, bulletin number {i}. "
        f"A Chinese Navy training ship docked at the port of {capital} on {day} {month} "
        f"{year}. "
        f"Officials from {country} and China said the visit would be followed by more talks."
    )
    return f"Cooperation notice {i}", body


def write_corpus(folder: Path, count: int, first: int = 0) -> list[Path]:
    """``count`` small documents, alternating HTML and plain text."""
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for i in range(first, first + count):
        title, body = document_text(i)
        if i % 2:
            path = folder / f"doc{i:05d}.txt"
            path.write_text(f"{title}\n\n{body}\n", encoding="utf-8")
        else:
            path = folder / f"doc{i:05d}.html"
            path.write_text(f"<!DOCTYPE html><html><head><title>{title}</title></head><body>"
                            f"<article><h1>{title}</h1><p>{body}</p></article></body></html>",
                            encoding="utf-8")
        files.append(path)
    return files


def heavy_html(i: int, links: int = 6000) -> str:
    """A page whose extraction takes a noticeable while (about a second): thousands of menu
    links around a short article, which the extractor has to read and throw away."""
    title, body = document_text(i)
    menu = "".join(f'<li><a href="/section/{k}">Section {k}</a></li>' for k in range(links))
    return (f"<!DOCTYPE html><html><head><title>{title}</title></head><body><nav><ul>{menu}"
            f"</ul></nav><article><h1>{title}</h1><p>{body}</p></article><footer><ul>{menu}"
            "</ul></footer></body></html>")


class Server:
    """A local HTTP server for ``/page/N``; ``hold()`` makes the next request wait."""

    def __init__(self) -> None:
        self.waiting = threading.Event()  # a request is being held
        self.release = threading.Event()
        self.release.set()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                if not self.path.startswith("/page/"):  # robots.txt and anything else
                    self.send_error(404)
                    return
                if not outer.release.is_set():
                    outer.waiting.set()
                    outer.release.wait(30)
                n = int(self.path.rsplit("/", 1)[-1])
                title, body = document_text(100_000 + n)
                data = (f"<html><head><title>{title}</title></head><body><p>{body}</p>"
                        "</body></html>").encode()
                try:
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:  # the client was killed while we held it
                    pass

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.httpd.server_port}"

    def hold(self) -> None:
        self.waiting.clear()
        self.release.clear()

    def let_go(self) -> None:
        self.release.set()

    def close(self) -> None:
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()


def write_registry(path: Path, corpus: Path, server_url: str | None, pages: int) -> Path:
    """Pages from the local server first, then the corpus folder."""
    lines = ["sources:"]
    for n in range(pages if server_url else 0):
        lines += [f"  - name: web-{n}", "    kind: url", f"    url: {server_url}/page/{n}",
                  "    allow_private: true"]
    lines += ["  - name: corpus", "    kind: directory", f"    path: {corpus}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@dataclass
class Child:
    """One ``python -m pipeline refresh`` in its own process group."""

    registry: Path
    db: Path
    config: Path
    proc: subprocess.Popen = field(init=False)

    def __post_init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "pipeline", "refresh", "--sources", str(self.registry),
             "--db", str(self.db), "--config", str(self.config), "--quiet"],
            cwd=ROOT, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True)

    def kill(self) -> None:
        """SIGKILL the whole process group (workers included) and reap it."""
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.communicate(timeout=30)

    def freeze(self) -> bool:
        if self.proc.poll() is not None:
            return False
        os.killpg(self.proc.pid, signal.SIGSTOP)
        return True

    def thaw(self) -> None:
        os.killpg(self.proc.pid, signal.SIGCONT)

    def wait(self, timeout: float = 300) -> tuple[int, str, str]:
        out, err = self.proc.communicate(timeout=timeout)
        return self.proc.returncode, out, err


def holds_write_lock(db: Path) -> bool:
    """True when some other connection is inside a write transaction on ``db``."""
    conn = sqlite3.connect(db, timeout=0, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError as e:
        if "locked" in str(e) or "busy" in str(e):
            return True
        if "locking protocol" in str(e):  # SQLITE_PROTOCOL: a transient race on the WAL
            return False  # index (seen under heavy load); the caller polls again
        raise
    finally:
        conn.close()


def fetched_not_stored(db: Path, url: str) -> bool:
    """The fetch of ``url`` is recorded but its document is not stored yet."""
    if not db.exists():
        return False
    conn = sqlite3.connect(db, timeout=0.2)  # the child may be frozen holding a lock
    try:
        row = conn.execute("SELECT f.sha256, d.id FROM fetches f LEFT JOIN documents d "
                           "ON d.id = f.sha256 WHERE f.url = ? ORDER BY f.id DESC LIMIT 1",
                           (url,)).fetchone()
    except sqlite3.OperationalError:  # tables not created yet, or locked
        return False
    finally:
        conn.close()
    return row is not None and row[1] is None


def count(db: Path, table: str) -> int:
    """Rows in ``table`` (0 when the database or table is not there yet, or locked)."""
    if not db.exists():
        return 0
    conn = sqlite3.connect(db, timeout=0.2)  # the child may be frozen holding a lock
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    except sqlite3.OperationalError:
        return 0
    finally:
        conn.close()


def kill_when(child: Child, where, timeout: float = 60) -> bool:
    """Freeze the child again and again until ``where()`` holds, then SIGKILL it frozen.

    Returns False (after killing it anyway) if the child finished or the moment never came.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not child.freeze():
            break
        try:
            hit = where()
        except BaseException:
            child.thaw()
            raise
        if hit:
            child.kill()
            return True
        child.thaw()
        time.sleep(random.uniform(0.002, 0.02))
    child.kill()
    return False


# ---------------------------------------------------------------- checks

def snapshot(db: Path) -> dict:
    """What the checks compare: per-document content, events, reviews, runs."""
    conn = sqlite3.connect(db, timeout=30)
    try:
        docs = {r[0]: r[1:] for r in conn.execute("SELECT id, url, text, status FROM documents")}
        mentions: dict[str, Counter] = {d: Counter() for d in docs}
        for row in conn.execute('SELECT document_id, label, start, "end", canonical_id, rule '
                                "FROM mentions"):
            mentions.setdefault(row[0], Counter())[row[1:]] += 1
        evidence: dict[str, Counter] = {d: Counter() for d in docs}
        for row in conn.execute('SELECT document_id, event_key, start, "end", rule, '
                                "trigger_start FROM evidence"):
            evidence.setdefault(row[0], Counter())[row[1:]] += 1
        return {
            "documents": docs, "mentions": mentions, "evidence": evidence,
            "events": {r[0] for r in conn.execute("SELECT key FROM events")},
            "reviews": conn.execute("SELECT id, event_key, status, corrected, reviewer, "
                                    "reviewed_at, note FROM reviews ORDER BY id").fetchall(),
            "runs": [r[0] for r in conn.execute("SELECT status FROM runs ORDER BY id")],
            "integrity": conn.execute("PRAGMA integrity_check").fetchone()[0],
            "foreign_keys": conn.execute("PRAGMA foreign_key_check").fetchall(),
            "orphan_events": conn.execute(
                "SELECT count(*) FROM events WHERE key NOT IN "
                "(SELECT event_key FROM evidence)").fetchone()[0],
        }
    finally:
        conn.close()


def problems(db: Path, reference: dict, reviews: list) -> list[str]:
    """Everything wrong with ``db`` after a kill; [] when nothing was lost or half-written."""
    got = snapshot(db)
    found = []
    if got["integrity"] != "ok":
        found.append(f"integrity_check: {got['integrity']}")
    if got["foreign_keys"]:
        found.append(f"foreign_key_check: {got['foreign_keys'][:3]}")
    if got["orphan_events"]:
        found.append(f"{got['orphan_events']} events without evidence")
    for doc_id, row in got["documents"].items():
        if doc_id not in reference["documents"]:
            found.append(f"unexpected document {doc_id[:12]}")
        elif row != reference["documents"][doc_id]:
            found.append(f"document {doc_id[:12]} differs")
        elif got["mentions"][doc_id] != reference["mentions"][doc_id]:
            found.append(f"document {doc_id[:12]}: mentions partial or duplicated")
        elif got["evidence"][doc_id] != reference["evidence"][doc_id]:
            found.append(f"document {doc_id[:12]}: evidence partial or duplicated")
    stray = set(got["mentions"]) - set(got["documents"])
    if any(got["mentions"][d] for d in stray) or any(got["evidence"].get(d) for d in stray):
        found.append("mentions or evidence of a document that is not stored")
    if not got["events"] <= reference["events"]:
        found.append(f"{len(got['events'] - reference['events'])} unexpected events")
    if got["reviews"] != reviews:
        found.append(f"reviews changed: {len(reviews)} written, {len(got['reviews'])} kept")
    return found


def complete(db: Path, reference: dict) -> list[str]:
    """After the final run: the whole corpus is there, exactly once."""
    got = snapshot(db)
    found = []
    if set(got["documents"]) != set(reference["documents"]):
        found.append(f"{len(set(reference['documents']) - set(got['documents']))} documents "
                     "missing")
    if got["events"] != reference["events"]:
        found.append(f"events differ: {len(got['events'])} vs {len(reference['events'])}")
    total = sum(got["evidence"].values(), Counter())
    if total != sum(reference["evidence"].values(), Counter()):
        found.append("evidence differs from an uninterrupted run")
    return found


def add_reviews(db: Path, count: int, reviewer: str) -> None:
    """A reviewer's decisions on some stored events (plain SQL, as Datasette would write)."""
    conn = sqlite3.connect(db, timeout=30, isolation_level=None)
    try:
        keys = [r[0] for r in conn.execute("SELECT key FROM events ORDER BY key LIMIT ?",
                                           (count,))]
        for n, key in enumerate(keys):
            conn.execute("INSERT INTO reviews (event_key, status, reviewer, reviewed_at, note) "
                         "VALUES (?, ?, ?, strftime('%Y-%m-%dT%H:%M:%f', 'now'), ?)",
                         (key, ("accepted", "rejected")[n % 2], reviewer, f"note {n}"))
    finally:
        conn.close()


def reviews_of(db: Path) -> list:
    return snapshot(db)["reviews"]


def cache_problems(cache: Path) -> list[str]:
    """Every kept body is whole: its name is the sha256 of its bytes (leftover .tmp aside)."""
    import hashlib

    if not cache.exists():
        return []
    return [f"cache file {p.name[:12]} does not match its hash" for p in cache.rglob("*")
            if p.is_file() and not p.name.endswith(".tmp")
            and hashlib.sha256(p.read_bytes()).hexdigest() != p.name]


# ---------------------------------------------------------------- review through Datasette

class Datasette:
    """``python -m pipeline review``: Datasette with the project's review setup (metadata,
    templates, plugin), and a reviewer logged in through ``/-/login``.

    The reviewer's password hash is passed in the environment only
    (``MILEX_PASSWORD_HASH_<NAME>``); decisions go through the ``accept`` canned query with the
    session cookie and Datasette's CSRF token, as the event page's own form sends them.
    """

    def __init__(self, db: Path, folder: Path, user: str = "ana", password: str = "s3cret"):
        import httpx
        from datasette_auth_passwords.utils import hash_password

        self.user, self.db = user, db
        with socket_on_free_port() as port:
            self.url = f"http://127.0.0.1:{port}"
        env = {**os.environ, f"MILEX_PASSWORD_HASH_{user.upper()}": hash_password(password)}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "pipeline", "review", "--db", str(db), "--port", str(port)],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
            start_new_session=True)
        self.client = httpx.Client(base_url=self.url, timeout=30)
        deadline = time.monotonic() + 60
        while True:
            try:
                if self.client.get("/-/versions.json").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or self.proc.poll() is not None:
                self.close()
                raise RuntimeError(f"datasette did not start: {self.proc.stderr.read()}")
            time.sleep(0.2)
        self.token = _csrftoken(self.client.get("/-/login").text)
        response = self.client.post("/-/login", data={"username": user, "password": password,
                                                      "csrftoken": self.token})
        if response.status_code != 302:
            self.close()
            raise RuntimeError(f"login failed: {response.status_code}")

    def read(self, path: str) -> tuple[int, str]:
        response = self.client.get(path)
        return response.status_code, response.text

    def accept(self, key: str, note: str) -> tuple[int, str]:
        response = self.client.post(f"/{self.db.stem}/accept",
                                    data={"csrftoken": self.token, "key": key, "note": note},
                                    headers={"Accept": "application/json"})
        return response.status_code, response.text

    def close(self) -> None:
        self.client.close()
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.communicate()


def _csrftoken(html: str) -> str:
    import re

    found = re.search(r'name="csrftoken" value="([^"]+)"', html)
    if not found:
        raise RuntimeError("no CSRF token on the page")
    return found.group(1)


class socket_on_free_port:
    """A port nobody listens on right now (closed again before the server binds it)."""

    def __enter__(self) -> int:
        import socket

        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        return self.sock.getsockname()[1]

    def __exit__(self, *exc) -> None:
        self.sock.close()


@dataclass
class ReviewLoad:
    """What a reviewer did against Datasette while a run wrote, and what went wrong."""

    writes: int = 0
    reads: int = 0
    writes_while_busy: int = 0  # of the writes, how many went in while the run was writing
    notes: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def review_while(server: Datasette, busy, seconds: float, load: ReviewLoad,
                 tag: str = "r") -> ReviewLoad:
    """Read events and accept them through Datasette until ``busy()`` is false or time is up."""
    import json

    deadline = time.monotonic() + seconds
    name = server.db.stem
    while time.monotonic() < deadline and (busy() or load.writes < 20):
        status, body = server.read(f"/{name}/events.json?_shape=array&_size=50&_sort_desc=key")
        load.reads += 1
        if status != 200 or "locked" in body:
            load.failures.append(f"read events: {status} {body[:200]}")
            continue
        keys = [row["key"] for row in json.loads(body)]
        for key in keys[:5]:
            note = f"{tag}-{load.writes}"
            status, body = server.accept(key, note)
            if status == 200 and json.loads(body).get("ok") is True:
                load.writes += 1
                load.writes_while_busy += bool(busy())
                load.notes.append(note)
            else:
                load.failures.append(f"write: {status} {body[:200]}")
        status, body = server.read(f"/{name}/reviews.json?_shape=array&_size=5&_sort_desc=id")
        load.reads += 1
        if status != 200 or "locked" in body:
            load.failures.append(f"read reviews: {status} {body[:200]}")
    return load


def notes_kept(db: Path) -> set[str]:
    conn = sqlite3.connect(db, timeout=30)
    try:
        return {r[0] for r in conn.execute("SELECT note FROM reviews WHERE note IS NOT NULL")}
    finally:
        conn.close()
