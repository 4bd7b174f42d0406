"""Reports of one port call where one outlet dates it only to the year and names the visiting
power's capital as the actor ("Moscow began using the Cuban capital as a showcase ... in
2008"): the capital is the power's government, not where the ship called, so it does not
keep the report apart from the call told to the day at the host's port (issue 13); a
decision taken on that report follows it into the occurrence it joins. And a day that the
sentences around a report gave it tells a one-day occurrence (a meeting) by its month only,
so it joins the meeting another outlet states on a day of that month."""

from __future__ import annotations

import dataclasses

import pytest
from test_occurrences import decide, report, saved, tagged

from pipeline import export, occurrences
from pipeline.occurrences import Report

RUSSIA = ("RUS", "CUB")


@pytest.mark.parametrize("a, b, same", [
    # the visiting power's capital named by a year's report of the call: its government
    (report("a", "2008", RUSSIA, place="Moscow"),
     report("b", "2008-12-19", RUSSIA, place="La Habana"), True),
    (report("a", "2008", RUSSIA, place="Moscú"),
     report("b", "2008-12", RUSSIA, place="Havana"), True),
    # a port of the power that is not its capital may be where a call was (a Cuban ship's
    # call at Severomorsk is not the Russian ship's call at Havana)
    (report("a", "2008", RUSSIA, place="Severomorsk"),
     report("b", "2008-12-19", RUSSIA, place="La Habana"), False),
    # the capital of a power the report does not name is a place like any other
    (report("a", "2008", RUSSIA, place="Beijing"),
     report("b", "2008-12-19", RUSSIA, place="La Habana"), False),
    # visits go both ways: a Cuban minister in Moscow is not a Russian one in Havana
    (report("a", "2008", RUSSIA, kind="senior_visit", place="Moscow"),
     report("b", "2008-12-19", RUSSIA, kind="senior_visit", place="La Habana"), False),
])
def test_the_visiting_powers_capital_does_not_place_a_call_apart(a, b, same):
    assert occurrences.compatible(a, b) is same
    assert occurrences.compatible(b, a) is same


YEAR = ("Moscow began using the Cuban capital as a showcase for its navy in 2008, when an "
        "anti-submarine destroyer made the first call by Russian warships.")
DAY = "The destroyer entered Havana on 19 December 2008 with a supply ship and a tug."


def _call(doc_id: str, sentence: str, key: str, date: str, place: str):
    doc = tagged(doc_id, sentence, [(key, "port_call", date, RUSSIA,
                                     [(sentence, "call" if key == "k-year" else "entered",
                                       "states", "port_call.arrival")])])
    (event,) = doc.events
    return dataclasses.replace(doc, events=(dataclasses.replace(event, location=place),))


def test_the_years_report_joins_the_call_and_keeps_its_decision(db):
    saved(db, _call("essay", YEAR, "k-year", "2008", "Moscow"))
    decide(db, "k-year", "corrected", "2026-01-01T10:00:00Z", {"location": "Havana"})
    (event,) = saved(db, _call("wire", DAY, "k-day", "2008-12-19", "Havana")).values()
    assert (event["event_id"], event["report_ids"], event["date"], event["review_status"],
            event["location"]) == ("k-day", ["k-day", "k-year"], "2008-12-19", "corrected",
                                   "Havana")
    (review,) = export.reviews(db)
    assert (review["event_id"], review["applies_to"], review["orphaned"]) == (
        "k-year", "k-day", False)


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
