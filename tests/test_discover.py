import gzip

import pytest
from conftest import FIXTURES

from pipeline.discover import (
    Link,
    NotAListing,
    feed_links,
    index_links,
    normalise_url,
    select,
    sitemap_links,
)

WEB = FIXTURES / "web"


@pytest.mark.parametrize("url, expected", [
    ("HTTPS://Eng.MOD.gov.CN:443/News/a.html?utm_source=x&id=3#frag",
     "https://eng.mod.gov.cn/News/a.html?id=3"),
    ("http://example.org/a?b=2&a=1&fbclid=XYZ&gclid=1", "http://example.org/a?a=1&b=2"),
    ("http://example.org:80/news/", "http://example.org/news/"),
])
def test_normalise_url_lowers_scheme_and_host_and_drops_trackers(url, expected):
    assert normalise_url(url) == expected


def test_rss_items_become_links_with_dates_titles_and_summaries():
    links = feed_links((WEB / "feed.xml").read_bytes(), "http://mirror.test/feed.xml")
    assert [(lk.url, lk.date) for lk in links] == [
        ("http://mirror.test/news/2024/ship-visit.html?utm_source=rss&utm_medium=feed",
         "2024-07-08"),
        ("http://mirror.test/news/2024/delegacion.html", "2024-07-02"),
        ("http://mirror.test/news/2024/festival.html", "2024-06-15"),
        ("http://MIRROR.TEST/news/2024/ship-visit.html#top", "2024-07-08"),
    ]
    assert (links[1].title, links[1].summary) == (
        "Ministerio de Defensa recibe delegación", "Reunión de cooperación en defensa.")


def test_atom_entries_are_read_too():
    (link,) = feed_links((WEB / "atom.xml").read_bytes(), "http://mirror.test/atom.xml")
    assert link == Link("http://mirror.test/noticias/adidos", "2024-05-03",
                        "Exército recebe adidos militares", "Encontro com adidos de defesa.")


def test_html_is_not_a_feed():
    with pytest.raises(NotAListing, match="no feed entries found"):
        feed_links((WEB / "index.html").read_bytes(), "http://mirror.test/feed")


def test_sitemap_index_lists_children_and_urlset_lists_pages_gzipped_or_not():
    pages, children = sitemap_links((WEB / "sitemap-index.xml").read_bytes(),
                                    "http://mirror.test/sitemap.xml", 1_000_000)
    assert (pages, [(c.url, c.date) for c in children]) == ([], [
        ("http://mirror.test/sitemap-2024.xml.gz", "2024-07-10"),
        ("http://mirror.test/sitemap-2019.xml", "2019-12-31")])
    body = gzip.compress((WEB / "sitemap-2024.xml").read_bytes())
    pages, children = sitemap_links(body, "http://mirror.test/sitemap-2024.xml.gz", 1_000_000)
    assert children == []
    assert pages == [
        Link("http://mirror.test/news/2024/defense-talks.html", "2024-07-09"),
        Link("http://mirror.test/news/2024/exercise.html", "2024-06-20", "Joint exercise ends"),
        Link("http://mirror.test/about.html"),
    ]


def test_sitemap_gzip_bomb_and_non_sitemaps_are_refused():
    bomb = gzip.compress(b"<urlset>" + b" " * 2_000_000)
    with pytest.raises(NotAListing, match="inflates past the 1,000,000-byte limit"):
        sitemap_links(bomb, "http://mirror.test/s.xml.gz", 1_000_000)
    with pytest.raises(NotAListing, match=r"root element <html>"):
        sitemap_links(b"<html><body>hi</body></html>", "http://mirror.test/s.xml", 1000)


def test_sitemap_entities_are_not_expanded():
    evil = (b'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            b"<url><loc>http://mirror.test/&x;</loc></url></urlset>")
    pages, _ = sitemap_links(evil, "http://mirror.test/s.xml", 10_000)
    assert [p.url for p in pages] == ["http://mirror.test/"]


def test_index_page_links_matching_the_pattern_are_made_absolute():
    links = index_links((WEB / "index.html").read_bytes(), "http://mirror.test/reports/",
                        r"/reports/\d{4}/.+\.pdf")
    assert [(lk.url, lk.title) for lk in links] == [
        ("http://mirror.test/reports/2024/china-lac-security.pdf",
         "China and Latin American security cooperation"),
        ("http://mirror.test/reports/reports/2023/training-courses.pdf",
         "Military training courses, 2023"),
        ("http://mirror.test/reports/2024/china-lac-security.pdf?ref=home",
         "Same report, tracked link"),
    ]


def test_select_deduplicates_filters_by_keyword_and_date_and_keeps_the_newest():
    links = feed_links((WEB / "feed.xml").read_bytes(), "http://mirror.test/feed.xml")
    assert [lk.url for lk in select(links)] == [
        "http://mirror.test/news/2024/ship-visit.html",
        "http://mirror.test/news/2024/delegacion.html",
        "http://mirror.test/news/2024/festival.html",
    ]
    # keywords match word starts, in title, summary or URL path, ignoring case and accents
    assert [lk.url for lk in select(links, keywords=["naval", "DEFENSA"])] == [
        "http://mirror.test/news/2024/ship-visit.html",
        "http://mirror.test/news/2024/delegacion.html",
    ]
    assert [lk.url for lk in select(links, keywords=["delegacion"])] == [
        "http://mirror.test/news/2024/delegacion.html"]
    assert [lk.url for lk in select(links, since="2024-07-01", limit=1)] == [
        "http://mirror.test/news/2024/ship-visit.html"]
    assert select([Link("http://a.test/x")], since="2030-01-01") == [Link("http://a.test/x")]


def test_a_process_forked_while_a_listing_is_parsed_can_parse_pages():
    # (the worker pool forks while fetch threads still read index pages and sitemaps: a
    # worker forked in the middle of an lxml parse inherited libxml2's held mutex and hung
    # at its first page until the document's time limit)
    import os
    import signal
    import threading

    import lxml.html

    page = ("<html><body>" + "".join(f"<p>Item {i} <a href='/reports/r{i}.html'>r{i}</a></p>"
                                     for i in range(20_000)) + "</body></html>").encode()
    done = threading.Event()

    def read_listings():
        while not done.is_set():
            index_links(page, "http://example.org/", r"/reports/")

    reader = threading.Thread(target=read_listings, daemon=True)
    reader.start()
    hung = 0
    try:
        for _ in range(5):
            pid = os.fork()
            if pid == 0:  # a worker: its first parse must finish (killed at 20 s if it hangs)
                signal.alarm(20)
                lxml.html.document_fromstring(b"<html><body><p>A page.</p></body></html>")
                os._exit(0)
            _, status = os.waitpid(pid, 0)
            hung += os.WIFSIGNALED(status)
    finally:
        done.set()
        reader.join()
    assert hung == 0
