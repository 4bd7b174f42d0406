"""Antecedents: the actor a sentence tells of without naming its state.

A story names an actor once with its state ("the Chinese hospital ship Peace Ark", "el
ministro de Defensa ruso, Serguéi Shoigú", "a Russian military delegation", "HMS Trent")
and then tells what it did through a definite description ("The ship docked at Callao",
"la nave visitó Cuba", "o navio atracou", "the delegation then travelled to", "el ministro
se reunió"), a pronoun ("she called at", "ela participa"), its name alone ("Shoigu
toured") or, in Spanish and Portuguese, no subject at all ("Llegó el martes a", "Visitou
ainda"). ``Register`` holds, per document and in reading order, the actors named with one
state: ships and aircraft (a navy's prefix, a name told before, a vessel's noun said
with a demonym, a country or a navy, or goods introduced in the sentence telling their
sale or gift by the one power it names: ``_traded_from``), persons (the state their title says,
``parties.person_states``; said again by surname too) and officials, delegations and units
said with a state. ``Register.resolve`` reads the subject of a trigger and returns the entry
it refers to: a definite description (``antecedents.json``) the last entry of its kind (an
official the last one whose title shares the noun's word: "the minister" the last minister),
a pronoun the last entry of the kinds it may stand for, a person's name that person, a
dropped subject the subject of the sentence before. The event assembler takes a missing
side from that entry before the sentences around, and records it as a feature of its own
(``antecedent``): a side read from what the subject refers to, not from whatever state was
named nearby.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import TYPE_CHECKING, Final, NamedTuple

from pipeline.nlp.marks import Mark
from pipeline.nlp.models import Models
from pipeline.nlp.parties import SURNAME_MIN, country_of, prefix_state

if TYPE_CHECKING:
    from pipeline.nlp.events import Spans


class Entry(NamedTuple):
    """An actor named with its state: where (its tokens), its kind, its state, the folded
    words of the noun or title it was named with, and whether it is named by a name of
    its own (a person, a ship), not by a noun said with a state ("a Chinese delegation")."""

    at: int
    end: int
    kind: str
    state: str
    words: frozenset[str]
    named: bool = True


STATE_BEFORE: Final = 4  # tokens between a demonym, country or navy and the noun it qualifies
# ("the Chinese navy hospital ship", "two Russian Tu-160 bombers")
STATE_AFTER: Final = 3  # tokens between a noun and the state said after it ("la fragata rusa", "el
# buque escuela de la Armada de Chile", "a delegation of the PLA")
AFTER_GLUE: Final = frozenset("of the de del la el los las da do das dos".split())
REACH: Final = 8  # sentences back a description or pronoun may refer to an actor named
MODIFIERS: Final = 2  # words between a determiner and its noun ("the two ships", "la misma nave")
TITLE_REACH: Final = 8  # tokens around a person's name read for the words of its title
STEM: Final = 5  # letters a title's word and a noun share to name one rank ("ministro", "ministra")
RANK_MIN: Final = 4  # letters a noun and a title's word need to be compared as ranks
PLATFORMS: Final = frozenset({"ship", "aircraft"})  # what a pronoun stands for only as a caller
TRANSFERS: Final = frozenset({"arms_transfer", "donation_aid"})  # goods changing hands
POSSESSIVE: Final = frozenset({"'s", "’s"})  # "the ship's company": the ship's
QUOTES: Final = frozenset('"“”«»\'‘’')
DROP_LANGS: Final = frozenset({"es", "pt"})  # languages that drop a known subject
NON_FINITE: Final = ("ar", "er", "ir", "ndo", "ado", "ido", "ada", "ida")  # infinitive, gerund,
# participle ("antes de llegar", "tras haber atracado"): no finite verb of its own
REFLEXIVE: Final = "se"  # "se realizó": impersonal or passive, no dropped subject
CLAUSE_MARKS: Final = frozenset({",", ";", ":", "(", ")"})
STATED: Final = ("COUNTRY", "INSTITUTION")  # the entities that say an actor's state
UNKNOWN: Final = ""  # the state of an actor named without one ("a frigate", "General Richardson")


def _words_at(words: dict[str, str], text: str, starts: list[int], ends: list[int]
              ) -> list[int]:
    """The tokens (in text order) that are one of ``words`` as written, whole."""
    found = []
    for word in words:
        at = text.find(word)
        while at >= 0:
            k = bisect_left(starts, at)
            if k < len(starts) and starts[k] == at and ends[k] == at + len(word):
                found.append(k)
            at = text.find(word, at + 1)
    return sorted(found)


class Register:
    """The actors a document names with their state, in reading order (module docstring)."""

    def __init__(self, entries: list[Entry], sentences: Sequence[Mark], models: Models,
                 lang: str, states: dict[str, str], words: dict[str, frozenset[str]],
                 surnames: dict[str, str]):
        self.entries = sorted(entries)
        self.ats = [e.at for e in self.entries]
        self.sentences = sentences
        self.models = models
        self.lang = lang
        self.states = states  # person name -> its state
        self.words = words  # person name -> the words of its titles
        self.surnames = surnames  # a surname -> the full name of the person it names
        self.subjects: dict[int, Entry] = {}  # sentence -> what its subject resolved to
        # (the sentences' first tokens, in order: a title told apart, appended last, is of
        # another doc)
        self.starts = [s.start for s in sentences]
        while len(self.starts) > 1 and self.starts[-1] < self.starts[-2]:
            self.starts.pop()

    @classmethod
    def of(cls, spans: Sequence[Spans], sentences: Sequence[Mark], skip: Sequence[bool],
           text: str, starts: list[int], ends: list[int], norms: list[str], models: Models,
           lang: str, states: dict[str, str],
           bare: dict[int, list[tuple[int, int, int, str]]]) -> Register:
        """The register of a document: ``spans`` and ``sentences`` of its text (``skip``:
        sentences that name no actor of the story, captions and chrome), the persons'
        ``states`` (``parties.person_states``) and the ship names said again (``bare``, of
        ``parties.bare_names``)."""
        kind_of = models.antecedents.kind_of
        not_actors = models.antecedents.not_actors.get(lang, frozenset())
        entries: list[Entry] = []
        words: dict[str, set[str]] = {}
        surnames = {name.split()[-1]: name for name in states
                    if len(name.split()[-1]) >= SURNAME_MIN}
        alone = _words_at(surnames, text, starts, ends)  # (where each is a word of its own)
        for j, (sp, sent) in enumerate(zip(spans, sentences, strict=False)):
            if skip[j]:
                continue
            for e in sp.ents:
                if e.label_ == "INSTITUTION" and models.institution_kinds.get(e.kb_id_) == \
                        "ship" and (code := country_of(e, models)) is not None:
                    entries.append(Entry(e.start, e.end, "ship", code, frozenset()))
            entries.extend(Entry(k, end, "ship", flag, frozenset())
                           for k, end, _char, flag in bare.get(j, ()))
            titled = {k for p in sp.persons for k in range(p.start - TITLE_REACH,
                                                           p.end + TITLE_REACH)}
            for m in sp.lex:
                kind = kind_of.get(m.label_)
                if kind is None or kind == "person" and m.start in titled or \
                        norms[m.end - 1] in not_actors:
                    continue  # (an official's noun beside a name is the person's title)
                code = prefix_state(m.start, sent.end, text, starts, ends, models) \
                    if kind == "ship" else None
                if code is not None:  # "HMS Trent": named by its navy's prefix
                    entries.append(Entry(m.start, m.end + 1, kind, code, frozenset()))
                elif (code := state_near(m, sp.ents, norms, models, sent, lang)) is not None \
                        or (_introduced(m, sent, norms, models, lang)
                            or text[starts[m.start]:starts[m.start] + 1].isupper()
                            or not definite(m, sent, text, starts, norms, sp.ents, models,
                                            lang)) and (
                            code := _traded_from(m, kind, sp, models)) is not None:
                    entries.append(Entry(m.start, m.end, kind, code,
                                         frozenset(norms[m.start:m.end]), False))
                elif named(m, sent, text, starts) or _introduced(m, sent, norms, models, lang):
                    # another of its kind, its state unknown ("the frigate Uniao", "a frigate")
                    entries.append(Entry(m.start, m.end, kind, UNKNOWN,
                                         frozenset(norms[m.start:m.end]), False))
            held: set[int] = set()
            for p in sp.persons:
                held.update(range(p.start, p.end))
                said = _title_words(p, sp, norms, sent, kind_of)
                state = states.get(p.kb_id_) or states.get(
                    surnames.get(p.kb_id_.split()[-1], ""), UNKNOWN)  # ("General Richardson")
                if state != UNKNOWN:
                    words.setdefault(p.kb_id_, set()).update(said)
                entries.append(Entry(p.start, p.end, "person", state, frozenset(said)))
            for k in alone[bisect_left(alone, sent.start):bisect_left(alone, sent.end)]:
                if k not in held:  # "Shoigu toured": the person again
                    name = surnames[text[starts[k]:ends[k]]]
                    entries.append(Entry(k, k + 1, "person", states[name], frozenset()))
        named_words = {name: frozenset(w) for name, w in words.items()}
        entries = [e._replace(words=named_words.get(surnames.get(
            text[starts[e.at]:ends[e.at]], ""), e.words)) if e.kind == "person" and not e.words
            else e for e in entries]
        return cls(entries, sentences, models, lang, states, named_words, surnames)

    def resolve(self, trigger: Mark, index: int, sp: Spans, norms: list[str], text: str,
                starts: list[int], previous: int | None) -> Entry | None:
        """The actor the subject of ``trigger`` (in sentence ``index``) refers back to, if
        it refers to one the register holds: the nearest definite description, pronoun or
        person's name before the trigger, or, with none and no subject of its own in a
        language that drops one, the subject of sentence ``previous`` (module docstring)."""
        sent = self.sentences[index]
        words = self.models.antecedents
        pronouns = words.pronouns.get(self.lang, {})
        kind_of = words.kind_of
        ends_at: dict[int, list[Mark]] = {}
        for m in sp.lex:
            if m.label_ in kind_of and sent.start <= m.start < trigger.start:
                ends_at.setdefault(m.end - 1, []).append(m)
        persons = {k: p for p in sp.persons for k in range(p.start, p.end)}
        k = trigger.start - 1
        while k >= sent.start:
            person = persons.get(k)
            if person is not None:
                name = person.kb_id_ if person.kb_id_ in self.states else \
                    self.surnames.get(person.kb_id_.split()[-1], "")
                found = None if name not in self.states else Entry(
                    person.start, person.end, "person", self.states[name],
                    self.words.get(name, frozenset()))
                return self._note(index, found)
            said = self._named_at(k, sent)
            if said is not None:  # "Shoigu toured", "el Elcano ya había atracado"
                return self._note(index, said if said.state != UNKNOWN else None)
            marks = ends_at.get(k)
            marks = [m for m in marks or () if norms[m.end - 1] not in
                     words.not_actors.get(self.lang, frozenset())]
            if marks:
                m = marks[0]
                if m.start > sent.start and norms[m.start - 1] in POSSESSIVE:
                    k = m.start - 2  # "the ship's company": the ship's
                    continue
                if named(m, sent, text, starts) or \
                        state_near(m, sp.ents, norms, self.models, sent, self.lang) is not None:
                    k = m.start - 1  # an actor of its own ("Colombian sailors"): read on
                    continue
                if not definite(m, sent, text, starts, norms, sp.ents, self.models,
                                self.lang):
                    return None  # "a delegation", "officials": a subject of its own
                return self._note(index, self._last(kind_of[m.label_], m, norms))
            if norms[k] in pronouns:
                kinds = pronouns[norms[k]]
                if trigger.label_ not in words.platform_actions:
                    kinds = kinds - PLATFORMS  # ("It signed a deal": a state, not a ship)
                return self._note(index, self._last_of(kinds, k, by_name=True))
            if norms[k] in words.group_nouns.get(self.lang, frozenset()) and k > sent.start \
                    and norms[k - 1] in words.definite.get(self.lang, frozenset()):
                return self._note(index, self._last_of(frozenset({"ship"}), k))  # "the group"
            k -= 1
        if previous is None or not self._dropped(trigger, sent, sp, norms, text, starts):
            return None
        return self._note(index, self.subject(previous))

    def subject(self, j: int) -> Entry | None:
        """What sentence ``j``'s subject is: what it resolved to, else the first actor it
        names with a state."""
        if j in self.subjects:
            return self.subjects[j]
        sent = self.sentences[j]
        at = bisect_left(self.ats, sent.start)
        if at == len(self.entries) or self.ats[at] >= sent.end:
            return None
        return self.entries[at] if self.entries[at].state != UNKNOWN else None

    def _named_at(self, k: int, sent: Mark) -> Entry | None:
        """The entry named by its own name over token ``k`` of ``sent``, if any (its state
        maybe ``UNKNOWN``)."""
        at = bisect_left(self.ats, sent.start)
        while at < len(self.entries) and self.ats[at] <= k:
            e = self.entries[at]
            if e.named and e.at <= k < e.end:
                return e
            at += 1
        return None

    def _note(self, index: int, entry: Entry | None) -> Entry | None:
        if entry is not None:
            self.subjects.setdefault(index, entry)
        return entry

    def _last(self, kind: str, m: Mark, norms: list[str]) -> Entry | None:
        """The last entry of ``kind`` before mark ``m``; of an official, the last whose
        words share the noun's ("the minister", "el titular" by its own word only). None
        when that actor was named without a state: the description is of it."""
        if kind != "person":
            return self._last_of(frozenset({kind}), m.start)
        head = norms[m.end - 1]
        for e in reversed(self.entries[self._reach(m.start):bisect_left(self.ats, m.start)]):
            if e.kind == "person" and any(_same_rank(head, w) for w in e.words):
                return self._known(e)
        return None

    def _last_of(self, kinds: frozenset[str], before: int, by_name: bool = False
                 ) -> Entry | None:
        """The last entry of one of ``kinds`` named before token ``before`` (``_known``);
        ``by_name``: a person only by a name ("she" is no "autoridades brasileiras")."""
        for e in reversed(self.entries[self._reach(before):bisect_left(self.ats, before)]):
            if e.kind in kinds and (e.named or not by_name or e.kind != "person"):
                return self._known(e)
        return None

    def _known(self, e: Entry) -> Entry | None:
        """``e``, or for one named without a state the last of its kind with a state its
        sentence names (an apposition: "The Peace Ark ... is a 14,000-tonne hospital
        ship"); None without one."""
        if e.state != UNKNOWN:
            return e
        first = bisect_left(self.ats, self._sentence_start(e.at))
        for other in reversed(self.entries[first:bisect_left(self.ats, e.end)]):
            if other.kind == e.kind and other.state != UNKNOWN:
                return other
        return None

    def _reach(self, at: int) -> int:
        """The first entry a description or pronoun at token ``at`` may refer to: none
        named more than ``REACH`` sentences before its own."""
        j = bisect_right(self.starts, at) - 1
        return bisect_left(self.ats, self.starts[max(0, j - REACH)] if j >= 0 else 0)

    def _sentence_start(self, at: int) -> int:
        """The first token of the sentence holding token ``at``."""
        j = bisect_right(self.starts, at) - 1
        return self.sentences[j].start if j >= 0 else 0

    def _dropped(self, trigger: Mark, sent: Mark, sp: Spans, norms: list[str], text: str,
                 starts: list[int]) -> bool:
        """A verb told with no subject of its own ("Llegó el martes a Kingston", "Em junho,
        visitou ainda Salvador"): a finite verb, no "se" before it, no relative, entity,
        person or capitalised word before it in its clause (but an opener of the sentence,
        "Luego visitó"), and no actor in its clause after it ("Llegó a Kingston el
        patrullero")."""
        if self.lang not in DROP_LANGS or not (
                trigger.label_.endswith("_v") or trigger.label_ == "arrive"):
            return False
        word = norms[trigger.start]
        if word.endswith(NON_FINITE) or (trigger.start > sent.start and
                                         norms[trigger.start - 1] == REFLEXIVE):
            return False
        if word == REFLEXIVE and (trigger.end - trigger.start < 2
                                  or norms[trigger.start + 1].endswith(NON_FINITE)):
            return False
        relatives = self.models.relatives.get(self.lang, frozenset())
        k = trigger.start - 1
        while k >= sent.start and norms[k] not in CLAUSE_MARKS:
            if norms[k] in relatives:
                return False
            k -= 1
        opens = k + 1
        openers = self.models.antecedents.openers.get(self.lang, frozenset()) | \
            self.models.function_words.get(self.lang, frozenset())
        if any(text[starts[j]:starts[j] + 1].isupper() and not (
                j == sent.start and norms[j] in openers) for j in range(opens, trigger.start)):
            return False  # "Eta tocó tierra": a subject of its own
        closes = next((j for j in range(trigger.end, sent.end)
                       if norms[j] in CLAUSE_MARKS or norms[j] in relatives), sent.end)
        kind_of = self.models.antecedents.kind_of
        if any(m.label_ in kind_of and opens <= m.start < closes for m in sp.lex):
            return False
        return not any(e.label_ in STATED and opens <= e.start < trigger.start
                       for e in sp.ents) and not any(
            opens <= p.start < trigger.start for p in sp.persons)


def state_near(m: Mark, ents: list[Mark], norms: list[str], models: Models, sent: Mark,
               lang: str) -> str | None:
    """The one state said with the noun ``m``: a demonym, country or institution within
    ``STATE_BEFORE`` tokens before it through modifiers only ("the Chinese hospital ship",
    "a PLA Navy delegation", "two Russian Tu-160 bombers"), or within ``STATE_AFTER`` after
    it through "of", "de" and articles ("el buque escuela de la Armada de Chile") or, for a
    demonym, adjectives ("la fragata rusa", "una delegación militar china"); None for none
    or several."""
    function_words = models.function_words.get(lang, frozenset())
    codes = set()
    for e in ents:
        if e.label_ not in STATED:
            continue
        if e.end <= m.start and m.start - e.end <= STATE_BEFORE and all(
                (w.isalnum() or w == "-" or w in POSSESSIVE) and w not in function_words
                for w in norms[e.end:m.start]):
            pass
        elif m.end <= e.start and e.start - m.end <= STATE_AFTER and e.start < sent.end \
                and (all(w in AFTER_GLUE for w in norms[m.end:e.start]) or (
                    " ".join(norms[e.start:e.end]) in models.demonyms and all(
                        w.isalpha() and w not in function_words
                        for w in norms[m.end:e.start]))):
            pass
        else:
            continue
        code = country_of(e, models)
        if code is not None:
            codes.add(code)
    return next(iter(codes)) if len(codes) == 1 else None


def _traded_from(m: Mark, kind: str, sp: Spans, models: Models) -> str | None:
    """The power goods (an aircraft, a ship) a sentence introduces (by a count, an
    indefinite article or their type's name, "the Gripen"; not "the aircraft") come from,
    told in the sentence that tells their sale or gift ("agreed to buy five Super Étendard
    strike aircraft retired by the French Navy", "os cinco caças comprados pela Armada
    argentina à Marinha francesa", "optou pelo Gripen ... e o contrato com a Saab"): the
    one outside power the sentence names, where a trigger of a transfer's frame stands in
    it. "The aircraft arrived", told after, are those goods: their power is that one, not
    one a later paragraph or the headline names ("cartuchos britânicos"). Goods said again
    ("Los primeros aviones llegaron ... cuando Estados Unidos ya había bloqueado la venta
    de repuestos") are no new goods of that power."""
    if kind not in PLATFORMS or not any(f.type in TRANSFERS for c in sp.lex
                                        for f in models.frames_by_trigger.get(c.label_, ())):
        return None
    powers = {code for e in sp.ents if e.label_ in STATED
              and (code := country_of(e, models)) is not None
              and models.regions.get(code) != "LAC"}
    return next(iter(powers)) if len(powers) == 1 else None


def definite(m: Mark, sent: Mark, text: str, starts: list[int], norms: list[str],
             ents: list[Mark], models: Models, lang: str) -> bool:
    """Mark ``m`` is said with a definite determiner, maybe through a number or a lower-case
    adjective or two ("the ship", "the two vessels", "la misma nave"; not "the first Dhruv
    helicopters", named by their model)."""
    determiners = models.antecedents.definite.get(lang, frozenset())
    k = m.start - 1
    while k >= sent.start and m.start - k <= MODIFIERS + 1:
        if norms[k] in determiners:
            return True
        if not norms[k].isalnum() or text[starts[k]:starts[k] + 1].isupper() or any(
                e.start <= k < e.end for e in ents):
            return False
        k -= 1
    return False


def _introduced(m: Mark, sent: Mark, norms: list[str], models: Models, lang: str) -> bool:
    """Mark ``m`` is said with an indefinite article or a count ("a frigate", "dos aviones",
    "two Russian bombers"), maybe through an adjective: a new actor."""
    indefinite = models.antecedents.indefinite.get(lang, frozenset())
    return any(norms[k] in indefinite or norms[k].isdigit()
               for k in range(max(sent.start, m.start - MODIFIERS - 1), m.start))


def named(m: Mark, sent: Mark, text: str, starts: list[int]) -> bool:
    """A capitalised name follows the actor's noun ("the frigate Uniao", 'o navio "Apa"')."""
    k = m.end
    while k < sent.end and text[starts[k]:starts[k] + 1] in QUOTES:
        k += 1
    return k < sent.end and (k > m.end or text[starts[k]:starts[k] + 1].isupper())


def _title_words(p: Mark, sp: Spans, norms: list[str], sent: Mark, kind_of: dict[str, str]
                 ) -> set[str]:
    """The folded words of the titles and officials' nouns said around a person's name
    ("Defense Minister Lloyd Austin", "Hegseth, secretario de Defensa")."""
    out: set[str] = set()
    for t in [*sp.titles, *(m for m in sp.lex if kind_of.get(m.label_) == "person")]:
        if (0 <= p.start - t.end <= TITLE_REACH or 0 <= t.start - p.end <= TITLE_REACH) \
                and sent.start <= t.start and t.end <= sent.end:
            out.update(norms[t.start:t.end])
    return out


def _same_rank(head: str, word: str) -> bool:
    """A noun and a word of a title name one rank: they share their first ``STEM`` letters,
    or the title's word holds the noun's ("almirante" in "vicealmirante")."""
    return len(head) >= RANK_MIN and len(word) >= RANK_MIN and (
        head[:STEM] == word[:STEM] or head in word)
