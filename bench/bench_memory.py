"""Peak memory of `accord run` as the corpus grows: does it stay flat?

    python bench/bench_memory.py [--sizes 1000 5000 10000]

Each size is a fresh store and a fresh process (`accord run corpus.jsonl`, workers=1), over a
corpus from `synth_corpus.py`; the peak resident memory of that process is reported with its
time. Fusion is recomputed from every stored mention at the end of a run (fuse.py), so its
share of the peak grows with the store: that is what this measures against the streaming stages.
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


def measure(n: int, work: Path) -> tuple[float, float]:
    corpus = work / f"corpus-{n}.jsonl"
    with corpus.open("w") as fh:
        subprocess.run([sys.executable, str(HERE / "synth_corpus.py"), str(n)], stdout=fh, check=True)
    db = work / f"store-{n}.duckdb"
    env = dict(os.environ, ACCORD_WORKERS="1")
    t0 = time.perf_counter()
    code = ("import resource, sys; from accord.cli import cli\n"
            "try:\n    cli(['run', sys.argv[1], '--db', sys.argv[2]], standalone_mode=False)\n"
            "finally:\n    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code, str(corpus), str(db)], env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    peak_kb = int(done.stderr.strip().splitlines()[-1])
    return seconds, peak_kb / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000])
    args = ap.parse_args()
    print("| articles | seconds | articles/s | peak MB |")
    print("|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            seconds, peak = measure(n, Path(tmp))
            print(f"| {n:,} | {seconds:.1f} | {n / seconds:.0f} | {peak:,.0f} |", flush=True)


if __name__ == "__main__":
    main()
