"""Rendered briefings -> files: dated editions plus `latest.*`, each written atomically.

Every format is rendered before anything is written, so a broken template writes
nothing. Each file goes to a temporary file in the same folder, is flushed and
fsynced, then renamed over the target with os.replace: a crash or a full disk
leaves the previous file in place, never a half-written one.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
import time
from collections.abc import Sequence
from contextlib import suppress
from pathlib import Path

from briefing.errors import OutputError
from briefing.models import Briefing
from briefing.render import render

log = logging.getLogger(__name__)

# Output format -> file extension. (email is delivered by mail.py, not written here.)
EXTENSIONS = {"html": "html", "txt": "txt", "md": "md", "json": "json"}
# Outputs are meant to be read by others (a web server, a mail job): rw-r--r--, not mkstemp's rw-------.
FILE_MODE = 0o644
# A temporary file this old was left by a writer that died (kill -9, power cut): no write takes an hour.
STALE_TEMP_SECONDS = 3600
_TEMP_NAME = re.compile(r"\.(?:latest|briefing-\d{4}-\d\d-\d\d)\.(?:html|txt|md|json)\.\w+\.tmp")


def write_outputs(briefing: Briefing, out_dir: Path, formats: Sequence[str],
                  templates: Path | None = None) -> list[Path]:
    """Render every format, then write `briefing-YYYY-MM-DD.<ext>` and `latest.<ext>` for each.

    Returns the paths written: the dated files first, then the latest copies.
    """
    chosen = list(dict.fromkeys(formats))  # unique, in the order given
    unknown = [f for f in chosen if f not in EXTENSIONS]
    if unknown:
        raise OutputError(f"unknown output format {', '.join(unknown)}",
                          f"use any of {', '.join(EXTENSIONS)}")
    rendered = {fmt: render(briefing, fmt, templates) for fmt in chosen}
    out_dir = Path(out_dir)
    make_folder(out_dir)
    remove_stale_temps(out_dir)
    stem = f"briefing-{briefing.date.isoformat()}"
    dated = [write_atomic(out_dir / f"{stem}.{EXTENSIONS[fmt]}", text) for fmt, text in rendered.items()]
    # `latest` moves only once every dated file is safely on disk.
    latest = [write_atomic(out_dir / f"latest.{EXTENSIONS[fmt]}", text) for fmt, text in rendered.items()]
    log.info("wrote %d files to %s", len(dated) + len(latest), out_dir)
    return dated + latest


def make_folder(folder: Path) -> None:
    """Create the output folder (and parents) if missing."""
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{folder}: is a file, not a folder",
                          "give another --out (or output.dir), or move that file away")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot create the output folder: {exc.strerror or exc}") from None
    if not folder.is_dir():
        raise OutputError(f"{folder}: not a folder")


def remove_stale_temps(folder: Path) -> None:
    """Delete our own temporary files that a writer killed mid-write left behind an hour or more ago."""
    cutoff = time.time() - STALE_TEMP_SECONDS
    for temp in folder.glob(".*.tmp"):
        with suppress(OSError):
            if _TEMP_NAME.fullmatch(temp.name) and temp.stat().st_mtime < cutoff:
                temp.unlink()
                log.info("removed %s, left by an interrupted write", temp)


def write_atomic(path: Path, text: str) -> Path:
    """Write text to path via a synced temporary file and os.replace; OutputError on failure."""
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None
    finally:
        if tmp is not None:
            with suppress(OSError):
                os.unlink(tmp)
    sync_folder(path.parent)
    return path


def sync_folder(folder: Path) -> None:
    """Make the rename itself durable (fsync the folder); a no-op where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        log.debug("cannot fsync folder %s", folder)
    finally:
        os.close(fd)
