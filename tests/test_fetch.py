import hashlib
from pathlib import Path

from conftest import ROOT

from pipeline import sources
from pipeline.fetch import cached, fetch, fetch_file, fetch_url
from pipeline.records import Source


def test_local_file_bytes_are_kept_under_their_sha256(tmp_path, settings):
    path = tmp_path / "a.html"
    path.write_bytes(b"<p>hello</p>")
    fetched = fetch_file(path, settings)
    sha = hashlib.sha256(b"<p>hello</p>").hexdigest()
    assert (fetched.sha256, fetched.url, fetched.error) == (sha, path.as_uri(), None)
    assert (Path(settings.cache_dir) / sha[:2] / sha).read_bytes() == b"<p>hello</p>"
    assert cached(sha, settings) == b"<p>hello</p>"


def test_missing_and_oversized_files_are_failures_not_exceptions(tmp_path, settings):
    missing = fetch_file(tmp_path / "nope.pdf", settings)
    assert (missing.error_class, missing.body) == ("not_found", b"")
    big = tmp_path / "big.html"
    big.write_bytes(b"x" * 101)
    small = settings.__class__(cache_dir=settings.cache_dir, max_bytes=100)
    assert fetch_file(big, small).error_class == "too_large"


def test_directory_source_yields_one_fetch_per_document(tmp_path, settings):
    (tmp_path / "a.txt").write_text("one")
    (tmp_path / "b.txt").write_text("two")
    src = Source(name="d", kind="directory", location=str(tmp_path))
    assert [f.body for f in fetch(src, settings)] == [b"one", b"two"]


def test_http_get_keeps_body_and_headers(httpserver, settings):
    httpserver.no_handler_status_code = 404
    httpserver.expect_request("/page").respond_with_data(
        "<html><p>hi</p></html>", content_type="text/html", headers={"ETag": '"v1"'})
    fetched = fetch_url(httpserver.url_for("/page"), settings, allow_private=True)
    assert (fetched.status, fetched.body, fetched.etag) == (200, b"<html><p>hi</p></html>", '"v1"')
    assert fetched.content_type.startswith("text/html")
    assert cached(fetched.sha256, settings) == b"<html><p>hi</p></html>"


def test_http_errors_and_oversized_bodies_are_recorded(httpserver, settings):
    httpserver.no_handler_status_code = 404
    httpserver.expect_request("/gone").respond_with_data("no", status=404)
    httpserver.expect_request("/big").respond_with_data("x" * 5000)
    small = settings.__class__(cache_dir=settings.cache_dir, max_bytes=1000, rate_limit=100.0)
    gone = fetch_url(httpserver.url_for("/gone"), small, allow_private=True)
    big = fetch_url(httpserver.url_for("/big"), small, allow_private=True)
    assert (gone.status, gone.error_class, gone.error) == (404, "http_status", "HTTP 404")
    assert (big.error_class, big.body) == ("too_large", b"")


def test_url_source_yields_one_document_row_after_robots(httpserver, settings):
    httpserver.no_handler_status_code = 404
    httpserver.expect_request("/page").respond_with_data("<p>hi</p>")
    src = Source(name="u", kind="url", location=httpserver.url_for("/page"), allow_private=True)
    rows = list(fetch(src, settings))
    assert [(r.role, r.status, r.source) for r in rows] == [
        ("robots", 404, "u"), ("document", 200, "u")]


def test_the_default_registry_is_valid_and_covers_the_field():
    entries = sources.load(ROOT / "sources" / "default.yaml")
    assert len(entries) >= 12
    assert {s.kind for s in entries} <= {"url", "feed", "sitemap", "index"}
    assert {s.language for s in entries} == {"en", "es", "pt"}
    assert all(s.limit for s in entries)
    assert not any(s.allow_private for s in entries)
