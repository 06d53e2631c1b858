"""Spelling variants of names and places, folded to one form for matching only.

Folding is used to compare and count (Kiev and Kyiv are one place, Zelenskiy
and Zelensky one person); the briefing always shows the source's own words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from briefing.sentences import words
from briefing.speech import NOT_ORGANISATIONS, ORGANISATION_WORDS

# Longest acronym read as an organisation's name ("CNN", "NAACP"); longer capitals are shouting.
MAX_ACRONYM = 6


@dataclass(frozen=True, slots=True)
class Person:
    """A person who may be quoted: canonical name, other spellings, titles, party."""

    name: str
    aliases: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    party: str | None = None

    @property
    def spellings(self) -> tuple[str, ...]:
        """Every way the sources may write this person's name, longest first."""
        return tuple(sorted({self.name, *self.aliases}, key=len, reverse=True))


@dataclass(frozen=True, slots=True)
class Party:
    """A party to the story and the names that stand for it (Moscow, the Kremlin...)."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()


class Lexicon:
    """Folds spelling variants to a canonical form; built once per run from the config."""

    def __init__(self, variants: Mapping[str, Iterable[str]] | None = None) -> None:
        self._canonical: dict[str, str] = {}
        for canonical, spellings in (variants or {}).items():
            for spelling in spellings:
                self._canonical[spelling.lower()] = canonical.lower()
        alternatives = sorted(self._canonical, key=len, reverse=True)
        self._pattern = (
            re.compile(r"\b(" + "|".join(re.escape(a) for a in alternatives) + r")\b", re.IGNORECASE)
            if alternatives else None
        )

    def fold(self, text: str) -> str:
        """The text with every known variant replaced by its canonical spelling, lower-cased."""
        text = text.lower()
        if self._pattern is None:
            return text
        return self._pattern.sub(lambda m: self._canonical[m.group().lower()], text)

    def words(self, text: str) -> list[str]:
        """Lower-cased, variant-folded words of a text."""
        return words(self.fold(text))


def organisation(written: str) -> str | None:
    """The organisation a capitalised subject names ("the Security Council" -> "Security Council",
    "CNN"), or None for a person, a place or a group ("Democrats")."""
    ws = written.split()
    if ws and ws[0].lower() == "the":
        ws = ws[1:]
    if not ws or not all(w[:1].isupper() or w.lower() in ("of", "for", "and", "on") for w in ws):
        return None
    acronym = (len(ws) == 1 and 2 <= len(ws[0]) <= MAX_ACRONYM and ws[0].isalpha() and ws[0].isupper()
               and ws[0] not in NOT_ORGANISATIONS)
    headed = len(ws) >= 3 and ws[0].lower() in ORGANISATION_WORDS and ws[1] == "of"  # "Council of Europe"
    return " ".join(ws) if acronym or headed or any(w.lower() in ORGANISATION_WORDS for w in ws[1:] or ws) else None
