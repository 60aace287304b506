"""Small helpers over a spaCy dependency parse that the event coder uses to find a trigger's
arguments: objects, prepositional objects, owners, and the actor pairs an event links."""
from __future__ import annotations

from typing import Any

from .model import Actor
from .ontology import SYMMETRIC_TYPES

SUBJECTS = ("nsubj", "csubj")
RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "whom"})
OWNER_DEPS = ("poss", "amod", "compound", "nmod")


def demand_clause(verb: Any, modals: frozenset[str]) -> Any | None:
    """The reported clause of ``verb`` when it states an obligation ("... must return ...")."""
    for c in verb.children:
        # a verb's reported clause, or a noun's ("a warning that Iraq must ...")
        if c.dep_ in ("ccomp", "acl") and any(a.dep_ == "aux" and a.lower_ in modals for a in c.children):
            return c
    return None


def object_lemmas(tok: Any) -> tuple[set[str], set[str]]:
    """Lemmas of a trigger's direct objects (and, for nouns, of its modifiers), then of its
    prepositional objects; coordinated objects count too."""
    direct = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "attr")] + infinitive_subjects(tok)
    # "the drones that Iran supplied": a relative pronoun object stands for what the clause describes
    direct = [tok.head if c.lower_ in RELATIVE_PRONOUNS and tok.dep_ == "relcl" else c for c in direct]
    if tok.pos_ != "VERB":
        direct += [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod")]   # "artillery and rocket fire"
    indirect = [g for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    # "dozens of missiles", "containers of munitions": what is counted or contained counts too
    direct += [g for d in direct for c in d.children if c.dep_ == "prep" and c.lower_ == "of"
               for g in c.children if g.dep_ == "pobj"]
    lemmas = lambda toks: {t.lemma_.lower() for d in toks for t in (d, *d.conjuncts)}  # noqa: E731
    return lemmas(direct), lemmas(indirect)


def is_infinitive(tok: Any) -> bool:
    """A "to" infinitive: "to return", "to discuss"."""
    return any(a.dep_ == "aux" and a.lower_ == "to" for a in tok.children)


def infinitives(verb: Any, deps: tuple[str, ...]) -> list[Any]:
    """The verb's "to" infinitive clauses under the given dependencies."""
    return [c for c in verb.children if c.dep_ in deps and is_infinitive(c)]


def infinitive_subjects(verb: Any) -> list[Any]:
    """"allowed refugees to return", "urged Iraq to comply": the parser often makes the one
    allowed or urged the subject of the infinitive clause; it is the verb's object."""
    return [s for c in infinitives(verb, ("ccomp",)) for s in c.children if s.dep_ == "nsubj"]


def dangling_objects(head: Any, preps: set[str] | frozenset[str]) -> list[Any]:
    """"granted asylum to five officers holed up in a residence": the parser leaves "to" without
    an object and makes the officers the subject of the participle after it."""
    bare = [c for c in head.children if c.dep_ in ("prep", "dative") and c.lower_ in preps
            and not any(g.dep_ == "pobj" for g in c.children)]
    return [s for p in bare for clause in head.children if clause.dep_ in ("advcl", "ccomp", "acl", "relcl")
            for s in clause.children if s.dep_ in SUBJECTS and s.left_edge.i == p.i + 1]


def prep_objects(heads: list[Any], preps: set[str] | frozenset[str], deps: tuple[str, ...]) -> list[Any]:
    """Objects of the given prepositions attached to any of the heads."""
    return [g for h in heads for c in h.children if c.dep_ in deps and c.lower_ in preps
            for g in c.children if g.dep_ == "pobj"]


def possessors(tok: Any) -> list[Any]:
    return [c for c in tok.children if c.dep_ == "poss"]


def modifiers(tok: Any) -> list[Any]:
    """Who a thing belongs to, from its modifiers: "Russian missiles", "his remarks"."""
    return [c for c in tok.children if c.dep_ in ("poss", "amod", "compound", "nmod")]


def owners(tok: Any, depth: int = 2) -> list[Any]:
    """Who a non-actor object belongs to: "Washington's efforts", "the policy of the United
    States", "Western sanctions", "the alliance with Moscow", "the rally organised by students"."""
    found = [c for c in tok.children if c.dep_ in OWNER_DEPS]
    # a participle's agent: "the rally organised by students" is the students' rally
    holders = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "with", "by")]
    holders += [a for c in tok.children if c.dep_ == "acl" for a in c.children if a.dep_ == "agent"]
    for c in holders:
        for g in c.children:
            if g.dep_ == "pobj":
                found.append(g)
                if depth > 1:
                    found.extend(owners(g, depth - 1))
    return found


def pairs(sources: tuple[Actor, ...], targets: tuple[Actor, ...], ptype: str,
           single_actor_types: frozenset[str]) -> list[tuple[Actor, Actor | None]]:
    pairs: list[tuple[Actor, Actor | None]] = []
    if targets:
        pairs = [(s, t) for s in sources for t in targets]
    elif len(sources) > 1 and ptype in SYMMETRIC_TYPES:
        pairs = [(s, t) for s in sources for t in sources if s is not t]
    elif ptype in single_actor_types:
        pairs = [(s, None) for s in sources]
    # "Russia ... its own sovereignty": a state acting on itself is a parse slip, while one part of
    # a state acting on another (RUSGOV -> RUSOPP) is a domestic event worth keeping
    return [(s, t) for s, t in pairs
            if t is None or (s.code != t.code and not (s.country == t.country and s.sector is None and t.sector is None))]
