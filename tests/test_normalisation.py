"""Normalisation: characters, spaces, wire typesetting codes and quotation marks."""

from __future__ import annotations

import pytest

from briefing.normalisation import normalise


def test_normalise_quotes_spaces_and_unicode() -> None:
    text = "\ufeff“Quoted”\u00a0and\u2009‘single’ it’s\r\ncafe\u0301 x\u200b\u00ady  z \t\r"
    assert normalise(text) == "\"Quoted\" and 'single' it's\ncafé xy z\n"


def test_wire_copy_ascii_quotation_marks_read_as_quotation_marks() -> None:
    text = "``We will `never' give up,'' the coach said. ``Not this year.''"
    assert normalise(text) == "\"We will 'never' give up,\" the coach said. \"Not this year.\""


def test_wire_typesetting_codes_are_dropped_html_entities_are_not() -> None:
    text = "The mayor met Carla &UR; &LR; Ortiz's family. &QL;\n\n&QL; THE VOTE &QL; &QL;\nRates &LT; 5 &Cx1f;"
    assert normalise(text) == "The mayor met Carla Ortiz's family.\n\nTHE VOTE\nRates &LT; 5"


def test_text_without_wire_quotation_marks_keeps_its_apostrophes() -> None:
    assert normalise("It isn't the players' fault.") == "It isn't the players' fault."


def test_wire_copy_that_opens_with_two_apostrophes_reads_them_as_quotation_marks() -> None:
    text = "''The bridge held,'' the engineer said. ''We were lucky.''"
    assert normalise(text) == "\"The bridge held,\" the engineer said. \"We were lucky.\""


def test_a_quotation_continued_into_the_next_paragraph_is_closed_where_it_breaks() -> None:
    """Flattened, the unclosed paragraph would pair its mark with the next opening one."""
    flat = "``It was sad,'' she said. ``They left early. ``Then it rained,'' she said."
    assert normalise(flat) == "\"It was sad,\" she said. \"They left early.\" \"Then it rained,\" she said."
    curly = "\u201cIt was sad,\u201d she said. \u201cThey left early. \u201cThen it rained,\u201d she said."
    assert normalise(curly) == normalise(flat)
    text = "\u201cThey left early.\n\u201cThen it rained,\u201d she said."  # the paragraph code reads on
    assert normalise(text) == "\"They left early.\n\"Then it rained,\" she said."
    typo = "He called it \u201cfair\u201c and \u201cfinal.\u201d"  # a closing mark typed the wrong way
    assert normalise(typo) == "He called it \"fair\" and \"final.\""


def test_two_apostrophes_before_a_word_open_a_quotation_in_backquoted_copy() -> None:
    text = "``We won,'' he said. His rival said ''we lost. ``Not again,'' she said."
    assert normalise(text) == "\"We won,\" he said. His rival said \"we lost.\" \"Not again,\" she said."


def test_a_curly_quote_inside_a_straight_quotation_becomes_single() -> None:
    """'"The law isn't about “justice” anymore."': the inner pair must not close the outer quotation."""
    text = 'Lund said:\n"The office is not about “fair play” any more.\n"The latest case is the “Gate Bill,” she added.'
    assert normalise(text) == ("Lund said:\n\"The office is not about 'fair play' any more.\n"
                               "\"The latest case is the 'Gate Bill,' she added.")


@pytest.mark.parametrize("text", [
    '“We will build it," she said. "It is not hard.”',  # marks typed two ways at one level: a slip
    'He called it “a disgrace." "We will see," Lund said.',  # an odd straight mark in mid-line
    '"“We won,” Lund said after the vote."',  # a whole paragraph wrapped around a curly quote
])
def test_mixed_marks_at_one_level_stay_double(text: str) -> None:
    """Only a curly pair with words before it, inside a straight span, is an inner quote."""
    assert normalise(text).count('"') == sum(text.count(mark) for mark in '"“”')
