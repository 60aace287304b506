"""The DuckDB store: the only module that speaks SQL.

Articles are keyed by id (the given id or the content hash), so storing the same input again
adds nothing.  Each article is written with its mentions and events in one transaction: a
reader sees an article whole or not at all.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

import duckdb

from .errors import ConfigError
from .model import ArticleResult, Failure
from .rows import table_rows


# DuckDB working-memory caps.  DuckDB would otherwise cache up to 80% of RAM, so a run's peak
# would grow with the store file.  A writer (accord run) needs little: it appends in small batches
# and fusion reads a slice of keys at a time (bench/bench_memory.py: the main process peaked at
# 550 MB at 100,000 articles under 512 MB, about 215 MB under 64 MB).  Readers (dashboard, queries)
# get more room for aggregates over a whole store; bigger sorts spill to disk either way.
WRITER_MEMORY = "64MB"
READER_MEMORY = "512MB"


# fuse.fusion_key in SQL, as one string per key (chr(1) never occurs in a code).
_FUSION_KEY = ("concat_ws(chr(1), left(coalesce(source_code, ''), 3), left(coalesce(target_code, ''), 3), type)")


def _slices(counts: list[tuple[str, int]], rows: int) -> Iterator[list[str]]:
    """Consecutive fusion keys in groups of about ``rows`` mentions (a bigger key goes alone)."""
    keys: list[str] = []
    size = 0
    for key, n in counts:
        if keys and size + n > rows:
            yield keys
            keys, size = [], 0
        keys.append(key)
        size += n
    if keys:
        yield keys


class StoreBusy(ConfigError):
    """Another process holds the store's write lock."""


# Versioned migrations: each runs once, in order, in its own transaction; meta.schema_version
# records the last one applied.  Never edit a released migration: add the next one.
MIGRATIONS: list[tuple[int, str, list[str]]] = [
    (1, "articles, actor mentions, events, quotes, claims, failures", [
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
    ]),
    (2, "event mentions apart from fused events", [
        "ALTER TABLE events RENAME TO event_mentions",
        "ALTER TABLE event_mentions ADD COLUMN date_precision VARCHAR",
        "ALTER TABLE event_mentions ADD COLUMN size JSON",
        """CREATE TABLE events (
            id VARCHAR PRIMARY KEY, type VARCHAR, mode VARCHAR, cameo VARCHAR, quad_class INTEGER, goldstein DOUBLE,
            source_code VARCHAR, source_country VARCHAR, source_name VARCHAR,
            target_code VARCHAR, target_country VARCHAR, target_name VARCHAR,
            status VARCHAR, date DATE, first_date DATE, last_date DATE, first_seen DATE, last_seen DATE,
            num_mentions INTEGER, num_sources INTEGER, num_articles INTEGER, claimants JSON, figures JSON,
            sentence VARCHAR, root_mention VARCHAR)""",
        "CREATE TABLE event_links (mention_id VARCHAR PRIMARY KEY, event_id VARCHAR)",
        "CREATE INDEX events_dyad ON events (source_country, target_country, date)",
        "CREATE INDEX mentions_article ON event_mentions (article_id)",
    ]),
]
MIGRATIONS.append((3, "where events happened", [
    "ALTER TABLE event_mentions ADD COLUMN place VARCHAR",
    "ALTER TABLE event_mentions ADD COLUMN place_country VARCHAR",
    "ALTER TABLE events ADD COLUMN place VARCHAR",
    "ALTER TABLE events ADD COLUMN place_country VARCHAR",
]))
# DuckDB keeps the index of a key in memory: on the per-article tables, which grow by dozens of
# rows per article, that memory grew with the store during a run.  Their rows are unique by
# construction (an article is written once, whole, with its rows), so only `articles` (looked
# up per input to skip known ones) and the small tables keep a key; the rest are rebuilt as plain
# tables.
_PLAIN = ("actor_mentions", "event_mentions", "quotes", "claims", "events", "event_links")
MIGRATIONS.append((4, "no in-memory key indexes on the per-article tables", [
    stmt for table in _PLAIN for stmt in (
        f"CREATE TABLE {table}_v4 AS SELECT * FROM {table}",
        f"DROP TABLE {table}",
        f"ALTER TABLE {table}_v4 RENAME TO {table}")
]))
SCHEMA_VERSION = MIGRATIONS[-1][0]


@dataclass(frozen=True)
class Summary:
    articles: int
    events: int
    failures: int
    by_type: list[tuple[str, int]]
    top_dyads: list[tuple[str, str, int, float]]
    mentions: int = 0


class Store:
    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = str(path)
        self.read_only = read_only
        if read_only and not Path(self.path).exists():
            raise ConfigError(f"no store at {self.path}: run `accord run` first (or give --db)")
        self.con = self._connect()
        if not read_only:
            self.migrate()
        elif self.version() < SCHEMA_VERSION:
            raise ConfigError(f"the store {self.path} has schema version {self.version()}; open it once for "
                              f"writing (accord run) to migrate it to {SCHEMA_VERSION}")

    def _connect(self) -> duckdb.DuckDBPyConnection:
        try:
            con = duckdb.connect(self.path, read_only=self.read_only)
        except duckdb.IOException as exc:
            if "lock" in str(exc).lower():
                raise StoreBusy(f"the store {self.path} is busy: another accord process is writing it; "
                                f"try again when that run has finished") from None
            raise ConfigError(f"cannot open the store {self.path}: {exc}") from None
        con.execute(f"SET memory_limit = '{READER_MEMORY if self.read_only else WRITER_MEMORY}'")
        return con

    def reopen(self, wait_seconds: float = 60.0) -> None:
        """Close and open the database again.  A long run calls this between batches: besides its
        capped buffers, an open DuckDB database holds memory that grows with what it has written
        (about 0.7 MB per 1,000 stored articles, measured), and closing it frees that.

        While the file is closed a reader (``accord events``, the dashboard) may open it; readers
        are short, so the run waits for the lock rather than stopping half-way."""
        self.con.close()
        deadline = time.monotonic() + wait_seconds
        pause = 0.02
        while True:
            try:
                self.con = self._connect()
                return
            except StoreBusy:
                if time.monotonic() >= deadline:
                    raise
                time.sleep(pause)
                pause = min(pause * 2, 0.5)

    def version(self) -> int:
        exists = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'").fetchone()[0]
        if not exists:
            return 0
        row = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row else 0

    def migrate(self) -> None:
        """Apply every migration newer than the store, each in one transaction."""
        self.con.execute("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
        current = self.version()
        for version, _, statements in MIGRATIONS:
            if version <= current:
                continue
            with self._transaction():
                for stmt in statements:
                    self.con.execute(stmt)
                self.con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(version)])

    def close(self) -> None:
        self.con.close()

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """All of the block's writes or none of them."""
        self.con.begin()
        try:
            yield
            self.con.commit()
        except BaseException:
            self.con.rollback()
            raise

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def has_article(self, article_id: str) -> bool:
        return self.con.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone() is not None

    def add(self, result: ArticleResult) -> bool:
        """Store one coded article; False when it was already there (nothing changes)."""
        return self.add_many([result])[0]

    def add_many(self, results: list[ArticleResult]) -> list[bool]:
        """Store coded articles in one transaction (a reader or a crash sees all of them or none);
        for each, whether it was new.  One commit per batch rather than per article: the commit
        was most of the cost of storing a short article."""
        fresh: dict[str, ArticleResult] = {}
        known = self._known_ids([r.article.id for r in results])
        for r in results:
            if r.article.id not in known and r.article.id not in fresh:
                fresh[r.article.id] = r
        if fresh:
            rows = table_rows(list(fresh.values()), datetime.now(timezone.utc).replace(tzinfo=None))
            with self._transaction():
                for statement, values in rows.items():
                    if values:
                        self._insert(statement, values)
        new = set(fresh)
        out = []
        for r in results:       # the first of two equal ids in one batch is the new one
            out.append(r.article.id in new)
            new.discard(r.article.id)
        return out

    def _known_ids(self, ids: list[str]) -> set[str]:
        if not ids:
            return set()
        marks = ",".join("?" * len(ids))
        return {row[0] for row in self.con.execute(f"SELECT id FROM articles WHERE id IN ({marks})", ids).fetchall()}

    def _insert(self, statement: str, rows: list[list[Any]]) -> None:
        """Rows in through a DataFrame scan: DuckDB's executemany runs the statement once per row,
        and a multi-row INSERT with thousands of parameters spends its time binding them.
        ``statement`` is "INSERT INTO table [(columns)] VALUES"."""
        import pandas as pd

        # dtype=object keeps None as NULL (a float column would turn it into NaN)
        frame = pd.DataFrame(rows, dtype=object)
        self.con.register("accord_rows", frame)
        try:
            self.con.execute(f"{statement.removesuffix('VALUES').strip()} SELECT * FROM accord_rows")
        finally:
            self.con.unregister("accord_rows")

    def add_failure(self, failure: Failure) -> None:
        now = datetime.now(timezone.utc).replace(tzinfo=None)
        self.con.execute("INSERT OR REPLACE INTO failures VALUES (?,?,?,?)", [failure.source, failure.code, failure.reason, now])

    # -- fusion ----------------------------------------------------------------------------
    def fusion_groups(self, slice_rows: int = 5_000
                      ) -> Iterator[tuple[list[Any], dict[tuple[str, str], list[dict[str, Any]]]]]:
        """Event mentions one fusion key (source country, target country, type) at a time, with the
        claims of their sentences.  Keys are read in slices of about ``slice_rows`` mentions, each
        its own query: one sort of the whole store needed working memory that grew with it."""
        from .fuse import Mention

        counts = self.con.execute(
            f"SELECT {_FUSION_KEY} AS k, count(*) FROM event_mentions GROUP BY k ORDER BY k").fetchall()
        cur = self.con.cursor()      # its own connection: reading here while fusion writes there
        for keys in _slices(counts, slice_rows):
            cur.execute(
                f"""WITH m AS (SELECT * FROM (SELECT *, {_FUSION_KEY} AS k FROM event_mentions) WHERE list_contains(?, k)),
                        c AS (SELECT article_id, sentence,
                                     list(struct_pack(text := text, value := value, low := low, high := high,
                                                      unit := unit, qualifier := qualifier, source := source_code)
                                          ORDER BY n) AS claims
                              FROM claims WHERE article_id IN (SELECT article_id FROM m) GROUP BY article_id, sentence)
                   SELECT m.id, m.article_id, m.type, m.mode, m.cameo, m.quad_class, m.goldstein,
                          m.source_code, m.source_country, m.source_name, m.target_code, m.target_country, m.target_name,
                          m.status, m.claimed_by, coalesce(m.date, a.published, CAST(a.stored_at AS DATE)), m.sentence,
                          coalesce(a.site, regexp_extract(a.url, '^[a-z]+://([^/]+)', 1), a.id), a.published,
                          m.place, m.place_country, c.claims, m.k
                   FROM m JOIN articles a ON a.id = m.article_id
                   LEFT JOIN c ON c.article_id = m.article_id AND c.sentence = m.sentence
                   ORDER BY m.k""", [keys])
            key, mentions, claims = None, [], {}
            for row in cur.fetchall():
                if row[-1] != key and mentions:
                    yield mentions, claims
                    mentions, claims = [], {}
                key = row[-1]
                mention = Mention(*row[:-2])
                mentions.append(mention)
                if row[-2] and (mention.article_id, mention.sentence) not in claims:   # once per sentence
                    claims[(mention.article_id, mention.sentence)] = [
                        {"text": c["text"], "value": c["value"],
                         "range": [c["low"], c["high"]] if c["low"] is not None else None,
                         "unit": c["unit"], "qualifier": c["qualifier"], "source": c["source"]} for c in row[-2]]
            if mentions:
                yield mentions, claims
        cur.close()

    @contextmanager
    def fusion_rewrite(self, batch_rows: int = 5_000
                       ) -> Iterator[Callable[[list[dict[str, Any]], list[tuple[str, str]]], None]]:
        """Replace the fused events: readers see the old or the new, whole.  Yields a function that
        adds event rows and their mention links.  The new events are built in side tables,
        committed a batch at a time, and swapped in by one short transaction at the end: a single
        transaction holding every new row kept them all in memory, which grew with the store."""
        cols = ["id", "type", "mode", "cameo", "quad_class", "goldstein", "source_code", "source_country", "source_name",
                "target_code", "target_country", "target_name", "status", "date", "first_date", "last_date",
                "first_seen", "last_seen", "num_mentions", "num_sources", "num_articles", "claimants", "figures",
                "sentence", "root_mention", "place", "place_country"]
        events: list[list[Any]] = []
        links: list[list[str]] = []

        def flush() -> None:
            if events:
                with self._transaction():
                    self._insert(f"INSERT INTO events_next ({', '.join(cols)}) VALUES", events)
                    self._insert("INSERT INTO event_links_next VALUES", links)
                events.clear()
                links.clear()

        def add(rows: list[dict[str, Any]], row_links: list[tuple[str, str]]) -> None:
            events.extend([r[c] for c in cols] for r in rows)
            links.extend(list(link) for link in row_links)
            if len(events) >= batch_rows:
                flush()

        for table in ("events", "event_links"):     # a run that died mid-fusion may have left them
            self.con.execute(f"DROP TABLE IF EXISTS {table}_next")
            self.con.execute(f"CREATE TABLE {table}_next AS FROM {table} LIMIT 0")
        try:
            yield add
            flush()
            with self._transaction():
                for table in ("events", "event_links"):
                    self.con.execute(f"DROP TABLE {table}")
                    self.con.execute(f"ALTER TABLE {table}_next RENAME TO {table}")
        except BaseException:
            for table in ("events", "event_links"):
                self.con.execute(f"DROP TABLE IF EXISTS {table}_next")
            raise

    def summary(self, top: int = 10) -> Summary:
        one = lambda sql: self.con.execute(sql).fetchone()[0]  # noqa: E731
        by_type = self.con.execute(
            "SELECT type, count(*) n FROM events GROUP BY type ORDER BY n DESC, type").fetchall()
        dyads = self.con.execute(
            """SELECT source_country, target_country, count(*) n, round(avg(goldstein), 2)
               FROM events WHERE target_country IS NOT NULL
               GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT ?""", [top]).fetchall()
        return Summary(one("SELECT count(*) FROM articles"), one("SELECT count(*) FROM events"),
                       one("SELECT count(*) FROM failures"), by_type, dyads, one("SELECT count(*) FROM event_mentions"))

    def quotes(self, speaker: str | None = None, contains: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
        """Stored quotes, optionally by speaker code prefix and text; parameters are bound, never spliced."""
        return self._listing(
            """SELECT q.speaker_code, q.speaker_name, q.speaker_text, q.kind, q.cue, q.text, a.published, a.title,
                      q.article_id FROM quotes q JOIN articles a ON a.id = q.article_id""",
            ("q.speaker_code", speaker), ("q.text", contains), "q", limit,
            ["speaker", "speaker_name", "speaker_text", "kind", "cue", "text", "published", "title", "article_id"])

    def claims(self, source: str | None = None, unit: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
        """Stored numeric claims, optionally by source code prefix and a word of the unit."""
        return self._listing(
            """SELECT c.source_code, c.source_name, c.value, c.low, c.high, c.qualifier, c.unit, c.text, a.published,
                      c.article_id FROM claims c JOIN articles a ON a.id = c.article_id""",
            ("c.source_code", source), ("c.unit", unit), "c", limit,
            ["source", "source_name", "value", "low", "high", "qualifier", "unit", "text", "published", "article_id"])

    def _listing(self, select: str, code: tuple[str, str | None], words: tuple[str, str | None], alias: str,
                 limit: int, cols: list[str]) -> list[dict[str, Any]]:
        """Rows of a per-article table filtered by a code prefix and words in a text column, in
        publication order; values are bound as parameters, never spliced."""
        sql, params = select + " WHERE 1=1", []
        if code[1]:
            sql += f" AND {code[0]} LIKE ?"
            params.append(code[1].upper() + "%")
        if words[1]:
            sql += f" AND lower({words[0]}) LIKE ?"
            params.append("%" + words[1].lower() + "%")
        sql += f" ORDER BY a.published NULLS LAST, {alias}.article_id, {alias}.n LIMIT ?"
        params.append(limit)
        return [dict(zip(cols, row)) for row in self.con.execute(sql, params).fetchall()]

    def failures(self, code: str | None = None) -> list[dict[str, Any]]:
        sql = "SELECT code, source, reason, failed_at FROM failures"
        params: list[Any] = []
        if code:
            sql += " WHERE code = ?"
            params.append(code.upper())
        cur = self.con.execute(sql + " ORDER BY failed_at, source", params)
        return [dict(zip(["code", "source", "reason", "failed_at"], r)) for r in cur.fetchall()]

    def article_result(self, article_id: str) -> dict[str, Any] | None:
        """The stored contract JSON of one article."""
        row = self.con.execute("SELECT result FROM articles WHERE id = ?", [article_id]).fetchone()
        return json.loads(row[0]) if row else None

    def fused_event(self, event_id: str) -> dict[str, Any] | None:
        """One fused event with every report of it (mention, article, outlet) and its figures."""
        cur = self.con.execute("SELECT * FROM events WHERE id = ?", [event_id])
        row = cur.fetchone()
        if row is None:
            return None
        event = dict(zip([d[0] for d in cur.description], row))
        for key in ("claimants", "figures"):
            event[key] = json.loads(event[key]) if event.get(key) else ([] if key == "claimants" else {})
        cur = self.con.execute(
            """SELECT m.id, m.article_id, m.date, m.status, m.claimed_by, m.source_code, m.target_code, m.trigger,
                      m.sentence, a.title, coalesce(a.site, regexp_extract(a.url, '^[a-z]+://([^/]+)', 1), a.source) AS outlet,
                      a.url, a.published
               FROM event_links l JOIN event_mentions m ON m.id = l.mention_id JOIN articles a ON a.id = m.article_id
               WHERE l.event_id = ? ORDER BY a.published, m.id""", [event_id])
        event["reports"] = [dict(zip([d[0] for d in cur.description], r)) for r in cur.fetchall()]
        return event

    def root_mentions(self, event_ids: list[str]) -> dict[str, dict[str, Any]]:
        """For each fused event, the words of its first report: actors' texts, trigger, article."""
        if not event_ids:
            return {}
        cur = self.con.execute(
            """SELECT e.id, m.article_id, m.source_text, m.target_text, m.trigger FROM events e
               JOIN event_mentions m ON m.id = e.root_mention WHERE list_contains(?, e.id)""", [event_ids])
        return {r[0]: dict(zip(["article_id", "source_text", "target_text", "trigger"], r[1:])) for r in cur.fetchall()}

    def search(self, words: str, limit: int = 50) -> dict[str, list[dict[str, Any]]]:
        """Articles and quotes containing the words (case-insensitive; bound, never spliced)."""
        like = "%" + words.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        arts = self.con.execute(
            """SELECT id, title, published, substr(text, 1, 240) AS snippet FROM articles
               WHERE lower(text) LIKE ? ESCAPE '\\' OR lower(title) LIKE ? ESCAPE '\\'
               ORDER BY published DESC NULLS LAST LIMIT ?""", [like, like, limit]).fetchall()
        quotes = self.con.execute(
            """SELECT article_id, speaker_code, speaker_text, text FROM quotes WHERE lower(text) LIKE ? ESCAPE '\\'
               LIMIT ?""", [like, limit]).fetchall()
        return {"articles": [dict(zip(["id", "title", "published", "snippet"], r)) for r in arts],
                "quotes": [dict(zip(["article_id", "speaker", "speaker_text", "text"], r)) for r in quotes]}

    def rows(self, sql: str, params: list[Any] | None = None) -> Iterator[tuple]:
        yield from self.con.execute(sql, params or []).fetchall()


def write_shard(path: Path, rows: list[tuple[str, bytes]]) -> None:
    """One Parquet shard of a Dask partition: (source, serialised outcome) per document."""
    con = duckdb.connect()
    try:
        con.execute("CREATE TABLE shard (source VARCHAR, outcome BLOB)")
        if rows:
            con.executemany("INSERT INTO shard VALUES (?, ?)", rows)
        con.execute(f"COPY shard TO '{str(path).replace(chr(39), chr(39) * 2)}' (FORMAT parquet)")
    finally:
        con.close()


def read_shard(path: str | Path) -> list[bytes]:
    """The serialised outcomes of a shard, in the order written."""
    con = duckdb.connect()
    try:
        return [r[0] for r in con.execute("SELECT outcome FROM read_parquet(?)", [str(path)]).fetchall()]
    finally:
        con.close()
