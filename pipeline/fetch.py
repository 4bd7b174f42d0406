"""Fetch stage: the only module that touches the network or reads input files.

``fetch(source, settings)`` yields one ``Fetched`` per retrieval attempt, failures
included (with ``error_class`` and ``error`` set, never raised). Raw bytes are kept
content-addressed under ``settings.cache_dir`` so later stages can rerun without
refetching.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx

from pipeline import __version__
from pipeline.records import Fetched, Source
from pipeline.settings import Settings
from pipeline.sources import local_files


def fetch(source: Source, settings: Settings) -> Iterator[Fetched]:
    """Every retrieval for one registry entry."""
    if source.kind in ("file", "directory"):
        path = Path(source.location)
        if source.kind == "directory" and not path.is_dir():
            yield _failed(path.as_uri(), source, "not_found", f"no such folder: {path}")
            return
        for file in local_files(source):
            yield fetch_file(file, settings, source)
    elif source.kind == "url":
        with http_client(settings) as client:
            yield fetch_url(source.location, settings, source, client)
    else:
        raise NotImplementedError(f"discovery for kind {source.kind!r} is not built yet")


def fetch_file(path: Path, settings: Settings, source: Source | None = None) -> Fetched:
    """Read a local file (bounded by ``max_bytes``) and keep its bytes in the cache."""
    uri = path.resolve().as_uri()
    started = time.perf_counter()
    try:
        size = path.stat().st_size
        if size > settings.max_bytes:
            return _failed(uri, source, "too_large",
                           f"{size:,} bytes is over the {settings.max_bytes:,}-byte limit")
        with path.open("rb") as f:
            body = f.read(settings.max_bytes + 1)
    except FileNotFoundError:
        return _failed(uri, source, "not_found", f"no such file: {path}")
    except IsADirectoryError:
        return _failed(uri, source, "not_found", f"is a folder, not a file: {path}")
    except OSError as e:
        return _failed(uri, source, "read_error", f"cannot read {path}: {e.strerror}")
    sha = keep(body, settings)
    return Fetched(
        url=uri, final_url=uri, source=source.name if source else None, status=None,
        body=body, sha256=sha, content_type=None, fetched_at=_now(),
        elapsed=time.perf_counter() - started,
        language_hint=source.language if source else None,
    )


def http_client(settings: Settings) -> httpx.Client:
    timeout = httpx.Timeout(settings.timeout_read, connect=settings.timeout_connect)
    return httpx.Client(
        timeout=timeout, follow_redirects=True, max_redirects=5,
        headers={"User-Agent": settings.user_agent or f"milexchange/{__version__}"},
    )


def fetch_url(url: str, settings: Settings, source: Source | None,
              client: httpx.Client) -> Fetched:
    """One HTTP GET, streamed and cut at ``max_bytes``."""
    name = source.name if source else None
    started = time.perf_counter()
    try:
        with client.stream("GET", url) as response:
            chunks, total = [], 0
            for chunk in response.iter_bytes():
                total += len(chunk)
                if total > settings.max_bytes:
                    return _failed(url, source, "too_large",
                                   f"body over the {settings.max_bytes:,}-byte limit",
                                   status=response.status_code)
                chunks.append(chunk)
            body = b"".join(chunks)
    except httpx.TimeoutException as e:
        return _failed(url, source, "timeout", f"{type(e).__name__} after {settings.timeout_read}s")
    except httpx.TooManyRedirects:
        return _failed(url, source, "too_many_redirects", "redirects exceeded the limit")
    except httpx.HTTPError as e:
        return _failed(url, source, "connection", f"{type(e).__name__}: {e}")
    elapsed = time.perf_counter() - started
    if response.status_code >= 400:
        return _failed(url, source, "http_status", f"HTTP {response.status_code}",
                       status=response.status_code, final_url=str(response.url))
    return Fetched(
        url=url, final_url=str(response.url), source=name, status=response.status_code,
        body=body, sha256=keep(body, settings),
        content_type=response.headers.get("content-type"),
        etag=response.headers.get("etag"), last_modified=response.headers.get("last-modified"),
        fetched_at=_now(), elapsed=elapsed,
        language_hint=source.language if source else None,
    )


def keep(body: bytes, settings: Settings) -> str:
    """Store ``body`` under its sha256 (atomically, once) and return the hash."""
    sha = hashlib.sha256(body).hexdigest()
    target = Path(settings.cache_dir) / sha[:2] / sha
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(body)
        os.replace(tmp, target)
    return sha


def cached(sha: str, settings: Settings) -> bytes | None:
    """The raw bytes kept for ``sha``, if still in the cache."""
    path = Path(settings.cache_dir) / sha[:2] / sha
    return path.read_bytes() if path.exists() else None


def _failed(url: str, source: Source | None, error_class: str, message: str,
            status: int | None = None, final_url: str | None = None) -> Fetched:
    return Fetched(url=url, final_url=final_url or url, source=source.name if source else None,
                   status=status, fetched_at=_now(), error_class=error_class, error=message)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
