"""Hostile text through the text → events stage (``pipeline.nlp.tag``), with hypothesis.

Arbitrary Unicode, control characters, mixed scripts, very long sentences and thousands of
country names in one sentence: no exception, every offset inside the text and pointing at
the words it claims. Time per character is measured by the benchmark, not asserted here.
Also: bytes that are not text are refused at extraction with a clear error.
"""

import hashlib
import random
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.extract import extract
from pipeline.records import Document, Fetched
from pipeline.settings import Settings

LANGUAGES = st.sampled_from(["en", "es", "pt", None, "zz"])
# words the rules care about, so random text reaches the event code, not just the tokenizer
VOCABULARY = [
    "China", "Chinese", "Peru", "Peruvian", "Perú", "Brazil", "Brasil", "Brazilian", "Beijing",
    "Lima", "Defense Minister", "Minister of Defense", "General", "Admiral", "Commander", "met",
    "visited", "signed", "docked", "joint exercise", "donated", "graduated from", "forum",
    "reuniu-se com", "se reunió con", "visitó", "firmaron", "8 July 2024", "3 de mayo de 2023",
    "12 de março de 2022", "July 2024", "2024", "on Tuesday", "last week", "PLA", "Navy",
    "People's Liberation Army", ".", ",", "\n\n", ";", "(", ")", "“", "”", "—", "Mr.", "Gen.",
    "中国", "國防部", "Перу", "البرازيل", "ब्राज़ील", "🇨🇳", "🇵🇪", "\u200b", "\u202e", "\ufeff",
    "\x00",
    "\x07", "\r", "\t", "\u00ad", "e\u0301", "ﬁ", "İ", "ß",
]
ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=2000)
MIXED = st.lists(st.one_of(st.sampled_from(VOCABULARY), st.text(max_size=12)),
                 max_size=300).map(" ".join)
SETTINGS = settings(max_examples=60, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def check(text: str, language: str | None):
    """Tag without an exception; every span lies inside the text and quotes it exactly."""
    from pipeline.nlp import tag

    doc = Document(id="h" * 64, url="file:///hostile.txt", source=None, text=text,
                   language=language, published="2024-07-09")
    tagged = tag(doc)
    n = len(text)
    for m in tagged.mentions:
        assert 0 <= m.start < m.end <= n, m
        if m.label != "DATE":
            assert text[m.start:m.end] == m.text, m
    for event in tagged.events:
        assert event.evidence, event
        for e in event.evidence:
            assert 0 <= e.start <= e.trigger_start < e.trigger_end <= e.end <= n, e
            assert text[e.start:e.end] == e.sentence, e
            assert text[e.trigger_start:e.trigger_end] == e.trigger, e
    return tagged


@SETTINGS
@given(ANY_TEXT, LANGUAGES)
def test_arbitrary_unicode_and_control_characters(text, language):
    check(text, language)


@SETTINGS
@given(MIXED, LANGUAGES)
def test_rule_words_in_mixed_scripts_and_noise(text, language):
    check(text, language)


@settings(max_examples=8, deadline=None, derandomize=True)
@given(st.integers(1_000, 40_000), st.sampled_from(["word", "China", "met", "Perú,", "中国"]))
def test_a_very_long_sentence_with_no_full_stop(words, word):
    check("Chinese Defense Minister Wei Han met officials " + " ".join([word] * words), "en")


@settings(max_examples=5, deadline=None, derandomize=True)
@given(st.integers(1_000, 5_000), st.randoms(use_true_random=False))
def test_thousands_of_country_names_in_one_sentence(count, rnd):
    from pipeline.nlp.models import load

    names = sorted({p.text for p in load().phrases if p.label == "COUNTRY"})
    listed = ", ".join(rnd.choice(names) for _ in range(count))
    check(f"Chinese Defense Minister Wei Han met officials of {listed} in Lima on 8 July 2024.",
          "en")


def test_hundreds_of_event_sentences_in_one_document_are_each_found():
    text = " ".join(f"Chinese Defense Minister Wei Han met Peruvian Army Commander Ana Duarte "
                    f"on {1 + k % 28} July {1990 + k % 30}." for k in range(300))
    tagged = check(text, "en")
    # every sentence is the evidence of exactly one event (visits days apart may merge)
    starts = [e.start for event in tagged.events for e in event.evidence]
    assert len(starts) == len(set(starts)) == 300


# ---------------------------------------------------------------- bytes that are not text

def extracted(body: bytes) -> Document:
    fetched = Fetched(url="file:///x.txt", final_url="file:///x.txt", source="s", body=body,
                      sha256=hashlib.sha256(body).hexdigest())
    return extract(fetched, Settings())


def test_binary_with_nul_bytes_is_refused_with_a_clear_error():
    rnd = random.Random(8)
    doc = extracted(b"\x00\x01\x02\x00" + bytes(rnd.randrange(256) for _ in range(4096)))
    assert (doc.error_class, doc.error, doc.text) == (
        "unsupported_type", "not a document: application/octet-stream", "")


def test_utf16_text_is_still_text():
    doc = extracted("Relatório da visita à China e ao Peru.".encode("utf-16"))
    assert (doc.error_class, doc.text) == (None, "Relatório da visita à China e ao Peru.")


@pytest.mark.parametrize("kind", ["random bytes, no NUL", "control characters", "text then binary"])
def test_binary_without_nul_bytes_is_refused_with_a_clear_error(kind):
    rnd = random.Random(kind)
    noise = bytes(rnd.randrange(1, 256) for _ in range(4096))
    body = {"random bytes, no NUL": noise,
            "control characters": bytes(rnd.randrange(1, 32) for _ in range(4096)),
            "text then binary": b"A short header line of text\n" * 20 + noise}[kind]
    doc = extracted(body)
    assert doc.error_class == "unsupported_type", doc.text[:80]
    assert doc.error.startswith("not a document: ")


def test_plain_text_with_a_few_odd_characters_is_not_mistaken_for_binary():
    body = ("Officials from Peru and China met in Lima.\x0c\n" + string.punctuation).encode()
    assert extracted(body).error_class is None
