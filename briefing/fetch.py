"""A careful HTTP client for untrusted feed and article URLs, over httpx.

Feeds link to pages we never chose, so every connection is checked: only http and
https, no private, loopback, link-local, multicast or reserved addresses (unless
``FetchConfig.allow_private``), a cap on the body size, a total deadline that a server
dripping bytes cannot stretch, and redirects followed one hop at a time.

The address check runs where the socket is opened (a network backend under httpx),
on the very addresses connected to: a hostname cannot resolve to a public address for
the check and to a private one for the connection, and every redirect hop and retry
passes through it.
"""

from __future__ import annotations

import email.utils
import functools
import ipaddress
import logging
import socket
import ssl
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from types import MappingProxyType
from typing import Any, Protocol

import httpcore
import httpx

from briefing.config import FetchConfig
from briefing.errors import FetchError

log = logging.getLogger(__name__)

SCHEMES = ("http", "https")
REDIRECTS = (301, 302, 303, 307, 308)
PERMANENT_REDIRECTS = (301, 308)  # the resource moved for good: the configured address is out of date
# A whole exchange (redirects included) may last this many read timeouts: room for a large
# page on a slow link, yet a server dripping one byte per second cannot hold a run for hours.
TOTAL_TIMEOUT_FACTOR = 3
# The longest Retry-After we sleep through before one retry. Longer waits would stall the
# whole run for one source; the next scheduled run is the better retry.
RETRY_AFTER_CAP = 5.0
RETRY_STATUSES = (429, 503)
# Response headers worth keeping: the parser needs the type, caching needs the validators.
KEPT_HEADERS = ("content-type", "content-language", "content-location", "etag", "last-modified")
ACCEPT = ("application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
          "application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5")

# The monotonic time by which every fetch of the current run must end (fetch.run_timeout);
# set per reading thread by briefing.ingest, None outside a run.
RUN_DEADLINE: ContextVar[float | None] = ContextVar("RUN_DEADLINE", default=None)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


class CacheInfo(Protocol):
    """The validators remembered from a feed's last successful fetch."""

    @property
    def etag(self) -> str | None: ...

    @property
    def last_modified(self) -> str | None: ...


class FeedCache(Protocol):
    """The part of the state database the feed reader uses (briefing.state.State)."""

    def feed_cache(self, url: str) -> CacheInfo | None:
        """The validators of the last fetch of ``url``, if any."""

    def record_fetch(self, url: str, *, status: str, etag: str | None = None,
                     last_modified: str | None = None, error: str | None = None) -> None:
        """Remember the outcome of one fetch of ``url``."""

    def stored_articles(self, url: str) -> list[dict[str, Any]] | None:
        """The articles the feed gave at its last full fetch (JSON records), or None."""

    def store_articles(self, url: str, records: list[dict[str, Any]]) -> None:
        """Remember the articles a full fetch of the feed gave."""

    def stored_at(self, url: str) -> datetime | None:
        """When the stored articles of ``url`` were fetched, or None."""


@dataclass(frozen=True, slots=True)
class Response:
    """A fetched resource: final URL, status, kept headers and the (decoded) body."""

    url: str
    status: int
    headers: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    content: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
    truncated: bool = False  # the compressed body ended before its end-of-stream marker
    moved: bool = False  # reached through permanent redirects only (301/308): the address changed for good


def fetch(url: str, options: FetchConfig, *, etag: str | None = None, last_modified: str | None = None,
          trusted: Sequence[IPNetwork] = ()) -> Response:
    """GET ``url`` safely; with validators, a 304 answer gives ``not_modified=True``.

    ``trusted`` networks are exempt from the private-address refusal (an intranet
    feed server, say) without opening every private address as ``allow_private`` does.
    """
    check_scheme(url)
    guard = Guard(options.allow_private, tuple(trusted), options.timeout * TOTAL_TIMEOUT_FACTOR)
    headers = _request_headers(options, etag, last_modified)
    with httpx.Client(transport=GuardedTransport(guard), timeout=options.timeout, headers=headers,
                      follow_redirects=False, trust_env=False) as client:
        try:
            return _attempt(client, url, options, guard)
        except RetryLater as later:
            if later.seconds > RETRY_AFTER_CAP:
                raise later.error from None
            log.info("%s: HTTP %s, retrying once in %.1f s", url, later.status, later.seconds)
            time.sleep(later.seconds)
            try:
                return _attempt(client, url, options, guard)
            except RetryLater as again:
                raise again.error from None


def check_scheme(url: str) -> None:
    """Refuse anything but an absolute http(s) URL with a host."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as exc:
        raise FetchError(f"{url}: not a valid URL ({exc})",
                         "give an absolute http:// or https:// URL") from None
    if parsed.scheme not in SCHEMES or not parsed.host:
        raise FetchError(f"{url}: refused: only http and https URLs are fetched",
                         "give an absolute http:// or https:// URL")


def _request_headers(options: FetchConfig, etag: str | None, last_modified: str | None) -> dict[str, str]:
    headers = {"User-Agent": options.user_agent, "Accept": ACCEPT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


class RetryLater(Exception):
    """A 429/503 with Retry-After: the wait in seconds and the error to raise instead of waiting."""

    def __init__(self, status: int, seconds: float, error: FetchError) -> None:
        super().__init__(str(error))
        self.status = status
        self.seconds = seconds
        self.error = error


def _attempt(client: httpx.Client, url: str, options: FetchConfig, guard: Guard) -> Response:
    """One request with its redirect chain, inside one total deadline."""
    guard.start()
    seen = {url}
    current = url
    permanent = True  # every hop so far was a permanent redirect
    for _ in range(options.max_redirects + 1):
        label = url if current == url else f"{url} (redirected to {current})"
        with _transport_errors(label, options, guard):
            with client.stream("GET", current) as response:
                location = _redirect_target(response, current)
                if location is None:
                    final = _finish(response, current, options, guard)
                    return replace(final, moved=permanent and current != url)
                permanent = permanent and response.status_code in PERMANENT_REDIRECTS
        if location in seen:
            raise FetchError(f"{url}: redirect loop at {location}", "the site's redirects go in a circle; "
                             "open the URL in a browser and use the final address")
        seen.add(location)
        log.debug("%s: redirected to %s", current, location)
        current = location
    raise FetchError(f"{url}: more than {options.max_redirects} redirects",
                     "use the final address of the feed, or raise fetch.max_redirects")


def _redirect_target(response: httpx.Response, current: str) -> str | None:
    """The absolute URL a redirect points to (scheme checked), or None if not a redirect."""
    if response.status_code not in REDIRECTS or "location" not in response.headers:
        return None
    location = response.headers["location"]
    try:
        target = str(httpx.URL(current).join(location).copy_with(fragment=None))
        check_scheme(target)
    except httpx.InvalidURL as exc:
        raise FetchError(f"{current}: redirect refused: unusable Location {location!r} ({exc})",
                         "the server redirects somewhere unusable; check the URL") from None
    except FetchError as exc:
        raise FetchError(f"{current}: redirect refused: {exc}", exc.hint) from None
    return target


def _finish(response: httpx.Response, url: str, options: FetchConfig, guard: Guard) -> Response:
    """Turn a final (non-redirect) response into a Response or a FetchError."""
    status = response.status_code
    etag = response.headers.get("etag")
    modified = response.headers.get("last-modified")
    if status == 304:
        return Response(url, status, _kept(response.headers), b"", etag, modified, not_modified=True)
    if status in RETRY_STATUSES and "retry-after" in response.headers:
        raise _retry_later(url, status, response.reason_phrase, response.headers["retry-after"])
    if status >= 400:
        raise FetchError(f"{url}: HTTP {status} {response.reason_phrase}".rstrip(), _status_hint(status))
    body = _read_body(response, url, options, guard)
    truncated = _ended_early(response)
    if truncated:
        log.info("%s: the %s body ends before its end marker: the response is truncated", url,
                 response.headers.get("content-encoding", "compressed"))  # the caller reports it
    return Response(url, status, _kept(response.headers), body, etag, modified, truncated=truncated)


def _ended_early(response: httpx.Response) -> bool:
    """Whether a gzip/deflate body stopped before its end of stream (zlib tells; httpx does not)."""
    decoder = getattr(response, "_decoder", None)  # httpx keeps the decoder it streamed through
    decompressor = getattr(decoder, "decompressor", None)
    return decompressor is not None and getattr(decompressor, "eof", True) is False


def _kept(headers: httpx.Headers) -> Mapping[str, str]:
    return MappingProxyType({name: headers[name] for name in KEPT_HEADERS if name in headers})


def _read_body(response: httpx.Response, url: str, options: FetchConfig, guard: Guard) -> bytes:
    """Stream the (decompressed) body, stopping as soon as it passes the size cap."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > options.max_bytes:
        raise _too_large(url, options, f"it declares {int(declared):,} bytes")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > options.max_bytes:
            raise _too_large(url, options, "the body goes on past it")
        chunks.append(chunk)
        guard.check_deadline()
    return b"".join(chunks)


def _too_large(url: str, options: FetchConfig, why: str) -> FetchError:
    return FetchError(f"{url}: response larger than fetch.max_bytes ({options.max_bytes:,} bytes): {why}",
                      "raise fetch.max_bytes if this source is genuinely that large")


def _status_hint(status: int) -> str:
    if status in (404, 410):
        return "the address is gone or wrong; check the URL or remove the source"
    if status in (401, 403, 407, 451):
        return "the server refuses access; the feed may need a subscription, or it blocks automated readers"
    if status == 429:
        return "the server is rate limiting this client; fetch less often"
    if status >= 500:
        return "the server failed; this is usually temporary, try again later"
    return "the server rejected the request; check the URL"


def _retry_later(url: str, status: int, reason: str, header: str) -> RetryLater:
    """Parse Retry-After (seconds or an HTTP date) into a RetryLater."""
    seconds = retry_after_seconds(header)
    if seconds is None:
        error = FetchError(f"{url}: HTTP {status} {reason}".rstrip(), _status_hint(status))
        return RetryLater(status, float("inf"), error)
    when = (datetime.now(UTC) + timedelta(seconds=seconds)).strftime("%Y-%m-%d %H:%M:%S UTC")
    error = FetchError(f"{url}: HTTP {status} {reason}: the server asks to retry after {when} "
                       f"(in {seconds:.0f} s)", "run again after that time")
    return RetryLater(status, seconds, error)


def retry_after_seconds(header: str, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After value (delay or HTTP date); None if unreadable."""
    value = header.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


@contextmanager
def _transport_errors(url: str, options: FetchConfig, guard: Guard) -> Iterator[None]:
    """Translate httpx's transport errors and address refusals into FetchErrors naming the URL."""
    try:
        yield
    except AddressRefused as exc:
        raise FetchError(f"{url}: {exc.args[0]}", exc.hint) from None
    except httpx.InvalidURL as exc:  # httpx parses a redirect's Location even when not following it
        raise FetchError(f"{url}: redirect refused: unusable Location header ({exc})",
                         "the server redirects somewhere unusable; check the URL") from None
    except httpx.DecodingError as exc:  # not a TransportError: the bytes came, but do not decompress
        raise FetchError(f"{url}: the compressed body is broken ({exc})",
                         "the server sent a corrupt Content-Encoding body; try again later or tell "
                         "the publisher") from None
    except httpx.TransportError as exc:
        raise _describe(exc, url, options, guard) from exc


def _describe(exc: httpx.TransportError, url: str, options: FetchConfig, guard: Guard) -> FetchError:
    if guard.run_expired():
        return FetchError(f"{url}: not done when the run's deadline (fetch.run_timeout) passed",
                          "the server is stalled or too slow; try again later or raise fetch.run_timeout")
    if guard.expired():
        return FetchError(f"{url}: took longer than {guard.total:g} s in all (the server sends too slowly)",
                          "the server is too slow; try again later or raise fetch.timeout")
    if isinstance(exc, httpx.TimeoutException):
        return FetchError(f"{url}: timed out after {options.timeout:g} s ({type(exc).__name__})",
                          "the server did not answer in time; try again later or raise fetch.timeout")
    if isinstance(exc, httpx.ConnectError):
        return FetchError(f"{url}: cannot connect: {exc}", "check the URL and that the server is up")
    if isinstance(exc, httpx.ReadError | httpx.RemoteProtocolError | httpx.WriteError):
        return FetchError(f"{url}: connection reset or closed by the server: {exc}",
                          "the server dropped the connection; try again later")
    return FetchError(f"{url}: {type(exc).__name__}: {exc}")


# --- the guarded connection layer -------------------------------------------------------------


class AddressRefused(FetchError):
    """A connection to a non-public address was refused (raised below httpx, re-labelled above)."""


class Guard:
    """Address policy and total deadline shared by every connection of one fetch."""

    def __init__(self, allow_private: bool, trusted: tuple[IPNetwork, ...], total: float) -> None:
        self.allow_private = allow_private
        self.trusted = trusted
        self.total = total
        self.run_deadline = RUN_DEADLINE.get()
        self.deadline = self._next_deadline()

    def _next_deadline(self) -> float:
        own = time.monotonic() + self.total
        return own if self.run_deadline is None else min(own, self.run_deadline)

    def start(self) -> None:
        """Begin a new total deadline (one per attempt), never past the run's deadline."""
        self.deadline = self._next_deadline()

    def run_expired(self) -> bool:
        """True once the whole run's deadline (fetch.run_timeout) has passed."""
        return self.run_deadline is not None and time.monotonic() >= self.run_deadline

    def remaining(self) -> float:
        """Seconds left before the deadline."""
        return self.deadline - time.monotonic()

    def expired(self) -> bool:
        """True once the deadline has passed."""
        return self.remaining() <= 0

    def check_deadline(self) -> None:
        """Raise a read timeout once the deadline has passed."""
        if self.expired():
            raise httpx.ReadTimeout("total deadline exceeded")

    def clip(self, timeout: float | None) -> float:
        """A socket timeout no longer than the time left (raises if none is)."""
        left = self.remaining()
        if left <= 0:
            raise httpcore.ReadTimeout("total deadline exceeded")
        return left if timeout is None else min(timeout, left)

    def check_host(self, host: str, addresses: Iterable[IPAddress]) -> None:
        """Refuse the connection if any address of ``host`` is not public."""
        if self.allow_private:
            return
        for address in addresses:
            reason = refusal(address)
            if reason and not any(address in net for net in self.trusted if net.version == address.version):
                raise AddressRefused(f"refused to connect to {host} ({address}): {reason} address",
                                 "feeds and links may only point at public addresses; set "
                                 "fetch.allow_private: true only for sources you trust")


def refusal(address: IPAddress) -> str | None:
    """Why ``address`` is not a public unicast address (None if it is)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped  # ::ffff:10.0.0.1 is 10.0.0.1
    checks = (("loopback", address.is_loopback), ("unspecified", address.is_unspecified),
              ("link-local", address.is_link_local), ("multicast", address.is_multicast),
              ("private", address.is_private), ("reserved", address.is_reserved),
              ("non-global", not address.is_global))
    return next((name for name, hit in checks if hit), None)


def resolve(host: str, port: int) -> list[IPAddress]:
    """Every address ``host`` resolves to (an IP literal resolves to itself)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise httpcore.ConnectError(f"cannot resolve host {host}: {exc}") from exc
    addresses: list[IPAddress] = []
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if address not in addresses:
            addresses.append(address)
    return addresses


class GuardedBackend(httpcore.SyncBackend):
    """Opens sockets only to checked addresses, with timeouts clipped to the total deadline."""

    def __init__(self, guard: Guard) -> None:
        self.guard = guard

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        """Resolve, check every address, then connect to the first that answers."""
        addresses = resolve(host, port)
        self.guard.check_host(host, addresses)
        error: Exception = httpcore.ConnectError(f"no address for {host}")
        for address in addresses:
            try:
                stream = super().connect_tcp(str(address), port, self.guard.clip(timeout), local_address,
                                             socket_options)
            except httpcore.ConnectError as exc:
                error = exc
                continue
            return DeadlineStream(stream, self.guard)
        raise error


class DeadlineStream(httpcore.NetworkStream):
    """A socket stream whose every read and write ends by the guard's deadline."""

    def __init__(self, stream: httpcore.NetworkStream, guard: Guard) -> None:
        self.stream = stream
        self.guard = guard

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        """Read, waiting no longer than the time left."""
        return self.stream.read(max_bytes, self.guard.clip(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        """Write, waiting no longer than the time left."""
        self.stream.write(buffer, self.guard.clip(timeout))

    def close(self) -> None:
        """Close the socket."""
        self.stream.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        """Upgrade to TLS (the hostname, not the address, is verified)."""
        tls = self.stream.start_tls(ssl_context, server_hostname, self.guard.clip(timeout))
        return DeadlineStream(tls, self.guard)

    def get_extra_info(self, info: str) -> Any:
        """Socket details (peer address, TLS object) of the wrapped stream."""
        return self.stream.get_extra_info(info)


class GuardedTransport(httpx.HTTPTransport):
    """httpx's transport with its connection pool built on the GuardedBackend.

    httpx does not take a network backend, so the pool it builds is replaced by one that
    does (``_pool`` is what ``HTTPTransport.handle_request`` sends through).
    """

    def __init__(self, guard: Guard) -> None:
        super().__init__(verify=ssl_context(), trust_env=False)
        self._pool = httpcore.ConnectionPool(ssl_context=ssl_context(), max_connections=4,
                                             network_backend=GuardedBackend(guard))


@functools.cache
def ssl_context() -> ssl.SSLContext:
    """The verifying TLS context, built once: loading the CA bundle costs ~25 ms per fetch."""
    return httpx.create_ssl_context(trust_env=False)
