"""kill -9 in the middle of a run leaves a consistent store; running again completes it with
exactly the counts and content of a clean run."""
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from accord.runner import demo_corpus_path

pytestmark = pytest.mark.slow


def counts(db):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("""SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM event_mentions),
                                     (SELECT count(*) FROM events), (SELECT count(*) FROM quotes),
                                     (SELECT count(*) FROM claims),
                                     (SELECT string_agg(content_hash, ',' ORDER BY content_hash) FROM articles),
                                     (SELECT string_agg(id, ',' ORDER BY id) FROM events)""").fetchone()
    finally:
        con.close()


def run(db):
    return subprocess.run([sys.executable, "-m", "accord.cli", "run", demo_corpus_path(), "--db", str(db)],
                          capture_output=True, text=True)


def kill_after(db, commits):
    """Start a run and kill -9 it once `commits` article transactions have reached the log."""
    proc = subprocess.Popen([sys.executable, "-m", "accord.cli", "run", demo_corpus_path(), "--db", str(db)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wal = db.with_name(db.name + ".wal")
    deadline = time.time() + 60
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.02)
        if wal.exists() and wal.stat().st_size > commits * 6_000:
            break
    workers = _descendants(proc.pid)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    _assert_gone(workers)


def _descendants(pid: int) -> set[int]:
    """Child processes (and theirs) of a process, from Linux's /proc."""
    found: set[int] = set()
    for children in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            kids = {int(k) for k in children.read_text().split()}
        except OSError:
            continue
        for kid in kids:
            found |= {kid} | _descendants(kid)
    return found


def _assert_gone(pids: set[int], seconds: float = 10) -> None:
    """Worker processes must not outlive a killed run (zombies awaiting their reaper count as gone)."""
    deadline = time.time() + seconds
    alive = pids
    while alive and time.time() < deadline:
        time.sleep(0.2)
        alive = {p for p in alive if _running(p)}
    assert not alive, f"processes outlived the killed run: {sorted(alive)}"


def _running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_ten_kills_at_random_points_then_rerun_equals_a_clean_run(tmp_path):
    """kill -9 at ten random points of a run (each time resuming the same store): every
    intermediate store opens consistent, and the final one equals a clean run."""
    import random

    clean = tmp_path / "clean.duckdb"
    assert run(clean).returncode == 0
    expected = counts(clean)
    rng = random.Random(7)
    store = tmp_path / "killed.duckdb"
    for _ in range(10):
        kill_after(store, rng.randint(1, 12))
        if store.exists():
            counts(store)          # consistent: it opens and answers after every kill
    assert run(store).returncode == 0
    assert counts(store) == expected


def test_killed_run_then_rerun_equals_a_clean_run(tmp_path):
    clean = tmp_path / "clean.duckdb"
    assert run(clean).returncode == 0
    expected = counts(clean)

    crashed = tmp_path / "crashed.duckdb"
    proc = subprocess.Popen([sys.executable, "-m", "accord.cli", "run", demo_corpus_path(), "--db", str(crashed)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wal = tmp_path / "crashed.duckdb.wal"
    deadline = time.time() + 60
    while time.time() < deadline:     # kill once some articles are committed, before the run ends
        time.sleep(0.05)
        if wal.exists() and wal.stat().st_size > 40_000:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = counts(crashed)           # opens cleanly: the store is consistent after the kill
    assert partial[0] < expected[0], "the run finished before it could be killed; nothing was tested"
    assert run(crashed).returncode == 0
    assert counts(crashed) == expected
