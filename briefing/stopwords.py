"""English stop words, read from the list sumy ships (no scikit-learn import on the build path)."""

from __future__ import annotations

from functools import cache
from importlib import resources

# sumy's own English list: the summarizers already depend on it, and reading a data file costs
# nothing at start-up, where importing scikit-learn for its list cost about two seconds.
_SUMY_LIST = ("sumy", "data/stopwords/english.txt")


@cache
def stop_words() -> frozenset[str]:
    """The English stop words, lower case."""
    package, name = _SUMY_LIST
    text = resources.files(package).joinpath(name).read_text(encoding="utf-8")
    return frozenset(w.strip().lower() for w in text.splitlines() if w.strip())
