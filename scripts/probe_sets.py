"""Tools for the team's own probe sets (``tests/probes/<set>/``: ``<id>.txt``, ``gold.jsonl``,
``rendered/``), written in our own words from public reporting.

    python scripts/probe_sets.py check SET_DIR...    gold parses, evidence verbatim, types, codes
    python scripts/probe_sets.py render SET_DIR...   rendered/<id>.html, manifest.json, layouts.json
    python scripts/probe_sets.py compare SETS_DIR ERRORS_A ERRORS_B
        the F1 difference of two builds on the same sets, paired by document (a bootstrap
        over documents); the error files are what ``pipeline.evaluate --errors`` writes.

A held-out set is written by people who change no rule, scored on the build a stop starts
from and on its final build (``python -m pipeline.evaluate --corpus DIR --sets train``, with
DIR holding ``train/<set>/``), compared with ``compare``, and only then joins tests/probes.
"""

from __future__ import annotations

import html
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TYPES = frozenset(t["id"] for t in json.loads(
    (ROOT / "models" / "event_types.json").read_text(encoding="utf-8"))["types"])
LANGS = ("en", "es", "pt")
DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
MONTHS = {  # month names the renderers spell dates with
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"],
    "pt": ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto",
           "setembro", "outubro", "novembro", "dezembro"],
}
SITE = {  # three plain site templates, with the clutter real pages carry
    "handmade-news": (
        '<header class="site-header"><div class="logo">{site}</div><nav><ul>'
        '<li><a href="/world">World</a></li><li><a href="/americas">Americas</a></li></ul></nav>'
        '</header>\n<main><article><h1>{title}</h1>\n<div class="byline">Published <time '
        'datetime="{date}">{date}</time></div>\n{body}\n</article>\n<aside class="related"><h2>'
        'Related stories</h2><ul><li>Subscribe to our newsletter</li><li>Most read this week'
        '</li></ul></aside></main>\n<footer><p>&copy; {site}. All rights reserved.</p></footer>'),
    "handmade-ministry": (
        '<div id="top"><a href="/">Inicio</a> | <a href="/prensa">Prensa</a></div>\n'
        '<div class="content"><p class="date">{date}</p><h2 class="title">{title}</h2>\n'
        '<div class="field-body">{body}</div>\n<div class="share">Share: Facebook | X</div>'
        '</div>\n<div class="footer">{site}</div>'),
    "handmade-blog": (
        '<div class="wrap"><h1 class="entry-title">{title}</h1><span class="posted-on">{date}'
        '</span>\n<div class="entry-content">{body}</div>\n<div class="comments"><h3>Comments'
        '</h3><p>No comments yet.</p></div></div>'),
}


def gold_of(folder: Path) -> dict[str, dict]:
    docs = {}
    for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            doc = json.loads(line)
            docs[doc["doc"]] = doc
    return docs


def set_documents(folder: Path) -> list[tuple[str, dict, str, list[str]]]:
    """Each dated document of a set, in id order: its id, gold line, title (the text's first
    line) and body paragraphs (blank-line separated, whitespace made single). The page and
    PDF templates print a publication date, so a document without one is left out (and out
    of the gold ``start_render`` copies); the renderers say how many."""
    out = []
    for doc_id, doc in sorted(gold_of(folder).items()):
        if not doc.get("published"):
            continue
        lines = (folder / f"{doc_id}.txt").read_text(encoding="utf-8").split("\n")
        paragraphs = [" ".join(p.split()) for p in "\n".join(lines[2:]).split("\n\n")
                      if p.strip()]
        out.append((doc_id, doc, lines[0].strip(), paragraphs))
    return out


def start_render(folder: Path, out_root: Path) -> Path:
    """``out_root/train/<set>/rendered/``, made, with the set's gold beside it (a corpus
    ``pipeline.evaluate --corpus out_root --sets train`` reads)."""
    target = out_root / "train" / folder.name
    (target / "rendered").mkdir(parents=True, exist_ok=True)
    lines = [line for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines()
             if line.strip()]
    dated = [line for line in lines if json.loads(line).get("published")]
    (target / "gold.jsonl").write_text("".join(line + "\n" for line in dated), encoding="utf-8")
    if len(dated) < len(lines):
        print(f"{folder}: {len(lines) - len(dated)} undated documents left out "
              "(the templates print a publication date)")
    return target / "rendered"


def finish_render(rendered: Path, manifest: dict[str, str], layouts: dict[str, str]) -> None:
    for name, table in (("manifest.json", manifest), ("layouts.json", layouts)):
        (rendered / name).write_text(json.dumps(table, indent=1) + "\n", encoding="utf-8")


def render_main(argv: list[str], usage: str, render_set, noun: str) -> int:
    """The command line of a renderer: ``[--only=A,B] OUT_ROOT SET_DIR...``."""
    if len(argv) < 2:
        print(usage)
        return 2
    chosen = None
    if argv[0].startswith("--only="):  # --only=liveblog,pdf-slides: those layouts alone
        chosen, argv = argv[0].split("=", 1)[1].split(","), argv[1:]
    out_root = Path(argv[0])
    for folder in map(Path, argv[1:]):
        print(f"{folder}: {render_set(folder, out_root, chosen)} {noun}")
    return 0


def check(folder: Path) -> list[str]:
    """What is wrong with one set (nothing when it is ready to score)."""
    problems = []
    docs = gold_of(folder)
    for doc_id, doc in docs.items():
        txt = folder / f"{doc_id}.txt"
        if not txt.exists():
            problems.append(f"{doc_id}: no {txt.name}")
            continue
        text = " ".join(txt.read_text(encoding="utf-8").split())
        if doc.get("lang") not in LANGS:
            problems.append(f"{doc_id}: language {doc.get('lang')!r} is none of {LANGS}")
        for event in doc.get("events", []):
            if event.get("type") not in TYPES:
                problems.append(f"{doc_id}: no event type {event.get('type')!r}")
            if not all(len(c) == 3 and c.isalpha() and c.isupper()
                       for c in event.get("countries", [])):
                problems.append(f"{doc_id}: countries {event.get('countries')} are not ISO3")
            if event.get("date") and not DATE.fullmatch(str(event["date"])):
                problems.append(f"{doc_id}: date {event['date']!r} is not YYYY[-MM[-DD]]")
            if " ".join(str(event.get("evidence", "")).split()) not in text:
                problems.append(f"{doc_id}: evidence not in the text: "
                                f"{str(event.get('evidence'))[:70]}")
    problems += [f"{txt.stem}: no gold line" for txt in sorted(folder.glob("*.txt"))
                 if txt.stem not in docs]
    return problems


def render(folder: Path) -> int:
    """Write the set's pages; returns how many."""
    out = folder / "rendered"
    out.mkdir(exist_ok=True)
    docs = gold_of(folder) if (folder / "gold.jsonl").exists() else {}
    manifest, layouts = {}, {}
    for i, txt in enumerate(sorted(folder.glob("*.txt"))):
        lines = txt.read_text(encoding="utf-8").split("\n")
        title, date = lines[0].strip(), (lines[1].strip() if len(lines) > 1 else "")
        paragraphs = [p for p in "\n".join(lines[2:]).split("\n\n") if p.strip()]
        body = "".join(f"<p>{html.escape(' '.join(p.split()))}</p>" for p in paragraphs)
        layout = list(SITE)[i % len(SITE)]
        page = SITE[layout].format(site=html.escape(folder.name.upper() + " News"),
                                   title=html.escape(title), date=html.escape(date), body=body)
        lang = docs.get(txt.stem, {}).get("lang", "en")
        (out / f"{txt.stem}.html").write_text(
            f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8"><title>'
            f'{html.escape(title)}</title></head>\n<body>{page}</body></html>\n', encoding="utf-8")
        manifest[txt.stem], layouts[txt.stem] = f"{txt.stem}.html", layout
    finish_render(out, manifest, layouts)
    return len(manifest)


def per_document(errors: Path, gold: dict[str, int]) -> dict[str, tuple[int, int, int]]:
    """(tp, fp, fn) of each document from an error file and each document's gold count."""
    fn: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    for line in errors.read_text(encoding="utf-8").splitlines():
        m = re.match(r"(MISS|FALSE)\s+(\S+)\s", line)
        if m:
            (fn if m.group(1) == "MISS" else fp)[m.group(2)] += 1
    return {d: (n - fn[d], fp[d], fn[d]) for d, n in gold.items()}


def f1(table: dict[str, tuple[int, int, int]], docs: list[str]) -> float:
    tp, fp, fn = (sum(table[d][i] for d in docs) for i in range(3))
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def compare(sets: Path, errors_a: Path, errors_b: Path, resamples: int = 5000
            ) -> dict[str, float]:
    """F1 of each build, their difference, its 90% interval and the share of resampled
    document sets where B is no better than A."""
    gold = {d: len(doc["events"]) for g in sorted(sets.glob("*/gold.jsonl"))
            for d, doc in gold_of(g.parent).items()}
    a, b = per_document(errors_a, gold), per_document(errors_b, gold)
    docs = sorted(gold)
    rng = random.Random(7)
    diffs = sorted(f1(b, s) - f1(a, s)
                   for s in ([rng.choice(docs) for _ in docs] for _ in range(resamples)))
    return {"f1_a": f1(a, docs), "f1_b": f1(b, docs), "diff": f1(b, docs) - f1(a, docs),
            "low": diffs[int(0.05 * resamples)], "high": diffs[int(0.95 * resamples)],
            "p_not_better": sum(d <= 0 for d in diffs) / resamples}


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[0] not in ("check", "render", "compare"):
        print(__doc__)
        return 2
    if argv[0] == "compare":
        if len(argv) != 4:
            print("compare takes SETS_DIR ERRORS_A ERRORS_B")
            return 2
        r = compare(Path(argv[1]), Path(argv[2]), Path(argv[3]))
        print(f"F1 {r['f1_a']:.3f} -> {r['f1_b']:.3f}: {r['diff']:+.3f} (90%: {r['low']:+.3f} "
              f"to {r['high']:+.3f}; not better in {r['p_not_better']:.3f} of resamples)")
        return 0
    bad = 0
    for folder in map(Path, argv[1:]):
        if argv[0] == "render":
            print(f"{folder}: {render(folder)} pages")
            continue
        problems = check(folder)
        bad += len(problems)
        for problem in problems:
            print(f"{folder}: {problem}")
        docs = gold_of(folder)
        print(f"{folder}: {len(docs)} documents, "
              f"{sum(len(d['events']) for d in docs.values())} events, {len(problems)} problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
