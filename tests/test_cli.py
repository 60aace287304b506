"""The console script end to end, in a subprocess as a user runs it."""
import json
import subprocess
import sys

import duckdb
import pytest

pytestmark = pytest.mark.slow

GOOD = [
    "Russian President Vladimir Putin met North Korean leader Kim Jong Un in Pyongyang on Wednesday.",
    "Seoul accused Pyongyang of sending artillery shells to Moscow, officials said on Friday.",
]


def accord(*args, stdin=None, cwd=None):
    return subprocess.run([sys.executable, "-m", "accord.cli", *args], input=stdin, capture_output=True,
                          text=True, cwd=cwd)


def test_code_prints_the_contract(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Pyongyang Talks\n\nBy Ana Ruiz\n\n" + GOOD[0] + "\n")
    proc = accord("code", str(p), "--date", "2024-06-19")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert set(out) >= {"id", "article", "actors", "events", "quotes", "claims"}
    assert out["article"]["author"] == "Ana Ruiz" and out["article"]["published"] == "2024-06-19"
    assert any(e["type"] == "CONSULT" for e in out["events"])


def test_code_jsonl_keeps_ids_and_stdin_works():
    lines = "\n".join(json.dumps({"id": f"n{i}", "text": t, "date": "2024-01-0%d" % (i + 1)}) for i, t in enumerate(GOOD))
    proc = accord("code", "--jsonl", "-", stdin=lines)
    assert proc.returncode == 0, proc.stderr
    ids = [json.loads(line)["id"] for line in proc.stdout.splitlines()]
    assert ids == ["n0", "n1"]


def test_run_stores_good_files_reports_bad_ones_and_is_idempotent(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for i, text in enumerate(GOOD):
        (src / f"good{i}.txt").write_text(text + "\n")
    (src / "empty.txt").write_text("")
    (src / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (src / "latin.txt").write_bytes(b"caf\xe9 \xff")
    (src / "big.html").write_bytes(b"<html>" + b"x" * 9_000_000 + b"</html>")
    db = tmp_path / "t.duckdb"
    first = accord("run", str(src), "--db", str(db))
    assert first.returncode == 1
    for name, code in (("empty.txt", "E003"), ("image.txt", "E004"), ("latin.txt", "E005"), ("big.html", "E006")):
        [line] = [ln for ln in first.stderr.splitlines() if name in ln]
        assert code in line
    assert "Traceback" not in first.stderr
    con = duckdb.connect(str(db), read_only=True)
    articles, events = con.execute("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events)").fetchone()
    con.close()
    assert articles == 2 and events >= 2
    second = accord("run", str(src), "--db", str(db))
    con = duckdb.connect(str(db), read_only=True)
    again = con.execute("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events)").fetchone()
    failures = con.execute("SELECT count(*) FROM failures").fetchone()[0]
    con.close()
    assert again == (articles, events) and failures == 4
    assert "already stored (skipped)" in second.stdout
    listed = accord("failures", "--db", str(db), "--format", "json")
    codes = sorted(json.loads(line)["code"] for line in listed.stdout.splitlines())
    assert listed.returncode == 0 and codes == ["E003", "E004", "E005", "E006"]


def test_run_without_paths_codes_the_demo_corpus(tmp_path):
    proc = accord("run", "--db", str(tmp_path / "demo.duckdb"))
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Events by PLOVER type" in proc.stdout and "Top dyads" in proc.stdout
    con = duckdb.connect(str(tmp_path / "demo.duckdb"), read_only=True)
    n, types = con.execute("SELECT count(*), count(DISTINCT type) FROM events").fetchone()
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] >= 40
    con.close()
    assert types == 16


def test_unknown_model_is_a_clean_error(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(GOOD[0])
    proc = accord("code", str(p), "--model", "no_such_model_xyz")
    assert proc.returncode == 2 and "no_such_model_xyz" in proc.stderr and "Traceback" not in proc.stderr
