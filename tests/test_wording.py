"""The wording of an event's sentence as features of the confidence model (``wording.py``),
the model file checked when it is read, and the fit's vocabulary (``scripts/fit_wording.py``):
a word is learned only when several groups of probe sets use it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import fit_wording  # noqa: E402

from pipeline.nlp import tag  # noqa: E402
from pipeline.nlp.confidence import PRIOR, ModelError, probability, threshold  # noqa: E402
from pipeline.records import Document  # noqa: E402


def wording(text: str, lang: str = "en", read: bool | None = True) -> list[dict[str, float]]:
    document = Document(id="w", url="case:w", source=None, language=lang,
                        published="2024-05-14", text=text)
    return [{k: v for k, v in e.features.items() if k.startswith("lx.")}
            for e in tag(document, 0.0, read).events]


def test_the_words_of_a_stating_sentence_are_its_features_without_names_or_numbers() -> None:
    [features] = wording("Navy news\n\nA Chinese hospital ship docked in Callao on 12 May "
                         "2024, the navy said.")
    # ("Chinese" and "hospital ship", entities of the gazetteer, are no words here)
    assert features == {"lx.t.dock": 1.0, "lx.w.in": 1.0, "lx.w.on": 1.0, "lx.w.a": 1.0,
                        "lx.s.the": 1.0, "lx.s.navy": 1.0, "lx.s.said": 1.0,
                        "lx.m.say": 1.0, "lx.pos": 1.0}


def test_the_wording_is_read_only_when_the_model_weighs_it_or_a_fit_asks() -> None:
    from pipeline.nlp.confidence import weighs_wording

    text = "Navy news\n\nA Chinese hospital ship docked in Callao on 12 May 2024."
    expected = wording(text) if weighs_wording() else [{}]
    assert wording(text, read=None) == expected
    assert wording(text, read=False) == [{}]


def test_a_plan_told_in_the_future_with_an_infinitive_is_marked() -> None:
    [visit, agreement] = sorted(wording(
        "El ministro de Defensa de Chile visitará Pekín el próximo lunes para firmar un "
        "acuerdo de cooperación militar con China.", "es"), key=lambda f: "lx.t.firmar" in f)
    assert {"lx.m.future", "lx.m.headline", "lx.t.visitar"} <= set(visit)
    assert "lx.m.infinitive" not in visit
    assert {"lx.m.future", "lx.m.infinitive", "lx.t.firmar", "lx.w.acuerdo"} <= set(agreement)


def test_a_missing_model_gives_every_event_the_prior(tmp_path: Path) -> None:
    missing = tmp_path / "confidence.json"
    assert probability({"date_stated": 1.0, "lx.m.future": 1.0}, missing) == PRIOR
    assert threshold(missing) == 0.0


@pytest.mark.parametrize("model, named", [
    ({"weights": {"bias": 1.0}, "threshhold": 0.5}, "threshhold"),
    ({"weights": {"lx.t.dock": "high"}}, "weights"),
    ({"weights": {}, "threshold": 1.5}, "threshold"),
    ({"weights": {}, "calibration": {"scale": -1.0, "shift": 0.0}}, "calibration"),
])
def test_a_model_file_that_is_no_model_fails_at_once_naming_the_key(
        tmp_path: Path, model: dict, named: str) -> None:
    path = tmp_path / "confidence.json"
    path.write_text(json.dumps(model), encoding="utf-8")
    with pytest.raises(ModelError, match=named):
        probability({"bias": 1.0}, path)


def test_the_shipped_model_passes_its_check_with_a_few_thousand_weights_at_most() -> None:
    from pipeline.nlp.confidence import MODEL, _model

    model = _model(MODEL)
    assert 0.0 < model["threshold"] < 1.0
    assert len(model["weights"]) <= 5000


def test_a_word_is_learned_when_two_probe_groups_use_it() -> None:
    def candidate(group: str, *words: str) -> dict:
        return {"group": group, "features": {"type_exercise": 1.0, "lx.m.future": 1.0,
                                             **{f"lx.w.{w}": 1.0 for w in words}}}

    found = [candidate("h10", "drill", "tomas"), candidate("h10", "drill", "tomas"),
             candidate("h11", "drill"), candidate("train", "drill", "tomas"),
             candidate("train", "drill", "tomas"), candidate("train", "tomas")]
    assert fit_wording.vocabulary(found, {"w", "m"}) == ["lx.m.future", "lx.w.drill"]
    assert fit_wording.vocabulary(found, {"t"}) == []
