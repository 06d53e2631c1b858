"""Counts as the run's lines write them."""

from __future__ import annotations

from briefing.wording import counted


def test_one_and_many() -> None:
    assert counted(1, "article") == "1 article"
    assert counted(0, "article") == "0 articles"
    assert counted(2, "story", "stories") == "2 stories"
    assert counted(1, "failed source") == "1 failed source"
