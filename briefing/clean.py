"""Strip what is not article prose: headlines, bylines, captions, credits, boilerplate.

Cleaning works on lines (a line is a paragraph) with rules about the *shape* of
text, so they carry over to any outlet:

- prose ends like a sentence (. ! ? or …, then closing quotes or brackets);
  headlines, subheads, mastheads, tag lists and most captions do not;
- a title-case line is a headline even when it ends with ? or !;
- labelled lines are boilerplate: bylines, timestamps, photo captions and credits,
  "Tags" and the list after it, disclaimers, "Publisher:", "Originally published
  on", "Read more", "Sign up", "Share", copyright lines;
- credits glued to prose are cut off and the prose kept: a dateline ("OSLO — ")
  before a lead paragraph, a wire credit ("— Reuters", "With Post wires") after a
  paragraph, a headline glued to the first sentence;
- a paragraph repeated verbatim, or a standfirst the body repeats, is kept once;
- a line that opens with a quotation and holds only it, or it and a dash signature
  ('"..." ― Name', quotes in a list), is kept though it does not end like a sentence.

The rules for labelled lines and glued credits live in briefing.boilerplate.

Nothing is reworded: every output paragraph is a piece of one normalised input
line (briefing.normalisation).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from briefing.boilerplate import (
    BOILERPLATE_MAX_WORDS,
    EDGE_PUNCT,
    is_boilerplate,
    is_section_label,
    strip_credits,
    strip_tagline_tail,
)
from briefing.decoding import repaired
from briefing.markup import strip_markup
from briefing.models import Article
from briefing.normalisation import normalise
from briefing.sentences import split_text
from briefing.speech import SPEECH, TRAILING_SPEECH
from briefing.wirecopy import strip_wire_furniture

# A headline, glued or on its own line, has at least this many words that are not
# small words: shorter capitalised runs are names ("President Volodymyr Zelensky").
HEADLINE_MIN_WORDS = 3
# Share of a glued headline's words the article also uses in lower case (common
# words, not names): below it, a capitalised run is more likely a name than a headline.
HEADLINE_COMMON_SHARE = 0.5
# Headline, masthead, standfirst and byline sit in the first few lines; an
# unpunctuated line further down is a subhead, not the headline.
HEADING_LINES = 8
# An outlet's name is short: "Shropshire Star", "The Nordic Post", "nypost.com".
MASTHEAD_MAX_WORDS = 4
# Datelines ("GENEVA — ", 1990s wire copy's "ROME (AP) _ ") open the lead; a standfirst may come before it.
LEAD_PARAGRAPHS = 2
# A shorter paragraph that another one starts with is a repeated standfirst; below
# this length a shared opening ("He said") proves nothing.
STANDFIRST_MIN_WORDS = 5
# A line without terminal punctuation is prose only when it holds a sentence and then
# an unfinished one at least this long (a cut-off paragraph), not a credit or a label.
PROSE_TAIL_MIN_WORDS = 5
# Hard-wrapped text (e-mail, 72-column files) breaks sentences across lines. A line of
# at least WRAP_MIN_CHARS (shorter ones are headings or labels) that ends mid-sentence
# and runs on in lower case is wrapped; when this share of the lines that run on into
# another line are wrapped, blocks are joined. Captions over a credit line do not count.
WRAP_MIN_CHARS = 40
WRAPPED_SHARE = 0.3
# A line that opens with a closed quotation and is mostly quotation is kept without terminal
# punctuation: quotes in a list, each signed '"..." ― Name' (a lead, 'Name: "..."', marks a
# headline). Its longest quoted passage has at least QUOTE_MIN_WORDS words (as the quotes stage
# asks; fewer are scare quotes or titles), the quoted words are at least QUOTED_SHARE of the line,
# and a dash signature after it has at most SIGNATURE_MAX_WORDS words (a name and a short
# description, not a clause).
QUOTE_MIN_WORDS = 4
QUOTED_SHARE = 0.5
SIGNATURE_MAX_WORDS = 12

# A headline or subhead in capitals run into the sentence after it, as text without paragraph
# breaks carries them ("SAFETY FEATURES TOP CONSUMER LISTS There was a time ..."): three or more
# capitalised words at a line's or sentence's start, before a word in lower case. Prose never
# opens a sentence so (a shouted slogan comes in quotation marks, which this leaves alone). At most
# HEADLINE_MAX_WORDS (25) words: a line of 20,000 initials is then read in linear time.
_GLUED_CAPS = re.compile(r"(?:^|(?<=[.!?] )|(?<=[.!?][\"')] ))(?:[A-Z][A-Z0-9'&.,:;-]*\s+(?:_\s+)?){2,24}"
                         r"[A-Z][A-Z0-9'&.,:;-]*\s+(?=[A-Z][a-z])")
_TOKEN = re.compile(r"\S+")
_WORD = re.compile(r"[^\W\d_][\w'-]*")
# Sentence ends: also the Arabic question mark, Urdu full stop, Devanagari danda and CJK stops.
_TERMINAL = re.compile(r"[.!?\u2026\u061f\u06d4\u0964\u0965\u3002\uff01\uff1f\uff0e][\"')\]]*$")
_BULLET = re.compile(r"^(?:[\u2022\u25aa\u25cf\u25e6\u2023\u2219*]|-(?=\s))\s*")

# Words a title-case headline leaves in lower case.
SMALL_WORDS = frozenset("a an the and or but nor for of to in on at by with from as vs via per into than"
                        .split())

# A dateline's place in capitals, its region and date, and the agency ("LIMA, Peru, May 2 (Xinhua)").
_PLACE_AND_DATE = (r"[A-Z][A-Z.'-]{2,}(?: [A-Z][A-Z.'-]+){0,3}(?:, [A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3})?"
                   r"(?:,? [A-Z][a-z]{2,8}\.? \d{1,2})?(?: \([\w .&'-]{1,30}\))?")
_DATELINE = re.compile(rf"^{_PLACE_AND_DATE} ?(?:[\u2014\u2013_]|-{{1,2}}|:) (?=[\"'A-Z0-9])")
# Without paragraph breaks a headline runs into the dateline ("Talks Resume GENEVA (AP) _ The ...",
# "Rain Floods Town LIMA, Peru, May 2 (Xinhua) -- ..."): the place in capitals, its region and date,
# the agency, then a dash (1990s wire copy types it " _ "). A headline is at most this many words.
HEADLINE_MAX_WORDS = 25
_GLUED_DATELINE = re.compile(rf"(?<=\s){_PLACE_AND_DATE} ?(?:[\u2014\u2013_]|-{{1,2}}) (?=[\"'A-Z0-9])")
# A prose sentence ends inside the text before it: then that text is no headline ("N.J." is no end).
_PROSE_END = re.compile(r"[a-z]{2}[.!?][\"')]*\s")
_DOMAIN = re.compile(r"^[\w-]+(?:\.[\w-]+)+$")
# What may follow a quotation's closing mark on a quotation line: nothing, or a dash signature.
_LIST_NUMBER = re.compile(r"^\s*(?:\d{1,3}[.)]\s*)?$")  # all a quotation line may hold before its mark
_SIGNED = re.compile(r"(?:[\u2014\u2013\u2015]|-{1,2})\s*(?P<name>[^\W\d_].*)")


@dataclass(frozen=True, slots=True)
class Heading:
    """What the lines above an article's first paragraph say: its headline and masthead."""

    title: str = ""
    masthead: str = ""


# Texts whose normalised form and lines are memoised: reading a file normalises it for its
# metadata, its headline and its cleaning; a few recent texts cover that.
TEXT_CACHE = 8


@lru_cache(maxsize=TEXT_CACHE)
def unwrap(text: str) -> str:
    """The normalised text, with each blank-line-separated block joined when it looks hard-wrapped."""
    lines = normalise(text).split("\n")
    pairs = [(line, after) for line, after in zip(lines, lines[1:], strict=False) if line and after]
    wrapped = sum(1 for line, after in pairs
                  if len(line) >= WRAP_MIN_CHARS and not _TERMINAL.search(line) and after[0].islower())
    if wrapped < 2 or wrapped < WRAPPED_SHARE * len(pairs):
        return "\n".join(line for line in lines if line)
    blocks = re.split(r"\n{2,}", "\n".join(lines))
    joined = (" ".join(line for line in block.split("\n") if line) for block in blocks)
    return "\n".join(line for line in joined if line)


def clean_text(text: str, title: str = "") -> str:
    """Article prose only: one normalised paragraph per line, boilerplate and credits removed."""
    lines = text_lines(text)
    title = normalise(title).replace("\n", " ").strip()
    others = OtherLines(lines)
    kept: list[str] = []
    after_section = False
    for index, line in enumerate(lines):
        if is_section_label(line) or (after_section and _is_link(line)):
            after_section = True
            continue
        after_section = False
        if _same(line, title) or is_boilerplate(line):
            continue
        line = _GLUED_CAPS.sub("", strip_wire_furniture(strip_credits(line)))
        if not kept:
            line = cut_glued_dateline(split_headline(line, title, others.of(index))[1])
        if len(kept) < LEAD_PARAGRAPHS:
            line = _DATELINE.sub("", line)
        if line and (is_prose(line) or is_quotation(line) or _introduces_quote(line, lines[index + 1:index + 2])):
            kept.append(line)
    if kept:  # a contributor's tagline glued after the last sentence: the article's end, flattened
        kept[-1] = strip_tagline_tail(kept[-1])
    return "\n".join(_drop_repeats([line for line in kept if line]))


def _introduces_quote(line: str, following: list[str]) -> bool:
    """'Lund continued:' over a quotation: the line that names its speaker, not a label to drop
    ("Transcript as follows:" is one: no verb of speech)."""
    if not (line.endswith(":") and following and following[0].startswith('"')):
        return False
    return any(w in SPEECH or w in TRAILING_SPEECH for w in _WORD.findall(line.lower()))


def cut_glued_dateline(line: str) -> str:
    """The line without a headline and dateline run into its first sentence (paragraph breaks lost)."""
    match = _GLUED_DATELINE.search(line)
    if match is None:
        return line
    headline = line[:match.start()].split()
    if (len(headline) > HEADLINE_MAX_WORDS or _PROSE_END.search(line, 0, match.start())
            or (headline and headline[-1] in SMALL_WORDS)):  # "... said the GENEVA talks": no headline
        return line
    return line[match.end():]


def clean_article(article: Article) -> Article:
    """The article with cleaned text, and its title taken from the headline when it had none.

    HTML markup goes first, from the text, the title and the publisher: in a plain-text
    source it is never prose, and it must not reach the plain-text outputs.
    """
    text = strip_markup(repaired(article.text))  # mojibake undone first: "FranÃ§ois" is "François" everywhere
    title = normalise(strip_markup(repaired(article.title))).replace("\n", " ").strip() or heading(text).title
    publisher = " ".join(strip_markup(article.publisher).split()) if "<" in article.publisher else article.publisher
    return replace(article, text=clean_text(text, title), title=title, publisher=publisher)


def heading(text: str) -> Heading:
    """The headline (and masthead) above the first paragraph, or glued to its first sentence."""
    lines = text_lines(text)
    candidates: list[str] = []
    first_prose = None
    for index, line in enumerate(lines[:HEADING_LINES]):
        if is_prose(line) or is_signed_quotation(line):  # a quote signed by a name is not a headline
            first_prose = index
            break
        if not (is_section_label(line) or is_boilerplate(line)) and len(_WORD.findall(line)) >= 2:
            candidates.append(line)
    masthead = ""
    if len(candidates) >= 2 and is_masthead(candidates[0]):
        masthead = candidates.pop(0)
    if candidates:
        return Heading(candidates[0], masthead)
    if first_prose is not None:
        context = "\n".join(lines[:first_prose] + lines[first_prose + 1:])
        return Heading(split_headline(lines[first_prose], "", context)[0], masthead)
    return Heading("", masthead)


def is_prose(line: str) -> bool:
    """True when a line reads as article prose rather than a headline, label or caption."""
    if not _WORD.search(line):  # punctuation, symbols and numbers only
        return False
    if _TERMINAL.search(line):
        return line.rstrip("\"')]").endswith(".") or not is_title_case(line)
    if line.endswith(":"):
        return len(_WORD.findall(line)) >= 4 and not is_title_case(line)
    sentences = split_text(line)
    if len(sentences) >= 2 and len(line.split(maxsplit=BOILERPLATE_MAX_WORDS)) > BOILERPLATE_MAX_WORDS:
        return True  # no headline or label runs this long: an article without paragraph breaks, whatever its tail
    return len(sentences) >= 2 and len(_WORD.findall(sentences[-1])) >= PROSE_TAIL_MIN_WORDS


def is_quotation(line: str) -> bool:
    """True for a line that opens with a closed quotation, then nothing or a dash signature ('"..." ― Name')."""
    parts = line.split('"')
    if len(parts) < 3 or len(parts) % 2 == 0 or not _LIST_NUMBER.match(parts[0]):  # none, unclosed, after a lead
        return False
    passages = [len(_WORD.findall(p)) for p in parts[1::2]]
    if max(passages) < QUOTE_MIN_WORDS or sum(passages) < QUOTED_SHARE * len(_WORD.findall(line)):
        return False
    tail = parts[-1].strip()
    if not tail:  # a title-case quotation alone is a headline
        return not is_title_case(line)
    signed = _SIGNED.fullmatch(tail)
    return signed is not None and len(_WORD.findall(signed["name"])) <= SIGNATURE_MAX_WORDS


def is_signed_quotation(line: str) -> bool:
    """True for a quotation line with a dash signature after its closing mark."""
    return is_quotation(line) and bool(line.rsplit('"', 1)[-1].strip())


def is_title_case(line: str) -> bool:
    """True for a headline-style line: enough words beyond small words, every one capitalised."""
    content = [w for w in _WORD.findall(line) if w.lower() not in SMALL_WORDS]
    return len(content) >= HEADLINE_MIN_WORDS and all(w[0].isupper() for w in content)


class OtherLines:
    """An article's lines indexed once, so each line can be compared with all the others cheaply.

    Guessing a glued headline looks at the rest of the article; rebuilding and rescanning
    it for every line made cleaning quadratic (minutes for a few hundred KB of unpunctuated lines).
    """

    def __init__(self, lines: Sequence[str]) -> None:
        self._lines = lines
        self._index: tuple[list[frozenset[str]], Counter[str], str, list[int]] | None = None

    def _built(self) -> tuple[list[frozenset[str]], Counter[str], str, list[int]]:
        if self._index is None:  # built on first use: most articles never need it
            stems = [_lowercase_stems(line) for line in self._lines]
            folded = [line.casefold() for line in self._lines]
            starts = [0]
            for line in folded:
                starts.append(starts[-1] + len(line) + 1)
            self._index = (stems, Counter(s for line in stems for s in line), "\n".join(folded), starts)
        return self._index

    def of(self, index: int | None) -> Others:
        """Every line but the one at ``index`` (None: every line)."""
        return Others(self, index)

    def uses_stem(self, stem: str, index: int | None) -> bool:
        """Whether a line other than ``index`` writes a word with this stem in lower case."""
        stems, uses, _, _ = self._built()
        return uses[stem] - (index is not None and stem in stems[index]) > 0

    def contains(self, phrase: str, index: int | None) -> bool:
        """Whether a line other than ``index`` contains the casefolded phrase (which holds no line break)."""
        _, _, folded, starts = self._built()
        found = folded.find(phrase)
        if index is None or found == -1 or found < starts[index]:
            return found != -1
        return folded.find(phrase, starts[index + 1]) != -1


@dataclass(frozen=True, slots=True)
class Others:
    """The lines of an article other than one (see OtherLines)."""

    lines: OtherLines
    index: int | None

    def uses_stem(self, stem: str) -> bool:
        """Whether one of these lines writes a word with this stem in lower case."""
        return self.lines.uses_stem(stem, self.index)

    def contains(self, phrase: str) -> bool:
        """Whether one of these lines contains the casefolded phrase."""
        return self.lines.contains(phrase, self.index)


def split_headline(line: str, title: str = "", context: str | Others = "") -> tuple[str, str]:
    """(headline, rest) when a headline is glued before the first sentence of a line, else ("", line).

    With a known title the line must start with it. Without one, the headline is a
    title-case run of common words (the article's ``context`` uses them in lower case)
    that ends where a sentence starts with a common word: a name is never cut.
    """
    if title:
        if len(line) > len(title) and line.casefold().startswith(title.casefold()):
            rest = line[len(title):]
            if rest[:1] in (" ", ":", "|", "-", "\u2014", "\u2013"):
                return line[:len(title)].strip(), rest.lstrip(" :|-\u2014\u2013")
        return "", line
    return _guess_headline(line, context)


def _guess_headline(line: str, context: str | Others) -> tuple[str, str]:
    tokens = list(_TOKEN.finditer(line))
    words = [t.group().strip(EDGE_PUNCT) for t in tokens]
    first_lower = next((i for i, w in enumerate(words)
                        if w[:1].islower() and w.lower() not in SMALL_WORDS), None)
    if first_lower is None or not all(w and (w[0].isupper() or w[0].isdigit() or w.lower() in SMALL_WORDS)
                                      for w in words[:first_lower]):
        return "", line
    start = max((i for i in range(first_lower) if words[i][0].isupper()), default=0)
    head = [w for w in words[:start] if w.lower() not in SMALL_WORDS]
    if len(head) < HEADLINE_MIN_WORDS or _TERMINAL.search(tokens[start - 1].group()):
        return "", line
    others = context if isinstance(context, Others) else OtherLines([context]).of(None)
    own = _lowercase_stems(line[tokens[start].start():])

    def common(word: str) -> bool:
        stem = _stem(word)
        return stem in own or others.uses_stem(stem)

    shared = sum(1 for w in head[1:] if common(w))
    starts_common = words[start].lower() in SMALL_WORDS or common(words[start])
    bigram = f"{words[start - 1]} {words[start]}".casefold()
    if (not starts_common or shared < 2 or shared < HEADLINE_COMMON_SHARE * (len(head) - 1)
            or others.contains(bigram) or len(tokens) - start < 4):
        return "", line
    return line[:tokens[start].start()].strip(), line[tokens[start].start():]


def _lowercase_stems(text: str) -> frozenset[str]:
    """Every prefix (3-5 letters) of the words the text writes in lower case."""
    return frozenset(w[:n] for w in _WORD.findall(text) if w[0].islower() for n in range(3, 6) if len(w) >= n)


def _stem(word: str) -> str:
    word = word.lower()
    return word[:5] if len(word) > 5 else word


def text_lines(text: str) -> list[str]:
    return list(_line_tuple(text))


@lru_cache(maxsize=TEXT_CACHE)
def _line_tuple(text: str) -> tuple[str, ...]:
    raw = unwrap(text).split("\n")
    lines = (line if _signs_quote(line, before) else _BULLET.sub("", line)
             for before, line in zip(["", *raw], raw, strict=False))
    return tuple(line for line in lines if line)


def _signs_quote(line: str, before: str) -> bool:
    """'- Bernie Sanders.' under a quotation alone on its line: a signature, whose dash stays (not a bullet)."""
    signed = _SIGNED.fullmatch(line.strip())
    return (signed is not None and line.startswith("-") and before.rstrip().endswith(('"', "”"))
            and len(_WORD.findall(signed["name"])) <= SIGNATURE_MAX_WORDS)


def _same(line: str, title: str) -> bool:
    return bool(title) and line.rstrip(EDGE_PUNCT).casefold() == title.rstrip(EDGE_PUNCT).casefold()


def _is_link(line: str) -> bool:
    """True for an entry of a tag or link list: not a statement ending with a period."""
    return not (is_prose(line) and line.rstrip("\"')]").endswith("."))


def is_masthead(line: str) -> bool:
    words = line.split()
    if len(words) == 1 and _DOMAIN.match(line):
        return True
    return (len(words) <= MASTHEAD_MAX_WORDS and not _TERMINAL.search(line)
            and not any(c.isdigit() for c in line)
            and all(w[0].isupper() or w.lower() in SMALL_WORDS for w in words))


def _drop_repeats(paragraphs: list[str]) -> list[str]:
    """Keep the first of identical paragraphs (not of quotes' signatures), and drop a standfirst that a longer
    paragraph repeats."""
    unique: list[str] = []
    seen: set[str] = set()
    for before, paragraph in zip(["", *paragraphs], paragraphs, strict=False):
        if _signs_quote(paragraph, before):  # "- Sanders." under each of his quotes in a fact check
            unique.append(paragraph)
        elif paragraph.casefold() not in seen:
            seen.add(paragraph.casefold())
            unique.append(paragraph)
    folded = [p.casefold() for p in unique]
    ordered = sorted(folded)  # the paragraphs that start with a stem are one run of the sorted list
    return [p for p, f in zip(unique, folded, strict=True) if not _repeated(f, ordered)]


def _repeated(paragraph: str, ordered: list[str]) -> bool:
    """Whether a longer paragraph (of the sorted ``ordered``) starts with this one, less its end punctuation."""
    stem = paragraph.rstrip(EDGE_PUNCT)
    if len(stem.split()) < STANDFIRST_MIN_WORDS:
        return False
    for other in ordered[bisect.bisect_left(ordered, stem):]:
        if not other.startswith(stem):
            return False
        if len(other) > len(paragraph) and not other[len(stem)].isalnum():
            return True
    return False
