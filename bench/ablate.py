"""Ablations of the coverage summarizer: ROUGE with one tuning constant changed at a time.

Each variant sets module constants (``module.NAME=value``, value a Python literal) and scores
the coverage algorithm with bench/evaluate.py's protocol; every variant runs in its own process.

Usage:
    python bench/ablate.py duc2007_update.jsonl                             # the standard ablations
    python bench/ablate.py duc2006.jsonl --focus --variant coverage.FOCUS_BOOST=0
"""

from __future__ import annotations

import argparse
import ast
import importlib
import json
import multiprocessing
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from evaluate import Protocol, evaluate, read_clusters  # noqa: E402

# name -> settings; "default" changes nothing.
STANDARD = {
    "default": (),
    "greedy (no ILP)": ("selection.SOLVER='greedy'",),
    "no position bonus": ("coverage.LEAD_BONUS=0.0",),
    "no unigram concepts": ("coverage.UNIGRAM_WEIGHT=0.0",),
    "length filter 8 words": ("coverage.MIN_SENTENCE_WORDS=8",),
    "length filter 5 words": ("coverage.MIN_SENTENCE_WORDS=5",),
}


def apply(settings: Sequence[str]) -> None:
    """Set module constants from ``briefing-module.NAME=literal`` strings."""
    for setting in settings:
        target, value = setting.split("=", 1)
        module, name = target.rsplit(".", 1)
        setattr(importlib.import_module(f"briefing.{module}"), name, ast.literal_eval(value))


def run(path: str, settings: Sequence[str], protocol: Protocol, update_only: bool) -> dict[str, float]:
    """Child body: ROUGE recall of the coverage algorithm with the settings applied."""
    apply(settings)
    every = list(read_clusters(Path(path)))
    clusters = [c for c in every if c.earlier or not update_only]
    scores = evaluate(clusters, "coverage", protocol, every)
    return {"R-1": scores.recall["rouge1"], "R-2": scores.recall["rouge2"], "sec": round(scores.seconds, 1)}


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: print a Markdown table of the variants."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data")
    parser.add_argument("--variant", action="append", default=[],
                        help="module.NAME=value[;module.NAME=value] (repeatable: one variant each)")
    parser.add_argument("--focus", action="store_true")
    parser.add_argument("--seen", action="store_true")
    parser.add_argument("--update-only", action="store_true")
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args(argv)
    variants = {v: tuple(v.split(";")) for v in args.variant} if args.variant else STANDARD
    protocol = Protocol(focus=args.focus, seen=args.seen)
    with multiprocessing.get_context("spawn").Pool(args.jobs, maxtasksperchild=1) as pool:
        pending = {name: pool.apply_async(run, (args.data, s, protocol, args.update_only))
                   for name, s in variants.items()}
        print("| variant | R-1 | R-2 | sec |\n|---|---|---|---|")
        for name, result in pending.items():
            row = result.get()
            print(f"| {name} | {row['R-1']:.2f} | {row['R-2']:.2f} | {row['sec']} |", flush=True)
    print(json.dumps({"data": args.data, "focus": args.focus, "seen": args.seen}), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
