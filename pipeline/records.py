"""The record types passed between stages (frozen dataclasses, one screen)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Source:
    """One entry of a sources registry."""

    name: str
    kind: str  # file | directory | url | feed | sitemap | index
    location: str  # file path (absolute) or URL
    language: str | None = None
    limit: int | None = None
    keywords: tuple[str, ...] = ()
    link_pattern: str | None = None
    allow_private: bool = False


@dataclass(frozen=True)
class Fetched:
    """Raw bytes of one retrieval, or the reason there are none."""

    url: str  # URL asked for, or file:// URI of a local file
    final_url: str
    source: str | None
    status: int | None = None
    body: bytes = b""
    sha256: str | None = None
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    fetched_at: str = ""
    elapsed: float = 0.0
    from_cache: bool = False
    not_modified: bool = False
    error_class: str | None = None
    error: str | None = None
    language_hint: str | None = None
    role: str = "document"  # document | listing (feed, sitemap, index) | robots | retry


@dataclass(frozen=True)
class Document:
    """Text and metadata extracted from one distinct body (keyed by its sha256)."""

    id: str  # sha256 of the raw bytes
    url: str
    source: str | None
    text: str
    title: str | None = None
    author: str | None = None
    published: str | None = None  # YYYY-MM-DD
    language: str | None = None
    content_type: str | None = None
    extractor: str = ""
    extractor_version: str = ""
    page_offsets: tuple[int, ...] = ()  # start offset of each page in text (PDF)
    error_class: str | None = None  # e.g. malformed, encrypted, empty, timeout
    error: str | None = None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mention:
    label: str  # COUNTRY, INSTITUTION, PERSON, DATE, LOCATION, TRIGGER
    text: str
    start: int
    end: int
    canonical_id: str | None
    rule: str
    country: str | None = None  # country an institution or person belongs to


@dataclass(frozen=True)
class Evidence:
    document_id: str
    sentence: str
    start: int
    end: int
    page: int | None
    rule: str
    trigger: str
    trigger_start: int
    trigger_end: int
    # "states": the sentence states the event itself (the firm candidate it came from);
    # "supports": a sentence about the same occurrence that adds a detail. An event's
    # evidence lists its stating sentences first, the best one at index 0.
    role: str = "states"
    # the sentence's clause is read first as an occurrence of another type (a signing read
    # as the leaders' visit where the clause tells the agreement): a secondary reading
    secondary: bool = False


@dataclass(frozen=True)
class Event:
    key: str  # stable key: survives re-runs, reviews attach to it
    type: str
    date: str | None
    date_precision: str | None  # day | month | year | None
    date_source: str  # stated | published | none
    countries: tuple[str, ...]
    location: str | None
    persons: tuple[str, ...]
    institutions: tuple[str, ...]
    confidence: float
    evidence: tuple[Evidence, ...] = field(default=())
    # the last day of a stated stretch its date starts ("del 5 al 17 de junio": 06-17)
    date_end: str | None = None
    # what the rules knew (frame strength, date and party sources, ...): the confidence's
    # inputs, kept for fitting it (scripts/fit_confidence.py); not stored
    features: dict[str, float] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Tagged:
    """A document with what the NLP stage found in it."""

    document: Document
    mentions: tuple[Mention, ...]
    events: tuple[Event, ...]
    nlp_version: str
