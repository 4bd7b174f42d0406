"""A local HTTP server that answers at once or drips its body one byte at a time.

For the tests of deadlines and of stopping a run in the middle of a fetch: a real server on
a real socket, so the client's own timeouts, reads and signals are what is exercised.
"""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class DripServer:
    """``pages`` maps a path to (content type, body, drip); a dripped body is sent one byte
    every ``interval`` seconds. Anything else (robots.txt included) is a 404."""

    def __init__(self, pages: dict[str, tuple[str, bytes, bool]], interval: float = 0.1):
        self.pages, self.interval = pages, interval
        self.requested: list[str] = []
        self.dripping = threading.Event()  # a dripped body has started
        self.gone = threading.Event()  # a client hung up in the middle of a dripped body
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                outer.requested.append(self.path)
                if self.path not in outer.pages:
                    self.send_error(404)
                    return
                content_type, body, drip = outer.pages[self.path]
                try:
                    self.send_response(200)
                    self.send_header("Content-Type", content_type)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    if not drip:
                        self.wfile.write(body)
                        return
                    outer.dripping.set()
                    for i in range(len(body)):
                        self.wfile.write(body[i:i + 1])
                        self.wfile.flush()
                        time.sleep(outer.interval)
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
