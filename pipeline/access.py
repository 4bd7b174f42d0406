"""What the review server lets anonymous readers and reviewers do, and the limits that keep a
small team's server usable (README, Security). Applied by ``output/plugins/milex_guard.py``
and ``output/metadata.yml``.

- Anyone who can reach the server reads the dataset and its provenance: events, evidence,
  documents, decisions, through pages, JSON and CSV.
- Only logged-in reviewers see the internal tables (``INTERNAL_TABLES``: hosts, process ids,
  local paths, fetch errors), ``/-/databases`` (the database's path) and run arbitrary SQL
  (``?sql=``), unless the operator starts the server with ``--public-sql``. The published
  metadata leaves out the plugin settings, which name the reviewer accounts.
- Logins: after ``LOGIN_FAILURES`` failed attempts from one address within
  ``LOGIN_WINDOW`` seconds, that address waits until the oldest failure is that old.
- Requests: a POST body over ``MAX_POST_BYTES`` is refused; a note over ``MAX_NOTE_CHARS``
  is refused with a message.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from typing import Any

INTERNAL_TABLES = ("runs", "sources", "fetches")
BODY_KEY = "milex.body"  # where milex_guard keeps a POST body in the ASGI scope
REVIEWERS = {"id": "*"}  # Datasette's allow block: any logged-in actor
MAX_POST_BYTES = 64 * 1024
MAX_NOTE_CHARS = 2000
LOGIN_FAILURES = 5
LOGIN_WINDOW = 600.0  # seconds


def apply(meta: dict[str, Any], public_sql: bool = False) -> dict[str, Any]:
    """The policy written into Datasette's metadata (``meta`` is changed and returned)."""
    for database in meta.get("databases", {}).values():
        database["allow_sql"] = True if public_sql else dict(REVIEWERS)
        tables = database.setdefault("tables", {})
        for name in INTERNAL_TABLES:
            tables.setdefault(name, {})["allow"] = dict(REVIEWERS)
    return meta


def public_metadata(meta: Any) -> Any:
    """The metadata as anyone may read it: without any ``plugins`` section (accounts)."""
    if isinstance(meta, dict):
        return {k: public_metadata(v) for k, v in meta.items() if k != "plugins"}
    if isinstance(meta, list):
        return [public_metadata(v) for v in meta]
    return meta


class LoginThrottle:
    """Failed logins per client address in a sliding window."""

    def __init__(self, failures: int = LOGIN_FAILURES, window: float = LOGIN_WINDOW,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.failures, self.window, self.clock = failures, window, clock
        self._seen: dict[str, deque[float]] = {}

    def wait(self, client: str) -> float:
        """Seconds before ``client`` may try again (0: now)."""
        seen = self._recent(client)
        if len(seen) < self.failures:
            return 0.0
        return max(seen[0] + self.window - self.clock(), 0.0)

    def failed(self, client: str) -> None:
        if len(self._seen) > 10_000:  # many addresses: forget the quiet ones
            for other in list(self._seen):
                self._recent(other)
        self._seen.setdefault(client, deque()).append(self.clock())

    def succeeded(self, client: str) -> None:
        self._seen.pop(client, None)

    def _recent(self, client: str) -> deque[float]:
        seen = self._seen.get(client, deque())
        while seen and seen[0] <= self.clock() - self.window:
            seen.popleft()
        if not seen:
            self._seen.pop(client, None)
        return seen
