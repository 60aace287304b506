"""`accord eval`: score the system on the gold sets (rules: DESIGN.md section 4, README "Evaluation").

Events are compared per article (seed gold) or per sentence (PLOVER GSR) on the key
(source, target, type), each actor cut to its first three letters: the country, IGO/NGO, or
the bloc.  Symmetric gold events match in either direction.  A gold event whose target is
empty and whose source lists several actors ("Jordan and Britain agreed") is a joint event: a
predicted pair of two of those actors matches it.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .ingest import make_document, read_file
from .model import ArticleResult, RawDocument
from .pipeline import Pipeline

# Older CAMEO country codes that the PLOVER GSR set still uses, mapped to ISO alpha-3.
_OLD_CODES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VAT"}
_SPACE = re.compile(r"\s+")


@dataclass
class Score:
    name: str
    tp: int = 0
    predicted: int = 0
    gold: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"task": self.name, "precision": round(self.precision, 3), "recall": round(self.recall, 3),
                "f1": round(self.f1, 3), "tp": self.tp, "predicted": self.predicted, "gold": self.gold, **self.extra}


def actor_key(code: str | None) -> str:
    code = (code or "").strip()[:3]
    return _OLD_CODES.get(code, code)


def event_keys(result: ArticleResult) -> set[tuple[str, str, str]]:
    return {(actor_key(e.source.code), actor_key(e.target.code if e.target else ""), e.type) for e in result.events}


@dataclass(frozen=True)
class GoldEvent:
    sources: frozenset[str]
    targets: frozenset[str]
    types: frozenset[str]
    symmetric: bool
    core: bool = True

    def matches(self, key: tuple[str, str, str]) -> bool:
        s, t, ptype = key
        if ptype not in self.types:
            return False
        if s in self.sources and t in self.targets:
            return True
        if self.symmetric and t in self.sources and s in self.targets:
            return True
        if not self.targets and s in self.sources and (t == "" or t in self.sources):
            return True
        return False


def evaluate_seed(pipeline: Pipeline, gold_path: Path, article_path: Path) -> list[dict[str, Any]]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    item = next(iter(read_file(article_path, pipeline.settings.max_input_bytes)))
    outcome = next(iter(pipeline.process([item])))
    if outcome.result is None:
        raise RuntimeError(f"the seed article failed: {outcome.failure}")
    result = outcome.result
    golds = [GoldEvent(frozenset({actor_key(e["source"])}), frozenset({actor_key(e["target"])}),
                       frozenset(e["types"]), bool(e.get("symmetric")), bool(e.get("core"))) for e in gold["events"]]
    keys = event_keys(result)
    core = [g for g in golds if g.core]
    events = Score("seed events (core recall, precision over core+optional)")
    events.predicted = len(keys)
    events.tp = sum(1 for k in keys if any(g.matches(k) for g in golds))
    found = sum(1 for g in core if any(g.matches(k) for k in keys))
    events.gold = len(core)
    events.extra = {"core_found": found, "recall": round(found / len(core), 3)}
    article = result.article
    removed = {_norm(x) for x in article.removed}
    boiler = gold["boilerplate_lines"]
    bp = Score("seed boilerplate lines removed", tp=sum(1 for b in boiler if _norm(b) in removed),
               predicted=len(removed), gold=len(boiler))
    meta = gold["metadata"]
    md = Score("seed metadata (title, author)",
               tp=int(article.title == meta["title"]) + int(article.author == meta["author"]), predicted=2, gold=2)
    right = sum(1 for a in gold["actors"] if a["code"] in _codes_for(a["text"], result))
    actors = Score("seed actors (accuracy)", tp=right, predicted=len(gold["actors"]), gold=len(gold["actors"]))
    return [_row(events, recall=found / len(core)), _claimants(gold, golds, result), bp.as_dict(), md.as_dict(),
            actors.as_dict()]


def _claimants(gold: dict[str, Any], golds: list[GoldEvent], result: ArticleResult) -> dict[str, Any]:
    """For gold events only claimed by someone: are all claimants named by the matching events?"""
    expected = found = 0
    missing = []
    for raw, g in zip(gold["events"], golds):
        wanted = {actor_key(c) for c in raw.get("claimed_by") or ()}
        if not wanted:
            continue
        named = {actor_key(e.claimed_by.code) for e in result.events if e.claimed_by
                 and g.matches((actor_key(e.source.code), actor_key(e.target.code if e.target else ""), e.type))}
        expected += len(wanted)
        found += len(wanted & named)
        missing += [f"{raw['id']}:{c}" for c in sorted(wanted - named)]
    return {"task": "seed claimants of claimed events", "recall": round(found / expected, 3) if expected else 1.0,
            "tp": found, "gold": expected, "missing": missing}


def _row(score: Score, recall: float) -> dict[str, Any]:
    d = score.as_dict()
    d["recall"] = round(recall, 3)
    p = score.precision
    d["f1"] = round(2 * p * recall / (p + recall), 3) if p + recall else 0.0
    return d


def _codes_for(text: str, result: ArticleResult) -> set[str]:
    """Codes given to a gold actor string: mentions with exactly that text, else mentions that
    contain it as whole words ("Vladimir Putin" inside "Russian President Vladimir Putin")."""
    exact = {m.actor.code for m in result.mentions if m.actor.text == text}
    if exact:
        return exact
    word = re.compile(rf"(?<!\w){re.escape(text)}(?!\w)")
    return {m.actor.code for m in result.mentions if word.search(m.actor.text)}


def _norm(line: str) -> str:
    return _SPACE.sub(" ", line.replace("\xa0", " ")).strip()


def load_plover(path: Path) -> list[dict[str, Any]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            if r.get("evaluate", True):
                rows.append(r)
    return rows


def _split(codes: str | None) -> frozenset[str]:
    return frozenset(actor_key(c) for c in (codes or "").split(";") if c.strip() and c.strip() != "---")


def evaluate_plover(pipeline: Pipeline, path: Path) -> list[dict[str, Any]]:
    rows = load_plover(path)
    docs: list[RawDocument] = [make_document(r["text"].encode("utf-8"), f"{path}:{r['id']}", "text", id=r["id"],
                                             date=r.get("date")) for r in rows]
    results = {o.result.article.id: o.result for o in pipeline.process(docs) if o.result}
    tp = predicted = gold_n = found = type_hits = source_hits = 0
    for r in rows:
        golds = [GoldEvent(_split(e["source"]), _split(e["target"]), frozenset({e["plover"]}), False) for e in r["events"]]
        result = results.get(r["id"])
        keys = event_keys(result) if result else set()
        predicted += len(keys)
        tp += sum(1 for k in keys if any(g.matches(k) for g in golds))
        gold_n += len(golds)
        found += sum(1 for g in golds if any(g.matches(k) for k in keys))
        types = {k[2] for k in keys}
        type_hits += sum(1 for g in golds if g.types & types)
        countries = {a.actor.country[:3] for a in (result.mentions if result else ()) if a.actor.country}
        countries |= {k[0] for k in keys}
        source_hits += sum(1 for g in golds if g.sources & countries)
    p = tp / predicted if predicted else 0.0
    rec = found / gold_n if gold_n else 0.0
    f1 = 2 * p * rec / (p + rec) if p + rec else 0.0
    return [
        {"task": "plover-gsr events (source, target, type)", "precision": round(p, 3), "recall": round(rec, 3),
         "f1": round(f1, 3), "tp": tp, "predicted": predicted, "gold": gold_n, "sentences": len(rows)},
        {"task": "plover-gsr type recall", "recall": round(type_hits / gold_n, 3) if gold_n else 0.0, "gold": gold_n},
        {"task": "plover-gsr source country found", "recall": round(source_hits / gold_n, 3) if gold_n else 0.0,
         "gold": gold_n},
    ]
