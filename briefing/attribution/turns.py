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
from briefing.speech import PRONOUNS, SPEECH, SPEECH_LEMMAS

# Most whole sentences between a speaker's quote and an unattributed one that continues it ('"...," Lund
# said. He paused. "..."'); past that, in text without paragraph breaks, the quote is anyone's.
MAX_SENTENCES_BETWEEN = 1
# Most words after a quote that opens its sentence and only finishes the quoted phrase ('"... to blame
# thousands of" workers.'): more may be a clause of its own.
TAIL_WORDS = 8
# Words opening a noun phrase: after a quote, the subject of its frame ('"...," the email read.').
DETERMINERS = frozenset("a an the this that these those his her its their my our your some one each".split())
# A person's name this far into a sentence opens it as its subject ("Then Senator X ...").
SUBJECT_START = 2


def finishes_phrase(view: View, mark: Mark, lo: int, hi: int) -> bool:
    """The quote opens its sentence and what follows only finishes its phrase ('"... to blame" workers.'):
    a few lower-case words, none a reporting verb, a pronoun, another quotation or a subject of a clause
    ('"..." a voice-over states.')."""
    if view.article.text[lo:mark.outer.start].strip():
        return False
    tail = view.span(mark.outer.stop, hi).tokens
    words = [t for t in tail if t.word]
    if not (0 < len(words) <= TAIL_WORDS and all(t.quote < 0 for t in tail) and words[0].low not in DETERMINERS
            and not any(t.capital or t.low in SPEECH or t.low in PRONOUNS for t in words)):
        return False  # '"...," a voice-over in the ad states.': a noun phrase opening the tail is a subject
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
    return any(_subject_person(view, names, s, speaker) for s in between)


def _subject_person(view: View, names: Speakers, sentence: Sentence, speaker: str) -> bool:
    """The sentence opens with another person, or has another person report ("If anything, Vance argued")."""
    toks = view.span(sentence.start, _end(sentence)).tokens
    return any(m.subject_like and m.name != speaker
               and (m.first <= SUBJECT_START or m.last + 1 < len(toks) and toks[m.last + 1].low in SPEECH)
               for m in names.mentions(toks, view.facts))


def turn_passed(view: View, names: Speakers, prev: Mark, speaker: str) -> bool:
    """The speaker's own sentence goes on to someone else ('"...," Ebeling said, and her husband cut in.'):
    the subject of its last verb is another person or a description, so the next quote is not the speaker's."""
    sentence = next((s for s in view.in_paragraph(prev.paragraph) if s.start <= prev.start < _end(s)), None)
    if sentence is None or _end(sentence) <= prev.outer.stop:
        return False
    rest = view.span(prev.outer.stop, _end(sentence)).tokens
    if not any(t.low in ("and", "but", ";") for t in rest):
        return False  # '"...," Lund said on Monday.': the sentence is the speaker's frame and no more
    doc = view.parsed(sentence.start, _end(sentence))
    after = prev.outer.stop - sentence.start
    for verb in doc or ():
        if verb.idx < after or verb.dep_ != "conj" or verb.head.lemma_.lower() not in SPEECH_LEMMAS:
            continue  # only a clause joined to the speaker's reporting verb ("said, and her husband cut in")
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.lower_ not in PRONOUNS:
            about = subject.text if subject.tag_ in ("NNP", "NNPS") else None
            return (names.canonical_name(about, view.facts) if about else None) != speaker
    return False


def _end(sentence: Sentence) -> int:
    """Where the sentence ends in its article's text."""
    return sentence.start + len(sentence.text)
