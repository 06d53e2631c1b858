"""Direct quotations, who said them, and every outlet that reports them.

A wrong speaker is the worst bug this product can have, so attribution is
conservative. A speaker is named only when the quote's own sentence says who
speaks ('"...," Umerov said', 'Witkoff said the talks "..."', 'according to X'),
or when a pronoun ('"...," he said') or an unattributed quote paragraph right
after a quote can be tied to exactly one person just before it. Otherwise the
speaker is None; unnamed groups ("officials said") stay None too.

Every quotation found is returned, scare quotes and one-word fragments included:
they rank low and are never key. The same words reported by several outlets, even
in different translations, are one entry listing every source.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import islice
from typing import Any

from briefing.attribution.grammar import Cue, cue, subject_of
from briefing.attribution.merge import cluster, wording
from briefing.attribution.parser import parse
from briefing.attribution.pronouns import resolve
from briefing.keyquotes import QuoteWeights, mark_key
from briefing.models import Article, Quote, Sentence
from briefing.names import Lexicon, Person
from briefing.sentences import paragraphs, split_sentences, words
from briefing.speakers import NameFacts, Said, Speakers, name_facts, shared_full_names
from briefing.speech import PRONOUNS, Token, is_prose, tokenize

log = logging.getLogger(__name__)

# A sentence quoting more than this many times is a list (a glossary, a chant, a table),
# not reported speech: its quotations get no speaker, and attribution stays linear.
MAX_QUOTES_PER_SENTENCE = 12
# How many sentences back a pronoun may find its antecedent: news names the speaker within a
# sentence or two, but a quote-heavy passage may run longer (4 and 8 scored alike on train).
PRONOUN_LOOKBACK = 8
# Longest quotation read as a title ("Meet the Press", "State of the Union"), and the small
# words a title keeps in lower case.
TITLE_WORDS = 6
TITLE_SMALL_WORDS = frozenset("a an the of and or to in on for at with by from".split())
_MARK = re.compile(r'["“”„«»]')
_CLOSERS = {'"': '"”', "“": '”"', "„": '“”"', "«": "»"}


@dataclass(frozen=True, slots=True)
class QuoteOptions:
    """How many quotes are key, and the fewest words a key quote may have."""

    key: int = 6
    min_words: int = 4


@dataclass(frozen=True, slots=True)
class _Mark:
    """One quotation in an article: its text's offsets and the offsets its marks enclose."""

    start: int
    end: int
    outer: range
    paragraph: int
    unclosed: bool
    opens_paragraph: bool
    set_off: bool  # the quote ends with , ? ! or a dash, as in '"...," he said'


@dataclass(frozen=True, slots=True)
class _Span:
    """A stretch of text as tokens (not to be mutated), with its quotation count and whether it has words."""

    tokens: list[Token]
    quotations: int
    has_words: bool


@dataclass(frozen=True, slots=True)
class _View:
    """An article with its sentences, paragraphs, quotation marks and names."""

    article: Article
    sentences: tuple[Sentence, ...]
    paragraphs: tuple[range, ...]
    marks: tuple[_Mark, ...]
    quoted: tuple[range, ...]  # each mark's outer range, for _tokens()
    facts: NameFacts
    by_paragraph: Mapping[int, tuple[Sentence, ...]]
    spans: dict[tuple[int, int], _Span]
    parses: dict[tuple[int, int], Any]  # frame (lo, hi) -> its dependency parse, made on first use
    spoken: list[tuple[int, str]]  # (offset, speaker) of the quotes attributed so far, for pronouns

    def cue(self, lo: int, hi: int, index: int) -> Cue:
        """What the parse of text[lo:hi] says about who speaks quotation `index` (nothing when unparsed)."""
        doc = self._parsed(lo, hi)
        if doc is None:
            return Cue()
        shift = lambda r: range(r.start - lo, r.stop - lo)  # noqa: E731
        return cue(doc, shift(self.quoted[index]), [shift(r) for r in self.quoted_in(lo, hi)])

    def span(self, lo: int, hi: int) -> _Span:
        """Tokens and counts of text[lo:hi], computed once per span (many quotes share a sentence)."""
        key = (lo, hi)
        if key not in self.spans:
            toks = _tokens(self.article.text, lo, hi, self.quoted)
            self.spans[key] = _Span(toks, sum(1 for t in toks if t.quote >= 0), any(t.word for t in toks))
        return self.spans[key]

    def subject(self, sentence: Sentence) -> Cue:
        """What the parse of one sentence says about its subject (parsed now if it was not)."""
        key = (sentence.start, sentence.start + len(sentence.text))
        doc = self._parsed(*key)
        if doc is None:
            return Cue()
        return subject_of(doc, [range(r.start - key[0], r.stop - key[0]) for r in self.quoted_in(*key)])

    def quoted_in(self, lo: int, hi: int) -> list[range]:
        """The quotations (marks included) overlapping text[lo:hi]; ranges are sorted and disjoint."""
        first = last = bisect_right(self.quoted, lo, key=lambda r: r.stop)
        while last < len(self.quoted) and self.quoted[last].start < hi:
            last += 1
        return list(self.quoted[first:last])

    def _parsed(self, lo: int, hi: int) -> Any | None:
        """The parse of text[lo:hi], made on first use: only frames the token rules cannot read are parsed."""
        if (lo, hi) not in self.parses:
            docs = parse([self.article.text[lo:hi]])
            self.parses[(lo, hi)] = docs[0] if docs else None
        return self.parses[(lo, hi)]

    def in_paragraph(self, paragraph: int) -> tuple[Sentence, ...]:
        """The sentences of one paragraph, in order."""
        return self.by_paragraph.get(paragraph, ())


@dataclass(frozen=True, slots=True)
class _Found:
    """One quotation in one article, with its speaker."""

    article: str
    order: int
    text: str
    context: str
    mark: _Mark
    pure: bool  # its sentence holds nothing but quotation
    speaker: str | None
    explicit: bool


def _find_marks(text: str, span: range, paragraph: int) -> Iterator[_Mark]:
    """The quotations of one paragraph; one left open runs to the paragraph's end."""
    opened: re.Match[str] | None = None
    for match in _MARK.finditer(text, span.start, span.stop):
        if opened is not None and match.group() in _CLOSERS[opened.group()]:
            mark = _make_mark(text, opened, match.start(), match.end(), paragraph, span)
            yield from [mark] if mark else []
            opened = None
        elif match.group() in _CLOSERS:
            opened = match  # a new opening mark: an earlier one was never closed
    if opened is not None:
        before = text[span.start:opened.start()].rstrip()
        if not before or before.endswith(":"):
            mark = _make_mark(text, opened, span.stop, span.stop, paragraph, span)
            yield from [mark] if mark else []


def _make_mark(text: str, opened: re.Match[str], close: int, stop: int, paragraph: int,
               span: range) -> _Mark | None:
    inner = text[opened.end():close]
    body = inner.strip().rstrip(",;:").rstrip()
    if not any(c.isalnum() for c in body):
        return None
    start = opened.end() + inner.index(body)
    return _Mark(start, start + len(body), range(opened.start(), stop), paragraph, close == stop == span.stop,
                 not text[span.start:opened.start()].strip(), inner.rstrip()[-1:] in ",?!—–-…")


def _view(article: Article, sentences: Sequence[Sentence] | None, names: Speakers) -> _View:
    """An article's sentences (re-split when the given ones do not fit its text) and quotations."""
    text = article.text
    if not sentences or any(text[s.start:s.start + len(s.text)] != s.text for s in sentences):
        sentences = split_sentences(article)
    spans = tuple(range(m.start(), m.end()) for m in paragraphs(text))
    marks = tuple(m for i, span in enumerate(spans) for m in _find_marks(text, span, i))
    quoted = tuple(m.outer for m in marks)
    by_paragraph: dict[int, list[Sentence]] = {}
    for sentence in sentences:
        by_paragraph.setdefault(sentence.paragraph, []).append(sentence)
    return _View(article, tuple(sentences), spans, marks, quoted, name_facts(names, text),
                 {p: tuple(group) for p, group in by_paragraph.items()}, {}, {}, [])


def _tokens(text: str, lo: int, hi: int, quoted: Sequence[range]) -> list[Token]:
    """Tokens of text[lo:hi]; each quoted range (marks included) overlapping it becomes one token."""
    out: list[Token] = []
    pos = lo
    first = bisect_right(quoted, lo, key=lambda r: r.stop)  # ranges are sorted and disjoint
    for index in range(first, len(quoted)):
        outer = quoted[index]
        if outer.start >= hi:
            break
        out += tokenize(text, pos, max(pos, outer.start))
        out.append(Token('""', index))
        pos = max(pos, outer.stop)
    return out + tokenize(text, pos, max(pos, hi))


def _context(view: _View, mark: _Mark) -> list[Sentence]:
    """The sentences the quotation overlaps."""
    return [s for s in view.in_paragraph(mark.paragraph)
            if s.start < mark.end and s.start + len(s.text) > mark.start]


def _window(view: _View, first: Sentence) -> Iterator[Sentence]:
    """Sentences before `first`, nearest first: its paragraph's, then earlier prose paragraphs'."""
    yield from reversed([s for s in view.in_paragraph(first.paragraph) if s.start < first.start])
    for p in range(first.paragraph - 1, -1, -1):
        span = view.paragraphs[p]
        if is_prose(view.article.text[span.start:span.stop]):
            yield from reversed(view.in_paragraph(p))


def _resolve(view: _View, names: Speakers, first: Sentence, frame: Sequence[Token],
             pronoun: str) -> str | None:
    """The salient person a pronoun stands for (briefing.attribution.pronouns); None when in doubt."""
    return resolve(view, names, frame, pronoun, islice(_window(view, first), PRONOUN_LOOKBACK))


def _found(view: _View, names: Speakers, index: int, order: int) -> _Found | None:
    """One quotation with the speaker its own sentence (or a pronoun's antecedent) gives."""
    mark, text = view.marks[index], view.article.text
    sentences = _context(view, mark)
    if not sentences:
        return None
    said = None
    end = _end(sentences[-1])
    after = next((s for s in view.in_paragraph(mark.paragraph) if s.start >= end), None)
    if after and text[mark.end - 1] in "?!" and mark.outer.stop >= end:
        said = _attribute(view, names, [*sentences, after], index, trailing_only=True)  # '"Why?" X asked.'
        sentences = [*sentences, after] if said else sentences
    lo, hi = sentences[0].start, _end(sentences[-1])
    said = said or _attribute(view, names, sentences, index) or Said()
    if said.speaker is None and said.pronoun is None:  # the token rules decline: read the parse
        said = _parsed(view, names, sentences, index) or said
    pure = not view.span(lo, hi).has_words
    if not pure and _is_title(text[mark.start:mark.end], mark):
        said = Said(explicit=True)  # 'on NBC's "Meet the Press"': a work's title, nobody's words
    if pure and said.speaker is None and not said.explicit:
        said = _introduced(view, names, sentences[0], mark) or said
    return _Found(view.article.id, order, text[mark.start:mark.end], text[lo:hi], mark, pure,
                  said.speaker, said.explicit)


def _is_title(quoted: str, mark: _Mark) -> bool:
    """Title-case words inside a sentence, not set off as speech: the name of a show, book or slogan."""
    ws = quoted.split()
    if not 1 <= len(ws) <= TITLE_WORDS or mark.set_off or quoted[-1] in ".!?,;:":
        return False
    capitalised = [w for w in ws if w[0].isupper()]
    return ws[0][0].isupper() and all(w[0].isupper() or w.lower() in TITLE_SMALL_WORDS for w in ws) and (
        len(capitalised) >= 2 or len(ws) == 1 and len(ws[0]) > 1 and not ws[0].isupper())


def _introduced(view: _View, names: Speakers, first: Sentence, mark: _Mark) -> Said | None:
    """A quote standing alone after 'X said in a statement.', 'X responded:' or 'X said that ...':
    the speaker of the reporting sentence right before it (not a question: that one is answered)."""
    before = [s for s in view.in_paragraph(first.paragraph) if s.start < first.start]
    if not before and mark.opens_paragraph:
        before = list(view.in_paragraph(first.paragraph - 1))  # "X said:" may end a paragraph of its own
    intro = before[-1] if before else None
    if intro is None or intro.text.rstrip().endswith("?"):
        return None
    if view.span(intro.start, _end(intro)).quotations and not intro.text.rstrip().endswith(":"):
        return None  # a sentence with its own quote: _continued decides
    about = view.subject(intro)
    if not about.found and not (about.pronoun and intro.text.rstrip().endswith(":")):  # "He then listed them:"
        return None
    if about.pronoun:
        return Said(_resolve(view, names, intro, [], about.pronoun), about.pronoun, True)
    return Said(names.canonical_name(about.name, view.facts, not about.proper), explicit=True) if about.name else None


def _parsed(view: _View, names: Speakers, sentences: Sequence[Sentence], index: int) -> Said | None:
    """The speaker the dependency parse of the quote's sentences gives, resolved to a canonical name."""
    lo, hi = sentences[0].start, _end(sentences[-1])
    if view.span(lo, hi).quotations > MAX_QUOTES_PER_SENTENCE:
        return None  # a list of quotations: nobody's speech, and parsing it per quote would be quadratic
    found = view.cue(lo, hi, index)
    if not found.found:
        return None
    if found.pronoun:
        toks = view.span(lo, hi).tokens
        frame = toks[:next(i for i, t in enumerate(toks) if t.quote == index)]
        return Said(_resolve(view, names, sentences[0], frame, found.pronoun), found.pronoun, True)
    if found.name:
        return Said(names.canonical_name(found.name, view.facts, not found.proper), explicit=True)
    return Said(names.title(tokenize(found.phrase), view.facts) if found.phrase else None, explicit=True)


def _end(sentence: Sentence) -> int:
    return sentence.start + len(sentence.text)


def _attribute(view: _View, names: Speakers, sentences: Sequence[Sentence], index: int,
               trailing_only: bool = False) -> Said | None:
    """Who speaks quotation `index`, read from these sentences; a pronoun comes back resolved (or None)."""
    lo, hi = sentences[0].start, _end(sentences[-1])
    if view.span(lo, hi).quotations > MAX_QUOTES_PER_SENTENCE:
        return None  # a list of quotations, not reported speech: nothing to attribute safely
    toks = view.span(lo, hi).tokens
    q = next(i for i, t in enumerate(toks) if t.quote == index)
    said, frame = names.trailing(toks, q, view.facts, view.marks[index].set_off), toks[:q]
    if said is None and not trailing_only:
        said = names.leading(toks, q, view.facts)
        frame = toks[:next((i for i, t in enumerate(toks) if t.low in PRONOUNS), 0)]
    if said is None and not trailing_only:
        said, frame = names.final(toks, q, view.facts), []
    if said is None or not said.pronoun:
        return said
    return replace(said, speaker=_resolve(view, names, sentences[0], frame, said.pronoun))


def _continued(found: list[_Found]) -> list[_Found]:
    """Unattributed quotes that continue the speaker's quote just before (or after) them."""
    out: list[_Found] = []
    for f in found:
        prev = out[-1] if out else None
        if prev and prev.speaker and f.speaker is None and not f.explicit and f.pure and _follows(prev, f):
            f = replace(f, speaker=prev.speaker)
        out.append(f)
    for i in range(len(out) - 2, -1, -1):
        f, after = out[i], out[i + 1]
        if (f.speaker is None and not f.explicit and f.mark.unclosed and after.speaker
                and after.mark.paragraph == f.mark.paragraph + 1 and after.mark.opens_paragraph):
            out[i] = replace(f, speaker=after.speaker)
    return out


def _follows(prev: _Found, f: _Found) -> bool:
    """f is the next quote of prev's paragraph, or opens the next paragraph and does not answer a question."""
    if prev.mark.paragraph == f.mark.paragraph:
        return True
    adjacent = prev.mark.paragraph + 1 == f.mark.paragraph and f.mark.opens_paragraph
    return adjacent and (prev.mark.unclosed or not prev.text.endswith("?"))  # an open quote runs on


def _quote(members: list[_Found], weights: QuoteWeights) -> Quote:
    """One entry for a group of reports: the fullest attributed wording, the others as variants."""
    speaker = next((m.speaker for m in members if m.speaker), None)
    main = max(members, key=lambda m: (m.speaker is not None, len(words(m.text)), -m.order))
    seen = {tuple(words(main.text))}
    variants = []
    for m in sorted(members, key=lambda m: m.order):
        if tuple(words(m.text)) not in seen:
            seen.add(tuple(words(m.text)))
            variants.append(m.text)
    sources = tuple(sorted({m.article for m in members}))
    return Quote(main.text, speaker, sources, main.context, tuple(variants),
                 weights.score(main.text, speaker, len(sources)))


def extract_quotes(articles: Sequence[Article], sentences: Mapping[str, Sequence[Sentence]],
                   people: Sequence[Person], options: QuoteOptions,
                   lexicon: Lexicon | None = None) -> list[Quote]:
    """Every direct quotation, merged across sources, most important first; the top ones are key."""
    first = Speakers(people)
    views = [_view(a, sentences.get(a.id), first) for a in articles]
    names = Speakers(people, shared_full_names([v.facts for v in views]))
    found: list[_Found] = []
    for view in views:
        here = []
        for i in range(len(view.marks)):
            f = _found(view, names, i, len(found) + i)
            if f is not None:
                here.append(f)
                if f.speaker:
                    view.spoken.append((f.mark.start, f.speaker))
        found += _continued(here)
    df = Counter(w for a in articles for w in wording(a.text, lexicon).content)
    weights = QuoteWeights(df, len(articles), lexicon, options.min_words)
    quotes = sorted((_quote(c, weights) for c in cluster(found, lexicon, options.min_words)),
                    key=lambda q: (-q.score, q.text, q.sources))
    log.debug("quotes: %d found, %d after merging, %d attributed", len(found), len(quotes),
              sum(1 for q in quotes if q.speaker))
    return mark_key(quotes, options.key, options.min_words, {p.name: p.party for p in people if p.party})
