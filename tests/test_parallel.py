"""Coding on a pool of worker processes gives what one process gives."""
from __future__ import annotations

import json

import pytest

from accord.errors import ErrorCode, ItemError
from accord.ingest import make_document
from accord.parallel import ProcessPipeline, make_coder, worker_count
from accord.pipeline import Pipeline
from accord.settings import load_settings

STATES = [("Russia", "Ukraine"), ("China", "Japan"), ("France", "Germany"), ("Iran", "Israel"), ("India", "Pakistan")]


def _docs():
    docs = []
    for i in range(14):
        a, b = STATES[i % len(STATES)]
        text = (f"{a} accused {b} of shelling a border village on Tuesday, the foreign ministry said. "
                f"Officials from {a} and {b} met in Geneva and agreed to resume talks. (Item {i}.)")
        docs.append(make_document(text.encode(), f"item-{i}.txt", "text", date="2025-03-04"))
    return docs


def test_worker_count_and_the_coder_it_chooses():
    assert worker_count(load_settings({"workers": 3}, env={})) == 3
    assert worker_count(load_settings({}, env={})) >= 1
    assert isinstance(make_coder(load_settings({"workers": 2}, env={})), ProcessPipeline)


@pytest.mark.slow
def test_pool_outcomes_equal_a_single_process_and_input_errors_pass_through():
    settings = load_settings({"workers": 2, "batch_size": 3}, env={})
    broken = ItemError(ErrorCode.BAD_RECORD, "not valid JSON", "feed.jsonl:3")
    items = _docs()[:5] + [broken] + _docs()[5:]
    pooled = list(ProcessPipeline(settings).process(items))
    single = list(Pipeline(settings).process(items))
    as_json = lambda outcomes: sorted(json.dumps(o.result.to_dict(explain=True), sort_keys=True)  # noqa: E731
                                      for o in outcomes if o.result)
    assert len(pooled) == len(items)
    assert as_json(pooled) == as_json(single)
    assert [o.failure.code for o in pooled if o.failure] == ["E008"]
    assert sum(len(o.result.events) for o in pooled if o.result) >= 14     # something to compare


@pytest.mark.slow
def test_an_input_of_one_chunk_is_coded_here_without_workers(monkeypatch):
    def no_pool(*args):
        raise AssertionError("a pool was started for a small input")

    monkeypatch.setattr(ProcessPipeline, "_pooled", no_pool)
    settings = load_settings({"workers": 2, "batch_size": 16}, env={})
    outcomes = list(ProcessPipeline(settings).process(_docs()[:3]))
    assert [o.source for o in outcomes] == ["item-0.txt", "item-1.txt", "item-2.txt"]
