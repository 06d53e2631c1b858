"""A real HTTP server on 127.0.0.1 for tests: programmable routes, one thread per request.

Use the ``http_server`` fixture (``from httpserver import http_server_fixture  # noqa: F401``
in a test module, or list this module in ``pytest_plugins``) and register routes with the
helpers below::

    def test_feed(http_server):
        http_server.route("/feed.xml", conditional(RSS, etag='"v1"', content_type=RSS_TYPE))
        url = http_server.url("/feed.xml")

Routes are plain callables ``(handler) -> None`` that write the whole exchange, so a test
can also misbehave in ways no helper covers. Every request is recorded in
``http_server.requests`` (method, path, headers) for assertions on what the client sent.
"""

from __future__ import annotations

import email.utils
import gzip as gzip_module
import socket
import struct
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

RSS_TYPE = "application/rss+xml; charset=utf-8"
ATOM_TYPE = "application/atom+xml; charset=utf-8"
HTML_TYPE = "text/html; charset=utf-8"

# Slow routes wait on the server's stop event in steps this long, so teardown never waits
# for a stalled handler to finish its sleep.
STOP_POLL_SECONDS = 0.02

Route = Callable[["Handler"], None]


@dataclass(frozen=True, slots=True)
class Request:
    """One request as the server saw it."""

    method: str
    path: str
    headers: Mapping[str, str]


class Handler(BaseHTTPRequestHandler):
    """Dispatches each request to the route registered for its path (404 otherwise)."""

    server: TestServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        """Record the request and run its route."""
        path = self.path.split("?", 1)[0]
        headers = {name.lower(): value for name, value in self.headers.items()}
        self.server.requests.append(Request("GET", self.path, headers))
        route = self.server.routes.get(path) or self.server.routes.get(self.path) or not_found
        route(self)

    def send_body(self, status: int, body: bytes, headers: Mapping[str, str] | None = None) -> None:
        """Send a complete response with Content-Length."""
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def finish(self) -> None:
        """Ignore errors from sockets a route closed or reset on purpose."""
        try:
            super().finish()
        except (OSError, ValueError):
            pass

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (signature of the base)
        """Stay quiet: tests assert on ``requests`` instead of reading logs."""


class TestServer(ThreadingHTTPServer):
    """ThreadingHTTPServer on an ephemeral loopback port, serving in a daemon thread."""

    __test__ = False  # not a test class, despite the name
    daemon_threads = True
    block_on_close = False

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self.stopping = threading.Event()
        self._thread = threading.Thread(target=self.serve_forever, daemon=True,
                                        kwargs={"poll_interval": STOP_POLL_SECONDS})

    @property
    def port(self) -> int:
        """The ephemeral port the server listens on."""
        return int(self.server_address[1])

    def url(self, path: str = "/") -> str:
        """The absolute http://127.0.0.1:port URL of ``path``."""
        return f"http://127.0.0.1:{self.port}{path}"

    def route(self, path: str, handler: Route) -> str:
        """Serve ``path`` (optionally with its ?query) with ``handler``; returns its URL."""
        self.routes[path] = handler
        return self.url(path)

    def hits(self, path: str) -> list[Request]:
        """The requests received for ``path`` (query ignored)."""
        return [r for r in self.requests if r.path.split("?", 1)[0] == path]

    def start(self) -> TestServer:
        """Start serving in the background."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, wake slow routes, close the socket."""
        self.stopping.set()
        self.shutdown()
        self.server_close()
        self._thread.join(timeout=5)

    def handle_error(self, request: object, client_address: object) -> None:
        """Routes that reset or stall produce socket errors on purpose: do not print them."""


@pytest.fixture(name="http_server")
def http_server_fixture() -> Iterator[TestServer]:
    """A started TestServer, stopped after the test."""
    server = TestServer().start()
    try:
        yield server
    finally:
        server.stop()


# --- route helpers ---------------------------------------------------------------------------


def not_found(handler: Handler) -> None:
    """A plain 404."""
    handler.send_body(404, b"not found", {"Content-Type": "text/plain"})


def respond(body: bytes | str, status: int = 200, content_type: str = "text/plain; charset=utf-8",
            headers: Mapping[str, str] | None = None, gzip: bool = False) -> Route:
    """A fixed response; ``gzip`` compresses the body and sets Content-Encoding."""
    data = body.encode("utf-8") if isinstance(body, str) else body
    extra = {"Content-Type": content_type, **(headers or {})}
    if gzip:
        data = gzip_module.compress(data)
        extra["Content-Encoding"] = "gzip"

    def route(handler: Handler) -> None:
        handler.send_body(status, data, extra)
    return route


def conditional(body: bytes | str, content_type: str, etag: str | None = None,
                last_modified: str | None = None) -> Route:
    """A resource with validators that answers 304 when the client sends matching ones."""
    validators = {k: v for k, v in (("ETag", etag), ("Last-Modified", last_modified)) if v}
    full = respond(body, content_type=content_type, headers=validators)

    def route(handler: Handler) -> None:
        match_etag = etag is not None and handler.headers.get("If-None-Match") == etag
        match_date = (etag is None and last_modified is not None
                      and _not_after(handler.headers.get("If-Modified-Since"), last_modified))
        if match_etag or match_date:
            handler.send_response(304)
            for name, value in validators.items():
                handler.send_header(name, value)
            handler.end_headers()
            return
        full(handler)
    return route


def _not_after(since: str | None, modified: str) -> bool:
    if not since:
        return False
    try:
        return email.utils.parsedate_to_datetime(modified) <= email.utils.parsedate_to_datetime(since)
    except (TypeError, ValueError):
        return False


def http_date(epoch_seconds: float) -> str:
    """An RFC 7231 date for headers such as Last-Modified and Retry-After."""
    return email.utils.formatdate(epoch_seconds, usegmt=True)


def redirect(location: str, status: int = 302) -> Route:
    """A redirect to ``location`` (absolute or relative)."""
    return respond(b"", status=status, headers={"Location": location})


def sequence(routes: Sequence[Route]) -> Route:
    """Serve the given routes in turn, repeating the last one."""
    lock = threading.Lock()
    served = [0]

    def route(handler: Handler) -> None:
        with lock:
            index = min(served[0], len(routes) - 1)
            served[0] += 1
        routes[index](handler)
    return route


def drip(chunk: bytes = b"<", interval: float = 0.1, count: int = 10_000,
         content_type: str = "text/html") -> Route:
    """Headers at once, then ``chunk`` every ``interval`` seconds: never idle long, never done."""

    def route(handler: Handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(chunk) * count))
        handler.end_headers()
        for _ in range(count):
            if handler.server.stopping.wait(interval):
                return
            try:
                handler.wfile.write(chunk)
                handler.wfile.flush()
            except OSError:
                return
    return route


def stall(seconds: float, after_headers: bool = False) -> Route:
    """Say nothing for ``seconds`` (before or after the headers), then send a short body."""

    def route(handler: Handler) -> None:
        if after_headers:
            handler.send_response(200)
            handler.send_header("Content-Type", "text/plain")
            handler.send_header("Content-Length", "2")
            handler.end_headers()
            handler.wfile.flush()
        if _wait(handler, seconds):
            return
        if after_headers:
            handler.wfile.write(b"ok")
        else:
            handler.send_body(200, b"ok", {"Content-Type": "text/plain"})
    return route


def _wait(handler: Handler, seconds: float) -> bool:
    """Sleep ``seconds`` unless the server stops first (then True)."""
    return handler.server.stopping.wait(seconds)


def reset(after_headers: bool = False) -> Route:
    """Abort the TCP connection with a RST, before any response or after the headers."""

    def route(handler: Handler) -> None:
        if after_headers:
            handler.send_response(200)
            handler.send_header("Content-Type", "text/plain")
            handler.send_header("Content-Length", "100000")
            handler.end_headers()
            handler.wfile.write(b"partial")
            handler.wfile.flush()
        sock = handler.connection
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.close()
        handler.close_connection = True
    return route


def status(code: int, headers: Mapping[str, str] | None = None, body: bytes = b"error") -> Route:
    """An error (or any) status with a short body."""
    return respond(body, status=code, headers=headers)
