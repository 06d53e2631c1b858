"""Next steps: scheduled, promised or demanded, never what already happened."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.clean import clean_text
from briefing.config import load_config
from briefing.models import Article, Point, Sentence
from briefing.names import Lexicon
from briefing.nextsteps import clauses, cue_score, event_kinds, next_steps, same_step
from briefing.sentences import split_sentences

ROOT = Path(__file__).resolve().parent.parent
TRADE = ROOT / "tests" / "data" / "issues" / "trade"


def story(folder: Path, clean: bool) -> list[Sentence]:
    """The sentences of a folder of articles, in file order (cleaned like the pipeline does)."""
    out: list[Sentence] = []
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        out += split_sentences(Article(id=path.stem, text=clean_text(text) if clean else text))
    return out


def plain(text: str) -> str:
    return text.translate(str.maketrans("‘’“”", "''\"\""))


def find(points: list[Point], fragment: str) -> Point:
    """The one point whose text contains the fragment."""
    found = [p for p in points if fragment in plain(p.text)]
    assert len(found) == 1, (fragment, [p.text for p in points])
    return found[0]


@pytest.fixture(scope="module")
def seed_steps() -> list[Point]:
    lexicon = Lexicon(load_config(ROOT / "config" / "briefing.yaml").variants)
    return next_steps(story(ROOT / "seeds", clean=True), lexicon, max_points=5)


@pytest.fixture(scope="module")
def seed_ids() -> list[str]:
    return sorted(p.stem for p in (ROOT / "seeds").glob("*.txt"))


def test_seed_next_round_is_one_point_with_its_sources(seed_steps: list[Point], seed_ids: list[str]) -> None:
    rounds = [p for p in seed_steps if "round" in p.text]
    assert len(rounds) == 1
    assert rounds[0].text == "Both sides said a new round of talks is set to take place."
    # 004 says it in those words; 002 ("another round ... soon"), 003 ("further rounds ... soon") and
    # 001 ("future talks could take later this month") announce the same step.
    assert set(rounds[0].sources) >= {seed_ids[2], seed_ids[3], seed_ids[4]}


def test_seed_other_steps(seed_steps: list[Point]) -> None:
    find(seed_steps, "further exchanges of prisoners of war")
    find(seed_steps, "future ceasefire might be monitored")
    find(seed_steps, "proposals for presidential review")
    assert len(seed_steps) <= 5


def test_seed_no_past_events(seed_steps: list[Point]) -> None:
    for fragment in ("The talks began Tuesday", "ended", "earlier this year", "did not provide a timeline"):
        assert not any(fragment in p.text for p in seed_steps)


def test_seed_steps_in_reading_order(seed_steps: list[Point], seed_ids: list[str]) -> None:
    firsts = [min(seed_ids.index(s) for s in p.sources) for p in seed_steps]
    assert firsts == sorted(firsts)


def test_trade_story() -> None:
    lexicon = Lexicon(load_config(TRADE / "trade.yaml").variants)
    steps = next_steps(story(TRADE / "articles", clean=False), lexicon)
    assert find(steps, "fourth round of talks").sources == ("gazette", "wire")
    find(steps, "expected to publish draft catch limits by Friday")
    find(steps, "technical teams would meet again soon")
    find(steps, "Ministers are to discuss the fishing quotas")
    for past in ("ended", "broke up", "earlier this year", "flooded"):
        assert not any(past in p.text for p in steps)


@pytest.mark.parametrize("sentence", [
    "A new round of talks is set to take place.",
    "Talks would be held soon, the envoy said.",
    "The delegations were also to discuss further exchanges of prisoners.",
    "The union plans to ballot its members next week.",
    "Both sides are expected to publish draft limits by Friday.",
    "The minister demanded that the port reopen by Monday.",
    "Monitoring will be carried out by the mission.",
    "The union has threatened to extend the strike to other ports.",
])
def test_forward_looking(sentence: str) -> None:
    assert cue_score(sentence).score >= 2.0


@pytest.mark.parametrize("sentence", [
    "The talks began Tuesday and went well into the evening.",
    "The talks ended without any set schedule for future negotiations.",
    "Negotiators met earlier this year in Abu Dhabi.",
    "They will not forgive me.",
    "Such concessions would leave Ukraine vulnerable.",
    "Medinsky did not provide a timeline for the next meeting.",
    "The aim was to secure a lasting settlement.",
    "The union accused employers of planning to automate jobs away.",
    "Russia occupies about 20% of Ukraine.",
])
def test_not_forward_looking(sentence: str) -> None:
    assert cue_score(sentence).score < 2.0


def test_clauses_and_steps() -> None:
    assert clauses("He said the talks had been tense and said another round would be held soon.") == [
        "he said the talks had been tense", "said another round would be held soon."]
    assert event_kinds("another round of talks") == {"eventmeeting"}
    assert same_step("future talks could take place later this month", "another round will be held soon", 0)
    assert not same_step("ministers will meet on friday", "a summit is planned for june", 0.0)
    assert not same_step("the strike will end soon", "talks will resume soon", 0.0)


def test_empty_and_zero() -> None:
    assert next_steps([], Lexicon()) == []
    assert next_steps([Sentence("Talks will resume next week.", "a", 0, 0)], Lexicon(), max_points=0) == []


WORDS = ["talks", "will", "be", "held", "soon", "next", "week", "ended", "a", "new", "round", "is", "set",
         "to", "take", "place", "the", "prisoner", "exchanges", "earlier", "this", "year", ",", ".", "“", "”"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a", "b", "c"]), st.lists(st.sampled_from(WORDS), max_size=14)),
                max_size=25), st.integers(min_value=0, max_value=6))
def test_points_are_verbatim_input_sentences(items: list[tuple[str, list[str]]], limit: int) -> None:
    sentences = [Sentence(" ".join(ws), article, i, 0) for i, (article, ws) in enumerate(items)]
    ids = {s.article_id for s in sentences}
    steps = next_steps(sentences, Lexicon(), max_points=limit)
    assert len(steps) <= limit
    for point in steps:
        assert point.text in {s.text for s in sentences}
        assert point.sources and set(point.sources) <= ids
        assert list(point.sources) == sorted(set(point.sources))
