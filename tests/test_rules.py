"""Rule test sentences (tests/cases/*.jsonl, written by us) and rule coverage.

Each event case is a short document: language, publication date, text (and optional
title), and the exact events expected as (type, countries, date) from the rules alone
(no confidence threshold: the fitted model is checked by ``make eval``, not here). A case
the rules get wrong today carries ``"gap": "why"``: it is reported as an expected failure, and fails
outright once the rules get it right (so the mark is removed). Each date case is a
text with the exact dates expected. Coverage, per language: every frame of
``models/frames.jsonl`` must make an event of some case (its evidence names the frame),
every cue must be matched by some case, and every date rule must date some case.
"""

import json
from functools import cache
from pathlib import Path

import pytest

from pipeline.nlp import pipeline, tag
from pipeline.nlp.clauses import segments
from pipeline.nlp.datescan import rules
from pipeline.nlp.marks import Mark, found
from pipeline.nlp.models import LANGS, load, read_jsonl
from pipeline.nlp.timeline import find
from pipeline.records import Document

CASES = Path(__file__).resolve().parent / "cases"
EVENT_CASES = [json.loads(line) for path in sorted(CASES.glob("events_*.jsonl"))
               for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
DATE_CASES = [json.loads(line) for path in sorted(CASES.glob("dates*.jsonl"))
              for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
# one sentence telling several occurrences: where each telling after the first opens
CLAUSE_CASES = [json.loads(line) for path in sorted(CASES.glob("clauses*.jsonl"))
                for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_every_case_has_its_own_id_in_its_language():
    # two branches adding a case each under one name would make one of them unreachable by
    # name (and the document id two cases share): a merge must rename one
    for cases in (EVENT_CASES, DATE_CASES, CLAUSE_CASES):
        ids = [(c["lang"], c["id"]) for c in cases]
        assert not {i for i in ids if ids.count(i) > 1}


def document(case: dict) -> Document:
    return Document(id=f"case-{case['lang']}-{case['id']}", url=f"case:{case['id']}", source=None,
                    text=case["text"], title=case.get("title"), published=case["published"],
                    language=case["lang"])


@cache
def exercised() -> set[str]:
    """Frame ids (``<frame>.<lang>``), cue ids (``<cue>.<lang>``) and date rule ids
    (``<rule>.<lang>``) that some case exercises."""
    seen: set[str] = set()
    for case in EVENT_CASES:
        if case.get("gap"):
            continue  # a known gap covers nothing
        lang = case["lang"]
        for event in tag(document(case), min_confidence=0.0).events:
            seen |= {row.rule for row in event.evidence}
        doc = pipeline(lang)(case["text"])
        seen |= {f"{c.kb_id_}.{lang}" for c in doc.spans["cues"]}
        articles = load().determiners[lang]
        if any(t.start and doc[t.start - 1].norm_ in articles for t in doc.spans["lex"]):
            seen.update(f"{c['id']}.{lang}" for c in read_jsonl("cues.jsonl")
                        if c["kind"] == "definite")  # checked on the token before a trigger
        seen |= {f"{d.rule}.{lang}" for d in find(case["text"], lang, case["published"])}
    for case in DATE_CASES:
        seen |= {f"{d.rule}.{case['lang']}"
                 for d in find(case["text"], case["lang"], case["published"])}
    return seen


@pytest.mark.parametrize("case", EVENT_CASES, ids=[f"{c['lang']}:{c['id']}" for c in EVENT_CASES])
def test_event_case(case):
    if case.get("gap"):  # a known gap of the rules: fails until fixed, then says so
        pytest.xfail(case["gap"]) if _fails(case) else pytest.fail(
            f"fixed gap, remove its 'gap' key: {case['gap']}")
    events = tag(document(case), min_confidence=0.0).events
    found = sorted((e.type, list(e.countries), e.date) for e in events)
    expected = sorted((e["type"], e["countries"], e["date"]) for e in case["events"])
    assert found == expected


def _fails(case: dict) -> bool:
    events = tag(document(case), min_confidence=0.0).events
    found = sorted((e.type, list(e.countries), e.date) for e in events)
    return found != sorted((e["type"], e["countries"], e["date"]) for e in case["events"])


@pytest.mark.parametrize("case", DATE_CASES, ids=[f"{c['lang']}:{c['id']}" for c in DATE_CASES])
def test_date_case(case):
    found = [[d.text, d.value, d.precision] for d in find(case["text"], case["lang"],
                                                          case["published"]) if not d.bound]
    assert found == case["dates"]


@pytest.mark.parametrize("case", CLAUSE_CASES,
                         ids=[f"{c['lang']}:{c['id']}" for c in CLAUSE_CASES])
def test_clause_case(case):
    text = case["text"]
    doc = pipeline(case["lang"])(text)
    marks = found(doc)
    models = load()
    sentence = Mark(0, len(doc), 0, len(text), "", "")
    dates = [d for d in find(text, case["lang"], case["published"]) if d.value and not d.bound]
    opened = segments(dates, text, sentence, marks.ents,
                      [t for t in marks.lex if t.label_ in models.triggers])
    assert [text[c + 1:].lstrip()[:len(t)] for c, t in zip(opened, case["tellings"],
                                                            strict=False)] == case["tellings"]
    assert len(opened) == len(case["tellings"])


def test_every_frame_makes_an_event_of_some_case_in_every_language():
    wanted = {f"{f.id}.{lang}" for f in load().frames for lang in LANGS}
    assert sorted(wanted - exercised()) == []


def test_every_cue_is_exercised_in_every_language_it_has():
    wanted = {f"{c['id']}.{lang}" for c in read_jsonl("cues.jsonl") for lang in c["phrases"]}
    assert sorted(wanted - exercised()) == []


def test_every_date_rule_is_exercised_in_every_language():
    wanted = {f"{rule}.{lang}" for lang in LANGS for rule in rules(lang)}
    assert sorted(wanted - exercised()) == []


def test_every_lexicon_class_is_read_by_a_frame_or_the_assembler():
    from pipeline.nlp import component, events, frames, parties

    models = load()
    named = {c.removesuffix("@context") for f in models.frames
             for group in (f.trigger, f.without, f.without_near, f.without_far, f.without_ahead,
                           f.without_object, f.not_by, *f.needs)
             for c in group}
    named |= {*events.DEFENCE_CLASSES, *events.CIVILIAN_CLASSES, *events.TRAVEL_CLASSES,
              *events.ANCHOR_NOUNS, *events.VESSELS, *events.LIST_NOUNS,
              *frames.FIELDS, *frames.UNITS, *frames.TALK_TOPICS, *events.KIN_WORK.values(),
              *events.NAMED_MISSION,
              *events.CLOSING, *events.FORUM_SUBJECTS, *events.OPENING, *events.COMPATRIOTS,
              *events.CIVIL, events.FLEET, events.CREW, events.LANDING, events.SHIP_GROUP,
              events.INSTRUMENT, events.STAY, events.GIVE_CLASS, events.CIVIL_ACCORD,
              events.PART_OF, parties.REACTION, parties.PLIGHT, component.IDIOM}
    assert sorted(set(models.classes) - named) == []
