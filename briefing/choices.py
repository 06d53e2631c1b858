"""The names a user chooses among: output formats and summary algorithms.

Apart from briefing.config so that commands needing no config (``briefing summarize``) read
them without importing pydantic.
"""

from __future__ import annotations

from typing import Literal

Format = Literal["html", "txt", "md", "json"]
FORMATS: tuple[Format, ...] = ("html", "txt", "md", "json")
ALGORITHMS = (
    "coverage", "lexrank", "textrank", "lsa", "luhn", "edmundson", "kl", "sumbasic", "reduction",
)
Algorithm = Literal[
    "coverage", "lexrank", "textrank", "lsa", "luhn", "edmundson", "kl", "sumbasic", "reduction",
]
