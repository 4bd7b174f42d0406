"""The cached tokenizer of the NLP pipelines makes exactly spaCy's tokens, and its cache
stays bounded."""

import spacy

from pipeline.nlp import pipeline
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
