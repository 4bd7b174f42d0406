"""Discovery: article links from feeds, sitemaps and index pages (bytes in, links out).

No network here: ``pipeline.fetch`` retrieves the listing and hands its bytes over.

- ``feed_links``: RSS/Atom entries (feedparser), with title, summary and date.
- ``SitemapReader``: ``<urlset>`` pages and ``<sitemapindex>`` children, gzip or not, with
  ``lastmod`` / ``news:publication_date`` dates, parsed as the bytes arrive (lxml pull
  parser, entities and network off; no tree is kept); ``sitemap_links`` for a whole body.
- ``index_links``: the ``<a href>`` of a listing page whose absolute URL matches a regex.
- ``Picker``: keyword filter, ``since`` filter, newest first, deduplicated by
  ``normalise_url``, cut at the source's limit while links arrive, so a listing of millions
  of URLs costs memory for ``limit`` links (``select`` for a list).
"""

from __future__ import annotations

import functools
import heapq
import os
import re
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Any, NamedTuple, TypeVar
from urllib.parse import urldefrag, urljoin, urlsplit

from courlan import normalize_url

from pipeline.compression import Gunzip, InflateError

# libxml2 (lxml) holds mutexes of its own while it parses. The worker pool forks its
# processes when the first document is ready, while fetch threads may still be parsing
# sitemaps and index pages here: a worker forked in that moment inherits a held mutex and
# hangs at its first parse of a page, until the document's time limit ("timeout:
# extraction stopped after 120 s" on a page that takes a second). Every parse in this
# module holds PARSING, and a fork waits for it (os.register_at_fork), so no process is
# ever forked in the middle of one.
PARSING = threading.RLock()
os.register_at_fork(before=PARSING.acquire, after_in_parent=PARSING.release,
                    after_in_child=PARSING.release)
_F = TypeVar("_F", bound=Callable[..., Any])


def _parsing(function: _F) -> _F:
    """``function`` run holding ``PARSING``."""
    @functools.wraps(function)
    def held(*args: Any, **kwargs: Any) -> Any:
        with PARSING:
            return function(*args, **kwargs)
    return held  # type: ignore[return-value]


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
    href = href.strip()
    if href.startswith(("http://", "https://")):
        return href  # already absolute (sitemaps must say so): no parse for each of millions
    try:
        return urljoin(base_url, href)
    except ValueError:
        return href.strip()


def _scheme(url: str) -> str:
    try:
        return urlsplit(url).scheme
    except ValueError:
        return url.split(":", 1)[0].lower()


def _path(url: str) -> str:
    """The path of a URL (what keywords are searched in), without parsing the rest."""
    rest = url.partition("://")[2] or url
    slash = rest.find("/")
    return "" if slash < 0 else rest[slash:].partition("?")[0].partition("#")[0]


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

class SitemapReader:
    """One sitemap or sitemap index, parsed as its bytes arrive (gzip or not).

    Entries go straight into two pickers, ``pages`` (of a ``<urlset>``) and ``children``
    (of a ``<sitemapindex>``), and each element is dropped once read, so memory stays that
    of the kept links whatever the length of the sitemap. ``reset(base_url)`` starts over
    (a retried download). ``feed(bytes)`` returns True when reading can stop: the bytes are
    not a sitemap, or ``limit`` entries are in hand and none so far had a date (an undated
    sitemap has only its order to go by, so later entries cannot outrank them). ``finish()``
    raises ``NotAListing`` for what is not a sitemap."""

    def __init__(self, base_url: str, max_bytes: int, *, keywords: Iterable[str] = (),
                 since: str | None = None, limit: int | None = None,
                 max_children: int | None = None):
        self.max_bytes = max_bytes
        self._options = (tuple(keywords), since, limit, max_children)
        self.reset(base_url)

    @_parsing
    def reset(self, base_url: str) -> None:
        from lxml import etree

        keywords, since, limit, max_children = self._options
        self.base_url = base_url
        self.pages = Picker(keywords=keywords, since=since, limit=limit)
        self.children = Picker(since=since, limit=max_children)
        self.kind: str | None = None  # urlset | sitemapindex, from the root element
        self.error: NotAListing | None = None
        options = {"resolve_entities": False, "no_network": True, "huge_tree": False,
                   "recover": True}
        # the root element, seen by a parser of its own that reads only the first bytes,
        # and the entries, the only elements the main parser reports (a Python step for
        # each element of millions would cost more than the parsing)
        self._sniff: Any = etree.XMLPullParser(events=("start",), **options)
        self._xml = etree.XMLPullParser(events=("end",), tag=("{*}url", "{*}sitemap"),
                                        **options)
        self._head = b""  # the first bytes, until gzip or not is known
        self._gunzip: Gunzip | None = None
        self._plain = False
        self._started = False  # a byte other than white space has been parsed

    @_parsing
    def feed(self, data: bytes) -> bool:
        """Parse the next bytes of the body; True when reading can stop."""
        if self.error is not None or self.enough:
            return True
        try:
            for piece in self._inflated(data):
                if not self._started:
                    piece = piece.lstrip()
                    self._started = bool(piece)
                if self.kind is None and self._root(piece):
                    return True
                self._xml.feed(piece)
                self._take()
                if self.error is not None or self.enough:
                    return True
        except InflateError as e:
            self.error = NotAListing(f"gzip sitemap {e}")
        except SyntaxError as e:  # lxml's XMLSyntaxError
            self.error = NotAListing(f"not a sitemap ({e})")
        return self.error is not None

    @property
    def enough(self) -> bool:
        chosen = self.pages if self.kind == "urlset" else self.children
        return self.kind is not None and chosen.full and not chosen.dated

    @_parsing
    def finish(self) -> None:
        """The body has ended (or reading stopped): raise ``NotAListing`` if it is none."""
        if self.error is None and not self.enough:
            if self._head:  # a body of one byte
                head, self._head, self._plain = self._head, b"", True
                self.feed(head)
            try:
                self._xml.close()
                self._take()
            except SyntaxError as e:
                if self.kind is None:
                    self.error = NotAListing(f"not a sitemap ({e})")
        if self.error is None and self.kind is None:
            self.error = NotAListing("not a sitemap (no XML found)")
        if self.error is not None:
            raise self.error

    def _inflated(self, data: bytes) -> Iterator[bytes]:
        if self._gunzip is None and not self._plain:
            self._head += data
            if len(self._head) < 2:
                return
            data, self._head = self._head, b""
            if data.startswith(b"\x1f\x8b"):
                self._gunzip = Gunzip(self.max_bytes)
            else:
                self._plain = True
        if self._gunzip is not None:
            yield from self._gunzip.feed(data)
        elif data:
            yield data

    def _root(self, piece: bytes) -> bool:
        """Learn the kind of sitemap from its root element; True when it is none."""
        self._sniff.feed(piece)
        for _, element in self._sniff.read_events():
            name = _name(element)
            if name in ("urlset", "sitemapindex"):
                self.kind = name
            else:
                self.error = NotAListing(f"not a sitemap (root element <{name}>)")
            self._sniff = None
            return self.error is not None
        return False

    def _take(self) -> None:
        """Handle the entries parsed so far; drop each once read."""
        entry = "url" if self.kind == "urlset" else "sitemap"
        chosen = self.pages if self.kind == "urlset" else self.children
        for _, element in self._xml.read_events():
            if _name(element) == entry:
                self._entry(element, chosen)
            element.clear()
            while element.getprevious() is not None:
                del element.getparent()[0]

    def _entry(self, element: Any, chosen: Picker) -> None:
        loc = modified = published = title = ""
        for child in element:
            name = _name(child)
            if name == "loc":
                loc = (child.text or "").strip()
            elif name == "lastmod":
                modified = (child.text or "").strip()
            elif name == "news":  # Google News sitemaps: a publication date and a title
                for item in child:
                    if _name(item) == "publication_date":
                        published = (item.text or "").strip()
                    elif _name(item) == "title":
                        title = (item.text or "").strip()
        if loc:
            chosen.add(Link(url=loc, date=_iso_date(published or modified), title=title),
                       base_url=self.base_url)


def _name(element: Any) -> str:
    """Local name of an element ("" for comments and the like)."""
    tag = element.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def sitemap_links(body: bytes, base_url: str, max_bytes: int) -> tuple[list[Link], list[Link]]:
    """(pages, child sitemaps) of a whole sitemap or sitemap index, newest first."""
    reader = SitemapReader(base_url, max_bytes)
    reader.feed(body)
    reader.finish()
    return reader.pages.links(), reader.children.links()


ISO_DATE = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")


def _iso_date(value: str) -> str | None:
    m = ISO_DATE.match(value or "")
    if not m:
        return None
    return f"{m[1]}-{m[2]}-{m[3]}" if m[3] else f"{m[1]}-{m[2]}"


# ---------------------------------------------------------------- index pages

@_parsing
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

class Picker:
    """Links chosen as they arrive: ``since`` and keyword filters, deduplicated by
    ``normalise_url``, and of those the ``limit`` newest (undated ones after the dated, in
    the order they came) kept in a heap, so memory is that of ``limit`` links and a link
    that cannot make the cut costs neither a normalisation nor a keyword search."""

    def __init__(self, *, keywords: Iterable[str] = (), since: str | None = None,
                 limit: int | None = None):
        self.words = [re.compile(r"\b" + re.escape(_fold(k))) for k in keywords]
        self.since, self.limit = since, limit
        self.dated = False  # some link offered had a date
        self._kept: dict[str, tuple[tuple[str, int], Link]] = {}  # url -> (rank, link)
        self._heap: list[tuple[tuple[str, int], str]] = []  # (rank, url), worst first
        self._order = 0

    @property
    def full(self) -> bool:
        return bool(self.limit) and len(self._kept) >= (self.limit or 0)

    def add(self, link: Link, base_url: str | None = None) -> None:
        """Offer a link (``base_url``: resolve a relative URL, once it is known to count)."""
        self._order += 1
        if link.date:
            self.dated = True
            if self.since and link.date < self.since[: len(link.date)]:
                return
        rank = (link.date or "", -self._order)
        if self.full and rank <= self._worst():
            return
        if self.words:
            haystack = _fold(" ".join((link.title, link.summary, _path(link.url))))
            if not any(w.search(haystack) for w in self.words):
                return
        url = normalise_url(absolute(base_url, link.url) if base_url else link.url)
        known = self._kept.get(url)
        if known is not None and known[0] >= rank:
            return
        self._kept[url] = (rank, link._replace(url=url))
        if self.limit:
            heapq.heappush(self._heap, (rank, url))
            while len(self._kept) > self.limit:
                self._drop_stale()
                self._kept.pop(heapq.heappop(self._heap)[1])

    def merge(self, other: Picker) -> None:
        """Add what ``other`` kept (links of one listing, read in full)."""
        self.dated = self.dated or other.dated
        for link in other.links():
            self.add(link)

    def links(self) -> list[Link]:
        """The kept links, newest first; undated last, in the order they came."""
        return [link for _, link in sorted(self._kept.values(), reverse=True)]

    def _worst(self) -> tuple[str, int]:
        self._drop_stale()
        return self._heap[0][0]

    def _drop_stale(self) -> None:
        """Heap entries of links since replaced by a better-ranked duplicate."""
        while self._heap and self._kept.get(self._heap[0][1], (None,))[0] != self._heap[0][0]:
            heapq.heappop(self._heap)


def select(links: Iterable[Link], *, keywords: Iterable[str] = (), since: str | None = None,
           limit: int | None = None) -> list[Link]:
    """Matching links, newest first (undated last, listing order kept), deduplicated."""
    picker = Picker(keywords=keywords, since=since, limit=limit)
    for link in links:
        picker.add(link)
    return picker.links()


def _fold(text: str) -> str:
    """Lower case without accents, so 'defensa' matches 'DEFENSA' and 'defesa' 'Defesa'."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text or "")).strip()
