"""Words of a PDF page with their boxes: from pypdfium2 (fast), or pdfplumber (fallback).

``pdfium_words(textpage, page_height)`` reads the page's text in one call and asks
PDFium for the loose box (font ascent to descent, origin to advance) of only the first
and the last character of each word, a few hundred calls a page instead of one per
glyph. Word boundaries are the spaces and line breaks in that text, real or inserted by
PDFium where it sees a gap. A word whose two ends are not on one line (a text run that
jumps, as in a content stream stored out of order) is split where its glyphs jump. A
footnote marker drawn smaller and raised at the end of a word ("agreement.¹²") becomes a
word of its own, flagged ``marker``.

``plumber_words(page)`` gives the same records from pdfplumber's words, for files PDFium
cannot open. Coordinates are top-down (``top`` < ``bottom``), in points.
"""

from __future__ import annotations

import ctypes
import math
import re
import unicodedata
from typing import Any

WORD = re.compile(r"[^\s]+")
LINE = re.compile(r"\S(?:[^\r\n]*\S)?")  # a line of the text, without outer blanks
SPREAD = 0.75  # a span wider than its characters × height × this has gaps in it
TRAILING_MARK = re.compile(r"(?<=[^\d\s])[\d*†‡§]{1,3}$")
RTL = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
LTR = re.compile(r"[A-Za-z\u00c0-\u024f\u0400-\u04ff]")


class Word:
    """One word: its box (top-down points), text, size (box height) and flags."""

    __slots__ = ("x0", "top", "x1", "bottom", "text", "size", "middle", "marker")

    def __init__(self, x0: float, top: float, x1: float, bottom: float, text: str,
                 marker: bool = False):
        self.x0, self.top, self.x1, self.bottom, self.text = x0, top, x1, bottom, text
        self.size = bottom - top
        self.middle = (top + bottom) / 2
        self.marker = marker

    def __repr__(self) -> str:
        return (f"Word({self.text!r}, x={self.x0:.1f}-{self.x1:.1f}, "
                f"y={self.top:.1f}-{self.bottom:.1f})")


def page_text(textpage: Any) -> str | None:
    """All characters of the page, one per char index (None when PDFium's text view and
    its char list disagree, e.g. excluded characters or ones beyond UCS-2)."""
    import pypdfium2.raw as pdfium_c

    count = pdfium_c.FPDFText_CountChars(textpage.raw)
    if count <= 0:
        return ""
    buffer = (ctypes.c_ushort * (count + 1))()
    written = pdfium_c.FPDFText_GetText(textpage.raw, 0, count, buffer)
    text = bytes(memoryview(buffer).cast("B")[: max(0, written - 1) * 2]).decode(
        "utf-16-le", "replace")
    if len(text) != count:
        return None
    return text.replace("\ufffe", "-")  # PDFium's mark for a hyphen that ends a line


def char_text(textpage: Any) -> str:
    """The page's characters one call each (the slow, exact view)."""
    import pypdfium2.raw as pdfium_c

    raw = textpage.raw
    count = pdfium_c.FPDFText_CountChars(raw)
    get = pdfium_c.FPDFText_GetUnicode
    return "".join(_char(get(raw, i)) for i in range(max(0, count)))


def _char(code: int) -> str:
    if code == 0 or 0xD800 <= code <= 0xDFFF:
        return " "
    try:
        return chr(code)
    except ValueError:
        return " "


def pdfium_words(textpage: Any, height: float) -> tuple[list[Word], int]:
    """Spans of one page (a word, or a run of words PDFium drew as one text object on
    one line) and the number of glyphs without a Unicode mapping."""
    import pypdfium2.raw as pdfium_c

    text = page_text(textpage)
    if text is None:
        text = char_text(textpage)
    words, suspect = _spans(textpage, text, height)
    if not suspect:
        return words, 0
    check = pdfium_c.FPDFText_HasUnicodeMapError
    bad = [i for i, ch in enumerate(text) if not ch.isspace() and check(textpage.raw, i) == 1]
    if not bad:
        return words, 0
    chars = list(text)
    for i in bad:
        chars[i] = " "  # a glyph PDFium could not map: garbage, not text
    return _spans(textpage, "".join(chars), height)[0], len(bad)


def _spans(textpage: Any, text: str, height: float) -> tuple[list[Word], bool]:
    import pypdfium2.raw as pdfium_c

    raw = textpage.raw
    rect = pdfium_c.FS_RECTF()
    ref = ctypes.byref(rect)
    loose = pdfium_c.FPDFText_GetLooseCharBox
    rects = pdfium_c.FPDFText_CountRects
    unmapped = pdfium_c.FPDFText_HasUnicodeMapError
    words: list[Word] = []
    suspect = False
    rtl = bool(RTL.search(text))  # right-to-left script anywhere on the page
    lines = list(LINE.finditer(text))
    sideways = _sideways_lines(raw, lines)
    for line in lines:
        if line.start() in sideways:
            continue
        start, end = line.start(), line.end() - 1
        segment = line.group(0)
        if " " not in segment or rects(raw, start, end - start + 1) != 1:
            suspect = _words(raw, text, start, end + 1, height, words, rtl) or suspect
            continue
        loose(raw, start, ref)
        x0, top, bottom = rect.left, height - rect.top, height - rect.bottom
        loose(raw, end, ref)
        x1, last_top = rect.right, height - rect.top
        size = bottom - top
        if abs(last_top - top) > size * 0.5 or x1 < x0 \
                or x1 - x0 > len(segment) * size * SPREAD:  # a jump or wide gaps inside
            suspect = _words(raw, text, start, end + 1, height, words, rtl) or suspect
            continue
        suspect = suspect or unmapped(raw, start) == 1
        if rtl and is_rtl(segment):
            segment = " ".join(reversed(segment.split()))
        words.append(Word(x0, top, x1, bottom, segment))
    return words, suspect


def _sideways_lines(raw: Any, lines: list[re.Match]) -> set[int]:
    """Where the lines printed sideways start, when they are a small part of the page: a
    legal-deposit line or an ISSN up the margin of a gazette, a download stamp, a vertical
    label. PDFium reads them a letter per line ("n o", "i t", "di"): noise in the text. A
    page mostly sideways (a table turned on its page) keeps them. PDFium gives a glyph's
    angle; a line's first glyph stands for the line."""
    import pypdfium2.raw as pdfium_c

    angle = pdfium_c.FPDFText_GetCharAngle
    turned = [ln for ln in lines if _turned(angle(raw, ln.start()))]
    if not turned or sum(len(ln.group(0)) for ln in turned) > SIDEWAYS_SHARE * sum(
            len(ln.group(0)) for ln in lines):
        return set()
    return {ln.start() for ln in turned}


SIDEWAYS_SHARE = 0.2  # at most this share of a page's characters dropped as sideways
TURN = 0.3  # radians from upright (either way) past which a glyph is printed sideways


def _turned(radians: float) -> bool:
    return radians >= 0 and min(radians, 2 * math.pi - radians) > TURN


def _words(raw: Any, text: str, begin: int, stop: int, height: float,
           words: list[Word], rtl: bool = True) -> bool:
    """Append the words of ``text[begin:stop]``; True when one starts with an unmapped glyph."""
    import pypdfium2.raw as pdfium_c

    rect = pdfium_c.FS_RECTF()
    ref = ctypes.byref(rect)
    loose = pdfium_c.FPDFText_GetLooseCharBox
    unmapped = pdfium_c.FPDFText_HasUnicodeMapError
    suspect = False
    for m in WORD.finditer(text, begin, stop):
        start, end = m.start(), m.end() - 1
        if not loose(raw, start, ref):
            continue
        x0, top, bottom = rect.left, height - rect.top, height - rect.bottom
        suspect = suspect or unmapped(raw, start) == 1
        word = m.group(0)
        x1, last_top = rect.right, top
        if end > start:
            first_right = x1
            loose(raw, end, ref)
            x1, last_top = rect.right, height - rect.top
            if rtl and is_rtl(word):
                if rect.left >= x0:  # drawn left to right (or one glyph): visual order
                    word = word[::-1]
                x0, x1 = min(x0, rect.left), max(first_right, x1)
        if end > start and (abs(last_top - top) > (bottom - top) * 0.5 or x1 < x0):
            words += _split_jumps(raw, start, word, height)
            continue
        mark = TRAILING_MARK.search(word) if word[-1:].isdigit() or word[-1:] in "*†‡§" \
            else None
        if mark and len(word) > len(mark.group(0)) + 1:
            loose(raw, start + mark.start(), ref)
            m_top, m_bottom = height - rect.top, height - rect.bottom
            if m_bottom - m_top < (bottom - top) * 0.95 \
                    and m_bottom < bottom - (bottom - top) * 0.25:  # smaller and raised
                words.append(Word(x0, top, rect.left, bottom, word[: mark.start()]))
                words.append(Word(rect.left, m_top, x1, m_bottom, mark.group(0), marker=True))
                continue
        words.append(Word(x0, top, x1, bottom, word))
    return suspect


def _split_jumps(raw: Any, start: int, word: str, height: float) -> list[Word]:
    """A run of characters that leaves its line: one word per stretch on one line."""
    import pypdfium2.raw as pdfium_c

    rect = pdfium_c.FS_RECTF()
    ref = ctypes.byref(rect)
    out: list[Word] = []
    current: list[tuple[float, float, float, float, str]] = []
    for offset, ch in enumerate(word):
        pdfium_c.FPDFText_GetLooseCharBox(raw, start + offset, ref)
        box = (rect.left, height - rect.top, rect.right, height - rect.bottom, ch)
        if current:
            last = current[-1]
            if abs(box[1] - last[1]) > (last[3] - last[1]) * 0.5 or box[0] < last[0] - 1:
                out.append(_merge(current))
                current = []
        current.append(box)
    if current:
        out.append(_merge(current))
    return out


def _merge(boxes: list[tuple[float, float, float, float, str]]) -> Word:
    return Word(boxes[0][0], min(b[1] for b in boxes), boxes[-1][2], max(b[3] for b in boxes),
                "".join(b[4] for b in boxes))


def plumber_words(page: Any) -> list[Word]:
    """Words of one pdfplumber page as ``Word`` records."""
    out = []
    listed = page.extract_words(keep_blank_chars=False, use_text_flow=False,
                                x_tolerance_ratio=0.15, return_chars=True)
    turned = sum(len(w["text"]) for w in listed if not w.get("upright", True))
    if turned <= SIDEWAYS_SHARE * sum(len(w["text"]) for w in listed):  # (as _sideways_lines)
        listed = [w for w in listed if w.get("upright", True)]
    for w in listed:
        chars = w.pop("chars")
        text = w["text"]
        if RTL.search(text) and len(chars) > 1 and all(len(c["text"]) == 1 for c in chars):
            text = logical(text)  # letters drawn one by one, left to right
        out.append(Word(float(w["x0"]), float(w["top"]), float(w["x1"]), float(w["bottom"]),
                        text))
    return out


def logical(visual: str) -> str:
    """An RTL word in visual order back in reading order (combining marks stay after
    their letter)."""
    clusters: list[str] = []
    for ch in visual:
        if clusters and unicodedata.combining(ch):
            clusters[-1] += ch
        else:
            clusters.append(ch)
    return "".join(reversed(clusters))


def is_rtl(text: str) -> bool:
    """Right-to-left letters and no left-to-right ones."""
    return bool(text) and max(text) >= "\u0590" and bool(RTL.search(text)) \
        and not LTR.search(text)
