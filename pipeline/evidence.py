"""The store's own checks of an evidence sentence (part of the store stage; no SQL here).

The NLP stage says which sentences state an event (``Evidence.role``) and in which order;
the store checks what it can see in the stored text and mentions, once, when it saves a row:

- ``flag``: ``heading`` (the trigger sits on a short line without closing punctuation: a
  title, a section heading), ``caption`` (a line starting with a caption, credit or
  related-story word of ``models/captions.json``), ``generic`` (the trigger names a kind
  of occurrence, not one: "this kind of exercise needs...", "esse tipo de exercício exige...";
  ``models/generic.json``; or the sentence opens with a remark on how often occurrences of
  the kind recur, "It is not the first time that Russian warships visit Havana", "No es la
  primera vez que...", and goes on to no colon or semicolon; ``models/recurrence.json``),
  ``off_topic`` (a *supporting* sentence
  that names neither side of the event and does not refer back to it with a definite
  article, "the visit", "la visita"), or None. A flagged row is never shown as an event's
  evidence while it has another one (view ``ranked_evidence``, ``store.py``).
- ``date_match``: 2 when a date in the sentence is the event's date, 1 when one agrees with
  it at a coarser precision, 0 otherwise (and for dates taken from the publication).
- ``parties_named``: how many of the event's countries the sentence names (by name, an
  institution or a capital).
- ``weak_frame``: 1 when the rule that read the sentence is a weak frame of
  ``models/frames.jsonl`` (a noun alone, "the agreement", "la visita"; a word that needs a
  date), 0 for a strong one (a verb with its company, "signed an agreement"): a sentence
  that states the occurrence with a verb shows it better than one naming it with a noun.
- ``restates``: 1 when a demonstrative stands right before the trigger ("this visit", "ese
  aporte", "essa visita"; ``cue.demonstrative`` of ``models/cues.jsonl``): the sentence
  points back at an occurrence told before it, and whatever it dates is as often the
  occasion it is set against ("El anuncio de ese aporte coincidió con la visita..., quien
  el jueves 4 de abril..."); it shows the occurrence after the sentences that tell it.
- ``shown_after``: 1 when the rule that read the sentence is a frame of
  ``models/frames.jsonl`` marked ``shown_after``: a leader arriving ("Richardson arrived
  Monday"), where a sentence telling the talks the visit was for ("that same day the
  delegation met Noboa") shows it better; a frame whose company comes from the story
  around it, not its own words ("The ship anchored off Roseau on Wednesday" in a story
  about a hurricane), where a sentence naming the ship, the leader or the disaster itself
  shows it better. Among sentences otherwise equal in strength and date, it comes after
  them.
- ``elsewhere``: 1 when the place right after the trigger ("docked in Santo Domingo",
  "llegó a Cartagena") lies in a Latin American or Caribbean state the event does not name:
  the sentence tells another stop of the voyage ("docked in Santo Domingo on October 12,
  the latest stop of a voyage that has taken it to Venezuela, Grenada and Dominica" is no
  statement of the Grenada call); it shows the occurrence after the sentences placed in
  one of its states.
- ``prospective``: 1 when the clause that holds the trigger tells it ahead of time: a future
  marker of ``models/dates.json`` (``future_markers``: "will", "is scheduled to", "está
  previsto que", "deverá") or a verb in the simple future ("llegará", "chegará") stands
  between the clause's start and the end of the trigger ("Está previsto que el USS George
  Washington arribe a Valparaíso el 11 de junio", "a five-day visit during which US
  Marines will train alongside the Trinidad and Tobago Defence Force"): the sentence tells
  a plan, and whatever it dates is the day it was meant to happen; it shows the occurrence
  after a sentence telling it happen ("The carrier arrived in Valparaíso on June 11").
- ``names_ship``: 1 when the sentence names a ship by its name: a navy's prefix before a
  capitalised name ("USS Gravely", "el BAP Unión", "o HMS Trent"; ``ship_prefixes`` of
  ``models/countries.jsonl``) or an institution of kind ``ship`` ("the Esmeralda"): of two
  sentences otherwise equal, the one naming the ship ("The USS Gravely tied up in Port of
  Spain") tells which occurrence it is better than one naming a kind of ship ("A U.S. Navy
  guided-missile destroyer docked in Trinidad and Tobago's capital").
- ``secondary``: 1 when the NLP stage read the trigger's clause first as an occurrence of
  another type (``Evidence.secondary``: "the agreement the two governments signed in
  Washington on 12 April 2010 and that, after passing through Congress, was promulgated"
  is the agreement's sentence, not the ministers' visit; "the president and the SOUTHCOM
  commander met at the naval base, where she travelled" is the visit's, not a gift's): a
  sentence telling the occurrence as what it is first shows it better, among sentences
  otherwise equal in strength and date.
- ``implied``: 1 when the row was read by a frame marked ``also`` (a reading a sentence
  implies besides its own: leaders who sign together have met) and its report, in the same
  document, has a stating sentence a frame of the occurrence's own talks reads (its
  triggers all words of a meeting, a reception or a courtesy call: ``HELD_MEETINGS``):
  "Antes de la firma, Wang Guanzhong fue recibido por el presidente Evo Morales" tells the
  visit; "firmaron ayer en La Paz un convenio" tells the agreement and implies the
  meeting. It shows the occurrence after those sentences, even where only the signing
  gives the date (the talks are told by the signing: "before the signing", "tras la
  firma", "during that visit").
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pipeline import when
from pipeline.errors import ConfigError
from pipeline.nlp.fold import fold
from pipeline.nlp.merge import HELD_MEETINGS
from pipeline.nlp.models import LANGS, MODELS, load, read_jsonl
from pipeline.nlp.timeline import future_marker
from pipeline.records import Event, Evidence, Mention

HEADING_WORDS = 12  # a line this short without closing punctuation is a heading
# between a trigger and the place it names: a few words, no punctuation ("in", "a la",
# "at the port of", "no porto de")
PLACE_GAP = re.compile(r"^\s*(?:[\w'’-]+\s+){0,4}$")
CLOSING = tuple(".!?…;:\"”»’')]")
PLACES = ("COUNTRY", "INSTITUTION", "LOCATION")
# how far before its trigger a clause is read for a future marker, and what ends a clause
PLAN_CHARS = 80
CLAUSE_END = re.compile(r"[,;:()\u2013\u2014]")
# a ship's name after its prefix: blanks, any opening quotes, a word opening with a capital
SHIP_NAME = re.compile(r"\s+[\"“«'‘]*([A-ZÀ-Þ][\w'’-]*)")


@dataclass(frozen=True)
class Check:
    flag: str | None
    date_match: int
    parties_named: int
    weak_frame: int = 0
    restates: int = 0
    elsewhere: int = 0
    shown_after: int = 0
    prospective: int = 0
    names_ship: int = 0
    implied: int = 0


def weak_frame(rule: str) -> bool:
    """Was the sentence read by a weak frame? ``rule`` is ``<frame id>.<language>``."""
    return rule.rpartition(".")[0] in _frames_where("weak")


def shown_after(rule: str) -> bool:
    """Was the sentence read by a frame that shows its event after the others (a leader
    arriving)? ``rule`` is ``<frame id>.<language>``."""
    return rule.rpartition(".")[0] in _frames_where("shown_after")


def implied(rule: str, report: Iterable[Evidence]) -> bool:
    """Was the row read by a frame marked ``also`` (a signing read as the leaders' meeting)
    in a report whose stating rows (its rows of one document) include one a frame of the
    occurrence's own talks reads (``talks``)? ``rule`` is ``<frame id>.<language>``."""
    return rule.rpartition(".")[0] in _frames_where("also") and any(
        e.role == "states" and e.rule.rpartition(".")[0] in _talks() for e in report)


@cache
def _talks() -> frozenset[str]:
    """The ids of the frames reading an occurrence's own talks: not marked ``also``, every
    trigger class of theirs a word of a meeting, a reception or a courtesy call
    (``merge.HELD_MEETINGS``)."""
    return frozenset(f.id for f in load().frames if not f.also and f.trigger <= HELD_MEETINGS)


@cache
def _frames_where(attribute: str) -> frozenset[str]:
    """The ids of the frames of ``models/frames.jsonl`` whose ``attribute`` is true."""
    return frozenset(f.id for f in load().frames if getattr(f, attribute))


@cache
def demonstratives() -> dict[str, frozenset[str]]:
    """Demonstratives per language (``cue.demonstrative``), folded."""
    cue = next((c for c in read_jsonl("cues.jsonl") if c["id"] == "cue.demonstrative"), None)
    if cue is None:
        raise ConfigError("cues.jsonl: the cue 'cue.demonstrative' is missing")
    return {lang: frozenset(fold(w) for w in words) for lang, words in cue["phrases"].items()}


def _phrases(path: Path, what: str) -> list[str]:
    """The folded phrases of a file of one list per language (any language), longest
    first, checked: every language, each a list of non-empty strings."""
    data = json.loads(path.read_text(encoding="utf-8"))
    data.pop("_about", None)
    if set(data) != set(LANGS) or not all(
            isinstance(v, list) and v and all(isinstance(w, str) and w.strip() for w in v)
            for v in data.values()):
        raise ConfigError(f"{path.name}: expected the keys {', '.join(LANGS)}, each a list of "
                          f"non-empty {what}")
    return sorted({fold(w.strip()) for v in data.values() for w in v}, key=len, reverse=True)


@cache
def caption_pattern(folder: Path = MODELS) -> re.Pattern[str]:
    """A line that starts with a caption, credit or related-story word (any language)."""
    words = _phrases(folder / "captions.json", "words")
    return re.compile(r"^[\s(\[«\"“]*(?:" + "|".join(re.escape(w) for w in words)
                      + r")\s*[:|>\-–—]")


@cache
def generic_pattern(folder: Path = MODELS) -> re.Pattern[str]:
    """Text ending where a trigger names a kind of occurrence ("this kind of", "esse tipo
    de", at most one word between), folded, any language."""
    phrases = _phrases(folder / "generic.json", "phrases")
    return re.compile(r"\b(?:" + "|".join(r"\s+".join(map(re.escape, p.split()))
                                        for p in phrases) + r")\s+(?:\w+\s+)?$")


def named_ship(text: str, at: int, end: int) -> bool:
    """Does a capitalised name (not a word in capitals) follow a ship prefix ending at
    ``at``, before ``end`` ("USS Gravely", 'el ARC "Almirante Padilla"'; not "the USS
    fleet", "BAP CC-28")?"""
    name = SHIP_NAME.match(text, at, end)
    return name is not None and not name.group(1).isupper()


@cache
def recurrence_pattern(folder: Path = MODELS) -> re.Pattern[str]:
    """Folded text opening with a remark on how often occurrences recur ("it is not the
    first time", "no es la primera vez que", "não é a primeira vez que"), any language."""
    phrases = _phrases(folder / "recurrence.json", "phrases")
    return re.compile(r"^\W*(?:" + "|".join(r"\s+".join(map(re.escape, p.split()))
                                         for p in phrases) + r")\b")


def _line(text: str, at: int) -> str:
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return text[start:len(text) if end == -1 else end].strip()


class DocumentChecks:
    """Checks of the evidence rows of one document (its text and mentions)."""

    def __init__(self, text: str, language: str | None, mentions: Iterable[Mention]):
        self.text = text
        self.determiners = load().determiners.get(language or "", frozenset()) or frozenset(
            w for words in load().determiners.values() for w in words)
        self.demonstratives = demonstratives().get(language or "") or frozenset(
            w for words in demonstratives().values() for w in words)
        self.future = [future_marker(language)] if language in LANGS else [
            future_marker(lang) for lang in LANGS]
        kinds = load().institution_kinds
        mentions = list(mentions)
        self.mentions = sorted((m for m in mentions if m.label in (*PLACES, "DATE")),
                               key=lambda m: m.start)
        self.ships = [(m.start, m.end) for m in mentions if m.label == "INSTITUTION"
                      and kinds.get(m.canonical_id or "") == "ship"]
        # where an institution of another kind opens with a ship prefix ("BAE Systems")
        self.not_ships = frozenset(m.start for m in mentions if m.label == "INSTITUTION"
                                   and kinds.get(m.canonical_id or "") != "ship")

    def check(self, evidence: Evidence, event: Event) -> Check:
        inside = [m for m in self.mentions if evidence.start <= m.start and m.end <= evidence.end]
        named = {c for m in inside if m.label in PLACES
                 and (c := m.canonical_id if m.label == "COUNTRY" else m.country)}
        dates = [m.canonical_id for m in inside if m.label == "DATE" and m.canonical_id]
        match = 0
        if event.date and event.date_source == "stated":
            match = 2 if event.date in dates else int(
                any(when.agree(event.date, d) for d in dates))
        parties = named & set(event.countries)
        return Check(self._flag(evidence, event, parties), match, len(parties),
                     int(weak_frame(evidence.rule)), int(self.restates(evidence)),
                     int(self.elsewhere(evidence, event.countries)),
                     int(shown_after(evidence.rule)), int(self.prospective(evidence)),
                     int(self.names_ship(evidence)),
                     int(implied(evidence.rule, event.evidence)))

    def names_ship(self, evidence: Evidence) -> bool:
        """Does the sentence name a ship by its name ("USS Gravely", "el BAP Unión", an
        institution of kind ``ship``)? A prefix opening the name of an institution of
        another kind ("BAE Systems", a maker) names none."""
        if any(evidence.start <= start and end <= evidence.end for start, end in self.ships):
            return True
        return bool(self.text) and any(
            m.start() not in self.not_ships and named_ship(self.text, m.end(), evidence.end)
            for m in load().ship_prefix_pattern.finditer(self.text, evidence.start,
                                                           evidence.end))

    def prospective(self, evidence: Evidence) -> bool:
        """Does the clause holding the trigger tell it ahead of time ("is scheduled to
        call", "está previsto que arribe", "deverá aterrar", "llegará")? The text from
        the last clause break before the trigger (at most ``PLAN_CHARS`` back, never
        before the sentence) to the trigger's end holds a future marker."""
        at, end = evidence.trigger_start, evidence.trigger_end
        if not self.text or not evidence.start <= at < end <= evidence.end:
            return False
        start = max(evidence.start, at - PLAN_CHARS)
        breaks = [m.end() for m in CLAUSE_END.finditer(self.text, start, at)]
        clause = self.text[breaks[-1] if breaks else start:end]
        return any(p.search(clause) for p in self.future)

    def elsewhere(self, evidence: Evidence, countries: Iterable[str]) -> bool:
        """Does the place right after the trigger lie in a Latin American or Caribbean state
        the event does not name ("docked in Santo Domingo" for a call at Grenada)?"""
        regions = load().regions
        after = next((m for m in self.mentions if m.start >= evidence.trigger_end
                      and m.label in PLACES), None)
        if after is None or after.label != "LOCATION" or after.end > evidence.end or not (
                PLACE_GAP.match(self.text[evidence.trigger_end:after.start])):
            return False
        return regions.get(after.country or "") == "LAC" and after.country not in set(countries)

    def restates(self, evidence: Evidence) -> bool:
        """Does a demonstrative stand right before the trigger ("this visit", "ese aporte")?"""
        return self._word_before(evidence) in self.demonstratives

    def _flag(self, evidence: Evidence, event: Event, parties: set[str]) -> str | None:
        at = evidence.trigger_start if evidence.start <= evidence.trigger_start < evidence.end \
            else evidence.start
        line = _line(self.text, at) if self.text else evidence.sentence
        if caption_pattern().match(fold(line[:40])):
            return "caption"
        if not line.endswith(CLOSING) and len(line.split()) <= HEADING_WORDS:
            return "heading"
        if evidence.role == "supports" and not self._about(evidence, event, parties):
            return "off_topic"
        return "generic" if self.generic(evidence) else None

    def generic(self, evidence: Evidence) -> bool:
        """Does the trigger name a kind of occurrence ("this kind of exercise"), or does
        the sentence open with a remark on how often such occurrences recur ("It is not the
        first time that Russian warships visit Havana") and tell none after a colon?"""
        at = evidence.trigger_start
        if not (self.text and evidence.start <= at < evidence.end):
            return False
        if generic_pattern().search(fold(self.text[max(evidence.start, at - 60):at])):
            return True
        opening = recurrence_pattern().match(fold(self.text[evidence.start:at]))
        return opening is not None and not any(
            c in fold(self.text[evidence.start:evidence.end])[opening.end():] for c in ":;")

    def _about(self, evidence: Evidence, event: Event, parties: set[str]) -> bool:
        """A supporting sentence is about this occurrence when it names both of its sides,
        or refers back to it ("the visit", "durante la visita")."""
        regions = load().regions
        sides = {regions.get(c) for c in parties}
        if {"LAC", "extra"} <= sides:
            return True
        return self._word_before(evidence) in self.determiners

    def _word_before(self, evidence: Evidence) -> str:
        """The word right before the trigger, folded ("" at the start of the text)."""
        before = self.text[max(0, evidence.trigger_start - 40):evidence.trigger_start]
        words = re.findall(r"\w+", fold(before))
        return words[-1] if words else ""
