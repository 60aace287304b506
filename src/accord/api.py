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


class StoreView:
    """A read-only store for notebooks: the CLI's queries as pandas DataFrames."""

    def __init__(self, path: str) -> None:
        from .store import Store

        self._store = Store(path, read_only=True)
        self.con = self._store.con

    def close(self) -> None:
        self._store.close()

    def __enter__(self) -> "StoreView":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def events(self, actor: str | None = None, dyad: tuple[str, str] | None = None, type: str | None = None,
               status: str | None = None, since: str | None = None, until: str | None = None, limit: int = 100_000):
        from .queries import EventFilter, events

        return events(self.con, EventFilter(actor, dyad, type, status, since, until), limit).df()

    def dyad(self, a: str, b: str, by: str = "month", since: str | None = None, until: str | None = None,
             both_ways: bool = True):
        """Per period counts by quad class, Goldstein sum and mean, the index and change flags."""
        from .analysis import change_flags
        from .queries import dyad_series

        df = dyad_series(self.con, a, b, by, since, until, both_ways).df()
        df["index"] = df["goldstein_mean"].fillna(0.0)
        flags = {f.period: f.direction for f in change_flags(list(df["index"]), list(df["period"]))}
        df["flag"] = [flags.get(p, "") for p in df["period"]]
        return df

    def top_actors(self, limit: int = 20):
        from .queries import top_actors

        return top_actors(self.con, limit).df()

    def top_dyads(self, limit: int = 20):
        from .queries import top_dyads

        return top_dyads(self.con, limit).df()

    def network(self, min_events: int = 1):
        from .queries import network

        return network(self.con, min_events).df()

    def quotes(self, speaker: str | None = None, contains: str | None = None, limit: int = 100_000):
        import pandas as pd

        return pd.DataFrame(self._store.quotes(speaker, contains, limit))

    def claims(self, source: str | None = None, unit: str | None = None, limit: int = 100_000):
        import pandas as pd

        return pd.DataFrame(self._store.claims(source, unit, limit))


def open_store(path: str = "accord.duckdb") -> StoreView:
    """Open a store read-only: ``accord.open_store("accord.duckdb").dyad("RUS", "PRK")``."""
    return StoreView(path)
