from pipeline.evaluate import calibration, clusters, dates_agree, first_evidence, score


def test_dates_agree_at_the_coarser_precision_and_gold_dates_need_a_date():
    assert dates_agree("2024-07-08", "2024-07")
    assert dates_agree("2024", "2024-07-08")
    assert not dates_agree("2024-07-08", "2024-07-09")
    assert not dates_agree("2024-07", None)
    assert dates_agree(None, None)


def gold(events, countries=("CHN", "BRA"), lang="en", doc="d1"):
    return {"doc": doc, "lang": lang, "countries": list(countries), "events": events}


def event(type_="senior_visit", countries=("CHN", "BRA"), date="2024-07-08"):
    return {"type": type_, "countries": list(countries), "date": date,
            "evidence": [{"sentence": "s", "rule": "r"}]}


def test_one_to_one_matching_counts_type_lac_overlap_and_date():
    docs = [gold([event(), event("port_call", ("CHN", "PER"), "2024-11")]),
            gold([], doc="neg")]
    found = {
        "d1": [event(date="2024-07"),               # matches the visit (month vs day)
               event(),                              # duplicate: a false hit
               event("port_call", ("USA", "BRA"), "2024-11")],  # no LAC overlap with PER
        "neg": [event()],
    }
    result = score(docs, found, {"d1": ["CHN", "BRA", "PER"], "neg": ["CHN"]})
    assert (result.events.tp, result.events.fp, result.events.fn) == (1, 3, 1)
    assert result.negative_false == 1
    assert (result.countries.tp, result.countries.fp, result.countries.fn) == (3, 1, 1)
    # the visit's date is right only at month precision: not at gold precision
    assert result.dates_right == 0
    assert [g["type"] for _, g in result.misses] == ["port_call"]


def test_clusters_count_multi_report_occurrences_merged_and_events_mixing_occurrences():
    a = dict(event(), eid="visit-1", evidence="Dong met Paiva.")
    b = dict(event(date="2024-07"), eid="visit-1", evidence="Paiva met Dong.")
    c = dict(event("port_call", ("CHN", "PER"), "2024-11"), eid="call-1", evidence="x")
    other = dict(c, eid="call-2", evidence="y")
    docs = [gold([a, c], doc="d1"), gold([b], doc="d2"), gold([other], doc="d3")]
    one = dict(event(), event_id="k1", evidence=[{"sentence": "Dong met Paiva."}])
    call = dict(event("port_call", ("CHN", "PER"), "2024-11"), event_id="k2",
                evidence=[{"sentence": "x"}])
    found = {"d1": [one, call], "d2": [one], "d3": [call]}
    result = score(docs, found, {})
    figures = clusters(result)
    # visit-1 is reported by two documents and became one event; call-1 has one report
    assert (figures["multi_report_occurrences"], figures["merged"]) == (1, 1)
    # k2 stands for call-1 in d1 and call-2 in d3: two occurrences in one event
    assert figures["events_merging_distinct_occurrences"] == 1
    # d2 shows d1's sentence first (same occurrence: right); d3 shows call-1's (wrong)
    assert first_evidence(result, docs)["first_is_stating"] == 3


def test_first_evidence_from_another_report_counts_without_eids_when_gold_agrees():
    """Gold written without eids (the old dev set): a first row that another document's
    gold gives for the same type, a shared LAC state and an agreeing date states the same
    occurrence; one stating another occurrence (other date) does not."""
    visit = dict(event(), evidence="Dong met Paiva in Brasilia.")
    told = dict(event(date="2024-07"), evidence="Paiva received Dong in July.")
    later = dict(event(date="2024-09-02"), evidence="Dong came back in September.")
    docs = [gold([visit], doc="d1"), gold([told], doc="d2"), gold([later], doc="d3")]
    shown = dict(event(), event_id="k1", evidence=[{"sentence": "Paiva received Dong in July."}])
    wrong = dict(event(date="2024-09-02"), event_id="k2",
                 evidence=[{"sentence": "Dong met Paiva in Brasilia."}])
    result = score(docs, {"d1": [shown], "d2": [shown], "d3": [wrong]}, {})
    assert first_evidence(result, docs)["first_is_stating"] == 2
    # with eids, they decide: two eids are two occurrences, whatever the dates
    docs = [gold([dict(visit, eid="v1")], doc="d1"), gold([dict(told, eid="v2")], doc="d2")]
    result = score(docs, {"d1": [shown], "d2": [shown]}, {})
    assert first_evidence(result, docs)["first_is_stating"] == 1


def test_calibration_reports_precision_per_band_and_the_expected_error():
    docs = [gold([event()], doc="d1")]
    right = dict(event(), confidence=0.95)
    wrong = dict(event("exercise"), confidence=0.55)
    result = score(docs, {"d1": [right, wrong]}, {})
    table = calibration(result, bands=(0.0, 0.5, 0.9, 1.01))
    assert [b["events"] for b in table["bands"]] == [0, 1, 1]
    assert [b.get("precision") for b in table["bands"]] == [None, 0.0, 1.0]
    assert table["ece"] == round((0.55 + 0.05) / 2, 3)


def test_a_document_the_pipeline_fails_on_is_named_and_fails_the_evaluation(tmp_path, capsys):
    """A crash must not pass for a document that states nothing: ``make eval`` names it
    and exits non-zero, whatever the scores."""
    import json

    from pipeline.evaluate import main

    folder = tmp_path / "corpus" / "train" / "mini"
    rendered = folder / "rendered"
    rendered.mkdir(parents=True)
    (rendered / "good.html").write_text(
        "<html><head><title>Port call</title></head><body><article><p>The Chilean training "
        "ship Esmeralda berthed at Shanghai, China, on 10 August 2007 for a week of visits."
        "</p></article></body></html>", encoding="utf-8")
    (rendered / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n")
    (rendered / "manifest.json").write_text(json.dumps({"good": "good.html",
                                                        "broken": "broken.pdf"}))
    gold = [{"doc": "good", "lang": "en", "published": "2007-08-12", "countries": ["CHL", "CHN"],
             "events": [{"type": "port_call", "countries": ["CHL", "CHN"],
                         "date": "2007-08-10", "evidence": "berthed at Shanghai"}]},
            {"doc": "broken", "lang": "en", "published": "2007-08-12", "countries": [],
             "events": []}]
    (folder / "gold.jsonl").write_text("\n".join(json.dumps(g) for g in gold) + "\n")
    status = main(["--corpus", str(tmp_path / "corpus"), "--sets", "train", "--floors",
                   str(tmp_path / "none.json"), "--out", str(tmp_path / "eval.json"),
                   "--errors", str(tmp_path / "errors.txt")])
    printed = capsys.readouterr().out
    figures = json.loads((tmp_path / "eval.json").read_text())["train"]
    assert status == 1
    assert [d["doc"] for d in figures["documents_failed"]] == ["broken"]
    assert "DOCUMENT FAILED: broken" in printed
    assert figures["events"]["tp"] == 1  # the good document still counts


def test_the_ece_chance_alone_gives_shrinks_as_events_grow():
    """A perfectly calibrated model still shows an ECE on a small set: the figure printed
    beside the ECE is larger for 10 events than for 1,000 of the same confidences."""
    def chance(n: int) -> float:
        docs = [gold([event()], doc=f"d{i}") for i in range(n)]
        found = {f"d{i}": [dict(event(), confidence=0.75)] for i in range(n)}
        return calibration(score(docs, found, {}))["ece_chance_90"]

    small, large = chance(10), chance(1000)
    assert 0 < large < 0.05 < small


def test_the_f1_range_is_narrow_for_many_documents_and_wide_for_few():
    """Beside the F1, the range it takes on 9 in 10 sets of documents like the scored ones."""
    from pipeline.evaluate import f1_range

    def spread(n: int) -> float:
        docs = [gold([event(), event("exercise")], doc=f"d{i}") for i in range(n)]
        found = {f"d{i}": [event()] if i % 2 else [event(), event("exercise")]
                 for i in range(n)}
        low, high = f1_range(score(docs, found, {}), docs)
        return high - low

    assert spread(400) < spread(10)


def test_a_match_with_another_power_counts_as_matched_but_not_as_power_right():
    """Matching asks for a shared LAC state only; the power read is scored apart."""
    docs = [gold([event(), event("port_call", ("CHN", "PER"), "2024-11")])]
    found = {"d1": [event(countries=("USA", "BRA")),  # the visit, with the wrong power
                    event("port_call", ("CHN", "PER"), "2024-11")]}
    result = score(docs, found, {})
    assert result.events.tp == 2
    assert result.powers_right == 1
    assert result.power_accuracy == 0.5


def test_a_gold_event_is_matched_first_to_an_event_naming_its_power():
    # one Chilean training cruise, two calls in June 2025: Osaka (Japan), then Shanghai
    # (China); the rules found the Shanghai call to the day and the Osaka call to the year
    osaka = dict(event("port_call", ("JPN", "CHL"), "2025"), eid="osaka")
    shanghai = dict(event("port_call", ("CHN", "CHL"), "2025-06-23"), eid="shanghai")
    found_shanghai = dict(event("port_call", ("CHL", "CHN"), "2025-06-23"), event_id="k-sh")
    found_osaka = dict(event("port_call", ("CHL", "JPN"), "2025"), event_id="k-os")
    result = score([gold([osaka, shanghai], ("CHL", "CHN", "JPN"))],
                   {"d1": [found_shanghai, found_osaka]}, {})
    # each call matched to its own event, not the Osaka call to the Shanghai event (both are
    # Chile's port calls of 2025) and the Shanghai call to nothing
    assert (result.events.tp, result.events.fp, result.events.fn) == (2, 0, 0)
    assert {m.gold["eid"]: m.found["event_id"] for m in result.matches} == {
        "osaka": "k-os", "shanghai": "k-sh"}


def test_an_event_whose_power_the_rules_got_wrong_still_matches():
    visit = event(countries=("FRA", "BRA"))
    result = score([gold([visit], ("FRA", "BRA"))], {"d1": [event(countries=("USA", "BRA"))]},
                   {})
    assert (result.events.tp, result.events.fp, result.events.fn) == (1, 0, 0)
