"""The article view: quotation marks paired into quotations, with and without paragraph breaks."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from briefing.attribution.view import find_flat_marks, find_marks
from briefing.models import Article
from briefing.quotes import QuoteOptions, extract_quotes
from briefing.sentences import blocks, split_sentences


def quotes(text: str) -> list[str]:
    """The quotations' words found in a one-paragraph text."""
    return [text[m.start:m.end] for m in find_marks(text, range(len(text)), 0)]


def test_marks_pair_as_written() -> None:
    assert quotes('"It is over," Lund said. "We go home."') == ["It is over", "We go home."]
    assert quotes("“It is over,” Lund said of the “deal.”") == ["It is over", "deal."]


def test_a_quote_that_goes_on_into_the_next_paragraph_runs_to_its_paragraphs_end() -> None:
    """'"...," X said. "But I doubt it.' then a paragraph opening with a mark: the quote goes on."""
    text = '"We will see," Lund said. "But I doubt it.\n"There are too many fights here."'
    first = range(0, text.index("\n"))
    assert [text[m.start:m.end] for m in find_marks(text, first, 0)] == ["We will see", "But I doubt it."]
    alone = '"We will see," Lund said. "But I doubt it.\nThe vote is on Friday.'
    assert [alone[m.start:m.end] for m in find_marks(alone, range(0, alone.index("\n")), 0)] == ["We will see"]


WORDS = st.sampled_from(["Lund", "said", "the", "plan", "is", "dead", "we", "go", "home", "today"])


@given(st.lists(st.lists(WORDS, min_size=1, max_size=6), min_size=1, max_size=5))
def test_balanced_straight_quotes_between_words_pair_in_order(parts: list[list[str]]) -> None:
    text = " ".join(f'"{" ".join(p)}," Lund said.' for p in parts)
    assert quotes(text) == [" ".join(p) for p in parts]


# An article of our own with the quotation shapes news uses: a quote of two paragraphs (opened
# again, closed once), a quote continued after its attribution, a question and its answer.
STRIKE = [
    "OSLO - Dock workers in Halden voted on Tuesday to extend their strike into a third week.",
    "Union leader Maria Lindqvist told members the employers had left them no choice.",
    '"We did not ask for this fight. The owners want cranes that run without us.',
    '"We will stay out as long as it takes," she said.',
    "Erik Brandt, the port's chief executive, called the offer \"fair and final.\"",
    '"Nobody wants a long strike," Brandt said. "But the port has to change."',
    "Asked whether talks would resume, Labour Minister Jonas Berg said he was hopeful.",
    '"Will they meet again?" Berg asked reporters outside the ministry. "I think they will."',
    "The strike has closed the port since early March.",
]


def speakers(text: str) -> dict[str, str | None]:
    """Each quotation of a one-article text and its speaker."""
    article = Article(id="a", text=text)
    return {q.text: q.speaker for q in extract_quotes([article], {"a": split_sentences(article)}, [], QuoteOptions())}


def test_flattened_article_reads_as_with_paragraph_breaks() -> None:
    expected = speakers("\n".join(STRIKE))
    assert expected["We did not ask for this fight. The owners want cranes that run without us."] == "Maria Lindqvist"
    assert expected["But the port has to change."] == "Erik Brandt"
    assert speakers(" ".join(STRIKE)) == expected
    curly = " ".join(STRIKE).replace(' "', " “").replace('"', "”")
    assert speakers(curly) == expected


def test_flat_marks_of_a_block() -> None:
    text = " ".join(STRIKE)
    found = [text[m.start:m.end] for b in blocks(text, article=True) if b.flat for m in find_flat_marks(text, b, 0)]
    assert found[:2] == ["We did not ask for this fight. The owners want cranes that run without us.",
                         "We will stay out as long as it takes"]
