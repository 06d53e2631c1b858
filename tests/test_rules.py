"""One quotation's reading: the speaker its own sentences give, its form, and the rules' order."""

from __future__ import annotations

import pytest
from views import NAMES, view_of

from briefing.attribution.rules import is_organisation, read_quote


@pytest.mark.parametrize("text, speaker", [
    ('Mayor Ines Dahl spoke on Monday. "We will rebuild the bridge," Dahl said.', "Ines Dahl"),
    ('"The port stays open" ― Carla Moreau', "Carla Moreau"),
    ('Dock workers marched past the town hall, chanting "no more cuts" all morning.', None),
    # a quote standing alone after "As X reported, ...:" is the report's, not the clause subject's
    ("As the Riverside Times reported, even on Friday the Riverside City Council was refusing to call it a "
     'disaster:\n\n"The council is still reluctant to call the flooding a disaster, citing the survey."',
     "Riverside Times"),
    # two-word reporting verbs before the quote and, through the parse, with a phrase in between
    ('Maria Lund shot back, "I could have stayed home."', "Maria Lund"),
    ('"I could have stayed home," Maria Lund fired back.', "Maria Lund"),
    ('As Petra Holm pointed out in March, "The council can change the rules at any time."', "Petra Holm"),
    ('Petra Holm pointed out that the council "can change the rules at any time."', "Petra Holm"),
])
def test_the_speaker_a_quote_s_sentences_give(text: str, speaker: str | None) -> None:
    view = view_of(text)
    reading = read_quote(view, NAMES, len(view.marks) - 1)
    assert reading is not None and reading.said.speaker == speaker


def test_a_title_is_nobody_s_words_and_a_pure_quote_is_marked() -> None:
    view = view_of('Tom Lund spoke on NBC\'s "Meet the Press" on Sunday.\n\n"We are ready for the vote."')
    title, alone = (read_quote(view, NAMES, k) for k in range(2))
    assert title is not None and title.title and title.said.speaker is None
    assert alone is not None and alone.pure and not alone.title


def test_an_organisation_is_no_person() -> None:
    view = view_of("The Security Council met on Friday.")
    assert is_organisation(NAMES, view, "Security Council")
    assert not is_organisation(NAMES, view, "Tom Lund")
