"""Rebuild briefing/attribution/first_names.tsv from the nomquamgender package (MIT licence).

The table gives the usual gender of common first names, so that "he" is never resolved to a
"Hillary" nor "she" to a "Michael". Only names with at least MIN_COUNT records whose gender is
clear (uncertainty at most MAX_UNCERTAINTY) are kept; briefing reads the table, never the package.

    pip install nomquamgender==0.1.4 && python tools/first_names.py
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

# Records a name needs: rarer names are too often misread (a surname or a word).
MIN_COUNT = 3000
# 0.5 - |0.5 - p(female)|: names used for both genders more often than this are left out.
MAX_UNCERTAINTY = 0.05
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
                  if name.isascii() and name.isalpha() and record[1] >= MIN_COUNT
                  and min(record[2], 1 - record[2]) <= MAX_UNCERTAINTY)
    OUT.write_text(HEADER + "".join(f"{name}\t{gender}\n" for name, gender in rows), encoding="utf-8")
    print(f"{len(rows)} names -> {OUT}")


if __name__ == "__main__":
    main()
