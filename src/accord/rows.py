"""The rows each store table gets for coded articles (plain Python; store.py writes them)."""
from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from .model import ArticleResult


def table_rows(results: list[ArticleResult], now: datetime) -> dict[str, list[list[Any]]]:
    """The rows of each table for these articles, keyed by the INSERT statement that writes them."""
    rows: dict[str, list[list[Any]]] = {"INSERT INTO articles VALUES": [], "INSERT INTO actor_mentions VALUES": [],
                                        "INSERT INTO event_mentions VALUES": [],
                                        "INSERT INTO quotes VALUES": [], "INSERT INTO claims VALUES": []}
    for result in results:
        a = result.article
        rows["INSERT INTO articles VALUES"].append(
            [a.id, a.content_hash, a.source, a.url, a.title, a.author, _date(a.published), a.section, a.site,
             a.language, a.text, json.dumps(list(a.removed)), json.dumps(result.to_dict()), now])
        rows["INSERT INTO actor_mentions VALUES"] += [
            [a.id, n, m.actor.text, m.actor.code, m.actor.country, m.actor.sector, m.actor.name, m.start, m.end]
            for n, m in enumerate(result.mentions)]
        rows["INSERT INTO event_mentions VALUES"] += [
            [e.id, a.id, e.type, e.mode, ",".join(e.context), e.cameo, e.quad_class, e.goldstein,
             e.source.code, e.source.country, e.source.name, e.source.text,
             e.target.code if e.target else None, e.target.country if e.target else None,
             e.target.name if e.target else None, e.target.text if e.target else None,
             e.status, e.claimed_by.code if e.claimed_by else None, _date(e.date), e.date_text,
             e.sentence, e.start, e.end, e.trigger, e.confidence, e.date_precision,
             json.dumps(dict(e.size)) if e.size else None, e.place, e.place_country] for e in result.events]
        rows["INSERT INTO quotes VALUES"] += [
            [a.id, n, q["kind"], q["text"], q["cue"], (q["speaker"] or {}).get("code") or None,
             (q["speaker"] or {}).get("name"), (q["speaker"] or {}).get("text"), q["start"], q["end"],
             q["confidence"]] for n, q in enumerate(result.quotes)]
        rows["INSERT INTO claims VALUES"] += [
            [a.id, n, c["text"], c["value"], (c["range"] or [None, None])[0], (c["range"] or [None, None])[1],
             c["unit"], c["qualifier"], (c["source"] or {}).get("code"), (c["source"] or {}).get("name"),
             c["sentence"], c["start"], c["end"]] for n, c in enumerate(result.claims)]
    return rows


def _date(value: str | None) -> str | None:
    if not value:
        return None
    return value[:10] if len(value) >= 10 and value[4] == "-" else None
