"""Rewrite the run-summary block of README.md from a real run on the sample corpus.

The block shows what ``make run`` prints on a fresh clone; ``tests/test_e2e.py`` fails when
it drifts. Run this after a change to the rules or the fitted confidence:

    .venv/bin/python scripts/readme_summary.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from click.testing import CliRunner  # noqa: E402

from pipeline.cli import cli  # noqa: E402

START, END = "<!-- run-summary -->\n```\n", "```\n<!-- /run-summary -->"


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        db, config = Path(tmp) / "corpus.db", Path(tmp) / "config.yaml"
        config.write_text(f"cache_dir: {Path(tmp) / 'cache'}\n")
        result = CliRunner().invoke(cli, ["refresh", "--sources",
                                          str(ROOT / "sources/samples.yaml"), "--db", str(db),
                                          "--config", str(config), "--quiet"])
        printed = result.output.replace(str(db), "output/corpus.db")
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    head, rest = text.split(START, 1)
    readme.write_text(head + START + printed + END + rest.split(END, 1)[1], encoding="utf-8")
    print(printed, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
