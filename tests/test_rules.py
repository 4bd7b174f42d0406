"""Rule test sentences (tests/cases/*.jsonl, written by us) and rule coverage.

Each event case is a short document: language, publication date, text (and optional
title), and the exact events expected as (type, countries, date). Each date case is a
text with the exact dates expected. Every trigger rule id (``<id>.<lang>`` for every
language the trigger has phrases in), every cue id and every date rule must be exercised
by at least one case.
"""

import json
from functools import cache
from pathlib import Path

import pytest

from pipeline.nlp import _dates, pipeline, tag
from pipeline.nlp.dates import _patterns
from pipeline.nlp.models import LANGS, MODELS, load, read_jsonl
from pipeline.records import Document

CASES = Path(__file__).resolve().parent / "cases"
EVENT_CASES = [json.loads(line) for path in sorted(CASES.glob("events_*.jsonl"))
               for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
DATE_CASES = [json.loads(line) for line in (CASES / "dates.jsonl").read_text(
    encoding="utf-8").splitlines() if line.strip()]


def document(case: dict) -> Document:
    return Document(id=f"case-{case['lang']}-{case['id']}", url=f"case:{case['id']}", source=None,
                    text=case["text"], title=case.get("title"), published=case["published"],
                    language=case["lang"])


@cache
def exercised() -> set[str]:
    """Every trigger, cue and date rule id that some case's text matches."""
    seen: set[str] = set()
    definite = [c["id"] for c in read_jsonl("cues.jsonl", MODELS) if c["kind"] == "definite"]
    for case in EVENT_CASES:
        doc = pipeline(case["lang"])(case["text"])
        seen |= {t.kb_id_ for t in doc.spans["triggers"]} | {c.kb_id_ for c in doc.spans["cues"]}
        articles = load().determiners[case["lang"]]
        if any(t.start and doc[t.start - 1].lower_ in articles for t in doc.spans["triggers"]):
            seen.update(definite)  # checked on the token before a trigger, not matched
        seen |= {d.rule for d in _dates.find(case["text"], case["lang"], case["published"])}
    for case in DATE_CASES:
        seen |= {d.rule for d in _dates.find(case["text"], case["lang"], case["published"])}
    return seen


@pytest.mark.parametrize("case", EVENT_CASES, ids=[f"{c['lang']}:{c['id']}" for c in EVENT_CASES])
def test_event_case(case):
    events = tag(document(case)).events
    found = sorted((e.type, list(e.countries), e.date) for e in events)
    expected = sorted((e["type"], e["countries"], e["date"]) for e in case["events"])
    assert found == expected


@pytest.mark.parametrize("case", DATE_CASES, ids=[f"{c['lang']}:{c['id']}" for c in DATE_CASES])
def test_date_case(case):
    found = [[d.text, d.value, d.precision] for d in _dates.find(case["text"], case["lang"],
                                                                case["published"]) if not d.bound]
    assert found == case["dates"]


def test_every_trigger_rule_is_exercised_in_every_language_it_has():
    wanted = {f"{t['id']}.{lang}" for t in read_jsonl("triggers.jsonl", MODELS)
              for lang in LANGS if t["phrases"].get(lang)}
    assert sorted(wanted - exercised()) == []


def test_every_cue_is_exercised():
    wanted = {c["id"] for c in read_jsonl("cues.jsonl", MODELS)}
    assert sorted(wanted - exercised()) == []


def test_every_date_rule_is_exercised():
    wanted = {rule for lang in LANGS for rule, _ in _patterns(lang)}
    assert sorted(wanted - exercised()) == []
