"""Reviewers' corrections: the one check of a corrected type, date, countries and location.

``validate(fields, models)`` returns the clean fields and one message per invalid field. The
review server refuses a correction with any message (``output/plugins/milex_review.py``);
every reader of stored corrections (exports, report, eval-reviewed, the event page) goes
through ``effective``, which keeps the extracted value of a field whose stored correction is
not valid and says so, so one bad row (written by an older version or by hand) can never
break a report.
"""

from __future__ import annotations

import calendar
import json
import re
from collections.abc import Mapping
from typing import Any

from pipeline.nlp.models import EVENT_TYPES, Models, load

# the order of the keys in a stored correction (reviews.corrected)
FIELDS = ("type", "date", "date_precision", "countries", "location", "persons", "institutions")
YEARS = (1900, 2100)  # a corrected date outside these years is a typo
MAX_LOCATION_CHARS = 200
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def validate(fields: Mapping[str, Any], models: Models | None = None
             ) -> tuple[dict[str, Any], list[str]]:
    """Clean corrected fields and the reasons the others are refused.

    ``fields`` holds the form's text (``countries`` as "CHN, per") or a stored correction
    (``countries`` as a list). Empty fields are not corrections and are left out; the date's
    precision is derived from the date (YYYY-MM-DD: day, YYYY-MM: month, YYYY: year).
    """
    models = models or load()
    clean: dict[str, Any] = {}
    errors: list[str] = []
    kind = _text(fields.get("type"))
    if kind:
        if kind in EVENT_TYPES:
            clean["type"] = kind
        else:
            errors.append(f"type {kind!r} is not one of: {', '.join(EVENT_TYPES)}")
    date = _text(fields.get("date"))
    if date:
        precision = date_precision(date)
        if precision:
            clean["date"], clean["date_precision"] = date, precision
        else:
            errors.append(f"date {date!r} is not a real date between {YEARS[0]} and "
                          f"{YEARS[1]}: write YYYY-MM-DD, YYYY-MM or YYYY")
    countries = _codes(fields.get("countries"))
    if countries is None:
        errors.append("countries must be ISO 3166-1 alpha-3 codes separated by commas")
    elif countries:
        unknown = [c for c in countries if c not in models.regions]
        if unknown:
            errors.append(f"countries: {', '.join(repr(c) for c in unknown)} "
                          f"{'is not a code' if len(unknown) == 1 else 'are not codes'} of "
                          "models/countries.jsonl (ISO 3166-1 alpha-3, e.g. CHN, PER)")
        else:
            clean["countries"] = countries
    location = _text(fields.get("location"))
    if location:
        if len(location) > MAX_LOCATION_CHARS:
            errors.append(f"location has {len(location):,} characters; at most "
                          f"{MAX_LOCATION_CHARS} are kept")
        elif _CONTROL.search(location):
            errors.append("location contains control characters or line breaks")
        else:
            clean["location"] = location
    for name in ("persons", "institutions"):  # never offered by the form; checked when stored
        value = fields.get(name)
        if value is None:
            continue
        if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
            clean[name] = value
        else:
            errors.append(f"{name} must be a list of names")
    return {k: clean[k] for k in FIELDS if k in clean}, errors


def date_precision(date: str) -> str | None:
    """day, month or year for a real date written YYYY-MM-DD, YYYY-MM or YYYY; else None."""
    found = _DATE.fullmatch(date)
    if not found:
        return None
    year, month, day = found.groups()
    if not YEARS[0] <= int(year) <= YEARS[1]:
        return None
    if month is None:
        return "year"
    if not 1 <= int(month) <= 12:
        return None
    if day is None:
        return "month"
    return "day" if 1 <= int(day) <= calendar.monthrange(int(year), int(month))[1] else None


def dumps(clean: Mapping[str, Any]) -> str:
    """A clean correction as stored in ``reviews.corrected`` (compact JSON)."""
    return json.dumps(dict(clean), ensure_ascii=False, separators=(",", ":"))


def effective(extracted: Mapping[str, Any], stored: str | None,
              models: Models | None = None) -> tuple[dict[str, Any], list[str]]:
    """An event's fields with its stored correction applied where the correction is valid.

    ``extracted``: the event's own values (countries as a list); ``stored``: the latest
    review's ``corrected`` JSON, or None. Returns the values and a warning per field (or
    for a correction that is not a JSON object) whose extracted value was kept instead.
    """
    values = {k: extracted[k] for k in FIELDS if k in extracted}
    if not stored:
        return values, []
    try:
        fields = json.loads(stored)
    except ValueError:
        fields = None
    if not isinstance(fields, dict):
        return values, [f"corrected fields are not a JSON object: {stored[:80]!r}"]
    clean, errors = validate(fields, models)
    values.update(clean)
    return values, errors


def _text(value: Any) -> str:
    if value is None:
        return ""
    return value.strip() if isinstance(value, str) else repr(value)


def _codes(value: Any) -> list[str] | None:
    """Sorted distinct upper-case codes of "CHN, per; usa" or a list; None if neither."""
    if value is None:
        return []
    if isinstance(value, str):
        items = [v for v in re.split(r"[\s,;]+", value) if v]
    elif isinstance(value, list) and all(isinstance(v, str) for v in value):
        items = value
    else:
        return None
    return sorted({v.strip().upper() for v in items if v.strip()})
