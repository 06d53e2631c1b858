"""The coverage program: exact optimum where the greedy is not, budget, at-most-one and requirement rows."""

from __future__ import annotations

import itertools

import numpy as np
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.optimum import Program, solve


def program(rows: list[list[int]], weights: list[float], lengths: list[int], budget: float,
            **extra: object) -> Program:
    matrix = sp.csr_matrix([[1.0 if c in row else 0.0 for c in range(len(weights))] for row in rows])
    return Program(matrix, np.array(weights), np.array(lengths, dtype=np.float64), budget, None, **extra)


def covered(p: Program, rows: list[int]) -> float:
    if not rows:
        return 0.0
    return float(p.weights[np.asarray(p.occurrences[rows].sum(axis=0)).ravel() > 0].sum())


def test_the_optimum_beats_the_densest_first_choice() -> None:
    # sentence 0 is densest (6 per word) but fills the budget badly; 1 and 2 together cover more.
    p = program([[0], [1, 2], [3, 4]], [6.0, 5.0, 5.0, 5.0, 5.0], [1, 2, 2], budget=4)
    assert sorted(solve(p) or []) == [1, 2]


def test_a_concept_counts_once() -> None:
    p = program([[0, 1], [0, 1], [2]], [5.0, 5.0, 1.0], [1, 1, 1], budget=2)
    assert sorted(solve(p) or []) in ([0, 2], [1, 2])


def test_at_most_one_of_an_exclusive_set_and_requirements_hold() -> None:
    p = program([[0], [1], [2]], [3.0, 3.0, 3.0], [1, 1, 1], budget=3, exclusive=[[0, 1]])
    assert len(set(solve(p) or []) & {0, 1}) == 1
    p = program([[0], [1], [2]], [1.0, 5.0, 3.0], [1, 1, 1], budget=1, requires=[(1, 0)])
    assert solve(p) == [2]  # 1 needs 0 and both do not fit
    p = program([[0], [1], [2]], [1.0, 5.0, 3.0], [1, 1, 1], budget=2, requires=[(1, -1)])
    assert sorted(solve(p) or []) == [0, 2]  # -1: never


@settings(max_examples=30, deadline=None)
@given(st.lists(st.lists(st.integers(0, 7), min_size=1, max_size=4), min_size=1, max_size=7),
       st.lists(st.integers(1, 9), min_size=8, max_size=8), st.integers(2, 8), st.data())
def test_matches_brute_force(rows: list[list[int]], weights: list[int], budget: int, data: st.DataObject) -> None:
    lengths = data.draw(st.lists(st.integers(1, 4), min_size=len(rows), max_size=len(rows)))
    p = program(rows, [float(w) for w in weights], lengths, budget)
    chosen = solve(p) or []
    assert sum(lengths[r] for r in chosen) <= budget
    best = max(covered(p, list(c)) for n in range(len(rows) + 1) for c in itertools.combinations(range(len(rows)), n)
               if sum(lengths[r] for r in c) <= budget)
    assert covered(p, chosen) >= best * 0.99 - 1e-9
