"""Exports read back the way analysts' tools read them."""
import json
import subprocess
import sys

import pandas as pd
import pytest

pytestmark = pytest.mark.slow

TEXT = ("Russian President Vladimir Putin and North Korean leader Kim Jong Un signed a mutual defence treaty "
        "in Pyongyang on Wednesday.")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("export")
    corpus = tmp / "c.jsonl"
    corpus.write_text(json.dumps({"id": "pact", "text": TEXT, "date": "2024-06-20",
                                  "url": "https://example.org/pact"}) + "\n")
    db = tmp / "e.duckdb"
    proc = subprocess.run([sys.executable, "-m", "accord.cli", "run", str(corpus), "--db", str(db)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return db


def accord(*args):
    return subprocess.run([sys.executable, "-m", "accord.cli", *args], capture_output=True, text=True)


def names(path):
    return [line.split("\t")[1] for line in path.read_text().splitlines()
            if line and not line.startswith(("#", "idx"))]


def test_gdelt_events_read_back_with_the_codebook_columns(store, tmp_path, shared):
    assert accord("export", str(tmp_path), "--format", "gdelt", "--db", str(store)).returncode == 0
    columns = names(shared / "ontology" / "gdelt2_events_columns.tsv")
    df = pd.read_csv(tmp_path / "accord.export.CSV", sep="\t", header=None, names=columns)
    assert len(columns) == 61 and len(df.columns) == 61
    row = df[(df.Actor1CountryCode == "RUS") & (df.Actor2CountryCode == "PRK")].iloc[0]
    assert row.SQLDATE == 20240619 and row.EventCode == 57 and row.QuadClass == 1 and row.GoldsteinScale == 8.0
    assert row.Actor1Code == "RUSGOV" and row.NumArticles == 1 and row.SOURCEURL == "https://example.org/pact"
    mentions = pd.read_csv(tmp_path / "accord.mentions.CSV", sep="\t", header=None,
                           names=names(shared / "ontology" / "gdelt2_mentions_columns.tsv"))
    assert len(mentions.columns) == 16 and set(mentions.GLOBALEVENTID) <= set(df.GLOBALEVENTID)


def test_plover_export_has_the_required_fields(store, tmp_path):
    assert accord("export", str(tmp_path), "--format", "plover", "--db", str(store)).returncode == 0
    records = [json.loads(line) for line in (tmp_path / "accord.plover.jsonl").read_text().splitlines()]
    assert records
    for r in records:
        assert all(r.get(k) for k in ("id", "date", "actor", "event"))
        assert r["event"] in {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                              "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
    assert any(r["actor"] == "RUSGOV" and r["recipient"] == "PRKGOV" and r["event"] == "AGREE" for r in records)


def test_parquet_and_csv_tables(store, tmp_path):
    assert accord("export", str(tmp_path / "p"), "--format", "parquet", "--db", str(store)).returncode == 0
    import duckdb   # reads Parquet without pyarrow, which Accord does not need

    path = str(tmp_path / "p" / "events.parquet")
    assert duckdb.connect().execute("SELECT count(*) FROM read_parquet(?)", [path]).fetchone()[0] >= 2
    assert accord("export", str(tmp_path / "c"), "--format", "csv", "--db", str(store)).returncode == 0
    assert "type" in pd.read_csv(tmp_path / "c" / "events.csv").columns


def test_dyad_events_and_top_commands(store):
    dyad = accord("dyad", "RUS", "PRK", "--db", str(store), "--format", "json")
    assert dyad.returncode == 0 and json.loads(dyad.stdout.splitlines()[0])["events"] >= 2
    ev = accord("events", "--dyad", "RUS,PRK", "--db", str(store), "--format", "csv")
    assert ev.returncode == 0 and "AGREE" in ev.stdout
    top = accord("top", "dyads", "--db", str(store), "--format", "json")
    assert top.returncode == 0 and json.loads(top.stdout.splitlines()[0])["events"] >= 1
    bad = accord("events", "--dyad", "RUS", "--db", str(store))
    assert bad.returncode == 2 and "A,B" in bad.stderr


def test_python_api_returns_dataframes(store):
    import accord

    with accord.open_store(str(store)) as s:
        assert len(s.dyad("RUS", "PRK")) == 1
        assert {"source", "target", "weight"} <= set(s.network().columns)
        assert len(s.events(dyad=("RUS", "PRK"))) == 1
