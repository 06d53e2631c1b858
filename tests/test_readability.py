"""Readability: dangling openers, reactions, and summaries of our own fixtures free of both and of repeats."""

from __future__ import annotations

import pytest

from briefing.compression import origin
from briefing.models import Article, Sentence
from briefing.readability import (
    bare_names,
    full_name_words,
    is_dangling_opener,
    is_leaning_subject,
    is_reaction,
    resolved,
    summary_problems,
    unnamed,
)
from briefing.sentences import split_sentences
from briefing.summarize import SummaryOptions, summarize

# Three outlets on one invented story: the harbour workers' strike in Halden.
ARTICLES = {
    "north": (
        "Dock workers in Halden walked off the job on Monday after wage talks with the port operators collapsed "
        "without a deal.\n"
        "They are demanding a seven percent pay rise and guarantees that the new automated cranes will not cost "
        "jobs.\n"
        "However, the operators say the port cannot afford more than four percent this year.\n"
        "The union said the strike would last until the operators return to the table with a better offer.\n"
        "The agreement that expired in March had covered some 2,400 dock workers at the port.\n"
    ),
    "coast": (
        "A strike by dock workers shut the port of Halden on Monday after talks on wages and automated cranes "
        "broke down.\n"
        "The labour minister urged both sides to accept a state mediator, saying the strike threatened fuel "
        "deliveries across the region.\n"
        "He said a mediator could be appointed within days if the union and the operators agreed.\n"
        "Container ships began queuing outside the harbour on Monday afternoon as the cranes stood idle.\n"
    ),
    "daily": (
        "The port operators condemned the walkout as reckless and said the strike would cost the region dearly.\n"
        "Dock workers in Halden stopped work on Monday when the wage talks with port operators failed.\n"
        "But the union insisted that the seven percent pay rise was the least its members would accept.\n"
        "Fuel deliveries to the northern towns could run short within a week if the port stays closed, "
        "officials said.\n"
    ),
}


@pytest.fixture(scope="module")
def sentences() -> list[Sentence]:
    return [s for key, text in ARTICLES.items() for s in split_sentences(Article(id=key, text=text))]


@pytest.mark.parametrize("text", [
    "He said a mediator could be appointed within days.",
    "They are demanding a seven percent pay rise.",
    "She's calling it a new start for the port.",
    "However, the operators say the port cannot afford more.",
    "But the union insisted on the rise.",
    "Meanwhile, ships queued outside the harbour.",
    "In addition, the ministry will pay for the mediator.",
    "The agreement was signed on Friday.",
    "The move came after a week of talks.",
    "This was the first strike in a decade.",
])
def test_dangling_openers(text: str) -> None:
    assert is_dangling_opener(text)


@pytest.mark.parametrize("text", [
    "Dock workers in Halden walked off the job on Monday.",
    "The labour minister urged both sides to accept a mediator.",
    "The strike by dock workers shut the port of Halden.",
    "Container ships began queuing outside the harbour.",
    "Halden's port handles a fifth of the region's fuel.",
])
def test_self_contained_openers(text: str) -> None:
    assert not is_dangling_opener(text)


@pytest.mark.parametrize("text", [
    "One of them said the cranes would cost jobs.",
    "One such strike closed the port for a month in 2011.",
    "Others said the union had gone too far.",
    "Two of those ships carried fuel for the northern towns.",
    "The company's chief executive resigned on Tuesday.",
    "The dockers' demands were rejected by the operators.",
    "After the vote, he said the strike would go on.",
    "Despite its losses, the operator kept every crane running.",
    "In the 2011 strike, their union won a five percent rise.",
])
def test_leaning_subjects(text: str) -> None:
    assert is_leaning_subject(text) and is_dangling_opener(text)


@pytest.mark.parametrize("text", [
    "Dock workers in Halden, the union said, walked off the job.",
    "In Halden, dock workers walked off the job on Monday.",
    "Some 2,400 dock workers walked off the job on Monday.",
    "The port of Halden handles a fifth of the region's fuel.",
    "Two ships waited outside the harbour on Monday.",
])
def test_subjects_that_stand_alone(text: str) -> None:
    assert not is_leaning_subject(text)


# Invented people: Marta Lindqvist leads the union; Judge Osei hears the case; Oliver Brekke runs the port.
NAMED = ["Union leader Marta Lindqvist called the strike on Monday.",
         "Judge Osei ordered both sides back to the table.",
         "The port's director, Oliver Brekke, said the cranes would stay.",
         "Mr. Brekke's deputy met the Lindqvist family lawyers."]


def test_full_names_give_surnames_and_lower_case_words_are_none() -> None:
    people = full_name_words([*NAMED, "Health Minister Ada Health spoke.", "The health of the port matters."])
    assert {"Lindqvist", "Osei", "Brekke"} <= people
    assert "Health" not in people and "Marta" not in people


def test_a_surname_alone_is_bare_unless_named_in_full_in_the_line() -> None:
    people = full_name_words(NAMED)
    assert bare_names("Lindqvist said the strike would last a week.", people) == {"Lindqvist"}
    assert bare_names("Mr. Brekke's cranes stayed idle on Monday.", people) == {"Brekke"}
    assert bare_names("Marta Lindqvist said Lindqvist would not back down.", people) == frozenset()
    assert bare_names("The Lindqvist plan was rejected by the operators.", people) == frozenset()
    assert bare_names("Halden said the strike would last a week.", people) == frozenset()
    assert bare_names("The strike would last a week, said Lindqvist.", people) == {"Lindqvist"}
    assert bare_names("The union's lawyer, Lindqvist, 52, told the court it would last.", people) == {"Lindqvist"}
    assert bare_names("The operators met Lindqvist on Monday.", people) == frozenset()  # not the subject


def test_a_bare_surname_is_resolved_by_an_earlier_line_naming_the_person() -> None:
    people = full_name_words(NAMED)
    lines = ["Osei said the strike was lawful.", "Union leader Marta Lindqvist welcomed the ruling.",
             "Lindqvist said her members would return on Friday."]
    assert unnamed(lines, people) == [{"Osei"}, frozenset(), frozenset()]
    kinds = [p.kind for p in summary_problems(lines, [None, None, None], people)]
    assert kinds.count("bare name") == 1


def test_reactions_and_events() -> None:
    assert is_reaction("The port operators condemned the walkout as reckless.")
    assert is_reaction("Fuel could run short within a week if the port stays closed, officials said.")
    assert not is_reaction("Dock workers in Halden walked off the job on Monday after wage talks collapsed.")


def test_an_anaphor_is_resolved_by_its_noun_or_its_predecessor() -> None:
    assert resolved("The agreement was signed on Friday.", ["Both sides reached an agreement."], False)
    assert not resolved("The agreement was signed on Friday.", ["The port reopened."], False)
    assert resolved("He said a mediator could be named.", ["The minister spoke."], True)
    assert not resolved("He said a mediator could be named.", ["The minister spoke."], False)


def test_summary_problems_finds_each_kind() -> None:
    texts = ["The operators condemned the walkout as reckless.", "He said a mediator could be named soon.",
             "Dock workers in Halden walked off the job on Monday after wage talks collapsed.",
             "Dock workers in Halden walked off the job Monday after the wage talks collapsed."]
    kinds = {p.kind for p in summary_problems(texts, [None, "The minister spoke.", None, None])}
    assert kinds == {"reaction lede", "dangling", "duplicate"}


@pytest.mark.parametrize("budget", [(None, 40), (None, 70), (None, 120), (3, None), (6, None)])
def test_fixture_summaries_read_cleanly(sentences: list[Sentence], budget: tuple[int | None, int | None]) -> None:
    points = summarize(sentences, SummaryOptions(sentences=budget[0], max_words=budget[1]))
    assert points
    where = {(s.article_id, s.index): s.text for s in sentences}
    source = [sentences[origin(p.text, [s.text for s in sentences]) or 0] for p in points]
    before = [where.get((s.article_id, s.index - 1)) for s in source]
    assert summary_problems([p.text for p in points], before) == []
    assert not is_reaction(points[0].text)


def test_a_pronoun_opener_comes_right_after_its_antecedent(sentences: list[Sentence]) -> None:
    for budget in range(30, 160, 10):
        texts = [p.text for p in summarize(sentences, SummaryOptions(sentences=None, max_words=budget))]
        for k, text in enumerate(texts):
            if is_dangling_opener(text):
                source = sentences[origin(text, [s.text for s in sentences]) or 0]
                previous = next(s.text for s in sentences
                                if s.article_id == source.article_id and s.index == source.index - 1)
                assert k > 0 and texts[k - 1] == previous
