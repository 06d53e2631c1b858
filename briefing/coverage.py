"""Our multi-document summarizer: budgeted weighted concept coverage, solved exactly when small.

Near-duplicate sentences are grouped across sources first (briefing.dedup), so a fact carried
by many outlets is one candidate whose words count once per outlet -- it is corroborated, not
repeated.  The objective (see Coverage) adds up the weights of the concepts a summary covers:
stemmed word bigrams not made of stop words only, each weighted by the number of documents that
contain it (in at least 3 of them when there are 10 or more; Gillick & Favre 2009, "A scalable
global model for summarization", ILP-NLP workshop -- the ICSISumm concepts), with a bonus for
concepts in the lead sentences of an article (the position feature of Gillick et al. 2009, "The
ICSI/UTD summarization system at TAC 2009"), and content words as lighter concepts; plus a
diversity reward over subtopics (Lin & Bilmes 2011).  Covered concepts count once: that is the
redundancy penalty; besides, no two chosen sentences may be near-duplicates.

Selection is exact: the integer program of Gillick & Favre (briefing.optimum, HiGHS), where a
sentence opening with a pronoun, a connective or a leaning subject ("One of them") comes only with
its predecessor (briefing.readability).
Without a solution in time it falls back to a cost-scaled greedy (gain per word, r = 1) checked
against the best single sentence (Khuller, Moss & Naor 1999; Lin & Bilmes 2010, "Multi-document
summarization via budgeted maximization of submodular functions", NAACL), then a 1-swap local
search.  Length prior: sentences under MIN_SENTENCE_WORDS, questions and quotations are not
candidates.  A focus (the reader's query) raises the weight of concepts holding its words; seen
articles (an update summary) lower the weight of concepts they hold and rule out their facts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from briefing.compression import trims
from briefing.dedup import (
    DUPLICATE_SIMILARITY,
    STOP_WORDS,
    DuplicateIndex,
    index_duplicates,
    similar_pairs,
    stemmer,
    tokens,
)
from briefing.models import Sentence
from briefing.names import Lexicon
from briefing.readability import full_name_words, is_dangling_opener
from briefing.sentences import QUOTE_MARK, quoted_regions, words

# Shortest candidate sentence: shorter ones are headlines, captions and
# fragments (ICSISumm and Boudin et al. 2015 drop sentences under ~10 words).
MIN_SENTENCE_WORDS = 10
# Sentences mostly made of quoted words are the speakers', not the reporter's
# account of what happened; the briefing's quotes section carries them.
MAX_QUOTED_SHARE = 0.4
# Concepts must occur in this many documents when there are at least
# MANY_DOCUMENTS of them (ICSISumm); smaller inputs need 2 (when >= 3 documents).
MIN_CONCEPT_DF = 3
MANY_DOCUMENTS = 10
# Weight of the subtopic diversity reward against concept coverage (Lin & Bilmes 2011).
DIVERSITY_WEIGHT = 1.0
# Content words are concepts too (weighted like bigrams times this factor): they
# make a second sentence on a topic already covered, in other words, worth less.
UNIGRAM_WEIGHT = 1.0
# Sentences at the top of an article carry its main facts (the "lead"); a
# concept seen there weighs LEAD_BONUS more per document.
LEAD_SENTENCES = 3
LEAD_BONUS = 1.0
# With a sentence budget only, the summary may hold this many words per sentence
# (news sentences average 20-25 words): long enough for whole facts, short
# enough that coverage does not simply favour the longest sentences.
WORDS_PER_SENTENCE = 25
# A focus topic weighs this share of the best single sentence's concept weight: enough that
# a summary covers each topic the reader tracks, not so much that a topic sentence with
# little else beats the story's central facts (a topic is covered once, then gains nothing).
FOCUS_WEIGHT = 0.5
# A concept holding a word of the reader's query weighs this much more (query-focused ICSISumm):
# relevance lifts the query's concepts without letting one query word outweigh the cluster's facts.
FOCUS_BOOST = 6.0
# With a focus, only sentences holding one of its words are candidates (the relevance filter of
# query-focused DUC systems), unless fewer than FOCUS_MIN_CANDIDATES per wanted sentence remain.
FOCUS_FILTER = False
FOCUS_MIN_CANDIDATES = 3
# A concept held by every seen article loses this share of its weight, one held by a few of them
# a proportional part.  Measured on the DUC 2007 update sets: every penalty (0.15 to 1.0) did
# worse than none once seen facts are left out (below), so old words weigh in full: the story's
# names and places carry the new facts too.
SEEN_PENALTY = 0.0
# Sentences that repeat a fact of the seen articles are no candidates: a cosine this high to a
# seen sentence (the near-duplicate threshold; lower ones catch background restated).
SEEN_EXCLUDE = True
SEEN_SIMILARITY = DUPLICATE_SIMILARITY
# Words of a reader's request that are not its subject ("Describe ... Include ...").
QUERY_WORDS = frozenset("discuss describe include including identify explain explore give list report "
                        "specify tell track what why how when where who which whose whom".split())

# Trimmed readings of each candidate (briefing.compression: a leading time phrase, a trailing
# attribution or clause cut at a comma) compete with it in the program, one reading per sentence.
# Off: measured on both DUC sets (bench/RESULTS.md, round 8), they help 250-word summaries (DUC 2006
# +0.2 to +0.6 R-1) but not 100-word ones (DUC 2007 -0.2 to -0.9 R-1; DUC 2006 cut at 100 words +-0.1).
COMPRESS = False

# A statement ends with . ! or … (then closing quotes or brackets); questions and
# headlines do not.  A direct quotation opens with a quote mark.
STATEMENT_END = re.compile(r"""[.!…]["'”’»)\]]*$""")
_OPENS_QUOTE = re.compile(r"""^["“«„'‘]""")
# "parties, some of whom said ...": a sentence opening in lower case is the tail of one a stray
# paragraph break cut in two (not "eBay", whose capital comes later in the word).
_LOWER_OPENING = re.compile(r"^[^\w]*[a-z](?![a-z]*[A-Z])")


@dataclass(frozen=True, slots=True)
class Pool:
    """Input sentences prepared once for any algorithm: duplicate groups, lengths, reading order."""

    sentences: tuple[Sentence, ...]
    tokens: tuple[list[str], ...]
    duplicates: DuplicateIndex
    lengths: np.ndarray
    reading_rank: np.ndarray
    article_rank: np.ndarray
    predecessor: np.ndarray  # the sentence before it in its article, -1 for none
    people: frozenset[str] = frozenset()  # surnames the articles name in full (briefing.readability)


def make_pool(sentences: Sequence[Sentence], lexicon: Lexicon | None) -> Pool:
    """Group duplicates and compute each sentence's length and place in reading order."""
    first_seen: dict[str, int] = {}
    article = np.array([first_seen.setdefault(s.article_id, len(first_seen)) for s in sentences])
    position = np.array([s.index for s in sentences])
    reading = np.lexsort((np.arange(len(sentences)), position, article))
    rank = np.empty(len(sentences), dtype=np.int64)
    rank[reading] = np.arange(len(sentences))
    toks = tuple(tokens(s.text, lexicon) for s in sentences)
    lengths = np.array([len(s.text.split()) for s in sentences], dtype=np.int64)  # words as DUC and readers count
    duplicates = index_duplicates([s.text for s in sentences], lexicon, toks)
    where = {(s.article_id, s.index): k for k, s in enumerate(sentences)}
    before = np.array([where.get((s.article_id, s.index - 1), -1) for s in sentences], dtype=np.int64)
    people = full_name_words([s.text for s in sentences])
    return Pool(tuple(sentences), toks, duplicates, lengths, rank, article, before, people)





@dataclass(frozen=True, slots=True)
class Limits:
    """How much a summary may hold: sentences and words (None = no limit)."""

    sentences: int | None
    words: int | None
    focus: tuple[tuple[str, ...], ...] = ()
    seen: tuple[Sentence, ...] = ()  # articles the reader has read: prefer what they did not say


def focus_matrix(token_rows: Sequence[list[str]], focus: Sequence[Sequence[str]],
                 lexicon: Lexicon | None) -> sp.csr_matrix:
    """Binary row x focus-topic matrix (rows: token lists): 1 where a row holds one of the topic's phrases."""
    texts = [f" {' '.join(t)} " for t in token_rows]
    rows: list[int] = []
    cols: list[int] = []
    for col, phrases in enumerate(focus):
        keys = [f" {' '.join(tokens(p, lexicon))} " for p in phrases if tokens(p, lexicon)]
        hits = [i for i, text in enumerate(texts) if any(k in text for k in keys)]
        rows += hits
        cols += [col] * len(hits)
    return sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(texts), len(focus)))


def is_statement(text: str) -> bool:
    """True for a sentence in the reporter's words: ends like a statement, is not mostly a quotation."""
    if not STATEMENT_END.search(text) or _OPENS_QUOTE.match(text) or _LOWER_OPENING.match(text):
        return False
    if is_quote_tail(text):
        return False
    if not QUOTE_MARK.search(text):
        return True
    quoted = sum(len(words(text[r.start:r.stop])) for r in quoted_regions(text))
    return quoted <= MAX_QUOTED_SHARE * len(words(text))


def is_quote_tail(text: str) -> bool:
    """True when the sentence closes a quotation it never opened: the end of a quote begun in a paragraph before."""
    body = text.rstrip()
    if not body.endswith(('"', "”")):
        return False
    return "“" not in body and '"' not in body[:-1]


def candidates(pool: Pool, limits: Limits, lexicon: Lexicon | None = None) -> np.ndarray:
    """Indexes of sentences that may enter a coverage summary (long enough statements, not quotes, not seen)."""
    statement = np.array([is_statement(s.text) for s in pool.sentences])
    fresh = ~seen_facts(pool, limits.seen if SEEN_EXCLUDE else (), lexicon)
    relevant = on_focus(pool, focus_stems(limits.focus, lexicon)) if FOCUS_FILTER else True
    eligible = np.flatnonzero(statement & (pool.lengths >= MIN_SENTENCE_WORDS) & fresh & relevant)
    wanted = limits.sentences or -(-(limits.words or WORDS_PER_SENTENCE) // WORDS_PER_SENTENCE)
    if len(eligible) < FOCUS_MIN_CANDIDATES * wanted:
        eligible = np.flatnonzero(statement & (pool.lengths >= MIN_SENTENCE_WORDS) & fresh)
    if len(eligible) < (limits.sentences or 1):
        eligible = np.flatnonzero((pool.lengths > 0) & fresh)  # too little prose: relax the priors
    return eligible  # a seen fact never returns here: the caller fills up with it, citing its old sources


def seen_facts(pool: Pool, seen: Sequence[Sentence], lexicon: Lexicon | None) -> np.ndarray:
    """Per pool sentence: True when it is as close as SEEN_SIMILARITY to a sentence the reader has seen."""
    if not seen:
        return np.zeros(len(pool.sentences), dtype=bool)
    old = [tokens(s.text, lexicon) for s in seen]
    texts = [s.text for s in seen] + [s.text for s in pool.sentences]
    index = index_duplicates(texts, lexicon, old + list(pool.tokens))
    pairs = similar_pairs(index.vectors, SEEN_SIMILARITY).tocoo()  # row > col: a later text, an earlier one
    close = np.zeros(len(texts), dtype=bool)
    close[pairs.row[pairs.col < len(seen)]] = True
    return np.asarray(close[len(seen):] | (index.leaders[len(seen):] < len(seen)))


@dataclass(frozen=True, slots=True)
class Readings:
    """The rows of a coverage problem: each candidate sentence, then its trimmed readings."""

    sentences: np.ndarray  # the pool sentence of each row
    texts: tuple[str, ...]
    tokens: tuple[list[str], ...]


def readings(pool: Pool, eligible: np.ndarray, lexicon: Lexicon | None) -> Readings:
    """The candidates as they are, then (with COMPRESS) every trim of them long enough to be a candidate."""
    rows = [int(j) for j in eligible]
    texts = [pool.sentences[j].text for j in rows]
    toks = [pool.tokens[j] for j in rows]
    for j in eligible.tolist() if COMPRESS else ():
        for trim in trims(pool.sentences[j].text):
            if len(trim.text.split()) >= MIN_SENTENCE_WORDS:
                rows.append(j)
                texts.append(trim.text)
                toks.append(tokens(trim.text, lexicon))
    return Readings(np.asarray(rows, dtype=np.int64), tuple(texts), tuple(toks))


@dataclass(frozen=True, slots=True)
class Concepts:
    """Binary row x concept matrices (bigrams, content words; one column space) and column names."""

    bigrams: sp.csr_matrix
    unigrams: sp.csr_matrix
    names: tuple[str, ...]


def concept_matrices(pool: Pool, seen: Sequence[list[str]] = ()) -> Concepts:
    """Binary sentence x concept matrices: stemmed bigrams not all stop words, and content words.

    ``seen`` token lists (the reader's earlier articles) come after the pool's rows, same columns.
    """
    return concept_rows([*pool.tokens, *list(seen)], {})


def concept_rows(rows: Sequence[list[str]], vocabulary: dict[str, int], grow: bool = True) -> Concepts:
    """Binary row x concept matrices of token lists; ``grow=False`` keeps to the vocabulary given."""
    stem = stemmer()
    bigrams: list[int] = []
    unigrams: list[int] = []
    bi_ptr, uni_ptr = [0], [0]
    column = vocabulary.setdefault if grow else (lambda name, _: vocabulary.get(name, -1))
    for toks in rows:
        stems = [stem(t) for t in toks]
        stop = [t in STOP_WORDS for t in toks]
        bigrams.extend(sorted({column(f"{a} {b}", len(vocabulary))
                               for a, b, s1, s2 in zip(stems, stems[1:], stop, stop[1:], strict=False)
                               if not (s1 and s2)} - {-1}))
        unigrams.extend(sorted({column(a, len(vocabulary)) for a, s1 in zip(stems, stop, strict=True) if not s1}
                               - {-1}))
        bi_ptr.append(len(bigrams))
        uni_ptr.append(len(unigrams))
    return Concepts(_binary(bigrams, bi_ptr, len(vocabulary)), _binary(unigrams, uni_ptr, len(vocabulary)),
                    tuple(vocabulary))


def _binary(indices: list[int], indptr: list[int], columns: int) -> sp.csr_matrix:
    data = np.ones(len(indices), dtype=np.float64)
    return sp.csr_matrix((data, np.asarray(indices, dtype=np.int64), np.asarray(indptr, dtype=np.int64)),
                         shape=(len(indptr) - 1, columns))


def concept_weights(pool: Pool, occurrences: sp.csr_matrix) -> np.ndarray:
    """Weight of each concept: documents containing it, plus LEAD_BONUS per document leading with it."""
    occurrences = sp.csr_matrix(occurrences[:len(pool.sentences)])
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

    candidates: np.ndarray  # the pool sentence of each row (a sentence and its trims share one)
    texts: tuple[str, ...]  # each row's text: its sentence, or a trim of it
    occurrences: sp.csr_matrix
    weights: np.ndarray
    limits: Limits
    lengths: np.ndarray
    leaders: np.ndarray
    topics: np.ndarray
    vectors: sp.csr_matrix
    reward: np.ndarray
    dangling: np.ndarray  # opens with a pronoun or connective: the greedy never takes it

    def value(self, rows: Sequence[int]) -> float:
        """F of a set of candidate rows."""
        if not rows:
            return 0.0
        covered = np.asarray(self.occurrences[list(rows)].sum(axis=0)).ravel() > 0
        sums = np.bincount(self.topics[list(rows)], weights=self.reward[list(rows)])
        return float(self.weights[covered].sum() + DIVERSITY_WEIGHT * np.sqrt(self.reward.max() * sums).sum())

    def covered(self, rows: Sequence[int]) -> float:
        """Weight of the concepts a set of candidate rows covers (the program's objective)."""
        if not rows:
            return 0.0
        return float(self.weights[np.asarray(self.occurrences[list(rows)].sum(axis=0)).ravel() > 0].sum())

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
        return ok & ~self.dangling


def coverage_problem(pool: Pool, limits: Limits, lexicon: Lexicon | None = None) -> Coverage:
    """Candidates, concepts and weights; the word limit defaults to WORDS_PER_SENTENCE per sentence.

    Focus topics (query-focused summarization, as in DUC 2005-2007): each topic the reader
    tracks is one more concept, covered by any sentence holding one of its phrases and
    weighted as a share of the best sentence's concepts, so the summary covers it once; and
    concepts holding the topics' words weigh FOCUS_BOOST more.
    """
    eligible = candidates(pool, limits, lexicon)
    rows = readings(pool, eligible, lexicon)
    concepts = concept_matrices(pool, [tokens(s.text, lexicon) for s in limits.seen])
    n = len(pool.sentences)
    bigrams, unigrams = sp.csr_matrix(concepts.bigrams[:n]), sp.csr_matrix(concepts.unigrams[:n])
    columns = {name: k for k, name in enumerate(concepts.names)}
    trimmed = concept_rows(rows.tokens[len(eligible):], columns, grow=False)
    focus = focus_matrix(rows.tokens, limits.focus, lexicon)
    scale = np.tile(relevance(concepts, limits.focus, lexicon) * novelty(concepts, n, limits.seen), 2)
    weights = np.r_[concept_weights(pool, bigrams), UNIGRAM_WEIGHT * concept_weights(pool, unigrams)] * scale
    parts = [sp.vstack([part[eligible], extra], format="csr")
             for part, extra in ((bigrams, trimmed.bigrams), (unigrams, trimmed.unigrams))]
    words = side_by_side(parts, weights != 0)
    best = float((words @ weights[weights != 0]).max(initial=0.0))  # zero weights add nothing to a row's sum
    weights = np.r_[weights, np.full(focus.shape[1], FOCUS_WEIGHT * best)]
    active = np.flatnonzero(weights)
    kept = np.r_[np.ones(words.shape[1], dtype=bool), weights[len(weights) - focus.shape[1]:] != 0]
    occ = side_by_side([words, focus], kept) if focus.shape[1] else words
    sentences = limits.sentences
    budget = limits.words if limits.words is not None else (sentences or 1) * WORDS_PER_SENTENCE
    _, topics = np.unique(pool.duplicates.topics[rows.sentences], return_inverse=True)
    dangling = np.array([is_dangling_opener(text) for text in rows.texts], dtype=bool)
    lengths = np.array([len(text.split()) for text in rows.texts], dtype=np.int64)
    return Coverage(rows.sentences, rows.texts, occ, weights[active], Limits(sentences, budget), lengths,
                    pool.duplicates.leaders[rows.sentences], topics.ravel(), pool.duplicates.vectors[rows.sentences],
                    np.asarray(occ @ weights[active]).ravel(), dangling)


def side_by_side(parts: Sequence[sp.csr_matrix], keep: np.ndarray) -> sp.csr_matrix:
    """Matrices laid side by side (as sp.hstack), only the columns where ``keep``, renumbered in order.

    Written in place, part by part: stacking every column first, then selecting, allocated several
    arrays of all 7 million entries at 200,000 sentences.
    """
    renumber = (np.cumsum(keep) - 1).astype(np.int32)
    offsets = np.cumsum([0, *(part.shape[1] for part in parts)])[:-1].tolist()
    masks = [keep[offset:offset + part.shape[1]][part.indices] for part, offset in zip(parts, offsets, strict=True)]
    counts = [np.diff(np.r_[0, np.cumsum(mask)][part.indptr]) for part, mask in zip(parts, masks, strict=True)]
    indptr = np.r_[0, np.cumsum(np.sum(counts, axis=0))]
    indices = np.empty(indptr[-1], dtype=np.int32)
    data = np.empty(indptr[-1], dtype=parts[0].dtype)
    written = indptr[:-1].copy()
    for part, offset, mask, count in zip(parts, offsets, masks, counts, strict=True):
        position = np.repeat(written - (np.cumsum(count) - count), count) + np.arange(int(count.sum()))
        indices[position] = renumber[offset:][part.indices[mask]]
        data[position] = part.data[mask]
        written += count
    return sp.csr_matrix((data, indices, indptr), shape=(parts[0].shape[0], int(keep.sum())))


def focus_stems(focus: Sequence[Sequence[str]], lexicon: Lexicon | None) -> frozenset[str]:
    """Stemmed content words of the focus topics, request words ("describe", "include") left out."""
    stem = stemmer()
    return frozenset(stem(t) for phrases in focus for p in phrases for t in tokens(p, lexicon)
                     if t not in STOP_WORDS and t not in QUERY_WORDS and len(t) > 1)


def on_focus(pool: Pool, wanted: frozenset[str]) -> np.ndarray:
    """Per pool sentence: True when it holds a focus word (all True without a focus)."""
    if not wanted:
        return np.ones(len(pool.sentences), dtype=bool)
    stem = stemmer()
    return np.array([any(stem(t) in wanted for t in toks) for toks in pool.tokens], dtype=bool)


def relevance(concepts: Concepts, focus: Sequence[Sequence[str]], lexicon: Lexicon | None) -> np.ndarray:
    """Per concept column: 1 + FOCUS_BOOST when it holds a content word of the focus, else 1."""
    wanted = focus_stems(focus, lexicon)
    if not wanted:
        return np.ones(len(concepts.names))
    return np.array([1.0 + FOCUS_BOOST * any(part in wanted for part in name.split()) for name in concepts.names])


def novelty(concepts: Concepts, pool_rows: int, seen: Sequence[Sentence]) -> np.ndarray:
    """Per concept column: 1 - SEEN_PENALTY * (share of the seen articles holding it)."""
    rows = sp.csr_matrix(concepts.bigrams[pool_rows:] + concepts.unigrams[pool_rows:])
    if not rows.shape[0]:
        return np.ones(len(concepts.names))
    first: dict[str, int] = {}
    article = np.array([first.setdefault(s.article_id, len(first)) for s in seen])
    incidence = sp.csr_matrix((np.ones(len(article)), (article, np.arange(len(article)))))
    share = np.asarray(((incidence @ rows) > 0).sum(axis=0)).ravel() / len(first)
    return 1.0 - SEEN_PENALTY * share
