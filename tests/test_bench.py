"""Smoke test of the benchmark on a handful of generated documents (no timing asserted)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
KEYS = {"docs", "pdf_pages", "floor_s", "end_to_end_s_1_worker", "end_to_end_s_n_workers",
        "workers", "overhead_ratio", "speedup_n_workers", "rerun_s", "rerun_speedup",
        "peak_rss_mb", "nlp_words_per_s", "stage_share", "pdf_pages_per_s",
        "pdf_speedup_vs_pdfplumber", "pdf_over_pdfium"}


def test_bench_runs_the_cli_on_a_tiny_corpus_and_writes_its_figures(tmp_path: Path):
    out = tmp_path / "bench.json"
    done = subprocess.run(
        [sys.executable, "scripts/bench.py", "--html", "4", "--pdf", "1", "--min-pages", "2",
         "--max-pages", "2", "--workers", "2", "--stage-every", "1", "--work",
         str(tmp_path / "work"), "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    result = json.loads(out.read_text())
    assert KEYS <= set(result)
    assert (result["docs"], result["pdf_pages"], result["workers"]) == (5, 2, 2)
    assert result["ingest_counts"] == {"1_worker": {"ok": 5}, "n_workers": {"ok": 5}}
    assert result["rerun_unchanged"] == 5
    assert result["stage_docs"] == 5
    assert set(result["stage_share"]) == {"fetch", "extract", "nlp", "store"}
    assert sum(result["stage_share"].values()) == pytest.approx(1.0)
    assert result["overhead_ratio"] == pytest.approx(
        result["end_to_end_s_1_worker"] / result["floor_s"])
    assert "wrote " + str(out) in done.stdout
    assert len(list((tmp_path / "work" / "corpus").glob("*.html"))) == 4
