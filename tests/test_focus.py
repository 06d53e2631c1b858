"""Story focus: the profiled story is briefed, the rest is listed with a reason."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from storytexts import STRAY, article, interleaved, write

from briefing.cli import cli
from briefing.config import load_config
from briefing.errors import ConfigError
from briefing.focus import profile_text, story_focus
from briefing.stories import cluster_articles

DAM_ABOUT = "The collapse of the Varnholm dam, the flood and who knew about the cracks"


def focus_of(overrides: dict, articles: list | None = None) -> object:
    """The focus of a config built from overrides over the test articles."""
    articles = articles if articles is not None else interleaved()
    return story_focus(load_config(None, overrides), articles, cluster_articles(articles))


def test_about_text_picks_its_story_and_lists_the_rest() -> None:
    focus = focus_of({"about": DAM_ABOUT})
    assert focus.kept == {"a0", "a2", "a4"}
    assert len(focus.off_topic) == 4
    assert all(o.reason.startswith("about another story: ") for o in focus.off_topic)
    assert focus.story is not None and focus.story.articles == 3


def test_an_article_about_nothing_in_the_profile_is_left_out() -> None:
    config = {"title": "Lisvane chess championship",
              "people": [{"name": "Tobias Oduya"}, {"name": "Mei Halloran"}]}
    articles = [a for a in interleaved() if a.id in {"a1", "a3", "a5"}] + [article(9, *STRAY)]
    focus = focus_of(config, articles)
    assert focus.kept == {"a1", "a3", "a5"}
    assert [o.title for o in focus.off_topic] == [STRAY[0]]
    assert focus.off_topic[0].path == "/news/a9.txt"


def test_story_largest_briefs_the_largest_story() -> None:
    articles = interleaved() + [article(11, "Halloran wins game three", "Mei Halloran beat Tobias Oduya in "
                                        "game three of the Lisvane chess championship with a quiet endgame.")]
    focus = focus_of({"focus": {"story": "largest"}}, articles)
    assert {"a1", "a3", "a5", "a11"} == focus.kept
    assert sorted(s.articles for s in focus.others) == [1, 3]


def test_without_a_profile_every_article_is_briefed() -> None:
    articles = interleaved()
    for config in ({}, {"focus": {"story": "all"}}):
        focus = focus_of(config, articles)
        assert focus.kept == {a.id for a in articles} and not focus.off_topic


def test_a_profile_nothing_is_about_keeps_nothing() -> None:
    focus = focus_of({"about": "Volcanic eruption on a remote island"})
    assert focus.kept == frozenset() and len(focus.off_topic) == 7


def test_an_unknown_story_id_is_a_clear_error() -> None:
    with pytest.raises(ConfigError, match="no story 'snope'"):
        focus_of({"focus": {"story": "snope"}})


def test_profile_text_leaves_out_the_default_title() -> None:
    assert profile_text(load_config(None, {})) == ""
    assert "Geneva" in profile_text(load_config(None, {"title": "Geneva talks"}))


def test_build_with_about_writes_off_topic_beside_sources(tmp_path: Path) -> None:
    write(tmp_path / "in", interleaved())
    result = CliRunner().invoke(cli, ["build", "--source", str(tmp_path / "in"), "--about", DAM_ABOUT,
                                      "--format", "json,txt", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "out" / "latest.json").read_text(encoding="utf-8"))
    assert len(data["sources"]) == 3 and len(data["off_topic"]) == 4
    assert {"title", "path", "url", "reason"} <= set(data["off_topic"][0])
    assert data["story"]["articles"] == 3 and len(data["other_stories"]) == 2
    assert "NOT ABOUT THIS STORY: 4" in (tmp_path / "out" / "latest.txt").read_text(encoding="utf-8")


def test_build_with_story_briefs_that_story(tmp_path: Path) -> None:
    write(tmp_path / "in", interleaved())
    stories = json.loads(CliRunner().invoke(cli, ["stories", "--source", str(tmp_path / "in"),
                                                  "--format", "json"]).output)["stories"]
    stray = next(s for s in stories if len(s["articles"]) == 1)
    result = CliRunner().invoke(cli, ["build", "--source", str(tmp_path / "in"), "--story", stray["id"],
                                      "--format", "json", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "out" / "latest.json").read_text(encoding="utf-8"))
    assert data["story"]["id"] == stray["id"] and len(data["sources"]) == 1
