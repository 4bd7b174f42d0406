"""Report: one self-contained HTML page (inline SVG, no scripts) for an analyst's briefing.

``write(db, path, since, until)`` shows the headline numbers per power ("China: 119
exchanges with 19 countries, 2022–2025"), a power × LAC-country table, events per year by
power and type (``pipeline.briefing``), then events per month by type, events per country
and the latest accepted events with links to their sources. Every figure counts
occurrences (reports of one event from several documents count once), accepted or not yet
rejected, with reviewers' corrections applied: it reads ``export.events``.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from html import escape
from pathlib import Path
from typing import Any

import sqlite_utils

from pipeline import export
from pipeline.briefing import Briefing, briefing, name
from pipeline.corrections import date_precision

ACCEPTED_SHOWN = 30
POWERS_SHOWN = 6  # columns of the power × country table; the rest are summed in "others"
COLORS = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
          "#ff9da7", "#9c755f", "#bab0ac")
STYLE = """
body { font: 14px/1.45 system-ui, sans-serif; margin: 1.5em auto; max-width: 62em; color: #222; }
h1 { font-size: 1.5em; margin-bottom: 0.2em; } h2 { font-size: 1.15em; margin-top: 1.6em; }
h3 { font-size: 1em; margin: 1.2em 0 0.3em; }
.meta { color: #666; } table { border-collapse: collapse; width: 100%; font-size: 0.92em; }
th, td { text-align: left; padding: 0.3em 0.5em; border-bottom: 1px solid #ddd;
  vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; } td.zero { color: #bbb; }
tr.total td { font-weight: bold; border-top: 2px solid #999; }
table.counts { width: auto; min-width: 50%; }
ul.headlines { font-size: 1.15em; padding-left: 1.2em; } ul.headlines li { margin: 0.2em 0; }
svg text { font: 11px system-ui, sans-serif; fill: #333; } .legend span { margin-right: 1em; }
.legend i { display: inline-block; width: 0.8em; height: 0.8em; margin-right: 0.3em; }
"""


def write(db: sqlite_utils.Database, path: str | Path, since: int | None = None,
          until: int | None = None) -> dict[str, int]:
    """Write the report (the years ``since``–``until``, or all); returns the figures it
    shows (events, accepted, rejected, unreviewed: of all events, whatever the period)."""
    events = list(export.events(db))
    statuses = Counter("accepted" if e["review_status"] == "corrected" else e["review_status"]
                       for e in events)
    brief = briefing(events, since, until)
    kept = brief.events
    accepted = sorted((e for e in kept if e["review_status"] in ("accepted", "corrected")),
                      key=lambda e: (e["date"] or "", e["event_id"]), reverse=True)
    types = sorted({e["type"] for e in kept})
    color = {t: COLORS[i % len(COLORS)] for i, t in enumerate(types)}
    scope = (f"Period {brief.period}: events dated in it." if brief.chosen else
             f"All {len(kept)} events ({brief.period}).")
    body = [
        "<h1>Military diplomacy in Latin America and the Caribbean</h1>",
        f'<p class="meta">{len(events)} events extracted: {statuses["accepted"]} accepted, '
        f'{statuses["rejected"]} rejected, {statuses["unreviewed"]} not yet reviewed. {scope} '
        "Every figure counts occurrences (one event however many documents report it), "
        "accepted or not yet rejected, with reviewers' corrections applied. Generated "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC.</p>",
        "<h2>Headline numbers</h2>", _headlines(brief),
        "<h2>Exchanges by power and country</h2>", _power_table(brief),
        "<h2>Events per year, by power and type</h2>", _per_year(brief),
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


def _headlines(brief: Briefing) -> str:
    if not brief.powers:
        return "<p>No exchanges between an outside power and a LAC state.</p>"
    return '<ul class="headlines">' + "".join(
        f"<li>{escape(line)}</li>" for line in brief.headlines()) + "</ul>"


def _n(value: int) -> str:
    return f'<td class="n{" zero" if not value else ""}">{value}</td>'


def _power_table(brief: Briefing) -> str:
    table = brief.power_by_country()
    if not table:
        return "<p>No exchanges.</p>"
    shown, others = brief.powers[:POWERS_SHOWN], brief.powers[POWERS_SHOWN:]
    head = "".join(f'<th class="n">{escape(name(p))}</th>' for p in shown)
    head += '<th class="n">others</th>' if others else ""
    rows = [f'<table class="counts"><tr><th>LAC state</th>{head}</tr>']
    for state, counts in table.items():
        cells = "".join(_n(counts[p]) for p in shown)
        cells += _n(sum(counts[p] for p in others)) if others else ""
        rows.append(f"<tr><td>{escape(name(state))} ({escape(state)})</td>{cells}</tr>")
    totals = "".join(_n(len(brief.exchanges(p))) for p in shown)
    if others:  # events with any of the other powers, each once
        totals += _n(len({e["event_id"] for p in others for e in brief.exchanges(p)}))
    rows.append(f'<tr class="total"><td>events</td>{totals}</tr></table>')
    rows.append('<p class="meta">A cell counts the events with both parties; an event with '
                "several LAC states counts once in each of their rows, once in the total.</p>")
    return "\n".join(rows)


def _per_year(brief: Briefing) -> str:
    if not brief.powers:
        return "<p>No events.</p>"
    parts = []
    for power in brief.powers[:POWERS_SHOWN]:
        table = brief.per_year(power)
        types = sorted({t for counts in table.values() for t in counts})
        rows = [f'<h3>{escape(name(power))}</h3><table class="counts"><tr><th>year</th>'
                + "".join(f'<th class="n">{escape(t)}</th>' for t in types)
                + '<th class="n">all</th></tr>']
        for year, counts in table.items():
            rows.append(f"<tr><td>{escape(year)}</td>" + "".join(_n(counts[t]) for t in types)
                        + _n(sum(counts.values())) + "</tr>")
        rows.append("</table>")
        parts.append("".join(rows))
    return "\n".join(parts)


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
