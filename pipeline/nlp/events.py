"""Event assembly: triggers + parties + dates in a sentence become events.

A sentence with a trigger proposes a candidate of the trigger's type (a visit made by a
ship is a port call). Its parties are the extra-regional powers and LAC states named in
it (countries, institutions' countries, capitals); a side it lacks ("the two sides", "o
ministro") is taken from up to three earlier sentences, then from the headline. The
headline itself proposes nothing: it is context. Veto cues (negation, hedges,
recommendations, aggregates, generic descriptions) drop a candidate. A sentence anchored to
an event already stated ("before the signing", "durante la visita") takes that event's date.

A candidate stands on its own when it is stated firmly: a strong trigger, and for a weak
trigger (a bare noun, an ambiguous verb) or a side taken from context, a stated date or
an explicit back-reference in its sentence. Otherwise it is *support*: it may only join
an event that a firm candidate states (one more evidence row), never make one. A weak
trigger after a definite article ("the visit", "la donación") is always support; one
that follows a firmer trigger of another type is its object and is dropped. A visit or
meeting of heads of state or government counts only where the sentence also names a
military or defense actor, or names the head only as the one met ("met with President X").
Candidates are merged into events by ``merge.py``.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from pipeline.nlp.dates import DateMention
from pipeline.nlp.merge import Candidate, build_event, merge
from pipeline.nlp.models import VETO_KINDS, Models, Trigger
from pipeline.records import Document, Event

CONTEXT_SENTENCES = 3
AFTER_WINDOW = 2  # tokens after a trigger where a negation or hedge still applies to it


def assemble(doc: Doc, dates: list[DateMention], document: Document, models: Models,
             title: Doc | None = None) -> list[Event]:
    """Events of one tagged document; ``title`` is the tagged title when the text lacks it."""
    sentences = _sentences(doc)
    all_ents = list(doc.ents)
    named = {country_of(e, models) for e in all_ents if e.label_ != "LOCATION"}
    spans = _by_sentence(doc, sentences, all_ents)
    parties = [_parties(b.ents, models, named) for b in spans]
    ships = [_has_ship(b, models) for b in spans]
    headline = _headline(sentences, document)
    if headline is None and title is not None and len(title):
        sentences.append(title[:])  # context only: never a candidate
        spans.extend(_by_sentence(title, [title[:]]))
        parties.append(_parties(spans[-1].ents, models, named))
        ships.append(_has_ship(spans[-1], models))
        headline = len(sentences) - 1
    candidates = []
    last_date: DateMention | None = None  # of the last event stated firmly, for anchors
    for index, sent in enumerate(sentences):
        if index == headline:
            continue
        triggers, cues, ents = spans[index].triggers, spans[index].cues, spans[index].ents
        if not triggers:
            continue
        kinds = {c.label_ for c in cues}
        rules = {t.kb_id_: _rule(t, models) for t in triggers}
        firm_starts = [t.start for t in triggers if not rules[t.kb_id_].weak]
        articles = models.determiners.get(doc.lang_, frozenset())
        military = "military" in kinds or ships[index] or any(
            e.label_ == "INSTITUTION" for e in ents)
        civilians = [] if military else [c.start for c in cues if c.label_ == "civilian"]
        persons = [p.kb_id_ for p in spans[index].persons]
        after = min((c.end for c in cues if c.label_ == "accompany"), default=None)
        accompanying = set() if after is None else {
            country_of(e, models) for e in ents if e.start >= after} - {None}
        by_kind: dict[str, list[list[Candidate]]] = {}
        for trigger in sorted(triggers, key=lambda t: (rules[t.kb_id_].weak, t.start)):
            rule = rules[trigger.kb_id_]
            if rule.weak and any(start < trigger.start for start in firm_starts):
                continue  # the object of a firmer verb ("signed a memorandum on aid")
            if _vetoed(trigger, cues, models):
                continue
            kind = trigger.label_
            nearby = _ship_nearby(index, ships, headline)
            if rule.ship_type and (ships[index] or (not persons and nearby)):
                kind = rule.ship_type
            if kind == "senior_visit" and any(start < trigger.start for start in civilians):
                continue  # a head of state's own trip, with no military actor
            own = parties[index]
            if kind in ("port_call", "senior_visit") and accompanying:
                own = (own[0] - accompanying, own[1])  # "alongside ships from the US"
            if kind == "port_call" and not ships[index] and nearby and len(own[1]) > 1:
                own = (set(), own[1])  # a list of ports: the outside party is the ship's flag
            sides, from_context = _with_context(index, sentences, parties, headline, own)
            if sides is None:
                continue
            countries, lac = sides[0] | sides[1], sides[1]
            date = _nearest_date(trigger, sent, dates)
            if date is None and "anchor" in kinds:
                date = last_date  # "before the signing", "durante la visita": that event's date
            stated = date is not None
            shipped = rule.ship_firm and (ships[index] or nearby)
            support = (rule.weak and not stated and not shipped) or (
                from_context and not stated and not shipped and "anaphora" not in kinds) or (
                rule.weak and trigger.start > 0 and doc[trigger.start - 1].lower_ in articles)
            # a port call is one ship in one port: a list of ports is one call per state
            ports = _per_port(kind, lac, sides[1] - parties[index][1], ents, cues, models)
            by_kind.setdefault(kind, []).append([
                Candidate(
                    type=kind, countries=countries - lac | one, weak=rule.weak,
                    date=date.value if date else None,
                    precision=date.precision if date else None,
                    sentence=sent, trigger=trigger, from_context=from_context, persons=persons,
                    institutions=[e.kb_id_ for e in ents if e.label_ == "INSTITUTION"],
                    location=next((e.kb_id_ for e in ents if e.label_ == "LOCATION"), None),
                    support=support, lac=one, mention=date,
                ) for one in ports])
        for options in by_kind.values():  # one reading per type: the firmest trigger's
            chosen = next((o for o in options if not o[0].support), options[0])
            candidates.extend(chosen)
            if not chosen[0].support and chosen[0].mention is not None:
                last_date = chosen[0].mention
    return [build_event(group, document) for group in merge(candidates)
            if not all(c.support for c in group)]


def _per_port(kind: str, lac: set[str], from_context: set[str], ents: list[Span],
              cues: list[Span], models: Models) -> list[set[str]]:
    """One party set per port for a port call naming several LAC states; a state named
    as where the ship came from ("after Grenada", "procedente de Cuba") is no port."""
    if kind != "port_call" or len(lac) < 2 or from_context:
        return [lac]
    starts = {c.end for c in cues if c.label_ == "origin"}
    origins = {country_of(e, models) for e in ents if e.start in starts}
    ports = sorted(lac - origins) or sorted(lac)
    return [{code} for code in ports]


def _sentences(doc: Doc) -> list[Span]:
    """The sentences ``milex_sentences`` found (kept as a list: ``doc.sents`` walks every
    token again)."""
    starts = doc.user_data.get("milex_sentence_starts")
    if not starts:
        return list(doc.sents)
    return [doc[a:b] for a, b in zip(starts, [*starts[1:], len(doc)], strict=True)]


def _rule(trigger: Span, models: Models) -> Trigger:
    return models.triggers.get(trigger.kb_id_.rsplit(".", 1)[0], Trigger(trigger.label_))


def _headline(sentences: list[Span], document: Document) -> int | None:
    """Index of the sentence that is the document's title, if it starts the text."""
    title = " ".join((document.title or "").split()).lower()
    for index, sent in enumerate(sentences[:2]):
        text = " ".join(sent.text.split()).lower()
        if title and text and (text.startswith(title[:60]) or title.startswith(text)):
            return index
    return None


@dataclass
class Spans:
    """What the tagger found in one sentence (bucketed once: spaCy span access is slow)."""

    ents: list[Span] = field(default_factory=list)
    triggers: list[Span] = field(default_factory=list)
    cues: list[Span] = field(default_factory=list)
    persons: list[Span] = field(default_factory=list)


def _by_sentence(doc: Doc, sentences: list[Span], ents: list[Span] | None = None
                 ) -> list[Spans]:
    starts = [s.start for s in sentences]
    out = [Spans() for _ in sentences]
    for name, spans in (("ents", doc.ents if ents is None else ents),
                        ("triggers", doc.spans["triggers"]),
                        ("cues", doc.spans["cues"]), ("persons", doc.spans["persons"])):
        for span in spans:
            getattr(out[bisect_right(starts, span.start) - 1], name).append(span)
    return out


def _has_ship(spans: Spans, models: Models) -> bool:
    if any(c.label_ == "ship" for c in spans.cues):
        return True
    kinds = models.institution_kinds
    return any(e.label_ == "INSTITUTION" and kinds.get(e.kb_id_) == "ship" for e in spans.ents)


def _ship_nearby(index: int, ships: list[bool], headline: int | None) -> bool:
    near = range(max(0, index - CONTEXT_SENTENCES), index)
    return any(ships[j] for j in near) or (headline is not None and ships[headline])


def _parties(ents: list[Span], models: Models, named: set[str | None]
             ) -> tuple[set[str], set[str]]:
    """(extra-regional powers, LAC states) the sentence names. A capital that also names
    other places counts for its country only where the document names that country too
    ("Santiago" in a Dominican story is not Chile)."""
    extra: set[str] = set()
    lac: set[str] = set()
    for ent in ents:
        code = country_of(ent, models)
        if code is None or (ent.label_ == "LOCATION" and code not in named
                            and ent.kb_id_ in models.ambiguous_places):
            continue
        region = models.regions.get(code or "")
        if region == "extra":
            extra.add(code)
        elif region == "LAC":
            lac.add(code)
    return extra, lac


def country_of(ent: Span, models: Models) -> str | None:
    """The country an entity names: a country itself, or an institution's or capital's."""
    if ent.label_ == "COUNTRY":
        return ent.kb_id_
    return models.entity_countries.get((ent.label_, ent.kb_id_))


def _with_context(index: int, sentences: list[Span], parties, headline: int | None,
                  own: tuple[set[str], set[str]] | None = None
                  ) -> tuple[tuple[set[str], set[str]] | None, bool]:
    extra, lac = (set(x) for x in (own or parties[index]))
    from_context = False
    if not extra or not lac:
        from_context = True
        earlier = range(index - 1, max(-1, index - 1 - CONTEXT_SENTENCES), -1)
        for j in [*earlier, headline if headline is not None else 0]:
            e, la = parties[j]
            if not extra and e:
                extra = set(e)
            if not lac and la:
                lac = set(la)
            if extra and lac:
                break
    if not extra or not lac:
        return None, from_context
    return (extra, lac), from_context


def _vetoed(trigger: Span, cues: list[Span], models: Models) -> bool:
    for cue in cues:
        if cue.label_ not in VETO_KINDS:
            continue
        window = models.cue_windows.get(cue.kb_id_, 0)
        if window == 0:
            return True
        if cue.end <= trigger.start and trigger.start - cue.end <= window:
            return True
        if cue.label_ in ("negation", "hedge") and 0 <= cue.start - trigger.end <= AFTER_WINDOW:
            return True  # "the visit would help", "the exercise was not held"
    return False


def _nearest_date(trigger: Span, sent: Span, dates: list[DateMention]) -> DateMention | None:
    start, end = sent.start_char, sent.end_char
    inside = [d for d in dates if start <= d.start < end and d.value and not d.bound]
    if not inside:
        return None
    nearest = min(inside, key=lambda d: abs(d.start - trigger.start_char))
    # "in November 2010, arriving on November 7": the finer date that agrees wins
    finer = [d for d in inside if len(d.value or "") > len(nearest.value or "")
             and (d.value or "").startswith(nearest.value or "")]
    return min(finer, key=lambda d: abs(d.start - trigger.start_char)) if finer else nearest
