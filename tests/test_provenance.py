"""Exact provenance: the paraphrase check, the claim grouping, and the whole briefing's citations."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.clean import clean_article
from briefing.cli import cli
from briefing.config import Config, load_config
from briefing.models import Article, Briefing, Point, Sentence
from briefing.names import Lexicon
from briefing.pipeline import Corpus, analyse, read_corpus
from briefing.provenance import build_claims, claim, same_claim, supports, term_rarity, text_supports
from briefing.sentences import split_sentences

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "config" / "briefing.yaml"
STORY2 = ROOT / "tests" / "data" / "story2" / "story2.yaml"
STORY3 = ROOT / "tests" / "data" / "story3" / "story3.yaml"
NOW = datetime(2026, 3, 11, 8, 0, tzinfo=UTC)


def said(point: str, evidence: str) -> bool:
    return supports(claim(point), claim(evidence))


# --- the paraphrase check -------------------------------------------------------------------------

@pytest.mark.parametrize("point, evidence", [
    ("The ferry strike ended on Sunday after three days.", "The ferry strike ended on Sunday after three days."),
    ("The ferry strike ended on Sunday after three days.", "After three days, the ferry strike ended on Sunday."),
    ("Russia holds about 20% of Ukraine, including most of the Donbas.",
     "Russia continues to hold roughly 20% of Ukraine, including Crimea and most of the Donbas."),
    ("Envoy Ana Ruiz said ministers will meet on Friday.", "Ruiz said ministers would meet on Friday."),
    # One step, two wordings, one actor: "another round ... soon" and "further rounds ... soon".
    ('The chief negotiator, Lars Holm, called the talks "workmanlike" and said another round would be held soon.',
     "Holm confirmed that further rounds would take place soon."),
])
def test_paraphrases_support(point: str, evidence: str) -> None:
    assert said(point, evidence)


@pytest.mark.parametrize("point, evidence", [
    # "without any set schedule" is no source for "a new round is set".
    ("Both delegations said a new round of talks is set to take place.",
     "The talks ended without any agreement or set schedule for future negotiations."),
    # Another date, another event: a vote on the 21st is no source for hearings on the 18th and 19th.
    ("Public hearings on the zoning plan will be held on May 18 and 19.",
     "The council will vote on the zoning plan on May 21."),
    ("The ferry strike ended on Sunday after three days.", "The ferry strike did not end on Sunday after three days."),
    ("The ferry strike ended on Sunday after three days.", "The ferry strike ended on Sunday after four days."),
    ("Talks with the pilots' union will take place later this month.",
     "No date has been set yet for talks with the pilots' union."),
    ("The Oslo delegation rejected the offer.", "The Bergen delegation rejected the offer."),
    ("Mayor Ana Ruiz promised to comply with the auditors' report on the harbour accounts.",
     "The auditors' report on the harbour accounts demanded that Mayor Ana Ruiz comply."),
    # Same kind of event, different actors: one speaker's "soon" is not another's.
    ("Holm said another round would be held soon.", "Both sides said a new round of talks is set to take place."),
    ("A long sentence about the harbour, the cranes, the ferry timetable, the weather and the mayor's plan.",
     "The mayor's plan."),
])
def test_other_claims_do_not_support(point: str, evidence: str) -> None:
    assert not said(point, evidence)


def test_rare_words_carry_the_claim() -> None:
    # Most words shared, but only the story's own: what the point says she will do is not in the evidence.
    point = "President Ana Ruiz will study, answer and publish the observers' report on fair elections in Norland."
    evidence = "The observers' report on fair elections in Norland praised President Ana Ruiz for her patience."
    filler = "Observers called the elections in Norland fair, President Ana Ruiz said in report {}."
    story = [point, evidence] + [filler.format(i) for i in range(30)]
    unweighted = same_claim(claim(point).whole, claim(evidence).whole)
    weighted = same_claim(claim(point).whole, claim(evidence).whole, term_rarity(story))
    assert unweighted and not weighted


def test_text_supports_uses_spelling_variants() -> None:
    lexicon = Lexicon({"Kyiv": ["Kiev"]})
    point, evidence = "Officials in Kyiv said the offer stands.", "Officials in Kiev said the offer stands."
    assert not text_supports(point, evidence) and text_supports(point, evidence, lexicon)
    assert text_supports("Exactly this.", "Exactly this.")


def test_claims_cite_exactly_the_supporting_sources() -> None:
    texts = [("a", "The regional council will vote on the harbour plan on May 21."),
             ("b", "The regional council will vote on the harbour plan on May 21."),
             ("c", "The regional council will not vote on the harbour plan on May 21."),
             ("d", "Public hearings on the harbour plan will be held on May 18 and 19.")]
    sentences = [Sentence(t, a, 0, 0) for a, t in texts]
    claims = build_claims(sentences)
    evidence = claims.cite(texts[0][1])
    assert [e.source for e in evidence] == ["a", "b"] and all(e.text == texts[0][1] for e in evidence)
    assert [e.source for e in claims.cite(texts[3][1])] == ["d"]
    assert claims.key(texts[0][1]) == claims.key(texts[1][1]) != claims.key(texts[3][1])
    assert claims.cite("A sentence nobody wrote.") == ()
    point = claims.recite(Point(texts[0][1], ("a", "b", "c", "d")))
    assert point.sources == ("a", "b") and [e.source for e in point.evidence] == ["a", "b"]


# --- whole briefings ------------------------------------------------------------------------------

def all_points(b: Briefing) -> list[tuple[str, Point]]:
    """Every cited line of a briefing with the section it is in."""
    out = [("summary", p) for p in b.summary] + [("next steps", p) for p in b.next_steps]
    for s in b.issues:
        out += [(s.id, p) for p in s.points]
        out += [(f"{s.id}/{pos.party}", p) for pos in s.positions for p in pos.points]
    return out


def check_provenance(b: Briefing, config: Config, mutated: frozenset[str] = frozenset()) -> None:
    """Every cited source holds an evidence sentence passing the check; no claim in two places."""
    lexicon = Lexicon(config.variants)
    texts = {a.id: a for a in b.sources}
    sentences = {a.id: {s.text for s in split_sentences(a)} for a in b.sources}
    everything = [s for a in b.sources for s in split_sentences(a)]
    claims = build_claims(everything, lexicon)
    rarity = term_rarity([s.text for s in everything], lexicon)
    seen: dict[str, str] = {}
    for section, point in all_points(b):
        assert point.sources == tuple(e.source for e in point.evidence), (section, point)
        assert point.evidence == claims.cite(point.text), (section, point)  # one rule, wherever it appears
        assert point.text in {e.text for e in point.evidence}, (section, point)
        for e in point.evidence:
            assert e.source in texts and e.text in sentences[e.source], (section, e)
            assert text_supports(point.text, e.text, lexicon, rarity), (section, point.text, e.text)
            assert e.text == point.text or e.text not in mutated, (section, point.text, e.text)
        assert point.text not in seen, f"{point.text!r} in {seen.get(point.text)} and {section}"
        seen[point.text] = section
    for section in b.issues:
        assert all(pos.points for pos in section.positions), section.id  # no empty party box


@pytest.mark.parametrize("path", [SEEDS, STORY2, STORY3])
def test_stories_cite_only_what_each_source_says(path: Path) -> None:
    config = load_config(path)
    briefing = analyse(config, read_corpus(config), NOW)
    check_provenance(briefing, config)
    claims = build_claims(read_corpus(config).all_sentences(), Lexicon(config.variants))
    keys = [claims.key(p.text) for _, p in all_points(briefing)]
    assert len(keys) == len(set(keys))  # one claim, one place


def test_seed_new_round_set_to_take_place_cites_only_the_outlet_that_says_it() -> None:
    config = load_config(SEEDS)
    corpus = read_corpus(config)
    claims = build_claims(corpus.all_sentences(), Lexicon(config.variants))
    text = next(s.text for s in corpus.all_sentences() if s.text.startswith("Both sides said a new round"))
    # nypost says "without any ... set schedule"; the briefing shows this round once, as Medinsky's "soon".
    assert tuple(e.source for e in claims.cite(text)) == ("004_9a9109655f13f050",)
    briefing = analyse(config, corpus, NOW)
    assert sum(bool(re.search(r"round|future talks", p.text)) for p in briefing.next_steps) == 1


def test_build_show_evidence_writes_each_sources_sentence(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", "--source", str(STORY3.parent / "articles"), "--format", "txt,md",
                                      "--out", str(out), "--date", "2026-03-11", "--show-evidence"])
    assert result.exit_code == 0, result.output
    text = (out / "latest.txt").read_text(encoding="utf-8")
    assert "> Riverton Ledger: (these words)" in text and "> Valley Courier: (these words)" in text
    assert "(these words)" in (out / "latest.md").read_text(encoding="utf-8")
    plain = CliRunner().invoke(cli, ["build", "--source", str(STORY3.parent / "articles"), "--format", "txt",
                                     "--out", str(tmp_path / "plain"), "--date", "2026-03-11"])
    assert plain.exit_code == 0 and "(these words)" not in (tmp_path / "plain" / "latest.txt").read_text("utf-8")


def test_seed_party_boxes_state_a_stance() -> None:
    config = load_config(SEEDS)
    briefing = analyse(config, read_corpus(config), NOW)
    stance = re.compile(r"\b(?:wants?|wanted|demand\w*|says?|said|insists?|needs?|rejects?|rejected|"
                        r"will not|would not|offer\w*)\b")
    for section in briefing.issues:
        for pos in section.positions:
            for p in pos.points:
                assert stance.search(p.text), (section.id, pos.party, p.text)
            assert not {p.text for p in pos.points} & {p.text for p in section.points}


@st.composite
def variants(draw: st.DrawFn, base: Corpus) -> tuple[Corpus, frozenset[str]]:
    """The story with articles and sentences dropped, plus an outlet echoing sentences, some altered."""
    articles = [a for a in base.articles if draw(st.booleans())] or [base.articles[0]]
    kept = []
    for a in articles:
        lines = [s.text for s in base.sentences[a.id]]
        keep = draw(st.lists(st.booleans(), min_size=len(lines), max_size=len(lines)))
        kept.append(Article(id=a.id, text="\n\n".join(t for t, k in zip(lines, keep, strict=True) if k) or lines[0],
                            publisher=a.publisher, published=a.published))
    pool = [s.text for a in base.articles for s in base.sentences[a.id]]
    echoed = draw(st.lists(st.tuples(st.sampled_from(pool), st.sampled_from(["same", "negate", "number"])),
                           max_size=6))
    mutated = set()
    lines = []
    for text, how in echoed:
        if how == "negate" and re.search(r"\b(?:will|would|is|was)\b", text):
            text = re.sub(r"\b(will|would|is|was)\b", r"\1 not", text, count=1)
            mutated.add(text)
        elif how == "number" and re.search(r"\d", text):
            text = re.sub(r"\d+", lambda m: str(int(m.group()) + 1), text, count=1)
            mutated.add(text)
        lines.append(text)
    if lines:
        kept.append(Article(id="zz-echo", text="\n\n".join(lines), publisher="Echo"))
    cleaned = [clean_article(a) for a in kept]
    split = {a.id: split_sentences(a) for a in cleaned}
    usable = tuple(a for a in cleaned if split[a.id])
    return Corpus(usable, {a.id: split[a.id] for a in usable}, ()), frozenset(mutated)


BUDGET = load_config(STORY3)
BUDGET_CORPUS = read_corpus(BUDGET)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(variants(BUDGET_CORPUS))
def test_variants_cite_only_what_each_source_says(variant: tuple[Corpus, frozenset[str]]) -> None:
    corpus, mutated = variant
    check_provenance(analyse(BUDGET, corpus, NOW), BUDGET, mutated)
