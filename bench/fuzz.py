"""Fuzz ingest, clean and coding for a set time; report inputs tried and failures found.

    python bench/fuzz.py [--seconds 300] [--code-every 50] [--seed 1]

Inputs are random bytes, random text, and mutations (byte flips, truncation, splices, repeated
markup, stray NULs and BOMs) of seed documents in every format Accord reads.  Ingest and clean
run on every input; one input in `--code-every` also goes through the spaCy pipeline and the
event, quote and claim extractors.  A failure is any exception other than Accord's coded
ItemError; each is printed with a reproducer (repr of the input).
"""
from __future__ import annotations

import argparse
import gzip
import io
import json
import random
import time
import traceback

from accord.clean import clean
from accord.errors import ItemError
from accord.ingest import _gunzip, make_document, read_records
from accord.pipeline import Pipeline
from accord.settings import load_settings

SEEDS = [
    b"Russian President Vladimir Putin met North Korean leader Kim Jong Un in Pyongyang on Wednesday.",
    b'"We will not back down," Zelensky said. Seoul said at least 10,000 containers were sent.',
    b"<html><head><title>T</title><meta charset='utf-8'></head><body><article><h1>Talks</h1>"
    b"<p>China and Russia held talks in Beijing on Monday.</p></article></body></html>",
    b'{"id": "a", "text": "Iran condemned Israel on Friday.", "date": "2024-04-02"}\n{"id": "b", "html": "<p>x</p>"}',
    b"Connect with us\n\nWorld\n\nHeadline Here Today\n\nPublished\n\non\n\nMarch 3, 2024\n\nBy Ana Ruiz\n\n"
    b"North Korea fired two missiles, South Korea's military said.\n\n0Shares\n",
]
MUTATIONS = ["flip", "truncate", "splice", "repeat", "nul", "bom", "markup", "unicode"]


def mutate(rng: random.Random, data: bytes) -> bytes:
    kind = rng.choice(MUTATIONS)
    b = bytearray(data)
    if kind == "flip" and b:
        for _ in range(rng.randint(1, 8)):
            b[rng.randrange(len(b))] = rng.randrange(256)
    elif kind == "truncate" and b:
        b = b[:rng.randrange(len(b))]
    elif kind == "splice":
        other = rng.choice(SEEDS)
        b = b[:rng.randrange(len(b) + 1)] + other[rng.randrange(len(other) + 1):]
    elif kind == "repeat":
        b = b * rng.randint(2, 50)
    elif kind == "nul":
        b.insert(rng.randrange(len(b) + 1), 0)
    elif kind == "bom":
        b = bytearray(rng.choice([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"])) + b
    elif kind == "markup":
        b = bytearray(rng.choice([b"<div>" * 500, b"<script>", b"</p>" * 20, b"<!--", b"&#x0;"])) + b
    elif kind == "unicode":
        b += rng.choice(["Привет мир. ", "北朝鮮。", "\u202e\u200b", "😀" * 10]).encode("utf-8")
    return bytes(b)


def one_input(rng: random.Random) -> bytes:
    roll = rng.random()
    if roll < 0.1:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(300)))
    if roll < 0.2:
        return "".join(chr(rng.randrange(32, 0x3000)) for _ in range(rng.randrange(300))).encode("utf-8", "replace")
    data = rng.choice(SEEDS)
    for _ in range(rng.randint(1, 4)):
        data = mutate(rng, data)
    return data


def exercise(data: bytes, kind: str) -> object | None:
    """Ingest and clean; returns the document for coding, or None."""
    if kind == "jsonl":
        items = list(read_records(io.BytesIO(data), "fuzz.jsonl", False, 1_000_000))
    elif kind == "gz":
        try:
            items = [make_document(_gunzip(gzip.compress(data)[: max(10, len(data))], 1_000_000), "fuzz", "html")]
        except ItemError:
            items = []
    else:
        try:
            items = [make_document(data, "fuzz", None)]
        except ItemError:
            items = []
    doc = None
    for item in items:
        if isinstance(item, ItemError):
            continue
        try:
            clean(item, 200_000)
            doc = item
        except ItemError:
            pass
    return doc


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=300)
    ap.add_argument("--code-every", type=int, default=50)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    pipeline = Pipeline(load_settings())
    tried = coded = 0
    failures: list[str] = []
    deadline = time.monotonic() + args.seconds
    while time.monotonic() < deadline:
        data = one_input(rng)
        kind = rng.choice(["plain", "plain", "jsonl", "gz"])
        tried += 1
        try:
            doc = exercise(data, kind)
            if doc is not None and tried % args.code_every == 0:
                for outcome in pipeline.process([doc]):
                    if outcome.failure and outcome.failure.code == "E099":
                        raise RuntimeError(outcome.failure.reason)
                    json.dumps(outcome.result.to_dict() if outcome.result else {})
                coded += 1
        except ItemError:
            pass
        except Exception:   # noqa: BLE001 - a fuzzer reports everything that is not a coded error
            failures.append(f"{kind} {data[:200]!r}\n{traceback.format_exc(limit=3)}")
    print(f"inputs tried: {tried}  coded through the full pipeline: {coded}  seconds: {args.seconds:.0f}  "
          f"failures: {len(failures)}")
    for f in failures[:20]:
        print(f)


if __name__ == "__main__":
    main()
