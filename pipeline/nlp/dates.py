"""Find date expressions in text and resolve them to (date, precision).

The words come from ``models/dates.json``; this module only assembles them into
patterns. Relative expressions ("on Monday", "el martes pasado", "na última
terça-feira", "last week", "this year") resolve against the publication date.
A date range keeps its start (the first expression found wins).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
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


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _first(words: list[str]) -> str:
    """A look-ahead for the first characters of ``words``."""
    return "(?=[" + "".join(sorted({re.escape(w[0]) for w in words})) + "])"


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
    # each pattern starts with a look-ahead for its possible first characters: the same
    # matches, but the regex engine skips most positions at once
    digit, in_year = r"(?=\d)", ["in", "en", "em", "during", "durante", "since", "desde"]
    pats = [
        ("date.iso", rf"{digit}{b}{YEAR}-(?P<mnum>[01]\d)-(?P<day>[0-3]\d){e}"),
        ("date.day_month_year",
         rf"{digit}{b}{day}(?:\s+de)?\s+{mon}(?:,?\s+(?:de\s+|of\s+)?{YEAR})?{e}"),
        ("date.month_day_year", rf"{_first(months)}{b}{mon}\s+{day}(?:,\s*{YEAR})?{e}"),
        ("date.month_year", rf"{_first(months)}{b}{mon}(?:,)?\s+(?:de\s+|of\s+)?{YEAR}{e}"),
        ("date.weekday", rf"{_first(prefixes + weekdays)}{b}(?:(?P<prefix>{_alt(prefixes)})\s+)?"
                         rf"(?P<weekday>{_alt(weekdays)})(?:\s+(?P<past>pasado|passado|passada))?{e}"),
        ("date.relative", rf"{_first(rel)}{b}(?P<relative>{_alt(rel)}){e}"),
        ("date.in_year", rf"{_first(in_year)}{b}(?:{'|'.join(in_year)})\s+"
                         rf"(?:early\s+|late\s+)?{YEAR}{e}"),
    ]
    return [(rule, re.compile(p, re.IGNORECASE)) for rule, p in pats]


def find(text: str, lang: str, published: str | None) -> list[DateMention]:
    """Every date expression in ``text``, resolved where possible, in text order."""
    lang = lang if lang in ("en", "es", "pt") else "en"
    base = _parse_iso(published)
    taken_starts: list[int] = []  # spans taken so far: sorted, never overlapping
    taken_ends: list[int] = []
    found: list[DateMention] = []
    for rule, pattern in _patterns(lang):
        for m in pattern.finditer(text):
            i = bisect_left(taken_starts, m.end())  # taken spans starting before m ends
            if i and taken_ends[i - 1] > m.start():
                continue
            if rule == "date.weekday" and not m.group("prefix") and not m.group("past"):
                if lang == "pt" and m.group("weekday").lower() in ("segunda", "terça", "quarta",
                                                                    "quinta", "sexta"):
                    continue  # bare "segunda" is also "second"
            value, precision = _resolve(rule, m, lang, base)
            if rule in ("date.month_day_year", "date.day_month_year") and value is None:
                continue
            taken_starts.insert(i, m.start())
            taken_ends.insert(i, m.end())
            found.append(DateMention(m.start(), m.end(), m.group(0), value, precision, rule))
    return sorted(found, key=lambda d: d.start)


def _resolve(rule: str, m: re.Match[str], lang: str, base: date | None
             ) -> tuple[str | None, str | None]:
    groups = m.groupdict()
    data = load().dates
    try:
        if rule == "date.iso":
            return date(int(groups["year"]), int(groups["mnum"]), int(groups["day"])).isoformat(), "day"
        if rule in ("date.day_month_year", "date.month_day_year", "date.month_year"):
            month = _month_number(groups["month"], data["months"][lang])
            year = int(groups["year"]) if groups.get("year") else _guess_year(month, base)
            if year is None:
                return None, None
            if groups.get("day"):
                return date(year, month, int(groups["day"])).isoformat(), "day"
            return f"{year:04d}-{month:02d}", "month"
        if rule == "date.in_year":
            return groups["year"], "year"
        if base is None:
            return None, None
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


def _guess_year(month: int, base: date | None) -> int | None:
    """A month without a year: the publication year, or the year before when the month
    would be more than two months after publication."""
    if base is None:
        return None
    return base.year - 1 if month > base.month + 2 else base.year


def _parse_iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
