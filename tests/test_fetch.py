"""The safe HTTP client, against a real server on 127.0.0.1."""

from __future__ import annotations

import gzip
import ipaddress
import socket
import time
from datetime import UTC, datetime

import pytest
from httpserver import (
    HTML_TYPE,
    TestServer,
    conditional,
    drip,
    http_date,
    http_server_fixture,  # noqa: F401 (the http_server fixture)
    redirect,
    reset,
    respond,
    sequence,
    stall,
    status,
)

from briefing.config import FetchConfig
from briefing.errors import FetchError
from briefing.fetch import TOTAL_TIMEOUT_FACTOR, fetch, refusal, retry_after_seconds

pytestmark = pytest.mark.timeout(15)

TIMEOUT = 0.4
LOCAL = FetchConfig(allow_private=True, timeout=TIMEOUT, user_agent="briefing-test/1.0 (+tests)")
LOOPBACK = (ipaddress.ip_network("127.0.0.1/32"),)


def test_get_returns_final_url_body_and_kept_headers(http_server: TestServer) -> None:
    url = http_server.route("/page", respond("<p>hello</p>", content_type=HTML_TYPE,
                                             headers={"X-Secret": "no", "ETag": '"a"'}))
    response = fetch(url, LOCAL)
    assert (response.url, response.status, response.content) == (url, 200, b"<p>hello</p>")
    assert response.headers["content-type"] == HTML_TYPE
    assert "x-secret" not in response.headers
    assert response.etag == '"a"' and not response.not_modified


def test_sends_the_configured_user_agent(http_server: TestServer) -> None:
    fetch(http_server.route("/ua", respond("ok")), LOCAL)
    assert http_server.hits("/ua")[0].headers["user-agent"] == "briefing-test/1.0 (+tests)"


def test_gzip_is_decompressed(http_server: TestServer) -> None:
    url = http_server.route("/gz", respond("compressed text " * 100, gzip=True))
    assert fetch(url, LOCAL).content == b"compressed text " * 100
    assert "gzip" in http_server.hits("/gz")[0].headers["accept-encoding"]


def test_etag_gives_304_not_modified(http_server: TestServer) -> None:
    url = http_server.route("/feed", conditional("<rss/>", "application/rss+xml", etag='"v1"'))
    first = fetch(url, LOCAL)
    second = fetch(url, LOCAL, etag=first.etag)
    assert first.status == 200 and first.etag == '"v1"'
    assert second.not_modified and second.status == 304 and second.content == b""
    assert http_server.hits("/feed")[1].headers["if-none-match"] == '"v1"'


def test_last_modified_gives_304_not_modified(http_server: TestServer) -> None:
    stamp = http_date(1_700_000_000)
    url = http_server.route("/feed", conditional("<rss/>", "application/rss+xml", last_modified=stamp))
    first = fetch(url, LOCAL)
    second = fetch(url, LOCAL, last_modified=first.last_modified)
    assert first.last_modified == stamp and not first.not_modified
    assert second.not_modified
    assert http_server.hits("/feed")[1].headers["if-modified-since"] == stamp


@pytest.mark.parametrize(("code", "hint"), [(500, "temporary"), (404, "gone"), (403, "refuses access")])
def test_error_status_names_url_status_and_hint(http_server: TestServer, code: int, hint: str) -> None:
    url = http_server.route("/broken", status(code))
    with pytest.raises(FetchError) as caught:
        fetch(url, LOCAL)
    assert url in str(caught.value) and f"HTTP {code}" in str(caught.value)
    assert hint in caught.value.hint


def test_slow_drip_ends_at_the_total_deadline(http_server: TestServer) -> None:
    url = http_server.route("/drip", drip(interval=TIMEOUT / 4))  # each byte well within the read timeout
    started = time.monotonic()
    with pytest.raises(FetchError, match="took longer than"):
        fetch(url, LOCAL)
    elapsed = time.monotonic() - started
    assert TIMEOUT * TOTAL_TIMEOUT_FACTOR <= elapsed < TIMEOUT * TOTAL_TIMEOUT_FACTOR + 1


@pytest.mark.parametrize("after_headers", [False, True])
def test_read_timeout(http_server: TestServer, after_headers: bool) -> None:
    url = http_server.route("/stall", stall(5, after_headers=after_headers))
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out"):
        fetch(url, LOCAL)
    assert time.monotonic() - started < TIMEOUT + 1


def test_redirects_are_followed_and_final_url_reported(http_server: TestServer) -> None:
    final = http_server.route("/new/feed.xml", respond("moved here"))
    http_server.route("/old", redirect("/middle", 301))
    http_server.route("/middle", redirect(final, 308))
    response = fetch(http_server.url("/old"), LOCAL)
    assert (response.url, response.content) == (final, b"moved here")


def test_redirect_loop_is_an_error(http_server: TestServer) -> None:
    http_server.route("/a", redirect("/b"))
    http_server.route("/b", redirect("/a"))
    with pytest.raises(FetchError, match="redirect loop"):
        fetch(http_server.url("/a"), LOCAL)


def test_too_many_redirects(http_server: TestServer) -> None:
    for hop in range(4):
        http_server.route(f"/r{hop}", redirect(f"/r{hop + 1}"))
    http_server.route("/r4", respond("end"))
    with pytest.raises(FetchError, match="more than 2 redirects"):
        fetch(http_server.url("/r0"), LOCAL.model_copy(update={"max_redirects": 2}))
    assert fetch(http_server.url("/r0"), LOCAL.model_copy(update={"max_redirects": 4})).content == b"end"


@pytest.mark.parametrize("target", ["http://10.0.0.1/feed", "http://169.254.169.254/latest/meta-data/",
                                    "http://[::1]/", "http://0.0.0.0/",
                                    "http://192.168.1.1/", "http://[::ffff:10.0.0.1]/"])
def test_redirect_to_a_private_address_is_refused(http_server: TestServer, target: str) -> None:
    url = http_server.route("/out", redirect(target))
    options = FetchConfig(timeout=TIMEOUT)  # default: private addresses refused
    with pytest.raises(FetchError, match="refused to connect") as caught:
        fetch(url, options, trusted=LOOPBACK)  # only the test server itself is trusted
    assert "redirected to" in str(caught.value)


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://example.com/feed", "javascript:alert(1)"])
def test_redirect_to_another_scheme_is_refused(http_server: TestServer, target: str) -> None:
    url = http_server.route("/out", redirect(target))
    with pytest.raises(FetchError, match="redirect refused"):
        fetch(url, LOCAL)


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "10.1.2.3", "169.254.169.254", "192.168.0.10",
                                  "172.16.5.4", "[::1]", "0.0.0.0", "224.0.0.1", "[fe80::1]", "100.64.0.1"])
def test_default_refuses_private_loopback_and_link_local(http_server: TestServer, host: str) -> None:
    port = http_server.port
    with pytest.raises(FetchError, match="refused to connect") as caught:
        fetch(f"http://{host}:{port}/feed", FetchConfig(timeout=TIMEOUT))
    assert "allow_private" in caught.value.hint
    assert http_server.requests == []  # refused before any connection


def test_allow_private_reaches_loopback(http_server: TestServer) -> None:
    url = http_server.route("/ok", respond("ok"))
    assert fetch(url, FetchConfig(timeout=TIMEOUT, allow_private=True)).content == b"ok"


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/x", "javascript:alert(1)",
                                 "data:text/plain,hi", "example.com/feed", "http://"])
def test_only_http_and_https(url: str) -> None:
    with pytest.raises(FetchError):
        fetch(url, LOCAL)


def test_public_addresses_pass_the_check() -> None:
    for address in ("93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"):
        assert refusal(ipaddress.ip_address(address)) is None
    assert refusal(ipaddress.ip_address("100.64.0.1")) == "non-global"  # carrier-grade NAT
    assert refusal(ipaddress.ip_address("::ffff:127.0.0.1")) == "loopback"


@pytest.mark.parametrize("after_headers", [False, True])
def test_connection_reset(http_server: TestServer, after_headers: bool) -> None:
    url = http_server.route("/reset", reset(after_headers=after_headers))
    with pytest.raises(FetchError, match="reset or closed") as caught:
        fetch(url, LOCAL)
    assert url in str(caught.value)


def test_nothing_listening_is_a_connect_error() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(FetchError, match="cannot connect"):
        fetch(f"http://127.0.0.1:{port}/", LOCAL)


def test_short_retry_after_is_honoured_once(http_server: TestServer) -> None:
    url = http_server.route("/busy", sequence([status(503, {"Retry-After": "1"}), respond("finally")]))
    started = time.monotonic()
    assert fetch(url, LOCAL).content == b"finally"
    assert time.monotonic() - started >= 1
    assert len(http_server.hits("/busy")) == 2


def test_second_refusal_after_retry_is_an_error(http_server: TestServer) -> None:
    url = http_server.route("/busy", status(429, {"Retry-After": "0"}))
    with pytest.raises(FetchError, match="HTTP 429"):
        fetch(url, LOCAL)
    assert len(http_server.hits("/busy")) == 2


def test_long_retry_after_says_when_to_retry(http_server: TestServer) -> None:
    url = http_server.route("/later", status(429, {"Retry-After": "3600"}))
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"retry after \d{4}-\d\d-\d\d .*in 3600 s"):
        fetch(url, LOCAL)
    assert time.monotonic() - started < 1 and len(http_server.hits("/later")) == 1


def test_retry_after_as_http_date() -> None:
    now = datetime(2024, 1, 1, 12, 0, tzinfo=UTC)
    assert retry_after_seconds("Mon, 01 Jan 2024 12:02:00 GMT", now) == 120
    assert retry_after_seconds("Mon, 01 Jan 2024 11:00:00 GMT", now) == 0
    assert retry_after_seconds("soon", now) is None


def test_declared_size_over_the_cap(http_server: TestServer) -> None:
    url = http_server.route("/big", respond(b"x" * 5000))
    with pytest.raises(FetchError, match="max_bytes") as caught:
        fetch(url, LOCAL.model_copy(update={"max_bytes": 1000}))
    assert url in str(caught.value)


def test_streamed_size_over_the_cap(http_server: TestServer) -> None:
    """A gzip bomb: small on the wire, large once decompressed; stopped by the streamed count."""
    bomb = gzip.compress(b"\0" * 2_000_000)
    url = http_server.route("/bomb", respond(bomb, headers={"Content-Encoding": "gzip"}))
    with pytest.raises(FetchError, match="goes on past it"):
        fetch(url, LOCAL.model_copy(update={"max_bytes": 100_000}))
