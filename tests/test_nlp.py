"""The rule pipeline on blank spaCy models: exact (text, label, id) tuples for the
gazetteer traps, persons with titles, sentence splitting and model validation. Events are
the rules' own (``min_confidence=0``): the fitted threshold is ``make eval``'s concern."""

import json
import shutil

import pytest

from pipeline import export, store
from pipeline.errors import ConfigError
from pipeline.nlp import pipeline, tag
from pipeline.nlp.models import MODELS, event_codes, load
from pipeline.records import Document


def ents(lang: str, text: str) -> list[tuple[str, str, str]]:
    return [(e.text, e.label_, e.kb_id_) for e in pipeline(lang)(text).ents]


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "Students at Columbia University met Colombian officers in Bogotá.",
     [("Colombian", "COUNTRY", "COL"), ("Bogotá", "LOCATION", "Bogotá")]),
    ("en", "Georgia Tech signed a research deal with the Brazilian Navy.",
     [("Brazilian Navy", "INSTITUTION", "Brazilian Navy")]),
    ("en", "The cook served chile con carne to officers from Chile.",
     [("Chile", "COUNTRY", "CHL")]),
    ("en", "A China Shipping vessel docked in Callao, Peru.",
     [("Callao", "LOCATION", "Callao"), ("Peru", "COUNTRY", "PER")]),
    ("en", "Officers from Dominica and the Dominican Republic attended.",
     [("Dominica", "COUNTRY", "DMA"), ("Dominican Republic", "COUNTRY", "DOM")]),
    ("en", "Equatorial Guinea and Guyana sent observers.",
     [("Equatorial Guinea", "COUNTRY", "GNQ"), ("Guyana", "COUNTRY", "GUY")]),
    ("es", "La Universidad de Granada recibió a oficiales de Granada.",
     [("Granada", "COUNTRY", "GRD")]),
    ("en", "Veterans of the Korean War and the Sea of Japan patrols met Peruvian sailors.",
     [("Peruvian", "COUNTRY", "PER")]),
    ("es", "La Fuerza Aérea Argentina recibió aviones.",
     [("Fuerza Aérea Argentina", "INSTITUTION", "Argentine Air Force")]),
    ("es", "El comunicado, en español, lo leyó el ministro español ante oficiales de Chile.",
     [("español", "COUNTRY", "ESP"), ("Chile", "COUNTRY", "CHL")]),
    ("en", "A Spanish-speaking officer read the Spanish statement to Spanish speakers in Peru.",
     [("Spanish", "COUNTRY", "ESP"), ("Peru", "COUNTRY", "PER")]),
    ("pt", "O navio-hospital Arca da Paz chegou a Granada.",
     [("navio-hospital Arca da Paz", "INSTITUTION", "Peace Ark (hospital ship)"),
      ("Granada", "COUNTRY", "GRD")]),
])
def test_gazetteer_traps(lang, text, expected):
    assert ents(lang, text) == expected


def test_persons_follow_their_title_even_after_a_nationality():
    doc = pipeline("es")("El ministro de Defensa chino, Dong Jun, recibió al comandante del "
                         "Ejército, general Tomás Ribeiro Paiva.")
    assert [p.kb_id_ for p in doc.spans["persons"]] == ["Dong Jun", "Tomás Ribeiro Paiva"]


def test_a_blank_line_ends_a_paragraph_and_is_no_sentence():
    doc = pipeline("pt")("Título\n\nPrimeira frase. Segunda.\n\nTerceira.")
    assert [s.text for s in doc.sents] == ["Título\n\n", "Primeira frase.", "Segunda.\n\n",
                                           "Terceira."]


def test_a_stop_phrase_blocks_the_trigger_inside_it():
    doc = pipeline("en")("The state visit and the press conference were held in Lima.")
    triggers = load().triggers
    assert [t.text for t in doc.spans["lex"] if t.label_ in triggers] == []


@pytest.mark.parametrize("lang,text,cue", [
    ("es", "El ministro destacó el interés peruano en comprar fragatas.", "interés peruano en"),
    ("pt", "O general citou a intenção chilena de adquirir blindados.", "intenção chilena de"),
    ("es", "Quito expresó su interés especialmente en adquirir radares.",
     "interés especialmente en"),
    ("en", "The navy is also expected to buy two corvettes.", "is also expected to"),
])
def test_a_wish_or_plan_cue_reads_across_a_demonym_or_adverb(lang, text, cue):
    doc = pipeline(lang)(text)
    assert cue in [c.text for c in doc.spans["cues"]]


def test_a_wish_told_across_a_demonym_proposes_no_purchase():
    assert events_of("El 4 de marzo de 2021 el ministro paraguayo mencionó el interés "
                     "paraguayo en adquirir drones turcos.", "es", "2021-03-05") == []
    # the visit the sentence tells stays
    assert [e[0] for e in events_of(
        "Durante la visita del 4 de marzo de 2021, el ministro de Defensa de Paraguay mencionó el "
        "interés paraguayo en adquirir drones de Turquía.", "es", "2021-03-05")] == [
        "senior_visit"]


@pytest.mark.parametrize("lang,text", [
    ("pt", "O Ministério da Defesa do Japão estuda enviar instrutores para treinar a Marinha do "
     "Peru."),
    ("es", "La Armada rusa estudia enviar instructores para entrenar a la Armada de Nicaragua."),
])
def test_a_plan_under_study_is_no_occurrence(lang, text):
    assert events_of(text, lang, "2024-05-02") == []


def test_sentences_split_at_punctuation_and_at_every_line_break():
    doc = pipeline("en")("Peace Ark docks in Grenada\n"
                         "The ship arrived. \"It stays,\" he said! Fine")
    # as spaCy's sentencizer: punctuation after a period stays with its sentence
    assert [s.text.strip() for s in doc.sents] == [
        "Peace Ark docks in Grenada", "The ship arrived. \"", "It stays,\" he said!", "Fine"]


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "Lt. Gen. Ken Tovo met Col. José Juárez at berth No. 6. The ship left.",
     ["Lt. Gen. Ken Tovo met Col. José Juárez at berth No. 6.", "The ship left."]),
    ("en", "President George W. Bush spoke, i.e. briefly. Then he left.",
     ["President George W. Bush spoke, i.e. briefly.", "Then he left."]),
    ("es", "El Tte. Cnel. Gómez y el contralmte. Pérez llegaron al muelle Nro. 4. Fin.",
     ["El Tte. Cnel. Gómez y el contralmte. Pérez llegaron al muelle Nro. 4.", "Fin."]),
    ("pt", "O Cel. Lima recebeu o almte. Silva no cais nº 3. Depois partiu.",
     ["O Cel. Lima recebeu o almte. Silva no cais nº 3.", "Depois partiu."]),
    ("en", "The talks ended at 5 p.m. The next day they sailed.",
     ["The talks ended at 5 p.m.", "The next day they sailed."]),
    ("en", "They sent boats, radios, etc. The navy thanked them for boats, etc. and radios.",
     ["They sent boats, radios, etc.", "The navy thanked them for boats, etc. and radios."]),
    ("es", "El general de división (s.p.) Oswaldo Jarrín llegó a Pekín. Fue en 2018 (ver abajo.) "
           "Luego volvió.",
     ["El general de división (s.p.) Oswaldo Jarrín llegó a Pekín.", "Fue en 2018 (ver abajo.)",
      "Luego volvió."]),
])
def test_a_rank_or_abbreviation_with_a_full_stop_ends_no_sentence(lang, text, expected):
    assert [s.text.strip() for s in pipeline(lang)(text).sents] == expected


def test_events_carry_evidence_rule_and_stable_key():
    document = Document(id="d1", url="case:d1", source=None, language="en",
                        published="2024-07-10",
                        text="Chinese and Peruvian defense chiefs met in Lima on 3 June 2024.")
    (event,) = tag(document, min_confidence=0).events
    assert (event.type, event.countries, event.date, event.date_precision, event.date_source) == (
        "senior_visit", ("CHN", "PER"), "2024-06-03", "day", "stated")
    assert [(e.rule, e.trigger) for e in event.evidence] == [("senior_visit.meet.en", "met")]
    assert event.key == tag(document, min_confidence=0).events[0].key


def test_an_undated_event_falls_back_to_the_publication_month():
    document = Document(id="d2", url="case:d2", source=None, language="en",
                        published="2024-07-10",
                        text="Chinese and Peruvian defense chiefs held talks in Lima.")
    (event,) = tag(document, min_confidence=0).events
    assert (event.date, event.date_precision, event.date_source) == ("2024-07", "month",
                                                                      "published")


def copy_models(tmp_path):
    folder = tmp_path / "models"
    shutil.copytree(MODELS, folder)
    return folder


def test_an_unknown_key_in_a_rule_file_fails_and_names_the_allowed_keys(tmp_path):
    folder = copy_models(tmp_path)
    path = folder / "frames.jsonl"
    entry = {"id": "x.y", "type": "exercise", "trigger": ["exercise_n"], "strenght": "weak"}
    path.write_text(path.read_text() + json.dumps(entry) + "\n")
    with pytest.raises(ConfigError, match="unknown key 'strenght'; allowed: actors, after, "
                                          "after_apart, also, before, id, indefinite, joined, "
                                          "not_by, note, over, partner_after, "
                                          "received, recipient, "
                                          "shown_after, strength, told_around, trigger, "
                                          "two_sides, "
                                          "type, unless_object, unless_traded, window, with, "
                                          "without, without_ahead, without_before, "
                                          "without_far, without_near, without_object, "
                                          "without_window"):
        load.__wrapped__(folder)


def test_a_phrase_listed_twice_in_a_vocabulary_fails_and_names_it(tmp_path):
    folder = copy_models(tmp_path)
    path = folder / "cues.jsonl"
    entries = [json.loads(line) for line in path.read_text().splitlines()]
    plan = next(e for e in entries if e["id"] == "cue.plan")
    plan["phrases"]["es"].append(plan["phrases"]["es"][0])  # (as two merged edits leave it)
    path.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entries))
    with pytest.raises(ConfigError, match=f"cues.jsonl: cue.plan: es: "
                                          f"'{plan['phrases']['es'][0]}' is listed twice"):
        load.__wrapped__(folder)


def test_a_frame_naming_an_unknown_class_or_type_fails(tmp_path):
    folder = copy_models(tmp_path)
    path = folder / "frames.jsonl"
    original = path.read_text()
    entry = {"id": "x.y", "type": "exercise", "trigger": ["exercise_n"], "with": [["warship"]]}
    path.write_text(original + json.dumps(entry) + "\n")
    with pytest.raises(ConfigError, match="frames.jsonl: x.y: unknown class 'warship'"):
        load.__wrapped__(folder)
    entry = {"id": "x.y", "type": "exercise", "trigger": ["exercise_n"],
             "without_near": ["speeches"]}
    path.write_text(original + json.dumps(entry) + "\n")
    with pytest.raises(ConfigError, match="frames.jsonl: x.y: unknown class 'speeches'"):
        load.__wrapped__(folder)
    entry = {"id": "x.y", "type": "parade", "trigger": ["exercise_n"]}
    path.write_text(original + json.dumps(entry) + "\n")
    with pytest.raises(ConfigError, match="frames.jsonl: x.y: type must be one of senior_visit"):
        load.__wrapped__(folder)
    for over in (["parade"], ["exercise"]):  # (no type, or its own)
        entry = {"id": "x.y", "type": "exercise", "trigger": ["exercise_n"], "over": over}
        path.write_text(original + json.dumps(entry) + "\n")
        with pytest.raises(ConfigError, match="frames.jsonl: x.y: 'over' must list event "
                                              "types other than its own"):
            load.__wrapped__(folder)


def test_stopwords_and_stub_files_are_checked_at_start_up(tmp_path):
    from pipeline.nlp.models import stopwords, stubs

    folder = copy_models(tmp_path)
    path = folder / "stopwords.json"
    data = json.loads(path.read_text())
    path.write_text(json.dumps({**data, "abreviations": {"en": ["gen"]}}))
    with pytest.raises(ConfigError, match="stopwords.json: unknown key 'abreviations'; "
                                          "allowed: abbreviations, agents, anchor_links"):
        load.__wrapped__(folder)
    path.write_text(json.dumps({**data, "relatives": {"en": "which"}}))
    with pytest.raises(ConfigError, match="stopwords.json: relatives: expected a list of "
                                          "words for each of en, es, pt"):
        stopwords.__wrapped__(folder)
    path.write_text(json.dumps(data))
    stubs_file = folder / "stubs.jsonl"
    entry = {"id": "stub.x", "kind": "cookie", "phrases": ["we use cookies"]}
    stubs_file.write_text(stubs_file.read_text() + json.dumps(entry) + "\n")
    with pytest.raises(ConfigError, match="stubs.jsonl: stub.x: kind must be one of "
                                          "needs_javascript, consent_wall"):
        stubs.__wrapped__(folder)


def test_an_unknown_cue_kind_fails(tmp_path):
    folder = copy_models(tmp_path)
    path = folder / "cues.jsonl"
    entry = {"id": "cue.x", "kind": "maybe", "window": 0, "phrases": {"en": ["perhaps"]}}
    path.write_text(path.read_text() + json.dumps(entry) + "\n")
    with pytest.raises(ConfigError, match="cues.jsonl: cue.x: kind must be one of negation"):
        load.__wrapped__(folder)


def test_exported_events_carry_the_nearest_cameo_and_plover_codes(db):
    document = Document(id="d3", url="case:d3", source=None, language="es", published="2024-07-10",
                        text="China donó cincuenta camiones militares al ejército de Guyana el 9 "
                             "de abril de 2024.")
    store.save(db, tag(document, min_confidence=0), store.start_run(db, "test", "v1"))
    (event,) = export.events(db)
    assert (event["type"], event["cameo"], event["plover"], event["plover_mode"]) == (
        "donation_aid", "072", "AID", None)


def test_every_event_type_has_its_codes_and_a_type_missing_a_key_fails(tmp_path):
    assert {t: (c["cameo"], c["plover"]) for t, c in event_codes().items()}["senior_visit"] == (
        "042", "CONSULT")
    folder = copy_models(tmp_path)
    data = json.loads((folder / "event_types.json").read_text())
    del data["types"][2]["colour"]
    (folder / "event_types.json").write_text(json.dumps(data))
    with pytest.raises(ConfigError, match="event_types.json: each type needs exactly the keys"):
        event_codes(folder)


def events_of(text: str, lang: str = "en", published: str = "2024-07-10"):
    document = Document(id="m", url="case:m", source=None, language=lang, published=published,
                        text=text)
    events = tag(document, min_confidence=0).events
    return [(e.type, e.countries, e.date, len(e.evidence)) for e in events]


def test_calls_in_two_states_stay_two_events_even_in_the_same_month():
    assert events_of("The Chinese task group berthed at Rio de Janeiro, Brazil, on 20 October "
                     "2013.\nThe Chinese task group docked in Buenos Aires, Argentina, on 30 "
                     "October 2013.") == [("port_call", ("BRA", "CHN"), "2013-10-20", 1),
                                          ("port_call", ("ARG", "CHN"), "2013-10-30", 1)]


@pytest.mark.parametrize(("text", "lang", "lac"), [
    ("During its 2022 cruise the Colombian Navy sail training ship stopped at San Diego, "
     "California, and later visited ports in Japan, South Korea and China.", "en", "COL"),
    ("En su crucero de 2022, el velero de la Armada de Colombia recaló en San Diego, "
     "California, y después visitó puertos de Japón, Corea del Sur y China.", "es", "COL"),
    ("Em sua viagem de 2022, o navio-veleiro da Marinha do Brasil atracou em San Diego, na "
     "Califórnia, e depois visitou portos do Japão, da Coreia do Sul e da China.", "pt", "BRA")])
def test_a_lac_ship_at_the_ports_of_several_powers_makes_a_call_at_each(text, lang, lac):
    # (San Diego, named by the port alone, is the United States' port: a call there too)
    assert sorted(e[1] for e in events_of(text, lang)) == sorted(
        tuple(sorted((lac, p))) for p in ("CHN", "JPN", "KOR", "USA"))


@pytest.mark.parametrize(("text", "lang", "parties"), [
    ("In June 2022 the Chilean Navy training ship Esmeralda docked at Aberdeen.", "en",
     ("CHL", "GBR")),
    ("En junio de 2022, el buque escuela de la Armada de Colombia atracó en Burdeos.", "es",
     ("COL", "FRA")),
    ("Em junho de 2022, o navio-patrulha da Marinha do Brasil atracou em São Tomé.", "pt",
     ("BRA", "STP"))])
def test_a_port_abroad_a_lac_ship_calls_at_names_the_host(text, lang, parties):
    # (ports of bases.jsonl outside the region: sail-training and naval ports)
    assert [e[:3] for e in events_of(text, lang)] == [("port_call", parties, "2022-06")]


def test_powers_craft_stopping_on_its_way_to_a_lac_port_is_no_lac_call_abroad():
    # (the LAC state is the port here: the powers' call, not a call at each power)
    assert not any(len(e[1]) == 2 and "VEN" in e[1] and "SYR" in e[1] for e in events_of(
        "In 2019 the Russian airliner landed at Maiquetia, Venezuela, after refuelling in "
        "Syria."))


@pytest.mark.parametrize(("text", "lang"), [
    ("In March 2021 Peru signed a contract to buy two patrol boats from South Korea. "
     "The first boats reached Callao in June 2022.", "en"),
    ("En marzo de 2021 Perú firmó un contrato para comprar dos patrulleras a Corea del Sur. "
     "Las primeras unidades llegaron al Callao en junio de 2022.", "es"),
    ("Em junho de 2022 a antiga fragata HMS Tyne atracou no Rio de Janeiro, com bandeira "
     "brasileira.", "pt")])
def test_goods_reaching_the_state_that_bought_them_make_no_port_call(text, lang):
    # (the craft is the buyer's: a purchase told before, or the flag it had, "antiga HMS")
    assert not any(e[0] == "port_call" for e in events_of(text, lang))


@pytest.mark.parametrize(("text", "lang", "parties"), [
    ("Em junho de 2022 a antiga fragata HMS Tyne atracou no Rio de Janeiro, com bandeira "
     "brasileira.", "pt", ("BRA", "GBR")),
    ("In May 2023 the ex-HMS Clyde, now flying the Argentine flag, reached Mar del Plata.",
     "en", ("ARG", "GBR")),
    # (the flag it had told in the sentence before; the stops of its delivery flight)
    ("The aircraft is the ex USAF 90-1057, which flew with the Air National Guard. It landed "
     "at El Palomar, Argentina, on 3 May 2023 after a stop in Florida.", "en", ("ARG", "USA"))])
def test_a_craft_named_by_the_flag_it_had_arriving_is_its_delivery(text, lang, parties):
    assert [e[:2] for e in events_of(text, lang)] == [("arms_transfer", parties)]


def test_a_powers_warship_in_a_story_of_a_purchase_still_calls():
    assert any(e[0] == "port_call" for e in events_of(
        "In March 2021 Peru signed a contract to buy two patrol boats from South Korea. "
        "The South Korean destroyer Gang Gam-chan docked at Callao in June 2022."))


def test_a_multi_day_event_told_day_by_day_is_one_event_dated_by_its_firmest_report():
    assert events_of("The Chinese hospital ship Peace Ark docked in Callao, Peru, on 30 October "
                     "2024.\nIts doctors treated patients in Callao, Peru, on 2 November 2024."
                     ) == [("port_call", ("CHN", "PER"), "2024-10-30", 2)]


def test_a_sentence_naming_one_side_lends_no_second_power_to_a_call_told_that_day():
    # (the ships "crossed from Senegal": where they came from, not whose they are)
    assert events_of("The French amphibious helicopter carrier Tonnerre docked at Rio de "
                     "Janeiro, Brazil, on 18 March 2024.\nThe two ships berthed at the pier on "
                     "Monday morning after crossing the Atlantic from Senegal.",
                     published="2024-03-19") == [
        ("port_call", ("BRA", "FRA"), "2024-03-18", 2)]


def test_a_report_dated_only_by_the_story_joins_the_event_of_its_type_days_from_it():
    # (the memorandum "during the trip" took the arrival's Monday from around it; the
    # visit closed on Wednesday with its signing)
    assert events_of("U.S. Defense Secretary John Doe ended a three-day visit to Panama on "
                     "Wednesday with the signing of a security memorandum.\n\nDoe arrived "
                     "in the capital on Monday and was received by Public Security Minister "
                     "Juan Pérez.\n\nDuring the trip, Pérez and Doe signed a memorandum of "
                     "understanding that widens joint training.", published="2025-04-10") == [
        ("agreement", ("PAN", "USA"), "2025-04-09", 2),
        ("senior_visit", ("PAN", "USA"), "2025-04-07", 3)]


def test_one_trigger_told_on_two_days_running_is_one_meeting_and_two_triggers_stay_two():
    assert events_of("Chinese and Peruvian defense chiefs held talks in Lima on Monday and "
                     "Tuesday.", published="2024-06-07") == [
        ("senior_visit", ("CHN", "PER"), "2024-06-03", 1)]
    assert events_of("Chinese and Peruvian defense chiefs met in Lima on 3 June 2024.\nChinese "
                     "and Peruvian defense chiefs met again in Cusco on 4 June 2024.") == [
        ("senior_visit", ("CHN", "PER"), "2024-06-03", 1),
        ("senior_visit", ("CHN", "PER"), "2024-06-04", 1)]


def test_an_arrival_and_a_handover_a_day_apart_are_one_delivery_and_a_contract_stays_apart():
    assert events_of("The Jamaica Defence Force on Friday formally received the first of two "
                     "patrol aircraft bought from India.\nThe aircraft touched down at Kingston "
                     "on Thursday evening after a ferry flight from India.",
                     published="2023-08-05") == [("arms_transfer", ("IND", "JAM"), "2023-08-04", 2)]
    assert [e[:3] for e in events_of(
        "Jamaica signed a contract with India on Thursday for two patrol aircraft.\nThe Jamaica "
        "Defence Force on Friday formally received the first of the two aircraft.",
        published="2023-08-05")] == [("arms_transfer", ("IND", "JAM"), "2023-08-03"),
                                     ("arms_transfer", ("IND", "JAM"), "2023-08-04")]


def test_an_undated_restatement_adds_evidence_and_keeps_the_key():
    one = "Chinese and Peruvian defense chiefs met in Lima on 3 June 2024."
    two = one + "\nThe meeting with Peru's defense chief covered training."
    document = Document(id="k", url="case:k", source=None, language="en",
                        published="2024-07-10", text=one)
    longer = Document(id="k2", url="case:k2", source=None, language="en",
                      published="2024-07-10", text=two)
    (first,) = tag(document, min_confidence=0).events
    (second,) = tag(longer, min_confidence=0).events
    assert (first.key, len(first.evidence)) == (second.key, 1) and len(second.evidence) == 2


def test_every_country_id_is_an_iso_3166_alpha_3_code():
    import pycountry

    from pipeline.nlp.models import read_jsonl

    ids = [entry["id"] for entry in read_jsonl("countries.jsonl")]
    assert [i for i in ids if pycountry.countries.get(alpha_3=i) is None] == []
    lac = {entry["id"] for entry in read_jsonl("countries.jsonl") if entry["region"] == "LAC"}
    sovereign = {"ATG", "ARG", "BHS", "BRB", "BLZ", "BOL", "BRA", "CHL", "COL", "CRI", "CUB",
                 "DMA", "DOM", "ECU", "SLV", "GRD", "GTM", "GUY", "HTI", "HND", "JAM", "MEX",
                 "NIC", "PAN", "PRY", "PER", "KNA", "LCA", "VCT", "SUR", "TTO", "URY", "VEN"}
    assert sovereign <= lac  # all 33 LAC states


def test_model_designations_are_equipment_and_diseases_are_not():
    doc = pipeline("en")("Two F-16s, a Mi-35M and an MBT-2000 arrived; COVID-19 and the G-20 "
                         "did not.")
    equipment = [t.text for t in doc.spans["lex"] if t.label_ == "weapon"]
    assert equipment == ["F-16s", "Mi-35", "MBT-2000"]  # ("M" is split off by the tokenizer)


@pytest.mark.parametrize("lang,text,start,end", [
    ("es", "La Armada de Chile y la Marina de Estados Unidos realizaron un ejercicio naval "
           "combinado del 5 al 17 de junio de 2024.", "2024-06-05", "2024-06-17"),
    ("en", "The Chilean and U.S. navies held a combined naval exercise from 5 to 17 June 2024.",
     "2024-06-05", "2024-06-17"),
    ("pt", "As marinhas do Chile e dos Estados Unidos realizaram um exercício naval combinado "
           "entre 5 e 17 de junho de 2024.", "2024-06-05", "2024-06-17"),
    ("en", "The Chilean and U.S. navies held a combined naval exercise from 28 June to "
           "3 July 2024.", "2024-06-28", "2024-07-03"),
    ("en", "The Chilean and U.S. navies held a combined naval exercise from 4 June to "
           "6 July 2024.", "2024-06-04", "2024-07-06"),
    ("es", "La Armada de Chile y la Marina de Estados Unidos realizaron un ejercicio naval "
           "combinado entre el 28 de junio y el 3 de julio de 2024.", "2024-06-28", "2024-07-03"),
])
def test_an_occurrence_dated_by_a_stretch_keeps_its_last_day(lang, text, start, end):
    document = Document(id="r1", url="case:r1", source=None, language=lang,
                        published="2024-07-20", text=text)
    events = [e for e in tag(document, min_confidence=0).events if e.type == "exercise"]
    assert [(e.date, e.date_end) for e in events] == [(start, end)]


def test_an_occurrence_dated_by_one_day_has_no_last_day():
    document = Document(id="r2", url="case:r2", source=None, language="en",
                        published="2024-07-20",
                        text="The Chilean and U.S. navies held a combined naval exercise on "
                             "5 June 2024.")
    assert [e.date_end for e in tag(document, min_confidence=0).events] == [None]


@pytest.mark.parametrize("lang,text", [
    ("en", "Chilean and U.S. marines held an amphibious exercise from 26 June to 1 August "
           "2024.\n\nOn 25 July 2024, Chilean and U.S. marines conducted an amphibious landing "
           "exercise."),
    ("es", "Infantes de marina de Chile y Estados Unidos realizaron un ejercicio anfibio del 26 "
           "de junio al 1 de agosto de 2024.\n\nEl 25 de julio de 2024, infantes de marina de "
           "Chile y Estados Unidos realizaron un ejercicio de desembarco."),
    ("pt", "Fuzileiros navais do Brasil e dos Estados Unidos realizaram um exercício anfíbio de "
           "26 de junho a 1 de agosto de 2024.\n\nEm 25 de julho de 2024, fuzileiros do Brasil e "
           "dos Estados Unidos realizaram um exercício de desembarque."),
])
def test_a_day_inside_a_long_stated_stretch_is_the_same_exercise(lang, text):
    # five weeks: longer than the days an exercise's reports may lie apart in one document
    document = Document(id="r3", url="case:r3", source=None, language=lang,
                        published="2024-09-01", text=text)
    events = [e for e in tag(document, min_confidence=0).events if e.type == "exercise"]
    assert [(e.date, e.date_end, len(e.evidence)) for e in events] == [
        ("2024-06-26", "2024-08-01", 2)]


@pytest.mark.parametrize("lang,text", [
    ("en", "The combined exercise of the Chilean and U.S. navies concluded on 17 June 2024."),
    ("es", "El ejercicio combinado de las armadas de Chile y Estados Unidos concluyó el 17 de "
           "junio de 2024."),
    ("pt", "O exercício combinado das marinhas do Chile e dos Estados Unidos foi encerrado em "
           "17 de junho de 2024."),
])
def test_an_occurrence_dated_at_its_close_ends_that_day(lang, text):
    document = Document(id="r4", url="case:r4", source=None, language=lang,
                        published="2024-07-20", text=text)
    events = [e for e in tag(document, min_confidence=0).events if e.type == "exercise"]
    assert [(e.date, e.date_end) for e in events] == [("2024-06-17", "2024-06-17")]


@pytest.mark.parametrize("lang, text, apart", [
    ("en", "In June 2022, Venezuelan Defence Minister Vladimir Padrino travelled to Tehran and "
           "signed a defence cooperation agreement with his Iranian counterpart.", True),
    ("es", "El ministro de Defensa de Bolivia, Edmundo Novillo, viajó a Teherán el 12 de marzo "
           "de 2024, donde firmó con su homólogo iraní un memorando de entendimiento sobre "
           "cooperación en defensa.", True),
    ("pt", "O ministro da Defesa do Brasil, José Múcio, esteve em Paris e, em 12 de março de "
           "2024, assinou com o ministro francês um acordo de cooperação em defesa.", True),
    ("en", "On 12 March 2024 Brazil's defence minister visited Paris, and the French and "
           "Brazilian navies signed a defence cooperation agreement.", False),
])
def test_a_second_verb_of_the_same_subject_is_weighed_in_its_own_clause(lang, text, apart):
    """A leader's visit and the agreement the same subject signs in a coordinated or
    relative clause ("travelled to Tehran and signed", "viajó a Teherán, donde firmó",
    "esteve em Paris e ... assinou"): the visit's clause reads one type, and the signing
    stands at the head of its own clause. Another subject ("and the navies signed") keeps
    one clause."""
    document = Document(id=f"s-{lang}", url="case:s", source=None, language=lang,
                        published="2024-07-10", text=text)
    events = {e.type: e for e in tag(document, min_confidence=0).events}
    assert {"senior_visit", "agreement"} <= events.keys()
    visit, signed = events["senior_visit"].features, events["agreement"].features
    assert (visit.get("types_read", 0.0) == 0.0) is apart  # (the signing's clause reads
    assert (signed["position"] < 0.3) is apart  # what a signing alone reads: the leaders
    # who sign have met, "senior_visit.signing")


@pytest.mark.parametrize("lang, text, apart", [
    ("en", "The French frigate Ventôse docked at Port of Spain, Trinidad and Tobago, on 6 "
           "February 2023. During the stopover, French Navy instructors ran a five-day "
           "boarding course for twenty sailors of the Trinidad and Tobago Coast Guard.", True),
    ("es", "La fragata francesa Ventôse atracó en Puerto España, Trinidad y Tobago, el 6 de "
           "febrero de 2023. Durante la escala, instructores de la Marina francesa dictaron "
           "un curso de abordaje de cinco días para veinte marinos de la Guardia Costera de "
           "Trinidad y Tobago.", True),
    ("pt", "A fragata francesa Ventôse atracou em Porto de Espanha, Trinidad e Tobago, em 6 "
           "de fevereiro de 2023. Durante a escala, instrutores da Marinha francesa "
           "ministraram um curso de abordagem de cinco dias para vinte marinheiros da Guarda "
           "Costeira de Trinidad e Tobago.", True),
    ("en", "The French frigate Ventôse docked at Port of Spain, Trinidad and Tobago, on 6 "
           "February 2023. The stopover included a five-day boarding course that French Navy "
           "instructors ran for twenty sailors of the Trinidad and Tobago Coast Guard.", False),
])
def test_what_follows_an_anchor_is_weighed_without_its_noun(lang, text, apart):
    """A sentence opened by the call told before ("During the stopover", "Durante la
    escala", "Durante a escala") tells what followed it: the course is weighed as the only
    type of its clause, the call's noun refers back. The stopover as the subject of its
    own verb ("The stopover included a course") is no such opening: two types."""
    document = Document(id=f"a-{lang}", url="case:a", source=None, language=lang,
                        published="2023-02-10", text=text)
    events = {e.type: e for e in tag(document, min_confidence=0).events}
    assert {"port_call", "education_training"} <= events.keys()
    course = events["education_training"].features
    assert (course.get("types_read", 0.0) == 0.0) is apart


@pytest.mark.parametrize("lang, text, apart", [
    ("en", "The Caribbean security conference opened in Kingston on 3 May 2023. On the "
           "margins of the conference, the French defence minister met Jamaica's chief of "
           "defence staff.", True),
    ("es", "La conferencia de seguridad del Caribe se inauguró en Kingston el 3 de mayo de "
           "2023. Al margen de la conferencia, el ministro de Defensa de Francia se reunió "
           "con el jefe del Estado Mayor de Jamaica.", True),
    ("pt", "A conferência de segurança do Caribe foi aberta em Kingston em 3 de maio de "
           "2023. Às margens da conferência, o ministro da Defesa da França reuniu-se com o "
           "chefe do Estado-Maior da Jamaica.", True),
    ("en", "The Caribbean security conference opened in Kingston on 3 May 2023. After the "
           "conference, the French defence minister met Jamaica's chief of defence "
           "staff.", False),
])
def test_a_meeting_held_at_a_forum_is_weighed_without_its_setting(lang, text, apart):
    """A meeting held on the margins of a forum ("On the margins of the conference",
    "Al margen de la conferencia", "Às margens da conferência"): the forum is where it
    was held, no rival reading of the meeting, which is weighed as the only type of its
    clause and heads it. A forum named otherwise ("After the conference") stays a second
    type read in the sentence."""
    document = Document(id=f"m-{lang}", url="case:m", source=None, language=lang,
                        published="2023-05-20", text=text)
    events = [e for e in tag(document, min_confidence=0).events if e.type == "senior_visit"
              and any("minist" in r.sentence for r in e.evidence)]
    assert events
    visit = events[0].features
    assert (visit.get("types_read", 0.0) == 0.0) is apart
    assert not (apart and visit.get("secondary"))  # (it heads its clause)


@pytest.mark.parametrize("lang, text, apart", [
    ("en", "In October 2013 a Chinese naval task group called at Valparaíso and held "
           "maneuvers with Chilean navy units off the coast.", True),
    ("es", "En noviembre de 2008 el crucero ruso Piotr Veliki atracó en La Guaira y "
           "participó con la Armada venezolana en las maniobras VENRUS-2008.", True),
    ("pt", "Em outubro de 2013, navios chineses chegaram ao Brasil e realizaram um exercício "
           "com a Marinha do Brasil.", True),
    ("en", "In October 2013 a Chinese naval task group called at Valparaíso, and Chilean "
           "navy units held maneuvers with the Peruvian Navy off the coast.", False),
])
def test_a_call_and_the_drill_its_ship_holds_are_weighed_apart(lang, text, apart):
    """A ship's or aircraft's call and the drill the same subject holds in a coordinated
    clause ("called at Valparaíso and held maneuvers with", "atracó en La Guaira y
    participó en las maniobras", "chegaram ao Brasil e realizaram um exercício com"):
    the call's clause reads one type, and the drill, told by the verb that holds its
    noun, heads its own. Another subject ("and Chilean navy units held") keeps one
    clause."""
    document = Document(id=f"c-{lang}", url="case:c", source=None, language=lang,
                        published="2024-07-10", text=text)
    events = {e.type: e for e in tag(document, min_confidence=0).events}
    assert {"port_call", "exercise"} <= events.keys()
    call, drill = events["port_call"].features, events["exercise"].features
    assert (call.get("types_read", 0.0) == 0.0) is apart
    assert (drill.get("types_read", 0.0) == 0.0) is apart


@pytest.mark.parametrize("lang, text", [
    ("en", "A Chinese naval task group left Zhanjiang in August. The group called first at "
           "Callao, where its sailors drilled with Peruvian units."),
    ("es", "Una flotilla rusa zarpó de Severomorsk en noviembre. Después recaló en el puerto "
           "de Cienfuegos, donde permaneció hasta el jueves y realizó ejercicios con unidades "
           "de la Marina de Guerra de Cuba."),
    ("pt", "Uma flotilha da Marinha da Índia deixou Mumbai em julho. A flotilha atracou em "
           "Salvador, onde os navios realizaram manobras com fragatas brasileiras."),
    ("en", "A Chinese naval task group left Zhanjiang in August. Its first stop was the "
           "Peruvian port of Callao earlier this month, where the ships carried out manoeuvres "
           "with Peruvian navy units."),
    ("es", "Dos buques de la Armada de la India zarparon de Mumbai en julio. Su primera escala "
           "fue el puerto uruguayo de Montevideo a comienzos de este mes, donde los buques "
           "llevaron a cabo maniobras con unidades de la Armada uruguaya."),
    ("pt", "Dois navios da Marinha da Índia deixaram Mumbai em julho. A primeira escala foi o "
           "porto brasileiro de Salvador no início deste mês, onde os navios realizaram "
           "manobras com unidades da Marinha do Brasil."),
])
def test_a_drill_after_a_call_is_the_callers_at_that_call(lang, text):
    """The drill a ship's crew or the ships themselves hold in the clause after the call
    ("called first at Callao, where its sailors drilled", "donde permaneció ... y realizó
    ejercicios", "onde os navios realizaram manobras"), the call told by its verb or by
    its noun ("Its first stop was Callao, where the ships carried out manoeuvres", "Su
    primera escala fue Montevideo, donde los buques llevaron a cabo maniobras"): its
    clause is its own, and the caller named in the sentence before, the time of the call
    and a drill said in the plural are the call's, not weighed on the drill again."""
    document = Document(id=f"d-{lang}", url="case:d", source=None, language=lang,
                        published="2024-10-21", text=text)
    events = {e.type: e for e in tag(document, min_confidence=0).events}
    assert {"port_call", "exercise"} <= events.keys()
    assert events["port_call"].countries == events["exercise"].countries
    drill = events["exercise"].features
    assert [drill.get(k, 0.0) for k in ("types_read", "secondary", "from_context",
                                        "date_context", "plural")] == [0.0] * 5
    assert drill["position"] < 0.3


@pytest.mark.parametrize("lang, text, frame", [
    ("en", "In March 2019 Peru's defence minister flew to Seoul and met with his Korean "
           "counterpart, General Jeong Kyeong-doo.", "senior_visit.meet"),
    ("es", "En marzo de 2019, el ministro de Defensa del Perú viajó a Seúl y se reunió con "
           "su homólogo surcoreano, general Jeong Kyeong-doo.", "senior_visit.meet"),
    ("pt", "Em março de 2019, o ministro da Defesa do Peru esteve em Seul e se reuniu com o "
           "chefe do Estado-Maior sul-coreano, general Jeong Kyeong-doo.", "senior_visit.meet"),
    ("en", "In March 2019 Peru's defence minister flew to Seoul and met with business "
           "groups about investment.", "senior_visit.visit"),
])
def test_a_visit_told_with_its_talks_is_weighed_as_the_talks(lang, text, frame):
    """A leader's travel and, in the same sentence, the talks with a leader it was for
    ("flew to Seoul and met with his counterpart", "viajó a Seúl y se reunió con su
    homólogo", "esteve em Seul e se reuniu com o chefe do Estado-Maior"): one visit, with
    the travel's place and date, weighed as the talks that make it a visit of leaders;
    talks with no leader named after them leave it weighed as the travel."""
    document = Document(id=f"t-{lang}", url="case:t", source=None, language=lang,
                        published="2019-04-10", text=text)
    (event,) = [e for e in tag(document, min_confidence=0).events if e.type == "senior_visit"]
    assert event.countries == ("KOR", "PER") and event.date == "2019-03"
    assert f"frame_{frame}" in event.features


@pytest.mark.parametrize("lang, text, expected, person", [
    ("es", "El presidente Mauricio Macri viajó a París.",
     [("París", "LOCATION", "Paris")], "Mauricio Macri"),
    ("en", "Mexico's defence secretary, General Salvador Cienfuegos, arrived in Lima.",
     [("Mexico", "COUNTRY", "MEX"), ("Lima", "LOCATION", "Lima")], "Salvador Cienfuegos"),
    ("pt", "O ministro Israel Katz chegou a Brasília.",
     [("Brasília", "LOCATION", "Brasília")], "Israel Katz"),
])
def test_a_place_name_that_is_a_given_name_after_a_title_is_the_persons(lang, text, expected,
                                                                       person):
    """A title, then a one-word place name and at once a capitalised word: the place name
    is the person's given name ("el presidente Mauricio Macri", not Mauritius; "General
    Salvador Cienfuegos", neither the Brazilian city nor the Cuban port), no place of the
    sentence; a nationality set off by a comma stays one ("el ministro de Defensa chino,
    Dong Jun")."""
    doc = pipeline(lang)(text)
    assert [(e.text, e.label_, e.kb_id_) for e in doc.ents] == expected
    assert [p.text for p in doc.spans["persons"]] == [person]


def _signed(lang: str, text: str) -> dict[str, float]:
    """The features of the senior visit a signing of ``text`` implies."""
    doc = Document(id=f"signed-{lang}", url=f"case:signed-{lang}", source=None, text=text,
                   title=None, published="2023-06-01", language=lang)
    visit = next(e for e in tag(doc, min_confidence=0.0).events if e.type == "senior_visit")
    return visit.features


@pytest.mark.parametrize("lang, named, plural", [
    ("en", "On 3 May 2023, in Montevideo, Uruguay's defence minister Javier García and his "
           "Spanish counterpart Margarita Robles signed a memorandum on naval cooperation.",
     "Spain and Uruguay widened naval cooperation under a memorandum on training that both "
     "defence ministers signed on 3 May 2023."),
    ("es", "El 3 de mayo de 2023, en Montevideo, el ministro de Defensa uruguayo, Javier "
           "García, firmó con su par española, Margarita Robles, un memorando de cooperación "
           "naval.",
     "España y Uruguay ampliaron su cooperación naval con un memorando de formación que "
     "ambos ministros de Defensa firmaron el 3 de mayo de 2023."),
    ("pt", "Em 3 de maio de 2023, em Montevidéu, o ministro da Defesa uruguaio, Javier García, "
           "e a ministra da Defesa espanhola, Margarita Robles, assinaram um memorando de "
           "cooperação naval.",
     "Espanha e Uruguai ampliaram a cooperação naval com um memorando de formação que os "
     "dois ministros da Defesa assinaram em 3 de maio de 2023."),
])
def test_a_meeting_whose_signers_and_place_are_told_is_no_rival_reading(lang, named, plural):
    # the leaders' meeting a signing implies, its two signers joined by a word and its place
    # said, is told with the signing: the sentence is not weighed as read two ways; signers
    # said only in the plural, with no place, may be a government's act and stay a rival
    assert _signed(lang, named)["types_read"] == 0.0
    assert _signed(lang, plural)["types_read"] > 0.0


@pytest.mark.parametrize("lang, text", [
    ("en", "The memorandum between Uruguay and Spain was signed in Montevideo on 3 May 2023 by "
           "the defence ministers Javier García and Margarita Robles."),
    ("es", "El memorando entre Uruguay y España fue firmado en Montevideo el 3 de mayo de 2023 "
           "por los ministros de Defensa Javier García y Margarita Robles."),
    ("pt", "O memorando entre Uruguai e Espanha foi assinado em Montevidéu em 3 de maio de 2023 "
           "pelos ministros da Defesa Javier García e Margarita Robles."),
])
def test_signers_said_in_the_plural_then_named_apart_are_two_sides(lang, text):
    # a plural leader word followed by the two names it stands for, joined, names the
    # signers apart: their meeting is told with the signing
    assert _signed(lang, text)["types_read"] == 0.0


@pytest.mark.parametrize("lang, text, person, state", [
    ("en", "In Lima the Chilean minister sat down with his Peruvian counterpart Walter Ortiz "
     "Cabrera for two hours.", "Walter Ortiz Cabrera", "PER"),
    ("es", "En Quito, la ministra conversó con su homólogo colombiano, Rafael Mejía Toro, "
     "sobre la frontera.", "Rafael Mejía Toro", "COL"),
    ("pt", "Em Lisboa, o ministro recebeu o seu homólogo angolano, João Cunha Lopes, para "
     "um almoço.", "João Cunha Lopes", "AGO"),
])
def test_a_counterpart_with_a_nationality_introduces_a_person_of_that_state(
        lang, text, person, state):
    """"His Peruvian counterpart X", "su homólogo colombiano, X", "o seu homólogo angolano,
    X": the counterpart word stands as a title, the name after it is a person, and the
    nationality beside it is the person's state (said again by surname alone later)."""
    from pipeline.nlp.marks import found
    from pipeline.nlp.parties import person_states

    doc = pipeline(lang)(text)
    assert [p.text for p in doc.spans["persons"]] == [person]
    tagged = found(doc)
    assert person_states(text, tagged.persons, tagged.ents, tagged.titles, tagged.token_starts,
                         tagged.token_ends, load()) == {person: state}


@pytest.mark.parametrize("lang, text, person", [
    ("es", "La generala Mercedes Ibarra Soto inspeccionó la base.", "Mercedes Ibarra Soto"),
    ("es", "La comitiva la encabezó la jefa Ana Ruiz Pardo.", "Ana Ruiz Pardo"),
    ("en", "The parade was reviewed by Brigadier Desmond Clarke of the defence force.",
     "Desmond Clarke"),
])
def test_feminine_and_commonwealth_titles_introduce_a_person(lang, text, person):
    """"La generala", "la jefa" and the Commonwealth rank "Brigadier" alone are titles as
    "el general", "el jefe" and "Brigadier General" are: the name after them is a person."""
    doc = pipeline(lang)(text)
    assert [p.text for p in doc.spans["persons"]] == [person]


def _said_again(lang: str, text: str) -> list[tuple[str, str]]:
    """(word, class) of the marks a bare surname gets in ``text`` (``_surnames_said``)."""
    from pipeline.nlp.events import _by_sentence, _said_again_as, _surnames_said
    from pipeline.nlp.fold import fold
    from pipeline.nlp.marks import Norms, found
    from pipeline.nlp.marks import sentences as doc_sentences
    from pipeline.nlp.parties import person_states, surname_of

    doc = pipeline(lang)(text)
    tagged, norms = found(doc), Norms.of(doc)
    sentences = doc_sentences(doc)
    states = person_states(text, tagged.persons, tagged.ents, tagged.titles,
                           tagged.token_starts, tagged.token_ends, load())
    surnames = frozenset(fold(w) for p in tagged.persons if (w := surname_of(p)))
    said_as = _said_again_as([p for p in tagged.persons if p.kb_id_ in states],
                             tagged.titles, tagged.lex, surnames)
    return [(text[m.start_char:m.end_char], m.label_)
            for s, b in zip(sentences, _by_sentence(doc, sentences), strict=True)
            for m in _surnames_said(s, b, said_as, b.persons, norms, text,
                                    tagged.token_starts, tagged.token_ends)]


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "Peruvian Defence Minister General Walter Astudillo landed in Seoul on Monday. "
     "On Tuesday Astudillo toured a shipyard in Busan.", [("Astudillo", "official")]),
    ("es", "El ministro de Defensa de Chile, general Mario Ortúzar Vidal, llegó a Tokio. "
     "Al día siguiente Vidal recorrió un astillero en Yokohama.", [("Vidal", "official")]),
    ("pt", "O ministro da Defesa do Brasil, almirante Carlos Moura Lima, chegou a Paris. "
     "No dia seguinte, Lima visitou um estaleiro em Cherbourg.", [("Lima", "official")]),
    # a title with no state: the surname stays unknown
    ("en", "Defence Minister Walter Astudillo landed in Seoul on Monday. On Tuesday "
     "Astudillo toured a shipyard in Busan.", []),
    # a state but no defence title (a head of state alone): unknown too
    ("es", "El presidente de Chile, Mario Ortúzar Vidal, llegó a Tokio. Al día siguiente "
     "Vidal recorrió un astillero en Yokohama.", []),
])
def test_a_surname_said_alone_carries_the_class_its_defence_title_gave(lang, text, expected):
    """A person the document introduced with a defence title and a state ("Peruvian
    Defence Minister General X", "el ministro de Defensa de Chile, general X") is an official
    wherever the surname stands alone later ("On Tuesday X toured"): the word gets the
    class the title's noun has. A person introduced without a state, or only as a head of
    state, is not read so."""
    assert _said_again(lang, text) == expected


def test_a_transfer_told_only_as_it_was_owed_joins_the_one_told_done():
    # (the first schedule of the deliveries, superseded: no occurrence of its own; with no
    # transfer told done between the same sides, the owed one stays what it was)
    text = ("South Korea delivered the first two KT-1P trainers to the Peruvian Air Force in "
            "Lima in October 2014.\nThe four aircraft built in Korea were originally to be "
            "shipped to Peru by South Korea in January 2015.")
    assert events_of(text, published="2014-10-30") == [
        ("arms_transfer", ("KOR", "PER"), "2014-10", 2)]
    assert events_of(text.split("\n")[1], published="2014-10-30") == [
        ("arms_transfer", ("KOR", "PER"), "2015-01", 1)]


@pytest.mark.parametrize("lang, text", [
    ("en", "Two Russian Il-62 transports landed in Managua, Nicaragua, in May 2019, weeks after "
           "the talks in Moscow, and two more touched down there in late November 2020."),
    ("es", "En mayo de 2019 dos aviones rusos Il-62 aterrizaron en Managua, Nicaragua, y en "
           "noviembre de 2020 otro par de esas aeronaves estuvo en la misma pista."),
    ("pt", "Em maio de 2019 dois aviões russos Il-62 pousaram em Manágua, na Nicarágua, e em "
           "novembro de 2020 outros dois aviões do mesmo modelo estiveram na mesma pista."),
])
def test_a_further_batch_with_its_own_date_is_a_second_occurrence_of_the_first_reading(
        lang, text):
    document = Document(id="d9", url="case:d9", source=None, language=lang,
                        published="2024-03-02", text=text)
    events = sorted(tag(document).events, key=lambda e: e.date or "")
    assert [(e.type, e.countries, e.date) for e in events] == [
        ("port_call", ("NIC", "RUS"), "2019-05"), ("port_call", ("NIC", "RUS"), "2020-11")]
    # the second flight is read as the first one was (a landing), not by its own weak verb
    assert events[1].evidence[0].rule == f"port_call.arrival.{lang}"


TOUR_2017 = {(("CHN", "PAN"), "2017"), (("CHN", "HND"), "2017"), (("CHN", "ECU"), "2017")}


def _of_type(kind: str, lang: str, text: str) -> set[tuple[tuple[str, ...], str | None]]:
    """The events of type ``kind`` (parties, date) proposed in a text published on 4 May
    2024."""
    document = Document(id="d10", url="case:d10", source=None, language=lang,
                        published="2024-05-04", text=text)
    return {(e.countries, e.date) for e in tag(document).events if e.type == kind}


def _calls_of(lang: str, text: str) -> set[tuple[tuple[str, ...], str | None]]:
    """The port calls (parties, date) tagged in a text published on 4 May 2024."""
    return _of_type("port_call", lang, text)


@pytest.mark.parametrize("lang, text", [
    ("en", "The Chinese hospital ship Peace Ark docked at Bridgetown, Barbados, on 3 May 2024."
           "\nIn 2017, on an earlier cruise, the vessel visited Panama, Honduras and Ecuador, "
           "where its surgeons operated on hundreds of patients."),
    ("es", "El buque hospital chino Arca de la Paz atracó en Bridgetown, Barbados, el 3 de mayo "
           "de 2024.\nEn 2017, en un crucero anterior, la nave visitó Panamá, Honduras y "
           "Ecuador, donde sus cirujanos operaron a cientos de pacientes."),
    ("pt", "O navio-hospital chinês Arca da Paz atracou em Bridgetown, Barbados, em 3 de maio de "
           "2024.\nEm 2017, num cruzeiro anterior, o navio visitou Panamá, Honduras e Equador, "
           "onde os seus cirurgiões operaram centenas de pacientes."),
])
def test_a_dated_list_of_states_the_storys_ship_visited_is_a_tour_a_call_at_each(lang, text):
    # (the states listed after the verb are the stops of one tour: each weighed as a leg
    # of the voyage, like an undated list of a ship named in the sentence)
    assert TOUR_2017 <= _calls_of(lang, text)


@pytest.mark.parametrize("lang, text", [
    ("en", "The Chinese hospital ship Peace Ark docked at Bridgetown, Barbados, on 3 May 2024."
           "\nIn 2017, during the mission 'Harmony 2017', the ship visited Panama, Honduras "
           "and Ecuador, offering the same care as now."),
    ("pt", "O navio-hospital chinês Arca da Paz atracou em Bridgetown, Barbados, em 3 de maio de "
           "2024.\nEm 2017, durante a missão \"Harmonia 2017\", o navio visitou Panamá, Honduras "
           "e Equador, oferecendo atendimentos semelhantes aos de agora."),
])
def test_a_tours_listed_stops_keep_their_weight_when_another_trigger_tells_them(lang, text):
    # (the mission noun before the verb is the firmer trigger of the same occurrences: the
    # list's weight as a voyage's legs goes with them)
    assert TOUR_2017 <= _calls_of(lang, text)


def _visits_of(lang: str, text: str) -> set[tuple[tuple[str, ...], str | None]]:
    """The senior visits (parties, date) proposed in a text published on 4 May 2024."""
    return _of_type("senior_visit", lang, text)


@pytest.mark.parametrize("lang, text", [
    ("en", "The French defence minister met his Peruvian counterpart in Lima on 2 May 2024. In "
           "March 2019, on his first trip to the region, he visited Argentina, Uruguay and "
           "Paraguay."),
    ("es", "El ministro de Defensa francés se reunió con su homólogo peruano en Lima el 2 de mayo "
           "de 2024. En marzo de 2019, en su primer viaje a la región, recorrió Argentina, "
           "Uruguay y Paraguay."),
    ("pt", "O ministro da Defesa francês reuniu-se com o seu homólogo peruano em Lima em 2 de "
           "maio de 2024. Em março de 2019, na sua primeira viagem à região, visitou Argentina, "
           "Uruguai e Paraguai."),
])
def test_a_leaders_listed_states_after_a_verb_of_visiting_are_a_tour_a_visit_each(lang, text):
    # (the states listed right after the verb are the stops of one tour, weighed as legs:
    # the visitor told in the sentence before does not hold them under the threshold;
    # "Argentina" is the state's name there, not the Spanish demonym)
    assert {(("ARG", "FRA"), "2019-03"), (("FRA", "URY"), "2019-03"),
            (("FRA", "PRY"), "2019-03")} <= _visits_of(lang, text)


@pytest.mark.parametrize(("text", "place"), [
    ("The Russian nuclear submarine Kazan docked in Havana, Cuba, on 12 June 2024.", "Havana"),
    ("The Chinese frigates Lanzhou and Liuzhou berthed at Rio de Janeiro, Brazil, on 20 "
     "October 2013.", "Rio de Janeiro"),
    # (a place after a verb of leaving is still a place, not a ship's name)
    ("The Russian frigate left Kazan for Havana, Cuba, where it docked on 12 June 2024.",
     "Havana")])
def test_a_ship_named_after_a_city_is_no_place_of_its_call(text, place):
    document = Document(id="s", url="case:s", source=None, language="en",
                        published="2024-07-10", text=text)
    assert [e.location for e in tag(document, min_confidence=0).events] == [place]


@pytest.mark.parametrize(("text", "noun", "name"), [
    ("Brazil hosted the exercise UNITAS LXIII off Rio.", 3, "unitas"),
    ("Chile opened the exercise Estrella Austral XV on Monday.", 3, "estrella austral"),
    ("Peru joined the exercise LXV this year.", 3, None)])
def test_an_edition_numeral_is_no_part_of_a_series_name(text, noun, name):
    from pipeline.nlp.events import _series_name
    doc = pipeline("en")(text)
    assert _series_name(doc, [noun], [t.lower_ for t in doc], frozenset()) == name


@pytest.mark.parametrize("lang,text", [
    ("es", "El contrato con Corea del Sur fue firmado en marzo de 2022 por la Armada de Chile y "
     "prevé la entrega de dos buques en 2025."),
    ("pt", "A Marinha do Brasil assinou em maio de 2020 um contrato com a França para a compra "
     "de quatro submarinos, que prevê a construção no país."),
])
def test_a_plan_in_the_terms_after_a_signing_is_no_plan_of_the_signing(lang, text):
    # the plan cue tells what the contract provides for ("y prevé", "que prevê"): the signing
    # itself is told as done, its confidence not weighed as a plan's
    events = tag(Document(id="x", url="x", source=None, text=text, title=None,
                          published="2022-06-01", language=lang), min_confidence=0.0).events
    signed = [e for e in events if e.type == "arms_transfer"]
    assert signed and not any(e.features.get("plan") for e in signed)


def test_case_blind_guard_never_skips_a_match():
    """``casewords.holds`` is false only where the pattern it guards finds nothing: on
    every line of the probe documents, for the future markers (with the simple future's
    endings), the present stays and progressives, and on the characters ``re`` matches
    case-blind beyond their lower case."""
    from pathlib import Path

    from pipeline.nlp.casewords import cased, holds
    from pipeline.nlp.timeline import (
        future_marker,
        future_words,
        listed_words,
        present_progressive,
        present_stay,
    )

    lines = [line for path in sorted(Path("tests/probes").glob("*/*.txt"))[::4]
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    lines += ["Se WİLL ſcheduled", "LLEGARÁ el lunes", "CHEGARÃO na quinta", "está em Brasília",
              "ESTÁN REALIZANDO", "the ship wıll call"]
    for lang in ("en", "es", "pt"):
        guarded = [(future_marker(lang), future_words(lang)),
                   (present_stay(lang), listed_words("present_stays", lang)),
                   (present_progressive(lang), listed_words("progressive_auxiliaries", lang))]
        for line in lines:
            for pattern, words in guarded:
                if pattern.search(line) is not None:
                    assert holds(cased(line), words), (lang, line)


@pytest.mark.parametrize("lang, text", [
    ("en", "In 2016 the Chilean Air Force ordered six transport aircraft from Spain, whose first "
           "two arrived at Santiago in 2018."),
    ("es", "En marzo de 2016, la Armada del Ecuador encargó dos lanchas patrulleras a Corea del "
           "Sur, cuyos primeros ejemplares llegaron a Guayaquil en 2018."),
    ("pt", "Em 2016, o Exército do Paraguai encomendou seis blindados à Itália, cujos primeiros "
           "exemplares chegaram a Assunção em 2018."),
])
def test_a_relative_clause_telling_a_later_dated_step_of_goods_is_its_own_telling(lang, text):
    """Two dated steps of one deal, the later told in a relative clause on the goods
    (clauses._later_step): the clause opens a telling of its own, its act weighed from its
    relative word, not late in the sentence."""
    document = Document(id="d1", url="case:d1", source=None, language=lang,
                        published="2024-09-02", text=text)
    ordered, arrived = sorted(tag(document, min_confidence=0).events, key=lambda e: e.date or "")
    assert (ordered.type, arrived.type) == ("arms_transfer", "arms_transfer")
    assert arrived.date == "2018" and ordered.date.startswith("2016")
    assert arrived.features["position"] < 0.2


@pytest.mark.parametrize("text", [
    # the earlier step told in another clause (a comma between): the relative word stands for
    # other goods
    "The squadron flies two types: the C-295, a transport that Colombia bought from Spain in "
    "2015, and the Super Tucano, which arrived from Brazil in 2018.",
    # the clause recalls a time before the step: no later step
    "In 2016 the Chilean Air Force ordered six transport aircraft from Spain, which it had "
    "flown in 2014.",
])
def test_a_relative_clause_of_other_goods_or_an_earlier_time_opens_no_telling(text):
    document = Document(id="d1", url="case:d1", source=None, language="en",
                        published="2024-09-02", text=text)
    last = max(tag(document, min_confidence=0).events, key=lambda e: e.features["position"])
    assert last.features["position"] > 0.6


@pytest.mark.parametrize("lang, text, named", [
    ("en", "Peruvian and Korean marines held Exercise SEA CONDOR off Callao on 4 May 2023.", 1.0),
    ("es", "Las armadas de Perú y Corea realizaron las maniobras PERKOR-2023 frente al Callao "
           "el 4 de mayo de 2023.", 1.0),
    ("pt", "As marinhas do Brasil e da Itália fizeram o exercício BRAITA-2022 ao largo de "
           "Salvador em 4 de junho de 2022.", 1.0),
    ("en", "Italian and Brazilian frigates held the Atlantic Shield 2022 exercise off Salvador "
           "on 4 June 2022.", 1.0),
    ("en", "Canadian troops arrived in Jamaica on 4 May 2023 to begin Operation BORDER with the "
           "Jamaica Defence Force.", 0.0),
])
def test_an_exercise_told_by_its_own_name_is_named(lang, text, named):
    # a name no entity list holds, in capitals or with its year, right by the exercise noun
    # weighs as a named occurrence; an operation's name does not (a mission or a course)
    doc = Document(id=f"t-{lang}", url="case:own-name", source=None, text=text, title=None,
                   published="2023-06-20", language=lang)
    drills = [e for e in tag(doc, min_confidence=0.0).events if e.type == "exercise"]
    assert drills and drills[0].features.get("named", 0.0) == named


@pytest.mark.parametrize("lang, text, countries, date", [
    ("en", "In May 2024, a team of Guyanese sailors spent two weeks in Den Helder for a course "
           "in navigation given by the Dutch crew.", ("GUY", "NLD"), "2024-05"),
    ("es", "En marzo de 2024, un grupo de instructores estadounidenses viajó a Asunción para "
           "capacitar a pilotos paraguayos en la operación de los helicópteros.", ("PRY", "USA"),
     "2024-03"),
    ("pt", "Em maio de 2024, a tripulação uruguaia seguiu para Lisboa, onde passou por um período "
           "de adestramento conduzido por instrutores da Marinha Portuguesa.", ("PRT", "URY"),
     "2024-05"),
])
def test_a_course_its_givers_name_stands_for_the_trip_to_it(lang, text, countries, date):
    # one sentence tells the trip to train and the course the instructors gave: the reading
    # that names the givers (Models.giver_frames) is the course's, not the first told
    assert _one_instructed_course(lang, text) == (countries, date)


def _one_instructed_course(lang: str, text: str) -> tuple[tuple[str, ...], str | None]:
    """The parties and date of a sentence's one course, read by the frame of courses that
    instructors give (education_training.instructed)."""
    document = Document(id="g1", url="case:g1", source=None, language=lang,
                        published="2024-06-01", text=text)
    events = [e for e in tag(document, min_confidence=0).events
              if e.type == "education_training"]
    assert len(events) == 1, events
    assert events[0].evidence[0].rule == f"education_training.instructed.{lang}"
    return events[0].countries, events[0].date


@pytest.mark.parametrize("lang, text, countries, date", [
    ("en", "US Coast Guard instructors spent two weeks teaching Belizean coxswains and mechanics "
           "to handle the new boats at speed, the embassy said in March 2024.", ("BLZ", "USA"),
     "2024-03"),
    ("en", "In February 2023, a team of French Navy instructors ran a five-day maritime safety and "
           "law-enforcement course for some twenty Trinidadian sailors.", ("FRA", "TTO"),
     "2023-02"),
    ("es", "Instructores de la Guardia Costera estadounidense entrenaron durante dos semanas a "
           "timoneles y mecánicos beliceños en el manejo de las nuevas lanchas, en marzo de 2024.",
     ("BLZ", "USA"), "2024-03"),
    ("pt", "Em março de 2024, uma equipe de instrutores da Guarda Costeira americana ficou duas "
           "semanas em Belize para treinar mecânicos e tripulantes belizenhos nas novas lanchas.",
     ("BLZ", "USA"), "2024-03"),
])
def test_instructors_who_teach_crews_or_technicians_give_a_course(lang, text, countries, date):
    # instructors named within 12 words of the training, given to the people who learn (a
    # crew's, technicians', cadets' words as its company): education_training.instructed
    assert _one_instructed_course(lang, text) == (countries, date)


def test_the_early_gate_on_unreadable_sentences_changes_no_event(monkeypatch):
    """``events.assemble`` skips, before its costly steps, a sentence no frame could read even
    with every class those steps may add (``frames.may_read``, with the classes listed in
    ``assemble``): a step that learns to add a class the list lacks would make the gate drop
    events silently. Every rule case and a sample of the probes' documents are tagged with the
    gate and with it open; the events must be the same."""
    from pathlib import Path

    import pipeline.nlp as nlp
    from pipeline.nlp import frames

    if nlp.COMPILED:  # (compiled, the call is bound at build time: the gate cannot be opened)
        pytest.skip("the NLP modules are compiled (make fast)")
    docs = [Document(id=f"case-{c['id']}", url=f"case:{c['id']}", source=None, text=c["text"],
                     title=c.get("title"), published=c["published"], language=c["lang"])
            for path in sorted(Path("tests/cases").glob("events_*.jsonl"))
            for c in map(json.loads, path.read_text(encoding="utf-8").splitlines())]
    for path in sorted(Path("tests/probes").glob("*/*.txt"))[::40]:
        head, published, *body = path.read_text(encoding="utf-8").split("\n")
        gold = {json.loads(line)["doc"]: json.loads(line)
                for line in (path.parent / "gold.jsonl").read_text(encoding="utf-8").splitlines()}
        docs.append(Document(id=path.stem, url=f"probe:{path.stem}", source=None,
                             text="\n".join(body).strip(), title=head,
                             published=published or None, language=gold[path.stem]["lang"]))

    def seen() -> list[tuple]:
        return [(d.id, e.type, tuple(e.countries), e.date, round(e.confidence, 6))
                for d in docs for e in tag(d, min_confidence=0.0).events]

    gated = seen()
    monkeypatch.setattr(frames, "may_read", lambda *args: True)
    assert seen() == gated
