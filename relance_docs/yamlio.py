"""YAML files that users write (creditor profile, column mapping): safe loading with the
line of every key, so that an error can say ``creditor.yaml:7: IBAN ... is invalid``.

Hostile files are refused before anything is built: a file over :data:`MAX_YAML_BYTES`,
and any alias (``*name``), which is how a "billion laughs" file or a recursive alias
makes a small file expand without end. No file the project reads needs aliases.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import ConfigError

__all__ = ["MAX_YAML_BYTES", "YamlDoc", "load_yaml"]

MAX_YAML_BYTES = 2_000_000
"""A profile, a mapping or a plan is a few kilobytes; 2 MB leaves room for any real one."""
_MAX_DEPTH = 40


class YamlDoc:
    """A loaded YAML mapping plus the line number of each key path."""

    def __init__(self, data: dict[str, Any], lines: dict[tuple[str, ...], int], label: str):
        self.data = data
        self.lines = lines
        self.label = label

    def where(self, *path: str) -> str:
        line = self.lines.get(tuple(path))
        return f"{self.label}:{line}" if line else self.label

    def line(self, *path: str) -> int | None:
        return self.lines.get(tuple(path))


def _to_python(node: yaml.Node, path: tuple[str, ...], lines: dict) -> Any:
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            lines[(*path, key)] = key_node.start_mark.line + 1
            out[key] = _to_python(value_node, (*path, key), lines)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_to_python(v, (*path, str(i)), lines) for i, v in enumerate(node.value)]
    # Scalars stay strings, except null and booleans: rates, codes and numbers are never
    # reinterpreted by YAML (no 0123 -> 83, no 1.10 -> 1.1).
    assert isinstance(node, yaml.ScalarNode)
    if node.tag == "tag:yaml.org,2002:null" or (node.value == "" and node.style is None):
        return None
    if node.tag == "tag:yaml.org,2002:bool" and node.style is None:
        return node.value.lower() in {"true", "yes", "on"}
    return str(node.value)


def _refuse_aliases(text: str, label: str, error: type[ConfigError]) -> None:
    """Walk the event stream (linear in the file's size) and stop at the first alias, or
    at nesting deep enough to exhaust the parser's recursion."""
    depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > _MAX_DEPTH:
                raise error(
                    f"nested more than {_MAX_DEPTH} levels deep",
                    location=f"{label}:{event.start_mark.line + 1}",
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif isinstance(event, yaml.AliasEvent):
            line = event.start_mark.line + 1
            raise error(
                f"aliases (*{event.anchor}) are not allowed: write the value out",
                location=f"{label}:{line}",
            )


def load_yaml(path: Path, error: type[ConfigError] = ConfigError) -> YamlDoc:
    """Load a YAML mapping from ``path``; raise ``error`` with a location on any fault."""
    label = str(path)
    try:
        size = Path(path).stat().st_size
        if size > MAX_YAML_BYTES:
            raise error(
                f"is {size / 1e6:.1f} MB: a settings file is at most "
                f"{MAX_YAML_BYTES // 1_000_000} MB",
                location=label,
            )
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise error("file not found", location=label) from None
    except UnicodeDecodeError:
        raise error("is not UTF-8 text", location=label) from None
    except OSError as exc:
        raise error(f"cannot be read ({exc.strerror})", location=label) from None
    try:
        _refuse_aliases(text, label, error)
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{label}:{mark.line + 1}" if mark else label
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise error(f"invalid YAML: {problem}", location=where) from None
    if node is None:
        raise error("the file is empty", location=label)
    if not isinstance(node, yaml.MappingNode):
        raise error("expected 'key: value' lines at the top level", location=label)
    lines: dict[tuple[str, ...], int] = {}
    data = _to_python(node, (), lines)
    return YamlDoc(data, lines, label)
