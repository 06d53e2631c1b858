"""Extractive summaries of many articles: one interface over every algorithm.

``coverage`` (the default) is our multi-document method, in briefing.coverage:
near-duplicates grouped across sources first, then the exact budgeted optimum of
weighted concept coverage (Gillick & Favre 2009; briefing.optimum), focused by the
reader's query and told what the reader has seen; the lede first, no dangling
openers (briefing.readability).

The other algorithms are sumy's, fed our offline tokenizer, Snowball stemmer
and stop words; their ranking is walked down under the same budgets and the
same no-duplicates rule.  ``lexrank`` runs a sparse re-implementation of sumy's
LexRankSummarizer (Erkan & Radev 2004, "LexRank: graph-based lexical centrality
as salience in text summarization", JAIR) that reproduces its tf, idf,
idf-modified cosine, 0.1 threshold and power method, and so its ranking, in a
fraction of the time and bounded memory.  This is the only module that imports sumy.
"""

from __future__ import annotations

import gc
import logging
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import scipy.sparse as sp

from briefing.choices import ALGORITHMS
from briefing.coverage import STATEMENT_END, Limits, Pool, make_pool
from briefing.dedup import DUPLICATE_SIMILARITY, FREQUENT_SHARE
from briefing.errors import SummarizerError
from briefing.models import Article, Point, Sentence
from briefing.names import Lexicon
from briefing.provenance import build_claims
from briefing.selection import arrange, coverage_select
from briefing.sentences import SumyTokenizer, split_sentences

log = logging.getLogger(__name__)

DEFAULT_SENTENCES = 6
# sumy's LexRank constants (LexRankSummarizer.threshold / .epsilon).
LEXRANK_THRESHOLD = 0.1
LEXRANK_EPSILON = 0.1
# Rows multiplied at once: bounds the product's intermediate to LEXRANK_BLOCK x n.
LEXRANK_BLOCK = 256
# Above this many sentences the exact LexRank graph (all pairs over the threshold,
# up to ~70 M edges for 25,000 sentences of one day's news) gets too big and slow.
LEXRANK_EXACT_MAX = 25_000
# sumy's own algorithms compare every pair of sentences in Python (~50 s for 3,600).
SUMY_LARGE = 3000
# Hard line wraps: a text whose non-empty lines mostly are long and end
# mid-sentence (plain-text news archives wrap at ~70 characters) is unwrapped.
WRAP_MIN_CHARS = 40
WRAPPED_SHARE = 0.5
# 1990s wire copy (AP, NYT) types a dash as " _ ", after the dateline too ("ROME (AP) _ The ..."); it
# opens one of the first lines of the story. briefing.clean cuts it; this is for texts not cleaned.
_WIRE_DATELINE = re.compile(r"^[A-Z][A-Z.'-]{2,}(?:,? [\w.'-]+){0,5}(?: \([\w .&'-]{1,30}\))? _ (?=[\"'`A-Z0-9])")
WIRE_DATELINE_LINES = 2

# Generic cue words for Edmundson (1969): news facts vs. page furniture and hedging.
EDMUNDSON_BONUS = ("agreed agreement announced concluded decided decision ended deal failed rejected "
                   "demanded talks breakthrough progress round next key main major ceasefire signed "
                   "official officials confirmed killed approved vote result").split()
EDMUNDSON_STIGMA = ("photo image caption subscribe newsletter advertisement click copyright follow share "
                    "reportedly allegedly perhaps maybe hardly rumour rumor opinion sponsored").split()


@dataclass(frozen=True, slots=True)
class SummaryOptions:
    """Which algorithm and how long: a sentence budget, a word budget, or both."""

    algorithm: str = "coverage"
    sentences: int | None = DEFAULT_SENTENCES
    max_words: int | None = None
    language: str = "english"
    focus: tuple[tuple[str, ...], ...] = ()  # topics the reader tracks, each a set of phrases (coverage only)

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


def summarize(sentences: Sequence[Sentence], options: SummaryOptions,
              lexicon: Lexicon | None = None, seen: Sequence[Sentence] = ()) -> list[Point]:
    """The summary of the sentences as Points, lede first, then in reading order; [] when there are none.

    ``seen``: sentences of articles the reader has already read (coverage only): the summary
    prefers what they did not say (an update summary, DUC 2007).
    """
    if not sentences:
        return []
    with bulk_work():
        pool = make_pool(sentences, lexicon)
        if options.algorithm == "coverage":
            limits = Limits(options.sentence_budget, options.max_words, options.focus, tuple(seen))
            selected = coverage_select(pool, limits, lexicon)
            chosen, gains, texts = selected.sentences, selected.gains, selected.texts
        else:
            lexrank = options.algorithm == "lexrank"
            ranking = lexrank_ranking(pool, options) if lexrank else sumy_ranking(pool, options)
            chosen = select_ranked(pool, ranking, options)
            gains = [1.0 / (1 + r) for r in range(len(chosen))]
            texts = {}
    log.debug("%s: %d of %d sentences chosen", options.algorithm, len(chosen), len(sentences))
    return to_points(pool, chosen, gains, texts)


@contextmanager
def bulk_work() -> Iterator[None]:
    """Inside the block the garbage collector is paused; it is restored after, on errors too.

    The collector rescans every token list made so far on each older-generation pass (~1 s at
    10,000 articles, nothing at 1,000), and the summary makes no reference cycles worth collecting
    before it ends. (Its other cost on shared machines, NumPy's huge-page advice, is switched off
    for the CLI process: briefing.cli sets NUMPY_MADVISE_HUGEPAGE.)
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def summarize_documents(texts: Sequence[str], options: SummaryOptions, lexicon: Lexicon | None = None,
                        seen: Sequence[str] = (), clean: bool = True, cite: bool = True) -> list[Point]:
    """Summarize plain texts, one text per document (ids doc1, doc2...), cleaned as the briefing cleans articles.

    ``seen``: texts the reader has already read (ids seen1, seen2...), for an update summary;
    ``clean=False`` for texts cleaned already (briefing.ingest.read_documents cleans). Points are
    cited through briefing.provenance, as the briefing's are: never by an outlet that contradicts them.
    ``cite=False`` for output that prints no sources: the claim grouping takes longer than the summary
    (~0.5 s of 150 articles), and the points' sentences are the same.
    """
    sentences = document_sentences(texts, "doc", clean)
    if not sentences:
        raise SummarizerError("the input holds no sentences to summarize",
                              "give files that contain article prose")
    points = summarize(sentences, options, lexicon, document_sentences(seen, "seen", clean))
    if not cite:
        return points
    claims = build_claims(sentences, lexicon)  # the briefing's rule: a point cites only the sources that say it
    return [claims.recite(p) for p in points]


def document_sentences(texts: Sequence[str], prefix: str, clean: bool = True) -> list[Sentence]:
    """The sentences of plain texts, numbered prefix1, prefix2...: hard wraps undone, headlines and datelines cut."""
    from briefing.clean import clean_text

    sentences: list[Sentence] = []
    for number, text in enumerate(texts, start=1):
        plain = unwrap(text)
        plain = clean_text(plain) if clean else cut_wire_dateline(plain)  # cleaning cuts datelines itself
        sentences.extend(split_sentences(Article(id=f"{prefix}{number}", text=plain)))
    return sentences


def cut_wire_dateline(text: str) -> str:
    """The text without a wire dateline typed with an underscore dash ("ROME (AP) _ ") on its first lines."""
    lines = text.split("\n", WIRE_DATELINE_LINES)
    lines[:WIRE_DATELINE_LINES] = [_WIRE_DATELINE.sub("", line, count=1) for line in lines[:WIRE_DATELINE_LINES]]
    return "\n".join(lines)


def unwrap(text: str) -> str:
    """The text with hard-wrapped lines joined into paragraphs, when it looks hard-wrapped."""
    lines = [line.strip() for line in text.splitlines()]
    body = [line for line in lines if line]
    wrapped = sum(1 for line in body if len(line) >= WRAP_MIN_CHARS and not STATEMENT_END.search(line))
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


def to_points(pool: Pool, chosen: Sequence[int], gains: Sequence[float],
              texts: dict[int, str] | None = None) -> list[Point]:
    """Chosen sentences as Points (``texts``: the trims shown), lede first then in reading order,
    each with every source of its group."""
    leaders = pool.duplicates.leaders
    points = []
    gain_of = dict(zip(chosen, gains, strict=True))
    shown = texts or {}
    for j in arrange(pool, chosen, shown):
        gain = gain_of[j]
        members = np.flatnonzero(leaders == leaders[j]).tolist()
        sources = tuple(sorted({pool.sentences[m].article_id for m in members}))
        points.append(Point(text=shown.get(j, pool.sentences[j].text), sources=sources, score=round(float(gain), 4)))
    return points


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
    if len(pool.sentences) > SUMY_LARGE:
        log.warning("sumy's %s on %d sentences is quadratic and may take minutes; coverage and lexrank "
                    "scale", options.algorithm, len(pool.sentences))
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
