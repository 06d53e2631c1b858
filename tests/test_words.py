"""Words of a sentence: the light stemmer and the tokenizer's keys, stems and places."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from briefing.names import Lexicon
from briefing.words import stem, tokenize


def test_stem_merges_inflections() -> None:
    assert stem("demanded") == stem("demands") == stem("demand")
    assert stem("occupies") == stem("occupied") == stem("occupy")
    assert stem("guarantees") == stem("guarantee")
    assert stem("planned") == stem("plans")
    assert stem("process") == "process"


def test_tokens_keep_their_place_and_fold_spellings() -> None:
    text = "Zelenskiy's envoys met U.S. officials."
    tokens = tokenize(text, Lexicon({"Zelensky": ["Zelenskiy"]}))
    assert [t.text for t in tokens] == ["Zelenskiy's", "envoys", "met", "U.S.", "officials"]
    assert tokens[0].key == "zelensky" and tokens[1].stem == "envoy"
    assert all(text[t.start:t.end] == t.text for t in tokens)


@given(st.text(max_size=80))
def test_tokens_are_spans_of_the_text(text: str) -> None:
    assert all(text[t.start:t.end] == t.text for t in tokenize(text, Lexicon()))
