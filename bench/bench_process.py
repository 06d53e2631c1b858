"""Benchmark (not a test): whole processes, wall time, as a user runs them -- start-up included.

- ``briefing build`` on the seeds (the sample config);
- ``briefing summarize --max-words 100`` on 150 DUC-like synthetic articles (bench/synthetic.py,
  ~20 sentences each, as a DUC cluster's newswire), against sumy's LexRankSummarizer as a whole
  process on the same articles (our offline tokenizer, since sumy's needs NLTK data);
- ``briefing summarize`` and ``briefing build --source`` on 1,000 and 10,000 synthetic articles;
- the start-up profile: the heaviest imports of ``briefing build`` (``python -X importtime``).

Each command runs ``--repeat`` times (sumy ``--sumy-repeat`` times); medians are printed.

Usage:
    python bench/bench_process.py                        # everything (sumy takes a few minutes)
    python bench/bench_process.py --sizes 1000 --no-sumy
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import make_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
# sumy's LexRank as a whole process: read the files, split, rank, print the top sentences.
SUMY_SCRIPT = """
import sys
from pathlib import Path
from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
from sumy.nlp.stemmers import Stemmer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.utils import get_stop_words
from briefing.sentences import SumyTokenizer
tokenizer = SumyTokenizer()
paragraphs = [Paragraph([Sentence(s, tokenizer) for s in tokenizer.to_sentences(Path(f).read_text())])
              for f in sys.argv[1:]]
summarizer = LexRankSummarizer(Stemmer("english"))
summarizer.stop_words = get_stop_words("english")
for sentence in summarizer(ObjectDocumentModel(paragraphs), 5):
    print(sentence)
"""


def wall(command: Sequence[str], cwd: Path = ROOT) -> float:
    """Seconds one process takes from start to exit (its output discarded; a failure raises)."""
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def median_wall(command: Sequence[str], repeat: int) -> float:
    """Median wall seconds over repeat runs."""
    return statistics.median(wall(command) for _ in range(repeat))


def write_corpus(size: int, folder: Path) -> list[str]:
    """A synthetic corpus of ``size`` articles as text files; their paths."""
    _, articles = make_corpus(size)
    paths = []
    for article in articles:
        path = folder / f"{article.id}.txt"
        path.write_text(article.text, encoding="utf-8")
        paths.append(str(path))
    return paths


def import_profile(top: int = 8) -> list[str]:
    """The heaviest cumulative imports of ``briefing build`` on the seeds."""
    with tempfile.TemporaryDirectory() as out:
        done = subprocess.run([str(BIN / "python"), "-X", "importtime", "-m", "briefing", "build", "--out", out],
                              cwd=ROOT, capture_output=True, text=True, check=True)
    rows = []
    for line in done.stderr.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            rows.append((int(parts[1]), parts[2].rstrip()))
    return [f"{us / 1e6:6.3f} s {name}" for us, name in sorted(rows, reverse=True)[:top]]


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: print the whole-process timings as Markdown."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sumy-repeat", type=int, default=1)
    parser.add_argument("--no-sumy", action="store_true")
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000])
    args = parser.parse_args(argv)
    briefing = str(BIN / "briefing")
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        seeds = median_wall([briefing, "build", "--out", str(out)], args.repeat)
        rows.append(("briefing build (seeds)", f"{seeds:.2f}"))
        duc_like = Path(tmp) / "150"
        duc_like.mkdir()
        files = write_corpus(150, duc_like)
        ours = median_wall([briefing, "summarize", "--max-words", "100", *files], args.repeat)
        rows.append(("briefing summarize --max-words 100 (150 articles)", f"{ours:.2f}"))
        if not args.no_sumy:
            theirs = median_wall([str(BIN / "python"), "-c", SUMY_SCRIPT, *files], args.sumy_repeat)
            rows.append(("sumy LexRank, whole process (150 articles)", f"{theirs:.1f}"))
            rows.append(("speed-up", f"{theirs / ours:.0f} x"))
        for size in args.sizes:
            folder = Path(tmp) / str(size)
            folder.mkdir()
            write_corpus(size, folder)
            repeat = args.repeat if size <= 1000 else 1
            summary = median_wall([briefing, "summarize", "--max-words", "100", str(folder)], repeat)
            build = median_wall([briefing, "build", "--source", str(folder), "--out", str(out)], repeat)
            rows += [(f"briefing summarize ({size:,} articles)", f"{summary:.2f}"),
                     (f"briefing build --source ({size:,} articles)", f"{build:.2f}")]
    print(f"Whole processes, wall seconds, median of {args.repeat} (10,000: one run); {os.cpu_count()} cores")
    print("| command | seconds |\n|---|---|")
    print("\n".join(f"| {name} | {value} |" for name, value in rows))
    print("\nStart-up profile of `briefing build` (cumulative import time):")
    print("\n".join(f"    {line}" for line in import_profile()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
