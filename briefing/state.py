"""The state database: feed cache, seen entries, editions and deliveries.

SQLite (a file path) by default, PostgreSQL by URL; both through SQLAlchemy Core.

Delivery policy (exactly once, or not at all): a worker must *claim* a
(edition, recipient) row before it sends.  The claim is one atomic statement,
so of any number of workers, processes or schedulers only one wins.
``failed`` deliveries (nothing reached the server) are claimed again on the
next run.  A ``sending`` claim older than ``STALE_CLAIM_AFTER`` belongs to a
worker that died mid-send: the mail may or may not have gone out, so it is
marked ``unknown`` and reported, never resent automatically; only an explicit
``force`` (``briefing send --force``) claims ``unknown`` rows again.
"""

from __future__ import annotations

import copy
import hashlib
import json
import logging
import os
import socket
import uuid
from collections.abc import Iterable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from sqlalchemy import Connection, Engine, select, update
from sqlalchemy.engine import RowMapping

from briefing.database import (
    MAX_IDENTITY_CHARS,
    as_utc,
    content_claims,
    create_tables,
    deliveries,
    edition_contents,
    edition_entries,
    editions,
    entries,
    feed_articles,
    feeds,
    insert_ignore,
    metadata,
    now_utc,
    open_engine,
    runs,
    transaction,
)

log = logging.getLogger(__name__)

# No single SMTP send takes anywhere near this long (smtp.timeout defaults to
# 30 s per network operation), so a claim this old belongs to a dead worker.
STALE_CLAIM_AFTER = timedelta(minutes=30)
# Query parameters that only track clicks; two links differing in them are one entry.
TRACKING_PARAMS = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid")


class DeliveryStatus(StrEnum):
    """Where one (edition, recipient) delivery stands."""

    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class CacheInfo:
    """What the last fetch of a feed returned: validators for conditional GET, status, error."""

    etag: str | None
    last_modified: str | None
    status: str
    fetched_at: datetime
    error: str | None
    url: str = ""


@dataclass(frozen=True, slots=True)
class EntryKey:
    """One feed entry: its source name and identity (GUID, else link, else normalised URL)."""

    source: str
    identity: str


@dataclass(frozen=True, slots=True)
class Edition:
    """One built edition: its date, title, output files and JSON payload."""

    id: int
    date: date
    title: str
    created: datetime
    paths: Mapping[str, str]
    payload_json: str | None


@dataclass(frozen=True, slots=True)
class Delivery:
    """One recipient's copy of one edition, and what happened to it."""

    edition_id: int
    recipient: str
    status: DeliveryStatus
    owner: str
    attempts: int
    claimed_at: datetime
    sent_at: datetime | None
    error: str | None
    message_id: str | None


class State:
    """The state database behind one URL; safe to share between threads and processes."""

    def __init__(self, url: str) -> None:
        self._engine = open_engine(url)
        self.url = self._engine.url.render_as_string(hide_password=True)
        self._unsent: frozenset[int] = frozenset()  # editions was_sent ignores (see ``excluding``)
        self._create_tables()

    def _create_tables(self) -> None:
        """Create missing tables; another instance creating them at the same moment is no error."""
        create_tables(self._engine, metadata, "tables")

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine (shared with the scheduler's job store)."""
        return self._engine

    def close(self) -> None:
        """Release pooled connections."""
        self._engine.dispose()

    def _begin(self, doing: str) -> AbstractContextManager[Connection]:
        return transaction(self._engine, f"state database {self.url}", doing)

    def feed_cache(self, url: str) -> CacheInfo | None:
        """The last fetch of a feed, or None if it was never fetched."""
        with self._begin("read the feed cache") as conn:
            row = conn.execute(select(feeds).where(feeds.c.url == url)).mappings().first()
        return _cache_info(row) if row else None

    def record_fetch(self, url: str, *, status: str, etag: str | None = None,
                     last_modified: str | None = None, error: str | None = None) -> None:
        """Store a fetch's outcome; a None validator keeps the stored one ("" clears it)."""
        values: dict[str, Any] = {"status": status, "fetched_at": now_utc(), "error": error}
        if etag is not None:
            values["etag"] = etag or None
        if last_modified is not None:
            values["last_modified"] = last_modified or None
        with self._begin("record a fetch") as conn:
            done = conn.execute(update(feeds).where(feeds.c.url == url).values(**values)).rowcount
            if not done and not insert_ignore(conn, feeds, {"url": url, **values}):
                conn.execute(update(feeds).where(feeds.c.url == url).values(**values))

    def feed_statuses(self) -> list[CacheInfo]:
        """Every feed's last fetch, with its url, sorted by url."""
        with self._begin("read the feed cache") as conn:
            rows = conn.execute(select(feeds).order_by(feeds.c.url)).mappings().all()
        return [_cache_info(row) for row in rows]

    def mark_seen(self, source: str, identity: str, edition_id: int | None = None) -> None:
        """Remember an entry; with edition_id, also that it appeared in that edition."""
        identity = identity_key(identity)
        with self._begin("mark an entry seen") as conn:
            insert_ignore(conn, entries, {"source": source, "identity": identity, "first_seen": now_utc()})
            if edition_id is not None:
                insert_ignore(conn, edition_entries,
                               {"edition_id": edition_id, "source": source, "identity": identity})

    def seen(self, source: str, identity: str) -> bool:
        """Whether the entry was seen in any earlier run."""
        identity = identity_key(identity)
        query = select(entries.c.source).where(entries.c.source == source, entries.c.identity == identity)
        with self._begin("read seen entries") as conn:
            return conn.execute(query).first() is not None

    def sent_identities(self) -> set[EntryKey]:
        """Entries that appeared in an edition at least one recipient was sent (long ones hashed)."""
        query = (select(edition_entries.c.source, edition_entries.c.identity).distinct()
                 .join(deliveries, deliveries.c.edition_id == edition_entries.c.edition_id)
                 .where(deliveries.c.status == DeliveryStatus.SENT.value))
        with self._begin("read sent entries") as conn:
            return {EntryKey(row.source, row.identity) for row in conn.execute(query)}

    def excluding(self, edition_id: int) -> State:
        """This database, with one edition counted as never sent: its rebuild is not 'earlier' than itself."""
        view = copy.copy(self)
        view._unsent = self._unsent | {edition_id}
        return view

    def was_sent(self, source: str, identity: str) -> bool:
        """Whether this entry appeared in an edition that was sent (other than those excluded)."""
        identity = identity_key(identity)
        query = (select(edition_entries.c.edition_id)
                 .join(deliveries, deliveries.c.edition_id == edition_entries.c.edition_id)
                 .where(edition_entries.c.source == source, edition_entries.c.identity == identity,
                        edition_entries.c.edition_id.not_in(self._unsent),
                        deliveries.c.status == DeliveryStatus.SENT.value).limit(1))
        with self._begin("read sent entries") as conn:
            return conn.execute(query).first() is not None

    def stored_articles(self, url: str) -> list[dict[str, Any]] | None:
        """The articles a feed gave at its last full fetch (JSON records), or None if none are stored."""
        with self._begin("read stored feed articles") as conn:
            row = conn.execute(select(feed_articles.c.articles_json).where(feed_articles.c.url == url)).first()
        if row is None:
            return None
        records = json.loads(row[0])
        return records if isinstance(records, list) else None

    def stored_at(self, url: str) -> datetime | None:
        """When the stored articles of a feed were fetched (UTC), or None if none are stored."""
        with self._begin("read stored feed articles") as conn:
            row = conn.execute(select(feed_articles.c.stored_at).where(feed_articles.c.url == url)).first()
        return as_utc(row[0]) if row and row[0] else None

    def store_articles(self, url: str, records: list[dict[str, Any]]) -> None:
        """Remember what a feed gave, replacing what it gave before."""
        values = {"articles_json": json.dumps(records, ensure_ascii=False), "stored_at": now_utc()}
        with self._begin("store feed articles") as conn:
            done = conn.execute(update(feed_articles).where(feed_articles.c.url == url).values(**values)).rowcount
            if not done and not insert_ignore(conn, feed_articles, {"url": url, **values}):
                conn.execute(update(feed_articles).where(feed_articles.c.url == url).values(**values))

    def edition_with_content(self, content_key: str) -> Edition | None:
        """The last edition recorded with this content, or None."""
        query = (select(editions).join(edition_contents, edition_contents.c.edition_id == editions.c.id)
                 .where(edition_contents.c.content_key == content_key).order_by(editions.c.id.desc()).limit(1))
        return self._one_edition(query)

    def content_key(self, edition_id: int) -> str | None:
        """The content key recorded with an edition (None for editions older than content keys)."""
        query = select(edition_contents.c.content_key).where(edition_contents.c.edition_id == edition_id)
        with self._begin("read edition contents") as conn:
            row = conn.execute(query).first()
        return str(row[0]) if row else None

    def claim_content(self, recipient: str, content_key: str, edition_id: int) -> int:
        """Claim mailing this content to this recipient; returns the edition that holds the claim."""
        row = {"recipient": recipient, "content_key": content_key, "edition_id": edition_id, "claimed_at": now_utc()}
        with self._begin("claim an edition's content") as conn:
            if insert_ignore(conn, content_claims, row):
                return edition_id
            holder = conn.execute(select(content_claims.c.edition_id).where(
                content_claims.c.recipient == recipient, content_claims.c.content_key == content_key)).scalar()
        return int(holder) if holder is not None else edition_id

    def mailed_on(self, recipient: str, day: date, other_than: int) -> bool:
        """Whether another edition of this date was sent (or may have been) to this recipient."""
        query = (select(deliveries.c.id).join(editions, editions.c.id == deliveries.c.edition_id)
                 .where(deliveries.c.recipient == recipient, editions.c.date == day,
                        deliveries.c.edition_id != other_than,
                        deliveries.c.status.in_([DeliveryStatus.SENT.value, DeliveryStatus.SENDING.value,
                                                 DeliveryStatus.UNKNOWN.value])).limit(1))
        with self._begin("read deliveries") as conn:
            return conn.execute(query).first() is not None

    def contained_in_sent(self, edition_id: int, recipient: str, day: date) -> int | None:
        """An edition of ``day`` sent to the recipient holding every entry of this one and more, if any.

        This edition then only lost articles (a source failed, a feed dropped items for a while):
        nothing in it is new to that recipient.
        """
        with self._begin("read edition entries") as conn:
            mine = self._entries(conn, edition_id)
            sent = conn.execute(select(deliveries.c.edition_id).join(editions, editions.c.id == deliveries.c.edition_id)
                                .where(deliveries.c.recipient == recipient, editions.c.date == day,
                                       deliveries.c.edition_id != edition_id,
                                       deliveries.c.status == DeliveryStatus.SENT.value)
                                .order_by(deliveries.c.edition_id.desc())).scalars().all()
            for other in sent:
                if mine < self._entries(conn, other):
                    return int(other)
        return None

    @staticmethod
    def _entries(conn: Connection, edition_id: int) -> set[tuple[str, str]]:
        rows = conn.execute(select(edition_entries.c.source, edition_entries.c.identity)
                            .where(edition_entries.c.edition_id == edition_id))
        return {(row.source, row.identity) for row in rows}

    def record_edition(self, date: date, title: str, paths: Mapping[str, str], payload_json: str | None,
                       identities: Iterable[EntryKey] = (), content_key: str | None = None) -> int:
        """Store a built edition and the entries it holds; return its id."""
        now = now_utc()
        row = {"date": date, "title": title, "created": now, "paths": json.dumps(dict(paths), sort_keys=True),
               "payload_json": payload_json}
        keys = sorted({EntryKey(k.source, identity_key(k.identity)) for k in identities},
                      key=lambda k: (k.source, k.identity))
        with self._begin("record an edition") as conn:
            inserted = conn.execute(editions.insert().values(**row)).inserted_primary_key
            edition_id = int(inserted[0]) if inserted else 0
            for key in keys:
                insert_ignore(conn, entries,
                               {"source": key.source, "identity": key.identity, "first_seen": now})
            if keys:
                conn.execute(edition_entries.insert(), [
                    {"edition_id": edition_id, "source": k.source, "identity": k.identity} for k in keys])
            if content_key:
                conn.execute(edition_contents.insert().values(edition_id=edition_id, content_key=content_key))
        return edition_id

    def edition(self, edition_id: int) -> Edition | None:
        """The edition with this id, or None."""
        return self._one_edition(select(editions).where(editions.c.id == edition_id))

    def latest_edition(self) -> Edition | None:
        """The edition built last, or None."""
        return self._one_edition(select(editions).order_by(editions.c.id.desc()).limit(1))

    def edition_for_date(self, day: date) -> Edition | None:
        """The last edition built for this date, or None."""
        query = select(editions).where(editions.c.date == day).order_by(editions.c.id.desc()).limit(1)
        return self._one_edition(query)

    def _one_edition(self, query: Any) -> Edition | None:
        with self._begin("read editions") as conn:
            row = conn.execute(query).mappings().first()
        if row is None:
            return None
        return Edition(id=row["id"], date=row["date"], title=row["title"], created=as_utc(row["created"]),
                       paths=json.loads(row["paths"]), payload_json=row["payload_json"])

    def claim_run(self, slot: str, owner: str) -> bool:
        """Claim one scheduled run (e.g. 'daily@2026-02-18T06:00:00+00:00'); of many instances one wins."""
        with self._begin("claim a scheduled run") as conn:
            return insert_ignore(conn, runs, {"slot": slot, "owner": owner, "claimed_at": now_utc()})

    def claim_delivery(self, edition_id: int, recipient: str, owner: str, *, force: bool = False) -> bool:
        """Atomically take the right to send; False if it is sent, being sent, or unknown (unless force)."""
        now = now_utc()
        row = {"edition_id": edition_id, "recipient": recipient, "status": DeliveryStatus.SENDING.value,
               "owner": owner, "attempts": 1, "claimed_at": now}
        with self._begin("claim a delivery") as conn:
            if insert_ignore(conn, deliveries, row):
                return True
        retryable = [DeliveryStatus.FAILED.value] + ([DeliveryStatus.UNKNOWN.value] if force else [])
        with self._begin("claim a delivery") as conn:
            result = conn.execute(
                update(deliveries)
                .where(deliveries.c.edition_id == edition_id, deliveries.c.recipient == recipient,
                       deliveries.c.status.in_(retryable))
                .values(status=DeliveryStatus.SENDING.value, owner=owner, claimed_at=now,
                        attempts=deliveries.c.attempts + 1, error=None))
        return result.rowcount == 1

    def mark_sent(self, edition_id: int, recipient: str, message_id: str | None = None) -> None:
        """Record that the server accepted the message."""
        self._set_status(edition_id, recipient, DeliveryStatus.SENT, error=None, sent_at=now_utc(),
                         message_id=message_id)

    def mark_failed(self, edition_id: int, recipient: str, error: str) -> None:
        """Record that nothing was delivered; the next run retries."""
        self._set_status(edition_id, recipient, DeliveryStatus.FAILED, error=error)

    def mark_unknown(self, edition_id: int, recipient: str, error: str) -> None:
        """Record that the message may or may not have been delivered; never retried without force."""
        self._set_status(edition_id, recipient, DeliveryStatus.UNKNOWN, error=error)

    def _set_status(self, edition_id: int, recipient: str, status: DeliveryStatus, **values: Any) -> None:
        query = (update(deliveries)
                 .where(deliveries.c.edition_id == edition_id, deliveries.c.recipient == recipient,
                        deliveries.c.status != DeliveryStatus.SENT.value)
                 .values(status=status.value, **values))
        with self._begin(f"mark a delivery {status.value}") as conn:
            conn.execute(query)

    def deliveries(self, edition_id: int) -> list[Delivery]:
        """Every delivery of an edition, by recipient."""
        query = (select(deliveries).where(deliveries.c.edition_id == edition_id)
                 .order_by(deliveries.c.recipient))
        return self._deliveries(query)

    def delivery(self, edition_id: int, recipient: str) -> Delivery | None:
        """One recipient's delivery of an edition, or None."""
        query = select(deliveries).where(deliveries.c.edition_id == edition_id,
                                         deliveries.c.recipient == recipient)
        found = self._deliveries(query)
        return found[0] if found else None

    def pending_retries(self) -> list[Delivery]:
        """Failed deliveries of every edition, to retry on the next run."""
        query = (select(deliveries).where(deliveries.c.status == DeliveryStatus.FAILED.value)
                 .order_by(deliveries.c.edition_id, deliveries.c.recipient))
        return self._deliveries(query)

    def expire_stale(self, older_than: timedelta = STALE_CLAIM_AFTER) -> list[Delivery]:
        """Mark dead workers' 'sending' claims 'unknown' and return them.

        A claim is dead when it is older than ``older_than``, or at once when its owner names
        this host and a process that no longer runs (killed mid-send); a live owner keeps it.
        """
        sending = deliveries.c.status == DeliveryStatus.SENDING.value
        cutoff = now_utc() - older_than
        with self._begin("find stale claims") as conn:
            rows = conn.execute(select(deliveries.c.id, deliveries.c.owner, deliveries.c.claimed_at)
                                .where(sending)).all()
        ids = []
        for row_id, owner, claimed_at in rows:  # one write per claim: a claim finished meanwhile is left alone
            reason = _dead_claim_reason(owner, as_utc(claimed_at), cutoff, older_than)
            if reason is None:
                continue
            with self._begin("expire a stale claim") as conn:
                query = update(deliveries).where(deliveries.c.id == row_id, sending, deliveries.c.owner == owner)
                if conn.execute(query.values(status=DeliveryStatus.UNKNOWN.value, error=reason)).rowcount:
                    ids.append(row_id)
        if not ids:
            return []
        expired = self._deliveries(select(deliveries).where(deliveries.c.id.in_(ids)))
        for item in expired:
            log.info("delivery of edition %s to %s: outcome unknown (%s); not resent without --force",
                     item.edition_id, item.recipient, item.error)
        return expired

    def _deliveries(self, query: Any) -> list[Delivery]:
        with self._begin("read deliveries") as conn:
            rows = conn.execute(query).mappings().all()
        return [Delivery(edition_id=r["edition_id"], recipient=r["recipient"],
                         status=DeliveryStatus(r["status"]), owner=r["owner"], attempts=r["attempts"],
                         claimed_at=as_utc(r["claimed_at"]),
                         sent_at=as_utc(r["sent_at"]) if r["sent_at"] else None,
                         error=r["error"], message_id=r["message_id"]) for r in rows]


def entry_identity(guid: str = "", link: str = "", url: str = "") -> str:
    """An entry's identity: its GUID, else its link, else the normalised URL."""
    if guid.strip():
        return guid.strip()
    return normalise_url(link or url)


def identity_key(identity: str) -> str:
    """The identity as stored: itself, or 'sha256:<hex>' when longer than MAX_IDENTITY_CHARS."""
    if len(identity) <= MAX_IDENTITY_CHARS:
        return identity
    return "sha256:" + hashlib.sha256(identity.encode("utf-8", "surrogatepass")).hexdigest()


def normalise_url(url: str) -> str:
    """Lower-case scheme and host, drop default ports, fragments and tracking parameters."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:  # a malformed netloc (bad port, broken IPv6 literal): keep it as given
        return url.strip()
    if not parts.scheme or not parts.netloc:
        return url.strip()
    host = (parts.hostname or "").lower()
    if port and (parts.scheme.lower(), port) not in (("http", 80), ("https", 443)):
        host = f"{host}:{port}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not k.lower().startswith(TRACKING_PARAMS)]
    return urlunsplit((parts.scheme.lower(), host, parts.path or "/", urlencode(query), ""))


def _dead_claim_reason(owner: str, claimed_at: datetime, cutoff: datetime, older_than: timedelta) -> str | None:
    """Why a 'sending' claim's worker is dead, or None while it may still be sending."""
    host, _, rest = owner.partition(":")
    pid_text = rest.partition(":")[0]
    if host == socket.gethostname() and pid_text.isdigit() and not _process_alive(int(pid_text)):
        return f"the worker that claimed it (process {pid_text} on {host}) died mid-send"
    if claimed_at < cutoff:
        return f"claimed more than {older_than} ago and never finished: the worker died mid-send"
    return None


def _process_alive(pid: int) -> bool:
    """Whether a process of this id runs on this host (one of another user counts as alive)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return True  # cannot tell: never treat a possibly live sender as dead
    return True


def default_owner() -> str:
    """A claim owner naming this host and process, unique per call."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def _cache_info(row: RowMapping) -> CacheInfo:
    return CacheInfo(etag=row["etag"], last_modified=row["last_modified"], status=row["status"],
                     fetched_at=as_utc(row["fetched_at"]), error=row["error"], url=row["url"])
