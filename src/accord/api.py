"""Library entry points for notebooks and other programs."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from .errors import ItemError
from .ingest import make_document
from .pipeline import Pipeline
from .settings import Settings, load_settings


@lru_cache(maxsize=4)
def pipeline_for(settings: Settings) -> Pipeline:
    """One loaded pipeline per settings: building it (model, gazetteer) costs about a second."""
    return Pipeline(settings)


def _code(content: str, kind: str, date: str | None, settings: Settings | None) -> dict[str, Any]:
    doc = make_document(content.encode("utf-8"), "<api>", kind, date=date)
    outcome = next(iter(pipeline_for(settings or load_settings()).process([doc])))
    if outcome.failure:
        _raise(outcome.failure)
    return outcome.result.to_dict()


def _raise(failure) -> Any:
    from .errors import ErrorCode

    raise ItemError(ErrorCode(failure.code), failure.reason, failure.source)


def code_text(text: str, date: str | None = None, settings: Settings | None = None) -> dict[str, Any]:
    """Code one article given as plain text; returns the contract dict (DESIGN.md section 2)."""
    return _code(text, "text", date, settings)


def code_html(html: str, date: str | None = None, settings: Settings | None = None) -> dict[str, Any]:
    """Code one article given as an HTML page."""
    return _code(html, "html", date, settings)
