"""Exports: events, their evidence, documents and reviews as JSONL or CSV (``SCHEMA`` below).

One event is one occurrence: the reports of it that different documents gave are merged
(``pipeline.occurrences``), and ``report_ids`` lists the keys they had. The latest review
of an event wins: its status is the event's ``review_status`` and its corrected fields
override the extracted ones. That rule lives in ONE place, the ``latest_reviews`` and
``reviewed_events`` views, and the order of an event's evidence in ONE other, the
``ranked_evidence`` view (``occurrence_store.VIEWS``); the exports, the review queue and the
report all read them.

JSONL keeps the full record. CSV is for spreadsheets: one row per event with plain columns
(``EVENT_CSV``: codes and names joined with ``;``, the stating sentence, its URL and page),
and ``--what evidence`` gives one row per evidence sentence. Every CSV cell goes through
``cell``.
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
from pipeline.nlp.models import event_codes, load

log = logging.getLogger(__name__)

# Bump on any change that can break a consumer (a field renamed, removed or retyped);
# adding a field is not a breaking change. README "Exports and the JSON API" documents it.
# 2: the events CSV became one plain row per event (EVENT_CSV), CSV lists are joined with
# ";" instead of JSON text; the JSONL fields of version 1 are unchanged.
EXPORT_SCHEMA_VERSION = 2
EVIDENCE_FIELDS: dict[str, str] = {
    "document_id": "sha256 of the document", "document_url": "URL fetched or file:// URI",
    "document_title": "title of the document", "language": "language of the document",
    "sentence": "the sentence as it stands in the document text",
    "start": "character offset of the sentence in the text", "end": "end offset (exclusive)",
    "page": "PDF page (1-based), null for web pages", "rule": "trigger rule id",
    "trigger": "the words that triggered the rule",
    "role": "states (the sentence states the event) or supports (adds a detail)",
    "report_id": "key of the extracted report this sentence came with",
}
SCHEMA: dict[str, dict[str, str]] = {
    "events": {
        "event_id": "stable event key; reviews attach to it and it survives re-runs",
        "type": "event type (corrected if a reviewer corrected it)",
        "date": "YYYY-MM-DD, YYYY-MM or YYYY at date_precision (corrected if corrected)",
        "date_precision": "day, month, year or null",
        "date_source": "stated (in the evidence), published (publication-month fallback) or none",
        "countries": "parties, ISO 3166-1 alpha-3 codes (list; corrected if corrected)",
        "location": "place named in the stating sentences, or null (corrected if corrected)",
        "persons": "persons named with a title in the stating sentences (list)",
        "institutions": "canonical names of institutions named in the stating sentences (list)",
        "confidence": "0-1, from the rules",
        "review_status": "unreviewed, accepted, corrected (= accepted with corrections) or "
                         "rejected: the latest decision",
        "reviewer": "id of the reviewer of the latest decision, or null",
        "reviewed_at": "UTC time of the latest decision, or null",
        "review_note": "the reviewer's note on the latest decision, or null",
        "documents": "how many distinct documents report the event",
        "languages": "languages of those documents (list)",
        "report_ids": "keys of the extracted reports merged into this event (list; a decision "
                      "taken on any of them applies to it)",
        "cameo": "nearest CAMEO verb code of the type (models/event_types.json)",
        "plover": "nearest PLOVER event type of the type",
        "plover_mode": "PLOVER mode (e.g. visit), or null",
        "evidence": "list of evidence objects (fields as in --what evidence), the sentence that "
                    "states the event best first",
    },
    "evidence": {
        "event_id": "the event the sentence is evidence of",
        "position": "1 for the sentence that states the event best, then 2, 3, ...",
        "review_status": "the event's review status",
        **EVIDENCE_FIELDS,
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
        "event_id": "the stable key the decision was taken on",
        "applies_to": "the event it applies to now (event_id, or the event that report was "
                      "merged into), or null when no run extracts it any more",
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
# The events CSV: one plain row per event, for a spreadsheet.
EVENT_CSV: dict[str, str] = {
    "event_id": "stable event key", "type": "event type", "date": "YYYY-MM-DD, YYYY-MM or YYYY",
    "date_precision": "day, month or year", "powers": "extra-regional parties, ISO3, ;-joined",
    "lac_partners": "Latin American and Caribbean parties, ISO3, ;-joined",
    "location": "place named in the stating sentences", "confidence": "0-1",
    "review_status": "unreviewed, accepted, corrected or rejected",
    "sentence": "the sentence that states the event", "document_url": "its document",
    "page": "its PDF page", "documents": "how many documents report the event",
    "languages": "their languages, ;-joined", "persons": "persons named, ;-joined",
    "institutions": "institutions named, ;-joined", "reviewer": "reviewer of the decision",
    "reviewed_at": "UTC time of the decision", "review_note": "the reviewer's note",
    "date_source": "stated, published or none", "cameo": "nearest CAMEO code",
    "plover": "nearest PLOVER type", "report_ids": "keys of the merged reports, ;-joined",
}
EVENT_FIELDS = tuple(SCHEMA["events"])
EVIDENCE_EXPORT_FIELDS = tuple(SCHEMA["evidence"])
DOCUMENT_FIELDS = tuple(SCHEMA["documents"])
REVIEW_FIELDS = tuple(SCHEMA["reviews"])
EVENT_CSV_FIELDS = tuple(EVENT_CSV)
STATUSES = ("all", "accepted", "unreviewed", "rejected")
WHATS = ("events", "evidence", "documents", "reviews")


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


def ranked_evidence(db: sqlite_utils.Database, key: str | None = None
                    ) -> dict[str, list[dict[str, Any]]]:
    """Evidence objects per event key, best first (view ``ranked_evidence``); one event's
    when ``key`` is given."""
    out: dict[str, list[dict[str, Any]]] = {}
    rows = db.conn.execute(
        'SELECT event_key, document_id, document_url, document_title, language, sentence, start, '
        '"end", page, rule, trigger, role, report_key FROM ranked_evidence '
        + ("WHERE event_key = ? " if key else "") + "ORDER BY event_key, position",
        (key,) if key else ())
    for row in rows:
        out.setdefault(row[0], []).append(dict(zip(EVIDENCE_FIELDS, row[1:], strict=True)))
    return out


def events(db: sqlite_utils.Database, status: str = "all") -> Iterator[dict[str, Any]]:
    """One object per event (occurrence), its evidence best first, reviews applied, ordered
    by date; each with the nearest CAMEO code and PLOVER type of its (possibly corrected)
    type."""
    codes = event_codes()
    evidence = ranked_evidence(db)
    reports: dict[str, list[str]] = {}
    for occurrence, key in db.conn.execute("SELECT occurrence, key FROM events "
                                           "WHERE occurrence IS NOT NULL ORDER BY key"):
        reports.setdefault(occurrence, []).append(key)
    corrected = _corrected(db)
    for row in db.conn.execute(
            "SELECT key, type, date, date_precision, date_source, countries, location, persons, "
            "institutions, confidence, review_status, reviewer, reviewed_at, note, documents, "
            "languages FROM reviewed_events ORDER BY date, type, key"):
        if not keeps(status, row[10]):
            continue
        event = {
            "event_id": row[0], "type": row[1], "date": row[2], "date_precision": row[3],
            "date_source": row[4], "countries": _loads(row[5]) or [], "location": row[6],
            "persons": _loads(row[7]) or [], "institutions": _loads(row[8]) or [],
            "confidence": row[9], "review_status": row[10], "reviewer": row[11],
            "reviewed_at": row[12], "review_note": row[13], "documents": row[14],
            "languages": _loads(row[15]) or [], "report_ids": reports.get(row[0], []),
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
            "SELECT o.key, r.id, r.corrected, o.type, o.date, o.date_precision, o.countries, "
            "o.location, o.persons, o.institutions FROM latest_reviews r "
            "JOIN occurrences o ON o.key = r.occurrence WHERE r.corrected IS NOT NULL"):
        fields = dict(zip(("type", "date", "date_precision", "countries", "location",
                           "persons", "institutions"), extracted, strict=True))
        for name in ("countries", "persons", "institutions"):
            fields[name] = _loads(fields[name]) or []
        found[key], problems = corrections.effective(fields, stored)
        for problem in problems:
            log.warning("review %s of event %s: %s; the extracted value is used instead",
                        review_id, key, problem)
    return found


def sides(countries: list[str]) -> tuple[list[str], list[str]]:
    """(extra-regional powers, LAC states) among an event's parties."""
    regions = load().regions
    return ([c for c in countries if regions.get(c) == "extra"],
            [c for c in countries if regions.get(c) == "LAC"])


def event_rows(db: sqlite_utils.Database, status: str = "all") -> Iterator[dict[str, Any]]:
    """The events CSV: one plain row per event (``EVENT_CSV``)."""
    for event in events(db, status):
        first = event["evidence"][0] if event["evidence"] else {}
        powers, partners = sides(event["countries"])
        yield {**{k: event[k] for k in EVENT_CSV_FIELDS if k in event},
               "powers": powers, "lac_partners": partners,
               "sentence": first.get("sentence"), "document_url": first.get("document_url"),
               "page": first.get("page")}


def evidence_rows(db: sqlite_utils.Database, status: str = "all") -> Iterator[dict[str, Any]]:
    """One row per evidence sentence of every event, in the events' ranked order."""
    for event in events(db, status):
        for position, row in enumerate(event["evidence"], 1):
            yield {"event_id": event["event_id"], "position": position,
                   "review_status": event["review_status"], **row}


def reviews(db: sqlite_utils.Database, status: str = "all") -> Iterator[dict[str, Any]]:
    """Every decision ever taken (history included), oldest first."""
    latest = {r[0] for r in db.conn.execute("SELECT id FROM latest_reviews")}
    occurrence = dict(db.conn.execute("SELECT key, occurrence FROM events"))
    for row in db.conn.execute(
            "SELECT id, event_key, status, corrected, reviewer, reviewed_at, note, snapshot "
            "FROM reviews ORDER BY reviewed_at, id"):
        if keeps(status, row[2]):
            yield {"review_id": row[0], "event_id": row[1],
                   "applies_to": occurrence.get(row[1]), "status": row[2],
                   "corrected": _loads(row[3]) or {}, "reviewer": row[4], "reviewed_at": row[5],
                   "note": row[6], "latest": row[0] in latest,
                   "orphaned": row[1] not in occurrence, "event": _loads(row[7])}


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


def rows(db: sqlite_utils.Database, what: str, status: str = "all", fmt: str = "jsonl"
         ) -> tuple[Iterator[dict[str, Any]], tuple[str, ...]]:
    """The rows of one export and their fields (``what``: one of ``WHATS``)."""
    if what == "events":
        if fmt == "csv":
            return event_rows(db, status), EVENT_CSV_FIELDS
        return events(db, status), EVENT_FIELDS
    if what == "evidence":
        return evidence_rows(db, status), EVIDENCE_EXPORT_FIELDS
    if what == "reviews":
        return reviews(db, status), REVIEW_FIELDS
    return documents(db), DOCUMENT_FIELDS


def cell(value: Any) -> Any:
    """What one CSV cell holds: lists joined with ";", objects as JSON text, None empty.
    Every CSV cell of every export goes through here."""
    if isinstance(value, list | tuple):
        value = ";".join(str(v) for v in value)
    elif isinstance(value, dict):
        value = json.dumps(value, ensure_ascii=False)
    elif value is None:
        return ""
    return neutralize(value)  # no cell is a formula a spreadsheet would run


def write(rows: Iterator[dict[str, Any]], fmt: str, out: IO[str], fields: tuple[str, ...]) -> int:
    """Write rows as jsonl or csv (each cell through ``cell``: plain values, and no formula a
    spreadsheet would run)."""
    count = 0
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
        return count
    writer = csv.DictWriter(out, fieldnames=list(fields), extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: cell(row.get(k)) for k in fields})
        count += 1
    return count
