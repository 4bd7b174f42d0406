"""When a document was published.

Web pages: the date htmldate (trafilatura's) finds in markup that says it reliably
(JSON-LD, meta tags, ``<time datetime>``, the URL); else a byline that says it in words
("Publicado el 8 de julio de 2024", "Publicado em 8 de julho de 2024", "Published July 8,
2024", or the text of an element classed as a date, where a month may be its three letters:
"16 oct 2013 21:41", or the words right after a "Publicado em" label alone in its element);
else htmldate's search of the whole page, unless all it found was a year (it then says 1
January, which no page stated).

Reports:
a report states its date on a line of its own near the top ("July 2024", "julio de 2024",
"outubro de 2024", "May 6, 2024", "2019-01-15"), after a word such as "Published" or
"Publicado", or at the end of a short series line ("Hemispheric Security Review, December
2025"). A date with a day is kept to the day, a month to the month ("2024-07"). The PDF's
creation date is used only when the cover states none, and never when it lies in the
future (a file rendered later than it was written).
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipeline.nlp.datescan import DateMention

ISO = re.compile(r"\b((?:19|20)\d\d)-([01]\d)-([0-3]\d)\b")
PUBLISHED = re.compile(r"(?i)\b(published|publicado|publicada|publication|publicación|"
                       r"publicação|updated|actualizado|atualizado|dated?|fecha|data)\b")
HEAD_CHARS = 1500  # the cover or title block
TEXT_NODE = re.compile(r"<(\w+)([^>]*)>([^<]{6,200})<")
DATED = re.compile(r"(?i)(date|time|byline|author|posted|published|fecha|data|meta)")
MARKUP_CHARS = 300_000
SHORT_LINE_WORDS = 9


def stated_date(first_page: str) -> str | None:
    """The publication date stated in the title block of a report, at its precision: the
    first one on a line that says "published" (or the like), else the first on a short line
    or a masthead line ("Domingo, 6 de diciembre de 2015 Sec. III. Pág. 17954", "VOL. CXL No.
    48,512 TUESDAY, OCTOBER 23, 2018 LATE EDITION"), else a message's date-time group
    ("311530Z MAR 24"); past the title block, a short line that says "published" (a cover
    set beside the text, read after it: "Published May 6, 2024") or a line that is a day
    alone (a margin cell read after the text: "2.7.2010")."""
    from pipeline.extract.text import detect_language
    from pipeline.nlp import dates

    head = first_page[:HEAD_CHARS]
    lang = detect_language(head) or "en"
    first: str | None = None
    for line in head.split("\n"):
        if not line.strip():
            continue
        said = bool(PUBLISHED.search(line))
        mentions = dates.find(line, lang, None)
        if len(line.split()) > SHORT_LINE_WORDS and not said and not _masthead(line, mentions):
            continue
        found = _dates_in(line, lang, mentions)
        if found and said:
            return found[0]
        first = first or (found[0] if found else None)
    if first is None:
        first = next(filter(None, map(_dtg, head.split("\n"))), None)
    if first is None:
        for line in first_page[HEAD_CHARS:].split("\n"):
            if not line.strip():
                continue
            mentions = dates.find(line, lang, None)
            if (PUBLISHED.search(line) and len(line.split()) <= SHORT_LINE_WORDS) or \
                    _lone_day(line, mentions):
                found = _dates_in(line, lang, mentions)
                if found:
                    return found[0]
    return first


def _lone_day(line: str, mentions: list[DateMention]) -> bool:
    """A line that is a day and nothing else ("2.7.2010", "14 March 2024"): a side box or
    a margin cell dating the page, never a line of prose (``mentions``: its dates)."""
    found = [d for d in mentions if d.precision == "day" and not d.bound]
    return len(found) == 1 and not line[:found[0].start].strip(" .,;:") and \
        not line[found[0].end:].strip(" .,;:")


def _dates_in(line: str, lang: str, mentions: list[DateMention]) -> list[str]:
    """The days and months a title-block line states: ISO, as ``dates`` reads them
    (``mentions``), or a day, a month's three letters and a year ("31 MAR 2024", as memos
    and forms print it)."""
    m = ISO.search(line)
    found = [m.group(0)] if m and _valid(m.group(0)) else []
    found += [d.value for d in mentions
              if d.value and d.precision in ("day", "month") and not d.bound]
    abbreviated = _abbreviated(line, [lang])
    return found + [abbreviated] if abbreviated and abbreviated not in found else found


# a line of a masthead or a page head, not prose: few words, and hardly a lowercase one
# outside the joining words of a date ("6 de diciembre de 2015", "22 de janeiro")
MASTHEAD_WORDS = 20
DATE_JOINERS = frozenset("de del of em do da".split())


def _masthead(line: str, mentions: list[DateMention]) -> bool:
    for d in sorted(mentions, key=lambda d: -d.start):
        line = line[:d.start] + line[d.end:]  # (months and weekdays are lowercase in es, pt)
    words = line.split()
    return len(words) <= MASTHEAD_WORDS and sum(
        1 for w in words if w[:1].islower() and w.lower() not in DATE_JOINERS) <= 1


# a military message's date-time group: day, hour and minute, zone letter, month, year
# ("311530Z MAR 24", "041530Z MAR 25")
DTG = re.compile(r"\b([0-3]\d)[0-2]\d[0-5]\d[A-Z]\s+([A-Z]{3})\s+(\d\d)\b")


def _dtg(line: str) -> str | None:
    m = DTG.search(line)
    months = month_abbreviations("en")
    if not m or m.group(2).lower() not in months:
        return None
    iso = f"20{m.group(3)}-{months.index(m.group(2).lower()) + 1:02d}-{m.group(1)}"
    return iso if _valid(iso) else None


FRONT_PAGES = 3  # a report's cover and the pages after it (contents, imprint)


def front_matter_date(pages: list[str], stated: str | None) -> str | None:
    """The publication date a report's front matter states to the day, when its cover gave
    only the month or none: the cover says "April 2024", the imprint on the back of it or
    the contents page "Published 5 April 2024" (often in the copyright line). A day that
    disagrees with the cover's month is not this report's date."""
    from pipeline.extract.text import detect_language
    from pipeline.nlp import dates

    if stated is not None and len(stated) == 10:
        return stated
    for page in pages[1:FRONT_PAGES]:
        lang = detect_language(page[:HEAD_CHARS]) or "en"
        for line in page.split("\n"):
            if not PUBLISHED.search(line):
                continue
            for d in dates.find(line, lang, None):
                if d.value and d.precision == "day" and not d.bound \
                        and (stated is None or d.value.startswith(stated)):
                    return d.value
    return stated


def swapped(iso: str) -> str:
    """A day's other reading in figures, its day and month exchanged ("2024-03-09" ->
    "2024-09-03": 03/09 read either way)."""
    return f"{iso[:4]}-{iso[8:10]}-{iso[5:7]}"


def _valid(iso: str) -> bool:
    try:
        date.fromisoformat(iso)
    except ValueError:
        return False
    return True


def pdf_str(value: Any) -> str | None:
    if isinstance(value, bytes):
        value = value.decode("utf-16" if value[:2] in (b"\xfe\xff", b"\xff\xfe") else "latin-1",
                            "replace")
    return (value.strip() or None) if isinstance(value, str) else None


def pdf_date(value: Any) -> str | None:
    """A PDF date string ("D:20240506112200+00'00'") as YYYY-MM-DD, unless in the future."""
    m = re.match(r"(?:D:)?(\d{4})(\d{2})(\d{2})", pdf_str(value) or "")
    if not m:
        return None
    try:
        found = date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None
    return found.isoformat() if found <= date.today() else None


def byline_date(markup: str, lang: str | None) -> str | None:
    """A publication date stated in words in a byline or a date element of the page."""
    from pipeline.nlp import dates

    langs = [lang] if lang in ("en", "es", "pt") else []
    langs += [other for other in ("en", "es", "pt") if other not in langs]
    body = markup[: MARKUP_CHARS]
    for m in TEXT_NODE.finditer(body):
        tag, attributes, text = m.group(1).lower(), m.group(2), m.group(3)
        if tag in ("script", "style") or not (PUBLISHED.search(text) or tag == "time"
                                               or DATED.search(attributes)):
            continue
        iso = ISO.search(text)
        if iso and _valid(iso.group(0)):
            return iso.group(0)
        for language in langs:  # the page's language first; a byline may be in another
            for found in dates.find(text, language, None):
                if found.value and found.precision == "day" and not found.bound:
                    return found.value
        if (short := _abbreviated(text, langs)) is not None:
            return short
    return _beside_label(body, langs)


TAG = re.compile(r"<[^>]+>")
LONE_LABEL = re.compile(r"(?i)>\s*(?:published|posted|publicado|publicada|postado)"
                        r"(?:\s+(?:on|el|em|en))?\s*:?\s*</")
LABEL_REACH = 60  # the date follows its label within this many characters of text


def _beside_label(markup: str, langs: list[str]) -> str | None:
    """A date in words set beside its label, the label alone in its element
    ("<span>Publicado em</span> 12 de junho de 2024 10h15"): the first day stated right
    after it."""
    from pipeline.nlp import dates

    for m in LONE_LABEL.finditer(markup):
        near = " ".join(TAG.sub(" ", markup[m.end() - 2:m.end() + 4 * LABEL_REACH]).split())
        near = near[:LABEL_REACH]
        for language in langs:
            for found in dates.find(near, language, None):
                if found.value and found.precision == "day" and not found.bound:
                    return found.value
    return None


@cache
def month_abbreviations(lang: str) -> tuple[str, ...]:
    """The months' three letters as bylines print them, without a stop ("16 oct 2013"):
    the first three of each month's name in ``dates.json`` ("ene", "fev", "set", "dez")."""
    from pipeline.nlp.models import load

    return tuple(names[0][:3] for names in load().dates["months"].get(lang, ()))


DAY_MONTH_YEAR = re.compile(r"(?i)(?<![\w/.-])([0-3]?\d)(?:\s+de)?[\s-]+([a-z]{3})\.?"
                            r"(?:\s+de)?[\s-]+((?:19|20)\d\d)(?![\w/.-])")


def _abbreviated(text: str, langs: list[str]) -> str | None:
    """A day, a month's three letters and a year in a byline or date element ("16 oct
    2013 21:41", "05 fev 2013", "16-Oct-2013"), as forums and portals print them: the
    dates read in running text ask the month's stop ("oct."), since "mar" (sea) or "set"
    are words; in a date element they are the month."""
    for m in DAY_MONTH_YEAR.finditer(text):
        abbreviation = m.group(2).lower()
        for language in langs:
            months = month_abbreviations(language)
            if abbreviation in months:
                iso = f"{int(m.group(3)):04d}-{months.index(abbreviation) + 1:02d}-" \
                      f"{int(m.group(1)):02d}"
                if _valid(iso):
                    return iso
                break
    return None
