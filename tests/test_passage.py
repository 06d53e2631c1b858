"""Where a quotation sits among its sentences, and the look-back a pronoun resolves over."""

from __future__ import annotations

from briefing.attribution.passage import end_of, resolve_pronoun, token_of
from briefing.attribution.view import View, article_view
from briefing.models import Article
from briefing.sentences import split_sentences
from briefing.speakers import Speakers

NAMES = Speakers([])


def _view(text: str) -> View:
    article = Article(id="t", text=text)
    return article_view(article, split_sentences(article), NAMES)


def test_a_sentence_ends_where_its_text_does() -> None:
    view = _view("The council met on Monday. It voted on Tuesday.")
    second = view.sentences[1]
    assert view.article.text[second.start:end_of(second)] == "It voted on Tuesday."


def test_a_quote_s_token_is_found_among_its_sentence_s_tokens() -> None:
    view = _view('Mayor Ines Dahl said "the bridge will open" on Monday.')
    toks = view.span(view.sentences[0].start, end_of(view.sentences[0])).tokens
    assert toks[token_of(view, list(view.sentences), 0)].quote == 0


def test_a_pronoun_looks_back_to_the_one_fitting_person() -> None:
    view = _view('Mayor Ines Dahl opened the bridge on Monday. She said "it was worth the wait."')
    assert resolve_pronoun(view, NAMES, view.sentences[1], [], "she") == "Ines Dahl"
