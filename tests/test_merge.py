"""Merging one quotation's reports across outlets: similarity, its floor, and the speaker rules."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.attribution.merge import MERGE_SIMILARITY, cluster, one_spelling, similarity, wording


@dataclass(frozen=True, slots=True)
class Quote:
    """A report as the merge reads it."""

    text: str
    speaker: str | None


def test_same_words_and_a_partial_quote_inside_a_longer_one_are_one_quotation() -> None:
    whole = wording("We will not give up a single village of our land", None)
    assert similarity(whole, wording("we will not give up a single village of our land", None)) == 1.0
    assert similarity(whole, wording("a single village of our land", None)) == 1.0


def test_different_numbers_are_different_statements() -> None:
    a, b = wording("Prices rose 20 percent in the capital this winter", None), wording(
        "Prices rose 30 percent in the capital this winter", None)
    assert similarity(a, b) == 0.0


def test_reports_of_different_speakers_never_merge() -> None:
    text = "The talks were difficult but businesslike and we agreed to meet again"
    groups = cluster([Quote(text, "Ana Lund"), Quote(text, "Tom Reyes"), Quote(text, "Ana Lund")], None, 4)
    assert sorted(len(g) for g in groups) == [1, 2]


def test_a_short_unattributed_phrase_does_not_borrow_a_speaker() -> None:
    groups = cluster([Quote("the system is rigged", "Ana Lund"), Quote("the system is rigged", None)], None, 4)
    assert len(groups) == 2


WORDS = ["talks", "were", "difficult", "but", "businesslike", "we", "agreed", "to", "meet", "again", "the",
         "plant", "must", "return", "land", "never", "security", "guarantees", "now", "2", "3"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=14),
       st.lists(st.sampled_from(WORDS), min_size=1, max_size=14),
       st.sampled_from([0.0, 0.3, MERGE_SIMILARITY, 0.8]))
def test_a_floor_changes_only_values_below_it(a: list[str], b: list[str], floor: float) -> None:
    exact = similarity(wording(" ".join(a), None), wording(" ".join(b), None))
    floored = similarity(wording(" ".join(a), None), wording(" ".join(b), None), floor)
    assert floored == exact if exact >= floor else floored < floor


def test_spellings_of_one_person_across_outlets_become_the_most_used_full_name() -> None:
    spelling = one_spelling(["Ilona Kovalenko", "Ilona Kovalenko", "Ilona Kowalenko", "Kovalenkko"], set())
    assert spelling == {"Ilona Kowalenko": "Ilona Kovalenko", "Kovalenkko": "Ilona Kovalenko"}


def test_different_first_names_or_a_shared_surname_keep_people_apart() -> None:
    assert one_spelling(["Bill Marsh", "Anne Marsh", "Marsh"], set()) == {}
    assert one_spelling(["Bill Marsh", "Bill Marsh Jr."], set()) == {}
    assert one_spelling(["Ilona Kovalenko", "Ilona Kovalenka"], {"Ilona Kovalenko", "Ilona Kovalenka"}) == {}


def test_a_configured_spelling_wins_over_a_more_used_one() -> None:
    spelling = one_spelling(["Ilona Kowalenko", "Ilona Kowalenko", "Ilona Kovalenko"], {"Ilona Kovalenko"})
    assert spelling == {"Ilona Kowalenko": "Ilona Kovalenko"}



def test_a_bare_surname_an_article_left_unresolved_is_not_lent_a_full_name() -> None:
    assert one_spelling(["Ilona Marsden", "Marsden"], set()) == {}
