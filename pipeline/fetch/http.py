"""Polite, bounded HTTP: the one place that opens sockets.

A ``Session`` lives for one run and holds what must be shared between requests:

- two httpx clients (public-only, and one that may reach private addresses, chosen for a
  hop only under ``--allow-private`` or when the hop goes to the host of a source with
  ``allow_private``), whose connections go through ``guard.GuardedBackend`` (address checks
  after DNS resolution);
- a ``clock.Clock``: a total deadline per request (``timeout_total``) and the stop flag,
  looked at by every read, so no server holds a request and a stop ends them all;
- a per-host rate limiter (``rate_limit`` requests/s, slowed by robots.txt Crawl-delay),
  applied to every request including redirect hops (an httpx request hook);
- robots.txt per origin (protego), fetched once per run and checked at every redirect hop
  (redirects are followed here, not by httpx, up to ``max_redirects``);
- the validators (ETag, Last-Modified, sha256) of earlier fetches, for conditional GETs.

``Session.get(url)`` returns the rows of one retrieval: robots.txt (first time per origin),
one ``role="retry"`` row per retried attempt, then the final row. Retries (tenacity) cover
connection errors, 429 and 5xx, with exponential backoff and full jitter, honouring
Retry-After; read timeouts and other 4xx are not retried. Bodies are streamed and cut at
``max_bytes`` (``guard.read_body``); a ``Reader`` may parse one as it arrives and say when
the rest is not needed. A URL httpx cannot parse is a row (``invalid_url``), never raised.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, NamedTuple, Protocol

import httpx
from protego import Protego
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_result,
    stop_after_attempt,
    wait_random_exponential,
)

from pipeline.fetch.clock import Clock
from pipeline.fetch.errors import Cut, Refused, TooLarge
from pipeline.fetch.guard import GuardedBackend, check_location, check_url, read_body
from pipeline.fetch.local import cache_path, failed, keep, now
from pipeline.records import Fetched, Source
from pipeline.settings import Settings

# url -> (etag, last_modified, sha256) of the last successful fetch
Previous = Mapping[str, tuple[str | None, str | None, str]]
ROBOTS_MAX_BYTES = 512_000


class Reader(Protocol):
    """Parses a body while it is downloaded (``discover.SitemapReader``)."""

    def reset(self, base_url: str) -> None:
        """Start over: a new attempt, whose response comes from ``base_url``."""

    def feed(self, data: bytes) -> bool:
        """Take the next bytes; True when the rest of the body is not needed."""


def user_agent(settings: Settings) -> str:
    return f"{settings.user_agent} (+{settings.contact_url})"


def http_client(settings: Settings, *, allow_private: bool = False,
                on_request: Any = None, clock: Clock | None = None) -> httpx.Client:
    """An httpx client with our User-Agent, timeouts, redirect cap and address guard.

    A redirect whose Location httpx cannot parse is refused as ``invalid_url`` before httpx
    tries to follow it."""
    transport = httpx.HTTPTransport(trust_env=False)
    pool = transport._pool  # httpx (<0.29) has no public hook for the network backend
    guarded = GuardedBackend(pool._network_backend, allow_private,
                             clock or Clock(settings.timeout_total))
    pool._network_backend = guarded
    return httpx.Client(
        transport=transport, trust_env=False, follow_redirects=True,
        max_redirects=settings.max_redirects,
        timeout=httpx.Timeout(settings.timeout_read, connect=settings.timeout_connect),
        headers={"User-Agent": user_agent(settings), "Accept-Encoding": "gzip, deflate"},
        event_hooks={"request": [on_request] if on_request else [],
                     "response": [check_location]},
    )


class _Limiter:
    """At most one request per ``interval`` seconds per host (reservations, thread-safe)."""

    def __init__(self, interval: float, stop: threading.Event):
        self.interval, self.stop = interval, stop
        self.next: dict[str, float] = {}
        self.slower: dict[str, float] = {}
        self.lock = threading.Lock()

    def wait(self, host: str) -> float:
        """Sleep until ``host`` may be asked again; returns the seconds slept."""
        with self.lock:
            now_ = time.monotonic()
            at = max(now_, self.next.get(host, 0.0))
            self.next[host] = at + max(self.interval, self.slower.get(host, 0.0))
        if at > now_:
            self.stop.wait(at - now_)
        return max(0.0, at - now_)

    def slow_down(self, host: str, seconds: float) -> None:
        with self.lock:
            self.slower[host] = seconds


class _Outcome(NamedTuple):
    fetched: Fetched
    retry: bool = False
    retry_after: float | None = None


class Session:
    """Shared state of one run's HTTP fetching (clients, limiter, robots, validators)."""

    def __init__(self, settings: Settings, *, allow_private: bool = False,
                 previous: Previous | None = None):
        self.settings, self.allow_private = settings, allow_private
        self.previous: Previous = previous or {}
        self.stop = threading.Event()
        self.clock = Clock(settings.timeout_total, self.stop)
        self.limiter = _Limiter(1.0 / settings.rate_limit if settings.rate_limit > 0 else 0.0,
                                self.stop)
        self._clients: dict[bool, httpx.Client] = {}
        self._robots: dict[tuple[str, bool], Protego | Fetched | None] = {}
        self._locks: dict[tuple[str, bool], threading.Lock] = {}
        self._lock = threading.Lock()
        self._seen: set[str] = set()
        self._polite = threading.local()  # seconds this thread spent in rate-limit waits
        self.token = settings.user_agent.split("/")[0]

    # -- lifecycle
    def close(self) -> None:
        self.stop.set()
        for client in self._clients.values():
            client.close()

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def claim(self, url: str) -> bool:
        """True the first time ``url`` is seen in this run (deduplication)."""
        with self._lock:
            if url in self._seen:
                return False
            self._seen.add(url)
            return True

    def client(self, allow_private: bool) -> httpx.Client:
        with self._lock:
            if allow_private not in self._clients:
                self._clients[allow_private] = http_client(
                    self.settings, allow_private=allow_private, on_request=self._on_request,
                    clock=self.clock)
            return self._clients[allow_private]

    def _on_request(self, request: httpx.Request) -> None:
        waited = self.limiter.wait(request.url.host)
        self.clock.extend(waited)
        self._polite.waited = getattr(self._polite, "waited", 0.0) + waited

    def _elapsed(self, started: float) -> float:
        """Seconds since ``started`` on this thread, rate-limit waits left out."""
        return time.perf_counter() - started - getattr(self._polite, "waited", 0.0)

    # -- one retrieval
    def get(self, url: str, source: Source | None = None, role: str = "document",
            reader: Reader | None = None) -> list[Fetched]:
        """Rows of one retrieval; the last row is its outcome. With a ``reader`` the body
        is parsed as it arrives, and no more of it is downloaded once the reader has enough
        (the row then holds the bytes read)."""
        rows: list[Fetched] = []
        try:
            check_url(url)
        except Refused as e:
            return [failed(url, source, e.error_class, str(e), role=role)]
        if role != "robots":
            try:
                self._check_robots(url, source, rows)
            except Refused as e:
                return [*rows, failed(url, source, e.error_class, str(e), role=role)]
        headers = self._conditional(url) if role != "robots" else {}

        def note_retry(state: RetryCallState) -> None:
            outcome: _Outcome = state.outcome.result()  # type: ignore[union-attr]
            wait = state.next_action.sleep if state.next_action else 0.0
            f = outcome.fetched
            rows.append(replace(f, role="retry", error=f"{f.error}; retry in {wait:.2f}s"))

        retrying = Retrying(
            stop=stop_after_attempt(self.settings.retries + 1),
            retry=retry_if_result(lambda o: o.retry and not self.stop.is_set()),
            wait=self._wait, before_sleep=note_retry, sleep=self._sleep,
            retry_error_callback=lambda state: state.outcome.result(),  # type: ignore[union-attr]
        )
        outcome = retrying(self._attempt, url, source, role, headers, rows, reader)
        return [*rows, outcome.fetched]

    def _sleep(self, seconds: float) -> None:
        self.stop.wait(seconds)  # cut short when the run stops

    def _wait(self, state: RetryCallState) -> float:
        outcome: _Outcome = state.outcome.result()  # type: ignore[union-attr]
        if outcome.retry_after is not None:
            return outcome.retry_after
        backoff = wait_random_exponential(multiplier=self.settings.retry_backoff,
                                          max=self.settings.retry_backoff_max)
        return float(backoff(state))

    def _conditional(self, url: str) -> dict[str, str]:
        known = self.previous.get(url)
        if not known or not cache_path(known[2], self.settings).exists():
            return {}  # without the old bytes a 304 would leave us nothing to reprocess
        headers = {}
        if known[0]:
            headers["If-None-Match"] = known[0]
        if known[1]:
            headers["If-Modified-Since"] = known[1]
        return headers

    def may_reach_private(self, url: str, source: Source | None) -> bool:
        """``--allow-private`` lets every request reach private addresses; a source's
        ``allow_private`` only the requests to its own host and port (not the links it lists,
        nor where its redirects lead on other hosts)."""
        if self.allow_private:
            return True
        if not (source and source.allow_private):
            return False
        own = _host_port(source.location)
        return own is not None and _host_port(url) == own

    @contextmanager
    def _open(self, url: str, headers: dict[str, str], source: Source | None, role: str,
              rows: list[Fetched]) -> Iterator[httpx.Response]:
        """The streamed response at the end of the redirects; at each hop robots.txt is
        checked and the client chosen (may this host be private?)."""
        request = self.client(False).build_request("GET", url, headers=headers)
        for hop in range(self.settings.max_redirects + 1):
            if request.url.scheme not in ("http", "https"):
                raise Refused("scheme", f"only http(s) is fetched, not {request.url}")
            if hop and role != "robots":
                self._check_robots(str(request.url), source, rows, redirect=True)
            client = self.client(self.may_reach_private(str(request.url), source))
            try:
                response = client.send(request, stream=True, follow_redirects=False)
            except httpx.InvalidURL as e:  # the Location parsed, the redirect built from it not
                raise Refused("invalid_url",
                              f"redirect to a URL that cannot be parsed ({e})") from None
            if response.next_request is None:
                try:
                    yield response
                finally:
                    response.close()
                return
            response.close()
            request = response.next_request
        raise httpx.TooManyRedirects("too many redirects", request=request)

    def _attempt(self, url: str, source: Source | None, role: str, headers: dict[str, str],
                 rows: list[Fetched], reader: Reader | None = None) -> _Outcome:
        s = self.settings
        started = time.perf_counter()
        self._polite.waited = 0.0
        status: int | None = None
        final: str | None = None

        def fail(error_class: str, message: str, status: int | None = None,
                 final_url: str | None = None, retry: bool = False,
                 retry_after: float | None = None) -> _Outcome:
            f = failed(url, source, error_class, message, status=status, final_url=final_url,
                       role=role, elapsed=self._elapsed(started))
            return _Outcome(f, retry, retry_after)

        try:
            with self.clock.request(), self._open(url, headers, source, role, rows) as r:
                final, status = str(r.url), r.status_code
                if status == 304 and url in self.previous:
                    etag, modified, sha = self.previous[url]
                    return _Outcome(Fetched(
                        url=url, final_url=final, source=source.name if source else None,
                        status=304, sha256=sha, content_type=r.headers.get("content-type"),
                        etag=r.headers.get("etag") or etag,
                        last_modified=r.headers.get("last-modified") or modified,
                        fetched_at=now(), elapsed=self._elapsed(started),
                        from_cache=True, not_modified=True, role=role,
                        language_hint=source.language if source else None))
                if status >= 400 or status == 304:
                    retry_after = _retry_after(r.headers.get("retry-after"))
                    retry = status == 429 or status >= 500
                    message = f"HTTP {status}"
                    if retry_after is not None:
                        message += f" (Retry-After {retry_after:g}s)"
                        if retry_after > s.retry_after_max:
                            retry = False
                            message += f", over the {s.retry_after_max:g}s we wait"
                    return fail("http_status", message, status, final, retry, retry_after)
                limit = ROBOTS_MAX_BYTES if role == "robots" else s.max_bytes
                if reader is not None:
                    reader.reset(final)
                body = read_body(r, limit, reader.feed if reader is not None else None)
        except Cut as e:
            return fail(e.error_class, str(e), status=status, final_url=final)
        except Refused as e:
            return fail(e.error_class, str(e))
        except httpx.ConnectTimeout:
            return fail("timeout", f"no connection within {s.timeout_connect:g}s", retry=True)
        except httpx.TimeoutException as e:
            return fail("timeout", f"{type(e).__name__}: no data within {s.timeout_read:g}s")
        except httpx.TooManyRedirects:
            return fail("too_many_redirects", f"more than {s.max_redirects} redirects")
        except httpx.InvalidURL as e:
            return fail("invalid_url", f"not a URL that can be fetched ({e})")
        except httpx.UnsupportedProtocol as e:
            return fail("scheme", f"only http(s) is fetched ({e})")
        except httpx.TransportError as e:
            return fail("connection", f"{type(e).__name__}: {e}", retry=True)
        except httpx.HTTPError as e:
            return fail("http_error", f"{type(e).__name__}: {e}")
        except TooLarge as e:
            return fail("too_large", str(e), status=status, final_url=final)
        return _Outcome(Fetched(
            url=url, final_url=final, source=source.name if source else None, status=status,
            body=body, sha256=keep(body, s), content_type=r.headers.get("content-type"),
            etag=r.headers.get("etag"), last_modified=r.headers.get("last-modified"),
            fetched_at=now(), elapsed=self._elapsed(started), role=role,
            language_hint=source.language if source else None))

    # -- robots.txt
    def _check_robots(self, url: str, source: Source | None, rows: list[Fetched],
                      redirect: bool = False) -> None:
        """Raise ``Refused`` when robots.txt forbids ``url`` or cannot be read."""
        robots = self._robots_for(url, source, rows)
        if isinstance(robots, Fetched):
            raise Refused(robots.error_class or "robots", robots.error or "robots.txt unreachable")
        if robots is not None and not robots.can_fetch(url, self.token):
            where = f"redirect to {url} " if redirect else ""
            raise Refused("robots", f"{where}disallowed by robots.txt")

    def _robots_for(self, url: str, source: Source | None,
                    rows: list[Fetched]) -> Protego | Fetched | None:
        """The parsed robots.txt of the URL's origin; a failure row when it is unreachable.

        Kept per origin and per address policy: a private origin refused for one source is
        still read for the source whose own host it is."""
        parts = httpx.URL(url)
        origin = f"{parts.scheme}://{parts.netloc.decode('ascii').lower()}"
        key = (origin, self.may_reach_private(url, source))
        with self._lock:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            if key in self._robots:
                return self._robots[key]
            (*retries, row) = self.get(origin + "/robots.txt", source, role="robots")
            rows += [*retries, row]
            result: Protego | Fetched | None = None
            if row.error_class is None:
                result = Protego.parse(row.body.decode("utf-8", "replace"))
                delay = result.crawl_delay(self.token)
                if delay:
                    self.limiter.slow_down(parts.host, min(float(delay), 60.0))
            elif row.error_class == "http_status" and row.status and 400 <= row.status < 500 \
                    and row.status != 429:
                result = None  # no robots.txt: everything allowed (RFC 9309)
            else:  # unreachable: assume complete disallow (RFC 9309), say why
                result = replace(row, error=f"robots.txt unreachable: {row.error}")
            self._robots[key] = result
            return result


def _host_port(url: str) -> tuple[str, int] | None:
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL:
        return None
    return parsed.host, parsed.port or (443 if parsed.scheme == "https" else 80)


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())
