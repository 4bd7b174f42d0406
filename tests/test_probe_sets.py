"""scripts/probe_sets.py: the team's probe sets are well-formed, a broken set is told, pages
carry every evidence sentence, and two builds are compared document by document."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import probe_sets  # noqa: E402

PROBES = sorted(p.parent for p in (ROOT / "tests" / "probes").glob("*/gold.jsonl"))

TEXT = """Patrol ship calls at Bridgetown
2024-05-20

The Canadian patrol ship HMCS Harry DeWolf docked in Bridgetown, Barbados, on 18 May 2024.

Its crew later met officers of the Barbados Coast Guard.
"""
EVENT = {"type": "port_call", "countries": ["CAN", "BRB"], "date": "2024-05-18",
         "location": "Bridgetown", "persons": [], "institutions": [],
         "evidence": "The Canadian patrol ship HMCS Harry DeWolf docked in Bridgetown, "
                     "Barbados, on 18 May 2024."}


def write_set(folder: Path, events: list[dict]) -> Path:
    folder.mkdir(parents=True)
    (folder / "x01.txt").write_text(TEXT, encoding="utf-8")
    (folder / "gold.jsonl").write_text(json.dumps(
        {"doc": "x01", "lang": "en", "published": "2024-05-20", "events": events}) + "\n",
        encoding="utf-8")
    return folder


@pytest.mark.parametrize("folder", PROBES, ids=[p.name for p in PROBES])
def test_every_probe_set_is_ready_to_score(folder: Path) -> None:
    assert probe_sets.check(folder) == []
    manifest = json.loads((folder / "rendered" / "manifest.json").read_text())
    assert set(manifest) == set(probe_sets.gold_of(folder))


def test_a_broken_set_is_told_line_by_line(tmp_path: Path) -> None:
    folder = write_set(tmp_path / "bad", [
        {**EVENT, "evidence": "The ship docked in Bridgetown."},  # not the text's sentence
        {**EVENT, "type": "port_visit"},
        {**EVENT, "countries": ["Canada", "BRB"]},
        {**EVENT, "date": "18/05/2024"}])
    (folder / "x02.txt").write_text(TEXT, encoding="utf-8")  # no gold line
    problems = probe_sets.check(folder)
    assert len(problems) == 5
    assert any("evidence not in the text" in p for p in problems)
    assert any("port_visit" in p for p in problems)
    assert any("not ISO3" in p for p in problems)
    assert any("YYYY" in p for p in problems)
    assert any(p.startswith("x02: no gold line") for p in problems)
    assert probe_sets.main(["check", str(folder)]) == 1


def test_rendered_page_holds_the_evidence(tmp_path: Path) -> None:
    folder = write_set(tmp_path / "good", [EVENT])
    assert probe_sets.check(folder) == []
    assert probe_sets.render(folder) == 1
    page = (folder / "rendered" / "x01.html").read_text(encoding="utf-8")
    assert f"<p>{EVENT['evidence']}</p>" in page
    assert '<html lang="en">' in page
    assert json.loads((folder / "rendered" / "manifest.json").read_text()) == \
        {"x01": "x01.html"}


def test_compare_pairs_documents(tmp_path: Path) -> None:
    sets = tmp_path / "sets"
    for name, n in (("s1", 2), ("s2", 2)):
        folder = sets / name
        folder.mkdir(parents=True)
        (folder / "gold.jsonl").write_text(json.dumps(
            {"doc": f"{name}d", "lang": "en", "events": [EVENT] * n}) + "\n", encoding="utf-8")
    a = tmp_path / "a.txt"  # build A misses both events of s1d and proposes one false
    a.write_text("MISS  s1d  port_call ['CAN'] None  [date]\n      x\n"
                 "MISS  s1d  port_call ['CAN'] None  [date]\n      x\n"
                 "FALSE s2d  port_call ['CAN'] None [no gold event] [r] conf 0.7\n      x\n")
    b = tmp_path / "b.txt"  # build B misses one
    b.write_text("MISS  s1d  port_call ['CAN'] None  [date]\n      x\n")
    result = probe_sets.compare(sets, a, b, resamples=200)
    assert result["f1_a"] == pytest.approx(2 * 2 / (2 * 2 + 1 + 2))
    assert result["f1_b"] == pytest.approx(2 * 3 / (2 * 3 + 0 + 1))
    assert result["diff"] > 0 and result["low"] <= result["diff"] <= result["high"]


def test_renderers_leave_out_an_undated_document(tmp_path: Path) -> None:
    """The page and PDF templates print a publication date: a document without one is left
    out of the pages and of the gold beside them, not a crash half-way through a set."""
    import probe_pages

    folder = write_set(tmp_path / "mixed", [EVENT])
    (folder / "x02.txt").write_text(TEXT, encoding="utf-8")
    with (folder / "gold.jsonl").open("a", encoding="utf-8") as gold:
        gold.write(json.dumps({"doc": "x02", "lang": "en", "published": None,
                               "events": [EVENT]}) + "\n")
    assert probe_pages.render_set(folder, tmp_path / "out") == 1
    target = tmp_path / "out" / "train" / "mixed"
    assert [json.loads(line)["doc"] for line in
            (target / "gold.jsonl").read_text(encoding="utf-8").splitlines()] == ["x01"]
    assert json.loads((target / "rendered" / "manifest.json").read_text()) == \
        {"x01": "x01.html"}
