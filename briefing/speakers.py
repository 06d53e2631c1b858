"""Who is speaking: people named in a sentence, their titles, pronouns and reporting verbs.

Each quotation is one token, so a quote's own words never count as names or verbs.
The rules read English news syntax ('"...," X said', 'X said the talks "..."',
'according to X', 'X, who ..., said', '..., saying', titles configured or learned
from "Kremlin spokesman Dmitry Peskov") and decline (None) rather than guess.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from briefing.mentions import Mention, NameFacts, NameFinder
from briefing.speech import (
    ADVERBS,
    ATTRIBUTIVE_HEADS,
    CLAUSE,
    CONTRAST,
    GROUP,
    LISTENER_VERBS,
    LY_NOUNS,
    MODIFIER_EXCEPTIONS,
    PHRASAL_SPEECH,
    PREPOSITIONS,
    PRONOUNS,
    RELATIVES,
    SET_OFF,
    SETTING_WORDS,
    SPEECH,
    SUBJECT_WORDS,
    TITLES,
    TRAILING_PARTICLES,
    TRAILING_SPEECH,
    UNNAMED_SUBJECTS,
    Token,
)

# Words between a quote's closing mark and its "X said": "US President Donald Trump's envoy Steve Witkoff".
TRAILING_WORDS = 9
# Words of a reporting clause after a quote that make it an outlet's relay of the speaker the sentence
# names before the quote ('X said the plan "...," the news agency reported').
RELAYING_WORDS = frozenset("reported agency newspaper paper daily radio television station broadcaster".split())
# Longest appositive between a name and its verb: "Rustem Umerov, head of Ukraine's team, said".
APPOSITIVE_TOKENS = 10
# Words that, after a comma, open a clause of another subject between a reporting verb and a quote.
NEW_CLAUSE = frozenset({"but", "as", "when", "while", "because", "although", "though", "whereas"})
# Conjunctions that, alone between a reporting verb and its quote, go on with the speaker's claim
# ('Lund said, but "..."'); with more words after them they open another clause.
_GOING_ON = frozenset({"but", "and"})
# Longest appositive between an inverted "said X" and the speaker's second quote in the sentence.
QUOTE_APPOSITIVE_TOKENS = 25
# 'Die Zeit quoted Tellier as saying': the verb that cites a speaker as its object, the participles after
# "as" that make it a report of that speaker's words, and the most tokens the object may take.
QUOTING_VERBS = frozenset("quoted quotes quoting cited cites citing".split())
AS_SPEAKING = frozenset("saying telling writing stating asking adding describing calling warning".split())
QUOTED_OBJECT_TOKENS = 8
_OBJECT_PRONOUNS = {"him": "he", "her": "she"}
# Shortest -ly word read as an adverb before a reporting verb ("only", "early" are too short to tell).
LY_ADVERB_MIN = 5
@dataclass(frozen=True, slots=True)
class Said:
    """What a sentence says about who speaks: a name, a pronoun, or that someone unnamed does."""

    speaker: str | None = None
    pronoun: str | None = None
    explicit: bool = False
    nobody: bool = False  # the rules read a subject that is no one person: the parse may not overrule them


def _is_verb(toks: Sequence[Token], k: int, trailing: bool = False) -> bool:
    """A reporting verb, or "according to", starts at token k (with `trailing`, also the verbs that
    report only in a clause right after a quote: '"...," Lund continued', '"...?" Lund questioned')."""
    low = toks[k].low
    nxt = toks[k + 1].low if k + 1 < len(toks) else ""
    if trailing and toks[k].word and (low in TRAILING_SPEECH or TRAILING_PARTICLES.get(low) == nxt):
        return True
    return toks[k].word and (low in SPEECH or (low, nxt) in PHRASAL_SPEECH)


def _boundary(tok: Token) -> bool:
    return tok.quote >= 0 or tok.text in ";:—–-()[]" or tok.low in CLAUSE


def _phrase_end(toks: Sequence[Token], start: int) -> int:
    end = start
    while end < len(toks) and toks[end].word and toks[end].low not in CLAUSE:
        end += 1
    return end


class Speakers(NameFinder):
    """Reads who speaks in tokens: reporting verbs, their subjects, titles and pronouns."""

    def phrase(self, toks: Sequence[Token], facts: NameFacts | None, head_last: bool) -> Said:
        """Who a subject phrase names: a person, a pronoun, a known title, or someone unnamed."""
        if GROUP & {t.low for t in toks}:
            return Said(explicit=True, nobody=True)
        found = [m for m in self.mentions(toks, facts) if m.subject_like and not _after_of(toks, m)]
        if found and _modifies(toks, found[-1]):
            return Said(explicit=True, nobody=True)  # "the Trump campaign said", "a senior Lund adviser said"
        if found and any(_modifies(toks, m) for m in found):
            return Said(found[-1].name, explicit=True)  # "Lund spokesman Ola Berg said": the name after the noun
        if found:
            return Said((found[-1] if head_last else found[0]).name, explicit=True)
        pronoun = next((t.low for t in toks if t.low in PRONOUNS), None)
        return Said(None, pronoun, True) if pronoun else Said(self.title(toks, facts), explicit=True)

    def trailing(self, toks: Sequence[Token], q: int, facts: NameFacts, set_off: bool) -> Said | None:
        """'"...," X said' or '"...," said X' right after the quote token q."""
        i = q + 1
        while i < len(toks) and toks[i].text in SET_OFF:
            i, set_off = i + 1, True
        according = i + 1 < len(toks) and toks[i].low == "according" and toks[i + 1].low == "to"
        return self._reporting(toks, i, facts) if set_off or according else None

    def final(self, toks: Sequence[Token], q: int, facts: NameFacts, reported: bool = False) -> Said | None:
        """'Russia has "no interest" in peace, Zelensky said.': a reporting clause ends the sentence (with
        `reported`, a clause after the quote already reports it: a final "according to Y" only relays X's words)."""
        last_quote = max(i for i, t in enumerate(toks) if t.quote >= 0)
        commas = [i for i in range(max(q, last_quote) + 1, len(toks)) if toks[i].text == ","]
        if reported:
            commas = [i for i in commas if i + 1 >= len(toks) or toks[i + 1].low != "according"]
        for comma in reversed(commas):  # the last clause, or one an appositive follows (", said X of Y, one of ...")
            said = self._reporting(toks, comma + 1, facts)
            if said is not None:
                return said
        return None

    def _reporting(self, toks: Sequence[Token], i: int, facts: NameFacts) -> Said | None:
        """A reporting clause starting at token i: "X said", "said X", "according to X"."""
        if i >= len(toks) or not toks[i].word:
            return None
        if _is_verb(toks, i, trailing=True):
            if toks[i].low.endswith("ing") and toks[i].low != "according":
                return None  # '"...," suggesting he might ...': a participle's object, not an inverted subject
            start = i + (2 if toks[i].low == "according" else 1)
            end = _phrase_end(toks, start)
            return self.phrase(toks[start:end], facts, head_last=False) if end > start else None
        for k in range(i, min(len(toks), i + TRAILING_WORDS)):
            if _is_verb(toks, k) or (_is_verb(toks, k, trailing=True) and _ends_clause(toks, k)):
                comma = next((j for j in range(i, k) if toks[j].text == ","), k)
                said = self.phrase(toks[i:comma], facts, head_last=True)  # "X, head of Y, said"
                return said if comma == k or said.speaker or said.pronoun else None
            if not (toks[k].word or toks[k].text == ",") or toks[k].low in CLAUSE | PREPOSITIONS:
                return None
        return None

    def bare_clause(self, toks: Sequence[Token]) -> bool:
        """The tokens are a reporting clause and no more ("Lund said.", "Lund told the paper on Monday.",
        "Said Lund."), not a report of something else ("Lund said the plan failed.")."""
        k = self.reporting_verb(toks)
        if k is None or any(t.quote >= 0 for t in toks):
            return False
        if k == 0:
            return True
        j = k + (2 if TRAILING_PARTICLES.get(toks[k].low) else 1)
        if toks[k].low in LISTENER_VERBS:
            while j < min(len(toks), k + 4) and toks[j].word and toks[j].low not in PREPOSITIONS | CLAUSE:
                j += 1  # the listener: "told reporters", "told the paper"
        while j < len(toks) and toks[j].low in ADVERBS:
            j += 1  # "Lund said Monday." (not "Lund said Monday she ...")
        return j >= len(toks) or not toks[j].word or toks[j].low in SETTING_WORDS

    def reporting_verb(self, toks: Sequence[Token]) -> int | None:
        """Where the reporting verb of a clause that opens with it or its subject is ("Lund asked the crowd.",
        "Asked Lund.", "Lund, a docker, said"); None for another clause ("Lund did not reply to ...")."""
        k = next((k for k in range(len(toks)) if _is_verb(toks, k, trailing=True)), None)
        if k is None or any(t.quote >= 0 for t in toks[:k]):
            return None
        subject = toks[:k]
        if k >= 3 and subject[-1].text == "," and "," in (t.text for t in subject[:-1]):
            subject = subject[:next(i for i, t in enumerate(subject) if t.text == ",")]  # "Lund, a docker, said"
        return k if all(t.capital or t.low in SUBJECT_WORDS or not t.word for t in subject) else None

    def quoted_as(self, toks: Sequence[Token], q: int, facts: NameFacts) -> Said | None:
        """'"...," Die Zeit quoted Tellier as saying', 'the agency quoted him as telling reporters, "..."':
        the object of a quoting verb is the speaker, not its subject (the outlet that relays the words)."""
        for k in range(len(toks)):
            j = _as_speaking(toks, k)
            if j is None:
                continue
            between = toks[q + 1:k] if k > q else toks[j + 2:q]
            if any(t.quote >= 0 or t.low in CLAUSE - {"that"} for t in between) or len(between) > TRAILING_WORDS:
                continue  # another clause stands between: the frame reports some other words
            if k < q and not self._clear(between, facts):
                continue
            obj = [t for t in toks[k + 1:j] if t.word]
            if len(obj) == 1 and obj[0].low in _OBJECT_PRONOUNS:
                return Said(None, _OBJECT_PRONOUNS[obj[0].low], True)
            said = self.phrase(toks[k + 1:j], facts, head_last=True)
            return said if said.speaker else Said(explicit=True, nobody=True)  # someone unknown, not the outlet
        return None

    def relayed(self, toks: Sequence[Token], q: int, facts: NameFacts) -> Said | None:
        """'X said the reports "...," the news agency reported': the outlet relays X's words."""
        tail = {t.low for t in toks[q + 1:] if t.word}
        if not tail & RELAYING_WORDS:
            return None
        said = self.leading(toks, q, facts)
        return said if said is not None and said.speaker else None

    def leading(self, toks: Sequence[Token], q: int, facts: NameFacts) -> Said | None:
        """The subject of the nearest reporting verb before quote token q, in the same sentence."""
        k = next((k for k in range(q - 1, -1, -1) if _is_verb(toks, k)), None)
        if k is None:
            return None
        region_empty = not any(t.word for t in toks[_region_start(toks, k):k])
        after = toks[k - 1] if k else None
        participle = toks[k].low.endswith("ing") and toks[k].low != "according"  # '"...," telling Fox 35 that'
        if toks[k].low == "according" or (region_empty and (after is None or after.quote >= 0) and not participle):
            start = k + (2 if toks[k].low == "according" else 1)
            end = _phrase_end(toks, start)
            said, k = self.phrase(toks[start:end], facts, head_last=False), end - 1
            k = self._appositive_end(toks, end, q) if said.speaker else k
        else:
            said = self.subject(toks, k, facts)
        return said if self._clear(toks[k + 1:q], facts) else Said(explicit=True)

    def _appositive_end(self, toks: Sequence[Token], end: int, q: int) -> int:
        """'"...," said X, an economist who runs the Y Forecast, "...": the comma closing the appositive
        right before quote token q (its names describe X), else the token before `end`."""
        if end < q and toks[end].text == "," and q - end <= QUOTE_APPOSITIVE_TOKENS and toks[q - 1].text == ",":
            if all(t.quote < 0 for t in toks[end:q]):
                return q - 1
        return end - 1

    def _clear(self, between: Sequence[Token], facts: NameFacts) -> bool:
        """No other person or contrasting clause stands between a verb and its quote."""
        words = [t for t in between if t.word]
        if len(words) == 1 and words[0].low in _GOING_ON and between[-1] is words[0]:
            return True  # 'limits are checked, Lund said, but "we don't ask ...": the quote goes on with his claim
        if any(t.low in CONTRAST for t in between):
            return False
        if any(a.text == "," and b.low in NEW_CLAUSE for a, b in zip(between, between[1:], strict=False)):
            return False  # 'she said, but Kevin ..., and as X went on about "..."': another clause's quote
        opened = next((i for i, t in enumerate(between) if t.quote >= 0), len(between))
        if any(t.low in NEW_CLAUSE | RELATIVES for t in between[opened:]):
            return False  # 'he said "...", at which point the crowd chanted "..."': the verb's quote came first
        return not any(m.subject_like for m in self.mentions(between, facts))

    def subject(self, toks: Sequence[Token], k: int, facts: NameFacts | None) -> Said:
        """Who is the subject of the reporting verb at token k."""
        if k >= 2 and toks[k - 1].low == "who":
            before = list(toks[max(0, k - 7):k - 1])
            before = before[:-1] if before and before[-1].text == "," else before
            found = self.mentions(before, facts)
            ok = found and found[-1].last == len(before) - 1
            return Said(found[-1].name if ok else None, explicit=True)
        start = _region_start(toks, k) - 1
        region = toks[start + 1:k]
        if not any(t.word for t in region):
            coordinated = start >= 0 and toks[start].low in {"and", "but", "then", "or"}
            return self._elided(toks, start, facts) if coordinated else Said(explicit=True)
        if start >= 0 and toks[start].low == "and" and self._ends_with_person(toks[:start], facts):
            return Said(explicit=True)  # "Zelensky and Macron said"
        if start >= 1 and toks[start].low == "and" and toks[start - 1].capital and not toks[k].low.endswith(
                "ing") and all(t.capital for t in region if t.word):
            return Said(explicit=True, nobody=True)  # "officials at X, a division of Y and Z Enforcement, said"
        if toks[k].low.endswith("ing") and toks[k - 1].text == ",":
            if start >= 0 and toks[start].low in CLAUSE:
                return Said(explicit=True)  # "X went after Y ..., calling it": the parse decides
            return self._clause_subject(region, facts)
        return self._adjacent(region, facts)

    def _elided(self, toks: Sequence[Token], start: int, facts: NameFacts | None) -> Said:
        """'Medinsky added that ... and said ...': the subject of the previous reporting verb."""
        first = max((i + 1 for i in range(_region_start(toks, start), start) if toks[i].text == ","),
                    default=_region_start(toks, start))
        if first < start and toks[first].low in UNNAMED_SUBJECTS:
            return Said(explicit=True)  # "When she asked, I shrugged and said": the verb's own "I"
        if first < start and toks[first].low in PRONOUNS:
            return Said(None, toks[first].low, True)  # "Then he backed Lund and said": he, not Lund, says it
        for p in range(start - 1, -1, -1):
            if _is_verb(toks, p) and toks[p].low != "according":
                said = self.subject(toks, p, facts)
                clear = facts is None or self._clear(toks[p + 1:start], facts)
                return said if clear else Said(explicit=True)
        named = {m.name for m in self.mentions(toks[:start], facts) if m.subject_like}
        return Said(named.pop() if len(named) == 1 else None, explicit=True)

    def _ends_with_person(self, toks: Sequence[Token], facts: NameFacts | None) -> bool:
        tail = toks[-5:]
        return any(m.last == len(tail) - 1 for m in self.mentions(tail, facts))

    def _clause_subject(self, region: Sequence[Token], facts: NameFacts | None) -> Said:
        """'Umerov struck a less somber tone, saying ...': the clause's first name or pronoun."""
        found = self.mentions(region, facts)
        before = [t.low for t in region[:found[0].first] if t.word] if found else []
        if any(w in UNNAMED_SUBJECTS for w in before):
            return Said(explicit=True, nobody=True)  # "Meanwhile, it attacked Lund, saying ...": Lund is the object
        if found and found[0].subject_like and found[0].first <= 4:
            return Said(found[0].name, explicit=True)
        first = [t.low for t in region if t.word][:2]
        pronoun = next((w for w in first if w in PRONOUNS), None)
        return Said(None, pronoun, True)

    def _adjacent(self, region: Sequence[Token], facts: NameFacts | None) -> Said:
        """The name, pronoun or title right before the verb (adverbs and an appositive allowed)."""
        tail = list(region)
        while tail and (tail[-1].low in ADVERBS or tail[-1].text == ","):
            tail.pop()
        if tail and tail[-1].low in PRONOUNS:
            return Said(None, tail[-1].low, True)
        cut = next((i for i, t in enumerate(region) if t.low == "who"), len(region))
        found = [m for m in self.mentions(region[:cut], facts) if m.subject_like]
        if len(found) > 1 and _after_of(region, found[-1]) and region[found[-1].last + 1:][:1] == [Token(",")]:
            found.pop()  # "Tom Holm, chairman of the board of Harbour Partners, the fund's arm, said"
        if found and _attached(region[found[-1].last + 1:]):
            return Said(found[-1].name, explicit=True)
        comma = max((i for i, t in enumerate(tail) if not t.word), default=-1)
        return Said(self.title(tail[comma + 1:], facts), explicit=True)

    def reporter(self, toks: Sequence[Token], facts: NameFacts) -> str | None:
        """The named subject of a sentence's first reporting verb ("The good news, Woolson said, is ...")."""
        k = next((k for k in range(len(toks)) if _is_verb(toks, k) and toks[k].low != "according"), None)
        if k is None or (k and toks[k - 1].low == "who"):
            return None  # "Bush and Christie, who say ...": a relative clause's subject may be several
        return self.subject(toks, k, facts).speaker

    def antecedent(self, toks: Sequence[Token], facts: NameFacts) -> set[str] | None:
        """Whom a pronoun in the next sentence may stand for; None when this sentence names nobody."""
        found = self.mentions(toks, facts)
        if not found:
            return None
        names = {m.name for m in found if m.subject_like}
        k = next((k for k in range(len(toks)) if _is_verb(toks, k)), None)
        if len(names) > 1 and k is not None:
            subject = self.subject(toks, k, facts).speaker
            others_before = all(m.last < k for m in found if m.subject_like and m.name != subject)
            return {subject} if subject and others_before else names
        return names


def _as_speaking(toks: Sequence[Token], k: int) -> int | None:
    """Where "as" is when a quoting verb at token k takes an object and then "as saying" (or telling ...)."""
    if toks[k].low not in QUOTING_VERBS:
        return None
    for j in range(k + 2, min(len(toks) - 1, k + 2 + QUOTED_OBJECT_TOKENS)):
        if toks[j].low == "as":
            return j if toks[j + 1].low in AS_SPEAKING else None
        if toks[j].quote >= 0 or not (toks[j].word or toks[j].text in ",.'’"):
            return None
    return None


def _ends_clause(toks: Sequence[Token], k: int) -> bool:
    """Nothing but a sign, a preposition or an adverb follows the verb at k (or its particle)."""
    k += 2 if TRAILING_PARTICLES.get(toks[k].low) else 1
    return k >= len(toks) or not toks[k].word or toks[k].low in PREPOSITIONS | ADVERBS


def _region_start(toks: Sequence[Token], k: int) -> int:
    """Index of the first token of the clause that ends at verb k."""
    start = k - 1
    while start >= 0 and not _boundary(toks[start]):
        start -= 1
    return start + 1


def _attached(between: Sequence[Token]) -> bool:
    """Only adverbs, or one comma-enclosed appositive, lie between a name and its verb."""
    rest = list(between)
    while rest and (rest[-1].low in ADVERBS or _ly_adverb(rest[-1])):
        rest.pop()  # "Vance, exasperated, famously responded"
    if all(t.low in ADVERBS or t.text == "," for t in rest):
        return True
    return len(rest) <= APPOSITIVE_TOKENS and rest[0].text == "," and rest[-1].text == ","


def _ly_adverb(tok: Token) -> bool:
    """A lower-case adverb in -ly ("famously", "quickly"), not one of the nouns that end so."""
    return tok.word and tok.text.islower() and len(tok.text) > LY_ADVERB_MIN and tok.low.endswith("ly") and (
        tok.low not in LY_NOUNS)


def _after_of(toks: Sequence[Token], m: Mention) -> bool:
    """The name follows "of" ("chairman of the board of Harbour Partners"): it qualifies another word."""
    k = m.first - 1
    if k >= 0 and toks[k].low == "the":
        k -= 1
    return k >= 0 and toks[k].low == "of"


def _modifies(toks: Sequence[Token], m: Mention) -> bool:
    """The name modifies the common noun after it ("the Trump campaign", "a senior Lund adviser",
    "one Lund confidant"): the phrase is that noun's, not the person's."""
    if m.last + 1 >= len(toks) or m.possessive:
        return False
    after = toks[m.last + 1]
    if after.low in ATTRIBUTIVE_HEADS or (after.capital and after.low in TITLES):
        return True  # "the Lund campaign"; "Costa Rica President X", "Acme Chairman X": a place's or a firm's title
    return (after.word and after.text.isalpha() and after.text.islower() and not after.low.endswith("ly")
            and after.low not in MODIFIER_EXCEPTIONS)
