"""Key quotes: at most two per speaker while others remain, one per party quoted widely, no fragments."""

from __future__ import annotations

from briefing.keyquotes import mark_key
from briefing.models import Quote


def quote(text: str, speaker: str | None, sources: tuple[str, ...], score: float) -> Quote:
    """A merged quotation as extract_quotes ranks it."""
    return Quote(text, speaker, sources, score=score)


def test_two_per_speaker_while_other_speakers_remain_and_one_per_widely_quoted_party() -> None:
    quotes = [
        quote("We will not sign a deal that gives away the harbour", "Ines Varga", ("a",), 3.0),
        quote("The harbour stays ours whatever the council decides", "Ines Varga", ("b",), 2.9),
        quote("Nobody here has asked us what the pilots want", "Ines Varga", ("a",), 2.8),
        quote("The offer on the table is fair and it is final", "Tomas Reyl", ("a", "b"), 1.0),
        quote("yes", "Tomas Reyl", ("a", "b", "c"), 5.0),  # a fragment is never key
    ]
    marked = mark_key(quotes, key=3, min_words=4, parties={"Ines Varga": "union", "Tomas Reyl": "port"})
    assert [q.text for q in marked if q.key] == [quotes[0].text, quotes[1].text, quotes[3].text]
