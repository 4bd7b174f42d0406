"""Running headers, footers and page numbers, found by what they are.

A running line is text in one of the two top or two bottom rows of a page that comes
back in the same place on other pages: exactly, with a changing page number ("Page 3
of 12", "3 | Institute ..."), or on every other page (even and odd pages often carry
different heads). Digits and roman numerals are masked before comparing, so the page
number does not make each line unique. A row that is only a page number, in any of the
usual forms ("3", "- 3 -", "Page 3 of 12", "Página 3", "iii", "3/12"), is one too. So is
the top row of a later page set apart like a head (smaller than the body, a gap
below), even where no other page repeats it. No publisher's wording is involved.
"""

from __future__ import annotations

import re
from collections import Counter

from pipeline.extract.words import Word

EDGE_ROWS = 2  # rows at the top and at the bottom of a page that may hold running lines
SAME_ROW = 0.5  # words whose middles differ by less than this × height share a row
ROMAN = r"[ivxlcdm]{1,7}"
PAGE_NUMBER = re.compile(
    rf"(?i)^[\W_]*((page|p[aá]g(ina)?|p|seite|s)\.?\s*)?(\d{{1,4}}|{ROMAN})"
    rf"(\s*(of|de|/|von|sur)\s*\d{{1,4}})?[\W_]*$")
MASK = re.compile(rf"(?i)\b({ROMAN})\b|\d+")


def key(text: str) -> str:
    """Text with numbers (arabic or roman) masked, lowercase, single spaces."""
    return " ".join(MASK.sub("#", text.lower()).split())


def edge_rows(words: list[Word]) -> list[list[Word]]:
    """The top and bottom rows of a page (at most ``EDGE_ROWS`` each)."""
    rows: list[list[Word]] = []
    middle = -1e9
    for word in sorted(words, key=lambda w: w.middle):
        if rows and word.middle - middle <= SAME_ROW * word.size:
            rows[-1].append(word)
        else:
            rows.append([word])
            middle = word.middle
    if len(rows) <= 2 * EDGE_ROWS:
        return rows
    return rows[:EDGE_ROWS] + rows[-EDGE_ROWS:]


def _keys(row: list[Word]) -> set[str]:
    """The row's text and that of each of its pieces of two words or more."""
    ordered = sorted(row, key=lambda w: w.x0)
    keys = {key(w.text) for w in ordered if len(w.text.split()) >= 2}
    keys.add(key(" ".join(w.text for w in ordered)))
    return {k for k in keys if k.strip("# ")}


def _isolated(word: Word, row: list[Word]) -> bool:
    """A number standing apart from the rest of its row (a page number beside a title)."""
    return all(o is word or o.x1 < word.x0 - 1.5 * word.size or o.x0 > word.x1 + 1.5 * word.size
               for o in row)


def _lone_head(words: list[Word], rows: list[list[Word]]) -> bool:
    """A page's top row set apart like a running head even where no other page repeats it
    (page 2 of a two-page paper): smaller than the body text, a gap below it."""
    from pipeline.extract.layout import body_size

    if len(rows) < 2:
        return False
    head, below = rows[0], rows[1]
    size = max(w.size for w in head)
    gap = min(w.top for w in below) - max(w.bottom for w in head)
    text = " ".join(w.text for w in sorted(head, key=lambda w: w.x0))
    return size < body_size(words) * 0.9 and gap >= size and not text[:1].islower()


def drop_running(pages: list[list[Word]]) -> tuple[list[list[Word]], int]:
    """Pages without their running lines and page numbers; how many words went."""
    edges = [edge_rows(words) for words in pages]
    seen: Counter[str] = Counter()
    for rows in edges:
        seen.update({k for row in rows for k in _keys(row)})
    need = 2 if len(pages) <= 12 else max(2, len(pages) // 6)
    running = {k for k, n in seen.items() if n >= need}
    out, dropped = [], 0
    for number, (words, rows) in enumerate(zip(pages, edges, strict=True)):
        gone: set[int] = set()
        if number and _lone_head(words, rows):
            gone.update(id(w) for w in rows[0])
        for row in rows:
            ordered = sorted(row, key=lambda w: w.x0)
            whole = key(" ".join(w.text for w in ordered))
            if whole in running or PAGE_NUMBER.match(" ".join(w.text for w in ordered)):
                gone.update(id(w) for w in row)
                continue
            gone.update(id(w) for w in row if (len(w.text.split()) >= 2 and key(w.text) in running)
                        or (PAGE_NUMBER.match(w.text) and any(c.isdigit() for c in w.text)
                            and _isolated(w, row)))
        kept = [w for w in words if id(w) not in gone]
        if words and not kept:
            kept = words  # a page of nothing but repeated text is content, not a header
        dropped += len(words) - len(kept)
        out.append(kept)
    return out, dropped
