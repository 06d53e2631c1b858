"""Offline sentence and word splitting."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.models import Article
from briefing.sentences import SumyTokenizer, quoted_regions, split_sentences, split_text, words


def test_abbreviations_and_initials_do_not_end_sentences() -> None:
    text = "Mr. Smith met U.S. envoys in Geneva. Dr. J. Doe agreed. It ended."
    assert split_text(text) == ["Mr. Smith met U.S. envoys in Geneva.", "Dr. J. Doe agreed.", "It ended."]
    runs = "Rep. T.J. Holm spoke, said A.B.C. Varga. Then it ended."  # a run of initials is one name's
    assert split_text(runs) == ["Rep. T.J. Holm spoke, said A.B.C. Varga.", "Then it ended."]


def test_multi_sentence_quote_stays_one_sentence() -> None:
    text = "“People will never forgive this. Never. They will not,” he said. Talks ended."
    assert split_text(text) == ["“People will never forgive this. Never. They will not,” he said.", "Talks ended."]


def test_unbalanced_quote_still_splits() -> None:
    assert split_text('He said "no. Then it ended. Fine.') == ['He said "no.', "Then it ended.", "Fine."]


def test_sentences_never_cross_lines() -> None:
    assert split_text("A headline without a stop\nThe body starts here.") == [
        "A headline without a stop", "The body starts here."]


def test_offsets_point_at_the_text() -> None:
    article = Article(id="a", text="First one. Second one!\n\nThird “one. Two.” here.")
    for sentence in split_sentences(article):
        assert article.text[sentence.start:sentence.start + len(sentence.text)] == sentence.text
    assert [s.paragraph for s in split_sentences(article)] == [0, 0, 1]


def test_quoted_regions() -> None:
    assert quoted_regions('a "b c" d “e”') == [range(3, 6), range(11, 12)]


def test_words_and_tokenizer() -> None:
    assert words("Kyiv's U.S.-led talks, 2022!") == ["kyiv's", "u", "s", "led", "talks", "2022"]
    tok = SumyTokenizer()
    assert tok.to_sentences("One. Two.") == ("One.", "Two.")
    assert tok.to_words("Hello, world") == ("Hello", "world")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=400))
def test_splitting_loses_no_text(text: str) -> None:
    article = Article(id="x", text=text)
    sentences = split_sentences(article)
    rebuilt = "".join(s.text for s in sentences)
    assert re.sub(r"\s+", "", rebuilt) == re.sub(r"\s+", "", text)
    for s in sentences:
        assert text[s.start:s.start + len(s.text)] == s.text
        assert s.text == s.text.strip() and s.text


def test_question_quote_keeps_its_attribution() -> None:
    assert split_text("“Who wants war?” Zelensky asked reporters. Then he left.") == [
        "“Who wants war?” Zelensky asked reporters.", "Then he left."]
    assert split_text("“Is it over?” The talks ended.") == ["“Is it over?”", "The talks ended."]
