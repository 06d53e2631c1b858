"""Facts an article gives about its people: full names lent to other articles, reporters."""

from __future__ import annotations

from briefing.speakers import Speakers, name_facts, shared_full_names
from briefing.speech import tokenize

NAMES = Speakers([])


def test_only_names_shown_to_be_people_are_lent_to_other_articles() -> None:
    """'Capitol Hill' must not make a lone 'Hill' a person in another article; 'Nora Hill' may."""
    place = name_facts(NAMES, "Lawmakers met on Capitol Hill for the vote.")
    person = name_facts(NAMES, "Senator Ada Okafor called the vote.")
    assert shared_full_names([place]) == {}
    assert shared_full_names([person]) == {"Okafor": "Ada Okafor"}


def test_parenthetical_reporter() -> None:
    facts = name_facts(NAMES, "Tom Reyes spoke.")
    toks = tokenize("The good news for the mayor, Tom Reyes said, is that the town likes her.")
    assert NAMES.reporter(toks, facts) == "Tom Reyes"
    toks = tokenize("Rivals such as Tom Reyes and Paul Vance, who say the plan is weak, stayed home.")
    assert NAMES.reporter(toks, facts) is None
