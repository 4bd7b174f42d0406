"""Extract stage: raw bytes to text and metadata.

``extract(fetched, settings) -> Document`` sniffs the real type from the bytes (never
trusting names or headers), then: HTML with trafilatura, PDF with pdfplumber (one page
at a time, page offsets kept so evidence can name its page), plain text as is. A
document that cannot be read comes back with ``error_class``/``error`` set; nothing
is raised for bad input.
"""

from __future__ import annotations

import io
import json
import re
import zlib
from collections import Counter
from datetime import date
from functools import cache
from importlib.metadata import version
from pathlib import Path

from pipeline.errors import ExtractionError
from pipeline.records import Document, Fetched
from pipeline.settings import Settings

MODELS = Path(__file__).resolve().parent.parent / "models"
PAGE_SEPARATOR = "\n\n"

MAGIC = (
    (b"\x89PNG", "image/png"), (b"\xff\xd8\xff", "image/jpeg"), (b"GIF8", "image/gif"),
    (b"PK\x03\x04", "application/zip"), (b"\x7fELF", "application/x-executable"),
)


def extract(fetched: Fetched, settings: Settings) -> Document:
    """Text and metadata of one fetched body; failures are recorded, not raised."""
    base = {"id": fetched.sha256 or "", "url": fetched.url, "source": fetched.source}
    try:
        body = _ungzip(fetched.body, settings.max_bytes)
        kind = sniff(body)
        if kind == "application/pdf":
            doc = _pdf(body, settings)
        elif kind == "text/html":
            doc = _html(body, fetched.url)
        elif kind == "text/plain":
            doc = _text(body)
        else:
            raise ExtractionError("unsupported_type", f"not a document: {kind}")
    except ExtractionError as e:
        return Document(**base, text="", content_type=None, error_class=e.error_class,
                        error=str(e))
    text = doc["text"][: settings.max_chars]
    language = doc.get("language") or fetched.language_hint or detect_language(text)
    error_class = error = None
    if not text.strip():
        error_class, error = "empty", doc.get("empty_reason") or "no text found"
    return Document(
        **base, text=text, title=doc.get("title"), author=doc.get("author"),
        published=doc.get("published"), language=language, content_type=kind,
        extractor=doc["extractor"], extractor_version=version(doc["extractor"]),
        page_offsets=tuple(doc.get("page_offsets", ())), error_class=error_class, error=error,
        warnings=tuple(doc.get("warnings", ())),
    )


def sniff(body: bytes) -> str:
    """The media type the bytes themselves show."""
    head = body[:1024]
    if not body.strip():
        raise ExtractionError("empty", "empty body")
    if b"%PDF-" in head:
        return "application/pdf"
    for magic, kind in MAGIC:
        if head.startswith(magic):
            return kind
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped[:1] in (b"{", b"["):
        return "application/json"
    if stripped.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body", b"<!--")) \
            or re.search(rb"<(html|body|p|div|article|title)[\s>]", head.lower()):
        return "text/html"
    if b"\x00" in head[:512] and not _looks_utf16(head):
        return "application/octet-stream"
    return "text/plain"


def detect_language(text: str) -> str | None:
    """en, es or pt from function-word counts; None when too little text."""
    words = re.findall(r"[a-záéíóúâêôãõçñü]+", text[:20000].lower())
    if len(words) < 5:
        return None
    counts = Counter(words)
    scores = {lang: sum(counts[w] for w in ws) for lang, ws in _stopwords().items()}
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] > 0 else None


@cache
def _stopwords() -> dict[str, frozenset[str]]:
    data = json.loads((MODELS / "stopwords.json").read_text(encoding="utf-8"))
    return {k: frozenset(v) for k, v in data.items() if not k.startswith("_")}


def _ungzip(body: bytes, limit: int) -> bytes:
    if not body.startswith(b"\x1f\x8b"):
        return body
    out = bytearray()
    decomp = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        chunk = decomp.decompress(body, limit + 1)
        out += chunk
        if len(out) > limit or decomp.unconsumed_tail:
            raise ExtractionError("too_large", f"gzip body inflates past {limit:,} bytes")
    except zlib.error as e:
        raise ExtractionError("malformed", f"broken gzip body ({e})") from None
    return bytes(out)


def _looks_utf16(head: bytes) -> bool:
    return head[:2] in (b"\xff\xfe", b"\xfe\xff") or head[1::2].count(0) > len(head) // 4


# ---------------------------------------------------------------- HTML

def _html(body: bytes, url: str) -> dict:
    import trafilatura

    result = trafilatura.bare_extraction(
        body, url=url if url.startswith("http") else None, with_metadata=True,
        include_comments=False, include_tables=True, favor_precision=True,
    )
    if result is None:
        return {"text": "", "extractor": "trafilatura", "empty_reason": "no main text found"}
    meta = result.as_dict()
    text = _normalise(meta.get("text") or "")
    return {
        "text": text, "title": meta.get("title"), "author": meta.get("author"),
        "published": meta.get("date"), "language": _html_lang(body) or meta.get("language"),
        "extractor": "trafilatura",
    }


def _html_lang(body: bytes) -> str | None:
    m = re.search(rb"<html[^>]*\blang=[\"']?([a-zA-Z]{2})", body[:4096])
    lang = m.group(1).decode().lower() if m else None
    return lang if lang in ("en", "es", "pt") else None


# ---------------------------------------------------------------- plain text

def _text(body: bytes) -> dict:
    from charset_normalizer import from_bytes

    best = from_bytes(body).best()
    text = _normalise(str(best) if best is not None else body.decode("utf-8", "replace"))
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    published = None
    for line in lines[1:3]:
        m = re.fullmatch(r"(\d{4}-\d{2}-\d{2})", line)
        if m:
            published = m.group(1)
    return {"text": text, "title": lines[0][:300] if lines else None, "published": published,
            "extractor": "charset-normalizer"}


def _normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00ad", "")
    text = re.sub(r"[ \t\u00a0]+", " ", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


# ---------------------------------------------------------------- PDF

def _pdf(body: bytes, settings: Settings) -> dict:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    start = body.find(b"%PDF-")
    try:
        pdf = pdfplumber.open(io.BytesIO(body[start:]))
    except PdfminerException as e:
        cause = e.args[0] if e.args else e
        if isinstance(cause, PDFPasswordIncorrect):
            raise ExtractionError("encrypted", "encrypted PDF, password required") from None
        raise ExtractionError("malformed", f"corrupt PDF ({_describe(cause)})") from None
    except Exception as e:  # pdfminer raises many types on broken files
        raise ExtractionError("malformed", f"corrupt PDF ({_describe(e)})") from None
    pages: list[list[str]] = []
    warnings: list[str] = []
    with pdf:
        meta = pdf.metadata or {}
        for number, page in enumerate(pdf.pages, 1):
            if number > settings.max_pages:
                warnings.append(f"truncated at {settings.max_pages} pages")
                break
            try:
                pages.append(_page_lines(page))
            except Exception as e:
                warnings.append(f"page {number}: {_describe(e)}")
                pages.append([])
            finally:
                page.close()
    if not pages:
        raise ExtractionError("malformed", "no pages found")
    texts = _reflow_pages(_drop_running_lines(pages))
    offsets, parts, pos = [], [], 0
    for text in texts:
        offsets.append(pos)
        parts.append(text)
        pos += len(text) + len(PAGE_SEPARATOR)
    full = PAGE_SEPARATOR.join(parts)
    first_lines = [ln for ln in (pages[0] if pages else []) if ln.strip()]
    return {
        "text": full, "page_offsets": offsets, "warnings": warnings,
        "title": _pdf_str(meta.get("Title")) or (first_lines[0] if first_lines else None),
        "author": _pdf_str(meta.get("Author")),
        "published": _pdf_date(meta.get("CreationDate")), "extractor": "pdfplumber",
        "empty_reason": "no_text_layer: the PDF has no extractable text (scanned?)",
    }


def _page_lines(page) -> list[str]:
    """Lines of one page, with a blank string where a paragraph gap is."""
    lines = page.extract_text_lines(strip=True, return_chars=False)
    out: list[str] = []
    gaps = [b["top"] - a["bottom"] for a, b in zip(lines, lines[1:], strict=False)]
    usual = sorted(gaps)[len(gaps) // 2] if gaps else 0
    for i, line in enumerate(lines):
        if i and gaps[i - 1] > max(usual * 1.8, usual + 4):
            out.append("")
        out.append(line["text"])
    return out


RUNNING_DIGITS = re.compile(r"\d+")


def _drop_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Remove lines repeated near the top or bottom of most pages (headers, footers)."""
    if len(pages) < 2:
        return [[ln for ln in p if not _is_page_number(ln)] for p in pages]
    edge = Counter()
    for lines in pages:
        content = [ln for ln in lines if ln]
        for ln in set(content[:3] + content[-3:]):
            edge[RUNNING_DIGITS.sub("#", ln)] += 1
    threshold = max(2, (len(pages) + 1) // 2)
    running = {k for k, n in edge.items() if n >= threshold}
    cleaned = []
    for lines in pages:
        content = [ln for ln in lines if ln]
        edges = set(content[:3] + content[-3:])
        cleaned.append([ln for ln in lines
                        if not (ln in edges and (RUNNING_DIGITS.sub("#", ln) in running
                                                 or _is_page_number(ln)))])
    return cleaned


def _is_page_number(line: str) -> bool:
    return bool(re.fullmatch(r"(?i)(page|página|pagina|p\.)?\s*\d+(\s*(of|de|/)\s*\d+)?", line.strip()))


def _reflow_pages(pages: list[list[str]]) -> list[str]:
    """Join layout lines into paragraphs and repair hyphenation at line ends."""
    texts = []
    for lines in pages:
        paragraphs, current = [], ""
        for line in lines:
            if not line:
                if current:
                    paragraphs.append(current)
                current = ""
            elif current.endswith("-") and line[:1].islower() and current[-2:-1].isalpha():
                current = current[:-1] + line
            else:
                current = f"{current} {line}" if current else line
        if current:
            paragraphs.append(current)
        texts.append("\n".join(_normalise(p) for p in paragraphs))
    return texts


def _pdf_str(value) -> str | None:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return value.strip() or None if isinstance(value, str) else None


def _pdf_date(value) -> str | None:
    value = _pdf_str(value)
    m = re.match(r"(?:D:)?(\d{4})(\d{2})(\d{2})", value or "")
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        return None


def _describe(e: BaseException) -> str:
    text = str(e).strip().splitlines()[0] if str(e).strip() else ""
    return f"{type(e).__name__}: {text}" if text else type(e).__name__

