"""Decoding: feed bytes to UTF-8, and mojibake undone in text."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from briefing.clean import clean_article
from briefing.decoding import repaired, to_utf8
from briefing.models import Article


@pytest.mark.parametrize("broken, fixed", [
    ("President Fran\u00c3\u00a7ois Marchal said", "President François Marchal said"),  # read once as Latin-1
    ("Ren\u00c3\x83\u00c2\u00a9e Dubois", "Renée Dubois"),  # read twice
    ("the \u00e2\u20ac\u0153wharf\u00e2\u20ac\x9d plan", "the “wharf” plan"),  # curly marks read as Windows-1252
    ("Se\u00c3\u00b1or Ib\u00c3\u00a1\u00c3\u00b1ez", "Señor Ibáñez"),
    ("Fran" + unicodedata.normalize("NFD", "\u00c3") + "\x83" + unicodedata.normalize("NFD", "\u00c2") + "\u00a7ois",
     "François"),  # decomposed: "A" and a combining tilde
])
def test_mojibake_is_undone(broken: str, fixed: str) -> None:
    assert repaired(broken) == fixed


@pytest.mark.parametrize("text", ["naïve façade in Zürich", "“Quoted” — dashes… and café", "£5 or €6",
                                  "Ã alone", "é» ends", "plain ASCII text"])
def test_proper_text_is_left_alone(text: str) -> None:
    assert repaired(text) == text


def test_no_reading_makes_control_characters() -> None:
    """A run whose UTF-8 reading would be a C1 control character is left as it is (and stays so)."""
    assert repaired("\u00c2\u0192") == "\u00c2\u0192" and repaired("\u00c3\x82\u00c2\x80") == "\u00c3\x82\u00c2\x80"


@given(st.text())
def test_text_that_is_no_mojibake_survives_a_round_trip(text: str) -> None:
    assert repaired(repaired(text)) == repaired(text)


_LETTERS = st.characters(min_codepoint=0xC0, max_codepoint=0x24F, categories=("Lu", "Ll")) | st.sampled_from(" ab,")


@given(st.text(alphabet=_LETTERS))
def test_mojibake_of_accented_words_is_undone(text: str) -> None:
    assume(repaired(text) == text)  # "ÃŽ" is itself the mojibake of "Î": no reading can tell them apart
    broken = "".join(c if ord(c) < 128 else c.encode("utf-8").decode("cp1252", "replace") for c in text)
    assert "\ufffd" in broken or repaired(broken) == text


def test_articles_are_repaired_before_cleaning() -> None:
    article = clean_article(Article(id="a", text="Mayor Jos\u00c3\u00a9 Ortega opened the new wharf on Monday."))
    assert "José Ortega" in article.text


def test_feed_bytes_become_utf8() -> None:
    decoded = to_utf8('<?xml version="1.0" encoding="latin-1"?><rss>café</rss>'.encode("latin-1"), "", "u")
    assert decoded.data.decode("utf-8").endswith("<rss>café</rss>") and b'encoding="utf-8"' in decoded.data
