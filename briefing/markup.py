"""HTML markup left in plain text (a .txt file, a JSON field, a decoded feed title) is never prose.

Tags of HTML elements go and leave their text; elements whose content is code (script,
style, iframe...) go with their content; comments go. An element or comment never closed
ends with its line: in plain text, one stray "<!--" must not swallow the article. Only
known element names count, so "3 < 5" and "<Reuters>" stay. One pass, linear in the text:
thousands of unclosed tags or comments cannot make it rescan the text.
"""

from __future__ import annotations

import re

# An opening or closing tag (attributes cannot hold another "<"; "<script/src=x>" is a tag too, and
# so is one the text ends in before its ">"), or the start of a comment.
_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)(?:[\s/][^<>]*)?(?:>|$)|<!--")
_ELEMENTS = frozenset("""
a abbr address applet area article aside audio b base basefont bdi bdo big blink blockquote body br button
canvas caption center cite code col colgroup data datalist dd del details dfn dialog dir div dl dt em embed
fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i
iframe img input ins isindex kbd keygen label legend li link main map mark marquee math menu meta meter nav
noembed noframes noscript object ol optgroup option output p param picture plaintext pre progress q rp rt
ruby s samp script section select slot small source span strike strong style sub summary sup svg table
tbody td template textarea tfoot th thead time title tr track tt u ul var video wbr xmp
""".split())
# Elements whose content is code or a document's metadata, never article text.
_CODE = frozenset("script style noscript noembed noframes template iframe object embed applet svg math "
                  "textarea select head title xmp plaintext".split())
# Elements that end a paragraph: their tags become line breaks, not nothing.
_BLOCKS = frozenset("address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 "
                    "h6 header hr li main nav ol p pre section table td th tr ul".split())


def strip_markup(text: str) -> str:
    """The text without HTML tags and comments; code elements go with their content."""
    if "<" not in text:
        return text
    parts: list[str] = []
    pos = 0
    unclosed: set[str] = set()  # code elements with no closing tag after the current position
    while (tag := _TAG.search(text, pos)) is not None:
        parts.append(text[pos:tag.start()])
        pos = tag.end()
        if tag.group() == "<!--":  # a comment never closed ends with its line, as a code element does
            close = text.find("-->", pos)
            pos = _line_end(text, pos) if close == -1 else close + 3
            continue
        name = tag.group(2).lower()
        if name not in _ELEMENTS:
            parts.append(tag.group())
            continue
        if name in _BLOCKS:
            parts.append("\n")
        if name in _CODE and not tag.group(1):
            pos = _after_closing(text, name, pos, unclosed)
    parts.append(text[pos:])
    return "".join(parts)


def _after_closing(text: str, name: str, pos: int, unclosed: set[str]) -> int:
    """Where the text resumes after the code element opened at ``pos`` (its end of line if never closed)."""
    if name not in unclosed:
        close = re.compile(rf"</{name}\s*>", re.IGNORECASE).search(text, pos)
        if close is not None:
            return close.end()
        unclosed.add(name)
    return _line_end(text, pos)


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end == -1 else end
