"""Choosing a summary's sentences: exact program and greedy agree on a small story; the lede comes first."""

from __future__ import annotations

from briefing.coverage import Limits, Pool, coverage_problem, make_pool
from briefing.models import Article
from briefing.selection import arrange, coverage_select, greedy, improve
from briefing.sentences import split_sentences

STORY = [
    "The city council voted on Tuesday to rebuild the old harbour bridge before the winter storms. "
    "The council said the work would cost about 40 million euros and take two years to finish.",
    "The harbour bridge will be rebuilt before the winter storms, the city council decided on Tuesday. "
    "Local shop owners welcomed the vote but asked for a temporary ferry during the works.",
    "Councillors voted on Tuesday to rebuild the harbour bridge before the winter storms arrive. "
    "A temporary ferry will carry people across the harbour while the bridge is closed for the works.",
]


def pool() -> Pool:
    sentences = [s for i, text in enumerate(STORY) for s in split_sentences(Article(id=f"a{i}", text=text))]
    return make_pool(sentences, None)


def test_the_exact_choice_covers_at_least_as_much_as_greedy_and_swaps() -> None:
    p, limits = pool(), Limits(2, None, (), ())
    problem = coverage_problem(p, limits)
    selected = coverage_select(p, limits)
    rows, gains = selected.sentences, selected.gains
    heuristic = improve(problem, greedy(problem))
    assert 0 < len(rows) <= 2 and len(gains) == len(rows)
    chosen = [int(k) for k, j in enumerate(problem.candidates)
              if int(j) in rows and problem.texts[k] == selected.texts[int(j)]]
    assert problem.covered(chosen) >= problem.covered(heuristic) - 1e-9


def test_the_lede_comes_first_then_reading_order() -> None:
    p = pool()
    rows = coverage_select(p, Limits(2, None, (), ())).sentences
    ordered = arrange(p, rows)
    assert sorted(ordered) == sorted(rows)
    assert "voted" in p.sentences[ordered[0]].text or "decided" in p.sentences[ordered[0]].text
