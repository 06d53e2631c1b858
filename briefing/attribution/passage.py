"""Where a quotation sits among its sentences, and the look-back a pronoun resolves over (briefing.attribution)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import islice

from briefing.attribution.pronouns import resolve
from briefing.attribution.view import View
from briefing.models import Sentence
from briefing.speakers import Speakers
from briefing.speech import Token, is_prose

# How many sentences back a pronoun may find its antecedent: news names the speaker within a
# sentence or two, but a quote-heavy passage may run longer (4 and 8 scored alike on train).
PRONOUN_LOOKBACK = 8


def end_of(sentence: Sentence) -> int:
    """Where the sentence ends in its article's text."""
    return sentence.start + len(sentence.text)


def token_of(view: View, sentences: Sequence[Sentence], index: int) -> int:
    """The position of quotation `index` among the tokens of its sentences."""
    return next(i for i, t in enumerate(view.span(sentences[0].start, end_of(sentences[-1])).tokens)
                if t.quote == index)


def resolve_pronoun(view: View, names: Speakers, first: Sentence, frame: Sequence[Token],
                    pronoun: str) -> str | None:
    """The salient person a pronoun stands for (briefing.attribution.pronouns); None when in doubt."""
    return resolve(view, names, frame, pronoun, islice(_window(view, first), PRONOUN_LOOKBACK))


def _window(view: View, first: Sentence) -> Iterator[Sentence]:
    """Sentences before `first`, nearest first: its paragraph's, then earlier prose paragraphs'."""
    yield from reversed([s for s in view.in_paragraph(first.paragraph) if s.start < first.start])
    for p in range(first.paragraph - 1, -1, -1):
        span = view.paragraphs[p]
        if is_prose(view.article.text[span.start:span.stop]):
            yield from reversed(view.in_paragraph(p))
