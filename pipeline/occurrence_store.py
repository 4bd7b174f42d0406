"""The store's occurrence layer: its table, its views, and their upkeep (store stage).

- ``events`` holds what the NLP stage extracted, one row per stable key (a *report* of an
  occurrence; one key may come from several documents). ``events.occurrence`` names the
  occurrence it belongs to (``pipeline.occurrences`` decides which reports are one).
- ``occurrences`` holds one row per occurrence, keyed by its most specific report's key,
  with its merged facts: the type and parties of that report (plus countries most
  reports name), the date most of its documents state at its finest precision
  (``_voted_date``: outlets one day apart, "on 29 December" and "on 28 December"),
  location (never in a LAC state it does not name), persons and institutions from its
  stating sentences, the highest confidence, how many reports,
  documents and languages.
- ``ranked_evidence`` (a view) is the ONE ordering of an event's evidence, read by the
  review queue, the event page, the review snapshot and the exports: headings, captions and
  off-topic supporting sentences never (unless nothing else is left), then stating before
  supporting sentences, one that narrates before one opening with a quotation (what someone
  said of it), one a strong frame read (a verb: "held separate meetings with")
  before one a weak frame read (a noun alone: "ending a four-day friendly visit"), among
  those a sentence giving the event's date or agreeing with it before one giving none,
  one that tells the occurrence before one pointing back at it with a demonstrative ("ese
  aporte"), one placed in its own states before one placed in a state the event does not
  name, one
  stating the occurrence's date before one agreeing with it (or stating its report's day
  where that is another day of the occurrence), one telling the occurrence
  before one telling it ahead of time ("arrived" before "está previsto que arribe"), one
  a frame marked ``shown_after`` did not
  read before one it did (a visit's talks before its leader's arrival or a signing; a
  sentence naming the ship or the disaster itself before one leaning on the story around
  it), the more
  confident report first, then the
  more precise one, one whose clause tells the occurrence as what it is before one whose
  clause tells another first (``secondary``: within one report, or among reports alike in
  confidence and precision), more of the event's parties named, one writing the date out in figures
  ("on June 12") before one telling it relative to its report ("este miércoles": out of
  its document it does not say when), one naming a ship by its name ("USS Gravely")
  before one naming a kind of ship ("a U.S. Navy guided-missile destroyer"), one naming
  a person (the envoy, the commander) before one naming none ("two warships", "a
  delegation"), then the NLP stage's own order.

``save_checks`` writes the store's checks of new evidence rows (``pipeline.evidence``);
``neighbourhood`` (before a save writes) and ``refresh`` (after) re-cluster exactly the
groups of reports a save can change; ``rebuild`` re-clusters everything.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import timedelta

from pipeline import occurrences, when
from pipeline.evidence import DocumentChecks
from pipeline.nlp.designations import models_named
from pipeline.nlp.models import load, merge_days
from pipeline.occurrences import Report
from pipeline.records import Event, Evidence, Mention

# the one ranked evidence list of every event (occurrence); position 1 states it best.
# {order}: what comes first among its stating sentences (schema 7 adds ``weak_frame``,
# schema 10 ``restates`` and ``elsewhere``); {within}: what comes first among one report's
# sentences, or among reports alike in confidence and precision (schema 21: ``secondary``);
# {parties}: how the parties a sentence names count (schema 12: every one of the event's,
# not two at most)
_RANKED_EVIDENCE = """
        SELECT row_number() OVER (PARTITION BY e.occurrence ORDER BY
            v.flag IS NOT NULL, v.role != 'states', {order} e.confidence DESC,
            CASE e.date_precision WHEN 'day' THEN 0 WHEN 'month' THEN 1 WHEN 'year' THEN 2
              ELSE 3 END, {within}{parties} DESC, {named}v.rank, d.published, d.url,
            v.start)
            AS position,
          e.occurrence AS event_key, v.event_key AS report_key, v.id AS evidence_id,
          v.document_id, d.url AS document_url, d.title AS document_title, d.published,
          d.language, d.source, v.sentence, v.start, v."end", v.page, v.rule, v.trigger,
          v.trigger_start, v.trigger_end, v.role, v.flag
        FROM evidence v JOIN events e ON e.key = v.event_key
          JOIN documents d ON d.id = v.document_id
        WHERE v.flag IS NULL OR NOT EXISTS (
          SELECT 1 FROM evidence w JOIN events f ON f.key = w.event_key
          WHERE f.occurrence = e.occurrence AND w.flag IS NULL)"""

# a sentence naming a ship by its name ("USS Gravely", "HMS Trent") before one naming a kind of
# ship ("a U.S. Navy guided-missile destroyer", "the River-class patrol vessel") (schema 16)
_NAMES_A_SHIP = "v.names_ship DESC, "

# a sentence naming a person (the envoy, the commander) before one naming none ("two warships")
_NAMES_A_PERSON = ("NOT EXISTS (SELECT 1 FROM mentions m WHERE m.document_id = v.document_id "
                   "AND m.label = 'PERSON' AND m.start >= v.start AND m.\"end\" <= v.\"end\"), ")

# a sentence writing the event's date out in figures ("on June 12", "na quinta-feira (22)")
# before one telling it only relative to its report's day ("este miércoles", "yesterday"),
# which out of its document does not say when (schema 12)
_WRITES_THE_DATE = (
    "NOT EXISTS (SELECT 1 FROM mentions m WHERE m.document_id = v.document_id "
    "AND m.label = 'DATE' AND m.start >= v.start AND m.\"end\" <= v.\"end\" "
    "AND m.text GLOB '*[0-9]*' AND (substr(e.date, 1, length(m.canonical_id)) = m.canonical_id "
    "OR substr(m.canonical_id, 1, length(e.date)) = e.date)), ")

_QUOTED = "substr(v.sentence, 1, 1) IN ('\"', '“', '«', '„'), "

# how a sentence dates the occurrence (schema 15): its ``date_match``, but 1, not 2, where it
# states its report's day and that is another day than the occurrence's (``occurrences.date``,
# voted among its reports): "on Sunday, April 27" (the opening ceremony) beside "from April
# 26 to May 8"; an outlet a day off the others
_OCCURRENCE_DATE = ("(CASE WHEN v.date_match = 2 AND e.date_precision = 'day' AND e.date != "
                    "(SELECT o.date FROM occurrences o WHERE o.key = e.occurrence) THEN 1 "
                    "ELSE v.date_match END)")

VIEWS: dict[str, str] = {
    # a sentence a strong frame read (a verb: "signed the agreement") first, before one a
    # weak frame read (a noun alone: "the agreement", "ending a four-day friendly visit")
    # even when only the noun's sentence gives the date; among those, one that gives the
    # date (or agrees with it), one that tells the occurrence before one that points back
    # at it with a demonstrative ("this visit", "ese aporte") or one placed in a LAC state
    # it does not name (another stop of the voyage), one that narrates before one
    # that opens with a quotation (what someone said), then the one giving the very date
    # (schema 14: then one a frame marked ``shown_after`` did not read: the talks of a visit
    # before its leader's arrival, "that same day the delegation met Noboa" before
    # "Richardson arrived Monday"; a sentence naming the ship or the disaster itself before
    # one leaning on the story around it)
    # (schema 15: the very date is the occurrence's, not its report's: a report dated on
    # another day of it, "on Sunday, April 27" beside "from April 26 to May 8", only agrees
    # with it; then a sentence telling the occurrence before one telling it ahead of time:
    # "The carrier arrived in Valparaíso on June 11" before "Está previsto que el USS
    # George Washington arribe a Valparaíso el 11 de junio")
    # (schema 16: then, among sentences otherwise equal, one naming a ship by its name before
    # one naming a kind of ship: "The USS Gravely tied up" before "A U.S. Navy destroyer
    # docked")
    # (schema 17: a sentence opening with a quotation after every narrating one, even one a
    # weak frame read or one giving no date: '"I am honoured that Colombia has chosen Gripen
    # E/F," said Saab's CEO' after "Petro announced the selection of the Swedish aircraft")
    # (schema 18: a signing read as the leaders' meeting after a sentence of its document
    # telling the talks, "Antes de la firma, Wang Guanzhong fue recibido por el presidente",
    # even when only the signing gives the date (``implied``); among sentences otherwise
    # equal in strength and date, one whose clause tells the occurrence as what it is first
    # before one whose clause tells another first: the ministers' signing of an agreement
    # before "the agreement the two governments signed ... and that, after passing through
    # Congress, ..." read as a visit (``secondary``))
    # (schema 21: ``secondary`` tells how a sentence's clause reads beside the other
    # sentences of its document, not which report states the occurrence better: among
    # reports it comes after the report's confidence and date precision, so that a report
    # giving the day, "em 18 de março de 2019 ... assinaram o acordo" read first as the
    # ministers' visit, comes before one as confident dating it only "em março")
    "ranked_evidence": _RANKED_EVIDENCE.format(
        order=_QUOTED + "v.implied, v.weak_frame, v.date_match > 0 DESC, v.restates, "
              "v.elsewhere, " + _OCCURRENCE_DATE + " DESC, v.prospective, v.shown_after,",
        within="v.secondary, ",
        named=_WRITES_THE_DATE + _NAMES_A_SHIP + _NAMES_A_PERSON, parties="v.parties_named"),
    # the decision that counts for each event: the latest taken on any of its reports (a
    # decision follows the report it was taken on into whatever occurrence holds it);
    # corrected_json and snapshot_json are NULL where a hand edit left no valid JSON, since
    # json_extract fails the whole query on malformed JSON
    "latest_reviews": """
        SELECT id, event_key, occurrence, status, corrected, reviewer, reviewed_at, note,
          snapshot, decisions,
          CASE WHEN json_valid(corrected) THEN corrected END AS corrected_json,
          CASE WHEN json_valid(snapshot) THEN snapshot END AS snapshot_json
        FROM (SELECT r.*, coalesce(e.occurrence, r.event_key) AS occurrence,
                row_number() OVER w AS n,
                count(*) OVER (PARTITION BY coalesce(e.occurrence, r.event_key)) AS decisions
              FROM reviews r LEFT JOIN events e ON e.key = r.event_key
              WINDOW w AS (PARTITION BY coalesce(e.occurrence, r.event_key)
                           ORDER BY r.reviewed_at DESC, r.id DESC))
        WHERE n = 1""",
    # events with the latest decision applied: corrected fields override extracted ones.
    # LIMIT -1 keeps SQLite from flattening the view into Datasette's array-facet query,
    # where a column from the LEFT JOIN came back NULL and the countries facet showed 0.
    "reviewed_events": """
        SELECT o.key,
          coalesce(r.status, 'unreviewed') AS review_status,
          coalesce(json_extract(r.corrected_json, '$.type'), o.type) AS type,
          coalesce(json_extract(r.corrected_json, '$.date'), o.date) AS date,
          substr(coalesce(json_extract(r.corrected_json, '$.date'), o.date), 1, 4) AS year,
          coalesce(json_extract(r.corrected_json, '$.date_precision'), o.date_precision)
            AS date_precision,
          o.date_source,
          coalesce(json_extract(r.corrected_json, '$.countries'), o.countries) AS countries,
          coalesce(json_extract(r.corrected_json, '$.location'), o.location) AS location,
          coalesce(json_extract(r.corrected_json, '$.persons'), o.persons) AS persons,
          coalesce(json_extract(r.corrected_json, '$.institutions'), o.institutions)
            AS institutions,
          o.confidence, r.reviewer, r.reviewed_at, r.note, coalesce(r.decisions, 0) AS decisions,
          o.documents, o.reports, o.languages, o.first_seen_run, o.last_seen_run
        FROM occurrences o LEFT JOIN latest_reviews r ON r.occurrence = o.key
        ORDER BY o.key LIMIT -1""",
    # what a reviewer works through: unreviewed first, then the most confident; one row per
    # event with its best stating sentence (position 1 of ranked_evidence, kept in
    # occurrences.first_evidence when the event is written) and every report of it
    "review_queue": """
        SELECT e.key, e.review_status, e.type, e.date, e.year, e.countries,
          o.report_documents AS reports, e.confidence,
          substr(v.sentence, 1, v.trigger_start - v.start) || '⟦' || v.trigger || '⟧'
            || substr(v.sentence, v.trigger_end - v.start + 1) AS evidence,
          e.location, d.title AS document_title, d.url AS document_url, v.page, d.source,
          e.documents, e.languages, e.reviewer, e.reviewed_at
        FROM reviewed_events e JOIN occurrences o ON o.key = e.key
          JOIN evidence v ON v.id = o.first_evidence JOIN documents d ON d.id = v.document_id
        ORDER BY e.review_status != 'unreviewed', e.confidence DESC, e.date, e.key LIMIT -1""",
    # decisions on reports no run extracts any more: kept, and shown here
    "orphaned_reviews": """
        SELECT r.event_key, r.status, json_extract(r.snapshot_json, '$.type') AS type,
          json_extract(r.snapshot_json, '$.date') AS date,
          json_extract(r.snapshot_json, '$.countries') AS countries,
          json_extract(r.snapshot_json, '$.sentence') AS sentence,
          json_extract(r.snapshot_json, '$.document_url') AS document_url,
          r.corrected, r.reviewer, r.reviewed_at, r.note, r.decisions
        FROM latest_reviews r
        WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.key = r.event_key)
        ORDER BY r.reviewed_at DESC, r.id DESC""",
}

# the views as schema versions 5 and 6, 7 to 9, 10 and 11, ..., 17 wrote them (their
# migrations run before the columns later views read exist)
# (schema 18 to 20: ``secondary`` before the report's confidence and precision)
VIEWS_V20 = {**VIEWS, "ranked_evidence": _RANKED_EVIDENCE.format(
    order=_QUOTED + "v.implied, v.weak_frame, v.date_match > 0 DESC, v.restates, "
          "v.elsewhere, " + _OCCURRENCE_DATE + " DESC, v.prospective, v.secondary, "
          "v.shown_after,",
    within="", named=_WRITES_THE_DATE + _NAMES_A_SHIP + _NAMES_A_PERSON,
    parties="v.parties_named")}
# (schema 17: no ``implied`` or ``secondary`` yet)
VIEWS_V17 = {**VIEWS, "ranked_evidence": _RANKED_EVIDENCE.format(
    within="", order=_QUOTED + "v.weak_frame, v.date_match > 0 DESC, v.restates, v.elsewhere, "
          + _OCCURRENCE_DATE + " DESC, v.prospective, v.shown_after,",
    named=_WRITES_THE_DATE + _NAMES_A_SHIP + _NAMES_A_PERSON, parties="v.parties_named")}
# (schema 16: a quotation after a weak frame's sentence and after one giving the date)
VIEWS_V16 = {**VIEWS, "ranked_evidence": _RANKED_EVIDENCE.format(
    within="", order="v.weak_frame, v.date_match > 0 DESC, v.restates, v.elsewhere, " + _QUOTED
          + _OCCURRENCE_DATE + " DESC, v.prospective, v.shown_after,",
    named=_WRITES_THE_DATE + _NAMES_A_SHIP + _NAMES_A_PERSON, parties="v.parties_named")}
# (schema 15: no ``names_ship`` yet)
VIEWS_V15 = {**VIEWS, "ranked_evidence": _RANKED_EVIDENCE.format(
    within="", order="v.weak_frame, v.date_match > 0 DESC, v.restates, v.elsewhere, " + _QUOTED
          + _OCCURRENCE_DATE + " DESC, v.prospective, v.shown_after,",
    named=_WRITES_THE_DATE + _NAMES_A_PERSON, parties="v.parties_named")}
_TWO_PARTIES = "min(v.parties_named, 2)"  # (before schema 12: naming both sides is enough)
VIEWS_V6 = {**VIEWS, "ranked_evidence": _RANKED_EVIDENCE.format(
    within="", order="v.date_match DESC,", named="", parties=_TWO_PARTIES)}
VIEWS_V9 = {**VIEWS, "ranked_evidence": _RANKED_EVIDENCE.format(
    within="", order="v.date_match > 0 DESC, v.weak_frame, " + _QUOTED + "v.date_match DESC,",
    named=_NAMES_A_PERSON, parties=_TWO_PARTIES)}
# (schema 14: the very date is each report's; no ``prospective`` yet)
VIEWS_V14 = {**VIEWS, "ranked_evidence": _RANKED_EVIDENCE.format(
    within="", order="v.weak_frame, v.date_match > 0 DESC, v.restates, v.elsewhere, " + _QUOTED
          + "v.date_match DESC, v.shown_after,", named=_WRITES_THE_DATE + _NAMES_A_PERSON,
    parties="v.parties_named")}
# (schema 12 and 13: no ``shown_after`` yet)
VIEWS_V12 = {**VIEWS, "ranked_evidence": _RANKED_EVIDENCE.format(
    within="", order="v.weak_frame, v.date_match > 0 DESC, v.restates, v.elsewhere, " + _QUOTED
          + "v.date_match DESC,", named=_WRITES_THE_DATE + _NAMES_A_PERSON,
    parties="v.parties_named")}
# (schema 10 and 11: the date first, then the frame's strength)
VIEWS_V10 = {**VIEWS, "ranked_evidence": _RANKED_EVIDENCE.format(
    within="", order="v.date_match > 0 DESC, v.weak_frame, v.restates, v.elsewhere, " + _QUOTED
          + "v.date_match DESC,", named=_NAMES_A_PERSON, parties=_TWO_PARTIES)}

_REPORT_COLUMNS = ("SELECT e.key, e.type, e.date, e.date_precision, e.date_source, e.countries, "
                   "e.location, e.institutions, e.persons, e.occurrence, e.date_end, "
                   "(SELECT json_group_array(DISTINCT v.document_id) FROM evidence v "
                   "WHERE v.event_key = e.key), "
                   "(SELECT json_group_array(DISTINCT v.rule) FROM evidence v "
                   "WHERE v.event_key = e.key AND v.role = 'states'), "
                   "(SELECT json_group_array(v.sentence) FROM evidence v "
                   "WHERE v.event_key = e.key AND v.role = 'states') FROM events e ")


def _reports(rows: Iterable[tuple]) -> dict[str, tuple[Report, str | None]]:
    """Reports (and their stored occurrence) from ``_REPORT_COLUMNS`` rows."""
    kinds = load().institution_kinds
    out = {}
    for (key, kind, date, precision, source, countries, location, institutions, persons, occ,
         end, docs, rules, stating) in rows:
        named = json.loads(institutions or "[]")
        out[key] = (Report(key, kind, date, precision, source == "stated",
                           frozenset(json.loads(countries or "[]")), location,
                           frozenset(i for i in named if kinds.get(i) == "ship"),
                           frozenset(i for i in named if kinds.get(i) == "program"),
                           frozenset(json.loads(docs or "[]")),
                           frozenset(json.loads(persons or "[]")),
                           frozenset(s for r in json.loads(rules or "[]")
                                     if r and (s := occurrences.step_of(r))),
                           end=end, models=models_named(json.loads(stating or "[]"))), occ)
    return out


_SHARES_A_STATE = ("EXISTS (SELECT 1 FROM json_each(e.countries) j WHERE j.value IN "
                   "(SELECT value FROM json_each(?)))")
_IN_RANGE = "SELECT key FROM events WHERE type = ?1 AND date BETWEEN ? AND ?"
# a stored stretch ("del 5 al 17 de junio") that holds the report's day
_HOLDING = "SELECT key FROM events WHERE type = ?1 AND date <= ? AND date_end >= ?"
_CANDIDATES = (_REPORT_COLUMNS + "WHERE e.key IN (SELECT key FROM events WHERE type = ?1 AND "
               "date IS NULL UNION ALL " + " UNION ALL ".join([_IN_RANGE] * 3) + " UNION ALL "
               + _HOLDING + ") AND " + _SHARES_A_STATE)
_UNDATED_CANDIDATES = _REPORT_COLUMNS + "WHERE e.type = ? AND " + _SHARES_A_STATE


def _date_ranges(report: Report) -> list[tuple[str, str]]:
    """Ranges of date strings that may agree with the report's date: its year given as a
    year, its month (given as a month or a day), and the days around a day within the
    type's span; the whole year for a year. Three ranges, padded with empty ones."""
    assert report.date is not None
    year, ranges = report.date[:4], [(report.date[:4], report.date[:4])]
    if len(report.date) == 4:
        ranges = [(year, year + "-12-31")]
    else:
        ranges.append((report.date[:7], report.date[:7] + "-31"))
        days = occurrences.span_days().get(report.type, 0)
        if len(report.date) == 10 and (days or report.end):
            first, last = when.span(report.date)
            close = (last + timedelta(days=days)).isoformat()
            lasting = merge_days(report.type)  # (how long before its close it may have begun)
            back = lasting if report.end == report.date else days
            ahead = max(days, lasting)  # (a report dated at its close)
            ranges.append(((first - timedelta(days=max(days, back))).isoformat(),
                           max(close, report.end or close,
                               (last + timedelta(days=ahead)).isoformat())))
    return ranges + [("", "")] * (3 - len(ranges))


class _Reports:
    """Reports read from the database, each once per save (candidates by type, dates that may
    agree, and a LAC state in common)."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.known: dict[str, tuple[Report, str | None]] = {}

    def _keep(self, found: dict[str, tuple[Report, str | None]]) -> dict[str, Report]:
        for key, item in found.items():
            self.known.setdefault(key, item)
        return {key: self.known[key][0] for key in found}

    def load(self, keys: Iterable[str]) -> dict[str, Report]:
        return self._keep(_load(self.conn, keys))

    def candidates(self, report: Report) -> dict[str, Report]:
        lac = json.dumps(sorted(occurrences.lac_states(report.countries)))
        if report.date is None:
            rows = self.conn.execute(_UNDATED_CANDIDATES, (report.type, lac))
        else:
            ranges = [value for pair in _date_ranges(report) for value in pair]
            rows = self.conn.execute(_CANDIDATES, (report.type, *ranges, report.date,
                                                   report.date, lac))
        return self._keep(_reports(rows))

    def stored_occurrence(self, key: str) -> str | None:
        return self.known[key][1] if key in self.known else None


def _load(conn: sqlite3.Connection, keys: Iterable[str]) -> dict[str, tuple[Report, str | None]]:
    return _reports(conn.execute(_REPORT_COLUMNS + "WHERE e.key IN "
                                 "(SELECT value FROM json_each(?))", (json.dumps(list(keys)),)))


def neighbourhood(conn: sqlite3.Connection, keys: Iterable[str]) -> tuple[set[str], set[str]]:
    """Before a save changes the reports ``keys``: the reports whose occurrence it may change
    (these, their compatible neighbours and the other members of their occurrences) and
    the occurrence keys they had."""
    reports = _Reports(conn)
    seeds, before = set(keys), set()
    for key, report in reports.load(keys).items():
        occ = reports.stored_occurrence(key)
        if occ:
            before.add(occ)
        seeds.update(k for k, other in reports.candidates(report).items()
                     if occurrences.related(report, other))
    if before:
        seeds.update(r[0] for r in conn.execute(
            "SELECT key FROM events WHERE occurrence IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(before)),)))
    return seeds, before


def refresh(conn: sqlite3.Connection, seeds: Iterable[str], before: Iterable[str] = (),
            changed: Iterable[str] | None = None) -> None:
    """Re-cluster the groups of compatible reports holding ``seeds`` (after a save wrote)
    and rewrite their occurrences; occurrence keys in ``before`` that are no longer used go.
    ``changed``: the reports the save wrote (None: all); an occurrence with none of them
    and the same members as before is left as it is."""
    reports = _Reports(conn)
    found = reports.load(seeds)
    frontier = list(found.values())
    while frontier:  # the whole connected group of compatible reports
        report = frontier.pop()
        for key, other in reports.candidates(report).items():
            if key not in found and occurrences.related(report, other):
                found[key] = other
                frontier.append(other)
    stored = {k: reports.stored_occurrence(k) for k in found}
    _write(conn, list(found.values()), {o for o in stored.values() if o} | set(before),
           stored, None if changed is None else set(changed))


def rebuild(conn: sqlite3.Connection) -> None:
    """Re-cluster every report (schema upgrade, or after the merging rules changed)."""
    columns = _REPORT_COLUMNS
    if not any(row[1] == "date_end" for row in conn.execute("PRAGMA table_info(events)")):
        columns = columns.replace("e.date_end", "NULL")  # (upgrades before schema 11)
    found = _reports(conn.execute(columns))
    conn.execute("DELETE FROM occurrences")
    _write(conn, [r for r, _ in found.values()], set())


def _write(conn: sqlite3.Connection, reports: list[Report], before: set[str],
           stored: dict[str, str | None] | None = None, changed: set[str] | None = None
           ) -> None:
    groups = occurrences.cluster_all(reports)
    keys = {g[0].key for g in groups}
    conn.executemany("UPDATE events SET occurrence = ? WHERE key = ? AND "
                     "occurrence IS NOT ?", [(g[0].key, r.key, g[0].key) for g in groups
                                             for r in g])
    conn.executemany("DELETE FROM occurrences WHERE key = ?", [(k,) for k in before - keys])
    members = Counter((stored or {}).values())
    for group in groups:
        same = (stored is not None and changed is not None
                and members[group[0].key] == len(group)
                and all(stored.get(r.key) == group[0].key and r.key not in changed
                        for r in group))
        if not same:
            _write_occurrence(conn, group)


def _write_occurrence(conn: sqlite3.Connection, group: list[Report]) -> None:
    key = group[0].key
    rows = {r[0]: r for r in conn.execute(
        "SELECT key, type, date, date_precision, date_source, countries, confidence, "
        "first_seen_run, last_seen_run, location, persons, institutions FROM events "
        "WHERE occurrence = ?", (key,))}
    head = rows[key]
    date = _voted_date(conn, group, rows)
    voters = [r for r in group if r.key in rows]
    countries = occurrences.merged_countries(
        [json.loads(rows[r.key][5] or "[]") for r in voters],
        [max(len(r.documents), 1) for r in voters])
    documents = sorted({d for r in group for d in r.documents})
    report_documents = [dict(zip(("id", "url", "title", "language", "published"), r,
                                 strict=True)) for r in conn.execute(
        "SELECT id, url, title, language, published FROM documents WHERE id IN "
        "(SELECT value FROM json_each(?)) ORDER BY published, url", (json.dumps(documents),))]
    languages = sorted({d["language"] for d in report_documents if d["language"]})
    # (its date first: ``ranked_evidence`` reads it)
    conn.execute("INSERT OR REPLACE INTO occurrences (key, date) VALUES (?, ?)", (key, date))
    first, location, persons, institutions = _stated_details(conn, key, head[9], countries)
    # what the rules gave the reports (from their own stating sentences) where the sentences
    # ranked here name nothing the mentions show
    ordered = [rows[r.key] for r in group if r.key in rows]
    location = location or next((r[9] for r in ordered if r[9] and not _in_other_state(
        r[9], set(countries))), None)
    persons = persons or list(dict.fromkeys(p for r in ordered for p in json.loads(r[10] or "[]")))
    institutions = institutions or list(dict.fromkeys(
        i for r in ordered for i in json.loads(r[11] or "[]")))
    conn.execute(
        "INSERT OR REPLACE INTO occurrences (key, type, date, date_precision, date_source, "
        "countries, location, persons, institutions, confidence, reports, documents, "
        "languages, first_seen_run, last_seen_run, first_evidence, report_documents) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (key, head[1], date, head[3], head[4], json.dumps(countries), location,
         json.dumps(persons, ensure_ascii=False), json.dumps(institutions, ensure_ascii=False),
         max(r[6] or 0 for r in rows.values()), len(rows), len(documents),
         json.dumps(languages), min(r[7] for r in rows.values()),
         max(r[8] for r in rows.values()), first,
         json.dumps(report_documents, ensure_ascii=False)))


# per document, whether a sentence stating the report writes its date out in figures ("on 29
# December", "el 4 de noviembre") rather than telling it relative to the report's day
# ("yesterday", "el jueves") or taking it from the sentences around
_WRITTEN = (
    "SELECT v.document_id, max(EXISTS (SELECT 1 FROM mentions m WHERE m.document_id = "
    "v.document_id AND m.label = 'DATE' AND m.start >= v.start AND m.\"end\" <= v.\"end\" "
    "AND m.text GLOB '*[0-9]*' AND m.canonical_id = ?2)) FROM evidence v "
    "WHERE v.event_key = ?1 AND v.role = 'states' AND v.flag IS NULL GROUP BY v.document_id")


def _voted_date(conn: sqlite3.Connection, group: list[Report], rows: dict[str, tuple]
                ) -> str | None:
    """The date of an occurrence its reports tell at their finest precision: the one the
    most documents state, then the one the most of them write out in figures in a sentence
    stating the occurrence (over one told relative to a report's day, "yesterday", or taken
    from the sentences around), then the earliest (its first report's); never the order the
    documents came in. A report dated at its close ("the drills concluded on 17 June")
    tells no start beside reports that do."""
    head = group[0]
    same = [r for r in group if r.key in rows and r.date and r.precision == head.precision
            and r.stated == head.stated]
    starts = [r for r in same if not (r.end and r.end == r.date)] or same
    if len(starts) < 2 or len({r.date for r in starts}) < 2:
        return rows[head.key][2]
    documents: dict[str, set[str]] = {}
    written: dict[str, set[str]] = {}
    for r in starts:
        assert r.date is not None
        for doc, figures in conn.execute(_WRITTEN, (r.key, r.date)):
            documents.setdefault(r.date, set()).add(doc)
            if figures:
                written.setdefault(r.date, set()).add(doc)
    if not documents:
        return rows[head.key][2]
    return min(documents, key=lambda d: (-len(documents[d]), -len(written.get(d, ())), d))


def _stated_details(conn: sqlite3.Connection, key: str, own: str | None = None,
                    parties: Iterable[str] = ()
                    ) -> tuple[int | None, str | None, list[str], list[str]]:
    """The evidence row that states an event best (position 1 of ``ranked_evidence``); the
    location (the first named in the best stating sentence that names one, leaving out
    places in a Latin American or Caribbean state the event does not name: the port a
    ship came from, a town read out of a surname, "Rivera", "David"; instead the
    report's own place ``own`` where those sentences name it, it lies in one of the event's
    states ``parties`` and the first does not lie in another: one of the ports a call lists,
    "Salvador and Recife", "Buenos Aires, then Santos"), persons and
    institutions named in the sentences that state it best: those stating it as firmly as
    the first (its role, and as much of its date), in ranked order (at most ten)."""
    spans = conn.execute(
        'SELECT v.document_id, v.start, v."end", v.role, w.date_match, v.evidence_id '
        "FROM ranked_evidence v JOIN evidence w ON w.id = v.evidence_id "
        "WHERE v.event_key = ? ORDER BY v.position", (key,)).fetchall()
    stating = [s for s in spans if s[3:5] == spans[0][3:5]][:10] if spans else []
    location: str | None = None
    places: set[str] = set()
    parties = set(parties)
    persons: dict[str, None] = {}
    institutions: dict[str, None] = {}
    for doc, start, end, *_ in stating:
        named = conn.execute(
            'SELECT label, canonical_id FROM mentions WHERE document_id = ? AND start >= ? '
            'AND "end" <= ? AND label IN (\'LOCATION\', \'PERSON\', \'INSTITUTION\') '
            "ORDER BY start", (doc, start, end)).fetchall()
        for label, value in named:
            if label == "LOCATION":
                places.add(value)
                if not _in_other_state(value, parties):
                    location = location or value
            elif label == "PERSON":
                persons.setdefault(value, None)
            elif label == "INSTITUTION":
                institutions.setdefault(value, None)
    if own in places and location is not None:
        of = load().entity_countries
        state, first = of.get(("LOCATION", own)), of.get(("LOCATION", location))
        if state in parties and (first == state or first not in parties):
            location = own  # of the event's state, the report's own place ("Recife")
    return spans[0][5] if spans else None, location, list(persons), list(institutions)


def _in_other_state(place: str, parties: set[str]) -> bool:
    """Does ``place`` lie in a Latin American or Caribbean state the event does not name (La
    Guaira for a call at Grenada: the port the ship came from)? A name several states share
    (Formosa) lies elsewhere only when none of them is the event's."""
    model = load()
    states = model.places.get(place) or tuple(
        s for s in [model.entity_countries.get(("LOCATION", place))] if s)
    return bool(states) and all(model.regions.get(s) == "LAC" and s not in parties
                                for s in states)


def save_checks(conn: sqlite3.Connection, text: str, language: str | None,
                mentions: Iterable[Mention], rows: Iterable[tuple[Event, Evidence, int]]) -> None:
    """Write the evidence rows of one document with the store's checks of each."""
    checks = DocumentChecks(text, language, mentions)
    values = []
    for event, e, rank in rows:
        check = checks.check(e, event)
        values.append((event.key, e.document_id, e.sentence, e.start, e.end, e.page, e.rule,
                       e.trigger, e.trigger_start, e.trigger_end, e.role, rank, check.flag,
                       check.date_match, check.parties_named, check.weak_frame,
                       check.restates, check.elsewhere, check.shown_after, check.prospective,
                       check.names_ship, int(e.secondary), check.implied))
    conn.executemany(
        'INSERT INTO evidence (event_key, document_id, sentence, start, "end", page, rule, '
        "trigger, trigger_start, trigger_end, role, rank, flag, date_match, parties_named, "
        "weak_frame, restates, elsewhere, shown_after, prospective, names_ship, secondary, "
        "implied) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        values)


def _checks_per_document(conn: sqlite3.Connection) -> Iterable[tuple[str, DocumentChecks]]:
    """Each document that has evidence rows, with the checks of its text and mentions."""
    docs = conn.execute("SELECT DISTINCT d.id, d.text, d.language FROM documents d "
                        "JOIN evidence v ON v.document_id = d.id").fetchall()
    for doc_id, text, language in docs:
        mentions = [Mention(*row) for row in conn.execute(
            'SELECT label, text, start, "end", canonical_id, rule, country FROM mentions '
            "WHERE document_id = ?", (doc_id,))]
        yield doc_id, DocumentChecks(text or "", language, mentions)


def backfill_checks(conn: sqlite3.Connection) -> None:
    """The store's checks of evidence rows stored before they existed (schema upgrade):
    every row states its event, ranked in text order within its document."""
    for doc_id, checks in _checks_per_document(conn):
        rows = conn.execute(
            'SELECT v.id, v.sentence, v.start, v."end", v.page, v.rule, v.trigger, '
            "v.trigger_start, v.trigger_end, e.key, e.type, e.date, e.date_precision, "
            "e.date_source, e.countries FROM evidence v JOIN events e ON e.key = v.event_key "
            "WHERE v.document_id = ? ORDER BY v.event_key, v.start", (doc_id,)).fetchall()
        updates, rank, last = [], 0, None
        for (row_id, sentence, start, end, page, rule, trigger, t0, t1, key, kind, date,
             precision, source, countries) in rows:
            rank = rank + 1 if key == last else 0
            last = key
            event = Event(key, kind, date, precision, source, tuple(json.loads(countries or "[]")),
                          None, (), (), 0.0)
            check = checks.check(Evidence(doc_id, sentence, start, end, page, rule, trigger,
                                          t0 or start, t1 or start), event)
            updates.append((rank, check.flag, check.date_match, check.parties_named, row_id))
        conn.executemany("UPDATE evidence SET rank = ?, flag = ?, date_match = ?, "
                         "parties_named = ? WHERE id = ?", updates)


# the evidence columns the rule reading a row decides, and their backfill (no SQL is formatted)
RULE_COLUMNS = {"weak_frame": "UPDATE evidence SET weak_frame = ? WHERE rule = ?",
                "shown_after": "UPDATE evidence SET shown_after = ? WHERE rule = ?"}


def backfill_from_rules(conn: sqlite3.Connection, column: str,
                        of_rule: Callable[[str], bool]) -> None:
    """A column of evidence rows stored before it existed (schema upgrade) that the rule
    reading each row decides (``weak_frame``, ``shown_after`` of ``pipeline.evidence``)."""
    rules = [rule for (rule,) in conn.execute("SELECT DISTINCT rule FROM evidence")]
    conn.executemany(RULE_COLUMNS[column], [(int(of_rule(rule or "")), rule) for rule in rules])


def backfill_restates(conn: sqlite3.Connection) -> None:
    """``restates`` and ``elsewhere`` of evidence rows stored before they existed (schema
    upgrade), from each row's trigger in its document's text and mentions; an unflagged row
    whose trigger names a kind of occurrence ("this kind of exercise") is flagged
    ``generic``."""
    for doc_id, checks in _checks_per_document(conn):
        updates = []
        for row_id, sentence, start, end, page, rule, trigger, t0, t1, countries in conn.execute(
                'SELECT v.id, v.sentence, v.start, v."end", v.page, v.rule, v.trigger, '
                "v.trigger_start, v.trigger_end, e.countries FROM evidence v "
                "JOIN events e ON e.key = v.event_key WHERE v.document_id = ?",
                (doc_id,)).fetchall():
            row = Evidence(doc_id, sentence, start, end, page, rule, trigger, t0 or start,
                           t1 or start)
            updates.append((int(checks.restates(row)),
                            int(checks.elsewhere(row, json.loads(countries or "[]"))),
                            checks.generic(row), row_id))
        conn.executemany("UPDATE evidence SET restates = ?, elsewhere = ?, flag = CASE WHEN ? "
                         "AND flag IS NULL THEN 'generic' ELSE flag END WHERE id = ?", updates)


def backfill_prospective(conn: sqlite3.Connection) -> None:
    """``prospective`` of evidence rows stored before it existed (schema upgrade), from each
    row's trigger in its document's text."""
    for doc_id, checks in _checks_per_document(conn):
        updates = [(int(checks.prospective(Evidence(
            doc_id, sentence, start, end, None, "", "", t0 or start, t1 or start))), row_id)
            for row_id, sentence, start, end, t0, t1 in conn.execute(
                'SELECT id, sentence, start, "end", trigger_start, trigger_end FROM evidence '
                "WHERE document_id = ?", (doc_id,)).fetchall()]
        conn.executemany("UPDATE evidence SET prospective = ? WHERE id = ?", updates)


def backfill_implied(conn: sqlite3.Connection,
                     of_report: Callable[[str, list[Evidence]], bool]) -> None:
    """``implied`` of evidence rows stored before it existed (schema upgrade), from the rules
    reading the rows of each report in each document (``pipeline.evidence.implied``)."""
    reports: dict[tuple[str, str], list[tuple[int, str, str]]] = {}
    for row_id, key, doc_id, rule, role in conn.execute(
            "SELECT id, event_key, document_id, rule, role FROM evidence"):
        reports.setdefault((key, doc_id), []).append((row_id, rule or "", role))
    updates = []
    for rows in reports.values():
        report = [Evidence("", "", 0, 0, None, rule, "", 0, 0, role) for _, rule, role in rows]
        updates += [(int(of_report(rule, report)), row_id) for row_id, rule, _ in rows]
    conn.executemany("UPDATE evidence SET implied = ? WHERE id = ?", updates)


def backfill_names_ship(conn: sqlite3.Connection) -> None:
    """``names_ship`` of evidence rows stored before it existed (schema upgrade), from each
    row's sentence in its document's text and mentions; an unflagged row opening with a
    remark on how often occurrences recur ("It is not the first time that...") is flagged
    ``generic``."""
    for doc_id, checks in _checks_per_document(conn):
        updates = []
        for row_id, sentence, start, end, t0, t1 in conn.execute(
                'SELECT id, sentence, start, "end", trigger_start, trigger_end FROM evidence '
                "WHERE document_id = ?", (doc_id,)).fetchall():
            row = Evidence(doc_id, sentence, start, end, None, "", "", t0 or start, t1 or start)
            updates.append((int(checks.names_ship(row)), checks.generic(row), row_id))
        conn.executemany("UPDATE evidence SET names_ship = ?, flag = CASE WHEN ? AND flag IS "
                         "NULL THEN 'generic' ELSE flag END WHERE id = ?", updates)
