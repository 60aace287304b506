"""Dependency-pattern event coder: a parsed sentence and its actors -> Events.

A token whose lemma and part of speech match a lexicon entry is a trigger.  Its source and
target come from the parse: subject / object / prepositional objects for verbs (passive voice
swapped through the "by" agent), possessor / adjective / prepositional objects for nouns, and
the light verb's subject for nouns like "held talks".  Several actors on one side give one
event per ordered pair; a joint subject with no target ("A and B signed") pairs its members.
"""
from __future__ import annotations

import hashlib
from datetime import date
from dataclasses import dataclass
from typing import Any, Iterable

from .actors import DocActors
from .status import StatusRules
from .dates import EventDate, event_date
from .lexicon import LexEntry, Lexicon
from .model import Actor, Event
from .ontology import Ontology
from .parse_tree import OWNER_DEPS as _OWNER_DEPS, SUBJECTS as _SUBJECTS
from .parse_tree import demand_clause as _demand_clause, modifiers as _modifiers, object_lemmas as _object_lemmas
from .parse_tree import owners as _owners, pairs as _pairs, possessors as _possessors, prep_objects as _prep_objects

_RELATIVES = frozenset({"which", "who", "that", "whom"})


@dataclass(frozen=True)
class SentenceContext:
    article_id: str
    published: str | None
    offset: int                     # character offset of the paragraph in the article text


@dataclass(frozen=True)
class Side:
    actors: tuple[Actor, ...]
    path: str


class EventCoder(StatusRules):
    def __init__(self, lexicon: Lexicon, ontology: Ontology) -> None:
        self.lex = lexicon
        self.syn = lexicon.syntax
        self.onto = ontology

    def code(self, sent: Any, actors: DocActors, ctx: SentenceContext) -> list[Event]:
        triggers = self._triggers(sent)
        events: dict[tuple[str, str, str], Event] = {}
        for tok, entry in triggers.items():
            if self._subsumed(tok, triggers) or self._promise_of(tok, triggers):
                continue
            support = None if entry.pos == "VERB" else self._support_verb(tok, triggers)
            if entry.pos == "VERB":
                source, target = self._verb_sides(tok, entry, actors)
            else:
                source, target = self._noun_sides(tok, entry, actors, support=support)
            if entry.line == 0:    # a reported demand: the clause's subject is the one asked
                target = self._side([c for c in _demand_clause(tok, self.syn.demand_modals).children
                                     if c.dep_ in _SUBJECTS], actors, "ccomp/nsubj (demand)")
            if (not target.actors and len(source.actors) == 1 and entry.type in self.syn.place_target_types
                    and (place := self._place(tok, support, actors)) is not None):
                target = Side((place,), "place")    # "reimposed a blockade in the West Bank"
            if not target.actors and len(source.actors) == 1:
                target = self._domestic(tok, support, entry, source.actors[0], actors)
            if (self._reciprocal(tok) or entry.mutual) and len(source.actors) > 1 and not target.actors:
                target = Side(source.actors, "each other")
            for s, t in _pairs(source.actors, target.actors, entry.type, self.syn.single_actor_types):
                event = self._event(sent, tok, entry, s, t, source.path, target.path, actors, ctx, support)
                key = (s.code, t.code if t else "", event.type)
                if key not in events or events[key].confidence < event.confidence:
                    events[key] = event
        return list(events.values())

    def _reciprocal(self, tok: Any) -> bool:
        """"Russia and Ukraine accused each other": the object names the subjects themselves."""
        for c in tok.children:
            if c.dep_ in ("dobj", "pobj", "prep"):
                words = " ".join(t.lower_ for t in c.subtree)
                if any(words.endswith(r) or words == r for r in self.syn.reciprocal):
                    return True
        return False

    def _triggers(self, sent: Any) -> dict[Any, LexEntry]:
        found = {}
        for tok in sent:
            if (tok.pos_ == "VERB" and tok.lemma_.lower() in self.syn.reporting_verbs
                    and _demand_clause(tok, self.syn.demand_modals) is not None):
                found[tok] = self._demand_entry(tok)    # "Russia said Sudan must return the helicopter"
                continue
            if tok.pos_ == "VERB" and tok.dep_ not in ("amod", "compound"):
                pos = "VERB"     # "a proposed deal" is no proposal event
            elif tok.pos_ in ("NOUN", "PROPN") and tok.dep_ != "compound":
                pos = "NOUN"     # "riot police", "aid workers": the noun only modifies
            else:
                continue
            lemma = tok.lemma_.lower()
            lemma = self.syn.lemma_fixes.get(tok.lower_, lemma)
            entry = self._choose(tok, self.lex.candidates(lemma, pos))
            if entry is not None:
                found[tok] = entry
        return found

    def _demand_entry(self, tok: Any) -> LexEntry:
        code = self.onto.cameo(self.syn.demand_cameo)
        return LexEntry(lemma=tok.lemma_.lower(), pos="VERB", type=code.plover or "REQUEST", mode=None,
                        cameo=code.code, context=(), objects=frozenset(), particle=None, preps=(), xcomp=False, line=0)

    def _subsumed(self, tok: Any, triggers: dict[Any, LexEntry]) -> bool:
        """One event per act: "threatened to attack" is a threat, not also an attack; "offered
        aid" is an offer, not also a delivery; "signed a pact" is one agreement."""
        head = tok.head
        if head is tok or head not in triggers:
            return False
        governing = triggers[head]
        if tok.dep_ in ("xcomp", "ccomp", "acl") and governing.xcomp:
            return not self._promise_of(head, triggers)
        return tok.dep_ in ("dobj", "nsubjpass") and tok.pos_ != "VERB" and bool(governing.objects)

    def _promise_of(self, verb: Any, triggers: dict[Any, LexEntry]) -> bool:
        """"vowed to strike", "pledged to send": a promise whose content is itself an event is
        coded as that event, intended (AGREE for cooperation, THREATEN for force)."""
        entry = triggers.get(verb)
        return (entry is not None and entry.type == "AGREE" and verb.lemma_.lower() in self.syn.intent_verbs
                and any(c.dep_ == "xcomp" and c in triggers and triggers[c].type in self.syn.intended_as
                        for c in verb.children))

    # -- choosing the lexicon entry ---------------------------------------------------------
    def _choose(self, tok: Any, entries: Iterable[LexEntry]) -> LexEntry | None:
        """The most specific entry whose constraints hold; direct objects (and for nouns their
        modifiers: "hunger strike") are tried before prepositional objects."""
        entries = tuple(entries)
        if not entries:
            return None
        particles = {c.lower_ for c in tok.children if c.dep_ == "prt"}
        direct, indirect = _object_lemmas(tok)
        for objects in (direct, indirect):
            for e in entries:
                if e.objects and objects & e.objects and (not e.particle or e.particle in particles):
                    return e
        for e in entries:
            if not e.objects and (not e.particle or e.particle in particles):
                return e
        return None

    # -- arguments of verbs -----------------------------------------------------------------
    def _verb_sides(self, verb: Any, entry: LexEntry, actors: DocActors) -> tuple[Side, Side]:
        passive_subject = [c for c in verb.children if c.dep_ == "nsubjpass"]
        agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if passive_subject and not agents and verb.lemma_.lower() in self.syn.stative_passives:
            # "Israel is opposed to the plan", "is committed to": a state of the subject, no passive act
            return self._side(passive_subject, actors, "nsubj (stative)"), self._target(verb, entry, actors)
        if passive_subject or agents:
            source = self._side(agents, actors, "agent")
            if not source.actors:    # "struck by Russian missiles"
                source = self._side([o for a in agents for o in _modifiers(a)], actors, "agent/owner")
            target = self._side(passive_subject, actors, "nsubjpass")
            return source, target
        source = self._subject(verb, actors)
        target = self._target(verb, entry, actors)
        if not target.actors and not entry.xcomp:
            # "send material to help defend Saudi Arabia": the purpose clause names who benefits
            target = self._purpose(verb, actors, source.actors)
        if not target.actors and entry.xcomp:
            for comp in (c for c in verb.children if c.dep_ in ("xcomp", "ccomp")):
                # "demanded that Washington end ...": the one asked is the clause's subject
                subjects = [c for c in comp.children if c.dep_ in _SUBJECTS] if comp.dep_ == "ccomp" else []
                target = self._side(subjects, actors, "ccomp/nsubj")
                if not target.actors:
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
            if subjects and node.dep_ == "relcl" and all(c.lower_ in _RELATIVES for c in subjects):
                subjects = [node.head]   # "North Korea, which has sent shells": the antecedent
            if subjects:
                side = self._side(subjects, actors, "/".join(hops + ["nsubj"]))
                if not side.actors:   # "Russian missiles struck Kyiv", "His remarks supporting ..."
                    side = self._side([o for s in subjects for o in _modifiers(s)], actors, "/".join(hops + ["nsubj", "owner"]))
                return side
            # "Syria says it is willing to withdraw": an adjective complement's subject is its verb's
            if node.dep_ in ("conj", "xcomp", "advcl", "acomp") and node.head is not node:
                hops.append(node.dep_)
                node = node.head
            elif node.dep_ in ("relcl", "acl") and node.head is not node:
                head = node.head
                side = self._side([head], actors, "/".join(hops + [node.dep_]))
                if not side.actors:
                    side = self._side(_possessors(head), actors, "/".join(hops + [node.dep_, "poss"]))
                if side.actors or not (node.dep_ == "acl" and node.tag_ == "VBG" and head.dep_ == "dobj"):
                    return side
                hops.append("acl/dobj")    # "issued a statement condemning X": whoever issued it
                node = head.head
            else:
                break
        return Side((), "no subject")

    def _target(self, head: Any, entry: LexEntry, actors: DocActors) -> Side:
        """Direct object, then a target preposition on the verb, then whose the object is
        ("backed Putin's war"), then a preposition on the object ("sent shells to Russia"),
        and last a place ("imposed a curfew in Dhaka")."""
        objects = [c for c in head.children if c.dep_ in ("dobj", "attr", "oprd")]
        objects += [c for c in head.children if c.dep_ == "dative" and c.pos_ != "ADP"]
        preps = set(entry.preps) or self.syn.target_preps
        strong, weak = preps - self.syn.weak_target_preps, preps & self.syn.weak_target_preps
        # "sent weapons to Russia": the parser marks "to" as a dative, not a preposition
        on_verb = _prep_objects([head], strong, ("prep", "dative"))
        on_object = _prep_objects([o for o in objects if o.dep_ == "dobj"], strong - {"of", "with"}, ("prep",))
        places = _prep_objects([head] + [o for o in objects if o.dep_ == "dobj"], weak, ("prep",))
        for tokens, path in ((objects, "dobj"), (on_verb, "prep/pobj"),
                             ([o for obj in objects for o in _owners(obj)], "dobj/owner"),
                             (on_object, "dobj/prep/pobj"),
                             ([o for p in on_verb + on_object for o in _owners(p)], "pobj/owner"),
                             (places, "place")):
            side = self._side(tokens, actors, path)
            if side.actors:
                return side
        return Side((), "no target")

    def _purpose(self, verb: Any, actors: DocActors, exclude: tuple[Actor, ...]) -> Side:
        """The first actor of an infinitive purpose clause: "sent aid to help Sudan", "began a
        hunger strike to protest the government's decision"."""
        for comp in (c for c in verb.children if c.dep_ in ("advcl", "xcomp")
                     and any(a.lower_ == "to" and a.dep_ == "aux" for a in c.children)):
            found = self._first_actor_in(comp, actors, exclude)
            if found.actors:
                return Side(found.actors, "purpose clause")
        return Side((), "no target")

    def _domestic(self, tok: Any, support: Any | None, entry: LexEntry, source: Actor, actors: DocActors) -> Side:
        """"Egyptian police dispersed demonstrators": an argument named only by its role, with no
        country in sight, is the compatriot of a source acting at home (syntax.yaml domestic_targets)."""
        wanted = self.syn.domestic_targets.get(source.sector or "")
        if not wanted or not source.country or source.code.startswith(("IGO", "NGO")):
            return Side((), "")
        holders = [tok] + ([support] if support is not None else [])
        preps = (set(entry.preps) or self.syn.target_preps) - self.syn.weak_target_preps - {"by"}
        args = [c for h in holders for c in h.children if c.dep_ in ("dobj", "nsubjpass") and c is not tok]
        args += _prep_objects(holders, preps, ("prep", "dative"))
        args += [o for a in list(args) for o in _owners(a)]     # "the rally staged by students"
        for arg in args:
            arg = self._unwrap_quantity(arg)
            sector = actors.unplaced.get(arg.i)
            if sector in wanted:
                return Side((Actor(source.country + sector, source.country, sector, None, arg.text),), "domestic role")
        return Side((), "")

    def _first_actor_in(self, node: Any, actors: DocActors, exclude: tuple[Actor, ...]) -> Side:
        countries = {a.country for a in exclude}
        for tok in node.subtree:
            found = [a for a in actors.actors_at(tok) if a.country not in countries]
            if found:
                return Side(tuple(found), f"{node.dep_}/subtree")
        return Side((), "")

    # -- arguments of nouns -----------------------------------------------------------------
    def _support_verb(self, noun: Any, triggers: dict[Any, LexEntry]) -> Any | None:
        """The verb that carries a noun event: a light verb ("held talks"), or any verb that is
        no event itself ("renewed negotiations", "upgraded ties")."""
        head = noun.head
        if noun.dep_ in ("dobj", "nsubjpass") and head.pos_ in ("VERB", "AUX") and (
                head.lemma_.lower() in self.syn.light_verbs or head not in triggers):
            return head
        # "went on hunger strike", "are on strike": the noun is the object of the verb's preposition
        if (noun.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in self.syn.prep_support["preps"]
                and head.head.lemma_.lower() in self.syn.prep_support["verbs"] and head.head not in triggers):
            return head.head
        return None

    def _noun_sides(self, noun: Any, entry: LexEntry, actors: DocActors, support: Any | None) -> tuple[Side, Side]:
        owners = [c for c in noun.children if c.dep_ in _OWNER_DEPS]
        source = self._side(owners, actors, "noun/poss" if any(c.dep_ == "poss" for c in owners) else "noun/amod")
        by = [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children if g.dep_ == "pobj"]
        if not source.actors and by:
            source = self._side(by, actors, "noun/by")
        if not source.actors and support is not None:
            source = self._subject(support, actors)
            source = Side(source.actors, f"support verb '{support.text}'/{source.path}")
        between = [g for c in noun.children if c.dep_ == "prep" and c.lower_ in self.syn.between_preps
                   for g in c.children if g.dep_ == "pobj"]
        if between and not source.actors:
            return self._side(between, actors, "noun/between"), Side((), "")
        preps = (set(entry.preps) or self.syn.target_preps) - {"by"}
        if source.actors and "poss" in source.path:
            preps = preps | {"of"}     # "Estonia's expulsion of a Russian diplomat": of names the target
        holders = [noun] + ([support] if support is not None else [])
        strong, weak = preps - self.syn.weak_target_preps, preps & self.syn.weak_target_preps
        pobjs = _prep_objects(holders, strong, ("prep", "dative"))
        target = self._side(pobjs, actors, "noun/prep")
        if not target.actors:
            target = self._side([o for p in pobjs for o in _owners(p)], actors, "noun/prep/owner")
        if not target.actors and support is not None and not entry.xcomp:
            target = self._purpose(support, actors, source.actors)
        if not target.actors:
            target = self._side(_prep_objects(holders, weak, ("prep",)), actors, "noun/place")
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
            tok = self._unwrap_quantity(tok)
            for t in (tok, *tok.conjuncts):
                for a in actors.actors_at(t):
                    if a not in found:
                        found.append(a)
        return Side(tuple(found), path)

    def _unwrap_quantity(self, tok: Any) -> Any:
        """"thousands of protesters", "a group of soldiers": the actor is what is counted."""
        if tok.lemma_.lower() in self.syn.quantity_nouns:
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    for g in c.children:
                        if g.dep_ == "pobj":
                            return self._unwrap_quantity(g)
        return tok

    def _event(self, sent: Any, tok: Any, entry: LexEntry, s: Actor, t: Actor | None, spath: str, tpath: str,
               actors: DocActors, ctx: SentenceContext, support: Any | None = None) -> Event:
        cameo = self.onto.cameo(entry.cameo)
        status, claimed_by = self._status(tok, s, actors, support)
        when = event_date([e for e in sent.ents if e.label_ == "DATE"], tok, ctx.published)
        place = self._place(tok, support, actors)
        if status == "asserted" and _long_before(when, ctx.published, self.syn.historical_after_days):
            status = "historical"
        ptype, mode, reason = entry.type, entry.mode or cameo.mode, entry.describe()
        if status == "intended" and entry.type in self.syn.intended_as:
            cameo = self.onto.cameo(self.syn.intended_as[entry.type])
            ptype, mode = cameo.plover or ptype, cameo.mode
            reason += f"; intended {entry.type} coded as {ptype} {cameo.code} (syntax.yaml intended_as)"

        start = ctx.offset + sent.start_char
        key = f"{ctx.article_id}|{start}|{tok.i}|{s.code}|{t.code if t else ''}|{entry.type}"
        confidence = 0.8 if tok.pos_ == "VERB" else 0.65
        if "owner" in tpath or "subtree" in tpath:
            confidence -= 0.15
        return Event(
            id=hashlib.sha1(key.encode()).hexdigest()[:16], type=ptype, mode=mode,
            context=entry.context or cameo.context, cameo=cameo.code, quad_class=cameo.quad_class,
            goldstein=cameo.goldstein, source=s, target=t, status=status, claimed_by=claimed_by,
            date=when.date, date_text=when.text, date_precision=when.precision, sentence=sent.text,
            place=place.text if place else None, place_country=place.country if place else None, start=start, end=ctx.offset + sent.end_char,
            trigger=tok.text, confidence=round(confidence, 2),
            reason=(reason, f"trigger '{tok.text}' ({tok.dep_} of '{tok.head.text}')",
                    f"source via {spath}", f"target via {tpath}"),
        )

    def _place(self, tok: Any, support: Any | None, actors: DocActors) -> Actor | None:
        """Where the event happened: a place or state after a preposition of place on the trigger
        or its verb ("struck Kharkiv" is a target; "met in Beijing" is a place)."""
        for holder in (tok, support, tok.head if tok.pos_ != "VERB" else None):
            if holder is None:
                continue
            for c in holder.children:
                if c.dep_ == "prep" and c.lower_ in self.syn.weak_target_preps:
                    # "fired at targets in Jericho": the place can sit on the first object of place
                    objs = [g for g in c.children if g.dep_ == "pobj"]
                    deeper = [] if any(actors.actors_at(g) for g in objs) else _prep_objects(objs, self.syn.weak_target_preps, ("prep",))
                    for g in objs + deeper:
                        found = [a for a in actors.actors_at(g) if a.country and a.sector in (None, "GOV")
                                 and not a.code.startswith(("IGO", "NGO"))]
                        if found:
                            return found[0]
        return None

    def subject_of(self, verb: Any, actors: DocActors) -> Side:
        """Public twin of the subject finder, for the quote and claim extractors."""
        return self._subject(verb, actors)

def _long_before(when: EventDate, published: str | None, days: int) -> bool:
    """A background fact: the sentence dates the event well before the article."""
    if not (when.text and when.date and published):
        return False
    return (date.fromisoformat(published[:10]) - date.fromisoformat(when.date)).days > days
