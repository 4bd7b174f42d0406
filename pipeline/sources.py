"""The sources registry (``sources/*.yaml``) read into typed ``Source`` records.

A registry is a YAML mapping with one key, ``sources``, a list of entries::

    sources:
      - name: peace-ark-callao-2024
        kind: file                 # file | directory | url | feed | sitemap | index
        path: samples/x.html       # for file/directory, under the registry file's folder
        url: https://…             # for url/feed/sitemap/index
        language: es               # en | es | pt (a hint)
        limit: 50                  # optional: at most this many documents
        keywords: [defensa, …]     # optional: keep items whose title/summary match
        link_pattern: "/news/\\d+" # index only: regex for article links
        allow_private: false       # fetch private/loopback addresses (tests)

Bad entries fail at once, naming the file, the entry and the allowed values.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import yaml

from pipeline.errors import ConfigError
from pipeline.records import Source

KINDS = ("file", "directory", "url", "feed", "sitemap", "index")
LOCAL_KINDS = ("file", "directory")
LANGUAGES = ("en", "es", "pt")
KEYS = ("name", "kind", "path", "url", "language", "limit", "keywords", "link_pattern",
        "allow_private", "note")
DOCUMENT_SUFFIXES = (".html", ".htm", ".pdf", ".txt")


def load(path: str | Path) -> list[Source]:
    """Read and validate a registry file."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise ConfigError(f"{path}: cannot read ({e.strerror})") from None
    except yaml.YAMLError as e:
        raise ConfigError(f"{path}: not valid YAML ({str(e).splitlines()[0]})") from None
    if not isinstance(data, dict) or not isinstance(data.get("sources"), list):
        raise ConfigError(f"{path}: expected a mapping with a 'sources' list")
    sources, seen = [], set()
    for i, entry in enumerate(data["sources"], 1):
        source = _parse_entry(entry, f"{path}: entry {i}", path.parent)
        if source.name in seen:
            raise ConfigError(f"{path}: entry {i}: duplicate name {source.name!r}")
        seen.add(source.name)
        sources.append(source)
    return sources


def _parse_entry(entry: Any, where: str, base: Path) -> Source:
    if not isinstance(entry, dict):
        raise ConfigError(f"{where}: expected a mapping, got {type(entry).__name__}")
    unknown = sorted(set(entry) - set(KEYS))
    if unknown:
        raise ConfigError(f"{where}: unknown key {unknown[0]!r}; allowed: {', '.join(KEYS)}")
    name = entry.get("name")
    if not isinstance(name, str) or not re.fullmatch(r"[a-z0-9][a-z0-9._-]*", name):
        raise ConfigError(f"{where}: 'name' must be lowercase letters, digits, '.', '_' or '-'")
    where = f"{where} ({name})"
    kind = entry.get("kind")
    if kind not in KINDS:
        raise ConfigError(f"{where}: kind {kind!r} is not one of: {', '.join(KINDS)}")
    language = entry.get("language")
    if language is not None and language not in LANGUAGES:
        raise ConfigError(f"{where}: language {language!r} is not one of: {', '.join(LANGUAGES)}")
    if kind in LOCAL_KINDS:
        if not isinstance(entry.get("path"), str):
            raise ConfigError(f"{where}: kind {kind} needs 'path'")
        folder = base.resolve()
        resolved = (folder / entry["path"]).resolve()  # links followed
        if not resolved.is_relative_to(folder):
            raise ConfigError(f"{where}: path {entry['path']!r} leads outside the registry's "
                              f"folder {folder}; a registry reads only files under its own "
                              "folder (name other files on the command line: python -m "
                              "pipeline ingest PATH)")
        location = str(resolved)
    else:
        url = entry.get("url")
        if not isinstance(url, str) or urlparse(url).scheme not in ("http", "https"):
            raise ConfigError(f"{where}: kind {kind} needs an http(s) 'url'")
        location = url
    limit = entry.get("limit")
    if limit is not None and (not isinstance(limit, int) or limit < 1):
        raise ConfigError(f"{where}: 'limit' must be a positive integer")
    keywords = entry.get("keywords") or []
    if not isinstance(keywords, list) or not all(isinstance(k, str) for k in keywords):
        raise ConfigError(f"{where}: 'keywords' must be a list of strings")
    pattern = entry.get("link_pattern")
    if kind == "index":
        if not isinstance(pattern, str):
            raise ConfigError(f"{where}: kind index needs 'link_pattern' (a regex)")
        try:
            re.compile(pattern)
        except re.error as e:
            raise ConfigError(f"{where}: 'link_pattern' is not a valid regex ({e})") from None
    return Source(
        name=name, kind=kind, location=location, language=language, limit=limit,
        keywords=tuple(keywords), link_pattern=pattern,
        allow_private=bool(entry.get("allow_private", False)),
    )


def local_files(source: Source) -> list[Path]:
    """The document files of a file or directory source, in a stable order (links to
    folders are not followed; ``fetch_file`` reads only regular files inside the folder)."""
    path = Path(source.location)
    if source.kind == "file":
        return [path]
    files = sorted(p for p in path.rglob("*") if p.suffix.lower() in DOCUMENT_SUFFIXES)
    return files[: source.limit] if source.limit else files
