"""One article's attribution view, as the quotes stage builds it, for the attribution tests."""

from __future__ import annotations

from briefing.attribution.view import View, article_view
from briefing.models import Article
from briefing.sentences import split_sentences
from briefing.speakers import Speakers

NAMES = Speakers([])


def view_of(text: str) -> View:
    """The view of an article of this text, with no configured people."""
    article = Article(id="t", text=text)
    return article_view(article, split_sentences(article), NAMES)
