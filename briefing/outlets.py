"""Outlets: who published an article, where the article itself says so (its headline or byline).

Cleaning (briefing.clean) strips mastheads and bylines from the text; this stage reads the
outlet's name out of them for the source's label.
"""

from __future__ import annotations

import re

from briefing.boilerplate import EDGE_PUNCT, is_byline
from briefing.clean import HEADING_LINES, is_masthead, text_lines

# A masthead after the headline: "Port talks stall - Metro Wire", "Talks end | Reuters".
_TITLE_SUFFIX = re.compile(r"^(?P<head>.+?)\s+(?:-|\||\u2013|\u2014|::|\u00b7)\s+(?P<value>[^-|\u2013\u2014]+)$")
# The outlet after the names of a byline: "By Ahmed Khan, Metro Wire".
_BYLINE_OUTLET = re.compile(r"^(?:by|from)\s+[^,\n]{2,80},\s*(?P<value>[^,\n]{2,40}?)\.?$", re.IGNORECASE)
# Words of a reporter's role, not an outlet: "By Ana Lind, Chief Correspondent".
_ROLE_WORDS = frozenset("""correspondent correspondents reporter reporters editor editors writer writers staff
contributor contributors columnist analyst producer journalist journalists chief senior political foreign
diplomatic special in at for bureau""".split())
# Words of a section or format after a headline, not an outlet: "Talks stall - Live Updates".
_SECTION_WORDS = frozenset("""live updates update video videos watch opinion analysis explainer photos pictures
podcast exclusive breaking news latest interview review""".split())
# The headline must keep this many words once its suffix is taken off.
TITLE_HEAD_MIN_WORDS = 3


def title_suffix(title: str) -> str:
    """The outlet a headline ends with (" - Metro Wire", " | Reuters"), or ""."""
    match = _TITLE_SUFFIX.match(" ".join(title.split()))
    if match is None or len(match["head"].split()) < TITLE_HEAD_MIN_WORDS:
        return ""
    value = match["value"].strip()
    words = {w.lower() for w in value.split()}
    return value if is_masthead(value) and not words & _SECTION_WORDS else ""


def byline_outlet(text: str) -> str:
    """The outlet a byline near the top names after the reporters ("By Ana Lind, Metro Wire"), or ""."""
    for line in text_lines(text)[:HEADING_LINES]:
        match = _BYLINE_OUTLET.match(line)
        if match and is_byline(line):
            value = match["value"].strip()
            words = {w.lower().strip(EDGE_PUNCT) for w in value.split()}
            if is_masthead(value) and not words & _ROLE_WORDS:
                return value
    return ""
