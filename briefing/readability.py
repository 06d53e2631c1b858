"""What makes an extract read badly out of its article: dangling openers, bare surnames, reactions for a lede.

A sentence that opens with a pronoun ("He", "They", "This"), a connective ("But", "However",
"Meanwhile") or a bare definite noun phrase acting as subject ("The agreement was ...") leans on
the sentence before it in its article: in a summary it needs that antecedent right before it
(Nenkova & McKeown 2011, "Automatic summarization", ch. 5: referential clarity and coherence).
So does a subject that picks from a group named before ("One of them", "Two of the", "Others"), a
definite possessive ("The company's chief ..."), and a pronoun subject after a fronted phrase
("After the vote, he ..."). A person named by surname only ("Lund said ...") needs a line before
that names them in full ("Anna Lund", "Judge Lund"): news introduces a person once, then uses the
surname (Nenkova & McKeown 2003, "References to named entities: a corpus study": a first mention
carries the full name, later ones the surname).
A reaction ("X said ...", "Y condemned ...") reports what someone said about an event, and
makes a poor first line: the lede should be the event itself.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from briefing.attribution.genders import is_first_name
from briefing.sentences import words
from briefing.speech import HONORIFICS, NOT_NAMES, PARTICLES, SPEECH, STOPWORDS, TITLES

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
# Words that pick from a group the sentence before named: "Some of them", "Two of the four", "Each of those".
QUANTIFIERS = frozenset("some many most all each none several few half two three four five six seven eight nine "
                        "ten dozens hundreds thousands".split())
GROUP_REFERENCES = frozenset("them those these us".split())
# Openers that pick from what came before whatever follows: "One of ...", "One such case", "Others said".
PICKING = frozenset("one others either neither".split())
# After "One", these make it a number or a time, not a pick ("One hundred", "One month after", "One in five").
ONE_COUNTS = frozenset("hundred thousand million billion dozen day week month year hour minute in out".split())
# Personal pronouns: as the subject after a fronted phrase ("After the vote, he said") they lean back too.
PERSONAL = frozenset("he she it they we his her its their him them".split())
# Words that open a fronted adverbial ("After the vote, ...", "When he arrived, ...", "Despite its ...").
FRONTING = frozenset("after before despite in on at during following since with without for like unlike as when "
                     "while because although though if once until amid among under upon by from".split())
# A fronted phrase before a comma is at most this many words ("In a statement on Monday, ..."); a longer
# stretch before the first comma is the sentence's own subject and verb.
FRONTED_WORDS = 8
# "The company's chief ...", "The dockers' demands ...": a definite possessive opener refers back.
_DEFINITE_POSSESSIVE = re.compile(r"^[\"'“‘]?The ([a-z][a-z-]*)(?:['’]s|s['’])\s")
# A run of capitalised words (a name, a title and a name, an initial, a particle): "Judge Anna K. van Holm's".
_CAPITALISED_RUN = re.compile(r"(?<![\w'’.-])[A-Z][\w'’-]*\.?(?:\s+(?:(?:" + "|".join(sorted(PARTICLES))
                              + r")\s+)?[A-Z][\w'’-]*\.?)*")
# Verbs of saying, whose subject or inverted subject ("said Holm") is the one who speaks.
SAYING = REACTION_VERBS | SPEECH
# What may open a sentence before its first word: quotation marks, brackets, a wire dash.
_OPENING_MARKS = " \"'“‘(_-—"
# The word after a name, past an appositive ("Holm, 47, said") and an adverb ("Holm also said").
_VERB_AFTER_NAME = re.compile(r"(?:,[^,]{1,30},)?\s+(?:also\s+|later\s+|earlier\s+|then\s+)?([a-z]+)")
ARTICLES = frozenset({"the", "a", "an"})
_ARTICLE_BEFORE = re.compile(r"\b(?:the|a|an)\s+$")
_CAPITAL_WORD = re.compile(r"(?<![\w'’.-])[A-Z][\w'’-]*")
# Characters before a name read for the word in front of it (a long word and a particle fit).
NEAR_CHARS = 40
# A name's run goes on after a word ("Anna| Holm"), or a capitalised word stands right before one ("Anna |Holm").
_RUN_GOES_ON = re.compile(r"\.?\s+(?:(?:" + "|".join(sorted(PARTICLES)) + r")\s+)?[A-Z]")
_WORD_BEFORE = re.compile(r"(?<![\w'’.-])([A-Z][\w'’-]*\.?)\s+(?:(?:" + "|".join(sorted(PARTICLES)) + r")\s+)?$")
_LONGER_RUN = re.compile(_CAPITALISED_RUN.pattern[:-1] + "+")  # two words or more
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z][a-z'’-]*")
# Titles that name a person's office right before the name ("Judge Holm"); modifiers ("Foreign", "Chief",
# "Republican") stand before other titles, and before places and bodies too ("Republican Senate").
PERSON_TITLES = TITLES - frozenset("""special chief general foreign defence defense interior finance deputy vice acting
senior executive head leader republican democrat democratic gop official officer candidate nominee""".split())
_POSSESSIVE = re.compile(r"['’]s?$")
# Characters enough to hold a sentence's first three words (tokenizing the rest is wasted).
OPENER_CHARS = 80
# A reaction verb this early (in words) in a sentence is its main verb.
REACTION_REACH = 8


def opener_words(text: str) -> list[str]:
    """The first three lower-cased words of a sentence, contractions cut ("she's" -> "she")."""
    return [re.split(r"['’]", w)[0] for w in words(text[:OPENER_CHARS])[:3]]


def is_dangling_opener(text: str) -> bool:
    """True when the sentence opens with a pronoun, a connective, a bare anaphoric 'The <noun>' or a leaning subject."""
    first = opener_words(text)
    return opens_with_reference(text, first) or is_leaning_subject(text, first)


def opens_with_reference(text: str, first: list[str] | None = None) -> bool:
    """True when the first words are a pronoun, a connective or a bare anaphoric 'The <noun> <verb>'."""
    first = opener_words(text) if first is None else first
    if not first:
        return False
    if first[0] in PRONOUNS or first[0] in CONNECTIVES or " ".join(first[:2]) in CONNECTIVE_PAIRS:
        return True
    if first[0] == "the" and len(first) == 3 and first[2] in ANAPHOR_VERBS:
        second = re.split(r"\s+", text.strip(), maxsplit=2)[1:2]
        return bool(second) and second[0][:1].islower()
    return False


def is_leaning_subject(text: str, first: list[str] | None = None) -> bool:
    """True for a subject that picks from, or belongs to, what the sentence before named.

    "One of them ...", "Others ...", "Two of those ...", "The company's chief ...", and a pronoun
    subject after a short fronted phrase ("Despite its losses, it ...", "After the vote, he ...").
    """
    first = opener_words(text) if first is None else first
    if not first:
        return False
    if first[0] in PICKING:
        return not (first[0] == "one" and len(first) > 1 and first[1] in ONE_COUNTS)
    if _DEFINITE_POSSESSIVE.match(text):
        return True
    if len(first) == 3 and first[0] in QUANTIFIERS and first[1] == "of" and first[2] in GROUP_REFERENCES:
        return True
    if first[0] not in FRONTING:
        return False
    return len(first) > 1 and first[1] in PERSONAL or after_fronted(text) in PERSONAL


def after_fronted(text: str) -> str | None:
    """The first word after a short fronted phrase and its comma ("In March, he ..." -> "he"), else None."""
    head, comma, rest = text[:OPENER_CHARS * 2].partition(",")
    opening = opener_words(head)
    if not comma or len(head.split()) > FRONTED_WORDS or not opening or opening[0] not in FRONTING:
        return None
    if any(w[:1].isupper() for w in head.split()[1:]):
        return None  # the pronoun may be the person the phrase names ("When Anna Holm was two, she ...")
    following = words(rest[:OPENER_CHARS])
    return following[0] if following else None


def anaphor_noun(text: str) -> str | None:
    """The noun of a bare 'The <noun> <verb>' or 'The <noun>'s' opener, else None."""
    first = opener_words(text)
    if len(first) == 3 and first[0] == "the" and first[2] in ANAPHOR_VERBS:
        return first[1]
    possessive = _DEFINITE_POSSESSIVE.match(text)
    return possessive.group(1) if possessive else None


def name_runs(text: str) -> list[list[str]]:
    """Runs of capitalised words, each word without its possessive or period, honorifics and a leading stop word cut.

    "Mr. Lund's lawyer, Anna Holm, said" -> [["Lund"], ["Anna", "Holm"]]: a run ends at punctuation.
    """
    runs = []
    for match in _CAPITALISED_RUN.finditer(text):
        parts = [_POSSESSIVE.sub("", part).rstrip(".") for part in match.group().split()]
        parts = [p for p in parts if p.lower() not in HONORIFICS]
        while parts and parts[0].lower() in STOPWORDS:
            parts = parts[1:]
        if parts:
            runs.append(parts)
    return runs


def is_speaker_place(text: str, start: int, end: int) -> bool:
    """True when the words text[start:end] open the sentence or speak ("Holm said", "Holm, 47, told", "said Holm")."""
    opening = text[:start].strip(_OPENING_MARKS)
    if not opening or opening.rstrip(".").lower() in HONORIFICS:  # "Holm said", "Mr. Holm said"
        return True
    after = _VERB_AFTER_NAME.match(text, end)
    before = words(text[max(0, start - OPENER_CHARS // 4):start])
    return bool(after and after.group(1) in SAYING) or bool(before and before[-1] in SAYING)


def full_name_words(texts: Sequence[str]) -> frozenset[str]:
    """Surnames of the people the texts name in full: the last word after a first name or a title ("Anna Holm",
    "Judge Holm"); never a word the texts also write in lower case ("Health"), an acronym or an institution's."""
    joined = " ; ".join(texts)  # one pass over all texts: a semicolon ends a run
    pairs: set[tuple[str, str]] = set()
    for match in _LONGER_RUN.finditer(joined):
        parts = [_POSSESSIVE.sub("", part).rstrip(".") for part in match.group().split()]
        before = [w for w in parts[:-1] if len(w) > 1 and w.lower() not in PARTICLES]
        if before:
            pairs.add((before[-1], parts[-1]))
    found = {last for before, last in pairs if is_introduction(before, last)}
    if not found:
        return frozenset()
    lower = set(_LOWER_WORD.findall(joined))
    return frozenset(w for w in found if w.lower() not in lower)


def is_introduction(before: str, last: str) -> bool:
    """True when ``last`` is a person's surname written after ``before``, a first name or a title."""
    if last.isupper() or last.lower() in NOT_NAMES or last.lower() in TITLES:
        return False
    if is_first_name(last):  # "Prince Aldo" gives no surname Aldo; "Anna Aldo" does
        return is_first_name(before)
    return is_first_name(before) or before.lower() in PERSON_TITLES


def named_in_full(text: str) -> frozenset[str]:
    """Words of the names the text writes with more than one word ("Anna Holm", "Judge Holm", "President Holm")."""
    return frozenset(w for run in name_runs(text) if len(run) > 1 for w in run)


def bare_names(text: str, people: frozenset[str]) -> frozenset[str]:
    """Surnames of ``people`` (full_name_words) the text names alone as its subject or a speaker ("Holm said",
    "Holm's lawyer ..."), not in full anywhere in it; a surname elsewhere ("met Holm") reads well enough."""
    if not people:
        return frozenset()
    alone = set()
    for match in _CAPITAL_WORD.finditer(text):
        word = _POSSESSIVE.sub("", match.group())
        if word in people and stands_alone(text, match.start(), match.end()) and is_speaker_place(
                text, match.start(), match.end()):
            alone.add(word)
    return frozenset(alone - named_in_full(text)) if alone else frozenset()


def stands_alone(text: str, start: int, end: int) -> bool:
    """True when the word text[start:end] is a name by itself: no capitalised word, "the" or "a" just before it
    (an honorific may stand there: "Mr. Holm"), and no capitalised word after it."""
    near = max(0, start - NEAR_CHARS)
    if _RUN_GOES_ON.match(text, end) or _ARTICLE_BEFORE.search(text[near:start]):
        return False
    before = _WORD_BEFORE.search(text[near:start])
    if not before:
        return True
    word = before.group(1).rstrip(".").lower()
    return word in HONORIFICS or (word in STOPWORDS and word not in ARTICLES and not text[:near + before.start()].strip(
        _OPENING_MARKS))


def unnamed(texts: Sequence[str], people: frozenset[str]) -> list[frozenset[str]]:
    """Per summary line, the surnames it names alone that no line up to it names in full."""
    introduced: set[str] = set()
    found = []
    for text in texts:
        introduced |= named_in_full(text)
        found.append(frozenset(bare_names(text, people) - introduced))
    return found


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
    kind: str  # "dangling", "leaning subject", "bare name", "duplicate" or "reaction lede"
    text: str


def summary_problems(texts: Sequence[str], predecessors: Sequence[str | None],
                     people: frozenset[str] = frozenset()) -> list[Problem]:
    """Faults of a summary: dangling openers, leaning subjects, bare surnames, near-duplicate pairs, a reaction lede.

    ``predecessors[k]`` is the sentence before ``texts[k]`` in its article (None for a first one);
    ``people``: the surnames the articles name in full (full_name_words of their sentences).
    """
    from briefing.dedup import DUPLICATE_SIMILARITY, index_duplicates

    problems = [Problem(k, "dangling" if opens_with_reference(t) else "leaning subject", t)
                for k, t in enumerate(texts)
                if not resolved(t, texts[:k], k > 0 and predecessors[k] is not None
                                and predecessors[k] in texts[:k])]
    problems += [Problem(k, "bare name", t) for k, (t, names) in enumerate(zip(texts, unnamed(texts, people),
                                                                               strict=True)) if names]
    if texts and is_reaction(texts[0]):
        problems.append(Problem(0, "reaction lede", texts[0]))
    vectors = index_duplicates(list(texts)).vectors
    similarity = (vectors @ vectors.T).toarray()
    for a in range(len(texts)):
        problems += [Problem(b, "duplicate", texts[b]) for b in range(a + 1, len(texts))
                     if similarity[a, b] >= DUPLICATE_SIMILARITY]
    return problems
