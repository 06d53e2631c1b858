"""Config: defaults layered under the user's YAML, validated once with located errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.config import database_url, load_config
from briefing.errors import ConfigError


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "b.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_alone_are_valid() -> None:
    config = load_config()
    assert config.summary.algorithm == "coverage"
    assert config.output.formats == ["html", "txt", "md", "json"]


def test_partial_file_layers_over_defaults(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, "title: X\nsummary:\n  sentences: 4\n"))
    assert config.title == "X" and config.summary.sentences == 4
    assert config.summary.algorithm == "coverage"


def test_relative_paths_resolve_against_yaml_folder(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, "sources:\n  - name: a\n    path: arts\noutput:\n  dir: o\n"))
    assert config.sources[0].path == tmp_path / "arts"
    assert config.output.dir == tmp_path / "o"
    assert database_url(config) == f"sqlite:///{tmp_path / 'briefing.db'}"


def test_unknown_key_names_key_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, "title: X\nsummary:\n  sentences: 4\n  algoritm: lexrank\n")
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert f"{path}:4: summary.algoritm: unknown key" in str(err.value)


def test_bad_value_lists_allowed(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as err:
        load_config(write(tmp_path, "summary:\n  algorithm: magic\n"))
    message = str(err.value)
    assert ":2: summary.algorithm" in message and "'coverage'" in message and "magic" in message


def test_wrong_type_in_list_item(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as err:
        load_config(write(tmp_path, "sources:\n  - name: a\n    path: x\n  - name: b\n    full_text: maybe\n"))
    message = str(err.value)
    assert ":5: sources.1.full_text" in message


def test_source_needs_path_or_url(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r":2: sources\.0.*exactly one of 'path'"):
        load_config(write(tmp_path, "sources:\n  - name: a\n"))


def test_invalid_yaml_names_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"b.yaml:3: invalid YAML"):
        load_config(write(tmp_path, "title: X\nsources:\n  - name: [a\n"))


def test_missing_file() -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_config("/nonexistent/briefing.yaml")


def test_non_mapping(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="must be a mapping"):
        load_config(write(tmp_path, "- a\n- b\n"))


def test_sample_config_is_valid(sample_config_path: Path) -> None:
    config = load_config(sample_config_path)
    assert [i.id for i in config.issues] == ["territory", "znpp", "security"]
    assert config.sources[0].path is not None and config.sources[0].path.is_dir()


def test_every_config_error_on_its_own_line_in_line_order_with_its_own_hint(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: X\nemail:\n  recipents: [a@example.org]\nsummary:\n  sentences: 0\n  algoritm: kl\n")
    with pytest.raises(ConfigError) as caught:
        load_config(bad)
    lines = str(caught.value.args[0]).splitlines()
    assert [line.split(":")[1] for line in lines[::2]] == ["3", "5", "6"]
    assert lines[1] == "Hint: did you mean 'recipients'?" and lines[5] == "Hint: did you mean 'algorithm'?"
    assert "greater than or equal to 1" in lines[2] and lines[3].startswith("Hint: ")


def test_an_unknown_key_far_from_any_gets_the_allowed_keys(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("summary:\n  zzz: 1\n")
    with pytest.raises(ConfigError) as caught:
        load_config(bad)
    assert "algorithm, sentences, max_words" in caught.value.hint


def test_a_folder_given_as_the_config_file(tmp_path: Path) -> None:
    (tmp_path / "briefing.yaml").write_text("title: X\n")
    with pytest.raises(ConfigError, match="is a folder, not a configuration file") as caught:
        load_config(tmp_path)
    assert "Errno" not in str(caught.value) and str(tmp_path / "briefing.yaml") in caught.value.hint


def test_email_resend_and_fetch_deadline_defaults() -> None:
    config = load_config(None)
    assert config.email.resend == "changed" and config.fetch.run_timeout > 0 and config.fetch.concurrency >= 1
    with pytest.raises(ConfigError, match="email.resend"):
        load_config(None, {"email": {"resend": "sometimes"}})


@pytest.mark.parametrize(("text", "key"), [
    ("email:\n  recipients: [desk@example.org, desk-at-example.org]\n", "email.recipients.1"),
    ("email:\n  recipients: ['@example.org']\n", "email.recipients.0"),
    ("email:\n  sender: briefing\n", "email.sender"),
])
def test_an_address_that_is_not_an_email_address_is_named(tmp_path: Path, text: str, key: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert f"{path}:2: {key}: not an email address" in str(err.value)
    assert "name@example.org" in err.value.hint


def test_named_addresses_are_valid(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, "email:\n  sender: Desk <desk@example.org>\n  recipients: [a@b.example]\n"))
    assert config.email.recipients == ["a@b.example"]


def test_a_single_value_where_a_list_belongs_says_how_to_write_a_list(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as err:
        load_config(write(tmp_path, "output:\n  formats: html\n"))
    assert ":2: output.formats: " in str(err.value) and "[html]" in err.value.hint


def test_a_rule_of_a_section_reads_without_pydantic_wording(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as err:
        load_config(write(tmp_path, "sources:\n  - name: a\n"))
    assert "Value error" not in str(err.value) and ": give exactly one of 'path'" in str(err.value)


def test_two_sources_of_one_name_are_an_error_at_the_second(tmp_path: Path) -> None:
    path = write(tmp_path, "sources:\n  - {name: wire, path: a}\n  - {name: wire, url: 'https://example.org/rss'}\n")
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert f"{path}:3: sources.1.name: 'wire' is already the name of sources.0" in str(err.value)


def test_a_key_given_twice_is_an_error_naming_both_lines(tmp_path: Path) -> None:
    path = write(tmp_path, "sources:\n  - {name: a, path: x}\ntitle: T\nsources:\n  - {name: b, path: y}\n")
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert f"{path}:4: sources: given twice (first on line 1)" in str(err.value)
    assert "the last one would silently win" in err.value.hint


def test_a_key_given_twice_inside_a_section(tmp_path: Path) -> None:
    path = write(tmp_path, "email:\n  sender: a@b.example\n  sender: c@d.example\n")
    with pytest.raises(ConfigError, match=r":3: email\.sender: given twice \(first on line 2\)"):
        load_config(path)


def test_an_empty_section_says_so_without_pydantic_wording(tmp_path: Path) -> None:
    path = write(tmp_path, "title: T\nemail:\n")
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert f"{path}:2: email: empty section" in str(err.value) and "EmailConfig" not in str(err.value)
    assert "remove the 'email:' line" in err.value.hint


def test_recipients_without_an_smtp_section_are_warned_of(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = write(tmp_path, "email:\n  recipients: [desk@example.org]\n")
    load_config(path)
    assert f"{path}: email.recipients are set but there is no smtp section" in caplog.text
    assert "localhost:587 (starttls)" in caplog.text
    caplog.clear()
    load_config(write(tmp_path, "email:\n  recipients: [desk@example.org]\nsmtp: {host: localhost}\n"))
    assert "smtp" not in caplog.text


def test_no_formats_and_no_recipients_warn_that_editions_go_nowhere(tmp_path: Path,
                                                                     caplog: pytest.LogCaptureFixture) -> None:
    path = write(tmp_path, "output: {formats: []}\n")
    load_config(path)
    assert f"{path}: output.formats is empty and there are no email.recipients" in caplog.text


@pytest.mark.parametrize("subject", ["'{titel} {date}'", "'{title} {date:%Q%'", "'{0}'", "'{title.x}'"])
def test_a_subject_that_cannot_be_formatted_is_a_config_error(tmp_path: Path, subject: str) -> None:
    path = write(tmp_path, f"title: T\nemail:\n  subject: {subject}\n")
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert f"{path}:3: email.subject: cannot be formatted" in str(err.value)
    assert "{title}" in err.value.hint and "{date" in err.value.hint


def test_a_subject_with_a_date_format_is_valid(tmp_path: Path) -> None:
    assert load_config(write(tmp_path, "email:\n  subject: '{title}: {date:%d %B %Y}'\n")).email.subject
