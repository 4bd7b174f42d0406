import zlib

import pytest
from conftest import FIXTURES
from fpdf import FPDF

from pipeline.extract import detect_language, extract, sniff
from pipeline.fetch import fetch_file


def test_html_main_text_without_site_chrome_and_with_metadata(settings):
    doc = extract(fetch_file(FIXTURES / "visit.html", settings), settings)
    assert doc.error is None
    assert (doc.title, doc.published, doc.language, doc.extractor) == (
        "Defense minister receives Peruvian delegation", "2023-05-17", "en", "trafilatura")
    assert "Li Shangfu met Peruvian Army Commander" in doc.text
    for chrome in ("Related stories", "cookies", "Copyright", "Contact us", "Air show"):
        assert chrome not in doc.text
    # paragraphs stay separate lines, so sentences never merge across them
    assert "the meeting.\nThe two officers" in doc.text


def test_plain_text_keeps_headline_and_dateline(settings):
    doc = extract(fetch_file(FIXTURES / "notice.txt", settings), settings)
    assert (doc.title, doc.published, doc.language) == (
        "Brazilian cadets complete course in China", "2024-09-20", "en")


def test_decomposed_accents_are_composed_so_dates_and_names_are_found(tmp_path, settings):
    """A file saved on a Mac or copied out of some PDFs spells "março" with a combining
    cedilla; the stored text is composed (NFC), so the date rules and searches find it."""
    import unicodedata

    from pipeline.nlp import tag

    text = ("Fragata indiana visita o Brasil\n\nEm 7 de março de 2024, a fragata indiana INS "
            "Tarkash atracou no porto de Natal, no Brasil.")
    path = tmp_path / "nfd.txt"
    path.write_bytes(unicodedata.normalize("NFD", text).encode("utf-8"))
    doc = extract(fetch_file(path, settings), settings)
    assert doc.text == text
    (event,) = tag(doc, min_confidence=0).events
    assert (event.type, event.countries, event.date) == ("port_call", ("BRA", "IND"), "2024-03-07")


def make_pdf(pages: list[list[str]], header: str = "Hemispheric Security Review") -> bytes:
    pdf = FPDF()
    pdf.set_auto_page_break(False)
    total = len(pages)
    for number, paragraphs in enumerate(pages, 1):
        pdf.add_page()
        pdf.set_font("Helvetica", size=9)
        pdf.cell(0, 8, header)
        pdf.ln(14)
        pdf.set_font("Helvetica", size=11)
        for paragraph in paragraphs:
            pdf.multi_cell(0, 6, paragraph)
            pdf.ln(6)
        pdf.set_y(-20)
        pdf.set_font("Helvetica", size=9)
        pdf.cell(0, 8, f"Page {number} of {total}")
    return bytes(pdf.output())


def test_pdf_pages_keep_offsets_and_lose_running_header_and_footer(tmp_path, settings):
    body = make_pdf([
        ["A first paragraph about the navy that runs long enough to wrap onto a second line "
         "of the page, so that the reflow has something to join back together."],
        ["Page two opens with its own paragraph."],
        ["The third page closes the report."],
    ])
    path = tmp_path / "report.pdf"
    path.write_bytes(body)
    doc = extract(fetch_file(path, settings), settings)
    assert doc.error is None and doc.extractor == "pypdfium2"
    assert "Hemispheric Security Review" not in doc.text
    assert "Page 1 of 3" not in doc.text and "of 3" not in doc.text
    assert len(doc.page_offsets) == 3
    assert doc.text[doc.page_offsets[1]:].startswith("Page two opens")
    assert doc.text[doc.page_offsets[2]:].startswith("The third page")
    # wrapped lines are joined into one paragraph line
    assert "wrap onto a second line of the page" in doc.text


@pytest.mark.parametrize("body, error_class", [
    (b"", "empty"),
    (b"   \n", "empty"),
    (b"%PDF-1.7\n1 0 obj garbage", "malformed"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "unsupported_type"),
    (b'{"items": [1, 2]}', "unsupported_type"),
])
def test_bad_bodies_are_recorded_not_raised(tmp_path, settings, body, error_class):
    path = tmp_path / "x.html"
    path.write_bytes(body)
    doc = extract(fetch_file(path, settings), settings)
    assert doc.error_class == error_class
    assert doc.text == ""


def test_gzip_body_is_inflated_but_only_up_to_the_limit(tmp_path, settings):
    html = (b"<html lang='en'><body><article><p>" + b"Navy ships docked in the port. " * 20
            + b"</p></article></body></html>")
    packed = zlib.compressobj(9, zlib.DEFLATED, 31)
    gz = packed.compress(html) + packed.flush()
    path = tmp_path / "page.html"
    path.write_bytes(gz)
    assert "Navy ships docked" in extract(fetch_file(path, settings), settings).text
    bomb = zlib.compressobj(9, zlib.DEFLATED, 31)
    path.write_bytes(bomb.compress(b"<p>x</p>" * 2_000_000) + bomb.flush())
    small = settings.__class__(cache_dir=settings.cache_dir, max_bytes=1_000_000)
    assert extract(fetch_file(path, small), small).error_class == "too_large"


def test_sniffing_trusts_bytes_not_names():
    assert sniff(b"HTTP/1.1 200 OK\r\n\r\n%PDF-1.4 ...") == "application/pdf"
    assert sniff(b"<!DOCTYPE html><html><p>Access denied</p>") == "text/html"
    assert sniff(b"Just some words.") == "text/plain"


@pytest.mark.parametrize("text, lang", [
    ("The minister met the commander of the navy in the capital on Monday.", "en"),
    ("El ministro se reunió con el comandante de la Armada en la capital.", "es"),
    ("O ministro se reuniu com o comandante da Marinha na capital do país.", "pt"),
])
def test_language_is_detected_from_function_words(text, lang):
    assert detect_language(text) == lang




@pytest.mark.parametrize("name, language, warnings, text", [
    ("cp1252-undeclared.html", "es", ("decoded as cp1252",),
     "El ministro de Defensa de Perú recibió en Lima a una delegación de oficiales chinos; la "
     "reunión se celebró en la sede del ministerio y duró más de dos horas."),
    ("utf16le-no-bom.html", "en", ("decoded as utf-16-le",),
     "Two Chinese navy ships called at the port of Callao, Peru, on Monday for a five-day "
     "visit, the navy said in a short statement."),
    ("utf8-stray-byte.html", "pt", (),
     "A comitiva da Marinha do Brasil visitou a academia naval em Xangai, onde assistiu a uma "
     "demonstração de navegação, segundo a nota oficial.\n"
     "Caf\ufffd com os cadetes no fim da tarde, disse o comandante da comitiva."),
])
def test_undeclared_and_wrong_encodings_are_decoded(settings, name, language, warnings, text):
    doc = extract(fetch_file(FIXTURES / "bad" / name, settings), settings)
    assert (doc.text, doc.language, doc.warnings) == (text, language, warnings)


def test_a_paywall_overlay_is_dropped_and_the_teaser_flagged(tmp_path, settings):
    path = tmp_path / "paywall.html"
    path.write_text(
        "<html lang='en'><head><title>Frigate visit</title><script type='application/ld+json'>"
        '{"@type": "NewsArticle", "isAccessibleForFree": false}</script></head><body><article>'
        "<h1>Frigate visit</h1><p>A Peruvian frigate arrived in Shanghai on Monday for a "
        "four-day port call, its first in a decade, the navy said.</p>"
        "<div class='overlay'><p>Subscribe to continue reading.</p><p>You have read all of "
        "your free articles this month.</p></div></article></body></html>", encoding="utf-8")
    doc = extract(fetch_file(path, settings), settings)
    assert doc.text == ("Frigate visit\nA Peruvian frigate arrived in Shanghai on Monday for a "
                        "four-day port call, its first in a decade, the navy said.")
    assert doc.warnings == ("paywalled: only the free part of the text was available",)


def test_text_that_is_only_a_word_or_two_is_empty_not_content(tmp_path, settings):
    path = tmp_path / "stub.txt"
    path.write_text("Loading…\n", encoding="utf-8")
    doc = extract(fetch_file(path, settings), settings)
    assert (doc.error_class, doc.error, doc.text) == (
        "empty", "too little text to read (8 characters)", "")


@pytest.mark.parametrize("declared, body, text", [
    # declares UTF-8, is windows-1252 throughout
    ("utf-8", "La Armada de Perú recibió a la delegación en el Callao; la visita duró tres días "
              "y terminó con un almuerzo.".encode("cp1252"),
     "La Armada de Perú recibió a la delegación en el Callao; la visita duró tres días y "
     "terminó con un almuerzo."),
    # declares latin-1, is UTF-8
    ("iso-8859-1", "O navio-escola atracou em Xangai após quarenta dias de viagem, informou a "
                   "Marinha.".encode(),
     "O navio-escola atracou em Xangai após quarenta dias de viagem, informou a Marinha."),
])
def test_wrong_charset_declarations_are_overruled_by_the_bytes(tmp_path, settings, declared,
                                                               body, text):
    path = tmp_path / "page.html"
    path.write_bytes(f"<html><head><meta charset='{declared}'><title>Nota</title></head>"
                     f"<body><article><p>".encode() + body + b"</p></article></body></html>")
    assert extract(fetch_file(path, settings), settings).text == text


def test_a_wrong_language_declaration_is_overruled_by_a_long_text(tmp_path, settings):
    sentence = ("El comandante de la Armada recibió a los oficiales en la base naval y les "
                "mostró los buques de la flota del Pacífico. ")
    path = tmp_path / "page.html"
    path.write_text(f"<html lang='en'><head><title>Nota</title></head><body><article>"
                    f"<p>{sentence * 6}</p></article></body></html>", encoding="utf-8")
    doc = extract(fetch_file(path, settings), settings)
    assert (doc.language, doc.warnings) == ("es", ("declared language 'en', text reads as 'es'",))


PARAGRAPH = ("<p>The Chilean navy chief met his Chinese counterpart in Beijing to discuss training "
             "and exchanges between academies.</p>")


@pytest.mark.parametrize("head, url, published", [
    ("<p class='byline'>By A. Reporter, 12 March 2024</p>", "https://news.example.org/visit",
     "2024-03-12"),
    ("<time datetime='2023-06-02'>2 June 2023</time>", "https://news.example.org/visit",
     "2023-06-02"),
    ("", "https://news.example.org/2022/11/05/visit.html", "2022-11-05"),
])
def test_the_publication_date_comes_from_byline_time_or_url(head, url, published):
    from pipeline.records import Fetched
    from pipeline.settings import Settings

    body = (f"<html lang='en'><head><title>Visit</title></head><body><article><h1>Visit</h1>"
            f"{head}{PARAGRAPH}</article></body></html>").encode()
    doc = extract(Fetched(url=url, final_url=url, source=None, body=body, sha256="x"),
                  Settings())
    assert (doc.title, doc.published) == ("Visit", published)
