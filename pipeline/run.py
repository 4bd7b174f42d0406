"""Drive the stages over many inputs: fetch → extract → tag → store, one document at a time.

Fetching and saving happen in this (the main) process; extraction and tagging run in
guarded worker processes (``pipeline.workers``), so no file can hang the run or exhaust
its memory. One bad document never stops a run: its error is recorded on its row (or its
fetch row) and the run goes on. Unchanged inputs (same sha256 from the same URL, tagged by the
same rules, read by the same extractor name and version) are recognised and skipped without
extraction.
"""

from __future__ import annotations

import logging
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from pipeline import store, workers
from pipeline.errors import StorageError
from pipeline.extract import current_extractors, extract
from pipeline.fetch import fetch_all
from pipeline.nlp import nlp_version, tag
from pipeline.records import Document, Fetched, Source, Tagged
from pipeline.settings import Settings

log = logging.getLogger(__name__)


@dataclass
class Report:
    run_id: int
    outcomes: Counter = field(default_factory=Counter)  # ok | empty | failed | unchanged
    failures: list[dict] = field(default_factory=list)  # {source, url, error_class, error}
    events: int = 0
    interrupted: bool = False

    def fail(self, record: Fetched | Document) -> None:
        """Note why a fetch or a document failed (both records name it the same way)."""
        self.failures.append({"source": record.source, "url": record.url,
                              "error_class": record.error_class, "error": record.error})

    @property
    def processed(self) -> int:
        return self.outcomes["ok"] + self.outcomes["empty"] + self.outcomes["unchanged"]


def sources_from_args(args: Iterable[str]) -> list[Source]:
    """Ad-hoc sources for ``ingest PATH_OR_URL...``."""
    sources = []
    for i, arg in enumerate(args, 1):
        if arg.split(":", 1)[0].lower() in ("http", "https"):  # parsed (or refused) by fetch
            sources.append(Source(name=f"cli-{i}", kind="url", location=arg))
        else:
            path = Path(arg).resolve()
            kind = "directory" if path.is_dir() else "file"
            sources.append(Source(name=f"cli-{i}", kind=kind, location=str(path)))
    return sources


def process(fetched: Fetched, settings: Settings) -> Tagged:
    """Extract and tag one fetched body (pure: no database)."""
    floor = settings.min_confidence
    return tag(extract(fetched, settings), min_confidence=None if floor < 0 else floor)


def ingest(db: sqlite_utils.Database, sources: list[Source], settings: Settings,
           command: str = "ingest",
           on_document: Callable[[str, str], None] | None = None, *,
           allow_private: bool = False, since: str | None = None,
           should_stop: Callable[[], bool] | None = None) -> Report:
    """Run every source through every stage; returns what happened.

    ``allow_private`` lets HTTP reach private/loopback addresses; ``since`` (YYYY-MM-DD)
    skips feed and sitemap items dated before it. Extraction and tagging run in
    ``settings.workers`` worker processes; results are saved here in input order, one
    transaction per document. ``should_stop`` is asked after each document and, while
    fetching, several times a second; when it says yes, requests in flight are cut, the
    workers are stopped and the run ends there, marked 'interrupted' (documents still in
    flight are not stored, so the next run does them).
    """
    version = nlp_version(settings.min_confidence)
    report = Report(run_id=store.start_run(db, command, version))
    status, raising = "finished", False

    def done(url: str, outcome: str) -> None:
        report.outcomes[outcome] += 1
        if on_document:
            on_document(url, outcome)
        if should_stop and should_stop():
            raise _Stop

    try:
        store.save_sources(db, sources)
        with workers.Pool(settings, process) as pool:
            fetched_rows = fetch_all(sources, settings, previous=store.last_fetches(db),
                                     allow_private=allow_private, since=since,
                                     should_stop=should_stop)
            todo = _triage(db, fetched_rows, version, report, done)
            for fetched, tagged in pool.imap(todo):
                if should_stop and should_stop() and tagged.document.error_class:
                    raise _Stop  # its worker may have died of the same SIGTERM: not stored
                done(fetched.url, _save(db, tagged, report))
            if should_stop and should_stop():
                raise _Stop  # fetching was cut short: the run did not finish
    except _Stop:  # leaving the pool by an exception stops its workers at once
        report.interrupted, status = True, "interrupted"
    except KeyboardInterrupt:
        report.interrupted, status, raising = True, "interrupted", True
        raise
    except Exception:  # a bug or a broken disk: the run row must not claim it finished
        status, raising = "failed", True
        raise
    finally:
        try:
            store.finish_run(db, report.run_id, status, dict(report.outcomes), report.failures)
        except sqlite3.Error:
            if not raising:  # else the error on its way out says why (a full disk)
                raise
            log.warning("run %s: could not record its status %r", report.run_id, status)
    return report


class _Stop(Exception):
    "The caller asked the run to stop after the current document"


def _triage(db: sqlite_utils.Database, items: Iterable[Fetched], version: str, report: Report,
            done: Callable[[str, str], None]) -> Iterator[Fetched]:
    """Record every fetch; pass on only the document bodies that need extracting.

    A 304 (``not_modified``) arrives without a body: the worker reads the kept bytes
    from the cache by sha256, as it does for every body."""
    for fetched in items:
        store.record_fetch(db, fetched, report.run_id)
        if fetched.role != "document" and not (fetched.role == "listing" and fetched.error_class):
            continue  # a listing, robots.txt or retried attempt: recorded only
        if fetched.error_class == "storage":  # a full disk stops the run
            raise StorageError(fetched.error or "the cache cannot be written")
        if fetched.error_class:
            report.fail(fetched)
            done(fetched.url, "failed")
        elif fetched.sha256 and store.is_current(db, fetched.sha256, fetched.url, version,
                                                 current_extractors()):
            done(fetched.url, "unchanged")
        else:
            yield fetched


def _save(db: sqlite_utils.Database, tagged: Tagged, report: Report) -> str:
    store.save(db, tagged, report.run_id)
    doc = tagged.document
    report.events += len(tagged.events)
    if doc.error_class and doc.error_class != "empty":
        report.fail(doc)
        return "failed"
    return "empty" if doc.error_class else "ok"


def count_inputs(sources: list[Source]) -> int | None:
    """How many documents the sources will yield, when knowable without the network."""
    from pipeline.sources import local_files

    total = 0
    for source in sources:
        if source.kind == "file":
            total += 1
        elif source.kind == "directory":
            total += len(local_files(source)) if Path(source.location).is_dir() else 1
        elif source.kind == "url":
            total += 1
        else:
            return None
    return total
