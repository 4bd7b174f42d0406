"""The compiled rule modules of ``make fast`` (``scripts/build_fast.py``), used only while
they match the source.

mypyc compiles the modules of ``COMPILED`` to C libraries in ``.fast/`` with a manifest of
the SHA-256 of every ``.py`` file of ``pipeline/`` as it was then. ``use`` puts that
directory before the source on the package's search path only while the manifest matches
the files now and the running Python is the one that built it: a rule edited after the
build runs from its source (the whole build is set aside, never a stale module beside a
fresh one), and a checkout without ``.fast/`` never notices any of this.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
from pathlib import Path

log = logging.getLogger(__name__)

OFF = "MILEX_NO_FAST"  # set (to anything) in the environment: run the source, built or not
FAST_DIR = ".fast"  # at the repository root, beside pipeline/ (git ignores it)
MANIFEST = "manifest.json"
# the pure-Python modules run over every sentence, word or date mention, the spaCy component
# (its Python loops over words and marks, ~15% of compiled tagging, run a seventh faster), and
# the event rule they read (``frame.py``: a compiled class's fields are read directly), and the
# register of actors the assembler resolves subjects against (``antecedents.py``: built and
# searched for every document that has a trigger with a side missing); not the data loading
# of models.py, nor confidence.py, which finds its model beside its own file
COMPILED = ("events", "frames", "clauses", "parties", "merge", "datescan", "timeline", "cues",
            "prefilter", "designations", "frame", "sequels", "occasions", "intsearch",
            "component", "antecedents")


def digest(package: Path) -> dict[str, str]:
    """SHA-256 of every ``.py`` file under ``package``, by its path relative to it."""
    return {path.relative_to(package).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(package.rglob("*.py"))}


def fresh(root: Path) -> bool:
    """``root/.fast`` holds a build of the sources of ``root/pipeline`` as they are now, by
    this Python."""
    manifest = root / FAST_DIR / MANIFEST
    if not manifest.is_file():
        return False
    try:
        built = json.loads(manifest.read_text())
    except (OSError, ValueError):
        return False
    if not isinstance(built, dict) or built.get("python") != sys.version:
        return False
    if built.get("sources") != digest(root / "pipeline"):
        log.warning("the compiled NLP modules in %s are older than the source: running the "
                    "source (make fast builds them again)", root / FAST_DIR)
        return False
    return True


def use(package_path: list[str], root: Path | None = None) -> bool:
    """Put the compiled modules before the source on ``package_path`` (``pipeline.nlp``'s
    ``__path__``) when they are fresh; says whether they are. ``root``: the repository
    (the one holding this file)."""
    root = root or Path(__file__).resolve().parents[2]
    if os.environ.get(OFF) or not fresh(root):
        return False
    fast = root / FAST_DIR
    if str(fast) not in sys.path:
        sys.path.append(str(fast))  # (the library the compiled modules share)
    package_path.insert(0, str(fast / "pipeline" / "nlp"))
    return True
