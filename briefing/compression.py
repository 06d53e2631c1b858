"""Shorter readings of a sentence, cut verbatim at clause boundaries (sentence compression by deletion).

A summary of 100 words spends a tenth of them on who said a fact and when: ", officials said
Tuesday.", "On Monday, ...", ", according to ...".  ICSISumm (Gillick et al. 2009) and
Berg-Kirkpatrick, Gillick & Klein 2011 ("Jointly learning to extract and compress", ACL) let the
summarizer choose between a sentence and such trimmed forms of it.  The trims here are read from
English news syntax with punctuation and a few word lists, not a parse:

- a leading connective or time phrase ("However,", "On Monday,", "In a statement Tuesday,") before
  a subject written with a capital letter;
- a trailing attribution after a comma that says where a fact was made known (", the agency
  reported Tuesday.", ", according to police figures.") or an institution's statement (", officials
  said."), when the rest holds no quotation (a quote keeps its speaker); a person's or a party's
  claim ("..., his lawyer said.") keeps its claimant, or the trim would state it as fact;
- a trailing participial clause of saying (", adding that ...", ", saying ...", ", citing ...");
- a trailing non-restrictive relative clause (", which ...", ", who ...").

Every trim is a contiguous piece of the sentence, begins with a capital letter and ends where the
sentence ended or at a comma, which becomes the sentence's period.  Commas inside quotation marks
or brackets are never cut at.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# Openers of a leading phrase that may go: connectives and time or occasion prepositions.
LEAD_OPENERS = frozenset("however meanwhile still also earlier later separately nevertheless nonetheless "
                         "moreover furthermore instead besides indeed in on at during by last this late early "
                         "yesterday today tonight".split())
# A leading phrase of a preposition must say when ("On Monday", "In a statement Tuesday", "Last week").
TIME_WORDS = frozenset("monday tuesday wednesday thursday friday saturday sunday january february march april "
                       "may june july august september october november december jan feb mar apr jun jul aug "
                       "sep sept oct nov dec today yesterday tonight week weekend month year morning afternoon "
                       "evening night day weeks months years days decade statement interview".split())
CONNECTIVES = frozenset("however meanwhile still also earlier later separately nevertheless nonetheless "
                        "moreover furthermore instead besides indeed".split())
# Characters enough to hold a sentence's first word (reading the rest to find it is wasted).
OPENER_CHARS = 24
# Longest leading phrase cut, in words: longer ones carry facts of their own.
LEAD_MAX_WORDS = 6
# Verbs of an attribution that say where a fact was made known ("the agency reported", "the
# company announced"): the fact stands without them.
FACT_VERBS = frozenset("reported reports announced announces confirmed confirms disclosed".split())
# Verbs of an attribution that say who claims it: it goes only when the claimant is an institution
# or its officials ("police said"), never a person or party whose claim it is ("his lawyer said",
# "he said"), which the trim would state as fact.
CLAIM_VERBS = frozenset("said says told added stated noted explained".split())
SPEECH_VERBS = FACT_VERBS | CLAIM_VERBS
# Sources whose statements news reports as facts: institutions, their officials, records.
INSTITUTIONS = frozenset("officials official authorities authority police ministry government agency department office "
                         "spokesman spokeswoman spokesperson military army navy embassy council commission "
                         "committee administration newspaper newspapers radio television media report figures "
                         "statistics data census records bureau service court prosecutors".split())
# Longest subject of a trailing attribution, and longest phrase after its verb ("said here Tuesday").
ATTRIBUTION_SUBJECT_WORDS = 10
ATTRIBUTION_AFTER_WORDS = 8
# Participles of saying that open a trailing clause of comment (", adding that ...").
PARTICIPLES = frozenset("adding saying citing noting stressing arguing warning explaining insisting claiming "
                        "vowing urging quoting referring describing".split())
RELATIVES = frozenset("which who whose whom where".split())
# Openers after which a comma-free rest is no clause of its own ("If approved, ..." stays whole).
SUBORDINATORS = frozenset("if when while although though because since unless whether as after before until "
                          "asked what how why once".split())
# Words a whole clause does not end with.
OPEN_ENDINGS = frozenset("and or but nor the a an of to for with by from in on at as than that".split())
# Shortest rest kept, in words: a trim shorter than this is a fragment.
MIN_TRIM_WORDS = 6

_QUOTES = re.compile(r'["“”«»„]')
_MARKS = re.compile(r'[,"“”«»„()\[\]{}]')
_OPEN_BRACKETS, _CLOSE_BRACKETS = "([{", ")]}"
_WORD = re.compile(r"\w(?:[\w.'’-]*\w)?")


@dataclass(frozen=True, slots=True)
class Trim:
    """A shorter reading of a sentence: ``sentence[start:stop]``, with a period when it stops at a comma."""

    start: int
    stop: int
    text: str


def trims(sentence: str) -> list[Trim]:
    """Every shorter reading of the sentence: a leading phrase cut, a trailing clause cut, or both."""
    text = sentence.rstrip()
    if "," not in text:
        return []
    commas = top_level_commas(text)
    starts = [0, *lead_cuts(text, commas)]
    stops = [len(text), *tail_cuts(text, commas)]
    found: list[Trim] = []
    for start in starts:
        for stop in stops:
            if (start, stop) == (0, len(text)) or len(text[start:stop].split()) < MIN_TRIM_WORDS:
                continue
            body = text[start:stop]
            found.append(Trim(start, stop, body if stop == len(text) or body.endswith(".") else body + "."))
    return found


def top_level_commas(text: str) -> list[int]:
    """Offsets of the commas outside quotation marks and brackets."""
    commas: list[int] = []
    depth, quoted = 0, False
    for mark in _MARKS.finditer(text):
        char = mark.group()
        if char == ",":
            if not depth and not quoted:
                commas.append(mark.start())
        elif char in _OPEN_BRACKETS:
            depth += 1
        elif char in _CLOSE_BRACKETS:
            depth = max(0, depth - 1)
        else:
            quoted = not quoted if char == '"' else char in "“«„"
    return commas


def _words(text: str) -> list[str]:
    """Lower-cased words of a span ("u.s", "officials", "week's"), punctuation around them left out."""
    return _WORD.findall(text.lower())


def lead_cuts(text: str, commas: Sequence[int]) -> list[int]:
    """Where the sentence may start instead: after a leading connective or time phrase and its comma."""
    if not commas or not LEAD_OPENERS.issuperset(_words(text[:OPENER_CHARS])[:1]):
        return []
    head, rest = text[:commas[0]], text[commas[0] + 1:]
    start = commas[0] + 1 + (len(rest) - len(rest.lstrip()))
    head_words = _words(head)
    if not head_words or len(head_words) > LEAD_MAX_WORDS or head_words[0] not in LEAD_OPENERS:
        return []
    if head_words[0] not in CONNECTIVES and not TIME_WORDS & set(head_words) \
            and not any(w.isdigit() for w in head_words):
        return []
    first = rest.split()[:1]
    if not first or not first[0][:1].isupper() or _QUOTES.search(head) or _words(first[0])[:1] == []:
        return []
    if _words(first[0])[0] in TIME_WORDS:  # "In March, April and May, ...": a list, not a subject
        return []
    return [start]


def tail_cuts(text: str, commas: Sequence[int]) -> list[int]:
    """Where the sentence may end instead: at a comma before a trailing clause that can go.

    The words after the comma must be an attribution, a clause of saying or a relative clause,
    followed up to the end only by appositions or more of these ("which ..., hit the city" is
    embedded, not trailing).
    """
    if text[-1:] not in ".!" or not commas:
        return []
    segments = [text[a + 1:b] for a, b in zip(commas, [*commas[1:], len(text)], strict=True)]
    goes = [False] * len(segments)
    for k in range(len(segments) - 1, -1, -1):
        follows = k + 1 == len(segments) or goes[k + 1] or _words(segments[k + 1])[:1] in (["a"], ["an"], ["the"])
        goes[k] = follows and removable(segments[k])
    return [c for c, ok, tail in zip(commas, goes, segments, strict=True) if ok and whole_clause(text[:c], tail)]


def removable(segment: str) -> bool:
    """True when the words between two commas open an attribution, a clause of saying or a relative clause."""
    head_words = _words(segment)
    if not head_words:
        return False
    first = head_words[0]
    according = head_words[:2] == ["according", "to"] and bool(INSTITUTIONS & set(head_words))
    return first in RELATIVES or first in PARTICIPLES or according or is_attribution(segment)


def is_attribution(tail: str) -> bool:
    """True for ``X said (when/where).`` or ``said X.`` up to the sentence end, X a short noun phrase."""
    tail_words = _words(tail)
    verbs = [k for k, w in enumerate(tail_words) if w in SPEECH_VERBS]
    if len(verbs) != 1 or "that" in tail_words or _QUOTES.search(tail):
        return False
    verb = verbs[0]
    subject = tail_words[1:] if verb == 0 else tail_words[:verb]
    if tail_words[verb] in CLAIM_VERBS and not INSTITUTIONS & set(subject):
        return False
    if verb == 0:
        return 1 <= len(subject) <= ATTRIBUTION_SUBJECT_WORDS
    return verb <= ATTRIBUTION_SUBJECT_WORDS and len(tail_words) - verb - 1 <= ATTRIBUTION_AFTER_WORDS


def whole_clause(main: str, tail: str) -> bool:
    """True when the words before a cut read as a sentence of their own (and keep any quote's speaker)."""
    main_words = _words(main)
    if len(main_words) < MIN_TRIM_WORDS or main_words[-1] in OPEN_ENDINGS:
        return False
    if main.count("(") != main.count(")") or len(_QUOTES.findall(main)) % 2:
        return False
    if _QUOTES.search(main) and _words(tail)[0] not in RELATIVES:
        return False  # the quotation's speaker is in the tail
    return not (main_words[0] in SUBORDINATORS and "," not in main)


def origin(text: str, sentences: Sequence[str]) -> int | None:
    """Position of the sentence a summary line shows: the same text, else the one it is a trim of."""
    body = text.removesuffix(".")
    exact = next((k for k, s in enumerate(sentences) if s == text), None)
    if exact is not None:
        return exact  # a piece found inside a longer sentence is its trim only when a trim reads so
    return next((k for k, s in enumerate(sentences) if body in s and any(t.text == text for t in trims(s))), None)
