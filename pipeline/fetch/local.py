"""Local files and the raw-bytes cache (content-addressed by sha256)."""

from __future__ import annotations

import hashlib
import os
import time
from datetime import UTC, datetime
from pathlib import Path

from pipeline.records import Fetched, Source
from pipeline.settings import Settings


def fetch_file(path: Path, settings: Settings, source: Source | None = None) -> Fetched:
    """Read a local file (bounded by ``max_bytes``) and keep its bytes in the cache."""
    uri = path.resolve().as_uri()
    started = time.perf_counter()
    try:
        size = path.stat().st_size
        if size > settings.max_bytes:
            return failed(uri, source, "too_large",
                          f"{size:,} bytes is over the {settings.max_bytes:,}-byte limit")
        with path.open("rb") as f:
            body = f.read(settings.max_bytes + 1)
    except FileNotFoundError:
        return failed(uri, source, "not_found", f"no such file: {path}")
    except IsADirectoryError:
        return failed(uri, source, "not_found", f"is a folder, not a file: {path}")
    except OSError as e:
        return failed(uri, source, "read_error", f"cannot read {path}: {e.strerror}")
    sha = keep(body, settings)
    return Fetched(
        url=uri, final_url=uri, source=source.name if source else None, status=None,
        body=body, sha256=sha, content_type=None, fetched_at=now(),
        elapsed=time.perf_counter() - started,
        language_hint=source.language if source else None,
    )


def cache_path(sha: str, settings: Settings) -> Path:
    return Path(settings.cache_dir) / sha[:2] / sha


def keep(body: bytes, settings: Settings) -> str:
    """Store ``body`` under its sha256 (atomically, once) and return the hash."""
    sha = hashlib.sha256(body).hexdigest()
    target = cache_path(sha, settings)
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(f".{os.getpid()}.{time.monotonic_ns()}.tmp")
        tmp.write_bytes(body)
        os.replace(tmp, target)
    return sha


def cached(sha: str, settings: Settings) -> bytes | None:
    """The raw bytes kept for ``sha``, if still in the cache."""
    path = cache_path(sha, settings)
    return path.read_bytes() if path.exists() else None


def failed(url: str, source: Source | None, error_class: str, message: str,
           status: int | None = None, final_url: str | None = None, role: str = "document",
           elapsed: float = 0.0) -> Fetched:
    """A row that says why there are no bytes."""
    return Fetched(url=url, final_url=final_url or url, source=source.name if source else None,
                   status=status, fetched_at=now(), elapsed=elapsed, error_class=error_class,
                   error=message, role=role)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
