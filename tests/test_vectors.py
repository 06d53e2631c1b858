"""Article term vectors: content words and names, unit-length TF-IDF rows."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import sparse

from briefing.vectors import TermSpace, normalise, terms


def test_terms_are_stems_of_content_words_and_names() -> None:
    counts = terms("Governor Ilse Marrow inspected the flooded villages. The villages were flooded.")
    assert counts["villag"] == 2 and counts["flood"] == 2
    assert "the" not in counts and "were" not in counts
    assert counts["=ilse marrow"] == 1


def test_a_sentence_start_is_not_a_name() -> None:
    assert not [t for t in terms("Flood Damage was high. Rescue Teams came.") if t.startswith("=")]


def test_rows_have_unit_length_and_rare_terms_weigh_more() -> None:
    bags = [terms("dam flood valley"), terms("dam chess"), terms("dam bread")]
    space = TermSpace.build(bags)
    rows = space.matrix(bags).toarray()
    assert np.allclose(np.linalg.norm(rows, axis=1), 1.0)
    first = dict(zip(space.names, rows[0], strict=True))
    assert first["flood"] > first["dam"]


def test_unknown_terms_are_dropped() -> None:
    space = TermSpace.build([terms("dam flood")])
    assert space.matrix([terms("chess opening")]).nnz == 0


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.floats(0, 10, allow_nan=False), min_size=4, max_size=4), min_size=1, max_size=6))
def test_normalise_gives_unit_or_empty_rows(values: list[list[float]]) -> None:
    rows = normalise(sparse.csr_matrix(np.array(values)))
    norms = np.linalg.norm(rows.toarray(), axis=1)
    assert all(abs(n - 1) < 1e-9 or n == 0 for n in norms)
