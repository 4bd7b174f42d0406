from pipeline.evaluate import dates_agree, score


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
