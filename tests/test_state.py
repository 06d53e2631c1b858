"""State database: feed cache, seen entries, editions and exactly-once delivery claims.

Every test runs on a SQLite file and on a real PostgreSQL server (tests/pgserver.py).
"""

from __future__ import annotations

import multiprocessing
import threading
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path

import pytest
from pgserver import pg_server_fixture, pg_url_fixture  # noqa: F401  (fixtures)

from briefing.errors import StateError
from briefing.state import DeliveryStatus, EntryKey, State, entry_identity, identity_key, normalise_url

pytestmark = pytest.mark.timeout(60)

DAY = date(2026, 3, 14)
RECIPIENTS = [f"reader{i}@example.org" for i in range(40)]


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh database: a SQLite file, or a database on the throwaway PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'state.db'}"
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def state(db_url: str) -> State:
    return State(db_url)


def new_edition(state: State, identities: tuple[EntryKey, ...] = ()) -> int:
    return state.record_edition(DAY, "Talks", {"html": "/out/briefing.html"}, '{"schema": "briefing/1"}',
                                identities)


def test_feed_cache_round_trip_keeps_validators_on_not_modified(state: State) -> None:
    assert state.feed_cache("https://example.org/feed") is None
    state.record_fetch("https://example.org/feed", status="ok", etag='"v1"', last_modified="Sat, 14 Mar 2026")
    state.record_fetch("https://example.org/feed", status="not-modified")
    info = state.feed_cache("https://example.org/feed")
    assert info is not None
    assert (info.etag, info.last_modified, info.status, info.error) == ('"v1"', "Sat, 14 Mar 2026",
                                                                        "not-modified", None)
    assert info.fetched_at.tzinfo is not None
    state.record_fetch("https://example.org/feed", status="error", error="timed out", etag="")
    info = state.feed_cache("https://example.org/feed")
    assert info is not None and (info.status, info.error, info.etag) == ("error", "timed out", None)


def test_feed_statuses_lists_every_feed_with_its_url(state: State) -> None:
    state.record_fetch("https://b.example/rss", status="ok")
    state.record_fetch("https://a.example/atom", status="error", error="HTTP 500")
    assert [(s.url, s.status, s.error) for s in state.feed_statuses()] == [
        ("https://a.example/atom", "error", "HTTP 500"), ("https://b.example/rss", "ok", None)]


def test_seen_entries(state: State) -> None:
    assert not state.seen("wire", "guid-1")
    state.mark_seen("wire", "guid-1")
    state.mark_seen("wire", "guid-1")  # idempotent
    assert state.seen("wire", "guid-1")
    assert not state.seen("other", "guid-1")


def test_long_identities_are_stored_hashed_and_still_match(state: State) -> None:
    long_link = "https://example.org/story?" + "&".join(f"p{i}=ü{i}" for i in range(300))
    edition_id = new_edition(state, (EntryKey("wire", long_link),))
    assert state.seen("wire", long_link) and not state.seen("wire", long_link + "x")
    assert state.claim_delivery(edition_id, RECIPIENTS[0], "w")
    state.mark_sent(edition_id, RECIPIENTS[0])
    assert state.was_sent("wire", long_link)
    assert state.sent_identities() == {EntryKey("wire", identity_key(long_link))}
    assert identity_key(long_link).startswith("sha256:") and identity_key("short") == "short"


def test_entry_identity_prefers_guid_then_link_then_normalised_url() -> None:
    assert entry_identity(" tag:x,2026:1 ", "https://x.example/a") == "tag:x,2026:1"
    assert entry_identity("", "HTTPS://X.Example:443/a?utm_source=rss&id=2#top") == "https://x.example/a?id=2"
    assert entry_identity(url="http://x.example:8080") == "http://x.example:8080/"
    assert normalise_url("not a url") == "not a url"


def test_editions_round_trip(state: State) -> None:
    assert state.latest_edition() is None
    first = new_edition(state)
    second = state.record_edition(DAY + timedelta(days=1), "Talks", {"txt": "/out/b.txt"}, None, ())
    edition = state.edition(first)
    assert edition is not None
    assert (edition.date, edition.title) == (DAY, "Talks")
    assert dict(edition.paths) == {"html": "/out/briefing.html"}
    assert edition.payload_json == '{"schema": "briefing/1"}'
    latest = state.latest_edition()
    assert latest is not None and latest.id == second
    by_date = state.edition_for_date(DAY)
    assert by_date is not None and by_date.id == first
    assert state.edition_for_date(DAY - timedelta(days=1)) is None
    assert state.edition(9999) is None


def test_sent_identities_are_entries_of_editions_sent(state: State) -> None:
    keys = (EntryKey("wire", "a"), EntryKey("paper", "b"))
    edition_id = new_edition(state, keys)
    other = new_edition(state, (EntryKey("wire", "c"),))
    assert state.seen("wire", "a") and state.seen("wire", "c")
    assert state.sent_identities() == set()
    assert state.claim_delivery(edition_id, RECIPIENTS[0], "w")
    state.mark_sent(edition_id, RECIPIENTS[0])
    assert state.claim_delivery(other, RECIPIENTS[0], "w")
    state.mark_failed(other, RECIPIENTS[0], "refused")
    assert state.sent_identities() == set(keys)
    assert state.was_sent("wire", "a") and not state.was_sent("wire", "c")


def test_mark_seen_with_edition_links_the_entry(state: State) -> None:
    edition_id = new_edition(state)
    state.mark_seen("wire", "late", edition_id)
    assert state.claim_delivery(edition_id, RECIPIENTS[0], "w")
    state.mark_sent(edition_id, RECIPIENTS[0])
    assert EntryKey("wire", "late") in state.sent_identities()


def test_failed_delivery_is_retried_then_never_again(state: State) -> None:
    edition_id = new_edition(state)
    rcpt = RECIPIENTS[0]
    assert state.claim_delivery(edition_id, rcpt, "first")
    assert not state.claim_delivery(edition_id, rcpt, "second"), "a live claim must not be taken over"
    state.mark_failed(edition_id, rcpt, "550 mailbox unavailable")
    assert [(d.recipient, d.error) for d in state.pending_retries()] == [(rcpt, "550 mailbox unavailable")]
    assert state.claim_delivery(edition_id, rcpt, "second")
    state.mark_sent(edition_id, rcpt, "<id@example.org>")
    assert state.pending_retries() == []
    assert not state.claim_delivery(edition_id, rcpt, "third")
    assert not state.claim_delivery(edition_id, rcpt, "third", force=True), "force never resends a sent mail"
    state.mark_failed(edition_id, rcpt, "late failure report")  # must not downgrade a sent delivery
    (delivery,) = state.deliveries(edition_id)
    assert (delivery.status, delivery.attempts, delivery.owner) == (DeliveryStatus.SENT, 2, "second")
    assert delivery.message_id == "<id@example.org>" and delivery.sent_at is not None


def test_stale_claim_becomes_unknown_and_is_resent_only_with_force(state: State) -> None:
    edition_id = new_edition(state)
    rcpt = RECIPIENTS[0]
    assert state.claim_delivery(edition_id, rcpt, "dead-worker")
    assert state.claim_delivery(edition_id, RECIPIENTS[1], "finished-worker")
    state.mark_sent(edition_id, RECIPIENTS[1])
    assert state.expire_stale() == [], "a fresh claim is not stale"
    time.sleep(0.01)
    (expired,) = state.expire_stale(timedelta(0))
    assert (expired.recipient, expired.status) == (rcpt, DeliveryStatus.UNKNOWN)
    assert "died mid-send" in (expired.error or "")
    assert not state.claim_delivery(edition_id, rcpt, "next-run")
    assert state.pending_retries() == []
    assert state.claim_delivery(edition_id, rcpt, "send --force", force=True)


def test_restart_keeps_everything(db_url: str) -> None:
    first = State(db_url)
    edition_id = new_edition(first, (EntryKey("wire", "a"),))
    first.record_fetch("https://example.org/feed", status="ok", etag="e")
    assert first.claim_delivery(edition_id, RECIPIENTS[0], "w")
    first.mark_sent(edition_id, RECIPIENTS[0])
    assert first.claim_delivery(edition_id, RECIPIENTS[1], "w")
    first.mark_failed(edition_id, RECIPIENTS[1], "timeout")
    first.close()

    again = State(db_url)
    assert again.latest_edition() is not None
    info = again.feed_cache("https://example.org/feed")
    assert info is not None and info.etag == "e"
    assert again.sent_identities() == {EntryKey("wire", "a")}
    assert [d.recipient for d in again.pending_retries()] == [RECIPIENTS[1]]
    assert not again.claim_delivery(edition_id, RECIPIENTS[0], "w2")
    assert again.claim_delivery(edition_id, RECIPIENTS[1], "w2")


def _claim_all(url: str, owner: str, edition_id: int, start: threading.Barrier | float) -> list[str]:
    """Claim every recipient through a State of our own; return the claims won."""
    state = State(url)
    if isinstance(start, threading.Barrier):
        start.wait()
    else:
        time.sleep(max(0.0, start - time.time()))
    won = [r for r in RECIPIENTS if state.claim_delivery(edition_id, r, owner)]
    state.close()
    return won


def _assert_each_claimed_once(results: list[list[str]]) -> None:
    everything = [r for won in results for r in won]
    assert sorted(everything) == sorted(RECIPIENTS), "each delivery is claimed by exactly one worker"


def test_two_instances_in_two_threads_each_claim_is_won_once(db_url: str) -> None:
    edition_id = new_edition(State(db_url))
    barrier = threading.Barrier(2)
    with ThreadPoolExecutor(2) as pool:
        futures = [pool.submit(_claim_all, db_url, f"thread-{i}", edition_id, barrier) for i in range(2)]
        results = [f.result(timeout=40) for f in futures]
    _assert_each_claimed_once(results)


def test_two_processes_each_claim_is_won_once(db_url: str) -> None:
    state = State(db_url)
    edition_id = new_edition(state)
    for rcpt in RECIPIENTS[::2]:  # half are retries of failed deliveries: the UPDATE path races too
        assert state.claim_delivery(edition_id, rcpt, "earlier-run")
        state.mark_failed(edition_id, rcpt, "temporary failure")
    start = time.time() + 3.0  # both processes start claiming at the same moment, after their imports
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = [pool.submit(_claim_all, db_url, f"process-{i}", edition_id, start) for i in range(2)]
        results = [f.result(timeout=40) for f in futures]
    _assert_each_claimed_once(results)
    assert all(d.status == DeliveryStatus.SENDING for d in state.deliveries(edition_id))


def test_sqlite_uses_wal_and_a_busy_timeout(tmp_path: Path) -> None:
    state = State(str(tmp_path / "plain-path.db"))
    with state.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert int(conn.exec_driver_sql("PRAGMA busy_timeout").scalar() or 0) >= 1000


def test_missing_folder_is_created(tmp_path: Path) -> None:
    State(str(tmp_path / "new-folder" / "state.db")).close()
    assert (tmp_path / "new-folder" / "state.db").exists()


def test_unwritable_folder_is_a_clear_state_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(StateError, match="cannot create folder") as info:
        State(str(tmp_path / "file" / "sub" / "state.db"))
    assert "state.database" in info.value.hint


def test_a_run_is_claimed_once(tmp_path: Path) -> None:
    first, second = State(str(tmp_path / "s.db")), State(str(tmp_path / "s.db"))
    assert first.claim_run("daily@2026-02-18T06:00:00+00:00", "a")
    assert not second.claim_run("daily@2026-02-18T06:00:00+00:00", "b")
    assert second.claim_run("daily@2026-02-19T06:00:00+00:00", "b")


def test_unreachable_server_is_a_state_error_without_the_password() -> None:
    import socket

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(StateError) as info:
        State(f"postgresql://briefing:s3cret-pass@127.0.0.1:{port}/briefing")
    assert "s3cret-pass" not in str(info.value)
    assert "create tables" in str(info.value)


def test_nonsense_url_is_a_state_error() -> None:
    with pytest.raises(StateError, match="state.database"):
        State("nosuchdialect+x://")
    with pytest.raises(StateError, match="unsupported database 'mysql'"):
        State("mysql://user@127.0.0.1/briefing")
