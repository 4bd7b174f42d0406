"""Date expressions found and parsed: ``scan(text, lang)``.

``scan`` finds every date expression (words from ``models/dates.json``, checked by
``check_dates``) and parses what it states: a day, a month, a year, a weekday, or a shift
from a base ("the next day", "dos meses después", "ontem"), as ``DateMention`` records not
yet resolved (``timeline.py`` resolves them in reading order). Each rule is tried only in
the stretches of text around an anchor of its kind (a year, a month, a weekday, a relative
word, a day marker), where ``prefilter.py`` says it may match.

A range keeps its start; its parts keep its last day (``range_end``). A date introduced by
a bound marker ("until", "desde") is marked ``bound``: it bounds a period and dates no
event, except a day after "since" ("está atracado desde sábado": the day an occurrence under
way began); so is the date of a cited source ("(AP, 25 July 2023)") and of a wire dateline
("MONTEVIDEO, Sept. 3 (Xinhua) --"). The two ends of a stretch of years ("entre 2009 e
2012") are no bare years: they date their sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from typing import Any, Final

from pipeline.nlp import prefilter
from pipeline.nlp.fold import fold

YEAR: Final = r"(?P<year>(?:19|20)\d\d)"
BASES: Final = ("publication", "previous", "event", "story")
UNITS: Final = ("day", "week", "month", "year")
# counts of ``numbers`` that are a guess, not a number: years counted so ("some years ago",
# "hace unos años", "há alguns anos") tell a time long past, no year (cue.vague_past reads it)
VAGUE_COUNTS: Final = frozenset("some several few couple unos unas pocos pocas varios varias "
                                "alguns algumas poucos poucas vários "
                                "várias".split()) | {"a few", "a couple of"}


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    value: str | None  # YYYY-MM-DD, YYYY-MM or YYYY, once resolved
    precision: str | None  # day | month | year
    rule: str
    bound: bool = False  # bounds a period ("until March 31", "desde 2023"), dates no event
    parts: tuple = ()  # what the expression states, for the resolver (see ``_parse``)


def check_dates(data: Any, langs: tuple[str, ...]) -> dict[str, Any]:
    """``dates.json`` checked: every table has every language, relative phrases name a known
    unit and base, shifts a direction and a base."""
    from pipeline.errors import ConfigError

    tables = ("months", "weekdays", "weekday_prefix", "numbers", "units", "shifts", "relative",
              "future_markers", "bound_markers", "background_openers", "birth_words",
              "flashback_auxiliaries", "sequence_verbs", "recency_openers",
              "past_sequence_verbs", "recall_verbs", "present_stays", "same_day_sequels",
              "prospect_markers", "onward_present", "qualifier_hosts", "present_courses",
              "present_times")
    if not isinstance(data, dict):
        raise ConfigError("dates.json: expected an object")
    for key in tables:
        if not isinstance(data.get(key), dict) or set(data[key]) != set(langs):
            raise ConfigError(f"dates.json: {key!r} must map each of {', '.join(langs)}")
    for lang in langs:
        if len(data["months"][lang]) != 12 or len(data["weekdays"][lang]) != 7:
            raise ConfigError(f"dates.json: {lang}: 12 months and 7 weekdays expected")
        for entry in data["relative"][lang]:
            if set(entry) != {"phrase", "unit", "offset", "base"} or entry["unit"] not in UNITS \
                    or entry["base"] not in BASES or not isinstance(entry["offset"], int):
                raise ConfigError(f"dates.json: relative {lang}: {entry!r:.80}: needs phrase, "
                                  f"unit ({', '.join(UNITS)}), integer offset and base "
                                  f"({', '.join(BASES)})")
        for word, spec in data["shifts"][lang].items():
            if not (isinstance(spec, list) and len(spec) == 2 and spec[0] in (1, -1)
                    and spec[1] in BASES):
                raise ConfigError(f"dates.json: shifts {lang}: {word!r}: expected "
                                  f"[1 or -1, one of {', '.join(BASES)}]")
        if set(data["units"][lang].values()) - set(UNITS):
            raise ConfigError(f"dates.json: units {lang}: values must be {', '.join(UNITS)}")
    return data


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# words that may follow "the 23rd" when it is a day; any other word makes it an ordinal
# ("the 15th conference", "the 61st training cruise")
ORDINAL_NEXT: Final = (r"(?:of|at|in|on|and|when|the|a|an|he|she|they|it|we|with|to|for|after|"
                       r"before|as|during|by|his|her|their|its|was|were|had|has|,)")


# a year between a determiner and a word is a noun's modifier ("the 2008 strategy", "its 2015
# package"): it dates that noun, nothing else in the sentence (``clauses.dates_for``)
MODIFIER_BEFORE: Final = re.compile(r"(?<![\w-])(?:the|its|their|his|her|this|that|whose)\s+$")
MODIFIER_AFTER: Final = re.compile(r"\s+[^\W\d_]")


@cache
def _patterns(lang: str) -> list[tuple[str, re.Pattern[str]]]:
    from pipeline.nlp.models import load

    data: dict[str, Any] = load().dates
    months = [w for names in data["months"][lang] for w in names]
    mon = rf"(?P<month>{_alt(months)})"
    # a month alone is spelt out ("in March", "em março"): an abbreviation needs a day or a
    # year by it ("Mar. 5", "5 mar. 2024"); "reabastecimento no mar." is the sea
    # ... and a month's name written without its accent is a word too ("marco" for "março":
    # "no marco da missão", "um marco histórico"): alone it is no month, by a day or a year it is
    spelt = [w for names in data["months"][lang] for i, w in enumerate(names)
             if i == 0 or (not w.endswith(".") and len(w) > 4 and w != fold(names[0]))]
    mon_alone = rf"(?P<month>{_alt(spelt)})"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|º|°|o)?"
    weekdays = [w for names in data["weekdays"][lang] for w in names]
    prefixes = data["weekday_prefix"][lang]
    relative = [e["phrase"] for e in data["relative"][lang]]
    # a day named alone from the publication ("ayer", "ontem", "today") governs no "de"
    deictic = "".join(rf"(?<={re.escape(e['phrase'])})|" for e in data["relative"][lang]
                      if " " not in e["phrase"] and e["base"] == "publication")
    numbers = list(data["numbers"][lang])
    units = list(data["units"][lang])
    shifts = list(data["shifts"][lang])
    b, e = r"(?<![\w-])", r"(?![\w-])"
    bm = r"(?:(?<=mid-)|(?<=early-)|(?<=late-)|(?<![\w-]))"  # "mid-January 2010"
    wk = rf"(?:(?:{_alt(weekdays)}),?\s+)?"  # "entre el lunes 19 y el martes 20 de junio"
    joiner = (r"\s*(?:y|e|and|to|a|al|ao|through|until|hasta|até|-|–)\s*"
              r"(?:el\s+|o\s+|os\s+|a\s+|the\s+)?")
    opener = (r"(?:(?:entre|between|from|del|de|do|dos|desde)\s+"
              r"(?:el\s+|los\s+|o\s+|os\s+|a\s+|the\s+)?)?")
    of = r"(?:\s+de|\s+of)?"
    # the year in two figures after a day and a month, as navies write it ("from 01 to 13
    # Oct 18,", "on 15 Aug 22 as part of"): a pause or a preposition after it (not "on 15
    # August 22 sailors")
    yy = (r"|\s+(?P<yy>\d\d)(?=\s*[,.;:)]|\s+(?:as|and|with|at|in|to|for|on|from|when|while|"
          r"during|off|alongside|by|after|before)(?![\w-]))") if lang == "en" else ""
    pats = [
        ("date.range_full", rf"{b}{opener}{day}{of}\s+{mon}{joiner}(?P<day2>[0-3]?\d)(?:º|°)?"
                            rf"{of}\s+(?P<month2>{_alt(months)}),?\s+(?:del?\s+|of\s+)?{YEAR}{e}"),
        ("date.range_full_md", rf"{bm}(?:from\s+|between\s+)?{mon}\s+{day}{joiner}"
                               rf"(?P<month2>{_alt(months)})\s+(?P<day2>[0-3]?\d),?\s+{YEAR}{e}"),
        # "entre 5 de agosto e 4 de setembro", "from 28 July to 2 August": a yearless range
        # across months needs its opener ("on 5 March and 4 April" lists two dates)
        ("date.range_months", rf"{b}(?:entre|between|from|del|de|desde)\s+"
                              rf"(?:el\s+|o\s+|the\s+)?{day}{of}\s+{mon}{joiner}"
                              rf"(?P<day2>[0-3]?\d)(?:º|°)?{of}\s+(?P<month2>{_alt(months)}){e}|"
                              # the month first: "from September 28 to October 1"
                              rf"{b}(?:between|from)\s+(?P<monthb>{_alt(months)})\s+"
                              rf"(?P<dayb>[0-3]?\d)(?:st|nd|rd|th)?{joiner}"
                              rf"(?P<monthb2>{_alt(months)})\s+(?P<dayb2>[0-3]?\d)(?:st|nd|rd|th)?"
                              rf"{e}(?!,?\s+\d)|"
                              # a word that only joins a stretch's ends needs no opener ("spent
                              # Oct. 30 to Nov. 3 in Asunción"; "and" may list two dates)
                              rf"{b}(?P<monthc>{_alt(months)})\s+(?P<dayc>[0-3]?\d)(?:st|nd|rd|th)?"
                              rf"\s*(?:to|through|until|-|–)\s*(?P<monthc2>{_alt(months)})\s+"
                              rf"(?P<dayc2>[0-3]?\d)(?:st|nd|rd|th)?{e}(?!,?\s+\d)"),
        ("date.range_day_month", rf"{b}{opener}{wk}{day}{joiner}{wk}(?P<day2>[0-3]?\d)"
                                 rf"(?:st|nd|rd|th|º|°)?"
                                 rf"{of}\s+{mon}(?:,?\s+(?:del?\s+|of\s+)?{YEAR}{yy})?{e}"),
        ("date.range_month_day", rf"{bm}{mon}\s+{day}{joiner}(?P<day2>[0-3]?\d)(?:,\s*{YEAR})?{e}"),
        ("date.weekday_day", rf"{b}(?:(?P<prefix>{_alt(prefixes)})\s+)?"
                             rf"(?P<weekday>{_alt(weekdays)})\s*\((?P<day>[0-3]?\d)(?:º|°|o)?\)"),
        # "nesta sexta-feira, 14, no Rio", "el lunes 10 en Callao": the day after a comma or
        # a space, then a pause or a preposition (not "10 de junho", not "14 militares")
        ("date.weekday_number", rf"{b}(?:(?P<prefix>{_alt(prefixes)})\s+)?"
                                rf"(?P<weekday>{_alt(weekdays)}),?\s+(?P<day>[0-3]?\d)(?:º|°)?"
                                rf"(?=\s*[,.;:]|\s+(?:{WEEKDAY_DAY_NEXT})(?![\w-])"
                                rf"|\s+{WEEKDAY_DAY_VERB}(?![\w-]))"
                                rf"(?!\s*(?:de\s+|del\s+)?(?:{_alt(months)})(?![\w-]))"),
        # "entre abril y octubre de 2011", "from April to October 2011", "de abril a
        # outubro de 2011": a stretch of months told by its two ends keeps its first, with
        # the year said after the last (without a year, "entre marzo y abril" is as often a
        # season as a stretch: unread)
        ("date.month_range", rf"{b}(?:entre|between|from|de)\s+{mon_alone}\s+"
                             rf"(?:y|e|and|to|a|al|até|hasta|through|until)\s+"
                             rf"(?P<month2>{_alt(spelt)})"
                             rf",?\s+(?:del?\s+|do\s+|of\s+)?{YEAR}{e}"),
        ("date.iso", rf"{b}{YEAR}-(?P<mnum>[01]\d)-(?P<day>[0-3]\d){e}"),
        # "02/09/2015", "15.06.2023": day first in Spanish and Portuguese; in English month
        # first unless the first number cannot be a month or the figures are dotted
        ("date.numeric", rf"(?<![\w/.-])(?P<n1>[0-3]?\d)(?P<sep>[/.-])(?P<n2>[01]?\d)"
                         rf"(?P=sep){YEAR}(?![\w-]|[/.]\d)"),
        # a day or a month of a year said from the publication's ("10 de setembro do ano
        # passado", "March 5 last year", the adjective first too: "julio del pasado año",
        # "marzo del próximo año"): before the same day read with the story's year
        ("date.month_relative_year", rf"{b}(?:(?:in|en|em|during|durante|a|no)\s+)?"
                                     rf"(?:{day}{of}\s+(?=\w))?{mon}(?:\s+(?P<day2>[0-3]?\d)"
                                     rf"(?:st|nd|rd|th)?,?)?\s+"
                                     rf"(?:of\s+|de\s+|del\s+|do\s+)?"
                                     rf"(?P<ryear>this year|last year|next year|este año|"
                                     rf"el año pasado|año pasado|pasado año|el próximo año|"
                                     rf"próximo año|este ano|deste ano|do ano passado|"
                                     rf"ano passado|passado ano|do próximo ano){e}"),
        # "el pasado 16 de abril", "no último 15 de março": "the last" is part of the date
        ("date.day_month_year", rf"{b}(?:(?:el|o|no)\s+(?:{LAST_NEXT})\s+)?{day}{of}\s+{mon}"
                                rf"(?:,?\s+(?:del?\s+|of\s+)?{YEAR}{yy})?{e}"),
        ("date.month_day_year", rf"{bm}{mon}\s+{day}(?:(?:,\s*|\s+del?\s+){YEAR})?{e}"),
        # "November–December 2008", "outubro-novembro de 2013": a stretch of months
        # keeps its first
        ("date.month_year", rf"{bm}{mon}(?:\s*[-–/]\s*(?:{_alt(months)}))?(?:,)?\s+"
                            rf"(?:del?\s+|of\s+)?{YEAR}{e}"),
        # "el pasado mes de agosto", "no mês de novembro passado": the word 'month' between
        ("date.month_last", rf"{b}(?:(?P<lastword>last|this past|el pasado|pasado|o passado|"
                            rf"no passado|en|em|el|o|no)\s+)?(?:(?:mes|mês)\s+de\s+)?{mon}\s+"
                            rf"(?P<pastword>pasado|passado){e}|"
                            rf"{b}(?P<lastword2>last|this past|el pasado|o passado|no passado)\s+"
                            rf"(?:(?:mes|mês)\s+de\s+)?(?P<month2>{_alt(months)}){e}(?!\s+(?:de\s+)?\d)"),
        # "no dia 5 do mês passado", "el día 5 del mes pasado", "the 5th of last month": the
        # day of that month (before "mês passado" alone, a month, and a bare "dia 5")
        ("date.day_of_month", rf"{b}(?:(?:no|o|el|en el)\s+)?(?:dia|día)\s+(?P<day>[0-3]?\d)"
                              rf"(?:º|°)?\s+(?:do|del|deste|de este)\s+(?P<which>{DAY_OF_MONTH})"
                              rf"{e}(?!\s+(?:de|del)\s)|{b}(?:on\s+)?the\s+(?P<day2>[0-3]?\d)(?:st|nd|rd|th)\s+of\s+"
                              rf"(?P<which2>{DAY_OF_MONTH}){e}"),
        # "entre el 22 y el 26 de ese mes", "on the 6th of that month", "em 22 daquele mês":
        # a day of the month told last (a stretch of them: its first), before "ese mes"
        ("date.day_that_month", rf"{b}{opener}(?:(?P<day1>[0-3]?\d)(?:st|nd|rd|th|º|°)?{joiner})?"
                                rf"(?P<day>[0-3]?\d)(?:st|nd|rd|th|º|°)?\s+"
                                rf"(?:de\s+|of\s+|d(?=aquele|esse))(?:ese|aquel|that|aquele|esse|"
                                rf"dicho)\s+(?:mismo\s+|same\s+|mesmo\s+)?(?:mes|month|mês){e}"),
        # a fixed phrase first: "the day before" is one day, not "days before" (a few)
        ("date.relative", rf"{b}(?P<relative>{_alt(relative)}){e}"
                          # "the eve of the anniversary"; "al día siguiente de su llegada"
                          # counts from the occurrence told, as "the day after its arrival"
                          # (not a day named alone: "llegó ayer de Lima", "recibió ayer de
                          # manos del presidente", "chegou ontem de manhã" are yesterday)
                          rf"(?:{deictic}(?!\s+(?:of|de|do|da|del)\s(?!(?:su|sus|seu|sua|seus|"
                          rf"suas|its|his|her|their)\s)))"
                          # "no início do mês seguinte": not the publication's month
                          rf"(?!\s+(?:seguinte|anterior|passad[oa]|pasad[oa]|siguiente|"
                          rf"following|previous)(?![\w-]))"),
        # "Over those five months the squadron called at", "durante esos dos días", "nesses
        # três meses": a stretch told before, pointed back at: from the date told last
        ("date.that_stretch", rf"{b}(?:{THAT_STRETCH.get(lang, '(?!)')})\s+"
                              rf"(?:(?:{_alt(numbers)}|\d{{1,2}})\s+)?(?P<unit>{_alt(units)}){e}"),
        ("date.shift", rf"{b}(?:(?P<num>{_alt(numbers)}|\d{{1,2}})\s+)?(?P<unit>{_alt(units)})\s+"
                       rf"(?P<shift>{_alt(shifts)}){e}"),
        ("date.weekday", rf"{b}(?:(?P<prefix>{_alt(prefixes)})\s+)?(?P<weekday>{_alt(weekdays)})"
                         rf"(?:\s+(?:(?P<past>pasado|passado|passada)|(?P<following>siguiente|seguinte)))?{e}"
                         rf"(?!,?\s+(?:\d|(?:{_alt(months)})(?![\w-])))"),
        # "há três dias", "hace dos semanas": 'ago' before its count (English and "três dias
        # atrás" say it after: date.shift); a count is needed ("há décadas" is vague)
        ("date.ago_before", rf"{b}(?:{AGO_BEFORE})\s+(?P<num>{_alt(numbers)}|\d{{1,2}})\s+"
                            rf"(?P<unit>{_alt(units)}){e}"),
        # "no último dia 15", "no dia 15 último", "el pasado día 15", "no próximo dia 20":
        # the latest (or next) day of that number from the publication date
        ("date.day_last", rf"{b}(?:(?:el|o|no|en el)\s+)?(?:(?P<when>{LAST_NEXT})\s+(?:día|dia)\s+"
                          rf"(?P<day>[0-3]?\d)(?:º|°)?|(?:día|dia)\s+(?P<day2>[0-3]?\d)(?:º|°)?\s+"
                          rf"(?P<when2>{LAST_NEXT})){e}(?!\s*(?:de\s+)?(?:(?:{_alt(months)})(?![\w-])|\d))"),
        ("date.day_only", rf"{b}(?:(?:el|o|no|del|do)\s+(?:día|dia)\s+(?P<day>[0-3]?\d)(?:º|°)?"
                          rf"(?!\s*(?:de\s+)?(?:(?:{_alt(months)})(?![\w-])|\d))|"
                          # "entre os dias 9 e 12", "entre los días 9 y 12": from the first
                          rf"(?:entre|desde|de|dos|nos|los)\s+(?:os\s+|los\s+)?(?:días|dias)\s+"
                          rf"(?P<dayr>[0-3]?\d){joiner}[0-3]?\d(?:º|°)?"
                          rf"(?!\s*(?:de\s+)?(?:(?:{_alt(months)})(?![\w-])|\d))|"
                          rf"the\s+(?P<dayth>[0-3]?\d)(?:st|nd|rd|th)(?!\s+(?:of\s+)?(?:{_alt(months)}))"
                          rf"(?!\s+(?!{ORDINAL_NEXT}\b)[a-z]))"  # not "the 15th conference"
                          rf"{e}"),
        # (a stretch from a part of a month keeps its start: "entre finales de marzo y
        # comienzos de abril", "entre o fim de março e o início de abril")
        ("date.month_alone", rf"{b}(?:(?:in|en|em|during|durante|for|para|a partir de|a|no|by|"
                             rf"since|desde|until|hasta|até|of|week of|month of|mes de|mês de|"
                             rf"semana de|that|ese|aquel|esse|aquele|naquele|nesse|neste)\s+"
                             # (a stretch of the month: "durante buena parte de septiembre",
                             # "for much of May", "em boa parte de março")
                             rf"(?:(?:buena|gran|boa|grande)\s+parte\s+de\s+|(?:much|most)\s+"
                             rf"of\s+)?"
                             rf"(?:(?:early|late|mid-|the end of|the beginning of|principios de|"
                             rf"comienzos de|inicios de|fines de|finales de|mediados de|"
                             rf"início de|inicio de|começo de|fim de|final de|meados de|"
                             rf"fins de)\s*)?|"
                             rf"(?:entre|between)\s+(?:o\s+)?(?:principios de|comienzos de|"
                             rf"inicios de|fines de|finales de|mediados de|início de|inicio de|"
                             rf"começo de|fim de|final de|meados de|fins de)\s*|"
                             rf"(?:early|late|mid)-\s*|(?:early|late)\s+|"
                             # a month heading a paragraph of a chronology ("Março – O
                             # Tonelero vai para a água. No dia 27, ...", "March: ..."): the
                             # month its days are told in
                             rf"(?<![^\n])[ \t]*(?=(?:{_alt(spelt)})[ \t]*[-–—:]))"
                             rf"{mon_alone}{e}(?!\s+\d)"),
        ("date.edition_year", rf"{b}(?:(?:edição|edición|edition)\s+(?:de\s+)?{YEAR}|"
                              rf"(?P<year2>(?:19|20)\d\d)\s+edition){e}"),
        ("date.in_year", rf"{b}(?:in|en|em|during|durante|since|desde|until|hasta|até|by|"
                         # a part of the year, as of a month ("a mediados de 2021", "em
                         # meados de 2021", "at the start of 2021"): the year, stated
                         rf"(?:early|late|mid-|mid|the end of|the beginning of|the start of|"
                         rf"the middle of|principios de|comienzos de|inicios de|mediados de|"
                         rf"fines de|finales de|início de|inicio de|começo de|meados de|"
                         rf"fins de|fim de|final de)\s+|"
                         rf"(?:early|late)\s+in)\s*(?:the\s+year\s+|el\s+año\s+|o\s+ano\s+de\s+)?"
                         rf"{YEAR}{e}"),
        ("date.year", rf"{bm}{YEAR}(?![\w-])(?!\s*(?:-|–|/)\s*\d)"),  # "in mid-2023"
    ]
    # matched on lower-cased text (``scan``): a case-blind regex is slower by half
    return [(rule, re.compile(p)) for rule, p in pats
            if rule not in ("date.day_last", "date.ago_before", "date.weekday_number")
            or lang in ("es", "pt")]  # (no English wording)


LAST_NEXT: Final = "último|ultimo|pasado|passado|próximo|proximo"  # (date.day_last)
# (date.that_stretch) a preposition of time and a demonstrative before a count of a unit
THAT_STRETCH: Final = {
    "en": r"(?:over|during|in|throughout|within)\s+(?:those|these)",
    "es": r"(?:durante|en|a\s+lo\s+largo\s+de)\s+(?:esos|estos|aquellos|esas|estas|aquellas)",
    "pt": r"(?:(?:durante|em|ao\s+longo\s+de)\s+(?:esses|estes|aqueles|essas|estas|aquelas)|"
          r"(?:ao\s+longo\s+)?(?:nesses|nestes|naqueles|nessas|nestas|naquelas|desses|destes|"
          r"daqueles|dessas|destas|daquelas))"}
AGO_BEFORE: Final = "hace|há"  # (date.ago_before)
# (date.weekday_number) the words that may follow "el lunes 10" / "na segunda-feira, 10"
# (date.weekday_number) or a verb in the simple past right after the number ("El martes 9
# recibió al secretario", "na quinta-feira 14 assinaram"): no count of things
WEEKDAY_DAY_VERB: Final = r"(?:se\s+|\w+-se\s+)?\w{2,}(?:ó|aron|ieron|ou|aram|eram|iram|iu|eu)"
WEEKDAY_DAY_NEXT: Final = ("en|em|no|na|nos|nas|y|e|a|al|ao|à|por|pelo|pela|con|com|para|durante|"
                           "cuando|quando|tras|após|antes|desde|último|pasado|passado|passada")
# (date.day_of_month) the month a day is said of, and how far from the publication's
MONTH_OF: Final = {"mês passado": -1, "mes pasado": -1, "mês anterior": -1, "mes anterior": -1,
                   "last month": -1, "mês": 0, "mes": 0, "this month": 0, "próximo mês": 1,
                   "mês que vem": 1, "próximo mes": 1, "mes que viene": 1, "next month": 1}
DAY_OF_MONTH: Final = "|".join(re.escape(w) for w in sorted(MONTH_OF, key=len, reverse=True))


@cache
def _prefilter(lang: str) -> prefilter.Prefilter:
    return prefilter.Prefilter(_patterns(lang))


@cache
def _blind_patterns(lang: str) -> list[tuple[str, re.Pattern[str]]]:
    """The rules, case-blind: for the rare text whose lower case changes its length."""
    return [(rule, re.compile(p.pattern, re.IGNORECASE)) for rule, p in _patterns(lang)]


def rules(lang: str) -> list[str]:
    """The date rule ids of one language."""
    return [rule for rule, _ in _patterns(lang)]


def scan(text: str, lang: str) -> list[DateMention]:
    """Every date expression in ``text`` in text order, parsed but not yet resolved."""
    from pipeline.nlp.models import load

    data = load().dates
    covered = bytearray(len(text))
    found: list[DateMention] = []
    bounds = _bound_marker(lang)
    low = text.lower()
    windows = _windows(low, lang)
    same = len(low) == len(text)  # (a few letters lower-case into two characters)
    active = _active(lang, frozenset(kind for kind, where in windows.items() if where))
    points = _prefilter(lang).points(low, active) if same else {}  # where each rule may match
    for rule, pattern in _patterns(lang) if same else _blind_patterns(lang):
        where = windows[NEEDS.get(rule, "month")]
        if not where:
            continue  # no anchor of its kind in the text: nowhere to look
        at = points.get(rule)
        for m in (prefilter.matches(pattern, low, where, at) if at is not None else
                  (m for a, b in where for m in pattern.finditer(low if same else text, a, b))):
            if any(covered[m.start():m.end()]):
                continue
            if low[m.start():m.start() + 1].isdigit() and NUMBER_SIGN.search(
                    low, max(0, m.start() - 8), m.start()):
                continue  # "Release No. 12 - 28 November 2018", "Comunicado N.º 4 - 22 de
                # septiembre": a number, no day (the date after it is found on its own)
            if rule == "date.weekday" and not m.group("prefix") and not m.group("past") \
                    and not m.group("following") and lang != "en" \
                    and not _plain_weekday(m.group("weekday"), low, m.end(), lang):
                continue  # bare "segunda" is also "second"; "Santo Domingo" is a city
            if rule == "date.weekday" and _ordinal_of_noun(m.group("weekday"), low, m.end(),
                                                           lang):
                continue  # "na sexta edição", "na quinta reunião": the sixth, the fifth
            if rule == "date.shift" and m.group("shift").lower() == "on" \
                    and re.match(r"\s*[\w\"“'‘(]", text[m.end():m.end() + 3]):
                continue  # "spent several days on what ...": a stay and its "on"; "two
                # days on," / "two days on." (later) stands before a comma or the end
            if rule == "date.month_alone" and DEMONSTRATIVE.match(low, m.start()) \
                    and not text[m.start("month")].isupper() and lang == "en":
                continue  # "That September" is a month; "the ship that may call" is not
            if rule in ("date.year", "date.in_year") and DECADE_BEFORE.search(
                    low, max(0, m.start() - 30), m.start() + len(m.group(0)) - 4):
                continue  # "na década de 1990", "nos anos 1980", "en los años 2000": a
                # decade, no year of it
            parts = _parse(rule, m, lang, data)
            if parts is None:
                continue
            covered[m.start():m.end()] = b"\x01" * (m.end() - m.start())
            before = text[max(0, m.start() - BOUND_REACH):m.start()].lower()
            lead = m.group(0).lower()
            this = lead.startswith(("este", "esta", "this", "neste", "nesta"))
            bound = (not this and ((bounds is not None and bounds.search(before) is not None
                                    and OPENING_THROUGH.search(before) is None)
                                   or lead.startswith(("since", "desde", "until", "hasta", "até"))
                                   or _since_event(low, m.start()))) \
                or UNTIL_BEFORE.search(before) is not None \
                or (rule in ("date.year", "date.in_year", "date.relative")
                    and PLAN_FOR.search(low[max(0, m.start() - 60):m.start()]) is not None)
            games = _named_games(lang) if parts[0] == "year" else None
            if games is not None and (games[0].search(low, max(0, m.start() - NAMED_REACH),
                                                      m.start() + len(lead) - 4)
                                      or games[1].match(low, m.end())):
                bound, parts = True, (*parts, "games")  # "antes da Copa do Mundo de 2014",
                # "the 2016 Olympics": the year names the games; it dates nothing told
            if not bound and parts[0] == "weekday" \
                    and _weekday_range_end(lang).search(
                        low, max(0, m.start() - WEEKDAY_RANGE_REACH), m.start()) is not None:
                bound = True  # "from Thursday to Saturday", "del martes al jueves", "de
                # terça a quinta-feira": a stay told by its two weekdays; its first dates it
            # ("desde este lunes" opens the occurrence; "hasta este martes", "until this
            # Friday", "até esta sexta" only ends a stay told by its end: no date of it)
            if rule == "date.year" and not bound and _year_range(low, m.start(), m.end()):
                parts = (*parts, "span")  # "entre 2009 e 2012": it dates its sentence
            elif rule == "date.year" and not bound and YEAR_LISTED.search(
                    low, max(0, m.start() - YEAR_LIST_REACH), m.start()):
                pass  # "en 2016 y 2018 hicieron escala", "in 2009, 2012 and 2014": a year
                # listed after a year said with its preposition is said as that one is
            elif rule == "date.year" and not bound:
                parts = (*parts, "bare")
                if lang == "en" and MODIFIER_BEFORE.search(before) \
                        and MODIFIER_AFTER.match(text, m.end()):
                    parts = (*parts, "modifier")  # "the 2008 strategy": it dates the noun
            opened = _since_clause_at(low, m.start()) if bound else None
            if opened is not None:  # "since a framework agreement was concluded in 2008",
                # "desde que firmaron un acuerdo en 2008": it bounds what the sentence tells
                # outside the clause, and dates what the clause itself tells
                parts = (*parts, ("since_at", opened))
            if bound and re.search(r"(?:since|desde)\s*$", before + lead[:6]):
                parts = (*parts, "since")  # a habit since then, not one occurrence
            if bound and (SINCE_OPENS.search(before) or re.match(r"(?:since|desde)\s", lead)) \
                    and WHEN_AFTER.match(text, m.end()):
                parts = (*parts, (WHEN_AT, m.end()))  # "the highest-ranking visit since
                # January 2019, when minister Hatami was received", "desde enero de 2019,
                # cuando", "desde janeiro de 2019, quando": it dates the clause it opens
            if bound and (parts[0] == "weekday" or (parts[0] == "ymd" and parts[3])) \
                    and (SINCE_OPENS.search(before) or re.match(r"(?:since|desde)\s", lead)) \
                    and not UNTIL_BEFORE.search(before) and not _since_event(low, m.start()):
                bound = False  # "está atracado desde sábado", "hosting since July 15",
                # "Desde el 14 de enero, aviones ... han realizado": the day an occurrence
                # under way began, its start (a month or year after "since" stays a habit or
                # a state: "calls at three ports since September", "em vigor desde 2011")
            found.append(DateMention(m.start(), m.end(), text[m.start():m.end()], None, None,
                                     rule, bound, parts))
    found = [replace(d, bound=True, parts=(*d.parts, "citation")) if _cited(text, d) else d
             for d in found]
    found.sort(key=lambda d: d.start)
    found = [replace(d, bound=True, parts=(*d.parts, "introduces"))
             if _introduces(text, d, found[k + 1] if k + 1 < len(found) else None) else d
             for k, d in enumerate(found)]
    return [replace(d, bound=True, parts=(*d.parts, "dateline")) if _in_dateline(text, d)
            else d for d in found]


# what may stand between a shift and the calendar date it introduces: a comma and a
# preposition or article ("Meses antes, en septiembre de 2023", "Years earlier, in April
# 2007", "Anos depois, em julho de 2022", "Años más tarde, el 28 de septiembre de 2020")
INTRODUCED: Final = re.compile(r"\s*,\s*(?:(?:on|in|en|em|el|no|na|the|o)\s+){0,2}$", re.IGNORECASE)


def _introduces(text: str, d: DateMention, after: DateMention | None) -> bool:
    """A shift from a date told before ("Meses antes", "two days later", "Anos depois")
    set off by a comma right before a calendar date that states its year: the
    shift only leads to that date, which dates what the clause tells (the shift, counted
    from another date, may land in another year: "Meses antes, en septiembre de 2023" told
    after May 2024)."""
    if after is None or not d.parts or d.parts[0] != "shift" or d.rule != "date.shift" \
            or not after.parts or after.parts[0] not in ("ymd", "year") or not after.parts[1]:
        return False  # (a date without its year, "Two days later, on October 22", may
        # take it from the shift)
    return INTRODUCED.fullmatch(text, d.end, after.start) is not None


# a number sign right before a figure ("No. 12", "N.º 4", "nº 31", "núm. 5", "#3"); a bare
# "no" is the Portuguese "in the" ("no 1º de maio") and stays out
NUMBER_SIGN: Final = re.compile(r"(?:(?<![\w-])(?:no|nos|nr|num|núm|nro)\.|"
                                r"(?<![\w-])n\.?\s?[º°]|#)\s*$")
# "since", "desde" right before a day, weekday or month ("since July 15", "desde el
# sábado", "desde a segunda-feira (10)")
# the clause a "since" date opens after it ("since 2011, when the Peace Ark called", "desde
# enero de 2019, cuando", "desde 2019, quando"): what it tells happened at that date
WHEN_AFTER: Final = re.compile(r",?\s+(?:when|cuando|quando|en\s+que|"
                               r"em\s+que)(?!\w)", re.IGNORECASE)
WHEN_AT: Final = "when_at"  # the part naming where that clause opens
SINCE_OPENS: Final = re.compile(r"(?<![\w-])(?:since|desde)(?:\s+(?:el|la|o|a|the))?\s*$")
DEMONSTRATIVE: Final = re.compile(r"(?:that|ese|aquel|esse|aquele|naquele|nesse)\s")  # "That
# September"
# the two ends of a stretch of years ("entre 2009 e 2012", "between 2004 and 2007", "from
# 2009 to 2012"): a stretch stated, which its start dates, no year naming a thing
YEAR_RANGE_FIRST: Final = re.compile(r"(?<![\w-])(?:entre|between|from)\s+$")
YEAR_RANGE_JOIN: Final = r"\s*(?:e|y|and|to|a|al|até)\s+"
YEAR_RANGE_AFTER: Final = re.compile(rf"{YEAR_RANGE_JOIN}(?:19|20)\d\d(?!\d)")
YEAR_RANGE_SECOND: Final = re.compile(rf"(?<![\w-])(?:entre|between|from)\s+(?:19|20)\d\d"
                                      rf"{YEAR_RANGE_JOIN}$")


def _year_range(low: str, start: int, end: int) -> bool:
    """A year that is one end of a stated stretch of years (``YEAR_RANGE_FIRST``)."""
    return (YEAR_RANGE_FIRST.search(low, max(0, start - 10), start) is not None
            and YEAR_RANGE_AFTER.match(low, end) is not None) \
        or YEAR_RANGE_SECOND.search(low, max(0, start - 24), start) is not None


# a weekday the next one of a range follows ("de segunda a sexta-feira", "entre terça e
# quinta-feira", "del martes al jueves"): the first is a weekday too, said without article
RANGE_OPENER: Final = re.compile(r"(?<!\w)(?:entre|de|desde)\s+$")
RANGE_NEXT: Final = re.compile(r"\s+(?:a|e|até|ao|y|al|hasta)\s+(?:el\s+|o\s+|"
                               r"a\s+)?(\w+(?:-feira)?)")


def _plain_weekday(name: str, low: str, end: int, lang: str) -> bool:
    """A weekday said without article or prefix that is no other word: a Portuguese name in
    "-feira" ("chegou terça-feira", "entre terça e quinta-feira"), or the first day of a
    range whose next one is a weekday ("de segunda a sexta")."""
    from pipeline.nlp.models import load

    if name.lower().endswith("-feira"):
        return True
    if RANGE_OPENER.search(low, 0, end - len(name)) is None:
        return False  # ("a quarta e a quinta fragatas": the fourth and the fifth)
    after = RANGE_NEXT.match(low, end)
    if after is None:
        return False
    names = {w.lower() for names in load().dates["weekdays"][lang] for w in names}
    return after.group(1) in names


NEXT_WORD: Final = re.compile(r"\s+(\w+)")


def _ordinal_of_noun(name: str, low: str, end: int, lang: str) -> bool:
    """A short weekday name right before a noun of an occurrence ("na sexta edição", "na
    quinta reunião", "a segunda visita") is an ordinal that counts it, no weekday: the
    noun is a word of a lexicon class of nouns (``*_n``: edition, meeting, forum, visit)."""
    from pipeline.nlp.models import load

    if name.lower().endswith("-feira"):
        return False
    after = NEXT_WORD.match(low, end)
    if after is None:
        return False
    lexicon = load().lexicons.get(lang)
    if lexicon is None:
        return False
    return any(c.endswith("_n") for key in lexicon.keys(fold(after.group(1)))
               for c in lexicon.single.get(key, ()))


@cache
def _active(lang: str, kinds: frozenset[str]) -> frozenset[str]:
    """The rules that need an anchor of one of ``kinds``."""
    return frozenset(rule for rule in rules(lang) if NEEDS.get(rule, "month") in kinds)


# the end-words of bound markers before a "this"-date ("permanecerá hasta este martes")
# "Through 2019, Argentine officials negotiated": "through" opening its sentence before a
# year tells the whole of that time (as "throughout"), not the end of a stretch
OPENING_THROUGH: Final = re.compile(r"(?:^|[.!?]\s+|\n)(?:all\s+)?through\s+$")
UNTIL_BEFORE: Final = re.compile(r"(?<!\w)(?:until|till|hasta|até)\s+"
                                 r"(?:(?:this|este|esta|neste|nesta)\s+)?$")
# a plan named for the period it covers ("un protocolo de colaboración para el año 2025",
# "aprovaram a agenda para 2025", "the work plan for 2025", "plans for the coming year"):
# that period bounds the plan, it is no time of what the story tells
PLAN_FOR: Final = re.compile(r"(?<!\w)(?:agenda|plan|plano|planes|planos|plans|programa|programas|"
                             r"program|programme|protocolo|protocol|calendario|calendário|"
                             r"cronograma|calendar|schedule)(?:\s+[^\W\d]+){0,4}\s+(?:para|"
                             r"for)\s+(?:(?:el|o|the)\s+(?:año|ano|year)\s+(?:de\s+)?|(?:o|el|"
                             r"the)\s+)?$")
# a year said with its preposition and the years listed after it, up to the next ("in 2009,
# 2012 and ", "en 2016 y ", "em 2019 e ")
YEAR_LISTED: Final = re.compile(r"(?<![\w-])(?:in|en|em|during|durante)\s+(?:(?:19|"
                                r"20)\d\d(?:\s*,\s*|\s+(?:and|y|e)\s+))+$")
YEAR_LIST_REACH: Final = 40  # characters back from a listed year its list may start
# the words that make a year a decade's ("década de 1990", "nos anos 1980", "los años 2000",
# "the decade of 1990")
DECADE_BEFORE: Final = re.compile(r"(?<![\w-])(?:d[ée]cadas?\s+(?:de|del|da|dos)(?:\s+(?:los|os))?|"
                                  r"anos|años|the\s+decade\s+of)\s+$")
BOUND_REACH: Final = 32  # characters before a date where its bound marker ends (a weekday between)


@cache
def _bound_marker(lang: str) -> re.Pattern[str] | None:
    """Any bound marker ("until", "desde") ending a stretch of text (None: the language
    has none)."""
    from pipeline.nlp.models import load

    data = load().dates
    words = data["bound_markers"][lang]
    weekdays = [w for names in data["weekdays"][lang] for w in names]
    day = (rf"(?:(?:(?:the|el|o|a)\s+)?(?:(?:next|próximo|próxima)\s+)?"
           rf"(?:{_alt(weekdays)}|dia|día),?\s+)?")  # "until (next) Monday, Dec. 14", "hasta
    # el (próximo) lunes 14", "até a segunda-feira, 14", "até o próximo dia 14 de dezembro"
    return re.compile(rf"(?<!\w)(?:{_alt(words)})\s*{day}$") if words else None


@cache
def _named_games(lang: str) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """The names of sporting games ending a stretch of text, with their "of" ("Copa do Mundo
    de ", "Olympics of "), and starting one after a year ("the 2016 Olympics"): the year
    names the games (``named_years``; None: the language has none)."""
    from pipeline.nlp.models import load

    words = load().dates.get("named_years", {}).get(lang, [])
    if not words:
        return None
    names = _alt({w for word in words for w in (word, fold(word))})
    return (re.compile(rf"(?<![\w-])(?:{names})\s+(?:(?:de|del|do|da|of)\s+)?$"),
            re.compile(rf"\s+(?:{names})(?![\w-])"))


NAMED_REACH: Final = 48  # characters before a year where the name of the games it names may stand


WEEKDAY_RANGE_REACH: Final = 120  # characters back from a weekday its range's opening may stand
# (the longest, "between the quinta-feira morning through the ", is under 50): the pattern
# ends at the weekday, so it is looked for there, not from the document's start


@cache
def _weekday_range_end(lang: str) -> re.Pattern[str]:
    """The first weekday of a stretch and its joiner, ending right before the second
    weekday ("from Thursday to ", "entre el martes y el ", "de segunda a ")."""
    from pipeline.nlp.models import load

    weekdays = [w for names in load().dates["weekdays"][lang] for w in names]
    art = r"(?:(?:the|el|la|o|a)\s+)?"
    return re.compile(rf"(?<![\w-])(?:from|between|entre|de|del|desde|da|do)\s+{art}"
                      rf"(?:{_alt(weekdays)})(?:\s+(?:morning|night|noche|noite))?\s+"
                      rf"(?:to|through|and|until|a|al|y|e|hasta|até|ao|à)\s+{art}$|"
                      # a joiner that only ever joins a stretch's ends needs no opener
                      # ("spent Wednesday to Friday in meetings", "lunes hasta el miércoles")
                      rf"(?<![\w-])(?:{_alt(weekdays)})\s+(?:to|through|thru|hasta|até)\s+{art}$")


# "since its commissioning in 2008", "desde su botadura en 2008", "desde a sua incorporação em
# 2008": the year an enduring state began, said within one clause after "since" (the noun
# may follow a name in the possessive or be followed by its "of": "since the Peace Ark's
# visit in 2011", "desde la visita del buque en 2011", "desde a visita do navio em 2011")
SINCE_EVENT: Final = re.compile(r"\b(?:since|desde)\s+(?:(?:the|its|their|his|her|el|la|los|las|su|"
                                r"sus|o|a|os|as|sua|seu|suas|seus)\s+)+(?:(?:[^\W\d]+\s+)?[^\W\d]+['’]s\s+)?"
                                r"[^\W\d]+\s+(?:(?:of|de|del|da|do)\s+(?:(?:the|el|la|o|a)\s+)?"
                                r"(?:[^\W\d]+\s+){1,3})?(?:(?:in|en|em|de)\s+)?$|"
                                r"\bdesde\s+que\s+(?:[^\W\d]+[\s,]+){1,7}(?:(?:in|en|em|de)\s+)?$|"
                                # English "ever since he took office in 2017", "since taking office
                                # in 2017" ("since" alone before a clause may also mean "because")
                                r"\b(?:ever\s+since|since\s+[^\W\d]+ing)\s+(?:[^\W\d]+[\s,]+){0,7}"
                                r"(?:in\s+)?$")



# "the fourth largest package of aid since diplomatic relations were established 41 years
# ago", "the first Russian warships in the Caribbean since the Cold War ended in 1991", "the
# 39th country the ship has visited since it joined the People's Liberation Army (PLA) Navy
# in December 2008": a
# "since" clause after a count or superlative counts from what it tells, a time before
# the occurrence (after a count "since" is no "because")
COUNTED_SINCE: Final = re.compile(r"\b(?:first|largest|biggest|greatest|most|only|longest|second|"
                                  r"third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|"
                                  r"nd|rd|th))\b[^.;:]{0,80}?\bsince\s+(?:[^\W\d]+[\s,]+|"
                                  r"[^\W\d]+['’]s\s+|\([^\W\d]+\)\s+){1,9}(?:in\s+)?$")


def _since_event(low: str, at: int) -> bool:
    """A "since" clause ends right before ``at`` (``SINCE_EVENT``, ``COUNTED_SINCE``; the
    words looked for first, as most dates have none)."""
    window = low[max(0, at - 72):at]
    return ("since" in window or "desde" in window) and (
        SINCE_EVENT.search(window) is not None
        or COUNTED_SINCE.search(low[max(0, at - 160):at]) is not None)


def _since_clause_at(low: str, at: int) -> int | None:
    """Where a "since" clause with a verb of its own that ends right before ``at`` opens
    (``SINCE_EVENT``; "desde que firmaron un acuerdo en", "ever since they signed"), if one
    does."""
    start = max(0, at - 72)
    window = low[start:at]
    if "since" not in window and "desde" not in window:
        return None
    found = SINCE_EVENT.search(window)
    if found is None or re.match(r"(?:ever\s+)?since\s+[^\W\d]+ing\b", found.group(0)):
        return None  # ("Since arriving in the region in November, the crew have seized":
        # a gerund tells the main clause's own course, the stretch it began, no occurrence)
    return start + found.start()


WINDOW: Final = 70  # characters either side of an anchor that a date expression may span


NEEDS: Final = {  # the anchor each rule's expressions contain (others need not be scanned)
    "date.iso": "year", "date.numeric": "year", "date.edition_year": "year", "date.in_year": "year",
    "date.year": "year", "date.weekday_day": "weekday", "date.weekday": "weekday",
    "date.weekday_number": "weekday",
    "date.shift": "relative", "date.relative": "relative", "date.that_stretch": "relative",
    "date.day_only": "day", "date.day_that_month": "relative",
    "date.day_last": "day", "date.ago_before": "relative", "date.day_of_month": "day",
}  # the rest: "month"


@cache
def _anchor_words(lang: str) -> dict[str, set[str]]:
    """The anchor words of each kind but years and days: a month, a weekday, or a relative
    word (a unit, a shift word, the longest word of a relative phrase)."""
    from pipeline.nlp.models import load

    data: dict[str, Any] = load().dates
    kinds = {kind: {w.rstrip(".") for names in data[key][lang] for w in names}
             for kind, key in (("month", "months"), ("weekday", "weekdays"))}
    kinds["relative"] = set(data["units"][lang]) | {w for phrase in data["shifts"][lang]
                                                    for w in phrase.split()}
    kinds["relative"] |= {max(e["phrase"].split(), key=len) for e in data["relative"][lang]}
    if lang in ("es", "pt"):  # "há três dias": its unit may be a day marker's word
        kinds["relative"] |= set(AGO_BEFORE.split("|"))
    return kinds


@cache
def _anchor(lang: str) -> re.Pattern[str]:
    """What every date expression contains, by kind: a year, a month, a weekday, a
    relative word or a day marker ("el día 15", "the 17th"): one scan finds where each
    rule needs to look. (The words of a kind as a tree of their characters: the same
    longest word as their alternation, tried a character at a time.)"""
    words = "|".join(rf"(?P<{kind}>(?<!\w)(?:{prefilter.trie(ws)})(?!\w))"
                     for kind, ws in _anchor_words(lang).items())
    return re.compile(rf"(?P<year>(?<!\d)(?:19|20)\d\d(?!\d))|"
                      rf"(?P<day>\d(?:st|nd|rd|th)\b|(?<![\w-])d[ií]as?(?![\w-]))|{words}")


_LETTERS: Final = re.compile(r"[^\W\d_]+")


@cache
def _anchor_runs(lang: str) -> frozenset[str] | None:
    """The run of letters each word anchor starts with ("segunda" of "segunda-feira",
    "dia" of the day marker); None when some anchor word does not start with a letter."""
    runs = {"dia", "día", "dias", "días"}
    for words in _anchor_words(lang).values():
        for word in words:
            head = _LETTERS.match(word)
            if head is None:
                return None
            runs.add(head.group())
    return frozenset(runs)


@cache
def _runs(lang: str) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """Two regexes for the whole runs of letters that are anchor heads (group 1): one
    finds them after the character before them (a non-letter: the regex engine skips to
    such characters without trying the rest at every one), the other at the start of a
    text."""
    heads = _anchor_runs(lang)
    if heads is None:
        return None
    letter = r"[^\W\d_]"
    trie = prefilter.trie(heads)
    # ([\W\d_] tried only after a cheap test: no ASCII letter)
    return (re.compile(rf"[^a-z](?<=[\W\d_])({trie})(?!{letter})"),
            re.compile(rf"({trie})(?!{letter})"))


_DIGITS: Final = re.compile(r"\d\d*")  # (= \d+, written so the engine skips to a digit)


def _anchors(text: str, lang: str) -> list[re.Match[str]]:
    """The matches of ``_anchor(lang).finditer(text)``, found faster: a match starts either
    a run of letters (after no letter, digit or "_") that is the head of an anchor word, or
    starts or ends a run of digits ("2024", "1st"), so only there is the anchor tried (the
    other characters are never looked at)."""
    anchor, runs = _anchor(lang), _runs(lang)
    if runs is None:
        return list(anchor.finditer(text))
    heads, first = runs
    # each run in text order: (its offset, -1) for letters, (its offset, its end) for digits
    found = [(m.start(1), -1) for m in heads.finditer(text)]
    if first.match(text):
        found.insert(0, (0, -1))
    found += [m.span() for m in _DIGITS.finditer(text)]
    found.sort()
    match, after = anchor.match, 0
    anchors: list[re.Match[str]] = []
    for at, end in found:
        if end < 0:  # letters
            if at < after:
                continue
            m = match(text, at)
        else:
            m = match(text, at) if at >= after else None
            if m is None and at < end - 1 and end - 1 >= after:
                m = match(text, end - 1)
        if m is not None:
            after = m.end()
            anchors.append(m)
    return anchors


def _windows(text: str, lang: str) -> dict[str, list[tuple[int, int]]]:
    """Merged stretches of text around the anchors of each kind (``text`` lower-cased)."""
    spans: dict[str, list[tuple[int, int]]] = {k: [] for k in ("year", "month", "weekday",
                                                               "relative", "day")}
    size = len(text)
    for m in _anchors(text, lang):
        kind = m.lastgroup or "month"
        a, b = max(0, m.start() - WINDOW), min(size, m.end() + WINDOW)
        own = spans[kind]
        if own and a <= own[-1][1]:
            own[-1] = (own[-1][0], b)
        else:
            own.append((a, b))
    return spans


def _parse(rule: str, m: re.Match[str], lang: str, data: dict[str, Any]) -> tuple | None:
    """What an expression states, as a tuple the resolver reads:
    ("ymd", year|None, month, day|None) for calendar dates (year None: take the story's;
    a stretch of days in one month adds ("last_day", day), one that ends in a later month
    ("last_date", month, day)),
    ("year", year), ("weekday", n, past, dayno|None), ("shift", unit, offset, base), with
    "vague" after a guessed count ("a few weeks later"),
    ("dayno", day) (with "that_month" when said "of that month": the month named last) or
    ("dayno_near", day, -1 for the latest such day, 1 for the next)."""
    g = m.groupdict()
    if g.get("yy"):  # "13 Oct 18": of this century
        g = {**g, "year": str(2000 + int(g["yy"]))}
    for mark in ("b", "c"):  # (date.range_months said month first)
        if g.get(f"month{mark}"):
            g = {**g, "month": g[f"month{mark}"], "day": g[f"day{mark}"],
                 "month2": g[f"month{mark}2"], "day2": g[f"day{mark}2"]}
    try:
        if rule == "date.iso":
            date(int(g["year"]), int(g["mnum"]), int(g["day"]))
            return ("ymd", int(g["year"]), int(g["mnum"]), int(g["day"]))
        if rule == "date.numeric":
            first, second = int(g["n1"]), int(g["n2"])
            # dotted figures are day first in English too (the EU's, the UK's "2.7.2010"):
            # American usage writes month-first days with a slash or a dash
            mm, dd = (first, second) if lang == "en" and first <= 12 and g["sep"] != "." \
                else (second, first)
            date(int(g["year"]), mm, dd)
            return ("ymd", int(g["year"]), mm, dd)
        if rule in ("date.in_year", "date.edition_year", "date.year"):
            return ("year", int(g.get("year") or g.get("year2") or 0))
        if rule == "date.month_relative_year":
            phrase = g["ryear"].lower()
            offset = -1 if ("last" in phrase or "pasado" in phrase or "passado" in phrase) \
                else 1 if ("next" in phrase or "próximo" in phrase) else 0
            day = int(g.get("day") or g.get("day2") or 0) or None
            if day is not None and not 1 <= day <= 31:
                return None
            return ("shift_month", _index(g["month"], data["months"][lang]), offset, day)
        if rule == "date.month_last":  # "last June", "junio pasado", "o passado mês de"
            return ("last_month", _index(g.get("month") or g["month2"], data["months"][lang]))
        if g.get("month") and rule != "date.weekday":
            month = _index(g["month"], data["months"][lang])
            day = int(g["day"]) if g.get("day") else None
            if day is not None and not 1 <= day <= 31:
                return None
            last = int(g["day2"]) if g.get("day2") else None
            month2 = _index(g["month2"], data["months"][lang]) if g.get("month2") else month
            if day is not None and last is not None and month2 == month and day < last <= 31:
                # "29 and 30 January", "del 14 al 19 de abril": the stretch's last day
                return ("ymd", int(g["year"]) if g.get("year") else None, month, day,
                        ("last_day", last))
            if day is not None and last is not None and month2 != month and 1 <= last <= 31:
                # "from 28 July to 2 August", "entre 5 de agosto e 4 de setembro": the
                # stretch ends in a later month (of the same year, or of the next)
                return ("ymd", int(g["year"]) if g.get("year") else None, month, day,
                        ("last_date", month2, last))
            return ("ymd", int(g["year"]) if g.get("year") else None, month, day)
        if rule in ("date.weekday_day", "date.weekday_number"):
            return ("weekday", _index(g["weekday"], data["weekdays"][lang]) - 1, True,
                    int(g["day"]))
        if rule == "date.weekday":
            prefix = (g.get("prefix") or "").lower()
            past = bool(g.get("past")) or any(w in prefix for w in ("last", "past", "últim",
                                                                   "pasado", "passad"))
            future = any(w in prefix for w in ("próxim", "next"))
            following = "following" in prefix or bool(g.get("following"))
            return ("weekday", _index(g["weekday"], data["weekdays"][lang]) - 1,
                    "past" if past else "following" if following else "next" if future
                    else None, None)
        if rule == "date.relative":
            entry = _relative_entries(data["relative"][lang])[g["relative"].lower()]
            return ("shift", entry["unit"], entry["offset"], entry["base"])
        if rule == "date.that_stretch":  # "over those five months": from the date told last,
            # at the precision its unit keeps (a stretch of months: the month it began)
            return ("shift", data["units"][lang][g["unit"].lower()], 0, "stretch")
        if rule == "date.shift":
            unit = data["units"][lang][g["unit"].lower()]
            number = g.get("num")
            count = (int(number) if number and number.isdigit() else
                     data["numbers"][lang].get((number or "").lower()))
            direction, base = data["shifts"][lang][g["shift"].lower()]
            if unit == "year" and (number or "").lower() in VAGUE_COUNTS:
                return None  # "some years ago", "hace unos años": a time long past, no year
            if count is None:  # "days earlier": a few, at the precision of the unit above
                return ("shift", {"day": "month", "week": "month", "month": "year",
                                  "year": "year"}[unit], 0, base)
            if (number or "").lower() in VAGUE_COUNTS:  # "a few weeks later": about that
                return ("shift", unit, direction * count, base, "vague")
            return ("shift", unit, direction * count, base)
        if rule == "date.day_of_month":  # "no dia 5 do mês passado"
            day = int(g.get("day") or g.get("day2") or 0)
            offset = MONTH_OF[(g.get("which") or g.get("which2") or "").lower()]
            return ("dayno_month", day, offset) if 1 <= day <= 31 else None
        if rule == "date.ago_before":  # "há três dias": back from the publication
            if data["units"][lang][g["unit"].lower()] == "year" \
                    and g["num"].lower() in VAGUE_COUNTS:
                return None  # "há alguns anos": a time long past, no year
            count = int(g["num"]) if g["num"].isdigit() else \
                data["numbers"][lang].get(g["num"].lower())
            return ("shift", data["units"][lang][g["unit"].lower()], -count, "publication") \
                if count else None
        if rule == "date.day_last":
            day = int(g.get("day") or g.get("day2") or 0)
            ahead = (g.get("when") or g.get("when2") or "").startswith(("próx", "prox"))
            return ("dayno_near", day, 1 if ahead else -1) if 1 <= day <= 31 else None
        if rule == "date.day_that_month":  # "el 22 de ese mes": that month's 22nd
            day = int(g.get("day1") or g.get("day") or 0)
            return ("dayno", day, "that_month") if 1 <= day <= 31 else None
        if rule == "date.day_only":
            day = int(g.get("day") or g.get("dayth") or g.get("dayr") or 0)
            return ("dayno", day) if 1 <= day <= 31 else None
    except (ValueError, KeyError, StopIteration):
        return None
    return None


def _index(word: str, table: list[list[str]]) -> int:
    word = word.lower()
    for i, names in enumerate(table, 1):
        if word in names:
            return i
    raise KeyError(word)


_DATELINE: Final = re.compile(r"(?:^|\n)(?:[A-ZÀ-Ý][A-ZÀ-Ý .'’-]{1,40}|[A-ZÀ-Ý][a-zà-ÿ'’-]+"
                              r"(?: [A-ZÀ-Ýa-zà-ÿ'’-]+){0,3})(?:,\s*[A-Z][\w .'’-]{1,30})?,\s*$")
_DATELINE_END: Final = re.compile(r"\s*(?:,\s*\d{4}\s*)?(?:\([^)]{1,40}\)\s*|/[^/\n]{1,30}/\s*)?"
                                  r"(?:--|—|–|-|\.—|\.-|:)")
# a press-release wire's dateline, the wire's name between slashes, with or without the
# place before the date ("NEW YORK, March 31, 2024 /PRNewswire/ --", "March 31, 2024
# /PRDispatch/ --")
_WIRE_END: Final = re.compile(r"\s*/[^/\n]{1,30}/\s*(?:--|—|–)")
# a release's dateline with its date in brackets after the place ("MIAMI (Oct. 25, 2024) —",
# "NORFOLK, Va. (May 2, 2023) --", "GUATEMALA CITY (Oct. 23, 2024) –")
_BRACKETED_DATELINE: Final = re.compile(r"(?:^|\n)[A-ZÀ-Ý][A-ZÀ-Ý .'’-]{1,40}"
                                        r"(?:,\s*[A-Z][\w .'’-]{1,30})?\s*\(\s*$")
_BRACKETED_END: Final = re.compile(r"\s*\)\s*(?:--|—|–|-)")


_CITATION: Final = re.compile(r"\([^()]{1,80},\s*$")


def _cited(text: str, d: DateMention) -> bool:
    """"(AP, 25 July 2023)", "(Ministerio de Defensa, 20 de julio de 2023)": the date of a
    source, not of an event."""
    return (bool(_CITATION.search(text[max(0, d.start - 82):d.start]))
            and text[d.end:d.end + 2].lstrip().startswith(")"))


def _in_dateline(text: str, d: DateMention) -> bool:
    """"MONTEVIDEO, Sept. 3 (Xinhua) --", "Brasília, 02/09/2015 –", "MIAMI (Oct. 25,
    2024) —": the date a story was filed, not an event's."""
    before = text[max(0, d.start - 60):d.start]
    return bool(_DATELINE.search(before) and _DATELINE_END.match(text, d.end)
                or _BRACKETED_DATELINE.search(before) and _BRACKETED_END.match(text, d.end)
                or (not before.strip() or before.endswith("\n")) and _WIRE_END.match(text, d.end))


_RELATIVE_ENTRIES: Final[dict[int, tuple[list[dict], dict[str, dict]]]] = {}


def _relative_entries(entries: list[dict]) -> dict[str, dict]:
    """The relative phrases of a language (``dates.json``), each lower-cased to its first
    entry (built once per list, not searched at every relative date)."""
    held = _RELATIVE_ENTRIES.get(id(entries))
    if held is None or held[0] is not entries:
        by_phrase: dict[str, dict] = {}
        for e in entries:
            by_phrase.setdefault(e["phrase"].lower(), e)
        held = _RELATIVE_ENTRIES[id(entries)] = (entries, by_phrase)
    return held[1]


def range_end(value: str | None, precision: str | None, parts: tuple) -> str | None:
    """The last day of a stated stretch ("del 5 al 17 de junio", "from 28 July to 2 August")
    whose first day resolved to ``value``; None for a single date."""
    if not value or precision != "day":
        return None
    for p in parts:
        if isinstance(p, tuple) and p and p[0] == "last_day":
            return value[:8] + f"{p[1]:02d}"
        if isinstance(p, tuple) and p and p[0] == "last_date":
            start = date.fromisoformat(value)
            year = start.year + (p[1] < start.month)
            try:
                return date(year, p[1], p[2]).isoformat()
            except ValueError:
                return None
    return None
