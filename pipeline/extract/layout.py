"""Reading order of a PDF page from its word geometry, and reflow into paragraphs.

``page_lines(page)`` groups pdfplumber's words into lines, finds a column gutter (an x
position that most lines leave blank with words on both sides) and reads the left
column before the right one; lines that cross the gutter (titles, full-width
paragraphs) stay where they are. A blank string marks a paragraph gap. ``reflow``
joins layout lines into paragraphs and repairs hyphenation at line ends.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from pipeline.extract.text import normalise

MIN_GUTTER = 8.0  # points of blank between two columns (wider than any word space)
RTL = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
LTR = re.compile(r"[A-Za-z\u00c0-\u024f\u0400-\u04ff]")
SENTENCE_END = re.compile(r"[.!?:;\"”’)\]]$")


@dataclass
class Line:
    top: float
    bottom: float
    words: list[dict[str, Any]]
    column: int = 0  # 0 full width, 1 left, 2 right

    @property
    def size(self) -> float:
        """Median word height: the font size, near enough."""
        sizes = sorted(w["bottom"] - w["top"] if w.get("upright", True) else w["x1"] - w["x0"]
                       for w in self.words)
        return sizes[len(sizes) // 2]

    @property
    def text(self) -> str:
        """Words left to right, except that a run of right-to-left words reads right to left."""
        out: list[str] = []
        run: list[str] = []
        for word in sorted(self.words, key=lambda w: w["x0"]):
            if RTL.search(word["text"]) and not LTR.search(word["text"]):
                run.insert(0, word["text"])
                continue
            out += run + [word["text"]]
            run = []
        return " ".join(out + run)


def page_lines(page: Any) -> list[str]:
    """Lines of one page in reading order, with "" where a paragraph gap is."""
    words = page.extract_words(keep_blank_chars=False, use_text_flow=False,
                               x_tolerance_ratio=0.15, return_chars=True)
    for word in words:
        chars = word.pop("chars")
        if RTL.search(word["text"]) and len(chars) > 1 and all(len(c["text"]) == 1
                                                               for c in chars):
            word["text"] = _logical(word["text"])  # letters drawn one by one, left to right
    lines = _lines(words)
    gutter = _gutter(lines, float(page.width))
    ordered = _column_order(lines, gutter) if gutter is not None else lines
    return _with_gaps(ordered)


def _logical(visual: str) -> str:
    """An RTL word in visual order back in reading order (combining marks stay after
    their letter; digits and Latin inside keep their own order)."""
    clusters: list[str] = []
    for ch in visual:
        if clusters and unicodedata.combining(ch):
            clusters[-1] += ch
        else:
            clusters.append(ch)
    return "".join(reversed(clusters))


def _lines(words: list[dict[str, Any]]) -> list[Line]:
    lines: list[Line] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        height = max(1.0, word["bottom"] - word["top"])
        for line in reversed(lines[-4:]):
            if abs(line.top - word["top"]) <= height * 0.4:
                line.words.append(word)
                line.bottom = max(line.bottom, word["bottom"])
                break
        else:
            lines.append(Line(word["top"], word["bottom"], [word]))
    return lines


def _gutter(lines: list[Line], width: float) -> float | None:
    """The x of a blank band between two columns, if the page has two columns.

    Each x in the middle of the page scores the lines it splits; of the best-scoring
    x positions the widest contiguous run wins (a real gutter is wide, a chance
    alignment of word spaces is narrow), and its middle is the gutter."""
    if len(lines) < 5:
        return None
    scores = {x: sum(1 for line in lines if _splits(line, x))
              for x in range(int(width * 0.3), int(width * 0.7) + 1)}
    best = max(scores.values(), default=0)
    if best < max(4, len(lines) * 0.4):
        return None
    runs: list[list[int]] = []
    for x in sorted(x for x, score in scores.items() if score == best):
        if runs and x == runs[-1][-1] + 1:
            runs[-1].append(x)
        else:
            runs.append([x])
    widest = max(runs, key=len)
    return (widest[0] + widest[-1]) / 2


def _splits(line: Line, x: float) -> bool:
    """Words on both sides of x and a wide blank around it."""
    left = [w["x1"] for w in line.words if w["x1"] <= x]
    right = [w["x0"] for w in line.words if w["x0"] >= x]
    if not left or not right or len(left) + len(right) != len(line.words):
        return False
    return min(right) - max(left) >= MIN_GUTTER


def _column_order(lines: list[Line], gutter: float) -> list[Line]:
    out: list[Line] = []
    left: list[Line] = []
    right: list[Line] = []
    for line in lines:
        crossing = any(w["x0"] < gutter < w["x1"] for w in line.words)
        if crossing:
            out += left + right
            left, right = [], []
            out.append(line)
            continue
        lw = [w for w in line.words if w["x1"] <= gutter]
        rw = [w for w in line.words if w["x0"] >= gutter]
        if lw:
            left.append(Line(line.top, line.bottom, lw, 1))
        if rw:
            right.append(Line(line.top, line.bottom, rw, 2))
    return out + left + right


def _with_gaps(lines: list[Line]) -> list[str]:
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:], strict=False)
            if a.column == b.column and b.top > a.bottom]
    usual = sorted(gaps)[len(gaps) // 2] if gaps else 0.0
    out: list[str] = []
    for i, line in enumerate(lines):
        text = line.text
        if i:
            prev = lines[i - 1]
            wide = line.top - prev.bottom > max(usual * 1.8, usual + 4) \
                or abs(line.size - prev.size) > 0.8  # a title, a heading, a caption
            if line.top < prev.top:  # up to the next column: break after a full sentence
                if SENTENCE_END.search(out[-1] if out and out[-1] else ""):
                    out.append("")
            elif wide or (prev.column != line.column and SENTENCE_END.search(prev.text)):
                out.append("")
        out.append(text)
    return out


def reflow(pages: list[list[str]]) -> list[str]:
    """Join layout lines into paragraph lines; "cooper-\\nation" becomes "cooperation"."""
    texts = []
    for lines in pages:
        paragraphs, current = [], ""
        for line in lines:
            if not line:
                if current:
                    paragraphs.append(current)
                current = ""
            elif current.endswith("-") and current[-2:-1].isalpha() and line[:1].isalpha():
                current = current[:-1] + line if line[:1].islower() else current + line
            else:
                current = f"{current} {line}" if current else line
        if current:
            paragraphs.append(current)
        texts.append("\n".join(p for p in (normalise(p) for p in paragraphs) if p))
    return texts
