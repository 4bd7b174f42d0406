import json

from click.testing import CliRunner
from conftest import FIXTURES

from pipeline.cli import cli


def config(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text(f"cache_dir: {tmp_path / 'cache'}\n")
    return str(path)


def test_ingest_prints_a_summary_and_export_writes_the_contract_format(tmp_path):
    db = str(tmp_path / "c.db")
    runner = CliRunner()
    result = runner.invoke(cli, ["ingest", str(FIXTURES / "visit.html"), "--db", db,
                                 "--config", config(tmp_path), "--quiet"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Run 1: 1 documents processed (1 with text, 0 empty, 0 unchanged), 0 failed."
    assert lines[-1].startswith("Next: make review")
    out = runner.invoke(cli, ["export", "--db", db, "--what", "events", "--format", "jsonl"])
    (event,) = [json.loads(line) for line in out.output.splitlines()]
    assert (event["type"], event["countries"], event["date"], event["date_precision"]) == (
        "senior_visit", ["CHN", "PER"], "2023-05-16", "day")
    assert event["review_status"] == "unreviewed"
    assert event["evidence"][0]["document_url"] == (FIXTURES / "visit.html").as_uri()
    assert event["evidence"][0]["rule"] == "senior_visit.meet.en"
    docs = runner.invoke(cli, ["export", "--db", db, "--what", "documents", "--format", "csv"])
    header, row = docs.output.splitlines()[:2]
    assert header.startswith("document_id,url,source,title,author,published,language")
    assert ",CHN;PER," in row  # CSV lists are plain, ;-joined (export schema 2)


def test_failures_are_listed_and_set_the_exit_code(tmp_path):
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.7 not really")
    result = CliRunner().invoke(cli, ["ingest", str(bad), str(FIXTURES / "notice.txt"),
                                      "--db", str(tmp_path / "c.db"),
                                      "--config", config(tmp_path), "--quiet"])
    assert result.exit_code == 1
    assert "2 documents processed" not in result.output
    assert "1 failed" in result.output
    assert "Failures in 1 source(s):" in result.output
    assert f"  cli-1: {bad.as_uri()}: malformed: corrupt PDF" in result.output


def test_bad_registry_is_a_one_line_error_with_a_hint(tmp_path):
    registry = tmp_path / "r.yaml"
    registry.write_text("sources:\n  - name: x\n    kind: website\n")
    result = CliRunner().invoke(cli, ["refresh", "--sources", str(registry),
                                      "--db", str(tmp_path / "c.db")])
    assert result.exit_code == 2
    assert result.output.splitlines()[0] == (
        f"Error: {registry}: entry 1 (x): kind 'website' is not one of: "
        "file, directory, url, feed, sitemap, index")
    assert "hint:" in result.output and "Traceback" not in result.output


def test_export_without_a_database_says_what_to_do(tmp_path):
    result = CliRunner().invoke(cli, ["export", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "no database at" in result.output and "make run" in result.output


def test_a_missing_dependency_stops_the_run_instead_of_blaming_each_pdf(tmp_path, monkeypatch):
    # an install without pypdfium2 once read every PDF as "corrupt": the fault is the install's,
    # so the run stops at the first document with one line saying how to mend it
    import sys

    monkeypatch.setitem(sys.modules, "pypdfium2", None)  # `import pypdfium2` raises ImportError
    db = tmp_path / "c.db"
    result = CliRunner().invoke(cli, ["ingest", str(FIXTURES / "bad" / "story.pdf"),
                                      "--db", str(db), "--config", config(tmp_path), "--quiet"])
    assert result.exit_code == 2, result.output
    first = result.output.splitlines()[0]
    assert first.startswith("Error: the installation is incomplete: "), first
    assert "pypdfium2" in first and "corrupt" not in result.output
    assert "hint: Reinstall the project" in result.output and "Traceback" not in result.output
    import sqlite3

    with sqlite3.connect(db) as conn:  # the run is recorded as failed, no document row blamed
        assert conn.execute("select status from runs").fetchall() == [("failed",)]
        assert conn.execute("select count(*) from documents").fetchone() == (0,)


def test_a_broken_confidence_model_stops_the_run_at_start_in_one_line(tmp_path, monkeypatch):
    # (a hand-edited models/confidence.json: every document would fail on it alike, so the
    # run stops before the first one instead of recording each as malformed)
    from pipeline.nlp import confidence

    bad = tmp_path / "confidence.json"
    bad.write_text('{"weights": {"bias": "high"}}', encoding="utf-8")
    real = confidence.threshold
    monkeypatch.setattr(confidence, "threshold", lambda path=bad: real(path))
    _stops_in_one_line(tmp_path, f"{bad}: 'weights' maps each feature to a finite number",
                       "git checkout models/confidence.json")


def _stops_in_one_line(tmp_path, error: str, hint: str) -> None:
    """An ingest stops before its first document with one Error line and a hint, no
    traceback."""
    result = CliRunner().invoke(cli, ["ingest", str(FIXTURES / "visit.html"), "--db",
                                      str(tmp_path / "c.db"), "--config", config(tmp_path),
                                      "--quiet"])
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert errors == [f"Error: {error}"]
    assert hint in result.output


def test_a_broken_wording_file_stops_a_run_that_reads_wording_at_start(tmp_path, monkeypatch):
    # (a confidence model that weighs the wording of sentences reads models/wording.json
    # too: a hand-broken copy stops the run in one line, as a broken model does)
    from pipeline.nlp import confidence, wording

    bad = tmp_path / "wording.json"
    bad.write_text('{"markers": {}}', encoding="utf-8")
    real = wording.markers
    monkeypatch.setattr(confidence, "weighs_wording", lambda: True)
    monkeypatch.setattr(wording, "markers", lambda lang, path=bad: real(lang, path))
    _stops_in_one_line(tmp_path, f"{bad}: needs 'markers' (an object) and 'window' (an integer)",
                       "git checkout models/wording.json")
