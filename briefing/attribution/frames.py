"""Token rules for reporting frames the speaker rules of briefing.speakers do not read.

Each reads the tokens of a quote's sentences (a whole quotation is one token) and returns the
name written in the frame, or None: a dash signature ('"..." ― Carla Moreau'), a name before the
colon that opens a quote ('Rep. Anna Holm (D-Md.): "..."', 'Said Holm:'), and a name after the
quote whose appositive runs long ('"...," Tom Lund, director of ... and a former docker, told Y').
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefing.mentions import NameFacts
from briefing.names import organisation
from briefing.speakers import Speakers
from briefing.speech import SET_OFF, SPEECH, STOPWORDS, TITLES, Token, tokenize

# Longest parenthesised aside left out of a frame: "(D-Md.)", "(R)", "(pun intended)".
ASIDE_TOKENS = 6
# Most words of a signature line: a name ("Julie A. Diaz Martinez"), not a sentence.
MAX_SIGNATURE_WORDS = 4
# A role after the signing name and a comma ('― Petr Novak, deckhand'): a short description of the
# signer; a longer run is a clause of the text, not a signature.
MAX_ROLE_WORDS = 6
# Tokens before a colon searched for the name that introduces a quote ("Secretary of State John F. Kerry:"),
# and the most words that name may have (a longer capitalised run before a colon is a heading).
COLON_NAME_TOKENS = 8
COLON_NAME_WORDS = 3
# Verbs that open a sentence before their subject ("Said Ellis:"); "told", "asked" take a listener instead.
INVERTING_VERBS = frozenset("""said says added adds continued continues wrote writes explained explains noted notes
replied replies responded responds stated states declared declares""".split())
# Longest appositive between a name after a quote and its reporting verb ('"...," X, director of ..., said').
LONG_APPOSITIVE_TOKENS = 30
# Finite auxiliaries that make a stretch after a name a clause, unless a relative pronoun opens it.
FINITE_AUXILIARIES = frozenset("is are was were has have had will would".split())
RELATIVES = frozenset("who which that whose".split())
# Most words of the source in "As the Daily Courier reported, ...".
AS_REPORTED_WORDS = 5
# Upper-case words that make the text before a colon a heading ("IOWA POLLS NOT WRONG:").
HEADING_CAPITALS = 3
# '"..." ― Carla Moreau.': a dash after the closing mark, then only a name (listicles and reader
# comments sign their quotes this way). The name ends its line, its sentence (not at a middle
# initial), or the text before the next quote (a list without line breaks).
_SIGNATURE = re.compile(r"[ \t\xa0]*[―—–][ \t\xa0]*([^\n―—–\"“”]{2,60}?)[ \t\xa0]*"
                        r"(?:\n|$|(?=[\"“”])|(?<!\s[A-Z])\.(?=\s|$))")

# The same signature on the line after a quote that stands alone, where a hyphen serves as the dash too
# (fact checks and "quotable" boxes: a quote paragraph, then '- Carla Moreau, docker.').
_SIGNATURE_LINE = re.compile(r"[ \t\xa0]*\n\s*[-―—–][ \t\xa0]*([^\n―—–\"“”]{2,60}?)[ \t\xa0]*"
                             r"(?:\n|$|(?<!\s[A-Z])\.(?=\s|$))")

# A transcript turn that opens with its speaker's label inside the quotation ('"PENCE: Well, look, ...'):
# one to three words in capitals and a colon, a label even when it names nobody we know ("Q:", "HOST:").
# (Title case is not read: a quoted post may itself quote two people, "Lund: '...' Vance: '...'".)
_TURN_LABEL = re.compile(r"([A-Z][A-Z.'’-]*(?: [A-Z][A-Z.'’-]*){0,2}):[ \t\xa0]+\S")


def turn_label(quoted: str) -> str | None:
    """The speaker label in capitals a transcript turn opens with ('PENCE: Well, ...'), if any."""
    match = _TURN_LABEL.match(quoted)
    return match.group(1) if match else None


def without_asides(toks: list[Token]) -> list[Token]:
    """Tokens without short parenthesised asides that hold no quotation: a party label between a name
    and its verb ("Rep. Anna Holm (D-Md.) said") or a bracketed gloss is no part of the frame."""
    out: list[Token] = []
    opened = -1
    for tok in toks:
        if tok.text == "(":
            opened = len(out)
        elif tok.text == ")" and opened >= 0 and len(out) - opened <= ASIDE_TOKENS:
            if all(t.quote < 0 for t in out[opened + 1:]):
                del out[opened:]
                opened = -1
                continue
        out.append(tok)
    return out


def opens_clause(before: Sequence[Token]) -> bool:
    """Only titles and other capitalised words precede a name: it is its sentence's subject
    ("Ukrainian negotiator Rustem Umerov ..."), not one in "If Clinton wins, he ..."."""
    return all(t.low in TITLES or (t.capital and t.low not in STOPWORDS) for t in before if t.word)


def signature(text: str, close: int, names: Speakers, facts: NameFacts, alone: bool = False) -> str | None:
    """The one name signing the quote whose closing mark ends at `close` ('"..." ― Carla Moreau.'); a
    quote that is a paragraph of its own may be signed on the next line ('- Carla Moreau, docker.')."""
    match = _SIGNATURE.match(text, close) or (_SIGNATURE_LINE.match(text, close) if alone else None)
    if match is None:
        return None
    toks = tokenize(match.group(1))
    cut = next((i for i, t in enumerate(toks) if t.text == ","), len(toks))  # '― Petr Novak, deckhand'
    found = names.mentions(toks, facts)
    if len(found) != 1 or found[0].first != 0 or found[0].last + 1 < cut:
        return None
    role = sum(1 for t in toks[cut:] if t.word)
    short = sum(1 for t in toks[:cut] if t.word) <= MAX_SIGNATURE_WORDS and role <= MAX_ROLE_WORDS
    return found[0].name if short else None


def colon_name(toks: Sequence[Token], q: int, names: Speakers, facts: NameFacts) -> str | None:
    """'Rep. Anna Holm (D-Md.): "..."', 'Said Holm: "..."', '- Tom Lund: "..."': a person's name right
    before the colon that opens quote token q, as the whole of its clause."""
    if q < 2 or toks[q - 1].text != ":":
        return None
    return name_before_colon(toks[:q - 1], names, facts)


def name_before_colon(toks: Sequence[Token], names: Speakers, facts: NameFacts) -> str | None:
    """The person's name that ends the tokens before a colon as the whole of its clause ('Said Holm')."""
    start = max(0, len(toks) - COLON_NAME_TOKENS)
    before = list(toks[start:])
    cut = max((i + 1 for i, t in enumerate(before) if t.quote >= 0 or t.text in "-—–―,;"), default=0)
    before = before[cut:]  # the clause the colon ends: "Pollsters agree - Carl Bialik:"
    if before and start + cut == 0 and before[0].low in INVERTING_VERBS:
        before = before[1:]  # "Said Ellis:", "Continued Stone:" (not "telling Radio X:", a listener)
    found = names.mentions(before, facts)
    if (not found or found[-1].last != len(before) - 1 or found[-1].possessive
            or len(found[-1].name.split()) > COLON_NAME_WORDS):
        return None  # '13 Offensive Things Donald Trump:' is a heading, not a name
    return found[-1].name if opens_clause(before[:found[-1].first]) else None


def long_appositive(toks: Sequence[Token], q: int, set_off: bool, names: Speakers, facts: NameFacts) -> str | None:
    """'"...," Tom Lund, director of the port authority at Halden and a former docker, told the paper.':
    the name right after quote token q, its appositive set off by commas, then the reporting verb."""
    i = q + 1
    if i >= len(toks) or not (toks[i].text in SET_OFF or set_off):
        return None
    while i < len(toks) and toks[i].text in SET_OFF:
        i += 1
    found = names.mentions(toks[i:i + COLON_NAME_TOKENS], facts)
    if not found or found[0].first != 0 or not found[0].subject_like:
        return None
    start = i + found[0].last + 1
    if start >= len(toks) or toks[start].text != ",":
        return None
    for j in range(start + 1, min(len(toks) - 1, start + LONG_APPOSITIVE_TOKENS)):
        if toks[j].quote >= 0 or (toks[j].low in FINITE_AUXILIARIES and toks[j - 1].low not in RELATIVES):
            return None  # a quote, or a clause of its own ("X, the mayor, is going, said Y")
        verb = toks[j + 1].low
        if toks[j].text == "," and verb in SPEECH and not verb.endswith("ing"):
            return found[0].name
    return None


def is_heading(text: str) -> bool:
    """Upper-case words enough to make a line a heading ('IOWA POLLS NOT WRONG, JUST EARLY')."""
    return sum(1 for w in text.split() if len(w) > 1 and w.isupper()) >= HEADING_CAPITALS


def as_reported(toks: Sequence[Token], names: Speakers, facts: NameFacts) -> str | None:
    """'As the Daily Courier reported, the council was refusing ...:': the source of a reporting clause
    that opens the sentence with "as" (a person or an outlet), whose words the quote after the colon is."""
    words = [t for t in toks if t.word or t.text == ","]
    if len(words) < 4 or words[0].low != "as":
        return None
    verb = next((i for i, t in enumerate(words[:AS_REPORTED_WORDS + 2]) if t.low in SPEECH), None)
    if verb is None or verb < 2 or words[verb + 1:verb + 2] != [Token(",")]:
        return None
    source = [t for t in words[1:verb] if t.low != "the"]
    if not source or not all(t.capital for t in source):
        return None  # "As he said, ...", "As the mayor noted, ...": no name written
    written = " ".join(t.text for t in source)
    return names.canonical_name(written, facts) or organisation(written)
