"""People named in a run of tokens, each mapped to one canonical name of the article or story.

Configured people (with their spellings and titles) come first; other capitalised runs are names
when the article shows them to be ("Mr. Lund", a full name written once), a surname standing for
the one full name it can mean, and a one-letter typo of a configured surname corrected.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from briefing.attribution.genders import is_first_name
from briefing.names import Person
from briefing.speech import (
    FORMER,
    HONORIFICS,
    NOT_IN_NAME,
    NOT_NAMES,
    PARTICLES,
    PARTY_TITLES,
    PREPOSITIONS,
    TITLES,
    Token,
    tokenize,
)

# A one-letter typo is corrected only in surnames this long: shorter names differ
# by one letter too often (Kim/Kin).
FUZZY_MIN_LENGTH = 6
# Most words a person's name has ("Martin Luther King Jr."): a longer capitalised run is a headline.
MAX_NAME_WORDS = 4
# A capitalised run this many tokens long holds more than MAX_NAME_WORDS words even after a title's
# "of State" and a glued epithet are taken off, and its initials' periods (one per word at most):
# the walk stops there instead of running on through a line of thousands of initials.
MAX_RUN_TOKENS = 2 * (MAX_NAME_WORDS + 2) + 2
# Endings of common nouns for people and things ("investor", "developer", "financier", "billionaire",
# "strategist", "notes") that a capitalised word before a first name has when it is no first name itself.
_NOUN_ENDINGS = ("or", "er", "ier", "aire", "ist", "ian", "ant", "ent", "s")
# Compass words that are also surnames ("Cornel West", "Oliver North").
_DIRECTIONS = frozenset({"north", "south", "east", "west"})
# "Like Baxter, ...": opening a sentence, a preposition; in lower case it is as often a verb ("I like Baxter")
# or a conjunction ("sounds like Baxter knows").
_LIKE = "Like"


@dataclass(frozen=True, slots=True)
class Mention:
    """A person named in a run of tokens (token indices are relative to that run)."""

    name: str
    first: int
    last: int
    possessive: bool
    after_preposition: bool
    gender: str

    @property
    def subject_like(self) -> bool:
        """Can be the subject of a verb: not "Putin's", not "with Putin"."""
        return not self.possessive and not self.after_preposition


@dataclass(frozen=True, slots=True)
class NameFacts:
    """What one article says about names: full forms, titles, genders, exact mentions."""

    full: Mapping[str, str]
    exact: frozenset[str]
    counts: Mapping[str, int]
    titles: Mapping[str, str]
    genders: Mapping[str, str]
    persons: frozenset[str] = frozenset()  # full names the article shows to be people (title, gender)
    claims: Mapping[str, frozenset[str]] = field(default_factory=dict)  # surname -> every full name written
    lone: frozenset[str] = frozenset()  # surnames never written in full, shown to be people ("Carville said he")


def bare(token: str) -> tuple[str, bool]:
    """The token without a possessive ending, and whether it had one."""
    if token.endswith(("'s", "’s")) and len(token) > 2:
        return token[:-2], True
    return token, False


def misspells(a: str, b: str) -> bool:
    """a misspells b by one inserted, deleted or replaced inner letter (Zelensy, not Zelenska)."""
    if a == b or abs(len(a) - len(b)) > 1 or a[0] != b[0] or a[-1] != b[-1]:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    return a[i + 1:] == b[i + 1:] or a[i:] == b[i + 1:] or a[i + 1:] == b[i:]


def _initial_dot(toks: Sequence[Token], j: int) -> bool:
    """Token j is the period of a middle initial inside a name ("John F. Kerry")."""
    return (toks[j].text == "." and 0 < j < len(toks) - 1 and len(toks[j - 1].text) == 1
            and toks[j - 1].capital and toks[j + 1].capital)


def in_name(toks: Sequence[Token], j: int) -> bool:
    """Token j can be part of a person's name: capitalised, or a particle before one ("von der Leyen")."""
    if _initial_dot(toks, j):
        return True
    if toks[j].capital:
        return toks[j].low not in NOT_IN_NAME
    k = j
    while k < len(toks) and toks[k].low in PARTICLES:
        k += 1
    return k > j and k < len(toks) and toks[k].capital


class NameFinder:
    """Finds people named in tokens and maps each to one canonical name."""

    def __init__(self, people: Sequence[Person], full: Mapping[str, str] | None = None) -> None:
        self.configured = frozenset(p.name for p in people)
        self.full = dict(full or {})
        self._index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for person in people:
            for spelling in person.spellings:
                parts = tuple(spelling.lower().replace("’", "'").split())
                self._index.setdefault(parts[0], []).append((parts, person.name))
        for options in self._index.values():
            options.sort(key=lambda option: -len(option[0]))
        self.titles = [(title_key(t.split()), p.name) for p in people for t in p.titles]

    def mentions(self, toks: Sequence[Token], facts: NameFacts | None = None) -> list[Mention]:
        """Every person named in the tokens, left to right."""
        out: list[Mention] = []
        i = 0
        while i < len(toks):
            found = self._configured(toks, i) or self._generic(toks, i, facts)
            out += [found] if found else []
            i = found.last + 1 if found else i + 1
        return out

    def _configured(self, toks: Sequence[Token], i: int) -> Mention | None:
        """A configured spelling at token i (longest first); a spelling two people share names nobody."""
        if not toks[i].capital:
            return None
        length, hits = 0, set()
        for parts, name in self._index.get(bare(toks[i].low)[0], ()):
            if len(parts) < length:
                break
            run = toks[i:i + len(parts)]
            if tuple(bare(t.low)[0] if t.word else "" for t in run) == parts and not any(
                    bare(t.text)[1] for t in run[:-1]):
                length = len(parts)
                hits.add(name)
        return self._mention(toks, i, i + length - 1, hits.pop()) if len(hits) == 1 else None

    def _generic(self, toks: Sequence[Token], i: int, facts: NameFacts | None) -> Mention | None:
        j = start = i
        while j < len(toks) and in_name(toks, j) and (j == i or not self._configured(toks, j)):
            j += 1
            if bare(toks[j - 1].text)[1]:
                break
            if j - i >= MAX_RUN_TOKENS:
                return None  # too long for a name, whatever follows
        if _title_surname(toks, i, j):
            j += 1  # "Amy Pope, deputy adviser": a title word after a lone first name is her surname
        if i >= 2 and toks[i - 1].low == "of" and j - i >= 3 and toks[i - 2].low in TITLES:
            i += 1  # "Secretary of State John Kerry": "State" belongs to the title
        parts = [bare(t.text)[0] for t in toks[i:j]]
        parts = [p + "." if k + 1 < j and _initial_dot(toks, k + 1) else p
                 for k, p in zip(range(i, j), parts, strict=True) if not _initial_dot(toks, k)]
        if not parts or any((p.lower() in NOT_NAMES and not _direction_surname(parts, k))
                            or (len(p.rstrip(".")) > 1 and p.replace(".", "").isupper()) for k, p in enumerate(parts)):
            return None
        if start > 0 and _count(toks[start - 1].text):
            return None  # "its 32 Daytime Emmys", "400 New Hampshire activists": counted things, no person
        if len(parts) > 1 and _after_rejected(toks, start) and not _person_like(parts, facts):
            return None  # "United Mine Workers": the rest of a body's name, no person "Mine Workers"
        if facts is not None and len(parts) > 2 and _glued(parts, facts):
            parts, i = parts[1:], i + 1  # "Billionaire Donald Trump", "The Real Donald Trump"
        if len(parts) > MAX_NAME_WORDS or len(parts[-1].rstrip(".")) == 1:
            return None  # a title-case headline, or a name cut at its middle initial ("John F.")
        name = self._canonical(parts, facts, toks, i)
        return self._mention(toks, i, j - 1, name) if name else None

    def _canonical(self, parts: list[str], facts: NameFacts | None, toks: Sequence[Token], i: int) -> str | None:
        """The name a run of capitalised words stands for; None for a lone word not known as a name."""
        surname = parts[-1]
        claimed = self._claimed(surname, facts)
        typo = None if claimed else self._typo(parts, facts)
        before = toks[i - 1].low if i else ""
        lone = len(parts) == 1 and facts is not None and parts[0] in facts.lone
        if typo or (len(parts) == 1 and not claimed and before not in HONORIFICS and not lone):
            return typo
        written = " ".join(parts)
        fits = {name for name in claimed if name.endswith(written) or name.startswith(written + " ")}  # "Chen Shaoji"
        if not fits and len(parts) > 2:  # a headline's "Senators Rip Ada Okafor": the known person it ends with
            fits = {name for name in claimed if written.endswith(" " + name)}
        if fits and len(parts) == 1 and facts is not None and (before in HONORIFICS or before in TITLES):
            fits = _titled(fits, before, toks[i - 1].text + " " + written, facts)
        fits = _one_person(fits)
        if len(fits) == 1:
            return fits.pop()
        if fits:
            return written  # two people of the story share the surname: as the text gives it, no more
        return written if before in HONORIFICS or len(parts) > 1 or lone else None

    def _claimed(self, surname: str, facts: NameFacts | None) -> set[str]:
        """Full names a surname may stand for: the article's own, else the batch's when it has just one."""
        if facts is not None and surname in facts.claims:
            return set(facts.claims[surname])
        shared = self.full.get(surname)
        return {shared} if shared else set()

    def _typo(self, parts: list[str], facts: NameFacts | None) -> str | None:
        """The configured person whose name this one-off run misspells by one inner letter of the surname."""
        if facts is None or facts.counts.get(parts[-1], 0) > 1:
            return None
        hits = self.misspelled(parts)
        name = hits.pop() if len(hits) == 1 else None
        return name if name in facts.exact else None

    def misspelled(self, parts: Sequence[str]) -> set[str]:
        """Configured people whose spelling these words match but for one inner letter of the surname."""
        lows = [p.lower() for p in parts]
        if len(lows[-1]) < FUZZY_MIN_LENGTH:
            return set()
        return {name for options in self._index.values() for spelling, name in options
                if (len(lows) == 1 or list(spelling[:-1]) == lows[:-1]) and misspells(lows[-1], spelling[-1])}

    def _mention(self, toks: Sequence[Token], first: int, last: int, name: str) -> Mention:
        k = first - 1
        while k >= 0 and (toks[k].low in TITLES or toks[k].low in HONORIFICS or toks[k].low == "the"):
            k -= 1
        gender = HONORIFICS.get(toks[first - 1].low, "") if first else ""
        return Mention(name, first, last, bare(toks[last].text)[1],
                        k >= 0 and (toks[k].low in PREPOSITIONS or toks[k].text == _LIKE), gender)

    def canonical_name(self, written: str, facts: NameFacts | None, known_only: bool = False) -> str | None:
        """The one person the proper-name words a parse found stand for; None for a non-person
        (and, with known_only, for a word no full name or configured person of the story has)."""
        toks = tokenize(written)
        if toks and toks[-1].low in TITLES and (toks[-1].low in PARTY_TITLES or not toks[-1].capital):
            return None  # "the Halden Republican", "the Ohio senator": a title, the name only its modifier
        found = [m for m in self.mentions(toks, facts) if m.subject_like]
        if found:
            return found[-1].name
        parts = [t.text for t in toks if t.word and t.low not in NOT_IN_NAME]
        if len(parts) != 1 or parts[0].lower() in NOT_NAMES or parts[0].isupper() or _role_plural(parts[0]):
            return None
        if self._index.get(parts[0].lower()) or self.misspelled(parts):
            return None  # a configured spelling two people share, or a one-off misspelling
        claimed = _one_person(self._claimed(parts[0], facts))
        if len(claimed) > 1:
            return parts[0]  # two people of the article share the surname: as the text gives it
        return claimed.pop() if claimed else None if known_only else parts[0]

    def title(self, toks: Sequence[Token], facts: NameFacts | None) -> str | None:
        """The one person a definite title phrase stands for ("the Kremlin spokesman")."""
        ws = [t.low for t in toks if t.word]
        if not ws or FORMER & set(ws):
            return None
        phrase = title_key(ws)
        pairs = self.titles + list(facts.titles.items() if facts else ())
        hits = {name for key, name in pairs if phrase == key or (" " in key and phrase.endswith(" " + key))}
        return hits.pop() if len(hits) == 1 else None

def _title_surname(toks: Sequence[Token], i: int, j: int) -> bool:
    """toks[i:j] is one first name and toks[j] a capitalised title word ending the run: a surname."""
    if j - i != 1 or j >= len(toks) or not toks[j].capital or toks[j].low not in TITLES:
        return False
    ends = j + 1 == len(toks) or not toks[j + 1].capital
    after_name = i > 0 and toks[i - 1].capital  # "South Carolina Democrat": a place, not a first name
    plain = toks[j].low not in HONORIFICS and toks[j].low not in PARTY_TITLES and not toks[j].text.endswith(".")
    return ends and plain and not after_name and is_first_name(toks[i].text)


def _count(text: str) -> bool:
    """A number that counts ("32", "1,400"), not a year ("In 1996 Bill Reyes won")."""
    digits = text.replace(",", "")
    return digits.isdigit() and not (len(digits) == 4 and "," not in text and 1000 <= int(digits) <= 2099)


def _after_rejected(toks: Sequence[Token], i: int) -> bool:
    """Token i follows a capitalised word no name holds ("United", "New", "Monday"): the run went on from it."""
    return i > 0 and toks[i - 1].capital and bare(toks[i - 1].low)[0] in NOT_NAMES


def _person_like(parts: Sequence[str], facts: NameFacts | None) -> bool:
    """The words open with a first name, or the article shows them to be a person (a title, a gender)."""
    return is_first_name(parts[0]) or (facts is not None and " ".join(parts) in facts.persons)


def _direction_surname(parts: Sequence[str], k: int) -> bool:
    """'Cornel West', 'Oliver North': a compass word ending a name after a first name is its surname
    (it opens place names, "West Virginia", and so is no name word elsewhere)."""
    return k == len(parts) - 1 and k > 0 and parts[k].lower() in _DIRECTIONS and is_first_name(parts[k - 1])


def _role_plural(word: str) -> bool:
    """A plural title capitalised by its place ("Attorneys for Clinton said"): people, but not a name."""
    low = word.lower()
    return low.endswith("s") and low[:-1] in TITLES and low[:-1] not in PARTY_TITLES


def _glued(parts: Sequence[str], facts: NameFacts) -> bool:
    """The first word is no first name but stands before one: a common word capitalised by a sentence
    start, a title or a headline run into the text ("Investor Leon Marks", "Notes James Carville")."""
    word = parts[0].lower()
    common = facts.counts.get(word, 0) > 0 or word.endswith(_NOUN_ENDINGS)  # "investor", "notes", not "Avin"
    return common and not is_first_name(parts[0]) and is_first_name(parts[1])


def _one_person(fits: set[str]) -> set[str]:
    """Spellings of one person with and without a middle name ("Donald J. Trump", "Donald Trump"), or
    with a capitalised word before it ("Founder Beverly Bond" is Beverly Bond)."""
    fits = {n for n in fits if not any(n.endswith(" " + other) for other in fits)}
    ends = {(n.split()[0], n.split()[-1]) for n in fits}
    return {max(fits, key=lambda n: (len(n), n))} if len(ends) == 1 else fits


def _titled(fits: set[str], before: str, written: str, facts: NameFacts) -> set[str]:
    """The full names a title or honorific before a surname allows, else the written form: a Mr. is
    no woman, and "President Obama" is not Michelle Obama when only she is named in full."""
    if before in HONORIFICS:
        gender = HONORIFICS[before]
        kept = {n for n in fits if not gender or facts.genders.get(n, gender) == gender}
        return kept or {written}
    holders = {name for key, name in facts.titles.items() if key == before or key.endswith(" " + before)}
    if len(holders & fits) == 1:
        return holders & fits  # "President Zelenskiy" after "Ukrainian President Volodymyr Zelenskiy"
    titled = set(facts.titles.values())
    plain = {n for n in fits if n not in titled and facts.genders.get(n) != "f"}
    return plain if len(fits) == 1 and plain else {written}


def title_key(ws: Sequence[str]) -> str:
    """A title phrase as a lookup key: lower case, without "the"."""
    return " ".join(w.lower().replace("’", "'") for w in ws if w.lower() != "the")
