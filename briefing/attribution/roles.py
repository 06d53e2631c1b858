"""Roles of the names and subjects of a sentence, as the pronoun look-back reads them.

Whether a name is a person of the sentence or something else ("in San Diego", "Ann Kessler of Baton
Rouge", "the Baxter campaign", a headline's words), whether it sits in an opening phrase or is the
source of "according to", and what a subject phrase is ("A reporter", "the woman", "the Ohio senator").
briefing.attribution.pronouns decides, with these, whom a pronoun stands for.
"""

from __future__ import annotations

from collections.abc import Sequence

from briefing.attribution.genders import noun_gender
from briefing.attribution.subjects import Cue
from briefing.mentions import Mention
from briefing.speech import CLAUSE, HONORIFICS, PREPOSITIONS, PRONOUNS, STOPWORDS, TITLES, Token

# Words for one person, besides titles: a subject such as "the actor" or "a reporter" may be the
# pronoun's antecedent, so a name elsewhere in its sentence is not the only candidate.
PERSON_NOUNS = frozenset("""man woman boy girl person actor actress host anchor moderator reporter journalist
writer author columnist voter supporter protester resident member student teacher doctor lawyer attorney
father mother son daughter husband wife brother sister friend owner businessman businesswoman mogul billionaire
star comedian pastor preacher talker politician veteran delegate""".split())
# Words that bring in someone new: "a reporter", "one delegate", "another voter".
_INDEFINITE = frozenset("a an one another".split())
# Fewest words of an epithet: "the", a modifier, a title.
EPITHET_WORDS = 3
# Words this short may stay lower case in a headline ("Voters Turn on the Mayor").
HEADLINE_SMALL_WORD = 3
# Words that may open a clause before its subject ("But Fiorina, who ..., tossed").
CONJUNCTIONS = frozenset("but and yet so".split())
# Prepositions after which a name is most often a place.
_PLACES = frozenset("in at near".split())
# Endings of a participle that opens a sentence ("Speaking in Salem, ...", "Asked about it, ...").
PARTICIPLES = ("ing", "ed")
# Words between "according to" and the preposition that brings in its source ("according to a post from X").
_SOURCE_REACH = 5
# Words between a passive participle and "by" ("was supported on Friday by X").
_AGENT_REACH = 3
# Verbs that say what a subject is ("Lakeview is one of the swing states").
_COPULAS = frozenset("""is was are were 's isn't wasn't aren't weren't remains remained became becomes
""".split())
# Words between such a verb and its complement's nouns: adverbs, determiners, "one of the".
_COMPLEMENT_OPENERS = frozenset("not just only also still never now once simply merely really a an the one of among"
                                .split())
# Most tokens read after a name for its complement ("was not just one of the quintessential swing states").
_COMPLEMENT_REACH = 12
# Nouns of places and events: a name its sentence calls one of these ("Maple Ridge was a tragedy") is no
# person, whom a later "he" or "she" could stand for (a person may be "a problem", but not "a state").
_THING_NOUNS = frozenset("""state states city cities town towns village country countries nation nations county
counties province region regions island territory capital suburb neighborhood neighbourhood district battleground
battlegrounds site venue tragedy disaster catastrophe massacre shooting shootings attack attacks bombing storm
hurricane earthquake flood war election elections primary primaries caucus caucuses convention conference summit
festival""".split())
# Last words of the names of places, events and laws ("Riverside Labor Convention", "Elm Street", "Clean Air
# Act"), never a person's surname; common surnames ("Hall", "Park", "Hill") are left out.
_THING_NAME_ENDS = frozenset("""convention conference summit olympics games festival expo square street avenue
boulevard airport station stadium arena county valley island canyon memorial monument cathedral mall plaza act
amendment treaty accord""".split())


def is_in_adjunct(before: Sequence[Token], mention: Mention) -> bool:
    """The name sits in a phrase that opens the sentence and whose own subject is the pronoun after it:
    "Asked whether Baxter would win, she said", "In a call with Baxter, he said" (not "With Baxter
    trailing, ...", where the name is a subject of its own, nor "After Baxter left, ...")."""
    comma = max((i for i, t in enumerate(before) if t.text == ","), default=-1)
    words = [t for t in before[:mention.first] if t.word]
    while words and words[0].low in CONJUNCTIONS:
        words = words[1:]
    if comma < mention.last or not words or words[0].low in CLAUSE:
        return False
    if (words[0].low.endswith(PARTICIPLES) and words[0].low not in PREPOSITIONS and len(words) > 1
            and not words[1].capital):
        return True  # the participle's subject is the pronoun: any name in its phrase is someone else
    after = before[mention.last + 1:mention.last + 2]
    absolute = bool(after) and after[0].low.endswith("ing")  # "with Baxter trailing": Baxter's own clause
    return words[0].low in PREPOSITIONS and words[-1].low in PREPOSITIONS and not absolute


def unbracketed(toks: Sequence[Token]) -> list[Token]:
    """Tokens outside parentheses (photo credits, asides)."""
    out, depth = [], 0
    for tok in toks:
        depth += (tok.text == "(") - (tok.text == ")")
        out += [tok] if depth <= 0 and tok.text != ")" else []
        depth = max(depth, 0)
    return out


def is_source(toks: Sequence[Token], mention: Mention) -> bool:
    """A name after a preposition that still makes it the sentence's actor: the source of "according to
    Baxter" (or "according to a post from Baxter"), the agent of a passive ("was backed Friday by Baxter")."""
    at = mention.first - 1
    while at >= 0 and (toks[at].low in TITLES or toks[at].low in HONORIFICS or toks[at].low == "the"):
        at -= 1
    if at < 1:
        return False
    before = [t.low for t in toks[max(0, at - _SOURCE_REACH):at] if t.word or t.text == ","]
    if toks[at].low == "to" and before[-1:] == ["according"]:
        return True
    if toks[at].low == "from" and "according" in before and "," not in before[before.index("according"):]:
        return True
    return toks[at].low == "by" and any(w.endswith(("ed", "en")) for w in before[-_AGENT_REACH:])


def is_newcomer(about: Cue) -> bool:
    """The subject brings in a person without a name: "A reporter", "One delegate", "Another voter"."""
    words = about.phrase.split()
    return (len(words) >= 2 and words[0].lower() in _INDEFINITE and not about.name
            and words[-1].lower() in TITLES | PERSON_NOUNS)


def is_unnamed_person(about: Cue, pronoun: str) -> bool:
    """The subject is "the woman" or "the woman's ...", a person of the pronoun's gender it does not name."""
    words = about.phrase.lower().replace("’", "'").split()
    if about.name or len(words) < 2 or words[0] != "the":
        return False
    noun = words[1].removesuffix("'s")
    return noun_gender(noun) == PRONOUNS[pronoun] and (len(words) == 2 or noun != words[1])


def is_epithet(about: Cue) -> bool:
    """The subject is an epithet for one person: "the", a modifier and a title ("the Ohio senator", "The radio
    host"), which news uses of someone already named; a bare "the moderator" may be someone new."""
    words = about.phrase.split()
    if about.pronoun or len(words) < EPITHET_WORDS or words[0].lower() != "the":
        return False
    return words[-1].lower() in TITLES | PERSON_NOUNS  # a name in it only modifies: "The Ohio Democrat"


def is_relative_object(between: Sequence[Token]) -> bool:
    """The pronoun is the subject of a clause about the name before it ("Trump, who he called a bully"):
    that name is its object, not its antecedent."""
    return len(between) >= 2 and between[0].text == "," and between[1].low in ("who", "whom")


def is_person_here(toks: Sequence[Token], mention: Mention) -> bool:
    """A name that may be a second person of the pronoun's clause: not "Maher's rant", "the Baxter campaign"."""
    return not mention.possessive and not is_attributive(toks, mention)


def is_place(toks: Sequence[Token], mention: Mention) -> bool:
    """A name right after "in", "at" or "near" is a place more often than a person ("was in San Diego"), and
    one after "of" that follows a name is where that person is from or works ("Ann Kessler of Baton Rouge")."""
    before = toks[mention.first - 1].low if mention.first > 0 else ""
    return before in _PLACES or (before == "of" and mention.first > 1 and toks[mention.first - 2].capital)


def is_attributive(toks: Sequence[Token], mention: Mention) -> bool:
    """A name used of a thing: "the Paris agreement", "the Baxter campaign"."""
    return mention.first > 0 and toks[mention.first - 1].low == "the"


def is_headline(toks: Sequence[Token]) -> bool:
    """Every longer word capitalised: a headline ("Voters Slam Baxter Plan"), whose names are no subjects."""
    return all(t.capital for t in toks if t.word and len(t.text) > HEADLINE_SMALL_WORD)


def is_thing(toks: Sequence[Token], name: str) -> bool:
    """A name of a place, event or law, by its last word ("Elm Street") or by what its sentence calls it:
    "Lakeview is one of the swing states", "Maple Ridge was not just a tragedy"."""
    end = name.split()[-1]
    if end.lower() in _THING_NAME_ENDS:
        return True
    last = next((i for i, t in enumerate(toks) if t.text == end), None)
    if last is None:
        return False
    rest = toks[last + 1:last + 1 + _COMPLEMENT_REACH]
    if not rest or rest[0].low not in _COPULAS:
        return False
    words = list(rest[1:])
    while words and words[0].low in _COMPLEMENT_OPENERS:
        words = words[1:]
    head = ""
    for tok in words:
        if not tok.word or tok.low in STOPWORDS or tok.low in PREPOSITIONS:
            break
        head = tok.low
    return head in _THING_NOUNS
