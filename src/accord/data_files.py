"""Read the package's declarative data files (YAML/TSV under ``accord/data``)."""
from __future__ import annotations

import csv
from importlib import resources
from typing import Any

import yaml

from .errors import ConfigError


def data_path(name: str):
    return resources.files("accord") / "data" / name


def load_yaml(name: str) -> Any:
    path = data_path(name)
    try:
        with path.open("r", encoding="utf-8") as fh:
            data = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except FileNotFoundError:
        raise ConfigError(f"data file {name} is missing from the package") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"data file {name} is not valid YAML: {exc}") from None
    _check_word_lists(data, name)
    return data


def _check_word_lists(node: Any, name: str) -> None:
    """YAML reads a bare on/off/yes/no as a boolean, so `preps: [with, on]` would hold True and
    the word "on" would silently never match: word lists must quote them."""
    if isinstance(node, dict):
        for value in node.values():
            _check_word_lists(value, name)
    elif isinstance(node, list):
        for item in node:
            if isinstance(item, bool):
                raise ConfigError(f"data file {name}: a list holds the boolean {item}; quote words like \"on\" and \"off\"")
            _check_word_lists(item, name)


def load_tsv(name: str) -> list[dict[str, str]]:
    with data_path(name).open("r", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))
