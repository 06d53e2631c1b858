"""People's genders: from the article's own pronouns, else from the usual gender of a first name.

A pronoun never resolves to a person of the other gender, so genders are read conservatively:
a paragraph that names one person as a subject and then uses only "she"/"her" (outside quotations)
says that person is a woman; a first name counts only when the table (first_names.tsv) calls it
clearly one gender.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING

from briefing.speech import Token, tokenize

if TYPE_CHECKING:  # speakers imports this module: the types only
    from briefing.mentions import NameFacts
    from briefing.speakers import Speakers

# Pronouns other than he/she that tell a person's gender, read outside quotations only (a quote's "her" is
# often someone else's): anywhere in a paragraph naming one person, they agree with that person's first name
# 359 times in 395 on train.
_OBJECTS = {"his": "m", "him": "m", "himself": "m", "her": "f", "hers": "f", "herself": "f"}
# With he/she, read only when no pronoun comes before the paragraph's one person and the name follows no
# preposition ("His rival, X", "She ran against X", "he spoke after X"): they agree 425 times in 434.
_GENDERED = {**_OBJECTS, "he": "m", "she": "f"}
_QUOTED = re.compile(r'["“][^"“”]*["”]')
# Words for a person that tell the gender ("the woman", "his widow").
_NOUNS = {**dict.fromkeys("""woman girl lady mother daughter wife sister grandmother aunt niece widow actress
businesswoman congresswoman spokeswoman chairwoman councilwoman""".split(), "f"),
          **dict.fromkeys("""man boy gentleman father son husband brother grandfather uncle nephew widower actor
businessman congressman spokesman chairman councilman""".split(), "m")}


def noun_gender(word: str) -> str | None:
    """The gender a person noun tells ("woman": f, "father": m), else None."""
    return _NOUNS.get(word.lower())


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
    return facts.genders.get(name) or first_name_genders([name]).get(name) or _first_name_alone(name, facts)


def _first_name_alone(name: str, facts: NameFacts) -> str | None:
    """'Hillary' alone where the article names 'Hillary Clinton': the usual gender of that first name (not
    when the word is also a surname of the article's: "Clinton" alone is Hillary Clinton, not a man)."""
    gender = _first_names().get(name.lower()) if " " not in name else None
    if gender is None or name in facts.claims or not any(known.startswith(name + " ") for known in facts.genders):
        return None
    return gender


@cache
def _first_names() -> Mapping[str, str]:
    """First name -> "f" or "m" (first_names.tsv: common names whose gender is clear, see tools/first_names.py)."""
    rows = (line.split("\t") for line in files("briefing.attribution").joinpath("first_names.tsv")
            .read_text(encoding="utf-8").splitlines() if line and not line.startswith("#"))
    return {name: gender for name, gender in rows}


def paragraph_gender(names: Speakers, paragraph: str, facts: NameFacts) -> dict[str, str]:
    """The one person a paragraph names and the gender of its pronouns outside quotations: any of them
    after the name ("Baxter left early. He said ..."), else his/her anywhere ("Clinton lost her temper");
    nothing when it names several people or mixes genders."""
    toks = tokenize(_QUOTED.sub(" ", paragraph))
    if not any(t.low in _GENDERED for t in toks):
        return {}  # no pronoun to tell a gender: the names need not be looked for
    mentions = names.mentions(toks, facts)
    if len({m.name for m in mentions}) != 1:
        return {}
    first = mentions[0]
    before = any(t.low in _GENDERED for t in toks[:first.first])  # "His rival, X, ...", "She beat X"
    gender = None if before or first.after_preposition else _one_gender(toks, _GENDERED)
    gender = gender or _one_gender(toks, _OBJECTS)
    return {first.name: gender} if gender else {}


def _one_gender(toks: Sequence[Token], pronouns: Mapping[str, str]) -> str | None:
    """The gender of all these pronouns among the tokens, when there are some and they agree."""
    found = {pronouns[t.low] for t in toks if t.low in pronouns}
    return found.pop() if len(found) == 1 else None
