"""Exports: events, documents and reviews as JSONL or CSV (schema: ``SCHEMA`` below).

The latest review of an event wins: its status is the event's ``review_status`` and
its corrected fields override the extracted ones. That rule lives in ONE place, the
``latest_reviews`` and ``reviewed_events`` views (``store.REVIEW_VIEWS``), which the
exports, the review queue and the report all read.
"""

from __future__ import annotations

import csv
import json
import logging
from collections.abc import Iterator
from typing import IO, Any

import sqlite_utils

from pipeline import corrections
from pipeline.cells import neutralize
from pipeline.nlp.models import event_codes

log = logging.getLogger(__name__)

# Bump on any change that can break a consumer (a field renamed, removed or retyped);
# adding a field is not a breaking change. README "Exports and the JSON API" documents it.
EXPORT_SCHEMA_VERSION = 1
SCHEMA: dict[str, dict[str, str]] = {
    "events": {
        "event_id": "stable event key; reviews attach to it and it survives re-runs",
        "type": "event type (corrected if a reviewer corrected it)",
        "date": "YYYY-MM-DD, YYYY-MM or YYYY at date_precision (corrected if corrected)",
        "date_precision": "day, month, year or null",
        "date_source": "stated (in the evidence), published (publication-month fallback) or none",
        "countries": "parties, ISO 3166-1 alpha-3 codes (list; corrected if corrected)",
        "location": "place named in the evidence, or null (corrected if corrected)",
        "persons": "persons named with a title (list)",
        "institutions": "canonical institution names (list)",
        "confidence": "0-1, from the rules",
        "review_status": "unreviewed, accepted, corrected (= accepted with corrections) or "
                         "rejected: the latest decision",
        "reviewer": "id of the reviewer of the latest decision, or null",
        "reviewed_at": "UTC time of the latest decision, or null",
        "review_note": "the reviewer's note on the latest decision, or null",
        "documents": "how many distinct documents report the event",
        "cameo": "nearest CAMEO verb code of the type (models/event_types.json)",
        "plover": "nearest PLOVER event type of the type",
        "plover_mode": "PLOVER mode (e.g. visit), or null",
        "evidence": "list of {document_id, document_url, document_title, sentence, start, end, "
                    "page, rule, trigger}; CSV: JSON text",
    },
    "documents": {
        "document_id": "sha256 of the raw bytes", "url": "URL fetched or file:// URI",
        "source": "registry entry", "title": "title", "author": "author",
        "published": "YYYY-MM-DD", "language": "en, es or pt", "content_type": "MIME type",
        "countries": "ISO3 of every country tagged in the text (list)",
        "status": "ok, empty or failed", "error_class": "why extraction failed, or null",
        "error": "the error message, or null", "extractor": "extraction library",
        "extractor_version": "its version", "pages": "PDF pages, null for web pages",
    },
    "reviews": {
        "review_id": "row id in the append-only reviews table",
        "event_id": "the stable key of the reviewed event",
        "status": "accepted, corrected or rejected",
        "corrected": "object of corrected fields (type, date, date_precision, countries, "
                     "location), empty when none; CSV: JSON text",
        "reviewer": "reviewer id (the logged-in Datasette actor)",
        "reviewed_at": "UTC time of the decision",
        "note": "the reviewer's note, or null",
        "latest": "true when this is the event's latest decision (the one that counts)",
        "orphaned": "true when no run extracts the event any more (the review is kept)",
        "event": "the event as the reviewer saw it (type, date, countries, location, "
                 "sentence, document_url), or null; CSV: JSON text",
    },
}
EVENT_FIELDS = tuple(SCHEMA["events"])
DOCUMENT_FIELDS = tuple(SCHEMA["documents"])
REVIEW_FIELDS = tuple(SCHEMA["reviews"])
STATUSES = ("all", "accepted", "unreviewed", "rejected")


def _loads(value: str | None) -> Any:
    """Parsed JSON text; None for none, and for text that is not JSON (written by hand)."""
    try:
        return json.loads(value) if value else None
    except ValueError:
        log.warning("not JSON, left out: %.80r", value)
        return None


def keeps(status: str, review_status: str) -> bool:
    """Does ``--status status`` keep an event or review whose status is ``review_status``?"""
    return status in ("all", review_status) or (
        status == "accepted" and review_status == "corrected")


def events(db: sqlite_utils.Database, status: str = "all") -> Iterator[dict[str, Any]]:
    """One object per event, evidence included, reviews applied, ordered by date; each with
    the nearest CAMEO code and PLOVER type of its (possibly corrected) type."""
    codes = event_codes()
    evidence: dict[str, list[dict[str, Any]]] = {}
    for row in db.conn.execute(
            'SELECT e.event_key, e.document_id, d.url, d.title, e.sentence, e.start, e."end", '
            "e.page, e.rule, e.trigger FROM evidence e JOIN documents d ON d.id = e.document_id "
            "ORDER BY e.event_key, d.url, e.start"):
        evidence.setdefault(row[0], []).append({
            "document_id": row[1], "document_url": row[2], "document_title": row[3],
            "sentence": row[4], "start": row[5], "end": row[6], "page": row[7], "rule": row[8],
            "trigger": row[9]})
    corrected = _corrected(db)
    for row in db.conn.execute(
            "SELECT key, type, date, date_precision, date_source, countries, location, persons, "
            "institutions, confidence, review_status, reviewer, reviewed_at, note, documents "
            "FROM reviewed_events ORDER BY date, type, key"):
        if not keeps(status, row[10]):
            continue
        event = {
            "event_id": row[0], "type": row[1], "date": row[2], "date_precision": row[3],
            "date_source": row[4], "countries": _loads(row[5]) or [], "location": row[6],
            "persons": _loads(row[7]) or [], "institutions": _loads(row[8]) or [],
            "confidence": row[9], "review_status": row[10], "reviewer": row[11],
            "reviewed_at": row[12], "review_note": row[13], "documents": row[14],
            "cameo": codes.get(row[1], {}).get("cameo"),
            "plover": codes.get(row[1], {}).get("plover"),
            "plover_mode": codes.get(row[1], {}).get("plover_mode"),
            "evidence": evidence.get(row[0], []),
        }
        if row[0] in corrected:  # the correction as checked: a bad stored value is not used
            event.update(corrected[row[0]])
            event.update({k: codes.get(event["type"], {}).get(k)
                          for k in ("cameo", "plover", "plover_mode")})
        yield event


def _corrected(db: sqlite_utils.Database) -> dict[str, dict[str, Any]]:
    """The fields of every event whose latest decision corrected it, with the correction
    applied where it is valid (``corrections.effective``); a warning names each stored
    value that is not, and the extracted value is kept for it."""
    found = {}
    for key, review_id, stored, *extracted in db.conn.execute(
            "SELECT e.key, r.id, r.corrected, e.type, e.date, e.date_precision, e.countries, "
            "e.location, e.persons, e.institutions FROM latest_reviews r "
            "JOIN events e ON e.key = r.event_key WHERE r.corrected IS NOT NULL"):
        fields = dict(zip(("type", "date", "date_precision", "countries", "location",
                           "persons", "institutions"), extracted, strict=True))
        for name in ("countries", "persons", "institutions"):
            fields[name] = _loads(fields[name]) or []
        found[key], problems = corrections.effective(fields, stored)
        for problem in problems:
            log.warning("review %s of event %s: %s; the extracted value is used instead",
                        review_id, key, problem)
    return found


def reviews(db: sqlite_utils.Database, status: str = "all") -> Iterator[dict[str, Any]]:
    """Every decision ever taken (history included), oldest first."""
    latest = {r[0] for r in db.conn.execute("SELECT id FROM latest_reviews")}
    extracted = {r[0] for r in db.conn.execute("SELECT key FROM events")}
    for row in db.conn.execute(
            "SELECT id, event_key, status, corrected, reviewer, reviewed_at, note, snapshot "
            "FROM reviews ORDER BY reviewed_at, id"):
        if keeps(status, row[2]):
            yield {"review_id": row[0], "event_id": row[1], "status": row[2],
                   "corrected": _loads(row[3]) or {}, "reviewer": row[4], "reviewed_at": row[5],
                   "note": row[6], "latest": row[0] in latest, "orphaned": row[1] not in extracted,
                   "event": _loads(row[7])}


def documents(db: sqlite_utils.Database) -> Iterator[dict[str, Any]]:
    for row in db.conn.execute(
            "SELECT id, url, source, title, author, published, language, content_type, "
            "countries, status, error_class, error, extractor, extractor_version, page_offsets "
            "FROM documents ORDER BY url"):
        yield {"document_id": row[0], "url": row[1], "source": row[2], "title": row[3],
               "author": row[4], "published": row[5], "language": row[6],
               "content_type": row[7], "countries": json.loads(row[8] or "[]"),
               "status": row[9], "error_class": row[10], "error": row[11],
               "extractor": row[12], "extractor_version": row[13],
               "pages": len(json.loads(row[14] or "[]")) or None}


def rows(db: sqlite_utils.Database, what: str, status: str = "all"
         ) -> tuple[Iterator[dict[str, Any]], tuple[str, ...]]:
    """The rows of one export and their fields (``what``: events, documents or reviews)."""
    if what == "events":
        return events(db, status), EVENT_FIELDS
    if what == "reviews":
        return reviews(db, status), REVIEW_FIELDS
    return documents(db), DOCUMENT_FIELDS


def write(rows: Iterator[dict[str, Any]], fmt: str, out: IO[str], fields: tuple[str, ...]) -> int:
    """Write rows as jsonl or csv; lists and objects become JSON text in CSV cells, and no
    CSV cell is a formula a spreadsheet would run (``cells.neutralize``)."""
    count = 0
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
        return count
    writer = csv.DictWriter(out, fieldnames=list(fields), extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: neutralize(json.dumps(v, ensure_ascii=False)
                                       if isinstance(v, list | dict) else v)
                         for k, v in row.items()})
        count += 1
    return count
