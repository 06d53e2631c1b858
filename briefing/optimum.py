"""The exact budgeted concept-coverage summary: an integer linear program solved by HiGHS.

Gillick & Favre 2009 ("A scalable global model for summarization", ILP-NLP workshop): binary s_j
(sentence j is in the summary) and c_i (concept i is covered); maximise sum_i w_i c_i subject to the
word budget sum_j l_j s_j <= L and c_i <= sum_{j holds i} s_j.  A concept counts once however many
chosen sentences hold it, so the optimum never repeats itself for nothing.  Besides: no two
near-duplicate sentences together, a sentence that needs its predecessor (it opens with a pronoun
or a connective) only with it, and at most K sentences.

The program goes to HiGHS through its own binding, highspy (pinned to the HiGHS that SciPy's
``milp`` wraps, so the solutions are the same): 0.02 s to import against scipy.optimize's 0.25 s,
whose ``__init__`` loads every solver.  Large inputs are cut to the densest candidates (see
SHORTLIST_WORDS) and the MAX_CONCEPTS heaviest concepts; the solver gets NODE_LIMIT nodes and
TIME_LIMIT seconds, and the caller keeps the greedy's summary when it covers more.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp

log = logging.getLogger(__name__)

# Candidates kept for the program, the densest in concept weight per word, SHORTLIST_WORDS
# divided by the word budget of them: a program's cost grows with both.  A 100-word summary keeps
# 300 (every candidate of a DUC 2007 cluster) and solves in a fraction of a second; a 250-word one
# of 25 articles keeps 120 and solves in about a second -- within the time limit on a loaded machine
# too, so the summary does not depend on the machine's speed.
SHORTLIST_WORDS = 30_000
MIN_SHORTLIST = 60
# Concepts kept (the heaviest): the light tail changes ties, not the summary.
MAX_CONCEPTS = 6000
# HiGHS stops once its solution is provably within this share of the optimum: the last fraction
# of a percent of concept weight changes no summary a reader would notice, and costs seconds.
RELATIVE_GAP = 0.01
# Seconds HiGHS may take before we use the best solution found so far.
TIME_LIMIT = 5.0
# HiGHS keeps few cuts, and drops unused ones at once: at its defaults the root node of a small
# coverage program (80 sentences) spent a second growing 3,000 cuts for a 0.4 % tighter bound;
# so limited, it proves the same optimum in a quarter of the time.
HIGHS_CUTS = {"mip_pool_soft_limit": 10, "mip_lp_age_limit": 1}
# Branch-and-bound nodes allowed: a bound on work that, unlike time, is the same on any machine.
NODE_LIMIT = 1000
# Every option HiGHS gets, as scipy.optimize.milp passed them before (log off, the limits above).
HIGHS_OPTIONS = {"log_to_console": False, "mip_max_nodes": NODE_LIMIT, "time_limit": TIME_LIMIT,
                 "mip_rel_gap": RELATIVE_GAP, **HIGHS_CUTS}


@dataclass(frozen=True, slots=True)
class Program:
    """One budgeted coverage program over candidate rows (indexes into the caller's arrays)."""

    occurrences: sp.csr_matrix  # sentence x concept, binary
    weights: np.ndarray
    lengths: np.ndarray
    budget: float
    count: int | None  # most sentences allowed
    exclusive: Sequence[Sequence[int]] = ()  # sets of rows of which at most one may be chosen
    requires: Sequence[tuple[int, Sequence[int]]] = ()  # (j, ks): j only together with one of ks (none: never)
    costs: np.ndarray | None = None  # per row, subtracted from the objective when chosen


@dataclass(frozen=True, slots=True)
class Rows:
    """Constraint rows of the program: lower <= matrix @ x <= upper."""

    matrix: sp.spmatrix
    lower: np.ndarray
    upper: np.ndarray


def shortlist(program: Program) -> np.ndarray:
    """Rows worth solving over: the best by concept weight per word, as many as the budget allows."""
    n = program.occurrences.shape[0]
    size = max(MIN_SHORTLIST, int(SHORTLIST_WORDS / max(min(program.budget, SHORTLIST_WORDS), 1.0)))
    if n <= size:
        return np.arange(n)
    density = (program.occurrences @ program.weights) / np.maximum(program.lengths, 1)
    return np.sort(np.argsort(-density, kind="stable")[:size])


def solve(program: Program) -> list[int] | None:
    """The rows of an optimal (or best within TIME_LIMIT) summary; None when HiGHS finds none.

    Concepts held by one candidate only need no variable: their weight goes to that sentence.
    """
    rows = shortlist(program)
    keep = {int(r): k for k, r in enumerate(rows)}
    occ = sp.csr_matrix(program.occurrences[rows])
    heavy = np.argsort(-program.weights, kind="stable")[:MAX_CONCEPTS]
    heavy = heavy[np.asarray(occ[:, heavy].sum(axis=0)).ravel() > 0]
    occ, weights = sp.csc_matrix(occ[:, heavy]), program.weights[heavy]
    shared = np.diff(occ.indptr) > 1  # a concept in one sentence only is simply that sentence's weight
    own = occ[:, ~shared] @ weights[~shared] - (0.0 if program.costs is None else program.costs[rows])
    occ, weights = sp.csc_matrix(occ[:, shared]), weights[shared]
    n, m = occ.shape
    if n == 0:
        return None
    constraints = [Rows(sp.hstack([-occ.T, sp.identity(m)]).tocsr(), np.full(m, -np.inf), np.zeros(m)),
                   _row(np.r_[program.lengths[rows], np.zeros(m)], program.budget)]
    if program.count is not None:
        constraints.append(_row(np.r_[np.ones(n), np.zeros(m)], program.count))
    pairs = pair_rows(program, keep, n + m)
    if pairs is not None:
        constraints.append(pairs)
    # Only the s_j need be integral: with them fixed, the best c_i = min(1, sum s_j) is 0 or 1.
    x = highs(np.r_[-own, -weights], np.r_[np.ones(n), np.zeros(m)], constraints)
    return None if x is None else [int(rows[k]) for k in np.flatnonzero(x[:n] > 0.5)]


def _row(coefficients: np.ndarray, upper: float) -> Rows:
    """One row 0 <= coefficients @ x <= upper."""
    return Rows(sp.csr_matrix(coefficients[np.newaxis, :]), np.zeros(1), np.array([float(upper)]))


def highs(cost: np.ndarray, integral: np.ndarray, constraints: Sequence[Rows]) -> np.ndarray | None:
    """Minimise cost @ x over 0 <= x <= 1 and the rows (integral[j] = 1: x_j an integer); None if no solution.

    The model is built as scipy.optimize.milp built it (rows stacked column-wise), so that HiGHS
    takes the same path to the same solution.
    """
    import highspy  # lazy: the summary's exact solve is the only user

    matrix = sp.vstack([sp.csc_array(c.matrix) for c in constraints], format="csc")
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = cost.size, matrix.shape[0]
    lp.a_matrix_.num_col_, lp.a_matrix_.num_row_ = lp.num_col_, lp.num_row_
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_, lp.a_matrix_.index_ = matrix.indptr, matrix.indices
    lp.a_matrix_.value_ = matrix.data.astype(np.float64)
    lp.col_cost_, lp.col_lower_, lp.col_upper_ = cost.astype(np.float64), np.zeros(cost.size), np.ones(cost.size)
    lp.row_lower_ = np.concatenate([c.lower for c in constraints]).astype(np.float64)
    lp.row_upper_ = np.concatenate([c.upper for c in constraints]).astype(np.float64)
    lp.integrality_ = [highspy.HighsVarType(int(i)) for i in integral]
    solver = highspy.Highs()
    for key, value in HIGHS_OPTIONS.items():
        solver.setOptionValue(key, value)
    solver.passModel(lp)
    solver.run()
    return _solution(solver, highspy)


def _solution(solver: Any, highspy: Any) -> np.ndarray | None:
    """The solver's x if it found a feasible one (optimal, or the best when a limit stopped it)."""
    status = solver.getModelStatus()
    stopped = status in (highspy.HighsModelStatus.kTimeLimit, highspy.HighsModelStatus.kIterationLimit,
                         highspy.HighsModelStatus.kSolutionLimit)
    found = status == highspy.HighsModelStatus.kOptimal or stopped
    if not found or (stopped and solver.getInfo().objective_function_value == highspy.kHighsInf):
        log.info("coverage program: no solution (%s)", solver.modelStatusToString(status))
        return None
    return np.array(solver.getSolution().col_value)


def pair_rows(program: Program, keep: dict[int, int], width: int) -> Rows | None:
    """At-most-one rows (sum of s <= 1) and requirement rows (s_j - sum of its s_k <= 0) over the kept candidates."""
    data: list[float] = []
    cols: list[int] = []
    rows: list[int] = []
    upper: list[float] = []
    for members in program.exclusive:
        kept = [keep[r] for r in members if r in keep]
        if len(kept) > 1:
            data += [1.0] * len(kept)
            cols += kept
            rows += [len(upper)] * len(kept)
            upper.append(1.0)
    for j, ks in program.requires:
        if j in keep:
            partners = [keep[k] for k in ks if k in keep]
            data += [1.0] + [-1.0] * len(partners)
            cols += [keep[j], *partners]
            rows += [len(upper)] * (1 + len(partners))
            upper.append(0.0)
    if not upper:
        return None
    matrix = sp.csr_matrix((data, (rows, cols)), shape=(len(upper), width))
    return Rows(matrix, np.full(len(upper), -np.inf), np.asarray(upper, dtype=np.float64))
