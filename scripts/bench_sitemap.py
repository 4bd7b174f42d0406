"""Benchmark: sitemaps at scale (issue 14, item 11).

A local server writes sitemaps of generated entries (dated, our own made-up URLs) as fast
as they are read; the real CLI, ``python -m pipeline refresh``, runs a registry of one
``sitemap`` source against it. Two cases:

1. ``sitemap``: one sitemap of ``--urls`` entries (500,000 by default, about 47 MB), with
   ``limit: 10``: the ten newest pages are fetched.
2. ``index``: a sitemap index of ``--children`` such sitemaps (25 by default) with
   ``limit: 10`` and a keyword that one entry of every other child matches, so that ten
   links are found only after nineteen children have been read to their end.

For each: seconds until the first article is asked for (what discovery cost), seconds to
the end of the run, and the peak RSS of the pipeline's main process while it discovered
(sampled every 50 ms; the extraction workers start later and are not in that figure).
A run still discovering after ``--timeout`` seconds is stopped and reported so.

Writes ``output/bench_sitemap.json``. ``--code DIR`` runs the pipeline from another
checkout (for before/after figures).

Usage: python scripts/bench_sitemap.py [--urls N] [--children N] [--case sitemap|index]
       [--timeout S] [--code DIR]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from localserver import LocalServer  # noqa: E402  (the tests' local server)

NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
KEYWORD = "defensa"


class Server:
    """``/sitemap.xml`` (``urls`` entries), ``/index.xml`` (``children`` children of ``urls``
    entries, the keyword in one entry of each even-numbered child), ``/news/...`` pages."""

    def __init__(self, urls: int, children: int):
        self.first_article: float | None = None
        self.articles = 0
        self.urls, self.children = urls, children
        self.local = LocalServer(self.route, send_buffer=None)
        self.url = self.local.url

    def route(self, path: str):
        if path.startswith("/news/"):
            if self.first_article is None:
                self.first_article = time.monotonic()
            self.articles += 1
            return "text/html", [b"<html><head><title>A notice</title></head><body><p>A short "
                                 b"notice written for the bench.</p></body></html>"], None
        if path == "/sitemap.xml":
            return "application/xml", self.entries(self.urls, 0, marked=False), None
        if path == "/index.xml":
            return "application/xml", [f"<sitemapindex xmlns='{NS}'>".encode() + b"".join(
                f"<sitemap><loc>{self.url}/child-{k}.xml</loc><lastmod>2025-"
                f"{1 + k // 28:02d}-{1 + k % 28:02d}</lastmod></sitemap>".encode()
                for k in range(self.children)) + b"</sitemapindex>"], None
        if path.startswith("/child-"):
            k = int(path[len("/child-"):-len(".xml")])
            return "application/xml", self.entries(self.urls, k, marked=True), None
        return None

    def entries(self, count: int, child: int, marked: bool):
        yield f"<?xml version='1.0' encoding='UTF-8'?><urlset xmlns='{NS}'>\n".encode()
        for start in range(0, count, 2000):
            lines = []
            for n in range(start, min(count, start + 2000)):
                word = f"-{KEYWORD}" if marked and n == count // 2 and child % 2 == 0 else ""
                year = 2005 + (n * 7919) % 20
                lines.append(f"<url><loc>{self.url}/news/{child}/{n}{word}.html</loc>"
                             f"<lastmod>{year}-{1 + n % 12:02d}-{1 + n % 28:02d}</lastmod>"
                             "</url>\n")
            yield "".join(lines).encode()
        yield b"</urlset>\n"

    def close(self) -> None:
        self.local.close()


def run(case: str, urls: int, children: int, timeout: float, code: Path) -> dict:
    server = Server(urls, children)
    with tempfile.TemporaryDirectory(prefix="bench-sitemap-") as tmp:
        base = Path(tmp)
        source = {"sitemap": f"{server.url}/sitemap.xml", "index": f"{server.url}/index.xml"}
        keywords = f"\n    keywords: [{KEYWORD}]" if case == "index" else ""
        (base / "sources.yaml").write_text(
            f"sources:\n  - name: big\n    kind: sitemap\n    url: {source[case]}\n"
            f"    limit: 10\n    allow_private: true{keywords}\n", encoding="utf-8")
        # a 47 MB sitemap parsed while it downloads may take longer than the 60 s default
        # deadline on a busy machine (older checkouts have no such setting)
        deadline = "timeout_total: 600\n" if "timeout_total" in (
            code / "pipeline" / "settings.py").read_text(encoding="utf-8") else ""
        (base / "settings.yaml").write_text(
            f"cache_dir: {base / 'cache'}\nrate_limit: 1000\n{deadline}", encoding="utf-8")
        started = time.monotonic()
        child = subprocess.Popen(
            [sys.executable, "-m", "pipeline", "refresh", "--sources", str(base / "sources.yaml"),
             "--db", str(base / "corpus.db"), "--config", str(base / "settings.yaml"), "--quiet"],
            cwd=code, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        process = psutil.Process(child.pid)
        peak, stopped = 0, False
        while child.poll() is None:
            if server.first_article is None:
                try:
                    peak = max(peak, process.memory_info().rss)
                except psutil.NoSuchProcess:
                    break
            if time.monotonic() - started > timeout:
                child.kill()
                stopped = True
                break
            time.sleep(0.05)
        _, err = child.communicate()
        ended = time.monotonic()
    server.close()
    first = server.first_article
    return {
        "case": case, "urls_per_sitemap": urls, "children": children if case == "index" else 0,
        "seconds_to_first_article": round(first - started, 1) if first else None,
        "seconds_total": round(ended - started, 1), "articles_fetched": server.articles,
        "peak_rss_mb_discovering": round(peak / 2**20), "stopped_after_timeout": stopped,
        "exit_code": None if stopped else child.returncode,
        "stderr_tail": err.strip().splitlines()[-1:] if err.strip() else [],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--urls", type=int, default=500_000)
    parser.add_argument("--children", type=int, default=25)
    parser.add_argument("--case", choices=["sitemap", "index", "both"], default="both")
    parser.add_argument("--timeout", type=float, default=600.0)
    parser.add_argument("--code", type=Path, default=ROOT, help="checkout to run the CLI from")
    args = parser.parse_args()
    cases = ["sitemap", "index"] if args.case == "both" else [args.case]
    results = []
    for case in cases:
        result = run(case, args.urls, args.children, args.timeout, args.code.resolve())
        results.append(result)
        where = (f"{result['children']} children of " if case == "index" else "") + \
            f"{result['urls_per_sitemap']:,} URLs"
        first = result["seconds_to_first_article"]
        print(f"{case:8} {where}: first article after "
              f"{'-' if first is None else f'{first} s'}, run {result['seconds_total']} s"
              f"{' (stopped at the timeout)' if result['stopped_after_timeout'] else ''}, "
              f"{result['articles_fetched']} articles, peak RSS while discovering "
              f"{result['peak_rss_mb_discovering']} MB", flush=True)
        if result["exit_code"] not in (0, None):
            print(f"  exit code {result['exit_code']}: {result['stderr_tail']}")
    out = ROOT / "output" / "bench_sitemap.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"code": str(args.code), "results": results}, indent=2) + "\n",
                   encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
