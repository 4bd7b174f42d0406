"""Exports (events, reviews), their status filter and documented schema, the report and
the scoring of reviewed events."""

import csv
import json
import re

import pytest
from click.testing import CliRunner
from conftest import FIXTURES, ROOT
from test_review import build_corpus

from pipeline import export, report, review, store
from pipeline.cli import cli


def add_review(db, key, status, corrected=None, reviewer="ana", at="2026-01-01T10:00:00Z",
               note=None):
    db.conn.execute("INSERT INTO reviews (event_key, status, corrected, reviewer, reviewed_at, "
                    "note) VALUES (?, ?, ?, ?, ?, ?)",
                    (key, status, json.dumps(corrected) if corrected else None, reviewer, at,
                     note))


@pytest.fixture
def reviewed(db_path):
    build_corpus(db_path)
    db = store.open_db(db_path)
    add_review(db, "lima-visit", "rejected", at="2026-01-01T09:00:00Z")
    add_review(db, "lima-visit", "corrected", {"countries": ["CHN", "PER"], "location": "Beijing"},
               reviewer="ben", at="2026-01-01T10:00:00Z", note="place from the sentence")
    add_review(db, "port-call", "rejected")
    add_review(db, "gone", "accepted")  # an event no run extracts any more
    yield db
    db.conn.close()


def test_the_status_filter_keeps_the_latest_decision(reviewed):
    by_status = {s: [e["event_id"] for e in export.events(reviewed, s)] for s in export.STATUSES}
    assert by_status == {"all": ["lima-visit", "port-call", "course"],
                         "accepted": ["lima-visit"], "unreviewed": ["course"],
                         "rejected": ["port-call"]}
    (event,) = export.events(reviewed, "accepted")
    assert {k: event[k] for k in ("review_status", "reviewer", "reviewed_at", "review_note",
                                  "location", "countries", "documents")} == {
        "review_status": "corrected", "reviewer": "ben", "reviewed_at": "2026-01-01T10:00:00Z",
        "review_note": "place from the sentence", "location": "Beijing",
        "countries": ["CHN", "PER"], "documents": 2}
    assert event["evidence"][0]["trigger"] == "met"


def test_reviews_export_keeps_history_and_orphans(reviewed):
    rows = [(r["event_id"], r["status"], r["reviewer"], r["latest"], r["orphaned"])
            for r in export.reviews(reviewed)]
    assert rows == [("lima-visit", "rejected", "ana", False, False),
                    ("lima-visit", "corrected", "ben", True, False),
                    ("port-call", "rejected", "ana", True, False),
                    ("gone", "accepted", "ana", True, True)]
    assert [r["event_id"] for r in export.reviews(reviewed, "accepted")] == ["lima-visit", "gone"]


def test_the_events_csv_opens_in_a_spreadsheet_one_plain_row_per_event(reviewed, db_path,
                                                                       tmp_path):
    out = tmp_path / "events.csv"
    result = CliRunner().invoke(cli, ["export", "--db", str(db_path), "--what", "events",
                                      "--format", "csv", "--out", str(out)])
    assert (result.exit_code, " ".join(result.output.split())) == (0, f"Wrote 3 events to {out}")
    with out.open(encoding="utf-8", newline="") as f:
        table = list(csv.DictReader(f))
    assert list(table[0]) == list(export.EVENT_CSV_FIELDS)
    assert [r["event_id"] for r in table] == ["lima-visit", "port-call", "course"]
    lima = table[0]
    assert {k: lima[k] for k in ("type", "date", "date_precision", "powers", "lac_partners",
                                 "location", "confidence", "review_status", "document_url",
                                 "page", "documents", "languages", "reviewer")} == {
        "type": "senior_visit", "date": "2023-05-16", "date_precision": "day", "powers": "CHN",
        "lac_partners": "PER", "location": "Beijing", "confidence": "0.9",
        "review_status": "corrected", "document_url": "https://example.org/lima", "page": "",
        "documents": "2", "languages": "en;es", "reviewer": "ben"}
    assert lima["sentence"] == ("Chinese Defense Minister Li Shangfu met Peruvian Army Commander "
                                "Walter Cordova in Beijing on 16 May 2023.")
    for row in table:  # no JSON anywhere: no brackets, braces or quotes in any cell
        assert not any(v.startswith(("[", "{", '"')) for v in row.values()), row


def test_the_evidence_csv_has_one_row_per_sentence_best_first(reviewed, db_path, tmp_path):
    out = tmp_path / "evidence.csv"
    result = CliRunner().invoke(cli, ["export", "--db", str(db_path), "--what", "evidence",
                                      "--format", "csv", "--status", "unreviewed", "--out",
                                      str(out)])
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8", newline="") as f:
        (row,) = csv.DictReader(f)
    assert list(row) == list(export.EVIDENCE_EXPORT_FIELDS)
    assert {k: row[k] for k in ("event_id", "position", "role", "document_url", "trigger",
                                "report_id", "language")} == {
        "event_id": "course", "position": "1", "role": "states",
        "document_url": "file:///samples/course.txt", "trigger": "command course",
        "report_id": "course", "language": "en"}


def test_csv_cells_are_plain_values():
    assert [export.cell(v) for v in (["BRA", "PER"], [], None, 0.5, {"type": "exercise"},
                                     "text")] == [
        "BRA;PER", "", "", 0.5, '{"type": "exercise"}', "text"]


def test_cli_exports_reviews_as_jsonl(reviewed, db_path):
    result = CliRunner().invoke(cli, ["export", "--db", str(db_path), "--what", "reviews",
                                      "--status", "rejected"])
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [(r["event_id"], r["latest"]) for r in lines] == [("lima-visit", False),
                                                             ("port-call", True)]
    assert list(lines[0]) == list(export.REVIEW_FIELDS)


def test_every_export_field_is_documented_in_the_readme_with_the_schema_version():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Exports and the JSON API", 1)[1].split("\n## ", 1)[0]
    assert f"schema version {export.EXPORT_SCHEMA_VERSION}" in section
    for what, fields in [*export.SCHEMA.items(), ("events csv", export.EVENT_CSV)]:
        for field in fields:
            assert re.search(rf"`{field}`", section), f"{what}.{field} is not documented"


def test_the_report_draws_months_countries_and_links_accepted_events(reviewed, tmp_path):
    path = tmp_path / "report.html"
    assert report.write(reviewed, path) == {"events": 3, "accepted": 1, "rejected": 1,
                                            "unreviewed": 1}
    html = path.read_text(encoding="utf-8")
    assert "<title>2023-05 senior_visit: 1</title>" in html
    assert "<title>2025-06 education_training: 1</title>" in html
    assert "port_call" not in html  # rejected events are left out
    assert ('<a href="https://example.org/lima">Defense minister receives Peruvian delegation'
            "</a>") in html
    assert ">PER</text>" in html and ">BRA</text>" in html


def test_the_report_gives_headline_numbers_and_the_power_by_country_table(reviewed, tmp_path):
    path = tmp_path / "report.html"
    report.write(reviewed, path)
    html = path.read_text(encoding="utf-8")
    # the rejected port call (CHN-PER) is not counted; the corrected visit and the course are
    assert ("<li>China: 2 exchanges with 2 countries, 2023–2025 (1 accepted, 1 not yet "
            "reviewed)</li>") in html
    table = html.split("<h2>Exchanges by power and country</h2>")[1].split("</table>")[0]
    assert re.findall(r"<tr><td>([^<]+)</td><td[^>]*>(\d+)</td></tr>", table) == [
        ("Brazil (BRA)", "1"), ("Peru (PER)", "1")]
    years = html.split("<h2>Events per year, by power and type</h2>")[1].split("</table>")[0]
    assert "<h3>China</h3>" in years and "<td>2023</td>" in years and "<td>2025</td>" in years
    # a chosen period counts only the events dated in it
    result = CliRunner().invoke(cli, ["report", "--db", str(reviewed_path(reviewed)), "--out",
                                      str(path), "--since", "2024", "--until", "2025"])
    assert result.exit_code == 0, result.output
    html = path.read_text(encoding="utf-8")
    assert ("<li>China: 1 exchange with 1 country, 2024–2025 (0 accepted, 1 not yet "
            "reviewed)</li>") in html


def reviewed_path(db):
    return db.conn.execute("PRAGMA database_list").fetchone()[2]


def test_scoring_counts_found_missing_kept_out_and_back():
    decisions = [{"event_id": k, "status": s, "latest": latest, "event": None}
                 for k, s, latest in [("a", "accepted", True), ("b", "corrected", True),
                                      ("c", "rejected", True), ("d", "rejected", True),
                                      ("e", "rejected", False)]]
    result = review.score(decisions, produced={"a", "d", "e"}, documents=3)
    assert result.lines()[:3] == [
        "Reviewed events against the current rules (3 documents re-tagged):",
        "  accepted 2: 1 still found, 1 missing (recall 0.500)",
        "  rejected 2: 1 not produced, 1 back"]
    assert result.regressions == 2


def test_eval_reviewed_retags_stored_text(db_path, settings):
    from pipeline import run

    db = store.open_db(db_path)
    run.ingest(db, run.sources_from_args([str(FIXTURES / "visit.html")]), settings)
    (event,) = export.events(db)
    key = event["event_id"]
    assert (event["type"], event["date"], event["countries"]) == (
        "senior_visit", "2023-05-16", ["CHN", "PER"])
    add_review(db, key, "accepted", at="2026-01-01T00:00:00Z")
    add_review(db, key, "rejected", at="2026-01-02T00:00:00Z")  # the latest decision counts
    add_review(db, "vanished", "accepted")
    add_review(db, "never-again", "rejected")
    result = review.eval_reviewed(db)
    assert ([r["event_id"] for r in result.found], [r["event_id"] for r in result.missing],
            [r["event_id"] for r in result.kept_out], [r["event_id"] for r in result.back]) == (
        [], ["vanished"], ["never-again"], [key])
    output = CliRunner().invoke(cli, ["eval-reviewed", "--db", str(db_path)])
    sentence = event["evidence"][0]["sentence"]
    assert (output.exit_code, output.output.splitlines()) == (1, [
        "Reviewed events against the current rules (1 documents re-tagged):",
        "  accepted 1: 0 still found, 1 missing (recall 0.000)",
        "  rejected 2: 1 not produced, 1 back",
        "  missing: vanished",
        f"  back: {key} senior_visit 2023-05-16 CHN,PER \"{sentence}\""])
    report_out = db_path.parent / "report.html"
    output = CliRunner().invoke(cli, ["report", "--db", str(db_path), "--out", str(report_out)])
    assert (output.exit_code, output.output) == (
        0, f"Report: {report_out} (1 events, 0 accepted, 1 rejected, 0 unreviewed)\n")
