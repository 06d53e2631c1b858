"""Party positions: the party that is the subject of a sentence's stance ("Moscow has demanded").

A position is a sentence whose grammatical subject is a party or one of its people, followed by a
stance verb ("Moscow has demanded", "Ukraine says it needs"), a party's stance noun ("Moscow's
demands"), or a party's person quoted saying something a stance marker makes a stance; a party
mentioned elsewhere in the sentence ("rejecting a Ukrainian proposition") does not hold it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from briefing.names import Lexicon, Party, Person
from briefing.words import Token, tokenize

# Stance expressions, as token sequences (keys: lower-case, folded, possessive dropped).
STANCE = tuple(tuple(s.split()) for s in (
    "want wants wanted demand demands demanded insist insists insisted reject rejects rejected "
    "refuse refuses refused need needs needed propose proposes proposed offer offers offered "
    "seek seeks sought urge urges urged oppose opposes opposed vow vows vowed pledge pledges pledged "
    "demanding insisting rejecting refusing seeking proposing offering urging opposing"
).split()) + tuple(tuple(s.split()) for s in (
    "will not", "would not", "won't", "cannot accept", "prepared to", "ready to", "willing to",
    "call for", "calls for", "called for", "calling for", "push for", "pushing for", "insisted on",
    "plans to",
))
_STANCE_FIRST = frozenset(s[0] for s in STANCE)
# "was rejected", "were offered": passive, so the party before the verb does not hold the stance.
BE_FORMS = frozenset({"is", "are", "was", "were", "be", "been", "being"})
# Nouns that state a stance when a party owns them ("Moscow's demands").
STANCE_NOUNS = frozenset({"demand", "demands", "proposal", "proposals", "offer", "position", "insistence",
                          "refusal", "condition", "conditions", "terms", "plan", "goals", "goal"})
# Reported-speech verbs: the person before or after one is the speaker of the sentence's words.
SPEECH_VERBS = frozenset({"said", "says", "told", "stated", "added", "insisted", "argued", "declared"})
# Words that make a quoted sentence a stance even without a stance verb ("is not negotiable").
STANCE_MARKERS = frozenset({"must", "negotiable", "unacceptable", "never", "demand", "demands"})
# Words allowed between a subject and its stance verb ("Moscow has long demanded", "Ukraine says it needs").
FILLERS = frozenset({
    "has", "have", "had", "is", "are", "was", "were", "been", "be", "will", "would", "also", "still",
    "now", "repeatedly", "again", "long", "firmly", "publicly", "always", "reportedly", "already",
    "consistently", "says", "said", "say", "it", "they", "he", "she", "only", "clearly",
})
# An inserted clause between subject and verb: ", who would have to vote ...," or a short appositive.
RELATIVES = frozenset({"who", "which", "whose"})
APPOSITIVE_MAX = 6
# Heads that make an alias the subject's modifier ("European leaders", "Ukrainian officials").
ROLE_NOUNS = frozenset({
    "leader", "leaders", "official", "officials", "government", "side", "delegation", "negotiator",
    "negotiators", "team", "president", "authorities", "army", "forces", "troops", "envoy", "envoys",
    "spokesman", "spokeswoman", "minister", "ministry", "people", "allies", "diplomats", "management",
    "members", "leadership", "representatives",
})



@dataclass(frozen=True, slots=True)
class Alias:
    """One way of naming a party (a party alias, or a person of that party)."""

    keys: tuple[str, ...]
    acronym: bool
    party: str


def compile_aliases(parties: Sequence[Party], people: Sequence[Person],
                    lexicon: Lexicon) -> tuple[Alias, ...]:
    """Every party alias and party member's name, as token keys, longest first."""
    names = {p.id: p.name for p in parties}
    spellings = [(a, p.name) for p in parties for a in (p.name, *p.aliases)]
    spellings += [(a, names[p.party]) for p in people if p.party in names for a in p.spellings]
    aliases = {Alias(tuple(t.key for t in tokenize(a, lexicon)), _is_acronym(a), party)
               for a, party in spellings}
    return tuple(sorted((a for a in aliases if a.keys), key=lambda a: (-len(a.keys), a.keys, a.party)))


def _is_acronym(text: str) -> bool:
    letters = text.replace(".", "")
    return len(letters) > 1 and letters.isupper()


def mention_ending_at(tokens: Sequence[Token], end: int, aliases: Sequence[Alias]) -> str | None:
    """The party named by the words ending at token ``end`` (inclusive), if any."""
    for alias in aliases:
        n = len(alias.keys)
        start = end - n + 1
        if start < 0 or tuple(t.key for t in tokens[start:end + 1]) != alias.keys:
            continue
        if alias.acronym and not all(t.text.replace(".", "").isupper() for t in tokens[start:end + 1]):
            continue
        return alias.party
    return None


def stance_holder(text: str, tokens: Sequence[Token], aliases: Sequence[Alias]) -> str | None:
    """The party that is the subject of the sentence's first stance expression, if any."""
    keys = [t.key for t in tokens]
    for i in range(len(tokens)):
        if keys[i] in STANCE_NOUNS and i > 0 and re.search(r"['’]s$", tokens[i - 1].text):
            party = mention_ending_at(tokens, i - 1, aliases)
            if party:
                return party
        stance = _stance_at(keys, i)
        passive = len(stance) == 1 and i > 0 and keys[i - 1] in BE_FORMS and keys[i].endswith(("ed", "ght"))
        party = _subject_before(text, tokens, i, aliases) if stance and not passive else None
        if party:
            return party
    return speaker_holder(text, tokens, aliases)


def speaker_holder(text: str, tokens: Sequence[Token], aliases: Sequence[Alias]) -> str | None:
    """The party whose person or spokesman is quoted stating a stance ('"X is not negotiable," Berg said')."""
    keys = [t.key for t in tokens]
    if not any(k in STANCE_MARKERS or _stance_at(keys, i) for i, k in enumerate(keys)):
        return None
    for i, key in enumerate(keys):
        if key not in SPEECH_VERBS:
            continue
        before = mention_ending_at(tokens, i - 1, aliases) if i > 0 and _gap(text, tokens, i - 1) == "" else None
        after = _mention_starting_at(tokens, i + 1, aliases) if i + 1 < len(tokens) else None
        if before or after:
            return before or after
    return None


def _mention_starting_at(tokens: Sequence[Token], start: int, aliases: Sequence[Alias]) -> str | None:
    """The party named by the words starting at token ``start``, if any ('said Berg')."""
    return next((mention_ending_at(tokens, start + len(a.keys) - 1, aliases) for a in aliases
                 if tuple(t.key for t in tokens[start:start + len(a.keys)]) == a.keys), None)


def _stance_at(keys: Sequence[str], i: int) -> tuple[str, ...]:
    """The stance expression starting at token i (empty when there is none)."""
    if keys[i] not in _STANCE_FIRST:
        return ()
    return next((s for s in STANCE if tuple(keys[i:i + len(s)]) == s), ())


def _subject_before(text: str, tokens: Sequence[Token], verb: int, aliases: Sequence[Alias]) -> str | None:
    """Walk back from a stance verb over auxiliaries (and one inserted clause) to a party mention."""
    j = verb - 1
    while j >= 0 and _gap(text, tokens, j) == "" and tokens[j].key in FILLERS:
        j -= 1
    if j >= 0 and _gap(text, tokens, j) == ",":
        k = next((k for k in range(j, 0, -1) if _gap(text, tokens, k - 1) == ","), 0)
        if k == 0 or not (tokens[k].key in RELATIVES or j - k < APPOSITIVE_MAX):
            return None
        j = k - 1
    elif j < 0 or _gap(text, tokens, j) != "":
        return None
    party = mention_ending_at(tokens, j, aliases)
    if party is None and tokens[j].key in ROLE_NOUNS and j > 0 and _gap(text, tokens, j - 1) == "":
        party = mention_ending_at(tokens, j - 1, aliases)
    return party


def _gap(text: str, tokens: Sequence[Token], j: int) -> str | None:
    """What separates token j from token j + 1, spaces removed (None after the last token)."""
    return text[tokens[j].end:tokens[j + 1].start].strip() if j + 1 < len(tokens) else None
