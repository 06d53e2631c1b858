"""The parse reader: the subject of a subordinate clause a quotation sits in."""

from __future__ import annotations

import pytest

from briefing.attribution.grammar import subordinate
from briefing.attribution.parser import parse
from briefing.attribution.subjects import Cue
from briefing.models import Article
from briefing.quotes import QuoteOptions, extract_quotes
from briefing.sentences import split_sentences


def _subordinate(sentence: str, quoted: str) -> Cue | None:
    doc = parse([sentence])[0]
    start = sentence.index(quoted)
    quote = range(start - 1, start + len(quoted) + 1)  # the marks included, as briefing.quotes gives them
    return subordinate(doc, quote, [quote])


@pytest.mark.parametrize("sentence, quoted, name", [
    ('As Whitfield went on about "rigged courts," Ostrander said he had heard enough.', "rigged courts,",
     "Whitfield"),
    ('When Marta Lind called the plan "a giveaway," Ostrander said nothing.', "a giveaway,", "Marta Lind"),
    ('After Lind described the bill as "reckless," Ostrander walked out.', "reckless,", "Lind"),
    ('After Ada Lind said that the pupils would fare better in "smaller classes," Ostrander said: "No."',
     "smaller classes,", "Ada Lind"),  # the phrase is in what the clause's subject reports
])
def test_the_subject_of_the_clause_the_quote_is_in(sentence: str, quoted: str, name: str) -> None:
    found = _subordinate(sentence, quoted)
    assert found is not None and found.name == name


@pytest.mark.parametrize("sentence, quoted", [
    ('As the crowd cheered, Lund said "we will build it."', "we will build it."),
    ('Lund said "we will build it" before the vote.', "we will build it"),
    ('After describing the bill as "reckless," Lund walked out.', "reckless,"),  # no subject of its own
])
def test_no_subordinate_clause_of_another_subject(sentence: str, quoted: str) -> None:
    assert _subordinate(sentence, quoted) is None


def test_a_subordinate_clause_inside_reported_speech_is_the_reporters() -> None:
    sentence = 'Lund said Tuesday that Berg was "a lightweight" while Vance is "a basket case."'
    assert _subordinate(sentence, "a basket case.") is None


def test_a_copula_clause_describes_its_subject_and_names_no_speaker() -> None:
    found = _subordinate('While Lund is "brand building," Vance is converting her traffic.', "brand building,")
    assert found is not None and found.found and found.name is None and found.pronoun is None


def test_a_subordinate_clause_the_parse_joins_to_the_clause_before() -> None:
    sentence = ('"Are you done?" she said, but Paul was drifting off again, and as Lund went on about "how the '
                'port is doomed," and "broken harbour towns," Nora said yes, yes, yes, over and over again.')
    found = _subordinate(sentence, "how the port is doomed,")
    assert found is not None and found.name == "Lund"


def test_a_double_surname_the_parse_splits_at_its_hyphen_is_one_name() -> None:
    """'Nora Lake-Whitby, ...': the subject's name keeps its hyphened first half (not "Whitby" alone)."""
    found = _subordinate('When Nora Lake-Whitby called the plan "a giveaway," Ostrander said nothing.', "a giveaway,")
    assert found is not None and found.name == "Nora Lake-Whitby"


def test_a_headline_in_capitals_run_into_the_lede_is_no_speaker() -> None:
    """Text without paragraph breaks: the parse takes the headline for the subject of "taunted"."""
    article = Article(id="a", text='THE SHAM RESEARCH GROUP "It\'s Budget Week!" taunted one of the two protesters.')
    quotes = extract_quotes([article], {"a": split_sentences(article)}, [], QuoteOptions())
    assert [(q.text, q.speaker) for q in quotes] == [("It's Budget Week!", None)]
