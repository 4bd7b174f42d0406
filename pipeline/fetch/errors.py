"""Why a request was not sent, or not finished: raised under httpx, turned into a row."""

from __future__ import annotations


class Refused(Exception):
    "A request we will not send (private address, unresolvable host, body too large)"

    def __init__(self, error_class: str, message: str):
        super().__init__(message)
        self.error_class = error_class


class Cut(Refused):
    "A request stopped before its end: past its total deadline, or the run is stopping"


class TooLarge(Exception):
    "A body went over the size limit while streaming"
