"""A synthetic news corpus of N short reports as JSON lines, from the team's own templates.

    python bench/synth_corpus.py N > corpus.jsonl

Each report is three sentences built from fixed templates, actors and dates chosen by a seeded
generator, so two runs with the same N write the same file. The reports exist to load the
pipeline and the store (memory, throughput), not to be read: their events are plausible in
form only.
"""
from __future__ import annotations

import json
import random
import sys
from datetime import date, timedelta

STATES = [("Russia", "Moscow"), ("China", "Beijing"), ("Japan", "Tokyo"), ("South Korea", "Seoul"),
          ("North Korea", "Pyongyang"), ("Ukraine", "Kyiv"), ("Iran", "Tehran"), ("Israel", "Jerusalem"),
          ("Turkey", "Ankara"), ("India", "New Delhi"), ("Pakistan", "Islamabad"), ("France", "Paris"),
          ("Germany", "Berlin"), ("Brazil", "Brasilia"), ("Egypt", "Cairo"), ("Poland", "Warsaw")]
LEADS = [
    "The foreign ministers of {a} and {b} met in {ca} on {day} and agreed to expand trade.",
    "{a} accused {b} of violating its airspace on {day}, the defence ministry said.",
    "Officials in {ca} said on {day} that {a} would send humanitarian aid to {b}.",
    "{a} imposed new sanctions on {b} on {day}, citing its nuclear programme.",
    "Police in {cb} arrested dozens of protesters outside the {a_adj} embassy on {day}.",
    "{a} and {b} signed an agreement on energy cooperation in {cb} on {day}.",
]
FOLLOWS = [
    "\"We will not accept pressure from anyone,\" the spokesman for the {b_adj} government told reporters.",
    "Analysts said the move could strain relations between the two countries.",
    "The talks were the first at that level in more than {n} years, according to diplomats.",
    "{b} rejected the accusation and summoned the {a_adj} ambassador.",
    "About {n},000 people joined the rally, organisers said.",
]
ADJ = {"Russia": "Russian", "China": "Chinese", "Japan": "Japanese", "South Korea": "South Korean",
       "North Korea": "North Korean", "Ukraine": "Ukrainian", "Iran": "Iranian", "Israel": "Israeli",
       "Turkey": "Turkish", "India": "Indian", "Pakistan": "Pakistani", "France": "French",
       "Germany": "German", "Brazil": "Brazilian", "Egypt": "Egyptian", "Poland": "Polish"}
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def report(rng: random.Random, i: int) -> dict:
    (a, ca), (b, cb) = rng.sample(STATES, 2)
    fill = {"a": a, "b": b, "ca": ca, "cb": cb, "a_adj": ADJ[a], "b_adj": ADJ[b], "day": rng.choice(DAYS),
            "n": rng.randint(2, 30)}
    text = " ".join(t.format(**fill) for t in (rng.choice(LEADS), *rng.sample(FOLLOWS, 2)))
    published = date(2025, 1, 1) + timedelta(days=rng.randrange(365))
    # the index makes every report distinct, so none is skipped as a duplicate by content hash
    return {"id": f"synth-{i}", "title": f"Report {i}", "date": published.isoformat(), "text": f"{text} (Report {i}.)"}


def main() -> None:
    n = int(sys.argv[1])
    rng = random.Random(7)
    for i in range(n):
        sys.stdout.write(json.dumps(report(rng, i)) + "\n")


if __name__ == "__main__":
    main()
