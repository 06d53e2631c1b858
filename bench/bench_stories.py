"""Benchmark and dev evaluation (not a test) of story focus, clustering and persistence.

Scored through the installed CLI, as a user runs it, on a DUC-style JSONL file (one
cluster a line: {"id", "docs": [article texts], "topic"}); the articles are written to a
temporary folder, never into the project.

    python bench/bench_stories.py focus   DATA.jsonl --draws 50 [--library]
    python bench/bench_stories.py cluster DATA.jsonl [--flatten] [--max-docs 10]
    python bench/bench_stories.py persist DATA.jsonl --batches 5 [--max-docs 10]
    python bench/bench_stories.py speed   --sizes 10000 --history-days 30 --day 1000 [--cli]
    python bench/bench_stories.py seeds   --repeat 5

focus: mixes 6 clusters, uses one cluster's `topic` as --about, and scores the kept
articles (precision/recall, micro-averaged). cluster: B-cubed precision/recall/F1 of
`briefing stories` against the clusters. persist: the articles in date-ordered batches as
editions (dates parsed from the text where it gives one, else the order of the cluster),
counting articles that join the story their cluster began in, and the B-cubed scores of the
stories stored after the last edition (a join won by merging two stories costs precision
there). --max-docs N keeps each cluster's first N articles (small stories). speed: synthetic
articles (bench/synthetic.py) through the library and the CLI, in child processes for peak memory.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

BRIEFING = str(ROOT / ".venv" / "bin" / "briefing")
# The exit status of an edition published with some sources failed (a few DUC files clean to nothing).
PARTIAL = 4
# A dateline date near the top of an article ("March 3, 1998", "1998-03-03").
DATE_NEAR_TOP = re.compile(r"\b(?:January|February|March|April|May|June|July|August|September|October|"
                           r"November|December) \d{1,2}, (?:19|20)\d\d\b|\b(?:19|20)\d\d-\d\d-\d\d\b")


@dataclass(frozen=True, slots=True)
class Doc:
    """One article of the data: where it was written, its gold cluster and its order in it."""

    path: str
    cluster: int
    order: int
    text: str


MAX_DOCS = 0  # --max-docs: only the first N articles of each cluster (small stories), 0: all


def load(path: Path) -> list[dict[str, Any]]:
    """The clusters of a JSONL file (each cut to its first MAX_DOCS articles when set)."""
    clusters = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [{**c, "docs": c["docs"][:MAX_DOCS]} for c in clusters] if MAX_DOCS else clusters


FLATTEN = False  # --flatten: articles without paragraph breaks, as some held-out sets are


def write_docs(clusters: Sequence[dict[str, Any]], folder: Path, which: Sequence[int]) -> list[Doc]:
    """Write the articles of the chosen clusters as .txt files named by a hash of their text."""
    folder.mkdir(parents=True, exist_ok=True)
    docs = []
    for index in which:
        for order, text in enumerate(clusters[index]["docs"]):
            text = " ".join(text.split()) if FLATTEN else text
            name = hashlib.sha1(f"{index}/{order}/{text}".encode()).hexdigest()[:16] + ".txt"
            (folder / name).write_text(text, encoding="utf-8")
            docs.append(Doc(str((folder / name).resolve()), index, order, text))
    return docs


def run_cli(*args: str) -> str:
    """Run the briefing CLI; its stdout."""
    done = subprocess.run([BRIEFING, "-q", *args], capture_output=True, text=True, check=False)
    if done.returncode not in (0, PARTIAL):
        raise SystemExit(f"briefing {' '.join(args[:3])}... failed: {done.stderr[-2000:]}")
    return done.stdout


def focus(data: Path, draws: int, mix: int, seed: int, library: bool,
          threshold: float | None = None) -> dict[str, Any]:
    """Precision and recall of the articles a focused build keeps, micro-averaged over draws."""
    clusters = load(data)
    rng = random.Random(seed)
    tp = fp = fn = 0
    misses: list[str] = []
    for draw in range(draws):
        chosen = rng.sample(range(len(clusters)), mix)
        with tempfile.TemporaryDirectory() as tmp:
            docs = write_docs(clusters, Path(tmp) / "in", chosen)
            about = clusters[chosen[0]]["topic"]
            kept = (kept_library(Path(tmp) / "in", about, threshold) if library
                    else kept_cli(Path(tmp), about))
        gold = {d.path for d in docs if d.cluster == chosen[0]}
        tp, fp, fn = tp + len(kept & gold), fp + len(kept - gold), fn + len(gold - kept)
        if kept != gold:
            misses.append(f"draw {draw} {clusters[chosen[0]]['id']}: kept {len(kept & gold)}/{len(gold)}, "
                          f"+{len(kept - gold)} wrong")
    precision, recall = tp / max(1, tp + fp), tp / max(1, tp + fn)
    return {"draws": draws, "precision": round(precision, 4), "recall": round(recall, 4), "misses": misses}


def kept_cli(tmp: Path, about: str) -> set[str]:
    """The paths a `briefing build --source --about` keeps."""
    run_cli("build", "--source", str(tmp / "in"), "--about", about, "--format", "json", "--out", str(tmp / "out"))
    data = json.loads((tmp / "out" / "latest.json").read_text(encoding="utf-8"))
    return {s["path"] for s in data["sources"]}


def kept_library(folder: Path, about: str, threshold: float | None = None) -> set[str]:
    """The same selection through the library (read, clean, focus; no analysis): fast, for calibration."""
    from briefing.config import load_config, sources_config
    from briefing.focus import story_focus
    from briefing.pipeline import read_corpus
    from briefing.stories import cluster_articles

    focus = {} if threshold is None else {"focus": {"threshold": threshold}}
    config = load_config(None, {**sources_config([str(folder)]), "about": about, **focus})
    articles = read_corpus(config).articles
    result = story_focus(config, articles, cluster_articles(articles))
    return {a.path for a in articles if a.id in result.kept}


def bcubed(pred: dict[str, str], gold: dict[str, int]) -> dict[str, float]:
    """B-cubed precision, recall and F1 of a clustering against gold clusters."""
    pairs = Counter((pred[k], gold[k]) for k in gold)
    sizes_p, sizes_g = Counter(pred[k] for k in gold), Counter(gold.values())
    p = sum(pairs[(pred[k], gold[k])] / sizes_p[pred[k]] for k in gold) / len(gold)
    r = sum(pairs[(pred[k], gold[k])] / sizes_g[gold[k]] for k in gold) / len(gold)
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4)}


def cluster(data: Path) -> dict[str, Any]:
    """B-cubed F1 and story count of `briefing stories --format json` over every article."""
    clusters = load(data)
    with tempfile.TemporaryDirectory() as tmp:
        docs, folders = [], []
        for part in range(0, len(clusters), 10):  # folders of <= 250 files (under fetch.max_entries)
            folder = Path(tmp) / f"part{part}"
            docs += write_docs(clusters, folder, range(part, min(part + 10, len(clusters))))
            folders += ["--source", str(folder)]
        started = time.perf_counter()
        out = json.loads(run_cli("stories", *folders, "--format", "json"))
        seconds = time.perf_counter() - started
    pred = {a["path"]: s["id"] for s in out["stories"] for a in s["articles"]}
    gold = {d.path: d.cluster for d in docs if d.path in pred}  # unreadable files are not scored
    return {"articles": len(gold), "unread": len(docs) - len(gold), "clusters": len(clusters),
            "stories": len(out["stories"]),
            **bcubed(pred, gold), "seconds": round(seconds, 2)}


def batch_of(doc: Doc, size: int, batches: int) -> int:
    """The batch (edition) of an article by its order in its cluster (few DUC texts carry a date)."""
    return min(batches - 1, doc.order * batches // size)


def persist(data: Path, batches: int) -> dict[str, Any]:
    """Share of later articles that join the story their cluster began in earlier editions."""
    clusters = load(data)
    dated = sum(1 for c in clusters for d in c["docs"] if DATE_NEAR_TOP.search(d[:300]))
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        docs = write_docs(clusters, root / "all", range(len(clusters)))
        days = [root / f"day{b}" for b in range(batches)]
        for doc in docs:
            target = days[batch_of(doc, len(clusters[doc.cluster]["docs"]), batches)]
            target.mkdir(exist_ok=True)
            (target / Path(doc.path).name).write_text(doc.text, encoding="utf-8")
        members: dict[str, str] = {}
        joined = later = 0
        earlier: dict[int, list[str]] = {}
        for b, folder in enumerate(days):
            config = root / f"day{b}.yaml"
            config.write_text(json.dumps({
                "title": "World", "sources": [{"name": "world", "path": str(folder)}],
                "state": {"database": str(root / "state.db")}, "output": {"dir": str(root / "out"),
                                                                         "formats": ["json"]}}))
            run_cli("build", "--config", str(config), "--date", (date(2026, 1, 1) + timedelta(days=b)).isoformat())
            members = story_members(root / "state.db")
            batch = [(d, key) for d in docs if (key := str(folder / Path(d.path).name)) in members]
            for doc, key in batch:  # unread files are not scored
                if doc.cluster in earlier:  # the story the cluster's earlier articles are in now
                    began = Counter(members[k] for k in earlier[doc.cluster]).most_common(1)[0][0]
                    later += 1
                    joined += members[key] == began
            for doc, key in batch:
                earlier.setdefault(doc.cluster, []).append(key)
    gold = {key: d.cluster for d in docs for f in days if (key := str(f / Path(d.path).name)) in members}
    return {"batches": batches, "articles": len(docs), "scored": len(gold), "dated_in_text": dated,
            "later_articles": later,
            "joined": round(joined / max(1, later), 4), "stories": len(set(members.values())),
            "final": bcubed({k: members[k] for k in gold}, gold)}  # joining by merging stories costs precision


def story_members(database: Path) -> dict[str, str]:
    """article identity -> story id, as the story store holds them."""
    with sqlite3.connect(database) as conn:
        return dict(conn.execute("SELECT article, story FROM story_members").fetchall())


def speed(sizes: Sequence[int], history_days: int, day: int, cli: bool) -> list[dict[str, Any]]:
    """Library timings of clustering synthetic corpora and of adding a day to a history."""
    rows = [child(["cluster", str(n)]) for n in sizes]
    rows.append(child(["history", str(history_days), str(day)]))
    if cli:
        rows += [stories_cli(n) for n in sizes]
    return rows


def stories_cli(size: int) -> dict[str, Any]:
    """`briefing stories` end to end (read, clean, split, cluster) on synthetic article files."""
    from synthetic import make_corpus

    _, articles = make_corpus(size)
    with tempfile.TemporaryDirectory() as tmp:
        folders = []
        for start in range(0, size, 500):  # fetch.max_entries files a folder
            folder = Path(tmp) / f"f{start}"
            folder.mkdir()
            for a in articles[start:start + 500]:
                (folder / f"{a.id}.txt").write_text(a.text, encoding="utf-8")
            folders += ["--source", str(folder)]
        started = time.perf_counter()
        found = json.loads(run_cli("stories", *folders, "--format", "json"))["stories"]
        seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    return {"what": f"`briefing stories` CLI on {size} files", "stories": len(found),
            "seconds": round(seconds, 2), "peak_mb": peak}


def child(args: list[str]) -> dict[str, Any]:
    """Run one measurement in a fresh process (peak memory is the child's own)."""
    out = subprocess.run([sys.executable, __file__, "_child", *args], capture_output=True, text=True, check=True)
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def _child(args: list[str]) -> None:
    from synthetic import make_corpus

    from briefing.stories import cluster_articles
    from briefing.storystore import StoryStore

    if args[0] == "cluster":
        _, articles = make_corpus(int(args[1]))
        started = time.perf_counter()
        found = cluster_articles(articles)
        print(json.dumps({"what": f"stories on {args[1]} articles", "stories": len(found),
                          "seconds": round(time.perf_counter() - started, 2), "peak_mb": peak_mb()}))
        return
    days, per_day = int(args[1]), int(args[2])
    _, articles = make_corpus(per_day * (days + 1), seed=11)
    with tempfile.TemporaryDirectory() as tmp:
        store = StoryStore(f"sqlite:///{tmp}/state.db", window_days=days)
        start = date(2026, 1, 1)
        for d in range(days):
            store.update(articles[d * per_day:(d + 1) * per_day], start + timedelta(days=d))
        started = time.perf_counter()
        found = store.update(articles[days * per_day:], start + timedelta(days=days))
        seconds = time.perf_counter() - started
        store.close()
    print(json.dumps({"what": f"add a day of {per_day} to {days} days", "stories": len(found),
                      "seconds": round(seconds, 2), "peak_mb": peak_mb()}))


def seeds(repeat: int) -> dict[str, Any]:
    """Seeds build time with story focus and with it bypassed (median of runs, one warm process)."""
    import statistics

    import briefing.pipeline as pipeline
    from briefing.config import load_config
    from briefing.focus import Focus

    config = load_config(ROOT / "config" / "briefing.yaml")
    focused = pipeline.focus_corpus

    def timed() -> float:
        started = time.perf_counter()
        pipeline.build_briefing(config)
        return time.perf_counter() - started

    bypass = lambda _c, corpus, _s, _d: (corpus, Focus(frozenset()))  # noqa: E731
    timed()  # warm-up: imports and caches
    runs: dict[bool, list[float]] = {True: [], False: []}
    for _ in range(repeat):  # interleaved, so a busy machine slows both alike
        for focus_on in (True, False):
            pipeline.focus_corpus = focused if focus_on else bypass  # type: ignore[assignment]
            runs[focus_on].append(timed())
    pipeline.focus_corpus = focused
    with_focus, without = statistics.median(runs[True]), statistics.median(runs[False])
    return {"seeds_with_focus": round(with_focus, 3), "seeds_without": round(without, 3),
            "growth": round(with_focus / without - 1, 3)}


def peak_mb() -> int:
    """This process's peak resident memory in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def main() -> None:
    """Command line."""
    if len(sys.argv) > 1 and sys.argv[1] == "_child":
        _child(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("task", choices=["focus", "cluster", "persist", "speed", "seeds"])
    parser.add_argument("data", nargs="?", type=Path)
    parser.add_argument("--draws", type=int, default=50)
    parser.add_argument("--mix", type=int, default=6)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--library", action="store_true", help="focus through the library, not the CLI")
    parser.add_argument("--threshold", type=float, help="focus.threshold to try (with --library)")
    parser.add_argument("--batches", type=int, default=5)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    parser.add_argument("--history-days", type=int, default=30)
    parser.add_argument("--day", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--cli", action="store_true", help="speed: also time the CLI end to end")
    parser.add_argument("--flatten", action="store_true", help="write articles without paragraph breaks")
    parser.add_argument("--max-docs", type=int, default=0, help="only the first N articles of each cluster")
    options = parser.parse_args()
    global FLATTEN, MAX_DOCS
    FLATTEN, MAX_DOCS = options.flatten, options.max_docs
    if options.task not in ("speed", "seeds") and options.data is None:
        parser.error(f"{options.task} needs a DATA.jsonl file")
    if options.task == "focus":
        result: Any = focus(options.data, options.draws, options.mix, options.seed, options.library,
                            options.threshold)
    elif options.task == "cluster":
        result = cluster(options.data)
    elif options.task == "seeds":
        result = seeds(options.repeat)
    elif options.task == "persist":
        result = persist(options.data, options.batches)
    else:
        result = speed(options.sizes, options.history_days, options.day, options.cli)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
