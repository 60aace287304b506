"""Throughput of `accord run --dask local:2` next to `accord run --workers 2` on the same corpus.

Both are whole processes into a fresh store each, so start-up (the local cluster, the model
load in every worker) counts, as a user would feel it.  The corpus is the Wikinews CSVs of the
shared evaluation folder when given, else a synthetic corpus from `synth_corpus.py`.

    python bench/bench_dask.py [--shared ../shared] [--synthetic 2000] [--workers 2]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
from bench_code import load_articles  # noqa: E402


def timed_run(corpus: Path, db: Path, extra: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "accord.cli", "run", str(corpus), "--db", str(db), *extra],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared")
    ap.add_argument("--synthetic", type=int, default=2000)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        if args.shared:
            articles = load_articles(Path(args.shared), None)
            corpus.write_text("\n".join(json.dumps(a) for a in articles), encoding="utf-8")
            name = f"{len(articles)} Wikinews articles"
        else:
            with corpus.open("w") as fh:
                subprocess.run([sys.executable, str(HERE / "synth_corpus.py"), str(args.synthetic)], stdout=fh, check=True)
            name = f"{args.synthetic} synthetic reports"
        n = args.workers
        pool = timed_run(corpus, Path(tmp) / "pool.duckdb", ["--workers", str(n)])
        dask = timed_run(corpus, Path(tmp) / "dask.duckdb", ["--dask", f"local:{n}"])
    print(name)
    print(f"| run | seconds |\n|---|---|\n| accord run --workers {n} | {pool:.1f} |\n| accord run --dask local:{n} | {dask:.1f} |")
    print(f"throughput of --dask local:{n} relative to --workers {n}: {pool / dask:.2f}")


if __name__ == "__main__":
    main()
