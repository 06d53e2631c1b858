"""Quotations that name a work, not anyone's words: a show, a book, a study, a slogan ('on "Meet the Press"')."""

from __future__ import annotations

from briefing.attribution.view import Mark

# Longest quotation read as a title ("Meet the Press", "State of the Union"), and the small
# words a title keeps in lower case.
TITLE_WORDS = 6
TITLE_SMALL_WORDS = frozenset("a an the of and or to in on for at with by from".split())
# Words before a title that ends its sentence with the period inside the marks ('on "Face the Nation."').
TITLE_PREPOSITIONS = frozenset("on in at".split())
# A word right before the marks that makes the quotation a work's name whatever its case ('a study
# titled "Where ... School,"'), up to this many words (a longer one may be the words quoted).
TITLE_CUES = frozenset("titled entitled headlined subtitled".split())
TITLE_CUED_WORDS = 20
# A title with a subtitle after a colon ("The Village Classroom: Notes From Ten Schools") may be longer.
SUBTITLED_WORDS = 12


def _word_before(text: str, mark: Mark) -> str:
    """The word right before a quotation's opening mark, lower-cased."""
    before = text[max(0, mark.outer.start - 30):mark.outer.start].split()
    return before[-1].lower().replace("’", "'") if before else ""


def is_title(text: str, mark: Mark) -> bool:
    """Title-case words inside a sentence, not set off as speech: the name of a show, book or slogan."""
    quoted, before = text[mark.start:mark.end], _word_before(text, mark)
    if before in TITLE_CUES:
        return 1 <= len(quoted.split()) <= TITLE_CUED_WORDS
    placed = before.endswith("'s") or before in TITLE_PREPOSITIONS
    if placed:  # 'on NBC's "Meet the Press."', 'Appearing on "Meet the Press," Dole said': the sentence's marks
        quoted = quoted.removesuffix(".").removesuffix(",")
    ws = quoted.split()
    subtitled = len(ws) <= SUBTITLED_WORDS and any(w.endswith(":") for w in ws[1:-1])
    if subtitled:
        ws[-1] = ws[-1].rstrip(",.")  # 'the author of "Fields: A Memoir," spoke': the comma is the sentence's
    if not (1 <= len(ws) <= TITLE_WORDS or subtitled) or ws[-1][-1] in ".!?,;:":
        return False
    if mark.set_off and not (subtitled or placed):
        return False
    capitalised = [w for w in ws if w[0].isupper()]
    return ws[0][0].isupper() and all(w[0].isupper() or w.lower() in TITLE_SMALL_WORDS for w in ws) and (
        len(capitalised) >= 2 or len(ws) == 1 and len(ws[0]) > 1 and not ws[0].isupper())
