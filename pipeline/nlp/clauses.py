"""The date a trigger's sentence states for it (``events.py`` asks for it per candidate).

A sentence is cut into clauses at commas, semicolons, colons, dashes and brackets (not at the
comma of "Puerto Quetzal, Guatemala,"). The date stated nearest the trigger, in its own clause
first, governs it; a stretch that holds nothing but a date governs the clauses next to it; a
list of dates ("in March 2012 and again in May 2016") gives each of its dates, one candidate
each; a date said of a ship or delegation leaving is not the date of its stops (nor, when
the place left lies outside the region, its home, of anything told after it, though no other
date is stated: ``left_home``), and one said right after a saying verb ("the ministry said
on Wednesday") dates the saying: the occurrence reported before it takes at most its month
(``dates_for``). Failing a date in
the sentence: a chronology's line that is nothing but a date dates the sentence after it
(``date_line``), and the last date stated before it in the paragraph dates it at month
precision (``date_before``: the story's date). Several dates and several states of one
sentence pair in text order, or each state with its nearest date (``pairs``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise
from typing import Final

from pipeline import when
from pipeline.nlp.datescan import DateMention
from pipeline.nlp.fold import fold
from pipeline.nlp.intsearch import bisect_left, bisect_right
from pipeline.nlp.marks import Mark
from pipeline.nlp.models import article_words, word_list
from pipeline.nlp.timeline import OFFSTORY, TIED

ATTRIBUTIVE: Final = re.compile(r"\s*(?:of|dated|de|del|da|do|fechad[oa]|"
                                r"datad[oa])\s", re.IGNORECASE)
CLAUSE_CUT: Final = re.compile(r"[,;:()\[\]—–]|\s-\s")
DATE_GLUE: Final = frozenset("on in at between from to and the of by since during early late mid "
                             "end beginning el la los las en em no na nos nas entre de del do da "
                             "desde a al ao o os y e durante principios fines finales mediados "
                             "inicio fim final meados dia día".split())
# times of day go with a date: "A las 8:40 de la mañana de este viernes, ..." is a clause
# that holds nothing but the date
TIME_GLUE: Final = frozenset("morning afternoon evening night noon midnight am pm a.m p.m hours "
                             "local time this mañana tarde noche mediodía madrugada manhã noite "
                             "meio-dia horas hora h hs hrs esta este nesta neste".split())
CLOCK: Final = re.compile(r"\d{1,2}(?:h\d{0,2})?")
JOINERS: Final = frozenset("and then but while whereas y luego pero mientras e depois mas enquanto"
                           .split())
WHEN_OPENS: Final = re.compile(r"\s*(?:when|cuando|quando)\s", re.IGNORECASE)
RESTATED: Final = {"date.shift", "date.relative"}  # after a bare comma these restate, not list
LEAVING_REACH: Final = 60  # characters from a leaving word to the date said of it
AGAIN_REACH: Final = 20  # characters between a verb standing for the trigger's and its date
AGAIN_CLAUSE_REACH: Final = 40  # characters from such a cue to a date after it in its clause
LEAVING_ENDS: Final = re.compile(r"\b(?:and|y|e|then|luego|depois)\b|;", re.IGNORECASE)
NOW: Final = ("shift", "day", 0, "publication")  # "today", "hoy", "hoje": the publication day
TOUR_PLACE_REACH: Final = 30  # characters from a tour's start date to the LAC place it began at
TOUR_PLACE: Final = re.compile(r"\s*,?\s*(?:en|em|in|at|no|na)\s+(?:(?:el|la|o|a|the)\s+)?"
                               r"(?:(?:puerto|porto|port)\s+(?:de|of|do|del)\s+)?", re.IGNORECASE)
# a ship's tour and the verb of its start right before a date ("a voyage that began in June
# from Zhoushan", "la gira ..., que el buque inició en junio", "a viagem, iniciada em
# junho", "el periplo arrancó en marzo", "a turnê mundial começou em 1º de julho"): the
# tour's start, no date of a call told with it (no "and" or ";" between)
TOUR_START: Final = re.compile(
    r"\b(?:voyage|tour|cruise|deployment|journey|gira|traves[ií]a|crucero|viaje|periplo|"
    r"singladura|viagem|travessia|cruzeiro|turn[eê]|p[eé]riplo)\b"
    r"(?:(?!\b(?:and|y|e)\b)[^.;]){0,80}?\b(?:began|started|commenced|comenz[oó]|"
    r"inici[oó]|iniciad[oa]|empez[oó]|arranc[oó]|come[cç]ou|iniciou|teve\s+in[ií]cio)"
    r"\s+(?:\w+\s+){0,3}$",
    re.IGNORECASE)
RANGE_JOIN: Final = re.compile(r"\s*(?:and|y|e)\s*", re.IGNORECASE)
RANGE_OPEN: Final = re.compile(r"\b(?:between|entre)\s+(?:the\s+|el\s+|o\s+)?$", re.IGNORECASE)
COORDINATED: Final = re.compile(r"\b(?:and|y|e)\s*,", re.IGNORECASE)  # "and, in 2021, ..."
LIST_JOIN: Final = re.compile(r"^[\s,;]*(?:and|y|e|as well as|then|and again|and later|y de nuevo|"
                              r"y otra vez|e novamente|e de novo|again|,)?[\s,;]*(?:again|later|"
                              r"otra vez|novamente|before that|before then|earlier|previously|"
                              r"antes|antes de eso|antes de ello|anteriormente|antes disso|"
                              r"antes daquilo)?[\s,]*(?:in|on|en|em|el|no|na|between|entre|"
                              r"from|del|de)?[\s]*$", re.IGNORECASE)  # ("in 2015, and before
# that in 2010", "en 2015 y antes en 2010", "em 2015 e, antes disso, em 2010": a list)


ANTECEDENT_WORDS: Final = 4  # words from a trigger to the comma of a relative clause said of it
# ... when the clause tells an occurrence's opening or close ("the tenth staff talks between
# the Chilean Navy and the Royal Navy, which closed on Friday"): only an occurrence opens or
# closes, so the clause is said of the trigger's noun across the words that name its sides
COURSE_ANTECEDENT_WORDS: Final = 14
COURSE_REACH: Final = 3  # words from the relative word to the verb of opening or closing ("que se
# inauguró", "which was opened", "que foi encerrada")


def _said_of(trigger: Mark, d: DateMention, cuts: list[int], text: str,
             place_relatives: frozenset[str], courses: frozenset[int] = frozenset(),
             relatives: frozenset[str] = frozenset()) -> bool:
    """A date in a relative clause that opens at most ``ANTECEDENT_WORDS`` words after the
    trigger ("the cruise, which ended", "the visit of the fleet, which began") or before
    it, or one opened by a relative word of place (``place_relatives`` of
    ``stopwords.json``): the clause may be said of the trigger's noun. A relative clause
    whose verb opens or closes an occurrence (``courses``: the character offsets of such
    words) may stand up to ``COURSE_ANTECEDENT_WORDS`` words after it."""
    at = bisect_right(cuts, d.start)
    opens = cuts[at - 1] if at else 0
    if opens < trigger.start_char:
        return True
    first, *appositions = text[trigger.end_char:opens].split(",")
    if len(first.split()) <= ANTECEDENT_WORDS and not appositions:
        return True
    if courses and not appositions and len(first.split()) <= COURSE_ANTECEDENT_WORDS \
            and _course_clause(text, opens, courses, relatives):
        return True
    opener = text[opens:opens + 12].lstrip(" ,;:").split(" ", 1)[0].lower()
    if opener in place_relatives:  # "Su primera escala fue Puerto Barrios, en la costa de
        return True  # Guatemala, donde el Comfort permaneció del 26 al 31": what happened at
        # the place the trigger names (a port of call, the city of a visit) is its time
    # a named holder of the noun in apposition just before the clause ("the attaché in Lima,
    # Colonel Marc Duval, who took up his post", "el agregado ..., coronel Paolo Conti,
    # quien asumió"): the clause is said of the noun's holder
    last = appositions[-1].split() if appositions else []
    return 0 < len(last) <= ANTECEDENT_WORDS + 1 and any(w[:1].isupper() for w in last[1:])


def begun_in(dates: list[DateMention], text: str, sent: Mark, openings: frozenset[int],
             relatives: frozenset[str]) -> DateMention | None:
    """The date of the sentence that stands in a relative clause, after a comma, whose verb
    opens an occurrence (``openings``: the character offsets of such words; "..., which
    began in March", "..., que comenzó en marzo", "..., que começou em março"): in a
    sentence telling a course attended now, the course's start."""
    for d in dates:
        if not (sent.start_char <= d.start < sent.end_char and d.value):
            continue
        comma = text.rfind(",", sent.start_char, d.start)
        if comma >= 0 and _course_clause(text, comma + 1, openings, relatives) \
                and not re.search(r"[;:()]", text[comma:d.start]):
            return d
    return None


def _course_clause(text: str, opens: int, courses: frozenset[int],
                   relatives: frozenset[str]) -> bool:
    """The clause at ``opens`` starts with a relative word whose verb, within
    ``COURSE_REACH`` words, opens or closes an occurrence ("which closed", "que se
    inauguró", "que foi encerrado")."""
    words = [(m.start(), m.group()) for m in re.finditer(r"\w+", text[opens:opens + 80])]
    if not words or fold(words[0][1]) not in relatives:
        return False
    return any(opens + at in courses for at, _ in words[1:1 + COURSE_REACH])


def _relative(d: DateMention, cuts: list[int], clause: int, text: str,
              relatives: frozenset[str]) -> bool:
    """The date stands in a relative clause other than the trigger's own (clause ``clause``
    of the sentence cut at ``cuts``)."""
    at = bisect_right(cuts, d.start)
    if at == clause or at == 0:
        return False
    opening = fold(text[cuts[at - 1] + 1:d.start]).split()[:2]
    return bool(opening) and (opening[0] in relatives or (  # "in which", "la cual"
        len(opening) > 1 and opening[1] in relatives and opening[1] != "que"))


# a participle's endings in en/es/pt ("launched", "botado", "construídas") and the words
# before one that make it a clause's own verb ("was built", "fue botado", "foi lançado")
PARTICIPLE: Final = re.compile(r"(?:ed|[ai]d[oa]s?|[ií]d[oa]s?|built)$")
# a noun of a thing's later life ("refit", "retiro", "modernização"): the object of its
# own verb ("Ocean completed a refit in 2014 and spent"), never the trigger's time
LIFE_NOUN: Final = re.compile(r"(?:ion|cao|ment|mento|refit|overhaul|retiro|upgrade)$")
AUXILIARY_BEFORE: Final = frozenset("was were is are be been being has have had fue fueron es son "
                                    "sido ha han foi foram e é ser sera seja tem têm".split())


def _reduced(text: str, at: int) -> bool:
    """The birth word at ``at`` is a participle heading a reduced relative clause ("el
    bergantín-goleta botado en 1927 ya estaba amarrado", "the ship built in 1990 docked"):
    a participle with no auxiliary right before it, or a noun of the thing's later life
    ("completed a refit in 2014 and spent"); a finite verb ("PANAMAX nació en 2003
    como un ejercicio") tells its own clause's occurrence."""
    words = fold(text[max(0, at - 40):at + 30]).split()
    before = fold(text[max(0, at - 40):at]).split()
    if not words or len(before) >= len(words):
        return False
    word = words[len(before)]
    return LIFE_NOUN.search(word) is not None or (
        PARTICIPLE.search(word) is not None
        and (not before or before[-1] not in AUXILIARY_BEFORE))


def background(trigger: Mark, dates: list[DateMention], text: str, sent: Mark,
               ents: list[Mark], relatives: frozenset[str], place_relatives: frozenset[str],
               births: re.Pattern[str] | None = None) -> list[DateMention]:
    """The dates of the sentence said of something else than the trigger, in a clause
    other than its own:

    - a relative clause said of a state or place named right before it ("Costa Rica, que
      abolió su ejército en 1948, es la última escala", "Guyana, which gained independence
      in 1966, hosts", "o Haiti, que recebeu a missão em 2004, é"): the place's own
      history. A relative of place ("Kingston, where the ship stayed") tells what happened
      there, and stays;
    - a clause telling a thing's birth (``births``: a birth word of ``dates.json`` before
      the date, "Botado en 1982 en los astilleros de Bilbao, el buque ... ha atracado",
      "the Forum, created in 2003"), or a later moment of its own life ("retired on 31
      December 2018", "completed a refit in 2014"), in another clause, or in the trigger's
      own before the trigger when a participle with no auxiliary or a noun tells it ("el
      bergantín botado en 1927 ya estaba amarrado"), or after it in a relative clause it
      opens ("hosted UNITAS, the exercise that the U.S. Navy launched in 1959"): the
      thing's, not the trigger's."""
    if not dates:
        return []
    places = tuple((e.start_char, e.end_char) for e in ents
                   if e.label_ in ("LOCATION", "COUNTRY"))
    cuts, _ = _clauses(text, sent.start_char, sent.end_char, places)
    clause = bisect_right(cuts, trigger.start_char)
    found = []
    for d in dates:
        born = births.search(text[(reach := max(sent.start_char, d.start - 80)):d.start]) \
            if births is not None else None
        if born is not None and (bisect_right(cuts, d.start) != clause or (
                trigger.start_char >= d.end and _reduced(text, reach + born.start())) or (
                trigger.end_char <= reach + born.start() and relatives.intersection(
                    fold(text[trigger.end_char:reach + born.start()]).split()))) and not (
                    bisect_right(cuts, d.start) + 1 == clause
                    and WHEN_OPENS.match(text, cuts[clause - 1] + 1)):
            # (in the trigger's own clause too when a participle with no auxiliary tells
            # the birth before the trigger: "el bergantín botado en 1927 ya estaba amarrado")
            # ("PROSUB dates back to December 2008, when Lula and Sarkozy signed": the
            # clause the date's "when" opens tells what happened then)
            found.append(d)
            continue
        if not _relative(d, cuts, clause, text, relatives):
            continue
        opens = cuts[bisect_right(cuts, d.start) - 1]
        if fold(text[opens + 1:d.start]).split()[0] in place_relatives:
            continue
        if any(0 <= opens - end <= 1 for _, end in places):
            found.append(d)
    return found


WHOLE_REACH: Final = 60  # characters from a voyage's noun to a date its relative clause tells


def _of_whole(d: DateMention, trigger: Mark, wholes: frozenset[int], text: str,
              relatives: frozenset[str], courses: frozenset[int]) -> bool:
    """The date is told in a relative clause on a voyage or tour named after the trigger
    (``wholes``: where the sentence names one) whose verb opens or closes it (``courses``),
    "La escala en Riohacha forma parte de un despliegue de once semanas que el Comfort
    inició a mediados de octubre", "es la última escala de la gira Misión Armonía 2011, que
    comenzó a finales de octubre": it dates the voyage the call or meeting is one stop of,
    not the stop ("esteve no Tejo em várias das suas viagens, a última das quais há dois
    anos" picks one of the voyages: its time is the stop's)."""
    return any(trigger.end_char <= w < d.start and d.start - w <= WHOLE_REACH
               and relatives.intersection(fold(text[w:d.start]).split())
               and any(w < c < d.start for c in courses) for w in wholes)


def _counted_from(d: DateMention) -> DateMention | None:
    """A shift counted back from an occurrence ("The handover came a week after ..."), read
    for a trigger outside the clause it opens (before it, or past the comma that closes a
    shift set off by commas: "In November 2020, a month after the embargo expired,
    shipments began"): that occurrence's date; None when a present verb of sequence placed
    it now ("La llegada de los buques se produce un mes después de la visita", "the
    arrival comes ten days after", "a chegada ocorre uma semana depois de"): the story's
    own occurrence, which this sentence does not date."""
    source = next((p for p in d.parts if isinstance(p, tuple) and p[:1] == ("counted_from",)),
                  None)
    if source is None:
        return d
    if not source[1]:
        return None
    return DateMention(d.start, d.end, d.text, source[1], source[2], d.rule, d.bound,
                       tuple(p for p in d.parts if p is not source))


def _comma_before(text: str, at: int) -> bool:
    """Whether the last character before ``at`` that is not white space is a comma (as
    ``text[:at].rstrip().endswith(",")``, without copying the text before it)."""
    k = at - 1
    while k >= 0 and text[k].isspace():
        k -= 1
    return k >= 0 and text[k] == ","


def dates_for(trigger: Mark, dates: list[DateMention], text: str, sent: Mark,
              ents: list[Mark], relatives: frozenset[str] = frozenset(),
              departures: list[Mark] | None = None, sayings: list[Mark] | None = None,
              place_relatives: frozenset[str] = frozenset(),
              births: re.Pattern[str] | None = None, left_home: list[Mark] | None = None,
              tours: tuple[int, ...] | None = None, courses: frozenset[int] = frozenset(),
              wholes: frozenset[int] = frozenset()) -> tuple[list[DateMention], bool]:
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
    the date chosen. A date said of something else in another clause (``background``: a
    place's history, a thing's birth) dates nothing.
    A relative clause that opens or closes an occurrence (``courses``: the character
    offsets of its words of opening or closing) is said of a trigger noun further back
    ("la X Reunión de Estados Mayores entre la Armada de Chile y la Marina Real británica,
    que concluyó el viernes 11 de abril").
    Also says whether the chosen date governs the trigger's own clause.
    """
    if any(d.parts == NOW for d in dates):
        said = _quotations(text, sent.start_char, sent.end_char)
        dates = [d for d in dates if not (d.parts == NOW and _inside(d.start, said) not in (
            None, _inside(trigger.start_char, said)))]  # '"the tanks we have today," he
        # said of the purchase': a speaker's "today" is his present, no date of it
    if not dates:
        return [], False
    dates = [d for d in dates if "modifier" not in d.parts or _modifies(d, trigger, text)]
    # "The handover came a week after a patrol aircraft landed": the shift counted back
    # dates the clause after it; the handover before it is the occurrence counted from
    dates = [c for c in (d if d.end <= trigger.start_char and not (
        _comma_before(text, d.start)
        and re.search(r"[,;:()\n]", text[d.end:trigger.start_char])) else _counted_from(d)
        for d in dates) if c is not None]
    if not dates:  # "the agreement fitted the logic of the 2008 strategy": no date of it
        return [], False
    dates = [d for d in dates if not (TIED in d.parts and d.end <= trigger.start_char and re.search(
        r"[,;:()\n]", text[d.end:trigger.start_char]) is None)] or dates  # "recebe três anos
    # depois de ter sediado a UNITAS LX, no Rio, em 2019": the clause the shift moves from has
    # its own date, later in it; the shift dates the clause before it
    places = tuple((e.start_char, e.end_char) for e in ents
                   if e.label_ in ("LOCATION", "COUNTRY"))
    cuts, parts = _clauses(text, sent.start_char, sent.end_char, places)
    named = _weekday_commas(dates, text)
    if named:  # "was held on Friday, January 10": the comma after the weekday cuts nothing
        cuts = [c for c in cuts if c not in named]
    clause = bisect_right(cuts, trigger.start_char)

    def relative(d: DateMention) -> bool:
        return _relative(d, cuts, clause, text, relatives)

    histories = background(trigger, dates, text, sent, ents, relatives, place_relatives, births)

    if any(d in histories for d in dates):  # "Costa Rica, que abolió su ejército en
        dates = [d for d in dates if d not in histories]  # 1948, es la última escala",
        # "Botado en 1982 en Bilbao, el buque ... ha atracado"
        if not dates:
            return [], False
    dates = [d for d in dates if not _of_whole(d, trigger, wholes, text, relatives, courses)]
    if not dates:  # "La escala en Riohacha forma parte de un despliegue de once semanas que
        return [], False  # el Comfort inició a mediados de octubre": the voyage's start
    dates = [d for d in dates if not _of_leaving(d, trigger, departures or [], text)] or [
        d for d in dates if not _of_leaving(d, trigger, left_home or [], text)]
    if not dates:  # "El velero zarpó de Cádiz el 11 de enero y ha recorrido puertos de
        return [], False  # Sudamérica": setting out from home dates none of its stops
    if tours is not None:  # (a call's: ``tours`` holds where the sentence names LAC places)
        dates = [d for d in dates if not _tour_started(d, text, sent, tours)]
        if not dates:
            return [], False
    reported = [d for d in dates if _of_saying(d, trigger, sayings or [], text)]
    if reported:  # "has received the tanks, officials confirmed this week": the week of the
        # saying; what it reports happened by then: at most its month, failing other dates
        dates = [d for d in dates if d not in reported] or [
            DateMention(d.start, d.end, d.text, (d.value or "")[:7], "month", d.rule, d.bound,
                        d.parts) if d.precision == "day" else d for d in reported]
    said_before = _before_saying(dates, trigger, sayings or [], text)  # (once, not per date)
    dates = [d for d in dates if d not in said_before]
    if any(d.parts[:1] in (("ymd",), ("year",)) and d.parts[1] and "bare" not in d.parts
           for d in dates):
        dates = [d for d in dates if d.parts != NOW] or dates  # "transferred on 28 September
        # 2020 the corvette that sails today as ARC Almirante Tono", "entregues em 2010 e que
        # hoje equipam o Esquadrão Poti": "today" is its present
    dates = [d for d in dates if not (d.parts == NOW and relative(d))]
    if not dates:  # "received three boats from the U.S., which today patrol the River
        return [], False  # Plate": a relative clause's "today" is its noun's present
    every = [d for d in dates if "bare" not in d.parts]
    own = [d for d in dates if not relative(d)]
    if own and all("bare" in d.parts for d in own):  # "the class of 2024, which began in
        own = dates  # July 2023": a bare year names; the relative clause's date dates
    if not own and trigger.label_.endswith("_n"):  # a relative clause dates its antecedent:
        own = [d for d in dates  # a trigger noun only
               if _said_of(trigger, d, cuts, text, place_relatives, courses, relatives)]
        if not own:  # when it is that noun ("the cruise, which ended on 8 January"), not a
            return [], False  # noun further on ("the visit as a sign of ties between the
            # countries, which ... in 1960")
    dates = own or dates
    plain = [d for d in dates if "bare" not in d.parts] or dates

    part = bisect_right(parts, trigger.start_char)
    # the last date before the trigger that opens a clause after the first ("..., and in
    # September 2020 the ship ... brought"): from there on it dates the sentence
    opener = max((d for d in plain if d.end <= trigger.start_char
                  and bisect_right(cuts, d.start) > 0 and _opens(d, cuts, text)),
                 key=lambda d: d.start, default=None)

    trailing = relatives | place_relatives

    def gap(d: DateMention) -> float:
        at = bisect_right(cuts, d.start)
        apart = 2 * (bisect_right(parts, d.start) != part)  # across a semicolon
        if at == clause:
            return 0 + apart
        if d is opener:
            return 0.25 + apart
        if len(text[sent.start_char:d.start].split()) <= 2 and opener is None:
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
            if at - 1 == clause and (at == len(cuts) or _opens_with(text, cuts[at], trailing)):
                return 0  # "... docked at Recife, on 28 July.", "... turned up at La
                # Guaira, on July 2, where the navy's chief welcomed them": a relative
                # clause after the date is no clause of its own for it to date
        return 1 + abs(at - clause) + apart

    def score(d: DateMention) -> tuple[float, int]:
        return gap(d), abs(d.start - trigger.start_char)

    in_order = sorted(every or dates, key=lambda d: d.start)
    ends = {b: a for a, b in pairwise(in_order)  # "between 2009 and 2016"
            if RANGE_JOIN.fullmatch(text[a.end:b.start])
            and RANGE_OPEN.search(text, max(sent.start_char, a.start - 12), a.start)}
    nearest = min(plain, key=score)
    nearest = ends.get(nearest, nearest)  # a stretch of time is dated by its start
    begun = [d for d in every if "since" in d.parts and d.precision == "day" and d.value
             and nearest.precision == "day" and d.value < (nearest.value or "")
             and abs(bisect_right(cuts, d.start) - clause) == 1]
    if begun and gap(nearest) > 0:  # "Aberta na terça-feira (26), a conferência reúne, desde
        # segunda-feira (25), delegações": the stay told from its start, which the trigger's
        # own clause goes on with, keeps that start
        nearest = min(begun, key=score)
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
            if a.value == b.value or not (len(between) <= 40 and LIST_JOIN.match(between)
                                          or _named_coordinates(a, b, text)):
                break
            if not re.search(r"\w", between) and RESTATED.intersection((a.rule, b.rule)):
                break  # "on 20 January 2015, one day before the talks": one date, restated
            if b in ends:
                break  # "between 2000 and 2015": the two ends of one stretch of time
            if COORDINATED.search(between) and text[b.end:b.end + 2].lstrip(" ")[:1] == ",":
                break  # "signed in 2014 and, in October 2021, the press published": the
                # later date, set off by commas after "and", opens a clause of its own
            chosen.append(ordered[i + step])
            i += step
    return sorted(chosen, key=lambda d: d.start), gap(nearest) < 1


# coordinated names each set off with its own date ("the frigates HMCS Fredericton, in 2016,
# and HMCS Charlottetown, in 2018, had called at Havana", "las fragatas X, en 2016, y Y, en
# 2018,"): the stretch between the two dates, a coordinator and a name
NAMED_COORDINATE: Final = re.compile(r"\s*,\s*(?:and|y|e)\s+(?:(?:the|el|la|los|las|o|a|os|as)\s+)?"
                                     r"(?:[A-ZÁÉÍÓÚ][\w.-]*\s+){0,3}[A-ZÁÉÍÓÚ][\w.-]*\s*,\s*"
                                     r"(?:in|on|en|el|em|no|na)?\s*$")
NAME_BEFORE: Final = re.compile(r"[A-ZÁÉÍÓÚ][\w.-]*\s*,\s*(?:in|on|en|el|em|no|na)?\s*$")


def _named_coordinates(a: DateMention, b: DateMention, text: str) -> bool:
    """Are the two dates those of two coordinated names, each date set off by commas after
    its name ("HMCS Fredericton, em 2016, e HMCS Charlottetown, em 2018,")?"""
    return NAMED_COORDINATE.match(text[a.end:b.start]) is not None \
        and NAME_BEFORE.search(text, max(0, a.start - 40), a.start) is not None \
        and text[b.end:b.end + 2].lstrip(" ")[:1] == ","


SUBJECT_ASIDES: Final = 2  # commas after a coordinated clause's subject before its verb
SUBJECT_WORDS: Final = 4  # words of a subject set off by a comma ("e o segundo,")
# the first word of such a subject: an article, a possessive, an ordinal or a count ("and the
# second,", "y otros dos,", "e o segundo,"; not a verb: "e vieram de Fortaleza,")
SUBJECT_OPENERS: Final = frozenset("the a an its their his her o os as el la los las lo un una "
                                   "um uma su sus seu sua seus suas".split())
SEGMENT_JOIN: Final = re.compile(r"\s*(?:and|y|e|while|whereas|mientras|enquanto)\b", re.IGNORECASE)
SEGMENT_THEN: Final = re.compile(r"(?:\s*,?\s*(?:then|later|luego|después|despues|depois|logo|em "
                                 r"seguida|a continuación|que)\b)*\s*", re.IGNORECASE)


def segments(dates: list[DateMention], text: str, sent: Mark, ents: list[Mark],
             triggers: Sequence[Mark] = (), steps: Sequence[tuple[str, Mark]] = (),
             relatives: frozenset[str] = frozenset()) -> list[int]:
    """Where a sentence telling several occurrences opens a new one (the offsets of the
    commas or semicolons, in order): a comma or semicolon followed by a coordinator
    ("and", "y", "e", "while", "mientras", "enquanto") whose clause states a time of its
    own ("In 2016 China donated trucks ..., and in March 2019 a delegation ... visited",
    "..., e em 2019 fez escala em Salvador", "..., and a Canadian supply ship made a call
    at Santa Marta in March 2022"), whether or not a time was stated before it ("cadets
    have studied there for years, and last year Taiwan handed over two radars"): what
    follows tells another occurrence. A date list joined by a bare "and" ("visited in
    March 2012 and again in May 2016") opens none: one trigger, two dates; nor does a
    verb right after the coordinator ("was handed over on 3 June, and arrived in
    Guayaquil in August", "arrived and was received"): the same subject goes on. A
    relative clause opens one too when it tells a later step of goods told before it, each
    step with a time of its own (``_later_step``: "compró siete helicópteros en 2008, que
    llegaron al año siguiente"); ``steps`` are the triggers of goods read in the sentence,
    with their types, ``relatives`` the words that open a relative clause about a thing."""
    if not dates:
        return []
    places = tuple((e.start_char, e.end_char) for e in ents
                   if e.label_ in ("LOCATION", "COUNTRY"))
    cuts, _ = _clauses(text, sent.start_char, sent.end_char, places)
    opened = []
    for c in cuts:
        if text[c] not in ",;" or c <= sent.start_char:
            continue
        at = bisect_right(cuts, c)
        hi = cuts[at] if at < len(cuts) else sent.end_char
        joined = SEGMENT_JOIN.match(text, c + 1)
        if joined is None:
            if steps and _later_step(c, hi, cuts, dates, text, sent, steps, relatives):
                opened.append(c)
            continue
        if hi == joined.end() and text[hi] == ",":
            hi = cuts[at + 1] if at + 1 < len(cuts) else sent.end_char  # "and, in 2021, ..."
            at += 1
        subject = text[joined.end():hi].lower().split()
        if subject and len(subject) <= SUBJECT_WORDS and (
                subject[0] in SUBJECT_OPENERS or subject[0] in ORDINALS
                or subject[0] in NUMERALS) \
                and not any(joined.end() <= t.start_char < hi
                            and text[t.start_char:t.end_char].lower() not in ORDINALS
                            for t in triggers):  # (its ordinal may be a trigger: "second")
            reach, last = hi, at
            for _ in range(SUBJECT_ASIDES):  # ("..., e o segundo, embarcado em La Spezia,
                # chegou no início de setembro": a short subject, an aside on it, its verb
                # and its time)
                if reach >= sent.end_char or text[reach] != ",":
                    break
                verb = reach + 1 + len(text[reach + 1:reach + 4]) \
                    - len(text[reach + 1:reach + 4].lstrip())
                opened_at, last = reach, last + 1
                reach = cuts[last] if last < len(cuts) else sent.end_char
                if any(opened_at < d.start < reach for d in dates):
                    if any(t.start_char == verb for t in triggers):
                        hi, at = reach, last  # (not "y el Callao, en Perú, con el regreso
                    break  # a España previsto para julio": no verb opens it)
        then = SEGMENT_THEN.match(text, joined.end())
        verb_at = then.end() if then else joined.end()
        if any(t.start_char == verb_at for t in triggers):
            continue  # "..., y llegó a Cartagena en noviembre", "and then sailed to Lima
            # in May": the same subject goes on (one story told with two verbs)
        own = [d for d in dates if c < d.start < hi and "bare" not in d.parts]
        if len(own) == 1 and LIST_JOIN.match(text[c:own[0].start]) \
                and not re.search(r"\w", text[own[0].end:sent.end_char]):
            continue  # "hosted it in 2015, and before that in 2010.": a date listed at the
            # sentence's end, no telling of its own
        if own:
            opened.append(c)
    return opened


RELATIVE_OPENING: Final = re.compile(r"\s*([^\W\d_]+)")


def _later_step(c: int, hi: int, cuts: list[int], dates: list[DateMention], text: str,
                sent: Mark, steps: Sequence[tuple[str, Mark]], relatives: frozenset[str]
                ) -> bool:
    """Does the comma at ``c`` (its clause ending at ``hi``) open a relative clause that
    tells a later step of the goods told before it ("En 2008 Ecuador compró siete
    helicópteros a HAL, que llegaron al año siguiente", "signed in July for 24 fighters,
    whose first units arrived in December 2006", "encomendou dois navios em 2019, cujo
    primeiro chegou em 2022"): a relative word right after the comma, a trigger of goods
    in the clause of a type read in the clause the comma closes (no comma between: the
    goods the relative word stands for are that step's), and a time of its own stated both
    before it and in the clause, not before the other (two dated steps of one deal, in
    order, each its own occurrence)?"""
    opening = RELATIVE_OPENING.match(text, c + 1)
    if opening is None or opening.group(1).lower() not in relatives:
        return False
    later = {kind for kind, t in steps if c < t.start_char < hi}
    if not later & {kind for kind, t in steps if t.end_char <= c
                    and not any(t.end_char <= k < c and text[k] in ",;" for k in cuts)}:
        return False  # (the earlier step told in the clause the comma closes, the goods
        # the relative word stands for its own: not "the Makran, which Iran bought this
        # year, and the Sahand, which entered service in 2018")

    def dated(lo: int, up: int) -> list[str]:
        return [d.value for d in dates if lo <= d.start < up and d.value
                and "bare" not in d.parts and not d.bound]
    before, after = dated(sent.start_char, c), dated(c, hi)
    if not before or not after:
        return False
    return when.agree(before[-1], after[0]) or after[0] > before[-1]  # (a later step, not
    # a time recalled before it: "ordered six aircraft in 2016, which it had flown in 2014")


# a year that modifies the voyage or round a clause opens with ("On the 2015 cruise, the
# squadron called at ...", "During its 2019 deployment, the ship visited ..."): the year of
# what the clause tells, not a noun's own date ("the 2008 strategy")
SETTING_BEFORE: Final = re.compile(r"(?i)(?:^|[,;:]\s*|\b)(?:on|during|in|for|throughout|over)\s+"
                                   r"(?:the|its|their|his|her|this|that)\s+$")
SETTING_NOUN: Final = re.compile(r"(?i)\s+(?:[\w-]+\s+)?(?:cruise|deployment|voyage|tour|mission|"
                                 r"trip|campaign|rotation|edition|round|"
                                 r"season)s?\b[^,;.]{0,40}[,;]")


def _modifies(d: DateMention, trigger: Mark, text: str) -> bool:
    """Does the year ``d`` modify the trigger's noun phrase ("the 2008 defence agreement"),
    or the voyage or round the trigger's clause opens with ("On the 2015 cruise, the squadron
    called at")?"""
    between = text[d.end:trigger.start_char]
    if trigger.start_char >= d.end and SETTING_BEFORE.search(text, max(0, d.start - 30),
                                                             d.start) \
            and SETTING_NOUN.match(text, d.end):
        return True
    return trigger.start_char >= d.end and len(between.split()) <= 2 \
        and re.fullmatch(r"[\w\s'-]*", between) is not None


_QUOTATION: Final = re.compile(r'"[^"]*"|“[^”]*”|«[^»]*»|„[^“”]*[“”]')


def _quotations(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the quotations in ``text[start:end]`` (what someone said); an opening mark
    the sentence splitter left on the sentence before counts."""
    lo = max(0, start - 40)  # (a few characters back, not the whole text before)
    before = lo + len(text[lo:start].rstrip())
    if before > lo and text[before - 1] in '"“«„' and (before == 1 or text[before - 2].isspace()):
        start = before - 1  # an opening mark: nothing but a space before it
    return [(start + m.start(), start + m.end()) for m in _QUOTATION.finditer(text[start:end])]


def _inside(at: int, spans: list[tuple[int, int]]) -> int | None:
    """Which of ``spans`` holds the offset ``at`` (its index), or None."""
    return next((i for i, (a, b) in enumerate(spans) if a <= at < b), None)


def _opens(d: DateMention, cuts: list[int], text: str) -> bool:
    """The date opens its clause: only joining words stand before it ("and in September
    2020", ", y el 3 de mayo")."""
    lo = cuts[bisect_right(cuts, d.start) - 1] + 1  # (a clause after the first)
    return all(w in DATE_GLUE or w in JOINERS for w in re.findall(r"\w+", text[lo:d.start].lower()))


FIRST_WORD: Final = re.compile(r"\W*(\w+)")


def _opens_with(text: str, cut: int, words: frozenset[str]) -> bool:
    """The clause that starts at ``cut`` opens with one of ``words`` (folded)."""
    m = FIRST_WORD.match(text, cut, cut + 40)
    return m is not None and fold(m.group(1)) in words


@lru_cache(maxsize=64)
@lru_cache(maxsize=1)
def weekday_comma() -> re.Pattern[str]:
    """A weekday's name and its comma right before a date ("on Friday, January 10", "el
    viernes, 10 de enero", "na sexta-feira, 10 de janeiro"), in any language."""
    from pipeline.nlp.models import load

    names = {w.lower() for names in load().dates["weekdays"].values() for day in names
             for w in day}
    alt = "|".join(re.escape(w) for w in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alt})(,)\s*$", re.IGNORECASE)


def _weekday_commas(dates: Sequence[DateMention], text: str) -> frozenset[int]:
    """The offsets of the commas between a weekday and the date that names its day: one
    date, no clause cut between."""
    found = set()
    for d in dates:
        if d.parts[:1] == ("ymd",) and d.start > 0 and text[d.start - 1].isspace():
            m = weekday_comma().search(text, max(0, d.start - 20), d.start)
            if m is not None:
                found.add(m.start(1))
    return frozenset(found)


# ``_clauses``' last answer: (the text, the sentence's offsets, its places, the answer)
_LAST_CLAUSES: list[tuple[str, int, int, tuple[tuple[int, int], ...],
                         tuple[list[int], list[int]]]] = []


def _clauses(text: str, start: int, end: int, places: tuple[tuple[int, int], ...]
             ) -> tuple[list[int], list[int]]:
    """A sentence's clause cuts (commas, semicolons, colons, dashes, brackets; not the
    comma of "Puerto Quetzal, Guatemala,") and its semicolons, as text offsets: read once
    for all the triggers of the sentence, the last answer kept (``dates_for``,
    ``background`` and ``segments`` ask again for the same sentence). (Callers only read
    the lists.)"""
    if _LAST_CLAUSES:
        held_text, held_start, held_end, held_places, held = _LAST_CLAUSES[0]
        if held_text is text and held_start == start and held_end == end \
                and held_places == places:
            return held
    line = text[start:end]
    cuts = [c for c in (start + m.start() for m in CLAUSE_CUT.finditer(line))
            if not (places and _apposition(c, places, text))]
    parts = [start + m.start() for m in re.finditer(";", line)] if ";" in line else []
    _LAST_CLAUSES[:] = [(text, start, end, places, (cuts, parts))]
    return cuts, parts


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


def _tour_started(date: DateMention, text: str, sent: Mark, lac_places: tuple[int, ...]
                  ) -> bool:
    """The date follows the verb of a tour's start said of the tour's noun ("the stop is
    part of a voyage that began in June from Zhoushan", "la gira Misión Armonía 2018, que
    comenzó en junio", "a viagem, iniciada em janeiro"; the trigger may be the tour's noun
    or name, read as a call): it dates when the tour set out, not a call of it; unless a
    LAC place follows as where it began ("que comenzó a finales de octubre en La Habana":
    its first call)."""
    if TOUR_START.search(text, max(sent.start_char, date.start - 160), date.start) is None:
        return False
    return not any(0 <= p - date.end <= TOUR_PLACE_REACH
                   and TOUR_PLACE.fullmatch(text, date.end, p) for p in lac_places)


def reported(dates: list[DateMention], trigger: Mark, sayings: list[Mark], text: str) -> bool:
    """Every date chosen for the trigger is said of a saying or publishing verb after it
    ("have signed an agreement, the text of which was published on Wednesday"): the
    sentence dates when the occurrence was told, not when it happened."""
    return bool(dates) and all(_of_saying(d, trigger, sayings, text) for d in dates)


def _of_saying(date: DateMention, trigger: Mark, sayings: list[Mark], text: str) -> bool:
    """The date is said of a saying verb the trigger stands before ("has received the
    tanks, officials confirmed this week", "o envio foi confirmado na sexta-feira", "met
    the general, the ministry said on Wednesday"): it follows the verb with nothing but
    date words between; it dates the saying, not the occurrence reported."""
    for cue in sayings:
        if trigger.start_char < cue.start_char and cue.end_char <= date.start \
                and all(w in DATE_GLUE or w in TIME_GLUE
                        for w in re.findall(r"\w+", text[cue.end_char:date.start].lower())):
            return True
    return False


def done_again(trigger: Mark, dates: list[DateMention], chosen: list[DateMention],
               again: list[Mark], text: str = "") -> list[DateMention]:
    """Dates of the same occurrence told again by a verb that stands for the trigger's ("El
    12 de junio entraron a la bahía la fragata ..., y el pasado sábado lo hizo el
    patrullero", "Brazil signed in May and Chile did so in June", "e em julho o fez a
    corveta"), or by a subject counting a further batch of what it told ("and another pair
    flew in at the end of October 2013", "y en octubre de 2013 otros dos Tu-160 llegaron"):
    the date nearest such a cue after the trigger, within ``AGAIN_REACH`` characters of it
    or after it in its own clause within ``AGAIN_CLAUSE_REACH``, is a second occurrence's;
    a further batch's date may also stand before it in its clause, within
    ``AGAIN_CLAUSE_REACH`` ("y en 2006 completó la operación con otras dos unidades")."""
    found: list[DateMention] = []
    for cue in again:
        if cue.start_char < trigger.end_char:
            continue
        near = [d for d in dates if d not in chosen and d not in found and d.value
                and d.start >= trigger.end_char
                and (min(abs(cue.start_char - d.end), abs(d.start - cue.end_char)) <= AGAIN_REACH
                     or _in_clause_after(cue, d, text)
                     or (cue.kb_id_ == BATCH_CUE and bool(text)
                         and _next_in_clause(d.end, cue.start_char, text)))]
        if near:
            found.append(min(near, key=lambda d: min(abs(cue.start_char - d.end),
                                                     abs(d.start - cue.end_char))))
    return found


def _in_clause_after(cue: Mark, d: DateMention, text: str) -> bool:
    """The date stands after the cue in the cue's own clause, near it ("two more visited
    Venezuela in late October 2013": no comma, no "and" between)."""
    return bool(text) and _next_in_clause(cue.end_char, d.start, text)


def _next_in_clause(end: int, start: int, text: str) -> bool:
    """What starts at ``start`` follows what ends at ``end`` in its clause, within
    ``AGAIN_CLAUSE_REACH`` characters: no clause cut, no "and" or "then" between."""
    if start < end or start - end > AGAIN_CLAUSE_REACH:
        return False
    between = text[end:start]
    return not CLAUSE_CUT.search(between) and not LEAVING_ENDS.search(between)


BATCH_CUE: Final = "cue.again_batch"  # "another pair", "otros dos": a further batch


def retold(batch: Mark, trigger: Mark, text: str) -> bool:
    """The trigger is the verb of a further batch's own clause ("and two more visited
    Venezuela", "otra pareja de estos aviones aterrizó"): it follows the batch's words in
    their clause, within ``AGAIN_CLAUSE_REACH`` characters."""
    return _next_in_clause(batch.end_char, trigger.start_char, text)


def _before_saying(dates: list[DateMention], trigger: Mark, sayings: list[Mark],
                   text: str) -> list[DateMention]:
    """The dates before a saying verb the trigger follows, when the clause it reports has a
    date of its own ("En la misma jornada, el ministerio informó que el viernes pasado
    culminó un curso", "On Monday the ministry said the course had ended last Friday"), and
    a date right after the saying verb, before the trigger ("The company said on Sunday that
    a ceremony was held on Friday, January 10"): they date the saying, not the occurrence
    reported."""
    for cue in sayings:
        if cue.end_char > trigger.start_char:
            continue
        before = [d for d in dates if d.end <= cue.start_char or (
            cue.end_char <= d.start and d.end <= trigger.start_char and all(
                w in DATE_GLUE or w in TIME_GLUE
                for w in re.findall(r"\w+", text[cue.end_char:d.start].lower())))]
        if before and any(d.start >= cue.end_char and d not in before for d in dates):
            return before
    return []


def _apposition(cut: int, places: tuple[tuple[int, int], ...], text: str) -> bool:
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
    if not (before in ends and text[before + 1:start].strip() == ""):
        return False
    # "visited Doral, Florida, and in early 2023 the two countries agreed": a coordinator
    # after the closing comma opens a clause of its own
    following = text[cut + 1:cut + 12].split()
    return not (following and following[0].lower() in JOINERS)


def date_line(before: Mark, resolved: list[DateMention], text: str) -> list[DateMention]:
    """A chronology's "March 25, 2015. Kelly attends...": a sentence that is nothing but a
    date dates the sentence after it, as if stated there."""
    inside = [d for d in within(resolved, before.start_char, before.end_char)
              if d.value and not d.bound]
    if len(inside) != 1:
        return []
    d = inside[0]
    rest = text[before.start_char:d.start] + text[d.end:before.end_char]
    return [d] if not any(c.isalpha() for c in rest) else []


def within(resolved: list[DateMention], start: int, end: int) -> list[DateMention]:
    """The mentions (in text order) that start in ``start``-``end``."""
    return resolved[_first_from(resolved, start):_first_from(resolved, end)]


def _first_from(resolved: list[DateMention], at: int) -> int:
    """``bisect_left`` of ``at`` among the mentions' starts (a loop of its own: compiled, it
    reads each start directly, where bisect's ``key`` calls a function at every step)."""
    lo, hi = 0, len(resolved)
    while lo < hi:
        mid = (lo + hi) // 2
        if resolved[mid].start < at:
            lo = mid + 1
        else:
            hi = mid
    return lo


def date_before(resolved: list[DateMention], sent: Mark, paragraph: list[int], index: int,
                sentences: list[Mark], back: int = 0) -> DateMention | None:
    """The last date stated in this paragraph (and the ``back`` ones before it) before the
    sentence, at month precision at most (the story's date around an undated sentence);
    not a year the story's time leaves out (``timeline.OFFSTORY``: "la Flotilla de
    Submarinos, creada en 1972", "la Constitución de 2008")."""
    start = sentences[bisect_left(paragraph, paragraph[index] - back, 0, index)].start_char
    for d in reversed(resolved):
        if d.start >= sent.start_char:
            continue
        if d.start < start:
            break
        if d.value and not d.bound and "bare" not in d.parts and "span" not in d.parts \
                and OFFSTORY not in d.parts:
            if d.precision == "day":  # (nor the ends of "between 2009 and 2012")
                return DateMention(d.start, d.end, d.text, d.value[:7], "month", d.rule,
                                   parts=d.parts)
            return d
    return None


def pairs(dates: list, states: Sequence[tuple[object, tuple[int, int] | None]]) -> list[tuple]:
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


# (every match opens with white space or a comma, tested first: the other characters fail
# there at once)
ELLIPSIS_JOIN: Final = re.compile(r"(?=[\s,])(?:(?:\s*,\s*|\s+)(?:and|y|e)"
                                  r"(?:\s+(?:then|later|also|luego|después|"
                                  r"despues|también|tambien|depois|também|tambem|logo))?\s+|"
  # a comma before an ordinal in a series: "held at Fort Bragg in 2019,
                                  # the second at Fort Polk in 2022 and the third in Brazil in 2024"
                                  r"\s*,\s*(?=(?:the|el|la|los|las|o|a|os|as)\s+(?:second|third|"
                                  r"fourth|fifth|segund[oa]|tercer[oa]?|cuart[oa]|quint[oa]|"
                                  r"terceir[oa]|quart[oa])\b))", re.IGNORECASE)
ELLIPSIS_END: Final = re.compile(r"[;,()\[\]—–:]|\s-\s|\s(?:and|y|e)\s", re.IGNORECASE)
# the words an elliptical part may hold besides names, places, dates and nouns of the
# lexicon: articles, prepositions, ordinals, a time said again ("of that year")
ELLIPSIS_GLUE: Final = DATE_GLUE | frozenset(
    "to at for into onto para hacia rumo ao à às aos as os las los un una um uma an a of "
    "that same this year month week mismo misma mesmo mesma año ano mes mês semana then "
    "later also luego después despues también tambien depois também tambem logo".split()
    # the verb of following that says the same deed again ("and Humaitá followed in 2020",
    # "y el Padilla le siguió en 2021", "e o Humaitá seguiu em 2020")
    + "followed follows suit le siguió siguió siguieron seguiu seguiram".split())
# words that open what is said after an elliptical part, set off by a comma: a relative or
# adverbial clause, a prepositional phrase ("..., and the second at Fort Polk in 2022, with
# a larger force", "..., e a segunda em 2022, quando ...")
ELLIPSIS_AFTER: Final = frozenset("where when which who whom whose with while before after as "
                                  "during following amid donde cuando que quien quienes cual con "
                                  "mientras antes después despues tras durante onde quando quem "
                                  "qual com enquanto depois após apos".split())
# a preposition before a relative word opens a relative clause as the relative alone does
# ("para onde", "a donde", "en el que", "to which", "in which")
RELATIVE_PREPOSITIONS: Final = frozenset("para a en de desde por hacia em no na to in from at "
                                         "through".split())
RELATIVE_WORDS: Final = frozenset("onde donde adonde which whom where que quem quien quienes "
                                  "cual cuales qual quais".split())
# the word that opens a reported clause ("..., and that in 2017 La Paz ordered"; Spanish and
# Portuguese "que" is a relative of ``ELLIPSIS_AFTER`` already)
COMPLEMENTIZERS: Final = frozenset({"that"})
# a participle that gives a thing's name, between commas ("VRSS-1, nicknamed Francisco de
# Miranda,", "también conocido como", "também chamado de"): no verb of a clause
NAMING: Final = re.compile(r"(?i)\s*(?:also\s+|también\s+|tambien\s+|também\s+|tambem\s+)?"
                           r"(?:nicknamed|named|dubbed|called|christened|known\s+as|apodad[oa]s?|"
                           r"llamad[oa]s?|denominad[oa]s?|conocid[oa]s?\s+como|bautizad[oa]s?|"
                           r"apelidad[oa]s?|chamad[oa]s?|conhecid[oa]s?\s+como|batizad[oa]s?)"
                           r"(?!\w)")
ORDINALS: Final = frozenset("second third fourth fifth last latter other segundo segunda segundos "
                            "segundas tercer tercero tercera cuarto cuarta quinto quinta último "
                            "última ultimo ultima otro otra outro outra terceiro terceira quarto "
                            "quarta otros otras outros outras others another more más mais".split())
# counts of what the part tells again ("y otros tres en 2012", "e outros dois em 2012", "and
# two more in 2012")
# the words a count may be followed by, the thing counted and its modifiers ("doce
# sistemas antiaéreos", "two armoured vehicles"): not an auxiliary ("two were delivered")
COUNTED_WORDS: Final = 3
AUXILIARIES: Final = frozenset("is are was were be been being has have had will would can could "
                               "may might shall should must do does did es son fue fueron era eran "
                               "ha han había habían será serán está están estaba estaban sido se é "
                               "são foi foram tem têm tinha tinham serão estão estava "
                               "estavam".split())
NUMERALS: Final = frozenset("one two three four five six seven eight nine ten eleven twelve "
                            "fifteen twenty thirty forty fifty hundred dozen dozens un una uno dos "
                            "tres cuatro cinco seis siete ocho nueve diez once doce quince veinte "
                            "treinta cuarenta cincuenta cien ciento docena docenas um uma dois "
                            "duas três tres quatro sete oito nove dez onze doze quinze vinte "
                            "trinta quarenta cinquenta cem cento dúzia dúzias".split())


def ellipses(dates: list[DateMention], text: str, sent: Mark, ents: list[Mark],
             nouns: Sequence[Mark], triggers: Sequence[Mark]
             ) -> list[tuple[int, int, list[DateMention]]]:
    """The coordinated parts told without a verb of their own that carry the verb of the
    clause before to another occurrence ("the first was held at Fort Bragg in 2019, and the
    second at Fort Polk in 2022", "visitó Lima en marzo y Quito en abril", "a primeira em
    2019 e a segunda em 2022", "USS X visited Mar del Plata in May, and USS Y Norfolk in
    October"): after "and"/"y"/"e" (with or without a comma), nothing but names, places,
    dates, ordinals, nouns of the lexicon (``nouns``: no trigger) and glue words up to a
    semicolon, the next coordinator, the sentence's end or a comma before a clause opened by
    a relative or a preposition (``ELLIPSIS_AFTER``), with a time of its own and
    something besides it (a place, a name, an ordinal: "and again in May 2016" is a date
    list, no part). Each as (where it opens, where it ends, its dates), in text order; only
    after the first trigger (the verb it carries)."""
    if not dates or not triggers:
        return []
    first = min(t.end_char for t in triggers)
    named = [(e.start_char, e.end_char) for e in ents]
    held = [(m.start_char, m.end_char) for m in nouns]
    spans = [(d.start, d.end) for d in dates]
    found: list[tuple[int, int, list[DateMention]]] = []
    line = text[sent.start_char:sent.end_char]
    for m in ELLIPSIS_JOIN.finditer(line):
        lo, hi = sent.start_char + m.start(), sent.start_char + m.end()
        word_at = lo + len(m.group(0)) - len(m.group(0).lstrip(" ,"))
        if lo < first or _inside(word_at, named) is not None \
                or _inside(word_at, spans) is not None:
            continue  # "Trinidad and Tobago", "between 3 and 7 May"
        end, besides, pieces = hi, False, 0
        stretches = _pieces(text, hi, sent.end_char)
        for k, (lo_, hi_, mark) in enumerate(stretches):
            verdict = _verbless(text, lo_, hi_, spans, named, held, nouns, triggers)
            cut = None if verdict is None else hi_
            if verdict is None and (cut := _cut_after_date(text, lo_, hi_, spans)) is not None:
                # "and at Valparaíso on June 11 as part of Southern Seas 2024": the part
                # ends where a phrase opens after its date, with no comma before it
                verdict = _verbless(text, lo_, cut, spans, named, held, nouns, triggers) \
                    if any(lo_ <= a and b <= cut for a, b in named) else None  # (a place or
                # a name of its own: "comando e estado-maior da turma de 2023 com" is none)
            if verdict is not None and cut is not None and cut < hi_:
                pieces += 1
                end, besides = cut, besides or verdict
                break
            if verdict is None and pieces and mark in ",()" and _naming(text, lo_, hi_):
                verdict = True  # "and its first remote sensing satellite, VRSS-1, nicknamed
                # Francisco de Miranda, in 2012": a name given between commas, no clause
            if verdict is None:
                if not (pieces and _aside(text, lo_, hi_)):
                    pieces = 0  # a verb told after the part's words ("and in March 2019 a
                    # delegation of the PLA (...), led by ..., visited"): a clause
                break  # "..., in 2022, when 219 soldiers trained": the part ends before
            pieces += 1
            end, besides = hi_, besides or verdict
            if mark.lower() in ("and", "y", "e"):
                after = stretches[k + 1] if k + 1 < len(stretches) else None
                if after is not None and not _aside(text, *after[:2]) and _verbless(
                        text, *after[:2], spans, named, held, nouns, triggers) is None:
                    pieces = 0  # "e os exercícios de 2020 e 2022 foram cancelados": the
                    # subject of a verb told after the next coordinator
            if mark not in ",()":
                break  # a semicolon, a dash or the next coordinator ends it
        if not pieces or end == hi:
            continue
        own = [d for d in dates if hi <= d.start < end]
        if own and besides:
            found.append((lo, end, own))
    return found


def _aside(text: str, start: int, end: int) -> bool:
    """Does the stretch open what is said after an elliptical part rather than go on with
    it: a relative or adverbial word (``ELLIPSIS_AFTER``: "..., in 2022, when 219 soldiers
    trained"), a reported clause ("..., and that in 2017 ..."), or a preposition before a
    relative ("..., em Fort Polk, na Louisiana, para
    onde seguiram 219 militares", "a donde", "to which")?"""
    words = re.findall(r"\w+", text[start:min(end, start + 40)].lower())[:2]
    return bool(words) and (words[0] in ELLIPSIS_AFTER or words[0] in COMPLEMENTIZERS or (
        len(words) == 2 and words[0] in RELATIVE_PREPOSITIONS and words[1] in RELATIVE_WORDS))


def _naming(text: str, start: int, end: int) -> bool:
    """Does the stretch give a name ("nicknamed Francisco de Miranda", "also known as Simón
    Bolívar", "conocido como", "apelidado de")?"""
    return NAMING.match(text, start, end) is not None


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The stretches of ``text[start:end]`` between commas, semicolons, brackets, dashes
    and coordinators, with the mark that ends each ('' at the end)."""
    found, at = [], start
    for stop in ELLIPSIS_END.finditer(text, start, end):
        found.append((at, stop.start(), stop.group(0).strip() or "-"))
        at = stop.end()
    found.append((at, end, ""))
    return found


def _cut_after_date(text: str, start: int, end: int, spans: list[tuple[int, int]]
                    ) -> int | None:
    """Where the first word of ``ELLIPSIS_AFTER`` right after a date of the stretch opens
    ("on June 11 as part of", "en 2014 con", "em 2019 durante"), if any."""
    for d_start, d_end in spans:
        if start <= d_start and d_end <= end:
            after = re.match(r"\s+(\w+)", text[d_end:end])
            if after is not None and after.group(1).lower() in ELLIPSIS_AFTER:
                return d_end
    return None


# possessives and "first" before what an elliptical part names ("and its first remote sensing
# satellite", "y su primer buque", "e seu primeiro navio")
DETERMINERS: Final = frozenset(word_list("part_determiners"))  # (stopwords.json)
ARTICLES: Final = article_words(
    ("definite_singular", "definite_plural", "indefinite"))  # (articles.json)
MODIFIERS_BEFORE: Final = 2  # words that may qualify the noun or name after them
# endings of past verb forms, never a modifier ("delivered", "llegó", "chegou", "enviaram")
PAST_ENDINGS: Final = tuple(word_list("past_endings"))  # (stopwords.json)


def _modifier(words: list[re.Match[str]], k: int, start: int, named: list[tuple[int, int]],
              held: list[tuple[int, int]]) -> bool:
    """Does the lower-case word ``k`` qualify the noun of the lexicon or the name that
    follows it within ``MODIFIERS_BEFORE`` words ("remote sensing satellite", "training ship
    Zheng He"), with nothing but such words between?"""
    word = words[k].group(0).lower()
    if not words[k].group(0)[:1].islower() or word.endswith(PAST_ENDINGS) \
            or word in AUXILIARIES:
        return False  # (a verb told before its object: "volta ao Brasil", "lost two ships")
    for w in words[k + 1:k + 1 + MODIFIERS_BEFORE]:
        at = start + w.start()
        if _inside(at, named) is not None or _inside(at, held) is not None \
                or w.group(0)[:1].isupper():
            return True
        following = w.group(0).lower()
        if not w.group(0)[:1].islower() or following in ELLIPSIS_GLUE \
                or following in ELLIPSIS_AFTER or following in NUMERALS:
            return False  # "viajou no sábado e volta ao Brasil": a preposition after it
    return False


def _verbless(text: str, start: int, end: int, spans: list[tuple[int, int]],
              named: list[tuple[int, int]], held: list[tuple[int, int]],
              nouns: Sequence[Mark], triggers: Sequence[Mark]) -> bool | None:
    """None when the stretch holds a verb or a word of another kind than names, places,
    dates, ordinals, nouns of the lexicon and glue words; else whether it names something
    besides its time (a name, a place, an ordinal, a noun)."""
    besides, counted = False, 0
    words = list(re.finditer(r"[^\W_][\w'’.-]*", text[start:end]))
    qualifying = -2  # the last word read as qualifying a noun after it
    for k, w in enumerate(words):
        at = start + w.start()
        word = w.group(0).rstrip(".").lower()
        if _inside(at, spans) is not None:
            counted = 0
            continue
        if any(t.start_char <= at < t.end_char for t in triggers if t not in nouns):
            return None  # a verb of its own: a clause
        if _inside(at, named) is not None or _inside(at, held) is not None \
                or w.group(0)[:1].isupper() \
                or word in ORDINALS:
            besides = True
        elif word in DETERMINERS and k + 1 < len(words):
            continue  # "and its first ...", "y su ...": what the part names follows
        elif k and (qualifying == k - 1 or words[k - 1].group(0).lower() in
                    DETERMINERS | ARTICLES | NUMERALS) \
                and _modifier(words, k, start, named, held):
            besides, qualifying = True, k  # "its first remote sensing satellite", "its
            # training ship Zheng He": words after a determiner before the noun or name
            # they qualify, no verb
        elif word in NUMERALS or word.isdigit():
            counted = COUNTED_WORDS
        elif counted and word not in AUXILIARIES and word not in ELLIPSIS_GLUE:
            counted -= 1  # "y doce sistemas antiaéreos ZU-23-2 en 2014", "and twelve
            besides = True  # anti-aircraft guns in 2014": what a count counts
        elif word in ELLIPSIS_GLUE:
            counted = 0
        else:
            return None
    return besides
