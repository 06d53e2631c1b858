"""How counts read in the lines a run reports: '1 article', '2 articles'."""

from __future__ import annotations


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """'1 article', '2 articles' ('1 story', '2 stories' with the plural given)."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"
