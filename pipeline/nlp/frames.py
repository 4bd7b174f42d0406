"""Event rules applied to one sentence: which trigger makes which event type.

A trigger is a word of an action class ("arrive": llegar, atracar, dock, chegar...). Each
frame of ``models/frames.jsonl`` names trigger classes, the classes that must stand in the
sentence with it (``with``: one of each group, e.g. a ship or an aircraft; ``DATE`` is a
date the sentence states) and those that must not (``without``). Of the frames a trigger
satisfies, the most specific wins (most groups), then one whose company stands right
next to the trigger (``CLOSE``), then (for an edition of a series: the nearest series
first) the first in the file (a port call before a senior
visit: ships arriving with officers aboard are a port call), then the nearest company:
"handed over" with "donation" nearby is a donation, with "contract"
an arms transfer, and with neither, its object decides (supplies, or a ship or weapon).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from pipeline.nlp.marks import Mark
from pipeline.nlp.models import CONTEXT, Frame, Lexicon, Models, word_list

CLOSE: Final = 3  # company this near the trigger outranks the order of the frames in the file
# an edition or session names no series of its own ("its 2022 edition", "a primeira
# edição", "la segunda edición", "the third round"): the nearest series it may be of
# (a forum or an exercise, in the sentence or the story before) decides, not the order
# of the frames in the file
SERIES_TRIGGERS: Final = frozenset({"edition_n", "ordinal_n"})
NEAR: Final = 4  # tokens either side of a trigger where a frame's ``without_near`` classes count
FAR: Final = 12  # tokens either side where a frame's ``without_far`` classes count
# words after a verb (articles and numbers aside) that may be its object: in English the
# noun ends its phrase ("sent two Chinese instructors"), in Spanish and Portuguese it opens
# it ("envió instructores chinos"; "material técnico" is no technician)
OBJECT_REACH: Final = {"en": 3}
# "with" right after a verb opens its partner, who is what it acts on ("meet with the
# medical staff", "reunirse con el personal médico", "encontrar-se com a equipe médica");
# Portuguese 'a' after 'com' is the article, never the 'à' that keeps it out of the glue
WITH: Final = frozenset({"with", "con", "com"})
ANTECEDENT_REACH: Final = 5  # words from a relative word to its verb ("the courses that the CAF
# gave")
RECIPIENT_REACH: Final = 14  # words from a verb of giving to the preposition of its recipient
# a facility said as the place of something ("at its hangar", "en el muelle", "no hangar")
# or as what another noun is of ("vehicles of command post", "viaturas de posto de
# comando") is no facility handed over or opened; 'of/de' after a trigger noun opens its
# object ("the handover of a hangar", "la entrega de un hangar")
FACILITY: Final = "facility"
PLACE_PREPS: Final = frozenset({"at", "in", "inside", "on", "near", "en", "em", "no", "na", "nos",
                                "nas", "num", "numa"})
OF_PREPS: Final = frozenset({"of", "de", "del", "do", "da", "dos", "das"})
POSSESSIVES: Final = frozenset({"its", "their", "his", "her", "su", "sus", "seu", "sua", "seus",
                                "suas"})


@dataclass(frozen=True)
class Reading:
    """A trigger read by one frame."""

    frame: Frame
    trigger: Mark
    distance: int  # tokens from the trigger to its farthest required company


def classes(lex: list[Mark]) -> dict[str, list[int]]:
    """Class -> token positions of its words in a sentence."""
    index: dict[str, list[int]] = {}
    for span in lex:
        index.setdefault(span.label_, []).extend(range(span.start, span.end))
    return index


def _nearest(positions: list[int], start: int, end: int) -> int | None:
    """Tokens from the trigger (``start``-``end``) to the nearest position outside it."""
    best = None
    for p in positions:
        if p < start:
            d = start - p
        elif p >= end:
            d = p - end + 1
        else:
            continue
        if best is None or d < best:
            best = d
    return best


# a frame as ``read`` tries it: (its place among the trigger's frames, the frame, its
# window, its vetoes as (class, tokens it reaches), its groups (None: a stated date), and
# the same groups' plain classes (no ``BEFORE``, ``AFTER``, ``ACTOR`` mark) as (the
# classes, whether a stated date is one of them))
Plan = tuple[int, Frame, int, tuple[tuple[str, int], ...], tuple[tuple[str | None, ...], ...],
             tuple[tuple[frozenset[str], bool], ...]]
EMPTY: Final[frozenset[int]] = frozenset()
BEFORE: Final = "<"  # marks a class of a frame's ``before``: it counts only before the trigger
AFTER: Final = ">"  # marks a class of a frame's ``after``: it counts only after the trigger
ACTOR: Final = "!"  # marks a class of a frame's ``actors``: it counts only as the trigger's doer


def _plans(models: Models, label: str) -> tuple[tuple[Plan, ...], tuple[Plan, ...]]:
    """The frames a trigger class starts, as ``read`` tries them: (not also, also)."""
    held: dict[str, tuple[tuple[Plan, ...], tuple[Plan, ...]]] = models.plans
    plans = held.get(label)
    if plans is None:
        every = [(order, frame, frame.window or 10_000,
                  tuple((c, frame.without_window or 10_000) for c in frame.without)
                  + tuple((c, NEAR) for c in frame.without_near)
                  + tuple((c, FAR) for c in frame.without_far)
                  + tuple((c + BEFORE, NEAR) for c in frame.without_ahead),
                  tuple(tuple(None if c == "DATE" else c + BEFORE if c in frame.before
                              else c + AFTER + AFTER if c in frame.after and frame.after_apart
                              else c + AFTER if c in frame.after
                              else c + ACTOR if c in frame.actors else c
                              for c in group) for group in frame.needs),
                  tuple((frozenset(c for c in group if c != "DATE"), "DATE" in group)
                        for group in frame.needs))
                 for order, frame in enumerate(models.frames_by_trigger.get(label, ()))]
        plans = held[label] = (tuple(p for p in every if not p[1].also),
                               tuple(p for p in every if p[1].also))
    return plans


def read(trigger: Mark, present: dict[str, list[int]], dated: list[int],
         models: Models, also: bool = False, objects: frozenset[int] = EMPTY,
         doers: frozenset[int] = EMPTY, persons: frozenset[int] = EMPTY,
         recipients: frozenset[int] = EMPTY, traded: frozenset[int] = EMPTY,
         sold: frozenset[int] = EMPTY, received: frozenset[int] = EMPTY,
         sides: bool = True, subjects: frozenset[int] = EMPTY,
         definite: bool = False, said: frozenset[str] | None = None,
         plans: list[Plan] | None = None) -> Reading | None:
    """The best frame for one trigger, or None when its company is missing; with ``also``,
    the best of the frames read besides it. ``objects``: the token positions of the
    trigger's object or of the noun a relative clause before it says it of, where a
    frame's ``without_object`` classes count ("sent two instructors", "the courses that
    the CAF delivered" hand over no goods); ``doers``: the positions of the words that may
    be its doers (``doers_of``), where a frame's ``actors`` classes count; ``persons``: its
    object or the agent of its passive (``agent_of``), where a
    frame's ``unless_object`` classes lift its ``without`` vetoes ("the ship's commander
    visited the Chief of Staff" is a meeting of leaders, the ship aside); ``received``: the
    ships or aircraft its passive was done to (``received_vehicles``), which such a frame's
    ``without`` classes veto at any distance, no agent lifting them. ``recipients``:
    the positions of the words that open who the goods go to, where a frame's ``recipient``
    classes must stand; a frame read so outranks the others ("a CC-177 delivered armoured
    vehicles to the Haitian National Police": the police, not the aircraft that carried
    them); so does a frame that overrules another type (``over``: "aircraft ... landed
    carrying armoured vehicles bought by the Haitian government for its national police" is
    police cooperation, not the purchase's arrival, on its one trigger word as across words,
    ``_overruled``). ``traded``: the positions of the goods of the sentence's trade words
    (``traded``), which a frame's ``unless_traded`` classes do not veto from; ``sold``:
    those of its trade words less the handover nouns (``SOLD_WORDS``), no company of a
    call (``CALL``). ``sides``:
    whether the doers are two sides (``two_sides``), which a ``two_sides`` frame needs.
    ``subjects``: the positions of the words of its frames' ``not_by`` classes that may be
    its doers (``doers_of``). ``definite``: a definite article stands right before the
    trigger, which an ``indefinite`` frame does not read. ``said``: ``present``'s classes
    with a position (``_said``; found here when not given). ``plans``: the trigger's frames
    (not ``also``) whose groups the sentence says (``_open``), in order, as ``_read_one``
    found them (None: each of its frames is tried with ``_open`` here)."""
    best: tuple[bool, bool, int, bool, int, int] | None = None
    chosen: tuple[Frame, int] | None = None  # (the best frame, its farthest company)
    start, end = trigger.start, trigger.end
    known: dict[str | None, int | None] = {}  # class (None: a stated date) -> its distance
    nearest = trigger.label_ in SERIES_TRIGGERS
    if said is None:
        said = _said(present)

    for order, frame, window, vetoes, needs, plain in (
            _plans(models, trigger.label_)[also] if plans is None else plans):
        if plans is None and not _open(plain, said, dated):
            continue  # (a group none of whose classes the sentence says: read no further)
        vetoed = False
        for c, away in vetoes:  # ("without_near": "delivered the opening remarks")
            if c.endswith(BEFORE):  # (``without_ahead``: only before the trigger)
                spots = [p for p in present.get(c[:-1], ()) if p < start]
                d = start - max(spots) if spots else None
            elif traded and c in frame.unless_traded:
                vehicles = [p for p in present.get(c, ()) if p not in traded]
                d = _nearest(vehicles, start, end) if vehicles else None
            elif frame.without_before and c in frame.without:
                spots = present.get(c, [])
                d = 0 if any(p < start for p in spots) else (
                    _nearest(spots, start, end) if spots else None)
            elif c in known:
                d = known[c]
            else:
                positions = present.get(c)  # (most classes are absent)
                d = known[c] = _nearest(positions, start, end) if positions else None
            if d is not None and d <= away:
                vetoed = not (persons and frame.unless_object and any(
                    p in persons for u in frame.unless_object for p in present.get(u, ())))
                break
        if vetoed or (objects and any(p in objects for c in frame.without_object
                                      for p in present.get(c, ()))):
            continue
        if received and frame.unless_object and any(
                p in received for c in frame.without for p in present.get(c, ())):
            continue  # (a vehicle its hosts welcomed: vetoed at any distance, no lift)
        if frame.recipient and not any(p in recipients for c in frame.recipient
                                       for p in present.get(c, ())):
            continue
        if frame.two_sides and not sides:
            continue
        if frame.received and not any(p in received for c in frame.received
                                      for p in present.get(c, ())):
            continue  # (no ship or aircraft welcomed as the guest of its passive)
        if frame.told_around and not any(present.get(c) for c in frame.told_around):
            continue  # (the story around says none of them: lent cues count, at any distance)
        if frame.indefinite and definite:
            continue
        if frame.not_by and frame.needs and _by_people(frame, present, start, subjects):
            continue
        farthest = 0
        for group in needs:
            close = None  # the nearest of the group within the window
            for cls in group:
                if cls in known:
                    d = known[cls]
                else:
                    if cls is None:
                        positions = dated
                    elif cls.endswith(BEFORE):  # ("a team from the War College visited")
                        positions = [p for p in present.get(cls[:-1], ()) if p < start]
                    elif cls.endswith(AFTER + AFTER):  # ("visita a Lima del ministro",
                        # not "visita oficial")
                        positions = [p for p in present.get(cls[:-2], ()) if p > end]
                    elif cls.endswith(AFTER):  # ("ran drills with Argentine warships")
                        positions = [p for p in present.get(cls[:-1], ()) if p >= end]
                    elif cls.endswith(ACTOR):  # ("signed what Russian officials called")
                        positions = [p for p in present.get(cls[:-1], ()) if p in doers]
                    elif sold and cls in TRADED_PLATFORMS and frame.type == CALL:
                        # a ship or aircraft said as goods traded is no visitor ("travelled
                        # to Paraguay and handed over two UH-1H helicopters": the minister's
                        # visit, not a call of the helicopters)
                        positions = [p for p in present.get(cls, ()) if p not in sold]
                        d = _nearest(positions, start, end) if positions else None
                        if d is not None and d <= window and (close is None or d < close):
                            close = d
                        continue
                    else:
                        positions = present.get(cls)
                    d = known[cls] = _nearest(positions, start, end) if positions else None
                if d is not None and d <= window and (close is None or d < close):
                    close = d
            if close is None:
                break
            if close > farthest:
                farthest = close
        else:
            rank = (bool(frame.recipient), bool(frame.over), len(needs), farthest <= CLOSE,
                    -farthest if nearest else -order, -order if nearest else -farthest)
            if best is None or rank > best:
                best, chosen = rank, (frame, farthest)
    return None if chosen is None else Reading(chosen[0], trigger, chosen[1])


def _said(present: dict[str, list[int]]) -> frozenset[str]:
    """The classes of ``present`` that have a position in the sentence."""
    return frozenset([c for c, at in present.items() if at])


def _open(plain: tuple[tuple[frozenset[str], bool], ...], said: frozenset[str],
          dated: list[int]) -> bool:
    """Whether the sentence says a class of each of a frame's groups (``plain``, as
    ``_plans`` holds them; ``said``: ``_said``), or a stated date where a group takes one
    (``dated``)."""
    for classes, by_date in plain:
        if not (by_date and dated) and said.isdisjoint(classes):
            return False
    return True


def _any_open(plans: tuple[Plan, ...], said: frozenset[str], dated: list[int]) -> bool:
    """Whether one of ``plans`` finds a class of each of its groups said (``_open``)."""
    for plan in plans:
        if _open(plan[5], said, dated):
            return True
    return False


def readable(triggers: list[Mark], present: dict[str, list[int]], dated: list[int],
             models: Models) -> bool:
    """Whether a frame of one of the triggers finds a class of each of its groups said in
    ``present`` (``_open``): where none does, ``readings`` reads nothing (its own changes
    to ``present`` only take classes away)."""
    return _readable_said(triggers, _said(present), dated, models)


def may_read(triggers: list[Mark], present: dict[str, list[int]], dated: list[int],
             models: Models, later: frozenset[str]) -> bool:
    """Whether the triggers may still be ``readable`` once the classes of ``later`` (all
    those that may yet be added to ``present``) are said: where they are not, no frame
    reads the sentence whatever is added."""
    return _readable_said(triggers, _said(present) | later, dated, models)


def _readable_said(triggers: list[Mark], said: frozenset[str], dated: list[int],
                   models: Models) -> bool:
    """``readable`` for the classes ``said``."""
    for trigger in triggers:
        if _any_open(_plans(models, trigger.label_)[0], said, dated):
            return True
    return False


def _by_people(frame: Frame, present: dict[str, list[int]], start: int,
               subjects: frozenset[int]) -> bool:
    """Whether a word of the frame's ``not_by`` classes stands before the trigger (at
    ``start``) as its doer (``subjects``: ``doers_of`` them, so not past a saying verb or a
    relative word: "La Secretaría de Marina informa que arribaron los buques") and no word
    of its first ``with`` group stands before it (people, not a vehicle, arrive), nor a word
    of its ``actors`` between them ("a relação entre os dois países ganhou um marco em 2010,
    quando o ministro Jobim e o secretário Gates assinaram": the leaders sign)."""
    return any(p < start and p in subjects
               and not any(p < q < start for a in frame.actors for q in present.get(a, ()))
               for c in frame.not_by for p in present.get(c, ())
               ) and not any(p < start for c in frame.needs[0]
                             if c is not None and not c.endswith(CONTEXT)
                             for p in present.get(c, ()))


def _facilities(positions: list[int], triggers: list[Mark], norms: list[str],
                glue: frozenset[str]) -> list[int]:
    """The facility words that may be what a trigger hands over, opens or builds: not
    those said as a place or as what another noun is of (``PLACE_PREPS``, ``OF_PREPS``)."""
    at = {k for t in triggers for k in range(t.start, t.end)}
    held = set(positions)
    kept = []
    for p in positions:
        k = p - 1
        while k in held:  # (the facility's own words: "posto de comando")
            k -= 1
        while k >= 0 and (norms[k] in glue or norms[k] in POSSESSIVES):
            k -= 1
        if k >= 0 and (norms[k] in PLACE_PREPS or norms[k] in OF_PREPS and k - 1 not in at):
            continue
        kept.append(p)
    return kept


def readings(triggers: list[Mark], present: dict[str, list[int]], dated: list[int],
             models: Models, norms: list[str], lang: str, when: frozenset[int] = frozenset(),
             sayings: frozenset[int] = EMPTY, people: frozenset[int] = EMPTY
             ) -> list[Reading]:
    """One reading per trigger word (the best of the classes it carries), in text order;
    a trigger nested in a longer one ("visit" in "goodwill visit") yields to it; one of
    another class ("calls" in "calls at") reads, as wide as it, only where it reads nothing.
    ``sayings``: the positions of the sentence's saying verbs (they bound a trigger's doers);
    ``people``: those of the persons it names (a doer by name: "Sarkozy and Lula signed")."""
    by_start: dict[int, Reading] = {}
    taught = _taught(triggers, models, norms, lang)
    present = _without_topics(triggers, present, models, norms, lang, taught)
    glue = models.object_glue.get(lang, frozenset())
    if FACILITY in present:
        present = {**present, FACILITY: _facilities(present[FACILITY], triggers, norms, glue)}
    stops = models.function_words.get(lang, frozenset())
    relatives = models.relatives.get(lang, frozenset())
    measures = models.measures.get(lang, frozenset())
    reach = OBJECT_REACH.get(lang, 1)
    preps = models.recipients.get(lang, frozenset())
    traded = _traded(triggers, present, norms)
    sold = _traded(triggers, present, norms, SOLD_WORDS) if traded else EMPTY
    said = _said(present)  # (the classes with a position, for every frame tried)
    inner: list[tuple[Mark, Mark]] = []  # (a trigger, the longer one of another class around it)
    longer = [o for o in triggers if o.end - o.start > 1]  # (only these hold another)
    for trigger in triggers:
        outer = next((o for o in longer if o.label_ != trigger.label_ and o.end - o.start >
                      trigger.end - trigger.start and o.start <= trigger.start
                      and trigger.end <= o.end), None) if longer else None
        if outer is not None:
            inner.append((trigger, outer))
            continue
        _keep(by_start, trigger.start, _read_one(trigger, present, dated, models, norms,
                                                 glue, stops, reach, relatives, measures,
                                                 when, lang, sayings, preps, traded, people,
                                                 sold, said),
              models)
    read_at = {(r.trigger.start, r.trigger.end) for r in by_start.values()}
    for trigger, outer in inner:  # "calls" in "calls at": where the longer reads nothing,
        held = by_start.get(outer.start)  # the shorter, as wide (its own words are no
        reached = held is not None and _craft_reached(trigger, outer, held, present, norms)
        if (outer.start, outer.end) in read_at and not reached:  # company: "at" is no
            continue  # arrival)
        wide = Mark(outer.start, outer.end, outer.start_char, outer.end_char, trigger.label_,
                    trigger.kb_id_)
        reading = _read_one(wide, present, dated, models, norms, glue, stops, reach, relatives,
                            measures, when, lang, sayings, preps, traded, people, sold, said)
        if reached and reading is not None:
            by_start[outer.start] = reading  # (in the visit's place, however it ranks)
        elif not reached:
            _keep(by_start, trigger.start, reading, models)
    kept = sorted(by_start.values(), key=lambda r: r.trigger.start)
    kept = [r for r in kept if not any(o is not r and o.trigger.start <= r.trigger.start
                                       and r.trigger.end <= o.trigger.end
                                       and o.trigger.end - o.trigger.start
                                       > r.trigger.end - r.trigger.start for o in kept)]
    kept = [r for r in kept if not _topic(r, kept, models, norms, lang, taught)
            and not _talked_about(r, kept, present)
            and not _modifier(r, kept) and not _field(r, present, models, norms, lang)
            and not _unit_name(r, present, norms) and not _ongoing(r, norms)]
    kept = [r for r in kept if not _for_occasion(r, kept, norms)
            and not _members_of(r, present)]
    agents = models.agents.get(lang, frozenset())
    kept = [r for r in kept if not _ships_visit(r, kept, present, norms, relatives, agents,
                                                sayings)]
    called = {a for r in kept for a in _called_attache(r, present)}
    acting = _acting_attaches(triggers, present, norms, relatives, agents, sayings,
                              models.passive_aux.get(lang, frozenset()))
    kept = [r for r in kept if not _attache_call(r, present) and not _channel(r, norms)
            and not (r.frame.id in POSTINGS and r.trigger.start in called
                     and not _new(r.trigger, norms) and not _one_of(r.trigger, norms, lang))
            and not (r.frame.id in POSTINGS and any(r.trigger.start <= a < r.trigger.end
                                                    for a in acting)
                     and not _new(r.trigger, norms))]
    kept = _to_recipient(kept, present, norms, preps, glue)
    kept = _relief_told(kept)
    kept = _care_told(kept)
    kept = _overruled(kept, norms)
    extra = [r for r in (read(k.trigger, present, dated, models, also=True,
                              doers=_doers(k.trigger, present, models, norms, relatives, agents,
                                           sayings),
                              sides=_sides(k.trigger, present, models, norms, lang, relatives,
                                           agents, sayings, people),
                              subjects=_subjects(k.trigger, present, models, norms, relatives,
                                                 agents, sayings), said=said)
                         for k in kept if _plans(models, k.trigger.label_)[1]) if r is not None]
    return kept + extra


# the words of a sale, purchase, gift or transfer, and the platforms that may be their goods
TRADE_WORDS: Final = frozenset({"purchase_n", "buy_v", "donation_n", "donate_v", "handover_v",
                                "handover_n", "select_n", "select_v"})
TRADED_PLATFORMS: Final = ("ship", "aircraft")
CALL: Final = "port_call"  # the type whose ships and aircraft must not be goods sold (``read``)
# the trade words whose ships and aircraft are goods, never visitors: not the handover
# nouns, which read arrivals too ("recordó a su llegada que dos de las naves")
SOLD_WORDS: Final = TRADE_WORDS - {"handover_n"}
TRADE_REACH: Final = 6  # words from a trade word to its goods ("la venta de los 24 aviones F-16")
TRADE_BEFORE: Final = 2  # words from goods to the trade noun after them ("the F-16 purchase")


def _traded(triggers: list[Mark], present: dict[str, list[int]], norms: list[str],
            words: frozenset[str] | None = None) -> frozenset[int]:
    """Positions of the ships and aircraft said as the goods of a trade word (``TRADE_WORDS``):
    after it within ``TRADE_REACH`` words, or right before its noun, no punctuation
    between ("firmara la compra de 24 cazas", "a carta de intenção para a venda dos
    aviões", "signed for the transfer of the cutter", "the F-16 purchase")."""
    platforms = {p for c in TRADED_PLATFORMS for p in present.get(c, ())}
    if not platforms:
        return EMPTY
    found: set[int] = set()
    for t in triggers:
        if t.label_ not in (TRADE_WORDS if words is None else words):
            continue
        for k in range(t.end, min(t.end + TRADE_REACH, len(norms))):
            if not any(ch.isalnum() for ch in norms[k]):
                break
            if k in platforms:
                found.add(k)
        if t.label_.endswith("_n"):
            for k in range(t.start - 1, max(t.start - 1 - TRADE_BEFORE, -1), -1):
                if not any(ch.isalnum() for ch in norms[k]):
                    break
                if k in platforms:
                    found.add(k)
    return frozenset(found)


# words after a verb that open its doers, besides the agent of a passive (``agents``:
# "signed by", "firmado por", "assinado pelo"): its partner ("together with", "junto a su
# par", "com o homólogo") and the witnesses of its ceremony ("in the presence of", "en
# presencia de", "na presença de"; "attended by" and "al que asistieron" by ATTEND) and the
# participants of the meeting it closed ("al concluir la reunión bilateral entre ambas
# delegaciones", "at the end of talks between the two ministers": by OCCASION)
PARTNERS: Final = WITH | frozenset({"junto", "together", "alongside"})
PRESENCE: Final = frozenset({"presence", "presencia", "presenca"})
PRESENCE_OPEN: Final = frozenset({"in", "with", "en", "con", "na", "com", "em"})  # two words before
ATTEND: Final = "take_part_v"
OCCASION: Final = ("meeting_n", "meet_v")


def doers_of(trigger: Mark, present: dict[str, list[int]], classes: frozenset[str],
             norms: list[str], relatives: frozenset[str], agents: frozenset[str],
             sayings: frozenset[int] = EMPTY) -> frozenset[int]:
    """Positions of the words of ``classes`` that may be the trigger's doers: before it with
    no relative word or 'that' and no saying verb (``sayings``: positions) between (its
    subject: "the two ministers signed"; not "the minister noted that the agreement signed
    by ..."), or after it where a word that opens its doers (the agent of a passive, a
    partner, a witness: ``PARTNERS``) stands nearer them than any relative word or saying
    verb. An official said of something else after the verb ("signed what Russian officials
    described as", "um acordo que regula a presença de funcionários civis", "..., and said
    Surinamese officers") is none."""
    attend = set(present.get(ATTEND, ())).union(*(present.get(c, ()) for c in OCCASION))
    found: list[int] = []
    for c in classes:
        for p in present.get(c, ()):
            if p < trigger.start:
                if not any(norms[k] in relatives or k in sayings
                           for k in range(p + 1, trigger.start)):
                    found.append(p)
                continue
            if p < trigger.end:
                continue
            for k in range(p - 1, trigger.end - 1, -1):
                norm = norms[k]
                if norm in agents or norm in PARTNERS or k in attend or (
                        norm in PRESENCE and not PRESENCE_OPEN.isdisjoint(norms[k - 2:k])):
                    found.append(p)
                    break
                if norm in relatives or k in sayings or (
                        norm in CLAUSE_JOINS and norms[k - 1] == ","):
                    break
    return frozenset(found)


# a coordinator after a comma opens a clause of its own in Spanish and Portuguese (a list
# of two takes no comma): a leader after it is the doer of that clause's verb ("firmado en
# julio de 2010 un contrato con Rosoboronexport, y el 10 de octubre de 2011 el ministro
# recibió tres de esas máquinas"), not of the act before it
CLAUSE_JOINS: Final = frozenset({"y", "e"})


# words that join two doers of one act as its two sides ("the minister and his counterpart
# signed", "signed with the Chinese general", "junto a su par"); a comma alone may open an
# apposition of the same person ("the commander of the navy, Admiral X,")
SIDE_JOINS: Final = frozenset({"and", "y", "e", "&"}) | PARTNERS


DUAL: Final = frozenset(word_list("dual_words", folded=True))  # (stopwords.json)
DUAL_REACH: Final = 2  # tokens before a plural doer where its word of two stands ("dos dois")
JOIN_REACH: Final = 8  # tokens between two forces joined as doers ("a boarding team from HMS
# Protector and sailors from the Chilean patrol vessel")


def two_sides(trigger: Mark, doers: frozenset[int], norms: list[str], lexicon: Lexicon,
              plural: bool = True, dual: bool = False) -> bool:
    """Whether the doers of an act (``doers_of``: its leaders and the persons it names)
    are two sides: a word that joins (``SIDE_JOINS``) stands between two of them or
    between one and the act ("Sarkozy and Lula signed", "signed by Lula and then president
    Sarkozy", "signed with his counterpart"), or (with ``plural``) one is said in the
    plural (an inflected form of a lexicon word: "ambos ministros", "the two ministers");
    with ``dual``, a plural doer counts only with one of them right before it
    (``DUAL``: "oficiais dos dois exércitos", "both navies")."""
    if plural and any(norms[p] in lexicon.forms and norms[p] not in lexicon.single
                      and norms[p].endswith("s") for p in doers):
        return True
    if dual:  # (forces: two of them before the act, joined close together, or a word of
        # two before a plural one; not a doer joined to the act, "the frigate and invited
        # Cuban teams to the games", "creado por la Marina ... y es considerado el ejercicio")
        before = sorted(p for p in doers if p < trigger.start)
        return any(norms[p].endswith("s") and not DUAL.isdisjoint(norms[max(p - DUAL_REACH, 0):p])
                   for p in before) or any(
            b - a <= JOIN_REACH and not SIDE_JOINS.isdisjoint(norms[a + 1:b])
            for a, b in zip(before, before[1:], strict=False))
    ordered = sorted({*doers, trigger.start})
    return any(not SIDE_JOINS.isdisjoint(norms[k] for k in range(a + 1, b) if
                                         not trigger.start <= k < trigger.end)
               for a, b in zip(ordered, ordered[1:], strict=False) if b > a + 1)


PEOPLE: Final = "PERSON"  # (a person's name, or a personal pronoun, as one of the doers)
PRONOUNS: Final = frozenset("he she ella ele ela".split())  # "On April 9 he and the minister
# signed"


def _sides(trigger: Mark, present: dict[str, list[int]], models: Models, norms: list[str],
           lang: str, relatives: frozenset[str], agents: frozenset[str],
           sayings: frozenset[int], people: frozenset[int], plural: bool = True) -> bool:
    """``two_sides`` of the trigger's doers of its frames' actor classes and the persons
    and personal pronouns (``people``: their positions in the sentence) that stand as its
    doers; True for a trigger no ``two_sides`` frame reads."""
    if trigger.label_ not in models.two_sides_triggers:
        return True
    named = sorted(people)
    classes = models.actor_classes[trigger.label_]
    doers = doers_of(trigger, {**present, PEOPLE: named}, classes | {PEOPLE}, norms,
                     relatives, agents, sayings)
    if trigger.label_ in models.joined_triggers:
        return two_sides(trigger, doers, norms, models.lexicons[lang], False, True)
    return two_sides(trigger, doers, norms, models.lexicons[lang], plural)


NAMES_REACH: Final = 12  # tokens after a plural leader word where the names it stands for run
NAME_JOIN: Final = 3  # tokens from the join word to the second name ("y de Irán, Mohammad")


def sides_joined(reading: Reading, present: dict[str, list[int]], models: Models,
                 norms: list[str], lang: str, sayings: frozenset[int] = EMPTY,
                 people: frozenset[int] = EMPTY, names: frozenset[int] = EMPTY) -> bool:
    """Whether a ``two_sides`` reading's doers are two sides told apart, a word joining
    them ("Jobim and Gates signed", "signed with his Danish counterpart, Poulsen"), or
    a plural leader word followed by the two names it stands for, joined ("pelos
    presidentes Lula e Sarkozy", "los viceministros Baek Seung-joo y Diana Quintero";
    ``names``: the positions of the capitalised words that name no state or place), not
    only a plural that may stand for a government's act ("the two defence ministers
    signed", "firmado por los ministros de ambos países")."""
    if not reading.frame.two_sides:
        return False
    if _sides(reading.trigger, present, models, norms, lang,
              models.relatives.get(lang, frozenset()), models.agents.get(lang, frozenset()),
              sayings, people, plural=False):
        return True
    if not names:
        return False
    lexicon = models.lexicons[lang]
    trigger = reading.trigger
    for c in models.actor_classes[trigger.label_]:
        for p in present.get(c, ()):
            if not (norms[p] in lexicon.forms and norms[p] not in lexicon.single
                    and norms[p].endswith("s")):
                continue
            named = False  # (a name said after the plural word, before a join)
            for k in range(p + 1, min(p + 1 + NAMES_REACH, len(norms))):
                if trigger.start <= k < trigger.end:
                    break
                if k in names:
                    named = True
                elif named and norms[k] in SIDE_JOINS and any(
                        j in names for j in range(k + 1, k + 1 + NAME_JOIN)):
                    return True
    return False


# a ship's or aircraft's verb of reaching held in a longer verb of visiting with the
# preposition of its destination ("llegar" in "llegó a La Habana": "llegar a" is a person's
# visit): where the visit reads a craft's call and the craft is named before the verb in its
# sentence, the craft arrives, read as the arrival verbs that stand alone read it ("arribó
# a", "arrived in", "chegou a"; port_call.arrival, or the relief a disaster beside it
# makes); not a verb of passing through ("pasa por": a transit, or no travel at all: "la
# solución pasa por los vecinos"); (inner class, outer class, the type the outer's reading
# tells, the craft classes)
CRAFT_REACH: Final = ("arrive", "visit_v", "port_call", ("ship", "aircraft"))
DESTINATION_PREPS: Final = frozenset({"to", "a", "al", "ao", "para", "hasta", "ate"})  # (folded)


def _craft_reached(trigger: Mark, outer: Mark, held: Reading, present: dict[str, list[int]],
                   norms: list[str]) -> bool:
    """``trigger`` (a verb of reaching) lies in ``outer`` (a verb of visiting, ending on the
    preposition of its destination) whose reading ``held`` tells the call of a ship or
    aircraft named before it (``CRAFT_REACH``): the arrival reads the sentence instead."""
    inner_cls, outer_cls, kind, crafts = CRAFT_REACH
    return trigger.label_ == inner_cls and outer.label_ == outer_cls \
        and norms[outer.end - 1] in DESTINATION_PREPS \
        and held.trigger.start == outer.start and held.trigger.end == outer.end \
        and held.frame.type == kind \
        and any(p < outer.start for cls in crafts for p in present.get(cls, ()))


def _keep(by_start: dict[int, Reading], at: int, reading: Reading | None,
          models: Models) -> None:
    """Hold ``reading`` for the trigger word at ``at`` unless a better one is held."""
    if reading is None:
        return
    held = by_start.get(at)
    if held is None or _better(reading, held, models.frame_order):
        by_start[at] = reading


MET_SUBJECTS: Final = frozenset({"ship", "aircraft"})  # a passive's subject counted as its object
# the auxiliaries of a passive welcome of a person in Spanish and Portuguese (folded; the
# models' passive_aux leaves them out, as "el buque fue recibido" tells a delivered ship
# as often: here the received is a commander, no goods)
PERSON_PASSIVE_AUX: Final = frozenset({"fue", "fueron", "sera", "seran", "foi", "foram", "serao"})
# the pronouns that may stand between a relative word of place and a passive's auxiliary,
# the clause's subject said again ("where it was welcomed by")
PLACE_CLAUSE_PRONOUNS: Final = frozenset({"it", "they"})
# a gerund after the auxiliary tells an act going on, no passive ("was receiving patients by
# helicopter": the ship receives)
GERUND_ENDINGS: Final = ("ing", "ndo")


def received_vehicles(trigger: Mark, present: dict[str, list[int]], norms: list[str],
                      relatives: frozenset[str], place_relatives: frozenset[str],
                      agents: frozenset[str], sayings: frozenset[int]) -> frozenset[int]:
    """The ships or aircraft a passive welcome was done to, no leader said before it in
    its sentence: its subject ("the training ship was welcomed at the pier by the
    minister"), or, the passive opening a clause of place, the vehicles before that clause,
    whose subject it keeps ("los aviones rusos siguieron viaje a Managua, donde fueron
    recibidos por oficiales de la Fuerza Aérea", "o navio-escola seguiu para Salvador,
    onde foi recebido pelo comandante do Distrito Naval"): its hosts' welcome of a call,
    no leader met (a ship's commander welcomed is ``events._commander_welcomed``'s)."""
    if norms[trigger.end - 1].endswith(GERUND_ENDINGS) or any(
            p < trigger.start for c in LEADERS for p in present.get(c, ())):
        return EMPTY
    met = frozenset(p for p in doers_of(trigger, present, MET_SUBJECTS, norms, relatives,
                                        agents, sayings) if p < trigger.start)
    k = trigger.start - 2  # (the word before the auxiliary)
    while k >= 0 and norms[k] in PLACE_CLAUSE_PRONOUNS:
        k -= 1
    if k >= 0 and norms[k] in place_relatives:
        met = met | frozenset(p for c in MET_SUBJECTS for p in present.get(c, ()) if p < k)
    return met


def _read_one(trigger: Mark, present: dict[str, list[int]], dated: list[int], models: Models,
              norms: list[str], glue: frozenset[str], stops: frozenset[str], reach: int,
              relatives: frozenset[str], measures: frozenset[str] = frozenset(),
              when: frozenset[int] = frozenset(), lang: str = "en",
              sayings: frozenset[int] = EMPTY, preps: frozenset[str] = frozenset(),
              traded: frozenset[int] = EMPTY, people: frozenset[int] = EMPTY,
              sold: frozenset[int] = EMPTY, said: frozenset[str] | None = None
              ) -> Reading | None:
    """``read`` with the trigger's object found where its frames need it (the words after
    it, or the noun a relative clause before it is said of), and its doers; None at once
    where the sentence says no company of any of its frames (``said``: ``_said``)."""
    if said is None:
        said = _said(present)
    opened = [plan for plan in _plans(models, trigger.label_)[0] if _open(plan[5], said, dated)]
    if not opened:
        return None  # (no frame of the trigger can read: no object or doers to find)
    vetoes = models.object_triggers.get(trigger.label_)
    agents = models.agents.get(lang, frozenset())
    objects = persons = received = EMPTY
    if vetoes and not vetoes.isdisjoint(present):
        # (a person after a personal 'a' is the object: "visitó al Jefe", "envió a 50
        # efectivos"; goods take no 'a')
        objects = object_of(trigger, norms, glue, stops, reach, measures, when) \
            | object_of(trigger, norms, glue | PERSONAL, stops, reach, when=when) \
            | antecedent_of(trigger, norms, relatives)
        # the object is a leader met only where a leader stands before the verb too ("the
        # ship's commander visited the Chief of Staff", "the Prime Minister welcomed the
        # ship's officers"; not "the Esmeralda ... received delegations"); the agent of a
        # passive is the host ("was received by the Chief of Naval Operations")
        leaders = doers_of(trigger, present, LEADERS, norms, relatives, agents, sayings)
        persons = agent_of(trigger, norms, glue, stops, reach, agents)
        passive = models.passive_aux.get(lang, frozenset())
        if persons and trigger.start and norms[trigger.start - 1] in passive:
            # a passive's subject is what the verb was done to ("the vessel ... was met at
            # the pier by officers of the Defence Force": the ship is met)
            objects = objects | doers_of(trigger, present, MET_SUBJECTS, norms, relatives,
                                         agents, sayings)
        if persons and trigger.start and (norms[trigger.start - 1] in passive
                                          or norms[trigger.start - 1] in PERSON_PASSIVE_AUX):
            received = received_vehicles(trigger, present, norms, relatives,
                                         models.place_relatives.get(lang, frozenset()),
                                         agents, sayings)
        if any(p < trigger.start for p in leaders):
            persons = persons | objects
        persons = persons - frozenset(present.get(STUDENT, ()))  # (pupils are no leaders)
    recipients = recipient_of(trigger, norms, preps, glue) \
        if preps and trigger.label_ in models.recipient_triggers else EMPTY
    return read(trigger, present, dated, models, objects=objects,
                doers=_doers(trigger, present, models, norms, relatives, agents, sayings),
                persons=persons, received=received, recipients=recipients, traded=traded,
                sold=sold,
                sides=_sides(trigger, present, models, norms, lang, relatives, agents, sayings,
                             people),
                subjects=_subjects(trigger, present, models, norms, relatives, agents, sayings),
                definite=trigger.start > 0 and norms[trigger.start - 1] in models.determiners.get(
                    lang, frozenset()), said=said, plans=opened)


def _subjects(trigger: Mark, present: dict[str, list[int]], models: Models, norms: list[str],
              relatives: frozenset[str], agents: frozenset[str], sayings: frozenset[int]
              ) -> frozenset[int]:
    """``doers_of`` for the ``not_by`` classes of the trigger's frames (none for most)."""
    classes = models.not_by_classes.get(trigger.label_)
    if not classes or classes.isdisjoint(present):
        return EMPTY
    return doers_of(trigger, present, classes, norms, relatives, agents, sayings)


def _doers(trigger: Mark, present: dict[str, list[int]], models: Models, norms: list[str],
           relatives: frozenset[str], agents: frozenset[str], sayings: frozenset[int] = EMPTY
           ) -> frozenset[int]:
    """``doers_of`` for the actor classes of the trigger's frames (none for most)."""
    if trigger.label_ not in models.actor_triggers:
        return EMPTY
    classes = models.actor_classes[trigger.label_]
    return doers_of(trigger, present, classes, norms, relatives, agents, sayings)


GOODS_TYPES: Final = frozenset({"arms_transfer", "donation_aid"})  # what a verb of giving may read


def _to_recipient(kept: list[Reading], present: dict[str, list[int]], norms: list[str],
                  preps: frozenset[str], glue: frozenset[str]) -> list[Reading]:
    """Readings less the transfers told between a verb its recipient decides and that
    recipient: words that describe the goods ("delivered armoured vehicles purchased by
    the Government of Haiti to the Haitian National Police": their purchase is the
    goods', the event is the delivery to the police)."""
    spans = []
    for r in kept:
        if r.frame.recipient:
            held = [p for p in recipient_of(r.trigger, norms, preps, glue)
                    if any(p in present.get(c, ()) for c in r.frame.recipient)]
            if held:
                spans.append((r.trigger.end, min(held)))
    if not spans:
        return kept
    return [r for r in kept if r.frame.type not in GOODS_TYPES or not any(
        start <= r.trigger.start < end for start, end in spans)]


# the classes that say a force comes for the relief of a disaster (``relief_need``) or after
# one; a donation read with one of them is relief sent, and its sentence tells no call,
# exercise or visit of the same ships and people besides
RELIEF: Final = frozenset({"disaster", "relief_need", "relief_goods", "disaster@context",
                           "relief_need@context"})  # (the goods it brings, or the disaster or
# the relief the story around it tells: "She reached Union Island ..., where sailors landed
# drinking water, shelter kits and generators", under a story of the hurricane)
RELIEF_OVER: Final = frozenset({"port_call", "exercise"})
RELIEF_TRAVEL: Final = frozenset({"arrive", "visit_v", "visit_n"})  # a senior visit told by travel


def _relief_told(kept: list[Reading]) -> list[Reading]:
    """Readings less the port calls, exercises and senior visits told by travel that a
    relief reading of the sentence outranks ("El portaaviones Cavour fondeó frente a la
    capital haitiana ... en la mayor operación humanitaria": no call, and the operation is
    no exercise; "a equipe de busca e salvamento desembarcou ... em visita": no visit)."""
    if not any(r.frame.type == "donation_aid" and any(not g.isdisjoint(RELIEF)
                                                      for g in r.frame.needs) for r in kept):
        return kept
    return [r for r in kept if r.frame.type not in RELIEF_OVER and not (
        r.frame.type == "senior_visit" and r.trigger.label_ in RELIEF_TRAVEL)]


# a force's medical team treating people ashore (``treat_v``, other_cooperation.care) is
# military medicine even where the sentence calls the work an exercise ("atendió a más de
# 3.000 personas en el marco de un ejercicio de asistencia humanitaria", like a MEDRETE):
# the exercise noun read beside it tells no drill of its own
CARE: Final = "treat_v"


def _care_told(kept: list[Reading]) -> list[Reading]:
    """Readings less the exercises told by their noun in a sentence where a medical team's
    care is read as military medicine."""
    if not any(r.trigger.label_ == CARE and r.frame.type == "other_cooperation" for r in kept):
        return kept
    return [r for r in kept if not (r.frame.type == "exercise"
                                    and r.trigger.label_ == "exercise_n")]


def _overruled(kept: list[Reading], norms: list[str]) -> list[Reading]:
    """Readings less those of a type another reading of the same clause overrules (its
    frame's ``over``: goods flown in for a police force are its cooperation, "aircraft
    landed with armoured vehicles and other supplies for the Haitian National Police"
    tells no delivery under a contract beside it). A clause of its own ("donó dos lanchas
    a los guardacostas, y este año se prevé la llegada de escáneres") keeps its readings."""
    if not any(r.frame.over for r in kept):
        return kept
    return [r for r in kept if not any(
        r.frame.type in o.frame.over and not _apart(r.trigger, o.trigger, norms) for o in kept)]


CLAUSE_JOINS_AFTER_COMMA: Final = frozenset({"and", "but", "y", "pero", "e", "mas"})


def _apart(a: Mark, b: Mark, norms: list[str]) -> bool:
    """Two triggers stand in clauses of their own: a semicolon between them, or a comma
    that a joining word follows (", and", ", y", ", e")."""
    words = norms[min(a.end, b.end):max(a.start, b.start)]
    return ";" in words or any(w == "," and k + 1 < len(words)
                               and words[k + 1] in CLAUSE_JOINS_AFTER_COMMA
                               for k, w in enumerate(words))


def recipient_of(trigger: Mark, norms: list[str], preps: frozenset[str], glue: frozenset[str]
                 ) -> frozenset[int]:
    """Positions of the words that open who a verb of giving hands its goods to: the first
    word past articles after each recipient preposition ("to the Haitian National Police",
    "a la Policía Nacional", "à Polícia Federal") within ``RECIPIENT_REACH`` words after
    the trigger, up to a comma or other mark, once the goods are named after the verb
    ("delivered armoured vehicles to", "entregó diez camionetas a"; with nothing between,
    "boats ... donated to the coast guard", the goods are what the verb is said of)."""
    found: list[int] = []
    k = trigger.end
    goods = False
    while k < len(norms) and k - trigger.end < RECIPIENT_REACH:
        norm = norms[k]
        if not any(ch.isalnum() for ch in norm):
            break
        if norm in preps and goods:
            j = k + 1
            while j < len(norms) and norms[j] in glue:
                j += 1
            found.append(j)
        elif norm not in glue and not norm[:1].isdigit():
            goods = True
        k += 1
    return frozenset(found)


OF: Final = frozenset({"of", "de", "del", "da", "do", "das", "dos"})  # a measure's complement
# the 'a' Spanish and Portuguese put before a person as object ("visitó al jefe", "recebeu
# ao ministro"): glue before the object only where a frame looks for a person
PERSONAL: Final = frozenset({"a", "al", "ao", "aos"})
LEADERS: Final = frozenset({"official", "head_of_state"})  # who must stand before a leader met
STUDENT: Final = "student"  # "recebeu alunos de escolas locais": officials' class holds students
AGENT_REACH: Final = 4  # words from a passive verb to its 'by' ("was received at the Pentagon by")


def agent_of(trigger: Mark, norms: list[str], glue: frozenset[str], stops: frozenset[str],
             reach: int, agents: frozenset[str]) -> frozenset[int]:
    """The words that may be the agent of a passive trigger, after its 'by' within
    ``AGENT_REACH`` words ("fue recibido por el Comandante General", "was received at the
    Pentagon by the Chief of Naval Operations")."""
    for k in range(trigger.end, min(trigger.end + AGENT_REACH, len(norms))):
        if norms[k] in agents:
            return object_of(Mark(k, k + 1, 0, 0), norms, glue, stops, reach)
        if not any(ch.isalnum() for ch in norms[k]):
            break
    return EMPTY


def object_of(trigger: Mark, norms: list[str], glue: frozenset[str], stops: frozenset[str],
              reach: int, measures: frozenset[str] = frozenset(),
              when: frozenset[int] = frozenset()) -> frozenset[int]:
    """Positions of the words right after a trigger that may be its object: up to
    ``reach`` words past articles and numbers, until a preposition or a comma
    ("sent 51 officers", "trajo médicos"; not "entregó al ministro"), past a "with"
    that opens a partner ("meet with the medical staff"); past the 'of' after a measure
    noun, whose complement is the goods ("tons of food", "toneladas de alimentos"); past
    the words of a date (``when``: "enviar en septiembre dos buques", "entregó el martes
    pasado diez camiones")."""
    found: list[int] = []
    k = trigger.end
    while len(found) < reach and k < len(norms):
        norm = norms[k]
        if k in when or (k + 1 in when and norm in stops):  # ("en", "on" before a date)
            k += 1
            continue
        if norm in measures and k + 1 < len(norms) and norms[k + 1] in OF:
            k += 2
            continue
        if norm in glue or norm[:1].isdigit() or (k == trigger.end and norm in WITH) or (
                norm == "a" and norms[k - 1] in WITH):
            k += 1
            continue
        if norm in stops or not any(ch.isalnum() for ch in norm):
            break
        found.append(k)
        k += 1
    return frozenset(found)


def antecedent_of(trigger: Mark, norms: list[str], relatives: frozenset[str]) -> frozenset[int]:
    """The position of the noun a relative clause opened just before a trigger says it
    of: what the verb acts on ("the courses that the CAF delivered", "los cursos que la
    Armada brindó"), or nothing when no relative word stands within ``ANTECEDENT_REACH``
    words before it (a comma or other mark between ends the search)."""
    k = trigger.start - 1
    while k > 0 and trigger.start - k <= ANTECEDENT_REACH:
        norm = norms[k]
        if not any(ch.isalnum() for ch in norm):
            return EMPTY
        if norm in relatives:
            return frozenset({k - 1})
        k -= 1
    return EMPTY


TOPIC_REACH: Final = 4  # tokens from a trigger to a noun that may be its topic
FIELDS: Final = ("field",)  # "cooperation in", "iniciativas de": a trigger noun they govern is a
# topic
FIELD_LINKS: Final = frozenset({"in", "no", "na", "nos", "nas"})  # besides the topic words


def _topic(r: Reading, kept: list[Reading], models: Models, norms: list[str], lang: str,
           taught: dict[int, range] | None = None) -> bool:
    """A trigger noun that is another trigger's topic ("an agreement on military
    training", "un convenio de formación", "a memorandum on aid"), or named in the list of
    what a course teaches (``taught``: a course's start -> its subjects), states no event."""
    if not r.trigger.label_.endswith("_n"):
        return False
    links = models.topic_words.get(lang, frozenset())
    taught = taught or {}
    for o in kept:
        if o is not r and o.frame.type != r.frame.type and (_governs(
                o.trigger.end, r.trigger.start, links, norms) or r.trigger.start in taught.get(
                o.trigger.start, ())) and not (
                o.frame.type == "senior_visit" and o.trigger.label_ in VISITS
                and r.frame.type in PURPOSE_TYPES
                and _purpose(o.trigger.end, r.trigger.start, norms)):
            # (a trip's purpose is no topic: "viajó a Camboya para un curso" is the
            # course's, and ``_for_occasion`` drops the trip)
            return True
    return False


TALKS: Final = ("meet_v", "meeting_n", "discuss_v")  # leaders' talks: what they took up is topic
TALK_TOPICS: Final = ("talk_topic", "discuss_v")  # the words that open what talks took up
TALKED_TYPES: Final = ("arms_transfer", "education_training", "exercise", "donation_aid")
TALK_REACH: Final = 10  # tokens from such a word to a trigger noun it opens
TALK_BARS: Final = ("sign_v", "agreement_n")  # an accord told between: the topic is the accord's


def _talked_about(r: Reading, kept: list[Reading], present: dict[str, list[int]]) -> bool:
    """A trade, course, exercise or gift named by a noun that leaders' talks told before it
    in the sentence took up ("sostuvo conversaciones con el ministro ... sobre ... el
    contrato de cazas", "con quien repasó los programas de capacitación", "had analysed
    with his counterpart the supply of helicopters"): a topic word (``talk_topic``, or the
    verb of discussing itself) within ``TALK_REACH`` tokens before the noun, after the
    talks' trigger, opens what they discussed; the senior visit is the occurrence, the
    noun no event of its own. Not across a signing or an agreement word (``TALK_BARS``:
    "met ... and signed an agreement on training" is the accord's, ``_topic``), nor a
    trigger verb ("discussed the exercise they held in May" tells it by its own verb)."""
    if r.frame.type not in TALKED_TYPES or not r.trigger.label_.endswith("_n"):
        return False
    start = r.trigger.start
    talks = [o.trigger.start for o in kept if o.frame.type == "senior_visit"
             and o.trigger.label_ in TALKS and o.trigger.start < start]
    if not talks:
        return False
    first = min(talks)
    if any(first < p < start for c in TALK_BARS for p in present.get(c, ())):
        return False
    return any(first <= p < start and start - p <= TALK_REACH
               for c in TALK_TOPICS for p in present.get(c, ()))


def _governs(head_end: int, start: int, links: frozenset[str], norms: list[str]) -> bool:
    """A head ending at ``head_end`` governs the word at ``start``: at most ``TOPIC_REACH``
    tokens on, with a linking word between ("an agreement on training", "curso de
    operações")."""
    return 0 < start - head_end <= TOPIC_REACH and any(
        n in links for n in norms[head_end:start])


SUBJECT_HEADS: Final = frozenset({"course_n"})  # nouns whose topic is a subject taught, no event
# (a meeting's or agreement's "of" names a forum or a party as often as a topic)
LIST_REACH: Final = 16  # tokens from a course's topic word to the end of the list of its subjects
LIST_STOPS: Final = frozenset({";", ":", "(", ")", ".", "!", "?"})  # marks that end that list
TAUGHT_PLATFORMS: Final = ("ship", "aircraft")  # platforms a course may teach about, or teach crews
# of


def _subject(head: Mark, triggers: list[Mark], links: frozenset[str],
             relatives: frozenset[str], norms: list[str]) -> range:
    """The tokens that name what a course teaches (or whom): from a topic word within
    ``TOPIC_REACH`` after it through the list that follows ("instruction on boarding
    procedures, casualty care and small-boat operations", "un curso sobre navegación,
    abordaje y operaciones ribereñas", "a course for twenty sailors of the Coast Guard"),
    up to ``LIST_REACH`` tokens, a ``LIST_STOPS`` mark, a relative word or a verb of the
    lexicon (another clause: "..., and the navy held an exercise"); empty without a topic
    word."""
    link = next((k for k in range(head.end, min(head.end + TOPIC_REACH, len(norms)))
                 if norms[k] in links), None)
    if link is None:
        return range(0)
    verbs = {o.start for o in triggers if not o.label_.endswith("_n")}
    end = link + 1
    while end < min(link + 1 + LIST_REACH, len(norms)) and end not in verbs and \
            norms[end] not in LIST_STOPS and norms[end] not in relatives:
        end += 1
    return range(link + 1, end)


def _taught(triggers: list[Mark], models: Models, norms: list[str], lang: str) -> dict[int, range]:
    """The start of each course named in a sentence -> the tokens of what it teaches."""
    links = models.topic_words.get(lang, frozenset())
    relatives = models.relatives.get(lang, frozenset())
    return {o.start: _subject(o, triggers, links, relatives, norms) for o in triggers
            if o.label_ in SUBJECT_HEADS}


def _without_topics(triggers: list[Mark], present: dict[str, list[int]], models: Models,
                    norms: list[str], lang: str, taught: dict[int, range] | None = None
                    ) -> dict[str, list[int]]:
    """``present`` less the trigger nouns that are a course's subject ("curso de operações
    de paz", "a course on jungle operations") or, in a sentence naming a course, a field's
    ("la cooperación en operaciones de paz", as ``_field``): the subject taught is no
    exercise beside it to veto or keep company with it (``_topic`` drops its own reading)."""
    heads = [o for o in triggers if o.label_ in SUBJECT_HEADS]
    if not heads:
        return present  # (no course named: no subject)
    links = models.topic_words.get(lang, frozenset())
    fields = links | FIELD_LINKS
    spans = taught if taught is not None else _taught(triggers, models, norms, lang)
    topics = [t for t in triggers if t.label_.endswith("_n") and (any(
        o.label_ != t.label_ and (_governs(o.end, t.start, links, norms) or t.end == o.start
                                  or t.start in spans.get(o.start, ())) for o in heads) or any(
        p == t.end or (t.start - p <= TOPIC_REACH and _governs(p + 1, t.start, fields, norms))
        for cls in FIELDS for p in present.get(cls, ())))]  # (or a field's: "han analizado
    # ... la cooperación en operaciones de paz", the course's subject matter; or the noun
    # it is named by, "a jungle operations course")
    platforms = any(p in span for cls in TAUGHT_PLATFORMS for p in present.get(cls, ())
                    for span in spans.values())
    if not topics and not platforms:
        return present
    out = dict(present)
    for cls in TAUGHT_PLATFORMS:  # "instruction on vessel boarding", "a course for twenty
        if cls in out:  # sailors": what is taught, or to whom, is no ship beside the course
            out[cls] = [p for p in out[cls] if not any(p in span for span in spans.values())]
            if not out[cls]:
                del out[cls]
    for t in topics:
        out[t.label_] = [p for p in out.get(t.label_, ()) if not t.start <= p < t.end]
        if not out[t.label_]:
            del out[t.label_]
    return out


def _field(r: Reading, present: dict[str, list[int]], models: Models, norms: list[str],
           lang: str) -> bool:
    """A trigger noun governed by a field or topic word ("cooperation in training",
    "iniciativas de capacitação", "temas de formación") or qualifying it ("training
    cooperation") names a kind of activity talked about, not an occurrence."""
    if not r.trigger.label_.endswith("_n"):
        return False
    links = models.topic_words.get(lang, frozenset()) | FIELD_LINKS
    start = r.trigger.start
    for cls in FIELDS:
        for p in present.get(cls, ()):
            if p == r.trigger.end or (start - p <= TOPIC_REACH  # (a field word of one token)
                                      and _governs(p + 1, start, links, norms)):
                return True
    return False


UNITS: Final = ("unit_n", "ship", "aircraft")  # "training unit", "Flotilla de Entrenamiento",
# "jatos de treinamento" (a trainer aircraft's kind): a trigger noun
UNIT_LINKS: Final = frozenset({"of", "de", "do", "da", "del"})  # ... naming them is no occurrence


def _unit_name(r: Reading, present: dict[str, list[int]], norms: list[str]) -> bool:
    """A trigger noun that names a unit, centre, school or ship, qualifying its noun
    ("a training unit", "the Training Flotilla") or governed by it ("unidad de
    instrucción", "Centro de Adestramento"), is no course or exercise given."""
    if not r.trigger.label_.endswith("_n"):
        return False
    start = r.trigger.start
    return any(p == r.trigger.end or (start - p == 2 and norms[p + 1] in UNIT_LINKS)
               for cls in UNITS for p in present.get(cls, ()))


# "en curso" / "em curso" (under way: "los programas en curso", "as negociações em curso"):
# the singular "curso" right after the bare preposition names no course ("participaron en
# cursos de paracaidismo", "en un curso" do)
ONGOING: Final = frozenset({("en", "curso"), ("em", "curso")})
COURSE: Final = "course_n"


def _ongoing(r: Reading, norms: list[str]) -> bool:
    """A course noun that is the "curso" of "en curso" / "em curso" (under way), no course."""
    start = r.trigger.start
    return r.trigger.label_ == COURSE and r.trigger.end == start + 1 and start > 0 and (
        norms[start - 1], norms[start]) in ONGOING


PURPOSE: Final = frozenset({"para", "for", "attend", "participar", "participate",
                            "who", "quienes", "quais"})  # (the travellers who study there)
PURPOSE_TYPES: Final = ("dialogue_forum", "exercise", "education_training")
PURPOSE_REACH: Final = 4  # words before the noun where its purpose word may stand ("for the staff")
MEET_PURPOSE_REACH: Final = 6  # the same for a meeting, past the forum's opening ("se reunieron ...
# para la apertura de la conferencia", "met ... for the opening of the Security Conference")
VISITS: Final = ("receive_v", "visit_v", "arrive")
# verbs of a leader who comes to watch an exercise or operation, not to take part in it
# ("desembarcou no país para acompanhar as operações", "came aboard to observe flight
# operations", "llegó para presenciar las maniobras"): a senior visit (norms are folded)
OBSERVE: Final = frozenset({"observe", "watch", "witness", "oversee", "monitor", "review",
                            "observar", "presenciar", "supervisar", "supervisionar", "acompanar",
                            "acompanhar", "fiscalizar", "inspeccionar", "inspecionar", "verificar",
                            "contemplar"})


MEET: Final = "meet_v"
SESSION_PLACE: Final = frozenset({"in", "at", "en", "em", "na", "no", "nas", "nos"})
SESSION_REACH: Final = 6  # words before a forum noun where its place word may stand ("en la ronda
# anual de conversaciones")
SESSION_AFTER: Final = 2  # words from the verb to that place word (a named place: "en Valparaíso")


def _for_occasion(r: Reading, kept: list[Reading], norms: list[str]) -> bool:
    """A visit or reception whose purpose is a forum, exercise or course named after it
    ("recebeu a delegação ... para a 12ª Reunião Bilateral", "llegó para participar en el
    ejercicio", "arrived to attend the conference") is that occurrence's, no senior visit;
    so is a meeting held in a session of a forum ("se reunieron en Valparaíso en la ronda
    anual de conversaciones de Estado Mayor", "met in the annual staff talks") or for one
    ("se reuniram na terça-feira para a abertura da Conferência")."""
    if r.frame.type != "senior_visit" or r.trigger.label_ not in VISITS + (MEET,):
        return False
    if r.trigger.label_ == MEET:  # (gathered for a forum's opening: its session too,
        # "se reuniram ... para a abertura da 16.ª Conferência")
        return any(o.frame.type == "dialogue_forum" and o.trigger.start > r.trigger.end
                   and (_session_of(r.trigger.end, o.trigger.start, norms)
                        or _purpose(r.trigger.end, o.trigger.start, norms, MEET_PURPOSE_REACH))
                   for o in kept)
    return any(o.frame.type in PURPOSE_TYPES and o.trigger.start > r.trigger.end
               and _purpose(r.trigger.end, o.trigger.start, norms)
               and not (o.frame.type == "exercise" and any(
                   norms[k] in OBSERVE for k in range(max(r.trigger.end, o.trigger.start
                                                          - PURPOSE_REACH), o.trigger.start)))
               for o in kept)  # (come to watch an exercise: a visit, "para acompanhar")


HYPHENS: Final = frozenset({"-", "‐"})  # inside a compound ("a six-week course"): no break


def _purpose(after: int, start: int, norms: list[str], reach: int = PURPOSE_REACH) -> bool:
    """A purpose word stands within ``reach`` words before ``start`` (and after
    ``after``), with no comma or bracket between ("para un curso", "for a six-week
    course")."""
    words, k = 0, start - 1
    while k >= after and words < reach:
        if norms[k] in PURPOSE:
            return True
        if norms[k] not in HYPHENS:
            if not any(ch.isalnum() for ch in norms[k]):  # a comma or a bracket between
                return False
            words += 1
        k -= 1
    return False


CALL_TRIGGERS: Final = ("arrive", "port_call_n", "visit_v")
CALL_REACH: Final = 16  # tokens from a ship's arrival to the visit noun that says its manner
# a meeting, reception or courtesy call whose counterpart is a resident attaché or liaison
# officer: the first official named after the trigger, within this many tokens
ATTACHE: Final = "attache_n"
ATTACHE_REACH: Final = 20
COURTESY: Final = frozenset({"receive_v", "meet_v", "meeting_n", "visit_n", "call_on_n"})


# words that make what follows them the channel of something else ("through the Security
# Cooperation Office", "a través de la Oficina de Cooperación", "por meio do escritório")
# (compared with folded norms: "través", "intermédio" are read as "traves", "intermedio")
CHANNELS: Final = frozenset({"through", "via", "traves", "mediante", "intermedio", "meio", "medio"})
CHANNEL_REACH: Final = 3  # words from the channel word to the office
POSTINGS: Final = frozenset({"attache_liaison.posted", "attache_liaison.noun"})


def _channel(r: Reading, norms: list[str]) -> bool:
    """An attaché's or cooperation office named as the channel of something else ("funded
    ... through the Security Cooperation Office", "a través de la Oficina de Cooperación de
    su embajada", "por meio do escritório de cooperação") is no posting of it."""
    if r.frame.id not in POSTINGS:
        return False
    return any(norms[k] in CHANNELS for k in range(max(0, r.trigger.start - CHANNEL_REACH),
                                                   r.trigger.start))


# words that say an attaché is newly posted ("the new attaché", "el nuevo agregado", "o novo
# adido", "the newly accredited attaché"): met or received, he is being posted
NEW: Final = frozenset({"new", "newly", "incoming", "nuevo", "nueva", "recien", "novo", "nova",
                        "recem"})  # (folded norms: "recién", "recém")
NEW_REACH: Final = 3
CALLED: Final = frozenset({"receive_v", "meet_v", "call_on_n"})  # verbs of meeting the attaché


# an indefinite article right before the attaché: received or met, he is one newly sent
# ("received a liaison officer from the Chilean Navy", "recibió a un oficial de enlace",
# "recebeu um oficial de ligação"), not the resident one paid a courtesy call
EMPTY_WORDS: Final[frozenset[str]] = frozenset()
INDEFINITE: Final = {"en": frozenset({"a", "an"}), "es": frozenset({"un", "una"}),
                     "pt": frozenset({"um", "uma"})}  # (pt/es "a" is the article or a preposition)


def _one_of(trigger: Mark, norms: list[str], lang: str) -> bool:
    return trigger.start > 0 and norms[trigger.start - 1] in INDEFINITE.get(lang, EMPTY_WORDS)


def _new(trigger: Mark, norms: list[str]) -> bool:
    return any(norms[k] in NEW for k in range(max(0, trigger.start - NEW_REACH),
                                              trigger.start))


# what an attaché does besides being posted: he speaks, attends, hands over, donates, signs,
# receives or meets someone (a verb of these classes, or a saying verb, whose doer he is)
ACTS: Final = ("attend_v", "handover_v", "donate_v", "sign_v", "receive_v", "meet_v")
ACT_REACH: Final = 14  # tokens between an attaché told before his verb and that verb


def _acting_attaches(triggers: list[Mark], present: dict[str, list[int]], norms: list[str],
                     relatives: frozenset[str], agents: frozenset[str],
                     sayings: frozenset[int], passive: frozenset[str]) -> set[int]:
    """The positions of the attachés who do something else in the sentence: the subject
    of a saying verb or of an act ("Venezuela's military attache in Moscow told
    reporters", "the Canadian Defence Attaché to Mexico, Guatemala and Belize, Colonel X,
    presented the certificates", "el agregado naval ... entregó") within ``ACT_REACH``
    tokens with no other trigger between, or the agent of its passive ("was received by
    the defence attaché", "fue recibido por el agregado", "foi recebido pelo adido"). Not
    the subject of a passive ("the attaché was received by the minister": he is met)."""
    attaches = present.get(ATTACHE, ())
    if not attaches:
        return set()
    acts = [Mark(k, k + 1, 0, 0, "saying", "") for k in sorted(sayings)
            if k - 1 not in sayings]
    acts += [t for t in triggers if t.label_ in ACTS]
    acts += [Mark(k, k + 1, 0, 0, c, "") for c in ACTS for k in present.get(c, ())
             if not any(t.start <= k < t.end for t in triggers)]
    posting = set(present.get("appoint_v", ()))  # ("presented his credentials": posted)
    acts = [a for a in acts if not any(a.start <= k < a.end for k in posting)]
    starts = {t.start for t in triggers} | posting | set(present.get("arrive", ()))
    own = set(attaches)
    found: set[int] = set()
    for act in acts:
        for p in doers_of(act, present, frozenset({ATTACHE}), norms, relatives, agents,
                          sayings):
            if p < act.start:
                if act.start - p > ACT_REACH or act.start and norms[act.start - 1] in passive \
                        or any(k in starts and k not in own for k in range(p + 1, act.start)):
                    continue
            found.add(p)
    found |= _inverted_attendance(present, norms, relatives, sayings, starts - own)
    return found


INVERTED_REACH: Final = 30  # tokens from an attendance verb told first to the attaché it lists
# the en adjective of presence told first ("Also present at Thursday's ceremony were"), as
# an attendance verb (es/pt "estuvieron presentes", "estiveram presentes" are attend_v)
PRESENT: Final = frozenset({"present"})
ENDS: Final = frozenset({".", "!", "?"})


def _inverted_attendance(present: dict[str, list[int]], norms: list[str],
                         relatives: frozenset[str], sayings: frozenset[int],
                         others: set[int]) -> set[int]:
    """The attachés listed as the subject of an attendance verb told before them, with no
    leader or attaché before that verb ("Participaram da cerimônia ... o encarregado de
    negócios da França ... e o tenente-coronel X, adido de defesa", "Participaron ...
    el agregado de Defensa", "Attending Thursday's ceremony were ... the defence
    attache"): no relative word, saying verb or other trigger between."""
    before = [p for c in (*LEADERS, ATTACHE) for p in present.get(c, ())]
    found: set[int] = set()
    posting = set(present.get("appoint_v", ()))
    shown = {k for p in present.get(ATTACHE, ()) for k in range(max(0, p - INVERTED_REACH), p)
             if norms[k] in PRESENT and k not in posting
             and not any(norms[j] in ENDS for j in range(k + 1, p))}
    for a in sorted(set(present.get("attend_v", ())) | shown):
        if any(p < a for p in before):
            continue
        for p in present.get(ATTACHE, ()):
            if a < p <= a + INVERTED_REACH and not any(
                    norms[k] in relatives or k in sayings or k in others
                    for k in range(a + 1, p)):
                found.add(p)
    return found


def _called_attache(r: Reading, present: dict[str, list[int]]) -> list[int]:
    """The first position of the attaché a courtesy reading is paid to or by (see
    ``_attache_call``), or none."""
    if r.trigger.label_ not in CALLED or not _attache_call(r, present):
        return []  # ("La visita se produce ... después de ... la reapertura de la
    # Agregaduría": a noun's visit may be another's, the office's reopening its own)
    return [min(p for p in present[ATTACHE] if r.trigger.end <= p
                < r.trigger.end + ATTACHE_REACH)]


def _attache_call(r: Reading, present: dict[str, list[int]]) -> bool:
    """A leader receiving or meeting a resident attaché or liaison officer ("received the
    newly accredited Defence Attaché", "met the United States Defense Attaché", "recibió
    la visita protocolar del nuevo agregado", "sostuvo una reunión de trabajo con el nuevo
    oficial de enlace", "recebeu o novo adido militar") holds no senior visit: the first
    official named after the trigger is the attaché (a minister received "accompanied by
    the military attaché" stays a visit: the minister comes first)."""
    if r.frame.type != "senior_visit" or r.trigger.label_ not in COURTESY:
        return False
    attache = [p for p in present.get(ATTACHE, ()) if r.trigger.end <= p
               < r.trigger.end + ATTACHE_REACH]
    if not attache:
        return False
    first = min(attache)
    own = set(present.get(ATTACHE, ()))  # ('oficial de enlace', 'attaché' are officials too)
    return not any(r.trigger.end <= p < first and p not in own
                   for c in LEADERS for p in present.get(c, ()))


def _ships_visit(r: Reading, kept: list[Reading], present: dict[str, list[int]],
                 norms: list[str], relatives: frozenset[str], agents: frozenset[str],
                 sayings: frozenset[int]) -> bool:
    """A visit noun that says the manner or purpose of a ship's arrival or call told just
    before it ("the hospital ship arrived on Tuesday for a seven-day visit", "la fragata
    arribó al puerto de Veracruz en visita oficial", "o navio chegou ... em visita
    oficial") is that call, no senior visit, unless a leader is the one who arrives."""
    if r.frame.type != "senior_visit" or r.trigger.label_ != "visit_n":
        return False
    for o in kept:
        if (o.frame.type == "port_call" and o.trigger.label_ in CALL_TRIGGERS
                and 0 <= r.trigger.start - o.trigger.end <= CALL_REACH
                and not any(n in (";", ":") for n in norms[o.trigger.end:r.trigger.start])
                and not any(o.trigger.end <= k.trigger.start < r.trigger.start
                            for k in kept if k is not r)  # (nothing else told between)
                and not doers_of(o.trigger, present, LEADERS, norms, relatives, agents,
                                 sayings)):
            return True
    return False


def _session_of(end: int, start: int, norms: list[str]) -> bool:
    """The forum noun at ``start`` is the place of the verb ending at ``end``: a place
    word ('en', 'in', 'na') opens it within ``SESSION_REACH`` words before it, past a
    named place of at most ``SESSION_AFTER`` words after the verb ("se reunieron en
    Valparaíso en la ronda"; not "held a meeting with Arévalo and took part in the
    Conference"), with no comma between."""
    for k in range(start - 1, max(end - 1, start - SESSION_REACH - 1), -1):
        if norms[k] in SESSION_PLACE:
            return k - end <= SESSION_AFTER and all(any(ch.isalnum() for ch in n)
                                                    for n in norms[end:start])
    return False


TITLES: Final = ("official", "head_of_state")


def _members_of(r: Reading, present: dict[str, list[int]]) -> bool:
    """A forum or organisation named right before a title says whose the person is
    ("CARICOM leaders", "CARICOM Secretary-General Dr Carla Barnett", "the Joint Commission
    chairman"): its member, not a session of the forum."""
    return r.frame.type == "dialogue_forum" and any(
        r.trigger.end in present.get(c, ()) for c in TITLES)


def _modifier(r: Reading, kept: list[Reading]) -> bool:
    """A trigger noun that qualifies the noun after it ("aid arrangements", "an exercise
    programme agreement") is no head of its own."""
    return r.trigger.label_.endswith("_n") and any(
        o.trigger.start == r.trigger.end and o.trigger.label_.endswith("_n") for o in kept)


def _better(a: Reading, b: Reading, order: dict[str, int]) -> bool:
    """The reading its recipient decides, the more specific reading of a word, the longer
    trigger, the nearer company; then the frame first in the file, so every run reads the
    same."""
    return (bool(a.frame.recipient), len(a.frame.needs), a.trigger.end - a.trigger.start,
            -a.distance, -order[a.frame.id]) > (bool(b.frame.recipient), len(b.frame.needs),
                                                b.trigger.end - b.trigger.start, -b.distance,
                                                -order[b.frame.id])
