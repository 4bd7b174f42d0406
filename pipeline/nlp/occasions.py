"""A meeting or signing held at a forum or exercise the same sentence names: its date.

"Shoigu held a meeting with Aviles on the sidelines of the 11th Moscow Conference on
International Security, the ministry said on Wednesday", "al margen de la conferencia,
Austin se reunió con ...", "à margem do fórum, o ministro reuniu-se com ...": the meeting
took place while the forum or exercise ran. When its sentence states no date of its own
(none, or only the day it was told), it takes the date of that occurrence as the text
states it anywhere ("The Moscow Conference opened on Tuesday in Kubinka"), rather than the
date of the story told before it. The cue (``cues.jsonl``, kind ``occasion``: "on the
sidelines of", "en el marco de", "à margem de", "durante") must stand right before the
forum's or exercise's noun, with no punctuation between.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from pipeline import when
from pipeline.nlp.frames import Reading
from pipeline.nlp.marks import Mark
from pipeline.nlp.merge import Candidate, build_event, merge
from pipeline.nlp.models import merge_days
from pipeline.records import Document

OCCASION: Final = "occasion"  # the cue kind
OCCASION_TYPES: Final = ("dialogue_forum", "exercise")  # what a meeting may be held at
HELD_AT: Final = ("senior_visit", "agreement")  # what may be held at one (one day of it)
OCCASION_REACH: Final = 6  # tokens from the cue to the noun ("the 11th Moscow Conference")


@dataclass(frozen=True)
class Occasion:
    """A candidate held at the forum or exercise its sentence names at ``at``."""

    candidate: Candidate
    sentence: int  # the sentence's first token
    at: int  # the first token of the forum's or exercise's trigger
    dated: bool = False  # its sentence states a date of its own for the candidate


def occasion_of(trigger: Mark, type_: str, read: Sequence[Reading], cues: Sequence[Mark],
                norms: list[str]) -> int | None:
    """The first token of the forum or exercise the trigger's occurrence was held at, by
    an occasion cue right before its noun ("on the sidelines of the forum"), or None."""
    if type_ not in HELD_AT:
        return None
    for cue in cues:
        if cue.label_ != OCCASION or cue.start <= trigger.start < cue.end:
            continue
        for r in read:
            start = r.trigger.start
            if r.frame.type in OCCASION_TYPES and 0 <= start - cue.end <= OCCASION_REACH \
                    and not r.trigger.start <= trigger.start < r.trigger.end \
                    and all(any(ch.isalnum() for ch in n)
                            for n in norms[cue.end:start]):
                return start
    return None


def date_at_occasions(candidates: list[Candidate], occasions: Sequence[Occasion],
                      document: Document) -> None:
    """Date each candidate held at an occasion by the occasion's event as the text states
    it (in place), when its date is stated there: the event of the occasion's type whose
    sides the occasion's own candidate of that sentence shares, nearest in the text. That
    candidate, the forum said again, takes the same date (it joins that event, no other
    forum dated by the story before it); the meeting takes it too, only to its month for
    an occurrence that lasts days (a forum, an exercise)."""
    if not occasions:
        return
    groups = merge(candidates)
    for occasion in occasions:
        cand = occasion.candidate
        held = next((c for c in candidates if c.sentence.start == occasion.sentence
                     and c.trigger.start == occasion.at and c.type in OCCASION_TYPES), None)
        if held is None:
            continue
        fits = [g for g in groups if _same_sides(held, g) and any(
            c.date_source == "stated" and not c.support and not c.reported and c.date
            and c.sentence.start != occasion.sentence for c in g)]
        if not fits:
            continue
        group = min(fits, key=lambda g: min(abs(c.sentence.start - occasion.sentence)
                                             for c in g))
        event = build_event(group, document)
        if event.date_source != "stated" or not event.date:
            continue
        date, precision = event.date, event.date_precision
        if held not in group and (not occasion.dated or (
                held.date_source == "stated" and held.date and held.date >= date
                and when.near(date, held.date, merge_days(event.type)))):
            held.date, held.precision, held.date_source = date, precision, "context"
            held.reported = held.anaphor = False
            held.end = None
        if occasion.dated:
            continue  # ("Al día siguiente, al margen de la conferencia, Austin se reunió":
            # the meeting keeps its day, the conference said again joins its event)
        if precision == "day" and merge_days(event.type):
            date, precision = date[:7], "month"
        cand.date, cand.precision, cand.date_source = date, precision, "stated"
        cand.reported = cand.anaphor = False
        cand.end = None
        cand.features.update({"date_stated": 1.0, "date_context": 0.0,
                              "date_day": float(precision == "day")})


def _same_sides(cand: Candidate, group: list[Candidate]) -> bool:
    """The group is of the candidate's type and shares a LAC state and an outside power
    with it."""
    if group[0].type != cand.type:
        return False
    lac = set().union(*(c.lac for c in group))
    outside = set().union(*(c.countries - c.lac for c in group))
    return bool(cand.lac & lac) and bool((cand.countries - cand.lac) & outside)
