"""Render probe sets as PDF reports in layouts neither the corpus nor the HTML renderer has,
so that the same documents can be scored as pages and as PDFs (what extraction costs).

    python scripts/probe_pdfs.py [--only=LAYOUT,...] OUT_ROOT SET_DIR...

Each ``SET_DIR`` (``<id>.txt`` + ``gold.jsonl``, as ``probe_sets.py`` reads them) becomes
``OUT_ROOT/train/<set>/``: its ``gold.jsonl``, ``rendered/<id>.pdf``, ``manifest.json`` and
``layouts.json``; score it with
``python -m pipeline.evaluate --corpus OUT_ROOT --sets train --floors /dev/null``.
Nothing is written into the repository: the sets' texts are the team's, their PDFs are
scratch material.

The layouts, taken in turn, carry what real reports carry around the text: a running
header and a localised page footer ("Page 2 of 3", "Página 2 de 3"), a letterhead with an
address line and a release number, a cover page, two columns, small pages that split a
paragraph across pages, paragraphs marked by a first-line indent only, a closing notes
block, narrow justified columns with words hyphenated at the line ends; three columns
under headers that alternate on odd and even pages; a draft with numbered lines in the
margin; a shaded "at a glance" box beside ragged text that opens with a drop cap; a
landscape slide deck, one paragraph a slide. ``--only`` renders every document in the
layouts named. The text itself is the set's, word for word.
"""

from __future__ import annotations

import re
import sys
from datetime import UTC, date, datetime
from pathlib import Path

from fpdf import FPDF
from probe_sets import MONTHS, finish_render, render_main, set_documents, start_render

WORDS = {  # page label, published, release, notes, cover kind, office line
    "en": ("Page {n} of {m}", "Published {d}", "Release No. {k}", "Notes",
           "Policy Brief", "Office of Public Affairs | 1200 Harbour Road | press@example.org"),
    "es": ("Página {n} de {m}", "Publicado el {d}", "Comunicado N.º {k}", "Notas",
           "Documento de análisis", "Oficina de Prensa | Av. del Puerto 1200 | prensa@example.org"),
    "pt": ("Página {n} de {m}", "Publicado em {d}", "Nota à imprensa n.º {k}", "Notas",
           "Documento de análise",
           "Assessoria de Imprensa | Av. do Porto 1200 | imprensa@example.org"),
}
NOTE = {
    "en": "1. The text above is the author's. Figures are as reported at the time of writing.",
    "es": "1. El texto es del autor. Las cifras son las informadas al momento de redactarlo.",
    "pt": "1. O texto é do autor. Os números são os divulgados no momento da redação.",
}
_REPLACEMENTS = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-",
                 "\u2014": "-", "\u2026": "...", "\u00a0": " ", "\u2011": "-", "\u2212": "-"}


def shown(text: str) -> str:
    """The text as the PDF shows it: as written with the DejaVu fonts (present on most
    Linux machines); with the core fonts, typographic quotes and dashes made plain and any
    other character outside Latin-1 a '?' (gold evidence holding them then reads broken)."""
    if UNICODE:
        return text
    for bad, good in _REPLACEMENTS.items():
        text = text.replace(bad, good)
    return text.encode("latin-1", "replace").decode("latin-1")


def long_date(published: str, lang: str) -> str:
    d = date.fromisoformat(published)
    month = MONTHS[lang][d.month - 1]
    if lang == "en":
        return f"{d.day} {month} {d.year}"
    return f"{d.day} de {month} de {d.year}"


NEXT = {"new_x": "LMARGIN", "new_y": "NEXT"}  # each block starts at the left margin
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
FONTS = {("sans", ""): "DejaVuSans.ttf", ("sans", "B"): "DejaVuSans-Bold.ttf",
         ("sans", "I"): "DejaVuSans-Oblique.ttf", ("serif", ""): "DejaVuSerif.ttf",
         ("serif", "B"): "DejaVuSerif-Bold.ttf", ("serif", "I"): "DejaVuSerif-Italic.ttf"}
UNICODE = all((DEJAVU / f).exists() for f in FONTS.values())
SANS, SERIF = ("sans", "serif") if UNICODE else ("Helvetica", "Times")


class Report(FPDF):
    def __init__(self, fmt: str, header: str, footer: str, lang: str, first_header: bool
                 ) -> None:
        super().__init__(orientation="P", unit="mm", format=fmt)
        self.head_text, self.foot_text, self.lang = header, footer, lang
        self.first_header = first_header
        self.alias_nb_pages()
        if UNICODE:  # the text exactly as written: quotes and dashes included
            for (family, style), name in FONTS.items():
                self.add_font(family, style, str(DEJAVU / name))

    def header(self) -> None:
        if self.page_no() == 1 and not self.first_header:
            return
        self.set_font(SANS, "I", 7.5)
        self.set_text_color(100, 100, 100)
        self.set_xy(self.l_margin, 7)
        self.cell(0, 4, shown(self.head_text), align="L")
        self.line(self.l_margin, 12, self.w - self.r_margin, 12)
        self.set_text_color(0, 0, 0)
        self.set_y(self.t_margin)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(SANS, "", 7.5)
        self.set_text_color(100, 100, 100)
        label = self.foot_text.format(n=self.page_no(), m="{nb}")
        self.cell(0, 5, shown(label), align="C")
        self.set_text_color(0, 0, 0)


def _newsletter(doc: dict, title: str, paragraphs: list[str], outlet: str) -> Report:
    """Two columns under a full-width title; running header with outlet and date."""
    lang, when = doc["lang"], long_date(doc["published"], doc["lang"])
    pdf = Report("Letter", f"{outlet} - {when}", "- {n} -", lang, first_header=True)
    pdf.set_margins(16, 18, 16)
    pdf.set_auto_page_break(True, 16)
    pdf.add_page()
    pdf.set_font(SERIF, "B", 18)
    pdf.multi_cell(0, 8, shown(title), align="L", **NEXT)
    pdf.set_font(SERIF, "I", 9.5)
    pdf.multi_cell(0, 5, shown(WORDS[lang][1].format(d=when)), align="L", **NEXT)
    pdf.ln(3)
    pdf.set_font(SERIF, "", 10)
    with pdf.text_columns(ncols=2, gutter=7, text_align="J", line_height=1.15) as cols:
        for p in paragraphs:
            cols.write(shown(p))
            cols.ln()
            cols.ln()
    return pdf


def _brief(doc: dict, title: str, paragraphs: list[str], outlet: str) -> Report:
    """Cover page, then one column with a short-title header and 'Page n of m'; notes."""
    lang, when = doc["lang"], long_date(doc["published"], doc["lang"])
    short = title if len(title) < 60 else title[:57].rsplit(" ", 1)[0] + "..."
    pdf = Report("A4", short, WORDS[lang][0], lang, first_header=False)
    pdf.set_margins(25, 22, 25)
    pdf.set_auto_page_break(True, 20)
    pdf.add_page()
    pdf.set_y(70)
    pdf.set_font(SANS, "", 11)
    pdf.multi_cell(0, 6, shown(f"{outlet.upper()} | {WORDS[lang][4]}"), align="L", **NEXT)
    pdf.ln(6)
    pdf.set_font(SANS, "B", 20)
    pdf.multi_cell(0, 9, shown(title), align="L", **NEXT)
    pdf.ln(6)
    pdf.set_font(SANS, "", 11)
    pdf.multi_cell(0, 6, shown(when), align="L", **NEXT)
    pdf.add_page()
    pdf.set_font(SANS, "", 10.5)
    for p in paragraphs:
        pdf.multi_cell(0, 5.4, shown(p), align="J", **NEXT)
        pdf.ln(3)
    pdf.ln(4)
    pdf.set_font(SANS, "B", 9)
    pdf.multi_cell(0, 5, shown(WORDS[lang][3]), align="L", **NEXT)
    pdf.set_font(SANS, "", 8.5)
    pdf.multi_cell(0, 4.5, shown(NOTE[lang]), align="L", **NEXT)
    return pdf


def _bulletin(doc: dict, title: str, paragraphs: list[str], outlet: str) -> Report:
    """Small pages (A5), 9 pt, paragraphs marked by a first-line indent only, header with
    outlet and date on every page, page number alone in the footer."""
    lang, when = doc["lang"], long_date(doc["published"], doc["lang"])
    pdf = Report("A5", f"{outlet}  |  {when}", "{n}", lang, first_header=True)
    pdf.set_margins(14, 16, 14)
    pdf.set_auto_page_break(True, 15)
    pdf.add_page()
    pdf.set_font(SERIF, "B", 13)
    pdf.multi_cell(0, 6, shown(title), align="L", **NEXT)
    pdf.ln(2)
    pdf.set_font(SERIF, "", 9)
    for p in paragraphs:
        pdf.multi_cell(0, 4.2, shown("      " + p), align="J", **NEXT)
    return pdf


def _release(doc: dict, title: str, paragraphs: list[str], outlet: str) -> Report:
    """Letterhead with an address line, release number and date; the address repeats in
    the footer of every page."""
    lang, when = doc["lang"], long_date(doc["published"], doc["lang"])
    number = sum(map(ord, doc["doc"])) % 400 + 1
    pdf = Report("Letter", outlet, WORDS[lang][5] + "   " + WORDS[lang][0], lang,
                 first_header=False)
    pdf.set_margins(22, 20, 22)
    pdf.set_auto_page_break(True, 20)
    pdf.add_page()
    pdf.set_font(SANS, "B", 14)
    pdf.cell(0, 7, shown(outlet.upper()), align="L", **NEXT)
    pdf.set_font(SANS, "", 8)
    pdf.cell(0, 4, shown(WORDS[lang][5]), align="L", **NEXT)
    pdf.ln(4)
    pdf.set_font(SANS, "B", 9)
    pdf.cell(0, 5, shown(WORDS[lang][2].format(k=number) + "  -  " + when), align="L",
             new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font(SANS, "B", 13)
    pdf.multi_cell(0, 6.5, shown(title), align="L", **NEXT)
    pdf.ln(3)
    pdf.set_font(SANS, "", 10.5)
    for p in paragraphs:
        pdf.multi_cell(0, 5.2, shown(p), align="L", **NEXT)
        pdf.ln(2.5)
    pdf.set_font(SANS, "B", 10)
    pdf.cell(0, 6, "###", align="C")
    return pdf


def _soft_hyphens(text: str) -> str:
    """Words of ten letters or more with a soft hyphen in their middle: where the line
    ends there, the PDF prints "coope-" and the next line starts "ration", as typeset
    journals do."""
    def cut(m: re.Match[str]) -> str:
        word = m.group(0)
        half = len(word) // 2
        return word[:half] + "\u00ad" + word[half:]
    return re.sub(r"(?<![\w-])[^\W\d_]{10,}(?![\w-])", cut, text)


def _journal(doc: dict, title: str, paragraphs: list[str], outlet: str) -> Report:
    """Two narrow justified columns of hyphenated text, a running head on every page but
    the first and a page number alone in the footer."""
    lang, when = doc["lang"], long_date(doc["published"], doc["lang"])
    pdf = Report("A4", f"{outlet}  ·  {title[:50]}", "{n}", lang, first_header=False)
    pdf.set_margins(18, 20, 18)
    pdf.set_auto_page_break(True, 18)
    pdf.add_page()
    pdf.set_font(SERIF, "B", 16)
    pdf.multi_cell(0, 7, shown(title), align="L", **NEXT)
    pdf.set_font(SERIF, "", 9)
    pdf.multi_cell(0, 5, shown(when), align="L", **NEXT)
    pdf.ln(2)
    pdf.set_font(SERIF, "", 9.5)
    with pdf.text_columns(ncols=2, gutter=6, text_align="J", line_height=1.1) as cols:
        for p in paragraphs:
            cols.write(shown(_soft_hyphens(p)))
            cols.ln()
    return pdf


class Alternating(Report):
    """Headers that alternate as in a bound book: even pages the page number at the left
    and the outlet, odd pages the short title and the page number at the right; no
    footer."""

    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.set_font(SANS, "", 7.5)
        self.set_xy(self.l_margin, 8)
        n = self.page_no()
        if n % 2 == 0:
            self.cell(0, 4, shown(f"{n}    {self.head_text}"), align="L")
        else:
            self.cell(0, 4, shown(f"{self.foot_text}    {n}"), align="R")
        self.set_y(self.t_margin)

    def footer(self) -> None:
        return


def _threecol(doc: dict, title: str, paragraphs: list[str], outlet: str) -> Report:
    """Tabloid-style page: a masthead line with the date, the title across, three narrow
    justified columns; headers alternate on odd and even pages."""
    lang, when = doc["lang"], long_date(doc["published"], doc["lang"])
    short = title if len(title) < 50 else title[:47].rsplit(" ", 1)[0] + "..."
    pdf = Alternating("A4", outlet, short, lang, first_header=False)
    pdf.set_margins(12, 16, 12)
    pdf.set_auto_page_break(True, 14)
    pdf.add_page()
    pdf.set_font(SANS, "B", 9)
    pdf.cell(0, 5, shown(f"{outlet.upper()}   {when}"), align="L", **NEXT)
    pdf.line(12, pdf.get_y() + 1, pdf.w - 12, pdf.get_y() + 1)
    pdf.ln(3)
    pdf.set_font(SERIF, "B", 20)
    pdf.multi_cell(0, 8.5, shown(title), align="L", **NEXT)
    pdf.ln(3)
    pdf.set_font(SERIF, "", 8.5)
    with pdf.text_columns(ncols=3, gutter=5, text_align="J", line_height=1.1) as cols:
        for p in paragraphs:
            cols.write(shown(p))
            cols.ln()
            cols.ln()
    return pdf


def _numbered(doc: dict, title: str, paragraphs: list[str], outlet: str) -> Report:
    """A draft as parliaments and ministries circulate it: every line numbered in the left
    margin (numbering runs on across pages), a 'DRAFT' header, ragged right text."""
    lang, when = doc["lang"], long_date(doc["published"], doc["lang"])
    draft = {"en": "DRAFT - for comment", "es": "BORRADOR - para comentarios",
             "pt": "MINUTA - para comentários"}[lang]
    pdf = Report("A4", f"{outlet} - {draft}", "{n}", lang, first_header=True)
    pdf.set_margins(30, 20, 25)
    pdf.set_auto_page_break(True, 20)
    pdf.add_page()
    number = 0

    def numbered(text: str, size: float, style: str, height: float) -> None:
        nonlocal number
        pdf.set_font(SERIF, style, size)
        for line in pdf.multi_cell(0, height, shown(text), dry_run=True, output="LINES"):
            if pdf.will_page_break(height):
                pdf.add_page()
            number += 1
            y = pdf.get_y()
            pdf.set_font(SANS, "", 7)
            pdf.set_xy(14, y)
            pdf.cell(10, height, str(number), align="R")
            pdf.set_font(SERIF, style, size)
            pdf.set_xy(pdf.l_margin, y)
            pdf.cell(0, height, line, align="L", **NEXT)

    numbered(title, 13, "B", 6.5)
    numbered(when, 10, "I", 5.5)
    pdf.ln(2)
    for p in paragraphs:
        numbered(p, 10.5, "", 5.5)
        pdf.ln(3)
    return pdf


def _factbox(doc: dict, title: str, paragraphs: list[str], outlet: str) -> Report:
    """An analysis page with a shaded 'at a glance' box to the right of the text on the
    first page (date, outlet, topic, reading time, as short label/value lines); the body
    runs ragged right in the narrower column beside it, with a drop cap on its first
    letter."""
    lang, when = doc["lang"], long_date(doc["published"], doc["lang"])
    labels = {"en": ("At a glance", "Date", "Source", "Topic", "Defence and diplomacy",
                     "Reading time", "4 min"),
              "es": ("En breve", "Fecha", "Fuente", "Tema", "Defensa y diplomacia",
                     "Lectura", "4 min"),
              "pt": ("Em resumo", "Data", "Fonte", "Tema", "Defesa e diplomacia",
                     "Leitura", "4 min")}[lang]
    pdf = Report("A4", outlet, "{n}", lang, first_header=True)
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(True, 18)
    pdf.add_page()
    pdf.set_font(SANS, "B", 17)
    pdf.multi_cell(0, 8, shown(title), align="L", **NEXT)
    pdf.ln(4)
    top = pdf.get_y()
    box_x, box_w = pdf.w - 20 - 52, 52
    pdf.set_fill_color(232, 236, 240)
    pdf.rect(box_x, top, box_w, 48, style="F")
    pdf.set_xy(box_x + 3, top + 3)
    pdf.set_font(SANS, "B", 9)
    pdf.cell(box_w - 6, 5, shown(labels[0]), **NEXT)
    for label, value in ((labels[1], when), (labels[2], outlet), (labels[3], labels[4]),
                         (labels[5], labels[6])):
        pdf.set_x(box_x + 3)
        pdf.set_font(SANS, "B", 8)
        pdf.cell(box_w - 6, 4.5, shown(label), **NEXT)
        pdf.set_x(box_x + 3)
        pdf.set_font(SANS, "", 8)
        pdf.multi_cell(box_w - 6, 4.2, shown(value), **NEXT)
    pdf.set_right_margin(20 + box_w + 6)
    pdf.set_xy(pdf.l_margin, top)
    body = list(paragraphs)
    first = body.pop(0) if body else ""
    pdf.set_font(SERIF, "", 10.5)
    if len(first) > 1 and first[0].isalpha():
        cap_w = 11
        pdf.set_font(SERIF, "B", 30)
        pdf.set_xy(pdf.l_margin, top - 1)
        pdf.cell(cap_w, 14, shown(first[0]))
        pdf.set_font(SERIF, "", 10.5)
        width = pdf.w - pdf.l_margin - pdf.r_margin
        lines = pdf.multi_cell(width - cap_w, 5.2, shown(first[1:]), dry_run=True,
                               output="LINES")
        for line in lines[:3]:
            pdf.set_x(pdf.l_margin + cap_w)
            pdf.cell(width - cap_w, 5.2, line, **NEXT)
        rest = " ".join(lines[3:])
        if rest:
            pdf.multi_cell(0, 5.2, rest, align="L", **NEXT)
    elif first:
        pdf.multi_cell(0, 5.2, shown(first), align="L", **NEXT)
    pdf.ln(2.5)
    for p in body:
        pdf.multi_cell(0, 5.2, shown(p), align="L", **NEXT)
        pdf.ln(2.5)
    return pdf


class Slides(Report):
    def header(self) -> None:
        self.set_fill_color(20, 50, 90)
        self.rect(0, 0, self.w, 16, style="F")
        self.set_text_color(255, 255, 255)
        self.set_font(SANS, "B", 13)
        self.set_xy(12, 4)
        self.cell(0, 8, shown(self.head_text), align="L")
        self.set_text_color(0, 0, 0)
        self.set_y(self.t_margin)

    def footer(self) -> None:
        self.set_y(-10)
        self.set_font(SANS, "", 8)
        self.cell(0, 5, shown(f"{self.foot_text}   {self.page_no()}"), align="R")


def _slides(doc: dict, title: str, paragraphs: list[str], outlet: str) -> Report:
    """A landscape slide deck: a title slide (title, outlet, date), then one paragraph per
    slide in large type under a coloured bar with the short title; outlet and slide number
    at the bottom right."""
    lang, when = doc["lang"], long_date(doc["published"], doc["lang"])
    short = title if len(title) < 70 else title[:67].rsplit(" ", 1)[0] + "..."
    pdf = Slides("A4", short, outlet, lang, first_header=True)
    pdf.set_margins(18, 24, 18)
    pdf.set_auto_page_break(True, 14)
    pdf.add_page(orientation="L")
    pdf.set_y(70)
    pdf.set_font(SANS, "B", 24)
    pdf.multi_cell(0, 11, shown(title), align="C", **NEXT)
    pdf.ln(6)
    pdf.set_font(SANS, "", 14)
    pdf.multi_cell(0, 7, shown(f"{outlet} - {when}"), align="C", **NEXT)
    for p in paragraphs:
        pdf.add_page(orientation="L")
        pdf.set_font(SANS, "", 15)
        pdf.multi_cell(0, 8, shown(p), align="L", **NEXT)
    return pdf


LAYOUTS = {"pdf-newsletter": _newsletter, "pdf-brief": _brief, "pdf-bulletin": _bulletin,
           "pdf-release": _release, "pdf-journal": _journal, "pdf-threecol": _threecol,
           "pdf-numbered": _numbered, "pdf-factbox": _factbox, "pdf-slides": _slides}


def render_set(folder: Path, out_root: Path, chosen: list[str] | None = None) -> int:
    """Write ``out_root/train/<set>/`` for one set; returns how many PDFs."""
    rendered = start_render(folder, out_root)
    chosen = chosen or list(LAYOUTS)
    manifest, layouts = {}, {}
    outlet = folder.name.upper() + " Review"
    for i, (doc_id, doc, title, paragraphs) in enumerate(set_documents(folder)):
        layout = chosen[i % len(chosen)]
        pdf = LAYOUTS[layout](doc, title, paragraphs, outlet)
        pdf.set_title(shown(title))
        pdf.set_lang(doc["lang"])
        pdf.set_creation_date(_moment(doc["published"]))
        pdf.output(str(rendered / f"{doc_id}.pdf"))
        manifest[doc_id], layouts[doc_id] = f"{doc_id}.pdf", layout
    finish_render(rendered, manifest, layouts)
    return len(manifest)


def _moment(published: str) -> datetime:
    d = date.fromisoformat(published)
    return datetime(d.year, d.month, d.day, 9, 0, tzinfo=UTC)


def main(argv: list[str]) -> int:
    return render_main(argv, __doc__ or "", render_set, "PDFs")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
