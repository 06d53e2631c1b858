"""Whose turn a quotation is when its own sentence names no speaker: whether it goes on the quote before.

A quote with no frame of its own continues the speaker of the quote just before it, unless the text
between hands the turn to someone else: a sentence naming another person, more than a sentence of
narration, or the speaker's own sentence going on to another subject. A quote that opens its sentence
and that a few words only finish ('"... to blame thousands of" clerks.') counts as frameless too.
"""

from __future__ import annotations

from briefing.attribution.view import Mark, View
from briefing.models import Sentence
from briefing.speakers import Speakers
from briefing.speech import PRONOUNS, SPEECH

# Most whole sentences between a speaker's quote and an unattributed one that continues it ('"...," Lund
# said. He paused. "..."'); past that, in text without paragraph breaks, the quote is anyone's.
MAX_SENTENCES_BETWEEN = 1
# Most words after a quote that opens its sentence and only finishes the quoted phrase ('"... to blame
# thousands of" workers.'): more may be a clause of its own.
TAIL_WORDS = 8


def finishes_phrase(view: View, mark: Mark, lo: int, hi: int) -> bool:
    """The quote opens its sentence and what follows only finishes its phrase ('"... to blame" workers.'):
    a few lower-case words, none a reporting verb, a pronoun, another quotation or a subject of a clause
    ('"..." a voice-over states.')."""
    if mark.set_off or view.article.text[lo:mark.outer.start].strip():
        return False  # '"...," a voice-over states.': a comma or dash sets the quote off from its frame
    tail = view.span(mark.outer.stop, hi).tokens
    words = [t for t in tail if t.word]
    if not (0 < len(words) <= TAIL_WORDS and all(t.quote < 0 for t in tail)
            and not any(t.capital or t.low in SPEECH or t.low in PRONOUNS for t in words)):
        return False
    doc = view.parsed(lo, hi)
    after = mark.outer.stop - lo
    return doc is not None and not any(t.idx >= after and t.dep_ in ("nsubj", "nsubjpass") for t in doc)


def someone_between(view: View, names: Speakers, prev: Mark, speaker: str, mark: Mark) -> bool:
    """Whole sentences between the two quotes, more than one or one that names another person as a subject
    ('"...," Lund said. If anything, Vance argued, ... "..."'): the second quote is no longer Lund's turn
    (in text without paragraph breaks above all, where a paragraph runs the whole article)."""
    inside = (s for p in range(prev.paragraph, mark.paragraph + 1) for s in view.in_paragraph(p))
    between = [s for s in inside if s.start >= prev.outer.stop and _end(s) <= mark.outer.start]
    if len(between) > MAX_SENTENCES_BETWEEN:
        return True
    return any(m.subject_like and m.name != speaker for s in between
               for m in names.mentions(view.span(s.start, _end(s)).tokens, view.facts))


def turn_passed(view: View, names: Speakers, prev: Mark, speaker: str) -> bool:
    """The speaker's own sentence goes on to someone else ('"...," Ebeling said, and her husband cut in.'):
    the subject of its last verb is another person or a description, so the next quote is not the speaker's."""
    sentence = next((s for s in view.in_paragraph(prev.paragraph) if s.start <= prev.start < _end(s)), None)
    if sentence is None or _end(sentence) <= prev.outer.stop:
        return False
    rest = view.span(prev.outer.stop, _end(sentence)).tokens
    if not any(t.low in ("and", "but", "then", ";") for t in rest):
        return False  # '"...," Lund said on Monday.': the sentence is the speaker's frame and no more
    about = view.introducer(sentence)
    if not about.found or about.pronoun or about.at < prev.outer.stop - sentence.start:
        return False
    other = names.canonical_name(about.name, view.facts, not about.proper) if about.name else None
    return other != speaker


def _end(sentence: Sentence) -> int:
    """Where the sentence ends in its article's text."""
    return sentence.start + len(sentence.text)
