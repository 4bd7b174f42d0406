"""Datasette plugin for the review setup (loaded by ``python -m pipeline review``).

- the event page: the events row page gets ``milex_event`` (see pipeline.review.event_page),
  which ``templates/row.html`` renders with ``templates/_event.html``;
- ``/-/review/next[?after=KEY]``: redirect to the next unreviewed event of the queue;
- ``/-/review/back``: after a refused decision, back to the event page it was taken on;
- the review queue's keys link to event pages, its trigger words are marked, and its
  reports read "n reports in m languages" with a link to each;
- the magic parameters of the accept / reject / correct queries, which check a decision
  before it is written (a refusal's message is shown on the page, nothing is written):
  ``:_milex_key`` (an event has the posted key), ``:_milex_note`` (trimmed, not too long),
  ``:_milex_corrected`` (the posted corrections, valid, as JSON; ``pipeline.corrections``).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from urllib.parse import urlparse

from datasette import hookimpl
from datasette.utils import tilde_encode
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

from pipeline import access, review


async def _review_db(datasette):
    for name, db in datasette.databases.items():
        if name != "_internal" and "review_queue" in await db.view_names():
            return name, db
    return None, None


def _event_url(datasette, database: str, key: str) -> str:
    return datasette.urls.table(database, "events") + "/" + tilde_encode(key)


async def next_event(request, datasette):
    name, db = await _review_db(datasette)
    if db is None:
        return Response.redirect(datasette.urls.instance())
    queue = await review.review_order(db)
    after = request.args.get("after") or _event_key_of(request.headers.get("referer", ""))
    key = review.next_in(queue, await review.occurrence_of(db, after) or after)
    if key is None:
        datasette.add_message(request, "Every event in the queue has been reviewed.")
        return Response.redirect(datasette.urls.table(name, "review_queue"))
    return Response.redirect(_event_url(datasette, name, key))


def _event_key_of(url: str) -> str | None:
    """The event key of an event page URL (the page a decision was taken on), if it is one."""
    from datasette.utils import tilde_decode

    path = urlparse(url).path
    head, sep, key = path.rpartition("/events/")
    return tilde_decode(key) if sep and key and "/" not in key else None


async def back(request, datasette):
    """The event page a refused decision came from (its referer), or the queue."""
    name, db = await _review_db(datasette)
    if db is None:
        return Response.redirect(datasette.urls.instance())
    key = _event_key_of(request.headers.get("referer", ""))
    if key and (await db.execute("SELECT 1 FROM events WHERE key = ?", [key])).rows:
        return Response.redirect(_event_url(datasette, name, key))
    return Response.redirect(datasette.urls.table(name, "review_queue"))


@hookimpl
def register_routes():
    return [(r"^/-/review/next$", next_event), (r"^/-/review/back$", back)]


@hookimpl
def register_magic_parameters(datasette):
    def milex(name, request):
        form = review.posted(request.scope.get(access.BODY_KEY, b""))
        if name == "key":
            return review.decision_key(form.get("key"), lambda key: _has_event(
                datasette, request, key))
        if name == "note":
            return review.decision_note(form.get("note"))
        if name == "corrected":
            return review.decision_correction(form)
        raise KeyError(name)

    return [("milex", milex)]


def _has_event(datasette, request, key: str) -> bool:
    """Does an event have this key now? (Read on its own connection: this runs while the
    write connection binds the decision's parameters.)"""
    from datasette.utils import tilde_decode

    path = datasette.get_database(route=tilde_decode(request.url_vars["database"])).path
    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, timeout=10)
    try:
        return conn.execute("SELECT 1 FROM events WHERE key = ?", (key,)).fetchone() is not None
    finally:
        conn.close()


@hookimpl
def extra_template_vars(template, database, table, request, datasette):
    if table != "events" or not template.startswith("row") or request is None:
        return {}

    async def inner():
        pks = request.url_vars.get("pks")
        if not pks:
            return {}
        from datasette.utils import tilde_decode

        page = await review.event_page(datasette.get_database(database), tilde_decode(pks))
        if page is None:
            return {}
        if page["next_key"]:
            page["next_url"] = _event_url(datasette, database, page["next_key"])
        page["queue_url"] = datasette.urls.table(database, "review_queue")
        page["query_url"] = {q: datasette.urls.database(database) + "/" + q
                             for q in ("accept", "reject", "correct")}
        return {"milex_event": page}

    return inner


@hookimpl
def render_cell(value, column, table, database, datasette):
    if table not in ("review_queue", "orphaned_reviews", "reviewed_events", "latest_reviews"):
        return None
    if column in ("key", "event_key") and isinstance(value, str) and table != "orphaned_reviews":
        label = value if len(value) <= 12 else value[:12] + "…"
        return Markup('<a href="{}">{}</a>').format(_event_url(datasette, database, value), label)
    if column == "evidence" and isinstance(value, str):
        head, trigger, tail = review.marked(value)
        return Markup("{}<mark>{}</mark>{}").format(head, trigger, tail) if trigger else escape(
            value)
    if column == "countries" and table == "review_queue" and isinstance(value, str):
        try:
            return " ".join(str(c) for c in json.loads(value))
        except ValueError:
            return None
    if column == "reports" and table == "review_queue" and isinstance(value, str):
        return _reports_cell(value, datasette.urls.table(database, "documents"))
    return None


def _reports_cell(value: str, documents_url: str):
    """ "2 reports in 2 languages: en pt", each language linking to its report (the page
    itself, or the stored text when the page is a local file)."""
    try:
        reports = [r for r in json.loads(value) if isinstance(r, dict)]
    except ValueError:
        return None
    links = []
    for i, r in enumerate(reports, 1):
        url = str(r.get("url") or "")
        if not url.startswith(("http://", "https://")):
            url = documents_url + "/" + tilde_encode(str(r.get("id") or ""))
        title = " · ".join(str(x) for x in (r.get("title"), r.get("published")) if x)
        links.append(Markup('<a href="{}" title="{}">{}</a>').format(
            url, title, r.get("language") or str(i)))
    return Markup('<span class="reports">{}: {}</span>').format(
        review.reports_label(reports), Markup(" ").join(links))
