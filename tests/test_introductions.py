"""Quotes no reporting clause frames: a colon, a dash, the sentence before, a remark noun, the sentence after."""

from __future__ import annotations

from views import NAMES, view_of

from briefing.attribution.introductions import colon_clause, colon_named, introduced, owned_remark, quote_from
from briefing.attribution.view import View
from briefing.models import Sentence


def _first(view: View) -> list[Sentence]:
    """The sentences quotation 0 overlaps."""
    mark = view.marks[0]
    return [s for s in view.sentences if s.start < mark.end and s.start + len(s.text) > mark.start]


def test_a_name_before_the_colon_speaks() -> None:
    view = view_of('Rep. Anna Holm (D-Md.): "We will not fund the new bridge this year."')
    said = colon_named(view, NAMES, _first(view), 0)
    assert said is not None and said.speaker == "Anna Holm"


def test_the_clause_a_colon_ends_gives_its_subject() -> None:
    view = view_of('Tom Lund has since apologized for what happened at the meeting: "I should have waited."')
    said = colon_clause(view, NAMES, _first(view), 0)
    assert said is not None and said.speaker == "Tom Lund"


def test_a_dash_before_a_quote_ending_its_sentence_works_like_a_colon() -> None:
    view = view_of('Tom Lund also backed the plan -- "a good day for the harbour."')
    said = colon_clause(view, NAMES, _first(view), 0)
    assert said is not None and said.speaker == "Tom Lund"


def test_a_remark_noun_gives_its_owner_and_two_fitting_men_give_nobody() -> None:
    owned = view_of('Critics seized on Petra Holm\'s claim that she "never saw the report."')
    said = owned_remark(owned, NAMES, _first(owned), 0)
    assert said is not None and said.speaker == "Petra Holm"
    both = view_of('Tom Baxter met Bill Reyes after his remark that "the council has lost its way."')
    said = owned_remark(both, NAMES, _first(both), 0)
    assert said is not None and said.speaker is None


def test_a_lone_quote_takes_the_speaker_of_the_sentence_before() -> None:
    view = view_of('Mayor Ines Dahl answered the council in a statement.\n\n"The bridge will open in May."')
    said = introduced(view, NAMES, _first(view)[0], view.marks[0])
    assert said is not None and said.speaker == "Ines Dahl"


def test_the_next_sentence_may_name_a_lone_quote_s_source() -> None:
    view = view_of('"A city is its people." That quote from Thomas Krebs appeared on every poster in 1980.')
    said = quote_from(view, NAMES, _first(view), view.marks[0])
    assert said is not None and said.speaker == "Thomas Krebs"
