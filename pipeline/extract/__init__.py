"""Extract stage: raw bytes to text and metadata.

``extract(fetched, settings) -> Document`` sniffs the real type from the bytes (never
trusting names or headers), then: HTML with trafilatura (``html.py``; chrome lines by
``chrome.py``, dates by ``pubdate.py``), PDF with PDFium word boxes put in reading order
by geometry, page by page with page offsets so evidence can name its page (``pdf.py``,
``words.py``, ``running.py``, ``layout.py``, ``paragraphs.py``; pdfplumber as the
fallback), plain text as is (``text.py``); ``decode.py`` picks the character encoding. A
document that cannot be read comes back with ``error_class``/``error`` set; nothing is
raised for bad input. Every document names its extractor and version (with ``REVISION``
of our own code), so one read by another is read again. Time and memory limits are
enforced around this function by ``pipeline.workers``.
"""

from __future__ import annotations

import logging
import re
from functools import cache
from importlib.metadata import version
from typing import Any
from urllib.parse import urlparse

from pipeline.compression import InflateError, gunzip
from pipeline.errors import ExtractionError
from pipeline.extract.pdf import PAGE_SEPARATOR, describe
from pipeline.extract.text import detect_language, normalise
from pipeline.records import Document, Fetched
from pipeline.settings import Settings

log = logging.getLogger(__name__)
__all__ = ["PAGE_SEPARATOR", "current_extractors", "detect_language", "extract", "normalise",
           "sniff"]
# Our own extraction code, as part of every extractor's version: bump it when what the
# extractors make of the same bytes changes (reading order, running lines, chrome), so
# that documents stored before are read again once.
REVISION = "r4"
LIBRARIES = ("pypdfium2", "pdfplumber", "trafilatura", "charset-normalizer")
NO_EXTRACTOR = "milexchange"  # bytes refused before any library read them

MAGIC = (
    (b"\x89PNG", "image/png"), (b"\xff\xd8\xff", "image/jpeg"), (b"GIF8", "image/gif"),
    (b"PK\x03\x04", "application/zip"), (b"\x7fELF", "application/x-executable"),
)
WORD = re.compile(r"[^\W\d_]{2,}")
OUR_LANGUAGES = ("en", "es", "pt")
LANGUAGE_OVERRIDE_WORDS = 100  # a declared language is overruled only by this much text
ERROR_PAGE_WORDS = 10  # HTML served for a PDF with fewer words than this is an error page


def extract(fetched: Fetched, settings: Settings) -> Document:
    """Text and metadata of one fetched body; failures are recorded, not raised."""
    base: dict[str, Any] = {"id": fetched.sha256 or "", "url": fetched.url,
                            "source": fetched.source}
    kind = None
    try:
        try:
            body = gunzip(fetched.body, settings.max_bytes)
        except InflateError as e:
            raise ExtractionError(e.reason, f"gzip body {e}") from None
        kind = sniff(body)
        doc = _dispatch(kind, body, fetched, settings)
    except ExtractionError as e:
        return _failed(base, kind, e.error_class, str(e))
    except RecursionError as e:
        return _failed(base, kind, "malformed", f"structure nested too deeply ({describe(e)})")
    except (MemoryError, KeyboardInterrupt, ImportError):  # ImportError: the install's fault
        raise
    except Exception as e:  # a parser's own failure on hostile input is the input's fault
        log.warning("extracting %s failed: %s", fetched.url, describe(e))
        return _failed(base, kind, "malformed", f"unreadable {kind or 'body'} ({describe(e)})")
    warnings = list(doc.get("warnings", ()))
    text = doc["text"]
    if len(text) > settings.max_chars:
        warnings.append(f"text cut at {settings.max_chars:,} of {len(text):,} characters")
        text = text[: settings.max_chars].rstrip()
    language = _language(doc.get("language") or fetched.language_hint, text, warnings)
    error_class = error = None
    if not text.strip():
        error_class, error = "empty", doc.get("empty_reason") or "no text found"
    elif len(WORD.findall(text[:5000])) < 2:
        error_class, error = "empty", f"too little text to read ({len(text)} characters)"
        text = ""
    return Document(
        **base, text=text, title=_clean(doc.get("title")), author=_clean(doc.get("author")),
        published=doc.get("published"), language=language, content_type=kind,
        extractor=doc["extractor"], extractor_version=_version(doc["extractor"]),
        page_offsets=tuple(o for o in doc.get("page_offsets", ()) if o <= len(text))
        if text else (),
        error_class=error_class, error=error, warnings=tuple(warnings),
    )


@cache
def current_extractors() -> frozenset[tuple[str, str]]:
    """(name, version) of every extractor this code uses: a stored document read by
    anything else (an older library, or our own code before ``REVISION``) is not current."""
    return frozenset((name, _version(name)) for name in (*LIBRARIES, NO_EXTRACTOR))


@cache
def _version(name: str) -> str:
    """An extractor's version: its library's release and our ``REVISION``."""
    from pipeline import __version__

    return f"{__version__ if name == NO_EXTRACTOR else version(name)}+{REVISION}"


def _failed(base: dict[str, Any], kind: str | None, error_class: str, error: str) -> Document:
    """A document that could not be read, named after the extractor that would read it."""
    name = _default(kind)
    return Document(**base, text="", content_type=kind, extractor=name,
                    extractor_version=_version(name), error_class=error_class, error=error)


def _default(kind: str | None) -> str:
    """The extractor that reads a kind of body first."""
    return {"application/pdf": "pypdfium2", "text/html": "trafilatura",
            "text/plain": "charset-normalizer"}.get(kind or "", NO_EXTRACTOR)


def _language(declared: str | None, text: str, warnings: list[str]) -> str | None:
    """The page's or source's language, unless a long text plainly reads as another of ours."""
    detected = detect_language(text)
    if declared in OUR_LANGUAGES and detected and detected != declared \
            and len(text.split()) >= LANGUAGE_OVERRIDE_WORDS:
        warnings.append(f"declared language {declared!r}, text reads as {detected!r}")
        return detected
    return declared or detected


def _dispatch(kind: str, body: bytes, fetched: Fetched, settings: Settings) -> dict[str, Any]:
    if kind == "application/pdf":
        from pipeline.extract.pdf import extract_pdf

        try:
            return extract_pdf(body, settings)
        except (ExtractionError, MemoryError, RecursionError, ImportError):
            raise
        except Exception as e:  # pdfminer/pdfplumber raise anything on hostile files
            raise ExtractionError("malformed", f"corrupt PDF ({describe(e)})") from None
    if kind == "text/html":
        from pipeline.extract.html import extract_html, is_error_title

        doc = extract_html(body, fetched.url, fetched.content_type)
        if _claims_pdf(fetched):  # a PDF link answered with HTML: an article, or an error page
            if is_error_title(doc.get("title")) or len(doc["text"].split()) < ERROR_PAGE_WORDS:
                raise ExtractionError("unsupported_type", "not a PDF: HTML (an error page?)")
            doc["warnings"] = [*doc.get("warnings", ()), "served as a PDF, read as HTML"]
        return doc
    if _claims_pdf(fetched) and kind == "text/plain":
        raise ExtractionError("unsupported_type", "not a PDF: text (an error page?)")
    if kind == "text/plain":
        from pipeline.extract.text import extract_text

        return extract_text(body, fetched.content_type)
    raise ExtractionError("unsupported_type", f"not a document: {kind}")


def sniff(body: bytes) -> str:
    """The media type the bytes themselves show."""
    head = body[:1024]
    if not body.strip(b" \t\r\n\x00\x0b\x0c\xef\xbb\xbf"):
        raise ExtractionError("empty", "empty body")
    if b"%PDF-" in head:
        return "application/pdf"
    for magic, kind in MAGIC:
        if head.startswith(magic):
            return kind
    utf16 = _looks_utf16(head)
    if utf16:
        head = head.decode("utf-16-be" if head[:1] == b"\x00" else "utf-16-le",
                           "replace").encode("utf-8", "replace").replace(b"\xef\xbf\xbd", b"")
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped[:1] in (b"{", b"["):
        return "application/json"
    if stripped.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body", b"<!--")) \
            or re.search(rb"<(html|body|p|div|article|title|frameset)[\s>]", head.lower()):
        return "text/html"
    if b"\x00" in head[:512] or (not utf16 and _control_share(body[:65536]) > MAX_CONTROL_SHARE):
        return "application/octet-stream"
    return "text/plain"


# C0 controls that text does not use (tab, line breaks, form feed and ESC excepted)
CONTROL_BYTES = bytes([*range(0x01, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
MAX_CONTROL_SHARE = 0.02  # random bytes have ~10%, real text next to none


def _control_share(sample: bytes) -> float:
    """Share of bytes that are control characters no text uses."""
    return (len(sample) - len(sample.translate(None, CONTROL_BYTES))) / max(1, len(sample))


def _claims_pdf(fetched: Fetched) -> bool:
    """The URL or the Content-Type promised a PDF."""
    path = urlparse(fetched.final_url or fetched.url).path.lower()
    return path.endswith(".pdf") or "pdf" in (fetched.content_type or "").lower()


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split())[:500] or None


def _looks_utf16(head: bytes) -> bool:
    return head[:2] in (b"\xff\xfe", b"\xfe\xff") or (
        len(head) >= 16 and (head[1::2].count(0) > len(head) // 4
                             or head[0::2].count(0) > len(head) // 4))
