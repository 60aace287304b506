"""`accord run --dask ADDRESS`: code partitions of documents on a Dask cluster.

The client reads the inputs and sends partitions of plain documents to the workers.  Each
worker holds one loaded pipeline (a worker plugin, set up once per worker, never shipped in the
task graph), codes its partition and writes the outcomes as one Parquet shard.  The client
merges each finished shard into the store; the store skips articles it already holds, so a
partition retried after its worker died adds nothing twice.  Fusion is recomputed at the end.
"""
from __future__ import annotations

import os
import pickle
import tempfile
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from distributed.diagnostics.plugin import WorkerPlugin

from .errors import ConfigError, ErrorCode, ItemError
from .ingest import read_sources
from .model import Failure, RawDocument
from .pipeline import Outcome
from .runner import RunReport, refuse, skip_known, store_outcomes
from .settings import Settings
from .store import Store, read_shard, write_shard

PLUGIN = "accord-pipeline"
# Worker settings that cost without serving a batch run: the sampling profiler (it made spaCy
# ~45% slower on Dask), and the nanny's MALLOC_TRIM_THRESHOLD_, which makes glibc hand memory
# back so eagerly that the parser's allocations cost 8-15% more time (measured on Wikinews).
# The one-thread limits for numeric libraries stay: one task per core is the plan.
WORKER_CONFIG = {"distributed.worker.profile.enabled": False,
                 "distributed.nanny.pre-spawn-environ": {"OMP_NUM_THREADS": 1, "MKL_NUM_THREADS": 1,
                                                         "OPENBLAS_NUM_THREADS": 1}}


@dataclass(frozen=True)
class Partition:
    index: int
    docs: tuple[RawDocument, ...]


class PipelinePlugin(WorkerPlugin):
    """Loads the pipeline once when a worker starts (and again if the worker is restarted)."""

    idempotent = True

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.pipeline: Any = None

    def setup(self, worker: Any) -> None:
        from .pipeline import Pipeline

        self.pipeline = Pipeline(self.settings)

    def teardown(self, worker: Any) -> None:
        self.pipeline = None


def code_partition(partition: Partition, shard_dir: str) -> str:
    """Runs on a worker: code one partition and write its shard.  The shard appears under its
    final name only when complete (write, then rename), so a retried task rewrites it whole."""
    from distributed import get_worker

    pipeline = get_worker().plugins[PLUGIN].pipeline
    outcomes = list(pipeline.process(partition.docs))
    final = Path(shard_dir) / f"part-{partition.index:06d}.parquet"
    partial = final.with_suffix(f".{os.getpid()}.tmp")
    # Shards carry pickled Outcome dataclasses: they pass between processes of one Accord version
    # and are deleted once merged; the store itself holds only typed columns and JSON.
    write_shard(partial, [(o.source, pickle.dumps(o)) for o in outcomes])
    os.replace(partial, final)
    return str(final)


def run_on_dask(paths: Iterable[str], settings: Settings, store: Store, address: str, shard_dir: str | None = None,
                on_item: Callable[[str, Failure | None], None] | None = None) -> RunReport:
    """Code every input on the cluster at ``address`` ("local:N" starts N local workers) and
    merge the results into ``store``; failures are stored and reported, never raised."""
    import dask
    from distributed import Client, as_completed

    report = RunReport()
    with dask.config.set(WORKER_CONFIG), _client(address, Client) as client:
        client.register_plugin(PipelinePlugin(settings), name=PLUGIN)
        slots = max(1, sum(client.nthreads().values()))
        with tempfile.TemporaryDirectory(prefix="accord-shards-", dir=shard_dir) as shards:
            items = skip_known(read_sources(paths, settings.max_input_bytes), store, report)
            partitions = _partitions(items, settings.partition_size, report, store, on_item)
            running, parts = as_completed(), {}
            for part in islice(partitions, 2 * slots):     # bounded: memory does not grow with input
                running.add(_submit(client, part, shards, parts))
            for future in running:
                _merge(future, parts.pop(future.key), store, report, on_item)
                part = next(partitions, None)
                if part is not None:
                    running.add(_submit(client, part, shards, parts))
    refuse(store)
    return report


def _client(address: str, client_class: Any) -> Any:
    if address.startswith("local:"):
        try:
            workers = int(address.split(":", 1)[1])
        except ValueError:
            raise ConfigError(f"--dask local:N needs a number of workers, got {address!r}") from None
        if workers < 1:
            raise ConfigError(f"--dask local:N needs at least one worker, got {workers}")
        from distributed import LocalCluster

        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        return _Owned(client_class(cluster), cluster)
    if address.startswith(("tcp://", "tls://")):
        try:
            return client_class(address, timeout="20s")
        except OSError as exc:
            raise ConfigError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    raise ConfigError(f"--dask takes local:N or tcp://HOST:PORT, got {address!r}")


class _Owned:
    """A client whose local cluster is closed with it."""

    def __init__(self, client: Any, cluster: Any) -> None:
        self.client, self.cluster = client, cluster

    def __enter__(self) -> Any:
        return self.client

    def __exit__(self, *exc: object) -> None:
        self.client.close()
        self.cluster.close()


def _partitions(items: Iterator[RawDocument | ItemError], size: int, report: RunReport, store: Store,
                on_item) -> Iterator[Partition]:
    """Partitions of documents; input errors are stored here, they need no worker."""
    index, docs = 0, []
    for item in items:
        if isinstance(item, ItemError):
            failure = Failure(item.source, item.code.value, item.reason)
            report.failures.append(failure)
            store.add_failure(failure)
            if on_item:
                on_item(item.source, failure)
            continue
        docs.append(item)
        if len(docs) >= size:
            yield Partition(index, tuple(docs))
            index, docs = index + 1, []
    if docs:
        yield Partition(index, tuple(docs))


def _submit(client: Any, part: Partition, shards: str, parts: dict[str, Partition]) -> Any:
    future = client.submit(code_partition, part, shards, pure=False)
    parts[future.key] = part      # kept on the client, to report the documents if the task fails for good
    return future


def _merge(future: Any, part: Partition, store: Store, report: RunReport, on_item) -> None:
    try:
        shard = future.result()
    except Exception as exc:   # the task failed on every worker it was tried on
        outcomes = [Outcome(d.source, failure=Failure(d.source, ErrorCode.INTERNAL.value,
                                                      f"the Dask task coding this item failed: {type(exc).__name__}: {exc}"))
                    for d in part.docs]
        store_outcomes(outcomes, store, report, len(outcomes) or 1, on_item)
    else:
        outcomes = [pickle.loads(blob) for blob in read_shard(shard)]
        store_outcomes(outcomes, store, report, len(outcomes) or 1, on_item)
        os.remove(shard)        # merged: a rerun would skip these articles anyway

