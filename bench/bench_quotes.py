"""Quote extraction and attribution on the synthetic corpus: seconds for the quotes stage.

    .venv/bin/python bench/bench_quotes.py --size 1000 --repeat 3

The target (issue 8) is at most 8 s on the 1,000-article corpus, model loading included:
the first run in the process is measured, so a lazily loaded parser counts.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import make_corpus  # noqa: E402

from briefing.clean import clean_article  # noqa: E402
from briefing.names import Lexicon, Person  # noqa: E402
from briefing.quotes import QuoteOptions, extract_quotes  # noqa: E402
from briefing.sentences import split_sentences  # noqa: E402


def main() -> None:
    """Time extract_quotes on one synthetic corpus, first run (cold) and the median of the rest."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    stories, raw = make_corpus(args.size)
    articles = [clean_article(a) for a in raw]
    by_id = {a.id: split_sentences(a) for a in articles}
    people = [Person(name=n) for n in stories[0].people]
    times, quotes = [], []
    for _ in range(args.repeat):
        started = time.perf_counter()
        quotes = extract_quotes(articles, by_id, people, QuoteOptions(), Lexicon({}))
        times.append(time.perf_counter() - started)
    attributed = sum(1 for q in quotes if q.speaker)
    print(f"{len(articles)} articles, {sum(map(len, by_id.values()))} sentences: {len(quotes)} quotes, "
          f"{attributed} attributed; quotes stage cold {times[0]:.2f} s, median {statistics.median(times):.2f} s")


if __name__ == "__main__":
    main()
