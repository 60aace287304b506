"""The records that flow between stages.  All frozen: a stage returns new records, never edits."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class RawDocument:
    """One input item before cleaning."""

    source: str                 # path, path:line, or url: where a user finds it again
    kind: str                   # "text" | "html"
    content: str
    content_hash: str           # sha256 of the raw bytes/string, hex
    id: str | None = None       # given id (JSON lines, CSV); else the content hash is used
    title: str | None = None
    url: str | None = None
    date: str | None = None     # YYYY-MM-DD when the record gives one

    @property
    def article_id(self) -> str:
        return self.id or self.content_hash[:16]


@dataclass(frozen=True)
class Article:
    id: str
    source: str
    text: str                   # clean body, paragraphs separated by a blank line
    paragraphs: tuple[str, ...]
    title: str | None = None
    author: str | None = None
    published: str | None = None
    section: str | None = None
    site: str | None = None
    url: str | None = None
    language: str = "en"
    removed: tuple[str, ...] = ()
    content_hash: str = ""


@dataclass(frozen=True)
class Actor:
    """A resolved actor: what the contract's ``source``/``target`` and ``actors`` entries hold."""

    code: str
    country: str | None
    sector: str | None
    name: str | None
    text: str


@dataclass(frozen=True)
class Mention:
    """An actor named at a place in the article text."""

    actor: Actor
    start: int
    end: int


@dataclass(frozen=True)
class Event:
    id: str
    type: str
    mode: str | None
    context: tuple[str, ...]
    cameo: str
    quad_class: int
    goldstein: float
    source: Actor
    target: Actor | None
    status: str
    claimed_by: Actor | None
    date: str | None
    date_text: str | None
    sentence: str
    start: int
    end: int
    trigger: str
    confidence: float
    reason: tuple[str, ...] = ()   # lexicon entry and parse path, shown by --explain
    date_precision: str | None = None   # day | week | month | year of `date`
    size: tuple[tuple[str, float], ...] = ()   # PLOVER size fields: (("dead", 12), ("injured", 30))
    place: str | None = None           # where it happened, as the sentence names it ("Kharkiv")
    place_country: str | None = None   # that place's country


@dataclass(frozen=True)
class Failure:
    source: str
    code: str
    reason: str

    def line(self) -> str:
        return f"{self.source}: {self.code}: {self.reason}"


@dataclass(frozen=True)
class ArticleResult:
    article: Article
    mentions: tuple[Mention, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[dict[str, Any], ...] = field(default_factory=tuple)
    claims: tuple[dict[str, Any], ...] = field(default_factory=tuple)

    def to_dict(self, explain: bool = False) -> dict[str, Any]:
        """The output contract of DESIGN.md section 2."""
        a = self.article
        return {
            "id": a.id,
            "article": {
                "title": a.title, "author": a.author, "published": a.published, "section": a.section,
                "site": a.site, "source": a.url or a.source, "language": a.language, "text": a.text,
                "removed": list(a.removed),
            },
            "actors": [
                {**_actor_dict(m.actor), "start": m.start, "end": m.end} for m in self.mentions
            ],
            "events": [_event_dict(e, explain) for e in self.events],
            "quotes": list(self.quotes),
            "claims": list(self.claims),
        }


def _actor_dict(actor: Actor | None) -> dict[str, Any] | None:
    if actor is None:
        return None
    return {"text": actor.text, "code": actor.code, "country": actor.country, "sector": actor.sector,
            "name": actor.name}


def _event_dict(e: Event, explain: bool) -> dict[str, Any]:
    d = asdict(e)
    d["context"] = list(e.context)
    d["source"] = _actor_dict(e.source)
    d["target"] = _actor_dict(e.target)
    d["claimed_by"] = _actor_dict(e.claimed_by)
    reason = d.pop("reason")
    d["size"] = {k: (int(v) if float(v).is_integer() else v) for k, v in e.size} or None
    if explain:
        d["explain"] = list(reason)
    return d
