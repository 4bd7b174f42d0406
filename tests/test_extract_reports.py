"""Reports as organisations print them, built here with fpdf2 (every text is ours): a cover
page holding only the title and the date, a press release whose number stands before its
date, an office's address line with "Page 1 of 1" in the footer of a one-page release."""

from fpdf import FPDF

from pipeline.extract import extract
from pipeline.fetch import fetch_file

BODY = ("The patrol vessel from the Netherlands arrived at the port of Willemstad on Monday "
        "for a four-day visit with the coast guard of Curacao. Its crew ran boarding drills "
        "with local officers and opened the ship to school groups on Wednesday.")
SECOND = ("Officials said the visit was the third by a Dutch warship this year, and that a "
          "training course for harbour pilots would follow in the spring.")


def read(path, settings):
    return extract(fetch_file(path, settings), settings)


def paragraph(pdf: FPDF, text: str, size: float = 10.5, style: str = "") -> None:
    pdf.set_font("Helvetica", style, size)
    pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)


def test_a_cover_title_stays_apart_from_the_first_paragraph_of_the_next_page(tmp_path,
                                                                              settings):
    pdf = FPDF(unit="mm", format="A4")
    pdf.set_margins(25, 22, 25)
    pdf.add_page()
    pdf.set_y(80)
    paragraph(pdf, "Coast Guard Review | Policy Brief", 11)
    # a title of six words or more without a full stop: it reads like a sentence going on
    paragraph(pdf, "Dutch patrol vessel visits Willemstad for drills with local coast guard",
              20, "B")
    paragraph(pdf, "14 March 2024", 11)
    pdf.add_page()
    paragraph(pdf, BODY)
    paragraph(pdf, SECOND)
    path = tmp_path / "brief.pdf"
    pdf.output(str(path))

    doc = read(path, settings)
    assert "local coast guard The patrol" not in " ".join(doc.text.split())
    assert any(line.startswith("The patrol vessel from the Netherlands")
               for line in doc.text.split("\n"))
    assert doc.published == "2024-03-14"  # the cover's date, not the page it waited for


def test_a_release_number_before_the_date_is_no_day_and_a_lone_page_label_goes(tmp_path,
                                                                              settings):
    pdf = FPDF(unit="mm", format="Letter")
    pdf.set_margins(22, 20, 22)
    pdf.set_auto_page_break(True, 20)
    pdf.add_page()
    paragraph(pdf, "COAST GUARD OF CURACAO", 14, "B")
    paragraph(pdf, "Release No. 12 - 28 November 2018", 9, "B")
    paragraph(pdf, BODY)
    paragraph(pdf, SECOND)
    pdf.set_auto_page_break(False)  # the footer sits in the bottom margin of this page
    pdf.set_y(-15)
    pdf.set_font("Helvetica", "", 7.5)
    pdf.cell(0, 5, "Press Office | 12 Harbour Road, Willemstad   Page 1 of 1", align="C")
    path = tmp_path / "release.pdf"
    pdf.output(str(path))

    doc = read(path, settings)
    assert doc.published == "2018-11-28"  # not the 12th: "No. 12" is a number
    assert "Page 1 of 1" not in doc.text
    assert "Harbour Road" not in doc.text
    assert doc.text.rstrip().endswith("would follow in the spring.")
