"""HTTP behaviour against a real local server (pytest-httpserver, or raw sockets)."""

import gzip
import socket
import struct
import threading
import time
import zlib

import pytest
from werkzeug import Response

from pipeline.fetch import Session, user_agent
from pipeline.records import Source
from pipeline.settings import Settings


@pytest.fixture
def fast(tmp_path) -> Settings:
    """Short waits so retries and rate limits cost milliseconds."""
    return Settings(cache_dir=str(tmp_path / "cache"), retry_backoff=0.01, retry_backoff_max=0.05,
                    rate_limit=1000.0, timeout_read=0.5, timeout_connect=0.5, retries=2)


@pytest.fixture
def server(httpserver):
    httpserver.no_handler_status_code = 404  # so /robots.txt is "absent" unless a test sets it
    return httpserver


def get(settings, url, previous=None, source=None):
    with Session(settings, allow_private=True, previous=previous) as session:
        return session.get(url, source)


def summary(rows):
    return [(r.role, r.status, r.error_class) for r in rows]


def test_user_agent_names_the_project_and_a_contact_url(server, fast):
    server.expect_request("/p").respond_with_data("<p>x</p>")
    rows = get(fast, server.url_for("/p"))
    agents = {req.headers["User-Agent"] for req, _ in server.log}
    assert agents == {"milexchange/0.1 (+https://github.com/milexchange/milexchange)"}
    assert user_agent(fast) in agents
    assert summary(rows) == [("robots", 404, "http_status"), ("document", 200, None)]


def test_etag_is_sent_back_and_a_304_carries_the_old_sha_and_no_body(server, fast):
    server.expect_request("/p", headers={"If-None-Match": '"v1"'}).respond_with_data(
        "", status=304, headers={"ETag": '"v1"'})
    server.expect_request("/p").respond_with_data("<p>one</p>", headers={"ETag": '"v1"'})
    url = server.url_for("/p")
    (*_, first) = get(fast, url)
    (*_, second) = get(fast, url, previous={url: (first.etag, None, first.sha256)})
    assert (first.status, first.etag, first.body) == (200, '"v1"', b"<p>one</p>")
    assert (second.status, second.not_modified, second.from_cache, second.body) == (
        304, True, True, b"")
    assert (second.sha256, second.etag) == (first.sha256, '"v1"')


def test_last_modified_is_sent_back_as_if_modified_since(server, fast):
    stamp = "Wed, 03 Jul 2024 10:00:00 GMT"
    server.expect_request("/p", headers={"If-Modified-Since": stamp}).respond_with_data(
        "", status=304)
    server.expect_request("/p").respond_with_data("<p>one</p>", headers={"Last-Modified": stamp})
    url = server.url_for("/p")
    (*_, first) = get(fast, url)
    (*_, second) = get(fast, url, previous={url: (None, first.last_modified, first.sha256)})
    assert (first.last_modified, second.status, second.last_modified) == (stamp, 304, stamp)


def test_no_conditional_request_when_the_old_bytes_are_gone_from_the_cache(server, fast):
    server.expect_request("/p").respond_with_data("<p>one</p>", headers={"ETag": '"v1"'})
    url = server.url_for("/p")
    (*_, row) = get(fast, url, previous={url: ('"v1"', None, "0" * 64)})
    assert (row.status, row.body) == (200, b"<p>one</p>")
    assert "If-None-Match" not in server.log[-1][0].headers


def test_robots_disallow_is_honoured_and_robots_is_read_once_per_host(server, fast):
    server.expect_request("/robots.txt").respond_with_data(
        "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    server.expect_request("/open").respond_with_data("<p>ok</p>")
    with Session(fast, allow_private=True) as session:
        shut = session.get(server.url_for("/private/report.pdf"))
        open_ = session.get(server.url_for("/open"))
    assert summary(shut) == [("robots", 200, None), ("document", None, "robots")]
    assert summary(open_) == [("document", 200, None)]
    assert [req.path for req, _ in server.log] == ["/robots.txt", "/open"]


def test_unreachable_robots_means_nothing_is_fetched_from_that_host(server, fast):
    server.expect_request("/robots.txt").respond_with_data("down", status=503)
    server.expect_request("/p").respond_with_data("<p>ok</p>")
    rows = get(fast.__class__(**{**fast.__dict__, "retries": 0}), server.url_for("/p"))
    assert summary(rows) == [("robots", 503, "http_status"), ("document", None, "http_status")]
    assert rows[-1].error == "robots.txt unreachable: HTTP 503"


def test_429_with_retry_after_is_waited_out_then_succeeds(server, fast):
    times = []

    def handler(request):
        times.append(time.monotonic())
        if len(times) == 1:
            return Response("slow down", status=429, headers={"Retry-After": "1"})
        return Response("<p>ok</p>")

    server.expect_request("/p").respond_with_handler(handler)
    rows = get(fast, server.url_for("/p"))
    assert summary(rows) == [("robots", 404, "http_status"), ("retry", 429, "http_status"),
                             ("document", 200, None)]
    assert rows[1].error == "HTTP 429 (Retry-After 1s); retry in 1.00s"
    assert times[1] - times[0] >= 0.95


def test_a_retry_after_beyond_the_limit_gives_up_at_once(server, fast):
    server.expect_request("/p").respond_with_data("no", status=429, headers={"Retry-After": "3600"})
    rows = get(fast, server.url_for("/p"))
    assert summary(rows)[1:] == [("document", 429, "http_status")]
    assert rows[-1].error == "HTTP 429 (Retry-After 3600s), over the 120s we wait"


def test_500_500_200_is_two_retries_and_a_success(server, fast):
    for _ in range(2):
        server.expect_oneshot_request("/p").respond_with_data("oops", status=500)
    server.expect_request("/p").respond_with_data("<p>third time</p>")
    rows = get(fast, server.url_for("/p"))
    assert summary(rows)[1:] == [("retry", 500, "http_status"), ("retry", 500, "http_status"),
                                 ("document", 200, None)]
    assert rows[-1].body == b"<p>third time</p>"


def test_404_is_not_retried(server, fast):
    server.expect_request("/robots.txt").respond_with_data("", status=404)
    server.expect_request("/gone").respond_with_data("no", status=404)
    rows = get(fast, server.url_for("/gone"))
    assert summary(rows)[1:] == [("document", 404, "http_status")]
    assert len(server.log) == 2


class RawServer:
    """A TCP server that plays a script: 'reset' closes with RST, bytes are sent as is."""

    def __init__(self, script):
        self.script = list(script)
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self):
        while self.script:
            conn, _ = self.sock.accept()
            conn.recv(65536)
            action = self.script.pop(0)
            if action == "reset":
                conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            else:
                conn.sendall(action)
            conn.close()


OK = b"HTTP/1.1 200 OK\r\nContent-Length: 9\r\nConnection: close\r\n\r\n<p>ok</p>"
ROBOTS_404 = b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"


def test_connection_reset_is_retried(fast):
    raw = RawServer([ROBOTS_404, "reset", OK])
    rows = get(fast, f"http://127.0.0.1:{raw.port}/p")
    assert summary(rows) == [("robots", 404, "http_status"), ("retry", None, "connection"),
                             ("document", 200, None)]
    assert rows[-1].body == b"<p>ok</p>"


def test_a_dead_port_fails_as_a_connection_error_after_the_retries(fast):
    rows = get(fast, "http://127.0.0.1:9/p")
    assert summary(rows) == [("retry", None, "connection"), ("retry", None, "connection"),
                             ("robots", None, "connection"), ("document", None, "connection")]
    assert rows[-1].error.startswith("robots.txt unreachable: ConnectError")


def test_read_timeout_is_recorded_and_not_retried(server, fast):
    def slow(request):
        time.sleep(1.0)
        return Response("late")

    server.expect_request("/slow").respond_with_handler(slow)
    started = time.monotonic()
    rows = get(fast, server.url_for("/slow"))
    assert summary(rows)[1:] == [("document", None, "timeout")]
    assert rows[-1].error == "ReadTimeout: no data within 0.5s"
    assert time.monotonic() - started < 1.5


def test_redirect_loop_stops_at_the_cap(server, fast):
    server.expect_request("/a").respond_with_data("", status=302, headers={"Location": "/b"})
    server.expect_request("/b").respond_with_data("", status=302, headers={"Location": "/a"})
    rows = get(fast, server.url_for("/a"))
    assert summary(rows)[1:] == [("document", None, "too_many_redirects")]
    assert len([r for r, _ in server.log if r.path in ("/a", "/b")]) == fast.max_redirects + 1


def test_redirect_to_another_scheme_is_refused(server, fast):
    server.expect_request("/a").respond_with_data(
        "", status=302, headers={"Location": "file:///etc/passwd"})
    rows = get(fast, server.url_for("/a"))
    assert summary(rows)[1:] == [("document", None, "scheme")]


def test_oversized_body_is_cut_with_a_recorded_error(server, tmp_path):
    small = Settings(cache_dir=str(tmp_path / "c"), max_bytes=1000, rate_limit=1000.0)

    def chunked(request):  # no Content-Length: the cut happens while streaming
        return Response((b"x" * 400 for _ in range(10)), direct_passthrough=True)

    server.expect_request("/big").respond_with_handler(chunked)
    server.expect_request("/declared").respond_with_data("x" * 5000)
    streamed = get(small, server.url_for("/big"))[-1]
    declared = get(small, server.url_for("/declared"))[-1]
    assert (streamed.status, streamed.error_class, streamed.body) == (200, "too_large", b"")
    assert streamed.error == "body over the 1,000-byte limit (cut at 1,001 bytes)"
    assert declared.error == "Content-Length 5,000 is over the 1,000-byte limit"


def test_gzip_bomb_is_stopped_at_the_size_limit(server, tmp_path):
    small = Settings(cache_dir=str(tmp_path / "c"), max_bytes=100_000, rate_limit=1000.0)
    bomb = gzip.compress(b"\0" * 50_000_000)
    server.expect_request("/bomb").respond_with_data(
        bomb, headers={"Content-Encoding": "gzip"}, content_type="text/html")
    server.expect_request("/fine").respond_with_data(
        gzip.compress(b"<p>small</p>"), headers={"Content-Encoding": "gzip"})
    (*_, row) = get(small, server.url_for("/bomb"))
    assert len(bomb) < 100_000
    assert (row.error_class, row.error) == (
        "too_large", "body over the 100,000-byte limit (cut at 100,001 bytes)")
    assert get(small, server.url_for("/fine"))[-1].body == b"<p>small</p>"


def test_private_addresses_are_refused_unless_allowed(server, fast):
    server.expect_request("/p").respond_with_data("<p>x</p>")
    url = server.url_for("/p").replace("localhost", "127.0.0.1")
    with Session(fast) as session:
        rows = session.get(url)
    assert summary(rows) == [("robots", None, "private_address"),
                             ("document", None, "private_address")]
    assert "resolves to non-public address 127.0.0.1" in rows[-1].error
    trusted = Source(name="mirror", kind="url", location=url, allow_private=True)
    with Session(fast) as session:
        assert session.get(url, trusted)[-1].status == 200
    assert len(server.log) == 2  # robots.txt and the page, only when allowed


def test_link_local_metadata_address_is_refused(fast):
    # every connection, redirect hops included, goes through the same address check
    with Session(fast) as session:
        rows = session.get("http://169.254.169.254/latest/meta-data/")
    assert rows[-1].error_class == "private_address"


def test_unresolvable_host_fails_fast_without_retries(fast):
    started = time.monotonic()
    rows = get(fast, "http://no-such-host.invalid/news")
    assert summary(rows) == [("robots", None, "dns"), ("document", None, "dns")]
    assert rows[-1].error.startswith("robots.txt unreachable: cannot resolve no-such-host.invalid")
    assert time.monotonic() - started < 5


def test_per_host_rate_limit_spaces_requests(server, tmp_path):
    polite = Settings(cache_dir=str(tmp_path / "c"), rate_limit=5.0)
    times = []

    def handler(request):
        times.append(time.monotonic())
        return Response("<p>x</p>")

    server.expect_request("/robots.txt").respond_with_handler(handler)
    server.expect_request("/p").respond_with_handler(handler)
    with Session(polite, allow_private=True) as session:
        threads = [threading.Thread(target=session.get, args=(server.url_for("/p"),))
                   for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert len(times) == 5  # robots.txt once, then four pages
    assert min(gaps) >= 0.15  # 0.2 s apart at 5 requests/s, with slack for the clock
    assert times[-1] - times[0] >= 0.7


def test_elapsed_leaves_out_the_rate_limit_wait(server, tmp_path):
    polite = Settings(cache_dir=str(tmp_path / "c"), rate_limit=2.0)
    server.expect_request("/p").respond_with_data("<p>x</p>")
    started = time.monotonic()
    rows = get(polite, server.url_for("/p"))  # robots.txt, then the page 0.5 s later
    assert time.monotonic() - started >= 0.45
    assert rows[-1].elapsed < 0.3


def test_an_unreachable_host_fails_each_source_under_its_own_name(fast):
    one = Source(name="one", kind="url", location="http://no-such-host.invalid/1")
    two = Source(name="two", kind="url", location="http://no-such-host.invalid/2")
    with Session(fast) as session:
        rows = session.get(one.location, one) + session.get(two.location, two)
    assert [(r.role, r.source, r.url, r.error_class) for r in rows] == [
        ("robots", "one", "http://no-such-host.invalid/robots.txt", "dns"),
        ("document", "one", "http://no-such-host.invalid/1", "dns"),
        ("document", "two", "http://no-such-host.invalid/2", "dns"),
    ]


@pytest.mark.parametrize("wbits", [zlib.MAX_WBITS, -zlib.MAX_WBITS], ids=["zlib", "raw"])
def test_deflate_bodies_are_decoded_and_bounded(server, tmp_path, wbits):
    small = Settings(cache_dir=str(tmp_path / "c"), max_bytes=10_000, rate_limit=1000.0)

    def deflate(data):
        z = zlib.compressobj(wbits=wbits)
        return z.compress(data) + z.flush()

    server.expect_request("/ok").respond_with_data(
        deflate(b"<p>deflated</p>"), headers={"Content-Encoding": "deflate"})
    server.expect_request("/bomb").respond_with_data(
        deflate(b" " * 5_000_000), headers={"Content-Encoding": "deflate"})
    assert get(small, server.url_for("/ok"))[-1].body == b"<p>deflated</p>"
    assert get(small, server.url_for("/bomb"))[-1].error_class == "too_large"


def test_global_concurrency_caps_requests_in_flight(tmp_path):
    from pytest_httpserver import HTTPServer

    from pipeline.fetch import fetch_all

    settings = Settings(cache_dir=str(tmp_path / "c"), rate_limit=1000.0, concurrency=2)
    lock, state = threading.Lock(), {"now": 0, "max": 0}

    def slow(request):
        with lock:
            state["now"] += 1
            state["max"] = max(state["max"], state["now"])
        time.sleep(0.2)
        with lock:
            state["now"] -= 1
        return Response("<p>x</p>")

    server = HTTPServer(threaded=True)
    server.no_handler_status_code = 404
    server.expect_request("/robots.txt").respond_with_data("", status=404)
    server.expect_request("/p").respond_with_handler(slow)
    server.start()
    try:
        sources = [Source(name=f"s{i}", kind="url", location=server.url_for(f"/p?i={i}"))
                   for i in range(6)]
        rows = list(fetch_all(sources, settings, allow_private=True))
    finally:
        server.stop()
    assert sorted(r.source for r in rows if r.role == "document" and r.status == 200) == [
        f"s{i}" for i in range(6)]
    assert state["max"] == 2


def test_robots_is_checked_again_when_a_redirect_changes_origin(server, fast):
    other = server.url_for("/").replace("localhost", "127.0.0.1")  # same server, other origin
    server.expect_request("/robots.txt").respond_with_handler(
        lambda r: Response("User-agent: *\nDisallow: /private/\n" if r.host.startswith("127.")
                           else "User-agent: *\nAllow: /\n"))
    server.expect_request("/go").respond_with_data(
        "", status=301, headers={"Location": other + "private/x.html"})
    rows = get(fast, server.url_for("/go"))
    assert summary(rows) == [("robots", 200, None), ("robots", 200, None),
                             ("document", None, "robots")]
    assert rows[-1].error == f"redirect to {other}private/x.html disallowed by robots.txt"
    assert [r.path for r, _ in server.log] == ["/robots.txt", "/go", "/robots.txt"]


@pytest.mark.parametrize("location, error", [
    ("http://0177.0.0.1/", "redirect to a URL that cannot be parsed "
                           "(Invalid IPv4 address: '0177.0.0.1')"),
    ("javascript:alert(1)", "redirect to a URL that cannot be parsed "
                            "(For absolute URLs, path must be empty or begin with '/')"),
])
def test_a_redirect_httpx_cannot_parse_is_one_invalid_url_row_not_retried(server, fast, location,
                                                                         error):
    server.expect_request("/a").respond_with_data("", status=301, headers={"Location": location})
    rows = get(fast, server.url_for("/a"))
    assert summary(rows) == [("robots", 404, "http_status"), ("document", None, "invalid_url")]
    assert rows[-1].error == error
    assert [r.path for r, _ in server.log] == ["/robots.txt", "/a"]


@pytest.fixture
def drip():
    from localserver import drip_server

    servers = []

    def start(pages, interval=0.05):
        servers.append(drip_server(pages, interval))
        return servers[-1]

    yield start
    for s in servers:
        s.close()


def test_a_server_dripping_bytes_is_cut_at_the_total_deadline_as_a_timeout(drip, tmp_path):
    # a byte every 0.05 s never trips the 0.5 s read timeout; 200 bytes would take 10 s
    server = drip({"/drip": ("text/html", b"x" * 200, True)})
    settings = Settings(cache_dir=str(tmp_path / "c"), rate_limit=1000.0, timeout_read=0.5,
                        timeout_total=1.0, retries=2)
    rows = get(settings, server.url + "/drip")
    assert summary(rows) == [("robots", 404, "http_status"), ("document", 200, "timeout")]
    assert rows[-1].error == "no complete response within 1s (timeout_total)"
    assert server.gone.wait(5)  # the connection was dropped, not left to drip on
    assert server.requested == ["/robots.txt", "/drip"]  # a deadline is not retried


def test_our_own_rate_limit_wait_does_not_count_against_the_deadline(server, tmp_path):
    # the wait between the two requests (2 s) is longer than the deadline (1.5 s), which
    # still leaves a loaded machine room to answer one local request
    polite = Settings(cache_dir=str(tmp_path / "c"), rate_limit=0.5, timeout_total=1.5)
    server.expect_request("/p").respond_with_data("<p>x</p>")
    rows = get(polite, server.url_for("/p"))  # robots.txt, then the page 2 s later
    assert summary(rows) == [("robots", 404, "http_status"), ("document", 200, None)]


@pytest.mark.parametrize("address, public", [
    ("8.8.8.8", True), ("2606:4700::1111", True),
    ("10.0.0.1", False), ("169.254.169.254", False), ("100.64.0.1", False), ("::1", False),
    ("::ffff:10.0.0.1", False), ("::ffff:8.8.8.8", True),  # IPv4-mapped
    ("::a00:1", False), ("::7f00:1", False), ("::808:808", True),  # IPv4-compatible
    ("64:ff9b::a9fe:a9fe", False), ("64:ff9b::a00:1", False), ("64:ff9b::808:808", True),  # NAT64
    ("64:ff9b:1::808:808", False),  # local-use NAT64 prefix
    ("2002:a00:1::1", False), ("2002:a9fe:a9fe::1", False), ("2002:808:808::1", True),  # 6to4
])
def test_private_ipv4_addresses_are_recognised_inside_ipv6_forms(address, public):
    from pipeline.fetch.guard import is_public

    assert is_public(address) is public


@pytest.mark.parametrize("host", ["[64:ff9b::a9fe:a9fe]", "[::a9fe:a9fe]", "[2002:a9fe:a9fe::1]"])
def test_the_metadata_address_behind_an_ipv6_form_is_refused_before_connecting(fast, host):
    with Session(fast) as session:
        rows = session.get(f"http://{host}/latest/meta-data/")
    assert summary(rows) == [("robots", None, "private_address"),
                             ("document", None, "private_address")]
