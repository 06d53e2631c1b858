"""The speaker one quotation's own sentences give, rule by rule, for the quotes stage (briefing.quotes).

In the order ``read_quote`` tries them: a dash signature; a reporting clause in the next sentence;
the token rules before and after the quote (briefing.speakers); a name or clause before a colon; a
long appositive; the dependency parse; a transcript label. Then two guards: a quote inside another
subject's subordinate clause, or under a he/she that contradicts the speaker's known gender, is not
that speaker's. A work's title is nobody's words; a quote standing alone takes the speaker of the
reporting sentence right before it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import islice

from briefing.attribution.frames import (
    as_reported,
    colon_name,
    is_heading,
    long_appositive,
    name_before_colon,
    signature,
    turn_label,
)
from briefing.attribution.genders import first_name_genders, gender_of
from briefing.attribution.grammar import SUBORDINATORS, introducer, subordinate
from briefing.attribution.pronouns import resolve
from briefing.attribution.titles import is_title
from briefing.attribution.turns import finishes_phrase
from briefing.attribution.view import Mark, View
from briefing.models import Sentence
from briefing.names import organisation
from briefing.speakers import Said, Speakers
from briefing.speech import PRONOUNS, TITLES, Token, is_prose, tokenize

log = logging.getLogger(__name__)

# A sentence quoting more than this many times is a list (a glossary, a chant, a table),
# not reported speech: its quotations get no speaker, and attribution stays linear.
MAX_QUOTES_PER_SENTENCE = 12
# How many sentences back a pronoun may find its antecedent: news names the speaker within a
# sentence or two, but a quote-heavy passage may run longer (4 and 8 scored alike on train).
PRONOUN_LOOKBACK = 8
# Most words between the parts of a signed quote that inner quotation marks split ('what he calls "hell"').
SIGNED_GAP_WORDS = 3
SIGNATURE_DASHES = "―—–"


@dataclass(frozen=True, slots=True)
class Reading:
    """What a quotation's sentences say of it: its speaker, its context and its form."""

    said: Said
    context: str
    pure: bool  # its sentence holds nothing but quotation
    signed: bool  # '"..." ― Name': a signature ends that speaker's turn
    title: bool  # the name of a show, book or slogan: nobody's words
    tailed: bool  # opens its sentence, and the few words after it only finish its phrase


# Nouns for a person's remark: '"her comment that "..."' quotes the owner's words.
REMARK_NOUNS = frozenset("""comment comments remark remarks claim claims assertion assertions promise pledge vow
warning admission insistence quip boast declaration words""".split())
# Words between a remark noun and its quote ('claim that he "..."'), and at most this many tokens.
_REMARK_LINKS = frozenset("that he she they we i it".split())
_REMARK_LINK_TOKENS = 3
_POSSESSIVE_PRONOUNS = {"his": "he", "her": "she"}
# Dashes that introduce a quotation ending its sentence, as a colon does.
_DASHES = ("--", "—", "–")
# A sentence right after a lone quotation that opens by naming its source: "That quote from X appeared ...".
QUOTE_POINTERS = frozenset("that this the those these".split())
QUOTE_NOUNS = frozenset("quote quotation remark remarks comment comments line words statement quip".split())
# Most title words between "from" and the source's name ("from Alabama Securities Commissioner X").
QUOTE_SOURCE_TITLE_WORDS = 4


def read_quote(view: View, names: Speakers, index: int) -> Reading | None:
    """Who speaks quotation ``index``, by its own sentences (or a pronoun's antecedent); None outside any sentence."""
    mark, text = view.marks[index], view.article.text
    sentences = _context(view, mark)
    if not sentences:
        return None
    said = _dashed(view, names, mark)
    signed = said is not None
    after = _clause_after(view, names, sentences, index) if said is None else None
    if after is not None:
        said, sentences = after, [*sentences, next(s for s in view.in_paragraph(mark.paragraph)
                                                   if s.start >= _end(sentences[-1]))]
    lo, hi = sentences[0].start, _end(sentences[-1])
    said = said or _attribute(view, names, sentences, index) or Said()
    if said.speaker is None and said.pronoun is None and not said.nobody:  # the rules decline: colon, appositive, parse
        said = (_colon_named(view, names, sentences, index) or _colon_clause(view, names, sentences, index)
                or _long_appositive(view, names, sentences, index) or _owned_remark(view, names, sentences, index)
                or _parsed(view, names, sentences, index)
                or said)
    if said.speaker is None and said.pronoun is None and not said.explicit:
        said = _turn(view, names, mark) or _quote_from(view, names, sentences, mark) or said
    said = _guarded(view, names, sentences, index, said)
    pure = not view.span(lo, hi).has_words
    title = not pure and is_title(text, mark)
    if title:
        said = Said(explicit=True)  # 'on NBC's "Meet the Press"': a work's title, nobody's words
    tailed = not pure and not title and finishes_phrase(view, mark, lo, hi)
    if (pure or tailed) and said.speaker is None and not said.explicit:
        said = _introduced(view, names, sentences[0], mark) or said
    return Reading(said, text[lo:hi], pure, signed, title, tailed)


def _context(view: View, mark: Mark) -> list[Sentence]:
    """The sentences the quotation overlaps."""
    return [s for s in view.in_paragraph(mark.paragraph)
            if s.start < mark.end and s.start + len(s.text) > mark.start]


def _window(view: View, first: Sentence) -> Iterator[Sentence]:
    """Sentences before `first`, nearest first: its paragraph's, then earlier prose paragraphs'."""
    yield from reversed([s for s in view.in_paragraph(first.paragraph) if s.start < first.start])
    for p in range(first.paragraph - 1, -1, -1):
        span = view.paragraphs[p]
        if is_prose(view.article.text[span.start:span.stop]):
            yield from reversed(view.in_paragraph(p))


def _resolve(view: View, names: Speakers, first: Sentence, frame: Sequence[Token],
             pronoun: str) -> str | None:
    """The salient person a pronoun stands for (briefing.attribution.pronouns); None when in doubt."""
    return resolve(view, names, frame, pronoun, islice(_window(view, first), PRONOUN_LOOKBACK))


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
    if said.speaker is None or view.span(sentences[0].start, _end(sentences[-1])).quotations > MAX_QUOTES_PER_SENTENCE:
        return said
    return _subordinate(view, names, sentences, index, said) or _gender_checked(view, names, sentences, index, said)


def _frame_words(view: View, sentences: Sequence[Sentence], index: int) -> set[str]:
    """The lower-cased words of the quote's sentences outside its quotations."""
    return {t.low for t in view.span(sentences[0].start, _end(sentences[-1])).tokens if t.word}


def _subordinate(view: View, names: Speakers, sentences: Sequence[Sentence], index: int,
                 said: Said) -> Said | None:
    """'As X went on about "...", Y said ...': the phrases are X's (None when X is no named person)."""
    toks = view.span(sentences[0].start, _end(sentences[-1])).tokens
    before = {t.low for t in toks[:next(i for i, t in enumerate(toks) if t.quote == index)] if t.word}
    if not (SUBORDINATORS & before or _after_participle(view, index)):
        return None  # a clause the quote sits in opens before it ("..., said X, until lately a ..." does not)
    lo, hi = sentences[0].start, _end(sentences[-1])
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
    lo, hi = sentences[0].start, _end(sentences[-1])
    if view.cue(lo, hi, index).pronoun != other:
        return said
    toks = view.span(lo, hi).tokens
    frame = toks[:next(i for i, t in enumerate(toks) if t.quote == index)]
    log.debug("speaker %s refused: the clause's %r says otherwise", said.speaker, other)
    return Said(_resolve(view, names, sentences[0], frame, other), other, True)


def _clause_after(view: View, names: Speakers, sentences: Sequence[Sentence], index: int) -> Said | None:
    """'"Why?" X asked.', '"... tonight." Lund said.': a quote ends its sentence and the next sentence is
    its reporting clause (after a period, only a bare one: "Lund said.", not "Lund said the plan ...")."""
    mark, text, end = view.marks[index], view.article.text, _end(sentences[-1])
    after = next((s for s in view.in_paragraph(mark.paragraph) if s.start >= end), None)
    if after is None or mark.outer.stop < end:
        return None
    clause = view.span(after.start, _end(after)).tokens
    if view.span(sentences[0].start, end).has_words:
        return None  # 'Vance asked, "...?" Lund continued, "..."': the question has its frame
    if text[mark.end - 1] not in "?!" and not names.bare_clause(clause):
        return None
    if names.reporting_verb(clause) is None:
        return None  # '"... bruises?" Vance did not reply to ...': a sentence of its own, not the question's frame
    both = [*sentences, after]
    return _attribute(view, names, both, index, trailing_only=True) or _long_appositive(view, names, both, index)


def _quote_from(view: View, names: Speakers, sentences: Sequence[Sentence], mark: Mark) -> Said | None:
    """'"..." That quote from Thomas Krebs appeared in 1980.': a sentence of nothing but the quote, and the next
    one opens by naming the quote's source ("That quote from", "The remark by", then a title or two)."""
    end = _end(sentences[-1])
    after = next((s for s in view.in_paragraph(mark.paragraph) if s.start >= end), None)
    if after is None or view.span(sentences[0].start, end).has_words:
        return None
    toks = view.span(after.start, _end(after)).tokens
    if len(toks) < 4 or toks[0].low not in QUOTE_POINTERS or toks[1].low not in QUOTE_NOUNS:
        return None
    if toks[2].low not in ("from", "by"):
        return None
    source = next((m for m in names.mentions(toks, view.facts) if m.first >= 3), None)
    title = toks[3:source.first] if source is not None else []
    if source is None or len(title) > QUOTE_SOURCE_TITLE_WORDS:
        return None
    if title and not (title[-1].capital or title[-1].low in TITLES) or any(
            not t.word or t.low.endswith(("ing", "ed")) for t in title):
        return None  # "from state commissioner X", not "from the film starring X"
    return Said(source.name, explicit=True)


def _owned_remark(view: View, names: Speakers, sentences: Sequence[Sentence], index: int) -> Said | None:
    """'after her March comment that "..."', 'over Baxter's claim that he "..."': a remark noun owned by a
    person (a name's possessive, or his/her standing for one) right before the quote is that person's."""
    toks = view.span(sentences[0].start, _end(sentences[-1])).tokens
    q = _token_of(view, sentences, index)
    k = q - 1
    while k >= 0 and (toks[k].low in _REMARK_LINKS or toks[k].text in ",:"):
        k -= 1  # back over "that he", ":" to the noun
    if k < 1 or toks[k].low not in REMARK_NOUNS or q - k > _REMARK_LINK_TOKENS or q - k == 1:
        return None  # 'said Trump's remarks "have had ..."': the remark is the quote's subject, not its source
    owner = next((o for o in (k - 1, k - 2) if o >= 0 and _owns(toks[o])), None)
    if owner is None:
        return None  # "her March comment": one word (a time, an adjective) may stand between
    if toks[owner].low in _POSSESSIVE_PRONOUNS:
        pronoun = _POSSESSIVE_PRONOUNS[toks[owner].low]
        fitting = {m.name for m in names.mentions(toks[:owner], view.facts)
                   if gender_of(m.name, view.facts) in (None, PRONOUNS[pronoun])}
        if len(fitting) > 1:
            return Said(pronoun=pronoun, explicit=True)  # "Baxter praised Reyes after his remark": either man
        return Said(_resolve(view, names, sentences[0], toks[:owner], pronoun), pronoun, True)
    found = [m for m in names.mentions(toks[:owner + 1], view.facts) if m.last == owner and m.possessive]
    return Said(found[0].name, explicit=True) if found else None


def _owns(tok: Token) -> bool:
    """A possessive: his/her, or a word ending in 's."""
    return tok.low in _POSSESSIVE_PRONOUNS or tok.low.endswith(("'s", "'"))


def _dashed(view: View, names: Speakers, mark: Mark) -> Said | None:
    """'"..." ― Carla Moreau.': the quote is signed by the one name that follows a dash."""
    if mark.outer.stop == mark.end:
        return None  # left open: nothing follows a closing mark
    name = signature(view.article.text, mark.outer.stop, names, view.facts, _alone(view, mark))
    return Said(name, explicit=True) if name else _signed_paragraph(view, names, mark)


def _signed_paragraph(view: View, names: Speakers, mark: Mark) -> Said | None:
    """'"... what he calls "hell" than ..." ― Ana Ruiz': a quote that opens its paragraph (or follows a signed
    one, in a list on one line) and runs to a signed one, split only by a quoted word or two, is the signer's."""
    text, same = view.article.text, [m for m in view.marks if m.paragraph == mark.paragraph]
    earlier = [m for m in same if m.start < mark.start]
    if not earlier and not mark.opens_paragraph or earlier and not (
            signature(text, earlier[-1].outer.stop, names, view.facts)
            and any(dash in text[earlier[-1].outer.stop:mark.outer.start] for dash in SIGNATURE_DASHES)):
        return None  # neither opening its paragraph nor right after a signed quote (a list on one line)
    last = mark
    for later in (m for m in same if m.start > mark.start):
        if len(text[last.outer.stop:later.outer.start].split()) > SIGNED_GAP_WORDS:
            return None
        name = signature(text, later.outer.stop, names, view.facts)
        if name:
            return Said(name, explicit=True)
        last = later
    return None


def _alone(view: View, mark: Mark) -> bool:
    """The quotation is the whole of its paragraph."""
    return mark.opens_paragraph and not view.article.text[mark.outer.stop:view.paragraphs[mark.paragraph].stop].strip()


def _introduced(view: View, names: Speakers, first: Sentence, mark: Mark) -> Said | None:
    """A quote standing alone after 'X said in a statement.', 'X responded:' or 'X said that ...':
    the speaker of the reporting sentence right before it (not a question: that one is answered)."""
    before = [s for s in view.in_paragraph(first.paragraph) if s.start < first.start]
    if not before and mark.opens_paragraph:
        before = list(view.in_paragraph(first.paragraph - 1))  # "X said:" may end a paragraph of its own
    intro = before[-1] if before else None
    if intro is None or intro.text.rstrip().endswith("?"):
        return None
    if _quotes_words(view, intro) and not intro.text.rstrip().endswith(":"):
        return None  # a sentence with its own quote: _continued decides
    colon = intro.text.rstrip().endswith(":")
    toks = view.span(intro.start, _end(intro)).tokens
    named = name_before_colon(toks[:-1], names, view.facts) if colon and toks[-1].text == ":" else None
    if named:
        return Said(named, explicit=True)  # 'Stated Holm:', 'Rep. Anna Holm (D-Md.):' on a line of its own
    source = as_reported(toks, names, view.facts) if colon else None
    if source:
        return Said(source, explicit=True)  # 'As the Courier reported, the council was refusing ...:'
    about = view.introducer(intro) if colon else view.subject(intro)  # 'Cruz called them on it:'
    if not about.found and not (about.pronoun and colon):  # "He then listed them:"
        return None
    if about.pronoun:
        return Said(_resolve(view, names, intro, [], about.pronoun), about.pronoun, True)
    if not about.name:
        return None
    return Said(names.canonical_name(about.name, view.facts, not about.proper) or organisation(about.name),
                explicit=True)


def _quotes_words(view: View, sentence: Sentence) -> bool:
    """The sentence quotes someone's words, not only a work's name ('On "Face the Nation," X argued ...')."""
    lo, hi = sentence.start, _end(sentence)
    return any(m.start < hi and m.end > lo and not is_title(view.article.text, m) for m in view.marks)


def _colon_named(view: View, names: Speakers, sentences: Sequence[Sentence], index: int) -> Said | None:
    """'Rep. Anna Holm (D-Md.): "..."', 'Said Holm: "..."': a person's name right before the quote's colon."""
    toks = view.span(sentences[0].start, _end(sentences[-1])).tokens
    name = colon_name(toks, _token_of(view, sentences, index), names, view.facts)
    return Said(name, explicit=True) if name else None


def _trails(view: View, names: Speakers, sentences: Sequence[Sentence], index: int) -> bool:
    """The token rules read a reporting clause right after the quote ('"...," X reported.')."""
    toks = view.span(sentences[0].start, _end(sentences[-1])).tokens
    q = next(i for i, t in enumerate(toks) if t.quote == index)
    return names.trailing(toks, q, view.facts, view.marks[index].set_off) is not None


def _long_appositive(view: View, names: Speakers, sentences: Sequence[Sentence], index: int) -> Said | None:
    """'"...," Tom Lund, director of ... and a former docker, told the paper.': the name after the quote."""
    toks = view.span(sentences[0].start, _end(sentences[-1])).tokens
    name = long_appositive(toks, _token_of(view, sentences, index), view.marks[index].set_off, names, view.facts)
    return Said(name, explicit=True) if name else None


def _token_of(view: View, sentences: Sequence[Sentence], index: int) -> int:
    """The position of quotation `index` among the tokens of its sentences."""
    return next(i for i, t in enumerate(view.span(sentences[0].start, _end(sentences[-1])).tokens)
                if t.quote == index)


def _colon_clause(view: View, names: Speakers, sentences: Sequence[Sentence], index: int) -> Said | None:
    """'Lund lobbies for a higher wage: "..."': the clause a colon ends before the quote, through the
    subject of its last verb (parsed on its own: the quote after the colon often misleads the parse)."""
    lo, mark = sentences[0].start, view.marks[index]
    colon = _introducing_sign(view, lo, mark, _end(sentences[-1]))
    if colon < 0:
        return None
    if is_heading(view.article.text[lo:colon]):
        return None  # 'IOWA POLLS NOT WRONG, JUST EARLY - X:': a heading, not a clause with a subject
    doc = view.parsed(lo, colon + 1)
    if doc is None:
        return None
    about = introducer(doc, [range(r.start - lo, r.stop - lo) for r in view.quoted_in(lo, colon + 1)])
    if about.pronoun:
        return Said(_resolve(view, names, sentences[0], [], about.pronoun), about.pronoun, True)
    if not about.name:
        return None
    return Said(names.canonical_name(about.name, view.facts, not about.proper) or organisation(about.name),
                explicit=True)


def _introducing_sign(view: View, lo: int, mark: Mark, end: int) -> int:
    """Where the colon right before the quote is; or a dash, when the quote then ends its sentence
    ('Lund also backed the plan -- "..."'); -1 when neither."""
    text = view.article.text
    before = text[lo:mark.outer.start].rstrip()
    if before.endswith(":"):
        return lo + len(before) - 1
    dash = next((d for d in _DASHES if before.endswith(d)), None)
    if dash is None or text[mark.outer.stop:end].strip(" .!?\"”’'"):
        return -1
    return lo + len(before) - len(dash)


def _parsed(view: View, names: Speakers, sentences: Sequence[Sentence], index: int) -> Said | None:
    """The speaker the dependency parse of the quote's sentences gives, resolved to a canonical name."""
    lo, hi = sentences[0].start, _end(sentences[-1])
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
        speaker = _resolve(view, names, sentences[0], frame, found.pronoun)
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


def _end(sentence: Sentence) -> int:
    return sentence.start + len(sentence.text)


def _attribute(view: View, names: Speakers, sentences: Sequence[Sentence], index: int,
               trailing_only: bool = False) -> Said | None:
    """Who speaks quotation `index`, read from these sentences; a pronoun comes back resolved (or None)."""
    lo, hi = sentences[0].start, _end(sentences[-1])
    if view.span(lo, hi).quotations > MAX_QUOTES_PER_SENTENCE:
        return None  # a list of quotations, not reported speech: nothing to attribute safely
    toks = view.span(lo, hi).tokens
    q = next(i for i, t in enumerate(toks) if t.quote == index)
    set_off = view.marks[index].set_off or trailing_only  # '"... today." Lund said.' is set off by its period
    ended = view.article.text[view.marks[index].end - 1] in ".?!" and not trailing_only
    if ended and q >= 2 and toks[q - 1].text in ",:" and any(t.word for t in toks[:q - 1]):
        set_off = False  # 'Lund replies with, "Why now?" Berg then writes back': the next clause is not its frame
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
    return replace(said, speaker=_resolve(view, names, sentences[0], frame, said.pronoun))


def _before_quote(view: View, names: Speakers, toks: Sequence[Token], q: int) -> Sequence[Token]:
    """The tokens before quotation q, less a name whose predicate the quotation is ('Lund "never
    checked," he said' is someone else on Lund): a trailing pronoun's own clause."""
    last = next((m for m in names.mentions(toks[:q], view.facts) if m.last == q - 1 and m.subject_like), None)
    return toks[:last.first] if last is not None else toks[:q]


def is_organisation(names: Speakers, view: View, speaker: str) -> bool:
    """The speaker is an organisation ("Security Council"), not a person the rules name."""
    return organisation(speaker) == speaker and not names.mentions(tokenize(speaker), view.facts)
