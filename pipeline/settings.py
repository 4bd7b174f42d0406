"""Tunables: one table of name, default and help, overridable from one config file.

``Settings.load(path)`` reads a YAML mapping of ``name: value``; unknown names fail at
once, naming the key, the file and the allowed names.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

import yaml

from pipeline.errors import ConfigError

# (name, default, help) — a test checks that every setting is documented in README.md.
SETTINGS: tuple[tuple[str, Any, str], ...] = (
    ("user_agent", "milexchange/0.1",
     "Product token of the User-Agent; the contact URL is appended: 'milexchange/0.1 (+URL)'."),
    ("timeout_connect", 10.0, "Seconds to wait for a TCP/TLS connection."),
    ("timeout_read", 30.0, "Seconds to wait for data on an open connection."),
    ("max_bytes", 50_000_000, "Largest body accepted, fetched or read from disk (bytes)."),
    ("max_pages", 300, "PDF pages extracted at most; later pages are dropped with a warning."),
    ("max_extract_seconds", 120.0,
     "Seconds one document's extraction may take before it is stopped."),
    ("max_memory_mb", 2048, "Memory (address space, MB) an extraction worker may take on top "
     "of its start-up size (0: no limit)."),
    ("max_chars", 2_000_000, "Characters of text kept per document for tagging."),
    ("workers", 1, "Worker processes for extraction and tagging (each document runs in one)."),
    ("cache_dir", "output/cache", "Where raw bytes are kept, named by their sha256."),
    ("contact_url", "https://github.com/milexchange/milexchange",
     "Where a site owner can reach us; sent in the User-Agent."),
    ("rate_limit", 1.0,
     "Requests per second per host, at most (a robots.txt Crawl-delay slows it)."),
    ("concurrency", 4, "HTTP requests in flight at once, over all hosts."),
    ("retries", 3, "Retries after a connection error, 429 or 5xx (0 = none)."),
    ("retry_backoff", 1.0, "Seconds: first retry wait; doubles each retry, with full jitter."),
    ("retry_backoff_max", 30.0, "Seconds: longest wait between retries."),
    ("retry_after_max", 120.0, "Seconds: a longer Retry-After gives up instead of waiting."),
    ("max_redirects", 5, "Redirects followed per request."),
    ("max_page_chars", 50_000, "Glyphs on one PDF page read at most; a denser page is skipped "
     "with a warning."),
    ("timeout_total", 60.0, "Seconds one request may take in all (connection, redirects, body), "
     "however slowly the server sends (0 = no limit)."),
    ("min_confidence", -1.0, "Events less confident than this (0-1) are left out; -1: the "
     "threshold fitted on the corpus (models/confidence.json). A change re-tags stored "
     "documents."),
)


@dataclass(frozen=True)
class Settings:
    user_agent: str = SETTINGS[0][1]
    timeout_connect: float = SETTINGS[1][1]
    timeout_read: float = SETTINGS[2][1]
    max_bytes: int = SETTINGS[3][1]
    max_pages: int = SETTINGS[4][1]
    max_extract_seconds: float = SETTINGS[5][1]
    max_memory_mb: int = SETTINGS[6][1]
    max_chars: int = SETTINGS[7][1]
    workers: int = SETTINGS[8][1]
    cache_dir: str = SETTINGS[9][1]
    contact_url: str = SETTINGS[10][1]
    rate_limit: float = SETTINGS[11][1]
    concurrency: int = SETTINGS[12][1]
    retries: int = SETTINGS[13][1]
    retry_backoff: float = SETTINGS[14][1]
    retry_backoff_max: float = SETTINGS[15][1]
    retry_after_max: float = SETTINGS[16][1]
    max_redirects: int = SETTINGS[17][1]
    max_page_chars: int = SETTINGS[18][1]
    timeout_total: float = SETTINGS[19][1]
    min_confidence: float = SETTINGS[20][1]

    @classmethod
    def load(cls, path: str | Path | None = None, **overrides: Any) -> Settings:
        """Defaults, then the config file (if given), then explicit overrides."""
        settings = cls()
        if path is not None:
            settings = settings.merge(_read_yaml_mapping(Path(path)), str(path))
        given = {k: v for k, v in overrides.items() if v is not None}
        return settings.merge(given, "command line") if given else settings

    def merge(self, values: dict[str, Any], origin: str) -> Settings:
        allowed = {f.name: f for f in fields(self)}
        changes: dict[str, Any] = {}
        for key, value in values.items():
            if key not in allowed:
                raise ConfigError(
                    f"{origin}: unknown setting {key!r}; allowed: {', '.join(sorted(allowed))}"
                )
            kind = type(getattr(self, key))
            try:
                changes[key] = kind(value)
            except (TypeError, ValueError):
                raise ConfigError(
                    f"{origin}: setting {key!r} must be {kind.__name__}, got {value!r}"
                ) from None
        return replace(self, **changes)


def _read_yaml_mapping(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except OSError as e:
        raise ConfigError(f"{path}: cannot read ({e.strerror})") from None
    except yaml.YAMLError as e:
        raise ConfigError(f"{path}: not valid YAML ({str(e).splitlines()[0]})") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping of setting: value")
    return data
