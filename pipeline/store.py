"""Store stage: with ``occurrence_store`` (its occurrence layer), the only code that writes SQL.

``open_db(path)`` opens (and creates or upgrades) the database; ``save(db, tagged,
run_id)`` writes one document with its mentions, events and evidence in ONE
transaction, replacing what an earlier version of the same URL left, and re-clusters the
reports of one occurrence across documents; reviews are never touched (they are keyed by
the event's stable key and outlive any event row).
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
from collections.abc import Callable, Collection, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psutil
import sqlite_utils
from tenacity import Retrying, retry_if_exception, stop_after_delay, wait_random

from pipeline import __version__, occurrence_store
from pipeline.errors import BackupError, SchemaError, StorageError
from pipeline.evidence import implied, shown_after, weak_frame
from pipeline.faults import storage_error, writable
from pipeline.records import Fetched, Source, Tagged


def _v1(db: sqlite_utils.Database) -> None:
    """The first schema: the tables of docs/design.md."""
    db.table("sources").create({"name": str, "kind": str, "location": str, "language": str},
                         pk="name", if_not_exists=True)
    db.table("runs").create({"id": int, "started": str, "finished": str, "status": str,
                       "command": str, "code_version": str, "nlp_version": str,
                       "counts": str, "errors": str}, pk="id", if_not_exists=True)
    db.table("fetches").create({"id": int, "run_id": int, "source": str, "url": str,
                                "final_url": str,
                          "status": int, "etag": str, "last_modified": str, "fetched_at": str,
                          "sha256": str, "content_type": str, "bytes": int, "elapsed": float,
                          "from_cache": int, "not_modified": int, "error_class": str,
                          "error": str}, pk="id", if_not_exists=True)
    db.table("documents").create({"id": str, "url": str, "source": str, "title": str, "author": str,
                            "published": str, "language": str, "content_type": str,
                            "text": str, "page_offsets": str, "countries": str,
                            "extractor": str, "extractor_version": str, "nlp_version": str,
                            "pipeline_version": str, "run_id": int, "status": str,
                            "error_class": str, "error": str, "warnings": str,
                            "stored_at": str}, pk="id", if_not_exists=True)
    db.table("mentions").create({"id": int, "document_id": str, "label": str, "text": str,
                           "canonical_id": str, "country": str, "start": int, "end": int,
                           "rule": str}, pk="id", foreign_keys=[("document_id", "documents", "id")],
                          if_not_exists=True)
    db.table("events").create({"key": str, "type": str, "date": str, "date_precision": str,
                         "date_source": str, "countries": str, "location": str, "persons": str,
                         "institutions": str, "confidence": float, "first_seen_run": int,
                         "last_seen_run": int}, pk="key", if_not_exists=True)
    db.table("evidence").create({"id": int, "event_key": str, "document_id": str, "sentence": str,
                           "start": int, "end": int, "page": int, "rule": str, "trigger": str,
                           "trigger_start": int, "trigger_end": int}, pk="id",
                          foreign_keys=[("event_key", "events", "key"),
                                        ("document_id", "documents", "id")], if_not_exists=True)
    db.table("reviews").create({"id": int, "event_key": str, "status": str, "corrected": str,
                          "reviewer": str, "reviewed_at": str, "note": str}, pk="id",
                         if_not_exists=True)
    for table, cols in (("fetches", ["url"]), ("documents", ["url"]), ("mentions", ["document_id"]),
                        ("evidence", ["document_id"]), ("evidence", ["event_key"]),
                        ("reviews", ["event_key"]), ("events", ["type"]), ("events", ["date"])):
        db.table(table).create_index(cols, if_not_exists=True)


def _v2_fetch_roles(db: sqlite_utils.Database) -> None:
    """fetches.role: document | listing | robots | retry (only documents are extracted)."""
    db.table("fetches").add_column("role", str, not_null_default="document")
    db.table("fetches").create_index(["url", "error_class"], if_not_exists=True)


# ---------------------------------------------------------------- v3: review views and search
# Views are dropped and recreated together by ``_create_review_views``: a later migration that
# rebuilds ``events`` or ``reviews`` should call ``_drop_review_views`` first and
# ``_create_review_views`` after (SQLite refuses to rename a table a view refers to).
# ``REVIEW_VIEWS`` are the views as released in v3 (kept so v3 stays what it was); v5
# replaced them with ``CURRENT_VIEWS`` (``occurrence_store.VIEWS``).

REVIEW_VIEWS: dict[str, str] = {
    # the latest decision per event key (latest reviewed_at, then highest id); history stays
    "latest_reviews": """
        SELECT id, event_key, status, corrected, reviewer, reviewed_at, note, snapshot, decisions
        FROM (SELECT r.*, row_number() OVER w AS n, count(*) OVER (PARTITION BY event_key)
                AS decisions FROM reviews r
              WINDOW w AS (PARTITION BY event_key ORDER BY reviewed_at DESC, id DESC))
        WHERE n = 1""",
    # events with the latest decision applied: corrected fields override extracted ones
    "reviewed_events": """
        SELECT e.key,
          coalesce(r.status, 'unreviewed') AS review_status,
          coalesce(json_extract(r.corrected, '$.type'), e.type) AS type,
          coalesce(json_extract(r.corrected, '$.date'), e.date) AS date,
          substr(coalesce(json_extract(r.corrected, '$.date'), e.date), 1, 4) AS year,
          coalesce(json_extract(r.corrected, '$.date_precision'), e.date_precision)
            AS date_precision,
          e.date_source,
          coalesce(json_extract(r.corrected, '$.countries'), e.countries) AS countries,
          coalesce(json_extract(r.corrected, '$.location'), e.location) AS location,
          coalesce(json_extract(r.corrected, '$.persons'), e.persons) AS persons,
          coalesce(json_extract(r.corrected, '$.institutions'), e.institutions) AS institutions,
          e.confidence, r.reviewer, r.reviewed_at, r.note, coalesce(r.decisions, 0) AS decisions,
          (SELECT count(DISTINCT document_id) FROM evidence v WHERE v.event_key = e.key)
            AS documents,
          e.first_seen_run, e.last_seen_run
        FROM events e LEFT JOIN latest_reviews r ON r.event_key = e.key""",
    # what a reviewer works through: unreviewed first, then the most confident
    "review_queue": """
        SELECT e.key, e.review_status, e.type, e.date, e.year, e.countries, e.location,
          e.confidence,
          substr(v.sentence, 1, v.trigger_start - v.start) || '⟦' || v.trigger || '⟧'
            || substr(v.sentence, v.trigger_end - v.start + 1) AS evidence,
          d.title AS document_title, d.url AS document_url, v.page, d.source, e.documents,
          e.reviewer, e.reviewed_at
        FROM reviewed_events e
        JOIN evidence v ON v.id = (SELECT min(id) FROM evidence WHERE event_key = e.key)
        JOIN documents d ON d.id = v.document_id
        ORDER BY e.review_status != 'unreviewed', e.confidence DESC, e.date, e.key""",
    # decisions on events no run extracts any more: kept, and shown here
    "orphaned_reviews": """
        SELECT r.event_key, r.status, json_extract(r.snapshot, '$.type') AS type,
          json_extract(r.snapshot, '$.date') AS date,
          json_extract(r.snapshot, '$.countries') AS countries,
          json_extract(r.snapshot, '$.sentence') AS sentence,
          json_extract(r.snapshot, '$.document_url') AS document_url,
          r.corrected, r.reviewer, r.reviewed_at, r.note, r.decisions
        FROM latest_reviews r
        WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.key = r.event_key)
        ORDER BY r.reviewed_at DESC, r.id DESC""",
}


CURRENT_VIEWS = occurrence_store.VIEWS


def _drop_review_views(db: sqlite_utils.Database,
                       views: dict[str, str] = REVIEW_VIEWS) -> None:
    for name in reversed(list(views)):
        db.conn.execute(f"DROP VIEW IF EXISTS {name}")


def _create_review_views(db: sqlite_utils.Database,
                         views: dict[str, str] = REVIEW_VIEWS) -> None:
    """(Re)create the review views; safe to repeat."""
    _drop_review_views(db, views)
    for name, sql in views.items():
        db.conn.execute(f"CREATE VIEW {name} AS {sql}")


def _v3_review_views(db: sqlite_utils.Database) -> None:
    """Review: event snapshot on each decision, the review views, full-text search."""
    reviews = db.table("reviews")
    if "snapshot" not in reviews.columns_dict:
        reviews.add_column("snapshot", str)  # the event as the reviewer saw it (JSON)
    reviews.create_index(["event_key", "reviewed_at"], if_not_exists=True)
    _create_review_views(db)
    tokenize = "unicode61 remove_diacritics 2"
    for table, columns in (("documents", ["title", "text"]), ("evidence", ["sentence", "trigger"])):
        db.table(table).enable_fts(columns, create_triggers=True, tokenize=tokenize, replace=True)
    # INSERT OR REPLACE into documents fires the delete trigger only with recursive_triggers
    # on, which sqlite_utils.Database turns on for every connection open_db makes


def _v4_run_process(db: sqlite_utils.Database) -> None:
    """Runs remember their process, so a run killed outright can be told from a live one."""
    db.table("runs").add_column("pid", int)
    db.table("runs").add_column("host", str)


def _v5_occurrences(db: sqlite_utils.Database) -> None:
    """Cross-document occurrences (``events.occurrence``, table ``occurrences``), the store's
    checks of each evidence row (``role``, ``rank``, ``flag``, ``date_match``,
    ``parties_named``) and the one ranked evidence view the review views now read."""
    _drop_review_views(db)
    evidence = db.table("evidence")
    for column, kind, default in (("role", str, "states"), ("rank", int, 0), ("flag", str, None),
                                  ("date_match", int, 0), ("parties_named", int, 0)):
        evidence.add_column(column, kind, not_null_default=default)
    events = db.table("events")
    events.add_column("occurrence", str)
    events.create_index(["occurrence"], if_not_exists=True)
    events.create_index(["type", "date"], if_not_exists=True)
    db.table("occurrences").create(
        {"key": str, "type": str, "date": str, "date_precision": str, "date_source": str,
         "countries": str, "location": str, "persons": str, "institutions": str,
         "confidence": float, "reports": int, "documents": int, "languages": str,
         "first_seen_run": int, "last_seen_run": int, "first_evidence": int,
         "report_documents": str}, pk="key", if_not_exists=True)
    db.table("occurrences").create_index(["type"], if_not_exists=True)
    _create_review_views(db, occurrence_store.VIEWS_V6)
    occurrence_store.backfill_checks(db.conn)
    occurrence_store.rebuild(db.conn)


def _v6_evidence_by_confidence(db: sqlite_utils.Database) -> None:
    """``ranked_evidence`` shows first, among the sentences that state an occurrence's date,
    those of its most confident report."""
    _create_review_views(db, occurrence_store.VIEWS_V6)


def _v7_weak_frames(db: sqlite_utils.Database) -> None:
    """Evidence rows know whether a weak frame (a noun alone) read them, and
    ``ranked_evidence`` shows a sentence a strong frame read (a verb) first among those
    giving the date; occurrences are re-clustered (a report fitting several equally joins
    the one giving its very date) and their first evidence rewritten."""
    db.table("evidence").add_column("weak_frame", int, not_null_default=0)
    occurrence_store.backfill_from_rules(db.conn, "weak_frame", weak_frame)
    _create_review_views(db, occurrence_store.VIEWS_V9)
    occurrence_store.rebuild(db.conn)


def _v8_steps_and_persons(db: sqlite_utils.Database) -> None:
    """Occurrences are re-clustered: a transfer's selection and its contract or delivery are
    two occurrences (``steps`` of ``models/merging.json``), and so are a tour's report naming
    several host states and one naming one of them; ``ranked_evidence`` shows, among
    otherwise equal sentences, one naming a person first; first evidence is rewritten."""
    _create_review_views(db, occurrence_store.VIEWS_V9)
    occurrence_store.rebuild(db.conn)


def _v9_own_places(db: sqlite_utils.Database) -> None:
    """Occurrences are rewritten: an event shows, of the places its stating sentences name,
    its report's own where it lies in one of the event's states and the first named lies in
    none or in the same one (of two ports a call lists, the Recife call is at Recife)."""
    occurrence_store.rebuild(db.conn)


def _v10_restating(db: sqlite_utils.Database) -> None:
    """Evidence rows know whether they point back at an occurrence with a demonstrative
    ("ese aporte", "this visit") and whether their trigger is placed in a LAC state the event
    does not name ("docked in Santo Domingo" for the Grenada call), and ``ranked_evidence``
    shows them after the sentences that tell it (among those giving the date, read by a
    strong frame); rows whose trigger names
    a kind of occurrence ("esse tipo de exercício") are flagged ``generic``; first evidence
    and locations are rewritten (an event's place never lies in a LAC state it does not
    name)."""
    db.table("evidence").add_column("restates", int, not_null_default=0)
    db.table("evidence").add_column("elsewhere", int, not_null_default=0)
    occurrence_store.backfill_restates(db.conn)
    _create_review_views(db, occurrence_store.VIEWS_V10)
    occurrence_store.rebuild(db.conn)


def _v11_date_ends(db: sqlite_utils.Database) -> None:
    """Events keep the last day of a stated stretch their date starts ("del 5 al 17 de
    junio": ``date_end`` 2024-06-17), so a report dated by another day of it joins them."""
    db.table("events").add_column("date_end", str)


def _v12_verbs_first(db: sqlite_utils.Database) -> None:
    """``ranked_evidence`` shows a sentence a strong frame read (a verb: "held separate meetings
    with") before one a weak frame read (a noun alone: "ending a four-day friendly visit"),
    even when only the second gives the date, and among otherwise equal sentences the one
    naming more of the event's parties (all eight navies of an exercise, not two of them),
    then the one writing the date out in figures ("entered Havana on June 12") before one
    telling it relative to its report's day ("este miércoles", "ayer"); occurrences are
    re-clustered (a capital named in two languages, "Havana" and "La Habana", is one port,
    not two of one state) and their first evidence and the details read from it
    rewritten."""
    _create_review_views(db, occurrence_store.VIEWS_V12)
    occurrence_store.rebuild(db.conn)


def _v13_voted_dates(db: sqlite_utils.Database) -> None:
    """Occurrences are rewritten: an event merged from outlets one day apart takes the date
    most of its documents state (then the one written out in figures), not its earliest."""
    occurrence_store.rebuild(db.conn)


def _v14_arrivals_after(db: sqlite_utils.Database) -> None:
    """Evidence rows know whether a frame that shows its event after the others read them
    (``shown_after`` of ``models/frames.jsonl``: a leader arriving, a frame whose company
    comes from the story around it), and ``ranked_evidence`` shows a visit's talks ("that
    same day the delegation met Noboa") before its leader's arrival ("Richardson arrived
    Monday"), and a sentence naming the ship or the disaster itself before one leaning on
    the story for it, where the two are otherwise equal; first evidence and the details
    read from it are rewritten."""
    db.table("evidence").add_column("shown_after", int, not_null_default=0)
    occurrence_store.backfill_from_rules(db.conn, "shown_after", shown_after)
    _create_review_views(db, occurrence_store.VIEWS_V14)
    occurrence_store.rebuild(db.conn)


def _v15_plans_after(db: sqlite_utils.Database) -> None:
    """Evidence rows know whether the clause holding their trigger tells it ahead of time
    ("Está previsto que el USS George Washington arribe", "Marines will train"), and
    ``ranked_evidence`` shows a sentence telling the occurrence happen first; among
    sentences giving the date, one stating the occurrence's own day comes before one stating
    its report's other day ("on Sunday, April 27" beside "from April 26 to May 8"); first
    evidence and the details read from it are rewritten."""
    db.table("evidence").add_column("prospective", int, not_null_default=0)
    occurrence_store.backfill_prospective(db.conn)
    _create_review_views(db, occurrence_store.VIEWS_V15)
    occurrence_store.rebuild(db.conn)


def _v16_ships_named(db: sqlite_utils.Database) -> None:
    """Evidence rows know whether they name a ship by its name ("USS Gravely", "el BAP
    Unión"), and ``ranked_evidence`` shows, among otherwise equal sentences, one naming the
    ship before one naming a kind of ship ("a U.S. Navy guided-missile destroyer"); rows
    opening with a remark on how often occurrences recur ("No es la primera vez que...")
    are flagged ``generic``; occurrences are re-clustered (a report of a visit that also
    names a second LAC state joins the reports of the visit when both place it at one place
    of a state they share; where one report is dated only to the year, two places in
    different states keep reports apart) and their first evidence and the details read from
    it rewritten."""
    db.table("evidence").add_column("names_ship", int, not_null_default=0)
    occurrence_store.backfill_names_ship(db.conn)
    _create_review_views(db, occurrence_store.VIEWS_V16)
    occurrence_store.rebuild(db.conn)


def _v17_quotes_after(db: sqlite_utils.Database) -> None:
    """``ranked_evidence`` shows a sentence opening with a quotation (what someone said of
    the occurrence) after every sentence narrating it, even one a weak frame read or one
    giving no date; a leaders' signing read as their visit is shown after a sentence
    telling the visit or its talks (``shown_after`` of ``senior_visit.signing``: stored
    rows learn it); first evidence and the details read from it are rewritten."""
    occurrence_store.backfill_from_rules(db.conn, "shown_after", shown_after)
    _create_review_views(db, occurrence_store.VIEWS_V17)
    occurrence_store.rebuild(db.conn)


def _v18_implied_and_secondary(db: sqlite_utils.Database) -> None:
    """Evidence rows know whether a frame marked ``also`` read them where their document
    tells the talks ("Antes de la firma, Wang Guanzhong fue recibido por el presidente"
    beside the signing read as the meeting: ``implied``), and whether the NLP stage read
    their clause first as another type (``secondary``: "the agreement the two governments
    signed ... and that, after passing through Congress, was promulgated" read as a
    visit); ``ranked_evidence`` shows such rows after the others (``implied`` before the
    frame's strength and the date, ``secondary`` among sentences otherwise equal in them).
    Rows stored before count as primary readings until their document is read again (the
    NLP stage alone knows); first evidence and the details read from it are rewritten."""
    evidence = db.table("evidence")
    evidence.add_column("secondary", int, not_null_default=0)
    evidence.add_column("implied", int, not_null_default=0)
    occurrence_store.backfill_implied(db.conn, implied)
    _create_review_views(db, occurrence_store.VIEWS_V20)
    occurrence_store.rebuild(db.conn)


def _v19_merging_rules(db: sqlite_utils.Database) -> None:
    """The merging rules changed (a shared platform model ties two reports as a shared ship
    or person does; a year's report joins the occurrence one member ties it to, not only
    one every member accepts; a report vaguer than every occurrence it fits joins the one
    most documents tell, ``occurrences._most_told``): stored occurrences are re-clustered
    under them. Reviews stay keyed by report: a decision on a report that joins another
    occurrence applies to the event it joined."""
    occurrence_store.rebuild(db.conn)


def _v20_merging_across_powers(db: sqlite_utils.Database) -> None:
    """The merging rules changed (a report naming another outside power than an
    occurrence's members joins it when a platform model ties them:
    ``occurrences._adopts``): stored occurrences are re-clustered under them. Reviews stay
    keyed by report: a decision on a report that joins another occurrence applies to the
    event it joined."""
    occurrence_store.rebuild(db.conn)


def _v21_secondary_within_reports(db: sqlite_utils.Database) -> None:
    """``ranked_evidence`` weighs ``secondary`` (a clause read first as another type) after
    the report's confidence and date precision, not before them: of two reports of one
    occurrence, the one giving its day ("em 18 de março de 2019 ... assinaram o acordo",
    read first as the ministers' visit) comes before one as confident dating it only "em
    março"; first evidence and the details read from it are rewritten."""
    _create_review_views(db, CURRENT_VIEWS)
    occurrence_store.rebuild(db.conn)


# Migrations: append a function, never edit or reorder one that has been released. Each runs
# in its own transaction with the PRAGMA user_version that records it, so a crash mid-upgrade
# leaves the database at the previous version, never half-way.
MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [
    _v1, _v2_fetch_roles, _v3_review_views, _v4_run_process, _v5_occurrences,
    _v6_evidence_by_confidence, _v7_weak_frames, _v8_steps_and_persons, _v9_own_places,
    _v10_restating, _v11_date_ends, _v12_verbs_first, _v13_voted_dates, _v14_arrivals_after,
    _v15_plans_after, _v16_ships_named, _v17_quotes_after,
    _v18_implied_and_secondary, _v19_merging_rules, _v20_merging_across_powers,
    _v21_secondary_within_reports]


def schema_version() -> int:
    """The version this code writes: the number of migrations it knows."""
    return len(MIGRATIONS)


SCHEMA_VERSION = schema_version()  # kept for callers; equals len(MIGRATIONS) at import


def open_db(path: str | Path) -> sqlite_utils.Database:
    """Open the database, creating or upgrading its schema (safe to repeat, and to race)."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(path), timeout=30, isolation_level=None)
    except (OSError, sqlite3.Error) as e:
        raise storage_error(e, path) or e from None
    try:
        conn.execute("PRAGMA busy_timeout=30000")
        _refuse_newer(conn, path)
        for attempt in _busy_retries():
            with attempt:
                conn.execute("PRAGMA journal_mode=WAL")
        # WAL + NORMAL: a commit does not wait for fsync (only checkpoints do); the database
        # stays consistent on power loss, at worst losing the last documents, which a re-run redoes
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        db = sqlite_utils.Database(conn)
        while (version := _user_version(conn)) < len(MIGRATIONS):
            for attempt in _busy_retries():
                with attempt, _transaction(conn):
                    # read again under the write lock: another process may have just upgraded
                    version = _user_version(conn)
                    _refuse_newer(conn, path)
                    if version < len(MIGRATIONS):
                        MIGRATIONS[version](db)
                        conn.execute(f"PRAGMA user_version = {version + 1:d}")
    except sqlite3.Error as e:
        conn.close()
        raise storage_error(e, path) or e from None
    except BaseException:
        conn.close()
        raise
    return db


def open_readonly(path: str | Path) -> sqlite_utils.Database:
    """Open the database for reading only (export, report, review, eval-reviewed).

    Nothing is written, so a read-only or immutable file, or one in a read-only folder,
    can be read; a database of an older schema is upgraded first if it can be written.
    """
    path = Path(path)
    if not path.is_file():
        raise StorageError(f"no database at {path}")
    # mode=ro needs the WAL index (-shm) to exist or to be creatable beside the file;
    # immutable=1 reads a file nobody can be writing (its folder is read-only)
    for mode in ("mode=ro", "immutable=1"):
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?{mode}", uri=True, timeout=30,
                               isolation_level=None)
        try:
            conn.execute("PRAGMA busy_timeout=30000")
            _refuse_newer(conn, path)
            version = _user_version(conn)
            break
        except StorageError:
            conn.close()
            if mode == "immutable=1":
                raise
        except BaseException:
            conn.close()
            raise
    if version < len(MIGRATIONS):
        conn.close()
        if not writable(path):
            raise StorageError(f"{path} was written by an older version of the pipeline "
                               f"(schema {version}); upgrading it needs write access")
        open_db(path).conn.close()
        return open_readonly(path)
    return sqlite_utils.Database(conn)


def _user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def _refuse_newer(conn: sqlite3.Connection, path: Path) -> None:
    try:
        version = _user_version(conn)
    except sqlite3.DatabaseError as e:
        if getattr(e, "sqlite_errorname", "") != "SQLITE_NOTADB":
            raise storage_error(e, path) or e from None
        raise SchemaError(f"{path}: not a SQLite database ({e})") from None
    if version > len(MIGRATIONS):
        raise SchemaError(f"{path}: schema version {version} is newer than this pipeline's "
                          f"({len(MIGRATIONS)}); it was left untouched")


def _busy(e: BaseException) -> bool:
    return (isinstance(e, sqlite3.OperationalError)
            and getattr(e, "sqlite_errorname", "").startswith("SQLITE_BUSY"))


def _busy_retries() -> Retrying:
    """Try again when SQLite answers "database is locked" without waiting: its busy handler
    is skipped where waiting could deadlock (two connections that each hold a read lock
    both asking for the write lock, as when several processes open a database still in
    rollback-journal mode and each switches it to WAL). SQLite's advice is to retry; a
    lock held longer than ``busy_timeout`` still ends in the error."""
    return Retrying(retry=retry_if_exception(_busy), stop=stop_after_delay(30),
                    wait=wait_random(0.005, 0.05), reraise=True)


class _transaction:
    """BEGIN IMMEDIATE … COMMIT, or ROLLBACK on any error."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, kind, value, tb) -> None:
        self.conn.execute("ROLLBACK" if kind else "COMMIT")


def backup(source: str | Path, target: str | Path) -> dict[str, int]:
    """Copy a live database to ``target`` with SQLite's online backup; returns row counts.

    Safe while other processes read and write the source (one consistent snapshot, taken in
    one step). The copy is written beside ``target`` and renamed into place only once it
    passes ``PRAGMA integrity_check``, so a failed backup never leaves a half-written file.
    """
    source, target = Path(source), Path(target)
    if not source.is_file():
        raise BackupError(f"no database at {source}")
    if target.resolve() == source.resolve():
        raise BackupError(f"{target} is the database itself; choose another file")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
    try:
        src.execute("PRAGMA busy_timeout=30000")
        _refuse_newer(src, source)
        dst = sqlite3.connect(str(partial))
        try:
            src.backup(dst)  # pages=-1: the whole database in one step, one snapshot
            dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            check = dst.execute("PRAGMA integrity_check").fetchone()[0]
            if check != "ok":
                raise BackupError(f"the copy of {source} fails integrity_check: {check}")
            names = {r[0] for r in dst.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            counts = {t: dst.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
                      for t in ("documents", "events", "evidence", "reviews") if t in names}
        finally:
            dst.close()
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        src.close()
    partial.replace(target)
    return counts


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _json(value: Iterable[Any] | dict | None) -> str | None:
    if value is None:
        return None
    return json.dumps(value if isinstance(value, dict) else list(value), ensure_ascii=False)


# ---------------------------------------------------------------- runs, sources, fetches

def start_run(db: sqlite_utils.Database, command: str, nlp_version: str) -> int:
    """Record a new run as 'running'; first mark runs whose process died as 'interrupted'."""
    with _transaction(db.conn) as conn:
        _reap(conn)
        cur = conn.execute(
            "INSERT INTO runs (started, status, command, code_version, nlp_version, pid, host) "
            "VALUES (?, 'running', ?, ?, ?, ?, ?)",
            (_now(), command, __version__, nlp_version, os.getpid(), socket.gethostname()))
    assert cur.lastrowid is not None
    return cur.lastrowid


def _reap(conn: sqlite3.Connection) -> None:
    """Runs left 'running' by a process that is gone (SIGKILL, power cut) become 'interrupted'.

    A run from this host is gone when its pid is not alive or belongs to a process started
    after the run; a run with no pid predates schema 2. Runs of other hosts are left alone.
    """
    host = socket.gethostname()
    gone = [run_id for run_id, pid, run_host, started in conn.execute(
        "SELECT id, pid, host, started FROM runs WHERE status = 'running'")
        if pid is None or (run_host == host and not _alive(pid, started))]
    conn.executemany("UPDATE runs SET status = 'interrupted', errors = coalesce(errors, ?) "
                     "WHERE id = ?", [(_json([{"error": "process died during the run"}]), r)
                                      for r in gone])


def _alive(pid: int, started: str) -> bool:
    try:
        created = psutil.Process(pid).create_time()
    except (psutil.NoSuchProcess, ValueError):  # ZombieProcess is a NoSuchProcess
        return False
    except psutil.AccessDenied:  # someone else's live process holds the pid
        return True
    return created <= datetime.fromisoformat(started).timestamp() + 1


def finish_run(db: sqlite_utils.Database, run_id: int, status: str, counts: dict,
               errors: list[dict]) -> None:
    """Record how a run ended. On a full disk the counts may not fit: the status alone is
    written then (it fits in place), so the run is never left 'running'."""
    try:
        with _transaction(db.conn) as conn:
            conn.execute("UPDATE runs SET finished = ?, status = ?, counts = ?, errors = ? "
                         "WHERE id = ?", (_now(), status, _json(counts), _json(errors), run_id))
    except sqlite3.Error:
        with _transaction(db.conn) as conn:
            conn.execute("UPDATE runs SET status = ? WHERE id = ?", (status, run_id))


def save_sources(db: sqlite_utils.Database, sources: Iterable[Source]) -> None:
    with _transaction(db.conn) as conn:
        conn.executemany(
            "INSERT INTO sources (name, kind, location, language) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(name) DO UPDATE SET kind = excluded.kind, location = excluded.location, "
            "language = excluded.language",
            [(s.name, s.kind, s.location, s.language) for s in sources])


def record_fetch(db: sqlite_utils.Database, fetched: Fetched, run_id: int) -> None:
    with _transaction(db.conn) as conn:
        conn.execute(
            "INSERT INTO fetches (run_id, source, url, final_url, status, etag, last_modified, "
            "fetched_at, sha256, content_type, bytes, elapsed, from_cache, not_modified, "
            "error_class, error, role) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (run_id, fetched.source, fetched.url, fetched.final_url, fetched.status, fetched.etag,
             fetched.last_modified, fetched.fetched_at, fetched.sha256, fetched.content_type,
             len(fetched.body), round(fetched.elapsed, 4), int(fetched.from_cache),
             int(fetched.not_modified), fetched.error_class, fetched.error, fetched.role))


_LAST_OK = ("SELECT url, etag, last_modified, sha256 FROM fetches WHERE id IN "
            "(SELECT max(id) FROM fetches WHERE error_class IS NULL AND sha256 IS NOT NULL "
            "AND url LIKE 'http%' {where} GROUP BY url)")


def last_fetch(db: sqlite_utils.Database, url: str) -> tuple[str | None, str | None, str] | None:
    """(etag, last_modified, sha256) of the last successful fetch of ``url``, if any."""
    row = db.conn.execute(_LAST_OK.format(where="AND url = ?"), (url,)).fetchone()
    return (row[1], row[2], row[3]) if row else None


def last_fetches(db: sqlite_utils.Database) -> dict[str, tuple[str | None, str | None, str]]:
    """``last_fetch`` of every URL fetched over HTTP, for conditional requests."""
    return {r[0]: (r[1], r[2], r[3]) for r in db.conn.execute(_LAST_OK.format(where=""))}


def is_current(db: sqlite_utils.Database, sha256: str, url: str, nlp_version: str,
               extractors: Collection[tuple[str, str]] | None = None) -> bool:
    """True when this exact body from this URL is stored, tagged by the current rules and
    (when ``extractors`` is given) read by one of these (name, version) extractors.

    A document that failed is never current: it is tried again by the next run (its failure
    may have come from the run being stopped, or from a machine under load).
    """
    row = db.conn.execute("SELECT url, nlp_version, status, extractor, extractor_version "
                          "FROM documents WHERE id = ?", (sha256,)).fetchone()
    return row is not None and row[0] == url and row[1] == nlp_version and row[2] != "failed" \
        and (extractors is None or (row[3], row[4]) in extractors)


# ---------------------------------------------------------------- documents

def save(db: sqlite_utils.Database, tagged: Tagged, run_id: int) -> None:
    """Write one document and everything found in it, atomically."""
    doc = tagged.document
    status = "failed" if doc.error_class and doc.error_class != "empty" else (
        "empty" if doc.error_class else "ok")
    # a country is named by its name or demonym, by one of its institutions ("U.S. Navy"),
    # or by a place the tagger could tie to it (a capital; a city of a country named)
    named = (m.canonical_id if m.label == "COUNTRY" else m.country
             for m in tagged.mentions if m.label in ("COUNTRY", "INSTITUTION", "LOCATION"))
    countries = sorted({c for c in named if c})
    with _transaction(db.conn) as conn:
        stale = [r[0] for r in conn.execute(
            "SELECT id FROM documents WHERE url = ? AND id != ?", (doc.url, doc.id))]
        touched = {r[0] for r in conn.execute(
            f"SELECT DISTINCT event_key FROM evidence WHERE document_id IN "
            f"({','.join('?' * (len(stale) + 1))})", (doc.id, *stale))}
        # the reports whose occurrence this save may change, read before it writes
        changed = touched | {event.key for event in tagged.events}
        seeds, before = occurrence_store.neighbourhood(conn, changed)
        for doc_id in (doc.id, *stale):
            conn.execute("DELETE FROM evidence WHERE document_id = ?", (doc_id,))
            conn.execute("DELETE FROM mentions WHERE document_id = ?", (doc_id,))
        for doc_id in stale:
            conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
        conn.execute(
            "INSERT OR REPLACE INTO documents (id, url, source, title, author, published, "
            "language, content_type, text, page_offsets, countries, extractor, "
            "extractor_version, nlp_version, pipeline_version, run_id, status, error_class, "
            "error, warnings, stored_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "?, ?, ?, ?, ?, ?)",
            (doc.id, doc.url, doc.source, doc.title, doc.author, doc.published, doc.language,
             doc.content_type, doc.text, _json(doc.page_offsets), _json(countries), doc.extractor,
             doc.extractor_version, tagged.nlp_version, __version__, run_id, status,
             doc.error_class, doc.error, _json(doc.warnings), _now()))
        conn.executemany(
            'INSERT INTO mentions (document_id, label, text, canonical_id, country, start, "end", '
            "rule) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(doc.id, m.label, m.text, m.canonical_id, m.country, m.start, m.end, m.rule)
             for m in tagged.mentions])
        for event in tagged.events:
            _upsert_event(conn, event, run_id)
        occurrence_store.save_checks(conn, doc.text, doc.language, tagged.mentions, [
            (event, e, rank) for event in tagged.events for rank, e in enumerate(event.evidence)])
        # events that lost their last evidence go; their reviews stay (keyed by event key)
        conn.executemany(
            "DELETE FROM events WHERE key = ? AND NOT EXISTS "
            "(SELECT 1 FROM evidence WHERE event_key = ?)", [(k, k) for k in touched])
        occurrence_store.refresh(conn, seeds, before, changed)


def _upsert_event(conn: sqlite3.Connection, event, run_id: int) -> None:
    row = conn.execute("SELECT persons, institutions, confidence, location FROM events "
                       "WHERE key = ?", (event.key,)).fetchone()
    persons, institutions = list(event.persons), list(event.institutions)
    confidence, location = event.confidence, event.location
    if row:
        persons = list(dict.fromkeys(json.loads(row[0]) + persons))
        institutions = list(dict.fromkeys(json.loads(row[1]) + institutions))
        confidence = max(confidence, row[2])
        location = row[3] or location
    conn.execute(
        "INSERT INTO events (key, type, date, date_precision, date_source, countries, location, "
        "persons, institutions, confidence, first_seen_run, last_seen_run, date_end) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET "
        "location = excluded.location, persons = excluded.persons, "
        "date_end = COALESCE(excluded.date_end, events.date_end), "
        "institutions = excluded.institutions, confidence = excluded.confidence, "
        "last_seen_run = excluded.last_seen_run",
        (event.key, event.type, event.date, event.date_precision, event.date_source,
         _json(event.countries), location, _json(persons), _json(institutions), confidence,
         run_id, run_id, event.date_end))
