"""Quote extraction and attribution on the synthetic corpus: seconds for the quotes stage.

    .venv/bin/python bench/bench_quotes.py --size 1000 --repeat 3
    .venv/bin/python bench/bench_quotes.py --size 1000 --repeat 3 --quoted 4

The target (issue 8) is at most 8 s on the 1,000-article corpus, model loading included:
the first run in the process is measured, so a lazily loaded parser counts. The synthetic
corpus reports speech indirectly; --quoted N turns every Nth sentence of each article into a
direct quotation ('"...," Anna Berg said.', or 'said Anna Berg', or a following "he said"), so
that attribution and the parser have work to do.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import Story, make_corpus  # noqa: E402

from briefing.clean import clean_article  # noqa: E402
from briefing.models import Article  # noqa: E402
from briefing.names import Lexicon, Person  # noqa: E402
from briefing.quotes import QuoteOptions, extract_quotes  # noqa: E402
from briefing.sentences import split_sentences  # noqa: E402


def quoted(article: Article, story: Story, every: int) -> Article:
    """The article with every `every`-th sentence turned into a quotation of one of the story's people."""
    sentences = split_sentences(article)
    out, pos = [], 0
    for n, sentence in enumerate(sentences):
        out.append(article.text[pos:sentence.start])
        body = sentence.text.rstrip(".")
        person = story.people[n % len(story.people)]
        forms = (f'"{body}," {person} said.', f'"{body}," said {person}, the negotiator.',
                 f'{person} said: "{body}."')
        out.append(forms[n % len(forms)] if n % every == every - 1 and body.count('"') == 0 else sentence.text)
        pos = sentence.start + len(sentence.text)
    return Article(id=article.id, text="".join(out) + article.text[pos:], title=article.title)


def main() -> None:
    """Time extract_quotes on one synthetic corpus, first run (cold) and the median of the rest."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quoted", type=int, default=0, help="quote every Nth sentence (0: as generated)")
    args = parser.parse_args()
    stories, raw = make_corpus(args.size)
    articles = [clean_article(a) for a in raw]
    if args.quoted:
        story_of = _stories_by_article(stories, articles)
        articles = [quoted(a, story_of[a.id], args.quoted) for a in articles]
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


def _stories_by_article(stories: list[Story], articles: list[Article]) -> dict[str, Story]:
    """Each article's story: the one whose people it names most."""
    return {a.id: max(stories, key=lambda s: sum(a.text.count(p) for p in s.people)) for a in articles}


if __name__ == "__main__":
    main()
