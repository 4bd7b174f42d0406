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


def placed(lines: list[tuple[float, float, str, float, str]], path) -> None:
    """A one-page PDF (points) with each line drawn at (x, y) in its size and style."""
    pdf = FPDF(unit="pt", format=(612, 792))
    pdf.set_auto_page_break(False)
    pdf.add_page()
    for x, y, text, size, style in lines:
        pdf.set_font("Helvetica", style, size)
        pdf.text(x, y, text)
    pdf.output(str(path))


def test_a_title_wider_than_the_column_below_does_not_cut_its_sentences(tmp_path, settings):
    # a title across the page over one narrow column: against the title's edge every line
    # of the column looked short, and a line opening with a capital began a paragraph
    column = ["The two navies will meet again soon: Brazil will",
              "host the multinational exercise off Rio de Janeiro in",
              "September, with the United States Navy among the",
              "participants, the ministry said on Friday."]
    title = "Minister in Brasilia presses the region's militaries on civilian rule"
    pdf = FPDF(unit="pt", format=(612, 792))
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 18)
    pdf.text(54, 60, title)
    pdf.set_font("Helvetica", "", 10)
    pdf.text(54, 100, "27 July 2022")
    for n, text in enumerate(column):  # a justified column: its lines end at one edge
        words = text.split()
        if n == len(column) - 1:
            pdf.text(54, 130 + 13 * n, text)
            continue
        space = (250 - sum(pdf.get_string_width(w) for w in words)) / (len(words) - 1)
        x = 54.0
        for word in words:
            pdf.text(x, 130 + 13 * n, word)
            x += pdf.get_string_width(word) + space
    pdf.output(str(tmp_path / "column.pdf"))
    doc = read(tmp_path / "column.pdf", settings)
    assert "off Rio de Janeiro in September, with the United States Navy" in doc.text


def test_a_right_column_that_starts_higher_than_the_left_is_read_after_it(tmp_path,
                                                                            settings):
    # the left column opens with a byline and a paragraph gap; the right column's first
    # line stands level with that gap and was read before the whole left column
    left = ["The training ship from Chile reached the port of",
            "Callao on Monday for a four-day call, its first",
            "stop on a voyage around the Pacific this year.",
            "Cadets will visit the naval school on Tuesday."]
    right = ["Then the ship sails on to Guayaquil, its last",
             "stop in the region, where it is due on the",
             "twentieth of the month before heading west.",
             "Officers said the crew numbers two hundred."]
    lines = [(50, 60, "Chilean training ship calls at Callao on a Pacific voyage", 16, "B"),
             (50, 96, "By our correspondent", 10, "")]
    lines += [(320, 108, right[0], 10, "")]
    lines += [(50, 122 + 12 * n, text, 10, "") for n, text in enumerate(left)]
    lines += [(320, 120 + 12 * n, text, 10, "") for n, text in enumerate(right[1:])]
    placed(lines, tmp_path / "columns.pdf")
    doc = read(tmp_path / "columns.pdf", settings)
    text = " ".join(doc.text.split())
    assert text.index("The training ship from Chile") < text.index("Then the ship sails on")
    assert "Then the ship sails on to Guayaquil, its last stop in the region" in text


def test_a_gazette_masthead_line_gives_the_date_and_sideways_margin_text_is_no_text(
        tmp_path, settings):
    # an official gazette: the issue line holds the date beside its number and page, too
    # long for a "short line"; the legal-deposit line runs up the margin, rotated
    pdf = FPDF(unit="mm", format="A4")
    pdf.set_margins(25, 20, 25)
    pdf.add_page()
    paragraph(pdf, "BOLETÍN OFICIAL DE LA ARMADA", 12, "B")
    paragraph(pdf, "Núm. 48 Martes, 12 de marzo de 2024 Sec. III. Pág. 1732", 9)
    paragraph(pdf, "La patrullera holandesa llegó el lunes al puerto de Willemstad para una "
                   "visita de cuatro días con la guardia costera de Curazao.")
    paragraph(pdf, "Sus tripulantes hicieron ejercicios de abordaje con los oficiales locales.")
    pdf.set_font("Helvetica", "", 7)
    with pdf.rotation(90, x=12, y=250):
        pdf.text(12, 250, "DEPÓSITO LEGAL M-1/1958 - ISSN 0212-033X")
    path = tmp_path / "gazette.pdf"
    pdf.output(str(path))

    doc = read(path, settings)
    assert doc.published == "2024-03-12"
    assert "ISSN" not in doc.text and "LEGAL" not in doc.text
    assert "\nL\n" not in doc.text  # nor its letters one per line


def test_a_memo_is_dated_by_its_date_time_group(tmp_path, settings):
    pdf = FPDF(unit="mm", format="Letter")
    pdf.set_margins(25, 20, 25)
    pdf.add_page()
    paragraph(pdf, "UNCLASSIFIED", 9, "B")
    paragraph(pdf, "MEMORANDUM FOR RECORD", 12, "B")
    paragraph(pdf, "DTG: 141530Z MAR 24", 9)
    paragraph(pdf, "SUBJECT: Visit of the Dutch patrol vessel to Willemstad", 9)
    paragraph(pdf, BODY)
    path = tmp_path / "memo.pdf"
    pdf.output(str(path))

    assert read(path, settings).published == "2024-03-14"


def test_a_report_dated_in_dotted_figures_reads_day_first_in_english(tmp_path, settings):
    pdf = FPDF(unit="mm", format="A4")
    pdf.set_margins(25, 20, 25)
    pdf.add_page()
    paragraph(pdf, "Coast Guard Review", 12, "B")
    paragraph(pdf, "2.7.2010", 9)  # the EU's and the UK's way: 2 July, not February 7
    paragraph(pdf, BODY)
    path = tmp_path / "review.pdf"
    pdf.output(str(path))

    assert read(path, settings).published == "2010-07-02"


def test_a_margin_cell_beside_the_text_dates_the_page_and_stays_out_of_the_text(tmp_path,
                                                                                settings):
    # the date and the notice number stand in a narrow cell left of the text, as an
    # official journal prints them: a side box is no part of the story, but dates the page
    lines = [(60, 60, "2.7.2010", 9, ""), (60, 130, "20699", 9, "B"),
             (180, 60, "Official Journal of the Coast Guard - Notices", 9, "")]
    words = BODY.split() + SECOND.split()
    y, row = 130, []
    for word in words:
        row.append(word)
        if len(" ".join(row)) > 60:
            lines.append((180, y, " ".join(row), 10.5, ""))
            y, row = y + 14, []
    lines.append((180, y, " ".join(row), 10.5, ""))
    path = tmp_path / "journal.pdf"
    placed(lines, path)

    doc = read(path, settings)
    assert doc.published == "2010-07-02"
    assert "20699" not in doc.text and "school groups" in doc.text
