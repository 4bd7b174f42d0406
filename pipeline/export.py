"""Exports: events and documents as JSONL or CSV (format: docs/design.md, "export").

The latest review of an event wins: its status is the event's ``review_status`` and
its corrected fields override the extracted ones.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import IO, Any

import sqlite_utils

from pipeline.nlp.models import event_codes

EXPORT_SCHEMA_VERSION = 1
EVENT_FIELDS = ("event_id", "type", "date", "date_precision", "date_source", "countries",
                "location", "persons", "institutions", "confidence", "review_status",
                "reviewer", "reviewed_at", "documents", "cameo", "plover", "plover_mode",
                "evidence")
DOCUMENT_FIELDS = ("document_id", "url", "source", "title", "author", "published", "language",
                   "content_type", "countries", "status", "error_class", "error", "extractor",
                   "extractor_version", "pages")
CORRECTABLE = ("type", "date", "date_precision", "countries", "location", "persons",
               "institutions")


def latest_reviews(db: sqlite_utils.Database) -> dict[str, dict[str, Any]]:
    rows = db.conn.execute(
        "SELECT event_key, status, corrected, reviewer, reviewed_at, note FROM reviews "
        "ORDER BY event_key, reviewed_at, id").fetchall()
    latest: dict[str, dict[str, Any]] = {}
    for key, status, corrected, reviewer, at, note in rows:
        latest[key] = {"status": status, "corrected": json.loads(corrected or "{}") or {},
                       "reviewer": reviewer, "reviewed_at": at, "note": note}
    return latest


def events(db: sqlite_utils.Database, status: str = "all") -> Iterator[dict[str, Any]]:
    """One object per event, evidence included, reviews applied, ordered by date; each with
    the nearest CAMEO code and PLOVER type of its (possibly corrected) type."""
    reviews = latest_reviews(db)
    codes = event_codes()
    evidence: dict[str, list[dict[str, Any]]] = {}
    for row in db.conn.execute(
            'SELECT e.event_key, e.document_id, d.url, e.sentence, e.start, e."end", e.page, '
            "e.rule FROM evidence e JOIN documents d ON d.id = e.document_id "
            "ORDER BY e.event_key, d.url, e.start"):
        evidence.setdefault(row[0], []).append({
            "document_id": row[1], "document_url": row[2], "sentence": row[3], "start": row[4],
            "end": row[5], "page": row[6], "rule": row[7]})
    for row in db.conn.execute(
            "SELECT key, type, date, date_precision, date_source, countries, location, persons, "
            "institutions, confidence FROM events ORDER BY date, type, key"):
        key = row[0]
        review = reviews.get(key)
        event = {
            "event_id": key, "type": row[1], "date": row[2], "date_precision": row[3],
            "date_source": row[4], "countries": json.loads(row[5]), "location": row[6],
            "persons": json.loads(row[7]), "institutions": json.loads(row[8]),
            "confidence": row[9],
            "review_status": review["status"] if review else "unreviewed",
            "reviewer": review["reviewer"] if review else None,
            "reviewed_at": review["reviewed_at"] if review else None,
        }
        if review:
            event.update({k: v for k, v in review["corrected"].items() if k in CORRECTABLE})
        ev = evidence.get(key, [])
        event["documents"] = len({e["document_id"] for e in ev})
        code = codes.get(event["type"], {})
        event.update(cameo=code.get("cameo"), plover=code.get("plover"),
                     plover_mode=code.get("plover_mode"))
        event["evidence"] = ev
        if status in ("all", event["review_status"]) or (
                status == "accepted" and event["review_status"] == "corrected"):
            yield event


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


def write(rows: Iterator[dict[str, Any]], fmt: str, out: IO[str], fields: tuple[str, ...]) -> int:
    """Write rows as jsonl or csv; lists and objects become JSON text in CSV cells."""
    count = 0
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
        return count
    writer = csv.DictWriter(out, fieldnames=list(fields), extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v
                         for k, v in row.items()})
        count += 1
    return count
