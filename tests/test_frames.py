"""Token rules for reporting frames: signatures, colon names, long appositives, asides."""

from __future__ import annotations

import pytest

from briefing.attribution.facts import name_facts
from briefing.attribution.frames import (
    colon_name,
    is_heading,
    long_appositive,
    name_before_colon,
    signature,
    turn_label,
    without_asides,
)
from briefing.speakers import Speakers
from briefing.speech import Token, tokenize

NAMES = Speakers([])


def _quoted(before: str, after: str) -> tuple[list[Token], int]:
    toks = tokenize(before) + [Token('""', 0)] + tokenize(after)
    return toks, len(tokenize(before))


def test_asides_without_quotations_are_left_out() -> None:
    toks = without_asides(tokenize("Rep. Anna Holm (D-Md.) said"))
    assert [t.text for t in toks] == ["Rep.", "Anna", "Holm", "said"]
    kept = [Token("("), Token('""', 0), Token(")")]
    assert without_asides(kept) == kept  # an aside holding a quotation stays


def test_signature_is_one_name_after_a_dash() -> None:
    text = '"We will see." ― Nora Vance.\n"Next."'
    close = text.index('"', 1) + 1
    facts = name_facts(NAMES, text)
    assert signature(text, close, NAMES, facts) == "Nora Vance"
    other = '"We will see." — and nothing came of it.'
    assert signature(other, other.index('"', 1) + 1, NAMES, name_facts(NAMES, other)) is None


def test_signature_may_carry_a_short_role_but_no_second_name() -> None:
    def signed(text: str) -> str | None:
        return signature(text, text.index('"', 1) + 1, NAMES, name_facts(NAMES, text))

    assert signed('"The nets came up empty." ― Petr Novak, deckhand\n') == "Petr Novak"
    assert signed('"The nets came up empty." ― Petr Novak, who spoke to Lena Ortiz\n') is None
    assert signed('"Empty." ― Petr Novak, a deckhand on a boat that has fished these cold grey waters\n') is None


def test_colon_name_is_the_whole_clause_before_the_colon() -> None:
    facts = name_facts(NAMES, "")
    toks, q = _quoted("Polls agree - Dara Shaw:", "")
    assert colon_name(toks, q, NAMES, facts) == "Dara Shaw"
    toks, q = _quoted("The result does not surprise Dara Shaw:", "")
    assert colon_name(toks, q, NAMES, facts) is None  # an object, not the clause


def test_long_appositive_reaches_its_verb() -> None:
    facts = name_facts(NAMES, "")
    toks, q = _quoted("", ", Tom Lund, director of the port at Halden and a former docker, told the paper.")
    assert long_appositive(toks, q, True, NAMES, facts) == "Tom Lund"
    toks, q = _quoted("", ", Tom Lund, the mayor, is going, said Holm.")
    assert long_appositive(toks, q, True, NAMES, facts) is None


def test_headings_shout() -> None:
    assert is_heading("PORT POLLS NOT WRONG, JUST EARLY")
    assert not is_heading("The NRA and the FBI disagree")


def test_signature_on_the_line_after_a_quote_paragraph() -> None:
    text = 'The fact check.\n\n"We never raised the fee."\n\n- Nora Vance, docker.\n\nIt was raised twice.'
    close = text.index('."') + 2
    facts = name_facts(NAMES, text)
    assert signature(text, close, NAMES, facts, alone=True) == "Nora Vance"
    assert signature(text, close, NAMES, facts) is None  # a quote inside prose is not signed on the next line
    prose = 'The fact check.\n\n"We never raised the fee."\n\n- the union, in a leaflet handed out on Monday.'
    assert signature(prose, close, NAMES, name_facts(NAMES, prose), alone=True) is None


def test_a_name_ends_a_colon_line() -> None:
    facts = name_facts(NAMES, "Nora Vance spoke.")
    assert name_before_colon(tokenize("Stated Vance"), NAMES, facts) == "Nora Vance"
    assert name_before_colon(tokenize("Dr. Vance stated"), NAMES, facts) is None  # the clause's verb ends it


@pytest.mark.parametrize("quoted, found", [
    ("QUIST: Well, look, it is serious.", "QUIST"),
    ("Q: Will she be there?", "Q"),
    ("MARA QUIST: We will win.", "MARA QUIST"),
    ("Quist: 'We will win.' Lund: 'We will see.'", None),  # a post quoting two people
    ("We will win: that is all.", None),
    ("QUIST:no space", None),
])
def test_turn_labels(quoted: str, found: str | None) -> None:
    assert turn_label(quoted) == found
