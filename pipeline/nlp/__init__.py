"""NLP stage: ``tag(document) -> Tagged``.

Blank spaCy pipelines (en, es, pt) with rule components only, built once per process
and language: ``milex_sentences`` → ``milex_rules``
(see ``component.py``). Dates are found by ``dates.py``; events are assembled by
``events.py`` and merged (within the document) by ``merge.py``. An installed statistical
model is never needed.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

import numpy

from pipeline.nlp import dates as _dates
from pipeline.nlp.models import LANGS, load
from pipeline.records import Document, Mention, Tagged

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# spaCy (and the modules that need it) is imported when a pipeline is first built, not with
# this package: a re-run that finds every input unchanged never pays for it.



@cache
def pipeline(lang: str) -> Language:
    """The rule pipeline for one language (built once per process)."""
    import spacy

    from pipeline.nlp import component as _component  # noqa: F401  (registers the factories)

    nlp = spacy.blank(lang if lang in LANGS else "en")
    nlp.max_length = 10_000_000
    nlp.add_pipe("milex_sentences")
    nlp.add_pipe("milex_rules")
    return nlp


def _anchors(doc: Doc, lang: str) -> list[tuple[int, int, str]]:
    """Character spans and kinds of the tokens a date expression needs: a digit, or a month,
    weekday or relative word (read off token arrays, not by scanning the text again)."""
    from spacy.attrs import IDX, LOWER, SHAPE

    lower, shape, idx = doc.to_array([LOWER, SHAPE, IDX]).T
    strings = doc.vocab.strings
    numeric = [h for h in set(shape.tolist()) if "d" in strings[h]]
    kinds = numpy.full(len(doc), "", dtype=object)
    kinds[numpy.isin(shape, numeric)] = "digit"
    for kind, hashes in _anchor_hashes(lang, doc.vocab).items():
        kinds[(kinds == "") & numpy.isin(lower, hashes)] = kind
    return [(int(idx[i]), int(idx[i]) + len(doc[int(i)]), kinds[i])
            for i in numpy.flatnonzero(kinds != "")]


@cache
def _anchor_hashes(lang: str, vocab) -> dict[str, numpy.ndarray]:
    return {kind: numpy.array([vocab.strings.add(w) for w in words], dtype="uint64")
            for kind, words in _dates.anchor_words(lang).items()}


def nlp_version() -> str:
    return load().version


def tag(document: Document) -> Tagged:
    """Mentions and events of one document (none for a failed or empty one)."""
    from pipeline.nlp.events import assemble, country_of

    models = load()
    if document.error_class or not document.text.strip():
        return Tagged(document, (), (), models.version)
    lang = document.language if document.language in LANGS else "en"
    doc = pipeline(lang)(document.text)
    dates = _dates.find(document.text, lang, document.published, _anchors(doc, lang))
    mentions = [
        *(Mention(e.label_, e.text, e.start_char, e.end_char, e.kb_id_,
                  f"gazetteer.{e.label_.lower()}",
                  country_of(e, models)) for e in doc.ents),
        *(Mention("PERSON", p.text, p.start_char, p.end_char, p.kb_id_, "person.title")
          for p in doc.spans["persons"]),
        *(Mention("TRIGGER", t.text, t.start_char, t.end_char, t.label_, t.kb_id_)
          for t in doc.spans["triggers"]),
        *(Mention("DATE", d.text, d.start, d.end, d.value, d.rule) for d in dates),
    ]
    title = None  # tagged only when the text does not start with it (it is context then)
    if document.title:
        head = " ".join(document.text[:400].split()).lower()
        if not head.startswith(" ".join(document.title.split()).lower()[:60]):
            title = pipeline(lang)(document.title)
    events = assemble(doc, dates, document, models, title)
    return Tagged(document, tuple(sorted(mentions, key=lambda m: (m.start, m.label))),
                  tuple(events), models.version)
