"""`accord run --dask` on a real scheduler and two real workers on 127.0.0.1, one of them killed
mid-run: the store must end with exactly the counts of a single-process run."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

pytest.importorskip("distributed")
pytestmark = pytest.mark.slow

TABLES = ("articles", "event_mentions", "events", "quotes", "claims", "actor_mentions", "failures")
BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _counts(db: Path) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        con.close()


def _start(args: list[str], log: Path) -> subprocess.Popen:
    env = dict(os.environ, DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED="False")
    # own session: killing the group takes the worker and its nanny down together
    return subprocess.Popen(args, stdout=log.open("w"), stderr=subprocess.STDOUT, env=env, start_new_session=True)


def _kill(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)


@pytest.fixture
def cluster(tmp_path):
    from distributed import Client

    address = f"tcp://127.0.0.1:{_free_port()}"
    port = address.rsplit(":", 1)[1]
    procs = [_start([str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", port, "--no-dashboard"],
                    tmp_path / "scheduler.log")]
    try:
        time.sleep(1)
        procs += [_start([str(BIN / "dask"), "worker", address, "--nthreads", "1", "--host", "127.0.0.1",
                          "--no-dashboard"], tmp_path / f"worker{i}.log") for i in range(2)]
        with Client(address, timeout="60s") as client:
            client.wait_for_workers(2, timeout=120)
        yield address, procs[1:]
    finally:
        for p in procs:
            _kill(p)


def test_a_killed_worker_costs_nothing_and_duplicates_nothing(tmp_path, cluster):
    address, workers = cluster
    env = dict(os.environ, ACCORD_WORKERS="1")
    reference = tmp_path / "single.duckdb"
    subprocess.run([sys.executable, "-m", "accord.cli", "run", "--db", str(reference)], env=env, check=True,
                   capture_output=True)

    shards = tmp_path / "shards"
    shards.mkdir()
    db = tmp_path / "dask.duckdb"
    env["ACCORD_PARTITION_SIZE"] = "1"      # many small tasks, so that the kill lands mid-run
    run = subprocess.Popen([sys.executable, "-m", "accord.cli", "run", "--db", str(db), "--dask", address,
                            "--shards", str(shards)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 180
    while not any(p.name.startswith("part-") for p in shards.rglob("*")):   # the first shard is written
        assert run.poll() is None, run.communicate()
        assert time.monotonic() < deadline, "no shard appeared"
        time.sleep(0.005)
    assert run.poll() is None, "the run ended before a worker could be killed"
    _kill(workers[0])
    out, err = run.communicate(timeout=300)
    assert run.returncode == 0, err.decode()
    assert workers[0].poll() is not None and workers[1].poll() is None
    assert _counts(db) == _counts(reference)
    assert not list(shards.rglob("part-*")), "merged shards are removed"
