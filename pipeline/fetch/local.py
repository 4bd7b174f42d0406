"""Local files and the raw-bytes cache (content-addressed by sha256)."""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import time
from datetime import UTC, datetime
from pathlib import Path

from pipeline.errors import StorageError
from pipeline.faults import storage_error
from pipeline.records import Fetched, Source
from pipeline.settings import Settings

_KINDS = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def fetch_file(path: Path, settings: Settings, source: Source | None = None) -> Fetched:
    """Read a local file (bounded by ``max_bytes``) and keep its bytes in the cache.

    Only a regular file is read, checked before opening it and again on the opened file: a
    named pipe, device or socket (or a link to one) is refused without waiting on it or
    reading it. A file of a directory source must be inside its folder once links are
    followed (checked on the opened file too): a link to a file elsewhere is refused.
    """
    link = path.absolute().as_uri()
    folder = Path(source.location).resolve() if source and source.kind == "directory" else None
    started = time.perf_counter()
    try:
        info = os.stat(path)  # follows links, opens nothing
        if stat.S_ISDIR(info.st_mode):
            return failed(link, source, "not_found", f"is a folder, not a file: {path}")
        if not stat.S_ISREG(info.st_mode):
            return _not_regular(link, source, path, info.st_mode)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        return failed(link, source, "not_found", f"no such file: {path}")
    except OSError as e:
        return failed(link, source, "read_error", f"cannot read {path}: {e.strerror}")
    with os.fdopen(fd, "rb") as f:
        try:
            info = os.fstat(fd)  # the file opened, whatever the path points at now
            if not stat.S_ISREG(info.st_mode):
                return _not_regular(link, source, path, info.st_mode)
            real = _opened_path(fd, path)
            if folder is not None and not real.is_relative_to(folder):
                return failed(link, source, "outside_folder",
                              f"{path} leads outside the folder {folder} (to {real}); not read")
            if info.st_size > settings.max_bytes:
                return failed(link, source, "too_large", f"{info.st_size:,} bytes is over the "
                              f"{settings.max_bytes:,}-byte limit")
            body = f.read(settings.max_bytes + 1)
        except OSError as e:
            return failed(link, source, "read_error", f"cannot read {path}: {e.strerror}")
    if len(body) > settings.max_bytes:  # it grew while we read it
        return failed(link, source, "too_large",
                      f"over the {settings.max_bytes:,}-byte limit")
    uri = real.as_uri()
    sha = keep(body, settings)
    return Fetched(
        url=uri, final_url=uri, source=source.name if source else None, status=None,
        body=body, sha256=sha, content_type=None, fetched_at=now(),
        elapsed=time.perf_counter() - started,
        language_hint=source.language if source else None,
    )


def _not_regular(url: str, source: Source | None, path: Path, mode: int) -> Fetched:
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    return failed(url, source, "not_a_file", f"{path} is {kind}, not a regular file; not read")


def _opened_path(fd: int, path: Path) -> Path:
    """The real path of an open file (Linux names it in /proc), else the path resolved."""
    try:
        return Path(os.readlink(f"/proc/self/fd/{fd}"))
    except OSError:
        return path.resolve()


def cache_path(sha: str, settings: Settings) -> Path:
    return Path(settings.cache_dir) / sha[:2] / sha


def keep(body: bytes, settings: Settings) -> str:
    """Store ``body`` under its sha256 (atomically, once) and return the hash.

    Raises ``StorageError`` when the cache cannot be written (a full disk, a read-only
    folder); the partly written temporary file is removed.
    """
    sha = hashlib.sha256(body).hexdigest()
    target = cache_path(sha, settings)
    if not target.exists():
        tmp = target.with_suffix(f".{os.getpid()}.{time.monotonic_ns()}.tmp")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_bytes(body)
            os.replace(tmp, target)
        except OSError as e:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
            raise storage_error(e, settings.cache_dir) or StorageError(
                f"cannot write {settings.cache_dir}: {e.strerror}") from None
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
