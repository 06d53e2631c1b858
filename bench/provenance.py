"""Provenance on real news: does every cited source say what the briefing line says?

For each cluster of a JSONL file (``{"id", "docs", ...}``, e.g. the DUC dev sets) the docs are
written into a temporary folder and briefed by the installed CLI (``briefing build --source DIR
--format json``). For every cited source of every point (summary, issues, positions, next steps)
the check reports:

- ``evidence``: the point carries evidence for the source, the evidence sentence is in that
  source's article, and it passes the paraphrase check (briefing.provenance.text_supports);
- ``holds``: independently of the evidence given, the source's article holds *some* sentence that
  passes the paraphrase check (this is the figure that also measures builds without evidence);
- ``repeats``: sentences shown in two places of one briefing.

    python bench/provenance.py /work/shared/data/duc/*.jsonl --cli .venv/bin/briefing --show 10
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing.clean import clean_article
from briefing.models import Article
from briefing.provenance import term_rarity, text_supports
from briefing.sentences import split_sentences

# A build that takes longer than this is reported as failed, not waited for.
BUILD_TIMEOUT = 600


@dataclass
class Tally:
    """Counts over all clusters, and the failures to show."""

    cited: int = 0
    verbatim: int = 0
    evidence: int = 0
    holds: int = 0
    points: int = 0
    repeats: int = 0
    steps: int = 0
    failed_builds: int = 0
    misses: list[str] = field(default_factory=list)
    pairs: list[str] = field(default_factory=list)


def clusters(paths: list[Path]) -> Iterator[dict[str, Any]]:
    """Every cluster of the JSONL files."""
    for path in paths:
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    yield json.loads(line)


def build(cli: str, docs: list[str]) -> tuple[dict[str, Any], dict[str, str]] | None:
    """The JSON briefing of the docs, and each doc's text by file name (None when the build fails)."""
    with tempfile.TemporaryDirectory() as tmp:
        folder, out = Path(tmp) / "docs", Path(tmp) / "out"
        folder.mkdir()
        names = {}
        for number, doc in enumerate(docs, start=1):
            name = f"doc{number:03d}.txt"
            (folder / name).write_text(doc, encoding="utf-8")
            names[name] = doc
        run = subprocess.run([cli, "-q", "build", "--source", str(folder), "--format", "json", "--out", str(out)],
                             capture_output=True, text=True, timeout=BUILD_TIMEOUT, check=False)
        if run.returncode != 0:
            print(run.stderr[-500:], file=sys.stderr)
            return None
        return json.loads((out / "latest.json").read_text(encoding="utf-8")), names


def points(briefing: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every point with the name of its section."""
    for p in briefing["summary"]:
        yield "summary", p
    for p in briefing["next_steps"]:
        yield "next steps", p
    for issue in briefing["issues"]:
        for p in issue["points"]:
            yield issue["id"], p
        for pos in issue["positions"]:
            for p in pos["points"]:
                yield f"{issue['id']}/{pos['party']}", p


def check_cluster(cluster: dict[str, Any], cli: str, tally: Tally) -> None:
    """Build one cluster and add its citations to the tally."""
    built = build(cli, cluster["docs"])
    if built is None:
        tally.failed_builds += 1
        return
    briefing, docs = built
    sentences = {}
    for source in briefing["sources"]:
        text = docs[Path(source["path"]).name]
        sentences[source["id"]] = [s.text for s in split_sentences(clean_article(Article(id=source["id"], text=text)))]
    rarity = term_rarity([s for own in sentences.values() for s in own])  # as the build weighs words
    seen: set[str] = set()
    for section, point in points(briefing):
        tally.points += 1
        tally.steps += section == "next steps"
        tally.repeats += point["text"] in seen
        seen.add(point["text"])
        given = {e["source"]: e["text"] for e in point.get("evidence", [])}
        for source in point["sources"]:
            tally.cited += 1
            own = sentences.get(source, [])
            ok = source in given and given[source] in own and text_supports(point["text"], given[source],
                                                                            rarity=rarity)
            tally.evidence += ok
            if ok and given[source] == point["text"]:
                tally.verbatim += 1
            elif ok:
                tally.pairs.append(f"{cluster['id']} {section}:\n    shown: {point['text']}\n"
                                   f"    {source}: {given[source]}")
            holds = any(text_supports(point["text"], s, rarity=rarity) for s in own)
            tally.holds += holds
            if not holds:
                tally.misses.append(f"{cluster['id']} {section}: {point['text'][:140]!r} cites {source}")


def main(argv: list[str] | None = None) -> int:
    """Run the check over the given files and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--cli", default="briefing", help="the briefing command to run")
    parser.add_argument("--limit", type=int, help="only the first N clusters")
    parser.add_argument("--show", type=int, default=10, help="print this many sources that do not hold the point")
    parser.add_argument("--pairs", type=int, default=0, help="print this many paraphrase (not verbatim) citations")
    args = parser.parse_args(argv)
    tally = Tally()
    for number, cluster in enumerate(clusters(args.files)):
        if args.limit is not None and number >= args.limit:
            break
        check_cluster(cluster, args.cli, tally)
    cited = max(1, tally.cited)
    print(f"clusters with a failed build: {tally.failed_builds}")
    print(f"points: {tally.points} ({tally.steps} next steps), cited sources: {tally.cited}")
    print(f"evidence given, in its source and passing the paraphrase check: {tally.evidence} "
          f"({100 * tally.evidence / cited:.2f}%)")
    print(f"source's article holds a sentence passing the check: {tally.holds} ({100 * tally.holds / cited:.2f}%)")
    print(f"of which the very sentence shown: {tally.verbatim}; a paraphrase: {tally.evidence - tally.verbatim}")
    print(f"sentences shown twice in one briefing: {tally.repeats}")
    for miss in tally.misses[:args.show]:
        print("  not held:", miss)
    for pair in tally.pairs[:args.pairs]:
        print("  paraphrase:", pair)
    return 0


if __name__ == "__main__":
    sys.exit(main())
