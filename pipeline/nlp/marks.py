"""What the rule components found, as plain tuples the event assembler reads fast.

A spaCy ``Span`` goes back to its ``Doc`` for every attribute read (``label_`` looks its
string up each time, ``doc[a:b]`` walks tokens), and a ``SpanGroup`` builds a new ``Span``
for every item it yields; the event assembler reads each span many times. So
``milex_rules`` keeps what it assigns (``doc.ents``, ``doc.spans``) also as ``Mark``
tuples, with the same attribute names as a ``Span``'s, in ``doc.user_data``: ``found(doc)``
returns them, ``sentences(doc)`` the sentences of ``milex_sentences`` the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import NamedTuple, cast

from spacy.attrs import NORM
from spacy.strings import StringStore
from spacy.tokens import Doc

KEY = "milex_found"


class Mark(NamedTuple):
    """Tokens ``start``-``end`` (characters ``start_char``-``end_char``) of a doc."""

    start: int
    end: int
    start_char: int
    end_char: int
    label_: str = ""
    kb_id_: str = ""

    @property
    def width(self) -> int:
        """Its number of tokens (``len`` of a ``Span``)."""
        return self.end - self.start


# ``new_mark(fields)`` is ``Mark(*fields)`` with every field given: the tuple made directly
# (in C), without the Python ``__new__`` a NamedTuple call runs (the rule component makes
# ~800 marks a document)
new_mark = cast(Callable[[tuple[int, int, int, int, str, str]], Mark],
                partial(tuple.__new__, Mark))


@dataclass
class Found:
    """What ``milex_rules`` assigned to one doc (``component.py``), in the same order."""

    ents: list[Mark]
    lex: list[Mark]
    triggers: list[Mark]
    cues: list[Mark]
    titles: list[Mark]
    persons: list[Mark]
    token_starts: list[int]  # each token's first character
    token_ends: list[int]  # the character after each token


TEXT = "milex_text"  # the text a doc was made of (``tokens.ChunkCachedTokenizer``)


def text_of(doc: Doc) -> str:
    """``doc.text``, as the tokenizer was given it where it kept it (``doc.text`` joins
    every token's text again: a pass over the document)."""
    held = doc.user_data.get(TEXT)
    return held if isinstance(held, str) else doc.text


def found(doc: Doc) -> Found:
    """What ``milex_rules`` found in ``doc``."""
    return doc.user_data[KEY]


def sentences(doc: Doc) -> list[Mark]:
    """The sentences ``milex_sentences`` found (no ``doc.sents``: it walks every token)."""
    starts: list[int] = doc.user_data.get("milex_sentence_starts", [])
    first, after = found(doc).token_starts, found(doc).token_ends
    return [new_mark((a, b, first[a], after[b - 1], "", ""))
            for a, b in zip(starts, [*starts[1:], len(doc)], strict=True)]


# left in a doc's user_data by ``milex_rules``: (the distinct NORM ids of the doc, each
# token's index among them), so ``Norms`` need not read every token's NORM again
NORM_IDS = "milex_norm_ids"
NORMS = "milex_norms"  # the ``Norms`` of a doc, once built (``Norms.of``)


# norm id -> its string, for every document (a string's id is the hash of its text, the same
# in every vocabulary): the string store builds a new string object at every look-up, the
# same word's string is kept here from the first document that said it (and, being the
# same object, keeps its hash for every set the rules look it up in); no more are kept than
# ``NORM_TEXTS_MAX``, the words past it are looked up as before
_NORM_TEXTS: dict[int, str] = {}
NORM_TEXTS_MAX = 200_000


def _norm_texts(distinct: list[int], strings: StringStore) -> list[str]:
    """The strings of the norm ids ``distinct``, in their order (``_NORM_TEXTS``)."""
    held = _NORM_TEXTS
    words = list(map(held.get, distinct))  # (most words are known)
    if None not in words:
        return cast("list[str]", words)
    out = []
    for n, word in zip(distinct, words, strict=True):
        if word is None:
            word = strings[n]
            if len(held) < NORM_TEXTS_MAX:
                held[n] = word
        out.append(word)
    return out


class Norms(list[str]):
    """Each token's ``NORM`` as a list of strings (read as ``norms[i]`` many times a
    sentence: a list item, no method call); each distinct word's string is looked up once."""

    def __init__(self, doc: Doc):
        known = doc.user_data.get(NORM_IDS)
        strings = doc.vocab.strings
        if known is not None and len(known[1]) == len(doc):
            distinct, of_token = known
            words = _norm_texts(distinct, strings)
            super().__init__([words[k] for k in of_token])
        else:
            super().__init__([strings[n] for n in doc.to_array(NORM).tolist()]
                             if len(doc) else [])

    @classmethod
    def of(cls, doc: Doc) -> Norms:
        """The document's norms, built once (the date scan's model numbers and the event
        assembler both read them)."""
        held = doc.user_data.get(NORMS)
        if held is None:
            held = doc.user_data[NORMS] = cls(doc)
        return held


class Named(set):
    """The states a document names, with how many of its place names each may stand for
    (``support``, of ``parties.with_places``). (Here, in a module ``make fast`` leaves as
    Python: mypyc compiles no class deriving from a built-in set.)"""

    support: dict[str, int]
