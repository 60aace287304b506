"""HTML (trafilatura) and scraped text (our line filter) -> Article with metadata.

Scraped text keeps the page around the story: navigation, a section label, the headline,
"Published / on" stubs, a byline, teaser links and share counters.  We read it line by line:
the header (everything before the first real paragraph) gives section, title, date and author;
boilerplate lines anywhere are removed and kept in ``Article.removed`` so nothing is lost.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from .data_files import load_yaml
from .errors import ErrorCode, ItemError
from .model import Article, RawDocument

_BYLINE = re.compile(r"^by\s+([A-Z][\w'’.\-]*(?:\s+(?:[A-Z][\w'’.\-]*|de|van|von|al|bin|and)){0,5})\s*$", re.I)
_DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d", "%A, %B %d, %Y",
                 "%B %d %Y", "%b. %d, %Y", "%d/%m/%Y")
_SENTENCE_END = re.compile(r"[.!?…\"”’)]\s*$")


@dataclass(frozen=True)
class BoilerplateRules:
    exact: frozenset[str]
    patterns: tuple[re.Pattern[str], ...]
    max_section_words: int

    def is_boilerplate(self, line: str) -> bool:
        low = line.strip().lower()
        return low in self.exact or any(p.search(low) for p in self.patterns)


@lru_cache(maxsize=1)
def boilerplate_rules() -> BoilerplateRules:
    raw = load_yaml("boilerplate.yaml")
    return BoilerplateRules(
        exact=frozenset(s.lower() for s in raw["exact"]),
        patterns=tuple(re.compile(p, re.I) for p in raw["patterns"]),
        max_section_words=int(raw["header_only"]["max_section_words"]),
    )


def clean(raw: RawDocument, max_chars: int) -> Article:
    """Clean one document; raises ItemError when no article text is left."""
    article = _clean_html(raw) if raw.kind == "html" else _clean_text(raw)
    if not article.text.strip():
        raise ItemError(ErrorCode.NO_TEXT, "no article text found after removing boilerplate", raw.source)
    if len(article.text) > max_chars:
        raise ItemError(ErrorCode.TOO_LONG, f"{len(article.text)} characters of text, over max_article_chars={max_chars}", raw.source)
    script = latin_share(article.text)
    if script < 0.5:
        raise ItemError(ErrorCode.UNSUPPORTED_LANGUAGE,
                        f"only {script:.0%} of its letters are Latin: Accord codes English news only", raw.source)
    return article


def latin_share(text: str) -> float:
    """Share of letters in the Latin script (A-Z with accents).  Russian, Korean or Arabic text
    scores near 0; an English article quoting a foreign name scores near 1.  A script test, not
    language identification: it only keeps Accord from inventing events out of text it cannot read."""
    letters = [c for c in text[:20_000] if c.isalpha()]
    if not letters:
        return 1.0
    return sum(1 for c in letters if c < "\u0250") / len(letters)


def parse_date(text: str) -> str | None:
    """A date line or value in one of the common news formats -> YYYY-MM-DD."""
    value = text.strip().rstrip(".")
    if re.match(r"^\d{4}-\d{2}-\d{2}[T ]", value):
        value = value[:10]
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _clean_text(raw: RawDocument) -> Article:
    rules = boilerplate_rules()
    lines = [ln.strip() for ln in raw.content.splitlines()]
    removed: list[str] = []
    body: list[str] = []
    title = raw.title
    author = section = published = None
    published = raw.date
    in_header = True
    for line in lines:
        if not line:
            continue
        if in_header and _is_paragraph(line):
            in_header = False
        if rules.is_boilerplate(line):
            removed.append(line)
            continue
        if in_header:
            byline = _BYLINE.match(line)
            when = parse_date(line)
            if byline and author is None:
                author = byline.group(1)
                removed.append(line)
            elif when and published is None:
                published = when
            elif title is None and len(line.split()) > rules.max_section_words:
                title = line
            elif section is None and title is None:
                section = line
                removed.append(line)
            else:
                removed.append(line)   # stray header lines (more labels, dates): keep them visible
            continue
        body.append(line)
    if not body and title and title != raw.title:
        body, title = [title], None    # a short text is its own body, not a page header
    paragraphs = tuple(body)
    return Article(id=raw.article_id, source=raw.source, text="\n\n".join(paragraphs), paragraphs=paragraphs,
                   title=title, author=author, published=published, section=section, url=raw.url,
                   removed=tuple(removed), content_hash=raw.content_hash)


def _is_paragraph(line: str) -> bool:
    """Body text: a long line, or a shorter one that ends like a sentence."""
    words = len(line.split())
    return words >= 15 or (words >= 6 and bool(_SENTENCE_END.search(line)))


def _clean_html(raw: RawDocument) -> Article:
    import trafilatura   # imported here: plain-text runs should not pay its start-up cost

    doc = trafilatura.bare_extraction(raw.content, with_metadata=True, include_comments=False,
                                      include_tables=False, url=raw.url)
    if doc is None:
        raise ItemError(ErrorCode.NO_TEXT, "trafilatura found no article body in the page", raw.source)
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = data.get("text") or ""
    paragraphs = tuple(p.strip() for p in text.split("\n") if p.strip())
    published = data.get("date")
    if published:
        published = parse_date(published) or published[:10]
    return Article(id=raw.article_id, source=raw.source, text="\n\n".join(paragraphs), paragraphs=paragraphs,
                   title=raw.title or data.get("title"), author=data.get("author"),
                   published=raw.date or published, section=(data.get("categories") or None) and str(data["categories"]),
                   site=data.get("sitename"), url=raw.url or data.get("url"), removed=(),
                   content_hash=raw.content_hash)


