"""Line numbers printed in a page's margin (a manuscript under review, a legal text, a
court record): a column of small whole numbers, one at the start of each text line, that
pdfplumber reads as the line's first word ("the 27 latest in a string of US military
engagements"; "from August 5 to 30 11": a date broken by them). They are not text.

A column of such numbers is told by its shape, never by its look: numbers of at most three
digits, aligned on one edge (left or right), each the first word of its column's row with
the row's text apart from it, counting down the page in one steady step (1, 2, 3 or 5, 10, 15), at
least ``MIN_NUMBERS`` of them. A table's column of years (2008, 2013, 2015) has no steady
step; a numbered list writes "1." or "(1)", never a bare number beside every line.
"""

from __future__ import annotations

from collections import Counter

from pipeline.extract.words import Word

MIN_NUMBERS = 5  # line numbers a page must show in one column to be told as such
ALIGN = 2.0  # points: how far the edges of one column's numbers may stray
APART = 0.3  # the row's text starts at least this many of the number's heights after it
BEFORE = 1.5  # ... and no word of the row ends within this many of its heights before it
ROW = 0.5  # share of a word's height two words' middles may differ by on one row
STEADY = 0.8  # share of the steps between consecutive numbers that are the usual step


def drop_line_numbers(words: list[Word]) -> list[Word]:
    """The page's words without its margin line numbers."""
    firsts = [w for w in words if len(w.text) <= 3 and w.text.isdigit()
              and _first_of_row(w, words)]
    if len(firsts) < MIN_NUMBERS:
        return words
    gone: set[int] = set()
    for edge in ("x0", "x1"):
        for column in _columns(firsts, edge):
            if len(column) >= MIN_NUMBERS and _steady(column):
                gone.update(id(w) for w in column)
    return [w for w in words if id(w) not in gone] if gone else words


def _first_of_row(number: Word, words: list[Word]) -> bool:
    """The first word of its column's row: no word of the row ends just before it (the
    left column's line may, across the gutter: a second column's numbers stand in it),
    and the next word stands apart from it."""
    row = [w for w in words if w is not number
           and abs(w.middle - number.middle) <= ROW * max(w.size, number.size)]
    if any(number.x0 - BEFORE * number.size < w.x1 <= number.x0 + 0.1 for w in row):
        return False
    after = [w.x0 for w in row if w.x0 >= number.x1]
    return bool(after) and min(after) - number.x1 >= APART * number.size


def _columns(numbers: list[Word], edge: str) -> list[list[Word]]:
    """The numbers grouped by one aligned edge, each group top to bottom."""
    groups: list[list[Word]] = []
    for w in sorted(numbers, key=lambda w: getattr(w, edge)):
        if groups and getattr(w, edge) - getattr(groups[-1][-1], edge) <= ALIGN:
            groups[-1].append(w)
        else:
            groups.append([w])
    return [sorted(g, key=lambda w: w.top) for g in groups]


def _steady(column: list[Word]) -> bool:
    """The numbers rise down the page, most of them by one usual step of 1 to 5."""
    values = [int(w.text) for w in column]
    steps = [b - a for a, b in zip(values, values[1:], strict=False)]
    if any(s <= 0 for s in steps):
        return False
    usual, n = Counter(steps).most_common(1)[0]
    return usual <= 5 and n >= STEADY * len(steps)
