"""Bytes to text for HTML and plain text: the right decoder for declared, undeclared and
wrongly declared encodings.

Order: a BOM; UTF-16 without a BOM (the NUL-byte pattern); strictly valid UTF-8; the
declared charset (HTTP header or ``<meta>``), read with its WHATWG superset (latin-1 and
ascii as windows-1252, gb2312 as gb18030, shift_jis as cp932); mostly-valid UTF-8 with a
few stray bytes (replaced by U+FFFD only where they are); an encoding named anywhere in
the first 2 KB (e.g. in a comment); then a guess by
charset-normalizer among the encodings real pages use; windows-1252 last.
"""

from __future__ import annotations

import codecs
import re

BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"))
SUPERSETS = {"iso8859-1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252",
             "gb2312": "gb18030", "gbk": "gb18030", "shift_jis": "cp932",
             "euc_kr": "cp949", "iso8859-9": "cp1254", "iso8859-11": "cp874"}
LENIENT = {"cp932": "shift_jisx0213"}  # a second try before replacing bytes
GUESSABLE = {"cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1256", "koi8_r", "koi8_u",
             "cp932", "shift_jis", "shift_jis_2004", "shift_jisx0213", "euc_jp", "gb2312",
             "gb18030", "gbk", "big5", "big5hkscs", "euc_kr", "cp949", "iso8859_2",
             "iso8859_5", "iso8859_7", "iso8859_15", "utf_16_le", "utf_16_be", "mac_cyrillic"}
LATIN_LOOKALIKES = {"cp1250", "iso8859_2", "iso8859_15", "cp1254", "cp1257", "cp775", "cp850",
                    "mac_roman", "mac_latin2", "iso8859_9", "iso8859_13", "iso8859_4"}
HINT = re.compile(rb"\b(koi8-[ru]|windows-125[0-8]|cp125[0-8]|iso-8859-(?:[1-9]|1[0-5])|"
                  rb"shift_jis|euc-jp|euc-kr|gb2312|gbk|gb18030|big5)\b", re.I)
CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)


def decode(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """The text of ``body`` and the name of the encoding used."""
    for bom, name in BOMS:
        if body.startswith(bom):
            return body[len(bom):].decode(name, "replace"), name
    utf16 = _utf16_without_bom(body)
    if utf16:
        return body.decode(utf16, "replace"), utf16
    try:
        return body.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = _codec(_declared(body, content_type))
    if declared and declared not in ("utf-8", "utf-16", "utf-16-le", "utf-16-be"):
        for name in [n for n in (declared, LENIENT.get(declared)) if n]:
            try:
                return body.decode(name), name
            except UnicodeDecodeError:
                continue
    if _mostly_utf8(body):
        return body.decode("utf-8", "replace"), "utf-8"
    if declared and declared != "utf-8":
        return body.decode(declared, "replace"), declared
    hinted = _codec(_hinted(body))
    if hinted and hinted != "utf-8":
        return body.decode(hinted, "replace"), hinted
    guess = _guess(body)
    return body.decode(guess, "replace"), guess


def _declared(body: bytes, content_type: str | None) -> str | None:
    if content_type:
        m = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type, re.I)
        if m:
            return m.group(1)
    found = CHARSET.search(body[:4096])
    return found.group(1).decode("ascii", "replace") if found else None


def _hinted(body: bytes) -> str | None:
    """An encoding named anywhere near the top (a comment, a stray note): a weak hint."""
    found = HINT.search(body[:2048])
    return found.group(1).decode("ascii") if found else None


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None
    name = SUPERSETS.get(name, name)
    return "utf-8" if name in ("utf-8", "utf_8") else name


def _utf16_without_bom(body: bytes) -> str | None:
    head = body[:2048]
    if len(head) < 16:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    if odd > half * 0.4 and even < half * 0.05:
        return "utf-16-le"
    if even > half * 0.4 and odd < half * 0.05:
        return "utf-16-be"
    return None


def _mostly_utf8(body: bytes) -> bool:
    """Valid UTF-8 except for a few stray bytes (a page edited with another encoding)."""
    text = body.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
    return good >= 3 and bad <= max(2, good // 10)


def _guess(body: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(body[:200_000]).best()
    name = _codec(best.encoding) if best is not None else None
    if name in LATIN_LOOKALIKES and _western(body):
        return "cp1252"  # our languages are en, es, pt: prefer windows-1252 when it fits
    return name if name in GUESSABLE else "cp1252"


def _western(body: bytes) -> bool:
    """Every non-ASCII byte reads as a Latin-1 letter or common sign in windows-1252."""
    text = body.decode("cp1252", "replace")
    return all(ch.isalpha() or ch in "ºª«»¡¿°€–—‘’“”…·" for ch in text if ord(ch) > 127)
