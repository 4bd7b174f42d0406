"""Safety limits of the HTTP layer: which addresses may be reached, how large a body may be.

``GuardedBackend`` sits under httpx's connection pool: it resolves the host once, refuses
any non-global address (private, loopback, link-local, reserved, multicast) unless allowed,
and opens the socket to the checked address, so neither a redirect nor a DNS change can
reach an internal host. ``read_body`` streams a response, decoding gzip/deflate itself with
a bounded inflater, and stops one byte past the limit.
"""

from __future__ import annotations

import ipaddress
import socket
import zlib
from typing import Any

import httpcore
import httpx


class Refused(Exception):
    "A request we will not send (private address, unresolvable host, body too large)"

    def __init__(self, error_class: str, message: str):
        super().__init__(message)
        self.error_class = error_class


def is_public(ip: str) -> bool:
    address = ipaddress.ip_address(ip.split("%")[0])
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


class GuardedBackend(httpcore.NetworkBackend):
    """Resolve, check every address, then connect to a checked address."""

    def __init__(self, inner: httpcore.NetworkBackend, allow_private: bool):
        self.inner, self.allow_private = inner, allow_private

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Any = None) -> httpcore.NetworkStream:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as e:
            raise Refused("dns", f"cannot resolve {host} ({getattr(e, 'strerror', e)})") from None
        ips = list(dict.fromkeys(str(info[4][0]) for info in infos))
        if not self.allow_private:
            for ip in ips:
                if not is_public(ip):
                    raise Refused("private_address",
                                  f"{host} resolves to non-public address {ip} "
                                  "(use --allow-private or allow_private: true)")
        error: Exception | None = None
        for ip in ips:
            try:
                return self.inner.connect_tcp(ip, port, timeout, local_address, socket_options)
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


def read_body(response: httpx.Response, limit: int) -> bytes:
    declared = response.headers.get("content-length", "")
    encoding = response.headers.get("content-encoding", "")
    if declared.isdigit() and not encoding and int(declared) > limit:
        raise TooLarge(f"Content-Length {int(declared):,} is over the {limit:,}-byte limit")
    inflater = _Inflater(encoding.split(",")[-1])
    chunks, total = [], 0
    for raw in response.iter_raw():
        chunk = inflater.feed(raw, limit - total)
        total += len(chunk)
        if total > limit:
            raise TooLarge(f"body over the {limit:,}-byte limit (cut at {total:,} bytes)")
        chunks.append(chunk)
    return b"".join(chunks)
