"""Coding on several processes of one machine.

Each worker process loads the model, knowledge base and lexicon once and codes whole chunks of
documents; only plain data crosses the process boundary (RawDocuments in, Outcomes out), never
spaCy Docs, whose serialisation cost more than the parse saved (spaCy's own n_process).
"""
from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import Iterable, Iterator

from .errors import ErrorCode, ItemError
from .model import Failure, RawDocument
from .pipeline import Outcome, Pipeline
from .settings import Settings

Item = RawDocument | ItemError


def worker_count(settings: Settings) -> int:
    """The `workers` setting, 0 meaning every core this process may use."""
    if settings.workers:
        return settings.workers
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:      # not on Linux
        return os.cpu_count() or 1


def make_coder(settings: Settings) -> "Pipeline | ProcessPipeline":
    """What `accord run` and `accord code --jsonl` code with: a process pool when the settings ask
    for more than one worker, else this process."""
    return ProcessPipeline(settings) if worker_count(settings) > 1 else Pipeline(settings)


class ProcessPipeline:
    """Same ``process`` contract as :class:`Pipeline`, over a pool of worker processes.  Chunks
    come back in input order (within one, in the order Pipeline.process gives).  An input of one chunk or less is coded in this process, since
    starting workers would cost more than it saves."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.workers = worker_count(settings)
        self.chunk = max(1, settings.batch_size)

    def process(self, items: Iterable[Item], default_date: str | None = None) -> Iterator[Outcome]:
        stream = iter(items)
        first = list(islice(stream, self.chunk + 1))
        if len(first) <= self.chunk:
            yield from Pipeline(self.settings).process(first, default_date)
            return
        chunks = _chunks(_chain(first, stream), self.chunk)
        yield from self._pooled(chunks, default_date)

    def _pooled(self, chunks: Iterator[list[Item]], default_date: str | None) -> Iterator[Outcome]:
        pool = self._new_pool()
        pending: deque[tuple[list[Item], Future]] = deque()
        try:
            for chunk in chunks:
                pending.append((chunk, pool.submit(_code_chunk, _plain(chunk), default_date)))
                while len(pending) > 2 * self.workers:     # bounded: memory does not grow with input
                    outcomes, pool = self._collect(pending, pool, default_date)
                    yield from outcomes
            while pending:
                outcomes, pool = self._collect(pending, pool, default_date)
                yield from outcomes
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def _new_pool(self) -> ProcessPoolExecutor:
        # Spawned (not forked) workers share no locks or threads with this process.
        return ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_start_worker, initargs=(self.settings,))

    def _collect(self, pending: deque[tuple[list[Item], Future]], pool: ProcessPoolExecutor,
                 default_date: str | None) -> tuple[list[Outcome], ProcessPoolExecutor]:
        """The oldest chunk's outcomes, and the pool to go on with.  A worker that died (out of
        memory, killed) takes its chunk down as failures; the chunks still queued go to a fresh pool."""
        chunk, future = pending.popleft()
        try:
            return future.result(), pool
        except BrokenProcessPool:
            pool.shutdown(wait=False, cancel_futures=True)
            pool = self._new_pool()
            for i, (queued, _) in enumerate(pending):
                pending[i] = (queued, pool.submit(_code_chunk, _plain(queued), default_date))
            return [_lost(item) for item in chunk], pool


# The pipeline of a worker process: set once by the pool's initializer, used by every task the
# worker runs.  Module state is the only way a ProcessPoolExecutor initializer can hand it over.
_worker_pipeline: Pipeline | None = None


def _start_worker(settings: Settings) -> None:
    global _worker_pipeline
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    _worker_pipeline = Pipeline(settings)


def _exit_with_parent(parent: int) -> None:
    """A worker outlives a parent killed with SIGKILL (its task queue never reports the end),
    so it watches for being handed to another parent and stops then."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _code_chunk(items: list[RawDocument | Outcome], default_date: str | None) -> list[Outcome]:
    assert _worker_pipeline is not None, "worker started without its pipeline"
    # like Pipeline.process itself, input errors come first and coded articles after their batch
    done = [i for i in items if isinstance(i, Outcome)]
    return done + list(_worker_pipeline.process([i for i in items if isinstance(i, RawDocument)], default_date))


def _plain(chunk: list[Item]) -> list[RawDocument | Outcome]:
    """Input errors become failure outcomes here, so that only dataclasses are pickled."""
    return [i if isinstance(i, RawDocument) else Outcome(i.source, failure=Failure(i.source, i.code.value, i.reason))
            for i in chunk]


def _lost(item: Item) -> Outcome:
    source = item.source
    return Outcome(source, failure=Failure(source, ErrorCode.INTERNAL.value,
                                           "the worker process coding this item died (killed or out of memory)"))


def _chain(first: list[Item], rest: Iterator[Item]) -> Iterator[Item]:
    yield from first
    yield from rest


def _chunks(items: Iterator[Item], size: int) -> Iterator[list[Item]]:
    while chunk := list(islice(items, size)):
        yield chunk
