"""Similar pairs between distinct vectors: the same matrix as comparing every pair of rows."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.dedup import term_matrix, unit_vectors
from briefing.neighbours import best_per_row, distinct_vectors, similar_pairs


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


@settings(max_examples=80, deadline=None)
@given(corpora(), st.sampled_from([0.05, 0.2, 0.5, 0.9]), st.integers(1, 6), st.sampled_from([1, 7, 1 << 21]),
       st.sampled_from([np.float32, np.float64]))
def test_similar_pairs_equal_the_quadratic_definition(texts: list[str], threshold: float, limit: int, cells: int,
                                                      dtype: type) -> None:
    vectors = unit_vectors(term_matrix(texts)).astype(dtype)
    matrix = similar_pairs(vectors, threshold, limit, cells)
    assert matrix.has_canonical_format and matrix.dtype == dtype  # rows' columns sorted, as callers read them
    found = matrix.tocoo()
    pairs = zip(found.row.tolist(), found.col.tolist(), strict=True)
    assert dict(zip(pairs, found.data.tolist(), strict=True)) == exact_pairs(vectors, threshold, limit)


def test_similar_pairs_of_empty_and_wordless_rows() -> None:
    vectors = unit_vectors(term_matrix(["the", "of the", "talks in geneva", "geneva talks"]))
    assert similar_pairs(vectors, 0.5).toarray()[3, 2] > 0.99
    assert similar_pairs(vectors, 0.5).nnz == 1
    assert similar_pairs(sp.csr_matrix((3, 4), dtype=np.float32), 0.2).nnz == 0


@settings(max_examples=40, deadline=None)
@given(corpora())
def test_distinct_vectors_group_identical_rows_in_order(texts: list[str]) -> None:
    vectors = unit_vectors(term_matrix(texts))
    distinct = distinct_vectors(vectors)
    dense = vectors.toarray()
    assert sorted(distinct.rows.tolist()) == [i for i in range(len(texts)) if vectors[i].nnz]
    for v in range(len(distinct.starts) - 1):
        members = distinct.rows[distinct.starts[v]:distinct.starts[v + 1]]
        assert list(members) == sorted(members) and all((dense[m] == dense[members[0]]).all() for m in members)
    assert list(distinct.first) == sorted(distinct.first)  # vectors numbered in order of their first row
    assert len({dense[i].tobytes() for i in distinct.rows.tolist()}) == len(distinct.starts) - 1


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
