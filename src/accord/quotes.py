"""Quotes: direct, partial and indirect speech in a parsed paragraph, each with its speaker.

A direct quote is a span between quotation marks that holds a clause; its cue is the reporting
verb outside the marks ("..., Putin said") and its speaker that verb's subject.  A quote with no
cue in its sentence continues the last speaker of the paragraph ("... ," Putin wrote. "We highly
appreciate ...").  A partial quote is a phrase in marks inside someone's sentence: its speaker is
the subject of the speech verb that governs it ("North Korea promised 'full support'"), or of
the reporting verb above a non-speech verb ("The State Department said North Korea had
transferred 'dozens of missiles'").  Indirect speech is a reporting verb with a clause ("X said
that ...") or an "according to X" phrase.  When no speaker can be found the quote keeps an empty
speaker and a low confidence: a quote is never given to someone on a guess.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .mentions import DocActors
from .model import Actor

_OPEN, _CLOSE = "\"“«", "\"”»"
_QUOTED = re.compile(r"[\"“«]([^\"“”«»]{2,}?)[\"”»]")
# A quote that runs on into the next paragraph opens here and does not close.
_RUNS_ON = re.compile(r"[\"“«]([^\"“”«»]{20,})$")
_SUBJECTS = ("nsubj", "nsubjpass", "csubj")


@dataclass(frozen=True)
class Quote:
    text: str
    start: int                   # character offsets in the paragraph
    end: int
    kind: str                    # direct | partial | indirect
    cue: str | None
    speaker: Actor | None
    speaker_text: str | None
    speaker_start: int | None
    speaker_end: int | None
    confidence: float

    def to_dict(self, offset: int = 0) -> dict[str, Any]:
        speaker = None
        if self.speaker_text is not None:
            a = self.speaker
            speaker = {"text": self.speaker_text, "code": a.code if a else "", "name": a.name if a else None,
                       "start": offset + self.speaker_start, "end": offset + self.speaker_end}   # type: ignore[operator]
        return {"speaker": speaker, "text": self.text, "kind": self.kind, "cue": self.cue,
                "start": offset + self.start, "end": offset + self.end, "confidence": self.confidence}


@dataclass(frozen=True)
class SpeechWords:
    reporting: frozenset[str]     # say, tell, write, report ...: introduce what someone says
    speech: frozenset[str]        # verbs that are themselves speech acts: promise, describe, praise ...
    attribution_preps: frozenset[str]


class QuoteFinder:
    def __init__(self, words: SpeechWords, subject_of) -> None:
        self.words = words
        self.subject_of = subject_of      # the coder's subject finder: verb -> Side

    def find(self, doc: Any, actors: DocActors, last: Quote | None = None) -> list[Quote]:
        quotes: list[Quote] = []
        covered: set[int] = set()
        matches = list(_QUOTED.finditer(doc.text))
        tail = _RUNS_ON.search(doc.text[matches[-1].end():] if matches else doc.text)
        if tail is not None:
            base = matches[-1].end() if matches else 0
            matches.append(_Shifted(tail, base))
        for m in matches:
            span = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
            if span is None or not span.text.strip():
                continue
            quote = self._marked(doc, span, actors, last)
            prev = quotes[-1] if quotes else None
            if (quote is not None and quote.kind == "partial" and prev is not None and prev.kind == "direct"
                    and doc.char_span(prev.start, prev.end, alignment_mode="expand").sent == span.sent):
                # the second half of a split quote: ""...," he said, "...""
                quote = Quote(quote.text, quote.start, quote.end, "direct", prev.cue, prev.speaker, prev.speaker_text,
                              prev.speaker_start, prev.speaker_end, prev.confidence)
            if quote is not None:
                quotes.append(quote)
                covered.update(range(span.start, span.end))
                if quote.kind == "direct" and quote.speaker_text:
                    last = quote
        quotes += self._indirect(doc, actors, covered)
        return sorted(quotes, key=lambda q: q.start)

    # -- quotation marks --------------------------------------------------------------------
    def _marked(self, doc: Any, span: Any, actors: DocActors, last: Quote | None) -> Quote | None:
        inside = set(range(span.start, span.end))
        clause = any(t.pos_ in ("VERB", "AUX") and t.dep_ in ("ROOT", "ccomp", "conj", "parataxis") for t in span)
        governor = next((a for a in span.root.ancestors if a.i not in inside), None)
        if clause and (governor is None or governor.lemma_.lower() in self.words.reporting):
            return self._direct(doc, span, governor, actors, last)
        if governor is None or len(span) < 2:
            return None
        speaker, verb = self._speaker_above(governor, actors, inside)
        if verb is None:
            return None     # marks around a title or a scare word in narration, not speech
        return _quote(span, "partial", verb, speaker, 0.8 if speaker and speaker[0] else 0.3)

    def _direct(self, doc: Any, span: Any, cue: Any, actors: DocActors, last: Quote | None) -> Quote:
        if cue is None:    # no reporting verb above: look beside the marks in the same sentence
            cue = next((t for t in span.sent if t.i not in range(span.start, span.end)
                        and t.lemma_.lower() in self.words.reporting and t.pos_ == "VERB"), None)
        if cue is not None:
            speaker = self._subject(cue, actors)
            return _quote(span, "direct", cue, speaker, 0.9 if speaker and speaker[0] else 0.4)
        inside = range(span.start, span.end)
        for tok in span.sent:    # ""...," according to Ukraine's army chief"
            if tok.i not in inside and tok.dep_ == "prep" and tok.lower_ in self.words.attribution_preps:
                who = [g for g in tok.subtree if g.dep_ == "pobj"]
                if who:
                    found = actors.actors_at(who[0])
                    np = _np(who[0])
                    return _quote(span, "direct", tok, (found[0] if found else None, np.text, np.start_char, np.end_char),
                                  0.8 if found else 0.4)
        if last is not None:     # a quote that carries on the paragraph's last speaker
            return Quote(span.text, span.start_char, span.end_char, "direct", last.cue, last.speaker,
                         last.speaker_text, last.speaker_start, last.speaker_end, 0.7)
        return _quote(span, "direct", None, None, 0.2)

    def _speaker_above(self, verb: Any, actors: DocActors, inside: set[int]):
        """The speech verb governing a partial quote, and its subject."""
        node = verb
        for _ in range(6):
            lemma = node.lemma_.lower()
            if lemma in self.words.speech or lemma in self.words.reporting:
                return self._subject(node, actors), node
            if node.head is node:
                break
            node = node.head
        return None, None

    def _subject(self, verb: Any, actors: DocActors):
        """(actor or None, text, start, end) of who does the speaking."""
        side = self.subject_of(verb, actors)
        tokens = [c for c in verb.children if c.dep_ in _SUBJECTS]
        node = verb
        while not tokens and node.dep_ in ("conj", "advcl", "xcomp") and node.head is not node:
            node = node.head
            tokens = [c for c in node.children if c.dep_ in _SUBJECTS]
        if not tokens:    # "... ," said Michael McFaul, former U.S. ambassador
            tokens = [c for c in verb.rights if c.dep_ in ("attr", "dobj", "nsubj") and c.pos_ in ("PROPN", "NOUN")]
        if not tokens:
            return (side.actors[0] if side.actors else None, None, None, None)
        head = tokens[0]
        words = [t for t in head.subtree if t.dep_ not in ("appos", "punct", "relcl") and t.i <= head.i] or [head]
        start, end = words[0].idx, head.idx + len(head.text)
        return (side.actors[0] if side.actors else None, head.doc.text[start:end], start, end)

    # -- indirect speech --------------------------------------------------------------------
    def _indirect(self, doc: Any, actors: DocActors, covered: set[int]) -> list[Quote]:
        found = []
        for tok in doc:
            if tok.pos_ == "VERB" and tok.lemma_.lower() in self.words.reporting:
                clause = next((c for c in tok.children if c.dep_ in ("ccomp", "parataxis")), None)
                if clause is None:   # "told the delegation the United States should stop ...": parsed as a relative clause
                    clause = next((r for o in tok.children if o.dep_ in ("dobj", "dative") for r in o.children
                                   if r.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.lower_ not in ("which", "who", "that")
                                                                for c in r.children)), None)
                if clause is None or covered.intersection(t.i for t in clause.subtree):
                    continue
                span = _clause_span(clause)
                speaker = self._subject(tok, actors)
                if speaker[1] is None:
                    continue
                found.append(_quote(span, "indirect", tok, speaker, 0.8 if speaker[0] else 0.5))
            elif tok.dep_ == "prep" and tok.lower_ in self.words.attribution_preps:
                who = [g for g in tok.subtree if g.dep_ == "pobj"]
                clause = tok.head
                if not who or covered.intersection(t.i for t in clause.subtree):
                    continue
                rest = [t for t in clause.sent if t.i not in {x.i for x in tok.subtree} and not t.is_punct]
                if not rest:
                    continue
                span = doc[rest[0].i:rest[-1].i + 1]
                side = actors.actors_at(who[0])
                speaker = (side[0] if side else None, _np(who[0]).text, _np(who[0]).start_char, _np(who[0]).end_char)
                found.append(_quote(span, "indirect", tok, speaker, 0.8 if side else 0.5))
        return found


class _Shifted:
    """A regex match found in a suffix of the text, with offsets into the whole text."""

    def __init__(self, match: re.Match, base: int) -> None:
        self.match, self.base = match, base

    def start(self, group: int = 0) -> int:
        return self.base + self.match.start(group)

    def end(self, group: int = 0) -> int:
        return self.base + self.match.end(group)


def _np(tok: Any) -> Any:
    words = [t for t in tok.subtree if t.dep_ not in ("appos", "punct", "relcl", "prep")]
    return tok.doc[min(t.i for t in words):max(t.i for t in words) + 1] if words else tok.doc[tok.i:tok.i + 1]


def _clause_span(clause: Any) -> Any:
    tokens = [t for t in clause.subtree if not (t.dep_ == "mark" and t.i == clause.left_edge.i)]
    tokens = [t for t in tokens if not t.is_punct] or list(clause.subtree)
    return clause.doc[tokens[0].i:tokens[-1].i + 1]


def _quote(span: Any, kind: str, cue: Any, speaker, confidence: float) -> Quote:
    actor, text, start, end = speaker if speaker else (None, None, None, None)
    return Quote(span.text, span.start_char, span.end_char, kind, cue.text if cue is not None else None,
                 actor, text, start, end, confidence)
