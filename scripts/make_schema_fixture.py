"""Write tests/fixtures/schema_v1.db: a small database of the first released schema.

tests/test_migrations.py upgrades a copy of it in place and checks that every document,
event, evidence row and review survives. The schema comes from ``store.MIGRATIONS[0]``
(released migrations are never edited), the rows are written with plain SQL naming only
the columns of that schema, and every value is fixed, so rerunning the script gives the
same rows. The text is ours.

Usage: python scripts/make_schema_fixture.py [OUT]
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import sqlite_utils  # noqa: E402

from pipeline.store import MIGRATIONS  # noqa: E402

OUT = ROOT / "tests" / "fixtures" / "schema_v1.db"

# (url, title, published, text, [(event key, type, date, countries, sentence, trigger)])
DOCUMENTS = [
    ("file:///samples/visit-2023.html", "Defence minister receives Peruvian delegation",
     "2023-05-17",
     "Chinese Defense Minister Li Shangfu met Peruvian Army Commander Walter Córdova in "
     "Beijing on 16 May 2023. The two officers reviewed plans for officer exchanges.",
     [("a1b2c3d4e5f60001", "senior_visit", "2023-05-16", ["CHN", "PER"],
       "Chinese Defense Minister Li Shangfu met Peruvian Army Commander Walter Córdova in "
       "Beijing on 16 May 2023.", "met")]),
    ("https://news.example.org/port-call", "Training ship calls at Callao", "2024-03-02",
     "The Chinese Navy training ship Qi Jiguang arrived in Callao on 1 March 2024 for a "
     "five-day port call. Cadets from Peru and China held a joint ceremony.",
     [("a1b2c3d4e5f60002", "port_call", "2024-03-01", ["CHN", "PER"],
       "The Chinese Navy training ship Qi Jiguang arrived in Callao on 1 March 2024 for a "
       "five-day port call.", "port call")]),
    ("file:///samples/course.txt", "Officers finish course", "2022-11-20",
     "Twelve Brazilian officers completed a command course at the National Defense "
     "University in Beijing in November 2022.",
     [("a1b2c3d4e5f60003", "education_training", "2022-11", ["BRA", "CHN"],
       "Twelve Brazilian officers completed a command course at the National Defense "
       "University in Beijing in November 2022.", "completed a command course")]),
]
COUNTRY_WORDS = {"Chinese": "CHN", "China": "CHN", "Peruvian": "PER", "Peru": "PER",
                 "Brazilian": "BRA"}
REVIEWS = [  # the third one's event is gone from the corpus: its review must still survive
    ("a1b2c3d4e5f60001", "accepted", None, "ana", "2024-01-10T09:00:00+00:00", None),
    ("a1b2c3d4e5f60003", "corrected", {"date": "2022-11-18", "date_precision": "day"}, "luis",
     "2024-01-11T10:30:00+00:00", "date from the ministry's own notice"),
    ("ffffeeeeddddcccc", "rejected", None, "ana", "2024-01-12T08:15:00+00:00",
     "a general claim, not an event"),
]


def build(out: Path) -> None:
    out.unlink(missing_ok=True)
    conn = sqlite3.connect(str(out), isolation_level=None)
    db = sqlite_utils.Database(conn)
    conn.execute("BEGIN")
    MIGRATIONS[0](db)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO sources VALUES ('samples', 'directory', '/samples', NULL)")
    conn.execute("INSERT INTO runs (id, started, finished, status, command, code_version, "
                 "nlp_version, counts, errors) VALUES (1, '2024-01-09T08:00:00+00:00', "
                 "'2024-01-09T08:01:00+00:00', 'finished', 'refresh sources/samples.yaml', "
                 "'0.1.0', 'fixture', '{\"ok\": 3}', '[]')")
    conn.execute("INSERT INTO runs (id, started, status, command, code_version, nlp_version) "
                 "VALUES (2, '2024-01-12T08:00:00+00:00', 'running', 'refresh', '0.1.0', "
                 "'fixture')")  # killed outright under schema 1: no pid to tell
    for url, title, published, text, events in DOCUMENTS:
        doc_id = hashlib.sha256(text.encode()).hexdigest()
        mentions = [(w, c, i) for w, c in COUNTRY_WORDS.items()
                    for i in _find_all(text, w)]
        countries = sorted({c for _, c, _ in mentions})
        conn.execute(
            "INSERT INTO fetches (run_id, source, url, final_url, status, fetched_at, sha256, "
            "content_type, bytes, elapsed, from_cache, not_modified) VALUES "
            "(1, 'samples', ?, ?, 200, '2024-01-09T08:00:30+00:00', ?, 'text/plain', ?, 0.01, "
            "0, 0)", (url, url, doc_id, len(text.encode())))
        conn.execute(
            "INSERT INTO documents (id, url, source, title, published, language, content_type, "
            "text, page_offsets, countries, extractor, extractor_version, nlp_version, "
            "pipeline_version, run_id, status, warnings, stored_at) VALUES (?, ?, 'samples', "
            "?, ?, 'en', 'text/plain', ?, '[]', ?, 'text', '1', 'fixture', '0.1.0', 1, 'ok', "
            "'[]', '2024-01-09T08:00:31+00:00')",
            (doc_id, url, title, published, text, json.dumps(countries)))
        conn.executemany(
            'INSERT INTO mentions (document_id, label, text, canonical_id, country, start, "end", '
            "rule) VALUES (?, 'COUNTRY', ?, ?, ?, ?, ?, 'gazetteer.country')",
            [(doc_id, w, c, c, i, i + len(w)) for w, c, i in sorted(mentions, key=lambda m: m[2])])
        for key, kind, date, parties, sentence, trigger in events:
            precision = {10: "day", 7: "month", 4: "year"}[len(date)]
            conn.execute(
                "INSERT INTO events (key, type, date, date_precision, date_source, countries, "
                "location, persons, institutions, confidence, first_seen_run, last_seen_run) "
                "VALUES (?, ?, ?, ?, 'stated', ?, NULL, '[]', '[]', 0.9, 1, 1)",
                (key, kind, date, precision, json.dumps(parties)))
            start, t = text.index(sentence), text.index(trigger)
            conn.execute(
                'INSERT INTO evidence (event_key, document_id, sentence, start, "end", page, '
                "rule, trigger, trigger_start, trigger_end) VALUES (?, ?, ?, ?, ?, NULL, ?, ?, "
                "?, ?)", (key, doc_id, sentence, start, start + len(sentence),
                          f"{kind}.fixture.en", trigger, t, t + len(trigger)))
    conn.executemany(
        "INSERT INTO reviews (event_key, status, corrected, reviewer, reviewed_at, note) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [(k, s, json.dumps(c) if c else None, r, at, n) for k, s, c, r, at, n in REVIEWS])
    conn.execute("COMMIT")
    conn.execute("VACUUM")
    conn.close()


def _find_all(text: str, word: str) -> list[int]:
    found, i = [], text.find(word)
    while i >= 0:
        end = i + len(word)
        if end == len(text) or not text[end].isalpha():
            found.append(i)
        i = text.find(word, i + 1)
    return found


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    build(target)
    print(f"wrote {target} ({target.stat().st_size} bytes)")
