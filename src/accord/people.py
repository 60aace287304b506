"""People: full names, bare surnames, titles and appositions, resolved at the article's date."""
from __future__ import annotations

from datetime import date
from typing import Any

from .knowledge import KnowledgeBase, Person
from .mentions import ArticleContext, TokenMention
from .model import Actor


class PeopleResolver:
    """Person resolution for :class:`accord.actors.ActorResolver` (which sets ``self.kb``)."""

    kb: KnowledgeBase

    def _person_by_surname(self, doc: Any, start: int, end: int, ctx: ArticleContext) -> TokenMention | None:
        """A PERSON entity the gazetteer did not match: a surname of someone known, or nobody.

        "Kim" after "Kim Jong Un" is Kim Jong Un; "Lami Kim" is someone else, because a first
        name the knowledge base does not list for that person is present."""
        tokens = [t for t in doc[start:end] if not t.is_punct and t.lower_ not in ("'s", "’s")]
        if len(tokens) != 1:
            return None
        surname = tokens[0].text
        known_seen = any(p.surname == surname for p in ctx.people_seen)
        if surname in ctx.described and not known_seen:
            # someone the article introduced ("Lami Kim, professor at ..."); a well-known person of
            # that surname already named in the article keeps the bare surname
            a = ctx.described[surname]
            return TokenMention(start, end, Actor(a.code, a.country, a.sector, a.name, doc[start:end].text), "person")
        candidates = self.kb.surnames.get(surname, ())
        if not candidates:
            return None
        seen = [p for p in ctx.people_seen if p in candidates]
        if seen:
            person = seen[-1]
        else:
            person = self._most_likely(candidates, ctx)
            if person is None:
                return None
            ctx.people_seen.append(person)
        return TokenMention(start, end, person_actor(person, ctx.when, doc[start:end].text), "person")

    def _most_likely(self, candidates: tuple[Person, ...], ctx: ArticleContext) -> Person | None:
        """Among people sharing a surname, those in office at the date; then those whose
        country the article names; then the highest office.  A tie is no answer."""
        in_office = [p for p in candidates if p.role_at(ctx.when)]
        if not in_office:   # out of office at the date: the one in office most recently before it
            past = [p for p in candidates if any(r.start <= ctx.when for r in p.roles)]
            named = [p for p in past if any(r.country in ctx.countries for r in p.roles)] or past
            last = sorted(named, key=lambda p: max(r.end or ctx.when for r in p.roles if r.start <= ctx.when))
            if len(last) == 1 or (len(last) > 1 and _last_end(last[-1], ctx.when) > _last_end(last[-2], ctx.when)):
                return last[-1]
            return candidates[0] if len(candidates) == 1 else None
        named = [p for p in in_office if p.role_at(ctx.when).country in ctx.countries]  # type: ignore[union-attr]
        pool = named or in_office
        if len(pool) == 1:
            return pool[0]
        rank = {office: i for i, office in enumerate(self.kb.office_rank)}
        scored = sorted(pool, key=lambda p: rank.get(p.role_at(ctx.when).office, len(rank)))  # type: ignore[union-attr]
        first, second = (rank.get(p.role_at(ctx.when).office, len(rank)) for p in scored[:2])  # type: ignore[union-attr]
        return scored[0] if first < second else None

    def _people_by_apposition(self, doc: Any, roles: list[TokenMention], taken: set[int],
                              ctx: ArticleContext) -> list[TokenMention]:
        """Someone the knowledge base does not know, described by a role phrase beside the name:
        "South Korea's defense minister, Shin Won-sik"; "Michael McFaul, former U.S. ambassador"."""
        role_at = {m.end - 1: m for m in roles}
        out = []
        for ent in doc.ents:
            if ent.label_ != "PERSON" or taken.intersection(range(ent.start, ent.end)):
                continue
            root = ent.root
            linked = [root.head] if root.dep_ == "appos" else []
            linked += [c for c in root.children if c.dep_ == "appos"]
            # a title before the name: "Russian President Boris Yeltsin", "U.S. Secretary of State X"
            linked += [c for c in root.children if c.dep_ == "compound" and c.i < ent.start]
            linked += [doc[m.end - 1] for m in roles if m.end == ent.start]
            for tok in linked:
                role = role_at.get(tok.i)
                if role:
                    a = role.actor
                    person = Actor(a.code, a.country, a.sector, ent.text, ent.text)
                    out.append(TokenMention(ent.start, ent.end, person, "person"))
                    ctx.described[doc[ent.end - 1].text] = person
                    break
        return out

    def _widen_person(self, doc: Any, m: TokenMention, roles: list[TokenMention], when: date | None = None) -> TokenMention:
        """Include a person's title and nationality: "Russian President Vladimir Putin"."""
        if m.kind != "person":
            return m
        start = m.start
        for role in roles:    # the parser does not always hang the title on the name
            if role.end == m.start and role.actor.country == m.actor.country:
                start = role.start
        while start > 0:
            prev = doc[start - 1]
            if (prev.dep_ in ("compound", "amod") and prev.pos_ in ("PROPN", "ADJ", "NOUN")
                    and start <= prev.head.i < m.end):
                start -= 1
            else:
                break
        if start == m.start:
            return m
        a = m.actor
        country, sector = self._titled(a, doc[start:m.start].text.lower(), when)
        return TokenMention(start, m.end, Actor(country + (sector or ""), country, sector, a.name,
                                                doc[start:m.end].text), "person")

    def _apposed_titles(self, doc: Any, mentions: list[TokenMention], roles: list[TokenMention],
                        ctx: ArticleContext) -> list[TokenMention]:
        """"South Korea's defense minister, Shin Won-sik": with no article date, the office named
        beside a known person says which of their roles the text means."""
        if ctx.date_known:
            return mentions
        role_at = {m.end - 1: m for m in roles}
        out = []
        for m in mentions:
            root = doc[m.start:m.end].root
            linked = ([root.head] if root.dep_ == "appos" else []) + [c for c in root.children if c.dep_ == "appos"]
            role = next((role_at[t.i] for t in linked if t.i in role_at), None)
            if m.kind == "person" and role is not None:
                a = m.actor
                country, sector = self._titled(a, doc[role.start:role.end].text.lower(), None)
                m = TokenMention(m.start, m.end, Actor(country + (sector or ""), country, sector, a.name, a.text), "person")
            out.append(m)
        return out

    def _titled(self, a: Actor, title_words: str, when: date | None) -> tuple[str, str | None]:
        """"President Biden": a title in front of the name says which office the text means when
        the article's date is unknown (``when`` None); "former" is ELI.  With a date, the date
        decides, since a title can outlive the office ("President Carter" in 2020), except that
        nobody holds an office before taking it: a title for a role that only begins after the
        date means the date, or our tenure start, is off, and the text wins."""
        person = self.kb.person_names.get(a.name or "")
        if person is None or a.sector == "GOV" or not a.country:
            return a.country or "", a.sector
        if any(w in title_words.split() for w in self.kb.former):
            return a.country, "ELI"
        titled = [r for r in person.roles if any(t in title_words for t in r.titles)]
        if when is not None:
            ahead = [r for r in titled if r.start > when and person.role_at(when) is None]
            if not ahead:
                return a.country, a.sector
            role = min(ahead, key=lambda r: r.start)
            return role.country, role.sector
        if titled:
            role = max(titled, key=lambda r: r.start)
            return role.country, role.sector
        return a.country, a.sector


def _last_end(person: Person, when: date) -> date:
    return max(r.end or when for r in person.roles if r.start <= when)


def person_actor(person: Person, when: date, text: str) -> Actor:
    country, sector = person.code_at(when)
    if country.startswith(_ORGANISATIONS):
        # the head of an organisation or transnational group speaks as the organisation; once out
        # of office they are its former official ("Kofi Annan" in 2012: IGOUNOELI, not the UN)
        if sector == "ELI":
            return Actor(country + "ELI", country, "ELI", person.name, text)
        return Actor(country, country, None, person.name, text)
    return Actor(country + (sector or ""), country, sector, person.name, text)


_ORGANISATIONS = ("IGO", "NGO", "IMG")


# sectors of offices a title names ("President X", "Judge X", "General X"); an "activist X" may be anyone's
OFFICE_SECTORS = frozenset({"GOV", "JUD", "LEG", "MIL", "COP"})


def titles_unknown_person(tok: Any, by_token: dict[int, TokenMention]) -> bool:
    """A title right before a name nobody resolved: "President Laurent Gbago", "Judge Rivera"."""
    name = tok.head if tok.dep_ == "compound" else None
    return (name is not None and name.i > tok.i and name.ent_type_ == "PERSON" and name.i not in by_token
            and all(t.i not in by_token for t in name.doc[tok.i + 1:name.i + 1]))
