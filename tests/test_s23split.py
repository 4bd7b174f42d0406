"""A passive whose subject is a definite noun of its occurrence's class ("The agreement was
signed Monday") points back at the occurrence told before it, as "the agreement" alone does
(``events._named_passive``): a lead dated by the day it was told ("said Wednesday it has
signed") joins the signing that sentence dates (``merge._told_before``). A passive with an
indefinite subject ("A second agreement was signed") tells an occurrence of its own."""

from __future__ import annotations

from test_nlp import events_of

LEAD = ("SANTIAGO, March 12 (Wire) -- Britain said Wednesday it has signed a defence "
        "cooperation agreement with Chile that paves the way for joint training of the two "
        "navies.\n\n")
AFTER = " was signed Monday at the shipyard in Talcahuano by the heads of the two firms."


def _agreements(text: str) -> list[tuple]:
    return sorted(e for e in events_of(text, "en", "2025-03-12") if e[0] == "agreement")


def test_a_definite_passive_points_back_and_dates_the_lead():
    assert _agreements(LEAD + "The agreement" + AFTER) == [
        ("agreement", ("CHL", "GBR"), "2025-03-10", 2)]


def test_an_indefinite_passive_stays_an_occurrence_of_its_own():
    assert _agreements(LEAD + "A second agreement" + AFTER) == [
        ("agreement", ("CHL", "GBR"), "2025-03-10", 1),
        ("agreement", ("CHL", "GBR"), "2025-03-12", 1)]
