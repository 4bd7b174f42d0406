"""pipeline.fidelity on a real SQLite database written by the store: evidence sentences
intact per container and layout, running lines and chrome left, publication dates."""

import json

from pipeline import fidelity, store
from pipeline.records import Document, Tagged

PAGE_ONE = ("Institute for Andean Studies | Brief 4\n"
            "The frigate sailed from Callao on 2 May 2024 and reached Valparaiso a week "
            "later.\nPage 1 of 2")
PAGE_TWO = ("Institute for Andean Studies | Brief 4\n"
            "The two navies then held a search and rescue drill off the coast.\nPage 2 of 2")
CLEAN_ONE = "The frigate sailed from Callao on 2 May 2024 and reached Valparaiso a week later."
CLEAN_TWO = "The two navies then held a search and rescue drill off the coast."


def save(db, url, text, content_type, published=None, offsets=()):
    doc = Document(id=url, url=url, source="test", text=text, published=published,
                   content_type=content_type, page_offsets=tuple(offsets),
                   extractor="test", extractor_version="1")
    store.save(db, Tagged(doc, (), (), "v1"), store.start_run(db, "test", "v1"))


GOLD = [
    {"doc": "r1", "lang": "en", "published": "2024-05-20",
     "events": [{"evidence": "The frigate sailed from Callao on 2 May 2024 and reached "
                             "Valparaiso a week later."},
                {"evidence": "The two navies then held a search and rescue drill off the "
                             "coast."}]},
    {"doc": "w1", "lang": "es", "published": "2024-07-08",
     "events": [{"evidence": "El ministro recibió a la delegación china en Lima."}]},
    {"doc": "w2", "lang": "pt", "published": None, "events": []},
]
URLS = {"file:///r1.pdf": "r1", "file:///w1.html": "w1", "file:///w2.html": "w2"}
LAYOUTS = {"r1": "pdf_brief", "w1": "wp_news", "w2": "wp_news"}


def test_running_lines_chrome_and_broken_sentences_are_counted(db, db_path):
    text = f"{PAGE_ONE}\n\n{PAGE_TWO}"
    save(db, "file:///r1.pdf", text, "application/pdf", "2024-05",
         (0, len(PAGE_ONE) + 2))
    save(db, "file:///w1.html", "El ministro recibió a la delegación\nchina en Lima.\n"
         "Lea también: Otra visita naval al Callao", "text/html", "2024-07-09")
    save(db, "file:///w2.html", "Una nota sin eventos.", "text/html")
    result = fidelity.measure(db_path, GOLD, URLS, LAYOUTS, show_documents=True)
    assert result["evidence_intact"]["all"] == {"sentences": 3, "intact": 3, "share": 1.0}
    assert result["evidence_intact"]["layout:pdf_brief"]["intact"] == 2
    assert result["documents_with_leftovers"] == 2
    assert result["leftovers"]["class:running"] >= 2 and result["leftovers"]["class:read_also"] == 1
    assert result["published"] == {
        "html": {"stated": 1, "right": 0, "exact_day": 0, "share": 0.0},
        "pdf": {"stated": 1, "right": 1, "exact_day": 0, "share": 1.0}}
    lines = {d["doc"]: d["lines"] for d in result["documents_with_leftover_lines"]}
    assert ("read_also", "Lea también: Otra visita naval al Callao") in lines["w1"]
    assert "Page 1 of 2" in {line for _, line in lines["r1"]}


def test_clean_text_has_no_leftovers_and_a_lost_sentence_is_named(db, db_path):
    save(db, "file:///r1.pdf", f"{CLEAN_ONE}\n\n{CLEAN_TWO[:30]}", "application/pdf",
         "2024-05-20", (0, len(CLEAN_ONE) + 2))
    save(db, "file:///w1.html", "El ministro recibió a la delegación china en Lima.",
         "text/html", "2024-07-08")
    result = fidelity.measure(db_path, GOLD, URLS, LAYOUTS, show_documents=True)
    assert result["documents_with_leftovers"] == 0
    assert result["evidence_intact"]["container:pdf"] == {"sentences": 2, "intact": 1,
                                                          "share": 0.5}
    assert [b["doc"] for b in result["broken_sentences"]] == ["r1"]
    assert result["published"]["html"]["exact_day"] == 1


def test_without_show_documents_only_aggregates_come_back(db, db_path):
    save(db, "file:///r1.pdf", CLEAN_ONE, "application/pdf", None, (0,))
    result = fidelity.measure(db_path, GOLD, URLS, LAYOUTS, show_documents=False)
    assert set(result) == {"documents", "stored", "evidence_intact",
                           "documents_with_leftovers", "leftovers", "published", "summary"}
    assert result["summary"] == {"evidence_intact": {"all": 0.3333, "html": 0.0, "pdf": 0.5},
                                 "documents_with_leftovers": 0,
                                 "published_right": {"pdf": 0.0, "html": 0.0}}
    assert "r1" not in json.dumps(result) and "frigate" not in json.dumps(result)
    assert result["stored"] == 1 and result["documents"] == 3
