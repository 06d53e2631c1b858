"""Near-duplicate sentences across sources: the same fact reported by several outlets.

Sentences are compared as idf-weighted bags of stemmed content words (spelling
variants folded by the Lexicon) by cosine similarity, computed as a sparse
matrix product between distinct vectors in blocks (briefing.neighbours), so no
dense n x n matrix is ever built and the cost stays near-linear: identical
texts are merged by hashing first, and words
found in more than ``FREQUENT_SHARE`` of a large input (the story's own names,
"talks", "war") are left out of the comparison, as in all-pairs similarity
search with frequency-ordered pruning (Bayardo, Ma & Srikant 2007, "Scaling up
all pairs similarity search", WWW).

Groups come from leader clustering (each sentence joins the most similar
earlier group leader above the threshold; Hartigan 1975, "Clustering
algorithms", ch. 3), which never chains unrelated sentences through a series
of small steps as connected components would.  Two sentences whose numbers
disagree ("43 drones" / "126 drones") are different facts whatever their words.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import scipy.sparse as sp

from briefing.models import Sentence
from briefing.names import Lexicon
from briefing.neighbours import MAX_NEIGHBOURS, similar_pairs
from briefing.sentences import words

log = logging.getLogger(__name__)

# Cosine of idf-weighted content words from which two sentences state the same
# fact: rewrites with a few synonyms or a dropped clause score 0.5-0.9, different
# facts about one story (sharing its names and places) stay below ~0.4.
DUPLICATE_SIMILARITY = 0.5

# Cosine from which two sentences are on the same subtopic (the outcome of the
# talks, the land dispute...): used to spread a summary over subtopics.
TOPIC_SIMILARITY = 0.2

# A sentence needs this many distinct content words to be compared at all;
# shorter ones (datelines, "Published") only merge with identical text.
MIN_TERMS = 2

# idf counted over fewer sentences than this is noise (in a pair, the shared
# words would weigh least): small inputs count as this many sentences.
IDF_MIN_SENTENCES = 200

# Words in more than this share of the sentences (and in more than FREQUENT_MIN
# of them) are the input's own stop words: they would make the product
# quadratic while adding little idf weight.  Inputs under FREQUENT_MIN / share
# sentences (a few thousand) keep every word.
FREQUENT_SHARE = 0.01
FREQUENT_MIN = 200

# The general English stop words: the Glasgow Information Retrieval Group's list, as
# scikit-learn ships it (ENGLISH_STOP_WORDS), kept here so that no scikit-learn import
# (two seconds, with scipy.stats) sits on the build path.
GENERAL_STOP_WORDS = frozenset("""
a about above across after afterwards again against all almost alone along already also although always am among
amongst amoungst amount an and another any anyhow anyone anything anyway anywhere are around as at back be
became because become becomes becoming been before beforehand behind being below beside besides between beyond
bill both bottom but by call can cannot cant co con could couldnt cry de describe detail do done down due during
each eg eight either eleven else elsewhere empty enough etc even ever every everyone everything everywhere
except few fifteen fifty fill find fire first five for former formerly forty found four from front full further
get give go had has hasnt have he hence her here hereafter hereby herein hereupon hers herself him himself his
how however hundred i ie if in inc indeed interest into is it its itself keep last latter latterly least less
ltd made many may me meanwhile might mill mine more moreover most mostly move much must my myself name namely
neither never nevertheless next nine no nobody none noone nor not nothing now nowhere of off often on once one
only onto or other others otherwise our ours ourselves out over own part per perhaps please put rather re same
see seem seemed seeming seems serious several she should show side since sincere six sixty so some somehow
someone something sometime sometimes somewhere still such system take ten than that the their them themselves
then thence there thereafter thereby therefore therein thereupon these they thick thin third this those though
three through throughout thru thus to together too top toward towards twelve twenty two un under until up upon
us very via was we well were what whatever when whence whenever where whereafter whereas whereby wherein
whereupon wherever whether which while whither who whoever whole whom whose why will with within without would
yet you your yours yourself yourselves
""".split())

# Words that carry no fact in news prose, beyond the general English stop words.
NEWS_STOP_WORDS = frozenset({"said", "says", "say", "told", "according", "reported", "mr", "mrs", "ms"})
# Words of the general list that are facts in news: numbers and order
# ("third round", "two hours"), "us"/"un" (the US, the UN once lower-cased),
# "fire", "bill", "next" (the next round), "side"...
NEWS_CONTENT_WORDS = frozenset("""
us un one two three four five six eight nine ten eleven twelve fifteen twenty forty fifty sixty hundred
first third last next bill fire system interest found call move show front side part top back full empty
find give put take keep made serious name detail describe amount bottom
""".split())
STOP_WORDS = (GENERAL_STOP_WORDS - NEWS_CONTENT_WORDS) | NEWS_STOP_WORDS


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


@dataclass(frozen=True, slots=True)
class DuplicateIndex:
    """Per sentence: its duplicate group's leader and its subtopic's leader; the unit vectors compared."""

    leaders: np.ndarray
    topics: np.ndarray
    vectors: sp.csr_matrix


@lru_cache(maxsize=1)
def stemmer() -> Callable[[str], str]:
    """The Snowball English (Porter2) stemmer of PyStemmer (C, imports in a millisecond), memoised per word."""
    import Stemmer  # PyStemmer; NLTK's Snowball port took a quarter of a second to import

    return lru_cache(maxsize=200_000)(Stemmer.Stemmer("english").stemWord)


def tokens(text: str, lexicon: Lexicon | None = None) -> list[str]:
    """Lower-cased words of a text, spelling variants folded when a lexicon is given."""
    return lexicon.words(text) if lexicon is not None else words(text)


def content_terms(text: str, lexicon: Lexicon | None = None) -> list[str]:
    """Stemmed content words of a text (names folded, stop words and 1-letter tokens dropped)."""
    stem = stemmer()
    return [stem(t) for t in tokens(text, lexicon) if t not in STOP_WORDS and len(t) > 1]


def term_matrix(texts: Sequence[str], lexicon: Lexicon | None = None,
                tokenized: Sequence[list[str]] | None = None) -> sp.csr_matrix:
    """Binary text x term matrix of stemmed content words (CSR, float32); tokens may be given."""
    stem = stemmer()
    vocabulary: dict[str, int] = {}
    indices: list[int] = []
    indptr = [0]
    for toks in tokenized if tokenized is not None else (tokens(t, lexicon) for t in texts):
        ids = {vocabulary.setdefault(stem(t), len(vocabulary)) for t in toks if t not in STOP_WORDS and len(t) > 1}
        indices.extend(sorted(ids))
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float32)
    return sp.csr_matrix((data, np.asarray(indices, dtype=np.int32), np.asarray(indptr, dtype=np.int64)),
                         shape=(len(indptr) - 1, len(vocabulary)))


def unit_vectors(matrix: sp.csr_matrix) -> sp.csr_matrix:
    """Rows weighted by smoothed idf, frequent and too-short rows dropped, scaled to unit length."""
    n = matrix.shape[0]
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    idf = np.log((1.0 + max(n, IDF_MIN_SENTENCES)) / (1.0 + df)) + 1.0
    idf[df > max(FREQUENT_MIN, FREQUENT_SHARE * n)] = 0.0
    weighted = sp.csr_matrix(matrix @ sp.diags(idf.astype(np.float32)))
    weighted.eliminate_zeros()
    counts = np.diff(weighted.indptr)
    norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
    scale = np.where((counts >= MIN_TERMS) & (norms > 0), 1.0 / np.maximum(norms, 1e-12), 0.0)
    unit = sp.csr_matrix(sp.diags(scale.astype(np.float32)) @ weighted)
    unit.eliminate_zeros()
    return unit


def numbers_disagree(tokenized: Sequence[list[str]], pairs: sp.csr_matrix) -> sp.csr_matrix:
    """The pairs with both texts stating numbers and none in common removed.

    Texts are numbered by their set of numbers (0: none), and each pair of sets is compared once.
    """
    coo = pairs.tocoo()
    sets: dict[frozenset[str], int] = {frozenset(): 0}
    number_set = np.fromiter((sets.setdefault(frozenset(w for w in toks if w.isdigit()), len(sets))
                              for toks in tokenized), dtype=np.int64, count=len(tokenized))
    both = np.flatnonzero((number_set[coo.row] > 0) & (number_set[coo.col] > 0))
    keep = np.ones(coo.nnz, dtype=bool)
    if len(both):
        key = number_set[coo.row[both]] * len(sets) + number_set[coo.col[both]]
        met = np.unique(key)  # without return_inverse: its argsort costs ten times the sort
        listed = list(sets)
        shared = np.array([not listed[k // len(sets)].isdisjoint(listed[k % len(sets)]) for k in met.tolist()])
        keep[both] = shared[np.searchsorted(met, key)]
    return sp.csr_matrix((coo.data[keep], (coo.row[keep], coo.col[keep])), shape=pairs.shape)


def leader_clusters(pairs: sp.csr_matrix, limit: int = MAX_NEIGHBOURS) -> np.ndarray:
    """Leader clustering: each row joins its most similar earlier leader, else leads a new group.

    A row whose neighbours were cut at ``limit`` (a fact repeated by very many outlets) and
    include no leader joins the group of its most similar neighbour that is itself similar to
    its leader: members stay within two similar steps of their leader.
    """
    n = pairs.shape[0]
    leader = list(range(n))  # Python lists: element access on numpy arrays costs ~5x in this loop
    direct = [True] * n
    indptr, indices, data = pairs.indptr.tolist(), pairs.indices.tolist(), pairs.data.tolist()
    for i in np.flatnonzero(np.diff(pairs.indptr)).tolist():
        start, stop = indptr[i], indptr[i + 1]
        best, member, member_similarity = -1.0, -1, -1.0
        for j, similarity in zip(indices[start:stop], data[start:stop], strict=True):  # ~10 % faster than k
            if leader[j] == j:
                if similarity > best:
                    best, leader[i] = similarity, j
            elif direct[j] and similarity > member_similarity:
                member, member_similarity = j, similarity
        if best < 0 and member >= 0 and stop - start >= limit:
            leader[i], direct[i] = leader[member], False
    return np.asarray(leader, dtype=np.int64)


def index_duplicates(texts: Sequence[str], lexicon: Lexicon | None = None,
                     tokenized: Sequence[list[str]] | None = None) -> DuplicateIndex:
    """Group labels for texts: identical word sequences first, then near-duplicates by cosine.

    ``tokenized`` (the texts' ``tokens(text, lexicon)``) saves tokenizing again.
    """
    toks = tokenized if tokenized is not None else [tokens(t, lexicon) for t in texts]
    first: dict[str, int] = {}
    same = np.fromiter((first.setdefault(" ".join(t), i) for i, t in enumerate(toks)),
                       dtype=np.int64, count=len(texts))
    unique = np.flatnonzero(same == np.arange(len(texts)))
    unique_texts = [texts[i] for i in unique.tolist()]
    vectors = unit_vectors(term_matrix(unique_texts, tokenized=[toks[i] for i in unique.tolist()]))
    related = similar_pairs(vectors, min(TOPIC_SIMILARITY, DUPLICATE_SIMILARITY))
    duplicates = related.multiply(related >= DUPLICATE_SIMILARITY).tocsr()
    duplicates = numbers_disagree([toks[i] for i in unique.tolist()], duplicates)
    position = np.full(len(texts), -1, dtype=np.int64)
    position[unique] = np.arange(len(unique))
    leaders = unique[leader_clusters(duplicates)][position[same]]
    topics = unique[leader_clusters(related.multiply(related >= TOPIC_SIMILARITY).tocsr())][position[same]]
    return DuplicateIndex(leaders, topics, sp.csr_matrix(vectors[position[same]]))


def group_duplicates(sentences: Sequence[Sentence], lexicon: Lexicon | None = None) -> list[SentenceGroup]:
    """Group sentences that state the same fact; groups in order of their first member."""
    if not sentences:
        return []
    index = index_duplicates([s.text for s in sentences], lexicon)
    members: dict[int, list[Sentence]] = {}
    for i, sentence in enumerate(sentences):
        members.setdefault(int(index.leaders[i]), []).append(sentence)
    groups = [SentenceGroup(tuple(m)) for m in members.values()]
    log.debug("%d sentences in %d groups", len(sentences), len(groups))
    return groups
