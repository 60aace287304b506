"""The store at scale: a store of N synthetic fused events (default 1,000,000), then the time of
`accord dyad RUS PRK --by month` and `accord top dyads` (whole processes, as a user runs them,
and the queries alone), and the GDELT export's time and peak memory.

    python bench/bench_store.py [--events 1000000] [--keep DIR]

The synthetic events are generated inside DuckDB from a fixed seed: 60 actors (weighted so that
a few dyads dominate, as in real news), all 16 PLOVER types, dates spread over ten years, one
mention and one article per ten events.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from accord.queries import dyad_series, top_dyads
from accord.store import Store

ACTORS = ["RUS", "PRK", "UKR", "USA", "CHN", "TWN", "KOR", "JPN", "IRN", "ISR", "PSE", "SYR", "TUR", "GBR", "FRA",
          "DEU", "POL", "IND", "PAK", "AFG", "IRQ", "SAU", "EGY", "LBN", "YEM", "SDN", "ETH", "NGA", "ZAF", "BRA",
          "MEX", "VEN", "CAN", "AUS", "IDN", "PHL", "VNM", "MMR", "THA", "BLR", "GEO", "ARM", "AZE", "KAZ", "SRB",
          "HUN", "ITA", "ESP", "NLD", "SWE", "FIN", "NOR", "QAT", "ARE", "JOR", "LBY", "MLI", "COD", "SOM", "CUB"]
TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]


def build(path: Path, n: int) -> float:
    t0 = time.perf_counter()
    Store(path).close()      # schema through the migrations
    con = duckdb.connect(str(path))
    con.execute("SELECT setseed(0.42)")
    actors = "[" + ", ".join(f"'{a}'" for a in ACTORS) + "]"
    types = "[" + ", ".join(f"'{t}'" for t in TYPES) + "]"
    # skewed actor choice: index = floor(60 * u^2) puts most events on the first dozen actors
    con.execute(f"""
        CREATE TEMP TABLE synth AS
        SELECT i, {actors}[1 + CAST(floor(60 * pow(random(), 2)) AS INTEGER)] AS s,
                  {actors}[1 + CAST(floor(60 * pow(random(), 2)) AS INTEGER)] AS t,
                  {types}[1 + CAST(floor(16 * random()) AS INTEGER)] AS ty,
                  DATE '2015-01-01' + CAST(floor(3650 * random()) AS INTEGER) AS d
        FROM range({n}) r(i)""")
    con.execute(f"""INSERT INTO articles (id, content_hash, source, url, title, published, site, language, text)
                    SELECT 'a' || i, md5('a' || i), 'synthetic', 'https://example.org/' || i, 'synthetic report',
                           DATE '2015-01-01' + CAST(i % 3650 AS INTEGER), 'outlet' || (i % 200), 'en', 'text'
                    FROM range({n // 10}) r(i)""")
    con.execute("""INSERT INTO event_mentions (id, article_id, type, cameo, quad_class, goldstein, source_code,
                        source_country, target_code, target_country, status, date, sentence, start_char, end_char,
                        trigger, confidence)
                    SELECT 'm' || i, 'a' || (i // 10), ty, '190', 4, -10.0, s || 'GOV', s, t, t, 'asserted', d,
                           'synthetic sentence', 0, 10, 'x', 0.8 FROM synth WHERE i % 10 = 0""")
    con.execute("""INSERT INTO events (id, type, cameo, quad_class, goldstein, source_code, source_country,
                       target_code, target_country, status, date, first_date, last_date, first_seen, last_seen,
                       num_mentions, num_sources, num_articles, claimants, sentence, root_mention)
                   SELECT md5(CAST(i AS VARCHAR)), ty,
                          CASE WHEN ty IN ('ASSAULT', 'COERCE', 'PROTEST', 'MOBILIZE') THEN '190' ELSE '040' END,
                          CASE WHEN ty IN ('ASSAULT', 'COERCE', 'PROTEST', 'MOBILIZE', 'SANCTION') THEN 4
                               WHEN ty IN ('ACCUSE', 'REJECT', 'THREATEN', 'REQUEST') THEN 3
                               WHEN ty IN ('AID', 'COOPERATE', 'RETREAT', 'CONCEDE') THEN 2 ELSE 1 END,
                          CASE WHEN ty IN ('ASSAULT', 'COERCE') THEN -9.0 WHEN ty = 'ACCUSE' THEN -2.0 ELSE 3.0 END,
                          s || 'GOV', s, t, t, 'asserted', d, d, d, d, d, 1 + i % 5, 1 + i % 3, 1 + i % 4, '[]',
                          'synthetic sentence', 'm' || (i - i % 10)
                   FROM synth""")
    con.execute("CHECKPOINT")
    con.close()
    return time.perf_counter() - t0


def timed(cmd: list[str]) -> tuple[float, float]:
    wrapper = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
               "rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode; "
               "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, rc)")
    out = subprocess.run([sys.executable, "-c", wrapper, *cmd], capture_output=True, text=True).stdout.split()
    if out[2] != "0":
        sys.exit(f"{' '.join(cmd)} failed")
    return float(out[0]), int(out[1]) / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--keep", type=Path, help="build the store here and keep it")
    args = ap.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp())
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "bench.duckdb"
    if db.exists():
        db.unlink()
    print(f"building a store of {args.events:,} events ... {build(db, args.events):.1f} s")
    accord = [sys.executable, "-m", "accord.cli"]
    rows = []
    with Store(db, read_only=True) as store:
        for name, query in (("dyad RUS PRK --by month (query)", lambda: dyad_series(store.con, "RUS", "PRK").fetchall()),
                            ("top dyads (query)", lambda: top_dyads(store.con, 20).fetchall())):
            t0 = time.perf_counter()
            query()
            rows.append((name, time.perf_counter() - t0, None))
    for name, cmd in (("accord dyad RUS PRK --by month", ["dyad", "RUS", "PRK", "--by", "month"]),
                      ("accord top dyads", ["top", "dyads"]),
                      ("accord export --format gdelt", ["export", str(folder / "gdelt"), "--format", "gdelt"])):
        seconds, mb = timed(accord + cmd + ["--db", str(db)])
        rows.append((name + " (whole process)", seconds, mb))
    from fastapi.testclient import TestClient   # the dashboard in process: request to response

    from accord.web import create_app

    client = TestClient(create_app(str(db)))
    for path in ("/api/dyad/RUS/PRK?by=month", "/dyad/RUS/PRK"):
        client.get(path)
        times = []
        for _ in range(5):
            t0 = time.perf_counter()
            assert client.get(path).status_code == 200
            times.append(time.perf_counter() - t0)
        rows.append((f"GET {path} (median of 5)", sorted(times)[2], None))
    print(f"{'what':50} {'seconds':>8} {'peak MB':>8}")
    for name, seconds, mb in rows:
        print(f"{name:50} {seconds:8.2f} {'' if mb is None else f'{mb:8.0f}'}")
    print(f"store: {db.stat().st_size / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
