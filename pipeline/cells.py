"""CSV cells a spreadsheet will not run: the one rule every CSV we write or serve follows.

A spreadsheet reads a cell that starts with ``=``, ``+``, ``-``, ``@`` (or their full-width
forms), a tab or a carriage return as a formula (OWASP "CSV injection"); titles, locations
and notes come from the web and from reviewers, so any of them may. ``neutralize`` puts a
``'`` before such a text, which spreadsheets show as text and hide. Plain numbers ("-3",
"+1.5") are left alone. ``export.write`` calls it on every CSV cell; the review server's
CSV goes through ``CsvRewriter`` (``output/plugins/milex_guard.py``).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_QUOTE_OR_NEWLINE = re.compile(r'["\n]')


def neutralize(value: Any) -> Any:
    """``value`` with a leading ``'`` if it is text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) \
            and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


class CsvRewriter:
    """Neutralise every cell of a CSV byte stream as it passes (chunks may split records).

    ``feed(chunk)`` returns the complete records seen so far, rewritten; ``close()`` the
    rest. Output uses the csv module's default dialect, as Datasette's own CSV does.
    """

    def __init__(self) -> None:
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self._pending = ""

    def feed(self, chunk: bytes) -> bytes:
        self._pending += self._decoder.decode(chunk)
        cut = _records_end(self._pending)
        done, self._pending = self._pending[:cut], self._pending[cut:]
        return _rewrite(done)

    def close(self) -> bytes:
        rest = self._pending + self._decoder.decode(b"", final=True)
        self._pending = ""
        return _rewrite(rest)


def _records_end(text: str) -> int:
    """Offset just after the last line break that ends a record (outside quotes)."""
    quoted, end = False, 0
    for mark in _QUOTE_OR_NEWLINE.finditer(text):
        if mark.group() == '"':
            quoted = not quoted
        elif not quoted:
            end = mark.end()
    return end


def _rewrite(text: str) -> bytes:
    if not text:
        return b""
    out = io.StringIO()
    writer = csv.writer(out)
    for row in csv.reader(io.StringIO(text, newline="")):
        writer.writerow([neutralize(cell) for cell in row])
    return out.getvalue().encode("utf-8")
