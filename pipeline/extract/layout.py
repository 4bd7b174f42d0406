"""Reading order of a PDF page from geometry alone (never from the content stream).

``page_blocks(words)`` cuts the page recursively (an XY-cut): the words are stacked
into horizontal bands split where a blank line runs across; consecutive bands that
share a vertical blank strip with text on both sides (a column gutter) form one group,
which is cut into columns, each read top to bottom before the next one; bands without
such a strip (a title, an abstract box, a full-width paragraph) are read as they come.
A group whose rows are mostly three or more short cells is a table: it is read row by
row. A part much narrower than the one beside it (a side box, a margin note) is
read after the text it stands beside. Small lines below the body text of their
column (footnotes) go to the end of the page, and a footnote marker drawn small and
raised is dropped from the body. Text drawn beyond the page's right edge (invisible, but
in the file) is never taken for a column of its own.

The result is a list of ``Block``: lines in reading order with their geometry, so
``paragraphs.py`` can tell paragraph gaps, headings and table rows apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from operator import attrgetter

from pipeline.extract.words import Word, is_rtl

MIN_GAP = 0.6  # a column gutter: at least this many line heights of blank
WIDE_GAP = 1.2  # ... and this many when only two rows have text on both sides
SHRINK = 0.3  # rows overlap only where their middle parts do (loose boxes touch)
SAME_LINE = 0.35  # words whose middles differ by less than this × height share a line
SMALL = 0.88  # a line smaller than this × the body size: a note, a caption, a marker
TABLE_WORDS = 3.5  # a table's cells hold at most this many words (median)
SIDE_BOX = 0.45  # a part narrower than this × the widest part beside it is a side box
CELL_GAP = 1.5  # cells of a row: apart by at least this many line heights
GUTTER = 2.0  # a strip this many line heights wide is a gutter, its lines aligned or not
MIDDLE = attrgetter("middle")
X0 = attrgetter("x0")
MARKER = re.compile(r"^[\d*†‡§,\s]{1,6}$")


@dataclass
class Line:
    words: list[Word]
    top: float
    bottom: float
    size: float
    text: str = ""
    x0: float = 0.0
    x1: float = 0.0


@dataclass
class Block:
    """Lines read together: a column's stretch of text, a full-width band, a table."""

    lines: list[Line]
    kind: str = "text"  # text | table | note | side
    x0: float = 0.0
    x1: float = 0.0
    small: bool = False
    extra: dict = field(default_factory=dict)


def page_blocks(words: list[Word], width: float = 1e9) -> list[Block]:
    """The blocks of one page (``width`` points wide) in reading order, notes last."""
    words = [w for w in words if not w.marker and w.text.strip()]
    if not words:
        return []
    body = body_size(words)
    words = _drop_caps(words, body)
    blocks: list[Block] = []
    _order(words, blocks, body, width)
    for block in blocks:
        block.lines = [ln for ln in block.lines if not _stray_marker(ln, block, body)]
    blocks = [piece for b in blocks if b.lines for piece in _split_small_tail(b, body)]
    for block in blocks:
        block.small = all(ln.size < body * SMALL for ln in block.lines)
    notes = _notes(blocks)
    sides = [b for b in blocks if b.kind == "note" and not any(b is n for n in notes)]
    for block in sides:
        block.kind = "side"  # a side box (``_order``): a margin cell, a list of what is
        # inside, a reference box; not the story's text, but it may date the page
    for block in notes:
        block.kind = "note"
    return [b for b in blocks if b.kind not in ("note", "side")] + sides + notes


DROP_CAP = 1.8  # a drop cap: a lone capital at least this many times the body size


def _drop_caps(words: list[Word], body: float) -> list[Word]:
    """Words with each drop cap joined to the word it opens: a single capital letter drawn
    two or three lines tall, with body-size text starting just right of it on its top
    line ("V" + "enezuelan"); read as a word of its own, its baseline put it on the second
    line ("enezuelan President ... / V ordered more than"). The cap is the word's first
    letter when the text beside it goes on in small letters or in capitals ("A|NGOL,
    Chile"), a word of its own before a capitalised word ("A| U.S. Air Force"); a cap that
    can be a word of one letter before a small one is told by the words of the three
    languages: "O| ministro" and "A| delegation" part (the joined form is no word, the
    rest is one), "A| rmy" and "A| fter" join."""
    caps = [w for w in words if len(w.text) == 1 and w.text.isupper()
            and w.size >= DROP_CAP * body]
    if not caps:
        return words
    for cap in caps:
        beside = [w for w in words if w is not cap and w.size < DROP_CAP * body / 1.5
                  and -0.5 * body <= w.x0 - cap.x1 < 2 * body and w.text[:1].isalpha()
                  and cap.top - w.size / 2 < w.middle < cap.bottom]
        if not beside:
            continue
        first = min(beside, key=lambda w: w.top)
        if first.top > cap.top + first.size:  # the cap stands beside a later line only
            continue
        head = first.text.split()[0].strip(",.;:")
        space = "" if first.text[0].islower() or (head.isalpha() and head.isupper()) \
            else " "  # "V|enezuelan", "A|NGOL, Chile", but "A| U.S. Air Force"
        if not space and cap.text in ONE_LETTER_WORDS and _apart(cap.text, head):
            space = " "
        joined = Word(first.x0, first.top, first.x1, first.bottom, cap.text + space + first.text,
                      first.marker)
        words = [joined if w is first else w for w in words if w is not cap]
    return words


ONE_LETTER_WORDS = frozenset("AOEIYÉÀ")  # words of one capital letter in en, es or pt
WORD_LANGUAGES = ("en", "es", "pt")


def _apart(cap: str, head: str) -> bool:
    """Whether a drop cap that can be a word of its own stands apart from the small word
    beside it: the two joined make no word of the three languages and the small one is a
    word ("O|ministro", "A|delegation"; not "A|rmy", "A|fter", "A|nother")."""
    import simplemma

    def known(word: str) -> bool:
        return any(simplemma.is_known(word, lang=lang) for lang in WORD_LANGUAGES)

    head = head.lower()
    return head.isalpha() and len(head) > 1 and known(head) and not known(cap.lower() + head)


def body_size(words: list[Word]) -> float:
    """The height of most of the page's text (median by characters)."""
    sizes = sorted((w.size, len(w.text)) for w in words)
    half, seen = sum(n for _, n in sizes) / 2, 0
    for size, n in sizes:
        seen += n
        if seen >= half:
            return size
    return sizes[-1][0]


def bands(words: list[Word]) -> list[list[Word]]:
    """Words stacked into horizontal bands, split where a blank runs across."""
    out: list[list[Word]] = []
    bottom = -1e9
    for word in sorted(words, key=lambda w: w.top):
        pad = word.size * SHRINK
        if out and word.top + pad < bottom:
            out[-1].append(word)
            bottom = max(bottom, word.bottom - pad)
        else:
            out.append([word])
            bottom = word.bottom - pad
    return out


def _free(band: list[Word], x0: float, x1: float, gap: float) -> list[tuple[float, float]]:
    """Blank x intervals of a band between x0 and x1, at least ``gap`` wide."""
    out = []
    cur = x0
    for word in sorted(band, key=lambda w: w.x0):
        if word.x0 - cur >= gap:
            out.append((cur, word.x0))
        cur = max(cur, word.x1)
    if x1 - cur >= gap:
        out.append((cur, x1))
    return out


def _intersect(a: list[tuple[float, float]], b: list[tuple[float, float]],
               gap: float) -> list[tuple[float, float]]:
    out = []
    for a0, a1 in a:
        for b0, b1 in b:
            lo, hi = max(a0, b0), min(a1, b1)
            if hi - lo >= gap:
                out.append((lo, hi))
    return out


@dataclass
class _Group:
    bands: list[list[Word]]
    common: list[tuple[float, float]]
    x0: float
    x1: float
    established: bool = False  # two rows or more stand on each side of one of its gutters

    def cuts(self) -> list[tuple[float, float]]:
        """Blank strips with text of the group on both sides."""
        return [iv for iv in self.common if iv[0] > self.x0 + 0.5 and iv[1] < self.x1 - 0.5]


def _groups(rows: list[list[Word]], x0: float, x1: float, gap: float,
            size: float) -> list[_Group]:
    """Consecutive bands that share a gutter, or that have none, grouped."""
    groups: list[_Group] = []
    for band in rows:
        free = _free(band, x0, x1, gap)
        alone = _Group([band], free, min(w.x0 for w in band), max(w.x1 for w in band))
        if groups:
            last = groups[-1]
            merged = _Group(last.bands, _intersect(last.common, free, gap),
                            min(last.x0, alone.x0), max(last.x1, alone.x1))
            if _joins(last, alone, merged, size):  # the bands list is shared: append once
                merged.bands.append(band)
                groups[-1] = merged
                continue
        groups.append(alone)
    return groups


def _joins(group: _Group, band: _Group, merged: _Group, size: float) -> bool:
    """Whether a band goes on the group above it.

    A group without a gutter takes a band without a gap of its own. A group with one
    takes a band the gutter runs on through: a band with no wide gap, a band one of
    whose wide gaps is part of the gutter, or (once two rows of the group stand on each
    side of a gutter) a band on one side of it, however loose its word spaces. Such a
    group ends at a band that runs across one of its gutters (a paragraph after a table)."""
    if not group.cuts():
        return not band.cuts()
    cuts = merged.cuts()
    if not cuts:
        return False
    if not group.established:
        group.established = _established(group)
    established = merged.established = group.established
    if established and len(cuts) < len(group.cuts()):
        return False  # the band runs across a gutter of the group
    own = [(lo, hi) for lo, hi in band.cuts() if hi - lo >= size]
    if not own or any(lo < b and a < hi for a, b in cuts for lo, hi in own):
        return True
    return established and any(band.x1 <= lo + 0.5 or band.x0 >= hi - 0.5 for lo, hi in cuts)


def _established(group: _Group) -> bool:
    """Two rows or more stand on each side of one of the group's gutters."""
    words = [w for row in group.bands for w in row]
    return any(min(len(_rows([w for w in words if w.x1 <= a + 0.5])),
                   len(_rows([w for w in words if w.x0 >= b - 0.5]))) >= 2
               for a, b in group.cuts())


def _order(words: list[Word], out: list[Block], body: float, width: float) -> None:
    """Append the blocks of ``words`` in reading order."""
    x0, x1 = min(w.x0 for w in words), max(w.x1 for w in words)
    size = body_size(words)
    gap = max(3.0, MIN_GAP * size)
    plain: list[Word] = []  # consecutive bands without a gutter, read as one block
    floats: list[list[Word]] = []
    groups = _groups(bands(words), x0, x1, gap, size)
    _hand_down(groups, x0, x1, gap, size)
    for group in groups:
        members = [w for band in group.bands for w in band]
        cuts = [c for c in _real_cuts(group, size)
                if max(w.x1 for w in members if w.x0 >= c[1] - 0.5) <= width + 1]
        if not cuts:
            plain += members
            continue
        if plain:
            out.append(_leaf(plain, size))
            plain = []
        edges = [x0 - 1] + [(a + b) / 2 for a, b in cuts] + [x1 + 1]
        parts = [[w for w in members if lo <= (w.x0 + w.x1) / 2 < hi]
                 for lo, hi in zip(edges, edges[1:], strict=False)]
        parts = [p for p in parts if p]
        table = _leaf(members, size)
        if table.kind == "table":
            out.append(table)
            continue
        if is_rtl(" ".join(w.text for w in members[:50])):
            parts.reverse()
        widths = [max(w.x1 for w in p) - min(w.x0 for w in p) for p in parts]
        for part, part_width in zip(parts, widths, strict=True):
            if len(parts) == 2 and part_width < SIDE_BOX * max(widths):
                floats.append(part)  # a side box: read like a note, after the text
            else:
                _order(part, out, body, width)
    if plain:
        out.append(_leaf(plain, size))
    for part in floats:
        start = len(out)
        _order(part, out, body, width)
        for block in out[start:]:
            block.kind = "note" if block.kind == "text" else block.kind


def _hand_down(groups: list[_Group], x0: float, x1: float, gap: float, size: float) -> None:
    """A right column whose first line stands higher than the left one's (the left column
    opens with a paragraph gap, or a byline above it): that line, alone in its band and
    with no gutter of its own, was read with the full-width text above, before the whole
    left column. A band that lies right of a gutter of the columns below, starts where
    the column there starts, in the body size, and fills half its width or more, goes down
    to them (a short right-aligned date line over the columns stays where it is). So does
    one left of a gutter, the text's first line beside a side box that starts lower: read
    as a block of its own, its sentence was cut off from the lines below it."""
    for n in range(len(groups) - 1):
        above, below = groups[n], groups[n + 1]
        if above.cuts():
            continue
        cuts = _real_cuts(below, size)
        moved = False
        while cuts and above.bands:
            band = above.bands[-1]
            bx0, bx1 = min(w.x0 for w in band), max(w.x1 for w in band)
            side = next((c for c in cuts if bx0 >= c[1] - 0.5), None)
            left = next((c for c in cuts if bx1 <= c[1] - gap), None)  # short of the right
            if side is not None:
                column = [w for b in below.bands for w in b if w.x0 >= side[1] - 0.5]
            elif left is not None:  # a side box beside the text starts lower than it
                column = [w for b in below.bands for w in b if w.x1 <= left[0] + 0.5]
            else:
                break
            if not column:
                break
            cx0, cx1 = min(w.x0 for w in column), max(w.x1 for w in column)
            indent = 3 * size if side is None else size  # a first line's indent, drop cap
            if not -size <= bx0 - cx0 <= indent or bx1 - bx0 < 0.5 * (cx1 - cx0) \
                    or any(abs(w.size - size) > 0.8 for w in band):
                break
            above.bands.pop()
            below.bands.insert(0, band)
            below.common = _intersect(below.common, _free(band, x0, x1, gap), gap)
            moved = True
        if moved and above.bands:
            above.x0 = min(w.x0 for b in above.bands for w in b)
            above.x1 = max(w.x1 for b in above.bands for w in b)
    groups[:] = [g for g in groups if g.bands]


def _real_cuts(group: _Group, size: float) -> list[tuple[float, float]]:
    """The group's gutters: blank strips with three lines or more on each side (two, if
    the strip is wider than any word space), along which the text on one side is aligned
    (a column starts or ends there): not the chance line-up of wide word spaces. A strip
    ``GUTTER`` line heights wide, which no word space is, with three rows or more on each
    side, is one however its lines stand (a debate's column of indented speeches and
    centred item titles). A wide
    strip beside three rows or more with a single line across it (a column's last line)
    is one too."""
    out = []
    words = [w for band in group.bands for w in band]
    for lo, hi in group.cuts():
        left = _rows([w for w in words if w.x1 <= lo + 0.5])
        right = _rows([w for w in words if w.x0 >= hi - 0.5])
        wide = hi - lo >= WIDE_GAP * size
        if wide and min(len(left), len(right)) >= 1 and max(len(left), len(right)) >= 3 \
                and min(len(left), len(right)) < 2:
            out.append((lo, hi))  # a wide strip beside many rows, one line across it
            continue
        if min(len(left), len(right)) < (2 if wide else 3):
            continue
        reach = 3 * size  # only the words next to the strip tell where a column starts
        starts = [min(near) for row in right if (near := [w.x0 for w in row
                                                         if w.x0 < hi + reach])]
        ends = [max(near) for row in left if (near := [w.x1 for w in row if w.x1 > lo - reach])]
        if (hi - lo >= GUTTER * size and min(len(left), len(right)) >= 3) \
                or _aligned(starts, hi) or _aligned(ends, lo):
            out.append((lo, hi))
    return out


def _rows(words: list[Word]) -> list[list[Word]]:
    """Words in rows by their middles (lines, near enough)."""
    rows: list[list[Word]] = []
    middle = -1e9
    for word in sorted(words, key=MIDDLE):
        if rows and word.middle - middle <= SAME_LINE * word.size:
            rows[-1].append(word)
        else:
            rows.append([word])
            middle = word.middle
    return rows


def _aligned(edges: list[float], at: float) -> bool:
    """Most of these edges sit at ``at`` (within a point and a half)."""
    return len(edges) >= 2 and sum(1 for e in edges if abs(e - at) <= 1.5) >= 0.7 * len(edges)


def _is_table(lines: list[Line], size: float) -> bool:
    """Rows of short cells, most rows with three or more: a table (read row by row)."""
    if len(lines) < 2 or sum(len(line.words) >= 3 for line in lines) < 0.6 * len(lines):
        return False  # most rows are not even three words apart
    cells: list[int] = []  # words per cell
    wide = 0
    for line in lines:
        row = [[line.words[0]]]
        for prev, word in zip(line.words, line.words[1:], strict=False):
            if word.x0 - prev.x1 >= CELL_GAP * size:
                row.append([word])
            else:
                row[-1].append(word)
        cells += [sum(len(w.text.split()) for w in cell) for cell in row]
        wide += len(row) >= 3
    cells.sort()
    return wide >= 0.6 * len(lines) and cells[len(cells) // 2] <= TABLE_WORDS


def _leaf(words: list[Word], size: float | None = None) -> Block:
    """Words read as one block; a table if ``size`` is given and its rows are cells."""
    lines = _lines(words)
    kind = "table" if size is not None and _is_table(lines, size) else "text"
    return Block(lines, kind, x0=min(ln.x0 for ln in lines), x1=max(ln.x1 for ln in lines))


def _lines(words: list[Word]) -> list[Line]:
    """Words grouped into lines (top to bottom), each read left to right."""
    lines: list[Line] = []
    line: Line | None = None
    middle = 0.0
    for word in sorted(words, key=MIDDLE):  # so a word is never far above the line's middle
        if line is not None and \
                word.middle - middle <= SAME_LINE * (word.size if word.size < line.size
                                                     else line.size):
            line.words.append(word)
            if word.top < line.top or word.bottom > line.bottom:
                line.top, line.bottom = min(line.top, word.top), max(line.bottom, word.bottom)
                middle = (line.top + line.bottom) / 2
            if word.size > line.size:
                line.size = word.size
            continue
        line = Line([word], word.top, word.bottom, word.size)
        middle = word.middle
        lines.append(line)
    for line in lines:
        line.words.sort(key=X0)
        line.text = _text(line.words)
        line.x0, line.x1 = line.words[0].x0, max(w.x1 for w in line.words)
        sizes = sorted(w.size for w in line.words)
        line.size = sizes[len(sizes) // 2]  # one odd glyph box does not make a heading
    return lines


def _text(words: list[Word]) -> str:
    """Words left to right, a run of right-to-left words right to left; words that touch
    (a word drawn in two pieces) are joined without a space."""
    out: list[str] = []
    run: list[str] = []
    prev: Word | None = None
    for word in words:
        touching = prev is not None and word.x0 - prev.x1 < 0.12 * min(word.size, prev.size)
        prev = word
        if is_rtl(word.text):
            run.insert(0, word.text)
            continue
        if run:
            out += run
            run = []
        if touching and out and not is_rtl(out[-1]):
            out[-1] += word.text
        else:
            out.append(word.text)
    return " ".join(out + run)


def _stray_marker(line: Line, block: Block, body: float) -> bool:
    """A line of only a footnote marker or two, small, squeezed between text lines."""
    if not MARKER.match(line.text) or line.size >= body * SMALL:
        return False
    others = [ln for ln in block.lines if ln is not line and not MARKER.match(ln.text)]
    return any(ln.top - line.size < line.top < ln.bottom for ln in others) or \
        any(abs(ln.top - line.bottom) < line.size for ln in others)


def _split_small_tail(block: Block, body: float) -> list[Block]:
    """A block's last lines, when they are small and follow body-size text: its notes."""
    if block.kind != "text":
        return [block]
    cut = len(block.lines)
    while cut > 0 and block.lines[cut - 1].size < body * SMALL:
        cut -= 1
    if cut in (0, len(block.lines)):
        return [block]
    head, tail = block.lines[:cut], block.lines[cut:]
    return [Block(head, x0=min(ln.x0 for ln in head), x1=max(ln.x1 for ln in head)),
            Block(tail, x0=min(ln.x0 for ln in tail), x1=max(ln.x1 for ln in tail))]


def _notes(blocks: list[Block]) -> list[Block]:
    """Small blocks with body text above them and none below, in their column: footnotes."""
    notes = []
    for block in blocks:
        if not block.small or block.kind == "table":
            continue
        top = block.lines[0].top
        over = [b for b in blocks if not b.small and b.x0 < block.x1 and block.x0 < b.x1]
        if any(b.lines[-1].bottom <= top + 1 for b in over) and \
                not any(b.lines[0].top > top for b in over):
            notes.append(block)
    return notes
