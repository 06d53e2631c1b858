"""Offline sentence and word splitting, and the tokenizer handed to sumy.

No NLTK data is ever needed: sentence boundaries come from punctuation,
capitalisation and a list of abbreviations. Splitting never loses text: the
sentences of a paragraph, with the whitespace between them, are the paragraph.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from briefing.models import Article, Sentence

# Tokens that end with a period but do not end a sentence (English news usage).
ABBREVIATIONS = frozenset("""
mr mrs ms dr prof st jr sr gen col lt sgt capt cmdr adm maj gov sen rep rev hon pres
vs etc inc ltd co corp bros jan feb mar apr jun jul aug sep sept oct nov dec
u.s u.k u.n e.u a.m p.m i.e e.g approx dept est fig mt ft
""".split())

# A boundary candidate: terminal punctuation, optional closing quotes/brackets,
# then whitespace, then something that can start a sentence.
_BOUNDARY = re.compile(r"""[.!?…]+["'”’»)\]]*(?=\s+["'“‘«(\[]?[A-Z0-9À-ÖØ-Þ])""")
QUOTE_MARK = re.compile(r'["“”«»„]')
# A short attribution after a quote: up to five words, one a reporting verb, then the end.
_ATTRIBUTION_TAIL = re.compile(
    r"\s+(?:[\w'’.-]+\s+){0,4}(?:said|says|asked|asks|added|adds|told|tells|wrote|writes|replied|"
    r"insisted|cried|shouted|declared)\b[^.!?]{0,60}[.!?]")
_PARAGRAPH = re.compile(r"[^\n]+")
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
_SPACES = re.compile(r"\s*")
_ENDS = ".!?…"
# An initial or run of initials ("J.", "G.K.", "J.J."), lower-cased without its last period.
_INITIALS = re.compile(r"(?:[^\W\d_]\.){0,3}[^\W\d_]")


def paragraphs(text: str) -> Iterator[re.Match[str]]:
    """Yield each non-empty line of the text as a paragraph match."""
    for match in _PARAGRAPH.finditer(text):
        if match.group().strip():
            yield match


def sentence_spans(paragraph: str) -> list[range]:
    """Character ranges of the sentences in one paragraph, leading/trailing space excluded.

    Linear in the paragraph: each boundary looks only at the token before it and the text
    right after it (a paragraph of 50,000 initials or quotations must not take minutes).
    """
    spans: list[range] = []
    start = len(paragraph) - len(paragraph.lstrip())
    quoted = quoted_regions(paragraph)
    opens = [r.start for r in quoted]
    for match in _BOUNDARY.finditer(paragraph):
        end = match.end()
        if (_is_abbreviation(paragraph, start, end) or _inside(end, quoted, opens)
                or _attribution_follows(paragraph, start, end)):
            continue
        spans.append(range(start, end))
        spaces = _SPACES.match(paragraph, end)  # \s* always matches
        start = spaces.end() if spaces else end
    tail = paragraph[start:].rstrip()
    if tail:
        spans.append(range(start, start + len(tail)))
    return spans


def _inside(position: int, regions: list[range], starts: list[int]) -> bool:
    """Whether the position falls in one of the (sorted, disjoint) regions."""
    index = bisect.bisect_right(starts, position) - 1
    return index >= 0 and position in regions[index]


def quoted_regions(paragraph: str) -> list[range]:
    """Ranges strictly inside balanced double quotes (curly or straight) of a paragraph."""
    regions: list[range] = []
    opened: int | None = None
    for match in QUOTE_MARK.finditer(paragraph):
        mark, pos = match.group(), match.start()
        if opened is None and mark in "\"“«„":
            opened = pos
        elif opened is not None and mark in "\"”»“":
            regions.append(range(opened + 1, pos))
            opened = None
    return regions


def _attribution_follows(paragraph: str, start: int, end: int) -> bool:
    """True for '"...?" Name asked.': a quote ending in ?/! whose attribution follows it."""
    if not re.search(r"[?!…][\"”»]$", paragraph[max(start, end - 2):end]):
        return False
    return _ATTRIBUTION_TAIL.match(paragraph, end) is not None


def _is_abbreviation(paragraph: str, start: int, end: int) -> bool:
    """True when paragraph[start:end] ends with an abbreviation or an initial, not a sentence end."""
    if end <= start or paragraph[end - 1] != ".":
        return False
    stop = end
    while stop > start and paragraph[stop - 1] in _ENDS:  # the closing run of . ! ? …
        stop -= 1
    first = stop
    while first > start and (paragraph[first - 1].isalnum() or paragraph[first - 1] in "._"):
        first -= 1
    token = paragraph[first:stop].rstrip(".").lower()
    if token in ABBREVIATIONS:
        return True
    return _INITIALS.fullmatch(token) is not None


def split_text(text: str) -> list[str]:
    """Split any text into sentences (never across a line break)."""
    out: list[str] = []
    for para in paragraphs(text):
        out.extend(para.group()[s.start:s.stop] for s in sentence_spans(para.group()))
    return out


def split_sentences(article: Article) -> list[Sentence]:
    """The sentences of an article, each with its position and character offset."""
    out: list[Sentence] = []
    for p_index, para in enumerate(paragraphs(article.text)):
        for span in sentence_spans(para.group()):
            out.append(Sentence(
                text=para.group()[span.start:span.stop],
                article_id=article.id,
                index=len(out),
                start=para.start() + span.start,
                paragraph=p_index,
            ))
    return out


def words(text: str) -> list[str]:
    """Lower-cased word tokens of a text (letters, digits, inner hyphens/apostrophes)."""
    return [w.lower() for w in _WORD.findall(text)]


class SumyTokenizer:
    """Our offline tokenizer with the interface sumy expects; nothing is downloaded."""

    def __init__(self, language: str = "english") -> None:
        self.language = language

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        """Sentences of a paragraph."""
        return tuple(split_text(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        """Words of a sentence, case kept (sumy lower-cases itself)."""
        return tuple(_WORD.findall(sentence))
