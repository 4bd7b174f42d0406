"""scripts/fit_confidence.py: pointed at a folder with no train set, the fit says so in one
line and leaves the fitted model as it is (a full fit removes the old model first, so a fit on
nothing would have thrown it away), and an event's confidence is its probability in two
decimals while the threshold is compared with the probability itself."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import fit_confidence  # noqa: E402

from pipeline.nlp.confidence import MODEL, confidence, probability  # noqa: E402


@pytest.mark.parametrize("mode", [[], ["--recalibrate"], ["--new-only"]])
def test_a_corpus_without_train_is_told_and_the_model_kept(tmp_path: Path, mode: list[str],
                                                         capsys: pytest.CaptureFixture) -> None:
    before = MODEL.read_bytes()
    (tmp_path / "valid").mkdir()  # (a corpus folder, but not one holding train)
    assert fit_confidence.main(["--corpus", str(tmp_path), *mode]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: no train set under")
    assert MODEL.read_bytes() == before


def test_confidence_is_the_probability_in_two_decimals() -> None:
    features = {"date_stated": 1.0, "date_day": 1.0, "reports": 1.0}
    p = probability(features)
    assert 0.0 < p < 1.0
    assert confidence(features) == round(p, 2)



def test_the_threshold_counts_each_event_with_its_weight() -> None:
    """A wrong event that counts five times (a train event beside probe ones) lifts the
    threshold above it; counted once, keeping it costs less than losing the right one beside
    it."""
    import numpy

    p = numpy.array([0.9, 0.2, 0.2])
    y = numpy.array([1.0, 1.0, 0.0])
    assert fit_confidence.best_threshold(p, y, 2.0) <= 0.2
    assert fit_confidence.best_threshold(p, y, 2.0, numpy.array([1.0, 1.0, 5.0])) > 0.2
    # (the F1 both pick by: at 0.2 all three are kept, the wrong one counted five times)
    assert fit_confidence.f1_at(p, y, 2.0, 0.2) == (0.8, 2.0, 1.0)
    assert fit_confidence.f1_at(p, y, 2.0, 0.2, numpy.array([1.0, 1.0, 5.0])) == (
        4 / 9, 2.0, 5.0)
