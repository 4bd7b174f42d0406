"""Within-document merge: candidates that state the same occurrence become one event.

Candidates agree when they have the same type, a shared LAC state and a shared outside
power (of a gathering of many states, an exercise or a forum, a report pointing back at it
may name other powers: ``_one_gathering``; a sentence naming one side only, the other lent
by the story, is no witness of a second power: ``_half_told``), and dates that agree at the
coarser precision (``pipeline.when.agree``), or two days running that one trigger is told
with ("held rehearsals on Wednesday and Thursday") or that a transfer's goods are told to
arrive and to be handed over ("touched down on Thursday", "formally received on Friday":
``DELIVERIES``). Types whose occurrences last several days (a port call, an exercise, a
forum, a course; the ``merge_days`` of ``event_types.json``) also merge dates within that
many days, or a day inside the stretch one of them states ("from 26 June to 1 August":
``Candidate.end``), unless they name different places (``two_places``: not one capital in
two languages, "Havana" and "La Habana", nor a place in a state none of their parties is):
two meetings on different days stay two events, a call at Natal and a stay at Rio de
Janeiro a week later stay two port calls, and the calls of two ships named apart on two
days (the carrier off Port-au-Prince on 15 January, the hospital ship on 20 January:
``Candidate.vessels``) stay two, as do two drills of two kinds each told on a day of its
own with no stretch joining them ("a joint training day" on Wednesday, "a PASSEX" when she
sailed on 9 February: ``_own_days``). A visit told by its arrival, its close or the days it
lasts joins a meeting told in another sentence on one of the trip's days (``_trips``): a
visit is dated by its meeting. Firm, precise candidates seed events; undated and
support-only ones join the nearest agreeing event in the text. A definite mention of an
occurrence with no date of its own ("During the stay, the ship hosted a reception":
``Candidate.anaphor``) that agrees with no event by the date it took from around it joins
the event of its type the text told before it, whatever its date; one dated to the day only
by the sentences around it ("During the trip, the ministers signed a memorandum":
``_guessed``) joins the event of its type told to the day within a week of it; one dated
only by when it was told ("have signed an agreement, the text of which was published on
Wednesday": ``Candidate.reported``) joins the one event of its type dated in the months up
to then.

Each event gets a stable key (hash of type, countries and date, and the port for one of
several ports of one state a call lists, "Santos y Fortaleza", which never merge: re-runs
and unrelated changes keep it), a confidence (``confidence.py``), and one evidence row per sentence:
the sentences that state it first (the firmest and most precise one at index 0), then
those that only support it. Its place, persons and institutions come from the stating
sentences. An undated event falls back to the publication month (``date_source =
published``).
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import timedelta
from functools import cache
from typing import Final

from pipeline import when
from pipeline.nlp.confidence import probability
from pipeline.nlp.marks import Mark
from pipeline.nlp.models import load, merge_days, read_jsonl
from pipeline.records import Document, Event, Evidence

SUPPORT_PARAGRAPHS: Final = 1  # a support sentence this many lines from a stating one is about it
PRECISION_RANK: Final = {"day": 0, "month": 1, "year": 2, None: 3}
SOURCE_RANK: Final = {"stated": 0, "context": 1, "none": 2}
REPORT_DAYS: Final = 92  # how long before its telling ("published on Wednesday") a report's news
# lies
# how long a course told by its start and, elsewhere in the story, by its close may last (a
# commissioning course of 44 weeks, a staff course of ten months): types whose occurrences
# are told so, and the days between the two reports at most
SPAN_TYPES: Final = {"education_training": 366}
STRETCH_START: Final = "start"  # a sentence telling an occurrence begin
STRETCH_END: Final = "end"  # or close
# types whose occurrences reports tell day by day in words of several classes (a ship
# "arrived" on Monday, "the visit" on Wednesday): days of their own still join (``_own_days``)
DAY_BY_DAY: Final = frozenset({"port_call"})
# the types whose occurrences gather many states, reported a few parties at a time
GATHERINGS: Final = frozenset({"exercise", "dialogue_forum"})
# a relief deployment (rescue teams, field hospitals, aircraft flying supplies after a
# disaster) is told day by day like a call: the frames reading one, and how many days
# apart its reports may lie (``_relief_days``)
RELIEF_TYPE: Final = "donation_aid"
RELIEF_FRAMES: Final = ("donation_aid.relief_",)
RELIEF_DAYS: Final = 1
# how far from the day the sentences around it gave a candidate an event of its type told
# to the day may lie for it to be that event (``_guessed``)
GUESS_DAYS: Final = 7
TOLD_DAYS: Final = 1  # days apart of two dates one trigger is told with that still tell one
# occurrence
# the frames telling a transfer's goods arrive or are handed over: an arrival and a handover
# ceremony TOLD_DAYS apart are one delivery
DELIVERIES: Final = frozenset({"arms_transfer.delivery", "arms_transfer.delivery_price",
                               "arms_transfer.delivery_noun", "arms_transfer.arrival",
                               "arms_transfer.batch_arrival", "arms_transfer.arrival_price",
                               "arms_transfer.made_arrival", "arms_transfer.voyage",
                               "arms_transfer.received_from", "arms_transfer.dated_delivery",
                               "arms_transfer.dated_receipt"})


@dataclass
class Candidate:
    type: str
    countries: set[str]
    date: str | None
    precision: str | None
    sentence: Mark
    trigger: Mark
    rule: str
    from_context: bool
    date_source: str = "stated"  # stated | context | none
    persons: list[str] = field(default_factory=list)
    institutions: list[str] = field(default_factory=list)
    location: str | None = None
    support: bool = False  # may only join an event stated firmly elsewhere
    lac: set[str] = field(default_factory=set)
    weak: bool = False
    features: dict[str, float] = field(default_factory=dict)
    paragraph: int = 0  # which line of the text it was read in
    refers: bool = False  # "the visit", "the two ministers": it points back at an occurrence
    port: str | None = None  # one of the ports of one state a call lists ("Santos y Fortaleza")
    stretch: str | None = None  # its sentence tells the occurrence begin or end (STRETCH_*)
    end: str | None = None  # the last day of the stretch its date starts ("del 5 al 17")
    # a definite mention of an occurrence of its class with no date of its own ("the stay",
    # "la visita", "a comitiva"): it points back at the one the text told before it, whatever
    # that one's date (the date it took from the sentences around may be another's)
    anaphor: bool = False
    # its date is said of a saying or publishing verb ("the text of which was published on
    # Wednesday"): when the occurrence was told, by which time it had happened
    reported: bool = False
    platform: str | None = None  # a call's platform nearest its trigger: ship or aircraft
    # the ships its sentence names by the name their navy's prefix gave them ("USS Carl
    # Vinson", "Comfort" again): calls of other ships on other days are other calls
    vessels: frozenset[str] = frozenset()
    name: str | None = None  # the proper name of the exercise it tells ("Red Flag", "UNITAS")
    # it tells a visit's trip (its arrival, its close) and joined a meeting of that trip:
    # the meeting gives the event its date (``_trips``)
    trip: bool = False
    # its trigger tells, in a relative clause on the traveller, how they came ("Hegseth, que
    # llegó la noche del lunes, fue recibido el martes"): the main clause tells the visit
    background: bool = False
    # how many semicolons of its sentence stand before its trigger: the part of the
    # sentence that tells it ("He arrived on April 21 for a nine-day visit; on April 28 he
    # held talks in Beijing": the talks are told apart from the arrival, ``_trips``)
    part: int = 0
    # its trigger is told as it was owed or expected ("el compromiso original era despachar
    # en enero", "el documento preveía entregar el primer buque", "were originally to be
    # shipped"), not as done: ``_planned``
    planned: bool = False
    # no date of its own nor from its paragraph: the (past) date the paragraph before told
    # last, its value and precision, which dates its event in place of the publication's
    # month; the confidence still weighs the event as undated
    opening: tuple[str, str | None] | None = None


def _compatible(a: Candidate, b: Candidate) -> bool:
    if a.type != b.type or not (a.lac & b.lac):
        return False
    if a.port and b.port and a.port != b.port:
        return False  # "escalas en Santos y Fortaleza": two calls
    if a.platform and b.platform and a.platform != b.platform:
        return False  # the patrol ship docked on Saturday, its navy's patrol aircraft
        # landed on Sunday: two calls
    if not ((a.countries - a.lac) & (b.countries - b.lac)):
        return _one_gathering(a, b) or _half_told(a, b)  # ("In this year's edition, ships
        # of 24 American countries and of the United Kingdom take part", after UNITAS told
        # with the US; "the two ships berthed after crossing the Atlantic from Senegal",
        # after the French carrier's call)
    if when.agree(a.date, b.date):
        return True
    if (a.trigger.start == b.trigger.start or _handed_over(a) and _handed_over(b)) \
            and a.precision == b.precision == "day" and when.near(a.date, b.date, TOLD_DAYS):
        return True  # "held rehearsals on Wednesday and Thursday": one trigger, two days
        # running, one occurrence told by its days (a date range keeps its start); a platform
        # that "touched down at Timehri on Thursday" and was "formally received on Friday"
    if _arrived_then_met(a, b) or _arrived_then_met(b, a):
        return True  # "llegó a Guatemala en la noche del martes y fue condecorada este
        # miércoles": the trip told by its arrival and, in the same sentence, its first
        # meeting the day after: one visit
    if _relief_days(a, b):
        return True
    days = merge_days(a.type)
    if not days or two_places(a.location, b.location, a.countries | b.countries):
        return False
    if a.vessels and b.vessels and not a.vessels & b.vessels:
        return False  # the carrier off Port-au-Prince on 15 January, the hospital ship in
        # Haitian waters on 20 January: two ships, two days, two calls (one day agrees above)
    if a.precision == b.precision == "day" and (when.holds(a.date, a.end, b.date)
                                                or when.holds(b.date, b.end, a.date)):
        return True  # a day inside the stretch the other states ("del 5 al 17 de junio")
    if len(a.date or "") == len(b.date or "") == 7 and not (a.support or b.support):
        return False  # two months stated alone by two telling sentences ("in June" a
        # course in Beijing, "last week" of July one in Rio): two occurrences, not one
        # told across a month's end (a mention that only supports may still join)
    if _own_days(a, b):
        return False  # "On Wednesday, sailors took part in a joint training day" and "When
        # she sailed on 9 February, the two ships conducted a PASSEX": two drills
    return when.near(a.date, b.date, days)


def _relief_days(a: Candidate, b: Candidate) -> bool:
    """A relief deployment told day by day (a rescue team offered on Friday, flown out on
    Saturday, landed on Sunday, at work on Monday; "El envío había sido anunciado el
    domingo", "aterrizaron el lunes"): reports of its pair on days running (RELIEF_DAYS),
    one of them read by a frame of relief work (``RELIEF_FRAMES``), with no two places of
    its hosts and no two ships named apart (USS Arlington on Saturday, USS Billings on
    Sunday: two deployments): one deployment, as a call is one stay (a gift handed over
    is dated by its day alone: merge_days 0)."""
    return a.type == b.type == RELIEF_TYPE and a.precision == b.precision == "day" \
        and (a.rule.startswith(RELIEF_FRAMES) or b.rule.startswith(RELIEF_FRAMES)) \
        and not (a.support or b.support) and when.near(a.date, b.date, RELIEF_DAYS) \
        and not two_places(a.location, b.location, a.countries | b.countries) \
        and not (a.vessels and b.vessels and not a.vessels & b.vessels)


def _half_told(a: Candidate, b: Candidate) -> bool:
    """Two reports naming different outside powers, one of them read from a sentence that
    names one side of its occurrence only (the other lent by the sentences around it:
    ``Candidate.from_context``), with dates that agree to the month or finer and no two
    places or ships named apart: one occurrence. A sentence telling half its parties is
    no witness of a second power ("The two ships berthed on Monday after crossing the
    Atlantic from Senegal", after the French carrier's call at Rio: Senegal is where they
    came from; "the ship, whose crew met officials in Washington" of another navy's
    call). A year alone says too little to tie them (the arrival of 2006 is not the
    contract of July 2006); one sentence naming two powers tells two occurrences (a
    training ship "will call at Lisbon, Portugal; Bordeaux, France"), as do two placed
    in an outside power (a LAC ship's calls at Lisbon and then at Hamburg: there the
    power named is the host, no story's lending: ``_abroad``); a sentence that only
    supports one joins it by ``_about``."""
    return (a.from_context or b.from_context) and not (a.support or b.support) \
        and a.sentence.start != b.sentence.start \
        and not (_abroad(a.location) or _abroad(b.location)) \
        and len(a.date or "") >= 7 and len(b.date or "") >= 7 \
        and when.agree(a.date, b.date) \
        and not two_places(a.location, b.location, a.countries | b.countries) \
        and not (a.vessels and b.vessels and not a.vessels & b.vessels)


def _abroad(place: str | None) -> bool:
    """Does the place lie in a state outside Latin America and the Caribbean?"""
    state = load().entity_countries.get(("LOCATION", place)) if place else None
    return state is not None and load().regions.get(state) != "LAC"


def _one_gathering(a: Candidate, b: Candidate) -> bool:
    """Two reports of a gathering of many states (an exercise, a forum: ``GATHERINGS``)
    that name different outside powers, one pointing back at the occurrence told ("la
    edición de este año", "the exercise", "o exercício"), with dates that agree and no
    names told apart: one occurrence, each report naming some of its parties."""
    return a.type in GATHERINGS and (a.refers or b.refers) and not (a.support or b.support) \
        and bool(a.date and b.date) and when.agree(a.date, b.date) \
        and not (a.name and b.name and a.name != b.name)


def _own_days(a: Candidate, b: Candidate) -> bool:
    """Two reports of an occurrence that lasts (not a call: a ship's stay is told day by
    day) that each state a day of their own, by triggers of two classes (a joint training
    day, a passing exercise), where neither tells the stretch begin before the other's day
    or close after it: two occurrences, not one told over its days."""
    if a.type in DAY_BY_DAY or not (a.precision == b.precision == "day" and a.date
                                    and b.date and a.date != b.date):
        return False
    if a.support or b.support or a.date_source != "stated" or b.date_source != "stated" \
            or a.anaphor or b.anaphor or a.trigger.label_ == b.trigger.label_:
        return False
    first, last = (a, b) if (a.date or "") < (b.date or "") else (b, a)
    return first.stretch != STRETCH_START and last.stretch != STRETCH_END


def _arrived_then_met(first: Candidate, then: Candidate) -> bool:
    """A visit told by the traveller's arrival ("llegó", "arrived", "chegou") and, later in
    the same sentence, a meeting or reception on the next day (TOLD_DAYS): one trip, whose
    arrival dates it (``_trips`` joins a meeting told in another sentence). An arrival told
    in a relative clause on the traveller ("Hegseth, que llegó la noche del lunes, fue
    recibido el martes": ``Candidate.background``) is left to ``_trips``: the meeting
    dates that visit."""
    return first.type in TRIP_TYPES and first.sentence.start == then.sentence.start \
        and first.trigger.start < then.trigger.start \
        and first.trigger.label_ in TRIP_OPENERS and then.trigger.label_ in MEETINGS \
        and first.precision == then.precision == "day" and not first.support \
        and not first.background \
        and not then.support and first.date_source == then.date_source == "stated" \
        and (first.date or "") < (then.date or "") \
        and when.near(first.date, then.date, TOLD_DAYS)


def two_places(a: str | None, b: str | None, parties: set[str]) -> bool:
    """Do two named places tell two stops (a call at Natal and a stay at Rio de Janeiro)?
    Not one place under two names (a capital in two languages: "Havana", "La Habana"), and
    not when one lies in a state none of the occurrence's parties is: it is no place of
    this occurrence (a fortress "San Carlos" read as the Venezuelan town beside Havana, the
    port a ship came from); a place of unknown state still counts."""
    if not (a and b) or same_place(a, b):
        return False
    of = load().entity_countries
    return all(state is None or state in parties
               for state in (of.get(("LOCATION", a)), of.get(("LOCATION", b))))


def same_place(a: str, b: str) -> bool:
    """One place: the same name, two names of one state's capital ("Havana", "La
    Habana", "Pequim", "Beijing"), or a base, pier or bay and the port city it lies in
    (``within`` of ``places.jsonl``: "baía de Guanabara" and "Rio de Janeiro", "Teteron"
    and "Chaguaramas" are one stop)."""
    within = load().within
    a, b = within.get(a, a), within.get(b, b)
    if a == b:
        return True
    capitals = _capitals()
    return a in capitals and capitals.get(a) == capitals.get(b)


@cache
def _capitals() -> dict[str, str]:
    """Every name of a capital (``capitals`` of ``countries.jsonl``, any language) -> the
    state or territory whose capital it is."""
    return {name: c["id"] for c in read_jsonl("countries.jsonl")
            for names in c.get("capitals", {}).values() for name in names}


def _handed_over(c: Candidate) -> bool:
    """Read by a frame telling a transfer's goods arrive or are handed over (``DELIVERIES``)."""
    return c.rule.rsplit(".", 1)[0] in DELIVERIES


def _named_apart(cand: Candidate, group: list[Candidate]) -> bool:
    """The candidate names an exercise other than one its group names ("el ejercicio
    Relámpago", from 5 August, and "el ejercicio Red Flag", in July): where only the
    merging days of its type would join their dates, two occurrences, as two ports or two
    platforms are (dates that agree still join: "the Southern Seas 2024 deployment" of the
    carrier of the exercise told that year)."""
    return cand.name is not None and any(c.name is not None and c.name != cand.name
                                         for c in group)


def _by(date: str | None, told: str | None) -> bool:
    """The date falls before the day a report was told, or within its month or year."""
    return bool(date and told) and (date or "")[:len(told or "")] <= (told or "")


def _rank(c: Candidate, head: bool = False) -> tuple:
    """How firmly a candidate tells its occurrence (the least first); for the ``head`` of
    an event's group, a report of a forum's own occurrence ("The seventh Conference ...
    began on Monday", "the dialogue was held in London on 5 May") comes before a
    participant's act at it told as firmly (``PARTAKING``): the forum's own report dates
    the event."""
    return (c.support, c.reported, SOURCE_RANK.get(c.date_source, 2),
            PRECISION_RANK[c.precision], head and _partaking(c), c.weak, c.from_context)


# the frame that reads a forum from a participant's own act at it, its verb before the
# forum's noun (arriving to attend it, talks or a speech there: "arrived in Nicaragua on
# Sunday to attend a conference", "held talks with MacKay before the opening session"):
# it dates the participant, not the forum
PARTAKING: Final = frozenset({"dialogue_forum.attended"})


def _partaking(c: Candidate) -> bool:
    """Is the candidate read from a participant's act at a forum (``PARTAKING``)?"""
    return c.rule.rsplit(".", 1)[0] in PARTAKING


def merge(candidates: list[Candidate]) -> list[list[Candidate]]:
    _told_before(candidates)
    order = sorted(range(len(candidates)), key=lambda i: (_rank(candidates[i]), i))
    groups: list[list[Candidate]] = []
    by_type: dict[str, list[list[Candidate]]] = {}  # the same groups (only a type's own fit)
    for i in order:
        cand = candidates[i]
        same = by_type.setdefault(cand.type, [])
        fits = [g for g in same if _compatible(g[0], cand)
                and (not cand.support or _about(cand, g))
                and not (_named_apart(cand, g) and not when.agree(g[0].date, cand.date))]
        undated = replace(cand, date=None) if not fits and (
            cand.anaphor or _guessed(cand) or cand.reported
            or cand.stretch and cand.type in SPAN_TYPES) \
            else cand  # (read by the groups of the type alike: made once)
        if not fits and cand.anaphor:  # "During the stay, the ship hosted a reception"
            fits = [g for g in same if _compatible(g[0], undated)
                    and cand.countries <= set().union(*(c.countries for c in g))
                    and any(not c.support and c.date_source == "stated"
                            and c.sentence.start < cand.sentence.start for c in g)]
        if not fits and _guessed(cand):  # "During the trip, the ministers signed a
            # memorandum" beside "ended the visit on Wednesday with the signing"
            fits = [g for g in same if _compatible(g[0], undated)
                    and cand.countries <= set().union(*(c.countries for c in g))
                    and any(not c.support and c.date_source == "stated" and c.precision == "day"
                            and when.near(c.date, cand.date, GUESS_DAYS) for c in g)]
        if not fits and cand.reported:  # "have signed an agreement, the text of which was
            # published on Wednesday" and, further on, "it was signed on September 22"
            told = [g for g in same if _compatible(g[0], undated)
                    and any(not c.support and c.date_source == "stated" and not c.reported
                            and c.precision in ("day", "month") and _by(c.date, cand.date)
                            and when.near(c.date, cand.date, REPORT_DAYS) for c in g)]
            fits = told if len(told) == 1 else []
        if not fits and cand.stretch and cand.type in SPAN_TYPES:  # "The course, which began
            # in January" and "bringing to a close 44 weeks of training on Friday"
            fits = [g for g in same if _compatible(g[0], undated)
                    and not two_places(cand.location, g[0].location,
                                       cand.countries | g[0].countries)
                    and any(_spans(c, cand) for c in g)]
        if fits:
            best = min(fits, key=lambda g: min(abs(c.sentence.start - cand.sentence.start)
                                               for c in g))
            best.append(cand)
        else:
            groups.append([cand])
            same.append(groups[-1])
    return _signed_on_trip(_trips(_planned(groups)))


# the types whose lead may be dated by the day the story tells it ("said Monday it has signed
# an agreement") while a later sentence points back at it with its own day ("The agreement
# was signed Saturday"), and how many days before the lead's that day may lie
TOLD_TYPES: Final = frozenset({"agreement"})
TOLD_BEFORE_DAYS: Final = 7


def _told_before(candidates: list[Candidate]) -> None:
    """A report of a signing dated to the day (``TOLD_TYPES``) followed, later in the text,
    by a sentence pointing back at the occurrence (``Candidate.refers``: "The agreement was
    signed Saturday", "El acuerdo fue rubricado el lunes 15") that states an earlier day of
    the same parties within ``TOLD_BEFORE_DAYS``: the lead was dated by the day it was told
    ("said Monday it has signed", "salió este miércoles a despejar las dudas que generó el
    Acuerdo"), as ``Candidate.reported`` says, and joins the occurrence the later sentence
    dates. A later sentence naming the occurrence without pointing back ("firmó un acuerdo
    el 6 de octubre", another agreement) leaves the lead as it was."""
    later = [c for c in candidates if c.type in TOLD_TYPES and c.refers and not c.support
             and c.date_source == "stated" and c.precision == "day" and c.date]
    if not later:
        return
    for a in candidates:
        if a.type not in TOLD_TYPES or a.support or a.reported or a.precision != "day" \
                or a.date_source != "stated" or not a.date:
            continue
        day = when.span(a.date)[0]
        if any(b.type == a.type and b.sentence.start > a.sentence.start
               and (b.date or "") < (a.date or "")
               and (day - when.span(b.date or "")[0]).days <= TOLD_BEFORE_DAYS
               and b.lac & a.lac and (b.countries - b.lac) & (a.countries - a.lac)
               for b in later):
            a.reported = True


# the types whose occurrences a story tells once and then by their terms: a transfer's
# delivery due, an agreement's entry into force expected, a gift's arrival awaited
PLAN_FOLDS: Final = frozenset({"arms_transfer", "agreement", "donation_aid"})


def _planned(groups: list[list[Candidate]]) -> list[list[Candidate]]:
    """An occurrence told only as it was owed or expected (``Candidate.planned``: "El
    compromiso original era despachar en enero del 2015 las cuatro unidades", "El documento
    preveía entregar el primer buque dieciocho meses después") of a type told once and then
    by its terms (``PLAN_FOLDS``), where the document tells one done of the same parties (a
    LAC state and an outside power shared) and no sentence supports it as done: the terms
    or the superseded schedule of that occurrence, which it joins as support, not one of
    its own. With no such occurrence told, it stays what it was. (A schedule told in the
    present or future, "está previsto el arribo de los primeros F-16 en diciembre", may be
    an occurrence to come, as the corpus reads it: not folded.)"""
    folded: list[list[Candidate]] = []
    for group in groups:
        stating = [c for c in group if not c.support]
        if not stating or stating[0].type not in PLAN_FOLDS \
                or not all(c.planned for c in group):  # (a sentence supporting it as done,
            # "No mesmo pacote, o Brasil comprou os quatro submarinos", keeps it)
            continue
        done = [g for g in groups if g is not group and not any(g is f for f in folded)
                and g[0].type == stating[0].type and any(
            not c.support and not c.planned and c.date_source == "stated"
            and any(c.lac & s.lac and (c.countries - c.lac) & (s.countries - s.lac)
                    for s in stating) for c in g)]
        if not done:
            continue
        best = min(done, key=lambda g: min(abs(c.sentence.start - t.sentence.start)
                                           for c in g for t in stating))
        best.extend(replace(c, support=True) for c in group)
        folded.append(group)
    return [g for g in groups if not any(g is f for f in folded)]


SIGNED_MEETING: Final = "senior_visit.signing"  # the frame of a meeting a signing implies
# the words of a visit's own meetings: talks, a reception, a call paid on a leader
HELD_MEETINGS: Final = frozenset({"meet_v", "meet_reflexive_v", "discuss_v", "receive_v",
                                  "meeting_n", "call_on_n", "courtesy_visit_n"})


def _signed_on_trip(groups: list[list[Candidate]]) -> list[list[Candidate]]:
    """A leaders' meeting a signing implies, told on a day after the first day of a visit of
    the same parties the document tells, within a trip's days (TRIP_DAYS: "Novillo arrived
    in Tehran on Sunday", "the two ministers signed the memorandum on Thursday"), is a
    meeting of that visit: it joins it and leaves it its date (the day a visit is dated
    by is its first). A visit told with meetings of its own ("On Tuesday he was welcomed
    by President Mulino") keeps the signing apart: another meeting, with another leader."""
    for group in list(groups):
        stating = [c for c in group if not c.support]
        if not stating or any(c.rule.rsplit(".", 1)[0] != SIGNED_MEETING
                              or c.precision != "day" or c.date_source != "stated"
                              for c in stating):
            continue
        head = stating[0]
        day = head.date or ""
        visits = [g for g in groups if g is not group and g[0].type == head.type and any(
            not c.support and c.precision == "day" and c.date_source == "stated" and c.date
            and c.rule.rsplit(".", 1)[0] != SIGNED_MEETING and c.date < day
            and when.near(c.date, day, TRIP_DAYS)
            and c.lac & head.lac and (c.countries - c.lac) & (head.countries - head.lac)
            for c in g) and not any(not c.support and c.trigger.label_ in HELD_MEETINGS
                                    for c in g)]
        if not visits:
            continue
        best = min(visits, key=lambda g: min(abs(c.sentence.start - t.sentence.start)
                                             for c in g for t in stating))
        for c in group:
            c.trip = True
        best.extend(group)
        groups.remove(group)
    return groups


# types of which a trip is told apart from its meetings, and the frames telling the trip's
# first day ("arrived on Monday on his first visit"); how many days a trip told by its
# first or last day may last ("a week-long trip", "a nine-day visit")
TRIP_TYPES: Final = frozenset({"senior_visit"})
# the trigger classes telling an occurrence of a type that lasts begin by an arrival: a
# call's first day is the ship's arrival (``_start``)
ARRIVING: Final = {"port_call": frozenset({"arrive"})}
ARRIVALS: Final = frozenset({"senior_visit.arrival"})
TRIP_DAYS: Final = 7
VISIT_NOUN: Final = "visit_n"
HOSTED: Final = frozenset({"receive_v"})  # a reception: a meeting the host tells, no trip
TRIP_OPENERS: Final = frozenset({"arrive", "visit_v"})  # the trip's first day, told by its arrival
MEETINGS: Final = frozenset({"meet_v", "receive_v", "meeting_n"})  # a meeting of the trip


def _trip_days(c: Candidate, stretches: bool = True) -> tuple[str, str] | None:
    """The days a candidate tells a visit's trip over, when it tells the trip by its first
    or last day rather than one of its meetings: its arrival ("arrived on Monday on his
    first visit": the days after), its close ("the visit concludes today", "encerrando a
    programação": the days before) or the stretch it states ("is in Guyana from Tuesday to
    Thursday for talks with", "estuvo en Francia del 19 al 23", "esteve em Brasília de 8 a
    10": those days). A reception told with the stretch
    ("recebeu o almirante, que realiza visita oficial de 9 a 12") is a meeting of its own;
    so is, to a trip told by its arrival or close, a stay told by its days ("returned from
    a week-long trip", "In Bogotá, where he spent Sept. 19-21, Faller held talks"): without
    ``stretches``, a stated stretch tells no trip."""
    if c.type not in TRIP_TYPES or c.support or c.precision != "day" or not c.date \
            or c.date_source != "stated":
        return None
    if c.end and c.end > c.date:
        return None if c.trigger.label_ in HOSTED or not stretches else (c.date, c.end)
    first, _ = when.span(c.date)
    if c.rule.rsplit(".", 1)[0] in ARRIVALS:
        return c.date, (first + timedelta(days=TRIP_DAYS)).isoformat()
    if c.stretch == STRETCH_END:
        return (first - timedelta(days=TRIP_DAYS)).isoformat(), c.date
    return None


def _trips(groups: list[list[Candidate]]) -> list[list[Candidate]]:
    """A visit told by its arrival or its close and, in another sentence, by a meeting on
    one of the trip's days ("Hegseth arrived on Monday on his first visit to Panama", "On
    Tuesday he was welcomed by President Mulino"): one occurrence, dated by its meeting
    (the day a visit is dated by). The trip joins the meeting nearest it in the text; two
    meetings on two days of one trip stay two events. A meeting told in the arrival's own
    sentence may be what the visitor is to do ("aterrizó el martes y tenía previsto
    reunirse este miércoles"): the arrival dates that visit, unless a semicolon parts the
    meeting from it ("He arrived on April 21 for a nine-day visit; on April 28 he held
    talks in Beijing": ``Candidate.part``) or the arrival is a
    relative clause on the traveller ("Hegseth, que llegó la noche del lunes, fue recibido
    el martes por el presidente": ``Candidate.background``). A visit told by the
    days it lasts ("was in France from 19 to 23 August", "On 21 August he called on"; "esteve
    na Índia entre 19 e 24 de agosto; no dia 21 foi recebido") joins the meeting dated
    inside them, in its sentence too; a visit noun with its days alone ("made an official
    visit to India from 19 to 24 August") stays an occurrence of its own beside them, as
    reports count it as often. Where the meeting found is a visit noun alone ("Novillo,
    who has been on an official visit to Tehran", in the sentence of the signing on
    Thursday), it tells the trip, not one of its days: the arrival dates the visit. A
    trip told by its close and by its arrival alone ("arrived
    in Panama City on Tuesday", "concluded a three-day visit today") is one, dated by its
    arrival."""
    for group in list(groups):
        # (its reports to the day all tell the trip; one told by its year or month alone,
        # "In 2007 ... made an extended trip to China", goes with it)
        stating = [c for c in group if not c.support and c.precision == "day"
                   and c.date_source == "stated"]  # (one dated by the text around it,
        # "reuniu-se com autoridades" after "concluiu nesta quinta-feira visita de três
        # dias", goes with the trip its group tells: it tells no day of its own)
        days = [_trip_days(c) for c in stating]
        if not stating or not all(days) or all(
                c.trigger.label_ == VISIT_NOUN and c.end and c.end > (c.date or "")
                for c in stating):
            continue  # (a visit noun with its days alone, "made an official visit to India
            # from 19 to 24 August": an occurrence of its own beside the meetings in it)
        first = min(d[0] for d in days if d)
        last = max(d[1] for d in days if d)
        head = stating[0]
        closing = all(t.stretch == STRETCH_END for t in stating)  # (told by its close: its
        # arrival, told in its own sentence, is the day the trip began)
        meetings = [g for g in groups if g is not group and g[0].type == head.type
                    and any(not c.support and c.precision == "day"
                            and (_trip_days(c, stretches=False) is None
                                 or closing and c.rule.rsplit(".", 1)[0] in ARRIVALS)
                            and c.date_source == "stated" and when.holds(first, last, c.date)
                            and c.lac & head.lac
                            and (c.countries - c.lac) & (head.countries - head.lac)
                            and all(c.sentence.start != t.sentence.start
                                    or c.part != t.part
                                    or (t.end or "") > (t.date or "") or t.background
                                    for t in stating)
                            for c in g)]
        if not meetings:
            continue
        best = min(meetings, key=lambda g: min(abs(c.sentence.start - t.sentence.start)
                                               for c in g for t in stating))
        told = [c for c in best if not c.support and c.date_source == "stated"]
        if told and all(c.trigger.label_ == VISIT_NOUN for c in told):
            for c in told:  # (a visit noun alone tells the trip, not a meeting on one of
                c.trip = True  # its days: "Novillo, who has been on an official visit to
                # Tehran", dated by the signing told with it: the arrival dates the visit)
        else:
            for c in stating:
                c.trip = True
        best.extend(group)
        groups.remove(group)
    return groups


def _spans(c: Candidate, cand: Candidate) -> bool:
    """One report tells a course begin, the other its close, on a later day or month within
    the longest such course (``SPAN_TYPES``), and the one told later points back at it: its
    start and its close, one occurrence."""
    if c.support or cand.support or c.date_source != "stated" or cand.date_source != "stated" \
            or not c.date or not cand.date or {c.stretch, cand.stretch} != {STRETCH_START,
                                                                          STRETCH_END}:
        return False
    if not max((c, cand), key=lambda x: x.sentence.start).refers:
        return False  # the later told points back at the course ("the course, which began",
        # "el curso comenzó"), else another course of the story ("inauguró su Curso de ...")
    first, last = (c, cand) if c.stretch == STRETCH_START else (cand, c)
    n = min(len(first.date or ""), len(last.date or ""))
    return (first.date or "")[:n] < (last.date or "")[:n] \
        and when.near(first.date, last.date, SPAN_TYPES[c.type])


def _guessed(c: Candidate) -> bool:
    """A report dated to the day only by the sentences around it (``date_source`` context:
    "During the trip, the two ministers signed a memorandum" after "arrived on Monday"),
    not a visit (a meeting of another day of a trip stays apart: ``_trips``): the day is
    the story's, not its own. One that agrees with no event by that day joins the event
    of its type and parties told to the day within ``GUESS_DAYS`` of it (the memorandum
    whose signing closed the visit on Wednesday)."""
    return c.date_source == "context" and not c.support and c.precision == "day" \
        and c.type not in TRIP_TYPES


def _about(support: Candidate, group: list[Candidate]) -> bool:
    """A support sentence joins an occurrence only when it is about it: it points back at
    it ("the visit", "ambas partes") or stands next to a sentence that states it, and names
    no LAC state the occurrence lacks."""
    if not all(any(code in c.lac for c in group) for code in support.lac):
        return False
    return support.refers or any(abs(c.paragraph - support.paragraph) <= SUPPORT_PARAGRAPHS
                                 for c in group if not c.support)


def build_event(group: list[Candidate], document: Document) -> Event:
    return weighed_event(group, document)[0]


def weighed_event(group: list[Candidate], document: Document,
                  wording: Callable[[Candidate], dict[str, float]] | None = None
                  ) -> tuple[Event, float]:
    """The event a group of candidates makes (``build_event``), and the probability that it
    is right, which its confidence rounds (the threshold is compared with the probability);
    ``wording`` gives the features of its head's sentence's wording (``wording.py``)."""
    head = min([c for c in group if not c.trip] or group,
               key=lambda c: _rank(c, head=True))
    date, precision, source = head.date, head.precision, head.date_source
    start = _start(head, group)
    if start is not None:
        date, precision = start
    stretch = _stated_stretch(head, group) if start is None else None
    if stretch is not None:  # its stated stretch dates it, not a day before it was told on
        date, precision = stretch.date, stretch.precision
    fallback = date is None
    if date is None and head.opening is not None:
        (date, precision), source = head.opening, "context"
    if date is None:
        if document.published:
            date, precision, source = document.published[:7], "month", "published"
        else:
            source = "none"
    stating = [c for c in group if not c.support]
    # one candidate per sentence: those of one sentence name the same persons and institutions
    firsts: dict[int, Candidate] = {}
    for c in stating:
        firsts.setdefault(c.sentence.start, c)
    sentences = list(firsts.values())
    countries = tuple(sorted(_parties(head, sentences, stating)))
    basis = f"{head.type}|{','.join(countries)}|{date or ''}"
    port = next((c.port for c in group if c.port), None)
    if port:  # one of two calls in one state on one date (other keys stay as they were)
        basis += f"|{port}"
    key = hashlib.sha256(basis.encode()).hexdigest()[:16]
    rows: dict[tuple[int, int], Evidence] = {}  # (one row per sentence: its first)
    done: set[tuple[int, int]] = set()  # (the sentences with a row: read no more)
    for c in sorted(group, key=lambda c: (c is not head, c.support, c.sentence.start)):
        said = (c.sentence.start_char, c.sentence.end_char)
        if said in done:
            continue
        done.add(said)
        row = _evidence(c, document)
        rows.setdefault((row.start, row.end), row)
    # a participant's act at a forum yields the head to the forum's own report only to date
    # it (``_rank``): where it is the firmest report, it weighs the group ("Austin spoke on
    # Tuesday at the Conference" beside "held a bilateral meeting ... on the sidelines of
    # the conference")
    lead = min([c for c in group if not c.trip] or group, key=_rank)
    features = dict((lead if _partaking(lead) else head).features)
    features.update({"reports": float(len({c.sentence.start for c in stating})),
                     "supports": float(len(group) - len(stating)),
                     "date_fallback": float(fallback)})
    if wording is not None:
        features.update(wording(head))
    end = head.end if date == head.date and precision == "day" else None
    if stretch is not None:
        end = stretch.end
    if end is None and start is None and head.stretch == STRETCH_END and precision == "day" \
            and source == "stated" and merge_days(head.type):
        end = date  # "the drills concluded on 17 June": dated at its close
    chance = probability(features)
    return Event(
        key=key, type=head.type, date=date, date_precision=precision, date_source=source,
        date_end=end if end and date and end >= date else None,
        countries=countries,
        location=next((c.location for c in stating if c.location), None),
        persons=tuple(dict.fromkeys(p for c in sentences for p in c.persons)),
        institutions=tuple(dict.fromkeys(i for c in sentences for i in c.institutions)),
        confidence=round(chance, 2), evidence=tuple(rows.values()), features=features,
    ), chance


def _parties(head: Candidate, sentences: list[Candidate], stating: list[Candidate]
             ) -> set[str]:
    """An event's parties: every LAC state its stating sentences name, and the outside
    powers most of those sentences name (on a tie, those of its head). A power one sentence
    of two names beside the occurrence's own ("os navios cruzaram com a fragata Rademaker,
    que retornava de operações com a Marinha dos Estados Unidos" after the Chinese ships'
    passing exercise with Brazil's) is outvoted: it joined by the power it shares. A
    gathering (an exercise, a forum: ``GATHERINGS``) keeps every power a report names, each
    naming some of its parties."""
    every = set().union(*(c.countries for c in stating))
    if head.type in GATHERINGS or len(sentences) < 2:
        return every
    powers = {c: sum(c in s.countries for s in sentences) for c in every
              if not any(c in s.lac for s in stating)}
    kept = {c for c, n in powers.items() if 2 * n > len(sentences)
            or 2 * n == len(sentences) and c in head.countries}
    if not kept:
        return every
    return (every - set(powers)) | kept


def _start(head: Candidate, group: list[Candidate]) -> tuple[str, str | None] | None:
    """The first day of an occurrence that lasts (an exercise, a course, a forum, a call)
    told by its firmest report at its close ("encerrou nesta quinta-feira (17)"), on a
    later day of it ("se dio inicio oficial esta mañana a la misión médica del buque") or
    at the opening of a later part ("teve início nesta segunda-feira (6) a segunda fase")
    when another of its reports tells it begin on an earlier day ("O treinamento começou
    no dia 7", "the drills began on 2 May", "the exercise officially started on 4 March",
    a call's arrival: "El buque hospital arribó el lunes 8 de julio al Callao",
    ``ARRIVING``): a stretch keeps its start. A participant's act at a forum ("Gates arrived
    in Banff on Tuesday and held talks with MacKay before the opening session") tells no
    start of the forum its own report dates ("MacKay opened the conference on Wednesday")."""
    if head.precision != "day" or not head.date or not merge_days(head.type):
        return None
    # (a course told at its close: any earlier stated day of it is nearer its start: "The
    # course ran from May 1 to 12" beside "At the closing ceremony on Friday, May 12, ...
    # presented the certificates"; a ship's earlier day may be another stop's)
    opening = (STRETCH_START, None) if head.stretch == STRETCH_END \
        and head.type == "education_training" else (STRETCH_START,)
    days = [c.date for c in group if (c.stretch in opening or _arriving(c, head))
            and not c.support and not (_partaking(c) and not _partaking(head))
            and c.date_source == "stated" and c.precision == "day" and c.date
            and c.date < head.date]
    if days:
        return min(days), "day"
    if head.type in OWN_START:
        return _forum_start(head, group)
    # (a course told at its close and, elsewhere, by the month it began: "which began in
    # January", "iniciado em fevereiro": its start's month)
    months = [c.date for c in group if c.stretch == STRETCH_START and not c.support
              and head.stretch == STRETCH_END and head.type in SPAN_TYPES
              and c.date_source == "stated" and c.precision == "month" and c.date
              and c.date < head.date[:7]]
    return (min(months), "month") if months else None


# the types whose occurrence is dated by its own opening, told on whichever day of the
# group ("The Tenth Conference opened on Monday, October 8" after "Panetta traveled on
# Saturday to Punta del Este, where he is participating in the Tenth Conference")
OWN_START: Final = frozenset({"dialogue_forum"})


def _forum_start(head: Candidate, group: list[Candidate]) -> tuple[str, str | None] | None:
    """The first day of a forum (``OWN_START``) its firmest report does not date by its
    opening: the day another report tells it open ("opened on Monday", "se inauguró el
    martes", "começou na segunda-feira"), before or after the head's day (a participant's
    day of travel or a side meeting tells no start of it); failing that, when every report
    is a participant's act at it (``PARTAKING``: a speech "la víspera en la sesión
    plenaria", talks "al margen de la conferencia" the day after), the earliest of their
    days: the forum met on it."""
    if head.stretch == STRETCH_START:
        return None
    stated = [c for c in group if not c.support and c.date_source == "stated"
              and c.precision == "day" and c.date]
    openings = [c.date or "" for c in stated if c.stretch == STRETCH_START
                and not _partaking(c) and c.date != head.date]
    if openings:
        return min(openings), "day"
    first = min((c.date or "" for c in stated), default=None)
    if first is not None and all(_partaking(c) for c in group if not c.support) \
            and first < (head.date or ""):
        return first, "day"
    return None


def _stated_stretch(head: Candidate, group: list[Candidate]) -> Candidate | None:
    """A report of an occurrence that lasts (a course, a visit, a call) that states its
    stretch ("se impartirá del 17 de febrero al 28 de marzo", "from 26 June to 1 August")
    when the firmest report is a single day before that stretch (the day it was authorized
    or announced: "El Senado avaló este martes que diez militares adiestren ..."): the
    stretch's first day dates the occurrence."""
    if head.precision != "day" or not head.date or not merge_days(head.type) \
            or (head.end and head.end > head.date) or head.stretch == STRETCH_START:
        return None  # (a report of its opening dates it: "the opening ceremony on June 11")
    told = [c for c in group if not c.support and c.date_source == "stated"
            and c.precision == "day" and c.date and c.end and c.end > c.date
            and c.date > head.date and c.sentence.start != head.sentence.start]
    return min(told, key=lambda c: c.date or "") if told else None


def _arriving(c: Candidate, head: Candidate) -> bool:
    """Does the candidate tell, in a sentence of its own, its occurrence begin by its
    arrival (a ship's, for a call)? (In the head's own sentence an earlier day told with
    it is what went before: "atracó este viernes tras pasar la víspera fondeado".)"""
    return c.trigger.label_ in ARRIVING.get(c.type, frozenset()) \
        and c.sentence.start != head.sentence.start


def _evidence(c: Candidate, document: Document) -> Evidence:
    sent = c.sentence
    text = document.text[sent.start_char:sent.end_char]
    start = sent.start_char + (len(text) - len(text.lstrip()))
    end = sent.start_char + len(text.rstrip())
    page = bisect_right(document.page_offsets, start) if document.page_offsets else None
    return Evidence(
        document_id=document.id, sentence=document.text[start:end], start=start, end=end,
        page=page, rule=c.rule, trigger=document.text[c.trigger.start_char:c.trigger.end_char],
        trigger_start=c.trigger.start_char, trigger_end=c.trigger.end_char,
        role="supports" if c.support else "states",
        secondary=c.features.get("secondary", 0.0) > 0,
    )
