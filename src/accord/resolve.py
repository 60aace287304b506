"""`accord actor`: resolve one actor string, optionally inside a context sentence, at a date."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from .actors import ActorResolver, ArticleContext, TokenMention

# How sure a resolution is, by the kind of evidence that produced it.
CONFIDENCE = {"person": 0.9, "name": 0.95, "people": 0.85, "role": 0.75, "adjective": 0.7, "pronoun": 0.5}


@dataclass(frozen=True)
class ActorAnswer:
    text: str
    code: str
    country: str | None
    sector: str | None
    name: str | None
    confidence: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def resolve_actor(nlp: Any, resolver: ActorResolver, text: str, when: date | None = None,
                  context: str | None = None) -> ActorAnswer:
    """The actor ``text`` names.  With ``context``, the sentence is parsed and resolved as a
    whole (earlier names and cues count) and the mention covering ``text`` is returned.  A
    string that resolves to nothing gets an empty code and confidence 0, never a guess."""
    sentence = context if context and text in context else text
    offset = sentence.index(text)
    doc = nlp(sentence)
    found = resolver.resolve(doc, ArticleContext(when=when or date.today(), date_known=when is not None))
    best = _covering(found.mentions, doc, offset, offset + len(text))
    if best is None:
        span = doc.char_span(offset, offset + len(text), alignment_mode="expand")
        actors = found.actors_at(span.root) if span is not None else []
        if actors:
            a = actors[0]
            return ActorAnswer(text, a.code, a.country, a.sector, a.name, CONFIDENCE["pronoun"])
        return ActorAnswer(text, "", None, None, None, 0.0)
    a = best.actor
    return ActorAnswer(text, a.code, a.country, a.sector, a.name, CONFIDENCE.get(best.kind, 0.6))


def _covering(mentions: list[TokenMention], doc: Any, start: int, end: int) -> TokenMention | None:
    """The mention that best covers the character range: the one overlapping it most, and
    among equals the one closest in length to it."""
    best, best_key = None, None
    for m in mentions:
        span = doc[m.start:m.end]
        overlap = min(end, span.end_char) - max(start, span.start_char)
        if overlap <= 0:
            continue
        key = (overlap, -abs((span.end_char - span.start_char) - (end - start)))
        if best_key is None or key > best_key:
            best, best_key = m, key
    return best
