"""Stories that persist: a story continued the next day, stable ids on a rerun, the window."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from storytexts import DAM_NEXT_DAY, article, interleaved

from briefing.storystore import StoryStore

DAY1 = date(2026, 3, 1)


def store_at(tmp_path: Path, window_days: int = 30) -> StoryStore:
    """A story store on a real SQLite file."""
    return StoryStore(f"sqlite:///{tmp_path / 'state.db'}", window_days)


def story_of(stories: list, article_id: str) -> object:
    """The story holding an article."""
    return next(s for s in stories if article_id in {a.id for a in s.articles})


def test_a_story_continued_the_next_day_keeps_its_id(tmp_path: Path) -> None:
    store = store_at(tmp_path)
    first = story_of(store.update(interleaved(), DAY1), "a0")
    later = store.update([article(30, *DAM_NEXT_DAY, day=2)], date(2026, 3, 2))
    store.close()
    assert [s.id for s in later] == [first.id]
    assert later[0].day == 2 and later[0].new_articles == 1


def test_the_same_input_twice_gives_the_same_ids_and_nothing_new(tmp_path: Path) -> None:
    store = store_at(tmp_path)
    once = {s.id: len(s.articles) for s in store.update(interleaved(), DAY1)}
    twice = store.update(interleaved(), DAY1)
    store.close()
    assert {s.id: len(s.articles) for s in twice} == once
    assert all(s.new_articles == 0 for s in twice)


def test_stories_survive_reopening_the_database(tmp_path: Path) -> None:
    first = story_of(store_at(tmp_path).update(interleaved(), DAY1), "a0")
    store = store_at(tmp_path)
    later = store.update([article(30, *DAM_NEXT_DAY, day=3)], date(2026, 3, 3))
    store.close()
    assert later[0].id == first.id and later[0].day == 3


def test_a_story_older_than_the_window_is_not_continued(tmp_path: Path) -> None:
    store = store_at(tmp_path, window_days=5)
    first = story_of(store.update(interleaved(), DAY1), "a0")
    later = store.update([article(30, *DAM_NEXT_DAY)], date(2026, 3, 20))
    store.close()
    assert later[0].id != first.id and later[0].day == 1
