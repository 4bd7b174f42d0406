"""Cross-document merging: which extracted events report one occurrence (store stage, no SQL).

Each document yields its own events (``Report`` here, one row of ``events``); outlets
report one occurrence with dates at different precisions, different details, in different
languages. Two reports *may* be one occurrence (``compatible``) when they have

- the same type, and not one document telling both (the NLP stage already kept apart what
  one document tells as two events, with more context than we have here; a report shared by
  several outlets is not held apart by one of them that told it twice: ``_one_document``);
- a LAC state and an outside power in common, or (``_one_day``), for a type not held
  once per state, a LAC state, the same day stated in both texts, and the same place,
  ship, exercise or person: an outlet that took its power from the wrong paragraph;
- dates that agree at the coarser precision (``when.agree``: "2024-07" and "2024-07-08"; a
  day of a one-day type that the text around a report gave it counts as its month,
  ``_told``),
  or, both to the day, for types whose occurrences last days (``models/merging.json``),
  lie within that many days of each other, or one's day falls inside the stretch the other
  states ("from 5 to 17 June": ``Report.end``, an outlet dating the exercise by its close),
  or one is dated at its close ("the drills concluded on 17 June": its end is its date) and
  the other up to the days one document's reports of the type may lie apart before it (the
  ``merge_days`` of ``event_types.json``: an outlet dating the drills by their planned start);
  and do not name two places of one state they share (a capital named in two languages,
  "Havana" and "La Habana", is one place: ``nlp.merge.same_place``; a report dated at its
  close of a type that is not one occurrence per state may: an exercise moves on); two
  meetings on different days stay two events;
- a report naming another outside power than the others (an outlet that took its power
  from the sentence telling who rebuked the deployment) may still be theirs when it is
  compatible with each but for the power, both dated in their text to the day or month,
  dates agreeing, and names the same platform model, the aircraft or ship class
  (``_across_powers``: the Tu-160s in Venezuela in December 2018; not for goods changing
  hands, whose models are sold on from one power to another); such a report joins an
  occurrence told by more documents than itself only (``_adopts``), and its power is then
  outvoted (``merged_countries``);
- no conflicting detail: two sets of named ships that differ, or two named exercises or
  missions that differ (UNITAS is not PANAMAX), or, for the types of goods changing hands
  (``goods`` of ``models/merging.json``), two sets of platform models with none in common
  (the F-16s are not the C-130: ``Report.models``);
- no two different steps of one transfer: the rules that read a report's stating sentences
  tell whether it is a selection, a contract or a delivery (``steps`` of
  ``models/merging.json``); a platform chosen and the contract later signed for it are two
  occurrences, even when one outlet dates the choice only "in 2012";
- for types of which each host state has its own occurrence (``per_state``: a visit, a port
  call), not one report naming several sovereign LAC states (a tour told in one sentence:
  "he will meet officials in Buenos Aires, Santiago and Bogotá") and one naming one, unless
  both place it at one place of a state they share (the visit to Brasília of a report that
  also names Venezuela, the crisis its talks were about: one stop, not a tour);
- where one of them is dated only to the year, not two places that lie in different states
  (a 2022 exercise at Fort Polk and another 2022 exercise off Paita): a year says too little
  to tie a report to one occurrence of it, the place it names says more; unless both name
  the same ship, person or platform model and the year's report places it in its own
  outside power (the Chabanenko "in 2008" at Moscow and at Havana on 19 December:
  ``_came_from``).

``cluster`` groups compatible reports into occurrences: most specific first (day, then
month, year, undated; a stated date before a publication-date fallback; then by key), each
report joins the occurrence whose every member it is compatible with (a report dated only
to the year, also one a member of which ties it by a ship, person or platform model it
places in its own outside power, when only its place keeps it from the others: ``_tied``);
when several would
take it, the one it shares the most named ships, exercises, persons, platform models
(the "F-16" of a "2023" approval, beside a C-130 lease of June 2023 and an F-16 approval of
October: ``Report.models``) or places with, then
the one a member of which gives its very date (two outlets that say only "in 2009" of a
contract beside two others dated to the day), then, for a report vaguer than all of them
naming no party the occurrence lacks, the one at least three documents and twice as many as
any other tell (``_most_told``: a "2025-04" report of a trip beside the day eight outlets date
its talks by and the arrival one dates), and with no clear winner (a "2024" report beside
two dated editions of an exercise) it stays on its own.
A report left on its own that an occurrence told by more documents adopts across powers
(``_adopts``: it was stored before the member naming its platform model joined) joins it
last (``_rejoin``).
The result depends only on the set of reports, never on the order they were stored in,
and clustering each connected group of compatible reports alone gives the same result as
clustering them all, so the store re-clusters only the groups a save touched.

An occurrence is keyed by its first member's key (the most specific report): reviews stay
keyed by the report they were taken on, and apply to whichever occurrence holds it.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Final

from pipeline import when
from pipeline.errors import ConfigError
from pipeline.nlp.merge import same_place
from pipeline.nlp.models import EVENT_TYPES, MODELS, load, merge_days

PRECISION_RANK = {"day": 0, "month": 1, "year": 2, None: 3}


@dataclass(frozen=True)
class Report:
    """One extracted event (a row of ``events``) as merging sees it."""

    key: str
    type: str
    date: str | None
    precision: str | None
    stated: bool  # the date is stated in the text (not the publication month)
    countries: frozenset[str]
    place: str | None = None  # the place the rules named for it
    ships: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()  # named exercises, operations, missions (programs)
    documents: frozenset[str] = frozenset()
    persons: frozenset[str] = frozenset()
    steps: frozenset[str] = frozenset()  # transfer steps its stating rules tell (``step_of``)
    end: str | None = None  # the last day of the stretch its date starts ("del 5 al 17")
    # the platform models its stating sentences name ("f-16", "c-130":
    # ``designations.models_named``)
    models: frozenset[str] = frozenset()

    def order(self) -> tuple:
        """Most specific first; the key breaks ties, so the order never depends on storage."""
        return (PRECISION_RANK.get(self.precision, 3), not self.stated, self.date or "",
                self.key)


@cache
def span_days(folder: Path = MODELS) -> dict[str, int]:
    """Days apart two day-precise reports of one occurrence may be, per type."""
    path = folder / "merging.json"
    spans = json.loads(path.read_text(encoding="utf-8")).get("span_days")
    if not isinstance(spans, dict) or set(spans) != set(EVENT_TYPES) or not all(
            isinstance(v, int) and v >= 0 for v in spans.values()):
        raise ConfigError(f"{path.name}: span_days must give every type ({', '.join(EVENT_TYPES)})"
                          " a whole number of days, 0 or more")
    return spans


@cache
def _steps(folder: Path = MODELS) -> dict[str, str]:
    path = folder / "merging.json"
    steps = json.loads(path.read_text(encoding="utf-8")).get("steps", {})
    if not isinstance(steps, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and v for k, v in steps.items()):
        raise ConfigError(f"{path.name}: steps must map frame ids to step names")
    return steps


def _kinds(key: str, folder: Path) -> frozenset[str]:
    """The event types ``models/merging.json`` lists under ``key``, checked."""
    path = folder / "merging.json"
    kinds = json.loads(path.read_text(encoding="utf-8")).get(key, [])
    if not isinstance(kinds, list) or not set(kinds) <= set(EVENT_TYPES):
        raise ConfigError(f"{path.name}: {key} must list event types")
    return frozenset(kinds)


@cache
def _per_state(folder: Path = MODELS) -> frozenset[str]:
    """Types of which each host state has its own occurrence (a visit, a port call)."""
    return _kinds("per_state", folder)


@cache
def _goods(folder: Path = MODELS) -> frozenset[str]:
    """Types told by the goods that change hands: two sets of platform models with none in
    common are two occurrences."""
    return _kinds("goods", folder)


def _tour(lac: frozenset[str]) -> bool:
    """Does a report name several sovereign LAC states (territories such as the Falklands,
    named as a dispute, do not count)?"""
    sovereigns = load().sovereigns
    return sum(c not in sovereigns for c in lac) > 1


def step_of(rule: str) -> str | None:
    """The transfer step (selection, contract, delivery) a rule ``<frame id>.<language>``
    tells, or None when it tells none."""
    return _steps().get(rule.rpartition(".")[0])


def _sides(countries: Iterable[str]) -> tuple[frozenset[str], frozenset[str]]:
    return _split(frozenset(countries))


@cache
def _split(countries: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    regions = load().regions
    return (frozenset(c for c in countries if regions.get(c) == "LAC"),
            frozenset(c for c in countries if regions.get(c) == "extra"))


def lac_states(countries: Iterable[str]) -> frozenset[str]:
    """The Latin American and Caribbean states among ``countries``."""
    return _sides(countries)[0]


def compatible(a: Report, b: Report, places: bool = True, powers: bool = True) -> bool:
    """May ``a`` and ``b`` report the same occurrence? ``places=False``: leaving aside the
    places in different states of a report dated only to the year (``_apart``);
    ``powers=False``: leaving aside the outside powers they name (``_adopts``)."""
    if a.type != b.type or _one_document(a, b):
        return False
    (a_lac, a_out), (b_lac, b_out) = _sides(a.countries), _sides(b.countries)
    if not (a_lac & b_lac and (not powers or a_out & b_out or _one_day(a, b, a_out, b_out))):
        return False
    if a.ships and b.ships and not a.ships & b.ships:
        return False
    if a.names and b.names and not a.names & b.names:
        return False
    if a.steps and b.steps and not a.steps & b.steps:
        return False
    if a.type in _goods() and a.models and b.models and not a.models & b.models:
        return False  # F-16s and a C-130: two transfers
    if a.type in _per_state() and _tour(a_lac) != _tour(b_lac) and not _same_stop(
            a, b, a_lac & b_lac):
        return False
    if when.agree(_told(a), _told(b)):
        return ("year" not in (a.precision, b.precision) or not places or not _apart(a, b)
                or _came_from(a, b))
    days = span_days().get(a.type, 0)
    if days and a.precision == b.precision == "day" and (
            when.holds(a.date, a.end, b.date) or when.holds(b.date, b.end, a.date)):
        return not _elsewhere(a, b, a_lac & b_lac)  # (a stretch of a type that lasts)
    if days and a.precision == b.precision == "day" and (_closes(a, b) or _closes(b, a)):
        # an exercise or a course moves on: the place of its start is not that of its close
        # (one ship's calls at two ports of a state stay two)
        return a.type not in _per_state() or not _elsewhere(a, b, a_lac & b_lac)
    return (bool(days) and a.precision == b.precision == "day"
            and when.near(a.date, b.date, days) and not _elsewhere(a, b, a_lac & b_lac))


def related(a: Report, b: Report) -> bool:
    """Compatible, or compatible but for the outside powers and tied by a platform model
    (``_across_powers``): the reports ``components`` and the store gather into one group,
    which ``cluster`` decides on."""
    return compatible(a, b) or (_across_powers(a, b) and compatible(a, b, powers=False))


def _one_document(a: Report, b: Report) -> bool:
    """Does one document tell both reports apart? A report's key (its type, parties and
    date) may be shared by several documents' events: one outlet that told the occurrence
    twice (an undated lead dated by its publication, beside the day a later sentence
    states) keeps apart only its own two, not those of the outlets that each told one of
    them: only where every document of one report is a document of the other."""
    return bool(a.documents & b.documents) and (a.documents <= b.documents
                                                 or b.documents <= a.documents)


def _told(report: Report) -> str | None:
    """The report's date as its text tells it: a day the sentences around its own gave it
    (``date_source`` context: "Wang will pay protocol calls on the Guayaquil mayor", told
    after "arrived on Thursday"), for a type held on one day (``span_days`` 0: a meeting, a
    signing), tells its month only, which a day another outlet states agrees with ("ending
    a four-day friendly visit" on Monday 14). A type that lasts days takes such a day within
    its span (``compatible``), as one that fitted two of them in a month would fit neither."""
    if report.date and report.precision == "day" and not report.stated \
            and not span_days().get(report.type, 0):
        return report.date[:7]
    return report.date


def _one_day(a: Report, b: Report, a_out: frozenset[str], b_out: frozenset[str]) -> bool:
    """Two reports naming different outside powers that still tell one occurrence: both
    dated in their text to the same day and placing it at the same place, or naming the
    same ship, exercise or person. An outlet reads the power from around the sentence and
    may take the wrong one (the partner of an earlier paragraph); the occurrence's power is
    then what most of its reports name. Not for the types of which one place holds several
    on one day (``per_state``): navies of several powers lie in one port at once, and
    delegations of several powers attend one inauguration."""
    if a.type in _per_state() or not (a_out and b_out and a.stated and b.stated):
        return False
    if not (a.precision == b.precision == "day" and a.date == b.date):
        return False
    return bool(a.ships & b.ships or a.names & b.names or a.persons & b.persons
                or (a.place and b.place and same_place(a.place, b.place)))


def _across_powers(a: Report, b: Report) -> bool:
    """Two reports naming different outside powers that the aircraft or ship class they
    name ties to one occurrence: both dated in their text, to the day or the month, dates
    that agree, and a platform model in common (the Tu-160s that landed in Venezuela in
    December 2018, told by one outlet with the United States whose rebuke its sentence
    reports). Not for the types of goods changing hands (``goods``): a model is sold on from
    one power to another (Denmark's US-built F-16s), so it does not tell whose transfer a
    report is."""
    if a.type in _goods() or not (a.stated and b.stated):
        return False
    if not ({a.precision, b.precision} <= {"day", "month"} and when.agree(a.date, b.date)):
        return False
    return bool(a.models & b.models)


def _same_stop(a: Report, b: Report, states: frozenset[str]) -> bool:
    """Do both reports place the occurrence at one place of a state they share (Brasília,
    of the report that also names Venezuela and of the one that does not)?"""
    if not (a.place and b.place and same_place(a.place, b.place)):
        return False
    return load().entity_countries.get(("LOCATION", a.place)) in states


def _apart(a: Report, b: Report) -> bool:
    """Do the two reports name places that lie in different states (Fort Polk and Paita)?
    A place whose state is not known, or one place named two ways, tells nothing."""
    if not (a.place and b.place) or same_place(a.place, b.place):
        return False
    places = load().entity_countries
    first, second = places.get(("LOCATION", a.place)), places.get(("LOCATION", b.place))
    return first is not None and second is not None and first != second


def _came_from(a: Report, b: Report) -> bool:
    """Do the two reports name the same ship, person or platform model, and the one dated
    only to the year places it in a state of its own outside power (the Chabanenko "in
    2008" with Moscow, the call told to the day at Havana; the Brazilian delegation "this
    year" at Mumbai, told in August at Brasília; the Tu-160s "in 2013" with Moscow, the
    bombers' October landing at Maracay)? A named ship, person or platform ties a year's
    report more than a place in the power, where the ship came from or the delegation went,
    that outlets tell either way; two reports naming none in common stay apart by their
    places (``_apart``)."""
    if not (a.ships & b.ships or a.persons & b.persons or a.models & b.models):
        return False
    places = load().entity_countries
    for r in (a, b):
        if r.precision == "year" and r.place:
            state = places.get(("LOCATION", r.place))
            if state is not None and state in _sides(r.countries)[1]:
                return True
    return False


def _closes(a: Report, b: Report) -> bool:
    """Is ``a`` dated at its close ("the drills concluded on 17 June": its end is its date)
    and ``b`` dated up to the days one document's reports of the type may lie apart before
    it (an outlet that dated the drills by their planned start, 5 June)?"""
    if not (a.end and a.date and b.date) or a.end != a.date:
        return False
    return b.date <= a.date and when.near(a.date, b.date, merge_days(a.type))


def _elsewhere(a: Report, b: Report, states: frozenset[str]) -> bool:
    """Two places named in the same state of both reports, and they differ (one ship's
    calls at Natal and at Rio de Janeiro six days apart)."""
    if not (a.place and b.place) or same_place(a.place, b.place):
        return False
    places = load().entity_countries
    country = places.get(("LOCATION", a.place))
    return country is not None and country == places.get(("LOCATION", b.place)) and (
        country in states)


def components(reports: Iterable[Report]) -> list[list[Report]]:
    """Connected groups of compatible reports (each is clustered on its own); candidates are
    found through the type and LAC states a report names."""
    todo = sorted(reports, key=Report.order)
    buckets: dict[tuple[str, str], list[Report]] = {}
    for report in todo:
        for state in _sides(report.countries)[0]:
            buckets.setdefault((report.type, state), []).append(report)
    seen: set[str] = set()
    groups = []
    for start in todo:
        if start.key in seen:
            continue
        group, frontier = [], [start]
        seen.add(start.key)
        while frontier:
            report = frontier.pop()
            group.append(report)
            for state in _sides(report.countries)[0]:
                for other in buckets[(report.type, state)]:
                    if other.key not in seen and related(report, other):
                        seen.add(other.key)
                        frontier.append(other)
        groups.append(sorted(group, key=Report.order))
    return groups


def cluster_all(reports: Iterable[Report]) -> list[list[Report]]:
    """``cluster`` applied to each connected group of ``reports``."""
    return [o for group in components(reports) for o in cluster(group)]


def shared_details(report: Report, occurrence: list[Report]) -> int:
    """How many named details (ships, exercises, persons, platform models, the place) a
    report shares with the reports of an occurrence."""
    ships = set().union(*(m.ships for m in occurrence))
    names = set().union(*(m.names for m in occurrence))
    persons = set().union(*(m.persons for m in occurrence))
    models = set().union(*(m.models for m in occurrence))
    places = {m.place for m in occurrence if m.place}
    return (len(report.ships & ships) + len(report.names & names)
            + len(report.persons & persons) + len(report.models & models)
            + any(report.place and same_place(report.place, p) for p in places))


def _same_date(report: Report, occurrence: list[Report]) -> bool:
    """Does a member of the occurrence give the report's own date, at its own precision
    (two outlets writing "in 2009" of a contract another dates to the day)?"""
    return report.date is not None and any(
        m.date == report.date and m.stated == report.stated for m in occurrence)


def cluster(reports: Iterable[Report]) -> list[list[Report]]:
    """Occurrences: lists of reports, each list most specific first (its key is the first's;
    a report ``_rejoin`` adds comes last). A report fits an occurrence compatible with each
    member, or one that ties a year's report (``_tied``) or adopts it across powers
    (``_adopts``, told by more documents than the report). A report that fits several
    occurrences joins the one it shares the most named details with, or the one most
    outlets tell (``_most_told``); with no clear winner it stays on its own."""
    occurrences: list[list[Report]] = []
    for report in sorted(reports, key=Report.order):
        fits = [o for o in occurrences
                if all(compatible(report, m) for m in o) or _tied(report, o)
                or (_adopts(o, report) and _told_by(o) > len(report.documents))]
        if len(fits) > 1:
            scores = [(shared_details(report, o), _same_date(report, o)) for o in fits]
            best = max(scores)
            tied = [o for o, n in zip(fits, scores, strict=True) if n == best]
            fits = tied if any(best) else []
            if len(tied) > 1:
                fits = _most_told(report, tied)
        if len(fits) == 1:
            fits[0].append(report)
        else:  # nothing fits, or it is ambiguous: its own occurrence
            occurrences.append([report])
    return _rejoin(occurrences)


def _rejoin(occurrences: list[list[Report]]) -> list[list[Report]]:
    """A report left on its own whose outside power keeps it from an occurrence it is
    otherwise compatible with and tied to by a platform model (``_adopts``) joins it, the
    occurrence told by the most documents (more than the report itself) when several
    would take it and one is told by more than any other. It joins last, so the
    occurrence keeps its key and its parties are still voted by its reports
    (``merged_countries``: the power one outlet took from the wrong sentence is
    outvoted)."""
    for single in [o for o in occurrences if len(o) == 1]:
        if len(single) > 1:  # (another report joined it meanwhile)
            continue
        report = single[0]
        told = sorted((_told_by(o), i)
                      for i, o in enumerate(occurrences)
                      if o is not single and _adopts(o, report))
        told = [t for t in told if t[0] > len(report.documents)]
        if told and (len(told) == 1 or told[-2][0] < told[-1][0]):
            occurrences[told[-1][1]].append(report)
            occurrences = [o for o in occurrences if o is not single]
    return occurrences


def _told_by(occurrence: list[Report]) -> int:
    """How many documents tell an occurrence."""
    return len(frozenset().union(*(m.documents for m in occurrence)))


def _adopts(occurrence: list[Report], report: Report) -> bool:
    """Does the occurrence take a report that names another outside power than some of its
    members (``compatible`` with each of them but for the powers), tied to one of them by a
    platform model (``_across_powers``) and, when dated to the day, on a day one of them
    gives (an outlet a day off the others and naming another power tells too little)?"""
    if report.precision == "day" and not any(m.date == report.date for m in occurrence):
        return False
    return not all(compatible(report, m) for m in occurrence) and any(
        _across_powers(report, m) for m in occurrence) and all(
        compatible(report, m, powers=False) for m in occurrence)


def _tied(report: Report, occurrence: list[Report]) -> bool:
    """Does a report dated only to the year fit the occurrence through one of its members,
    which names the same ship, person or platform model and that the report places in its
    own outside power (``_came_from``: the Tu-160s "in 2013" of an outlet writing what
    Moscow presented, beside the bombers' October landing at Maracay), though another
    member names a place in another state and nothing the report names (the landing told to
    the day at Maiquetía)? The member that names the detail ties the report to the
    occurrence, not to each of its reports."""
    return "year" == report.precision and any(
        _came_from(report, m) and compatible(report, m) for m in occurrence) and all(
        compatible(report, m, places=False) for m in occurrence)


MOST_TOLD: Final = 2  # how many times more documents than any other the one it joins tells
TOLD_AT_LEAST: Final = 3  # and how many documents it is told by at least


def _most_told(report: Report, tied: list[list[Report]]) -> list[list[Report]]:
    """Of the occurrences a coarser report fits equally well, the one told by at least
    MOST_TOLD times as many documents as any other, and by TOLD_AT_LEAST at least (a
    "2025-04" report of a trip beside the
    day eight outlets date its talks by, one its arrival and two its last day; a contract
    "signed at the end of 2023" beside the December signing a dozen outlets tell and an
    earlier step one tells): the occurrence outlets tell is the one a vaguer report means.
    Only one naming no party the occurrence lacks (a November report of British and US
    hurricane relief is no more the US relief than the British); a report as precise as
    any of them, and two occurrences told alike (two editions of an exercise in one year,
    each told by one outlet), leave it on its own."""
    rank = PRECISION_RANK.get(report.precision, 3)
    if not all(PRECISION_RANK.get(o[0].precision, 3) < rank for o in tied):
        return []
    tied = [o for o in tied if report.countries <= frozenset().union(*(m.countries for m in o))]
    if not tied:
        return []
    told = sorted(((len(frozenset().union(*(m.documents for m in o))), i)
                   for i, o in enumerate(tied)), reverse=True)
    (most, first), second = told[0], told[1][0] if len(told) > 1 else 0
    return [tied[first]] if most >= max(MOST_TOLD * second, TOLD_AT_LEAST) else []


def _majority(members: list[list[str]], weights: list[int], first: set[str]) -> set[str]:
    """The countries named by more than half the weight of ``members`` (half, when the first
    names them)."""
    votes: Counter[str] = Counter()
    for countries, weight in zip(members, weights, strict=True):
        for c in set(countries):
            votes[c] += weight
    total = sum(weights)
    return {c for c, n in votes.items() if n * 2 > total or (n * 2 == total and c in first)}


def merged_countries(members: list[list[str]], told: list[int] | None = None) -> list[str]:
    """Parties of an occurrence: the countries most of its reports name, and on a tie those
    of its most specific report (the first, whose date it takes). A power one report of
    several names (a Taiwan or a United States its sentence mentions beside China's hospital
    ship, read in one report of seven) is outvoted; of two reports, the first decides. A
    side no country keeps a majority for is the first report's. The powers are voted by
    documents (``told``: how many documents tell each report) where given: seventeen outlets
    that tell Denmark's sale of its US-built F-16s to Argentina as one report outvote the
    three reports that each add the United States whose approval one sentence mentions.
    The LAC side stays voted by reports (a LAC state is a host or a listed participant,
    which one outlet's longer list names and the others leave out)."""
    first = set(members[0])
    kept = frozenset(_majority(members, [1] * len(members), first))
    lac, out = _split(kept)
    other = kept - lac - out
    _, out = _split(frozenset(_majority(members, told or [1] * len(members), first)))
    first_lac, first_out = _split(frozenset(first))
    return sorted((lac or first_lac) | (out or first_out) | other)
