"""Realistic synthetic news corpora for benchmarks: many outlets rewriting the same facts.

A corpus has stories of skewed popularity (a few big stories, a long tail, as in
a day of news).  Each story has named people, places, an organisation and a list
of facts.  An outlet's article about a story reports a subset of the facts (the
lead facts nearly always, the rest by chance), each *rewritten*: synonyms for
the verbs and nouns, the time or place clause moved to the front or dropped, the
attribution before or after the claim.  Articles also carry page furniture
(headline, byline, caption, newsletter plug) and background sentences of their
own.  Everything is drawn from a seeded random generator, so a size always
yields the same corpus.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from briefing.models import Article

FIRST = ("Anna Boris Carla Dmitri Elena Farid Greta Hugo Irina Jonas Karin Lars Maria Nikolai Olga Pavel "
         "Rosa Stefan Tomas Ulla Viktor Wanda Yusuf Zofia Ahmed Beatriz Chen Dara Emil Fatima").split()
LAST = ("Novak Lindqvist Berg Petrov Brandt Holm Kowalski Marin Ortega Rossi Sato Tanaka Weber Young Ziegler "
        "Haddad Ivanova Jensen Kaur Laine Moreau Nilsen Okafor Popescu Quinn Romero Silva Varga").split()
PLACES = ("Geneva Halden Oslo Vienna Lisbon Riga Tallinn Porto Bergen Ankara Nairobi Lima Quito Hanoi Osaka "
          "Dakar Tunis Baku Minsk Sofia Zagreb Tbilisi Yerevan Almaty Manila Accra Bogota Havana").split()
TOPICS = ("port strike;wage talks;peace talks;trade deal;flood relief;election dispute;budget vote;"
          "pipeline project;rail merger;fishing quota;vaccine rollout;mining licence;water treaty;"
          "airline bailout;border crossing;grain exports;power outage;teachers strike;bank rescue;"
          "wildfire response;chip factory;nuclear inspection;fuel prices;housing plan").split(";")
ORGS = ("the union;the ministry;the operators;the commission;the federation;the council;the agency;"
        "the consortium;the regulator;the coalition").split(";")

# (verb variants) used as "<subject> <verb> <object>"; variants are the outlets' synonyms.
VERBS = (
    ("rejected", "turned down", "refused"), ("proposed", "put forward", "offered"),
    ("demanded", "insisted on", "called for"), ("approved", "backed", "endorsed"),
    ("criticised", "condemned", "attacked"), ("postponed", "delayed", "put off"),
    ("announced", "unveiled", "revealed"), ("suspended", "halted", "paused"),
)
NOUNS = (
    ("plan", "proposal", "scheme"), ("deal", "agreement", "accord"), ("talks", "negotiations", "discussions"),
    ("offer", "bid", "package"), ("guarantee", "assurance", "pledge"), ("deadline", "cut-off", "time limit"),
    ("inquiry", "investigation", "review"), ("cuts", "reductions", "savings"),
)
SAYS = ("said", "told reporters", "said in a statement", "wrote on social media", "told a news conference")
DAYS = ("on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "late on Sunday")
REASONS = (("because of", "citing", "over"), ("despite", "in spite of", "regardless of"))
CONCERNS = ("rising costs", "safety risks", "job losses", "legal objections", "public pressure",
            "budget shortfalls", "security concerns", "delays at the border", "falling demand")
FURNITURE = ("Sign up for our daily newsletter.", "Photo: {person} speaks in {place} (Reuters)",
             "Read more: {topic} latest", "By {person}, staff reporter", "Published 3 hours ago",
             "Share this article", "Copyright 2026. All rights reserved.")
BACKGROUND = (
    "The dispute over the {topic} has dragged on for {n} months and analysts expect further delays.",
    "{place} has long depended on the {topic} for jobs, and local businesses are watching closely.",
    "Previous rounds in {place} ended without result, and {n} meetings have been held since spring.",
    "Officials in {place} estimate the cost at {n} million euros, a figure critics call too low.",
    "Residents of {place} told local media they were tired of the uncertainty over the {topic}.",
)


@dataclass(frozen=True, slots=True)
class Fact:
    """One fact of a story: who did what, with what, when, why; each slot has variants."""

    speaker: str
    subject: str
    verb: tuple[str, ...]
    obj: tuple[str, ...]
    when: str
    reason: tuple[str, ...]
    number: int


@dataclass(frozen=True, slots=True)
class Story:
    """A story: its topic, people, places and facts (most important first)."""

    topic: str
    people: tuple[str, ...]
    places: tuple[str, ...]
    facts: tuple[Fact, ...]


# Syllables of coined names: each story gets people, places and a subject of its own, as real
# stories do; with only the shared lists above, thousands of articles looked like one story.
SYLLABLES = ("ka ro mi ten vas lu dor eb an is ko ral sem tu vin ha nor el bri go mar sel "
             "qua fen ti zor ul pe rak om dan").split()


def coined(rng: random.Random) -> str:
    """A capitalised made-up word of two or three syllables ("Korvaten")."""
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def make_story(rng: random.Random, facts: int = 34) -> Story:
    """A random story with its own named people, places and subject, and ``facts`` facts."""
    topic = f"{coined(rng)} {rng.choice(TOPICS)}"
    people = tuple(f"{rng.choice(FIRST)} {coined(rng)}" for _ in range(4))
    places = (coined(rng), coined(rng), rng.choice(PLACES))
    parties = (*people, *ORGS[:3], f"the {places[0]} government")
    made = []
    for _ in range(facts):
        noun = rng.choice(NOUNS)
        adjective = rng.choice(("new", "revised", "final", "joint", "draft", "rival", "emergency"))
        about = f" on the {topic}" if rng.random() < 0.5 else ""
        obj = tuple(f"the {adjective} {n}{about}" for n in noun)
        concern = rng.choice(CONCERNS)
        reason = tuple(f"{r} {concern}" for r in rng.choice(REASONS))
        made.append(Fact(rng.choice(people), rng.choice(parties), rng.choice(VERBS), obj,
                         f"{rng.choice(DAYS)} in {rng.choice(places)}", reason, rng.randint(2, 900)))
    return Story(topic, people, places, tuple(made))


def rewrite(fact: Fact, rng: random.Random) -> str:
    """One outlet's wording of a fact: synonyms, clause order, dropped clauses, attribution."""
    subject = fact.subject[0].upper() + fact.subject[1:]
    claim = f"{subject} {rng.choice(fact.verb)} {rng.choice(fact.obj)}"
    if rng.random() < 0.7:
        claim += f", worth {fact.number} million euros"
    if rng.random() < 0.6:
        claim += f" {rng.choice(fact.reason)}"
    order = rng.random()
    if order < 0.35:
        text = f"{fact.when[0].upper()}{fact.when[1:]}, {decapitalise(claim)}"
    elif order < 0.7:
        text = f"{claim} {fact.when}"
    else:
        text = claim
    speaker = fact.speaker
    if rng.random() < 0.5:
        return f"{text}, {speaker} {rng.choice(SAYS)}."
    return f"{speaker} {rng.choice(SAYS)} that {decapitalise(text)}."


def decapitalise(text: str) -> str:
    """Lower-case the first letter unless the text starts with a name."""
    return text[0].lower() + text[1:] if text.split()[0] in ("The", "On", "Late") else text


def write_article(story: Story, outlet: int, number: int, rng: random.Random) -> Article:
    """One outlet's article: furniture, rewritten facts (leads first, reordered a little), background."""
    facts = [f for k, f in enumerate(story.facts) if rng.random() < (0.95 if k < 4 else 0.45)]
    if len(facts) > 3:
        a, b = rng.sample(range(len(facts)), 2)
        facts[a], facts[b] = facts[b], facts[a]
    fill = {"person": rng.choice(story.people), "place": rng.choice(story.places), "topic": story.topic}
    lines = [f"{story.topic.title()} in {story.places[0]}: {rng.choice(story.people)} speaks out",
             rng.choice(FURNITURE).format(**fill)]
    lines += [rewrite(f, rng) for f in facts]
    for template in rng.sample(BACKGROUND, 3):
        lines.insert(rng.randint(3, len(lines)), template.format(n=rng.randint(2, 40), **fill))
    lines.append(rng.choice(FURNITURE).format(**fill))
    return Article(id=f"a{number:05d}", text="\n\n".join(lines), title=lines[0], publisher=f"Outlet {outlet}")


def make_corpus(articles: int, seed: int = 7) -> tuple[list[Story], list[Article]]:
    """``articles`` articles over max(3, articles // 25) stories of Zipf-like popularity (biggest first)."""
    rng = random.Random(seed)
    stories = [make_story(rng) for _ in range(max(3, articles // 25))]
    weights = [1.0 / (rank + 1) for rank in range(len(stories))]
    chosen = rng.choices(range(len(stories)), weights=weights, k=articles)
    return stories, [write_article(stories[s], rng.randrange(200), n, rng) for n, s in enumerate(chosen)]
