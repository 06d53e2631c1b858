"""What makes an extract read badly out of its article: dangling openers and reactions for a lede.

A sentence that opens with a pronoun ("He", "They", "This"), a connective ("But", "However",
"Meanwhile") or a bare definite noun phrase acting as subject ("The agreement was ...") leans on
the sentence before it in its article: in a summary it needs that antecedent right before it
(Nenkova & McKeown 2011, "Automatic summarization", ch. 5: referential clarity and coherence).
A reaction ("X said ...", "Y condemned ...") reports what someone said about an event, and
makes a poor first line: the lede should be the event itself.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from briefing.sentences import words

# Words that, opening a sentence, refer back to something the previous sentence introduced.
PRONOUNS = frozenset("he she it they we i you his her its their our them him this that these those such "
                     "another both".split())
# Openers that link to the previous sentence ("But", "However" ...); multi-word ones are matched
# on their first two words.
CONNECTIVES = frozenset("but and or so yet however also still meanwhile moreover furthermore nevertheless "
                        "nonetheless instead besides thus therefore hence then otherwise likewise similarly "
                        "additionally later earlier afterwards afterward consequently indeed accordingly well".split())
CONNECTIVE_PAIRS = frozenset({"in addition", "as a", "even so", "by contrast",
                              "in contrast", "in turn", "in response", "for his", "for her", "for their",
                              "the same", "the other", "the latter", "the former", "the two", "the three"})
# A bare "The <noun>" subject followed by one of these is an anaphor ("The agreement was signed",
# "The move came after..."): the noun names something an earlier sentence introduced.
ANAPHOR_VERBS = frozenset("is was are were has had have will would could can may might should must said says "
                          "came comes follows followed means meant marks marked makes made took takes gave "
                          "gives led leads left began begins also".split())
# Verbs of saying and of reacting: a sentence led by one reports a reaction, not the event.
REACTION_VERBS = frozenset("said says told tells added stated welcomed welcomes condemned condemns criticized "
                           "criticised criticizes criticises praised praises urged urges warned warns reacted "
                           "responded denied denies hailed hails insisted insists vowed vows expressed "
                           "believes believe thinks think argued argues complained complains called "
                           "suggested suggests noted notes predicted predicts".split())
# Characters enough to hold a sentence's first three words (tokenizing the rest is wasted).
OPENER_CHARS = 80
# A reaction verb this early (in words) in a sentence is its main verb.
REACTION_REACH = 8


def opener_words(text: str) -> list[str]:
    """The first three lower-cased words of a sentence, contractions cut ("she's" -> "she")."""
    return [re.split(r"['’]", w)[0] for w in words(text[:OPENER_CHARS])[:3]]


def is_dangling_opener(text: str) -> bool:
    """True when the sentence opens with a pronoun, a connective or a bare anaphoric 'The <noun>'."""
    first = opener_words(text)
    if not first:
        return False
    if first[0] in PRONOUNS or first[0] in CONNECTIVES or " ".join(first[:2]) in CONNECTIVE_PAIRS:
        return True
    if first[0] == "the" and len(first) == 3 and first[2] in ANAPHOR_VERBS:
        second = re.split(r"\s+", text.strip(), maxsplit=2)[1:2]
        return bool(second) and second[0][:1].islower()
    return False


def anaphor_noun(text: str) -> str | None:
    """The noun of a bare 'The <noun> <verb>' opener, else None."""
    first = opener_words(text)
    if len(first) == 3 and first[0] == "the" and first[2] in ANAPHOR_VERBS:
        return first[1]
    return None


def is_reaction(text: str) -> bool:
    """True when a verb of saying or reacting comes in the first REACTION_REACH words, or ends it."""
    tokens = words(text)
    if any(t in REACTION_VERBS for t in tokens[:REACTION_REACH]):
        return True
    return len(tokens) > 2 and tokens[-1] in REACTION_VERBS or (len(tokens) > 3 and tokens[-2] in REACTION_VERBS)


def resolved(text: str, earlier: Sequence[str], predecessor_before: bool) -> bool:
    """True when an opener's referent is available: its source predecessor precedes it, or its noun does."""
    if not is_dangling_opener(text) or predecessor_before:
        return True
    noun = anaphor_noun(text)
    return noun is not None and any(noun in words(e) for e in earlier)


@dataclass(frozen=True, slots=True)
class Problem:
    """One readability fault of a summary: which line (0-based) and what is wrong."""

    line: int
    kind: str  # "dangling", "duplicate" or "reaction lede"
    text: str


def summary_problems(texts: Sequence[str], predecessors: Sequence[str | None]) -> list[Problem]:
    """Faults of a summary: dangling openers, near-duplicate pairs, a reaction as the lede.

    ``predecessors[k]`` is the sentence before ``texts[k]`` in its article (None for a first one).
    """
    from briefing.dedup import DUPLICATE_SIMILARITY, index_duplicates

    problems = [Problem(k, "dangling", t) for k, t in enumerate(texts)
                if not resolved(t, texts[:k], k > 0 and predecessors[k] is not None
                                and predecessors[k] in texts[:k])]
    if texts and is_reaction(texts[0]):
        problems.append(Problem(0, "reaction lede", texts[0]))
    vectors = index_duplicates(list(texts)).vectors
    similarity = (vectors @ vectors.T).toarray()
    for a in range(len(texts)):
        problems += [Problem(b, "duplicate", texts[b]) for b in range(a + 1, len(texts))
                     if similarity[a, b] >= DUPLICATE_SIMILARITY]
    return problems
