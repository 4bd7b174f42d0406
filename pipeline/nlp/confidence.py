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
Without that file every event gets the prior below; a file that is not such a model
(``ModelError``) stops the run at once, naming the file and the key.

The weights may include the wording of the sentence that states an event (``lx.*``
features, ``wording.py``), fitted with the rule features by ``scripts/fit_wording.py``; an
event's features the model has no weight for count 0.
"""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path

from pipeline.errors import ConfigError

MODEL = Path(__file__).resolve().parents[2] / "models" / "confidence.json"
PRIOR = 0.6
# the keys a model file may have (the others say what it was fitted on, for a reader)
NUMBERS = ("threshold", "l2", "train_weight")
KEYS = frozenset({*NUMBERS, "weights", "calibration", "_about", "fitted_on", "calibrated_on",
                  "recalibrated_on", "new_fitted_on"})


class ModelError(ConfigError, ValueError):
    """models/confidence.json is not a confidence model (the CLI says so in one line, at the
    start of a run: ``workers._warm`` loads it before any document)"""

    hint = "Restore models/confidence.json (git checkout models/confidence.json) or refit it " \
        "(make calibrate)."


@cache
def _model(path: Path = MODEL) -> dict:
    if not path.exists():
        return {}
    try:
        model = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as error:
        raise ModelError(f"{path}: not JSON ({error})") from None
    return validated(model, path)


def validated(model: object, path: Path = MODEL) -> dict:
    """``model`` when it is a confidence model (an object of ``KEYS``, numeric weights, a
    threshold between 0 and 1, a calibration of a positive scale and a shift), else
    ``ModelError`` naming the file and the key."""
    if not isinstance(model, dict):
        raise ModelError(f"{path}: a confidence model is a JSON object")
    unknown = sorted(set(model) - KEYS)
    if unknown:
        raise ModelError(f"{path}: unknown keys {unknown} (allowed: {', '.join(sorted(KEYS))})")
    weights = model.get("weights", {})
    if not isinstance(weights, dict) or not all(
            isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)
            for v in weights.values()):
        raise ModelError(f"{path}: 'weights' maps each feature to a finite number")
    for key in NUMBERS:
        if key in model and not isinstance(model[key], (int, float)):
            raise ModelError(f"{path}: '{key}' is a number")
    if not 0.0 <= float(model.get("threshold", 0.0)) <= 1.0:
        raise ModelError(f"{path}: 'threshold' is between 0 and 1")
    calibration = model.get("calibration", {})
    if not isinstance(calibration, dict) or set(calibration) - {"scale", "shift"} or not all(
            isinstance(v, (int, float)) for v in calibration.values()) \
            or float(calibration.get("scale", 1.0)) <= 0:
        raise ModelError(f"{path}: 'calibration' is {{'scale': a positive number, 'shift': a "
                         f"number}}")
    return model


def weights(path: Path = MODEL) -> dict[str, float]:
    return dict(_weights(path))


@cache
def _weights(path: Path = MODEL) -> dict[str, float]:  # (read only: ``weights`` copies it)
    return {k: float(v) for k, v in _model(path).get("weights", {}).items()}


@cache
def _calibration(path: Path = MODEL) -> tuple[float, float]:
    calibration = _model(path).get("calibration", {})
    return float(calibration.get("scale", 1.0)), float(calibration.get("shift", 0.0))


@cache
def weighs_wording(path: Path = MODEL) -> bool:
    """The model has weights for the wording of a stating sentence (``lx.*``): only then
    does the event assembler read it (``wording.py``)."""
    return any(k.startswith("lx.") for k in _weights(path))


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
