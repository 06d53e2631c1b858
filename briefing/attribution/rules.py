"""The speaker one quotation's own sentences give, rule by rule, for the quotes stage (briefing.quotes).

In the order ``read_quote`` tries them: a dash signature (briefing.attribution.signatures); a reporting
clause in the next sentence; the token rules before and after the quote (briefing.speakers); a name or
clause before a colon, or a remark noun's owner (briefing.attribution.introductions); a long appositive;
the dependency parse; a transcript label. Then two guards: a quote inside another
subject's subordinate clause, or under a he/she that contradicts the speaker's known gender, is not
that speaker's. A work's title is nobody's words; a quote standing alone takes the speaker of the
reporting sentence right before it.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace

from briefing.attribution.frames import long_appositive, turn_label
from briefing.attribution.genders import first_name_genders, gender_of
from briefing.attribution.grammar import SUBORDINATORS, subordinate
from briefing.attribution.introductions import (
    colon_clause,
    colon_named,
    introduced,
    owned_remark,
    quote_from,
)
from briefing.attribution.passage import end_of, resolve_pronoun, token_of
from briefing.attribution.signatures import dashed
from briefing.attribution.titles import is_title
from briefing.attribution.turns import finishes_phrase
from briefing.attribution.view import Mark, View
from briefing.models import Sentence
from briefing.names import organisation
from briefing.speakers import Said, Speakers
from briefing.speech import PRONOUNS, Token, tokenize

log = logging.getLogger(__name__)

# A sentence quoting more than this many times is a list (a glossary, a chant, a table),
# not reported speech: its quotations get no speaker, and attribution stays linear.
MAX_QUOTES_PER_SENTENCE = 12


@dataclass(frozen=True, slots=True)
class Reading:
    """What a quotation's sentences say of it: its speaker, its context and its form."""

    said: Said
    context: str
    pure: bool  # its sentence holds nothing but quotation
    signed: bool  # '"..." ― Name': a signature ends that speaker's turn
    title: bool  # the name of a show, book or slogan: nobody's words
    tailed: bool  # opens its sentence, and the few words after it only finish its phrase


def read_quote(view: View, names: Speakers, index: int) -> Reading | None:
    """Who speaks quotation ``index``, by its own sentences (or a pronoun's antecedent); None outside any sentence."""
    mark, text = view.marks[index], view.article.text
    sentences = _context(view, mark)
    if not sentences:
        return None
    said = dashed(view, names, mark)
    signed = said is not None
    after = _clause_after(view, names, sentences, index) if said is None else None
    if after is not None:
        said, sentences = after, [*sentences, next(s for s in view.in_paragraph(mark.paragraph)
                                                   if s.start >= end_of(sentences[-1]))]
    lo, hi = sentences[0].start, end_of(sentences[-1])
    said = said or _attribute(view, names, sentences, index) or Said()
    if said.speaker is None and said.pronoun is None and not said.nobody:  # the rules decline: colon, appositive, parse
        said = (colon_named(view, names, sentences, index) or colon_clause(view, names, sentences, index)
                or _long_appositive(view, names, sentences, index) or owned_remark(view, names, sentences, index)
                or _parsed(view, names, sentences, index)
                or said)
    if said.speaker is None and said.pronoun is None and not said.explicit:
        said = _turn(view, names, mark) or quote_from(view, names, sentences, mark) or said
    said = _guarded(view, names, sentences, index, said)
    pure = not view.span(lo, hi).has_words
    title = not pure and is_title(text, mark)
    if title:
        said = Said(explicit=True)  # 'on NBC's "Meet the Press"': a work's title, nobody's words
    tailed = not pure and not title and finishes_phrase(view, mark, lo, hi)
    if (pure or tailed) and said.speaker is None and not said.explicit:
        said = introduced(view, names, sentences[0], mark) or said
    return Reading(said, text[lo:hi], pure, signed, title, tailed)


def _context(view: View, mark: Mark) -> list[Sentence]:
    """The sentences the quotation overlaps."""
    return [s for s in view.in_paragraph(mark.paragraph)
            if s.start < mark.end and s.start + len(s.text) > mark.start]


def _turn(view: View, names: Speakers, mark: Mark) -> Said | None:
    """A transcript turn labelled inside its quotation ('"PENCE: Well, ...'): the person the article names so;
    a label that names nobody known ("Q:") is someone else's turn all the same."""
    label = turn_label(view.article.text[mark.start:mark.end])
    if label is None:
        return None
    return Said(names.canonical_name(label.title(), view.facts, known_only=True), explicit=True)


def _guarded(view: View, names: Speakers, sentences: Sequence[Sentence], index: int, said: Said) -> Said:
    """The rules' speaker, unless the quote sits in another subject's subordinate clause or its clause's
    he/she contradicts the speaker's known gender: then the speaker the text supports, or None."""
    lo, hi = sentences[0].start, end_of(sentences[-1])
    if said.speaker is None or view.span(lo, hi).quotations > MAX_QUOTES_PER_SENTENCE:
        return said
    return _subordinate(view, names, sentences, index, said) or _gender_checked(view, names, sentences, index, said)


def _frame_words(view: View, sentences: Sequence[Sentence], index: int) -> set[str]:
    """The lower-cased words of the quote's sentences outside its quotations."""
    return {t.low for t in view.span(sentences[0].start, end_of(sentences[-1])).tokens if t.word}


def _subordinate(view: View, names: Speakers, sentences: Sequence[Sentence], index: int,
                 said: Said) -> Said | None:
    """'As X went on about "...", Y said ...': the phrases are X's (None when X is no named person)."""
    toks = view.span(sentences[0].start, end_of(sentences[-1])).tokens
    before = {t.low for t in toks[:next(i for i, t in enumerate(toks) if t.quote == index)] if t.word}
    if not (SUBORDINATORS & before or _after_participle(view, index)):
        return None  # a clause the quote sits in opens before it ("..., said X, until lately a ..." does not)
    lo, hi = sentences[0].start, end_of(sentences[-1])
    doc = view.parsed(lo, hi)
    if doc is None:
        return None
    shift = lambda r: range(r.start - lo, r.stop - lo)  # noqa: E731
    about = subordinate(doc, shift(view.quoted[index]), [shift(r) for r in view.quoted_in(lo, hi)])
    if about is None:
        return None
    if about.pronoun:
        return said if said.pronoun == about.pronoun else Said(None, about.pronoun, True)
    speaker = names.canonical_name(about.name, view.facts, not about.proper) if about.name else None
    return said if speaker == said.speaker else Said(speaker, explicit=True)


def _after_participle(view: View, index: int) -> bool:
    """The word before the quotation ends in -ing ('supporters chanting "..."'): perhaps another's words."""
    text = view.article.text[max(0, view.quoted[index].start - 40):view.quoted[index].start]
    words = [w for w in (w.strip(',:"“”') for w in text.split()) if w]
    return bool(words) and words[-1].lower().endswith("ing")


def _gender_checked(view: View, names: Speakers, sentences: Sequence[Sentence], index: int, said: Said) -> Said:
    """'She defended X against Y, but admitted "..."': a named speaker whose known gender the clause's own
    subject pronoun contradicts gives way to the one person of the pronoun's gender (or None)."""
    gender = gender_of(said.speaker, view.facts) if said.speaker and said.pronoun is None else None
    other = next((p for p, g in PRONOUNS.items() if gender and g != gender), None)
    if other is None or other not in _frame_words(view, sentences, index):
        return said
    lo, hi = sentences[0].start, end_of(sentences[-1])
    if view.cue(lo, hi, index).pronoun != other:
        return said
    toks = view.span(lo, hi).tokens
    frame = toks[:next(i for i, t in enumerate(toks) if t.quote == index)]
    log.debug("speaker %s refused: the clause's %r says otherwise", said.speaker, other)
    return Said(resolve_pronoun(view, names, sentences[0], frame, other), other, True)


def _clause_after(view: View, names: Speakers, sentences: Sequence[Sentence], index: int) -> Said | None:
    """'"Why?" X asked.', '"... tonight." Lund said.': a quote ends its sentence and the next sentence is
    its reporting clause (after a period, only a bare one: "Lund said.", not "Lund said the plan ...")."""
    mark, text, end = view.marks[index], view.article.text, end_of(sentences[-1])
    after = next((s for s in view.in_paragraph(mark.paragraph) if s.start >= end), None)
    if after is None or mark.outer.stop < end:
        return None
    clause = view.span(after.start, end_of(after)).tokens
    if view.span(sentences[0].start, end).has_words:
        return None  # 'Vance asked, "...?" Lund continued, "..."': the question has its frame
    if text[mark.end - 1] not in "?!" and not names.bare_clause(clause):
        return None
    if names.reporting_verb(clause) is None:
        return None  # '"... bruises?" Vance did not reply to ...': a sentence of its own, not the question's frame
    both = [*sentences, after]
    return _attribute(view, names, both, index, trailing_only=True) or _long_appositive(view, names, both, index)


def _trails(view: View, names: Speakers, sentences: Sequence[Sentence], index: int) -> bool:
    """The token rules read a reporting clause right after the quote ('"...," X reported.')."""
    toks = view.span(sentences[0].start, end_of(sentences[-1])).tokens
    q = next(i for i, t in enumerate(toks) if t.quote == index)
    return names.trailing(toks, q, view.facts, view.marks[index].set_off) is not None


def _long_appositive(view: View, names: Speakers, sentences: Sequence[Sentence], index: int) -> Said | None:
    """'"...," Tom Lund, director of ... and a former docker, told the paper.': the name after the quote."""
    toks = view.span(sentences[0].start, end_of(sentences[-1])).tokens
    name = long_appositive(toks, token_of(view, sentences, index), view.marks[index].set_off, names, view.facts)
    return Said(name, explicit=True) if name else None


def _parsed(view: View, names: Speakers, sentences: Sequence[Sentence], index: int) -> Said | None:
    """The speaker the dependency parse of the quote's sentences gives, resolved to a canonical name."""
    lo, hi = sentences[0].start, end_of(sentences[-1])
    if view.span(lo, hi).quotations > MAX_QUOTES_PER_SENTENCE:
        return None  # a list of quotations: nobody's speech, and parsing it per quote would be quadratic
    found = view.cue(lo, hi, index)
    if not found.found:
        return None
    if 0 <= found.at < view.marks[index].outer.stop - lo and _trails(view, names, sentences, index):
        return None  # '"...," The Hill reported.': the clause after the quote reports it, not a subject before
    if found.pronoun:
        toks = view.span(lo, hi).tokens
        q = next(i for i, t in enumerate(toks) if t.quote == index)
        frame = _before_quote(view, names, toks, q) if found.at >= view.marks[index].outer.stop - lo else toks[:q]
        speaker = resolve_pronoun(view, names, sentences[0], frame, found.pronoun)
        if found.acted and speaker and first_name_genders([speaker]).get(speaker) != PRONOUNS[found.pronoun]:
            return None  # an act, not speech: only a person whose first name says "she" (or "he"); else other rules
        return Said(speaker, found.pronoun, True)
    if found.name:
        speaker = names.canonical_name(found.name, view.facts, not found.proper) or organisation(found.name)
        return Said(speaker, explicit=True)
    if found.phrase == "it":  # 'The Security Council condemned the test, what it called "..."'
        about = view.subject(sentences[0])
        return Said(organisation(about.name) if about.name and about.at < found.at else None, explicit=True)
    return Said(names.title(tokenize(found.phrase), view.facts) if found.phrase else None, explicit=True)


def _attribute(view: View, names: Speakers, sentences: Sequence[Sentence], index: int,
               trailing_only: bool = False) -> Said | None:
    """Who speaks quotation `index`, read from these sentences; a pronoun comes back resolved (or None)."""
    lo, hi = sentences[0].start, end_of(sentences[-1])
    if view.span(lo, hi).quotations > MAX_QUOTES_PER_SENTENCE:
        return None  # a list of quotations, not reported speech: nothing to attribute safely
    toks = view.span(lo, hi).tokens
    q = next(i for i, t in enumerate(toks) if t.quote == index)
    set_off = view.marks[index].set_off or trailing_only  # '"... today." Lund said.' is set off by its period
    ended = view.article.text[view.marks[index].end - 1] in ".?!" and not trailing_only
    if ended and q >= 2 and toks[q - 1].text in ",:" and any(t.word for t in toks[:q - 1]):
        set_off = False  # 'Lund replies with, "Why now?" Berg then writes back': the next clause is not its frame
    quoted = names.quoted_as(toks, q, view.facts)
    if quoted is not None:  # 'X quoted Y as saying': Y, named, a pronoun or unknown, and never the outlet X
        return replace(quoted, speaker=resolve_pronoun(view, names, sentences[0], _before_quote(view, names, toks, q),
                                                       quoted.pronoun)) if quoted.pronoun else quoted
    said = names.trailing(toks, q, view.facts, set_off)
    frame: Sequence[Token] | None = None
    if said is not None and not said.pronoun and (said.speaker is None or is_organisation(names, view, said.speaker)):
        said = names.relayed(toks, q, view.facts) or said  # the outlet that reports X's words is not X
    if said is None and not trailing_only:
        said = names.leading(toks, q, view.facts)
        frame = toks[:next((i for i, t in enumerate(toks) if t.low in PRONOUNS), 0)]
    nameless = said is not None and said.speaker is None and not said.pronoun and not said.nobody
    if (said is None or nameless) and not trailing_only:  # 'Schools were urged to "...", Lund said.': Lund's
        final = names.final(toks, q, view.facts, reported=said is not None)
        said, frame = (final, []) if said is None or (final and (final.speaker or final.pronoun)) else (said, frame)
    if said is None or not said.pronoun:
        return said
    if frame is None:
        frame = _before_quote(view, names, toks, q)  # a trailing pronoun's own clause
    return replace(said, speaker=resolve_pronoun(view, names, sentences[0], frame, said.pronoun))


def _before_quote(view: View, names: Speakers, toks: Sequence[Token], q: int) -> Sequence[Token]:
    """The tokens before quotation q, less a name whose predicate the quotation is ('Lund "never
    checked," he said' is someone else on Lund): a trailing pronoun's own clause."""
    last = next((m for m in names.mentions(toks[:q], view.facts) if m.last == q - 1 and m.subject_like), None)
    return toks[:last.first] if last is not None else toks[:q]


def is_organisation(names: Speakers, view: View, speaker: str) -> bool:
    """The speaker is an organisation ("Security Council"), not a person the rules name."""
    return organisation(speaker) == speaker and not names.mentions(tokenize(speaker), view.facts)
