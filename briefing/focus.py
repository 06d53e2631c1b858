"""Story focus: which articles of an edition are about the profiled story, and why the others are not.

The articles are grouped into stories (briefing.stories; across editions through
briefing.storystore). With a profile (``about``, the title, the issues, parties and people
of the YAML) the stories closest to the profile are briefed; without one, every article
(``focus.story`` picks one: an id, or ``largest``). Each article gets a relevance score: its TF-IDF cosine with the
profile's vector added to the briefed stories' centroid, with IDF from the edition itself.
Articles of other stories, and briefed articles below ``focus.threshold``, are left out and
listed with a reason.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, TypeVar

import numpy as np
from scipy import sparse

from briefing.config import Config, database_url
from briefing.errors import ConfigError, StateError
from briefing.models import Article, Failure, OffTopic, StoryRef
from briefing.stories import Story, cluster_articles
from briefing.vectors import TermSpace, article_terms, normalise, terms

if TYPE_CHECKING:
    from briefing.state import State

log = logging.getLogger(__name__)

# The title a configuration gets when it sets none: it says nothing about any story.
DEFAULT_TITLE = "Briefing"
# Stories whose match with the profile reaches this share of the best story's are briefed
# too: a profile may span two threads of coverage that clustering keeps apart.
STORY_SHARE = 0.6
# Below this cosine with the profile no story is about it: nothing is briefed.
MIN_MATCH = 0.02

# focus.story values that name no story: brief every article, or the largest story. Without a
# profile every article is briefed: a batch of unrelated articles given on the command line
# (an evaluation, a reading list) must keep all their quotes and steps; `--story largest`
# briefs one story of a mixed folder.
ALL = "all"
LARGEST = "largest"

C = TypeVar("C")


@dataclass(frozen=True, slots=True)
class Focus:
    """The outcome of focusing: the article ids kept, those left out, the briefed and other stories."""

    kept: frozenset[str]
    off_topic: tuple[OffTopic, ...] = ()
    story: StoryRef | None = None
    others: tuple[StoryRef, ...] = ()


def profile_text(config: Config) -> str:
    """Everything the configuration says about the story, as one text."""
    parts = [config.about] if config.about else []
    if config.title != DEFAULT_TITLE:
        parts.append(config.title)
    for issue in config.issues:
        parts += [issue.title, *issue.terms]
    for party in config.parties:
        parts += [party.name, *party.aliases]
    parts += [person.name for person in config.people]
    return "\n".join(p for p in parts if p.strip())


def focus_corpus(config: Config, corpus: C, state: State | None, today: date) -> tuple[C, Focus]:
    """The corpus with only the articles about the story, and what was left out."""
    articles: Sequence[Article] = corpus.articles  # type: ignore[attr-defined]
    failures: tuple[Failure, ...] = corpus.failures  # type: ignore[attr-defined]
    try:
        stories = stories_for(config, articles, state, today)
    except StateError as exc:  # losing the story memory must not cost the edition
        log.info("stories not remembered: %s", exc.args[0])
        failures += (Failure("stories", f"not remembered: {exc.args[0]}", exc.hint),)
        stories = cluster_articles(articles)
    focus = story_focus(config, articles, stories)
    corpus = replace(corpus, failures=failures)  # type: ignore[type-var]
    if len(focus.kept) == len(articles):
        return corpus, focus
    kept = tuple(a for a in articles if a.id in focus.kept)
    sentences = {a.id: corpus.sentences[a.id] for a in kept}  # type: ignore[attr-defined]
    return replace(corpus, articles=kept, sentences=sentences), focus  # type: ignore[type-var]


def stories_for(config: Config, articles: Sequence[Article], state: State | None, today: date) -> list[Story]:
    """The edition's stories: remembered across editions when there is a state database."""
    if state is None or not articles:
        return cluster_articles(articles) if articles else []
    return remembered_stories(config, articles, today)


def remembered_stories(config: Config, articles: Sequence[Article], today: date, save: bool = True) -> list[Story]:
    """The articles filed into the stories of the state database (saved there unless not ``save``)."""
    from briefing.storystore import StoryStore

    store = StoryStore(database_url(config), config.focus.window_days)
    try:
        return store.update(articles, today, save)
    finally:
        store.close()


def listed_stories(config: Config, articles: Sequence[Article], remembered: bool, today: date) -> list[Story]:
    """The stories `briefing stories` lists: with ``remembered``, filed as today's edition would file them
    (the ids `build --story` takes), saving nothing; else clustered afresh."""
    if not remembered or not articles:
        return cluster_articles(articles) if articles else []
    try:
        return remembered_stories(config, articles, today, save=False)
    except StateError as exc:  # the listing still works without the memory
        log.warning("stories not remembered: %s (%s)", exc.args[0], exc.hint)
        return cluster_articles(articles)


def story_focus(config: Config, articles: Sequence[Article], stories: Sequence[Story]) -> Focus:
    """Choose the briefed stories and score every article's relevance."""
    if not stories:
        return Focus(frozenset())
    profile = profile_text(config)
    if briefs_everything(config, profile):
        return Focus(frozenset(a.id for a in articles), story=ref(stories[0]) if len(stories) == 1 else None)
    bags = [article_terms(a) for a in articles]
    space = TermSpace.build(bags)
    vectors = space.matrix(bags)
    row = {a.id: i for i, a in enumerate(articles)}
    centroids = normalise(sparse.vstack([sparse.csr_matrix(vectors[[row[a.id] for a in s.articles]].sum(axis=0))
                                         for s in stories]).tocsr())
    query = space.matrix([terms(profile)]) if profile else None
    chosen = choose_stories(config, stories, centroids, query)
    if not chosen:
        return nothing_matches(stories)
    centre = sparse.csr_matrix(centroids[chosen].sum(axis=0))
    centre = normalise(centre + query if query is not None else centre)
    relevance = (vectors @ centre.T).toarray().ravel()
    return judge(config, articles, stories, set(chosen), relevance)


def briefs_everything(config: Config, profile: str) -> bool:
    """No profile and no story asked for, or `focus.story: all`: every article is briefed."""
    return config.focus.story == ALL or (not profile and not config.focus.story)


def choose_stories(config: Config, stories: Sequence[Story], centroids: sparse.csr_matrix,
                   query: sparse.csr_matrix | None) -> list[int]:
    """Indices of the briefed stories: focus.story, else those closest to the profile, else the largest."""
    if config.focus.story == LARGEST:
        return [0]  # stories come largest first
    if config.focus.story:
        found = [i for i, s in enumerate(stories) if s.id == config.focus.story]
        if not found:
            raise ConfigError(f"focus.story: no story {config.focus.story!r} among this edition's "
                              f"{len(stories)} stories", "list them with `briefing stories --source ...`")
        return found
    if query is None:  # a story asked for by id needs no profile; otherwise briefs_everything held
        return [0]
    match = (centroids @ query.T).toarray().ravel()  # all 0 when no profile word is in the articles
    best = float(match.max())
    if best < MIN_MATCH:  # no story is about the profile: without `about` it is only names and a title
        return [] if config.about else [0]
    return [i for i in np.argsort(-match, kind="stable").tolist() if match[i] >= STORY_SHARE * best]


def judge(config: Config, articles: Sequence[Article], stories: Sequence[Story], chosen: set[int],
          relevance: np.ndarray) -> Focus:
    """Keep the briefed stories' articles at or above the threshold; give the others a reason."""
    threshold = config.focus.threshold
    story_of = {a.id: i for i, s in enumerate(stories) for a in s.articles}
    kept, off = set(), []
    for index, article in enumerate(articles):
        score = float(relevance[index])
        home = story_of[article.id]
        if home in chosen and score >= threshold:
            kept.add(article.id)
        elif home in chosen:
            off.append(off_topic(article, f"relevance {score:.2f} is below focus.threshold {threshold:g}", score))
        else:
            off.append(off_topic(article, f"about another story: {stories[home].label}", score))
    main = min(chosen, key=lambda i: (-len(stories[i].articles), i))
    others = tuple(ref(s) for i, s in enumerate(stories) if i not in chosen)
    return Focus(frozenset(kept), tuple(off), ref(stories[main]), others)


def nothing_matches(stories: Sequence[Story]) -> Focus:
    """No story is about the profile: every article is left out."""
    reason = "shares no content words or names with the story profile"
    off = tuple(off_topic(a, reason, 0.0) for s in stories for a in s.articles)
    return Focus(frozenset(), off, None, tuple(ref(s) for s in stories))


def off_topic(article: Article, reason: str, score: float) -> OffTopic:
    """The record of an article left out."""
    return OffTopic(title=article.title or headline_of(article), path=article.path, url=article.url,
                    reason=reason, score=round(score, 4))


def headline_of(article: Article) -> str:
    """An article's first line, for articles without a title."""
    from briefing.stories import headline

    return headline(article)


def ref(story: Story) -> StoryRef:
    """The summary of a story an edition carries."""
    return StoryRef(id=story.id, label=story.label, articles=len(story.articles), day=story.day,
                    new_articles=story.new_articles)
