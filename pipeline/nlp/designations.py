"""Numbers that name a product, not a year.

A bare four-digit number right after a name is a year when the name is an exercise's or a
forum's edition ("Cruzex 2024", "UNITAS 2023"), but a designation when the name is a
platform's ("the Atmos 2000 howitzer", "caças Mirage 2000", "el sistema Atmos 2000",
"Dassault Mirage 2000"): it
is part of the model's name, and neither dates the sentence nor gives the story a year.
A platform or maker word said right before the name (only words of the name between, no
article or preposition) or a platform word right after the number tells the platform's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from pipeline.nlp.datescan import DateMention
from pipeline.nlp.intsearch import bisect_left
from pipeline.nlp.marks import Mark

# a model designation ("F-16s", "Mi-35M", "KT-1P", "MBT-2000", "Y-12E", "C-130"): equipment
# by its shape, in any language (a token's folded form); not a disease, a group of states or
# a conference
DESIGNATION: Final = re.compile(r"[a-z]{1,3}-\d{1,4}[a-z]{0,3}\d?s?")
NOT_DESIGNATIONS: Final = frozenset({"covid", "g", "cop", "sars", "h", "n", "mers",
                                     "mid"})  # "mid-2023" is a year
# a designation in running text, and its model (letters and number: "F-16" of "F-16AM/BM"
# and "F-16s", "C-130" of "C-130H", "Mi-17" of "Mi-17V-5")
MODEL: Final = re.compile(r"(?<![\w-])([a-z]{1,3})-(\d{1,4})(?!\d)")
PLATFORMS: Final = frozenset({"ship", "aircraft", "weapon"})
NAMERS: Final = PLATFORMS | {"maker"}  # words a model's name may follow ("Dassault Mirage 2000")
NAME_REACH: Final = 3  # words of a model's name between a platform word and its number
NAME: Final = re.compile(r"(\w[\w'’.-]*)\s+$")  # the word right before the number


def designations(mentions: list[DateMention], text: str, lex: list[Mark],
                 token_starts: list[int], function_words: frozenset[str],
                 norms: list[str]) -> list[DateMention]:
    """``mentions`` less the bare years that are part of a platform's model name."""
    platforms = [m for m in lex if m.label_ in NAMERS]
    if not platforms:
        return mentions
    return [d for d in mentions
            if not _designation(d, text, platforms, token_starts, function_words, norms)]


def _designation(d: DateMention, text: str, platforms: list[Mark],
                 token_starts: list[int], function_words: frozenset[str],
                 norms: list[str]) -> bool:
    if d.rule != "date.year" or d.bound or "bare" not in d.parts:
        return False
    name = NAME.search(text, max(0, d.start - 40), d.start)
    if name is None or not name.group(1)[0].isupper():
        return False
    number = bisect_left(token_starts, d.start)
    if number >= len(token_starts) or token_starts[number] != d.start:
        return False
    first = bisect_left(token_starts, name.start(1))  # the name's word
    if first >= len(token_starts) or token_starts[first] != name.start(1) \
            or norms[first] in function_words:
        return False  # ("The 2018 voyage", "Its 2019 cruise": a capitalised article is no
        # model's name, the year dates the voyage)
    for p in platforms:
        if p.label_ in PLATFORMS and (p.start == number + 1 or p.start <= first < p.end):
            # "Mirage 2000 fighters"
            return True
        if p.end <= first and first - p.end <= NAME_REACH and not any(
                norms[k] in function_words for k in range(p.end, first)):
            return True  # "o sistema de artilharia autopropulsado Atmos 2000"
    return False


def models_named(sentences: Iterable[str]) -> frozenset[str]:
    """The platform models (designations) the sentences name: "F-16" and "F-16s" alike are
    "f-16", "C-130H" is "c-130" (a report's stating sentences, for telling which of several
    occurrences it is)."""
    return frozenset(f"{m.group(1)}-{m.group(2)}" for text in sentences
                     for m in MODEL.finditer(text.lower())
                     if m.group(1) not in NOT_DESIGNATIONS)
