"""PDF files: text per page with page offsets, in reading order, without running lines.

PDFium (pypdfium2) reads each page's words with their boxes (``words.py``); the same
geometry code then drops running lines (``running.py``), orders columns, tables and
notes (``layout.py``) and builds paragraphs (``paragraphs.py``); captions and "Read also"
lines go as in web pages (``chrome.py``). pdfplumber reads the files PDFium cannot open
(and tells a password from an encryption it cannot read, a truncated file from a corrupt
one), files on which PDFium finds no text at all (so a scan, a broken file and an
unreadable one are told apart), and files whose structure PDFium reads leniently where
pdfplumber reports a fault (stream filters it does not know, Form XObjects nested beyond
PDFium's depth limit). On the same layout code, PDFium's words keep every evidence
sentence of the training reports and pdfplumber's 357 of 362, at a twelfth of the speed.

Guards: at most ``max_pages`` pages; a page with more than ``max_page_chars`` glyphs is
skipped; per-page errors become warnings; a document none of whose pages could be read
is ``malformed``.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass, field
from typing import Any

from pipeline.errors import ExtractionError
from pipeline.extract.chrome import strip_chrome
from pipeline.extract.layout import page_blocks
from pipeline.extract.margins import drop_line_numbers
from pipeline.extract.paragraphs import page_paragraphs, page_texts
from pipeline.extract.pubdate import front_matter_date, pdf_date, pdf_str, stated_date, swapped
from pipeline.extract.running import drop_running
from pipeline.extract.words import Word, pdfium_words, plumber_words
from pipeline.settings import Settings

log = logging.getLogger(__name__)
PAGE_SEPARATOR = "\n\n"
CID = re.compile(r"\(cid:\d+\)")
NO_TEXT_LAYER = ("no_text_layer: the PDF has no extractable text (a scan?); OCR would need "
                 "rendering each page (pypdfium2) and an OCR engine such as Tesseract")
FILTER = re.compile(rb"/Filter\s*(\[[^\]]{0,200}\]|/[A-Za-z0-9]+)")
KNOWN_FILTERS = {b"FlateDecode", b"Fl", b"LZWDecode", b"LZW", b"ASCII85Decode", b"A85",
                 b"ASCIIHexDecode", b"AHx", b"RunLengthDecode", b"RL", b"CCITTFaxDecode",
                 b"CCF", b"DCTDecode", b"DCT", b"JBIG2Decode", b"JPXDecode", b"Crypt",
                 b"Standard"}  # /Filter of an /Encrypt dictionary names its security handler
FORM_NESTING = 30  # PDFium stops drawing Form XObjects nested deeper than about this
JUNK_TITLE = re.compile(r"(?i)^(microsoft \w+ - |untitled)|\.(docx?|odt|indd|tex|rtf|pdf|qxp)$")


@dataclass
class Pages:
    """What a reader got out of a PDF: each page's words, and what went wrong."""

    words: list[list[Word]] = field(default_factory=list)
    widths: list[float] = field(default_factory=list)  # of each page, in points
    meta: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    garbled: int = 0
    extractor: str = "pypdfium2"


def extract_pdf(body: bytes, settings: Settings) -> dict[str, Any]:
    """Text, page offsets, metadata and warnings of one PDF (raises ExtractionError)."""
    data = body[body.find(b"%PDF-"):]
    pages = _read_pdfium(data, settings) if not _lenient_for_pdfium(data) else None
    if pages is None or not any(pages.words):
        pages = _read_plumber(data, settings, pages)
    return _document(pages)


def _document(pages: Pages) -> dict[str, Any]:
    warnings = pages.warnings + pages.skipped + pages.errors
    words, _ = drop_running([drop_line_numbers(w) for w in pages.words])
    blocks = [page_blocks(w, width) for w, width in zip(words, pages.widths, strict=True)]
    beside = "\n".join(ln.text for b in (blocks[0] if blocks else []) if b.kind == "side"
                       for ln in b.lines)  # the first page's side boxes: no text, a date
    blocks = [[b for b in page if b.kind != "side"] for page in blocks]
    texts, chrome = [], set()
    page_text, joins = page_texts([page_paragraphs(b) for b in blocks])
    for text in page_text:
        text, kinds = strip_chrome(text)
        texts.append(text)
        chrome |= kinds
    if chrome:
        warnings.append(f"removed chrome lines: {', '.join(sorted(chrome))}")
    if any(texts):
        warnings += [f"page {n}: no text" for n, t in enumerate(texts, 1)
                     if not t and not any(w.startswith(f"page {n}:") for w in warnings)]
    if pages.garbled:
        warnings.append(f"partially garbled: {pages.garbled} glyphs without a Unicode mapping "
                        "removed")
    if not any(texts):
        if pages.errors and len(pages.errors) == len(pages.words):
            raise ExtractionError("malformed", f"no page could be read ({pages.errors[0]})")
        if pages.skipped:
            raise ExtractionError("too_large", pages.skipped[0])
    full, offsets = _join_pages(texts, joins)
    meta = pages.meta
    title = pdf_str(meta.get("Title"))
    first = texts[0] if texts else ""
    return {
        "text": full, "page_offsets": offsets, "warnings": warnings,
        "title": title if title and not JUNK_TITLE.search(title) else _cover_title(blocks),
        "author": pdf_str(meta.get("Author")),
        "published": _published(front_matter_date(page_text, stated_date(first) or stated_date(
            (_lines(pages.words[0], words[0]) if words else "") + "\n" + beside)),
                                pdf_date(meta.get("CreationDate")), first),
        "extractor": pages.extractor,
        "empty_reason": "garbled: no glyph has a Unicode mapping" if pages.garbled
        else NO_TEXT_LAYER,
    }


def _lines(words: list[Word], kept: list[Word]) -> str:
    """The lines of a page's words that are not kept (its running head and foot), top to
    bottom: a gazette or a newspaper prints its date there ("2.7.2010 EN Official Journal
    L 223/2261"), on every page."""
    left = {id(w) for w in kept}
    gone = sorted((w for w in words if id(w) not in left), key=lambda w: (round(w.top), w.x0))
    lines: dict[int, list[str]] = {}
    for w in gone:
        lines.setdefault(round(w.top), []).append(w.text)
    return "\n".join(" ".join(line) for line in lines.values())


def _published(stated: str | None, created: str | None, first_page: str) -> str | None:
    """The date the first page states, else the file's creation date; a stated day in
    figures that reads both ways ("12-09-2019") is read the way the creation date has it
    (12 September, not 9 December)."""
    if stated and created and len(stated) == 10 and stated[5:7] != stated[8:10] and \
            created == swapped(stated):
        month, day = int(stated[5:7]), int(stated[8:10])
        figures = re.compile(rf"(?<![\d/.-])0?{month}(?P<sep>[/.-])0?{day}(?P=sep){stated[:4]}"
                             r"(?![\d/.-])")
        if figures.search(first_page):
            return created
    return stated or created


def _cover_title(blocks: list[list[Any]]) -> str | None:
    """The largest lines at the top of the first page with text."""
    for page in blocks:
        lines = [ln for block in page if block.kind == "text" for ln in block.lines]
        if not lines:
            continue
        head = lines[:12]
        size = max(ln.size for ln in head)
        title = []
        for line in head:
            if line.size >= size - 0.5:
                title.append(line.text)
            elif title:
                break
        return " ".join(" ".join(title).split())[:300] or None
    return None


# ---------------------------------------------------------------- PDFium

def _read_pdfium(data: bytes, settings: Settings) -> Pages | None:
    """Words of every page by PDFium; None when PDFium cannot open the file."""
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        # pdfplumber tells a password from an encryption it cannot read, and reads what
        # PDFium cannot open; its errors are the document's
        log.info("PDFium cannot open the file (%s); trying pdfplumber", e)
        return None
    pages = Pages(extractor="pypdfium2")
    try:
        pages.meta = doc.get_metadata_dict(skip_empty=True)
        total = len(doc)
        if total > settings.max_pages:
            pages.warnings.append(f"truncated at {settings.max_pages} of {total:,} pages")
        for number in range(1, min(total, settings.max_pages) + 1):
            pages.widths.append(1e9)
            pages.words.append(_pdfium_page(doc, number, settings, pages))
        if data.count(b"/Form") > max(FORM_NESTING, 4 * total) and \
                _nested_too_deep(doc, min(total, settings.max_pages)):
            return None
    finally:
        doc.close()
    return pages


def _pdfium_page(doc: Any, number: int, settings: Settings, pages: Pages) -> list[Word]:
    import pypdfium2 as pdfium

    try:
        page = doc[number - 1]
    except pdfium.PdfiumError as e:
        pages.errors.append(f"page {number}: {describe(e)}")
        return []
    pages.widths[-1] = page.get_width()
    try:
        textpage = page.get_textpage()
        try:
            glyphs = textpage.count_chars()
            if glyphs > settings.max_page_chars:
                pages.skipped.append(f"page {number}: {glyphs:,} glyphs over max_page_chars "
                                     f"({settings.max_page_chars:,}), skipped")
                return []
            words, garbled = pdfium_words(textpage, page.get_height())
            pages.garbled += garbled
            return words
        finally:
            textpage.close()
    except pdfium.PdfiumError as e:
        pages.errors.append(f"page {number}: {describe(e)}")
        return []
    finally:
        page.close()


def _lenient_for_pdfium(data: bytes) -> bool:
    """Stream filters PDFium would read as raw bytes (pdfplumber reports them)."""
    for m in FILTER.finditer(data):
        names = re.findall(rb"/([A-Za-z0-9]+)", m.group(1))
        if any(name not in KNOWN_FILTERS and not name.startswith(b"Adobe") for name in names):
            return True
    return False


def _nested_too_deep(doc: Any, count: int) -> bool:
    """Form XObjects nested so deep that PDFium stopped drawing them (checked only when
    the file holds that many forms, and more than a few a page)."""
    import pypdfium2.raw as pdfium_c

    for index in range(count):
        page = doc[index]
        try:
            deepest = max((obj.level for obj in page.get_objects(
                filter=(pdfium_c.FPDF_PAGEOBJ_FORM,), max_depth=FORM_NESTING + 2)), default=0)
        finally:
            page.close()
        if deepest >= FORM_NESTING:
            return True
    return False


# ---------------------------------------------------------------- pdfplumber

def _read_plumber(data: bytes, settings: Settings, first: Pages | None) -> Pages:
    """Words of every page by pdfplumber (raises ExtractionError for what it cannot read)."""
    pdf = _open(data, settings.max_pages)
    pages = Pages(extractor="pdfplumber")
    with pdf:
        pages.meta = pdf.metadata or {}
        try:
            listed = pdf.pages
        except Exception as e:  # a broken page tree raises anything (TypeError, KeyError…)
            raise ExtractionError("malformed", f"corrupt PDF page tree ({describe(e)})") from None
        if not listed:
            raise ExtractionError("malformed", "no pages found")
        if first is not None:  # PDFium read it and found no text: keep what it counted
            pages.warnings, pages.skipped = first.warnings, first.skipped
        elif len(listed) >= settings.max_pages:
            pages.warnings.append(f"truncated at {settings.max_pages} pages")
        skipped = {int(s.split(":")[0].split()[1]) for s in pages.skipped}
        for number, page in enumerate(listed, 1):
            pages.widths.append(1e9)
            try:
                pages.widths[-1] = float(page.width)
                if number in skipped:
                    pages.words.append([])
                    continue
                words = plumber_words(page)
                pages.garbled += sum(len(CID.findall(w.text)) for w in words)
                pages.words.append([_uncid(w) for w in words if CID.sub("", w.text).strip()])
            except Exception as e:
                if _out_of_memory(e):
                    raise MemoryError from None
                pages.errors.append(f"page {number}: {describe(e)}")
                pages.words.append([])
            finally:
                page.close()
    return pages


def _uncid(word: Word) -> Word:
    if "(cid:" in word.text:
        word.text = CID.sub("", word.text)
    return word


def _open(data: bytes, max_pages: int):
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psexceptions import PSEOF
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        return pdfplumber.open(io.BytesIO(data), pages=list(range(1, max_pages + 1)))
    except Exception as e:  # pdfminer raises many types on broken files
        cause = e.args[0] if isinstance(e, PdfminerException) and e.args else e
        text = str(cause)
        if isinstance(cause, PDFPasswordIncorrect):
            raise ExtractionError("encrypted", "encrypted PDF, password required") from None
        if isinstance(cause, PDFEncryptionError) and "param={}" not in text:
            raise ExtractionError("encrypted", f"encrypted PDF, unsupported encryption "
                                               f"({describe(cause)})") from None
        if "Unsupported filter" in text or type(cause).__name__ == "PDFNotImplementedError":
            raise ExtractionError("unsupported_type",
                                  f"unsupported PDF feature ({describe(cause)})") from None
        if isinstance(cause, PSEOF):
            raise ExtractionError("malformed", "truncated PDF (unexpected end of file)") from None
        if isinstance(cause, PDFSyntaxError) and "No /Root" in text:
            raise ExtractionError("malformed", "corrupt PDF (no document catalogue)") from None
        raise ExtractionError("malformed", f"corrupt PDF ({describe(cause)})") from None


# ---------------------------------------------------------------- text

def _join_pages(texts: list[str], joins: list[str]) -> tuple[str, list[int]]:
    """The document text and where each page starts in it; ``joins[i]`` goes between
    page i and the next (a blank line, or a space or nothing where a sentence runs on);
    an empty page takes no separator."""
    parts: list[str] = []
    offsets: list[int] = []
    pos = 0
    for number, text in enumerate(texts):
        if pos and text:
            separator = joins[number - 1] if texts[number - 1] else PAGE_SEPARATOR
            parts.append(separator)
            pos += len(separator)
        offsets.append(pos)
        parts.append(text)
        pos += len(text)
    return "".join(parts), offsets


def _out_of_memory(e: BaseException) -> bool:
    """pdfminer wraps what a page raises, MemoryError included."""
    current: BaseException | None = e
    for _ in range(5):
        if current is None:
            return False
        if isinstance(current, MemoryError):
            return True
        inner = current.args[0] if current.args and isinstance(current.args[0],
                                                                BaseException) else None
        current = inner or current.__cause__ or current.__context__
    return False


def describe(e: BaseException) -> str:
    """``Type: first line of the message`` (pdfminer often raises with an empty message)."""
    text = str(e).strip().splitlines()[0][:200] if str(e).strip() else ""
    return f"{type(e).__name__}: {text}" if text else type(e).__name__
