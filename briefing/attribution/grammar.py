"""The speaker a dependency parse gives a quotation: the subject of the reporting verb that governs it.

Reads any order and appositive: '"...," X said', '"...," said X, the ...', 'X said: "..."',
'X said that "..."', 'X told reporters "..."', 'according to X', 'X, who ..., added',
'..., calling it "..."' (the subject of the clause the participle hangs on).
A subject inside any quotation is never a speaker.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from briefing.attribution.subjects import PROPER, Cue, named
from briefing.speech import DOCUMENT_NOUNS, PARTICLE_LEMMAS, PRONOUNS, SPEECH_LEMMAS

# Speech verbs that also mean "go on doing": with an infinitive ("X will continue to be '...'")
# they report nothing.
ASPECTUAL = frozenset({"continue", "start", "begin"})
# Subjects that are the writer or the writer's group: never a named speaker.
FIRST_PERSON = frozenset("i we".split())
# Verbs of wishing: speech in their clause is imagined ("I hope America says '...'"), nobody's words.
HYPOTHETICAL = frozenset("hope wish want expect imagine pray dream".split())
# Relative adverbs opening a clause of place or time: a participle after it ("the stadium, where the team
# played, while chanting '...'") may belong to the main clause; whose it is, the parse cannot say.
_WHERE = frozenset({"where", "when"})
# Passive verbs whose subject is the speaker ("X was quoted as saying '...'").
QUOTED_AS = frozenset({"quote"})
# Clause links a reporting verb may pass its subject down ("X attacked Y, calling him ...").
_INHERIT = frozenset({"conj", "advcl", "xcomp"})
# How far up from the quote a reporting verb may be: a quote is its object, or sits
# in a clause or two below it.
_MAX_CLIMB = 5
# A quote in one of these clauses is not the content of the verb the clause hangs on.
_OWN_CLAUSE = frozenset({"advcl", "relcl", "acl", "csubj"})
# Words opening a subordinate clause of time or manner whose own subject speaks the quoted phrases
# in it ("as X went on about '...', Y said", "when X called it '...'"), not the main clause's subject.
SUBORDINATORS = frozenset("as when after while before since until once whenever".split())
# Of those, the ones the parser tags as an adverb of their clause rather than its marker.
_WH_SUBORDINATORS = frozenset({"when", "whenever"})


# Verbs of a sentence whose subject speaks the lone quotation after it, though they report no words
# ('X identified exhaustion as one reason. "The younger people are ..."').
INTRODUCING_LEMMAS = frozenset("identify outline highlight".split())
# Most tokens between a participle ("telling reporters,") and the quote it introduces when the parse
# hangs the participle's clause on the quote's own verb.
_PARTICIPLE_REACH = 5
# Subjects that are people: another one between an act's he/she and the quote acts instead.
_PERSONAL = frozenset("i we you they he she".split())
# Most words of a quotation without a verb that is a scare quote (a term, "war", "dirty tricks"): with no
# reporting verb over it, the subject of the sentence's act did not say it.
SCARE_WORDS = 2
# Nouns for a crowd: a participle after one gives the crowd's words ("a crowd shouting '...'").
CROWDS = frozenset("crowd audience group throng mob chorus protest rally".split())


def cue(doc: Any, quote: range, quoted: Sequence[range]) -> Cue:
    """The reporting verb's subject for the quotation at char range `quote` of the parsed frame."""
    inside = {t.i for t in doc if t.idx in quote}
    if not inside:
        return Cue()
    blocked = {t.i for t in doc if any(t.idx in r for r in quoted)}
    governors = _governors(doc, inside)
    for verb in governors:
        reports = _reports(verb) and verb.i not in blocked and not _aspectual(verb, blocked)
        according = _according(verb, blocked)
        if according is not None and not (reports and _active_subject(verb, blocked)):
            return named(according, blocked)  # '"...," X said, according to Y': X said the words, Y reports it
        if reports:
            if _imagined(verb, blocked) or _after_where(verb):
                return Cue(found=True)
            subject = _subject(verb, blocked)
            return named(subject, blocked) if subject is not None else Cue(found=True)
    words = [doc[i] for i in sorted(inside) if doc[i].is_alpha]
    if len(words) <= SCARE_WORDS and not any(w.pos_ in ("VERB", "AUX") for w in words):
        return Cue(found=True)  # 'the truck has a "backpack"': a word or two, no speech, are nobody's words
    return _actor(governors, blocked, min(inside))


def subordinate(doc: Any, quote: range, quoted: Sequence[range]) -> Cue | None:
    """The subject of the subordinate clause ("as X went on about", "when X called it") a quotation sits in
    ("found" with no name or pronoun: an unnamed one); None when the quote is in no such clause."""
    inside = {t.i for t in doc if t.idx in quote}
    first = next((doc[i] for i in sorted(inside) if not doc[i].is_quote), None)
    if first is None:
        return None
    verb, climbed = first.head, 0
    while verb.i in inside or verb.pos_ not in ("VERB", "AUX"):
        if verb.head.i == verb.i or climbed >= _MAX_CLIMB:
            return None
        verb, climbed = verb.head, climbed + 1
    while verb.dep_ == "ccomp" and _reports(verb.head) and verb.head.i not in inside:
        verb = verb.head  # "after X said that Y might do better at '...'": X's report, as the clause goes
    while verb.dep_ == "conj" and verb.head.i != verb.i and not any(_subordinator(c) for c in verb.children):
        verb = verb.head  # "as X went on about '...' and mocked '...'": the first verb's subject
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.i not in inside and _many(verb.head):
        blocked = {t.i for t in doc if any(t.idx in r for r in quoted)}
        return named(verb.head, blocked)  # 'amid supporters chanting "..."': the supporters' words, not X's
    if verb.dep_ not in ("advcl", "conj") or not any(_subordinator(c) for c in verb.children) or _reported(verb):
        return None  # (a conjunct with its own "as": the parse hangs "..., and as X went on" on the clause before)
    if verb.lemma_.lower() == "be":
        return Cue(found=True)  # 'while Lund is "brand building"': words about the subject, not its own
    blocked = {t.i for t in doc if any(t.idx in r for r in quoted)}
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i not in blocked), None)
    return named(subject, blocked) if subject is not None else None


def _many(noun: Any) -> bool:
    """People in the plural or a crowd ("supporters chanting", "a crowd shouting"), whose words a participle
    gives; not one message ("a statement saying", "an ad calling it"), which is its author's."""
    return noun.tag_ in ("NNS", "NNPS") or noun.lemma_.lower() in CROWDS


def _reported(word: Any) -> bool:
    """The word is part of a reported clause ("X said Y was '...' while Z is '...'"): the reporter's words."""
    while word.head.i != word.i:
        if word.dep_ in ("ccomp", "parataxis"):
            return not _reports(word)  # '"...?" she said, but ...' parsed as a clause of the next verb: no content
        word = word.head
    return False


def _subordinator(word: Any) -> bool:
    """A word opening a subordinate clause of time or manner ("as", "after"; "when" parsed as an adverb)."""
    return (word.dep_ == "mark" and word.lower_ in SUBORDINATORS
            or word.dep_ == "advmod" and word.lower_ in _WH_SUBORDINATORS)


def _reports(word: Any) -> bool:
    """A reporting verb: a speech lemma used as a verb ("sends a message that" has none), or a verb
    with the particle that makes it one ("shot back", "pointed out")."""
    if word.pos_ not in ("VERB", "AUX"):
        return False
    lemma = word.lemma_.lower()
    particle = PARTICLE_LEMMAS.get(lemma)
    return lemma in SPEECH_LEMMAS or any(c.dep_ == "prt" and c.lower_ == particle for c in word.children)


def _actor(governors: Sequence[Any], blocked: set[int], start: int) -> Cue:
    """No reporting verb: the named person whose act the quote is part of ("X landed a dig at '...'",
    "X framed herself as the '...'"), the subject of the nearest verb that has a proper-name subject."""
    own = False  # a verb nearer the quote has a subject of its own ("..., that I had to change my answer: '...'")
    for verb in governors:
        if verb.pos_ != "VERB" or verb.i in blocked:
            continue
        if verb.dep_ != "ROOT":
            own = own or _own_subject(verb, blocked) is not None
            if verb.dep_ == "conj" and _common_subject(verb, blocked):
                return Cue()  # "Boos rained down, and the crowd reprised '...'": the nearer clause's subject acts
            continue  # a verb inside a clause ("..., saying the governor was '...'") is not the act
        subject = _subject(verb, blocked)
        if subject is not None and subject.i not in blocked and subject.tag_ in PROPER:
            return named(subject, blocked)
        if subject is not None and subject.i not in blocked and subject.lower_ in PRONOUNS and not own:
            others = [t for t in verb.doc[subject.i + 1:start] if t.dep_ == "nsubj" and t.i not in blocked
                      and (t.lower_ in _PERSONAL or t.tag_ in PROPER)]  # '..., that I had to say: "..."'

            label = "as" in [t.lower_ for t in verb.doc[max(0, start - 3):start] if not t.is_punct][-2:]
            if others or label:  # 'best known as the "..."': a role's name, nobody's words
                return Cue()
            return replace(named(subject, blocked), acted=True)  # "She applauded him for fighting '...'"
    return Cue()


def subject_of(doc: Any, quoted: Sequence[range]) -> Cue:
    """Who a sentence is about: the subject of its main verb (for a later pronoun)."""
    blocked = {t.i for t in doc if any(t.idx in r for r in quoted)}
    root = next((t for t in doc if t.dep_ == "ROOT" and t.i not in blocked), None)
    if root is None:
        return Cue()
    subject = _subject(root, blocked)
    if subject is None:
        return Cue()
    return replace(named(subject, blocked), found=root.lemma_.lower() in SPEECH_LEMMAS | INTRODUCING_LEMMAS)


def introducer(doc: Any, quoted: Sequence[range]) -> Cue:
    """Who a sentence ending in a colon introduces: the subject of its last verb ("X made claims, and
    Y responded:" is Y), whatever the verb ("Cruz called them on it:")."""
    blocked = {t.i for t in doc if any(t.idx in r for r in quoted)}
    verb = next((t for t in reversed(doc) if t.pos_ in ("VERB", "AUX") and t.i not in blocked
                 and t.dep_ in ("ROOT", "conj")), None)
    if verb is None:
        return Cue()
    last = next((t for t in reversed(doc) if t.pos_ in ("VERB", "AUX") and t.i not in blocked
                 and _own_subject(t, blocked) is not None), None)
    writer = _own_subject(last, blocked) if last is not None and last.i > verb.i else None
    if writer is not None and writer.lower_ in FIRST_PERSON:
        return Cue(found=True)  # "She got so upset that I had to change my answer:": the writer, unnamed
    subject = _subject(verb, blocked)
    return replace(named(subject, blocked), found=True) if subject is not None else Cue()


def _governors(doc: Any, inside: set[int]) -> list[Any]:
    """Words outside the quote that govern it, nearest first; then verbs that hang on the quote."""
    out: list[Any] = []
    for i in sorted(inside):
        if doc[i].is_quote:
            continue  # quotation marks hang on whatever verb is near, not on the quote's governor
        head = doc[i].head
        climbed = 0
        while head.i not in inside and climbed < _MAX_CLIMB and head not in out:
            out.append(head)
            if head.head.i == head.i or head.dep_ in _OWN_CLAUSE:
                break  # '..., while Putin was "upbeat"': the main verb's subject does not say it
            head, climbed = head.head, climbed + 1
    hanging: list[Any] = []
    for i in sorted(inside):  # '"...," X said' parsed with the quote's verb as root
        hanging += [c for c in doc[i].children if c.i not in inside and c.pos_ in ("VERB", "AUX") and c not in out]
    opens = min(inside)
    leading = [g for c in hanging for g in c.children  # 'X did not seem impressed, telling reporters, "..."'
               if g.dep_ == "advcl" and g.tag_ == "VBG" and 0 < opens - g.i <= _PARTICIPLE_REACH and g not in out]
    return out + hanging + leading


def _according(verb: Any, blocked: set[int]) -> Any | None:
    """X in 'according to X' hanging on this word."""
    for child in verb.children:
        if child.lower_ == "according" and child.i not in blocked:
            to = next((c for c in child.children if c.lower_ == "to"), None)
            obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
            return obj
    return None


def _active_subject(verb: Any, blocked: set[int]) -> bool:
    """The verb has a subject of its own in the active voice ("X said", not "Schools were urged")."""
    subject = _own_subject(verb, blocked)
    return subject is not None and subject.dep_ == "nsubj"


def _subject(verb: Any, blocked: set[int]) -> Any | None:
    """The verb's subject, or that of the clause it hangs on ('..., saying "..."')."""
    for _ in range(_MAX_CLIMB):
        subject = _own_subject(verb, blocked)
        if subject is not None and subject.dep_ == "nsubjpass" and verb.lemma_.lower() in QUOTED_AS:
            return subject  # "X was quoted as saying": X speaks
        if subject is not None and subject.dep_ == "nsubjpass" and verb.lemma_.lower() in SPEECH_LEMMAS:
            return _agent(verb)  # "X was asked by Y whether '...'": Y speaks, never X
        if subject is not None:
            return subject
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
            verb = verb.head.head  # "X continued by saying", "upon saying", "before adding"
            if verb.dep_ == "dobj" and verb.pos_ == "NOUN":
                verb = verb.head  # "X made a point of saying": the maker's words
            continue
        if verb.dep_ == "acl" and verb.head.lemma_.lower() in DOCUMENT_NOUNS and verb.head.head.i != verb.head.i:
            verb = verb.head.head  # "X issued a statement saying": the statement's issuer
            continue
        if _reported_clause(verb) and _reporter_verb(verb).i not in blocked:
            verb = _reporter_verb(verb)  # "X said Y was wrong, adding '...'": X adds, not Y
            continue
        if verb.dep_ not in _INHERIT or verb.head.i == verb.i or _nearer_clause(verb):
            return None
        verb = verb.head
    return None


def _common_subject(verb: Any, blocked: set[int]) -> bool:
    """The verb has a subject of its own outside the quotations, a common noun ("the crowd")."""
    subject = _own_subject(verb, blocked)
    return subject is not None and subject.i not in blocked and subject.pos_ == "NOUN"


def _own_subject(verb: Any, blocked: set[int]) -> Any | None:
    """The verb's own subject word. Two are a misparse: the one after the verb ('X signals "...", said Y'),
    else one a reporting verb hangs on ("Outlets reported the Service had": the outlets report), else the
    one name ("A former candidate - X - said"), else the nearer ("In it - sent to X - the senator asks")."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if len(subjects) > 1:
        subjects = [c for c in subjects if c.i not in blocked] or subjects  # a word of a quote speaks for no one
    if len(subjects) < 2:
        return subjects[0] if subjects else None
    after = [c for c in subjects if c.i > verb.i]
    reporter = [c for c in subjects if any(g.dep_ == "acl" and _reports(g) for g in c.children)]
    proper = [c for c in subjects if c.tag_ in PROPER]
    return (after or reporter or (proper if len(proper) == 1 else [])
            or [min(subjects, key=lambda c: verb.i - c.i)])[0]


def _imagined(verb: Any, blocked: set[int]) -> bool:
    """Speech someone only wishes for: the reporting verb in a clause of "hope", "want" ("I hope X says",
    parsed either way round: "hope" over "says" or hanging on it), neither word inside a quotation."""
    if verb.dep_ in ("ccomp", "xcomp") and verb.head.i not in blocked and verb.head.lemma_.lower() in HYPOTHETICAL:
        return True
    return any(c.dep_ in ("ccomp", "parataxis") and c.i < verb.i and c.i not in blocked
               and c.lemma_.lower() in HYPOTHETICAL for c in verb.children)


def _after_where(verb: Any) -> bool:
    """A participle hanging on a clause of place or time ("..., where the team played, while chanting")."""
    return verb.tag_ == "VBG" and verb.dep_ == "advcl" and any(
        c.dep_ == "advmod" and c.lower_ in _WHERE for c in verb.head.children)


def _reported_clause(verb: Any) -> bool:
    """A reporting verb hanging on the reported clause of another ("X told Y that Z had failed, adding",
    "X said Z is to blame and accused him of"): it continues the outer reporter, not the clause's subject."""
    if verb.dep_ not in ("advcl", "conj") or verb.lemma_.lower() not in SPEECH_LEMMAS:
        return False
    head = verb.head
    while head.dep_ in ("xcomp", "conj") and head.head.i != head.i:
        head = head.head  # "X said Y will have to choose ..., saying": through "have to choose"
    return head.dep_ == "ccomp" and head.head.i != head.i and _reports(head.head)


def _reporter_verb(verb: Any) -> Any:
    """The reporting verb whose reported clause `verb` hangs on (see _reported_clause)."""
    head = verb.head
    while head.dep_ in ("xcomp", "conj") and head.head.i != head.i:
        head = head.head
    return head.head


def _nearer_clause(verb: Any) -> bool:
    """A participle that may hang on a nearer relative clause with a subject of its own ("X spoke near the
    pier, where dockers had gathered, chanting '...'"): whose it is, the parse cannot be trusted to say."""
    if verb.tag_ != "VBG" or verb.dep_ != "advcl" or verb.head.i > verb.i:
        return False
    between = verb.doc[verb.head.i + 1:verb.i]
    return any(t.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN") for c in t.children)
               for t in between)


def _aspectual(verb: Any, blocked: set[int]) -> bool:
    """'continue to be', 'began to sound': an aspect verb with an infinitive, not a reporting verb
    (an infinitive inside the quote is the quote's own: '"To be clear," he continued')."""
    return verb.lemma_.lower() in ASPECTUAL and any(c.dep_ == "xcomp" and c.i not in blocked for c in verb.children)


def _agent(verb: Any) -> Any | None:
    """Y in a passive 'was asked by Y'."""
    by = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
