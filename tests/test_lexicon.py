"""The generated tables under ``models/`` agree with the hand-written lexicon.

``models/forms/<lang>.json`` is written by ``make forms`` from the lexicon; a word added to
``models/lexicon.jsonl`` without re-running it would never match its inflected forms
("llegó" for "llegar"), silently. These tests fail until the tables are rebuilt.
"""

from __future__ import annotations

import json

import pytest

from pipeline.nlp.fold import fold
from pipeline.nlp.models import LANGS, MODELS, lexicon_words, read_jsonl


def forms(lang: str) -> dict[str, list[str]]:
    return json.loads((MODELS / "forms" / f"{lang}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", LANGS)
def test_every_lexicon_word_has_its_forms(lang: str) -> None:
    words, table = lexicon_words(lang), forms(lang)
    missing = sorted(words - table.keys())
    stale = sorted(table.keys() - words)
    assert not missing, f"run `make forms`: no forms for {missing[:10]}"
    assert not stale, f"run `make forms`: forms of words no longer in the lexicon {stale[:10]}"


@pytest.mark.parametrize("lang", LANGS)
def test_no_function_word_is_read_as_a_form(lang: str) -> None:
    blocked = {fold(w) for w in json.loads(
        (MODELS / "stopwords.json").read_text(encoding="utf-8"))["function_words"][lang]}
    bad = {w: sorted(set(f) & blocked) for w, f in forms(lang).items() if set(f) & blocked}
    assert not bad, f"function words taken as forms: {bad}"


def test_known_inflections_are_found() -> None:
    """A few forms from each language's own morphology, not from our sentences."""
    expected = {"en": {"visit": "visited", "sign": "signs"},
                "es": {"llegar": "llego", "firmar": "firmaron"},
                "pt": {"chegar": "chegou", "assinar": "assinaram"}}
    for lang, pairs in expected.items():
        table = forms(lang)
        for lemma, form in pairs.items():
            assert form in table.get(lemma, []), f"{lang}: {form!r} not a form of {lemma!r}"


def test_places_name_lexicon_countries() -> None:
    """Every place in ``places.jsonl`` is in a country the gazetteer knows."""
    countries = {c["id"] for c in read_jsonl("countries.jsonl")}
    unknown = {p["name"] if "name" in p else str(p): p.get("countries")
               for p in read_jsonl("places.jsonl")
               if not set(p.get("countries", [])) <= countries}
    assert not unknown, f"places in unknown countries: {list(unknown.items())[:5]}"


def test_places_lie_within_known_places() -> None:
    """A base or pier of ``places.jsonl`` lies ``within`` a place the gazetteer knows (a
    place or a capital), in a state of its own: else the merge would compare it with
    nothing."""
    places = {p["id"]: set(p["countries"]) for p in read_jsonl("places.jsonl")}
    capitals = {name: c.get("part_of") or c["id"] for c in read_jsonl("countries.jsonl")
                for names in c.get("capitals", {}).values() for name in names}
    bad = [p["id"] for p in read_jsonl("places.jsonl") if p.get("within") and not (
        places.get(p["within"], set()) & set(p["countries"])
        or capitals.get(p["within"]) in p["countries"])]
    assert not bad, f"places within no known place of their state: {bad[:5]}"

@pytest.mark.parametrize("lang", LANGS)
def test_lemma_words_are_tokens(lang: str) -> None:
    """A lemma phrase is matched word by word against tokens: one written with a word the
    tokenizer splits ("hand-over" is "hand", "-", "over" in English) never matches, silently.
    Such a phrase spells the tokens out ("hand - over")."""
    from pipeline.nlp import pipeline

    nlp = pipeline(lang)
    bad = []
    for entry in read_jsonl("lexicon.jsonl"):
        for phrase in entry["lemmas"].get(lang, ()):
            tokens = [t.text for t in nlp.make_doc(phrase)]
            if tokens != phrase.split():
                bad.append((entry["id"], phrase, tokens))
    assert not bad, f"lemmas the tokenizer splits otherwise: {bad[:10]}"
