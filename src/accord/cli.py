"""The command line: parse arguments, call the library, format the output.  Nothing else."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from . import __version__
from .errors import AccordError
from .settings import describe, load_settings

err = Console(stderr=True)
out = Console(width=None if Console().is_terminal else 140)


def _settings(**overrides):
    return load_settings({k: v for k, v in overrides.items() if v is not None})


@click.group(help="Accord turns news into sourced event data. See README.md for a tour.")
@click.version_option(__version__, prog_name="accord")
def cli() -> None:
    pass


def main() -> None:
    try:
        cli(standalone_mode=True)
    except AccordError as exc:
        err.print(f"[red]error:[/red] {exc}")
        sys.exit(2)


@cli.command(help="Code one article (PATH, or - for stdin) and print the contract JSON.")
@click.argument("path")
@click.option("--jsonl", is_flag=True, help="PATH holds JSON lines {id, text|html, date?, title?}: one result line each.")
@click.option("--date", "date_", help="Publication date YYYY-MM-DD when the text gives none.")
@click.option("--explain", is_flag=True, help="Add, for each event, the lexicon entry and parse path that produced it.")
@click.option("--pretty/--compact", default=None, help="Indent the JSON (default: indented for one article).")
@click.option("--model", help="spaCy pipeline to load (setting: model).")
@click.option("--workers", type=int, help="Processes that code (setting: workers; 0 = every core).")
def code(path: str, jsonl: bool, date_: str | None, explain: bool, pretty: bool | None, model: str | None,
         workers: int | None) -> None:
    from .ingest import read_records, read_sources
    from .parallel import make_coder

    settings = _settings(model=model, workers=workers)
    if jsonl:
        stream = sys.stdin.buffer if path == "-" else open(path, "rb")
        items = read_records(stream, "<stdin>" if path == "-" else path, False, settings.max_input_bytes)
    else:
        items = read_sources([path], settings.max_input_bytes)
    indent = 2 if (pretty if pretty is not None else not jsonl) else None
    failed = 0
    for outcome in make_coder(settings).process(items, default_date=date_):
        if outcome.failure:
            failed += 1
            click.echo(outcome.failure.line(), err=True)
            continue
        click.echo(json.dumps(outcome.result.to_dict(explain=explain), ensure_ascii=False, indent=indent))
    sys.exit(1 if failed else 0)


@cli.command(help="Code PATHS (files, folders, -) into the store; with no path, the bundled demo corpus.")
@click.argument("paths", nargs=-1)
@click.option("--db", help="DuckDB file (setting: db, default ./accord.duckdb).")
@click.option("--model", help="spaCy pipeline to load (setting: model).")
@click.option("--workers", type=int, help="Processes that code (setting: workers; 0 = every core).")
@click.option("--dask", "dask_address", metavar="ADDRESS",
              help="Code on Dask: local:N starts N local workers, tcp://HOST:8786 joins a running scheduler.")
@click.option("--shards", type=click.Path(file_okay=False), help="With --dask: folder for the Parquet shards, "
              "reachable by every worker and this machine (default: a temporary folder here).")
def run(paths: tuple[str, ...], db: str | None, model: str | None, workers: int | None, dask_address: str | None,
        shards: str | None) -> None:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from .runner import demo_corpus_path, run as run_job
    from .store import Store

    settings = _settings(db=db, model=model, workers=workers)
    targets = list(paths) or [demo_corpus_path()]
    if not paths:
        click.echo(f"No input given: coding the bundled demo corpus ({targets[0]}).", err=True)
    progress = Progress(TextColumn("coding"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        TextColumn("{task.description}"), console=err, disable=not err.is_terminal, transient=True)

    def on_item(source: str, failure) -> None:
        progress.advance(task)
        progress.update(task, description=Path(source).name[:40])
        if failure:
            click.echo(failure.line(), err=True)   # one unwrapped line per failure, for grep

    with Store(settings.db) as store, progress:
        task = progress.add_task("", total=None)
        if dask_address:
            from .dask_run import run_on_dask

            report = run_on_dask(targets, settings, store, dask_address, shard_dir=shards, on_item=on_item)
        else:
            report = run_job(targets, settings, store, on_item=on_item)
        summary = store.summary()
    _print_summary(report, summary, settings.db)
    sys.exit(1 if report.failures else 0)


def _print_summary(report, summary, db: str) -> None:
    t = Table(title=f"Accord run → {db}", show_header=False)
    t.add_row("articles stored now", str(report.stored))
    t.add_row("already stored (skipped)", str(report.skipped))
    t.add_row("event mentions coded now", str(report.events))
    t.add_row("failures", str(len(report.failures)))
    t.add_row("articles in store", str(summary.articles))
    t.add_row("event mentions in store", str(summary.mentions))
    t.add_row("events in store (fused)", str(summary.events))
    out.print(t)
    types = Table(title="Events by PLOVER type (store)")
    types.add_column("type")
    types.add_column("events", justify="right")
    for name, n in summary.by_type:
        types.add_row(name, str(n))
    out.print(types)
    dyads = Table(title="Top dyads (store)")
    for col in ("source", "target", "events", "mean Goldstein"):
        dyads.add_column(col, justify="right" if col in ("events", "mean Goldstein") else "left")
    for s, t_, n, g in summary.top_dyads:
        dyads.add_row(s or "?", t_ or "?", str(n), f"{g:+.2f}")
    out.print(dyads)
    if report.failures:
        f = Table(title="Failures (this run)")
        for col in ("input", "code", "reason"):
            f.add_column(col)
        for fail in report.failures:
            f.add_row(fail.source, fail.code, fail.reason)
        out.print(f)


@cli.command("eval", help="Score Accord on the gold sets in a shared/ folder (seed gold, PLOVER GSR).")
@click.option("--shared", type=click.Path(file_okay=False), envvar="ACCORD_SHARED",
              help="Folder holding gold/ and data/ (env ACCORD_SHARED).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines instead of a table.")
@click.option("--model", help="spaCy pipeline to load (setting: model).")
def eval_(shared: str | None, as_json: bool, model: str | None) -> None:
    from .evalquotes import evaluate_polnear, evaluate_seed_quotes
    from .evaluate import evaluate_plover, evaluate_seed
    from .pipeline import Pipeline

    if not shared:
        raise click.UsageError("give --shared DIR (the folder with gold/ and data/), or set ACCORD_SHARED")
    root = Path(shared)
    pipeline = Pipeline(_settings(model=model))
    rows = []
    seed_gold, seed = root / "gold" / "putin-kim-pact.json", root / "seed" / "putin-kim-pact.txt"
    if seed_gold.is_file() and seed.is_file():
        rows += evaluate_seed(pipeline, seed_gold, seed)
    if seed_gold.is_file() and seed.is_file():
        rows += evaluate_seed_quotes(pipeline, seed_gold, seed)
    plover = root / "data" / "plover-gsr-dev.jsonl"
    if plover.is_file():
        rows += evaluate_plover(pipeline, plover)
    polnear = root / "data" / "polnear-dev"
    if (polnear / "text").is_dir():
        rows += evaluate_polnear(pipeline, polnear)
    if not rows:
        raise click.UsageError(f"no gold sets found under {root}")
    if as_json:
        for r in rows:
            click.echo(json.dumps(r))
        return
    t = Table(title="accord eval")
    for col in ("task", "precision", "recall", "F1", "n"):
        t.add_column(col, justify="left" if col == "task" else "right")
    for r in rows:
        fmt = lambda k: f"{r[k]:.3f}" if k in r else ""  # noqa: E731
        t.add_row(r["task"], fmt("precision"), fmt("recall"), fmt("f1"), str(r.get("gold", "")))
    out.print(t)


def _table(rows: list[dict], columns: list[str], fmt: str) -> None:
    if fmt == "json":
        for r in rows:
            click.echo(json.dumps(r, ensure_ascii=False, default=str))
        return
    t = Table()
    for col in columns:
        t.add_column(col, overflow="fold")
    for r in rows:
        t.add_row(*("" if r.get(c) is None else str(r.get(c)) for c in columns))
    out.print(t)


@cli.command(help="List stored quotes: accord quotes --speaker RUS --contains sanctions.")
@click.option("--db", help="DuckDB file (setting: db).")
@click.option("--speaker", help="Speaker code or its start (RUS, RUSGOV, IGOUNO).")
@click.option("--contains", help="Words the quote contains.")
@click.option("--limit", type=click.IntRange(1, 100_000), default=100, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def quotes(db: str | None, speaker: str | None, contains: str | None, limit: int, fmt: str) -> None:
    from .store import Store

    with Store(_settings(db=db).db, read_only=True) as store:
        rows = store.quotes(speaker, contains, limit)
    _table(rows, ["published", "speaker", "speaker_text", "kind", "cue", "text"], fmt)


@cli.command(help="List stored numeric claims: accord claims --source KOR --unit containers.")
@click.option("--db", help="DuckDB file (setting: db).")
@click.option("--source", help="Source code or its start (KOR, USAGOV).")
@click.option("--unit", help="A word of the unit (containers, missiles, dollars).")
@click.option("--limit", type=click.IntRange(1, 100_000), default=100, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def claims(db: str | None, source: str | None, unit: str | None, limit: int, fmt: str) -> None:
    from .store import Store

    with Store(_settings(db=db).db, read_only=True) as store:
        rows = store.claims(source, unit, limit)
    _table(rows, ["published", "source", "qualifier", "value", "low", "high", "unit", "text"], fmt)


def _store(db: str | None):
    from .store import Store

    return Store(_settings(db=db).db, read_only=True)


@cli.command(help="A dyad over time: accord dyad RUS PRK --by month (both directions; --one-way for A->B).")
@click.argument("a")
@click.argument("b")
@click.option("--by", type=click.Choice(["day", "week", "month", "year"]), default="month", show_default=True)
@click.option("--since", help="First date, YYYY-MM-DD.")
@click.option("--until", help="Last date, YYYY-MM-DD.")
@click.option("--one-way", is_flag=True, help="Only events from A to B.")
@click.option("--db", help="DuckDB file (setting: db).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
def dyad(a: str, b: str, by: str, since: str | None, until: str | None, one_way: bool, db: str | None, fmt: str) -> None:
    from .analysis import change_flags, index, sparkline
    from .queries import dyad_series

    with _store(db) as store:
        cur = dyad_series(store.con, a, b, by, since, until, both_ways=not one_way)
        cols = [d[0] for d in cur.description]
        rows = [dict(zip(cols, r)) for r in cur.fetchall()]
    width = {"year": 4, "month": 7}.get(by, 10)
    for r in rows:
        r["period"] = str(r["period"])[:width]
        r["index"] = index(r)
    flags = {f.period: f for f in change_flags([r["index"] for r in rows], [r["period"] for r in rows])}
    for r in rows:
        r["flag"] = flags[r["period"]].direction if r["period"] in flags else ""
    if fmt != "table":
        _rows_out(rows, fmt)
        return
    _table(rows, ["period", "events", "verbal_coop", "material_coop", "verbal_conflict", "material_conflict",
                  "goldstein_sum", "goldstein_mean", "flag"], "table")
    out.print(f"{a.upper()}–{b.upper()} cooperation–conflict index by {by} (mean Goldstein): "
              f"{sparkline([r['index'] for r in rows])}")
    if flags:
        out.print("changes outside the trailing mean ± 2σ: " + ", ".join(f"{p} ({f.direction})" for p, f in flags.items()))


@cli.command(help="List fused events: accord events --dyad RUS,PRK --type AGREE --since 2024-01-01.")
@click.option("--actor", help="Actor code or its start, on either side.")
@click.option("--dyad", help="A,B: events from A to B.")
@click.option("--type", "ptype", help="PLOVER type.")
@click.option("--status", type=click.Choice(["asserted", "claimed", "intended", "hypothetical", "negated", "historical"]))
@click.option("--since", help="First date, YYYY-MM-DD.")
@click.option("--until", help="Last date, YYYY-MM-DD.")
@click.option("--limit", type=click.IntRange(1, 10_000_000), default=100, show_default=True)
@click.option("--db", help="DuckDB file (setting: db).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
def events(actor, dyad, ptype, status, since, until, limit, db, fmt) -> None:
    from .queries import EventFilter, events as query

    pair = None
    if dyad:
        parts = [p.strip() for p in dyad.split(",")]
        if len(parts) != 2 or not all(parts):
            raise click.BadParameter("give the dyad as A,B (for example RUS,PRK)", param_hint="--dyad")
        pair = (parts[0], parts[1])
    with _store(db) as store:
        cur = query(store.con, EventFilter(actor, pair, ptype, status, since, until), limit)
        cols = [d[0] for d in cur.description]
        rows = [dict(zip(cols, r)) for r in cur.fetchall()]
    if fmt == "table":
        _table(rows, ["date", "type", "source_code", "target_code", "status", "num_articles", "sentence"], "table")
    else:
        _rows_out(rows, fmt)


@cli.command(help="Most active actors or dyads: accord top actors | accord top dyads.")
@click.argument("what", type=click.Choice(["actors", "dyads"]))
@click.option("--limit", type=click.IntRange(1, 10_000), default=20, show_default=True)
@click.option("--db", help="DuckDB file (setting: db).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
def top(what: str, limit: int, db: str | None, fmt: str) -> None:
    from .queries import top_actors, top_dyads

    with _store(db) as store:
        cur = (top_actors if what == "actors" else top_dyads)(store.con, limit)
        cols = [d[0] for d in cur.description]
        rows = [dict(zip(cols, r)) for r in cur.fetchall()]
    if fmt == "table":
        _table(rows, cols, "table")
    else:
        _rows_out(rows, fmt)


@cli.command("export", help="Write the store in a format other tools read: gdelt, plover, parquet or csv.")
@click.argument("outdir", type=click.Path(file_okay=False))
@click.option("--format", "fmt", type=click.Choice(["gdelt", "plover", "parquet", "csv"]), required=True)
@click.option("--db", help="DuckDB file (setting: db).")
def export_(outdir: str, fmt: str, db: str | None) -> None:
    from .export import export

    with _store(db) as store:
        for path in export(store.con, fmt, Path(outdir)):
            click.echo(str(path))


def _rows_out(rows: list[dict], fmt: str) -> None:
    if fmt == "json":
        for r in rows:
            click.echo(json.dumps(r, ensure_ascii=False, default=str))
        return
    import csv as csvlib

    writer = csvlib.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else [])
    writer.writeheader()
    for r in rows:
        writer.writerow({k: ("" if v is None else v) for k, v in r.items()})


@cli.command(help="Open the dashboard over a store (read-only): accord serve --db accord.duckdb.")
@click.option("--db", help="DuckDB file (setting: db).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind; the default serves this machine only.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
def serve(db: str | None, host: str, port: int) -> None:
    import uvicorn

    from .web import create_app

    path = _settings(db=db).db
    with _store(path):     # fail now, clearly, if the store is missing, busy or too old
        pass
    click.echo(f"Accord dashboard on http://{host}:{port}/  (store {path}, read-only; Ctrl-C stops)", err=True)
    uvicorn.run(create_app(path), host=host, port=port, log_level="warning")


@cli.command(help="Write one self-contained HTML report on a dyad: accord report --dyad RUS PRK --out report.html.")
@click.option("--dyad", nargs=2, required=True, help="The two actors, e.g. --dyad RUS PRK.")
@click.option("--out", type=click.Path(dir_okay=False), required=True)
@click.option("--by", type=click.Choice(["week", "month", "year"]), default="month", show_default=True)
@click.option("--db", help="DuckDB file (setting: db).")
def report(dyad: tuple[str, str], out: str, by: str, db: str | None) -> None:
    import re

    from .web.report import build_report

    a, b = (x.upper() for x in dyad)
    if not all(re.fullmatch(r"[A-Z]{3,12}", x) for x in (a, b)):
        raise click.BadParameter("actor codes are 3 to 12 letters", param_hint="--dyad")
    path = _settings(db=db).db
    with _store(path):
        pass
    Path(out).write_text(build_report(path, a, b, by), encoding="utf-8")
    click.echo(out)


@cli.command(help="Resolve an actor string to a code: accord actor \"the Russian president\" --date 2024-06-19.")
@click.argument("text", required=False)
@click.option("--date", "date_", help="Date the string is read at (YYYY-MM-DD, default today).")
@click.option("--context", help="The sentence the string appears in.")
@click.option("--jsonl", "jsonl", type=click.File("r"), help="Read lines {id, text, date?, context?}; write one result each.")
@click.option("--model", help="spaCy pipeline to load (setting: model).")
def actor(text: str | None, date_: str | None, context: str | None, jsonl, model: str | None) -> None:
    from datetime import date

    from .pipeline import Pipeline
    from .resolve import resolve_actor

    if not text and jsonl is None:
        raise click.UsageError("give TEXT or --jsonl FILE")
    pipeline = Pipeline(_settings(model=model))

    def when(value: str | None):
        try:
            return date.fromisoformat(value) if value else None
        except ValueError:
            raise click.BadParameter(f"{value!r} is not a YYYY-MM-DD date") from None

    if jsonl is None:
        answer = resolve_actor(pipeline.nlp, pipeline.actors, text, when(date_), context)
        click.echo(json.dumps(answer.to_dict(), ensure_ascii=False))
        return
    for n, line in enumerate(jsonl, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            answer = resolve_actor(pipeline.nlp, pipeline.actors, str(row["text"]), when(row.get("date")), row.get("context"))
        except (ValueError, KeyError, TypeError) as exc:
            click.echo(f"line {n}: E008: {exc}", err=True)
            continue
        click.echo(json.dumps({"id": row.get("id"), **answer.to_dict()}, ensure_ascii=False))


@cli.group(help="The actor knowledge base.")
def kb() -> None:
    pass


@kb.command("check", help="Validate the knowledge base: conflicting aliases, unknown codes, overlapping tenures, future dates.")
def kb_check() -> None:
    from .kbcheck import check_knowledge

    problems = check_knowledge()
    for p in problems:
        click.echo(p)
    click.echo(f"{len(problems)} problem(s) found." if problems else "knowledge base OK")
    sys.exit(1 if problems else 0)


@cli.command(help="List the inputs that failed, with their error code and reason.")
@click.option("--db", help="DuckDB file (setting: db).")
@click.option("--code", "code_", help="Only this error code (E003, E006 ...).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
def failures(db: str | None, code_: str | None, fmt: str) -> None:
    with _store(db) as store:
        rows = store.failures(code_)
    if fmt == "table":
        _table(rows, ["code", "source", "reason", "failed_at"], "table")
    else:
        _rows_out(rows, fmt)


@cli.command(help="List every setting with its default and environment variable.")
def settings() -> None:
    t = Table(title="settings")
    for col in ("name", "default", "environment", "meaning"):
        t.add_column(col)
    for name, default, help_ in describe():
        t.add_row(name, str(default), f"ACCORD_{name.upper()}", help_)
    out.print(t)


if __name__ == "__main__":
    main()
