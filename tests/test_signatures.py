"""Signed quotations: the name after a dash, and a quote split by a quoted word that runs to a signed one."""

from __future__ import annotations

import pytest
from views import NAMES, view_of

from briefing.attribution.signatures import dashed


@pytest.mark.parametrize("text, speaker", [
    ('"The port stays open for every ship that needs it." ― Carla Moreau', "Carla Moreau"),
    ('"We will keep the night trains running." — Ines Dahl, mayor', "Ines Dahl"),
    ('"The port stays open for every ship," Carla Moreau said on Monday.', None),  # a reporting clause, no dash
])
def test_a_dash_and_one_name_sign_the_quote(text: str, speaker: str | None) -> None:
    """The one name after a dash signs the quote; no dash, no signature."""
    said = dashed(view_of(text), NAMES, view_of(text).marks[0])
    assert (said.speaker if said else None) == speaker


def test_a_quote_split_by_a_quoted_word_runs_to_its_signature() -> None:
    """'"... what he calls "chaos" in the port ..." ― Name': both parts are the signer's."""
    view = view_of('"The minister ignores what he calls "chaos" in the port and the docks." ― Ana Ruiz')
    outer = max(view.marks, key=lambda m: m.end - m.start)
    said = dashed(view, NAMES, outer)
    assert said is not None and said.speaker == "Ana Ruiz"
