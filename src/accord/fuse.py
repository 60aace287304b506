"""Fusion: event mentions from many articles -> real-world events (rules: data/fusion.yaml).

Mentions are sorted by their fusion key and date; a mention joins the open event of its key when
its date lies within the type's window of that event's first date and its mode agrees, else it
opens a new event.  Everything is recomputed from the mentions, so the result depends only on
the mentions stored, never on the order articles arrived in.
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable

from .data_files import load_yaml
from .errors import ConfigError


@dataclass(frozen=True)
class FusionRules:
    windows: dict[str, int]
    status_groups: dict[str, str]
    modes_must_agree: bool
    places_must_agree: bool = True

    def window(self, ptype: str) -> int:
        return self.windows.get(ptype, self.windows["default"])


@lru_cache(maxsize=1)
def load_rules() -> FusionRules:
    raw = load_yaml("fusion.yaml")
    try:
        windows = {str(k): int(v) for k, v in raw["windows"].items()}
        groups = {str(k): str(v) for k, v in raw["status_groups"].items()}
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"fusion.yaml: {exc}") from None
    if "default" not in windows:
        raise ConfigError("fusion.yaml: windows needs a default")
    return FusionRules(windows, groups, bool(raw.get("modes_must_agree", True)), bool(raw.get("places_must_agree", True)))


@dataclass(frozen=True)
class Mention:
    id: str
    article_id: str
    type: str
    mode: str | None
    cameo: str
    quad_class: int
    goldstein: float
    source_code: str
    source_country: str | None
    source_name: str | None
    target_code: str | None
    target_country: str | None
    target_name: str | None
    status: str
    claimed_by: str | None
    date: date
    sentence: str
    outlet: str
    published: date | None
    place: str | None = None
    place_country: str | None = None


@dataclass
class FusedEvent:
    mentions: list[Mention] = field(default_factory=list)
    mode: str | None = None
    key: str = ""        # fusion key, unique among the events of one fusion
    place_country: str | None = None

    def row(self, figures: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
        first = min(self.mentions, key=lambda m: (m.date, m.id))
        common = lambda attr: Counter(getattr(m, attr) for m in self.mentions).most_common(1)[0][0]  # noqa: E731
        key = self.key
        seen = [m.published or m.date for m in self.mentions]
        statuses = {m.status for m in self.mentions}
        return {
            "id": hashlib.sha1(key.encode()).hexdigest()[:16], "type": first.type, "mode": self.mode,
            "cameo": common("cameo"), "quad_class": first.quad_class, "goldstein": common("goldstein"),
            "source_code": common("source_code"), "source_country": first.source_country, "source_name": common("source_name"),
            "target_code": common("target_code"), "target_country": first.target_country, "target_name": common("target_name"),
            "status": "asserted" if "asserted" in statuses else common("status"),
            "date": first.date, "first_date": first.date, "last_date": max(m.date for m in self.mentions),
            "first_seen": min(seen), "last_seen": max(seen), "num_mentions": len(self.mentions),
            "num_sources": len({m.outlet for m in self.mentions}), "num_articles": len({m.article_id for m in self.mentions}),
            "claimants": json.dumps(sorted({m.claimed_by for m in self.mentions if m.claimed_by})),
            "figures": json.dumps(figures) if figures else None,
            "sentence": first.sentence, "root_mention": first.id,
            "place": next((m.place for m in self.mentions if m.place), None), "place_country": self.place_country,
        }


def fusion_key(m: Mention) -> tuple[str, str, str]:
    """Mentions fuse only within one key: source country, target country, type."""
    return ((m.source_code or "")[:3], (m.target_code or "")[:3], m.type)


def fuse(mentions: Iterable[Mention], rules: FusionRules) -> list[FusedEvent]:
    """Group mentions into events; deterministic for a given set of mentions."""
    ordered = sorted(mentions, key=lambda m: (fusion_key(m), rules.status_groups.get(m.status, m.status), m.date, m.id))
    events: list[FusedEvent] = []
    open_events: dict[tuple, list[FusedEvent]] = defaultdict(list)
    used: Counter = Counter()
    for m in ordered:
        group = (fusion_key(m), rules.status_groups.get(m.status, m.status))
        window = rules.window(m.type)
        home = None
        for ev in open_events[group]:
            first = ev.mentions[0].date
            if (m.date - first).days > window:
                continue
            if rules.modes_must_agree and m.mode and ev.mode and m.mode != ev.mode:
                continue
            if rules.places_must_agree and m.place_country and ev.place_country and m.place_country != ev.place_country:
                continue
            home = ev
            break
        if home is None:
            base = f"{group}|{m.mode}|{m.date.isoformat()}"
            used[base] += 1
            home = FusedEvent(mode=m.mode, key=f"{base}|{used[base]}")
            events.append(home)
            # events further back than the window can take no new mention: drop them from the scan
            open_events[group] = [e for e in open_events[group] if (m.date - e.mentions[0].date).days <= window]
            open_events[group].append(home)
        home.mentions.append(m)
        home.mode = home.mode or m.mode
        home.place_country = home.place_country or m.place_country
    return events


def figures_for(event: FusedEvent, claims_by_sentence: dict[tuple[str, str], list[dict[str, Any]]]) -> dict[str, list]:
    """Figures the reports of one event give, side by side by unit: who says how many."""
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for m in event.mentions:
        for c in claims_by_sentence.get((m.article_id, m.sentence), ()):
            out[c["unit"] or "?"].append({"value": c["value"], "range": c["range"], "qualifier": c["qualifier"],
                                          "source": c["source"], "article": m.article_id, "text": c["text"]})
    return dict(out)
