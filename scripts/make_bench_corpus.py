"""Build the benchmark corpus: many distinct HTML articles and long PDF reports.

Deterministic (seeded) and built from our own text only: the paragraphs of the sample
documents (``sources/samples/``, or the test fixtures when the samples are absent) and a
few sentence templates below, written by us. Paragraphs are shuffled, numbered and given
swapped names, places and dates, so every document has its own sha256; HTML pages get
heavy site chrome (menus, inline CSS and scripts, related links) like real news pages.

Usage: python scripts/make_bench_corpus.py OUT_DIR [--html 800] [--pdf 16]
       [--min-pages 20] [--max-pages 40] [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

POWERS = [("Chinese", "China"), ("American", "the United States"), ("Russian", "Russia")]
LAC = [("Brazilian", "Brazil", "Brasília"), ("Peruvian", "Peru", "Lima"),
       ("Argentine", "Argentina", "Buenos Aires"), ("Chilean", "Chile", "Santiago"),
       ("Mexican", "Mexico", "Mexico City"), ("Colombian", "Colombia", "Bogotá"),
       ("Ecuadorian", "Ecuador", "Quito"), ("Uruguayan", "Uruguay", "Montevideo"),
       ("Bolivian", "Bolivia", "La Paz"), ("Cuban", "Cuba", "Havana"),
       ("Venezuelan", "Venezuela", "Caracas")]
PEOPLE = ["Ana Ribeiro", "Carlos Mendoza", "Li Wei", "Marta Quispe", "John Harper",
          "Zhang Min", "Lucía Ferreyra", "Paulo Teixeira", "Elena Sokolova", "Diego Salas",
          "Wang Jun", "Sofía Aranda", "Tomás Aguirre", "Chen Hao", "Rafael Duarte"]
TITLES = ["Defense Minister", "Army Commander General", "Navy Commander Admiral",
          "Vice Minister of Defense", "Chief of the Joint Staff General"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
UNITS = ["a naval training ship", "a hospital ship", "two frigates", "a survey vessel"]

# Sentence templates (our own words). Slots: {pd} power demonym, {pn} power name,
# {ld}/{ln}/{lc} LAC demonym/name/capital, {t} title, {p} person, {d} date, {u} unit, {n} number.
EVENT_SENTENCES = [
    "{pd} {t} {p} met {ld} officials in {lc} on {d} to discuss training and equipment.",
    "A delegation from {pn} held talks with the {ld} Army in {lc} on {d}, the ministry said.",
    "{n} {ld} officers completed a course at a {pd} military academy on {d}.",
    "{u} from {pn} made a port call in {ln} on {d}, its first in several years.",
    "{ln} and {pn} signed a memorandum of understanding on defense cooperation on {d}.",
    "{pn} donated {n} vehicles and field equipment to the {ld} Army on {d}.",
    "Troops from {ln} and {pn} took part in a joint exercise near {lc} that ended on {d}.",
    "The {ld} {t} {p} attended a security forum hosted by {pn} on {d}.",
]
BACKGROUND_SENTENCES = [
    "Analysts said the relationship had grown steadily over the past decade.",
    "The statement gave no figures for the cost of the programme.",
    "Officials described the talks as frank and constructive, without giving details.",
    "Local newspapers covered the ceremony, which lasted about an hour.",
    "The ministry did not respond to a request for further comment.",
    "Observers noted a general trend of closer contacts rather than a single occasion.",
    "Weather delayed part of the schedule, according to people who attended.",
    "Earlier reports on the subject were summarised in the previous edition.",
]


def sample_paragraphs() -> list[str]:
    """Paragraphs of our own sample documents, read with the pipeline's extractor."""
    from pipeline.extract import extract
    from pipeline.fetch import fetch_file
    from pipeline.settings import Settings

    folder = ROOT / "sources" / "samples"
    files = sorted(p for p in folder.glob("*") if p.suffix in (".html", ".pdf", ".txt")) \
        if folder.is_dir() else []
    if not files:
        files = sorted((ROOT / "tests" / "fixtures").glob("*.*"))
    paragraphs: list[str] = []
    with tempfile.TemporaryDirectory() as cache:
        settings = Settings(cache_dir=cache)
        docs = [extract(fetch_file(path, settings), settings) for path in files]
    for doc in docs:
        if doc.language not in (None, "en"):
            continue  # the templates are English; keep documents in one language
        paragraphs += [p.strip() for p in doc.text.split("\n") if len(p.strip()) > 60]
    return paragraphs or ["The ministry published a short statement about the meeting."]


def _fill(template: str, rng: random.Random) -> str:
    pd, pn = rng.choice(POWERS)
    ld, ln, lc = rng.choice(LAC)
    day, month, year = rng.randint(1, 28), rng.choice(MONTHS), rng.randint(2015, 2025)
    text = template.format(pd=pd, pn=pn, ld=ld, ln=ln, lc=lc, t=rng.choice(TITLES),
                           p=rng.choice(PEOPLE), d=f"{day} {month} {year}", u=rng.choice(UNITS),
                           n=rng.choice(["Twelve", "Eight", "Fifteen", "Thirty"]))
    return text[0].upper() + text[1:]


def _swap(paragraph: str, rng: random.Random) -> str:
    """Vary a sample paragraph: names, years and day numbers from our lists."""
    paragraph = re.sub(r"\b(19|20)\d\d\b", lambda m: str(rng.randint(2015, 2025)), paragraph)
    return re.sub(r"\b([12]?\d) (January|February|March|April|May|June|July|August|September|"
                  r"October|November|December)\b",
                  lambda m: f"{rng.randint(1, 28)} {m.group(2)}", paragraph)


def article(rng: random.Random, pool: list[str], chars: int) -> list[str]:
    """Paragraphs of about ``chars`` characters: samples, event and background sentences."""
    out: list[str] = []
    size = 0
    while size < chars:
        kind = rng.random()
        if kind < 0.2:
            para = _swap(rng.choice(pool), rng)
        else:
            sentences = [_fill(rng.choice(EVENT_SENTENCES), rng) if rng.random() < 0.15
                         else rng.choice(BACKGROUND_SENTENCES) for _ in range(rng.randint(3, 6))]
            para = " ".join(sentences)
        para = f"{len(out) + 1}. {para}"
        out.append(para)
        size += len(para) + 1
    return out


# ---------------------------------------------------------------- HTML

def _chrome_links(rng: random.Random, n: int, prefix: str) -> str:
    words = ["world", "americas", "asia", "defense", "policy", "economy", "opinion", "video",
             "analysis", "security", "regions", "archive", "podcasts", "newsletters"]
    return "".join(
        f'<li class="menu-item menu-item-{i}"><a href="/{prefix}/{rng.choice(words)}/{i}" '
        f'data-track="nav-{prefix}-{i}" title="{rng.choice(words).title()} {i}">'
        f"{rng.choice(words).title()} {rng.choice(words)}</a></li>" for i in range(n))


def _script(rng: random.Random, size: int) -> str:
    parts, n = [], 0
    while n < size:
        name = "".join(rng.choice("abcdefghijklmnop") for _ in range(6))
        config = json.dumps({"id": rng.randint(1, 10**6)})
        part = (f"function {name}(e,t){{var n=document.querySelectorAll('.{name}');"
                f"for(var i=0;i<n.length;i++){{"
                f"n[i].setAttribute('data-v',e+t*{rng.randint(1, 999)})}}"
                f"return n.length}};window.__cfg_{name}={config};")
        parts.append(part)
        n += len(part)
    return "".join(parts)


def _style(rng: random.Random, size: int) -> str:
    parts, n = [], 0
    while n < size:
        part = (f".c{rng.randint(1, 10**5)} .item-{rng.randint(1, 999)}"
                f"{{margin:{rng.randint(0, 40)}px;padding:{rng.randint(0, 20)}px;"
                f"color:#{rng.randint(0, 0xFFFFFF):06x}}}")
        parts.append(part)
        n += len(part)
    return "".join(parts)


def html_page(index: int, rng: random.Random, pool: list[str]) -> str:
    paragraphs = article(rng, pool, rng.randint(5_000, 15_000))
    title = f"{index:05d}: " + re.sub(r"^\d+\. ", "", paragraphs[0])[:90].rstrip(" ,.")
    published = f"20{rng.randint(15, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    target = rng.randint(60_000, 100_000)
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    related = "".join(f'<li><a href="/story/{rng.randint(1, 10**6)}">'
                      f"{_fill(rng.choice(EVENT_SENTENCES), rng)[:70]}</a></li>" for _ in range(12))
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} | Regional Defense Monitor</title>
<meta property="article:published_time" content="{published}T08:00:00Z">
<meta name="description" content="{title}">
<style>{{STYLE}}</style>
<script>{{SCRIPT}}</script>
</head>
<body>
<header><div class="brand">Regional Defense Monitor</div>
<nav class="mega-menu"><ul>{_chrome_links(rng, 120, "section")}</ul></nav></header>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies or manage
your preferences.</div>
<main>
<article>
<h1>{title}</h1>
<p class="byline">By Staff Reporter | <time datetime="{published}">{published}</time></p>
{body}
</article>
</main>
<aside class="related"><h2>Related stories</h2><ul>{related}</ul></aside>
<footer><ul>{_chrome_links(rng, 60, "footer")}</ul>
<p>Copyright Regional Defense Monitor. All rights reserved.</p></footer>
</body>
</html>
"""
    rest = max(0, target - len(page.encode()))
    return page.replace("{STYLE}", _style(rng, rest * 2 // 5)).replace(
        "{SCRIPT}", _script(rng, rest * 3 // 5))


# ---------------------------------------------------------------- PDF

def _latin1(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"')
    text = text.replace("\u201d", '"').replace("\u2013", "-").replace("\u2014", "-")
    return text.encode("latin-1", "replace").decode("latin-1")


def pdf_report(index: int, rng: random.Random, pool: list[str], pages: int) -> bytes:
    from fpdf import FPDF

    title = f"Defense Cooperation Review No. {index:03d}"

    class Report(FPDF):
        def header(self) -> None:
            self.set_font("Helvetica", "I", 8)
            self.cell(0, 8, title, align="C")
            self.ln(10)

        def footer(self) -> None:
            self.set_y(-14)
            self.set_font("Helvetica", "I", 8)
            self.cell(0, 8, f"Page {self.page_no()}", align="C")

    pdf = Report(format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_creation_date(datetime(2018 + index % 8, 1 + index % 12, 1 + index % 28,
                                   tzinfo=UTC))
    pdf.set_title(title)
    for number in range(pages):
        pdf.add_page()
        pdf.set_font("Helvetica", "B" if number == 0 else "", 14 if number == 0 else 10)
        if number == 0:
            pdf.multi_cell(0, 7, title)
            pdf.ln(4)
            pdf.set_font("Helvetica", "", 10)
        for para in article(rng, pool, rng.randint(2_400, 3_000)):
            if pdf.get_y() > 240:
                break
            pdf.multi_cell(0, 5, _latin1(para))
            pdf.ln(2)
    return bytes(pdf.output())


# ---------------------------------------------------------------- corpus

def build(out: Path, html: int, pdf: int, min_pages: int = 20, max_pages: int = 40,
          seed: int = 7) -> dict:
    """Write the corpus into ``out`` (reused when built with the same parameters)."""
    params = {"html": html, "pdf": pdf, "min_pages": min_pages, "max_pages": max_pages,
              "seed": seed, "version": 1}
    stamp = out / "corpus.json"
    if stamp.exists() and json.loads(stamp.read_text())["params"] == params:
        return json.loads(stamp.read_text())
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.*"):
        old.unlink()
    pool = sample_paragraphs()
    html_bytes = pdf_pages = 0
    for i in range(html):
        page = html_page(i, random.Random(f"{seed}-html-{i}"), pool).encode()
        (out / f"article-{i:05d}.html").write_bytes(page)
        html_bytes += len(page)
    for i in range(pdf):
        rng = random.Random(f"{seed}-pdf-{i}")
        pages = rng.randint(min_pages, max_pages)
        (out / f"report-{i:03d}.pdf").write_bytes(pdf_report(i, rng, pool, pages))
        pdf_pages += pages
    info = {"params": params, "html": html, "pdf": pdf, "pdf_pages": pdf_pages,
            "html_mb": round(html_bytes / 1e6, 1)}
    stamp.write_text(json.dumps(info, indent=1))
    return info


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--html", type=int, default=800)
    parser.add_argument("--pdf", type=int, default=16)
    parser.add_argument("--min-pages", type=int, default=20)
    parser.add_argument("--max-pages", type=int, default=40)
    parser.add_argument("--seed", type=int, default=7)
    a = parser.parse_args()
    info = build(a.out, a.html, a.pdf, a.min_pages, a.max_pages, a.seed)
    print(f"{a.out}: {info['html']} HTML pages ({info['html_mb']} MB), "
          f"{info['pdf']} PDFs ({info['pdf_pages']} pages)")


if __name__ == "__main__":
    main()
