"""Cross-document merging on a real SQLite file: reports of one occurrence from several
outlets (dates at different precisions, other languages) become one event with all the
evidence; distinct occurrences stay apart; the result never depends on the order documents
were stored in; and review decisions follow the reports they were taken on."""

import dataclasses
import itertools
import json
import re

import pytest

from pipeline import export, occurrences, store
from pipeline.occurrences import Report
from pipeline.records import Document, Event, Evidence, Mention, Tagged

# surface form -> (label, canonical id, country)
GAZETTEER = {
    "China": ("COUNTRY", "CHN", "CHN"), "Chinese": ("COUNTRY", "CHN", "CHN"),
    "chinês": ("COUNTRY", "CHN", "CHN"), "Peru": ("COUNTRY", "PER", "PER"),
    "Peruvian": ("COUNTRY", "PER", "PER"), "peruano": ("COUNTRY", "PER", "PER"),
    "Ecuador": ("COUNTRY", "ECU", "ECU"), "Chile": ("COUNTRY", "CHL", "CHL"),
    "Brazil": ("COUNTRY", "BRA", "BRA"), "United States": ("COUNTRY", "USA", "USA"),
    "Beijing": ("LOCATION", "Beijing", "CHN"), "Pequim": ("LOCATION", "Pequim", "CHN"),
    "Lima": ("LOCATION", "Lima", "PER"), "Dong Jun": ("PERSON", "Dong Jun", None),
    "Salvador": ("LOCATION", "Salvador", "BRA"), "Recife": ("LOCATION", "Recife", "BRA"),
    "Callao": ("LOCATION", "Callao", "PER"), "Spanish": ("COUNTRY", "ESP", "ESP"),
    "Walter Astudillo": ("PERSON", "Walter Astudillo", None),
}
DATES = {"8 July 2024": "2024-07-08", "julho de 2024": "2024-07", "9 July 2024": "2024-07-09",
         "3 May 2024": "2024-05-03", "5 May 2024": "2024-05-05", "2023": "2023", "2024": "2024",
         "October 2024": "2024-10", "July 2024": "2024-07", "12 June 2025": "2025-06-12",
         "14 June 2025": "2025-06-14", "8 de julio de 2024": "2024-07-08",
         "8 de julho de 2024": "2024-07-08"}


def tagged(doc_id: str, text: str, events: list[tuple], lang: str = "en") -> Tagged:
    """events: (key, type, date, countries, [(sentence, trigger, role[, frame])][, confidence])."""
    doc = Document(id=doc_id, url=f"https://example.org/{doc_id}", source="test", text=text,
                   title=doc_id, published="2025-07-01", language=lang, extractor="test",
                   extractor_version="1")
    mentions = [Mention(label, m.group(), m.start(), m.end(), canonical, "test", country)
                for surface, (label, canonical, country) in GAZETTEER.items()
                for m in re.finditer(rf"\b{re.escape(surface)}\b", text)]
    mentions += [Mention("DATE", m.group(), m.start(), m.end(), value, "test")
                 for surface, value in DATES.items() for m in re.finditer(re.escape(surface), text)]
    built = []
    for key, kind, date, countries, sentences, *confidence in events:
        evidence = []
        for sentence, trigger, role, *frame in sentences:
            start = text.index(sentence)
            t0 = text.index(trigger, start)
            rule = f"{frame[0] if frame else kind + '.test'}.{lang}"
            evidence.append(Evidence(doc_id, sentence, start, start + len(sentence), None,
                                     rule, trigger, t0, t0 + len(trigger), role))
        precision = {10: "day", 7: "month", 4: "year"}.get(len(date or ""))
        built.append(Event(key, kind, date, precision, "stated" if date else "none",
                           tuple(countries), None, (), (), *(confidence or [0.8]),
                           tuple(evidence)))
    return Tagged(doc, tuple(mentions), tuple(built), "test")


VISIT_EN = ("Chinese Defense Minister Dong Jun met Peruvian Army Commander Walter Astudillo in "
            "Beijing on 8 July 2024.")
VISIT_PT = ("O ministro chinês Dong Jun recebeu em Pequim o comandante peruano Walter Astudillo em "
            "julho de 2024.")
WIRE = tagged("wire", "Defence ties\n" + VISIT_EN + " Talks covered training.", [
    ("k-day", "senior_visit", "2024-07-08", ("CHN", "PER"), [(VISIT_EN, "met", "states")])])
PRESS = tagged("press", VISIT_PT, [
    ("k-month", "senior_visit", "2024-07", ("CHN", "PER"), [(VISIT_PT, "recebeu", "states")])],
    lang="pt")
NEXT_DAY = ("Dong Jun met Peruvian Navy commanders in Beijing on 9 July 2024, a day after the "
            "talks with the army.")
SECOND = tagged("second", NEXT_DAY, [
    ("k-next", "senior_visit", "2024-07-09", ("CHN", "PER"), [(NEXT_DAY, "met", "states")])])


def saved(db, *docs):
    run = store.start_run(db, "test", "test")
    for doc in docs:
        store.save(db, doc, run)
    return {e["event_id"]: e for e in export.events(db)}


def test_two_outlets_in_two_languages_make_one_event_with_all_the_evidence(db):
    (event,) = saved(db, WIRE, PRESS).values()
    assert (event["event_id"], event["date"], event["date_precision"], event["countries"],
            event["documents"], event["languages"], event["report_ids"]) == (
        "k-day", "2024-07-08", "day", ["CHN", "PER"], 2, ["en", "pt"], ["k-day", "k-month"])
    # the most precise report's sentence states it first; the other report's follows
    assert [e["sentence"] for e in event["evidence"]] == [VISIT_EN, VISIT_PT]
    assert (event["location"], event["persons"]) == ("Beijing", ["Dong Jun", "Walter Astudillo"])


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_the_most_confident_report_of_an_occurrence_states_it_first(db, order):
    firm = "Dong Jun met the Peruvian Army Commander in Beijing on 8 July 2024."
    loose = "On 8 July 2024 talks in Beijing were held with Peru and China on many issues."
    reports = [tagged("z-firm", firm, [("k-firm", "senior_visit", "2024-07-08", ("CHN", "PER"),
                                      [(firm, "met", "states")], 0.9)]),
               tagged("a-loose", loose, [("k-loose", "senior_visit", "2024-07-08", ("CHN", "PER"),
                                        [(loose, "talks", "states")], 0.45)])]
    (event,) = saved(db, *(reports[i] for i in order)).values()
    assert [e["sentence"] for e in event["evidence"]] == [firm, loose]


def test_a_sentence_stating_the_occurrence_with_a_verb_comes_before_one_naming_it(db):
    # the noun alone gives the very day; the verb only the month; the last gives no date:
    # both verbs first (a noun only names an occurrence, whatever date stands beside it)
    noun = "The agreement of 8 July 2024 opens Chinese staff courses to Peruvian officers."
    verb = "Peru and China signed a training agreement in Beijing in July 2024."
    undated = "China signed it with Peru after two years of talks."
    text = " ".join([noun, verb, undated])
    doc = tagged("pact", text, [("k-pact", "agreement", "2024-07-08", ("CHN", "PER"), [
        (noun, "agreement", "states", "agreement.noun"),
        (verb, "signed", "states", "agreement.sign"),
        (undated, "signed", "states", "agreement.sign")])])
    (event,) = saved(db, doc).values()
    assert [e["sentence"] for e in event["evidence"]] == [verb, undated, noun]
    assert db.conn.execute("SELECT weak_frame FROM evidence ORDER BY start").fetchall() == [
        (1,), (0,), (0,)]


def leader_trip():
    """A leader's arrival told before the talks his visit was for (both give the day and
    name both sides; the arrival also names a person): (arrival, talks, tagged document)."""
    came = "China's minister Dong Jun arrived in Lima on 8 July 2024."
    talks = "On 8 July 2024 a Chinese delegation held talks with Peruvian officers in Lima."
    doc = tagged("trip", f"{came} {talks}", [("k-trip", "senior_visit", "2024-07-08",
                                              ("CHN", "PER"), [
        (came, "arrived", "states", "senior_visit.arrival"),
        (talks, "held talks", "states", "senior_visit.meet")])])
    return came, talks, doc


def test_a_visits_talks_come_before_its_leaders_arrival(db):
    # the talks the visit was for show it first, though the arrival is told first
    came, talks, doc = leader_trip()
    (event,) = saved(db, doc).values()
    assert [e["sentence"] for e in event["evidence"]] == [talks, came]
    assert db.conn.execute("SELECT shown_after FROM evidence ORDER BY start").fetchall() == [
        (1,), (0,)]


def test_a_sentence_naming_the_ship_comes_before_one_leaning_on_the_story_for_it(db):
    # the first sentence only says "the ship" (a frame that takes it from the story around);
    # the second names the Chinese ship and Callao itself: it shows the call first
    leaning = "On 8 July 2024 the ship docked at Callao with Peruvian and Chinese flags flying."
    naming = "The Chinese hospital ship Peace Ark arrived in Peru at Callao on 8 July 2024."
    doc = tagged("call", f"{leaning} {naming}", [("k-call", "port_call", "2024-07-08",
                                                  ("CHN", "PER"), [
        (leaning, "docked", "states", "port_call.arrival_story"),
        (naming, "arrived", "states", "port_call.arrival")])])
    (event,) = saved(db, doc).values()
    assert [e["sentence"] for e in event["evidence"]] == [naming, leaning]


def test_a_schema_13_database_learns_which_rows_tell_a_leader_arrive(db_path):
    _, talks, doc = leader_trip()
    old_database(db_path, 13, doc).close()
    db = store.open_db(db_path)
    assert db.conn.execute("SELECT rule, shown_after FROM evidence ORDER BY start").fetchall() \
        == [("senior_visit.arrival.en", 1), ("senior_visit.meet.en", 0)]
    (event,) = export.events(db)
    assert [e["sentence"] for e in event["evidence"]][0] == talks
    db.conn.close()


def signed_after_talks():
    """Two ministers' signing, dated, read as their meeting, and the reception the visit
    held, told relative to the signing: (signing, talks, tagged document)."""
    signing = "On 8 July 2024 Dong Jun and the Peruvian minister signed an agreement in Lima."
    talks = "Before the signing, the Chinese minister was received by Peruvian officers."
    doc = tagged("sign", f"{signing} {talks}", [("k-sign", "senior_visit", "2024-07-08",
                                                 ("CHN", "PER"), [
        (signing, "signed", "states", "senior_visit.signing"),
        (talks, "received", "states", "senior_visit.receive")])])
    return signing, talks, doc


def test_a_signing_read_as_the_meeting_comes_after_the_talks_its_document_tells(db):
    # only the signing gives the day; the reception tells the visit itself, the signing
    # the agreement (and, by implication, the meeting): the reception shows it first
    signing, talks, doc = signed_after_talks()
    (event,) = saved(db, doc).values()
    assert [e["sentence"] for e in event["evidence"]] == [talks, signing]
    assert db.conn.execute("SELECT implied FROM evidence ORDER BY start").fetchall() == [
        (1,), (0,)]


def test_a_signing_read_as_the_meeting_stays_first_where_no_talks_are_told(db):
    signing = "On 8 July 2024 Dong Jun and the Peruvian minister signed an agreement in Lima."
    came = "China's minister Dong Jun arrived in Lima on 8 July 2024."
    doc = tagged("alone", f"{came} {signing}", [("k-alone", "senior_visit", "2024-07-08",
                                                  ("CHN", "PER"), [
        (came, "arrived", "states", "senior_visit.arrival"),
        (signing, "signed", "states", "senior_visit.signing")])])
    saved(db, doc)
    assert db.conn.execute("SELECT implied FROM evidence ORDER BY start").fetchall() == [
        (0,), (0,)]


def test_a_schema_17_database_learns_which_signings_the_talks_told_imply(db_path):
    _, talks, doc = signed_after_talks()
    old_database(db_path, 17, doc).close()
    db = store.open_db(db_path)
    assert db.conn.execute("SELECT rule, implied, secondary FROM evidence ORDER BY start"
                           ).fetchall() == [("senior_visit.signing.en", 1, 0),
                                            ("senior_visit.receive.en", 0, 0)]
    (event,) = export.events(db)
    assert [e["sentence"] for e in event["evidence"]][0] == talks
    db.conn.close()


def test_a_sentence_whose_clause_tells_another_occurrence_first_comes_after(db):
    # both give the day and name both sides, and the first is the more confident report's;
    # its clause tells the agreement first (the NLP stage's secondary reading): the one
    # telling the visit as a visit shows it first
    agreement = ("The accord China and Peru signed on 8 July 2024, after a visit to Lima, "
                 "entered into force.")
    visit = "On 8 July 2024 the Chinese minister visited Lima, the Peruvian capital."
    doc = tagged("second", f"{agreement} {visit}", [("k-second", "senior_visit", "2024-07-08",
                                                     ("CHN", "PER"), [
        (agreement, "visit", "states", "senior_visit.visit_noun"),
        (visit, "visited", "states", "senior_visit.visit")])])
    (event,) = doc.events
    first, second = event.evidence
    doc = dataclasses.replace(doc, events=(dataclasses.replace(event, evidence=(
        dataclasses.replace(first, rule="senior_visit.visit.en", secondary=True), second)),))
    (saved_event,) = saved(db, doc).values()
    assert [e["sentence"] for e in saved_event["evidence"]] == [visit, agreement]
    assert db.conn.execute("SELECT secondary FROM evidence ORDER BY start").fetchall() == [
        (1,), (0,)]


def test_a_sentence_telling_the_call_comes_before_one_telling_it_ahead_of_time(db):
    # both give the day and name both sides; the first tells a plan ("is scheduled to"),
    # the second the call itself: it shows the call first
    plan = "The Chinese hospital ship is scheduled to arrive at Callao in Peru on 8 July 2024."
    told = "The Chinese hospital ship arrived at Callao in Peru on 8 July 2024."
    doc = tagged("plan", f"{plan} {told}", [("k-plan", "port_call", "2024-07-08",
                                             ("CHN", "PER"), [
        (plan, "arrive", "states", "port_call.arrival"),
        (told, "arrived", "states", "port_call.arrival")])])
    (event,) = saved(db, doc).values()
    assert [e["sentence"] for e in event["evidence"]] == [told, plan]
    assert db.conn.execute("SELECT prospective FROM evidence ORDER BY start").fetchall() == [
        (1,), (0,)]


@pytest.mark.parametrize("text, trigger, prospective", [
    ("Está previsto que el buque chino arribe al Callao el 8 de julio de 2024.", "arribe", 1),
    ("El buque chino llegará al Callao el 8 de julio de 2024.", "llegará", 1),
    ("O navio chinês deverá atracar no Callao em 8 de julho de 2024.", "atracar", 1),
    ("The ship, which will leave on Friday, arrived at Callao on 8 July 2024.", "arrived", 0),
    ("The ship arrived at Callao on 8 July 2024 and will leave on Friday.", "arrived", 0),
])
def test_a_clause_telling_its_trigger_ahead_of_time_is_prospective(text, trigger, prospective):
    from pipeline.evidence import DocumentChecks

    lang = "es" if "buque" in text else "pt" if "navio" in text else "en"
    at = text.index(trigger)
    row = Evidence("d", text, 0, len(text), None, "port_call.arrival." + lang, trigger, at,
                   at + len(trigger))
    assert DocumentChecks(text, lang, ()).prospective(row) == bool(prospective)


def test_the_report_giving_the_occurrences_own_day_comes_before_one_giving_another(db):
    # two outlets tell the call on 8 July, a more confident one on 9 July: the occurrence
    # takes the day most state, and a sentence stating it shows the call first
    day = "The Chinese hospital ship arrived at Callao in Peru on 8 July 2024."
    other = "The Chinese hospital ship arrived at Callao in Peru on 9 July 2024."
    docs = [tagged(f"day{n}", day, [(f"k-day{n}", "port_call", "2024-07-08", ("CHN", "PER"),
                                     [(day, "arrived", "states", "port_call.arrival")], 0.85)])
            for n in (1, 2)]
    late = tagged("late", other, [("k-late", "port_call", "2024-07-09", ("CHN", "PER"),
                                   [(other, "arrived", "states", "port_call.arrival")], 0.95)])
    (event,) = saved(db, late, *docs).values()
    assert event["date"] == "2024-07-08"
    assert [e["sentence"] for e in event["evidence"]][0] == day


@pytest.mark.parametrize("coarse_date, said", [("2024-07", "in July 2024"), ("2024", "in 2024")])
def test_a_report_giving_the_day_comes_before_one_as_sure_giving_its_month(db, coarse_date,
                                                                            said):
    # two outlets as confident tell one signing, both with a verb and the date: one dates
    # it only to its month (or year), in a sentence read first as what it is; the other
    # gives its day in a sentence read first as another type (``secondary``, the visit
    # the signing ended). How a clause reads weighs among one report's sentences, not
    # against the more precise report: the sentence giving the day shows it first
    coarse = f"Peru and China signed a training agreement in Beijing {said}."
    day = ("The visit of the Peruvian minister to Beijing ended on 8 July 2024, when Peru and "
           "China signed a training agreement.")
    vague = tagged("vague", coarse, [("k-vague", "agreement", coarse_date, ("CHN", "PER"),
                                      [(coarse, "signed", "states", "agreement.sign")], 0.9)])
    exact = tagged("exact", day, [("k-exact", "agreement", "2024-07-08", ("CHN", "PER"),
                                   [(day, "signed", "states", "agreement.sign")], 0.9)])
    (event,) = exact.events
    exact = dataclasses.replace(exact, events=(dataclasses.replace(event, evidence=tuple(
        dataclasses.replace(v, secondary=True) for v in event.evidence)),))
    (saved_event,) = saved(db, vague, exact).values()
    assert saved_event["date"] == "2024-07-08"
    assert [e["sentence"] for e in saved_event["evidence"]] == [day, coarse]
    assert db.conn.execute("SELECT sentence, secondary FROM evidence e JOIN occurrences o "
                           "ON o.first_evidence = e.id").fetchall() == [(day, 1)]


def test_a_schema_14_database_learns_which_rows_tell_a_plan(db_path):
    plan = "The Chinese hospital ship is scheduled to arrive at Callao in Peru on 8 July 2024."
    told = "The Chinese hospital ship arrived at Callao in Peru on 8 July 2024."
    doc = tagged("plan14", f"{plan} {told}", [("k-plan14", "port_call", "2024-07-08",
                                               ("CHN", "PER"), [
        (plan, "arrive", "states", "port_call.arrival"),
        (told, "arrived", "states", "port_call.arrival")])])
    old_database(db_path, 14, doc).close()
    db = store.open_db(db_path)
    assert db.conn.execute("SELECT prospective FROM evidence ORDER BY start").fetchall() == [
        (1,), (0,)]
    (event,) = export.events(db)
    assert [e["sentence"] for e in event["evidence"]] == [told, plan]
    db.conn.close()


def test_a_sentence_naming_more_of_the_parties_comes_first(db):
    # two sentences alike but for the parties they name: the one naming every navy of the
    # exercise states it better than the one naming two of them
    two = "Peru and China began a naval exercise on 8 July 2024."
    four = "The navies of Peru, Chile, Ecuador and China began the exercise on 8 July 2024."
    doc = tagged("drill4", f"{two} {four}", [("k-drill4", "exercise", "2024-07-08",
                                               ("CHL", "CHN", "ECU", "PER"), [
        (two, "exercise", "states", "exercise.held"),
        (four, "exercise", "states", "exercise.held")])])
    (event,) = saved(db, doc).values()
    assert [e["sentence"] for e in event["evidence"]] == [four, two]


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_a_report_writing_the_date_out_states_it_before_one_telling_it_relative(db, order):
    # two outlets, equally firm: "yesterday" says when only beside its report's own date
    relative = "China's minister Dong Jun met Peruvian officers in Lima yesterday."
    written = "China's minister Dong Jun met Peruvian officers in Lima on 8 July 2024."
    reports = [tagged("a-rel", relative, [("k-rel", "senior_visit", "2024-07-08", ("CHN", "PER"),
                                           [(relative, "met", "states", "senior_visit.meet")])]),
               tagged("z-abs", written, [("k-abs", "senior_visit", "2024-07-08", ("CHN", "PER"),
                                          [(written, "met", "states", "senior_visit.meet")])])]
    rel = reports[0]
    at = relative.index("yesterday")
    reports[0] = dataclasses.replace(rel, mentions=(*rel.mentions, Mention(
        "DATE", "yesterday", at, at + len("yesterday"), "2024-07-08", "test")))
    (event,) = saved(db, *(reports[i] for i in order)).values()
    assert [e["sentence"] for e in event["evidence"]] == [written, relative]


def test_a_sentence_narrating_the_occurrence_comes_before_a_quotation(db):
    quoted = "“We bought them on 8 July 2024 because ours are old,” the Peruvian minister said."
    told = "Peru bought three Chinese patrol boats in July 2024."
    doc = tagged("boats", f"{quoted} {told}", [("k-boats", "arms_transfer", "2024-07-08",
                                                 ("CHN", "PER"), [
        (quoted, "bought", "states"), (told, "bought", "states")])])
    (event,) = saved(db, doc).values()
    assert [e["sentence"] for e in event["evidence"]] == [told, quoted]


PLAIN = "Two Chinese warships tied up in Lima on 8 July 2024."
NAMED = "The destroyer of Dong Jun and a Chinese tanker berthed in Lima on 8 July 2024."
SHIPS = tagged("ships", f"{PLAIN} {NAMED}", [("k-ships", "port_call", "2024-07-08",
                                              ("CHN", "PER"), [
    (PLAIN, "tied up", "states"), (NAMED, "berthed", "states")])])


def test_a_sentence_naming_a_person_comes_before_one_naming_none(db):
    # both give the day, both narrate with a verb, both name China and Peru
    (event,) = saved(db, SHIPS).values()
    assert [e["sentence"] for e in event["evidence"]] == [NAMED, PLAIN]


# a sentence pointing back at the gift with a demonstrative and setting it beside another
# occasion (whose day it gives), before the sentence that tells the gift
POINTING_BACK = {
    "en": ("This gift from China coincided with a training ship's call at Lima on 8 July 2024.",
           "gift", "China donated two patrol boats, which the navy received at Lima on 8 July "
           "2024.", "donated"),
    "es": ("Ese aporte de China coincidió con la escala en Lima de un buque escuela el 8 de "
           "julio de 2024.", "aporte", "China donó dos lanchas patrulleras que la Armada recibió "
           "en Lima el 8 de julio de 2024.", "donó"),
    "pt": ("Essa doação da China coincidiu com a escala em Lima de um navio-escola em 8 de "
           "julho de 2024.", "doação", "A China doou duas lanchas de patrulha que a Marinha "
           "recebeu em Lima em 8 de julho de 2024.", "doou")}


@pytest.mark.parametrize("lang", sorted(POINTING_BACK))
def test_a_sentence_pointing_back_with_a_demonstrative_comes_after_one_telling_it(db, lang):
    # both give the day, both name China and Peru (Lima), neither names a person; the rules
    # listed the one pointing back first
    back, back_trigger, told, told_trigger = POINTING_BACK[lang]
    doc = tagged("gift", f"{back} {told}", [("k-gift", "donation_aid", "2024-07-08",
                                               ("CHN", "PER"), [
        (back, back_trigger, "states"), (told, told_trigger, "states")])], lang=lang)
    (event,) = saved(db, doc).values()
    assert [e["sentence"] for e in event["evidence"]] == [told, back]
    assert db.conn.execute("SELECT restates FROM evidence ORDER BY start").fetchall() == [
        (1,), (0,)]


# the rules read the Ecuador call from a sentence placing the ship in Peru (another stop)
OTHER_STOP = "The Chinese hospital ship docked in Lima in July 2024, after a call in Ecuador."
OWN_STOP = "In July 2024 the Chinese hospital ship spent five days in Ecuador."
VOYAGE = tagged("voyage", f"{OTHER_STOP} {OWN_STOP}", [
    ("k-ecu", "port_call", "2024-07", ("CHN", "ECU"),
     [(OTHER_STOP, "docked", "states"), (OWN_STOP, "spent five days", "states")])])


def test_a_sentence_placing_the_trigger_in_a_state_the_event_lacks_comes_after(db):
    # both give the month, both name China and Ecuador, neither names a person
    (event,) = saved(db, VOYAGE).values()
    assert [e["sentence"] for e in event["evidence"]] == [OWN_STOP, OTHER_STOP]
    assert db.conn.execute("SELECT elsewhere FROM evidence ORDER BY start").fetchall() == [
        (1,), (0,)]


def test_an_events_place_is_never_in_a_lac_state_it_does_not_name(db):
    # the port the ship came from (Callao, Peru) is no place of the Ecuador call; the same
    # sentence read as a Peruvian event keeps it; a report's own place in Peru is no fallback
    sailed = "From Callao the Chinese hospital ship sailed to Ecuador in July 2024."
    doc = tagged("sailed", sailed, [
        ("k-ecu", "port_call", "2024-07", ("CHN", "ECU"), [(sailed, "sailed to", "states")]),
        ("k-per", "port_call", "2024-07", ("CHN", "PER"), [(sailed, "sailed", "states")])])
    doc = Tagged(doc.document, doc.mentions, tuple(
        Event(e.key, e.type, e.date, e.date_precision, e.date_source, e.countries, "Callao",
              e.persons, e.institutions, e.confidence, e.evidence) for e in doc.events), "test")
    events = saved(db, doc)
    assert (events["k-ecu"]["location"], events["k-per"]["location"]) == (None, "Callao")


def test_two_meetings_on_consecutive_days_stay_two_events(db):
    events = saved(db, WIRE, SECOND)
    assert sorted(events) == ["k-day", "k-next"]
    # a month-only report that fits both meetings joins neither: it is ambiguous
    events = saved(db, PRESS)
    assert sorted(events) == ["k-day", "k-month", "k-next"]


def test_the_result_does_not_depend_on_the_order_documents_are_stored_in(tmp_path):
    results = set()
    for i, order in enumerate(itertools.permutations([WIRE, PRESS, SECOND])):
        db = store.open_db(tmp_path / f"order{i}.db")
        results.add(json.dumps(sorted((k, e["report_ids"]) for k, e in saved(db, *order).items())))
        db.conn.close()
    assert results == {json.dumps([["k-day", ["k-day"]], ["k-month", ["k-month"]],
                                   ["k-next", ["k-next"]]])}
    results = set()
    for i, order in enumerate(itertools.permutations([WIRE, PRESS])):
        db = store.open_db(tmp_path / f"pair{i}.db")
        results.add(json.dumps(sorted((k, e["report_ids"]) for k, e in saved(db, *order).items())))
        db.conn.close()
    assert results == {json.dumps([["k-day", ["k-day", "k-month"]]])}


def test_a_rewritten_page_takes_its_report_out_of_the_occurrence(db):
    saved(db, WIRE, PRESS)
    # the press page now tells of a later visit (another month): the merge undoes itself
    later = VISIT_PT.replace("julho de 2024", "October 2024")
    events = saved(db, tagged("press", later, [
        ("k-oct", "senior_visit", "2024-10", ("CHN", "PER"), [(later, "recebeu", "states")])],
        lang="pt"))
    assert {k: e["report_ids"] for k, e in events.items()} == {"k-day": ["k-day"],
                                                               "k-oct": ["k-oct"]}
    assert db.conn.execute("SELECT count(*) FROM occurrences").fetchone() == (2,)


def report(key, date, countries=("CHN", "PER"), kind="port_call", docs=None, **kw) -> Report:
    precision = {10: "day", 7: "month", 4: "year"}.get(len(date or ""))
    return Report(key, kind, date, precision, True, frozenset(countries),
                  documents=frozenset(docs or [key]), **kw)


@pytest.mark.parametrize("a, b, same", [
    (report("a", "2024-05-03"), report("b", "2024-05"), True),  # precisions differ
    (report("a", "2024-05-03"), report("b", "2024-05-05"), True),  # a port call lasts days
    (report("a", "2024-05-03", ("IND", "BRA"), place="Natal"),
     report("b", "2024-05-07", ("IND", "BRA"), place="Rio de Janeiro"), False),  # two ports
    (report("a", "2024-05-03", ("IND", "BRA"), place="Natal"),
     report("b", "2024-05-03", ("IND", "BRA"), place="Rio de Janeiro"), True),  # one day
    (report("a", "2024-05-03"), report("b", "2024-05-10"), False),  # a week apart
    # one capital named in two languages is one port, not two ports of one state
    (report("a", "2024-06-12", ("RUS", "CUB"), place="Havana"),
     report("b", "2024-06-14", ("RUS", "CUB"), place="La Habana"), True),
    (report("a", "2024-05-03", kind="senior_visit"),
     report("b", "2024-05-05", kind="senior_visit"), False),  # two meetings
    (report("a", "2024-05-03"), report("b", "2024-05-03", ("CHN", "ECU")), False),  # 2 countries
    (report("a", "2024-05-03"), report("b", "2024-05-03", ("USA", "PER")), False),  # 2 powers
    (report("a", "2024-05-03", ships=frozenset({"Peace Ark"})),
     report("b", "2024-05-03", ships=frozenset({"Silk Road Ark"})), False),  # two ships
    # the place the rules name is a hint, never a veto (a person's name can read as a town)
    (report("a", "2024-05-03", place="Lima"), report("b", "2024-05-03", place="Monteiro"), True),
    (report("a", "2024-05-03", docs=["d"]), report("b", "2024-05", docs=["d"]), False),
    (report("a", "2023", kind="exercise"), report("b", "2024", kind="exercise"), False),
    (report("a", "2024-05-03", kind="exercise"), report("b", None, kind="exercise"), True),
    # a platform chosen and the contract for it are two steps of a transfer, two occurrences
    (report("a", "2024", kind="arms_transfer", steps=frozenset({"selection"})),
     report("b", "2024-05-03", kind="arms_transfer", steps=frozenset({"acquisition"})), False),
    (report("a", "2024", kind="arms_transfer", steps=frozenset({"acquisition"})),
     report("b", "2024-05-03", kind="arms_transfer", steps=frozenset({"acquisition"})), True),
    (report("a", "2024", kind="arms_transfer", steps=frozenset({"selection"})),
     report("b", "2024-05-03", kind="arms_transfer"), True),  # a report telling no step
    # a tour told in one sentence (Lima, then Quito) is no report of its stop in Lima alone
    (report("a", "2024-05-03", ("USA", "PER", "ECU"), kind="senior_visit"),
     report("b", "2024-05-03", ("USA", "PER"), kind="senior_visit"), False),
    (report("a", "2024-05", ("USA", "PER", "ECU"), kind="senior_visit"),
     report("b", "2024-05-03", ("USA", "PER", "ECU"), kind="senior_visit"), True),
    (report("a", "2024-05-03", ("GBR", "ARG", "FLK"), kind="senior_visit"),  # a territory
     report("b", "2024-05-03", ("GBR", "ARG"), kind="senior_visit"), True),
    (report("a", "2024-05-03", ("USA", "PER", "ECU"), kind="exercise"),  # one exercise, many
     report("b", "2024-05-03", ("USA", "PER"), kind="exercise"), True),
    # a launch told to the day at one shipyard: one outlet took the wrong power from the
    # paragraph before, the rest of the occurrence is one
    (report("a", "2024-03-27", ("FRA", "BRA"), kind="other_cooperation", place="Itaguaí"),
     report("b", "2024-03-27", ("USA", "BRA"), kind="other_cooperation", place="Itaguaí"),
     True),
    (report("a", "2024-03-27", ("FRA", "BRA"), kind="other_cooperation", place="Itaguaí"),
     report("b", "2024-03-28", ("USA", "BRA"), kind="other_cooperation", place="Itaguaí"),
     False),  # another day
    (report("a", "2024-03", ("FRA", "BRA"), kind="other_cooperation", place="Itaguaí"),
     report("b", "2024-03", ("USA", "BRA"), kind="other_cooperation", place="Itaguaí"),
     False),  # a month holds several
    (report("a", "2024-03-27", ("FRA", "BRA"), kind="other_cooperation", place="Itaguaí"),
     report("b", "2024-03-27", ("USA", "BRA"), kind="other_cooperation", place="Brasília"),
     False),  # nothing named in common
    # navies of two powers lie in one port on one day: two calls
    (report("a", "2023-02-26", ("IRN", "BRA"), place="Rio de Janeiro"),
     report("b", "2023-02-26", ("USA", "BRA"), place="Rio de Janeiro"), False),
])
def test_which_reports_may_be_one_occurrence(a, b, same):
    assert occurrences.compatible(a, b) is same
    assert occurrences.compatible(b, a) is same


def test_the_frames_that_read_a_report_tell_its_transfer_step():
    assert [occurrences.step_of(r) for r in (
        "arms_transfer.select_maker.en", "arms_transfer.contract.es",
        "arms_transfer.delivery_price.pt", "senior_visit.meet.en")] == [
        "selection", "acquisition", "acquisition", None]


CHOSEN = "In 2024 the Peruvian Navy chose Chinese patrol boats for its coast guard."
SIGNED = "Peru signed a contract with China on 3 May 2024 for four patrol boats."
SIGNED_2 = "Lima and Beijing put their names to the patrol boat contract on 3 May 2024."


def transfer_docs():
    return [tagged("choice", CHOSEN, [("k-chose", "arms_transfer", "2024", ("CHN", "PER"),
                                       [(CHOSEN, "chose", "states", "arms_transfer.select")])]),
            tagged("deal", SIGNED, [("k-deal", "arms_transfer", "2024-05-03", ("CHN", "PER"),
                                     [(SIGNED, "signed", "states", "arms_transfer.contract")])]),
            tagged("trato", SIGNED_2, [("k-trato", "arms_transfer", "2024-05-03",
                                        ("CHN", "PER"), [(SIGNED_2, "put", "states",
                                                          "arms_transfer.contract")])])]


def test_a_selection_and_the_contract_signed_later_stay_two_events(db):
    events = saved(db, *transfer_docs())
    # the year of the choice agrees with the contract's day, but a choice is no contract;
    # two outlets telling the contract are one event
    assert {k: e["report_ids"] for k, e in events.items()} == {
        "k-chose": ["k-chose"], "k-deal": ["k-deal", "k-trato"]}


def test_a_schema_7_database_parts_a_selection_from_its_contract(db_path, monkeypatch):
    from pipeline import occurrence_store

    conn = old_database(db_path, 7, SHIPS, *transfer_docs())
    with monkeypatch.context() as m:  # as schema 7 clustered, knowing no steps: one event
        m.setattr(occurrences, "_steps", lambda *_: {})
        occurrence_store.rebuild(conn)
    assert conn.execute("SELECT count(DISTINCT occurrence) FROM events WHERE type = "
                        "'arms_transfer'").fetchone() == (1,)
    conn.close()
    db = store.open_db(db_path)
    events = {e["event_id"]: e for e in export.events(db)}
    assert {k: e["report_ids"] for k, e in events.items()} == {
        "k-chose": ["k-chose"], "k-deal": ["k-deal", "k-trato"], "k-ships": ["k-ships"]}
    # and the upgraded view shows the sentence naming a person first
    assert events["k-ships"]["evidence"][0]["sentence"] == NAMED
    db.conn.close()


def test_a_report_that_fits_two_occurrences_stays_on_its_own():
    editions = [report("x23", "2023-09-10", kind="exercise"),
                report("x24", "2024-09-12", kind="exercise"),
                report("undated", None, kind="exercise")]
    assert [[r.key for r in o] for o in occurrences.cluster_all(editions)] == [
        ["x23"], ["x24"], ["undated"]]
    assert [[r.key for r in o] for o in occurrences.cluster_all(editions[1:])] == [
        ["x24", "undated"]]


def test_a_report_fitting_two_occurrences_joins_the_one_sharing_a_named_detail():
    guests = report("a-guests", "2018-11-29", ("CHL", "GBR", "USA"))
    ark = report("b-ark", "2018-11-29", ("CHL", "CHN"), ships=frozenset({"Peace Ark"}))
    noisy = report("c-noisy", "2018-11-29", ("CHL", "CHN", "GBR", "USA"),
                   ships=frozenset({"Peace Ark"}))
    assert [[r.key for r in o] for o in occurrences.cluster_all([ark, guests, noisy])] == [
        ["a-guests"], ["b-ark", "c-noisy"]]
    bare = report("c-bare", "2018-11-29", ("CHL", "CHN", "GBR", "USA"))
    assert [[r.key for r in o] for o in occurrences.cluster_all([ark, guests, bare])] == [
        ["a-guests"], ["b-ark"], ["c-bare"]]


def test_a_report_fitting_two_occurrences_joins_the_one_giving_its_own_date():
    # two sales dated to the day, and an outlet that dates a third one only "in 2021"
    march = report("a-march", "2021-03-02", ("CHN", "ECU"), kind="arms_transfer")
    june = report("b-june", "2021-06-15", ("CHN", "ECU"), kind="arms_transfer")
    vague = report("c-vague", "2021", ("CHN", "ECU"), kind="arms_transfer")
    # a second outlet that also says only "in 2021" tells the vague one, not either dated sale
    echo = report("d-echo", "2021", ("CHN", "ECU", "RUS"), kind="arms_transfer")
    assert [[r.key for r in o] for o in occurrences.cluster_all([march, june, vague, echo])] == [
        ["a-march"], ["b-june"], ["c-vague", "d-echo"]]
    # with no such report it stays on its own, as before
    assert [[r.key for r in o] for o in occurrences.cluster_all([march, june, echo])] == [
        ["a-march"], ["b-june"], ["d-echo"]]


def test_parties_are_the_most_specific_reports_and_those_most_reports_name():
    assert occurrences.merged_countries([["CHN", "PER"], ["CHN", "ECU", "PER"]]) == ["CHN", "PER"]
    assert occurrences.merged_countries([["CHN", "PER"], ["CHN", "ECU", "PER"],
                                         ["CHN", "ECU", "PER"]]) == ["CHN", "ECU", "PER"]


def test_a_power_one_report_of_several_names_is_outvoted():
    """The most specific report names Taiwan beside China's ship; the others do not."""
    reports = [["CHN", "TWN", "USA", "VEN"], ["CHN", "VEN"], ["CHN", "VEN"], ["CHN", "VEN"]]
    assert occurrences.merged_countries(reports) == ["CHN", "VEN"]
    # of two reports the first decides what only one names
    assert occurrences.merged_countries([["CHN", "TWN", "VEN"], ["CHN", "VEN"]]) == [
        "CHN", "TWN", "VEN"]
    # a side nothing keeps a majority for stays the first report's
    assert occurrences.merged_countries([["CHN", "VEN"], ["USA", "VEN"], ["RUS", "VEN"]]) == [
        "CHN", "VEN"]


def test_powers_are_voted_by_the_documents_that_tell_each_report():
    """Seventeen outlets tell Denmark's sale as one report; three reports of one outlet each
    add the United States: the powers are the seventeen's; the LAC side stays voted by
    reports (one outlet's longer list of participants is no outvoted error)."""
    reports = [["ARG", "DNK"], ["ARG", "DNK", "USA"], ["ARG", "BRA", "DNK", "USA"],
               ["ARG", "CHN", "DNK", "USA"]]
    assert occurrences.merged_countries(reports) == ["ARG", "DNK", "USA"]
    assert occurrences.merged_countries(reports, [17, 1, 1, 1]) == ["ARG", "DNK"]
    lists = [["BRA", "RUS"], ["PER", "RUS"], ["PER", "RUS"]]
    assert occurrences.merged_countries(lists, [5, 1, 1]) == ["PER", "RUS"]


def decide(db, key, status, at, corrected=None):
    db.conn.execute("INSERT INTO reviews (event_key, status, corrected, reviewer, reviewed_at) "
                    "VALUES (?, ?, ?, 'ana', ?)",
                    (key, status, json.dumps(corrected) if corrected else None, at))


def test_a_decision_on_a_report_follows_it_into_the_event_it_joins(db):
    saved(db, PRESS)
    decide(db, "k-month", "corrected", "2026-01-01T10:00:00Z", {"location": "Beijing"})
    (event,) = saved(db, WIRE).values()  # the wire report arrives: the two merge under k-day
    assert (event["event_id"], event["review_status"], event["location"]) == (
        "k-day", "corrected", "Beijing")
    (review,) = export.reviews(db)
    assert (review["event_id"], review["applies_to"], review["latest"], review["orphaned"]) == (
        "k-month", "k-day", True, False)


def test_a_split_keeps_each_decision_with_the_report_it_was_taken_on(db):
    saved(db, WIRE, PRESS)
    decide(db, "k-day", "rejected", "2026-01-01T10:00:00Z")
    later = VISIT_PT.replace("julho de 2024", "October 2024")
    events = saved(db, tagged("press", later, [
        ("k-oct", "senior_visit", "2024-10", ("CHN", "PER"), [(later, "recebeu", "states")])],
        lang="pt"))
    assert {k: e["review_status"] for k, e in events.items()} == {"k-day": "rejected",
                                                                  "k-oct": "unreviewed"}


def test_when_decided_reports_merge_the_latest_decision_counts(db):
    saved(db, PRESS)
    decide(db, "k-month", "rejected", "2026-01-01T10:00:00Z")
    saved(db, tagged("other", "Nothing here.", []))
    decide(db, "k-day", "accepted", "2026-01-02T10:00:00Z")  # a report not yet stored
    (event,) = saved(db, WIRE).values()
    assert (event["review_status"], event["event_id"]) == ("accepted", "k-day")
    decide(db, "k-month", "rejected", "2026-01-03T10:00:00Z")
    (event,) = export.events(db)
    assert event["review_status"] == "rejected"
    assert [r["applies_to"] for r in export.reviews(db)] == ["k-day", "k-day", "k-day"]


def test_two_named_exercises_in_the_same_days_stay_apart():
    unitas = report("u", "2024-09-02", ("BRA", "USA"), kind="exercise",
                    names=frozenset({"UNITAS (exercise)"}))
    panamax = report("p", "2024-09-02", ("BRA", "USA"), kind="exercise",
                     names=frozenset({"PANAMAX (exercise)"}))
    two_days_later = report("f", "2024-09-04", ("BRA", "USA"), kind="exercise")
    assert not occurrences.compatible(unitas, panamax)
    assert not occurrences.compatible(unitas, two_days_later)
    assert occurrences.compatible(unitas, report("x", "2024-09", ("BRA", "USA"), kind="exercise"))


def test_re_clustering_after_each_save_equals_clustering_everything_again(db, tmp_path):
    from pipeline import occurrence_store

    later = VISIT_PT.replace("julho de 2024", "October 2024")
    rewritten = tagged("press", later, [
        ("k-oct", "senior_visit", "2024-10", ("CHN", "PER"), [(later, "recebeu", "states")])],
        lang="pt")
    query = ("SELECT e.key, e.occurrence, o.date, o.countries, o.documents FROM events e "
             "JOIN occurrences o ON o.key = e.occurrence ORDER BY e.key")
    for docs in ([WIRE, PRESS, SECOND], [PRESS, WIRE, rewritten, PRESS], [SECOND, PRESS, WIRE]):
        db.conn.execute("DELETE FROM reviews")
        saved(db, *docs)
        incremental = db.conn.execute(query).fetchall()
        db.conn.execute("BEGIN")
        occurrence_store.rebuild(db.conn)
        db.conn.execute("COMMIT")
        assert db.conn.execute(query).fetchall() == incremental


def old_database(db_path, version, *docs):
    """A database written by schema ``version`` holding ``docs`` (its connection)."""
    import sqlite3

    import sqlite_utils

    conn = sqlite3.connect(db_path, isolation_level=None)
    old = sqlite_utils.Database(conn)
    for migration in store.MIGRATIONS[:version]:
        migration(old)
    conn.execute(f"PRAGMA user_version = {version}")
    for doc in docs:
        d = doc.document
        conn.execute("INSERT INTO documents (id, url, title, text, language, published) "
                     "VALUES (?, ?, ?, ?, ?, ?)", (d.id, d.url, d.title, d.text, d.language,
                                                   d.published))
        conn.executemany('INSERT INTO mentions (document_id, label, text, canonical_id, country, '
                         'start, "end", rule) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
                         [(d.id, m.label, m.text, m.canonical_id, m.country, m.start, m.end,
                           m.rule) for m in doc.mentions])
        for e in doc.events:
            conn.execute("INSERT INTO events (key, type, date, date_precision, date_source, "
                         "countries, location, persons, institutions, confidence, "
                         "first_seen_run, last_seen_run) VALUES (?, ?, ?, ?, 'stated', ?, NULL, "
                         "'[]', '[]', 0.8, 1, 1)", (e.key, e.type, e.date, e.date_precision,
                                                     json.dumps(e.countries)))
            for v in e.evidence:
                conn.execute('INSERT INTO evidence (event_key, document_id, sentence, start, '
                             '"end", rule, trigger, trigger_start, trigger_end) VALUES '
                             "(?, ?, ?, ?, ?, ?, ?, ?, ?)", (e.key, d.id, v.sentence, v.start,
                                                             v.end, v.rule, v.trigger,
                                                             v.trigger_start, v.trigger_end))
    return conn


def test_a_schema_4_database_upgrades_to_occurrences_keeping_its_reviews(db_path):
    conn = old_database(db_path, 4, WIRE, PRESS)
    conn.execute("INSERT INTO reviews (event_key, status, reviewer, reviewed_at) VALUES "
                 "('k-month', 'accepted', 'ana', '2026-01-01T00:00:00Z')")
    conn.close()
    db = store.open_db(db_path)
    (event,) = export.events(db)
    assert (event["event_id"], event["report_ids"], event["review_status"], event["languages"],
            event["persons"]) == ("k-day", ["k-day", "k-month"], "accepted", ["en", "pt"],
                                  ["Dong Jun", "Walter Astudillo"])
    assert db.conn.execute("SELECT role, rank, flag, date_match, parties_named FROM evidence "
                           "ORDER BY id").fetchall() == [("states", 0, None, 2, 2),
                                                         ("states", 0, None, 2, 2)]
    db.conn.close()


def test_a_schema_6_database_learns_which_rows_a_weak_frame_read(db_path):
    noun = "The visit of Dong Jun to Lima on 8 July 2024 was his first to Peru."
    verb = "China's minister Dong Jun met Peruvian officers in Lima in July 2024."
    doc = tagged("tour", f"{noun} {verb}", [("k-tour", "senior_visit", "2024-07-08",
                                              ("CHN", "PER"), [
        (noun, "visit", "states", "senior_visit.visit_noun"),
        (verb, "met", "states", "senior_visit.meet")])])
    old_database(db_path, 6, doc).close()
    db = store.open_db(db_path)
    assert db.conn.execute("SELECT rule, weak_frame FROM evidence ORDER BY start").fetchall() == [
        ("senior_visit.visit_noun.en", 1), ("senior_visit.meet.en", 0)]
    (event,) = export.events(db)
    assert [e["sentence"] for e in event["evidence"]][0] == verb
    db.conn.close()


def test_a_schema_9_database_learns_which_rows_point_back_with_a_demonstrative(db_path):
    back, trigger, told, told_trigger = POINTING_BACK["es"]
    doc = tagged("gift", f"{back} {told}", [("k-gift", "donation_aid", "2024-07-08",
                                               ("CHN", "PER"), [
        (back, trigger, "states"), (told, told_trigger, "states")])], lang="es")
    kind = "Esse tipo de exercício com a China exige anos de convivência com o Peru."
    drill = tagged("drill", kind, [("k-drill", "exercise", "2024-07", ("CHN", "PER"),
                                    [(kind, "exercício", "states")])], lang="pt")
    old_database(db_path, 9, doc, drill).close()
    db = store.open_db(db_path)
    assert db.conn.execute("SELECT restates, flag FROM evidence ORDER BY document_id, start"
                           ).fetchall() == [(0, "generic"), (1, None), (0, None)]
    events = {e["event_id"]: e for e in export.events(db)}
    assert [e["sentence"] for e in events["k-gift"]["evidence"]][0] == told
    db.conn.close()


def test_a_schema_9_database_learns_which_rows_tell_another_stop(db_path):
    old_database(db_path, 9, VOYAGE).close()
    db = store.open_db(db_path)
    assert db.conn.execute("SELECT elsewhere FROM evidence ORDER BY start").fetchall() == [
        (1,), (0,)]
    (event,) = export.events(db)
    assert [e["sentence"] for e in event["evidence"]][0] == OWN_STOP
    db.conn.close()


CALLS = "The Spanish training ship called at Callao and then at Salvador and Recife, in Brazil."


def test_a_schema_8_database_shows_each_call_at_its_own_port(db_path):
    # two calls the rules read from one sentence, each at its own port (events.location);
    # schema 8 showed the first place the sentence names for both
    doc = tagged("calls", CALLS, [
        (key, "port_call", "2024-05", ("BRA", "ESP"), [(CALLS, "called at", "states")])
        for key in ("k-salvador", "k-recife")])
    conn = old_database(db_path, 8, doc)
    conn.executemany("UPDATE events SET location = ? WHERE key = ?",
                     [("Salvador", "k-salvador"), ("Recife", "k-recife")])
    conn.close()
    db = store.open_db(db_path)
    assert {e["event_id"]: e["location"] for e in export.events(db)} == {
        "k-salvador": "Salvador", "k-recife": "Recife"}
    db.conn.close()


DRILL_RANGE = "Chile and the United States held naval drills from 5 to 17 June."
DRILL_CLOSE = "The drills of Chile and the United States closed on 17 June."
DRILL_LATER = "Chile and the United States began new drills on 20 June."
DRILL_START = "Chile and the United States will start naval drills on 5 June."


def _drill(doc_id: str, text: str, key: str, date: str, end: str | None = None) -> Tagged:
    doc = tagged(doc_id, text, [(key, "exercise", date, ("CHL", "USA"),
                                 [(text, "drills", "states")])])
    return Tagged(doc.document, doc.mentions,
                  tuple(dataclasses.replace(e, date_end=end) for e in doc.events), "test")


@pytest.mark.parametrize("order", [0, 1])
def test_a_report_dated_inside_another_reports_stated_stretch_joins_it(db, order):
    docs = [_drill("range", DRILL_RANGE, "k-range", "2024-06-05", "2024-06-17"),
            _drill("close", DRILL_CLOSE, "k-close", "2024-06-17")]
    events = saved(db, *(docs if order == 0 else docs[::-1]))
    assert sorted(events) == ["k-range"]
    # a day past the stretch (and the type's window) is another occurrence
    events = saved(db, _drill("later", DRILL_LATER, "k-later", "2024-06-20"))
    assert sorted(events) == ["k-later", "k-range"]


def test_a_report_dated_at_the_close_joins_one_dated_by_the_start_days_before():
    def report(key, kind, date, place, end=None):
        return Report(key, kind, date, "day", True, frozenset({"CHL", "USA"}), place,
                      documents=frozenset({key}), end=end)
    close = report("a", "exercise", "2024-06-17", "Punta Arenas", "2024-06-17")
    assert occurrences.compatible(report("b", "exercise", "2024-06-05", "Valparaíso"), close)
    # not after its close, nor longer ago than an exercise's reports may lie apart
    assert not occurrences.compatible(close, report("c", "exercise", "2024-06-19", None))
    assert not occurrences.compatible(close, report("d", "exercise", "2024-05-20", None))
    # a ship's stay closed at one port is not its call at another port of the state
    stay = dataclasses.replace(close, type="port_call")
    assert not occurrences.compatible(
        stay, report("e", "port_call", "2024-06-12", "Valparaíso"))
    assert not occurrences.compatible(  # nor a day some days before dated at no close
        report("f", "exercise", "2024-06-17", None), report("g", "exercise", "2024-06-05", None))


@pytest.mark.parametrize("order", [0, 1])
def test_a_drill_told_at_its_close_joins_the_outlet_dating_its_start(db, order):
    docs = [_drill("close", DRILL_CLOSE, "k-close", "2024-06-17", "2024-06-17"),
            _drill("start", DRILL_START, "k-start", "2024-06-05")]
    events = saved(db, *(docs if order == 0 else docs[::-1]))
    assert sorted(events) == ["k-start"]


def test_which_reports_a_stretch_holds():
    def drill(key, date, end=None):
        return Report(key, "exercise", date, "day", True, frozenset({"CHL", "USA"}),
                      documents=frozenset({key}), end=end)
    stretch = drill("a", "2024-06-05", "2024-06-17")
    assert occurrences.compatible(stretch, drill("b", "2024-06-11"))
    assert occurrences.compatible(drill("c", "2024-06-17"), stretch)
    assert not occurrences.compatible(stretch, drill("d", "2024-06-19"))
    assert not occurrences.compatible(drill("e", "2024-06-05"), drill("f", "2024-06-17"))
    # a visit's meetings on its different days stay apart (visits do not last: 0 days)
    tour = dataclasses.replace(stretch, type="senior_visit")
    assert not occurrences.compatible(tour, dataclasses.replace(drill("g", "2024-06-11"),
                                                                type="senior_visit"))


def test_a_schema_11_database_shows_the_verb_before_the_dated_noun(db_path):
    noun = "The visit of Dong Jun to Lima on 8 July 2024 was his first to Peru."
    verb = "China's minister Dong Jun met Peruvian officers in Lima."
    doc = tagged("tour11", f"{noun} {verb}", [("k-tour11", "senior_visit", "2024-07-08",
                                                ("CHN", "PER"), [
        (noun, "visit", "states", "senior_visit.visit_noun"),
        (verb, "met", "states", "senior_visit.meet")])])
    from pipeline import occurrence_store
    from pipeline.evidence import weak_frame

    conn = old_database(db_path, 11, doc)
    occurrence_store.backfill_checks(conn)
    occurrence_store.backfill_from_rules(conn, "weak_frame", weak_frame)
    occurrence_store.rebuild(conn)
    first = "SELECT sentence FROM ranked_evidence WHERE position = 1"
    assert conn.execute(first).fetchall() == [(noun,)]  # schema 11: the date first
    conn.close()
    db = store.open_db(db_path)
    assert db.conn.execute(first).fetchall() == [(verb,)]
    (event,) = export.events(db)
    assert [e["sentence"] for e in event["evidence"]] == [verb, noun]
    db.conn.close()


def test_a_schema_10_database_learns_the_last_days_of_stretches(db_path):
    old_database(db_path, 10, _drill("start", DRILL_START, "k-start", "2024-06-05")).close()
    db = store.open_db(db_path)
    assert db.conn.execute("SELECT key, date_end FROM events").fetchall() == [("k-start", None)]
    # a report saved after the upgrade, dated at the close, joins the stored one
    events = saved(db, _drill("close", DRILL_CLOSE, "k-close", "2024-06-17", "2024-06-17"))
    assert sorted(events) == ["k-start"]
    db.conn.close()


@pytest.mark.parametrize("a, b, apart", [
    ("Natal", "Rio de Janeiro", True),  # two ports of one state: two stops
    ("Havana", "La Habana", False),  # one capital in two languages
    ("Pequim", "Beijing", False),
    ("San Carlos", "La Habana", False),  # a Venezuelan town's name beside a call at Cuba
    ("Kazan", "La Habana", True),  # (a place in a party's state still counts)
    ("Natal", None, False),
])
def test_two_places_of_one_document_tell_two_stops_only_in_the_parties_states(a, b, apart):
    from pipeline.nlp.merge import same_place, two_places

    assert two_places(a, b, {"BRA", "CUB", "RUS", "CHN"}) is apart
    assert not same_place("Cayenne", "Paris")  # (a territory's capital is not its state's)


def _call(doc_id: str, text: str, key: str, date: str, told: dict[str, str] | None = None
          ) -> Tagged:
    """A port call at Callao by a Chinese ship; ``told``: relative dates ("yesterday") and
    the day each resolves to."""
    doc = tagged(doc_id, text, [(key, "port_call", date, ("CHN", "PER"),
                                 [(text, "arrived", "states")])])
    extra = tuple(Mention("DATE", word, text.index(word), text.index(word) + len(word), day,
                          "test") for word, day in (told or {}).items())
    return dataclasses.replace(doc, mentions=(*doc.mentions, *extra))


CALL_WRITTEN = "The Chinese ship arrived in Callao, Peru, on 9 July 2024."
CALL_RELATIVE = "The Chinese ship arrived in Callao, Peru, yesterday."
CALL_OTHER = "The Chinese ship arrived in Callao, Peru, on 8 July 2024."


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_a_merged_event_takes_the_date_most_documents_state(db, order):
    # two outlets tell 9 July (one relative to its own day), one tells 8 July: the event is
    # dated 9 July whatever order they came in (it keeps its most specific report's key)
    docs = [_call("a-written", CALL_WRITTEN, "k-9", "2024-07-09"),
            _call("b-relative", CALL_RELATIVE, "k-9", "2024-07-09",
                  {"yesterday": "2024-07-09"}),
            _call("c-other", CALL_OTHER, "k-8", "2024-07-08")]
    (event,) = saved(db, *(docs[i] for i in order)).values()
    assert (event["event_id"], event["date"], event["documents"]) == ("k-8", "2024-07-09", 3)


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_a_merged_event_takes_the_date_written_out_over_one_told_relative(db, order):
    # one outlet each: the date written out in figures says when; "yesterday" said it only
    # beside its report's own day
    docs = [_call("a-relative", CALL_RELATIVE, "k-8", "2024-07-08", {"yesterday": "2024-07-08"}),
            _call("b-written", CALL_WRITTEN, "k-9", "2024-07-09")]
    (event,) = saved(db, *(docs[i] for i in order)).values()
    assert (event["event_id"], event["date"]) == ("k-8", "2024-07-09")
