"""Benchmark (not a test): time and memory of each stage on synthetic corpora and the seeds.

For each size (articles) a child process generates the corpus (bench/synthetic.py),
runs every stage ``--repeat`` times -- clean, split, dedup, summarize (coverage,
6 sentences and 100 words, and our LexRank path), and quotes / issues / next
steps when those modules are importable -- and reports the median wall time of
each stage and the child's peak resident memory.  sumy's own LexRank and
TextRank run on the same sentences in their own child process, up to the size
where they are expected to finish within ``--sumy-limit`` seconds.  A head-to-
head on ``--lexrank-sentences`` sentences checks that our LexRank path ranks
exactly as sumy's and measures the speed-up.

Usage:
    python bench/bench_summarize.py                 # 100, 1,000, 10,000 articles, 3 repeats
    python bench/bench_summarize.py --quick         # smoke run: small sizes, one repeat
    python bench/bench_summarize.py --sizes 1000 --repeat 5 --markdown
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("NUMPY_MADVISE_HUGEPAGE", "0")  # as briefing.cli runs: set before NumPy is imported

from synthetic import make_corpus  # noqa: E402

from briefing.dedup import group_duplicates  # noqa: E402
from briefing.models import Article, Sentence  # noqa: E402
from briefing.names import Lexicon  # noqa: E402
from briefing.sentences import split_sentences  # noqa: E402
from briefing.summarize import SummaryOptions, lexrank_scores, summarize  # noqa: E402

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
# sumy's LexRank took ~48 s on 3,630 sentences (~180 articles) on this machine: the
# starting point for predicting which sizes it can finish before the limit.
SUMY_REFERENCE = (180, 48.0)
STAGES = ("clean", "split", "dedup", "coverage", "coverage100", "lexrank", "quotes", "issues", "nextsteps")


def timed(function: Callable[[], Any]) -> tuple[float, Any]:
    """Wall seconds of one call, and its result."""
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def cpu_timed(function: Callable[[], Any]) -> tuple[float, float]:
    """Wall and CPU (this process) seconds of one call."""
    started, cpu = time.perf_counter(), time.process_time()
    function()
    return time.perf_counter() - started, time.process_time() - cpu


def load_articles(size: int | str) -> tuple[list[Article], dict[str, Any]]:
    """The seed articles or a synthetic corpus, with names for the quotes/issues stages."""
    if size == "seeds":
        articles = [Article(id=p.stem, text=p.read_text(encoding="utf-8"))
                    for p in sorted(SEEDS.glob("*.txt"))]
        return articles, {"people": ["Volodymyr Zelensky", "Vladimir Medinsky", "Rustem Umerov"],
                          "issue": ["territory", "nuclear plant", "security guarantees"]}
    stories, articles = make_corpus(int(size))
    top = stories[0]
    return articles, {"people": list(top.people), "issue": [top.topic]}


def optional_stages(articles: list[Article], by_id: dict[str, list[Sentence]], everything: list[Sentence],
                    names: dict[str, Any]) -> dict[str, Callable[[], Any]]:
    """Quotes, issues and next steps, for those modules that exist and import."""
    stages: dict[str, Callable[[], Any]] = {}
    lexicon = Lexicon({})
    try:
        from briefing.names import Person
        from briefing.quotes import QuoteOptions, extract_quotes
        people = [Person(name=n) for n in names["people"]]
        stages["quotes"] = lambda: extract_quotes(articles, by_id, people, QuoteOptions(), lexicon)
    except ImportError:
        pass
    try:
        from briefing.config import IssueConfig
        from briefing.issues import issue_sections
        issue = IssueConfig(id="main", title="Main issue", terms=names["issue"])
        stages["issues"] = lambda: issue_sections(everything, [issue], [], [], lexicon)
    except ImportError:
        pass
    try:
        from briefing.nextsteps import next_steps
        stages["nextsteps"] = lambda: next_steps(everything, lexicon)
    except ImportError:
        pass
    return stages


def run_once(raw: list[Article], names: dict[str, Any], clean: Callable[[Article], Article]) -> dict[str, Any]:
    """One pass over every stage: seconds per stage and the sentence count."""
    times: dict[str, float] = {}
    times["clean"], articles = timed(lambda: [clean(a) for a in raw])
    times["split"], split = timed(lambda: [split_sentences(a) for a in articles])
    everything = [s for part in split for s in part]
    by_id = {a.id: part for a, part in zip(articles, split, strict=True)}
    runs = {
        "dedup": lambda: group_duplicates(everything),
        "coverage": lambda: summarize(everything, SummaryOptions()),
        "coverage100": lambda: summarize(everything, SummaryOptions(sentences=None, max_words=100)),
        "lexrank": lambda: summarize(everything, SummaryOptions(algorithm="lexrank")),
        **optional_stages(articles, by_id, everything, names),
    }
    peak_summary = 0.0
    cpu: dict[str, float] = {}
    for stage, function in runs.items():
        times[stage], cpu[stage] = cpu_timed(function)
        if stage == "coverage100":  # clean, split, dedup and our summaries done: peak so far
            peak_summary = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"times": times, "cpu": cpu, "sentences": len(everything), "peak_summary_mb": peak_summary}


def run_size(size: int | str, repeat: int) -> dict[str, Any]:
    """Child process body: median stage times and peak memory for one corpus size."""
    try:
        from briefing.clean import clean_article
    except ImportError:
        def clean_article(article: Article) -> Article:
            return article
    warm, warm_names = load_articles("seeds")
    run_once(warm, warm_names, clean_article)  # imports and caches, not measured
    raw, names = load_articles(size)
    runs = [run_once(raw, names, clean_article) for _ in range(repeat)]
    medians = {s: statistics.median(r["times"][s] for r in runs) for s in STAGES if s in runs[0]["times"]}
    cpu = {s: statistics.median(r["cpu"][s] for r in runs) for s in STAGES if s in runs[0]["cpu"]}
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"size": size, "articles": len(raw), "sentences": runs[0]["sentences"], "median": medians, "cpu": cpu,
            "peak_summary_mb": round(runs[0]["peak_summary_mb"]), "peak_mb": round(peak_mb)}


def run_sumy(size: int | str, algorithm: str) -> float:
    """Child process body: seconds sumy's own summarizer takes on the corpus's sentences."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence

    from briefing.clean import clean_article
    from briefing.sentences import SumyTokenizer
    from briefing.summarize import sumy_summarizer

    raw, _ = load_articles(size)
    tokenizer = SumyTokenizer()
    paragraphs = [Paragraph([SumySentence(s.text, tokenizer) for s in split_sentences(clean_article(a))])
                  for a in raw]
    summarizer = sumy_summarizer(algorithm, "english")
    return timed(lambda: summarizer(ObjectDocumentModel(paragraphs), 6))[0]


def in_child(function: Callable[..., Any], *args: Any, timeout: float | None = None) -> Any:
    """Run a function in a fresh process (own peak memory); None when it times out."""
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        pending = pool.apply_async(function, args)
        try:
            return pending.get(timeout)
        except multiprocessing.TimeoutError:
            pool.terminate()
            return None
        except (MemoryError, RuntimeError, ValueError) as exc:  # e.g. sumy's dense n x n matrix
            print(f"{getattr(function, '__name__', function)}{args}: {exc}", file=sys.stderr)
            return None


def lexrank_head_to_head(count: int) -> dict[str, Any]:
    """Our LexRank path vs sumy's LexRankSummarizer on ``count`` synthetic sentences: time and top-10."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence

    from briefing.sentences import SumyTokenizer
    from briefing.summarize import sumy_summarizer

    _, articles = make_corpus(max(10, count // 18))
    texts = [s.text.strip() for a in articles for s in split_sentences(a)][:count]
    lexrank_scores(texts[:50])  # warm the stemmer and imports
    ours, scores = timed(lambda: lexrank_scores(texts))
    tokenizer = SumyTokenizer()
    document = ObjectDocumentModel([Paragraph([SumySentence(t, tokenizer) for t in texts])])
    ranked: list[int] = []
    summarizer = sumy_summarizer("lexrank", "english")

    def record(infos: Sequence[Any]) -> list[Any]:
        ranked.extend(info.order for info in infos)
        return []

    theirs, _ = timed(lambda: summarizer(document, record))
    top = sorted(range(len(texts)), key=lambda k: -scores[k])[:10]
    return {"sentences": len(texts), "ours_s": round(ours, 3), "sumy_s": round(theirs, 2),
            "speedup": round(theirs / ours), "same_top10": top == ranked[:10]}


def table(rows: Sequence[dict[str, Any]], sumy: dict[str, dict[str, str]], markdown: bool) -> str:
    """The results as a fixed-width or Markdown table (seconds; peak MB)."""
    present = [s for s in STAGES if any(s in r["median"] for r in rows)]
    head = ["size", "articles", "sentences", *present, "peak MB to summary", "peak MB", "sumy lexrank",
            "sumy textrank"]
    body = [[str(r["size"]), str(r["articles"]), str(r["sentences"]),
             *(f"{r['median'][s]:.3f}" if s in r["median"] else "-" for s in present),
             str(r["peak_summary_mb"]), str(r["peak_mb"]),
             sumy[str(r["size"])].get("lexrank", "-"), sumy[str(r["size"])].get("textrank", "-")]
            for r in rows]
    if markdown:
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in body])
    widths = [max(len(h), *(len(row[k]) for row in body)) for k, h in enumerate(head)]
    lines = ["  ".join(c.rjust(w) for c, w in zip(line, widths, strict=True)) for line in [head, *body]]
    return "\n".join(lines)


def growth(rows: Sequence[dict[str, Any]], small: int = 1000, large: int = 10000) -> str:
    """Issue 9's growth figure: the coverage stage at ``large`` articles over ``small``, wall and CPU."""
    by_size = {r["size"]: r for r in rows if r is not None}
    if small not in by_size or large not in by_size:
        return f"Growth: needs sizes {small} and {large}."
    figures = [f"{by_size[small][kind]['coverage']:.2f} -> {by_size[large][kind]['coverage']:.2f} s = "
               f"{by_size[large][kind]['coverage'] / by_size[small][kind]['coverage']:.1f} x"
               for kind in ("median", "cpu")]
    return f"Growth of the coverage stage, {small:,} -> {large:,} articles: wall " + "; CPU ".join(figures)


def sumy_times(sizes: Sequence[int | str], limit: float) -> dict[str, dict[str, str]]:
    """sumy LexRank/TextRank seconds per size; sizes predicted (quadratically) over the limit are skipped."""
    out: dict[str, dict[str, str]] = {str(s): {} for s in sizes}
    for algorithm in ("lexrank", "textrank"):
        last: tuple[int, float] | None = SUMY_REFERENCE
        for size in sizes:
            n = 5 if size == "seeds" else int(size)
            if last and last[1] * (n / last[0]) ** 2 > limit:
                out[str(size)][algorithm] = f">{limit:.0f} (est. {last[1] * (n / last[0]) ** 2:.0f})"
                continue
            seconds = in_child(run_sumy, size, algorithm, timeout=limit)
            out[str(size)][algorithm] = f"{seconds:.2f}" if seconds is not None else f">{limit:.0f}"
            if seconds is not None and size != "seeds":
                last = (n, seconds)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: run the benchmark and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000],
                        help="corpus sizes (articles)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size; the median is reported")
    parser.add_argument("--quick", action="store_true", help="smoke run: sizes 20 and 100, one repeat")
    parser.add_argument("--sumy-limit", type=float, default=300.0, help="seconds allowed to sumy per run")
    parser.add_argument("--lexrank-sentences", type=int, default=3600, help="head-to-head size")
    parser.add_argument("--markdown", action="store_true", help="Markdown tables (for bench/RESULTS.md)")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.repeat, args.sumy_limit, args.lexrank_sentences = [20, 100], 1, 30.0, 400
    sizes: list[int | str] = ["seeds", *args.sizes]
    rows = []
    for size in sizes:
        rows.append(in_child(run_size, size, args.repeat))
        print(f"size {size}: {json.dumps(rows[-1])}", file=sys.stderr, flush=True)
    sumy = sumy_times(sizes, args.sumy_limit)
    print(f"Median of {args.repeat} run(s), seconds per stage; peak MB = child process max RSS "
          "(to summary: after clean, split, dedup and both coverage summaries; overall: after every stage).")
    print(table(rows, sumy, args.markdown))
    print(growth(rows))
    print()
    print(f"LexRank head-to-head: {json.dumps(in_child(lexrank_head_to_head, args.lexrank_sentences))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
