"""Summaries: every algorithm offline, verbatim sentences, budgets, no repeats, exact LexRank, ROUGE floor."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.clean import clean_article
from briefing.compression import origin
from briefing.config import ALGORITHMS, load_config
from briefing.coverage import is_statement
from briefing.dedup import DUPLICATE_SIMILARITY, index_duplicates
from briefing.errors import SummarizerError
from briefing.models import Article, Sentence
from briefing.names import Lexicon
from briefing.readability import is_reaction
from briefing.sentences import SumyTokenizer, split_sentences
from briefing.summarize import SummaryOptions, lexrank_scores, summarize, summarize_documents, sumy_summarizer, unwrap

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

# Pinned ROUGE recall (percent) of the coverage algorithm on the seed story, 100-word summaries of the
# cleaned articles; a drop beyond TOLERANCE fails (trafilatura's eval_gate style).
ROUGE_FLOORS = {"rouge1": 43.0, "rouge2": 11.5, "rougeL": 22.5}
TOLERANCE = 0.5


@pytest.fixture(autouse=True)
def no_downloads(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail loudly if anything tries to fetch NLTK data."""
    import nltk

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("nltk.download called: the summarizer must work offline")

    monkeypatch.setattr(nltk, "download", refuse)
    yield


@pytest.fixture(scope="module")
def seed_sentences() -> list[Sentence]:
    """The cleaned seed articles' sentences."""
    out: list[Sentence] = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        out.extend(split_sentences(clean_article(Article(id=path.stem, text=path.read_text(encoding="utf-8")))))
    return out


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    """Spelling variants of the sample story."""
    return Lexicon(load_config(ROOT / "config" / "briefing.yaml").variants)


def assert_no_near_duplicates(points: list, lexicon: Lexicon | None = None) -> None:
    index = index_duplicates([p.text for p in points], lexicon)
    similarity = (index.vectors @ index.vectors.T).toarray()
    np.fill_diagonal(similarity, 0)
    assert similarity.max(initial=0) < DUPLICATE_SIMILARITY
    assert len(set(index.leaders.tolist())) == len(points)


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_every_algorithm_summarizes_the_seeds_offline(algorithm: str, seed_sentences: list[Sentence],
                                                      lexicon: Lexicon) -> None:
    points = summarize(seed_sentences, SummaryOptions(algorithm=algorithm), lexicon)
    assert 1 <= len(points) <= 6
    texts = {s.text for s in seed_sentences}
    assert all(p.text in texts for p in points)
    assert_no_near_duplicates(points, lexicon)


def test_points_carry_every_source_of_their_duplicate_group(seed_sentences: list[Sentence],
                                                             lexicon: Lexicon) -> None:
    points = summarize(seed_sentences, SummaryOptions(sentences=20), lexicon)
    ids = {s.article_id for s in seed_sentences}
    assert all(set(p.sources) <= ids and list(p.sources) == sorted(set(p.sources)) for p in points)
    assert any(len(p.sources) > 1 for p in points)


def test_points_are_in_reading_order_after_the_lede(seed_sentences: list[Sentence], lexicon: Lexicon) -> None:
    place = {s.text: (s.article_id, s.index) for s in seed_sentences}
    points = summarize(seed_sentences, SummaryOptions(sentences=10), lexicon)
    lede = [k for k, p in enumerate(points) if k == 0 or place[p.text] == (place[points[k - 1].text][0],
                                                                               place[points[k - 1].text][1] + 1)]
    rest = [place[p.text] for k, p in enumerate(points) if k not in lede or k > len(lede) - 1]
    assert rest == sorted(rest)
    assert not is_reaction(points[0].text) and place[points[0].text][1] <= 2


def test_default_summary_covers_the_outcome_and_the_land_dispute(seed_sentences: list[Sentence],
                                                                 lexicon: Lexicon) -> None:
    text = " ".join(p.text for p in summarize(seed_sentences, SummaryOptions(), lexicon))
    assert re.search(r"breakthrough|without (any )?progress|ended|concluded", text)
    assert re.search(r"territor|land|Donbas|Donetsk", text)


@pytest.mark.xfail(reason="known gap without focus topics: lexical coverage ranks the many rewordings of 'the "
                          "talks were difficult' above the less repeated security and nuclear-plant sentences; "
                          "the briefing passes its issues as focus topics (test_focus_topics_...)", strict=False)
def test_default_summary_covers_every_disputed_issue_and_the_next_round(seed_sentences: list[Sentence],
                                                                        lexicon: Lexicon) -> None:
    text = " ".join(p.text for p in summarize(seed_sentences, SummaryOptions(), lexicon))
    assert re.search(r"nuclear|security", text)
    assert re.search(r"round|further talks|future talks", text)


def test_focus_topics_make_the_summary_cover_each_tracked_issue(seed_sentences: list[Sentence],
                                                                 lexicon: Lexicon) -> None:
    focus = (("nuclear power plant", "ZNPP"), ("security guarantees", "security", "ceasefire"),
             ("Donbas", "territory", "territorial", "land"))
    text = " ".join(p.text for p in summarize(seed_sentences, SummaryOptions(focus=focus), lexicon))
    assert "nuclear power plant" in text and re.search(r"security|ceasefire", text)
    assert re.search(r"Donbas|territor|land", text)
    assert re.search(r"without (any sign of a|progress|any resolution)|no sign of a breakthrough", text)  # outcome


def test_focus_on_absent_topics_changes_nothing(seed_sentences: list[Sentence], lexicon: Lexicon) -> None:
    plain = summarize(seed_sentences, SummaryOptions(), lexicon)
    assert summarize(seed_sentences, SummaryOptions(focus=(("tariffs on steel",),)), lexicon) == plain


@pytest.mark.parametrize("algorithm", ["coverage", "lexrank", "textrank"])
@pytest.mark.parametrize("max_words", [15, 60, 100])
def test_word_budget_is_respected(algorithm: str, max_words: int, seed_sentences: list[Sentence]) -> None:
    points = summarize(seed_sentences, SummaryOptions(algorithm=algorithm, sentences=None, max_words=max_words))
    assert points
    assert sum(len(p.text.split()) for p in points) <= max_words  # words as DUC and a reader count them


@pytest.mark.parametrize("count", [1, 3, 8])
def test_sentence_budget_is_respected(count: int, seed_sentences: list[Sentence]) -> None:
    for algorithm in ("coverage", "luhn"):
        assert 1 <= len(summarize(seed_sentences, SummaryOptions(algorithm=algorithm, sentences=count))) <= count


def test_unknown_algorithm_and_empty_input_are_clear_errors() -> None:
    with pytest.raises(SummarizerError, match="unknown summarization algorithm 'magic'"):
        SummaryOptions(algorithm="magic")
    with pytest.raises(SummarizerError, match="at least 1"):
        SummaryOptions(sentences=0)
    with pytest.raises(SummarizerError, match="no sentences"):
        summarize_documents(["", "   \n"], SummaryOptions())
    assert summarize([], SummaryOptions()) == []


def test_summarize_documents_numbers_documents_and_unwraps_hard_wraps() -> None:
    wrapped = ("The port strike in Halden entered its second week on Monday, with container\n"
               "ships waiting offshore and the union refusing the operators' latest offer of\n"
               "a four percent pay rise.\n\nTalks are due to resume on Thursday with a state\n"
               "mediator, the labour minister said after meeting both sides in Oslo.\n")
    assert "container ships" in unwrap(wrapped)
    points = summarize_documents([wrapped, wrapped.replace("Monday", "Tuesday")],
                                 SummaryOptions(sentences=None, max_words=60))
    assert points and all(p.sources and set(p.sources) <= {"doc1", "doc2"} for p in points)
    assert all("\n" not in p.text for p in points)


def _document(draw: st.DrawFn) -> str:
    vocabulary = st.sampled_from("talks union port strike wage offer mediator minister ships Oslo Halden "
                                 "Monday rejected accepted demanded safety cranes jobs automation".split())
    tail = st.sampled_from(["", ", police said", ", which ships rejected", ", saying jobs"])
    sentence = st.tuples(st.lists(vocabulary, min_size=3, max_size=14), tail).map(
        lambda w: " ".join(w[0]).capitalize() + w[1] + ".")
    return " ".join(draw(st.lists(sentence, min_size=1, max_size=6)))


@settings(max_examples=40, deadline=None)
@given(docs=st.lists(st.composite(_document)(), min_size=1, max_size=4),
       algorithm=st.sampled_from(["coverage", "lexrank", "sumbasic"]),
       budget=st.one_of(st.tuples(st.integers(1, 5), st.none()), st.tuples(st.none(), st.integers(5, 80))))
def test_summary_is_a_subset_of_the_input(docs: list[str], algorithm: str, budget: tuple) -> None:
    articles = [Article(id=f"n{i}", text=d) for i, d in enumerate(docs)]
    found = [s for a in articles for s in split_sentences(a)]
    points = summarize(found, SummaryOptions(algorithm=algorithm, sentences=budget[0], max_words=budget[1]))
    by_text: dict[str, set[str]] = {}
    for s in found:
        by_text.setdefault(s.text, set()).add(s.article_id)
    texts = [s.text for s in found]
    for point in points:  # the sentence itself, or a verbatim trim of it (briefing.compression)
        row = origin(point.text, texts)
        assert row is not None and point.text.removesuffix(".") in texts[row]
        assert by_text[texts[row]] <= set(point.sources) <= {a.id for a in articles}
    assert len({p.text for p in points}) == len(points)
    if budget[1] is not None:
        assert sum(len(p.text.split()) for p in points) <= budget[1]
    else:
        assert len(points) <= budget[0]


def _sumy_ranking(texts: list[str]) -> list[int]:
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence

    tokenizer = SumyTokenizer()
    document = ObjectDocumentModel([Paragraph([SumySentence(t, tokenizer) for t in texts])])
    ranked: list[int] = []

    def record(infos: list) -> list:
        ranked.extend(info.order for info in infos)
        return []

    sumy_summarizer("lexrank", "english")(document, record)
    return ranked


@pytest.mark.parametrize("source", ["seeds", "synthetic"])
def test_fast_lexrank_ranks_exactly_as_sumy(source: str, seed_sentences: list[Sentence]) -> None:
    if source == "seeds":
        texts = [s.text.strip() for s in seed_sentences]
    else:
        from synthetic import make_corpus

        _, articles = make_corpus(16, seed=3)
        texts = [s.text.strip() for a in articles for s in split_sentences(a)][:300]
    assert len(texts) >= 100
    scores = lexrank_scores(texts)
    ours = sorted(range(len(texts)), key=lambda k: -scores[k])
    theirs = _sumy_ranking(texts)
    assert ours[:20] == theirs[:20]


def test_lexrank_points_follow_sumy_order(seed_sentences: list[Sentence]) -> None:
    points = summarize(seed_sentences, SummaryOptions(algorithm="lexrank", sentences=3))
    top = _sumy_ranking([s.text.strip() for s in seed_sentences])
    first_three: list[str] = []
    for k in top:
        text = seed_sentences[k].text
        if len(first_three) < 3 and all(t != text for t in first_three):
            first_three.append(text)
    assert {p.text for p in points} <= {seed_sentences[k].text for k in top[:10]}


def test_rouge_floor() -> None:
    from evaluate import Protocol, evaluate, read_clusters

    scores = evaluate(list(read_clusters(ROOT / "bench" / "data" / "seeds.jsonl")), "coverage", Protocol(clean=True))
    for kind, floor in ROUGE_FLOORS.items():
        assert scores.recall[kind] >= floor - TOLERANCE, f"{kind} recall {scores.recall[kind]} < floor {floor}"


# An invented story told twice: what a reader saw yesterday, and today's articles repeating part of it.
YESTERDAY = ("The regional council of Halden voted on Tuesday to close the old ferry terminal by the end of the "
             "year, citing repair costs.\n"
             "Ferry passengers will be moved to the new terminal at the northern pier, the council said.\n")
TODAY = [
    "The regional council of Halden voted on Tuesday to close the old ferry terminal by the end of the year "
    "because of repair costs.\nFerry workers announced a two-day strike against the terminal closure, "
    "starting on Friday morning.\nThe ferry operator cancelled all Friday and Saturday crossings to the "
    "islands because of the strike.\n",
    "Ferry workers in Halden will strike for two days from Friday morning over the closure of the old "
    "terminal.\nThe operator cancelled its Friday and Saturday crossings to the islands because of the "
    "strike.\nThe council voted on Tuesday to shut the old ferry terminal by the end of the year, citing "
    "repair costs.\n",
]


def test_an_update_summary_leaves_out_what_the_reader_has_seen() -> None:
    options = SummaryOptions(sentences=None, max_words=35)
    plain = " ".join(p.text for p in summarize_documents(TODAY, options))
    update = " ".join(p.text for p in summarize_documents(TODAY, options, seen=[YESTERDAY]))
    assert "voted on Tuesday" in plain
    assert "voted on Tuesday" not in update and "strike" in update


def test_a_focus_question_steers_the_summary() -> None:
    options = SummaryOptions(sentences=1, focus=(("Which crossings to the islands were cancelled?",),))
    points = summarize_documents(TODAY, options)
    assert "crossings" in points[0].text


def test_cli_summarize_takes_focus_and_seen(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from briefing.cli import cli

    files = []
    for name, text in [("a.txt", TODAY[0]), ("b.txt", TODAY[1]), ("old.txt", YESTERDAY)]:
        (tmp_path / name).write_text(text, encoding="utf-8")
        files.append(str(tmp_path / name))
    result = CliRunner().invoke(cli, ["summarize", files[0], files[1], "--max-words", "35", "--seen", files[2],
                                      "--focus", "strike"])
    assert result.exit_code == 0, result.output
    assert "strike" in result.output and "voted on Tuesday" not in result.output
    missing = CliRunner().invoke(cli, ["summarize", files[0], "--seen", str(tmp_path / "nope.txt")])
    assert missing.exit_code == 1 and "nope.txt" in missing.output


def test_documents_summary_never_cites_an_outlet_that_contradicts_the_point() -> None:
    texts = ["Talks between the ferry company and its crews continued on Friday.\n\nThe ferry company and the "
             "seafarers union have reached no agreement yet on wages, people close to the talks said.",
             "Talks between the ferry company and its crews went on late into the night.\n\nThe ferry company and "
             "the seafarers union have reached an agreement on wages, a local radio station reported.",
             "The strike at the ferry company entered its second week.\n\nThe ferry company and the seafarers "
             "union reached no agreement on wages, union leader Ines Kovac said on Saturday."]
    points = summarize_documents(texts, SummaryOptions(sentences=4))
    denial = [p for p in points if "no agreement yet" in p.text]
    assert denial and "doc2" not in denial[0].sources
    assert all(p.sources == tuple(e.source for e in p.evidence) for p in points)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.integers(0, 5), max_size=6), min_size=1, max_size=8), st.integers(0, 4),
       st.lists(st.booleans(), min_size=10, max_size=10))
def test_side_by_side_is_the_stacked_matrix_with_the_kept_columns(rows: list[list[int]], width: int,
                                                                   keep: list[bool]) -> None:
    import scipy.sparse as sp

    from briefing.coverage import side_by_side

    def binary(columns: int, shift: int) -> sp.csr_matrix:
        cells = [sorted({(c + shift) % columns for c in r}) for r in rows]
        indptr = np.cumsum([0] + [len(c) for c in cells])
        return sp.csr_matrix((np.ones(indptr[-1]), [c for r in cells for c in r], indptr), shape=(len(rows), columns))

    parts = [binary(6, 0), binary(width, 1) if width else sp.csr_matrix((len(rows), 0))]
    kept = np.asarray(keep[:6 + width])
    found = side_by_side(parts, kept)
    expected = sp.csr_matrix(sp.csr_matrix(sp.hstack(parts))[:, np.flatnonzero(kept)])
    assert found.shape == expected.shape and found.has_sorted_indices
    assert np.array_equal(found.indptr, expected.indptr) and np.array_equal(found.indices, expected.indices)
    assert np.array_equal(found.data, expected.data)


def test_the_summary_runs_without_the_collector_and_restores_it() -> None:
    import gc

    from briefing.summarize import bulk_work

    with bulk_work():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(SummarizerError), bulk_work():
        raise SummarizerError("restored on errors too")
    assert gc.isenabled()


@pytest.mark.parametrize("text, statement", [
    ("The council approved the new harbour wall after a long debate.", True),
    ("eBay said its sales rose by a fifth in the spring quarter.", True),
    ('The bill is known locally as the "Quiet Streets Act."', True),
    # The tail of a sentence a stray paragraph break cut off, and the end of a quotation opened before.
    ("councillors, some of whom voiced deep doubts about the cost of the harbour wall.", False),
    ("We were told that the harbour wall would be finished long before the winter storms.”", False),
])
def test_a_fragment_or_a_quotations_tail_is_no_statement(text: str, statement: bool) -> None:
    assert is_statement(text) is statement
