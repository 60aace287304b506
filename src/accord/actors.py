"""Actor resolution: names, adjectives, people and role phrases in a parsed paragraph -> Actors.

Works on one paragraph Doc at a time, in article order, carrying an :class:`ArticleContext`
so that a person named in full earlier is found again by surname or pronoun later.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from .knowledge import Ambiguity, Entity, KnowledgeBase
from .mentions import ArticleContext, DocActors, TokenMention
from .model import Actor
from .people import OFFICE_SECTORS as _OFFICES, PeopleResolver, person_actor, titles_unknown_person as _titles_unknown_person
from .spellings import unvariant as _unvariant, variants as _variants

__all__ = ["ActorResolver", "ArticleContext", "DocActors", "TokenMention"]

_MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod", "npadvmod"})


class ActorResolver(PeopleResolver):
    """Built once per pipeline; ``resolve(doc, ctx)`` per paragraph."""

    def __init__(self, kb: KnowledgeBase, matcher_factory) -> None:
        self.kb = kb
        phrases: dict[str, list[str]] = {"NAME": [], "ADJ": [], "PEOPLE": [], "PERSON": [], "AMBIG": [], "PLACE": []}
        phrases["AMBIG"].extend(kb.ambiguous)
        # each written form -> the knowledge base's own spelling, per kind of phrase
        self.canonical: dict[str, dict[str, str]] = {label: {} for label in phrases}
        for label, surfaces in (("PLACE", kb.places), ("NAME", kb.names), ("ADJ", kb.adjectives),
                                ("PEOPLE", kb.people_nouns), ("PERSON", kb.person_names)):
            for surface in surfaces:
                for form in _variants(surface):
                    phrases[label].append(form)
                    self.canonical[label].setdefault(form, surface)
        self.match = matcher_factory(phrases)
        self.title_words = frozenset(w for p in kb.persons for r in p.roles for t in r.titles for w in t.split())

    def resolve(self, doc: Any, ctx: ArticleContext) -> DocActors:
        person_before = ctx.last_person
        mentions: list[TokenMention] = []
        taken: set[int] = set()
        ambiguous = []
        for label, start, end in self.match(doc):
            if label == "AMBIG":
                ambiguous.append((start, end))
                continue
            mention = self._from_match(doc, label, start, end, ctx)
            if mention:
                mentions.append(mention)
                taken.update(range(start, end))
                if mention.actor.country:
                    ctx.countries.append(mention.actor.country)
        for start, end in ambiguous:
            mention = self._disambiguate(doc, start, end, ctx, {i: m for m in mentions for i in range(m.start, m.end)})
            if mention:
                mentions.append(mention)
                taken.update(range(start, end))
        mentions = self._ethnic_groups(doc, mentions, taken)
        for ent in doc.ents:
            if ent.label_ == "PERSON" and not taken.intersection(range(ent.start, ent.end)):
                mention = self._person_by_surname(doc, ent.start, ent.end, ctx)
                if mention:
                    mentions.append(mention)
                    taken.update(range(ent.start, ent.end))
        for tok in doc:   # surnames the entity recogniser missed: "Kim has refused ..."
            before = doc[tok.i - 1] if tok.i > 0 else None
            if (tok.i not in taken and tok.text in self.kb.surnames and tok.text[:1].isupper()
                    and (tok.lower_ not in self.kb.surname_words or tok.ent_type_ == "PERSON")
                    and tok.pos_ not in ("DET", "ADP", "PRON", "AUX", "CCONJ", "SCONJ", "PART", "NUM", "PUNCT")
                    and tok.ent_type_ in ("", "PERSON", "ORG", "GPE", "NORP")
                    # "Omar El Bashir": a given name before the rest of a name is nobody's surname
                    and not (tok.dep_ == "compound" and tok.head.pos_ == "PROPN" and tok.head.i > tok.i)
                    # "Lami Kim" is someone else; "Pope Leo", "President Yoon" are the title holder
                    and not (before is not None and before.pos_ == "PROPN" and before.dep_ == "compound"
                             and before.lower_ not in self.title_words)):
                mention = self._person_by_surname(doc, tok.i, tok.i + 1, ctx)
                if mention:
                    mentions.append(mention)
                    taken.add(tok.i)
        for m in mentions:   # a named body ("Japan's defence ministry") is "the ministry" later on
            last = doc[m.end - 1]
            if m.kind == "name" and m.actor.country and last.lemma_.lower() in self.kb.roles:
                ctx.roles_seen[last.lemma_.lower()] = m.actor
        unplaced: dict[int, str] = {}
        roles = self._role_phrases(doc, mentions, taken, ctx, unplaced)
        roles += self._members(doc, mentions + roles, taken)
        mentions.extend(roles)
        mentions.extend(self._people_by_apposition(doc, roles, taken, ctx))
        mentions = [self._widen_person(doc, m, roles, ctx.when if ctx.date_known else None) for m in mentions]
        mentions = self._apposed_titles(doc, mentions, roles, ctx)
        mentions = [m for m in mentions if not _inside_place_name(doc, m) and not self._names_a_thing(doc, m)
                    and not self._first_name(doc, m)]
        mentions = [_hide_if_nested(doc, m, mentions) for m in mentions]
        mentions.sort(key=lambda m: m.start)
        by_token: dict[int, list[Actor]] = {}
        for m in mentions:
            for i in range(m.start, m.end):
                by_token.setdefault(i, [])
                if m.actor not in by_token[i]:
                    by_token[i].append(m.actor)
        persons_at = [(m.start, m.actor) for m in mentions if m.kind == "person" and m.actor.name]
        if persons_at:
            ctx.last_person = persons_at[-1][1]
        return DocActors(mentions, by_token, persons_at, person_before, unplaced)

    # -- individual kinds of mention -------------------------------------------------------
    def _from_match(self, doc: Any, label: str, start: int, end: int, ctx: ArticleContext) -> TokenMention | None:
        text = doc[start:end].text
        key = self.canonical[label].get(text) or _unvariant(text)
        if label == "NAME":
            entities = self.kb.names.get(text) or self.kb.names.get(key) or ()
            if len(entities) != 1:
                return None    # ambiguous without more context: resolve nothing rather than guess
            return TokenMention(start, end, _actor(entities[0].at(ctx.when), text), "name")
        if label == "PLACE":   # a city or region: where things happen, coded as its country
            country = self.kb.places[key]
            entity = self.kb.entity(country)
            return TokenMention(start, end, Actor(country, country, None, entity.name if entity else None, text),
                                "place", public=False)
        if label == "ADJ":
            return TokenMention(start, end, _actor(self.kb.adjectives[key], text), "adjective", public=False)
        if label == "PEOPLE":
            e = self.kb.people_nouns[key]
            code = e.code + "CVL" if e.kind == "state" else e.code
            return TokenMention(start, end, Actor(code, e.country, "CVL", e.name, text), "people")
        person = self.kb.person_names[key]
        if person not in ctx.people_seen:
            ctx.people_seen.append(person)
        return TokenMention(start, end, person_actor(person, ctx.when, text), "person")

    def _disambiguate(self, doc: Any, start: int, end: int, ctx: ArticleContext,
                      by_token: dict[int, TokenMention]) -> TokenMention | None:
        """A name several actors share ("Congo", "Korean", "Security Council"): the candidate the
        article has already named wins; a single candidate is taken unless another actor owns
        the phrase ("Russia's Security Council" is not the UN's); otherwise nothing."""
        text = doc[start:end].text
        candidates = self.kb.ambiguous.get(text) or self.kb.ambiguous.get(_unvariant(text)) or Ambiguity(())
        head = doc[start:end].root
        if head.dep_ == "pobj" and head.head.lower_ in candidates.place_after:
            return None    # "a tanker seized in the Gulf": a place
        owners = [by_token[c.i].actor for c in head.children if c.dep_ in _MODIFIER_DEPS and c.i in by_token]
        owned = bool(owners)
        for owner in owners:    # "Russia's Security Council": the owner's own body, if a candidate
            if owner.country and owner.country + "GOV" in candidates:
                entity = self.kb.entity(owner.country)
                return TokenMention(start, end, Actor(owner.country + "GOV", owner.country, "GOV",
                                                      entity.name if entity else None, text), "name")
        words = {t.text for t in doc} | {f"{a.text} {b.text}" for a, b in zip(doc, doc[1:])}
        cued = [c for c in candidates.candidates if candidates.cues.get(c, frozenset()) & words]
        seen = [c for c in reversed(ctx.countries) if c in candidates]
        if len(cued) == 1:
            choice = cued[0]
        elif seen:
            choice = seen[0]
        elif owned:
            choice = None
        else:
            choice = candidates.default or (candidates[0] if len(candidates) == 1 else None)
        if choice is None:
            return None
        entity = self.kb.entity(choice) or self.kb.entity(choice[:3])
        if entity is None:
            return None
        if choice != entity.code:    # a state's government ("RUSGOV"): the state's entity, GOV sector
            entity = Entity(choice, entity.country, choice[3:] or None, entity.name, "name")
        is_adjective = head.pos_ == "ADJ" or head.dep_ == "amod"
        if head.tag_ in ("NNS", "NNPS") and entity.kind == "state":   # "Georgians": the people
            return TokenMention(start, end, Actor(entity.code + "CVL", entity.country, "CVL", entity.name, text), "people")
        return TokenMention(start, end, _actor(entity, text), "adjective" if is_adjective else "name", public=not is_adjective)

    def _ethnic_groups(self, doc: Any, mentions: list[TokenMention], taken: set[int]) -> list[TokenMention]:
        """"ethnic Albanians in Serbia" are Serbia's people and "ethnic Albanian guerrillas" rebels
        of wherever they fight: a nation after "ethnic" names a group, whose country is the place
        its sentence puts it in, or none."""
        out = []
        by_token = {i: m for m in mentions for i in range(m.start, m.end)}
        for m in mentions:
            if m.start == 0 or doc[m.start - 1].lower_ not in self.kb.ethnic:
                out.append(m)
                continue
            taken.difference_update(range(m.start, m.end))
            if m.kind != "people":
                continue     # an adjective: the role it modifies finds its own place
            place = self._place_of(doc[m.start:m.end].root, by_token)
            if place:
                country = place[0].actor.country
                entity = self.kb.entity(country)
                actor = Actor(country + "CVL", country, "CVL", entity.name if entity else None, doc[m.start - 1:m.end].text)
                out.append(TokenMention(m.start - 1, m.end, actor, "people"))
                taken.update(range(m.start - 1, m.end))
        return out

    def _role_phrases(self, doc: Any, mentions: list[TokenMention], taken: set[int], ctx: ArticleContext,
                      unplaced: dict[int, str]) -> list[TokenMention]:
        """"Russian officials", "South Korea's defense minister", "the president of Russia"."""
        by_token = {i: m for m in mentions for i in range(m.start, m.end)}
        out = []
        for tok in doc:
            if tok.i in taken or tok.pos_ not in ("NOUN", "PROPN"):
                continue
            sector = self._sector(tok)
            if sector is None:
                continue
            owners = []
            for child in tok.children:
                if child.dep_ in _MODIFIER_DEPS and child.i in by_token:
                    owners.append(by_token[child.i])
                    owners.extend(by_token[c.i] for c in child.conjuncts if c.i in by_token)
                elif child.dep_ == "amod" and child.lemma_.lower() in self.kb.allegiance_words:
                    # "Vietnamese-led forces", "troops loyal to the government": the one they serve
                    served = [g for c in child.children if c.dep_ == "prep" and c.lower_ == "to" for g in c.children if g.dep_ == "pobj"]
                    served += [g for s in served for g in s.children if g.dep_ in _MODIFIER_DEPS]
                    owners.extend(by_token[g.i] for g in (*child.children, *served)
                                  if (g.dep_ in _MODIFIER_DEPS or g in served) and g.i in by_token)
                elif child.dep_ == "prep" and child.lower_ in ("of", "for"):
                    owners.extend(by_token[g.i] for g in child.children if g.dep_ == "pobj" and g.i in by_token)
            placed = False
            if not owners and tok.lemma_.lower() not in self.kb.foreign_roles:
                # "rebels in the Ivory Coast", "protesters rallied outside parliament in Tbilisi"
                owners = self._place_of(tok, by_token)
                placed = bool(owners)
            local = not owners and self._local(tok)
            titled = not owners and sector in _OFFICES and _titles_unknown_person(tok, by_token)
            if local or titled:
                in_sentence = [m for m in by_token.values() if m.start >= tok.sent.start and m.end <= tok.sent.end
                               and self._is_state(m.actor.country)]
                # "North Korea launched ..., state media reported"; "Vice-President Moody Awori declined to
                # resign despite pressure by the Kenya Anti-Corruption Commission": someone the knowledge
                # base does not know holds the office of the one state named
                if local or len({m.actor.country for m in in_sentence}) == 1:
                    owners = in_sentence[:1]
            if not owners and any(c.lower_ == "the" for c in tok.lefts) and tok.lemma_.lower() in ctx.roles_seen:
                # "the ministry said" after "Japan's defence ministry said": the same body again
                a = ctx.roles_seen[tok.lemma_.lower()]
                out.append(TokenMention(tok.i - 1, tok.i + 1, Actor(a.code, a.country, a.sector, a.name,
                                                                   doc[tok.i - 1:tok.i + 1].text), "role"))
                continue
            if not owners:
                unplaced[tok.i] = sector
            former = any(c.lower_ in self.kb.former for c in tok.children) or tok.lower_.startswith("ex-")
            for owner in dict.fromkeys(owners):
                base = owner.actor
                # a place is only a country: "students at the university near the party's offices in Sivas";
                # a person is their country: "the military government of President Prosper Avril"
                if (base.sector not in (None, "GOV") and not placed and owner.kind != "person") or not base.country:
                    continue
                code_sector = "ELI" if former else sector
                country = base.country
                if base.code.startswith("IMG"):
                    code = base.code     # "al-Qaeda militants" are the group itself
                elif base.code.startswith(("IGO", "NGO")):
                    # "UN officials" speak for the UN itself; "UN troops" are its military arm
                    code = base.code if code_sector == "GOV" else base.code + code_sector
                else:
                    code = country + code_sector
                name = self._office_holder(country, tok, code_sector, ctx.when)
                own_start = owner.start if owner.end <= tok.i and any(owner.start <= c.i < owner.end for c in tok.subtree) else tok.i
                left = min(own_start, *(c.i for c in tok.lefts if c.dep_ in _MODIFIER_DEPS or c.dep_ == "det"), tok.i)
                right = tok.i + 1
                actor = Actor(code, country, code_sector, name, doc[left:right].text)
                out.append(TokenMention(left, right, actor, "role"))
                ctx.roles_seen[tok.lemma_.lower()] = actor
        return out

    def _members(self, doc: Any, mentions: list[TokenMention], taken: set[int]) -> list[TokenMention]:
        """"a member of the Syrian parliament", "members of Hamas": one of a body acts as the body."""
        by_token = {i: m for m in mentions for i in range(m.start, m.end)}
        out = []
        for tok in doc:
            if tok.i in taken or tok.i in by_token or tok.lemma_.lower() not in self.kb.member_nouns:
                continue
            body = [by_token[g.i] for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                    for g in c.children if g.dep_ == "pobj" and g.i in by_token]
            if body:
                a = body[0].actor
                out.append(TokenMention(tok.i, tok.i + 1, Actor(a.code, a.country, a.sector, a.name, tok.text), "role"))
        return out

    def _place_of(self, tok: Any, by_token: dict[int, TokenMention]) -> list[TokenMention]:
        """The place named on a role noun ("rebels in Mali", "a missionary from Calgary") or on the
        verb of its clause ("the army retook the palace in Khartoum"), as a country."""
        clause = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
        inner = [c for c in (clause.children if clause is not None else ()) if c.dep_ in ("ccomp", "parataxis")]
        # "people blocked streets in Hong Kong": the place can hang on the clause's object
        # (not for a role inside that object: "allowed Turkish army deployments in Libya")
        inner += [c for c in (clause.children if clause is not None else ())
                  if c.dep_ == "dobj" and not c.left_edge.i <= tok.i <= c.right_edge.i]
        # "refugees fleeing the war in Liberia": a participle on the role says where it is from
        acl = [c for c in tok.children if c.dep_ == "acl"]
        participles = [(h, self.kb.place_preps | {"from"}) for c in acl for h in (c, *(o for o in c.children if o.dep_ == "dobj"))]
        for holder, preps in ((tok, self.kb.place_preps | {"from"}), *participles, (clause, self.kb.place_preps),
                              *((c, self.kb.place_preps) for c in inner)):
            if holder is None:
                continue
            for c in holder.children:
                if c.dep_ == "prep" and c.lower_ in preps:
                    for g in c.subtree:   # "a historian at Kyiv's Taras Shevchenko University"
                        m = by_token.get(g.i)
                        if m and g.dep_ in ("pobj", "poss", "compound") and self._is_state(m.actor.country):
                            return [m]
        return []

    def _local(self, tok: Any) -> bool:
        """Roles that, unnamed, belong to the country the sentence is about (roles.yaml local_roles)."""
        lemma = tok.lemma_.lower()
        return lemma in self.kb.local_roles or any(f"{c.lower_} {lemma}" in self.kb.local_roles for c in tok.lefts)

    def _first_name(self, doc: Any, m: TokenMention) -> bool:
        """"Chad Wolf", "Jordan Peterson", "Israel Katz": a state's name that begins a person's
        name is a first name; "Jordan's King Abdullah", "Jordan King Abdullah" keep the state."""
        if m.kind != "name" or m.end >= len(doc):
            return False
        after = doc[m.end]
        return (after.pos_ == "PROPN" and after.lower_ not in self.title_words
                and any(e.label_ == "PERSON" and e.start == m.start and e.end > m.end for e in doc.ents))

    def _names_a_thing(self, doc: Any, m: TokenMention) -> bool:
        """"the Russian language", "Chinese characters": a nationality word on these nouns names
        a language or a style, not the state (roles.yaml not_actor_heads)."""
        root = doc[m.start:m.end].root
        return (m.kind in ("adjective", "name", "people") and root.dep_ in ("amod", "compound")
                and root.head.lemma_.lower() in self.kb.not_actor_heads)

    def _is_state(self, code: str | None) -> bool:
        entity = self.kb.entity(code) if code else None
        return entity is not None and entity.kind == "state"

    def _sector(self, tok: Any) -> str | None:
        """The sector of a role noun; a role before it names the group it leads or belongs to:
        "rebel leaders" are rebels, "police chief" is police, "army officers" are military."""
        lemma = tok.lemma_.lower().removeprefix("ex-")
        own = self.kb.roles.get(lemma) or self.kb.roles.get(tok.lower_.removeprefix("ex-"))
        if own is None and lemma in self.kb.collectives:    # "opposition groups", "the rebel movement"
            return next((self.kb.roles[c.lemma_.lower()] for c in tok.lefts
                         if c.dep_ in ("compound", "amod") and c.lemma_.lower() in self.kb.roles), None)
        for c in tok.lefts:
            if c.dep_ in ("compound", "amod"):
                for two in (f"{c.lemma_.lower()} {lemma}", f"{c.lower_} {tok.lower_}"):
                    if two in self.kb.roles:
                        return self.kb.roles[two]
                group = self.kb.roles.get(c.lemma_.lower()) if c.pos_ == "NOUN" else None
                if own and group and group != own and c.dep_ == "compound" or (own == "GOV" and group in ("REB", "OPP")):
                    return group
        return own

    def _office_holder(self, country: str, tok: Any, sector: str, when: date) -> str | None:
        """"the Russian president" at the article's date -> the person holding that office."""
        if sector != "GOV":
            return None
        titles = [f"{c.lemma_.lower()} {tok.lemma_.lower()}" for c in tok.lefts if c.dep_ in ("compound", "amod")]
        for title in titles + [tok.lemma_.lower()]:
            holders = self.kb.holders(country, title, when)
            if len(holders) == 1:
                return holders[0].name
        return None


def _core(span: Any) -> Any:
    """An entity without its leading article and possessive ending: "The State Department" ->
    "State Department", "North Korea's" -> "North Korea"."""
    if len(span) > 1 and span[0].lower_ == "the":
        span = span[1:]
    if len(span) > 1 and span[-1].lower_ in ("'s", "’s", "'", "’"):
        span = span[:-1]
    return span


def _inside_place_name(doc: Any, m: TokenMention) -> bool:
    """"the West" in "the West Bank", "Georgia" in "South Georgia": a name that is only the
    start of a longer place name stands for nothing."""
    if m.kind != "name":
        return False
    return any(e.label_ in ("GPE", "LOC", "FAC") and _core(e).start <= m.start and m.end < _core(e).end
               for e in doc.ents)


def _hide_if_nested(doc: Any, m: TokenMention, mentions: list[TokenMention]) -> TokenMention:
    """Keep a mention for the coder but out of the output when it is only part of a bigger name:
    the title inside "Russian President Vladimir Putin", "Asia-Pacific" inside the name of a
    research centre, "Korean" in "the Korean Peninsula"."""
    if not m.public:
        return m
    inside_person = any(o is not m and o.kind == "person" and o.start <= m.start and m.end <= o.end
                        and (o.start, o.end) != (m.start, m.end) for o in mentions)
    inside_org = m.kind in ("name", "adjective") and any(
        e.label_ in ("ORG", "FAC", "LOC", "WORK_OF_ART", "EVENT", "LAW") and _core(e).start <= m.start
        and m.end <= _core(e).end and len(_core(e)) > (m.end - m.start) for e in doc.ents)
    root = doc[m.start:m.end].root
    modifier = m.kind == "name" and root.dep_ in ("amod",) and not (m.start <= root.head.i < m.end)
    if inside_person or inside_org or modifier:
        return TokenMention(m.start, m.end, m.actor, m.kind, public=False)
    return m


def _actor(e: Entity, text: str) -> Actor:
    return Actor(e.code, e.country, e.sector, e.name, text)
