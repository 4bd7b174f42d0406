"""A second verb of the same subject that tells an occurrence of another type.

"Maduro travelled to Tehran and signed a cooperation plan", "visitó La Paz, donde firmó
un convenio", "esteve em Brasília e, em 3 de maio, assinou um acordo", "held talks with
the minister, with whom he signed two documents", "the group called at Valparaíso and
held maneuvers with Chilean units": one subject, two verbs, two occurrences (a visit and
an agreement; a call and an exercise). The clause the second verb opens is read apart
from the first for what the confidence weighs of a sentence (how many types it reads,
which is its first type, where the trigger stands in it): its type is no second reading
of the first verb's words. Dates are not cut there (the same subject goes on at the same
time: ``clauses.segments`` opens no telling at such a verb).

The second verb must follow the coordinator ("and", "y", "e") or the relative word
("where", "donde", "onde"; "whom", "quien", "quem" after "with", "con", "com") with
nothing between but commas, the words of a date, a few adverbs or a subject pronoun
("and then", "and on 25 April 2024,", "where he"), and phrases opened by a preposition
that end at a comma ("and, at the Coast Guard headquarters in Incheon, signed") or hold
only names of places and function words ("and in Seoul signed"): a noun of its own
between ("and the two ministers signed") is another subject.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from pipeline.nlp.frames import Reading
from pipeline.nlp.marks import Mark

COORDINATORS: Final = frozenset({"and", "y", "e"})
PLACE_RELATIVES: Final = frozenset({"where", "donde", "onde"})
PARTNER_RELATIVES: Final = frozenset({"whom", "quien", "quem"})  # after "with", "con", "com"
WITH: Final = frozenset({"with", "con", "com"})
# words that may stand between the coordinator and the verb (folded norms)
ADVERBS: Final = frozenset("then later also subsequently afterwards there he she they luego "
                           "despues alli ahi ademas tambien posteriormente ella ellos depois "
                           "tambem ali la ele ela eles elas ainda entao ya ja".split())
PREPOSITIONS: Final = frozenset("at in on during before after en durante em no na nos nas num numa "
                                "tras apos".split())
# "where its crews drilled", "donde sus tripulantes realizaron", "onde seus marinheiros
# treinaram": the ship's (or aircraft's) own people, the same subject said again
POSSESSIVES: Final = frozenset("its their her su sus seu sua seus suas".split())
# ... or with a definite article, the caller said again by its own kind of noun ("where the
# ships carried out manoeuvres", "donde los buques realizaron", "onde a tripulação treinou")
DEFINITES: Final = frozenset("the el la los las o a os as".split())
VISIT: Final = "senior_visit"  # the first verb's: a leader travels, arrives, meets or receives
VISIT_VERBS: Final = frozenset({"visit_v", "arrive", "meet_v", "receive_v"})  # (not a signing's
# own reading as a meeting, "senior_visit.signing")
# what the second verb tells: a text signed, goods given or bought (by a verb of no visit)
SECOND_TYPES: Final = ("agreement", "donation_aid", "arms_transfer")
# a ship's or aircraft's call told by its verb, then what its crew did with the hosts by a
# second verb ("called at Valparaíso and held maneuvers with Chilean units", "atracó en La
# Guaira y participó con la Armada venezolana en las maniobras", "permaneceram em Maiquetía
# e realizaram voos conjuntos"): a drill or a course, an occurrence of its own
CALL: Final = "port_call"
# (or by its noun: "Its first stop was Valparaíso, where the ships carried out manoeuvres with
# Chilean units", "In Rio, the next stop, the group was welcomed at the pier and held a joint
# exercise": the call is the caller's, whose own clause the drill's verb goes on)
CALL_VERBS: Final = frozenset({"visit_v", "arrive", "port_call_n"})
CALL_SEQUELS: Final = ("exercise", "education_training")
FIRSTS: Final = {VISIT: (VISIT_VERBS, SECOND_TYPES), CALL: (CALL_VERBS, CALL_SEQUELS)}
FIRST_VERBS: Final = VISIT_VERBS | CALL_VERBS  # (a verb of a first type tells no second)
NOUN_REACH: Final = 8  # tokens from the verb that holds a trigger noun ("held", "realizaron") to it
REACH: Final = 16  # tokens from the coordinator to the verb at most
PLACE_LABELS: Final = ("LOCATION", "COUNTRY", "INSTITUTION")


def same_subject_opens(read: Sequence[Reading], norms: list[str], when: frozenset[int],
                       ents: Sequence[Mark], glue: frozenset[str],
                       relatives: frozenset[str], doing: Sequence[int] = (),
                       crews: frozenset[int] = frozenset(),
                       verbal: frozenset[int] = frozenset()) -> list[int]:
    """The token positions (coordinator or relative word) where a clause of the same
    subject opens, after a leader's visit or meeting told by a verb, or a ship's call told
    by a verb or its noun, whose verb reads another type (``FIRSTS``: what each first
    type's second verb may tell), in text order. A trigger noun's verb is the verb of
    holding or joining before it, from its first word (``doing``: their positions; "and
    held maneuvers", "and carried out", "y realizaron vuelos conjuntos").
    After a call, the caller's crew, ships or group said with a possessive or an article
    ("where its crews drilled", "where the ships carried out"; ``crews``: the positions of
    the words of a crew, a ship or a group) is the same subject. A trigger noun
    at a position of ``verbal`` is a verb's form ("drilled": a drill, and drilling) and its
    own verb."""
    firsts = [r for r in read if r.frame.type in FIRSTS
              and r.trigger.label_ in FIRSTS[r.frame.type][0]]
    if not firsts:
        return []
    named = {k for e in ents if e.label_ in PLACE_LABELS for k in range(e.start, e.end)}
    opens: list[int] = []
    for second in read:
        trigger = second.trigger
        if trigger.label_ in FIRST_VERBS:
            continue
        if trigger.label_.endswith("_n") and trigger.start not in verbal:  # (its verb:
            # the one that holds it)
            verb = max((p for p in doing if trigger.start - NOUN_REACH <= p < trigger.start),
                       default=None)
            if verb is None or any(verb < r.trigger.start < trigger.start for r in read):
                continue
            while verb - 1 in doing:  # (the first word of a verb of several: "carried
                verb -= 1  # out", "took part in", "llevaron a cabo")
        else:
            verb = trigger.start
        own = crews if any(r.frame.type == CALL for r in firsts) else frozenset()
        k = _opener(verb, norms, when, named, glue, own)
        if k is None or k in opens:
            continue
        if any(r.trigger.end <= k and second.frame.type in FIRSTS[r.frame.type][1]
               and not any(norms[j] in relatives for j in range(r.trigger.end, k))
               for r in firsts):  # ("signed a memorandum that expands training and provides
            opens.append(k)  # for ...": the relative clause's own subject goes on)
    return sorted(opens)


def _opener(verb: int, norms: list[str], when: frozenset[int], named: set[int],
            glue: frozenset[str], crews: frozenset[int] = frozenset()) -> int | None:
    """The coordinator or relative word whose clause the verb at ``verb`` is the first
    verb of, with no subject of its own between (but the caller's own crew, ``crews``),
    or None."""
    for k in range(verb - 1, max(-1, verb - REACH - 1), -1):
        word = norms[k]
        if word in COORDINATORS or word in PLACE_RELATIVES or (
                word in PARTNER_RELATIVES and k and norms[k - 1] in WITH):
            return k if _adjuncts(k + 1, verb, norms, when, named, glue, crews) else None
    return None


def _adjuncts(start: int, end: int, norms: list[str], when: frozenset[int], named: set[int],
              glue: frozenset[str], crews: frozenset[int] = frozenset()) -> bool:
    """Tokens ``start``..``end`` hold nothing but commas, dates, adverbs, a subject
    pronoun, a crew or ship said with a possessive or an article (of ``crews``) and
    prepositional phrases (to a comma, or of names of places and glue)."""
    j = start
    while j < end:
        word = norms[j]
        if word == "," or j in when or word in ADVERBS:
            j += 1
            continue
        if (word in POSSESSIVES or word in DEFINITES) and j + 1 < end and j + 1 in crews:
            j += 2
            while j < end and j in crews:
                j += 1
            continue
        if word not in PREPOSITIONS:
            return False
        comma = next((i for i in range(j + 1, end) if norms[i] == ","), None)
        if comma is not None:
            j = comma + 1
            continue
        if not all(i in named or i in when or norms[i] in glue
                   for i in range(j + 1, end)):
            return False
        j = end
    return True
