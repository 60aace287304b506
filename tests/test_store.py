"""The DuckDB store: versioned migrations, idempotent writes, and a clear 'busy' for a reader
while another process writes."""
import subprocess
import sys

import duckdb
import pytest

from accord.errors import ConfigError
from accord.model import Actor, Article, ArticleResult, Event
from accord.store import MIGRATIONS, SCHEMA_VERSION, Store, StoreBusy


def result(article_id="a1"):
    rus, ukr = Actor("RUSMIL", "RUS", "MIL", None, "Russia"), Actor("UKR", "UKR", None, "Ukraine", "Kyiv")
    ev = Event(id=f"e-{article_id}", type="ASSAULT", mode=None, context=(), cameo="190", quad_class=4, goldstein=-10.0,
               source=rus, target=ukr, status="asserted", claimed_by=None, date="2024-06-19", date_text=None,
               sentence="Russia struck Kyiv.", start=0, end=19, trigger="struck", confidence=0.8)
    art = Article(id=article_id, source="x", text="Russia struck Kyiv.", paragraphs=("Russia struck Kyiv.",),
                  published="2024-06-19")
    return ArticleResult(article=art, events=(ev,))


def test_fresh_store_has_the_latest_schema_and_adding_twice_adds_nothing(tmp_path):
    with Store(tmp_path / "s.duckdb") as s:
        assert s.version() == SCHEMA_VERSION
        assert s.add(result()) is True
        assert s.add(result()) is False
        assert s.con.execute("SELECT count(*) FROM event_mentions").fetchone()[0] == 1


def test_a_version_one_store_is_migrated_in_place(tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    for stmt in MIGRATIONS[0][2]:
        con.execute(stmt)
    con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    con.execute("INSERT INTO events (id, article_id, type) VALUES ('old', 'a0', 'AGREE')")
    con.close()
    with Store(path) as s:
        assert s.version() == SCHEMA_VERSION
        assert s.con.execute("SELECT id FROM event_mentions").fetchall() == [("old",)]
        assert s.con.execute("SELECT count(*) FROM events").fetchone()[0] == 0


def test_reading_an_old_store_asks_for_a_migration(tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    con.close()
    with pytest.raises(ConfigError, match="migrate"):
        Store(path, read_only=True)


def test_missing_store_is_a_clear_error(tmp_path):
    with pytest.raises(ConfigError, match="accord run"):
        Store(tmp_path / "nothing.duckdb", read_only=True)


def test_reader_gets_busy_while_another_process_writes(store_held_elsewhere):
    with store_held_elsewhere() as path:
        with pytest.raises(StoreBusy, match="busy"):
            Store(path, read_only=True)
        cli = subprocess.run([sys.executable, "-m", "accord.cli", "top", "dyads", "--db", str(path)],
                             capture_output=True, text=True)
        assert cli.returncode == 2 and "busy" in cli.stderr and "Traceback" not in cli.stderr


@pytest.mark.slow
def test_readers_during_a_run_get_busy_or_whole_articles(tmp_path):
    """While `accord run` writes, `accord events` either answers from whole articles or says the
    store is busy, cleanly; it never reads half an article and never crashes."""
    import json as jsonlib

    from accord.runner import demo_corpus_path

    db = tmp_path / "c.duckdb"
    writer = subprocess.Popen([sys.executable, "-m", "accord.cli", "run", demo_corpus_path(), "--db", str(db)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    outcomes = set()
    try:
        while writer.poll() is None:
            r = subprocess.run([sys.executable, "-m", "accord.cli", "events", "--db", str(db), "--format", "json",
                                "--limit", "5"], capture_output=True, text=True)
            assert "Traceback" not in r.stderr
            if r.returncode == 0:
                [jsonlib.loads(line) for line in r.stdout.splitlines()]
                outcomes.add("read")
            else:
                assert r.returncode == 2 and ("busy" in r.stderr or "no store" in r.stderr), r.stderr
                outcomes.add("busy")
    finally:
        writer.wait(timeout=120)
    assert writer.returncode == 0 and outcomes
    con = duckdb.connect(str(db), read_only=True)
    orphans = con.execute("""SELECT count(*) FROM event_mentions m LEFT JOIN articles a ON a.id = m.article_id
                             WHERE a.id IS NULL""").fetchone()[0]
    con.close()
    assert orphans == 0


def test_bulk_insert_keeps_every_row_and_null_is_not_nan(tmp_path):
    with Store(tmp_path / "bulk.duckdb") as store:
        store.con.execute("CREATE TABLE scratch (n INTEGER, label VARCHAR, x DOUBLE)")
        rows = [[n, None if n % 7 == 0 else f"row {n}", None if n % 3 == 0 else n / 2] for n in range(451)]
        store._insert("INSERT INTO scratch VALUES", rows)
        assert store.con.execute("SELECT n, label, x FROM scratch ORDER BY n").fetchall() == [tuple(r) for r in rows]
        assert store.con.execute("SELECT count(*) FROM scratch WHERE x IS NULL").fetchone()[0] == 151


@pytest.mark.slow
def test_a_batch_is_stored_in_one_go_and_repeats_are_skipped(tmp_path, pipeline):
    from accord.ingest import make_document

    texts = ["Russia attacked Ukraine on Monday, Kyiv said.", "China and Brazil signed a trade pact on Friday."]
    results = [o.result for o in pipeline.process(
        [make_document(t.encode(), f"{i}.txt", "text", date="2024-05-01") for i, t in enumerate(texts)])]
    with Store(tmp_path / "batch.duckdb") as store:
        assert store.add_many([results[0], results[0], results[1]]) == [True, False, True]
        assert store.add_many(results) == [False, False]
        assert store.con.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
