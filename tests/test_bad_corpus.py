"""Every file of ``../shared/corpus/bad`` behaves as its MANIFEST.tsv row expects.

The files go through the real ingest path once (fetch here, extraction and tagging in
guarded workers, saving here) with tight limits so the bombs end quickly. ``EXPECTED``
turns each row's expected_pipeline_behaviour into data: the document's status and
error class, and a check on its text or warnings where the manifest gives one. Checks
name our error classes and our own messages, never a library's wording (the PDF reader
can change underneath: PDFium first, pdfplumber as the fallback).
Skipped when the shared corpus is absent (as on a user's clone).
"""

import csv
import json
from dataclasses import replace

import pytest
from conftest import SHARED

from pipeline import run, store

BAD = SHARED / "corpus" / "bad"
pytestmark = pytest.mark.skipif(not (BAD / "MANIFEST.tsv").exists(),
                                reason=f"hostile corpus not found at {BAD} (kept outside the repo)")

OK, EMPTY = ("ok", None), ("empty", "empty")


def failed(error_class: str) -> tuple[str, str]:
    return ("failed", error_class)


def has(*parts: str):
    return lambda doc: all(p in doc["text"] for p in parts)


def lacks(*parts: str):
    return lambda doc: not any(p in doc["text"] for p in parts)


def warns(prefix: str):
    return lambda doc: any(w.startswith(prefix) for w in doc["warnings"])


def error_is(message: str):
    return lambda doc: doc["error"] == message


def both(*checks):
    return lambda doc: all(check(doc) for check in checks)


def no_replacement_char(doc) -> bool:
    return "\ufffd" not in doc["text"]


# file -> ((status, error_class), check or None), from expected_pipeline_behaviour
EXPECTED = {
    "pdf-encrypted-empty-user-password-aes256.pdf": (  # word gaps read by font-relative spacing
        OK, lambda d: d["text"].replace(" ", "") == "pdfencryptiontestpassword:asdfzxcv"),
    "pdf-encrypted-user-password-aes256.pdf": (
        failed("encrypted"), error_is("encrypted PDF, password required")),
    "pdf-encrypted-unsupported-crypt-filter.pdf": (
        failed("encrypted"),
        lambda d: d["error"].startswith("encrypted PDF, unsupported encryption")),
    "pdf-xref-keyword-missing.pdf": (OK, has("Reduced test-case")),
    "pdf-xref-stream-bad-widths.pdf": (failed("malformed"), error_is("no pages found")),
    "pdf-xref-bad-entry-unknown-filter.pdf": (
        failed("malformed"), lambda d: d["error"].startswith("corrupt PDF")),
    "pdf-severely-corrupt-184-bytes.pdf": (
        failed("malformed"), lambda d: d["error"].startswith("corrupt PDF")),
    "pdf-zero-bytes.pdf": (EMPTY, error_is("empty body")),
    "pdf-malformed-page-dict-zero-pages.pdf": (failed("malformed"), error_is("no pages found")),
    "pdf-image-only-jbig2-no-text-layer.pdf": (
        EMPTY, lambda d: d["error"].startswith("no_text_layer")),
    "pdf-cid-font-cid-tokens.pdf": (
        OK, both(lacks("(cid:"), warns("partially garbled: 10 glyphs"))),
    "pdf-truetype-without-cmap-garbage.pdf": (
        EMPTY, error_is("too little text to read (4 characters)")),
    "pdf-rotated-pages.pdf": (OK, lambda d: " ".join(d["text"].split()).count("Hello world") == 5),
    "pdf-rotated-text.pdf": (OK, has("Rotated text")),
    "pdf-declared-page-count-213M.pdf": (EMPTY, lambda d: d["error"].startswith("no_text_layer")),
    "pdf-pages-tree-cycle.pdf": (OK, has("Pages loop")),
    "pdf-operator-list-cycle-typeerror.pdf": (
        failed("malformed"), lambda d: d["error"].startswith("corrupt PDF")),
    "pdf-two-column-layout.pdf": (OK, both(
        has("Ut purus elit, vestibulum ut, placerat ac, adipiscing vitae, felis. Curabitur"),
        lambda d: json.loads(d["page_offsets"]) and len(json.loads(d["page_offsets"])) == 3)),
    "pdf-acroform-text-fields.pdf": (EMPTY, lambda d: d["error"].startswith("no_text_layer")),
    "pdf-brotli-filter-pdf2.pdf": (
        failed("unsupported_type"), lambda d: d["error"].startswith("unsupported PDF feature")),
    "pdf-jbig2-image-bomb.pdf": (OK, has("GIANT JBIG2 BOMB")),
    "pdf-ascii85-overflow-page-error.pdf": (
        failed("malformed"), lambda d: d["error"].startswith("no page could be read (page 1:")),
    "pdf-rtl-arabic.pdf": (OK, has("habibi", "حَبيبي")),
    "pdf-mixed-scripts.pdf": (OK, has("Hello World", "Привет", "你好世界", "مرحبا بالعالم")),
    "html-windows-1252-meta-charset.html": (OK, both(has("für"), no_replacement_char)),
    "html-windows-1252-no-charset.html": (OK, both(has("£825"), no_replacement_char)),
    "html-gb2312-meta-charset.html": (OK, has("近七成人减少线下需求")),
    "html-gb2312-no-charset-fragment.html": (EMPTY, None),  # link lists only: little text
    "html-shift_jis-meta-jisx0213.html": (OK, both(has("エレメカ"), no_replacement_char)),
    "html-shift_jis-no-charset.html": (OK, both(has("衆院議院運営委員会"), no_replacement_char)),
    # KOI8-R named only in a comment: read as KOI8-R, but one word is too little text
    "html-koi8r-charset-only-in-comment.html": (EMPTY, warns("decoded as koi8-r")),
    "html-utf16le-no-bom-astral.html": (
        OK, both(no_replacement_char, lambda d: any(ord(c) > 0xFFFF for c in d["text"]))),
    "html-utf8-declared-with-stray-latin1-bytes.html": (
        OK, both(has("Standardausführung"), lacks("Ã"), lambda d: d["text"].count("\ufffd") <= 1)),
    "html-rtl-arabic-windows-1256-no-charset.html": (OK, has("أعلنت كتائب")),
    "html-gzip-body-served-raw.html": (OK, has("Joe Manchin")),
    "html-actually-json-feed.html": (
        failed("unsupported_type"), error_is("not a document: application/json")),
    "html-actually-png.html": (failed("unsupported_type"), error_is("not a document: image/png")),
    "html-actually-pdf.html": (OK, has("the crazy ones")),
    "html-single-line-1.8MB-js-required.html": (EMPTY, error_is("no content: needs_javascript")),
    "html-spa-shell-create-react-app.html": (EMPTY, None),
    "html-cookie-banner-real.html": (OK, lacks("Cookies", "cookies")),
    "html-corrupted-bytes.html": (OK, has("I wonder where I'll float next?")),
    "html-tag-soup-uppercase-entities.html": (
        OK, both(has("Here you can find more about me!"), lacks("&NBSP;"))),
    "gen-pdf-deflate-bomb-200MB.pdf": (OK, has("end of bomb")),
    "gen-pdf-5000-pages-repeated-text.pdf": (OK, warns("truncated at 10 of 5,000 pages")),
    "gen-pdf-truncated-mid-page3.pdf": (
        failed("malformed"), error_is("truncated PDF (unexpected end of file)")),
    "gen-pdf-truncated-50pct.pdf": (
        failed("malformed"), error_is("truncated PDF (unexpected end of file)")),
    "gen-pdf-zero-pages.pdf": (failed("malformed"), error_is("no pages found")),
    "gen-pdf-page3-corrupt-flate.pdf": (OK, both(has("Page 2 is fine."), warns("page 3: no text"))),
    "gen-pdf-page3-unknown-filter.pdf": (OK, both(has("Page 2 is fine."), warns("page 3: "))),
    "gen-pdf-300k-glyphs-one-page.pdf": (
        failed("too_large"),
        error_is("page 1: 301,198 glyphs over max_page_chars (50,000), skipped")),
    "gen-pdf-xobject-chain-3000-deep.pdf": (
        failed("malformed"), lambda d: d["error"].startswith("no page could be read (page 1: ")),
    "gen-pdf-http-headers-before-header.pdf": (
        OK, lambda d: len(json.loads(d["page_offsets"])) == 3),
    "gen-pdf-actually-html-error-page.pdf": (
        failed("unsupported_type"), error_is("not a PDF: HTML (an error page?)")),
    "gen-html-gzip-bomb-200MB.html": (failed("too_large"), lambda d: "gzip body" in d["error"]),
    "gen-html-deeply-nested-100k.html": (OK, has("Text after the nested block.")),
    "gen-html-frameset-no-body.html": (EMPTY, None),
    "gen-html-head-only-no-body.html": (EMPTY, None),
    "gen-html-cookie-wall-only.html": (EMPTY, error_is("no content: consent_wall")),
    "gen-html-paywall-stub.html": (
        OK, both(has("The city council voted 7-2"), lacks("Subscribe"), warns("paywalled"))),
    "gen-html-mixed-scripts-bidi.html": (
        OK, both(has("Русский", "中文"), lambda d: "\u202e" not in d["text"])),
    "gen-empty-0-bytes.html": (EMPTY, error_is("empty body")),
    "gen-html-bom-whitespace-only.html": (EMPTY, error_is("empty body")),
    "gen-html-empty-skeleton.html": (EMPTY, None),
}


def manifest() -> list[str]:
    with open(BAD / "MANIFEST.tsv", encoding="utf-8", newline="") as f:
        return [row["file"] for row in csv.DictReader(f, delimiter="\t")]


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory) -> dict[str, dict]:
    """Ingest every listed file once; each file's stored document, found by its sha256."""
    from pipeline.settings import Settings

    tmp = tmp_path_factory.mktemp("bad")
    settings = replace(Settings(cache_dir=str(tmp / "cache")), workers=2, max_pages=10,
                       max_extract_seconds=20, max_memory_mb=1500)
    db = store.open_db(tmp / "corpus.db")
    names = manifest()
    run.ingest(db, run.sources_from_args([str(BAD / n) for n in names]), settings)
    columns = ("status", "error_class", "error", "text", "warnings", "page_offsets")
    found = {}
    for name in names:
        uri = (BAD / name).resolve().as_uri()
        row = db.conn.execute(
            f"SELECT {', '.join('d.' + c for c in columns)} FROM fetches f "
            "JOIN documents d ON d.id = f.sha256 WHERE f.url = ?", (uri,)).fetchone()
        if row:
            doc = dict(zip(columns, row, strict=True))
            doc["warnings"] = json.loads(doc["warnings"] or "[]")
            found[name] = doc
    db.conn.close()
    return found


def test_every_manifest_row_has_an_expectation():
    assert sorted(manifest()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_file_behaves_as_the_manifest_expects(outcomes, name):
    (status, error_class), check = EXPECTED[name]
    doc = outcomes[name]
    assert (doc["status"], doc["error_class"]) == (status, error_class), doc["error"]
    if check is not None:
        assert check(doc), (doc["error"], doc["warnings"], doc["text"][:300])
