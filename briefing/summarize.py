"""Extractive summaries of many articles: one interface over every algorithm.

``coverage`` (the default) is our multi-document method.  Near-duplicate
sentences are grouped across sources first (briefing.dedup), so a fact carried
by many outlets is one candidate whose words count once per outlet -- it is
corroborated, not repeated.  The summary then maximises the weighted coverage
of concepts, stemmed word bigrams not made of stop words only, each weighted by
the number of documents that contain it (in at least 3 of them when there are
10 or more; Gillick & Favre 2009, "A scalable global model for summarization",
ILP-NLP workshop, the ICSISumm system), plus a bonus for concepts found in the
lead sentences of an article (the position feature of Gillick et al. 2009,
"The ICSI/UTD summarization system at TAC 2009").  Small inputs with a word
budget are solved exactly as an integer linear program (scipy.optimize.milp);
otherwise a lazy greedy picks the best gain per word (cost-scaled greedy with
r = 1, compared with the best single sentence; Lin & Bilmes 2010, "Multi-
document summarization via budgeted maximization of submodular functions",
NAACL; Khuller, Moss & Naor 1999).  Covered concepts count once, which is the
redundancy penalty; in addition no two chosen sentences may be near-duplicates.
Sentences shorter than MIN_SENTENCE_WORDS, direct quotations and questions are
not candidates (length prior; quotations belong to the quotes section).

The other algorithms are sumy's, fed our offline tokenizer, Snowball stemmer
and stop words; their ranking is walked down under the same budgets and the
same no-duplicates rule.  ``lexrank`` runs a sparse re-implementation of sumy's
LexRankSummarizer (Erkan & Radev 2004) that reproduces its tf, idf, idf-modified
cosine, 0.1 threshold and power method, and so its ranking, in a fraction of
the time.  This is the only module that imports sumy.
"""

from __future__ import annotations

import heapq
import logging
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import scipy.sparse as sp

from briefing.config import ALGORITHMS
from briefing.dedup import DUPLICATE_SIMILARITY, STOP_WORDS, DuplicateIndex, index_duplicates, stemmer, tokens
from briefing.errors import SummarizerError
from briefing.models import Article, Point, Sentence
from briefing.names import Lexicon
from briefing.sentences import SumyTokenizer, split_sentences, words

log = logging.getLogger(__name__)

DEFAULT_SENTENCES = 6
# Shortest candidate sentence: shorter ones are headlines, captions and
# fragments (ICSISumm and Boudin et al. 2015 drop sentences under ~10 words).
MIN_SENTENCE_WORDS = 8
# Concepts must occur in this many documents when there are at least
# MANY_DOCUMENTS of them (ICSISumm); smaller inputs need 2 (when >= 3 documents).
MIN_CONCEPT_DF = 3
MANY_DOCUMENTS = 10
# Sentences at the top of an article carry its main facts (the "lead"); a
# concept seen there weighs LEAD_BONUS more per document.
LEAD_SENTENCES = 3
LEAD_BONUS = 0.5
# Gain is divided by length ** COST_EXPONENT: 1 = value per word (Lin & Bilmes r=1).
COST_EXPONENT = 1.0
# Exact ILP only while it is small enough to solve in well under a second.
ILP_MAX_CANDIDATES = 800
ILP_MAX_CONCEPTS = 4000
ILP_TIME_LIMIT = 10.0
# sumy's LexRank constants (LexRankSummarizer.threshold / .epsilon).
LEXRANK_THRESHOLD = 0.1
LEXRANK_EPSILON = 0.1
LEXRANK_BLOCK = 2048
# Hard line wraps: a text whose non-empty lines mostly are long and end
# mid-sentence (plain-text news archives wrap at ~70 characters) is unwrapped.
WRAP_MIN_CHARS = 40
WRAPPED_SHARE = 0.5

# Generic cue words for Edmundson (1969): news facts vs. page furniture and hedging.
EDMUNDSON_BONUS = ("agreed agreement announced concluded decided decision ended deal failed rejected "
                   "demanded talks breakthrough progress round next key main major ceasefire signed "
                   "official officials confirmed killed approved vote result").split()
EDMUNDSON_STIGMA = ("photo image caption subscribe newsletter advertisement click copyright follow share "
                    "reportedly allegedly perhaps maybe hardly rumour rumor opinion sponsored").split()

_STATEMENT_END = re.compile(r"""[.!…]["'”’»)\]]*$""")
_OPENS_QUOTE = re.compile(r"""^["“«„'‘]""")


@dataclass(frozen=True, slots=True)
class SummaryOptions:
    """Which algorithm and how long: a sentence budget, a word budget, or both."""

    algorithm: str = "coverage"
    sentences: int | None = DEFAULT_SENTENCES
    max_words: int | None = None
    language: str = "english"

    def __post_init__(self) -> None:
        if self.algorithm not in ALGORITHMS:
            raise SummarizerError(f"unknown summarization algorithm {self.algorithm!r}",
                                  f"choose one of: {', '.join(ALGORITHMS)}")
        for name in ("sentences", "max_words"):
            value = getattr(self, name)
            if value is not None and value < 1:
                raise SummarizerError(f"summary {name} must be at least 1 (got {value})")

    @property
    def sentence_budget(self) -> int | None:
        """Sentences allowed; the default applies only when no budget at all is given."""
        if self.sentences is None and self.max_words is None:
            return DEFAULT_SENTENCES
        return self.sentences


@dataclass(frozen=True, slots=True)
class Pool:
    """Input sentences prepared once for any algorithm: duplicate groups, lengths, reading order."""

    sentences: tuple[Sentence, ...]
    duplicates: DuplicateIndex
    lengths: np.ndarray
    reading_rank: np.ndarray
    article_rank: np.ndarray


def summarize(sentences: Sequence[Sentence], options: SummaryOptions,
              lexicon: Lexicon | None = None) -> list[Point]:
    """The summary of the sentences as Points, in reading order; [] when there are none."""
    if not sentences:
        return []
    pool = make_pool(sentences, lexicon)
    if options.algorithm == "coverage":
        chosen, gains = coverage_select(pool, options, lexicon)
    else:
        lexrank = options.algorithm == "lexrank"
        ranking = lexrank_ranking(pool, options) if lexrank else sumy_ranking(pool, options)
        chosen = select_ranked(pool, ranking, options)
        gains = [1.0 / (1 + r) for r in range(len(chosen))]
    log.debug("%s: %d of %d sentences chosen", options.algorithm, len(chosen), len(sentences))
    return to_points(pool, chosen, gains)


def summarize_documents(texts: Sequence[str], options: SummaryOptions,
                        lexicon: Lexicon | None = None) -> list[Point]:
    """Summarize plain texts, one text per document (ids doc1, doc2...); hard wraps are undone."""
    sentences: list[Sentence] = []
    for number, text in enumerate(texts, start=1):
        sentences.extend(split_sentences(Article(id=f"doc{number}", text=unwrap(text))))
    if not sentences:
        raise SummarizerError("the input holds no sentences to summarize",
                              "give files that contain article prose")
    return summarize(sentences, options, lexicon)


def unwrap(text: str) -> str:
    """The text with hard-wrapped lines joined into paragraphs, when it looks hard-wrapped."""
    lines = [line.strip() for line in text.splitlines()]
    body = [line for line in lines if line]
    wrapped = sum(1 for line in body if len(line) >= WRAP_MIN_CHARS and not _STATEMENT_END.search(line))
    if len(body) < 3 or wrapped < WRAPPED_SHARE * len(body):
        return text
    paragraphs, current = [], []
    for line in lines + [""]:
        if line:
            current.append(line)
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    return "\n".join(paragraphs)


def make_pool(sentences: Sequence[Sentence], lexicon: Lexicon | None) -> Pool:
    """Group duplicates and compute each sentence's length and place in reading order."""
    first_seen: dict[str, int] = {}
    article = np.array([first_seen.setdefault(s.article_id, len(first_seen)) for s in sentences])
    position = np.array([s.index for s in sentences])
    reading = np.lexsort((np.arange(len(sentences)), position, article))
    rank = np.empty(len(sentences), dtype=np.int64)
    rank[reading] = np.arange(len(sentences))
    lengths = np.array([len(words(s.text)) for s in sentences])
    duplicates = index_duplicates([s.text for s in sentences], lexicon)
    return Pool(tuple(sentences), duplicates, lengths, rank, article)


def to_points(pool: Pool, chosen: Sequence[int], gains: Sequence[float]) -> list[Point]:
    """Chosen sentences as Points in reading order, each with every source of its group."""
    leaders = pool.duplicates.leaders
    points = []
    for j, gain in sorted(zip(chosen, gains, strict=True), key=lambda pair: pool.reading_rank[pair[0]]):
        members = np.flatnonzero(leaders == leaders[j]).tolist()
        sources = tuple(sorted({pool.sentences[m].article_id for m in members}))
        points.append(Point(text=pool.sentences[j].text, sources=sources, score=round(float(gain), 4)))
    return points


class Selection:
    """Sentences chosen so far under the budgets, never two of one duplicate group or alike."""

    def __init__(self, pool: Pool, options: SummaryOptions) -> None:
        self.pool, self.words = pool, 0
        self.chosen: list[int] = []
        self.max_sentences, self.max_words = options.sentence_budget, options.max_words
        self.groups: set[int] = set()

    @property
    def full(self) -> bool:
        """True when no further sentence may be added."""
        return self.max_sentences is not None and len(self.chosen) >= self.max_sentences

    def allows(self, j: int) -> bool:
        """True when sentence j fits the word budget and repeats nothing chosen."""
        if self.max_words is not None and self.words + self.pool.lengths[j] > self.max_words:
            return False
        if int(self.pool.duplicates.leaders[j]) in self.groups:
            return False
        vectors = self.pool.duplicates.vectors
        if self.chosen and vectors[j].nnz:
            similarity = (vectors[self.chosen] @ vectors[j].T).toarray()
            return bool(similarity.max() < DUPLICATE_SIMILARITY)
        return True

    def add(self, j: int) -> None:
        """Take sentence j."""
        self.chosen.append(j)
        self.words += int(self.pool.lengths[j])
        self.groups.add(int(self.pool.duplicates.leaders[j]))


def select_ranked(pool: Pool, ranking: Sequence[int], options: SummaryOptions) -> list[int]:
    """Walk a ranking down, taking each sentence that fits and repeats nothing taken."""
    selection = Selection(pool, options)
    for j in ranking:
        if selection.full:
            break
        if pool.lengths[j] and selection.allows(j):
            selection.add(j)
    return selection.chosen


# --- coverage -----------------------------------------------------------------------------------

def candidates(pool: Pool, options: SummaryOptions) -> np.ndarray:
    """Indexes of sentences that may enter a coverage summary (long enough statements, not quotes)."""
    statement = np.array([bool(_STATEMENT_END.search(s.text)) and not _OPENS_QUOTE.match(s.text)
                          for s in pool.sentences])
    eligible = np.flatnonzero(statement & (pool.lengths >= MIN_SENTENCE_WORDS))
    if len(eligible) < (options.sentence_budget or 1):
        eligible = np.flatnonzero(pool.lengths > 0)  # too little prose: relax the priors
    return eligible


def ngram_matrix(pool: Pool, lexicon: Lexicon | None, n: int) -> sp.csr_matrix:
    """Binary sentence x concept matrix: stemmed n-grams that are not all stop words."""
    stem = stemmer()
    vocabulary: dict[str, int] = {}
    indices: list[int] = []
    indptr = [0]
    for sentence in pool.sentences:
        toks = tokens(sentence.text, lexicon)
        ids = {vocabulary.setdefault(" ".join(stem(t) for t in gram), len(vocabulary))
               for gram in zip(*(toks[k:] for k in range(n)), strict=False)
               if not all(t in STOP_WORDS for t in gram)}
        indices.extend(sorted(ids))
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float64)
    return sp.csr_matrix((data, np.asarray(indices, dtype=np.int64), np.asarray(indptr, dtype=np.int64)),
                         shape=(len(pool.sentences), len(vocabulary)))


def concept_weights(pool: Pool, occurrences: sp.csr_matrix) -> np.ndarray:
    """Weight of each concept: documents containing it, plus LEAD_BONUS per document leading with it."""
    n_docs = int(pool.article_rank.max()) + 1
    units = pool.article_rank if n_docs > 1 else np.arange(len(pool.sentences))  # one document: sentences
    lead = np.array([s.index < LEAD_SENTENCES for s in pool.sentences])
    incidence = sp.csr_matrix((np.ones(len(units)), (units, np.arange(len(units)))))
    df = np.asarray(((incidence @ occurrences) > 0).sum(axis=0)).ravel()
    lead_incidence = sp.csr_matrix(incidence.multiply(lead[np.newaxis, :]))
    lead_df = np.asarray(((lead_incidence @ occurrences) > 0).sum(axis=0)).ravel() if n_docs > 1 else 0
    weights = df + LEAD_BONUS * lead_df
    min_df = MIN_CONCEPT_DF if n_docs >= MANY_DOCUMENTS else 2
    if np.count_nonzero(df >= min_df) >= min(len(df), 3):
        weights = np.where(df >= min_df, weights, 0.0)
    return np.asarray(weights, dtype=np.float64)


def coverage_select(pool: Pool, options: SummaryOptions,
                    lexicon: Lexicon | None) -> tuple[list[int], list[float]]:
    """Sentences maximising weighted concept coverage under the budgets (ILP when small, else greedy)."""
    eligible = candidates(pool, options)
    occurrences = ngram_matrix(pool, lexicon, 2)
    weights = concept_weights(pool, occurrences)
    if not weights.any():  # no repeated bigram anywhere: fall back to single words
        occurrences = ngram_matrix(pool, lexicon, 1)
        weights = concept_weights(pool, occurrences)
    active = np.flatnonzero(weights)
    occ = sp.csr_matrix(occurrences[eligible][:, active])
    w = weights[active]
    small = len(eligible) <= ILP_MAX_CANDIDATES and len(active) <= ILP_MAX_CONCEPTS
    chosen = None
    if options.max_words is not None and small and len(active):
        chosen = ilp_select(pool, eligible, occ, w, options)
    if chosen is None:
        chosen = greedy_select(pool, eligible, occ, w, options)
    covered = np.zeros(len(w), dtype=bool)
    gains = []
    for j in chosen:
        row = occ[int(np.searchsorted(eligible, j))].indices
        gains.append(float(w[row][~covered[row]].sum()))
        covered[row] = True
    return chosen, gains


def greedy_select(pool: Pool, eligible: np.ndarray, occ: sp.csr_matrix, w: np.ndarray,
                  options: SummaryOptions) -> list[int]:
    """Lazy cost-scaled greedy (Minoux 1978) over the candidates, then the best-singleton check."""
    cost = np.maximum(pool.lengths[eligible], 1).astype(np.float64) ** COST_EXPONENT
    gains = occ @ w
    heap = [(-gains[k] / cost[k], int(pool.reading_rank[j]), k) for k, j in enumerate(eligible.tolist())]
    heapq.heapify(heap)
    selection, covered, value = Selection(pool, options), np.zeros(len(w), dtype=bool), 0.0
    while heap and not selection.full:
        _, tie, k = heapq.heappop(heap)
        j = int(eligible[k])
        if not selection.allows(j):
            continue
        row = occ.indices[occ.indptr[k]:occ.indptr[k + 1]]
        gain = float(w[row][~covered[row]].sum())
        if gain <= 0:
            continue
        if heap and gain / cost[k] < -heap[0][0] - 1e-12:
            heapq.heappush(heap, (-gain / cost[k], tie, k))
            continue
        selection.add(j)
        covered[row] = True
        value += gain
    if options.max_words is not None:
        fits = np.flatnonzero(pool.lengths[eligible] <= options.max_words)
        if len(fits) and gains[fits].max() > value + 1e-9:
            return [int(eligible[fits[np.argmax(gains[fits])]])]
    return selection.chosen


def ilp_select(pool: Pool, eligible: np.ndarray, occ: sp.csr_matrix, w: np.ndarray,
               options: SummaryOptions) -> list[int] | None:
    """Exact concept-coverage ILP of Gillick & Favre (2009) with scipy's HiGHS; None if unsolved."""
    from scipy.optimize import Bounds, LinearConstraint, milp

    n, m = occ.shape
    coo = occ.tocoo()
    lengths = pool.lengths[eligible].astype(np.float64)
    rows = [sp.hstack([sp.csr_matrix(lengths), sp.csr_matrix((1, m))])]  # word budget
    bounds_lo, bounds_hi = [-np.inf], [float(options.max_words or np.inf)]
    link = sp.csr_matrix((np.r_[np.ones(coo.nnz), -np.ones(coo.nnz)],
                          (np.r_[np.arange(coo.nnz), np.arange(coo.nnz)], np.r_[coo.row, n + coo.col])),
                         shape=(coo.nnz, n + m))  # s_j <= c_i for every occurrence
    rows.append(link)
    bounds_lo += [-np.inf] * coo.nnz
    bounds_hi += [0.0] * coo.nnz
    rows.append(sp.hstack([occ.T, -sp.identity(m)]))  # c_i <= sum of s_j containing it
    bounds_lo += [0.0] * m
    bounds_hi += [np.inf] * m
    exclusive = exclusive_sets(pool, eligible)
    if exclusive.shape[0]:
        rows.append(sp.hstack([exclusive, sp.csr_matrix((exclusive.shape[0], m))]))
        bounds_lo += [-np.inf] * exclusive.shape[0]
        bounds_hi += [1.0] * exclusive.shape[0]
    if options.sentences is not None:
        rows.append(sp.hstack([sp.csr_matrix(np.ones((1, n))), sp.csr_matrix((1, m))]))
        bounds_lo.append(-np.inf)
        bounds_hi.append(float(options.sentences))
    tie = 1e-6 * (1.0 - pool.reading_rank[eligible] / max(1, len(pool.sentences)))  # prefer earlier
    objective = -np.r_[tie, w]
    result = milp(objective, integrality=np.ones(n + m), bounds=Bounds(0, 1),
                  constraints=LinearConstraint(sp.csr_matrix(sp.vstack(rows)), bounds_lo, bounds_hi),
                  options={"time_limit": ILP_TIME_LIMIT})
    if result.status != 0 or result.x is None:
        log.info("ILP not solved (%s); using greedy", result.message)
        return None
    return [int(eligible[k]) for k in np.flatnonzero(result.x[:n] > 0.5)]


def exclusive_sets(pool: Pool, eligible: np.ndarray) -> sp.csr_matrix:
    """Rows of candidates of which at most one may be chosen: duplicate groups and similar pairs."""
    leaders = pool.duplicates.leaders[eligible]
    rows: list[list[int]] = []
    by_leader: dict[int, list[int]] = {}
    for k, leader in enumerate(leaders.tolist()):
        by_leader.setdefault(leader, []).append(k)
    rows.extend(members for members in by_leader.values() if len(members) > 1)
    vectors = pool.duplicates.vectors[eligible]
    similar = sp.triu(vectors @ vectors.T, k=1).tocoo()
    for a, b, sim in zip(similar.row.tolist(), similar.col.tolist(), similar.data.tolist(), strict=True):
        if sim >= DUPLICATE_SIMILARITY and leaders[a] != leaders[b]:
            rows.append([a, b])
    data = [1.0] * sum(len(r) for r in rows)
    row_ids = [i for i, r in enumerate(rows) for _ in r]
    cols = [k for r in rows for k in r]
    return sp.csr_matrix((data, (row_ids, cols)), shape=(len(rows), len(eligible)))


# --- sumy -----------------------------------------------------------------------------------------

@lru_cache(maxsize=4)
def sumy_language(language: str) -> tuple[Callable[[str], str], frozenset[str]]:
    """sumy's stemmer (memoised) and stop words for a language; both ship with sumy/NLTK code."""
    from sumy.nlp.stemmers import Stemmer
    from sumy.utils import get_stop_words

    try:
        return lru_cache(maxsize=200_000)(Stemmer(language)), frozenset(get_stop_words(language))
    except LookupError as exc:
        raise SummarizerError(f"no stemmer or stop words for language {language!r}: {exc}",
                              "set language to one sumy supports, e.g. english") from None


def sumy_summarizer(algorithm: str, language: str) -> Any:
    """A configured sumy summarizer for one of our algorithm names."""
    from sumy.summarizers.edmundson import EdmundsonSummarizer
    from sumy.summarizers.kl import KLSummarizer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.lsa import LsaSummarizer
    from sumy.summarizers.luhn import LuhnSummarizer
    from sumy.summarizers.reduction import ReductionSummarizer
    from sumy.summarizers.sum_basic import SumBasicSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer

    classes = {"lexrank": LexRankSummarizer, "textrank": TextRankSummarizer, "lsa": LsaSummarizer,
               "luhn": LuhnSummarizer, "edmundson": EdmundsonSummarizer, "kl": KLSummarizer,
               "sumbasic": SumBasicSummarizer, "reduction": ReductionSummarizer}
    stem, stop_words = sumy_language(language)
    summarizer = classes[algorithm](stem)
    summarizer.stop_words = stop_words
    if algorithm == "edmundson":
        summarizer.bonus_words = EDMUNDSON_BONUS
        summarizer.stigma_words = EDMUNDSON_STIGMA
        summarizer.null_words = stop_words
    return summarizer


def sumy_document(pool: Pool, language: str) -> tuple[Any, list[int]]:
    """A sumy document with one paragraph per article, and the pool index of each of its sentences."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence

    tokenizer = SumyTokenizer(language)
    order = np.argsort(pool.reading_rank).tolist()
    paragraphs: list[Any] = []
    current: list[Any] = []
    article = -1
    for j in order:
        if pool.article_rank[j] != article and current:
            paragraphs.append(Paragraph(current))
            current = []
        article = pool.article_rank[j]
        current.append(SumySentence(pool.sentences[j].text, tokenizer))
    paragraphs.append(Paragraph(current))
    return ObjectDocumentModel(paragraphs), order


def sumy_ranking(pool: Pool, options: SummaryOptions) -> list[int]:
    """Pool indexes in sumy's rating order (best first; ties keep document order)."""
    document, order = sumy_document(pool, options.language)
    summarizer = sumy_summarizer(options.algorithm, options.language)
    ranked: list[int] = []

    def record(infos: Sequence[Any]) -> list[Any]:
        ranked.extend(order[info.order] for info in infos)
        return []

    try:
        summarizer(document, record)
    except (ValueError, ZeroDivisionError, np.linalg.LinAlgError) as exc:
        raise SummarizerError(f"{options.algorithm} failed on this input: {exc}") from exc
    return ranked or order


def lexrank_ranking(pool: Pool, options: SummaryOptions) -> list[int]:
    """Pool indexes in the order of sumy's LexRank, computed with sparse matrices."""
    texts = [pool.sentences[j].text.strip() for j in range(len(pool.sentences))]
    scores = lexrank_scores(texts, options.language)
    order = np.argsort(pool.reading_rank)
    return [int(order[k]) for k in np.argsort(-scores[order], kind="stable")]


def lexrank_scores(texts: Sequence[str], language: str = "english") -> np.ndarray:
    """sumy's LexRank scores (same tf, idf, cosine, threshold and power method), sparse and blocked."""
    matrix = _lexrank_tfidf(texts, language)
    n = matrix.shape[0]
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    unit = sp.csr_matrix(sp.diags(np.where(norms > 0, 1.0 / np.where(norms > 0, norms, 1.0), 0.0)) @ matrix)
    adjacency = []
    for start in range(0, n, LEXRANK_BLOCK):
        block = sp.csr_matrix(unit[start:start + LEXRANK_BLOCK] @ unit.T)
        block.data = (block.data > LEXRANK_THRESHOLD).astype(np.float64)
        block.eliminate_zeros()
        adjacency.append(block)
    graph = sp.csr_matrix(sp.vstack(adjacency)) if adjacency else sp.csr_matrix((0, 0))
    degrees = np.asarray(graph.sum(axis=1)).ravel()
    degrees[degrees == 0] = 1
    transition_t = sp.csr_matrix((sp.diags(1.0 / degrees) @ graph).T)
    p = np.full(n, 1.0 / n)
    change = 1.0
    while change > LEXRANK_EPSILON:
        following = transition_t @ p
        following /= np.linalg.norm(following)
        change = float(np.linalg.norm(following - p))
        p = following
    return p


def _lexrank_tfidf(texts: Sequence[str], language: str) -> sp.csr_matrix:
    """Sentence x term matrix of sumy's LexRank: tf / max tf of the sentence, times log(N / (1 + df))."""
    stem, stop_words = sumy_language(language)
    tokenizer = SumyTokenizer(language)
    vocabulary: dict[str, int] = {}
    rows, cols, values = [], [], []
    for i, text in enumerate(texts):
        terms = Counter(stem(w) for w in (t.lower() for t in tokenizer.to_words(text)) if w not in stop_words)
        top = max(terms.values(), default=1)
        for term, count in terms.items():
            rows.append(i)
            cols.append(vocabulary.setdefault(term, len(vocabulary)))
            values.append(count / top)
    tf = sp.csr_matrix((values, (rows, cols)), shape=(len(texts), len(vocabulary)))
    df = np.bincount(cols, minlength=len(vocabulary))
    idf = np.log(len(texts) / (1.0 + df)) if len(texts) else np.zeros(0)
    return sp.csr_matrix(tf @ sp.diags(idf))
