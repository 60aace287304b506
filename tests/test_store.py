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


def test_fusion_reads_the_same_groups_whatever_the_slice_size(tmp_path):
    from dataclasses import replace

    rus, chn, usa = (Actor(c, c, None, c, c) for c in ("RUS", "CHN", "USA"))
    base = result()
    results = []
    for i, (src, tgt, ptype) in enumerate([(rus, chn, "AGREE"), (rus, chn, "AGREE"), (chn, usa, "ACCUSE"),
                                           (usa, None, "PROTEST"), (rus, chn, "CONSULT"), (usa, rus, "SANCTION")]):
        ev = replace(base.events[0], id=f"e{i}", source=src, target=tgt, type=ptype, sentence=f"Sentence {i}.")
        claim = {"text": "5 tanks", "value": 5.0, "range": None, "unit": "tank", "qualifier": None,
                 "source": {"code": src.code, "name": src.name}, "sentence": ev.sentence, "start": 0, "end": 7}
        results.append(replace(base, article=replace(base.article, id=f"a{i}"), events=(ev,), claims=(claim,)))
    with Store(tmp_path / "slices.duckdb") as store:
        store.add_many(results)

        def groups(rows):
            return sorted((sorted(m.id for m in mentions), sorted(claims)) for mentions, claims in
                          store.fusion_groups(slice_rows=rows))

        whole = groups(10_000)
        assert whole == groups(1) == groups(2)
        assert len(whole) == 5                       # the two RUS>CHN AGREE reports share one key
        assert [["e0", "e1"], [("a0", "Sentence 0."), ("a1", "Sentence 1.")]] in [list(g) for g in whole]


def test_fusion_replaces_events_whole_or_not_at_all(tmp_path):
    from accord.fuse import fuse, load_rules
    from accord.runner import refuse

    with Store(tmp_path / "swap.duckdb") as store:
        store.add_many([result("a1"), result("a2")])
        assert refuse(store) == 1
        before = store.con.execute("SELECT * FROM events").fetchall()
        with pytest.raises(RuntimeError):
            with store.fusion_rewrite(batch_rows=1) as add:
                for mentions, _ in store.fusion_groups():
                    for ev in fuse(mentions, load_rules()):
                        row = ev.row({})
                        add([row | {"id": "half-written"}], [(m.id, "half-written") for m in ev.mentions])
                raise RuntimeError("fusion died after writing a batch")
        assert store.con.execute("SELECT * FROM events").fetchall() == before
        tables = {r[0] for r in store.con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        assert not {"events_next", "event_links_next"} & tables
        # a process killed mid-fusion leaves its side tables behind: the next fusion starts afresh
        store.con.execute("CREATE TABLE events_next AS FROM events")
        assert refuse(store) == 1
        assert store.con.execute("SELECT count(*) FROM event_links").fetchone()[0] == 2


def test_a_long_run_reopens_the_store_and_keeps_every_article_and_the_writer_cap(tmp_path, monkeypatch):
    from accord import runner
    from accord.pipeline import Outcome
    from accord.store import WRITER_MEMORY

    monkeypatch.setattr(runner, "REOPEN_EVERY", 2)
    with Store(tmp_path / "reopen.duckdb") as store:
        first = store.con
        report = runner.RunReport()
        runner.store_outcomes([Outcome(f"s{i}", result(f"a{i}")) for i in range(7)], store, report, batch=2)
        assert store.con is not first                    # reopened along the way
        assert report.stored == 7
        assert store.con.execute("SELECT count(*) FROM articles").fetchone()[0] == 7
        probe = duckdb.connect()
        probe.execute(f"SET memory_limit = '{WRITER_MEMORY}'")
        limit = "SELECT current_setting('memory_limit')"
        assert store.con.execute(limit).fetchone() == probe.execute(limit).fetchone()   # the cap survives
        probe.close()


def test_reopen_waits_while_a_reader_holds_the_file_and_gives_up_after_its_deadline(tmp_path, monkeypatch):
    """A reader may open the file in the moment a run reopens it; the run waits, it does not stop."""
    with Store(tmp_path / "wait.duckdb") as store:
        real = Store._connect
        refusals = iter([True, True])

        def busy_twice(self):
            if next(refusals, False):
                raise StoreBusy("busy")
            return real(self)

        monkeypatch.setattr(Store, "_connect", busy_twice)
        store.reopen(wait_seconds=5)
        assert store.con.execute("SELECT 1").fetchone() == (1,)
        monkeypatch.setattr(Store, "_connect", lambda self: (_ for _ in ()).throw(StoreBusy("busy")))
        with pytest.raises(StoreBusy):
            store.reopen(wait_seconds=0.05)
        monkeypatch.setattr(Store, "_connect", real)
        store.con = real(store)    # leave a live connection for the context manager to close
