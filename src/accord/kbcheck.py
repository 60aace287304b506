"""`accord kb check`: problems in the knowledge base that loading alone does not catch."""
from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any, Iterable

from .errors import ConfigError
from .knowledge import load_knowledge

_TRANSNATIONAL = ("IGO", "NGO", "IMG")


def check_knowledge(today: date | None = None) -> list[str]:
    """Every problem found, one line each; an empty list means the knowledge base is sound."""
    today = today or date.today()
    try:
        kb = load_knowledge()
    except ConfigError as exc:
        return [f"does not load: {exc}"]
    problems: list[str] = []
    states = {e.code for bucket in kb.names.values() for e in bucket if e.kind == "state"}
    # transnational groups (IMG...) have leaders whose role is the group itself
    groups = {e.code for bucket in kb.names.values() for e in bucket
              if e.kind == "institution" and e.code.startswith(_TRANSNATIONAL)}
    known = set(kb.by_code) | states | groups
    problems += _conflicting_aliases(kb)
    problems += _unknown_codes(kb, states, known)
    problems += _tenures(kb, today)
    return problems


def _conflicting_aliases(kb: Any) -> Iterable[str]:
    for surface, entities in sorted(kb.names.items()):
        codes = sorted({e.code for e in entities})
        if len(codes) > 1:
            yield f"alias {surface!r} names several actors: {', '.join(codes)} (move it to ambiguous.yaml)"
    for surface in sorted(set(kb.names) & set(kb.person_names)):
        yield f"alias {surface!r} is both an organisation or place and a person"
    for surface in sorted(set(kb.places) & (set(kb.names) | set(kb.person_names) | set(kb.ambiguous))):
        yield f"place {surface!r} is also an actor name; drop it from places.yaml"
    for surface in sorted(set(kb.names) & set(kb.ambiguous)):
        yield f"alias {surface!r} is listed as a plain name and as ambiguous"


def _unknown_codes(kb: Any, states: set[str], known: set[str]) -> Iterable[str]:
    for surface, country in sorted(kb.places.items()):
        if country not in states:
            yield f"place {surface!r}: {country} is not a state in states.yaml"
    for p in kb.persons:
        for r in p.roles:
            if r.country not in states and r.country not in known:
                yield f"person {p.name}: role country {r.country} is not a state in states.yaml"
    for text, amb in sorted(kb.ambiguous.items()):
        for code in amb.candidates:
            if code not in known and not (code[:3] in states and len(code) == 6):
                yield f"ambiguous {text!r}: candidate {code} is not a known actor code"
        for code in amb.cues:
            if code not in amb.candidates:
                yield f"ambiguous {text!r}: cues for {code}, which is not a candidate"
    for bucket in kb.names.values():
        for e in bucket:
            if e.kind == "institution" and not e.code.startswith(_TRANSNATIONAL) and e.code[:3] not in states:
                yield f"institution {e.name}: code {e.code} does not start with a state code"


def _tenures(kb: Any, today: date) -> Iterable[str]:
    offices: dict[tuple[str, str], list[tuple[date, date, str]]] = defaultdict(list)
    for p in kb.persons:
        for r in p.roles:
            if r.start > today:
                yield f"person {p.name}: {r.office} of {r.country} starts in the future ({r.start})"
            if r.end is not None and r.end > today:
                yield f"person {p.name}: {r.office} of {r.country} ends in the future ({r.end})"
            if r.end is not None and r.end < r.start:
                yield f"person {p.name}: {r.office} of {r.country} ends ({r.end}) before it starts ({r.start})"
            offices[(r.country, r.office)].append((r.start, r.end or date.max, p.name))
    for (country, office), spans in sorted(offices.items()):
        spans.sort()
        for (s1, e1, n1), (s2, _, n2) in zip(spans, spans[1:]):
            if s2 < e1:
                until = "today" if e1 == date.max else e1.isoformat()
                yield f"{office} of {country}: {n1} (until {until}) overlaps {n2} (from {s2})"
