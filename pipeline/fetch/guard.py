"""Safety limits of the HTTP layer: which addresses may be reached, how large a body may be,
how long a request may take.

``GuardedBackend`` sits under httpx's connection pool: it resolves the host once, refuses
any non-global address (private, loopback, link-local, reserved, multicast) unless allowed,
and opens the socket to the checked address, so neither a redirect nor a DNS change can
reach an internal host. Its streams read in short slices so that a request ends at its
``Clock`` deadline (however slowly the server drips bytes) and soon after the run is told
to stop. ``read_body`` streams a response, decoding gzip/deflate itself with a bounded
inflater, and stops one byte past the limit.
"""

from __future__ import annotations

import io
import ipaddress
import math
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import httpcore
import httpx


class Refused(Exception):
    "A request we will not send (private address, unresolvable host, body too large)"

    def __init__(self, error_class: str, message: str):
        super().__init__(message)
        self.error_class = error_class


NAT64 = ipaddress.IPv6Network("64:ff9b::/96")  # RFC 6052: the IPv4 address in the last 32 bits
NAT64_LOCAL = ipaddress.IPv6Network("64:ff9b:1::/48")  # RFC 8215: local use only


def is_public(ip: str) -> bool:
    """A globally reachable unicast address, also when an IPv6 address carries an IPv4 one
    (mapped ::ffff:a.b.c.d, compatible ::a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16)."""
    address = ipaddress.ip_address(ip.split("%")[0])
    if isinstance(address, ipaddress.IPv6Address):
        if address in NAT64_LOCAL:
            return False
        address = _embedded_ipv4(address) or address
    return address.is_global and not address.is_multicast


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if address.ipv4_mapped or address.sixtofour:
        return address.ipv4_mapped or address.sixtofour
    if address in NAT64 or (int(address) >> 32 == 0 and int(address) > 1):  # :: and ::1 aside
        return ipaddress.IPv4Address(int(address) & 0xFFFF_FFFF)
    return None


class Cut(Refused):
    "A request stopped before its end: past its total deadline, or the run is stopping"


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


def _within(timeout: float | None, left: float) -> float | None:
    """The shorter of a timeout (None: none) and the seconds left (inf: no deadline)."""
    if left == math.inf:
        return timeout
    return left if timeout is None else min(timeout, left)


class _Stream(httpcore.NetworkStream):
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
        self.inner.write(buffer, _within(timeout, self.clock.left()))

    def close(self) -> None:
        self.inner.close()

    def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        inner = self.inner.start_tls(ssl_context, server_hostname,
                                     _within(timeout, self.clock.left()))
        return _Stream(inner, self.clock)

    def get_extra_info(self, info: str) -> Any:
        return self.inner.get_extra_info(info)


class GuardedBackend(httpcore.NetworkBackend):
    """Resolve, check every address, then connect to a checked address (on the clock)."""

    def __init__(self, inner: httpcore.NetworkBackend, allow_private: bool,
                 clock: Clock | None = None):
        self.inner, self.allow_private = inner, allow_private
        self.clock = clock or Clock(0)

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Any = None) -> httpcore.NetworkStream:
        self.clock.left()
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as e:
            raise Refused("dns", f"cannot resolve {host} ({getattr(e, 'strerror', e)})") from None
        ips = list(dict.fromkeys(str(info[4][0]) for info in infos))
        if not self.allow_private:
            for ip in ips:
                if not is_public(ip):
                    raise Refused("private_address",
                                  f"{host} resolves to non-public address {ip} (allowed only "
                                  "with --allow-private, or on the host of a source with "
                                  "allow_private: true)")
        error: Exception | None = None
        for ip in ips:
            try:
                stream = self.inner.connect_tcp(ip, port, _within(timeout, self.clock.left()),
                                                local_address, socket_options)
                return _Stream(stream, self.clock)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as e:
                error = e
        assert error is not None
        raise error

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Any = None) -> httpcore.NetworkStream:
        raise Refused("scheme", "unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        self.inner.sleep(seconds)


class _Inflater:
    """Content-Encoding gzip/deflate, never producing more than ``room`` bytes."""

    def __init__(self, encoding: str):
        encoding = self.encoding = encoding.strip().lower()
        if encoding in ("", "identity"):
            self.z = None
        elif encoding in ("gzip", "x-gzip"):
            self.z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self.z = zlib.decompressobj(zlib.MAX_WBITS)
            self.raw_fallback = True
        else:
            raise Refused("encoding", f"unsupported Content-Encoding {encoding!r}")

    def feed(self, data: bytes, room: int) -> bytes:
        if self.z is None:
            return data[: room + 1]
        try:
            return self.z.decompress(data, room + 1)
        except zlib.error as e:
            if getattr(self, "raw_fallback", False) and not self.z.unused_data:
                self.raw_fallback = False  # some servers send raw deflate without zlib header
                self.z = zlib.decompressobj(-zlib.MAX_WBITS)
                return self.feed(data, room)
            raise Refused("malformed", f"broken {self.encoding} stream ({e})") from None


class TooLarge(Exception):
    "A body went over the size limit while streaming"


def read_body(response: httpx.Response, limit: int,
              consume: Callable[[bytes], bool] | None = None) -> bytes:
    """The (decoded) body, at most ``limit`` bytes; each piece is handed to ``consume`` as it
    arrives, and when it returns True the rest is not read."""
    declared = response.headers.get("content-length", "")
    encoding = response.headers.get("content-encoding", "")
    if declared.isdigit() and not encoding and int(declared) > limit:
        raise TooLarge(f"Content-Length {int(declared):,} is over the {limit:,}-byte limit")
    inflater = _Inflater(encoding.split(",")[-1])
    body, total = io.BytesIO(), 0
    for raw in response.iter_raw():
        chunk = inflater.feed(raw, limit - total)
        total += len(chunk)
        if total > limit:
            raise TooLarge(f"body over the {limit:,}-byte limit (cut at {total:,} bytes)")
        body.write(chunk)
        if consume is not None and consume(chunk):
            break
    return body.getvalue()  # CPython hands over the buffer: the body is not copied
