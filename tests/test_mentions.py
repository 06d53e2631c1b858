"""People named in tokens: configured spellings, full names, typos, titles and the mention's form."""

from __future__ import annotations

from collections import Counter

import pytest

from briefing.attribution.facts import name_facts
from briefing.mentions import NameFacts, NameFinder, title_key
from briefing.names import Person
from briefing.speech import tokenize

PEOPLE = [Person("Rustem Umerov", ("Umerov",), ("head of Ukraine's delegation",), "ua")]


def test_configured_spellings_and_possessives() -> None:
    finder = NameFinder(PEOPLE)
    found = finder.mentions(tokenize("Talks with Umerov's team resumed, and Umerov spoke."))
    assert [(m.name, m.possessive, m.after_preposition) for m in found] == [
        ("Rustem Umerov", True, True), ("Rustem Umerov", False, False)]
    assert not found[0].subject_like and found[1].subject_like


def test_a_surname_stands_for_the_article_full_name() -> None:
    finder = NameFinder([])
    facts = name_facts(finder, "Tom Reyes spoke on Monday. Reyes left.")
    assert finder.canonical_name("Reyes", facts) == "Tom Reyes"
    assert finder.canonical_name("the Ohio senator", facts) is None
    assert finder.canonical_name("Lund", facts, known_only=True) is None


def test_a_one_letter_typo_of_a_configured_surname() -> None:
    finder = NameFinder(PEOPLE)
    assert finder.misspelled(["Umeriv"]) == {"Rustem Umerov"}
    assert finder.misspelled(["Kim"]) == set()  # too short to correct


def test_a_configured_title_names_its_holder() -> None:
    finder = NameFinder(PEOPLE)
    assert finder.title(tokenize("the head of Ukraine's delegation"), None) == "Rustem Umerov"
    assert finder.title(tokenize("the former head of Ukraine's delegation"), None) is None
    assert title_key(["The", "Kremlin", "Spokesman"]) == "kremlin spokesman"


def test_a_run_of_initials_is_no_name_and_the_name_after_it_is_found() -> None:
    """A line of hundreds of initials (a list, a code) is no name; the walk over it stops early."""
    initials = " ".join(f"{chr(65 + k % 26)}." for k in range(300))
    found = NameFinder([]).mentions(tokenize(f"The codes {initials} were read out by Ann Lee."))
    assert [m.name for m in found] == ["Ann Lee"]
    assert [m.name for m in NameFinder([]).mentions(tokenize("Then John F. Kerry spoke."))] == ["John F. Kerry"]


@pytest.mark.parametrize("text, name", [
    ("Investor Leon Marks raised his bid.", "Leon Marks"),
    ("Campaign Notes James Carville was blunt.", "James Carville"),
    ("Avin Mark Domnitz runs the group.", "Avin Mark Domnitz"),  # no common noun: a first name the list lacks
])
def test_a_common_noun_run_into_a_name_is_no_part_of_it(text: str, name: str) -> None:
    facts = NameFacts({}, frozenset(), Counter(t.text for t in tokenize(text)), {}, {})
    assert [m.name for m in NameFinder([]).mentions(tokenize(text), facts)] == [name]


def test_like_before_a_name_is_a_comparison_not_part_of_it() -> None:
    """'Like Tom Baxter, ...': a sentence's first word, no part of the name, and the name follows a preposition."""
    found = NameFinder([]).mentions(tokenize("Like Tom Baxter, their days begin at dawn. Unlike Ann Vance, he slept."))
    assert [(m.name, m.after_preposition) for m in found] == [("Tom Baxter", True), ("Ann Vance", True)]


@pytest.mark.parametrize("text, name", [
    ("Amy Pope, deputy homeland security adviser, said on a call.", "Amy Pope"),
    ("said John Major, the former prime minister.", "John Major"),
])
def test_a_title_word_after_a_lone_first_name_is_the_surname(text: str, name: str) -> None:
    assert [m.name for m in NameFinder([]).mentions(tokenize(text))] == [name]


@pytest.mark.parametrize("text", ["said a South Carolina Democrat.", "said a Virginia Republican."])
def test_a_place_before_a_party_is_no_first_name_and_surname(text: str) -> None:
    assert NameFinder([]).mentions(tokenize(text)) == []


@pytest.mark.parametrize("text, names", [
    ("The activist Cornel West took the stage.", ["Cornel West"]),
    ("Oliver North spoke, then West Virginia voted.", ["Oliver North"]),
    ("Voters in North Dakota and South Carolina went first.", []),
])
def test_a_compass_word_after_a_first_name_is_a_surname(text: str, names: list[str]) -> None:
    assert [m.name for m in NameFinder([]).mentions(tokenize(text))] == names


def test_a_lower_case_el_inside_a_name_is_a_particle() -> None:
    assert [m.name for m in NameFinder([]).mentions(tokenize("said his nephew Karim el Sayed."))] == ["Karim el Sayed"]


@pytest.mark.parametrize("text, names", [
    ("The United Rail Workers voted to strike.", []),  # no person "Rail Workers" inside a body's name
    ("A New Harbour Pilots statement followed.", []),
    ("On Monday Tom Baxter said no.", ["Tom Baxter"]),  # a first name after a day still opens a name
    ("Democrats Anna Holm and Tom Baxter said no.", ["Anna Holm", "Tom Baxter"]),
])
def test_the_rest_of_a_rejected_capitalised_run_is_no_name_without_a_first_name(text: str, names: list[str]) -> None:
    assert [m.name for m in NameFinder([]).mentions(tokenize(text))] == names


def test_a_person_the_article_shows_may_follow_a_rejected_word() -> None:
    """'Monday Xi Wen said': no listed first name, but the article shows Xi Wen to be a person."""
    text = "Monday Xi Wen said the port would stay shut."
    facts = NameFacts({}, frozenset(), Counter(t.text for t in tokenize(text)), {}, {}, persons=frozenset({"Xi Wen"}))
    assert [m.name for m in NameFinder([]).mentions(tokenize(text), facts)] == ["Xi Wen"]


@pytest.mark.parametrize("text, names", [
    ("Despite its 32 Daytime Awards, the show lost viewers.", []),
    ("He spoke to 400 New Harbour Activists on Monday.", []),
    ("In 1996 Bill Reyes won the seat.", ["Bill Reyes"]),  # a year, not a count
])
def test_a_counted_capitalised_run_is_no_person(text: str, names: list[str]) -> None:
    assert [m.name for m in NameFinder([]).mentions(tokenize(text))] == names
