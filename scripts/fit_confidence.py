"""Fit the confidence model (``models/confidence.json``) on ``../shared/corpus/train``.

Every train document goes through extraction and the rules in this process; each event
is labelled right when it matches a gold event of its document (``pipeline.evaluate``'s
matching). A logistic regression (Newton steps, numpy) over the events' features gives
the weights. A frame's weight is fitted beside its type's (``type_X`` and ``frame_X.id`` are
both features), so it is the frame's departure from its type, pulled to 0 by the penalty: a
frame with few events, or one added after the fit, counts for its type.

The L2 strength (and with ``--also`` how many times a train event counts, from
``TRAIN_WEIGHTS``) are those whose held-out log loss on train's documents is lowest (valid is
drawn like train; the probe sets are not). Held out: with ``--also``, one SET of documents at a
time (the sets of an ``--also`` folder are grouped by the letters and digits their name opens
with, so h12a..h12e are one group, h12: sets written later, which nobody has read, are what
the score must hold on), and train's documents in five folds split by a hash of their id
(held out whole, train would be scored by a fit on the probe sets alone, while valid is
scored by one that saw train); without ``--also``, five such folds of train.

A model scores the events it was fitted on too well, and the rules score the documents their
authors read too well, so the scores are then recalibrated (Platt scaling: a scale and shift
of the logit) on held-out scores. With ``--unseen FILE`` (``models/unseen_candidates.json``;
neither ``make calibrate`` nor ``make recalibrate`` passes it, see below) those are the
candidates the rules found on probe sets while the sets were still unseen (each set's start
build, recorded by ``scripts/record_unseen.py``), each scored by weights fitted without its
set's group; without it, the held-out scores above.
The threshold below which an event is not proposed at all is the middle of the plateau where
F1 on those same held-out events is highest (a train event and a train gold event counted as
in the fit; with ``--unseen``, recall is out of the recorded sets' gold events), never above
``MAX_THRESHOLD`` (a reviewer would rather reject than never see). ``make eval`` then shows
on ``valid`` whether the confidence holds: precision per band and the expected calibration
error.

    python scripts/fit_confidence.py [--corpus ../shared/corpus] [--inputs rendered|text]
                                     [--also tests/probes ...] [--unseen FILE]

``--also`` adds set folders (each holding ``*/gold.jsonl`` and ``rendered/``, like
``tests/probes``) to the documents the model is fitted on.

``--unseen FILE`` calibrates the logit and sets the threshold on the candidates recorded in
FILE (above) rather than on held-out scores of documents the rules were written on.

With ``--unseen FILE``, ``--recalibrate`` fits the scale and shift on the candidates recorded
in FILE instead (all of them, scored by the present weights; no documents are read), and
moves the threshold in the same way: the events proposed stay the same, the numbers a
reviewer reads become those the rules earn on documents nobody has read. The shipped model
is not calibrated so: on valid (documents written like train) it scores underconfident (ECE
.03 -> .16) while on the probe sets its ECE falls from about .2 to .05; valid is the measure
the project is judged on, so the choice is left open (``make recalibrate`` keeps the
train + probes calibration).

``--l2 S`` (with ``--new-only``): the new weights' L2 strength, instead of the one that held-out
folds choose: a frame with a handful of events then stays near its type's weight (the
choice left to the folds gave one frame of 5 events a weight that cost valid a true event).

``--train-weight K`` (default: the one of ``TRAIN_WEIGHTS`` chosen as above): a train event
counts K times beside an event of an ``--also`` folder, in the fit, its calibration and its
threshold (``train`` is the corpus ``valid`` is drawn like; the probes add the frames and
writing it lacks).

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
import re
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
TRAIN_WEIGHTS = (1.0, 2.0, 5.0, 10.0, 20.0)  # how many times a train event counts beside one
# of an --also folder: the one whose held-out log loss on train's documents is lowest is used


def events_of(corpus_root: Path, inputs: str, also: tuple[Path, ...] = (),
              min_confidence: float | None = None, wording: bool | None = None
              ) -> tuple[list[dict], list[dict]]:
    """(gold documents, found events with their features) of the train set and of the
    folders in ``also``; with ``wording``, the features of each event's sentence's wording
    too (``pipeline/nlp/wording.py``; default: when the present model weighs them)."""
    corpus = read_corpus([corpus_root / f for f in SETS["train"]
                          if (corpus_root / f).is_dir()] + list(also), inputs)
    group = {doc: set_group(name) for folder in also for name, docs in _sets(folder).items()
             for doc in docs}
    settings = Settings()
    found = []
    for path in corpus.files:
        body = path.read_bytes()
        fetched = Fetched(url=path.as_uri(), final_url=path.as_uri(), source=None, body=body,
                          sha256=hashlib.sha256(body).hexdigest())
        doc_id = corpus.url_to_doc[path.as_uri()]
        for e in tag(extract(fetched, settings), min_confidence, wording).events:
            found.append({"doc": doc_id, "type": e.type, "countries": list(e.countries),
                          "date": e.date, "features": e.features, "confidence": e.confidence,
                          "group": group.get(doc_id, "train")})
    return corpus.gold_docs, found


def set_group(name: str) -> str:
    """The group a set folder's documents are held out with: the letters and digits its name
    opens with ('h12c' -> 'h12', 'p5en' -> 'p5'; 'pana' stays 'pana')."""
    match = re.match(r"[a-z]+\d+", name)
    return match.group(0) if match else name


def _sets(folder: Path) -> dict[str, list[str]]:
    """The document ids of each set (``*/gold.jsonl``) of a set folder."""
    return {g.parent.name: [json.loads(line)["doc"] for line in
                            g.read_text(encoding="utf-8").splitlines() if line.strip()]
            for g in sorted(folder.glob("*/gold.jsonl"))}


def held_out_folds(found: list[dict], groups: numpy.ndarray, by_set: bool) -> numpy.ndarray:
    """What each event is held out with: its set's group (``by_set``), except train's
    documents, which fall in ``FOLDS`` folds by a hash of their id (held out whole, train
    would be scored by a fit on the probe sets alone, while valid, drawn like train, is scored
    by one that saw train); without ``by_set``, every document by such a hash."""
    hashed = numpy.array([f"fold{int(hashlib.sha256(f['doc'].encode()).hexdigest(), 16) % FOLDS}"
                          for f in found])
    return numpy.where(groups == "train", hashed, groups) if by_set else hashed


def weighted_gold(gold_docs: list[dict], also: tuple[Path, ...], train_weight: float) -> float:
    """The gold events, a train one counted ``train_weight`` times (one of an ``--also``
    folder once), as the events are counted in the fit."""
    also_docs = {doc for folder in also for docs in _sets(folder).values() for doc in docs}
    return sum(len(d["events"]) * (1.0 if d["doc"] in also_docs else train_weight)
               for d in gold_docs)


def labels(gold_docs: list[dict], found: list[dict]) -> numpy.ndarray:
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for i, f in enumerate(found):
        by_doc[f["doc"]].append(dict(f, index=i))
    result = score(gold_docs, by_doc, {})
    y = numpy.zeros(len(found))
    for m in result.matches:
        y[m.found["index"]] = 1
    return y


def sigmoid(z: numpy.ndarray | float) -> numpy.ndarray:
    """The logistic function, what the confidence is of its score."""
    return 1 / (1 + numpy.exp(-numpy.asarray(z, dtype=float)))


def fit(x: numpy.ndarray, y: numpy.ndarray, l2: float = L2, offset: numpy.ndarray | float = 0.0,
        bias: bool = True, weight: numpy.ndarray | float = 1.0) -> numpy.ndarray:
    """Logistic weights by Newton steps, on top of a fixed logit ``offset``; every weight
    is penalised by ``l2`` but the first column's when ``bias`` (it is the intercept); each
    event counts ``weight`` times."""
    w = numpy.zeros(x.shape[1])
    penalised = numpy.ones(len(w))
    if bias:
        penalised[0] = 0.0
    for _ in range(50):
        p = sigmoid(offset + x @ w)
        grad = x.T @ (weight * (p - y)) + l2 * penalised * w
        hess = (x.T * (weight * p * (1 - p))) @ x + l2 * numpy.diag(penalised)
        step = numpy.linalg.solve(hess, grad)
        w -= step
        if numpy.abs(step).max() < 1e-6:
            break
    return w


def out_of_fold(x: numpy.ndarray, y: numpy.ndarray, folds: numpy.ndarray,
                l2: float, weight: numpy.ndarray | float = 1.0) -> numpy.ndarray:
    """Each event's logit from a fit on the other folds' (or groups') documents."""
    z = numpy.zeros(len(y))
    weights = numpy.broadcast_to(weight, y.shape)
    for k in sorted(set(folds.tolist())):
        test = folds == k
        z[test] = x[test] @ fit(x[~test], y[~test], l2, weight=weights[~test])
    return z


def read_unseen(path: Path, names: list[str]) -> dict[str, tuple[numpy.ndarray, numpy.ndarray,
                                                                 int]]:
    """Per recorded set (``--unseen``): its candidates' feature rows (over ``names``, the
    fitted features; a feature the fit does not know counts 0), whether each was right, and
    the set's number of gold events."""
    sets = json.loads(path.read_text(encoding="utf-8"))["sets"]
    return {name: (numpy.array([[1.0] + [e["features"].get(k, 0.0) for k in names]
                                for e in s["events"]]),
                   numpy.array([float(e["right"]) for e in s["events"]]), int(s["gold"]))
            for name, s in sets.items()}


def log_loss(z: numpy.ndarray, y: numpy.ndarray) -> float:
    p = numpy.clip(sigmoid(z), 1e-6, 1 - 1e-6)
    return float(-(y * numpy.log(p) + (1 - y) * numpy.log(1 - p)).mean())


def f1_at(p: numpy.ndarray, y: numpy.ndarray, gold: float, t: float,
          weight: numpy.ndarray | float = 1.0) -> tuple[float, float, float]:
    """F1 of the events whose probability is at least ``t`` against ``gold`` gold events,
    with their tp and fp (each event counted with its ``weight``)."""
    weights = numpy.broadcast_to(weight, y.shape)
    keep = p >= t
    tp = float((weights * y)[keep].sum())
    kept = float(weights[keep].sum())
    return (2 * tp / (kept + gold) if tp else 0.0), tp, kept - tp


def best_threshold(p: numpy.ndarray, y: numpy.ndarray, gold: float,
                   weight: numpy.ndarray | float = 1.0) -> float:
    """The middle of the thresholds whose F1 is within ``PLATEAU`` of the best (each event
    and ``gold``, the gold events, counted with their ``weight``): F1 is flat near its top,
    and the middle moves least from one fit to the next."""
    scores = [(float(t), f1_at(p, y, gold, t, weight)[0])
              for t in numpy.arange(0.0, MAX_THRESHOLD + 1e-9, 0.01)]
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
    parser.add_argument("--unseen", type=Path, default=None,
                        help="calibrate and set the threshold on the candidates recorded "
                             "in this file (models/unseen_candidates.json)")
    parser.add_argument("--l2", type=float, default=None,
                        help="with --new-only: this L2 strength instead of the one leaving "
                             "folds out chooses (a larger one keeps a new frame near its "
                             "type's weight when it has few events)")
    parser.add_argument("--train-weight", type=float, default=None,
                        help="how many times a train event counts beside an --also one "
                             "(default: the one of TRAIN_WEIGHTS held-out folds choose)")
    args = parser.parse_args(argv)
    if not any((Path(args.corpus) / f).is_dir() for f in SETS["train"]):
        # (without it the fit would run on --also alone, or on nothing, and say nothing)
        print(f"error: no train set under {args.corpus} (give --corpus DIR, the folder "
              f"holding {', '.join(SETS['train'])})", file=sys.stderr)
        return 2
    if args.recalibrate:
        if args.unseen:
            return recalibrate_unseen(args.unseen)
        return recalibrate(Path(args.corpus), args.inputs, tuple(args.also))
    if args.new_only:
        return fit_new(Path(args.corpus), args.inputs, tuple(args.also), args.l2)
    MODEL.unlink(missing_ok=True)  # features do not depend on it; the old weights must not
    gold_docs, found = events_of(Path(args.corpus), args.inputs, tuple(args.also))
    names = sorted({k for f in found for k in f["features"]})
    x = numpy.array([[1.0] + [f["features"].get(k, 0.0) for k in names] for f in found])
    y = labels(gold_docs, found)
    groups = numpy.array([f["group"] for f in found])
    by_set = len(set(groups.tolist())) >= 3
    folds = held_out_folds(found, groups, by_set)
    train = groups == "train"
    train_weights = (args.train_weight,) if args.train_weight is not None \
        else TRAIN_WEIGHTS if args.also else (1.0,)
    held_out = {(k, l2): out_of_fold(x, y, folds, l2, numpy.where(train, k, 1.0))
                for k in train_weights for l2 in L2_GRID}
    # (on train's documents: valid is drawn like train, the probe sets are not)
    train_weight, l2 = min(held_out, key=lambda c: log_loss(held_out[c][train], y[train]))
    weight = numpy.where(train, train_weight, 1.0)
    if len(held_out) > 1:
        print("held-out log loss on train's documents (train weight, L2): " + ", ".join(
            f"{k:g}/{c:g} {log_loss(z[train], y[train]):.4f}" for (k, c), z in held_out.items()))
    w = fit(x, y, l2, weight=weight)
    if args.unseen:  # each recorded set scored by weights fitted without its group
        # (its group, not its fold: with fewer than three groups the folds are hashes of
        # documents, and leaving out a fold named after a set left out nothing)
        unseen = read_unseen(args.unseen, names)
        z_cal = numpy.concatenate([ux @ fit(x[groups != name], y[groups != name], l2,
                                            weight=weight[groups != name])
                                   for name, (ux, _, _) in unseen.items()])
        y_cal = numpy.concatenate([uy for _, uy, _ in unseen.values()])
        gold_cal: float = sum(g for _, _, g in unseen.values())
        weight_cal = numpy.ones(len(y_cal))
    else:  # (a train event and a train gold event count train_weight times here too)
        z_cal, y_cal, weight_cal = held_out[(train_weight, l2)], y, weight
        gold_cal = weighted_gold(gold_docs, tuple(args.also), train_weight)
    shift, scale = fit(numpy.c_[numpy.ones(len(y_cal)), z_cal], y_cal, 0.0, weight=weight_cal)
    p = sigmoid(scale * (x @ w) + shift)
    p_cal = sigmoid(scale * z_cal + shift)
    threshold = best_threshold(p_cal, y_cal, gold_cal, weight_cal)
    for name in sorted(set(groups.tolist())) if by_set else ():
        held = groups == name
        print(f"  held out {name}: {int(held.sum())} events, log loss "
              f"{log_loss(scale * held_out[(train_weight, l2)][held] + shift, y[held]):.3f}")
    model = {"_about": "Written by scripts/fit_confidence.py (make calibrate): logistic "
                       "weights over the features the rules record for each event, the logit "
                       "then scaled and shifted (calibration); events below the threshold are "
                       "not proposed.",
             "fitted_on": f"{' + '.join(['train', *map(str, args.also)])} ({args.inputs}), "
                          f"{len(found)} events, {int(y.sum())} right, "
                          f"{date.today().isoformat()}",
             "calibrated_on": f"{args.unseen} ({len(y_cal)} candidates, {int(y_cal.sum())} "
                              f"right, each set scored without its group)" if args.unseen
                              else "held-out scores (" + ("sets" if by_set else "folds") + ")",
             "threshold": threshold, "l2": l2,
             **({"train_weight": train_weight} if args.also else {}),
             "calibration": {"scale": round(float(scale), 4), "shift": round(float(shift), 4)},
             "weights": {"bias": round(float(w[0]), 4),
                         **{k: round(float(v), 4) for k, v in zip(names, w[1:], strict=True)}}}
    MODEL.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    kept = p >= threshold
    print(f"{MODEL.relative_to(ROOT)}: {len(found)} events ({int(y.sum())} right); threshold "
          f"{threshold}: keeps {int(kept.sum())}, {int(y[kept].sum())} right; L2 {l2}, train "
          f"weight {train_weight:g}")
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


def fit_new(corpus_root: Path, inputs: str, also: tuple[Path, ...],
            l2_strength: float | None = None) -> int:
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

    l2 = l2_strength if l2_strength is not None else min(L2_GRID, key=held_out_loss)
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


def recalibrate_unseen(path: Path) -> int:
    """Refit the calibration (scale, shift) of the present weights on the candidates recorded
    in ``path`` (``--unseen``), and move the threshold so that it proposes the same events
    (module docstring)."""
    from pipeline.nlp.confidence import _calibration, _model, threshold, weights

    model, w = _model(), weights()
    if not w:
        print("no fitted model: run make calibrate first")
        return 1
    names = sorted(k for k in w if k != "bias")
    unseen = read_unseen(path, names)
    vector = numpy.array([w["bias"], *(w[k] for k in names)])
    raw = numpy.concatenate([ux @ vector for ux, _, _ in unseen.values()])
    y = numpy.concatenate([uy for _, uy, _ in unseen.values()])
    gold = sum(g for _, _, g in unseen.values())
    shift, scale = fit(numpy.c_[numpy.ones(len(y)), raw], y, 0.0)
    if scale <= 0:
        print("the refit would reverse the order of events: model left as it is")
        return 1
    new_scale, new_shift = round(float(scale), 4), round(float(shift), 4)
    old_scale, old_shift = _calibration()
    floor = threshold()
    new_floor = _threshold_image(floor, (old_scale, old_shift), (new_scale, new_shift))
    p = sigmoid(new_scale * raw + new_shift)
    old_p = sigmoid(old_scale * raw + old_shift)
    kept = p >= new_floor

    def f1(keep: numpy.ndarray) -> float:
        return 2 * float(y[keep].sum()) / (float(keep.sum()) + gold)

    print(f"{path}: {len(y)} candidates, {int(y.sum())} right, {gold} gold events; "
          f"proposed {int(kept.sum())}, share right {y[kept].mean():.3f}, mean confidence "
          f"{old_p[kept].mean():.3f} -> {p[kept].mean():.3f}; threshold {floor} -> "
          f"{new_floor:.6f} (F1 there {f1(kept):.3f}; the middle of the best F1's plateau: "
          f"{best_threshold(p, y, gold)}, F1 {f1(p >= best_threshold(p, y, gold)):.3f})")
    return _save_calibration(model, (new_scale, new_shift), new_floor,
                             f"{path}: {len(y)} candidates of sets while unseen, "
                             f"{int(y.sum())} right")


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
    conf = sigmoid(z_every)  # (unrounded, as the threshold is compared with it)
    proposed = conf >= floor
    z = z_every[proposed]
    y = labels(gold_docs, [f for f, kept in zip(every, proposed, strict=True) if kept])
    b, a = fit(numpy.c_[numpy.ones(len(y)), z], y, 0.0)
    if a <= 0:
        print("the refit would reverse the order of events: model left as it is")
        return 1
    new_scale, new_shift = round(float(a * scale), 4), round(float(a * shift + b), 4)
    new_floor = _threshold_image(floor, (scale, shift), (new_scale, new_shift))
    raw_every = (z_every - shift) / scale
    p_every = sigmoid(new_scale * raw_every + new_shift)
    changed = int(((p_every >= new_floor) != proposed).sum())
    print(f"{int(proposed.sum())} proposed events of {len(every)}, {int(y.sum())} right; "
          f"mean confidence {conf[proposed].mean():.3f} -> {p_every[proposed].mean():.3f}, "
          f"share right {y.mean():.3f}; threshold {floor} -> {new_floor:.6f}; events proposed "
          f"differently: {changed}")
    return _save_calibration(model, (new_scale, new_shift), new_floor,
                             f"{' + '.join(['train', *map(str, also)])} ({inputs}), "
                             f"{int(proposed.sum())} proposed events, {int(y.sum())} right")


def _threshold_image(floor: float, old: tuple[float, float], new: tuple[float, float]) -> float:
    """The threshold that proposes the same events under the new calibration (scale, shift)
    as ``floor`` under the old: an event's raw score r is proposed when
    scale * r + shift >= logit(floor), the same r as under the new map and the image, both
    maps rising (exact, with the stored rounded numbers)."""
    raw = (numpy.log(floor / (1 - floor)) - old[1]) / old[0]
    return float(sigmoid(new[0] * raw + new[1]))


def _save_calibration(model: dict, calibration: tuple[float, float], floor: float,
                      source: str) -> int:
    """The model written with its new calibration and threshold, and what they were fitted on."""
    model["calibration"] = {"scale": calibration[0], "shift": calibration[1]}
    model["threshold"] = floor
    model["recalibrated_on"] = f"{source}, {date.today().isoformat()}"
    MODEL.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
