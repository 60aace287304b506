"""Dependency-pattern event coder: a parsed sentence and its actors -> Events.

A token whose lemma and part of speech match a lexicon entry is a trigger.  Its source and
target come from the parse: subject / object / prepositional objects for verbs (passive voice
swapped through the "by" agent), possessor / adjective / prepositional objects for nouns, and
the light verb's subject for nouns like "held talks".  Several actors on one side give one
event per ordered pair; a joint subject with no target ("A and B signed") pairs its members.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any, Iterable

from .actors import DocActors
from .lexicon import LexEntry, Lexicon
from .model import Actor, Event
from .ontology import SYMMETRIC_TYPES, Ontology

_SUBJECTS = ("nsubj", "csubj")
_OWNER_DEPS = ("poss", "amod", "compound", "nmod")


@dataclass(frozen=True)
class SentenceContext:
    article_id: str
    published: str | None
    offset: int                     # character offset of the paragraph in the article text


@dataclass(frozen=True)
class Side:
    actors: tuple[Actor, ...]
    path: str


class EventCoder:
    def __init__(self, lexicon: Lexicon, ontology: Ontology) -> None:
        self.lex = lexicon
        self.syn = lexicon.syntax
        self.onto = ontology

    def code(self, sent: Any, actors: DocActors, ctx: SentenceContext) -> list[Event]:
        events: dict[tuple[str, str, str], Event] = {}
        for tok in sent:
            pos = "VERB" if tok.pos_ == "VERB" else "NOUN" if tok.pos_ in ("NOUN", "PROPN") else None
            if pos is None:
                continue
            entry = self._choose(tok, self.lex.candidates(tok.lemma_.lower(), pos))
            if entry is None:
                continue
            source, target = (self._verb_sides if pos == "VERB" else self._noun_sides)(tok, entry, actors)
            for s, t in _pairs(source.actors, target.actors, entry.type):
                event = self._event(sent, tok, entry, s, t, source.path, target.path, actors, ctx)
                key = (s.code, t.code if t else "", entry.type)
                if key not in events or events[key].confidence < event.confidence:
                    events[key] = event
        return list(events.values())

    # -- choosing the lexicon entry ---------------------------------------------------------
    def _choose(self, tok: Any, entries: Iterable[LexEntry]) -> LexEntry | None:
        objects = {c.lemma_.lower() for c in _objects(tok)}
        particles = {c.lower_ for c in tok.children if c.dep_ == "prt"}
        for e in entries:
            if e.objects and not (objects & e.objects):
                continue
            if e.particle and e.particle not in particles:
                continue
            return e
        return None

    # -- arguments of verbs -----------------------------------------------------------------
    def _verb_sides(self, verb: Any, entry: LexEntry, actors: DocActors) -> tuple[Side, Side]:
        passive_subject = [c for c in verb.children if c.dep_ == "nsubjpass"]
        agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if passive_subject or agents:
            source = self._side(agents, actors, "agent")
            target = self._side(passive_subject, actors, "nsubjpass")
            return source, target
        source = self._subject(verb, actors)
        target = self._target(verb, entry, actors)
        if not target.actors and entry.xcomp:
            for comp in (c for c in verb.children if c.dep_ in ("xcomp", "ccomp")):
                target = self._target(comp, entry, actors)
                if not target.actors:
                    target = self._first_actor_in(comp, actors, source.actors)
                if target.actors:
                    break
        return source, target

    def _subject(self, verb: Any, actors: DocActors) -> Side:
        """The verb's subject, climbing through coordinated, controlled and relative clauses."""
        node, hops = verb, []
        for _ in range(4):
            subjects = [c for c in node.children if c.dep_ in _SUBJECTS]
            if subjects:
                side = self._side(subjects, actors, "/".join(hops + ["nsubj"]))
                if not side.actors:
                    side = self._side([o for s in subjects for o in _possessors(s)], actors, "/".join(hops + ["nsubj", "poss"]))
                return side
            if node.dep_ in ("conj", "xcomp", "advcl") and node.head is not node:
                hops.append(node.dep_)
                node = node.head
            elif node.dep_ in ("relcl", "acl") and node.head is not node:
                head = node.head
                side = self._side([head], actors, "/".join(hops + [node.dep_]))
                if not side.actors:
                    side = self._side(_possessors(head), actors, "/".join(hops + [node.dep_, "poss"]))
                return side
            else:
                break
        return Side((), "no subject")

    def _target(self, head: Any, entry: LexEntry, actors: DocActors) -> Side:
        objects = [c for c in head.children if c.dep_ in ("dobj", "dative", "attr", "oprd")]
        side = self._side(objects, actors, "dobj")
        if side.actors:
            return side
        preps = set(entry.preps) or self.syn.target_preps
        # "sent containers to Russia": the parser often hangs the prepositional phrase on the object
        holders = [head] + [o for o in objects if o.dep_ == "dobj"]
        pobjs = [g for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in preps - {"of"}
                 for g in c.children if g.dep_ == "pobj"]
        side = self._side(pobjs, actors, "prep/pobj")
        if side.actors:
            return side
        owners = [o for obj in objects + pobjs for o in _owners(obj)]
        return self._side(owners, actors, "obj/owner")

    def _first_actor_in(self, node: Any, actors: DocActors, exclude: tuple[Actor, ...]) -> Side:
        countries = {a.country for a in exclude}
        for tok in node.subtree:
            found = [a for a in actors.actors_at(tok) if a.country not in countries]
            if found:
                return Side(tuple(found), f"{node.dep_}/subtree")
        return Side((), "")

    # -- arguments of nouns -----------------------------------------------------------------
    def _noun_sides(self, noun: Any, entry: LexEntry, actors: DocActors) -> tuple[Side, Side]:
        owners = [c for c in noun.children if c.dep_ in _OWNER_DEPS]
        source = self._side(owners, actors, "noun/poss-amod")
        by = [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children if g.dep_ == "pobj"]
        if not source.actors and by:
            source = self._side(by, actors, "noun/by")
        head = noun.head
        if not source.actors and noun.dep_ == "dobj" and head.lemma_.lower() in self.syn.light_verbs:
            source = self._subject(head, actors)
            source = Side(source.actors, f"light verb '{head.text}'/{source.path}")
        between = [g for c in noun.children if c.dep_ == "prep" and c.lower_ in self.syn.between_preps
                   for g in c.children if g.dep_ == "pobj"]
        if between and not source.actors:
            return self._side(between, actors, "noun/between"), Side((), "")
        preps = (set(entry.preps) or self.syn.target_preps) - {"by"}
        holders = [noun] + ([head] if noun.dep_ == "dobj" and head.lemma_.lower() in self.syn.light_verbs else [])
        pobjs = [g for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in preps
                 for g in c.children if g.dep_ == "pobj"]
        target = self._side(pobjs, actors, "noun/prep")
        if not target.actors:
            target = self._side([o for p in pobjs for o in _owners(p)], actors, "noun/prep/owner")
        if not target.actors and entry.xcomp:
            for comp in (c for c in noun.children if c.dep_ == "acl"):
                target = self._first_actor_in(comp, actors, source.actors)
                if target.actors:
                    break
        return source, target

    # -- helpers ----------------------------------------------------------------------------
    def _side(self, tokens: Iterable[Any], actors: DocActors, path: str) -> Side:
        found: list[Actor] = []
        for tok in tokens:
            for t in (tok, *tok.conjuncts):
                for a in actors.actors_at(t):
                    if a not in found:
                        found.append(a)
        return Side(tuple(found), path)

    def _event(self, sent: Any, tok: Any, entry: LexEntry, s: Actor, t: Actor | None, spath: str, tpath: str,
               actors: DocActors, ctx: SentenceContext) -> Event:
        cameo = self.onto.cameo(entry.cameo)
        status, claimed_by = self._status(tok, s, actors)
        start = ctx.offset + sent.start_char
        key = f"{ctx.article_id}|{start}|{tok.i}|{s.code}|{t.code if t else ''}|{entry.type}"
        confidence = 0.8 if tok.pos_ == "VERB" else 0.65
        if "owner" in tpath or "subtree" in tpath:
            confidence -= 0.15
        return Event(
            id=hashlib.sha1(key.encode()).hexdigest()[:16], type=entry.type, mode=entry.mode or cameo.mode,
            context=entry.context or cameo.context, cameo=entry.cameo, quad_class=cameo.quad_class,
            goldstein=cameo.goldstein, source=s, target=t, status=status, claimed_by=claimed_by,
            date=ctx.published, date_text=None, sentence=sent.text, start=start, end=ctx.offset + sent.end_char,
            trigger=tok.text, confidence=round(confidence, 2),
            reason=(entry.describe(), f"trigger '{tok.text}' ({tok.dep_} of '{tok.head.text}')",
                    f"source via {spath}", f"target via {tpath}"),
        )

    def _status(self, tok: Any, source: Actor, actors: DocActors) -> tuple[str, Actor | None]:
        """negated > hypothetical > intended > claimed > asserted."""
        anchor = tok.head if tok.pos_ != "VERB" and tok.dep_ == "dobj" else tok
        words = {c.lower_ for c in anchor.children if c.dep_ in ("aux", "neg", "mark", "det")}
        words |= {c.lower_ for c in tok.children if c.dep_ in ("neg", "det")}
        if words & self.syn.negation:
            return "negated", None
        if words & self.syn.hypothetical:
            return "hypothetical", None
        if words & self.syn.intended or (anchor.dep_ == "xcomp" and anchor.head.lemma_.lower() in self.syn.intent_verbs):
            return "intended", None
        return self._attribution(anchor, source, actors)

    def _attribution(self, node: Any, source: Actor, actors: DocActors) -> tuple[str, Actor | None]:
        for n in [node, *node.ancestors]:
            for c in n.children:
                if c.dep_ == "prep" and c.lower_ in self.syn.attribution_preps:
                    who = [g for p in c.subtree for g in [p] if g.dep_ == "pobj"]
                    side = self._side(who, actors, "")
                    return "claimed", (side.actors[0] if side.actors else None)
        child = node
        for n in node.ancestors:
            if n.lemma_.lower() in self.syn.reporting_verbs and child.dep_ in ("ccomp", "parataxis", "conj", "advcl", "xcomp") and child is not n:
                side = self._subject(n, actors)
                reporter = side.actors[0] if side.actors else None
                if reporter and reporter.country == source.country:
                    return "asserted", None
                return "claimed", reporter
            child = n
        return "asserted", None


def _objects(tok: Any) -> list[Any]:
    direct = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "attr", "pobj")]
    direct += [g for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    return direct + [c for d in direct for c in d.conjuncts]


def _possessors(tok: Any) -> list[Any]:
    return [c for c in tok.children if c.dep_ == "poss"]


def _owners(tok: Any, depth: int = 2) -> list[Any]:
    """Who a non-actor object belongs to: "Washington's efforts", "the policy of the United
    States", "Western sanctions", "the alliance with Moscow"."""
    found = [c for c in tok.children if c.dep_ in _OWNER_DEPS]
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("of", "with"):
            for g in c.children:
                if g.dep_ == "pobj":
                    found.append(g)
                    if depth > 1:
                        found.extend(_owners(g, depth - 1))
    return found


def _pairs(sources: tuple[Actor, ...], targets: tuple[Actor, ...], ptype: str) -> list[tuple[Actor, Actor | None]]:
    pairs: list[tuple[Actor, Actor | None]] = []
    if targets:
        pairs = [(s, t) for s in sources for t in targets]
    elif len(sources) > 1 and ptype in SYMMETRIC_TYPES:
        pairs = [(s, t) for s in sources for t in sources if s is not t]
    return [(s, t) for s, t in pairs if t is None or s.code != t.code]
