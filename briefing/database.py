"""The state database's schema and engine: tables, SQLite/PostgreSQL connections, atomic inserts.

briefing.state builds its queries on these; nothing here knows what a feed or an edition is.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Date,
    DateTime,
    Engine,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    text,
)
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

from briefing.errors import StateError

log = logging.getLogger(__name__)

# Writers (a scheduler, a manual `briefing send`) hold SQLite's write lock for
# milliseconds; 30 s rides out a slow disk or a long edition insert without
# letting a wedged process hang the others forever.
BUSY_TIMEOUT_SECONDS = 30
# PostgreSQL advisory lock key serialising CREATE TABLE between instances ("brief" in ASCII).
SCHEMA_LOCK_KEY = 0x6272696566
# SQLite cannot lock a schema change across processes: a lost race ("table ... already exists")
# is retried, at most once per table of the schema plus one (each race loses at most one table).
# Longer identities are stored as their SHA-256: PostgreSQL index entries are limited to
# about 2.7 kB, and (source, identity) must fit even in 4-byte UTF-8 characters.
MAX_IDENTITY_CHARS = 400

metadata = MetaData()

feeds = Table(
    "feeds", metadata,
    Column("url", String(2048), primary_key=True),
    Column("etag", Text), Column("last_modified", Text),
    Column("status", String(64), nullable=False),
    Column("fetched_at", DateTime(timezone=True), nullable=False),
    Column("error", Text),
)
editions = Table(
    "editions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("date", Date, nullable=False, index=True),
    Column("title", Text, nullable=False),
    Column("created", DateTime(timezone=True), nullable=False),
    Column("paths", Text, nullable=False),
    Column("payload_json", Text),
)
entries = Table(
    "entries", metadata,
    Column("source", String(200), primary_key=True),
    Column("identity", String(MAX_IDENTITY_CHARS), primary_key=True),
    Column("first_seen", DateTime(timezone=True), nullable=False),
)
edition_entries = Table(
    "edition_entries", metadata,
    Column("edition_id", Integer, ForeignKey("editions.id", ondelete="CASCADE"), primary_key=True),
    Column("source", String(200), primary_key=True),
    Column("identity", String(MAX_IDENTITY_CHARS), primary_key=True),
)
deliveries = Table(
    "deliveries", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("edition_id", Integer, ForeignKey("editions.id", ondelete="CASCADE"), nullable=False),
    Column("recipient", String(512), nullable=False),
    Column("status", String(16), nullable=False),
    Column("owner", String(256), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("claimed_at", DateTime(timezone=True), nullable=False),
    Column("sent_at", DateTime(timezone=True)),
    Column("error", Text),
    Column("message_id", String(998)),
    UniqueConstraint("edition_id", "recipient", name="uq_delivery_edition_recipient"),
)
# What each feed last gave (the articles made from its entries, as JSON): a 304 rebuilds from it.
feed_articles = Table(
    "feed_articles", metadata,
    Column("url", String(2048), primary_key=True),
    Column("articles_json", Text, nullable=False),
    Column("stored_at", DateTime(timezone=True), nullable=False),
)
# The content of each edition (a hash of its articles): the same content is never mailed twice.
edition_contents = Table(
    "edition_contents", metadata,
    Column("edition_id", Integer, ForeignKey("editions.id", ondelete="CASCADE"), primary_key=True),
    Column("content_key", String(64), nullable=False, index=True),
)
# One row per (recipient, content): of any number of workers, one claims sending that content.
content_claims = Table(
    "content_claims", metadata,
    Column("recipient", String(512), primary_key=True),
    Column("content_key", String(64), primary_key=True),
    Column("edition_id", Integer, ForeignKey("editions.id", ondelete="CASCADE"), nullable=False),
    Column("claimed_at", DateTime(timezone=True), nullable=False),
)
runs = Table(
    "runs", metadata,
    Column("slot", String(200), primary_key=True),
    Column("owner", String(256), nullable=False),
    Column("claimed_at", DateTime(timezone=True), nullable=False),
)


def open_engine(url: str) -> Engine:
    """An engine for a SQLAlchemy URL or SQLite path; SQLite gets WAL and a busy timeout."""
    parsed = _parse_url(url)
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise StateError(f"state.database: unsupported database {parsed.get_backend_name()!r}",
                         "use a SQLite file path or a postgresql:// URL")
    try:
        if parsed.get_backend_name() != "sqlite":
            return create_engine(parsed, pool_pre_ping=True)
        _check_sqlite_path(parsed)
        engine = create_engine(parsed, connect_args={"timeout": BUSY_TIMEOUT_SECONDS})
    except (NoSuchModuleError, ImportError) as exc:
        raise StateError(f"state.database: no database driver for {parsed.drivername!r}: {exc}",
                         "use a SQLite path or postgresql://...; other databases need their driver "
                         "installed") from None
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _parse_url(url: str) -> URL:
    if "://" not in url:
        url = f"sqlite:///{Path(url).expanduser()}"
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StateError(f"state.database: not a database URL or path: {exc}",
                         "use a file path or a URL such as postgresql://user@host/db") from None
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")  # psycopg 3 is the driver we ship
    return parsed


def _check_sqlite_path(url: URL) -> None:
    database = url.database or ""
    if database in ("", ":memory:") or database.startswith("file:"):
        return
    folder = Path(database).parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StateError(f"state database {database}: cannot create folder {folder}: {exc.strerror}",
                         "set state.database to a path in a writable folder") from None


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_SECONDS * 1000}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def create_tables(engine: Engine, schema: MetaData, what: str) -> None:
    """Create the missing tables of ``schema``; another instance creating them at once is no error."""
    attempts = len(schema.tables) + 1
    for attempt in range(attempts):
        try:
            with engine.begin() as conn:
                if conn.dialect.name == "postgresql":
                    conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK_KEY})
                schema.create_all(conn)
            return
        except SQLAlchemyError as exc:  # SQLite: "table ... already exists" when the other won the race
            if attempt == attempts - 1:
                where = engine.url.render_as_string(hide_password=True)
                raise StateError(f"state database {where}: cannot create {what}: {db_reason(exc)}",
                                 "check state.database in the YAML and that the database is writable") from exc
            log.debug("creating %s raced another instance (%s); checking again", what, db_reason(exc))


@contextmanager
def transaction(engine: Engine, where: str, doing: str, hint: str = "") -> Iterator[Connection]:
    """One transaction; a database failure becomes a StateError naming the database and the action."""
    try:
        with engine.begin() as conn:
            yield conn
    except SQLAlchemyError as exc:
        raise StateError(f"{where}: cannot {doing}: {db_reason(exc)}", hint or None) from exc


def insert_ignore(conn: Connection, table: Table, row: dict[str, Any]) -> bool:
    """Insert one row unless its key exists (one atomic statement); True if inserted."""
    # Imported here: the PostgreSQL dialect module costs ~0.05 s, which a SQLite build never needs.
    from sqlalchemy.dialects import postgresql, sqlite

    if conn.dialect.name == "sqlite":
        return conn.execute(sqlite.insert(table).values(**row).on_conflict_do_nothing()).rowcount == 1
    # PostgreSQL: SQLAlchemy adds RETURNING to inserts there, which makes rowcount -1; ask explicitly.
    query = postgresql.insert(table).values(**row).on_conflict_do_nothing()
    return conn.execute(query.returning(*table.primary_key.columns)).first() is not None


def now_utc() -> datetime:
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """SQLite returns naive datetimes; everything stored is UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def db_reason(exc: SQLAlchemyError) -> str:
    orig = getattr(exc, "orig", None)
    text = str(orig) if orig is not None else str(exc)
    return text.strip().splitlines()[0] if text.strip() else type(exc).__name__
