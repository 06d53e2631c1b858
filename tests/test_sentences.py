"""Offline sentence and word splitting."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.models import Article
from briefing.sentences import (
    FLAT_LINE_WORDS,
    QuotePair,
    SumyTokenizer,
    blocks,
    quote_pairs,
    quoted_regions,
    split_sentences,
    split_text,
    words,
)


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


def _flat(paragraphs: list[str]) -> str:
    """Paragraphs joined into one line, padded past the flattened-line length with prose of our own."""
    filler = "The port stayed shut and the ships waited in the fjord for another day."
    padding = " ".join([filler] * (FLAT_LINE_WORDS // 10))
    return " ".join([padding, *paragraphs, padding])


def test_quote_pairs_read_a_straight_mark_by_its_neighbours() -> None:
    line = '"The offer is poor. "We will not sign it," Lund said.'
    assert quote_pairs(line) == [QuotePair(0, None), QuotePair(20, 41)]  # opened again: one quote, two paragraphs
    stray = 'Lund wrote: "We go on. Berg left the hall, calling it "a farce." Talks ended.'
    pairs = [stray[p.opens:p.closes + 1] for p in quote_pairs(stray) if p.closes]
    assert pairs == ['"a farce."']  # the unclosed stray pairs with nothing


def test_a_flattened_quote_of_two_paragraphs_is_cut_where_it_is_opened_again() -> None:
    first, second = '"The offer is poor. It insults every docker here.', '"We will not sign it," Lund said.'
    text = _flat(["Talks failed on Monday.", first, second])
    spans = [text[b.start:b.stop].strip() for b in blocks(text)]
    assert first in spans and any(s.startswith(second) for s in spans)
    assert "It insults every docker here." in split_text(text)  # sentences of an open quote are split


def test_flattened_blocks_follow_news_paragraphs() -> None:
    quoted = '"We go home," Lund said. "Not before Friday."'
    text = _flat(["Berg spoke first.", quoted, "Talks resumed in Oslo on Tuesday."])
    spans = [text[b.start:b.stop].strip() for b in blocks(text)]
    assert quoted in spans  # cut before the quote after prose and after it, not inside it
    asked = '"Why now?" Lund asked the crowd of dockers at the gate.'
    assert any(asked in s for s in blocks_of(_flat([asked])))  # a question's reporting clause stays with it
    assert not any(s.startswith("Talks") for s in blocks_of(_flat(['"It is over." Lund said.', "Talks ended."])))
    for after in ["Berg did not reply to a request for comment.", "Berg said on Monday that the port would open."]:
        assert any(s.startswith(after) for s in blocks_of(_flat(['"Why now?"', after])))  # not its reporting clause
    assert any(s.startswith("Talks") for s in blocks_of(_flat(["\"They called it 'a farce.'\" Talks ended."])))


def blocks_of(text: str) -> list[str]:
    """The text of each block."""
    return [text[b.start:b.stop].strip() for b in blocks(text)]


def test_short_paragraphs_are_never_cut() -> None:
    text = 'Berg spoke. "We go home," Lund said. "Not before Friday." Talks resumed.\nNext line.'
    assert [(b.start, b.stop, b.flat) for b in blocks(text, article=True)] == [(0, 72, False), (73, 83, False)]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(['"', " ", "Lund said.", "We go", "home,", "?", "Talks ended.", ":"]),
                min_size=1, max_size=80))
def test_flattened_blocks_lose_no_text(parts: list[str]) -> None:
    text = _flat(["".join(parts)])
    assert "".join(text[b.start:b.stop] for b in blocks(text)) == text
    article = Article(id="x", text=text)
    assert re.sub(r"\s+", "", "".join(s.text for s in split_sentences(article))) == re.sub(r"\s+", "", text)


def test_a_company_abbreviation_before_a_quotation_ends_the_sentence() -> None:
    text = '"We sold fewer drills," said Dora Finch of Acme Corp. "The second half will be better."'
    assert split_text(text) == ['"We sold fewer drills," said Dora Finch of Acme Corp.',
                                '"The second half will be better."']


def test_a_title_abbreviation_never_ends_the_sentence() -> None:
    assert split_text("City Police Supt. Terry Hall said so. Det. Ann Ruiz agreed.") == [
        "City Police Supt. Terry Hall said so.", "Det. Ann Ruiz agreed."]
