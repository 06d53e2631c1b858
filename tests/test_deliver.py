"""Writing outputs: dated files and latest copies, atomic replacement, clean failures."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest

from briefing.deliver import write_outputs
from briefing.errors import OutputError, TemplateError
from briefing.models import Article, Briefing, Point, Quote

FORMATS = ["html", "txt", "md", "json"]


def edition(day: int, points: int = 3) -> Briefing:
    """A small edition of the given day of May 2025."""
    return Briefing(title=f"Edition {day}", date=date(2025, 5, day),
                    sources=(Article(id="a1", text="", publisher="Wire", url="https://wire.example/1"),),
                    summary=tuple(Point(f"Point {i} of day {day}.", ("a1",)) for i in range(points)),
                    quotes=(Quote("We will meet again next week", "An Envoy", ("a1",), key=True),),
                    issues=(), next_steps=())


def leftovers(folder: Path) -> list[str]:
    """Temporary files a failed write might leave behind."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") or p.name.endswith(".tmp"))


def test_writes_dated_and_latest_files(tmp_path: Path) -> None:
    out = tmp_path / "new" / "out"  # created, parents too
    paths = write_outputs(edition(1), out, FORMATS)
    names = [p.name for p in paths]
    assert names == [f"briefing-2025-05-01.{e}" for e in FORMATS] + [f"latest.{e}" for e in FORMATS]
    for ext in FORMATS:
        dated, latest = out / f"briefing-2025-05-01.{ext}", out / f"latest.{ext}"
        assert dated.read_bytes() == latest.read_bytes() and dated.stat().st_size > 100
        assert oct(latest.stat().st_mode & 0o777) == "0o644"
    assert json.loads((out / "latest.json").read_text())["title"] == "Edition 1"
    assert "Point 2 of day 1." in (out / "latest.html").read_text(encoding="utf-8")
    assert leftovers(out) == []


def test_next_edition_replaces_latest_and_keeps_old_dated(tmp_path: Path) -> None:
    write_outputs(edition(1), tmp_path, FORMATS)
    write_outputs(edition(2), tmp_path, ["txt", "txt", "json"])  # repeats are written once
    assert "Point 0 of day 2." in (tmp_path / "latest.txt").read_text()
    assert "Point 0 of day 1." in (tmp_path / "briefing-2025-05-01.txt").read_text()
    assert "Point 0 of day 1." in (tmp_path / "latest.html").read_text()  # not asked for: untouched
    assert leftovers(tmp_path) == []


def test_template_error_writes_nothing(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "briefing.md").write_text("{{ briefing.missing }}")
    out = tmp_path / "out"
    with pytest.raises(TemplateError, match="briefing.md"):
        write_outputs(edition(1), out, ["html", "txt", "md"], templates)
    assert not out.exists()


def test_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="unknown output format pdf"):
        write_outputs(edition(1), tmp_path, ["html", "pdf"])
    assert list(tmp_path.iterdir()) == []


def test_output_folder_is_a_file(tmp_path: Path) -> None:
    blocker = tmp_path / "out"
    blocker.write_text("not a folder")
    with pytest.raises(OutputError, match=str(blocker)):
        write_outputs(edition(1), blocker / "sub", FORMATS)
    with pytest.raises(OutputError, match=str(blocker)) as caught:
        write_outputs(edition(1), blocker, FORMATS)
    assert "is a file, not a folder" in str(caught.value) and "File exists" not in str(caught.value)
    assert "another --out" in caught.value.hint


def test_failed_replace_removes_temp_and_keeps_previous_latest(tmp_path: Path) -> None:
    write_outputs(edition(1), tmp_path, FORMATS)
    before = {ext: (tmp_path / f"latest.{ext}").read_bytes() for ext in FORMATS}
    (tmp_path / "latest.html").unlink()
    (tmp_path / "latest.html").mkdir()  # os.replace onto a folder fails
    with pytest.raises(OutputError, match=r"latest\.html"):
        write_outputs(edition(2), tmp_path, FORMATS)
    assert leftovers(tmp_path) == []
    for ext in ("txt", "md", "json"):
        # latest.* move only after all dated files are written, and html failed first
        assert (tmp_path / f"latest.{ext}").read_bytes() == before[ext]


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder permissions")
def test_read_only_folder(tmp_path: Path) -> None:
    write_outputs(edition(1), tmp_path, FORMATS)
    tmp_path.chmod(0o555)
    try:
        with pytest.raises(OutputError, match=str(tmp_path)):
            write_outputs(edition(2), tmp_path, FORMATS)
        assert "Point 0 of day 1." in (tmp_path / "latest.txt").read_text()
    finally:
        tmp_path.chmod(0o755)


# The child process caps the size of any file it writes (RLIMIT_FSIZE), which fails a write half-way
# exactly as a full disk does (EFBIG instead of ENOSPC), without mocks and without root.
DISK_FULL = textwrap.dedent("""
    import resource, signal, sys
    from pathlib import Path
    sys.path.insert(0, sys.argv[2])
    from test_deliver import FORMATS, edition
    from briefing.deliver import write_outputs
    from briefing.errors import OutputError
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    limit = int(sys.argv[3])
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))
    try:
        write_outputs(edition(2, points=2000), Path(sys.argv[1]), FORMATS)
    except OutputError as exc:
        print(exc)
        sys.exit(3)
""")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_FSIZE behaviour is Linux-specific")
def test_full_disk_mid_write_leaves_no_partial_file(tmp_path: Path) -> None:
    write_outputs(edition(1), tmp_path, FORMATS)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    limit = 64 * 1024  # far above the day-1 files, far below day 2's 2000 points
    assert max(len(b) for b in before.values()) < limit
    args = [sys.executable, "-c", DISK_FULL, str(tmp_path), str(Path(__file__).parent), str(limit)]
    done = subprocess.run(args, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 3, done.stderr
    assert str(tmp_path / "briefing-2025-05-02.html") in done.stdout and "cannot write" in done.stdout
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before  # no partial file, no temp file
