"""Within-document merge: candidates that state the same event become one event.

Candidates agree when they have the same type, a shared LAC state and a shared outside
power, and dates equal at the coarser precision or within ``MERGE_DAYS`` of each other (a
multi-day event told day by day). Firm, precise candidates seed events; undated and
support-only ones join the nearest agreeing event in the text. Each event gets a stable
key (hash of type, countries and date: re-runs and unrelated changes keep it), a
confidence, and one evidence row per sentence; an undated event falls back to the
publication date (precision ``month``, ``date_source = published``).
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date as Day
from datetime import timedelta

from spacy.tokens import Span

from pipeline.nlp.dates import DateMention
from pipeline.records import Document, Event, Evidence

MERGE_DAYS = 7


@dataclass
class Candidate:
    type: str
    countries: set[str]
    date: str | None
    precision: str | None
    sentence: Span
    trigger: Span
    from_context: bool
    persons: list[str] = field(default_factory=list)
    institutions: list[str] = field(default_factory=list)
    location: str | None = None
    support: bool = False  # may only join an event stated firmly elsewhere
    lac: set[str] = field(default_factory=set)
    weak: bool = False
    mention: DateMention | None = None


def _compatible(a: Candidate, b: Candidate) -> bool:
    """Same type, a shared LAC state and a shared outside power, dates that agree at the
    coarser precision or lie within ``MERGE_DAYS`` of each other (a multi-day event)."""
    if a.type != b.type or not (a.lac & b.lac):
        return False
    if not ((a.countries - a.lac) & (b.countries - b.lac)):
        return False
    if a.date is None or b.date is None:
        return True
    n = min(len(a.date), len(b.date))
    if a.date[:n] == b.date[:n]:
        return True
    if len(a.date) < 7 or len(b.date) < 7:
        return False
    (a0, a1), (b0, b1) = _span(a.date), _span(b.date)
    return (b0 - a1).days <= MERGE_DAYS and (a0 - b1).days <= MERGE_DAYS


def _span(value: str) -> tuple[Day, Day]:
    if len(value) == 10:
        day = Day.fromisoformat(value)
        return day, day
    first = Day.fromisoformat(value + "-01")
    last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    return first, last


def merge(candidates: list[Candidate]) -> list[list[Candidate]]:
    rank = {"day": 0, "month": 1, "year": 2, None: 3}
    order = sorted(range(len(candidates)),
                   key=lambda i: (candidates[i].support, rank[candidates[i].precision],
                                  candidates[i].weak, i))
    groups: list[list[Candidate]] = []
    for i in order:
        cand = candidates[i]
        fits = [g for g in groups if _compatible(g[0], cand)]
        if fits:
            # the nearest group in the text
            best = min(fits, key=lambda g: min(abs(c.sentence.start - cand.sentence.start)
                                               for c in g))
            best.append(cand)
        else:
            groups.append([cand])
    return groups


def build_event(group: list[Candidate], document: Document) -> Event:
    head = next((c for c in group if not c.support), group[0])
    date, precision, source = head.date, head.precision, "stated"
    if date is None:
        if document.published:
            date, precision, source = document.published[:7], "month", "published"
        else:
            source = "none"
    countries = tuple(sorted(set().union(*(c.countries for c in group))))
    basis = f"{head.type}|{','.join(countries)}|{date or ''}"
    key = hashlib.sha256(basis.encode()).hexdigest()[:16]
    confidence = 0.9 - (0.2 if all(c.from_context for c in group) else 0) \
        - (0.1 if source != "stated" else 0) + 0.03 * (len(group) - 1)
    evidence = tuple(sorted({_evidence(c, document) for c in group}, key=lambda e: e.start))
    return Event(
        key=key, type=head.type, date=date, date_precision=precision, date_source=source,
        countries=countries,
        location=next((c.location for c in group if c.location), None),
        persons=tuple(dict.fromkeys(p for c in group for p in c.persons)),
        institutions=tuple(dict.fromkeys(i for c in group for i in c.institutions)),
        confidence=round(max(0.1, min(0.99, confidence)), 2), evidence=evidence,
    )


def _evidence(c: Candidate, document: Document) -> Evidence:
    sent = c.sentence
    text = document.text[sent.start_char:sent.end_char]
    start = sent.start_char + (len(text) - len(text.lstrip()))
    end = sent.start_char + len(text.rstrip())
    page = bisect_right(document.page_offsets, start) if document.page_offsets else None
    return Evidence(
        document_id=document.id, sentence=document.text[start:end], start=start, end=end,
        page=page, rule=c.trigger.kb_id_, trigger=c.trigger.text,
        trigger_start=c.trigger.start_char, trigger_end=c.trigger.end_char,
    )
