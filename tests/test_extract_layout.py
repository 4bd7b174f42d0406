"""Reading order from geometry on layouts built here with fpdf2, each line placed by hand
and, where it says so, written to the content stream out of reading order (as layout
software stores text blocks). Every text is ours."""

import random

from fpdf import FPDF

from pipeline.extract import extract
from pipeline.fetch import fetch_file

WIDTH, HEIGHT = 612, 792


class Page:
    """Lines placed at exact positions; ``shuffled`` writes them in a scrambled order."""

    def __init__(self, pdf: FPDF):
        self.pdf = pdf
        self.items: list[tuple[float, float, str, float, str]] = []

    def line(self, x: float, y: float, text: str, size: float = 10, style: str = "") -> None:
        self.items.append((x, y, text, size, style))

    def column(self, x: float, y: float, lines: list[str], size: float = 10,
               leading: float = 13) -> float:
        for n, text in enumerate(lines):
            self.line(x, y + n * leading, text, size)
        return y + len(lines) * leading

    def marker(self, x: float, y: float, after: str, mark: str, size: float = 10) -> None:
        """A footnote marker drawn small and raised after the words ``after`` at (x, y)."""
        self.pdf.set_font("Helvetica", "", size)
        self.items.append((x + self.pdf.get_string_width(after), y - 4, mark, size * 0.6, ""))

    def write(self, shuffled: bool = False) -> None:
        items = list(self.items)
        if shuffled:
            random.Random(7).shuffle(items)
        for x, y, text, size, style in items:
            self.pdf.set_font("Helvetica", style, size)
            self.pdf.text(x, y, text)


def build(tmp_path, pages: list[Page], name: str = "layout.pdf") -> str:
    path = tmp_path / name
    path.write_bytes(bytes(pages[0].pdf.output()))
    return str(path)


def new_pdf() -> FPDF:
    pdf = FPDF(unit="pt", format=(WIDTH, HEIGHT))
    pdf.set_auto_page_break(False)
    return pdf


def read(path, settings):
    from pathlib import Path

    return extract(fetch_file(Path(path), settings), settings)


LEFT = ["The coast guard of Peru received two patrol", "boats from Japan at the port of Callao on",
        "12 March 2024. The boats will watch the", "fishing grounds off the northern coast, and",
        "their crews trained for six weeks before the", "handover ceremony, which the ambassador"]
RIGHT = ["attended with the minister of defence.", "A second pair of boats is expected next",
         "year, the ministry said in a statement.", "",
         "In April the navy of Chile hosted a seminar", "on search and rescue for officers from",
         "five countries of the region."]


def two_columns(page: Page, top: float) -> None:
    page.column(50, top, LEFT)
    page.column(320, top, [t for t in RIGHT[:3]])
    page.column(320, top + 4 * 13, RIGHT[4:])


def test_two_columns_stored_out_of_order_are_read_column_by_column(tmp_path, settings):
    pdf = new_pdf()
    pdf.add_page()
    page = Page(pdf)
    page.line(50, 60, "Patrol Boats for the Pacific", 18, "B")
    page.line(50, 90, "Abstract: two donations and a seminar in one month.", 10, "I")
    two_columns(page, 130)
    page.write(shuffled=True)
    doc = read(build(tmp_path, [page]), settings)
    assert doc.extractor == "pypdfium2"
    assert doc.text == (
        "Patrol Boats for the Pacific\n"
        "Abstract: two donations and a seminar in one month.\n"
        "The coast guard of Peru received two patrol boats from Japan at the port of Callao "
        "on 12 March 2024. The boats will watch the fishing grounds off the northern coast, "
        "and their crews trained for six weeks before the handover ceremony, which the "
        "ambassador attended with the minister of defence. A second pair of boats is expected "
        "next year, the ministry said in a statement.\n"
        "In April the navy of Chile hosted a seminar on search and rescue for officers from "
        "five countries of the region.")


def test_three_columns_of_two_lines_are_still_columns(tmp_path, settings):
    pdf = new_pdf()
    pdf.add_page()
    page = Page(pdf)
    page.line(50, 60, "Three short notes", 16, "B")
    page.column(50, 100, ["First note: a cadet exchange", "with Brazil ended in May."])
    page.column(230, 100, ["Second note: two frigates", "called at Montevideo."])
    page.column(410, 100, ["Third note: a forum on", "peacekeeping met in Lima."])
    page.write(shuffled=True)
    doc = read(build(tmp_path, [page]), settings)
    assert doc.text.splitlines() == [
        "Three short notes", "First note: a cadet exchange with Brazil ended in May.",
        "Second note: two frigates called at Montevideo.",
        "Third note: a forum on peacekeeping met in Lima."]


def report(tmp_path, header_pairs: list[tuple[str, str]], bodies: list[list[str]],
           footers: list[str]) -> str:
    pdf = new_pdf()
    pages = []
    for (left, right), body, footer in zip(header_pairs, bodies, footers, strict=True):
        pdf.add_page()
        page = Page(pdf)
        if left:
            page.line(50, 40, left, 8)
        if right:
            page.line(420, 40, right, 8)
        page.column(50, 90, body)
        if footer:
            page.line(280, 760, footer, 8)
        page.write()
        pages.append(page)
    return build(tmp_path, pages)


BODIES = [["Page one tells how the army of Bolivia sent", "officers to a course in China."],
          ["Page two says the course lasted a month and", "ended with an exercise."],
          ["Page three adds that a second course is", "planned for the autumn."],
          ["Page four closes the report with a summary", "of the exchanges."]]


def test_running_lines_alternating_heads_and_page_numbers_in_any_form_are_dropped(
        tmp_path, settings):
    heads = [("", ""), ("Andean Defence Notes", ""), ("", "Exchanges with China"),
             ("Andean Defence Notes", "")]
    for footers in (["- 1 -", "- 2 -", "- 3 -", "- 4 -"], ["i", "ii", "iii", "iv"],
                    ["Page 1 of 4", "Page 2 of 4", "Page 3 of 4", "Page 4 of 4"]):
        doc = read(report(tmp_path, heads, BODIES, footers), settings)
        assert doc.text == "\n\n".join(" ".join(body) for body in BODIES), footers
        assert len(doc.page_offsets) == 4


def test_a_head_on_page_two_of_a_two_page_paper_is_dropped(tmp_path, settings):
    doc = read(report(tmp_path, [("", ""), ("Andean Defence Notes - Brief 3", "")],
                      BODIES[:2], ["", ""]), settings)
    assert "Andean Defence Notes" not in doc.text
    assert doc.text == "\n\n".join(" ".join(body) for body in BODIES[:2])


def test_footnotes_follow_the_paragraph_that_runs_on_and_markers_leave_the_words(
        tmp_path, settings):
    pdf = new_pdf()
    pdf.add_page()
    first = Page(pdf)
    first.column(50, 90, ["The minister signed the agreement in Quito.",
                          "The navy then sent a training ship to the"])
    first.marker(50, 90, "The minister signed the agreement in Quito.", "1")
    first.line(50, 720, "1 Ministry statement of 2 June 2023.", 7)
    first.line(300, 760, "1", 8)
    first.write()
    pdf.add_page()
    second = Page(pdf)
    second.column(50, 90, ["port of Guayaquil for a week of drills."])
    second.column(50, 120, ["A report on the drills is due next year."])
    second.line(300, 760, "2", 8)
    second.write()
    doc = read(build(tmp_path, [first, second]), settings)
    assert doc.text == (
        "The minister signed the agreement in Quito. The navy then sent a training ship to "
        "the port of Guayaquil for a week of drills.\n"
        "1 Ministry statement of 2 June 2023.\n"
        "A report on the drills is due next year.")
    assert doc.page_offsets == (0, doc.text.index("port of Guayaquil"))


def test_a_table_is_read_row_by_row_between_the_paragraphs(tmp_path, settings):
    pdf = new_pdf()
    pdf.add_page()
    page = Page(pdf)
    page.column(50, 80, ["Deliveries grew in the last three years, as the table",
                         "below shows for each of the services."])
    page.line(50, 130, "Table 1. Deliveries by service", 9, "B")
    for n, row in enumerate([("Year", "Army", "Navy", "Air force"), ("2022", "4", "2", "1"),
                             ("2023", "6", "3", "2"), ("2024", "9", "3", "4")]):
        for x, cell in zip((60, 200, 320, 440), row, strict=True):
            page.line(x, 150 + n * 14, cell, 9)
    page.column(50, 230, ["The navy received fewer vessels than it had asked for,",
                          "and the air force more aircraft."])
    page.write(shuffled=True)
    doc = read(build(tmp_path, [page]), settings)
    assert doc.text.splitlines() == [
        "Deliveries grew in the last three years, as the table below shows for each of the "
        "services.", "Table 1. Deliveries by service", "Year Army Navy Air force",
        "2022 4 2 1", "2023 6 3 2", "2024 9 3 4",
        "The navy received fewer vessels than it had asked for, and the air force more "
        "aircraft."]


def test_a_pull_quote_is_kept_once(tmp_path, settings):
    pdf = new_pdf()
    pdf.add_page()
    page = Page(pdf)
    page.column(50, 80, ["The talks covered training, maintenance and the exchange of",
                         "officers between the two naval academies.", "",
                         "The admiral said that cooperation at sea is a matter of trust",
                         "built over many years and many voyages, and he thanked his hosts."])
    page.line(90, 170, "\"Cooperation at sea is a matter of trust built over many", 14, "I")
    page.line(90, 188, "years and many voyages.\"", 14, "I")
    page.column(50, 220, ["The visit ended on Friday with a dinner on board."])
    page.write()
    doc = read(build(tmp_path, [page]), settings)
    assert doc.text.count("matter of trust") == 1
    assert "Cooperation at sea" not in doc.text


def front_matter_report(tmp_path, settings, front: list[list[tuple]], body_lines: list[str]):
    """A report of front-matter pages (each a list of (y, text, size, style) lines) and one
    page of body text, read back."""
    pdf = new_pdf()
    pages = []
    for lines in front:
        pdf.add_page()
        page = Page(pdf)
        for y, text, size, style in lines:
            page.line(60, y, text, size, style)
        page.write()
        pages.append(page)
    pdf.add_page()
    body = Page(pdf)
    body.column(60, 80, body_lines)
    body.write()
    return read(build(tmp_path, [*pages, body]), settings)


def test_cover_and_contents_give_a_title_and_a_date_not_text(tmp_path, settings):
    doc = front_matter_report(tmp_path, settings, [
        [(200, "Instituto de Estudios Navales", 12, ""),
         (260, "Cooperacion naval en el Pacifico Sur", 24, "B"),
         (300, "Ana Torres", 12, ""), (320, "julio de 2024", 12, "")],
        [(80, "Contenido", 14, "B"),
         (110, "Resumen . . . . . . . . . . . . . . . . . . . . 3", 10, ""),
         (125, "Analisis . . . . . . . . . . . . . . . . . . . 3", 10, "")]],
        ["La armada de Chile y la de Peru hicieron un ejercicio conjunto",
         "frente a Arica el 3 de mayo de 2024."])
    assert (doc.title, doc.published) == ("Cooperacion naval en el Pacifico Sur", "2024-07")
    assert ". . ." not in doc.text and "Resumen" not in doc.text
    assert doc.text.endswith("La armada de Chile y la de Peru hicieron un ejercicio conjunto "
                             "frente a Arica el 3 de mayo de 2024.")


def test_a_cover_of_a_month_takes_its_day_from_the_imprint_on_the_next_page(tmp_path, settings):
    doc = front_matter_report(tmp_path, settings, [
        [(200, "Centro de Estudios de Defensa", 12, ""),
         (260, "La armada y el Pacifico Sur", 24, "B"), (320, "Abril de 2024", 12, "")],
        [(80, "Indice", 14, "B"), (110, "1. Resumen", 10, ""),
         (700, "(c) Centro de Estudios de Defensa 2024. Publicado el 5 de abril de 2024.", 8,
          "")]],
        ["La fragata chilena llego este viernes a Callao para una escala",
         "de cuatro dias con la marina peruana."])
    assert doc.published == "2024-04-05"


def test_a_day_in_the_imprint_of_another_month_is_not_the_reports(tmp_path, settings):
    doc = front_matter_report(tmp_path, settings, [
        [(260, "Naval cooperation in the South Pacific", 24, "B"), (320, "April 2024", 12, "")],
        [(700, "First published 12 March 2023. Revised edition.", 8, "")]],
        ["The Chilean frigate reached Callao on Friday for a four-day call",
         "with the Peruvian navy."])
    assert doc.published == "2024-04"


def test_a_drop_cap_opens_the_first_word_of_its_paragraph(tmp_path, settings):
    pdf = new_pdf()
    pdf.add_page()
    page = Page(pdf)
    page.line(50, 112, "W", 40, "B")  # drawn three lines tall, its baseline on the third
    page.column(88, 84, ["ith a band on the quay, the Spanish training ship",
                         "moored at Montevideo on Monday for a five-day call,",
                         "its first in the city since the war in the south."])
    page.column(50, 123, ["Cadets will visit the naval school and the ship will be open to",
                          "the public at the weekend, the embassy said."])
    page.line(50, 170, "T", 40, "B")
    page.column(88, 142, ["he captain laid a wreath at the monument to the",
                          "sailors lost at sea and met the commander of the",
                          "fleet before the ship sailed for Buenos Aires."])
    page.line(50, 228, "L", 40, "B")
    page.column(88, 200, ["IMA, 4 June - The frigate then sailed north to the",
                          "port of Callao, where the crew stayed three days."])
    page.line(50, 288, "M", 40, "B")  # a wide glyph whose box reaches over the text
    page.column(81, 260, ["ONTEVIDEO, 2 July - A Uruguayan patrol boat then",
                          "sailed with the frigate as far as the border."])
    page.write()
    doc = read(build(tmp_path, [page]), settings)
    assert "LIMA, 4 June - The frigate" in doc.text
    assert "MONTEVIDEO, 2 July - A Uruguayan patrol boat then sailed" in doc.text
    assert "With a band on the quay, the Spanish training ship moored at Montevideo" in doc.text
    assert "The captain laid a wreath" in doc.text
    assert "\nW " not in doc.text and "\nT " not in doc.text


def test_a_drop_cap_that_is_a_word_of_its_own_stays_apart(tmp_path, settings):
    pdf = new_pdf()
    pdf.add_page()
    page = Page(pdf)
    page.line(50, 112, "O", 40, "B")  # Portuguese "O ministro": a word of one letter
    page.column(88, 84, ["ministro da Defesa recebeu em Brasilia, na terca-feira,",
                         "o chefe do Estado-Maior da Armada italiana para uma",
                         "visita de tres dias as bases navais do pais."])
    page.line(50, 170, "A", 40, "B")  # English "A delegation"
    page.column(88, 142, ["delegation of Chinese officers arrived in Lima on",
                          "Friday for talks with the Peruvian joint staff on",
                          "training and disaster relief."])
    page.line(50, 228, "A", 40, "B")  # but "A|fter": one word
    page.column(88, 200, ["fter the talks, the officers toured the naval school",
                          "at La Punta and the port of Callao."])
    page.write()
    doc = read(build(tmp_path, [page]), settings)
    assert "O ministro da Defesa recebeu em Brasilia" in doc.text
    assert "A delegation of Chinese officers arrived in Lima" in doc.text
    assert "After the talks, the officers toured" in doc.text


def test_a_narrow_column_under_a_wider_masthead_line_keeps_its_paragraphs(tmp_path, settings):
    pdf = new_pdf()
    pdf.add_page()
    page = Page(pdf)
    page.line(40, 50, "THE HARBOUR GAZETTE   3 May 2022", 11, "B")  # wider than the column
    page.line(40, 80, "Chilean navy welcomes a French frigate at Valparaiso", 22, "B")
    narrow = ["The French Navy frigate Prairial", "Arrived at Valparaiso on Tuesday for",
              "a four-day call, the Chilean Navy", "said, and her crew will train with",
              "Chilean sailors before sailing", "North to Peru at the weekend."]
    bottom = page.column(40, 110, narrow)
    page.column(40, bottom + 8, ["The visit is the first by a French", "warship this year."])
    page.write()
    doc = read(build(tmp_path, [page]), settings)
    assert "The French Navy frigate Prairial Arrived at Valparaiso on Tuesday for a four-day" \
        " call" in doc.text
    assert "Chilean sailors before sailing North to Peru at the weekend." in doc.text


def test_a_side_box_that_starts_lower_than_the_text_does_not_cut_its_first_sentence(
        tmp_path, settings):
    pdf = new_pdf()
    pdf.add_page()
    page = Page(pdf)
    page.line(50, 60, "Argentine navy signs for four patrol aircraft", 18, "B")
    page.column(50, 100, ["The Argentine Navy signed on Thursday in Buenos",
                          "Aires a contract with a French firm for four",
                          "maritime patrol aircraft, the ministry said, and",
                          "the first two will arrive before the end of the",
                          "year after their crews finish training in Europe.", "",
                          "Officials said the aircraft would watch the",
                          "fishing grounds of the South Atlantic."])
    page.column(400, 113, ["In brief", "Signed: Thursday", "Aircraft: four",
                           "Seller: a French firm"], size=8, leading=11)
    page.write()
    doc = read(build(tmp_path, [page]), settings)
    assert "signed on Thursday in Buenos Aires a contract with a French firm" in doc.text


def test_ragged_text_keeps_a_sentence_that_ends_where_the_next_word_did_not_fit(tmp_path,
                                                                                 settings):
    pdf = new_pdf()
    pdf.add_page()
    page = Page(pdf)
    page.column(60, 80, ["The Colombian Navy sent a frigate to the exercise, which took",
                         "place off the coast of Cartagena over two weeks, and",
                         "the crews practised search and rescue in rough seas.",
                         "Nevertheless the frigate sailed north to Kingston with a",
                         "patrol boat and a tug of the Jamaica Defence Force, the ministry",
                         "said in a statement on Friday evening.",
                         "The Navy did not say when the frigate and the patrol boat will be",
                         "back home, nor what the two crews will train for next time."])
    page.write()
    doc = read(build(tmp_path, [page]), settings)
    assert "in rough seas. Nevertheless the frigate" in doc.text  # the word did not fit
    assert "Friday evening.\nThe Navy did not say" in doc.text  # 'The' would have fitted


def test_a_centred_letterhead_title_does_not_run_into_the_first_paragraph(tmp_path, settings):
    """A communiqué: centred letterhead lines, the title (the widest of them, in the body's
    size) and numbered paragraphs whose text hangs right of the numbers."""
    pdf = new_pdf()
    pdf.add_page()
    page = Page(pdf)
    for y, text, size, style in ((60, "MINISTERIO DE DEFENSA", 14, "B"),
                                 (76, "Direccion de Comunicacion Institucional", 11, ""),
                                 (110, "COMUNICADO N. 56/2013", 14, "B"),
                                 (134, "La flotilla china cierra su primera visita a Buenos Aires",
                                  12, "B")):
        pdf.set_font("Helvetica", style, size)
        page.line((WIDTH - pdf.get_string_width(text)) / 2, y, text, size, style)
    page.line(72, 168, "1.", 12)
    page.column(100, 168, ["La agrupacion naval de la Armada china que desde el miercoles "
                           "permanecia", "amarrada en el Puerto Nuevo de Buenos Aires zarpo "
                           "ayer de regreso a su pais,", "con lo que concluyo la primera "
                           "visita de buques de guerra chinos al pais."], 12, 16)
    page.write()
    doc = read(build(tmp_path, [page]), settings)
    assert "visita a Buenos Aires\nLa agrupacion naval" in doc.text


def test_a_pull_quote_repeating_a_whole_paragraph_is_kept_once(tmp_path, settings):
    pdf = new_pdf()
    pdf.add_page()
    page = Page(pdf)
    page.column(50, 80, ["The talks covered training, maintenance and the exchange of",
                         "officers between the two naval academies."])
    page.line(90, 130, "\"Cooperation at sea is a matter of trust built over many", 14, "I")
    page.line(90, 148, "years and many voyages, and we thank our hosts.\"", 14, "I")
    page.column(50, 180, ["Cooperation at sea is a matter of trust built over many years and",
                          "many voyages, and we thank our hosts.", "",
                          "The visit ended on Friday with a dinner on board."])
    page.write()
    doc = read(build(tmp_path, [page]), settings)
    assert doc.text.count("matter of trust") == 1
    assert "\"Cooperation at sea" not in doc.text


def test_a_stated_day_in_figures_is_read_the_way_the_file_s_creation_date_has_it(tmp_path,
                                                                                 settings):
    from datetime import UTC, datetime

    pdf = new_pdf()
    pdf.set_creation_date(datetime(2019, 9, 12, 9, 0, tzinfo=UTC))
    pdf.add_page()
    page = Page(pdf)
    page.line(60, 60, "First Dutch military personnel ashore in the Bahamas", 14, "B")
    page.line(60, 80, "News item | 12-09-2019", 10)
    page.column(60, 110, ["The first Dutch military personnel have landed in the Bahamas to",
                          "help the islands recover from the hurricane, the ministry said."])
    page.write()
    assert read(build(tmp_path, [page]), settings).published == "2019-09-12"


def test_a_sentence_that_goes_on_over_the_page_with_a_quoted_word_is_joined(tmp_path,
                                                                             settings):
    pdf = new_pdf()
    pages = []
    for lines in (["The president has said more than once that the United States",
                   "should take a firmer line in the region, and that his government",
                   "has repeatedly asked the canal authority and the United States"],
                  ["\"to review\" the treaties signed in 1977, which handed the canal",
                   "over at the end of 1999. No troops have been stationed there since."]):
        pdf.add_page()
        page = Page(pdf)
        page.column(72, 80, lines)
        page.write()
        pages.append(page)
    doc = read(build(tmp_path, pages), settings)
    assert "canal authority and the United States \"to review\" the treaties" in doc.text


def test_a_head_atop_a_short_last_page_over_a_contact_block_is_dropped(tmp_path, settings):
    pdf = new_pdf()
    pdf.add_page()
    first = Page(pdf)
    first.column(72, 80, ["The ministry said the two patrol boats donated by the government",
                          "of Japan arrived at the port of Callao on Monday, and that their",
                          "crews will train with the coast guard for six weeks before the",
                          "handover ceremony, which the ambassador will attend with the",
                          "minister of defence and the commander of the coast guard.", "",
                          "The boats will watch the fishing grounds off the northern coast,",
                          "where foreign fleets have been fishing without licences, and will",
                          "take part in search and rescue along the whole of the coastline.",
                          "", "The storm that crossed the north of the country last week has",
                          "left rivers out of their beds, and heavy rains have left more than",
                          "two million"], 11, 15)
    first.write()
    pdf.add_page()
    last = Page(pdf)
    last.line(72, 30, "Coastal Affairs Office", 7.5)
    last.column(72, 70, ["people without power, and the coast guard has sent two boats.",
                         "10 November 2020."], 11, 15)
    last.column(72, 150, ["Press contact: +00 (1) 555-0100 | press@example.org | "
                          "www.example.org | Office of Public Affairs, 1200 Harbour Road",
                          "Media accreditation requests must reach the office two working days "
                          "before the event, with a copy of a press card and an ID",
                          "Photographs and video of the ceremony may be used with credit to "
                          "the ministry's press office and the name of the photographer"], 7, 9)
    last.write()
    doc = read(build(tmp_path, [first, last]), settings)
    assert "Coastal Affairs Office" not in doc.text
    assert "more than two million people without power" in doc.text


def test_a_weekday_or_compound_broken_at_its_hyphen_keeps_it(tmp_path, settings):
    pdf = new_pdf()
    pdf.add_page()
    page = Page(pdf)
    page.column(72, 80, ["O satelite, sexto da parceria entre Brasil e China, foi lancado "
                         "nesta sexta-",
                         "feira (20) do centro de lancamento de Taiyuan, e uma empresa Miami-",
                         "based vai operar a estacao de solo na costa do Rio Grande do Norte."])
    page.write()
    doc = read(build(tmp_path, [page]), settings)
    assert "nesta sexta-feira (20)" in doc.text and "Miami-based" in doc.text


def test_line_numbers_in_the_margins_of_a_manuscript_are_not_text(tmp_path, settings):
    """A manuscript under review numbers every line in the margin, here continuously over
    two columns (the second column's numbers stand in the gutter, on the rows of the first
    column's lines); "12 March 2024" at the start of a line stays whole, the numbers go."""
    pdf = new_pdf()
    pdf.add_page()
    page = Page(pdf)
    page.line(50, 60, "Patrol Boats for the Pacific", 18, "B")
    lines = LEFT + RIGHT[:3] + RIGHT[4:]
    for n, text in enumerate(lines):
        column, row = (50, n) if n < len(LEFT) else (320, n - len(LEFT))
        page.line(column - 24, 130 + row * 13, str(n + 1), 7)
        page.line(column, 130 + row * 13, text)
    page.write()
    doc = read(build(tmp_path, [page]), settings)
    assert "on 12 March 2024. The boats" in doc.text
    assert "minister of defence. A second pair of boats is expected next year" in doc.text
    assert "hosted a seminar on search and rescue" in doc.text
    assert [w for w in doc.text.split() if w.isdigit()] == ["12"]  # ("2024." ends a sentence)


def test_a_short_right_column_of_indented_and_centred_lines_is_still_a_column(tmp_path,
                                                                             settings):
    """A debate record: the statement runs down the left column; the right one holds its
    last lines, an indented interjection and centred titles of the next items, so few of
    its lines start at the gutter. It is read after the left column, not row by row."""
    pdf = new_pdf()
    pdf.add_page()
    page = Page(pdf)
    page.line(200, 60, "Official Report", 18, "B")
    page.column(50, 110, LEFT + RIGHT[:3])
    page.line(320, 110, "five countries of the region.")
    page.line(332, 123, "Hon. Members: Hear, hear.")
    page.line(332, 136, "Mr Speaker: I thank the Minister.")
    page.line(350, 152, "Naval Talks in Montevideo", 10, "B")
    page.line(362, 165, "Patrol Boats for Haiti", 10, "B")
    page.line(356, 178, "Cadets Sail to Lisbon", 10, "B")
    page.write()
    doc = read(build(tmp_path, [page]), settings)
    assert ("handover ceremony, which the ambassador attended with the minister of defence. "
            "A second pair of boats is expected next year") in doc.text
    assert doc.text.index("the ministry said in a statement.") < doc.text.index(
        "five countries of the region.")
