"""Event assembly: the document read in order, each sentence's triggers read by the frames.

For every sentence, in reading order:

1. its dates are resolved (``timeline.py``: the story's year, "the next day" from the last
   event stated);
2. a heading, caption, byline or "read also" line proposes nothing (it is context);
3. each trigger is read by its best frame (``frames.py``) into a candidate of that type;
   veto cues (negation, hedge, aggregate, generic: ``cues.py``) drop it; a visit or forum
   of heads of state or of an economic kind with no defence actor in the sentence is not
   military diplomacy;
4. its parties are the extra-regional powers and LAC states named in the sentence (by
   name, demonym, institution, capital or ship); a missing side comes first from the actor
   its subject refers back to ("The ship docked", "Shoigu toured", a dropped subject:
   ``antecedents.py``, recorded as the feature ``antecedent``), then from the sentences
   before it in the paragraph, then from earlier paragraphs and the headline
   (``parties.py``);
5. its date is the date stated nearest the trigger; a list of dates ("in March 2012 and
   again in May 2016") or of ports makes one candidate each (``clauses.py``); with no date
   stated, an anchor ("during the visit") takes the last event's date, else the story's
   date around it at month precision, else the publication month;
6. a candidate stated firmly (a strong frame, or a weak one with a date or a back-
   reference) stands on its own; the others are *support*: they may only join an event a
   firm candidate states.

Candidates become events in ``merge.py``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cache, partial
from typing import Final

from spacy.tokens import Doc

from pipeline.nlp import frames
from pipeline.nlp.antecedents import Register
from pipeline.nlp.casewords import cased, holds, lowered
from pipeline.nlp.clauses import (
    AUXILIARY_BEFORE,
    BATCH_CUE,
    background,
    begun_in,
    date_before,
    date_line,
    dates_for,
    done_again,
    ellipses,
    pairs,
    reported,
    retold,
    segments,
    weekday_comma,
    within,
)
from pipeline.nlp.component import DESIGNATION, DESIGNATION_CLASS
from pipeline.nlp.confidence import threshold, weighs_wording
from pipeline.nlp.cues import (
    PARTICIPLE_ENDS,
    PREDICATE_AUX,
    opening_only,
    other_clause,
    said_of,
    vetoing,
)
from pipeline.nlp.datescan import WHEN_AT, DateMention, range_end
from pipeline.nlp.designations import models_named
from pipeline.nlp.fold import fold
from pipeline.nlp.intsearch import bisect_left, bisect_right
from pipeline.nlp.marks import Mark, Norms, found
from pipeline.nlp.marks import sentences as doc_sentences
from pipeline.nlp.merge import GATHERINGS as GATHERING_TYPES
from pipeline.nlp.merge import STRETCH_END, STRETCH_START, Candidate, merge, weighed_event
from pipeline.nlp.models import (
    CONTEXT,
    LANGS,
    Frame,
    Models,
    article_words,
    merge_days,
    stopwords,
    word_list,
)
from pipeline.nlp.occasions import OCCASION_TYPES, Occasion, date_at_occasions, occasion_of
from pipeline.nlp.parties import (
    CONTEXT_SENTENCES,
    STOP_LEAD,
    TITLE_GAP,
    VOYAGE_PARAGRAPHS,
    Stops,
    bare_names,
    came_from,
    class_names,
    country_of,
    dateline_places,
    defence_people,
    destinations,
    each_port,
    fill_sides,
    forum_venues,
    gone_to,
    home_coming,
    home_state,
    listed_stops,
    measured_from,
    named_only,
    named_parties,
    names_by_first,
    own_station,
    per_state,
    person_sentences,
    person_states,
    place_of,
    prefix_marks,
    prefixed_ships,
    reached_after,
    reacting,
    replaced,
    rivals,
    said_short,
    served_people,
    shared_demonyms,
    ship_before,
    ship_named,
    ship_names,
    ship_state,
    ships_as_places,
    ships_said,
    short_services,
    side_context,
    sides_of,
    stands_for,
    state_sentences,
    surname_of,
    with_places,
)
from pipeline.nlp.sequels import CALL_SEQUELS as SEQUEL_TYPES
from pipeline.nlp.sequels import COORDINATORS, FIRSTS, same_subject_opens
from pipeline.nlp.timeline import (
    CLAUSE_LINK,
    SENTENCE_END,
    Timeline,
    birth_clause,
    future_marker,
    future_words,
    listed_words,
    present_course,
    present_perfect,
    present_progressive,
    present_stay,
    present_time,
)
from pipeline.nlp.wording import Wording
from pipeline.records import Document, Event

log: Final = logging.getLogger(__name__)
CUE_PARAGRAPHS: Final = 1  # lines either side whose cues ("gift", "contract") type a sentence's
# trigger
AFTER_SENTENCES: Final = 2  # sentences after a lead where a programme's partner is looked for
PARTNER_PARAGRAPHS: Final = 2  # paragraphs after a shipyard ceremony's where its partner may be
# the types whose partner a lead may leave to the sentences after it, as a shipyard's: a
# delivery or sale told first with the buyer alone ("O primeiro caça F-39E Gripen da FAB chegou
# ao Brasil no domingo"), its supplier named next ("fabricado pela sueca Saab") or the story's
# one foreign power further on
SUPPLIED_TYPES: Final = frozenset({"arms_transfer"})
# told
PARAGRAPH_DISTANCE: Final = 60  # how far a cue said elsewhere in the paragraph counts as standing
OPENING_PARAGRAPHS: Final = 2  # paragraphs back whose last (past) date dates an undated
# event whose sentence its own paragraph dates no way before it
STORY_PARAGRAPHS: Final = 1  # lines back where the story's ship, forum or exercise may be named
VESSELS: Final = frozenset({"ship", "aircraft", "forum_n", "summit_n", "exercise_n",
                            "satellite"})  # said a line before (a space programme's station
# told the paragraph after the programme: "Es la estación terrestre del sistema ... por
# satélite Glonass" before "La estación fue inaugurada el 6 de abril")
# what the line after the lead holds of it besides its vessels: the disaster the lead
# tells ("... a week after the January 12 earthquake flattened much of Port-au-Prince" before
# "HMCS Athabaskan anchored off Léogâne ... with chainsaws, generators, drinking water"): the
# ships and aircraft arriving there bring relief
LEAD_CARRIED: Final = frozenset({"disaster"})
CALLING_KINDS: Final = frozenset({"ship", "aircraft"})  # the register's kinds that make a call
PLATFORMS: Final = frozenset({"ship", "aircraft", "weapon"})  # what is bought or sold
OBJECT_TYPES: Final = frozenset({"arms_transfer", "donation_aid"})  # occurrences with goods
AGREED_TRANSFER: Final = "agreement.agree_transfer"  # agreeing on a transfer: no handover yet
AGREED_REACH: Final = 6  # tokens between the agreeing verb and the transfer noun it takes
DETACHING: Final = frozenset(",.;:(—–") | {""}
# words that bring the navy receiving a ship commissioned ("into the Colombian Navy", "a la
# Armada", "à Marinha", "na Marinha"); ASIDE_TOKENS: the reach of a participle's clause
INTO: Final = frozenset({"into", "a", "al", "ao", "aos", "na", "nas", "no", "nos"})
ASIDE_TOKENS: Final = 12  # tokens before a participle that opens its own clause
# words between a birth word and its date that bound or guess it ("less than a year ago")
BORN_HEDGES: Final = frozenset("less more than just only nearly almost about some barely around "
                               "menos mas de casi apenas cerca quase pouco".split())
BORN_REACH: Final = 1  # tokens from a birth word to its date ("commissioned in 2008")
FIELDS: Final = ("field",)  # cooperation, a field of it: what a framework agreement covers
FRAMEWORK_REACH: Final = 5  # tokens from a signing verb to its object ("suscribió con Rusia un
# acuerdo")
SIGN: Final = "sign_v"  # a signing
AGREE: Final = "agree_v"  # an approval or ratification of it
LATER_ACT: Final = "later_act_v"  # an amendment, extension or entry into force of it
LATER_FRAME: Final = "agreement.later_act"  # read only where a signing's date comes first
# a coordinated relative resuming the agreement after the signer is named ("que firmó en 1995
# el entonces presidente X y que fue ampliado en 2003"): coordinator and relative word
RESUMING: Final = frozenset("que which that".split())
RESUMED_REACH: Final = 8  # words of the signer between the signing's date and the relative
RESUMED_TAIL: Final = 3  # words between the relative and the later act ("ambos países")
# a signing named as a noun right after "since" ("since the signing of", "desde la firma de",
# "desde a assinatura do"): a bound of the sentence's time, not a signing told
SINCE_SIGNING: Final = re.compile(
    r"\b(?:since|desde)\s+(?:the\s+|its\s+|their\s+|la\s+|su\s+|a\s+|sua\s+|o\s+)?$",
    re.IGNORECASE)
SINCE_REACH: Final = 16  # characters before the signing noun that "since" and its article take
SINCE_OBJECT: Final = 4  # tokens from the signing noun to the agreement it names ("de los")
SINCE_WORDS: Final = frozenset({"", "since", "desde", "from"})  # "in force since 2013"
# what may stand between a signing's date and the approval of the same agreement ("on 10
# July 2002 and approved", "en diciembre de 1998 y que fue ratificado", "em 2008 e
# posteriormente aprovado"), a coordinator among them (``sequels.COORDINATORS``)
OBJECT_OPENERS: Final = frozenset("a an the its their un una el la los las su sus um uma o os as "
                                  "seu sua seus suas".split())
RATIFIED_GLUE: Final = COORDINATORS | frozenset(
    "was later then subsequently it has had been que fue luego posteriormente más tarde ha "
    "sido foi depois mais tarde sendo".split())
SIGNED_REACH: Final = 6  # tokens from an agreement noun to its signing participle
AGREED_GOODS: Final = ("handover_n", "donation_n")  # what a transfer agreement takes as its object
FORECAST_DAYS: Final = 92  # how far after publication a stated month or day may still be scheduled
TRADE_CUES: Final = frozenset({"gift", "price"})  # what types goods changing hands
PURCHASE_WORDS: Final = frozenset({"buy_v", "purchase_n"})  # a sale said in the sentence itself
MADE: Final = "made"  # goods said made by a maker or abroad ("Chinese-made", "fabricados en China")
GIFT: Final = "gift"
POLICE: Final = "police"
HEADING_MAX_TOKENS: Final = 16
RANKS_REACH: Final = 4  # tokens before a visit where its visitors stand ("os cadetes visitaram")
DEFENCE_RANKS: Final = ("rank",)  # General, Admiral, Colonel: "minister" or "President" may be
# civilian
CIVILIAN_CLASSES: Final = ("head_of_state", "economic")
DEFENCE_CLASSES: Final = ("military", "troops", "ship", "aircraft", "weapon")
DEFENCE_ACTORS: Final = ("military", "troops")  # who, not what: an armed force, its people
# "since", "desde" before a date, a weekday or article between ("since Monday 14 October",
# "desde el lunes 14 de octubre", "desde a segunda-feira (14)")
SINCE_BEFORE: Final = re.compile(r"(?i)\b(?:since|desde)\s+(?:(?:the|el|la|o|a)\s+)?"
                                 r"(?:[^\W\d]+(?:-[^\W\d]+)?,?\s+)?$")
# a forum, course or exercise told at its close, with its length (``_opening_day``)
LASTING_CLOSE: Final = ("dialogue_forum", "education_training", "exercise")
# the type a course attended in the present, now, is an occurrence of (``present_course``)
COURSE_TYPE: Final = "education_training"
OPENING_CLASS: Final = "opening"  # the lexicon class of verbs that open an occurrence
# an exercise told on a later day of it, with the day it began ("Exercise Tradewinds, which
# the GDF has been hosting since July 15, ... its closing ceremony on Thursday", "el
# ejercicio, que comenzó el 2 de mayo, recibió el viernes a"): dated by that start, as at
# its close (``_begun_day``)
STARTS_TOLD: Final = ("exercise",)
# a stay told on a later day of it whose sentence says, after it, the day it began ("una
# visita oficial ... iniciada na terça-feira (9)"): dated by that start (``_begun_day``)
BEGUN_STAYS: Final = ("senior_visit", "port_call")
BEGUN_REACH: Final = 160  # characters from the trigger to the day said to begin it
STAY_BEGUN_REACH: Final = 60  # (of a stay: its own participle or relative clause)
CLOSING: Final = ("closing",)  # lexicon classes of its closing words ("clausuró", "encerrou")
OPENING: Final = ("opening",)  # and of its opening words ("began", "comenzó", "começou"):
# merge._start
# frames that tell a course by its close: the graduation ("received their diplomas")
CLOSING_FRAMES: Final = frozenset({"education_training.graduation"})
# frames whose occurrence is told by a word of their company, which its date goes with: an
# attaché's posting by its posting verb ("received on Tuesday the new attaché, who arrived
# last month to take up his post", "recibió el martes al nuevo agregado, quien asumió
# funciones en marzo")
DATED_BY: Final = {"attache_liaison.took_post": "appoint_v"}
STANDING: Final = frozenset({"attache_liaison"})  # a post held "since" a year began then
NAMED_SIDES: Final = ("COUNTRY", "LOCATION", "INSTITUTION")
LENGTH: Final = {"en": re.compile(r"(?i)\b(\w+)[ -]days? of\b|\b(?:for|over) (\w+) days\b"),
                 "es": re.compile(r"(?i)\b(\w+) días de\b|\bdurante (\w+) días\b"),
                 "pt": re.compile(r"(?i)\b(\w+) dias de\b|\bdurante (\w+) dias\b")}
# the longest stretch, in days, a told length may carry a close back over (a forum or
# course of a few days; an exercise runs for two or three weeks)
LONGEST: Final = {"exercise": 21}
LONGEST_DEFAULT: Final = 10
# nouns a participle after them dates ("the agreement signed in 2015"): that date is theirs,
# not that of another type's occurrence told before them (_qualified)
QUALIFIED: Final = ("agreement_n", "deal_n")
QUALIFIED_TYPES: Final = ("agreement", "arms_transfer")  # the accords' own types keep such a date
QUALIFIED_REACH: Final = 4  # words from the participle to its date ("signed in Rome on 11 May
# 2008")
# a port call told at its departure with the length of the stay ("left on Sunday, ending a
# five-day visit"): dated by its start (_ended_stay)
ENDED_STAY_TYPES: Final = ("port_call",)
DELIVERED_TYPE: Final = "arms_transfer"  # the type whose order and delivery, dated apart, are two
STARTED: Final = {"en": re.compile(r"(?i)\b(?:began|begun|begins|started|starts|opened)\b"),
                  "es": re.compile(r"(?i)\b(?:comenzó|comenzaron|inició|iniciaron|empezó|"
                                   r"empezaron)\b"),
                  "pt": re.compile(r"(?i)\b(?:começou|começaram|iniciou|iniciaram)\b")}
# a word of beginning right before a date: the day a stretch told at its close began
BEGUN_BEFORE: Final = {
    "en": re.compile(r"(?i)\b(?:began|begun|started|opened|kicked off|got under way|since)"
                            r"(?:\s+(?:on|in))?(?:\s+the)?\s+$"),
    "es": re.compile(r"(?i)\b(?:desde|comenzó|comenzado|comenzada|inició|iniciado|iniciada"
                            r"|empezó|arrancó|se inició)(?:\s+(?:el|la|en))?(?:\s+día)?\s+$"),
    "pt": re.compile(r"(?i)\b(?:desde|começou|começado|começada|iniciou|iniciado|iniciada"
                            r"|teve início)(?:\s+(?:em|no|na|o|a))?(?:\s+dia)?\s+$")}
WEEKS: Final = {"en": re.compile(r"(?i)\b(?:(?:for|after|over) (\w+) weeks|(\w+) weeks of)\b"),
                "es": re.compile(r"(?i)\b(?:(?:durante|tras|después de) (\w+) semanas"
                                 r"|(\w+) semanas de)\b"),
                "pt": re.compile(r"(?i)\b(?:(?:durante|após|depois de) (\w+) semanas|"
                                 r"(\w+) semanas de)\b")}
# an exercise's name that carries its year ("RIMPAC 2022", "Estrella Austral 2023",
# "VENRUS-2008"): a capitalised word right before a bare year, or joined to it by a hyphen
NAME_BEFORE_YEAR: Final = re.compile(r"[A-Z][\w-]*\s$")
HYPHEN_YEAR: Final = re.compile(r"(?<![\w-])[A-Z][A-Za-z]+-((?:19|20)\d\d)\b")
YEAR_NAMED: Final = ("exercise",)  # types whose occurrences are named by their year
# an exercise's own name right after its noun, as no entity knows it: a code in capitals
# ("Exercise TROPICAL DAGGER", "las maniobras VENRUS-2008") or a name with its year joined
# by a hyphen ("o exercício VenRus-2008"); or a name and its year right before the noun
# ("the New Horizons 2013 exercise")
NAME_AFTER: Final = re.compile(r"\s+[\"“«]?(?:[A-Z]{3,}(?![\w])|[A-Z][A-Za-z]+-(?:19|20)\d\d\b)")
NAME_YEAR_BEFORE: Final = re.compile(
    r"(?<![\w-])(?!(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\s)[A-Z][\w-]*\s(?:19|20)\d\d\s+$")  # (a month is no name: "the
# June 2013 exercise"; Spanish and Portuguese write months in lower case)
# a multinational occurrence whose lead names one side takes the participant list told
# right after it (``_participants``): "Taking part are ...", "Participan ..."
LISTED_TYPES: Final = ("exercise", "dialogue_forum")
# types whose missing LAC side a story naming one LAC state only lends from anywhere in it
ONE_STATE_TYPES: Final = frozenset({"dialogue_forum", "other_cooperation"})
# a senior visit with this many LAC states in a sentence that names a forum or an exercise
# (``GATHERINGS``) is the gathering's list of participants, not a tour of hosts
GATHERED: Final = 3
GATHERINGS: Final = ("forum_n", "summit_n", "exercise_n")
SIGNING: Final = "senior_visit.signing"  # leaders who sign together have met
LEADERS: Final = ("official", "head_of_state")  # the classes of who pays a senior visit in person
TAKE_PART: Final = "take_part_v"
# what the states of a participant list do: take part, or train and drill together ("Até o
# dia 15, militares de Brasil, Chile, ... e França vão treinar operações aéreas combinadas")
PARTICIPATING: Final = frozenset({TAKE_PART, "train_v", "exercise_v"})
# a forum's participants are also told by its delegations or delegates, no verb of taking
# part ("Delegations from Brazil, Mexico and Cuba were on the list", "Entre as delegações
# presentes estão as dos Estados Unidos e do Canadá"): those who attend a forum
FORUM_LISTING: Final = frozenset({"attendee", "members"})
# an exercise's participants named as such ("participants include Australia, Japan, ... Chile,
# Colombia", "entre los participantes figuran", "os participantes são"): its list, as a verb of
# taking part tells it (``_participants``)
EXERCISE_LISTING: Final = frozenset({"attendee"})
DEFENCE: Final = "military"  # the class of a defence actor (a ministry, armed forces)
CIVIL_GIFTS: Final = ("donation_aid",)  # given by or to no military: civil aid, not an event
# a civilian giver, object or accord in the sentence ("the State Department", "el Estadio
# Nacional", "un tratado de extradición", "relações diplomáticas") and no defence actor of its
# own: no gift, accord or call of a military, whatever the story around it is about
CIVIL: Final = ("civil",)
CIVIL_TYPES: Final = ("donation_aid", "port_call", "senior_visit")
# an accord's own civil topic ("un tratado de extradición", "established diplomatic relations"):
# a foreign ministry or a commercial launch named beside a signing makes no accord civil (an
# accord of forces is signed by foreign ministers: "rubricado ... en la sede del Departamento de
# Estado", "assinaram no Palácio do Itamaraty"), its topic does (``_civil_accord``)
CIVIL_ACCORD: Final = "civil_accord"
TRADE_TOPIC_REACH: Final = 4  # tokens from an agreement word to its economic topic
TRADE_MODIFIER_REACH: Final = 3  # tokens from an economic modifier to the agreement word after
# it ("a trade and investment accord")
TRADE: Final = ("economic",)  # an accord of trade with no defence actor of its own is no military
# one
BODIES: Final = ("members",)  # "team", "delegation": people travelling together, whoever they are
OFFICIAL: Final = "official"  # the lexicon's class of leaders, officers and delegations
PERSON: Final = "person"  # an antecedent register's kind of entry for a titled person
LEADERS_TYPES: Final = ("senior_visit", "dialogue_forum")  # what leaders and officers do in person
CALLS_ON: Final = ("call_on_n", "courtesy_visit_n")  # a call paid on a leader or a command
# the class of 'with' before a partner force: drills told with it are one occasion, no plural
PARTNERED: Final = "with_p"
STAY_CLASSES: Final = ("arrive", "port_call_n", "visit_n")  # words of a call told with a drill
LEAVING_TYPES: Final = ("exercise",)  # what a ship does as it leaves port, dated by the call it
# ends
# a forum or its attendees just before a meeting verb: the forum's proceedings ("the
# conference met", "participants exchanged views"), no meeting of leaders
FORUM_SUBJECTS: Final = ("forum_n", "summit_n", "attendee")
FORUM_REACH: Final = 2  # tokens: its subject ("participants also exchanged"; "at the conference,
# Austin met" is a leader's meeting)
# words that part a forum noun from a meeting verb after it: the noun ends a predicate before
# ("participó en el foro y se reunió con"), it is no subject of the meeting
FORUM_APART: Final = frozenset({",", ";", "and", "y", "e"})
# compatriots or a homecoming by a meeting word ("se reunió con funcionarios de la embajada
# de su país", "recebeu a equipe no retorno", "on his return, the minister met"): people
# of one state meeting among themselves, no foreign side to borrow from the story
COMPATRIOTS: Final = ("compatriot",)
# a fleet word (also a ship) and the classes that make it a fleet of something else
FLEET: Final = "fleet"
FLEET_OF: Final = frozenset({"aircraft", "weapon"})
COMPATRIOT_REACH: Final = 12  # tokens either side of the meeting word
MEETING_CLASSES: Final = ("meet_v", "receive_v", "meeting_n")
MILITARY_ACTORS: Final = ("military", "troops", "ship", "aircraft")  # not "equipment" (weapon)
TOUR_VERBS: Final = ("visit_v", "onward_v")  # verbs whose list of places after them is a tour
TRAVEL_CLASSES: Final = ("visit_v", "visit_n", "arrive", "onward_v")  # a tour of several states:
# one
# visit each
DOING: Final = ("hold_v", "take_part_v", "exercise_v", "train_v")  # verbs that hold a trigger noun
SEQUEL_VERBS: Final = ("exercise_v", "train_v")  # verbs whose forms are also trigger nouns
# a drill or course told by a second verb of a call's subject ("recaló en Valparaíso, donde
# realizó ejercicios con unidades chilenas": ``sequels.CALL_SEQUELS``) is done by the caller
# at the call: its parties and time are the call's, weighed on the call's own candidate, and
# a plural noun there ("ejercicios", "manoeuvres") names what was done on that one occasion,
# no count over years. What the confidence weighs of them is not weighed again on it.
CALLERS: Final = ("crew", "ship", "ship_group")  # the words a caller is said again by, after a
# possessive or an article, at the head of a second verb's clause (``sequels.same_subject_opens``)
CALL_SHARED: Final = {"from_context": 0.0, "date_context": 0.0, "plural": 0.0}
# ("drilled")
TRIP_TYPES: Final = ("port_call", "senior_visit")  # one trip to one state: one occurrence
AMONG_CLASSES: Final = ("meet_v",)  # a meeting of the states its sentence names, among themselves
MOTION_CLASSES: Final = ("visit_v", "arrive")  # verbs that also make periphrases ("llegó a decir")
# a lower-case infinitive (with an enclitic pronoun) after "a": "llegó a decir", "chegou a ser"
INFINITIVE: Final = {"es": re.compile(r"[a-záéíóúñü]+(?:ar|er|ir|ír)(?:se|lo|la|los|las|le|les)?"),
                     "pt": re.compile(r"[a-záéíóúâêôãõç]+(?:ar|er|ir|or)(?:-se|-lo|-la)?")}
ONWARD: Final = "onward_v"  # a ship going on to its next ports: each state named after it, a call
# what else may go on somewhere in a sentence that names no ship: its goods or people
LEG_OTHERS: Final = ("weapon", "supplies", "cargo", "relief_goods", "troops", "official",
                     "head_of_state", "members", "staff", "student")
LIST_NOUNS: Final = ("port_call_n",)  # "its calls at Tokyo, Busan and Shanghai": one each, not many
NAMED_OUT: Final = frozenset({"action", "cue"})  # lexicon kinds a person's name never carries
PLACE_OUT: Final = frozenset({"weapon"})  # classes a place's name never carries ("Minas Gerais")
OPENING_CLASSES: Final = ("ordinal_n",)  # triggers only where they open a sentence ("The fourth
OPENING_REACH: Final = 2  # opened in Guyana"): tokens from the sentence's start (an article first)
# a trigger word of the key class beside a word of the value class (nothing but function
# words and commas between) names that kind of work: "operation and maintenance",
# "la operación y el mantenimiento", "operação de manutenção" are no exercise
KIN_WORK: Final = {"exercise_n": "upkeep", "visit_n": "boarding"}  # (a visit beside boarding:
# "visit, board, search and seizure drills", "grupo de visita e inspeção", a boarding team)
KIN_REACH: Final = 3  # tokens that may stand between the two words
# an exercise word that is also an operation word, followed by a capitalised name
# ("Operation HELIOS", "la Operación Marea"), names a mission; in a sentence that speaks of
# a course it is the course's training mission, not an exercise
NAMED_MISSION: Final = ("operation_n", "exercise_n", "course_n")
# the words that open or close an occurrence: a relative clause they open after a trigger
# noun ("..., which closed on Friday") dates that noun (``clauses.dates_for``)
COURSE_CLASSES: Final = ("opening", "closing")
# the nouns of a voyage or tour a call or a meeting is one stop of ("un despliegue de once
# semanas", "la gira Misión Armonía"): a relative clause after one dates it, not the stop
WHOLE_CLASSES: Final = ("voyage_n", "visit_n")
SALE_REACH: Final = 4  # tokens after an agreement word where a buying verb may say it of a sale
ATTRIBUTION_REACH: Final = 80  # characters a closing attribution may run before and after its verb
# words before a sentence's only comma that make an opener ("On 10 September,", "Dois dias
# depois,"), no clause a closing attribution may follow (``_unattributed``)
OPENER_WORDS: Final = 5
# a sentence opening with a phrase of what comes after its main clause ("Prior to arriving
# in port,", "Before leaving Callao,", "Antes de su ingreso a puerto,", "Antes da chegada
# a Santos,"), up to a trigger inside it (no comma between)
FRONTED_BEFORE: Final = re.compile(r"(?i)\W*(?:before|prior\s+to|ahead\s+of|antes\s+(?:de|del|do|"
                                   r"da|dos|das)|previo\s+a|previo\s+al)\s[^,;]*$")
# a sentence opening with the stop a ship has left, up to a call word inside it (no comma
# between): "Tras su paso por Cádiz,", "After her call at Recife,", "Depois da escala em
# Lisboa,": a call already told, not the sentence's own
FRONTED_AFTER: Final = re.compile(r"(?i)\W*(?:after|following|tras|despu[eé]s\s+de|luego\s+de|"
                                  r"depois\s+(?:de|do|da)|ap[oó]s)\s[^,;]*$")
THAT: Final = re.compile(r"\b(?:that|que)\b", re.IGNORECASE)  # "said that ...": what was said
# follows


@dataclass(slots=True)
class Spans:
    """What the tagger found in one sentence."""

    ents: list[Mark] = field(default_factory=list)
    lex: list[Mark] = field(default_factory=list)
    cues: list[Mark] = field(default_factory=list)
    persons: list[Mark] = field(default_factory=list)
    titles: list[Mark] = field(default_factory=list)


def _read(triggers: list[Mark], present: dict[str, list[int]], dated: list[int],
          models: Models, norms: list[str], lang: str, lex: list[Mark],
          told: Callable[[], list[Mark]], lent: frozenset[str],
          when: frozenset[int] = frozenset(), cues: tuple[Mark, ...] | list[Mark] = (),
          persons: Sequence[Mark] = (), sentence: range = range(0)) -> list[frames.Reading]:
    """The frames a sentence's triggers read, less the agreements said only of a purchase
    and, when a back-reference lent the story's goods (``lent``: their classes), the
    leaders' meeting of a signing; the goods lent are those of the story's transfer, read
    by its types only (``OBJECT_TYPES``): no ship or aircraft that calls or carries ("El
    contrato se firmó en 2008, durante una visita a Pekín del entonces ministro": the
    minister's visit, not a call of the aircraft bought). ``persons``: the persons the
    sentence names (who may sign), with its personal pronouns (``sentence``: its tokens;
    "On April 9 he and the minister signed")."""
    sayings = frozenset(k for c in cues if c.label_ == "saying" for k in range(c.start, c.end))
    people = frozenset(k for p in persons for k in range(p.start, p.end))
    if not frames.PRONOUNS.isdisjoint(norms[sentence.start:sentence.stop]):  # (most have none)
        people = people.union(k for k in sentence if norms[k] in frames.PRONOUNS)
    read = frames.readings(triggers, present, dated, models, norms, lang, when, sayings,
                           people)
    if lent:
        goods = [r for r in read if r.frame.type in OBJECT_TYPES]
        held = {r.trigger.start for r in goods}
        bare = {c: at for c, at in present.items() if c not in lent}
        read = sorted(goods + [r for r in frames.readings(triggers, bare, dated, models, norms,
                                                          lang, when, sayings, people)
                               if r.frame.type not in OBJECT_TYPES
                               and r.trigger.start not in held],
                      key=lambda r: r.trigger.start)
    read = _purchase_agreements(read,
                                lex, told, models.determiners.get(lang, frozenset()), norms,
                                models.frames_by_trigger,
                                models.relatives.get(lang, frozenset()))
    read = _framework_signed(read, lex, models.frames_by_trigger)
    read = _instrument_signed(read, lex, norms, models.frames_by_trigger)
    read = _entered_service(_agreed_goods(read), dated, norms,
                            frozenset(models.dates["birth_words"].get(lang, ())))
    read = _ship_described(read, lex, dated, norms)
    return _signing_told(read) if lent else read


SHIP_LAUNCH: Final = "other_cooperation.ship_launch"
NAMED_LAUNCH: Final = "other_cooperation.ship_launch_named"
PASSIVE: Final = frozenset("was were been fue fueron sido foi foram".split())  # the launch's
# auxiliary
NAME_GLUE: Final = frozenset({",", ")", "(", "-"})  # between a ship's name and its auxiliary ("o
# Riachuelo (S40), foi lançado")
LAUNCH_NAME_REACH: Final = 7  # tokens from the auxiliary back to the ship's name
SERIAL: Final = ("ship", "edition_no", "ordinal_n")  # a ship's word or its place in its series
BOATS: Final = frozenset({"launches"})  # English "launches": boats ("escorted by two navy
# launches")
# words right before a launch participle that make it a clause's verb ("was launched on 27
# March", "fue botado el martes", "foi lançada nesta sexta-feira", "batizada e lançada")
AUXILIARIES: Final = frozenset("was were is are be been being fue fueron es son sera ha han sido "
                               "foi foram e ser sera seja and y e".split())


def _ship_described(read: list[frames.Reading], lex: list[Mark], dated: list[int], norms: list[str]
                    ) -> list[frames.Reading]:
    """Readings less a ship's launch told as a description of the ship: its participle right
    after the ship's word or a comma ("a four-masted schooner launched in 1927 that has
    made dozens of calls", "El Juan Sebastián de Elcano, botado en 1927, es"), or with its
    date right after it and no auxiliary before it ("un buque de 4.500 toneladas botado en
    2006"): the ship's birth, not a ceremony of a programme; nor the English noun
    "launches", which are boats."""
    if not any(r.frame.id == SHIP_LAUNCH for r in read):
        return read
    ships = frozenset(m.end for m in lex if m.label_ == "ship")

    def described(t: Mark) -> bool:
        before = norms[t.start - 1] if t.start else ""
        born = any(t.end <= p <= t.end + BORN_REACH for p in dated)
        return (t.start in ships or before == "," or norms[t.start] in BOATS
                or (born and before not in AUXILIARIES))
    return [r for r in read if r.frame.id != SHIP_LAUNCH or not described(r.trigger)]


RECEIVED_CALL: Final = "port_call.received"
# the words of receiving that take only a guest ("welcomed the ship", "recepcionou o navio"):
# a verb that also reads as goods received ("received the frigate") may be a delivery
GUEST_STEMS: Final = ("welcom", "greet", "host", "recepcion", "acolh", "acog", "saud", "salud",
                      "boas-vindas", "bienvenida")
GUEST_REACH: Final = 20  # tokens from the receiving verb to the ship it receives (its frame's
# window)
FLAG_REACH: Final = 2  # tokens from a ship's word to the demonym of its state ("las fragatas
# chinas")
# English "order" buys ("the navy ordered two frigates") or commands: people ordered, or a
# ship ordered to or into a place, are sent, no purchase
ORDER_STEM: Final = "order"
ORDER_CLASSES: Final = frozenset({"buy_v", "purchase_n"})
SALE_CUE: Final = "price"  # (the cue of a sale, said by the same word)
COMMANDED: Final = frozenset({"troops", "staff", "official", "crew", "members"})
COMMAND_WAYS: Final = frozenset({"to", "into"})  # (after the verb: "an order to build" is a sale)
ORDERED: Final = "ordered"
COMMAND_REACH: Final = 5  # tokens from the verb to the people it commands ("more than 5,600
# troops")


def _commands(lex: list[Mark], norms: list[str]) -> list[Mark]:
    """Drop the purchase readings (and the sale cue) of an English form of "order" that
    commands: "ordered" straight before "to" or "into" ("USS Arlington, ordered to Haiti last
    Tuesday", "ordered into the Caribbean"), or whose first word of a class after it names
    people ("Maduro ordered more than 5,600 troops, backed by aircraft and patrol boats,
    into ..."): a force sent, no goods bought (the goods after the people are the force's)."""
    commands = set()
    for m in lex:
        if m.label_ in ORDER_CLASSES and m.end == m.start + 1 \
                and norms[m.start].startswith(ORDER_STEM):
            if norms[m.start] == ORDERED and m.end < len(norms) and norms[m.end] in COMMAND_WAYS:
                commands.add(m.start)
                continue
            first = min((n.start for n in lex if m.end <= n.start <= m.start + COMMAND_REACH),
                        default=None)
            if first is not None and any(n.start == first and n.label_ in COMMANDED
                                         for n in lex):
                commands.add(m.start)
    return [m for m in lex if m.start not in commands or m.end != m.start + 1
            or m.label_ not in ORDER_CLASSES | {SALE_CUE}]


FORUM_NOUN: Final = "forum_n"
# the states of a body ("CARICOM nations", "los países de la CELAC", "Ministry of Foreign
# and Caricom Affairs"): the body named for its member states, not a meeting held (its
# leaders, heads or ministers may be meeting: "CARICOM Heads of Government met")
MEMBER_NOUNS: Final = frozenset(
    "nations states countries member affairs paises estados naciones nacoes miembro membro "
    "miembros membros".split())
OF_WORDS: Final = article_words(("of", "definite_singular", "definite_plural"))  # (articles.json)


def _bodies_of_members(lex: list[Mark], ents: Sequence[Mark], norms: list[str],
                       models: Models) -> list[Mark]:
    """Drop the forum reading of a forum's or body's name (an institution of kind forum)
    said of its member states: followed, past an acronym in brackets, by a noun of states
    ("Caribbean Community (CARICOM) nations", "Caricom Affairs"), or after one and "of"
    ("member states of the OAS", "los países de la CELAC"): the body's states are named, no
    session of it is held (its acronym in brackets after a name dropped goes with it)."""
    kinds = models.institution_kinds
    named = [e for e in ents if e.label_ == "INSTITUTION" and kinds.get(e.kb_id_) == "forum"]
    out, dropped = [], -1  # (where the last name dropped ends)
    for m in lex:
        if m.label_ == FORUM_NOUN and any(e.start == m.start and e.end == m.end for e in named):
            if dropped >= 0 and m.start == dropped + 1 and norms[dropped] == "(":
                continue  # "países da Comunidade do Caribe (CARICOM)"
            after = m.end
            if after < len(norms) and norms[after] == ")" and m.start and \
                    norms[m.start - 1] == "(":  # the acronym in brackets after the name
                after += 1
            elif after < len(norms) and norms[after] == "(":
                close = next((k for k in range(after + 1, min(after + 5, len(norms)))
                              if norms[k] == ")"), None)
                after = close + 1 if close is not None else after
            before = m.start - 1
            while before >= 0 and norms[before] in OF_WORDS:
                before -= 1
            if (after < len(norms) and norms[after] in MEMBER_NOUNS) or (
                    before >= 0 and before < m.start - 1 and norms[before] in MEMBER_NOUNS):
                dropped = m.end
                continue
        out.append(m)
    return out


# words that make a ship named with a foreign flag one passing to a new navy ("the former
# Royal Navy frigate", "el ex buque", "o antigo navio"): received, it is delivered
FORMER: Final = frozenset("ex former antiguo antigua antiguos antiguas antigo antiga antigos "
                          "antigas new nuevo nueva nuevos nuevas novo nova novos novas".split())


def _foreign_guest(trigger: Mark, lex: list[Mark], ents: list[Mark], norms: list[str],
                   models: Models) -> bool:
    """A navy receiving a ship its sentence flags with a power's demonym ("the Argentine
    Navy received the Chinese frigates Yancheng and Jingzhou", "a Marinha recebeu o
    navio-escola espanhol"): a guest, its call, not goods received (a ship delivered
    becomes the navy's own: it is not told as the power's, or it is told former or new)."""
    ships = [s for s in lex if s.label_ == "ship"
             and trigger.end <= s.start <= trigger.end + GUEST_REACH]
    if not ships or any(w in FORMER for w in norms[trigger.end:ships[-1].end]):
        return False
    return any(e.label_ == "COUNTRY" and models.regions.get(e.kb_id_) == "extra"
               and " ".join(norms[e.start:e.end]) in models.demonyms
               and (0 <= e.start - s.end <= FLAG_REACH or 0 <= s.start - e.end <= FLAG_REACH)
               for s in ships for e in ents)


CIVIL_SHIP: Final = "civil_ship"
PROVENANCE: Final = "provenance"  # where platforms come from (lexicon; powers a sentence names)
GROUP_WARSHIPS: Final = 2  # warships a sentence names beside a tanker or tug that make it a group's


def _naval_group(lex: list[Mark]) -> bool:
    """The sentence lists a naval group: at least ``GROUP_WARSHIPS`` ship words before its
    first merchant-ship phrase ("the frigate Admiral Gorshkov, the submarine Kazan, the
    fleet oil tanker Pashin"): its tanker is the navy's, no merchant ship (a tanker told
    first, "an oil tanker arrived, escorted by a patrol boat", stays a merchant ship)."""
    civil = [m for m in lex if m.label_ == CIVIL_SHIP]
    ships = [m for m in lex if m.label_ == "ship" and m.end <= civil[0].start]
    return sum(not any(o is not m and o.start <= m.start and m.end <= o.end for o in ships)
               for m in ships) >= GROUP_WARSHIPS  # (each ship once: "patrol boat", not "boat")


def _named_launch(read: list[frames.Reading], dated: list[int], norms: list[str], text: str,
                  starts: list[int], sent_start: int, present: dict[str, list[int]],
                  ents: list[Mark]) -> list[frames.Reading]:
    """Readings less a launch of a ship said by its name (``NAMED_LAUNCH``) that is not a
    passive with the name right before its auxiliary and its date right after the
    participle ("o Riachuelo foi lançado em dezembro de 2018", "el Almirante Padilla fue
    botado en marzo"), in a sentence that names a ship's word or its place in a series
    ("o primeiro da série, o Riachuelo,"): a programme launched ("O Prosub foi lançado em
    2008"), an operation launched, stay no ship's."""
    if not any(r.frame.id == NAMED_LAUNCH for r in read):
        return read
    serial = any(c in present for c in SERIAL)

    def named(t: Mark) -> bool:
        if not serial:
            return False
        if t.start - 1 <= sent_start or norms[t.start - 1] not in PASSIVE:
            return False
        if not any(t.end <= p <= t.end + BORN_REACH for p in dated):
            return False
        k = t.start - 2
        while k > sent_start and t.start - k <= LAUNCH_NAME_REACH and (
                norms[k] in NAME_GLUE or any(ch.isdigit() for ch in norms[k])):
            k -= 1  # (commas and the pennant number between: "o Riachuelo (S40), foi")
        return k > sent_start and t.start - k <= LAUNCH_NAME_REACH and text[
            starts[k]:][:1].isupper() and not any(e.start <= k < e.end for e in ents
                                                  if e.label_ in PLACE_LABELS)
        # (a place closing a clause before the verb is no ship: "The eighth ship, built at
        # the Dianca yard in Puerto Cabello, was launched only in 2014")
    return [r for r in read if r.frame.id != NAMED_LAUNCH or named(r.trigger)]


def _entered_service(read: list[frames.Reading], dated: list[int], norms: list[str],
                     births: frozenset[str]) -> list[frames.Reading]:
    """Readings less the gift received that a birth word with its date right after tells
    ("Commissioned in 2008, the Peace Ark is", "Lançado em 2007 e incorporado em 2008, o
    navio"): a ship's entry into its own service, no gift; told as a participle opening its
    clause ("Trent, commissioned in 2020, carries"), no transfer of any type either;
    "commissioned into the Chilean
    Navy in 2008" names the navy that received it and stays. A purchase's platform
    "incorporado el año pasado" after a renegotiated payment keeps its delivery reading."""
    def detached(t: Mark) -> bool:  # a participle opening its clause: no subject before,
        # and no receiving navy named in its clause ("commissioned on 28 August into the
        # Colombian Navy," is the transfer)
        if not (t.start == 0 or norms[t.start - 1].strip() in DETACHING):
            return False
        end = t.end
        while end < len(norms) and end < t.end + ASIDE_TOKENS and norms[end] not in DETACHING:
            end += 1
        return not INTO.intersection(norms[t.end:end])

    return [r for r in read if (r.frame.type != "donation_aid" and not detached(r.trigger))
            or r.trigger.label_ != "receive_goods_v"
            or " ".join(norms[r.trigger.start:r.trigger.end]) not in births
            or not any(r.trigger.end <= p <= _hedged(r.trigger.end, norms) + BORN_REACH
                       for p in dated)]


def _hedged(at: int, norms: list[str]) -> int:
    """The token after the hedges opening at ``at`` ("commissioned less than a year ago",
    "incorporado hace casi un año"): where a birth word's date may begin."""
    while at < len(norms) and norms[at] in BORN_HEDGES:
        at += 1
    return at


def _signed_after(trigger: Mark, lex: list[Mark], chosen: list[DateMention]
                  ) -> list[DateMention]:
    """The dates left to goods told before an agreement whose signing is said after its
    noun ("the batch was provided under a military assistance agreement signed ... in
    2019", "la entrega se hizo en el marco de un convenio ... firmado en abril de 2023",
    "no âmbito de um acordo assinado em 2019"): a date after that signing dates the
    agreement, not the goods given under it."""
    for deal in lex:
        if deal.label_ != "agreement_n" or deal.start < trigger.end:
            continue
        signed = next((m for m in lex if m.label_ == "sign_v"
                       and deal.end <= m.start <= deal.end + SIGNED_REACH), None)
        if signed is not None:
            return [d for d in chosen if d.start < signed.start_char]
    return chosen


# the types whose readings, told as what a signed agreement provides, only add evidence
# (a sale's contract is its own occurrence, arms_transfer; the signers meeting, senior_visit)
TERMS_TYPES: Final = frozenset({"donation_aid", "other_cooperation", "education_training",
                               "exercise"})
AGREEMENT_NOUN: Final = "agreement_n"
# goods named after a gift's verb make it a transfer of its own, whatever agreement it comes
# under ("under the agreement the navy is to receive a naval platform"), not aid in money
TERMS_GOODS: Final = ("ship", "aircraft", "weapon", "relief_goods", "facility")


def _agreement_terms(read: list[frames.Reading], clause: dict[int, tuple[int, int]],
                     present: dict[str, list[int]], start: int, norms: list[str]) -> set[Mark]:
    """The triggers that stand after the agreement noun of an agreement read in their own
    clause ("signed an agreement accepting ... military aid", "an agreement under which
    Beijing will supply", "o acordo que permitiu a instalação de uma estação de
    rastreamento"): the agreement's terms, no occurrence of their own; not past a coordinator
    that opens a verb of its own ("signed an agreement and announced a joint drill": a deed
    of its own; "widens joint training and operations" stays the agreement's)."""
    nouns = [p for p in present.get(AGREEMENT_NOUN, ()) if p >= start]
    if not nouns:
        return set()
    accords = [r for r in read if r.frame.type == "agreement" and not r.frame.weak]
    goods = [p for c in TERMS_GOODS for p in present.get(c, ()) if p >= start]
    verbs = [p for c, ps in present.items() if c.endswith("_v") for p in ps if p >= start]
    return {r.trigger for r in read if r.frame.type in TERMS_TYPES and not (
        r.frame.type in OBJECT_TYPES and any(p >= r.trigger.start for p in goods)) and any(
        clause[a.trigger.start] == clause[r.trigger.start] and a.trigger.start < r.trigger.start
        and any(p < r.trigger.start and not any(
            norms[k] in COORDINATORS and any(k < v < r.trigger.start for v in verbs)
            for k in range(p, r.trigger.start)) for p in nouns) for a in accords)}


def _agreed_goods(read: list[frames.Reading]) -> list[frames.Reading]:
    """Readings less the handover a transfer agreement takes as its object ("cuya
    transferencia acordaron en julio de 2013", "agreed on the transfer of a corvette",
    "acordaram a cessão"): the goods were agreed, not yet handed over; the agreement
    (agreement.agree_transfer) is what happened then."""
    agreed = [r.trigger for r in read if r.frame.id == AGREED_TRANSFER]
    if not agreed:
        return read
    return [r for r in read if r.frame.type not in OBJECT_TYPES
            or r.trigger.label_ not in AGREED_GOODS
            or not any(abs(r.trigger.start - a.start) <= AGREED_REACH for a in agreed)]


def _story_lex(index: int, paragraph: list[int], headline: int | None,
               spans: list[Spans]) -> list[Mark]:
    """The words of a sentence's story (``_story_sentences``)."""
    return [s for j in _story_sentences(index, paragraph, headline) for s in spans[j].lex]


def _purchase_agreements(read: list[frames.Reading], lex: list[Mark],
                         story: Callable[[], list[Mark]] | None = None,
                         articles: frozenset[str] = frozenset(),
                         norms: list[str] | None = None,
                         by_trigger: dict[str, list[Frame]] | None = None,
                         relatives: frozenset[str] = frozenset()
                         ) -> list[frames.Reading]:
    """Readings less the agreements a sentence that reads an arms transfer says only of the
    sale ("signed a deal to buy 24 F-16s", "firmó un acuerdo para comprar"): every agreement
    word of it is a sale noun too ("deal") or a buying verb follows it closely, or closely
    after a relative word that opens a clause right after it (``relatives``: "el acuerdo por
    el cual la Argentina adquiere 24 cazas", "the agreement under which Argentina will buy",
    "o acordo pelo qual o Brasil compra"). A purchase contract is an arms transfer, not also
    an agreement (the corpus convention). Not any sale noun after it: "acuerdo sobre
    operaciones" ("operación" is also a sale noun)."""
    if not any(r.frame.type == "arms_transfer" for r in read):
        return _the_purchase(read, lex, story or list, articles, norms, by_trigger or {})
    deals = [m for m in lex if m.label_ == "agreement_n"]
    sales = {(m.start, m.end) for m in lex if m.label_ == "purchase_n"}
    buys = [m.start for m in lex if m.label_ == "buy_v"]
    if not deals or not all((m.start, m.end) in sales or any(
            _sale_after(m.end, b, relatives, norms) for b in buys) for m in deals):
        return read
    return [r for r in read if r.frame.type != "agreement"]


def _sale_after(end: int, verb: int, relatives: frozenset[str], norms: list[str] | None
                ) -> bool:
    """The buying verb at ``verb`` tells the sale of the agreement word ending at ``end``:
    within ``SALE_REACH`` tokens of it, or of a relative word standing within
    ``RELATIVE_LEAD`` tokens after it ("el acuerdo por el cual la Argentina adquiere")."""
    if end <= verb <= end + SALE_REACH:
        return True
    if norms is None or not relatives:
        return False
    return any(norms[k] in relatives and k < verb <= k + SALE_REACH
               for k in range(end, min(end + RELATIVE_LEAD, len(norms))))


RELATIVE_LEAD: Final = 3  # tokens after an agreement word where its relative word may stand
# ("por el cual", "under which", "pelo qual")


def _framework_signed(read: list[frames.Reading], lex: list[Mark],
                      by_trigger: dict[str, list[Frame]]) -> list[frames.Reading]:
    """Readings with the signing of a cooperation agreement read as the agreement, not as a
    purchase contract that sale and goods words elsewhere in the sentence make of it ("Ese
    hilo se volvió contrato ..., cuando el gobierno suscribió con Rusia un acuerdo de
    cooperación técnico-militar orientado al mantenimiento de aquel material", "signed a
    defence cooperation agreement"): the verb's object, the first agreement or sale noun
    after it (``FRAMEWORK_REACH``), is an agreement with a word of cooperation beside it
    (``FIELDS``) and no buying word after it ("a cooperation agreement to buy"); the
    purchase told elsewhere in the sentence is no object of this signing."""
    if not any(r.frame.type == "arms_transfer" and r.trigger.label_ == SIGN for r in read):
        return read
    nouns = sorted((m for m in lex if m.label_ in ("agreement_n", "purchase_n")),
                   key=lambda m: m.start)
    sales = {(m.start, m.end) for m in lex if m.label_ == "purchase_n"}
    fields = [m.start for m in lex if m.label_ in FIELDS]
    buys = [m.start for m in lex if m.label_ in ("buy_v", "purchase_n")]
    out = []
    for r in read:
        t = r.trigger
        deal = next((m for m in nouns if t.end <= m.start <= t.end + FRAMEWORK_REACH), None) \
            if r.frame.type == "arms_transfer" and t.label_ == SIGN else None
        frame = next((f for f in by_trigger.get(t.label_, ())
                      if f.type == "agreement" and not f.also), None)
        if deal is not None and deal.label_ == "agreement_n" and frame is not None \
                and (deal.start, deal.end) not in sales \
                and any(deal.start - 2 <= p <= deal.end + 1 for p in fields) \
                and not any(deal.end <= b <= deal.end + SALE_REACH + 2 for b in buys):
            r = replace(r, frame=frame)
        out.append(r)
    return out


INSTRUMENT: Final = "instrument_n"  # a memorandum, a loan, a credit line (single words: a
# phrase such as "exchange of notes" would hide the agreement noun it holds)
INSTRUMENT_REACH: Final = 12  # tokens from a signing verb to its object ("signed a US$23.27
# million line of credit agreement", "assinaram nesta sexta-feira (5), em Brasília, um
# memorando")
SIGNED_BEFORE: Final = 3  # tokens from a passive signing's auxiliary back to its object
# ("the loan agreement was signed", "el memorando fue firmado")
TEXT_NOUNS: Final = ("agreement_n", "purchase_n", INSTRUMENT)


OPERATION: Final = "operation_n"  # an operation, which is also an exercise word
DRILL: Final = "exercise_n"
TRAINING_WORDS: Final = ("train_v", "teach_v", "course_n", "exercise_v")
OF_THE: Final = article_words(("of_the",))  # "del", "dos": of + the, one word
OF_WORDS_ALL: Final = article_words(("of",))
DEFINITES: Final = article_words(("definite_singular", "definite_plural"))


def _plain_operations(lex: list[Mark], text: str) -> frozenset[int]:
    """The positions of the operations said in lower case ("U.S. aircraft supporting
    counternarcotics operations", "el uso de la base para operaciones logísticas", "a
    segurança e a operação do Canal", "una operación valuada en 680 millones"): the work of
    a force, a platform's use or a deal, no drill: it vetoes no other type and keeps
    company to none (its own word still reads its exercise frames: "carried out flight
    operations over Guyana with the GDF" is a drill). A named operation ("Operation
    HELIOS", "la Operación UNITAS") stays an exercise word, and so does an operation of a
    sentence that tells training or teaching (``TRAINING_WORDS``: "treinou operações de
    combate em área urbana", "nos ensinou muito sobre operação de caças": what is drilled
    or taught; with "of the" after it, see ``_taught_operations``)."""
    if not any(m.label_ == OPERATION for m in lex) or any(
            m.label_ in TRAINING_WORDS for m in lex):
        return frozenset()
    return frozenset(k for m in lex if m.label_ == OPERATION
                     and text[m.start_char:m.start_char + 1].islower()
                     for k in range(m.start, m.end))


def _taught_operations(lex: list[Mark], text: str, norms: list[str]) -> frozenset[int]:
    """The positions of the operations said in lower case with "of the" after them in a
    sentence that tells training or teaching (``TRAINING_WORDS``: "se entrenaron en la
    operación del nuevo material", "operação dos sistemas de navegação", "trained in the
    operation of the boats"): the use of the thing the course is about, neither a drill
    of its own (no exercise trigger) nor one that vetoes the course (as a plain operation,
    ``_without_plain``); its words stay in the sentence's lexicon."""
    if not any(m.label_ == OPERATION for m in lex) or not any(
            m.label_ in TRAINING_WORDS for m in lex):
        return frozenset()
    return frozenset(k for m in lex if m.label_ == OPERATION
                     and text[m.start_char:m.start_char + 1].islower()
                     and _of_the(m.end, norms) for k in range(m.start, m.end))


def _of_the(at: int, norms: list[str]) -> bool:
    """Whether the tokens from ``at`` say "of the" ("the operation of the boats", "la
    operación del nuevo material", "a operação dos sistemas"): what follows is the thing an
    operation runs, its use, which training teaches, not a drill ("treinou operações de
    combate")."""
    return at < len(norms) and (norms[at] in OF_THE or (
        norms[at] in OF_WORDS_ALL and at + 1 < len(norms) and norms[at + 1] in DEFINITES))


def _without_plain(present: dict[str, list[int]], plain: frozenset[int]
                   ) -> dict[str, list[int]]:
    """``present`` less the exercise positions of plain operations (``_plain_operations``)."""
    if not plain or DRILL not in present:
        return present
    out = dict(present)
    kept = [p for p in present[DRILL] if p not in plain]
    if kept:
        out[DRILL] = kept
    else:
        del out[DRILL]
    return out


def _instrument_signed(read: list[frames.Reading], lex: list[Mark], norms: list[str],
                       by_trigger: dict[str, list[Frame]]) -> list[frames.Reading]:
    """Readings with the signing of a text that binds no sale of its own read as the
    agreement, not as the purchase contract the goods and sale words of its sentence make
    of it: a memorandum, a loan or a line of credit ("signed a loan agreement of US$23.27
    million to finance the purchase of two Dornier 228 aircraft", "suscribieron un
    memorándum de entendimiento que prevé ... la compra y venta de equipos"). The signed
    text is the first agreement, sale or instrument noun after the verb
    (``INSTRUMENT_REACH``), or the one right before a participle or its passive auxiliary
    (``SIGNED_BEFORE``: "the Line of Credit agreement was signed", "un préstamo firmado"), with
    the nouns of its compound (a passive's text is never after it); the instrument's word
    may close the text's noun ("un acuerdo marco", "a framework agreement"); the purchase it
    pays for or provides for is told apart, as its contract or delivery (the corpus
    convention)."""
    if not any(r.frame.type == "arms_transfer" and r.trigger.label_ == SIGN for r in read):
        return read
    nouns = sorted((m for m in lex if m.label_ in TEXT_NOUNS), key=lambda m: m.start)
    instruments = [m.start for m in lex if m.label_ == INSTRUMENT]
    if not instruments:
        return read
    out = []
    signed_at: list[int] = []  # (the verbs read as an instrument's signing)
    for r in read:
        t = r.trigger
        if r.frame.type == "arms_transfer" and t.label_ == SIGN:
            aux = t.start - 1 if t.start and norms[t.start - 1] in PASSIVE else t.start
            text = next((m for m in reversed(nouns)
                         if aux - (SIGNED_BEFORE if aux < t.start else 0) <= m.end <= aux),
                        None)  # (before a passive or a participle: "the agreement signed")
            if text is not None:  # (the words of its compound: "Line of Credit agreement")
                start = text.start
                while (head := next((m for m in nouns if start - 1 <= m.end <= start
                                     and m.start < start), None)) is not None:
                    start = head.start
                text = text._replace(start=start)
            elif aux == t.start:  # (a passive's text is its subject, before it: "the
                # contract was signed in February, financed through a line of credit")
                text = next((m for m in nouns if t.end <= m.start <= t.end + INSTRUMENT_REACH),
                            None)
            frame = next((f for f in by_trigger.get(t.label_, ())
                          if f.type == "agreement" and not f.also), None)
            if text is not None and frame is not None and any(
                    text.start <= p <= text.end for p in instruments):
                r = replace(r, frame=frame)
                signed_at.append(t.start)
        out.append(r)
    if not signed_at:
        return out
    # the purchase a loan pays for or a memorandum provides for, told by its noun after the
    # signing ("to finance the purchase of two aircraft", "prevé ... la compra y venta"),
    # is the instrument's terms, no sale of its own; nor is a loan or credit line named
    # before it ("to draw on an Indian defence line of credit, signing a loan")
    # (a word that is also a verb's form counts by its noun: "a compra", "la compra")
    named = {m.start for m in nouns}
    return [r for r in out if not (r.frame.type == "arms_transfer"
                                   and r.trigger.start in named
                                   and (r.trigger.start > min(signed_at)
                                        or r.trigger.start in instruments))]


def _the_purchase(read: list[frames.Reading], lex: list[Mark], told: Callable[[], list[Mark]],
                  articles: frozenset[str], norms: list[str] | None,
                  by_trigger: dict[str, list[Frame]]) -> list[frames.Reading]:
    """Readings with the agreement a definite noun names ("The agreement was signed in
    Montevideo on Thursday", "el acuerdo fue firmado", "o acordo foi assinado") read as the
    arms transfer when the story (the headline and the few sentences before, in its
    paragraph or the one before) tells
    a purchase of platforms and names no agreement but the deal itself: the noun points back
    at that purchase contract."""
    agreements = [r for r in read if r.frame.type == "agreement"]
    deals = [m for m in lex if m.label_ == "agreement_n"]
    if norms is None or not agreements or not deals:
        return read
    if not all(m.start > 0 and norms[m.start - 1] in articles for m in deals):
        return read
    if any(m.label_ in FIELDS for m in lex):
        return read  # "La cooperación técnico-militar ... descansa en el acuerdo que Moscú
        # y Caracas firmaron en 2001", "the agreement on defence cooperation was signed":
        # a framework of cooperation, not the story's purchase contract
    story = told()
    if not story:
        return read
    sales = {(m.start, m.end) for m in story if m.label_ == "purchase_n"}
    if not any(m.label_ in ("purchase_n", "buy_v") for m in story) or not any(
            m.label_ in PLATFORMS for m in story) or any(
            m.label_ == "agreement_n" and (m.start, m.end) not in sales for m in story):
        return read
    out = [r for r in read if r.frame.type != "agreement"]
    for r in agreements:  # the signing verb read by its purchase frame
        frame = next((f for f in by_trigger.get(r.trigger.label_, ())
                      if f.type == "arms_transfer" and not f.also), None)
        if frame is not None:
            out.append(replace(r, frame=frame))
    return out


def _unattributed(ents: list[Mark], cues: list[Mark], sent: Mark, text: str) -> list[Mark]:
    """The sentence's entities less those of a closing attribution clause ("..., the US
    Embassy in Bridgetown said.", "..., informó la embajada de China en Lima."): a clause
    after the sentence's last comma, with no semicolon after it, holding a saying verb
    (``cue.saying``) and no "that"/"que" after it (a verb that opens what was said, ",
    Iranian media reported that shipments to Venezuela had begun", keeps its places); and
    less those of a circumstance told with "amid" (``cue.amid``: "HMS Trent arrived in Guyanese
    waters, amid tensions with Venezuela": the rival is no party; an opening "Amid ...,"
    reaches its first comma, any other the end of the sentence)."""
    out = ents
    last = max(text.rfind(",", sent.start_char, sent.end_char),
               text.rfind(";", sent.start_char, sent.end_char))
    if last >= 0 and text[last] == "," and len(text[sent.start_char:last].split()) > OPENER_WORDS:
        # (a comma closing a short opener, "On 10 September, Japan announced the donation",
        # "Dois dias depois, a embaixada anunciou", ends no clause an attribution follows)
        verb = next((c for c in cues if c.label_ == "saying" and c.start_char > last), None)
        if verb is not None and verb.start_char - last <= ATTRIBUTION_REACH + 2 \
                and len(text[verb.end_char:sent.end_char]) <= ATTRIBUTION_REACH + 4 \
                and THAT.search(text, verb.end_char, sent.end_char) is None:
            out = [e for e in ents if e.start_char < last]
    a = next((c for c in cues if c.label_ == "amid"), None)
    if a is None:
        return out
    end = sent.end_char
    if not text[sent.start_char:a.start_char].strip(" \"“'«"):
        comma = text.find(",", a.end_char, sent.end_char)
        end = comma if comma >= 0 else end
    return [e for e in out if not a.start_char <= e.start_char < end]


def assemble(doc: Doc, timeline: Timeline, document: Document, models: Models,
             title: Doc | None = None, trace: list | None = None,
             min_confidence: float | None = None, wording: bool | None = None
             ) -> list[Event]:
    """Events of one tagged document; ``title`` is the tagged title when the text lacks it.
    ``trace`` (for diagnosis) receives every candidate, then (group, event) pairs. Events
    less confident than ``min_confidence`` (default: the fitted threshold) are dropped.
    With ``wording`` (default: when the confidence model weighs it) each event's features
    hold the wording of the sentence that states it (``wording.py``)."""
    text = document.text  # (a field of a Python object: read once, not at every use)
    sentences = doc_sentences(doc)
    tagged = found(doc)
    tagged.ents = shared_demonyms(tagged.ents, text, models)
    spans = _by_sentence(doc, sentences)
    norms: list[str] = Norms.of(doc)  # (as a list: compiled, indexed directly)
    token_starts = found(doc).token_starts
    lang = doc.lang_  # (a property that asks the vocabulary: read once)
    # (fields of Python objects read in every sentence, some for every word: read once)
    trigger_classes, class_kinds, regions = models.triggers, models.classes, models.regions
    function_words = models.function_words.get(lang, frozenset())
    relatives = models.relatives.get(lang, frozenset())
    place_relatives = models.place_relatives.get(lang, frozenset())
    served = models.served.get(lang, frozenset())
    determiners = models.determiners.get(lang, frozenset())
    # (the language's patterns some sentences are searched with: looked up once)
    birth_pattern, future_pattern = birth_clause(lang), future_marker(lang)
    prospect_pattern = _prospect_pattern(lang, models)
    owed_pattern = _owed_pattern(lang, models)
    owed_said = lowered(_expectation_markers(lang, models))
    perfect_pattern, progressive_pattern = present_perfect(lang), present_progressive(lang)
    stay_pattern = present_stay(lang)
    course_pattern, now_pattern = present_course(lang), present_time(lang)
    # (what a sentence must hold, in some case, for each to find anything: ``casewords.holds``)
    future_said, stay_said = future_words(lang), listed_words("present_stays", lang)
    course_said = listed_words("present_courses", lang)
    progressive_said = listed_words("progressive_auxiliaries", lang)
    number_words = frozenset(fold(w) for w in models.dates["numbers"].get(lang, {}))
    unit_words = frozenset(fold(w) for w in models.dates["units"].get(lang, {}))
    for b, sent in zip(spans, sentences, strict=True):  # (before the cues said around a
        if len(b.lex) > 1:  # sentence are gathered; a lone word heads no name)
            b.lex = _fleet_of_others(b.lex)
            b.lex = _unnamed(b.lex, text, token_starts, norms, models, lang)
            b.lex = _in_unit_name(b.lex, text, token_starts, norms, models, lang,
                                  sent.start)
    named_in: dict[int, list[int]] | None = None  # (read at the first missing side)
    # the sentences naming a person a defence title introduced: a defence actor of their own
    officers = defence_people(text, sentences, tagged.persons, tagged.titles,
                              [m for m in tagged.lex if m.label_ in DEFENCE_CLASSES],
                              DEFENCE_RANKS)  # (sentence -> where it names them)
    ranked = _rank_said(sentences, tagged.lex, norms, models, lang)
    said_states: dict[int, set[str]] | None = None  # (sentence -> its persons' states)
    persons_of: dict[str, str] | None = None  # (person -> the state its title says)
    register: Register | None = None  # (the actors named with their state: antecedents.py)
    token_ends = found(doc).token_ends
    person_starts = sorted(p.start for p in tagged.persons)  # (``_starts_within``)
    # the powers whose ships each sentence names (only sentences that name one)
    fleet: dict[int, set[str]] = {}
    lac_fleet: dict[int, set[str]] = {}  # the LAC states whose ships it names
    starts_at = [s.start_char for s in sentences]
    for m in models.ship_prefix_pattern.finditer(text):
        j = bisect_right(starts_at, m.start()) - 1  # "renamed ARC Nariño": a LAC navy's
        if j < 0 or m.start() >= sentences[j].end_char or j in fleet:  # prefix names its
            continue  # state (a power's prefix as a party of its sentence and of those
        # after it made more false events than it found: it is read only by "the ship")
        ships = prefixed_ships(sentences[j], text, token_starts, token_ends, models)
        if ships[1]:
            lac_fleet[j] = ships[1]
        fleet[j] = ships[0]
    # (a LAC state named by its ship's prefix is named: "el patrullero ARD Betelgeuse
    # atracó en Cayo Hueso, Florida": no Cuban town)
    named = with_places({country_of(e, models) for e in found(doc).ents
                         if e.label_ != "LOCATION"} | set().union(*lac_fleet.values()),
                        found(doc).ents, models)
    reacted: dict[int, set[str]] = {}  # per sentence: the states it names only reacting
    for j, (b, sent) in enumerate(zip(spans, sentences, strict=True)):  # (a dateline's
        if b.ents:  # place: no party)
            unreacting = reacting(b.ents, b.lex, norms, models, text)
            if len(unreacting) < len(b.ents):
                reacted[j] = {stands_for(e, models, named) or "" for e in b.ents
                              if e not in unreacting} - {""}
            b.ents = measured_from(unreacting, norms)  # "Caracas protested", "a few miles
            # off the coast of Venezuela": no side, nor a place elsewhere than the dateline's
            b.ents = served_people(b.ents, norms, served, models.demonyms)  # "a
            # migrantes venezolanos": where the people served come from
            b.ents = ship_named(b.ents, text, token_starts, token_ends, models)
            b.ents = dateline_places(sent, b.ents, text, models, named)
    none: tuple[set[str], set[str]] = (set(), set())  # (shared: parties are only read)
    parties = [named_parties(_unattributed(b.ents, b.cues, s, text), models, named)
               if b.ents else none for b, s in zip(spans, sentences, strict=False)]
    for j, lac in lac_fleet.items():
        parties[j] = (parties[j][0], parties[j][1] | lac)
    for j in fleet:  # "el USS Little Rock", "o HMS Medway": a prefixed name is a ship
        marks = [m for m in prefix_marks(sentences[j], text, token_starts,
                                         token_ends, models)
                 if not any(x.label_ == "ship" and x.start <= m.start < x.end
                            for x in spans[j].lex)]
        if marks:
            spans[j].lex = sorted([*spans[j].lex, *marks], key=lambda m: (m.start, -m.end))
    names = ship_names(text, token_starts, token_ends, models)  # ("Dauntless")
    # the surnames of the persons a title introduced, less the bare names of ships ("Macron",
    # "Hegseth"; not "Almirante Padilla"): said alone as a verb's subject, a person acts
    # (nor a ship named after a person: "el destructor Almirante Chabanenko", "la fragata
    # Almirante Blanco Encalada", a ship's word right before its title)
    hull_ends = {m.end for m in tagged.lex if m.label_ == "ship"}
    surnames = frozenset(fold(w) for w in {surname_of(p) for p in tagged.persons
                                           if not {p.start - 1, p.start} & hull_ends}
                         if w and not any(fold(w) in fold(n).split() for n in names))
    # a surname said alone after its person's introduction carries the class of the noun
    # that introduced them ("el ministro de Defensa, Luis Petri" ... "Petri recibió")
    # (a person introduced with a defence title and a state: "Chile's defence minister X")
    if surnames and tagged.persons:
        persons_of = person_states(document.text, tagged.persons, tagged.ents, tagged.titles,
                                   token_starts, token_ends, models)
    said_as = _said_again_as([p for p in tagged.persons if p.kb_id_ in persons_of],
                             tagged.titles, tagged.lex, surnames) if persons_of else {}
    if said_as:
        for j, b in enumerate(spans):
            again_said = _surnames_said(sentences[j], b, said_as, b.persons, norms, text,
                                        token_starts, token_ends)
            if again_said:
                b.lex = sorted([*b.lex, *again_said], key=lambda m: (m.start, -m.end))
    for j, b in enumerate(spans):  # ("the cutter Resolute": named by its class, a power's)
        for name, flagged in class_names(sentences[j], b.lex, b.ents, text,
                                         token_starts, token_ends, models).items():
            if name not in names:
                names[name] = flagged
    # the places that are a ship's name ("el submarino de propulsión nuclear Kazán"): no
    # occurrence's place (sentence -> their starts)
    ship_named_at = ships_as_places(sentences, [b.lex for b in spans], [b.ents for b in spans],
                              text, token_starts, token_ends, models, names)
    hulls = [*names, *{text[e.start_char:e.end_char] for j, at in ship_named_at.items()
                       for e in spans[j].ents if e.start in at}]  # (the ships named)
    # the register of ships named again by their bare name: sentence -> their states
    # ("USCGC Escanaba ... Escanaba's boarding team hosted officers of the Marine Unit")
    ships_again: dict[int, set[str]] = {}
    bare: dict[int, list[tuple[int, int, int, str]]] = {}  # sentence -> its bare names
    if names:
        by_first = names_by_first(names)  # (once: every sentence is scanned for them)
        for j, b in enumerate(spans):
            bare[j] = bare_names(sentences[j], by_first, text, token_starts,
                                 token_ends, models)
            again = _named_again(b, bare[j], token_starts)
            if again:
                b.lex = sorted([*b.lex, *again], key=lambda m: (m.start, -m.end))
            said = ships_said(bare[j], b.ents)
            if said:
                ships_again[j] = said
    crews = {j: fleet.get(j, set()) | ships_again.get(j, set())  # the ships a sentence
             for j in {*fleet, *ships_again}}  # names: whose crew a person it names is
    heads = short_services(text, found(doc).ents, token_starts, token_ends, models,
                           lang)  # "Armada de Chile" ... "la Armada": Chile's navy
    for j, b in enumerate(spans):
        short = said_short(sentences[j], b.ents, heads, text, token_starts) \
            if heads else set()
        if short:
            short_sides = sides_of(short, regions)
            parties[j] = (parties[j][0] | short_sides[0], parties[j][1] | short_sides[1])
    institution_kinds = models.institution_kinds
    for j, b in enumerate(spans):
        for e in b.ents:
            if e.label_ == "INSTITUTION" and institution_kinds.get(e.kb_id_) == "ship" and (
                    k := country_of(e, models)) and regions.get(k) != "LAC":
                fleet[j] = fleet.get(j, set()) | {k}
    headline = _headline(sentences, document)
    chrome = [_chrome(s, spans[i], text) for i, s in enumerate(sentences)]
    told_title = headline is None and title is not None and len(title) > 0
    if told_title and title is not None:
        whole = Mark(0, len(title), 0, found(title).token_ends[-1])
        sentences.append(whole)  # context only: never a candidate
        spans.extend(_by_sentence(title, [whole]))
        parties.append(named_parties(spans[-1].ents, models, named))
        chrome.append(True)
        headline = len(sentences) - 1
    paragraph = _paragraphs(timeline.breaks, sentences)
    lead = next((j for j in range(len(sentences)) if j != headline and not chrome[j]), None)
    story_home = home_state(parties, headline, lead)
    story_power = home_state(parties, headline, lead, side=0)  # (the power it is about)
    cue_classes: dict[int, set[str]] = {}  # paragraph -> cue classes said in it ("gift")
    for j, b in enumerate(spans):
        said = cue_classes.setdefault(paragraph[j], set())
        if b.lex and not chrome[j]:  # a "Read also" line lends no cues
            said.update(s.label_ for s in b.lex if class_kinds.get(s.label_) == "cue"
                        and not _kind_of_work(s, b.lex))
    trade_said = {p: said & TRADE_CUES for p, said in cue_classes.items() if said & TRADE_CUES}
    # the platforms each sentence names (read when first asked: only a sentence with a
    # trigger and no gift or sale of its own asks, and the others only where it names one)
    # and the gift or sale it says: a platform's other mentions type its handing over
    # before the paragraphs around do
    # (a helper of the module, no closure: compiled, a function holding a nested one keeps
    # every variable the nested one reads in an object of its own, read there at each use)
    platforms_of: dict[int, frozenset[str]] = {}
    title_said = title.text if told_title and title is not None else None  # (the headline)
    trade_of = [{m.label_ for m in b.lex if m.label_ in TRADE_CUES
                 and not _kind_of_work(m, b.lex)} if not chrome[j] or j == headline else set()
                for j, b in enumerate(spans)]
    trade_at = sorted(trade_said)  # (the paragraphs that say a gift or a sale, in order)
    # (paragraph, LAC states) -> the trade cues its sentences take from the nearest of them
    lent_by: dict[tuple[int, frozenset[str]], set[str]] = {}
    paragraph_lac: dict[int, set[str]] = {}  # paragraph -> the LAC states it names
    for j in range(len(spans)):
        if not chrome[j]:
            paragraph_lac.setdefault(paragraph[j], set()).update(parties[j][1])
    # the classes the steps between a sentence's own classes and ``frames.readable`` may
    # add to them (the cues said around, the gift or sale said elsewhere, a provenance, a
    # gift, cargo, a batch, the story's platforms and nouns, the ship said again, every
    # class of the context): where even with all of them no frame of a sentence's triggers
    # finds its company (``frames.may_read``), those steps are not taken
    later_said: set[str] = {PROVENANCE, GIFT, "cargo", "batch", "ship", *TRADE_CUES,
                            *PLATFORMS, *STORY_NOUNS, *models.context_classes}
    for cues_said in cue_classes.values():
        later_said |= cues_said
    said_later = frozenset(later_said)
    candidates: list[Candidate] = []
    held_at: list[Occasion] = []  # candidates held at a forum or exercise they name
    # the exercise the story last named ("the exercise Relámpago" in the headline): what
    # a definite mention naming none ("El ejercicio, que comenzó el lunes") is of
    told_name = None
    if headline is not None:
        told_name = _series_name(
            title if told_title and title is not None else doc,
            [s.start for s in spans[headline].lex if s.label_ == SERIES_NOUN["exercise"]],
            Norms.of(title) if told_title and title is not None else norms,
            function_words)
    last_by_type: dict[str, Candidate] = {}  # the last event stated firmly, by type
    first_by_type: dict[str, Candidate] = {}  # the first: the story's own occurrence
    for index, sent in enumerate(sentences):
        sp = spans[index]
        if index == headline or chrome[index] or not sp.lex:
            continue
        if not any(s.label_ in trigger_classes for s in sp.lex):
            # (what later sentences read of it: ``_outermost`` and ``_no_goods_received``
            # drop only triggers)
            sp.lex = _untitled(sp.lex, sp.titles, class_kinds)
            continue
        # the classes the sentence says: the helpers below only drop marks, so each skips at
        # once where a class it reads is not among them (fewer are, never more)
        labels = {s.label_ for s in sp.lex}
        sp.lex = _rank_reached(_untitled(_outermost(
            sp.lex, models.trigger_types, class_kinds), sp.titles, class_kinds), sp.titles, norms)
        if DIPLOMAT in labels:
            sp.lex = _diplomats(sp.lex)
        if sp.persons:  # "Commander Grant Dalgleish", "Maria Socorro Lima": a word of a
            # person's name is neither a trigger nor a cue (no grant, no relief)
            sp.lex = [s for s in sp.lex if class_kinds.get(s.label_) not in NAMED_OUT
                      or not any(p.start <= s.start and s.end <= p.end for p in sp.persons)]
            if not any(s.label_ in trigger_classes for s in sp.lex):
                continue
        if not PLACE_OUT.isdisjoint(labels) and any(e.label_ == "LOCATION" for e in sp.ents):
            # "Minas Gerais", a state, is
            # no weapon: goods words inside a place's name name no goods
            sp.lex = [s for s in sp.lex if s.label_ not in PLACE_OUT or not any(
                e.label_ == "LOCATION" and e.start <= s.start and s.end <= e.end
                for e in sp.ents)]
        if lang == "en" and not ORDER_CLASSES.isdisjoint(labels) and any(
                norms[m.start].startswith(ORDER_STEM) for m in sp.lex
                if m.label_ in ORDER_CLASSES):
            sp.lex = _commands(sp.lex, norms)  # "Maduro ordered 5,600 troops into"
        if FORUM_NOUN in labels and any(m.label_ == FORUM_NOUN for m in sp.lex):
            # "CARICOM nations", "Caricom Affairs": a body of states named for its members,
            # no session of it held
            sp.lex = _bodies_of_members(sp.lex, sp.ents, norms, models)
        own_name = _series_name(doc, [s.start for s in sp.lex
                                      if s.label_ == SERIES_NOUN["exercise"]],
                                norms, function_words) \
            if SERIES_NOUN["exercise"] in labels else None
        named_before, told_name = told_name, own_name or told_name
        if RECEIVE_GOODS in labels:
            sp.lex = _no_goods_received(sp.lex, sp.titles, sent.end, norms, models, lang)
        if not CRAFT.isdisjoint(labels) and not SENDING.isdisjoint(labels):
            sp.lex = _ships_sent(sp.lex, sent.end, norms, models, lang)
        if not labels.isdisjoint(MOTION_CLASSES):
            sp.lex = _periphrasis(sp.lex, norms, text, token_starts, lang)
        if not labels.isdisjoint(KIN_WORK):
            sp.lex = _kin_work(sp.lex, norms, function_words)
        if AGREEMENT_NOUN in labels:
            sp.lex = _relations(sp.lex, norms)
        if CRAFT_ARRIVAL in labels:
            sp.lex = _craft_arrival(sp.lex, norms)
        if NAMED_MISSION[0] in labels and NAMED_MISSION[2] in labels:
            sp.lex = _named_mission(sp.lex, token_starts, text)
        if not LANDINGS.isdisjoint(labels):
            sp.lex = _landed_models(sp.lex, norms, models, lang)
        if RECEIPT in labels:  # "Nicaragua recibió en 2016 un lote"
            sp.lex = _receivers(sp.lex, sp.ents, sent, norms, models, named, lang)
        if not labels.isdisjoint(OPENING_CLASSES):
            sp.lex = [s for s in sp.lex if s.label_ not in OPENING_CLASSES
                      or (s.start - sent.start < OPENING_REACH  # "in the third week" is no
                          and not _counts(s, sp.lex, class_kinds, norms))]  # edition
        # "The Batch 2 River-class ship", "los buques del Lote II": a batch numbered so is
        # the design of a class, no delivery
        if not BATCH_WORDS.isdisjoint(norms[sent.start:sent.end]):
            sp.lex = [s for s in sp.lex if s.end != s.start + 1
                      or norms[s.start] not in BATCH_WORDS or s.end >= sent.end
                      or not (norms[s.end].isdigit() or norms[s.end] in ROMAN_NUMERALS)]
        if "-" in text[sent.start_char:sent.end_char]:
            sp.lex = [s for s in sp.lex
                      if not _compound(s, trigger_classes, norms, token_starts)]
        taught = _taught_operations(sp.lex, text, norms)
        triggers = [s for s in sp.lex if s.label_ in trigger_classes
                    and (s.label_ != DRILL or s.start not in taught)]
        if not triggers:
            continue
        # (mentions are resolved in text order whenever asked: the events noted so far are
        # the same whether sentences without a trigger ask or not)
        opening = _opening_noun(sent, sp.lex, models, norms, lang)  # (read twice below)
        subject = _opening_reference(opening, first_by_type)
        if subject is not None:  # "The purchase comes weeks after ...": from the purchase
            timeline.note_event(subject.date, subject.precision)
        resolved = timeline.until(sent.end_char)
        mentioned = within(resolved, sent.start_char, sent.end_char)
        if mentioned and any(_in_date(t, mentioned, text)
                             for t in triggers):  # "septiembre pasado"
            sp.lex = [s for s in sp.lex if s.label_ not in trigger_classes
                      or not _in_date(s, mentioned, text)]
            triggers = [s for s in triggers if not _in_date(s, mentioned, text)]
            opening = _opening_noun(sent, sp.lex, models, norms, lang)
            if not triggers:
                continue
        dates = [d for d in mentioned if d.value and not d.bound]
        if not dates:  # "Lima, 18 de diciembre de 2013.- El Ministerio informa que culminó",
            # "SAO PAULO, June 18 (Reuters) - Sweden has chosen": the day a wire's dateline
            # files the story dates the news its lead tells, when nothing else does, at its
            # month (what the lead tells may have happened days before: "returned from Iran")
            dates = [replace(d, bound=False, value=d.value[:7], precision="month")
                     for d in mentioned if "dateline" in d.parts and d.value
                     and d.precision == "day"][:1]
        if not dates and index and paragraph[index - 1] == paragraph[index]:
            dates = date_line(sentences[index - 1], resolved, text)
        dated = [bisect_right(token_starts, d.start) - 1 for d in dates]
        present = _without_plain(frames.classes(sp.lex), _plain_operations(sp.lex, text) | taught)
        if not frames.may_read(triggers, present, dated, models, said_later):
            continue  # (nor will it once the classes said around are added: nothing is read)
        received = [t.start for t in triggers if t.label_ == RECEIVED]
        origins = _origins(sp.ents, present, norms, models, named, received) if received else []
        if origins:  # "recibidos de Alemania", "dos fragatas portuguesas": where the
            # platforms come from, a power the sentence names (arms_transfer.received_from)
            present[PROVENANCE] = sorted({*present.get(PROVENANCE, ()), *origins})
        closings = [s for s in sp.lex if s.label_ in CLOSING]  # said in the sentence itself
        opens = OPENING[0] in present
        at_par = paragraph[index]
        own_lac = parties[index][1]  # (a paragraph of another state's deal lends no cue)
        around = set().union(*(cue_classes.get(at_par + k, set())
                               for k in range(-CUE_PARAGRAPHS, CUE_PARAGRAPHS + 1)
                               if not k or not _other_deal(at_par + k, own_lac, paragraph_lac)))
        key = (at_par, frozenset(own_lac))  # (sentences of a paragraph and state lend alike)
        told_of = _platform_trade(index, platforms_of, sentences, text, title_said, headline,
                                  hulls, trade_of) \
            if TRADE_CUES.isdisjoint(present) else set()
        if len(told_of) == 1:  # the platform's other mentions say a gift or a sale, not both
            around = (around - TRADE_CUES) | told_of
        elif around.issuperset(TRADE_CUES) and TRADE_CUES.isdisjoint(present):
            # a gift and a price both said only around: the nearer paragraph's decides
            around -= TRADE_CUES - _lent_trade(lent_by, key, own_lac, trade_said, trade_at,
                                               paragraph_lac)
        sold = (MAKER in present or MADE in present
                or not PURCHASE_WORDS.isdisjoint(present)) \
            and POLICE not in present  # "Korea Aerospace Industries delivered the first
        # two KT-1P trainers", "recibió de Rusia un lote de 50 tanques, una compra que":
        # goods a manufacturer hands over, or the sentence's own purchase, are sold,
        # whatever gift the story says of other goods around (goods for the police are
        # their cooperation, by whatever trade); so are goods the sentence says made by a
        # maker or abroad ("received a batch of Chinese-made military vehicles", "jatos K-8
        # de fabricação chinesa, recebidos a partir de 2011"): a gift said of them is said
        # in their own sentence
        if not sold and TRADE_CUES.isdisjoint(present) and GIVE_CLASS in present:
            handed = _goods_given(triggers, present, norms, models, lang)
            if handed is not None:  # "Japón le dio a la Armada dos patrulleras": what the
                # verb of giving hands over is goods, given (after the verb: its own frames
                # read it)
                present[GIFT] = [handed]
        if lang in GIVING_FORMS and not sold and TRADE_CUES.isdisjoint(present):
            given = _given(triggers, norms, GIVING_FORMS[lang])
            if given is not None:  # "Seoul gave the Colombian Navy a corvette": the
                present[GIFT] = [given]  # handing over says the gift itself
        for cls in around - present.keys():
            if not (sold and cls == GIFT):
                present[cls] = [sent.start - PARAGRAPH_DISTANCE]  # said around, not in, it
        if not around & TRADE_CUES:  # nothing near says gift or sale: the document may,
            # by the paragraph nearest that says either
            for cls in _lent_trade(lent_by, key, own_lac, trade_said, trade_at,
                                   paragraph_lac) - present.keys():
                if not (sold and cls == GIFT):
                    present[cls] = [sent.start - 2 * PARAGRAPH_DISTANCE]
        story = _story(index, spans, paragraph, headline, lead)
        for cls in story:
            present[cls + CONTEXT] = [sent.start - PARAGRAPH_DISTANCE]
        for cls, back in _series_recency(index, spans, paragraph, headline, story).items():
            present[cls + CONTEXT] = [sent.start - PARAGRAPH_DISTANCE - back]
        lent = _told_objects(opening, story, present)
        shipped = (_shipped_in(sp.lex, norms, number_words)
                   if not labels.isdisjoint(GOODS_PLATFORMS) else []) \
            + (_unloaded(sp.lex, norms, sent) if not labels.isdisjoint(UNLOADED_GOODS) else [])
        if shipped:  # a platform carried inside a nameless transport: cargo, delivered
            present["cargo"] = sorted({*present.get("cargo", ()), *shipped})
        _first_units(triggers, sent, present, norms, models, lang)  # (a batch: before
        _counted_units(triggers, sent, story, present, norms, models, lang)  # its units)
        _pronoun_objects(triggers, sent, story, present, norms, lang)
        subject_at = None  # where the sentence says the story's ship again, if it does
        if "ship" + CONTEXT in present and not any(
                p < t.start for c in CARRIERS for p in present.get(c, ()) for t in triggers
                if t.label_ in ANAPHOR_CALLS):  # (a ship or crew named after the call, before
            # a second verb of it, "where its crews drilled with Chilean units", is no
            # subject of the call)
            subject_at = _ship_anaphor(triggers, sent, sp, norms, lang, text,
                                       token_starts, unit_words)
            if subject_at is not None:  # "it anchored at Havana", "the group reached Valparaíso",
                # "hizo escala en Río": the story's ship, said again (a ship named after the
                # verb is its object: "giving officials a look at a Chinese military vessel")
                present["ship"] = sorted([subject_at, *present.get("ship", ())])
        if "official" + CONTEXT not in present:  # "foi a vez de Tripathi vir ao Brasil":
            if named_in is None:  # a person introduced with a title before is an official
                named_in = person_sentences(text, sentences, found(doc).persons)
            if any(j < index and spans[j].titles for j in named_in.get(index, ())):
                present["official" + CONTEXT] = [sent.start - PARAGRAPH_DISTANCE]
        if CIVIL_SHIP in present and _naval_group(sp.lex):
            del present[CIVIL_SHIP]  # "la fragata ..., el submarino ..., el buque petrolero
            # Académico Pashin y el remolcador ...": a navy's tanker sailing with its group
        _across_aside(present, sent, norms, models.relatives.get(lang, frozenset()), lang)
        if not frames.readable(triggers, present, dated, models):
            continue  # (no frame of its triggers finds its company: nothing is read)
        story_lex = partial(_story_lex, index, paragraph, headline, spans)  # (if needed)
        when = frozenset(k for d in dates for k in range(
            bisect_right(token_starts, d.start) - 1, bisect_left(token_starts, d.end)))
        read = _read(triggers, present, dated, models, norms, lang, sp.lex, story_lex, lent,
                     when, sp.cues, sp.persons, range(sent.start, sent.end))
        unwelcome = {r.trigger for r in read if r.frame.id == RECEIVED_CALL and any(
            m.label_ == RECEIVE_GOODS and m.start == r.trigger.start for m in sp.lex)
            and not any(w.startswith(GUEST_STEMS)
                        for w in norms[r.trigger.start:r.trigger.end])
            and not _foreign_guest(r.trigger, sp.lex, sp.ents, norms, models)}
        if unwelcome:  # "received the frigate", "recibió tres lanchas": goods received (a
            # guest is welcomed, or in Spanish takes the personal 'a' that leaves the verb
            # no reading of goods), the goods' reading stands
            read = _read([t for t in triggers if t not in unwelcome], present, dated, models,
                         norms, lang, sp.lex, story_lex, lent, when, sp.cues, sp.persons,
                         range(sent.start, sent.end))
        read = _named_launch(read, dated, norms, text, token_starts, sent.start,
                             present, sp.ents)
        # a ship makes no landing of people or goods: "O francês desembarcou em Belém", "a
        # comitiva desembarcou", "desembarcaron los tanques" tell a visitor's or a delivery's
        # arrival, never a call (the same verb stays theirs)
        read = [r for r in read if r.frame.type != "port_call"
                or not norms[r.trigger.start].startswith(DISEMBARK_STEMS)]
        # "completó la maniobra de atraque", "iniciaba la maniobra para dejar el muelle", "the
        # docking manoeuvre": a ship's own handling at its berth, no exercise
        read = [r for r in read if r.frame.type != "exercise" or r.trigger.end - r.trigger.start
                > 1 or not norms[r.trigger.start].startswith(MANOEUVRE_STEMS) or not any(
                    w.startswith(BERTH_STEMS) for w in norms[max(sent.start, r.trigger.start
                                                                 - BERTH_REACH):min(
                        sent.end, r.trigger.end + BERTH_REACH)])]
        if any(p >= sent.start for c in DEAL_CLASSES for p in present.get(c, ())):
            # "La operación comenzó a tomar forma ... una carta de intención para la venta
            # de los aviones": an operation told beside a sale or a price is the deal, no
            # exercise (a named or joint one keeps its own frames' company)
            read = [r for r in read if r.frame.type != "exercise"
                    or not norms[r.trigger.start].startswith(OPERATION_STEMS)
                    or r.trigger.end - r.trigger.start > 1]
        elif any(c in present or c + CONTEXT in present for c in DEAL_CLASSES):
            # "La operación se cerró menos de dos semanas después", "A operação só foi
            # possível com o aval dos EUA": the operation a definite article refers back to,
            # in a story that tells a sale or a price around it, is that deal, no exercise
            # (one done with a partner force keeps its frame: "A operação, realizada em
            # conjunto com a Marinha dos Estados Unidos"; nor does a named one, its word
            # capitalised: "a Operação Formosa", "the Operation UNITAS")
            read = [r for r in read if r.frame.type != "exercise"
                    or any(not PARTNER_COMPANY.isdisjoint(g) for g in r.frame.needs)
                    or not norms[r.trigger.start].startswith(OPERATION_STEMS)
                    or r.trigger.end - r.trigger.start > 1 or not r.trigger.start
                    or norms[r.trigger.start - 1] not in determiners
                    or text[token_starts[r.trigger.start]].isupper()]
        read = _visit_not_sale(read, present, sent, sp, norms, models, lang)
        read = _given_no_goods(read, present, norms, models, lang)
        if not read:
            continue
        if not dates:  # "the forum that has run since Wednesday 24 October": its start
            begun = _ongoing_since(read, mentioned, text, len(
                {e.kb_id_ for e in sp.ents if e.label_ in NAMED_SIDES}))
            if begun:
                dates = begun
                dated = [bisect_right(token_starts, d.start) - 1 for d in dates]
                read = _read(triggers, present, dated, models, norms, lang, sp.lex, story_lex,
                             lent, cues=sp.cues, persons=sp.persons,
                             sentence=range(sent.start, sent.end))
        # "the defense chiefs of the United States, Canada and Mexico met": three states
        # among themselves hold a forum, no visit; a meeting of others is no such forum
        read = [r for r in read if (r.frame.id == AMONG_FORUM) == (
            r.trigger.label_ in AMONG_CLASSES and _met_among(r.trigger, sp.ents, norms, models,
                                                              named)) or not (
            r.frame.id == AMONG_FORUM or r.frame.type == "senior_visit")]
        if not read:
            continue
        sp.cues = opening_only(sp.cues, sent.start, models)  # "Neither ... nor": at the start
        habitual = not dates and any(
            "since" in d.parts and not any(isinstance(p, tuple) and p[:1] == (WHEN_AT,)
                                           for p in d.parts)
            for d in within(resolved, sent.start_char, sent.end_char))  # (a "since"
        # date that opens a "when" clause dates that clause's occurrence: no habit)
        kinds = {c.label_ for c in sp.cues}
        departures = [c for c in sp.cues if c.label_ == "departure"]
        left_home = [c for c in departures if _left_abroad(c, sp.ents, models, named)]
        sayings = [c for c in sp.cues if c.label_ == "saying"]
        again = [c for c in sp.cues if c.label_ == "again"]
        delivered = [c for c in sp.cues if c.label_ == "delivered"]
        # "During the visit": the occurrence of the noun's kinds told before, if any, else
        # (a cue placing the sentence by an event already stated) the last one told
        anchor = _anchor(sent, sp.lex, models, norms, lang)
        if anchor is None and _port_again(sent, sp.ents, norms,
                                          models.anchor_links.get(lang, frozenset()), last_by_type):
            anchor = ("port_call",)  # "Em Salvador, a tripulação ...": the call's stay
        if "anchor" in kinds and not (anchor and any(t in last_by_type for t in anchor)):
            anchor = ()
        # an officer named here by rank, or a person a defence title introduced: a military
        # actor of the sentence, as its armed force would be ("Colonel General Fomin visited")
        officer = index in officers or index in ranked or any(
            t.label_ in DEFENCE_RANKS for t in sp.titles)
        own_defence = bool(present.keys() & set(DEFENCE_CLASSES)) or any(
            e.label_ == "INSTITUTION" for e in sp.ents) or officer
        # (a defence leader the sentences just before name, whom a bare surname or a dropped
        # subject goes on with: "Hegseth llegó a Panamá el lunes. Al día siguiente se reunió
        # ... con el presidente José Raúl Mulino": the story's defence actor)
        defence = own_defence or bool(story & set(DEFENCE_CLASSES)) or _officer_before(
            index, officers, paragraph, headline)
        classes_here = {s.label_ for s in sp.lex}
        civil_words = not classes_here.isdisjoint(CIVIL)
        trade_words = not classes_here.isdisjoint(TRADE)
        civilian_here = (civil_words or trade_words) and not _defence_here(sp)
        civil = civilian_here and civil_words
        # a leader at a trade summit is civilian even in a story about defence, unless the
        # sentence names an official's counterpart ("estuvo en Buenos Aires con su homólogo
        # argentino, con quien repasó la seguridad de la cumbre del G20"): the talks of two
        # officials, the summit their topic
        counterparts = "official" in present and not COUNTERPARTS.isdisjoint(
            norms[sent.start:sent.end])
        civilian = not counterparts and (
            (not defence and bool(present.keys() & set(CIVILIAN_CLASSES)))
            or (not own_defence and set(CIVILIAN_CLASSES) <= classes_here))
        # heads of state alone, with no defence word in the sentence and no defence leader in
        # it or in the sentences just before (whom a bare surname or a pronoun may name:
        # "Hegseth had called on President Mulino") ("Lula travelled to Washington to meet
        # President Biden", "Raisi toured the three countries"): a state visit, not a senior
        # defence visit, even in a story about warships
        # (the defence it asks for is an actor's, an armed force or an officer: a ship, an
        # aircraft or a weapon named beside the leaders is another occurrence or their topic,
        # "Lula was about to fly to Washington for his meeting with Biden, and a pair of
        # Iranian warships in Rio ...", "Medvedev toured the Admiral Chabanenko")
        summit = "head_of_state" in present and "anaphora" not in kinds \
            and "official" + CONTEXT not in present and not (
                set(present.get("official", ())) - set(present.get("head_of_state", ()))) \
            and not (any(set(present.get(c, ())) - _topics(sent, norms, text, token_starts)
                         for c in DEFENCE_ACTORS)
                     or any(e.label_ == "INSTITUTION" for e in sp.ents) or officer)
        # (an official's word inside a head of state's title is none: "Prime Minister
        # Benjamin Netanyahu visited Buenos Aires", "o primeiro-ministro Narendra Modi")
        context: list[tuple[set[str], set[str]]] | None = None  # (read when a side is missing)
        after = min((c.end for c in sp.cues if c.label_ == "accompany"), default=None)
        accompanying = set() if after is None else {
            stands_for(e, models, named) for e in sp.ents if e.start >= after} - {None}
        going = gone_to(sp.ents, sp.cues, norms, models, named)
        came = came_from(sp.ents, sp.cues, norms, models, named)  # "flew from Soto Cano"
        came_by = {stands_for(e, models, named) for e in sp.ents
                   if e.label_ == "INSTITUTION"} if came else set()  # (whose forces flew)
        hosts = forum_venues(sp.ents, sp.cues, sp.lex, norms, models, named)  # "on the
        # sidelines of the conference in Montego Bay, Jamaica": the forum's host
        onward = gone_to(sp.ents, sp.cues, norms, models, named, ("onward",))
        lac_places = tuple(e.start_char for e in sp.ents if e.label_ in ("LOCATION", "COUNTRY")
                           and regions.get(stands_for(e, models, named) or "") == "LAC")
        transit = destinations(sp.ents, sp.cues, norms, models, named, ("transit",))
        fronted_at, fronted = _fronted_before(text, sent, sp.ents, models, named,
                                              [m for m in sp.lex if m.label_ in CALL_WORDS])
        instead = replaced(sp.ents, sp.cues, norms, models, named) | rivals(
            sp.ents, sp.cues, norms, models, named)  # "in place of a planned
        # appearance at the Chilean Navy's celebrations": what did not happen
        stops_on_way = [c for c in sp.cues if c.label_ == "transit"]  # "escala técnica en"
        legs = [r.trigger for r in read if any(
            c.label_ == "onward" and c.start <= r.trigger.start and r.trigger.end <= c.end
            for c in sp.cues)]  # "antes de llegar a Chile": the next leg's own verb
        dated_leg = any(_dated_here(t, dates, text) for t in legs)
        if dated_leg:
            onward = set()  # "in Belize and Guatemala before reaching Honduras on Nov. 20":
            # a dated leg is a stop of the tour told in sequence, not where it goes next
        # (whether the sentence tells a future: read once, asked again by its readings)
        sentence_text = text[sent.start_char:sent.end_char]
        other_times: list[tuple[int, int, bool]] | None = None  # (``_background_clauses``)
        sentence_case = cased(sentence_text)  # (read once for each word list it is asked)
        future_here = holds(sentence_case, future_said) \
            and future_pattern.search(sentence_text) is not None
        owed_here = not owed_said or holds(sentence_case, owed_said)  # (``_told_planned``)
        gone_on = [] if dated_leg or future_here else _gone_on(
            sp.cues, sp.ents, norms, models, named, text, sent.end_char)
        stated_before = None if _recent_opening(text[sent.start_char:sent.end_char],
                                                models.dates["recency_openers"].get(lang, ())) \
            else date_before(resolved, sent, paragraph, index, sentences)  # "More recently,
        # three boats ... arrived": after the paragraph's dates, not at them
        per_type: dict[str, list[Candidate]] = {}
        # a coordinated clause with a time of its own tells another occurrence: its
        # trigger stands first in its own telling ("..., and in March 2019 a delegation
        # visited"), beside the types read in it only
        opened_at = segments(dates, text, sent, sp.ents, triggers,
                             [(r.frame.type, r.trigger) for r in read
                              if r.frame.type in OBJECT_TYPES], relatives - place_relatives)
        read, dates, later, looked = _later_acts(_since_signing(read, sp.lex, text), dates,
                                                 mentioned, text)
        if not read:
            continue
        # (the pair ``_later_acts`` found, or, where it read no later act, the sentence's own)
        ratified = (None if later is None else later[0]) if looked else \
            _ratified_apart(read, dates, text)
        if ratified is not None:  # "signed on 10 July 2002 and approved by Congress in
            # January 2003": the approval is an occurrence of its own, with its own date
            opened_at = sorted({*opened_at, ratified})
        told_apart = [bisect_right(token_starts, c) for c in opened_at]
        telling = {r.trigger.start: bisect_right(told_apart, r.trigger.start) for r in read}
        # a coordinated part without a verb of its own carries the verb before it to another
        # occurrence ("held at Fort Bragg in 2019, and the second at Fort Polk in 2022")
        gaps = ellipses(dates, text, sent, sp.ents, [  # (nouns: no verbs, no cues)
            s for s in sp.lex if s.label_.endswith("_n")
            or class_kinds.get(s.label_) in ("object", "actor")], triggers)
        bounds = sorted({*opened_at, *(gap[0] for gap in gaps)})
        # where the sentence's tellings part for a state's own time: a semicolon parts them too
        semicolons = _semicolons(text, sent.start_char, sent.end_char)
        apart_at = sorted({*opened_at, *semicolons})
        # a telling's own time dates it, never a later telling's ("China donated trucks
        # to the ABDF, and in March 2019 a delegation visited": the gift is not dated March
        # 2019)
        told_dates = [dates] if not told_apart else [
            [d for d in dates if not any(token_starts[k] <= d.start for k in told_apart[i:])]
            for i in range(len(told_apart) + 1)]
        # ... nor an earlier telling's, when it states a calendar time of its own ("Two
        # Tu-160s landed in Venezuela in September 2008, and in 2013 another pair flew to
        # Venezuela": the second flight is of 2013 alone, no list "September 2008, and in
        # 2013"; "Na terça-feira (11), ... e o comandante das FAG assinaram o plano para o
        # segundo semestre": a time counted from the publication may tell a plan's span)
        for i in range(1, len(told_dates)):
            since = token_starts[told_apart[i - 1]]
            own_time = [d for d in told_dates[i] if d.start >= since]
            if any(d.parts[:1] in CALENDAR_KINDS and "bare" not in d.parts and d.value
                   and not d.bound for d in own_time):
                told_dates[i] = own_time
        if ratified is not None:  # (the approval's own date, not the signing's before it)
            apart = told_apart.index(bisect_right(token_starts, ratified)) + 1
            told_dates[apart] = [d for d in told_dates[apart] if d.start >= ratified]
        # a second verb of the same subject telling another type ("travelled to Tehran and
        # signed a plan", "visitó La Paz, donde firmó"): its clause is weighed apart
        seconds = same_subject_opens(read, norms, when, sp.ents,
                                     function_words,
                                     relatives,
                                     [p for c in DOING for p in present.get(c, ())],
                                     frozenset(k for m in sp.lex if m.label_ in CALLERS
                                               and m.start >= sent.start
                                               for k in range(m.start, m.end)),
                                     frozenset(p for c in SEQUEL_VERBS
                                               for p in present.get(c, ()) if p >= sent.start))
        clause = {r.trigger.start: (telling[r.trigger.start],
                                    bisect_right(seconds, r.trigger.start)) for r in read}
        primary = {k: min((r for r in read if clause[r.trigger.start] == k),
                          key=lambda r: (r.frame.weak, -len(r.frame.needs),
                                         r.trigger.start)).frame.type
                   for k in set(clause.values())}
        # a leaders' meeting a signing implies, its two sides named apart and its place said
        # ("Jobim and Gates signed in Washington", "Petri signed with his Danish
        # counterpart, Poulsen, at a ceremony in Copenhagen"), is no rival reading of the
        # act: it is told with it, as firmly ("the two ministers signed", with no place,
        # may be a government's act: it stays a rival); the act's other readings, of
        # other words, still weigh both
        implied = _implied(read, sp, present, models, norms, lang, text, token_starts, sent)
        if anchor:  # ... nor when the sentence opens on the meeting itself, told before ("En
            # esa reunión, los dos viceministros firmaron el acuerdo", "During the visit, the
            # two ministers signed"): the signing's meeting is that one, no rival of the act
            implied |= {id(r) for r in read if r.frame.also and r.frame.type in anchor}
        implying = {r.trigger.start for r in read if id(r) in implied}  # (their acts' words)
        types_read = {k: len({r.frame.type for r in read if clause[r.trigger.start] == k})
                      for k in primary}
        types_told = {k: max(1, len({r.frame.type for r in read if clause[r.trigger.start] == k
                                     and id(r) not in implied})) for k in primary} \
            if implied else types_read  # (the count for the readings of an implying word)
        # the noun of an opening "During the stopover", "En esa reunión" refers back to the
        # occurrence told before: a reading of what may follow it (``sequels.FIRSTS``: a
        # course or drill of a call, a text signed at a meeting) is weighed without it, as
        # a second verb's clause is ("During the stopover, a team of French Navy
        # instructors ran a five-day course"; "No final da reunião, os dois governantes
        # assinaram uma declaração")
        anchor_at = _anchor_noun(sent, sp.lex, models, norms, lang) if anchor else None
        follows = frozenset().union(*(FIRSTS[t][1] for t in ANCHOR_NOUNS[anchor_at[1]]
                                      if t in FIRSTS)) if anchor_at is not None else frozenset()
        weighed = {k: [r for r in read if clause[r.trigger.start] == k
                       and (anchor_at is None or r.trigger.start != anchor_at[0])
                       and id(r) not in implied]
                   for k in primary} if follows else {}
        primary_own = {k: min(rs, key=lambda r: (r.frame.weak, -len(r.frame.needs),
                                                 r.trigger.start)).frame.type
                       for k, rs in weighed.items() if rs}
        types_own = {k: len({r.frame.type for r in rs}) for k, rs in weighed.items() if rs}
        terms = _agreement_terms(read, clause, present, sent.start, norms)
        # the stops a call lists are the ports of every port-call reading of the sentence
        listed = next((found_ for r in read if r.frame.type == "port_call" and (
            found_ := listed_stops(r.trigger, sp.ents, norms, models, named)) is not None), None)
        # a leader's tour told in the sentence ("aterrizó en Caracas y se reunió con su
        # homólogo, en la primera etapa de una gira que siguió por Nicaragua y Cuba"): its
        # meetings are held in each state of it, as its visits
        toured = any(r.frame.type == "senior_visit" and r.trigger.label_ in TRAVEL_CLASSES
                     for r in read)
        # a call of the sentence names its first port right after its verb ("called at
        # Recife", "hizo escala en Guayaquil"): its other readings ("spent several weeks
        # on the coast of Brazil") tell the same leg ("a team of officers from Argentina,
        # Brazil ... travels aboard" names no port)
        ported = any(r.frame.type == "port_call" and any(
            e.label_ in PLACE_LABELS and 0 <= e.start - r.trigger.end <= STOP_LEAD
            for e in sp.ents) for r in read)
        told_calls: list[int] = []  # the calls of the story's ship told here (``told``)
        passed = _passed_abroad(listed, read, index, spans, paragraph, fleet, models, named)
        batches: list[Mark] = []  # the further batches a trigger before told ("and two more")
        for reading in read:
            trigger, frame = reading.trigger, reading.frame
            part = telling[trigger.start]
            own_clause_of = clause[trigger.start]
            if any(retold(b, trigger, text) for b in batches):
                continue  # "..., and in October 2013 another pair landed at Maiquetía": the
                # further batch's own verb tells the occurrence the trigger before it was
                # dated again by (its type and sides are the first's: "two more visited
                # Venezuela" is no leaders' visit)
            if _reports(reading, read, sayings, dates, text):
                continue  # "Peru has signed a contract ..., the navy announced on Monday"
            if frame.type == "port_call" and "ship" not in present and _travellers_aircraft(
                    sp.lex, norms):
                continue  # "militares rusos, que llegaron en un avión Il-96 al aeropuerto",
                # "chegaram a Macapá em um avião C-17": the aircraft is the travellers'
                # vehicle, its landing no aircraft visit of its own
            if frame.type == "port_call" and trigger.label_ in GOODS_TRAVEL and \
                    HOST_SIGNS.isdisjoint(present):  # (a hospital ship, a drill, relief or
                # visitors said keep the call)
                had = _flag_it_had(sent, norms, text, token_starts) or (
                    index > 0 and paragraph[index - 1] == paragraph[index]
                    and _flag_it_had(sentences[index - 1], norms, text, token_starts))
                goods = had or STOPS.isdisjoint(present) and _goods_arrival(
                    present, sent.start, bool(parties[index][0] or fleet.get(index)))
            else:
                had = goods = False
            if goods:
                # "As primeiras unidades chegaram a Porto Velho" in a story of their purchase,
                # "o antigo HMS Ocean atracou no Arsenal": the buyer's goods reach their new
                # owner, the end of their delivery, no guest calls; named by the flag it had
                # (in its sentence or the one before: "Se trata del ex USAF 89-1188 ... El
                # avión aterrizó en El Palomar"), the craft's arrival is its delivery (what a
                # story tells of goods bought is read by the frames of goods:
                # "arms_transfer.arrival", ".batch_arrival")
                if not had:
                    continue
                reading = replace(reading, frame=models.frames[models.frame_order[VOYAGE]])
                frame = reading.frame
            if frame.type == "port_call" and trigger.label_ in PERSON_TRAVELS and \
                    _person_arrives(trigger, norms, surnames, determiners, sp.lex, sent.start):
                continue  # "Macron chegou ao Brasil na terça-feira", "Hegseth arrived in
                # Panama on Tuesday", "The next day Kelly flies to Puerto Castilla": a person a
                # title introduced travels, no ship or aircraft calls
            if frame.id in STORY_CALLS and surnames and any(
                    n in surnames for n in norms[sent.start:sent.end]):
                continue  # "On Tuesday Macron and Lula toured the Amazon near Belém", "Do
                # Rio, segue para São Paulo ... onde volta a se encontrar com Lula": a person
                # a title introduced is the traveller, as a leader's title would say
                # (without: official), not the story's ship
            if frame.type == "port_call" and not classes_here & CARRIERS and \
                    _personnel_arrive(trigger, sp.lex, sp.ents, norms):
                continue  # "Two days later, 300 US Marines arrived in San José", "llegaron a
                # Bogotá 200 efectivos", "os franceses chegaram a Manaus": soldiers travel,
                # no ship or aircraft calls (a ship told before stays out of their trip)
            if frame.id in CALL_MEETINGS and not sp.titles and not _starts_within(
                    person_starts, sent.start, sent.end) and any(
                    r.frame.type == "port_call" and r.trigger.label_ == ARRIVE
                    and r.trigger.start < trigger.start for r in read):
                continue  # "El USS Little Rock arribó al Callao ... y, tras tres días de
                # reuniones de planeamiento con los estados mayores": no leader named, the
                # meetings are the arriving ship's programme, part of its call
            if frame.id in CALL_TOURS and anchor is not None and "port_call" in last_by_type:
                continue  # "Durante la visita, los cadetes recorrerán la Escuela Naval": the
                # visiting ship's cadets touring the host's school are its call's programme
            if frame.id == SAIL_FESTIVAL and not any(
                    e.label_ in PLACE_LABELS and (0 <= e.start - trigger.end <= FESTIVAL_REACH
                                                  or 0 <= trigger.start - e.end <= FESTIVAL_REACH)
                    and " ".join(norms[e.start:e.end]) not in models.demonyms for e in sp.ents):
                continue  # "Peruvian cadets sailed in a regatta in July 2019": a festival
                # told with no port or state next to it (a people's name is none) is no
                # ship's call (its host is where "Sail Amsterdam, en los Países Bajos" names it)
            if trigger.start in passed:
                continue  # "O navio já passou por Fiji e Tonga e seguirá para Granada": a
                # power's ship's ports in third states on its way, no call of the story
            if frame.type == "port_call" and trigger.label_ in (ARRIVE, ONWARD) and _into_sea(
                    trigger, sp.lex, norms):
                continue  # "sailed into the Atlantic", "pasó al Pacífico", "zarparon hacia
                # el Atlántico": open water, no port
            if any(c.start <= trigger.start and trigger.end <= c.end for c in stops_on_way):
                continue  # "con escala técnica en Cuba": a stop on the way is no call
            if trigger in legs and not dated_leg and trigger.label_ != ONWARD:
                continue  # "antes de llegar a Chile, ... pasaron por el Callao": an undated
                # next leg's verb tells no occurrence of its own
            closes = frame.id in CLOSING_FRAMES or _closes(trigger, closings, norms, models,
                                                           lang, when)
            stretch = STRETCH_END if closes else STRETCH_START if opens else None
            veto = [c for c in vetoing(trigger, sp.cues, models, norms, lang)
                    if (trigger.label_ != ONWARD or not trigger.start <= c.start < trigger.end)
                    and not (frame.type == "port_call" and _since_route(
                        c, trigger, sp.ents, norms, models, named))]
            # (a route's own verb, "su ruta incluye", says what it holds, nothing generic)
            if veto and not (all(other_clause(c, trigger, models, norms, lang) or (
                    c.label_ == "recall" and c.end <= trigger.start
                    and _dated_here(trigger, dates, text)) for c in veto)
                             and _dated_apart(veto, trigger, dates_for(
                                 trigger, dates, text, sent, sp.ents, relatives, departures,
                                 None, place_relatives, birth_pattern), norms)):
                continue  # (a cue of another clause, or a recollection before the trigger,
                # leaves the trigger its reading when the sentence dates it: "recordó que en
                # julio pasado ..."; the date need not stand in the trigger's own clause: "goes
                # back to 6 November 2012, when Peru signed", "La conferencia, que se celebra
                # cada año ..., reunió esta semana", "foi incorporado ..., em junho de 2018, e
                # desde então": the cue speaks of its clause only)
            if _date_anchor(trigger, dates, text):
                continue  # "the day before the signing": the signing dates this, is not it
            if trigger.label_ == "arrive" and _comes_after(trigger, dates, text, lang):
                continue  # "la visita llega cinco semanas después de ...": no arrival
            if _named_before_sequence(trigger, dates, text):
                continue  # "La llegada de los buques se produce un mes después de": the
                # story's occurrence named again, told (and dated) elsewhere
            if frame.type in last_by_type and _told_coinciding(trigger, text):
                continue  # "La llegada de la flotilla coincide con la visita de Estado que
                # ... inicia este miércoles": the story's call named again, dated elsewhere
            if civilian and frame.type in ("senior_visit", "dialogue_forum"):
                continue
            if summit and frame.type == "senior_visit" and frame.id != SIGNING:
                continue
            if frame.type == "dialogue_forum" and not own_defence and "economic" in classes_here:
                continue  # "la Comisión Intergubernamental de cooperación económica y
                # comercial sesionó en junio": a trade forum, even in a defence story
            if frame.type == "senior_visit" and not set(present.get("official", ())) - set(
                    present.get("crew", ())) and any(
                    0 < trigger.start - p <= RANKS_REACH for c in ("troops", "crew")
                    for p in present.get(c, ())) and trigger.label_ not in CALLS_ON:
                continue  # "os guardas-marinhas visitaram a base": crews and cadets, no leaders
                # (the officials' class holds midshipmen and cadets: not as leaders here)
                # (sailors paying a courtesy call on a command meet its leaders)
            if frame.type == "senior_visit" and trigger.label_ == "meeting_n" and _forum_session(
                    trigger, sp.lex, text, token_starts, norms, models, lang):
                continue  # "the fifth meeting of the India-Brazil Joint Defence Committee",
                # "la reunión de la Comisión Mixta": a session of the forum, not leaders meeting
            if frame.type == "senior_visit" and trigger.label_ == RECEIVE and any(
                    m.label_ == RECEIVE_GOODS and m.start == trigger.start for m in sp.lex) and any(
                    r.frame.type in GIVEN and r.trigger.start >= trigger.start for r in read) \
                    and not _received_people(trigger, present, norms, models, lang):
                continue  # "recibió de manos del Embajador ... un lote de vehículos donados",
                # "The items were formally received at a ceremony ..., which China donated":
                # the goods told received, handed over, no leader hosted
            if frame.type == "senior_visit" and trigger.label_ in WELCOMES and (
                    _commander_welcomed(trigger, sent, sp.lex, sp.ents, norms, models, lang)
                    and not any(m.label_ in TALKS and trigger.end <= m.start < sent.end
                                for m in sp.lex)):
                continue  # "o comandante do veleiro ... foi recebido pelo Comandante do 2º
                # Distrito Naval", "el comandante de la flotilla ... fue recibido por": the
                # ship's commander welcomed on the call, part of it (talks held with the host,
                # "con quien conversó sobre", are a meeting of leaders)
            if frame.id == SIGNING and _firm_signs(sp.lex, sp.ents, norms, models):
                continue  # "el ministro y representantes de la compañía sueca Saab suscribieron
                # el contrato": a state's leader and a firm sign, no leaders of two states met
            if frame.type == "senior_visit" and trigger.label_ == RECEIVE and _ship_hosts(
                    trigger, sp.lex, norms) and "ship" + CONTEXT in present:
                continue  # "On Friday 29 December she hosted Guyana's Chief of Staff ..., who
                # were shown the ship's 30mm gun": the ship hosting officials aboard, part of
                # its call (the corpus: host officials touring a visiting ship are the call)
            if frame.type == "senior_visit" and trigger.label_ in WELCOMES and _ship_welcomed(
                    trigger, sent, sp.lex, norms, models, lang):
                continue  # "The vessel, with a crew of 90, was met at the pier by officers of
                # the Coast Guard", "O veleiro ... foi recebido por uma comitiva do Comando":
                # the ship welcomed on arrival, part of its call, no leaders' meeting
            if frame.type == "senior_visit" and trigger.label_ in AMONG_CLASSES and any(
                    0 < trigger.start - p <= FORUM_REACH
                    and FORUM_APART.isdisjoint(norms[p + 1:trigger.start])
                    for c in FORUM_SUBJECTS for p in present.get(c, ())):
                continue  # "the second conference met in Antigua", "los participantes
                # intercambiaron opiniones": the forum at work, no meeting of leaders (a
                # joining word between them opens a predicate of its own, its subject another:
                # "había participado en ese mismo foro y se había reunido con el titular ruso")
            if frame.type == "senior_visit" and trigger.label_ in MEETING_CLASSES and any(
                    abs(p - trigger.start) <= COMPATRIOT_REACH and p >= sent.start
                    for c in COMPATRIOTS for p in present.get(c, ())):
                continue  # "se reunió con funcionarios de la embajada de su país"
            if frame.type == "agreement" and _trade_accords(sp.lex):
                continue  # "suscribieron una serie de acuerdos en materia energética,
                # financiera y minera": accords of trade, whatever else the sentence tells
            if (civil and frame.type in CIVIL_TYPES) or (
                    frame.type == "agreement" and civilian_here and (
                        _civil_accord(trigger, sp.lex) or _civil_goods(sp))) \
                    or (civil and frame.type == "arms_transfer" and _civil_goods(sp)):
                continue  # "a State Department team arrived ... with $12 million in aid", "han
                # firmado un tratado de libre comercio", "a venda de helicópteros civis" (a
                # civil agency alone may still approve an arms sale, and sign an accord:
                # "an agreement for the sale of civil helicopters" is civil by its goods)
            if frame.type in CIVIL_GIFTS and not _military_actor(present, story, sp):
                continue  # wheelchairs handed out to a town: aid, but by no military
            flag = ship_state(trigger, sent, sp.ents, text, token_starts,
                              token_ends, models, bare.get(index, ())) \
                if frame.type == "port_call" else None
            if home_coming(trigger, sp.ents, flag, models) or \
                    own_station(trigger, sp.ents, norms, flag, models):
                continue  # "BAP Guise arrived at Callao": home, not a call; "USS Helena
                # arrived at Naval Station Guantanamo Bay": its own station, not a call
            own, ahead = parties[index], set()
            if own[0] and other_times is None:
                other_times = _background_clauses(sent, sp.ents, text)
            aside = _background_powers(trigger, sent, sp.ents, text, models, named,
                                       other_times or []) & own[0] if own[0] else set()
            if aside:
                own = (own[0] - aside, own[1])  # "docked in Havana a day before Cuban and
                # U.S. diplomats sat down for talks": a power only told in another time's
                # clause is no side of the trigger's occurrence
            if hosts and frame.type != "dialogue_forum":  # (the forum's own event keeps it)
                own = (own[0] - hosts, own[1] - hosts)
            # (where its legs end: the way home, "antes de retornar ao Brasil em outubro,
            # depois de ... 19 portos visitados", tells no leg of its own)
            home_at = sent.end_char if trigger.label_ != ONWARD else next(
                (m.start() for m in [LEG_END.search(text, trigger.end_char,
                                                    sent.end_char)] if m), sent.end_char)
            if frame.type == "port_call" and trigger.label_ != ONWARD and any(
                    r.frame.type == "port_call" and r.trigger.end_char <= trigger.start_char
                    and HOMEWARD.search(text, r.trigger.end_char, trigger.start_char)
                    for r in read) and not any(
                    e.label_ in PLACE_LABELS and e.start >= trigger.end for e in sp.ents):
                continue  # "seguirá para Brest ... antes de retornar ao Brasil em outubro,
                # depois de cerca de 150 dias de mar e 19 portos visitados": the count of
                # the way home after the legs told, no call of its own (a port named after
                # it is one: "antes de regresar a España, hará escala en Nueva York")
            if trigger.label_ == ONWARD and ("ship" not in present and any(
                    c in present for c in LEG_OTHERS) and frame.type == "port_call" or any(
                    r.frame.type == "port_call" and r.trigger.label_ != ONWARD
                    and r.trigger.start not in passed and r.trigger.start_char < home_at
                    and not FRONTED_AFTER.match(text, sent.start_char,
                                                r.trigger.start_char) for r in read)):
                continue  # "20 viaturas chegaram a Paranaguá e seguiram para Curitiba":
                # goods or people going on, no ship; "atracó en Cartagena y seguirá hacia
                # Santo Domingo", "pondrá rumbo a Buenos Aires y tiene previstas escalas en
                # Santos": the sentence's own call or stops tell it
            if trigger.label_ == ONWARD:  # "o secretário seguiu viagem para a Argentina, o
                # Chile e a Colômbia": a leader's tour goes on to the states named after it,
                # not those before ("Do Rio"); a place right after it, or no leg ("continue
                # to support the GDF"). "seguirá hacia Brasil, Argentina y Chile": a ship's
                # ports gone on to are its calls, the states named before it are not (a
                # power named before it as a place is a port already left, "já passou por
                # Fiji": only a ship or navy it names is the visitor there)
                dets = determiners
                if frame.type != "port_call" and not any(
                        e.label_ in PLACE_LABELS and 0 <= e.start - trigger.end <= 1 and all(
                            n in dets for n in norms[trigger.end:e.start])
                        for e in sp.ents):
                    continue
                ahead = {str(x) for x in (stands_for(e, models, named) or (
                    _port_country(e, models) if frame.type == "port_call" else None)
                    for e in sp.ents if e.start >= trigger.end and e.start_char < home_at)
                    if x is not None}
                if frame.type == "port_call" and not ahead:
                    continue  # no port or state named after it: a ship moving on within
                    # the yard or the story ("o navio segue para o cais de acabamento", "will
                    # continue to carry forward the friendship"), no call it tells
                if frame.type == "port_call":  # "pondrá rumbo a Valparaíso y luego a
                    # Balboa, en Panamá": a port gone on to names its one state, named in
                    # the story or not
                    own = (own[0], own[1] | {c for c in ahead if regions.get(c) == "LAC"})
                if frame.type != "port_call":
                    own = (own[0] - ahead, own[1] & ahead) if own[1] & ahead else (
                        own[0] & ahead, own[1])
                else:
                    navies = {str(x) for x in (stands_for(e, models, named) for e in sp.ents
                                               if e.label_ == "INSTITUTION") if x is not None}
                    own = (own[0] & (navies if own[1] & ahead else ahead | navies),
                           own[1] & ahead)  # (beside LAC ports gone on to, a power's port
                    # is one more stop, "Callao e Nova York", not the ship's flag)
                here = last_by_type.get(frame.type)
                if own[1] and here is not None and own[1] <= here.lac:
                    continue  # going on to another city of the state it is visiting ("segue
                    # para Macapá" after its call at Belém: the same visit)
            elif frame.type == "port_call" and going:
                own = (own[0] - going, own[1] - going)  # "before heading to Boston"
            elif onward:  # "visitou Manaus antes de embarcar para Buenos Aires"
                own = (own[0] - onward, own[1] - onward)
            if transit:  # "with a refuelling stop in Cuba", "cruzou o Canal do Panamá":
                own = (own[0] - transit, own[1] - transit)  # passed through, no side
            if fronted and frame.type == "port_call" and trigger.start_char > fronted_at:
                # "Before coming to Venezuela, the two ships paid an official visit to
                # Havana", "Antes de chegar ao Brasil, o Stone esteve em Georgetown": where
                # the ship goes after the call told is no side of it
                own = (own[0] - fronted if own[0] - fronted else own[0],
                       own[1] - fronted if own[1] - fronted else own[1])
            if came and own[1] & came and (own[1] - came or own[0] & came_by):
                # "JTF-Bravo's helicopters flew from Soto Cano Air Base, Honduras, ... and
                # reached Guantanamo Bay": Haiti's relief (the side left missing is read from
                # the sentences around); "the crew took off from Bogotá ... landed in Rome":
                # with no power's force flying, the state flown from is who flew
                own = (own[0], own[1] - came)
            if instead:  # "en lugar de Valparaíso": no side
                own = (own[0] - instead, own[1] - instead)
            if accompanying and frame.type in ("port_call", "senior_visit"):
                own = (own[0] - accompanying, own[1])  # "alongside ships from the US"
            if len(own[1]) > 1 and frame.type in GIVEN and trigger.label_ in GIVING:
                own = (own[0], _recipient_state(trigger, sp.ents, own[1], norms, models,
                                                lang) or own[1])
            if own[1] and not own[0] and (_the_ship(
                    sp.lex, text, token_starts, norms,
                    determiners) if frame.type != "port_call"
                    else _she(trigger, sent, norms) or _dropped(trigger, sent, sp, norms, lang)
                    or subject_at is not None):
                # "the ship's company hosted Colombian sailors": the power's ship told
                # before (a call finds its ship by its own frames: flag, ship@context)
                told_ship = _ship_told(index, fleet)
                if told_ship is not None:
                    own = (own[0] | {told_ship}, own[1])
            registered = None  # a side only the register of ships named
            if frame.type != "port_call" and len(ships_again.get(index, ())) == 1:
                flag = next(iter(ships_again[index]))  # "Escanaba's crew handed over":
                # the ship said again by its name alone is an actor of what it does
                registered = None if own[models.regions.get(flag) == "LAC"] else flag
            if frame.type == "port_call" and flag is not None and \
                    models.regions.get(flag) != "LAC" and own[0] - {flag} - fleet.get(index, set()):
                # "JS Setoyuki and JS Asagiri stopped at Panama City ... on their way to
                # Mayport, where U.S. 4th Fleet hosted them", "INS Tabar, em sua viagem
                # inaugural da Rússia para a Índia, atracou no Rio": a call's visitor is the
                # ship's navy; a power named beside it that flies no ship of the sentence
                # (where it sailed from or on to, a host elsewhere) is no side of it
                own = (own[0] & ({flag} | fleet.get(index, set())), own[1])
            if flag is not None and not own[models.regions.get(flag) == "LAC"]:
                # "HMCS Harry DeWolf called at Kingston": the ship's navy is the side missing
                own = (own[0] | {flag}, own[1]) if regions.get(flag) != "LAC" else (
                    own[0], own[1] | {flag})
            stops = listed if frame.type == "port_call" and listed is not None and (
                trigger.start_char >= listed.opens_at or not any(
                    trigger.end_char <= e.start_char < listed.opens_at for e in sp.ents
                    if e.label_ in ("LOCATION", "COUNTRY"))) else None
            ship, abroad = None, False
            if stops is not None:  # (a call with a port of its own keeps it)
                ship = ship_before(index, spans, paragraph, models, headline)
                power_ship = (ship is not None and regions.get(ship) != "LAC") or (
                    ship is None and _ship_told(index, fleet) is not None)  # (whose ship:
                # a power's ship told before reaches a LAC port after its stops; a LAC ship
                # told before comes home after its calls abroad)
                flags = {flag, *lac_fleet.get(index, ()), *(
                    [ship] if ship is not None and regions.get(ship) == "LAC" else [])}
                # (a LAC state named only as a port, not the ship's flag, is where the ship
                # calls, not whose ship calls abroad: "After stops in Cadiz and Lisbon, it
                # called at Salvador"; a power's ship's stops in third states make no LAC
                # ship's calls abroad: "Tras sus escalas en Tenerife, cruzó el Atlántico
                # hasta Salvador de Bahía")
                reached = (reached_after(
                    stops, [r.trigger for r in read if r.frame.type == "port_call"],
                    sp.ents, models, named, flags) | frozenset(own[1])
                    if power_ship else _ports_named(stops, sp.ents, norms, models, named)
                    - {story_home}) - flags  # (the story's LAC state, "el buque escuela
                # de la Armada de Chile ... llegó a Valparaíso", is the ship's home)
                own, abroad = stops.outside(own, ship, models, reached)
                if stops.far_stops and not stops.lac_stops and not own[1] and own[0] & (
                        _callers(sp.ents, norms, models, named) or (
                        set() if headline is None else
                        _callers(spans[headline].ents, norms, models, named))):
                    continue  # "the Russian ship called at Algiers", "o Perekop deixou
                    # Kronstadt e fez escala em Argel" under "Navio-escola russo chega a
                    # Havana": a power's ship at a third country's port, no call of the
                    # story's LAC host (a LAC ship's stops abroad name no power as actor)
            if frame.type == "port_call" and not own[1] and trigger.label_ == ARRIVE:
                port_state = _port_state(trigger, sp.ents, models)
                if port_state is not None:  # "recaló en Punta Arenas": the port's state,
                    own = (own[0], {port_state})  # not one the story named before
            if not own[0] and len(own[1]) > 1 and trigger.label_ in AMONG_CLASSES \
                    and "anaphora" not in kinds:
                if index in officers:  # (a defence leader of a power named by surname:
                    # "The Bogota stop followed a day in Santiago, where Mattis met Chilean
                    # President Sebastian Pinera": the power's leader met the LAC leader)
                    if said_states is None:
                        if persons_of is None:
                            persons_of = person_states(
                                document.text, tagged.persons, tagged.ents, tagged.titles,
                                token_starts, token_ends, models)
                        said_states = state_sentences(document.text, sentences,
                                                      tagged.persons, persons_of)
                    met_power = any(regions.get(c) != "LAC" for c in said_states.get(index, ()))
                else:
                    met_power = False
                if not met_power:
                    continue  # "the presidents of Guyana and Venezuela met": among LAC states
            own_named = parties[index]  # (the sides the sentence names itself)
            if (context is None and not (own[0] and own[1])) or (
                    register is None and not (own_named[0] and own_named[1])):
                if named_in is None:
                    named_in = person_sentences(document.text, sentences, found(doc).persons)
                if said_states is None:  # "Venezuelan Vice Minister X" ... "X met"
                    if persons_of is None:
                        persons_of = person_states(document.text, tagged.persons, tagged.ents,
                                                   tagged.titles, token_starts, token_ends,
                                                   models)
                    said_states = state_sentences(document.text, sentences, tagged.persons,
                                                  persons_of)
                if register is None:  # (the actors named with their state, read once)
                    register = Register.of(spans, sentences, chrome, document.text,
                                           token_starts, token_ends, norms, models, lang,
                                           persons_of or {}, bare)
                if context is None and not (own[0] and own[1]):
                    context = side_context(index, sentences, parties, paragraph, headline,
                                           named_in, story_home, crews, models.regions,
                                           (said_states or {}).get(index), story_power)
            # the side the trigger's subject refers back to ("The ship docked at Callao",
            # "la nave visitó", "Shoigu toured", "Llegó el martes a"), before those around
            referred_to = None if own_named[0] and own_named[1] or register is None else \
                register.resolve(trigger, index, sp, norms, document.text, token_starts,
                                 _previous(index, chrome, headline))
            referring = [] if referred_to is None or own[
                models.regions.get(referred_to.state) == "LAC"] else [
                sides_of({referred_to.state}, models.regions)]
            # (the story's own power stands for a context naming several: not for a
            # gathering's, whose every participant takes part)
            own_power = story_power if frame.type not in GATHERING_TYPES else None
            sides, from_context = fill_sides(own, [*referring, *(context or [])], story_home,
                                             own_power)
            if sides is None and (frame.partner_after or frame.type in SUPPLIED_TYPES):
                sides, from_context = fill_sides(own, [*referring, *(context or []), *_after(
                    index, paragraph, parties)], story_home, own_power)
                if sides is None and frame.partner_after:  # "A primeira das quatro
                    # fragatas ... foi lançada ao mar" before "baseado no projeto ... da
                    # alemã TKMS": the story's partner
                    sides, from_context = fill_sides(own, [*referring, *(context or []), *_after(
                        index, paragraph, parties, PARTNER_PARAGRAPHS)], story_home, own_power)
                if sides is None and frame.partner_after \
                        and len(powers := _story_powers(parties)) == 1:
                    # the programme's one foreign partner told further on ("A SPE Águas
                    # Azuis é formada pela alemã thyssenkrupp Marine Systems" four
                    # paragraphs after the launch): the only power the story names
                    sides, from_context = fill_sides(
                        own, [*referring, *(context or []), (powers, set())], story_home,
                        own_power)
            if sides is None and frame.type in LISTED_TYPES:
                listed_sides = _participants(index, spans, paragraph, parties, frame.type)
                sides, from_context = fill_sides(own, [*referring, *(context or []),
                                                       *listed_sides], story_home, own_power)
                if sides is not None and listed_sides:  # "a nona edição do exercício
                    # Cruzex" (its host) before "militares do Brasil, do Chile, da França e
                    # dos Estados Unidos vão treinar": every state the list names takes part
                    sides = (sides[0] | listed_sides[0][0], sides[1] | listed_sides[0][1])
            if sides is None and own[0] and not own[1] and frame.type in ONE_STATE_TYPES \
                    and len(lone := _story_states(parties)) == 1:
                # a ministry's release naming its own state once, after the sentence ("El
                # Ministro de Defensa Nacional participa en el VIII Foro de Xiangshan" before
                # "el Gobierno chino entregó al Ecuador"): the story's only LAC state
                sides, from_context = fill_sides(own, [(set(), lone)], story_home, own_power)
            if sides is None and own[1] and not own[0] and frame.type in ONE_STATE_TYPES \
                    and len(powers := _story_powers(parties)) == 1:
                # a forum whose sentence names its LAC host alone ("The seventh Conference of
                # Defense Ministers of the Americas began on Monday in the Nicaraguan
                # capital"), the sentences around no power: the story's only power
                sides, from_context = fill_sides(own, [(powers, set())], story_home, own_power)
            if aside and (sides is None or sides[0] & aside):  # "weeks after Russia's war
                # with Georgia" alone names the bombers' state: the sentences around lend no
                # other power (or lend that one: the sentence names it)
                sides, from_context = fill_sides((own[0] | aside, own[1]),
                                                 [*referring, *(context or [])], story_home,
                                                 own_power)
            if sides is None:
                continue
            if from_context and reacted.get(index, set()) & (sides[0] | sides[1]) - (
                    own[0] | own[1]):
                continue  # "accusing London of a provocation" in a story about a British
                # ship: the power the sentence names only as accused or reacting is no side
                # the sentences around may lend it
            # (a side read from what the subject refers to, not from the sentences around)
            antecedent = referred_to is not None and referred_to.state in sides[0] | sides[1] \
                and referred_to.state not in own_named[0] | own_named[1]
            # "the ship spent Christmas in Bridgetown" after "HMS Trent": the ship its
            # subject refers to is the call's visitor, weighed as the sentence's own named
            # ship would be (its flag no side lent by the sentences around); what the rules
            # do with a side from context (a support, a merge) stays as it was
            ship_side = ship is not None and ship not in parties[index][0] | parties[index][1] \
                or registered is not None  # the ship named before made a side
            caller_told = antecedent and frame.type == "port_call" \
                and referred_to is not None and referred_to.kind in CALLING_KINDS \
                and referred_to.named and sides[1] <= own[1] \
                and sides[0] == {referred_to.state} and not ship_side
            if ship_side:
                from_context = True
            extra, lac = sides
            home = {c for c in lac if models.sovereigns.get(c) in extra}
            if home and not lac - home:
                continue  # the UK in Anguilla, the Netherlands in Curaçao: at home
            lac -= home
            if frame.type == "senior_visit" and len(lac) >= GATHERED and any(
                    c in present for c in GATHERINGS):
                continue  # "participó de la apertura de la Conferencia ..., que reunió a
                # responsables de defensa de Argentina, Brasil, Chile, ...": three or more
                # states beside a forum or an exercise are its participants, not the hosts
                # of one leader's visits (the forum's or exercise's own event tells it)
            if frame.id.startswith(SIGNING) and not parties[index][0] and \
                    "purchase_n" in present and "agreement_n" not in present:
                continue  # "a contract ..., signed ... in the presence of President Boluarte
                # and Minister Astudillo": a contract whose foreign side the sentence does
                # not name (a firm, told elsewhere) met no leader of that power
            if frame.type == "senior_visit" and trigger.label_ in TRAVEL_CLASSES and not any(
                    c in present for c in LEADERS) and any(
                    r.frame.type == "exercise" for r in read):
                continue  # "3.000 militares brasileiros e contingentes de fuzileiros da
                # China e dos Estados Unidos estão em campo ... na Operação Formosa": forces
                # with no leader among them, where the sentence tells an exercise, are there
                # for the exercise
            firm_company = any(c in present for c in ("hold_v", "take_part_v", "sign_v"))
            told_here = _part_of(trigger, _of_disaster(told_dates[part], present,
                                                       token_starts, norms, function_words),
                                 present, token_starts)
            inside = _since_clause_dates(trigger, mentioned, sent)
            if inside:  # "cooperan desde que firmaron un acuerdo en 2008": the signing's
                told_here = sorted([*told_here, *inside], key=lambda d: d.start)
            chosen, own_clause = dates_for(_dated_by(trigger, frame, sp.lex), told_here,
                                           text, sent, sp.ents,
                                           relatives, departures,
                                           sayings, place_relatives,
                                           birth_pattern,
                                           left_home if frame.type in CALL_TYPES else None,
                                           lac_places if frame.type in CALL_TYPES else None,
                                           frozenset(m.start_char for m in sp.lex
                                                     if m.label_ in COURSE_CLASSES),
                                           frozenset(m.start_char for m in sp.lex
                                                     if m.label_ in WHOLE_CLASSES))
            if frame.type in OBJECT_TYPES:
                chosen = _signed_after(trigger, sp.lex, chosen)
            if trigger.label_ == ONWARD:
                chosen = _leg_dates(trigger, chosen, sp.ents, text)
            # a LAC ship's calls at the ports of powers named after its verb ("visitará
            # ... Nueva York, Estados Unidos; Aberdeen, Escocia; ...", "seguirá para Brest,
            # na França, e Hamburgo"): the legs of its voyage abroad, each a call at the
            # power's port; the way home after them ("antes de regresar a territorio
            # nacional a mediados de diciembre") dates none of them
            abroad_at = _hosts_named(trigger, sp.ents, models, named, extra) \
                if frame.type == "port_call" and len(lac) == 1 and extra and (
                    flag in lac or flag is None and lac <= own_named[1]) else {}
            far = [c for c, _ in stops.far_stops] if abroad and stops is not None else []
            way_home = {d.start for d in dates if d.start >= trigger.end_char and LEG_END.search(
                text, trigger.end_char, d.start) is not None} if abroad_at or far else set()
            chosen = [d for d in chosen if d.start not in way_home]
            # (two or more of them listed right after the verb: "passam por governos
            # europeus, e qualquer mudança de humor em Berlim, Roma ou Paris" lists none)
            abroad_tour = len(far) > 1 or len(set(abroad_at) & _listed_stops(
                trigger, sp.ents, norms, models, named, text)) > 1
            if frame.type in YEAR_NAMED and chosen:
                chosen = _named_year(chosen, mentioned, text, sent)
            if frame.type in STARTS_TOLD:
                chosen = _own_stretch(trigger, chosen, dates, text)
            told_on = reported(chosen, trigger, sayings, text)
            more: list[DateMention] = []  # the dates of the same told again
            if chosen and again:  # "..., y el pasado sábado lo hizo el patrullero"
                more = done_again(trigger, dates, chosen, again, text)
                chosen = sorted(chosen + more, key=lambda d: d.start)
                if more:
                    batches += [c for c in again if c.kb_id_ == BATCH_CUE
                                and c.start_char >= trigger.end_char]
            if chosen and delivered and frame.type == DELIVERED_TYPE:  # "purchase of 12
                # Mi-35M, signed in 2008 and delivered between 2010 and 2014", "un contrato
                # ..., que fueron entregados a lo largo del 2011": the goods' delivery, dated
                # apart from the order, is an occurrence of its own
                chosen = sorted(chosen + done_again(trigger, dates, chosen, delivered, text),
                                key=lambda d: d.start)
            if chosen and gaps:  # "..., and the second at Fort Polk in 2022": its own
                parts_after = _carried(trigger, gaps, bounds, chosen, dates)
                if frame.type in TRIP_TYPES:  # "visited Beijing on 3 May and Shanghai on 6
                    # May": one trip, unless the part goes to another state or another month
                    carried = []
                    for at, end, ds in parts_after:
                        elsewhere = {stands_for(e, models, named) for e in sp.ents
                                     if at <= e.start_char < end} - {None} - {
                            stands_for(e, models, named) for e in sp.ents if e.start_char < at}
                        carried += [d for d in ds if elsewhere or not any(
                            (c.value or "")[:7] == (d.value or "")[:7] for c in chosen)]
                else:
                    carried = [d for _, _, ds in parts_after for d in ds]
                chosen = sorted({*chosen, *carried}, key=lambda d: d.start)
            opened = _goods_relative(trigger, sp.lex, norms,
                                     relatives)
            if opened is not None and chosen and all(d.start < token_starts[opened]
                                                     for d in chosen):
                chosen, own_clause = [], False  # "the boats that Uruguay bought": not then
            if _goods_relative(trigger, sp.lex, norms, relatives, GOODS_PHRASE) is not None \
                    and chosen and not (chosen := [
                    d for d in chosen if not _main_verb_between(trigger, d, sp.lex)]):
                continue  # "las lanchas que Argentina compró a Israel llegaron a finales de
                # noviembre": the date is the main verb's; the relative clause only recalls
                # how the goods were had, an occurrence told elsewhere or not at all
            if chosen and frame.type not in QUALIFIED_TYPES:
                chosen = [d for d in chosen if not _qualified(
                    trigger, d, sp.lex, text,
                    models.dates.get("qualifier_participles", {}).get(lang, ()))]
            if frame.type in LASTING_CLOSE and not chosen and closes:
                chosen = _since_start(mentioned, text)  # "Concluíram o Curso ...
                # 92 oficiais, ..., que estiveram na Escola desde fevereiro": its start
            if frame.type in ENDED_STAY_TYPES and len(chosen) == 1:
                chosen = [_ended_stay(chosen[0], text[sent.start_char:sent.end_char],
                                      models.dates.get("ended_stays", {}).get(lang, {}),
                                      models.dates["numbers"].get(lang, {}))]
            if frame.type in LASTING_CLOSE and len(chosen) == 1:  # "closed on Thursday
                chosen = [_begun_day(chosen[0], mentioned, text, lang,
                                     closes or frame.type in STARTS_TOLD)
                          or _begun_day(chosen[0], mentioned, text, lang, False,
                                        trigger.end_char)
                          or _opening_day(chosen[0], text[sent.start_char:sent.end_char],
                                          models.dates["numbers"].get(lang, {}), lang, closes,
                                          LONGEST.get(frame.type, LONGEST_DEFAULT))]
            if frame.type in BEGUN_STAYS and len(chosen) == 1:  # "una visita oficial ...
                # iniciada na terça-feira (9)": the stay keeps its start
                chosen = [_begun_day(chosen[0], mentioned, text, lang, False,
                                     trigger.end_char, STAY_BEGUN_REACH) or chosen[0]]
            if chosen and all(_forecast(d, timeline.published) for d in chosen) and (
                    future_here or all(d.precision == "year" for d in chosen)
                    and prospect_pattern.search(text, sent.start_char, sent.end_char)):
                continue  # "deliveries are expected in 2026": a forecast, no occurrence;
                # so is a year alone after the publication's told in the mood of what is to
                # come ("o que deve ocorrer em 2025", "los aparatos llegarían en 2026", "A
                # expectativa é que os contratos sejam assinados ao longo de 2009"): a plan
                # with no date (the mood is asked for: a publication date misread from a
                # page would make a year told in the past look ahead)
            definite = trigger.start > 0 and norms[trigger.start - 1] in \
                determiners or _named_passive(trigger, frame.type, sp.lex, norms, determiners,
                                              models)
            plural = _plural(trigger, models, norms, lang) and not (all(parties[index]) and any(
                e.start == trigger.start and e.end == trigger.end for e in sp.ents)) and not (
                chosen and "aggregate" not in kinds and any(
                    PARTNERED in g for g in frame.needs))  # a
            # name ending in s told with its sides is one occurrence, no plural ("Belize
            # hosted Tradewinds with US troops"; "UNITAS was first held in 1960" tells the
            # series); so are drills told on a date of their own with the partner force
            # they were run with ("on May 31 ran boarding drills with Argentine warships"),
            # no count making them many ("exercises with several armies"); undated, they
            # may be a habit ("realizan operaciones conjuntas con buques de ambos países")
            if chosen and _over_years(chosen, text) and (plural or any(
                    _plural(m, models, norms, lang) and 0 < m.start - trigger.end <= SPAN_REACH
                    for m in sp.lex)):
                continue  # "signed eleven agreements with China between 2000 and 2015", "as
                # compras de navios ... entre 2010 e 2018": many occurrences over the years
            weak = frame.weak or plural
            if not chosen and (opened is not None or _goods_participle(
                    trigger, sp.lex, norms, lang)) and not any(
                    m.label_ in HANDLING and m.start != trigger.start for m in sp.lex):
                continue  # "donde la Fuerza Naval opera lanchas interceptoras donadas por el
                # Gobierno de los Estados Unidos", "tanks bought from Germany", "los tanques
                # que compró a Alemania": how the goods were had, told with no date of its
                # own, describes them; no occurrence for the story to date. Goods the
                # sentence has arrive or change hands ("llegaron a Montevideo tres lanchas
                # transferidas por la Guardia Costera") are the transfer told
            if not chosen and any(c.label_ == "plan" and said_of(c, trigger, models, norms, lang)
                                  for c in sp.cues):
                continue  # "Argentina plans to buy...": an undated plan is no occurrence
            if not chosen and index != lead and _present_simple(trigger, models, norms, lang):
                continue  # "Canada contributes ships and patrol aircraft to the effort",
                # "France provides assistance with the design", "A França fornece submarinos
                # ao Brasil", "España vende patrulleros a Chile": an arrangement that stands,
                # told undated in the present past the lead, no occurrence
            if FRONTED_BEFORE.match(text, sent.start_char, trigger.start_char) and \
                    "," in text[trigger.end_char:sent.end_char]:
                continue  # "Prior to arriving in port, the ship conducted an exercise on
                # Jan. 30", "Antes de su ingreso a puerto, el buque efectuó": the arrival
                # the main clause is placed before, told elsewhere, not dated here
            referred = None if chosen or anchor is None or trigger.label_ == ONWARD \
                else _anchored(anchor, _newest_call(first_by_type, last_by_type)
                               if trigger.label_ in CALLS_ON else last_by_type, timeline,
                               sent.start_char if _occasion_named(sent, sp.lex, models, norms,
                                                                  lang) else -1)
            # (a port gone on to is not the call told before)
            if not chosen and referred is None and trigger.label_ in CALLS_ON:
                # "the ship's commander will pay courtesy calls on the navy chief": part of
                # the ship's programme, dated by the call told before, if any
                referred = _anchored(("port_call",), _newest_call(first_by_type, last_by_type),
                                     timeline)  # (the stay is the newest call told, not
                # an earlier one recalled after it: "Earlier task groups came in 2009")
            if not chosen and referred is None and stated_before is None and "sequel" in \
                    kinds and frame.type == "senior_visit" and trigger.label_ in MEETING_CLASSES:
                # "Holsey then held separate meetings with", "Later the same day, Zhang held
                # talks": what came next in the story, on the day of the occurrence told last
                # when the sentence says so, else in its month ("Em seguida, Mattis terá
                # encontros em Buenos Aires": the day is unknown)
                referred = _anchored((), last_by_type, timeline)
                if referred is not None and not _same_day(
                        text[sent.start_char:sent.end_char],
                        models.dates.get("same_day_sequels", {}).get(lang, ())):
                    referred = _month_of(referred)
            if not chosen and referred is None and frame.type in LEAVING_TYPES \
                    and "leaving" in kinds:  # "On departure, the cutter and the patrol
                # vessel Amazonas conducted an exercise", "Al zarpar, la agrupación realizará
                # un ejercicio de paso": at the end of the call told before
                referred = _left_call(last_by_type)
            if not chosen and not dates and referred is None and frame.type in LEAVING_TYPES \
                    and not ported and any(sent.start <= p < sent.end
                            for c in STAY_CLASSES for p in present.get(c, ())):
                # "Within hours of arriving, a boarding team ... carried out a drill with the
                # coast guard", "The visit closed with combined manoeuvres", "Antes da
                # chegada, o grupo-tarefa realizou exercícios com as fragatas": a drill told
                # with the call (its arrival, its stay) is part of it, dated by the call
                # told before (a call whose port the sentence names right after its verb is
                # one told here: "called first at Valparaíso, where its crews drilled"; a
                # sentence that dates anything dates its drill by its own clauses); a stay
                # lasts days and the drill may come before it: the call's month
                referred = _anchored(("port_call",), _newest_call(first_by_type, last_by_type),
                                     timeline)
                if referred is not None:
                    referred = _month_of(referred)
            # a ship (named here or told before) at ports of several states the sentence
            # names ("the ships visited Cartagena in Colombia, Puerto Cortés in
            # Honduras and Santo Domingo", "hizo escala en Esmeraldas, en Ecuador, y en
            # Paita"): a leg of its voyage, a call at each
            voyage_leg = not chosen and frame.type == "port_call" and "ship" in present \
                and ported and len({stands_for(e, models, named) for e in sp.ents
                                    if e.label_ in PLACE_LABELS and e.start >= trigger.end
                                    and " ".join(norms[e.start:e.end])
                                    not in models.demonyms} & own[1]) > 1
            # the same list told with its date or of the story's ship ("En 2011 la nave
            # visitó Cuba, Jamaica, Trinidad y Tobago y Costa Rica", "It then visited Recife
            # in Brazil, Montevideo in Uruguay ..."): a tour's stops, each weighed as a leg
            # (the states of the list itself, its places one after another from the verb)
            tour = _listed_stops(trigger, sp.ents, norms, models, named, text) & own[1] \
                if frame.type == "port_call" and ported and {"ship", "ship" + CONTEXT} \
                & present.keys() or frame.type == "senior_visit" \
                and trigger.label_ in TOUR_VERBS else set()
            # (a leader's tour told so, "he visited Colombia, Argentina, Chile and Peru",
            # "recorrió Venezuela, Nicaragua y Cuba": a visit to each state of the list,
            # weighed like a voyage's legs)
            tour = tour if len(tour) > 1 else set()
            # a ship's listed stops, the ship named in the story: its calls, not a mention
            told = (stops is not None or trigger.label_ == ONWARD or voyage_leg or (
                (subject_at is not None or _ship_again(
                    trigger, sp.lex, text, token_starts, norms,
                    determiners) and "ship" + CONTEXT in present)
                and ported and frame.type == "port_call")) and bool(
                {"ship", "ship" + CONTEXT} & present.keys())  # (and the ports it goes on to;
            # and the story's ship said again at a port it names: "it had earlier stopped at
            # the Brazilian port of Rio", "luego hizo escala en Punta Arenas")
            if told and frame.type == "port_call":
                told_calls.append(trigger.start)
            on_call = not told and frame.type in SEQUEL_TYPES and any(
                t < trigger.start for t in told_calls)
            if on_call:  # "The group called first at Valparaíso, where its crews drilled
                # with Chilean units", "se detuvo en Bluefields, donde ... realizó ejercicios
                # con efectivos del Ejército": what the story's ship did on the call told
                # before it in the sentence (sequels.CALL_SEQUELS), on that one occasion
                told = True  # (drills said in the plural, no habit)
            # a shipyard's ceremony told with the LAC navy whose ship it is, the foreign
            # builder from the story ("a Marinha do Brasil realizou a cerimônia de batismo e
            # lançamento da fragata" after "O estaleiro da thyssenkrupp viveu nesta sexta-
            # feira um dia de festa"): the ceremony itself, dated by the story, not a mention
            launched = frame.partner_after and bool(own[1])
            # (a leader the trigger's subject names by surname, his state told where a
            # title introduced him, lends his own side: "Hegseth, who also met Defense
            # Minister ..., held talks with the president at the palace")
            leader_named = antecedent and frame.type in LEADERS_TYPES \
                and referred_to is not None and referred_to.kind == PERSON
            support = (weak and not chosen and not referred and not firm_company) or (
                from_context and not chosen and not referred and "anaphora" not in kinds
                and not told and not launched and not leader_named) or (
                weak and definite and not own_clause) or habitual or (
                plural and not chosen and not on_call and not (referred and (
                    firm_company or "leaving" in kinds)))
            # "During the stay, he held meetings with ...": held, and dated by the stay,
            # they occurred; "Ao deixar o Rio, o porta-aviões fará exercícios com as
            # fragatas": drills as the ship leaves the call told, one occasion of its end
            if from_context and chosen and chosen[0].precision == "year" and not any(
                    e.label_ in PLACE_LABELS for e in sp.ents) and _origin_told(
                    chosen[0], text, sent.start_char,
                    models.dates.get("origin_markers", {}).get(lang, ())):
                support = True  # "The exercise, first held in 1984, has grown", "El
                # ejercicio se desarrolló por primera vez en 1960", "nasceu em 1959": the
                # series' origin told by its year alone, its sides those of the story's
                # edition, no occurrence of them (a first edition told with its place or its
                # day, "first conducted off South Africa in 2008", "se celebró en Ottawa el
                # 27 de marzo de 2012", is one)
            if _end_ahead(stretch, frame.type, chosen, first_by_type, timeline.published):
                support = True  # "O exercício termina em 2 de agosto": the told one's end
            if trigger in terms:
                support = True  # "signed an agreement accepting TT$30 million in military
                # aid", "assinaram o acordo que permitiu a instalação de uma estação de
                # rastreamento": what the agreement provides is its terms, the agreement the
                # occurrence (the aid given, the station built, told on their own, are theirs)
            if frame.type == "port_call" and (trigger.label_ == "visit_v" or not any(
                    p >= sent.start for c in VEHICLES for p in present.get(c, ()))) \
                    and not norms[trigger.start].startswith(MOORING_STEMS) \
                    and _placeless(sent, sp.ents, norms, models):
                support = True  # "Llegaron con la promesa de volver a volar", "o avião
                # percorreu por terra", "deu escala a empresas": no place reached, no call
                # (the story's vehicle, or a verb of visiting; "the ship arrived on Monday"
                # has its port told around it)
            date_source = "stated"
            before = stated_before  # (this reading's: a voyage's year dates only its stops)
            if not chosen and (stops is not None and ship is not None or voyage_leg
                               or abroad_tour) and not before:
                # the stops of a voyage told before: the voyage's date, as the story's; a
                # leg's, the month of the story's first call where it told one (the voyage
                # it goes on with, not a call of years before told in between)
                first_call = first_by_type.get("port_call") if voyage_leg or abroad_tour \
                    else None
                if first_call is not None and first_call.date:
                    before = DateMention(trigger.start_char, trigger.end_char, "",
                                         first_call.date[:7], "month" if len(
                                             first_call.date) > 4 else "year", "context")
                elif (voyage := date_before(resolved, sent, paragraph, index, sentences,
                                            VOYAGE_PARAGRAPHS)) is not None and voyage.value:
                    # (its stops follow it: the year)
                    before = DateMention(voyage.start, voyage.end, voyage.text,
                                         voyage.value[:4], "year", voyage.rule,
                                         parts=voyage.parts)
            if not chosen and trigger.label_ == ONWARD:  # the ports it goes on to: the
                # voyage's year, as its stops (a leg ahead, not before the year it is told in)
                leg = date_before(resolved, sent, paragraph, index, sentences, VOYAGE_PARAGRAPHS)
                year = int(leg.value[:4]) if leg is not None and leg.value else None
                if timeline.published and (year is None or year < timeline.published.year) \
                        and future_here:
                    year = timeline.published.year
                before = None if year is None else DateMention(
                    trigger.start_char, trigger.end_char, "", str(year), "year",
                    leg.rule if leg is not None else "published")
            # "held talks on the sidelines of the forum", no date of its own: the forum's
            at_occasion = occasion_of(trigger, frame.type, read, sp.cues, norms)
            setting = None if at_occasion is None or frame.type in follows else \
                _without_setting(read, clause, own_clause_of, at_occasion,
                                 implied if trigger.start in implying else set())
            dated_here = bool(chosen) and not told_on
            if not chosen and referred is None and before is None:
                before = _handover_year(frame.type, range(sent.start, sent.end), present,
                                        first_by_type, trigger)
            if not chosen:
                fallback = referred or before
                if fallback is not None and fallback.value and timeline.published and \
                        int(fallback.value[:4]) < timeline.published.year and \
                        perfect_pattern.search(
                            text[sent.start_char:sent.end_char]) is not None:
                    fallback = None  # "Russia has trained ... and donated trucks": told
                    # from the present, no occurrence of the past year the story told before
                told_now = text[sent.start_char:sent.end_char]
                going_on = holds(sentence_case, progressive_said) \
                    and progressive_pattern.search(told_now) is not None
                attending = frame.type == COURSE_TYPE and holds(sentence_case, course_said) \
                    and course_pattern.search(told_now) is not None \
                    and now_pattern.search(told_now) is not None
                if referred is None and timeline.published is not None and (
                        holds(sentence_case, stay_said)
                        and stay_pattern.search(told_now) is not None or going_on
                        or attending) and not future_here:
                    # "Admiral Faller is in Guyana on a three-day visit", "se encuentra en
                    # Lima": a stay told in the present is of the publication's month, and
                    # so is a course attended now ("two officers are now enrolled in the
                    # staff course", "Atualmente, um oficial ... cursa"; ``attending``);
                    # what is told going on ("marines are training with", "están
                    # entrenando") is of the story's present, the month of the occurrence
                    # told last when the days before publication hold it, else of that month
                    fallback = _now_told(timeline) if going_on else None
                    if attending:  # "..., which began in March": the course's start
                        fallback = begun_in(told_here, text, sent, frozenset(
                            m.start_char for m in sp.lex if m.label_ == OPENING_CLASS),
                            relatives)
                    fallback = fallback or DateMention(
                        trigger.start_char, trigger.end_char, "",
                        timeline.published.isoformat()[:7], "month", "published")
                if fallback is not None:
                    chosen, date_source = [fallback], "context"
            # a sentence its own paragraph dates no way before it, at the head of an
            # undated event, goes on with the past time the paragraph before told ("El 28
            # de noviembre de 2005 ... firmaron" / "El entonces ministro viajó a Caracas
            # para la ceremonia"), not the publication's month (``merge.weighed_event``)
            published = timeline.published
            paragraph_time = None if chosen or before is not None or anchor is not None \
                or future_here or published is None or _recent_opening(
                    text[sent.start_char:sent.end_char],
                    models.dates["recency_openers"].get(lang, ())) else date_before(
                    resolved, sent, paragraph, index, sentences, OPENING_PARAGRAPHS)
            if paragraph_time is not None and (
                    not paragraph_time.value or published is None
                    or paragraph_time.value[:7] >= published.isoformat()[:7]
                    or perfect_pattern.search(text[sent.start_char:sent.end_char])
                    is not None):
                paragraph_time = None  # (the publication's month, or told from the present;
                # and not where the sentence places itself by an occurrence, "At the same
                # meeting", that the story did not tell: no date of another)
            # dated by the event its opening places it in ("During the stay", "While in
            # port", "On departure"), not by the date said last: a firmer context date
            anchored = date_source == "context" and referred is not None and chosen == [referred]
            split = frame.type == "port_call" or trigger.label_ in TRAVEL_CLASSES + CALLS_ON or (
                trigger.label_ in MEETING_CLASSES and (toured or _met_in_each(
                    trigger, lac, sp.ents, models, named)))
            states = stops.ports(lac) if stops is not None and abroad else []
            if not states and trigger.label_ == ONWARD and len(extra & ahead) > 1 \
                    and not lac & ahead:  # a LAC ship going on to Lisbon and Brest: a call
                # at each power's port
                states = [(({x}, lac), next(((e.start_char, e.end_char) for e in sp.ents
                                              if stands_for(e, models, named) == x), None))
                          for x in sorted(extra & ahead)]
            if not states and frame.type == "port_call" and len(lac) == 1 and len(extra) > 1:
                # one LAC state's ship at the ports of several powers ("recaló en San Diego
                # y después visitó puertos de Japón, Corea del Sur y China", "passou por Las
                # Palmas, na Espanha, e por Casablanca"): a call at each power's port
                # (not where the LAC state is the port: "landed at Maiquetia after
                # refuelling in Syria" is the powers' craft calling at the LAC port)
                # (a power's port the sentence names by the port alone is a call at that
                # power as much: "recaló en San Diego, California, y después visitó puertos
                # de Japón": the United States too)
                hosts_at = _hosts_named(trigger, sp.ents, models, named, extra | lac | {
                    c for c, region in regions.items() if region != "LAC"})
                # (the LAC state the sentence's own: the ship's flag, or named in it, and
                # no place of it, a navy being none, before the powers' ports: "the vessel
                # arrived in the Dominican capital ... Taiwan ... Beijing": a power's ship)
                first_at = min(hosts_at.values(), default=None)
                if extra <= set(hosts_at) and all(regions.get(c) != "LAC" for c in hosts_at) \
                        and (flag in lac or (
                        flag is None and lac <= own_named[1])) and first_at is not None \
                        and not any(e.start >= trigger.end and e.start_char < first_at[0]
                                    and e.label_ in PLACE_LABELS
                                    and stands_for(e, models, named) in lac for e in sp.ents):
                    states = [(({x}, lac), hosts_at[x]) for x in sorted(hosts_at)]
            if not states:
                states = [((extra, s), at) for s, at in per_state(
                    split, lac, own[1] - home, sp.ents, sp.cues, models, named, norms)]
            legs_on = {code for at_cue, at_char, codes in gone_on for code in codes
                       if trigger.end <= at_cue and not (any(
                           trigger.start < r.trigger.start < at_cue for r in read
                           if r.frame.type == "port_call") and any(
                           trigger.end_char <= d.start < at_char for d in dates))} - lac
            # (not from a call told before another dated one: "first landed in September
            # 2008, and two more visited Venezuela in October 2013 before flying on")
            if frame.type == "port_call" and trigger.label_ != ONWARD and extra and states \
                    and legs_on:  # "called at La Guaira before sailing on to Grenada": the
                # leg gone on to from the call just told, told past, is a call of its own
                states = states + [((extra, {s}), None) for s in sorted(legs_on)]
            # "escalas en Santos y Fortaleza": a call at each port of one state listed
            each = each_port(states, trigger, sp.ents, norms, models, named, text,
                             tuple((d.start, d.end) for d in dates if not d.bound)) \
                if frame.type == "port_call" else [((v, p, None), at) for (v, p), at in states]
            # (the dates of the trigger's own telling: "landed in Venezuela in September
            # 2008, and in 2013 another pair flew to Venezuela and went on to Nicaragua" gives
            # the second flight's two states 2013, not one date each)
            if len(each) > 1 and date_source == "stated" and len(told_dates[part]) >= len(each):
                histories = background(trigger, told_dates[part], text, sent, sp.ents,
                                       relatives,
                                       place_relatives,
                                       birth_pattern)  # (no place's history)
                of_trigger = [d for d in told_dates[part] if d not in histories]
                if len(of_trigger) > len(each) and len(
                        stated := [d for d in of_trigger if d.rule != SHIFT_RULE]) == len(each):
                    of_trigger = stated  # "returned to Ecuador nine months later, docking in
                    # Manta on June 26, 2019, and sailed on to Callao, where it arrived on
                    # July 8, 2019": the time counted from a story's date is told again by
                    # the calendar dates, one a state
                if len(of_trigger) == len(each):  # "Callao on 2 July and Valparaíso on 15
                    chosen = of_trigger  # July": each its own
            # each state of several its own place where the sentence names it by a place
            named_at = {(e.start_char, e.end_char): e.kb_id_ for e in sp.ents
                        if e.label_ == "LOCATION" and e.start not in ship_named_at.get(index, ())
                        } if len(states) > 1 else {}
            placed = [((v, p, port, port or named_at.get(at or (0, 0))), at)
                      for (v, p, port), at in each]
            paired = _again_paired(chosen, more, placed)
            if apart_at and len(placed) > 1:
                states_at: dict[str, list[int]] = {}
                for e in sp.ents:
                    if (code := stands_for(e, models, named)) is not None:
                        states_at.setdefault(code, []).append(e.start_char)
                paired = _told_with_own_time(paired, placed, apart_at,
                                             bisect_right(apart_at, trigger.start_char),
                                             [d for d in dates if d.start not in way_home],
                                             sent.start_char, sent.end_char, states_at)
            for mention, (visitors, ports, port, place) in paired:
                if frame.type == "port_call" and len(visitors) > 1:
                    visitors = _ship_powers(visitors, trigger, sp, models, named)
                candidate = Candidate(
                    type=frame.type, countries=visitors | ports, lac=ports,
                    date=mention.value if mention else None,
                    precision=mention.precision if mention else None,
                    end=range_end(mention.value, mention.precision, mention.parts)
                    if mention and date_source == "stated" else None,
                    date_source=date_source if mention else "none",
                    sentence=sent, trigger=trigger, rule=f"{frame.id}.{lang}",
                    from_context=from_context, weak=weak, support=support,
                    paragraph=paragraph[index], refers=definite or "anaphora" in kinds,
                    part=bisect_right(semicolons, trigger.start_char),
                    anaphor=definite and date_source != "stated", reported=told_on,
                    planned=_told_planned(trigger, sent, text, token_starts, norms,
                                          owed_pattern, owed_here),
                    opening=(paragraph_time.value, paragraph_time.precision)
                    if paragraph_time is not None and paragraph_time.value and mention is None
                    else None,
                    persons=[p.kb_id_ for p in sp.persons],
                    institutions=[e.kb_id_ for e in sp.ents if e.label_ == "INSTITUTION"],
                    location=place or place_of(trigger, [
                        e for e in sp.ents if e.start not in ship_named_at.get(index, ())]),
                    port=port, stretch=stretch,
                    background=frame.type == "senior_visit" and trigger.label_ == ARRIVE
                    and _relative_arrival(trigger, norms, relatives),
                    platform=_platform(trigger, present) if frame.type == "port_call" else None,
                    vessels=frozenset(n for n in hulls if n in text[
                        sent.start_char:sent.end_char]) if frame.type in NAMED_SHIPS
                    and hulls else frozenset(),
                    name=(own_name or (named_before if definite else None))
                    if frame.type in SERIES_NOUN else None,
                    features={**_features(frame, reading, from_context, date_source,
                                          kinds if "plan" not in kinds else _planned(
                                              trigger, sp.cues, kinds, models, norms, lang),
                                          present, mention, plural),
                              **({"military": 1.0} if officer and frame.type in LEADERS_TYPES
                                 else {}),
                              "secondary": float(frame.type != (
                                  primary_own.get(own_clause_of, primary[own_clause_of])
                                  if frame.type in follows else setting[0] if setting
                                  else primary[own_clause_of])),
                              "types_read": float(min(
                                  types_own.get(own_clause_of, types_read[own_clause_of])
                                  if frame.type in follows else setting[1] if setting else (
                                      types_told if trigger.start in implying
                                      else types_read)[own_clause_of],
                                  4) - 1) / 3,
                              "noun": float(trigger.label_.endswith("_n")),
                              "named": float(any(e.start == trigger.start
                                                 and e.end == trigger.end for e in sp.ents)
                                             or frame.type in YEAR_NAMED and _own_name(
                                                 trigger, text, sp.ents, sp.lex)),
                              "position": (trigger.start - max(
                                  told_apart[part - 1] if part else sent.start,
                                  seconds[own_clause_of[1] - 1] if own_clause_of[1]
                                  else sent.start)) / max(1, sent.end - sent.start),
                              "long": float(min(sent.end - sent.start, 80)) / 80,
                              # a port gone on to ("will continue to Honduras"): a leg;
                              # the ports of several states told in one sentence of a
                              # voyage, weighed on their own (a refit's feature)
                              **({"leg": 1.0} if trigger.label_ == ONWARD
                                 else {"voyage_leg": 1.0} if voyage_leg or abroad_tour or (
                                     ports and ports <= tour) else {}),
                              **({"date_anchored": 1.0} if anchored else {}),
                              **({"antecedent": 1.0} if antecedent else {}),
                              **({"from_context": 0.0} if caller_told else {}),
                              **(CALL_SHARED if own_clause_of[1] and frame.type in SEQUEL_TYPES
                                 and any(r.frame.type == "port_call" and r.trigger.start
                                         < seconds[own_clause_of[1] - 1] for r in read)
                                 else {})})
                per_type.setdefault(frame.type, []).append(candidate)
                if at_occasion is not None:
                    held_at.append(Occasion(candidate, sent.start, at_occasion, dated_here))
        for options in per_type.values():
            candidates.extend(_one_reading(options, present, models.story_frames,
                                           models.giver_frames))
            if trace is not None:
                trace.extend(options)
        if log.isEnabledFor(logging.DEBUG):
            for c in (c for cs in per_type.values() for c in cs):
                log.debug("%s %s %s %s %s support=%s ctx=%s | %s", c.rule,
                          text[c.trigger.start_char:c.trigger.end_char],
                          sorted(c.countries), c.date, c.date_source, c.support,
                          c.from_context, text[sent.start_char:sent.end_char][:80])
        firm = [c for c in candidates[-8:] if not c.support and c.date_source == "stated"
                and c.sentence is sent]
        if firm:
            timeline.note_event(firm[-1].date, firm[-1].precision)
            arrived = [c for c in firm if c.trigger.label_ == ARRIVE and c.precision == "day"]
            if arrived:  # (what "three days after its arrival" counts from)
                timeline.note_arrival(arrived[-1].date)
            for c in firm:
                last_by_type[c.type] = c
                first_by_type.setdefault(c.type, c)
    floor = threshold() if min_confidence is None else min_confidence
    kept = {id(c) for c in candidates}  # (of a sentence's readings of a type, one is kept)
    date_at_occasions(candidates, [o for o in held_at if id(o.candidate) in kept], document)
    candidates = _own_arrivals(candidates, sentences, spans, norms, text, token_starts, fleet)
    groups = [g for g in merge(candidates) if not all(c.support for c in g)]
    # (each event with the probability its confidence rounds, weighed once)
    wording_of = Wording(
        text, norms, token_starts, sentences, tagged.ents, lang,
        models.lexicons[lang].forms if lang in models.lexicons else {},
        frozenset(fold(w) for w, n in models.dates["numbers"].get(lang, {}).items()
                  if n >= 2 and " " not in w)).features \
        if groups and (weighs_wording() if wording is None else wording) else None
    built = [weighed_event(group, document, wording_of) for group in groups]
    if trace is not None:
        trace.extend(zip(groups, [e for e, _ in built], strict=True))
    return [e for e, chance in built if chance >= floor]


def _named_passive(trigger: Mark, kind: str, lex: list[Mark], norms: list[str],
                   determiners: frozenset[str], models: Models) -> bool:
    """The trigger is a passive whose subject is a definite noun of its occurrence's class
    ("The agreement was signed Saturday", "El acuerdo fue rubricado el lunes", "O acordo
    foi assinado"): it points back at the occurrence told, as "the agreement" alone does."""
    if trigger.start < 3 or norms[trigger.start - 1] not in PASSIVE:
        return False
    return any(m.end == trigger.start - 1 and m.start > 0 and norms[m.start - 1] in determiners
               and kind in models.trigger_types.get(m.label_, ()) for m in lex)


def _implied(read: list[frames.Reading], sp: Spans, present: dict[str, list[int]],
             models: Models, norms: list[str], lang: str, text: str, token_starts: list[int],
             sent: Mark) -> set[int]:
    """The ids of the readings that tell a leaders' meeting implied by an act told with it
    (an ``also`` frame: a signing) whose two sides are named apart (``frames.sides_joined``)
    and whose place the sentence says: no rival reading of that act."""
    implied: set[int] = set()
    acts = [r for r in read if r.frame.also and place_of(r.trigger, sp.ents) is not None]
    if not acts:
        return implied
    sayings = frozenset(k for c in sp.cues if c.label_ == "saying"
                        for k in range(c.start, c.end))
    people = frozenset(k for p in sp.persons for k in range(p.start, p.end))
    names = frozenset(k for k in range(sent.start, sent.end)
                      if text[token_starts[k]:token_starts[k] + 1].isupper()
                      and not any(e.start <= k < e.end for e in sp.ents))
    for r in acts:
        if frames.sides_joined(r, present, models, norms, lang, sayings, people, names):
            implied.add(id(r))
    return implied


DISASTER: Final = "disaster"
# the date mentions that name a calendar time ("in September 2008", "en 2013", "last April"),
# not one counted from the publication or from another date ("para o segundo semestre")
CALENDAR_KINDS: Final = (("ymd",), ("year",), ("last_month",), ("shift_month",))
# the types whose candidates keep the ships their sentence names (``Candidate.vessels``): a
# call, and a relief deployment (two ships sent, two deployments: ``merge._relief_days``)
NAMED_SHIPS: Final = frozenset({"port_call", "donation_aid"})
DISASTER_REACH: Final = 3  # words from a disaster to the date said of it ("landfall on July 1")
DISASTER_GLUE: Final = frozenset({"pasado", "passado", "last", "past"})  # "del pasado 12 de enero"


def _of_disaster(dates: list[DateMention], present: dict[str, list[int]],
                 token_starts: list[int], norms: list[str], glue: frozenset[str]
                 ) -> list[DateMention]:
    """The dates less those said of a disaster, while another date remains: a date right
    before the disaster's word or after it past function words ("the 12 January
    earthquake", "el terremoto del pasado 12 de enero", "o terremoto de 12 de janeiro")
    dates the disaster, not the relief that came after it ("zarpó ayer ... con destino a
    Haití, donde prestarán ayuda a la población afectada por el terremoto del pasado 12
    de enero": yesterday)."""
    spots = present.get(DISASTER)
    if not spots or len(dates) < 2:
        return dates
    kept = []
    for d in dates:
        first = bisect_right(token_starts, d.start) - 1
        last = bisect_left(token_starts, d.end) - 1
        if not any(p - last == 1 or (0 < first - p <= DISASTER_REACH and all(
                norms[k] in glue or norms[k] in DISASTER_GLUE for k in range(p + 1, first)))
                for p in spots):
            kept.append(d)
    return kept or dates


PART_OF: Final = "part_of"


def _part_of(trigger: Mark, dates: list[DateMention], present: dict[str, list[int]],
             token_starts: list[int]) -> list[DateMention]:
    """The dates less those told after a phrase that makes the trigger's occurrence a part
    of a larger whole (``part_of``: "La escala forma parte de la Misión Armonía 2018, que el
    buque inició a fines de junio", "The ship's visit forms part of the results of the state
    visit made from 13 to 16 September", "a visita se insere no programa iniciado em
    2019"), when the trigger stands before it: those date the whole (the tour's start, the
    visit or agreement it follows), not the occurrence named before it, which takes the
    date of the sentences around it. A trigger after the phrase ("se inscribe en el
    memorando firmado en julio de 2012") keeps its dates."""
    spots = [p for p in present.get(PART_OF, ()) if p >= trigger.end]
    if not spots or not dates:
        return dates
    cut = token_starts[min(spots)]
    return [d for d in dates if d.start < cut]


def _met_in_each(trigger: Mark, lac: set[str], ents: list[Mark], models: Models,
                 named: set[str | None]) -> bool:
    """Meetings held in several LAC states, each named by a city after the verb alone
    ("terá encontros com autoridades em Buenos Aires, Santiago e Bogotá", "will meet
    officials in Lima and Quito"): a tour, one meeting in each; a state named by its name
    or its people ("met the ministers of Chile and Peru") is a side of one meeting."""
    if len(lac) < 2:
        return False
    by_city: set[str] = set()
    for e in ents:
        code = stands_for(e, models, named)
        if code not in lac:
            continue
        if e.label_ != "LOCATION" or e.start < trigger.end:
            return False
        by_city.add(code)
    return by_city == lac


PLACE_LABELS: Final = ("COUNTRY", "LOCATION")  # the marks that name where a leg goes
SAIL_FESTIVAL: Final = "port_call.sail_festival"  # a training ship at a tall-ship festival
FESTIVAL_REACH: Final = 6  # tokens from the festival's noun to the port or state hosting it
# what a leg's clause goes on to after its ports: the way home ("before returning to France
# in July", "antes de retornar ao Brasil em outubro"), whose date is not the leg's
LEG_END: Final = re.compile(r"(?i)\b(?:before|prior\s+to|antes|return|regres|retorn|volta)")
# the way home itself ("before returning to France", "antes de regresar a territorio
# nacional", "antes de retornar ao Brasil", "na volta ao Brasil")
HOMEWARD: Final = re.compile(
    r"(?i)\b(?:return|regres|retorn|volta\s+(?:a|ao|à|para)\b(?!\s+mundo))")  # (not "a volta
# ao mundo", round the world)


def _leg_dates(trigger: Mark, chosen: list[DateMention], ents: list[Mark], text: str
               ) -> list[DateMention]:
    """The dates of the ports a ship goes on to: those after its verb and before the way
    home, or before it where the sentence names no port before it (a date by a port named
    earlier in the sentence is that port's: "estuvo en Georgetown a fines de diciembre, y
    seguirá para Montevideo")."""
    return [d for d in chosen if (
        d.start >= trigger.end_char and LEG_END.search(text, trigger.end_char, d.start) is None
    ) or (d.end <= trigger.start_char and not any(
        e.start_char < trigger.start_char for e in ents if e.label_ in PLACE_LABELS))]


def _carried(trigger: Mark, gaps: list[tuple[int, int, list[DateMention]]], bounds: list[int],
             chosen: list[DateMention], dates: list[DateMention]
             ) -> list[tuple[int, int, list[DateMention]]]:
    """The dates of the verbless coordinated parts that follow the trigger's clause one
    after another ("in 2014 to Chile, in 2016 to Peru and in 2019 to Ecuador"), up to the
    first clause of another telling (``bounds``: where the tellings and parts open). A
    part joins what stands before it: when the date last told before it, after the
    trigger, is none of the trigger's (``chosen``) nor of a part carried before, the part
    goes on with that date's phrase, not with the trigger's clause ("reuniu-se ontem ...
    para acertar a compra ... durante a Copa do Mundo de 2014 e os Jogos Olímpicos de
    2016": the Games name when the goods are wanted, no second meeting)."""
    opens = {gap[0]: gap for gap in gaps}
    carried: list[tuple[int, int, list[DateMention]]] = []
    own = {d.start for d in chosen}
    for at in bounds[bisect_right(bounds, trigger.start_char):]:
        if at not in opens:
            break
        before = [d for d in dates if trigger.end_char <= d.start and d.end <= at]
        if before and max(before, key=lambda d: d.start).start not in own:
            break
        carried.append(opens[at])
        own |= {d.start for d in opens[at][2]}
    return carried


def _reports(reading: frames.Reading, read: list[frames.Reading], sayings: list[Mark],
             dates: list[DateMention], text: str) -> bool:
    """The trigger is a saying verb ("announced", "anunció", "informou") with its own date
    after a verb of the same type that its sentence reads ("Peru has signed a contract
    for two frigates, the navy announced on Monday"): it tells when the occurrence was made
    known, not another ("em outubro a Áustria anunciou que se juntaria à compra" is one)."""
    t = reading.trigger
    said = [c for c in sayings if c.start <= t.start and t.end <= c.end]
    return bool(said) and any(
        r.frame.type == reading.frame.type and r.trigger.end <= t.start
        and not r.trigger.label_.endswith("_n")  # ("an agreement ... was announced on 6
        # March": the noun is what the saying tells, its date the agreement's)
        and any(reported([d], r.trigger, said, text) for d in dates) for r in read)


def _callers(ents: list[Mark], norms: list[str], models: Models, named: set[str | None]
             ) -> set[str]:
    """The powers a sentence names as who acts, by a demonym or an institution ("the
    Russian ship", "navio-escola russo", "the Royal Navy"), not as where (a country's name
    or a place: "Las Palmas, na Espanha", "en Alemania")."""
    return {code for e in ents if (e.label_ == "INSTITUTION" or e.label_ == "COUNTRY" and
                                   " ".join(norms[e.start:e.end]) in models.demonyms)
            and (code := stands_for(e, models, named)) is not None
            and models.regions.get(code) != "LAC"}


RECEIVED_PEOPLE: Final = ("members", "official", "head_of_state", "envoy", "troops", "staff")


def _received_people(trigger: Mark, present: dict[str, list[int]], norms: list[str],
                     models: Models, lang: str) -> bool:
    """The object of a receiving verb is people ("recebeu uma delegação militar chinesa",
    "recibió a la comitiva"), not goods."""
    glue = models.object_glue.get(lang, frozenset())
    stops = models.function_words.get(lang, frozenset())
    reach = frames.OBJECT_REACH.get(lang, 1)
    objects = frames.object_of(trigger, norms, glue, stops, reach) | frames.object_of(
        trigger, norms, glue | frames.PERSONAL, stops, reach)
    return any(p in objects for c in RECEIVED_PEOPLE for p in present.get(c, ()))


# what tells that an arriving craft is goods its host bought (said in its sentence or in the
# story just before), and what tells a guest's call all the same
GOODS_SIGNS: Final = frozenset({"buy_v", "purchase_n", "buy_v" + CONTEXT, "purchase_n" + CONTEXT,
                                "fleet_entry" + CONTEXT})
HOST_SIGNS: Final = frozenset({"hospital_ship", "exercise_n", "joint_exercise_n",
                               "courtesy_visit_n", "disaster", "relief_need", "relief_goods",
                               "air_show_n", "visitors_n", "medical", "hospital_ship" + CONTEXT,
                               "medical" + CONTEXT})
# a stopover said: the call of a guest, unless the craft is named by the flag it had (the
# stops of its delivery voyage or flight: "con escalas en la Base Andrews y en Guayaquil")
STOPS: Final = frozenset({"port_call_n", "port_call_n" + CONTEXT})
GOODS_TRAVEL: Final = frozenset({"arrive", "fly_to_v", "onward_v", "visit_v", "visit_n"})
VOYAGE: Final = "arms_transfer.voyage"  # the end of a delivery, read for a craft's former flag
SHIFT_RULE: Final = "date.shift"  # a time counted from another ("nine months later")
FORMER_FLAG: Final = frozenset(word_list("former"))  # (stopwords.json)
FORMER_REACH: Final = 3  # words after "former" where the prefix of the flag it had may stand


def _goods_arrival(present: dict[str, list[int]], start: int, powers: bool) -> bool:
    """The craft arriving is its host's goods, no guest's: naming no power (``powers``: a
    state, a power's ship prefix) and no visit, it comes in a sentence or a story that tells
    a purchase ("As primeiras unidades chegaram a Porto Velho" after the contract)."""
    return not powers and not any(p >= start for p in present.get("visit_n", ())) and \
        not GOODS_SIGNS.isdisjoint(present)


def _flag_it_had(sent: Mark, norms: list[str], text: str, starts: list[int]) -> bool:
    """The sentence names a craft by the flag it had ("ex-HMS Ocean", "a antiga fragata HMS
    Tyne", "el ex USAF 89-1188"): a prefix of a navy or air force after "former"."""
    for k in range(sent.start, sent.end):
        w = norms[k]
        if w.startswith("ex-"):  # (one token: "ex-HMS")
            names = [text[starts[k] + 3:starts[k] + 9]]
        elif w in FORMER_FLAG:  # (a ship's word between: "a antiga fragata HMS Tyne")
            names = [text[starts[j]:starts[j] + 6]
                     for j in range(k + 1, min(k + 1 + FORMER_REACH, sent.end))]
        else:
            continue
        if any(len(n) >= 3 and n.isalpha() and n.isupper()
               for n in (m.split()[0] for m in names if m.strip())):
            return True
    return False


def _travellers_aircraft(lex: list[Mark], norms: list[str]) -> bool:
    """An aircraft of the sentence is named as a vehicle people travel in ("llegaron en un
    avión Il-96", "chegaram em um avião C-17", "flew in aboard a C-130", "a bordo de un
    avión"): a preposition of travel and an indefinite article right before it."""
    for m in lex:
        if m.label_ != "aircraft":
            continue
        for k in range(m.start - 1, max(0, m.start - 1 - VEHICLE_REACH), -1):
            if norms[k] in VEHICLE_CONTRACTED:
                return True
            if norms[k] in INDEFINITE and k > 0 and (norms[k - 1] in VEHICLE_PREPOSITIONS or (
                    k > 1 and norms[k - 2] in ABOARD)):
                return True  # ("aboard a KC-130 transport plane", "a bordo de un avión")
            if not norms[k][:1].isalnum():
                break  # (a comma, a bracket: another phrase)
    return False


CARRIERS: Final = frozenset({"ship", "aircraft"})  # what calls: its people arrive with it
PERSONNEL: Final = "troops"  # people who may travel
CREW: Final = "crew"  # a platform's own people
PERSONNEL_AFTER: Final = 5  # words from an es/pt verb to its subject after it ("llegaron a Bogotá
# 200
# efectivos")
PLURAL_ARTICLES: Final = article_words(("definite_plural",))  # "os franceses chegaram"
# words between a verb and people after it that make them what the platform carries ("llegó
# a Cartagena con 200 efectivos"), not who arrives
WITH_WORDS: Final = frozenset({"with", "con", "com", "aboard", "bordo", "carrying", "trayendo",
                               "levando", "trazendo", "llevando"})


PERSON_TRAVELS: Final = frozenset({"arrive", "fly_to_v"})  # verbs a person travels by too
# the calls whose ship is the story's (``ship@context``), which a leader in the sentence vetoes
STORY_CALLS: Final = frozenset({"port_call.arrival_story", "port_call.itinerary"})
PERSON_ADVERBS: Final = frozenset({"then", "later", "finally", "first", "also", "already",
                                   "luego", "despues", "finalmente", "tambien", "ya",
                                   "depois", "tambem", "ja"})  # between them


def _person_arrives(trigger: Mark, norms: list[str], surnames: frozenset[str],
                    determiners: frozenset[str], lex: list[Mark], opens: int) -> bool:
    """The word right before an arrival's verb (or before one adverb there: "Hegseth then
    flew to") is the surname of a person a title introduced, with no article before it
    ("Macron chegou ao Brasil", "The next day Kelly flies to"; not "the Bolognesi
    arrived": a ship's name said with its article), and no ship or aircraft is named before
    it in the sentence (``opens``: its first word): the person is not one who leads them
    ("the training ships under Rear Admiral Konno arrived")."""
    k = trigger.start - 1
    if k > 0 and norms[k] in PERSON_ADVERBS:
        k -= 1
    return k >= 0 and norms[k] in surnames and not (k > 0 and norms[k - 1] in determiners) \
        and not any(m.label_ in CARRIERS and opens <= m.start < k for m in lex)


def _personnel_arrive(trigger: Mark, lex: list[Mark], ents: list[Mark], norms: list[str]) -> bool:
    """The subject of a call's verb in a sentence naming no ship or aircraft is people of a
    land force, not of a platform: soldiers or marines before the verb (within
    ``RANKS_REACH`` words: "300 US Marines arrived"), after it in the same clause, not
    after a 'with' ("llegaron a Bogotá 200 efectivos"; "llegó con 200 efectivos" carries
    them), or a people named by its demonym ("the French arrived", "os franceses
    chegaram"). A crew, cadets or pilots (``CREW``) arriving are their ship's or
    aircraft's call."""
    crew = {(m.start, m.end) for m in lex if m.label_ == CREW}
    for m in lex:
        if m.label_ != PERSONNEL or (m.start, m.end) in crew:
            continue
        if 0 < trigger.start - m.start <= RANKS_REACH:
            return True
        if 0 <= m.start - trigger.end < PERSONNEL_AFTER and not any(
                n in WITH_WORDS or not n[:1].isalnum()
                for n in norms[trigger.end:m.start]):
            return True
    return any(e.label_ == "COUNTRY" and e.end == trigger.start and e.start
               and norms[e.start - 1] in PLURAL_ARTICLES for e in ents)


# a platform shipped inside another: words that open the vehicle it rides in ("inside two
# C-17 transports", "a bordo de um navio", "dentro de un Antonov", "on board a ship") and the
# classes of the goods before it and of the vehicle after it
HOLDS: Final = frozenset({"aboard", "inside", "board", "bordo", "dentro", "interior"})
HOLD_GLUE: Final = frozenset({"of", "de", "del", "do", "da"})
GOODS_PLATFORMS: Final = ("aircraft", "weapon", "ship")
HOLD_VEHICLES: Final = ("ship", "aircraft", "weapon")  # (a model designation names a transport)
HOLD_REACH: Final = 5  # words from the word that opens the vehicle to the vehicle's word
# people said before the vehicle travel in it, their gear with them ("Los 46 efectivos, con
# seis toneladas de equipos, aterrizaron ... a bordo de un avión"): no cargo delivered
TRAVELLERS: Final = ("troops", "official", "members", "crew", "staff", "student")


def _shipped_in(lex: list[Mark], norms: list[str], numbers: frozenset[str]) -> list[int]:
    """Positions of the vehicles a platform named before them rides in as goods: a ship
    or aircraft after a word that holds it (``HOLDS``) and a nameless article or a count
    ("The two aircraft arrived ... inside two Indian Air Force C-17 transports", "o F-39E
    ... desembarcou ... depois de três semanas a bordo de um navio vindo da Suécia"): the
    platform is cargo, delivered, it makes no call (a named warship it comes aboard, "aboard
    the USS Wasp", is a call of that ship; people said before it, ``TRAVELLERS``, ride it)."""
    goods = [m.start for m in lex if m.label_ in GOODS_PLATFORMS]
    if not goods:
        return []
    people = [m.start for m in lex if m.label_ in TRAVELLERS]
    found: list[int] = []
    for m in lex:
        if m.label_ not in HOLD_VEHICLES or not any(g < m.start for g in goods):
            continue
        for k in range(m.start - 1, max(0, m.start - 1 - HOLD_REACH), -1):
            if not norms[k][:1].isalnum():
                break
            if norms[k] in INDEFINITE or norms[k] in numbers or norms[k].isdigit():
                j = k - 1
                while j > 0 and norms[j] in HOLD_GLUE:
                    j -= 1
                if norms[j] in HOLDS and any(g < j for g in goods) and not any(
                        p < j for p in people):
                    found.append(m.start)
                break
    return found


UNLOADED_GOODS: Final = ("aircraft", "weapon")  # (a ship unloads what it carries)


def _unloaded(lex: list[Mark], norms: list[str], sent: Mark) -> list[int]:
    """Positions of the aircraft or vehicles a verb after them says were unloaded
    from a ship or a transport ("A aeronave desembarcou no porto de Navegantes", "los
    blindados desembarcaron en el puerto"): the platform
    came as cargo, delivered, no visit of its own. Not where a gift is said (goods given
    arrive as a donation: "Os veículos desembarcaram ..., doados ao Exército"), nor people
    (``TRAVELLERS``:
    "O grupo ... desembarcou em Manaus", "the troops disembarked"), nor a platform named as
    what people ride ("em uma aeronave KC-390": an article or a preposition of a vehicle
    right before it)."""
    if any(m.label_ in TRAVELLERS or m.label_ == GIFT for m in lex):
        return []
    goods = [m.start for m in lex if m.label_ in UNLOADED_GOODS
             and not ({norms[k] for k in range(max(0, m.start - 2), m.start)}
                      & RIDDEN_OPENERS)]
    if not goods:
        return []
    verbs = [k for k in range(min(goods) + 1, sent.end) if norms[k].startswith(UNLOAD_STEMS)]
    return [max(g for g in goods if g < k) for k in verbs]  # (the goods, before each verb)


# a transport aircraft named as the vehicle of people ("en un avión", "aboard a C-17")
VEHICLE_PREPOSITIONS: Final = frozenset({"aboard", "on", "in", "en", "em"})
VEHICLE_CONTRACTED: Final = frozenset({"num", "numa"})  # pt "num avião"
ABOARD: Final = frozenset({"bordo"})  # "a bordo de un avión", "a bordo de um avião"
INDEFINITE: Final = frozenset({"a", "an", "un", "una", "um", "uma"})
VEHICLE_REACH: Final = 4  # words from the article to the aircraft word ("a KC-130 transport plane")


def _platform(trigger: Mark, present: dict[str, list[int]]) -> str | None:
    """The platform word nearest a call's trigger ("atracó ... el patrullero", "la llegada
    de un avión"): ship or aircraft; None when the sentence names neither, or names a
    leader (a minister flying out to a carrier travels, the aircraft is no call of its own)."""
    if present.get("official") or present.get("head_of_state"):
        return None
    near = [(abs(p - trigger.start), kind) for kind in ("ship", "aircraft")
            for p in present.get(kind, ())]
    return min(near)[1] if near else None


SERIES_NOUN: Final = {"exercise": "exercise_n"}  # the noun a named occurrence of the type follows
NAME_SKIP: Final = 2  # plain words between the noun and its name ("ejercicio internacional
# Relámpago")


def _series_name(doc: Doc, nouns: Sequence[int], norms: list[str], stops: frozenset[str]
                 ) -> str | None:
    """The proper name of an exercise the sentence names: the capitalised words after its
    noun, past up to ``NAME_SKIP`` plain words that are no function words ("el ejercicio
    internacional Relámpago 2024", "o exercício combinado CORE 23", "the exercise Red
    Flag"); None when it names none there ("el ejercicio en Colombia", "the exercise";
    "the Chilean exercise": a capitalised word before the noun is too often a people's)."""
    for p in nouns:
        k, skipped = p + 1, 0
        while k < len(doc) and (not doc[k].text[:1].isupper() and skipped < NAME_SKIP
                                and doc[k].is_alpha and norms[k] not in stops
                                or doc[k].is_quote):
            skipped += not doc[k].is_quote
            k += 1
        words = []
        while k < len(doc) and (doc[k].text[:1].isupper() or doc[k].is_quote):
            words += [] if doc[k].is_quote or EDITION.fullmatch(doc[k].text) else [doc[k].text]
            k += 1
        if words:
            return " ".join(words).lower()
    return None


# an edition's numeral, Roman or ordinal, or its year ("UNITAS LXIII", "the 63rd", "XV",
# "2024"): the edition of a series, never its name
EDITION: Final = re.compile(r"[IVXLCDM]+|\d+(?:st|nd|rd|th|ª|º|°|a|o|\.)?")


def _dated_here(trigger: Mark, dates: list[DateMention], text: str) -> bool:
    """A date stands in the trigger's own stretch, no comma or semicolon between them
    ("recordó que en julio pasado dos Kfir viajaron ... al ejercicio", "recalled that Taiwan
    made its first donation ... in 1996"); a date set off by commas in a recollection
    ("lembrou que, durante a visita do presidente ao Brasil, em julho de 2014, os líderes
    alcançaram um consenso") may date another of its nouns."""
    for d in dates:
        lo, hi = (d.end, trigger.start_char) if d.end <= trigger.start_char else (
            trigger.end_char, d.start)
        if lo <= hi and not any(c in text[lo:hi] for c in ",;"):
            return True
    return False


def _in_date(mark: Mark, dates: list[DateMention], text: str) -> bool:
    """The word is a word of a date expression ("en septiembre pasado", "el pasado día 12":
    "pasado" is no form of "pasar" there); an edition's date ("its 2017 edition", "la
    edición de 2019") keeps its edition word, the event's own noun."""
    inside = [d for d in dates if d.start <= mark.start_char and mark.end_char <= d.end
              and d.rule != "date.edition_year"]
    if not inside:  # "el pasado lunes 5 de agosto": the weekday, then the day's own date
        inside = [d for d in dates if d.start > mark.end_char and
                  _weekday_gap().fullmatch(text[mark.end_char:d.start].lower())]
    return bool(inside) and not any(c.isdigit() for c in text[mark.start_char:mark.end_char])


@cache
def _weekday_gap() -> re.Pattern[str]:
    """A weekday name alone between a word and a date ("pasado | lunes | 5 de agosto")."""
    from pipeline.nlp.models import load

    names = sorted({n.lower() for names in load().dates["weekdays"].values() for day in names
                    for n in day}, key=len, reverse=True)
    return re.compile(rf"\s+(?:{'|'.join(re.escape(n) for n in names)}),?\s+")


def _forecast(mention: DateMention, reference: date | None) -> bool:
    """A date whose year the text states (or counts from the publication: "next year", "el
    año próximo") and that lies after the publication beyond a
    scheduling margin: a year alone after the publication's year ("entregas previstas para
    2026"), or a month or day more than ``FORECAST_DAYS`` ahead. A scheduled occurrence
    names its month or day and lies close ahead ("the ship docks next Tuesday"). Without a
    publication date nothing is a forecast (the latest date stated stands in for it); the
    caller also asks for a future marker in the sentence ("expected", "deverá", "previsto"):
    a page's publication date may be misread, a prospective wording is not."""
    parts = mention.parts
    if reference is not None and mention.value and parts[:2] == ("shift", "year") \
            and parts[3] == "publication":  # "para el año próximo", "next year": a year
        return int(mention.value[:4]) > reference.year  # after the publication's, said so
    if reference is None or not mention.value or not parts or parts[0] not in ("year", "ymd") \
            or not parts[1]:
        return False
    if mention.precision == "year":
        return int(mention.value[:4]) > reference.year
    try:
        first = date.fromisoformat(mention.value if len(mention.value) == 10
                                   else mention.value[:7] + "-01")
    except ValueError:
        return False
    return (first - reference).days > FORECAST_DAYS


def _dated_by(trigger: Mark, frame: Frame, lex: list[Mark]) -> Mark:
    """The word whose clause dates the reading: the trigger, or for a frame told by a word
    of its company (``DATED_BY``), the nearest such word after it within the frame's
    window ("the new attaché, who arrived last month to take up his post")."""
    company = DATED_BY.get(frame.id)
    if company is None:
        return trigger
    near = [m for m in lex if m.label_ == company
            and 0 <= m.start - trigger.end <= (frame.window or 10_000)]  # (after the noun:
    # a clause said of it; "the newly accredited attaché", "reabriera, a comienzos de 2023,
    # su agregaduría" are dated as the noun is)
    return min(near, key=lambda m: m.start) if near else trigger


def _closes(trigger: Mark, closings: list[Mark], norms: list[str], models: Models, lang: str,
            when: frozenset[int] = frozenset()) -> bool:
    """A word of closing in the sentence is said of the trigger's own occurrence: a verb
    ("the exercise ends on Friday", "el foro concluyó", "o exercício termina em") or a noun
    whose complement is the trigger ("at the end of the exercise", "al término del curso").
    A closing noun whose complement is another noun closes that one, not the trigger: "volver
    a recalar a fines de febrero, al término de la primera etapa de su campaña", "at the end
    of its first leg", "ao término da primeira fase"; so does a closing verb in a later
    phrase (after a comma) with an object of its own: "..., tras concluir la primera etapa",
    "..., once it concludes the first leg" (in the trigger's phrase, "the forum concluded its
    work", it stays the forum's close). ``when``: the sentence's date tokens ("concluye el
    sábado": no object)."""
    if not closings:  # (most sentences)
        return False
    determiners = models.possessives.get(lang, frozenset())  # (articles, demonstratives too)
    words = models.function_words.get(lang, frozenset()) | determiners
    for closing in closings:
        if closing.end >= len(norms) or norms[closing.end] not in frames.OF:
            if closing.start >= trigger.end and closing.end < len(norms) \
                    and norms[closing.end] in determiners \
                    and "," in norms[trigger.end:closing.start]:  # a later phrase
                k = closing.end
                while k < len(norms) and norms[k] in determiners:
                    k += 1
                if k < len(norms) and k not in when and norms[k].isalpha() \
                        and norms[k] not in models.dates["numbers"].get(lang, {}):
                    continue  # "..., tras concluir la primera etapa": that stretch's close
            return True  # a verb (or a noun with no complement): of the sentence's occurrence
        if closing.end < trigger.start and all(
                n in words for n in norms[closing.end:trigger.start]):
            return True  # "at the end of the exercise": the trigger is its complement
    return False


def _end_ahead(stretch: str | None, kind: str, chosen: list[DateMention],
               first: dict[str, Candidate], published: date | None) -> bool:
    """A sentence that tells an occurrence that lasts (an exercise, a course, a forum, a
    call) close on a day after the publication ("O exercício termina em 2 de agosto", "the
    drills end on Friday", "el foro concluye el jueves"), in a story that has told one of
    its kind already: the end of that one, not another occurrence."""
    return stretch == STRETCH_END and kind in first and bool(merge_days(kind)) \
        and published is not None and bool(chosen) \
        and all(d.value and d.value[:10] > published.isoformat() for d in chosen)


def _ongoing_since(read: list[frames.Reading], mentioned: list[DateMention],
                   text: str, named: int = 0) -> list[DateMention]:
    """A day or month after "since" in a sentence that tells only occurrences lasting
    several days (a forum, course, exercise or stay: ``merge_days``) is the day it began:
    "el foro que se desarrolla desde el miércoles 24", "desde setembro, três oficiais
    frequentam o curso". A year after "since" stays a habit ("since 2015"), except for a
    post held since then: a sentence telling only an attaché's or liaison officer's post
    ("has had a liaison officer at the command since 2021", "tiene un oficial de enlace
    ... desde 2021", "tem um oficial de ligação ... desde 2021") dates its posting by it,
    where the sentence names both sides itself (``named``: its distinct countries, places
    and institutions; "Canada has had a liaison officer at the command since 2007" leaves
    the host to the context)."""
    if not read:
        return []
    post = named >= 2 and all(r.frame.type in STANDING for r in read)
    if not post and any(not merge_days(r.frame.type) for r in read):
        return []
    return _since_start(mentioned, text, post)


def _since_start(mentioned: list[DateMention], text: str, post: bool = False
                 ) -> list[DateMention]:
    """A course, forum or exercise told at its close with no date of its own, whose sentence
    says since when its people have been at it ("que estiveram na Escola desde fevereiro",
    "who had been at the college since January", "que cursaban desde marzo"): that day or
    month is its start (a year after "since" stays a habit, unless ``post``: a post held
    since a year, its sentence naming both sides, "desde 2021")."""
    return [replace(d, bound=False) for d in mentioned
            if d.value and (post or d.precision in ("day", "month")) and (
                "since" in d.parts or SINCE_BEFORE.search(text[max(0, d.start - 32):d.start]))
            and not {"citation", "dateline"} & set(d.parts)][:1]


STRETCH_REACH: Final = 80  # characters from an exercise's word to the stretch said of it


def _own_stretch(trigger: Mark, chosen: list[DateMention], dates: list[DateMention],
                 text: str) -> list[DateMention]:
    """An exercise with a stretch of days said right after it ("el ingreso de militares
    para el ejercicio Resolute Sentinel 2023, programadas entre el 1 de junio y el 29 de
    agosto", "for Exercise X, held from 2 to 14 May"; no sentence end or semicolon between)
    is dated by that stretch's start, not by a date the sentence opens with for its main
    verb ("El 25 de mayo de 2023, el Congreso aprobó ...": the vote)."""
    for d in dates:
        if d.start >= trigger.end_char and d.start - trigger.end_char <= STRETCH_REACH \
                and d.value and any(isinstance(p, tuple) and p[:1] in (("last_date",),
                                                                       ("last_day",))
                                    for p in d.parts) \
                and not any(c in text[trigger.end_char:d.start] for c in ".;"):
            return [d] if d not in chosen else chosen
    return chosen


def _own_name(trigger: Mark, text: str, ents: list[Mark], lex: list[Mark]) -> bool:
    """The exercise noun stands by the exercise's own name, one no entity list holds
    (``NAME_AFTER``, ``NAME_YEAR_BEFORE``): "took Exercise TROPICAL DAGGER to Belize", "las
    dos armadas llevaron a cabo las maniobras VENRUS-2008", "farão o exercício VenRus-2008",
    "for the New Horizons 2013 exercise": a named occurrence, as one an entity names; not
    a state's or a place's name in capitals after it ("the exercise USA and Brazil held"),
    nor an operation's name ("to begin Operation HELIOS": a mission, a course or a
    deployment as often as a drill; its name tells nothing of an exercise)."""
    if any(m.label_ == OPERATION and m.start <= trigger.start < m.end for m in lex):
        return False
    after = NAME_AFTER.match(text, trigger.end_char)
    if after and not any(e.label_ in PLACE_LABELS
                         and e.start_char < after.end() and after.start() < e.end_char
                         for e in ents):
        return True
    return bool(NAME_YEAR_BEFORE.search(text, max(0, trigger.start_char - 40),
                                        trigger.start_char))


def _named_year(chosen: list[DateMention], mentioned: list[DateMention], text: str,
                sent: Mark) -> list[DateMention]:
    """Dates of an exercise whose year the sentence leaves unsaid ("In July", "a comienzos de
    diciembre": the story's year) take the one year the exercise's name in the sentence
    carries ("In July, the frigate crossed the Pacific to take part in RIMPAC 2022", "At
    the start of December the two navies held VENRUS-2008"): the edition the name tells."""
    years = {d.parts[1] for d in mentioned if d.parts[:1] == ("year",) and "bare" in d.parts
             and NAME_BEFORE_YEAR.search(text[max(0, d.start - 40):d.start])}
    years |= {int(m.group(1)) for m in HYPHEN_YEAR.finditer(text, sent.start_char,
                                                             sent.end_char)}
    if len(years) != 1:
        return chosen
    year = f"{years.pop():04d}"
    return [replace(d, value=year + d.value[4:]) if d.value and d.parts[:2] == ("ymd", None)
            and d.value[:4] != year else d for d in chosen]


def _recent_opening(text: str, openers: Sequence[str]) -> bool:
    """The sentence opens with a word of recency ("More recently,", "Mais recentemente,")."""
    head = text.lstrip().lower()
    return any(head.startswith(w) and not head[len(w):len(w) + 1].isalnum() for w in openers)


def _begun_day(mention: DateMention, dates: list[DateMention], text: str, lang: str,
               closing: bool, after: int | None = None, reach: int = 0
               ) -> DateMention | None:
    """An occurrence that lasts told at its close whose sentence also says the day it began
    ("concluded Thursday ..., ending two weeks of training that began Aug. 3", "culminó el
    viernes el ejercicio ..., desarrollado desde el 17 de octubre", "encerrou-se na sexta o
    exercício, iniciado em 3 de agosto"): a stretch keeps its start. The start is a day or
    month of the sentence before the close, at most two months before it, right after a
    word of beginning. Told on a later day with no word of closing ("delivered the opening
    remarks on Wednesday at the conference, a three-day meeting that began on Tuesday",
    "encerra nesta sexta uma visita iniciada na terça-feira (9)"; ``after``: the trigger's
    end), a day said after the trigger is its start likewise; ``reach``: a stay's own start
    ("uma visita oficial ao Brasil iniciada na terça-feira (9)") follows it within that many
    characters with no clause cut between (not "the trip came on 13 February, the last leg of
    a tour that had started three days earlier": the tour's start)."""
    if not (closing or after is not None) or mention.precision != "day" or not mention.value:
        return None
    close = date.fromisoformat(mention.value)
    for d in dates:
        named = weekday_comma().search(text, max(0, d.start - 20), d.start)
        lead = named.start() if named is not None else d.start  # "began on Monday, March 3"
        if not closing and (d.precision != "day" or after is None or d.start < after
                            or d.start - after > (reach or BEGUN_REACH)
                            or ";" in text[after:lead]
                            or (reach and any(ch in ",:()" for ch in text[after:lead]))):
            continue
        if d is mention or not d.value or d.precision not in ("day", "month") \
                or d.value >= mention.value[:len(d.value)] \
                or not BEGUN_BEFORE[lang].search(text[max(0, lead - 40):lead]):
            continue
        if d.precision == "day" and (close - date.fromisoformat(d.value)).days > 62:
            continue
        return replace(d, bound=False)
    return None


def _dated_apart(veto: list[Mark], trigger: Mark, dated: tuple[list[DateMention], bool],
                 norms: list[str]) -> bool:
    """The trigger, its veto cues standing in other clauses, has a date of the sentence: one
    of its own clause, or any the sentence gives it ("goes back to 6 November 2012, when Peru
    signed"). What a colon opens after a cue elaborates the cue's clause ("its calendar
    remains dominated by ...: UNITAS, ... and bilateral drills with France") unless it has a
    date of its own."""
    chosen, own = dated
    return bool(chosen) and (own or not any(
        c.end <= trigger.start and ELABORATION in norms[c.end:trigger.start] for c in veto))


ELABORATION: Final = ":"  # what opens a clause that elaborates the one before it


def _since_clause_dates(trigger: Mark, mentioned: list[DateMention], sent: Mark
                        ) -> list[DateMention]:
    """The dates a "since" clause ends with, the trigger inside that clause ("since a
    framework agreement was concluded in 2008", "desde que firmaron un acuerdo en 2008",
    "desde que assinaram o acordo em 2008"), or a "since" date opens with "when", the
    trigger after it ("since January 2019, when minister Hatami was received", "desde
    enero de 2019, cuando"): they bound what the rest of the sentence tells, and date the
    clause's own occurrence."""
    return [replace(d, bound=False) for d in mentioned
            if d.bound and d.value and sent.start_char <= d.start < sent.end_char
            and any(isinstance(p, tuple) and (
                (p[:1] == ("since_at",) and p[1] < trigger.start_char
                 and trigger.end_char <= d.start)
                or (p[:1] == (WHEN_AT,) and p[1] <= trigger.start_char))
                for p in d.parts)]


def _qualified(trigger: Mark, d: DateMention, lex: list[Mark], text: str,
               participles: Sequence[str]) -> bool:
    """The date follows, after the trigger, a participle with no auxiliary that qualifies an
    agreement or deal named between ("treinam juntos no âmbito do acordo de cooperação
    firmado em 2008", "en el marco del convenio suscrito en 2015", "train under the
    agreement signed in 2015"): the accord's date, not the trigger's."""
    if d.start < trigger.end_char or not participles:
        return False
    between = text[trigger.end_char:d.start]
    words = fold(between).split()
    forms = _folded(tuple(participles))
    at = next((k for k in range(len(words) - 1, -1, -1) if words[k] in forms), None)
    if at is None or len(words) - at - 1 > QUALIFIED_REACH or at == 0 \
            or words[at - 1] in AUXILIARY_BEFORE \
            or any(ch in ",;:()" for w in words[at:] for ch in w):
        return False
    return any(m.label_ in QUALIFIED and m.start_char >= trigger.end_char
               and m.end_char <= d.start and (m.start, m.end) != (trigger.start, trigger.end)
               for m in lex)


@cache
def _ended_stay_patterns(leaving: tuple[str, ...], ending: tuple[str, ...],
                         stays: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The leaving words, and a stay told as ended with its length, in days or weeks, before
    the stay noun ("ending a five-day visit", "after a week-long stay") or after it ("tras una
    escala de una semana", "depois de uma escala de seis dias"), over folded text."""
    def alt(words: tuple[str, ...]) -> str:
        return "|".join(re.escape(fold(w)) for w in sorted(words, key=len, reverse=True)) \
            or "(?!)"
    left = re.compile(rf"(?<!\w)(?:{alt(leaving)})(?!\w)")
    length = (rf"(?<!\w)(?:{alt(ending)})\s+(?:\w+\s+)?(?:(\w+)[- ](day|week)s?(?:[- ]long)?"
              rf"\s+(?:\w+\s+){{0,2}}?(?:{alt(stays)})(?!\w)|(?:\w+\s+){{0,2}}?(?:{alt(stays)})"
              rf"\s+(?:\w+\s+){{0,2}}?(?:de|of)\s+(\w+)\s+(dias?|semanas?|days?|weeks?)(?!\w))")
    return left, re.compile(length)


def _ended_stay(mention: DateMention, text: str, words: dict[str, list[str]],
                numbers: dict[str, int]) -> DateMention:
    """A port call told at its departure with the length of the stay it ended ("left Buenos
    Aires on Sunday, ending a five-day visit", "zarpó el pasado sábado tras una escala de una
    semana", "deixou o Rio no domingo, depois de uma escala de seis dias"): the call began
    that many days before the day told (``dates.json`` ``ended_stays``); a week is seven
    days, a stay of weeks more keeps the month it began in."""
    if mention.precision != "day" or not mention.value or not words:
        return mention
    left, length = _ended_stay_patterns(tuple(words.get("leaving", ())),
                                        tuple(words.get("ending", ())),
                                        tuple(words.get("stays", ())))
    folded = fold(text)
    found = length.search(folded) if left.search(folded) else None
    if found is None and words.get("closing"):  # "wrapped up its five-day friendly visit to
        # Argentina on November 3", "concluyó el domingo su visita de cinco días", "encerrou
        # no domingo a escala de quatro dias": a verb that ends the stay leaves and ends it
        found = _ended_stay_patterns((), tuple(words["closing"]),
                                     tuple(words.get("stays", ())))[1].search(folded)
    if found is None:
        return mention
    word, unit = (found.group(1), found.group(2)) if found.group(1) else (found.group(3),
                                                                           found.group(4))
    count = int(word) if word.isdigit() else numbers.get(word, 0)
    if unit.startswith(("week", "semana")):
        if count == 1:
            closed = date.fromisoformat(mention.value)
            start = closed - timedelta(days=7)
            return replace(mention, value=start.isoformat(), parts=(
                *mention.parts, ("last_date", closed.month, closed.day)))
        if not 1 < count <= 8:
            return mention
        start = date.fromisoformat(mention.value) - timedelta(weeks=count)
        return replace(mention, value=start.isoformat()[:7], precision="month")
    if not 1 < count <= LONGEST_DEFAULT * 2:
        return mention
    closed = date.fromisoformat(mention.value)
    start = closed - timedelta(days=count - 1)
    return replace(mention, value=start.isoformat(), parts=(
        *mention.parts, ("last_date", closed.month, closed.day)))  # (the stretch it ended:
    # no report dated at its close, beside the reports of its first day)


def _opening_day(mention: DateMention, text: str, numbers: dict[str, int], lang: str,
                 closing: bool, longest: int = LONGEST_DEFAULT) -> DateMention:
    """A forum or course told at its close with its length ("concluded the talks here
    Thursday, closing three days of meetings", "clausuró el sábado tras tres días de
    sesiones", "encerrou-se na sexta após quatro dias de debates"; an exercise "que reuniu
    durante onze dias" its forces) began that many days before (at most ``longest``): a
    stretch keeps its start. ``closing``: the sentence has a word of closing (lexicon class
    ``closing``)."""
    if mention.precision != "day" or not mention.value or not closing \
            or STARTED[lang].search(text):  # "began three days of exercises on 1 December"
        return mention
    found = LENGTH[lang].search(text)
    if found is None:
        weeks = WEEKS[lang].search(text)  # "durante cinco semanas": an approximate stretch,
        word = (weeks.group(1) or weeks.group(2)).lower() if weeks else ""  # its start's month
        count = int(word) if word.isdigit() else numbers.get(word, 0)
        if not 1 <= count <= 8:
            return mention
        start = date.fromisoformat(mention.value) - timedelta(weeks=count)
        return replace(mention, value=start.isoformat()[:7], precision="month")
    word = (found.group(1) or found.group(2)).lower()
    days = int(word) if word.isdigit() else numbers.get(word, 0)
    if not 1 < days <= longest:
        return mention
    start = date.fromisoformat(mention.value) - timedelta(days=days - 1)
    return replace(mention, value=start.isoformat())


def _defence_here(sp: Spans) -> bool:
    """A defence actor of the sentence's own: an armed force, its people, ships, aircraft or
    weapons, a defence institution or an officer's rank. A word for a body of people ("a
    Disaster Assistance Response Team from the State Department", "una delegación") says
    nothing of whose they are, though "team" is also a word for troops; an aircraft word
    inside a civil phrase ("helicópteros civis", "civilian aircraft") is none either."""
    bodies = {(s.start, s.end) for s in sp.lex if s.label_ in BODIES}
    civil = [s for s in sp.lex if s.label_ in CIVIL]
    return any(s.label_ in DEFENCE_CLASSES and (s.start, s.end) not in bodies and not any(
        c.start <= s.start and s.end <= c.end for c in civil) for s in sp.lex) or any(
        e.label_ == "INSTITUTION" for e in sp.ents) or any(
        t.label_ in DEFENCE_RANKS for t in sp.titles)


def _trade_accords(lex: list[Mark]) -> bool:
    """Every agreement word of the sentence has an economic topic right after it and no
    defence word there ("una serie de acuerdos en materia energética, financiera y
    minera", "agreements on trade and investment"): accords of trade, no military one,
    even in a sentence that tells a ship or an officer besides."""
    deals = [m for m in lex if m.label_ == "agreement_n"]
    trade = [p for m in lex if m.label_ in TRADE for p in range(m.start, m.end)]
    defence = [p for m in lex if m.label_ in DEFENCE_CLASSES for p in range(m.start, m.end)]
    return bool(deals) and bool(trade) and all(
        any(d.end <= p <= d.end + TRADE_TOPIC_REACH for p in trade)
        and not any(d.end <= p <= d.end + 2 * TRADE_TOPIC_REACH for p in defence)
        for d in deals)


def _civil_accord(trigger: Mark, lex: list[Mark]) -> bool:
    """An accord of no military: the sentence names a civil accord's topic ("un tratado de
    extradición", "established diplomatic relations", ``CIVIL_ACCORD``), or an economic word
    follows the trigger or an agreement word as its topic (``TRADE_TOPIC_REACH``: "han
    firmado un tratado de libre comercio", "signed agreements on trade") or stands just
    before an agreement word as its modifier (``TRADE_MODIFIER_REACH``: "a trade and
    investment accord"). An economic word
    elsewhere names no topic of the accord ("o Acordo de Salvaguardas Tecnológicas, que
    permite o lançamento comercial de foguetes", "the Export-Import Bank of India signed a
    loan agreement")."""
    if any(m.label_ == CIVIL_ACCORD for m in lex):
        return True
    heads = [trigger.end, *(m.end for m in lex if m.label_ == "agreement_n")]
    nouns = [m.start for m in lex if m.label_ == "agreement_n"]
    return any(m.label_ in TRADE and (
        any(h <= m.start <= h + TRADE_TOPIC_REACH for h in heads)
        or any(0 <= n - m.end <= TRADE_MODIFIER_REACH for n in nouns)) for m in lex)


def _civil_goods(sp: Spans) -> bool:
    """A platform word inside a civil phrase: civil aircraft ("helicópteros civis russos",
    "civilian aircraft") are the goods."""
    civil = [s for s in sp.lex if s.label_ in CIVIL]
    return any(s.label_ in PLATFORMS and any(c.start <= s.start and s.end <= c.end
                                             for c in civil) for s in sp.lex)


GIVEN: Final = ("donation_aid", "arms_transfer")  # whose LAC side a named recipient decides
GIVING: Final = ("handover_v", "donate_v", "carry_v")  # verbs whose recipient follows 'to', 'a'


def _recipient_state(trigger: Mark, ents: list[Mark], lac: set[str], norms: list[str],
                     models: Models, lang: str) -> set[str] | None:
    """The one LAC state a verb of giving or carrying names as where its goods went ("the
    patrol vessel delivered relief supplies to Haiti", "llevó víveres a Honduras", "doou
    viaturas ao Paraguai"), when the sentence names several: the others are said of
    something else ("has visited Cuba and the Dominican Republic in recent years, and ...
    delivered relief supplies to Haiti"); None when no such state is named."""
    opens = frames.recipient_of(trigger, norms, models.recipients.get(lang, frozenset()),
                                models.object_glue.get(lang, frozenset()))
    found = {e.kb_id_ for e in ents if e.label_ == "COUNTRY" and e.start in opens
             and e.kb_id_ in lac}
    return found if len(found) == 1 else None


def _military_actor(present: dict[str, list[int]], story: set[str], sp: Spans) -> bool:
    """A military giver or receiver said in the sentence or its story: an armed force, its
    people, ships or aircraft, a defence institution or an officer's rank ("equipment" or
    "vehicles" alone may be a town's)."""
    return bool((present.keys() | story) & set(MILITARY_ACTORS)) or any(
        e.label_ == "INSTITUTION" for e in sp.ents) or any(
        t.label_ in DEFENCE_RANKS for t in sp.titles)


# how goods travel ("desembarcou de navio", "transportar por"): a phrase that names no
# occurrence of its own, so a verb inside it still triggers ("O primeiro F-39E desembarcou
# de navio no porto de Navegantes": the aircraft arrived, as cargo)
CARRIAGE: Final = frozenset({"cargo"})


def _outermost(lex: list[Mark], types: dict[str, frozenset[str]], classes: dict[str, str]
               ) -> list[Mark]:
    """Drop a trigger word inside a longer phrase of another class: "training" in
    "training ship" is no course, "visit" in "goodwill visit" no senior visit. (Other
    classes stay: "Defense" in "Defense Secretary" still says who is military; and a cue
    phrase names nothing, so "commissioned" in "commissioned into" still receives. A trigger
    inside a longer trigger that makes every type it makes stays too, "calls" in "calls at":
    the longer one wins where its company is in reach, ``frames.readings``, and the shorter
    reads where it is not, "its itinerary included calls at Tokyo".)"""
    long = [s for s in lex if s.end - s.start > 1 and classes.get(s.label_) != "cue"
            and s.label_ not in CARRIAGE]
    if not long:
        return lex

    def kin(inner: str, outer: str) -> bool:  # (the inner makes no type the outer does not)
        return outer in types and types[inner] <= types[outer]

    return [s for s in lex if s.label_ not in types or not any(
        o.start <= s.start and s.end <= o.end and o.end - o.start > s.end - s.start
        and o.label_ != s.label_ and not kin(s.label_, o.label_) for o in long)]


NAME_REACH: Final = 8  # tokens from a name's head noun to a trigger noun inside the same name


def _fleet_of_others(lex: list[Mark]) -> list[Mark]:
    """A fleet ('fleet', 'flota', 'frota') is no ship where its sentence names aircraft or
    vehicles and weapons and no other ship ("The Police Force has added twenty new vehicles
    to its fleet", "se suman a la flota", "substituir sua frota de Kfir"): it is theirs."""
    fleets = {(s.start, s.end) for s in lex if s.label_ == FLEET}
    if not fleets:
        return lex
    labels = {s.label_ for s in lex}
    if labels.isdisjoint(FLEET_OF) or any(
            s.label_ == "ship" and (s.start, s.end) not in fleets for s in lex):
        return lex
    return [s for s in lex if s.label_ != "ship" or (s.start, s.end) not in fleets]


def _unnamed(lex: list[Mark], text: str, starts: list[int], norms: list[str], models: Models,
             lang: str) -> list[Mark]:
    """Drop a trigger noun inside the capitalised name another trigger noun heads ("el
    Acuerdo Complementario para la Cooperación y Asistencia Técnica": no aid given; "the
    Course on Peace Operations": no operation): it names the topic, not an occurrence, and
    says nothing of the sentence as a cue ("Asistencia" there is no gift)."""
    if len(lex) < 2:
        return lex
    nouns = [s for s in lex if s.label_.endswith("_n") and s.label_ in models.triggers
             and text[starts[s.start]].isupper()]
    if len(nouns) < 2:
        return lex
    glue = models.function_words.get(lang, frozenset())
    inside = {s.start for head in nouns for s in nouns
              if 0 < s.start - head.end <= NAME_REACH and s.label_ != head.label_
              and (head.label_, s.label_) not in OWNERS and all(
                  text[starts[k]].isupper() or norms[k] in glue
                  for k in range(head.end, s.start))}
    if not inside:
        return lex
    return [s for s in lex if s.start not in inside or (
        s.label_ not in models.triggers and models.classes.get(s.label_) != "cue")]


UNIT_HEADS: Final = ("unit_n", "ship")  # nouns that head a unit's, a school's or a force's name
HEAD_LAST: Final = frozenset({"en"})  # where a noun phrase's head ends it ("the task group
# commander")
NAME_AND: Final = frozenset({"and", "&"})  # "Naval Education and Training Command"


def _in_unit_name(lex: list[Mark], text: str, starts: list[int], norms: list[str],
                  models: Models, lang: str, first: int) -> list[Mark]:
    """Drop a capitalised trigger word inside the capitalised name of a unit, school or
    force ("the 1st Security Force Assistance Brigade", "the Naval Education and Training
    Command", "la Brigada de Asistencia de Fuerzas de Seguridad", "o Centro de Instrução de
    Operações"): it names the unit, no occurrence, and is no cue either ("Assistance" there
    is no aid given). The name runs from the head noun through capitalised words and at
    least one function word to the trigger ("Centro de ...", "Center for Peace
    Operations": "Southern Command Exercise Tradewinds" keeps its exercise), or, in English,
    from the trigger through capitalised words and "and" to the head after it ("a MEDRETE
    del Comando Sur" is the command's mission, not its name). A trigger that opens its
    sentence (``first``) owes its capital to that."""
    heads = [s for s in lex if s.label_ in UNIT_HEADS and text[starts[s.start]].isupper()]
    if not heads:
        return lex
    glue = models.function_words.get(lang, frozenset())
    head_last = lang in HEAD_LAST

    def before(s: Mark, h: Mark) -> bool:  # "Security Force Assistance Brigade"
        return head_last and 0 <= h.start - s.end <= NAME_REACH and all(
            text[starts[k]].isupper() or norms[k] in NAME_AND for k in range(s.end, h.start))

    def after(s: Mark, h: Mark) -> bool:  # "Brigada de Asistencia", "Center for Operations"
        words = range(h.end, s.start)
        return 0 < s.start - h.end <= NAME_REACH and any(norms[k] in glue for k in words) \
            and all(text[starts[k]].isupper() or norms[k] in glue for k in words)

    inside = {s.start for s in lex
              if s.label_ in models.triggers and text[starts[s.start]].isupper()
              and s.start > first and any(before(s, h) or after(s, h)
                                          for h in heads if h.start != s.start)}
    if not inside:
        return lex
    return [s for s in lex if s.start not in inside or (
        s.label_ not in models.triggers and models.classes.get(s.label_) != "cue")]


# (head, inner) trigger nouns of one name where the inner is whose the head is, not its
# topic: "VII Reunião do Diálogo Político-Militar", "the Meeting of the Joint Commission"
# is the forum's meeting
OWNERS: Final = frozenset({("meeting_n", "forum_n")})
COUNTED_KINDS: Final = ("object", "actor")  # what an ordinal before them counts
ORDINAL_NOUN_REACH: Final = 2  # words from an ordinal to the noun it counts (an adjective between)


# portions and turns an ordinal counts ("La segunda parte de la agenda", "the second day of
# talks", "pela terceira vez"): folded, in every language
PORTIONS: Final = frozenset("part parts phase stage half leg time day week parte partes fase "
                            "etapa mitad tramo vez dia semana jornada metade trecho".split())


def _counts(mark: Mark, lex: list[Mark], classes: dict[str, str], norms: list[str]) -> bool:
    """An ordinal that counts the thing or person named right after it ("The second French
    ship reached Valparaíso", "El segundo buque", "A terceira delegação") or a portion or
    turn of something ("La segunda parte de la agenda llegó hoy", ``PORTIONS``) stands for
    no edition of a forum."""
    return any(0 <= s.start - mark.end < ORDINAL_NOUN_REACH
               and classes.get(s.label_) in COUNTED_KINDS for s in lex) or any(
        norms[k] in PORTIONS for k in range(mark.end, min(len(norms),
                                                          mark.end + ORDINAL_NOUN_REACH)))


def _compound(mark: Mark, triggers: frozenset[str], norms: list[str], token_starts: list[int]
              ) -> bool:
    """A trigger noun joined by a hyphen to the words after it ("a round-the-world
    cruise", "exercise-related costs") is part of a modifier, not a noun of its own; so is
    a verb's participle joined by a hyphen to the word before it ("a SOUTHCOM-funded
    operations center", "U.S.-donated boats"): it qualifies a noun, it tells no act."""
    after = mark.end
    if (mark.label_ in triggers and not mark.label_.endswith("_n") and mark.start > 0
            and norms[mark.start - 1] == "-"
            and token_starts[mark.start] == token_starts[mark.start - 1] + 1):
        return True
    return (mark.label_ in triggers and mark.label_.endswith("_n") and after < len(norms)
            and norms[after] == "-" and token_starts[after] == mark.end_char)


def _untitled(lex: list[Mark], titles: list[Mark], classes: dict[str, str]) -> list[Mark]:
    """Drop an object word inside a rank or title: "Almirante de Esquadra", "capitán de
    navío" name an officer, not a fleet or a ship, so they neither make a port call nor
    veto a visit."""
    if not titles:
        return lex
    return [s for s in lex if classes.get(s.label_) != "object" or not any(
        t.start <= s.start and s.end <= t.end for t in titles)]


DIPLOMAT: Final = "diplomat"  # a foreign minister, the U.S. Secretary of State


def _diplomats(lex: list[Mark]) -> list[Mark]:
    """Drop a leader's word inside a diplomat's title: "Secretary of State Marco Rubio
    visited Panama", "the Minister of Foreign Affairs" name a diplomat, no defence leader,
    so by themselves they pay no senior visit (the diplomat's mark stays: it vetoes the
    meeting a signing implies, ``senior_visit.signing``)."""
    spans = [(m.start, m.end) for m in lex if m.label_ == DIPLOMAT]
    if not spans:
        return lex
    titles = [(m.start, m.end) for m in lex if m.label_ == OFFICIAL]
    # a longer defence title holding the diplomat's words is the defence leader's ("the
    # Secretary of State for Defence"): its diplomat mark goes, not its official one
    held = {(a, b) for a, b in spans
            if any(c <= a and b <= d and (c, d) != (a, b) for c, d in titles)}
    return [m for m in lex if not (m.label_ == DIPLOMAT and (m.start, m.end) in held)
            and (m.label_ != OFFICIAL or not any(a <= m.start and m.end <= b
                                                  for a, b in spans if (a, b) not in held))]


RANK_GLUE: Final = frozenset({"a", "ao", "to", "ser", "be", "become"})  # "llegar a (ser)
# comandante"


def _rank_reached(lex: list[Mark], titles: list[Mark], norms: list[str]) -> list[Mark]:
    """Drop a travel word that reaches a rank or office, not a place: "quien estudia en el
    extranjero como capitán puede llegar a comandante en jefe", "chegou a almirante", "rose
    to be minister" tell a career. The title follows the travel word's preposition with
    nothing else between ("visitó al comandante", "visited Commander Ruiz" are visits)."""
    if not titles:
        return lex
    starts = sorted(t.start for t in titles)  # (bisected below)

    def reached(m: Mark) -> bool:
        if m.label_ not in TRAVEL_CLASSES:
            return False
        k = bisect_left(starts, m.end)
        if k == len(starts) or starts[k] - m.end > 2:
            return False
        words = norms[m.start + 1:m.end] + norms[m.end:starts[k]]
        return bool(words) and words[0] in ("a", "ao", "to") and all(w in RANK_GLUE
                                                                      for w in words)
    return [m for m in lex if not reached(m)]


def _kin_work(lex: list[Mark], norms: list[str], glue: frozenset[str]) -> list[Mark]:
    """Drop a trigger word of a ``KIN_WORK`` class that stands beside a word of its kin
    class, joined by function words and commas alone ("the operation and maintenance of
    the boats"): the two name the same kind of work, not an event."""
    kin = [(s, KIN_WORK[s.label_]) for s in lex if s.label_ in KIN_WORK]
    if not kin:
        return lex

    def beside(m: Mark, cls: str) -> bool:
        for o in lex:
            if o.label_ != cls:
                continue
            a, b = (o.end, m.start) if o.end <= m.start else (m.end, o.start)
            if 0 <= b - a <= KIN_REACH and all(
                    w in glue or not any(ch.isalnum() for ch in w) for w in norms[a:b]):
                return True
        return False

    dropped = {id(m) for m, cls in kin if beside(m, cls)}
    return [s for s in lex if id(s) not in dropped] if dropped else lex


# the nouns of an arrival that are also nouns of goods arriving ('handover_n': "the arrival
# of the first batch"): said of a ship or aircraft ("the ship's arrival", "la llegada del
# buque", "a chegada do navio") they tell the craft's coming, no goods
CRAFT_ARRIVAL: Final = "handover_n"  # the class of an arrival noun (``_craft_arrival``)
ARRIVAL_NOUNS: Final = frozenset({"arrival", "llegada", "arribo", "arribada", "chegada"})
CRAFT_OF: Final = frozenset({"of", "the", "its", "de", "del", "la", "el", "los", "las", "su", "do",
                             "da", "dos", "das", "o", "a", "os", "as", "seu", "sua"})
CRAFT_REACH: Final = 3  # tokens from the arrival noun to the craft it is of
CRAFT_GOODS: Final = frozenset({"price", "buy_v", "batch", "donate_v", "donation_n"})  # the craft
# traded


def _craft_arrival(lex: list[Mark], norms: list[str]) -> list[Mark]:
    """Drop the goods reading (``handover_n``) of an arrival noun said of a ship or an
    aircraft ("the ship's arrival comes weeks after", "announced the ship's arrival",
    "la llegada del buque hospital", "a chegada do navio"): the craft's coming, a call, not
    goods handed over, even with a gift word lent by the story; unless the sentence trades
    the craft itself (a price, a purchase, a batch, a donation: "the arrival of the
    patrol boats bought from Israel")."""
    nouns = [s for s in lex if s.label_ == CRAFT_ARRIVAL and s.end - s.start == 1
             and norms[s.start] in ARRIVAL_NOUNS]
    if not nouns or any(s.label_ in CRAFT_GOODS for s in lex):
        return lex
    craft = [s for s in lex if s.label_ in CRAFT]

    def of_craft(m: Mark) -> bool:
        for c in craft:
            if 0 <= c.start - m.end <= CRAFT_REACH and all(
                    w in CRAFT_OF for w in norms[m.end:c.start]):
                return True  # "arrival of the ship", "llegada del buque"
            if 0 <= m.start - c.end <= 1 and all(
                    w in ("'s", "s", "'") for w in norms[c.end:m.start]):
                return True  # "the ship's arrival"
        return False

    dropped = {id(m) for m in nouns if of_craft(m)}
    return [s for s in lex if id(s) not in dropped] if dropped else lex


# agreement nouns that alone name a relation as often as a text ("the strength of the
# partnership between the United States and Jamaica", "in partnership with the GDF", "a
# security partnership that dates back to the 1980s"): a text only as what is signed
RELATION_NOUNS: Final = frozenset({"partnership"})
SIGNING_VERB: Final = "sign_v"


def _relations(lex: list[Mark], norms: list[str]) -> list[Mark]:
    """Drop the agreement reading of a bare relation noun (``RELATION_NOUNS``: "the
    partnership between the two countries") where the sentence signs nothing; one signed
    ("Lula and the French president signed a partnership under which ...") and a longer
    name holding it ("strategic partnership") stay texts."""
    bare = [s for s in lex if s.label_ == AGREEMENT_NOUN and s.end - s.start == 1
            and norms[s.start] in RELATION_NOUNS]
    if not bare or any(s.label_ == SIGNING_VERB for s in lex):
        return lex
    held = [s for s in lex if s.label_ == AGREEMENT_NOUN and s.end - s.start > 1]
    dropped = {id(s) for s in bare if not any(h.start <= s.start < h.end for h in held)}
    return [s for s in lex if id(s) not in dropped] if dropped else lex


def _named_mission(lex: list[Mark], token_starts: list[int], text: str) -> list[Mark]:
    """Drop the exercise reading of an operation word that a capitalised name follows
    when a course word stands in the sentence ("Operation HELIOS builds on courses that
    ..."): the named mission is the training the sentence tells of, and it no longer
    vetoes the course frames. Without a course word it keeps its exercise reading, and so it
    does beside a course word inside a capitalised name ("no Campo de Instrução de
    Formosa": a training ground, not a course)."""
    word, exercise, course = NAMED_MISSION
    named = {m.start for m in lex if m.label_ == word and m.end < len(token_starts)
             and text[token_starts[m.end]:token_starts[m.end] + 1].isupper()}
    if not named or not any(m.label_ == course and text[token_starts[m.start]].islower()
                            for m in lex):  # (not a name: "Campo de Instrução de Formosa")
        return lex
    return [s for s in lex if s.label_ != exercise or s.start not in named]


# a model designation ("Tu-160s", "Su-30MK2") counted or plural as the subject of a verb
# of landing is an aircraft: only aircraft land
LANDING: Final = "land_v"
AIRCRAFT: Final = "aircraft"
# the verbs only an aircraft is the subject of: landing, and flying ("Tu-160s flew to
# Venezuela", "dos Tu-160 volaron sobre el Caribe", "quatro F-16 voaram até Anápolis")
LANDINGS: Final = frozenset({LANDING, "fly_v", "fly_to_v"})
LANDED_BEFORE: Final = 12  # tokens from the designation to its verb ("Two Tu-160s, accompanied by
# an An-124 transport and an Il-62 airliner, touched down")
LANDED_AFTER: Final = 15  # tokens from an es/pt verb to its subject after it ("Aterrizaron el
# jueves en la base aérea de El Palomar, Argentina, tres C-130")
AND_WORDS: Final = frozenset({"y", "e"})
LANDED_COUNT_REACH: Final = 2  # tokens from the count to the designation ("dos Tu-160 rusos",
# "two Russian Tu-160s")
CLAUSE_STOPS: Final = frozenset({";", ":", "(", ")"})
# nouns of a count of two ("a pair of Tu-160s", "un par de Tu-160", "una pareja de Tu-160",
# "um par de Su-30", "a couple of F-16s", "uma dupla de caças"): counted as a number is
PAIR_WORDS: Final = frozenset({"pair", "couple", "par", "pareja", "dupla"})
# the plural demonstratives that count a designation as the story's aircraft told again
# ("aquellos Tu-160 se posaron en Maiquetía", "those Tu-160s landed", "esses Su-30 pousaram")
PLURAL_DEMONSTRATIVES: Final = frozenset(
    "these those estos estas esos esas aquellos aquellas estes esses essas aqueles aquelas"
    .split())


def _landed_models(lex: list[Mark], norms: list[str], models: Models, lang: str) -> list[Mark]:
    """A model designation, which alone is a weapon (``component.DESIGNATION``), read as
    an aircraft where it is the subject of a verb of landing or flying (``LANDINGS``) and counted or
    plural ("Two Tu-160s touched down at Maiquetía", "dos Tu-160 se posaron en la base
    aérea Libertador", "an Il-62 and an An-124 landed", "pousaram na base dois Su-30"):
    the aircraft that arrives, so the landing reads as an aircraft's arrival (a visit, or
    a delivery where batch or purchase words say so), not as weapons arriving. Before the
    verb within its clause, or after it in the same clause in Spanish and Portuguese (no
    'with' between: "aterrizó con dos Mi-17" carries them)."""
    landings = [m for m in lex if m.label_ in LANDINGS]
    if not landings:
        return lex
    numbers = {fold(w) for w in models.dates["numbers"].get(lang, {})} | PLURAL_ARTICLES \
        | PAIR_WORDS | PLURAL_DEMONSTRATIVES
    # what ends the clause of an es/pt verb before its subject after it ("aterrizó en
    # Caracas, donde recibió dos Su-30", "y luego dos Mi-17 partieron")
    after_stops = models.relatives.get(lang, frozenset()) | AND_WORDS | {"."}

    def counted(p: int) -> bool:
        if norms[p].endswith("s") and norms[p][-2].isdigit():
            return True  # "Tu-160s", "F-16s"
        for k in range(p - 1, max(-1, p - 1 - LANDED_COUNT_REACH), -1):
            if norms[k] in numbers or (norms[k].isdigit() and len(norms[k]) < 4):
                return True
            if not norms[k][:1].isalnum():
                return False
        return False

    def subject(m: Mark) -> bool:
        for land in landings:
            if 0 < land.start - m.start <= LANDED_BEFORE and not any(
                    n in CLAUSE_STOPS or n == "." for n in norms[m.end:land.start]):
                return True
            if lang != "en" and 0 <= m.start - land.end < LANDED_AFTER and not any(
                    n in WITH_WORDS or n in CLAUSE_STOPS or n in after_stops
                    for n in norms[land.end:m.start]):
                return True
        return False

    landed = {id(m) for m in lex if m.label_ == DESIGNATION_CLASS and m.end == m.start + 1
              and DESIGNATION.fullmatch(norms[m.start]) and counted(m.start) and subject(m)}
    if not landed:
        return lex
    return [m._replace(label_=AIRCRAFT) if id(m) in landed else m for m in lex]


AGENT_REACH: Final = 4  # tokens from a passive verb to "by" / "pelo" (past "com honras militares")
RECEIVE: Final = "receive_v"  # a leader receiving
RECEIVE_GOODS: Final = "receive_goods_v"  # goods received
WELCOMES: Final = ("receive_v", "meet_v")  # verbs that, passive, tell a ship welcomed on arrival
SUBJECT_REACH: Final = 4  # tokens from a sentence's start to the ship that is its subject
WELCOME_AGENT_REACH: Final = 7  # a passive verb's agent after a place ("met at the cruise pier by")
PEOPLE: Final = frozenset({"official", "head_of_state"})
MET: Final = frozenset({"official", "head_of_state", "envoy"})  # a receiving verb's object
# the 'a' Spanish puts before a received visitor, person or ship ("recibió este lunes en el
# muelle ... al buque escuela", "recibimos en la Academia ... a los planificadores"): goods
# take none; less the 'a' of a time, a manner or a place ("al final", "a bordo", "a las 10")
PERSONAL_A: Final = {"es": (frozenset({"al"}), frozenset({"a"}), frozenset({"la", "las", "los"}))}
NOT_PERSONAL: Final = frozenset(
    "final cabo menos mando frente igual respecto parecer principio inicio termino momento dia "
    "mes ano siguiente comienzo mediodia bordo cambio traves partir finales fines fin mediados "
    "principios comienzos inicios semana vez llegada altura espera hora horas fecha manana tarde "
    "noche largo brevedad par cabeza orden su sus".split())
PERSONAL_REACH: Final = 16  # tokens from a receiving verb to the 'a' of its visitor
RECEIVED_GOODS: Final = frozenset({"ship", "aircraft", "weapon", "supplies", "relief_goods",
                                   "commodity", "batch"})  # what may be received before such an 'a'


FORUM_OF_REACH: Final = 8  # tokens from a meeting noun to the forum noun that heads its name


def _forum_session(trigger: Mark, lex: list[Mark], text: str, starts: list[int], norms: list[str],
                   models: Models, lang: str) -> bool:
    """A meeting noun followed by a function word and the capitalised name of a forum
    ("the second meeting of the India-Peru Joint Working Group", "la IV reunión de la
    Comisión Mixta", "a reunião do Grupo de Trabalho Bilateral"): a session of the forum."""
    glue = models.function_words.get(lang, frozenset())
    forum = next((s for s in lex if s.label_ == "forum_n"
                  and 0 < s.start - trigger.end <= FORUM_OF_REACH), None)
    if forum is None or norms[trigger.end] not in glue:
        return False
    return all(text[starts[k]].isupper() or norms[k] in glue or not text[starts[k]].isalnum()
               for k in range(trigger.end, forum.start)) and text[starts[forum.start]].isupper()


TALKS: Final = ("meet_v", "meeting_n")  # talks told after a welcome make it a meeting of leaders
SHIP_GROUP: Final = "ship_group"  # a flotilla or task group, whose commander is a ship's
COMMANDER_OF_REACH: Final = 3  # tokens from a commander to the ship he commands ("do navio
# francês")
MAKER: Final = "maker"  # a firm
MAKER_REACH: Final = 3  # tokens from it to the state named as its own
# a leader's counterpart named at a firm's signing: the leaders of two states were there
COUNTERPARTS: Final = frozenset({"counterpart", "counterparts", "homologo", "homologa", "homologos",
                                 "homologas"})
POSSESSIVE_MARKS: Final = frozenset({"'s", "’s", "'", "’"})
PERSON_PASSIVE_AUX: Final = frames.PERSON_PASSIVE_AUX  # (a passive welcome's, es and pt)


def _commander_welcomed(trigger: Mark, sent: Mark, lex: list[Mark], ents: Sequence[Mark],
                        norms: list[str], models: Models, lang: str) -> bool:
    """A ship's or a flotilla's commander, told before a passive receiving or meeting verb
    with its agent after it ("o comandante do veleiro ... foi recebido pelo Comandante do
    2º Distrito Naval", "the ship's commanding officer was received by"): the ship's call
    welcomed by its host, no meeting of leaders."""
    passive = models.passive_aux.get(lang, frozenset()) | PERSON_PASSIVE_AUX
    if not (norms[trigger.start] in passive or (
            trigger.start > sent.start and norms[trigger.start - 1] in passive)):
        return False
    agents = models.agents.get(lang, frozenset())
    agent = next((k for k in range(trigger.end, min(trigger.end + WELCOME_AGENT_REACH,
                                                     sent.end)) if norms[k] in agents), None)
    glue = models.object_glue.get(lang, frozenset()) | models.function_words.get(
        lang, frozenset())
    if agent is None or _service_chief(agent, sent, lex, norms, glue):
        return False
    kinds = models.institution_kinds
    crafts = [(m.start, m.end) for m in lex if m.label_ in ("ship", SHIP_GROUP)
              and sent.start <= m.start < trigger.start] + [
        (e.start, e.end) for e in ents if e.label_ == "INSTITUTION"
        and kinds.get(e.kb_id_) == "ship" and sent.start <= e.start < trigger.start]
    for m in lex:
        if m.label_ != "official" or not sent.start <= m.start < trigger.start:
            continue
        if any(0 < c0 - m.end + 1 <= COMMANDER_OF_REACH and norms[m.end] in glue
               and all(norms[k] in glue for k in range(m.end, c0)) for c0, _ in crafts):
            return True  # "the commander of the task group", "o comandante do navio"
        if any(0 < m.start - c1 <= 1 and all(norms[k] in POSSESSIVE_MARKS
                                              for k in range(c1, m.start)) for _, c1 in crafts):
            return True  # "the ship's commander", "Medway's Commanding Officer"
    return False


def _service_chief(agent: int, sent: Mark, lex: list[Mark], norms: list[str],
                   glue: frozenset[str]) -> bool:
    """The agent a passive's "by" opens is the head of a whole service: an official whose
    words lead, through titles and function words only, to the service ("por el Comandante
    en Jefe de la Armada", "pelo Comandante da Marinha"; not "pelo Comandante do 4º
    Distrito Naval", "por el comandante en jefe de la Primera Zona Naval"): the navy's
    chief receives leaders, a district's commander welcomes a ship."""
    officials = {k for m in lex if m.label_ == "official" for k in range(m.start, m.end)}
    services = {m.start for m in lex if m.label_ == "military"}
    k = agent + 1
    while k < sent.end and norms[k] in glue:
        k += 1
    if k not in officials:
        return False
    while k < sent.end and (k in officials or norms[k] in glue):
        k += 1
    return k in services


def _firm_signs(lex: list[Mark], ents: Sequence[Mark], norms: list[str], models: Models) -> bool:
    """A firm (a maker) in the sentence, and no power named in it but as the firm's own
    ("la compañía sueca Saab", "the Spanish state shipbuilder Navantia", "HD Hyundai"): a
    state's leaders signed with a firm, no leader of the firm's state was there (unless a
    leader's counterpart is named: "y su homólogo venezolano")."""
    makers = [m for m in lex if m.label_ == MAKER]
    if not makers or any(m.label_ == "official" and not COUNTERPARTS.isdisjoint(
            norms[k] for k in range(m.start, m.end)) for m in lex):
        return False  # ("el ministro de Defensa, José Bono, y su homólogo venezolano")
    kinds = models.institution_kinds
    for e in ents:
        if e.label_ not in ("COUNTRY", "INSTITUTION") or kinds.get(e.kb_id_) == MAKER:
            continue
        state = country_of(e, models)
        if state is None or models.regions.get(state) == "LAC":
            continue
        if not any(-MAKER_REACH <= m.start - e.end <= MAKER_REACH
                   or m.start <= e.start < m.end for m in makers):
            return False  # "in the presence of Spain's defence minister"
    return True


def _ship_welcomed(trigger: Mark, sent: Mark, lex: list[Mark], norms: list[str], models: Models,
                   lang: str) -> bool:
    """A ship, the subject that opens the sentence ("The Martinique-based vessel", "O
    veleiro", "La nave"), is the one a passive meeting or receiving verb tells met or
    received by someone ("was met at the cruise pier by officers", "foi recebido por uma
    comitiva"): the ship's welcome on arrival, not leaders meeting. A leader or officer
    opening the sentence ("o comandante do navio foi recebido") is received himself."""
    agents = models.agents.get(lang, frozenset())
    ship = next((m for m in lex if m.label_ == "ship" and m.start < trigger.start), None)
    if ship is None or ship.start - sent.start > SUBJECT_REACH or any(
            m.label_ in PEOPLE and m.start < ship.start for m in lex):
        return False
    return any(norms[k] in agents for k in range(trigger.end, min(
        trigger.end + WELCOME_AGENT_REACH, sent.end)))


def _no_goods_received(lex: list[Mark], titles: list[Mark], end: int, norms: list[str],
                       models: Models, lang: str) -> list[Mark]:
    """A receiving verb whose agent is a person ("foi recebida pelo vice-almirante", "was
    received by the minister") received a visitor, not goods, when no ship, aircraft or
    goods stand before it as what was received; so does one whose object's head is an
    official or a delegation ("received the task group commander", "recibió al comandante
    de la fragata", "recebeu a delegação"): it keeps its visit reading only."""
    agents = models.agents.get(lang, frozenset())
    if not agents or not any(s.label_ == "receive_goods_v" for s in lex):
        return lex
    people = {s.start for s in lex if s.label_ in PEOPLE} | {t.start for t in titles}
    objects = [s.start for s in lex if models.classes.get(s.label_) == "object"]
    goods = {k for s in lex if s.label_ in RECEIVED_GOODS for k in range(s.start, s.end)}

    met = {s.start for s in lex if s.label_ in MET}
    glue = models.object_glue.get(lang, frozenset()) | frames.PERSONAL
    stops = models.function_words.get(lang, frozenset())
    reach = frames.OBJECT_REACH.get(lang, 1)
    passive = models.passive_aux.get(lang, frozenset()) | PERSON_PASSIVE_AUX
    articles = ARTICLES.get(lang, frozenset())

    def visitor(m: Mark) -> bool:
        said = sorted(frames.object_of(m, norms, glue, stops, reach))
        if said and (said[-1] if lang in HEAD_LAST else said[0]) in met:
            return True  # ("received the task group commander", "recebeu a delegação")
        if _people_received(m, lex, end, norms, passive, articles):
            return True  # ("una comitiva de oficiales fue recibida a bordo", "recebeu na
            # quarta-feira, no Quartel-General, uma delegação do Exército alemão")
        if any(o < m.start for o in objects):
            return False
        if lang in PERSONAL_A and _personal_a(m, end, norms, goods, PERSONAL_A[lang],
                                              models.relatives.get(lang, frozenset())):
            return True  # ("recibió este lunes ... al buque escuela")
        agent = next((k for k in range(m.end, min(m.end + AGENT_REACH, end))
                      if norms[k] in agents), None)
        return agent is not None and bool({agent + 1, agent + 2} & people)

    return [s for s in lex if s.label_ != "receive_goods_v" or not visitor(s)]


# people a receiving verb may receive (guests, a delegation, troops), against the goods it may
RECEIVED_GUESTS: Final = frozenset({"people_n", "members", "staff", "official", "head_of_state",
                                    "envoy", "attendee"})
PASSIVE_SUBJECT_REACH: Final = 12  # tokens from a passive verb's auxiliary back to its subject ("el
# ministro de Defensa ruso, Serguéi Shoigú, visitó Managua, donde fue recibido")
PASSIVE_GAP: Final = 3  # tokens from a passive's auxiliary to its verb ("were formally received")
GUEST_AFTER: Final = 20  # tokens from an active one to its object, past a time and a place
ARTICLES: Final = {lang: article_words(("definite_singular", "definite_plural", "indefinite"),
                                       (lang,)) for lang in LANGS}  # (articles.json)


def _people_received(m: Mark, lex: list[Mark], end: int, norms: list[str],
                     passive: frozenset[str], articles: frozenset[str]) -> bool:
    """What a receiving verb receives is people: its passive's subject, the nearest of
    people and goods before the auxiliary ("una comitiva de oficiales argentinos fue
    recibida a bordo", "the delegation was received"), or, active, the first of them after
    it, an article before it, past the time and place said first ("recebeu na última
    quarta-feira (14), no Quartel-General, uma delegação"; not "recebeu, em cerimônia
    presidida pelo ministro, o avião")."""
    marks = sorted((s for s in lex if s.label_ in RECEIVED_GUESTS or s.label_ in RECEIVED_GOODS),
                   key=lambda s: s.start)
    if m.start and norms[m.start - 1] in passive and not norms[m.start].endswith("ing"):
        # (not the progressive: "the ship, with 550 medical personnel aboard, was receiving
        # patients" receives what comes after it)
        before = [s for s in marks if 0 < m.start - 1 - s.end + 1 <= PASSIVE_SUBJECT_REACH
                  and s.end <= m.start - 1]
        return bool(before) and before[-1].label_ in RECEIVED_GUESTS
    if any(norms[k] in passive for k in range(max(0, m.start - PASSIVE_GAP), m.start)):
        return False  # ("the items were formally received ... where the Chief of Staff")
    after = next((s for s in marks if m.end <= s.start < min(end, m.end + GUEST_AFTER)),
                 None)
    return after is not None and after.label_ in RECEIVED_GUESTS and after.start > m.end \
        and norms[after.start - 1] in articles and not any(
            norms[k] in (";", ":") for k in range(m.end, after.start))


def _personal_a(m: Mark, end: int, norms: list[str], goods: set[int],
                words: tuple[frozenset[str], frozenset[str], frozenset[str]],
                relatives: frozenset[str]) -> bool:
    """The receiving verb's object comes after the 'a' of a person (``PERSONAL_A``), past
    the time and place said first ("recibió este lunes en el muelle de Punta Torrecilla, al
    buque escuela"): a visitor received; goods named first ("recibió dos lanchas a finales
    de mayo") or no such 'a' before a semicolon or relative clause leave the goods."""
    contracted, bare, articles = words
    for k in range(m.end, min(m.end + PERSONAL_REACH, end - 1)):
        if k in goods or norms[k] == ";" or norms[k] in relatives:
            return False
        nxt = norms[k + 1]
        if norms[k] in contracted:
            return nxt.isalpha() and nxt not in NOT_PERSONAL
        if norms[k] in bare and nxt in articles and k + 2 < end:
            return norms[k + 2].isalpha() and norms[k + 2] not in NOT_PERSONAL
    return False


SENT_REACH: Final = 6  # tokens after a verb of sending where the ship or aircraft it sends stands
CRAFT: Final = frozenset({"ship", "aircraft"})
SENDING: Final = frozenset({"handover_v", "handover_n"})  # (es "envió" folds as the noun "envío")
# what a ship or aircraft sent may carry as goods handed over ("sent a plane with medical
# supplies", "envió un buque con ayuda humanitaria"): with these the verb keeps its goods
LOADS: Final = frozenset({"supplies", "relief_goods", "gift", "donation_n", "commodity"})


def _ships_sent(lex: list[Mark], end: int, norms: list[str], models: Models, lang: str
                ) -> list[Mark]:
    """A verb of sending that is also one of deploying ("sent", "envió", "despachou")
    whose object is a ship or an aircraft ("Washington sent the attack submarine USS
    Helena to Guantánamo", "the PLA Navy sent a three-ship task group", "envió la fragata
    a Haití") deploys it: no goods change hands (its deploying reading stays). The object
    is looked for past articles and modifiers up to the first preposition or comma; not
    where the sentence names supplies or a gift the craft may carry ("sent a plane with
    medical supplies"; a "supply ship" is a craft, no load)."""
    craft = {p for s in lex if s.label_ in CRAFT for p in range(s.start, s.end)}
    if not craft or any(s.label_ in LOADS and s.start not in craft for s in lex):
        return lex
    deploys = {(s.start, s.end) for s in lex if s.label_ == "deploy_v"}
    glue = models.object_glue.get(lang, frozenset())
    stops = models.function_words.get(lang, frozenset()) - glue

    def deployed(m: Mark) -> bool:
        for k in range(m.end, min(m.end + SENT_REACH, end)):
            if k in craft:
                return True
            if norms[k] in stops or norms[k] in (",", ";", ":", "(", "."):
                return False
        return False

    return [s for s in lex if s.label_ not in SENDING or (s.start, s.end) not in deploys
            or not deployed(s)]


def _periphrasis(lex: list[Mark], norms: list[str], text: str, token_starts: list[int],
                 lang: str) -> list[Mark]:
    """A verb of motion, then "a" and an infinitive, is a periphrasis, no arrival or visit:
    "llegó a decir" (went as far as to say), "pasó a integrar", "chegou a anunciar",
    "veio a confirmar"."""
    if lang not in INFINITIVE:
        return lex

    def aspect(m: Mark) -> bool:
        k = m.end if norms[m.end - 1] == "a" else m.end + 1
        if k >= len(norms) or (k == m.end + 1 and norms[m.end] != "a"):
            return False
        word = text[token_starts[k]:token_starts[k] + 40].split(" ", 1)[0]
        return INFINITIVE[lang].fullmatch(word) is not None

    return [s for s in lex if s.label_ not in MOTION_CLASSES or s.end >= len(norms)
            or not aspect(s)]


# nouns of a kind of work that a gift word may qualify ("humanitarian missions", "humanitarian
# deployment", "operaciones de ayuda humanitaria", "disaster relief duties")
WORK_NOUNS: Final = frozenset({"visit_n", "deploy_v", "exercise_n", "operation_n", "duty_n"})
WORK_REACH: Final = 5  # tokens from the gift word to the noun of work it qualifies, past the
# other uses listed with it ("for training, humanitarian and anti-drug purposes")


def _kind_of_work(cue: Mark, lex: list[Mark]) -> bool:
    """A gift word that names a kind of work by the noun beside it ("humanitarian missions",
    "a humanitarian deployment", "operaciones de ayuda humanitaria"): a mission, not goods
    given; it lends no gift cue to the sentences around (the sentence's own frames still
    read it)."""
    if cue.label_ != "gift":
        return False
    start, end = cue.start, cue.end  # the gift words said together ("ajuda humanitária e em
    for m in sorted((m for m in lex if m.label_ == "gift"), key=lambda m: m.start):
        if start <= m.start <= end:  # operações de paz", "humanitarian aid operations"):
            end = max(end, m.end)  # the work noun qualifies the phrase, not its last word
    for m in sorted((m for m in lex if m.label_ == "gift"), key=lambda m: -m.end):
        if start <= m.end <= end or m.end == start:
            start = min(start, m.start)
    return any(m.label_ in WORK_NOUNS and (0 <= m.start - end < WORK_REACH
                                           or 0 <= start - m.end < WORK_REACH) for m in lex)


# a platform's own name: a model's designation ("C-130H" is "c-130"), its class ("the
# Pohang-class corvette", "la corbeta clase Pohang", "a classe Niterói")
CLASS_NAME: Final = re.compile(
    r"\b(\w[\w'’]+)[ -]class\b|\bclas(?:s)?e\s+(?:de\s+)?[\"“«]?(\w[\w'’]+)")


def _platforms_named(said: str, hulls: list[str]) -> frozenset[str]:
    """The platforms a sentence names by a name of their own: the models it designates, the
    classes it names and the ships the document names by their navy's prefix."""
    # (each pattern is tried only where the sentence holds the words it needs: a model's
    # hyphen, "clas" of "class", "clase", "classe", a ship's name as written; asked of every
    # sentence that says a gift or a sale, for every ship the document names)
    names = {f"model {m}" for m in models_named([said])} if "-" in said else set()
    if "clas" in said:
        names.update(f"class {fold(a or b)}" for a, b in CLASS_NAME.findall(said)
                     if (a or b)[:1].isupper())
    names.update(f"ship {h}" for h in hulls if h in said and _hull_pattern(h).search(said))
    return frozenset(names)


@cache
def _hull_pattern(hull: str) -> re.Pattern[str]:
    """A ship's name as a whole word."""
    return re.compile(rf"(?<!\w){re.escape(hull)}(?!\w)")


def _platform_trade(index: int, platforms_of: dict[int, frozenset[str]], sentences: list[Mark],
                    text: str, title_said: str | None, headline: int | None, hulls: list[str],
                    trade_of: list[set[str]]) -> set[str]:
    """The trade cues ("gift", "price") the document's other sentences naming a platform of
    sentence ``index`` say (``_platforms_in``): "the first Pohang-class corvette received
    from Korea" was given where the story says "the second Pohang-class unit donated by
    Korea"."""
    own = _platforms_in(index, platforms_of, sentences, text, title_said, headline, hulls)
    if not own:
        return set()
    return set().union(*(trade_of[k] for k in range(len(trade_of))
                         if k != index and trade_of[k] and own & _platforms_in(
                             k, platforms_of, sentences, text, title_said, headline, hulls)))


def _platforms_in(j: int, platforms_of: dict[int, frozenset[str]], sentences: list[Mark],
                  text: str, title_said: str | None, headline: int | None,
                  hulls: list[str]) -> frozenset[str]:
    """The platforms sentence ``j`` names (``_platforms_named``; ``title_said``: the title's
    text when the headline is the title told apart from the text), read when first asked and
    kept in ``platforms_of``."""
    named = platforms_of.get(j)
    if named is None:
        s = sentences[j]
        named = platforms_of[j] = _platforms_named(
            title_said if title_said is not None and j == headline
            else text[s.start_char:s.end_char], hulls)
    return named


# the forms of a verb of handing over that say a gift by themselves (English "give": "Seoul
# gave the Colombian Navy a decommissioned corvette", "a C-130H given by the United States");
# the participle only as a passive or before its recipient or giver ("given that", "given
# the cost" are no giving); Spanish and Portuguese "dar" is a light verb of many idioms
# ("dar de baja", "dar inicio"), and their giving verbs ("regalar", "obsequiar",
# "presentear") are already words of donation
GIVING_FORMS: Final = {"en": frozenset({"give", "gives", "gave", "giving", "given"})}
GIVING_TO: Final = frozenset({"to", "by", "away"})
# (the auxiliaries of an English passive, and "being": "being given to")
GIVING_PASSIVE: Final = frozenset(stopwords()["passive_aux"]["en"]) | {"being"}


def _given(triggers: list[Mark], norms: list[str], forms: frozenset[str]) -> int | None:
    """Where a trigger of goods handed over is a giving verb, if one is."""
    for t in triggers:
        if t.label_ != "handover_v" or t.end != t.start + 1 or norms[t.start] not in forms:
            continue
        if norms[t.start] == "given" and not (
                (t.end < len(norms) and norms[t.end] in GIVING_TO)
                or (t.start and norms[t.start - 1] in GIVING_PASSIVE)):
            continue
        return t.start
    return None


def _other_deal(at: int, lac: set[str], paragraph_lac: dict[int, set[str]]) -> bool:
    """Whether the paragraph ``at`` tells only of other LAC states than a sentence's own
    (``lac``): its gift or price is another state's deal ("Peru became Korea's industrial
    partner ... a contract of about US$200 million" after a corvette handed over to
    Colombia), and lends the sentence no trade cue."""
    said = paragraph_lac.get(at, set())
    return bool(lac and said and not said & lac)


def _lent_trade(lent_by: dict[tuple[int, frozenset[str]], set[str]],
                key: tuple[int, frozenset[str]], lac: set[str],
                trade_said: dict[int, set[str]], trade_at: list[int],
                paragraph_lac: dict[int, set[str]]) -> set[str]:
    """The trade cues ("gift", "price") of the paragraphs nearest ``key[0]`` that say any,
    among those that lend a sentence of that paragraph naming the LAC states ``lac``
    (``key[1]``) their cues: its own, and those that tell no other state's deal
    (``_other_deal``). A story of a purchase that ends on the buyer's future "operaciones
    de ayuda humanitaria" tells no gift, its delivery told between is a sale. Read once per
    key (``lent_by``), walking out from the paragraph through ``trade_at`` (the paragraphs
    of ``trade_said``, in order) to the nearest that lend (not weighing every one: a long
    document has hundreds)."""
    held = lent_by.get(key)
    if held is None:
        at = key[0]
        right = bisect_left(trade_at, at)
        left = right - 1
        held = set()
        best = -1  # (the distance of the nearest lending paragraph, once found)
        while left >= 0 or right < len(trade_at):
            d_left = at - trade_at[left] if left >= 0 else -1
            d_right = trade_at[right] - at if right < len(trade_at) else -1
            d = d_left if d_right < 0 or 0 <= d_left <= d_right else d_right
            if best >= 0 and d > best:
                break
            p = trade_at[left] if d == d_left else trade_at[right]
            if d == d_left:
                left -= 1
            else:
                right += 1
            if p == at or not _other_deal(p, lac, paragraph_lac):
                best = d
                held |= trade_said[p]
        lent_by[key] = held
    return held


def _story_sentences(index: int, paragraph: list[int], headline: int | None) -> list[int]:
    """The few sentences before one in its paragraph and the paragraph before, and the
    headline."""
    near = range(index - 1, max(-1, index - 1 - CONTEXT_SENTENCES), -1)
    same = [j for j in near if 0 <= paragraph[index] - paragraph[j] <= 1]
    if headline is not None and headline != index:
        same.append(headline)
    return same


def _officer_before(index: int, officers: dict[int, list[int]], paragraph: list[int],
                    headline: int | None) -> bool:
    """A person a defence title introduced is named in the few sentences before one in its
    paragraph, or in the headline (the sentences ``_story`` reads)."""
    near = range(index - 1, max(-1, index - 1 - CONTEXT_SENTENCES), -1)
    return any(j in officers for j in near if paragraph[j] == paragraph[index]) or (
        headline is not None and headline != index and headline in officers)


def _story(index: int, spans: list[Spans], paragraph: list[int],
           headline: int | None, lead: int | None = None) -> set[str]:
    """The classes of the story around a sentence: of the few sentences before it in its
    paragraph and of the headline, the ships, aircraft, forums and exercises of the
    paragraph before, and the disaster of the lead's paragraph, when that is the paragraph
    before (read by frames that name ``<class>@context``)."""
    near = range(index - 1, max(-1, index - 1 - CONTEXT_SENTENCES), -1)
    same = [j for j in near if paragraph[j] == paragraph[index]]
    before = [j for j in near if 0 < paragraph[index] - paragraph[j] <= STORY_PARAGRAPHS]
    if headline is not None and headline != index:
        same.append(headline)
    lead_par = -1 if lead is None else paragraph[lead]
    led = lead is not None and paragraph[index] - lead_par == 1
    return {s.label_ for j in same for s in spans[j].lex} | {
        s.label_ for j in before for s in spans[j].lex if s.label_ in VESSELS
        or (led and s.label_ in LEAD_CARRIED and paragraph[j] == lead_par)}


SERIES: Final = frozenset({"forum_n", "exercise_n"})  # what an edition or a session is of


def _series_recency(index: int, spans: list[Spans], paragraph: list[int],
                    headline: int | None, story: set[str]) -> dict[str, int]:
    """How far back the story names each series an edition may be of ("its 2022 edition",
    "a primeira edição", "la segunda edición"): four times the sentences back to its latest
    mention, the headline last, two more where the headline does not name it, and one more
    where that sentence names the other series after it (a
    sentence naming both a forum and an exercise: "La serie CORE ... nació de un plan
    acordado en las conversaciones de Estado Mayor", under a headline about the exercise).
    Frames of an edition read the nearest series (``frames.read``)."""
    series = SERIES & story
    if len(series) < 2:
        return {}
    named = {s.label_ for s in spans[headline].lex} if headline is not None else set()
    last = 4 * (CONTEXT_SENTENCES + 2)
    latest: dict[str, tuple[int, int]] = {}  # class -> (its latest sentence, its word there)
    for cls in series:
        near = [j for j in _story_sentences(index, paragraph, headline)
                if j != headline and any(s.label_ == cls for s in spans[j].lex)]
        if near:
            latest[cls] = (max(near), max(s.start for s in spans[max(near)].lex
                                          if s.label_ == cls))
    back = {}
    for cls in series:
        if cls not in latest:
            back[cls] = last + 2 * (cls not in named)
            continue
        j, at = latest[cls]
        # (one sentence naming both, "Criado a partir do fórum de diálogo IBAS, o exercício
        # teve sua primeira edição em 2008": the one it names last is the nearer)
        later = any(k == j and a > at for c, (k, a) in latest.items() if c != cls)
        back[cls] = 4 * (index - j) + 2 * (cls not in named) + later
    return back


ANCHOR_NOUNS: Final = {"visit_n": ("senior_visit", "port_call"), "meeting_n": ("senior_visit",),
                       "forum_n": ("dialogue_forum",), "port_call_n": ("port_call",),
                       "exercise_n": ("exercise",), "course_n": ("education_training",),
                       "agreement_n": ("agreement",), "occasion": ()}  # (): any occurrence
# nouns that, opening a sentence as its subject, name the occurrence told before
STORY_NOUNS: Final = {**{k: v for k, v in ANCHOR_NOUNS.items() if v},
                      "purchase_n": ("arms_transfer",), "donation_n": ("donation_aid",)}
ANCHOR_REACH: Final = 10  # tokens from the start of a sentence where "During the visit" may stand
# the words of a ship's being in port: "While in port", "While alongside", "Mientras
# permaneció en puerto", "Enquanto esteve no porto" (folded)
PORT_STAY: Final = frozenset({"port", "harbour", "harbor", "alongside", "puerto", "porto"})
STAY_WHILE: Final = frozenset({"while", "whilst", "mientras", "enquanto"})  # "While in port"
# what may stand between 'while' and the port ("while she was in port", "mientras
# permaneció en puerto", "enquanto esteve no porto") (folded)
STAY_BEING: Final = frozenset({"in", "at", "the", "being", "she", "it", "was", "en", "el", "estuvo",
                               "estaba", "permanecio", "permanecia", "no", "em", "o", "esteve",
                               "estava", "permaneceu", "ficou"})
STAY_GLUE: Final = frozenset({"-", "de", "of", "in", "en", "no", "em", "el"})  # "tres días de
# escala"


def _stay_span(j: int, end: int, norms: list[str], units: dict[str, str],
               numbers: dict[str, int]) -> int:
    """The first word past a length of stay before the noun ("the three-day stop", "los
    tres días de escala", "os quatro dias de escala", "its eight-day stay"): a count,
    a unit of days or weeks, a hyphen or "de"; ``j`` when none."""
    k = j
    if k < end and (norms[k].isdigit() or norms[k] in numbers):
        k += 1
        while k < end and norms[k] == "-":
            k += 1
        if k < end and units.get(norms[k]) in ("day", "week"):
            k += 1
            while k < end and norms[k] in STAY_GLUE:
                k += 1
            return k
    return j


def _anchor(sent: Mark, lex: list[Mark], models: Models, norms: list[str], lang: str
            ) -> tuple[str, ...] | None:
    """The types an opening like "During the visit", "Na ocasião", "At the close of the
    meeting" or "En esa reunión" refers back to (() for any occurrence), or None. A ship's
    stay in port told again ("While in port", "While alongside", "During the three-day
    stop") refers back to its call."""
    end = min(sent.end, sent.start + ANCHOR_REACH)
    if any(norms[i] in STAY_WHILE for i in range(sent.start, min(end, sent.start + 2))):
        berthed = {m.start for m in lex if m.label_ == ARRIVE}  # "docked", "atracado"
        for i in range(sent.start, min(end, sent.start + 2)):
            k = i + 1
            while norms[i] in STAY_WHILE and k < min(end, i + 4) and norms[k] in STAY_BEING:
                k += 1  # "While she was in", "Mientras permaneció en"
            if norms[i] in STAY_WHILE and k < end and (norms[k] in PORT_STAY or k in berthed):
                return ("port_call",)  # "While in port,", "Mientras permaneció en puerto"
    at = _anchor_noun(sent, lex, models, norms, lang)
    return None if at is None else ANCHOR_NOUNS[at[1]]


def _anchor_noun(sent: Mark, lex: list[Mark], models: Models, norms: list[str], lang: str
                 ) -> tuple[int, str] | None:
    """Where the noun of an opening "During the visit", "En esa reunión", "During the
    three-day stop" stands, and its class (``_anchor``), or None."""
    end = min(sent.end, sent.start + ANCHOR_REACH)
    nouns = {s.start: s.label_ for s in lex if s.label_ in ANCHOR_NOUNS}
    if not nouns:
        return None
    links = models.anchor_links.get(lang, frozenset())
    dets, units = models.stay_words.get(lang, (frozenset(), {}))
    numbers = models.dates["numbers"].get(lang, {})
    for i in range(sent.start, end):
        if norms[i] not in links:
            continue
        j = i + 1
        while j < min(end, i + 3) and norms[j] in dets:  # "during the same visit"
            j += 1
        j = _stay_span(j, end, norms, units, numbers)  # "during the three-day stop"
        if j in nouns:
            return j, nouns[j]
    return None


def _port_again(sent: Mark, ents: list[Mark], norms: list[str], links: frozenset[str],
                last: dict[str, Candidate]) -> bool:
    """A sentence that opens on the port of the call told last ("Em Salvador, a tripulação
    ...", "In Kingston, the crew ...", "En Cartagena, los marinos ..."): placed in that stay,
    it takes the call's date when it states none of its own."""
    call = last.get("port_call")
    if call is None or not (call.location or call.port):
        return False
    i = sent.start
    if i < sent.end and norms[i] in links:
        i += 1
    place = next((e for e in ents if e.start == i and e.label_ == "LOCATION"), None)
    return place is not None and place.end < sent.end and norms[place.end] == "," and \
        place.kb_id_ in {call.location, call.port}


def _opening_noun(sent: Mark, lex: list[Mark], models: Models, norms: list[str], lang: str,
                  nouns: frozenset[str] | dict = STORY_NOUNS) -> Mark | None:
    """The story noun a sentence opens with after a determiner, as its subject ("The
    contract, worth ..., was signed", "El contrato fue firmado", "O contrato foi
    assinado"): a back-reference to the story's occurrence. A bare noun opens none
    ("Purchases ...")."""
    dets = models.determiners.get(lang, frozenset())
    owns = models.possessives.get(lang, frozenset())
    i = sent.start
    while i < min(sent.end, sent.start + 2) and (norms[i] in dets or norms[i] in owns):
        i += 1
    if i == sent.start:
        return None
    return next((m for m in lex if m.start == i and m.label_ in nouns), None)


def _told_objects(noun: Mark | None, story: set[str], present: dict[str, list[int]]
                  ) -> frozenset[str]:
    """The goods of the story's occurrence lent to a sentence that refers back to it by a
    definite noun of a transfer ("A Marinha vai comprar quatro fragatas ... O contrato foi
    assinado em 5 de março de 2020"): the contract is the frigates' one, so its signing
    reads as their purchase. The parties come from the story the usual way (the sentence
    names none of its own); its date is its own. The classes lent (none: empty)."""
    if noun is None or not set(STORY_NOUNS[noun.label_]) & OBJECT_TYPES:
        return frozenset()
    lent = frozenset((story & PLATFORMS) - present.keys())
    for cls in lent:
        present[cls] = [noun.start]
    return lent


# what a count of units may stand for ("cinco unidades", "dos ejemplares"), and the word
# classes of the verbs a bare count may follow as their object ("encomendou duas")
COUNTED_VERBS: Final = frozenset({"buy_v", "handover_v", "receive_goods_v", "donate_v"})
# the words of goods changing hands that a batch of the story's platforms may be the
# object of ("A entrega do primeiro exemplar", "the first tranche was handed over"), or the
# subject of when it arrives ("o primeiro exemplar chegou", "the first two landed")
BATCH_TRANSFERS: Final = COUNTED_VERBS | {"handover_n", "arrive"}


def _counted_units(triggers: list[Mark], sent: Mark, story: set[str],
                   present: dict[str, list[int]], norms: list[str], models: Models,
                   lang: str) -> None:
    """The platforms of the story lent to a transfer sentence that names none and counts
    them as units ("Portugal assinou contrato para cinco unidades em 2019", "ordered two
    more units"), by a bare count after the verb ("e a Hungria encomendou duas em
    novembro") or as a batch handed over ("A entrega formal do primeiro exemplar ocorreu
    em 22 de setembro", "la entrega del segundo lote", "the first tranche was handed
    over"): the units are the platforms the story is about."""
    lent = (story & PLATFORMS) - present.keys()
    if not lent or present.keys() & PLATFORMS:
        return
    numbers = models.dates["numbers"].get(lang, {})
    units = models.units.get(lang, frozenset())
    glue = models.function_words.get(lang, frozenset())

    def count(i: int) -> bool:
        return norms[i].isdigit() or norms[i] in numbers

    at = None
    if not units.isdisjoint(norms[sent.start + 1:sent.end]):  # (a unit after its count)
        for i in range(sent.start, sent.end - 1):
            if count(i) and norms[i + 1] in units:
                at = i
                break
    if at is None and any(t.label_ in BATCH_TRANSFERS for t in triggers):
        at = next((p for p in present.get("batch", ()) if p >= sent.start), None)
        if at is None:  # "O primeiro deles, rebatizado Amazonas, foi entregue"
            at = next((i for i in range(sent.start, sent.end - 1)
                       if norms[i] in ORDINAL_UNITS and _partitive_pronoun(i + 1, norms)),
                      None)
    if at is None:
        verbs = [t for t in triggers if t.label_ in COUNTED_VERBS and t.end < sent.end - 1]
        at = next((t.end for t in verbs if count(t.end) and (
            t.end + 1 >= sent.end or norms[t.end + 1] in glue
            or not norms[t.end + 1].isalnum())), None)
    if at is None:
        return
    for cls in lent:
        present[cls] = [at]


PARTITIVE_PRONOUNS: Final = frozenset({("of", "them"), ("of", "these"), ("of", "those"),
                                       ("de", "ellos"), ("de", "ellas"), ("de", "estos"),
                                       ("de", "estas"), ("de", "eles"), ("de", "elas"), ("deles",),
                                       ("delas",), ("destes",), ("destas",)})


def _partitive_pronoun(k: int, norms: list[str]) -> bool:
    """Whether the words from ``k`` say 'of them' ("of them", "de ellos", "deles")."""
    return (norms[k],) in PARTITIVE_PRONOUNS or (
        k + 1 < len(norms) and (norms[k], norms[k + 1]) in PARTITIVE_PRONOUNS)


# the first or last units of a series of platforms ("los primeros cuatro aparatos", "as duas
# primeiras", "la primera de las aeronaves", "the first two", "los primeros destructores")
FIRST_UNITS: Final = frozenset({"first", "last", "final", "primeros", "primeras", "primero",
                               "primera", "primeiros", "primeiras", "primeiro", "primeira",
                               "ultimos", "ultimas", "ultimo", "ultima"})
PLURAL_FIRST: Final = frozenset({"primeros", "primeras", "primeiros", "primeiras", "ultimos",
                                 "ultimas"})
# an ordinal said of one of the units the story told ("the first of them", "el primero de
# ellos", "o primeiro deles"): that unit is one of the story's platforms (a single first or
# last, or the second to fourth)
ORDINAL_UNITS: Final = FIRST_UNITS - PLURAL_FIRST | frozenset({
    "second", "third", "fourth", "segundo", "segunda", "tercero", "tercera", "cuarto", "cuarta",
    "terceiro", "terceira", "quarto", "quarta"})
# a single first or last unit said right before an aircraft or a weapon ("o primeiro F-39E
# desembarcou", "el primer KC-130 aterrizó", "the last A-29 landed"): one of a series
# delivered; not before a ship ("the first ship of the task group docked" makes a call)
SINGLE_FIRST: Final = frozenset({"first", "last", "final", "primer", "primero", "primera",
                                "primeiro", "ultimo", "ultima"})
SINGLE_HEADS: Final = ("aircraft", "weapon")
FIRST_OR_SINGLE: Final = FIRST_UNITS | SINGLE_FIRST
PARTITIVE: Final = frozenset({"of", "de", "dos", "das"})  # "the first of the", "o primeiro dos"
UNIT_ARTICLES: Final = frozenset({"the", "los", "las", "os", "as", "these", "those"})
# what the counted units may be: a platform, or its maker's name standing for it ("os dois
# primeiros Sukhoi pousaram", "the first two Embraers")
COUNTED_HEADS: Final = ("ship", "aircraft", "weapon", "maker")
# the verbs a batch arrives by: 'arrive', and 'visit_v' where it holds an arrival ("llegar
# a", "la primera de las aeronaves había llegado a Montevideo"), as the frame
# arms_transfer.batch_arrival reads them
BATCH_ARRIVALS: Final = frozenset({"arrive", "visit_v"})


def _first_units(triggers: list[Mark], sent: Mark, present: dict[str, list[int]], norms: list[str],
                 models: Models, lang: str) -> None:
    """An arrival told of the first or last units of a series of platforms is a batch
    delivered (``arms_transfer.batch_arrival``), not a call: 'first/last' with a count of
    two or more after or before it ("the first two", "los primeros cuatro aparatos", "as
    duas primeiras chegaram"), with a partitive ("la primera de las aeronaves", "the first
    of the four"), or a plural ordinal right before a platform ("los primeros destructores
    MEKO 360 arribaron"), or a single first or last unit right before an aircraft or a
    weapon ("o primeiro F-39E desembarcou", "el primer KC-130 aterrizó"). A ship's 'primera
    escala' or 'the first visit' is none."""
    if "batch" in present or not any(t.label_ in BATCH_ARRIVALS for t in triggers) or \
            FIRST_OR_SINGLE.isdisjoint(norms[sent.start:sent.end - 2]):
        return  # (no first or last word where the loop below looks: one pass in C)
    numbers = {w for w, v in models.dates["numbers"].get(lang, {}).items() if v != 1}
    platforms = {p for c in COUNTED_HEADS for p in present.get(c, ())}
    singles = {p for c in SINGLE_HEADS for p in present.get(c, ())}

    def count(i: int) -> bool:
        return sent.start <= i < sent.end and (norms[i] in numbers or (
            norms[i].isdigit() and len(norms[i]) < 4))  # (no year)

    arrivals = {t.start for t in triggers if t.label_ in BATCH_ARRIVALS}

    def unit_head(j: int) -> bool:  # the counted units: a platform, or the arrival itself
        return any(k in platforms for k in range(j, j + 2)) or j in arrivals

    for i in range(sent.start, sent.end - 2):  # (a count before the first word: none)
        if norms[i] not in FIRST_UNITS and norms[i] not in SINGLE_FIRST:
            continue
        if (count(i + 1) and unit_head(i + 2)) or (  # "the first two F-16s", "primeros cuatro"
                norms[i] in PLURAL_FIRST and count(i - 1) and norms[i - 2] in UNIT_ARTICLES
                and unit_head(i + 1)) or (  # "as duas primeiras chegaram"
                norms[i + 1] in PARTITIVE and (norms[i + 2] in UNIT_ARTICLES or count(i + 2))
                and unit_head(_past_count(i + 2, norms, UNIT_ARTICLES, count))) or (
                # "la primera de las aeronaves", "the first of the four Danish F-16s"
                norms[i] in PLURAL_FIRST and i + 1 in platforms) or (  # "los primeros destructores"
                norms[i] in SINGLE_FIRST and i + 1 in singles):  # "o primeiro F-39E"
            present["batch"] = [i]
            return


def _past_count(k: int, norms: list[str], articles: frozenset[str],
                count: Callable[[int], bool]) -> int:
    """The first word from ``k`` on past articles and counts ("the four Danish ...")."""
    while k < len(norms) and (norms[k] in articles or count(k)):
        k += 1
    return k


# object pronouns said next to a verb ("Noboa los ratificó", "o ministro assinou-os",
# "the minister ratified them"): before it in es/pt, after it in en
OBJECT_PRONOUNS: Final = {"es": frozenset({"lo", "la", "los", "las"}),
                          "pt": frozenset({"os", "as", "-os", "-as", "-los", "-las"}),
                          "en": frozenset({"it", "them"})}


def _pronoun_objects(triggers: list[Mark], sent: Mark, story: set[str],
                     present: dict[str, list[int]], norms: list[str], lang: str) -> None:
    """The occurrence a verb's object pronoun points back at ("firmaron dos acuerdos ...
    Noboa los ratificó por decreto días después"): the story's nouns for occurrences (an
    agreement, a contract, an exercise) lent to the sentence at the verb, so the verb reads
    as that occurrence's frame with the sentence's own date."""
    pronouns = OBJECT_PRONOUNS.get(lang, frozenset())
    verbs = [t for t in triggers if t.label_.endswith("_v") and (
        norms[t.end] in pronouns if lang == "en" and t.end < sent.end
        else t.start > sent.start and norms[t.start - 1] in pronouns)]
    if not verbs:
        return
    at = verbs[0].end if lang == "en" else verbs[0].start - 1  # (the pronoun's place)
    for cls in (story & STORY_NOUNS.keys()) - present.keys():
        present[cls] = [at]


NEXT_WORD: Final = re.compile(r"\s*(\S+)")  # the word after a verb (what ``split`` would give
# first)


def _again_paired(chosen: list[DateMention], more: list[DateMention],
                  placed: list[tuple]) -> list[tuple]:
    """Dates × states (``clauses.pairs``), a date the trigger's occurrence is told again on
    ("..., and in 2013 two more flew to Venezuela and went on to Nicaragua", "y el pasado
    sábado lo hizo el patrullero") taking the states of the trigger's own date before it:
    the same parties, not the state written nearest it."""
    own = [d for d in chosen if d not in more]
    if not more or not own:
        return pairs(chosen or [None], placed)
    paired = pairs(own, placed)
    for m in more:
        ref = max((d for d in own if d.start < m.start), key=lambda d: d.start, default=own[-1])
        paired += [(m, state) for d, state in paired if d is ref]
    return sorted(paired, key=lambda p: p[0].start)


def _ratified_apart(read: list[frames.Reading], dates: list[DateMention], text: str) -> int | None:
    """Where a sentence that tells an agreement signed on a date of its own goes on to its
    approval, ratification or entry into force on another date ("was signed on 10 July
    2002 and approved by the Peruvian Congress in January 2003", "suscrito en diciembre de
    1998 y ratificado por la Asamblea en 1999", "assinado em 2008 e aprovado pelo
    Congresso em 2013"): the offset after the signing's date, from which the approval is
    told apart (contract and delivery, signature and ratification, are separate events
    when separately dated); None when the sentence tells no such pair. The approving verb
    follows the signing's date with a coordinator between (``RATIFIED_GLUE``), the comma
    closing the signing's aside, or a coordinated relative after its signer
    (``_later_paired``), and opens no object of its own (``OBJECT_OPENERS``): the same
    agreement goes on ("and announced a joint exercise in 2003" is said of something
    else)."""
    paired = _later_paired(read, dates, text)
    return None if paired is None else paired[0]


def _later_paired(read: list[frames.Reading], dates: list[DateMention], text: str
                  ) -> tuple[int, int] | None:
    """``_ratified_apart``'s offset with the approving or later act's first token. A later
    act (``LATER_ACT``: "ampliado", "extended", "em vigor desde") counts as the approval,
    and a coordinated relative may resume the agreement after its signer ("que firmó en
    1995 el entonces presidente Joaquín Balaguer y que fue ampliado en 2003", "que ambos
    países ampliaron en 2003")."""
    signed = [r.trigger for r in read if r.frame.type == "agreement"
              and r.trigger.label_ == SIGN]
    agreed = [r.trigger for r in read if r.frame.type == "agreement"
              and r.trigger.label_ in (AGREE, LATER_ACT)]
    for s in signed:
        for a in agreed:
            if a.start <= s.end:
                continue
            before = [d for d in dates if s.end_char <= d.start and d.end <= a.start_char]
            after = [d for d in dates if d.start >= a.end_char]
            if not (before and after and before[-1].value and after[0].value
                    and before[-1].value != after[0].value):
                continue
            gap = text[before[-1].end:a.start_char]
            words = gap.lower().split()
            between = set(words)
            following = NEXT_WORD.match(text, a.end_char)
            if following is None or following.group(1).lower() in OBJECT_OPENERS:
                continue
            aside = gap.lstrip()
            if between <= RATIFIED_GLUE and COORDINATORS & between or (
                    aside.startswith(",") and "," not in aside[1:]
                    and set(aside[1:].lower().split()) <= RATIFIED_GLUE):
                # ("signed in 2010, was promulgated in 2015": the signing's aside closes)
                return before[-1].end, a.start
            resumed = next((k for k in range(len(words) - 1, 0, -1)
                            if words[k] in RESUMING and words[k - 1] in COORDINATORS), None)
            if resumed is not None and resumed - 1 <= RESUMED_REACH \
                    and len(words) - resumed - 1 <= RESUMED_TAIL \
                    and not any(ch in gap for ch in ",;:()"):
                return before[-1].end, a.start
    return None


def _since_signing(read: list[frames.Reading], lex: list[Mark], text: str
                   ) -> list[frames.Reading]:
    """Readings less an agreement whose signing is a noun a "since" opens ("desde la firma
    de los Acuerdos de Paz", "since the signing of the 2016 deal", "desde a assinatura do
    acordo"), and less the agreement that noun names: the signing bounds the time of what
    the sentence tells (as "desde que firmaron" does, ``datescan._since_clause_at``) and
    is not told as news."""
    signs = [m for m in lex if m.label_ == SIGN and SINCE_SIGNING.search(
        text, max(0, m.start_char - SINCE_REACH), m.start_char) is not None]
    if not signs or not any(r.frame.type == "agreement" for r in read):
        return read
    bounded = {m.start for m in signs} | {
        n.start for m in signs for n in lex if n.label_ == AGREEMENT_NOUN
        and m.end <= n.start <= m.end + SINCE_OBJECT
        and not any(ch in text[m.end_char:n.start_char] for ch in ",;:()")}
    return [r for r in read if r.frame.type != "agreement" or r.trigger.start not in bounded]


def _later_acts(read: list[frames.Reading], dates: list[DateMention],
                mentioned: list[DateMention], text: str
                ) -> tuple[list[frames.Reading], list[DateMention], tuple[int, int] | None, bool]:
    """Readings less a later act on an agreement (``LATER_FRAME``) that no dated signing
    comes before in its sentence: "the agreement in force since 1974" or "la ampliación
    del convenio" alone is the agreement's background, not an occurrence. The "since" date
    right after a kept act ("assinado em 2008 e em vigor desde 2013") is its own date, no
    bound of the sentence: it joins the sentence's dates. Also the pair ``_later_paired``
    found (the offset after the signing's date, the kept act's first token; None when it
    found none) and whether it looked for one (not where the sentence has no later act:
    ``_ratified_apart`` looks then), so that the sentence's pair is computed once."""
    acts = [r.trigger for r in read if r.frame.id == LATER_FRAME]
    if not acts:
        return read, dates, None, False
    since = {a.start: [replace(d, bound=False) for d in mentioned
                       if d.bound and d.value and a.end_char <= d.start
                       and text[a.end_char:d.start].strip().lower() in SINCE_WORDS]
             for a in acts}
    trial = sorted([*dates, *(d for ds in since.values() for d in ds)], key=lambda d: d.start)
    paired = _later_paired(read, trial, text)
    if paired is None:
        return [r for r in read if r.frame.id != LATER_FRAME], dates, None, True
    own = since.get(paired[1], [])
    return ([r for r in read if r.frame.id != LATER_FRAME or r.trigger.start == paired[1]],
            sorted([*dates, *own], key=lambda d: d.start) if own else dates, paired, True)



def _signing_told(read: list[frames.Reading]) -> list[frames.Reading]:
    """Readings less the leaders' meeting a signing verb reads when a back-reference made
    it the signing of the story's purchase contract ("El contrato ... fue firmado en
    diciembre de 2023 por el ministro"): the contract's signing, not a visit."""
    signed = {r.trigger.start for r in read if r.frame.type in OBJECT_TYPES}
    return [r for r in read if r.frame.type != "senior_visit" or r.trigger.start not in signed]


def _opening_reference(noun: Mark | None, first: dict[str, Candidate]) -> Candidate | None:
    """The story's occurrence that a sentence opens with as its subject ("The purchase
    comes weeks after ...", "La visita se produce dos días después de ...", "A compra
    ocorre semanas depois de ..."): the first of its type told, the news the story
    reports. Its "weeks after" counts from it, not from the last event told (a background
    paragraph with older purchases may lie between)."""
    if not first or noun is None:
        return None  # (no occurrence told yet, or no noun opening the sentence)
    types = STORY_NOUNS[noun.label_]
    known = [c for t, c in first.items() if t in types]
    return min(known, key=lambda c: c.sentence.start) if known else None


# meetings told in the sentence of a ship's arrival, no leader named in it: its programme
CALL_MEETINGS: Final = frozenset({"senior_visit.meeting", "senior_visit.meet"})
ARRIVE: Final = "arrive"
CALL_TOURS: Final = frozenset({"education_training.student_visit",  # students or a college's
                               "education_training.academic_visit"})  # people who visit or arrive


ORIGIN_REACH: Final = 60  # characters before a date where the words of a series' origin may end


def _origin_told(mention: DateMention, text: str, start: int, markers: Sequence[str]) -> bool:
    """A date said of a series' origin (``dates.json`` ``origin_markers``: "first held in",
    "por primera vez en", "pela primeira vez em", "nació en", "foi criada em"): the words
    stand before it in its sentence, within ``ORIGIN_REACH`` characters."""
    if not mention.end or mention.start < start:
        return False
    before = text[max(start, mention.start - ORIGIN_REACH):mention.start + 3].lower()
    return any(marker in before for marker in markers)  # (with the mention's own opening
    # preposition: "por primera vez" + "en 1960")


NOW_DAYS: Final = 7  # days before publication an occurrence told last may lie in to be its present


def _now_told(timeline: Timeline) -> DateMention | None:
    """The month of the occurrence told last, when it lies in the days before publication
    (the story's present, which what is told going on goes on in: "The destroyer tied up
    yesterday ... marines are training with"; its day is not said); None otherwise."""
    last = timeline.last_event()
    if last is None or last.precision != "day" or not last.value or timeline.published is None \
            or not 0 <= (timeline.published - date.fromisoformat(last.value)).days <= NOW_DAYS:
        return None
    return DateMention(0, 0, "", last.value[:7], "month", "date.anchor")


def _anchored(types: tuple[str, ...], last: dict[str, Candidate], timeline: Timeline,
              at: int = -1) -> DateMention | None:
    """The date of the occurrence an anchored sentence refers back to. A noun of a kind
    ("Na mesma reunião", "during the same meeting") refers to no occurrence of another kind
    told before (an aircraft's call is no meeting): with none of its kind, no date. An
    occasion pointed back at with no kind ("Na ocasião", "on that occasion") right after a
    sentence that told its own time and no occurrence ("Em janeiro de 2020, o ministro
    integrou a comitiva ... Na ocasião, reuniu-se com"): that time (``_told_just_before``)."""
    known = [c for t, c in last.items() if not types or t in types]
    ref = max(known, key=lambda c: c.sentence.start) if known else None
    if not types and at >= 0:
        told = _told_just_before(timeline, at, ref.sentence.end if ref is not None else 0)
        if told is not None:
            return told
    if ref is None:
        return None if types else timeline.last_event()
    return DateMention(0, 0, "", ref.date, ref.precision, "date.anchor")


# the class of the nouns of a stay the "occasion" class holds: a stay is the call told
# before, not the time the sentence before told ("partiu de Portsmouth no fim de outubro.
# Durante a permanência")
STAY: Final = "stay"


def _month_of(d: DateMention) -> DateMention:
    """A date told to the day, at its month: what is known to fall in that month, not on
    that day (what came next in the story, a drill told with a call's stay)."""
    if d.precision != "day" or not d.value:
        return d
    return DateMention(d.start, d.end, d.text, d.value[:7], "month", d.rule)


def _without_setting(read: list[frames.Reading], clause: dict[int, tuple[int, int]],
                     k: tuple[int, int], at: int, implied: set[int]) -> tuple[str, int] | None:
    """The first type and the number of types read in clause ``k`` without the forum or
    exercise a meeting or signing was held at, its noun at ``at`` ("Às margens da
    conferência, Austin reuniu-se com ...", "held talks on the sidelines of the forum",
    "al margen del plenario, se reunió con"): the occasion is the meeting's setting, no
    rival reading of it (``occasions.occasion_of``); nor is a reading the act implies."""
    rs = [r for r in read if clause[r.trigger.start] == k and id(r) not in implied
          and not (r.trigger.start == at and r.frame.type in OCCASION_TYPES)]
    if not rs:
        return None
    first = min(rs, key=lambda r: (r.frame.weak, -len(r.frame.needs), r.trigger.start))
    return first.frame.type, len({r.frame.type for r in rs})


def _occasion_named(sent: Mark, lex: list[Mark], models: Models, norms: list[str], lang: str
                    ) -> bool:
    """The sentence opens on an occasion pointed back at ("Na ocasião", "On that occasion",
    "En esa ocasión"), not on a stay."""
    at = _anchor_noun(sent, lex, models, norms, lang)
    return at is not None and at[1] == "occasion" and not any(
        m.label_ == STAY and m.start == at[0] for m in lex)


def _told_just_before(timeline: Timeline, at: int, since: int) -> DateMention | None:
    """The date the sentence right before ``at`` told, to the month or the day, when it
    stands after ``since`` (the sentence of the occurrence told last): the time a
    following "on that occasion" points back at."""
    for d in reversed(timeline.resolved):
        if d.end > at:
            continue
        if d.start < since or d.bound or not d.value or d.precision not in ("day", "month") \
                or not d.parts or d.parts[0] != "ymd":
            return None
        between = timeline.text[d.end:at]
        if len(SENTENCE_END.findall(between.rstrip())) > 1 or "\n\n" in between:
            return None
        return DateMention(0, 0, "", d.value, d.precision, "date.anchor")
    return None


def _told_with_own_time(paired: list[tuple], placed: list[tuple], opened_at: list[int],
                        part: int, dates: list[DateMention], start: int, end: int,
                        states_at: dict[str, list[int]] | None = None) -> list[tuple]:
    """A state named in another telling of the sentence, one that states a time of its own,
    takes that time, not the trigger's ("It first sailed to the region in 2011, when it
    visited Cuba and Jamaica, and in November 2015 it made its first call at Barbados":
    Barbados is of November 2015; "participó en un festival en Alemania el año pasado, y en
    julio de 2023 atracó en Cádiz": Germany is of last year). A state the trigger's own
    telling names again keeps the trigger's time ("landed in Venezuela in September 2008,
    and in 2013 another pair flew to Venezuela": the second flight's Venezuela is of 2013;
    ``states_at``: where the sentence names each state)."""
    at_of = {id(state): at for state, at in placed}
    out = []
    for mention, state in paired:
        at = at_of.get(id(state))
        telling = bisect_right(opened_at, at[0]) if at is not None else part
        if telling != part and states_at and any(
                bisect_right(opened_at, k) == part
                for code in state[1] for k in states_at.get(code, ())):
            telling = part
        if telling != part:
            lo = opened_at[telling - 1] if telling else start
            hi = opened_at[telling] if telling < len(opened_at) else end
            own = [d for d in dates if lo <= d.start < hi and d.value and not d.bound
                   and "bare" not in d.parts and "span" not in d.parts]
            if own and (mention is None or mention not in own) and at is not None:
                mention = min(own, key=lambda d: abs(d.start - at[0]))
        out.append((mention, state))
    return out


def _same_day(sentence: str, phrases: Sequence[str]) -> bool:
    """The sentence says it is of the same day as the occurrence told before ("later that
    day", "esa misma tarde", "no mesmo dia": ``dates.json`` ``same_day_sequels``)."""
    return bool(phrases) and _phrases_pattern(tuple(phrases)).search(fold(sentence)) is not None


@cache
def _folded(words: tuple[str, ...]) -> frozenset[str]:
    """A word list of ``dates.json`` folded, once per list."""
    return frozenset(fold(w) for w in words)


@cache
def _phrases_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """Any of ``phrases``, folded, as whole words (one pattern per list)."""
    return re.compile(rf"(?<!\w)(?:{'|'.join(re.escape(fold(p)) for p in phrases)})(?!\w)")


def _newest_call(first: dict[str, Candidate], last: dict[str, Candidate]
                 ) -> dict[str, Candidate]:
    """Of the first and the last port call told, the one dated latest, as the call a
    courtesy call paid during "the stay" belongs to (a story opens with today's call and
    may recall older ones after it)."""
    calls = [c for c in (first.get("port_call"), last.get("port_call"))
             if c is not None and c.date]
    return {**last, "port_call": max(calls, key=lambda c: c.date or "")} if calls else last


def _left_call(last: dict[str, Candidate]) -> DateMention | None:
    """The day a ship leaves the port call told last: the last day of its stated stay
    ("del 10 al 13 de junio"), else its month (a stay lasts days: its first day is not the
    day of leaving)."""
    call = last.get("port_call")
    if call is None or not call.date:
        return None
    if call.end:
        return DateMention(0, 0, "", call.end, "day", "date.anchor")
    precision = "month" if call.precision == "day" else call.precision
    return DateMention(0, 0, "", call.date[:7], precision, "date.anchor")


PLATFORM_TRAINEES: Final = ("crew", "technician")  # a platform's crews, pilots, mechanics


def _handover_year(event_type: str, within: range, present: dict[str, list[int]],
                   first: dict[str, Candidate], trigger: Mark) -> DateMention | None:
    """The year of the transfer the story tells first, for the training of a platform's
    people told with no date of its own and none before it in its paragraph ("Pilotos y
    técnicos de la FAP se formaron durante varios meses en Turín", "pilots and mechanics
    trained at the company's facilities", "a tripulação passou por um período de
    adestramento" in a story of the aircraft's or the ship's arrival): crews learn the
    platform they receive, the training goes with its handover, not with the year of the
    contract or of an order told in the paragraph before."""
    if event_type != "education_training" or not any(
            p in within for c in PLATFORM_TRAINEES for p in present.get(c, ())):
        return None
    transfer = first.get("arms_transfer")
    if transfer is None or not transfer.date:
        return None
    return DateMention(trigger.start_char, trigger.end_char, "", transfer.date[:4], "year",
                       "date.handover")


# the words between "the day before" and the event it counts from ("the signing", "dos
# encontros", "de la firma")
ANCHOR_GLUE: Final = re.compile(r"\s*(?:(?:of|the|its|their|de|del|do|da|dos|das|la|el|los|las|"
                                r"o|a|os|as|su|sus|sua|seu|suas|seus)\s+){1,3}", re.IGNORECASE)


def _date_anchor(trigger: Mark, dates: list[DateMention], text: str) -> bool:
    """The trigger names the event a relative date counts from ("the day before the
    signing", "um dia depois dos encontros"): that event is told elsewhere; the sentence
    tells what happened that day."""
    return any(d.parts and d.parts[0] == "shift" and d.end <= trigger.start_char
               and ANCHOR_GLUE.fullmatch(text[d.end:trigger.start_char]) is not None
               for d in dates)


# a sentence opening with a phrase of what comes after its main clause, up to its comma
# ("Before coming to Venezuela,", "Prior to her arrival in South Africa,", "Antes de chegar
# ao Brasil,", "Antes de llegar a aguas argentinas,")
CALL_WORDS: Final = frozenset({"arrive", "port_call_n", "visit_v", "visit_n", "onward_v",
                               "board_v", "fly_to_v"})  # the words that tell a ship's stop
FRONTED_PHRASE: Final = re.compile(r"(?i)\W*(?:before|prior\s+to|ahead\s+of|antes\s+(?:de|del|do|"
                                   r"da|dos|das)|previo\s+al?)\s[^,;]*,")


def _fronted_before(text: str, sent: Mark, ents: list[Mark], models: Models,
                    named: set[str | None], triggers: list[Mark]) -> tuple[int, set[str]]:
    """Where a fronted 'before' phrase of the sentence ends, and the states it names
    ("Before being re-tasked to Guyana, the ship spent the Christmas holiday alongside in
    Bridgetown": Guyana): the place the ship goes after what the main clause tells. A
    phrase holding a second verb of the sentence's events is no fronted phrase: its comma
    closes the main clause's first port ("Antes de llegar a Ecuador hicieron escala en
    Valparaíso, Chile, ...")."""
    m = FRONTED_PHRASE.match(text, sent.start_char, sent.end_char)
    if m is None or sum(t.end_char <= m.end() for t in triggers) > 1:
        return 0, set()
    return m.end(), {c for e in ents if e.end_char <= m.end()
                     and (c := stands_for(e, models, named)) is not None}


OPEN_SEA: Final = "open_sea"  # the lexicon class of oceans, seas and straits
# the words between a verb of arrival and the sea it reaches ("sailed into the Atlantic",
# "pasó al Pacífico", "entrou no Atlântico", "salió a alta mar") (folded norms)
SEA_GLUE: Final = frozenset({"in", "into", "to", "onto", "on", "the", "open", "en", "al", "a", "el",
                             "la", "hacia", "del", "no", "na", "ao", "o", "em", "para", "pelo",
                             "pela", "do", "da", "rumo"})
SEA_REACH: Final = 3  # words from the verb to the sea


def _into_sea(trigger: Mark, lex: list[Mark], norms: list[str]) -> bool:
    """A verb of arrival whose goal is an ocean, a sea or a strait ("sailed into the
    Atlantic, reportedly heading for Venezuela", "el buque pasó al Pacífico", "entrou no
    Atlântico"): the ship reached open water, no state's port; its call is told by another
    verb, if any."""
    return any(m.label_ == OPEN_SEA and trigger.end <= m.start <= trigger.end + SEA_REACH
               and all(norms[k] in SEA_GLUE for k in range(trigger.end, m.start))
               for m in lex)


# a verb that ties an occurrence named as its subject to another one ("La llegada de la
# flotilla coincide con la visita de Estado", "the visit coincided with the anniversary",
# "a chegada do navio coincide com", "La llegada del Cavour se suma a la de una decena de
# buques"): the story's occurrence said again, dated by the other one
COINCIDE: Final = re.compile(r"(?i)(?<!\w)(?:coincid(?:e|es|ed|i[oó]|iu|ir[aá]|ente)\s+(?:with|con|"
                             r"com)|(?:was|is|were|are)\s+timed\s+to\s+coincide|se\s+sum(?:a|ó|o|"
                             r"ará)\s+a|soma-se\s+[aà]|se\s+soma\s+[aà]|adds\s+to|"
                             r"added\s+to)(?!\w)")
# the definite words before a noun that names an occurrence told already ("the arrival",
# "la llegada", "a chegada", "esta visita", "its visit")
TOLD_DEFINITE: Final = re.compile(r"(?i)(?<!\w)(?:the|this|that|its|their|la|el|esta|este|su|a|o|"
                                  r"esta|essa|esse|sua|seu)\s+$")
COINCIDE_REACH: Final = 70  # characters from the noun to the verb that ties it to another
# occurrence


def _told_coinciding(trigger: Mark, text: str) -> bool:
    """The trigger is a definite noun of an occurrence ("La llegada de la flotilla", "the
    visit") whose clause ties it to another occurrence ("coincide con la visita de Estado
    ... que inicia este miércoles", "coincided with the anniversary"), no punctuation
    between: the story's occurrence named again, its date the other one's."""
    before = text[max(0, trigger.start_char - 12):trigger.start_char]
    if TOLD_DEFINITE.search(before) is None:
        return False
    after = text[trigger.end_char:trigger.end_char + COINCIDE_REACH]
    m = COINCIDE.search(after)
    return m is not None and re.search(r"[,;:()\n]", after[:m.start()]) is None


def _named_before_sequence(trigger: Mark, dates: list[DateMention], text: str) -> bool:
    """The trigger names the subject of a present verb of sequence right after it, no
    clause between ("La llegada de los buques se produce menos de un mes después de la
    visita", "the visit comes ten days after", "a chegada ocorre um mês depois da"): the
    story's own occurrence said again (the timeline marks the shift ``counted_from`` now)."""
    return any(d.start >= trigger.end_char and any(
        isinstance(p, tuple) and p[:1] == ("counted_from",) and not p[1] for p in d.parts)
        and re.search(r"[,;:()\n]", text[trigger.end_char:d.start]) is None for d in dates)


def _comes_after(trigger: Mark, dates: list[DateMention], text: str, lang: str) -> bool:
    """"La presentación llega cinco semanas después de la reunión", "a visita chega dois
    meses depois de": an arrival verb followed at once by a shift tied to a clause tells
    when something comes in a sequence, not that anyone arrived ("el buque llegó dos días
    después a Valparaíso" is an arrival: no clause is tied to its shift)."""
    link = CLAUSE_LINK.get(lang)
    return link is not None and any(
        d.parts and d.parts[0] == "shift" and d.start >= trigger.end_char
        and not text[trigger.end_char:d.start].strip()
        and link.match(text, d.end) is not None for d in dates)


# trigger classes that tell an occurrence more exactly than its type's generic noun: of a
# sentence's readings of one type, theirs comes first ("called at Cartagena on her way back
# from a Caribbean deployment, and conducted a passing exercise with the frigate": the
# passing exercise, not the deployment, tells the exercise)
EXACT_TRIGGERS: Final = frozenset({"passex_n", "joint_exercise_n", "joint_patrol_n"})
# the talks of a visit told beside its travel ("esteve em Moscou e se reuniu com o chefe do
# Estado-Maior", "visited Managua and met with President Ortega", "viajó a Seúl y se reunió
# con su homólogo"): the talks are what the visit is, the travel the way there
VISIT_TALKS: Final = frozenset({"meet_v", "meet_reflexive_v"})
TALKS_PARTNERS: Final = ("official", "head_of_state")  # the partner of the talks, named after them
COUNTERPART_REACH: Final = 8  # words from the talks' verb to their partner


def _one_reading(options: list[Candidate], present: dict[str, list[int]] | None = None,
                 story_frames: frozenset[str] = frozenset(),
                 giver_frames: frozenset[str] = frozenset()) -> list[Candidate]:
    """Of several triggers of one type in a sentence, the firmest one's candidates (one
    per date and port), an exact one's before a generic one's (``EXACT_TRIGGERS``); the
    others' dates only when they differ. A visit's travel that its talks tell the same
    (same date and sides) is weighed as the talks where a leader is their partner, named
    after them (``TALKS_PARTNERS``: "visited Managua and met with President Ortega",
    "viajó a Seúl y se reunió con su homólogo"; not "conversó con Abinader sobre
    migración") and neither is a plan: the travel's place and date, the talks' frame."""
    options = sorted(options, key=lambda c: (c.support, c.weak,
                                             c.rule.rsplit(".", 1)[0] not in giver_frames,
                                             c.rule.rsplit(".", 1)[0] in story_frames,
                                             c.trigger.label_ not in EXACT_TRIGGERS,
                                             c.trigger.start))
    kept: list[Candidate] = []
    for c in options:
        same = next((k for k in kept if k.date == c.date and k.countries == c.countries
                     and k.port == c.port), None)
        if same is not None:
            if present and _talks_of(c, same, present):
                for key in [k for k in same.features if k.startswith("frame_")]:
                    del same.features[key]  # (in place: occasions know it by its id)
                same.features.update({k: v for k, v in c.features.items()
                                      if k.startswith("frame_")})
            elif c.features.get("voyage_leg") and not c.support \
                    and not {"leg", "voyage_leg"} & same.features.keys():
                # "durante a missão 'Harmonia 2011', o navio visitou Cuba, Jamaica, ...":
                # the occurrence the firmer trigger tells is a listed stop of the tour the
                # other tells (weighed as a leg, in place)
                same.features["voyage_leg"] = 1.0
            continue
        if kept and c.support:
            continue
        kept.append(c)
    return kept


def _talks_of(talks: Candidate, travel: Candidate, present: dict[str, list[int]]) -> bool:
    """``talks`` tells with a leader as partner the visit ``travel`` tells by its way there
    (``_one_reading``)."""
    return talks.type == "senior_visit" and talks.trigger.label_ in VISIT_TALKS \
        and travel.trigger.label_ in TRAVEL_CLASSES and not talks.support \
        and not travel.features.get("plan") and not talks.features.get("plan") \
        and any(0 <= p - talks.trigger.end <= COUNTERPART_REACH
                for cls in TALKS_PARTNERS for p in present.get(cls, ()))


QUOTE_OPENERS: Final = frozenset('"“«')


def _the_ship(lex: list[Mark], text: str, starts: list[int], norms: list[str],
              determiners: frozenset[str]) -> bool:
    """The sentence points back at a ship without naming one: "the ship", "the frigate's
    crew", "o navio" (not "the frigate Courbet", a ship of its own)."""
    for m in lex:
        if m.label_ != "ship" or m.start == 0 or norms[m.start - 1] not in determiners:
            continue
        after = "".join(text[starts[k]:starts[k] + 1] for k in range(m.end, m.end + 2)
                        if k < len(starts))  # ("el buque escuela Kashima": named)
        if not any(ch.isupper() or ch in QUOTE_OPENERS for ch in after):
            return True
    return False


SHIP_AGAIN_REACH: Final = 3  # words from "the carrier" to its call's verb ("the carrier later
# anchored off Lima")


def _ship_again(trigger: Mark, lex: list[Mark], text: str, starts: list[int], norms: list[str],
                determiners: frozenset[str]) -> bool:
    """A call whose subject is a ship said with a definite article and no name, right before
    its verb ("Later in the month the carrier anchored off Lima", "el buque fondeó frente a
    Manta", "o navio atracou em Salvador"): the story's ship said again, as "it" or "the
    group" (``_ship_anaphor``), not a ship of the sentence's own."""
    if trigger.label_ not in ANAPHOR_CALLS:
        return False
    before = [m for m in lex if m.label_ == "ship" and m.end <= trigger.start
              and trigger.start - m.end < SHIP_AGAIN_REACH]
    return bool(before) and _the_ship(before, text, starts, norms, determiners)


def _named_again(b: Spans, bare: list[tuple[int, int, int, str]], starts: list[int]
                 ) -> list[Mark]:
    """A ship mark for each bare name of a ship the text named before with its navy's
    prefix (``bare``, of ``bare_names``: "HMS Dauntless ... Dauntless berthed in Cartagena",
    "el USNS Comfort ... el Comfort llegó a Paita"): the name alone is that ship, as "the
    ship" is. A name that is also a place or a country the tagger found ("ARM Durango ...
    en Durango") stays that."""
    return [Mark(k, end, starts[k], char, "ship", "") for k, end, char, _flag in bare
            if not any(e.start < end and k < e.end for e in b.ents) and not any(
                m.label_ == "ship" and m.start < end and k < m.end for m in b.lex)]


# words that say where a call is without naming the place: deictics, and the nouns of a
# port, a coast or a land told before ("docked there", "atracó aquí", "entered the harbour",
# "chegou ao país"): a call said so has its place
PLACE_WORDS: Final = frozenset(
    "here there aqui alli ali aca ahi port ports harbour harbor harbours harbors bay "
    "puerto puertos porto portos bahia baia capital island islands isla islas ilha ilhas "
    "country pais coast coasts costa costas waters aguas pier quay wharf dock docks berth "
    "muelle muelles cais pier base city ciudad cidade territory territorio soil suelo solo "
    "shore shores orilla litoral".split())


OPERATION_STEMS: Final = ("operac", "operat")  # "operación", "operação", "operation"
# what makes an operation a deal, and an earlier reading a transfer told, not a ship's stay
# read as goods brought (``_own_arrivals``)
DEAL_CLASSES: Final = ("price", "purchase_n", "buy_v")
# the company of an exercise frame that tells forces at work together or hosted (an operation
# read with it is a drill, whatever deal the story tells)
PARTNER_COMPANY: Final = frozenset({"with_p", "jointly_with", "military", "crew", "ship",
                                    "troops", "host_v"})
MANOEUVRE_STEMS: Final = ("maniobr", "manobr", "maneuv", "manoeuv")
BERTH_STEMS: Final = ("atraq", "atrac", "desatrac", "muelle", "cais", "dock", "berth", "moor",
                      "amarr", "unmoor", "desamarr")
BERTH_REACH: Final = 4  # tokens either side of a manoeuvre to the berth it is made at
BATCH_WORDS: Final = frozenset({"batch", "lote", "tranche"})
ROMAN_NUMERALS: Final = frozenset({"i", "ii", "iii", "iv", "v"})
DISEMBARK_STEMS: Final = ("desembarc", "disembark")  # people and goods set ashore, no ship's call
# the stems of the verbs of what only a ship or an aircraft does on reaching its place
# (berth, moor, anchor, land: "Los dos buques atracaron el sábado 2 de agosto", its port
# told around it), which need no place named in their sentence, as "arrive" or "visit" do
MOORING_STEMS: Final = ("atrac", "fonde", "amarr", "ancl", "ancor", "acoder", "recal", "dock",
                        "berth", "moor", "anchor", "tie", "tied", "alongside", "aterr", "pous",
                        "pos", "touch", "land")


VEHICLES: Final = ("ship", "aircraft", "hospital_ship")  # what makes a call, said in its sentence


def _ship_powers(visitors: set[str], trigger: Mark, sp: Spans, models: Models,
                 named: set[str | None]) -> set[str]:
    """The powers of a call's ships among several its sentence names: not a state named only
    after the verb, as another port of the voyage ("recorrió primero Papúa Nueva Guinea,
    Tonga y Fiyi", "stopped at Hilo, Hawaii", "a voyage that has taken it to Venezuela"),
    where a power is named before the verb or comes from the story; a state named after a
    cue of where the ship came from stays ("llegó a La Habana procedente de Rusia")."""
    origins = {c.end for c in sp.cues if c.label_ in ("origin", "departure")}
    before: set[str] = set()
    after: set[str] = set()
    for e in sp.ents:
        code = stands_for(e, models, named)
        if code not in visitors:
            continue
        if e.start < trigger.start or any(0 <= e.start - o <= 2 for o in origins):
            before.add(code)
        else:
            after.add(code)
    kept = visitors - (after - before)
    return kept if kept else visitors


def _placeless(sent: Mark, ents: list[Mark], norms: list[str], models: Models) -> bool:
    """A sentence that names no place a ship or aircraft could reach: no country, place or
    LAC institution (a base, a port's authority), and no word of a port, a coast or a
    deictic one (``PLACE_WORDS``): an arrival or visit told in it is no call ("Llegaron
    con la promesa de volver a volar en el Atlántico Sur": a promise; "o avião percorreu
    por terra 1,5 km"; "Entran por periodos de corta duración"; "deu escala a empresas")."""
    if any(e.label_ in ("LOCATION", "COUNTRY") or e.label_ == "INSTITUTION" and (
            c := country_of(e, models)) is not None and models.regions.get(c) == "LAC"
           for e in ents):
        return False
    return not any(norms[k] in PLACE_WORDS for k in range(sent.start, sent.end))


SHIP_PRONOUNS: Final = frozenset({"she"})  # a call's subject pronoun that stands for a ship
PASSIVE_WORDS: Final = frozenset("was were been is are fue fueron foi foram".split())  # (received,
# not receiving: "the ship was welcomed" is _ship_welcomed's)


HOST_SUBJECT_REACH: Final = 2  # tokens from the ship's pronoun or name to its verb of hosting


def _ship_hosts(trigger: Mark, lex: list[Mark], norms: list[str]) -> bool:
    """The subject right before an active verb of receiving or hosting is the ship, by its
    pronoun or its noun ("she hosted the Chief of Staff", "the frigate welcomed"), with at
    most an adverb between: the ship receives guests aboard."""
    for k in range(trigger.start - 1, max(-1, trigger.start - 1 - HOST_SUBJECT_REACH), -1):
        if norms[k] in SHIP_PRONOUNS or any(m.label_ == "ship" and m.end == k + 1 for m in lex):
            return True
        if not norms[k].isalpha() or norms[k] in PASSIVE_WORDS:
            return False
    return False


def _she(trigger: Mark, sent: Mark, norms: list[str]) -> bool:
    """A call told of "she" ("In June she visited Nassau"): the ship told before, as only a
    ship (or a woman, who makes no call) is."""
    return any(norms[k] in SHIP_PRONOUNS for k in range(sent.start, trigger.start))


# a call's subject that stands for the ship of the story: a pronoun, or a group said again
SHIP_ANAPHORS: Final = frozenset({"it", "she"})
GROUP_NOUNS: Final = frozenset({"group", "grupo", "agrupacion", "agrupamento"})  # ("the group")
ANAPHOR_CALLS: Final = frozenset({"arrive", "port_call_n"})  # what the ship itself does


def _ship_anaphor(triggers: list[Mark], sent: Mark, sp: Spans, norms: list[str], lang: str,
                  text: str, starts: list[int], durations: frozenset[str] = frozenset()
                  ) -> int | None:
    """Where a sentence with no ship of its own says the story's ship again as the subject
    of its arrival or call: "it" or "she" before the verb ("Over two months it anchored at
    Havana", "where it docked in Havana"), "the group" ("After rounding Cape Horn the group
    reached Valparaíso", "la agrupación hizo escala"), or no subject at all in Spanish and
    Portuguese ("Luego hizo escala en Punta Arenas": ``_dropped``). Not where a leader, unit,
    crew or platform of the sentence stands between (its own subject). An article after
    the verb opens its own subject ("llegó el turno de"), not where it counts a time
    (``durations``: "permaneció una semana fondeado", "ficou uma semana atracado")."""
    for trigger in triggers:
        if trigger.label_ not in ANAPHOR_CALLS:
            continue
        if _dropped(trigger, sent, sp, norms, lang, clause_only=True) and not (
                trigger.end < sent.end and norms[trigger.end] in POSTVERBAL_ARTICLES
                and not (trigger.end + 1 < sent.end and norms[trigger.end + 1] in durations)):
            return trigger.start - 1  # (the subject's place, before the verb; "llegó el
            # turno de ...": a subject of its own after the verb)
        for k in range(trigger.start - 1, sent.start - 1, -1):
            word = norms[k]
            if word in SHIP_ANAPHORS or (word in GROUP_NOUNS and _definite_group(
                    k, sent, norms, text, starts)):
                if any(m.label_ in SUBJECTS and k < m.start < trigger.start for m in sp.lex) \
                        or any(k < e.start < trigger.start for e in sp.ents
                               if e.label_ in NAMERS) \
                        or any(k < p.start < trigger.start for p in sp.persons):
                    break
                return k
    return None


DEFINITE_ARTICLES: Final = article_words(("definite_singular",))  # (articles.json)
GROUP_NAME_WORDS: Final = 4  # words of a group's name between its article and "group"


def _definite_group(k: int, sent: Mark, norms: list[str], text: str, starts: list[int]) -> bool:
    """Token ``k`` ("group") is said with a definite article, maybe through the group's
    name ("the group", "the Jeanne d'Arc 2024 group", "la agrupación"): a group told before."""
    j = k - 1
    while j > sent.start and k - j <= GROUP_NAME_WORDS and (
            norms[j][:1].isdigit() or any(ch.isupper() for ch in text[starts[j]:starts[j + 1]])):
        j -= 1
    return j >= sent.start and norms[j] in DEFINITE_ARTICLES
DROP_LANGS: Final = frozenset({"es", "pt"})  # languages that drop a known subject
# the articles of those languages, not "a" (also Portuguese's preposition)
POSTVERBAL_ARTICLES: Final = article_words(
    ("definite_singular", "definite_plural", "indefinite"), tuple(sorted(DROP_LANGS))) - {"a"}
# the actors and platforms that, said in the call's clause, are its subject of their own
SUBJECTS: Final = frozenset({"ship", "fleet", "aircraft", "weapon", "official", "envoy",
                             "head_of_state", "troops", "military", "police", "members", "staff",
                             "student", "attendee", "maker", "civil_ship"})
NAMERS: Final = frozenset({"INSTITUTION"})  # entities that may be a subject (persons apart)
NON_FINITE: Final = ("ar", "er", "ir", "ndo", "ado", "ido", "ada", "ida")  # infinitive, gerund,
# participle ("antes de llegar", "tras haber atracado"): no finite verb of its own
DROP_VERBS: Final = frozenset({"arrive", "visit_v"})  # classes whose trigger may be a finite verb
DROP_NOUNS: Final = frozenset({"arribo", "paso"})  # nouns of those classes that read as verbs would
REFLEXIVE: Final = frozenset({"se"})  # "se realizó": impersonal or passive, no dropped subject
RELATIVES: Final = frozenset({"que", "quien", "quienes", "donde", "onde", "cual", "cuales", "qual",
                              "quais", "cuyo", "cuya", "cujo", "cuja"})  # the antecedent is the
# subject
CLAUSE_MARKS: Final = frozenset({",", ";", ":", "(", ")"})  # where the verb's own clause begins


def _dropped(trigger: Mark, sent: Mark, sp: Spans, norms: list[str], lang: str,
             clause_only: bool = False) -> bool:
    """A call told by a finite verb with no subject ("En junio hizo escala en Kingston",
    "Em junho, atracou em Salvador"): Spanish and Portuguese drop the subject the story
    told before, as English says "she"; the ship told before is the caller. Not where the
    sentence names a ship, aircraft, leader, unit or crew of its own (before the verb or
    after it: "Llegó a Kingston el patrullero ..."), a person or an institution before the
    verb, or "se" before the verb (passive or impersonal). With ``clause_only``, only the
    actors of the verb's own clause count (up to a comma or a relative after it: "atracou
    em Salvador, onde foi recebido pelo comandante": the commander is no subject)."""
    if lang not in DROP_LANGS or trigger.label_ not in DROP_VERBS:
        return False
    word = norms[trigger.start]
    if word.endswith(NON_FINITE) or word in DROP_NOUNS or (trigger.start > sent.start and
                                     norms[trigger.start - 1] in REFLEXIVE):
        return False
    k = trigger.start - 1  # the verb's own clause: back to a comma or the sentence start
    while k >= sent.start and norms[k] not in CLAUSE_MARKS:
        if norms[k] in RELATIVES:
            return False  # "a viagem, que antes passou por Santos": the antecedent's verb
        k -= 1
    end = sent.end
    if clause_only:
        end = next((j for j in range(trigger.end, sent.end)
                    if norms[j] in CLAUSE_MARKS or norms[j] in RELATIVES), sent.end)
    if any(m.label_ in SUBJECTS for m in sp.lex if sent.start <= m.start < end):
        return False
    return not any(e.label_ in NAMERS and sent.start <= e.start < trigger.start
                   for e in sp.ents) and not any(
        sent.start <= p.start < trigger.start for p in sp.persons)


PORT_REACH: Final = 3  # tokens from an arrival to the port it names ("recaló en Punta Arenas")


def _port_state(trigger: Mark, ents: list[Mark], models: Models) -> str | None:
    """The one LAC state of the port an arrival names right after its verb ("recaló en
    Punta Arenas", "docked at Golfito"), a town of ``places.jsonl`` in no other country,
    where the sentence names no state of its own: a port names its state even where the
    document names a rival one (a ship's voyage from Montevideo on to Punta Arenas)."""
    port = min((e for e in ents if e.label_ == "LOCATION"
                and 0 <= e.start - trigger.end <= PORT_REACH), key=lambda e: e.start, default=None)
    if port is None or port.kb_id_ in models.ambiguous_places:
        return None
    countries = models.places.get(port.kb_id_, ())
    if len(countries) != 1 or models.regions.get(countries[0]) != "LAC":
        return None
    return countries[0]


def _ports_named(stops: Stops, ents: list[Mark], norms: list[str], models: Models,
                 named: set[str | None]) -> frozenset[str]:
    """The LAC states a sentence names only as places after its list of stops (a port or
    a country, no demonym): where the ship calls ("it called at Salvador and Montevideo"
    after its stops abroad), not the state whose ship it is."""
    found = named_only(ents, models, named, lambda e: e.label_ in PLACE_LABELS
                       and e.start_char >= stops.closes_at and " ".join(
                           norms[e.start:e.end]) not in models.demonyms)
    return frozenset(c for c in found if models.regions.get(c) == "LAC")


# the next leg said with "before" as the ship or aircraft going on ("before sailing on to
# Grenada", "antes de seguir hacia Montevideo", "antes de seguir para Montevidéu"): told in
# the past, the leg gone on to was flown or sailed, a call of its own (``_gone_on``)
GONE_ON: Final = frozenset({
    "before flying on to", "before continuing to", "before continuing on to",
    "before moving on to", "before sailing on to", "before going on to",
    "antes de seguir hacia", "antes de seguir a", "antes de continuar hacia",
    "antes de continuar a", "antes de volar a", "antes de volar hacia", "antes de zarpar hacia",
    "antes de seguir para", "antes de seguir viagem para", "antes de continuar para",
    "antes de prosseguir para", "antes de voar para", "antes de zarpar para",
    "antes de rumar para"})


def _gone_on(cues: list[Mark], ents: list[Mark], norms: list[str], models: Models,
             named: set[str | None], text: str, end: int
             ) -> list[tuple[int, int, set[str]]]:
    """Per "before going on to" cue (``GONE_ON``; the token and character it starts at),
    the LAC states the sentence names after it, to its end, a semicolon or the way home
    ("before returning to"): the legs gone on to."""
    out: list[tuple[int, int, set[str]]] = []
    for c in cues:
        if c.label_ != "onward" or " ".join(norms[c.start:c.end]) not in GONE_ON:
            continue
        stop = min((m.start() for m in [LEG_END.search(text, c.end_char, end),
                                        re.compile(";").search(text, c.end_char, end)]
                    if m), default=end)
        out.append((c.start, c.start_char, {code for e in ents if e.label_ in PLACE_LABELS
                              and c.end_char <= e.start_char < stop and models.regions.get(
                                  code := stands_for(e, models, named) or "") == "LAC"}))
    return out


def _port_country(e: Mark, models: Models) -> str | None:
    """The one state of a port the gazetteer knows by a single country and holds no
    namesake of ("Valparaíso", "Montevidéu"), for a leg gone on to (``listed_stops`` reads
    a list of stops alike)."""
    if e.label_ != "LOCATION" or e.kb_id_ in models.ambiguous_places:
        return None
    countries = models.places.get(e.kb_id_, ())
    return countries[0] if len(countries) == 1 else None


SINCE_THEN: Final = frozenset({"desde entonces", "desde entao", "has since", "have since"})
ROUTE_STATES: Final = 2  # LAC states a route since then names: its ports, one voyage


def _since_route(cue: Mark, trigger: Mark, ents: list[Mark], norms: list[str], models: Models,
                 named: set[str | None]) -> bool:
    """A "since then" before a call that names two or more LAC states after it tells one
    voyage through its ports ("Desde entonces, el Arca de la Paz ha recorrido Granada,
    Dominica y Antigua", "Desde então, o navio passou por Granada e Dominica", "the ship has
    since called at Grenada and Dominica"), no history of many (``cue.aggregate``)."""
    if " ".join(norms[cue.start:cue.end]) not in SINCE_THEN or cue.end > trigger.start:
        return False
    states = {stands_for(e, models, named) for e in ents
              if e.label_ in PLACE_LABELS and e.start >= trigger.end}
    return len({c for c in states if c is not None and models.regions.get(c) == "LAC"}) \
        >= ROUTE_STATES


def _passed_abroad(listed: Stops | None, read: list[frames.Reading], index: int, spans: list[Spans],
                   paragraph: list[int], fleet: dict[int, set[str]], models: Models,
                   named: set[str | None]) -> set[int]:
    """The port-call triggers of a sentence whose list of stops holds third states only,
    when the ship told is a power's ("the ship has already called at Papua New Guinea,
    Vanuatu and Fiji", "ha recorrido Papúa Nueva Guinea y Tonga", "já passou por Fiji"):
    its stops on the way, none a visitor of the LAC state the sentence names (a LAC ship's
    calls abroad keep their reading: ``Stops.outside``)."""
    if listed is None or not listed.far_stops or listed.lac_stops:
        return set()
    sp = spans[index]
    if any(e.label_ == "INSTITUTION" and models.institution_kinds.get(e.kb_id_) == "ship"
           and models.regions.get(country_of(e, models) or "") == "LAC" for e in sp.ents):
        return set()  # "el velero ARM Cuauhtémoc fue recibido en el puerto de Tokio": the
        # sentence's own LAC ship calls abroad
    ship = ship_before(index, spans, paragraph, models)
    if not ((ship is not None and models.regions.get(ship) != "LAC") or (
            ship is None and _ship_told(index, fleet) is not None)):
        return set()
    later = [r.trigger.start for r in read if r.frame.type == "port_call"
             and r.trigger.start_char >= listed.closes_at]
    bound = min(later) if later else None  # (a later call's verb tells the ports after it)
    origins = {c.end for c in sp.cues if c.label_ in ("origin", "departure")}
    if any(listed.closes_at <= e.start_char and (bound is None or e.start < bound)
           and e.label_ in PLACE_LABELS
           and models.regions.get(stands_for(e, models, named) or "") == "LAC"
           and e.start not in origins for e in sp.ents):
        return set()  # "ha recorrido Fiyi y Tonga y, ya en el Caribe, Granada y Dominica":
        # the LAC ports are this call's own (a state it came from is none: "depois da
        # Venezuela, seguirá para Granada", the later verb tells the call)
    return {r.trigger.start for r in read if r.frame.type == "port_call"
            and r.trigger.label_ != ONWARD and r.trigger.end_char <= listed.opens_at
            and not any(r.trigger.end_char <= e.start_char < listed.opens_at
                        for e in sp.ents if e.label_ in PLACE_LABELS)}  # (the list's own
    # call: "It arrived from Cuba, ... the first stop of a voyage" keeps Cuba)


# a clause told at another time than the trigger's: what goes on before, after or while it
# ("a day before Cuban and U.S. diplomats sat down", "while U.S. ships were delivering aid",
# "tras la prohibición decretada por Washington", "na véspera da visita do secretário"):
# ``other_time_openers`` of stopwords.json
BACKGROUND: Final = re.compile(
    r"\b(?:" + "|".join(re.escape(w) for w in word_list("other_time_openers", folded=True))
    + r")\b")
BACKGROUND_PLACE: Final = frozenset(word_list("place_prepositions"))  # (stopwords.json; a
# place: a leg of the voyage)
BACKGROUND_ARTICLES: Final = article_words(("definite_singular", "definite_plural")) - {
    "a"}  # (articles.json; not Portuguese "a", also a preposition: "a Cuba")
# (a field, no armed force)
DEFENCE_TOPICS: Final = frozenset(word_list("defence_topics", folded=True))


def _topics(sent: Mark, norms: list[str], text: str, token_starts: Sequence[int]) -> set[int]:
    """The sentence's tokens that name defence as a field or a topic, written small ("la
    cooperación militar", "a defesa ocupou lugar de destaque na pauta"; a capital names a
    body, "the Ministry of National Defense": an actor): read only for a summit."""
    return {k for k in range(sent.start, sent.end) if norms[k] in DEFENCE_TOPICS
            and not text[token_starts[k]:token_starts[k] + 1].isupper()}


CONTRAST: Final = frozenset(word_list("contrast_openers", folded=True))  # (after a comma)
BACKGROUND_END: Final = re.compile(r"[,;:(—–]|\s-\s")


def _background_clauses(sent: Mark, ents: list[Mark], text: str) -> list[tuple[int, int, bool]]:
    """The clauses of another time in the sentence (``_background_powers``), as (start,
    end, whether a comma before opens it as a contrast): read once a sentence, not once a
    trigger."""
    clauses = []
    low = text[sent.start_char:sent.end_char].lower()
    listed = {e.start_char - sent.start_char for e in ents}
    for m in BACKGROUND.finditer(low):
        contrast = m.group() in CONTRAST and low[:m.start()].rstrip().endswith(",")
        start = sent.start_char + m.start()
        end_m = BACKGROUND_END.search(low, m.end())
        while end_m is not None and low[end_m.start()] == "," and \
                end_m.end() + len(low[end_m.end():]) - len(low[end_m.end():].lstrip()) in listed:
            end_m = BACKGROUND_END.search(low, end_m.end())  # (a list goes on: "from Italy,
            # Spain and the Netherlands")
        clauses.append((start, sent.start_char + (end_m.start() if end_m else len(low)),
                        contrast))
    return clauses


def _background_powers(trigger: Mark, sent: Mark, ents: list[Mark], text: str,
                       models: Models, named: set[str | None],
                       clauses: list[tuple[int, int, bool]]) -> set[str]:
    """The powers the sentence names only inside a clause of another time than the
    trigger's (opened by "before", "after", "while", "tras", "mientras", "enquanto", "após",
    to the clause's end), the trigger outside it (``clauses``: ``_background_clauses``)."""
    stretches = []
    for start, end, contrast in clauses:
        if contrast and trigger.start_char < start:
            continue  # "visits are rarely discussed, while a single Iranian call produced
            # weeks of coverage": a contrast after the clause, not its time
        if not start <= trigger.start_char < end:
            stretches.append((start, end))
    if not stretches:
        return set()
    inside: set[str] = set()
    outside: set[str] = set()
    for e in ents:
        code = stands_for(e, models, named)
        if code is None or models.regions.get(code) != "extra":
            continue
        before = text[max(sent.start_char, e.start_char - 16):e.start_char].lower().split()
        while before and before[-1] in BACKGROUND_ARTICLES:
            before.pop()
        if not any(a <= e.start_char < b for a, b in stretches):
            outside.add(code)
        elif e.label_ != "LOCATION" and not (before and before[-1] in BACKGROUND_PLACE):
            inside.add(code)  # (a place there, "after stopping in the United States", "off
            # the coasts of Delaware", is the ship's other stop or whereabouts: a leg the
            # stops tell, or nothing; it neither takes the state out nor keeps it)
    return inside - outside


def _previous(index: int, chrome: list[bool], headline: int | None) -> int | None:
    """The sentence before ``index`` whose subject a dropped one continues (not a caption,
    chrome or the headline)."""
    j = index - 1
    while j >= 0 and chrome[j]:
        j -= 1
    return None if j < 0 or j == headline else j


def _ship_told(index: int, fleet: dict[int, set[str]]) -> str | None:
    """The power whose ship the text named last before sentence ``index`` (one power)."""
    named = [j for j, powers in fleet.items() if j < index and powers]
    if not named:
        return None
    powers = fleet[max(named)]
    return next(iter(powers)) if len(powers) == 1 else None


def _after(index: int, paragraph: list[int], parties: list[tuple[set[str], set[str]]],
           paragraphs: int = 0) -> list[tuple[set[str], set[str]]]:
    """The sides named in the sentences after ``index`` in its paragraph, nearest first
    (up to ``AFTER_SENTENCES``): where a frame with ``partner_after`` finds the partner a
    lead leaves unnamed; with ``paragraphs``, every sentence after it in its paragraph and
    the ``paragraphs`` after ("A primeira das quatro fragatas ... foi lançada ao mar", its
    German design told a paragraph on: the story's partner in a shipyard ceremony)."""
    if paragraphs:
        return [parties[j] for j in range(index + 1, len(parties))
                if 0 <= paragraph[j] - paragraph[index] <= paragraphs]
    return [parties[j] for j in range(index + 1, min(len(parties), index + 1 + AFTER_SENTENCES))
            if paragraph[j] == paragraph[index]]


def _story_states(parties: list[tuple[set[str], set[str]]]) -> set[str]:
    """The LAC states named anywhere in the story."""
    return set().union(*(lac for _, lac in parties))


def _story_powers(parties: list[tuple[set[str], set[str]]]) -> set[str]:
    """The powers (extra-regional sides) named anywhere in the story."""
    return set().union(*(extra for extra, _ in parties))


def _participants(index: int, spans: list[Spans], paragraph: list[int],
                  parties: list[tuple[set[str], set[str]]], kind: str = "exercise"
                  ) -> list[tuple[set[str], set[str]]]:
    """The sides of the participant list told right after a lead that names one side of a
    multinational exercise or forum ("Air crews from a dozen countries began an exercise in
    Colombia on Monday. ... Taking part are Argentina, Brazil, ... the United States",
    "Participan Argentina, Chile y Estados Unidos", "Participam ..."): the first sentence
    with a verb of taking part, training or drilling (``PARTICIPATING``: "militares de
    Brasil, Chile, ... e França vão treinar") that names two states or more, among the
    next ``AFTER_SENTENCES`` and in the lead's paragraph or the next; a forum's, also by its
    delegations or delegates (``FORUM_LISTING``)."""
    for j in range(index + 1, min(len(parties), index + 1 + AFTER_SENTENCES)):
        if paragraph[j] - paragraph[index] > 1:
            break
        if len(parties[j][0] | parties[j][1]) < 2:
            continue
        labels = {m.label_ for m in spans[j].lex}
        if labels & PARTICIPATING or kind == "exercise" and labels & EXERCISE_LISTING or \
                kind == "dialogue_forum" and labels & FORUM_LISTING and (
                DEFENCE in labels or any(m.label_ == DEFENCE for m in spans[index].lex)):
            return [parties[j]]  # (delegations listed with no defence actor by them or
            # in the lead are a summit's or a trade forum's: "ante los presidentes de
            # Brasil, de Colombia y de Chile, además de cancilleres y representantes")
    return []


# the classes that head a subject a relative or participial aside may follow: people, ships
# and aircraft ("el portaaviones USS George Washington, que rodeaba Sudamérica dentro del
# despliegue Southern Seas, realizó una visita a Guayaquil")
SUBJECT_HEADS: Final = frozenset({"ship", "aircraft", "hospital_ship", "official", "head_of_state",
                                  "envoy", "troops", "crew", "members", "military", "staff",
                                  "student"})
HEAD_REACH: Final = 6  # tokens from a subject's head word to the comma that opens its aside
ASIDE_MAX: Final = 20  # tokens an aside may hold between its commas
ASIDE_CLOSERS: Final = frozenset({",", "—", "–"})
RELATIVE_OPENERS: Final = {"es": frozenset({"que", "quien", "quienes", "cuyo", "cuya", "cuyos",
                                            "cuyas"}),
                           "pt": frozenset({"que", "quem", "cujo", "cuja", "cujos", "cujas"}),
                           "en": frozenset({"which", "who", "whose"})}
ASIDE_PARTICIPLES: Final = {"es": ("ado", "ada", "ados", "adas", "ido", "ida", "idos", "idas"),
                            "pt": ("ado", "ada", "ados", "adas", "ido", "ida", "idos", "idas")}
# (English "-ed" is also the simple past that closes an apposition: "the training ship, INS
# Tarangini, called at Georgetown")


def _across_aside(present: dict[str, list[int]], sent: Mark, norms: list[str],
                  relatives: frozenset[str], lang: str) -> None:
    """A subject followed by an aside between commas that a relative word or a participle
    opens ("el portaaviones USS George Washington, que rodeaba Sudamérica dentro del
    despliegue Southern Seas, realizó una visita a Guayaquil", "a fragata Yulin, que navega
    há três meses pelo Pacífico Sul, chegou a Santos", "the frigate, which had sailed from
    Qingdao in April, arrived"): the subject stands, for the verb after the aside, where the
    aside closes (its class gets that position too), so the aside's length keeps no frame
    from reading the verb with it."""
    openers = RELATIVE_OPENERS.get(lang, frozenset()) & relatives
    ends = ASIDE_PARTICIPLES.get(lang, ())
    heads = [(c, p) for c in SUBJECT_HEADS for p in present.get(c, ())
             if sent.start <= p < sent.end]
    if not heads or "," not in norms[sent.start + 1:sent.end - 1]:
        return
    for k in range(sent.start + 1, sent.end - 1):
        if norms[k] != "," or not (norms[k + 1] in openers or norms[k + 1].endswith(ends)):
            continue
        close = next((j for j in range(k + 2, min(sent.end, k + 2 + ASIDE_MAX))
                      if norms[j] in ASIDE_CLOSERS or norms[j] == ";"), None)
        if close is None or norms[close] == ";":
            continue
        for c, p in heads:
            if k - HEAD_REACH <= p < k and close not in present[c]:
                present[c] = sorted([*present[c], close])


LIST_GAP: Final = 3  # words between two places of one list (", ", " y en ", " in ")


def _listed_stops(trigger: Mark, ents: Sequence[Mark], norms: list[str], models: Models,
                  named: set[str | None], text: str) -> set[str]:
    """The states of the list of places a call's verb opens: its first place within
    STOP_LEAD words after the verb, each next one within LIST_GAP words of the one before
    ("visitó Cuba, Jamaica, Trinidad y Tobago y Costa Rica", "visited Recife and Santos in
    Brazil, Montevideo in Uruguay"); a place further on belongs to another clause ("escalas
    em portos do Chile e do Peru, e há compromissos agendados com as Marinhas de Argentina",
    "Esmeraldas, cercana al departamento colombiano de Nariño"). Demonyms name no stop; a
    state's own name that is a demonym elsewhere, written with its capital ("Argentina"; the
    Spanish demonym is "argentina"), names the state."""
    states: set[str] = set()
    end = trigger.end
    lead = STOP_LEAD
    for e in sorted((e for e in ents if e.label_ in PLACE_LABELS and e.start >= trigger.end),
                    key=lambda e: e.start):
        if e.start - end > lead:
            break
        end, lead = max(end, e.end), LIST_GAP
        said = " ".join(norms[e.start:e.end])
        if said in models.demonyms and not (said in models.state_names
                                            and text[e.start_char:e.start_char + 1].isupper()):
            continue
        if (code := stands_for(e, models, named)) is not None:
            states.add(code)
    return states


PLAN: Final = "plan"  # the cue kind of what is intended, expected or provided for
# the words that open a second predicate or a relative clause after a trigger, where a plan
# cue tells the terms of what the trigger's clause did ("foi assinado em agosto de 2019 e
# prevê a substituição", "un contrato firmado en abril, que prevé la entrega")
TERMS_OPENERS: Final = frozenset(word_list("terms_openers", folded=True))  # (stopwords.json)


def _planned(trigger: Mark, cues: list[Mark], kinds: set[str], models: Models,
             norms: list[str], lang: str) -> set[str]:
    """The sentence's cue kinds for a trigger's features, less the plan when every plan cue
    stands after the trigger in a second predicate or a relative clause of its own, opened
    right before it ("El contrato ... fue firmado en diciembre de 2023 ... y prevé la entrega
    del primer buque", "O lote faz parte de um contrato firmado em abril ..., que prevê a
    transferência"): the terms of what was done, not a plan of the doing."""
    for c in cues:
        if c.label_ == PLAN and not (c.start > trigger.end and norms[c.start - 1] in TERMS_OPENERS):
            return kinds
    return kinds - {PLAN}


def _features(frame: Frame, reading: frames.Reading, from_context: bool, date_source: str,
              kinds: set[str], present: dict[str, list[int]], mention: DateMention | None,
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


PLAN_BEFORE: Final = 6  # tokens before a trigger where an expectation marker tells it owed
# ("el compromiso original era despachar", "el documento preveía entregar")
PLAN_AFTER: Final = 3  # ... and after it ("to be delivered ... was to")


def _prospect_pattern(lang: str, models: Models) -> re.Pattern[str]:
    """The words of ``lang`` that tell an occurrence in the mood of what is to come
    (``dates.json`` prospect_markers: "deve", "llegarían", "expectativa"), each as words of
    its own."""
    return _words_pattern(tuple(models.dates.get("prospect_markers", {}).get(lang, ())))


def _expectation_markers(lang: str, models: Models) -> list[str]:
    """The expectation markers of ``lang`` (``dates.json``): what ``_owed_pattern`` finds,
    and what a sentence must hold for it to find anything (``casewords.holds``)."""
    return list(models.dates.get("expectation_markers", {}).get(lang, ()))


def _owed_pattern(lang: str, models: Models) -> re.Pattern[str]:
    """The expectation markers of ``lang`` (``dates.json``), each as words of its own."""
    return _words_pattern(tuple(_expectation_markers(lang, models)))


@cache
def _words_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """``words``, each as words of its own, as one pattern (built once for each list: not
    again for every document)."""
    return re.compile(rf"(?<!\w)(?i:{'|'.join(re.escape(w) for w in words)})(?!\w)"
                      if words else r"(?!)")


def _told_planned(trigger: Mark, sent: Mark, text: str, token_starts: list[int],
                  norms: list[str], pattern: re.Pattern[str], may: bool = True) -> bool:
    """Is the trigger told as it was owed or expected (``merge.Candidate.planned``)? An
    expectation marker (``dates.json``) a few words before it (PLAN_BEFORE) or after
    (PLAN_AFTER), with no semicolon between: one further off tells another clause ("O
    contrato, firmado em outubro de 2008, previa o fornecimento": the contract is done,
    its terms planned). ``may``: False where the sentence holds none of the words
    ``pattern`` needs one of (``casewords.holds``)."""
    if not may:
        return False
    said = text[sent.start_char:sent.end_char]
    return any(trigger.start - PLAN_BEFORE <= at < trigger.end + PLAN_AFTER
               and ";" not in norms[min(at, trigger.start):max(at, trigger.end)]
               for at in (bisect_right(token_starts, sent.start_char + m.start()) - 1
                          for m in pattern.finditer(said)))


GOODS: Final = ("ship", "aircraft", "weapon", "supplies")  # what a relative clause may tell the
# origin of
GOODS_PHRASE: Final = 7  # words from the goods noun to the relative word said of it ("las
# lanchas patrulleras rápidas del tipo Shaldag Mk II que Argentina compró")
HAVING: Final = ("buy_v", "donate_v", "handover_v", "receive_goods_v", "select_v")  # ... by these


GOODS_PARTICIPLES: Final = frozenset(word_list("goods_participles"))  # (stopwords.json)
# the words that say who gave or sold the goods after their participle ("donated by", "bought
# from", "adquiridos a", "doados pela"): a language's agents and source openers (stopwords.json)
GIVER_WORDS: Final = {lang: frozenset(fold(w) for key in ("agents", "source_openers")
                                      for w in stopwords()[key].get(lang, ())) for lang in LANGS}
# the words that make the participle a clause's verb ("the aircraft were received by", "as
# aeronaves serão entregues ao"): no description of the goods
PARTICIPLE_AUX: Final = AUXILIARY_BEFORE | PREDICATE_AUX | frozenset(word_list("receipt_passive",
                                                                         folded=True))
MODIFIER_GAP: Final = 2  # words between the goods and their participle ("lanchas interceptoras")
# the classes of goods arriving or changing hands: a sentence telling them tells the transfer
HANDLING: Final = (ARRIVE, "handover_v", "handover_n", "receive_goods_v")


def _goods_participle(trigger: Mark, lex: list[Mark], norms: list[str], lang: str) -> bool:
    """The trigger is a participle with no auxiliary right after the goods it qualifies,
    naming who gave or sold them ("lanchas interceptoras donadas por el Gobierno de los
    Estados Unidos", "patrol boats donated by the United States", "tanks bought from
    Germany", "os tanques comprados da Alemanha"): it tells how the goods were had, a
    description of them, as a relative clause does (``_goods_relative``). An auxiliary
    between makes it a clause's verb ("the aircraft were received by")."""
    if trigger.label_ not in HAVING or trigger.end - trigger.start != 1 \
            or trigger.end >= len(norms) or norms[trigger.end] not in GIVER_WORDS.get(lang, ()):
        return False
    word = norms[trigger.start]
    if word not in GOODS_PARTICIPLES and not (len(word) > 4 and word.isalpha() and word.endswith(
            PARTICIPLE_ENDS.get(lang, ()))):
        return False
    return any(m.label_ in GIVEN_GOODS and m.end <= trigger.start
               and trigger.start - m.end <= MODIFIER_GAP
               and all(any(ch.isalnum() for ch in w) and w not in PARTICIPLE_AUX
                       for w in norms[m.end:trigger.start]) for m in lex)


def _goods_relative(trigger: Mark, lex: list[Mark], norms: list[str],
                    relatives: frozenset[str], reach: int = 2) -> int | None:
    """The position of the relative word when the trigger verb stands in a relative clause
    said of goods named right before it ('los patrulleros que el país adquirió', 'os M41
    que o Brasil comprou', 'the boats that Uruguay bought'): the clause tells how the
    goods were had, and a date of the main clause before it is not its date."""
    if trigger.label_ not in HAVING:  # ("los veleros que atracaron en Cádiz": a call told)
        return None
    before = frames.antecedent_of(trigger, norms, relatives)
    if not before:
        return None
    k = next(iter(before))
    if any(m.label_ in GOODS and m.start <= k and (k < m.end + 2 or k < m.end + reach and all(
            any(ch.isalnum() for ch in w) for w in norms[m.end:k + 1])) for m in lex):
        return k + 1
    return None


def _main_verb_between(trigger: Mark, d: DateMention, lex: list[Mark]) -> bool:
    """A verb of the lexicon (an action class: ``*_v`` or an arrival) stands between a
    trigger in a relative clause and a date after it: the date is that verb's, the main
    clause's ("los aviones que Bolivia compró a China hicieron su presentación el domingo
    7"), not the relative clause's."""
    return d.start > trigger.end_char and any(
        (m.label_.endswith("_v") or m.label_ == ARRIVE) and m.start >= trigger.end
        and m.end_char <= d.start for m in lex)


RELATIVE_REACH: Final = 3  # words from a relative pronoun to the verb it opens ("who had just
# arrived")


def _relative_arrival(trigger: Mark, norms: list[str], relatives: frozenset[str]) -> bool:
    """The trigger opens, or stands a few words into, a relative clause after a comma on the
    traveller named before it ("Hegseth, que llegó la noche del lunes, fue recibido", "the
    general, who arrived on Monday, met"): how they came, background to the main clause."""
    k = trigger.start - 1
    while k >= 1 and trigger.start - k <= RELATIVE_REACH:
        if norms[k] in relatives:
            return norms[k - 1] == ","
        if not any(ch.isalnum() for ch in norms[k]):
            return False
        k -= 1
    return False


PRESENT_ENDINGS: Final = {"en": (("s", ""), ("es", ""), ("ies", "y")),
                           "es": (("a", "ar"), ("an", "ar"), ("e", "er"), ("en", "er"),
                                  ("e", "ir"), ("en", "ir")),
                           "pt": (("a", "ar"), ("am", "ar"), ("e", "er"), ("em", "er"),
                                  ("e", "ir"), ("em", "ir"))}  # (ending, lemma's ending)


def _present_simple(trigger: Mark, models: Models, norms: list[str], lang: str) -> bool:
    """A one-word verb trigger in the third person of the simple present ("contributes",
    "provides", "supplies"): a form of a lexicon verb, its ending on the lemma, no
    determiner or number before it (a noun's plural is no verb: "the visits", "two
    deliveries")."""
    endings = PRESENT_ENDINGS.get(lang)
    if not endings or trigger.end != trigger.start + 1 or trigger.label_.endswith("_n"):
        return False
    norm = norms[trigger.start]
    if trigger.start > 0 and (norms[trigger.start - 1] in models.determiners.get(
            lang, frozenset()) or norms[trigger.start - 1][:1].isdigit()):
        return False
    lemmas = models.lexicons[lang].forms.get(norm, ())
    return any(norm.endswith(end) and lemma.endswith(base)
               and lemma[:len(lemma) - len(base)] + end == norm
               for lemma in lemmas for end, base in endings)


# a span of years ("between 2005 and 2013", "entre 2010 e 2018", "de 2019 a 2021")
YEAR_SPAN: Final = re.compile(r"(?i)\b(?:between|from|entre|de|desde)\s+(\d{4})\s*(?:and|to|until|"
                              r"through|y|a|al|hasta|e|até|ate|-|–)\s*(\d{4})\b")
SPAN_REACH: Final = 6  # words after a trigger where the plural noun of what it did many times
# stands


def _over_years(chosen: list[DateMention], text: str) -> bool:
    """Every date read for the trigger opens a span of years: what the sentence tells is
    counted over a period, told by a plural ("signed Russian arms contracts ... between
    2005 and 2013"; one delivery spread over years keeps its start: "the helicopters were
    delivered between 2010 and 2014")."""
    return all(any(m.start(1) == d.start and m.group(1) != m.group(2)
                   for m in YEAR_SPAN.finditer(text, max(0, d.start - 20), d.end + 20))
               for d in chosen)


def _plural(trigger: Mark, models: Models, norms: list[str], lang: str) -> bool:
    """A noun trigger in the plural ("visits", "ejercicios"): many occurrences, or a kind of
    activity, rather than one; it needs a date to state an event. (Noun classes are the
    lexicon ids ending in ``_n``.)"""
    if trigger.end != trigger.start + 1 or not trigger.label_.endswith("_n") \
            or trigger.label_ in LIST_NOUNS:
        return False
    norm = norms[trigger.start]
    return norm.endswith("s") and norm not in models.lexicons[lang].single


def _met_among(trigger: Mark, ents: list[Mark], norms: list[str], models: Models,
               named: set[str | None]) -> bool:
    """Three states or more named before a meeting verb, that meets no one ("with", "con",
    "com" in or right after it): their leaders met among themselves."""
    states = {stands_for(e, models, named) for e in ents
              if e.label_ == "COUNTRY" and e.end <= trigger.start} - {None}
    return len(states) >= AMONG_STATES and not any(
        n in AMONG_PARTNER for n in norms[trigger.start:trigger.end + AMONG_REACH])


AMONG_FORUM: Final = "dialogue_forum.among"
AMONG_STATES: Final = 3  # states that meet among themselves in a forum (two: leaders' talks)
AMONG_PARTNER: Final = frozenset({"with", "con", "com"})  # a meeting with someone: a visit
AMONG_REACH: Final = 2  # words after the verb where its partner word would stand


def _rank_said(sentences: list[Mark], lex: list[Mark], norms: list[str], models: Models,
               lang: str) -> set[int]:
    """Sentences that say an officer again by a rank after a definite article ("the admiral
    called on", "el vicealmirante acudió", "a general desembarcou"): a defence actor there."""
    ranks = _ranks(models, lang)
    dets = models.determiners.get(lang, frozenset())
    starts = [s.start for s in sentences]
    return {bisect_right(starts, m.start) - 1 for m in lex
            if m.label_ == OFFICIAL and m.start > 0 and norms[m.start - 1:m.start]
            and norms[m.start - 1:m.start][0] in dets
            and " ".join(norms[m.start:m.end]) in ranks}


def _ranks(models: Models, lang: str) -> frozenset[str]:
    """An officer's ranks, folded ("admiral", "vicealmirante", "general de brigada")."""
    key = (models.version, lang)
    if key not in _RANKS:
        _RANKS[key] = frozenset(fold(p.text) for p in models.phrases
                                if p.label == "TITLE" and p.kind in DEFENCE_RANKS
                                and p.lang == lang and not p.text.endswith("."))
    return _RANKS[key]


_RANKS: Final[dict[tuple[str, str], frozenset[str]]] = {}  # (models' version, language) -> ranks


def _paragraphs(breaks: list[int], sentences: list[Mark]) -> list[int]:
    """Paragraph number of each sentence: every line is a paragraph (web pages and PDFs
    come out of extraction one paragraph a line, plain texts with blank lines between).
    ``breaks``: where the text's lines end (``Timeline.breaks``, found once a text)."""
    return [bisect_right(breaks, s.start_char) for s in sentences]


def _starts_within(starts: list[int], start: int, end: int) -> bool:
    """Whether one of ``starts`` (sorted) lies in ``start``-``end`` (found by bisection, not
    by walking every person of a long document for each reading)."""
    k = bisect_left(starts, start)
    return k < len(starts) and starts[k] < end


def _semicolons(text: str, start: int, end: int) -> list[int]:
    """Offsets of the semicolons of ``text[start:end]`` (found by ``str.find``: a sentence
    is not walked a character at a time)."""
    found = []
    k = text.find(";", start, end)
    while k >= 0:
        found.append(k)
        k = text.find(";", k + 1, end)
    return found


HEAD_LINES: Final = 4  # lines a report's cover may set before its title (institute, series, kind)
TITLE_INSIDE: Final = 30  # a title this long found inside an opening line makes it the headline


def _headline(sentences: list[Mark], document: Document) -> int | None:
    """Index of the sentence that is the document's title, if it starts the text, or
    follows only the short lines of a cover ("INSTITUTO ... DE ESTUDIOS ESTRATÉGICOS",
    "INFORME DE INVESTIGACIÓN"), or holds the whole title after a wire printout's codes
    ("Printed by: desk01 ... ZCZC XSA0400 ... ^Chile y Japón firman memorándum ...<")."""
    title = " ".join((document.title or "").split()).lower()
    if not title:
        return None
    for index, sent in enumerate(sentences[:HEAD_LINES]):
        text = " ".join(document.text[sent.start_char:sent.end_char].split()).lower()
        if text and (text.startswith(title[:60]) or title.startswith(text)
                     or (len(title) >= TITLE_INSIDE and title in text)):
            return index  # (the last: a wire's slug line and codes before its headline)
        if index >= 1 and (not _own_line(sent, document.text) or text.endswith(".")):
            return None  # (a sentence of the story: the title does not come after it)
    return None


def _own_line(sent: Mark, text: str) -> bool:
    """Whether a sentence is a line of its own (a line break, or the text, on each side)."""
    end = len(text[:sent.end_char].rstrip(" \t"))  # (a sentence may end on its line break)
    return (sent.start_char == 0 or text[sent.start_char - 1] == "\n") and \
        (end >= len(text.rstrip()) or "\n" in text[end - 1:end + 1])


def _chrome(sent: Mark, spans: Spans, text: str) -> bool:
    """A heading, caption, byline or "read also" line: it states no event. A line is a
    heading when it is short and does not end a sentence; the others start with a marker
    of ``cues.jsonl`` (kind ``chrome``). (Read off ``text``: a span's own text walks its
    tokens again.)"""
    if any(c.label_ == "chrome" and c.start == sent.start for c in spans.cues):
        return True
    line = text[sent.start_char:sent.end_char]
    if line.count("•") >= 2 and _headlines(line):
        return True
    if not ("\n" in line[-2:] or "\n" in text[sent.end_char:sent.end_char + 2]
            or sent.end_char >= len(text) - 1):
        return False  # (the cheap tests first; a sentence holds its line break, or not)
    line = line.rstrip()
    if line.endswith(")") and "(" in line:  # "AGREGADURÍA DE DEFENSA Semana 38/2025 (del
        # 15.09.2025 al 21.09.2025)": a heading with its period in brackets is a heading
        line = line[:line.rindex("(")].rstrip()
    return (not line.endswith((".", "!", "?", ":", ";", '"', "”", "»", ")", "'"))
            and 0 < len(line.split()) <= HEADING_MAX_TOKENS)


def _headlines(line: str) -> bool:
    """A line of items set apart by bullets, none of which ends a statement ("• Nicaragua
    muestra sus T-72B1 rusos • Atraca en La Habana destacamento naval ruso • Hegseth
    cierra visita a Panamá", "• ¿Qué submarino para la Armada Argentina?"): the titles
    of other stories, questions and exclamations among them (a digest's "also reported", a
    page's related links run into one line), no statement of the story's own."""
    items = [item.strip() for item in line.split("•") if item.strip()]
    return len(items) >= 2 and not any(item.endswith((".", ";", ":")) for item in items)


def _by_sentence(doc: Doc, sentences: list[Mark]) -> list[Spans]:
    """What the tagger found, by sentence (a sentence without marks of a kind shares one
    empty list: nothing is ever added to them)."""
    starts = [s.start for s in sentences]
    tagged = found(doc)
    none: list[Mark] = []
    columns: list[list[list[Mark]]] = []  # per kind, each sentence's marks
    for marks in (tagged.ents, tagged.lex, tagged.cues, tagged.persons, tagged.titles):
        per = [none] * len(sentences)
        for span in marks:
            i = bisect_right(starts, span.start) - 1
            at = per[i]  # (before the first sentence: the last one's, as i = -1 says)
            if at is none:
                per[i] = [span]
            else:
                at.append(span)
        columns.append(per)
    ents, lex, cues, persons, titles = columns
    return [Spans(e, x, c, p, t)  # (each made directly, not called through map)
            for e, x, c, p, t in zip(ents, lex, cues, persons, titles, strict=True)]


LEFT_GAP: Final = 5  # tokens from a leaving word to the place left ("left its home port of
# Zhoushan")
# the types whose occurrences are the stops of a voyage: a date said of leaving home dates none
# (a relief mission "sailed from Halifax on Thursday" with its stores is dated by its sailing)
CALL_TYPES: Final = frozenset({"port_call"})


def _left_abroad(cue: Mark, ents: list[Mark], models: Models, named: set[str | None]
                 ) -> bool:
    """The leaving word names, within ``LEFT_GAP`` tokens, a place of a state outside Latin
    America and the Caribbean ("zarpó de Cádiz", "left Dalian in mid-April", "deixou o porto
    de Gênova"): a ship or delegation setting out from home, whose stops all come later."""
    place = next((e for e in ents if e.label_ in ("LOCATION", "COUNTRY")
                  and 0 <= e.start - cue.end <= LEFT_GAP), None)
    code = None if place is None else stands_for(place, models, named)
    return code is not None and models.regions.get(code) != "LAC"


LENT_SALES: Final = frozenset({"arms_transfer.delivery_price", "arms_transfer.dated_delivery"})
# (deliveries a price types, in the sentence or lent by the paragraphs around)
# the nouns and verbs of goods changing hands that tell an arrival ("la llegada", "the
# arrival", "a chegada", "flew in"): a visitor's too
ARRIVAL_STEMS: Final = ("arriv", "llegad", "chegad", "fly", "flew", "flown")


def _visit_not_sale(read: list[frames.Reading], present: dict[str, list[int]], sent: Mark,
                    sp: Spans, norms: list[str], models: Models, lang: str
                    ) -> list[frames.Reading]:
    """A ship or aircraft the sentence reads as calling ("Dos bombarderos rusos Tu-160
    aterrizaron en Maiquetía", "los buques entraron al puerto, recibidos por el director")
    is a visitor: the price of some other deal the paragraphs around say (a price lent,
    none in the sentence) makes no delivery of its arrival ("su llegada", "the arrival",
    "another pair flew in") nor of its welcome, received by a person ("recibidas por el
    ministro", "by Venezuelan officers", as ``_no_goods_received`` reads an agent). A
    platform received by a state or its force ("recebida pelo Brasil"), or handed over,
    incorporated or sent, stays its delivery."""
    if any(p >= sent.start for p in present.get(SALE_CUE, ())) or not any(
            r.frame.type == "port_call" for r in read):
        return read
    arrivals = {k for m in sp.lex if m.label_ in PERSON_TRAVELS for k in range(m.start, m.end)}
    agents = models.agents.get(lang, frozenset())
    people = {m.start for m in sp.lex if m.label_ in PEOPLE} | {
        m.start for m in (*sp.titles, *sp.persons)}

    def welcome(trigger: Mark) -> bool:
        agent = next((k for k in range(trigger.end, min(sent.end, trigger.end + AGENT_REACH))
                      if norms[k] in agents), None)
        return trigger.label_ == RECEIVE_GOODS and agent is not None and bool(
            {agent + 1, agent + 2} & people)
    return [r for r in read if r.frame.id not in LENT_SALES
            or not (r.trigger.start in arrivals or welcome(r.trigger)
                    or norms[r.trigger.start].startswith(ARRIVAL_STEMS))]


# the class of the bare verb of giving, whose object is as often no goods ("gave the event far
# less attention", "giving Beijing a foothold", "deu meia-volta", "given Bolivia's needs")
GIVE_CLASS: Final = "giving"
GIVEN_GOODS: Final = ("ship", "aircraft", "weapon", "generic_goods", "supplies", "relief_goods",
                      "batch")  # what a verb of giving hands over as goods
GIVEN_BEFORE: Final = 3  # tokens before a participle of giving where its goods may stand
GIVEN_PARTICIPLES: Final = frozenset(word_list("given_participles"))  # (stopwords.json)


def _given_no_goods(read: list[frames.Reading], present: dict[str, list[int]],
                    norms: list[str], models: Models, lang: str) -> list[frames.Reading]:
    """A delivery for a price read from the bare verb of giving ("give", "dar") needs goods
    as what it gives: its object ("gave the force seven vehicles") or, for its participle,
    the goods right before it ("the aircraft given to"); a price lent by the story and a
    ship or aircraft named elsewhere in the sentence (its subject: "o avião da FAB deu
    meia-volta") make no delivery of "gave the event far less attention", "giving Indian
    manufacturers an opening"."""
    given = set(present.get(GIVE_CLASS, ()))  # (the forms of the lemmas of giving)

    def bare_give(r: frames.Reading) -> bool:  # (a sale read from the one word "give")
        return r.frame.id in LENT_SALES and r.trigger.start in given \
            and r.trigger.end - r.trigger.start == 1

    if not any(bare_give(r) for r in read):
        return read
    goods = _goods_at(present)
    return [r for r in read if not bare_give(r)
            or _gives_goods(r.trigger, goods, norms, models, lang)]


def _goods_at(present: dict[str, list[int]]) -> set[int]:
    """Where the sentence names goods a verb of giving may hand over (``GIVEN_GOODS``)."""
    return {p for c in GIVEN_GOODS for p in present.get(c, ())}


def _gives_goods(trigger: Mark, goods: set[int], norms: list[str], models: Models,
                 lang: str) -> bool:
    """Whether a verb of giving has goods (at ``goods``) as what it gives: its object, or
    for its participle the goods right before it."""
    glue = models.object_glue.get(lang, frozenset()) | frames.PERSONAL
    stops = models.function_words.get(lang, frozenset())
    said = frames.object_of(trigger, norms, glue, stops,
                            max(frames.OBJECT_REACH.get(lang, 1), 3))
    return bool(goods & said) or norms[trigger.start] in GIVEN_PARTICIPLES and any(
        0 < trigger.start - p <= GIVEN_BEFORE and all(
            norms[k][:1].isalnum() for k in range(p, trigger.start)) for p in goods)


def _goods_given(triggers: list[Mark], present: dict[str, list[int]], norms: list[str],
                 models: Models, lang: str) -> int | None:
    """The token after a bare verb of giving ("give", "dar") that hands over goods
    ("gave the Peruvian Navy two patrol boats", "le dio dos patrulleras", "deu à Marinha
    dois navios"), if a trigger of goods handed over is one: giving goods is a gift."""
    given = set(present.get(GIVE_CLASS, ()))
    goods = _goods_at(present)
    if not goods:
        return None
    for t in triggers:
        if t.label_ == "handover_v" and t.start in given and t.end - t.start == 1 \
                and _gives_goods(t, goods, norms, models, lang):
            return t.end
    return None


def _said_again_as(persons: list[Mark], titles: list[Mark], lex: list[Mark],
                   surnames: frozenset[str]) -> dict[str, tuple[str, int]]:
    """Folded surname -> (the class of the noun that introduced the person, where the
    introduction ends): the leader's noun inside the title right before the name or in the
    apposition right after it ("el ministro de Defensa, Luis Petri": an official; "President
    Javier Milei": a head of state). A surname two persons of different classes share is
    none's."""
    leaders = sorted((m for m in lex if m.label_ in LEADERS), key=lambda m: m.start)
    defence = [m for m in lex if m.label_ in DEFENCE_CLASSES]
    found: dict[str, set[str]] = {}
    first: dict[str, int] = {}
    for p in persons:
        name = surname_of(p)
        if not name or fold(name) not in surnames:
            continue
        near = [t for t in titles if 0 <= p.start - t.end <= TITLE_GAP or 0 <= t.start - p.end <= 1]
        kinds = {m.label_ for t in near for m in leaders if t.start <= m.start and m.end <= t.end}
        if kinds and any(t.label_ in DEFENCE_RANKS or any(
                t.start <= m.start and m.end <= t.end for m in defence) for t in near):
            key = fold(name)  # (a defence title: a head of state alone carries no class)
            found.setdefault(key, set()).update(
                {"head_of_state"} if "head_of_state" in kinds else {"official"})
            first[key] = min(first.get(key, p.end), p.end)
    return {k: (next(iter(v)), first[k]) for k, v in found.items() if len(v) == 1}


def _surnames_said(sent: Mark, b: Spans, said_as: dict[str, tuple[str, int]],
                   persons: list[Mark], norms: list[str], text: str, starts: list[int],
                   ends: list[int]) -> list[Mark]:
    """A mark of its person's class (``_said_again_as``) on each surname said alone after
    the person's introduction ("Petri recibió a su colega", "Milei flew to Ushuaia"): the
    word is a leader of the sentence as the title was. A word inside a person's name, a
    place or a mark already is left as it is."""
    out: list[Mark] = []
    if said_as.keys().isdisjoint(norms[sent.start:sent.end]):
        return out  # (no surname of ``said_as`` in the sentence: one pass in C)
    for k in range(sent.start, sent.end):
        said = said_as.get(norms[k])
        if said is None or k < said[1] or not text[starts[k]:starts[k] + 1].isupper():
            continue
        if any(p.start <= k < p.end for p in persons) or any(
                e.start <= k < e.end for e in b.ents) or any(
                m.start <= k < m.end for m in b.lex):
            continue
        out.append(Mark(k, k + 1, starts[k], ends[k], said[0], ""))
    return out


def _hosts_named(trigger: Mark, ents: list[Mark], models: Models, named: set[str | None],
                 powers: set[str]) -> dict[str, tuple[int, int]]:
    """Where the sentence names each of ``powers`` as a port or state after a call's verb
    ("visitó puertos de Japón, Corea del Sur y China", "passou por Las Palmas, na Espanha"):
    the powers whose ports a LAC ship calls at, each with its first place."""
    at: dict[str, tuple[int, int]] = {}
    for e in ents:
        if e.start < trigger.end or e.label_ not in PLACE_LABELS:
            continue
        code = stands_for(e, models, named) or _port_country(e, models)
        if code in powers and (e.label_ == "LOCATION" or models.regions.get(code) != "LAC"):
            at.setdefault(code, (e.start_char, e.end_char))
    return at


# "from", "de", "da" (stopwords.json)
SOURCE_OPENERS: Final = frozenset(word_list("source_openers", folded=True))
SOURCE_ARTICLES: Final = article_words(("definite_singular", "definite_plural"))
RECEIVED: Final = "receive_goods_v"  # the trigger class of arms_transfer.received_from
RECEIPT: Final = "receipt_v"  # the trigger class of arms_transfer.dated_receipt
RECEIPT_PASSIVE: Final = frozenset(word_list("receipt_passive", folded=True))  # (stopwords.json)
RECEIVER_REACH: Final = 6  # words from a receiving state's name to its verb of receiving


def _receivers(lex: list[Mark], ents: Sequence[Mark], sent: Mark, norms: list[str],
               models: Models, named: set[str | None], lang: str) -> list[Mark]:
    """``lex`` less the verbs of receiving (``RECEIPT``) no Latin American or Caribbean
    state is said to do: kept where the name of such a state (its capital, its demonym)
    ends within ``RECEIVER_REACH`` words before the verb, no relative word between, and no
    passive or reflexive word right before it ("Nicaragua recibió en 2016", "A aviação
    militar venezuelana recebeu", "the Suriname National Army received"; not "fue recibido
    por el director", "se recibió", "foi recebida"): the receiver tells its own acquisition."""
    relatives = models.relatives.get(lang, frozenset())
    doers = [e.end for e in ents
             if models.regions.get(stands_for(e, models, named) or "") == "LAC"]
    kept: list[Mark] = []
    for m in lex:
        if m.label_ == RECEIPT:
            if m.start <= sent.start or norms[m.start - 1] in RECEIPT_PASSIVE:
                continue
            if not any(sent.start < end <= m.start and m.start - end <= RECEIVER_REACH
                       and not any(norms[k] in relatives for k in range(end, m.start))
                       for end in doers):
                continue
        kept.append(m)
    return kept


def _origins(ents: Sequence[Mark], present: dict[str, list[int]], norms: list[str],
             models: Models, named: set[str | None], received: list[int]) -> list[int]:
    """Where the sentence names an extra-regional power as the source of its platforms: the
    power's name after a preposition of origin, an article allowed between ("recibió de los
    Estados Unidos aviones", "adquirido a España", "received from Germany"), or its demonym
    right after a platform's word, before a verb of receiving (``received``: "dos fragatas
    portuguesas incorporadas en 2008"; "recepcionou a fragata portuguesa" welcomes a visiting
    ship, no goods). A power named otherwise (the subject that commissions its own ship,
    "Iran's navy commissioned", "the Royal Navy's presence") says no supplier."""
    platforms = [p for c in sorted(PLATFORMS) for p in present.get(c, ())]
    found_at: list[int] = []
    for e in ents:
        code = stands_for(e, models, named)
        if code is None or models.regions.get(code, "LAC") == "LAC":
            continue
        before = e.start - 1
        if before >= 0 and norms[before] in SOURCE_ARTICLES:
            before -= 1
        after_platform = e.start - 1 in platforms and any(t > e.start for t in received)
        if (before >= 0 and norms[before] in SOURCE_OPENERS) or after_platform:
            found_at.append(e.start)
    return found_at


UNLOAD_STEMS: Final = tuple(word_list("unload_stems", folded=True))  # (stopwords.json; _unloaded)
# what opens a vehicle people ride ("em uma aeronave", "in a C-17", "num avião"; Portuguese
# "a" is also the definite article: "A aeronave desembarcou")
RIDDEN_OPENERS: Final = (INDEFINITE - {"a"}) | VEHICLE_PREPOSITIONS | VEHICLE_CONTRACTED


# the goods an earlier reading of the story transfers, whose arrival later in it is their
# delivery's end, no guest's call (what a sentence says of goods it names is read by them)
OWN_GOODS_TYPES: Final = frozenset({"arms_transfer"})
OWN_CRAFT: Final = frozenset({"ship", "aircraft"})
CRAFT_ARTICLES: Final = article_words(("definite_singular", "definite_plural"))
CRAFT_NAME_REACH: Final = 4  # words after a craft's noun where its name or model may stand
CARRIER_REACH: Final = 8  # words from "inside", "aboard" to the transport's noun


def _own_arrivals(candidates: list[Candidate], sentences: list[Mark], spans: list[Spans],
                  norms: list[str], text: str, starts: list[int],
                  fleet: dict[int, set[str]]) -> list[Candidate]:
    """Candidates less the calls of a craft that an earlier transfer of the story, between
    the same states, delivers: its arrival sentence names it as that transfer's goods, by
    a definite noun of a class the transfer's sentence names ("a entrega do primeiro dos
    cinco aviões KC-390 ... num negócio de 827 milhões" before "A aeronave aterrou no domingo
    em Beja"; "La compra de los aparatos" before "las piezas de los aviones llegaron al
    país") or by a name or model that sentence says ("Gripen"). The transfer's sentence
    tells a sale (``DEAL_CLASSES``), not goods a visiting ship was read to bring. A power's
    prefixed ship (``fleet``) is a guest, and so is a transport the goods ride in ("The two
    aircraft were flown in inside a pair of Indian Air Force C-17s": its call)."""
    index_of = {s.start: i for i, s in enumerate(sentences)}
    deals = [c for c in candidates if c.type in OWN_GOODS_TYPES and not c.support and any(
        m.label_ in DEAL_CLASSES for m in spans[index_of[c.sentence.start]].lex)]
    if not deals:
        return candidates
    kept: list[Candidate] = []
    for c in candidates:
        if c.type == "port_call" and c.trigger.label_ in GOODS_TRAVEL:
            j = index_of[c.sentence.start]
            if j not in fleet and not _transport_named(spans[j].lex, norms, c.sentence.start) \
                    and any(d.sentence.start < c.sentence.start and d.countries == c.countries
                            and _same_craft(c.trigger, spans[j], spans[index_of[d.sentence.start]],
                                            d.sentence, norms, text, starts) for d in deals):
                continue
        kept.append(c)
    return kept


def _same_craft(trigger: Mark, here: Spans, there: Spans, told: Mark, norms: list[str], text: str,
                starts: list[int]) -> bool:
    """The craft of ``here`` nearest its ``trigger`` is one of the goods of ``there`` (the
    sentence ``told``): a definite noun, with no name of its own after it, of a class
    ``there`` names, or a capitalised name or model after its noun that ``there`` says."""
    classes = {m.label_ for m in there.lex if m.label_ in OWN_CRAFT}
    said = set(norms[told.start:told.end])
    crafts = [m for m in here.lex if m.label_ in OWN_CRAFT]
    m = min(crafts, key=lambda m: abs(m.start - trigger.start), default=None)
    if m is None or not text[starts[m.start]:starts[m.start] + 1].islower():
        return False  # (a ship's own name: "El Protector")
    named = False
    for k in range(m.end, min(m.end + CRAFT_NAME_REACH, len(norms))):
        word = text[starts[k]:starts[k] + 1]
        if not (word.isupper() or word.isdigit()):
            break  # (the name follows its noun: "o caça F-39E Gripen")
        if norms[k] in said:
            return True  # ("o caça Gripen", "the KC-390")
        named = True  # (another craft: "el destructor Shijiazhuang")
    kinds = {n.label_ for n in crafts if n.start == m.start}
    return not named and kinds == {m.label_} and m.label_ in classes and m.start > 0 and (
        norms[m.start - 1] in CRAFT_ARTICLES
        or m.start > 1 and norms[m.start - 2] in CRAFT_ARTICLES
        and text[starts[m.start - 1]:starts[m.start - 1] + 1].islower())
    # ("A aeronave", "o mesmo avião", "los aviones"; not a word of both kinds, "the squadron")


def _transport_named(lex: list[Mark], norms: list[str], opens: int) -> bool:
    """The sentence (from ``opens``) names a ship, an aircraft or a model (a designation
    names a transport) after a word that holds goods ("inside a pair of Indian Air Force
    C-17s", "a bordo de un buque"): a transport that carries them, whose arrival is its
    own."""
    return any(m.label_ in HOLD_VEHICLES and any(
        norms[k] in HOLDS for k in range(max(opens, m.start - CARRIER_REACH), m.start))
        for m in lex)
