"""Facts an article gives about its people: full names, and those lent to other articles."""

from __future__ import annotations

from briefing.attribution.facts import name_facts, shared_full_names
from briefing.speakers import Speakers

NAMES = Speakers([])


def test_only_names_shown_to_be_people_are_lent_to_other_articles() -> None:
    """'Capitol Hill' must not make a lone 'Hill' a person in another article; 'Nora Hill' may."""
    place = name_facts(NAMES, "Lawmakers met on Capitol Hill for the vote.")
    person = name_facts(NAMES, "Senator Ada Okafor called the vote.")
    assert shared_full_names([place]) == {}
    assert shared_full_names([person]) == {"Okafor": "Ada Okafor"}


def test_a_surname_two_people_of_the_batch_share_is_lent_to_nobody() -> None:
    assert shared_full_names([name_facts(NAMES, "Senator Tom Vidal spoke."),
                              name_facts(NAMES, "Senator Ruth Vidal spoke.")]) == {}


def test_every_full_name_of_a_surname_is_kept() -> None:
    facts = name_facts(NAMES, "Governor Tom Vidal and his wife, Ruth Vidal, voted early.")
    assert facts.claims["Vidal"] == {"Tom Vidal", "Ruth Vidal"}
    assert "Vidal" not in facts.full


def test_a_word_capitalised_by_a_sentence_start_is_no_first_name() -> None:
    """'Maybe Vidal is right' does not make "Maybe Vidal" the full name of the Vidal the article names."""
    facts = name_facts(NAMES, "Vidal spoke at the fair. Maybe Vidal is right, and maybe not.\n\nVidal left early.")
    assert "Vidal" not in facts.full
    facts = name_facts(NAMES, "Vidal spoke at the fair. Ruth Vidal is right.\n\nVidal left early.")
    assert facts.full["Vidal"] == "Ruth Vidal"  # a first name at a sentence start is still one


def test_a_title_a_name_stands_in_apposition_to_is_that_persons() -> None:
    facts = name_facts(Speakers([]), '"We are watching," a ministry spokesman, Tom Lund, said on Monday.')
    assert facts.titles["spokesman"] == "Tom Lund"


def test_no_apposition_without_a_determiner_or_a_closing_comma() -> None:
    facts = name_facts(Speakers([]), "Asked about the chairman, Ann Berg said the board would decide.")
    assert "chairman" not in facts.titles


def test_a_bodys_head_of_state_title_is_not_the_bare_titles() -> None:
    facts = name_facts(Speakers([]), "World Bank President Jim Hale spoke on Monday.")
    assert "president" not in facts.titles


def test_a_lone_surname_said_he_is_a_man_and_a_person() -> None:
    facts = name_facts(Speakers([]), "Halvorsen said he would stay. Reuters reported the talks.")
    assert facts.lone == {"Halvorsen"} and facts.genders["Halvorsen"] == "m"
