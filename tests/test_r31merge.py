"""A year's report of a port call that places it in another state than the call told to the
day stays apart, the outside power's capital included (a Brazilian ship at Lisbon is not
the Portuguese ship at Rio). A day that the sentences around a report gave it tells a
one-day occurrence (a meeting) by its month only, so it joins the meeting another outlet
states on a day of that month (issue 13)."""

from __future__ import annotations

import dataclasses

import pytest
from test_occurrences import report

from pipeline import occurrences
from pipeline.occurrences import Report

RUSSIA = ("RUS", "CUB")


@pytest.mark.parametrize("a, b, same", [
    # a year's report of a Brazilian ship's call at Lisbon is not the Portuguese ship's call
    # at Rio told to the day: the outside power's capital is a port a call can be at
    (report("a", "2016", ("PRT", "BRA"), place="Lisbon"),
     report("b", "2016-07-20", ("PRT", "BRA"), place="Rio de Janeiro"), False),
    (report("a", "2008", RUSSIA, place="Severomorsk"),
     report("b", "2008-12-19", RUSSIA, place="La Habana"), False),
])
def test_a_years_call_at_a_place_in_another_state_stays_apart(a, b, same):
    assert occurrences.compatible(a, b) is same
    assert occurrences.compatible(b, a) is same


def _around(r: Report) -> Report:
    """The report dated by the sentences around its own (``date_source`` context)."""
    return dataclasses.replace(r, stated=False)


@pytest.mark.parametrize("a, b, same", [
    # "Wang will pay protocol calls on the mayor", dated by the arrival told before it, and
    # "ending a four-day friendly visit" on Monday 14 in another outlet: one visit
    (_around(report("a", "2009-12-10", ("CHN", "ECU"), kind="senior_visit")),
     report("b", "2009-12-14", ("CHN", "ECU"), kind="senior_visit"), True),
    # two meetings each stated on its own day stay two
    (report("a", "2009-12-10", ("CHN", "ECU"), kind="senior_visit"),
     report("b", "2009-12-14", ("CHN", "ECU"), kind="senior_visit"), False),
    # a month apart the day from around says enough
    (_around(report("a", "2009-11-30", ("CHN", "ECU"), kind="senior_visit")),
     report("b", "2009-12-01", ("CHN", "ECU"), kind="senior_visit"), False),
    # a call lasts days: a day from around keeps its span, not its whole month (it would
    # fit the calls of the 4th and of the 14th alike)
    (_around(report("a", "2013-11-01", ("CHN", "CHL"))),
     report("b", "2013-11-14", ("CHN", "CHL")), False),
    (_around(report("a", "2013-11-01", ("CHN", "CHL"))),
     report("b", "2013-11-04", ("CHN", "CHL")), True),
])
def test_a_day_from_around_tells_a_one_day_occurrence_by_its_month(a, b, same):
    assert occurrences.compatible(a, b) is same
    assert occurrences.compatible(b, a) is same
