"""Dates at a precision: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` strings.

One definition of "two dates agree at the coarser precision", shared by the within-document
merge, the cross-document merge and the evaluation, so the three can never disagree.
"""

from __future__ import annotations

from datetime import date as Day
from datetime import timedelta

PRECISIONS = {4: "year", 7: "month", 10: "day"}


def precision(value: str | None) -> str | None:
    """``day``, ``month`` or ``year`` for a date string, None for no date."""
    return PRECISIONS.get(len(value)) if value else None


def agree(a: str | None, b: str | None) -> bool:
    """Equal at the coarser precision of the two ("2024-07-08" and "2024-07" agree);
    an absent date agrees with anything."""
    if not a or not b:
        return True
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def span(value: str) -> tuple[Day, Day]:
    """First and last day a date string covers."""
    if len(value) == 10:
        day = Day.fromisoformat(value)
        return day, day
    if len(value) == 4:
        return Day(int(value), 1, 1), Day(int(value), 12, 31)
    first = Day.fromisoformat(value + "-01")
    last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    return first, last


def holds(first: str | None, last: str | None, day: str | None) -> bool:
    """Does the stretch from ``first`` to ``last`` (days: "del 5 al 17 de junio") hold
    ``day``? False when any of the three is missing."""
    return bool(first and last and day) and (first or "") <= (day or "") <= (last or "")


def near(a: str | None, b: str | None, days: int) -> bool:
    """Agree, or (both at month precision or finer) lie within ``days`` of each other: one
    multi-day occurrence told day by day."""
    if agree(a, b):
        return True
    assert a and b
    if len(a) < 7 or len(b) < 7:
        return False
    (a0, a1), (b0, b1) = span(a), span(b)
    return (b0 - a1).days <= days and (a0 - b1).days <= days
