"""Stories that persist: a story continued the next day, stable ids on a rerun, the window."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pytest
from pgserver import pg_server_fixture, pg_url_fixture  # noqa: F401  (fixtures)
from storytexts import DAM_NEXT_DAY, article, interleaved

from briefing.storystore import StoryStore

DAY1 = date(2026, 3, 1)
# Instances racing to create the tables of one fresh database.
INSTANCES = 6


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


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_instances_opening_a_fresh_database_at_once_all_get_the_story_tables(
        tmp_path: Path, request: pytest.FixtureRequest, database: str) -> None:
    url = str(request.getfixturevalue("pg_url")) if database == "postgresql" else f"sqlite:///{tmp_path / 's.db'}"
    start = threading.Barrier(INSTANCES)
    errors: list[BaseException] = []

    def open_store() -> None:
        start.wait()
        try:
            StoryStore(url).close()
        except BaseException as exc:  # noqa: BLE001  (collected and asserted below)
            errors.append(exc)

    threads = [threading.Thread(target=open_store) for _ in range(INSTANCES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    store = StoryStore(url)
    assert [s.id for s in store.update(interleaved(), DAY1)]
    store.close()


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_instances_saving_the_same_edition_at_once_agree_on_its_stories(
        tmp_path: Path, request: pytest.FixtureRequest, database: str) -> None:
    url = str(request.getfixturevalue("pg_url")) if database == "postgresql" else f"sqlite:///{tmp_path / 'u.db'}"
    StoryStore(url).close()  # the tables exist; the race is on the story rows
    start = threading.Barrier(INSTANCES)
    errors: list[BaseException] = []
    found: list[list[str]] = []

    def update() -> None:
        store = StoryStore(url)
        start.wait()
        try:
            found.append(sorted(s.id for s in store.update(interleaved(), DAY1)))
        except BaseException as exc:  # noqa: BLE001  (collected and asserted below)
            errors.append(exc)
        finally:
            store.close()

    threads = [threading.Thread(target=update) for _ in range(INSTANCES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and len(found) == INSTANCES and all(ids == found[0] for ids in found)


def test_an_update_without_saving_files_articles_but_remembers_nothing(tmp_path: Path) -> None:
    store = store_at(tmp_path)
    first = story_of(store.update(interleaved(), DAY1), "a0")
    peek = store.update([article(30, *DAM_NEXT_DAY, day=2)], date(2026, 3, 2), save=False)
    later = store.update([article(30, *DAM_NEXT_DAY, day=2)], date(2026, 3, 2))
    store.close()
    assert [s.id for s in peek] == [s.id for s in later] == [first.id]
    assert peek[0].new_articles == 1 and later[0].new_articles == 1  # the peek was not remembered
