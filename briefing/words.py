"""Words of a sentence for the issue stages: as written, a folded key, a light stem and a place."""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.names import Lexicon

# Shortest stem the suffix stripper leaves: shorter words ("was", "has") are kept whole.
MIN_STEM = 3

_TOKEN = re.compile(r"[A-Za-z](?:\.[A-Za-z])+\.?|\w+(?:[-'’]\w+)*")
_SUFFIXES = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""), ("e", ""))
_DOUBLED = re.compile(r"([bgmnprt])\1$")


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a sentence: as written, its folded key, its stem and its place."""

    text: str
    key: str
    stem: str
    start: int
    end: int


def stem(word: str) -> str:
    """A light English suffix stripper: demands/demanded -> demand, occupies/occupied -> occupy."""
    if word.endswith(("ss", "us", "is")):
        return word
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            base = word[: len(word) - len(suffix)]
            if suffix in ("ing", "ed") and _DOUBLED.search(base):
                base = base[:-1]
            return base + replacement
    return word


def tokenize(text: str, lexicon: Lexicon,
             memo: dict[str, tuple[str, str]] | None = None) -> tuple[Token, ...]:
    """The words of a text with folded keys (spelling variants merged) and stems.

    ``memo`` (word -> key, stem) saves re-folding words seen before in the same run.
    """
    memo = {} if memo is None else memo
    out = []
    for match in _TOKEN.finditer(text):
        word = match.group()
        if word not in memo:
            key = lexicon.fold(re.sub(r"'s$", "", word.replace("’", "'"), flags=re.IGNORECASE))
            memo[word] = (key, stem(key))
        key, stem_ = memo[word]
        out.append(Token(word, key, stem_, match.start(), match.end()))
    return tuple(out)
