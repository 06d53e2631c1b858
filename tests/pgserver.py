"""A throwaway PostgreSQL server on 127.0.0.1, started from Debian's binaries.

Use the ``pg_url`` fixture (a fresh, empty database per test) after
``from pgserver import pg_server_fixture, pg_url_fixture``.  The server runs from a temporary
folder as an unprivileged user (PostgreSQL refuses to run as root) and is
stopped and deleted at the end of the session.  Tests skip, with the reason,
only when no server can be started (no binaries, no psycopg).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

BIN_GLOB = "/usr/lib/postgresql/*/bin"
SUPERUSER = "briefing"
# Starting a fresh cluster takes 1-3 s; 60 s covers a loaded CI machine.
START_TIMEOUT_SECONDS = 60
# Test data is disposable: skipping fsync makes the server several times faster.
FAST_SETTINGS = ("-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                 "-c max_connections=50 -c shared_buffers=16MB")


@dataclass
class PgServer:
    """A running server: its port and how to reach it."""

    bin_dir: Path
    root: Path
    port: int
    user: str | None

    def url(self, database: str = "postgres") -> str:
        """The SQLAlchemy URL of one database on this server."""
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def create_database(self) -> str:
        """Create a fresh empty database and return its URL."""
        import psycopg

        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(host="127.0.0.1", port=self.port, user=SUPERUSER, dbname="postgres",
                             autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        """Stop the server immediately and delete its files."""
        _run(self, [str(self.bin_dir / "pg_ctl"), "-D", str(self.root / "data"), "-m", "immediate", "stop"],
             check=False)
        shutil.rmtree(self.root, ignore_errors=True)


def find_bin_dir() -> Path | None:
    """The newest installed PostgreSQL's bin folder, or None."""
    found = [Path(d) for d in glob.glob(BIN_GLOB)
             if (Path(d) / "initdb").exists() and (Path(d) / "pg_ctl").exists()]
    return max(found, key=lambda d: _version(d.parent.name), default=None)


def _version(name: str) -> tuple[int, ...]:
    return tuple(int(p) for p in name.split(".") if p.isdigit())


def _unprivileged_user() -> str | None:
    """The user to run the server as when we are root (None when we are not)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return name
    raise RuntimeError("running as root and neither user 'postgres' nor 'nobody' exists")


def _run(server: PgServer, argv: list[str], check: bool = True) -> subprocess.CompletedProcess[str]:
    if server.user is not None:
        argv = ["runuser", "-u", server.user, "--", *argv]
    result = subprocess.run(argv, capture_output=True, text=True, timeout=START_TIMEOUT_SECONDS,
                            cwd=server.root)
    if check and result.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed: {(result.stderr or result.stdout).strip()[-800:]}")
    return result


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server() -> PgServer:
    """initdb + pg_ctl start in a temporary folder; raises RuntimeError with the reason."""
    bin_dir = find_bin_dir()
    if bin_dir is None:
        raise RuntimeError(f"no PostgreSQL server binaries ({BIN_GLOB}/initdb); "
                           "install them with .ci/postgres.sh (apt-get install postgresql)")
    user = _unprivileged_user()
    root = Path(tempfile.mkdtemp(prefix="briefing-pg-"))
    if user is not None:
        info = pwd.getpwnam(user)
        os.chown(root, info.pw_uid, info.pw_gid)
    server = PgServer(bin_dir, root, _free_port(), user)
    try:
        _run(server, [str(bin_dir / "initdb"), "-D", str(root / "data"), "-U", SUPERUSER, "-A", "trust",
                      "-E", "UTF8", "--locale=C", "--no-sync"])
        _start(server)
    except (RuntimeError, OSError, subprocess.SubprocessError):
        server.stop()
        raise
    return server


def _start(server: PgServer) -> None:
    """Start on a free port; retry once with another port if the first was taken meanwhile."""
    for attempt in range(2):
        options = f"-h 127.0.0.1 -p {server.port} -k {server.root} {FAST_SETTINGS}"
        result = _run(server, [str(server.bin_dir / "pg_ctl"), "-D", str(server.root / "data"), "-l",
                               str(server.root / "server.log"), "-w", "-t", str(START_TIMEOUT_SECONDS),
                               "-o", options, "start"], check=False)
        if result.returncode == 0:
            return
        if attempt == 0:
            server.port = _free_port()
    log = (server.root / "server.log")
    tail = log.read_text(errors="replace")[-800:] if log.exists() else result.stderr
    raise RuntimeError(f"pg_ctl start failed: {tail.strip()}")


@pytest.fixture(scope="session", name="pg_server")
def pg_server_fixture() -> Iterator[PgServer]:
    """One PostgreSQL server for the whole session; skips with the reason if none can start."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg (PostgreSQL driver) is not installed: pip install 'psycopg[binary]'")
    try:
        server = start_server()
    except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
        pytest.skip(f"cannot start a PostgreSQL server: {exc}")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(name="pg_url")
def pg_url_fixture(pg_server: PgServer) -> str:
    """The SQLAlchemy URL of a fresh, empty PostgreSQL database."""
    return pg_server.create_database()
