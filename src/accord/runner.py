"""`accord run`: code inputs into the store and count what happened (library side of the CLI)."""
from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from typing import Callable, Iterable

from .ingest import read_sources
from .model import ArticleResult, Failure
from .parallel import make_coder
from .pipeline import Outcome
from .settings import Settings
from .store import Store


@dataclass
class RunReport:
    stored: int = 0
    skipped: int = 0            # already in the store (same content hash or id)
    events: int = 0
    failures: list[Failure] = field(default_factory=list)


# Articles stored between two reopenings of the store (see Store.reopen): flat memory on long runs.
REOPEN_EVERY = 5_000


def demo_corpus_path() -> str:
    """The folder of demo reports shipped inside the package."""
    return str(resources.files("accord") / "data" / "demo")


def run(paths: Iterable[str], settings: Settings, store: Store,
        on_item: Callable[[str, Failure | None], None] | None = None) -> RunReport:
    """Code every input and store it; failures are stored and reported, never raised."""
    report = RunReport()
    pipeline = make_coder(settings)
    items = read_sources(paths, settings.max_input_bytes)
    store_outcomes(pipeline.process(skip_known(items, store, report)), store, report, settings.batch_size, on_item)
    refuse(store)
    return report


def store_outcomes(outcomes: Iterable[Outcome], store: Store, report: RunReport, batch: int,
                   on_item: Callable[[str, Failure | None], None] | None = None) -> None:
    """Store coded articles a batch per transaction (one commit per article cost more than the
    rows), failures as they come, and count both in ``report``."""
    pending: list[ArticleResult] = []
    since_reopen = 0

    def flush() -> None:
        nonlocal since_reopen
        for result, new in zip(pending, store.add_many(pending)):
            report.stored += new
            report.skipped += not new
            report.events += len(result.events) if new else 0
        since_reopen += len(pending)
        pending.clear()
        if since_reopen >= REOPEN_EVERY:
            store.reopen()
            since_reopen = 0

    for outcome in outcomes:
        if outcome.failure:
            report.failures.append(outcome.failure)
            store.add_failure(outcome.failure)
        elif outcome.result:
            pending.append(outcome.result)
            if len(pending) >= batch:
                flush()
        if on_item:
            on_item(outcome.source, outcome.failure)
    flush()
    store.reopen()          # fusion comes next: start it from a fresh connection


def refuse(store: Store) -> int:
    """Recompute the fused events from every stored mention, one fusion key at a time (keys never
    share an event), so memory holds one key's mentions; returns how many events there are."""
    from .fuse import figures_for, fuse, load_rules

    rules, count = load_rules(), 0
    with store.fusion_rewrite() as add:
        for mentions, claims in store.fusion_groups():
            rows, links = [], []
            for ev in fuse(mentions, rules):
                row = ev.row(figures_for(ev, claims))
                rows.append(row)
                links += [(m.id, row["id"]) for m in ev.mentions]
            add(rows, links)
            count += len(rows)
    return count


def skip_known(items, store: Store, report: RunReport):
    """Do not parse again what is stored already: re-running is cheap as well as safe."""
    for item in items:
        if hasattr(item, "article_id") and store.has_article(item.article_id):
            report.skipped += 1
            continue
        yield item
