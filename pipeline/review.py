"""Review: Datasette on the database, with our metadata (output/metadata.yml)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

OUTPUT = Path(__file__).resolve().parent.parent / "output"


def datasette_args(db: str, host: str, port: int) -> list[str]:
    args = [sys.executable, "-m", "datasette", "serve", db, "--host", host, "--port", str(port)]
    metadata = OUTPUT / "metadata.yml"
    if metadata.exists():
        args += ["--metadata", str(metadata)]
    return args


def serve(db: str, host: str = "127.0.0.1", port: int = 8001) -> int:
    """Run Datasette in the foreground until interrupted; returns its exit code."""
    return subprocess.call(datasette_args(db, host, port))
