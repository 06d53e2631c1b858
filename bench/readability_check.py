"""Readability check (not a test): the dev clusters' summaries have no dangling opener, no leaning
subject ("One of them", "The company's chief"), no surname whose person no line before names in
full, no near-duplicate pair and no reaction as their lede (briefing.readability.summary_problems).

Usage:
    python bench/readability_check.py ../shared/data/duc/duc2007_update.jsonl ../shared/data/duc/duc2006.jsonl
    python bench/readability_check.py data.jsonl --focus --seen --show 20
Exit status 1 when any summary has a problem.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from evaluate import Cluster, Protocol, flattened, read_clusters  # noqa: E402

from briefing.compression import origin  # noqa: E402
from briefing.models import Sentence  # noqa: E402
from briefing.readability import Problem, full_name_words, summary_problems  # noqa: E402
from briefing.summarize import SummaryOptions, document_sentences, summarize  # noqa: E402


def cluster_problems(cluster: Cluster, protocol: Protocol, by_id: dict[str, Cluster]) -> list[Problem]:
    """The problems of one cluster's summary, made as bench/evaluate.py makes it."""
    shape = flattened if protocol.flatten else str
    sentences = document_sentences([shape(d) for d in cluster.docs], "doc")
    seen = document_sentences([shape(d) for e in cluster.earlier if protocol.seen and e in by_id
                               for d in by_id[e].docs], "seen")
    focus = ((cluster.topic,),) if protocol.focus and cluster.topic else ()
    options = SummaryOptions(sentences=None, max_words=protocol.max_words or cluster.words, focus=focus)
    points = summarize(sentences, options, seen=seen)
    where = {(s.article_id, s.index): s.text for s in sentences}
    found = [source_of(p.text, sentences) for p in points]
    before = [where.get((s.article_id, s.index - 1)) for s in found]
    return summary_problems([p.text for p in points], before, full_name_words([s.text for s in sentences]))


def source_of(text: str, sentences: Sequence[Sentence]) -> Sentence:
    """The sentence a summary line comes from: the same text, else the one a trim of it was cut from."""
    return sentences[origin(text, [s.text for s in sentences]) or 0]


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: count the problems over every cluster of the files."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", nargs="+", type=Path)
    parser.add_argument("--focus", action="store_true")
    parser.add_argument("--seen", action="store_true")
    parser.add_argument("--flatten", action="store_true", help="articles without paragraph breaks")
    parser.add_argument("--show", type=int, default=10, help="problems to print")
    args = parser.parse_args(argv)
    found: list[tuple[str, Problem]] = []
    summaries = 0
    protocol = Protocol(focus=args.focus, seen=args.seen, flatten=args.flatten)
    for path in args.data:
        every = list(read_clusters(path))
        by_id = {c.id: c for c in every}
        for cluster in every:
            found += [(cluster.id, p) for p in cluster_problems(cluster, protocol, by_id)]
            summaries += 1
    kinds = Counter(p.kind for _, p in found)
    print(f"{summaries} summaries: {len(found)} problems {dict(kinds)}")
    for cluster_id, problem in found[:args.show]:
        print(f"  {cluster_id} line {problem.line} {problem.kind}: {problem.text[:100]}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
