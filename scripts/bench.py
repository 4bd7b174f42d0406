"""Benchmark: what the pipeline costs on top of extraction, at corpus scale.

Builds (or reuses) a deterministic corpus under ``output/bench/corpus`` and measures, on
the same files:

1. the extraction floor: bare ``trafilatura.extract`` (our options) and pypdfium2
   ``get_text_range`` page by page, in this process; and, for the PDFs, pages per CPU
   second of our extract stage, of pdfplumber ``extract_text`` and of bare pypdfium2 on
   the same files in the same run (``pdf_pages_per_s``, ``pdf_speedup_vs_pdfplumber``,
   ``pdf_over_pdfium``);
2. the real CLI, ``python -m pipeline ingest CORPUS --db FRESH --config CFG``, with
   ``workers: 1`` and ``workers: N``, sampling the RSS of its whole process tree;
3. a second ``ingest`` of the unchanged files (the incremental path);
4. each stage's share of the time (fetch/read, extract, nlp, store), with an
   instrumented in-process loop over the same stage functions on every k-th document,
   and the NLP rate in words per CPU second of ``pipeline.nlp.tag`` (CPU, not wall
   time: the rate of one worker, steady when the machine is shared).

Wall seconds are what the targets use; CPU seconds (of this process for the floor, of
the ingest process tree for ingest) are printed beside them because on a shared machine
they vary far less. Peak RSS sums every process of the tree (shared pages counted once
per process, so it errs high).

Prints a table against the targets and writes ``output/bench.json``.

Usage: python scripts/bench.py [--html N] [--pdf N] [--workers N] [--stage-every K]
Sizes default from BENCH_HTML, BENCH_PDF, BENCH_MIN_PAGES, BENCH_MAX_PAGES,
BENCH_WORKERS and BENCH_STAGE_EVERY. The default corpus (800 HTML pages, 16 PDF reports
of 20-40 pages) is 40% of the issue's 2,000/40, same mix, so that ``make bench`` stays under
ten minutes on two cores.
"""

from __future__ import annotations

import argparse
import gc
import io
import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)] if str(ROOT) not in sys.path else []

import make_bench_corpus  # noqa: E402  (beside this script)

TARGETS = {  # key: (comparison, bound, what)
    "overhead_ratio": ("<=", 1.20, "end to end (1 worker) / extraction floor"),
    "speedup_n_workers": (">=", 1.7, "1 worker / N workers"),
    "rerun_speedup": (">=", 50.0, "first ingest / unchanged re-run"),
    "peak_rss_mb": ("<=", 1000.0, "peak RSS of the ingest process tree (MB)"),
    "nlp_words_per_s": (">=", 150_000.0, "NLP stage, words per CPU second (one worker)"),
    "pdf_speedup_vs_pdfplumber": (">=", 10.0, "PDF pages/s: our path / pdfplumber extract_text"),
    "pdf_over_pdfium": ("<=", 3.0, "PDF pages/s: bare pypdfium2 get_text_range / our path"),
}


def _env_int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


# ---------------------------------------------------------------- the floor

def floor(files: list[Path], per_file: dict[Path, float]) -> dict:
    """Bare extraction, one process: trafilatura.extract and pypdfium2 get_text_range
    (the reader under our PDF path; pdfplumber is timed by ``pdf_speed``). Fills
    ``per_file`` with each file's CPU seconds."""
    import trafilatura

    html_s = pdf_s = 0.0
    pages = 0
    cpu = time.process_time()
    for path in files:
        body = path.read_bytes()
        started, cpu_started = time.perf_counter(), time.process_time()
        if path.suffix == ".pdf":
            pages += _pdfium_text(body)
            pdf_s += time.perf_counter() - started
        else:
            trafilatura.extract(body, with_metadata=True, include_comments=False,
                                include_tables=True, favor_precision=True)
            html_s += time.perf_counter() - started
        per_file[path] = time.process_time() - cpu_started
    return {"floor_s": html_s + pdf_s, "floor_html_s": html_s, "floor_pdf_s": pdf_s,
            "floor_cpu_s": time.process_time() - cpu, "pdf_pages": pages}


def _pdfium_text(body: bytes) -> int:
    """pypdfium2's plain text of every page (stream order); the number of pages."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(body)
    count = len(doc)
    for index in range(count):
        page = doc[index]
        textpage = page.get_textpage()
        textpage.get_text_range()
        textpage.close()
        page.close()
    doc.close()
    return count


def _pdfplumber_text(body: bytes) -> int:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(body)) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.close()
        return len(pdf.pages)


def pdf_speed(files: list[Path]) -> dict:
    """PDF pages per CPU second, in this process, on the same files: our extract stage
    (geometry, reading order, running lines; warmed up on one file first), pdfplumber
    ``extract_text`` and pypdfium2 ``get_text_range``, and their ratios."""
    from pipeline.extract import extract
    from pipeline.fetch import fetch_file
    from pipeline.settings import Settings

    pdfs = [p for p in files if p.suffix == ".pdf"]
    if not pdfs:
        return {}
    with tempfile.TemporaryDirectory() as cache:
        settings = Settings(cache_dir=cache)
        fetched = [fetch_file(p, settings) for p in pdfs]
    extract(fetched[0], settings)  # imports and rule tables, paid once per worker

    def ours(item) -> int:
        doc = extract(item, settings)
        return len(doc.page_offsets)

    rates, seconds = {}, {}
    pages = 0
    for name, read, items in (("ours", ours, fetched),
                              ("pdfplumber", _pdfplumber_text, [f.body for f in fetched]),
                              ("pypdfium2", _pdfium_text, [f.body for f in fetched])):
        started = time.process_time()
        counted = sum(read(item) for item in items)
        seconds[name] = time.process_time() - started
        rates[name] = counted / seconds[name] if seconds[name] else 0.0
        pages = pages or counted
    return {"pdf_speed_pages": pages, "pdf_speed_cpu_s": seconds,
            "pdf_pages_per_s": rates["ours"],
            "pdf_pages_per_s_pdfplumber": rates["pdfplumber"],
            "pdf_pages_per_s_pdfium": rates["pypdfium2"],
            "pdf_speedup_vs_pdfplumber": rates["ours"] / rates["pdfplumber"]
            if rates["pdfplumber"] else 0.0,
            "pdf_over_pdfium": rates["pypdfium2"] / rates["ours"] if rates["ours"] else 0.0}


# ---------------------------------------------------------------- the real CLI

class TreeSampler(threading.Thread):
    """Samples the summed RSS of a process and all its descendants."""

    def __init__(self, pid: int, every: float = 0.05):
        super().__init__(daemon=True)
        self.process, self.every = psutil.Process(pid), every
        self.samples: list[tuple[float, float]] = []  # (seconds, MB)
        self.done = threading.Event()

    def run(self) -> None:
        started = time.perf_counter()
        while not self.done.is_set():
            try:
                tree = [self.process, *self.process.children(recursive=True)]
            except psutil.NoSuchProcess:
                break
            total = 0
            for proc in tree:
                try:
                    total += proc.memory_info().rss
                except psutil.NoSuchProcess:
                    pass
            self.samples.append((time.perf_counter() - started, total / 2**20))
            self.done.wait(self.every)

    @property
    def peak(self) -> float:
        return max((mb for _, mb in self.samples), default=0.0)


def ingest(corpus: Path, db: Path, config: Path) -> dict:
    """One ``python -m pipeline ingest`` run: seconds, peak tree RSS, run counts."""
    cmd = [sys.executable, "-m", "pipeline", "ingest", str(corpus), "--db", str(db),
           "--config", str(config), "--quiet"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    sampler = TreeSampler(proc.pid)
    sampler.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - started
    sampler.done.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode not in (0, 1):  # 1: some documents failed, still a full run
        raise SystemExit(f"ingest failed ({proc.returncode}): {err.strip()[-2000:]}")
    with sqlite3.connect(db) as conn:
        counts = json.loads(conn.execute("SELECT counts FROM runs ORDER BY id DESC "
                                         "LIMIT 1").fetchone()[0])
    samples = sampler.samples
    late = [mb for t, mb in samples if t >= seconds * 0.75]
    early = [mb for t, mb in samples if seconds * 0.25 <= t < seconds * 0.5]
    return {"seconds": seconds, "cpu_s": cpu, "peak_rss_mb": sampler.peak, "counts": counts,
            "rss_growth_mb": (max(late) - max(early)) if late and early else 0.0,
            "summary": out.strip().splitlines()[0] if out.strip() else ""}


def config(path: Path, workers: int, cache: Path) -> Path:
    path.write_text(f"workers: {workers}\ncache_dir: {cache}\n", encoding="utf-8")
    return path


# ---------------------------------------------------------------- stage shares

def stages(files: list[Path], work: Path, floor_cpu: dict[Path, float]) -> dict:
    """Time fetch_file → extract → tag → store in this process, stage by stage."""
    from pipeline import store
    from pipeline.extract import extract
    from pipeline.fetch import fetch_file
    from pipeline.nlp import nlp_version, tag
    from pipeline.settings import Settings
    from pipeline.workers import settle

    shutil.rmtree(work / "cache-stages", ignore_errors=True)
    settings = Settings(cache_dir=str(work / "cache-stages"))
    db_path = work / "stages.db"
    for old in work.glob("stages.db*"):
        old.unlink()
    db = store.open_db(db_path)
    version = nlp_version()
    run_id = store.start_run(db, "bench stages", version)
    tag(extract(fetch_file(files[0], settings), settings))  # build the spaCy pipeline first
    threshold = gc.get_threshold()
    settle()  # as a worker process does before its first document
    spent = {"fetch": 0.0, "extract": 0.0, "nlp": 0.0, "store": 0.0}
    words, nlp_cpu, extract_cpu = 0, 0.0, 0.0
    for path in files:
        t0 = time.perf_counter()
        fetched = fetch_file(path, settings)
        t1 = time.perf_counter()
        store.record_fetch(db, fetched, run_id)
        current = store.is_current(db, fetched.sha256 or "", fetched.url, version)
        t2 = time.perf_counter()
        if current:
            continue
        c2 = time.process_time()
        document = extract(fetched, settings)
        t3, c3 = time.perf_counter(), time.process_time()
        extract_cpu += c3 - c2
        tagged = tag(document)
        t4, c4 = time.perf_counter(), time.process_time()
        nlp_cpu += c4 - c3
        store.save(db, tagged, run_id)
        t5 = time.perf_counter()
        spent["fetch"] += t1 - t0
        spent["extract"] += t3 - t2
        spent["nlp"] += t4 - t3
        spent["store"] += (t2 - t1) + (t5 - t4)
        words += len(document.text.split())
    db.conn.close()
    gc.unfreeze()
    gc.set_threshold(*threshold)
    total = sum(spent.values())
    return {"stage_s": spent, "stage_share": {k: v / total for k, v in spent.items()},
            "stage_docs": len(files), "nlp_words": words,
            "extract_over_floor_cpu": extract_cpu / sum(floor_cpu[f] for f in files),
            "nlp_words_per_s": words / nlp_cpu if nlp_cpu else 0.0,
            "nlp_words_per_s_wall": words / spent["nlp"] if spent["nlp"] else 0.0}


# ---------------------------------------------------------------- report

def verdict(key: str, value: float) -> str:
    op, bound, _ = TARGETS[key]
    ok = value <= bound if op == "<=" else value >= bound
    return "met" if ok else "MISSED"


def table(result: dict) -> str:
    r = result
    rows = [("extraction floor (HTML)", r["floor_html_s"], None),
            ("extraction floor (PDF, pypdfium2)", r["floor_pdf_s"], None),
            ("extraction floor", r["floor_s"], r["floor_cpu_s"]),
            ("ingest, 1 worker", r["end_to_end_s_1_worker"], r["cpu_s_1_worker"]),
            (f"ingest, {r['workers']} workers", r["end_to_end_s_n_workers"], r["cpu_s_n_workers"]),
            ("ingest again, unchanged files", r["rerun_s"], None)]
    lines = [f"corpus: {r['docs']} documents ({r['html_docs']} HTML, {r['pdf_docs']} PDF with "
             f"{r['pdf_pages']} pages), {r['workers']} workers, {r['cpus']} CPUs, load average "
             f"{r['load_avg_start']:.1f} at the start, {r['load_avg_end']:.1f} at the end", "",
             f"  {'measure':<34}{'wall s':>10}{'CPU s':>10}"]
    lines += [f"  {name:<34}{wall:>10.2f}{'' if cpu is None else format(cpu, '.2f'):>10}"
              for name, wall, cpu in rows]
    if "pdf_pages_per_s" in r:
        lines += ["", f"  PDF pages per CPU second ({r['pdf_speed_pages']} pages, same files, "
                  f"same run): our path {r['pdf_pages_per_s']:.0f}, pdfplumber extract_text "
                  f"{r['pdf_pages_per_s_pdfplumber']:.1f}, pypdfium2 get_text_range "
                  f"{r['pdf_pages_per_s_pdfium']:.0f}"]
    lines += ["", "  stage share (wall): " + ", ".join(f"{k} {v:.0%}" for k, v in
                                                      r["stage_share"].items()),
              "", f"  {'target':<26}{'measured':>12}{'bound':>12}  verdict"]
    for key, (op, bound, what) in TARGETS.items():
        if key not in r:
            continue
        lines.append(f"  {key:<26}{r[key]:>12.2f}{op + ' ' + format(bound, 'g'):>12}  "
                     f"{verdict(key, r[key]):<7} {what}")
    lines.append(f"  {'overhead_ratio_cpu':<26}{r['overhead_ratio_cpu']:>12.2f}"
                 f"{'':>12}  {'':<7} the same ratio in CPU seconds (steadier on a busy machine)")
    lines.append(f"  {'extract_over_floor':<26}{r['extract_over_floor_cpu']:>12.2f}"
                 f"{'':>12}  {'':<7} our extract stage / bare libraries, CPU, same documents")
    lines.append(f"  {'rss_growth_mb':<26}{r['rss_growth_mb']:>12.1f}{'~ 0':>12}  {'':<7} "
                 "1 worker: RSS peak in the last quarter minus in the second quarter")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--html", type=int, default=_env_int("BENCH_HTML", 800))
    parser.add_argument("--pdf", type=int, default=_env_int("BENCH_PDF", 16))
    parser.add_argument("--min-pages", type=int, default=_env_int("BENCH_MIN_PAGES", 20))
    parser.add_argument("--max-pages", type=int, default=_env_int("BENCH_MAX_PAGES", 40))
    parser.add_argument("--workers", type=int,
                        default=_env_int("BENCH_WORKERS", os.cpu_count() or 2))
    parser.add_argument("--stage-every", type=int, default=_env_int("BENCH_STAGE_EVERY", 4),
                        help="time the stages on every k-th document")
    parser.add_argument("--work", type=Path, default=ROOT / "output" / "bench")
    parser.add_argument("--out", type=Path, default=ROOT / "output" / "bench.json")
    a = parser.parse_args()

    work = a.work.resolve()
    corpus = work / "corpus"
    step = time.perf_counter()
    info = make_bench_corpus.build(corpus, a.html, a.pdf, a.min_pages, a.max_pages)
    print(f"corpus ready in {time.perf_counter() - step:.0f}s: {corpus}", flush=True)
    files = sorted(p for p in corpus.iterdir() if p.suffix in (".html", ".pdf"))

    result: dict = {"docs": len(files), "html_docs": info["html"], "pdf_docs": info["pdf"],
                    "workers": a.workers, "cpus": os.cpu_count(),
                    "load_avg_start": os.getloadavg()[0]}
    print("extraction floor ...", flush=True)
    floor_cpu: dict[Path, float] = {}
    result.update(floor(files, floor_cpu))
    print("PDF path against pdfplumber and bare pypdfium2 ...", flush=True)
    result.update(pdf_speed(files))

    runs = {}
    for label, workers in (("1", 1), ("n", a.workers)):
        db, cache = work / f"ingest-{label}.db", work / f"cache-{label}"
        for old in work.glob(f"ingest-{label}.db*"):
            old.unlink()
        shutil.rmtree(cache, ignore_errors=True)
        print(f"ingest with {workers} worker(s) ...", flush=True)
        runs[label] = ingest(corpus, db, config(work / f"bench-{label}.yaml", workers, cache))
    print("ingest again (unchanged) ...", flush=True)
    rerun = ingest(corpus, work / "ingest-1.db", work / "bench-1.yaml")
    print(f"stages on every {a.stage_every}th document ...", flush=True)
    result.update(stages(files[:: max(1, a.stage_every)], work, floor_cpu))

    first = runs["1"]["seconds"]
    result.update({
        "end_to_end_s_1_worker": first,
        "end_to_end_s_n_workers": runs["n"]["seconds"],
        "overhead_ratio": first / result["floor_s"],
        "overhead_ratio_cpu": runs["1"]["cpu_s"] / result["floor_cpu_s"],
        "cpu_s_1_worker": runs["1"]["cpu_s"], "cpu_s_n_workers": runs["n"]["cpu_s"],
        "speedup_n_workers": first / runs["n"]["seconds"],
        "rerun_s": rerun["seconds"],
        "rerun_speedup": first / rerun["seconds"],
        "rerun_unchanged": rerun["counts"].get("unchanged", 0),
        "peak_rss_mb": max(r["peak_rss_mb"] for r in (*runs.values(), rerun)),
        "peak_rss_mb_by_run": {"1_worker": runs["1"]["peak_rss_mb"],
                               "n_workers": runs["n"]["peak_rss_mb"],
                               "rerun": rerun["peak_rss_mb"]},
        "rss_growth_mb": runs["1"]["rss_growth_mb"],
        "ingest_counts": {"1_worker": runs["1"]["counts"], "n_workers": runs["n"]["counts"]},
    })
    result["load_avg_end"] = os.getloadavg()[0]
    from pipeline.nlp import COMPILED  # the NLP rate is of the compiled rules (make fast)?
    result["nlp_compiled"] = COMPILED
    result["targets"] = {k: verdict(k, result[k]) for k in TARGETS if k in result}
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(result, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print()
    print(table(result))
    print("NLP rule modules: " + ("compiled by make fast (.fast/)" if result["nlp_compiled"]
                                  else "pure Python (make fast compiles them)"))
    print(f"\nwrote {a.out}")


if __name__ == "__main__":
    main()
