"""Plain text files, and the normalisation every extractor's text goes through."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

from pipeline.extract.decode import decode
from pipeline.nlp.models import LANGS, stopwords

MODELS = Path(__file__).resolve().parents[2] / "models"
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u2028\u2029\ufeff]")
BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069\u200e\u200f]")


def extract_text(body: bytes, content_type: str | None = None) -> dict[str, Any]:
    """A headline on the first line, an ISO date on the second or third."""
    decoded, encoding = decode(body, content_type)
    text = normalise(decoded)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    published = None
    for line in lines[1:3]:
        m = re.fullmatch(r"(\d{4}-\d{2}-\d{2})", line)
        if m:
            published = m.group(1)
    warnings = [] if encoding in ("utf-8", "ascii") else [f"decoded as {encoding}"]
    return {"text": text, "title": lines[0][:300] if lines else None, "published": published,
            "extractor": "charset-normalizer", "warnings": warnings}


def normalise(text: str) -> str:
    """One space between words, one blank line at most, no soft hyphens or bidi controls;
    accents composed (NFC: a PDF or a Mac file may spell "março" as "marc" + a combining
    cedilla, which no date rule or search would find)."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00ad", "")
    text = CONTROL.sub("", BIDI.sub("", text))
    text = re.sub(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


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
    data = stopwords(MODELS)
    return {lang: frozenset(data.get(lang, ())) for lang in LANGS}
