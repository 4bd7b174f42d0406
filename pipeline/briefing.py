"""The figures analysts put in a briefing (no SQL, no HTML): counts of occurrences.

An event here is one occurrence (reports from several documents merged), counted when it
is accepted or not yet reviewed (rejected ones never count), with reviewers' corrections
applied. An *exchange* of a power with a state is an event whose parties include both;
an event with two LAC states is one exchange with each.

- ``headlines``: "China: 119 exchanges with 19 countries, 2022–2025", one line per power;
- ``power_by_country``: how many exchanges each power had with each LAC state;
- ``per_year``: events per year, by power and type.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from pipeline.nlp.models import read_jsonl

COUNTED = ("accepted", "corrected", "unreviewed")


@cache
def country_names() -> dict[str, str]:
    """ISO3 -> English name (models/countries.jsonl)."""
    return {c["id"]: c["name"] for c in read_jsonl("countries.jsonl")}


@cache
def _regions() -> dict[str, str]:
    return {c["id"]: c["region"] for c in read_jsonl("countries.jsonl")}


def name(code: str) -> str:
    return country_names().get(code, code)


@dataclass
class Briefing:
    """The counted events of a period and the figures drawn from them."""

    events: list[dict[str, Any]]
    first: int | None  # first and last year of the period (chosen, or of the events)
    last: int | None
    chosen: bool = False
    powers: list[str] = field(default_factory=list)  # by number of exchanges, most first

    @property
    def period(self) -> str:
        if self.first is None or self.last is None:
            return "no dated events"
        return str(self.first) if self.first == self.last else f"{self.first}–{self.last}"

    def exchanges(self, power: str) -> list[dict[str, Any]]:
        return [e for e in self.events if power in e["countries"] and lac(e)]

    def headline(self, power: str) -> str:
        events = self.exchanges(power)
        states = {c for e in events for c in lac(e)}
        accepted = sum(e["review_status"] != "unreviewed" for e in events)
        return (f"{name(power)}: {len(events)} exchange{'' if len(events) == 1 else 's'} with "
                f"{len(states)} countr{'y' if len(states) == 1 else 'ies'}, {self.period} "
                f"({accepted} accepted, {len(events) - accepted} not yet reviewed)")

    def headlines(self) -> list[str]:
        return [self.headline(p) for p in self.powers]

    def power_by_country(self) -> dict[str, Counter[str]]:
        """LAC state -> power -> exchanges."""
        table: dict[str, Counter[str]] = defaultdict(Counter)
        for e in self.events:
            for state in lac(e):
                for power in powers(e):
                    table[state][power] += 1
        return dict(sorted(table.items(), key=lambda kv: (-sum(kv[1].values()), name(kv[0]))))

    def per_year(self, power: str) -> dict[str, Counter[str]]:
        """Year -> type -> events of one power (undated events under "undated")."""
        table: dict[str, Counter[str]] = defaultdict(Counter)
        for e in self.exchanges(power):
            table[(e["date"] or "")[:4] or "undated"][e["type"]] += 1
        return dict(sorted(table.items()))


def lac(event: dict[str, Any]) -> list[str]:
    return [c for c in event["countries"] if _regions().get(c) == "LAC"]


def powers(event: dict[str, Any]) -> list[str]:
    return [c for c in event["countries"] if _regions().get(c) == "extra"]


def briefing(events: Iterable[dict[str, Any]], since: int | None = None,
             until: int | None = None) -> Briefing:
    """Counted events (accepted or not yet rejected) of the years ``since``–``until``; with
    a period chosen, undated events are left out (they cannot be placed in it)."""
    chosen = since is not None or until is not None
    kept = []
    for e in events:
        if e["review_status"] not in COUNTED:
            continue
        year = int(e["date"][:4]) if e.get("date") else None
        if chosen and (year is None or (since is not None and year < since)
                       or (until is not None and year > until)):
            continue
        kept.append(e)
    years = [int(e["date"][:4]) for e in kept if e.get("date")]
    first = since if since is not None else (min(years) if years else None)
    last = until if until is not None else (max(years) if years else None)
    result = Briefing(kept, first, last, chosen)
    counts = Counter(p for e in kept if lac(e) for p in powers(e))
    result.powers = [p for p, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    return result
