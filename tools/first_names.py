"""Rebuild briefing/attribution/first_names.tsv from the nomquamgender package (MIT licence).

The table gives the usual gender of common first names, so that "he" is never resolved to a
"Hillary" nor "she" to a "Michael". Only names with enough records whose gender is clear (TIERS)
are kept; briefing reads the table, never the package.

    pip install nomquamgender==0.1.4 && python tools/first_names.py
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

# (records a name needs, its largest uncertainty 0.5 - |0.5 - p(female)|): a very common name may be
# used for the other gender now and then (Hillary, George: under 8 %, not Lindsey's 10 %); a common one
# less; a rarer one (Barack) only when nearly never, since rare records are more often misread
# (a surname or a word).
TIERS = ((10000, 0.08), (3000, 0.05), (300, 0.01))
# Records that are English words more often than first names ("said", "even").
WORDS = frozenset("said even may hope chance".split())
OUT = Path(__file__).resolve().parent.parent / "briefing" / "attribution" / "first_names.tsv"
HEADER = """# First names and their usual gender (f/m), derived from nomquamgender 0.1.4 by tools/first_names.py.
# nomquamgender: Copyright (c) 2022 Ian Van Buskirk, MIT licence (github.com/ianvanbuskirk/nomquamgender).
"""


def main() -> None:
    """Write the table."""
    spec = importlib.util.find_spec("nomquamgender")  # found, not imported: its module needs pandas
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("pip install nomquamgender==0.1.4 first")
    data = json.loads((Path(next(iter(spec.submodule_search_locations))) / "name_data.json").read_text())
    rows = sorted((name, "f" if record[2] > 0.5 else "m") for name, record in data.items()
                  if name.isascii() and name.isalpha() and name not in WORDS
                  and any(record[1] >= count and min(record[2], 1 - record[2]) <= most for count, most in TIERS))
    OUT.write_text(HEADER + "".join(f"{name}\t{gender}\n" for name, gender in rows), encoding="utf-8")
    print(f"{len(rows)} names -> {OUT}")


if __name__ == "__main__":
    main()
