"""The stages in order: ingest -> clean -> nlp -> actors -> coding.  ``Pipeline`` loads the
model, knowledge base and lexicon once; ``process`` codes a stream of documents in batches."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from typing import Iterable, Iterator

from .actors import ActorResolver, ArticleContext
from .clean import clean
from .coding import EventCoder, SentenceContext
from .errors import ErrorCode, ItemError
from .knowledge import load_knowledge
from .lexicon import load_lexicon
from .model import Article, ArticleResult, Failure, Mention, RawDocument
from .nlp import load_pipeline, phrase_matcher
from .ontology import load_ontology
from .settings import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outcome:
    """What happened to one input item: a result or a failure, never both."""

    source: str
    result: ArticleResult | None = None
    failure: Failure | None = None


class Pipeline:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        kb = load_knowledge()
        self.nlp = load_pipeline(settings.model, kb.hyphenated_roles)
        self.actors = ActorResolver(kb, lambda phrases: phrase_matcher(self.nlp, phrases))
        self.coder = EventCoder(load_lexicon(), load_ontology())

    def process(self, items: Iterable[RawDocument | ItemError], default_date: str | None = None) -> Iterator[Outcome]:
        """Code every item; bad items become failures and the stream goes on."""
        batch: list[Article] = []
        for item in items:
            if isinstance(item, ItemError):
                yield _failed(item)
                continue
            try:
                article = clean(item, self.settings.max_article_chars)
            except ItemError as err:
                yield _failed(err.at(item.source))
                continue
            if default_date and not article.published:
                article = _with_date(article, default_date)
            batch.append(article)
            if len(batch) >= self.settings.batch_size:
                yield from self._code_batch(batch)
                batch = []
        if batch:
            yield from self._code_batch(batch)

    def code_article(self, article: Article) -> ArticleResult:
        return next(self._code_batch([article])).result  # type: ignore[return-value]

    def _code_batch(self, articles: list[Article]) -> Iterator[Outcome]:
        texts = [p for a in articles for p in a.paragraphs]
        docs = iter(self.nlp.pipe(texts, batch_size=self.settings.batch_size, n_process=self.settings.workers))
        for article in articles:
            paragraph_docs = [next(docs) for _ in article.paragraphs]
            try:
                yield Outcome(article.source, result=self._code_parsed(article, paragraph_docs))
            except Exception as exc:   # a bug must not cost the rest of the batch; report it
                log.exception("internal error on %s", article.source)
                yield _failed(ItemError(ErrorCode.INTERNAL, f"{type(exc).__name__}: {exc}", article.source))

    def _code_parsed(self, article: Article, docs: list) -> ArticleResult:
        when = _as_date(article.published)
        ctx = ArticleContext(when=when, date_known=bool(article.published))
        mentions: list[Mention] = []
        events = []
        offset = 0
        for paragraph, doc in zip(article.paragraphs, docs):
            found = self.actors.resolve(doc, ctx)
            for m in found.mentions:
                if m.public:
                    span = doc[m.start:m.end]
                    mentions.append(Mention(m.actor, offset + span.start_char, offset + span.end_char))
            sctx = SentenceContext(article.id, article.published, offset)
            for sent in doc.sents:
                events.extend(self.coder.code(sent, found, sctx))
            offset += len(paragraph) + 2
        return ArticleResult(article=article, mentions=tuple(mentions), events=tuple(events))


def _failed(err: ItemError) -> Outcome:
    return Outcome(err.source, failure=Failure(err.source, err.code.value, err.reason))


def _as_date(value: str | None) -> date:
    """The article's date for resolving who held which office; today when unknown."""
    if value:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            pass
    return date.today()


def _with_date(article: Article, published: str) -> Article:
    from dataclasses import replace

    return replace(article, published=published)
