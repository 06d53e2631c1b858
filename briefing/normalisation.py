"""Text as every stage reads it: characters normalised before any line is judged.

Unicode NFC, one paragraph per line, single spaces, no invisible or control characters, no wire
typesetting codes or desk directives, and straight ASCII quotes (" and '). Straight, because the
names and titles in the YAML configuration are typed with straight quotes and must match the text;
renderers may typeset them. Wire copy's ASCII marks (``...'', ''...'') are read as the curly marks
they stand for first, and curly marks are paired by the way they face before they are made straight.
"""

from __future__ import annotations

import re
import unicodedata

_QUOTES = str.maketrans({
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2033": '"', "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2039": "'",
    "\u203a": "'", "\u2032": "'",
})
# 1990s wire copy (LDC's AP and NYT text) types quotation marks as ``...'' and a quote within it as
# `...': a backquote opens a single quote only before a word, never inside one ("don`t" is a typo).
# Other AP copy opens and closes with two apostrophes (''...''): two apostrophes are always a
# double mark, whichever way it faces (the straight '"' it ends as is read for its side later).
_TEX_SINGLE = re.compile(r"(?<!\w)`(?=\w)")
# Two apostrophes at a word's start (after a space, a bracket or the line's start, before a word or
# a single mark) open a quotation; anywhere else they close one.
_TWO_APOSTROPHES_OPEN = re.compile(r"(?:(?<=[\s(\[])|^)''(?=[\w`'\u2018])", re.MULTILINE)
# A quotation that runs over several paragraphs is left open at each paragraph's end and opened
# again at the next ("... they left.\n\u201cThen ..."). Text without paragraph breaks joins those
# paragraphs into one line; read as toggling straight marks, one such paragraph then flips every
# later pair. Within a line, an opening mark before a word, after a sentence's end while a
# quotation is still open, shows where that quotation ended, so it is closed there before the
# marks are made straight. A line's end keeps the quotation open: the paragraph code after reads
# the continuation ("\u201cword\u201c", a closing mark typed the wrong way, is followed by no word).
_FACING_MARKS = re.compile("[\u201c\u201d\n]")
# Some copy quotes in straight marks and a quotation within it in curly ones ("The law isn't about
# \u201cjustice\u201d anymore."): made straight, the inner pair would close the outer quotation. A
# curly pair inside a straight-quoted span, with words before it, is such an inner quote and becomes
# single. The other way round ("\u201cA," he said. "B.\u201d") is nearly always a slip, marks typed
# two ways at one level, and is left alone.
_INNER_PAIR = ("\u201c", "\u201d")
_SENTENCE_END = re.compile(r"[.!?\u2026][\u2019')]*$")
_END_WINDOW = 12  # characters before an opening mark that hold the spaces, closing marks and stop before it
# The New York Times wire's typesetting codes ("&QL;" a quad left, "&UR;" an upper rail, "&Cx1f;"):
# two capitals or a control number between & and ;, never an HTML entity (&LT;, &GT;, &DD; are).
_TYPESETTING = re.compile(r"&(?!(?:LT|GT|DD);)(?:[A-Z]{2}|Cx[0-9a-fA-F]{2});")
# Wire editors' directives to the desk, never prose: an all-capitals aside of two or more words
# ("(STORY CAN END HERE. OPTIONAL MATERIAL FOLLOWS)", "(END OPTIONAL TRIM)"), "(MORE)" and "(END)",
# a note "(EDITORS: ...)" / "(Eds: ...)", and the typesetter's "nn" (a lone word no English has).
# An aside of one capitalised word is an acronym or a party ("(NATO)", "(D-N.Y.)") and stays.
_DIRECTIVE = re.compile(r"\((?:[A-Z][A-Z'.,;:_-]*\s+)+[A-Z][A-Z'.,;:_-]*\)|\((?:EDITORS?|EDS?|Eds?)\s*:[^()]*\)"
                        r"|\((?:MORE|END)\)|(?<!\S)nn(?!\S)")
_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x1c-\x1e\x85]")
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060\ufeff]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"[^\S\n]+")


def normalise(text: str) -> str:
    """NFC, '\\n' line breaks, straight quotes, single spaces, no invisible or control characters."""
    text = _tex_quotes(_BREAKS.sub("\n", text))
    if "&" in text:
        text = _TYPESETTING.sub(" ", text)
    text = _DIRECTIVE.sub(" ", text)  # unguarded: a test for "nn" passes on "annual", "channel" ...
    if not text.isascii():  # invisible characters and curly quotes are all beyond ASCII
        if "\u201c" in text:
            text = _continued_quotes_closed(_inner_quotes_singled(text) if '"' in text else text)
        text = _INVISIBLE.sub("", text).translate(_QUOTES)
    text = _SPACES.sub(" ", unicodedata.normalize("NFC", _CONTROL.sub(" ", text)))
    return "\n".join(line.strip() for line in text.split("\n"))


def _tex_quotes(text: str) -> str:
    """Wire copy's ASCII quotation marks (``...'', ''...'' and `...') as the curly marks they stand for."""
    if "``" not in text and "''" not in text:  # some wire copy opens with two apostrophes too
        return text
    text = text.replace("``", "\u201c").replace("'''", "\u2019\u201d")  # a single quote closes first
    text = _TWO_APOSTROPHES_OPEN.sub("\u201c", text)
    return _TEX_SINGLE.sub("\u2018", text.replace("''", "\u201d"))


def _continued_quotes_closed(text: str) -> str:
    """Each quotation still open at an opening mark after a sentence's end in its line closed there."""
    out, pos, is_open = [], 0, False
    for mark in _FACING_MARKS.finditer(text):
        if is_open and mark.group() == "\u201c" and _reopens(text, mark.start()):
            before = text[pos:mark.start()]
            kept = before.rstrip()
            out.append(kept + "\u201d" + before[len(kept):])
            pos = mark.start()
        is_open = mark.group() == "\u201c"
    return "".join(out) + text[pos:]


def _inner_quotes_singled(text: str) -> str:
    """Curly double marks quoting within a straight-quoted span made single (\u2018...\u2019)."""
    return "\n".join(_line_inner_singled(line) if '"' in line else line for line in text.split("\n"))


def _line_inner_singled(line: str) -> str:
    """One line's straight-quoted spans, each with the curly pairs inside it made single."""
    marks = [i for i, c in enumerate(line) if c == '"']
    if len(marks) % 2 and not line.lstrip().startswith('"'):
        return line  # an odd mark in mid-line: which ones pair is unknown
    spans = [(marks[i], marks[i + 1]) for i in range(0, len(marks) - 1, 2)]
    if len(marks) % 2:
        spans.append((marks[-1], len(line)))  # a quotation left open runs on to the paragraph's end
    chars = list(line)
    for start, end in spans:
        inner = [i for i in range(start + 1, end) if line[i] in _INNER_PAIR]
        pairs = [line[i] for i in inner] == list(_INNER_PAIR) * (len(inner) // 2)
        if inner and pairs and any(c.isalnum() for c in line[start:inner[0]]):
            for n, i in enumerate(inner):
                chars[i] = "\u2018" if n % 2 == 0 else "\u2019"
    return "".join(chars)


def _reopens(text: str, at: int) -> bool:
    """The opening mark at `at` begins a new quotation: a space and a sentence's end before it, a word after."""
    after, before = text[at + 1:at + 2], text[max(0, at - _END_WINDOW):at].rstrip()  # a window, not the whole text
    return at > 0 and text[at - 1].isspace() and after.isalnum() and bool(_SENTENCE_END.search(before))
