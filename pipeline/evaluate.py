"""``make eval``: score extracted events against the gold annotations of a dev corpus.

The rendered documents (``<set>/rendered/``) go through the real CLI (``ingest`` into a
temporary database, then ``export``), so the score is the score of what a user gets.
Matching (docs/design.md): same document, same type, overlapping LAC countries, dates
equal at the coarser of the two precisions; a gold event with a date needs a dated
extracted event. Matching is one-to-one, greedy in document order.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.nlp.models import load


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


@dataclass
class Result:
    events: Score = field(default_factory=Score)
    by_type: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    by_lang: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    countries: Score = field(default_factory=Score)
    dates_right: int = 0
    negative_false: int = 0
    misses: list[tuple[str, dict]] = field(default_factory=list)
    false_hits: list[tuple[str, dict]] = field(default_factory=list)

    @property
    def date_accuracy(self) -> float:
        return self.dates_right / self.events.tp if self.events.tp else 1.0

    def figures(self) -> dict[str, float]:
        out = {"event_precision": self.events.precision, "event_recall": self.events.recall,
               "event_f1": self.events.f1, "country_f1": self.countries.f1,
               "date_accuracy": self.date_accuracy}
        out.update({f"event_f1_{lang}": s.f1 for lang, s in self.by_lang.items()})
        return {k: round(v, 3) for k, v in out.items()}


def _lac(countries: list[str]) -> set[str]:
    regions = load().regions
    return {c for c in countries if regions.get(c) == "LAC"}


def dates_agree(gold: str | None, found: str | None) -> bool:
    if gold is None:
        return True
    if found is None:
        return False
    n = min(len(gold), len(found))
    return gold[:n] == found[:n]


def matches(gold: dict, found: dict) -> bool:
    shared_lac = _lac(gold["countries"]) & _lac(found["countries"])
    return (gold["type"] == found["type"] and bool(shared_lac)
            and dates_agree(gold.get("date"), found.get("date")))


def score(gold_docs: list[dict], found: dict[str, list[dict]],
          found_countries: dict[str, list[str]]) -> Result:
    """Score extracted events (by gold doc id) against gold documents."""
    result = Result()
    for doc in gold_docs:
        doc_id, lang = doc["doc"], doc["lang"]
        remaining = list(found.get(doc_id, []))
        for gold in doc["events"]:
            hit = next((f for f in remaining if matches(gold, f)), None)
            for s in (result.events, result.by_type[gold["type"]], result.by_lang[lang]):
                if hit:
                    s.tp += 1
                else:
                    s.fn += 1
            if hit:
                remaining.remove(hit)
                gold_date = gold.get("date")
                if gold_date is None or (hit.get("date") or "")[:len(gold_date)] == gold_date:
                    result.dates_right += 1
            else:
                result.misses.append((doc_id, gold))
        for extra in remaining:
            for s in (result.events, result.by_type[extra["type"]], result.by_lang[lang]):
                s.fp += 1
            result.false_hits.append((doc_id, extra))
            if not doc["events"]:
                result.negative_false += 1
        gold_c, found_c = set(doc["countries"]), set(found_countries.get(doc_id, []))
        result.countries.tp += len(gold_c & found_c)
        result.countries.fp += len(found_c - gold_c)
        result.countries.fn += len(gold_c - found_c)
    return result


def run_pipeline(files: list[Path], workdir: Path) -> tuple[list[dict], list[dict]]:
    """Ingest through the CLI; return exported events and documents."""
    db = workdir / "eval.db"
    py = [sys.executable, "-m", "pipeline"]
    subprocess.run([*py, "ingest", *map(str, files), "--db", str(db), "--quiet",
                    ], check=False, stdout=subprocess.DEVNULL)
    exported = {}
    for what in ("events", "documents"):
        out = subprocess.run([*py, "export", "--db", str(db), "--what", what, "--format", "jsonl"],
                             check=True, capture_output=True, text=True).stdout
        exported[what] = [json.loads(line) for line in out.splitlines() if line.strip()]
    return exported["events"], exported["documents"]


def evaluate(dev: Path) -> Result:
    gold_docs, files, url_to_doc = [], [], {}
    for gold_path in sorted(dev.glob("*/gold.jsonl")):
        folder = gold_path.parent
        manifest = json.loads((folder / "rendered" / "manifest.json").read_text())
        for line in gold_path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                doc = json.loads(line)
                gold_docs.append(doc)
                path = (folder / "rendered" / manifest[doc["doc"]]).resolve()
                files.append(path)
                url_to_doc[path.as_uri()] = doc["doc"]
    with tempfile.TemporaryDirectory() as tmp:
        events, documents = run_pipeline(files, Path(tmp))
    found: dict[str, list[dict]] = defaultdict(list)
    for event in events:
        for doc_id in dict.fromkeys(url_to_doc.get(e["document_url"]) for e in event["evidence"]):
            if doc_id:
                found[doc_id].append(event)
    countries = {url_to_doc[d["url"]]: d["countries"] for d in documents if d["url"] in url_to_doc}
    return score(gold_docs, found, countries)


def report(result: Result) -> str:
    lines = [f"events            {result.events.row()}"]
    lines += [f"  {t:<16}{s.row()}" for t, s in sorted(result.by_type.items())]
    lines += [f"  lang {lang:<11}{s.row()}" for lang, s in sorted(result.by_lang.items())]
    lines += [f"countries (doc)   {result.countries.row()}",
              f"dates right       {result.dates_right}/{result.events.tp} "
              f"({result.date_accuracy:.0%}) of matched events",
              f"false events on negative documents: {result.negative_false}"]
    if result.misses:
        lines.append("\nmisses:")
        lines += [f"  {d}: {g['type']} {g['countries']} {g.get('date')}: "
                  f"{g.get('evidence', '')[:150]}"
                  for d, g in result.misses]
    if result.false_hits:
        lines.append("\nfalse hits:")
        for d, f in result.false_hits:
            sentence = f["evidence"][0]["sentence"][:150] if f["evidence"] else ""
            lines.append(f"  {d}: {f['type']} {f['countries']} {f.get('date')} "
                         f"[{f['evidence'][0]['rule'] if f['evidence'] else ''}]: {sentence}")
    return "\n".join(lines)


def check_floors(result: Result, floors: dict[str, Any]) -> list[str]:
    figures = result.figures()
    failed = [f"{name} {figures.get(name, 0.0):.3f} < floor {floor}"
              for name, floor in floors.items() if name.startswith(("event", "country", "date"))
              and figures.get(name, 0.0) < floor]
    if "max_negative_false" in floors and result.negative_false > floors["max_negative_false"]:
        failed.append(f"{result.negative_false} false events on negative documents > "
                      f"{floors['max_negative_false']}")
    return failed


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", default="../shared/corpus/dev", help="dev corpus folder")
    parser.add_argument("--floors", default="tests/eval_floors.json")
    args = parser.parse_args(argv)
    dev = Path(args.dev)
    if not dev.is_dir():
        print(f"No dev corpus at {dev}: nothing to evaluate (it lives in ../shared).")
        return 0
    result = evaluate(dev)
    print(report(result))
    print("\nfigures: " + json.dumps(result.figures()))
    floors = json.loads(Path(args.floors).read_text()) if Path(args.floors).exists() else {}
    failed = check_floors(result, floors)
    for line in failed:
        print(f"BELOW FLOOR: {line}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
