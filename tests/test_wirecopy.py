"""Wire-desk furniture is cut from running text, and the prose around it is kept word for word."""

from briefing.clean import clean_text
from briefing.wirecopy import strip_wire_furniture


def test_story_slug_and_place_are_cut():
    line = "HARBOR-STRIKE (Portville) _ Dock workers walk out over the new rota. The port stays shut."
    assert strip_wire_furniture(line) == "Dock workers walk out over the new rota. The port stays shut."


def test_slug_after_a_sentence_is_cut():
    line = "The mayor resigns. BRIDGE-VOTE (Undated) _ Council members approve the toll plan."
    assert strip_wire_furniture(line) == "The mayor resigns. Council members approve the toll plan."


def test_glued_byline_in_capitals_is_cut():
    line = "The ferry will sail again in May. By ANNA LUND. The ferry line said the engines were fixed."
    kept = "The ferry will sail again in May. The ferry line said the engines were fixed."
    assert strip_wire_furniture(line) == kept


def test_by_with_one_capitalised_word_is_prose():
    line = "By NATO standards the drill was small."
    assert strip_wire_furniture(line) == line


def test_title_case_credit_in_brackets_is_cut():
    line = "The orchard sold out by noon. (Distributed by Valley Press Features) Buyers came from far away."
    assert strip_wire_furniture(line) == "The orchard sold out by noon. Buyers came from far away."


def test_bracketed_aside_of_prose_is_kept():
    line = "The alliance (NATO) met. (The talks ran late into the night.) Nobody spoke."
    assert strip_wire_furniture(line) == line


def test_rule_of_underscores_is_cut():
    line = "The museum reopens on Sunday. __________ The next item is about the zoo."
    assert strip_wire_furniture(line) == "The museum reopens on Sunday. The next item is about the zoo."


def test_bullet_after_a_sentence_is_cut():
    line = "The plan has three parts. _ The town hires two nurses. _ The clinic opens at night."
    kept = "The plan has three parts. The town hires two nurses. The clinic opens at night."
    assert strip_wire_furniture(line) == kept


def test_dateline_dash_after_a_place_abbreviation_stays():
    line = "Storms Hit Coast PINE BAY, Fla. _ The storm reached the shore at dawn."
    assert strip_wire_furniture(line) == line


def test_underscore_dash_inside_a_sentence_stays():
    line = "Three towns _ Elm, Oak and Ash _ voted for the plan."
    assert strip_wire_furniture(line) == line


def test_clean_text_drops_a_slug_from_a_budget_line():
    text = ("Prices rose again in the spring market of the small valley town.\n\n"
            "MARKET-PRICES (Elmtown) _ Traders say the rise in feed costs will reach shoppers. By JOHN DOE.")
    assert clean_text(text).split("\n")[1] == "Traders say the rise in feed costs will reach shoppers."


def test_an_underscore_glued_to_a_word_is_no_bullet() -> None:
    """'. _A:B' (found by hypothesis): only '_ ' with its space is a bullet; cleaning never edits a word."""
    out = clean_text("Jobs went. _Alpha fund grew. _ The plan failed.", "")
    assert "_Alpha" in out and "_ The" not in out
