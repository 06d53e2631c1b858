"""Turns: whether a quote with no frame of its own goes on the speaker of the quote before."""

from __future__ import annotations

import pytest
from views import NAMES, view_of

from briefing.attribution.turns import finishes_phrase, someone_between, turn_passed


@pytest.mark.parametrize("text, finishes", [
    ('"You went to the papers to fault hundreds of junior" clerks.', True),
    ('"What they care about is wages" and other household costs.', True),
    ('"We want the port closed," a voice in the ad states.', False),  # set off by its comma
    ('"We want the port closed" Tom Lund said later.', False),  # a name
    ('"We want the port closed" the letter read.', False),  # a subject of its own
])
def test_a_few_words_that_finish_the_quoted_phrase(text: str, finishes: bool) -> None:
    view = view_of(text)
    sentence = view.sentences[0]
    assert finishes_phrase(view, view.marks[0], sentence.start, sentence.start + len(sentence.text)) is finishes


@pytest.mark.parametrize("between, handed", [
    ("", False),
    (" He paused.", False),
    (" He paused. The room went quiet.", True),  # more narration than a pause
    (" Nora Vance shook her head.", True),  # another person
])
def test_sentences_between_two_quotes(between: str, handed: bool) -> None:
    view = view_of(f'Tom Lund and Nora Vance spoke. "We will win," Tom Lund said.{between} "Mark my words."')
    assert someone_between(view, NAMES, view.marks[0], "Tom Lund", view.marks[1]) is handed


@pytest.mark.parametrize("frame, handed", [
    ("Ann Kessler said, and her husband cut in.", True),
    ("Ann Kessler said, and laughed.", False),
    ("Ann Kessler said on Monday.", False),
])
def test_a_speakers_sentence_that_passes_the_turn(frame: str, handed: bool) -> None:
    view = view_of(f'Ann Kessler waved. "Give her my regards," {frame} "Say hello from us."')
    assert turn_passed(view, NAMES, view.marks[0], "Ann Kessler") is handed
