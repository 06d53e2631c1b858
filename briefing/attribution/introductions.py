"""Quotes no reporting clause frames, for briefing.attribution.rules: introduced by a colon, a dash or the
sentence before; owned by a remark noun ("his claim that"); or sourced by the next sentence ("That quote from X")."""

from __future__ import annotations

from collections.abc import Sequence

from briefing.attribution.frames import as_reported, colon_name, is_heading, name_before_colon
from briefing.attribution.genders import gender_of
from briefing.attribution.grammar import introducer
from briefing.attribution.passage import end_of, resolve_pronoun, token_of
from briefing.attribution.titles import is_title
from briefing.attribution.view import Mark, View
from briefing.models import Sentence
from briefing.names import organisation
from briefing.speakers import Said, Speakers
from briefing.speech import PRONOUNS, TITLES, Token

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


def introduced(view: View, names: Speakers, first: Sentence, mark: Mark) -> Said | None:
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
    toks = view.span(intro.start, end_of(intro)).tokens
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
        return Said(resolve_pronoun(view, names, intro, [], about.pronoun), about.pronoun, True)
    if not about.name:
        return None
    return Said(names.canonical_name(about.name, view.facts, not about.proper) or organisation(about.name),
                explicit=True)


def _quotes_words(view: View, sentence: Sentence) -> bool:
    """The sentence quotes someone's words, not only a work's name ('On "Face the Nation," X argued ...')."""
    lo, hi = sentence.start, end_of(sentence)
    return any(m.start < hi and m.end > lo and not is_title(view.article.text, m) for m in view.marks)


def colon_named(view: View, names: Speakers, sentences: Sequence[Sentence], index: int) -> Said | None:
    """'Rep. Anna Holm (D-Md.): "..."', 'Said Holm: "..."': a person's name right before the quote's colon."""
    toks = view.span(sentences[0].start, end_of(sentences[-1])).tokens
    name = colon_name(toks, token_of(view, sentences, index), names, view.facts)
    return Said(name, explicit=True) if name else None


def colon_clause(view: View, names: Speakers, sentences: Sequence[Sentence], index: int) -> Said | None:
    """'Lund lobbied for a higher wage: "..."': the clause a colon ends before the quote, through the
    subject of its last verb (parsed on its own: the quote after the colon often misleads the parse)."""
    lo, mark = sentences[0].start, view.marks[index]
    colon = _introducing_sign(view, lo, mark, end_of(sentences[-1]))
    if colon < 0:
        return None
    if is_heading(view.article.text[lo:colon]):
        return None  # 'IOWA POLLS NOT WRONG, JUST EARLY - X:': a heading, not a clause with a subject
    doc = view.parsed(lo, colon + 1)
    if doc is None:
        return None
    about = introducer(doc, [range(r.start - lo, r.stop - lo) for r in view.quoted_in(lo, colon + 1)])
    if about.pronoun:
        return Said(resolve_pronoun(view, names, sentences[0], [], about.pronoun), about.pronoun, True)
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


def owned_remark(view: View, names: Speakers, sentences: Sequence[Sentence], index: int) -> Said | None:
    """'after her March comment that "..."', 'over Baxter's claim that he "..."': a remark noun owned by a
    person (a name's possessive, or his/her standing for one) right before the quote is that person's."""
    toks = view.span(sentences[0].start, end_of(sentences[-1])).tokens
    q = token_of(view, sentences, index)
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
        return Said(resolve_pronoun(view, names, sentences[0], toks[:owner], pronoun), pronoun, True)
    found = [m for m in names.mentions(toks[:owner + 1], view.facts) if m.last == owner and m.possessive]
    return Said(found[0].name, explicit=True) if found else None


def _owns(tok: Token) -> bool:
    """A possessive: his/her, or a word ending in 's."""
    return tok.low in _POSSESSIVE_PRONOUNS or tok.low.endswith(("'s", "'"))


def quote_from(view: View, names: Speakers, sentences: Sequence[Sentence], mark: Mark) -> Said | None:
    """'"..." That quote from Thomas Krebs appeared in 1980.': a sentence of nothing but the quote, and the next
    one opens by naming the quote's source ("That quote from", "The remark by", then a title or two)."""
    end = end_of(sentences[-1])
    after = next((s for s in view.in_paragraph(mark.paragraph) if s.start >= end), None)
    if after is None or view.span(sentences[0].start, end).has_words:
        return None
    toks = view.span(after.start, end_of(after)).tokens
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
