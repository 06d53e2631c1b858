"""Outlets read from a headline's suffix or a byline, and what is not an outlet."""

from __future__ import annotations

import pytest

from briefing.outlets import byline_outlet, title_suffix


@pytest.mark.parametrize("title, outlet", [
    ("Harbour pilots vote to strike - Coastline Courier", "Coastline Courier"),
    ("Ferry timetable cut for the winter | Bay Herald", "Bay Herald"),
    ("Harbour pilots vote to strike - Live Updates", ""),  # a section, not an outlet
    ("Strike - Coastline Courier", ""),  # too little headline left
    ("Harbour pilots vote to strike", ""),
])
def test_title_suffix(title: str, outlet: str) -> None:
    assert title_suffix(title) == outlet


@pytest.mark.parametrize("text, outlet", [
    ("By Mara Quint, Coastline Courier\n\nPilots voted on Monday to strike.", "Coastline Courier"),
    ("By Mara Quint, Chief Correspondent\n\nPilots voted on Monday to strike.", ""),  # a role
    ("Pilots voted on Monday to strike.", ""),
])
def test_byline_outlet(text: str, outlet: str) -> None:
    assert byline_outlet(text) == outlet
