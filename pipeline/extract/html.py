"""HTML pages: decoded by ``decode``, main text by trafilatura, metadata from the page.

Site chrome (navigation, banners, related lists, comment sections, footers) is left to
trafilatura's precision mode; chrome lines set as article paragraphs ("Read also: …",
captions, tags, share prompts) are dropped by ``chrome.py`` (``models/chrome.jsonl``);
consent walls, paywall overlays and JavaScript shells are recognised by the phrases in
``models/stubs.jsonl`` and never reach the NLP stage.
"""

from __future__ import annotations

import html as htmllib
import re
from datetime import date
from html.entities import html5
from pathlib import Path
from typing import Any

from pipeline.errors import ExtractionError
from pipeline.extract.chrome import strip_chrome
from pipeline.extract.decode import decode
from pipeline.extract.pubdate import MARKUP_CHARS, TAG, _valid, byline_date, swapped
from pipeline.extract.text import detect_language, normalise
from pipeline.nlp.models import stubs

MODELS = Path(__file__).resolve().parents[2] / "models"
UPPER_ENTITY = re.compile(r"&([A-Z][A-Za-z]*);")
PARAGRAPH = re.compile(r"<(p|h[1-6]|li|blockquote)\b[^>]*>(.*?)</\1\s*>", re.I | re.S)
PARSER_TEXT_LIMIT = 10_000_000  # libxml2's longest text run or attribute (no huge_tree)
BIG_RUN = 1_000_000  # script, style or attribute contents longer than this are dropped
SCRIPT_OPEN = re.compile(r"<(script|style)\b[^>]*>", re.I)
BIG_ATTRIBUTE = re.compile(rf"=\s*([\"'])[^\"']{{{BIG_RUN},}}\1")
STUB_REMAINDER_WORDS = 30  # fewer words than this beside a consent wall or JS shell: no article


def extract_html(body: bytes, url: str, content_type: str | None = None) -> dict[str, Any]:
    """Text, metadata, warnings of one page; ``empty_reason`` says why text is missing."""
    import trafilatura

    markup, encoding = decode(body, content_type)
    markup = re.sub(r"^\s*<\?xml[^>]*\?>", "", markup)
    markup = fit_for_parser(markup)
    result = trafilatura.bare_extraction(
        standfirst_paragraphs(joined_intro(unwrap_layout_tables(markup))),
        url=url if url.startswith("http") else None,
        with_metadata=True, include_comments=False, include_tables=True, favor_precision=True,
        date_extraction_params={"original_date": True, "extensive_search": False,
                                "max_date": date.today().isoformat()},
    )
    meta: dict[str, Any] = {}
    if result is not None:
        meta = result if isinstance(result, dict) else result.as_dict()
    text = normalise(_fix_entities(meta.get("text") or ""))
    warnings: list[str] = []
    if not text:
        text = _paragraphs_fallback(markup)
        if text:
            warnings.append("main text found by the paragraph fallback (trafilatura found none)")
    text, stub_kinds = strip_stubs(text)
    text, chrome = strip_chrome(text)
    if chrome:
        warnings.append(f"removed chrome lines: {', '.join(sorted(chrome))}")
    empty_reason = "no main text found"
    if stub_kinds:
        kinds = ", ".join(sorted(stub_kinds))
        if stub_kinds - {"paywall"} and len(text.split()) < STUB_REMAINDER_WORDS:
            text = ""  # a wall or a shell with a few buttons left: no article
        if text:
            warnings.append(f"removed boilerplate lines: {kinds}")
        else:
            empty_reason = f"no content: {kinds}"
    if _paywalled(markup) or "paywall" in stub_kinds:
        warnings.append("paywalled: only the free part of the text was available")
    if encoding not in ("utf-8", "ascii"):
        warnings.append(f"decoded as {encoding}")
    language = _html_lang(markup) or _two_letters(meta.get("language"))
    read_as = language or detect_language(text)
    published = meta.get("date") or byline_date(markup, read_as) or _searched_date(markup, url)
    return {
        "text": text, "title": meta.get("title"), "author": meta.get("author"),
        "published": dateline_reading(  # (labels, the clock, the page's own address, its
            # dateline: each later reading has the last word)
            url_month_reading(labelled_reading(clock_reading(published, markup, read_as),
                                               markup, read_as), markup, url), text, read_as),
        "site_name": meta.get("sitename"), "language": language,
        "extractor": "trafilatura", "warnings": warnings, "empty_reason": empty_reason,
    }


def fit_for_parser(markup: str) -> str:
    """The page without what libxml2 cannot hold: it stops parsing at a text run or an
    attribute value over ``PARSER_TEXT_LIMIT`` characters and drops the rest of the page
    without an error (a 12 MB inline script or base64 image before the article left no
    text at all). Script and style contents and attribute values over ``BIG_RUN`` go (no
    text is lost: trafilatura drops them anyway); a text run still over the limit is an
    error that names it."""
    if len(markup) <= BIG_RUN:
        return markup
    parts: list[str] = []
    pos = 0
    for m in SCRIPT_OPEN.finditer(markup):
        if m.start() < pos:
            continue
        close = re.compile(rf"</{m.group(1)}\s*>", re.I).search(markup, m.end())
        if close is None:
            break
        if close.start() - m.end() > BIG_RUN:
            parts += [markup[pos:m.end()], markup[close.start():close.end()]]
            pos = close.end()
    markup = "".join(parts) + markup[pos:] if parts else markup
    markup = BIG_ATTRIBUTE.sub(r"=\1\1", markup)
    longest = max(map(len, markup.split("<")))
    if longest > PARSER_TEXT_LIMIT:
        raise ExtractionError("too_large", f"a run of {longest:,} characters without markup "
                                           f"is over the HTML parser's limit "
                                           f"({PARSER_TEXT_LIMIT:,} characters)")
    return markup


LAYOUT_HINT = re.compile(r"<t[dh]\b[^>]*>\s*<(?:p|h[1-6]|div)\b|role=[\"']presentation", re.I)
CELL_BLOCKS = "|".join(f".//{t}" for t in ("h1", "h2", "h3", "h4", "h5", "h6"))


def unwrap_layout_tables(markup: str) -> str:
    """The page with each table that lays it out (a cell holding a heading or two
    paragraphs or more, or a table marked ``role="presentation"``) made plain blocks: an
    old portal sets its menu, story and related links side by side in one table row, and
    trafilatura, which reads a table as rows of cells, ran the whole story into one line
    ("| Home | Title date body ... | Related news |"), losing its paragraphs. A data
    table (cells of text, a paragraph at most) stays a table."""
    if not LAYOUT_HINT.search(markup):
        return markup
    root = _parsed(markup)
    if root is None:
        return markup
    changed = False
    for table in list(root.iter("table")):
        rows = table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")
        cells = [c for row in rows for c in row if c.tag in ("td", "th")]
        if table.get("role") == "presentation" or any(
                cell.xpath(CELL_BLOCKS) or len(cell.xpath(".//p")) >= 2 for cell in cells):
            for element in [table, *table.xpath("./thead|./tbody|./tfoot"), *rows, *cells]:
                element.tag = "div"
            changed = True
    return _markup(root) if changed else markup


def _parsed(markup: str) -> Any:
    """The page's element tree (lxml), or None when libxml2 cannot read it."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        return lxml_html.document_fromstring(markup)
    except (ValueError, etree.ParserError):
        return None


def _markup(root: Any) -> str:
    from lxml import html as lxml_html

    return lxml_html.tostring(root, encoding="unicode")


FULLTEXT = re.compile(r"class=[\"'][^\"']*fulltext", re.I)


def joined_intro(markup: str) -> str:
    """The page with a story's intro block moved into its full-text block when the CMS
    sets them side by side (Joomla's K2 writes ``itemIntroText`` then ``itemFullText``;
    Joomla's own ``introtext``/``fulltext``): trafilatura takes a ``fulltext`` block for
    the whole story and dropped the intro before it, the lead paragraph that states the
    news."""
    if not FULLTEXT.search(markup):
        return markup
    root = _parsed(markup)
    if root is None:
        return markup
    changed = False
    for full in root.xpath("//*[contains(translate(@class, 'FULTEX', 'fultex'), 'fulltext')]"):
        intro = full.getprevious()
        if intro is None or "intro" not in (intro.get("class") or "").lower():
            continue
        if intro.text and intro.text.strip():  # (bare text: a paragraph of its own)
            paragraph = intro.makeelement("p", {})
            paragraph.text, intro.text = intro.text, None
            intro.insert(0, paragraph)
        for k, child in enumerate(list(intro)):
            full.insert(k, child)
        intro.getparent().remove(intro)
        changed = True
    return _markup(root) if changed else markup


STANDFIRST = re.compile(
    r"<div\b([^>]*\bclass=[\"'][^\"']*?(?<!\w)(?:[\w-]*description|standfirst|lead|bajada|"
    r"entradilla|subtitle|subtitulo|sumario|summary|linha-fina|linhafina|olho|deck|dek|"
    r"excerpt|intro)(?![\w])[^\"']*[\"'][^>]*)>(\s*[^<\s][^<]{59,1500})</div\s*>", re.I)


def standfirst_paragraphs(markup: str) -> str:
    """The page with a standfirst set as bare text in a ``<div>`` (a portal's
    ``documentDescription``, a ``lead``, ``bajada`` or ``linha-fina``: the story's first
    sentences under its title) made a paragraph: trafilatura keeps a ``<p>`` there but
    dropped the ``<div>``'s text, and with it the lead of the story."""
    if "<div" not in markup:
        return markup
    return STANDFIRST.sub(r"<p\1>\2</p>", markup)


DATELINE_CHARS = 600  # the dateline opens the story's first paragraph


def dateline_reading(published: str | None, text: str, lang: str | None) -> str | None:
    """The publication date as the story's dateline states it: its day with its year over
    a date the page gave elsewhere ("NEW YORK, March 31, 2024 /PRNewswire/ --"; trafilatura
    may take the first of a source's earlier releases listed at the foot), and a day the
    page gave in figures both ways can read ("11/07/2012": 11 July or November 7) read the
    way the dateline states it ("SEOUL, Nov. 7 (Yonhap) --", "LIMA, 7 de noviembre (EFE)")."""
    from pipeline.nlp.datescan import scan

    if lang not in ("en", "es", "pt"):
        return published
    datelines = [m.parts for m in scan(text[:DATELINE_CHARS], lang)
                 if "dateline" in m.parts and m.parts[0] == "ymd"]
    stated = _dateline_day(datelines)
    if stated and stated != published and (not published or stated != swapped(published)):
        return stated
    if not published or len(published) != 10:
        return published
    year, month, day = (int(x) for x in published.split("-"))
    if day > 12 or day == month:
        return published
    for parts in datelines:
        if parts[1] not in (None, year):
            continue
        if (parts[2], parts[3]) == (day, month):
            return swapped(published)
        return published
    return published


def _dateline_day(datelines: list[tuple]) -> str | None:
    """The day, with its year, the first dateline that states one gives ("LIMA, 18 de
    diciembre de 2013.-", "March 31, 2024 /PRDispatch/ --"); ``datelines``: the parts of
    the dateline days opening the story."""
    for parts in datelines:
        if parts[1] is not None:
            iso = f"{parts[1]:04d}-{parts[2]:02d}-{parts[3]:02d}"
            return iso if _valid(iso) else None
    return None


LABELLED = re.compile(r"(?i)\b(published|posted|publicado|publicada|publica[cç][aã]o|postado|"
                      r"updated|actualizado|atualizado|modified|modificado)\W{0,3}"
                      r"(?:on|el|em|en|:)?\s{0,3}([0-3]?\d)([/.-])([0-3]?\d)\3((?:19|20)\d\d)"
                      r"(?![\d/.])")
UPDATED = ("updated", "actualizado", "atualizado", "modified", "modificado")
TIME_ATTRIBUTE = re.compile(r"<time\b[^>]*\bdatetime=[\"']((?:19|20)\d\d-[01]\d-[0-3]\d)", re.I)
SCRIPT_BLOCK = re.compile(r"<(script|style)\b.*?</\1\s*>", re.I | re.S)


def labelled_reading(published: str | None, markup: str, lang: str | None) -> str | None:
    """The publication date a page labels in figures ("Publicado em 12/06/2024 10h15
    Atualizado em 14/06/2024 18h02", "Published 06/12/2024") or in a ``<time datetime>``,
    when the date found is none, the labelled update, or the labelled (or the element's)
    day and month the other way round. Spanish and Portuguese pages write the day first;
    an English page's "04/01/2024" reads either way: beside an update ("Updated
    04/03/2024") it is read the way that puts the update closest after it, else it is
    left as found."""
    body = markup[:MARKUP_CHARS]
    text = TAG.sub(" ", SCRIPT_BLOCK.sub(" ", body))
    said: list[tuple[int, int, int]] = []  # (first, second, year) labelled published
    changed: list[tuple[int, int, int]] = []  # labelled updated
    dotted = False  # "01.04.2024": day first in English too (American days take / or -)
    for m in LABELLED.finditer(text):
        numbers = (int(m.group(2)), int(m.group(4)), int(m.group(5)))
        (changed if m.group(1).lower() in UPDATED else said).append(numbers)
        dotted = dotted or m.group(3) == "."
    orders = ("dm",) if lang in ("es", "pt") or dotted else ("md", "dm")
    updated = {r for n in changed for o in orders if (r := _read(n, o))}
    stated = None
    timed = TIME_ATTRIBUTE.search(body)
    if said:
        readings = {o: r for o in orders if (r := _read(said[0], o))}
        if len(set(readings.values())) == 1:
            stated = next(iter(readings.values()))
        elif timed and timed.group(1) in readings.values():
            stated = timed.group(1)  # the element's own ISO day tells which reading
        elif changed:  # the order that puts the update closest after the publication
            gaps = [((date.fromisoformat(u) - date.fromisoformat(r)).days, r)
                    for o, r in readings.items() if (u := _read(changed[0], o))]
            after = sorted(g for g in gaps if g[0] >= 0)
            stated = after[0][1] if after else None
    if stated is None and timed and _valid(timed.group(1)):
        stated = timed.group(1)
    if stated is None or published == stated:
        return published
    if published is None or published in updated or published == swapped(stated):
        return stated
    return published


def _read(numbers: tuple[int, int, int], order: str) -> str | None:
    first, second, year = numbers
    month, day = (first, second) if order == "md" else (second, first)
    iso = f"{year:04d}-{month:02d}-{day:02d}"
    return iso if 1 <= month <= 12 and _valid(iso) else None


URL_MONTH = re.compile(r"/((?:19|20)\d\d)/([01]\d)/")
PAGE_URL = re.compile(r"""<link\b[^>]*rel=["']canonical["'][^>]*>|<meta\b[^>]*og:url[^>]*>"""
                      r"""|>\s*(https?://[^<\s"']+)\s*<""", re.I)
NUMERIC_DATE = re.compile(r"(?<![\d/.])([0-3]?\d)([/.])([0-3]?\d)\2((?:19|20)\d\d)(?![\d/.])")
NUMERIC_NODE_CHARS = 80  # a byline or date line, not a paragraph


def url_month_reading(published: str | None, markup: str, url: str) -> str | None:
    """The publication date the page states in figures, read against the month its own
    address names (".../2024/08/slug": August 2024) when the reading found is not one the
    page can mean: none at all, the first of that month (the address alone, which names
    no day), or the other reading of an ambiguous "08/10/2024" (10 August for a US page,
    8 October for a European one). The address is the page's own (canonical, og:url) or
    one a print view prints; a numeric date counts in a short text of the page (a byline,
    a date line)."""
    address = URL_MONTH.search(url)
    body = markup[:MARKUP_CHARS]
    if address is None:
        for m in PAGE_URL.finditer(body):
            address = URL_MONTH.search(m.group(1) or m.group(0))
            if address:
                break
    if address is None:
        return published
    year, month = int(address.group(1)), int(address.group(2))
    readings: set[str] = set()
    for m in TEXT_NODE_SHORT.finditer(body):
        if m.group(1).lower() in ("script", "style"):
            continue
        for d in NUMERIC_DATE.finditer(m.group(3)):
            first, second, y = int(d.group(1)), int(d.group(3)), int(d.group(4))
            if y != year:
                continue
            for mm, dd in ((first, second), (second, first)):
                if mm == month and _valid(f"{y:04d}-{mm:02d}-{dd:02d}"):
                    readings.add(f"{y:04d}-{mm:02d}-{dd:02d}")
    if len(readings) != 1:
        return published
    stated = readings.pop()
    if published is None or published == f"{year:04d}-{month:02d}-01" or \
            published == swapped(stated):
        return stated
    return published


CLOCK_DATE = re.compile(r"(?<![\d/.])([01]?\d)/([0-3]?\d)/((?:19|20)\d\d),?\s+(?:at\s+)?"
                        r"[01]?\d:[0-5]\d\s*(?:[AaPp]\.?[Mm]\.?)(?![\w])")


def clock_reading(published: str | None, markup: str, lang: str | None) -> str | None:
    """The publication date of an English page read month first when the page prints it
    in figures with a twelve-hour time ("11/09/2020 2:05 PM"), the United States' way of
    writing both: a reading of it day first (11 September) is turned round (9 November).
    Spanish and Portuguese pages put the day first whatever their clock ("14/09/2020
    2:05 p.m." in Bogotá); a page whose figures can mean only one thing, or that prints no
    such time, is left as it was."""
    if not published or len(published) != 10 or lang != "en":
        return published
    readings = {f"{y}-{int(m):02d}-{int(d):02d}"
                for m, d, y in CLOCK_DATE.findall(markup[:MARKUP_CHARS])
                if _valid(f"{y}-{int(m):02d}-{int(d):02d}")}
    if len(readings) != 1:
        return published
    stated = readings.pop()
    return stated if published == swapped(stated) else published


TEXT_NODE_SHORT = re.compile(rf"<(\w+)([^>]*)>([^<]{{6,{NUMERIC_NODE_CHARS}}})<")


def _searched_date(markup: str, url: str) -> str | None:
    """htmldate's search of the whole page, when it found a day (a bare year comes back as
    1 January: not a date the page states)."""
    from htmldate import find_date

    try:
        found = find_date(markup, url=url if url.startswith("http") else None,
                          extensive_search=True, original_date=True,
                          max_date=date.today().isoformat())
    except ValueError:
        return None
    return found if found and not found.endswith("-01-01") else None


def strip_stubs(text: str) -> tuple[str, set[str]]:
    """Drop short lines that are consent, paywall or JavaScript boilerplate."""
    kinds: set[str] = set()
    kept = []
    for line in text.split("\n"):
        kind = _stub_kind(line) if len(line) < 800 else None
        if kind:
            kinds.add(kind)
        else:
            kept.append(line)
    return "\n".join(kept).strip(), kinds


def _stub_kind(line: str) -> str | None:
    low = line.lower()
    for kind, phrases in _stubs().items():
        if kind != "error_page" and any(p in low for p in phrases):
            return kind
    return None


def is_error_title(title: str | None) -> bool:
    """A title such as 'Access denied' or '404 Not Found' (models/stubs.jsonl, error_page)."""
    low = (title or "").lower()
    return any(p in low for p in _stubs().get("error_page", ()))


def _stubs() -> dict[str, tuple[str, ...]]:
    return stubs(MODELS)


def _fix_entities(text: str) -> str:
    """``&NBSP;`` left in the text: entity names are case-sensitive, old pages are not."""
    def lower(m: re.Match[str]) -> str:
        name = m.group(1).lower() + ";"
        return html5.get(name, m.group(0))
    return UPPER_ENTITY.sub(lower, text)


def _paragraphs_fallback(markup: str) -> str:
    """Paragraph text by pattern, for pages lxml cannot parse (e.g. nesting too deep)."""
    if markup.count("<") < 2000:  # a small page trafilatura found nothing in is really empty
        return ""
    markup = re.sub(r"<(script|style|noscript)\b.*?</\1\s*>", " ", markup, flags=re.I | re.S)
    paragraphs = []
    for m in PARAGRAPH.finditer(markup):
        inner = m.group(2)
        if "<p" in inner.lower():
            continue
        words = normalise(htmllib.unescape(TAG.sub(" ", inner)))
        if len(words.split()) >= 5:
            paragraphs.append(" ".join(words.split()))
    return "\n".join(paragraphs)


def _paywalled(markup: str) -> bool:
    return bool(re.search(r'"isAccessibleForFree"\s*:\s*"?false', markup[:200_000], re.I))


def _html_lang(markup: str) -> str | None:
    m = re.search(r"<html[^>]*\blang=[\"']?([a-zA-Z]{2})\b", markup[:4096], re.I)
    return m.group(1).lower() if m else None


def _two_letters(value: Any) -> str | None:
    return value[:2].lower() if isinstance(value, str) and len(value) >= 2 else None
