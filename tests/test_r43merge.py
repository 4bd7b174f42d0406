"""A report dated only to the year that places the occurrence in its own outside power (the
capital an outlet names for the government that presented the flights) joins the
occurrence one of whose reports names the same ship, person or platform model, though
another of its reports names a place in the LAC state and nothing the year's report names
(issue 13): the member naming the detail ties it to the occurrence, not each report."""

from __future__ import annotations

import dataclasses

from test_occurrences import decide, old_database, report, saved, tagged

from pipeline import export, occurrences, store

PAIR = ("CHN", "PER")


def _clusters(reports):
    return sorted(sorted(r.key for r in o) for o in occurrences.cluster_all(reports))


def _landing():
    """The landing told to the day at Lima, and in its month at Callao with the model."""
    return [report("day", "2013-10-28", PAIR, place="Lima"),
            report("month", "2013-10", PAIR, place="Callao", models=frozenset({"y-8"}))]


def test_a_shared_platform_model_ties_a_years_report_placed_in_its_power():
    year = report("year", "2013", PAIR, place="Beijing", models=frozenset({"y-8"}))
    month = _landing()[1]
    assert occurrences.compatible(year, month)
    assert not occurrences.compatible(year, _landing()[0])  # Beijing and Lima: nothing shared
    assert _clusters([*_landing(), year]) == [["day", "month", "year"]]


def test_the_year_report_leaves_an_occurrence_it_fits_only_for_naming_no_place():
    other = report("other", "2013-06", PAIR)  # another call that year, no place, no model
    year = report("year", "2013", PAIR, place="Beijing", models=frozenset({"y-8"}))
    assert _clusters([*_landing(), other, year]) == [["day", "month", "year"], ["other"]]


def test_nothing_shared_keeps_the_year_report_apart():
    year = report("year", "2013", PAIR, place="Beijing", models=frozenset({"k-8"}))
    assert _clusters([*_landing(), year]) == [["day", "month"], ["year"]]
    unnamed = report("year", "2013", PAIR, place="Beijing")
    assert _clusters([*_landing(), unnamed]) == [["day", "month"], ["year"]]


def test_a_place_in_a_third_state_is_no_tie():
    """Only a place in the report's own outside power is where the aircraft came from; a
    year's report placed in a third state (Moscow, of a Chinese-Peruvian report) tells another
    occurrence."""
    year = report("year", "2013", PAIR, place="Moscow", models=frozenset({"y-8"}))
    assert _clusters([*_landing(), year]) == [["day", "month"], ["year"]]


def _placed(doc_id: str, key: str, date: str, place: str, text: str, trigger: str):
    """A document telling one port call of ``PAIR`` in ``text``, placed at ``place``."""
    doc = tagged(doc_id, text, [(key, "port_call", date, PAIR, [(text, trigger, "states")])])
    (event,) = doc.events
    return dataclasses.replace(doc, events=(dataclasses.replace(event, location=place),))


def test_a_decision_on_the_years_report_follows_it_into_the_occurrence_it_joins(db):
    """Stored alone first and rejected there, the year's report joins the landing when the
    reports that tie it arrive: the decision applies to the event it joined."""
    year = _placed("y", "k-year", "2013", "Beijing",
                   "Beijing sent Y-8 transports to Peru in 2013.", "sent")
    (alone,) = saved(db, year).values()
    assert alone["event_id"] == "k-year"
    decide(db, "k-year", "rejected", "2026-01-01T10:00:00Z")
    month = _placed("m", "k-month", "2013-10", "Callao",
                    "Two Chinese Y-8 transports landed at Callao in October 2013.", "landed")
    day = _placed("d", "k-day", "2013-10-28", "Lima", "Chinese aircraft landed in Lima.", "landed")
    (event,) = saved(db, month, day).values()
    assert (event["event_id"], event["review_status"], sorted(event["report_ids"])) == (
        "k-day", "rejected", ["k-day", "k-month", "k-year"])
    (review,) = export.reviews(db)
    assert (review["event_id"], review["applies_to"], review["orphaned"]) == (
        "k-year", "k-day", False)


def test_a_schema_18_store_is_clustered_again_under_the_new_rules_keeping_its_decision(db_path):
    """A store written before this rule holds the year's report as its own occurrence, with a
    reviewer's rejection on it; opened by this version, its occurrences are clustered again:
    the year's report joins the landing and the decision applies to the event it joined."""
    docs = [_placed("y", "k-year", "2013", "Beijing",
                    "Beijing sent Y-8 transports to Peru in 2013.", "sent"),
            _placed("m", "k-month", "2013-10", "Callao",
                    "Two Chinese Y-8 transports landed at Callao in October 2013.", "landed"),
            _placed("d", "k-day", "2013-10-28", "Lima", "Chinese aircraft landed in Lima.",
                    "landed")]
    conn = old_database(db_path, 18, *docs)
    conn.executemany("UPDATE events SET location = ? WHERE key = ?",
                     [("Beijing", "k-year"), ("Callao", "k-month"), ("Lima", "k-day")])
    conn.execute("INSERT INTO reviews (event_key, status, reviewer, reviewed_at) VALUES "
                 "('k-year', 'rejected', 'ana', '2026-01-01T00:00:00Z')")
    conn.close()
    db = store.open_db(db_path)
    (event,) = export.events(db)
    assert (event["event_id"], event["review_status"], sorted(event["report_ids"])) == (
        "k-day", "rejected", ["k-day", "k-month", "k-year"])
    db.conn.close()
