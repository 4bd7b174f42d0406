"""PDF fidelity: reading order, hyphenation, running lines, metadata and page provenance."""

import json
import re
from dataclasses import replace

import pdfplumber
import pytest
from conftest import FIXTURES, ROOT

from pipeline import run
from pipeline.extract import extract
from pipeline.fetch import fetch_file

SAMPLES = sorted((ROOT / "sources" / "samples").glob("*.pdf"))
RUNNING = {  # running header and page label of each sample (scripts/make_sample_pdfs.py)
    "ihms-wp12-chinese-naval-diplomacy.pdf": (
        "Institute for Hemispheric Maritime Studies - Working Paper 12", "Page {n} of {m}"),
    "ceps-dt7-formacion-militar-pacifico.pdf": (
        "Centro de Estudios del Pacífico Sur - Documento de Trabajo N.º 7", "Página {n} de {m}"),
    "nedsi-boletim9-brasil-eua-china.pdf": (
        "Núcleo de Estudos de Defesa e Segurança Internacional - Boletim de Conjuntura n.º 9",
        "Página {n} de {m}"),
}


def test_two_columns_are_read_one_after_the_other_and_hyphens_repaired(settings):
    doc = extract(fetch_file(FIXTURES / "bad" / "two-columns.pdf", settings), settings)
    assert doc.text == (
        "Naval Cooperation Bulletin\n"
        "Left column opens here and the first story continues on this line about the "
        "cooperation of two navies ends here.\n"
        "Right column starts a second story about an exercise at sea that lasted a full week "
        "with three ships and ends in this column.")


def test_an_encrypted_pdf_with_an_empty_password_is_read(settings):
    doc = extract(fetch_file(FIXTURES / "bad" / "encrypted-empty-password.pdf", settings),
                  settings)
    assert (doc.error, doc.text) == (None, (
        "The navy of Chile received a delegation of officers from China in Valparaiso on "
        "3 March 2024. The officers toured the naval academy and discussed training."))


def test_title_author_and_date_come_from_metadata_or_the_first_page(settings):
    path = ROOT / "sources" / "samples" / "ihms-wp12-chinese-naval-diplomacy.pdf"
    doc = extract(fetch_file(path, settings), settings)
    assert (doc.title, doc.author, doc.published, doc.language) == (
        "White Hulls and Grey Hulls: Chinese Naval Diplomacy in Latin America and the "
        "Caribbean, 2011-2013", "Helen Marsh and Rafael Quintero", "2014-03-17", "en")
    assert doc.text.splitlines()[:4] == [
        "White Hulls and Grey Hulls: Chinese Naval Diplomacy in Latin America and the "
        "Caribbean, 2011-2013",
        "How a hospital ship and a small surface task group opened a new chapter in the PLA "
        "Navy's engagement with the Western Hemisphere",
        "Helen Marsh and Rafael Quintero", "Published 17 March 2014"]


@pytest.fixture(scope="module")
def samples_db(tmp_path_factory):
    from pipeline import store
    from pipeline.settings import Settings

    tmp = tmp_path_factory.mktemp("samples")
    settings = replace(Settings(cache_dir=str(tmp / "cache")), workers=2)
    db = store.open_db(tmp / "corpus.db")
    run.ingest(db, run.sources_from_args([str(p) for p in SAMPLES]), settings)
    yield db
    db.conn.close()


def test_the_sample_pdfs_lose_their_running_headers_and_footers(samples_db):
    assert sorted(p.name for p in SAMPLES) == sorted(RUNNING)
    for url, text, offsets in samples_db.conn.execute(
            "SELECT url, text, page_offsets FROM documents"):
        header, label = RUNNING[url.rsplit("/", 1)[1]]
        pages = len(json.loads(offsets))
        assert header not in text
        for n in range(1, pages + 1):
            assert label.format(n=n, m=pages) not in text
        assert not re.search(r"(Page|Página) \d+ (of|de) \d+", text)


def squash(text: str) -> str:
    return " ".join(re.sub(r"-\n(?=[a-zà-ÿ])", "", text).split())


def test_evidence_of_pdf_events_names_the_page_the_sentence_is_on(samples_db):
    rows = samples_db.conn.execute(
        "SELECT d.url, e.page, e.start, e.sentence, d.page_offsets FROM evidence e "
        "JOIN documents d ON d.id = e.document_id").fetchall()
    assert len({url for url, *_ in rows}) == len(SAMPLES)
    pages: dict[str, list[str]] = {}
    for url, page, start, sentence, offsets in rows:
        if url not in pages:  # what pdfplumber itself prints on each page, our code aside
            with pdfplumber.open(url.removeprefix("file://")) as pdf:
                pages[url] = [squash(p.extract_text()) for p in pdf.pages]
        bounds = json.loads(offsets) + [10**9]
        assert bounds[page - 1] <= start < bounds[page]
        opening = " ".join(sentence.split()[:5])
        assert opening in pages[url][page - 1], (url, page, opening)


def test_a_sentence_running_on_to_the_next_page_is_joined_and_the_page_still_named(
        tmp_path, settings):
    from fpdf import FPDF

    pdf = FPDF()
    for lines in (["The frigate left Callao on 3 May 2024 and sailed for"],
                  ["Shanghai, where the crew stayed a week."],
                  ["Closing remarks open the third page."]):
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        for line in lines:
            pdf.cell(0, 8, line)
            pdf.ln(14)
    path = tmp_path / "runs-on.pdf"
    path.write_bytes(bytes(pdf.output()))
    doc = extract(fetch_file(path, settings), settings)
    assert doc.text == ("The frigate left Callao on 3 May 2024 and sailed for Shanghai, where "
                        "the crew stayed a week.\n\nClosing remarks open the third page.")
    assert doc.page_offsets == (0, doc.text.index("Shanghai"), doc.text.index("Closing"))
