"""Open-issue sections and party positions: the seed story, a second story, traps and properties."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.clean import clean_text
from briefing.config import Config, IssueConfig, load_config
from briefing.issues import (
    build_corpus,
    compile_terms,
    issue_relevance,
    issue_sections,
    parties_from_config,
    people_from_config,
)
from briefing.models import Article, Section, Sentence
from briefing.names import Lexicon, Party, Person
from briefing.sentences import split_sentences

ROOT = Path(__file__).resolve().parent.parent
TRADE = ROOT / "tests" / "data" / "issues" / "trade"

DRONE_STRIKE = "Russian drones killed a woman"


def load_story(config_path: Path, articles: Path, clean: bool) -> tuple[Config, list[Sentence]]:
    """A story's config and the (cleaned) sentences of its articles, in file order."""
    config = load_config(config_path)
    sentences: list[Sentence] = []
    for path in sorted(articles.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        sentences += split_sentences(Article(id=path.stem, text=clean_text(text) if clean else text))
    return config, sentences


def sections_of(config: Config, sentences: list[Sentence]) -> dict[str, Section]:
    """The story's issue sections, by issue id."""
    found = issue_sections(sentences, config.issues, parties_from_config(config), people_from_config(config),
                           Lexicon(config.variants), max_points=config.issue_points)
    return {s.id: s for s in found}


def plain(text: str) -> str:
    """The text with curly quotes made straight (the cleaner may normalise either way)."""
    return text.translate(str.maketrans("‘’“”", "''\"\""))


def texts(section: Section) -> list[str]:
    return [plain(p.text) for p in section.points]


def position(section: Section, party: str) -> list[str]:
    return [plain(p.text) for pos in section.positions if pos.party == party for p in pos.points]


@pytest.fixture(scope="module")
def seed() -> tuple[Config, list[Sentence]]:
    return load_story(ROOT / "config" / "briefing.yaml", ROOT / "seeds", clean=True)


@pytest.fixture(scope="module")
def seed_sections(seed: tuple[Config, list[Sentence]]) -> dict[str, Section]:
    return sections_of(*seed)


@pytest.fixture(scope="module")
def trade() -> tuple[Config, list[Sentence]]:
    return load_story(TRADE / "trade.yaml", TRADE / "articles", clean=False)


@pytest.fixture(scope="module")
def trade_sections(trade: tuple[Config, list[Sentence]]) -> dict[str, Section]:
    return sections_of(*trade)


# --- the seed story ----------------------------------------------------------------------------

def test_one_section_per_issue_in_config_order(seed: tuple[Config, list[Sentence]],
                                                seed_sections: dict[str, Section]) -> None:
    config, _ = seed
    assert list(seed_sections) == [i.id for i in config.issues]
    assert [s.title for s in seed_sections.values()] == [i.title for i in config.issues]
    assert all(0 < len(s.points) <= config.issue_points for s in seed_sections.values())


def test_seed_territory(seed_sections: dict[str, Section]) -> None:
    points = texts(seed_sections["territory"])
    stuck = "The talks have remained stuck on Moscow's demands for Ukraine to cede"
    assert any(t.startswith(stuck) for t in points)
    assert "Russia occupies about 20% of Ukraine, including most of the eastern Donbass region." in points
    words = ("land", "territor", "Donbas", "Donetsk", "cede", "concession", "occup", "region")
    assert all(any(w in t for w in words) for t in points)


def test_seed_territory_merges_outlets(seed_sections: dict[str, Section]) -> None:
    points = seed_sections["territory"].points
    occupies = next(p for p in points if p.text.startswith("Russia occupies about 20%"))
    assert len(occupies.sources) >= 2


def test_seed_znpp_is_the_plant_not_the_city(seed_sections: dict[str, Section]) -> None:
    points = texts(seed_sections["znpp"])
    assert points[0].startswith("Both sides have also failed to agree upon the future of the Zaporizhzhia")
    assert points[1] == ("Moscow has demanded full control of the plant, rejecting a Ukrainian proposition "
                         "for Washington and Kyiv to take over operations.")
    assert not any(DRONE_STRIKE in t for t in points)


def test_city_vs_plant_trap_with_the_name_as_a_term(seed: tuple[Config, list[Sentence]]) -> None:
    """Even with the bare place name configured, the strike on the city is not news about the plant."""
    config, sentences = seed
    znpp = next(i for i in config.issues if i.id == "znpp")
    trap = znpp.model_copy(update={"terms": [*znpp.terms, "Zaporizhzhia"]})
    section = issue_sections(sentences, [trap], parties_from_config(config), people_from_config(config),
                             Lexicon(config.variants))[0]
    assert not any(DRONE_STRIKE in t for t in texts(section))
    assert any("Zaporizhzhia nuclear power plant" in t for t in texts(section))


def test_seed_security(seed_sections: dict[str, Section]) -> None:
    points = texts(seed_sections["security"])
    assert sum("security guarantees" in t or "security assurances" in t for t in points) >= 2
    assert any("future ceasefire might be monitored" in t for t in points)
    assert not any("their own security is at stake" in t for t in points)


def test_seed_positions(seed_sections: dict[str, Section]) -> None:
    territory, znpp, security = seed_sections["territory"], seed_sections["znpp"], seed_sections["security"]
    russia = ("Russia has wanted Ukraine to give up land", "The talks have remained stuck on Moscow",
              "The Kremlin wants Ukraine to hand over")
    assert any(t.startswith(russia) for t in position(territory, "Russia"))
    assert "Mr Zelensky says Ukraine will not surrender land to Russia." in position(territory, "Ukraine")
    assert position(znpp, "Russia") == [
        "Moscow has demanded full control of the plant, rejecting a Ukrainian proposition "
        "for Washington and Kyiv to take over operations."]
    assert [p.party for p in znpp.positions] == ["Russia"]
    needs = "Ukraine says it needs strong security guarantees"
    assert any(t.startswith(needs) for t in position(security, "Ukraine"))


def test_positions_only_for_parties_that_state_one(seed_sections: dict[str, Section]) -> None:
    for section in seed_sections.values():
        assert all(pos.points for pos in section.positions)
        parties = [pos.party for pos in section.positions]
        assert parties == [p for p in ("Russia", "Ukraine", "United States", "Europe") if p in parties]


def test_points_are_not_redundant(seed_sections: dict[str, Section]) -> None:
    for section in seed_sections.values():
        assert len(set(texts(section))) == len(section.points)


# --- a second story: trade talks ---------------------------------------------------------------

def test_trade_gas_field_not_the_flooded_town(trade_sections: dict[str, Section]) -> None:
    points = texts(trade_sections["gasfield"])
    assert all("gas field" in t or "drilling rights" in t or "the field" in t for t in points)
    assert not any("flood" in t or "music festival" in t for t in points)
    gas = trade_sections["gasfield"].points
    demanded = next(p for p in gas if p.text.startswith("Vesterland has demanded"))
    assert demanded.sources == ("herald", "wire")


def test_trade_fishing_quotas_not_import_quotas(trade_sections: dict[str, Section]) -> None:
    points = texts(trade_sections["fish"])
    assert "Vesterland wants a larger share of the herring quota for its trawlers." in points
    assert not any("import quotas" in t for t in points)


def test_trade_exclude_phrase(trade_sections: dict[str, Section]) -> None:
    assert not any("official duties" in t for t in texts(trade_sections["tariffs"]))
    wants = "Norland wants the steel tariffs lifted before any deal is signed."
    assert wants in texts(trade_sections["tariffs"])


def test_trade_positions(trade_sections: dict[str, Section]) -> None:
    gas, tariffs = trade_sections["gasfield"], trade_sections["tariffs"]
    assert position(gas, "Vesterland") == [
        "Vesterland has demanded half of the revenue from the Brenna gas field."]
    assert any("Solberg" in t for t in position(gas, "Norland"))
    assert any(t.startswith("Marta Keller, the EU mediator") for t in position(gas, "European Union"))
    assert position(tariffs, "Norland") == [
        "Norland wants the steel tariffs lifted before any deal is signed."]
    vos = "Vesterland's negotiator Pieter Vos rejected"
    assert any(t.startswith(vos) for t in position(tariffs, "Vesterland"))
    assert "European Union" not in [p.party for p in tariffs.positions]


def test_trade_coreference(trade: tuple[Config, list[Sentence]]) -> None:
    """'the field' right after a sentence about the gas field belongs to that issue."""
    config, sentences = trade
    lexicon = Lexicon(config.variants)
    corpus = build_corpus(sentences, lexicon)
    relevance = issue_relevance(corpus, config.issues[0], lexicon)
    follow = next(i for i, s in enumerate(sentences) if s.text.startswith("The European Union is ready"))
    assert relevance[follow] >= 2.0


# --- units -------------------------------------------------------------------------------------

PARTIES = [Party("ru", "Russia", ("Russia", "Moscow", "Kremlin")), Party("ua", "Ukraine", ("Ukraine", "Kyiv"))]
PEOPLE = [Person("Volodymyr Zelensky", ("Zelensky",), party="ua")]

def test_weak_terms_are_names_and_fragments_of_phrases() -> None:
    terms = ["security guarantees", "security", "Nato", "ZNPP", "ceasefire"]
    issue = IssueConfig(id="x", title="X", terms=terms)
    weak = {t.text: t.weak for t in compile_terms(issue, Lexicon())}
    assert weak == {"security guarantees": False, "security": True, "Nato": True, "ZNPP": False,
                    "ceasefire": False}


def test_build_corpus_tfidf_rows_are_unit_length_and_share_words() -> None:
    corpus = build_corpus([Sentence("Ministers met in Oslo.", "a", 0, 0), Sentence("Ministers met again.", "b", 0, 0),
                           Sentence("Rain fell.", "c", 0, 0), Sentence("the of and", "d", 0, 0)], Lexicon())
    norms = np.asarray(corpus.matrix.multiply(corpus.matrix).sum(axis=1)).ravel()
    assert [round(float(n), 6) for n in norms] == [1.0, 1.0, 1.0, 0.0]
    similar = (corpus.matrix @ corpus.matrix.T).toarray()
    assert similar[0, 1] > 0.3 and similar[0, 2] == 0.0
    assert build_corpus([], Lexicon()).matrix.shape[0] == 0


def test_issues_module_does_not_import_scikit_learn() -> None:
    source = (ROOT / "briefing" / "issues.py").read_text(encoding="utf-8")
    assert "sklearn" not in source


def test_exclude_phrase_vetoes_even_a_phrase_match() -> None:
    sentences = [Sentence("The steel tariffs board met its official duties.", "a", 0, 0),
                 Sentence("Steel tariffs rose again.", "a", 1, 0)]
    plain_issue = IssueConfig(id="t", title="T", terms=["steel tariffs", "duties"])
    excluding = plain_issue.model_copy(update={"exclude": ["official duties"]})
    corpus = build_corpus(sentences, Lexicon())
    assert list(issue_relevance(corpus, plain_issue, Lexicon()) >= 2.0) == [True, True]
    assert list(issue_relevance(corpus, excluding, Lexicon()) >= 2.0) == [False, True]


def test_empty_input_gives_empty_sections() -> None:
    issue = IssueConfig(id="x", title="X", terms=["x"])
    assert issue_sections([], [issue], PARTIES, PEOPLE, Lexicon()) == [Section("x", "X", (), ())]


WORDS = ["plant", "nuclear", "power", "land", "Donbas", "security", "guarantees", "Moscow", "demands",
         "Ukraine", "will", "not", "the", "city", "of", "Zaporizhzhia", "it", "talks", ",", ".", "“", "”"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a", "b", "c"]), st.lists(st.sampled_from(WORDS), max_size=14)),
                max_size=25))
def test_points_are_verbatim_input_sentences(items: list[tuple[str, list[str]]]) -> None:
    sentences = [Sentence(" ".join(ws), article, i, 0) for i, (article, ws) in enumerate(items)]
    issues = [IssueConfig(id="p", title="P", terms=["nuclear power plant", "Zaporizhzhia", "plant"]),
              IssueConfig(id="s", title="S", terms=["security guarantees", "security", "land"],
                          exclude=["city"])]
    ids = {s.article_id for s in sentences}
    for section in issue_sections(sentences, issues, PARTIES, PEOPLE, Lexicon(), max_points=3):
        assert len(section.points) <= 3
        for point in [*section.points, *(p for pos in section.positions for p in pos.points)]:
            assert point.text in {s.text for s in sentences}
            assert point.sources and set(point.sources) <= ids
            assert list(point.sources) == sorted(set(point.sources))
