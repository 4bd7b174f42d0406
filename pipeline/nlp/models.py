"""Load and validate the rule data in ``models/`` (gazetteers, triggers, titles, cues).

Every entry has an ``id`` that becomes the rule or canonical id of each match. Unknown
keys are rejected, listing the allowed ones, so a typo in a data file fails at once.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from pipeline import __version__
from pipeline.errors import ConfigError

MODELS = Path(__file__).resolve().parents[2] / "models"
LANGS = ("en", "es", "pt")


@dataclass(frozen=True)
class Phrase:
    """One surface form to match, and what a match of it means."""

    text: str
    lang: str | None  # None: matched in every language
    label: str  # COUNTRY, INSTITUTION, LOCATION, STOP, TRIGGER, TITLE, CUE
    id: str  # canonical id (ISO3, institution name) or rule id
    country: str | None = None
    needs_upper: bool = False  # the match must start with an uppercase letter
    kind: str | None = None  # event type, cue kind, title rank, institution kind


@dataclass(frozen=True)
class Trigger:
    """How a trigger's candidates are judged (``triggers.jsonl``)."""

    type: str
    weak: bool = False  # a bare noun or ambiguous verb: needs a stated date in its sentence
    ship_firm: bool = False  # weak, but a ship in or near its sentence is enough ("escala")
    ship_type: str | None = None  # the event type when a ship makes it (a visit -> port_call)


@dataclass(frozen=True)
class Models:
    phrases: tuple[Phrase, ...]
    regions: dict[str, str]  # ISO3 -> LAC | extra | other
    cue_windows: dict[str, int]  # cue id -> tokens before the trigger it reaches (0: sentence)
    triggers: dict[str, Trigger]  # trigger id (without the language) -> how it behaves
    determiners: dict[str, frozenset[str]]  # lang -> words of the "definite" cue (token check)
    dates: dict[str, Any]
    version: str  # changes when any data file or the code version changes

    @cached_property
    def entity_countries(self) -> dict[tuple[str, str], str]:
        """(label, id) of an institution or capital -> its country (the first, if shared)."""
        index: dict[tuple[str, str], str] = {}
        for p in self.phrases:
            if p.country and p.label in ("INSTITUTION", "LOCATION"):
                index.setdefault((p.label, p.id), p.country)
        return index

    @cached_property
    def ambiguous_places(self) -> frozenset[str]:
        """Capitals that also name other places ("Santiago" is also in the Dominican Republic)."""
        return frozenset(p.id for p in self.phrases
                         if p.label == "LOCATION" and p.kind == "ambiguous")

    @cached_property
    def institution_kinds(self) -> dict[str, str]:
        """Institution id -> kind (ministry, navy, ship, ...)."""
        return {p.id: p.kind for p in self.phrases if p.label == "INSTITUTION" and p.kind}


SCHEMAS: dict[str, tuple[set[str], set[str]]] = {  # file -> (required, optional) keys
    "countries.jsonl": ({"id", "name", "region", "names"},
                        {"demonyms", "capitals", "ambiguous", "note"}),
    "institutions.jsonl": ({"id", "country", "kind", "aliases"}, {"note"}),
    "stopphrases.jsonl": ({"id", "phrases"}, {"why"}),
    "triggers.jsonl": ({"id", "type", "phrases"}, {"strength", "ship_type", "note"}),
    "titles.jsonl": ({"id", "rank", "phrases"}, {"note"}),
    "cues.jsonl": ({"id", "kind", "window", "phrases"}, {"note"}),
}
EVENT_TYPES = ("senior_visit", "education_training", "exercise", "port_call", "dialogue_forum",
               "agreement", "arms_transfer", "donation_aid", "attache_liaison",
               "other_cooperation")
REGIONS = ("LAC", "extra", "other")
STRENGTHS = ("strong", "weak", "ship")
CUE_KINDS = ("negation", "hedge", "aggregate", "generic", "anaphora", "ship", "origin",
             "definite", "civilian", "military", "anchor", "accompany")
VETO_KINDS = ("negation", "hedge", "aggregate", "generic")


def read_jsonl(name: str, folder: Path = MODELS) -> list[dict[str, Any]]:
    """Entries of one data file, each checked against its schema."""
    path = folder / name
    required, optional = SCHEMAS[name]
    entries, seen = [], set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}: line {number}"
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as e:
            raise ConfigError(f"{where}: not valid JSON ({e.msg})") from None
        if not isinstance(entry, dict):
            raise ConfigError(f"{where}: expected an object")
        missing = required - set(entry)
        unknown = set(entry) - required - optional
        if missing:
            raise ConfigError(f"{where}: missing key {sorted(missing)[0]!r}")
        if unknown:
            allowed = ", ".join(sorted(required | optional))
            raise ConfigError(f"{where}: unknown key {sorted(unknown)[0]!r}; allowed: {allowed}")
        if entry["id"] in seen:
            raise ConfigError(f"{where}: duplicate id {entry['id']!r}")
        seen.add(entry["id"])
        entries.append(entry)
    return entries


def event_codes(folder: Path = MODELS) -> dict[str, dict[str, Any]]:
    """Nearest CAMEO and PLOVER codes per event type (``event_types.json``), checked to
    cover every type."""
    codes = json.loads((folder / "event_types.json").read_text(encoding="utf-8"))
    codes.pop("_about", None)
    if set(codes) != set(EVENT_TYPES):
        missing = sorted(set(EVENT_TYPES) ^ set(codes))
        raise ConfigError(f"event_types.json: types must be exactly {', '.join(EVENT_TYPES)}; "
                          f"check {', '.join(missing)}")
    for name, entry in codes.items():
        if set(entry) != {"cameo", "cameo_label", "plover", "plover_mode"}:
            raise ConfigError(f"event_types.json: {name}: keys must be cameo, cameo_label, "
                              "plover, plover_mode")
    return codes


def _per_lang(value: Any, where: str) -> dict[str, list[str]]:
    if not isinstance(value, dict) or set(value) - set(LANGS):
        raise ConfigError(f"{where}: expected a mapping of {', '.join(LANGS)} to lists of phrases")
    for lang, items in value.items():
        if not isinstance(items, list) or not all(isinstance(x, str) and x.strip() for x in items):
            raise ConfigError(f"{where}: {lang}: expected a list of non-empty strings")
    return value


@cache
def load(folder: Path = MODELS) -> Models:
    """All rule data, validated; cached per process."""
    phrases: list[Phrase] = []
    regions: dict[str, str] = {}
    for c in read_jsonl("countries.jsonl", folder):
        if c["region"] not in REGIONS:
            raise ConfigError(f"countries.jsonl: {c['id']}: region must be one of {REGIONS}")
        regions[c["id"]] = c["region"]
        for field, label, upper_in in (("names", "COUNTRY", LANGS),
                                       ("demonyms", "COUNTRY", ("en",)),
                                       ("capitals", "LOCATION", LANGS)):
            for lang, items in _per_lang(c.get(field, {}), f"countries.jsonl: {c['id']}").items():
                for text in items:
                    canonical = c["id"] if label == "COUNTRY" else text
                    kind = "ambiguous" if text in c.get("ambiguous", ()) else field
                    phrases.append(Phrase(text, lang, label, canonical,
                                          country=c["id"], needs_upper=lang in upper_in,
                                          kind=kind))
    for inst in read_jsonl("institutions.jsonl", folder):
        country = inst["country"]
        if country is not None and country not in regions:
            raise ConfigError(f"institutions.jsonl: {inst['id']}: unknown country {country!r}")
        for lang, items in _per_lang(inst["aliases"], f"institutions.jsonl: {inst['id']}").items():
            for text in items:
                phrases.append(Phrase(text, lang, "INSTITUTION", inst["id"], country=country,
                                      needs_upper=text[:1].isupper(), kind=inst["kind"]))
    for stop in read_jsonl("stopphrases.jsonl", folder):
        if not isinstance(stop["phrases"], list):
            raise ConfigError(f"stopphrases.jsonl: {stop['id']}: 'phrases' must be a list")
        phrases.extend(Phrase(t, None, "STOP", stop["id"]) for t in stop["phrases"])
    triggers: dict[str, Trigger] = {}
    for trig in read_jsonl("triggers.jsonl", folder):
        for key, allowed in (("type", EVENT_TYPES), ("ship_type", (None, *EVENT_TYPES)),
                             ("strength", (None, *STRENGTHS))):
            if trig.get(key) not in allowed:
                raise ConfigError(f"triggers.jsonl: {trig['id']}: {key} must be one of "
                                  f"{', '.join(a for a in allowed if a)}")
        strength = trig.get("strength", "strong")
        triggers[trig["id"]] = Trigger(trig["type"], strength != "strong", strength == "ship",
                                       trig.get("ship_type"))
        for lang, items in _per_lang(trig["phrases"], f"triggers.jsonl: {trig['id']}").items():
            phrases.extend(Phrase(t, lang, "TRIGGER", f"{trig['id']}.{lang}", kind=trig["type"],
                                  needs_upper=t[:1].isupper()) for t in items)
    for title in read_jsonl("titles.jsonl", folder):
        for lang, items in _per_lang(title["phrases"], f"titles.jsonl: {title['id']}").items():
            phrases.extend(Phrase(t, lang, "TITLE", title["id"], kind=title["rank"],
                                  needs_upper=t[:1].isupper()) for t in items)
    windows = {}
    determiners: dict[str, set[str]] = {lang: set() for lang in LANGS}
    for cue in read_jsonl("cues.jsonl", folder):
        if cue["kind"] not in CUE_KINDS:
            raise ConfigError(f"cues.jsonl: {cue['id']}: kind must be one of "
                              f"{', '.join(CUE_KINDS)}")
        windows[cue["id"]] = int(cue["window"])
        if cue["kind"] == "definite":  # one-word articles: checked on the token before a trigger
            for lang, items in _per_lang(cue["phrases"], f"cues.jsonl: {cue['id']}").items():
                determiners[lang].update(t.lower() for t in items)
            continue
        for lang, items in _per_lang(cue["phrases"], f"cues.jsonl: {cue['id']}").items():
            phrases.extend(Phrase(t, lang, "CUE", cue["id"], kind=cue["kind"]) for t in items)
    dates = json.loads((folder / "dates.json").read_text(encoding="utf-8"))
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(folder.glob("*.json*")):
        digest.update(path.read_bytes())
    return Models(tuple(phrases), regions, windows, triggers,
                  {lang: frozenset(words) for lang, words in determiners.items()}, dates,
                  digest.hexdigest()[:12])
