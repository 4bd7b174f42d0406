"""``refresh`` and ``ingest URL`` end to end against a local mirror (a real HTTP server)."""

import gzip
import sqlite3

import pytest
import yaml
from click.testing import CliRunner
from conftest import FIXTURES

from pipeline import export, store
from pipeline.cli import cli

WEB = FIXTURES / "web"
VISIT = (FIXTURES / "visit.html").read_text(encoding="utf-8")



def article(title: str, *paragraphs: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html lang='en'><head><title>{title}</title></head><body>"
            f"<article><h1>{title}</h1>{body}</article></body></html>")


FILLER = ("The statement gave no further detail about the programme, which officials said "
          "had been planned for several months by both staffs.")


@pytest.fixture
def mirror(httpserver):
    httpserver.no_handler_status_code = 404  # no robots.txt: everything allowed
    return httpserver


@pytest.fixture
def config(tmp_path):
    # The test server answers one request at a time (pytest-httpserver is not threaded) while
    # the client keeps four in flight: on a loaded machine a request can wait its turn for
    # seconds, so the read timeout is generous here; timeouts are tested in test_fetch_http.
    path = tmp_path / "settings.yaml"
    path.write_text(yaml.safe_dump({
        "cache_dir": str(tmp_path / "cache"), "rate_limit": 1000.0, "retries": 1,
        "retry_backoff": 0.01, "retry_backoff_max": 0.02, "timeout_read": 15.0}))
    return path


def registry(tmp_path, *entries):
    path = tmp_path / "registry.yaml"
    path.write_text(yaml.safe_dump({"sources": list(entries)}, allow_unicode=True))
    return path


def cli_run(*args):
    return CliRunner().invoke(cli, [*args], catch_exceptions=False)


def refresh(db_path, reg, config, *extra):
    return cli_run("refresh", "--sources", str(reg), "--db", str(db_path), "--config",
                   str(config), "--quiet", "--allow-private", *extra)


def rows(db_path, sql, *params):
    with sqlite3.connect(db_path) as conn:
        return conn.execute(sql, params).fetchall()


def requested(server):
    return [req.path for req, _ in server.log]


def test_feed_with_keywords_then_a_second_refresh_costs_only_304s(mirror, tmp_path, db_path,
                                                                  config):
    feed = (WEB / "feed.xml").read_text().replace("HTTP://MIRROR.TEST", mirror.url_for(""))
    mirror.expect_request("/feed.xml", headers={"If-None-Match": '"f1"'}).respond_with_data(
        "", status=304)
    mirror.expect_request("/feed.xml").respond_with_data(
        feed, content_type="application/rss+xml", headers={"ETag": '"f1"'})
    for name, title in (("ship-visit", "Navy training ship visits Callao"),
                        ("delegacion", "Ministerio de Defensa recibe delegación")):
        path = f"/news/2024/{name}.html"
        mirror.expect_request(path, headers={"If-None-Match": f'"{name}"'}).respond_with_data(
            "", status=304)
        mirror.expect_request(path).respond_with_data(
            article(title, FILLER, FILLER), content_type="text/html",
            headers={"ETag": f'"{name}"'})
    reg = registry(tmp_path, {"name": "ministry-feed", "kind": "feed", "language": "en",
                              "url": mirror.url_for("/feed.xml"), "keywords": ["naval", "defensa"]})

    first = refresh(db_path, reg, config)
    assert first.exit_code == 0, first.output
    assert first.output.startswith("Run 1: 2 documents processed (2 with text, 0 empty, "
                                   "0 unchanged), 0 failed.\n")
    assert "/news/2024/festival.html" not in requested(mirror)  # filtered out by keyword

    second = refresh(db_path, reg, config)
    assert second.output.startswith("Run 2: 2 documents processed (0 with text, 0 empty, "
                                    "2 unchanged), 0 failed.\n")
    assert rows(db_path, "SELECT role, status, not_modified, bytes FROM fetches WHERE run_id = 2 "
                         "ORDER BY id") == [
        ("robots", 404, 0, 0), ("listing", 304, 1, 0), ("document", 304, 1, 0),
        ("document", 304, 1, 0)]
    assert rows(db_path, "SELECT DISTINCT run_id FROM documents") == [(1,)]  # not re-extracted


def test_changed_page_is_reprocessed_unchanged_is_skipped_and_reviews_survive(
        mirror, tmp_path, db_path, config):
    pages = {"/a": article("Port call", FILLER, FILLER), "/b": VISIT}
    mirror.expect_request("/a").respond_with_handler(lambda r: _html(pages["/a"]))
    mirror.expect_request("/b").respond_with_handler(lambda r: _html(pages["/b"]))
    reg = registry(tmp_path,
                   {"name": "page-a", "kind": "url", "url": mirror.url_for("/a")},
                   {"name": "page-b", "kind": "url", "url": mirror.url_for("/b")})
    assert refresh(db_path, reg, config).exit_code == 0
    keys = [k for (k,) in rows(db_path, "SELECT key FROM events")]
    assert keys, "the visit fixture states one event"
    db = store.open_db(db_path)
    for key in keys:
        db.conn.execute("INSERT INTO reviews (event_key, status, reviewer, reviewed_at) "
                        "VALUES (?, 'accepted', 'ana', '2026-01-01T00:00:00')", (key,))
    old_b = rows(db_path, "SELECT id FROM documents WHERE url LIKE '%/b'")

    pages["/b"] = VISIT.replace("</article>", f"<p>{FILLER}</p></article>")
    second = refresh(db_path, reg, config)
    assert second.output.startswith("Run 2: 2 documents processed (1 with text, 0 empty, "
                                    "1 unchanged), 0 failed.\n")
    new_b = rows(db_path, "SELECT id, run_id FROM documents WHERE url LIKE '%/b'")
    assert len(new_b) == 1 and new_b[0][0] != old_b[0][0] and new_b[0][1] == 2
    assert rows(db_path, "SELECT run_id FROM documents WHERE url LIKE '%/a'") == [(1,)]
    statuses = {e["event_id"]: e["review_status"] for e in export.events(db)}
    assert {k: statuses.get(k) for k in keys} == {k: "accepted" for k in keys}


def _html(text):
    from werkzeug import Response

    return Response(text, content_type="text/html; charset=utf-8")


def test_sitemap_index_with_gzip_child_and_since(mirror, tmp_path, db_path, config):
    base = mirror.url_for("").rstrip("/")

    def xml(name):
        return (WEB / name).read_text().replace("http://mirror.test", base)

    mirror.expect_request("/sitemap.xml").respond_with_data(
        xml("sitemap-index.xml"), content_type="application/xml")
    mirror.expect_request("/sitemap-2024.xml.gz").respond_with_data(
        gzip.compress(xml("sitemap-2024.xml").encode()), content_type="application/gzip")
    mirror.expect_request("/sitemap-2019.xml").respond_with_data(
        xml("sitemap-2019.xml"), content_type="application/xml")
    for path in ("/news/2024/defense-talks.html", "/news/2024/exercise.html", "/about.html",
                 "/news/2019/old-visit.html"):
        mirror.expect_request(path).respond_with_data(
            article(path, FILLER, FILLER), content_type="text/html")
    reg = registry(tmp_path, {"name": "site-map", "kind": "sitemap", "limit": 2,
                              "url": f"{base}/sitemap.xml"})
    result = refresh(db_path, reg, config, "--since", "2024-01-01")
    assert result.exit_code == 0, result.output
    assert requested(mirror) == ["/robots.txt", "/sitemap.xml", "/sitemap-2024.xml.gz",
                                 "/news/2024/defense-talks.html", "/news/2024/exercise.html"]
    assert rows(db_path, "SELECT role, count(*) FROM fetches GROUP BY role ORDER BY role") == [
        ("document", 2), ("listing", 2), ("robots", 1)]


def test_index_page_follows_its_link_pattern_and_sniffs_the_real_type(mirror, tmp_path, db_path,
                                                                     config):
    mirror.expect_request("/reports/").respond_with_data(
        (WEB / "index.html").read_bytes(), content_type="text/html")
    mirror.expect_request("/reports/2024/china-lac-security.pdf").respond_with_data(
        article("China and Latin American security cooperation", FILLER, FILLER),
        content_type="application/pdf")  # a .pdf link that serves HTML
    reg = registry(tmp_path, {"name": "think-tank", "kind": "index", "limit": 1,
                              "url": mirror.url_for("/reports/"),
                              "link_pattern": r"/reports/2024/.+\.pdf$"})
    assert refresh(db_path, reg, config).exit_code == 0
    assert rows(db_path, "SELECT content_type, title, status FROM documents") == [
        ("text/html", "China and Latin American security cooperation", "ok")]


def test_failing_sources_are_listed_per_source_and_do_not_stop_the_run(mirror, tmp_path, db_path,
                                                                       config):
    mirror.expect_request("/ok").respond_with_data(article("Fine", FILLER, FILLER),
                                                   content_type="text/html")
    mirror.expect_request("/feed").respond_with_data("<html><p>not a feed</p></html>")
    reg = registry(tmp_path,
                   {"name": "dead-host", "kind": "url", "url": "http://127.0.0.1:9/news"},
                   {"name": "gone", "kind": "url", "url": mirror.url_for("/missing")},
                   {"name": "bad-feed", "kind": "feed", "url": mirror.url_for("/feed")},
                   {"name": "fine", "kind": "url", "url": mirror.url_for("/ok")})
    result = refresh(db_path, reg, config)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "Run 1: 1 documents processed (1 with text, 0 empty, 0 unchanged), 3 failed."
    assert lines[1] == "Failures in 3 source(s):"
    assert sorted(lines[2:5]) == [
        f"  bad-feed: {mirror.url_for('/feed')}: not_a_listing: feed: no feed entries found",
        "  dead-host: http://127.0.0.1:9/news: connection: robots.txt unreachable: "
        "ConnectError: [Errno 111] Connection refused",
        f"  gone: {mirror.url_for('/missing')}: http_status: HTTP 404",
    ]


def test_a_url_ingested_twice_is_fetched_conditionally(mirror, tmp_path, db_path, config):
    mirror.expect_request("/p", headers={"If-None-Match": '"v1"'}).respond_with_data(
        "", status=304)
    mirror.expect_request("/p").respond_with_data(VISIT, content_type="text/html",
                                                  headers={"ETag": '"v1"'})
    args = ("ingest", mirror.url_for("/p"), "--db", str(db_path), "--config", str(config),
            "--quiet", "--allow-private")
    assert cli_run(*args).exit_code == 0
    again = cli_run(*args)
    assert again.exit_code == 0
    assert again.output.startswith(
        "Run 2: 1 documents processed (0 with text, 0 empty, 1 unchanged), 0 failed.")
    assert [req.headers.get("If-None-Match") for req, _ in mirror.log if req.path == "/p"] == [
        None, '"v1"']


def test_private_addresses_need_the_switch(mirror, tmp_path, db_path, config):
    reg = registry(tmp_path, {"name": "local", "kind": "url", "url": mirror.url_for("/p")})
    result = cli_run("refresh", "--sources", str(reg), "--db", str(db_path), "--config",
                     str(config), "--quiet")
    assert result.exit_code == 0
    assert "local: http://localhost:" in result.output
    assert "private_address: robots.txt unreachable: localhost resolves to non-public address" \
        in result.output
    assert mirror.log == []


def test_an_invalid_registry_is_the_only_nonzero_exit(tmp_path, db_path, config):
    reg = registry(tmp_path, {"name": "x", "kind": "feed"})
    result = CliRunner().invoke(cli, ["refresh", "--sources", str(reg), "--db", str(db_path)])
    assert result.exit_code == 2
    assert result.output.splitlines()[0] == (
        f"Error: {reg}: entry 1 (x): kind feed needs an http(s) 'url'")


# ---------------------------------------------------------------- hostile links (issue 14)

def rss(*items):
    """An RSS feed of (title, link) items, dated one day apart, newest first."""
    entries = "".join(
        f"<item><title>{title}</title><link>{link}</link>"
        f"<pubDate>{28 - n:02d} Jul 2024 09:00:00 +0000</pubDate></item>"
        for n, (title, link) in enumerate(items))
    return (f"<?xml version='1.0'?><rss version='2.0'><channel><title>t</title>{entries}"
            "</channel></rss>")


def test_a_link_or_redirect_httpx_cannot_parse_fails_alone_and_the_rest_is_fetched(
        mirror, tmp_path, db_path, config):
    base = mirror.url_for("").rstrip("/")
    mirror.expect_request("/feed.xml").respond_with_data(rss(
        ("First visit", f"{base}/news/first.html"),
        ("Octal host", "http://0177.0.0.1/news/x.html"),
        ("Script redirect", f"{base}/go/script"),
        ("Data redirect", f"{base}/go/data"),
        ("Last visit", f"{base}/news/last.html")), content_type="application/rss+xml")
    mirror.expect_request("/go/script").respond_with_data(
        "", status=302, headers={"Location": "javascript:alert(1)"})
    mirror.expect_request("/go/data").respond_with_data(
        "", status=302, headers={"Location": "data:text/html,<p>hi</p>"})
    for name in ("first", "last"):
        mirror.expect_request(f"/news/{name}.html").respond_with_data(
            article(f"The {name} visit", FILLER, FILLER), content_type="text/html")
    mirror.expect_request("/reports/").respond_with_data(
        "<html><body><a href='/reports/one.html'>One</a>"
        "<a href='http://[::1/reports/broken.html'>Broken</a>"
        "<a href='/reports/two.html'>Two</a></body></html>", content_type="text/html")
    for name in ("one", "two"):
        mirror.expect_request(f"/reports/{name}.html").respond_with_data(
            article(f"Report {name}", FILLER, FILLER), content_type="text/html")
    reg = registry(tmp_path,
                   {"name": "feed", "kind": "feed", "url": f"{base}/feed.xml"},
                   {"name": "reports", "kind": "index", "url": f"{base}/reports/",
                    "link_pattern": r"/reports/\w+\.html$"})

    result = refresh(db_path, reg, config)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == ("Run 1: 4 documents processed (4 with text, 0 empty, 0 unchanged), "
                        "4 failed."), result.output
    assert lines[1:4] == ["Failures in 2 source(s):", "  feed: 3 failed",
                          "    http://0177.0.0.1/news/x.html: invalid_url: not a URL that can be "
                          "fetched (Invalid IPv4 address: '0177.0.0.1')"]
    assert rows(db_path, "SELECT url, error FROM fetches WHERE error_class = 'invalid_url' "
                         "ORDER BY url") == [
        ("http://0177.0.0.1/news/x.html",
         "not a URL that can be fetched (Invalid IPv4 address: '0177.0.0.1')"),
        ("http://[::1/reports/broken.html", "not a URL that can be fetched (Invalid port: ':1')"),
        (f"{base}/go/data",
         "redirect to a URL that cannot be parsed (For absolute URLs, path must be empty or "
         "begin with '/')"),
        (f"{base}/go/script",
         "redirect to a URL that cannot be parsed (For absolute URLs, path must be empty or "
         "begin with '/')"),
    ]
    assert "internal" not in result.output
    assert rows(db_path, "SELECT url FROM documents ORDER BY url") == [
        (f"{base}/news/first.html",), (f"{base}/news/last.html",),
        (f"{base}/reports/one.html",), (f"{base}/reports/two.html",)]


def test_ingest_of_an_unparseable_url_is_one_line_not_a_traceback(tmp_path, db_path, config):
    result = CliRunner().invoke(cli, ["ingest", "http://0177.0.0.1/", "http://[::1/x", "--db",
                                      str(db_path), "--config", str(config), "--quiet"])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.output.splitlines()[:4] == [
        "Run 1: 0 documents processed (0 with text, 0 empty, 0 unchanged), 2 failed.",
        "Failures in 2 source(s):",
        "  cli-1: http://0177.0.0.1/: invalid_url: not a URL that can be fetched "
        "(Invalid IPv4 address: '0177.0.0.1')",
        "  cli-2: http://[::1/x: invalid_url: not a URL that can be fetched (Invalid port: ':1')",
    ]


def test_allow_private_on_a_source_covers_its_own_host_only(mirror, tmp_path, db_path):
    base = mirror.url_for("").rstrip("/")  # http://localhost:PORT
    other_name = base.replace("localhost", "127.0.0.1")  # the same server under another host
    mirror.expect_request("/feed.xml").respond_with_data(rss(
        ("Own host", f"{base}/news/own.html"),
        ("Internal network", "http://10.0.0.1/news/x.html"),
        ("Cloud metadata", "http://169.254.169.254/latest/meta-data/"),
        ("Same machine, other host name", f"{other_name}/news/other.html"),
        ("Redirect inside", f"{base}/go/inside")), content_type="application/rss+xml")
    mirror.expect_request("/go/inside").respond_with_data(
        "", status=302, headers={"Location": f"{other_name}/news/other.html"})
    for name in ("own", "other"):
        mirror.expect_request(f"/news/{name}.html").respond_with_data(
            article(f"The {name} page", FILLER, FILLER), content_type="text/html")
    reg = registry(tmp_path, {"name": "mirror", "kind": "feed", "url": f"{base}/feed.xml",
                              "allow_private": True})
    config = tmp_path / "fast.yaml"  # so that a connection that should not be tried fails fast
    config.write_text(yaml.safe_dump({"cache_dir": str(tmp_path / "cache"), "rate_limit": 1000.0,
                                      "retries": 0, "timeout_connect": 0.5}))
    result = cli_run("refresh", "--sources", str(reg), "--db", str(db_path), "--config",
                     str(config), "--quiet")
    assert result.exit_code == 0, result.output
    assert rows(db_path, "SELECT url, error_class FROM fetches WHERE role = 'document' "
                         "ORDER BY url") == [
        ("http://10.0.0.1/news/x.html", "private_address"),
        (f"{other_name}/news/other.html", "private_address"),
        ("http://169.254.169.254/latest/meta-data/", "private_address"),
        (f"{base}/go/inside", "private_address"),
        (f"{base}/news/own.html", None),
    ]
    assert "/news/other.html" not in requested(mirror)
    assert rows(db_path, "SELECT url FROM documents") == [(f"{base}/news/own.html",)]


def test_a_sitemap_not_modified_is_read_again_from_the_kept_bytes(mirror, tmp_path, db_path,
                                                                  config):
    base = mirror.url_for("").rstrip("/")
    urls = "".join(f"<url><loc>{base}/notes/{n}.html</loc></url>" for n in range(40))
    mirror.expect_request("/map.xml", headers={"If-None-Match": '"m1"'}).respond_with_data(
        "", status=304)
    mirror.expect_request("/map.xml").respond_with_data(
        f"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{urls}</urlset>",
        content_type="application/xml", headers={"ETag": '"m1"'})
    for n in range(3):
        mirror.expect_request(f"/notes/{n}.html").respond_with_data(
            article(f"Note {n}", FILLER, FILLER), content_type="text/html")
    reg = registry(tmp_path, {"name": "notes", "kind": "sitemap", "limit": 3,
                              "url": f"{base}/map.xml"})
    assert refresh(db_path, reg, config).output.startswith(
        "Run 1: 3 documents processed (3 with text, 0 empty, 0 unchanged), 0 failed.\n")
    second = refresh(db_path, reg, config)
    assert second.output.startswith(
        "Run 2: 3 documents processed (0 with text, 0 empty, 3 unchanged), 0 failed.\n")
    assert rows(db_path, "SELECT status, not_modified FROM fetches WHERE role = 'listing' "
                         "ORDER BY id") == [(200, 0), (304, 1)]
