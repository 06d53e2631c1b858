"""Stories that persist across editions: their centroids, members and term statistics.

The tables live in the state database (same URL as briefing.state, same engine settings),
but belong to this module. Memory is bounded by a window of days: only stories active in
the window are loaded, and term statistics are kept per day and dropped after it.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from datetime import date, timedelta

from sqlalchemy import Column, Connection, Date, Integer, MetaData, String, Table, Text, delete, select, text, update

from briefing.database import create_tables, transaction
from briefing.models import Article
from briefing.state import identity_key, open_engine
from briefing.stories import Clusterer, Story, Track, article_key, in_date_order, stories_of
from briefing.vectors import article_terms

log = logging.getLogger(__name__)

# Longest identity stored as is (briefing.state's rule: longer ones are stored as a hash).
KEY_CHARS = 400

metadata = MetaData()

story_tracks = Table(
    "story_tracks", metadata,
    Column("id", String(32), primary_key=True),
    Column("label", Text, nullable=False),
    Column("first_day", Date, nullable=False),
    Column("last_day", Date, nullable=False, index=True),
    Column("size", Integer, nullable=False),
    Column("centroid", Text, nullable=False),
)
story_members = Table(
    "story_members", metadata,
    Column("article", String(KEY_CHARS), primary_key=True),
    Column("story", String(32), nullable=False, index=True),
    Column("day", Date, nullable=False),
)
story_days = Table(
    "story_days", metadata,
    Column("day", Date, primary_key=True),
    Column("docs", Integer, nullable=False),
    Column("df", Text, nullable=False),
)


@dataclass(frozen=True, slots=True)
class Memory:
    """What the store remembers for one edition: the active stories and the window's term counts."""

    clusterer: Clusterer
    first_days: Mapping[str, date]
    members: Mapping[str, str]


class StoryStore:
    """The story tables behind one database URL."""

    def __init__(self, url: str, window_days: int = 30) -> None:
        self._engine = open_engine(url)
        self.window_days = window_days
        create_tables(self._engine, metadata, "the story tables")

    def close(self) -> None:
        """Release pooled connections."""
        self._engine.dispose()

    def _begin(self, doing: str) -> AbstractContextManager[Connection]:
        return transaction(self._engine, "state database", doing,
                           "check state.database in the YAML and that the database is reachable")

    def update(self, articles: Sequence[Article], today: date, save: bool = True) -> list[Story]:
        """Assign an edition's articles to stories (old or new), remember them unless not ``save``, return them."""
        with self._begin("update the stories") as conn:
            if conn.dialect.name == "postgresql":  # SQLite's write lock already serialises writers
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": STORY_LOCK_KEY})
            memory = self.load(conn, today, [article_key(a) for a in articles])
            known = {a.id: memory.members[k] for a in articles if (k := key(a)) in memory.members}
            assigned = memory.clusterer.add(articles, known)
            stories = stories_of(articles, assigned, {t.id: t.label for t in memory.clusterer.tracks})
            if save:
                self.save(conn, today, memory, articles, assigned, {s.id: s.label for s in stories})
        return [replace(s, day=(today - memory.first_days.get(s.id, today)).days + 1,
                        new_articles=sum(1 for a in s.articles if a.id not in known)) for s in stories]

    def load(self, conn: Connection, today: date, keys: Sequence[str]) -> Memory:
        """The stories active in the window before ``today``, the window's term counts, known members."""
        since = today - timedelta(days=self.window_days)
        rows = conn.execute(select(story_tracks).where(story_tracks.c.last_day >= since)
                            .order_by(story_tracks.c.first_day, story_tracks.c.id)).mappings().all()
        days = conn.execute(select(story_days).where(story_days.c.day >= since,
                                                     story_days.c.day != today)).mappings().all()
        members = self._members(conn, [identity_key(k) for k in keys])
        tracks = [Track(r["id"], json.loads(r["centroid"]), r["size"], label=r["label"]) for r in rows]
        df: Counter[str] = Counter()
        for day in days:
            df.update(json.loads(day["df"]))
        clusterer = Clusterer(tracks, df, sum(d["docs"] for d in days))
        return Memory(clusterer, {r["id"]: r["first_day"] for r in rows}, members)

    def _members(self, conn: Connection, keys: list[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for start in range(0, len(keys), 500):  # stay under SQLite's bound-parameter limit
            query = select(story_members.c.article, story_members.c.story).where(
                story_members.c.article.in_(keys[start:start + 500]))
            found.update({row.article: row.story for row in conn.execute(query)})
        return found

    def save(self, conn: Connection, today: date, memory: Memory, articles: Sequence[Article],
             assigned: Mapping[str, str], labels: Mapping[str, str]) -> None:
        """Write the touched stories, the new members and today's term counts; drop old days."""
        clusterer = memory.clusterer
        clusterer.prune()
        touched = set(assigned.values())
        df = Counter(t for a in articles for t in article_terms(a))
        for track in clusterer.tracks:
            if track.id in touched:
                self._save_track(conn, track, labels, memory.first_days.get(track.id, today), today)
        for article in in_date_order(articles):
            if key(article) not in memory.members:
                conn.execute(delete(story_members).where(story_members.c.article == key(article)))
                conn.execute(story_members.insert().values(article=key(article), story=assigned[article.id],
                                                           day=today))
        for gone, kept in clusterer.merged.items():  # stories folded into older ones
            conn.execute(update(story_members).where(story_members.c.story == gone).values(story=kept))
            conn.execute(delete(story_tracks).where(story_tracks.c.id == gone))
        conn.execute(delete(story_days).where(story_days.c.day == today))
        conn.execute(story_days.insert().values(day=today, docs=len(articles), df=json.dumps(df)))
        conn.execute(delete(story_days).where(story_days.c.day < today - timedelta(days=self.window_days)))

    @staticmethod
    def _save_track(conn: Connection, track: Track, labels: Mapping[str, str], first: date, today: date) -> None:
        label = track.label or labels.get(track.id, "")
        conn.execute(delete(story_tracks).where(story_tracks.c.id == track.id))
        conn.execute(story_tracks.insert().values(
            id=track.id, label=label, first_day=first, last_day=today, size=track.size,
            centroid=json.dumps({t: round(w, 5) for t, w in track.centroid.items()})))


# PostgreSQL advisory lock key serialising story updates between instances ("story" in ASCII):
# two instances building one edition at once would otherwise insert the same story rows.
STORY_LOCK_KEY = 0x73746F7279


def key(article: Article) -> str:
    """The stored identity of an article."""
    return identity_key(article_key(article))
