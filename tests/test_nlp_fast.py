"""The compiled rule modules (``make fast``) are used only while they match the source."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from pipeline.nlp import fast


def _checkout(tmp_path: Path) -> Path:
    """A repository with two source files and a build manifest made from them now."""
    (tmp_path / "pipeline" / "nlp").mkdir(parents=True)
    (tmp_path / "pipeline" / "__init__.py").write_text("")
    (tmp_path / "pipeline" / "nlp" / "frames.py").write_text("WINDOW = 10\n")
    (tmp_path / fast.FAST_DIR / "pipeline" / "nlp").mkdir(parents=True)
    (tmp_path / fast.FAST_DIR / fast.MANIFEST).write_text(json.dumps(
        {"python": sys.version, "sources": fast.digest(tmp_path / "pipeline")}))
    return tmp_path


def test_a_build_of_the_current_source_is_used(tmp_path: Path) -> None:
    root = _checkout(tmp_path)
    path = ["/the/source"]
    try:
        assert fast.use(path, root)
        assert path == [str(root / fast.FAST_DIR / "pipeline" / "nlp"), "/the/source"]
        assert str(root / fast.FAST_DIR) in sys.path
    finally:
        while str(root / fast.FAST_DIR) in sys.path:
            sys.path.remove(str(root / fast.FAST_DIR))


def test_an_edited_rule_sets_the_build_aside(tmp_path: Path,
                                             caplog: pytest.LogCaptureFixture) -> None:
    root = _checkout(tmp_path)
    (root / "pipeline" / "nlp" / "frames.py").write_text("WINDOW = 12\n")
    path = ["/the/source"]
    assert not fast.use(path, root)
    assert path == ["/the/source"]
    assert "older than the source" in caplog.text


def test_a_new_source_file_sets_the_build_aside(tmp_path: Path) -> None:
    root = _checkout(tmp_path)
    (root / "pipeline" / "nlp" / "clauses.py").write_text("")
    assert not fast.fresh(root)


@pytest.mark.parametrize("manifest", ["", "{not json", json.dumps({"python": "2.7",
                                                                     "sources": {}})])
def test_no_usable_build_means_the_source(tmp_path: Path, manifest: str) -> None:
    root = _checkout(tmp_path)
    if manifest:
        (root / fast.FAST_DIR / fast.MANIFEST).write_text(manifest)
    else:
        (root / fast.FAST_DIR / fast.MANIFEST).unlink()
    assert not fast.fresh(root)


def test_the_switch_in_the_environment_runs_the_source(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    root = _checkout(tmp_path)
    monkeypatch.setenv(fast.OFF, "1")
    path = ["/the/source"]
    assert not fast.use(path, root)
    assert path == ["/the/source"]
