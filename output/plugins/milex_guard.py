"""Datasette plugin: the limits of the review server (policy in ``pipeline/access.py``).

- every POST body is read here, at most ``MAX_POST_BYTES`` (413 past it), and kept in the
  request scope for the decision checks of ``milex_review.py``;
- logins are throttled per client address (429 with ``Retry-After``);
- every CSV the server sends has its formula-like cells neutralised (``pipeline.cells``);
- ``/-/metadata`` leaves out the plugin settings (they name the reviewer accounts), and
  ``/-/databases`` (the file's path) is for logged-in reviewers only;
- ``/-/password-tool`` is off: hashes are made with ``datasette hash-password``.
"""

from __future__ import annotations

import math

from datasette import hookimpl
from datasette.utils.asgi import Forbidden, NotFound, Response

from pipeline import access
from pipeline.cells import CsvRewriter


@hookimpl
def asgi_wrapper(datasette):
    throttle = access.LoginThrottle()

    def wrap(app):
        async def guarded(scope, receive, send):
            if scope["type"] != "http":
                return await app(scope, receive, send)
            path = scope.get("path", "")
            if scope.get("method") == "POST":
                body = await _body(scope, receive)
                if body is None:
                    return await _refuse(send, 413, "The request is too large (at most "
                                         f"{access.MAX_POST_BYTES // 1024} KB).")
                scope = {**scope, access.BODY_KEY: body}
                receive = _replay(body, receive)
                if path == "/-/login":
                    client = (scope.get("client") or ("unknown",))[0]
                    wait = throttle.wait(client)
                    if wait:
                        return await _refuse(
                            send, 429, "Too many failed logins from this address; try again "
                            f"in {math.ceil(wait / 60)} minute(s).", retry_after=math.ceil(wait))
                    send = _watch_login(throttle, client, send)
            elif path.endswith(".csv"):
                send = _neutralising(send)
            await app(scope, receive, send)

        return guarded

    return wrap


async def _body(scope, receive) -> bytes | None:
    """The whole request body, or None when it is over the limit."""
    headers = dict(scope.get("headers") or [])
    declared = headers.get(b"content-length", b"0")
    if declared.isdigit() and int(declared) > access.MAX_POST_BYTES:
        return None
    body = b""
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break  # the client went away
        body += message.get("body", b"")
        if len(body) > access.MAX_POST_BYTES:
            return None
        if not message.get("more_body"):
            break
    return body


def _replay(body: bytes, receive):
    done = False

    async def replay():
        nonlocal done
        if done:
            return await receive()
        done = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


async def _refuse(send, status: int, message: str, retry_after: int | None = None) -> None:
    headers = {"retry-after": str(retry_after)} if retry_after else {}
    await Response.text(message + "\n", status=status, headers=headers).asgi_send(send)


def _watch_login(throttle: access.LoginThrottle, client: str, send):
    """A redirect answers a good password; anything else counts as a failed login."""
    async def watched(message):
        if message["type"] == "http.response.start":
            if message["status"] in (301, 302, 303):
                throttle.succeeded(client)
            else:
                throttle.failed(client)
        await send(message)

    return watched


def _neutralising(send):
    """Rewrite a CSV response's cells as they stream (any other response passes)."""
    rewriter: CsvRewriter | None = None

    async def rewritten(message):
        nonlocal rewriter
        if message["type"] == "http.response.start":
            headers = message.get("headers") or []
            kind = dict((k.lower(), v) for k, v in headers).get(b"content-type", b"")
            if message["status"] == 200 and kind.startswith((b"text/csv", b"text/plain")):
                rewriter = CsvRewriter()
                message = {**message, "headers": [(k, v) for k, v in headers
                                                  if k.lower() != b"content-length"]}
        elif message["type"] == "http.response.body" and rewriter is not None:
            body = rewriter.feed(message.get("body", b""))
            if not message.get("more_body"):
                body += rewriter.close()
            message = {**message, "body": body}
        await send(message)

    return rewritten


async def metadata(request, datasette):
    return Response.json(access.public_metadata(datasette.metadata()))


async def databases(request, datasette):
    if not (request.actor and request.actor.get("id")):
        raise Forbidden("Log in to see the databases' files.")
    return Response.json(datasette._connected_databases())


async def password_tool(request, datasette):
    raise NotFound("Make a password hash with: datasette hash-password")


@hookimpl
def register_routes():
    return [(r"^/-/metadata(\.json)?$", metadata), (r"^/-/databases(\.json)?$", databases),
            (r"^/-/password-tool$", password_tool)]
