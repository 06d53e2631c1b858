"""Spelling variants folded for matching."""

from __future__ import annotations

from briefing.names import Lexicon, Person


def test_fold_variants_case_insensitive() -> None:
    lex = Lexicon({"Kyiv": ["Kiev"], "Zelensky": ["Zelenskiy", "Zelenskyy"]})
    assert lex.fold("Kiev and ZELENSKIY met") == "kyiv and zelensky met"
    assert lex.words("Zelenskyy, Kiev's") == ["zelensky", "kyiv's"]


def test_fold_respects_word_boundaries() -> None:
    assert Lexicon({"Donbas": ["Donbass"]}).fold("Donbassy Donbass") == "donbassy donbas"


def test_empty_lexicon() -> None:
    assert Lexicon().fold("Hello") == "hello"


def test_person_spellings_longest_first() -> None:
    p = Person("Volodymyr Zelensky", aliases=("Zelensky", "Zelenskiy"))
    assert p.spellings[0] == "Volodymyr Zelensky"


def test_organisation_names() -> None:
    from briefing.names import organisation

    assert organisation("the Security Council") == "Security Council"
    assert organisation("CNN") == "CNN"
    assert organisation("Fox News") == "Fox News"
    assert organisation("Democrats") is None  # a group, not a body
    assert organisation("Anna Holm") is None
    assert organisation("VP") is None  # a title
    assert organisation("the spokesman") is None
