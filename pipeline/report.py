"""Report: one self-contained HTML page (inline SVG, no scripts) summarising the events.

``write(db, path)`` draws events per month by type, events per country, and a table of
the latest accepted events with links to their sources. Reviews apply (corrected fields
override, rejected events are left out): it reads ``export.events``.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from html import escape
from pathlib import Path
from typing import Any

import sqlite_utils

from pipeline import export
from pipeline.corrections import date_precision

ACCEPTED_SHOWN = 30
COLORS = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
          "#ff9da7", "#9c755f", "#bab0ac")
STYLE = """
body { font: 14px/1.45 system-ui, sans-serif; margin: 1.5em auto; max-width: 62em; color: #222; }
h1 { font-size: 1.5em; margin-bottom: 0.2em; } h2 { font-size: 1.15em; margin-top: 1.6em; }
.meta { color: #666; } table { border-collapse: collapse; width: 100%; font-size: 0.92em; }
th, td { text-align: left; padding: 0.3em 0.5em; border-bottom: 1px solid #ddd;
  vertical-align: top; }
svg text { font: 11px system-ui, sans-serif; fill: #333; } .legend span { margin-right: 1em; }
.legend i { display: inline-block; width: 0.8em; height: 0.8em; margin-right: 0.3em; }
"""


def write(db: sqlite_utils.Database, path: str | Path) -> dict[str, int]:
    """Write the report; returns the figures it shows (events, accepted, rejected, unreviewed)."""
    events = list(export.events(db))
    statuses = Counter("accepted" if e["review_status"] == "corrected" else e["review_status"]
                       for e in events)
    kept = [e for e in events if e["review_status"] != "rejected"]
    accepted = sorted((e for e in kept if e["review_status"] in ("accepted", "corrected")),
                      key=lambda e: (e["date"] or "", e["event_id"]), reverse=True)
    types = sorted({e["type"] for e in kept})
    color = {t: COLORS[i % len(COLORS)] for i, t in enumerate(types)}
    body = [
        "<h1>Military diplomacy in Latin America and the Caribbean</h1>",
        f'<p class="meta">{len(events)} events extracted: {statuses["accepted"]} accepted, '
        f'{statuses["rejected"]} rejected, {statuses["unreviewed"]} not yet reviewed. Charts '
        f"count every event not rejected, with reviewers' corrections applied. Generated "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC.</p>",
        "<h2>Events per month, by type</h2>", _months_chart(kept, color),
        '<p class="legend">' + "".join(f'<span><i style="background:{color[t]}"></i>'
                                       f"{escape(t)}</span>" for t in types) + "</p>",
        "<h2>Events per country</h2>", _country_chart(kept),
        f"<h2>Latest accepted events ({min(len(accepted), ACCEPTED_SHOWN)} of "
        f"{len(accepted)})</h2>", _accepted_table(accepted[:ACCEPTED_SHOWN]),
    ]
    html = ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            "<title>Military diplomacy events: report</title>"
            f"<style>{STYLE}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")
    return {"events": len(events), "accepted": statuses["accepted"],
            "rejected": statuses["rejected"], "unreviewed": statuses["unreviewed"]}


def _months(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    months = []
    while f"{year:04d}-{month:02d}" <= last:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _months_chart(events: list[dict[str, Any]], color: dict[str, str]) -> str:
    dated = [e for e in events if e["date"] and date_precision(e["date"]) in ("day", "month")]
    undated = len(events) - len(dated)
    note = (f'<p class="meta">{undated} event{"s" if undated != 1 else ""} dated to the year '
            "only or undated are not drawn.</p>") if undated else ""
    if not dated:
        return "<p>No dated events.</p>" + note
    counts = Counter((e["date"][:7], e["type"]) for e in dated)
    months = _months(min(m for m, _ in counts), max(m for m, _ in counts))
    per_month = Counter(e["date"][:7] for e in dated)
    top = max(per_month.values())
    width, height, left, bottom = 900, 220, 30, 40
    step = (width - left) / len(months)
    parts = [f'<svg viewBox="0 0 {width} {height + bottom}" width="100%" role="img" '
             f'aria-label="events per month by type">',
             f'<text x="0" y="12">{top}</text><text x="0" y="{height}">0</text>']
    for i, month in enumerate(months):
        x, y = left + i * step, float(height)
        for kind in color:
            n = counts.get((month, kind), 0)
            if n:
                h = n / top * (height - 10)
                y -= h
                parts.append(f'<rect x="{x + 1:.1f}" y="{y:.1f}" width="{max(step - 2, 1):.1f}" '
                             f'height="{h:.1f}" fill="{color[kind]}"><title>{month} '
                             f"{escape(kind)}: {n}</title></rect>")
        if len(months) <= 24 or month.endswith("-01"):
            parts.append(f'<text x="{x + step / 2:.1f}" y="{height + 14}" text-anchor="middle">'
                         f"{month if len(months) <= 24 else month[:4]}</text>")
    parts.append("</svg>")
    return "".join(parts) + note


def _country_chart(events: list[dict[str, Any]]) -> str:
    counts = Counter(c for e in events for c in e["countries"])
    if not counts:
        return "<p>No events.</p>"
    rows = counts.most_common()
    top, bar = rows[0][1], 22
    parts = [f'<svg viewBox="0 0 900 {len(rows) * bar + 4}" width="100%" role="img" '
             f'aria-label="events per country">']
    for i, (country, n) in enumerate(rows):
        y, w = i * bar + 2, n / top * 780
        parts.append(f'<text x="0" y="{y + 15}">{escape(country)}</text><rect x="45" y="{y}" '
                     f'width="{w:.1f}" height="{bar - 6}" fill="#4e79a7"></rect>'
                     f'<text x="{50 + w:.1f}" y="{y + 15}">{n}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _accepted_table(events: list[dict[str, Any]]) -> str:
    if not events:
        return "<p>No accepted events yet: review them with <code>make review</code>.</p>"
    rows = ["<table><tr><th>date</th><th>type</th><th>countries</th><th>location</th>"
            "<th>evidence</th><th>sources</th></tr>"]
    for e in events:
        sources, seen = [], set()
        for v in e["evidence"]:
            if v["document_url"] not in seen:
                seen.add(v["document_url"])
                page = f", p. {v['page']}" if v["page"] else ""
                sources.append(f'<a href="{escape(v["document_url"])}">'
                               f'{escape(v["document_title"] or v["document_url"])}</a>{page}')
        sentence = e["evidence"][0]["sentence"] if e["evidence"] else ""
        rows.append(f"<tr><td>{escape(e['date'] or '')}</td><td>{escape(e['type'])}</td>"
                    f"<td>{escape(', '.join(e['countries']))}</td>"
                    f"<td>{escape(e['location'] or '')}</td><td>{escape(sentence)}</td>"
                    f"<td>{'<br>'.join(sources)}</td></tr>")
    rows.append("</table>")
    return "\n".join(rows)
