"""Local HTTP servers on real sockets for the fetch tests: bodies sent at once, dripped one
byte at a time, or written piece by piece for as long as the client reads.

``LocalServer(route)`` calls ``route(path)`` for each GET; it returns None (a 404) or
(content type, pieces of the body, seconds between bytes or None). Bodies have no
Content-Length (they end when the server closes), the send buffer is small (unless
``send_buffer`` says otherwise), and ``sent[path]`` counts the bytes written, so a test
can tell how much of a body a client read before it hung up (``gone`` is set when one
does).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Reply = tuple[str, Iterable[bytes], float | None]


class LocalServer:
    def __init__(self, route: Callable[[str], Reply | None], send_buffer: int | None = 16384):
        self.requested: list[str] = []
        self.sent: dict[str, int] = {}
        self.dripping = threading.Event()  # a dripped body has started
        self.gone = threading.Event()  # a client hung up in the middle of a body
        lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                outer.requested.append(self.path)
                reply = route(self.path)
                if reply is None:
                    self.send_error(404)
                    return
                content_type, pieces, interval = reply
                if send_buffer:
                    self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, send_buffer)
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.end_headers()
                try:
                    for piece in pieces:
                        for part in (piece[i:i + 1] for i in range(len(piece))) \
                                if interval else (piece,):
                            self.wfile.write(part)
                            with lock:
                                outer.sent[self.path] = outer.sent.get(self.path, 0) + len(part)
                            if interval:
                                self.wfile.flush()
                                outer.dripping.set()
                                time.sleep(interval)
                except OSError:  # the client hung up
                    outer.gone.set()

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_port}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def drip_server(pages: dict[str, tuple[str, bytes, bool]], interval: float) -> LocalServer:
    """``pages``: path -> (content type, body, drip it?)."""

    def route(path: str) -> Reply | None:
        if path not in pages:
            return None
        content_type, body, drip = pages[path]
        return content_type, [body], interval if drip else None

    return LocalServer(route)
