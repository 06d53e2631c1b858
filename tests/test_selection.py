"""Choosing a summary's sentences: exact program and greedy agree on a small story; the lede comes first."""

from __future__ import annotations

import pytest

from briefing import coverage
from briefing.coverage import Limits, Pool, coverage_problem, make_pool
from briefing.models import Article
from briefing.selection import arrange, coverage_select, greedy, improve, program
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


TRIM_STORY = [
    "Storm waves destroyed the harbour wall of Dunmore overnight and flooded the fish market, "
    "the coastguard agency reported on Saturday morning. "
    "It was the worst storm to hit the harbour town of Dunmore in forty years. "
    "Fishing boats stayed in port while divers checked the harbour wall for further damage.",
    "Storm waves destroyed the harbour wall of Dunmore and flooded the fish market on Saturday. "
    "Divers checked the harbour wall while fishing boats stayed in port for the weekend.",
    "The fish market of Dunmore was flooded after storm waves destroyed the harbour wall. "
    "Fishing boats stayed in port and divers checked the harbour wall for more damage.",
]


@pytest.fixture
def compressing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Trimmed readings on (coverage.COMPRESS is off by default)."""
    monkeypatch.setattr(coverage, "COMPRESS", True)


def trim_pool() -> Pool:
    sentences = [s for i, text in enumerate(TRIM_STORY) for s in split_sentences(Article(id=f"t{i}", text=text))]
    return make_pool(sentences, None)


@pytest.mark.usefixtures("compressing")
def test_a_trimmed_reading_competes_with_its_sentence_and_is_shown_verbatim() -> None:
    p = trim_pool()
    problem = coverage_problem(p, Limits(None, 28, (), ()))
    whole = p.sentences[0].text
    assert "Storm waves destroyed the harbour wall of Dunmore overnight and flooded the fish market." in problem.texts
    selected = coverage_select(p, Limits(None, 28, (), ()))
    shown = list(selected.texts.values())
    assert sum(len(t.split()) for t in shown) <= 28
    for j, text in selected.texts.items():
        assert text.removesuffix(".") in p.sentences[j].text
    assert whole not in shown  # 16 words: with it, no second fact fits


@pytest.mark.usefixtures("compressing")
def test_a_dangling_opener_needs_its_predecessor_whole() -> None:
    p = trim_pool()
    problem = coverage_problem(p, Limits(None, 60, (), ()))
    rule = program(p, problem)
    assert [problem.texts[j] for j, _ in rule.requires] == [p.sentences[1].text]
    for _, partners in rule.requires:
        assert len(partners) == 1
        assert all(problem.texts[k] == p.sentences[int(problem.candidates[k])].text for k in partners)


def test_without_compression_every_row_is_a_whole_sentence() -> None:
    p = trim_pool()
    problem = coverage_problem(p, Limits(None, 60, (), ()))
    assert all(text == p.sentences[int(j)].text for j, text in zip(problem.candidates, problem.texts, strict=True))


NAME_STORY = [
    "Harbour pilots in Dunmore stopped guiding ships into port on Friday over a dispute about night shifts. "
    "Pilots' union leader Marta Lindqvist said the stoppage would last until the night shifts were cut. "
    "Lindqvist said the harbour authority had ignored three letters about the night shifts since spring.",
    "Ships waited outside Dunmore on Friday after the harbour pilots stopped work over night shifts. "
    "Lindqvist said the pilots had written three letters about the night shifts to the harbour authority.",
]


def name_pool() -> Pool:
    sentences = [s for i, text in enumerate(NAME_STORY) for s in split_sentences(Article(id=f"n{i}", text=text))]
    return make_pool(sentences, None)


def test_a_surname_alone_never_leads_and_follows_its_introduction() -> None:
    p = name_pool()
    assert "Lindqvist" in p.people
    for budget in (30, 45, 60):
        chosen = coverage_select(p, Limits(None, budget, (), ())).sentences
        texts = [p.sentences[j].text for j in arrange(p, chosen)]
        assert not texts[0].startswith("Lindqvist")
        if any("Marta Lindqvist" in t for t in texts):
            first = next(k for k, t in enumerate(texts) if "Marta Lindqvist" in t)
            assert not any(t.startswith("Lindqvist") for t in texts[:first])


def test_a_surname_alone_is_moved_after_the_line_that_names_the_person() -> None:
    texts = ["Harbour pilots in Dunmore stopped work on Friday over a dispute about night shifts at the port. "
             "Lindqvist said the harbour authority had ignored three letters about the night shifts.",
             "Ships waited outside the port of Dunmore on Saturday while the pilots stayed at home. "
             "Pilots' union leader Marta Lindqvist said the stoppage would last until the shifts were cut."]
    sentences = [s for i, text in enumerate(texts) for s in split_sentences(Article(id=f"m{i}", text=text))]
    p = make_pool(sentences, None)
    shown = [p.sentences[j].text for j in arrange(p, [0, 1, 3])]
    assert shown.index(p.sentences[3].text) < shown.index(p.sentences[1].text)
    assert shown[0] == p.sentences[0].text
