"""Exports the field's tools read: GDELT 2.0 Events + Mentions (tab-separated, no header),
PLOVER JSON lines, and the store's tables as Parquet or CSV.  Every export is one DuckDB COPY
of a query: rows stream to disk, so memory does not grow with the size of the store."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import duckdb

from .data_files import load_yaml
from .errors import ConfigError

FORMATS = ("gdelt", "plover", "parquet", "csv")
EXPORT_MEMORY = "256MB"
TABLES = ("articles", "actor_mentions", "event_mentions", "events", "event_links", "quotes", "claims", "failures")

# What Accord knows for each GDELT 2.0 Events column; every other column is left empty.
_GDELT_EVENT = {
    "GLOBALEVENTID": "CAST('0x' || substr(e.id, 1, 15) AS BIGINT)",
    "SQLDATE": "CAST(strftime(e.date, '%Y%m%d') AS INTEGER)",
    "MonthYear": "CAST(strftime(e.date, '%Y%m') AS INTEGER)",
    "Year": "year(e.date)",
    "FractionDate": "round(year(e.date) + (dayofyear(e.date) - 1) / 365.0, 4)",
    "Actor1Code": "e.source_code", "Actor1Name": "upper(e.source_name)", "Actor1CountryCode": "e.source_country",
    "Actor1Type1Code": "nullif(substr(e.source_code, 4, 3), '')",
    "Actor2Code": "e.target_code", "Actor2Name": "upper(e.target_name)", "Actor2CountryCode": "e.target_country",
    "Actor2Type1Code": "nullif(substr(e.target_code, 4, 3), '')",
    "IsRootEvent": "1", "EventCode": "e.cameo", "EventBaseCode": "substr(e.cameo, 1, 3)",
    "EventRootCode": "substr(e.cameo, 1, 2)", "QuadClass": "e.quad_class", "GoldsteinScale": "e.goldstein",
    "NumMentions": "e.num_mentions", "NumSources": "e.num_sources", "NumArticles": "e.num_articles",
    "DATEADDED": "CAST(strftime(e.last_seen, '%Y%m%d') || '000000' AS BIGINT)",
    "SOURCEURL": "coalesce(ra.url, ra.source)",
}
_GDELT_MENTION = {
    "GLOBALEVENTID": "CAST('0x' || substr(l.event_id, 1, 15) AS BIGINT)",
    "EventTimeDate": "CAST(strftime(e.date, '%Y%m%d') || '000000' AS BIGINT)",
    "MentionTimeDate": "CAST(strftime(coalesce(a.published, m.date), '%Y%m%d') || '000000' AS BIGINT)",
    "MentionType": "1",
    "MentionSourceName": "coalesce(a.site, regexp_extract(a.url, '^[a-z]+://([^/]+)', 1), a.source)",
    "MentionIdentifier": "coalesce(a.url, a.source)",
    "ActionCharOffset": "m.start_char", "InRawText": "1", "Confidence": "CAST(round(m.confidence * 100) AS INTEGER)",
    "MentionDocLen": "length(a.text)",
}


@lru_cache(maxsize=1)
def gdelt_columns() -> tuple[list[str], list[str]]:
    raw = load_yaml("gdelt_columns.yaml")
    return list(raw["events"]), list(raw["mentions"])


def export(con: duckdb.DuckDBPyConnection, fmt: str, outdir: Path) -> list[Path]:
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    outdir.mkdir(parents=True, exist_ok=True)
    # bound DuckDB's working memory: sorting a large store spills to disk instead of growing
    con.execute(f"SET memory_limit = '{EXPORT_MEMORY}'")
    return {"gdelt": _gdelt, "plover": _plover, "parquet": _tables, "csv": _tables}[fmt](con, outdir, fmt)


def _gdelt(con: duckdb.DuckDBPyConnection, outdir: Path, _: str) -> list[Path]:
    events_cols, mention_cols = gdelt_columns()
    select = ", ".join(f"{_GDELT_EVENT.get(c, 'NULL')} AS \"{c}\"" for c in events_cols)
    events = outdir / "accord.export.CSV"
    _copy(con, f"""SELECT {select} FROM events e LEFT JOIN event_mentions rm ON rm.id = e.root_mention
                   LEFT JOIN articles ra ON ra.id = rm.article_id
                   WHERE e.date IS NOT NULL ORDER BY e.date, e.id""", events, "(DELIMITER '\t', HEADER false)")
    select = ", ".join(f"{_GDELT_MENTION.get(c, 'NULL')} AS \"{c}\"" for c in mention_cols)
    mentions = outdir / "accord.mentions.CSV"
    _copy(con, f"""SELECT {select} FROM event_links l JOIN events e ON e.id = l.event_id
                   JOIN event_mentions m ON m.id = l.mention_id JOIN articles a ON a.id = m.article_id
                   WHERE e.date IS NOT NULL ORDER BY e.date, l.event_id, l.mention_id""",
          mentions, "(DELIMITER '\t', HEADER false)")
    return [events, mentions]


def _plover(con: duckdb.DuckDBPyConnection, outdir: Path, _: str) -> list[Path]:
    """PLOVER's required fields (id, date, actor, event) and the optional ones Accord has."""
    path = outdir / "accord.plover.jsonl"
    _copy(con, """SELECT e.id, strftime(e.date, '%Y-%m-%d') AS date, e.source_code AS actor, e.type AS event,
                         e.target_code AS recipient, e.mode, m.context, e.status, e.cameo,
                         m.trigger AS event_text, e.sentence AS text,
                         coalesce(a.url, a.source) AS link,
                         e.num_mentions, e.num_sources, e.num_articles, e.claimants
                  FROM events e JOIN event_mentions m ON m.id = e.root_mention
                  LEFT JOIN articles a ON a.id = m.article_id
                  ORDER BY e.date, e.id""", path, "(FORMAT JSON)")
    return [path]


def _tables(con: duckdb.DuckDBPyConnection, outdir: Path, fmt: str) -> list[Path]:
    written = []
    for table in TABLES:
        path = outdir / f"{table}.{fmt}"
        _copy(con, f"SELECT * FROM {table}", path, "(FORMAT PARQUET)" if fmt == "parquet" else "(HEADER true)")
        written.append(path)
    return written


def _copy(con: duckdb.DuckDBPyConnection, query: str, path: Path, options: str) -> None:
    # the path is ours (a folder the user chose plus a fixed name), quoted for SQL
    target = str(path).replace("'", "''")
    con.execute(f"COPY ({query}) TO '{target}' {options}")
