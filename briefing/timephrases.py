"""Time phrases: when a step is due, as written ("on Thursday", "March 18", "soon") and as a date.

A phrase is resolved against its article's date: "Thursday" in an article of Wednesday
18 February names 19 February; "January 12" after a future verb in a December article names
next January. Vague phrases ("soon", "later this month") keep their words and no date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")
DAY = "|".join(DAYS)
MONTH = "|".join(MONTHS)

# Time phrases a step may state, most specific first: a month and day, a weekday, then vaguer ones.
MONTH_DAY = re.compile(rf"\b({MONTH}|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?"
                        r"(?:\s*(?:and|-|–|to)\s*\d{1,2})?(?:,?\s+(\d{4}))?\b")
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTH})(?:,?\s+(\d{{4}}))?\b")
# A weekday with a possessive ("Tuesday's earthquake") names an event by its day, not a time ahead.
WEEKDAY_AHEAD = rf"(?:{DAY})\b(?!'s\b)"
_WEEKDAY = re.compile(rf"\b(?:(?:on|by|until|before|from|this|next)\s+)?({WEEKDAY_AHEAD})")
_TOMORROW = re.compile(r"\btomorrow\b")
_VAGUE = re.compile(r"\b(?:soon|shortly|in\s+the\s+coming\s+(?:days|weeks|months)|within\s+(?:days|weeks|months|"
                    r"a\s+week|a\s+month)|(?:later\s+)?(?:this|next)\s+(?:week|month|year|spring|summer|autumn|"
                    r"fall|winter)|later\s+(?:this|next)\s+(?:week|month|year)|by\s+the\s+end\s+of\s+(?:the\s+)?"
                    rf"(?:week|month|year|{MONTH})|(?:in|by|before)\s+(?:{MONTH}|\d{{4}}))\b")
# A time phrase right after a verb of saying dates the statement, not the step ("..., Ochirbat said
# here Monday", "the minister told reporters on Tuesday"); news copy puts it there every time.
_SAID_BEFORE = re.compile(r"\b(?:said|says|told\s+\w+(?:\s+\w+)?|announced|"
                          r"added|stated|declared|reported|confirmed|noted|wrote|testified)"
                          r"(?:\s+(?:here|there|today|late|early|in\s+a\s+statement|in\s+an\s+interview))*\s*,?\s*$")
# "arrests since Sunday", "talks last Friday", "the 1998 vote ... since March": a time the clause
# looks back from, which dates no step however forward the rest of the sentence looks.
_PAST_BEFORE = re.compile(r"\b(?:since|last|past|previous|earlier)\s+$")
# "the court ruled Wednesday", "authorities on Wednesday formally ruled": a past verb next to the phrase
# dates what happened; a participle after an auxiliary ("will be released Friday") or of scheduling
# ("scheduled for Friday") does not.
_PAST = (r"(?:[a-z]+ed|met|held|began|took|won|lost|fell|rose|sent|gave|came|went|left|told|struck|"
         r"voted|rejected|approved|made|found|saw|became|brought|built|caught|chose|drew|fought|grew|kept|knew|"
         r"led|paid|sold|shot|spoke|stood|threw|wrote|broke|spent|sought|taught|froze|stole|swore)")
_NOT_PAST = frozenset("scheduled expected planned slated set due proposed needed required "
                      "is are be been being was were will would to has have had get got".split())
# "the revised plan", "a delayed vote": a participle after a determiner is an adjective, no past verb.
_DETERMINERS = frozenset("the a an its their his her our this that these those each every no any some".split())
# The word before a past verb that makes it no past: an auxiliary or a determiner. A past auxiliary
# ("was kicked up again Tuesday", "had voted Monday") makes the participle past too.
_NOT_PAST_BEFORE = (_NOT_PAST - {"was", "were", "had"}) | _DETERMINERS
# "approved the plan Monday": the verb may stand a few words before, unless a future word comes between
# ("agreed to meet Friday", "said talks will resume Friday").
_PAST_VERB_BEFORE = re.compile(rf"(?:^|\b([a-z]+)\s+)({_PAST})\s+(?:(?!(?:will|would|shall|could|can|may|might|"
                               r"to|until|by|before|next|and|but|or)\b)[\w'-]+,?\s+){0,6}$")
_PAST_VERB_AFTER = re.compile(rf"\s+(?:[a-z]+ly\s+)?({_PAST})\b")
# "shortly after his return", "soon after the vote": a vague word tied to another event, not a due time.
_RELATIVE_AFTER = re.compile(r"\s+(?:after|before|afterwards?)\b")
_MONTH_NUMBER = {m[:3]: i for i, m in enumerate(MONTHS, start=1)}
# A date this many days before the article's date still names this year's day (a late report of
# an event); further back, "March 18" in an article of December means next year's.
STALE_DAYS = 0
# Characters before a phrase read for a backward-looking word ("since", "last"): one word and its space.
PAST_WINDOW = 12
# Characters before a phrase read for a past verb: an auxiliary, the verb and up to six words.
PAST_VERB_WINDOW = 64


@dataclass(frozen=True, slots=True)
class Timing:
    """A step's time phrase as written and the date it names (None when it names none)."""

    phrase: str = ""
    due: date | None = None


def normal(text: str) -> str:
    """Lower case with straight quotes, for the cue patterns."""
    return straight(text.lower())


def straight(text: str) -> str:
    """The text with straight quotes and apostrophes."""
    return text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')


def upcoming(text: str, reference: date, roll: bool = False) -> bool:
    """True when the text names a calendar date after the reference date (same year as written unless rolled)."""
    found = calendar_date(normal(text), reference, roll=roll)
    return found is not None and found > reference


def calendar_date(text: str, reference: date, roll: bool = True) -> date | None:
    """The first month-and-day date of the (lower-case) text; rolled into next year when past."""
    match = MONTH_DAY.search(text)
    if match:
        month, day, year = _MONTH_NUMBER[match.group(1)[:3]], int(match.group(2)), match.group(3)
    elif (match := _DAY_MONTH.search(text)) is not None:
        month, day, year = _MONTH_NUMBER[match.group(2)[:3]], int(match.group(1)), match.group(3)
    else:
        return None
    try:
        found = date(int(year) if year else reference.year, month, day)
    except ValueError:
        return None
    if roll and not year and found < reference - timedelta(days=STALE_DAYS):
        found = found.replace(year=found.year + 1)
    return found


def timing(text: str, reference: date | None) -> Timing:
    """The step's time phrase and, with a reference date, the date it names (a statement's own date left out)."""
    low = normal(text)
    for pattern in (MONTH_DAY, _DAY_MONTH):
        if (match := _due(pattern, low)) is not None:
            due = calendar_date(low[match.start():], reference) if reference else None
            return Timing(text[match.start():match.end()], due)
    if (match := _due(_WEEKDAY, low)) is not None:
        due = None
        if reference is not None:
            ahead = (DAYS.index(match.group(1)) - reference.weekday() - 1) % 7 + 1
            due = reference + timedelta(days=ahead)
        return Timing(text[match.start():match.end()], due)
    if (match := _due(_TOMORROW, low)) is not None:
        return Timing(text[match.start():match.end()], reference + timedelta(days=1) if reference else None)
    if (match := _due(_VAGUE, low)) is not None:
        return Timing(text[match.start():match.end()])
    return Timing()


def _past_verb_by(low: str, match: re.Match[str]) -> bool:
    """True when a past-tense verb stands next to the time phrase: the day it names has been."""
    after = _PAST_VERB_AFTER.match(low, match.end())
    if after and after.group(1) not in _NOT_PAST:
        return True
    before = _PAST_VERB_BEFORE.search(low, max(0, match.start() - PAST_VERB_WINDOW), match.start())
    return bool(before and before.group(2) not in _NOT_PAST and (before.group(1) or "") not in _NOT_PAST_BEFORE)


def _due(pattern: re.Pattern[str], low: str) -> re.Match[str] | None:
    """The pattern's first match that can date a step: not a statement's date, "shortly after" or "since"."""
    for match in pattern.finditer(low):
        if _SAID_BEFORE.search(low, 0, match.start()) or _RELATIVE_AFTER.match(low, match.end()):
            continue
        if not _PAST_BEFORE.search(low, max(0, match.start() - PAST_WINDOW), match.start()) and not _past_verb_by(
                low, match):
            return match
    return None
