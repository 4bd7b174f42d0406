"""Which sentence an event shows first, and which reports are one occurrence (issue 13):
a sentence naming the ship by its name before one naming a kind of ship; a report of a
visit that also names a second LAC state joins the visit's other reports when both place it
at one place; reports dated only to the year and placed in different states stay apart."""

from __future__ import annotations

import dataclasses

import pytest
from test_occurrences import old_database, report, saved, tagged

from pipeline import export, occurrences, store
from pipeline.evidence import DocumentChecks
from pipeline.records import Evidence, Mention

# two outlets tell one call on the same day, in sentences otherwise equal (a verb, the day,
# both sides named): one names the ship, the other a kind of ship
KIND = ("A United States Navy guided-missile destroyer docked at Callao in Peru on 8 July "
        "2024.")
NAMED = "The United States destroyer USS Gravely docked at Callao in Peru on 8 July 2024."


def _call(doc_id: str, sentence: str):
    return tagged(doc_id, sentence, [(f"k-{doc_id}", "port_call", "2024-07-08", ("USA", "PER"),
                                      [(sentence, "docked", "states", "port_call.arrival")])])


@pytest.mark.parametrize("first, second", [("a-kind", "b-named"), ("a-named", "b-kind")])
def test_the_outlet_naming_the_ship_shows_the_call_first(db, first, second):
    # whichever outlet was published or stored first, the sentence naming the ship leads
    docs = {"kind": KIND, "named": NAMED}
    (event,) = saved(db, *(_call(d, docs[d.split("-")[1]]) for d in (first, second))).values()
    assert [e["sentence"] for e in event["evidence"]] == [NAMED, KIND]
    assert db.conn.execute("SELECT sentence, names_ship FROM evidence ORDER BY sentence"
                           ).fetchall() == [(KIND, 0), (NAMED, 1)]


@pytest.mark.parametrize("sentence, names", [
    ("The USS Gravely tied up in Port of Spain on Sunday.", True),
    ("El BAP Unión zarpó del Callao rumbo a Shanghái.", True),
    ('O NRP "Sagres" atracou no Rio de Janeiro.', True),
    ("HMS Trent spent Christmas alongside in Bridgetown.", True),
    ("A U.S. Navy guided-missile destroyer docked in the capital.", False),
    ("El buque escuela zarpó del Callao.", False),
    ("THE USS FLEET ARRIVED IN PORT.", False),  # a heading in capitals names no ship
    ("The USS fleet anchored off the coast.", False),  # no name after the prefix
])
def test_a_sentence_names_a_ship_by_its_prefix_and_name(sentence, names):
    row = Evidence("d", sentence, 0, len(sentence), None, "port_call.arrival.en", "", 0, 0)
    assert DocumentChecks(sentence, "en", ()).names_ship(row) is names


def test_a_maker_whose_name_opens_with_a_ship_prefix_names_no_ship():
    # "BAE" is Ecuador's ship prefix and the first word of a maker's name
    sentence = "BAE Systems will deliver the guns to the Brazilian Navy in 2026."
    maker = Mention("INSTITUTION", "BAE Systems", 0, 11, "BAE Systems", "test")
    row = Evidence("d", sentence, 0, len(sentence), None, "arms_transfer.buy.en", "", 0, 0)
    assert DocumentChecks(sentence, "en", (maker,)).names_ship(row) is False
    ship = "El BAE Manabí zarpó de Guayaquil."
    row = Evidence("d", ship, 0, len(ship), None, "port_call.arrival.es", "", 0, 0)
    assert DocumentChecks(ship, "es", (maker,)).names_ship(row) is True


def test_a_schema_15_database_learns_which_rows_name_a_ship(db_path):
    text = f"{KIND} {NAMED}"
    doc = tagged("old15", text, [("k-old15", "port_call", "2024-07-08", ("USA", "PER"), [
        (KIND, "docked", "states", "port_call.arrival"),
        (NAMED, "docked", "states", "port_call.arrival")])])
    old_database(db_path, 15, doc).close()
    db = store.open_db(db_path)
    assert db.conn.execute("SELECT names_ship FROM evidence ORDER BY start").fetchall() == [
        (0,), (1,)]
    (event,) = export.events(db)
    assert [e["sentence"] for e in event["evidence"]] == [NAMED, KIND]
    db.conn.close()



@pytest.mark.parametrize("a, b, same", [
    # a visit told with the crisis it was about (Venezuela) and told without it, both at
    # Brasília: one visit
    (report("a", "2018-08-13", ("USA", "BRA", "VEN"), kind="senior_visit", place="Brasília"),
     report("b", "2018-08-13", ("USA", "BRA"), kind="senior_visit", place="Brasília"), True),
    # a tour (Brasília, then Caracas) beside its stop at Brasília, the tour placed elsewhere
    (report("a", "2018-08-13", ("USA", "BRA", "VEN"), kind="senior_visit", place="Caracas"),
     report("b", "2018-08-13", ("USA", "BRA"), kind="senior_visit", place="Brasília"), False),
    # a tour named without a place stays a tour
    (report("a", "2018-08-13", ("USA", "BRA", "VEN"), kind="senior_visit"),
     report("b", "2018-08-13", ("USA", "BRA"), kind="senior_visit", place="Brasília"), False),
    # a 2022 exercise at Fort Polk and another off Paita: a year ties neither to the other
    (report("a", "2022", ("USA", "BRA"), kind="exercise", place="Fort Polk"),
     report("b", "2022", ("USA", "BRA", "PER"), kind="exercise", place="Paita"), False),
    (report("a", "2022", ("USA", "BRA"), kind="exercise", place="Fort Polk"),
     report("b", "2022-09-10", ("USA", "BRA"), kind="exercise", place="Recife"), False),
    # dated to the month or the day, a place is a hint, never a veto
    (report("a", "2022-09", ("USA", "BRA"), kind="exercise", place="Fort Polk"),
     report("b", "2022-09-10", ("USA", "BRA"), kind="exercise", place="Recife"), True),
    # two places of one state, or a place of unknown state, keep a year's reports together
    (report("a", "2022", ("USA", "BRA"), kind="exercise", place="Recife"),
     report("b", "2022", ("USA", "BRA"), kind="exercise", place="Brasília"), True),
    (report("a", "2022", ("USA", "BRA"), kind="exercise", place="Monteiro"),
     report("b", "2022", ("USA", "BRA"), kind="exercise", place="Fort Polk"), True),
])
def test_which_reports_may_be_one_occurrence(a, b, same):
    assert occurrences.compatible(a, b) is same
    assert occurrences.compatible(b, a) is same


def _visit(doc_id: str, sentence: str, countries: tuple[str, ...], place: str | None):
    doc = tagged(doc_id, sentence, [(f"k-{doc_id}", "senior_visit", "2018-08-13", countries,
                                     [(sentence, "met", "states", "senior_visit.meet")])])
    (event,) = doc.events
    return dataclasses.replace(doc, events=(dataclasses.replace(event, location=place),))


def test_a_visit_told_with_the_crisis_it_was_about_joins_the_visit(db):
    crisis = ("In Brasília on 13 August 2018 the United States secretary met Brazil's minister "
              "about the crisis in Venezuela.")
    plain = "In Brasília the United States secretary met Brazil's minister on 13 August 2018."
    events = saved(db, _visit("crisis", crisis, ("USA", "BRA", "VEN"), "Brasília"),
                   _visit("plain", plain, ("USA", "BRA"), "Brasília"))
    (event,) = events.values()
    assert event["documents"] == 2


def test_a_tour_placed_elsewhere_stays_apart_from_the_stop(db):
    tour = ("The United States secretary met ministers in Caracas and Brasília on 13 August "
            "2018.")
    stop = "In Brasília the United States secretary met Brazil's minister on 13 August 2018."
    events = saved(db, _visit("tour", tour, ("USA", "BRA", "VEN"), "Caracas"),
                   _visit("stop", stop, ("USA", "BRA"), "Brasília"))
    assert len(events) == 2


@pytest.mark.parametrize("sentence, trigger, generic", [
    ("It is not the first time that Chinese warships have called at Callao.", "called", True),
    ("No es la primera vez que el Comando Sur envía a su máximo jefe a Lima.", "envía", True),
    ("Não é a primeira vez que navios de guerra russos visitam a capital cubana.", "visitam",
     True),
    ("Tampoco es la primera vez que buques chinos atracan en el Callao.", "atracan", True),
    # after a colon the sentence tells the earlier occurrence itself
    ("No es la primera vez que la fragata recala en Cuba: el 24 de junio de 2019 entró en la "
     "bahía.", "recala", False),
    # "not for the first time" tells this one
    ("Not for the first time, Russian bombers landed in Caracas on Monday.", "landed", False),
    ("The frigate called at Callao for the first time on Monday.", "called", False),
])
def test_a_remark_on_how_often_occurrences_recur_is_generic(sentence, trigger, generic):
    at = sentence.index(trigger)
    row = Evidence("d", sentence, 0, len(sentence), None, "port_call.arrival.en", trigger, at,
                   at + len(trigger))
    assert DocumentChecks(sentence, "es", ()).generic(row) is generic


RECUR = "It is not the first time that Chinese ships have called at Callao in Peru."
TOLD = "The Chinese hospital ship called at Callao in Peru in October 2024."


def _recurring(doc_id: str):
    return tagged(doc_id, f"{RECUR} {TOLD}", [(f"k-{doc_id}", "port_call", "2024-10",
                                               ("CHN", "PER"), [
        (RECUR, "called", "states", "port_call.call"),
        (TOLD, "called", "states", "port_call.call")])])


def test_a_sentence_telling_the_call_is_shown_before_a_remark_that_calls_recur(db):
    # the remark comes first in the text and names both sides; the call's sentence shows it
    (event,) = saved(db, _recurring("recur")).values()
    assert [e["sentence"] for e in event["evidence"]] == [TOLD]
    assert db.conn.execute("SELECT flag FROM evidence ORDER BY start").fetchall() == [
        ("generic",), (None,)]


def test_a_schema_15_database_flags_the_remarks_that_occurrences_recur(db_path):
    old_database(db_path, 15, _recurring("old")).close()
    db = store.open_db(db_path)
    assert db.conn.execute("SELECT flag FROM evidence ORDER BY start").fetchall() == [
        ("generic",), (None,)]
    (event,) = export.events(db)
    assert [e["sentence"] for e in event["evidence"]] == [TOLD]
    db.conn.close()
