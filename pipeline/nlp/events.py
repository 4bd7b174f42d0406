"""Event assembly: the document read in order, each sentence's triggers read by the frames.

For every sentence, in reading order:

1. its dates are resolved (``timeline.py``: the story's year, "the next day" from the last
   event stated);
2. a heading, caption, byline or "read also" line proposes nothing (it is context);
3. each trigger is read by its best frame (``frames.py``) into a candidate of that type;
   veto cues (negation, hedge, aggregate, generic) drop it; a visit or forum of heads of
   state or of an economic kind with no defence actor in the sentence is not military
   diplomacy;
4. its parties are the extra-regional powers and LAC states named in the sentence (by
   name, demonym, institution, capital or ship); a missing side comes from the sentences
   before it in the paragraph, then from earlier paragraphs and the headline;
5. its date is the date stated nearest the trigger; a list of dates ("in March 2012 and
   again in May 2016") or of ports makes one candidate each; with no date stated, an
   anchor ("during the visit") takes the last event's date, else the story's date around
   it at month precision, else the publication month;
6. a candidate stated firmly (a strong frame, or a weak one with a date or a back-
   reference) stands on its own; the others are *support*: they may only join an event a
   firm candidate states.

Candidates become events in ``merge.py``.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import chain, pairwise

from spacy.tokens import Doc

from pipeline.nlp import frames
from pipeline.nlp.confidence import threshold
from pipeline.nlp.fold import fold
from pipeline.nlp.marks import Mark, Norms, found
from pipeline.nlp.marks import sentences as doc_sentences
from pipeline.nlp.merge import Candidate, build_event, merge
from pipeline.nlp.models import CONTEXT, VETO_KINDS, Models
from pipeline.nlp.timeline import DateMention, Timeline
from pipeline.records import Document, Event

log = logging.getLogger(__name__)
CUE_PARAGRAPHS = 1  # lines either side whose cues ("gift", "contract") type a sentence's trigger
PARAGRAPH_DISTANCE = 60  # how far a cue said elsewhere in the paragraph counts as standing
CONTEXT_SENTENCES = 4  # sentences before, in the paragraph, where a missing side is looked for
STORY_PARAGRAPHS = 1  # lines back where the story's ship, forum or exercise may be named
VOYAGE_PARAGRAPHS = 3  # lines back where the ship and date of a voyage whose stops are listed
VESSELS = frozenset({"ship", "aircraft", "forum_n", "exercise_n"})  # said a line before
TRADE_CUES = frozenset({"gift", "price"})  # what types goods changing hands
AFTER_WINDOW = 2  # tokens after a trigger where a negation or hedge still applies to it
HEADING_MAX_TOKENS = 16
DEFENCE_RANKS = ("rank",)  # General, Admiral, Colonel: "minister" or "President" may be civilian
CIVILIAN_CLASSES = ("head_of_state", "economic")
DEFENCE_CLASSES = ("military", "troops", "ship", "aircraft", "weapon")
ATTRIBUTIVE = re.compile(r"\s*(?:of|dated|de|del|da|do|fechad[oa]|datad[oa])\s", re.IGNORECASE)
CLAUSE_CUT = re.compile(r"[,;:()\[\]—–]|\s-\s")
DATE_GLUE = frozenset("on in at between from to and the of by since during early late mid end "
                      "beginning el la los las en em no na nos nas entre de del do da desde a "
                      "al ao o os y e durante principios fines finales mediados inicio fim "
                      "final meados dia día".split())
# times of day go with a date: "A las 8:40 de la mañana de este viernes, ..." is a clause
# that holds nothing but the date
TIME_GLUE = frozenset("morning afternoon evening night noon midnight am pm a.m p.m hours "
                      "local time this mañana tarde noche mediodía madrugada manhã noite "
                      "meio-dia horas hora h hs hrs esta este nesta neste".split())
CLOCK = re.compile(r"\d{1,2}(?:h\d{0,2})?")
RESTATED = {"date.shift", "date.relative"}  # after a bare comma these restate, not list
LEAVING_REACH = 60  # characters from a leaving word to the date said of it
LEAVING_ENDS = re.compile(r"\b(?:and|y|e|then|luego|depois)\b|;", re.IGNORECASE)
RANGE_JOIN = re.compile(r"\s*(?:and|y|e)\s*", re.IGNORECASE)
RANGE_OPEN = re.compile(r"\b(?:between|entre)\s+(?:the\s+|el\s+|o\s+)?$", re.IGNORECASE)
LIST_JOIN = re.compile(r"^[\s,;]*(?:and|y|e|as well as|then|and again|and later|y de nuevo|"
                       r"y otra vez|e novamente|e de novo|again|,)?[\s,;]*(?:again|later|"
                       r"otra vez|novamente)?[\s,]*(?:in|on|en|em|el|no|na|between|entre|"
                       r"from|del|de)?[\s]*$", re.IGNORECASE)


@dataclass(slots=True)
class Spans:
    """What the tagger found in one sentence."""

    ents: list[Mark] = field(default_factory=list)
    lex: list[Mark] = field(default_factory=list)
    cues: list[Mark] = field(default_factory=list)
    persons: list[Mark] = field(default_factory=list)
    titles: list[Mark] = field(default_factory=list)


def assemble(doc: Doc, timeline: Timeline, document: Document, models: Models,
             title: Doc | None = None, trace: list | None = None,
             min_confidence: float | None = None) -> list[Event]:
    """Events of one tagged document; ``title`` is the tagged title when the text lacks it.
    ``trace`` (for diagnosis) receives every candidate, then (group, event) pairs. Events
    less confident than ``min_confidence`` (default: the fitted threshold) are dropped."""
    sentences = doc_sentences(doc)
    spans = _by_sentence(doc, sentences)
    named_in: dict[int, list[int]] | None = None  # (read at the first missing side)
    named = {country_of(e, models) for e in found(doc).ents if e.label_ != "LOCATION"}
    none: tuple[set[str], set[str]] = (set(), set())  # (shared: parties are only read)
    parties = [_parties(b.ents, models, named) if b.ents else none for b in spans]
    headline = _headline(sentences, document)
    chrome = [_chrome(s, spans[i], document.text) for i, s in enumerate(sentences)]
    if headline is None and title is not None and len(title):
        whole = Mark(0, len(title), 0, found(title).token_ends[-1])
        sentences.append(whole)  # context only: never a candidate
        spans.extend(_by_sentence(title, [whole]))
        parties.append(_parties(spans[-1].ents, models, named))
        chrome.append(True)
        headline = len(sentences) - 1
    paragraph = _paragraphs(timeline.breaks, sentences)
    norms = Norms(doc)
    token_starts = found(doc).token_starts
    cue_classes: dict[int, set[str]] = {}  # paragraph -> cue classes said in it ("gift")
    for j, b in enumerate(spans):
        said = cue_classes.setdefault(paragraph[j], set())
        if not chrome[j]:  # a "Read also" line lends no cues
            said.update(s.label_ for s in b.lex if models.classes.get(s.label_) == "cue")
    document_cues = set().union(*cue_classes.values()) if cue_classes else set()
    lang = doc.lang_
    candidates: list[Candidate] = []
    last_by_type: dict[str, Candidate] = {}  # the last event stated firmly, by type
    for index, sent in enumerate(sentences):
        sp = spans[index]
        if index == headline or chrome[index]:
            continue
        if not any(s.label_ in models.triggers for s in sp.lex):
            # (what later sentences read of it: ``_outermost`` and ``_no_goods_received``
            # drop only triggers)
            sp.lex = _untitled(sp.lex, sp.titles, models.classes)
            continue
        sp.lex = _untitled(_outermost(sp.lex, models.triggers, models.classes), sp.titles,
                           models.classes)
        sp.lex = _no_goods_received(sp.lex, sp.titles, sent.end, norms, models, lang)
        triggers = [s for s in sp.lex if s.label_ in models.triggers]
        if not triggers:
            continue
        # (mentions are resolved in text order whenever asked: the events noted so far are
        # the same whether sentences without a trigger ask or not)
        resolved = timeline.until(sent.end_char)
        dates = [d for d in _within(resolved, sent.start_char, sent.end_char)
                 if d.value and not d.bound]
        if not dates and index and paragraph[index - 1] == paragraph[index]:
            dates = _date_line(sentences[index - 1], resolved, document.text)
        dated = [bisect_right(token_starts, d.start) - 1 for d in dates]
        present = frames.classes(sp.lex)
        around = set().union(*(cue_classes.get(paragraph[index] + k, set())
                               for k in range(-CUE_PARAGRAPHS, CUE_PARAGRAPHS + 1)))
        for cls in around - present.keys():
            present[cls] = [sent.start - PARAGRAPH_DISTANCE]  # said around, not in, the sentence
        if not around & TRADE_CUES:  # nothing near says gift or sale: the document may
            for cls in (document_cues & TRADE_CUES) - present.keys():
                present[cls] = [sent.start - 2 * PARAGRAPH_DISTANCE]
        story = _story(index, spans, paragraph, headline)
        for cls in story:
            present[cls + CONTEXT] = [sent.start - PARAGRAPH_DISTANCE]
        read = frames.readings(triggers, present, dated, models, norms, lang)
        if not read:
            continue
        habitual = not dates and any(
            "since" in d.parts for d in _within(resolved, sent.start_char, sent.end_char))
        kinds = {c.label_ for c in sp.cues}
        anchor = () if "anchor" in kinds else _anchor(sent, sp.lex, models, norms, lang)
        own_defence = bool(present.keys() & set(DEFENCE_CLASSES)) or any(
            e.label_ == "INSTITUTION" for e in sp.ents) or any(
            t.label_ in DEFENCE_RANKS for t in sp.titles)
        defence = own_defence or bool(story & set(DEFENCE_CLASSES))
        classes_here = {s.label_ for s in sp.lex}
        # a leader at a trade summit is civilian even in a story about defence
        civilian = (not defence and bool(present.keys() & set(CIVILIAN_CLASSES))) or (
            not own_defence and set(CIVILIAN_CLASSES) <= classes_here)
        context: list[tuple[set[str], set[str]]] | None = None  # (read when a side is missing)
        after = min((c.end for c in sp.cues if c.label_ == "accompany"), default=None)
        accompanying = set() if after is None else {
            _code(e, models, named) for e in sp.ents if e.start >= after} - {None}
        stated_before = _stated_before(resolved, sent, paragraph, index, sentences)
        per_type: dict[str, list[Candidate]] = {}
        primary = min(read, key=lambda r: (r.frame.weak, -len(r.frame.needs),
                                           r.trigger.start)).frame.type if read else None
        types_read = len({r.frame.type for r in read})
        # the stops a call lists are the ports of every port-call reading of the sentence
        listed = next((found_ for r in read if r.frame.type == "port_call" and (
            found_ := _stops(r.trigger, sp.ents, norms, models, named)) is not None), None)
        for reading in read:
            trigger, frame = reading.trigger, reading.frame
            if _vetoed(trigger, sp.cues, models, norms, lang):
                continue
            if civilian and frame.type in ("senior_visit", "dialogue_forum"):
                continue
            own = parties[index]
            if accompanying and frame.type in ("port_call", "senior_visit"):
                own = (own[0] - accompanying, own[1])  # "alongside ships from the US"
            stops = listed if frame.type == "port_call" and listed is not None and (
                trigger.start_char >= listed[2] or not any(
                    trigger.end_char <= e.start_char < listed[2] for e in sp.ents
                    if e.label_ in ("LOCATION", "COUNTRY"))) else None
            ship = None
            if stops is not None:  # (a call with a port of its own keeps it)
                ship = _ship_before(index, spans, paragraph, models)
                outside, stop_ports, _ = stops
                own = outside(own, ship)
            if context is None and not (own[0] and own[1]):
                if named_in is None:
                    named_in = _person_sentences(document.text, sentences, found(doc).persons)
                context = _context(index, sentences, parties, paragraph, headline, named_in)
            sides, from_context = _sides(own, context or [])
            if sides is None:
                continue
            if ship is not None and ship not in parties[index][0] | parties[index][1]:
                from_context = True  # the ship named before made a side
            extra, lac = sides
            home = {c for c in lac if models.sovereigns.get(c) in extra}
            if home and not lac - home:
                continue  # the UK in Anguilla, the Netherlands in Curaçao: at home
            lac -= home
            firm_company = any(c in present for c in ("hold_v", "take_part_v", "sign_v"))
            chosen, own_clause = _dates_for(trigger, dates, document.text, sent, sp.ents,
                                            models.relatives.get(lang, frozenset()),
                                            [c for c in sp.cues if c.label_ == "departure"])
            definite = trigger.start > 0 and norms[trigger.start - 1] in \
                models.determiners.get(lang, frozenset())
            plural = _plural(trigger, models, norms, lang)
            weak = frame.weak or plural
            if not chosen and any(c.label_ == "plan" and _said_of(c, trigger, models, norms, lang)
                                  for c in sp.cues):
                continue  # "Argentina plans to buy...": an undated plan is no occurrence
            referred = None if chosen or anchor is None else _anchored(anchor, last_by_type,
                                                                       timeline)
            # a ship's listed stops, the ship named in the story: its calls, not a mention
            told = stops is not None and bool({"ship", "ship" + CONTEXT} & present.keys())
            support = (weak and not chosen and not referred and not firm_company) or (
                from_context and not chosen and not referred and "anaphora" not in kinds
                and not told) or (
                weak and definite and not own_clause) or habitual or (
                plural and not chosen and not (referred and firm_company))  # "During the
            # stay, he held meetings with ...": held, and dated by the stay, they occurred
            date_source = "stated"
            if not chosen and stops is not None and ship is not None and not stated_before:
                # the stops of a voyage told before: the voyage's date, as the story's
                voyage = _stated_before(resolved, sent, paragraph, index, sentences,
                                        VOYAGE_PARAGRAPHS)
                if voyage is not None and voyage.value:  # (its stops follow it: the year)
                    stated_before = DateMention(voyage.start, voyage.end, voyage.text,
                                                voyage.value[:4], "year", voyage.rule,
                                                parts=voyage.parts)
            if not chosen:
                fallback = referred or stated_before
                if fallback is not None:
                    chosen, date_source = [fallback], "context"
            split = frame.type == "port_call" or trigger.label_ in TRAVEL_CLASSES
            states = stop_ports(lac) if stops is not None else []
            if not states:
                states = [((extra, s), at) for s, at in _per_state(
                    split, lac, own[1] - home, sp.ents, sp.cues, models, named)]
            if len(states) > 1 and len(dates) == len(states) and date_source == "stated":
                chosen = dates  # "Callao on 2 July and Valparaíso on 15 July": each its own
            for mention, (visitors, ports) in _pairs(chosen or [None], states):
                candidate = Candidate(
                    type=frame.type, countries=visitors | ports, lac=ports,
                    date=mention.value if mention else None,
                    precision=mention.precision if mention else None,
                    date_source=date_source if mention else "none",
                    sentence=sent, trigger=trigger, rule=f"{frame.id}.{lang}",
                    from_context=from_context, weak=weak, support=support,
                    paragraph=paragraph[index], refers=definite or "anaphora" in kinds,
                    persons=[p.kb_id_ for p in sp.persons],
                    institutions=[e.kb_id_ for e in sp.ents if e.label_ == "INSTITUTION"],
                    location=_place_of(trigger, sp.ents),
                    features={**_features(frame, reading, from_context, date_source,
                                          kinds, present, mention, plural),
                              "secondary": float(frame.type != primary),
                              "types_read": float(min(types_read, 4) - 1) / 3,
                              "noun": float(trigger.label_.endswith("_n")),
                              "named": float(any(e.start == trigger.start
                                                 and e.end == trigger.end for e in sp.ents)),
                              "position": (trigger.start - sent.start) / max(1, sent.width),
                              "long": float(min(sent.width, 80)) / 80})
                per_type.setdefault(frame.type, []).append(candidate)
        for options in per_type.values():
            candidates.extend(_one_reading(options))
            if trace is not None:
                trace.extend(options)
        if log.isEnabledFor(logging.DEBUG):
            for c in (c for cs in per_type.values() for c in cs):
                log.debug("%s %s %s %s %s support=%s ctx=%s | %s", c.rule,
                          document.text[c.trigger.start_char:c.trigger.end_char],
                          sorted(c.countries), c.date, c.date_source, c.support,
                          c.from_context, document.text[sent.start_char:sent.end_char][:80])
        firm = [c for c in candidates[-8:] if not c.support and c.date_source == "stated"
                and c.sentence is sent]
        if firm:
            timeline.note_event(firm[-1].date, firm[-1].precision)
            for c in firm:
                last_by_type[c.type] = c
    floor = threshold() if min_confidence is None else min_confidence
    groups = [g for g in merge(candidates) if not all(c.support for c in g)]
    events = [build_event(group, document) for group in groups]
    if trace is not None:
        trace.extend(zip(groups, events, strict=True))
    return [e for e in events if e.confidence >= floor]


def _place_of(trigger: Mark, ents: list[Mark]) -> str | None:
    """The place nearest the trigger ("entered Natal ... and lay at Rio de Janeiro": each
    arrival its own port), after it on a tie."""
    best = None
    for e in ents:
        if e.label_ != "LOCATION":
            continue
        gap = e.start - trigger.end if e.start >= trigger.end else trigger.start - e.end
        key = (gap, e.start < trigger.start)
        if best is None or key < best[0]:
            best = (key, e.kb_id_)
    return best[1] if best else None


def _outermost(lex: list[Mark], triggers: frozenset[str], classes: dict[str, str]
               ) -> list[Mark]:
    """Drop a trigger word inside a longer phrase of another class: "training" in
    "training ship" is no course, "visit" in "goodwill visit" no senior visit. (Other
    classes stay: "Defense" in "Defense Secretary" still says who is military; and a cue
    phrase names nothing, so "commissioned" in "commissioned into" still receives.)"""
    long = [s for s in lex if s.end - s.start > 1 and classes.get(s.label_) != "cue"]
    if not long:
        return lex
    return [s for s in lex if s.label_ not in triggers or not any(
        o.start <= s.start and s.end <= o.end and o.width > s.width and o.label_ != s.label_
        for o in long)]


def _untitled(lex: list[Mark], titles: list[Mark], classes: dict[str, str]) -> list[Mark]:
    """Drop an object word inside a rank or title: "Almirante de Esquadra", "capitán de
    navío" name an officer, not a fleet or a ship, so they neither make a port call nor
    veto a visit."""
    if not titles:
        return lex
    return [s for s in lex if classes.get(s.label_) != "object" or not any(
        t.start <= s.start and s.end <= t.end for t in titles)]


AGENT_REACH = 4  # tokens from a passive verb to "by" / "pelo" (past "com honras militares")
PEOPLE = frozenset({"official", "head_of_state"})


def _no_goods_received(lex: list[Mark], titles: list[Mark], end: int, norms: Norms,
                       models: Models, lang: str) -> list[Mark]:
    """A receiving verb whose agent is a person ("foi recebida pelo vice-almirante", "was
    received by the minister") received a visitor, not goods, when no ship, aircraft or
    goods stand before it as what was received: it keeps its visit reading only."""
    agents = models.agents.get(lang, frozenset())
    if not agents or not any(s.label_ == "receive_goods_v" for s in lex):
        return lex
    people = {s.start for s in lex if s.label_ in PEOPLE} | {t.start for t in titles}
    objects = [s.start for s in lex if models.classes.get(s.label_) == "object"]

    def visitor(m: Mark) -> bool:
        if any(o < m.start for o in objects):
            return False
        agent = next((k for k in range(m.end, min(m.end + AGENT_REACH, end))
                      if norms[k] in agents), None)
        return agent is not None and bool({agent + 1, agent + 2} & people)

    return [s for s in lex if s.label_ != "receive_goods_v" or not visitor(s)]


def _story(index: int, spans: list[Spans], paragraph: list[int],
           headline: int | None) -> set[str]:
    """The classes of the story around a sentence: of the few sentences before it in its
    paragraph and of the headline, and the ships, aircraft, forums and exercises of the
    paragraph before (read by frames that name ``<class>@context``)."""
    near = range(index - 1, max(-1, index - 1 - CONTEXT_SENTENCES), -1)
    same = [j for j in near if paragraph[j] == paragraph[index]]
    before = [j for j in near if 0 < paragraph[index] - paragraph[j] <= STORY_PARAGRAPHS]
    if headline is not None and headline != index:
        same.append(headline)
    return {s.label_ for j in same for s in spans[j].lex} | {
        s.label_ for j in before for s in spans[j].lex if s.label_ in VESSELS}


ANCHOR_NOUNS = {"visit_n": ("senior_visit", "port_call"), "meeting_n": ("senior_visit",),
                "forum_n": ("dialogue_forum",), "port_call_n": ("port_call",),
                "exercise_n": ("exercise",), "course_n": ("education_training",),
                "agreement_n": ("agreement",), "occasion": ()}  # (): any occurrence
ANCHOR_REACH = 10  # tokens from the start of a sentence where "During the visit" may stand


def _anchor(sent: Mark, lex: list[Mark], models: Models, norms: Norms, lang: str
            ) -> tuple[str, ...] | None:
    """The types an opening like "During the visit", "Na ocasião", "At the close of the
    meeting" or "En esa reunión" refers back to (() for any occurrence), or None."""
    nouns = {s.start: s.label_ for s in lex if s.label_ in ANCHOR_NOUNS}
    if not nouns:
        return None
    links = models.anchor_links.get(lang, frozenset())
    dets = models.possessives.get(lang, frozenset()) | models.determiners.get(lang, frozenset())
    end = min(sent.end, sent.start + ANCHOR_REACH)
    for i in range(sent.start, end):
        if norms[i] not in links:
            continue
        j = i + 1
        if j < end and norms[j] in dets:
            j += 1
        if j in nouns:
            return ANCHOR_NOUNS[nouns[j]]
    return None


def _anchored(types: tuple[str, ...], last: dict[str, Candidate], timeline: Timeline
              ) -> DateMention | None:
    """The date of the occurrence an anchored sentence refers back to."""
    known = [c for t, c in last.items() if not types or t in types]
    if not known:
        return timeline.last_event()
    ref = max(known, key=lambda c: c.sentence.start)
    return DateMention(0, 0, "", ref.date, ref.precision, "date.anchor")


def _one_reading(options: list[Candidate]) -> list[Candidate]:
    """Of several triggers of one type in a sentence, the firmest one's candidates (one
    per date and port); the others' dates only when they differ."""
    options = sorted(options, key=lambda c: (c.support, c.weak, c.trigger.start))
    kept: list[Candidate] = []
    for c in options:
        if any(k.date == c.date and k.countries == c.countries for k in kept):
            continue
        if kept and c.support:
            continue
        kept.append(c)
    return kept


def _features(frame, reading, from_context: bool, date_source: str, kinds: set[str],
              present: dict[str, list[int]], mention: DateMention | None,
              plural: bool) -> dict[str, float]:
    """What the rules know about a candidate (``confidence.py`` weighs it)."""
    return {
        "weak": float(frame.weak), "needs": float(len(frame.needs)),
        "distance": float(min(reading.distance, 30)) / 30,
        "from_context": float(from_context), "date_stated": float(date_source == "stated"),
        "date_context": float(date_source == "context"),
        "date_day": float(bool(mention and mention.precision == "day")),
        "anaphora": float("anaphora" in kinds), "plan": float("plan" in kinds),
        "plural": float(plural), "military": float("military" in present),
        f"type_{frame.type}": 1.0, f"frame_{frame.id}": 1.0,
    }


def _plural(trigger: Mark, models: Models, norms: Norms, lang: str) -> bool:
    """A noun trigger in the plural ("visits", "ejercicios"): many occurrences, or a kind of
    activity, rather than one; it needs a date to state an event. (Noun classes are the
    lexicon ids ending in ``_n``.)"""
    if trigger.width != 1 or not trigger.label_.endswith("_n") or trigger.label_ in LIST_NOUNS:
        return False
    norm = norms[trigger.start]
    return norm.endswith("s") and norm not in models.lexicons[lang].single


def _dates_for(trigger: Mark, dates: list[DateMention], text: str, sent: Mark,
               ents: list[Mark], relatives: frozenset[str] = frozenset(),
               departures: list[Mark] | None = None) -> tuple[list[DateMention], bool]:
    """The date that governs the trigger's clause; with a list of dates joined by "and"
    ("in March 2012 and again in May 2016", "the first on June 25 and the second a week
    later"), each of them. A bare year counts only when nothing else dates the sentence.

    Clauses are the stretches between commas, semicolons, colons, dashes and brackets. A
    date in the trigger's clause governs it; a stretch that holds nothing but a date
    ("On 30 July 2014,", ", between 13 and 16 August,") governs the clauses after it (at
    the end of the sentence, the one before), and at the start the whole sentence; a
    semicolon is a harder boundary than a comma; a date in another clause ("the
    corvette, retired in 2011, was handed over") governs the trigger only failing those,
    and a date in a relative clause ("the cruise, which ended on 8 January 2017,") only
    when the sentence has no other (it dates the clause's antecedent) or when it refines
    the date chosen.
    Also says whether the chosen date governs the trigger's own clause.
    """
    if not dates:
        return [], False
    places = [(e.start_char, e.end_char) for e in ents if e.label_ in ("LOCATION", "COUNTRY")]
    line = text[sent.start_char:sent.end_char]
    cuts = [c for c in (sent.start_char + m.start() for m in CLAUSE_CUT.finditer(line))
            if not (places and _apposition(c, places, text))]
    clause = bisect_right(cuts, trigger.start_char)

    def relative(d: DateMention) -> bool:
        at = bisect_right(cuts, d.start)
        if at == clause or at == 0:
            return False
        opening = fold(text[cuts[at - 1] + 1:d.start]).split()[:2]
        return bool(opening) and (opening[0] in relatives or (  # "in which", "la cual"
            len(opening) > 1 and opening[1] in relatives and opening[1] != "que"))

    dates = [d for d in dates if not _of_leaving(d, trigger, departures or [], text)] or dates
    every = [d for d in dates if "bare" not in d.parts]
    dates = [d for d in dates if not relative(d)] or dates
    plain = [d for d in dates if "bare" not in d.parts] or dates

    parts = [sent.start_char + m.start() for m in re.finditer(";", line)] if ";" in line \
        else []
    part = bisect_right(parts, trigger.start_char)

    def gap(d: DateMention) -> float:
        at = bisect_right(cuts, d.start)
        apart = 2 * (bisect_right(parts, d.start) != part)  # across a semicolon
        if at == clause:
            return 0 + apart
        if len(text[sent.start_char:d.start].split()) <= 2:
            return 0.5 + apart  # "On 20 July 2023 the minister ...": it dates the sentence
        lo = cuts[at - 1] if at else sent.start_char
        hi = cuts[at] if at < len(cuts) else sent.end_char
        rest = (text[lo:d.start] + " " + text[d.end:hi]).lower()
        alone = all(w in DATE_GLUE or w in TIME_GLUE or CLOCK.fullmatch(w)
                    for w in re.findall(r"\w+", rest))
        if alone and not apart:
            if at == 0:
                return 0.5
            if at - 1 == clause and ATTRIBUTIVE.match(text, lo + 1):
                return 0  # "El protocolo ..., del 6 de junio de 2023, regula": its own date
            if at < clause:  # "; on the 21st, in New Delhi, he was received"
                return 0.25 + 0.05 * (clause - at - 1)
            if at == len(cuts) and at - 1 == clause:
                return 0  # "... docked at Recife, on 28 July."
        return 1 + abs(at - clause) + apart

    def score(d: DateMention) -> tuple[float, int]:
        return gap(d), abs(d.start - trigger.start_char)

    in_order = sorted(every or dates, key=lambda d: d.start)
    ends = {b: a for a, b in pairwise(in_order)  # "between 2009 and 2016"
            if RANGE_JOIN.fullmatch(text[a.end:b.start])
            and RANGE_OPEN.search(text, max(sent.start_char, a.start - 12), a.start)}
    nearest = min(plain, key=score)
    nearest = ends.get(nearest, nearest)  # a stretch of time is dated by its start
    finer = [d for d in every if len(d.value or "") > len(nearest.value or "")
             and (d.value or "").startswith(nearest.value or "")]
    if finer:  # "in November 2010, arriving on November 7": the finer date that agrees wins
        # (even in a relative clause: "in July 2022 ..., which opened on 26 July 2022")
        nearest = min(finer, key=score)
    chosen = [nearest]
    ordered = sorted([*plain, nearest] if nearest not in plain else plain,
                     key=lambda d: d.start)
    at = ordered.index(nearest)
    for step in (-1, 1):
        i = at
        while 0 <= i + step < len(ordered):
            a, b = sorted((ordered[i], ordered[i + step]), key=lambda d: d.start)
            between = text[a.end:b.start]
            if len(between) > 40 or not LIST_JOIN.match(between) or a.value == b.value:
                break
            if not re.search(r"\w", between) and RESTATED.intersection((a.rule, b.rule)):
                break  # "on 20 January 2015, one day before the talks": one date, restated
            if b in ends:
                break  # "between 2000 and 2015": the two ends of one stretch of time
            chosen.append(ordered[i + step])
            i += step
    return sorted(chosen, key=lambda d: d.start), gap(nearest) < 1


def _of_leaving(date: DateMention, trigger: Mark, departures: list[Mark], text: str) -> bool:
    """The date is said of a ship or delegation leaving ("left Norfolk, Virginia, on July 12
    and made its first stop in Haiti"): it follows the leaving word closely, with no "and"
    or semicolon between, and the trigger is not in that stretch."""
    for cue in departures:
        if cue.end_char <= date.start and date.start - cue.end_char <= LEAVING_REACH and not (
                cue.start_char <= trigger.start_char < date.start) \
                and not LEAVING_ENDS.search(text, cue.end_char, date.start):
            return True
    return False


def _apposition(cut: int, places: list[tuple[int, int]], text: str) -> bool:
    """A comma inside or closing "Puerto Quetzal, Guatemala," names a place; it cuts no
    clause. ``places`` are the character spans of the sentence's places and countries."""
    ends = {b: a for a, b in places}
    starts = {a for a, _ in places}
    after = cut + 1 + (len(text) > cut + 1 and text[cut + 1] == " ")
    if cut in ends and after in starts:
        return True  # the comma between the city and its country
    start = ends.get(cut)
    if start is None:
        return False  # the comma closing the pair: the country's own comma
    before = text.rfind(",", 0, start)
    return before in ends and text[before + 1:start].strip() == ""


def _date_line(before: Mark, resolved: list[DateMention], text: str) -> list[DateMention]:
    """A chronology's "March 25, 2015. Kelly attends...": a sentence that is nothing but a
    date dates the sentence after it, as if stated there."""
    inside = [d for d in _within(resolved, before.start_char, before.end_char)
              if d.value and not d.bound]
    if len(inside) != 1:
        return []
    d = inside[0]
    rest = text[before.start_char:d.start] + text[d.end:before.end_char]
    return [d] if not any(c.isalpha() for c in rest) else []


def _within(resolved: list[DateMention], start: int, end: int) -> list[DateMention]:
    """The mentions (in text order) that start in ``start``-``end``."""
    return resolved[bisect_left(resolved, start, key=_start):
                    bisect_left(resolved, end, key=_start)]


def _start(d: DateMention) -> int:
    return d.start


def _stated_before(resolved: list[DateMention], sent: Mark, paragraph: list[int], index: int,
                   sentences: list[Mark], back: int = 0) -> DateMention | None:
    """The last date stated in this paragraph (and the ``back`` ones before it) before the
    sentence, at month precision at most (the story's date around an undated sentence)."""
    start = sentences[bisect_left(paragraph, paragraph[index] - back, 0, index)].start_char
    for d in reversed(resolved):
        if d.start >= sent.start_char:
            continue
        if d.start < start:
            break
        if d.value and not d.bound and "bare" not in d.parts:
            if d.precision == "day":
                return DateMention(d.start, d.end, d.text, d.value[:7], "month", d.rule,
                                   parts=d.parts)
            return d
    return None


STOP_GLUE = frozenset("and y e as well several other ports port puertos puerto portos porto "
                      "cities ciudades cidades the a an o os as el la los las at in of to en em "
                      "de del do da dos das por pelo pela".split())  # words inside a list
STOP_LEAD = 4  # words from a call to its first stop ("escalas da missão estiveram a ...")
STOP_TRIGGERS = frozenset({"port_call_n", "visit_v", "arrive"})


def _stops(trigger: Mark, ents: list[Mark], norms: Norms, models: Models,
           named: set[str | None]):
    """The stops a call lists right after it ("its calls at Tokyo, Busan and Shanghai",
    "escalas em portos do Chile e do Peru", "pasaron por Pearl Harbor, Acapulco y el
    Callao"): the places and countries in one run of commas, "and" and articles, opened at
    most ``STOP_LEAD`` words after the trigger. Every state of the list is a stop, an
    outside power as much as a LAC state (a city of ``places.jsonl`` with one country counts
    for it here even where the document does not name that country: it is read as a port).
    None when the call lists fewer than two states and no outside one (the common "arrived at
    Callao" keeps its reading). Else a function of the sentence's parties that returns the
    parties outside the list (who called) and a function of the chosen sides that returns
    one (visitors, port) pair per stop, with where the list names it: with a LAC stop the
    visitors are the outside powers (third countries on the route, "Australia", are no
    call of the story); with outside stops only, the LAC state that sent the ship."""
    if trigger.label_ not in STOP_TRIGGERS:
        return None
    places = sorted((e for e in ents if (e.label_ == "LOCATION" or e.label_ == "COUNTRY" and
                     " ".join(norms.between(e.start, e.end)) not in models.demonyms)
                     and e.start >= trigger.end), key=lambda e: e.start)
    listed: list[tuple[str, tuple[int, int]]] = []
    at = trigger.end
    for e in places:
        gap = [n for n in norms.between(at, e.start) if n != ","]
        if listed and any(n not in STOP_GLUE for n in gap):
            break
        if not listed and (len(gap) > STOP_LEAD or any(
                not any(ch.isalnum() for ch in n) for n in gap)):
            break
        code = _code(e, models, named)
        if code is None and e.label_ == "LOCATION" and e.kb_id_ not in \
                models.ambiguous_places and len(models.places.get(e.kb_id_, ())) == 1:
            code = models.places[e.kb_id_][0]
        if code is not None and all(code != c for c, _ in listed):
            listed.append((code, (e.start_char, e.end_char)))
        at = e.end
    codes = {c for c, _ in listed}
    lac_stops = [(c, w) for c, w in listed if models.regions.get(c) == "LAC"]
    far_stops = [(c, w) for c, w in listed if models.regions.get(c) != "LAC"]
    if len(codes) < 2 and not far_stops:
        return None
    abroad: list[bool] = []  # whether the ship that called is a LAC state's

    def outside(own: tuple[set[str], set[str]], ship: str | None
                ) -> tuple[set[str], set[str]]:
        extra, lac = own[0] - codes, own[1] - codes
        if ship and not extra and not lac:
            (lac if models.regions.get(ship) == "LAC" else extra).add(ship)
        abroad[:] = [bool(far_stops) and not extra and (bool(lac) or not lac_stops)]
        if abroad[0]:  # a LAC ship's calls abroad: the list is the far side
            return {c for c, _ in far_stops}, lac
        return extra, lac | {c for c, _ in lac_stops}  # the powers outside the list called

    def ports(lac: set[str]) -> list[tuple[tuple[set[str], set[str]], tuple[int, int]]]:
        """One (visitors, port) per stop abroad of a LAC ship; [] for a ship that called
        at LAC ports (read as any other call of several states)."""
        if abroad and abroad[0]:
            return [(({c}, lac), w) for c, w in far_stops]
        return []

    return outside, ports, listed[0][1][0] if listed else trigger.end_char


def _ship_before(index: int, spans: list[Spans], paragraph: list[int], models: Models
                 ) -> str | None:
    """The country of the last ship named by name in the sentences before (this paragraph
    and the ``VOYAGE_PARAGRAPHS`` before): whose calls a list of stops tells."""
    for j in range(index - 1, max(-1, index - 1 - 2 * CONTEXT_SENTENCES), -1):
        if paragraph[index] - paragraph[j] > VOYAGE_PARAGRAPHS:
            break
        for e in reversed(spans[j].ents):
            if e.label_ == "INSTITUTION" and models.institution_kinds.get(e.kb_id_) == "ship":
                return country_of(e, models)
    return None


TRAVEL_CLASSES = ("visit_v", "visit_n", "arrive")  # a tour of several states: one visit each
LIST_NOUNS = ("port_call_n",)  # "its calls at Tokyo, Busan and Shanghai": one each, not many


def _per_state(split: bool, lac: set[str], own_lac: set[str], ents: list[Mark],
               cues: list[Mark], models: Models, named: set[str | None]
               ) -> list[tuple[set[str], tuple[int, int] | None]]:
    """With ``split``, one party set per LAC state for a port call or a visit naming
    several ("calls at Santos and Callao", "a tour of Belize, Guatemala and Honduras"),
    each with where the sentence names it; a state named as where the ship came from
    ("after Grenada", "procedente de Cuba") is no port. Other types keep all their parties
    in one event."""
    if not split or len(lac) < 2 or lac != own_lac:
        return [(lac, None)]
    starts = {c.end for c in cues if c.label_ in ("origin", "departure")}
    where: dict[str, tuple[int, int]] = {}
    origins = set()
    for e in ents:
        code = _code(e, models, named)
        if code in lac:
            where.setdefault(code, (e.start_char, e.end_char))
            if e.start in starts:
                origins.add(code)
    ports = sorted(lac - origins) or sorted(lac)
    return [({code}, where.get(code)) for code in ports]


def _pairs(dates: list, states: list[tuple[object, tuple[int, int] | None]]) -> list[tuple]:
    """Dates × states; when a sentence names several of each ("Natal on 7 August, Rio from
    13 August"), as many dates as states pair in text order, else each state takes the
    date written nearest it (the fewest characters between them; after it on a tie)."""
    if len(dates) < 2 or len(states) < 2 or any(at is None for _, at in states):
        return [(d, s) for d in dates for s, _ in states]

    if len(dates) == len(states):  # "Callao on 2 July and Valparaíso on 15 July": in order
        ordered = sorted(states, key=lambda state: state[1] or (0, 0))
        return [(d, s) for d, (s, _) in zip(sorted(dates, key=lambda d: d.start), ordered,
                                            strict=True)]

    def gap(d, at: tuple[int, int] | None) -> tuple[int, bool]:
        start, end = at or (0, 0)  # (never None here: checked above)
        if d.start >= end:
            return d.start - end, False
        return max(0, start - d.end), True

    return [(min(dates, key=lambda d: gap(d, at)), s) for s, at in states]


def _paragraphs(breaks: list[int], sentences: list[Mark]) -> list[int]:
    """Paragraph number of each sentence: every line is a paragraph (web pages and PDFs
    come out of extraction one paragraph a line, plain texts with blank lines between).
    ``breaks``: where the text's lines end (``Timeline.breaks``, found once a text)."""
    return [bisect_right(breaks, s.start_char) for s in sentences]


def _headline(sentences: list[Mark], document: Document) -> int | None:
    """Index of the sentence that is the document's title, if it starts the text."""
    title = " ".join((document.title or "").split()).lower()
    for index, sent in enumerate(sentences[:2]):
        text = " ".join(document.text[sent.start_char:sent.end_char].split()).lower()
        if title and text and (text.startswith(title[:60]) or title.startswith(text)):
            return index
    return None


def _chrome(sent: Mark, spans: Spans, text: str) -> bool:
    """A heading, caption, byline or "read also" line: it states no event. A line is a
    heading when it is short and does not end a sentence; the others start with a marker
    of ``cues.jsonl`` (kind ``chrome``). (Read off ``text``: a span's own text walks its
    tokens again.)"""
    if any(c.label_ == "chrome" and c.start == sent.start for c in spans.cues):
        return True
    if not ("\n" in text[sent.end_char:sent.end_char + 2] or sent.end_char >= len(text) - 1):
        return False  # (the cheap tests first)
    line = text[sent.start_char:sent.end_char].rstrip()
    return (not line.endswith((".", "!", "?", ":", ";", '"', "”", "»", ")", "'"))
            and 0 < len(line.split()) <= HEADING_MAX_TOKENS)


def _by_sentence(doc: Doc, sentences: list[Mark]) -> list[Spans]:
    """What the tagger found, by sentence (a sentence without marks of a kind shares one
    empty list: nothing is ever added to them)."""
    starts = [s.start for s in sentences]
    tagged = found(doc)
    last = len(sentences) - 1
    groups: list[dict[int, list[Mark]]] = []
    for marks in (tagged.ents, tagged.lex, tagged.cues, tagged.persons, tagged.titles):
        per: dict[int, list[Mark]] = {}
        for span in marks:
            i = bisect_right(starts, span.start) - 1
            if i < 0:
                i = last
            at = per.get(i)
            if at is None:
                per[i] = [span]
            else:
                at.append(span)
        groups.append(per)
    ents, lex, cues, persons, titles = groups
    none: list[Mark] = []
    return [Spans(ents.get(i, none), lex.get(i, none), cues.get(i, none), persons.get(i, none),
                  titles.get(i, none)) for i in range(len(sentences))]


def _parties(ents: list[Mark], models: Models, named: set[str | None]
             ) -> tuple[set[str], set[str]]:
    """(extra-regional powers, LAC states) the sentence names. A capital that also names
    other places counts for its country only where the document names that country too
    ("Santiago" in a Dominican story is not Chile); so does every city or port of
    ``places.jsonl`` ("Guayaquil" in a story that names Ecuador)."""
    extra: set[str] = set()
    lac: set[str] = set()
    for ent in ents:
        code = _code(ent, models, named)
        if code is not None:
            (lac if models.regions.get(code) == "LAC" else extra).add(code)
    return extra, lac


def place_country(ent: Mark, models: Models, named: set[str | None]) -> str | None:
    """The country a place stands for in a document (a capital, unless it also names
    other places; a city of a country the document names), else None."""
    return _code(ent, models, named)


def _code(ent: Mark, models: Models, named: set[str | None]) -> str | None:
    """The country an entity stands for in this document (None when unsure)."""
    code = country_of(ent, models)
    if ent.label_ == "LOCATION" and ent.kb_id_ in models.places:
        # a city or port counts for a country the document names
        code = next((c for c in models.places[ent.kb_id_] if c in named), None)
    if code is None or (ent.label_ == "LOCATION" and code not in named
                        and ent.kb_id_ in models.ambiguous_places):
        return None
    return code


def country_of(ent: Mark, models: Models) -> str | None:
    """The country an entity names: a country itself, or an institution's or capital's."""
    if ent.label_ == "COUNTRY":
        return ent.kb_id_
    return models.entity_countries.get((ent.label_, ent.kb_id_))


def _context(index: int, sentences: list[Mark], parties, paragraph: list[int],
             headline: int | None, named_in: dict[int, list[int]] | None = None
             ) -> list[tuple[set[str], set[str]]]:
    """Where a missing side is looked for, nearest first: the sentences before that name a
    person the sentence names ("Taiana", "el ministro Jorge Taiana"), then the sentences
    before in the paragraph, then earlier paragraphs, then the headline, then the sentences
    after that name such a person ("Taiana ... la Argentina"). (The list ends once
    it holds a power and a LAC state: ``_sides`` reads nothing after them. Paragraph numbers
    never decrease before ``index``.)"""
    first = bisect_left(paragraph, paragraph[index], 0, index)  # the paragraph's first
    linked = (named_in or {}).get(index, [])
    order = chain((j for j in reversed(linked) if j < index),
                  range(index - 1, max(first, index - CONTEXT_SENTENCES) - 1, -1),
                  range(first - 1, -1, -1), () if headline is None else (headline,),
                  (j for j in linked if j > index))
    context = []
    extra = lac = False
    for j in order:
        if j == index:
            continue
        context.append(parties[j])
        extra, lac = extra or bool(parties[j][0]), lac or bool(parties[j][1])
        if extra and lac:
            break
    return context


SURNAME_MIN = 4  # letters a surname needs to be looked for on its own


def _person_sentences(text: str, sentences: list[Mark], persons: list[Mark]
                      ) -> dict[int, list[int]]:
    """Sentence -> the other sentences (in text order) that name a person it names: a person
    is named by the name a title introduces ("Defense Minister Jorge Taiana") or by its last
    word alone later ("Taiana arrived")."""
    if not persons:
        return {}
    starts = [s.start_char for s in sentences]
    surnames = {p.kb_id_.split()[-1] for p in persons}
    surnames = {w for w in surnames if len(w) >= SURNAME_MIN and w[:1].isupper()}
    by_name: dict[str, set[int]] = {}
    if not surnames:
        return {}
    names = "|".join(re.escape(n) for n in sorted(surnames, key=lambda n: (-len(n), n)))
    for m in re.finditer(rf"(?<!\w)(?:{names})(?!\w)", text):  # (one pass for all)
        at = bisect_right(starts, m.start()) - 1
        if 0 <= at and m.start() < sentences[at].end_char:
            by_name.setdefault(m.group(), set()).add(at)
    linked: dict[int, set[int]] = {}
    for where in by_name.values():
        if len(where) < 2:
            continue
        for i in where:
            linked.setdefault(i, set()).update(where - {i})
    return {i: sorted(js) for i, js in linked.items()}


def _sides(own: tuple[set[str], set[str]], context: list[tuple[set[str], set[str]]]
           ) -> tuple[tuple[set[str], set[str]] | None, bool]:
    extra, lac = set(own[0]), set(own[1])
    from_context = not (extra and lac)
    for e, la in context:
        if extra and lac:
            break
        if not extra and e:
            extra = set(e)
        if not lac and la:
            lac = set(la)
    if not extra or not lac:
        return None, from_context
    return (extra, lac), from_context


def _vetoed(trigger: Mark, cues: list[Mark], models: Models, norms: Norms, lang: str
            ) -> bool:
    """A negation, hedge, aggregate or generic cue said of this trigger. A cue that reaches
    the whole sentence stops short of a trigger before the relative clause it stands in:
    "a training stop that includes exercises" is still a stop."""
    for cue in cues:
        if cue.label_ not in VETO_KINDS:
            continue
        if _said_of(cue, trigger, models, norms, lang):
            return True
        if (models.cue_windows.get(cue.kb_id_, 0) and cue.label_ in ("negation", "hedge")
                and 0 <= cue.start - trigger.end <= AFTER_WINDOW):
            return True  # "the visit would help", "the exercise was not held"
    return False


def _said_of(cue: Mark, trigger: Mark, models: Models, norms: Norms, lang: str) -> bool:
    """The cue qualifies the trigger: it reaches the whole sentence (window 0) except a
    relative clause of its own after the trigger, or stands at most its window before it."""
    window = models.cue_windows.get(cue.kb_id_, 0)
    if window == 0:
        return not _in_clause_after(cue, trigger, models, norms, lang)
    return cue.end <= trigger.start and trigger.start - cue.end <= window


def _in_clause_after(cue: Mark, trigger: Mark, models: Models, norms: Norms, lang: str
                     ) -> bool:
    """The cue stands after the trigger, in a relative clause of its own ("a stop that
    includes exercises", "un memorando que prevé")."""
    relatives = models.relatives.get(lang, frozenset())
    return cue.start >= trigger.end and any(
        n in relatives for n in norms.between(max(trigger.end, cue.start - 2), cue.start))
