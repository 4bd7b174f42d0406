"""Discovery: article links from feeds, sitemaps and index pages (bytes in, links out).

No network here: ``pipeline.fetch`` retrieves the listing and hands its bytes over.

- ``feed_links``: RSS/Atom entries (feedparser), with title, summary and date.
- ``sitemap_links``: ``<urlset>`` pages and ``<sitemapindex>`` children, gzip or not, with
  ``lastmod`` / ``news:publication_date`` dates (lxml, entities and network off).
- ``index_links``: the ``<a href>`` of a listing page whose absolute URL matches a regex.
- ``select``: keyword filter, ``since`` filter, newest first, deduplicated by
  ``normalise_url``, cut at the source's limit.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date
from typing import NamedTuple
from urllib.parse import urldefrag, urljoin, urlsplit

from courlan import normalize_url

from pipeline.compression import InflateError, gunzip


class Link(NamedTuple):
    url: str
    date: str | None = None  # YYYY-MM-DD (or YYYY-MM) when the listing gives one
    title: str = ""
    summary: str = ""


class NotAListing(Exception):
    "The bytes are not the feed or sitemap the registry promised"


def normalise_url(url: str) -> str:
    """Scheme and host lower-cased, default port, fragment and tracking parameters dropped.

    A string that is not a URL comes back stripped (its fetch fails as ``invalid_url``)."""
    try:
        return urldefrag(normalize_url(url.strip()))[0]
    except (ValueError, AttributeError):
        try:
            return urldefrag(url.strip())[0]
        except ValueError:
            return url.strip()


def absolute(base_url: str, href: str) -> str:
    """``href`` resolved against the listing's URL; as it is when it cannot be parsed."""
    try:
        return urljoin(base_url, href.strip())
    except ValueError:
        return href.strip()


def _scheme(url: str) -> str:
    try:
        return urlsplit(url).scheme
    except ValueError:
        return url.split(":", 1)[0].lower()


def _path(url: str) -> str:
    try:
        return urlsplit(url).path
    except ValueError:
        return url


# ---------------------------------------------------------------- feeds

def feed_links(body: bytes, base_url: str) -> list[Link]:
    import feedparser

    parsed = feedparser.parse(body, response_headers={"content-location": base_url,
                                                      "content-type": "application/xml"})
    if not parsed.entries:
        raise NotAListing("no feed entries found")
    links = []
    for entry in parsed.entries:
        href = entry.get("link") or next(
            (lk.get("href") for lk in entry.get("links", []) if lk.get("href")), None)
        if not href:
            continue
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        links.append(Link(
            url=absolute(base_url, href), title=_plain(entry.get("title", "")),
            summary=_plain(entry.get("summary", "")),
            date=date(*when[:3]).isoformat() if when else None))
    return links


# ---------------------------------------------------------------- sitemaps

def sitemap_links(body: bytes, base_url: str, max_bytes: int) -> tuple[list[Link], list[Link]]:
    """(pages, child sitemaps) of one sitemap or sitemap index."""
    from lxml import etree

    try:
        body = gunzip(body, max_bytes)
    except InflateError as e:
        raise NotAListing(f"gzip sitemap {e}") from None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                             recover=True)
    try:
        root = etree.fromstring(body.lstrip(), parser=parser)
    except etree.XMLSyntaxError as e:
        raise NotAListing(f"not a sitemap ({e})") from None
    if root is None:
        raise NotAListing("not a sitemap (no XML found)")
    kind = etree.QName(root).localname
    if kind not in ("urlset", "sitemapindex"):
        raise NotAListing(f"not a sitemap (root element <{kind}>)")
    items = []
    for item in root.iterfind("{*}url" if kind == "urlset" else "{*}sitemap"):
        loc = _text(item, "{*}loc")
        if not loc:
            continue
        when = _text(item, "{*}news/{*}publication_date") or _text(item, "{*}lastmod")
        items.append(Link(url=absolute(base_url, loc), date=_iso_date(when),
                          title=_text(item, "{*}news/{*}title")))
    return (items, []) if kind == "urlset" else ([], items)


def _text(element, path: str) -> str:
    found = element.find(path)
    return (found.text or "").strip() if found is not None else ""


def _iso_date(value: str) -> str | None:
    m = re.match(r"(\d{4})-(\d{2})(?:-(\d{2}))?", value or "")
    if not m:
        return None
    return f"{m[1]}-{m[2]}-{m[3]}" if m[3] else f"{m[1]}-{m[2]}"


# ---------------------------------------------------------------- index pages

def index_links(body: bytes, base_url: str, pattern: str) -> list[Link]:
    import lxml.html
    from lxml.etree import ParserError

    try:
        page = lxml.html.document_fromstring(body, base_url=base_url)
    except (ParserError, ValueError) as e:
        raise NotAListing(f"not an HTML page ({e})") from None
    regex = re.compile(pattern)
    links = []
    for a in page.iter("a"):
        href = a.get("href")
        if not href:
            continue
        url = absolute(base_url, href)
        if _scheme(url) in ("http", "https") and regex.search(url):
            links.append(Link(url=url, title=_plain(a.text_content())))
    return links


# ---------------------------------------------------------------- selection

def select(links: Iterable[Link], *, keywords: Iterable[str] = (), since: str | None = None,
           limit: int | None = None) -> list[Link]:
    """Matching links, newest first (undated last, listing order kept), deduplicated."""
    words = [re.compile(r"\b" + re.escape(_fold(k))) for k in keywords]
    chosen: dict[str, Link] = {}
    for link in links:
        url = normalise_url(link.url)
        if url in chosen:
            continue
        if since and link.date and link.date < since[: len(link.date)]:
            continue
        if words:
            haystack = _fold(" ".join((link.title, link.summary, _path(url))))
            if not any(w.search(haystack) for w in words):
                continue
        chosen[url] = link._replace(url=url)
    ordered = sorted(chosen.values(), key=lambda lk: lk.date or "", reverse=True)
    return ordered[:limit] if limit else ordered


def _fold(text: str) -> str:
    """Lower case without accents, so 'defensa' matches 'DEFENSA' and 'defesa' 'Defesa'."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text or "")).strip()
