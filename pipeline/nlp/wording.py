"""The wording of the sentence that states an event, as features the confidence model weighs.

The rules decide what an event is; how its sentence is worded tells how sure to be of it
(a plan, a habit, a count over years, a quotation, a heading). ``Wording(...).features(
candidate)`` gives, for the sentence of a candidate event:

- ``lx.t.LEMMA``: the trigger's own words; ``lx.w.LEMMA``: the words within ``window`` of it
  (``models/wording.json``); ``lx.s.LEMMA``: the other words of the sentence. A word is read
  as its lexicon lemma where the lexicon knows its form, else as its folded norm; names
  (a capitalised word inside the sentence, a gazetteer entity), numbers and punctuation are
  left out, so the model learns the genre's language, not who or when;
- ``lx.m.NAME``: marks of the kind of sentence: the word lists of ``models/wording.json``
  (future, conditional, plan, negation, aggregate, say), and ``infinitive`` (the trigger an
  infinitive), ``quote``, ``count`` (a number that is no day or year), ``question``,
  ``heading`` (a short line without a closing stop), ``headline`` (the document's first);
- ``lx.pos``: where the sentence stands in the document (0 first, 1 last).

Only the features the fitted model has a weight for count (``confidence.py``); the fit
(``scripts/fit_wording.py``) keeps the words seen in enough groups of documents.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Final, Protocol

from pipeline.nlp.confidence import ModelError
from pipeline.nlp.marks import Mark

DATA: Final = Path(__file__).resolve().parents[2] / "models" / "wording.json"
QUOTES: Final = frozenset('"“”«»')
STOPS: Final = tuple('.!?:;"”»)\'')
HEADING_MAX: Final = 25  # tokens of a line without a closing stop read as a heading
YEAR: Final = re.compile(r"(?:19|20)\d\d")


class Stated(Protocol):
    """What a candidate event must carry to be read (``merge.Candidate`` does)."""

    sentence: Mark
    trigger: Mark


@dataclass(frozen=True)
class Markers:
    """One language's word lists of ``models/wording.json``: per mark, its folded words and
    the endings (lower case, accents kept) of the words it takes."""

    words: dict[str, frozenset[str]]
    endings: dict[str, tuple[str, ...]]


class WordingError(ModelError):
    """models/wording.json is not as pipeline/nlp/wording.py reads it (a ``ModelError``:
    when the confidence model weighs wording, ``workers._warm`` reads the file before any
    document, and the CLI says so in one line)"""

    hint = "Restore models/wording.json (git checkout models/wording.json) or refit it " \
        "(scripts/fit_wording.py)."


@cache
def _data(path: Path = DATA) -> dict:
    """``models/wording.json``, checked: its ``markers`` and its ``window``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise WordingError(f"{path}: cannot be read as JSON ({error})") from None
    if not isinstance(data, dict) or not isinstance(data.get("markers"), dict) \
            or not isinstance(data.get("window"), int):
        raise WordingError(f"{path}: needs 'markers' (an object) and 'window' (an integer)")
    return data


@cache
def markers(lang: str, path: Path = DATA) -> Markers:
    words, endings = {}, {}
    for name, by_lang in _data(path)["markers"].items():
        entry = by_lang.get(lang, {})
        unknown = set(entry) - {"words", "endings"}
        if unknown:
            raise WordingError(f"{path}: markers.{name}.{lang}: unknown keys {sorted(unknown)} "
                               f"(allowed: words, endings)")
        words[name] = frozenset(entry.get("words", ()))
        endings[name] = tuple(entry.get("endings", ()))
    return Markers(words, endings)


def window(path: Path = DATA) -> int:
    return int(_data(path)["window"])


class Wording:
    """The wording features of the candidates of one document (module docstring)."""

    def __init__(self, text: str, norms: list[str], token_starts: list[int],
                 sentences: list[Mark], ents: list[Mark], lang: str,
                 forms: dict[str, set[str]], numbers: frozenset[str] = frozenset()):
        self.text, self.norms, self.token_starts = text, norms, token_starts
        self.sentences, self.lang, self.forms, self.numbers = sentences, lang, forms, numbers
        self.starts = [s.start for s in sentences]
        self.ents = ents
        self.named: set[int] | None = None  # tokens inside an entity (built at first use)
        self.markers = markers(lang)
        self.window = window()

    def _named(self) -> set[int]:
        if self.named is None:
            self.named = {k for e in self.ents for k in range(e.start, e.end)}
        return self.named

    def lemma(self, k: int, first: int) -> str | None:
        """Token ``k``'s lemma (``first``: its sentence's first token), or None for a name,
        a number or punctuation."""
        norm = self.norms[k]
        if not any(c.isalpha() for c in norm) or any(c.isdigit() for c in norm):
            return None
        if k != first and self.text[self.token_starts[k]].isupper() or k in self._named():
            return None
        lemmas = self.forms.get(norm)
        return min(lemmas) if lemmas else norm

    def features(self, candidate: Stated) -> dict[str, float]:
        sent, trigger = candidate.sentence, candidate.trigger
        norms, text = self.norms, self.text
        out: dict[str, float] = {}
        for k in range(sent.start, sent.end):
            lemma = self.lemma(k, sent.start)
            if lemma is None:
                continue
            if trigger.start <= k < trigger.end:
                out[f"lx.t.{lemma}"] = 1.0
            elif trigger.start - self.window <= k < trigger.end + self.window:
                out[f"lx.w.{lemma}"] = 1.0
            else:
                out[f"lx.s.{lemma}"] = 1.0
        said = text[sent.start_char:sent.end_char]
        lower = said.lower()
        words = set(norms[sent.start:sent.end])
        written = re.findall(r"\w+", lower)
        for name, listed in self.markers.words.items():
            ends = self.markers.endings[name]
            if not words.isdisjoint(listed) or ends and any(
                    len(w) > 4 and w.endswith(ends) for w in written):
                out[f"lx.m.{name}"] = 1.0
        first = norms[trigger.start]
        if self.lang == "en" and trigger.start > sent.start and norms[trigger.start - 1] == "to" \
                or self.lang != "en" and trigger.label_.endswith("_v") \
                and first.endswith(("ar", "er", "ir")):
            out["lx.m.infinitive"] = 1.0
        if not QUOTES.isdisjoint(said):
            out["lx.m.quote"] = 1.0
        if any(w.isdigit() and not YEAR.fullmatch(w) and int(w) > 31 for w in written) \
                or not words.isdisjoint(self.numbers):
            out["lx.m.count"] = 1.0
        stripped = said.rstrip()
        if stripped.endswith("?"):
            out["lx.m.question"] = 1.0
        if not stripped.endswith(STOPS) and sent.end - sent.start < HEADING_MAX:
            out["lx.m.heading"] = 1.0
        index = bisect_right(self.starts, sent.start) - 1
        if index <= 0:
            out["lx.m.headline"] = 1.0
        out["lx.pos"] = index / max(1, len(self.sentences) - 1)
        return out
