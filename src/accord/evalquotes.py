"""`accord eval` for quotes and numeric claims: the seed gold and PolNeAR attribution relations.

PolNeAR rules (shared data README): a predicted quote matches a gold relation when their content
spans overlap by at least half of the shorter one; the speaker is right when the predicted
speaker span overlaps the gold Source span.  One annotator file per text (the first by name).
Gold relations whose content sits inside quotation marks count as direct, the rest as indirect.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .evaluate import actor_key
from .ingest import read_file
from .model import Article, ArticleResult
from .pipeline import Pipeline

_SPACE = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text.replace("’", "'").replace("“", '"').replace("”", '"')).strip().lower()


def evaluate_seed_quotes(pipeline: Pipeline, gold_path: Path, article_path: Path) -> list[dict[str, Any]]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    item = next(iter(read_file(article_path, pipeline.settings.max_input_bytes)))
    result = next(iter(pipeline.process([item]))).result
    found = right = 0
    missing = []
    for g in gold["quotes"]:
        start = _norm(g["starts"])
        hits = [q for q in result.quotes if _norm(q["text"]).startswith(start) or start in _norm(q["text"])]
        found += bool(hits)
        ok = any(actor_key((q["speaker"] or {}).get("code")) == actor_key(g["speaker"]) for q in hits)
        right += ok
        if not ok:
            missing.append(g["starts"][:40])
    claims_found = claims_right = 0
    for g in gold["claims"]:
        hits = [c for c in result.claims if g["quantity"] in c["text"] and c["unit"] and
                (_norm(g["unit"]) in _norm(c["unit"]) or _norm(c["unit"]) in _norm(g["unit"]))]
        claims_found += bool(hits)
        claims_right += any(actor_key((c["source"] or {}).get("code")) == actor_key(g["source"]) for c in hits)
    n, m = len(gold["quotes"]), len(gold["claims"])
    return [
        {"task": "seed quotes found", "recall": round(found / n, 3), "tp": found, "gold": n},
        {"task": "seed quotes with the right speaker", "recall": round(right / n, 3), "tp": right, "gold": n,
         "missing": missing},
        {"task": "seed numeric claims found", "recall": round(claims_found / m, 3), "tp": claims_found, "gold": m},
        {"task": "seed numeric claims with the right source", "recall": round(claims_right / m, 3), "tp": claims_right,
         "gold": m},
    ]


@dataclass(frozen=True)
class GoldRelation:
    content: tuple[int, int]
    source: tuple[int, int] | None
    direct: bool


def _span(field: str) -> tuple[int, int]:
    numbers = [int(x) for x in re.findall(r"\d+", field)]
    return min(numbers), max(numbers)


def read_ann(path: Path, text: str) -> list[GoldRelation]:
    spans: dict[str, tuple[int, int]] = {}
    relations = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            tid, field, _ = line.split("\t", 2)
            spans[tid] = _span(field.split(" ", 1)[1])
        elif line.startswith("E"):
            parts = dict(p.split(":", 1) for p in line.split("\t", 1)[1].split())
            if "Content" not in parts or parts["Content"] not in spans:
                continue
            content = spans[parts["Content"]]
            source = spans.get(parts.get("Source", ""))
            before = text[max(0, content[0] - 2):content[0]]
            inner = text[content[0]:content[0] + 1]
            direct = any(q in before + inner for q in "\"“")
            relations.append(GoldRelation(content, source, direct))
    return relations


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def evaluate_polnear(pipeline: Pipeline, folder: Path, limit: int | None = None) -> list[dict[str, Any]]:
    texts = sorted((folder / "text").glob("*.txt"))[:limit]
    counts = {k: [0, 0, 0, 0, 0] for k in ("all", "direct", "indirect")}   # tp_pred, pred, tp_gold, gold, right speaker
    articles, golds = [], []
    for path in texts:
        anns = sorted((folder / "attributions").glob(path.stem + "_*.ann"))
        if not anns:
            continue
        raw = path.read_text(encoding="utf-8")
        articles.append(_raw_article(path, raw))
        golds.append(read_ann(anns[0], raw))
    results = pipeline.code_articles(articles)
    for article, result, gold in zip(articles, results, golds):
        predicted = _predicted_spans(article, result)
        _score(predicted, gold, counts)
    rows = []
    for kind, (tp_pred, pred, tp_gold, n_gold, right) in counts.items():
        p = tp_pred / pred if pred else 0.0
        r = tp_gold / n_gold if n_gold else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        rows.append({"task": f"polnear {kind} quotes: content spans", "precision": round(p, 3), "recall": round(r, 3),
                     "f1": round(f1, 3), "gold": n_gold, "predicted": pred})
        rows.append({"task": f"polnear {kind} quotes: speaker accuracy (matched)",
                     "recall": round(right / tp_gold, 3) if tp_gold else 0.0, "gold": tp_gold})
    return rows


def _raw_article(path: Path, raw: str) -> Article:
    """The file's lines as paragraphs, keeping where each starts in the raw text."""
    paragraphs, starts = [], []
    pos = 0
    for line in raw.split("\n"):
        if line.strip():
            lead = len(line) - len(line.lstrip())
            paragraphs.append(line.strip())
            starts.append(pos + lead)
        pos += len(line) + 1
    article = Article(id=path.stem, source=str(path), text="\n\n".join(paragraphs), paragraphs=tuple(paragraphs))
    object.__setattr__(article, "_raw_starts", tuple(starts))
    return article


def _to_raw(article: Article, offset: int) -> int:
    """An offset in article.text back to the raw file."""
    starts = getattr(article, "_raw_starts")
    pos = 0
    for para, raw_start in zip(article.paragraphs, starts):
        if offset <= pos + len(para):
            return raw_start + (offset - pos)
        pos += len(para) + 2
    return offset


def _predicted_spans(article: Article, result: ArticleResult):
    out = []
    for q in result.quotes:
        content = (_to_raw(article, q["start"]), _to_raw(article, q["end"]))
        sp = q.get("speaker")
        speaker = (_to_raw(article, sp["start"]), _to_raw(article, sp["end"])) if sp else None
        out.append((content, speaker, q["kind"] != "indirect"))
    return out


def _score(predicted, gold: list[GoldRelation], counts) -> None:
    used: set[int] = set()
    for kind in ("all", "direct", "indirect"):
        golds = [g for g in gold if kind == "all" or g.direct == (kind == "direct")]
        preds = [p for p in predicted if kind == "all" or p[2] == (kind == "direct")]
        c = counts[kind]
        c[1] += len(preds)
        c[3] += len(golds)
        taken: set[int] = set()
        for p_content, p_speaker, _ in preds:
            best = None
            for i, g in enumerate(golds):
                if i in taken:
                    continue
                shorter = min(p_content[1] - p_content[0], g.content[1] - g.content[0])
                if shorter > 0 and _overlap(p_content, g.content) * 2 >= shorter:
                    best = i
                    break
            if best is None:
                continue
            taken.add(best)
            c[0] += 1
            c[2] += 1
            g = golds[best]
            if g.source and p_speaker and _overlap(p_speaker, g.source) > 0:
                c[4] += 1
    del used
