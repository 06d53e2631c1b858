"""Where a quotation sits among its sentences, and the look-back a pronoun resolves over."""

from __future__ import annotations

from views import NAMES, view_of

from briefing.attribution.passage import end_of, resolve_pronoun, token_of


def test_a_sentence_ends_where_its_text_does() -> None:
    view = view_of("The council met on Monday. It voted on Tuesday.")
    second = view.sentences[1]
    assert view.article.text[second.start:end_of(second)] == "It voted on Tuesday."


def test_a_quote_s_token_is_found_among_its_sentence_s_tokens() -> None:
    view = view_of('Mayor Ines Dahl said "the bridge will open" on Monday.')
    toks = view.span(view.sentences[0].start, end_of(view.sentences[0])).tokens
    assert toks[token_of(view, list(view.sentences), 0)].quote == 0


def test_a_pronoun_looks_back_to_the_one_fitting_person() -> None:
    view = view_of('Mayor Ines Dahl opened the bridge on Monday. She said "it was worth the wait."')
    assert resolve_pronoun(view, NAMES, view.sentences[1], [], "she") == "Ines Dahl"
