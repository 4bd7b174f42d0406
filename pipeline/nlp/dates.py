"""Find date expressions in text and resolve them to (date, precision).

The words come from ``models/dates.json``; this module only assembles them into
patterns. Relative expressions ("on Monday", "el martes pasado", "na última
terça-feira", "last week", "this year") resolve against the publication date.
A date range keeps its start, with the month and year of its end ("entre el 26 y el 31
de octubre" is 26 October). A weekday followed by a day number in parentheses ("na
segunda-feira (8)") is that day of the publication month. A date introduced by an end
or start marker ("until", "hasta", "até", "since", "desde") is marked ``bound``: it bounds
an event or a period, it does not date it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache
from typing import Any

from pipeline.nlp.models import load

YEAR = r"(?P<year>(?:19|20)\d\d)"


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    value: str | None  # YYYY-MM-DD, YYYY-MM or YYYY, once resolved
    precision: str | None  # day | month | year
    rule: str
    bound: bool = False  # introduced by a bound marker ("until March 31", "desde 2023")


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _patterns(lang: str) -> list[tuple[str, re.Pattern[str]]]:
    data: dict[str, Any] = load().dates
    months = [w for names in data["months"][lang] for w in names]
    mon = rf"(?P<month>{_alt(months)})"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|º|°)?"
    weekdays = [w for names in data["weekdays"][lang] for w in names]
    prefixes = data["weekday_prefix"][lang]
    rel = list(data["relative"][lang])
    b, e = r"(?<![\w-])", r"(?![\w-])"
    joiner = r"\s*(?:y|e|and|to|a|al|ao|through|-|–)\s*(?:el\s+|o\s+|os\s+)?"
    opener = r"(?:(?:entre|between|from|del|de|do|dos)\s+(?:el\s+|los\s+|o\s+|os\s+)?)?"
    pats = [
        ("date.range_full", rf"{b}{opener}{day}(?:\s+de)?\s+{mon}{joiner}(?P<day2>[0-3]?\d)(?:º|°)?"
                            rf"(?:\s+de)?\s+(?P<month2>{_alt(months)}),?\s+(?:de\s+|of\s+)?{YEAR}{e}"),
        ("date.range_full_md", rf"{b}(?:from\s+|between\s+)?{mon}\s+{day}{joiner}"
                               rf"(?P<month2>{_alt(months)})\s+(?P<day2>[0-3]?\d),?\s+{YEAR}{e}"),
        ("date.range_day_month", rf"{b}{opener}{day}{joiner}(?P<day2>[0-3]?\d)(?:º|°)?"
                                 rf"(?:\s+de)?\s+{mon}(?:,?\s+(?:de\s+|of\s+)?{YEAR})?{e}"),
        ("date.range_month_day", rf"{b}{mon}\s+{day}{joiner}(?P<day2>[0-3]?\d)(?:,\s*{YEAR})?{e}"),
        ("date.weekday_day", rf"{b}(?:(?P<prefix>{_alt(prefixes)})\s+)?"
                             rf"(?P<weekday>{_alt(weekdays)})\s*\((?P<day>[0-3]?\d)(?:º|°|o)?\)"),
        ("date.iso", rf"{b}{YEAR}-(?P<mnum>[01]\d)-(?P<day>[0-3]\d){e}"),
        ("date.day_month_year", rf"{b}{day}(?:\s+de|\s+of)?\s+{mon}"
                                rf"(?:,?\s+(?:de\s+|of\s+)?{YEAR})?{e}"),
        ("date.month_day_year", rf"{b}{mon}\s+{day}(?:,\s*{YEAR})?{e}"),
        ("date.month_year", rf"{b}{mon}(?:,)?\s+(?:de\s+|of\s+)?{YEAR}{e}"),
        ("date.weekday", rf"{b}(?:(?P<prefix>{_alt(prefixes)})\s+)?(?P<weekday>{_alt(weekdays)})"
                         rf"(?:\s+(?P<past>pasado|passado|passada))?{e}(?!,?\s+(?:\d|{_alt(months)}))"),
        ("date.relative", rf"{b}(?P<relative>{_alt(rel)}){e}"),
        ("date.same_day", rf"{b}(?:{_alt(data['same_day'][lang])}){e}"),
        ("date.month_alone", rf"{b}(?:(?:in|en|em|during|durante|for|para|a partir de|a|no)\s+"
                             rf"(?:(?:early|late|mid-|principios de|fines de|finales de|"
                             rf"mediados de|início de|inicio de|fim de|final de|meados de)\s*)?|"
                             rf"(?:early|late|mid-)\s*){mon}{e}"),
        ("date.edition_year", rf"{b}(?:(?:edição|edición|edition)\s+(?:de\s+)?{YEAR}|"
                              rf"(?P<year2>(?:19|20)\d\d)\s+edition){e}"),
        ("date.in_year", rf"{b}(?:in|en|em|during|durante)\s+(?:early\s+|late\s+)?{YEAR}{e}"),
    ]
    return [(rule, re.compile(p, re.IGNORECASE)) for rule, p in pats]


WINDOW_BEFORE, WINDOW_AFTER = 40, 60  # characters around an anchor that a date may span
NEEDS = {  # the anchor kind each rule's expression contains
    "date.range_full": "month", "date.range_full_md": "month", "date.range_day_month": "month",
    "date.range_month_day": "month", "date.day_month_year": "month",
    "date.month_day_year": "month", "date.month_year": "month", "date.month_alone": "month",
    "date.weekday_day": "weekday", "date.weekday": "weekday", "date.iso": "digit",
    "date.edition_year": "digit", "date.in_year": "digit", "date.relative": "relative",
    "date.same_day": "relative",
}


@cache
def anchor_words(lang: str) -> dict[str, frozenset[str]]:
    """Lower-case words, by kind (month, weekday, relative), that date expressions contain
    (a caller that has tokens already finds anchors without scanning the text)."""
    data: dict[str, Any] = load().dates
    words = {kind: frozenset(w.rstrip(".") for names in data[key][lang] for w in names)
             for kind, key in (("month", "months"), ("weekday", "weekdays"))}
    words["relative"] = frozenset(max(phrase.split(), key=len) for phrase in
                                  [*data["relative"][lang], *data["same_day"][lang]])
    return words


@cache
def _anchor(lang: str) -> re.Pattern[str]:
    """A digit or a word that every date expression contains (one scan finds where to look)."""
    words = [w for ws in anchor_words(lang).values() for w in ws]
    return re.compile(rf"\d|\b(?:{_alt(words)})\.?", re.IGNORECASE)


def _scan(text: str, lang: str) -> list[tuple[int, int, str]]:
    kinds = {w: kind for kind, ws in anchor_words(lang).items() for w in ws}
    return [(m.start(), m.end(), "digit" if m.group(0)[0].isdigit() else
             kinds.get(m.group(0).lower().rstrip("."), "relative"))
            for m in _anchor(lang).finditer(text)]


def _windows(text: str, lang: str, anchors: list[tuple[int, int, str]] | None = None
             ) -> dict[str, list[tuple[int, int]]]:
    """Merged character windows around the anchors of each kind."""
    windows: dict[str, list[tuple[int, int]]] = {k: [] for k in set(NEEDS.values())}
    for a, b, kind in anchors if anchors is not None else _scan(text, lang):
        start, end = max(0, a - WINDOW_BEFORE), min(len(text), b + WINDOW_AFTER)
        spans = windows[kind]
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return windows


def find(text: str, lang: str, published: str | None,
         anchors: list[tuple[int, int, str]] | None = None) -> list[DateMention]:
    """Every date expression in ``text``, resolved where possible, in text order.
    ``anchors`` (character spans and kinds of digits and ``anchor_words``, in text order)
    spare the scan for them when the caller has tokens already."""
    lang = lang if lang in ("en", "es", "pt") else "en"
    base = _parse_iso(published)
    covered = bytearray(len(text))  # characters already inside a found date
    ends = tuple(load().dates.get("bound_markers", {}).get(lang, ()))
    found: list[DateMention] = []
    windows = _windows(text, lang, anchors)
    for rule, pattern in _patterns(lang):
        spans = windows[NEEDS[rule]]
        for m in (m for start, end in spans for m in pattern.finditer(text, start, end)):
            if any(covered[m.start():m.end()]):
                continue
            if rule == "date.weekday" and not m.group("prefix") and not m.group("past") \
                    and lang != "en":
                continue  # bare "segunda" is also "second"; "Santo Domingo" is a city
            ahead = _future(text, m.start(), lang)
            narrative = _narrative_year(text, m.start())
            value, precision = _resolve(rule, m, lang, base, narrative, ahead)
            if value is None and rule.startswith(("date.month_day", "date.day_month",
                                                  "date.range")):
                continue
            covered[m.start():m.end()] = b"\x01" * (m.end() - m.start())
            before = text[max(0, m.start() - 16):m.start()].lower()
            this = m.group(0).lower().startswith(("este", "esta", "this", "neste", "nesta"))
            end = (not this and any(before.rstrip().endswith(w) for w in ends)) \
                or _in_dateline(text, m)
            found.append(DateMention(m.start(), m.end(), m.group(0), value, precision, rule, end))
    return _same_day(sorted(found, key=lambda d: d.start))


def _same_day(found: list[DateMention]) -> list[DateMention]:
    """"On the same day" takes the day of the last day-precision date before it."""
    out: list[DateMention] = []
    last: DateMention | None = None
    for d in found:
        if d.rule == "date.same_day":
            d = replace(d, value=last.value if last else None, precision="day" if last else None)
        elif d.precision == "day" and not d.bound:
            last = d
        out.append(d)
    return out


NARRATIVE_CHARS = 300
_YEAR_WORD = re.compile(r"(?<![\w-])(?:19|20)\d\d(?![\w-])")


def _narrative_year(text: str, start: int) -> int | None:
    """The last year written out earlier in the same paragraph (within ``NARRATIVE_CHARS``):
    a history's "On June 7" belongs to the year the paragraph is telling, not to the
    publication year."""
    window = text[max(0, start - NARRATIVE_CHARS):start]
    window = window[window.rfind("\n") + 1:]
    years = _YEAR_WORD.findall(window)
    return int(years[-1]) if years else None


_DATELINE = re.compile(r"(?:^|\n)[A-ZÀ-Ý][A-ZÀ-Ý .'’-]{1,40},\s*$")
_DATELINE_END = re.compile(r"\s*(?:\([^)]{1,40}\)\s*)?(?:--|—|–|-|\.—)")


def _in_dateline(text: str, m: re.Match[str]) -> bool:
    """"MONTEVIDEO, Sept. 3 (Xinhua) --": the date a wire story was filed, not an event's."""
    return bool(_DATELINE.search(text[max(0, m.start() - 45):m.start()])
                and _DATELINE_END.match(text, m.end()))


def _future(text: str, start: int, lang: str) -> bool:
    """A future marker earlier in the same sentence ("is scheduled to", "deverá")."""
    window = text[max(0, start - 80):start]
    window = re.split(r"[.!?\n]\s", window)[-1].lower()
    words = load().dates.get("future_markers", {}).get(lang, ())
    return any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", window) for w in words)


def _resolve(rule: str, m: re.Match[str], lang: str, base: date | None,
             narrative: int | None = None, ahead: bool = False) -> tuple[str | None, str | None]:
    groups = m.groupdict()
    data = load().dates
    try:
        if rule == "date.iso":
            iso = date(int(groups["year"]), int(groups["mnum"]), int(groups["day"]))
            return iso.isoformat(), "day"
        if rule.startswith(("date.day_month", "date.month_day", "date.month_year", "date.range",
                            "date.month_alone")):
            month = _month_number(groups["month"], data["months"][lang])
            year = (int(groups["year"]) if groups.get("year")
                    else narrative or _guess_year(month, base, ahead))
            if year is None:
                return None, None
            if groups.get("day"):
                return date(year, month, int(groups["day"])).isoformat(), "day"
            return f"{year:04d}-{month:02d}", "month"
        if rule in ("date.in_year", "date.edition_year"):
            return groups["year"] or groups["year2"], "year"
        if rule == "date.same_day":
            return None, None  # resolved from the date before it (_same_day)
        if base is None:
            return None, None
        if rule == "date.weekday_day":
            day, month, year = int(groups["day"]), base.month, base.year
            if day > base.day:
                year, month = (year - 1, 12) if month == 1 else (year, month - 1)
            return date(year, month, day).isoformat(), "day"
        if rule == "date.weekday":
            wd = _month_number(groups["weekday"], data["weekdays"][lang]) - 1
            back = (base.weekday() - wd) % 7
            prefix = (groups.get("prefix") or "").lower()
            if back == 0 and (groups.get("past") or "last" in prefix or "últim" in prefix
                              or "pasado" in prefix or "passad" in prefix):
                back = 7
            return (base - timedelta(days=back)).isoformat(), "day"
        unit, offset = data["relative"][lang][groups["relative"].lower()]
        if unit == "day":
            return (base + timedelta(days=offset)).isoformat(), "day"
        if unit == "week":
            return (base + timedelta(weeks=offset)).strftime("%Y-%m"), "month"
        if unit == "month":
            y, mth = divmod(base.year * 12 + base.month - 1 + offset, 12)
            return f"{y:04d}-{mth + 1:02d}", "month"
        return str(base.year + offset), "year"
    except (ValueError, KeyError):
        return None, None


def _month_number(word: str, table: list[list[str]]) -> int:
    word = word.lower()
    for i, names in enumerate(table, 1):
        if word in names:
            return i
    raise KeyError(word)


def _guess_year(month: int, base: date | None, ahead: bool = False) -> int | None:
    """A month without a year: the publication year, or the year before when the month
    would be more than two months after publication; in a sentence about the future, the
    next occurrence of that month."""
    if base is None:
        return None
    if ahead:
        return base.year + 1 if month < base.month else base.year
    return base.year - 1 if month > base.month + 2 else base.year


def _parse_iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
