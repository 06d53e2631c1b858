"""The article view: quotation marks paired into quotations, with and without paragraph breaks."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from briefing.attribution.view import find_marks


def quotes(text: str) -> list[str]:
    """The quotations' words found in a one-paragraph text."""
    return [text[m.start:m.end] for m in find_marks(text, range(len(text)), 0)]


def test_marks_pair_as_written() -> None:
    assert quotes('"It is over," Lund said. "We go home."') == ["It is over", "We go home."]
    assert quotes("“It is over,” Lund said of the “deal.”") == ["It is over", "deal."]


WORDS = st.sampled_from(["Lund", "said", "the", "plan", "is", "dead", "we", "go", "home", "today"])


@given(st.lists(st.lists(WORDS, min_size=1, max_size=6), min_size=1, max_size=5))
def test_balanced_straight_quotes_between_words_pair_in_order(parts: list[list[str]]) -> None:
    text = " ".join(f'"{" ".join(p)}," Lund said.' for p in parts)
    assert quotes(text) == [" ".join(p) for p in parts]
