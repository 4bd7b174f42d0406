"""Bounded gzip inflation, shared by discovery (gzip sitemaps) and extraction (gzip bodies)."""

from __future__ import annotations

import zlib
from collections.abc import Iterator

STEP = 1 << 20  # bytes inflated per piece when streaming


class InflateError(ValueError):
    "A gzip body is broken or inflates past the limit"

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason  # too_large | malformed


class Gunzip:
    """Inflate a gzip stream as its bytes arrive, never more than ``limit`` bytes in all."""

    def __init__(self, limit: int):
        self.limit, self.room = limit, limit
        self.inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)

    def feed(self, data: bytes, step: int = STEP) -> Iterator[bytes]:
        """The inflated pieces of ``data``, each at most ``step`` bytes."""
        while data:
            try:
                out = self.inflater.decompress(data, min(step, self.room + 1))
            except zlib.error as e:
                raise InflateError("malformed", f"is broken ({e})") from None
            self.room -= len(out)
            if self.room < 0:
                raise InflateError("too_large", f"inflates past the {self.limit:,}-byte limit")
            if out:
                yield out
            data = self.inflater.unconsumed_tail


def gunzip(body: bytes, limit: int) -> bytes:
    """``body`` inflated if it is gzip (never past ``limit`` bytes), else as it is."""
    if not body.startswith(b"\x1f\x8b"):
        return body
    return b"".join(Gunzip(limit).feed(body, step=limit + 1))
