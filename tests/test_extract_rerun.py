"""A stored document is current only if the same rules and the same extractor (name and
version, our own extraction code included) made it: a new PDF reader reads old PDFs once."""

from dataclasses import replace

from conftest import FIXTURES, ROOT

from pipeline import run
from pipeline.extract import current_extractors

SAMPLE = ROOT / "sources" / "samples" / "ihms-wp12-chinese-naval-diplomacy.pdf"


def ingest(db, settings):
    files = [str(SAMPLE), str(FIXTURES / "visit.html"), str(FIXTURES / "bad" / "story.pdf")]
    return dict(run.ingest(db, run.sources_from_args(files), settings).outcomes)


def test_documents_read_by_an_older_extractor_are_read_again_once(db, settings):
    settings = replace(settings, workers=1)
    assert ingest(db, settings) == {"ok": 3}
    stored = dict(db.conn.execute("SELECT url, extractor || ' ' || extractor_version "
                                  "FROM documents").fetchall())
    names = {url.rsplit("/", 1)[1]: value for url, value in stored.items()}
    assert {v.split()[0] for v in names.values()} == {"pypdfium2", "trafilatura"}
    assert all(tuple(v.split()) in current_extractors() for v in names.values())
    assert ingest(db, settings) == {"unchanged": 3}
    # what the previous release stored: pdfplumber's text of the PDFs
    db.conn.execute("UPDATE documents SET extractor = 'pdfplumber', extractor_version = "
                    "'0.11.10' WHERE url LIKE '%.pdf'")
    db.conn.commit()
    assert ingest(db, settings) == {"ok": 2, "unchanged": 1}
    assert ingest(db, settings) == {"unchanged": 3}
