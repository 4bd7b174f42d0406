"""Storage faults in words: a full disk, a read-only or immutable file, a file size limit.

``storage_error(error, path)`` turns an ``sqlite3.Error`` or ``OSError`` that comes from the
disk into a one-line ``StorageError`` naming the cause (None for anything else: a bug must
stay loud); the CLI prints it with a hint.
"""

from __future__ import annotations

import errno
import os
import resource
import shutil
import sqlite3
from pathlib import Path

from pipeline.errors import StorageError


def writable(path: str | Path) -> bool:
    """Can this process write the database file and create its journal beside it?"""
    path = Path(path)
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


_SQLITE_CAUSES = {  # error name (or its prefix) -> cause, in words
    "SQLITE_FULL": "the disk is full",
    "SQLITE_READONLY": "the database file or its folder is read-only (or immutable)",
    "SQLITE_CANTOPEN": "the file cannot be opened (its folder is missing or read-only?)",
    "SQLITE_IOERR": "a read or write failed",
    "SQLITE_CORRUPT": "the file is damaged",
    "SQLITE_PERM": "access is not permitted",
}
_OS_CAUSES = {
    errno.ENOSPC: "the disk is full", errno.EDQUOT: "the disk quota is used up",
    errno.EFBIG: "the file size limit is reached (ulimit -f)",
    errno.EROFS: "the file system is read-only", errno.EACCES: "permission denied",
    errno.EPERM: "not permitted (an immutable file?)", errno.EIO: "a read or write failed",
}


def storage_error(error: BaseException, path: str | Path) -> StorageError | None:
    """A one-line ``StorageError`` naming the cause of a storage fault at ``path`` (the
    database, the cache or an output file); None for any other error (a bug stays loud)."""
    if isinstance(error, sqlite3.Error):
        name = getattr(error, "sqlite_errorname", "") or ""
        cause = next((c for prefix, c in _SQLITE_CAUSES.items()
                      if name == prefix or name.startswith(prefix + "_")), None)
        if cause is None:
            return None
        if name.startswith("SQLITE_IOERR"):
            cause += _why_writes_fail(Path(path))
        return StorageError(f"cannot use the database {path}: {cause} ({error})")
    if isinstance(error, OSError) and error.errno in _OS_CAUSES:
        cause = _OS_CAUSES[error.errno]
        if error.errno == errno.EIO:
            cause += _why_writes_fail(Path(path))
        return StorageError(f"cannot write {path}: {cause}")
    return None


def _why_writes_fail(path: Path) -> str:
    folder = next((p for p in (path, *path.parents) if p.is_dir()), Path("."))
    if shutil.disk_usage(folder).free < 1 << 20:
        return ": the disk is full"
    limit = resource.getrlimit(resource.RLIMIT_FSIZE)[0]
    if limit != resource.RLIM_INFINITY:
        return f": a file may not grow past {limit:,} bytes here (ulimit -f)"
    return " (a full disk, a file size limit or a failing disk)"
