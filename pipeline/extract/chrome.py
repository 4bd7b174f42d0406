"""Lines of site and report chrome that no extractor should pass on as text.

trafilatura keeps a page's main text and drops menus, related-story lists, comment
sections and footers; what it cannot tell from the markup are chrome lines set as
ordinary paragraphs of the article: "Read also: …", "Foto: …", "Tags: …", "2 comments".
``strip_chrome(text)`` drops such lines; the phrases are data, in ``models/chrome.jsonl``
(English, Spanish, Portuguese), each with how it matches:

- ``label``: the line starts with the phrase followed by a colon or a dash
  ("Leia também: …", "Photo caption – …"), or is the phrase alone;
- ``line``: the whole line is the phrase, digits masked as ``#`` ("12 comments");
- ``start``: a short line (under ``SHORT`` characters) starts with the phrase.

A label standing alone ("Leia também:") takes the bulleted lines after it along.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pipeline.errors import ConfigError

MODELS = Path(__file__).resolve().parents[2] / "models"
MATCHES = ("label", "line", "start")
KEYS = {"id", "kind", "match", "phrases", "note"}
LANGS = ("en", "es", "pt")
SHORT = 300
MAX_LABEL_LINE = 600  # a longer line is a paragraph that happens to open with the word
BULLET = re.compile(r"^\s*[–—•*·>-]\s")
LABEL_ALONE = re.compile(r"^[^:]{1,40}:\s*$")


@dataclass(frozen=True)
class Rules:
    label: re.Pattern[str]
    start: re.Pattern[str]
    lines: dict[str, str]  # masked line -> kind
    kinds: dict[str, str]  # label or start phrase (lowercase) -> kind


def strip_chrome(text: str) -> tuple[str, set[str]]:
    """``text`` without its chrome lines, and the kinds removed."""
    rules = load()
    kept, kinds = [], set()
    listing = False  # after a heading such as "Leia também:" alone: its bulleted links
    for line in text.split("\n"):
        kind = chrome_kind(line, rules)
        if kind or (listing and BULLET.match(line) and len(line) < SHORT):
            kinds.add(kind or "related")
            listing = listing or bool(kind and LABEL_ALONE.search(line))
            continue
        listing = False
        kept.append(line)
    return "\n".join(kept), kinds


def chrome_kind(line: str, rules: Rules | None = None) -> str | None:
    rules = rules or load()
    stripped = line.strip(" \t-–—•|>")
    if not stripped or len(stripped) > MAX_LABEL_LINE:
        return None
    low = stripped.lower()
    masked = re.sub(r"\d+", "#", low).rstrip(" .:!")
    if masked in rules.lines:
        return rules.lines[masked]
    m = rules.label.match(low)
    if m:
        return rules.kinds[m.group(1)]
    if len(stripped) < SHORT:
        m = rules.start.match(low)
        if m:
            return rules.kinds[m.group(1)]
    return None


@cache
def load(folder: Path = MODELS) -> Rules:
    """The rules of ``models/chrome.jsonl``, checked: unknown keys, matches or languages
    fail at once, naming the line."""
    path = folder / "chrome.jsonl"
    labels: list[str] = []
    starts: list[str] = []
    lines: dict[str, str] = {}
    kinds: dict[str, str] = {}
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip():
            continue
        entry = json.loads(raw)
        where = f"{path.name}:{number}"
        if set(entry) - KEYS or not {"id", "kind", "match", "phrases"} <= set(entry):
            raise ConfigError(f"{where}: keys must be {', '.join(sorted(KEYS))} "
                              f"(note optional); found {', '.join(sorted(entry))}")
        if entry["match"] not in MATCHES:
            raise ConfigError(f"{where}: match must be one of {', '.join(MATCHES)}")
        if set(entry["phrases"]) - set(LANGS):
            raise ConfigError(f"{where}: phrases are per language: {', '.join(LANGS)}")
        for phrase in (p.lower() for ps in entry["phrases"].values() for p in ps):
            if entry["match"] == "line":
                lines[phrase] = entry["kind"]
            else:
                (labels if entry["match"] == "label" else starts).append(phrase)
                kinds[phrase] = entry["kind"]
    return Rules(label=re.compile(rf"({_alt(labels)})\s*(?:[:–—|]|-\s|$)"),
                 start=re.compile(rf"({_alt(starts)})(?:\b|(?<=\W))"), lines=lines,
                 kinds=kinds)  # a phrase that ends in a sign ("©") ends where it ends


def _alt(phrases: list[str]) -> str:
    return "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)) or "(?!)"
