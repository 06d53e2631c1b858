"""Score summarization algorithms with ROUGE against reference summaries (DUC style).

Input: JSON lines ``{"id", "docs": [article text, ...], "refs": [reference summary, ...]}``, optionally
with ``"words"`` (the cluster's length limit, default 100), ``"topic"`` (a query) and ``"earlier"``
(ids of clusters the reader has already read, DUC 2007 update task).  Each algorithm summarizes each
cluster's docs with the cluster's word budget (or ``--max-words``), exactly as ``briefing summarize
--max-words N`` does; summary and references are truncated to that many words, and ROUGE-1, ROUGE-2
and ROUGE-L recall and F1 (Porter stemming, stop words kept, as ROUGE-1.5.5 ``-m -n 2 -l N``) are
averaged over the references of a cluster (``-f A``), then over the clusters.  ``--focus`` passes
the topic as the summary's focus (``briefing summarize --focus``), ``--seen`` the earlier clusters'
docs as already read (``briefing summarize --seen``); ``--update-only`` scores only clusters that
have earlier ones; ``--flatten`` joins each article into one line first (feeds that lose paragraph breaks);
``--compress`` lets trimmed readings of the sentences compete with them (briefing.compression; off by default).

Usage:
    python bench/evaluate.py bench/data/seeds.jsonl                # coverage only
    python bench/evaluate.py data.jsonl --algorithm all --clean    # every algorithm, cleaned docs
    python bench/evaluate.py data.jsonl --json                     # machine-readable scores
    python bench/evaluate.py duc2006.jsonl --focus                 # query-focused, 250 words
    python bench/evaluate.py duc2007_update.jsonl --update-only --seen
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from rouge_score import rouge_scorer

from briefing.config import ALGORITHMS
from briefing.summarize import SummaryOptions, summarize_documents

ROUGE_TYPES = ("rouge1", "rouge2", "rougeL")
# DUC 2004 task 2 and most later work score the first 100 words: the default limit.
TRUNCATE_WORDS = 100


@dataclass(frozen=True, slots=True)
class Cluster:
    """One evaluation item: documents to summarize and the human references."""

    id: str
    docs: tuple[str, ...]
    refs: tuple[str, ...]
    words: int = TRUNCATE_WORDS
    topic: str = ""
    earlier: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Scores:
    """Mean ROUGE recall and F1 (in percent) of one algorithm over the clusters."""

    algorithm: str
    recall: dict[str, float]
    f1: dict[str, float]
    seconds: float
    clusters: int


def read_clusters(path: Path) -> Iterator[Cluster]:
    """The clusters of a JSON-lines file."""
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if line.strip():
                item = json.loads(line)
                if not item.get("docs") or not item.get("refs"):
                    raise ValueError(f"{path}:{number}: needs non-empty 'docs' and 'refs'")
                yield Cluster(str(item.get("id", number)), tuple(item["docs"]), tuple(item["refs"]),
                              int(item.get("words") or TRUNCATE_WORDS), str(item.get("topic") or ""),
                              tuple(item.get("earlier") or ()))


def truncate(text: str, limit: int = TRUNCATE_WORDS) -> str:
    """The first ``limit`` whitespace-separated words of a text."""
    return " ".join(text.split()[:limit])


def rouge(summary: str, refs: Sequence[str],
          limit: int = TRUNCATE_WORDS) -> tuple[dict[str, float], dict[str, float]]:
    """ROUGE recall and F1 of one summary, averaged over its references."""
    scorer = rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=True)
    per_ref = [scorer.score(truncate(ref, limit), truncate(summary, limit)) for ref in refs]
    recall = {t: statistics.fmean(s[t].recall for s in per_ref) for t in ROUGE_TYPES}
    f1 = {t: statistics.fmean(s[t].fmeasure for s in per_ref) for t in ROUGE_TYPES}
    return recall, f1


def clean_docs(docs: Sequence[str]) -> list[str]:
    """Docs through briefing.clean (prose only), when that module is available."""
    try:
        from briefing.clean import clean_text
    except ImportError:
        return list(docs)
    return [clean_text(doc) for doc in docs]


@dataclass(frozen=True, slots=True)
class Protocol:
    """How clusters are summarized: word budget (None = each cluster's), cleaning, focus, seen sets."""

    max_words: int | None = None
    clean: bool = False
    focus: bool = False
    seen: bool = False
    flatten: bool = False


def flattened(text: str) -> str:
    """The article as one line, as feeds that lose paragraph breaks deliver it."""
    return " ".join(text.split())


def summary_of(cluster: Cluster, algorithm: str, protocol: Protocol,
               by_id: dict[str, Cluster]) -> str:
    """The summary text of one cluster under the protocol."""
    words = protocol.max_words or cluster.words
    focus = ((cluster.topic,),) if protocol.focus and cluster.topic else ()
    options = SummaryOptions(algorithm=algorithm, sentences=None, max_words=words, focus=focus)
    docs = [flattened(d) for d in cluster.docs] if protocol.flatten else list(cluster.docs)
    docs = clean_docs(docs) if protocol.clean else docs
    seen = [flattened(d) if protocol.flatten else d
            for e in cluster.earlier if protocol.seen and e in by_id for d in by_id[e].docs]
    return " ".join(p.text for p in summarize_documents(docs, options, seen=seen))


def evaluate(clusters: Sequence[Cluster], algorithm: str, protocol: Protocol = Protocol(),
             every: Sequence[Cluster] = ()) -> Scores:
    """Mean ROUGE of one algorithm over the clusters (``every``: all clusters, for earlier sets)."""
    recalls, f1s = [], []
    by_id = {c.id: c for c in (every or clusters)}
    started = time.perf_counter()
    for cluster in clusters:
        summary = summary_of(cluster, algorithm, protocol, by_id)
        recall, f1 = rouge(summary, cluster.refs, protocol.max_words or cluster.words)
        recalls.append(recall)
        f1s.append(f1)
    seconds = time.perf_counter() - started
    return Scores(algorithm, _mean(recalls), _mean(f1s), seconds, len(clusters))


def _mean(rows: Sequence[dict[str, float]]) -> dict[str, float]:
    return {t: round(100 * statistics.fmean(r[t] for r in rows), 2) for t in ROUGE_TYPES}


def table(results: Sequence[Scores]) -> str:
    """A fixed-width table of the scores."""
    names = " ".join(f"{n:>6}" for n in ("R1-R", "R1-F", "R2-R", "R2-F", "RL-R", "RL-F"))
    head = f"{'algorithm':<10} {names} {'sec':>7}"
    lines = [head, "-" * len(head)]
    for s in results:
        cells = " ".join(f"{s.recall[t]:6.2f} {s.f1[t]:6.2f}" for t in ROUGE_TYPES)
        lines.append(f"{s.algorithm:<10} {cells} {s.seconds:7.2f}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: score the chosen algorithms on a JSON-lines file."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", type=Path, help="JSON lines with id, docs and refs")
    parser.add_argument("--algorithm", action="append", choices=(*ALGORITHMS, "all"),
                        help="algorithm to score (repeatable; default coverage)")
    parser.add_argument("--max-words", type=int, help="summary word budget (default: each cluster's words)")
    parser.add_argument("--clean", action="store_true", help="run briefing.clean on the docs first")
    parser.add_argument("--focus", action="store_true", help="the cluster's topic is the summary's focus")
    parser.add_argument("--seen", action="store_true", help="the earlier clusters' docs count as already read")
    parser.add_argument("--update-only", action="store_true", help="score only clusters with earlier ones")
    parser.add_argument("--flatten", action="store_true", help="docs (and seen docs) without paragraph breaks")
    parser.add_argument("--compress", action="store_true",
                        help="trimmed readings compete with their sentences (briefing.coverage.COMPRESS)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    if args.compress:
        from briefing import coverage

        coverage.COMPRESS = True
    chosen = args.algorithm or ["coverage"]
    algorithms = list(ALGORITHMS) if "all" in chosen else chosen
    every = list(read_clusters(args.data))
    clusters = [c for c in every if c.earlier or not args.update_only]
    protocol = Protocol(args.max_words, args.clean, args.focus, args.seen, args.flatten)
    results = [evaluate(clusters, a, protocol, every) for a in algorithms]
    if args.json:
        rows = [{"algorithm": s.algorithm, "recall": s.recall, "f1": s.f1, "seconds": round(s.seconds, 3),
                 "clusters": s.clusters} for s in results]
        print(json.dumps(rows, indent=2))
    else:
        limits = sorted({args.max_words or c.words for c in clusters})
        flags = "".join(f", {name}" for name in ("focus", "seen", "clean", "flatten") if getattr(protocol, name))
        flags += ", compress" if args.compress else ""
        print(f"{len(clusters)} clusters from {args.data}, {'/'.join(map(str, limits))}-word summaries{flags}")
        print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
