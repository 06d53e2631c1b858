"""Article term vectors: stemmed content words and names, weighted by TF-IDF from the corpus itself.

Story focus and story clustering both compare articles by these vectors. The weights come
only from the statistics of the articles at hand (and, across editions, of the recent days
the story store remembers), never from a word list tuned to some topic.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy import sparse

from briefing.dedup import stemmer
from briefing.models import Article
from briefing.sentences import words
from briefing.stopwords import stop_words

# Two or more capitalised words in a row inside a sentence: a name ("Pine Ridge", "Mount Etna").
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z]+(?:\s+[A-Z][a-z]+)+)")
# Words shorter than this carry no topic (initials, "st", "km"); years and numbers are kept.
MIN_WORD_CHARS = 3
# Only the start of a long article is read: news puts what it is about first, and this bounds
# the cost of a 100-page document to that of a long article.
MAX_CHARS = 12_000
# A name bigram is worth more than its two words: they are already counted as words.
NAME_WEIGHT = 1.0
# Distinct stems memoised; a day of news has some tens of thousands.
STEM_CACHE = 200_000
# Added to every IDF (the smoothed IDF of scikit-learn). 0 would give a word found in every
# article no weight; on DUC 2006 that split stories (B-cubed F1 0.895 -> 0.872).
IDF_FLOOR = 1.0
# Times the headline is read: it says in a few words what the article is about.
TITLE_REPEAT = 2
# Articles whose terms are memoised: a large batch, so clustering, labels and focus share them.
ARTICLE_CACHE = 20_000


@lru_cache(maxsize=STEM_CACHE)
def content_term(token: str) -> str | None:
    """The term a word token counts as: its lower-case stem, or None for stop words and short words."""
    word = token.lower()
    if len(word) < MIN_WORD_CHARS or word in stop_words() or word.startswith("_"):
        return None
    return stemmer()(word)  # the summaries' Snowball stemmer, memoised there


def terms(text: str) -> Counter[str]:
    """Counts of an article's stemmed content words and its multi-word names."""
    text = text[:MAX_CHARS]
    counts = Counter(term for token in words(text) if (term := content_term(token)))
    stops = stop_words()
    for match in _NAME.finditer(text):
        name = " ".join(w.lower() for w in match.group(1).split() if w.lower() not in stops)
        if " " in name:
            counts["=" + name] += 1
    return counts


@lru_cache(maxsize=ARTICLE_CACHE)
def article_terms(article: Article) -> Counter[str]:
    """The terms of an article's headline and text (memoised: focus and clustering both ask)."""
    return terms(f"{article.title}\n" * TITLE_REPEAT + article.text)


@dataclass(frozen=True, slots=True)
class TermSpace:
    """A vocabulary and the inverse document frequency of each of its terms."""

    columns: Mapping[str, int]
    idf: np.ndarray
    names: tuple[str, ...]

    @classmethod
    def build(cls, bags: Sequence[Counter[str]], extra_df: Mapping[str, int] | None = None,
              extra_docs: int = 0) -> TermSpace:
        """A space over the terms of these bags; ``extra_df`` adds counts from earlier days."""
        df: Counter[str] = Counter()
        for bag in bags:
            df.update(bag.keys())
        for term, count in (extra_df or {}).items():
            if term in df:
                df[term] += count
        total = len(bags) + extra_docs
        names = tuple(sorted(df))
        columns = {term: i for i, term in enumerate(names)}
        idf = np.array([math.log((1 + total) / (1 + df[t])) + IDF_FLOOR for t in names], dtype=np.float64)
        return cls(columns, idf, names)

    def matrix(self, bags: Iterable[Counter[str]]) -> sparse.csr_matrix:
        """Rows of sublinear-TF times IDF, each of unit length; unknown terms are dropped."""
        indptr, indices, values = [0], [], []
        for bag in bags:
            for term, count in bag.items():
                column = self.columns.get(term)
                if column is not None:
                    weight = (1 + math.log(count)) * (NAME_WEIGHT if term.startswith("=") else 1.0)
                    indices.append(column)
                    values.append(weight * self.idf[column])
            indptr.append(len(indices))
        rows = sparse.csr_matrix((np.array(values, dtype=np.float64), np.array(indices, dtype=np.int64),
                                  np.array(indptr, dtype=np.int64)), shape=(len(indptr) - 1, len(self.columns)))
        return normalise(rows)


def normalise(rows: sparse.csr_matrix) -> sparse.csr_matrix:
    """Each row scaled to unit length (empty rows stay empty)."""
    rows = sparse.csr_matrix(rows, dtype=np.float64, copy=True)
    lengths = np.diff(rows.indptr)
    starts = rows.indptr[:-1][lengths > 0]
    if rows.nnz:  # each row is first divided by its largest value: squares of tiny values must not vanish
        peaks = np.maximum.reduceat(np.abs(rows.data), starts)
        rows.data /= np.repeat(np.where(peaks == 0, 1.0, peaks), lengths[lengths > 0])
    norms = np.sqrt(np.add.reduceat(rows.data ** 2, starts)) if rows.nnz else np.ones(0)
    scale = np.ones(rows.shape[0])
    scale[lengths > 0] = 1.0 / np.where(norms == 0, 1.0, norms)
    rows.data *= np.repeat(scale, lengths)
    return rows


def top_columns(row: np.ndarray, count: int) -> np.ndarray:
    """Indices of the ``count`` largest values of a dense row, largest first."""
    if count >= row.size:
        order = np.argsort(-row, kind="stable")
    else:
        part = np.argpartition(-row, count)[:count]
        order = part[np.argsort(-row[part], kind="stable")]
    return order[row[order] > 0]
