"""What one article says about its people, read once before any quote: full names, titles, genders.

A full name written in prose ("Senator Ada Okafor") lets a later lone surname stand for that person;
full names are lent to the other articles of a batch only when no two people of the batch share the
surname (speakers.py decides which full name a surname, title or honorific stands for).
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace

from briefing.attribution.genders import first_name_genders, is_first_name, paragraph_gender
from briefing.mentions import NameFacts, title_key
from briefing.sentences import paragraphs
from briefing.speakers import Speakers
from briefing.speech import (
    CLAUSE,
    NOT_IN_NAME,
    NOT_NAMES,
    ORGANISATION_WORDS,
    PLACE_PREPOSITIONS,
    PRONOUNS,
    SPEECH,
    STOPWORDS,
    TITLES,
    Token,
    is_prose,
    tokenize,
)

# Tokens after which a word is capitalised by its place: a sentence starts.
_SENTENCE_ENDS = frozenset('.!?"“”')
# Nouns of a body whose title ("World Bank President", "Acme Corp. Chairman") is that body's: its bare
# form ("the president") stands for someone else.
_BODIES = ORGANISATION_WORDS | frozenset("corp inc co ltd club firm academy hospital school college".split())
# Titles that "the president" style references give a country's own leader: a holder qualified by a
# proper word ("French President X") is not the bare title's.
_HEADS_OF_STATE = frozenset("president premier chancellor king queen".split())
# Words that make a title phrase a newcomer no name follows ("said a Trade Ministry spokesman, speaking on
# condition of anonymity"), and how far before the title they may stand.
_INDEFINITE = frozenset("a an another one".split())
_INDEFINITE_REACH = 7
# Words that open a title phrase a name stands in apposition to ("a spokesman, James Rubin,").
_DETERMINERS = frozenset("a an the".split())
# Reporting verbs after which a he/she shows the lone word before them to be a person ("Carville said he").
_SAID = frozenset("said says told tells added adds recalled recalls insisted insists".split())


def _settle(claims: Mapping[str, set[str]]) -> dict[str, str]:
    """Keys claimed by one value only (or by names that all end the longest one)."""
    out = {}
    for key, values in claims.items():
        longest = max(values, key=lambda v: (len(v), v))
        if all(longest.endswith(v) for v in values):
            out[key] = longest
    return out



def name_facts(names: Speakers, text: str) -> NameFacts:
    """Full names, titles and genders one article gives its people (full names and titles from prose)."""
    full: dict[str, set[str]] = {}
    titles: dict[str, set[str]] = {}
    genders: dict[str, set[str]] = {}
    exact: set[str] = set()
    seen: set[str] = set()
    unnamed: set[str] = set()
    tokens = [tokenize(match.group()) for match in paragraphs(text)]
    counts = Counter(t.text for toks in tokens for t in toks)
    plain = NameFacts({}, frozenset(), counts, {}, {})  # the counts tell common words from names
    for match, toks in zip(paragraphs(text), tokens, strict=True):
        prose = is_prose(match.group())
        found = names.mentions(toks, plain)
        for m in found:
            seen.add(m.name)
            if m.name in names.configured:
                exact.add(m.name)
            elif (prose and " " in m.name and not names.misspelled(m.name.split())
                  and not (m.first and toks[m.first - 1].low in PLACE_PREPOSITIONS)
                  and not _opening_word(toks, m.first, m.name, counts)):
                full.setdefault(m.name.split()[-1], set()).add(m.name)
            for key in _titles_before(toks, m.first) + _apposed_titles(toks, m.first, m.last) if prose else ():
                titles.setdefault(key, set()).add(m.name)
            if m.gender:
                genders.setdefault(m.name, set()).add(m.gender)
        unnamed.update(_unnamed_titles(toks, {m.first for m in found}) if prose else ())
    for key in unnamed:
        titles.pop(key, None)  # "the spokesman" may be the unnamed one: no title stands for a named holder
    for family, name in _family_first(full, counts):
        full.setdefault(family, set()).add(name)
    claims = {surname: frozenset(names_) for surname, names_ in full.items()}
    settled = NameFacts(_settle(full), frozenset(exact), counts, _settle(titles), {}, claims=claims)
    told: dict[str, set[str]] = {}
    for match in paragraphs(text):
        for name, gender in paragraph_gender(names, match.group(), settled).items():
            told.setdefault(name, set()).add(gender)
    lone = _lone_speakers(tokens, set(settled.full) | set(names.configured))
    people = seen | set(settled.full.values())
    genders_known = {**_settle(lone), **_settle(told), **first_name_genders(people), **_settle(genders)}
    titled = {name for names_ in titles.values() for name in names_}
    return replace(settled, genders=genders_known, persons=frozenset(set(genders_known) | titled),
                   lone=frozenset(_settle(lone)))


def _lone_speakers(tokens: Sequence[Sequence[Token]], known: set[str]) -> dict[str, set[str]]:
    """Surnames the article never writes in full but shows to be people: "Carville said he ..." (word -> the
    genders its he/she give)."""
    out: dict[str, set[str]] = {}
    for toks in tokens:
        for k in range(len(toks) - 2):
            word, verb = toks[k], toks[k + 1]
            if not word.capital or word.low in NOT_IN_NAME or word.low in NOT_NAMES or word.text in known:
                continue
            if verb.low not in _SAID or (k and (toks[k - 1].capital or toks[k - 1].text in ("'s", "’s"))):
                continue
            after = toks[k + 3] if toks[k + 2].low == "that" and k + 3 < len(toks) else toks[k + 2]
            if after.low in ("he", "she"):
                out.setdefault(word.text, set()).add(PRONOUNS[after.low])
    return out


def _family_first(full: Mapping[str, set[str]], counts: Counter[str]) -> list[tuple[str, str]]:
    """Two-word names written family name first ("Chen Shaoji", then "Chen said"): the first word, no first
    name, stands alone more often than the last one does."""
    out = []
    for names_ in full.values():
        for name in names_:
            parts = name.split()
            common = counts[parts[0].lower()] or counts[parts[1].lower()]  # "Benghazi Movie": no one's name
            if len(parts) == 2 and not common and not is_first_name(parts[0]) and counts[parts[0]] > counts[parts[1]]:
                out.append((parts[0], name))
    return out


def _opening_word(toks: Sequence[Token], first: int, name: str, counts: Counter[str]) -> bool:
    """'Maybe Trump is ...': a sentence's first word, written in lower case elsewhere and no first name,
    is capitalised by its place, not part of the name."""
    word = name.split()[0]
    start = first == 0 or toks[first - 1].text in _SENTENCE_ENDS
    return start and counts.get(word.lower(), 0) > 0 and not is_first_name(word)


def _titles_before(toks: Sequence[Token], first: int) -> list[str]:
    """Title phrases right before a name: "Kremlin spokesman" in "Kremlin spokesman Dmitry Peskov"."""
    k = first
    while k > max(0, first - 3) and toks[k - 1].word and toks[k - 1].low not in STOPWORDS | CLAUSE:
        k -= 1
    phrase = [t.low for t in toks[k:first]]
    if not phrase or phrase[-1] not in TITLES:
        return []
    return [title_key(phrase[-n:]) for n in range(_shortest(toks[k:first]), len(phrase) + 1)]


def _apposed_titles(toks: Sequence[Token], first: int, last: int) -> list[str]:
    """Title phrases a name set off by commas follows: "a State Department spokesman, James Rubin, said"."""
    if first < 2 or toks[first - 1].text != "," or last + 1 >= len(toks) or toks[last + 1].text != ",":
        return []
    start = first - 1
    while start > max(0, first - 5) and toks[start - 1].word and toks[start - 1].low not in STOPWORDS | CLAUSE:
        start -= 1
    if start == 0 or toks[start - 1].low not in _DETERMINERS:
        return []  # 'Asked about the senator, Lund said': no apposition
    return _titles_before(toks, first - 1)


def _shortest(phrase: Sequence[Token]) -> int:
    """How many of a title phrase's last words its holder is known by: "the spokesman" for "Kremlin spokesman X",
    but not "the president" for "World Bank President X" or "French President X" (in a US story, another man)."""
    if len(phrase) < 2:
        return 1
    if phrase[-1].low not in _HEADS_OF_STATE:
        return 1  # "the spokesman" is the "State Department spokesman" the story named
    body = phrase[-2].low.rstrip(".") in _BODIES
    return 2 if body or phrase[-2].capital else 1


def _unnamed_titles(toks: Sequence[Token], starts: set[int]) -> list[str]:
    """Title keys of people brought in without a name: "a ministry spokesman" with no name after it."""
    out: list[str] = []
    for i, tok in enumerate(toks):
        if tok.low not in TITLES or i + 1 in starts or (i + 2 in starts and toks[i + 1].text == ","):
            continue
        k = i - 1
        while k >= max(0, i - _INDEFINITE_REACH) and toks[k].word and toks[k].low not in _INDEFINITE:
            if toks[k].low in STOPWORDS and toks[k].low not in ("of", "and"):
                break  # "after the spokesman": a definite phrase
            k -= 1
        if k >= 0 and toks[k].low in _INDEFINITE and _speaks(toks, k, i):
            out.extend(_titles_before(toks, i + 1))
    return out


def _speaks(toks: Sequence[Token], first: int, last: int) -> bool:
    """The description toks[first:last + 1] is a source: "said a spokesman", "a spokesman for X said"
    (not "a federal judge ordered", whom the story names later)."""
    if first and toks[first - 1].low in SPEECH:
        return True
    after = toks[last + 1:last + 1 + _INDEFINITE_REACH]
    return any(t.low in SPEECH for t in itertools.takewhile(lambda t: t.text not in _SENTENCE_ENDS, after))


def shared_full_names(facts: Sequence[NameFacts]) -> dict[str, str]:
    """Surname -> the one full name all articles together give it (unconfigured people). Only names an
    article shows to be people are lent to other articles: "Capitol Hill" must not make "Hill" a person."""
    claims: dict[str, set[str]] = {}
    for fact in facts:
        for surname, names_ in fact.claims.items():
            claims.setdefault(surname, set()).update(n for n in names_ if n in fact.persons)
    return _settle({surname: names_ for surname, names_ in claims.items() if names_})
