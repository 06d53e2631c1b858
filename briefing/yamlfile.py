"""The user's YAML file: parsed, each key's line indexed, a key given twice refused.

The line index lets every configuration error name the line it is on (briefing.config).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from briefing.errors import ConfigError


@dataclass(frozen=True, slots=True)
class UserYaml:
    """The settings of the user's file, and the line each key path is on."""

    data: dict[str, Any]
    lines: dict[tuple[Any, ...], int]


def read_yaml(path: Path) -> UserYaml:
    """Parse the user's YAML; also map each key path to its line number (a key given twice is an error)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: configuration file not found",
                          "pass an existing file with --config") from None
    except IsADirectoryError:
        inside = sorted(p.name for p in path.glob("*.y*ml"))
        example = f"e.g. {path / inside[0]}" if inside else "a .yaml file"
        raise ConfigError(f"{path}: is a folder, not a configuration file",
                          f"pass the YAML file itself with --config, {example}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc}") from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        if mark is not None and mark.index >= len(text.rstrip()):
            mark = getattr(exc, "context_mark", None) or mark  # error at end of file: point at its start
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(f"{where}: invalid YAML: {problem}",
                          "fix the indentation or quoting on that line") from None
    if data is None:
        return UserYaml({}, {})
    if not isinstance(data, dict):
        raise ConfigError(f"{path}:1: the configuration must be a mapping of keys to values",
                          "start the file with keys such as 'title:' and 'sources:'")
    lines: dict[tuple[Any, ...], int] = {}
    _index_lines(node, (), lines)
    _check_no_twice(node, (), path)
    return UserYaml(data, lines)


def _check_no_twice(node: yaml.Node | None, key: tuple[Any, ...], path: Path) -> None:
    """A key given twice in one mapping is an error: YAML keeps the last, dropping the first silently."""
    if isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _check_no_twice(item, key + (i,), path)
    if not isinstance(node, yaml.MappingNode):
        return
    first: dict[str, int] = {}
    for knode, vnode in node.value:
        name, line = str(knode.value), knode.start_mark.line + 1
        if name in first:
            dotted = ".".join(str(p) for p in (*key, name))
            raise ConfigError(f"{path}:{line}: {dotted}: given twice (first on line {first[name]})",
                              "keep one of them, merging what both say: the last one would silently win")
        first[name] = line
        _check_no_twice(vnode, key + (name,), path)


def _index_lines(node: yaml.Node | None, key: tuple[Any, ...], out: dict[tuple[Any, ...], int]) -> None:
    if node is None:
        return
    out[key] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for knode, vnode in node.value:
            out[key + (knode.value,)] = knode.start_mark.line + 1
            _index_lines_children(vnode, key + (knode.value,), out)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index_lines(item, key + (i,), out)


def _index_lines_children(node: yaml.Node, key: tuple[Any, ...], out: dict[tuple[Any, ...], int]) -> None:
    line = out[key]
    _index_lines(node, key, out)
    out[key] = line
