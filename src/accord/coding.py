"""Dependency-pattern event coder: a parsed sentence and its actors -> Events.

A token whose lemma and part of speech match a lexicon entry is a trigger.  Its source and
target come from the parse: subject / object / prepositional objects for verbs (passive voice
swapped through the "by" agent), possessor / adjective / prepositional objects for nouns, and
the light verb's subject for nouns like "held talks".  Several actors on one side give one
event per ordered pair; a joint subject with no target ("A and B signed") pairs its members.
Finding the two sides lives in arguments.py, small parse helpers in parse_tree.py.
"""
from __future__ import annotations

import hashlib
from datetime import date
from dataclasses import dataclass
from typing import Any, Iterable

from .actors import DocActors
from .arguments import ArgumentFinder, Side
from .status import StatusRules
from .dates import EventDate, event_date
from .lexicon import LexEntry, Lexicon
from .model import Actor, Event
from .ontology import Ontology
from .parse_tree import SUBJECTS as _SUBJECTS, demand_clause as _demand_clause, object_lemmas as _object_lemmas
from .parse_tree import infinitives as _infinitives, is_infinitive as _is_infinitive
from .parse_tree import pairs as _pairs, prep_objects as _prep_objects



@dataclass(frozen=True)
class SentenceContext:
    article_id: str
    published: str | None
    offset: int                     # character offset of the paragraph in the article text


class EventCoder(ArgumentFinder, StatusRules):
    def __init__(self, lexicon: Lexicon, ontology: Ontology) -> None:
        self.lex = lexicon
        self.syn = lexicon.syntax
        self.onto = ontology

    def code(self, sent: Any, actors: DocActors, ctx: SentenceContext) -> list[Event]:
        triggers = self._triggers(sent)
        events: dict[tuple[str, str, str], Event] = {}
        # "Straw said Sudan must reach an agreement": the REQUEST is the event, not the agreement
        demanded = {_demand_clause(t, self.syn.demand_modals) for t, e in triggers.items() if e.line == 0}
        sides: dict[Any, Side] = {}     # targets found so far, by trigger
        for tok, entry in triggers.items():
            if self._subsumed(tok, triggers) or self._promise_of(tok, triggers) or _purpose_of_act(tok, triggers):
                continue
            support = None if entry.pos == "VERB" else self._support_verb(tok, triggers)
            if (_demanded(tok, demanded) or (support is not None and _demanded(support, demanded))
                    or _asked_for(tok, triggers)):
                continue
            source, target, support = self._sides(tok, entry, support, actors, sides)
            if target.actors:
                sides[tok] = target
            if (self._reciprocal(tok) or entry.mutual) and len(source.actors) > 1 and not target.actors:
                target = Side(source.actors, "each other")
            refused = bool(source.actors) and self._refusal(tok, entry, source.actors[0], actors, support)
            ptype = (self.onto.cameo(self.syn.negated_as[entry.type]).plover or entry.type) if refused else entry.type
            # an opened investigation (09x) or a refusal is an act of its own, whoever it concerns
            whole = entry.cameo in self.syn.single_actor_codes or refused or entry.needs_complement
            alone = self.syn.single_actor_types | ({ptype} if whole else set())
            # a one-sided event must be reported as done: by its verb, or a noun's support verb ("held a
            # rally"); a bare noun ("rejected the UN's appeal") only names an act, coded when both sides show
            alone = alone if entry.pos == "VERB" or support is not None else frozenset()
            for s, t in _pairs(source.actors, target.actors, ptype, alone):
                if ptype == "CONSULT" and t is not None and t.code == s.country:
                    continue    # "Trump visited Kenosha": a trip at home is no diplomatic visit
                event = self._event(sent, tok, entry, s, t, source.path, target.path, actors, ctx, support, refused)
                key = (s.code, t.code if t else "", event.type)
                if key not in events or events[key].confidence < event.confidence:
                    events[key] = event
        # a one-sided event adds nothing when the sentence codes the same act of that source with a
        # target ("promised full support for Russia" -> PRK>RUS AGREE, not also PRK AGREE)
        sided = {(k[0], k[2]) for k in events if k[1]}
        return [e for k, e in events.items() if k[1] or (k[0], k[2]) not in sided]

    def _sides(self, tok: Any, entry: LexEntry, support: Any | None, actors: DocActors,
               sides: dict[Any, Side]) -> tuple[Side, Side, Any | None]:
        """Source and target of a trigger: what the parse names, then, for a side still empty, the
        readings news needs (each rule is one step, in order of trust), and the support verb that
        reports the act (None when that verb is another actor's)."""
        if entry.pos == "VERB":
            source, target = self._verb_sides(tok, entry, actors)
        else:
            source, target = self._noun_sides(tok, entry, actors, support=support)
            if (support is not None and source.actors and not source.path.startswith("support verb")
                    and support.lemma_.lower() not in self.syn.light_verbs):
                support = None    # "police will not tolerate rallies by Kifaya": the verb is another's act
        anchor = support if support is not None else tok
        if entry.line == 0:    # a reported demand: the clause's subject is the one asked
            target = self._side([c for c in _demand_clause(tok, self.syn.demand_modals).children
                                 if c.dep_ in _SUBJECTS], actors, "ccomp/nsubj (demand)")
        if (not source.actors and target.actors and entry.cameo in self.syn.agentless_state_codes
                and _agentless_passive(anchor) and (place := self._place(tok, support, actors)) is not None):
            source = Side((place,), "place (agentless passive)")    # "was arrested in Lebanon"
        if not source.actors and target.actors:
            source = self._compatriots(tok, support, entry, target, actors)
        if (not source.actors and target.actors and entry.type in self.syn.unattributed_sources
                and "place" not in target.path):    # a place is where it happened, not whom it hit
            source = self._unattributed(tok, support, entry, actors)    # "a roadside bomb killed two soldiers in Samarra"
        if (not target.actors and len(source.actors) == 1 and entry.type in self.syn.place_target_types
                and not _names_someone(anchor, actors) and (place := self._place(tok, support, actors)) is not None):
            target = Side((place,), "place")    # "reimposed a blockade in the West Bank"
        if not target.actors and len(source.actors) == 1:
            target = self._domestic(tok, support, entry, source.actors[0], actors)
        if not target.actors and source.actors and (earlier := self._consequence_of(tok, sides)) is not None:
            target = Side(earlier.actors, f"{earlier.path} (shared with '{tok.head.text}')")
        return source, target, support

    def _refusal(self, tok: Any, entry: LexEntry, source: Actor, actors: DocActors, support: Any | None) -> bool:
        """"Syria will not accept refugees" refuses; "the two sides could not agree" only failed
        (syntax.yaml negated_as, inability)."""
        if entry.type not in self.syn.negated_as or self._status(tok, source, actors, support)[0] != "negated":
            return False
        anchor = support if support is not None else tok
        return not {c.lower_ for c in anchor.children if c.dep_ == "aux"} & self.syn.inability

    def _consequence_of(self, tok: Any, sides: dict[Any, Side]) -> Side | None:
        """"police opened fire on protesters, killing two and arresting 12": a participle that only
        counts its victims (syntax.yaml counted_victims) acts on the main event's target."""
        node = tok
        while node.dep_ == "conj" and node.head is not node:
            node = node.head
        if tok.tag_ != "VBG" or node.dep_ != "advcl" or node.head not in sides:
            return None
        objects = [c for c in tok.children if c.dep_ == "dobj"]
        if objects and all(o.pos_ == "NUM" or o.lemma_.lower() in self.syn.counted_victims for o in objects):
            return sides[node.head]
        return None

    def _unattributed(self, tok: Any, support: Any | None, entry: LexEntry, actors: DocActors) -> Side:
        """The unnamed doer of an attack: the unidentified armed forces of where it happened
        (syntax.yaml unattributed_sources), placed by the trigger or by its subject ("a bombing
        near Samarra killed ...")."""
        anchor = support if support is not None else tok
        subjects = [c for c in anchor.children if c.dep_ in _SUBJECTS]
        # only where the sentence itself leaves the doer out: an agentless passive ("a supporter was
        # shot in Portland") or a weapon or blast as the subject ("a roadside bomb killed ...")
        if not (_agentless_passive(anchor) or any(s.lemma_.lower() in self.syn.unattributed_subjects for s in subjects)):
            return Side((), "")
        scene = self._place(tok, support, actors) or next(
            (p for s in subjects if (p := self._place(s, None, actors)) is not None), None)
        if scene is None or not scene.country:
            return Side((), "")
        sector = self.syn.unattributed_sources[entry.type]
        return Side((Actor(scene.country + sector, scene.country, sector, None, scene.text),), "unattributed: place")

    def _reciprocal(self, tok: Any) -> bool:
        """"Russia and Ukraine accused each other": the object names the subjects themselves."""
        return any(c.dep_ in ("dobj", "pobj", "prep") and self._reciprocal_word(c) for c in tok.children)

    def _triggers(self, sent: Any) -> dict[Any, LexEntry]:
        found = {}
        for tok in sent:
            if tok.pos_ == "PROPN" and tok.ent_type_ in ("DATE", "TIME"):
                continue     # "signed in March 2001": a month, not a march
            if (tok.pos_ == "VERB" and tok.lemma_.lower() in self.syn.reporting_verbs
                    and _demand_clause(tok, self.syn.demand_modals) is not None):
                found[tok] = self._demand_entry(tok)    # "Russia said Sudan must return the helicopter"
                continue
            if (tok.pos_ == "NOUN" and tok.lemma_.lower() in self.syn.demand_nouns
                    and _demand_clause(tok, self.syn.demand_modals) is not None):
                found[tok] = self._demand_entry(tok, "NOUN")    # "issued a warning to Iraq that it must ..."
                continue
            if tok.pos_ == "VERB" and tok.dep_ not in ("amod", "compound"):
                pos = "VERB"     # "a proposed deal" is no proposal event
            elif tok.pos_ in ("NOUN", "PROPN") and tok.dep_ != "compound":
                pos = "NOUN"     # "riot police", "aid workers": the noun only modifies
            elif tok.pos_ == "NOUN" and tok.head.lemma_.lower() in self.syn.frame_nouns and tok.head not in found:
                # "a mediation mission between A and B", "a bombing campaign against X": the event
                # word modifies a noun that only frames it, so the frame noun carries its arguments
                entry = self._choose(tok, self.lex.candidates(tok.lemma_.lower(), "NOUN"))
                if entry is not None:
                    found[tok.head] = entry
                continue
            else:
                continue
            lemma = tok.lemma_.lower()
            lemma = self.syn.lemma_fixes.get(tok.lower_, lemma)
            entry = self._choose(tok, self.lex.candidates(lemma, pos))
            if entry is not None:
                found[tok] = entry
        # "declined to resign" refuses an act; "declined to comment", "shares declined" are no events
        # "ordered Menem to appear" demands; "ordered 26 jets" buys
        return {t: e for t, e in found.items()
                if (not e.needs_complement or any(c.dep_ == "xcomp" and c in found for c in t.children))
                and (not e.needs_infinitive or _infinitives(t, ("xcomp", "ccomp")))}

    def _demand_entry(self, tok: Any, pos: str = "VERB") -> LexEntry:
        code = self.onto.cameo(self.syn.demand_cameo)
        return LexEntry(lemma=tok.lemma_.lower(), pos=pos, type=code.plover or "REQUEST", mode=None,
                        cameo=code.code, context=(), objects=frozenset(), particle=None, preps=(), xcomp=False, line=0)

    def _subsumed(self, tok: Any, triggers: dict[Any, LexEntry]) -> bool:
        """One event per act: "threatened to attack" is a threat, not also an attack; "offered
        aid" is an offer, not also a delivery; "signed a pact" is one agreement."""
        counted = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "of" else None
        if counted is not None and counted.lemma_.lower() in self.syn.quantity_nouns and counted.dep_ in ("dobj", "nsubjpass"):
            tok = counted     # "lifted most of its sanctions": the sanctions are the object lifted
        head = tok.head
        if (tok.dep_ == "pobj" and head.dep_ == "prep" and head.head in triggers and tok.pos_ != "VERB"
                and triggers[head.head].type == "REJECT" and head.lower_ in triggers[head.head].preps):
            return True     # "reneged on its promise": the broken promise is the rejection, not an agreement
        if head is tok or head not in triggers:
            return False
        governing = triggers[head]
        if tok.dep_ in ("xcomp", "ccomp", "acl") and governing.xcomp:
            return not self._promise_of(head, triggers)
        if tok.dep_ == "acl" and tok.pos_ == "VERB" and head.pos_ != "VERB" and _is_infinitive(tok):
            return True     # "North Korea's demand to sever the alliance", "the refusal to accept": what the act is about
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
        # "pulled out of the deal", "forced the agency out of the country": the parser often makes
        # the particle of "out of" a preposition
        particles = {c.lower_ for c in tok.children if c.dep_ == "prt" or (c.dep_ == "prep" and c.lower_ == "out")}
        direct, indirect = _object_lemmas(tok)
        for objects in (direct, indirect):
            for e in entries:
                if e.objects and objects & e.objects and (not e.particle or e.particle in particles):
                    return e
        for e in entries:
            if not e.objects and (not e.particle or e.particle in particles):
                return e
        return None









    # -- helpers ----------------------------------------------------------------------------

    def _event(self, sent: Any, tok: Any, entry: LexEntry, s: Actor, t: Actor | None, spath: str, tpath: str,
               actors: DocActors, ctx: SentenceContext, support: Any | None = None, refused: bool = False) -> Event:
        cameo = self.onto.cameo(entry.cameo)
        status, claimed_by = self._status(tok, s, actors, support)
        when = event_date([e for e in sent.ents if e.label_ == "DATE"], tok, ctx.published)
        place = self._place(tok, support, actors)
        if status == "asserted" and _long_before(when, ctx.published, self.syn.historical_after_days):
            status = "historical"
        ptype, mode, reason = entry.type, entry.mode or cameo.mode, entry.describe()
        if status == "negated" and refused:
            # "Syria will not accept more refugees": refusing to cooperate is itself an act, a rejection
            cameo = self.onto.cameo(self.syn.negated_as[entry.type])
            ptype, mode = cameo.plover or ptype, cameo.mode
            reason += f"; negated {entry.type} coded as {ptype} {cameo.code} (syntax.yaml negated_as)"
            status, claimed_by = self._attribution(support if support is not None else tok, s, actors)
        elif status == "intended" and entry.type in self.syn.intended_as:
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
        # "suspended aid deliveries in Baghdad": the place can hang on the verb's object
        objects = [c for c in tok.children if c.dep_ == "dobj"] if tok.pos_ == "VERB" else []
        for holder in (tok, support, tok.head if tok.pos_ != "VERB" else None, *objects):
            if holder is None:
                continue
            for c in holder.children:
                if c.dep_ == "prep" and c.lower_ in self.syn.weak_target_preps:
                    # "fired at targets in Jericho": the place can sit on the first object of place
                    objs = [g for g in c.children if g.dep_ == "pobj"]
                    deeper = [] if any(actors.actors_at(g) for g in objs) else _prep_objects(objs, self.syn.weak_target_preps, ("prep",))
                    for g in objs + deeper:
                        # "in West Darfur State", "in the capital Kabul": the name can be the head's compound or apposition
                        named = [g, *(c for c in g.children if c.dep_ in ("compound", "appos"))]
                        if g.lemma_.lower() in self.syn.place_frames:    # "near the town of Samarra"
                            named += _prep_objects([g], {"of"}, ("prep",))
                        found = [a for t in named for a in actors.actors_at(t) if a.country and a.sector in (None, "GOV")
                                 and not a.code.startswith(("IGO", "NGO"))]
                        if found:    # a capital named as a place is the country, not its government
                            a = found[0]
                            return Actor(a.country, a.country, None, a.name, a.text) if a.sector else a
        return None

    def subject_of(self, verb: Any, actors: DocActors) -> Side:
        """Public twin of the subject finder, for the quote and claim extractors."""
        return self._subject(verb, actors)

def _long_before(when: EventDate, published: str | None, days: int) -> bool:
    """A background fact: the sentence dates the event well before the article."""
    if not (when.text and when.date and published):
        return False
    return (date.fromisoformat(published[:10]) - date.fromisoformat(when.date)).days > days


def _names_someone(verb: Any, actors: DocActors) -> bool:
    """The act's object is a named person or group the coder could not resolve ("arrested
    Gershkovich in Yekaterinburg"): the place where it happened does not stand in for them."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    names = objects + [g for c in objects for g in c.children if g.dep_ in ("compound", "appos", "flat")]
    return any(w.ent_type_ in ("PERSON", "ORG", "NORP") and not actors.actors_at(w) for w in names)


def _asked_for(tok: Any, triggers: dict[Any, LexEntry]) -> bool:
    """Part of what an appeal or demand asks for, however deep: "urged lawmakers to pass his
    request for $61 billion in Ukraine funding" asks for the funding, it does not report it."""
    child = tok
    for node in tok.ancestors:
        entry = triggers.get(node)
        if entry is not None and entry.type == "REQUEST" and entry.xcomp and child.dep_ in ("xcomp", "ccomp") and child is not tok:
            return True
        child = node
    return False


def _agentless_passive(verb: Any) -> bool:
    return (any(c.dep_ == "nsubjpass" for c in verb.children)
            and not any(c.dep_ == "agent" for c in verb.children))


def _demanded(tok: Any, demanded: set[Any]) -> bool:
    """Part of what a reported demand asks for: its clause, or a purpose or complement clause
    inside it ("said US forces must ensure security to allow supplies to reach ..."); a relative
    clause there reports something else ("must return the helicopter that was captured")."""
    node = tok
    while True:
        if node in demanded:
            return True
        if node.dep_ not in ("advcl", "xcomp", "ccomp", "conj") or node.head is node:
            return False
        node = node.head


def _purpose_of_act(tok: Any, triggers: dict[Any, LexEntry]) -> bool:
    """"called a meeting to discuss X", "began a strike to protest Y": an infinitive of purpose
    on another event is what the act is for, not a second act (its target may still serve the
    first).  On a verb that is no event ("burned tyres to protest") it is the event."""
    head = tok.head
    return (tok.pos_ == "VERB" and tok.dep_ == "advcl" and head.pos_ == "VERB"
            and _is_infinitive(tok)
            and (head in triggers or any(c in triggers for c in head.children if c.dep_ == "dobj")))
