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


def test_a_paragraph_about_one_person_tells_their_gender() -> None:
    facts = name_facts(NAMES, "Leslie Quinn lost her temper at the rally.\n\nTom Baxter spoke later.")
    assert gender_of("Leslie Quinn", facts) == "f"
