"""The read-only dashboard and JSON API over a store (FastAPI, Jinja templates, Chart.js shipped
in the package: no CDN, works offline).

Safety: the store is opened read-only for each request; every page is rendered by autoescaping
templates and served with a Content-Security-Policy that forbids inline script; every value from
a request is validated and bound as a SQL parameter; oversized or malformed parameters get a
4xx with a clear message; `accord serve` binds to 127.0.0.1 unless told otherwise.
"""
from __future__ import annotations

import csv
import io
import json
import re
import time
from importlib import resources
from typing import Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from ..analysis import change_flags, index
from ..errors import ConfigError
from ..queries import EventFilter, dyad_series, events as query_events, network, top_actors, top_dyads
from ..store import Store, StoreBusy

_CODE = re.compile(r"^[A-Za-z]{3,12}$")
_ID = re.compile(r"^[A-Za-z0-9_.:\-]{1,80}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
STATUSES = {"asserted", "claimed", "intended", "hypothetical", "negated", "historical"}


class RateLimit:
    """A token bucket per client address: `rate` requests a second on average, bursts of `burst`."""

    def __init__(self, rate: float, burst: int) -> None:
        self.rate, self.burst = rate, burst
        self.buckets: dict[str, tuple[float, float]] = {}

    def allow(self, client: str) -> bool:
        now = time.monotonic()
        tokens, last = self.buckets.get(client, (float(self.burst), now))
        tokens = min(self.burst, tokens + (now - last) * self.rate)
        if len(self.buckets) > 10_000:      # bounded memory: forget idle clients
            self.buckets.clear()
        if tokens < 1:
            self.buckets[client] = (tokens, now)
            return False
        self.buckets[client] = (tokens - 1, now)
        return True


def create_app(db: str, rate: float = 30.0, burst: int = 120) -> FastAPI:
    app = FastAPI(title="Accord", description="Event data from news: fused events, dyads, actors, quotes and claims.",
                  version="1")
    folder = resources.files("accord") / "web"
    app.mount("/static", StaticFiles(directory=str(folder / "static")), name="static")
    templates = Jinja2Templates(directory=str(folder / "templates"))

    limiter = RateLimit(rate, burst)

    @app.middleware("http")
    async def headers(request: Request, call_next):
        if int(request.headers.get("content-length") or 0) > 10_000 or len(str(request.url)) > 2_000:
            return JSONResponse({"detail": "request too large"}, status_code=413)
        if not limiter.allow(request.client.host if request.client else "-"):
            return JSONResponse({"detail": "too many requests: slow down"}, status_code=429,
                                headers={"Retry-After": "1", "Content-Security-Policy": CSP})
        if request.method not in ("GET", "HEAD"):
            return JSONResponse({"detail": "the dashboard is read-only"}, status_code=405)
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    def store() -> Store:
        try:
            return Store(db, read_only=True)
        except StoreBusy as exc:
            raise HTTPException(503, str(exc)) from None
        except ConfigError as exc:
            raise HTTPException(500, str(exc)) from None

    def rows(cursor) -> list[dict[str, Any]]:
        cols = [d[0] for d in cursor.description]
        return [dict(zip(cols, r)) for r in cursor.fetchall()]

    def page(request: Request, name: str, **context: Any) -> HTMLResponse:
        return templates.TemplateResponse(request, name, context)

    # -- JSON API ---------------------------------------------------------------------------
    @app.get("/api/dyad/{a}/{b}", summary="A dyad's series by period, with change flags")
    def api_dyad(a: str, b: str, by: str = Query("month", pattern="^(day|week|month|year)$"),
                 since: str | None = None, until: str | None = None, format: str = Query("json", pattern="^(json|csv)$")):
        series = _dyad(store, _code(a), _code(b), by, _date(since), _date(until))
        if format == "csv":
            return _csv(series["series"])
        return series

    @app.get("/api/events", summary="Fused events, filtered")
    def api_events(actor: str | None = None, dyad: str | None = None, type: str | None = None,
                   status: str | None = None, since: str | None = None, until: str | None = None,
                   limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0, le=10_000_000),
                   format: str = Query("json", pattern="^(json|csv)$")):
        f = _filter(actor, dyad, type, status, since, until)
        with store() as s:
            found = rows(query_events(s.con, f, limit, offset))
        return _csv(found) if format == "csv" else {"events": _plain(found), "limit": limit, "offset": offset}

    @app.get("/api/actors/top", summary="Most active actors")
    def api_top_actors(limit: int = Query(20, ge=1, le=500), format: str = Query("json", pattern="^(json|csv)$")):
        with store() as s:
            found = rows(top_actors(s.con, limit))
        return _csv(found) if format == "csv" else {"actors": found}

    @app.get("/api/dyads/top", summary="Most active dyads")
    def api_top_dyads(limit: int = Query(20, ge=1, le=500), format: str = Query("json", pattern="^(json|csv)$")):
        with store() as s:
            found = rows(top_dyads(s.con, limit))
        return _csv(found) if format == "csv" else {"dyads": found}

    @app.get("/api/quotes", summary="Stored quotes, by speaker and words")
    def api_quotes(speaker: str | None = None, contains: str | None = Query(None, max_length=200),
                   limit: int = Query(100, ge=1, le=1000), format: str = Query("json", pattern="^(json|csv)$")):
        with store() as s:
            found = _plain(s.quotes(_code(speaker) if speaker else None, contains, limit))
        return _csv(found) if format == "csv" else {"quotes": found}

    @app.get("/api/claims", summary="Stored numeric claims, by source and unit")
    def api_claims(source: str | None = None, unit: str | None = Query(None, max_length=60),
                   limit: int = Query(100, ge=1, le=1000), format: str = Query("json", pattern="^(json|csv)$")):
        with store() as s:
            found = _plain(s.claims(_code(source) if source else None, unit, limit))
        return _csv(found) if format == "csv" else {"claims": found}

    @app.get("/api/articles/{article_id}", summary="One article with its actors, events and quotes")
    def api_article(article_id: str):
        with store() as s:
            result = s.article_result(_id(article_id))
        if result is None:
            raise HTTPException(404, "no such article")
        return result

    @app.get("/api/events/{event_id}", summary="One fused event and every report of it")
    def api_event(event_id: str):
        with store() as s:
            found = s.fused_event(_id(event_id))
        if found is None:
            raise HTTPException(404, "no such event")
        return _plain(found)

    # -- pages ------------------------------------------------------------------------------
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def overview(request: Request):
        with store() as s:
            summary = s.summary()
            by_type_month = rows(s.con.execute(
                "SELECT strftime(date_trunc('month', date), '%Y-%m') AS period, type, count(*) AS n FROM events "
                "WHERE date IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2"))
            latest = rows(query_events(s.con, EventFilter(), 20, max(summary.events - 20, 0)))
            actors = rows(top_actors(s.con, 10))
            dyads = rows(top_dyads(s.con, 10))
        return page(request, "overview.html", summary=summary, latest=latest, actors=actors, dyads=dyads,
                    chart=_plain(by_type_month))

    @app.get("/dyad/{a}/{b}", response_class=HTMLResponse, include_in_schema=False)
    def dyad_page(request: Request, a: str, b: str, by: str = Query("month", pattern="^(day|week|month|year)$"),
                  type: str | None = None, status: str | None = None, claimant: str | None = None):
        a, b = _code(a), _code(b)
        series = _dyad(store, a, b, by, None, None)
        f = _filter(None, f"{a},{b}", type, status, None, None)
        with store() as s:
            found = rows(query_events(s.con, f, 500))
            found += rows(query_events(s.con, _filter(None, f"{b},{a}", type, status, None, None), 500))
        if claimant:
            found = [e for e in found if claimant.upper() in (e.get("claimants") or "")]
        found.sort(key=lambda e: (str(e["date"]), e["id"]))
        with store() as s:
            roots = s.root_mentions([e["id"] for e in found])
        for e in found:
            root = roots.get(e["id"], {})
            e["article_id"] = root.get("article_id")
            e["pieces"] = _marked_sentence(e["sentence"] or "", [(root.get("source_text"), "actor"),
                                                                  (root.get("target_text"), "actor"),
                                                                  (root.get("trigger"), "trigger")])
        return page(request, "dyad.html", a=a, b=b, by=by, series=series, events=found, type=type or "",
                    status=status or "", claimant=claimant or "", chart=_plain(series))

    @app.get("/actor/{code}", response_class=HTMLResponse, include_in_schema=False)
    def actor_page(request: Request, code: str):
        code = _code(code)
        with store() as s:
            edges = [e for e in rows(network(s.con)) if code in (e["source"], e["target"])]
            quotes = s.quotes(code, None, 50)
            claims = s.claims(code, None, 50)
        return page(request, "actor.html", code=code, edges=edges, quotes=quotes, claims=claims,
                    chart=_plain(edges))

    @app.get("/article/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, article_id: str):
        with store() as s:
            result = s.article_result(_id(article_id))
        if result is None:
            raise HTTPException(404, "no such article")
        return page(request, "article.html", r=result, pieces=_highlight(result))

    @app.get("/event/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(request: Request, event_id: str):
        with store() as s:
            found = s.fused_event(_id(event_id))
        if found is None:
            raise HTTPException(404, "no such event")
        return page(request, "event.html", e=found)

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search(request: Request, q: str = Query("", max_length=200)):
        hits = {"articles": [], "quotes": []}
        if q.strip():
            with store() as s:
                hits = s.search(q.strip(), 50)
        return page(request, "search.html", q=q, hits=hits)

    return app


# -- validation and helpers -----------------------------------------------------------------
def _code(value: str) -> str:
    if not _CODE.match(value or ""):
        raise HTTPException(422, f"not an actor code: {value[:40]!r} (letters only, 3 to 12)")
    return value.upper()


def _id(value: str) -> str:
    if not _ID.match(value or ""):
        raise HTTPException(422, "not an id")
    return value


def _date(value: str | None) -> str | None:
    if value and not _DATE.match(value):
        raise HTTPException(422, f"not a YYYY-MM-DD date: {value[:20]!r}")
    return value or None


def _filter(actor, dyad, ptype, status, since, until) -> EventFilter:
    pair = None
    if dyad:
        parts = dyad.split(",")
        if len(parts) != 2:
            raise HTTPException(422, "dyad must be A,B")
        pair = (_code(parts[0].strip()), _code(parts[1].strip()))
    if status and status not in STATUSES:
        raise HTTPException(422, f"status must be one of {', '.join(sorted(STATUSES))}")
    if ptype and not re.fullmatch(r"[A-Za-z]{3,12}", ptype):
        raise HTTPException(422, "not a PLOVER type")
    return EventFilter(_code(actor) if actor else None, pair, ptype, status, _date(since), _date(until))


def _dyad(store_factory, a: str, b: str, by: str, since: str | None, until: str | None) -> dict[str, Any]:
    with store_factory() as s:
        cur = dyad_series(s.con, a, b, by, since, until)
        cols = [d[0] for d in cur.description]
        found = [dict(zip(cols, r)) for r in cur.fetchall()]
    series = []
    for r in found:
        series.append({"period": str(r["period"])[:10], "events": r["events"], "goldstein_sum": r["goldstein_sum"],
                       "goldstein_mean": r["goldstein_mean"], "index": index(r),
                       "quad": {"verbal_cooperation": r["verbal_coop"], "material_cooperation": r["material_coop"],
                                "verbal_conflict": r["verbal_conflict"], "material_conflict": r["material_conflict"]}})
    flags = change_flags([s["index"] for s in series], [s["period"] for s in series])
    return {"dyad": [a, b], "by": by, "series": series,
            "flags": [{"period": f.period, "value": f.value, "mean": f.mean, "sd": f.sd, "direction": f.direction}
                      for f in flags]}


def _plain(value: Any) -> Any:
    """JSON-safe: dates as ISO strings."""
    return json.loads(json.dumps(value, default=str))


def _csv(found: list[dict[str, Any]]) -> Response:
    buffer = io.StringIO()
    flat = [{k: (json.dumps(v) if isinstance(v, (dict, list)) else v) for k, v in r.items()} for r in found]
    writer = csv.DictWriter(buffer, fieldnames=list(flat[0]) if flat else ["empty"])
    writer.writeheader()
    writer.writerows(flat)
    return Response(buffer.getvalue(), media_type="text/csv",
                    headers={"Content-Disposition": "attachment; filename=accord.csv"})


def _marked_sentence(sentence: str, words: list[tuple[str | None, str]]) -> list[tuple[str, str]]:
    """The evidence sentence cut into (kind, text) pieces with the actors and the trigger marked;
    the template escapes every piece."""
    marks = []
    for word, kind in words:
        if word:
            at = sentence.find(word)
            if at >= 0:
                marks.append((at, at + len(word), kind))
    return _pieces(sentence, marks)


def _pieces(text: str, marks: list[tuple[int, int, str]]) -> list[tuple[str, str]]:
    pieces, pos = [], 0
    for start, end, kind in sorted(marks):
        if start < pos:
            continue      # overlapping marks: the first one wins
        pieces.append(("plain", text[pos:start]))
        pieces.append((kind, text[start:end]))
        pos = end
    pieces.append(("plain", text[pos:]))
    return pieces


def _highlight(result: dict[str, Any]) -> list[tuple[str, str]]:
    """The article text cut into (kind, text) pieces: actors and quotes marked, the rest plain.
    The template escapes every piece; nothing from the article is ever trusted as markup."""
    text = result["article"]["text"]
    marks = [(a["start"], a["end"], "actor") for a in result.get("actors", [])]
    marks += [(q["start"], q["end"], "quote") for q in result.get("quotes", []) if q.get("kind") == "direct"]
    for e in result.get("events", []):     # the trigger word inside its sentence
        at = text.find(e.get("trigger") or "\0", e["start"], e["end"])
        if at >= 0:
            marks.append((at, at + len(e["trigger"]), "trigger"))
    return _pieces(text, marks)
