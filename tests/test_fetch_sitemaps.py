"""Sitemaps at scale (issue 14, item 11): read as they download, cut while read.

A local server writes sitemaps entry by entry, as long as the client keeps reading, and
counts what it wrote; the figures for 500,000 URLs are in scripts/bench_sitemap.py. Here the
checks are on bytes and memory, never on time: an undated sitemap is read no further than
its first ``limit`` entries, and reading an index of several large children costs no more
memory than reading one.
"""

from __future__ import annotations

import random
import tracemalloc

import pytest
from localserver import LocalServer

from pipeline.discover import Link, Picker, SitemapReader, select
from pipeline.fetch import fetch
from pipeline.records import Source
from pipeline.settings import Settings

NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
ENTRIES = 5_000  # per child sitemap in the memory check (tracemalloc makes each one slow)


def entry(n: int, dated: bool) -> str:
    day = f"<lastmod>2019-{1 + n % 12:02d}-{1 + n % 28:02d}</lastmod>" if dated else ""
    return f"<url><loc>/archive/{n}/notice.html</loc>{day}</url>\n"


def sitemap_server(big: int = 0, children: int = 0, entries: int = 0) -> LocalServer:
    """``/big.xml``: an undated sitemap written as long as it is read, up to ``big`` bytes;
    ``/index.xml``: an index of ``children`` sitemaps of ``entries`` dated entries each;
    ``/archive/N/notice.html``: a small page."""

    def route(path: str):
        if path.startswith("/archive/"):
            return "text/html", [b"<html><body><p>A notice.</p></body></html>"], None
        if path == "/big.xml":
            return "application/xml", undated(big), None
        if path == "/index.xml":
            return "application/xml", [
                f"<sitemapindex xmlns='{NS}'>".encode()
                + b"".join(f"<sitemap><loc>/child-{k}.xml</loc><lastmod>2024-01-"
                           f"{10 + k:02d}</lastmod></sitemap>".encode()
                           for k in range(children)) + b"</sitemapindex>"], None
        if path.startswith("/child-"):
            return "application/xml", dated(entries), None
        return None

    return LocalServer(route)


def undated(limit: int):
    yield f"<?xml version='1.0'?><urlset xmlns='{NS}'>".encode()
    n, total = 0, 0
    while total < limit:
        chunk = "".join(entry(i, False) for i in range(n, n + 500)).encode()
        n, total = n + 500, total + len(chunk)
        yield chunk
    yield b"</urlset>"


def dated(count: int):
    yield f"<?xml version='1.0'?><urlset xmlns='{NS}'>".encode()
    for start in range(0, count, 500):
        yield "".join(entry(i, True) for i in range(start, min(count, start + 500))).encode()
    yield b"</urlset>"


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(cache_dir=str(tmp_path / "cache"), rate_limit=1000.0, retries=0,
                    max_bytes=20_000_000)


def test_an_undated_sitemap_is_read_no_further_than_its_first_limit_entries(settings):
    server = sitemap_server(big=200_000_000)  # far more than max_bytes: must not be read
    try:
        source = Source(name="big", kind="sitemap", location=server.url + "/big.xml", limit=5,
                        allow_private=True)
        rows = list(fetch(source, settings))
    finally:
        server.close()
    documents = [r.url for r in rows if r.role == "document"]
    assert documents == [f"{server.url}/archive/{n}/notice.html" for n in range(5)]
    (listing,) = [r for r in rows if r.role == "listing"]
    assert (listing.status, listing.error_class) == (200, None)
    # what the server wrote before we hung up: kernel buffers, a chunk; not 20 MB, not 200 MB
    assert server.sent["/big.xml"] < 8_000_000, server.sent


def peak_reading(settings, children: int, entries: int) -> tuple[int, list[tuple], int]:
    """Peak memory of reading the index; (role, file, status, error class) per row (the rows
    themselves, with their bodies, are let go as the pipeline lets them go); bytes of one
    child."""
    server = sitemap_server(children=children, entries=entries)
    try:
        source = Source(name="index", kind="sitemap", location=server.url + "/index.xml",
                        limit=5, keywords=("defensa",), allow_private=True)
        tracemalloc.start()
        try:
            rows = [(r.role, r.url.rsplit("/", 1)[-1], r.status, r.error_class)
                    for r in fetch(source, settings)]
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    finally:
        server.close()
    return peak, rows, server.sent.get("/child-0.xml", 0)


def test_an_index_of_large_children_is_read_in_memory_of_one_child(settings):
    # no entry matches the keyword, so every child is read to its end
    peak_reading(settings, children=1, entries=10)  # one-time costs (imports, caches) first
    one, rows, size = peak_reading(settings, children=1, entries=ENTRIES)
    four, rows, _ = peak_reading(settings, children=4, entries=ENTRIES)
    assert rows == [("robots", "robots.txt", 404, "http_status"),
                    ("listing", "index.xml", 200, None)] + [
        ("listing", f"child-{k}.xml", 200, None) for k in (3, 2, 1, 0)]  # newest child first
    print(f"peak traced memory: one child {one:,} B, four children {four:,} B; "
          f"a child is {size:,} B")
    # Three more children add about one child's bytes (the row of the last one read may
    # still be held while the next downloads), not their entries: each is dropped once read,
    # and only the kept links stay. tracemalloc also counts the in-process test server's
    # buffers, which vary with thread timing (1.9 to 2.3 children's bytes measured on a busy
    # machine), so the bound is three children: holding every child would add their three
    # bodies and, parsed, several times that.
    assert four - one < 3 * size, (one, four, size)


# ---------------------------------------------------------------- choosing while reading

def reference(links, since, limit):
    """The plain way: for each URL its newest date, filtered, sorted, cut."""
    best: dict[str, tuple[str, int]] = {}
    for order, link in enumerate(links):
        if since and link.date and link.date < since[: len(link.date)]:
            continue
        rank = (link.date or "", -order)
        if link.url not in best or rank > best[link.url]:
            best[link.url] = rank
    ordered = sorted(best.items(), key=lambda item: item[1], reverse=True)
    return [(url, rank[0] or None) for url, rank in ordered][:limit]


@pytest.mark.parametrize("seed", range(5))
def test_picker_keeps_the_newest_limit_links_as_sorting_everything_would(seed):
    rnd = random.Random(seed)
    links = [Link(f"http://a.test/{rnd.randrange(300)}",
                  rnd.choice([None, f"2024-{rnd.randrange(1, 13):02d}-{rnd.randrange(1, 29):02d}",
                              f"2023-{rnd.randrange(1, 13):02d}"]))
             for _ in range(2000)]
    for since, limit in ((None, 7), ("2024-06-01", 25), (None, None), ("2023-05", 1)):
        picker = Picker(since=since, limit=limit)
        for link in links:
            picker.add(link)
        assert [(lk.url, lk.date) for lk in picker.links()] == reference(links, since, limit)
        assert [(lk.url, lk.date) for lk in select(links, since=since, limit=limit)] == \
            reference(links, since, limit)


def test_a_sitemap_read_in_one_byte_pieces_gives_what_it_gives_whole():
    body = (f"<?xml version='1.0'?>\n<urlset xmlns='{NS}' "
            "xmlns:news='http://www.google.com/schemas/sitemap-news/0.9'>"
            "<url><loc>/a.html</loc><lastmod>2024-03-02</lastmod></url>"
            "<url><loc>/b.html</loc><news:news><news:publication_date>2024-05-01"
            "</news:publication_date><news:title>Naval visit</news:title></news:news></url>"
            "<url><loc>/c.html</loc></url></urlset>").encode()
    whole = SitemapReader("http://s.test/map.xml", 10_000)
    whole.feed(body)
    whole.finish()
    pieces = SitemapReader("http://s.test/map.xml", 10_000)
    for i in range(len(body)):
        pieces.feed(body[i:i + 1])
    pieces.finish()
    assert whole.pages.links() == pieces.pages.links() == [
        Link("http://s.test/b.html", "2024-05-01", "Naval visit"),
        Link("http://s.test/a.html", "2024-03-02"), Link("http://s.test/c.html")]
