"""A confidence that means something: the chance an event is right, from what the rules know.

``confidence(features)`` is a logistic model over the features the rules record for each
event (frame strength, how many groups of company it needed, parties stated or from
context, date stated, from context or fallback, how many sentences state it, cues),
with weights fitted on ``../shared/corpus/train`` by ``scripts/fit_confidence.py``
(``make calibrate``), its logit recalibrated (a scale and a shift, ``make recalibrate``) on
what the rules found in probe sets while nobody had read them yet
(``models/unseen_candidates.json``), all kept in ``models/confidence.json``; ``make eval``
prints the
precision per confidence band on train and valid and the expected calibration error.
Without that file every event gets the prior below.
"""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path

MODEL = Path(__file__).resolve().parents[2] / "models" / "confidence.json"
PRIOR = 0.6


@cache
def _model(path: Path = MODEL) -> dict:
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def weights(path: Path = MODEL) -> dict[str, float]:
    return dict(_weights(path))


@cache
def _weights(path: Path = MODEL) -> dict[str, float]:  # (read only: ``weights`` copies it)
    return {k: float(v) for k, v in _model(path).get("weights", {}).items()}


@cache
def _calibration(path: Path = MODEL) -> tuple[float, float]:
    calibration = _model(path).get("calibration", {})
    return float(calibration.get("scale", 1.0)), float(calibration.get("shift", 0.0))


def threshold(path: Path = MODEL) -> float:
    """Events less confident than this are not proposed (0 without a fitted model)."""
    return float(_model(path).get("threshold", 0.0))


def probability(features: dict[str, float], path: Path = MODEL) -> float:
    """Probability that an event with these features is right, unrounded: the threshold is
    compared with it, so that a threshold moved by a recalibration (a monotone map of the
    logit) proposes exactly the events it proposed before."""
    w = _weights(path)
    if not w:
        return PRIOR
    # (a list summed: the same sum as of a generator, without resuming one for every feature)
    z = w.get("bias", 0.0) + sum([w.get(k, 0.0) * v for k, v in features.items()])
    scale, shift = _calibration(path)
    z = scale * z + shift
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


def confidence(features: dict[str, float], path: Path = MODEL) -> float:
    """Probability that an event with these features is right, in two decimals (what a
    reviewer reads and the queue is ordered by)."""
    return round(probability(features, path), 2)
