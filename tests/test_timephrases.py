"""Time phrases as written and the dates they name, against an article's date."""

from __future__ import annotations

from datetime import date

import pytest

from briefing.timephrases import timing


@pytest.mark.parametrize("text, phrase, due", [
    ("The talks will resume on Thursday.", "on Thursday", date(2026, 2, 19)),
    ("The vote is set for March 18 and 19.", "March 18 and 19", date(2026, 3, 18)),
    ("A summit is planned for 2 April.", "2 April", date(2026, 4, 2)),
    ("Ministers will meet tomorrow.", "tomorrow", date(2026, 2, 19)),
    ("The plan must pass by January 5.", "January 5", date(2027, 1, 5)),  # January is past: next year's
    ("Another round will be held soon.", "soon", None),
    ("Talks could take place later this month.", "later this month", None),
    ("A ruling is expected next Wednesday.", "next Wednesday", date(2026, 2, 25)),  # same weekday: a week on
    ("Nothing is scheduled.", "", None),
    # The day of a statement dates the saying, not the step; "shortly after" ties to another event.
    ("Aid will continue, the envoy said here Monday.", "", None),
    ("The minister told reporters on Tuesday that talks will resume on Friday.", "on Friday",
     date(2026, 2, 20)),
    ("Reforms won support, said the mayor, shortly after her return from Oslo.", "", None),
    # A time the clause looks back from dates no step; a later forward phrase still does.
    ("Most of the closures have come since Sunday, ahead of the council's plans to meet.", "", None),
    ("Fares rose last Friday and will rise again on March 3.", "March 3", date(2026, 3, 3)),
    ("The league has grown since March 2 and plans a rally on Saturday.", "on Saturday", date(2026, 2, 21)),
    # A past verb by the phrase dates what happened; an auxiliary or a future word in between does not.
    ("The regulator on Monday formally ruled the bridge unsafe unless it is repaired.", "", None),
    ("The council approved the budget Monday.", "", None),
    ("Porters handed out leaflets at the station gates on Tuesday.", "", None),
    ("The report will be released Friday.", "Friday", date(2026, 2, 20)),
    ("The vote is scheduled for Friday.", "Friday", date(2026, 2, 20)),
    ("Ministers agreed to meet Friday.", "Friday", date(2026, 2, 20)),
    ("The panel rejected the bill and will meet again Friday.", "Friday", date(2026, 2, 20)),
    ("The board will vote on the revised plan on March 21.", "March 21", date(2026, 3, 21)),
    # A day's possessive names an event, not a time ahead.
    ("Repairs after Monday's flood will take weeks.", "", None),
    ("How long the repairs will take was made clear early Tuesday.", "", None),
    ("The inspectors will be led Friday by the new chief.", "Friday", date(2026, 2, 20)),
    # A past auxiliary makes the participle by the day past ("was stirred up again Tuesday").
    ("The row was stirred up again Tuesday as farmers will march next month.", "next month", None),
])
def test_timing(text: str, phrase: str, due: date | None) -> None:
    found = timing(text, date(2026, 2, 18))  # a Wednesday
    assert (found.phrase, found.due) == (phrase, due)


def test_timing_without_a_reference_keeps_the_phrase() -> None:
    assert timing("The talks will resume on Thursday.", None).phrase == "on Thursday"
    assert timing("The talks will resume on Thursday.", None).due is None
