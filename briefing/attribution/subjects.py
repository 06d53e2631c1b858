"""What a subject word of the parse names: a person's or a body's proper-name words as written, a he/she,
a title phrase ("the Kremlin spokesman"), or no one in particular (briefing.attribution.grammar finds the
subject; briefing.speakers resolves the words to a canonical name)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from briefing.speech import DOCUMENT_NOUNS, ORGANISATION_WORDS, PRONOUNS

# Subjects that are no one in particular: null, never a name.
UNNAMED_PRONOUNS = frozenset("i we you they it this that who one someone somebody".split())
# Tags of proper nouns.
PROPER = frozenset({"NNP", "NNPS"})
# Words in capitals in a row that make a headline, not a name: text without paragraph breaks runs
# a headline into the lede ('THE OPEN BUDGET OFFICE "..." shouted one of ...'), and a person's name
# in running text is never all capitals (one capitalised word is an acronym: NATO, IBM).
CAPITALS_RUN = 2
# Tags a capitalised subject word gets when the tagger reads a surname as a common word.
_MISTAGGED = frozenset({"NN", "NNS", "JJ", "VB", "VBP", "VBZ", "VBD", "VBN", "RB"})
# A party letter joined to a state or district ("D-Newport News", "R-Wis."), written after a legislator's name.
_PARTY_PLACE = re.compile(r"[DRI]-[A-Z]")


@dataclass(frozen=True, slots=True)
class Cue:
    """What the parse says about who speaks a quotation.

    found: a reporting verb (or 'according to') governs the quote. name: the subject's
    proper-name words as written; pronoun: he/she; phrase: the subject's words for a
    title ("the Kremlin spokesman"). Found with none of them: someone unnamed speaks.
    """

    found: bool = False
    name: str | None = None
    pronoun: str | None = None
    phrase: str = ""
    proper: bool = True  # the tagger calls the name a proper noun (else a capitalised common-noun tag)
    at: int = -1  # character offset of the subject word in the parsed text (-1: no subject word)
    acted: bool = False  # no reporting verb: the subject of the act the quote is part of ("She praised ...")


def named(subject: Any | None, blocked: set[int]) -> Cue:
    """The name, pronoun or title a subject word stands for."""
    if subject is None or subject.i in blocked:
        return Cue(found=True)
    low = subject.lower_
    if low in PRONOUNS:
        return Cue(found=True, pronoun=low, at=subject.idx)
    if low in ("who", "that", "which") and subject.head.dep_ == "relcl":
        subject = subject.head.head  # "X, who ...", "a statement that said": what the relative clause is about
        low = subject.lower_
    if low == "it":
        return Cue(found=True, phrase="it", at=subject.idx)  # an organisation, if the sentence's subject is one
    if low in UNNAMED_PRONOUNS or any(c.dep_ == "conj" for c in subject.children):
        return Cue(found=True)  # "they said", "X and Y said": no one person
    author = _author(subject, blocked)
    if author is not None:
        return named(author, blocked)  # "Clinton's statement said", "the IMF report stated"
    name = _name_words(subject, blocked)
    phrase = " ".join(t.text for t in subject.subtree if t.i <= subject.i and t.i not in blocked)
    if name is None and subject.text[:1].isupper() and subject.tag_ in _MISTAGGED and subject.text.isalpha():
        # "Sanders" NNS, "Trump" JJ: a capitalised subject the tagger took for another word; a name only
        # when the article names that person in full (briefing.speakers.canonical_name, known_only)
        return Cue(found=True, name=subject.text, phrase=phrase, proper=False, at=subject.idx)
    return Cue(found=True, name=name, phrase=phrase, at=subject.idx)


def _author(subject: Any, blocked: set[int]) -> Any | None:
    """The proper-noun possessor or modifier of a document subject: its author."""
    if subject.lemma_.lower() not in DOCUMENT_NOUNS or subject.head.tag_ == "VBG":
        return None  # "X's tweet saying ...": a participle after a document is its content, often misparsed
    owner = next((c for c in subject.children if c.dep_ in ("poss", "compound") and c.tag_ in PROPER
                  and c.i not in blocked), None)
    if owner is None and subject.dep_ == "dobj":  # "X issued a statement that said": the issuer
        owner = next((c for c in subject.head.children if c.dep_ == "nsubj" and c.tag_ in PROPER
                      and c.i not in blocked), None)
    return owner


def _name_words(head: Any, blocked: set[int]) -> str | None:
    """The proper-name words ending at the head ('Sen. Susan Collins'), or an appositive's."""
    if head.tag_ not in PROPER:
        appos = next((c for c in head.children if c.dep_ == "appos" and c.tag_ in PROPER), None)
        if appos is None:
            return None
        head = appos
    if not head.text[:1].isupper():
        return None  # "the 1999 handover said": the tagger's proper noun, but no name is written in lower case
    doc, first = head.doc, head.i
    while first > 0 and doc[first - 1].i not in blocked:
        if doc[first - 1].tag_ in PROPER:
            first -= 1
        elif _hyphened(doc, first) and doc[first - 2].i not in blocked:
            first -= 2  # "Nora Lake-Whitby": the parser splits a double surname at its hyphen
        else:
            break
    if first >= 1 and doc[first - 1].lower_ == "of" and head.i - first >= 2:
        first += 1  # "Secretary of State John Kerry": "State" ends the title
    words = doc[first:_of_body(head, blocked) + 1].text.split()
    if words and _PARTY_PLACE.match(words[0]):
        return None  # "(D-Newport News)": a party and a district, no one's name
    if len(words) >= CAPITALS_RUN and all(len(w) > 1 and w.isupper() for w in words):
        return None  # "THE OPEN BUDGET OFFICE": a headline in capitals run into the text, no one's name
    return " ".join(words) or None


def _of_body(head: Any, blocked: set[int]) -> int:
    """Where a body's name ends: "Chamber of Commerce", "Council of Europe" run past the head's "of"."""
    doc, last = head.doc, head.i
    if head.lower_ not in ORGANISATION_WORDS or last + 2 >= len(doc) or doc[last + 1].lower_ != "of":
        return last
    end = last + 1
    while end + 1 < len(doc) and doc[end + 1].tag_ in PROPER and doc[end + 1].i not in blocked:
        end += 1
    return end if end > last + 1 else last


def _hyphened(doc: Any, i: int) -> bool:
    """Token i ends a capitalised word joined to the one before by a bare hyphen ("Lake-Whitby")."""
    return (i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_
            and doc[i - 2].text[:1].isupper())
