"""A built site on 127.0.0.1, as a static host serves it: for the browser tests, the gates'
report and the leaflets' PDFs (`scripts/leaflet_pdf.py`).

Design note: one server for every use, so a leaflet is printed from the same kind of host
the tests check (no directory listings, the site's own 404 page, quiet on dropped
connections); it needs only the standard library, so `make leaflet` does not import the
test tools.
"""

from __future__ import annotations

import functools
import socket
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any


class _SiteRequestHandler(SimpleHTTPRequestHandler):
    """Serves a built site: no directory listings, ``404.html`` for missing paths, no logging."""

    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet: the test output is not the place for access logs."""

    def list_directory(self, path: str | Path) -> None:
        """Treat a directory without ``index.html`` as missing, like a real static host."""
        self.send_error(HTTPStatus.NOT_FOUND)
        return None

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Answer 404 with the site's own ``404.html`` (status stays 404)."""
        not_found_page = Path(self.directory) / "404.html"
        if code != HTTPStatus.NOT_FOUND or not not_found_page.is_file():
            super().send_error(code, message, explain)
            return
        body = not_found_page.read_bytes()
        self.send_response(code, message)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        if self.command != "HEAD":
            self.wfile.write(body)


class _QuietThreadingHTTPServer(ThreadingHTTPServer):
    """A threaded server that ignores clients hanging up early (normal for browsers)."""

    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Ignore dropped connections; report anything else as usual."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


@dataclass
class StaticServer:
    """A running static server; ``base_url`` ends with a slash."""

    httpd: ThreadingHTTPServer
    thread: threading.Thread
    base_url: str

    def stop(self) -> None:
        """Stop serving and close the socket."""
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now (to build a site for it before serving)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_static_server(directory: Path, port: int = 0) -> StaticServer:
    """Serve ``directory`` on 127.0.0.1 in a background thread; port 0 picks a free one."""
    if not directory.is_dir():
        raise FileNotFoundError(f"nothing to serve: {directory} is not a directory")
    handler = functools.partial(_SiteRequestHandler, directory=str(directory))
    httpd = _QuietThreadingHTTPServer(("127.0.0.1", port), handler)
    host, port = httpd.server_address[:2]
    # A short poll interval keeps shutdown (and so each throwaway server's teardown) fast.
    thread = threading.Thread(
        target=httpd.serve_forever,
        kwargs={"poll_interval": 0.05},
        name=f"static-server-{port}",
        daemon=True,
    )
    thread.start()
    return StaticServer(httpd=httpd, thread=thread, base_url=f"http://{host}:{port}/")


@contextmanager
def serve_directory(directory: Path) -> Iterator[str]:
    """Context manager: serve ``directory`` and yield its base URL."""
    server = start_static_server(directory)
    try:
        yield server.base_url
    finally:
        server.stop()
