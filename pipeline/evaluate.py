"""``make eval``: score extracted events against the gold of ``../shared/corpus``.

Two sets: ``train`` (the ``train/`` sets and the old ``dev/`` sets: study its errors
freely) and ``valid`` (documents that stand for everything unseen: only its aggregate
figures are ever printed or written). The rendered documents go through the real CLI
(``ingest`` into a temporary database, then ``export``), so the score is the score of what
a user gets. Matching (docs/design.md): same document, same type, overlapping LAC
countries, dates equal at the coarser of the two precisions (``pipeline.when.agree``); a
gold event with a date needs a dated extracted event. Matching is one-to-one, greedy in
document order.

Figures go to stdout and to ``output/eval.json``; for train only, every miss and false
event with its cause goes to ``output/eval-train-errors.txt``. ``make eval-probes`` scores
a third set, ``tests/probes``: whole documents the team wrote in its own words to find what
the rules miss in reporting neither side of the corpus holds (rules have been tuned on them
since, so they are a regression set, not a measure of the unseen). Floors per set live in
``tests/eval_floors.json``; ``make eval`` exits 1 below a floor.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline import when
from pipeline.nlp.models import load

SETS = {"train": ("train", "dev"), "valid": ("valid",), "probes": ("probes",)}
STUDIED = ("train", "probes")  # sets whose every error may be read


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def row(self) -> str:
        return (f"P {self.precision:.2f}  R {self.recall:.2f}  F1 {self.f1:.2f}  "
                f"(tp {self.tp}, fp {self.fp}, fn {self.fn})")

    def as_dict(self) -> dict[str, float]:
        return {"P": round(self.precision, 3), "R": round(self.recall, 3),
                "F1": round(self.f1, 3), "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Match:
    doc: str
    gold: dict
    found: dict


@dataclass
class Result:
    events: Score = field(default_factory=Score)
    by_type: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    by_lang: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    by_container: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    countries: Score = field(default_factory=Score)
    dates_right: int = 0
    powers_right: int = 0  # matched events whose extra-regional parties are gold's
    negative_false: int = 0
    matches: list[Match] = field(default_factory=list)
    misses: list[tuple[str, dict]] = field(default_factory=list)
    false_hits: list[tuple[str, dict]] = field(default_factory=list)

    @property
    def date_accuracy(self) -> float:
        return self.dates_right / self.events.tp if self.events.tp else 1.0

    @property
    def power_accuracy(self) -> float:
        return self.powers_right / self.events.tp if self.events.tp else 1.0

    def figures(self) -> dict[str, float]:
        """The flat figures floors are pinned on."""
        out = {"event_precision": self.events.precision, "event_recall": self.events.recall,
               "event_f1": self.events.f1, "country_f1": self.countries.f1,
               "date_accuracy": self.date_accuracy}
        out.update({f"event_f1_{lang}": s.f1 for lang, s in self.by_lang.items()})
        return {k: round(v, 3) for k, v in out.items()}


def _region(countries: list[str], region: str) -> set[str]:
    regions = load().regions
    return {c for c in countries if regions.get(c) == region}


def _lac(countries: list[str]) -> set[str]:
    return _region(countries, "LAC")


def _powers(countries: list[str]) -> set[str]:
    return _region(countries, "extra")


def dates_agree(gold: str | None, found: str | None) -> bool:
    """Agree at the coarser precision; a dated gold event needs a dated extracted one."""
    if gold is None:
        return True
    return found is not None and when.agree(gold, found)


def matches(gold: dict, found: dict) -> bool:
    shared_lac = _lac(gold["countries"]) & _lac(found["countries"])
    return (gold["type"] == found["type"] and bool(shared_lac)
            and dates_agree(gold.get("date"), found.get("date")))


def pair(golds: list[dict], found: list[dict]) -> list[dict | None]:
    """The extracted event each gold event of one document is matched to (None: missed),
    each used once: first one that also names a power the gold event names (the Esmeralda's
    call at Osaka, Japan, is not the event of its call at Shanghai, China, though both are
    Chile's port calls of June 2025), then, for the gold events still unmatched, any that
    ``matches`` (an event whose power the rules got wrong still counts)."""
    remaining = list(found)
    hits: list[dict | None] = [None] * len(golds)
    for powers_too in (True, False):
        for i, gold in enumerate(golds):
            if hits[i] is not None:
                continue
            hit = next((f for f in remaining if matches(gold, f) and (
                not powers_too or _powers(gold["countries"]) & _powers(f["countries"]))), None)
            if hit is not None:
                hits[i] = hit
                remaining.remove(hit)
    return hits


def score(gold_docs: list[dict], found: dict[str, list[dict]],
          found_countries: dict[str, list[str]], containers: dict[str, str] | None = None
          ) -> Result:
    """Score extracted events (by gold doc id) against gold documents."""
    result = Result()
    containers = containers or {}
    for doc in gold_docs:
        doc_id, lang = doc["doc"], doc["lang"]
        scores = (result.events, result.by_lang[lang],
                  result.by_container[containers.get(doc_id, "html")])
        remaining = list(found.get(doc_id, []))
        for gold, hit in zip(doc["events"], pair(doc["events"], remaining), strict=True):
            for s in (*scores, result.by_type[gold["type"]]):
                if hit:
                    s.tp += 1
                else:
                    s.fn += 1
            if hit:
                remaining.remove(hit)
                result.matches.append(Match(doc_id, gold, hit))
                gold_date = gold.get("date")
                if gold_date is None or (hit.get("date") or "")[:len(gold_date)] == gold_date:
                    result.dates_right += 1
                # (matching asks only for a shared LAC state: an event read with the wrong
                # power still matches, so how often the power is right is said apart)
                if _powers(gold["countries"]) == _powers(hit["countries"]):
                    result.powers_right += 1
            else:
                result.misses.append((doc_id, gold))
        for extra in remaining:
            for s in (*scores, result.by_type[extra["type"]]):
                s.fp += 1
            result.false_hits.append((doc_id, extra))
            if not doc["events"]:
                result.negative_false += 1
        gold_c, found_c = set(doc["countries"]), set(found_countries.get(doc_id, []))
        result.countries.tp += len(gold_c & found_c)
        result.countries.fp += len(found_c - gold_c)
        result.countries.fn += len(gold_c - found_c)
    return result


# ---------------------------------------------------------------- figures beyond P/R/F1

def _norm(text: str) -> str:
    return " ".join(text.split()).lower()


def clusters(result: Result) -> dict[str, Any]:
    """Cross-document merging: of the occurrences (gold ``eid``) reported by 2+ documents
    whose reports are all matched, the share that became one event; and the events whose
    matches belong to distinct occurrences."""
    keys_by_eid: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    reports: dict[str, set[str]] = defaultdict(set)
    eids_by_key: dict[str, set[str]] = defaultdict(set)
    for m in result.matches:
        eid = m.gold.get("eid")
        if eid:
            keys_by_eid[eid][m.doc].add(m.found["event_id"])
            eids_by_key[m.found["event_id"]].add(eid)
    for doc_id, gold in ((d, g) for d, g in result.misses):
        if gold.get("eid"):
            reports[gold["eid"]].add(doc_id)
    multi = [eid for eid, docs in keys_by_eid.items()
             if len(docs) >= 2 and not reports.get(eid)]
    merged = [eid for eid in multi if len(set().union(*keys_by_eid[eid].values())) == 1]
    mixed = sorted(k for k, eids in eids_by_key.items() if len(eids) > 1)
    found = {m.found["event_id"]: m.found for m in result.matches}
    unmerged = [f"SPLIT {eid}: " + "; ".join(
        f"{doc} {k} {found[k]['type']} {found[k].get('date')} {found[k]['countries']}"
        for doc, ks in sorted(keys_by_eid[eid].items()) for k in sorted(ks))
        for eid in multi if eid not in merged]
    joined = [f"MIXED {k} {found[k]['type']} {found[k].get('date')}: {sorted(eids_by_key[k])}"
              for k in mixed]
    return {"multi_report_occurrences": len(multi), "merged": len(merged),
            "merged_share": round(len(merged) / len(multi), 3) if multi else None,
            "events_merging_distinct_occurrences": len(mixed), "wrong": unmerged + joined}


def same_occurrence(a: dict, b: dict) -> bool:
    """Two gold events stand for one occurrence: the same ``eid`` when both have one; for
    gold written without eids (the old dev set), the same type, a shared LAC state and
    dates that agree at the coarser precision (what merging and matching use)."""
    if a.get("eid") and b.get("eid"):
        return a["eid"] == b["eid"]
    return (a["type"] == b["type"] and bool(_lac(a["countries"]) & _lac(b["countries"]))
            and when.agree(a.get("date"), b.get("date")))  # (an absent date agrees)


def first_evidence(result: Result, gold_docs: list[dict]) -> dict[str, Any]:
    """Share of matched events whose first evidence row is its gold evidence sentence, or
    one stating the same occurrence (the gold sentence of a gold event of the same
    occurrence, ``same_occurrence``, in any document)."""
    stated: list[tuple[str, dict]] = [(_norm(g["evidence"]), g) for doc in gold_docs
                                      for g in doc["events"] if g.get("evidence")]
    right, wrong = 0, []
    for m in result.matches:
        rows = m.found.get("evidence") or []
        first = _norm(rows[0]["sentence"]) if rows else ""
        stating = {_norm(m.gold.get("evidence", ""))} | {
            s for s, g in stated if same_occurrence(g, m.gold)}
        if first and any(s and (s in first or first in s) for s in stating):
            right += 1
        else:
            wrong.append(f"FIRST {m.doc}  {m.found['type']} {m.found['countries']} "
                         f"{m.found.get('date')}\n      shown: {first[:200]}\n"
                         f"      gold:  {_norm(m.gold.get('evidence', ''))[:200]}")
    n = len(result.matches)
    return {"matched": n, "first_is_stating": right,
            "share": round(right / n, 3) if n else None, "wrong": wrong}


def f1_range(result: Result, gold_docs: list[dict]) -> list[float]:
    """Where the event F1 of sets of documents like this one falls, 9 times in 10: a
    bootstrap over documents (their events come and go together), fixed seed."""
    counts: dict[str, list[int]] = {d["doc"]: [0, 0, 0] for d in gold_docs}
    for m in result.matches:
        counts.setdefault(m.doc, [0, 0, 0])[0] += 1
    for doc, _ in result.false_hits:
        counts.setdefault(doc, [0, 0, 0])[1] += 1
    for doc, _ in result.misses:
        counts.setdefault(doc, [0, 0, 0])[2] += 1
    docs = list(counts.values())
    if not docs:
        return [0.0, 0.0]
    rng = random.Random(0)
    f1s = []
    for _ in range(SIMULATIONS):
        tp, fp, fn = (sum(c) for c in zip(*(rng.choice(docs) for _ in docs), strict=True))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    f1s.sort()
    return [round(f1s[int(0.05 * SIMULATIONS)], 2), round(f1s[int(0.95 * SIMULATIONS) - 1], 2)]


def calibration(result: Result, bands: tuple[float, ...] = (0.0, 0.5, 0.7, 0.8, 0.9, 1.01)
                ) -> dict[str, Any]:
    """Precision per confidence band and the expected calibration error of the extracted
    events (an event counts as right when it matched a gold event of its document)."""
    right = {id(m.found) for m in result.matches}
    scored = [(float(f.get("confidence") or 0), id(f) in right)
              for f in [m.found for m in result.matches] + [f for _, f in result.false_hits]]
    rows, ece = _bands(scored, bands)
    # on a few hundred events the ECE of even a perfectly calibrated model is not 0: the
    # outcomes drawn at each event's own confidence (fixed seed) show what chance alone gives
    rng = random.Random(0)
    chance = sorted(_bands([(c, rng.random() < c) for c, _ in scored], bands)[1]
                    for _ in range(SIMULATIONS)) if scored else []
    return {"bands": rows, "ece": round(ece, 3) if scored else None,
            "ece_chance_90": round(chance[int(0.9 * SIMULATIONS)], 3) if chance else None}


SIMULATIONS = 400


def _bands(scored: list[tuple[float, bool]], bands: tuple[float, ...]
           ) -> tuple[list[dict[str, Any]], float]:
    rows, ece = [], 0.0
    for lo, hi in zip(bands, bands[1:], strict=False):
        inside = [(c, ok) for c, ok in scored if lo <= c < hi]
        if not inside:
            rows.append({"band": f"{lo:.2f}-{min(hi, 1):.2f}", "events": 0})
            continue
        precision = sum(ok for _, ok in inside) / len(inside)
        mean = sum(c for c, _ in inside) / len(inside)
        ece += len(inside) / len(scored) * abs(precision - mean)
        rows.append({"band": f"{lo:.2f}-{min(hi, 1):.2f}", "events": len(inside),
                     "precision": round(precision, 3), "mean_confidence": round(mean, 3)})
    return rows, ece


def causes(result: Result, found: dict[str, list[dict]]) -> list[str]:
    """Every miss and false event with its cause, for the next rule to start from facts."""
    lines = []
    for doc_id, gold in result.misses:
        others = found.get(doc_id, [])
        g_lac = _lac(gold["countries"])
        same = [f for f in others if f["type"] == gold["type"]]
        said = _norm(gold.get("evidence", ""))
        from_sentence = [f for f in others if said
                         and any(_norm(r.get("sentence", "")) == said for r in f["evidence"])]
        if said and not from_sentence:
            cause = "no event from its sentence"
        elif from_sentence and all(f["type"] != gold["type"] for f in from_sentence):
            cause = "type confused"
        elif any(_lac(f["countries"]) & g_lac and not dates_agree(gold.get("date"), f.get("date"))
               for f in same):
            cause = "date"
        elif same and not any(_lac(f["countries"]) & g_lac for f in same):
            cause = "parties"
        elif same:
            cause = "merged (its match went to another gold event)"
        elif any(_lac(f["countries"]) & g_lac and dates_agree(gold.get("date"), f.get("date"))
                 for f in others):
            cause = "type confused"
        else:
            cause = "no event of the type"
        lines.append(f"MISS  {doc_id}  {gold['type']} {gold['countries']} {gold.get('date')}"
                     f"  [{cause}]\n      {gold.get('evidence', '')}")
    for doc_id, f in result.false_hits:
        golds: list[dict] = [m.gold for m in result.matches if m.doc == doc_id]
        twins = [m for m in result.matches if m.doc == doc_id and m.found["type"] == f["type"]
                 and _lac(m.found["countries"]) & _lac(f["countries"])]
        if twins:
            cause = "split (its occurrence is matched by another event)"
        elif any(g["type"] != f["type"] and _lac(g["countries"]) & _lac(f["countries"])
                 for g in golds):
            cause = "type confused"
        else:
            cause = "no gold event"
        ev = f["evidence"][0] if f["evidence"] else {}
        lines.append(f"FALSE {doc_id}  {f['type']} {f['countries']} {f.get('date')} "
                     f"[{cause}] [{ev.get('rule', '')}] conf {f.get('confidence')}"
                     f"\n      {ev.get('sentence', '')}")
    for m in result.matches:  # matched, with another power than gold's
        if _powers(m.gold["countries"]) != _powers(m.found["countries"]):
            lines.append(f"POWER {m.doc}  {m.gold['type']} gold {m.gold['countries']} found "
                         f"{m.found['countries']}\n      {m.gold.get('evidence', '')}")
    return lines


# ---------------------------------------------------------------- running the pipeline

def run_pipeline(files: list[Path], db: Path) -> tuple[list[dict], list[dict]]:
    """Ingest through the CLI; return exported events and documents."""
    py = [sys.executable, "-m", "pipeline"]
    subprocess.run([*py, "ingest", *map(str, files), "--db", str(db), "--quiet"],
                   check=False, stdout=subprocess.DEVNULL)
    exported = {}
    for what in ("events", "documents"):
        out = subprocess.run([*py, "export", "--db", str(db), "--what", what, "--format", "jsonl"],
                             check=True, capture_output=True, text=True).stdout
        exported[what] = [json.loads(line) for line in out.splitlines() if line.strip()]
    return exported["events"], exported["documents"]


@dataclass
class Corpus:
    gold_docs: list[dict] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    url_to_doc: dict[str, str] = field(default_factory=dict)
    layouts: dict[str, str] = field(default_factory=dict)
    containers: dict[str, str] = field(default_factory=dict)


def read_corpus(folders: list[Path], inputs: str = "rendered") -> Corpus:
    """Gold and input files of some set folders; ``inputs="text"`` takes each document's
    plain ``<id>.txt`` instead of its rendered page, to score the rules apart from
    extraction."""
    corpus = Corpus()
    for folder in folders:
        for gold_path in sorted(folder.glob("*/gold.jsonl")):
            rendered = gold_path.parent / "rendered"
            manifest = json.loads((rendered / "manifest.json").read_text())
            layouts_file = rendered / "layouts.json"
            layouts = json.loads(layouts_file.read_text()) if layouts_file.exists() else {}
            for line in gold_path.read_text(encoding="utf-8").splitlines():
                if not line.strip():
                    continue
                doc = json.loads(line)
                path = (rendered / manifest[doc["doc"]]).resolve() if inputs == "rendered" \
                    else (gold_path.parent / f"{doc['doc']}.txt").resolve()
                corpus.gold_docs.append(doc)
                corpus.files.append(path)
                corpus.url_to_doc[path.as_uri()] = doc["doc"]
                corpus.layouts[doc["doc"]] = layouts.get(doc["doc"], "unknown")
                corpus.containers[doc["doc"]] = "pdf" if path.suffix == ".pdf" else "html"
    return corpus


def evaluate_set(corpus: Corpus, workdir: Path, show_documents: bool, text_fidelity: bool = True
                 ) -> tuple[Result, dict[str, Any], list[str]]:
    """Score one set; returns the result, its JSON figures and (train) the error lines."""
    db = workdir / "eval.db"
    events, documents = run_pipeline(corpus.files, db)
    found: dict[str, list[dict]] = defaultdict(list)
    for event in events:
        for doc_id in dict.fromkeys(corpus.url_to_doc.get(e["document_url"])
                                    for e in event["evidence"]):
            if doc_id:
                found[doc_id].append(event)
    countries = {corpus.url_to_doc[d["url"]]: d["countries"] for d in documents
                 if d["url"] in corpus.url_to_doc}
    result = score(corpus.gold_docs, found, countries, corpus.containers)
    first = first_evidence(result, corpus.gold_docs)
    wrong_first = first.pop("wrong")  # per document: for the train errors file only
    merging = clusters(result)
    wrong_first += merging.pop("wrong")
    figures: dict[str, Any] = {
        "documents": len(corpus.gold_docs),
        "gold_events": sum(len(d["events"]) for d in corpus.gold_docs),
        "events": {**result.events.as_dict(), "F1_90": f1_range(result, corpus.gold_docs)},
        "by_lang": {k: v.as_dict() for k, v in sorted(result.by_lang.items())},
        "by_type": {k: v.as_dict() for k, v in sorted(result.by_type.items())},
        "by_container": {k: v.as_dict() for k, v in sorted(result.by_container.items())},
        "countries": result.countries.as_dict(),
        "dates_right": {"right": result.dates_right, "matched": result.events.tp,
                        "share": round(result.date_accuracy, 3)},
        "powers_right": {"right": result.powers_right, "matched": result.events.tp,
                         "share": round(result.power_accuracy, 3)},
        "negative_false_events": result.negative_false,
        "clusters": merging,
        "first_evidence": first,
        "calibration": calibration(result),
        # a document the pipeline failed on scores as if it stated nothing: say so
        "documents_failed": [{"doc": corpus.url_to_doc[d["url"]], "error_class": d["error_class"],
                              "error": d["error"]} for d in documents
                             if d["url"] in corpus.url_to_doc and d["status"] == "failed"],
    }
    try:
        from pipeline import fidelity  # type: ignore[attr-defined]  # issue 12, when present
    except ImportError:
        text_fidelity = False
    if text_fidelity:
        figures["extraction"] = fidelity.measure(db, corpus.gold_docs, corpus.url_to_doc,
                                                 corpus.layouts, show_documents)
    lines = [*causes(result, found), *wrong_first] if show_documents else []
    return result, figures, lines


def report(name: str, result: Result, figures: dict[str, Any]) -> str:
    low, high = figures["events"]["F1_90"]
    lines = [f"== {name}: {figures['documents']} documents, {figures['gold_events']} gold events",
             f"events            {result.events.row()}  (F1 {low}-{high} on 9 in 10 document "
             "sets like this one)"]
    lines += [f"  {t:<19}{s.row()}" for t, s in sorted(result.by_type.items())]
    lines += [f"  lang {lang:<14}{s.row()}" for lang, s in sorted(result.by_lang.items())]
    lines += [f"  {c:<19}{s.row()}" for c, s in sorted(result.by_container.items())]
    cl, fe, cal = figures["clusters"], figures["first_evidence"], figures["calibration"]
    lines += [f"countries (doc)   {result.countries.row()}",
              f"dates right       {result.dates_right}/{result.events.tp} "
              f"({result.date_accuracy:.0%}) of matched events",
              f"powers right      {result.powers_right}/{result.events.tp} "
              f"({result.power_accuracy:.0%}) of matched events (the extra-regional "
              "parties exactly)",
              f"false events on negative documents: {result.negative_false}",
              f"multi-report occurrences merged: {cl['merged']}/{cl['multi_report_occurrences']}"
              f"; events merging distinct occurrences: "
              f"{cl['events_merging_distinct_occurrences']}",
              f"first evidence states the event: {fe['first_is_stating']}/{fe['matched']}",
              "calibration (ECE {}; a perfectly calibrated model scores up to {} on this "
              "many events by chance, 9 times in 10): ".format(
                  cal["ece"], cal.get("ece_chance_90")) + ", ".join(
                  f"{b['band']}: {b.get('precision', '-')} of {b['events']}"
                  for b in cal["bands"])]
    for bad in figures.get("documents_failed", []):
        lines.append(f"DOCUMENT FAILED: {bad['doc']}: {bad['error_class']}: {bad['error']}")
    if "extraction" in figures:
        lines.append("extraction: " + json.dumps(figures["extraction"].get("summary",
                                                                           figures["extraction"])))
    return "\n".join(lines)


def check_floors(name: str, result: Result, floors: dict[str, Any]) -> list[str]:
    figures = result.figures()
    failed = [f"{name}: {key} {figures.get(key, 0.0):.3f} < floor {floor}"
              for key, floor in floors.items() if key.startswith(("event", "country", "date"))
              and figures.get(key, 0.0) < floor]
    if "max_negative_false" in floors and result.negative_false > floors["max_negative_false"]:
        failed.append(f"{name}: {result.negative_false} false events on negative documents > "
                      f"{floors['max_negative_false']}")
    return failed


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="../shared/corpus", help="corpus folder")
    parser.add_argument("--sets", default="train,valid", help="which sets to score")
    parser.add_argument("--inputs", choices=("rendered", "text"), default="rendered",
                        help="rendered pages and PDFs (default), or the plain texts: the "
                             "rules alone, without extraction (no floors apply)")
    parser.add_argument("--floors", default="tests/eval_floors.json")
    parser.add_argument("--out", default="output/eval.json")
    parser.add_argument("--errors", default="output/eval-train-errors.txt")
    args = parser.parse_args(argv)
    if args.inputs == "text":  # never overwrite the figures of the real path
        args.out = args.out.replace(".json", "-text.json")
        args.errors = args.errors.replace("train-errors", "text-train-errors")
    root = Path(args.corpus)
    if not root.is_dir():
        print(f"No corpus at {root}: nothing to evaluate (it lives in ../shared).")
        return 0
    floors_path = Path(args.floors)
    floors = json.loads(floors_path.read_text()) if floors_path.is_file() else {}
    out: dict[str, Any] = {}
    failed: list[str] = []
    for name in args.sets.split(","):
        corpus = read_corpus([root / f for f in SETS[name] if (root / f).is_dir()], args.inputs)
        if not corpus.gold_docs:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            result, figures, lines = evaluate_set(corpus, Path(tmp), name in STUDIED,
                                                  args.inputs == "rendered")
        out[name] = figures
        print(report(name, result, figures) + "\n")
        if lines:
            Path(args.errors).parent.mkdir(parents=True, exist_ok=True)
            Path(args.errors).write_text("\n".join(lines) + "\n", encoding="utf-8")
            print(f"{name} errors with their causes: {args.errors}\n")
        failed += [f"{name}: {bad['doc']} failed ({bad['error_class']})"
                   for bad in figures["documents_failed"]]
        if args.inputs == "rendered":
            failed += check_floors(name, result, floors.get(name, {}))
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    for line in failed:
        print(f"BELOW FLOOR: {line}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
