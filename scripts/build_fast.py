"""Compile the NLP stage's rule modules to C with mypyc, into ``.fast/`` (``make fast``).

Event assembly, date scanning and resolution are plain Python run over every sentence;
compiled by mypyc (shipped with mypy, a dev dependency) the same code runs faster with
the same results. The compiled modules are used only while every source file of
``pipeline/`` is as it was when they were built (``pipeline.nlp.fast``): edit a rule and
the Python source runs again until ``make fast`` is run anew. Needs a C compiler; without
one this fails with a one-line error and nothing changes.

usage: python scripts/build_fast.py
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.nlp.fast import COMPILED, FAST_DIR, MANIFEST, OFF, digest  # noqa: E402

# Tags every rule case (tests/cases: a few sentences for each rule, in every language) and
# every probe document (tests/probes: whole news pages' texts) and prints what the NLP
# stage found, so that the build and the source can be compared
# (mypyc checks annotations at run time and trusts mypy's narrowing: code that mypy passes
# may still behave otherwise compiled)
CHECK = """
import json, sys
from pathlib import Path
from pipeline.nlp import COMPILED, tag
from pipeline.records import Document
out = []
for path in sorted(Path("tests/cases").glob("*.jsonl")):
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        case = json.loads(line)
        doc = Document(id=case["id"], url="case:" + case["id"], source=None, text=case["text"],
                       title=case.get("title"), published=case.get("published"),
                       language=case["lang"])
        tagged = tag(doc, min_confidence=0.0)
        out.append([case["id"], case["lang"], repr(tagged.events), repr(tagged.mentions)])
for gold in sorted(Path("tests/probes").glob("*/gold.jsonl")):
    for line in gold.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        meta = json.loads(line)
        path = gold.parent / (meta["doc"] + ".txt")
        if not path.is_file():
            continue
        head, _, body = path.read_text(encoding="utf-8").partition("\\n\\n")
        doc = Document(id=meta["doc"], url="probe:" + meta["doc"], source=None, text=body,
                       title=head.splitlines()[0], published=meta.get("published"),
                       language=meta.get("lang"))
        tagged = tag(doc, min_confidence=0.0)
        out.append([meta["doc"], meta.get("lang"), repr(tagged.events), repr(tagged.mentions)])
print(json.dumps({"compiled": COMPILED, "tagged": out}))
"""


def _tagged(compiled: bool) -> dict:
    env = {k: v for k, v in os.environ.items() if k != OFF}
    if not compiled:
        env[OFF] = "1"
    done = subprocess.run([sys.executable, "-c", CHECK], cwd=ROOT, env=env,
                          capture_output=True, text=True)
    if done.returncode:
        tail = (done.stdout + done.stderr).strip().splitlines()[-1:]
        raise RuntimeError(" ".join(tail))
    return json.loads(done.stdout)


def check(target: Path) -> str | None:
    """None when the build tags every rule case as the source does, else what differs."""
    try:
        built, source = _tagged(True), _tagged(False)
    except RuntimeError as error:
        return f"the check texts could not be tagged: {error}"
    if not built["compiled"] or source["compiled"]:
        return "the build was not picked up (or not set aside) as expected"
    for mine, theirs in zip(built["tagged"], source["tagged"], strict=True):
        if mine != theirs:
            return f"{mine[0]} ({mine[1]}) is tagged otherwise compiled"
    return None


def main() -> int:
    target = ROOT / FAST_DIR
    with tempfile.TemporaryDirectory(prefix="milex-fast-") as tmp:
        work = Path(tmp)
        shutil.copytree(ROOT / "pipeline", work / "pipeline",
                        ignore=shutil.ignore_patterns("__pycache__", "*.so"))
        sources_built = digest(work / "pipeline")  # (what is compiled, even if edited meanwhile)
        # mypy's settings alone (setuptools, which builds the libraries, would read the
        # project's table too)
        settings = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mypy"]
        (work / "mypy.ini").write_text("[mypy]\n" + "".join(
            f"{key} = {str(value).lower() if isinstance(value, bool) else value}\n"
            for key, value in settings.items()))
        sources = [f"pipeline/nlp/{name}.py" for name in COMPILED]
        print(f"compiling {len(sources)} modules with mypyc (a few minutes) ...", flush=True)
        done = subprocess.run([sys.executable, "-m", "mypyc", *sources], cwd=work,
                              capture_output=True, text=True)
        if done.returncode:
            tail = (done.stdout + done.stderr).strip().splitlines()[-1:]
            print(f"error: mypyc failed, the Python source stays in use: {' '.join(tail)}",
                  file=sys.stderr)
            return 1
        built = sorted(work.glob("*.so")) + sorted((work / "pipeline" / "nlp").glob("*.so"))
        if not built:
            print("error: mypyc built nothing", file=sys.stderr)
            return 1
        shutil.rmtree(target, ignore_errors=True)
        (target / "pipeline" / "nlp").mkdir(parents=True)
        for path in built:
            shutil.copy(path, target / path.relative_to(work))
    (target / MANIFEST).write_text(json.dumps(
        {"python": sys.version, "sources": sources_built}, indent=1))
    print("checking that the build tags every rule case and probe document as the source "
          "does ...", flush=True)
    differs = check(target)
    if differs:
        shutil.rmtree(target, ignore_errors=True)
        print(f"error: {differs}: the build is removed and the Python source stays in use",
              file=sys.stderr)
        return 1
    print(f"wrote {len(built)} libraries to {target}; the NLP stage uses them while "
          "pipeline/ is unchanged")
    return 0


if __name__ == "__main__":
    sys.exit(main())
