"""Trimmed readings of a sentence: verbatim pieces cut at clause boundaries, never a claimant dropped."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.compression import origin, tail_cuts, top_level_commas, trims


def texts(sentence: str) -> list[str]:
    return [t.text for t in trims(sentence)]


def test_an_institution_s_attribution_and_a_time_phrase_go() -> None:
    sentence = "On Monday, Harbour Board engineers closed the old swing bridge to all traffic, city officials said."
    assert texts(sentence) == [
        "On Monday, Harbour Board engineers closed the old swing bridge to all traffic.",
        "Harbour Board engineers closed the old swing bridge to all traffic, city officials said.",
        "Harbour Board engineers closed the old swing bridge to all traffic.",
    ]


def test_a_fact_made_known_loses_where_it_was_reported() -> None:
    sentence = "The ferry line will double its crossings during the bridge works, the port agency reported Tuesday."
    assert texts(sentence) == ["The ferry line will double its crossings during the bridge works."]


def test_a_person_s_claim_keeps_its_claimant() -> None:
    assert texts("The driver ran the red light long before the crash happened, the victim's lawyer said.") == []
    assert texts("The bridge was never safe for heavy lorries after the flood, he said on Friday.") == []


def test_a_quotation_keeps_its_speaker() -> None:
    assert texts('"The bridge will be open again by spring," the harbour police said on Monday.') == []


def test_a_clause_of_saying_and_a_final_relative_clause_go() -> None:
    saying = "The council voted to rebuild the harbour bridge by next winter, saying the repairs could not wait."
    assert texts(saying) == ["The council voted to rebuild the harbour bridge by next winter."]
    relative = "The work goes to Northgate Builders of Dunmore, which rebuilt the river crossing in 2019."
    assert texts(relative) == ["The work goes to Northgate Builders of Dunmore."]


def test_an_embedded_relative_clause_is_no_cut() -> None:
    sentence = "Engineers said that the deck, which rusted for years, must be replaced before the winter storms."
    assert texts(sentence) == []


def test_an_apposition_after_the_attribution_goes_with_it() -> None:
    sentence = "Forty ferries were waiting outside the port of Dunmore, according to the port authority, a state body."
    assert texts(sentence) == ["Forty ferries were waiting outside the port of Dunmore."]


def test_a_leading_phrase_goes_only_before_a_capitalised_subject() -> None:
    assert texts("On Monday, the council closed the old swing bridge to all heavy traffic for good.") == []
    assert texts("In March, April and May, ferries carried twice as many people across the harbour.") == []


def test_an_opening_subordinate_clause_keeps_its_main_clause() -> None:
    assert texts("If the council approves the plan, the bridge will close for two years, officials said.") == [
        "If the council approves the plan, the bridge will close for two years."]
    asked = "Asked about the cost of the bridge repairs, officials said."
    assert tail_cuts(asked, top_level_commas(asked)) == []


def test_commas_inside_quotation_marks_and_brackets_are_not_boundaries() -> None:
    sentence = 'The mayor (elected, narrowly, in May) said "yes, at once," to the plan, officials said.'
    assert [sentence[c + 1:c + 11] for c in top_level_commas(sentence)] == [" officials"]


WORDS = st.sampled_from("the council bridge harbour said officials which who adding saying according to on "
                        "Monday In However Dunmore closed rebuilt ferries port police reported a of".split())
PIECES = st.lists(st.lists(WORDS, min_size=1, max_size=8).map(" ".join), min_size=1, max_size=5)


@settings(max_examples=300, deadline=None)
@given(PIECES, st.sampled_from([".", "!", ""]))
def test_every_trim_is_a_verbatim_piece_opening_with_a_capital(pieces: list[str], end: str) -> None:
    sentence = (", ".join(pieces) + end)
    sentence = sentence[:1].upper() + sentence[1:]
    for trim in trims(sentence):
        body = trim.text.removesuffix(".") if trim.stop < len(sentence.rstrip()) else trim.text
        assert sentence[trim.start:trim.stop] == body
        assert trim.text[:1].isupper() and len(trim.text) < len(sentence)
        assert trim.stop == len(sentence.rstrip()) or sentence[trim.stop] == ","


def test_origin_is_the_sentence_a_line_is_or_is_a_trim_of() -> None:
    sentences = ["Ferries ran late.", "The council approved the budget on Monday, officials said."]
    assert origin("Ferries ran late.", sentences) == 0
    assert origin("The council approved the budget on Monday.", sentences) == 1
    assert origin("The council approved the budget.", sentences) is None  # a piece no trim reads
