"""Near-duplicate sentences across sources: the same fact reported by several outlets.

Sentences are compared as idf-weighted bags of stemmed content words (spelling
variants folded by the Lexicon), by cosine similarity computed as a sparse
matrix product in row blocks, so no dense n x n matrix is ever built.  Groups
are formed by leader clustering (each sentence joins the most similar earlier
group leader above the threshold), which never chains unrelated sentences
together through a series of small steps as connected components would.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from briefing.models import Sentence
from briefing.names import Lexicon
from briefing.sentences import words

log = logging.getLogger(__name__)

# Cosine of idf-weighted content words above which two sentences state the same
# fact: rewrites with a few synonyms or a dropped clause score 0.5-0.9, different
# facts about the same story (sharing names and places) stay below ~0.4.
DUPLICATE_SIMILARITY = 0.5

# Rows multiplied at once: bounds the memory of one block of the similarity
# product to ROW_BLOCK x n stored similarities in the worst case.
ROW_BLOCK = 2048

# Words that carry no fact in news prose, beyond the general English stop words.
NEWS_STOP_WORDS = frozenset({"said", "says", "say", "told", "according", "reported", "mr", "mrs", "ms"})
STOP_WORDS = ENGLISH_STOP_WORDS | NEWS_STOP_WORDS


@dataclass(frozen=True, slots=True)
class SentenceGroup:
    """Sentences that state the same fact, in input order; the first is the group's leader."""

    sentences: tuple[Sentence, ...]

    @property
    def representative(self) -> Sentence:
        """The sentence that stands for the group (its earliest member in input order)."""
        return self.sentences[0]

    @property
    def sources(self) -> tuple[str, ...]:
        """Ids of every article that carries the fact, sorted and unique."""
        return tuple(sorted({s.article_id for s in self.sentences}))


@lru_cache(maxsize=1)
def _stemmer() -> Callable[[str], str]:
    """The Snowball English stemmer (pure code, needs no NLTK data), memoised per word."""
    from nltk.stem.snowball import SnowballStemmer  # imported lazily: NLTK takes ~1 s to import

    return lru_cache(maxsize=200_000)(SnowballStemmer("english").stem)


def content_terms(text: str, lexicon: Lexicon | None = None) -> list[str]:
    """Stemmed content words of a text (names folded, stop words and 1-letter tokens dropped)."""
    stem = _stemmer()
    tokens = lexicon.words(text) if lexicon is not None else words(text)
    return [stem(t) for t in tokens if t not in STOP_WORDS and len(t) > 1]


def term_matrix(texts: Sequence[str], lexicon: Lexicon | None = None) -> sp.csr_matrix:
    """Binary sentence x term matrix of stemmed content words (CSR, float32)."""
    vocabulary: dict[str, int] = {}
    indices: list[int] = []
    indptr = [0]
    for text in texts:
        ids = {vocabulary.setdefault(t, len(vocabulary)) for t in content_terms(text, lexicon)}
        indices.extend(sorted(ids))
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float32)
    return sp.csr_matrix((data, np.asarray(indices, dtype=np.int32), np.asarray(indptr, dtype=np.int64)),
                         shape=(len(texts), len(vocabulary)))


def idf_normalised(matrix: sp.csr_matrix) -> sp.csr_matrix:
    """Rows weighted by smoothed idf, then scaled to unit length."""
    n = matrix.shape[0]
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    idf = (np.log((1.0 + n) / (1.0 + df)) + 1.0).astype(np.float32)
    weighted = matrix @ sp.diags(idf)
    norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms).astype(np.float32) @ weighted)


def similar_pairs(vectors: sp.csr_matrix, threshold: float) -> sp.csr_matrix:
    """Lower-triangular sparse matrix of similarities >= threshold (row i, column j < i)."""
    n = vectors.shape[0]
    blocks = []
    for start in range(0, n, ROW_BLOCK):
        stop = min(n, start + ROW_BLOCK)
        block = (vectors[start:stop] @ vectors[:stop].T).tocoo()
        keep = (block.data >= threshold) & (block.col < block.row + start)
        blocks.append(sp.coo_matrix((block.data[keep], (block.row[keep] + start, block.col[keep])),
                                    shape=(n, n)))
    if not blocks:
        return sp.csr_matrix((n, n), dtype=np.float32)
    return sp.csr_matrix(sum(blocks[1:], blocks[0]))


def leaders(pairs: sp.csr_matrix) -> np.ndarray:
    """Leader clustering: each row joins its most similar earlier leader, else leads a new group."""
    n = pairs.shape[0]
    leader = np.arange(n)
    for i in range(n):
        row = slice(pairs.indptr[i], pairs.indptr[i + 1])
        cols, sims = pairs.indices[row], pairs.data[row]
        best = -1.0
        for j, sim in zip(cols.tolist(), sims.tolist(), strict=True):
            if leader[j] == j and sim > best:
                best, leader[i] = sim, j
    return leader


def group_duplicates(sentences: Sequence[Sentence], lexicon: Lexicon | None = None) -> list[SentenceGroup]:
    """Group sentences that state the same fact; groups in order of their first member."""
    if not sentences:
        return []
    vectors = idf_normalised(term_matrix([s.text for s in sentences], lexicon))
    leader = leaders(similar_pairs(vectors, DUPLICATE_SIMILARITY))
    members: dict[int, list[Sentence]] = {}
    for i, sentence in enumerate(sentences):
        members.setdefault(int(leader[i]), []).append(sentence)
    groups = [SentenceGroup(tuple(m)) for m in members.values()]
    log.debug("%d sentences in %d groups", len(sentences), len(groups))
    return groups
