"""The event lexicon (data/lexicon.yaml) and parse rules (data/syntax.yaml), validated on load."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .data_files import load_yaml
from .errors import ConfigError
from .ontology import PLOVER_TYPES, Ontology, load_ontology


@dataclass(frozen=True)
class LexEntry:
    lemma: str
    pos: str                      # VERB | NOUN
    type: str
    mode: str | None
    cameo: str
    context: tuple[str, ...]
    objects: frozenset[str]       # empty: any object
    particle: str | None
    preps: tuple[str, ...]
    xcomp: bool
    line: int
    mutual: bool = False          # a joint subject acts on each other: "exchanged fire"                     # position in lexicon.yaml, for --explain
    needs_complement: bool = False   # only when its infinitive complement is an event: "declined to resign"
    needs_infinitive: bool = False   # only with an infinitive complement: "ordered Menem to appear", not "ordered jets"

    @property
    def specificity(self) -> int:
        return 2 * bool(self.objects) + bool(self.particle)

    def describe(self) -> str:
        if self.line == 0:
            return f"reported demand: '{self.lemma}' with a clause under must/should (syntax.yaml demand_modals) -> {self.type} {self.cameo}"
        extra = f" objects={sorted(self.objects)}" if self.objects else ""
        extra += f" particle={self.particle}" if self.particle else ""
        return f"lexicon entry #{self.line}: {self.lemma}/{self.pos} -> {self.type} {self.cameo}{extra}"


@dataclass(frozen=True)
class Syntax:
    light_verbs: frozenset[str]
    target_preps: frozenset[str]
    weak_target_preps: frozenset[str]
    between_preps: frozenset[str]
    reporting_verbs: frozenset[str]
    attribution_preps: frozenset[str]
    intended: frozenset[str]
    hypothetical: frozenset[str]
    negation: frozenset[str]
    intent_verbs: frozenset[str]
    denial_verbs: frozenset[str]
    stative_passives: frozenset[str]
    frame_nouns: frozenset[str]
    demand_nouns: frozenset[str]
    object_subtree_types: frozenset[str]
    undergo_verbs: frozenset[str]
    purpose_nouns: frozenset[str]
    place_target_types: frozenset[str]
    domestic_targets: dict[str, frozenset[str]]   # source sector -> roles read as its compatriots
    compatriot_sources: dict[str, frozenset[str]]   # PLOVER type -> target sectors that make it domestic
    unattributed_sources: dict[str, str]   # PLOVER type -> sector of an unnamed doer at the event's place
    unattributed_subjects: frozenset[str]   # "a roadside bomb killed ...": subjects that name no doer
    prep_support: dict[str, frozenset[str]]
    speech_verbs: frozenset[str]
    qualifiers: dict[str, str]
    size_units: dict[str, frozenset[str]]
    demand_modals: frozenset[str]
    demand_cameo: str
    single_actor_types: frozenset[str]
    single_actor_codes: frozenset[str]   # CAMEO codes coded one-sided whatever their type
    location_nouns: frozenset[str]   # "on the Thai border": where, not whom
    allegation_verbs: frozenset[str]   # "accused X of sending": the act is claimed by the accuser
    object_doer_verbs: frozenset[str]   # "accused X of sending": X sent
    place_frames: frozenset[str]   # "the town of Samarra": a noun that frames a place name
    counted_victims: frozenset[str]   # "killing two others": objects that only count victims
    agentless_state_codes: frozenset[str]   # state acts whose agentless passive is done by the place's state
    reciprocal: frozenset[str]
    quantity_nouns: frozenset[str]
    lemma_fixes: dict[str, str]
    intended_as: dict[str, str]      # PLOVER type -> CAMEO code of the intention or threat
    negated_as: dict[str, str]       # PLOVER type -> CAMEO code of its refusal
    inability: frozenset[str]        # modals that make a negated act a failure, not a refusal
    historical_after_days: int


@dataclass(frozen=True)
class Lexicon:
    entries: dict[tuple[str, str], tuple[LexEntry, ...]]   # (lemma, pos) -> entries, most specific first
    syntax: Syntax

    def candidates(self, lemma: str, pos: str) -> tuple[LexEntry, ...]:
        return self.entries.get((lemma, pos), ())


def _entry(raw: dict[str, Any], number: int, onto: Ontology) -> LexEntry:
    where = f"lexicon.yaml entry #{number} ({raw.get('lemma')!r})"
    lemma, pos, ptype = raw.get("lemma"), raw.get("pos"), raw.get("type")
    cameo = raw.get("cameo")
    if not isinstance(lemma, str) or not lemma or lemma != lemma.lower():
        raise ConfigError(f"{where}: lemma must be a lower-case word")
    if pos not in ("VERB", "NOUN"):
        raise ConfigError(f"{where}: pos must be VERB or NOUN, got {pos!r}")
    if ptype not in PLOVER_TYPES:
        raise ConfigError(f"{where}: unknown PLOVER type {ptype!r}")
    if not isinstance(cameo, str) or cameo not in onto.codes:
        raise ConfigError(f"{where}: unknown CAMEO code {cameo!r} (write it as a quoted string)")
    return LexEntry(
        lemma=lemma, pos=pos, type=ptype, mode=raw.get("mode") or None, cameo=cameo,
        context=tuple(raw.get("context") or ()), objects=frozenset(o.lower() for o in raw.get("objects") or ()),
        particle=raw.get("particle") or None, preps=tuple(raw.get("preps") or ()), xcomp=bool(raw.get("xcomp")),
        line=number, mutual=bool(raw.get("mutual")), needs_complement=bool(raw.get("needs_complement")),
        needs_infinitive=bool(raw.get("needs_infinitive")),
    )


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    onto = load_ontology()
    raw = load_yaml("lexicon.yaml")
    if not isinstance(raw, dict) or not isinstance(raw.get("entries"), list):
        raise ConfigError("lexicon.yaml: expected a mapping with an 'entries' list")
    grouped: dict[tuple[str, str], list[LexEntry]] = {}
    seen: set[tuple] = set()
    for number, item in enumerate(raw["entries"], start=1):
        e = _entry(item, number, onto)
        key = (e.lemma, e.pos, e.objects, e.particle)
        if key in seen:
            raise ConfigError(f"lexicon.yaml entry #{number}: duplicates an earlier entry for {e.lemma}/{e.pos}")
        seen.add(key)
        grouped.setdefault((e.lemma, e.pos), []).append(e)
    entries = {k: tuple(sorted(v, key=lambda e: -e.specificity)) for k, v in grouped.items()}
    s = load_yaml("syntax.yaml")
    fixes = {str(k).lower(): str(v).lower() for k, v in (s.get("lemma_fixes") or {}).items()}
    intended = {str(k): str(v) for k, v in (s.get("intended_as") or {}).items()}
    negated = {str(k): str(v) for k, v in (s.get("negated_as") or {}).items()}
    for table in ("compatriot_sources", "unattributed_sources"):
        unknown = set(s.get(table) or {}) - set(PLOVER_TYPES)
        if unknown:
            raise ConfigError(f"syntax.yaml {table}: {sorted(unknown)} are not PLOVER types")
    for name, table in (("intended_as", intended), ("negated_as", negated)):
        for ptype, code in table.items():
            if ptype not in PLOVER_TYPES or code not in onto.codes:
                raise ConfigError(f"syntax.yaml {name}: {ptype} -> {code} is not a PLOVER type and CAMEO code")
    mapped = ("lemma_fixes", "intended_as", "negated_as", "historical_after_days", "prep_support", "qualifiers", "size_units",
              "demand_cameo", "domestic_targets", "compatriot_sources", "unattributed_sources")
    prep_support = {k: frozenset(str(x) for x in v) for k, v in (s.get("prep_support") or {"preps": [], "verbs": []}).items()}
    syntax = Syntax(lemma_fixes=fixes, intended_as=intended, negated_as=negated, historical_after_days=int(s.get("historical_after_days", 365)),
                    prep_support=prep_support,
                    domestic_targets=_sets(s.get("domestic_targets")), compatriot_sources=_sets(s.get("compatriot_sources")),
                    unattributed_sources={str(k): str(v) for k, v in (s.get("unattributed_sources") or {}).items()},
                    demand_cameo=str(s["demand_cameo"]), qualifiers={str(k).lower(): str(v) for k, v in s["qualifiers"].items()},
                    size_units={str(k): frozenset(str(w) for w in v) for k, v in s["size_units"].items()},
                    **{k: frozenset(str(x) for x in s[k]) for k in Syntax.__dataclass_fields__ if k not in mapped})
    return Lexicon(entries, syntax)


def _sets(table: dict[str, list[Any]] | None) -> dict[str, frozenset[str]]:
    """A syntax.yaml mapping of names to word lists, as sets."""
    return {str(k): frozenset(str(x) for x in v) for k, v in (table or {}).items()}
