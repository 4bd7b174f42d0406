import sqlite3

import pytest

from pipeline import export, store
from pipeline.errors import SchemaError
from pipeline.records import Document, Event, Evidence, Mention, Tagged

TEXT = "Chinese Defense Minister Dong Jun met Brazilian Army Commander Tomás Paiva on 8 July 2024."


def tagged(doc_id="d1", url="file:///a.html", text=TEXT, key="k1", date="2024-07-08"):
    doc = Document(id=doc_id, url=url, source="s", text=text, title="T", published="2024-07-09",
                   language="en", extractor="trafilatura", extractor_version="2.3.1")
    evidence = Evidence(doc_id, text, 0, len(text), None, "senior_visit.meet.en", "met", 33, 36)
    event = Event(key, "senior_visit", date, "day", "stated", ("BRA", "CHN"), None,
                  ("Dong Jun",), ("Brazilian Army",), 0.9, (evidence,))
    mentions = (Mention("COUNTRY", "Chinese", 0, 7, "CHN", "gazetteer.country", "CHN"),)
    return Tagged(doc, mentions, (event,), "v1")


def counts(db):
    return {t: db[t].count for t in ("documents", "mentions", "events", "evidence", "reviews")}


def test_saving_the_same_document_twice_duplicates_nothing(db):
    run = store.start_run(db, "test", "v1")
    store.save(db, tagged(), run)
    store.save(db, tagged(), run)
    assert counts(db) == {"documents": 1, "mentions": 1, "events": 1, "evidence": 1, "reviews": 0}
    row = db.conn.execute('SELECT sentence, start, "end", rule FROM evidence').fetchone()
    assert row == (TEXT, 0, len(TEXT), "senior_visit.meet.en")


def test_a_changed_page_replaces_its_old_version_and_reviews_survive(db):
    run = store.start_run(db, "test", "v1")
    store.save(db, tagged(), run)
    db.conn.execute("INSERT INTO reviews (event_key, status, reviewer, reviewed_at) "
                    "VALUES ('k1', 'accepted', 'ana', '2026-01-01T00:00:00')")
    # same URL, new content, and the event is now dated differently (new key)
    store.save(db, tagged(doc_id="d2", key="k2", date="2024-07-07"), run)
    assert [r[0] for r in db.conn.execute("SELECT id FROM documents")] == ["d2"]
    assert [r[0] for r in db.conn.execute("SELECT key FROM events")] == ["k2"]
    assert [r[0] for r in db.conn.execute("SELECT event_key FROM reviews")] == ["k1"]
    # and when the event comes back, so does its review status
    store.save(db, tagged(doc_id="d3"), run)
    (event,) = export.events(db)
    assert (event["event_id"], event["review_status"], event["reviewer"]) == (
        "k1", "accepted", "ana")


def test_same_event_from_two_documents_is_one_event_with_two_evidence_rows(db):
    run = store.start_run(db, "test", "v1")
    store.save(db, tagged(), run)
    store.save(db, tagged(doc_id="d2", url="https://example.org/b"), run)
    (event,) = export.events(db)
    assert event["documents"] == 2
    assert [e["document_url"] for e in event["evidence"]] == ["file:///a.html", "https://example.org/b"]


def test_corrected_fields_override_extracted_ones_in_exports(db):
    run = store.start_run(db, "test", "v1")
    store.save(db, tagged(), run)
    db.conn.execute("INSERT INTO reviews (event_key, status, corrected, reviewer, reviewed_at) "
                    "VALUES ('k1', 'corrected', '{\"location\": \"Beijing\"}', 'ana', "
                    "'2026-01-02')")
    (event,) = export.events(db, status="accepted")
    assert (event["location"], event["review_status"]) == ("Beijing", "corrected")
    assert list(export.events(db, status="unreviewed")) == []


def test_runs_are_recorded_with_status_and_counts(db):
    run = store.start_run(db, "ingest x", "v1")
    store.finish_run(db, run, "finished", {"ok": 1}, [])
    assert db.conn.execute("SELECT command, status, counts FROM runs").fetchone() == (
        "ingest x", "finished", '{"ok": 1}')


def test_schema_is_versioned_and_a_newer_database_is_refused(db_path):
    store.open_db(db_path).conn.close()
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == store.SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.execute(f"PRAGMA user_version = {store.SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(SchemaError, match="newer than this pipeline"):
        store.open_db(db_path)


def test_a_documents_countries_include_those_named_through_an_institution(db):
    base = tagged()
    navy = Mention("INSTITUTION", "U.S. Navy", 40, 49, "United States Navy",
                   "gazetteer.institution", "USA")
    forum = Mention("INSTITUTION", "CELAC", 60, 65, "CELAC", "gazetteer.institution", None)
    store.save(db, Tagged(base.document, base.mentions + (navy, forum), base.events, "v1"),
               store.start_run(db, "test", "v1"))
    (doc,) = export.documents(db)
    assert doc["countries"] == ["CHN", "USA"]


# ---------------------------------------------------------------- the ranked evidence view

HEADING = "Exercises with Peru"
GENERIC = "This kind of exercise needs common procedures, as seen in Beijing."
DRILL = ("Chinese and Peruvian marines held a joint exercise near Lima on 3 May 2024, the navy "
         "said.")
CAPTION = "Photo: Peruvian marines during the exercise with Chinese troops, 3 May 2024."
BACKREF = "The exercise ended on 5 May 2024."
EXERCISE_TEXT = "\n".join([HEADING, GENERIC + " " + DRILL, CAPTION, BACKREF])


def exercise(sentences):
    from test_occurrences import tagged as build

    return build("drill", EXERCISE_TEXT, [("k-drill", "exercise", "2024-05-03", ("CHN", "PER"),
                                           sentences)])


def test_the_stating_sentence_comes_first_and_headings_captions_and_asides_never(db):
    # the rules list the sentences in text order; the first three are not evidence
    (event,) = saved_events(db, exercise([
        (HEADING, "Exercises", "states"), (GENERIC, "exercise", "supports"),
        (DRILL, "joint exercise", "states"), (CAPTION, "exercise", "supports"),
        (BACKREF, "exercise", "supports")]))
    assert [e["sentence"] for e in event["evidence"]] == [DRILL, BACKREF]
    assert [e["role"] for e in event["evidence"]] == ["states", "supports"]
    # the place comes from the stating sentence, not from the aside naming Beijing
    assert event["location"] == "Lima"
    flags = dict(db.conn.execute("SELECT sentence, flag FROM evidence"))
    assert flags == {HEADING: "heading", GENERIC: "off_topic", DRILL: None, CAPTION: "caption",
                     BACKREF: None}
    queue = db.conn.execute("SELECT evidence FROM review_queue").fetchone()[0]
    assert queue == DRILL.replace("joint exercise", "⟦joint exercise⟧")


# a general remark the rules took for a statement: its trigger names a kind of exercise
KINDS = {"en": "This kind of exercise with China needs years of practice between crews of Peru.",
         "pt": "Esse tipo de exercício com a China exige anos de convivência com o Peru."}


@pytest.mark.parametrize("lang", sorted(KINDS))
def test_a_sentence_about_a_kind_of_occurrence_is_not_its_evidence(db, lang):
    from test_occurrences import tagged as build

    kind = KINDS[lang]
    trigger = kind.split()[3]  # exercise, exercício
    (event,) = saved_events(db, build("kind", f"{kind} {DRILL}", [
        ("k", "exercise", "2024-05-03", ("CHN", "PER"),
         [(kind, trigger, "states"), (DRILL, "joint exercise", "states")])], lang=lang))
    assert [e["sentence"] for e in event["evidence"]] == [DRILL]
    assert dict(db.conn.execute("SELECT sentence, flag FROM evidence")) == {kind: "generic",
                                                                            DRILL: None}


def test_a_sentence_stating_the_date_ranks_before_one_that_does_not(db):
    undated = "Chinese and Peruvian marines trained together near Lima, the navy said."
    text = undated + " " + DRILL
    from test_occurrences import tagged as build

    (event,) = saved_events(db, build("d", text, [
        ("k", "exercise", "2024-05-03", ("CHN", "PER"),
         [(undated, "trained", "states"), (DRILL, "joint exercise", "states")])]))
    assert [e["sentence"] for e in event["evidence"]] == [DRILL, undated]


def test_an_event_whose_only_sentence_is_a_heading_still_shows_it(db):
    (event,) = saved_events(db, exercise([(HEADING, "Exercises", "states")]))
    assert [e["sentence"] for e in event["evidence"]] == [HEADING]


def saved_events(db, *docs):
    run = store.start_run(db, "test", "v1")
    for doc in docs:
        store.save(db, doc, run)
    return list(export.events(db))


def port_calls(db, text):
    """The port calls the rules themselves read in ``text``, saved and exported."""
    from pipeline.nlp import tag

    doc = Document(id="calls", url="https://example.org/calls", source="test", text=text,
                   title="Calls", published="2024-07-10", language="en", extractor="test",
                   extractor_version="1")
    return saved_events(db, tag(doc, min_confidence=0.0))


def test_two_ports_of_one_state_listed_in_one_sentence_are_two_calls(db):
    # each call keeps its own port and its own key
    events = port_calls(db, "The Spanish training ship Juan Sebastián de Elcano called at "
                            "Salvador and Recife, in Brazil, in May 2024.")
    calls = sorted((e["type"], e["date"], e["countries"], e["location"]) for e in events)
    assert calls == [("port_call", "2024-05", ["BRA", "ESP"], "Recife"),
                     ("port_call", "2024-05", ["BRA", "ESP"], "Salvador")]
    assert len({e["event_id"] for e in events}) == 2


def test_each_state_a_call_lists_shows_its_own_port(db):
    events = port_calls(db, "The Spanish training ship Juan Sebastián de Elcano called at "
                            "Callao, Peru, and Valparaíso, Chile, in May 2024.")
    assert sorted((e["countries"], e["location"]) for e in events) == [
        (["CHL", "ESP"], "Valparaíso"), (["ESP", "PER"], "Callao")]
