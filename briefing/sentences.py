"""Offline sentence and word splitting, and the tokenizer handed to sumy.

No NLTK data is ever needed: sentence boundaries come from punctuation,
capitalisation and a list of abbreviations. Splitting never loses text: the
sentences of a paragraph, with the whitespace between them, are the paragraph.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from briefing.models import Article, Sentence
from briefing.speech import SPEECH, TRAILING_PARTICLES, TRAILING_SPEECH

# Tokens that end with a period but do not end a sentence (English news usage).
ABBREVIATIONS = frozenset("""
mr mrs ms dr prof st jr sr gen col lt sgt capt cmdr adm maj gov sen rep rev hon pres
supt atty det insp cpl pvt sens reps del
vs etc inc ltd co corp bros jan feb mar apr jun jul aug sep sept oct nov dec
u.s u.k u.n e.u a.m p.m i.e e.g approx dept est fig mt ft
""".split())
# Of those, the ones that often end a sentence too: a company's or a country's name, a time, "Jr.". Before
# an opening quotation mark they do ('..., said Ann Lee of Acme Corp. "We will ..."'): a title never does.
SENTENCE_FINAL_ABBREVIATIONS = frozenset("inc ltd co corp bros etc u.s u.k u.n e.u a.m p.m jr sr".split())
_OPENS_QUOTE = re.compile(r"""\s+["“«][A-Z0-9]""")

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
# A line of more words than this is an article (or a large part of one) that lost its paragraph
# breaks: news paragraphs run to 32 words (median) and 103 (99th percentile); 2 in 1,000 are longer
# (PolNeAR train). Its quotation marks are paired by direction and paragraph-like blocks recovered.
# At 120, one long paragraph of nested double quotes lost its quote; flattened text gained nothing.
FLAT_LINE_WORDS = 150
# An article of one line longer than most paragraphs (90th percentile: 64 words) is read the same way.
FLAT_TEXT_WORDS = 60
_OPENERS = "“„«"
_CLOSERS = "”»"
# What may stand right after a closing mark, or right before an opening one.
_AFTER_CLOSE = ",.;:?!)]}—–-'’…"
_BEFORE_OPEN = "([{—–-/"
# A sentence's end right before an opening mark: terminal punctuation, maybe a closing single quote or bracket.
_SENTENCE_END = re.compile(r"[.!?…]['’)\]]?\s*$")
# Where a paragraph of a quote of several ends: a sentence, or a colon before a list ("Here they are:").
_PARAGRAPH_END = re.compile(r"(?:[.!?…]['’)\]]?|:)\s*$")
SENTENCE_END_CHARS = 4  # the text _SENTENCE_END reads before a mark: a stop, a closer and a space or two
# A sentence after a closed quotation that starts a new paragraph: a capital, not a reporting tail.
_NEXT_SENTENCE = re.compile(r"\s+([\"“«(\[]?[A-Z])")
_NEGATIONS = frozenset({"not", "never", "didn't", "won't", "wouldn't", "hasn't", "haven't", "declined"})
_PROSE_BETWEEN = re.compile(r"[.!?…]\s+[A-Z]")  # a sentence's end and the next one's start
_TERMINAL = re.compile(r"[.!?…]|[\"“”«»„]")
# A reporting clause after a quoted question or exclamation names the speaker in a few words
# ('"Why?" Lund, a retired docker from the port, asked the crowd.'); after a statement it is bare
# ('"It is over." Lund, the chief, said.'), and a sentence this short after a question is its clause.
REPORTING_CLAUSE_WORDS = 10
BARE_CLAUSE_WORDS = 6
BARE_SENTENCE_WORDS = 3


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph: a line of the text, or a part of a flattened line (`flat`) read as one."""

    start: int
    stop: int
    flat: bool


@dataclass(frozen=True, slots=True)
class QuotePair:
    """A quotation's marks in a flattened line: its opening mark and its closing one (None when left open)."""

    opens: int
    closes: int | None


def paragraphs(text: str) -> Iterator[re.Match[str]]:
    """Yield each non-empty line of the text as a paragraph match."""
    for match in _PARAGRAPH.finditer(text):
        if match.group().strip():
            yield match


def blocks(text: str, article: bool = False) -> Iterator[Block]:
    """Each line of the text; a flattened line (or an article of one line) cut where paragraphs likely began."""
    lines = list(paragraphs(text))
    one_line = article and len(lines) == 1 and len(text.split(maxsplit=FLAT_TEXT_WORDS)) > FLAT_TEXT_WORDS
    for match in lines:
        line = match.group()
        if not (one_line or is_flat(line)):
            yield Block(match.start(), match.end(), False)
            continue
        cuts = _cuts(line)
        for lo, hi in zip([0, *cuts], [*cuts, len(line)], strict=True):
            if line[lo:hi].strip():
                yield Block(match.start() + lo, match.start() + hi, True)


def is_flat(line: str) -> bool:
    """Whether a line is too long for a paragraph: an article that lost its paragraph breaks."""
    return len(line) > FLAT_LINE_WORDS * 4 and len(line.split()) > FLAT_LINE_WORDS


def _cuts(line: str) -> list[int]:
    """Where a flattened line's paragraphs likely began.

    In news a quote left open is opened again on the next paragraph; a sentence that opens with a
    quotation opens its paragraph, unless it goes on from a quoted sentence ('"A," Lund said. "B."');
    and a sentence after a quotation that ends one opens a paragraph, unless it is that quotation's
    reporting clause ('"Why?" Lund asked the crowd.').
    """
    cuts = set()
    pairs = quote_pairs(line)
    for before, pair in zip([None, *pairs], pairs, strict=False):
        closed = -1 if before is None else before.closes
        if closed is None or _SENTENCE_END.search(line[max(0, pair.opens - SENTENCE_END_CHARS):pair.opens]) and (
                closed < 0 or _PROSE_BETWEEN.search(line, closed + 1, pair.opens)):
            cuts.add(pair.opens)  # opened again, or a quote opening a sentence after prose
        if pair.closes is not None and _quote_end(line, pair.closes) in _ENDS:
            after = _NEXT_SENTENCE.match(line, pair.closes + 1)
            if after and not _reports(line, after.start(1), _quote_end(line, pair.closes) in "?!"):
                cuts.add(after.start(1))
    return sorted(cuts - {0})


def _quote_end(line: str, closes: int) -> str:
    """The punctuation a quotation ends with before its closing mark (through a closing single quote: .'")."""
    return line[max(0, closes - SENTENCE_END_CHARS):closes].rstrip("'’")[-1:]


def _reports(line: str, pos: int, question: bool) -> bool:
    """Whether the sentence at `pos` is the reporting clause of the quote before it ('Lund asked the crowd.').

    After a question or an exclamation, a reporting verb among its first words makes it one, and
    so does a sentence of a few words ("Lund repeated."); after a statement only a short clause with
    a reporting verb ('"..." Lund said.'). Never when it opens with the verb ("Asked about it, ..."),
    denies it ("Lund did not reply"), reports a clause of its own ("said in May that ...") or
    introduces a quotation of its own ('Berg replied, "No."').
    """
    end = _TERMINAL.search(line, pos)
    words = _WORD.findall(line[pos:end.start() if end else len(line)])
    if (end and end.group() in _OPENERS + '"' and line[end.end():end.end() + 1].isupper()
            and len(words) <= BARE_CLAUSE_WORDS):
        return False
    if not question and len(words) > BARE_CLAUSE_WORDS:
        return False
    verbs = [i for i, word in enumerate(words[:REPORTING_CLAUSE_WORDS]) if _reporting(words, i)]
    if not verbs:
        return question and len(words) <= BARE_SENTENCE_WORDS
    verb = verbs[0]
    rest = {w.lower() for w in words[verb + 1:]}
    denied = bool({w.lower() for w in words[max(0, verb - 2):verb]} & _NEGATIONS)
    return verb > 0 and not denied and "that" not in rest  # its own report ("said ... that"), or "did not reply"


def _reporting(words: list[str], index: int) -> bool:
    """Whether words[index] is a reporting verb ("said", "continued", "went on")."""
    low = words[index].lower()
    following = words[index + 1].lower() if index + 1 < len(words) else ""
    return low in SPEECH or low in TRAILING_SPEECH or TRAILING_PARTICLES.get(low) == following


def quote_pairs(line: str) -> list[QuotePair]:
    """Quotation marks of a line paired by direction (a straight mark's from its neighbours).

    A mark opened again at a sentence's end (or after a colon) leaves the earlier quotation open (the news convention
    for a quote of several paragraphs); an opening mark that is neither closed nor opened again so
    is a stray and pairs with nothing; one still open at the line's end comes last, unclosed.
    """
    pairs: list[QuotePair] = []
    opened: int | None = None
    for match in QUOTE_MARK.finditer(line):
        pos = match.start()
        opening = _opens(line, pos, opened is None)
        if not opening and opened is not None:
            pairs.append(QuotePair(opened, pos))
            opened = None
        elif opening:
            if opened is not None and _PARAGRAPH_END.search(line[max(opened + 1, pos - SENTENCE_END_CHARS):pos]):
                pairs.append(QuotePair(opened, None))
            opened = pos
    return pairs if opened is None else [*pairs, QuotePair(opened, None)]


def _opens(line: str, pos: int, default: bool) -> bool:
    """Whether the mark at `pos` opens a quotation: curly marks say so, a straight one by its neighbours."""
    mark = line[pos]
    if mark in _OPENERS or mark in _CLOSERS:
        return mark in _OPENERS
    before = line[pos - 1] if pos else " "
    after = line[pos + 1] if pos + 1 < len(line) else " "
    open_left = before.isspace() or before in _BEFORE_OPEN
    if open_left and not (after.isspace() or after in _AFTER_CLOSE):
        return True
    if not open_left and (after.isspace() or after in _AFTER_CLOSE):
        return False
    return default


def sentence_spans(paragraph: str, flat: bool = False) -> list[range]:
    """Character ranges of the sentences in one paragraph, leading/trailing space excluded.

    Linear in the paragraph: each boundary looks only at the token before it and the text
    right after it (a paragraph of 50,000 initials or quotations must not take minutes).
    """
    spans: list[range] = []
    start = len(paragraph) - len(paragraph.lstrip())
    quoted = quoted_regions(paragraph, flat)
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


def quoted_regions(paragraph: str, flat: bool = False) -> list[range]:
    """Ranges strictly inside balanced double quotes (curly or straight) of a paragraph."""
    if flat:  # without paragraph breaks, marks pair by direction
        return [range(p.opens + 1, p.closes) for p in quote_pairs(paragraph) if p.closes is not None]
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
    if token in SENTENCE_FINAL_ABBREVIATIONS and _OPENS_QUOTE.match(paragraph, end):
        return False
    if token in ABBREVIATIONS:
        return True
    return _INITIALS.fullmatch(token) is not None


def split_text(text: str) -> list[str]:
    """Split any text into sentences (never across a line break)."""
    out: list[str] = []
    for block in blocks(text):
        para = text[block.start:block.stop]
        out.extend(para[s.start:s.stop] for s in sentence_spans(para, block.flat))
    return out


def split_sentences(article: Article) -> list[Sentence]:
    """The sentences of an article, each with its position and character offset."""
    out: list[Sentence] = []
    for p_index, block in enumerate(blocks(article.text, article=True)):
        para = article.text[block.start:block.stop]
        for span in sentence_spans(para, block.flat):
            out.append(Sentence(
                text=para[span.start:span.stop],
                article_id=article.id,
                index=len(out),
                start=block.start + span.start,
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
