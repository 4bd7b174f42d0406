"""Which sentence an event shows first (issue 13): a sentence opening with a quotation (what
someone said of the occurrence) after every narrating one, even one a weak frame read or one
giving no date; a leaders' signing read as their visit after a sentence telling the visit."""

from __future__ import annotations

import pytest
from test_occurrences import old_database, saved, tagged

from pipeline import export, store
from pipeline.evidence import shown_after

# one report: a quotation with the verb ("has chosen"), and the narration with a noun and
# the date ("the selection ... on 8 July 2024"), which a weak frame read
SAID = ('"I am honoured that Peru has chosen our aircraft," said the Chinese maker\'s chief '
        'executive.')
TOLD = "Peru announced the selection of the Chinese aircraft on 8 July 2024."


def _selection(doc_id: str, text: str):
    return tagged(doc_id, text, [(f"k-{doc_id}", "arms_transfer", "2024-07-08", ("CHN", "PER"), [
        (SAID, "chosen", "states", "arms_transfer.select_maker"),
        (TOLD, "selection", "states", "arms_transfer.select")])])


@pytest.mark.parametrize("text", [f"{SAID} {TOLD}", f"{TOLD} {SAID}"])
def test_a_narrating_sentence_shows_the_event_before_a_quotation(db, text):
    # the narration leads though a weak frame read it; wherever the quotation stands
    (event,) = saved(db, _selection("sel", text)).values()
    assert [e["sentence"] for e in event["evidence"]] == [TOLD, SAID]


# a visit told by the leaders' signing and by the visit itself, in sentences otherwise equal
SIGNED = "The agreement was signed in Lima by Dong Jun and the Peruvian minister."
VISITED = "Dong Jun is in Peru on a three-day visit, during which he was received in Lima."


@pytest.mark.parametrize("order", [(SIGNED, VISITED), (VISITED, SIGNED)])
def test_a_visit_shows_the_visit_itself_before_the_leaders_signing(db, order):
    text = " ".join(order)
    doc = tagged("visit", text, [("k-visit", "senior_visit", None, ("CHN", "PER"), [
        (SIGNED, "signed", "states", "senior_visit.signing"),
        (VISITED, "received", "states", "senior_visit.receive")])])
    (event,) = saved(db, doc).values()
    assert [e["sentence"] for e in event["evidence"]] == [VISITED, SIGNED]


def test_a_signing_read_as_a_visit_is_shown_after():
    assert shown_after("senior_visit.signing.es") and not shown_after("senior_visit.receive.es")
    assert not shown_after("agreement.sign.en")  # the agreement itself: its own sentence


def test_a_schema_16_database_learns_the_new_order(db_path):
    doc = _selection("old16", f"{SAID} {TOLD}")
    old_database(db_path, 16, doc).close()
    db = store.open_db(db_path)
    (event,) = export.events(db)
    assert [e["sentence"] for e in event["evidence"]] == [TOLD, SAID]
    db.conn.close()


def test_a_schema_16_database_learns_that_a_signing_is_shown_after(db_path):
    text = f"{SIGNED} {VISITED}"
    doc = tagged("old16v", text, [("k-old16v", "senior_visit", None, ("CHN", "PER"), [
        (SIGNED, "signed", "states", "senior_visit.signing"),
        (VISITED, "received", "states", "senior_visit.receive")])])
    conn = old_database(db_path, 16, doc)
    conn.execute("UPDATE evidence SET shown_after = 0")  # as schema 16 stored it
    conn.close()
    db = store.open_db(db_path)
    assert db.conn.execute("SELECT rule, shown_after FROM evidence ORDER BY start").fetchall() == [
        ("senior_visit.signing.en", 1), ("senior_visit.receive.en", 0)]
    (event,) = export.events(db)
    assert [e["sentence"] for e in event["evidence"]] == [VISITED, SIGNED]
    db.conn.close()
