"""A report whose key (type, parties, date) several outlets share is held apart from another
only by a document telling both, where every document of one is a document of the other:
one outlet that told the occurrence twice (an undated lead dated by its publication month,
and the day a later sentence states) does not keep the other outlets' reports of the month
from the day's occurrence. A year's report placed in its own outside power joins the day's
report naming the same ship or person (issue 13)."""

from __future__ import annotations

import dataclasses

from test_occurrences import report

from pipeline import occurrences

BOMBERS = ("RUS", "VEN")


def test_a_report_shared_by_outlets_joins_the_day_one_of_them_also_told():
    month = report("m", "2018-12", BOMBERS, docs=["lead-a", "lead-b", "both"])
    day = report("d", "2018-12-10", BOMBERS, docs=["both", "wire"])
    assert occurrences.compatible(month, day) and occurrences.compatible(day, month)


def test_two_reports_of_one_document_alone_stay_apart():
    month = report("m", "2018-12", BOMBERS, docs=["both"])
    day = report("d", "2018-12-10", BOMBERS, docs=["both", "wire"])
    assert not occurrences.compatible(month, day)
    assert not occurrences.compatible(day, month)


def test_a_years_report_placed_in_its_power_joins_the_day_naming_the_same_ship():
    # (a destroyer's call "in 2008" that one outlet places at its home port, another at
    # the Caribbean port on 19 December: the ship named in both ties them)
    year = report("y", "2008", ("RUS", "CUB"), place="Moscow", persons=frozenset({"Kulakov"}))
    day = report("d", "2008-12-19", ("RUS", "CUB"), place="La Habana",
                 persons=frozenset({"Kulakov"}))
    assert occurrences.compatible(year, day) and occurrences.compatible(day, year)
    # naming no one in common, or placed in a state neither names, they stay apart
    assert not occurrences.compatible(
        dataclasses.replace(year, persons=frozenset()), day)
    assert not occurrences.compatible(
        dataclasses.replace(year, place="Brasília"), day)
