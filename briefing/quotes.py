"""Direct quotations, who said them, and every outlet that reports them.

A wrong speaker is the worst bug this product can have, so attribution is
conservative. A speaker is named only when the quote's own sentence says who
speaks ('"...," Umerov said', 'Witkoff said the talks "..."', 'according to X',
'X: "..."', '"..." ― X', 'the Security Council said'), or when a pronoun
('"...," he said') or an unattributed quote paragraph right after a quote or a
colon can be tied to exactly one person just before it. Otherwise the speaker is
None; unnamed groups ("officials said") stay None too.

Every quotation found is returned, scare quotes and one-word fragments included:
they rank low and are never key. The same words reported by several outlets, even
in different translations, are one entry listing every source.

This module is the stage: each quotation's own reading (briefing.attribution.rules), then the
quotes that continue a speaker's turn, then the merge across outlets and the key quotes.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from briefing.attribution.facts import shared_full_names
from briefing.attribution.merge import cluster, one_spelling, wording
from briefing.attribution.rules import is_organisation, read_quote
from briefing.attribution.turns import someone_between, turn_passed
from briefing.attribution.view import Mark, View, article_view
from briefing.keyquotes import QuoteWeights, mark_key
from briefing.models import Article, Quote, Sentence
from briefing.names import Lexicon, Person
from briefing.sentences import words
from briefing.speakers import Speakers
from briefing.speech import tokenize

log = logging.getLogger(__name__)

# A question quoted with one of these verbs was said, and the next paragraph's quote goes on with it;
# with a verb of asking, the next paragraph may be the answer of someone else.
_SAYING = frozenset("said says say added adds".split())
_ASKING = frozenset("ask asks asked asking wondered wonders questioned inquired".split())


@dataclass(frozen=True, slots=True)
class QuoteOptions:
    """How many quotes are key, and the fewest words a key quote may have."""

    key: int = 6
    min_words: int = 4


@dataclass(frozen=True, slots=True)
class _Found:
    """One quotation in one article, with its speaker."""

    article: str
    order: int
    text: str
    context: str
    mark: Mark
    pure: bool  # its sentence holds nothing but quotation
    speaker: str | None
    explicit: bool
    signed: bool = False  # '"..." ― Name': a signature ends that speaker's turn
    title: bool = False  # the name of a show, book or slogan: nobody's words
    tailed: bool = False  # opens its sentence, and the few words after it only finish its phrase


def _found(view: View, names: Speakers, index: int, order: int) -> _Found | None:
    """One quotation with the speaker its own sentences give (briefing.attribution.rules)."""
    reading = read_quote(view, names, index)
    if reading is None:
        return None
    mark, said = view.marks[index], reading.said
    return _Found(view.article.id, order, view.article.text[mark.start:mark.end], reading.context, mark,
                  reading.pure, said.speaker, said.explicit, reading.signed, reading.title, reading.tailed)


def _continued(found: list[_Found], view: View, names: Speakers) -> list[_Found]:
    """Unattributed quotes that continue the speaker's quote just before (or after) them."""
    out: list[_Found] = []
    for f in found:
        prev = next((p for p in reversed(out) if not p.title), None)  # 'on NBC's "Meet the Press." "..."'
        prev = prev if prev is None or prev.mark.paragraph >= f.mark.paragraph - 1 else None
        if (prev and prev.speaker and f.speaker is None and not f.explicit and (f.pure or f.tailed)
                and _follows(prev, f) and not prev.signed and not _handed_on(view, names, prev, f)):
            f = replace(f, speaker=prev.speaker)
        out.append(f)
    for i in range(len(out) - 2, -1, -1):
        f, after = out[i], out[i + 1]
        if (f.speaker is None and not f.explicit and f.mark.unclosed and after.speaker
                and after.mark.paragraph == f.mark.paragraph + 1 and after.mark.opens_paragraph):
            out[i] = replace(f, speaker=after.speaker)
    return out


def _handed_on(view: View, names: Speakers, prev: _Found, f: _Found) -> bool:
    """The text between two quotes hands the turn from prev's speaker to someone else (briefing.attribution.turns)."""
    speaker = prev.speaker or ""
    return someone_between(view, names, prev.mark, speaker, f.mark) or turn_passed(view, names, prev.mark, speaker)


def _follows(prev: _Found, f: _Found) -> bool:
    """f is the next quote of prev's paragraph, or opens the next paragraph and does not answer a question."""
    if prev.mark.paragraph == f.mark.paragraph:
        return True
    adjacent = prev.mark.paragraph + 1 == f.mark.paragraph and f.mark.opens_paragraph
    asked = prev.text.endswith("?") and not _rhetorical(prev)
    return adjacent and (prev.mark.unclosed or not asked)  # an open quote runs on


def _rhetorical(prev: _Found) -> bool:
    """'"... affect me?" he said, paraphrasing ...': a question its speaker said, not asked of someone who answers."""
    words = {t.low for t in tokenize(prev.context.replace(prev.text, " "))}
    return bool(prev.explicit and words & _SAYING and not words & _ASKING)


def _quote(members: list[_Found], weights: QuoteWeights) -> Quote:
    """One entry for a group of reports: the fullest attributed wording, the others as variants."""
    speaker = next((m.speaker for m in members if m.speaker), None)
    main = max(members, key=lambda m: (m.speaker is not None, len(words(m.text)), -m.order))
    seen = {tuple(words(main.text))}
    variants = []
    for m in sorted(members, key=lambda m: m.order):
        if tuple(words(m.text)) not in seen:
            seen.add(tuple(words(m.text)))
            variants.append(m.text)
    sources = tuple(sorted({m.article for m in members}))
    return Quote(main.text, speaker, sources, main.context, tuple(variants),
                 weights.score(main.text, speaker, len(sources)))


def extract_quotes(articles: Sequence[Article], sentences: Mapping[str, Sequence[Sentence]],
                   people: Sequence[Person], options: QuoteOptions,
                   lexicon: Lexicon | None = None) -> list[Quote]:
    """Every direct quotation, merged across sources, most important first; the top ones are key."""
    first = Speakers(people)
    views = [article_view(a, sentences.get(a.id), first) for a in articles]
    names = Speakers(people, shared_full_names([v.facts for v in views]))
    found: list[_Found] = []
    for view in views:
        here = []
        for i in range(len(view.marks)):
            f = _found(view, names, i, len(found) + i)
            if f is not None:
                here.append(f)
                if f.speaker and not is_organisation(names, view, f.speaker):  # "he" is never the IMF
                    view.spoken.append((f.mark.start, f.speaker))
        found += _continued(here, view, names)
    spelling = one_spelling([f.speaker for f in found if f.speaker], {p.name for p in people})
    found = [replace(f, speaker=spelling.get(f.speaker, f.speaker)) if f.speaker else f for f in found]
    df = Counter(w for a in articles for w in wording(a.text, lexicon).content)
    weights = QuoteWeights(df, len(articles), lexicon, options.min_words)
    quotes = sorted((_quote(c, weights) for c in cluster(found, lexicon, options.min_words)),
                    key=lambda q: (-q.score, q.text, q.sources))
    log.debug("quotes: %d found, %d after merging, %d attributed", len(found), len(quotes),
              sum(1 for q in quotes if q.speaker))
    return mark_key(quotes, options.key, options.min_words, {p.name: p.party for p in people if p.party})
