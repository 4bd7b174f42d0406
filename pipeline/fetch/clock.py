"""Time limits of the HTTP layer: a deadline per request, and the run's stop flag.

``Clock`` knows when the current thread's request must end (``timeout_total``) and whether
the run is stopping; ``Stream`` wraps each connection that ``guard.GuardedBackend`` opens so
that a read blocks at most ``SLICE`` seconds before it looks at the clock again. A server that
drips a byte a second (never tripping the read timeout) is cut at the deadline, and a Ctrl-C
ends every request in flight within a slice, whichever thread it runs in.
"""

from __future__ import annotations

import math
import ssl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpcore

from pipeline.fetch.errors import Cut

SLICE = 0.25  # seconds a socket read blocks before the deadline and the stop flag are checked


class Clock:
    """When the current thread's request must end (``timeout_total``), and whether to stop.

    ``stop`` is shared by every thread of a run; the deadline is per thread, set by
    ``request()`` (nested requests, such as a redirect's robots.txt, restore the outer one)."""

    def __init__(self, seconds: float, stop: threading.Event | None = None):
        self.seconds = seconds
        self.stop = stop or threading.Event()
        self._local = threading.local()

    @contextmanager
    def request(self) -> Iterator[None]:
        outer = getattr(self._local, "at", None)
        self._local.at = time.monotonic() + self.seconds if self.seconds > 0 else math.inf
        try:
            yield
        finally:
            self._local.at = outer

    def extend(self, seconds: float) -> None:
        """Time spent waiting for our own rate limit does not count against the server."""
        if getattr(self._local, "at", None) is not None:
            self._local.at += seconds

    def left(self) -> float:
        """Seconds the current request still has; ``Cut`` when none, or when stopping."""
        if self.stop.is_set():
            raise Cut("interrupted", "the run is stopping")
        at = getattr(self._local, "at", None)
        left = math.inf if at is None else at - time.monotonic()
        if left <= 0:
            raise Cut("timeout", f"no complete response within {self.seconds:g}s "
                                 "(timeout_total)")
        return left


def within(timeout: float | None, left: float) -> float | None:
    """The shorter of a timeout (None: none) and the seconds left (inf: no deadline)."""
    if left == math.inf:
        return timeout
    return left if timeout is None else min(timeout, left)


class Stream(httpcore.NetworkStream):
    """A connection whose reads wake up every ``SLICE`` to look at the clock.

    The read timeout still counts the time without any byte; the clock adds a deadline for
    the whole request and the run's stop flag."""

    def __init__(self, inner: httpcore.NetworkStream, clock: Clock):
        self.inner, self.clock = inner, clock

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        idle = 0.0
        while True:
            wait = min(SLICE, self.clock.left())
            if timeout is not None:
                wait = min(wait, max(timeout - idle, 0.0))
            started = time.monotonic()
            try:
                return self.inner.read(max_bytes, wait)
            except httpcore.ReadTimeout:
                idle += time.monotonic() - started
                if timeout is not None and idle >= timeout:
                    raise

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.inner.write(buffer, within(timeout, self.clock.left()))

    def close(self) -> None:
        self.inner.close()

    def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        inner = self.inner.start_tls(ssl_context, server_hostname,
                                     within(timeout, self.clock.left()))
        return Stream(inner, self.clock)

    def get_extra_info(self, info: str) -> Any:
        return self.inner.get_extra_info(info)
