"""Fusion at scale: the time and peak memory of `fuse()` over N synthetic event mentions.

    python bench/bench_fusion.py [--mentions 100000 1000000]

Fusion is recomputed from every stored mention after each run (so the result never depends on
the order articles arrived in); this measures when that recomputation stops being cheap. The
mentions are random but shaped like news: 60 actors weighted so a few dyads dominate, all 16
PLOVER types, dates over one year, four mentions per article.
"""
from __future__ import annotations

import argparse
import random
import resource
import time
from datetime import date, timedelta

from accord.fuse import Mention, fuse, load_rules

# the store benchmark's actors and types (a script in bench/, so bench/ is on the path)
from bench_store import ACTORS, TYPES


def mentions(n: int, seed: int = 42) -> list[Mention]:
    rng = random.Random(seed)
    start = date(2025, 1, 1)
    out = []
    for i in range(n):
        src, tgt = (ACTORS[int(60 * rng.random() ** 2)] for _ in range(2))
        day = start + timedelta(days=rng.randrange(365))
        out.append(Mention(id=f"m{i}", article_id=f"a{i // 4}", type=rng.choice(TYPES), mode=None, cameo="040",
                           quad_class=1, goldstein=1.0, source_code=src + "GOV", source_country=src, source_name=src,
                           target_code=tgt + "GOV", target_country=tgt, target_name=tgt, status="asserted",
                           claimed_by=None, date=day, sentence=f"sentence {i}", outlet=f"outlet{i % 300}",
                           published=day))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mentions", type=int, nargs="+", default=[100_000, 1_000_000])
    args = ap.parse_args()
    rules = load_rules()
    print("| mentions | fused events | fuse() seconds | peak MB (whole process so far) |")
    print("|---|---|---|---|")
    for n in args.mentions:
        data = mentions(n)
        t0 = time.perf_counter()
        events = fuse(data, rules)
        seconds = time.perf_counter() - t0
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"| {n:,} | {len(events):,} | {seconds:.2f} | {peak:,.0f} |")


if __name__ == "__main__":
    main()
