"""From ordered blocks to text: paragraphs, hyphenation, pull quotes, notes.

Lines of a block join into paragraphs; a wide gap, a change of size, or a short line
ending a sentence starts a new one. A sentence that leaves one block (the foot of a
column, a page) and goes on in the next is joined back. A word broken at a line end is
mended ("coope-" + "ration"), keeping the hyphen where the document itself writes the
word with one ("co-" + "production" where "co-production" appears). A paragraph whose
words all appear elsewhere in the document in the same order (a pull quote) is kept
once. Table rows stay one per line. Footnotes go after their page's body, or after
the paragraph that runs on from that page.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

from pipeline.extract.layout import Block, Line
from pipeline.extract.text import normalise

SENTENCE_END = re.compile(r"[.!?:;\"”’)\]»]$")
HYPHENATED = re.compile(r"\b\w+-\w+\b")
QUOTES = re.compile(r"[\"“”‘’«»]")
OPENERS = "\"“‘'«([¿¡"
PULL_QUOTE_WORDS = 8  # shorter repeats (a heading, a name) are not pull quotes
PULL_QUOTE_MAX = 80  # nor are longer ones
PAGE_BREAK = "\n\n"
# second parts of compounds always written with their hyphen: Portuguese weekdays
# ("segunda-feira" ... "sexta-feira"; "sextafeira" is no word) and English compound
# adjectives ("Miami-based", "US-led", "state-owned", "Panama-flagged")
COMPOUND_TAILS = frozenset({"feira", "feiras", "based", "led", "owned", "flagged", "funded",
                            "backed"})
LEADERS = re.compile(r"(\.\s?){5,}\s*\w{0,6}\s*$|…{2,}\s*\w{0,6}\s*$")  # "Analysis . . . . 3"


@dataclass
class Para:
    text: str
    kind: str  # text | table | note
    open_end: bool  # the last line reaches its block's right edge without ending a sentence
    size: float = 0.0  # of the last line
    set_apart: bool = False  # in another size than its block, or indented on both sides


def page_paragraphs(blocks: list[Block]) -> list[Para]:
    """Paragraphs of one page, in reading order, notes last."""
    out: list[Para] = []
    for block in blocks:
        if block.kind == "table":
            out += [Para(line.text, "table", False) for line in block.lines
                    if line.text.strip() and not LEADERS.search(line.text)]
            continue
        current: list[Line] = []
        carried = ""  # the paragraph of the block before, when its sentence goes on here
        usual = _usual_gap(block.lines)
        edges = _edges(block.lines)
        ragged = _ragged(block, edges)
        sizes = sorted(line.size for line in block.lines)
        body = sizes[len(sizes) // 2]
        for i, line in enumerate(block.lines):
            if LEADERS.search(line.text):
                continue  # a contents entry: "Key findings . . . . 3"
            if current and _breaks(current[-1], line, usual, block, body, edges, ragged):
                out.append(_para(current, block, body, carried))
                current, carried = [], ""
            if i == 0 and out and out[-1].kind == block.kind and _runs_on(out[-1], line):
                carried = out.pop().text
            current.append(line)
        if current:
            out.append(_para(current, block, body, carried))
    return [p for p in out if p.text]


def _usual_gap(lines: list[Line]) -> float:
    """The blank between two lines of a paragraph (with few lines to go by, at most what
    single spacing leaves)."""
    gaps = sorted(b.top - a.bottom for a, b in zip(lines, lines[1:], strict=False))
    if not gaps:
        return 0.0
    usual = gaps[len(gaps) // 2]
    return usual if len(gaps) >= 3 else min(usual, 0.4 * lines[0].size)


def _breaks(prev: Line, line: Line, usual: float, block: Block, body: float,
            edges: dict[int, float], ragged: bool) -> bool:
    """A new paragraph starts at ``line`` (``body``: the block's usual line size;
    ``edges``: the right edge of each line's column; ``ragged``: the block is set ragged
    right, ``_ragged``)."""
    gap = line.top - prev.bottom
    if gap > max(usual * 1.8, usual + 0.25 * line.size) or abs(line.size - prev.size) > 0.8:
        return True
    right = _edge(prev, edges)
    if prev.x1 < right - 0.35 * (right - block.x0) and line.text[:1].isupper() \
            and abs(prev.size - body) < 0.8:
        return True  # a byline, a date, a heading: a line of body size well short of others
    short = prev.x1 < right - 3 * prev.size or block.kind == "note"
    return short and bool(SENTENCE_END.search(prev.text)) and (
        block.kind == "note" or not ragged or not _wrapped(prev, line, right))


def _ragged(block: Block, edges: dict[int, float]) -> bool:
    """Most lines of the block end short of their column's edge (ragged-right text; in
    justified text a line that ends short ends its paragraph)."""
    lines = [ln for ln in block.lines if len(ln.text) > 20]
    full = sum(1 for ln in lines if ln.x1 >= _edge(ln, edges) - 0.5 * ln.size)
    return len(lines) >= 4 and full < 0.5 * len(lines)


def _wrapped(prev: Line, line: Line, right: float) -> bool:
    """The line before ends short only because the first word of ``line`` did not fit
    after it (ragged-right text: 'en el mar Caribe.' / 'Después atravesó'), ``line``
    standing where the lines of the column start; a paragraph that ends there leaves room
    for it, or the next one is indented."""
    if not line.words or line.x0 > min(prev.x0, line.x0) + 0.5 * line.size:
        return False
    first = line.words[0]
    token = first.text.split(" ", 1)[0]
    if not first.text or not token:
        return False
    width = (first.x1 - first.x0) * len(token) / len(first.text)
    return prev.x1 + 0.25 * line.size + width > right


def _edges(lines: list[Line]) -> dict[int, float]:
    """For each line (by id), the right edge of the lines of its size it shares a stretch
    of the page's width with: its column's edge, whatever the indents and centred lines,
    and not that of a side text in the same block (even one drawn past the page), nor
    that of a title set wider than the column below it (every line of the column would
    look short, and each one opening with a capital a paragraph)."""
    edges = _reach(lines)
    sizes: list[tuple[float, list[Line]]] = []
    for line in lines:
        same = next((members for size, members in sizes if abs(size - line.size) <= 0.8), None)
        if same is None:
            sizes.append((line.size, [line]))
        else:
            same.append(line)
    for _, members in sizes:
        own = _reach(members)
        column = {edge: _column_edge([m for m in members if own[id(m)] == edge])
                  for edge in set(own.values())}
        for line in members:
            # the lines of its size set their own edge where three of them or more reach
            # it (a column of text); a few short lines (a cover's byline and date) keep
            # the block's
            edge = column[own[id(line)]]
            if edge is not None and edge < edges[id(line)]:
                edges[id(line)] = edge
    return edges


def _column_edge(members: list[Line]) -> float | None:
    """The right edge of lines that overlap in x: where they reach, if three of them or
    more do; else the furthest right end three of them or more reach (a masthead or date
    line a little wider than the narrow column under it, in the column's size, reaches
    further than any line of the column), if most of them end there; else None."""
    reach = max(m.x1 for m in members)
    if sum(1 for m in members if m.x1 >= reach - m.size) >= 3:
        return reach
    ends = sorted((m.x1 for m in members), reverse=True)
    for end in ends:
        near = sum(1 for m in members if end - m.size <= m.x1 <= end)
        if near >= 3:
            return end if 2 * near > len(members) else None
    return None


def _reach(lines: list[Line]) -> dict[int, float]:
    groups: list[tuple[list[Line], float]] = []  # lines that overlap in x, and their reach
    for line in sorted(lines, key=lambda ln: ln.x0):
        if groups and line.x0 <= groups[-1][1]:
            members, reach = groups[-1]
            members.append(line)
            groups[-1] = (members, max(reach, line.x1))
        else:
            groups.append(([line], line.x1))
    return {id(line): reach for members, reach in groups for line in members}


def _edge(line: Line, edges: dict[int, float]) -> float:
    return edges.get(id(line), line.x1)


def _para(lines: list[Line], block: Block, body: float, carried: str = "") -> Para:
    last = lines[-1]
    # (a line that alone reaches the block's edge is no column's full line: the widest of
    # a centred letterhead, a title over the lines of a masthead)
    full = len(block.lines) > 1 and last.x1 >= block.x1 - 2 * last.size and any(
        ln is not last and ln.x1 >= block.x1 - 2 * ln.size for ln in block.lines)
    text = join_lines(([carried] if carried else []) + [line.text for line in lines])
    inset = 2 * body
    apart = not carried and (abs(lines[0].size - body) > 0.8 or all(
        ln.x0 > block.x0 + inset and ln.x1 < block.x1 - inset for ln in lines))
    return Para(text, block.kind, full and not SENTENCE_END.search(text), last.size, apart)


def _opening(text: str) -> str:
    """The first letter or digit of ``text`` past opening quotes and brackets ("'take"
    -> "t"), or its first character."""
    return text.lstrip(OPENERS)[:1] or text[:1]


def _runs_on(prev: Para, line: Line) -> bool:
    """The previous block's last sentence goes on at ``line`` (next column, next block)."""
    first = _opening(line.text)
    if abs(prev.size - line.size) > 0.8:
        return False  # a heading, a caption: not the same sentence
    if prev.text.endswith("-") and first.isalpha():
        return True
    if SENTENCE_END.search(prev.text):
        return False
    return first.islower() or (prev.open_end and (first.isalpha() or first.isdigit()))


def join_lines(lines: list[str]) -> str:
    """Lines of one paragraph as one line, hyphenated line ends marked for mending."""
    text = ""
    for line in lines:
        if text.endswith("-") and text[-2:-1].isalpha() and line[:1].isalpha():
            text += "\ue000" + line  # mended once the document's own spellings are known
        else:
            text = f"{text} {line}" if text else line
    return text


def mend(text: str, hyphenated: set[str]) -> str:
    """Resolve the marks ``join_lines`` left: "coope-\\0ration" -> "cooperation",
    "co-\\0production" -> "co-production" where the document writes it so, "Sino-\\0US"
    keeps its hyphen (the next part starts with a capital or a digit), and so does a
    compound whose second part never closes up with the first ("sexta-\\0feira",
    "Miami-\\0based": ``COMPOUND_TAILS``)."""
    def fix(m: re.Match[str]) -> str:
        head, tail = m.group(1), m.group(2)
        if not tail[:1].islower() or f"{head}-{tail}".lower() in hyphenated \
                or tail.lower() in COMPOUND_TAILS:
            return f"{head}-{tail}"
        return head + tail
    if "\ue000" not in text:
        return text
    return re.sub(r"(\w+)-\ue000(\w+)", fix, text).replace("\ue000", "")


def hyphenated_words(texts: list[str]) -> set[str]:
    """Words the document writes with a hyphen inside a line."""
    return {w.lower() for t in texts for w in HYPHENATED.findall(t.replace("-\ue000", " "))}


def drop_repeats(pages: list[list[Para]]) -> list[list[Para]]:
    """Drop a short paragraph set apart from its block (another size, or indented on both
    sides) whose words stand inside a longer paragraph elsewhere in the document: a pull
    quote. Paragraphs repeated whole (boilerplate) are kept."""
    flat = [(n, i, _key(p.text)) for n, paras in enumerate(pages) for i, p in enumerate(paras)
            if p.kind != "table"]
    full = "\n".join(key for _, _, key in flat)
    starts = list(accumulate((len(key) + 1 for _, _, key in flat), initial=0))
    drop: set[tuple[int, int]] = set()
    for k, (n, i, key) in enumerate(flat):
        para = pages[n][i]
        if para.kind != "text" or not para.set_apart or not \
                PULL_QUOTE_WORDS <= len(key.split()) <= PULL_QUOTE_MAX:
            continue
        at = full.find(key)
        while at >= 0:
            j = bisect_right(starts, at) - 1
            m, o, other = flat[j]
            if j != k and (m, o) not in drop and (len(other) > len(key) or (
                    len(other) == len(key) and not pages[m][o].set_apart)):
                # (a pull quote may repeat a whole paragraph of the body: the body's is kept)
                drop.add((n, i))
                break
            at = full.find(key, at + 1)
    return [[p for i, p in enumerate(paras) if (n, i) not in drop]
            for n, paras in enumerate(pages)]


def _key(text: str) -> str:
    return " ".join(QUOTES.sub("", text).split()).strip(" .…").lower()


def _mid_sentence(para: Para) -> bool:
    """A paragraph of running text that stops on a small word or a comma: its sentence
    goes on ("... and sailed for" | "Shanghai, where ...")."""
    return len(para.text.split()) >= 6 and bool(re.search(r"([a-zà-ÿ]{2,}|,)$", para.text))


def page_texts(pages: list[list[Para]]) -> tuple[list[str], list[str]]:
    """Each page's text, and what joins it to the next: hyphens mended, pull quotes kept
    once, body paragraphs, then notes. A sentence that runs on to the next page is joined
    with a space (a word broken across the page, with nothing), and the page's notes wait
    until that paragraph ends; otherwise pages are apart by a blank line."""
    if any("\ue000" in p.text for paras in pages for p in paras):
        hyphenated = hyphenated_words([p.text for paras in pages for p in paras])
        for paras in pages:
            for p in paras:
                p.text = mend(p.text, hyphenated)
    pages = drop_repeats(pages)
    bodies = [[p for p in paras if p.kind != "note"] for paras in pages]
    joins = []
    for paras_here, following in zip(bodies, bodies[1:], strict=False):
        last = paras_here[-1] if paras_here else None
        first = following[0].text if following else ""
        if last is None or not first or SENTENCE_END.search(last.text) \
                or abs(last.size - following[0].size) > 0.8:
            joins.append(PAGE_BREAK)  # (a title on a cover page is no sentence going on)
        elif last.text.endswith("-") and last.text[-2:-1].isalpha() and first[:1].islower():
            last.text = last.text[:-1]
            joins.append("")
        elif _opening(first).islower() or (_opening(first).isalnum()
                                           and (last.open_end or _mid_sentence(last))):
            joins.append(" ")  # (a quoted word may open the page: 'should' | '"take back"')
        else:
            joins.append(PAGE_BREAK)
    texts: list[str] = []
    waiting: list[str] = []  # notes of the previous page, held until its sentence ends
    for number, paras in enumerate(pages):
        body = [p.text for p in bodies[number]]
        notes = [p.text for p in paras if p.kind == "note"]
        if waiting:
            body = body[:1] + waiting + body[1:]
            waiting = []
        if number < len(joins) and joins[number] != PAGE_BREAK and notes:
            waiting, notes = notes, []
        texts.append(normalise("\n".join(body + notes)))
    if waiting and texts:
        texts[-1] = "\n".join([texts[-1], *waiting]).strip()
    return texts, joins
