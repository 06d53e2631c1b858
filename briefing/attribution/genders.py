"""People's genders: from the article's own his/her, else from the usual gender of a first name.

A pronoun never resolves to a person of the other gender, so genders are read conservatively:
a paragraph that names one person and uses only "her" (outside quotations) says that person is a
woman; a first name counts only when the table (first_names.tsv) calls it clearly one gender.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING

from briefing.speech import tokenize

if TYPE_CHECKING:  # speakers imports this module: the types only
    from briefing.mentions import NameFacts
    from briefing.speakers import Speakers

# Pronouns that tell a person's gender, read outside quotations only (a quote's "her" is
# often someone else's).
# He and she are left out: they are what is being resolved ('"...," he said').
_GENDERED = {"his": "m", "him": "m", "himself": "m", "her": "f", "hers": "f", "herself": "f"}
_QUOTED = re.compile(r'["“][^"“”]*["”]')
_WORD = re.compile(r"[a-z]+")


def first_name_genders(people: Iterable[str]) -> dict[str, str]:
    """The usual gender of each full name's first name ("Hillary Clinton": f), where it is clear."""
    table = _first_names()
    return {name: table[name.split()[0].lower()] for name in people
            if " " in name and name.split()[0].lower() in table}  # a lone word is a surname more often


def is_first_name(word: str) -> bool:
    """A common first name of clear gender ("Donald"; not "Billionaire", "Real")."""
    return word.lower() in _first_names()


def gender_of(name: str, facts: NameFacts) -> str | None:
    """A person's gender as the article tells it, else as their first name usually does; None when unknown."""
    return facts.genders.get(name) or first_name_genders([name]).get(name)


@cache
def _first_names() -> Mapping[str, str]:
    """First name -> "f" or "m" (first_names.tsv: common names whose gender is clear, see tools/first_names.py)."""
    rows = (line.split("\t") for line in files("briefing.attribution").joinpath("first_names.tsv")
            .read_text(encoding="utf-8").splitlines() if line and not line.startswith("#"))
    return {name: gender for name, gender in rows}


def paragraph_gender(names: Speakers, paragraph: str, facts: NameFacts) -> dict[str, str]:
    """The one person a paragraph names and the gender of its pronouns outside quotations
    ("Clinton lost her temper"); nothing when it names several people or mixes he and she."""
    prose = _QUOTED.sub(" ", paragraph)
    found = {_GENDERED[w] for w in _WORD.findall(prose.lower()) if w in _GENDERED}
    if len(found) != 1:
        return {}
    people = {m.name for m in names.mentions(tokenize(prose), facts)}
    return {people.pop(): found.pop()} if len(people) == 1 else {}
