"""The CLI through click's runner: exit codes, output, errors without tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from briefing.cli import cli

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def invoke(*args: str, input: str | None = None) -> click.testing.Result:
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def test_every_command_has_help_with_an_example() -> None:
    assert isinstance(cli, click.Group)
    for name, command in cli.commands.items():
        result = invoke(name, "--help")
        assert result.exit_code == 0, name
        assert "Example:" in result.output, name
        assert command.help, name


def test_build_from_sources_writes_requested_formats(tmp_path: Path) -> None:
    result = invoke("build", "--source", str(SEEDS), "--format", "json,txt", "--out", str(tmp_path),
                    "--date", "2026-02-18")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "briefing-2026-02-18.json").exists() and (tmp_path / "latest.txt").exists()
    assert not list(tmp_path.glob("*.html"))
    assert "Wrote " in result.output and result.output.strip().splitlines()[-1].startswith("Done: 5 articles")
    data = json.loads((tmp_path / "latest.json").read_text())
    assert data["schema"] == "briefing/1" and data["date"] == "2026-02-18"
    assert data["issues"] == []


def test_build_with_sample_config(tmp_path: Path, sample_config_path: Path) -> None:
    result = invoke("build", "--config", str(sample_config_path), "--out", str(tmp_path / "o"))
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "o").glob("briefing-*"))) == 4


def test_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["build", "--source", str(SEEDS), "--format", "pdf"])
    assert result.exit_code == 2 and "allowed: html, txt, md, json" in result.output


def test_bad_config_names_file_line_and_key(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: X\nsummary:\n  algoritm: lexrank\n")
    result = CliRunner().invoke(cli, ["build", "--config", str(bad)])
    assert result.exit_code == 1
    assert f"Error: {bad}:3: summary.algoritm: unknown key" in result.output
    assert "Traceback" not in result.output


def test_verbose_shows_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: [\n")
    result = CliRunner().invoke(cli, ["--verbose", "build", "--config", str(bad)])
    assert result.exit_code == 1 and result.exception is not None


def test_summarize_prints_only_the_summary() -> None:
    files = sorted(str(p) for p in SEEDS.iterdir())
    result = invoke("summarize", "--sentences", "3", *files)
    assert result.exit_code == 0
    lines = result.output.strip().splitlines()
    assert len(lines) == 3
    corpus = " ".join(Path(f).read_text() for f in files).replace("“", '"').replace("”", '"')
    corpus = corpus.replace("’", "'").replace("‘", "'")
    for line in lines:
        assert line in corpus or line.replace("’", "'") in corpus, line


@pytest.mark.parametrize("algorithm", ["coverage", "lexrank", "textrank", "lsa", "luhn", "edmundson", "kl",
                                       "sumbasic", "reduction"])
def test_summarize_every_algorithm_with_word_budget(algorithm: str) -> None:
    files = sorted(str(p) for p in SEEDS.iterdir())
    result = invoke("summarize", "--max-words", "100", "--algorithm", algorithm, "--format", "json", *files)
    assert result.exit_code == 0, result.output
    points = json.loads(result.output)
    assert points and sum(len(p["text"].split()) for p in points) <= 100 + 60


def test_summarize_reads_stdin() -> None:
    text = (SEEDS / "001_c39ecb4bd2d6f9c2.txt").read_text()
    result = invoke("summarize", "--sentences", "2", "-", input=text)
    assert result.exit_code == 0 and len(result.output.strip().splitlines()) == 2


@pytest.mark.parametrize("content, message", [(None, "no such file"), (b"", "empty"), (b"\x00\x01\x02" * 50, "binary")])
def test_summarize_bad_files_get_one_line_errors(tmp_path: Path, content: bytes | None, message: str) -> None:
    path = tmp_path / "doc.txt"
    if content is not None:
        path.write_bytes(content)
    result = CliRunner().invoke(cli, ["summarize", str(path)])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and message in result.output.lower()
    assert "Traceback" not in result.output


def test_summarize_unknown_algorithm() -> None:
    result = CliRunner().invoke(cli, ["summarize", "--algorithm", "magic", str(SEEDS)])
    assert result.exit_code == 2 and "magic" in result.output


def test_check_config_and_sources(sample_config_path: Path) -> None:
    result = invoke("check-config", "--config", str(sample_config_path))
    assert result.exit_code == 0 and result.output.startswith("Configuration valid: ")
    assert result.output.splitlines()[-1].startswith("OK: all 2 checks passed")
    assert "seeds" in result.output
    result = invoke("sources", "--config", str(sample_config_path))
    assert result.exit_code == 0 and "seeds" in result.output


def test_no_config_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["build"])
    assert result.exit_code == 1 and "no configuration" in result.output


def test_python_dash_m_entry_point() -> None:
    import subprocess
    import sys
    done = subprocess.run([sys.executable, "-m", "briefing", "--help"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "build" in done.stdout


# What each command must not import (start-up time, issue 9): a fresh interpreter runs the
# command, then lists which of these modules it loaded.
LOADED = """
import sys
from briefing.cli import cli
try:
    cli(sys.argv[1:], prog_name="briefing")
except SystemExit:
    pass
heavy = ("pydantic", "yaml", "sqlalchemy", "spacy", "spacy.cli", "scipy.cluster", "scipy.optimize", "apscheduler",
         "smtplib", "sqlalchemy.dialects.postgresql")
print("LOADED:", *(m for m in heavy if m in sys.modules))
"""


def loaded_modules(*args: str) -> set[str]:
    """The heavy modules a command imports, run in a fresh interpreter."""
    done = subprocess.run([sys.executable, "-c", LOADED, *args], capture_output=True, text=True, timeout=120,
                          check=True)
    return set(done.stdout.rsplit("LOADED:", 1)[1].split())


def test_summarize_imports_no_config_database_or_parser() -> None:
    assert loaded_modules("summarize", "--max-words", "40", str(SEEDS)) == set()


def test_build_on_the_seeds_imports_spacy_without_its_cli_and_no_scheduler(tmp_path: Path,
                                                                            sample_config_path: Path) -> None:
    """The seeds' known stories (the state database) need no clustering; SQLite no PostgreSQL dialect."""
    config = tmp_path / "briefing.yaml"
    sample = sample_config_path.read_text(encoding="utf-8")
    config.write_text(sample.replace("../seeds", str(SEEDS)).replace("../state/briefing.db", str(tmp_path / "s.db")),
                      encoding="utf-8")
    args = ["build", "--config", str(config), "--out", str(tmp_path / "out"), "-q"]
    loaded_modules(*args)  # the first build records the stories
    assert loaded_modules(*args) == {"pydantic", "yaml", "sqlalchemy", "spacy"}


@pytest.mark.parametrize("where", ["before", "after"])
def test_quiet_before_or_after_the_command_prints_nothing_but_errors(tmp_path: Path, where: str) -> None:
    args = ["build", "--source", str(SEEDS), "--out", str(tmp_path)]
    result = CliRunner().invoke(cli, ["-q", *args] if where == "before" else [*args, "-q"])
    assert result.exit_code == 0 and result.output == ""
    assert (tmp_path / "latest.html").exists()


def test_verbose_after_the_command_prints_done_once(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["build", "--source", str(SEEDS), "--out", str(tmp_path), "-v"])
    assert result.exit_code == 0 and result.output.count("Done:") == 1


def test_each_warning_prints_once(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text((SEEDS / "001_c39ecb4bd2d6f9c2.txt").read_text())
    (tmp_path / "in" / "bad.txt").write_bytes(b"\x00\x01\x02" * 40)
    result = CliRunner().invoke(cli, ["build", "--source", str(tmp_path / "in"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 4 and result.output.count("bad.txt") == 1, result.output
    assert "Traceback" not in result.output


def test_impossible_date_and_case_insensitive_format(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["build", "--source", str(SEEDS), "--date", "2026-02-30"])
    assert result.exit_code == 2 and "not a date of the calendar" in result.output
    assert "does not match the format" not in result.output
    result = CliRunner().invoke(cli, ["build", "--source", str(SEEDS), "--date", "18/02/2026"])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output
    ok = invoke("build", "--source", str(SEEDS), "--format", "HTML,Json", "--out", str(tmp_path))
    assert ok.exit_code == 0 and (tmp_path / "latest.html").exists() and (tmp_path / "latest.json").exists()


def test_date_sets_the_edition_date_and_title_sets_the_title(tmp_path: Path) -> None:
    result = invoke("build", "--source", str(SEEDS), "--date", "2026-12-02", "--out", str(tmp_path),
                    "--format", "json", "--title", "Geneva talks")
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "briefing-2026-12-02.json").read_text())
    assert data["date"] == "2026-12-02" and data["title"] == "Geneva talks"
    assert not data["generated"].startswith("2026-12-02T12:00")  # the real time of the build
    assert invoke("build", "--source", str(SEEDS), "--out", str(tmp_path / "u"), "--format", "json").exit_code == 0
    assert json.loads((tmp_path / "u" / "latest.json").read_text())["title"] == "seeds"


def test_run_says_where_editions_go_the_next_run_and_when_it_stops(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    config = tmp_path / "job.yaml"
    config.write_text(f"sources: [{{name: s, path: {SEEDS}}}]\nstate: {{database: s.db}}\n"
                      "schedule: {cron: '0 6 * * *'}\n")
    child = subprocess.Popen([sys.executable, "-m", "briefing", "run", "--config", str(config)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None
        first = [child.stdout.readline() for _ in range(2)]
        child.send_signal(signal.SIGTERM)
        out, err = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == 0, err
    assert "Editions are written to" in first[0] and "Scheduled '0 6 * * *' (UTC); next run 20" in first[1]
    assert "Warning: no email.recipients" in err and err.count("Warning") == 1
    assert out.strip().splitlines()[-1] == "Stopped (SIGTERM)."


def test_summarize_json_names_sources_by_file() -> None:
    files = sorted(str(p) for p in SEEDS.iterdir())
    points = json.loads(invoke("summarize", "--sentences", "4", "--format", "json", *files).output)
    cited = {s for p in points for s in p["sources"]}
    assert cited and cited <= set(files) and not any(s.startswith("doc") for s in cited)


@pytest.mark.parametrize("args", [["--sentences", "4"], ["--max-words", "80", "--focus", "nuclear plant"],
                                  ["--algorithm", "lexrank", "--sentences", "3"]])
def test_summarize_text_prints_the_sentences_the_cited_json_holds(args: list[str]) -> None:
    """The text output skips citing sources; its sentences are the JSON's, in the same order."""
    files = sorted(str(p) for p in SEEDS.iterdir())
    cited = [p["text"] for p in json.loads(invoke("summarize", *args, "--format", "json", *files).output)]
    assert cited and invoke("summarize", *args, *files).output.splitlines() == cited


@pytest.mark.parametrize("command", [["-q", "stories", "--source"], ["build", "--format", "txt", "--out", "OUT",
                                                                      "--source"]])
def test_a_closed_stdout_ends_the_command_silently(tmp_path: Path, command: list[str]) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for number in range(3):
        (folder / f"a{number}.txt").write_text(f"Harbour talks resumed on day {number} with a mediator present. "
                                               "Union leaders said the talks would continue on Friday.\n")
    args = [a.replace("OUT", str(tmp_path / "out")) for a in command]
    child = subprocess.Popen([sys.executable, "-m", "briefing", *args, str(folder)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()  # the reader has gone before the first line (as `| head -0` would)
    errors = child.stderr.read()
    assert child.wait(timeout=120) == 141 and "Error" not in errors and "Traceback" not in errors, errors


def test_the_console_entry_ends_fast_with_the_commands_status_and_all_its_output(tmp_path: Path) -> None:
    """main() skips freeing the interpreter at exit: the files, stdout, stderr and the status stay whole."""
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "briefing", "build", "--source", str(SEEDS), "--out", str(out)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.rstrip().splitlines()[-1].startswith("Done"), done.stderr
    in_process = tmp_path / "in-process"
    assert invoke("build", "--source", str(SEEDS), "--out", str(in_process)).exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in in_process.iterdir())
    fast, slow = (json.loads((folder / "latest.json").read_text()) for folder in (out, in_process))
    for briefing in (fast, slow):  # the two volatile values: when, and how long it took
        del briefing["generated"], briefing["stats"]["seconds"]
    assert fast == slow
    empty = tmp_path / "empty"
    empty.mkdir()
    done = subprocess.run([sys.executable, "-m", "briefing", "build", "--source", str(empty), "--out", str(out)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 3 and "Error: nothing to publish" in done.stderr


ARTICLE = ("Dock workers in the port of Varna voted on Monday to strike from next week.\n\n"
           "The union said the vote was carried by a large majority of its members.\n")


def story_config(tmp_path: Path, extra: str) -> Path:
    """A config over one article file of our own, with ``extra`` YAML appended from line 3."""
    (tmp_path / "arts").mkdir(exist_ok=True)
    (tmp_path / "arts" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    path = tmp_path / "b.yaml"
    path.write_text(f"sources:\n  - {{name: a, path: arts}}\n{extra}", encoding="utf-8")
    return path


@pytest.mark.parametrize(("extra", "key", "allowed"), [
    ("schedule:\n  cron: '0 25 * * *'\n", "schedule.cron", "five fields"),
    ("schedule:\n  cron: every day at six\n", "schedule.cron", "five fields"),
    ("schedule:\n  timezone: Europe/Zurch\n", "schedule.timezone", "Europe/Zurich"),
])
def test_check_config_and_run_name_a_bad_schedule_with_file_and_line(tmp_path: Path, extra: str, key: str,
                                                                      allowed: str) -> None:
    path = story_config(tmp_path, extra)
    for command in ("check-config", "run"):
        result = CliRunner().invoke(cli, [command, "--config", str(path)])
        assert result.exit_code == 1, (command, result.output)
        assert f"{path}:4: {key}" in result.output, (command, result.output)
        assert allowed in result.output and "Traceback" not in result.output


def test_check_config_shows_the_schedule_and_its_next_run(tmp_path: Path) -> None:
    path = story_config(tmp_path, "schedule:\n  cron: '30 7 * * 1-5'\n  timezone: Europe/Zurich\n")
    result = invoke("check-config", "--config", str(path))
    assert result.exit_code == 0, result.output
    assert "schedule: OK: '30 7 * * 1-5' (Europe/Zurich); next run " in result.output


def test_check_config_fails_a_config_without_sources(tmp_path: Path) -> None:
    path = tmp_path / "b.yaml"
    path.write_text("title: Port strike\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check-config", "--config", str(path)])
    assert result.exit_code == 1
    assert "sources: FAILED: no sources configured" in result.output


@pytest.mark.parametrize("given", [".", "./", "*.txt", "../harbour-news/*.txt"])
def test_a_config_less_title_and_source_name_are_the_folder_s_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                   given: str) -> None:
    folder = tmp_path / "harbour-news"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.chdir(folder)
    result = invoke("build", "--source", given, "--format", "json", "--out", str(tmp_path / "o"))
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "o" / "latest.json").read_text())
    assert data["title"] == "harbour-news"
    assert {s["source"] for s in data["sources"]} == {"harbour-news"}


def test_stories_text_counts_in_words_and_names_files_without_their_folders(tmp_path: Path) -> None:
    (tmp_path / "untitled.txt").write_text(ARTICLE.replace("\n\n", " "), encoding="utf-8")
    result = invoke("stories", "--source", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert " 1 article, 1 outlet, " in result.output and "\n    untitled.txt\n" in result.output
    assert str(tmp_path) not in result.output and result.output.endswith("Done: 1 article in 1 story.\n")


@pytest.mark.parametrize("edition", ["0", "-1"])
def test_send_refuses_an_edition_number_that_cannot_exist(tmp_path: Path, edition: str) -> None:
    path = story_config(tmp_path, "")
    result = CliRunner().invoke(cli, ["send", "--config", str(path), "--edition", edition])
    assert result.exit_code == 2 and "--edition" in result.output, result.output
