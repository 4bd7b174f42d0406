"""A report that fits several occurrences joins the one whose reports name the platform
model it names (issue 13): a year's report of an approval for fighters, beside a transport
aircraft's lease told to the day and the fighters' approval told by its month, is the
approval's; with no model in common it stays on its own, as before."""

from __future__ import annotations

import pytest
from test_occurrences import report, saved, tagged

from pipeline import occurrences
from pipeline.nlp import tag
from pipeline.nlp.designations import models_named
from pipeline.records import Document

PAIR = ("USA", "URY")


@pytest.mark.parametrize("sentences, models", [
    (["Montevideo leased two C-130H transports and later asked for F-16s."],
     {"c-130", "f-16"}),
    (["The F-16AM/BM jets arrive next year."], {"f-16"}),
    (["La Armada recibió el KC-390 y dos Mi-17V-5."], {"kc-390", "mi-17"}),
    # not a designation: a disease, a group of states, a year, a conference
    (["After COVID-19, the G-20 met in mid-2023 before COP-28."], set()),
])
def test_the_platform_models_a_sentence_names(sentences, models):
    assert models_named(sentences) == models


def _lease_and_approval(year_models: frozenset[str]) -> list[list[str]]:
    lease = [report("lease1", "2021-03-09", PAIR, kind="arms_transfer",
                    models=frozenset({"c-130"})),
             report("lease2", "2021-03-09", PAIR, kind="arms_transfer",
                    models=frozenset({"c-130"}))]
    approval = report("approval", "2021-08", PAIR, kind="arms_transfer",
                      models=frozenset({"f-16"}))
    year = report("year", "2021", PAIR, kind="arms_transfer", models=year_models)
    return sorted(sorted(r.key for r in o)
                  for o in occurrences.cluster([*lease, approval, year]))


def test_a_years_report_joins_the_occurrence_naming_its_platform_model():
    assert _lease_and_approval(frozenset({"f-16"})) == [
        ["approval", "year"], ["lease1", "lease2"]]


def test_a_years_report_naming_no_model_of_either_stays_on_its_own():
    assert _lease_and_approval(frozenset()) == [["approval"], ["lease1", "lease2"], ["year"]]
    assert _lease_and_approval(frozenset({"kt-1"})) == [
        ["approval"], ["lease1", "lease2"], ["year"]]


def _doc(doc_id: str, key: str, date: str, sentence: str, trigger: str):
    return tagged(doc_id, sentence, [(key, "arms_transfer", date, ("CHN", "PER"),
                                      [(sentence, trigger, "states")])])


def test_the_store_reads_the_models_from_the_stating_sentences(db):
    lease = "China leased a Y-8 transport plane to Peru on 8 July 2024."
    again = "A Y-8 transport leased by China reached Peru on 8 July 2024."
    approval = "In October 2024 China approved the sale of six K-8 trainers to Peru."
    year = "The K-8 trainers Peru is buying from China were approved in 2024."
    events = saved(db, _doc("lease-a", "k-lease-a", "2024-07-08", lease, "leased"),
                   _doc("lease-b", "k-lease-b", "2024-07-08", again, "leased"),
                   _doc("approval", "k-approval", "2024-10", approval, "approved"),
                   _doc("year", "k-year", "2024", year, "approved"))
    assert sorted(sorted(e["report_ids"]) for e in events.values()) == [
        ["k-approval", "k-year"], ["k-lease-a", "k-lease-b"]]


@pytest.mark.parametrize("kind, a_models, b_models, same", [
    ("arms_transfer", {"f-16"}, {"c-130"}, False),  # fighters and a transport: two transfers
    ("donation_aid", {"uh-1"}, {"c-130"}, False),
    ("arms_transfer", {"f-16", "kc-135"}, {"f-16"}, True),  # one shared: one transfer
    ("arms_transfer", {"f-16"}, set(), True),  # a report naming none may be either
    ("exercise", {"f-16"}, {"kc-135"}, True),  # an exercise gathers many aircraft
])
def test_transfers_naming_different_platform_models_are_two_occurrences(
        kind, a_models, b_models, same):
    a = report("a", "2021-08-10", PAIR, kind=kind, models=frozenset(a_models))
    b = report("b", "2021-08", PAIR, kind=kind, models=frozenset(b_models))
    assert occurrences.compatible(a, b) is same
    assert occurrences.compatible(b, a) is same


SOLD = {
    "en": ("Colombia's new jets wait for British spares",
           "Colombia agreed in 2021 to buy four Mirage fighters retired by the French Air "
           "Force.\n\nThe ejection seats come from a British maker, and London must approve "
           "every export to Colombia.\n\nThe aircraft arrived by sea at the port of "
           "Buenaventura in May 2022 and were unloaded for the Colombian Air Force."),
    "es": ("Los cazas de Colombia esperan repuestos británicos",
           "Colombia compró en 2021 cuatro cazas Mirage retirados por la Fuerza Aérea de "
           "Francia.\n\nLos asientos eyectables son de un fabricante británico y Londres debe "
           "autorizar cada exportación a Colombia.\n\nLos aviones llegaron por vía marítima "
           "al puerto de Buenaventura en mayo de 2022 y fueron descargados para la Fuerza "
           "Aérea Colombiana."),
}


@pytest.mark.parametrize("lang", sorted(SOLD))
def test_goods_told_again_come_from_the_power_their_sale_named(lang):
    # "The aircraft arrived" are the fighters bought from France, not goods of the power
    # the paragraph between and the headline name
    title, text = SOLD[lang]
    document = Document(id="m", url="case:m", source=None, language=lang,
                        published="2022-06-10", text=text, title=title)
    assert [(e.type, e.countries, e.date) for e in tag(document, min_confidence=0).events] == [
        ("arms_transfer", ("COL", "FRA"), "2022-05"), ("arms_transfer", ("COL", "FRA"), "2021")]


def test_goods_told_again_are_the_last_ones_sold_even_named_by_their_type():
    # "the Gripen" is the fighter chosen, not an aircraft told before: "The first aircraft"
    # are Swedish, not the helicopters bought from Russia two paragraphs up
    text = ("In 2012 Peru bought twelve Mi-17 helicopters from Russia.\n\nAfter years of "
            "delay, the government chose the Gripen in 2019, and the contract with Saab was "
            "signed in 2020.\n\nThe first aircraft reached the Las Palmas air base in late "
            "2023.")
    document = Document(id="m", url="case:m", source=None, language="en",
                        published="2024-02-10", text=text,
                        title="Peru's air force renews its fleet")
    events = tag(document, min_confidence=0).events
    assert [(e.countries, e.date) for e in events if e.type == "arms_transfer"] == [
        (("PER", "RUS"), "2012"), (("PER", "SWE"), "2019"), (("PER", "SWE"), "2020"),
        (("PER", "SWE"), "2023")]
