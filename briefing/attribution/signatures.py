"""Signed quotations: in '"..." ― Carla Moreau.' the name after a dash ends a speaker's turn."""

from __future__ import annotations

from briefing.attribution.frames import signature
from briefing.attribution.view import Mark, View
from briefing.speakers import Said, Speakers

# Most words between the parts of a signed quote that inner quotation marks split ('what he calls "hell"').
SIGNED_GAP_WORDS = 3
SIGNATURE_DASHES = "―—–"


def dashed(view: View, names: Speakers, mark: Mark) -> Said | None:
    """'"..." ― Carla Moreau.': the quote is signed by the one name that follows a dash."""
    if mark.outer.stop == mark.end:
        return None  # left open: nothing follows a closing mark
    name = signature(view.article.text, mark.outer.stop, names, view.facts, _alone(view, mark))
    return Said(name, explicit=True) if name else _signed_paragraph(view, names, mark)


def _signed_paragraph(view: View, names: Speakers, mark: Mark) -> Said | None:
    """'"... what he calls "hell" than ..." ― Ana Ruiz': a quote that opens its paragraph (or follows a signed
    one, in a list on one line) and runs to a signed one, split only by a quoted word or two, is the signer's."""
    text, same = view.article.text, [m for m in view.marks if m.paragraph == mark.paragraph]
    earlier = [m for m in same if m.start < mark.start]
    if not earlier and not mark.opens_paragraph or earlier and not (
            signature(text, earlier[-1].outer.stop, names, view.facts)
            and any(dash in text[earlier[-1].outer.stop:mark.outer.start] for dash in SIGNATURE_DASHES)):
        return None  # neither opening its paragraph nor right after a signed quote (a list on one line)
    last = mark
    for later in (m for m in same if m.start > mark.start):
        if len(text[last.outer.stop:later.outer.start].split()) > SIGNED_GAP_WORDS:
            return None
        name = signature(text, later.outer.stop, names, view.facts)
        if name:
            return Said(name, explicit=True)
        last = later
    return None


def _alone(view: View, mark: Mark) -> bool:
    """The quotation is the whole of its paragraph."""
    return mark.opens_paragraph and not view.article.text[mark.outer.stop:view.paragraphs[mark.paragraph].stop].strip()
