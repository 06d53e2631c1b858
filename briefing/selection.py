"""Choosing a summary's sentences from a coverage problem, and their order: the lede first.

The exact integer program (briefing.optimum, HiGHS) when the problem is small enough, checked
against a cost-scaled greedy with a 1-swap local search (see briefing.coverage for the objective).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from briefing import optimum
from briefing.coverage import Coverage, Limits, Pool, coverage_problem
from briefing.dedup import DUPLICATE_SIMILARITY, similar_pairs
from briefing.names import Lexicon
from briefing.readability import bare_names, is_dangling_opener, is_reaction, named_in_full

# Gain is divided by length ** COST_EXPONENT: 1 = value per word (Lin & Bilmes r=1).
COST_EXPONENT = 1.0
# A trimmed reading costs this much concept weight in the program (weights are document counts, so
# whole units): of two summaries covering the same, the one with whole sentences wins; a trim is
# chosen only when what it frees buys more coverage.
TRIM_COST = 0.5
# Local search stops after this many improving swaps (it rarely needs half).
MAX_SWAPS = 20
# "exact" solves the integer program; "greedy" is the fallback, kept for comparison.
SOLVER = "exact"
# Inputs with more candidates than this (a day's feeds, not a story's cluster) take the greedy:
# its summary covers within a few percent of the optimum, and the program's no-repeat rows grow
# with the square of the rewordings (150 synthetic articles: 3,000 candidates, 30,000 rows).
EXACT_MAX_CANDIDATES = 1200


@dataclass(frozen=True, slots=True)
class Selected:
    """A coverage summary: pool sentences, best first, the gain each added and the text it shows."""

    sentences: list[int]
    gains: list[float]
    texts: dict[int, str]  # per chosen sentence: its own text or the trim of it chosen


def coverage_select(pool: Pool, limits: Limits, lexicon: Lexicon | None = None) -> Selected:
    """Sentences maximising the coverage: the exact program, else greedy and swaps."""
    problem = coverage_problem(pool, limits, lexicon)
    if not problem.weights.size or not problem.candidates.size:
        return Selected([], [], {})
    rows = improve(problem, greedy(problem))
    exact = None
    if SOLVER == "exact" and len(problem.candidates) <= EXACT_MAX_CANDIDATES:
        exact = optimum.solve(program(pool, problem))
    if exact is not None and problem.covered(exact) >= problem.covered(rows):
        rows = exact  # the program stopped at its time limit may not beat the greedy: keep the better
    rows.sort(key=lambda r: -float(problem.reward[r]))
    gains = [problem.value(rows[:i + 1]) - problem.value(rows[:i]) for i in range(len(rows))]
    return Selected([int(problem.candidates[k]) for k in rows], gains,
                    {int(problem.candidates[k]): problem.texts[k] for k in rows})


def program(pool: Pool, problem: Coverage) -> optimum.Program:
    """The integer program of a coverage problem: no two alike, dangling openers after their predecessor.

    A sentence naming someone by surname only is not held to its introduction here: arrange puts it
    after the chosen line naming the person in full, when there is one. Requiring that line (or
    charging such sentences) cost 0.5 R-1 on DUC 2007 (bench/RESULTS.md, round 9 s19-read).
    """
    whole: dict[int, int] = {}  # a sentence's untrimmed row: what a dangling successor may refer to is all in it
    for r, j in enumerate(problem.candidates.tolist()):
        whole.setdefault(int(j), r)
    requires = [(r, tuple(k for k in [whole.get(int(pool.predecessor[problem.candidates[r]]))] if k is not None))
                for r in np.flatnonzero(problem.dangling).tolist()]
    alike = similar_pairs(problem.vectors, DUPLICATE_SIMILARITY).tocoo()
    groups: dict[int, list[int]] = {}
    for r, leader in enumerate(problem.leaders.tolist()):
        groups.setdefault(leader, []).append(r)
    exclusive = [g for g in groups.values() if len(g) > 1]
    exclusive += [[int(a), int(b)] for a, b in zip(alike.row, alike.col, strict=True)]
    trimmed = np.array([text != pool.sentences[j].text
                        for j, text in zip(problem.candidates.tolist(), problem.texts, strict=True)])
    return optimum.Program(problem.occurrences, problem.weights, problem.lengths.astype(np.float64),
                           float(problem.limits.words or np.inf), problem.limits.sentences, exclusive, requires,
                           TRIM_COST * trimmed)


def arrange(pool: Pool, chosen: Sequence[int], texts: dict[int, str] | None = None) -> list[int]:
    """Chosen sentences in reading order (article, then position), the lede first.

    The lede is the sentence nearest the top of its article (the earliest article on a tie) that
    states an event (not a reaction), needs no predecessor and names no one by surname only, as
    shown (``texts``: the trims shown); it moves to the front with the sentences that lean on it.
    A sentence naming someone by surname only comes after a line naming them in full (introduced).
    """
    order = sorted(chosen, key=lambda j: int(pool.reading_rank[j]))
    shown = {j: (texts or {}).get(j, pool.sentences[j].text) for j in order}
    ledes = [k for k, j in enumerate(order) if not is_reaction(shown[j]) and not is_dangling_opener(shown[j])
             and not bare_names(shown[j], pool.people)]
    if not ledes:
        return introduced(pool, order, shown, 0)
    k = min(ledes, key=lambda i: (pool.sentences[order[i]].index, i))
    end = k + 1
    while end < len(order) and pool.predecessor[order[end]] == order[end - 1]:
        end += 1
    order = order[k:end] + order[:k] + order[end:]
    fixed = 1
    while fixed < len(order) and pool.predecessor[order[fixed]] == order[fixed - 1] and is_dangling_opener(
            shown[order[fixed]]):
        fixed += 1
    return introduced(pool, order, shown, fixed)


def introduced(pool: Pool, order: list[int], shown: dict[int, str], fixed: int) -> list[int]:
    """The order, each run of a sentence and those leaning on it moved after the first line naming in full
    everyone it names by surname only (when some line does); the first ``fixed`` sentences stay first."""
    runs: list[list[int]] = []
    for j in order[fixed:]:
        if runs and pool.predecessor[j] == runs[-1][-1] and is_dangling_opener(shown[j]):
            runs[-1].append(j)
        else:
            runs.append([j])
    full = [frozenset().union(*(named_in_full(shown[j]) for j in run)) for run in runs]
    needs = [frozenset().union(*(bare_names(shown[j], pool.people) for j in run)) - names
             for run, names in zip(runs, full, strict=True)]
    done = list(order[:fixed])
    named = set().union(*(named_in_full(shown[j]) for j in done))
    waiting = list(range(len(runs)))
    while waiting:
        pick = next((r for r in waiting if needs[r] <= named), waiting[0])
        waiting.remove(pick)
        done += runs[pick]
        named |= full[pick]
    return done


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
