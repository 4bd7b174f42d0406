"""Safety limits of the HTTP layer: which URLs and addresses may be reached, how large a
body may be.

``check_url`` refuses what httpx cannot parse or is not http(s); ``check_location`` does
the same for a redirect before httpx follows it. ``GuardedBackend`` sits under httpx's
connection pool: it resolves the host once, refuses any non-global address (private,
loopback, link-local, reserved, multicast, and IPv4 ones inside IPv6 forms) unless allowed,
and opens the socket to the checked address, so neither a redirect nor a DNS change can
reach an internal host; each connection it opens is a ``clock.Stream``, on the request's
deadline. ``read_body`` streams a response, decoding gzip/deflate itself with a bounded inflater,
and stops one byte past the limit.
"""

from __future__ import annotations

import io
import ipaddress
import socket
import zlib
from collections.abc import Callable
from typing import Any

import httpcore
import httpx

from pipeline.fetch.clock import Clock, Stream, within
from pipeline.fetch.errors import Refused, TooLarge


def check_url(url: str) -> httpx.URL:
    """``url`` parsed as httpx will send it; ``Refused`` when it cannot be fetched."""
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL as e:
        raise Refused("invalid_url", f"not a URL that can be fetched ({e})") from None
    if parsed.scheme not in ("http", "https"):
        raise Refused("scheme", "only http(s) URLs are fetched")
    if not parsed.host:
        raise Refused("invalid_url", "not a URL that can be fetched (no host)")
    return parsed


def check_location(response: httpx.Response) -> None:
    """A response hook: refuse a redirect whose Location httpx cannot parse."""
    if response.has_redirect_location:
        try:
            httpx.URL(response.headers["location"])
        except httpx.InvalidURL as e:
            raise Refused("invalid_url", f"redirect to a URL that cannot be parsed ({e})") from None


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
                stream = self.inner.connect_tcp(ip, port, within(timeout, self.clock.left()),
                                                local_address, socket_options)
                return Stream(stream, self.clock)
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
