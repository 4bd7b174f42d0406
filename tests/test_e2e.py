"""The whole pipeline on the embedded sample corpus, through the real CLI."""

import json
import sqlite3

import pytest
from click.testing import CliRunner
from conftest import FIXTURES, ROOT

from pipeline.cli import cli
from pipeline.evaluate import dates_agree
from pipeline.nlp.models import load

EXPECTED = json.loads((FIXTURES / "sample_expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    # the rules' own events, whatever the fitted confidence threshold of the day
    return run_samples(tmp_path_factory.mktemp("e2e"), "min_confidence: 0\n")


@pytest.fixture(scope="module")
def as_shipped(tmp_path_factory):
    """``make run`` as a user runs it: the fitted threshold."""
    return run_samples(tmp_path_factory.mktemp("e2e-default"), "")


def run_samples(tmp, settings: str) -> dict:
    db = tmp / "corpus.db"
    config = tmp / "config.yaml"
    config.write_text(f"cache_dir: {tmp / 'cache'}\n{settings}")
    runner = CliRunner()
    first = runner.invoke(cli, ["refresh", "--sources", str(ROOT / "sources/samples.yaml"),
                                "--db", str(db), "--config", str(config), "--quiet"])
    events = runner.invoke(cli, ["export", "--db", str(db), "--what", "events"]).output
    docs = runner.invoke(cli, ["export", "--db", str(db), "--what", "documents"]).output
    second = runner.invoke(cli, ["refresh", "--sources", str(ROOT / "sources/samples.yaml"),
                                 "--db", str(db), "--config", str(config), "--quiet"])
    return {
        "db": db, "first": first, "second": second,
        "events": [json.loads(line) for line in events.splitlines()],
        "documents": {d["url"]: d for d in map(json.loads, docs.splitlines())},
    }


def uri(path: str) -> str:
    return (ROOT / "sources" / path).resolve().as_uri()


def test_every_sample_is_processed_and_none_fails(corpus):
    assert corpus["first"].exit_code == 0, corpus["first"].output
    assert f"{len(EXPECTED)} documents processed" in corpus["first"].output
    assert "0 failed" in corpus["first"].output
    assert {d["language"] for d in corpus["documents"].values()} == {"en", "es", "pt"}
    assert all(d["error"] is None for d in corpus["documents"].values())


def test_a_second_run_changes_nothing(corpus):
    assert corpus["second"].exit_code == 0
    assert f"({0} with text, 0 empty, {len(EXPECTED)} unchanged)" in corpus["second"].output
    first_counts = corpus["first"].output.split("Events in")[1].splitlines()[0:3]
    second_counts = corpus["second"].output.split("Events in")[1].splitlines()[0:3]
    assert first_counts == second_counts


def found_in(corpus, path):
    url = uri(path)
    return [e for e in corpus["events"] if any(ev["document_url"] == url for ev in e["evidence"])]


CASES = [(path, exp) for path, spec in EXPECTED.items() for exp in spec["events"]]


@pytest.mark.parametrize("path, expected", CASES,
                         ids=[f"{p.split('/')[-1]}:{e['type']}:{e['date']}" for p, e in CASES])
def test_expected_sample_event_is_found_with_its_evidence(corpus, path, expected):
    regions = load().regions
    lac = {c for c in expected["countries"] if regions[c] == "LAC"}
    extra = {c for c in expected["countries"] if regions[c] != "LAC"}
    candidates = [
        e for e in found_in(corpus, path)
        if e["type"] == expected["type"] and lac & set(e["countries"])
        and extra & set(e["countries"]) and dates_agree(expected["date"], e["date"])
    ]
    assert candidates, f"not found: {expected}"
    sentences = [ev for e in candidates for ev in e["evidence"] if ev["document_url"] == uri(path)]
    assert any(expected["evidence_contains"] in ev["sentence"] for ev in sentences), sentences
    conn = sqlite3.connect(corpus["db"])
    for ev in sentences:
        (text,) = conn.execute("SELECT text FROM documents WHERE id = ?",
                               (ev["document_id"],)).fetchone()
        assert text[ev["start"]:ev["end"]] == ev["sentence"]


def test_the_document_without_events_yields_none(corpus):
    empty = [p for p, spec in EXPECTED.items() if not spec["events"]]
    assert empty and all(found_in(corpus, p) == [] for p in empty)


def test_pdf_evidence_names_its_page(corpus):
    pdf_events = [ev for e in corpus["events"] for ev in e["evidence"]
                  if ev["document_url"].endswith(".pdf")]
    assert pdf_events and all(ev["page"] >= 1 for ev in pdf_events)
    assert {ev["page"] for ev in pdf_events} >= {1, 2, 3}


def test_the_readme_shows_the_real_summary_of_make_run(as_shipped):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- run-summary -->\n```\n")[1].split("```\n<!-- /run-summary -->")[0]
    printed = as_shipped["first"].output.replace(str(as_shipped["db"]), "output/corpus.db")
    assert printed == block
