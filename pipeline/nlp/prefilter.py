"""Where a regex can match: the literal strings every one of its matches starts with.

``starts(pattern)`` reads a compiled regex's parse tree and tells what each of its matches
begins with: one of a set of literal strings ("the next day", "between", "sept"), or any
decimal digit; and whether the character before a match is never a word character (the
pattern opens with ``(?<![\\w-])`` or the like). The date scan (``datescan.py``) then tries
a rule only where one of its starts begins a word, instead of at every character of its
windows: the same matches, found several times faster. When a pattern's starts cannot be
told (a leading character class other than digits, a pattern that may match the empty
string, inline flags, back-references), ``starts`` says so and the rule is scanned in full.
A start that the pattern always follows with white space and more literal text ("a" in
"a day later", "in" in "in March") also tells that text (its first ``TAIL`` characters):
such a start counts only where its text follows ("a ship" tries no date rule).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import chain
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any, Final

from pipeline.nlp.intsearch import bisect_left

LIMIT: Final = 5_000  # distinct prefixes followed at most (beyond: the pattern is scanned in full)

# an element of the parse read so far: (literal text, state); state True: the text is all
# the match consumed so far (more literal text may follow), False: something else follows,
# None: the match starts with a decimal digit (text ""), DIGIT: the text, then a digit.
# The text may hold one run of white space (``\s+``, written WHITE): what comes before it
# is a start, what follows it is what must follow that start (``Starts.after``).
Entry = tuple[str, bool | str | None]
WHITE: Final = "\x00"
DIGIT_MARK: Final = "\x01"  # (in ``Starts.after``: a digit)
TAIL: Final = 4  # characters followed after the white space (enough to tell "a day" from "a ship")
DIGIT: Final = "digit"
_DIGIT_CATEGORIES: Final = {sre.CATEGORY_DIGIT, sre.CATEGORY_UNI_DIGIT}
_ZERO_WIDTH: Final = {sre.AT, sre.ASSERT, sre.ASSERT_NOT}


class Unknown(Exception):
    """The parse holds something the analysis does not follow."""


@dataclass(frozen=True)
class Starts:
    literals: frozenset[str]  # every match starts with one of these, or with a digit
    digit: bool  # a match may start with a decimal digit
    word_start: bool  # the character before a match is never a word character
    # a literal -> what follows it in every match that starts with it: white space, then one
    # of these texts (DIGIT_MARK: a digit) ("a" -> "day", "week", "mont"...); None: anything
    after: dict[str, frozenset[str] | None] = field(default_factory=dict, compare=False)


def starts(pattern: re.Pattern[str]) -> Starts | None:
    """What every match of ``pattern`` starts with (module doc), or None."""
    if pattern.flags & ~re.UNICODE:
        return None
    try:
        items = _parser.parse(pattern.pattern, pattern.flags).data
        try:
            entries = _sequence(items, True)
        except Unknown:  # (too many prefixes with what follows the white space)
            entries = _sequence(items, False)
    except (Unknown, RecursionError, ValueError, TypeError, KeyError, IndexError):
        return None
    if any(not text.partition(WHITE)[0] and state is not None for text, state in entries):
        return None  # may start with a character of another class, or match nothing
    after: dict[str, set[str] | None] = {}
    for text, state in entries:
        head, white, tail = text.partition(WHITE)
        if not head:
            continue
        if not white:
            after[head] = None
        elif (known := after.setdefault(head, set())) is not None:
            known.add(tail + (DIGIT_MARK if state == DIGIT else ""))
    return Starts(frozenset(after), any(state is None for _, state in entries),
                  _after_non_word(items),
                  {head: None if a is None else frozenset(a) for head, a in after.items()})


def _join(text: str, more: str, then: bool | str | None) -> Entry:
    """``text`` followed by ``more``: one run of white space is followed, and at most
    ``TAIL`` characters after it."""
    joined = text + more
    head, white, tail = joined.partition(WHITE)
    if not white:
        return joined, then
    if WHITE in tail:
        tail, then = tail[:tail.index(WHITE)], False
    if len(tail) > TAIL:
        tail, then = tail[:TAIL], False
    return head + WHITE + tail, then


def _sequence(items: Any, white: bool) -> set[Entry]:
    out: set[Entry] = {("", True)}
    for op, av in items:
        if not any(state is True for _, state in out):
            break
        node = _node(op, av, white)
        following: set[Entry] = set()
        for text, state in out:
            if state is not True:
                following.add((text, state))
                continue
            for more, then in node:
                if then is None:  # a digit class
                    following.add((text, DIGIT) if text else ("", None))
                else:
                    following.add(_join(text, more, then))
        if len(following) > LIMIT:
            raise Unknown("too many prefixes")
        out = following
    return out


def _node(op: Any, av: Any, white: bool) -> set[Entry]:
    if op is sre.LITERAL:
        return {(chr(av), True)}
    if op in _ZERO_WIDTH:
        return {("", True)}
    if op is sre.SUBPATTERN:
        _group, add_flags, del_flags, inner = av
        if add_flags or del_flags:
            raise Unknown("inline flags")
        return _sequence(inner, white)
    if op is sre.ATOMIC_GROUP:
        return _sequence(av, white)
    if op is sre.BRANCH:
        return set().union(*(_sequence(branch, white) for branch in av[1]))
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, high, inner = av
        if white and op is sre.MAX_REPEAT and low == 1 and high is sre.MAXREPEAT \
                and list(inner) == [(sre.IN, [(sre.CATEGORY, sre.CATEGORY_SPACE)])]:
            return {(WHITE, True)}  # \s+
        once = _sequence(inner, white)
        if low == high == 1:
            return once
        cut: set[Entry] = {(text, False if state is True else state) for text, state in once}
        if low == 0:
            return {("", True)} | (once if high == 1 else cut)
        return cut
    if op is sre.IN:
        return {("", None if _digits(av) else False)}
    if op in (sre.GROUPREF, sre.GROUPREF_EXISTS):
        raise Unknown("back-reference")
    return {("", False)}  # any other consuming element: not a literal


def _digits(items: Any) -> bool:
    """A character class of decimal digits only."""
    for op, av in items:
        if op is sre.CATEGORY and av in _DIGIT_CATEGORIES:
            continue
        if op is sre.LITERAL and chr(av).isdecimal():
            continue
        if op is sre.RANGE and all(chr(c).isdecimal() for c in range(av[0], av[1] + 1)):
            continue
        return False
    return True


def _after_non_word(items: Any) -> bool:
    """Whether the assertions a pattern opens with make the character before a match a
    non-word character (or the start of the text): ``(?<![\\w-])``, or each of
    ``(?<=mid-)|(?<![\\w-])``."""
    for op, av in items:
        if op is sre.SUBPATTERN:
            return not av[1] and not av[2] and _after_non_word(av[3])
        if op is sre.BRANCH:
            return all(_after_non_word(branch) for branch in av[1])
        if op is sre.ASSERT_NOT and av[0] == -1 and len(av[1]) == 1:
            kind, chars = av[1][0]
            if kind is sre.IN and (sre.CATEGORY, sre.CATEGORY_WORD) in chars \
                    and not any(item[0] is sre.NEGATE for item in chars):
                return True
        if op is sre.ASSERT and av[0] == -1 and av[1] and av[1][-1][0] is sre.LITERAL \
                and not re.match(r"\w", chr(av[1][-1][1])):
            return True
        if op not in _ZERO_WIDTH:
            return False
    return False


class Prefilter:
    """One pass over a text finds where each of several named patterns may match: where one
    of its starts (``starts``) opens a word. Patterns whose starts cannot be told are left
    out (``points`` has no entry for them: scan them in full)."""

    def __init__(self, patterns: Iterable[tuple[str, re.Pattern[str]]]):
        self.known = {name: s for name, pattern in patterns
                      if (s := starts(pattern)) is not None and s.word_start}
        self.names = tuple(self.known)
        self._finder: _Finder | None = None

    def points(self, text: str, names: Iterable[str] | None = None) -> dict[str, list[int]]:
        """For each pattern (of ``names`` only, when given), the offsets (ascending) where a
        match of it may start.

        One finder of every pattern's starts serves every choice of ``names`` (built at the
        first call): a finder of the chosen patterns alone would find no offset this one
        does not (at each offset it finds the longest start that opens a word there, and
        that start begins with the shorter starts of the chosen patterns; what must follow
        a start is the union of what every pattern asks), so the chosen patterns' matches
        are the same; only building a regex for each choice of patterns (~40 ms, one for
        each set of anchor kinds a text holds) is saved."""
        finder = self._finder
        if finder is None:
            finder = self._finder = _Finder(self.known)
        found = finder.points(text)
        if names is None:
            return found
        return {n: found[n] for n in self.names if n in names}


class _Finder:
    """The one regex that finds where any of some patterns' starts opens a word, and which
    patterns each literal found may start. A hit is found as the non-word character before
    it (``\\W``, which the regex engine skips to without trying the rest at every
    character: three times faster than ``(?<!\\w)``), or at the start of the text. A
    literal that every pattern starting with it follows with white space and more literal
    text ("a" in "a day later", "in" in "in March") is found only where that follows."""

    def __init__(self, known: dict[str, Starts]):
        literals = sorted({text for s in known.values() for text in s.literals},
                          key=lambda text: (-len(text), text))
        self.names = tuple(known)
        digit = tuple(name for name, s in known.items() if s.digit)
        self.digit = digit
        self.dispatch = {  # a literal found -> the patterns one of whose starts it begins with
            text: tuple(dict.fromkeys(
                [name for name, s in known.items() if not s.literals.isdisjoint(heads)]
                + list(digit if text[0].isdecimal() else ())))
            for text in literals
            for heads in ({text[:i] for i in range(1, len(text) + 1)},)}
        after: dict[str, set[str] | None] = {}  # a literal -> what must follow it, if known
        for s in known.values():
            for text in s.literals:
                then = s.after.get(text)
                if then is None:
                    after[text] = None
                elif (known_after := after.setdefault(text, set())) is not None:
                    known_after.update(then)
        ends = {text: r"(?=\s)" if "" in then else rf"(?=\s+{trie(then)})"
                for text, then in after.items() if then}
        either = "|".join(([trie(literals, ends)] if literals else [])
                          + ([r"\d"] if digit else []))
        # (the longest literal; its offset is where the match ends)
        self.first = re.compile(rf"(?=({either}))") if either else None
        # (\W tried only after a cheap test: no ASCII letter, digit or "_")
        self.finder = re.compile(rf"[^a-z0-9_](?<=\W)(?=({either}))") if either else None

    def points(self, text: str) -> dict[str, list[int]]:
        found: dict[str, list[int]] = {name: [] for name in self.names}
        if self.finder is None:
            return found
        dispatch, digit = self.dispatch, self.digit
        first = self.first.match(text)  # type: ignore[union-attr]
        for m in chain((first,) if first else (), self.finder.finditer(text)):
            at = m.end()
            for name in dispatch.get(m.group(1), digit):
                found[name].append(at)
        return found


def matches(pattern: re.Pattern[str], text: str, where: list[tuple[int, int]],
            points: list[int]) -> list[re.Match[str]]:
    """The matches of ``pattern.finditer(text, a, b)`` for each window ``(a, b)`` of
    ``where`` in turn, tried only at ``points`` (where ``Prefilter.points`` says a match of
    ``pattern`` may start), as a list (the date scan reads them all)."""
    match = pattern.match
    found: list[re.Match[str]] = []
    for a, b in where:
        after = a
        for at in points[bisect_left(points, a):bisect_left(points, b)]:
            if at < after:
                continue
            m = match(text, at, b)
            if m is not None:
                after = m.end()
                found.append(m)
    return found


def trie(literals: Iterable[str], ends: dict[str, str] | None = None) -> str:
    """A regex matching the longest of ``literals`` that starts where it is tried, written
    as a tree of their characters (one branch tried a character, not one a literal). A
    literal with an entry in ``ends`` (a lookahead) counts only where that matches."""
    tree: dict = {}
    for text in literals:
        node = tree
        for char in text:
            node = node.setdefault(char, {})
        node[""] = {}  # a literal ends here
    ends = ends or {}

    def write(node: dict, path: str) -> str:
        branches = [(r"\d" if char == DIGIT_MARK else re.escape(char)) + write(child, path + char)
                    for char, child in sorted(node.items()) if char]
        end = ends.get(path, "") if "" in node else None  # None: no literal ends here
        if not branches:
            return end or ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        if end is None:
            return body
        return f"(?:{body}|{end})" if end else f"(?:{body})?"

    return write(tree, "")
