"""The DuckDB store: the only module that speaks SQL.

Articles are keyed by id (the given id or the content hash), so storing the same input again
adds nothing.  Each article is written with its mentions and events in one transaction: a
reader sees an article whole or not at all.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

import duckdb

from .errors import ConfigError
from .model import ArticleResult, Failure

SCHEMA_VERSION = 1
_SCHEMA = [
    """CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS articles (
        id VARCHAR PRIMARY KEY, content_hash VARCHAR, source VARCHAR, url VARCHAR, title VARCHAR,
        author VARCHAR, published DATE, section VARCHAR, site VARCHAR, language VARCHAR,
        text VARCHAR, removed JSON, result JSON, stored_at TIMESTAMP)""",
    """CREATE TABLE IF NOT EXISTS actor_mentions (
        article_id VARCHAR, n INTEGER, text VARCHAR, code VARCHAR, country VARCHAR, sector VARCHAR,
        name VARCHAR, start_char INTEGER, end_char INTEGER, PRIMARY KEY (article_id, n))""",
    """CREATE TABLE IF NOT EXISTS events (
        id VARCHAR PRIMARY KEY, article_id VARCHAR, type VARCHAR, mode VARCHAR, context VARCHAR,
        cameo VARCHAR, quad_class INTEGER, goldstein DOUBLE,
        source_code VARCHAR, source_country VARCHAR, source_name VARCHAR, source_text VARCHAR,
        target_code VARCHAR, target_country VARCHAR, target_name VARCHAR, target_text VARCHAR,
        status VARCHAR, claimed_by VARCHAR, date DATE, date_text VARCHAR, sentence VARCHAR,
        start_char INTEGER, end_char INTEGER, trigger VARCHAR, confidence DOUBLE)""",
    """CREATE TABLE IF NOT EXISTS quotes (
        article_id VARCHAR, n INTEGER, kind VARCHAR, text VARCHAR, cue VARCHAR, speaker_code VARCHAR,
        speaker_name VARCHAR, speaker_text VARCHAR, start_char INTEGER, end_char INTEGER, confidence DOUBLE,
        PRIMARY KEY (article_id, n))""",
    """CREATE TABLE IF NOT EXISTS claims (
        article_id VARCHAR, n INTEGER, text VARCHAR, value DOUBLE, low DOUBLE, high DOUBLE, unit VARCHAR,
        qualifier VARCHAR, source_code VARCHAR, source_name VARCHAR, sentence VARCHAR, start_char INTEGER,
        end_char INTEGER, PRIMARY KEY (article_id, n))""",
    """CREATE TABLE IF NOT EXISTS failures (
        source VARCHAR, code VARCHAR, reason VARCHAR, failed_at TIMESTAMP, PRIMARY KEY (source, code))""",
]


@dataclass(frozen=True)
class Summary:
    articles: int
    events: int
    failures: int
    by_type: list[tuple[str, int]]
    top_dyads: list[tuple[str, str, int, float]]


class Store:
    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = str(path)
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.IOException as exc:
            raise ConfigError(f"cannot open the store {self.path}: {exc}") from None
        if not read_only:
            for stmt in _SCHEMA:
                self.con.execute(stmt)
            self.con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def has_article(self, article_id: str) -> bool:
        return self.con.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone() is not None

    def add(self, result: ArticleResult) -> bool:
        """Store one coded article; False when it was already there (nothing changes)."""
        a = result.article
        if self.has_article(a.id):
            return False
        now = datetime.now(timezone.utc).replace(tzinfo=None)
        self.con.begin()
        try:
            self.con.execute(
                "INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [a.id, a.content_hash, a.source, a.url, a.title, a.author, _date(a.published), a.section, a.site,
                 a.language, a.text, json.dumps(list(a.removed)), json.dumps(result.to_dict()), now],
            )
            if result.mentions:
                self.con.executemany(
                    "INSERT INTO actor_mentions VALUES (?,?,?,?,?,?,?,?,?)",
                    [[a.id, n, m.actor.text, m.actor.code, m.actor.country, m.actor.sector, m.actor.name, m.start, m.end]
                     for n, m in enumerate(result.mentions)],
                )
            if result.events:
                self.con.executemany(
                    "INSERT OR IGNORE INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    [[e.id, a.id, e.type, e.mode, ",".join(e.context), e.cameo, e.quad_class, e.goldstein,
                      e.source.code, e.source.country, e.source.name, e.source.text,
                      e.target.code if e.target else None, e.target.country if e.target else None,
                      e.target.name if e.target else None, e.target.text if e.target else None,
                      e.status, e.claimed_by.code if e.claimed_by else None, _date(e.date), e.date_text,
                      e.sentence, e.start, e.end, e.trigger, e.confidence] for e in result.events],
                )
            if result.quotes:
                self.con.executemany(
                    "INSERT INTO quotes VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    [[a.id, n, q["kind"], q["text"], q["cue"], (q["speaker"] or {}).get("code") or None,
                      (q["speaker"] or {}).get("name"), (q["speaker"] or {}).get("text"), q["start"], q["end"],
                      q["confidence"]] for n, q in enumerate(result.quotes)],
                )
            if result.claims:
                self.con.executemany(
                    "INSERT INTO claims VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    [[a.id, n, c["text"], c["value"], (c["range"] or [None, None])[0], (c["range"] or [None, None])[1],
                      c["unit"], c["qualifier"], (c["source"] or {}).get("code"), (c["source"] or {}).get("name"),
                      c["sentence"], c["start"], c["end"]] for n, c in enumerate(result.claims)],
                )
            self.con.commit()
        except Exception:
            self.con.rollback()
            raise
        return True

    def add_failure(self, failure: Failure) -> None:
        now = datetime.now(timezone.utc).replace(tzinfo=None)
        self.con.execute("INSERT OR REPLACE INTO failures VALUES (?,?,?,?)", [failure.source, failure.code, failure.reason, now])

    def summary(self, top: int = 10) -> Summary:
        one = lambda sql: self.con.execute(sql).fetchone()[0]  # noqa: E731
        by_type = self.con.execute(
            "SELECT type, count(*) n FROM events GROUP BY type ORDER BY n DESC, type").fetchall()
        dyads = self.con.execute(
            """SELECT source_country, target_country, count(*) n, round(avg(goldstein), 2)
               FROM events WHERE target_country IS NOT NULL
               GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT ?""", [top]).fetchall()
        return Summary(one("SELECT count(*) FROM articles"), one("SELECT count(*) FROM events"),
                       one("SELECT count(*) FROM failures"), by_type, dyads)

    def quotes(self, speaker: str | None = None, contains: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
        """Stored quotes, optionally by speaker code prefix and text; parameters are bound, never spliced."""
        sql = """SELECT q.speaker_code, q.speaker_name, q.speaker_text, q.kind, q.cue, q.text, a.published, a.title, q.article_id
                 FROM quotes q JOIN articles a ON a.id = q.article_id WHERE 1=1"""
        params: list[Any] = []
        if speaker:
            sql += " AND q.speaker_code LIKE ?"
            params.append(speaker.upper() + "%")
        if contains:
            sql += " AND lower(q.text) LIKE ?"
            params.append("%" + contains.lower() + "%")
        sql += " ORDER BY a.published NULLS LAST, q.article_id, q.n LIMIT ?"
        params.append(limit)
        cols = ["speaker", "speaker_name", "speaker_text", "kind", "cue", "text", "published", "title", "article_id"]
        return [dict(zip(cols, row)) for row in self.con.execute(sql, params).fetchall()]

    def claims(self, source: str | None = None, unit: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
        """Stored numeric claims, optionally by source code prefix and a word of the unit."""
        sql = """SELECT c.source_code, c.source_name, c.value, c.low, c.high, c.qualifier, c.unit, c.text, a.published,
                        c.article_id FROM claims c JOIN articles a ON a.id = c.article_id WHERE 1=1"""
        params: list[Any] = []
        if source:
            sql += " AND c.source_code LIKE ?"
            params.append(source.upper() + "%")
        if unit:
            sql += " AND lower(c.unit) LIKE ?"
            params.append("%" + unit.lower() + "%")
        sql += " ORDER BY a.published NULLS LAST, c.article_id, c.n LIMIT ?"
        params.append(limit)
        cols = ["source", "source_name", "value", "low", "high", "qualifier", "unit", "text", "published", "article_id"]
        return [dict(zip(cols, row)) for row in self.con.execute(sql, params).fetchall()]

    def rows(self, sql: str, params: list[Any] | None = None) -> Iterator[tuple]:
        yield from self.con.execute(sql, params or []).fetchall()


def _date(value: str | None) -> str | None:
    if not value:
        return None
    return value[:10] if len(value) >= 10 and value[4] == "-" else None
