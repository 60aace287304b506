"""Peak memory of `accord run` as the corpus grows: does it stay flat?

    python bench/bench_memory.py [--sizes 1000 5000 10000]

Each size is a fresh store and a fresh process (`accord run corpus.jsonl`, default settings:
one coding worker per core), over a corpus from `synth_corpus.py`.  Reported: the peak resident
memory of the main process (reading, storing, fusion) and of the largest worker process
(parsing and coding), with the time.  Nothing in a run should grow with the corpus: input,
coding and storing go in bounded batches, fusion streams one fusion key at a time, and DuckDB
works under a fixed memory cap.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent


def measure(n: int, work: Path) -> tuple[float, float, float]:
    corpus = work / f"corpus-{n}.jsonl"
    with corpus.open("w") as fh:
        subprocess.run([sys.executable, str(HERE / "synth_corpus.py"), str(n)], stdout=fh, check=True)
    db = work / f"store-{n}.duckdb"
    env = dict(os.environ)
    t0 = time.perf_counter()
    code = ("import resource, sys; from accord.cli import cli\n"
            "try:\n    cli(['run', sys.argv[1], '--db', sys.argv[2]], standalone_mode=False)\n"
            "finally:\n    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,\n"
            "          resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code, str(corpus), str(db)], env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    main_kb, worker_kb = (int(x) for x in done.stderr.strip().splitlines()[-1].split())
    return seconds, main_kb / 1024, worker_kb / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10000, 100000])
    args = ap.parse_args()
    print("| articles | seconds | articles/s | peak MB, main process | peak MB, largest worker |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            seconds, main_mb, worker_mb = measure(n, Path(tmp))
            print(f"| {n:,} | {seconds:.1f} | {n / seconds:.0f} | {main_mb:,.0f} | {worker_mb:,.0f} |", flush=True)


if __name__ == "__main__":
    main()
