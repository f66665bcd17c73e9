"""YAML files that users write (creditor profile, column mapping): safe loading with the
line of every key, so that an error can say ``creditor.yaml:7: IBAN ... is invalid``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import ConfigError

__all__ = ["YamlDoc", "load_yaml"]


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


def load_yaml(path: Path, error: type[ConfigError] = ConfigError) -> YamlDoc:
    """Load a YAML mapping from ``path``; raise ``error`` with a location on any fault."""
    label = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise error("file not found", location=label) from None
    except UnicodeDecodeError:
        raise error("is not UTF-8 text", location=label) from None
    except OSError as exc:
        raise error(f"cannot be read ({exc.strerror})", location=label) from None
    try:
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
