"""The first Ctrl-C or SIGTERM stops a run that is waiting on the network (issue 14, item 4).

A real ``python -m pipeline refresh`` in its own process group fetches from a local server
that drips its answer one byte at a time (each byte well within the read timeout, the whole
body minutes long); the signal arrives in the middle of the fetch of a page, or of the
sitemap being discovered. The run must end soon, marked interrupted, with its one-line
message, and hang up on the server.
"""

import os
import re
import signal
import sqlite3
import subprocess
import sys

import pytest
from conftest import ROOT
from localserver import drip_server

SLOW = 600 * 0.5  # seconds the dripped body would take: a run that waits for it fails the test
SITEMAP = ("<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
           + "".join(f"<url><loc>/news/{n}.html</loc></url>" for n in range(20))
           + "</urlset>").encode()


@pytest.mark.parametrize("kind, signum", [("url", signal.SIGTERM), ("sitemap", signal.SIGINT)])
def test_the_first_signal_stops_a_fetch_or_a_sitemap_discovery_within_seconds(tmp_path, kind,
                                                                             signum):
    path = "/slow/page.html" if kind == "url" else "/sitemap.xml"
    body = b"<html><body><p>" + b"x" * 600 + b"</p></body></html>"
    server = drip_server({path: ("text/html" if kind == "url" else "application/xml",
                                body if kind == "url" else SITEMAP + b" " * 600, True)},
                        interval=SLOW / 600)
    registry = tmp_path / "sources.yaml"
    registry.write_text(f"sources:\n  - name: slow\n    kind: {kind}\n    url: {server.url}{path}\n"
                        "    allow_private: true\n", encoding="utf-8")
    config = tmp_path / "settings.yaml"
    config.write_text(f"cache_dir: {tmp_path / 'cache'}\nrate_limit: 1000\n", encoding="utf-8")
    db = tmp_path / "corpus.db"
    child = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "refresh", "--sources", str(registry), "--db", str(db),
         "--config", str(config), "--quiet"],
        cwd=ROOT, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True)
    try:
        assert server.dripping.wait(60), "the run never reached the slow server"
        os.killpg(child.pid, signum)  # once, as a terminal's Ctrl-C or a service manager
        out, err = child.communicate(timeout=30)  # the body alone would take SLOW seconds
        assert server.gone.wait(10)  # the connection was dropped
    finally:
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGKILL)
            child.communicate()
        server.close()
    assert child.returncode == 128 + signum, err
    assert out == ""
    assert re.fullmatch(rf"Interrupted by {signum.name}: run 1 stopped after 0 documents and is "
                        r"marked 'interrupted'; run the same command again to finish it\.\n", err)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT status FROM runs").fetchall() == [("interrupted",)]
        # the cut request is not charged to the server as a failure
        assert conn.execute("SELECT count(*) FROM fetches WHERE role IN ('document', 'listing')"
                            ).fetchall() == [(0,)]
