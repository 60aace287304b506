"""The actor knowledge base: one validating loader over ``data/actors/*.yaml`` and ``roles.yaml``.

File formats are documented at the top of each data file and in the README ("Adding an actor").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any, Iterable

from .data_files import load_yaml
from .errors import ConfigError

_CODE = re.compile(r"^[A-Z]{3}([A-Z]{3})*$")


@dataclass(frozen=True)
class Period:
    """A code an organisation had for a time: the Taliban were rebels until August 2021."""

    code: str
    start: date | None
    end: date | None


@dataclass(frozen=True)
class Entity:
    """Something a name can denote: a state, bloc, organisation, or a state's government."""

    code: str
    country: str | None
    sector: str | None
    name: str
    kind: str                     # state | bloc | igo | capital | seat | institution
    periods: tuple["Period", ...] = ()

    def at(self, when: date) -> "Entity":
        """The entity as coded at a date (its `periods`, if it has any)."""
        for p in self.periods:
            if (p.start is None or p.start <= when) and (p.end is None or when < p.end):
                return Entity(p.code, self.country, p.code[3:6] or None, self.name, self.kind)
        return self


@dataclass(frozen=True)
class Tenure:
    country: str
    sector: str
    office: str
    titles: tuple[str, ...]
    start: date
    end: date | None

    def covers(self, when: date) -> bool:
        return self.start <= when and (self.end is None or when <= self.end)


@dataclass(frozen=True)
class Person:
    name: str
    names: tuple[str, ...]
    surname: str
    roles: tuple[Tenure, ...]

    def role_at(self, when: date) -> Tenure | None:
        for role in self.roles:
            if role.covers(when):
                return role
        return None

    def code_at(self, when: date) -> tuple[str, str | None]:   # noqa: C901 - three plain cases
        """(country, sector) at a date: in office -> its sector; out of office since -> ELI."""
        role = self.role_at(when)
        if role:
            return role.country, role.sector
        past = [r for r in self.roles if r.end is not None and r.end < when]
        if past:
            return max(past, key=lambda r: r.end).country, "ELI"   # type: ignore[arg-type, return-value]
        return (self.roles[0].country, None) if self.roles else ("", None)


@dataclass(frozen=True)
class Ambiguity:
    """A string several actors share, with words whose presence nearby points to one of them."""

    candidates: tuple[str, ...]
    cues: dict[str, frozenset[str]] = field(default_factory=dict)
    default: str | None = None      # taken when the context points nowhere
    place_after: frozenset[str] = frozenset()   # after these prepositions it is a place, no actor

    def __contains__(self, code: object) -> bool:
        return code in self.candidates

    def __len__(self) -> int:
        return len(self.candidates)

    def __getitem__(self, i: int) -> str:
        return self.candidates[i]


@dataclass(frozen=True)
class KnowledgeBase:
    names: dict[str, tuple[Entity, ...]]          # exact surface form -> what it can denote
    adjectives: dict[str, Entity]                 # "Russian" -> RUS, "Western" -> WST
    people_nouns: dict[str, Entity]               # "Ukrainians" -> UKR (civilians)
    persons: tuple[Person, ...]
    person_names: dict[str, Person]               # full-name variant -> person
    surnames: dict[str, tuple[Person, ...]]
    roles: dict[str, str]                         # role noun lemma (or "compound head") -> sector
    former: frozenset[str]
    office_rank: tuple[str, ...] = ()
    place_preps: frozenset[str] = frozenset()
    surname_words: frozenset[str] = frozenset()
    places: dict[str, str] = field(default_factory=dict)   # city or region -> country code
    local_roles: frozenset[str] = frozenset()
    collectives: frozenset[str] = frozenset()    # "opposition groups": the head takes its modifier's role
    ethnic: frozenset[str] = frozenset()
    foreign_roles: frozenset[str] = frozenset()
    not_actor_heads: frozenset[str] = frozenset()
    allegiance_words: frozenset[str] = frozenset()
    member_nouns: frozenset[str] = frozenset()     # "a member of X" acts as X  # "the Russian language": a language, not Russia  # "peacekeepers in Lebanon" are not Lebanon's         # "ethnic Albanians": a group, not a nation's people
    ambiguous: dict[str, Ambiguity] = field(default_factory=dict)
    by_code: dict[str, Entity] = field(default_factory=dict)

    @property
    def hyphenated_roles(self) -> tuple[str, ...]:
        """"ex-president", "ex-ministers": former-holder words the tokenizer keeps whole."""
        prefixes = [f for f in self.former if f.endswith("-")]
        nouns = [n for n in self.roles if " " not in n]
        return tuple(sorted(p + n + s for p in prefixes for n in nouns for s in ("", "s")))

    def entity(self, code: str) -> Entity | None:
        """The state, bloc or organisation with this code."""
        return self.by_code.get(code)

    def holders(self, country: str, title: str, when: date) -> list[Person]:
        """People holding an office with this title in this country at a date."""
        return [p for p in self.persons for r in p.roles
                if r.country == country and title in r.titles and r.covers(when)]


def _as_date(value: Any, where: str) -> date | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ConfigError(f"{where}: {value!r} is not a YYYY-MM-DD date") from None


def _strings(values: Iterable[Any] | None, where: str) -> tuple[str, ...]:
    out = []
    for v in values or ():
        if not isinstance(v, str) or not v.strip():
            raise ConfigError(f"{where}: expected a non-empty string, got {v!r}")
        out.append(v.strip())
    return tuple(out)


def _check_code(code: Any, where: str) -> str:
    if not isinstance(code, str) or not _CODE.match(code):
        raise ConfigError(f"{where}: {code!r} is not an actor code (upper-case letters in groups of three)")
    return code


def _entries(name: str) -> list[dict[str, Any]]:
    raw = load_yaml(f"actors/{name}")
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise ConfigError(f"actors/{name}: expected a list of entries")
    return raw


@lru_cache(maxsize=1)
def load_knowledge() -> KnowledgeBase:
    names: dict[str, list[Entity]] = {}
    adjectives: dict[str, Entity] = {}
    people: dict[str, Entity] = {}

    def add(surface: str, entity: Entity) -> None:
        bucket = names.setdefault(surface, [])
        if entity not in bucket:
            bucket.append(entity)

    ambiguous = {}
    if _has("ambiguous.yaml"):
        for e in _entries("ambiguous.yaml"):
            cues = {str(code): frozenset(str(w) for w in words) for code, words in (e.get("cues") or {}).items()}
            ambiguous[str(e["text"])] = Ambiguity(tuple(e.get("candidates") or ()), cues, e.get("default"),
                                                  frozenset(e.get("place_after") or ()))
    for file, kind in (("states.yaml", "state"), ("blocs.yaml", "bloc"), ("igos.yaml", "igo")):
        for i, e in enumerate(_entries(file)):
            where = f"actors/{file} entry {i + 1}"
            code = _check_code(e.get("code"), where)
            country = code if kind == "state" else (code[:3] if kind == "bloc" else code)
            entity = Entity(code, country, None, str(e.get("name") or code), kind)
            for s in _strings(e.get("names"), where):
                add(s, entity)
            for s in _strings(e.get("adjectives"), where):
                adjectives.setdefault(s, entity)
            for s in _strings(e.get("people"), where):
                people.setdefault(s, Entity(code, country, "CVL", entity.name, kind))
            if kind == "state":
                gov = Entity(code + "GOV", code, "GOV", entity.name, "capital")
                for s in _strings([e["capital"]] if e.get("capital") else [], where):
                    # city-states: the name is the state; a capital another place shares ("Tripoli":
                    # Libya's, and a Lebanese port) is resolved from context through ambiguous.yaml
                    if s not in _strings(e.get("names"), where) and s not in ambiguous:
                        add(s, gov)
                for s in _strings(e.get("seats"), where):
                    seat = Entity(code + "GOV", code, "GOV", entity.name, "seat")
                    add(s, seat)
                    if s.startswith("the "):     # "Kremlin spokesman", "White House officials"
                        add(s[4:], seat)
    for i, e in enumerate(_entries("institutions.yaml") if _has("institutions.yaml") else []):
        where = f"actors/institutions.yaml entry {i + 1}"
        code = _check_code(e.get("code"), where)
        # transnational groups (IMG...) name their main country explicitly; others start with it
        country = str(e.get("country") or code[:3])
        sector = code[3:6] or None if code[:3] == country else None
        periods = tuple(Period(_check_code(p["code"], where), _as_date(p.get("start"), where), _as_date(p.get("end"), where))
                        for p in e.get("periods") or ())
        entity = Entity(code, country, sector, str(e.get("name")), "institution", periods)
        for s in _strings(e.get("names"), where):
            add(s, entity)

    persons = tuple(_load_people())
    person_names: dict[str, Person] = {}
    surnames: dict[str, list[Person]] = {}
    for p in persons:
        for n in p.names:
            person_names[n] = p
        surnames.setdefault(p.surname, []).append(p)

    roles_raw = load_yaml("roles.yaml")
    roles: dict[str, str] = {}
    for sector, nouns in roles_raw["sectors"].items():
        for noun in nouns:
            if roles.setdefault(noun.lower(), sector) != sector:
                raise ConfigError(f"roles.yaml: {noun!r} is listed under {roles[noun.lower()]} and {sector}")
    places: dict[str, str] = {}
    if _has("places.yaml"):
        for country, names_ in (load_yaml("actors/places.yaml") or {}).items():
            for place in _strings(names_, f"actors/places.yaml {country}"):
                places[place] = _check_code(country, f"actors/places.yaml {place}")
    by_code: dict[str, Entity] = {}
    for bucket in names.values():
        for e in bucket:
            if e.kind in ("state", "bloc", "igo"):
                by_code.setdefault(e.code, e)   # the first entry of a code is the organisation itself
    return KnowledgeBase(
        names={k: tuple(v) for k, v in names.items()}, adjectives=adjectives, people_nouns=people, by_code=by_code,
        persons=persons, person_names=person_names, surnames={k: tuple(v) for k, v in surnames.items()},
        roles=roles, former=frozenset(roles_raw.get("former", ())), ambiguous=ambiguous,
        office_rank=tuple(roles_raw.get("office_rank", ())), place_preps=frozenset(roles_raw.get("place_preps", ())),
        surname_words=frozenset(roles_raw.get("surname_words", ())), places=places,
        local_roles=frozenset(roles_raw.get("local_roles", ())),
        collectives=frozenset(roles_raw.get("collectives", ())), ethnic=frozenset(roles_raw.get("ethnic", ())),
        foreign_roles=frozenset(roles_raw.get("foreign_roles", ())),
        not_actor_heads=frozenset(roles_raw.get("not_actor_heads", ())),
        allegiance_words=frozenset(roles_raw.get("allegiance_words", ())),
        member_nouns=frozenset(roles_raw.get("member_nouns", ())),
    )


def _has(name: str) -> bool:
    from .data_files import data_path

    return data_path(f"actors/{name}").is_file()


def _people_files() -> list[str]:
    from .data_files import data_path

    folder = data_path("actors")
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("people") and p.name.endswith(".yaml"))


def _load_people() -> Iterable[Person]:
    seen: dict[str, str] = {}
    for file in _people_files():
        for i, e in enumerate(_entries(file)):
            where = f"actors/{file} entry {i + 1} ({e.get('name')})"
            if str(e.get("name")) in seen:
                raise ConfigError(f"{where}: {e.get('name')} is already in {seen[str(e.get('name'))]}; "
                                  f"give one person one entry with all their roles")
            seen[str(e.get("name"))] = file
            yield _person(e, where)


def _person(e: dict[str, Any], where: str) -> Person:
    roles = []
    for r in e.get("roles") or ():
        start = _as_date(r.get("start"), where)
        if start is None:
            raise ConfigError(f"{where}: a role needs a start date")
        roles.append(Tenure(
            country=_check_code(r.get("country"), where), sector=str(r.get("sector") or "GOV"),
            office=str(r.get("office") or ""), titles=tuple(t.lower() for t in _strings(r.get("titles"), where)),
            start=start, end=_as_date(r.get("end"), where),
        ))
    names = _strings(e.get("names"), where) or (str(e["name"]),)
    surname = str(e.get("surname") or str(e["name"]).split()[-1])
    return Person(name=str(e["name"]), names=tuple(dict.fromkeys((str(e["name"]),) + names)),
                  surname=surname, roles=tuple(sorted(roles, key=lambda r: r.start)))
