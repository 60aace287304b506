"""Where the time goes: spaCy parsing, actor resolution and event coding, measured separately
over the Wikinews articles of the evaluation folder (one process, model already loaded).

    python bench/bench_stages.py --shared ../shared [--limit N]
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_code import load_articles  # noqa: E402

from accord.actors import ArticleContext  # noqa: E402
from accord.clean import clean  # noqa: E402
from accord.coding import SentenceContext  # noqa: E402
from accord.ingest import make_document  # noqa: E402
from accord.pipeline import Pipeline, _as_date  # noqa: E402
from accord.settings import load_settings  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.environ.get("ACCORD_SHARED"))
    ap.add_argument("--limit", type=int)
    args = ap.parse_args()
    if not args.shared:
        sys.exit("give --shared DIR holding data/wikinews-en")
    pipeline = Pipeline(load_settings())
    articles = []
    for row in load_articles(Path(args.shared), args.limit):
        try:
            articles.append(clean(make_document(row["text"].encode(), row["id"], "text", date=row["date"]), 10**7))
        except Exception:
            continue
    t0 = time.perf_counter()
    docs = [list(pipeline.nlp.pipe(a.paragraphs, batch_size=16)) for a in articles]
    parse = time.perf_counter() - t0
    resolve = code = 0.0
    events = 0
    for article, pdocs in zip(articles, docs):
        ctx = ArticleContext(when=_as_date(article.published))
        offset = 0
        for paragraph, doc in zip(article.paragraphs, pdocs):
            t1 = time.perf_counter()
            found = pipeline.actors.resolve(doc, ctx)
            t2 = time.perf_counter()
            for sent in doc.sents:
                events += len(pipeline.coder.code(sent, found, SentenceContext(article.id, article.published, offset)))
            t3 = time.perf_counter()
            resolve += t2 - t1
            code += t3 - t2
            offset += len(paragraph) + 2
    total = parse + resolve + code
    print(f"{len(articles)} articles, {events} events")
    for name, s in (("spaCy parse", parse), ("actor resolution", resolve), ("event coding", code)):
        print(f"{name:18} {s:7.2f} s  {100 * s / total:5.1f}%")
    print(f"actor resolution adds {100 * resolve / parse:.1f}% to parsing time")


if __name__ == "__main__":
    main()
