"""The NLP stage's fast paths find exactly what the plain way finds: the cached tokenizer
makes spaCy's tokens (and its cache stays bounded); the date anchors found run by run are
the anchor regex's own matches."""

import random

import pytest
import spacy

from pipeline.nlp import pipeline
from pipeline.nlp.timeline import _anchor, _anchor_words, _anchors
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
    rng = random.Random(lang)
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 40)))
        for sample in (text, text.lower()):
            assert spans(_anchors(sample, lang)) == spans(_anchor(lang).finditer(sample))
    prose = "El día 3 de marzo, on the 21st of May 2024-05, segunda-feira (8), 1999年 dias"
    assert spans(_anchors(prose, lang)) == spans(_anchor(lang).finditer(prose))
