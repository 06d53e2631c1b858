"""Whom "he" or "she" stands for: the salient person of the sentences before the pronoun.

News keeps one person in focus for a stretch of text: the speaker of the quote just before, or the
subject of the sentence before ("Sato said ... She wants a deal"). A name in the pronoun's own
clause comes first ("In her speech, Sato said ..."); else the look-back walks back over the
sentences before, nearest first:
- a sentence with an attributed quote gives its speaker (when the pronoun's gender fits);
- a sentence whose subject is the same pronoun, or that uses it before any name, carries the
  search further back ("He said it was split between Baxter and Reyes");
- a sentence whose subject (or parenthetical reporter, ", X said,") is a name gives that name;
- a sentence whose subject is no person ("The moderators moved on, but Baxter ...") gives the one
  person it names, if only one fits;
- a person of the other gender (Mr./Mrs., the article's own his/her, the first name, or quoted
  through the other pronoun) is passed over; so is the writer's own question naming nobody;
- a sentence naming someone of a fitting gender, but not as a clear subject, stops the search: None.
With nobody named nearby, None: a speaker further back is as likely someone an outlet's quoted passage
talks about as the one the pronoun means.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from briefing.attribution.frames import opens_clause as names_subject
from briefing.attribution.genders import gender_of
from briefing.attribution.grammar import SUBORDINATORS
from briefing.attribution.roles import (
    CONJUNCTIONS,
    PARTICIPLES,
    PERSON_NOUNS,
    is_attributive,
    is_epithet,
    is_headline,
    is_in_adjunct,
    is_newcomer,
    is_person_here,
    is_place,
    is_relative_object,
    is_source,
    is_thing,
    is_unnamed_person,
    unbracketed,
)
from briefing.attribution.subjects import Cue
from briefing.mentions import Mention, NameFacts
from briefing.models import Sentence
from briefing.speakers import Speakers
from briefing.speech import ADVERBS, CLAUSE, PREPOSITIONS, PRONOUNS, STOPWORDS, TITLES, Token

log = logging.getLogger(__name__)

# Verbs of two people doing one thing together ("X met Y"): either may be the next sentence's
# "he", so a sentence naming both through one of these is no one's in particular.
RECIPROCAL = frozenset("""meet meets met meeting join joins joined joining debate debates debated debating
marry marries married shake shook negotiate negotiated negotiating face faced facing""".split())
# Words before a noun: "a debate", "the meeting" are no verbs of two people.
DETERMINERS = frozenset("a an the this that his her their its each every another".split())


# A person's own words as a sentence's subject ("Tuttle's article attacked ...").
WORKS = frozenset("""article column op-ed essay post posts tweet tweets speech statement letter book memo memoir
remarks comments interview blog""".split())
# A question put to the person named right after ("asked Sanders how ...").
_ASK = frozenset("ask asks asked asking".split())
# Quotation marks: one left as a token of its own was never closed or opened.
_MARKS = frozenset('"“”„«»')
# Words that open an aside after a subject's name ("Merkel, who ...", "Baxter, a former mayor, ...").
_ASIDES = frozenset("who a an the".split())
# An age glued before a name ("62-year-old Brenda Johnson") leaves it the clause's subject.
_AGED = re.compile(r"\d+-years?-old")
# Subjects that are never a person: "It's a big if, but Baxter ... his pitch".
_THINGS = frozenset("it this that there what".split())
# Words opening a clause whose subject is most often the next clause's pronoun ("If Baxter wins, she ...",
# "As for Baxter, she ...").
_SAME_SUBJECT = frozenset(["as for", *"if when although though while because since once unless".split()])
# The possessive of each pronoun: a subject it opens ("His audio ...") is still that person's.
_POSSESSIVE = {"he": "his", "she": "her"}
# Possessives that tell a description's gender ("the host ... his show"): it is a person.
_GENDERED = {"his": "m", "her": "f"}


class Span(Protocol):
    """A stretch of an article as tokens."""

    @property
    def tokens(self) -> list[Token]: ...  # noqa: D102

    @property
    def quotations(self) -> int: ...  # noqa: D102


class Passage(Protocol):
    """What the look-back reads of an article: tokens, parsed subjects, names and the quotes said so far."""

    @property
    def facts(self) -> NameFacts: ...  # noqa: D102

    @property
    def spoken(self) -> list[tuple[int, str]]: ...  # noqa: D102

    def span(self, lo: int, hi: int) -> Span: ...  # noqa: D102

    def subject(self, sentence: Sentence) -> Cue: ...  # noqa: D102


def resolve(passage: Passage, names: Speakers, frame: Sequence[Token], pronoun: str,
            window: Iterable[Sentence]) -> str | None:
    """The salient person a pronoun stands for: the one named in its own clause, else the one
    the sentences before (`window`, nearest first) are about; None when in doubt."""
    fits = _Fit(passage.facts, PRONOUNS[pronoun])
    cut = next((i for i, t in enumerate(frame) if _bare(t.low) in PRONOUNS), len(frame))
    before = names.mentions(frame[:cut], passage.facts)
    here = {m.name for m in before if m.subject_like and opens_clause(frame[:m.first]) and fits(m.name)}
    if len(here) > 1:
        return None
    own = here.pop() if here else None
    name = own or look_back(passage, names, pronoun, window)
    rivals = [m for m in before if m.name != name and fits(m.name) and not is_in_adjunct(frame[:cut], m)
              and (is_person_here(frame, m) or (m.possessive and not own))]  # "when Rubio's plan ... he says"
    if own:  # the clause's own subject: "Sanders, speaking in Miami, blasted Trump, who he called ..."
        rivals = [m for m in rivals if m.subject_like and not is_relative_object(frame[m.last + 1:cut])]
    if name is not None and rivals:
        log.debug("pronoun %s: not %s, another person before it in its sentence: %s", pronoun, name,
                  [m.name for m in rivals])
        return None  # "After Baxter left, he said": another person in the pronoun's own sentence
    if name is None:
        return None
    return name if fits(name) else None


class _Fit:
    """Whether a person may be a pronoun's antecedent: their known gender (if any) is the pronoun's,
    and the look-back has not seen them quoted through the other pronoun ('"...," she said')."""

    def __init__(self, facts: NameFacts, gender: str) -> None:
        self.facts, self.gender = facts, gender
        self.other: set[str] = set()

    def __call__(self, name: str) -> bool:
        return name not in self.other and gender_of(name, self.facts) in (None, self.gender)


def opens_clause(before: Sequence[Token]) -> bool:
    """Only titles and other capitalised words precede a name, or a leading phrase of place or time
    and a comma: it is its sentence's subject ("Ukrainian negotiator Rustem Umerov ...", "In her speech,
    Rhimes ..."), not one in "If Clinton wins, he ..." or "After Baxter left, he ..."."""
    while before and before[0].low in CONJUNCTIONS:  # "But Fiorina ...", "And Baxter ..."
        before = before[1:]
    comma = max((i for i, t in enumerate(before) if t.text == ","), default=-1)
    words = [t for t in before if t.word]
    if comma >= 0 and words and words[0].low in PREPOSITIONS and words[0].low not in CLAUSE:
        before = before[comma + 1:]
    return names_subject(before)


@dataclass(frozen=True, slots=True)
class _Verdict:
    """What one sentence of the look-back says: this person, stop (someone else may be meant), or go on."""

    name: str | None = None
    stop: bool = False
    lone: bool = False  # the one person a sentence without a personal subject names
    described: bool = False  # going on past a subject that is a description ("the Ohio senator")


_GO_ON, _STOP, _DESCRIBED = _Verdict(), _Verdict(stop=True), _Verdict(described=True)


def look_back(passage: Passage, names: Speakers, pronoun: str, window: Iterable[Sentence]) -> str | None:
    """The nearest earlier sentence's speaker or named subject of a fitting gender (see the module)."""
    fits = _Fit(passage.facts, PRONOUNS[pronoun])
    described = False
    for sentence in window:
        verdict = _read(passage, names, sentence, pronoun, fits)
        described = described or verdict.described
        if described and verdict.lone:
            return None  # a description stands for someone clearly named before, not a passing name
        if verdict.name or verdict.stop:
            log.debug("pronoun %s: %s at %r", pronoun, verdict.name or "stop", sentence.text[:60])
            return verdict.name
    log.debug("pronoun %s: nobody named nearby", pronoun)
    return None


def _read(passage: Passage, names: Speakers, sentence: Sentence, pronoun: str, fits: _Fit) -> _Verdict:
    """What one earlier sentence says about whom the pronoun stands for."""
    end = sentence.start + len(sentence.text)
    spoken = [who for at, who in passage.spoken if sentence.start <= at < end]
    toks = unbracketed(passage.span(sentence.start, end).tokens)
    found = names.mentions(toks, passage.facts)
    things = {m.name for m in found if is_thing(toks, m.name)}  # "Maple Ridge was a tragedy": no one's name
    found = [m for m in found if m.name not in things]
    if spoken and _other_pronoun(toks, found, spoken[-1], pronoun):
        fits.other.add(spoken[-1])
    if spoken and fits(spoken[-1]):
        return _Verdict(_main_subject(passage, sentence, toks, found, spoken[-1], fits) or spoken[-1])
    if spoken:  # its speaker is of the other gender: '"...," she said of Tom Baxter' may mean Baxter
        return _STOP if any(m.subject_like and fits(m.name) and m.name not in spoken for m in found) else _GO_ON
    if _opens_with(toks, pronoun):
        return _GO_ON  # "He added a caution, should Clinton ...": the same pronoun is still the subject
    about = passage.subject(sentence)  # may parse: only after the cheap checks
    if about.pronoun == pronoun:
        return _same_subject(toks, found, pronoun, fits)
    if about.phrase.lower().split()[:1] == [_POSSESSIVE[pronoun]] and not any(
            m.subject_like and fits(m.name) for m in found):
        return _GO_ON  # "His audio was quieter than Clinton's": the same man (not "His aide, X, said")
    if sentence.text.rstrip().endswith("?") and not passage.span(sentence.start, end).quotations:
        return _STOP if any(fits(m.name) for m in found) else _GO_ON  # the writer's own question
    if is_unnamed_person(about, pronoun):
        return _STOP  # "The woman disputes it. ... she said": the woman, unnamed here, not a speaker before her
    if is_newcomer(about):  # "A 29-year-old woman received probation. '...,' she wrote": someone new, unnamed
        asked = _asked(about, toks, found, fits)  # ...unless she asked one person, who answers
        return _Verdict(asked) if asked else _STOP
    source = _according(toks, found, fits)
    if source:
        return _Verdict(source)
    verdict = _about(passage, names, toks, about, fits)
    if any(is_thing(toks, name) for name in (about.name, verdict.name) if name):  # "Lakeview is a swing state, ..."
        second = _second_subject(toks, found, fits)
        verdict = _Verdict(second) if second else _GO_ON
    log.debug("pronoun %s: %r names %s, subject %s -> %s", pronoun, sentence.text[:60],
              [m.name for m in found], about, verdict)
    if verdict.name and _but_subject(toks, found, fits, verdict.name):
        return _STOP  # "Baxter has pressed it, but Reyes promises more. '...,' he said": either man
    if verdict.name:
        answers = _asked_by(toks, found, fits, verdict.name)
        return _Verdict(answers) if answers else verdict
    if _chained(toks, pronoun, found, fits):
        return _GO_ON  # "he said it was split between Baxter and Reyes": he is someone named before
    lone = (_lone(about, toks, found, pronoun, fits) or _contrast(passage, names, about, toks, found, pronoun)
            or _asked(about, toks, found, fits))
    if lone:
        return _Verdict(lone, lone=True)
    if is_epithet(about):
        return _DESCRIBED  # "The Wisconsin Republican gave Baxter some credit": the subject is someone named before
    return _STOP if any(fits(m.name) for m in found) else _GO_ON


def _main_subject(passage: Passage, sentence: Sentence, toks: Sequence[Token], found: Sequence[Mention],
                  speaker: str, fits: _Fit) -> str | None:
    """'When X pointed out that ... "...," Y seized on it.': the quote is X's, but the sentence is about
    its main clause's named subject Y, whom a he/she after it means (None unless the sentence opens so)."""
    first = next((t for t in toks if t.word), None)
    if first is None or first.low not in SUBORDINATORS:
        return None
    about = passage.subject(sentence)
    last = about.name.split()[-1] if about.name else None
    named = [m.name for m in found if m.subject_like and last in m.name.split() and m.name != speaker]
    return named[0] if len(named) == 1 and fits(named[0]) else None


def _about(passage: Passage, names: Speakers, toks: Sequence[Token], about: Cue, fits: _Fit) -> _Verdict:
    """The named subject of a sentence, when it fits the pronoun."""
    named = names.antecedent(toks, passage.facts) or set()
    if not named and not about.name:  # no named subject, but maybe a person's own words: "X's posts ..."
        author = _author(names, toks, about, passage.facts)
        return _Verdict(author) if author is not None and fits(author) else _GO_ON
    reciprocal = any(t.low in RECIPROCAL and not (i and toks[i - 1].low in DETERMINERS) for i, t in enumerate(toks))
    name = _salient(passage, names, about, named, reciprocal)
    name = (name or _opening_name(names, toks, passage.facts) or _fronted_subject(names, toks, passage.facts)
            or _author(names, toks, about, passage.facts) or names.reporter(toks, passage.facts))
    return _Verdict(name) if name is not None and fits(name) else _GO_ON


def _according(toks: Sequence[Token], found: Sequence[Mention], fits: _Fit) -> str | None:
    """'According to columnist X, one feature of the film is ...': the source the sentence opens with, when
    its clause has no named subject of its own ("According to X, Y said ..." is Y's)."""
    words = [t for t in toks if t.word or t.text == ","]
    if len(words) < 3 or [t.low for t in words[:2]] != ["according", "to"]:
        return None
    comma = next((i for i, t in enumerate(toks) if t.text == ","), len(toks))
    sources = {m.name for m in found if m.last < comma and not m.possessive and fits(m.name)}
    after = next((m for m in found if m.first > comma), None)
    if len(sources) != 1 or (after is not None and after.first == comma + 1):
        return None
    return sources.pop()


def _same_subject(toks: Sequence[Token], found: Sequence[Mention], pronoun: str, fits: _Fit) -> _Verdict:
    """A sentence whose subject is the same pronoun: it means someone earlier ("He added that ..."), unless a
    fitting person is named before it: the one a leading "if"/"when" clause names ("If Baxter wins, she
    will ..."), else in doubt ("After Baxter left, she ...")."""
    at = next((i for i, t in enumerate(toks) if _bare(t.low) == pronoun), len(toks))
    people = [m for m in found if m.last < at and fits(m.name) and not is_attributive(toks, m)
              and not is_in_adjunct(toks[:at], m)  # "Inspired by Baxter's plan, he ...": someone else
              and not is_place(toks, m)]  # "one in Show Low, but he said": a town, no rival
    if not people:
        return _GO_ON
    words = [t.low for t in toks if t.word and t.low not in CONJUNCTIONS][:2]  # "But if Baxter ..."
    first = " ".join(words) if words == ["as", "for"] else (words or [""])[0]
    if people[0].subject_like and opens_clause(toks[:people[0].first]):
        return _Verdict(people[0].name)  # the clause's own subject: 'Baxter, who ..., tossed "...," she wrote'
    return _Verdict(people[0].name) if len({m.name for m in people}) == 1 and first in _SAME_SUBJECT else _STOP


def _second_subject(toks: Sequence[Token], found: Sequence[Mention], fits: _Fit) -> str | None:
    """'Lakeview is one of the swing states, and Vance aimed her speech at ...': the fitting name that opens
    the clause after ", and" or ", but" before a lower-case word, when the first clause is about a thing."""
    return next(_clause_openers(toks, found, fits, ("and", "but")), None)


def _but_subject(toks: Sequence[Token], found: Sequence[Mention], fits: _Fit, subject: str) -> bool:
    """A second fitting person opens a ", but" clause of the sentence whose subject is `subject`."""
    return any(name != subject for name in _clause_openers(toks, found, fits, ("but",)))


def _clause_openers(toks: Sequence[Token], found: Sequence[Mention], fits: _Fit,
                    conjunctions: Sequence[str]) -> Iterator[str]:
    """Fitting names that open a clause after ", and" / ", but" (as given), before a lower-case word."""
    for m in found:
        before = [t.low for t in toks[max(0, m.first - 2):m.first]]
        after = toks[m.last + 1:m.last + 2]
        verb = bool(after) and after[0].word and not after[0].capital
        if len(before) == 2 and before[0] == "," and before[1] in conjunctions and m.subject_like and verb \
                and fits(m.name):
            yield m.name


def _bare(word: str) -> str:
    """A pronoun without its contraction: "he's", "she'd" -> "he", "she"."""
    return word.split("'")[0]


def _chained(toks: Sequence[Token], pronoun: str, found: Sequence[Mention], fits: _Fit) -> bool:
    """The same pronoun stands before any fitting name of the sentence (a name used of a thing, "the Baxter
    campaign", is none): it still means someone earlier."""
    at = next((i for i, t in enumerate(toks) if _bare(t.low) == pronoun), None)  # "he's" too
    first = min((m.first for m in found if fits(m.name) and not is_attributive(toks, m) and not is_place(toks, m)),
                default=len(toks))
    return at is not None and at < first


def _opens_with(toks: Sequence[Token], pronoun: str) -> bool:
    """The sentence's first word is this pronoun: its subject, whatever names follow."""
    first = next((t for t in toks if t.word), None)
    return first is not None and first.low == pronoun


def _opening_name(names: Speakers, toks: Sequence[Token], facts: NameFacts) -> str | None:
    """'Scott bristles at ...': a sentence that opens with its only name is about that person."""
    found = names.mentions(toks, facts)
    if not found or any(m.name != found[0].name for m in found) or not found[0].subject_like:
        return None
    after = toks[found[0].last + 1:found[0].last + 2]
    verb_like = bool(after) and after[0].word and not after[0].capital  # not a headline's "Baxter Plan"
    return found[0].name if verb_like and opens_clause(toks[:found[0].first]) else None


def _fronted_subject(names: Speakers, toks: Sequence[Token], facts: NameFacts) -> str | None:
    """'Speaking in Salem, Oregon, Baxter went after Reyes': after a leading phrase of place, time or manner,
    the name that follows a comma and comes before a lower-case verb is the subject."""
    first = next((t.low for t in toks if t.word), "")
    if not (first in PREPOSITIONS or first.endswith(PARTICIPLES)) or first in CLAUSE:
        return None
    for m in names.mentions(toks, facts):
        after = toks[m.last + 1:m.last + 3]
        verb = bool(after) and after[0].word and not after[0].capital and (
            after[0].low not in STOPWORDS or after[0].low in ADVERBS)
        aside = len(after) == 2 and after[0].text == "," and after[1].low in _ASIDES  # "Merkel, who ..., warned"
        start = m.first - 1 if m.first and _AGED.fullmatch(toks[m.first - 1].low) else m.first
        if start and toks[start - 1].text == "," and m.subject_like and (verb or aside):
            return m.name  # "..., Ohio, 62-year-old Brenda Johnson railed": an age before the name too
    return None


def _author(names: Speakers, toks: Sequence[Token], about: Cue, facts: NameFacts) -> str | None:
    """'Tuttle's article attacked Christie': the subject is a person's own words, so it is about them."""
    words = about.phrase.split()
    if not words or words[-1].lower() not in WORKS or not any(w in ("'s", "’s") for w in words):
        return None
    owner = next((m for m in names.mentions(toks, facts) if m.possessive), None)
    return owner.name if owner is not None and opens_clause(toks[:owner.first]) else None


def _lone(about: Cue, toks: Sequence[Token], found: Sequence[Mention], pronoun: str, fits: _Fit) -> str | None:
    """'The moderators moved on, but Baxter would not': the one person a sentence names, when its
    subject is no person of its own (not a name, a pronoun, a title or a word like "the actor")."""
    head = about.phrase.split()[-1] if about.phrase else ""
    if about.name or about.pronoun or head.lower() in TITLES | PERSON_NOUNS or is_headline(toks):
        return None
    if any(t.text in _MARKS for t in toks):
        return None  # a stray quotation mark: the sentence may be quoted words, not the writer's
    singular = bool(head) and not (head.endswith("s") and not head.endswith("ss"))
    thing = head[:1].isupper() or head.lower() in _THINGS  # a name, or "it": no person of its own
    if singular and not thing and any(_GENDERED.get(t.low) == PRONOUNS[pronoun] for t in toks):
        return None  # "The radio host filled his speeches for Baxter": "his" makes the subject a person
    people = [m for m in found if not m.possessive and not is_attributive(toks, m) and not is_place(toks, m)
              and fits(m.name)]
    if head[:1].isupper():  # a capitalised subject the tagger did not call a name: that person, or nobody
        people = [m for m in people if m.name.split()[-1] == head]
    candidates = {m.name for m in people}
    if len(candidates) != 1 or any(m.after_preposition and not is_source(toks, m) for m in people):
        return None  # "..., with Baxter attacking the plan": a name after a preposition is no clear subject
    return candidates.pop()


def _contrast(passage: Passage, names: Speakers, about: Cue, toks: Sequence[Token], found: Sequence[Mention],
              pronoun: str) -> str | None:
    """'Trump took offense when Kelly confronted him. She said ...': the subject is of the other gender and
    the sentence names one person known to be of the pronoun's."""
    gender = PRONOUNS[pronoun]
    subject = names.canonical_name(about.name, passage.facts, not about.proper) if about.name else None
    other = PRONOUNS.get(about.pronoun or "") or (gender_of(subject, passage.facts) if subject else None)
    if other is None or other == gender:
        return None
    known = {m.name for m in found if is_person_here(toks, m) and gender_of(m.name, passage.facts) == gender}
    return known.pop() if len(known) == 1 else None


def _asked(about: Cue, toks: Sequence[Token], found: Sequence[Mention], fits: _Fit) -> str | None:
    """'A reporter asked Sanders how he felt. He replied: ...': the one person asked answers."""
    if about.name or about.pronoun:
        return None
    asked = {m.name for m in found if m.first and toks[m.first - 1].low in _ASK and not m.possessive and fits(m.name)}
    return asked.pop() if len(asked) == 1 else None


def _asked_by(toks: Sequence[Token], found: Sequence[Mention], fits: _Fit, asker: str) -> str | None:
    """'Reyes asked Vance whether it was fair game. "Sure it is," he said': the one person a named subject
    asks answers, not the subject."""
    asked = {m.name for m in found if m.first and toks[m.first - 1].low in _ASK and not m.possessive
             and fits(m.name) and m.name != asker}
    return asked.pop() if len(asked) == 1 else None


def _other_pronoun(toks: Sequence[Token], found: Sequence[Mention], speaker: str, pronoun: str) -> bool:
    """A quote's speaker was found through the other pronoun ('"...," she said'): not this one's person
    (not when the sentence has this pronoun too: "She said Trump is a '...' and asked how he ...")."""
    other = {p for p, g in PRONOUNS.items() if g != PRONOUNS[pronoun]}
    lows = {_bare(t.low) for t in toks}
    return all(m.name != speaker for m in found) and bool(lows & other) and pronoun not in lows


def _salient(passage: Passage, names: Speakers, about: Cue, named: set[str], reciprocal: bool) -> str | None:
    """The person a sentence that names people is about: its subject, when that is a name (and, when it
    names several through a verb of two people, "X met Y", one quoted before)."""
    name = names.canonical_name(about.name, passage.facts, not about.proper) if about.name else None
    words = about.phrase.split()
    modifiers = {w for w, after in zip(words, words[1:] + [""], strict=False) if after not in ("'s", "’s")}
    if name and words and words[-1] not in name.split() and set(name.split()) & modifiers:
        return None  # "The Wisconsin Republican": a name modifies the subject, which is a description
    if len(named) > 1 and not about.found and name not in {who for _, who in passage.spoken} and reciprocal:
        return None
    return name
