"""Finding an event's two sides in the parse: subjects, objects, prepositional and owner
targets, purpose clauses, places and domestic roles.  Mixed into
:class:`accord.coding.EventCoder`, which provides ``syn`` (the parse rules) and ``_place``."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from .lexicon import LexEntry
from .mentions import DocActors
from .model import Actor
from .parse_tree import OWNER_DEPS as _OWNER_DEPS, RELATIVE_PRONOUNS, SUBJECTS as _SUBJECTS
from .parse_tree import dangling_objects as _dangling_objects, infinitive_subjects as _infinitive_subjects
from .parse_tree import infinitives as _infinitives
from .parse_tree import modifiers as _modifiers, owners as _owners, possessors as _possessors, prep_objects as _prep_objects


@dataclass(frozen=True)
class Side:
    actors: tuple[Actor, ...]
    path: str


class ArgumentFinder:
    syn: Any

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
            if not target.actors:    # "a camp for Congolese refugees was attacked", "Kyiv's power grid was hit"
                held = [o for p in passive_subject for o in _owners(p)] + _prep_objects(passive_subject, {"for"}, ("prep",))
                target = self._side(held, actors, "nsubjpass/owner")
            return source, target
        source = self._subject(verb, actors)
        # a lone source found again on the object ("suspended their attacks on Israel") is no target
        own = frozenset(a.code for a in source.actors) if len(source.actors) == 1 else frozenset()
        target = self._target(verb, entry, actors, exclude=own)
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
        if not target.actors and entry.type in self.syn.object_subtree_types:
            # "rejected an invitation to a meeting of Palestinian factions": who the rejected thing involves
            for obj in (c for c in verb.children if c.dep_ == "dobj"):
                target = self._first_actor_in(obj, actors, source.actors)
                if target.actors:
                    break
        return source, target

    def _reciprocal_word(self, node: Any) -> bool:
        """"each other", "one another": an argument that names the subjects themselves."""
        words = " ".join(t.lower_ for t in node.subtree)
        return any(words.endswith(r) or words == r for r in self.syn.reciprocal)

    def _subject(self, verb: Any, actors: DocActors) -> Side:
        """The verb's subject, climbing through coordinated, controlled and relative clauses."""
        node, hops = verb, []
        for _ in range(4):
            subjects = [c for c in node.children if c.dep_ in _SUBJECTS]
            if not subjects:    # "Nauru recognised China": the parser took an unfamiliar name for an adverb
                subjects = [c for c in node.children if c.dep_ in ("advmod", "npadvmod") and c.pos_ == "PROPN"
                            and c.i < node.i and actors.actors_at(c)]
            if not subjects and hops[-1:] == ["conj"] and verb.tag_ != "VBN":
                # "the minister was indicted and will resign": an active verb shares its passive partner's subject
                subjects = [c for c in node.children if c.dep_ == "nsubjpass"]
            if subjects and node.dep_ == "relcl" and all(c.lower_ in RELATIVE_PRONOUNS for c in subjects):
                subjects = [node.head]   # "North Korea, which has sent shells": the antecedent
            if subjects:
                side = self._side(subjects, actors, "/".join(hops + ["nsubj"]))
                if not side.actors:   # "Russian missiles struck Kyiv", "His remarks supporting ..."
                    side = self._side([o for s in subjects for o in _modifiers(s)], actors, "/".join(hops + ["nsubj", "owner"]))
                if not side.actors:   # "Kenzo Oshima, the UN relief coordinator, demanded": the apposition says who
                    apposed = [c for s in subjects for c in s.children if c.dep_ == "appos"]
                    side = self._side(apposed + [o for a in apposed for o in _modifiers(a)], actors,
                                      "/".join(hops + ["nsubj", "appos"]))
                if not side.actors:   # "The Red Cross operating in Iraq said": the parser made the participle the subject
                    side = self._side([c for s in subjects if s.pos_ == "VERB" for c in s.children if c.dep_ in _SUBJECTS],
                                      actors, "/".join(hops + ["nsubj", "nsubj"]))
                return side
            # "Syria says it is willing to withdraw": an adjective complement's subject is its verb's
            if node.dep_ in ("conj", "xcomp", "advcl", "acomp") and node.head is not node:
                hops.append(node.dep_)
                node = node.head
            elif node.dep_ == "pcomp" and node.head.dep_ == "prep" and node.head.head.pos_ in ("VERB", "AUX"):
                # "youths resorted to throwing stones", "responded by shelling": the gerund's doer is the verb's
                # subject; "accused Pyongyang of sending shells", "was blamed for shelling": its object's
                verb = node.head.head
                doers = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass") and not self._reciprocal_word(c)]
                if doers and not hops and verb.lemma_.lower() in self.syn.object_doer_verbs:
                    # named or not, the object did it ("accused the North of violating ...")
                    return self._side(doers, actors, "pcomp/dobj")
                hops.append("pcomp")
                node = verb
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

    def _target(self, head: Any, entry: LexEntry, actors: DocActors, exclude: frozenset[str] = frozenset()) -> Side:
        """Direct object, then a target preposition on the verb, then whose the object is
        ("backed Putin's war"), then a preposition on the object ("sent shells to Russia"),
        and last a place ("imposed a curfew in Dhaka")."""
        # "lifted most of its sanctions on Syria": what is counted is the object
        direct = [self._unwrap_quantity(c) for c in head.children if c.dep_ == "dobj"]
        objects = direct + [c for c in head.children if c.dep_ in ("attr", "oprd")]
        objects += [c for c in head.children if c.dep_ == "dative" and c.pos_ != "ADP"] + _infinitive_subjects(head)
        if not objects:     # "denounced as a crime Serbia's crackdown": the object moved behind "as"
            objects = [a for p in _prep_objects([head], {"as"}, ("prep",)) for a in p.children if a.dep_ == "appos"]
        preps = set(entry.preps) or self.syn.target_preps
        strong, weak = preps - self.syn.weak_target_preps, preps & self.syn.weak_target_preps
        # "sent weapons to Russia": the parser marks "to" as a dative, not a preposition
        # "attacked rebels on the Thai border": a border or coast is where, not whom
        on_verb = [o for o in _prep_objects([head], strong, ("prep", "dative")) + _dangling_objects(head, strong)
                   if o.lemma_.lower() not in self.syn.location_nouns]
        on_object = [o for o in _prep_objects(direct, strong - {"of", "with"}, ("prep",))
                     if o.lemma_.lower() not in self.syn.location_nouns]
        places = _prep_objects([head] + direct, weak, ("prep",))
        # an entry's own prepositions in its order of preference, each with its object's owner:
        # "complained to the UN over Israeli raids" -> preps [over, about, to] -> Israel
        ranked = [(found, path) for p in entry.preps if p in strong
                  for found in [_prep_objects([head], {p}, ("prep", "dative"))]
                  for found, path in ((found, f"prep '{p}'"), ([o for g in found for o in _owners(g)], f"prep '{p}'/owner"))]
        for tokens, path in ((objects, "dobj"), *ranked, (on_verb, "prep/pobj"),
                             ([o for obj in objects for o in _owners(obj)], "dobj/owner"),
                             (on_object, "dobj/prep/pobj"),
                             ([o for p in on_verb + on_object for o in _owners(p)], "pobj/owner"),
                             # "reneged on its commitment to the voters", "pulled out of its deal with Iran"
                             (_prep_objects(on_verb, self.syn.target_preps - self.syn.weak_target_preps - {"of"}, ("prep",)),
                              "pobj/prep/pobj"),
                             (places, "place"),
                             # "dispatched inspectors to the Esfahan plant in central Iran"
                             (_prep_objects(on_verb, weak, ("prep",)), "pobj/place")):
            side = self._side(tokens, actors, path)
            if side.actors and not {a.code for a in side.actors} <= exclude:
                return side
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
        # "opened fire to disperse demonstrators": the people the purpose clause acts on
        args += [c for h in holders for comp in _purpose_clauses(h) for c in comp.children if c.dep_ == "dobj"]
        args += [o for a in list(args) for o in _owners(a)]     # "the rally staged by students"
        for arg in args:
            arg = self._unwrap_quantity(arg)
            sector = actors.unplaced.get(arg.i)
            if sector in wanted:
                return Side((Actor(source.country + sector, source.country, sector, None, arg.text),), "domestic role")
        return Side((), "")

    def _compatriots(self, tok: Any, support: Any | None, entry: LexEntry, target: Side, actors: DocActors) -> Side:
        """"Students went on hunger strike to demand the Algerian president's resignation": a
        subject named only by its role, acting against one state's own institutions, is that
        state's (syntax.yaml compatriot_sources)."""
        sectors = self.syn.compatriot_sources.get(entry.type)
        countries = {a.country for a in target.actors}
        if not sectors or len(countries) != 1 or not any(a.sector in sectors for a in target.actors):
            return Side((), "")
        country = countries.pop()
        if not country or country.startswith(("IGO", "NGO")):
            return Side((), "")
        anchor = support if support is not None else tok
        for subject in (self._unwrap_quantity(c) for c in anchor.children if c.dep_ in _SUBJECTS):
            sector = actors.unplaced.get(subject.i)
            if sector:
                return Side((Actor(country + sector, country, sector, None, subject.text),), "compatriot of the target")
        return Side((), "")

    def _purpose(self, verb: Any | None, actors: DocActors, exclude: tuple[Actor, ...], also: tuple[Any, ...] = ()) -> Side:
        """The first actor of an infinitive purpose clause: "sent aid to help Sudan", "began a
        hunger strike to protest the government's decision"."""
        for comp in _purpose_clauses(verb) if verb is not None else ():
            found = self._first_actor_in(comp, actors, exclude)
            if found.actors:
                return Side(found.actors, "purpose clause")
        # "struck in protest at X's decision", "in retaliation for Y's attack"
        heads = [h for h in (verb, *also) if h is not None]
        nouns = [p for p in _prep_objects(heads, {"in"}, ("prep",)) if p.lemma_.lower() in self.syn.purpose_nouns]
        # the parser hangs "at X" on the noun ("in protest at X") or on its head ("strike in protest | at X")
        reasons = _prep_objects(nouns, self.syn.target_preps, ("prep",))
        if nouns and not reasons:
            reasons = _prep_objects([n.head.head for n in nouns], self.syn.target_preps - {"of"}, ("prep",))
        for tok in reasons:
            found = self._side([tok, *_owners(tok)], actors, "in protest of")
            if found.actors:
                return found
        return Side((), "no target")

    def _first_actor_in(self, node: Any, actors: DocActors, exclude: tuple[Actor, ...]) -> Side:
        # a state excludes all of itself; one of its bodies only itself, so that landowners
        # protesting against their own government's forces keep that target
        countries = {a.country for a in exclude}
        whole = {a.country for a in exclude if a.sector is None}
        codes = {a.code for a in exclude}
        for tok in node.subtree:
            found = [a for a in actors.actors_at(tok) if a.code not in codes and a.country not in whole
                     and not (a.sector is None and a.country in countries)]
            if found:
                return Side(tuple(found), f"{node.dep_}/subtree")
        return Side((), "")

    def _support_verb(self, noun: Any, triggers: dict[Any, LexEntry]) -> Any | None:
        """The verb that carries a noun event: a light verb ("held talks"), or any verb that is
        no event itself ("renewed negotiations", "upgraded ties")."""
        first = noun
        while first.dep_ == "conj" and first.head is not first:
            first = first.head
        if first.dep_ in ("dobj", "nsubjpass"):
            noun = first    # "launched artillery, mortar and rocket fire": the conjuncts share the verb
        head = noun.head
        if head.lemma_.lower() in self.syn.undergo_verbs:
            return None    # "refugees fleeing the fighting", "Russia faces sanctions": not the doers
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
        # "was placed under arrest by the police": a passive support verb's subject undergoes the act
        undergoing = [c for c in support.children if c.dep_ == "nsubjpass"] if support is not None else []
        if not source.actors and undergoing:
            source = self._side([g for c in support.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"],
                                actors, f"support verb '{support.text}'/agent")
        elif not source.actors and support is not None and not any(c.dep_ == "poss" for c in noun.children):
            # "we appreciate your support": a noun with an owner of its own is not the support verb subject's act
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
        if not target.actors and undergoing:
            target = self._side(undergoing, actors, f"support verb '{support.text}'/nsubjpass")
        if not target.actors:   # "the withdrawal of troops from Panama", "the sale of arms to Taiwan"
            counted = _prep_objects([noun], {"of"}, ("prep",))
            target = self._side(_prep_objects(counted, strong - {"of"}, ("prep",)), actors, "noun/of/prep")
        if not target.actors and entry.type in self.syn.place_target_types:
            # "air strikes on targets inside Afghanistan": where the objects of the act are
            target = self._side(_prep_objects(pobjs, self.syn.weak_target_preps, ("prep",)), actors, "noun/prep/place")
        if not target.actors and not entry.xcomp:
            target = self._purpose(support, actors, source.actors, also=(noun,))
        if not target.actors:
            target = self._side(_prep_objects(holders, weak, ("prep",)), actors, "noun/place")
        # "the refusal to recognise Kosovo": what is refused or promised names the target
        if not target.actors and (entry.xcomp or entry.type in self.syn.object_subtree_types):
            for comp in (c for c in noun.children if c.dep_ == "acl"):
                target = self._first_actor_in(comp, actors, source.actors)
                if target.actors:
                    break
        return source, target

    def _side(self, tokens: Iterable[Any], actors: DocActors, path: str) -> Side:
        found: list[Actor] = []
        for tok in tokens:
            tok = self._unwrap_quantity(tok)
            for t in (tok, *tok.conjuncts):
                for a in actors.actors_at(t):
                    if a not in found:
                        found.append(a)
        # "Serbian forces": the adjective's bare state is the same actor as the body it qualifies
        found = [a for a in found if not (a.code == a.country and any(b.country == a.country and b.code != a.code for b in found))]
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


def _purpose_clauses(verb: Any) -> list[Any]:
    """Infinitive clauses of purpose on a verb: "sent aid to help", "opened fire to disperse"."""
    return _infinitives(verb, ("advcl", "xcomp"))

