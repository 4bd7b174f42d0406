"""Write ``models/forms/<lang>.json``: the inflected forms of every word of the lexicon.

The lexicon (``models/lexicon.jsonl``) lists lemmas ("llegar", "dock", "navio"); the text
has forms ("llegó", "docked", "navios"). This script inverts two lemma tables, spaCy's
lookup tables (``spacy-lookups-data``) and simplemma's dictionaries, keeping only the forms
whose lemma is a word of the lexicon, folded (``pipeline.nlp.fold``). The tagger then needs
neither table at run time: a form is looked up in a dictionary of a few thousand entries.

Run it (``make forms``) after adding a word to the lexicon; ``tests/test_lexicon.py`` fails
while a lexicon word has no entry here. Needs the ``forms`` extra:
``pip install -e '.[forms]'``.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.nlp.fold import fold  # noqa: E402
from pipeline.nlp.models import LANGS, lexicon_words  # noqa: E402

FORMS = ROOT / "models" / "forms"
PARTICIPLES = {"ar": ("ado", "ada", "ados", "adas"), "er": ("ido", "ida", "idos", "idas"),
               "ir": ("ido", "ida", "idos", "idas")}


def tables(lang: str):
    """(form, lemma) pairs of both lemma tables for one language."""
    from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory
    from spacy.lookups import load_lookups

    yield from load_lookups(lang, ["lemma_lookup"]).get_table("lemma_lookup").items()
    yield from DefaultDictionaryFactory().get_dictionary(lang).items()


def spellings(lang: str) -> dict[str, set[str]]:
    from pipeline.nlp.models import read_jsonl

    out: dict[str, set[str]] = defaultdict(set)
    for entry in read_jsonl("lexicon.jsonl"):
        for phrase in entry["lemmas"].get(lang, ()):
            for word in phrase.split():
                out[fold(word)].add(word.lower())
    return out


def single_words(lang: str) -> set[str]:
    """Lexicon words (folded) that make a class alone, not only inside a phrase."""
    from pipeline.nlp.models import read_jsonl

    return {fold(p) for e in read_jsonl("lexicon.jsonl")
            for p in e["lemmas"].get(lang, ()) if " " not in p}


def noun_words(lang: str) -> set[str]:
    """Single words of the noun classes (lexicon ids ending in ``_n``)."""
    from pipeline.nlp.models import read_jsonl

    return {fold(p) for e in read_jsonl("lexicon.jsonl") if e["id"].endswith("_n")
            for p in e["lemmas"].get(lang, ()) if " " not in p}


def class_nouns(lang: str) -> set[str]:
    """Words of the noun classes: the actor, object and ``_n`` classes (folded), but not the
    armed forces (``military``): "as Marinhas de Argentina e Uruguai" after a ship's listed
    stops would read as more stops (``parties.listed_stops`` takes every state the sentence
    names after its list as a port), a gap to close there first."""
    from pipeline.nlp.models import read_jsonl

    return {fold(w) for e in read_jsonl("lexicon.jsonl")
            if e["id"] != "military" and (e.get("kind") in ("actor", "object")
                                          or e["id"].endswith("_n"))
            for p in e["lemmas"].get(lang, ()) for w in p.split()}


PT_PREFIXES = frozenset({"contra", "vice", "ex", "extra", "porta", "guarda", "quebra", "caca",
                         "sub"})
# a prefix word that is also a noun of its own: "guarda-marinha", "guarda-costeiro" (a guard
# of the navy, of the coast) make "guardas-marinha", "guardas-costeiros"; as a verb before an
# object it stays ("guarda-costas", "guarda-chuvas")
NOUN_PREFIXES = frozenset({"guarda"})
PT_PREFIX_VERBED = frozenset({"costas", "chuva", "roupa", "volumes", "sol"})


# forms the tables or the participle rule give a word that are, in running text, a word of
# their own: Portuguese "estado(s)" is a state, never "been" ("tem estado em" is rare), so
# "os Estados em conflito" is no "estar em" (a visit); English "commissioned",
# "commissioning" are a ship's entry into service ("was commissioned into the Chilean Navy",
# "the navy commissioned three patrol boats"), never a sitting of a commission (a forum);
# "despacho" is an office ("recibió en su despacho al viceministro") or an order, never
# "I dispatch" in the news; "matrícula" is an aircraft's or ship's registration ("con
# matrícula FAP-327", "de matrícula FAB 4100") or a school's roll, never "enrols"
NOT_FORMS = {"pt": {"estar": {"estado", "estados", "estada", "estadas"},
                    "despachar": {"despacho", "despachos"},
                    "matricular": {"matricula", "matriculas"}},
             "es": {"despachar": {"despacho", "despachos"},
                    "matricular": {"matricula", "matriculas"}},
             "en": {"commission": {"commissioned", "commissioning"}}}


def pt_plural(word: str) -> set[str]:
    """The regular plurals of a folded Portuguese noun ("obuseiro" -> "obuseiros", "municao"
    -> "municoes", "navio-patrulha" -> "navios-patrulha" and "navios-patrulhas"; a prefix
    word like "contra-almirante" or "vice-ministro" plural in its last part; "guarda-marinha"
    in either, "guardas-marinha")."""
    if "-" in word:
        head, _, tail = word.partition("-")
        lasts = {f"{head}-{t}" for t in pt_plural(tail)}
        if head in PT_PREFIXES and not (head in NOUN_PREFIXES and tail not in PT_PREFIX_VERBED):
            return lasts
        firsts = {f"{h}-{tail}" for h in pt_plural(head)}
        return firsts | lasts | {f"{h}-{t}" for h in pt_plural(head) for t in pt_plural(tail)}
    if sum(c in "aeiou" for c in word) < 2 or word.endswith(("s", "x")):
        return set()  # (an acronym: "epl")
    if word.endswith("ao"):
        return {word[:-2] + "oes", word[:-2] + "aes", word + "s"}
    if word.endswith("m"):
        return {word[:-1] + "ns"}
    if word.endswith(("r", "z")):
        return {word + "es"}
    if word.endswith("il"):
        return {word[:-1] + "s"}
    if word.endswith("l"):
        return {word[:-1] + "is"}
    if word[-1] in "aeiou":
        return {word + "s"}
    return set()


def _verb_form(lang: str, form: str, lemma: str) -> bool:
    """A Spanish verb's third person of the preterite, whose accent tells it from a noun of
    the lexicon ("traspasó" beside "traspaso", "encargó" beside "encargo", "contrató" beside
    "contrato", "envió" beside "envío"): spelt, it reads its verb too, where the text writes
    that accent ("Estados Unidos traspasó dos patrulleras": a handing over told by its verb)."""
    if lang != "es" or len(lemma) < 5:
        return False
    stem, ending = lemma[:-2], lemma[-2:]
    return (ending == "ar" and form == stem + "ó") or (ending in ("er", "ir")
                                                       and form == stem + "ió")


def function_words(lang: str) -> set[str]:
    data = json.loads((ROOT / "models" / "stopwords.json").read_text(encoding="utf-8"))
    return {fold(w) for w in data["function_words"][lang]}


def build(lang: str, words: set[str]) -> dict[str, list[str]]:
    """Lexicon word -> its forms; never a function word ("de" is no form of "dar") and
    never a form with other than letters, hyphens and apostrophes."""
    forms: dict[str, set[str]] = defaultdict(set)
    blocked = function_words(lang)
    spelled = spellings(lang)  # folded lexicon word -> how the lexicon writes it
    alone = single_words(lang)
    nouns = noun_words(lang)
    for form, lemma in tables(lang):
        if not isinstance(form, str) or not isinstance(lemma, str):
            continue
        key = fold(lemma)
        if key in words and key not in blocked:
            folded = fold(form)
            if folded in spelled and form.lower() not in spelled[folded]:
                # "ejercito" (I drill) folds like "ejército" (army): not a form of it; but a
                # form whose accent tells it from a lexicon word that is only part of
                # phrases ("pasó" beside the "paso" of "ejercicio de paso") stays, kept as
                # spelt: the tagger reads it only where the text writes that accent (an
                # accent written is a sign, an accent missing is not: "ejercito" is the
                # army spelt carelessly). Beside a word with a class of its own ("envío",
                # "contrato") the form reads that word's class, as it always has: the
                # confidence weights were fitted so ("envió" reads a delivery noun)
                if (form.lower() != folded and folded not in blocked and key != folded
                        and (folded not in alone or _verb_form(lang, form.lower(), key))):
                    forms[key].add(unicodedata.normalize("NFC", form.lower()))
                continue
            if lang == "en" and folded in nouns and key not in nouns:
                continue  # "meeting", "training": the nouns, not forms of "meet", "train"
            if (folded != key and folded not in blocked
                    and folded.replace("-", "").replace("'", "").isalpha()):
                forms[key].add(folded)
    if lang in ("es", "pt"):  # the tables read participles as adjectives of their own:
        for verb in words:       # "entregado", "recebidas" are forms of their verbs too
            stem, ending = verb[:-2], verb[-2:]
            if ending in PARTICIPLES and len(stem) > 2 and verb not in blocked:
                forms[verb].update(stem + e for e in PARTICIPLES[ending]
                                   if fold(stem + e) not in spelled or verb == stem + e)
    for verb, nouns in NOT_FORMS.get(lang, {}).items():
        forms[verb] -= nouns
    if lang == "pt":  # a noun the tables do not know ("obuseiro", "navio-patrulha",
        # "contratorpedeiro") gets its regular plural, as the tables give "navios", "fragatas"
        for noun in class_nouns(lang) & words:
            if not forms.get(noun) and noun not in blocked:
                forms[noun].update(f for f in pt_plural(noun) if f not in spelled)
    return {w: sorted(forms.get(w, ())) for w in sorted(words)}


def main() -> int:
    FORMS.mkdir(parents=True, exist_ok=True)
    for lang in LANGS:
        words = lexicon_words(lang)
        forms = build(lang, words)
        path = FORMS / f"{lang}.json"
        path.write_text(json.dumps(forms, ensure_ascii=False, indent=0, sort_keys=True) + "\n",
                        encoding="utf-8")
        print(f"{path.relative_to(ROOT)}: {len(forms)} words, "
              f"{sum(map(len, forms.values()))} forms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
