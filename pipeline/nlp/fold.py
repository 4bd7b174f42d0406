"""Accent, case and apostrophe folding: the one key every matcher compares on.

"Defensa", "defensa" and "DEFENSA" fold alike, as do "Ministério"/"Ministerio" and
"China’s"/"China's", so the data lists each name once instead of every spelling.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_PUNCT = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'", "“": '"', "”": '"',
                        "«": '"', "»": '"', "–": "-", "—": "-", "‐": "-", "‑": "-"})


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Lower case, no diacritics, one kind of apostrophe, quote and dash."""
    text = text.translate(_PUNCT).lower()
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))
