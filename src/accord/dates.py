"""Event dates from the sentence, relative to the publication date ("on Wednesday", "in March",
"last week", "yesterday", "in 2022"), read by dateparser.  The publication date when the
sentence says nothing; nothing when neither is known."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

# Date phrases that measure a length of time or a span, not a point: "a 10-year deal",
# "for six days", "since 2000", "the 1990s", "in recent months".
_DURATION = re.compile(r"^(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few|many|"
                       r"dozens of|hundreds of)[\s-]+(?:day|week|month|year|decade|hour)s?(?:-long| long)?$", re.I)
_DECADES = re.compile(r"\d0s\b|\bdecades?\b|\bcentur(y|ies)\b|\brecent\b", re.I)
_SPAN_PREPS = frozenset({"since", "for", "over", "during", "until", "till", "within", "throughout", "after", "before"})
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


@dataclass(frozen=True)
class EventDate:
    date: str | None
    text: str | None            # the words the date was read from; None: the publication date
    precision: str | None       # day | week | month | year


def event_date(sentence_dates: list[Any], anchor: Any, published: str | None) -> EventDate:
    """The date of an event whose trigger (or support verb) is ``anchor``; ``sentence_dates``
    are the sentence's DATE entities."""
    base = _as_date(published)
    for ent in _attached(sentence_dates, anchor):
        read = read_date(ent.text, base)
        if read is not None:
            return read
    return EventDate(published[:10] if published else None, None, "day" if published else None)


def _attached(ents: list[Any], anchor: Any) -> list[Any]:
    """DATE entities that modify the event's own clause, nearest first."""
    found = []
    for ent in ents:
        root = ent.root
        if root.dep_ in ("amod", "compound") or _is_span(ent):
            continue
        node, hops = root, 0
        while node.head is not node and hops < 4:
            if node.head.dep_ == "prep" and node.head.lower_ in _SPAN_PREPS:
                break
            node, hops = node.head, hops + 1
            if node == anchor or node == anchor.head and anchor.dep_ in ("dobj", "pobj"):
                found.append(ent)
                break
            if node.pos_ == "VERB" and node != anchor:
                break
    return sorted(found, key=lambda e: abs(e.root.i - anchor.i))


def _is_span(ent: Any) -> bool:
    text = ent.text.strip()
    return bool(_DURATION.match(text) or _DECADES.search(text))


@lru_cache(maxsize=4096)
def read_date(text: str, base: date | None) -> EventDate | None:
    """One date phrase at a publication date; None when it is not a point in time we can place."""
    if base is None and not _YEAR.search(text):
        return None      # "on Wednesday" with no publication date: no honest answer
    reference = datetime.combine(base or date.today(), datetime.min.time())
    parser = _parser(reference)
    data = parser.get_date_data(re.sub(r"^(?:on|in|at|by|early|late|earlier|later)\s+", "", text.strip(), flags=re.I))
    if data is None or data.date_obj is None:
        return None
    when = data.date_obj.date()
    period = data.period or "day"
    if period == "month":
        when = when.replace(day=1)
    elif period == "year":
        when = when.replace(month=1, day=1)
    elif period == "week":
        when = when - timedelta(days=when.weekday())
    if base is not None and when > base + timedelta(days=1) and period == "day" and not _YEAR.search(text):
        return None      # a weekday or day that would lie in the future is not the event's date
    return EventDate(when.isoformat(), text, period)


@lru_cache(maxsize=64)
def _parser(reference: datetime):
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={"RELATIVE_BASE": reference, "PREFER_DATES_FROM": "past"})


def _as_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
