"""Fetch stage: the only code that touches the network or reads input files.

``fetch(source, settings)`` yields one ``Fetched`` row per retrieval attempt, failures
included (``error_class``/``error`` set, never raised). Rows with ``role="document"`` carry a
document for the next stage; ``listing`` (feed, sitemap, index page), ``robots`` and
``retry`` rows are bookkeeping for the ``fetches`` table. ``fetch_all`` runs many sources
over one ``Session`` (shared rate limits, robots.txt, deduplication), network sources
``concurrency`` at a time in threads, never on the caller's thread: the caller only waits for
rows, a fraction of a second at a time, so a stop request (Ctrl-C, SIGTERM) is seen at once
and in-flight requests end within ``clock.SLICE``. Raw bytes are kept content-addressed under
``cache_dir`` so later stages can rerun without refetching; a 304 row points at its cached
bytes by sha256.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from pipeline import discover
from pipeline.errors import StorageError
from pipeline.fetch.http import Previous, Session, http_client, user_agent
from pipeline.fetch.local import cached, failed, fetch_file, keep
from pipeline.records import Fetched, Source
from pipeline.settings import Settings
from pipeline.sources import LOCAL_KINDS, local_files

__all__ = ["Session", "cached", "fetch", "fetch_all", "fetch_file", "fetch_url", "http_client",
           "keep", "user_agent"]

log = logging.getLogger(__name__)
MAX_SITEMAPS = 25  # child sitemaps read per source, newest first


def fetch(source: Source, settings: Settings, session: Session | None = None, *,
          since: str | None = None) -> Iterator[Fetched]:
    """Every retrieval for one registry entry (``since``: YYYY-MM-DD, for dated links)."""
    if source.kind in LOCAL_KINDS:
        path = Path(source.location)
        if source.kind == "directory" and not path.is_dir():
            yield failed(path.as_uri(), source, "not_found", f"no such folder: {path}")
            return
        for file in local_files(source):
            yield fetch_file(file, settings, source)
        return
    own = session is None
    session = session or Session(settings)
    try:
        if source.kind == "url":
            if session.claim(discover.normalise_url(source.location)):
                yield from session.get(source.location, source)
            return
        chosen = discover.Picker(keywords=source.keywords, since=since, limit=source.limit)
        yield from _discover(source, session, since, chosen)
        taken = 0
        for link in chosen.links():
            if (source.limit and taken >= source.limit) or session.stop.is_set():
                break
            if session.claim(link.url):
                taken += 1
                yield from session.get(link.url, source)
    finally:
        if own:
            session.close()


def _discover(source: Source, session: Session, since: str | None,
              chosen: discover.Picker) -> Iterator[Fetched]:
    """Listing rows; what they list goes into ``chosen``, filtered and cut as it is read.

    Sitemaps are parsed while they download; child sitemaps are read newest first, and no
    more of them once ``chosen`` is full."""
    todo = [source.location]
    seen = {discover.normalise_url(source.location)}
    done = 0
    while todo and done <= MAX_SITEMAPS and not session.stop.is_set():
        url = todo.pop(0)
        done += 1
        reader = None
        if source.kind == "sitemap":
            reader = discover.SitemapReader(url, session.settings.max_bytes,
                                            keywords=source.keywords, since=since,
                                            limit=source.limit, max_children=MAX_SITEMAPS)
        *rows, listing = session.get(url, source, role="listing", reader=reader)
        yield from rows
        if not listing.error_class:
            try:
                children = _read(source, listing, reader, session, chosen)
            except discover.NotAListing as e:
                listing = replace(listing, error_class="not_a_listing",
                                  error=f"{source.kind}: {e}")
            else:
                todo += [c for c in children if c not in seen]
                seen.update(children)
        yield listing
        del listing  # its body: one listing's bytes in memory at a time
        if chosen.full:
            break


def _read(source: Source, listing: Fetched, reader: discover.SitemapReader | None,
          session: Session, chosen: discover.Picker) -> list[str]:
    """Put what a fetched listing lists into ``chosen``; the child sitemaps to read next."""
    body, stop = listing.body, session.stop
    if listing.not_modified and listing.sha256:
        body = cached(listing.sha256, session.settings) or b""
    if reader is not None:
        if listing.not_modified:  # the kept bytes, read again
            _feed(reader, listing.final_url, body, stop)
        reader.finish()
        chosen.merge(reader.pages)
        return [c.url for c in reader.children.links()]
    if source.kind == "feed":
        links = discover.feed_links(body, listing.final_url)
    else:
        assert source.link_pattern is not None
        links = discover.index_links(body, listing.final_url, source.link_pattern)
    for link in links:
        chosen.add(link)
    return []


def _feed(reader: discover.SitemapReader, base_url: str, body: bytes, stop: threading.Event,
          step: int = 1 << 20) -> None:
    """Kept bytes to the reader, a piece at a time (the run may be told to stop meanwhile)."""
    reader.reset(base_url)
    for start in range(0, len(body), step):
        if stop.is_set() or reader.feed(body[start:start + step]):
            return


def fetch_all(sources: Iterable[Source], settings: Settings, *, previous: Previous | None = None,
              allow_private: bool = False, since: str | None = None,
              should_stop: Callable[[], bool] | None = None) -> Iterator[Fetched]:
    """Rows of every source: local ones in order, then network ones from worker threads.

    ``should_stop`` is asked several times a second while waiting for the network; when it
    says yes, requests in flight are cut and no more rows come (nothing half-fetched is
    yielded)."""
    sources = list(sources)
    local = [s for s in sources if s.kind in LOCAL_KINDS]
    remote = [s for s in sources if s.kind not in LOCAL_KINDS]
    for source in local:
        yield from _guarded(source, settings, None, since)
    if not remote:
        return
    with Session(settings, allow_private=allow_private, previous=previous) as session:
        yield from _concurrently(remote, settings, session, since, should_stop)


def _guarded(source: Source, settings: Settings, session: Session | None,
             since: str | None) -> Iterator[Fetched]:
    """One source's rows; a bug in discovery becomes a failure row, not a stopped run."""
    try:
        yield from fetch(source, settings, session, since=since)
    except StorageError as e:  # the cache cannot be written: the run stops on this row
        yield failed(source.location, source, "storage", str(e))
    except Exception as e:  # noqa: BLE001 - recorded on a row, with its type
        log.exception("source %s failed", source.name)
        yield failed(source.location, source, "internal", f"{type(e).__name__}: {e}")


_DONE = object()
WAIT = 0.1  # seconds the caller's thread waits for a row before asking should_stop again


def _concurrently(sources: list[Source], settings: Settings, session: Session,
                  since: str | None,
                  should_stop: Callable[[], bool] | None = None) -> Iterator[Fetched]:
    todo: queue.Queue[Source] = queue.Queue()
    for source in sources:
        todo.put(source)
    out: queue.Queue[object] = queue.Queue(maxsize=settings.concurrency * 4)

    def put(item: object) -> None:
        while not session.stop.is_set():
            try:
                out.put(item, timeout=0.2)
                return
            except queue.Full:
                continue

    def work() -> None:
        try:
            while not session.stop.is_set():
                try:
                    source = todo.get_nowait()
                except queue.Empty:
                    return
                for row in _guarded(source, settings, session, since):
                    put(row)
        finally:
            put(_DONE)

    workers = [threading.Thread(target=work, daemon=True, name=f"fetch-{i}")
               for i in range(max(1, min(settings.concurrency, len(sources))))]
    for worker in workers:
        worker.start()
    running = len(workers)
    try:
        while running:
            if should_stop and should_stop():
                log.info("stop requested: cutting %d fetch thread(s) short", running)
                return
            try:
                item = out.get(timeout=WAIT)
            except queue.Empty:
                continue
            if item is _DONE:
                running -= 1
            else:
                assert isinstance(item, Fetched)
                yield item
    finally:
        session.stop.set()  # requests in flight end within clock.SLICE
        for worker in workers:  # a thread stuck in DNS resolution is not waited for long
            worker.join(timeout=1.0 / len(workers))


def fetch_url(url: str, settings: Settings, source: Source | None = None, *,
              session: Session | None = None, allow_private: bool = False) -> Fetched:
    """One URL's outcome (robots.txt, retries and conditional request included)."""
    if session is not None:
        return session.get(url, source)[-1]
    with Session(settings, allow_private=allow_private) as own:
        return own.get(url, source)[-1]
