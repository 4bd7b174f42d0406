"""Fit the confidence model (``models/confidence.json``) on ``../shared/corpus/train``.

Every train document goes through extraction and the rules in this process; each event
is labelled right when it matches a gold event of its document (``pipeline.evaluate``'s
matching). A logistic regression (Newton steps, numpy) over the events' features gives
the weights, its L2 strength the one whose out-of-fold log loss is lowest (five folds of
documents). A model scores the events it was fitted on too well, so the scores are then
recalibrated (Platt scaling: a scale and shift of the logit) on the out-of-fold scores,
which were fitted without their own documents. The threshold below which an event is not
proposed at all is the middle of the plateau where F1 on train is highest, never above
``MAX_THRESHOLD`` (a reviewer would rather reject than never see). ``make eval`` then
shows on ``valid`` whether the confidence holds: precision per band and the expected
calibration error.

    python scripts/fit_confidence.py [--corpus ../shared/corpus] [--inputs rendered|text]
                                     [--also tests/probes ...]

``--also`` adds set folders (each holding ``*/gold.jsonl`` and ``rendered/``, like
``tests/probes``) to the documents the model is fitted on.

``--new-only`` keeps every fitted weight and fits only the weights of features the model does
not know yet (a frame or feature added since the last fit), with the present model's logit as
a fixed offset: a new frame then counts for what its events turn out to be, while every
event without a new feature keeps its confidence.

``--recalibrate`` keeps the weights and refits only the scale and shift of the logit, on the
events the present model proposes (those at or above its threshold), and moves the threshold
with them, so that the same events are proposed in the same order and only the numbers a
reviewer reads change: after the rules have changed, the old weights still rank events
well, while the probabilities drift (the rules grow more precise than the model remembers).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

import numpy

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.evaluate import SETS, read_corpus, score  # noqa: E402
from pipeline.extract import extract  # noqa: E402
from pipeline.nlp import tag  # noqa: E402
from pipeline.nlp.confidence import MODEL  # noqa: E402
from pipeline.records import Fetched  # noqa: E402
from pipeline.settings import Settings  # noqa: E402

L2 = 1.0
L2_GRID = (0.3, 1.0, 3.0, 10.0, 30.0)  # the one whose out-of-fold log loss is lowest is used
FOLDS = 5  # documents are split by a hash of their id
MAX_THRESHOLD = 0.5
PLATEAU = 0.005


def events_of(corpus_root: Path, inputs: str, also: tuple[Path, ...] = (),
              min_confidence: float | None = None) -> tuple[list[dict], list[dict]]:
    """(gold documents, found events with their features) of the train set and of the
    folders in ``also``."""
    corpus = read_corpus([corpus_root / f for f in SETS["train"]
                          if (corpus_root / f).is_dir()] + list(also), inputs)
    settings = Settings()
    found = []
    for path in corpus.files:
        body = path.read_bytes()
        fetched = Fetched(url=path.as_uri(), final_url=path.as_uri(), source=None, body=body,
                          sha256=hashlib.sha256(body).hexdigest())
        doc_id = corpus.url_to_doc[path.as_uri()]
        for e in tag(extract(fetched, settings), min_confidence).events:
            found.append({"doc": doc_id, "type": e.type, "countries": list(e.countries),
                          "date": e.date, "features": e.features, "confidence": e.confidence})
    return corpus.gold_docs, found


def labels(gold_docs: list[dict], found: list[dict]) -> numpy.ndarray:
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for i, f in enumerate(found):
        by_doc[f["doc"]].append(dict(f, index=i))
    result = score(gold_docs, by_doc, {})
    y = numpy.zeros(len(found))
    for m in result.matches:
        y[m.found["index"]] = 1
    return y


def fit(x: numpy.ndarray, y: numpy.ndarray, l2: float = L2, offset: numpy.ndarray | float = 0.0,
        bias: bool = True) -> numpy.ndarray:
    """Logistic weights by Newton steps, on top of a fixed logit ``offset``; every weight
    is penalised by ``l2`` but the first column's when ``bias`` (it is the intercept)."""
    w = numpy.zeros(x.shape[1])
    penalised = numpy.ones(len(w))
    if bias:
        penalised[0] = 0.0
    for _ in range(50):
        p = 1 / (1 + numpy.exp(-(offset + x @ w)))
        grad = x.T @ (p - y) + l2 * penalised * w
        hess = (x.T * (p * (1 - p))) @ x + l2 * numpy.diag(penalised)
        step = numpy.linalg.solve(hess, grad)
        w -= step
        if numpy.abs(step).max() < 1e-6:
            break
    return w


def out_of_fold(x: numpy.ndarray, y: numpy.ndarray, folds: numpy.ndarray,
                l2: float) -> numpy.ndarray:
    """Each event's logit from a fit on the other folds' documents."""
    z = numpy.zeros(len(y))
    for k in range(FOLDS):
        test = folds == k
        z[test] = x[test] @ fit(x[~test], y[~test], l2)
    return z


def log_loss(z: numpy.ndarray, y: numpy.ndarray) -> float:
    p = numpy.clip(1 / (1 + numpy.exp(-z)), 1e-6, 1 - 1e-6)
    return float(-(y * numpy.log(p) + (1 - y) * numpy.log(1 - p)).mean())


def best_threshold(p: numpy.ndarray, y: numpy.ndarray, gold: int) -> float:
    """The middle of the thresholds whose train F1 is within ``PLATEAU`` of the best: F1
    is flat near its top, and the middle moves least from one fit to the next."""
    scores = []
    for t in numpy.arange(0.0, MAX_THRESHOLD + 1e-9, 0.01):
        keep = p >= t
        tp = float(y[keep].sum())
        precision = tp / keep.sum() if keep.sum() else 1.0
        recall = tp / gold
        scores.append((float(t), 2 * precision * recall / (precision + recall) if tp else 0.0))
    best = max(f for _, f in scores)
    near = [t for t, f in scores if f >= best - PLATEAU]
    return round((min(near) + max(near)) / 2, 2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--inputs", choices=("rendered", "text"), default="rendered")
    parser.add_argument("--also", type=Path, action="append", default=[],
                        help="another set folder to fit on (e.g. tests/probes)")
    parser.add_argument("--new-only", action="store_true",
                        help="keep the weights; fit only those of features the model lacks")
    parser.add_argument("--recalibrate", action="store_true",
                        help="keep the weights; refit the logit's scale and shift only")
    args = parser.parse_args(argv)
    if not any((Path(args.corpus) / f).is_dir() for f in SETS["train"]):
        # (without it the fit would run on --also alone, or on nothing, and say nothing)
        print(f"error: no train set under {args.corpus} (give --corpus DIR, the folder "
              f"holding {', '.join(SETS['train'])})", file=sys.stderr)
        return 2
    if args.recalibrate:
        return recalibrate(Path(args.corpus), args.inputs, tuple(args.also))
    if args.new_only:
        return fit_new(Path(args.corpus), args.inputs, tuple(args.also))
    MODEL.unlink(missing_ok=True)  # features do not depend on it; the old weights must not
    gold_docs, found = events_of(Path(args.corpus), args.inputs, tuple(args.also))
    names = sorted({k for f in found for k in f["features"]})
    x = numpy.array([[1.0] + [f["features"].get(k, 0.0) for k in names] for f in found])
    y = labels(gold_docs, found)
    folds = numpy.array([int(hashlib.sha256(f["doc"].encode()).hexdigest(), 16) % FOLDS
                         for f in found])
    held_out = {l2: out_of_fold(x, y, folds, l2) for l2 in L2_GRID}
    l2 = min(L2_GRID, key=lambda k: log_loss(held_out[k], y))
    w = fit(x, y, l2)
    shift, scale = fit(numpy.c_[numpy.ones(len(y)), held_out[l2]], y, 0.0)
    p = 1 / (1 + numpy.exp(-(scale * (x @ w) + shift)))
    gold = sum(len(d["events"]) for d in gold_docs)
    threshold = best_threshold(p, y, gold)
    model = {"_about": "Written by scripts/fit_confidence.py (make calibrate): logistic "
                       "weights over the features the rules record for each event, the logit "
                       "then scaled and shifted (calibration); events below the threshold are "
                       "not proposed.",
             "fitted_on": f"{' + '.join(['train', *map(str, args.also)])} ({args.inputs}), "
                          f"{len(found)} events, {int(y.sum())} right, "
                          f"{date.today().isoformat()}",
             "threshold": threshold, "l2": l2,
             "calibration": {"scale": round(float(scale), 4), "shift": round(float(shift), 4)},
             "weights": {"bias": round(float(w[0]), 4),
                         **{k: round(float(v), 4) for k, v in zip(names, w[1:], strict=True)}}}
    MODEL.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    kept = p >= threshold
    print(f"{MODEL.relative_to(ROOT)}: {len(found)} events ({int(y.sum())} right); threshold "
          f"{threshold}: keeps {int(kept.sum())}, {int(y[kept].sum())} right")
    return 0


def _present(corpus_root: Path, inputs: str, also: tuple[Path, ...]
             ) -> tuple[dict, dict[str, float], list[dict], list[dict], numpy.ndarray] | None:
    """The fitted model (None without one), its weights, the gold documents, every event the
    rules find (no threshold) and each one's present calibrated logit."""
    from pipeline.nlp.confidence import _calibration, _model, weights

    model = _model()
    if not model.get("weights"):
        print("no fitted model: run make calibrate first")
        return None
    w = weights()
    scale, shift = _calibration()
    gold_docs, every = events_of(corpus_root, inputs, also, min_confidence=0.0)
    z = numpy.array([scale * (w.get("bias", 0.0) + sum(w.get(k, 0.0) * v for k, v in
                                                      f["features"].items())) + shift
                     for f in every])
    return model, w, gold_docs, every, z


def fit_new(corpus_root: Path, inputs: str, also: tuple[Path, ...]) -> int:
    """Fit the weights of features the model lacks, the rest fixed (module docstring)."""
    from pipeline.nlp.confidence import _calibration

    present = _present(corpus_root, inputs, also)
    if present is None:
        return 1
    model, w, gold_docs, every, offset = present
    scale = _calibration()[0]
    y = labels(gold_docs, every)
    new = sorted({k for f in every for k, v in f["features"].items() if k not in w and v})
    if not new:
        print("every feature has a weight: nothing to fit")
        return 0
    x = numpy.array([[f["features"].get(k, 0.0) for k in new] for f in every])
    folds = numpy.array([int(hashlib.sha256(f["doc"].encode()).hexdigest(), 16) % FOLDS
                         for f in every])

    def held_out_loss(l2: float) -> float:
        z = numpy.zeros(len(y))
        for k in range(FOLDS):
            test = folds == k
            z[test] = offset[test] + x[test] @ fit(x[~test], y[~test], l2, offset[~test],
                                                   bias=False)
        return log_loss(z, y)

    l2 = min(L2_GRID, key=held_out_loss)
    v = fit(x, y, l2, offset, bias=False)
    for k, weight, column in zip(new, v, x.T, strict=True):
        used = column != 0
        print(f"  {k}: {weight / scale:+.3f} ({int(used.sum())} events, "
              f"{int(y[used].sum())} right)")
        model["weights"][k] = round(float(weight / scale), 4)  # (the logit is scaled after)
    model["new_fitted_on"] = (f"{' + '.join(['train', *map(str, also)])} ({inputs}), "
                              f"{len(new)} new features, l2 {l2}, {date.today().isoformat()}")
    MODEL.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    return 0


def recalibrate(corpus_root: Path, inputs: str, also: tuple[Path, ...]) -> int:
    """Refit the calibration (scale, shift) of the present model on the events it proposes,
    and move the threshold so that it proposes the same events (module docstring)."""
    from pipeline.nlp.confidence import _calibration, threshold

    present = _present(corpus_root, inputs, also)
    if present is None:
        return 1
    model, _, gold_docs, every, z_every = present
    scale, shift = _calibration()
    floor = threshold()
    conf = 1 / (1 + numpy.exp(-z_every))  # (unrounded, as the threshold is compared with it)
    proposed = conf >= floor
    z = z_every[proposed]
    y = labels(gold_docs, [f for f, kept in zip(every, proposed, strict=True) if kept])
    b, a = fit(numpy.c_[numpy.ones(len(y)), z], y, 0.0)
    if a <= 0:
        print("the refit would reverse the order of events: model left as it is")
        return 1
    new_scale, new_shift = round(float(a * scale), 4), round(float(a * shift + b), 4)
    # the image of the threshold: an event's raw score r is proposed when
    # scale * r + shift >= logit(floor), the same r as new_scale * r + new_shift >= the
    # new threshold's logit, both maps rising (exact, with the stored rounded numbers)
    raw = (numpy.log(floor / (1 - floor)) - shift) / scale
    new_floor = float(1 / (1 + numpy.exp(-(new_scale * raw + new_shift))))
    raw_every = (z_every - shift) / scale
    p_every = 1 / (1 + numpy.exp(-(new_scale * raw_every + new_shift)))
    changed = int(((p_every >= new_floor) != proposed).sum())
    print(f"{int(proposed.sum())} proposed events of {len(every)}, {int(y.sum())} right; "
          f"mean confidence {conf[proposed].mean():.3f} -> {p_every[proposed].mean():.3f}, "
          f"share right {y.mean():.3f}; threshold {floor} -> {new_floor:.6f}; events proposed "
          f"differently: {changed}")
    model["calibration"] = {"scale": new_scale, "shift": new_shift}
    model["threshold"] = new_floor
    model["recalibrated_on"] = (f"{' + '.join(['train', *map(str, also)])} ({inputs}), "
                                f"{int(proposed.sum())} proposed events, {int(y.sum())} right, "
                                f"{date.today().isoformat()}")
    MODEL.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
