"""`accord report`: one self-contained HTML file on a dyad (data, chart and styles inlined, no
script and no network), for a journalist to attach to an email."""
from __future__ import annotations

from datetime import date
from importlib import resources
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..analysis import change_flags, index
from ..queries import EventFilter, dyad_series, events
from ..store import Store


def svg_line(values: list[float], labels: list[str], flags: set[str], width: int = 760, height: int = 220) -> dict[str, Any]:
    """Points of the index chart in SVG coordinates (-10..10 mapped to the height)."""
    n = max(len(values), 1)
    step = (width - 60) / max(n - 1, 1)
    y = lambda v: 10 + (10 - v) / 20 * (height - 40)  # noqa: E731
    points = [{"x": round(40 + i * step, 1), "y": round(y(v), 1), "label": labels[i], "value": v,
               "flag": labels[i] in flags} for i, v in enumerate(values)]
    return {"width": width, "height": height, "points": points, "zero": round(y(0), 1),
            "path": " ".join(f"{p['x']},{p['y']}" for p in points)}


def build_report(db: str, a: str, b: str, by: str = "month") -> str:
    with Store(db, read_only=True) as store:
        cur = dyad_series(store.con, a, b, by)
        cols = [d[0] for d in cur.description]
        series = [dict(zip(cols, r)) for r in cur.fetchall()]
        cur = events(store.con, EventFilter(dyad=(a, b)), 2000)
        ev_cols = [d[0] for d in cur.description]
        found = [dict(zip(ev_cols, r)) for r in cur.fetchall()]
        cur = events(store.con, EventFilter(dyad=(b, a)), 2000)
        found += [dict(zip(ev_cols, r)) for r in cur.fetchall()]
        quotes_a = store.quotes(a, None, 8)
        quotes_b = store.quotes(b, None, 8)
    labels = [str(r["period"])[:7 if by == "month" else 10] for r in series]
    values = [index(r) for r in series]
    flags = {f.period: f.direction for f in change_flags(values, labels)}
    key = sorted(found, key=lambda e: (-(e["num_articles"] or 0), -abs(e["goldstein"] or 0), str(e["date"])))[:15]
    key.sort(key=lambda e: str(e["date"]))
    env = Environment(loader=FileSystemLoader(str(resources.files("accord") / "web" / "templates")),
                      autoescape=select_autoescape(["html"]))
    return env.get_template("report.html").render(
        a=a, b=b, by=by, series=series, labels=labels, chart=svg_line(values, labels, set(flags)), flags=flags,
        key_events=key, quotes_a=quotes_a, quotes_b=quotes_b, made=date.today().isoformat(), total=len(found))
