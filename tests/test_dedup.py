"""Near-duplicate grouping: rewrites and translations of one fact merge, different facts never do."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.dedup import (
    DUPLICATE_SIMILARITY,
    SentenceGroup,
    best_per_row,
    group_duplicates,
    index_duplicates,
    similar_pairs,
    term_matrix,
    unit_vectors,
)
from briefing.models import Sentence
from briefing.names import Lexicon

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

LEXICON = Lexicon({"Zelensky": ["Zelenskiy", "Zelenskyy"], "Kyiv": ["Kiev"], "Donbas": ["Donbass"]})


def sentences(*texts: str) -> list[Sentence]:
    """One sentence per text, each from its own article a0, a1..."""
    return [Sentence(text=t, article_id=f"a{i}", index=0, start=0) for i, t in enumerate(texts)]


def grouped(texts: list[str], lexicon: Lexicon | None = LEXICON) -> bool:
    """True when all the texts end up in one group."""
    return len(group_duplicates(sentences(*texts), lexicon)) == 1


def test_translations_of_one_quote_are_grouped() -> None:
    assert grouped(['"This is complex work that requires alignment among all parties and sufficient time," '
                    "Umerov told the BBC.",
                    '"This is a complex task that requires coordination from all involved and sufficient time," '
                    "Umerov said."])


def test_rewrites_with_spelling_variants_are_grouped() -> None:
    assert grouped(["Russia occupies about 20% of Ukraine, including most of the eastern Donbass region.",
                    "Russia continues to occupy roughly 20% of Ukraine, including Crimea and parts of eastern Donbas."])
    assert grouped(["Mr Putin has been receiving reports about progress in Geneva, he said.",
                    "Mr Putin has been receiving reports about the talks' progress, he said."])


def test_identical_text_is_grouped_even_when_short() -> None:
    assert grouped(["Published", "Published"])
    assert not grouped(["Published", "Originally published on IBTimes"])


def test_different_facts_about_one_story_are_not_grouped() -> None:
    assert not grouped(["Kremlin spokesman Dmitry Peskov told reporters that it is too early to speak about the "
                        "outcome of the talks.",
                        "Medinsky told reporters that the two days of talks in Geneva were difficult "
                        "but businesslike."])
    assert not grouped(["Ukraine says it needs strong security guarantees from Western countries before a settlement.",
                        "Moscow has demanded full control of the plant, rejecting a Ukrainian proposition."])


def test_sentences_whose_numbers_disagree_are_different_facts() -> None:
    assert not grouped(["Russia's air defences shot down 43 Ukrainian drones over several regions overnight.",
                        "Russia's air defences shot down 126 Ukrainian drones over several regions overnight."])
    assert grouped(["Russia's air defences shot down 43 Ukrainian drones over several regions overnight.",
                    "Overnight, 43 Ukrainian drones were shot down over several Russian regions, the ministry said."])


def test_group_properties_and_order() -> None:
    texts = ["The union rejected the new wage offer on Monday.", "Talks will resume on Thursday with a mediator.",
             "On Monday the union rejected the new wage offer."]
    found = [Sentence(text=t, article_id=a, index=i, start=0)
             for i, (t, a) in enumerate(zip(texts, "bab", strict=True))]
    groups = group_duplicates(found)
    assert [len(g.sentences) for g in groups] == [2, 1]
    assert groups[0].representative is found[0]
    assert groups[0].sources == ("b",)
    assert SentenceGroup((found[1], found[0])).sources == ("a", "b")


def test_empty_input() -> None:
    assert group_duplicates([]) == []


def test_every_group_member_is_similar_to_its_leader() -> None:
    from synthetic import make_corpus

    from briefing.sentences import split_sentences

    _, articles = make_corpus(30, seed=11)
    texts = [s.text for a in articles for s in split_sentences(a)]
    index = index_duplicates(texts)
    similarity = (index.vectors @ index.vectors.T).tocsr()
    for i, leader in enumerate(index.leaders.tolist()):
        if leader != i and texts[i] != texts[leader]:
            assert similarity[i, leader] >= DUPLICATE_SIMILARITY - 1e-6


def test_synthetic_rewrites_are_found_and_scale_stays_near_linear() -> None:
    from synthetic import make_corpus

    from briefing.sentences import split_sentences

    _, articles = make_corpus(400, seed=5)
    everything = [s for a in articles for s in split_sentences(a)]
    started = time.perf_counter()
    groups = group_duplicates(everything)
    assert time.perf_counter() - started < 10
    assert len(groups) < 0.8 * len(everything)  # outlets rewrite the same facts
    assert max(len(g.sources) for g in groups) >= 5


def exact_pairs(vectors: sp.csr_matrix, threshold: float, limit: int) -> dict[tuple[int, int], float]:
    """The definition, quadratically: per row i, the ``limit`` best j < i by similarity, then j."""
    full = (vectors @ vectors.T).toarray()
    pairs: dict[tuple[int, int], float] = {}
    for i in range(full.shape[0]):
        ranked = sorted((j for j in range(i) if full[i, j] >= threshold), key=lambda j: (-full[i, j], j))
        pairs.update({(i, j): float(full[i, j]) for j in ranked[:limit]})
    return pairs


@st.composite
def corpora(draw: st.DrawFn) -> list[str]:
    """Small corpora over a tiny vocabulary, with repeated sentences and word sets (ties)."""
    vocabulary = ["talks", "geneva", "drones", "plant", "border", "ceasefire", "troops", "grain", "port", "vote"]
    texts = draw(st.lists(st.lists(st.sampled_from(vocabulary), min_size=1, max_size=5).map(" ".join),
                          min_size=1, max_size=40))
    return texts + draw(st.lists(st.sampled_from(texts), max_size=20))


@settings(max_examples=60, deadline=None)
@given(corpora(), st.sampled_from([0.05, 0.2, 0.5, 0.9]), st.integers(1, 6))
def test_similar_pairs_equal_the_quadratic_definition(texts: list[str], threshold: float, limit: int) -> None:
    vectors = unit_vectors(term_matrix(texts))
    found = similar_pairs(vectors, threshold, limit).tocoo()
    pairs = zip(found.row.tolist(), found.col.tolist(), strict=True)
    assert dict(zip(pairs, found.data.tolist(), strict=True)) == exact_pairs(vectors, threshold, limit)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 7), min_size=1, max_size=60), st.integers(1, 4), st.integers(1, 30))
def test_best_per_row_keeps_the_best_whatever_the_chunking(rows: list[int], limit: int, cells: int) -> None:
    row = np.sort(np.asarray(rows))
    col = np.arange(len(row))[::-1].copy()
    sim = (np.arange(len(row)) * 7 % 3 / 3 + 0.1).astype(np.float32)  # three values: ties, cut by column
    kept = best_per_row(row, col, sim, limit, cells)
    for r in set(rows):
        here = np.flatnonzero(row == r)
        ranked = sorted(here.tolist(), key=lambda k: (-sim[k], col[k]))
        assert set(np.flatnonzero(kept & (row == r)).tolist()) == set(ranked[:limit])
