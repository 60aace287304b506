"""The stages in order: ingest -> clean -> prefilter -> nlp -> actors -> coding.  ``Pipeline``
loads the model, knowledge base and lexicon once; ``process`` codes a stream of documents in
batches, in this process (``parallel.ProcessPipeline`` spreads it over several)."""
from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Iterable, Iterator

from .actors import ActorResolver, ArticleContext
from .claims import ClaimFinder
from .clean import clean
from .coding import EventCoder, SentenceContext
from .errors import ErrorCode, ItemError
from .knowledge import load_knowledge
from .lexicon import load_lexicon
from .model import Article, ArticleResult, Failure, Mention, RawDocument
from .nlp import load_pipeline, phrase_matcher, sentence_splitter
from .ontology import load_ontology
from .prefilter import SentenceFilter, load_filter_rules
from .quotes import QuoteFinder, SpeechWords
from .settings import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Piece:
    """A run of a paragraph's text parsed as one Doc, at its character offset in the article."""

    text: str
    offset: int
    ends_paragraph: bool


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
        lexicon = load_lexicon()
        self.coder = EventCoder(lexicon, load_ontology())
        self.filter = (SentenceFilter(sentence_splitter(self.nlp), self.actors.match, kb, lexicon, load_filter_rules())
                       if settings.prefilter else None)
        syn = self.coder.syn
        self.quotes = QuoteFinder(SpeechWords(syn.reporting_verbs, syn.speech_verbs, syn.attribution_preps),
                                  self.coder.subject_of)

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
            longest = _longest_run(article)
            if longest > self.settings.max_sentence_tokens:
                yield _failed(ItemError(ErrorCode.LONG_SENTENCE, f"a run of {longest} words without a sentence end, "
                                        f"over max_sentence_tokens={self.settings.max_sentence_tokens}", item.source))
                continue
            batch.append(article)
            if len(batch) >= self.settings.batch_size:
                yield from self._code_batch(batch)
                batch = []
        if batch:
            yield from self._code_batch(batch)

    def code_article(self, article: Article) -> ArticleResult:
        return next(self._code_batch([article])).result  # type: ignore[return-value]

    def code_articles(self, articles: list[Article]) -> list[ArticleResult | None]:
        """Code already-clean articles (evaluation sets bring their own text)."""
        out = []
        for i in range(0, len(articles), self.settings.batch_size):
            out += [o.result for o in self._code_batch(articles[i:i + self.settings.batch_size])]
        return out

    def _code_batch(self, articles: list[Article]) -> Iterator[Outcome]:
        pieces = [self._pieces(a) for a in articles]
        docs = iter(self.nlp.pipe((p.text for ps in pieces for p in ps), batch_size=self.settings.batch_size))
        for article, article_pieces in zip(articles, pieces):
            parsed = [(p, next(docs)) for p in article_pieces]
            try:
                started = time.monotonic()
                result = self._code_parsed(article, parsed)
                took = time.monotonic() - started
                if took > self.settings.seconds_per_document:
                    yield _failed(ItemError(ErrorCode.TOO_SLOW, f"coding took {took:.0f} s, over "
                                            f"seconds_per_document={self.settings.seconds_per_document}", article.source))
                    continue
                yield Outcome(article.source, result=result)
            except Exception as exc:   # a bug must not cost the rest of the batch; report it
                log.exception("internal error on %s", article.source)
                yield _failed(ItemError(ErrorCode.INTERNAL, f"{type(exc).__name__}: {exc}", article.source))

    def _pieces(self, article: Article) -> list["Piece"]:
        """The text to parse: every paragraph whole, or only the runs of sentences the filter keeps."""
        pieces, offset = [], 0
        selected = self.filter.select(list(article.paragraphs)) if self.filter else [[(0, len(p))] for p in article.paragraphs]
        for paragraph, spans in zip(article.paragraphs, selected):
            pieces += [Piece(paragraph[s:e], offset + s, e >= len(paragraph)) for s, e in spans]
            offset += len(paragraph) + 2
        return pieces

    def _code_parsed(self, article: Article, parsed: list[tuple["Piece", Any]]) -> ArticleResult:
        when = _as_date(article.published)
        ctx = ArticleContext(when=when, date_known=bool(article.published))
        mentions: list[Mention] = []
        events, quotes, claims = [], [], []
        last_quote = pending = None
        for piece, doc in parsed:
            paragraph, offset = piece.text, piece.offset
            found = self.actors.resolve(doc, ctx)
            for m in found.mentions:
                if m.public:
                    span = doc[m.start:m.end]
                    mentions.append(Mention(m.actor, offset + span.start_char, offset + span.end_char))
            found_quotes = self.quotes.find(doc, found, last_quote)
            named = next((q for q in found_quotes if q.kind == "direct" and q.speaker_text), None)
            if pending is not None and named is not None and pending["speaker"] is None:
                # a quote that ran on from the paragraph before gets the speaker named here
                pending.update(named.to_dict(offset), text=pending["text"], start=pending["start"],
                               end=pending["end"], kind="direct")
            last_quote = next((q for q in reversed(found_quotes) if q.kind == "direct" and q.speaker_text), last_quote)
            new = [q.to_dict(offset) for q in found_quotes]
            pending = (new[-1] if piece.ends_paragraph and new and new[-1]["end"] == offset + len(paragraph)
                       and new[-1]["speaker"] is None else None)
            quotes += new
            found_claims = self.claims_for(found).find(doc)
            claims += [c.to_dict(offset) for c in found_claims]
            sctx = SentenceContext(article.id, article.published, offset)
            for sent in doc.sents:
                coded = self.coder.code(sent, found, sctx)
                size = self.claims_for(found).sizes(found_claims, sent) if coded and found_claims else {}
                events += [replace(e, size=tuple(size.items())) if size and e.type in _SIZED else e for e in coded]
        return ArticleResult(article=article, mentions=tuple(mentions), events=tuple(events),
                             quotes=tuple(quotes), claims=tuple(claims))

    def claims_for(self, found):
        """A claim finder whose sources are resolved against this paragraph's actors."""
        syn = self.coder.syn
        def source_of(tok):
            for node in (tok, _clause_of(tok), tok.sent.root):
                said, who = self.coder.reporter_of(node, found)
                if said:
                    return who
            return None

        return ClaimFinder(syn.qualifiers, syn.size_units, source_of)


_SIZED = frozenset({"ASSAULT", "COERCE", "PROTEST"})   # the types PLOVER gives size fields


def _clause_of(tok):
    """The verb whose clause a token is in (the token itself when there is none)."""
    return next((a for a in [tok, *tok.ancestors] if a.pos_ in ("VERB", "AUX")), tok)


_SENTENCE_END = re.compile(r"[.!?;:…]")


def _longest_run(article: Article) -> int:
    """The most words between two sentence ends: what the parser would take as one sentence."""
    return max((len(piece.split()) for p in article.paragraphs for piece in _SENTENCE_END.split(p)), default=0)


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
    return replace(article, published=published)
