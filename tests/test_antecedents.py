"""Antecedents (``pipeline/nlp/antecedents.py``): a sentence that tells an event through a
subject named before ("The ship docked", "la nave visitó", "Shoigu toured", a dropped
subject) takes the missing side from that actor, and records it (``antecedent``) apart from
the vague context of the sentences around. Events are the rules' own (``min_confidence=0``)."""

import json
import shutil

import pytest

from pipeline.errors import ConfigError
from pipeline.nlp import tag
from pipeline.nlp.models import MODELS, load
from pipeline.records import Document


def told(lang: str, text: str) -> list[tuple[str, tuple[str, ...], bool]]:
    """(type, countries, whether a side came from a resolved antecedent) of each event."""
    document = Document(id=f"antecedent-{lang}", url="case:antecedent", source=None, text=text,
                        published="2024-05-10", language=lang)
    return sorted((e.type, e.countries, bool(e.features.get("antecedent")))
                  for e in tag(document, min_confidence=0.0).events)


@pytest.mark.parametrize("lang, text, expected", [
    # a definite description: the last ship named with its state
    ("en", "The Chinese hospital ship Peace Ark left Zhoushan in March for a long voyage.\n\n"
           "After weeks at sea the ship docked at Callao on Tuesday.",
     [("port_call", ("CHN", "PER"), True)]),
    ("es", "El buque escuela de la Armada de España zarpó de Cádiz en enero.\n\n"
           "Tras cruzar el Atlántico, la nave atracó en Cartagena el martes.",
     [("port_call", ("COL", "ESP"), True)]),
    ("pt", "O navio-patrulha britânico HMS Medway deixou Portsmouth em março.\n\n"
           "Depois de semanas no mar, o navio atracou em Salvador na terça-feira.",
     [("port_call", ("BRA", "GBR"), True)]),
    # a dropped subject: the subject of the sentence before
    ("es", "El buque hospital chino Arca de la Paz llegó el lunes a Guayaquil.\n\n"
           "Luego visitó Paita el jueves.",
     [("port_call", ("CHN", "ECU"), False), ("port_call", ("CHN", "PER"), True)]),
    # a person said again by surname, and an official by the word of the title
    ("en", "Russian Defence Minister Sergei Shoigu arrived in Caracas on Monday.\n\n"
           "On Wednesday Shoigu visited Managua. The minister met his Nicaraguan "
           "counterpart on Thursday.",
     [("senior_visit", ("NIC", "RUS"), True), ("senior_visit", ("NIC", "RUS"), True),
      ("senior_visit", ("RUS", "VEN"), False)]),
    # a delegation said again
    ("es", "Una delegación militar china llegó a Lima el lunes.\n\nEl jueves, la delegación "
           "se reunió con oficiales de la Marina peruana en el Callao.",
     [("senior_visit", ("CHN", "PER"), False), ("senior_visit", ("CHN", "PER"), True)]),
    # a pronoun: a woman named with her state
    ("en", "U.S. Southern Command commander General Laura Richardson arrived in Georgetown "
           "on Monday for talks.\n\nIn August 2022 she visited Guyana to meet the Guyana "
           "Defence Force.",
     [("senior_visit", ("GUY", "USA"), False), ("senior_visit", ("GUY", "USA"), True)]),
])
def test_a_subject_told_before_gives_the_missing_side(lang, text, expected):
    assert told(lang, text) == expected


@pytest.mark.parametrize("lang, text", [
    # another ship named since, without a state: "the ship" is that one
    ("en", "The Chinese hospital ship Peace Ark left Zhoushan in March.\n\n"
           "A frigate joined the voyage later. The ship docked at Callao on Tuesday."),
    # "it" stands for a ship only as the subject of a call ("It signed a deal": a state)
    ("en", "The British patrol ship HMS Medway left Portsmouth in March.\n\n"
           "It signed a deal with Peru on Tuesday."),
    # a capitalised word before the verb is its own subject, no dropped one
    ("es", "El buque hospital chino Arca de la Paz llegó el lunes a Guayaquil.\n\n"
           "Eta visitó Paita el jueves."),
])
def test_no_antecedent_where_the_subject_is_another(lang, text):
    assert not any(flag for _, _, flag in told(lang, text))


def context_of(lang: str, text: str) -> list[tuple[tuple[str, ...], bool, bool]]:
    """(countries, antecedent, from_context) of each port call."""
    document = Document(id=f"antecedent-{lang}", url="case:antecedent", source=None, text=text,
                        published="2024-05-10", language=lang)
    return sorted((e.countries, bool(e.features.get("antecedent")),
                   bool(e.features.get("from_context")))
                  for e in tag(document, min_confidence=0.0).events if e.type == "port_call")


@pytest.mark.parametrize("lang, text, expected", [
    # a ship named by its navy's prefix, then "the ship": its flag is the visitor, as if
    # the sentence named the ship itself (no side from the sentences around)
    ("en", "The patrol vessel HMS Medway left Portsmouth in March.\n\n"
           "After weeks at sea the ship docked at Callao on Tuesday.",
     [(("GBR", "PER"), True, False)]),
    ("pt", "O navio-patrulha HMS Medway deixou Portsmouth em março.\n\n"
           "Depois de semanas no mar, o navio atracou em Salvador na terça-feira.",
     [(("BRA", "GBR"), True, False)]),
    # a ship told only by a noun and a demonym: its state is still read from before
    ("en", "A French frigate left Toulon in March for a long voyage.\n\n"
           "After weeks at sea the ship docked at Callao on Tuesday.",
     [(("FRA", "PER"), True, True)]),
])
def test_a_named_ship_told_before_is_the_callers_own(lang, text, expected):
    assert context_of(lang, text) == expected


def test_antecedents_config_names_the_unknown_key(tmp_path):
    folder = tmp_path / "models"
    shutil.copytree(MODELS, folder)
    data = json.loads((folder / "antecedents.json").read_text(encoding="utf-8"))
    data["pronoun"] = data.pop("pronouns")
    (folder / "antecedents.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ConfigError, match="antecedents.json: unknown key 'pronoun'"):
        load(folder)


def test_antecedents_config_checks_the_kinds_of_a_pronoun(tmp_path):
    folder = tmp_path / "models"
    shutil.copytree(MODELS, folder)
    data = json.loads((folder / "antecedents.json").read_text(encoding="utf-8"))
    data["pronouns"]["en"]["it"] = ["boat"]
    (folder / "antecedents.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ConfigError, match="pronouns: en: 'it'"):
        load(folder)
