"""Fit the confidence model with the wording of each event's sentence (``pipeline/nlp/wording.py``).

The same fit as ``scripts/fit_confidence.py`` (its docstring: the candidates of train and of
the ``--also`` folders, each labelled by ``pipeline.evaluate``'s matching; train weight and
L2 chosen by held-out log loss on train's documents, each probe set group held out whole
and train in hash folds; Platt calibration and threshold on the held-out scores), over the
rule features and, with ``--wording``, the wording features: the marks and the sentence's
position, and the lemmas seen in at least ``MIN_GROUPS`` groups of the ``--also`` sets (so
the model learns the genre's language, not one set's names). The logistic fit is L-BFGS on
sparse rows in numpy (a few thousand weights: Newton's dense Hessian would not fit the time).

    python scripts/fit_wording.py --corpus ../shared/corpus --also tests/probes --wording
                                  [--cache FILE] [--parts t,w,s,m] [--dry-run]

``--cache FILE`` keeps the candidates found (a pickle) and reads them from there when it
exists: the rules run once for many fits. ``--dry-run`` prints the held-out figures and
writes nothing. Prints the held-out F1 of the candidates at the chosen threshold (train's
documents and the probe groups apart): the figure on documents the weights were not fitted on.

``--on MODEL`` keeps a fitted model (weights, calibration, threshold) and fits only the
wording weights on top of its logit, without a shift of it.

What it found (2026-12-07, 5,658 candidates of train + tests/probes, 3,653 right): the
wording does not earn its place. Held out (each probe group whole, train in hash folds),
at the threshold each fit chooses:

- rule features alone (fit_confidence's choice, train weight 20, L2 1, threshold .42):
  train F1 .856 (tp 535, fp 69), probe groups .790 (2902/766); log loss .314 / .479;
- with the wording (trigger and window lemmas of 2+ probe groups and 5+ candidates, 1,083
  features, and the marks; their L2 four times the rules'; chosen train weight 10, L2 1,
  threshold .40): train .849 (530/72), probe groups .791 (2916/773); log loss .317 / .445.
  The marks alone: .853 / .789; the whole sentence's words too: lower on both; words
  crossed with the type: probe log loss .42 but F1 no higher.

The wording ranks the probe candidates somewhat better (held-out AUC .850 -> .865; within
the band .45-.645 of the present model, 700 probe candidates of which 194 right, .623 ->
.649), not enough to move F1. Shipped and scored, the full-grid wording model gave train
539/42/105 -> 559/38/85 and probes 2842/660/842 -> 2959/734/725 (both fitted on) but valid
119/22/29 -> 117/30/31: it learned the studied documents' writing. On the present model
(``--on``, threshold .645 kept) the held-out probe F1 fell (.794 -> .767 with the words,
.764 with the marks alone), and at the best threshold it was no higher (.793). The refit
without wording (fit_confidence --also tests/probes) cost valid as before: train 547/54/97,
valid 119/33/29, probes 2903/764/781 (F1 .790, from .791).
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

import numpy

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from fit_confidence import (  # noqa: E402
    L2_GRID,
    TRAIN_WEIGHTS,
    best_threshold,
    events_of,
    f1_at,
    held_out_folds,
    labels,
    log_loss,
    sigmoid,
    weighted_gold,
)

from pipeline.nlp.confidence import MODEL  # noqa: E402

MIN_GROUPS = 2  # a lemma is a feature when the candidates of this many --also groups have it
MIN_EVENTS = 5  # ... and this many candidates in all
LEXICAL = "lx."
WORDING_L2 = (3.0, 10.0, 30.0, 100.0)  # (on a fitted model's logit: a stronger pull to 0)


class Rows:
    """Sparse rows: (row, column, value) triples, with the products a fit needs."""

    def __init__(self, rows: numpy.ndarray, cols: numpy.ndarray, vals: numpy.ndarray,
                 shape: tuple[int, int]):
        self.rows, self.cols, self.vals, self.shape = rows, cols, vals, shape

    def dot(self, w: numpy.ndarray) -> numpy.ndarray:
        return numpy.bincount(self.rows, weights=self.vals * w[self.cols],
                              minlength=self.shape[0])

    def tdot(self, r: numpy.ndarray) -> numpy.ndarray:
        return numpy.bincount(self.cols, weights=self.vals * r[self.rows],
                              minlength=self.shape[1])

    def take(self, keep: numpy.ndarray) -> Rows:
        """The rows where ``keep`` holds, renumbered."""
        new = numpy.cumsum(keep) - 1
        mask = keep[self.rows]
        return Rows(new[self.rows[mask]], self.cols[mask], self.vals[mask],
                    (int(keep.sum()), self.shape[1]))


def matrix(found: list[dict], names: list[str], scale: float = 1.0) -> Rows:
    """The candidates' features over ``names`` (column 0 the bias), a wording feature's
    value times ``scale``."""
    index = {k: j + 1 for j, k in enumerate(names)}
    rows, cols, vals = [], [], []
    for i, f in enumerate(found):
        rows.append(i)
        cols.append(0)
        vals.append(1.0)
        for k, v in f["features"].items():
            j = index.get(k)
            if j is not None and v:
                rows.append(i)
                cols.append(j)
                vals.append(float(v) * (scale if k.startswith(LEXICAL) else 1.0))
    return Rows(numpy.array(rows), numpy.array(cols), numpy.array(vals),
                (len(found), len(names) + 1))


def fit(x: Rows, y: numpy.ndarray, l2: float, weight: numpy.ndarray,
        start: numpy.ndarray | None = None, iterations: int = 400,
        offset: numpy.ndarray | float = 0.0) -> numpy.ndarray:
    """Logistic weights minimising the weighted log loss plus ``l2``/2 |w|^2, by L-BFGS
    with a backtracking line search, on top of a fixed logit ``offset``; the bias (column 0)
    is not penalised unless there is an offset (then it is a shift of a fitted model's
    logit, held near 0 like the other weights)."""
    d = x.shape[1]
    penal = numpy.ones(d)
    if numpy.ndim(offset) == 0:
        penal[0] = 0.0

    def value(w: numpy.ndarray) -> tuple[float, numpy.ndarray]:
        z = offset + x.dot(w)
        loss = float((weight * (numpy.logaddexp(0, z) - y * z)).sum()
                     + 0.5 * l2 * (penal * w * w).sum())
        grad = x.tdot(weight * (sigmoid(z) - y)) + l2 * penal * w
        return loss, grad

    w = numpy.zeros(d) if start is None else start.copy()
    f, g = value(w)
    s_list: list[numpy.ndarray] = []
    y_list: list[numpy.ndarray] = []
    for _ in range(iterations):
        q = g.copy()
        alphas = []
        for s, t in zip(reversed(s_list), reversed(y_list), strict=True):
            a = (s @ q) / (t @ s)
            alphas.append(a)
            q -= a * t
        if s_list:
            q *= (s_list[-1] @ y_list[-1]) / (y_list[-1] @ y_list[-1])
        for (s, t), a in zip(zip(s_list, y_list, strict=True), reversed(alphas), strict=True):
            b = (t @ q) / (t @ s)
            q += s * (a - b)
        direction = -q
        slope = float(g @ direction)
        if slope >= 0:
            direction, slope = -g, -float(g @ g)
        step = 1.0
        while True:
            w_new = w + step * direction
            f_new, g_new = value(w_new)
            if f_new <= f + 1e-4 * step * slope or step < 1e-10:
                break
            step /= 2
        s_list.append(w_new - w)
        y_list.append(g_new - g)
        if len(s_list) > 10:
            s_list.pop(0)
            y_list.pop(0)
        converged = abs(f - f_new) <= 1e-9 * max(1.0, abs(f))
        w, f, g = w_new, f_new, g_new
        if converged or numpy.abs(g).max() < 1e-6:
            break
    return w


def out_of_fold(x: Rows, y: numpy.ndarray, folds: numpy.ndarray, l2: float,
                weight: numpy.ndarray, start: numpy.ndarray,
                offset: numpy.ndarray | None = None) -> numpy.ndarray:
    """Each candidate's logit from a fit on the other folds (or groups)."""
    z = numpy.zeros(len(y)) if offset is None else offset.copy()
    for k in sorted(set(folds.tolist())):
        test = folds == k
        if offset is None:
            w = fit(x.take(~test), y[~test], l2, weight[~test], start)
        else:
            w = fit(x.take(~test), y[~test], l2, weight[~test], start, offset=offset[~test])
        z[test] += x.take(test).dot(w)
    return z


def vocabulary(found: list[dict], parts: set[str]) -> list[str]:
    """The wording features kept: every mark and the position (``m``), and the lemmas of the
    ``parts`` asked (``t`` trigger, ``w`` window, ``s`` sentence) seen in ``MIN_GROUPS``
    groups of the --also sets and in ``MIN_EVENTS`` candidates."""
    groups: dict[str, set[str]] = defaultdict(set)
    count: dict[str, int] = defaultdict(int)
    for f in found:
        for k in f["features"]:
            if k.startswith(LEXICAL):
                count[k] += 1
                if f["group"] != "train":
                    groups[k].add(f["group"])
    kept = []
    for k, n in count.items():
        part = k.split(".")[1]
        if part not in ("t", "w", "s", "m", "pos"):  # (a word crossed with a type: lx.TYPE.t.x)
            part = k.split(".")[2]
        if part in ("m", "pos"):
            if "m" in parts:
                kept.append(k)
        elif part in parts and n >= MIN_EVENTS and len(groups[k]) >= MIN_GROUPS:
            kept.append(k)
    return sorted(kept)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--inputs", choices=("rendered", "text"), default="rendered")
    parser.add_argument("--also", type=Path, action="append", default=[])
    parser.add_argument("--wording", action="store_true", help="fit the wording features too")
    parser.add_argument("--parts", default="t,w,m", help="wording parts: t, w, s, m")
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument("--train-weight", type=float, default=None)
    parser.add_argument("--l2", type=float, default=None)
    parser.add_argument("--dry-run", action="store_true")
    parser.add_argument("--scale", type=float, default=1.0,
                        help="the wording features' values (a smaller one penalises their "
                             "weights more: L2 / scale^2)")
    parser.add_argument("--cross", action="store_true",
                        help="also cross the trigger's and window's words with the event type")
    parser.add_argument("--on", type=Path, default=None,
                        help="keep this fitted model (its weights, calibration and threshold) "
                             "and fit only the wording weights on top of its logit")
    args = parser.parse_args(argv)
    also = tuple(args.also)
    if args.cache and args.cache.exists():
        gold_docs, found = pickle.loads(args.cache.read_bytes())
    else:
        gold_docs, found = events_of(Path(args.corpus), args.inputs, also, min_confidence=0.0,
                                     wording=True)
        if args.cache:
            args.cache.write_bytes(pickle.dumps((gold_docs, found)))
    if args.cross:  # each word of the trigger and its window also as a word of its type
        for f in found:
            f["features"].update({f"{LEXICAL}{f['type']}.{k[len(LEXICAL):]}": v
                                  for k, v in list(f["features"].items())
                                  if k.startswith((f"{LEXICAL}t.", f"{LEXICAL}w."))})
    if args.on:
        return fit_on(args, gold_docs, found)
    rules = sorted({k for f in found for k in f["features"] if not k.startswith(LEXICAL)})
    words = vocabulary(found, set(args.parts.split(","))) if args.wording else []
    names = rules + words
    x = matrix(found, names, args.scale)
    y = labels(gold_docs, found)
    groups = numpy.array([f["group"] for f in found])
    folds = held_out_folds(found, groups, len(set(groups.tolist())) >= 3)
    train = groups == "train"
    train_weights = (args.train_weight,) if args.train_weight is not None else TRAIN_WEIGHTS
    l2s = (args.l2,) if args.l2 is not None else L2_GRID
    print(f"{len(found)} candidates ({int(y.sum())} right), {len(rules)} rule features, "
          f"{len(words)} wording features")
    held: dict[tuple[float, float], numpy.ndarray] = {}
    for k in train_weights:
        weight = numpy.where(train, k, 1.0)
        for l2 in l2s:
            start = fit(x, y, l2, weight)
            held[(k, l2)] = out_of_fold(x, y, folds, l2, weight, start)
            print(f"  train weight {k:g}, L2 {l2:g}: held-out log loss on train "
                  f"{log_loss(held[(k, l2)][train], y[train]):.4f}, on the probe groups "
                  f"{log_loss(held[(k, l2)][~train], y[~train]):.4f}", flush=True)
    train_weight, l2 = min(held, key=lambda c: log_loss(held[c][train], y[train]))
    weight = numpy.where(train, train_weight, 1.0)
    z_cal = held[(train_weight, l2)]
    shift, scale = fit(matrix_of_logit(z_cal), y, 0.0, weight)
    p_cal = sigmoid(scale * z_cal + shift)
    gold_all = weighted_gold(gold_docs, also, train_weight)
    threshold = best_threshold(p_cal, y, gold_all, weight)
    also_docs = {f["doc"] for f in found if f["group"] != "train"}
    gold_train = sum(len(d["events"]) for d in gold_docs if d["doc"] not in also_docs)
    gold_probes = sum(len(d["events"]) for d in gold_docs if d["doc"] in also_docs)
    for label, part, gold in (("train (hash folds)", train, gold_train),
                              ("probes (set groups)", ~train, gold_probes)):
        f1, tp, fp = f1_at(p_cal[part], y[part], gold, threshold)
        print(f"held out, {label}: F1 {f1:.4f} (tp {tp:g}, fp {fp:g}, gold {gold}) at threshold "
              f"{threshold}; log loss {log_loss(scale * z_cal[part] + shift, y[part]):.4f}")
    print(f"chosen: train weight {train_weight:g}, L2 {l2:g}, calibration {scale:.4f} "
          f"{shift:+.4f}, threshold {threshold}")
    if args.dry_run:
        return 0
    w = fit(x, y, l2, weight)
    model = {"_about": "Written by scripts/fit_wording.py: logistic weights over the features "
                       "the rules record for each event and, as 'lx.*', the wording of the "
                       "sentence that states it (pipeline/nlp/wording.py: its trigger's and "
                       "nearby words' lemmas, marks of a plan, a habit, a quotation, a "
                       "heading, its position), the logit then scaled and shifted "
                       "(calibration) on held-out scores; events below the threshold are not "
                       "proposed. Words are those seen in at least "
                       f"{MIN_GROUPS} probe set groups and {MIN_EVENTS} candidates.",
             "fitted_on": f"{' + '.join(['train', *map(str, also)])} ({args.inputs}), "
                          f"{len(found)} events, {int(y.sum())} right, "
                          f"{date.today().isoformat()}",
             "calibrated_on": "held-out scores (sets)",
             "threshold": threshold, "l2": l2, "train_weight": train_weight,
             "calibration": {"scale": round(float(scale), 4), "shift": round(float(shift), 4)},
             "weights": {"bias": round(float(w[0]), 4),
                         # (a wording feature was fitted at value ``scale``: its weight
                         # for the value 1 the pipeline gives it)
                         **{k: round(float(v) * (args.scale if k.startswith(LEXICAL) else 1.0),
                                     4) for k, v in zip(names, w[1:], strict=True)
                            if round(float(v), 4) or not k.startswith(LEXICAL)}}}
    MODEL.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"{MODEL.relative_to(ROOT)}: {len(model['weights'])} weights")
    return 0


def fit_on(args: argparse.Namespace, gold_docs: list[dict], found: list[dict]) -> int:
    """The wording weights fitted on top of the model ``args.on`` (its calibrated logit a
    fixed offset, its threshold kept): every candidate keeps its confidence but for what
    the wording of its sentence adds or takes."""
    also = tuple(args.also)
    present = json.loads(args.on.read_text(encoding="utf-8"))
    w0 = present["weights"]
    scale0 = float(present["calibration"]["scale"])
    shift0 = float(present["calibration"]["shift"])
    threshold = float(present["threshold"])
    offset = numpy.array([scale0 * (w0.get("bias", 0.0) + sum(
        w0.get(k, 0.0) * v for k, v in f["features"].items() if not k.startswith(LEXICAL)))
        + shift0 for f in found])
    words = vocabulary(found, set(args.parts.split(",")))
    x = matrix(found, words, args.scale)
    x.vals[x.cols == 0] = 0.0  # (no shift of the model's logit: its calibration is kept)
    y = labels(gold_docs, found)
    groups = numpy.array([f["group"] for f in found])
    folds = held_out_folds(found, groups, len(set(groups.tolist())) >= 3)
    train = groups == "train"
    print(f"{len(found)} candidates ({int(y.sum())} right), {len(words)} wording features, "
          f"on {args.on} (threshold {threshold})")
    train_weights = (args.train_weight,) if args.train_weight is not None else TRAIN_WEIGHTS
    l2s = (args.l2,) if args.l2 is not None else WORDING_L2
    held: dict[tuple[float, float], numpy.ndarray] = {}
    for k in train_weights:
        weight = numpy.where(train, k, 1.0)
        for l2 in l2s:
            start = fit(x, y, l2, weight, offset=offset)
            held[(k, l2)] = out_of_fold(x, y, folds, l2, weight, start, offset)
            print(f"  train weight {k:g}, L2 {l2:g}: held-out log loss on train "
                  f"{log_loss(held[(k, l2)][train], y[train]):.4f}, on the probe groups "
                  f"{log_loss(held[(k, l2)][~train], y[~train]):.4f}", flush=True)
    train_weight, l2 = min(held, key=lambda c: log_loss(held[c][train], y[train]))
    also_docs = {f["doc"] for f in found if f["group"] != "train"}
    gold_train = sum(len(d["events"]) for d in gold_docs if d["doc"] not in also_docs)
    gold_probes = sum(len(d["events"]) for d in gold_docs if d["doc"] in also_docs)
    for name, z in (("without wording", offset), ("with wording", held[(train_weight, l2)])):
        for label, part, gold in (("train (hash folds)", train, gold_train),
                                  ("probes (set groups)", ~train, gold_probes)):
            f1, tp, fp = f1_at(sigmoid(z[part]), y[part], gold, threshold)
            print(f"held out, {name}, {label}: F1 {f1:.4f} (tp {tp:g}, fp {fp:g}, gold {gold}) "
                  f"at threshold {threshold}; log loss {log_loss(z[part], y[part]):.4f}")
    print(f"chosen: train weight {train_weight:g}, L2 {l2:g}")
    for name, z in (("without wording", offset), ("with wording", held[(train_weight, l2)])):
        for label, part, gold in (("train", train, gold_train), ("probes", ~train, gold_probes)):
            curve = " ".join(f"{t:.2f}:{f1_at(sigmoid(z[part]), y[part], gold, t)[0]:.3f}"
                             for t in numpy.arange(0.3, 0.76, 0.05))
            print(f"  F1 by threshold, {name}, {label}: {curve}")
    if args.dry_run:
        return 0
    v = fit(x, y, l2, numpy.where(train, train_weight, 1.0), offset=offset)
    model = dict(present)
    weights = dict(w0)
    weights["bias"] = round(float(w0.get("bias", 0.0) + v[0] / scale0), 4)
    weights.update({k: round(float(c * args.scale / scale0), 4)
                    for k, c in zip(words, v[1:], strict=True) if round(float(c), 4)})
    model["weights"] = weights
    model["wording_fitted_on"] = (
        f"{' + '.join(['train', *map(str, also)])}, {len(words)} wording features (lemmas "
        f"seen in {MIN_GROUPS}+ probe set groups and {MIN_EVENTS}+ candidates), on the "
        f"model's logit, train weight {train_weight:g}, L2 {l2:g}, {date.today().isoformat()}")
    MODEL.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"{MODEL.relative_to(ROOT)}: {len(weights)} weights")
    return 0


def matrix_of_logit(z: numpy.ndarray) -> Rows:
    """Rows (1, z): the calibration's two columns."""
    n = len(z)
    return Rows(numpy.repeat(numpy.arange(n), 2), numpy.tile([0, 1], n),
                numpy.c_[numpy.ones(n), z].ravel(), (n, 2))


if __name__ == "__main__":
    sys.exit(main())
