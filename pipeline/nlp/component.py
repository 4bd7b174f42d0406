"""The spaCy components of the rule-based pipeline.

``milex_sentences`` splits sentences as spaCy's sentencizer does and also after every
line break (headlines and paragraphs never merge). ``milex_rules``:

- sets every token's ``NORM`` to its folded form (``fold.py``: no case, accents or
  curly apostrophes), and matches every gazetteer phrase of ``models/`` on it with one
  PhraseMatcher, so "Ministério" and "Ministerio" are one entry;
- assigns ``doc.ents``: COUNTRY, INSTITUTION, LOCATION (``kb_id_`` = canonical id);
  overlapping matches keep the longest, and STOP phrases block what they cover;
- assigns ``doc.spans["lex"]``: each word or phrase of a lexicon class (``label_`` = class,
  matched through its lemma: "llegó", "docked" and "atracaram" find their class; an
  institution counts as the class its kind is mapped to: "UNITAS" an exercise, "USNS
  Comfort" a ship); ``doc.spans["triggers"]``: those of them whose class triggers a frame;
  and the groups ``titles``, ``cues`` (``kb_id_`` = rule id, ``label_`` = rank / cue kind) and
  ``persons`` (a title followed by a capitalised name; ``kb_id_`` = the name);
- keeps all of these also as plain tuples (``marks.py``), which the event assembler reads.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from bisect import bisect_right
from functools import cache
from typing import ClassVar, Final, cast

import numpy
from spacy.attrs import IDX, LENGTH, NORM, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.pipeline import Sentencizer
from spacy.strings import StringStore
from spacy.tokens import Doc, Span

from pipeline.nlp.designations import DESIGNATION, NOT_DESIGNATIONS
from pipeline.nlp.fold import fold
from pipeline.nlp.marks import KEY as FOUND
from pipeline.nlp.marks import NORM_IDS, Found, Mark, new_mark, text_of
from pipeline.nlp.models import Lexicon, Models, Phrase, article_words, load

ENTITY_LABELS: Final = ("COUNTRY", "INSTITUTION", "LOCATION", "STOP")
# set in a doc's user_data before the pipeline runs: keep what is found as records only
# (``marks.found``), without ``doc.ents`` and ``doc.spans`` (building them is 8% of tagging)
RECORDS_ONLY: Final = "milex_records_only"
# left in a doc's user_data by ``milex_sentences`` for ``milex_rules``: the distinct orth ids,
# each token's index among them, each token's first character, the character after it, and
# whether it starts with a capital
TOKENS: Final = "milex_tokens"
NAME_PARTICLES: Final = article_words(("name_particles",))  # (articles.json)
DESIGNATION_CLASS: Final = "weapon"
# "Minister of Defence of"
OF_COUNTRY: Final = article_words(("of",))  # (articles.json)
ARTICLES: Final = article_words(("definite_singular", "definite_plural"))  # any language
# the words an institution's own state may follow it by ("of the", "de los", "dos"); not "el",
# which starts a state's own name ("Ministerio de Defensa de El Salvador")
OF_WORDS: Final = (OF_COUNTRY | ARTICLES) - {"el"}


@Language.component("milex_sentences")
def sentences(doc: Doc) -> Doc:
    """Sentence starts as spaCy's ``sentencizer`` sets them (after a run of . ! ? and
    the like), plus one after every line break, so headlines and paragraphs never merge.
    Computed on token arrays: the same result several times faster. What is read of a word
    (punctuation, shape, length, case, abbreviation) is read once per distinct word
    (``_Words``), not once per token; what ``milex_rules`` needs of it is left in
    ``doc.user_data[TOKENS]``."""
    if not len(doc):
        return doc
    orth, spaced, idx = doc.to_array([ORTH, SPACY, IDX]).T
    distinct, inverse = numpy.unique(orth, return_inverse=True)
    inverse = inverse.reshape(-1)
    words = _Words.of(doc).rows(doc, distinct)
    ends = words[:, W_ENDS][inverse] != 0
    _keep_abbreviations(doc, orth, spaced, ends, words, inverse)
    plain = numpy.flatnonzero(~ends & (words[:, W_PUNCT][inverse] == 0))
    seen = numpy.cumsum(ends)[plain]
    starts = numpy.full(len(doc), -1, dtype="int32")
    starts[0] = 1
    starts[plain[numpy.diff(seen, prepend=0) > 0]] = 1
    strings = doc.vocab.strings
    for i in numpy.flatnonzero(words[:, W_SPACE][inverse[:-1]]):
        if "\n" in strings[int(orth[i])]:
            starts[i + 1] = 1
            if i > 0:
                starts[i] = -1  # a blank line ends its paragraph, it is no sentence of its own
    doc.from_array([SENT_START], starts.reshape(-1, 1).astype("uint64"))  # type: ignore[arg-type]
    doc.user_data["milex_sentence_starts"] = numpy.flatnonzero(starts == 1).tolist()
    doc.user_data[TOKENS] = (distinct, inverse, idx,
                             idx + words[:, W_LENGTH][inverse].astype("uint64"),
                             words[:, W_UPPER][inverse] != 0)
    return doc


def _keep_abbreviations(doc: Doc, orth: numpy.ndarray, spaced: numpy.ndarray,
                        ends: numpy.ndarray, words: numpy.ndarray, inverse: numpy.ndarray
                        ) -> None:
    """A full stop ends no sentence after an abbreviation ("Lt. Col. Ruiz", "el Cnel.
    Díaz"), after a single capital initial ("George W. Bush"), before a number when the
    abbreviation takes one ("berth No. 6"), or when a lower-case word follows it. A word
    the tokenizer keeps with its dots ("U.S.", "p.m.") ends one when a capitalised
    function word follows ("in the U.S. The course"). (``words``: ``_Words`` rows of
    the distinct words, ``inverse``: each token's row.)"""
    stop = doc.vocab.strings.add(".")
    last = len(doc) - 1
    candidates = (words[:, W_DOTTED][inverse[:last]] != 0) & (spaced[:last] > 0) & ~ends[:last]
    at = numpy.flatnonzero(candidates)  # "... in the U.S. The course": it ends there
    ends[at[words[:, W_OPENER][inverse[at + 1]] != 0]] = True
    at = numpy.flatnonzero(ends[1:last] & (orth[1:last] == stop)) + 1
    before, after = words[inverse[at - 1]], words[inverse[at + 1]]
    # "General de División (s.p.) Oswaldo Jarrín", "Almirante (Ret.) Díaz": a word and its
    # full stop alone in brackets are an abbreviation, the sentence goes on
    strings = doc.vocab.strings
    # (two comparisons each, not numpy.isin: its set-up costs more than the test)
    ids = {c: numpy.uint64(strings.add(c)) for c in "()[]"}
    after_at, two_before = orth[at + 1], orth[numpy.maximum(at - 2, 0)]
    bracketed = (at >= 2) & ((after_at == ids[")"]) | (after_at == ids["]"])) \
        & ((two_before == ids["("]) | (two_before == ids["["]))
    kept = (spaced[at - 1] == 0) & (  # ("... 2012 ." is no abbreviation)
        (before[:, W_ABBREVIATION] != 0) | (after[:, W_LOWER] != 0)
        | ((before[:, W_BEFORE_NUMBER] != 0) & (after[:, W_DIGIT] != 0)) | bracketed)
    ends[at[kept]] = False


# the columns of a ``_Words`` row: the word ends a sentence (a sentencizer punctuation
# mark), is punctuation, is space, ends with a full stop after more than two characters
# ("U.S."), its length, it starts with a capital, it is a capitalised function word, an
# abbreviation or a single capital, an abbreviation that takes a number ("No."), it
# starts with a digit, with a lower-case letter
(W_ENDS, W_PUNCT, W_SPACE, W_DOTTED, W_LENGTH, W_UPPER, W_OPENER, W_ABBREVIATION,
 W_BEFORE_NUMBER, W_DIGIT, W_LOWER) = range(11)


class _Words:
    """What the sentence splitter and ``milex_rules`` read of each distinct word (orth id)
    of one vocabulary and language, one table row a word: a word's attributes are its
    lexeme's and its text's, read the first time it is seen, not once per token."""

    _known: ClassVar[dict[tuple[int, str], _Words]] = {}

    def __init__(self, doc: Doc):
        self.index: dict[int, int] = {}  # orth id -> row
        self.table = numpy.zeros((1024, 11), dtype="int64")

    @classmethod
    def of(cls, doc: Doc) -> _Words:
        key = (id(doc.vocab), doc.lang_)
        words = cls._known.get(key)
        if words is None:
            words = cls._known[key] = cls(doc)
        return words

    def rows(self, doc: Doc, distinct: numpy.ndarray) -> numpy.ndarray:
        """The rows of ``distinct`` (orth ids), in their order."""
        index = self.index
        orths = distinct.tolist()
        known = list(map(index.get, orths))  # (most words are known)
        at = cast("list[int]", known) if None not in known else [
            self._add(doc, o) if row is None else row for row, o in zip(known, orths, strict=True)]
        return self.table[at]

    def _add(self, doc: Doc, orth: int) -> int:
        vocab = doc.vocab
        abbreviations, before_number, openers = _abbreviations(doc.lang_)
        lex = vocab[orth]
        text = lex.orth_
        word = fold(text)
        row = self.index[orth] = len(self.index)
        if row == len(self.table):
            self.table = numpy.concatenate([self.table, numpy.zeros_like(self.table)])
        self.table[row] = (
            orth in _punct_ids(doc), lex.is_punct, lex.is_space,
            len(text) > 2 and lex.shape_.endswith("."), len(text), text[:1].isupper(),
            text[:1].isupper() and word in openers,
            word in abbreviations or (len(text) == 1 and text.isupper())
            or (doc.lang_ in ORDINAL_LANGS and ORDINAL.fullmatch(word) is not None),
            word in before_number, text[:1].isdigit(), text[:1].islower())
        return row


# an ordinal written as a number and letters before a full stop ("la 6a. Brigada", "el 2o.
# Batallón", "la 3ra. Zona Naval", "a 4a. Divisão"): an abbreviation, no sentence end
ORDINAL: Final = re.compile(r"\d{1,3}(?:a|o|er|ra|do|da|to|ta|vo|va|no|na|mo|ma)")
ORDINAL_LANGS: Final = frozenset({"es", "pt"})


@cache
def _abbreviations(lang: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    models = load()
    return (models.abbreviations.get(lang, frozenset()),
            models.before_number.get(lang, frozenset()),
            models.function_words.get(lang, frozenset()))


_PUNCT_IDS: Final[dict[int, frozenset[int]]] = {}


def _punct_ids(doc: Doc) -> frozenset[int]:
    """The orth ids of the characters spaCy's sentencizer ends a sentence after."""
    key = id(doc.vocab)
    if key not in _PUNCT_IDS:
        _PUNCT_IDS[key] = frozenset(doc.vocab.strings.add(c)
                                    for c in Sentencizer.default_punct_chars)
    return _PUNCT_IDS[key]


# classes whose phrases a STOP phrase does not block: the trap "entrou em vigor" keeps out an
# arrival ("entrar"), not the agreement's entry into force (``events.LATER_ACT``)
UNSTOPPED: Final = frozenset({"later_act_v"})
# the cues of a wish, intention or plan ("interés en", "intenção de", "plans to") whose
# words may stand apart by modifiers: a demonym, a possessive, an adverb ("el interés
# boliviano en adquirir", "a intenção brasileira de", "plans eventually to"); such a cue is
# read across them as if its words stood together
GAPPED_CUES: Final = frozenset({"cue.modal", "cue.plan"})
GAP: Final = 2  # modifier tokens at most between a gapped cue's first and second word
# the endings of an adverb of manner (folded: "especialmente", "currently")
ADVERB_ENDS: Final = {"es": "mente", "pt": "mente", "en": "ly"}

# a word's lexicon keys, its classes alone, the phrases it opens by their second word (each
# as its words and class), and whether it opens any class
Entry = tuple[frozenset[str], tuple[str, ...],
              dict[str, tuple[tuple[tuple[str, ...], str], ...]], bool]


@Language.factory("milex_rules", default_config={}, assigns=["doc.ents", "doc.spans"])
def make_rules(nlp: Language, name: str) -> RuleTagger:
    return RuleTagger(nlp, load())


NOUN_CLASS: Final = "_n"  # (the lexicon's noun classes: "port_call_n", "purchase_n")


class RuleTagger:
    def __init__(self, nlp: Language, models: Models):
        self.lexicon: Lexicon = models.lexicons.get(str(nlp.lang), Lexicon())
        self.kind_classes = models.kind_classes
        self.triggers = models.triggers
        self.institution_kinds = models.institution_kinds
        self.entity_countries = models.entity_countries
        self.ship_prefixes = frozenset(models.ship_prefixes)  # ("ARC", "HMS": ``_ship_names``)
        # a state's name that is also a person's given name ("Mauricio Macri", "Francia
        # Márquez"): before a capitalised surname it names the person, not the state
        self.given_names = frozenset(fold(p.text) for p in models.phrases
                                     if p.kind == "given_name" and p.lang in (None, nlp.lang))
        self.norms: dict[int, int] = {}  # orth id -> folded norm id (cached per vocab)
        self.entries: dict[int, Entry] = {}  # norm id -> what ``_entry`` reads of it
        self.spelt_entries: dict[int, Entry] = {}  # the same by orth id (``Lexicon.spelt``)
        self.spelt_norms: dict[int, bool] = {}  # norm id -> whether its spelling counts
        self.matcher = PhraseMatcher(nlp.vocab, attr="NORM")
        # match id -> what each phrase of it marks: (whether it needs a capital, the mark's
        # label, its id, the group it joins), read once here, not at every match
        self.meanings: dict[int, list[tuple[bool, str, str, str]]] = {}
        by_key: dict[str, list[str]] = {}
        meanings: dict[str, Phrase] = {}
        for p in models.phrases:
            if p.lang not in (None, nlp.lang):
                continue
            key = f"{p.label}|{p.id}|{p.country}|{p.needs_upper}|{p.kind}"
            meanings[key] = p
            by_key.setdefault(key, []).append(p.text)
        for key, texts in by_key.items():
            patterns = [nlp.make_doc(t) for t in sorted(set(texts))]
            for pattern in patterns:
                self._fold(pattern)
            self.matcher.add(key, patterns)
            p = meanings[key]
            self.meanings.setdefault(nlp.vocab.strings[key], []).append((
                p.needs_upper, p.label if p.label in ENTITY_LABELS else (p.kind or p.label),
                p.id, "ents" if p.label in ENTITY_LABELS else {"TITLE": "titles",
                                                              "CUE": "cues"}[p.label]))
        # a wish or plan cue's first word (norm id) -> its other words (norm ids) and meaning
        self.gapped: dict[int, list[tuple[tuple[int, ...], tuple[bool, str, str, str]]]] = {}
        lang = str(nlp.lang)
        for p in models.phrases:
            if p.label != "CUE" or p.id not in GAPPED_CUES or p.lang not in (None, lang):
                continue
            words = [nlp.vocab.strings.add(fold(t.text)) for t in nlp.make_doc(p.text)]
            if len(words) > 1:
                self.gapped.setdefault(words[0], []).append(
                    (tuple(words[1:]), (False, p.kind or p.label, p.id, "cues")))
        self.modifiers = frozenset(nlp.vocab.strings.add(w) for w in (
            models.demonyms | models.possessives.get(lang, frozenset()) | self.lexicon.adverbs))
        self.adverb_end = ADVERB_ENDS.get(lang, "")

    def _fold(self, doc: Doc, tokens: tuple[numpy.ndarray, ...] | None = None
              ) -> tuple[list[int], numpy.ndarray]:
        """Set each token's NORM to its folded text (one dictionary look-up per distinct
        word of the text, one ``fold`` per new word). Returns the distinct norm ids and,
        for each token, the index of its own among them."""
        if not len(doc):
            return [], numpy.zeros(0, dtype="intp")
        distinct, inverse = (tokens or self._tokens(doc))[:2]
        strings = doc.vocab.strings
        norms = self.norms
        orths = distinct.tolist()
        known = list(map(norms.get, orths))  # (most words are known)
        folded = cast("list[int]", known) if None not in known else [
            self._norm(o, strings) if n is None else n for o, n in zip(orths, known, strict=True)]
        ids = numpy.array(folded, dtype="uint64")
        doc.from_array([NORM], ids[inverse].reshape(-1, 1))  # type: ignore[arg-type]
        return folded, inverse.reshape(-1)

    def _norm(self, orth: int, strings: StringStore) -> int:
        """The folded norm id of a word not seen before (cached: ``self.norms``)."""
        n = self.norms[orth] = strings.add(fold(strings[orth]))
        return n

    @staticmethod
    def _tokens(doc: Doc) -> tuple[numpy.ndarray, ...]:
        """(distinct orth ids, each token's index among them, each token's first character,
        the character after it, whether it starts with a capital): left by
        ``milex_sentences``, else read here."""
        known = doc.user_data.pop(TOKENS, None)
        if known is not None and len(known[1]) == len(doc):
            return known
        orth = doc.to_array(ORTH)
        distinct, inverse = numpy.unique(orth, return_inverse=True)
        chars = doc.to_array([IDX, LENGTH])
        upper = numpy.array([t.text[:1].isupper() for t in doc], dtype=bool)
        return distinct, inverse, chars[:, 0], chars[:, 0] + chars[:, 1], upper

    def __call__(self, doc: Doc) -> Doc:
        tokens = self._tokens(doc) if len(doc) else None
        folded, inverse = self._fold(doc, tokens)
        first, after = (tokens[2].tolist(), tokens[3].tolist()) if tokens else ([], [])
        upper = tokens[4] if tokens else None
        groups: dict[str, list[Mark]] = {"ents": [], "titles": [], "cues": []}
        meanings = self.meanings
        for match_id, start, end in self.matcher(doc):
            for needs_upper, label, kb_id, group in meanings[match_id]:
                if needs_upper and not upper[start]:  # type: ignore[index]
                    continue
                groups[group].append(new_mark((start, end, first[start], after[end - 1],
                                               label, kb_id)))
        if self.gapped and len(doc):
            groups["cues"].extend(self._gapped_cues(doc, folded, inverse.tolist(), first, after))
        kept = _longest(groups["ents"])
        stopped = {t for s in kept if s.label_ == "STOP" for t in range(s.start, s.end)}
        ents = [s for s in kept if s.label_ != "STOP"]
        of_token = inverse.tolist()
        ents = self._of_another_state(ents, doc, folded, of_token)
        if self.given_names:
            ents = _given_names(ents, doc, self.given_names)
        ents = _with_acronyms(ents, doc, first, after)
        doc.user_data[NORM_IDS] = (folded, of_token)  # (for ``marks.Norms``)
        distinct = tokens[0].tolist() if tokens else []
        classes = _meeting_calls(_course_subjects(
            self._classes(doc, folded, inverse, of_token, distinct),
            doc.vocab.strings, folded, of_token))
        if stopped:  # (most texts have no STOP phrase)
            classes = [(a, b, cls) for a, b, cls in classes if cls in UNSTOPPED
                       or (a not in stopped if b == a + 1 else stopped.isdisjoint(range(a, b)))]
            wide = [(a, b) for a, b, cls in classes if cls in UNSTOPPED]  # (within the
            # unstopped "entrou em vigor", its "em vigor" is no act of its own)
            classes = [(a, b, cls) for a, b, cls in classes if cls not in UNSTOPPED or not any(
                x <= a and b <= y and (x, y) != (a, b) for x, y in wide)]
        classes = _idioms(classes, self.lexicon.actions)
        classes += [(e.start, e.end, cls) for e in ents
                    if e.label_ == "INSTITUTION"
                    and (kind := self.institution_kinds.get(e.kb_id_)) in self.kind_classes
                    for cls in self.kind_classes[kind]]
        classes = _series_acronyms(classes, doc, first, after)
        lex = [new_mark((a, b, first[a], after[b - 1], cls, "")) for a, b, cls in classes]
        titles, lex = _ship_names(doc, _longest(groups["titles"]), lex, self.ship_prefixes)
        phrases = sorted((a, b) for a, b, _ in classes if b - a > 1)  # (``_in_phrase``)
        widest = max((b - a for a, b in phrases), default=0)
        strings = doc.vocab.strings  # (read once, not for every cue)
        cues = [c for c in groups["cues"]
                if not _numero(strings, folded, of_token, c.end)
                and not (c.label_ in WORD_OF_PHRASE and _in_phrase(c, phrases, widest))]
        persons = self._persons(doc, titles, ents, first, after)
        named = {i for p in persons for i in range(p.start, p.end)}
        ents = [e for e in ents if named.isdisjoint(range(e.start, e.end))]  # (the place
        # words of a name: "general Salvador Cienfuegos", "presidente Mauricio Macri")
        found = Found(ents=ents, lex=lex, triggers=[m for m in lex if m.label_ in self.triggers],
                      cues=cues, titles=titles, persons=persons,
                      token_starts=first, token_ends=after)
        doc.user_data[FOUND] = found
        if doc.user_data.get(RECORDS_ONLY):
            return doc  # tag() reads the records alone: no spaCy spans to build
        doc.set_ents(_spans(doc, found.ents), default="outside")  # (= doc.ents, no copies)
        doc.spans["lex"] = lex_spans = _spans(doc, lex)
        doc.spans["triggers"] = [span for span, mark in zip(lex_spans, lex, strict=True)
                                 if mark.label_ in self.triggers]
        for name in ("titles", "cues", "persons"):
            doc.spans[name] = _spans(doc, getattr(found, name))
        return doc

    def _modifier(self, n: int, strings: StringStore) -> bool:
        """Whether the word of norm id ``n`` may stand inside a wish or plan cue: a demonym,
        a possessive or an adverb (``GAPPED_CUES``)."""
        if n in self.modifiers:
            return True
        end = self.adverb_end
        word = strings[n]
        return bool(end) and word.endswith(end) and len(word) > len(end) + 3 and word.isalpha()

    def _gapped_cues(self, doc: Doc, folded: list[int], of_token: list[int], first: list[int],
                     after: list[int]) -> list[Mark]:
        """The wish and plan cues whose first word stands apart from the rest by one or
        two modifiers ("interés boliviano en", "intenção brasileira de"); the cue spans
        them all. (Cues whose words stand together are the PhraseMatcher's.)"""
        norms = [folded[k] for k in of_token]
        strings = doc.vocab.strings
        found: list[Mark] = []
        length = len(norms)
        for i, n in enumerate(norms):
            rests = self.gapped.get(n)
            if rests is None:
                continue
            for gap in range(1, GAP + 1):
                if i + gap >= length or not self._modifier(norms[i + gap], strings):
                    break
                j = i + gap + 1
                for rest, (_, label, kb_id, _) in rests:
                    end = j + len(rest)
                    if end <= length and tuple(norms[j:end]) == rest:
                        found.append(new_mark((i, end, first[i], after[end - 1], label,
                                               kb_id)))
        return found

    def _classes(self, doc: Doc, folded: list[int], inverse: numpy.ndarray,
                 of_token: list[int], distinct: list[int] | None = None
                 ) -> list[tuple[int, int, str]]:
        """Lexicon classes, as (start, end, class) in text order: every word whose lemma is
        a class word, and every phrase whose words' lemmas follow one another ("took
        part" -> take part). ``folded`` and ``inverse`` are what ``_fold`` returns,
        ``of_token`` the same as ``inverse``, a list; ``distinct`` the orth id of each of
        ``folded`` (a word whose accent tells a form apart, "pasó", is read as written)."""
        get = self.entries.get
        strings = doc.vocab.strings
        # each distinct norm's (keys, classes, phrases it opens, whether it opens any)
        rows = [get(n) or self._entry(n, strings) for n in folded]
        if distinct and self.lexicon.spelt:
            spelt = self.spelt_norms  # (a norm's string is looked up once, not every document)
            for k, n in enumerate(folded):
                by_spelling = spelt.get(n)
                if by_spelling is None:
                    by_spelling = spelt[n] = strings[n] in self.lexicon.spelt
                if by_spelling:
                    rows[k] = self._entry(n, strings, distinct[k])
        spans: list[tuple[int, int, str]] = []
        if not rows:
            return spans
        adverbs, actions = self.lexicon.adverbs, self.lexicon.actions
        opens = numpy.array([row[3] for row in rows], dtype=bool)
        length = len(of_token)
        for i in numpy.flatnonzero(opens[inverse]).tolist():
            _, singles, phrases, _ = rows[of_token[i]]
            for cls in singles:
                spans.append((i, i + 1, cls))
            if not phrases or i + 1 >= length:
                continue
            after = rows[of_token[i + 1]][0]  # (the next word's keys: most open no phrase)
            if phrases.keys().isdisjoint(after):
                # an action's phrase read across one adverb ("seguirá luego hacia")
                if i + 2 < length and adverbs and not adverbs.isdisjoint(after):
                    spans.extend(_across(i, rows, of_token, phrases, actions))
                continue
            for second in phrases.keys() & after:  # (each of two words or more)
                for words, cls in phrases[second]:
                    end = i + len(words)
                    if end <= length and (end == i + 2 or all(
                            w in rows[of_token[i + j]][0] for j, w in enumerate(words[2:], 2))):
                        spans.append((i, end, cls))
        spans.sort()  # the same spans in the same order in every process
        return spans

    def _entry(self, n: int, strings: StringStore, orth: int = 0) -> Entry:
        """A word's (norm id ``n``) lexicon keys, the classes it has alone, the phrases it
        may open, by their second word (a phrase is tried only where a key of its second
        word follows), and whether it opens any class (cached: ``self.entries``; by its
        ``orth`` id instead where its spelling counts: ``Lexicon.spelt``)."""
        if orth:
            known = self.spelt_entries.get(orth)
            if known is not None:
                return known
        norm = strings[n]
        lexicon = self.lexicon
        spelling = unicodedata.normalize("NFC", strings[orth].lower()) if orth else ""
        keys = frozenset(lexicon.keys(norm, spelling))
        classes = {c for k in keys for c in lexicon.single.get(k, ())
                   if not (k in lexicon.verb_apart and norm not in (k, f"{k}s", f"{k}es")
                           and c.endswith(NOUN_CLASS))}
        if DESIGNATION.fullmatch(norm) and norm.split("-")[0] not in NOT_DESIGNATIONS:
            classes.add(DESIGNATION_CLASS)
        singles = tuple(sorted(classes))
        phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for p in sorted({p for k in keys for p in lexicon.multi.get(k, ())}):
            phrases.setdefault(p[0][1], []).append(p)
        entry = (keys, singles, {second: tuple(ps) for second, ps in phrases.items()},
                 bool(singles or phrases))
        if orth:
            self.spelt_entries[orth] = entry
        else:
            self.entries[n] = entry
        return entry

    def _of_another_state(self, ents: list[Mark], doc: Doc, folded: list[int],
                          of_token: list[int]) -> list[Mark]:
        """An institution named with another state ("o Corpo de Fuzileiros Navais dos
        Países Baixos", "la Escuela Naval Militar de México") is that state's, not the one
        its bare name belongs to: it is dropped and the state named stands for it."""
        countries = {e.start: e.kb_id_ for e in ents if e.label_ == "COUNTRY"}
        if not countries:
            return ents
        strings = doc.vocab.strings
        kept = []
        for e in ents:
            own = self.entity_countries.get((e.label_, e.kb_id_)) \
                if e.label_ == "INSTITUTION" else None
            if own is not None:
                k = e.end
                while k < len(of_token) and k - e.end < 3 \
                        and strings[folded[of_token[k]]] in OF_WORDS:
                    k += 1
                if k > e.end and countries.get(k, own) != own:
                    continue
            kept.append(e)
        return kept

    @staticmethod
    def _persons(doc: Doc, titles: list[Mark], ents: list[Mark], first: list[int],
                 after: list[int]) -> list[Mark]:
        """A title then 1-5 capitalised words (name particles and middle initials allowed
        inside); a nationality may stand between them ("el ministro de Defensa chino, Dong
        Jun", "secretário de Defesa dos Estados Unidos, James Mattis")."""
        ent_tokens = {i for ent in ents for i in range(ent.start, ent.end)}
        places = {ent.start for ent in ents if ent.label_ in NAME_PLACES
                  and ent.end == ent.start + 1}
        nationality_end = {ent.start: ent.end for ent in ents if ent.label_ == "COUNTRY"
                           and not _first_name(doc, ent.start, places)}
        title_tokens = {i for span in titles for i in range(span.start, span.end)}
        persons = []
        for title in titles:
            i = nationality_end.get(title.end, title.end)
            if i == title.end and i + 1 < len(doc) and doc[i].lower_ in OF_COUNTRY:
                k = i + 2 if doc[i + 1].lower_ in ARTICLES else i + 1
                i = nationality_end.get(k, i)  # "secretário de Defesa dos Estados Unidos,"
            if i < len(doc) and doc[i].text == ",":
                i += 1
            while i < len(doc) and i in title_tokens:
                i += 1
            start, end = i, i
            given = _first_name(doc, i, places)  # (then the place words of the name too)
            while end < len(doc) and end - start < 6:
                token = doc[end]
                if (token.i in ent_tokens and not (given and token.i in places)) \
                        or token.i in title_tokens:
                    break
                if token.is_alpha and token.text[:1].isupper() and len(token.text) > 1:
                    end += 1
                elif (end > start and len(token.text) == 2 and token.text[0].isupper()
                      and token.text[1] == "." and end + 1 < len(doc)
                      and doc[end + 1].text[:1].isupper()):
                    end += 1  # a middle initial: "Dinesh K. Tripathi", "John F. Kelly"
                elif (token.lower_ in NAME_PARTICLES and end + 1 < len(doc)
                      and doc[end + 1].text[:1].isupper() and end > start):
                    end += 1
                else:
                    break
            while end > start and doc[end - 1].lower_ in NAME_PARTICLES:
                end -= 1
            if end > start:
                name = doc[start:end].text
                persons.append(Mark(start, end, first[start], after[end - 1], "PERSON", name))
        return _longest(persons)


SHIP: Final = "ship"  # the lexicon class of ships
OPENING_QUOTES: Final = frozenset({'"', "“", "«", "'", "‘"})


def _ship_names(doc: Doc, titles: list[Mark], lex: list[Mark], prefixes: frozenset[str]
                ) -> tuple[list[Mark], list[Mark]]:
    """The titles (and the lexicon classes of their words) less those that open a ship's
    name: a capitalised title right after a word for a ship or a navy's prefix (an opening
    quote may stand between), a capitalised word after it ("el destructor Almirante
    Chabanenko", "the destroyer Admiral Chabanenko", "la fragata ARC "Almirante Padilla"",
    "ROU Comandante Pedro Campbell", "el buque escuela ROU 20 Capitán Miranda": a pennant
    number may stand before the title), and the same title and
    name said again in the document: a ship named after a person is no person and no
    officer (no official to keep a call's frames off, no leader to meet)."""
    if not titles:
        return titles, lex
    hull_ends = {m.end for m in lex if m.label_ == SHIP}
    named = []
    for t in titles:
        k = t.start - 1 if t.start and doc[t.start - 1].text in OPENING_QUOTES else t.start
        if k and any(c.isdigit() for c in doc[k - 1].text):
            k -= 1  # (its pennant number between: "ROU 20 Capitán Miranda")
        if (k in hull_ends or (k and doc[k - 1].text in prefixes)) \
                and doc[t.start].text[:1].isupper() \
                and t.end < len(doc) and doc[t.end].text[:1].isupper():
            named.append(t)
    if not named:
        return titles, lex
    # the same name said again without its ship word ("El velero Capitán Miranda zarpó de
    # Cádiz" ... "el Capitán Miranda pondrá proa a Lisboa"): the ship again
    names = {(doc[t.start:t.end].text.lower(), doc[t.end].text) for t in named}
    named += [t for t in titles if t not in named and t.end < len(doc)
              and (doc[t.start:t.end].text.lower(), doc[t.end].text) in names]
    inside = [(t.start, t.end) for t in named]
    return ([t for t in titles if (t.start, t.end) not in inside],
            [m for m in lex if not any(a <= m.start and m.end <= b for a, b in inside)])


NAME_PLACES: Final = ("COUNTRY", "LOCATION")  # place names that are also given names or surnames


def _first_name(doc: Doc, i: int, places: set[int]) -> bool:
    """Word ``i``, right after a title, is a one-word place name that is the person's given
    name: capitalised and followed at once by a capitalised word ("el presidente Mauricio
    Macri", "general Salvador Cienfuegos", "el ministro Israel Katz"), not a nationality
    set off by a comma ("el ministro de Defensa chino, Dong Jun")."""
    return i in places and i + 1 < len(doc) and doc[i].text[:1].isupper() \
        and doc[i + 1].is_alpha and doc[i + 1].text[:1].isupper() and len(doc[i + 1].text) > 1


def _given_names(ents: list[Mark], doc: Doc, given: frozenset[str]) -> list[Mark]:
    """The entities less a state's name that is a person's given name right before a
    capitalised surname no entity holds ("durante el gobierno de Mauricio Macri", "la
    vicepresidenta Francia Márquez"): a person, not the state (``given_names`` of
    ``countries.jsonl``)."""
    held = {k for e in ents for k in range(e.start, e.end)}
    out = []
    for e in ents:
        k = e.end
        if e.label_ == "COUNTRY" and e.end - e.start == 1 and \
                fold(doc[e.start].text) in given and k < len(doc) and k not in held and \
                doc[k].is_alpha and doc[k].text[:1].isupper() and not doc[k].text.isupper():
            continue
        out.append(e)
    return out


def _across(i: int, rows: list[Entry], of_token: list[int],
            phrases: dict[str, tuple[tuple[tuple[str, ...], str], ...]],
            actions: frozenset[str]) -> list[tuple[int, int, str]]:
    """The action phrases opened by word ``i`` whose words follow it after one adverb (word
    ``i + 1``): "seguirá luego hacia" is "seguir hacia", its span taking the adverb in."""
    found = []
    for second in phrases.keys() & rows[of_token[i + 2]][0]:
        for words, cls in phrases[second]:
            end = i + len(words) + 1
            if cls in actions and end <= len(of_token) and all(
                    w in rows[of_token[i + j + 1]][0] for j, w in enumerate(words[2:], 2)):
                found.append((i, end, cls))
    return found


IDIOM: Final = "idiom"  # a light verb's idiom (lexicon class): its verb hands nothing over


def _idioms(classes: list[tuple[int, int, str]], actions: frozenset[str]
            ) -> list[tuple[int, int, str]]:
    """Without the action classes of the words of an idiom but its last: the light verb
    that opens one ("dadas de baja", "dieron por concluido", "deu posse") gives nothing,
    and "marco" / "acuerdo" / "framework" in "en el marco de", "de acuerdo con", "within
    the framework of" name no agreement; the last word keeps its sense ("concluido")."""
    inside = {k for a, b, cls in classes if cls == IDIOM and b > a + 1 for k in range(a, b - 1)}
    if not inside:
        return classes
    return [(a, b, cls) for a, b, cls in classes
            if not (a in inside and b == a + 1 and cls in actions)]


def _numero(strings: StringStore, folded: list[int], of_token: list[int], end: int) -> bool:
    """The word before ``end`` abbreviates "number": a period and a figure follow it ("berth
    No. 6", "decreto no. 123"), so it is no cue ("no" denies nothing there). (``folded``
    and ``of_token``: each token's folded word, as ``_fold`` returns them.)"""
    return end + 1 < len(of_token) and strings[folded[of_token[end]]] == "." \
        and strings[folded[of_token[end + 1]]][:1].isdigit()


# hedges and plans that, as a word inside a longer lexicon phrase, are that phrase's word:
# "busca" in "busca e salvamento" seeks nothing ("O Brasil busca ampliar": a wish)
WORD_OF_PHRASE: Final = ("hedge", "plan")


def _in_phrase(cue: Mark, phrases: list[tuple[int, int]], widest: int) -> bool:
    """The cue lies inside a longer lexicon phrase (``phrases``: its (start, end) spans, in
    order, none wider than ``widest``: only those that start from ``widest`` tokens before
    the cue up to its start are tried, not every phrase of a long document)."""
    k = bisect_right(phrases, (cue.start, sys.maxsize)) - 1
    while k >= 0 and phrases[k][0] >= cue.start - widest:
        a, b = phrases[k]
        if cue.end <= b and b - a > cue.end - cue.start:
            return True
        k -= 1
    return False


COURSE: Final = "course_n"
EXERCISE: Final = "exercise_n"
MEETING: Final = "meeting_n"
ARRIVE: Final = "arrive"
SUBJECT_LINKS: Final = frozenset({"de", "en", "em", "in"})  # "curso de operaciones", "training in"


def _course_subjects(classes: list[tuple[int, int, str]], strings: StringStore,
                     folded: list[int], of_token: list[int]) -> list[tuple[int, int, str]]:
    """Without the exercise nouns that name a course's subject: "a special operations
    course", "un curso de operaciones especiales", "formação em operações" teach
    operations; they hold no exercise (whose word would veto the course's frames)."""
    heads = {a for a, _, cls in classes if cls == COURSE}
    ends = {b for _, b, cls in classes if cls == COURSE}
    if not heads:
        return classes

    def subject(a: int, b: int) -> bool:
        return b in heads or (a - 1 in ends and a >= 1  # (head first, then "de"/"in")
                              and strings[folded[of_token[a - 1]]] in SUBJECT_LINKS)

    return [(a, b, cls) for a, b, cls in classes if cls != EXERCISE or not subject(a, b)]


def _meeting_calls(classes: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Without the arrivals inside a meeting's noun: "an office call at the ministry" is
    a meeting of leaders held at a place, its "call at" no ship's or traveller's arrival."""
    calls = [(a, b) for a, b, cls in classes if cls == MEETING]
    if not calls:
        return classes
    return [(a, b, cls) for a, b, cls in classes
            if not (cls == ARRIVE and any(m < a < n for m, n in calls))]


ACRONYM: Final = re.compile(r"[A-Z][A-Z0-9&]{1,7}")


def _with_acronyms(ents: list[Mark], doc: Doc, first: list[int], after: list[int]
                   ) -> list[Mark]:
    """An acronym the text defines in brackets after an institution it knows ("the Canadian
    Armed Forces (CAF)", "Força Aérea Brasileira (FAB)") names that institution wherever
    the text says it again alone ("90 CAF members")."""
    n = len(first)
    if not any(e.label_ == "INSTITUTION" and e.end + 2 < n and doc[e.end].text == "("
               for e in ents):
        return ents  # (no bracket after an institution: ``doc.text`` costs a pass)
    text = text_of(doc)

    def word(k: int) -> str:
        return text[first[k]:after[k]] if 0 <= k < n else ""

    taken = {t for e in ents for t in range(e.start, e.end)}
    defined: dict[str, str] = {}
    for e in ents:
        if e.label_ == "INSTITUTION" and word(e.end) == "(" and word(e.end + 2) == ")" \
                and ACRONYM.fullmatch(acronym := word(e.end + 1)) \
                and e.end + 1 not in taken:
            defined.setdefault(acronym, e.kb_id_)
    if not defined:
        return ents
    more = [Mark(k, k + 1, first[k], after[k], "INSTITUTION", defined[w])
            for k in range(n) if k not in taken and (w := word(k)) in defined]
    return sorted(ents + more, key=lambda m: m.start) if more else ents


SERIES_CLASSES: Final = frozenset({"forum_n", "exercise_n"})  # what an acronym may stand for


def _series_acronyms(classes: list[tuple[int, int, str]], doc: Doc, first: list[int],
                     after: list[int]) -> list[tuple[int, int, str]]:
    """An acronym the text defines in brackets after the name of a forum or an exercise
    ("12ª Reunião Bilateral de Estados-Maiores (RBEM)", "Exercícios Combinados de
    Operações e Rotação (CORE)") is of its class wherever the text says it again alone
    ("A RBEM com os Estados Unidos ocorre desde 2009"), as ``_with_acronyms`` does for
    institutions."""
    n = len(first)
    if not any(cls in SERIES_CLASSES and b - a > 1 and b + 2 < n and doc[b].text == "("
               for a, b, cls in classes):
        return classes  # (no bracket after a series name: ``doc.text`` costs a pass)
    text = text_of(doc)

    def word(k: int) -> str:
        return text[first[k]:after[k]] if 0 <= k < n else ""

    defined: dict[str, str] = {}
    taken = set()  # (the bracketed acronym itself: its name is marked before it)
    for a, b, cls in classes:
        if cls in SERIES_CLASSES and b - a > 1 and b + 2 < n and word(b) == "(" \
                and word(b + 2) == ")" and ACRONYM.fullmatch(acronym := word(b + 1)):
            defined.setdefault(acronym, cls)
            taken.add(b + 1)
    if not defined:
        return classes
    taken |= {t for a, b, _ in classes for t in range(a, b)}
    more = [(k, k + 1, defined[w]) for k in range(n)
            if k not in taken and (w := word(k)) in defined]
    return sorted(classes + more) if more else classes


def _longest(marks: list[Mark]) -> list[Mark]:
    """``spacy.util.filter_spans`` on marks: of overlapping ones, the (first) longest."""
    kept: list[Mark] = []
    seen: set[int] = set()
    for m in sorted(marks, key=lambda m: (m.end - m.start, -m.start), reverse=True):
        if m.start not in seen and m.end - 1 not in seen:
            kept.append(m)
            seen.update(range(m.start, m.end))
    return sorted(kept, key=lambda m: m.start)


def _spans(doc: Doc, marks: list[Mark]) -> list[Span]:
    return [Span(doc, m.start, m.end, label=m.label_, kb_id=m.kb_id_) for m in marks]
