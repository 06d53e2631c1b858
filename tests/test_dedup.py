"""Near-duplicate grouping: rewrites and translations of one fact merge, different facts never do."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from briefing.dedup import (
    DUPLICATE_SIMILARITY,
    SentenceGroup,
    group_duplicates,
    index_duplicates,
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
