"""The parties of a candidate: who took part, and where.

A sentence's parties are the extra-regional powers and LAC states it names, by name,
demonym, institution, capital or ship; a capital that also names other places, or a city or
port of ``places.jsonl``, counts for its country only where the document names that country
too (``named_parties``, ``stands_for``), or, for a LAC city, where the document names no other
LAC state (``_rivals``). A missing side comes first from the states of the persons the sentence
names, read from the words around their titles (``person_states``, ``state_sentences``), then
from the sentences that name a person the sentence names, then the sentences before it in the
paragraph, then earlier
paragraphs and the headline (``side_context``, ``person_sentences``, ``fill_sides``); from a
sentence listing several LAC states, the story's own (``home_state``) when it is among them. A port
call or a visit naming several states makes one party set per state (``per_state``), and a
call listing several ports of one state one per port (``each_port``); the stops a call lists
are its ports, the ship named before telling whose calls they are (``listed_stops``,
``ship_before``), unless the sentence names its LAC state only as the port an arrival
reaches after them (``reached_after``: ports passed on the way, no LAC ship abroad). A
dateline's or byline's place is where the report was written: no party where the sentence
places its event in another state, nor from a byline's line (``dateline_places``). A state
that only reacts to what the sentence tells ("Colombia protested", "U.S. concern",
"condemned by Georgetown", "tensiones entre Washington y Caracas") or whose crisis is its
matter ("the situation in Haiti") is no party (``reacting``); nor is a place a distance is
measured from, nor a state something is near or borders (``measured_from``), nor one named
in what did not happen instead (``replaced``), a ship's name after its navy's prefix
(``ship_named``), or the host of a forum a meeting is held beside, save for the forum's own
event (``forum_venues``). ``place_of`` is the place nearest a trigger;
``country_of`` and ``place_country`` give the country of a mention (``tag`` writes it on
each).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import TYPE_CHECKING, Final

from pipeline.nlp.fold import fold
from pipeline.nlp.intsearch import bisect_left, bisect_right
from pipeline.nlp.marks import Mark, Named
from pipeline.nlp.models import Models, word_list

if TYPE_CHECKING:
    from pipeline.nlp.events import Spans

CONTEXT_SENTENCES: Final = 4  # sentences before, in the paragraph, where a missing side is looked
# for
VOYAGE_PARAGRAPHS: Final = 3  # lines back where the ship and date of a voyage whose stops are
# listed


def named_parties(ents: list[Mark], models: Models, named: set[str | None]
                  ) -> tuple[set[str], set[str]]:
    """(extra-regional powers, LAC states) the sentence names. A capital that also names
    other places counts for its country only where the document names that country too
    ("Santiago" in a Dominican story is not Chile); so does every city or port of
    ``places.jsonl`` ("Guayaquil" in a story that names Ecuador)."""
    extra: set[str] = set()
    lac: set[str] = set()
    for ent in ents:
        code = stands_for(ent, models, named)
        if code is not None:
            (lac if models.regions.get(code) == "LAC" else extra).add(code)
    return extra, lac


def sides_of(codes: set[str], regions: dict[str, str]) -> tuple[set[str], set[str]]:
    """(extra-regional powers, LAC states) of a set of states."""
    return {c for c in codes if regions.get(c) != "LAC"}, {c for c in codes if
                                                           regions.get(c) == "LAC"}


def shared_demonyms(ents: list[Mark], text: str, models: Models) -> list[Mark]:
    """A demonym two states share ('Dominican': the Dominican Republic's, and Dominica's in
    English) stands for the one of them the document names by another sign (a name, a
    capital, an institution): 'Dominican officers' in a story of the Commonwealth of Dominica
    Police Force are Dominica's; where the document names both or neither, the demonym's own
    state (``countries.jsonl`` shared_demonyms). So does a state's name that is also a place
    of other states (``shared_names``): "Santa Lucía" in a story of Mexico is its air base,
    "Trinidad" in one of Bolivia its town, not Saint Lucia nor Trinidad and Tobago; and an
    institution's name that several states' institutions bear (``Models.shared_institutions``:
    "la Escuela Naval Militar" in a story of Spain's training ship is Spain's)."""
    institutions = models.shared_institutions
    shared = {k: others for k, e in enumerate(ents) if e.label_ == "COUNTRY"
              and (others := models.shared_demonyms.get(fold(text[e.start_char:e.end_char])))}
    bearers = {k: states for k, e in enumerate(ents) if e.label_ == "INSTITUTION"
               and (states := institutions.get(fold(text[e.start_char:e.end_char])))}
    if not shared and not bearers:
        return ents
    signs = {country_of(e, models) for k, e in enumerate(ents) if k not in shared
             and k not in bearers}
    out = list(ents)
    for k, others in shared.items():
        hit = ({ents[k].kb_id_} | others) & signs
        if len(hit) == 1:
            out[k] = ents[k]._replace(kb_id_=hit.pop())
    for k, states in bearers.items():  # "la Escuela Naval Militar" in a story of Spain's
        hit = set(states) & signs  # training ship: Spain's, not Argentina's
        if len(hit) == 1:
            out[k] = ents[k]._replace(kb_id_=states[hit.pop()])
    return out


def place_country(ent: Mark, models: Models, named: set[str | None]) -> str | None:
    """The country a place stands for in a document (a capital, unless it also names
    other places; a city of a country the document names), else None."""
    return stands_for(ent, models, named)


def named_only(ents: Sequence[Mark], models: Models, named: set[str | None],
               where: Callable[[Mark], bool]) -> set[str]:
    """The states a sentence names only in mentions ``where`` holds of (the port reached
    after a list of stops, what did not happen instead, a forum's venue): a state it also
    names elsewhere stays a side."""
    there: set[str] = set()
    elsewhere: set[str] = set()
    for e in ents:
        code = stands_for(e, models, named)
        if code is not None:
            (there if where(e) else elsewhere).add(code)
    return there - elsewhere


def with_places(named: set[str | None], ents: Sequence[Mark], models: Models) -> Named:
    """The states a document names, and those its places point to together: a state that
    two or more of its place names (cities, ports, capitals) may stand for, where they
    outnumber those of every state the document names that holds one of them ("Santiago",
    "Concepción", "Los Ángeles" and "Curicó" in a story of a US field hospital: Chile, though
    the story never says "Chile"; "Punta Arenas" and "Valparaíso" in a story of a Spanish
    training ship told from Montevideo; not "Esmeraldas" and "Moreno" in a story of Quito and
    Guayaquil). ``support`` counts, for each state, the place names that may stand for it: a
    city a power and a LAC state both hold stands for the one the others support most
    (``stands_for``)."""
    holders: dict[str, set[str]] = {}
    for e in ents:
        if e.label_ != "LOCATION":
            continue
        if e.kb_id_ in models.places:
            holders[e.kb_id_] = set(models.places[e.kb_id_])
        elif (code := country_of(e, models)) is not None:
            holders[e.kb_id_] = {code}
    out = Named(named)
    out.support = {}
    for states in holders.values():
        for code in states:
            out.support[code] = out.support.get(code, 0) + 1
    for code in set(out.support) - named:
        rivals = {n for states in holders.values() if code in states for n in states
                  if n != code and n in named}  # (named states that hold its places too)
        if out.support[code] > 1 and out.support[code] > max(
                (out.support.get(n, 0) for n in rivals), default=0):
            out.add(code)
    return out


def stands_for(ent: Mark, models: Models, named: set[str | None]) -> str | None:
    """The country an entity stands for in this document (None when unsure): a city of
    ``places.jsonl`` stands for the one of its countries the document names (of a power and
    a LAC state, the one its other place names support most, ``with_places``), or for its one
    LAC country where the document names no other LAC state (``_rivals``)."""
    code = country_of(ent, models)
    if ent.label_ == "LOCATION" and ent.kb_id_ in models.places:
        # a city or port counts for a country the document names
        countries = models.places[ent.kb_id_]
        held = [c for c in countries if c in named]
        support = getattr(named, "support", {})
        if len({models.regions.get(c) == "LAC" for c in held}) > 1:  # (a power's and a
            held.sort(key=lambda c: -support.get(c, 0))  # LAC state's: the places decide)
        code = held[0] if held else None
        if code is None and len(countries) == 1 and not _rivals(countries[0], models, named):
            code = countries[0]  # (the document names no other state of its region)
    if code is None or (ent.label_ == "LOCATION" and code not in named
                        and ent.kb_id_ in models.ambiguous_places):
        return None
    return code


CITY_REGIONS: Final = frozenset({"LAC"})  # where a city names its state with no rival named


def _rivals(code: str, models: Models, named: set[str | None]) -> bool:
    """A city of ``code`` stands for it alone unless the document names another state of
    its region ("Rio de Janeiro" in a story of a US carrier names Brazil; "Santos" in a story
    of Colombia's president is no Brazilian port), or ``code`` is outside ``CITY_REGIONS``
    (a power's city said alone is as often a surname: "Austin")."""
    region = models.regions.get(code)
    if region not in CITY_REGIONS:
        return True
    return any(n != code and models.regions.get(n) == region for n in named if n)


def country_of(ent: Mark, models: Models) -> str | None:
    """The country an entity names: a country itself, or an institution's or capital's."""
    if ent.label_ == "COUNTRY":
        return ent.kb_id_
    return models.entity_countries.get((ent.label_, ent.kb_id_))


def side_context(index: int, sentences: list[Mark], parties: list[tuple[set[str], set[str]]],
                 paragraph: list[int], headline: int | None,
                 named_in: dict[int, list[int]] | None = None,
                 home: str | None = None, crews: dict[int, set[str]] | None = None,
                 regions: dict[str, str] | None = None, persons: set[str] | None = None,
                 power: str | None = None) -> list[tuple[set[str], set[str]]]:
    """Where a missing side is looked for, nearest first: the states of the persons the
    sentence names (``persons``, of ``state_sentences``: "Venezuelan Vice Minister X" ... "X
    met"), then the sentences before that name a
    person the sentence names ("Taiana", "el ministro Jorge Taiana"), then the sentences
    before in the paragraph, then earlier paragraphs, then the headline, then the sentences
    after that name such a person ("Taiana ... la Argentina"). An earlier paragraph's LAC
    states stand aside for the story's ``home`` state (``home_state``) when they do not
    include it. A sentence naming the person with a ship ("Cmdr. Matthew Brown, Mohawk's
    commanding officer") lends the ship's state too (``crews``: sentence -> states of the
    ships it names, with their ``regions``). (The list ends once
    it holds a power and a LAC state: ``fill_sides`` reads nothing after them. Paragraph numbers
    never decrease before ``index``.)"""
    first = bisect_left(paragraph, paragraph[index], 0, index)  # the paragraph's first
    linked = (named_in or {}).get(index, [])
    order = chain((j for j in reversed(linked) if j < index),
                  range(index - 1, max(first, index - CONTEXT_SENTENCES) - 1, -1),
                  range(first - 1, -1, -1), () if headline is None else (headline,),
                  (j for j in linked if j > index))
    context: list[tuple[set[str], set[str]]] = []
    extra = lac = False
    if persons and regions is not None:  # the states of the persons it names, first
        context.append(sides_of(persons, regions))
        extra, lac = bool(context[0][0]), bool(context[0][1])
    for j in order:
        if j == index:
            continue
        if crews and regions is not None and j in crews and j in linked:
            crew = sides_of(crews[j], regions)  # (the person is of the ship's crew)
            context.append((parties[j][0] | crew[0], parties[j][1] | crew[1]))
        elif home is not None and j < first and parties[j][1] and home not in parties[j][1]:
            # a LAC state an earlier paragraph names in passing ("medical officers from
            # Germany, the Netherlands and Colombia" in a story of a ship's stay in Guyana)
            # is not the side of a sentence that names none: the story's own state is
            context.append((parties[j][0], {home}))
        elif power is not None and j < first and parties[j][0] and power not in parties[j][0]:
            # a power an earlier paragraph names in passing ("el bloqueo ... impuesto por
            # Estados Unidos" in a story of a Chinese delegation in Havana) is not the side
            # of a sentence that names none: the story's own power is
            context.append(({power}, parties[j][1]))
        else:
            context.append(parties[j])
        extra, lac = extra or bool(parties[j][0]), lac or bool(parties[j][1])
        if extra and lac:
            break
    return context


def home_state(parties: list[tuple[set[str], set[str]]], headline: int | None,
               lead: int | None, side: int = 1) -> str | None:
    """The LAC state a story is about: the one LAC state its headline names, else the one
    its lead sentence names (None when they name none or several); with ``side`` 0, the
    power it is about, the same way."""
    for j in (headline, lead):
        if j is not None and parties[j][side]:
            return next(iter(parties[j][side])) if len(parties[j][side]) == 1 else None
    return None


SURNAME_MIN: Final = 4  # letters a surname needs to be looked for on its own


def surname_of(person: Mark) -> str | None:
    """The last word of a person's name, when it is one to look for on its own (``surname``)."""
    return surname(person.kb_id_)


def surname(name: str) -> str | None:
    """The last word of a name, when it is one to look for on its own ("Taiana",
    "Hegseth"): capitalised and at least ``SURNAME_MIN`` letters long (not "Li", "da")."""
    last = name.split()[-1]
    return last if len(last) >= SURNAME_MIN and last[:1].isupper() else None


def person_sentences(text: str, sentences: list[Mark], persons: list[Mark]
                     ) -> dict[int, list[int]]:
    """Sentence -> the other sentences (in text order) that name a person it names: a person
    is named by the name a title introduces ("Defense Minister Jorge Taiana") or by its last
    word alone later ("Taiana arrived")."""
    if not persons:
        return {}
    starts = [s.start_char for s in sentences]
    surnames = {w for p in persons if (w := surname_of(p))}
    by_name: dict[str, set[int]] = {}
    if not surnames:
        return {}
    for name in surnames:
        for start in _whole_word(text, name):
            at = bisect_right(starts, start) - 1
            if 0 <= at and start < sentences[at].end_char:
                by_name.setdefault(name, set()).add(at)
    linked: dict[int, set[int]] = {}
    for where in by_name.values():
        if len(where) < 2:
            continue
        for i in where:
            linked.setdefault(i, set()).update(where - {i})
    return {i: sorted(js) for i, js in linked.items()}


TITLE_GAP: Final = 5  # tokens between a title and the name it introduces ("Secretary of Defense of
# the United States, Pete Hegseth"), or after the name it follows ("Hegseth, secretario de Defensa")


def defence_people(text: str, sentences: list[Mark], persons: list[Mark], titles: list[Mark],
                   defence: list[Mark], ranks: Sequence[str]) -> dict[int, list[int]]:
    """Sentences that name a person introduced with a defence title: an officer's rank
    ("Adm. Alvin Holsey") or a title holding a defence word ("Secretary of Defense Pete
    Hegseth", "ministro de Defensa"), by the whole name or by its last word alone later
    ("Hegseth arrived in Panama City"): the person is a defence actor wherever named. Each
    such sentence -> where (characters) it names them."""
    def defence_title(t: Mark) -> bool:
        return t.label_ in ranks or any(t.start <= m.start and m.end <= t.end for m in defence)

    surnames = set()
    # (the titles in order of their start: a person's are looked for only from the widest
    # title and TITLE_GAP before it to just after it, not among every title of a long text)
    ordered = sorted(titles, key=lambda t: t.start)
    title_starts = [t.start for t in ordered]
    widest = max((t.end - t.start for t in ordered), default=0)
    for p in persons:
        near = ordered[bisect_left(title_starts, p.start - TITLE_GAP - widest):
                       bisect_right(title_starts, p.end + 1)]
        if any((0 <= p.start - t.end <= TITLE_GAP or 0 <= t.start - p.end <= 1)
               and defence_title(t) for t in near):
            if name := surname_of(p):
                surnames.add(name)
    starts = [s.start_char for s in sentences]
    out: dict[int, list[int]] = {}
    for name in surnames:
        for start in _whole_word(text, name):
            at = bisect_right(starts, start) - 1
            if 0 <= at and start < sentences[at].end_char:
                out.setdefault(at, []).append(start)
    return out


PERSON_REACH: Final = 12  # tokens around a person's name read for the state its title names
TITLE_GLUE: Final = frozenset("of for de del da do dos das para the el la los las o os a as 's ’s"
                              .split())
TITLE_MODIFIERS: Final = 3  # capitalised words inside a chain of titles ("Vice", "Education")
APPOSITION_LEAD: Final = 2  # words of an apposition before its title ("commanding general")
CLOSERS: Final = frozenset({",", ".", ";", ":", "(", ")", "—", "–"})


def person_states(text: str, persons: list[Mark], ents: list[Mark], titles: list[Mark],
                  starts: list[int], ends: list[int], models: Models) -> dict[str, str]:
    """Person name -> the state its title names, where it names one: a country, demonym
    or institution in the chain of titles before the name ("Venezuelan Vice Minister X",
    "Peruvian Navy Rear Adm. X", "el ministro de Defensa de Chile, X", "o comandante da
    Marinha do Brasil, almirante X") or in an apposition after it that holds a title ("X,
    commanding general of U.S. Army South", "X, Chile's defense minister"). A name read with
    two states has none; so has a name whose words read two."""
    title_at = {k for t in titles for k in range(t.start, t.end)}
    ent_at = {k: e for e in ents for k in range(e.start, e.end)}
    states: dict[str, set[str]] = {}
    for p in persons:
        codes = _title_before(p, text, title_at, ent_at, starts, ends, models) | \
            _title_after(p, text, title_at, ent_at, starts, ends, models, persons)
        if codes:
            states.setdefault(p.kb_id_, set()).update(codes)
    return {name: next(iter(c)) for name, c in states.items() if len(c) == 1}


def _title_before(p: Mark, text: str, title_at: set[int], ent_at: dict[int, Mark],
                  starts: list[int], ends: list[int], models: Models) -> set[str]:
    found: set[str] = set()
    pending: set[str] = set()  # named after a comma: kept once a title stands before them
    guard = False
    modifiers = 0
    k = p.start - 1
    while k >= 0 and p.start - k <= PERSON_REACH:
        e = ent_at.get(k)
        if e is not None:
            if e.label_ == "LOCATION" or e.end > p.start:
                break
            code = country_of(e, models)
            if code is not None:
                (pending if guard else found).add(code)
            k = e.start - 1
            continue
        word = text[starts[k]:ends[k]]
        if k in title_at:
            found |= pending
            pending, guard, modifiers = set(), False, 0
        elif word == ",":
            guard = True
        elif fold(word) in TITLE_GLUE:
            pass
        elif word[:1].isupper() and word.isalpha() and modifiers < TITLE_MODIFIERS:
            modifiers += 1  # ("Vice", "Rear", "of Defense for Education")
        else:
            break
        k -= 1
    return found


def _title_after(p: Mark, text: str, title_at: set[int], ent_at: dict[int, Mark],
                 starts: list[int], ends: list[int], models: Models, persons: list[Mark]
                 ) -> set[str]:
    k = p.end
    if k >= len(starts) or text[starts[k]:ends[k]] != ",":
        return set()
    k += 1
    found: set[str] = set()
    titled = False
    lead = 0
    while k < len(starts) and k - p.end <= PERSON_REACH:
        e = ent_at.get(k)
        if e is not None:
            if e.label_ == "LOCATION":
                break
            code = country_of(e, models)
            if code is not None:
                found.add(code)
            k = e.end
            continue
        word = text[starts[k]:ends[k]]
        if k in title_at:
            titled = True
        elif word in CLOSERS:
            break
        elif fold(word) in TITLE_GLUE:
            pass
        elif not titled and lead < APPOSITION_LEAD and word.isalpha() and (
                k + 1 in title_at or k + 2 in title_at and lead == 0 and
                text[starts[k + 1]:ends[k + 1]].isalpha() and
                fold(text[starts[k + 1]:ends[k + 1]]) not in TITLE_GLUE):
            lead += 1  # words that qualify the title right after them ("commanding
            # general"), not a verb before an object ("met the commander of")
        else:
            break
        k += 1
    if any(p.end < q.start <= k for q in persons):
        return set()  # another person in the words read: a list of persons, no apposition
    return found if titled else set()


def state_sentences(text: str, sentences: list[Mark], persons: list[Mark],
                    states: dict[str, str]) -> dict[int, set[str]]:
    """Sentence -> the states of the persons it names, in full or by surname (``states``
    of ``person_states``): "Vladimir Padrino ... Padrino recibió a la delegación"."""
    if not states:
        return {}
    starts = [s.start_char for s in sentences]
    out: dict[int, set[str]] = {}
    by_word: dict[str, set[str]] = {}
    for name, code in states.items():
        last = surname(name)
        for w in {name, last} if last else {name}:
            by_word.setdefault(w, set()).add(code)
    for word, codes in by_word.items():
        if len(codes) > 1:
            continue
        for start in _whole_word(text, word):
            at = bisect_right(starts, start) - 1
            if 0 <= at and start < sentences[at].end_char:
                out.setdefault(at, set()).update(codes)
    return out


def _whole_word(text: str, word: str) -> Iterator[int]:
    """Where ``word`` stands in ``text`` as a word of its own (str.find: a fast scan)."""
    at, size = text.find(word), len(word)
    while at >= 0:
        end = at + size
        if (at == 0 or not text[at - 1].isalnum() and text[at - 1] != "_") and (
                end == len(text) or not text[end].isalnum() and text[end] != "_"):
            yield at
        at = text.find(word, at + 1)


def fill_sides(own: tuple[set[str], set[str]], context: list[tuple[set[str], set[str]]],
               home: str | None = None, power: str | None = None
               ) -> tuple[tuple[set[str], set[str]] | None, bool]:
    """The sentence's own sides, a missing one taken from the first ``context`` entry that
    has it (None when a side stays missing); and whether the own sides lacked one. A LAC
    side taken from an entry that lists several LAC states among them the story's ``home``
    (``home_state``) is the home state alone: "escalas em Montevidéu, Buenos Aires e Rio"
    before "a tripulação recebeu autoridades" in a Brazilian ship's story is Brazil's. So is
    an outside side taken from an entry naming several powers among them the story's own
    (``power``): "Leaving Japan, the squadron called at Pearl Harbor and San Diego in the
    United States" before "the ships visited Cartagena" in a Japanese squadron's story."""
    extra, lac = set(own[0]), set(own[1])
    from_context = not (extra and lac)
    for e, la in context:
        if extra and lac:
            break
        if not extra and e:
            extra = {power} if power is not None and len(e) > 1 and power in e else set(e)
        if not lac and la:
            lac = {home} if home is not None and len(la) > 1 and home in la else set(la)
    if not extra or not lac:
        return None, from_context
    return (extra, lac), from_context


def per_state(split: bool, lac: set[str], own_lac: set[str], ents: list[Mark],
              cues: list[Mark], models: Models, named: set[str | None], norms: list[str]
              ) -> list[tuple[set[str], tuple[int, int] | None]]:
    """With ``split``, one party set per LAC state for a port call or a visit naming
    several ("calls at Santos and Callao", "a tour of Belize, Guatemala and Honduras"),
    each with where the sentence names it; a state named as where the ship came from
    ("after Grenada", "procedente de Cuba") is no port, unless the sentence tells its stay
    there ("procedente de Puerto España, donde permaneció del 15 al 21": ``_told_there``).
    Other types keep all their parties in one event."""
    if not split or len(lac) < 2 or lac != own_lac:
        return [(lac, None)]
    starts = {c.end for c in cues if c.label_ in ("origin", "departure")}
    where: dict[str, tuple[int, int]] = {}
    origins = set()
    there = models.place_relative_words
    for e in ents:
        code = stands_for(e, models, named)
        if code in lac:
            where.setdefault(code, (e.start_char, e.end_char))
            if e.start in starts and not _told_there(e, ents, norms, there):
                origins.add(code)
    ports = sorted(lac - origins) or sorted(lac)
    return [({code}, where.get(code)) for code in ports]


DESTINATION_GAP: Final = 3  # words between "heading" and the place ("heading north to Boston")


def destinations(ents: list[Mark], cues: list[Mark], norms: list[str], models: Models,
                 named: set[str | None], kinds: tuple[str, ...] = ("destination", "onward"),
                 places_only: bool = False) -> set[str]:
    """The states a sentence names only as where a ship or delegation goes next ("before
    heading north to Boston", "rumbo a Cuba", "com destino ao Brasil", "antes de embarcar
    para Buenos Aires"), after a cue of one of ``kinds``, with the country named in
    apposition to that place ("rumbo a Valparaíso, en Chile"): no side of the call it tells
    (a state it also names otherwise stays); after a stop passed on the way ("transit"),
    every state the list of stops goes on to name ("escalas técnicas en Portugal, Cabo Verde
    y Brasil"). With ``places_only``, only a town, port or base right after the cue counts,
    with its state in apposition (``came_from``)."""
    ends = [c.end for c in cues if c.label_ in kinds]
    if not ends:
        return set()
    going: set[str] = set()
    other: set[str] = set()
    last = None  # where the town gone to ends: its state in apposition goes too
    listed = None  # where the latest stop passed on the way ends: a list goes on from it
    for e in ents:
        code = stands_for(e, models, named)
        if code is None:
            continue
        gap = next((end for end in ends if 0 <= e.start - end <= (
            SITE_GAP if places_only else DESTINATION_GAP) and all(
            n.isalpha() and n.islower() for n in norms[end:e.start])), None)
        after = gap is not None and (not places_only or e.start - gap <= DESTINATION_GAP
                                     or any(n in SITE_WORDS for n in norms[gap:e.start]))
        after = after or (last is not None and e.label_ == "COUNTRY" and _apposed(
            norms[last:e.start]))  # "rumbo a Valparaíso, en Chile"
        after = after or (listed is not None and 0 < e.start - listed <= LIST_LINK_REACH and all(
            n in LIST_LINKS for n in norms[listed:e.start]))  # "escalas técnicas
        # en Portugal, Cabo Verde y Brasil": every stop the list names was passed
        place = after and (e.label_ in ("LOCATION", "COUNTRY") if not places_only
                           or last is not None else _site(e, norms, gap))
        (going if place else other).add(code)
        last = e.end if place and e.label_ != "COUNTRY" else None  # (a list of states
        # names no state in apposition: "to Grenada, Dominica and Antigua")
        listed = e.end if place and "transit" in kinds else None
    return going - other


SITE_WORDS: Final = frozenset({"base", "bases", "station", "airport", "airfield", "aeropuerto",
                               "aeroporto", "aerodromo", "estacion", "estacao"})  # (folded)


SITE_GAP: Final = 5  # words from "from" to a base's name ("desde la base aérea de Soto Cano")


def _site(e: Mark, norms: list[str], gap: int | None) -> bool:
    """A town, port or base: a place, or an institution that is a site ("Soto Cano Air
    Base", "Naval Station Mayport", "la base aérea de Soto Cano"), not a force ("the Guyana
    Defence Force")."""
    return e.label_ == "LOCATION" or e.label_ == "INSTITUTION" and any(
        n in SITE_WORDS for n in norms[e.start if gap is None else gap:e.end])


def came_from(ents: list[Mark], cues: list[Mark], norms: list[str], models: Models,
              named: set[str | None]) -> set[str]:
    """The states a sentence names only as the town, port or base a flight or voyage set
    out from ("flew from Soto Cano Air Base, Honduras, ... and reached Guantanamo Bay",
    "procedente de Puerto España", "partiu de Natal"): where it came from is no side of
    what it does where it arrives (a state named by its own name after the cue, "troops
    from Colombia", is who came, and stays; so does a place where the sentence tells what
    happened there, "procedente de La Habana, donde permaneció")."""
    came = destinations(ents, cues, norms, models, named, ("origin", "departure"), True)
    there = models.place_relative_words
    for e in ents:
        if came and _told_there(e, ents, norms, there):
            came.discard(stands_for(e, models, named))  # (its stay is told: "where")
    return came


def gone_to(ents: list[Mark], cues: list[Mark], norms: list[str], models: Models,
            named: set[str | None], kinds: tuple[str, ...] = ("destination", "onward")
            ) -> set[str]:
    """The states a sentence names only as where a ship goes next (``destinations``), but
    not a place where the sentence tells what happens there ("se dirigirá a Guayaquil, en
    Ecuador, donde tiene previsto permanecer del 21 al 24 de mayo", "will sail to Guayaquil,
    where she is due to stay"): the stay told there is the call, at that place, as a place
    come from whose stay is told is (``came_from``)."""
    going = destinations(ents, cues, norms, models, named, kinds)
    there = models.place_relative_words
    for e in ents:
        if going and _told_there(e, ents, norms, there):
            going.discard(stands_for(e, models, named))
    return going


TOLD_THERE: Final = 3  # words after a place to the "where" that tells what happened there


def _told_there(e: Mark, ents: Sequence[Mark], norms: list[str], there: frozenset[str]) -> bool:
    """A place the sentence tells what happened at ("Salvador de Bahía (Brasil), donde",
    "La Habana, donde permaneció"): after it, or after its state in apposition, a "where"."""
    ends = [e.end, *(f.end for f in ents if f.label_ == "COUNTRY"
                      and 0 <= f.start - e.end <= 2)]
    return any(w in there for end in ends for w in norms[end:end + TOLD_THERE])


INSTEAD: Final = "instead"  # the cue kind of what did not happen in place of what is told
REPLACE: Final = "cue.replace"  # an instead cue of what the goods told replace ("to replace")
REPLACED_BY: Final = frozenset("with by por con com pelo pela pelos pelas".split())  # what replaces
INSTEAD_REACH: Final = 8  # words from "in place of" to a state named in what did not happen
LIST_LINKS: Final = frozenset(", and y e or o ou por pelo pela".split())  # what joins the states
# of a list (its preposition said again: "pelo México, por Barbados e por Granada")
LIST_LINK_REACH: Final = 2  # words between two states of one list (", and")


def replaced(ents: list[Mark], cues: list[Mark], norms: list[str], models: Models,
             named: set[str | None]) -> set[str]:
    """The states a sentence names only in what did not happen in place of what it tells
    ("reaching Roseau on October 12 in place of a planned appearance at the Chilean Navy's
    celebrations", "atracó en Cartagena en lugar de Santa Marta", "em vez de seguir para a
    Argentina"): within ``INSTEAD_REACH`` words after an ``INSTEAD`` cue, no punctuation
    between; no side of what the sentence tells (a state it also names otherwise stays). So
    is the maker of what the goods told replace ("para substituir os FAL belgas", ``REPLACE``),
    up to the word that names what replaces it ("replace ... with", ``REPLACED_BY``)."""
    ends = [(c.end, c.kb_id_ == REPLACE) for c in cues if c.label_ == INSTEAD]
    if not ends:
        return set()
    inside: set[int] = set()  # (the positions of the mentions in that phrase)
    last = None  # where the phrase's latest mention ends
    for e in sorted(ents, key=lambda m: m.start):
        if any(0 <= e.start - end <= INSTEAD_REACH and all(
                n[:1].isalnum() and not (new and n in REPLACED_BY)
                for n in norms[end:e.start]) for end, new in ends) or (
                last is not None and 0 <= e.start - last <= LIST_LINK_REACH and all(
                    n in LIST_LINKS for n in norms[last:e.start])):
            inside.add(e.start)  # (its list goes on: "competition against trainer
            last = e.end  # aircraft from Brazil, Switzerland and Europe")
    return named_only(ents, models, named, lambda e: e.start in inside)


RIVAL: Final = "rival"  # the cue kind of the rivals a selection or a sale beat
RIVAL_REACH: Final = 25  # words from "beat" to the last rival's state its clause names


def rivals(ents: list[Mark], cues: list[Mark], norms: list[str], models: Models,
           named: set[str | None]) -> set[str]:
    """The outside powers a sentence names only among the rivals of what it tells ("the
    Gripen NG ... venceu a disputa com o Rafale, da francesa Dassault, e o F/A-18, da
    americana Boeing", "superó a la oferta china"): after a ``RIVAL`` cue, within
    ``RIVAL_REACH`` words and no semicolon between (a list of rival products with their
    makers' appositions runs over commas). A LAC state there stays (the buyer may be named
    after the verb: "beat Brazil's Embraer to the Peruvian order" names Peru's deal), as does a
    power the sentence also names before the cue."""
    ends = [c.end for c in cues if c.label_ == RIVAL]
    if not ends:
        return set()
    regions = models.regions

    def among(e: Mark) -> bool:
        return any(0 <= e.start - end <= RIVAL_REACH and ";" not in norms[end:e.start]
                   for end in ends)

    return {c for c in named_only(ents, models, named, among) if regions.get(c) != "LAC"}


APPOSITION: Final = frozenset("in en em no na the el la".split())  # "Valparaíso, en Chile"


def _apposed(words: list[str]) -> bool:
    """The words between a place and a country name the country in apposition to it: a
    comma, then at most a preposition and an article ("Manzanillo, Mexico", "Valparaíso, en
    Chile", "Valparaíso, no Chile", "Santo Domingo, en la República Dominicana")."""
    return bool(words) and words[0] == "," and len(words) <= 3 and all(
        w in APPOSITION for w in words[1:])


STOP_GLUE: Final = frozenset("and y e as well several other ports port puertos puerto portos porto "
                             "cities ciudades cidades the a an o os as el la los las at in of to "
                             "en em de del do da dos das na no nas nos por pelo "
                             "pela".split())  # words inside a list
STOP_LEAD: Final = 4  # words from a call to its first stop ("escalas da missão estiveram a ...")
STOP_SEPARATORS: Final = frozenset({",", ";"})  # "Kingston, Jamaica; La Habana, Cuba; ..."
UNKNOWN_ITEM: Final = 3  # words of a stop the gazetteer does not know, inside a list
LIST_AND: Final = frozenset({"and", "y", "e"})
# what a count before a colon may say ("22 puertos de 15 países:", "five ports in three countries:")
COUNTED: Final = frozenset("paises countries nations naciones nacoes".split())
STOP_TRIGGERS: Final = frozenset({"port_call_n", "visit_v", "arrive"})


Span = tuple[int, int]  # where a text names something (character offsets)


@dataclass(frozen=True)
class Stops:
    """The stops a call lists (``listed_stops``): the states of the list, its LAC and its
    outside stops with where the list names each, and where the list opens."""

    codes: frozenset[str]
    lac_stops: tuple[tuple[str, Span], ...]
    far_stops: tuple[tuple[str, Span], ...]
    opens_at: int
    closes_at: int

    def outside(self, own: tuple[set[str], set[str]], ship: str | None, models: Models,
                reached: frozenset[str] = frozenset()
                ) -> tuple[tuple[set[str], set[str]], bool]:
        """The parties outside the list (who called: the sentence's own, else the ship
        named before), and whether that caller is a LAC state whose ship called abroad.
        With a LAC stop the visitors are the outside powers (third countries on the route,
        "Australia", are no call of the story); with outside stops only, the LAC state that
        sent the ship, unless that state is only where the ship arrives after the list
        (``reached``: "After stops in Fiji and Tonga, the ship reached Venezuela": ports
        passed on the way, the visitor told elsewhere)."""
        extra, lac = own[0] - self.codes, own[1] - self.codes
        if ship and not extra and not lac:
            (lac if models.regions.get(ship) == "LAC" else extra).add(ship)
        abroad = bool(self.far_stops) and not extra and (bool(lac) or not self.lac_stops) \
            and not (lac and lac <= reached)
        if abroad:  # a LAC ship's calls abroad: the list is the far side
            return ({c for c, _ in self.far_stops}, lac), True
        return (extra, lac | {c for c, _ in self.lac_stops}), False  # the powers outside

    def ports(self, lac: set[str]) -> list[tuple[tuple[set[str], set[str]], Span | None]]:
        """One (visitors, port) per stop abroad of a LAC ship (``outside`` said abroad)."""
        return [(({c}, lac), w) for c, w in self.far_stops]


def _unknown_item(raw: list[str]) -> bool:
    """Between two stops, stops of their own the gazetteer does not know ("; Nueva York,
    Estados Unidos", "; Bordeaux, Saint-Malo y Dunkerque, Francia"): between separators,
    items of a few words each, joined by nothing but "and" ("; antes de cruzar a Nueva
    York" or "; luego visitará Cartagena" are no stop)."""
    if len(raw) < 3 or raw[0] not in STOP_SEPARATORS or raw[-1] not in STOP_SEPARATORS:
        return False
    words = 0  # of the item being read
    for n in raw:
        if n in STOP_SEPARATORS or n in LIST_AND:
            words = 0
        elif not (n == "-" or n.replace("-", "").isalpha()) \
                or (words := words + 1) > UNKNOWN_ITEM:
            return False
    return True


def _counted(gap: list[str]) -> bool:
    """The words between a call and its list are a count closed by a colon ("visitará 22
    puertos de 15 países: Kingston, ...", "will call at five ports in three countries:")."""
    return len(gap) > 1 and gap[-1] == ":" and all(
        n.isdigit() or n in STOP_GLUE or n in COUNTED for n in gap[:-1])


def listed_stops(trigger: Mark, ents: list[Mark], norms: list[str], models: Models,
                 named: set[str | None]) -> Stops | None:
    """The stops a call lists right after it ("its calls at Tokyo, Busan and Shanghai",
    "escalas em portos do Chile e do Peru", "pasaron por Pearl Harbor, Acapulco y el
    Callao"): the places and countries in one run of commas, "and" and articles, opened at
    most ``STOP_LEAD`` words after the trigger. Every state of the list is a stop, an
    outside power as much as a LAC state (a city of ``places.jsonl`` with one country counts
    for it here even where the document does not name that country: it is read as a port).
    None when the call lists fewer than two states and no outside one (the common "arrived at
    Callao" keeps its reading). The list opens at its first place, even one that stands for
    no state sure enough ("recaló en Manzanillo, Callao, Valparaíso ...": Manzanillo is
    Mexican and Cuban), so that place is no port of the call's own before the list."""
    if trigger.label_ not in STOP_TRIGGERS:
        return None
    places = sorted((e for e in ents if (e.label_ == "LOCATION" or e.label_ == "COUNTRY" and
                     " ".join(norms[e.start:e.end]) not in models.demonyms)
                     and e.start >= trigger.end), key=lambda e: e.start)
    listed: list[tuple[str, Span]] = []
    at = trigger.end
    for e in places:
        raw = norms[at:e.start]
        gap = [n for n in raw if n not in STOP_SEPARATORS]
        if listed and any(n not in STOP_GLUE for n in gap) and not _unknown_item(raw):
            break
        if not listed and not _counted(gap) and (len(gap) > STOP_LEAD or any(
                not any(ch.isalnum() for ch in n) for n in gap)):
            break
        code = stands_for(e, models, named)
        if code is None and e.label_ == "LOCATION" and e.kb_id_ not in \
                models.ambiguous_places and len(models.places.get(e.kb_id_, ())) == 1:
            code = models.places[e.kb_id_][0]
        if code is not None and all(code != c for c, _ in listed):
            listed.append((code, (e.start_char, e.end_char)))
        at = e.end
    codes = frozenset(c for c, _ in listed)
    far_stops = tuple((c, w) for c, w in listed if models.regions.get(c) != "LAC")
    if len(codes) < 2 and not far_stops:
        return None
    # (a list read at all has read its first place: the run opens there, whatever it stands
    # for)
    return Stops(codes, tuple((c, w) for c, w in listed if models.regions.get(c) == "LAC"),
                 far_stops, places[0].start_char, listed[-1][1][1])


def reached_after(stops: Stops, triggers: Sequence[Mark], ents: list[Mark], models: Models,
                  named: set[str | None], flags: set[str | None] | frozenset[str] = frozenset()
                  ) -> frozenset[str]:
    """The LAC states a sentence names only as the port an arrival reaches after its list
    of stops closes ("After stops in Papua New Guinea and Fiji, the ship reached Venezuela",
    "Tras hacer escala en Fiyi y Tonga, atracó en La Guaira", "Depois de escalas em Fiji,
    chegou à Venezuela"): a place at most ``STOP_LEAD`` words after such an arrival's verb,
    named nowhere else in the sentence nor as the ship's flag (``flags``: "el buque escuela
    de la Armada de Chile llegó a Valparaíso" after its stops abroad is a LAC ship home)."""
    reached = named_only(ents, models, named, lambda e: e.label_ in ("LOCATION", "COUNTRY")
                         and e.start_char >= stops.closes_at
                         and any(t.start_char >= stops.closes_at
                                 and 0 <= e.start - t.end <= STOP_LEAD for t in triggers))
    return frozenset(c for c in reached if models.regions.get(c) == "LAC") - set(flags)


def ship_before(index: int, spans: list[Spans], paragraph: list[int], models: Models,
                headline: int | None = None) -> str | None:
    """The country of the last ship named by name in the sentences before (this paragraph
    and the ``VOYAGE_PARAGRAPHS`` before): whose calls a list of stops tells; failing that,
    the document's register of ships named before or in its headline, when they are all of
    one state (the training ship a cruise story names in its lead or its title, "el velero"
    by the list of its ports)."""
    for j in range(index - 1, max(-1, index - 1 - 2 * CONTEXT_SENTENCES), -1):
        if paragraph[index] - paragraph[j] > VOYAGE_PARAGRAPHS:
            break
        for e in reversed(spans[j].ents):
            if e.label_ == "INSTITUTION" and models.institution_kinds.get(e.kb_id_) == "ship":
                return country_of(e, models)
    told = [*range(index), *([headline] if headline is not None and headline > index else [])]
    register = {country_of(e, models) for j in told for e in spans[j].ents
                if e.label_ == "INSTITUTION" and models.institution_kinds.get(e.kb_id_) == "ship"}
    return next(iter(register)) if len(register) == 1 else None


HOME_REACH: Final = 6  # tokens from an arrival to the port it names
QUOTES: Final = frozenset('"“”«»\'‘’')
QUOTE_OPENERS: Final = frozenset('"“«')  # what may stand between a prefix and its ship's name


def _prefixes_ship(k: int, limit: int, text: str, starts: list[int], ends: list[int],
                   models: Models) -> str | None:
    """The state whose navy's prefix token ``k`` is, when a capitalised name follows it
    before token ``limit`` ("HMS Medway", 'el ARC "Almirante Padilla"'), else None."""
    code = models.ship_prefixes.get(text[starts[k]:ends[k]])
    name = k + 1
    if code is None and models.spaced_prefixes:  # "Coast Guard Cutter"
        m = models.ship_prefix_pattern.match(text, starts[k])
        if m is None or " " not in m.group():
            return None
        code = models.ship_prefixes[m.group()]
        name = bisect_left(starts, m.end(), k, limit)
    if code is None:
        return None
    while name < limit and text[starts[name]:ends[name]] in QUOTES:
        name += 1
    word = text[starts[name]:ends[name]] if name < limit else ""
    if f"{text[starts[k]:ends[name - 1]]} {word}" in models.named_like_prefix:
        return None  # "BAE Systems": a company whose name opens with a navy's prefix
    return code if word[:1].isupper() and not word.isupper() else None


def prefix_state(k: int, limit: int, text: str, starts: list[int], ends: list[int],
                 models: Models) -> str | None:
    """The state whose navy's prefix token ``k`` is, when a capitalised name follows it
    before token ``limit`` ("HMS Medway": GBR), else None."""
    return _prefixes_ship(k, limit, text, starts, ends, models)


def prefix_marks(sent: Mark, text: str, starts: list[int], ends: list[int],
                 models: Models) -> list[Mark]:
    """A ship mark for each navy's prefix of the sentence before a capitalised name ("el USS
    Little Rock arribó", "o HMS Medway atracou", "USCGC Diligence"): a ship named so is a
    ship in every language, whatever words for ships the lexicon lists in it."""
    out: list[Mark] = []
    for m in models.ship_prefix_pattern.finditer(text, sent.start_char, sent.end_char):
        k = bisect_left(starts, m.start(), sent.start, sent.end)
        if k >= sent.end - 1 or starts[k] != m.start():
            continue  # (not the start of a token)
        if _prefixes_ship(k, sent.end, text, starts, ends, models) is not None:
            out.append(Mark(k, k + 1, starts[k], ends[k], "ship", ""))
    return out


def prefixed_ships(sent: Mark, text: str, starts: list[int], ends: list[int],
                   models: Models) -> tuple[set[str], set[str]]:
    """(powers, LAC states) whose ships the sentence names with their navy's prefix ("HMS
    Medway", "o USNS Comfort"): the ship's state is a party of what the sentence tells and,
    as context, of the sentences after it about "the ship" or its crew."""
    extra: set[str] = set()
    lac: set[str] = set()
    if not models.ship_prefixes:
        return extra, lac
    for m in models.ship_prefix_pattern.finditer(text, sent.start_char, sent.end_char):
        k = bisect_left(starts, m.start(), sent.start, sent.end)
        if k >= sent.end - 1 or starts[k] != m.start():
            continue  # (not the start of a token)
        code = _prefixes_ship(k, sent.end, text, starts, ends, models)
        if code is not None:
            (lac if models.regions.get(code) == "LAC" else extra).add(code)
    return extra, lac


NAME_WORDS: Final = 3  # capitalised words at most in a prefixed ship's name ("ARC Almirante
# Padilla")


def ship_names(text: str, starts: list[int], ends: list[int], models: Models
               ) -> dict[str, tuple[str, int]]:
    """The bare names of the ships a text names with their navy's prefix ("HMS Dauntless"
    -> "Dauntless", 'el ARC "Almirante Padilla"' -> "Almirante Padilla"), each with its state
    and where it was first so named: said again alone ("Dauntless berthed in Cartagena",
    "el Almirante Padilla zarpó") the name is that ship."""
    names: dict[str, tuple[str, int]] = {}
    for m in models.ship_prefix_pattern.finditer(text):
        k = bisect_left(starts, m.start())
        if k >= len(starts) - 1 or starts[k] != m.start():
            continue
        code = _prefixes_ship(k, len(starts), text, starts, ends, models)
        if code is None:
            continue
        first = bisect_left(starts, m.end(), k)  # (after "HMS", "Coast Guard Cutter")
        while first < len(starts) and text[starts[first]:ends[first]] in QUOTES:
            first += 1
        last = first
        while last + 1 < min(len(starts), first + NAME_WORDS) and \
                text[starts[last + 1]:starts[last + 1] + 1].isupper() and \
                not text[starts[last + 1]:ends[last + 1]].isupper() and \
                ends[last] == starts[last + 1] - 1:  # (one space between words)
            last += 1
        name = text[starts[first]:ends[last]]
        if len(name) > 2 and name not in names:
            names[name] = (code, starts[first])
    return names


# the words of the ship class that name no one ship before a capitalised word ("the crew
# Monday", "the fleet Commander"): a ship named by its class is told by a vessel's noun
CLASS_NOT_NAMING: Final = frozenset(
    "crew sailors fleet squadron cruise voyage tripulacion marinos flota escuadra travesia "
    "crucero tripulacao marinheiros frota esquadra viagem cruzeiro hull casco".split())
SHIP_CLASSES: Final = ("ship", "hospital_ship")  # the marks of a vessel's noun
CLASS_FLAG_REACH: Final = 6  # tokens before a ship's noun where the state it flies is said


def class_names(sent: Mark, lex: list[Mark], ents: list[Mark], text: str,
                starts: list[int], ends: list[int], models: Models
                ) -> dict[str, tuple[str, int]]:
    """The bare names of the ships a sentence names after a vessel's noun ("the cutter
    Resolute", "the PLA Navy's hospital ship Silk Road Ark", "la fragata rusa Almirante
    Gorshkov", 'o navio-patrulha "Apa"'), each with the one power its sentence says the
    ship is of near the noun (a demonym, a country or a navy within ``CLASS_FLAG_REACH``
    tokens before the noun, or right after it) and where it was so named: said again alone
    ("the Resolute docked", "Silk Road Ark was alongside") the name is that ship, as a name
    first told with its navy's prefix is (``ship_names``). Not a name that is a place, a
    country or an institution the tagger found, nor where no one power or several are said."""
    out: dict[str, tuple[str, int]] = {}
    for m in lex:
        if m.label_ not in SHIP_CLASSES or m.end >= sent.end or \
                fold(text[m.start_char:m.end_char].lower()) in CLASS_NOT_NAMING:
            continue
        first = m.end
        flag = next((e for e in ents if e.start == first and e.label_ == "COUNTRY"), None)
        if flag is not None:  # ("la fragata rusa Almirante Gorshkov")
            first = flag.end
        while first < sent.end and text[starts[first]:ends[first]] in QUOTES:
            first += 1
        word = text[starts[first]:ends[first]] if first < sent.end else ""
        if not word[:1].isupper() or word.isupper() or word in models.ship_prefixes or \
                any(e.start <= first < e.end for e in ents):
            continue
        last = first
        while last + 1 < min(sent.end, first + NAME_WORDS) and \
                text[starts[last + 1]:starts[last + 1] + 1].isupper() and \
                not text[starts[last + 1]:ends[last + 1]].isupper() and \
                ends[last] == starts[last + 1] - 1:
            last += 1
        states = {c for e in ents if (m.start - CLASS_FLAG_REACH <= e.start < m.start
                                      or m.end <= e.start < first)
                  and (c := country_of(e, models)) is not None}
        if len(states) != 1:
            continue
        code = next(iter(states))
        name = text[starts[first]:ends[last]]
        if models.regions.get(code) != "LAC" and len(name) > 2:
            out.setdefault(name, (code, starts[first]))
    return out


def names_by_first(names: dict[str, tuple[str, int]]) -> dict[str, list[tuple[str, str, int]]]:
    """The ships' names of ``ship_names`` by their first character, in their order, each
    with its state and where the text first names it (``bare_names``: a word is tried only
    against the names it may open, and most open none; a name has three characters or
    more: ``ship_names``, ``class_names``)."""
    by_first: dict[str, list[tuple[str, str, int]]] = {}
    for name, (flag, first) in names.items():  # (a few names per text)
        by_first.setdefault(name[:1], []).append((name, flag, first))
    return by_first


def bare_names(sent: Mark, by_first: dict[str, list[tuple[str, str, int]]], text: str,
               starts: list[int], ends: list[int], models: Models
               ) -> list[tuple[int, int, int, str]]:
    """Where the sentence names again, by its bare name, a ship the text named before with
    its navy's prefix (``by_first``, of ``names_by_first``: "USCGC Escanaba ... Escanaba's
    boarding team hosted", "el ARC Victoria ... el Victoria zarpó"): (first token, end
    token, end character, the ship's state) in text order, not the prefixed name itself
    (the prefix may stand before a quote: 'el ARC "Victoria"'). One scan that the ship
    marks, the crews' states and the caller's state all read."""
    out: list[tuple[int, int, int, str]] = []
    if not by_first:
        return out
    for k in range(sent.start, sent.end):
        at = starts[k]
        tried = by_first.get(text[at:at + 1])
        if tried is None:
            continue
        before = k - 1
        while before > sent.start and text[starts[before]:ends[before]] in QUOTE_OPENERS:
            before -= 1
        if before >= sent.start and text[starts[before]:ends[before]] in models.ship_prefixes:
            continue
        for name, flag, first in tried:
            end = at + len(name)
            if first < at and text.startswith(name, at) and not text[end:end + 1].isalnum():
                out.append((k, bisect_left(starts, end, k, sent.end), end, flag))
    return out


def ship_state(trigger: Mark, sent: Mark, ents: list[Mark], text: str, starts: list[int],
               ends: list[int], models: Models,
               bare: Sequence[tuple[int, int, int, str]] = ()) -> str | None:
    """The state of the ship named nearest before the trigger in its sentence: a ship of
    ``institutions.jsonl``, a navy's prefix (``countries.jsonl`` ``ship_prefixes``)
    before a capitalised name ("BAP Guise", 'el ARC "Almirante Tono"', "HMCS Harry
    DeWolf"), or the bare name of a ship the text named before with its prefix (``bare``,
    of ``bare_names``: "HMS Dauntless ... Dauntless berthed in Cartagena")."""
    state: str | None = None
    at = sent.start - 1
    for k, _end, _char, flag in bare:
        if k < trigger.start:
            state, at = flag, k
    for e in ents:
        if e.label_ == "INSTITUTION" and e.end <= trigger.start and e.start > at and \
                models.institution_kinds.get(e.kb_id_) == "ship":
            state, at = country_of(e, models), e.start
    for k in range(at + 1, trigger.start - 1):
        code = _prefixes_ship(k, trigger.start, text, starts, ends, models)
        if code is not None:
            state = code  # (the nearest: later prefixes overwrite)
    return state


def ships_said(bare: list[tuple[int, int, int, str]], ents: list[Mark]) -> set[str]:
    """The states of the ships the sentence names again by their bare name (``bare``, of
    ``bare_names``), not where the name is a place or an institution the tagger found."""
    return {flag for k, _end, _char, flag in bare if not any(e.start <= k < e.end for e in ents)}


def home_coming(trigger: Mark, ents: list[Mark], state: str | None, models: Models) -> bool:
    """A LAC state's ship (``state``, of ``ship_state``) reaching a port of its own state
    ("BAP Guise arrived at Callao", 'se estima que el ARC "Almirante Tono" arribe a
    Cartagena'): it comes home, it makes no port call (a ship bought abroad sailing home is
    a delivery). The port is the place or country named first after the trigger within
    ``HOME_REACH``, failing that the one named last before it ("to Callao, Peru, where she
    docked")."""
    if state is None or models.regions.get(state) != "LAC":
        return False
    places = [e for e in ents if e.label_ in ("LOCATION", "COUNTRY")]
    port = min((e for e in places if 0 <= e.start - trigger.end <= HOME_REACH),
               key=lambda e: e.start, default=None) or max(
        (e for e in places if 0 <= trigger.start - e.end <= HOME_REACH),
        key=lambda e: e.start, default=None)
    return port is not None and (state == country_of(port, models)
                                 or state in models.places.get(port.kb_id_, ()))


STATION_REACH: Final = 8  # tokens from an arrival to the base it names ("arribó el jueves a
# la Base Naval de Guantánamo")


def own_station(trigger: Mark, ents: list[Mark], norms: list[str], state: str | None,
                models: Models) -> bool:
    """A power's ship (``state``, of ``ship_state``) reaching a site of its own state, the
    one named first after the trigger within ``STATION_REACH``: a base of its own abroad
    ("USS Helena arribó el jueves a la Base Naval de Guantánamo", an institution of the
    power with a site word; "chegou à base naval de Guantánamo", a place the power holds,
    ``held_by`` of places.jsonl) or a port at home ("spent several days at the naval
    station in Mayport"). It comes to its own station and calls on no state around it, whatever
    state the sentence names ("contra la voluntad del pueblo cubano")."""
    if state is None or models.regions.get(state) == "LAC":
        return False  # (a LAC state's own port: ``home_coming``)
    sites = [e for e in ents if e.label_ in ("LOCATION", "INSTITUTION")
             and _site(e, norms, None)]  # (a demonym is who, not where)
    port = min((e for e in sites if 0 <= e.start - trigger.end <= STATION_REACH),
               key=lambda e: e.start, default=None)  # (one named before may be where it
    # set out from: "activated in Baltimore after the quake, reached Haitian waters")
    if port is None:
        return False
    if port.label_ == "LOCATION":
        return models.held_by.get(port.kb_id_) == state or (
            port.kb_id_ not in models.ambiguous_places
            and models.places.get(port.kb_id_, ()) == (state,))
    return country_of(port, models) == state


PORT_GLUE: Final = frozenset("the el la los las o os a as".split())  # articles inside a list of
# ports


# what may join two ports each told with its own dates besides an "and" ("en Punta Arenas
# entre el 13 y el 16 de abril y luego en Valparaíso, del 28 de abril al 2 de mayo", "at
# Recife from 2 to 5 May and then at Salvador from 9 to 12 May")
DATED_GLUE: Final = frozenset("then later next afterwards at in luego despues después en depois "
                              "em no na al ao a".split())


def _dated_gap(text: str, start: int, end: int, dated: tuple[tuple[int, int], ...]) -> bool:
    """The text between two ports holds a date of the first and otherwise only an "and" with
    glue: each port told with its own dates."""
    inside = [(a, b) for a, b in dated if start <= a and b <= end]
    if not inside:
        return False
    chars = list(text[start:end])
    for a, b in inside:
        chars[a - start:b - start] = " " * (b - a)
    words = re.findall(r"[^\W\d]+", "".join(chars).lower())
    return 0 < len(words) <= 3 and bool(LIST_AND.intersection(words)) \
        and all(w in LIST_AND or w in PORT_GLUE or w in DATED_GLUE for w in words)


def ports_by_state(trigger: Mark, ents: list[Mark], norms: list[str], models: Models,
                   named: set[str | None], text: str = "",
                   dated: tuple[tuple[int, int], ...] = ()) -> dict[str, list[tuple[str, Span]]]:
    """Ports of one state a call lists side by side right after it ("escalas en Santos y
    Fortaleza", "calls at Salvador and Recife"): a run of places joined by commas and
    articles with an "and", opened at most ``STOP_LEAD`` words after the trigger, two or
    more of them ports of the same state that the sentence names nowhere else. Per state,
    its listed ports (place id, where named); "the Wusong base, in Shanghai" is one place
    (no "and"), "berthed at Santos for sports in Santos and São Paulo" one call."""
    places = sorted((e for e in ents if e.label_ == "LOCATION"), key=lambda e: e.start)
    runs: list[list[Mark]] = []
    joined: list[bool] = []
    for e in places:
        if runs:
            gap = [n for n in norms[runs[-1][-1].end:e.start] if n != ","]
            if len(gap) <= 2 and all(n in LIST_AND or n in PORT_GLUE for n in gap):
                runs[-1].append(e)
                joined[-1] = joined[-1] or bool(LIST_AND.intersection(gap))
                continue
            if text and _dated_gap(text, runs[-1][-1].end_char, e.start_char, dated):
                runs[-1].append(e)  # "Punta Arenas entre el 13 y el 16 de abril y luego en
                joined[-1] = True  # Valparaíso": ports each with its dates
                continue
        runs.append([e])
        joined.append(False)
    found: dict[str, list[tuple[str, Span]]] = {}
    for run, has_and in zip(runs, joined, strict=True):
        lead = norms[trigger.end:run[0].start] if run[0].start >= trigger.end else None
        if not has_and or len(run) < 2 or lead is None or len(lead) > STOP_LEAD:
            continue
        by_state: dict[str, dict[str, Span]] = {}
        for e in run:
            code = stands_for(e, models, named)
            if code is None and e.kb_id_ not in models.ambiguous_places and len(
                    models.places.get(e.kb_id_, ())) == 1:
                code = models.places[e.kb_id_][0]
            if code is not None and e.kb_id_ in models.places:
                by_state.setdefault(code, {}).setdefault(e.kb_id_, (e.start_char, e.end_char))
        for code, ports in by_state.items():
            elsewhere = any(e not in run and (e.kb_id_ in ports or stands_for(
                e, models, named) == code) for e in places)
            if len(ports) > 1 and not elsewhere:  # (every port of that state is in the list)
                found[code] = list(ports.items())
    return found


State = tuple[tuple[set[str], set[str]], Span | None]


def each_port(states: list[State], trigger: Mark, ents: list[Mark], norms: list[str],
              models: Models, named: set[str | None], text: str = "",
              dated: tuple[tuple[int, int], ...] = ()
              ) -> list[tuple[tuple[set[str], set[str], str | None], Span | None]]:
    """The party sets of a port call with, for a state whose ports the sentence lists
    (``ports_by_state``), one set per port (visitors, state, port); else no port."""
    listed = ports_by_state(trigger, ents, norms, models, named, text, dated)
    out: list[tuple[tuple[set[str], set[str], str | None], Span | None]] = []
    for (visitors, lac), at in states:
        code = next(iter(lac)) if len(lac) == 1 else None
        if code in listed:
            out.extend(((visitors, lac, port), where) for port, where in listed[code])
        else:
            out.append(((visitors, lac, None), at))
    return out


# what may stand between a dateline's place and its dash: the state's short name
# ("Brasília (DF)"), a filing date ("CARACAS, March 14", "Asunción, June 16, 2023",
# "Puerto Príncipe, 1 feb"), the agency ("(Reuters)", "(AP)", "(Oct. 25, 2024)")
DATELINE_TAIL: Final = re.compile(r"(?:\s*\([A-Z]{2,3}\))?"
                                  r"(?:,\s*[\w.]{1,10}\.?\s+\d{1,2}(?:,?\s+\d{4})?|"
                                  r",\s*\d{1,2}\s+(?:de\s+)?\w{3,10}\.?(?:\s+(?:de\s+)?\d{4})?|"
                                  r",\s*\d{1,2}/\d{1,2}/\d{2,4})?\s*(?:\([^()\n]{1,40}\)\s*)?"
                                  r"(?:--|—|–|-|\.—|\.-|\.–)\s")
# what may open a dateline or byline before its place ("DE SÃO PAULO –", "From LIMA -",
# "Por Redacción / Ciudad de México")
DATELINE_HEAD: Final = re.compile(r"(?i)(?:(?P<by>(?:por|by)\b[^\n/|–—]{1,40}[/|–—]\s*)|"
                                  r"(?:de|desde|from|por|by)\s+)?")
# the end of a byline's place ("Por Agência Marinha de Notícias – Brasília, DF")
BYLINE_END: Final = re.compile(r"(?:,\s*[A-Z]{2})?[^\S\n]*(?:\n|$)")


def dateline_places(sent: Mark, ents: list[Mark], text: str, models: Models,
                    named: set[str | None]) -> list[Mark]:
    """The sentence's places less the place of its dateline ("DE SÃO PAULO – O navio-hospital
    ... fundeou na baía de Porto Príncipe", "LIMA (AP) —", "Brasília (DF) –") or byline
    ("Por Redacción / Ciudad de México"): where the report was written, not where its events
    happened nor a party of them, when the sentence places them in another state's place.
    It stays where the sentence names its state otherwise ("CARACAS, March 14 (Reuters) -
    Venezuela's air force took delivery") or names no other place ("Rio de Janeiro – O
    porta-aviões fundeou nesta segunda-feira na Baía de Guanabara": the event is there)."""
    if sent.start_char and text[sent.start_char - 1] != "\n":
        return ents
    head = DATELINE_HEAD.match(text, sent.start_char)
    opening = head.end() if head else sent.start_char
    first = next((e for e in ents if e.label_ == "LOCATION" and e.start_char == opening), None)
    if first is None:
        return ents
    if head is not None and head.group("by") and BYLINE_END.match(text, first.end_char):
        return [e for e in ents if e is not first]  # (a byline's line tells no event)
    if not DATELINE_TAIL.match(text, first.end_char):
        return ents
    code = stands_for(first, models, named)
    others = {stands_for(e, models, named) for e in ents if e is not first}
    elsewhere = {stands_for(e, models, named) for e in ents
                 if e is not first and e.label_ == "LOCATION"} - {None}
    if code is None or code in others or not elsewhere:
        return ents
    return [e for e in ents if e is not first]


def place_of(trigger: Mark, ents: list[Mark]) -> str | None:
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


SERVICES: Final = frozenset({"navy", "army", "air_force", "other", "police"})  # kinds said short


_COUNTRY_WORDS: Final[dict[str, frozenset[str]]] = {}  # models.version -> words


def _country_words(models: Models) -> frozenset[str]:
    """Folded words of country names and demonyms ("estados", "unidos", "colombiana")."""
    if models.version not in _COUNTRY_WORDS:
        _COUNTRY_WORDS[models.version] = frozenset(
            w for p in models.phrases if p.label == "COUNTRY" for w in fold(p.text).split())
    return _COUNTRY_WORDS[models.version]


def said_short(sent: Mark, ents: list[Mark], heads: dict[str, tuple[str, int]], text: str,
               starts: list[int]) -> set[str]:
    """The states whose services the sentence names by their short name only ("La Fuerza
    Aeroespacial recordó ...", after "la Fuerza Aeroespacial Colombiana"; ``heads`` of
    ``short_services``)."""
    out: set[str] = set()
    if sent.end <= sent.start:
        return out
    lo, hi = starts[sent.start], starts[sent.end - 1]  # (the first and last token's start)
    for head, (code, first) in heads.items():
        at = text.find(head, lo, hi + len(head))  # (where a token of the sentence starts it)
        while at >= 0:
            k = bisect_left(starts, at, sent.start, sent.end)
            if starts[k] == at and first < at and \
                    not text[at + len(head):at + len(head) + 1].isalnum() and \
                    not any(e.start <= k < e.end for e in ents):
                out.add(code)
                break
            at = text.find(head, at + 1, hi + len(head))
    return out


def short_services(text: str, ents: list[Mark], starts: list[int], ends: list[int],
                   models: Models, lang: str) -> dict[str, tuple[str, int]]:
    """The short names of the armed services a text names in full with their country
    ("Fuerza Aeroespacial Colombiana" -> "Fuerza Aeroespacial", "Armada de Chile" ->
    "Armada", "U.S. Coast Guard" -> "Coast Guard"), each with its state and where it was
    first named; a short name two states' services share in the text is left out."""
    country_words = _country_words(models)
    function = models.function_words.get(lang, frozenset())
    heads: dict[str, tuple[str, int]] = {}
    shared: set[str] = set()
    for e in ents:
        if e.label_ != "INSTITUTION" or models.institution_kinds.get(e.kb_id_) not in SERVICES:
            continue
        code = country_of(e, models)
        words = list(range(e.start, e.end))
        said = [fold(text[starts[k]:ends[k]]) for k in words]
        country = [w in country_words or w in function or not w[:1].isalnum() for w in said]
        while words and country[words[-1] - e.start]:
            words.pop()
        while words and country[words[0] - e.start]:
            words.pop(0)
        if len(words) < 2 or len(words) == e.end - e.start or code is None or any(
                not text[starts[k]:starts[k] + 1].isupper() for k in words):
            continue  # (no country word said: the name is its own)
        head = text[starts[words[0]]:ends[words[-1]]]
        if head in heads and heads[head][0] != code:
            shared.add(head)
        heads.setdefault(head, (code, e.start_char))
    return {h: v for h, v in heads.items() if h not in shared}


REACTION: Final = "reaction"  # the lexicon class of a state's reaction ("protested", "concern")
REACTION_LINK: Final = frozenset("government gobierno governo called call calls described "
                                 "describes termed branded labelled labeled as a an the it "
                                 "calificó califico calificaron llamó llamo tildó tildo describió "
                                 "describio como de una un la lo chamou chamaram classificou "
                                 "qualificou descreveu uma um o treated treats regarded regards "
                                 "viewed views saw considered considers consideró considero "
                                 "consideraron vio consideraba considerou consideraram viu "
                                 "considerava".split())  # "Caracas called a provocation",
# "calificó de", "a visit which Venezuela treated as a provocation", "que Caracas consideró una
# provocación"
REACTION_LINKS: Final = 3  # such words between a state and its reaction
REACTION_BY: Final = frozenset("by por pelo pela pelos pelas".split())  # "condemned by Georgetown"
REACTION_OF: Final = frozenset("of de del da do".split())  # "la protesta de la Argentina"
REACTION_AMONG: Final = frozenset("between among with entre con com".split())  # "tensions between"
REACTION_GLUE: Final = PORT_GLUE  # (the articles)
GOVERNMENTS: Final = frozenset("government gobierno governo".split())  # whose government
# a demonym after it names ("la protesta del Gobierno colombiano")
REACTION_LIST: Final = LIST_AND | {","}  # "Washington, La Habana y Caracas"
REACTION_JOIN: Final = REACTION_LIST | REACTION_GLUE  # what may stand between two listed states
PLIGHT: Final = "plight"  # the lexicon class of a state's crisis, war or sanctions, told as a
# matter
PLIGHT_OF: Final = frozenset("of in on over against de del da do en em no na sobre contra".split())
# ("la situación de Haití", "sanctions over Ukraine", "a guerra na Ucrânia")
PLIGHT_MODIFIES: Final = frozenset("of de".split())  # a bare "de" before the word makes it a
# modifier of the noun before ("un buque de guerra ruso", "navios de guerra iranianos")
PLIGHT_BY: Final = frozenset("by on against por pela pelo pelos pelas contra".split())  # the other
# state of a war or an invasion ("a invasão da Ucrânia pela Rússia", "el ataque de Irán contra
# Israel")
REACTION_THAT: Final = frozenset({"that", "que"})  # what the reaction is about: "concern that"
ACCUSE: Final = ("accus", "acus")  # the reactions whose object is the accused ("accusing
# London", "acusó a Caracas", "acusando Washington")
# the reactions a verb puts on its object ("a flight that irritated Bogotá", "un vuelo que
# irritó a Bogotá", "um voo que irritou Bogotá", "a transfer that alarmed Costa Rica"): the
# state it names is the one that reacts, its subject what it reacts to (folded stems)
AFFECTS: Final = ("irrit", "alarm", "anger", "inquiet", "incomod", "molest")
AFFECT_NOUNS: Final = frozenset("alarm alarms alarma alarmas alarme alarmes anger".split())
# (the nouns: "la alarma de Colombia" is an owner before, read as any reaction's)
AFFECTED_GLUE: Final = frozenset("neighbouring neighboring vecina vecino vizinha vizinho "
                                 "a".split())  # "alarmed neighbouring Costa Rica"
NOT_REACTION: Final = frozenset({"concerning"})  # ("talks with Peru concerning the sale": about)


def reacting(ents: list[Mark], lex: list[Mark], norms: list[str], models: Models,
             text: str) -> list[Mark]:
    """The sentence's entities less the states that only react to what it tells: the
    subject or owner right before a reaction word ("Colombia protested", "U.S. concern",
    "Caracas rechaza", "a visit that Caracas called a provocation"), the agent after it
    ("an incident condemned by Georgetown and Washington"), the owner named after it
    ("tras la protesta de la Argentina", not a demonym: "criticism of the Russian
    deployment" names the actor) and the states in tension ("en plena escalada de tensiones
    entre Washington, La Habana y Caracas"), with the states listed beside them. A state
    that reacts is no side of the event (its LAC side comes from elsewhere)."""
    words = [r for r in lex if r.label_ == REACTION]
    plights = [r for r in lex if r.label_ == PLIGHT]
    if not (words or plights) or not ents:
        return ents
    at = {e.start: e for e in ents}
    ending = {e.end: e for e in ents}
    drop: set[int] = set()  # (entity starts)

    def chain_back(k: int) -> None:  # the entity ending at k and those listed before it
        while (e := ending.get(k)) is not None:
            drop.add(e.start)
            k = e.start
            while k > 0 and k not in ending and norms[k - 1] in REACTION_JOIN:
                k -= 1
            if k == e.start or not _listed(norms[k:e.start]):
                return

    def chain_on(k: int) -> None:  # the entity starting at k and those listed after it
        while (e := at.get(k)) is not None:
            drop.add(e.start)
            k = e.end
            while k < len(norms) and k not in at and norms[k] in REACTION_JOIN:
                k += 1
            if k == e.end or not _listed(norms[e.end:k]):
                return

    demonyms = models.demonyms
    for r in words:
        if norms[r.start] in NOT_REACTION:
            continue
        k = r.start
        links = 0
        while k > 0 and k not in ending and norms[k - 1] in REACTION_LINK and \
                links < REACTION_LINKS:
            k, links = k - 1, links + 1
        if k > 0 and norms[k - 1] in ("'s", "’s") and k - 1 in ending:
            k -= 1
        if norms[r.start].startswith(AFFECTS) and norms[r.start] not in AFFECT_NOUNS and \
                r.end < len(norms) and (e := at.get(_past_glue(
                    r.end, norms, at, REACTION_GLUE | AFFECTED_GLUE))) is not None:
            chain_on(e.start)  # "un vuelo que irritó a Bogotá": the object reacts, the
            continue  # subject is what it reacts to (no reactor)
        chain_back(k)
        k = r.end
        if k < len(norms) and norms[k] in REACTION_THAT or norms[k:k + 2] == ["de", "que"]:
            end = next((j for j in range(k, len(norms)) if norms[j] in CLOSERS), len(norms))
            drop.update(e.start for e in ents if k < e.start < end)  # "U.S. concern that
            continue  # they might carry boats for Venezuela": a fear, no fact
        if k < len(norms) and norms[r.start].startswith(ACCUSE):
            k = _past_glue(k, norms, at, REACTION_GLUE | {"a"})
            if k in at:  # "accusing London of a provocation", "acusó a Washington de":
                chain_on(k)  # the accused is no side of what the accuser does
                continue
        if k + 1 < len(norms) and norms[k + 1] in REACTION_BY | REACTION_OF and _adjective(
                norms[k], models):
            k += 1  # "la protesta formal de Colombia", "a formal protest by": one adjective
        if k < len(norms) and (prep := norms[k]) in REACTION_BY | REACTION_OF | REACTION_AMONG:
            k = _past_glue(k + 1, norms, at)
            if prep in REACTION_OF and k + 1 < len(norms) and norms[k] in GOVERNMENTS and (
                    e := at.get(k + 1)) is not None and fold(
                    text[e.start_char:e.end_char]) in demonyms:
                chain_on(k + 1)  # "la protesta del Gobierno colombiano": whose government
                continue
            e = at.get(k)
            if e is not None and not (prep in REACTION_OF and _qualifies(e, norms, demonyms,
                                                                        models, text)):
                chain_on(k)
    for r in plights:  # "la situación de Haití", "crisis política en Venezuela"
        if not _common(r, norms, text) or r.start > 0 and norms[r.start - 1] in PLIGHT_MODIFIES:
            continue  # (a name's word: "the Naval War College"; a modifier: "buques de guerra
            # rusos", "a Chinese man-of-war")
        before = ending.get(r.start)  # "the Ukraine war", "the Venezuelan crisis"
        if before is None and r.start > 1 and _adjective(norms[r.start - 1], models) and (
                e := ending.get(r.start - 1)) is not None and fold(
                text[e.start_char:e.end_char]) in demonyms:
            before = e  # "the Venezuelan migration crisis": one word between
        if before is not None and before.label_ in ("COUNTRY", "LOCATION") and \
                not norms[r.start].endswith("ed") and (  # (not "Washington sanctioned")
                r.end >= len(norms) or not _content(norms[r.end], models)):
            drop.add(before.start)  # (not "the Chinese war college": a modifier)
        after = at.get(r.end)  # "la crisis venezolana", "a crise venezuelana"
        if after is None and r.end + 1 < len(norms) and _adjective(norms[r.end], models) \
                and norms[r.end] not in PLIGHT_OF:
            after = at.get(r.end + 1)  # "la crisis migratoria venezolana": one adjective
            # between (a demonym only, below)
        if after is not None and after.label_ == "COUNTRY" and \
                fold(text[after.start_char:after.end_char]) in demonyms:
            drop.add(after.start)
            k = after.end
        else:
            k = r.end + (r.end < len(norms) and norms[r.end].isalpha() and norms[r.end] not in
                         PLIGHT_OF)  # (an adjective between)
        if k < len(norms) and norms[k] in PLIGHT_OF:
            k = _past_glue(k + 1, norms, at)
            e = at.get(k)
            if e is not None and e.label_ in ("COUNTRY", "LOCATION") and not _qualifies(
                    e, norms, demonyms, models, text):
                drop.add(e.start)
                k = e.end
                if k < len(norms) and norms[k] in PLIGHT_BY:  # "pela Rússia"
                    k = _past_glue(k + 1, norms, at)
                    if (e := at.get(k)) is not None and e.label_ in ("COUNTRY", "LOCATION"):
                        drop.add(e.start)
    return [e for e in ents if e.start not in drop] if drop else ents


def _adjective(word: str, models: Models) -> bool:
    """A lower-case word that may qualify a reaction or plight noun between it and its
    owner ("formal", "migratoria", "migration"): a word, no function word."""
    return word.isalpha() and word.islower() and _content(word, models)


def _past_glue(k: int, norms: list[str], at: dict[int, Mark],
               glue: frozenset[str] = REACTION_GLUE) -> int:
    """The first position from ``k`` that is no article or glue word (``glue``) before a
    state mark (``at``: marks by start): where the state a preposition governs stands."""
    while k < len(norms) and k not in at and norms[k] in glue:
        k += 1
    return k


def _common(r: Mark, norms: list[str], text: str) -> bool:
    """A word said as a common noun, not inside a name: lower case, or the sentence's first
    word ("Crisis in Haiti dominated the talks", not "the Naval War College")."""
    first = text[r.start_char:r.start_char + 1]
    return not first.isupper() or r.start == 0 or not norms[r.start - 1].isalnum()


def _content(word: str, models: Models) -> bool:
    """A word that a noun before it may qualify ("war college", "crisis team"): a word,
    not a function word."""
    return word.isalpha() and not any(word in words for words in
                                      models.function_words.values())


def _listed(gap: list[str]) -> bool:
    """The words between two states list them ("Washington, La Habana y Caracas"), not two
    clauses (", and Colombia protested": the state before is another clause's)."""
    return not ("," in gap and any(w in LIST_AND for w in gap))


DISTANCE_UNITS: Final = frozenset("mile miles km kilometres kilometers kilometre kilometer "
                                  "nautical kilometros kilómetros millas milla quilometros "
                                  "quilômetros milhas milha".split())  # (folded or not: norms
# keep some accents)
DISTANCE_GLUE: Final = frozenset("off from of the coast coasts shore shores waters border frontier "
                                 "de del la las los el costa costas aguas frontera da do das dos a "
                                 "o as os aguas águas fronteira with con com".split())
DISTANCE_REACH: Final = 6  # words from the unit to the place


# what a state is said to be near, or to border ("so close to Venezuela", "cercana al
# departamento colombiano de Nariño", "perto da Venezuela", "the border with Guatemala",
# "la frontera con Colombia", "bordering Brazil"): folded, with the accented forms norms keep
PROXIMITY: Final = frozenset("near nearby close closer closest vicinity cerca cercano cercana "
                             "cercanos cercanas proximo proxima próximo próxima proximos proximas "
                             "próximos próximas proximidad proximidades perto vizinhanca "
                             "vizinhança".split())
NEIGHBOUR: Final = frozenset("border borders bordering frontier frontera fronteras fronteira "
                             "fronteiras limitrofe limítrofe limitrofes limítrofes fronteriza "
                             "fronterizo fronterizas fronterizos fronteirica fronteiriça "
                             "fronteirico fronteiriço".split())
BORDERING: Final = frozenset({"bordering", "borders"})  # a verb with the neighbour as its object
SHARED_WITH: Final = frozenset({"with", "con", "com"})  # "the border with", "la frontera con" (not
# "la frontera de Brasil": Brazil's own)
NEAR_GLUE: Final = frozenset("to of the a al à ao aos às de del da do das dos el la los las o os "
                             "as with con com coast coasts shore shores waters costa costas aguas "
                             "águas department departamento province provincia província state "
                             "estado region región regiao região territory territorio "
                             "território".split())


def served_people(ents: list[Mark], norms: list[str], served: frozenset[str],
                  demonyms: frozenset[str]) -> list[Mark]:
    """The sentence's entities less the demonyms right after or right before a noun of
    people who left their own state (``served``: "para prestar atención médica a migrantes
    venezolanos", "among them Venezuelan migrants"): where those people come from, no
    party of the event (the state they are served in is named as its place)."""
    if not served:
        return ents
    return [e for e in ents if not (
        e.label_ == "COUNTRY" and " ".join(norms[e.start:e.end]) in demonyms and (
            (e.start > 0 and norms[e.start - 1] in served)
            or (e.end < len(norms) and norms[e.end] in served)))]


def measured_from(ents: list[Mark], norms: list[str]) -> list[Mark]:
    """The sentence's entities less the places a distance is measured from ("a few miles
    off the coast of Venezuela", "a 50 kilómetros de la frontera con Venezuela", "a poucas
    milhas da costa venezuelana"): where the event is near, not where it is, nor a party;
    nor a state (by name or demonym: a town near it is still where the event is) the
    sentence says something is near or borders (``PROXIMITY``, ``NEIGHBOUR``)."""
    out = []
    near_end = None  # where the last state said to be near ends (a list goes on: "perto da
    # Guiana Francesa e do Suriname")
    for e in ents:
        k = e.start - 1
        while k >= 0 and e.start - k <= DISTANCE_REACH and norms[k] in DISTANCE_GLUE:
            k -= 1
        if k >= 0 and k < e.start - 1 and norms[k] in DISTANCE_UNITS:
            continue
        if e.label_ == "COUNTRY":
            k = e.start - 1
            while k >= 0 and e.start - k <= DISTANCE_REACH and norms[k] in NEAR_GLUE \
                    and norms[k] not in NEIGHBOUR:
                k -= 1
            if k >= 0 and (norms[k] in NEIGHBOUR and (
                    norms[k + 1] in SHARED_WITH if k < e.start - 1 else norms[k] in BORDERING)
                           or norms[k] in PROXIMITY and k < e.start - 1) \
                    or near_end is not None and _near_list(norms[near_end:e.start]):
                near_end = e.end
                continue
        near_end = None
        out.append(e)
    return out


def _near_list(gap: list[str]) -> bool:
    """The words between two states list them after a word of nearness ("near Guyana and
    Suriname", "perto da Guiana Francesa e do Suriname")."""
    return bool(gap) and (gap == [","] or any(w in LIST_AND for w in gap)) and all(
        w in NEAR_GLUE or w in LIST_AND or w == "," for w in gap)


FORUM_N: Final = "forum_n"  # the lexicon class of a conference, a forum
# a forum's or a summit's noun: the margin of either is a venue ("al margen de la cumbre")
FORUM_NOUNS: Final = (FORUM_N, "summit_n")
FORUM_REACH: Final = 8  # words from "on the sidelines of" to the forum's noun
VENUE_REACH: Final = 8  # words from the forum's noun to "in" its place
VENUE_PREPS: Final = frozenset("in en em at na no".split())


def forum_venues(ents: list[Mark], cues: list[Mark], lex: list[Mark], norms: list[str],
                 models: Models, named: set[str | None]) -> set[str]:
    """The states a sentence names only as the venue of a forum its event is held at the
    margin of ("met on the sidelines of the Caribbean Nations Security Conference in Montego
    Bay, Jamaica", "al margen de la cumbre en Lima", "à margem da conferência em Brasília"):
    the host of the forum, no side of a meeting or a signing between others there (the
    forum's own event keeps it)."""
    occasions = [c for c in cues if c.label_ == "occasion"]
    if not occasions:
        return set()
    forums = [r for r in lex if r.label_ in FORUM_NOUNS]
    chosen: set[int] = set()
    for c in occasions:
        forum = next((r for r in forums if 0 <= r.start - c.end <= FORUM_REACH), None)
        if forum is None:
            continue
        k = forum.end
        while k < len(norms) and k - forum.end <= VENUE_REACH and norms[k] not in VENUE_PREPS \
                and norms[k] not in (",", ";", "."):
            k += 1
        if k >= len(norms) or norms[k] not in VENUE_PREPS:
            continue
        place = next((e for e in ents if e.start == k + 1 and e.label_ in
                      ("LOCATION", "COUNTRY")), None)
        while place is not None:
            chosen.add(place.start)
            end = place.end
            place = next((e for e in ents if e.label_ == "COUNTRY" and e.start > end and
                          _apposed(norms[end:e.start])), None)  # "Montego Bay,
            # Jamaica", "Lima, no Peru"
    return named_only(ents, models, named, lambda e: e.start in chosen)


def _qualifies(e: Mark, norms: list[str], demonyms: frozenset[str], models: Models,
               text: str) -> bool:
    """A demonym that qualifies the noun after it ("criticism of the Russian deployment":
    the actor of what is criticised), not a country named by the same word ("la protesta de
    la Argentina, cuya justicia")."""
    if fold(text[e.start_char:e.end_char]) not in demonyms or e.end >= len(norms):
        return False
    after = norms[e.end]
    return after.isalpha() and not any(after in words for words in
                                       models.function_words.values())


def ship_named(ents: list[Mark], text: str, starts: list[int], ends: list[int],
               models: Models) -> list[Mark]:
    """The sentence's entities less the places that are the name of a ship its navy's
    prefix stands before ("the frigate HMS Norfolk", 'el BAP "Callao"', "USCGC Escanaba"):
    a ship's name is no place, nor a party (the prefix names the ship's state), unless it is
    a town of the ship's own state ("HMCS Halifax" sent to Haiti: Canada's ship)."""
    out = []
    for e in ents:
        k = e.start - 1
        while k > 0 and text[starts[k]:ends[k]] in QUOTE_OPENERS:
            k -= 1
        flag = models.ship_prefixes.get(text[starts[k]:ends[k]]) if k >= 0 else None
        if e.label_ == "LOCATION" and flag is not None and flag != country_of(e, models) \
                and flag not in models.places.get(e.kb_id_, ()):
            continue  # (a town of the ship's own state names it: "HMCS Halifax")
        out.append(e)
    return out


# (stopwords.json) the words that place what follows them ("arrived in Kazan", "llegó a La
# Habana", "atracou no Rio"): a name right after one is a place, not a ship's; "of" opening
# the words between a ship's noun and its name ("el submarino de propulsión nuclear"); the
# articles a ship's bare name is said again after ("the Kazan", "el Nariño"), besides the
# sentence's start and quotes; the words joining a list of ships' names ("the frigates
# Lanzhou and Liuzhou")
LOCATIVES: Final = frozenset(word_list("locatives"))
OF_WORDS: Final = frozenset(word_list("hull_of"))
SHIP_ARTICLES: Final = frozenset(word_list("ship_articles"))
LIST_JOINS: Final = frozenset(word_list("list_joins"))
HULL_GAP: Final = 3  # plain words at most between a ship's noun and its name, opened by
# "de" ("el submarino de propulsión nuclear Kazán"; not "the squadron left Valparaiso")


def ships_as_places(sentences: Sequence[Mark], lexes: Sequence[list[Mark]],
                    entses: Sequence[list[Mark]], text: str, starts: list[int],
                    ends: list[int], models: Models, names: Iterable[str] = ()
                    ) -> dict[int, set[int]]:
    """Per sentence, the starts of the places that are the name of a ship, not where
    anything happens: a place's name right after a ship's noun or a navy's prefix (past
    its flag, quotes and up to ``HULL_GAP`` plain words opened by "de": "the Chinese
    frigates Lanzhou and Liuzhou", "el submarino de propulsión nuclear Kazán", "HMCS
    Halifax"), the names listed after it, and, anywhere in the text, the name of a ship it
    so named (or ``names``, the bare names of prefixed ships) said again at the sentence's
    start or after an article ("Kazan entered the bay", "el Nariño"; not "arrived in
    Kazan", "left Halifax", "Puerto Vallarta, Jalisco"). The ship's state stays a party
    (the entity is kept): only the occurrence's place is not there."""
    # (the words of the sentences that name a place: no other is read)
    words = [""] * len(starts)
    for sent, ents in zip(sentences, entses, strict=True):
        if any(e.label_ == "LOCATION" for e in ents):
            a, b = sent.start, sent.end
            words[a:b] = [text[s:e] for s, e in zip(starts[a:b], ends[a:b], strict=True)]

    def plain(k: int, last: int) -> bool:
        w = words[k]
        return w in QUOTES or w[:1].islower() and w.isalpha() and (
            fold(w) not in LOCATIVES or fold(w) in OF_WORDS and k + 1 < last
            and words[k + 1][:1].islower())  # ("submarino de propulsión nuclear")

    out: dict[int, set[int]] = {}
    called: set[str] = set(names)
    prefixes = models.ship_prefixes  # (read for every word of a sentence with a place)
    for j, (sent, lex, ents) in enumerate(zip(sentences, lexes, entses, strict=True)):
        places = sorted((e for e in ents if e.label_ == "LOCATION"), key=lambda e: e.start)
        if not places:
            continue  # (no place: none is a ship's name; its ships are read only for places)
        hulls = [m for m in lex if m.label_ in SHIP_CLASSES and fold(
            text[m.start_char:m.end_char]) not in CLASS_NOT_NAMING]
        hulls += [Mark(k, k + 1, starts[k], ends[k], "ship")
                  for k in range(sent.start, sent.end - 1) if words[k] in prefixes]
        taken: set[int] = set()
        others = [e for e in ents if e.label_ != "LOCATION"]
        for e in places:
            before = [m for m in hulls if m.end <= e.start]
            if before:
                m = max(before, key=lambda x: x.end)
                k, gap, opener = m.end, 0, ""
                while k < e.start:
                    flag = next((x for x in others if x.start == k
                                 and x.label_ == "COUNTRY"), None)
                    if flag is not None:
                        k = flag.end
                        continue
                    if not plain(k, e.start) or any(
                            x.start <= k < x.end and x.label_ not in SHIP_CLASSES for x in lex):
                        break
                    if words[k] not in QUOTES:
                        opener = opener or fold(words[k])
                        gap += 1
                    k += 1
                if k == e.start and (gap == 0 or gap <= HULL_GAP and opener in OF_WORDS) and (
                        e.start == m.end or fold(words[e.start - 1]) not in LOCATIVES):
                    taken.add(e.start)
                    continue
            listed = [p for p in places if p.start in taken and p.end <= e.start]
            between = words[listed[-1].end:e.start] if listed else []
            if 1 <= len(between) <= 2 and all(w.lower() in LIST_JOINS for w in between):
                taken.add(e.start)  # ("Lanzhou and Liuzhou")
        if taken:
            out[j] = taken
            called.update(text[e.start_char:e.end_char] for e in places if e.start in taken)
    if not called:
        return out
    for j, (sent, ents) in enumerate(zip(sentences, entses, strict=True)):
        for e in ents:
            if e.label_ == "LOCATION" and text[e.start_char:e.end_char] in called and (
                    e.start == sent.start or words[e.start - 1] in QUOTES
                    or fold(words[e.start - 1]) in SHIP_ARTICLES):
                out.setdefault(j, set()).add(e.start)
    return out
