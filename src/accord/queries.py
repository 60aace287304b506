"""Read queries over the store for analysis, the CLI, the Python API and exports (SQL lives here
and in store.py only).  Every value from a user is bound as a parameter, never spliced."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb

PERIODS = {"day": "day", "week": "week", "month": "month", "year": "year"}
EVENT_COLUMNS = ["id", "date", "type", "mode", "cameo", "quad_class", "goldstein", "source_code", "source_name",
                 "target_code", "target_name", "status", "place", "num_mentions", "num_sources", "num_articles", "claimants",
                 "sentence"]


@dataclass(frozen=True)
class EventFilter:
    actor: str | None = None          # code or its start: on either side
    dyad: tuple[str, str] | None = None
    type: str | None = None
    status: str | None = None
    since: str | None = None
    until: str | None = None

    def where(self) -> tuple[str, list[Any]]:
        sql, params = ["1=1"], []
        if self.actor:
            sql.append("(source_code LIKE ? OR target_code LIKE ?)")
            params += [self.actor.upper() + "%"] * 2
        if self.dyad:
            sql.append("source_code LIKE ? AND target_code LIKE ?")
            params += [self.dyad[0].upper() + "%", self.dyad[1].upper() + "%"]
        if self.type:
            sql.append("type = ?")
            params.append(self.type.upper())
        if self.status:
            sql.append("status = ?")
            params.append(self.status.lower())
        if self.since:
            sql.append("date >= CAST(? AS DATE)")
            params.append(self.since)
        if self.until:
            sql.append("date <= CAST(? AS DATE)")
            params.append(self.until)
        return " AND ".join(sql), params


def events(con: duckdb.DuckDBPyConnection, f: EventFilter, limit: int = 100, offset: int = 0):
    where, params = f.where()
    return con.execute(f"SELECT {', '.join(EVENT_COLUMNS)} FROM events WHERE {where} "
                       "ORDER BY date, id LIMIT ? OFFSET ?", params + [limit, offset])


def dyad_series(con: duckdb.DuckDBPyConnection, a: str, b: str, by: str = "month", since: str | None = None,
                until: str | None = None, both_ways: bool = True):
    """Per period: events, by quad class, Goldstein sum and mean, for A->B (and B->A)."""
    period = PERIODS[by]
    pairs = "(source_code LIKE ? AND target_code LIKE ?)" + (" OR (source_code LIKE ? AND target_code LIKE ?)"
                                                              if both_ways else "")
    params: list[Any] = [a.upper() + "%", b.upper() + "%"] + ([b.upper() + "%", a.upper() + "%"] if both_ways else [])
    extra = ""
    if since:
        extra += " AND date >= CAST(? AS DATE)"
        params.append(since)
    if until:
        extra += " AND date <= CAST(? AS DATE)"
        params.append(until)
    return con.execute(
        f"""SELECT date_trunc('{period}', date) AS period, count(*) AS events,
                   count(*) FILTER (WHERE quad_class = 1) AS verbal_coop, count(*) FILTER (WHERE quad_class = 2) AS material_coop,
                   count(*) FILTER (WHERE quad_class = 3) AS verbal_conflict, count(*) FILTER (WHERE quad_class = 4) AS material_conflict,
                   round(sum(goldstein), 2) AS goldstein_sum, round(avg(goldstein), 2) AS goldstein_mean,
                   sum(num_mentions) AS mentions
            FROM events WHERE ({pairs}) AND date IS NOT NULL{extra}
            GROUP BY 1 ORDER BY 1""", params)


def top_actors(con: duckdb.DuckDBPyConnection, limit: int = 20):
    return con.execute(
        """SELECT actor, count(*) AS events, round(avg(goldstein), 2) AS goldstein_mean FROM (
               SELECT source_country AS actor, goldstein FROM events
               UNION ALL SELECT target_country, goldstein FROM events WHERE target_country IS NOT NULL)
           GROUP BY actor ORDER BY events DESC, actor LIMIT ?""", [limit])


def top_dyads(con: duckdb.DuckDBPyConnection, limit: int = 20):
    return con.execute(
        """SELECT source_country AS source, target_country AS target, count(*) AS events,
                  round(avg(goldstein), 2) AS goldstein_mean, sum(num_mentions) AS mentions
           FROM events WHERE target_country IS NOT NULL
           GROUP BY 1, 2 ORDER BY events DESC, 1, 2 LIMIT ?""", [limit])


def network(con: duckdb.DuckDBPyConnection, min_events: int = 1):
    """Weighted directed edges between countries / organisations."""
    return con.execute(
        """SELECT source_country AS source, target_country AS target, count(*) AS weight,
                  round(avg(goldstein), 2) AS goldstein_mean,
                  count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation,
                  count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict
           FROM events WHERE target_country IS NOT NULL GROUP BY 1, 2 HAVING count(*) >= ? ORDER BY weight DESC""",
        [min_events])
