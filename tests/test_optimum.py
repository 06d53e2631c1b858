"""The coverage program: exact optimum where the greedy is not, budget, at-most-one and requirement rows."""

from __future__ import annotations

import itertools
import warnings

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
    p = program([[0], [1], [2]], [1.0, 5.0, 3.0], [1, 1, 1], budget=1, requires=[(1, (0,))])
    assert solve(p) == [2]  # 1 needs 0 and both do not fit
    p = program([[0], [1], [2]], [1.0, 5.0, 3.0], [1, 1, 1], budget=2, requires=[(1, ())])
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


def milp_rows(p: Program) -> list[int] | None:
    """The rows scipy.optimize.milp chooses on the same program (how briefing.optimum solved it before)."""
    from scipy.optimize import Bounds, LinearConstraint, milp

    from briefing import optimum

    rows = optimum.shortlist(p)
    occ = sp.csc_matrix(p.occurrences[rows])
    heavy = np.argsort(-p.weights, kind="stable")[:optimum.MAX_CONCEPTS]
    heavy = heavy[np.asarray(occ[:, heavy].sum(axis=0)).ravel() > 0]
    occ, weights = sp.csc_matrix(occ[:, heavy]), p.weights[heavy]
    shared = np.diff(occ.indptr) > 1
    own = occ[:, ~shared] @ weights[~shared]
    occ, weights = sp.csc_matrix(occ[:, shared]), weights[shared]
    n, m = occ.shape
    pairs = optimum.pair_rows(p, {int(r): k for k, r in enumerate(rows)}, n + m)
    constraints = [LinearConstraint(sp.hstack([-occ.T, sp.identity(m)]).tocsr(), -np.inf, 0.0),
                   LinearConstraint(np.r_[p.lengths[rows], np.zeros(m)][np.newaxis, :], 0.0, p.budget)]
    if p.count is not None:
        constraints.append(LinearConstraint(np.r_[np.ones(n), np.zeros(m)][np.newaxis, :], 0.0, p.count))
    if pairs is not None:
        constraints.append(LinearConstraint(pairs.matrix, pairs.lower, pairs.upper))
    options = {"time_limit": optimum.TIME_LIMIT, "disp": False, "mip_rel_gap": optimum.RELATIVE_GAP,
               "node_limit": optimum.NODE_LIMIT, **optimum.HIGHS_CUTS}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        result = milp(np.r_[-own, -weights], integrality=np.r_[np.ones(n), np.zeros(m)], bounds=Bounds(0, 1),
                      constraints=constraints, options=options)
    return None if result.x is None else [int(rows[k]) for k in np.flatnonzero(result.x[:n] > 0.5)]


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(5, 60), st.booleans())
def test_highspy_gives_what_scipy_milp_gave(seed: int, size: int, constrained: bool) -> None:
    """The same HiGHS, given the same model through highspy, returns scipy.optimize.milp's rows (ties too)."""
    rng = np.random.default_rng(seed)
    matrix = sp.csr_matrix((rng.random((size, 3 * size)) < 0.15).astype(np.float64))
    weights = rng.integers(1, 6, 3 * size).astype(np.float64)  # small integers: many ties
    lengths = rng.integers(5, 30, size).astype(np.float64)
    extra: dict[str, object] = {}
    if constrained:
        extra = {"exclusive": [[0, 1, 2], [3, 4]], "requires": [(5, (6,)), (7, ())]}
    p = Program(matrix, weights, lengths, float(rng.integers(20, 120)), int(rng.integers(2, 6)), **extra)
    assert solve(p) == milp_rows(p)
