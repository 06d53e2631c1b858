"""How long a build of many feeds takes when some servers never answer (fetch.run_timeout).

Serves N feeds on a loopback HTTP server (tests/httpserver.py), of which S accept the
connection and then say nothing, runs `briefing build` on them in a child process and
reports the wall time, the articles read and the sources listed as failed.

    .venv/bin/python bench/bench_feeds.py --feeds 40 --stalled 5 --run-timeout 10
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from httpserver import TestServer, respond, stall  # noqa: E402

PROSE = ("Negotiators from the two harbour unions met the port authority on Monday for talks number {n}. "
         "The port authority offered a pay rise, which the unions rejected as too low. "
         "Both sides said talks would resume on Friday with a mediator.")


def feed(n: int) -> str:
    """A small RSS feed with two entries of its own."""
    items = "".join(f"<item><guid>f{n}-{k}</guid><title>Talks {n}.{k}</title>"
                    f"<description>{PROSE.format(n=f'{n}.{k}')}</description></item>" for k in (1, 2))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {n}</title>{items}</channel></rss>'


def main() -> None:
    """Run the benchmark and print one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=40)
    parser.add_argument("--stalled", type=int, default=5)
    parser.add_argument("--run-timeout", type=float, default=10.0)
    parser.add_argument("--timeout", type=float, default=20.0, help="fetch.timeout (per read)")
    args = parser.parse_args()
    server = TestServer().start()
    try:
        sources = []
        for n in range(args.feeds):
            route = stall(3600) if n < args.stalled else respond(feed(n), content_type="application/rss+xml")
            sources.append({"name": f"feed{n:02}", "url": server.route(f"/f{n}.xml", route)})
        with tempfile.TemporaryDirectory() as folder:
            config = Path(folder) / "bench.yaml"
            config.write_text(json.dumps({
                "title": "Bench", "sources": sources, "state": {"database": "state.db"},
                "output": {"dir": "out", "formats": ["json"]},
                "fetch": {"allow_private": True, "timeout": args.timeout, "run_timeout": args.run_timeout}}))
            started = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "briefing", "build", "--config", str(config)],
                                  capture_output=True, text=True, cwd=ROOT)
            seconds = time.perf_counter() - started
            failed = sorted({line.split(":")[2].strip() for line in done.stderr.splitlines()
                             if line.startswith("Warning: source failed:")})
    finally:
        server.stop()
    print(json.dumps({"feeds": args.feeds, "stalled": args.stalled, "run_timeout": args.run_timeout,
                      "fetch_timeout": args.timeout, "exit": done.returncode, "seconds": round(seconds, 2),
                      "failed": failed, "summary": done.stdout.strip().splitlines()[-1:]}))


if __name__ == "__main__":
    main()
