"""A quick test that a text holds none of some words, in any case: the regexes of word lists
read case-blind (``(?i)``, "will", "se encuentra", "estão") try every character of a
sentence and cost far more than looking for each word in its lower case, so a sentence that
cannot hold one is not searched.

The test is exact for the regexes' case-blind matching: a character matches a word's letter
case-blind exactly when their lower cases are the same, except for the few characters
``re`` matches beyond that ("ſ" for "s", "ı" and "İ" for "i", Greek and Cyrillic letters
with variant forms, the Kelvin sign), and a text holding one of them is always searched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

# the characters whose case-blind matching in ``re`` their lower case does not tell (the
# extra cases of ``re._casefix``, their capitals, and "İ", whose lower case is two
# characters): a text with one is searched whatever it holds
CASE_APART: Final = re.compile(
    "[\xb5\u0130\u0131\u017f\u0345\u0390\u0392\u0395\u0398\u0399\u039a\u039c\u03a0\u03a1"
    "\u03a3\u03a6\u03b0\u03b2\u03b5\u03b8\u03b9\u03ba\u03bc\u03c0\u03c1\u03c2\u03c3\u03c6"
    "\u03d0\u03d1\u03d5\u03d6\u03f0\u03f1\u03f5\u0412\u0414\u041e\u0421\u0422\u042a\u0432"
    "\u0434\u043e\u0441\u0442\u044a\u0462\u0463\u1c80-\u1c88\u1e60\u1e61\u1e9b\u1fbe"
    "\u1fd3\u1fe3\u212a\u212b\ua64a\ua64b\ufb05\ufb06]")


def lowered(words: Iterable[str]) -> tuple[str, ...]:
    """Words as ``holds`` takes them: lower-cased, each once."""
    return tuple(dict.fromkeys(w.lower() for w in words))


def cased(text: str) -> tuple[str, bool]:
    """A text as ``holds`` reads it, read once for as many word lists as are asked of it:
    its lower case, and whether it holds a character whose case-blind matching its lower
    case does not tell (``CASE_APART``)."""
    return text.lower(), CASE_APART.search(text) is not None


def holds(said: tuple[str, bool], words: tuple[str, ...]) -> bool:
    """False only where the text ``said`` is the ``cased`` form of holds none of ``words``
    (``lowered``) in any case: a case-blind regex that needs one of them finds nothing
    there."""
    low, apart = said
    if apart:
        return True
    for word in words:
        if word in low:
            return True
    return False
