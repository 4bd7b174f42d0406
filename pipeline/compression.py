"""Bounded gzip inflation, shared by discovery (gzip sitemaps) and extraction (gzip bodies)."""

from __future__ import annotations

import zlib


class InflateError(ValueError):
    "A gzip body is broken or inflates past the limit"

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason  # too_large | malformed


def gunzip(body: bytes, limit: int) -> bytes:
    """``body`` inflated if it is gzip (never past ``limit`` bytes), else as it is."""
    if not body.startswith(b"\x1f\x8b"):
        return body
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(body, limit + 1)
    except zlib.error as e:
        raise InflateError("malformed", f"is broken ({e})") from None
    if len(out) > limit or inflater.unconsumed_tail:
        raise InflateError("too_large", f"inflates past the {limit:,}-byte limit")
    return out
