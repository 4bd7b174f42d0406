"""How the shipped confidence model and a refit hold on documents they were not fitted on.

Every event the rules find (no threshold) on train and on the sets of ``--also`` folders
(``tests/probes``) is scored twice:

- by the shipped model (``models/confidence.json``) at its threshold: its weights were fitted
  on train (and new frames on the probes), so train is in-sample for it and the probe sets
  nearly out of sample;
- by a refit on train + the ``--also`` folders (``scripts/fit_confidence.py``'s fit, with the
  given L2 strength and train weight), each event by weights fitted without its fold: train's
  documents in five hashed folds, each probe set group (``h12``, ``q17``: a batch written by
  different people at one time) held out whole. The held-out logits are then calibrated and
  the threshold set as ``fit_confidence`` does.

It prints tp, fp, fn and F1 per held-out group (exact matching, ``pipeline.evaluate.score``,
within each document; the evaluation's cross-document merging is not run, so the figures
differ by a few events from ``make eval``). With ``--unseen FILE`` it also scores the
candidates recorded on probe sets while they were still unseen (``scripts/record_unseen.py``):
per set, F1 at each model's threshold and the ranking's AUC, the refit's weights fitted without
the set's group. Nothing is written.

    python scripts/cv_confidence.py --corpus ../shared/corpus --also tests/probes \\
        [--unseen models/unseen_candidates.json] [--l2 1] [--train-weight 10]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

import numpy

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import fit_confidence as fc  # noqa: E402

from pipeline.evaluate import score  # noqa: E402
from pipeline.nlp.confidence import probability, threshold  # noqa: E402


def auc(s: numpy.ndarray, y: numpy.ndarray) -> float:
    """The chance that a right event is ranked above a wrong one."""
    ranks = numpy.empty(len(s))
    ranks[numpy.argsort(s, kind="stable")] = numpy.arange(1, len(s) + 1)
    right = float(y.sum())
    wrong = len(y) - right
    return float((ranks[y == 1].sum() - right * (right + 1) / 2) / (right * wrong)) \
        if right and wrong else float("nan")


def f1(tp: float, fp: float, fn: float) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def per_group(gold_docs: list[dict], found: list[dict], kept: numpy.ndarray,
              group_of: dict[str, str]) -> dict[str, tuple[int, int, int]]:
    """(tp, fp, fn) per group of the events kept."""
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for f, k in zip(found, kept, strict=True):
        if k:
            by_doc[f["doc"]].append(f)
    golds: dict[str, list[dict]] = defaultdict(list)
    for d in gold_docs:
        golds[group_of.get(d["doc"], "train")].append(d)
    out = {}
    for name, docs in golds.items():
        e = score(docs, by_doc, {}).events
        out[name] = (e.tp, e.fp, e.fn)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--also", type=Path, action="append", default=[])
    parser.add_argument("--unseen", type=Path, default=None)
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--train-weight", type=float, default=10.0)
    args = parser.parse_args(argv)
    if not any((Path(args.corpus) / f).is_dir() for f in fc.SETS["train"]):
        print(f"error: no train set under {args.corpus}", file=sys.stderr)
        return 2
    gold_docs, found = fc.events_of(Path(args.corpus), "rendered", tuple(args.also),
                                    min_confidence=0.0)
    y = fc.labels(gold_docs, found)
    names = sorted({k for f in found for k in f["features"]})
    x = numpy.array([[1.0] + [f["features"].get(k, 0.0) for k in names] for f in found])
    groups = numpy.array([f["group"] for f in found])
    train = groups == "train"
    folds = fc.held_out_folds(found, groups, by_set=True)
    weight = numpy.where(train, args.train_weight, 1.0)
    z = fc.out_of_fold(x, y, folds, args.l2, weight)
    shift, scale = fc.fit(numpy.c_[numpy.ones(len(y)), z], y, 0.0, weight=weight)
    p_refit = fc.sigmoid(scale * z + shift)
    group_of = {doc: fc.set_group(name) for folder in args.also
                for name, docs in fc._sets(folder).items() for doc in docs}
    t_refit = fc.best_threshold(p_refit, y, fc.weighted_gold(gold_docs, tuple(args.also),
                                                             args.train_weight), weight)
    p_now = numpy.array([probability(f["features"]) for f in found])
    now = per_group(gold_docs, found, p_now >= threshold(), group_of)
    refit = per_group(gold_docs, found, p_refit >= t_refit, group_of)
    print(f"shipped model at {threshold()} | refit (L2 {args.l2}, train weight "
          f"{args.train_weight:g}), held out by fold, at {t_refit}: tp fp fn F1")
    def cell(figures: tuple[int, ...]) -> str:
        return f"{' '.join(map(str, figures)):>14s} {f1(*figures):.3f}"

    totals: dict[str, tuple[int, ...]] = {"now": (0, 0, 0), "refit": (0, 0, 0)}
    for name in sorted(now, key=lambda n: (n != "train", n)):
        print(f"  {name:6s} {cell(now[name])} | {cell(refit[name])}")
        if name != "train":
            for key, figures in (("now", now[name]), ("refit", refit[name])):
                totals[key] = tuple(a + b for a, b in zip(totals[key], figures, strict=True))
    print(f"  {'sets':6s} {cell(totals['now'])} | {cell(totals['refit'])}")
    if args.unseen:
        print("candidates recorded while each set was unseen: F1 at the threshold, AUC "
              "(shipped | refit without the set's group)")
        sets = json.loads(args.unseen.read_text(encoding="utf-8"))["sets"]
        for name, (ux, uy, gold) in fc.read_unseen(args.unseen, names).items():
            held = groups != name
            u_refit = fc.sigmoid(scale * (ux @ fc.fit(
                x[held], y[held], args.l2, weight=weight[held])) + shift)
            u_now = numpy.array([probability(e["features"]) for e in sets[name]["events"]])
            row = []
            for p, t in ((u_now, threshold()), (u_refit, t_refit)):
                tp = float(uy[p >= t].sum())
                row.append(f"{f1(tp, float((p >= t).sum()) - tp, gold - tp):.3f} "
                           f"{auc(p, uy):.3f}")
            print(f"  {name:6s} {row[0]} | {row[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
