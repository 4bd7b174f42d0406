"""Running headers, footers and page numbers, found by what they are.

A running line is text in one of the two top or two bottom rows of a page that comes
back in the same place on other pages: exactly, with a changing page number ("Page 3
of 12", "3 | Institute ..."), or on every other page (even and odd pages often carry
different heads). Digits and roman numerals are masked before comparing, so the page
number does not make each line unique. A row that is only a page number, in any of the
usual forms ("3", "- 3 -", "Page 3 of 12", "Página 3", "iii", "3/12"), set apart from the
body by a blank, is one too (a year that ends a paragraph at the top of a column is not),
and so is a row set apart that starts or ends with "Page 3 of 12" beside other words (an
office's address line in the footer of a one-page release). So is the top row of a later
page set apart like a head (smaller than the body, a gap below), even where no other page
repeats it. No publisher's wording is involved.
"""

from __future__ import annotations

import re
from collections import Counter

from pipeline.extract.layout import body_size
from pipeline.extract.words import Word

EDGE_ROWS = 2  # rows at the top and at the bottom of a page that may hold running lines
SAME_ROW = 0.5  # words whose middles differ by less than this × height share a row
ROMAN = r"[ivxlcdm]{1,7}"
PAGE_WORDS = r"page|p[aá]g(?:ina)?"  # "Page", "Pág.", "Página"
PAGE_NUMBER = re.compile(
    rf"(?i)^[\W_]*((?:{PAGE_WORDS}|p|seite|s)\.?\s*)?(\d{{1,3}}|{ROMAN})"
    rf"(\s*(of|de|/|von|sur)\s*\d{{1,4}})?[\W_]*$")
# a row at the page's edge that starts or ends with "Page 3 of 12" ("Office of Public Affairs
# | Page 1 of 1"): a footer even on a one-page document, where nothing repeats it
PAGE_OF = rf"(?:{PAGE_WORDS})\.?\s*\d{{1,3}}\s*(?:of|de|/)\s*\d{{1,4}}"
PAGE_LABEL = re.compile(rf"(?i)(?:^|\s){PAGE_OF}$|^{PAGE_OF}\s")
LETTERS = re.compile(r"[^\W\d_]{3}")
MASK = re.compile(rf"(?i)\b({ROMAN})\b|\d+")


def key(text: str) -> str:
    """Text with numbers (arabic or roman) masked, lowercase, single spaces."""
    return " ".join(MASK.sub("#", text.lower()).split())


def edge_rows(words: list[Word]) -> list[tuple[list[Word], float]]:
    """The top and bottom rows of a page (at most ``EDGE_ROWS`` each), each with the
    blank between it and the next row inward."""
    rows: list[list[Word]] = []
    middle = -1e9
    for word in sorted(words, key=lambda w: w.middle):
        if rows and word.middle - middle <= SAME_ROW * word.size:
            rows[-1].append(word)
        else:
            rows.append([word])
            middle = word.middle
    tops = [min(w.top for w in row) for row in rows]
    bottoms = [max(w.bottom for w in row) for row in rows]
    out = []
    for index in sorted(set(range(min(EDGE_ROWS, len(rows))))
                        | set(range(max(0, len(rows) - EDGE_ROWS), len(rows)))):
        inward = index + 1 if index < len(rows) / 2 else index - 1
        if 0 <= inward < len(rows):
            gap = tops[inward] - bottoms[index] if inward > index else tops[index] - bottoms[inward]
        else:
            gap = 1e9
        out.append((rows[index], gap))
    return out


def _keys(row: list[Word]) -> set[str]:
    """The row's text and that of each of its pieces of two words or more."""
    ordered = sorted(row, key=lambda w: w.x0)
    keys = {key(w.text) for w in ordered if len(w.text.split()) >= 2}
    keys.add(key(" ".join(w.text for w in ordered)))
    return {k for k in keys if LETTERS.search(k)}


def _isolated(word: Word, row: list[Word]) -> bool:
    """A number standing apart from the rest of its row (a page number beside a title)."""
    return all(o is word or o.x1 < word.x0 - 1.5 * word.size or o.x0 > word.x1 + 1.5 * word.size
               for o in row)


def _lone_head(body: float, rows: list[list[Word]]) -> bool:
    """A page's top row set apart like a running head even where no other page repeats it
    (page 2 of a two-page paper): smaller than the body text (``body``: the document's,
    not the page's, whose few lines may be outnumbered by a closing contact block in
    small type), a gap below it."""
    if len(rows) < 2:
        return False
    head, below = rows[0], rows[1]
    size = max(w.size for w in head)
    gap = min(w.top for w in below) - max(w.bottom for w in head)
    text = " ".join(w.text for w in sorted(head, key=lambda w: w.x0))
    return size < body * 0.9 and gap >= size and not text[:1].islower()


def drop_running(pages: list[list[Word]]) -> tuple[list[list[Word]], int]:
    """Pages without their running lines and page numbers; how many words went."""
    edges = [edge_rows(words) for words in pages]
    seen: Counter[str] = Counter()
    for rows in edges:
        seen.update({k for row, _ in rows for k in _keys(row)})
    need = 2 if len(pages) <= 12 else max(2, len(pages) // 6)
    running = {k for k, n in seen.items() if n >= need}
    out, dropped = [], 0
    body = body_size([w for words in pages for w in words]) if len(pages) > 1 else 0.0
    for number, (words, rows) in enumerate(zip(pages, edges, strict=True)):
        gone: set[int] = set()
        if number and _lone_head(body, [row for row, _ in rows]):
            gone.update(id(w) for w in rows[0][0])
        for row, gap in rows:
            ordered = sorted(row, key=lambda w: w.x0)
            text = " ".join(w.text for w in ordered)
            apart = gap >= 0.8 * max(w.size for w in row)  # a blank between it and the body
            if key(text) in running or (apart and (PAGE_NUMBER.match(text)
                                                   or PAGE_LABEL.search(text))):
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
