"""Corrections: one check of a corrected type, date, countries and location, and readers of
stored corrections (report, exports, eval-reviewed) that survive a bad stored value."""

import json
import resource
import subprocess
import sys

import pytest
from conftest import ROOT
from test_review import build_corpus

from pipeline import corrections, store


def test_valid_form_fields_are_cleaned_and_the_date_gives_its_precision():
    clean, errors = corrections.validate({"type": " port_call ", "date": "2024-02-29",
                                          "countries": "per; chn, CHN", "location": " Callao "})
    assert errors == []
    assert clean == {"type": "port_call", "date": "2024-02-29", "date_precision": "day",
                     "countries": ["CHN", "PER"], "location": "Callao"}
    assert corrections.dumps(clean) == ('{"type":"port_call","date":"2024-02-29",'
                                        '"date_precision":"day","countries":["CHN","PER"],'
                                        '"location":"Callao"}')
    assert corrections.validate({"type": "", "date": "", "countries": " ", "location": ""}) \
        == ({}, [])
    assert [corrections.date_precision(d) for d in ("2024", "2024-07", "2024-07-08")] == [
        "year", "month", "day"]


@pytest.mark.parametrize("fields, message", [
    ({"date": "2000-13-01"}, "date '2000-13-01' is not a real date between 1900 and 2100: "
                             "write YYYY-MM-DD, YYYY-MM or YYYY"),
    ({"date": "2023-02-29"}, "date '2023-02-29' is not a real date"),
    ({"date": "abcd-ef"}, "date 'abcd-ef' is not a real date"),
    ({"date": "20245"}, "date '20245' is not a real date"),
    ({"date": "2204"}, "date '2204' is not a real date between 1900 and 2100"),
    ({"type": "not_a_type"}, "type 'not_a_type' is not one of: senior_visit, "
                             "education_training, exercise, port_call"),
    ({"countries": "ZZ"}, "countries: 'ZZ' is not a code of models/countries.jsonl "
                          "(ISO 3166-1 alpha-3, e.g. CHN, PER)"),
    ({"countries": "CHN, XYZ, QQQ"}, "countries: 'QQQ', 'XYZ' are not codes of"),
    ({"countries": {"a": 1}}, "countries must be ISO 3166-1 alpha-3 codes separated by commas"),
    ({"location": "x" * 201}, "location has 201 characters; at most 200 are kept"),
    ({"location": "Lima\n<b>"}, "location contains control characters or line breaks"),
])
def test_invalid_fields_are_refused_with_the_reason(fields, message):
    clean, errors = corrections.validate(fields)
    assert clean == {}
    assert len(errors) == 1 and errors[0].startswith(message), errors


EXTRACTED = {"type": "senior_visit", "date": "2023-05-16", "date_precision": "day",
             "countries": ["CHN", "PER"], "location": None}


def test_a_stored_correction_applies_only_where_it_is_valid():
    stored = json.dumps({"type": "not_a_type", "date": "2023-05", "date_precision": "day",
                         "countries": "ZZ", "location": "Beijing"})
    values, warnings = corrections.effective(EXTRACTED, stored)
    assert values == {"type": "senior_visit", "date": "2023-05", "date_precision": "month",
                      "countries": ["CHN", "PER"], "location": "Beijing"}
    assert [w.split(" ")[0] for w in warnings] == ["type", "countries:"]
    assert corrections.effective(EXTRACTED, "{not json")[1] == [
        "corrected fields are not a JSON object: '{not json'"]
    assert corrections.effective(EXTRACTED, None) == (EXTRACTED, [])


BAD = [("lima-visit", '{"date":"2000-13-01","date_precision":"day"}'),
       ("port-call", '{"type":"not_a_type","countries":"ZZ","location":"Callao"}'),
       ("course", '{"date":"abcd-ef","countries":["ABCD-EF"]}')]


def bad_corrections(db_path) -> None:
    """The sample events, each corrected with values the form used to let through."""
    build_corpus(db_path)
    db = store.open_db(db_path)
    for key, corrected in BAD:
        db.conn.execute("INSERT INTO reviews (event_key, status, corrected, reviewer, "
                        "reviewed_at) VALUES (?, 'corrected', ?, 'ana', '2026-01-01T10:00:00Z')",
                        (key, corrected))
    db.conn.close()


def pipeline(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """``python -m pipeline ARGS`` with a memory cap, so a runaway loop fails instead of
    taking the machine's memory."""
    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=ROOT, text=True,
                          capture_output=True, timeout=timeout, preexec_fn=cap)


def test_report_export_and_eval_reviewed_survive_bad_stored_corrections(db_path, tmp_path):
    bad_corrections(db_path)
    report = pipeline("report", "--db", str(db_path), "--out", str(tmp_path / "r.html"))
    assert report.returncode == 0, report.stderr
    assert report.stdout == (f"Report: {tmp_path / 'r.html'} (3 events, 3 accepted, "
                             "0 rejected, 0 unreviewed)\n")
    assert "review 1 of event lima-visit: date '2000-13-01' is not a real date" in report.stderr
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "2023-05-16" in html and "2000-13" not in html and "not_a_type" not in html

    export = pipeline("export", "--db", str(db_path), "--format", "jsonl")
    assert export.returncode == 0, export.stderr
    events = {e["event_id"]: e for e in map(json.loads, export.stdout.splitlines())}
    assert {k: (e["type"], e["date"], e["date_precision"], e["countries"], e["location"])
            for k, e in events.items()} == {
        "lima-visit": ("senior_visit", "2023-05-16", "day", ["CHN", "PER"], None),
        "course": ("education_training", "2025-06", "month", ["BRA", "CHN"], None),
        "port-call": ("port_call", "2024-10-02", "day", ["CHN", "PER"], "Callao")}
    assert {e["review_status"] for e in events.values()} == {"corrected"}
    assert "review 2 of event port-call: countries: 'ZZ' is not a code" in export.stderr
    assert "Traceback" not in export.stderr + report.stderr

    reviewed = pipeline("eval-reviewed", "--db", str(db_path), timeout=120)
    assert "Traceback" not in reviewed.stderr, reviewed.stderr
    assert reviewed.stdout.startswith("Reviewed events against the current rules (4 documents "
                                      "re-tagged):\n  accepted 3: ")


def test_a_correction_that_is_not_json_breaks_no_view_and_no_reader(db_path, tmp_path):
    """A stored correction can only be malformed by a hand edit of the database; the views
    then must not fail on it (SQLite's json_extract raises on malformed JSON), and every
    reader keeps the extracted values with a warning."""
    build_corpus(db_path)
    db = store.open_db(db_path)
    key = db.conn.execute("SELECT key FROM events ORDER BY key LIMIT 1").fetchone()[0]
    db.conn.execute("INSERT INTO reviews (event_key, status, corrected, reviewer, reviewed_at,"
                    " snapshot) VALUES (?, 'corrected', '{\"type\": ', 'ana',"
                    " '2026-01-01T10:00:00Z', 'not json')", (key,))
    rows = db.conn.execute("SELECT key, type, review_status FROM reviewed_events").fetchall()
    assert (key, "corrected") in {(k, s) for k, _, s in rows}
    assert db.conn.execute("SELECT count(*) FROM review_queue").fetchone()[0] == len(rows)
    db.conn.execute("SELECT * FROM orphaned_reviews").fetchall()
    db.conn.close()
    export = pipeline("export", "--db", str(db_path), "--format", "jsonl")
    assert export.returncode == 0 and "Traceback" not in export.stderr, export.stderr
    assert "not a JSON object" in export.stderr
    report = pipeline("report", "--db", str(db_path), "--out", str(tmp_path / "r.html"))
    assert report.returncode == 0 and "Traceback" not in report.stderr, report.stderr
