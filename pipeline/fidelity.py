"""Extraction fidelity: does the stored text keep what the page says, and only that?

``measure(db_path, gold_docs, url_to_doc, layouts, show_documents)`` reads the documents
an ingest has just stored and returns aggregates (JSON-able):

- evidence sentences intact: the share of gold evidence sentences found verbatim
  (whitespace-normalised) in the stored text, overall, per container (html/pdf) and per
  layout (the site template or report layout the page was rendered with);
- documents with a running line or chrome left: a PDF line repeated at the edges of
  several pages (digits masked, so "Page 3" and "Page 4" are one line) or a page number
  ("Page 3 of 12", "- 3 -"); in any document, a line of a known chrome class (see
  ``CHROME``: read-also links, share and comment prompts, newsletter and cookie notices,
  photo captions, copyright lines) in English, Spanish or Portuguese;
- publication dates right per container: the stored date agrees with the gold date at
  the stored precision (a report that says only "July 2024" is right with 2024-07), with
  the exact-day count beside it.

``summary`` holds the headline figures in one small dict. With ``show_documents=True``
(train only) the result also lists the broken sentences and the leftover lines, for
diagnosis; with False it holds aggregates only.

``python -m pipeline.fidelity --set train|valid`` ingests a set's rendered files into a
temporary database through the CLI and prints the aggregates.
"""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

DIGITS = re.compile(r"\d+")
ROMAN = r"[ivxlcdm]{1,7}"
PAGE_NUMBER = re.compile(
    rf"(?i)^\W*((page|p[aá]gina|p[aá]g\.?)\s*)?(\d{{1,4}}|{ROMAN})(\s*(of|de|/)\s*\d{{1,4}})?\W*$")
PAGE_LABEL = re.compile(r"(?i)\b(page|p[aá]gina)\s+\d{1,4}\s+(of|de)\s+\d{1,4}\b")
# Line classes of site chrome, in our three languages (a line that starts this way)
CHROME = {
    "read_also": r"(read|see) (also|more)|related( stories| articles| posts)?|more on this|"
                 r"lea (también|mas|más)|lee (también|mas|más)|ver (también|más)|"
                 r"noticias relacionadas|leia (também|mais)|veja (também|mais)|"
                 r"not[ií]cias relacionadas|mat[ée]rias relacionadas|saiba mais",
    "share": r"share (this|on)|compart(ir|e|ilhe|ilhar)( (en|no|esta|este|this))?\b",
    "comments": r"\d+ (comments?|comentarios?|coment[áa]rios?)|leave a (comment|reply)|"
                r"deja (un|tu) comentario|deixe (um|seu) coment[áa]rio|comments? (are )?closed",
    "newsletter": r"(subscribe|sign up)\b|suscr[ií]b[ea]te|inscr[ií]b[ea]te|assine (a|nossa|o)|"
                  r"inscreva-se|receba (a|nossa|as)|recibe (las|nuestro)|get (our|the) newsletter",
    "cookies": r"(we|this site) uses? cookies|usamos cookies|utilizamos cookies|"
               r"este (sitio|site) (usa|utiliza) cookies",
    "caption": r"(photo|foto|image|imagen|imagem|picture)( caption)?:|"
               r"(caption|legenda|leyenda|pie de foto):",
    "copyright": r"©|copyright\b|all rights reserved|todos los derechos|todos os direitos",
    "tags": r"(tags|etiquetas|temas):",
}
CHROME_LINE = re.compile(r"(?i)^\W{0,3}(" + "|".join(f"(?P<{k}>{v})" for k, v in CHROME.items())
                         + ")")
FOOTNOTE = re.compile(r"^\d{1,3}\s+\S.{10,}[.)]$")
EDGE_CHARS = 250  # a running line sits in the first or last characters of a page's text
MIN_RUNNING_WORDS = 3


def squash(text: str) -> str:
    return " ".join(text.split())


def container(content_type: str | None, url: str) -> str:
    if content_type:
        return "pdf" if "pdf" in content_type else "html" if "html" in content_type else "other"
    return "pdf" if url.lower().endswith(".pdf") else "html"


def running_lines(text: str, offsets: list[int]) -> list[str]:
    """Word 6-grams (digits masked) found at the same edge (top or bottom) of several
    pages, and page-number lines; footnote-like lines ("3 Ministry of Defense, press
    release, 6 May 2024.") are not counted."""
    if not offsets:
        return []
    bounds = [*offsets, len(text)]
    pages = [text[a:b].strip() for a, b in zip(bounds, bounds[1:], strict=False)]
    found: list[str] = []
    seen: dict[tuple[str, str], set[int]] = defaultdict(set)
    for number, page in enumerate(pages):
        for line in page.split("\n"):
            stripped = line.strip()
            if stripped and PAGE_NUMBER.match(stripped) and not stripped.isalpha():
                found.append(stripped)
        found += [m.group(0) for m in PAGE_LABEL.finditer(page)]
        for edge, part in (("top", page[:EDGE_CHARS]), ("bottom", page[-EDGE_CHARS:])):
            lines = [ln for ln in part.split("\n") if not FOOTNOTE.match(ln)]
            words = DIGITS.sub("#", " ".join(lines)).split()
            for n in range(len(words) - 5):
                seen[(edge, " ".join(words[n:n + 6]))].add(number)
    if len(pages) >= 2:
        need = max(2, (len(pages) + 1) // 2)
        found += [gram for (_, gram), where in seen.items() if len(where) >= need
                  and len(gram.replace("#", "").split()) >= MIN_RUNNING_WORDS]
    return found


def chrome_lines(text: str) -> list[tuple[str, str]]:
    """(class, line) of every line of a known chrome class."""
    out = []
    for line in text.split("\n"):
        m = CHROME_LINE.match(line.strip())
        if m and len(line) < 400:
            out.append((next(k for k, v in m.groupdict().items() if v), line.strip()[:120]))
    return out


def dates_agree(gold: str, found: str | None) -> bool:
    if not found:
        return False
    n = min(len(gold), len(found))
    return gold[:n] == found[:n] and len(found) >= 7


def measure(db_path: Path, gold_docs: list[dict], url_to_doc: dict[str, str],
            layouts: dict[str, str], show_documents: bool) -> dict:
    """Aggregates of extraction fidelity over the documents of ``gold_docs``."""
    conn = sqlite3.connect(db_path)
    try:
        rows = conn.execute("SELECT url, content_type, text, page_offsets, published "
                            "FROM documents").fetchall()
    finally:
        conn.close()
    stored = {url_to_doc[r[0]]: r for r in rows if r[0] in url_to_doc}
    doc_url = {d: u for u, d in url_to_doc.items()}
    intact: dict[str, Counter] = defaultdict(Counter)
    dates: dict[str, Counter] = defaultdict(Counter)
    leftovers: Counter = Counter()
    broken: list[dict] = []
    dirty: list[dict] = []
    for gold in gold_docs:
        doc = gold["doc"]
        row = stored.get(doc)
        kind = container(row[1] if row else None, doc_url.get(doc, ""))
        layout = layouts.get(doc, kind)
        text = squash(row[2] or "") if row else ""
        for event in gold.get("events", ()):
            sentence = squash(event.get("evidence") or "")
            if not sentence:
                continue
            ok = sentence in text
            for key in ("all", f"container:{kind}", f"layout:{layout}"):
                intact[key]["sentences"] += 1
                intact[key]["intact"] += ok
            if not ok and show_documents:
                broken.append({"doc": doc, "layout": layout, "sentence": sentence})
        found = []
        if row:
            offsets = json.loads(row[3] or "[]")
            found = [("running", line) for line in running_lines(row[2] or "", offsets)]
            found += chrome_lines(row[2] or "")
        if found:
            leftovers[kind] += 1
            for cls, _ in found:
                leftovers[f"class:{cls}"] += 1
            if show_documents:
                dirty.append({"doc": doc, "layout": layout, "lines": found[:8]})
        if gold.get("published"):
            published = row[4] if row else None
            dates[kind]["stated"] += 1
            dates[kind]["right"] += dates_agree(gold["published"], published)
            dates[kind]["exact_day"] += published == gold["published"]
    result: dict[str, Any] = {
        "documents": len(gold_docs), "stored": len(stored),
        "evidence_intact": {k: {"sentences": c["sentences"], "intact": c["intact"],
                                "share": round(c["intact"] / c["sentences"], 4)}
                            for k, c in sorted(intact.items()) if c["sentences"]},
        "documents_with_leftovers": sum(v for k, v in leftovers.items()
                                        if not k.startswith("class:")),
        "leftovers": dict(sorted(leftovers.items())),
        "published": {k: {**c, "share": round(c["right"] / c["stated"], 4)}
                      for k, c in sorted(dates.items())},
    }
    result["summary"] = {
        "evidence_intact": {k.removeprefix("container:"): v["share"]
                            for k, v in result["evidence_intact"].items()
                            if k == "all" or k.startswith("container:")},
        "documents_with_leftovers": result["documents_with_leftovers"],
        "published_right": {k: v["share"] for k, v in result["published"].items()}}
    if show_documents:
        result["broken_sentences"] = broken
        result["documents_with_leftover_lines"] = dirty
    return result


def collect(corpus: Path, name: str) -> tuple[list[dict], dict[str, Path], dict[str, str]]:
    """Gold documents, their rendered files and layouts of one set (train includes dev)."""
    folders = [corpus / name] + ([corpus / "dev"] if name == "train" else [])
    gold_docs: list[dict] = []
    files: dict[str, Path] = {}
    layouts: dict[str, str] = {}
    for gold_path in sorted(p for f in folders for p in f.glob("*/gold.jsonl")):
        rendered = gold_path.parent / "rendered"
        manifest = json.loads((rendered / "manifest.json").read_text(encoding="utf-8"))
        layout_file = rendered / "layouts.json"
        if layout_file.exists():
            layouts.update(json.loads(layout_file.read_text(encoding="utf-8")))
        for line in gold_path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                doc = json.loads(line)
                gold_docs.append(doc)
                files[doc["doc"]] = (rendered / manifest[doc["doc"]]).resolve()
    for doc, path in files.items():
        layouts.setdefault(doc, "pdf" if path.suffix == ".pdf" else "html")
    return gold_docs, files, layouts


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="train", choices=("train", "valid"))
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    if not (args.corpus / args.set).is_dir():
        print(f"No corpus at {args.corpus / args.set}: nothing to measure.")
        return 0
    gold_docs, files, layouts = collect(args.corpus, args.set)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "fidelity.db"
        config = Path(tmp) / "settings.yaml"
        config.write_text(f"workers: {args.workers}\ncache_dir: {tmp}/cache\n", encoding="utf-8")
        subprocess.run([sys.executable, "-m", "pipeline", "ingest", *map(str, files.values()),
                        "--db", str(db), "--config", str(config), "--quiet"],
                       check=False, stdout=subprocess.DEVNULL)
        url_to_doc = {path.as_uri(): doc for doc, path in files.items()}
        result = measure(db, gold_docs, url_to_doc, layouts, show_documents=args.set == "train")
    print(json.dumps(result, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
