"""A report whose outside power one outlet took from the wrong sentence (the United States
whose rebuke of a Russian deployment it reports) joins the occurrence the other outlets
tell when it is compatible with each of their reports but for the power and names the
same aircraft or ship class (a platform model) at an agreeing day or month: its power is
then outvoted. Not for goods changing hands: a model is sold on from one power to another
(issue 13)."""

from __future__ import annotations

import itertools
import json

import pytest
from test_occurrences import decide, old_database, report, saved, tagged

from pipeline import export, occurrence_store, occurrences, store

LANDED = ("Two Russian Tu-160 strategic bombers landed at Maiquetía on 10 December 2018 after "
          "a flight of some ten thousand kilometres.")
ATERRIZARON = ("Dos bombarderos Tu-160 de la aviación rusa aterrizaron el 10 de diciembre de "
               "2018 en Maiquetía.")
REBUKE = ("In December 2018 two Tu-160 bombers flew into Venezuela, a deployment the United "
          "States Secretary of State called a waste of public money.")
OTHER = ("In December 2018 a United States hospital ship called at La Guaira with two hundred "
         "doctors on board.")


def _doc(doc_id, text, key, date, countries, trigger, lang="en"):
    return tagged(doc_id, text, [(key, "port_call", date, countries,
                                  [(text, trigger, "states", "port_call.arrival")])], lang)


WIRE = _doc("wire", LANDED, "k-ru", "2018-12-10", ("RUS", "VEN"), "landed")
PRESS = _doc("press", ATERRIZARON, "k-ru", "2018-12-10", ("RUS", "VEN"), "aterrizaron", "es")
ESSAY = _doc("essay", REBUKE, "k-us", "2018-12", ("USA", "VEN"), "flew into")
SHIP = _doc("ship", OTHER, "k-ship", "2018-12", ("USA", "VEN"), "called at")


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_a_report_naming_another_power_joins_the_flight_by_its_aircraft(db, order):
    docs = [WIRE, PRESS, ESSAY]
    events = saved(db, *(docs[i] for i in order))
    assert {k: (e["report_ids"], e["countries"], e["date"], e["documents"])
            for k, e in events.items()} == {
        "k-ru": (["k-ru", "k-us"], ["RUS", "VEN"], "2018-12-10", 3)}


def test_a_report_naming_another_power_and_no_model_in_common_stays_apart(db):
    events = saved(db, WIRE, PRESS, SHIP)
    assert {k: e["countries"] for k, e in events.items()} == {
        "k-ru": ["RUS", "VEN"], "k-ship": ["USA", "VEN"]}


def test_re_clustering_everything_gives_what_each_save_gave(tmp_path):
    query = ("SELECT e.key, e.occurrence, o.date, o.countries, o.documents FROM events e "
             "JOIN occurrences o ON o.key = e.occurrence ORDER BY e.key")
    for i, docs in enumerate(([ESSAY, SHIP, WIRE, PRESS], [WIRE, ESSAY, PRESS, SHIP])):
        db = store.open_db(tmp_path / f"s{i}.db")
        saved(db, *docs)
        incremental = db.conn.execute(query).fetchall()
        # k-ru, k-ship, k-us: the rebuke's report is the flight's; the ship's call its own
        assert [(r[1], json.loads(r[3])) for r in incremental] == [
            ("k-ru", ["RUS", "VEN"]), ("k-ship", ["USA", "VEN"]), ("k-ru", ["RUS", "VEN"])]
        db.conn.execute("BEGIN")
        occurrence_store.rebuild(db.conn)
        db.conn.execute("COMMIT")
        assert db.conn.execute(query).fetchall() == incremental
        db.conn.close()


def test_which_reports_a_platform_model_ties_across_powers():
    bombers = frozenset({"tu-160"})
    day = report("d", "2018-12-10", ("RUS", "VEN"), models=bombers)
    month = report("m", "2018-12", ("USA", "VEN"), models=bombers)
    assert not occurrences.compatible(day, month)
    assert occurrences.related(day, month) and occurrences.related(month, day)
    # another month, no model in common, a year, a date from around: no tie
    assert not occurrences.related(day, report("m", "2019-01", ("USA", "VEN"), models=bombers))
    assert not occurrences.related(day, report("m", "2018-12", ("USA", "VEN")))
    assert not occurrences.related(day, report("m", "2018", ("USA", "VEN"), models=bombers))
    # goods changing hands: the same model sold by two powers is two transfers
    sale = report("s", "2024-04-16", ("DNK", "ARG"), kind="arms_transfer",
                  models=frozenset({"f-16"}))
    approval = report("a", "2024-04", ("USA", "ARG"), kind="arms_transfer",
                      models=frozenset({"f-16"}))
    assert not occurrences.related(sale, approval)


def test_a_day_report_naming_another_power_joins_only_on_a_day_a_member_gives():
    bombers = frozenset({"tu-160"})
    told = [report("a", "2013-10-31", ("RUS", "NIC"), models=bombers, docs=["x", "y"])]
    other_day = report("b", "2013-10-30", ("USA", "NIC"), models=bombers)
    assert _keys(occurrences.cluster([*told, other_day])) == [["a"], ["b"]]
    same_day = report("b", "2013-10-31", ("USA", "NIC"), models=bombers)
    assert occurrences.cluster([*told, same_day]) == [[*told, same_day]]


def _keys(groups):
    return sorted(sorted(r.key for r in g) for g in groups)


def test_a_decision_on_the_other_powers_report_follows_it_into_the_flight(db):
    saved(db, ESSAY)
    decide(db, "k-us", "rejected", "2026-01-01T10:00:00Z")
    (event,) = saved(db, WIRE, PRESS).values()
    assert (event["event_id"], event["review_status"], event["report_ids"]) == (
        "k-ru", "rejected", ["k-ru", "k-us"])
    (review,) = export.reviews(db)
    assert (review["event_id"], review["applies_to"], review["orphaned"]) == (
        "k-us", "k-ru", False)


def test_a_schema_19_store_is_clustered_again_under_the_new_rule_keeping_its_decision(db_path):
    """A store written before this rule holds the rebuke's report as its own occurrence,
    with a reviewer's rejection on it; opened by this version, its occurrences are
    clustered again: the report joins the flight and the decision applies to it."""
    press = _doc("press", ATERRIZARON, "k-es", "2018-12-10", ("RUS", "VEN"), "aterrizaron", "es")
    conn = old_database(db_path, 19, WIRE, press, ESSAY)  # (one document per report key)
    conn.execute("INSERT INTO reviews (event_key, status, reviewer, reviewed_at) VALUES "
                 "('k-us', 'rejected', 'ana', '2026-01-01T00:00:00Z')")
    conn.close()
    db = store.open_db(db_path)
    (event,) = export.events(db)
    assert (event["event_id"], event["review_status"], event["report_ids"],
            event["countries"]) == ("k-es", "rejected", ["k-es", "k-ru", "k-us"], ["RUS", "VEN"])
    db.conn.close()
