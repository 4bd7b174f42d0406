"""``models/articles.json``: the articles and the words said with them, one list per kind,
read by ``events``, ``component`` and ``cues`` (no module keeps a copy of its own)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pipeline.errors import ConfigError
from pipeline.nlp import component, cues, events
from pipeline.nlp.models import (
    ARTICLE_KINDS,
    LANGS,
    MODELS,
    _words,
    article_words,
    articles,
    load,
)


def copy_models(tmp_path: Path) -> Path:
    folder = tmp_path / "models"
    shutil.copytree(MODELS, folder)
    return folder


def test_every_kind_is_listed_for_every_language() -> None:
    data = articles()
    assert set(data) == set(ARTICLE_KINDS)
    for kind, lists in data.items():
        # (of_the lists one-word contractions of "of" and an article, "del", "dos": English
        # has none, and reads "of the" as two words)
        assert all(words for lang, words in lists.items()
                   if not (kind == "of_the" and lang == "en")), kind
        if kind != "name_particles":
            assert set(lists) == set(LANGS), kind


@pytest.mark.parametrize("lang", LANGS)
def test_articles_are_function_words(lang: str) -> None:
    """An article is never read as a lexicon lemma's form: each is a function word of its
    language (stopwords.json), which the forms tables leave out."""
    words = _words(MODELS, "function_words")[lang]
    for kind in ("definite_singular", "definite_plural", "indefinite", "of"):
        assert articles()[kind][lang] <= words, (kind, lang)


def test_modules_read_the_lists_they_need() -> None:
    """Each module's constant is its kinds of articles.json, as its own comment says."""
    assert component.ARTICLES == {"the", "el", "la", "los", "las", "o", "a", "os", "as"}
    assert component.OF_WORDS == component.OF_COUNTRY | component.ARTICLES - {"el"}
    assert "el" not in component.OF_WORDS  # "Ministerio de Defensa de El Salvador"
    assert {"da", "von", "y"} <= component.NAME_PARTICLES
    assert cues.ARTICLES == {"a", "an", "the"}
    assert cues.ONE_OF_ARTICLES == {"the", "los", "las"}
    assert events.ARTICLES["pt"] == {"o", "a", "os", "as", "um", "uma", "uns", "umas"}
    assert events.OF_WORDS == component.OF_COUNTRY | component.ARTICLES
    assert events.PLURAL_ARTICLES == {"the", "los", "las", "os", "as"}
    assert events.DEFINITE_ARTICLES == {"the", "el", "la", "o", "a"}
    assert "a" not in events.POSTVERBAL_ARTICLES and {"el", "umas"} <= events.POSTVERBAL_ARTICLES
    assert article_words(("indefinite",), ("es",)) == {"un", "una", "unos", "unas"}


def test_the_file_is_checked_at_start_up(tmp_path: Path) -> None:
    folder = copy_models(tmp_path)
    path = folder / "articles.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**data, "demonstratives": {"en": ["this"]}}))
    with pytest.raises(ConfigError, match="articles.json: unknown key 'demonstratives'; "
                                          "allowed: definite_singular"):
        load.__wrapped__(folder)
    path.write_text(json.dumps({k: v for k, v in data.items() if k != "of"}))
    with pytest.raises(ConfigError, match="articles.json: 'of' is missing"):
        articles.__wrapped__(folder)
    path.write_text(json.dumps({**data, "indefinite": {"en": ["a", "an"], "fr": ["un"]}}))
    with pytest.raises(ConfigError, match="articles.json: indefinite: expected a mapping"):
        articles.__wrapped__(folder)
    path.write_text(json.dumps({**data, "definite_plural": {**data["definite_plural"],
                                                            "pt": ["Os", "as"]}}))
    with pytest.raises(ConfigError, match="definite_plural: pt: expected a list of folded"):
        articles.__wrapped__(folder)
    path.write_text(json.dumps({**data, "name_particles": ["de", "da", "de"]}))
    with pytest.raises(ConfigError, match="name_particles: \\*: a word is listed twice"):
        articles.__wrapped__(folder)
