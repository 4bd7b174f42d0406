"""NLP stage: ``tag(document) -> Tagged``.

Blank spaCy pipelines (en, es, pt) with rule components only, built once per process
and language: ``milex_sentences`` → ``milex_rules`` (``component.py``: folded text,
gazetteers, lexicon classes through lemmas). Dates are found by ``datescan.py`` (less the
numbers that name a platform's model, "Atmos 2000": ``designations.py``) and resolved in
reading order by ``timeline.py``; events are read from triggers by the frames
of ``frames.py``, assembled by ``events.py`` (a trigger's parties from ``parties.py``, its
date from ``clauses.py``, its vetoes from ``cues.py``) and merged (within the document) by
``merge.py``, each with a confidence from ``confidence.py``. An installed statistical model
is never needed.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from pipeline.nlp import fast

# the rule modules compiled by ``make fast`` run in place of their source while they match it
# (``fast.py``; before any of them is imported)
COMPILED = fast.use(__path__)

from pipeline.nlp.models import LANGS, load  # noqa: E402
from pipeline.records import Document, Mention, Tagged  # noqa: E402

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from pipeline.nlp.datescan import DateMention
    from pipeline.nlp.models import Models

# spaCy (and the modules that need it) is imported when a pipeline is first built, not with
# this package: a re-run that finds every input unchanged never pays for it.


def _dates(doc: Doc, text: str, lang: str, models: Models) -> list[DateMention]:
    """The date mentions of a text, less the numbers that name a platform's model ("Atmos
    2000", "caças Mirage 2000"): no year."""
    from pipeline.nlp.datescan import scan
    from pipeline.nlp.designations import designations
    from pipeline.nlp.marks import Norms, found

    marks = found(doc)
    return designations(scan(text, lang), text, marks.lex, marks.token_starts,
                        models.function_words.get(lang, frozenset()), Norms.of(doc))


@cache
def pipeline(lang: str) -> Language:
    """The rule pipeline for one language (built once per process)."""
    import spacy

    from pipeline.nlp import component as _component  # noqa: F401  (registers the factories)
    from pipeline.nlp.tokens import ChunkCachedTokenizer

    nlp = spacy.blank(lang if lang in LANGS else "en")
    nlp.max_length = 10_000_000
    if lang in ("es", "pt"):
        _split_country_pairs(nlp, lang)
    nlp.tokenizer = ChunkCachedTokenizer(nlp.tokenizer)
    nlp.add_pipe("milex_sentences")
    nlp.add_pipe("milex_rules")
    return nlp


def _split_country_pairs(nlp: Language, lang: str) -> None:
    """Split a hyphen before a country's name ("Comissão Mista Brasil-China", "diálogo
    Chile-Estados Unidos"): Spanish and Portuguese keep a hyphen between letters inside one
    token ("reuniu-se", "Estado-Maior"), so the pair of states named that way was never read.
    English splits every hyphen already."""
    import re

    from spacy.lang.punctuation import TOKENIZER_INFIXES
    from spacy.tokenizer import Tokenizer
    from spacy.util import compile_infix_regex

    from pipeline.nlp.models import read_jsonl

    # (the tokenizer sees one whitespace-delimited chunk: "Brasil-Estados" of "Brasil-Estados
    # Unidos" shows only the first word of a name)
    names = "|".join(map(re.escape, sorted(
        {n.split()[0] for c in read_jsonl("countries.jsonl") for n in c["names"].get(lang, ())
         if n[:1].isupper()}, key=len, reverse=True)))
    pair = rf"(?<=[^\W\d_])[-–](?=(?:{names})\b)"
    # (Portuguese keeps "word-word" whole by an infix matching the whole token: not before a
    # country's name)
    whole = r"(\w+-\w+(-\w+)*)"
    infixes = [rf"(\w+-(?!(?:{names})\b)\w+(-\w+)*)" if i == whole else i
               for i in (nlp.Defaults.infixes or TOKENIZER_INFIXES)]
    infixes.append(pair)
    tokenizer: Tokenizer = nlp.tokenizer  # type: ignore[assignment]
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def nlp_version(min_confidence: float = -1.0) -> str:
    """What stored documents were tagged with: the rule data, and a confidence floor other
    than the fitted one."""
    version = load().version
    return version if min_confidence < 0 else f"{version}@{min_confidence:g}"


def tag(document: Document, min_confidence: float | None = None,
        wording: bool | None = None) -> Tagged:
    """Mentions and events of one document (none for a failed or empty one); events less
    confident than ``min_confidence`` (default: the fitted threshold) are left out. With
    ``wording`` (default: when the confidence model weighs it) each event's features hold
    the wording of its sentence (``wording.py``; a fit asks for them)."""
    from pipeline.nlp.events import assemble
    from pipeline.nlp.marks import found
    from pipeline.nlp.parties import country_of, place_country, with_places
    from pipeline.nlp.timeline import Timeline

    models = load()
    version = nlp_version(-1.0 if min_confidence is None else min_confidence)
    if document.error_class or not document.text.strip():
        return Tagged(document, (), (), version)
    lang = document.language if document.language in LANGS else "en"
    doc = _records(pipeline(lang), document.text)
    timeline = Timeline(document.text, lang, document.published,
                        _dates(doc, document.text, lang, models))
    title = None  # tagged only when the text does not start with it (it is context then)
    if document.title:
        head = " ".join(document.text[:400].split()).lower()
        if not head.startswith(" ".join(document.title.split()).lower()[:60]):
            title = _records(pipeline(lang), document.title)
    events = assemble(doc, timeline, document, models, title, min_confidence=min_confidence,
                      wording=wording)
    dates = timeline.until(len(document.text) + 1)
    text = document.text  # (a span's text is the text between its offsets: it is not rebuilt)
    tagged = found(doc)
    ents = tagged.ents
    named = with_places({country_of(e, models) for e in ents if e.label_ != "LOCATION"},
                        ents, models)
    mentions = [
        *(Mention(e.label_, text[e.start_char:e.end_char], e.start_char, e.end_char, e.kb_id_,
                  f"gazetteer.{e.label_.lower()}",
                  place_country(e, models, named) if e.label_ == "LOCATION"
                  else country_of(e, models)) for e in ents),
        *(Mention("PERSON", text[p.start_char:p.end_char], p.start_char, p.end_char, p.kb_id_,
                  "person.title") for p in tagged.persons),
        *(Mention("TRIGGER", text[t.start_char:t.end_char], t.start_char, t.end_char, t.label_,
                  f"lexicon.{t.label_}") for t in tagged.triggers),
        *(Mention("DATE", d.text, d.start, d.end, d.value, d.rule) for d in dates),
    ]
    return Tagged(document, tuple(sorted(mentions, key=lambda m: (m.start, m.label))),
                  tuple(events), version)


def _records(nlp: Language, text: str) -> Doc:
    """``nlp(text)`` keeping what the rules find as records only (``marks.found``): the
    event assembler reads nothing else, and spaCy spans cost time to build."""
    from pipeline.nlp.component import RECORDS_ONLY

    doc = nlp.make_doc(text)
    doc.user_data[RECORDS_ONLY] = True
    return nlp(doc)
