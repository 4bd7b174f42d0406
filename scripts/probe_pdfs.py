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
landscape slide deck, one paragraph a slide; a think-tank paper with superscript note
markers glued to words and the notes (sources, access dates) at the foot of each page; a
report with a month-only title page, a contents page with dot leaders and numbered section
headings under running heads; an official communiqué (centred letterhead, numbered
paragraphs with a hanging indent, the date only at the end, a press contact block); a
monospace wire printout (slug line, dateline in figures, no blank line between paragraphs,
"MORE" and "add" lines between pages); a magazine feature with a kicker, a pull quote and
an "about the author" note; a landscape bulletin in two columns with tracked-out letters.
``--only`` renders every document in the layouts named. The text itself is the set's,
word for word.
"""

from __future__ import annotations

import re
import sys
from datetime import UTC, date, datetime, timedelta
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
         ("serif", "B"): "DejaVuSerif-Bold.ttf", ("serif", "I"): "DejaVuSerif-Italic.ttf",
         ("serif", "BI"): "DejaVuSerif-BoldItalic.ttf", ("mono", ""): "DejaVuSansMono.ttf",
         ("mono", "B"): "DejaVuSansMono-Bold.ttf"}
UNICODE = all((DEJAVU / f).exists() for f in FONTS.values())
SANS, SERIF, MONO = ("sans", "serif", "mono") if UNICODE else ("Helvetica", "Times", "Courier")


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


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-ZÁÉÍÓÚÂÊÔÃÕÇÑ\"'])", text) if s]


class Footnoted(Report):
    """Notes printed at the foot of the page whose text calls them, above the page
    number, under a short rule."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.notes: dict[int, list[tuple[int, str]]] = {}

    def footer(self) -> None:
        notes = self.notes.get(self.page_no(), [])
        if notes:
            self.set_y(-12 - 5 - 4.2 * sum(1 + len(t) // 110 for _, t in notes))
            y = self.get_y()
            self.line(self.l_margin, y, self.l_margin + 45, y)
            self.ln(1.5)
            for k, text in notes:
                self.set_font(SERIF, "", 5.5)
                self.set_x(self.l_margin)
                self.char_vpos = "SUP"
                self.write(3.6, str(k))
                self.char_vpos = "LINE"
                self.set_font(SERIF, "", 7.5)
                self.write(3.6, shown(" " + text))
                self.ln(4.2)
        super().footer()


def _footnotes(doc: dict, title: str, paragraphs: list[str], outlet: str) -> Report:
    """A think-tank paper: one column, the last sentence of every other paragraph carries
    a superscript note number glued to its final word or stop, and the notes (sources
    with access dates) sit at the foot of the page that calls them."""
    lang, when = doc["lang"], long_date(doc["published"], doc["lang"])
    later = long_date((date.fromisoformat(doc["published"]) + timedelta(days=4)).isoformat(),
                      lang)
    cite = {"en": "{o}, press file, https://www.example.org/files/{k}.html (accessed {d}).",
            "es": "{o}, archivo de prensa, https://www.example.org/files/{k}.html "
                  "(consultado el {d}).",
            "pt": "{o}, arquivo de imprensa, https://www.example.org/files/{k}.html "
                  "(acesso em {d})."}[lang]
    pdf = Footnoted("A4", f"{outlet} | {WORDS[lang][4]}", WORDS[lang][0], lang,
                    first_header=True)
    pdf.set_margins(24, 22, 24)
    pdf.set_auto_page_break(True, 48)
    pdf.add_page()
    pdf.set_font(SERIF, "B", 16)
    pdf.multi_cell(0, 7.5, shown(title), align="L", **NEXT)
    pdf.set_font(SERIF, "I", 10)
    pdf.multi_cell(0, 5, shown(when), align="L", **NEXT)
    pdf.ln(4)
    k = 0
    for i, p in enumerate(paragraphs):
        pdf.set_font(SERIF, "", 10.5)
        pdf.write(5.3, shown(p))
        if i % 2 == 0 and len(pdf.notes.get(pdf.page_no(), [])) < 3:  # (room at the foot)
            k += 1
            pdf.set_font(SERIF, "", 7)
            pdf.char_vpos = "SUP"
            pdf.write(5.3, str(k))
            pdf.char_vpos = "LINE"
            pdf.notes.setdefault(pdf.page_no(), []).append(
                (k, cite.format(o=outlet, k=100 + k, d=later)))
        pdf.ln(5.3)
        pdf.ln(2.5)
    return pdf


SECTIONS = {"en": ("Contents", "Context", "Developments", "Outlook", "Report"),
            "es": ("Índice", "Contexto", "Desarrollo", "Perspectivas", "Informe"),
            "pt": ("Sumário", "Contexto", "Desdobramentos", "Perspectivas", "Relatório")}


class Sectioned(Report):
    """Running heads that name the report on even pages and the current section on odd
    ones; the page number at the right of the footer after a bar."""

    section = ""

    def header(self) -> None:
        if self.page_no() <= 2:
            return
        self.set_font(SANS, "", 7.5)
        self.set_xy(self.l_margin, 8)
        even = self.page_no() % 2 == 0
        self.cell(0, 4, shown(self.head_text if even else self.section),
                  align="L" if even else "R")
        self.line(self.l_margin, 13, self.w - self.r_margin, 13)
        self.set_y(self.t_margin)

    def footer(self) -> None:
        if self.page_no() == 1:
            return
        self.set_y(-13)
        self.set_font(SANS, "B", 8)
        self.cell(0, 5, f"|  {self.page_no()}", align="R")


def _toc(doc: dict, title: str, paragraphs: list[str], outlet: str) -> Report:
    """A report: a title page with the month and year only, a contents page whose numbered
    section titles run to their page numbers over dot leaders, then the text under
    numbered section headings (a third of the paragraphs each)."""
    lang = doc["lang"]
    d = date.fromisoformat(doc["published"])
    month = MONTHS[lang][d.month - 1]
    words = SECTIONS[lang]
    pdf = Sectioned("A4", title if len(title) < 70 else title[:67].rsplit(" ", 1)[0] + "...",
                    "", lang, first_header=False)
    pdf.set_margins(25, 24, 25)
    pdf.set_auto_page_break(True, 22)
    pdf.add_page()
    pdf.set_y(60)
    pdf.set_font(SANS, "B", 10)
    pdf.multi_cell(0, 6, shown(f"{outlet.upper()} - {words[4].upper()}"), **NEXT)
    pdf.ln(8)
    pdf.set_font(SANS, "B", 22)
    pdf.multi_cell(0, 10, shown(title), align="L", **NEXT)
    pdf.ln(10)
    pdf.set_font(SANS, "", 12)
    pdf.multi_cell(0, 6, shown(f"{month.capitalize()} {d.year}"), **NEXT)
    third = max(1, -(-len(paragraphs) // 3))
    parts = [paragraphs[i:i + third] for i in range(0, len(paragraphs), third)]
    pdf.add_page()
    pdf.set_font(SANS, "B", 14)
    pdf.cell(0, 10, shown(words[0]), **NEXT)
    pdf.ln(4)
    pdf.set_font(SANS, "", 11)
    for n, _ in enumerate(parts, 1):
        label = f"{n}. {words[min(n, 3)]}"
        page = 3 + (n - 1) // 2
        pdf.cell(140, 8, shown(label + " " + "." * (70 - len(label))))
        pdf.cell(0, 8, str(page), align="R", **NEXT)
    pdf.add_page()
    for n, part in enumerate(parts, 1):
        pdf.section = f"{n}. {words[min(n, 3)]}"
        pdf.set_font(SANS, "B", 12.5)
        pdf.ln(2)
        pdf.cell(0, 8, shown(pdf.section), **NEXT)
        pdf.ln(1)
        pdf.set_font(SERIF, "", 10.5)
        for p in part:
            pdf.multi_cell(0, 5.4, shown(p), align="J", **NEXT)
            pdf.ln(2.5)
    return pdf


def _communique(doc: dict, title: str, paragraphs: list[str], outlet: str) -> Report:
    """An official communiqué: a centred letterhead (ministry, office), the communiqué's
    number and the title centred, paragraphs numbered with a hanging indent, then the
    date line, the office that signs and a press contact block; the date only at the
    end."""
    lang, when = doc["lang"], long_date(doc["published"], doc["lang"])
    year = doc["published"][:4]
    number = sum(map(ord, doc["doc"])) % 90 + 10
    head = {"en": ("MINISTRY OF DEFENCE", "Directorate of Public Communication",
                   f"COMMUNIQUÉ No. {number}/{year}", "Directorate of Public Communication",
                   "Press contact: +00 (1) 555-0100 | press@example.org | "
                   "www.example.org"),
            "es": ("MINISTERIO DE DEFENSA", "Dirección de Comunicación Institucional",
                   f"COMUNICADO N.º {number}/{year}", "Dirección de Comunicación Institucional",
                   "Contacto de prensa: +00 (1) 555-0100 | prensa@example.org | "
                   "www.example.org"),
            "pt": ("MINISTÉRIO DA DEFESA", "Assessoria de Comunicação Social",
                   f"NOTA OFICIAL N.º {number}/{year}", "Assessoria de Comunicação Social",
                   "Contato com a imprensa: +00 (1) 555-0100 | imprensa@example.org | "
                   "www.example.org")}[lang]
    pdf = Report("A4", outlet, head[4], lang, first_header=False)
    pdf.set_margins(25, 20, 25)
    pdf.set_auto_page_break(True, 22)
    pdf.add_page()
    pdf.set_font(SERIF, "B", 12)
    pdf.cell(0, 6, shown(head[0]), align="C", **NEXT)
    pdf.set_font(SERIF, "", 10)
    pdf.cell(0, 5, shown(head[1]), align="C", **NEXT)
    pdf.ln(8)
    pdf.set_font(SERIF, "B", 12)
    pdf.cell(0, 6, shown(head[2]), align="C", **NEXT)
    pdf.ln(2)
    pdf.set_font(SERIF, "B", 11)
    pdf.multi_cell(0, 5.5, shown(title), align="C", **NEXT)
    pdf.ln(5)
    pdf.set_font(SERIF, "", 11)
    for n, p in enumerate(paragraphs, 1):
        y = pdf.get_y()
        if pdf.will_page_break(5.6):
            pdf.add_page()
            y = pdf.get_y()
        pdf.set_xy(pdf.l_margin, y)
        pdf.cell(10, 5.6, f"{n}.")
        pdf.set_xy(pdf.l_margin + 10, y)
        pdf.multi_cell(0, 5.6, shown(p), align="J", **NEXT)
        pdf.ln(3)
    pdf.ln(6)
    pdf.multi_cell(0, 5.6, shown(when + "."), align="R", **NEXT)
    pdf.ln(4)
    pdf.set_font(SERIF, "B", 10)
    pdf.cell(0, 5, shown(head[3].upper()), align="C", **NEXT)
    pdf.ln(10)
    pdf.set_font(SANS, "", 8)
    pdf.multi_cell(0, 4, shown(head[4]), align="L", **NEXT)
    return pdf


class Wire(Report):
    """A teleprinter copy: the slug repeated with the take number at the top of every
    page after the first, 'MORE' at the foot of every page but the last."""

    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.set_font(MONO, "", 9)
        self.set_xy(self.l_margin, 10)
        self.cell(0, 4, shown(f"{self.head_text} -- add {self.page_no() - 1}"))
        self.set_y(self.t_margin)

    def footer(self) -> None:
        if getattr(self, "last", False):
            return
        self.set_y(-16)
        self.set_font(MONO, "", 9)
        self.cell(0, 4, "MORE", align="L")


def _wire(doc: dict, title: str, paragraphs: list[str], outlet: str) -> Report:
    """A wire service printout in a monospace face: a slug line with the date in figures
    and a word count, the headline in capitals, a dateline before the first paragraph,
    every paragraph's first line indented three spaces and no blank line between
    paragraphs, lines broken at 66 characters; '(END)' and a time code close it."""
    import textwrap

    lang = doc["lang"]
    d = date.fromisoformat(doc["published"])
    agency = outlet.split()[0] + "-WIRE"
    slug = f"BC-LATAM-{'DEFENSE' if lang == 'en' else 'DEFENSA'}"
    words = sum(len(p.split()) for p in paragraphs)
    pdf = Wire("Letter", slug, "", lang, first_header=False)
    pdf.set_margins(20, 22, 20)
    pdf.set_auto_page_break(True, 24)
    pdf.add_page()
    pdf.set_font(MONO, "", 9.5)
    pdf.cell(0, 4.6, shown(f"a{number_of(doc):04d} ----- r i {slug} "
                           f"{d.month:02d}-{d.day:02d} {words:04d}"), **NEXT)
    pdf.ln(4.6)
    for line in textwrap.wrap(title.upper(), 66):
        pdf.cell(0, 4.6, shown(line), **NEXT)
    stamp = {"en": f"{d.month}/{d.day}/{d.year}", "es": f"{d.day}/{d.month}/{d.year}",
             "pt": f"{d.day}/{d.month}/{d.year}"}[lang]
    pdf.cell(0, 4.6, shown(f"({agency}) {stamp}"), **NEXT)
    pdf.ln(4.6)
    for p in paragraphs:
        for line in textwrap.wrap(p, 66, initial_indent="   "):
            pdf.cell(0, 4.6, shown(line), **NEXT)
    pdf.ln(4.6)
    pdf.cell(0, 4.6, "(END)", **NEXT)
    pdf.cell(0, 4.6, f"{d.day:02d}1405Z {MONTHS['en'][d.month - 1][:3].upper()} "
                     f"{d.year % 100:02d}", **NEXT)
    pdf.last = True
    return pdf


def number_of(doc: dict) -> int:
    return sum(map(ord, doc["doc"])) % 9000 + 100


def _magazine(doc: dict, title: str, paragraphs: list[str], outlet: str) -> Report:
    """A magazine feature: a kicker, the title, a byline with the date, two justified
    columns, a pull quote (a sentence of the third paragraph, repeated between rules in
    large italics after the second paragraph) and an 'about the author' note closing the
    text."""
    lang, when = doc["lang"], long_date(doc["published"], doc["lang"])
    kicker = {"en": "DEFENCE | ANALYSIS", "es": "DEFENSA | ANÁLISIS",
              "pt": "DEFESA | ANÁLISE"}[lang]
    byline = {"en": "By Ana Souza", "es": "Por Ana Souza", "pt": "Por Ana Souza"}[lang]
    about = {"en": "Ana Souza is a researcher at the Centre for Hemispheric Studies, where "
                   "she writes on naval affairs.",
             "es": "Ana Souza es investigadora del Centro de Estudios Hemisféricos, donde "
                   "escribe sobre asuntos navales.",
             "pt": "Ana Souza é pesquisadora do Centro de Estudos Hemisféricos, onde escreve "
                   "sobre assuntos navais."}[lang]
    pdf = Report("A4", f"{outlet}  |  {when}", "{n}", lang, first_header=False)
    pdf.set_margins(18, 18, 18)
    pdf.set_auto_page_break(True, 18)
    pdf.add_page()
    pdf.set_font(SANS, "B", 8.5)
    pdf.set_text_color(170, 30, 30)
    pdf.cell(0, 5, shown(kicker), **NEXT)
    pdf.set_text_color(0, 0, 0)
    pdf.set_font(SERIF, "B", 21)
    pdf.multi_cell(0, 9, shown(title), align="L", **NEXT)
    pdf.ln(1)
    pdf.set_font(SANS, "", 8.5)
    pdf.cell(0, 5, shown(f"{byline}  ·  {when}"), **NEXT)
    pdf.ln(3)
    quote = ""
    if len(paragraphs) > 3:
        quote = max(_sentences(paragraphs[2]), key=len)
    with pdf.text_columns(ncols=2, gutter=7, text_align="J", line_height=1.15) as cols:
        for i, p in enumerate(paragraphs):
            pdf.set_font(SERIF, "", 9.5)
            cols.write(shown(p))
            cols.ln()
            cols.ln()
            if i == 1 and quote:
                pdf.set_font(SERIF, "BI", 13)
                cols.write(shown(f"\u201c{quote}\u201d" if UNICODE else f'"{quote}"'))
                cols.ln()
                cols.ln()
        pdf.set_font(SANS, "I", 8)
        cols.write(shown(about))
    return pdf


class Landscape(Report):
    def header(self) -> None:
        self.set_fill_color(230, 230, 230)
        self.rect(0, 0, self.w, 14, style="F")
        self.set_font(SANS, "B", 10)
        self.set_xy(12, 4.5)
        self.set_char_spacing(0)
        self.cell(0, 5, shown(self.head_text), align="L")
        self.set_y(self.t_margin)

    def footer(self) -> None:
        self.set_y(-10)
        self.set_font(SANS, "", 7.5)
        self.set_char_spacing(0)
        self.cell(0, 4, shown(self.foot_text.format(n=self.page_no(), m="{nb}")), align="R")


def _landscape(doc: dict, title: str, paragraphs: list[str], outlet: str) -> Report:
    """A landscape bulletin in two columns whose letters are tracked out (character
    spacing, as typeset bulletins and some government generators set them), under a grey
    band naming the bulletin, its number and date."""
    lang, when = doc["lang"], long_date(doc["published"], doc["lang"])
    name = {"en": "Information Bulletin", "es": "Boletín Informativo",
            "pt": "Boletim Informativo"}[lang]
    pdf = Landscape("A4", f"{outlet} - {name} N.º {number_of(doc) % 60 + 1} - {when}",
                    WORDS[lang][0], lang, first_header=True)
    pdf.set_margins(14, 20, 14)
    pdf.set_auto_page_break(True, 14)
    pdf.add_page(orientation="L")
    pdf.set_font(SANS, "B", 15)
    pdf.multi_cell(0, 7, shown(title), align="L", **NEXT)
    pdf.ln(3)
    pdf.set_font(SANS, "", 9.5)
    pdf.set_char_spacing(0.6)
    with pdf.text_columns(ncols=2, gutter=10, text_align="L", line_height=1.2) as cols:
        for p in paragraphs:
            cols.write(shown(p))
            cols.ln()
            cols.ln()
    pdf.set_char_spacing(0)
    return pdf


LAYOUTS = {"pdf-newsletter": _newsletter, "pdf-brief": _brief, "pdf-bulletin": _bulletin,
           "pdf-release": _release, "pdf-journal": _journal, "pdf-threecol": _threecol,
           "pdf-numbered": _numbered, "pdf-factbox": _factbox, "pdf-slides": _slides,
           "pdf-footnotes": _footnotes, "pdf-toc": _toc, "pdf-communique": _communique,
           "pdf-wire": _wire, "pdf-magazine": _magazine, "pdf-landscape": _landscape}


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
