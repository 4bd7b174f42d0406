"""Drive the stages over many inputs: fetch → extract → tag → store, one document at a time.

One bad document never stops a run: its error is recorded on its row (or its fetch
row) and the run goes on. Unchanged inputs (same sha256 from the same URL, tagged by the
same rules) are recognised and skipped without extraction.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlparse

import sqlite_utils

from pipeline import store
from pipeline.extract import extract
from pipeline.fetch import cached, fetch_all
from pipeline.nlp import nlp_version, tag
from pipeline.records import Fetched, Source, Tagged
from pipeline.settings import Settings

log = logging.getLogger(__name__)


@dataclass
class Report:
    run_id: int
    outcomes: Counter = field(default_factory=Counter)  # ok | empty | failed | unchanged
    failures: list[dict] = field(default_factory=list)  # {source, url, error_class, error}
    events: int = 0
    interrupted: bool = False

    @property
    def processed(self) -> int:
        return self.outcomes["ok"] + self.outcomes["empty"] + self.outcomes["unchanged"]


def sources_from_args(args: Iterable[str]) -> list[Source]:
    """Ad-hoc sources for ``ingest PATH_OR_URL...``."""
    sources = []
    for i, arg in enumerate(args, 1):
        if urlparse(arg).scheme in ("http", "https"):
            sources.append(Source(name=f"cli-{i}", kind="url", location=arg))
        else:
            path = Path(arg).resolve()
            kind = "directory" if path.is_dir() else "file"
            sources.append(Source(name=f"cli-{i}", kind=kind, location=str(path)))
    return sources


def process(fetched: Fetched, settings: Settings) -> Tagged:
    """Extract and tag one fetched body (pure: no database)."""
    return tag(extract(fetched, settings))


def ingest(db: sqlite_utils.Database, sources: list[Source], settings: Settings,
           command: str = "ingest",
           on_document: Callable[[str, str], None] | None = None, *,
           allow_private: bool = False, since: str | None = None,
           should_stop: Callable[[], bool] | None = None) -> Report:
    """Run every source through every stage; returns what happened.

    ``allow_private`` lets HTTP reach private/loopback addresses; ``since`` (YYYY-MM-DD)
    skips feed and sitemap items dated before it. ``should_stop`` is asked after each
    document; when it says yes the run ends there, marked 'interrupted' (the CLI sets it on
    SIGINT/SIGTERM).
    """
    version = nlp_version()
    report = Report(run_id=store.start_run(db, command, version))
    store.save_sources(db, sources)
    status = "finished"
    try:
        fetched_rows = fetch_all(sources, settings, previous=store.last_fetches(db),
                                 allow_private=allow_private, since=since)
        for fetched in fetched_rows:
            outcome = _one(db, fetched, settings, version, report)
            if outcome is None:  # a listing, robots.txt or retried attempt: recorded only
                continue
            report.outcomes[outcome] += 1
            if on_document:
                on_document(fetched.url, outcome)
            if should_stop and should_stop():
                report.interrupted, status = True, "interrupted"
                break
    except KeyboardInterrupt:
        report.interrupted, status = True, "interrupted"
        raise
    finally:
        store.finish_run(db, report.run_id, status, dict(report.outcomes), report.failures)
    return report


def _one(db: sqlite_utils.Database, fetched: Fetched, settings: Settings, version: str,
         report: Report) -> str | None:
    store.record_fetch(db, fetched, report.run_id)
    if fetched.role != "document" and not (fetched.role == "listing" and fetched.error_class):
        return None
    if fetched.error_class:
        report.failures.append({"source": fetched.source, "url": fetched.url,
                                "error_class": fetched.error_class, "error": fetched.error})
        return "failed"
    assert fetched.sha256 is not None
    if store.is_current(db, fetched.sha256, fetched.url, version):
        return "unchanged"
    if fetched.not_modified:  # 304, but not stored by these rules: reprocess the kept bytes
        fetched = replace(fetched, body=cached(fetched.sha256, settings) or b"")
    tagged = process(fetched, settings)
    store.save(db, tagged, report.run_id)
    doc = tagged.document
    report.events += len(tagged.events)
    if doc.error_class and doc.error_class != "empty":
        report.failures.append({"source": doc.source, "url": doc.url,
                                "error_class": doc.error_class, "error": doc.error})
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
