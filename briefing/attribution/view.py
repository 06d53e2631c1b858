"""An article as attribution reads it: sentences, paragraphs, quotation marks, tokens and parses.

The view is built once per article (briefing.quotes) and caches what many quotes of one sentence
share: the tokens of a span (each quotation one token, parenthesised asides left out) and the
dependency parse of a frame, made only on first use.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from briefing.attribution.facts import name_facts
from briefing.attribution.frames import without_asides
from briefing.attribution.grammar import cue, introducer, subject_of
from briefing.attribution.parser import parse
from briefing.attribution.subjects import Cue
from briefing.mentions import NameFacts
from briefing.models import Article, Sentence
from briefing.sentences import Block, blocks, quote_pairs, split_sentences
from briefing.speakers import Speakers
from briefing.speech import Token, tokenize

_MARK = re.compile(r'["“”„«»]')
# The end of a sentence before a mark that opens another: a stop, maybe after a closing mark or bracket.
_SENTENCE_END = re.compile(r'[.!?][”"’\')]*$')
_CLOSERS = {'"': '"”', "“": '”"', "„": '“”"', "«": "»"}


@dataclass(frozen=True, slots=True)
class Mark:
    """One quotation in an article: its text's offsets and the offsets its marks enclose."""

    start: int
    end: int
    outer: range
    paragraph: int
    unclosed: bool
    opens_paragraph: bool
    set_off: bool  # the quote ends with , ? ! or a dash, as in '"...," he said'


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of text as tokens (not to be mutated), with its quotation count and whether it has words."""

    tokens: list[Token]
    quotations: int
    has_words: bool


@dataclass(frozen=True, slots=True)
class View:
    """An article with its sentences, paragraphs, quotation marks and names."""

    article: Article
    sentences: tuple[Sentence, ...]
    paragraphs: tuple[range, ...]
    marks: tuple[Mark, ...]
    quoted: tuple[range, ...]  # each mark's outer range, for tokens_of()
    facts: NameFacts
    by_paragraph: Mapping[int, tuple[Sentence, ...]]
    spans: dict[tuple[int, int], Span]
    parses: dict[tuple[int, int], Any]  # frame (lo, hi) -> its dependency parse, made on first use
    spoken: list[tuple[int, str]]  # (offset, speaker) of the quotes attributed so far, for pronouns

    def cue(self, lo: int, hi: int, index: int) -> Cue:
        """What the parse of text[lo:hi] says about who speaks quotation `index` (nothing when unparsed)."""
        doc = self._parsed(lo, hi)
        if doc is None:
            return Cue()
        shift = lambda r: range(r.start - lo, r.stop - lo)  # noqa: E731
        return cue(doc, shift(self.quoted[index]), [shift(r) for r in self.quoted_in(lo, hi)])

    def span(self, lo: int, hi: int) -> Span:
        """Tokens and counts of text[lo:hi], computed once per span (many quotes share a sentence)."""
        key = (lo, hi)
        if key not in self.spans:
            toks = without_asides(tokens_of(self.article.text, lo, hi, self.quoted))
            self.spans[key] = Span(toks, sum(1 for t in toks if t.quote >= 0), any(t.word for t in toks))
        return self.spans[key]

    def subject(self, sentence: Sentence) -> Cue:
        """What the parse of one sentence says about its subject (parsed now if it was not)."""
        return self._read(sentence, subject_of)

    def introducer(self, sentence: Sentence) -> Cue:
        """What the parse of a sentence ending in a colon says about whom it introduces."""
        return self._read(sentence, introducer)

    def _read(self, sentence: Sentence, reader: Callable[[Any, list[range]], Cue]) -> Cue:
        """One sentence's parse read by `reader`, with the quotations' ranges relative to it."""
        key = (sentence.start, sentence.start + len(sentence.text))
        doc = self._parsed(*key)
        if doc is None:
            return Cue()
        return reader(doc, [range(r.start - key[0], r.stop - key[0]) for r in self.quoted_in(*key)])

    def quoted_in(self, lo: int, hi: int) -> list[range]:
        """The quotations (marks included) overlapping text[lo:hi]; ranges are sorted and disjoint."""
        first = last = bisect_right(self.quoted, lo, key=lambda r: r.stop)
        while last < len(self.quoted) and self.quoted[last].start < hi:
            last += 1
        return list(self.quoted[first:last])

    def parsed(self, lo: int, hi: int) -> Any | None:
        """The parse of text[lo:hi] (made on first use)."""
        return self._parsed(lo, hi)

    def _parsed(self, lo: int, hi: int) -> Any | None:
        """The parse of text[lo:hi], made on first use: only frames the token rules cannot read are parsed."""
        if (lo, hi) not in self.parses:
            docs = parse([self.article.text[lo:hi]])
            self.parses[(lo, hi)] = docs[0] if docs else None
        return self.parses[(lo, hi)]

    def in_paragraph(self, paragraph: int) -> tuple[Sentence, ...]:
        """The sentences of one paragraph, in order."""
        return self.by_paragraph.get(paragraph, ())


def find_marks(text: str, span: range, paragraph: int) -> Iterator[Mark]:
    """The quotations of one paragraph; one left open runs to the paragraph's end."""
    opened: re.Match[str] | None = None
    for match in _MARK.finditer(text, span.start, span.stop):
        if opened is not None and match.group() in _CLOSERS[opened.group()]:
            mark = _make_mark(text, opened.start(), match.start(), match.end(), paragraph, span)
            yield from [mark] if mark else []
            opened = None
        elif match.group() in _CLOSERS:
            opened = match  # a new opening mark: an earlier one was never closed
    if opened is not None and _runs_on(text, opened.start(), span):
        mark = _make_mark(text, opened.start(), span.stop, span.stop, paragraph, span)
        yield from [mark] if mark else []


def find_flat_marks(text: str, block: Block, paragraph: int) -> Iterator[Mark]:
    """The quotations of a block of a flattened line, its marks paired by direction (sentences.quote_pairs)."""
    span = range(block.start, block.stop)
    for pair in quote_pairs(text[block.start:block.stop]):
        opens = block.start + pair.opens
        if pair.closes is not None:
            mark = _make_mark(text, opens, block.start + pair.closes, block.start + pair.closes + 1, paragraph, span)
        elif _runs_on(text, opens, span):  # left open: the block ends where it is opened again, or the line ends
            mark = _make_mark(text, opens, span.stop, span.stop, paragraph, span)
        else:
            continue
        yield from [mark] if mark else []


def _runs_on(text: str, opens: int, span: range) -> bool:
    """A quotation left open runs to its paragraph's end when it opens the paragraph or follows a colon, or
    opens a sentence when the next paragraph opens with a mark: the convention for a quote that goes on
    ('"...," X said. "But I doubt it.' then a paragraph '"There are ..."')."""
    before = text[span.start:opens].rstrip()
    if not before or before.endswith(":"):
        return True
    return _SENTENCE_END.search(before) is not None and _MARK.match(text[span.stop:].lstrip()) is not None


def _make_mark(text: str, opens: int, close: int, stop: int, paragraph: int, span: range) -> Mark | None:
    inner = text[opens + 1:close]
    body = inner.strip().rstrip(",;:").rstrip()
    if not any(c.isalnum() for c in body):
        return None
    start = opens + 1 + inner.index(body)
    return Mark(start, start + len(body), range(opens, stop), paragraph, close == stop == span.stop,
                 not text[span.start:opens].strip(), _set_off(inner, text[stop:stop + 2]))


def _set_off(inner: str, after: str) -> bool:
    """The quote ends with , ? ! or a dash; or with a period the writer meant as a comma: lower case goes
    on after it ('"It was sad." he said.')."""
    end = inner.rstrip()[-1:]
    return end in ",?!—–-…" or (end == "." and after[:1].isspace() and after[1:2].islower())


def article_view(article: Article, sentences: Sequence[Sentence] | None, names: Speakers) -> View:
    """An article's sentences (re-split when the given ones do not fit its text) and quotations."""
    text = article.text
    if not sentences or any(text[s.start:s.start + len(s.text)] != s.text for s in sentences):
        sentences = split_sentences(article)
    parts = tuple(blocks(text, article=True))
    spans = tuple(range(b.start, b.stop) for b in parts)
    marks = tuple(m for i, b in enumerate(parts)
                  for m in (find_flat_marks(text, b, i) if b.flat else find_marks(text, range(b.start, b.stop), i)))
    quoted = tuple(m.outer for m in marks)
    by_paragraph: dict[int, list[Sentence]] = {}
    for sentence in sentences:
        by_paragraph.setdefault(sentence.paragraph, []).append(sentence)
    return View(article, tuple(sentences), spans, marks, quoted, name_facts(names, text),
                 {p: tuple(group) for p, group in by_paragraph.items()}, {}, {}, [])


def tokens_of(text: str, lo: int, hi: int, quoted: Sequence[range]) -> list[Token]:
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
