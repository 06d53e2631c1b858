"""Story clustering: interleaved stories, a stray article, stable ids, the `stories` command."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from storytexts import CHESS, DAM, article, interleaved, write

from briefing.cli import cli
from briefing.stories import Clusterer, cluster_articles, in_date_order, story_id


def test_two_interleaved_stories_and_a_stray_make_three_stories() -> None:
    stories = cluster_articles(interleaved())
    groups = sorted(sorted(a.id for a in s.articles) for s in stories)
    assert groups == [["a0", "a2", "a4"], ["a1", "a3", "a5"], ["a9"]]


def test_story_records_carry_label_outlets_and_span() -> None:
    stories = cluster_articles(interleaved())
    dam = next(s for s in stories if "a0" in {a.id for a in s.articles})
    assert dam.label in {title for title, _ in DAM}
    assert dam.outlets == ("Outlet 0", "Outlet 2", "Outlet 4")
    assert dam.first is not None and dam.last is not None and dam.first <= dam.last
    assert [a.id for a in dam.articles] == [a.id for a in in_date_order(dam.articles)]


def test_ids_are_stable_across_runs_and_input_order() -> None:
    first = {s.id for s in cluster_articles(interleaved())}
    again = {s.id for s in cluster_articles(list(reversed(interleaved())))}
    assert first == again


def test_story_id_comes_from_the_founding_article() -> None:
    articles = interleaved()
    stories = cluster_articles(articles)
    dam = next(s for s in stories if "a0" in {a.id for a in s.articles})
    assert dam.id == story_id(dam.articles[0])


def test_a_later_batch_joins_the_known_story() -> None:
    clusterer = Clusterer()
    first = clusterer.add(interleaved())
    later = article(20, CHESS[0][0].replace("early lead", "second win"), CHESS[1][1], day=2)
    assert clusterer.add([later])["a20"] == first["a1"]


@settings(max_examples=15, deadline=None)
@given(st.permutations(list(range(7))))
def test_every_article_lands_in_exactly_one_story(order: list[int]) -> None:
    articles = [replace(a, published=None) for a in interleaved()]
    stories = cluster_articles([articles[i] for i in order])
    ids = [a.id for s in stories for a in s.articles]
    assert sorted(ids) == sorted(a.id for a in articles)


def test_stories_command_prints_json_with_source_fields(tmp_path: object) -> None:
    write(tmp_path, interleaved())
    result = CliRunner().invoke(cli, ["stories", "--source", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert len(data["stories"]) == 3
    for story in data["stories"]:
        assert {"id", "label", "articles", "outlets", "first", "last"} <= set(story)
        for item in story["articles"]:
            assert {"id", "title", "publisher", "url", "path"} <= set(item)


def test_stories_command_text_lists_each_story(tmp_path: object) -> None:
    write(tmp_path, interleaved())
    result = CliRunner().invoke(cli, ["stories", "--source", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "Done: 7 articles in 3 stories." in result.output
    assert "Bakery wins prize for rye sourdough" in result.output


def test_split_broad_parts_a_group_of_two_unlike_halves_and_keeps_a_coherent_one() -> None:
    """Two sets of five alike rows labelled as one group come apart; one coherent set stays whole."""
    from scipy import sparse as sp

    from briefing.stories import split_broad
    from briefing.vectors import normalise

    rows = [[1.0, 0.2 * (k % 3), 0.0, 0.0] for k in range(5)] + [[0.0, 0.0, 1.0, 0.2 * (k % 2)] for k in range(5)]
    vectors = normalise(sp.csr_matrix(rows))
    labels = split_broad(vectors, np.zeros(10, dtype=np.int64))
    assert len(set(labels[:5])) == 1 and len(set(labels[5:])) == 1 and labels[0] != labels[5]
    coherent = normalise(sp.csr_matrix(rows[:5] * 2))
    assert len(set(split_broad(coherent, np.zeros(10, dtype=np.int64)))) == 1


def test_absorb_tiny_takes_a_stray_member_but_leaves_a_small_story_of_its_own() -> None:
    """A stray as alike to a large group as its members are joins it; a pair only loosely alike stays apart."""
    from scipy import sparse as sp

    from briefing.stories import absorb_tiny
    from briefing.vectors import normalise

    rows = []
    for k in range(6):  # a large group: a shared term and one term of each member's own
        rows.append([1.0 if j in (0, 1 + k) else 0.0 for j in range(12)])
    rows.append([1.0 if j in (0, 7) else 0.0 for j in range(12)])  # a stray of that group
    for k in range(2):  # a small story that shares a little with the large group
        rows.append([{0: 0.3, 8: 1.0, 9 + k: 0.5}.get(j, 0.0) for j in range(12)])
    labels = absorb_tiny(normalise(sp.csr_matrix(rows)), np.array([0] * 6 + [1] + [2, 2]))
    assert labels[6] == labels[0]
    assert labels[7] == labels[8] != labels[0]


def test_remembered_parts_of_a_diffuse_story_fold_but_unrelated_stories_do_not() -> None:
    """Relative likeness joins two loose halves of one story whose centroids are under TRACK_MERGE."""
    from briefing.stories import TRACK_MERGE, Track, track_likeness

    def track(name: str, privates: list[str]) -> Track:
        centroid = {"shared": 0.5 * len(privates), **{p: 0.75 ** 0.5 for p in privates}}
        return Track(name, centroid, len(privates))

    older, later = track("s1", ["a", "b", "c", "d"]), track("s2", ["e", "f", "g", "h"])
    other = Track("s3", {"x": 2.0, "y": 1.0}, 3)
    alike = track_likeness([older, other, later], [True, True, False])
    cosine = 0.5 * 4 * 0.5 * 4 / (4 + 3)  # centroids: shared weight 2, four private weights of 0.75 ** 0.5
    assert cosine < TRACK_MERGE and alike[2, 0] >= 1.0
    assert alike[2, 1] < 1.0
    assert track_likeness([older, later], [True, False])[0, 1] < 1.0  # never towards a story of this batch


def test_the_link_cut_follows_the_batch_background_within_its_bounds() -> None:
    from briefing.stories import LINK_FACTOR, LINK_MAX, LINK_MIN, link_cut

    assert link_cut(np.array([0.03, 0.03, 0.04])) == LINK_FACTOR * 0.03
    assert link_cut(np.zeros(5)) == LINK_MIN  # nothing in common: never looser than the floor
    assert link_cut(np.full(5, 0.3)) == LINK_MAX  # one story only: its own likeness is no background


def test_linking_terms_drop_terms_of_one_article_and_keep_rows_unit_length() -> None:
    from scipy import sparse as sp

    from briefing.stories import linking_terms
    from briefing.vectors import normalise

    rows = normalise(sp.csr_matrix([[1.0, 1.0, 0.0], [1.0, 0.0, 1.0], [0.0, 0.0, 1.0]]))
    linked = linking_terms(rows).toarray()
    assert linked[0].tolist() == [1.0, 0.0, 0.0]  # column 1 occurs in one row only
    assert np.allclose(np.linalg.norm(linked, axis=1), 1.0)


def test_one_story_told_by_many_outlets_stays_one_story() -> None:
    """A folder of one story has no background of other stories: the bounded cut keeps it whole."""
    articles = [article(40 + i, f"{DAM[i % 3][0]} ({i})", DAM[i % 3][1], day=1 + i % 3) for i in range(9)]
    assert len(cluster_articles(articles)) == 1


def test_stories_command_with_a_config_lists_the_remembered_story_ids(tmp_path: Path) -> None:
    """`briefing stories --config` files articles as the next edition would, and saves nothing."""
    import sqlite3
    from datetime import UTC, datetime

    from storytexts import DAM_NEXT_DAY

    from briefing.config import load_config
    from briefing.pipeline import read_corpus
    from briefing.storystore import StoryStore

    folder = tmp_path / "news"
    write(folder, interleaved())
    config_file = tmp_path / "briefing.yaml"
    config_file.write_text(f"title: Dam\nsources: [{{name: news, path: {folder}}}]\n"
                           f"state: {{database: {tmp_path / 'state.db'}}}\n", encoding="utf-8")
    config = load_config(config_file)
    store = StoryStore(f"sqlite:///{tmp_path / 'state.db'}")
    first = store.update(read_corpus(config).articles, datetime.now(UTC).date())
    store.close()
    dam = next(s.id for s in first if "Varnholm" in s.label)
    for old in folder.iterdir():
        old.unlink()
    write(folder, [article(30, *DAM_NEXT_DAY)])
    result = CliRunner().invoke(cli, ["stories", "--config", str(config_file), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [s["id"] for s in json.loads(result.output)["stories"]] == [dam]
    with sqlite3.connect(tmp_path / "state.db") as conn:
        assert conn.execute("SELECT count(*) FROM story_members").fetchone()[0] == len(interleaved())
