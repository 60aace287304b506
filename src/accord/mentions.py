"""What actor resolution hands the coder: mentions, the per-article context, and the actors a
token stands for (pronouns included)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .knowledge import Person
from .model import Actor

_PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her"})
_GROUP_PRONOUNS = frozenset({"they", "them", "their"})
_THING_PRONOUNS = frozenset({"it", "its"})


@dataclass
class ArticleContext:
    """What earlier paragraphs of the same article established (mutable, one per article)."""

    when: date
    date_known: bool = True        # False: `when` is today, the article gave no date
    people_seen: list[Person] = field(default_factory=list)
    last_person: Actor | None = None
    described: dict[str, Actor] = field(default_factory=dict)   # surname -> someone described in this article
    countries: list[str] = field(default_factory=list)          # countries named so far, in order
    roles_seen: dict[str, Actor] = field(default_factory=dict)  # role noun -> the last body it named


@dataclass(frozen=True)
class TokenMention:
    start: int          # token indices in the paragraph Doc, end exclusive
    end: int
    actor: Actor
    kind: str           # name | adjective | people | person | role
    public: bool = True  # listed in the output's "actors" (bare adjectives are not)


@dataclass
class DocActors:
    mentions: list[TokenMention]
    by_token: dict[int, list[Actor]]
    persons_at: list[tuple[int, Actor]]      # person mentions in token order, for pronouns
    person_before: Actor | None              # the last person of earlier paragraphs
    # role nouns with no country anywhere in their phrase or clause ("police arrested students"):
    # token index -> sector, for the coder's domestic reading (syntax.yaml domestic_targets)
    unplaced: dict[int, str] = field(default_factory=dict)

    def actors_at(self, token: Any) -> list[Actor]:
        """Actors a token stands for, including a pronoun's antecedent."""
        found = self.by_token.get(token.i)
        if found:
            return found
        if token.lower_ in _PERSON_PRONOUNS:
            antecedent = self.person_before
            for i, actor in self.persons_at:
                if i < token.i:
                    antecedent = actor
            if antecedent is None or not any(token.sent.start <= i < token.i for i, _ in self.persons_at):
                antecedent = self._office_before(token) or antecedent
            if antecedent is not None:
                return [Actor(antecedent.code, antecedent.country, antecedent.sector, antecedent.name, token.text)]
        if token.lower_ in _GROUP_PRONOUNS:
            return self._clause_subject(token) or self._group_before(token) or self._nearest_before(token, plural=True)
        if token.lower_ in _THING_PRONOUNS:
            return self._clause_subject(token) or self._nearest_before(token, plural=False)
        return []

    def _clause_subject(self, token: Any) -> list[Actor]:
        """"Pakistan ... has urged its citizens": a possessive in a clause's predicate is mostly the
        clause's own subject, however many names stand between them."""
        if token.dep_ != "poss" or token.head.dep_ != "dobj":
            return []     # "sanctions on Iran over its transfers": inside a phrase, the nearest name
        verb = token.head.head
        while verb is not None:
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < token.i]
            if subjects:
                return [Actor(a.code, a.country, a.sector, a.name, token.text)
                        for s in subjects for t in (s, *s.conjuncts) for a in self.by_token.get(t.i, [])]
            verb = verb.head if verb.dep_ in ("conj", "xcomp") and verb.head is not verb else None
        return []

    def _office_before(self, token: Any) -> Actor | None:
        """"The Iranian foreign minister said he would ...": with no person named earlier in the
        sentence, "he" is the nearest singular office holder before it."""
        for m in reversed(self.mentions):
            if m.kind == "role" and token.sent.start <= m.start and m.end <= token.i and token.doc[m.end - 1].tag_ in ("NN", "NNP"):
                return m.actor
        return None

    def _nearest_before(self, token: Any, plural: bool) -> list[Actor]:
        """"Switzerland said it had expelled ...": the closest actor earlier in the sentence that is
        a state, organisation or group (not a person), and plural for "they"."""
        for i in range(token.i - 1, token.sent.start - 1, -1):
            found = [a for a in self.by_token.get(i, []) if a.name is None or a.sector != "GOV" or a.code[:3] == a.country]
            tok = token.doc[i]
            if not found or tok.ent_type_ == "PERSON":
                continue
            if plural != (tok.tag_ in ("NNS", "NNPS")):
                continue
            return [Actor(a.code, a.country, a.sector, a.name, token.text) for a in found]
        return []

    def _group_before(self, token: Any) -> list[Actor]:
        """"they" after "Biden and Zelensky": the nearest coordinated pair of actors, looked for
        in the same sentence and the one before it."""
        sent = token.sent
        floor = sent.start
        if sent.start > 0:
            floor = token.doc[sent.start - 1].sent.start
        for i in range(token.i - 1, floor - 1, -1):
            tok = token.doc[i]
            if tok.dep_ == "conj" and i in self.by_token and tok.head.i in self.by_token:
                group = self.by_token[tok.head.i] + [a for c in tok.head.conjuncts for a in self.by_token.get(c.i, [])]
                return [Actor(a.code, a.country, a.sector, a.name, token.text) for a in dict.fromkeys(group)]
        return []
