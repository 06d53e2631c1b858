"""Roles of names and subjects in a sentence: places, things' names, sources, descriptions of people."""

from __future__ import annotations

import pytest

from briefing.attribution.roles import (
    is_attributive,
    is_epithet,
    is_newcomer,
    is_place,
    is_source,
    is_thing,
    is_unnamed_person,
)
from briefing.attribution.subjects import Cue
from briefing.mentions import Mention
from briefing.speech import Token, tokenize


def _mention(sentence: str, name: str) -> tuple[list[Token], Mention]:
    toks = tokenize(sentence)
    first = [t.text for t in toks].index(name.split()[0])
    before = toks[first - 1].low if first else ""
    return toks, Mention(name, first, first + len(name.split()) - 1, False, before in ("of", "in", "by", "to"), "")


@pytest.mark.parametrize("sentence, name, place", [
    ("Ann Kessler of Baton Rouge taught her daughters at home.", "Baton Rouge", True),
    ("The talks were held in Geneva on Monday.", "Geneva", True),
    ("The wife of Tom Reyes spoke first.", "Tom Reyes", False),
])
def test_a_name_after_of_or_in_is_a_place(sentence: str, name: str, place: bool) -> None:
    toks, mention = _mention(sentence, name)
    assert is_place(toks, mention) is place


@pytest.mark.parametrize("sentence, name, thing", [
    ("In that sense, Maple Ridge wasn't just a local disaster, but a calling.", "Maple Ridge", True),
    ("Lakeview is one of the quintessential swing states in national elections.", "Lakeview", True),
    ("The mayor spoke to the Riverside Labor Convention on Monday.", "Riverside Labor Convention", True),
    ("Tom Reyes is a former mayor of the town.", "Tom Reyes", False),
    ("Tom Reyes was a disappointment to his party.", "Tom Reyes", False),
    ("Tom Reyes is running for the state senate.", "Tom Reyes", False),
])
def test_a_name_its_sentence_calls_a_place_or_event_is_a_thing(sentence: str, name: str, thing: bool) -> None:
    assert is_thing(tokenize(sentence), name) is thing


def test_according_to_and_a_passive_agent_are_sources_a_thing_s_name_is_attributive() -> None:
    toks, mention = _mention("The plan failed, according to Baxter.", "Baxter")
    assert is_source(toks, mention)
    toks, mention = _mention("The bill was backed on Friday by Baxter.", "Baxter")
    assert is_source(toks, mention)
    toks, mention = _mention("They praised the Baxter campaign.", "Baxter")
    assert is_attributive(toks, mention) and not is_source(toks, mention)


@pytest.mark.parametrize("phrase, pronoun, unnamed", [
    ("The woman", "she", True), ("The woman's lawyer", "she", True), ("The woman", "he", False),
    ("The woman doctor", "she", False), ("The man", "he", True),
])
def test_the_woman_as_subject_is_an_unnamed_person_of_her_gender(phrase: str, pronoun: str, unnamed: bool) -> None:
    assert is_unnamed_person(Cue(found=True, phrase=phrase), pronoun) is unnamed


def test_a_newcomer_and_an_epithet() -> None:
    assert is_newcomer(Cue(found=True, phrase="A retired reporter"))
    assert is_epithet(Cue(found=True, phrase="The Ohio senator"))
    assert not is_epithet(Cue(found=True, phrase="The senator"))
