"""The NLP stage's fast paths find exactly what the plain way finds: the cached tokenizer
makes spaCy's tokens (and its cache stays bounded); the date anchors found run by run are
the anchor regex's own matches; date rules tried only where they may start find all and
only the matches of a scan of the whole window; the marks the event assembler reads are the
spans the rule component assigns."""

import random
import re

import pytest
import spacy

from pipeline.nlp import pipeline
from pipeline.nlp.datescan import _alt, _anchor, _anchor_words, _anchors, _patterns, _prefilter
from pipeline.nlp.marks import Norms, found, sentences
from pipeline.nlp.models import load
from pipeline.nlp.prefilter import matches, starts
from pipeline.nlp.tokens import ChunkCachedTokenizer

TEXTS = {
    "en": ["The U.S. Navy's hospital ship didn't dock on Feb. 3; it arrived (at 10 a.m.) "
           "in Callao, Peru, with 1,200 crew -- e-mail: info@navy.mil, https://navy.mil/x.",
           "Officers don't say \"no\":  they said it's 'fine'...\n\nU.S.-Peru talks, Feb. 4."],
    "es": ["El buque llegó el 3 de feb. a Valparaíso (Chile); ¿qué dijo el Sr. Pérez?\n"
           "«Bienvenidos», dijo, etc. La Armada de EE.UU. respondió."],
    "pt": ["O navio-escola chegou à Bahia às 10h, c/ 200 tripulantes; Sr. Silva: \"ok\"."],
}


def tokens(doc) -> list[tuple[str, str, int]]:
    return [(t.text, t.whitespace_, t.idx) for t in doc]


def test_same_tokens_as_spacy_first_and_every_later_time():
    for lang, texts in TEXTS.items():
        plain = spacy.blank(lang).tokenizer
        cached = pipeline(lang).tokenizer
        assert isinstance(cached, ChunkCachedTokenizer)
        for _ in range(3):
            for text in texts:
                assert tokens(cached(text)) == tokens(plain(text))
                assert tokens(cached(text.upper())) == tokens(plain(text.upper()))


def test_chunks_seen_stop_at_the_bound():
    cached = ChunkCachedTokenizer(spacy.blank("en").tokenizer, max_chunks=5)
    plain = spacy.blank("en").tokenizer
    text = " ".join(TEXTS["en"])
    assert tokens(cached(text)) == tokens(plain(text))
    assert len(cached.seen) == 5
    assert tokens(cached(text)) == tokens(plain(text))
    assert len(cached.seen) == 5


def spans(matches) -> list[tuple[int, int, str | None]]:
    return [(m.start(), m.end(), m.lastgroup) for m in matches]


@pytest.mark.parametrize("lang", ["en", "es", "pt"])
def test_date_anchors_are_the_anchor_regex_matches(lang):
    words = sorted(w for ws in _anchor_words(lang).values() for w in ws)
    pieces = [*words, "dia", "día", "-", "_", " ", "  ", "\n", ",", ".", "(", "2024", "1999",
              "20245", "21st", "3rd", "1", "12", "x", "ab", "é", "²", "th", "st", "ñ", "o"]
    # the anchor regex writes each kind's words as a tree: it finds what their alternation
    # (longest first) finds
    kinds = "|".join(rf"(?P<{kind}>(?<!\w)(?:{_alt(ws)})(?!\w))"
                     for kind, ws in _anchor_words(lang).items())
    alternation = re.compile(rf"(?P<year>(?<!\d)(?:19|20)\d\d(?!\d))|"
                             rf"(?P<day>\d(?:st|nd|rd|th)\b|(?<![\w-])d[ií]as?(?![\w-]))|{kinds}")
    rng = random.Random(lang)
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 40)))
        for sample in (text, text.lower()):
            assert spans(_anchors(sample, lang)) == spans(_anchor(lang).finditer(sample))
            assert spans(_anchor(lang).finditer(sample)) == spans(alternation.finditer(sample))
    prose = "El día 3 de marzo, on the 21st of May 2024-05, segunda-feira (8), 1999年 dias"
    assert spans(_anchors(prose, lang)) == spans(_anchor(lang).finditer(prose))


def test_starts_of_a_pattern_are_its_literal_openings():
    s = starts(re.compile(r"(?<![\w-])(?:(?:in|en)\s*)?(?P<m>may|march)\s+\d{4}"))
    assert s is not None and s.word_start and not s.digit
    assert s.literals == {"in", "en", "inmay", "inmarch", "enmay", "enmarch", "may", "march"}
    s = starts(re.compile(r"(?:(?<=mid-)|(?<![\w-]))(?:[0-3]?\d)(?:st|th)?\s+of"))
    assert s is not None and s.word_start and s.digit and not s.literals
    assert not starts(re.compile(r"(?<=x)may")).word_start  # a letter may stand before
    assert starts(re.compile(r"(?<![\w-])[a-z]+day")) is None  # any letter may open it
    assert starts(re.compile(r"(?<![\w-])(?:may)?")) is None  # it may match nothing
    assert starts(re.compile(r"may", re.IGNORECASE)) is None


@pytest.mark.parametrize("lang", ["en", "es", "pt"])
def test_date_rules_tried_only_where_they_may_start_find_every_match(lang):
    data = load().dates
    words = sorted({w for key in ("months", "weekdays") for names in data[key][lang] for w in names}
                   | {w for e in data["relative"][lang] for w in e["phrase"].split()}
                   | set(data["units"][lang]) | set(data["numbers"][lang])
                   | {w for s in data["shifts"][lang] for w in s.split()}
                   | set(data["weekday_prefix"][lang]))
    pieces = [*words, "de", "del", "el", "the", "of", "in", "en", "em", "a", "o", "no", "from",
              "between", "entre", "desde", "until", "mid-", "early", "edition", "edición",
              "día", "dia", "2024", "1999", "3", "21", "1st", "15th", "(", ")", ",", ".", "-",
              "–", " ", " ", " ", "  ", "\n", "\t", "\u00a0", " \n ", "x", "_", "é", "año", "year",
              "this year", "20",
              "19", "1", "30", "2020-05-04", " de ", " of ", " and ", " y ", " to ",
              *(e["phrase"] for e in data["relative"][lang])]
    months = [w for names in data["months"][lang] for w in names]
    days = ["1", "3", "19", "20", "21", "30", "21st", "2º"]
    dated = random.Random(f"dates-{lang}")
    forms = ["{d} de {m}", "{d} {m} {y}", "{m} {d}, {y}", "{d} and {e} {m}", "{d}-{e} de {m}",
             "entre el {d} y el {e} de {m} de {y}", "{m} de {y}", "the {d}", "el día {d}",
             "{m} {d}-{e}", "mid-{m} {y}", "{y}-{m}", "{d} of {m}, {y}"]
    pieces += [form.format(d=dated.choice(days), e=dated.choice(days), m=dated.choice(months),
                           y=dated.choice(["2024", "1999", "20", "19"]))
               for form in forms for _ in range(6)]
    rules = _patterns(lang)
    filter_ = _prefilter(lang)
    assert {"date.month_year", "date.relative", "date.shift"} <= set(filter_.names)
    rng = random.Random(f"rules-{lang}")
    for _ in range(200):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 60))).lower()
        some = set(rng.sample(filter_.names, rng.randint(0, len(filter_.names))))
        points = filter_.points(text, some) if rng.random() < 0.5 else filter_.points(text)
        cut = sorted(rng.sample(range(len(text) + 1), min(4, len(text) + 1)))
        where = [(0, len(text))] + [(cut[i], cut[i + 1]) for i in range(0, len(cut) - 1, 2)]
        for rule, pattern in rules:
            if rule not in points:
                continue
            for window in ([where[0]], where[1:]):
                plain = [(m.span(), m.groupdict()) for a, b in window
                         for m in pattern.finditer(text, a, b)]
                fast = [(m.span(), m.groupdict())
                        for m in matches(pattern, text, window, points[rule])]
                assert fast == plain, (rule, text, window)


MARKED = {
    "es": "El ministro de Defensa chino, Dong Jun, recibió al comandante del Ejército, general "
          "Tomás Ribeiro Paiva, en Brasilia.\nNo hubo ejercicios navales conjuntos en 2023; la "
          "Armada de Chile donó un buque a la Armada del Perú.",
    "en": "The U.S. Navy hospital ship USNS Comfort docked in Callao, Peru, on 3 July 2023.\n\n"
          "Admiral Craig Faller met Colombian Defense Minister Diego Molano in Bogotá. The "
          "navies did not hold the planned exercise.",
    "pt": "O navio-hospital Arca da Paz chegou a Granada. O ministro da Defesa, José Múcio, "
          "recebeu o general chinês.",
}


def plain(spans) -> list[tuple[int, int, int, int, str, str]]:
    return [(s.start, s.end, s.start_char, s.end_char, s.label_, s.kb_id_) for s in spans]


@pytest.mark.parametrize("lang", ["en", "es", "pt"])
def test_the_marks_the_assembler_reads_are_the_spans_assigned(lang):
    doc = pipeline(lang)(MARKED[lang])
    kept = found(doc)
    assert plain(kept.ents) == plain(doc.ents) and kept.ents
    for name in ("lex", "triggers", "cues", "titles", "persons"):
        assert plain(getattr(kept, name)) == plain(doc.spans[name]), name
    assert kept.lex and kept.triggers and kept.cues and kept.titles and kept.persons
    assert [(s.start, s.end, s.start_char, s.end_char) for s in sentences(doc)] == [
        (s.start, s.end, s.start_char, s.end_char) for s in doc.sents]
    norms = Norms(doc)
    assert [norms[i] for i in range(len(doc))] == [t.norm_ for t in doc]
    assert norms[2:5] == [t.norm_ for t in doc[2:5]]


@pytest.mark.parametrize("lang", ["en", "es", "pt"])
def test_the_rules_find_the_same_without_what_the_sentence_splitter_leaves(lang):
    """``milex_rules`` reads the token arrays ``milex_sentences`` left, or reads them itself."""
    from pipeline.nlp.component import TOKENS

    nlp = pipeline(lang)
    full = nlp(MARKED[lang])
    doc = nlp.get_pipe("milex_sentences")(nlp.make_doc(MARKED[lang]))
    assert TOKENS in doc.user_data
    del doc.user_data[TOKENS]
    alone = nlp.get_pipe("milex_rules")(doc)
    for name in ("ents", "lex", "triggers", "cues", "titles", "persons", "token_starts",
                 "token_ends"):
        assert getattr(found(alone), name) == getattr(found(full), name), name
    assert TOKENS not in full.user_data


@pytest.mark.parametrize("lang", ["en", "es", "pt"])
def test_tagging_on_records_only_finds_what_the_full_pipeline_finds(lang):
    """``tag()`` runs the rules without building spaCy spans; what they find is the same."""
    from pipeline.nlp import _records

    full, records = pipeline(lang)(MARKED[lang]), _records(pipeline(lang), MARKED[lang])
    assert not records.ents and not records.spans
    for name in ("ents", "lex", "triggers", "cues", "titles", "persons"):
        assert getattr(found(records), name) == getattr(found(full), name), name
    assert sentences(records) == sentences(full)
