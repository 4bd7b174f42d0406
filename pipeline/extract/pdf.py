"""PDF files: text per page with page offsets, read column by column, running lines removed.

pdfplumber reads each page's words with their geometry; ``layout.py`` groups them into
lines and columns. Every page is closed once read (pdfplumber keeps ~10 MB per open
page). Guards: at most ``max_pages`` pages; a page with more than ``max_page_chars``
glyphs (counted cheaply with pypdfium2 first) is skipped; per-page errors become
warnings, and a document none of whose pages could be read is ``malformed``.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from datetime import date
from typing import Any

from pipeline.errors import ExtractionError
from pipeline.extract.layout import page_lines, reflow
from pipeline.settings import Settings

log = logging.getLogger(__name__)
PAGE_SEPARATOR = "\n\n"
SENTENCE_END = re.compile(r"[.!?:;\"”’)\]]\s*$")
CID = re.compile(r"\(cid:\d+\)")
RUNNING_DIGITS = re.compile(r"\d+")
PAGE_NUMBER = re.compile(
    r"(?i)(page|página|pagina|pág\.?|p\.)?\s*[-–]?\s*\d{1,4}\s*[-–]?(\s*(of|de|/)\s*\d+)?")
NO_TEXT_LAYER = ("no_text_layer: the PDF has no extractable text (a scan?); OCR would need "
                 "rendering each page (pypdfium2) and an OCR engine such as Tesseract")


def extract_pdf(body: bytes, settings: Settings) -> dict[str, Any]:
    """Text, page offsets, metadata and warnings of one PDF (raises ExtractionError)."""
    data = body[body.find(b"%PDF-"):]
    counts = _glyph_counts(data, settings.max_pages)
    pdf = _open(data, settings.max_pages)
    pages: list[list[str]] = []
    warnings: list[str] = []
    errors: list[str] = []
    skipped: list[str] = []
    with pdf:
        meta = pdf.metadata or {}
        try:
            listed = pdf.pages
        except Exception as e:  # a broken page tree raises anything (TypeError, KeyError…)
            raise ExtractionError("malformed", f"corrupt PDF page tree ({describe(e)})") from None
        if not listed:
            raise ExtractionError("malformed", "no pages found")
        total = len(counts) if counts is not None else None
        if total and total > settings.max_pages:
            warnings.append(f"truncated at {settings.max_pages} of {total:,} pages")
        elif total is None and len(listed) >= settings.max_pages:
            warnings.append(f"truncated at {settings.max_pages} pages")
        for number, page in enumerate(listed, 1):
            glyphs = counts[number - 1] if counts and number <= len(counts) else 0
            try:
                if glyphs > settings.max_page_chars:
                    skipped.append(f"page {number}: {glyphs:,} glyphs over max_page_chars "
                                   f"({settings.max_page_chars:,}), skipped")
                    pages.append([])
                    continue
                pages.append(page_lines(page))
            except Exception as e:
                if _out_of_memory(e):
                    raise MemoryError from None
                errors.append(f"page {number}: {describe(e)}")
                pages.append([])
            finally:
                page.close()
    warnings += skipped + errors
    texts = reflow(drop_running_lines(pages))
    if any(texts):
        warnings += [f"page {n}: no text" for n, t in enumerate(texts, 1)
                     if not t and not any(w.startswith(f"page {n}:") for w in warnings)]
    texts, garbled = _strip_cid(texts)
    if garbled:
        warnings.append(f"partially garbled: {garbled} glyphs without a Unicode mapping removed")
    if not any(texts):
        if errors and len(errors) == len(pages):
            raise ExtractionError("malformed", f"no page could be read ({errors[0]})")
        if skipped:
            raise ExtractionError("too_large", skipped[0])
    full, offsets = _join_pages(texts)
    first = [ln for ln in pages[0] if ln.strip()] if pages else []
    return {
        "text": full, "page_offsets": offsets, "warnings": warnings,
        "title": pdf_str(meta.get("Title")) or (first[0][:300] if first else None),
        "author": pdf_str(meta.get("Author")),
        "published": _stated_date(texts[0] if texts else "") or pdf_date(meta.get("CreationDate")),
        "extractor": "pdfplumber",
        "empty_reason": "garbled: no glyph has a Unicode mapping" if garbled else NO_TEXT_LAYER,
    }


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


def _join_pages(texts: list[str]) -> tuple[str, list[int]]:
    """The document text and where each page starts in it. A sentence running on to the
    next page is joined with a space; otherwise pages are separated by a blank line."""
    parts: list[str] = []
    offsets: list[int] = []
    pos = 0
    for text in texts:
        if parts:
            runs_on = parts[-1] and text[:1].isalpha() and not SENTENCE_END.search(parts[-1])
            separator = " " if runs_on else PAGE_SEPARATOR
            parts.append(separator)
            pos += len(separator)
        offsets.append(pos)
        parts.append(text)
        pos += len(text)
    return "".join(parts), offsets


def _glyph_counts(data: bytes, max_pages: int) -> list[int] | None:
    """Glyphs on each page, counted by pypdfium2 (~1 ms a page); None when it cannot read."""
    try:
        import pypdfium2 as pdfium

        doc = pdfium.PdfDocument(data)
    except Exception:
        return None
    try:
        counts = []
        total = len(doc)
        for index in range(min(total, max_pages)):
            page = doc[index]
            textpage = page.get_textpage()
            counts.append(textpage.count_chars())
            textpage.close()
            page.close()
        return counts + [0] * (total - len(counts))
    except Exception as e:
        log.info("pypdfium2 could not count glyphs: %s", describe(e))
        return None
    finally:
        doc.close()


def drop_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Remove page numbers and short lines repeated at the top or bottom of most pages.

    A page that would be left with nothing keeps its lines (a short document whose every
    page says the same thing is content, not a header)."""
    def edges(lines: list[str]) -> set[str]:
        content = [ln for ln in lines if ln]
        return set(content[:2] + content[-2:])

    running: set[str] = set()
    if len(pages) >= 3:
        seen: Counter[str] = Counter()
        for lines in pages:
            seen.update({RUNNING_DIGITS.sub("#", ln) for ln in edges(lines) if len(ln) <= 100})
        threshold = max(3, (len(pages) + 1) // 2)
        running = {k for k, n in seen.items() if n >= threshold}
    cleaned = []
    for lines in pages:
        edge = edges(lines)
        kept = [ln for ln in lines if not (ln in edge and (
            RUNNING_DIGITS.sub("#", ln) in running or PAGE_NUMBER.fullmatch(ln.strip())))]
        cleaned.append(kept if any(kept) else [ln for ln in lines
                                               if not PAGE_NUMBER.fullmatch(ln.strip())])
    return cleaned


def _strip_cid(texts: list[str]) -> tuple[list[str], int]:
    count = sum(t.count("(cid:") for t in texts)
    if not count:
        return texts, 0
    return [re.sub(r"[ \t]{2,}", " ", CID.sub("", t)).strip() for t in texts], count


def _stated_date(first_page: str) -> str | None:
    """The first full date stated near the top of page 1 (a report's publication line)."""
    from pipeline.extract.text import detect_language
    from pipeline.nlp import dates

    head = first_page[:1500]
    for found in dates.find(head, detect_language(head) or "en", None):
        if found.precision == "day" and found.value:
            return found.value
    return None


def pdf_str(value: Any) -> str | None:
    if isinstance(value, bytes):
        value = value.decode("utf-16" if value[:2] in (b"\xfe\xff", b"\xff\xfe") else "latin-1",
                            "replace")
    return (value.strip() or None) if isinstance(value, str) else None


def pdf_date(value: Any) -> str | None:
    m = re.match(r"(?:D:)?(\d{4})(\d{2})(\d{2})", pdf_str(value) or "")
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        return None


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
