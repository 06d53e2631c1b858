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
from briefing.dedup import (
    DUPLICATE_SIMILARITY,
    FREQUENT_SHARE,
    STOP_WORDS,
    DuplicateIndex,
    index_duplicates,
    stemmer,
    tokens,
)
from briefing.errors import SummarizerError
from briefing.models import Article, Point, Sentence
from briefing.names import Lexicon
from briefing.sentences import SumyTokenizer, quoted_regions, split_sentences, words

log = logging.getLogger(__name__)

DEFAULT_SENTENCES = 6
# Shortest candidate sentence: shorter ones are headlines, captions and
# fragments (ICSISumm and Boudin et al. 2015 drop sentences under ~10 words).
MIN_SENTENCE_WORDS = 8
# Sentences mostly made of quoted words are the speakers', not the reporter's
# account of what happened; the briefing's quotes section carries them.
MAX_QUOTED_SHARE = 0.4
# Concepts must occur in this many documents when there are at least
# MANY_DOCUMENTS of them (ICSISumm); smaller inputs need 2 (when >= 3 documents).
MIN_CONCEPT_DF = 3
MANY_DOCUMENTS = 10
# Weight of the subtopic diversity reward against concept coverage (Lin & Bilmes 2011).
DIVERSITY_WEIGHT = 1.0
# Content words are concepts too, at this share of a bigram's weight: they make a
# second sentence on a topic already covered, in other words, worth less.
UNIGRAM_WEIGHT = 1.0
# Sentences at the top of an article carry its main facts (the "lead"); a
# concept seen there weighs LEAD_BONUS more per document.
LEAD_SENTENCES = 3
LEAD_BONUS = 0.5
# Gain is divided by length ** COST_EXPONENT: 1 = value per word (Lin & Bilmes r=1).
COST_EXPONENT = 1.0
# With a sentence budget only, the summary may hold this many words per sentence
# (news sentences average 20-25 words): long enough for whole facts, short
# enough that coverage does not simply favour the longest sentences.
WORDS_PER_SENTENCE = 25
# Local search stops after this many improving swaps (it rarely needs half).
MAX_SWAPS = 20
# sumy's LexRank constants (LexRankSummarizer.threshold / .epsilon).
LEXRANK_THRESHOLD = 0.1
LEXRANK_EPSILON = 0.1
# Rows multiplied at once: bounds the product's intermediate to LEXRANK_BLOCK x n.
LEXRANK_BLOCK = 256
# Above this many sentences the exact LexRank graph (all pairs over the threshold,
# up to ~70 M edges for 25,000 sentences of one day's news) gets too big and slow.
LEXRANK_EXACT_MAX = 25_000
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


@dataclass(frozen=True, slots=True)
class Limits:
    """How much a summary may hold: sentences and words (None = no limit)."""

    sentences: int | None
    words: int | None


class Selection:
    """Sentences chosen so far under the limits, never two of one duplicate group or alike."""

    def __init__(self, pool: Pool, limits: Limits) -> None:
        self.pool, self.limits, self.words = pool, limits, 0
        self.chosen: list[int] = []
        self.groups: set[int] = set()

    @property
    def full(self) -> bool:
        """True when no further sentence may be added."""
        return self.limits.sentences is not None and len(self.chosen) >= self.limits.sentences

    def allows(self, j: int) -> bool:
        """True when sentence j fits the word limit and repeats nothing chosen."""
        if self.limits.words is not None and self.words + self.pool.lengths[j] > self.limits.words:
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
    selection = Selection(pool, Limits(options.sentence_budget, options.max_words))
    for j in ranking:
        if selection.full:
            break
        if pool.lengths[j] and selection.allows(j):
            selection.add(j)
    return selection.chosen


# --- coverage -----------------------------------------------------------------------------------

def is_statement(text: str) -> bool:
    """True for a sentence in the reporter's words: ends like a statement, is not mostly a quotation."""
    if not _STATEMENT_END.search(text) or _OPENS_QUOTE.match(text):
        return False
    quoted = sum(len(words(text[r.start:r.stop])) for r in quoted_regions(text))
    return quoted <= MAX_QUOTED_SHARE * len(words(text))


def candidates(pool: Pool, options: SummaryOptions) -> np.ndarray:
    """Indexes of sentences that may enter a coverage summary (long enough statements, not quotes)."""
    statement = np.array([is_statement(s.text) for s in pool.sentences])
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


@dataclass(frozen=True, slots=True)
class Coverage:
    """The coverage problem over candidate sentences: concepts, subtopics and limits.

    The objective is F(S) = C(S) + DIVERSITY_WEIGHT * R(S): C is the weight of the concepts
    covered (Gillick & Favre 2009), R = sum over subtopics k of sqrt(M * sum of r_j for the
    chosen j in k), with r_j = C({j}) and M = max r_j (the diversity reward of Lin & Bilmes
    2011, "A class of submodular functions for document summarization", ACL), so a second
    sentence on a subtopic already covered is worth less than a first one on a new subtopic.
    """

    candidates: np.ndarray
    occurrences: sp.csr_matrix
    weights: np.ndarray
    limits: Limits
    lengths: np.ndarray
    leaders: np.ndarray
    topics: np.ndarray
    vectors: sp.csr_matrix
    reward: np.ndarray

    def value(self, rows: Sequence[int]) -> float:
        """F of a set of candidate rows."""
        if not rows:
            return 0.0
        covered = np.asarray(self.occurrences[list(rows)].sum(axis=0)).ravel() > 0
        sums = np.bincount(self.topics[list(rows)], weights=self.reward[list(rows)])
        return float(self.weights[covered].sum() + DIVERSITY_WEIGHT * np.sqrt(self.reward.max() * sums).sum())

    def marginal(self, rows: Sequence[int]) -> np.ndarray:
        """F(S + j) - F(S) for every candidate j."""
        count = np.asarray(self.occurrences[list(rows)].sum(axis=0)).ravel() if rows else 0
        concepts = self.occurrences @ (self.weights * (count == 0))
        sums = np.bincount(self.topics[list(rows)], weights=self.reward[list(rows)],
                           minlength=int(self.topics.max()) + 1)[self.topics]
        top = self.reward.max()
        return concepts + DIVERSITY_WEIGHT * (np.sqrt(top * (sums + self.reward)) - np.sqrt(top * sums))

    def allowed(self, rows: Sequence[int], leaving: int | None = None) -> np.ndarray:
        """Candidates that may join rows (without ``leaving``): within limits, repeating nothing."""
        kept = [r for r in rows if r != leaving]
        ok = self.lengths + self.lengths[kept].sum() <= (self.limits.words or np.inf)
        if kept:
            similar = (self.vectors @ self.vectors[kept].T).toarray() >= DUPLICATE_SIMILARITY
            ok &= ~similar.any(axis=1) & ~np.isin(self.leaders, self.leaders[kept])
        ok[list(rows)] = False
        return ok


def coverage_problem(pool: Pool, options: SummaryOptions, lexicon: Lexicon | None) -> Coverage:
    """Candidates, concepts and weights; the word limit defaults to WORDS_PER_SENTENCE per sentence."""
    eligible = candidates(pool, options)
    bigrams, unigrams = ngram_matrix(pool, lexicon, 2), ngram_matrix(pool, lexicon, 1)
    occurrences = sp.csr_matrix(sp.hstack([bigrams, unigrams]))
    weights = np.r_[concept_weights(pool, bigrams), UNIGRAM_WEIGHT * concept_weights(pool, unigrams)]
    active = np.flatnonzero(weights)
    occ = sp.csr_matrix(occurrences[eligible][:, active])
    sentences = options.sentence_budget
    words = options.max_words if options.max_words is not None else (sentences or 1) * WORDS_PER_SENTENCE
    _, topics = np.unique(pool.duplicates.topics[eligible], return_inverse=True)
    return Coverage(eligible, occ, weights[active], Limits(sentences, words), pool.lengths[eligible],
                    pool.duplicates.leaders[eligible], topics.ravel(), pool.duplicates.vectors[eligible],
                    np.asarray(occ @ weights[active]).ravel())


def coverage_select(pool: Pool, options: SummaryOptions,
                    lexicon: Lexicon | None) -> tuple[list[int], list[float]]:
    """Sentences maximising F: cost-scaled greedy, then swaps while they gain."""
    problem = coverage_problem(pool, options, lexicon)
    if not problem.weights.size:
        return [], []
    rows = improve(problem, greedy(problem))
    gains = [problem.value(rows[:i + 1]) - problem.value(rows[:i]) for i in range(len(rows))]
    return [int(problem.candidates[k]) for k in rows], gains


def greedy(problem: Coverage) -> list[int]:
    """Cost-scaled greedy (gain per word ** r; Lin & Bilmes 2010), then the best-singleton check."""
    cost = np.maximum(problem.lengths, 1).astype(np.float64) ** COST_EXPONENT
    rows: list[int] = []
    while problem.limits.sentences is None or len(rows) < problem.limits.sentences:
        ratio = np.where(problem.allowed(rows), problem.marginal(rows) / cost, -np.inf)
        k = int(np.argmax(ratio))
        if not ratio[k] > 0:
            break
        rows.append(k)
    single = np.where(problem.allowed([]), problem.marginal([]), -np.inf)
    if single.max() > problem.value(rows) + 1e-9:
        return [int(np.argmax(single))]
    return rows


def improve(problem: Coverage, rows: list[int]) -> list[int]:
    """1-swap local search: add a sentence, or replace one, while F grows (at most MAX_SWAPS)."""
    rows = list(rows)
    for _ in range(MAX_SWAPS):
        current = problem.value(rows)
        best: float = 1e-9
        move: tuple[int | None, int] | None = None
        if problem.limits.sentences is None or len(rows) < problem.limits.sentences:
            gains = np.where(problem.allowed(rows), problem.marginal(rows), -np.inf)
            best, move = max((best, move), (float(gains.max()), (None, int(np.argmax(gains)))), key=_first)
        for out in rows:
            rest = [r for r in rows if r != out]
            gains = problem.value(rest) - current + problem.marginal(rest)
            gains = np.where(problem.allowed(rows, leaving=out), gains, -np.inf)
            best, move = max((best, move), (float(gains.max()), (out, int(np.argmax(gains)))), key=_first)
        if move is None:
            break
        leaving, k = move
        rows = [r for r in rows if r != leaving] + [k]
    return rows


def _first(pair: tuple[float, Any]) -> float:
    return pair[0]


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
    """sumy's LexRank scores (same tf, idf, cosine, threshold and power method), sparse and blocked.

    Exact up to LEXRANK_EXACT_MAX sentences.  Beyond, words in more than FREQUENT_SHARE of
    the sentences are left out of the similarity (a lower bound of the cosine), which keeps
    the product near-linear: the ranking is then an approximation of sumy's.
    """
    matrix = _lexrank_tfidf(texts, language)
    n = matrix.shape[0]
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    unit = sp.csr_matrix(sp.diags(np.where(norms > 0, 1.0 / np.where(norms > 0, norms, 1.0), 0.0)) @ matrix)
    if n > LEXRANK_EXACT_MAX:
        log.info("LexRank on %d sentences: frequent words left out of the similarity (approximate)", n)
        df = np.bincount(unit.indices, minlength=unit.shape[1])
        unit = sp.csr_matrix(unit @ sp.diags((df <= FREQUENT_SHARE * n).astype(np.float64)))
    indptr, indices = _lexrank_graph(unit)
    degrees = np.maximum(np.diff(indptr), 1).astype(np.float64)
    p = np.full(n, 1.0 / n)
    change = 1.0
    while change > LEXRANK_EPSILON:
        following = _spread(indptr, indices, p / degrees)
        following /= np.linalg.norm(following)
        change = float(np.linalg.norm(following - p))
        p = following
    return p


def _lexrank_graph(unit: sp.csr_matrix) -> tuple[np.ndarray, np.ndarray]:
    """CSR structure (indptr, int32 indices) of the pairs whose cosine exceeds LEXRANK_THRESHOLD."""
    n = unit.shape[0]
    counts, neighbours = [np.zeros(1, dtype=np.int64)], []
    transposed = sp.csr_matrix(unit.T)
    for start in range(0, n, LEXRANK_BLOCK):
        block = sp.csr_matrix(unit[start:start + LEXRANK_BLOCK] @ transposed)
        keep = block.data > LEXRANK_THRESHOLD
        rows = np.repeat(np.arange(block.shape[0]), np.diff(block.indptr))
        counts.append(np.bincount(rows[keep], minlength=block.shape[0]))
        neighbours.append(block.indices[keep].astype(np.int32))
    indices = np.concatenate(neighbours) if neighbours else np.zeros(0, dtype=np.int32)
    return np.cumsum(np.concatenate(counts)), indices


def _spread(indptr: np.ndarray, indices: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """A.T @ weights for the 0/1 graph A given by its CSR structure, in bounded chunks."""
    out = np.zeros(len(weights))
    rows_per_chunk = max(1, LEXRANK_BLOCK)
    for start in range(0, len(weights), rows_per_chunk):
        stop = min(len(weights), start + rows_per_chunk)
        span = slice(indptr[start], indptr[stop])
        repeated = np.repeat(weights[start:stop], np.diff(indptr[start:stop + 1]))
        out += np.bincount(indices[span], weights=repeated, minlength=len(weights))
    return out


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
