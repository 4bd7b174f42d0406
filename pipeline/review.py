"""Review: Datasette on the database, with our metadata, templates and plugin (``output/``).

``serve(db)`` runs stock Datasette with ``output/metadata.yml`` (descriptions, facets,
the accept / reject / correct canned queries), ``output/templates`` (the event page) and
``output/plugins`` (which calls the helpers below). Reviewer accounts come from the
environment: ``MILEX_PASSWORD_HASH_<NAME>`` holds the password hash of reviewer
``<name>`` (make one with ``datasette hash-password``); no hash is ever written to a file.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import yaml

from pipeline import access, corrections

log = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "output"
METADATA = OUTPUT / "metadata.yml"
TEMPLATES = OUTPUT / "templates"
PLUGINS = OUTPUT / "plugins"
PASSWORD_ENV_PREFIX = "MILEX_PASSWORD_HASH_"
CONTEXT_CHARS = 700  # paragraph text shown either side of an evidence sentence, at most


def reviewers(environ: Mapping[str, str]) -> dict[str, str]:
    """Reviewer name -> the environment variable holding their password hash."""
    return {name[len(PASSWORD_ENV_PREFIX):].lower(): name for name in sorted(environ)
            if name.startswith(PASSWORD_ENV_PREFIX) and len(name) > len(PASSWORD_ENV_PREFIX)
            and environ[name]}


def metadata(db_path: str | Path, environ: Mapping[str, str],
             public_sql: bool = False) -> dict[str, Any]:
    """``output/metadata.yml`` for this database file, with the reviewer accounts and who
    may read what (``access.apply``; ``public_sql``: anyone may run arbitrary SQL)."""
    meta = access.apply(yaml.safe_load(METADATA.read_text(encoding="utf-8")), public_sql)
    name = Path(db_path).stem
    databases = meta.get("databases", {})
    if name != "corpus" and "corpus" in databases:
        databases[name] = databases.pop("corpus")
        meta["description_html"] = meta["description_html"].replace("/corpus/", f"/{name}/")
    accounts: dict[str, Any] = {f"{user}_password_hash": {"$env": var}
                                for user, var in reviewers(environ).items()}
    meta.setdefault("plugins", {})["datasette-auth-passwords"] = accounts
    return meta


def datasette_args(db: str, host: str, port: int, metadata_file: str,
                   read_only: bool = False) -> list[str]:
    """Arguments of ``datasette`` (after the program name) for the review setup; a
    ``read_only`` database is served immutable (nothing can be written to it)."""
    return ["serve", *(["--immutable", db] if read_only else [db]), "--host", host,
            "--port", str(port), "--metadata", metadata_file,
            "--template-dir", str(TEMPLATES), "--plugins-dir", str(PLUGINS),
            "--setting", "sql_time_limit_ms", "3000"]


def serve(db: str, host: str = "127.0.0.1", port: int = 8001, *, public_sql: bool = False,
          read_only: bool = False) -> int:
    """Run Datasette in this process until interrupted (SIGINT or SIGTERM stop it cleanly,
    with no server left behind); returns its exit code."""
    from datasette.cli import cli as datasette

    with tempfile.TemporaryDirectory(prefix="milex-review-") as tmp:
        meta_file = Path(tmp) / "metadata.json"
        meta_file.write_text(json.dumps(metadata(db, os.environ, public_sql),
                                        ensure_ascii=False), encoding="utf-8")
        try:
            datasette.main(args=datasette_args(db, host, port, str(meta_file), read_only),
                           prog_name="datasette")
        except SystemExit as exit:
            return exit.code if isinstance(exit.code, int) else 0
        except KeyboardInterrupt:
            return 0
    return 0


# ---------------------------------------------------------------- decisions

class Refused(ValueError):
    "A decision the review server does not record; the message, shown on the page, says why"


def posted(body: bytes) -> dict[str, str]:
    """The fields of a POST body, read as Datasette reads a canned query's (form or JSON)."""
    text = body.decode("utf-8", "replace").strip()
    if text.startswith("{") and text.endswith("}"):
        try:
            data = json.loads(text)
        except ValueError:
            return {}
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}
    return dict(parse_qsl(text, keep_blank_values=True))


def decision_key(key: str | None, exists: Callable[[str], bool]) -> str:
    """The key of the event decided on, if an event has it now."""
    key = (key or "").strip()
    if not key:
        raise Refused("Not recorded: the form named no event.")
    if not exists(key):
        raise Refused(f"Not recorded: no event has the key {key!r} (a later run may have "
                      "merged or dropped it); nothing was written.")
    return key


def decision_note(note: str | None) -> str | None:
    """The reviewer's note, trimmed (None when empty), at most ``access.MAX_NOTE_CHARS``."""
    note = (note or "").strip()
    if len(note) > access.MAX_NOTE_CHARS:
        raise Refused(f"Not recorded: the note has {len(note):,} characters; at most "
                      f"{access.MAX_NOTE_CHARS:,} are kept.")
    return note or None


def decision_correction(form: Mapping[str, str]) -> str:
    """The corrected fields of the form as stored JSON, if every one is valid."""
    clean, errors = corrections.validate(
        {name: form.get(name, "") for name in ("type", "date", "countries", "location")})
    if errors:
        raise Refused("Not recorded: " + "; ".join(errors) + ".")
    return corrections.dumps(clean)


# ---------------------------------------------------------------- the event page

def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Start and end of the paragraph (line) holding text[start:end], at most CONTEXT_CHARS
    either side of it."""
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    right = len(text) if right == -1 else right
    return max(left, start - CONTEXT_CHARS), min(right, end + CONTEXT_CHARS)


def evidence_parts(text: str | None, row: Mapping[str, Any]) -> dict[str, str]:
    """An evidence sentence in its paragraph: before / sentence (lead, trigger, tail) / after."""
    start, end = row["start"], row["end"]
    sentence = row["sentence"]
    t0, t1 = row["trigger_start"] - start, row["trigger_end"] - start
    if not 0 <= t0 <= t1 <= len(sentence):
        t0 = t1 = len(sentence)
    before = after = ""
    if text and text[start:end] == sentence:
        left, right = paragraph_bounds(text, start, end)
        before, after = text[left:start], text[end:right]
        before = ("…" if left > 0 and text[left - 1] != "\n" else "") + before
        after += "…" if right < len(text) and text[right] != "\n" else ""
    return {"before": before, "lead": sentence[:t0], "trigger": sentence[t0:t1],
            "tail": sentence[t1:], "after": after}


def _list(value: str | None) -> list[Any]:
    """A JSON list column; [] when empty or not a JSON list (a value written by hand)."""
    try:
        parsed = json.loads(value or "[]")
    except ValueError:
        return []
    return parsed if isinstance(parsed, list) else []


def marked(evidence: str) -> tuple[str, str, str]:
    """Split a review-queue evidence text at its ⟦trigger⟧ marks."""
    head, sep, rest = evidence.partition("⟦")
    trigger, sep2, tail = rest.partition("⟧")
    return (head, trigger, tail) if sep and sep2 else (evidence, "", "")


async def occurrence_of(db: Any, key: str | None) -> str | None:
    """The event (occurrence) an extracted report's key belongs to now, if any."""
    if not key:
        return None
    rows = (await db.execute("SELECT occurrence FROM events WHERE key = ?", [key])).rows
    return rows[0][0] if rows else None


async def event_page(db: Any, key: str) -> dict[str, Any] | None:
    """Everything the event page shows (``db``: a Datasette Database). ``key`` may be any of
    the event's reports: the page shows the event (occurrence) that report belongs to."""
    occurrence = await occurrence_of(db, key)
    found = (await db.execute("SELECT * FROM reviewed_events WHERE key = ?", [occurrence])).rows
    if not found:
        return None
    event = dict(found[0])
    extracted = dict((await db.execute("SELECT * FROM occurrences WHERE key = ?",
                                       [occurrence])).rows[0])
    for name in ("countries", "persons", "institutions"):
        event[name], extracted[name] = _list(event[name]), _list(extracted[name])
    event["languages"] = _list(event["languages"])
    # every decision taken on any report of the event; the latest (first) is the one that counts
    history = [dict(r) for r in (await db.execute(
        "SELECT id, event_key, status, corrected, reviewer, reviewed_at, note FROM reviews "
        "WHERE event_key IN (SELECT key FROM events WHERE occurrence = ?) "
        "ORDER BY reviewed_at DESC, id DESC", [occurrence])).rows]
    warnings: list[str] = []
    if history and history[0]["corrected"]:  # the latest decision corrected the event
        fields, warnings = corrections.effective(extracted, history[0]["corrected"])
        event.update(fields)
        for warning in warnings:
            log.warning("review %s of event %s: %s", history[0]["id"], occurrence, warning)
    evidence = []
    for row in (await db.execute(
            'SELECT v.position, v.sentence, v.start, v."end", v.page, v.rule, v.trigger, '
            "v.trigger_start, v.trigger_end, v.role, v.report_key, v.document_id, "
            "v.document_title AS title, v.document_url AS url, v.published, v.language, d.text "
            "FROM ranked_evidence v JOIN documents d ON d.id = v.document_id "
            "WHERE v.event_key = ? ORDER BY v.position", [occurrence])).rows:
        evidence.append({**evidence_parts(row["text"], row), "page": row["page"],
                         "rule": row["rule"], "title": row["title"] or row["url"],
                         "url": row["url"], "published": row["published"],
                         "language": row["language"], "role": row["role"],
                         "report": row["report_key"], "document_id": row["document_id"]})
    reports = [dict(r) for r in (await db.execute(
        "SELECT d.id AS document_id, d.url, coalesce(d.title, d.url) AS title, d.language, "
        "d.published, group_concat(DISTINCT e.key) AS report_keys, "
        "group_concat(DISTINCT e.date) AS dates FROM events e "
        "JOIN evidence v ON v.event_key = e.key JOIN documents d ON d.id = v.document_id "
        "WHERE e.occurrence = ? GROUP BY d.id ORDER BY d.published, d.url", [occurrence])).rows]
    queue = await review_order(db)
    return {"event": event, "extracted": extracted, "history": history,
            "warnings": [f"The stored correction is not used where it is not valid: {w}."
                         for w in warnings],
            "evidence": evidence, "reports": reports, "reports_label": reports_label(reports),
            "asked": key, "next_key": next_in(queue, occurrence),
            "unreviewed": sum(status == "unreviewed" for _, status in queue),
            "types": event_types()}


def reports_label(reports: list[dict[str, Any]]) -> str:
    """ "3 reports in 2 languages" for a list of report documents."""
    languages = {r.get("language") for r in reports if r.get("language")}
    n, m = len(reports), len(languages)
    return (f"{n} report{'' if n == 1 else 's'}"
            + (f" in {m} language{'' if m == 1 else 's'}" if m else ""))


async def review_order(db: Any) -> list[tuple[str, str]]:
    """(key, review status) of every event in a stable order for moving from one to the next:
    the queue's order without its unreviewed-first split, so a decision does not move it."""
    return [(r[0], r[1]) for r in (await db.execute(
        "SELECT key, review_status FROM review_queue ORDER BY confidence DESC, date, key")).rows]


def next_in(queue: list[tuple[str, str]], after: str | None) -> str | None:
    """The first unreviewed key after ``after`` in ``review_order`` (wrapping round)."""
    keys = [key for key, _ in queue]
    start = keys.index(after) + 1 if after in keys else 0
    for key, status in queue[start:] + queue[:start]:
        if status == "unreviewed" and key != after:
            return key
    return None


def event_types() -> tuple[str, ...]:
    from pipeline.nlp.models import EVENT_TYPES

    return EVENT_TYPES


# ---------------------------------------------------------------- reviews as regression tests

@dataclass
class ReviewScore:
    """How the current rules fare on the reviewed events (latest decision per event)."""

    documents: int  # documents re-tagged
    found: list[dict[str, Any]] = field(default_factory=list)  # accepted, still extracted
    missing: list[dict[str, Any]] = field(default_factory=list)  # accepted, no longer extracted
    kept_out: list[dict[str, Any]] = field(default_factory=list)  # rejected, not extracted
    back: list[dict[str, Any]] = field(default_factory=list)  # rejected, extracted again

    @property
    def regressions(self) -> int:
        return len(self.missing) + len(self.back)

    def lines(self) -> list[str]:
        accepted = len(self.found) + len(self.missing)
        rejected = len(self.kept_out) + len(self.back)
        recall = f"{len(self.found) / accepted:.3f}" if accepted else "n/a"
        lines = [f"Reviewed events against the current rules ({self.documents} documents "
                 "re-tagged):",
                 f"  accepted {accepted}: {len(self.found)} still found, {len(self.missing)} "
                 f"missing (recall {recall})",
                 f"  rejected {rejected}: {len(self.kept_out)} not produced, {len(self.back)} "
                 f"back"]
        for label, items in (("missing", self.missing), ("back", self.back)):
            for r in items:
                e = r.get("event") or {}
                facts = [e.get("type"), e.get("date"), ",".join(e.get("countries") or [])]
                sentence = f' "{e["sentence"]}"' if e.get("sentence") else ""
                lines.append(f"  {label}: {' '.join([r['event_id'], *filter(None, facts)])}"
                             f"{sentence}")
        return lines


def score(decisions: list[dict[str, Any]], produced: set[str], documents: int) -> ReviewScore:
    """Accepted (and corrected) events must still be produced; rejected ones must not."""
    result = ReviewScore(documents)
    for review in decisions:
        if not review["latest"]:
            continue
        hit = review["event_id"] in produced
        if review["status"] == "rejected":
            (result.back if hit else result.kept_out).append(review)
        else:
            (result.found if hit else result.missing).append(review)
    return result


def eval_reviewed(db: Any) -> ReviewScore:
    """Re-tag the stored text of every document with the current rules (no refetch, nothing
    written) and score the event keys produced against the reviewers' latest decisions."""
    from pipeline import export
    from pipeline.nlp import tag
    from pipeline.records import Document

    produced: set[str] = set()
    count = 0
    for row in db.conn.execute(
            "SELECT id, url, source, text, title, author, published, language, content_type, "
            "extractor, extractor_version, page_offsets FROM documents WHERE status = 'ok'"):
        document = Document(id=row[0], url=row[1], source=row[2], text=row[3] or "",
                            title=row[4], author=row[5], published=row[6], language=row[7],
                            content_type=row[8], extractor=row[9] or "",
                            extractor_version=row[10] or "",
                            page_offsets=tuple(json.loads(row[11] or "[]")))
        produced.update(event.key for event in tag(document).events)
        count += 1
    current = {}  # what each report's event looks like now (the reports of one event share it)
    for e in export.events(db):
        facts = {"type": e["type"], "date": e["date"], "countries": e["countries"],
                 "sentence": e["evidence"][0]["sentence"] if e["evidence"] else ""}
        current.update(dict.fromkeys(e["report_ids"] or [e["event_id"]], facts))
    decisions = [{**r, "event": r["event"] or current.get(r["event_id"])}
                 for r in export.reviews(db)]
    return score(decisions, produced, count)
