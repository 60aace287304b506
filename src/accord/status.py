"""An event's status and who claims it: negated > hypothetical > intended > claimed > asserted.

Mixed into :class:`accord.coding.EventCoder`, which provides ``syn`` (the parse rules),
``_side`` and ``_subject``.  The quote and claim extractors use ``reporter_of`` too.
"""
from __future__ import annotations

from typing import Any

from .mentions import DocActors
from .model import Actor

_SUBJECTS = ("nsubj", "csubj")


class StatusRules:
    syn: Any

    def _status(self, tok: Any, source: Actor, actors: DocActors, support: Any | None) -> tuple[str, Actor | None]:
        """negated > hypothetical > intended > claimed > asserted."""
        anchor = support if support is not None else tok
        words = {c.lower_ for c in anchor.children if c.dep_ in ("aux", "neg", "mark", "det")}
        words |= {c.lower_ for c in tok.children if c.dep_ in ("neg", "det")}
        if tok.pos_ != "VERB" and tok.dep_ in ("nsubj", "nsubjpass"):   # "a blockade would cripple ..."
            words |= {c.lower_ for c in tok.head.children if c.dep_ == "aux"}
        if words & self.syn.negation or _not_yet(anchor):
            return "negated", None
        if anchor.dep_ in ("xcomp", "ccomp", "pcomp") and anchor.head.lemma_.lower() in self.syn.denial_verbs:
            return "negated", None           # "denied sending shells"
        if (anchor.dep_ == "pcomp" and anchor.head.dep_ == "prep"
                and anchor.head.head.lemma_.lower() in self.syn.denial_verbs):
            return "negated", None
        reported = anchor.dep_ == "ccomp" and anchor.head.lemma_.lower() in self.syn.reporting_verbs
        if "would" in words and reported:
            return "intended", None          # future in the past: "said it would allow"
        if words & self.syn.hypothetical:
            return "hypothetical", None
        governor = anchor.head
        if words & self.syn.intended or (anchor.dep_ == "xcomp" and (governor.lemma_.lower() in self.syn.intent_verbs
                                                                    or governor.lower_ in self.syn.intent_verbs)):
            return "intended", None
        return self._attribution(anchor, source, actors)

    def _attribution(self, node: Any, source: Actor, actors: DocActors) -> tuple[str, Actor | None]:
        found, reporter = self.reporter_of(node, actors)
        if not found:
            return "asserted", None
        if reporter and reporter.country == source.country:
            return "asserted", None      # a source reporting its own act makes no claim about another
        return "claimed", reporter

    def reporter_of(self, node: Any, actors: DocActors) -> tuple[bool, Actor | None]:
        """Whether the clause of ``node`` is reported speech, and by whom: an "according to X"
        phrase, a reporting verb above it, or a trailing "..., X told Bloomberg"."""
        for n in [node, *node.ancestors]:
            for c in n.children:
                if c.dep_ == "prep" and c.lower_ in self.syn.attribution_preps:
                    side = self._side([g for g in c.subtree if g.dep_ == "pobj"], actors, "")
                    return True, (side.actors[0] if side.actors else None)
        child = node
        for n in node.ancestors:
            # "Seoul accused Pyongyang of sending shells": what an accusation names is claimed by the accuser
            if (n.lemma_.lower() in self.syn.reporting_verbs and child is not n
                    and child.dep_ in ("ccomp", "parataxis", "conj", "advcl", "xcomp")) or (
                    n.lemma_.lower() in self.syn.allegation_verbs and child.dep_ == "prep"):
                side = self._subject(n, actors)
                return True, (side.actors[0] if side.actors else None)
            child = n
        return self._trailing_reporter(node, actors)

    def _trailing_reporter(self, node: Any, actors: DocActors) -> tuple[bool, Actor | None]:
        """"X happened, South Korea's defense minister told Bloomberg": the parser often hangs a
        trailing reporting clause on the event verb instead of the other way round."""
        for c in node.children:
            if (c.dep_ in ("conj", "parataxis") and c.i > node.i and c.lemma_.lower() in self.syn.reporting_verbs
                    and not any(g.dep_ == "ccomp" for g in c.children)):
                own = [g for g in c.children if g.dep_ in _SUBJECTS]
                found = self._side(own, actors, "").actors
                if not found:
                    before = [i for i in actors.by_token if node.i < i < c.i]
                    found = tuple(actors.by_token[max(before)]) if before else ()
                return True, (found[0] if found else None)
        return False, None


def _not_yet(verb: Any) -> bool:
    """"Trump has yet to concede", "Iran is yet to respond": the act has not happened."""
    head = verb.head
    return (verb.dep_ == "xcomp" and head.lemma_.lower() in ("have", "be")
            and any(c.lower_ == "yet" for c in head.children))
