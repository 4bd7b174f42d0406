"""Binary search in a sorted list of ints, for the compiled rule modules.

The standard library's ``bisect_left`` and ``bisect_right`` compare the items as Python
objects, one comparison call a step (some 1,000 instructions a search, ~40,000 searches on
twenty bench texts: token offsets, clause cuts, paragraph breaks). Compiled by ``make fast``
the loops below compare machine integers; the source uses the standard library's functions
themselves (bound at the end: the same results, and a loop in Python would be slower).
"""

from __future__ import annotations

import bisect

from pipeline.nlp import COMPILED


def bisect_left(a: list[int], x: int, lo: int = 0, hi: int | None = None) -> int:
    """``bisect.bisect_left(a, x, lo, hi)``: where ``x`` goes in ``a``, before equal items."""
    if lo < 0:
        raise ValueError("lo must be non-negative")
    end = len(a) if hi is None else hi
    while lo < end:
        mid = (lo + end) // 2
        if a[mid] < x:
            lo = mid + 1
        else:
            end = mid
    return lo


def bisect_right(a: list[int], x: int, lo: int = 0, hi: int | None = None) -> int:
    """``bisect.bisect_right(a, x, lo, hi)``: where ``x`` goes in ``a``, after equal items."""
    if lo < 0:
        raise ValueError("lo must be non-negative")
    end = len(a) if hi is None else hi
    while lo < end:
        mid = (lo + end) // 2
        if x < a[mid]:
            end = mid
        else:
            lo = mid + 1
    return lo


if not COMPILED:  # (the source: the standard library's C functions, not Python loops)
    globals().update(bisect_left=bisect.bisect_left, bisect_right=bisect.bisect_right)
