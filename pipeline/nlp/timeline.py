"""Dates in narrative time: the date expressions ``datescan.py`` finds, resolved in
reading order.

``Timeline`` resolves them in the order the text tells them, the way a reader does:

- a date without a year whose sentence goes on to name an edition by its year ("In July,
  the frigate took part in RIMPAC 2022") takes that year; otherwise
  a date without a year takes the year of the story around it: the last year the text
  stated, in this paragraph or the two before (a bare date that took it carries it on),
  except years that only bound a period ("since its commissioning in 2008", "hasta 2016":
  a span reaching another time, not the time the story tells), years that name a document
  ("la Constitución de 2008") and years said of something else than the story's time: in
  a relative clause ("the ship, which was modernised in 2015,"), of a thing's birth
  ("Construído em 1930"), in a paragraph that recalls earlier occurrences ("It is not the
  destroyer's first call") (a year naming a document, in an aside or of a birth is no
  time of the story around an undated sentence either: ``OFFSTORY``); a year said in the
  pluperfect ("had been signed in September 2022") holds only in its paragraph, as does a
  past year in a news story (one whose first date falls in the publication's week:
  "closed in Rio on Friday"); a date
  told from the publication, a weekday or "yesterday", states the publication's year;
  failing that, the publication year (the year before when the month would lie more than
  two months after publication; in a sentence about the future, the next such month); a
  yearless day of the month whose day the story told last before a year said alone ("On
  April 8 ... the bases handed over in 1999. ... a speech on April 9") keeps that day's
  year;
- a shift resolves against the base its data names: ``publication``, ``previous`` (the
  last date stated before it: "that day", "esa misma jornada"), ``story`` (the month told
  last in a past story, "at the end of the month"; else the publication's) or ``event``
  (the date of the last event the text stated,
  which the event assembler reports with ``note_event``; failing that, ``previous``); a
  shift after a present-tense verb of sequence ("La visita se produce un mes después de
  que el Comfort atendiera", "the visit comes two weeks after") counts back from the
  publication: the story's occurrence is now, the clause after it that long before; a
  shift from a disaster ("oito dias depois do terremoto", "a week after the hurricane
  struck") counts from the disaster's own date where the text gives it (a date said with
  the disaster's word, or one its sentence dates the occurrence by less the shift), and
  dates nothing failing that: the date told last is not the disaster's;
- a shift that counts no number, said again by a date right after a comma or a colon
  ("Semanas después, el jueves 30 de mayo"), tells that date; a shift after a comma that
  closes a clause dated earlier in its sentence ("flown in on March 31 inside two C-17s,
  two weeks after Georgetown signed") counts back from that date; a year said in a perfect
  participle's clause ("having made a similar call there in February 2014") is its
  sentence's only;
- a document with no publication date uses its latest fully stated date as the reference,
  never today.

A wire dateline ("MONTEVIDEO, Sept. 3 (Xinhua) --", ``bound``: it dates no event of the
story told after) becomes the reference for the story's weekdays instead (the event
assembler dates by its month a lead that states no date of its own).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache
from typing import Final

from pipeline.nlp.datescan import DateMention, scan
from pipeline.nlp.fold import fold
from pipeline.nlp.intsearch import bisect_left
from pipeline.nlp.prefilter import trie

# the abbreviations of titles and initials a stop follows inside a sentence ("Brig. Gen.
# Xavier Isaac", "Capt. Hugo M. De Barros", "U.S. Army", "el Gral. Vela", "o Cel. Souza")
TITLE_STOPS: Final = ("Gen", "Brig", "Lt", "Col", "Maj", "Capt", "Cmdr", "Cdr", "Adm", "Sgt",
                      "Mr", "Mrs", "Ms", "Dr", "St", "Sr", "Sra", "Jr", "Gov", "Sen", "Rep", "Gral",
                      "Cnel", "Tte", "Cap", "Alm", "Cel", "Ten", "Gal", "Prof", "Cmte", "Cte",
                      "Vice", "Rear")
# (it opens with the stop or line break itself, each title tested after it, "Gen" as
# "(?<!\bGen.)": the regex engine skips to those characters instead of trying every title
# at every character; the same matches as the titles tested before the stop)
SENTENCE_END: Final = re.compile(r"[.!?\n](?:(?<=\n)|"
                                 r"" + "".join(rf"(?<!\b{t}.)" for t in TITLE_STOPS)
                                 + r"(?<!\b[A-Z].)\s+[\"“«(]?[A-ZÁÉÍÓÚÂÊÔÃÕÇÑ])")
# the end of the sentence before a date (``_future``): its stop, any closing quotes or
# brackets, a space; or a line break
STOP_BEFORE: Final = re.compile(r"[.!?][\"'”’»)]*\s|\n")
SENTENCE_AFTER: Final = re.compile(r"[.!?\n]\s")  # where the sentence after an offset ends
# what ties a shift to a date later in its clause ("un mes después de que el 12 de junio")
CLAUSE_LINK: Final = {"es": re.compile(r"\s+(?:de|que)(?!\w)"),
                      "pt": re.compile(r"\s+(?:de|do|da|que)(?!\w)")}
# a time phrase opening a sentence before its main clause ("Before leaving port on
# Thursday, the ships are to", "Antes de zarpar el jueves, los buques efectuarán", "Depois
# de deixar o porto na quinta-feira, os navios vão"): no comma inside it
FRONTED_PHRASE: Final = re.compile(r"(?:before|after|upon|antes\s+de|después\s+de|tras|depois\s+de|"
                                   r"após|ao|al)\s[^,;]*$")
# what opens the clause after a shift ("a week after the flag was raised", "después de
# que", "depois de a Marinha", "two days after leaving", "três dias após o terremoto")
CLAUSE_AFTER: Final = re.compile(r"\s+(?:de\s+que|que|de|da|do|(?:o|os|as)(?!\w)|the|a|an|its|his|"
                                 r"her|their|[A-Z]|[a-z]+ing\s)")
# the two ends of a stretch of days ("entre segunda-feira (23) e quarta-feira (25)",
# "from Monday, Sept. 23, to Wednesday", "del lunes 23 al miércoles 25")
RANGE_OPEN: Final = re.compile(r"(?<!\w)(?:entre|between|from|de|desde|del)\s+(?:(?:el|o|a|la)\s+)?"
                               r"(?:[^\W\d]+,?\s+)?$")  # (a weekday before the day: "Monday, Sept.
# 23")
RANGE_JOIN: Final = re.compile(r"\)?,?\s*(?:e|y|and|a|al|to|até|through)\s+(?:(?:el|o|a|la)\s+)?"
                               r"(?:[^\W\d]+,?\s+)?")
CLAUSE_REACH: Final = 80  # characters from such a shift to the date it moves from
APPOSED_REACH: Final = 120  # characters from a date to a shift set off by a comma after its clause
# a named edition's name right before its year ("RIMPAC 2022", "Southern Seas 2024")
EDITION_NAME: Final = re.compile(r"(?<![\w-])[A-Z][\w-]+ $")
EDITION_REACH: Final = 12  # years before the reference an edition's year may lie
FUTURE_AFTER: Final = 60  # characters after a fronted date searched for its clause's future verb
FRONTED_WORDS: Final = 3  # words right after a fronted date, with no pause, its future verb may be
FUTURE_REACH: Final = 400  # characters before a date searched for its sentence's future marker
# the words that open a coordinated clause, and the relative words that open a subordinate
# one, right before its verb (``Timeline._present_ahead``)
COORDINATORS: Final = frozenset("and then y luego después e depois".split())
RELATIVE_OPENERS: Final = frozenset("que which who that where donde onde quien".split())
RECENT_DAYS: Final = 10  # days before the publication a yearless day is of its year, against
# a past year an earlier paragraph told
NARRATIVE_PARAGRAPHS: Final = 2  # paragraphs before this one whose stated year a bare date may take
# a verb in the simple future (Spanish and Portuguese inflect it: "zarpará", "chegarão");
# a Portuguese one has a vowel before its "r" ("fará", "chegarão"), which the nouns in
# "-rão" lack ("esquadrão", "padrão"); a few nouns and names have it ("porão", "Mourão")
FUTURE_TENSE: Final = {"es": r"(?<!\w)\w{2,}r(?:á|án)(?!\w)",
                       "pt": r"(?<!\w)(?!(?i:porão|mourão|verão)(?!\w))\w+[aeiouáéíóúâêô]r(?:á|"
                             r"ão)(?!\w)"}
# what every verb in the simple future holds (``future_words``)
FUTURE_ENDINGS: Final = {"es": ("rá",), "pt": ("rá", "rão")}
# the negation right before a future marker that makes it tell no time to come
NEGATED: Final = {"en": r"\bnot", "es": r"\bno", "pt": r"\bnão"}
CAPITALS: Final = "A-ZÁÉÍÓÚÂÊÔÃÕÇÑ"  # (the text is read as written: a name is no future verb)
# a past participle after a pluperfect auxiliary ("had been", "had signed", "había sido",
# "tinha assinado"); "had talks", "había una crisis" are no pluperfect
PARTICIPLE: Final = {"en": r"(?:been|\w{2,}ed|met|made|sent|sold|bought|given|begun|held|left|"
                           r"flown|led|seen|won|become|come|gone|taken|done|built|paid|spent|told|"
                           r"brought)",
                     "es": r"(?:\w+(?:ado|ido|ada|ida|ados|idos)|hecho|dicho|visto|puesto|escrito|"
                           r"vuelto|abierto|cubierto)",
                     "pt": r"(?:\w+(?:ado|ido|ada|ida|ados|idos)|feito|dito|visto|posto|escrito|"
                           r"aberto|coberto|vindo)"}
# "since" and the occurrence a state dates from, its date set off after a comma ("desde o
# primeiro voo do protótipo, em 2015", "since the prototype's first flight, in 2015", "Desde
# su primer viaje, en 2010"): the start of the span the sentence tells, no time of the story
# around it
SINCE_APPOSED: Final = re.compile(
    r"(?i)\b(?:since|desde)\s+(?:(?:the|its|their|his|her|el|la|los|las|su|sus|o|a|os|as|sua|"
    r"seu|suas|seus)\s+)+(?:(?:[^\W\d]+\s+)?[^\W\d]+['’]s\s+)?(?:[^\W\d]+\s+)?[^\W\d]+"
    r"(?:\s+(?:of|de|del|da|do|dos|das)\s+(?:(?:the|el|la|los|las|o|a|os|as)\s+)?"
    r"(?:[^\W\d]+\s+){0,2}[^\W\d]+)?,\s+(?:(?:in|en|em|no|na)\s+)?$")
# the auxiliaries a participle after a noun cannot follow in a reduced clause
# (``Timeline._qualified``): the participle they stand before is a verb's
AUXILIARIES: Final = frozenset("is are be been being has have having was were had fue fueron es "
                               "son sido ser estar está están haber ha han había habían foi "
                               "foram é são ser ter tem têm tinha tinham havia haviam estava "
                               "estavam".split())
# a verb in a past tense (the simple past and the imperfect; '-ed' in English)
PAST_VERB: Final = {"en": re.compile(r"(?<!\w)(?:\w{2,}ed|was|were|had|began|came|left|met|"
                                     r"took|went|made|flew|sailed|saw)(?!\w)"),
                    "es": re.compile(r"(?<!\w)\w{2,}(?:ó|aron|ieron|aba|aban|ía|ían)(?!\w)"),
                    "pt": re.compile(r"(?<!\w)\w{2,}(?:ou|aram|eram|iram|iu|eu|ava|avam)(?!\w)")}
# a verb in the simple past where the language inflects it apart from any future or noun
# ("voló", "llegaron", "chegou", "partiram"; English "-ed" is also a participle: "will be
# deployed"): after a future marker, the clause it opens is told in the past (``_future``)
TOLD_PAST: Final = {"es": re.compile(r"(?<!\w)\w{2,}(?:ó|aron|ieron)(?!\w)"),
                    "pt": re.compile(r"(?<!\w)\w{2,}(?:ou|aram|eram|iram|iu)(?!\w)")}
LIST_JOINER: Final = re.compile(r",?\s*(?:and|or|to|y|o|e|ou|a|-|–|,)\s*(?:in\s+|en\s+|em\s+)?")
# a capitalised word (not opening its sentence), then "of"/"de" right before a year
LABEL_YEAR: Final = re.compile(r"(?<=[\w,;] )[A-ZÁÉÍÓÚÂÊÔÃÕÇÑ][\w-]+ (?:of|de|del|da|do) $")
# a relative clause set off by commas, up to a date inside it (", que entrou em serviço em")
ASIDE_REACH: Final = 80  # characters before and after such a date searched for its commas
# the clause closes by a comma (the sentence goes on) or ends the sentence ("..., which was
# handed over in 2019. Medway last called at Port Royal in March": March of the story's year)
ASIDE_CLOSE: Final = re.compile(r"[^,.;:()\n]*(?:,|[.;](?:\s|$))")
# words between a verb of sequence and its shift ("se produce casi un mes después")
SEQUENCE_HEDGES: Final = ("casi|apenas|solo|sólo|just|only|almost|about|some|quase|cerca de|pouco "
                          "mais de|less than|more than|nearly|roughly|around|barely|menos de|más "
                          "de|alrededor de|poco más de|poco menos de|mais de|menos de|pouco menos "
                          "de|só")
BIRTH_REACH: Final = 6  # words between a birth word ("built") and the date it is said with
DISASTER: Final = "disaster"  # the lexicon class of disasters ("earthquake", "huracán", "enchente")
# the lexicon classes of occasions ("ceremony", "acto", "evento"): one dated in a reduced
# clause ("en una ceremonia celebrada en febrero de 2017") is the story's own time
OCCASIONS: Final = frozenset({"occasion", "ceremony_n"})
DISASTER_AFTER: Final = 4  # words after a shift, or around a date, where its disaster may be named
# the shifts that count from an occurrence named after them ("days after", "después", "após")
SHIFT_FROM: Final = ("after", "before", "después", "antes", "depois", "após")
SHIFT_BEFORE: Final = ("before", "antes")  # (the shifts told before what their clause tells)
# a time looked forward to ("is expected off Paramaribo at the end of the month", "se espera
# su llegada a fin de mes", "é esperado no fim do mês")
EXPECTED: Final = re.compile(r"(?i)(?<!\w)(?:expected|due|se espera|espera-se|esperad[oa]s?|"
                             r"previst[oa]s?)(?!\w)")
# a count said as a bound or a guess ("less than two weeks after", "casi dos semanas
# después", "pouco mais de duas semanas depois"): no exact number of days
HEDGED: Final = re.compile(r"(?i)(?<!\w)(?:less than|more than|fewer than|about|around|almost|"
                           r"nearly|roughly|some|barely|menos de|más de|casi|cerca de|alrededor de|"
                           r"apenas|mais de|quase|pouco mais de|pouco menos de)\s+$")
# the occurrence a present verb of sequence places now ("La llegada se produce un mes
# después de la visita"): counted from no date told, the story's own (``counted_from``)
NOW_TOLD: Final[tuple[str, str]] = ("", "")
# the part of a shift moved from a date later in its own clause ("três anos depois de ter
# sediado a UNITAS LX, no Rio, em 2019"): what that clause tells has that date, not the shift's
TIED: Final = "tied"
# the part of a year or date the story's time leaves out: one naming a document, one in an
# aside on a noun, one of a thing's birth ("la Flotilla de Submarinos, creada en 1972"): no
# time of the story around an undated sentence (``clauses.date_before``)
OFFSTORY: Final = "offstory"
# what follows a year that heads a paragraph as a timeline's entry ("2014. ", "2014 — ",
# "2014: ")
HEADING_AFTER: Final = re.compile(r"\s*[.:\u2014\u2013-]\s")
_BREAKS: Final = re.compile(r"\n\n*")  # (= \n+, written so the engine skips to a line break)


@cache
def _aside_opening(lang: str) -> re.Pattern[str]:
    """A comma and a relative word, with no comma or sentence end after it ("..., que
    entrou em serviço em ")."""
    from pipeline.nlp.models import load

    words = "|".join(sorted(map(re.escape, load().relatives.get(lang, frozenset())))) or "(?!)"
    return re.compile(rf"(?i),\s+(?:{words})\s[^,.;:()\n]*$")


# up to BIRTH_REACH words with no punctuation nor line break, then the end (where a date
# follows): the tail of the clauses a date is said in (birth, pluperfect, recalling)
_UP_TO_DATE: Final = rf"(?:[^\S\n]+[^\s,.;:()]+){{0,{BIRTH_REACH}}}[^\S\n]*$"


def _listed(key: str, lang: str) -> str:
    """The words of a ``dates.json`` table as a regex alternation, longest first."""
    from pipeline.nlp.models import load

    words = sorted(load().dates[key][lang], key=len, reverse=True)
    return "|".join(re.escape(w) for w in words) or "(?!)"


def _listed_tree(key: str, lang: str) -> str:
    """The words of a ``dates.json`` table as a tree of their characters
    (``prefilter.trie``): the same words as ``_listed``'s alternation, tried a character at
    a time instead of a word at a time (for the clauses whose match is only tested or
    placed by its start)."""
    from pipeline.nlp.models import load

    words = load().dates[key][lang]
    return f"(?:{trie(words)})" if words and all(words) else "(?!)"


@cache
def sequence_told(key: str, lang: str) -> re.Pattern[str] | None:
    """A verb of sequence of the ``dates.json`` table ``key`` (``sequence_verbs``,
    ``past_sequence_verbs``), hedged or not, right before a shift ("se produce casi un mes
    después", "came a week after"); None when the language lists none."""
    from pipeline.nlp.models import load

    verbs = "|".join(re.escape(v) for v in load().dates[key].get(lang, ()))
    return re.compile(rf"(?<!\w)(?:{verbs})(?:\s+(?:{SEQUENCE_HEDGES}))*\s+$") if verbs \
        else None


@cache
def _that_year_after(lang: str) -> re.Pattern[str]:
    """A ``that_year_after`` phrase of ``dates.json`` right after a month ("of that year",
    "de ese año", "daquele ano")."""
    return re.compile(rf"(?i)\s+(?:{_listed('that_year_after', lang)})(?!\w)")


@cache
def _arrival_after(lang: str) -> re.Pattern[str]:
    """An ``arrival_after`` phrase of ``dates.json`` ("days after its arrival", "días
    después de su llegada")."""
    return re.compile(rf"(?i)(?<!\w)(?:{_listed('arrival_after', lang)})(?!\w)")


@cache
def birth_clause(lang: str) -> re.Pattern[str]:
    """A birth word, then up to ``BIRTH_REACH`` words with no punctuation, up to a date."""
    return re.compile(rf"(?i)(?<![\w-]){_listed_tree('birth_words', lang)}{_UP_TO_DATE}")


@cache
def qualified_clause(lang: str) -> re.Pattern[str]:
    """A preposition of ``dates.json`` ``qualifier_hosts``, one or two words in lower case
    (the noun, with its article or an adjective), a past participle right after them, then
    up to ``BIRTH_REACH`` words with no punctuation, up to a date ("fruto de negociação
    iniciada em", "en propiedades confiscadas tras", "under contracts signed in"): a
    reduced clause on the noun. The words are group 1, the participle group 2
    (``Timeline._qualified`` reads them)."""
    participle = PARTICIPLE.get(lang, r"\w+") if lang == "en" else \
        rf"(?:{PARTICIPLE.get(lang, '(?!)')}|\w+(?:adas|idas))"  # (and "confiscadas")
    return re.compile(rf"(?<![\w-])(?i:{_listed_tree('qualifier_hosts', lang)})[^\S\n]+"
                      rf"((?:[a-zà-öø-ÿ]+[^\S\n]+){{1,2}}?)((?i:{participle}))(?!\w){_UP_TO_DATE}")


@cache
def _background_opener(lang: str) -> re.Pattern[str]:
    """A paragraph's opening words that recall earlier occurrences (``dates.json``
    ``background_openers``, lower case; "…" stands for up to three words: "it is not …
    first" reads "it is not the destroyer's first"), after "but/pero/mas" if any."""
    from pipeline.nlp.models import load

    phrases = []
    for phrase in load().dates.get("background_openers", {}).get(lang, ()):
        parts = [re.escape(p.strip()) for p in phrase.lower().split("…")]
        phrases.append(r"(?:\s+\S+){0,3}\s+".join(parts))
    return re.compile(rf"(?:(?:but|pero|mas)\s+)?(?:{'|'.join(phrases) or '(?!)'})(?!\w)")


@cache
def participle_flashback(lang: str) -> re.Pattern[str]:
    """A perfect participle clause (``dates.json`` ``participle_flashbacks`` and a past
    participle: "having made a similar call there in February 2014", "habiendo visitado
    el puerto en 2019", "tendo feito escala em 2019"), then up to ``BIRTH_REACH`` words with
    no punctuation, up to a date: a time before the one its sentence tells."""
    participle = PARTICIPLE.get(lang, r"\w+")
    return re.compile(rf"(?i)(?<![\w-]){_listed_tree('participle_flashbacks', lang)}"
                      rf"(?:[^\S\n]+(?:already|ya|já|not|no|não))?[^\S\n]+{participle}(?!\w)"
                      rf"{_UP_TO_DATE}")


@cache
def present_perfect(lang: str) -> re.Pattern[str]:
    """A verb in the present perfect ("has donated", "ha firmado", "tem recebido"): told
    from the present."""
    auxiliaries = {"en": "has|have|has already|have already|has not|have not",
                   "es": "ha|han|ha ya|no ha|no han",
                   "pt": "tem|têm|não tem|não têm"}.get(lang, "(?!)")
    return re.compile(rf"(?i)(?<![\w-])(?:{auxiliaries})\s+{PARTICIPLE.get(lang, '(?!)')}(?!\w)")


@cache
def flashback_clause(lang: str) -> re.Pattern[str]:
    """A pluperfect auxiliary and its participle ("had been signed", "ya había viajado",
    "tinha sido assinado"), then up to ``BIRTH_REACH`` words with no punctuation, up to a
    date."""
    auxiliaries = _listed_tree("flashback_auxiliaries", lang)
    participle = PARTICIPLE.get(lang, r"\w+")
    return re.compile(rf"(?i)(?<![\w-]){auxiliaries}(?:[^\S\n]+(?:already|ya|já|not|no|não))?"
                      rf"[^\S\n]+{participle}(?!\w){_UP_TO_DATE}")


@cache
def onward_present(lang: str) -> re.Pattern[str]:
    """A going on to the next stop told in the present (``dates.json`` ``onward_present``:
    "travels to Bogotá", "segue para o Rio", "viaja a Lima"): a leg of a trip to come."""
    return re.compile(rf"(?i)(?<![\w-])(?:{_listed('onward_present', lang)})(?![\w-])")


@cache
def present_course(lang: str) -> re.Pattern[str]:
    """A course attended in the present (``dates.json`` ``present_courses``: "are enrolled
    in", "cursa", "frequenta o curso"): an occurrence going on where its sentence says the
    time is now (``present_time``), a habit where it does not."""
    return re.compile(rf"(?i)(?<![\w-])(?:{_listed('present_courses', lang)})(?![\w-])")


@cache
def present_time(lang: str) -> re.Pattern[str]:
    """A word that says the time told is now (``dates.json`` ``present_times``: "now",
    "actualmente", "atualmente", "this year")."""
    return re.compile(rf"(?i)(?<![\w-])(?:{_listed('present_times', lang)})(?![\w-])")


@cache
def present_stay(lang: str) -> re.Pattern[str]:
    """A stay told in the present (``dates.json`` ``present_stays``: "is in Guyana on a
    three-day visit", "se encuentra en Lima", "está em Brasília"): its occurrence is now."""
    return re.compile(rf"(?i)(?<![\w-])(?:{_listed('present_stays', lang)})(?![\w-])")


# the gerund after a progressive auxiliary ("are training", "están realizando", "estão
# treinando", "estão a treinar"); "is going to" tells a future, "is nothing" no verb
GERUND: Final = {"en": r"(?!going(?!\w))(?!\w*thing(?!\w))\w{2,}ing",
                 "es": r"\w{2,}(?:ando|iendo|yendo)",
                 "pt": r"(?:\w{2,}(?:ando|endo|indo)|a\s+\w{2,}(?:ar|er|ir))"}


@cache
def present_progressive(lang: str) -> re.Pattern[str]:
    """A verb in the present progressive (``dates.json`` ``progressive_auxiliaries`` and a
    gerund: "marines are training with", "están realizando", "estão a treinar"): an
    occurrence told as going on now."""
    return re.compile(rf"(?i)(?<![\w-])(?:{_listed('progressive_auxiliaries', lang)})\s+"
                      rf"{GERUND.get(lang, '(?!)')}(?!\w)")


@cache
def recall_clause(lang: str) -> re.Pattern[str]:
    """A verb of remembering and its 'that' ("lembra que, em 2019, a Marinha enviou",
    "recalled that in 2019"), then up to ``BIRTH_REACH`` words with no punctuation, up to a
    date."""
    return re.compile(rf"(?i)(?<![\w-]){_listed_tree('recall_verbs', lang)}[^\S\n]+(?:que|that),?"
                      rf"{_UP_TO_DATE}")


class Timeline:
    """Resolves the date mentions of one text in reading order (see the module doc)."""

    def __init__(self, text: str, lang: str, published: str | None,
                 mentions: list[DateMention] | None = None):
        self.text, self.lang = text, lang
        self.mentions = scan(text, lang) if mentions is None else mentions
        self._starts = [m.start for m in self.mentions]  # (in text order)
        self.published = _iso(published)
        self.reference = self.published or self._latest_stated()
        # (a publication date of a month or a year, as a report's cover gives it, is no day
        # to count weekdays or "yesterday" from: what is counted from it keeps its precision)
        self._reference_precision = PRECISIONS.get(len(published or ""), "day") \
            if self.published else "day"
        self.resolved: list[DateMention] = []
        self._next = 0
        self._previous: tuple[str, str] | None = None  # last stated (value, precision)
        self._previous_end = -1  # where it was stated
        self._previous_day: str | None = None  # the last day stated (a same-day phrase's base)
        # whether the date stated last was said of a time to come ("is scheduled to leave
        # on Thursday"), and the last day stated as done
        self._previous_ahead = False
        self._previous_done: str | None = None
        self._event: tuple[str, str] | None = None
        self._arrival: str | None = None  # the day of the arrival told last (note_arrival)
        # (offset, year, month or 0) of the years the text stated
        self._years: list[tuple[int, int, int]] = []
        self._recalled: set[int] = set()  # where the years said in the pluperfect stand
        # where years counted back from the publication stand -> where their sentence ends
        self._sentence_only: dict[int, int] = {}
        # shifts counted back -> the occurrence counted from: they date the clause after
        self._counted: dict[int, tuple[str, str]] = {}
        self._tied: set[int] = set()  # shifts moved from a date later in their clause
        # the first date told (a byline aside) is a day of the publication's week: a news
        # story, told from its publication
        self._present_lead: bool | None = None
        # the story year the date resolved last took, whether it was recalled, and whether
        # it is a year said alone ("O ano de 2008 ... publicada em dezembro")
        self._carried: tuple[int, bool, bool] | None = None
        # where the bare dates stand that carry a year said alone (``_story_year``)
        self._framed: set[int] = set()
        self._days: dict[int, str] = {}  # day of the month -> the last day stated with it
        self._disaster: tuple[str, str] | None = None  # the date of the disaster last told
        self._last_days: dict[str, str] = {}  # first day of a stated stretch -> its last day
        self.breaks = [m.start() for m in _BREAKS.finditer(text)]  # where each line ends
        self._background = self._background_paragraphs()
        if lang == "en":  # "05/03/2024": the month first, unless the story says otherwise
            self.mentions = _day_first(self.mentions, _iso(published)
                                       if published and len(published) == 10 else None)

    def _background_paragraphs(self) -> frozenset[int]:
        """The paragraphs (numbered as ``bisect_left(self.breaks, offset)``) that open by
        recalling earlier occurrences ("Não é a primeira vez que ...", "It is not the first
        time", "It is not the destroyer's first call at the port", "No es la primera escala
        del buque"): the years they state are theirs; the next paragraph is the story's time
        again."""
        opener = _background_opener(self.lang)
        found = set()
        for number, start in enumerate([0, *(b + 1 for b in self.breaks)]):
            if opener.match(self.text[start:start + 80].lstrip().lower()):
                found.add(number)
        return frozenset(found)

    def _latest_stated(self) -> date | None:
        """A document without a publication date: its latest fully stated day or month;
        failing that, a yearless dateline's day ("BEIJING, Nov. 14 (ChinaMil) --") in the
        latest year the text states ("in 2016"): the wire's day, which its weekdays count
        from."""
        best: date | None = None
        for d in self.mentions:
            if d.parts and d.parts[0] == "ymd" and d.parts[1] and not d.bound:
                day = date(d.parts[1], d.parts[2], d.parts[3] or 1)
                best = max(best, day) if best else day
        if best is not None:
            return best
        line = next((d for d in self.mentions if "dateline" in d.parts and d.parts[0] == "ymd"
                     and d.parts[1] is None and d.parts[3]), None)
        years = [d.parts[1] for d in self.mentions if d.parts and d.parts[0] == "year"
                 and d.parts[1] and not d.bound]
        if line is None or not years:
            return None
        try:
            return date(max(years), line.parts[2], line.parts[3])
        except ValueError:
            return None

    def until(self, offset: int) -> list[DateMention]:
        """Resolve every mention starting before ``offset``; returns all resolved so far."""
        while self._next < len(self.mentions) and self.mentions[self._next].start < offset:
            d = self.mentions[self._next]
            self._next += 1
            value, precision = self._resolve(d)
            # the story year _resolve carried to this mention, if any (read and cleared
            # here, not cleared before the call: mypyc would take the attribute for None)
            carried, self._carried = self._carried, None
            if self._present_lead is None and value and not d.bound and not (
                    d.parts[:1] == ("ymd",) and d.parts[1] and self.reference is not None
                    and value == self.reference.isoformat()):  # (a byline: no story time)
                self._present_lead = precision == "day" and self.reference is not None and \
                    -7 <= (date.fromisoformat(value) - self.reference).days <= 1
            stated = bool(d.parts and d.parts[0] in ("ymd", "year") and d.parts[1]
                          and (not d.bound or "dateline" in d.parts))
            offstory = stated and (self._label(d) or self._aside(d) or self._birth(d)
                                   or self._qualified(d) or SINCE_APPOSED.search(
                                       self.text, max(0, d.start - ASIDE_REACH), d.start)
                                   is not None)
            d = DateMention(d.start, d.end, d.text, value, precision, d.rule, d.bound,
                            (*d.parts, ("counted_from", *self._counted[d.start]))
                            if d.start in self._counted else
                            (*d.parts, TIED) if d.start in self._tied else
                            (*d.parts, OFFSTORY) if offstory else d.parts)
            if stated and not offstory:
                month = d.parts[2] if d.parts[0] == "ymd" and d.parts[2] else 0
                self._years.append((d.start, d.parts[1], month))
                if self._flashback(d):
                    self._recalled.add(d.start)
                if participle_flashback(self.lang).search(
                        self.text, max(0, d.start - ASIDE_REACH), d.start) is not None:
                    # "tied up in Havana on January 20, ..., having made a similar call
                    # there in February 2014. And in February Shoigu travelled": a year
                    # said in a perfect participle's clause is its sentence's only
                    ended = SENTENCE_END.search(self.text, d.end)
                    self._sentence_only[d.start] = ended.start() if ended else len(self.text)
            elif carried is not None and value and not d.bound and d.parts[0] == "ymd":
                # "On February 5 ... In the third week of April ... By June": a date that
                # took the story's year carries it on through the paragraphs it tells
                self._years.append((d.start, carried[0], d.parts[2] or 0))
                if carried[1]:  # (carried from a year said in the pluperfect: recalled too)
                    self._recalled.add(d.start)
                if carried[2]:
                    self._framed.add(d.start)
            elif value and d.parts[:1] in (("last_month",), ("shift_month",)) and not d.bound:
                # "Last April, a delegation travelled ... and on April 28 presented": a
                # month told from the publication states its year for the story
                self._years.append((d.start, int(value[:4]), int(value[5:7])))
            elif value and _present(d.parts) and not d.bound:
                # "na quarta-feira (23)", "ontem": the story is back at the publication,
                # a later "em março" is of its year, not of a year recalled before
                self._years.append((d.start, int(value[:4]),
                                    int(value[5:7]) if len(value) >= 7 else 0))
                if d.parts[0] == "shift" and d.parts[1] == "year" and d.parts[2] < 0:
                    # "In July, the embassy handed over scanners, and last year Washington
                    # delivered two helicopters. In August, a cutter called": a year
                    # counted back from the publication is its sentence's, the story stays
                    # at the publication's time
                    ended = SENTENCE_END.search(self.text, d.end)
                    self._sentence_only[d.start] = ended.start() if ended else len(self.text)
            if "dateline" in d.parts and value and precision == "day":
                self.reference = date.fromisoformat(value)
                self._reference_precision = "day"
            if value and not d.bound and (d.parts[:1] in (("ymd",), ("weekday",)) or _present(
                    d.parts)) and self._dates_disaster(d):
                self._disaster = (value, precision or "")
            if value and precision == "day":
                last = next((p[1] for p in d.parts if isinstance(p, tuple)
                             and p[0] == "last_day"), None)
                if last is not None:
                    self._last_days[value] = value[:8] + f"{last:02d}"
                elif not d.bound:  # "visited Feb. 18-20. On Feb. 18 he met ... The
                    self._last_days.pop(value, None)  # following day": the 19th
                    first = self._range_start(d)
                    if first is not None and first < value:
                        # "entre segunda-feira (23) e quarta-feira (25)", "from Monday,
                        # Sept. 23, to Wednesday, Sept. 25": a stretch told by its two ends
                        self._last_days[first] = value
            if value and not d.bound and "bare" not in d.parts and "span" not in d.parts:
                self._previous = (value, precision or "")  # (an end of "between 2009 and
                # 2012" is no date told on from)
                self._previous_end = d.end
                self._previous_ahead = self._future(d.start) or EXPECTED.search(
                    self._sentence_before(d.start)) is not None
                if not self._previous_ahead and precision == "day":
                    self._previous_done = value
                if precision == "day":
                    self._days[int(value[8:10])] = value
                    self._previous_day = value
            self.resolved.append(d)
        return self.resolved

    def _range_start(self, d: DateMention) -> str | None:
        """The first day of a stretch whose last day ``d`` is: the day resolved just before
        it, opened by "entre", "between", "from", "de", "desde", "del" and joined to it by
        "e", "y", "and", "a", "al", "to", "até" ("entre segunda-feira (23) e quarta-feira
        (25)")."""
        if not self.resolved:
            return None
        prev = self.resolved[-1]
        if prev.precision != "day" or not prev.value or prev.bound \
                or RANGE_JOIN.fullmatch(self.text[prev.end:d.start].lower()) is None \
                or RANGE_OPEN.search(self.text[max(0, prev.start - 30):prev.start].lower()) is None:
            return None
        return prev.value

    def _label(self, d: DateMention) -> bool:
        """A year that names a document or body, not a time of the story: after a
        capitalised noun and "of"/"de" ("la Constitución de 2008", "the Defence Strategy of
        2008", "o Livro Branco de 2012"); "a finales de 2008", "the spring of 2008" stay."""
        if d.parts[0] != "year":
            return False
        return LABEL_YEAR.search(self.text[max(0, d.start - 40):d.start]) is not None

    def _aside(self, d: DateMention) -> bool:
        """A year inside a relative clause set off by commas ("O KC-390, que entrou em
        serviço em 2019, vem sendo oferecido", "the frigate, which was launched in 2019,
        is", "la fragata, que fue botada en 2019, navega") or closing its sentence ("a new
        station, which was handed over in 2019."): it tells the noun before it, not the
        story's time, so a later bare "2 de agosto" is not of that year."""
        if d.parts[0] != "year":
            return False
        opened = _aside_opening(self.lang).search(self.text[max(0, d.start - ASIDE_REACH):d.start])
        return opened is not None and ASIDE_CLOSE.match(
            self.text, d.end, d.end + ASIDE_REACH) is not None

    def _birth(self, d: DateMention) -> bool:
        """A year said of a thing's birth ("Construído em 1930 nos estaleiros", "the brigade
        was activated in 2017", "botado en 1968"): a birth word of ``dates.json``
        ``birth_words`` earlier in the date's clause. It tells the thing, not the time the
        story tells, so a later bare "4 e 8 de outubro" is not of that year."""
        return birth_clause(self.lang).search(self.text[max(0, d.start - ASIDE_REACH):d.start]) \
            is not None

    def _qualified(self, d: DateMention) -> bool:
        """A date said in a reduced clause on a noun after a preposition ("A designação é
        fruto de negociação iniciada em 2019", "en propiedades confiscadas tras 1959",
        "under contracts signed in 2006", ``qualified_clause``): it tells the noun's past, not
        the story's time, so a bare "Em março" in the next paragraph is not of that year. The
        words before the participle hold no verb (no auxiliary of a passive or perfect: "de
        que el acuerdo fue firmado en") and end with a noun, not a function word; no verb in
        a past tense stands after them ("A última edição sediada pelo Brasil ocorreu em
        2019": the participle's noun is the subject, its verb's date the story's); the noun
        is no occasion ("en una ceremonia celebrada en febrero de 2017": the story's own)."""
        found = qualified_clause(self.lang).search(self.text, max(0, d.start - ASIDE_REACH),
                                                    d.start)
        if found is None or found.end() != d.start:  # (not across a line break: "$" matches
            return False  # before one, "... donados por EEUU\n2021-04-08" is a headline's date)
        from pipeline.nlp.models import load

        words = found.group(1).split()
        function = load().function_words.get(self.lang, frozenset())
        return words[-1] not in function and fold(words[-1]) not in _occasions(self.lang) \
            and not any(
            PAST_VERB[self.lang].fullmatch(w) or w in AUXILIARIES for w in words) \
            and PAST_VERB[self.lang].search(self.text, found.end(2), d.start) is None

    def _flashback(self, d: DateMention) -> bool:
        """A year stated in the pluperfect ("A memorandum had been signed in Seoul in
        September 2022", "había sido firmado en 2022", "tinha sido assinado em 2022"): the
        story recalls an earlier time; in the paragraphs after, it is back at its own. So
        does a year said in a clause of remembering ("lembra que, em 2019, ...")."""
        before = self.text[max(0, d.start - ASIDE_REACH):d.start]
        return flashback_clause(self.lang).search(before) is not None \
            or recall_clause(self.lang).search(before) is not None

    def note_event(self, value: str | None, precision: str | None) -> None:
        """The event assembler stated an event at this date: the base of "the next day"."""
        if value and precision:
            self._event = (value, precision)

    def note_arrival(self, value: str | None) -> None:
        """The event assembler stated an arrival on this day: the base of "three days after
        its arrival" (``_after_arrival``)."""
        if value and len(value) == 10:
            self._arrival = value

    def last_event(self) -> DateMention | None:
        """The date of the last event stated (for "during the visit", "at that meeting")."""
        if self._event is None:
            return None
        return DateMention(0, 0, "", self._event[0], self._event[1], "date.anchor")

    def _story_year(self, start: int) -> tuple[int, int, bool, bool] | None:
        """The last year stated in this paragraph or the ``NARRATIVE_PARAGRAPHS`` before it,
        with the month stated with it (0 when none), through paragraphs that keep telling
        dated time: a paragraph between with no date at all is a digression ("Nicaraguan
        troops have regularly taken part in ..."), after which a bare "in June" is the
        story's own time again, not the background's year. In a news story (its first date
        falls in the publication's week: "closed in Rio on Friday") a past year of an earlier
        paragraph is a recollection ("In March 2023, a Korean firm launched a rocket"): a
        bare "In May" after it is of the story's present, the publication's year. Also says
        whether that year was said in the pluperfect (recalled: it stays in its paragraph),
        and whether its month is a bare one that took a year said alone ("O ano de 2008 ...
        publicada em dezembro": framed, its month no step of a story told in order)."""
        if not self._years:
            return None
        paragraph, first = self._narrative(start)
        years = [(offset, y, m) for offset, y, m in self._years if first <= offset < start
                 and self._sentence_only.get(offset, start) >= start
                 and (bisect_left(self.breaks, offset) == paragraph
                      or (bisect_left(self.breaks, offset) not in self._background
                          and offset not in self._recalled
                          and not (self._present_lead and self.reference is not None
                                   and y < self.reference.year)))]
        if not years:
            return None
        offset, year, month = years[-1]
        for between in range(bisect_left(self.breaks, offset) + 1, paragraph):
            lo, hi = self.breaks[between - 1], self.breaks[between]
            if bisect_left(self._starts, lo) == bisect_left(self._starts, hi) \
                    and not _subheading(self.text[lo:hi]):
                return None  # (no date mention in that paragraph; a subheading of a long
                # piece, "Ships as infrastructure", tells no time of its own: the story
                # goes on under it)
        return year, month, offset in self._recalled, offset in self._framed

    def _resolve(self, d: DateMention) -> tuple[str | None, str | None]:
        kind = d.parts[0] if d.parts else None
        try:
            if kind == "year":
                return f"{d.parts[1]:04d}", "year"
            if kind == "ymd":
                _, year, month, day = d.parts[:4]
                if year is None:
                    year = self._year_for(month, d)
                    if year is not None and day:
                        year = self._weekday_year(year, month, day, d.start)
                if year is None:
                    return None, None
                if day:
                    return date(year, month, day).isoformat(), "day"
                return f"{year:04d}-{month:02d}", "month"
            if kind == "shift_month":
                if self.reference is None:
                    return None, None
                year, month, day = self.reference.year + d.parts[2], d.parts[1], d.parts[3]
                if day is not None:  # "10 de setembro do ano passado": that day
                    try:
                        return date(year, month, day).isoformat(), "day"
                    except ValueError:
                        return None, None
                return f"{year:04d}-{month:02d}", "month"
            if kind == "last_month":  # "last June": the latest June before the reference
                if self.reference is None:
                    return None, None
                ref = self.reference
                year = ref.year if d.parts[1] < ref.month else ref.year - 1
                return f"{year:04d}-{d.parts[1]:02d}", "month"
            if kind == "dayno":
                said = self._month_said_before(d.start) if "that_month" in d.parts else None
                if said is not None:  # "desde junio de 2023: el 6 de ese mes", "since
                    # June 2023; on the 6th of that month": the month named, bound or not
                    return date(int(said[:4]), int(said[5:7]), d.parts[1]).isoformat(), "day"
                if not self._previous and self.reference is not None:
                    # "el día 12", "on the 12th" with no date before it: the latest
                    # such day up to the publication ("the 25th" on 20 June: 25 May)
                    return self._day_near(d.parts[1], -1, inclusive=True), "day"
                if not self._previous or len(self._previous[0]) < 7:
                    return None, None
                y, m = int(self._previous[0][:4]), int(self._previous[0][5:7])
                same = self._days.get(d.parts[1])
                if same is not None and same[:7] != self._previous[0][:7] \
                        and same[:4] == self._previous[0][:4] and not (
                        self._previous[1] == "month" and 0 <= self._previous_end <= d.start
                        and STOP_BEFORE.search(self.text[self._previous_end:d.start]) is None):
                    # "On Oct. 23 they met. ... in April ... Later on the 23rd, they
                    # signed": a day number said again is the day stated with it (of
                    # the same year); not after a month its own sentence states ("Em
                    # agosto de 2023, ..., chegando no dia 13": that month's 13th)
                    y, m = int(same[:4]), int(same[5:7])
                day = date(y, m, d.parts[1])
                if self.reference is not None and day < self.reference and (
                        self._future(d.start) or EXPECTED.search(self._sentence_before(
                            d.start))):
                    # "A saída está marcada para as 10h do dia 26", "onde é esperado no
                    # dia 30": a day to come is no day before the publication, whatever
                    # month the story told last ("suspenderam ... no início de
                    # setembro"): the next such day
                    ahead = self._day_near(d.parts[1], 1, inclusive=True)
                    if ahead is not None:
                        return ahead, "day"
                return day.isoformat(), "day"
            if kind == "dayno_month":  # "no dia 5 do mês passado": that month's 5th
                if self.reference is None:
                    return None, None
                months = self.reference.year * 12 + self.reference.month - 1 + d.parts[2]
                return date(months // 12, months % 12 + 1, d.parts[1]).isoformat(), "day"
            if kind == "dayno_near":  # "no último dia 15": the latest 15th before the
                if self.reference is None:  # reference ("no próximo dia 20": the next 20th)
                    return None, None
                return self._day_near(d.parts[1], d.parts[2]), "day"
            if kind == "weekday":
                return self._weekday(d)
            if kind == "shift":
                value, precision = self._shifted(d)
                if value and precision == "day" and "vague" in d.parts:
                    # "pocos días después", "a few days later", "alguns dias depois": a
                    # guessed count of days tells the month it falls in, not a day
                    return value[:7], "month"
                return value, precision
        except ValueError:
            return None, None
        return None, None

    def _shifted(self, d: DateMention) -> tuple[str | None, str | None]:
        """A shift ("two days later", "ayer", "la semana pasada") resolved (a ValueError
        goes to ``_resolve``); one said again by the date right after it (``_restated``)
        tells that date."""
        value, precision = self._counted_shift(d)
        restated = self._restated(d)
        return restated if restated is not None else (value, precision)

    def _counted_shift(self, d: DateMention) -> tuple[str | None, str | None]:
        """A shift resolved from its base (``_shifted``)."""
        unit, offset, base = d.parts[1:4]
        counted = d.rule == "date.shift" and "vague" not in d.parts and \
            HEDGED.search(self.text, max(0, d.start - 24), d.start) is None
        # ("una semana después", not "next week", "a few weeks later", "less than
        # two weeks after")
        told = base not in ("publication", "story")  # (from a date told)
        if told and (anchor := self._clause_date(d)) is not None:
            self._tied.add(d.start)
            return _move(anchor, unit, offset, counted)
        disaster = told and self._after_disaster(d)
        if offset >= 0 and told and self._in_sequence(d) and self.reference is not None:
            moved = _move((self.reference.isoformat(), "day"), unit, -offset)
            self._counted[d.start] = NOW_TOLD  # (the occurrence before the verb is the
            # story's own, told elsewhere: not dated by this shift)
            if disaster and moved[0] and moved[1]:  # ("comes three months after
                self._disaster = (moved[0], moved[1])  # Hurricane Beryl tore")
            return moved
        if disaster:
            return self._from_disaster(d, unit, offset)
        if told and offset > 0 and unit == "day" and self._arrival is not None \
                and self._after_arrival(d):
            # "Tres días después de su llegada": from the arrival told last, not from a day
            # named since ("el sábado 12, el buque abrió sus cubiertas al público")
            return _move((self._arrival, "day"), unit, offset, counted)
        if told and (anchor := self._counted_back(d)) is not None:
            self._counted[d.start] = anchor
            return _move(anchor, unit, -offset, counted)
        return self._shift(unit, offset, base, at=d.start, counted=counted and told)

    def _restated(self, d: DateMention) -> tuple[str, str] | None:
        """The date a shift is said again by, set off right after it by a comma or a colon
        ("Semanas después, el jueves 30 de mayo, siete buques", "Meses después llegaron los
        blindados: en abril de 2016", "Days later, on 1 December,"): a shift that counts
        no number ("weeks later", "semanas después", "dias depois", "that same year") tells
        that date, not the stretch around its base (a shift with a count, "two weeks later,
        on 11 January", reaches a day of its own, read as counted)."""
        if self._next >= len(self.mentions) or d.parts[2] != 0:
            return None
        after = self.mentions[self._next]
        if after.bound or not after.parts or after.parts[0] not in ("ymd", "year") \
                or not _restating(self.lang).fullmatch(self.text, d.end, after.start) \
                or (after.parts[0] == "ymd" and not after.parts[2]):
            return None
        value, precision = self._resolve(after)
        self._carried = None  # (the date's own turn carries its story year)
        return (value, precision) if value and precision else None

    def _after_arrival(self, d: DateMention) -> bool:
        """A shift counted from an arrival told before ("three days after its arrival", "tres
        días después de su llegada", "dois dias depois da chegada"): its last word begins
        one of the ``arrival_after`` phrases."""
        found = _arrival_after(self.lang).search(self.text[d.start:d.end + 30])
        return found is not None and found.start() < d.end - d.start < found.end()

    def _after_disaster(self, d: DateMention) -> bool:
        """A shift counted from a disaster ("eight days after the earthquake", "a week after
        the hurricane struck", "dos días después del sismo", "três dias após o terremoto"):
        a disaster word (lexicon class ``disaster``) among the words right after it."""
        if not d.text.lower().endswith(SHIFT_FROM):
            return False
        words = _CLAUSE_MARK.split(self.text[d.end:d.end + DISASTER_AFTER * 12])[0].split()
        return _disaster_word(words[:DISASTER_AFTER], self.lang)

    def _dates_disaster(self, d: DateMention) -> bool:
        """A date said of a disaster: a disaster word up to ``BIRTH_REACH`` words before it
        in its clause ("the earthquake of 12 January", "el sismo del 19 de septiembre",
        "Hurricane Beryl made landfall on July 1", "O furacão atingiu a ilha em 1º de
        setembro") or right after it ("the 12 January earthquake")."""
        before = _CLAUSE_MARK.split(self.text[max(0, d.start - BIRTH_REACH * 12):d.start])
        after = _CLAUSE_MARK.split(self.text[d.end:d.end + 40])[0].split()
        return _disaster_word(before[-1].split()[-BIRTH_REACH:], self.lang) \
            or _disaster_word(after[:2], self.lang)

    def _from_disaster(self, d: DateMention, unit: str, offset: int
                       ) -> tuple[str | None, str | None]:
        """A shift counted from a disaster counts from the disaster's own date, when the text
        gave it, not from the date told last. Said in a sentence that dates its occurrence
        otherwise ("fundeou na manhã de ontem ..., oito dias depois do terremoto", "reached
        Kingston on Friday, a week after the hurricane struck"), it
        tells the disaster's date (that date less the shift) and dates what the sentence
        dates; otherwise, with no date of the disaster known, it dates nothing."""
        if self._disaster is not None:
            return _move(self._disaster, unit, offset)
        if self._previous is not None and 0 <= self._previous_end <= d.start \
                and STOP_BEFORE.search(self.text[self._previous_end:d.start]) is None:
            value, precision = self._previous
            if unit == "day" and precision == "day":
                self._disaster = _move(self._previous, unit, -offset)  # type: ignore[assignment]
            return value, precision
        return None, None

    def _year_for(self, month: int, d: DateMention) -> int | None:
        if _that_year_after(self.lang).match(self.text[d.end:d.end + 40]):
            # "signed on 19 December 2024 ... selected in April of that year", "en abril de
            # ese año", "em abril daquele ano": the year named before, not the next one
            said = self._year_said_before(d.start)
            if said is not None:
                return int(said[0])
            named = self._year_named_last(d.start)
            if named is not None:
                return named
            stated = self._story_year(d.start)
            if stated is not None:
                return stated[0]
        listed = self._listed_year(d)
        if listed is not None:
            return listed
        edition = self._edition_year(d)
        if edition is not None:
            return edition
        stated = self._story_year(d.start)
        if stated is not None and not stated[1] and d.parts[3]:
            told = self._month_told(month, stated[0], d.start)
            if told is not None:
                stated = (told, month, False, False)
        story = stated[0] if stated else None
        base = self.reference
        fronted = self._fronted_future(d)
        ahead = (fronted or self._future(d.start)) and not self._dates_disaster(d)  # ("la
        # ayuda permitirá apoyar a las zonas afectadas por el terremoto del 16 de abril": a
        # disaster's date is past, whatever the sentence plans)
        if stated is not None and base is not None and month < stated[1] \
                and story is not None and story < base.year \
                and date(story + 1, month, 1) <= base and not stated[3] \
                and not self._told_before(d):
            # "since he took command in November 2024. ... On Feb. 18, he met": a day-month
            # of an earlier month told after a month of a past year is the next one's; not
            # after a month that took a year said alone (the months of "O ano de 2008"
            # are all of it, told in any order), nor one told as before the story's time
            story += 1
        if story is not None and base is not None and story < base.year \
                and self._days_before_publication(month, d.parts[3]) \
                and not self._year_in_paragraph(story, d.start):
            # "... entre 10 e 26 de outubro de 2012, a Corveta operou ... || Namíbia ||
            # Entre os dias 21 e 23 de outubro, a fragata realizou exercícios" (published
            # on 25 October 2024): a day of the days just before the publication, a past
            # year told in an earlier paragraph, is the publication's
            story = None
        if story is not None and not ((ahead or self._future_later(d)) and base is not None
                                      and story < base.year):
            # ("No ano passado ... Em setembro, a academia receberá", "in November 2022 ...
            # The ship is scheduled to return in late February": a month said with a verb
            # to come is no month of a past year the story told)
            if base is None or ahead or date(story, month, 1) <= base + timedelta(days=62):
                self._carried = story, stated is not None and stated[2], \
                    stated is not None and story == stated[0] and (not stated[1] or stated[3])
                return story
        if base is None:
            return story
        if ahead:
            return base.year + 1 if month < base.month else base.year
        return base.year - 1 if month > base.month + 2 else base.year

    def _told_before(self, d: DateMention) -> bool:
        """A bare month told as a time before the one its story tells: the start of a span
        ("desde fevereiro"), in a pluperfect clause ("a cargo ship that had left Norrköping
        at the end of August", "que había zarpado a mediados de abril") or a perfect
        participle's ("depois de ter adiado a escala em janeiro"). It lies no later than the
        month told before it."""
        if "since" in d.parts:
            return True
        before = self.text[max(0, d.start - ASIDE_REACH):d.start]
        return flashback_clause(self.lang).search(before) is not None \
            or participle_flashback(self.lang).search(before) is not None

    def _year_named_last(self, start: int) -> int | None:
        """The year named last before ``start`` in its paragraph or the
        ``NARRATIVE_PARAGRAPHS`` before ("El 12 de febrero de 2015, Shoigú llegó a Managua
        ... || En agosto de ese mismo año"): what "of that year" points back at, whatever
        time the story's lead tells."""
        _, first = self._narrative(start)
        years = [y for offset, y, _ in self._years if first <= offset < start]
        return years[-1] if years else None

    def _days_before_publication(self, month: int, day: int | None) -> bool:
        """The day ``day`` of ``month`` in the publication's year falls in the
        ``RECENT_DAYS`` before the publication (a publication date stated to the day)."""
        if not day or self.published is None or self._reference_precision != "day":
            return False
        try:
            told = date(self.published.year, month, day)
        except ValueError:
            return False
        return 0 <= (self.published - told).days <= RECENT_DAYS

    def _year_in_paragraph(self, year: int, start: int) -> bool:
        """The text stated ``year`` before ``start`` in the paragraph of ``start``."""
        paragraph = bisect_left(self.breaks, start)
        return any(y == year and offset < start and bisect_left(self.breaks, offset) == paragraph
                   for offset, y, _ in self._years)

    def _narrative(self, start: int) -> tuple[int, int]:
        """The paragraph of ``start`` (the breaks before it) and where the stretch a bare date
        there takes its story year from begins: that paragraph and the
        ``NARRATIVE_PARAGRAPHS`` before it."""
        paragraph = bisect_left(self.breaks, start)
        return paragraph, (self.breaks[paragraph - NARRATIVE_PARAGRAPHS - 1]
                           if paragraph > NARRATIVE_PARAGRAPHS else 0)

    def _month_told(self, month: int, year: int, start: int) -> int | None:
        """"On April 8, 2025, Hegseth toured the locks ... the bases handed over in 1999.
        ... a speech on April 9": a yearless day of the month whose day the story told last
        before a bare ``year`` (said alone, in a sentence before this one, in the paragraphs
        the story year is read from) is of that day's year: a year said alone in between
        tells something else's time, not the story's days."""
        _, first = self._narrative(start)
        since = [offset for offset, y, m in self._years if y == year and not m]
        if not since or STOP_BEFORE.search(self.text, since[-1], start) is None:
            return None  # (a year said in this sentence: "In 2021, on 8 March, ...")
        if self._heading_year(since[-1]):
            return None  # ("2013. ... em 9 de dezembro. || 2014. Pouco mais de um ano
            # depois, em 7 de dezembro": a year heading its paragraph is its days' year)
        told = next((d for d in reversed(self.resolved) if d.start < since[-1] and d.value
                     and len(d.value) >= 7 and not d.bound), None)
        value = told.value if told is not None and told.precision == "day" else None
        if told is None or value is None or told.start < first or int(value[5:7]) != month \
                or int(value[:4]) == year \
                or (self.published is not None and value == self.published.isoformat()):
            return None  # (the publication's own day, a byline's, tells no day of the story)
        return int(value[:4])

    def _heading_year(self, at: int) -> bool:
        """The year at ``at`` heads its paragraph, a timeline's entry ("2014. Pouco mais de
        um ano depois, em 7 de dezembro", "2014 — In December", "2014: El 7 de diciembre"):
        the paragraph's days are of that year."""
        paragraph = bisect_left(self.breaks, at)
        start = self.breaks[paragraph - 1] + 1 if paragraph else 0
        return not self.text[start:at].strip() and \
            HEADING_AFTER.match(self.text, at + 4) is not None

    def _weekday_year(self, year: int, month: int, day: int, start: int) -> int:
        """"el jueves 4 de abril", "on Thursday, April 4": a yearless day said with its
        weekday falls in the year (of the one found, the one before or after) where that
        day is that weekday: the weekday overrules a year carried from an earlier sentence."""
        named = _weekday_before(self.lang).search(self.text[max(0, start - 80):start].lower())
        if named is None:
            return year
        weekday = _weekday_index(self.lang)[named.group(1)]
        for candidate in (year, year + 1, year - 1):
            try:
                if date(candidate, month, day).weekday() == weekday:
                    return candidate
            except ValueError:
                continue
        return year

    def _edition_year(self, d: DateMention) -> int | None:
        """"In July, the frigate crossed the Pacific to take part in RIMPAC 2022", "Em
        outubro, um KC-390 participou da ADEX 2023": a yearless month whose sentence goes on
        to name an edition by its year (a name, then a bare year) before any other year is of
        that edition's year, when it lies in the ``EDITION_REACH`` years up to the reference
        and the sentence tells no future (a name with a number, "ATMOS 2000", lies further)."""
        if self.reference is None:
            return None
        for after in self.mentions[self._next:]:
            if SENTENCE_END.search(self.text, d.end, after.start):
                return None
            if not after.parts or after.parts[0] not in ("ymd", "year") or not after.parts[1]:
                continue
            if after.parts[0] != "year" or "bare" not in after.parts or after.bound \
                    or EDITION_NAME.search(self.text, max(0, after.start - 30),
                                           after.start) is None:
                return None  # (another year stated first: the month is not the edition's)
            year = after.parts[1]
            if not self.reference.year - EDITION_REACH <= year <= self.reference.year \
                    or self._future(after.start) or self._future_later(d):
                return None
            return year
        return None

    def _listed_year(self, d: DateMention) -> int | None:
        """"in May and June 2005", "entre mayo y junio de 2005": a date listed just before
        one that states its year shares that year."""
        if self._next >= len(self.mentions):
            return None
        after = self.mentions[self._next]
        parts = after.parts
        if not (parts and parts[0] == "ymd" and parts[1]) or after.start - d.end > 8:
            return None
        if LIST_JOINER.fullmatch(self.text[d.end:after.start].lower()) is None:
            return None
        return parts[1]

    def _future(self, start: int) -> bool:
        """A future marker earlier in the same sentence ("is scheduled to", "deverá"), however
        long the list between ("visitará 22 puertos: ..., antes de regresar en diciembre"),
        and no verb in the simple past after it (``TOLD_PAST``: "la cumbre que la capital
        acogerá en noviembre, y esa misma tarde voló a Santiago, donde el jueves fue
        recibido": the story goes on in the past, its Thursday the last one)."""
        window = self.text[max(0, start - FUTURE_REACH):start]
        # (a sentence may end inside its closing quote: '... real help to Dominica."\n')
        window = STOP_BEFORE.split(window)[-1]
        marks = list(future_marker(self.lang).finditer(window))
        if not marks:
            return False
        told = TOLD_PAST.get(self.lang)
        return told is None or told.search(window, marks[-1].end()) is None

    def _sentence_before(self, at: int) -> str:
        """The sentence of the offset ``at`` up to it."""
        return STOP_BEFORE.split(self.text[max(0, at - FUTURE_REACH):at])[-1]

    def _sentence_after(self, at: int) -> str:
        """The sentence of the offset ``at`` from it on."""
        return SENTENCE_AFTER.split(self.text[at:at + FUTURE_REACH])[0]

    def _future_later(self, d: DateMention) -> bool:
        """A future marker later in the date's sentence ("se prepara para enviar en septiembre
        dos unidades al ejercicio, que este año se realizará frente a Chile")."""
        return future_marker(self.lang).search(self._sentence_after(d.end)) is not None

    def _present_ahead(self, d: DateMention) -> bool:
        """A weekday told in the present of a sentence whose next coordinated clause is in
        the future, with no verb in a past tense before it nor in its own clause ("The
        secretary flies to Brazil on Tuesday for stops in Brasilia and Rio, and will end the
        week in Santiago", "El ministro viaja el martes a Lima y luego visitará Quito"): a
        trip to come. A future in a relative clause ("la cumbre que la capital acogerá en
        noviembre", "que o levará a 13 portos") tells its noun's time, not the trip's."""
        past = PAST_VERB.get(self.lang)
        own = re.split(r"[.!?;,\n]", self.text[d.end:d.end + FUTURE_REACH])[0]
        if past is None or past.search(self._sentence_before(d.start)) is not None \
                or past.search(own) is not None:
            return False
        rest = self._sentence_after(d.end)
        for marker in future_marker(self.lang).finditer(rest):
            words = [w.strip(",;").lower() for w in rest[:marker.start()].split()[-3:]]
            if any(w in COORDINATORS for w in words) and not any(
                    w in RELATIVE_OPENERS for w in words):
                return True
        return False

    def _onward_ahead(self, d: DateMention) -> bool:
        """A bare weekday in a sentence that tells a going on to the next stop in the present
        (``onward_present``), with no verb in a past tense ("From Lima, Gates travels to
        Bogotá on Thursday for meetings", "Na quarta-feira, ele segue para o Rio de Janeiro,
        onde fará uma palestra"): the trip's next leg, a day to come."""
        past = PAST_VERB.get(self.lang)
        sentence = self._sentence_before(d.start) + " " + self._sentence_after(d.end)
        return past is not None and past.search(sentence) is None \
            and onward_present(self.lang).search(sentence) is not None

    def _fronted_future(self, d: DateMention) -> bool:
        """A date that opens its sentence, set off by a comma, before a verb in the future
        ("Em setembro, a academia receberá", "In September, the ship will call"), or with
        no pause before one among its next words ("El martes zarpará", "El lunes está
        prevista la inauguración", "Na segunda-feira também serão abertas", "On Friday the
        ship will sail"): the clause it dates is to come."""
        opening = re.split(r"[.!?\n]\s*", self.text[max(0, d.start - 60):d.start])[-1]
        if not (len(opening.strip()) <= 3 or FRONTED_PHRASE.match(opening.lower()) is not None):
            return False
        if self._future_after(d):
            return True
        head = re.split(r"[.!?;:,()\n]", self.text[d.end:d.end + FUTURE_AFTER])[0]
        words = head.split()[:FRONTED_WORDS]
        return bool(words) and future_marker(self.lang).search(" ".join(words)) is not None

    def _interrupts_future(self, d: DateMention) -> bool:
        """A date inside a relative clause set off by commas whose sentence goes on in the
        future ("During the trip, which ends on Sunday, the delegation will visit", "la
        gira, que termina el domingo, incluirá"): the clause tells a time still to come."""
        from pipeline.nlp.models import load

        head = re.split(r"[.!?;\n]\s|,\s", self.text[max(0, d.start - 60):d.start])
        words = head[-1].lower().split() if len(head) > 1 else []
        if not words or words[0] not in load().relatives.get(self.lang, frozenset()) \
                or PAST_VERB[self.lang].search(" ".join(words)):
            return False  # ("Thigpen, who arrived on Sunday, is scheduled to": past)
        return self._future_after(d)

    def _future_after(self, d: DateMention) -> bool:
        """A comma right after the date, then a clause with a future marker within
        ``FUTURE_AFTER`` characters (the two tests above read what follows the same way)."""
        if not self.text[d.end:d.end + 2].startswith(","):
            return False
        clause = re.split(r"[.!?;\n]|,\s", self.text[d.end + 1:d.end + 1 + FUTURE_AFTER])[0]
        return future_marker(self.lang).search(clause) is not None

    def _day_near(self, dayno: int, step: int, inclusive: bool = False) -> str | None:
        """The nearest day numbered ``dayno`` before (``step`` -1) or after (1) the
        reference, in its month or the months around it; ``inclusive``: the reference
        day itself counts."""
        base = self.reference
        assert base is not None
        for shift in range(0, 3 * step, step):
            y, m = divmod(base.year * 12 + base.month - 1 + shift, 12)
            try:
                day = date(y, m + 1, dayno)
            except ValueError:
                continue
            if (day - base).days * step > 0 or (inclusive and day == base):
                return day.isoformat()
        return None

    def _reference_anchor(self) -> tuple[str, str] | None:
        """The reference as (value, precision), at the precision the publication gave it."""
        if self.reference is None:
            return None
        value = self.reference.isoformat()
        return value[:LENGTHS[self._reference_precision]], self._reference_precision

    def _weekday(self, d: DateMention) -> tuple[str | None, str | None]:
        base = self.reference
        if base is None:
            return None, None
        weekday, when, dayno = d.parts[1:4]
        if dayno is None and self._reference_precision != "day":
            return self._reference_anchor() or (None, None)  # "this Friday" in a report of
            # "April 2024": some day of April, not the Friday before April 1st
        counted = self._counted_day(d, weekday, dayno)
        if counted is not None:
            return counted, "day"
        if dayno is not None:  # "na segunda-feira (8)": the day nearest the reference
            options = []  # that falls on that weekday, this month, the one before or after
            for shift in (0, -1, 1):
                y, m = divmod(base.year * 12 + base.month - 1 + shift, 12)
                try:
                    day = date(y, m + 1, dayno)
                except ValueError:
                    continue
                options.append((day.weekday() != weekday, abs((day - base).days), day))
            if not options:
                return None, None
            return min(options)[2].isoformat(), "day"
        if when == "following" and self._previous and len(self._previous[0]) == 10:
            base = date.fromisoformat(self._previous[0])  # "the following Tuesday": after it
        if when in ("next", "following") or (when is None and (
                self._future(d.start) or self._interrupts_future(d)
                or self._fronted_future(d) or self._present_ahead(d)
                or self._onward_ahead(d))):
            # ("will leave on Thursday" published on a Thursday: that day; "next Thursday":
            # a week on)
            ahead = (weekday - base.weekday()) % 7 or (0 if when is None and not re.search(
                r"(?:next|coming)\s+$", self.text[max(0, d.start - 8):d.start].lower()) else 7)
            return (base + timedelta(days=ahead)).isoformat(), "day"
        back = (base.weekday() - weekday) % 7
        if back == 0 and when == "past":
            back = 7
        return (base - timedelta(days=back)).isoformat(), "day"

    def _counted_day(self, d: DateMention, weekday: int, dayno: int | None) -> str | None:
        """A weekday with its day's number said again right after a shift counted from the
        story's time ("No dia seguinte, terça-feira, 29, os dois governos firmaram", "Dois
        dias depois, na quarta-feira, 13, reuniu-se", "Al día siguiente, el martes 9"): the
        shift's day, when it falls on that weekday with that number, not the day nearest
        the publication."""
        if dayno is None or not self.resolved:
            return None
        shift = self.resolved[-1]
        if not shift.parts or shift.parts[0] != "shift" or shift.precision != "day" \
                or not shift.value or shift.bound \
                or not _restating(self.lang).fullmatch(self.text, shift.end, d.start):
            return None
        day = date.fromisoformat(shift.value)
        return shift.value if day.day == dayno and day.weekday() == weekday else None

    def _shift(self, unit: str, offset: int, base_kind: str, at: int = -1,
               counted: bool = False) -> tuple[str | None, str | None]:
        if base_kind == "story":  # "at the end of the month": of the month told last
            base_kind = "publication" if self._told_month(at) is None else "previous"
        if base_kind == "publication":
            anchor = self._reference_anchor()
        elif base_kind == "event" and self._said_in_sentence(at):
            anchor = self._previous  # "reached Buenos Aires in mid-January 2010, having
            # called at Montevideo earlier the same month": the sentence's own date
        elif base_kind == "event" and unit == "year" \
                and (said := self._year_said_before(at)) is not None:
            anchor = said  # "Es la cuarta donación desde 2018. Ese año, el ministro visitó"
        else:
            anchor = (self._event if base_kind == "event" else None) or self._previous
        if base_kind == "stretch":  # "The 2015 cruise, which ran from May to October ...
            # Over those five months": a stretch pointed back at, in the year said in its
            # sentence or the one before when it says no fuller date of it
            said = self._year_said_before(at)
            if said is not None and (anchor is None or anchor[0][:4] != said[0]):
                anchor = said
        if anchor is None and base_kind == "event" and offset < 0 and self.reference:
            # "La Habana, 14 nov (Prensa Latina) El ministro recibió en la víspera", "the
            # day before", "na véspera" with nothing told before: the eve of the story's day
            anchor = self._reference_anchor()
        if base_kind == "previous" and unit == "day" and offset == 0 and self._previous_ahead \
                and self._previous_done is not None and 0 <= self._previous_end <= at \
                and STOP_BEFORE.search(self.text, self._previous_end, at) is not None:
            # "The ship arrived yesterday and is scheduled to leave on Thursday. The Marines
            # were due to begin exercises the same afternoon": the same day as the last one
            # told done, not as a day to come (said in a sentence before: "will leave on
            # Thursday and hold drills the same day" is that Thursday)
            anchor = (self._previous_done, "day")
        elif base_kind == "previous" and unit == "day" and anchor is not None \
                and anchor[1] != "day" and self._previous_day is not None:
            # "arrived on Monday ... The ship, which left Norfolk in October, ... Later that
            # afternoon": a day's phrase counts from the day told last, not from a month or
            # a year said since
            anchor = (self._previous_day, "day")
        if anchor is None:
            return None, None
        value, precision = anchor
        if unit == "day" and precision == "day" and offset > 0:
            # "on 29 and 30 January ... The next day": after the stretch
            anchor = (self._last_days.get(value, value), precision)
        return _move(anchor, unit, offset, counted)

    def _told_month(self, at: int) -> str | None:
        """The month of the date told last ("In the third week of May ... At the end of the
        month"), when it was told in this paragraph or the ``NARRATIVE_PARAGRAPHS`` before and
        the sentence at ``at`` tells no future ("will sail at the end of the month": the
        publication's month)."""
        sentence = STOP_BEFORE.split(self.text[max(0, at - FUTURE_REACH):at])[-1]
        if self._previous is None or len(self._previous[0]) < 7 or self._future(at) \
                or self._previous_end < 0 or EXPECTED.search(sentence):
            return None  # ("the ship is expected off Paramaribo at the end of the month")
        paragraph = bisect_left(self.breaks, at)
        if paragraph - bisect_left(self.breaks, self._previous_end) > NARRATIVE_PARAGRAPHS:
            return None
        return self._previous[0][:7]

    def _year_said_before(self, at: int) -> tuple[str, str] | None:
        """The year of the last date said in this sentence or the one before, a bound one
        too ("desde 2018. Ese año", "since 2018. That year", "desde 2018. Naquele ano"):
        "that year", "the following year" point back to the year last named, not to the
        last event told (a later event's date may stand between in an earlier paragraph)."""
        for d in reversed(self.resolved):
            if d.end > at or not d.value or not d.parts or d.parts[0] not in ("ymd", "year") \
                    or not d.parts[1] or "dateline" in d.parts or "citation" in d.parts \
                    or self._label(d):
                continue
            if len(SENTENCE_END.findall(self.text[d.end:at])) > 1:
                return None
            if self._heading_year(d.start) and len(SENTENCE_END.findall(
                    self.text[d.end + 1:at])) == 0:
                return None  # ("2014. Pouco mais de um ano depois": the heading is the
                # year arrived at, not the one counted from)
            return d.value[:4], "year"
        return None

    def _month_said_before(self, at: int) -> str | None:
        """The month (YYYY-MM) of the last date said to the month in this sentence or the one
        before, a bound one too ("desde junio de 2023: el 6 de ese mes"): what "of that
        month", "de ese mes", "daquele mês" points back at."""
        for d in reversed(self.resolved):
            if d.end > at or not d.value or not d.parts or d.parts[0] != "ymd" \
                    or "dateline" in d.parts or "citation" in d.parts:
                continue
            if len(SENTENCE_END.findall(self.text[d.end:at])) > 1:
                return None
            return d.value[:7] if len(d.value) >= 7 else None
        return None

    def _clause_date(self, d: DateMention) -> tuple[str, str] | None:
        """The date a shift is tied to later in its clause: "un mes después de que el 12 de
        junio atracaran", "um mês depois de 12 de junho", "two weeks before the summit on
        June 12", "três anos depois de ter sediado a UNITAS LX, no Rio, em 2019" move from
        that date (or year), not from the last event told."""
        if self._next >= len(self.mentions):
            return None
        link = CLAUSE_LINK.get(self.lang)
        if not (link.match(self.text, d.end) if link is not None else
                d.text.lower().endswith(("after", "before")) and self.text[d.end:d.end + 1] == " "):
            return None
        after = self.mentions[self._next]
        between = self.text[d.end:after.start]
        if after.bound or not after.parts or after.parts[0] not in ("ymd", "year") \
                or len(between) > CLAUSE_REACH or SENTENCE_END.search(between):
            return None
        value, precision = self._resolve(after)
        return (value, precision) if value and precision else None


    def _in_sequence(self, d: DateMention) -> bool:
        """A shift after a present-tense verb of sequence and before a clause ("La visita
        se produce casi un mes después de que el USNS Comfort atendiera", "the visit comes
        two weeks after the government signed", "a visita ocorre um mês depois que"): the
        story's occurrence is now, and what the clause tells happened that long before."""
        told = sequence_told("sequence_verbs", self.lang)
        if told is None or not d.text.lower().endswith(("after", "después", "depois", "após")):
            return False
        if told.search(self.text[max(0, d.start - 40):d.start].lower()) is None:
            return False
        return re.match(r"\s+(?:de\s+que|que|de|da|do|(?:o|os|as)(?!\w)|the|a|an|its|his|her|"
                        r"their|[A-Z])", self.text[d.end:d.end + 10]) is not None \
            or _counted_subject(self.text, d.end, self.lang)

    def _counted_back(self, d: DateMention) -> tuple[str, str] | None:
        """The occurrence a shift before a clause is counted back from, when the clause is
        the earlier one: the date said right before the shift, a comma between
        ("left Baltimore on Thursday, a week after the flag was raised on them"), or the
        last event told after a past verb of sequence ("The handover came a week after a
        patrol aircraft landed", "la entrega se produjo una semana después de que",
        "a entrega ocorreu uma semana depois de"); a shift "before" right after a date and
        a comma ("on 20 January, one day before the talks") counts forward from that date:
        the clause after it is that long later. None: the shift dates its own clause."""
        if (CLAUSE_AFTER.match(self.text, d.end) is None
                and not _counted_subject(self.text, d.end, self.lang)):
            return None
        after_date = self._previous is not None and 0 <= self._previous_end <= d.start \
            and (re.fullmatch(r"\s*,\s*", self.text[self._previous_end:d.start]) is not None
                 or self._apposed_in_sentence(d))
        if d.text.lower().endswith(SHIFT_BEFORE):
            # "reached La Guaira on November 25, a day before Medvedev arrived", "llegó el
            # 25 de noviembre, un día antes de que", "chegou em 25 de novembro, dois dias
            # antes da chegada": the clause after is that long after the date said right
            # before the shift (not before the last event told)
            return self._previous if after_date else None
        if not d.text.lower().endswith(("after", "después", "depois", "após")):
            return None
        if after_date:
            return self._previous
        told = sequence_told("past_sequence_verbs", self.lang)
        if told is None or told.search(self.text[max(0, d.start - 40):d.start].lower()) is None:
            return None
        return self._event or self._previous

    def _apposed_in_sentence(self, d: DateMention) -> bool:
        """A shift set off by a comma after the clause a date earlier in its sentence dates,
        with no other date and no stop between ("were flown into Cheddi Jagan on March 31
        inside a pair of C-17s, two weeks after Georgetown signed", "llegó a La Guaira el
        25 de noviembre con tres buques, un día antes de que"): counted from that date, as
        when the comma follows the date itself."""
        between = self.text[self._previous_end:d.start]
        return len(between) <= APPOSED_REACH and between.rstrip().endswith(",") \
            and bisect_left(self._starts, d.start) - bisect_left(self._starts,
                                                                 self._previous_end) == 0 \
            and SENTENCE_END.search(between) is None and ";" not in between

    def _said_in_sentence(self, at: int) -> bool:
        """The last date stated stands earlier in the sentence of the one at ``at``, and
        more than a comma apart ("on 20 January 2015, one day before the talks" restates
        that date: it says when the talks began)."""
        if self._previous is None or not 0 <= self._previous_end <= at:
            return False
        between = self.text[self._previous_end:at]
        return bool(between.strip(" ,")) and SENTENCE_END.search(between) is None


SUBHEADING_WORDS: Final = 12  # a line this short, with no sentence's end, heads a section


@cache
def _restating(lang: str) -> re.Pattern[str]:
    """What stands between a shift and the date that says it again (``_restated``): a comma,
    or a colon and the words of a clause's opening up to the date ("Meses después llegaron
    los blindados: en abril de 2016"), then a preposition or article and a weekday, if
    any."""
    weekdays = "|".join(sorted(map(re.escape, _weekday_index(lang)), key=len, reverse=True))
    return re.compile(rf"(?i)(?:\s*,|[^\S\n]+[^\W\d][^.;:,()\n]{{0,40}}:)\s*"
                      rf"(?:(?:el|la|o|a|on|en|em|in|no|na|at)\s+)?(?:(?:{weekdays}),?\s+)?")


def _subheading(paragraph: str) -> bool:
    """A section's title inside a long piece ("**Ships as infrastructure**", "What went
    right, and what did not", "Exercícios e visitas"): a short line that ends no sentence."""
    line = paragraph.strip().strip("*#_ ").strip()
    return bool(line) and "\n" not in line and len(line.split()) <= SUBHEADING_WORDS \
        and line[-1] not in ".!?;:\"”»'’)"


@cache
def _count_opening(lang: str) -> re.Pattern[str]:
    """A count opening a clause's subject: a numeral or a number word of ``dates.json``
    ("two months after two Russian bombers spent", "semanas después de que cuatro
    oficiales")."""
    from pipeline.nlp.models import load

    words = "|".join(re.escape(w) for w in sorted(load().dates["numbers"].get(lang, {}),
                                                   key=len, reverse=True)) or "(?!)"
    return re.compile(rf"\s+(?:de\s+que\s+|que\s+)?(?:\d+|(?i:{words}))\s+[^\W\d]")


def _counted_subject(text: str, at: int, lang: str) -> bool:
    """The clause after a shift opens with a counted subject ("comes two months after two
    Russian Tu-160 bombers spent"): a clause, as one opened by "the"."""
    return _count_opening(lang).match(text, at) is not None


@cache
def _disasters(lang: str) -> tuple[frozenset[str], tuple[tuple[str, ...], ...]]:
    """The folded words of the lexicon class ``disaster`` and their forms, and its phrases
    of several words ("tropical storm", "tormenta tropical")."""
    from pipeline.nlp.models import load

    lexicon = load().lexicons[lang]
    single = {w for w, classes in lexicon.single.items() if DISASTER in classes}
    forms = frozenset({*single, *(f for f, lemmas in lexicon.forms.items() if lemmas & single)})
    phrases = tuple(words for group in lexicon.multi.values() for words, cls in group
                    if cls == DISASTER)
    return forms, phrases


@cache
def _occasions(lang: str) -> frozenset[str]:
    """The folded words, and their forms, of the lexicon classes ``OCCASIONS`` ("ceremony",
    "acto", "cerimônia"): an occasion a reduced clause dates is the story's (``_qualified``)."""
    from pipeline.nlp.models import load

    lexicon = load().lexicons[lang]
    single = {w for w, classes in lexicon.single.items() if classes & OCCASIONS}
    return frozenset({*single, *(f for f, lemmas in lexicon.forms.items() if lemmas & single)})


_CLAUSE_MARK: Final = re.compile(r"[,.;:()\n]")  # where a clause ends, for the disaster tests
# (asked
# of every date: compiled once, not looked up in re's cache each time)


def _disaster_word(words: list[str], lang: str) -> bool:
    """Some of ``words`` (as written) is a disaster word or opens a disaster phrase."""
    forms, heads = _disasters(lang)[0], _disaster_heads(lang)
    folded = [fold(w.strip("\"'“”«»")) for w in words]
    return any(w in forms for w in folded) or any(
        tuple(folded[k:k + len(p)]) == p for k, w in enumerate(folded)
        for p in heads.get(w, ()))


@cache
def _disaster_heads(lang: str) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The disaster phrases by their first word (``_disaster_word`` tries a phrase only
    where its first word is)."""
    heads: dict[str, list[tuple[str, ...]]] = {}
    for phrase in _disasters(lang)[1]:
        heads.setdefault(phrase[0], []).append(phrase)
    return {w: tuple(ps) for w, ps in heads.items()}


def _present(parts: tuple) -> bool:
    """A date told from the publication: a weekday, or a shift from the publication day."""
    kind = parts[0] if parts else None
    return kind == "weekday" or (kind == "shift" and parts[3] == "publication")


@cache
def future_words(lang: str) -> tuple[str, ...]:
    """What a text must hold, in some case, for ``future_marker`` to find anything in it
    (``casewords.holds``): a future marker, or the ending of the simple future."""
    from pipeline.nlp.casewords import lowered
    from pipeline.nlp.models import load

    return lowered([*load().dates["future_markers"][lang], *FUTURE_ENDINGS.get(lang, ())])


@cache
def listed_words(key: str, lang: str) -> tuple[str, ...]:
    """The words of a ``dates.json`` table as ``casewords.holds`` takes them: one of
    them is in every match of a pattern that needs one (``_listed``)."""
    from pipeline.nlp.casewords import lowered
    from pipeline.nlp.models import load

    return lowered(load().dates[key][lang])


@cache
def future_marker(lang: str) -> re.Pattern[str]:
    """Any future marker of ``lang`` as a word of its own (in any case), or a verb in the
    simple future ("zarpará el miércoles", "chegarão na quinta"): lower case, or capitalised
    where it opens the text or a sentence ("Llegarán el lunes"); a capitalised word inside
    a sentence is a name ("viajado a Teherán", "no estado do Pará")."""
    from pipeline.nlp.models import load

    words = load().dates["future_markers"][lang]
    # (a marker said negated tells what happened unplanned, no time to come: "una escala no
    # prevista", "uma parada não programada", "an unscheduled stop" is one word)
    alternatives = [rf"(?<!\w)(?<!{NEGATED[lang]} )(?i:{'|'.join(re.escape(w) for w in words)})"
                    rf"(?!\w)"] if words else []
    if lang in FUTURE_TENSE:
        # (the word start tested first, as the tense's own pattern does after: most
        # characters fail there, before the four ways a verb may open)
        alternatives.append(rf"(?<!\w)(?:^|(?<=\n)|(?<=[.!?] )|(?![{CAPITALS}]))"
                            rf"{FUTURE_TENSE[lang]}")
    return re.compile("|".join(alternatives) or r"(?!)")


def _move(anchor: tuple[str, str], unit: str, offset: int, counted: bool = False
          ) -> tuple[str | None, str | None]:
    """``anchor`` (value, precision) moved by ``offset`` ``unit``s, at the precision the
    move keeps (a week from a day is its month, unless ``counted``: a count of weeks from
    a day told)."""
    value, precision = anchor
    if unit == "day" and precision == "day":
        return (date.fromisoformat(value) + timedelta(days=offset)).isoformat(), "day"
    if unit == "week" and precision == "day" and offset and counted:  # "una semana
        # después", "two weeks later", "uma semana antes": a count of weeks from a day told is
        # that many days ("next week", "la semana pasada" from the publication: some day of
        # that week, its month)
        return (date.fromisoformat(value) + timedelta(days=7 * offset)).isoformat(), "day"
    if unit in ("day", "week") and len(value) >= 7:
        if len(value) == 10:
            moved = date.fromisoformat(value) + timedelta(days=offset * (7 if unit == "week"
                                                                        else 1))
            return moved.strftime("%Y-%m"), "month"
        return value[:7], "month"
    if unit != "year" and len(value) < 7:
        # "in 2024 ... the next day", "a month later": a base coarser than the shift's
        # unit keeps its own precision (the day after "2024" is still "2024")
        return value[:4], "year"
    if unit == "month" and len(value) >= 7:
        y, m = divmod(int(value[:4]) * 12 + int(value[5:7]) - 1 + offset, 12)
        return f"{y:04d}-{m + 1:02d}", "month"
    return f"{int(value[:4]) + offset:04d}", "year"


@cache
def _weekday_index(lang: str) -> dict[str, int]:
    """Each weekday name of ``lang`` (lower case) -> its number, Monday 0."""
    from pipeline.nlp.models import load

    return {name.lower(): n for n, names in enumerate(load().dates["weekdays"][lang])
            for name in names}


@cache
def _weekday_before(lang: str) -> re.Pattern[str]:
    """A weekday name just before a date ("jueves ", "Thursday, ", "quinta-feira, ")."""
    names = sorted(_weekday_index(lang), key=len, reverse=True)
    return re.compile(rf"(?<![\w-])({'|'.join(re.escape(n) for n in names)}),?\s+$")


PRECISIONS: Final = {4: "year", 7: "month", 10: "day"}  # a date's precision by its length
LENGTHS: Final = {precision: length for length, precision in PRECISIONS.items()}


def _iso(value: str | None) -> date | None:
    """A reference day from a publication date at any precision ("2024-07" is July 1st)."""
    if not value:
        return None
    try:
        if len(value) == 4:
            return date(int(value), 1, 1)
        if len(value) == 7:
            return date.fromisoformat(value + "-01")
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


NUMERIC_ORDER: Final = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-]")


def _day_first(mentions: list[DateMention], published: date | None) -> list[DateMention]:
    """English numeric dates whose two numbers may each be the month ("05/03/2024") read
    day first, as outside the United States, when another numeric date of the story can
    only be so read ("14/03/2024") and none can only be read month first ("03/14/2024");
    with neither, each one whose month-first day would lie after the publication and
    whose day-first day would not."""
    found = [(d, m) for d in mentions if d.rule == "date.numeric"
             and (m := NUMERIC_ORDER.match(d.text)) is not None]
    if not found:
        return mentions
    firsts = {int(m.group(1)) for _, m in found}
    seconds = {int(m.group(2)) for _, m in found}
    day_first = any(n > 12 for n in firsts)
    if day_first and any(n > 12 for n in seconds):
        return mentions  # (the story reads both ways: leave each as read)
    swapped = {}
    for d, m in found:
        first, second = int(m.group(1)), int(m.group(2))
        if first > 12 or second > 12 or first == second or d.parts[:1] != ("ymd",):
            continue
        year = d.parts[1]
        try:
            as_read, other = date(year, first, second), date(year, second, first)
        except (TypeError, ValueError):
            continue
        if day_first or (published is not None and as_read > published >= other):
            swapped[d.start] = DateMention(d.start, d.end, d.text, d.value, d.precision, d.rule,
                                           d.bound, (d.parts[0], year, second, first,
                                                     *d.parts[4:]))
    return [swapped.get(d.start, d) for d in mentions] if swapped else mentions


def find(text: str, lang: str, published: str | None) -> list[DateMention]:
    """Every date expression of ``text`` resolved in reading order (no events known)."""
    from pipeline.nlp.models import LANGS

    timeline = Timeline(text, lang if lang in LANGS else "en", published)
    return timeline.until(len(text) + 1)
