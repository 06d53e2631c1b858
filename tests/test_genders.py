"""Genders of people: the article's own words first, else the usual gender of a first name."""

from __future__ import annotations

from briefing.attribution.facts import name_facts
from briefing.attribution.genders import first_name_genders, gender_of, is_first_name
from briefing.speakers import Speakers

NAMES = Speakers([])


def test_first_names_tell_the_usual_gender() -> None:
    assert first_name_genders(["Nora Vance", "Tom Reyes", "Zxq Holt"]) == {"Nora Vance": "f", "Tom Reyes": "m"}
    assert first_name_genders(["Clinton"]) == {}  # a lone word is a surname more often than a first name


def test_very_common_names_count_with_a_little_doubt() -> None:
    """Names borne by the other gender now and then are kept when very common; a tenth of doubt is too much."""
    assert first_name_genders(["Hillary Vance", "George Holt"]) == {"Hillary Vance": "f", "George Holt": "m"}
    assert first_name_genders(["Lindsey Holt", "Leslie Quinn"]) == {}  # used for both
    assert not is_first_name("Said")  # "Said Baxter, ..." opens with a verb


def test_the_article_overrides_the_first_name() -> None:
    """Mr./Mrs. in the text win over the usual gender of a first name."""
    facts = name_facts(NAMES, "Mr. Leslie Vance spoke. Mrs. Tom Quinn left.")
    assert gender_of("Leslie Vance", facts) == "m"
    assert gender_of("Tom Quinn", facts) == "f"
    assert gender_of("Zxq Holt", facts) is None


def test_a_first_name_alone_takes_the_gender_of_the_full_name_it_begins() -> None:
    """'Ann' alone, where the article names 'Ann Vance': a woman; a lone word no full name begins says nothing."""
    facts = name_facts(NAMES, "Ann Vance spoke at the harbour. However, Ann did not mention the pier.")
    assert gender_of("Ann", facts) == "f"
    assert gender_of("Tom", facts) is None
    facts = name_facts(NAMES, "Nora Carter met Carter Holt. Carter left early.")
    assert gender_of("Carter", facts) is None  # a surname of the article's too: Nora Carter as much as a man


def test_a_paragraph_about_one_person_tells_their_gender() -> None:
    facts = name_facts(NAMES, "Leslie Quinn lost her temper at the rally.\n\nTom Baxter spoke later.")
    assert gender_of("Leslie Quinn", facts) == "f"


def test_a_paragraph_tells_the_gender_through_he_and_she_after_the_name() -> None:
    """Any gendered pronoun after the paragraph's one person, its subject, tells that person's gender."""
    facts = name_facts(NAMES, "Leslie Quinn left the hall early. She said the vote was rigged.\n\nTom Baxter stayed.")
    assert gender_of("Leslie Quinn", facts) == "f"


def test_he_or_she_before_the_name_or_after_a_preposition_tells_nothing() -> None:
    """'She beat X', 'He spoke after X': the pronoun is someone else."""
    for text in ("She ran against Leslie Quinn in the primary.", "He spoke after Leslie Quinn, to cheers.",
                 "Leslie Quinn spoke. He said she was wrong."):
        assert gender_of("Leslie Quinn", name_facts(NAMES, text)) is None, text


def test_a_possessive_name_tells_the_gender_too() -> None:
    facts = name_facts(NAMES, "Leslie Quinn's speech ran long, and she left early.\n\nTom Baxter stayed.")
    assert gender_of("Leslie Quinn", facts) == "f"
