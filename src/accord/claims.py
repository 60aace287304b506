"""Numeric claims: quantities with their unit, qualifier, normalised value and source.

"North Korea has sent at least 10,000 shipping containers to Russia, ... Shin Won-sik told
Bloomberg" gives {text: "at least 10,000 shipping containers", value: 10000, unit: "shipping
containers", qualifier: "at least", source: KORGOV}.  Counts of people killed, injured or
arrested also fill the size fields of the events of their sentence (PLOVER's dead, injured,
arrested).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable

from .model import Actor

_MULTIPLIERS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "hundred": 1e2,
                "k": 1e3, "m": 1e6, "bn": 1e9}
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
          "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
          "fifty": 50, "hundred": 100, "a": 1, "an": 1}
# Vague amounts: a range rather than a value ("dozens of missiles" is 24 to 99).
_VAGUE = {"dozens": (24, 99), "dozen": (12, 12), "scores": (40, 99), "hundreds": (200, 999),
          "thousands": (2000, 9999), "tens of thousands": (20000, 99999), "hundreds of thousands": (200000, 999999),
          "millions": (2e6, 9.99e8), "several": (3, 9), "a few": (2, 5), "handful": (2, 5)}
_DEFINITE = frozenset({"the", "these", "those", "both", "its", "their", "his", "her", "our", "all"})
_CURRENCY = {"$": "US dollars", "€": "euros", "£": "pounds", "¥": "yen"}
_GENERIC_UNITS = frozenset({"type", "kind", "sort", "number", "amount", "total", "lot", "figure", "estimate", "part",
                            "percent", "per", "cent", "%", "time", "year", "day", "week", "month", "hour", "minute"})


@dataclass(frozen=True)
class Claim:
    text: str
    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    qualifier: str | None
    source: Actor | None
    sentence: str
    start: int
    end: int

    def to_dict(self, offset: int = 0) -> dict[str, Any]:
        src = {"code": self.source.code, "name": self.source.name, "text": self.source.text} if self.source else None
        return {"text": self.text, "value": _plain(self.value), "range": [_plain(self.low), _plain(self.high)]
                if self.low is not None else None, "unit": self.unit, "qualifier": self.qualifier, "source": src,
                "sentence": self.sentence, "start": offset + self.start, "end": offset + self.end}


def _plain(x: float | None) -> float | int | None:
    return int(x) if x is not None and float(x).is_integer() else x


class ClaimFinder:
    def __init__(self, qualifiers: dict[str, str], size_units: dict[str, frozenset[str]],
                 source_of: Callable[[Any], Actor | None]) -> None:
        self.qualifiers = qualifiers          # lower-case phrase -> normalised qualifier
        self.size_units = size_units          # dead / injured / arrested -> unit words and verbs
        self.source_of = source_of            # token -> who the sentence attributes it to

    def find(self, doc: Any) -> list[Claim]:
        claims = []
        seen: set[int] = set()
        for tok in doc:
            if tok.i in seen or not self._is_amount(tok):
                continue
            number = self._number_span(tok)
            seen.update(range(number.start, number.end))
            value, low, high = _value(number)
            if value is None and low is None:
                continue
            number, value, low, high = _range(number, value, low, high, seen)
            unit_tok = self._unit(number)
            symbol = _symbol_unit(number)
            if unit_tok is None and symbol is None:
                continue
            # "$1.5 billion aid package" is a sum of dollars; "60 percent of voters" a share
            unit = symbol or _unit_text(unit_tok, number)
            if symbol:
                unit_tok = None
            qualifier, q_start = self._qualifier(number)
            if low is not None and number.start > 0 and doc[number.start - 1].lower_ in ("between", "from"):
                q_start = doc[number.start - 1].idx
            start = min(q_start, number.start_char)
            end = max(number.end_char, unit_tok.idx + len(unit_tok.text) if unit_tok is not None else 0)
            claims.append(Claim(doc.text[start:end], value, low, high, unit, qualifier,
                                self.source_of(unit_tok if unit_tok is not None else tok),
                                tok.sent.text, start, end))
        return claims

    def sizes(self, claims: list[Claim], sentence: Any) -> dict[str, float]:
        """PLOVER size fields stated in one sentence: {"dead": 12, "injured": 30, "arrested": 50}:
        the number a casualty verb takes ("killing 12", "12 were wounded"), or a count whose unit
        is a casualty word ("12 dead")."""
        out: dict[str, float] = {}
        for tok in sentence:
            field = next((f for f, cues in self.size_units.items() if tok.lemma_.lower() in cues or tok.lower_ in cues), None)
            if field is None or field in out:
                continue
            if tok.pos_ == "VERB":
                for c in tok.children:
                    if c.dep_ in ("dobj", "nsubjpass", "attr"):
                        value = _count_of(c)
                        if value is not None:
                            out[field] = value
                            break
            elif tok.pos_ in ("ADJ", "NOUN"):
                value = _count_of(tok)
                if value is not None:
                    out[field] = value
        for c in claims:
            if sentence.start_char <= c.start < sentence.end_char and c.value is not None:
                for field, cues in self.size_units.items():
                    if set((c.unit or "").lower().split()) & cues:
                        out.setdefault(field, c.value)
        return out

    # -- parts of an amount -----------------------------------------------------------------
    def _is_amount(self, tok: Any) -> bool:
        before = tok.doc[tok.i - 1].lower_ if tok.i > 0 else ""
        after = tok.doc[tok.i + 1].lower_ if tok.i + 1 < len(tok.doc) else ""
        if before in _DEFINITE or (tok.lower_ in ("one", "a", "an", "two") and after not in _MULTIPLIERS):
            return False       # "the two leaders", "one of the parties": a reference, not a figure
        if tok.like_num and tok.ent_type_ not in ("DATE", "TIME", "ORDINAL"):
            return not re.fullmatch(r"(1[89]|20)\d\d", tok.text)      # a year is no amount
        return tok.lower_ in _VAGUE and tok.ent_type_ not in ("DATE", "TIME")

    def _number_span(self, tok: Any) -> Any:
        """The number and its multiplier words: "4.8 million", "tens of thousands", "$1.2 billion"."""
        doc = tok.doc
        start, end = tok.i, tok.i + 1
        while end < len(doc) and (doc[end].lower_ in _MULTIPLIERS or doc[end].like_num) and doc[end].ent_type_ == tok.ent_type_:
            end += 1
        if start > 0 and doc[start - 1].text in _CURRENCY:
            start -= 1
        return doc[start:end]

    def _unit(self, number: Any) -> Any | None:
        """The noun counted: the number's head, or what an "of" phrase after a vague amount names."""
        last = number[-1]
        head = last.head if last.dep_ in ("nummod", "quantmod", "compound", "amod") else None
        if head is None or head.pos_ not in ("NOUN", "PROPN") or head.i in range(number.start, number.end):
            head = None
            for c in last.children:     # "dozens of ballistic missiles", "4.8 million of the types of shells"
                if c.dep_ == "prep" and c.lower_ == "of":
                    head = next((g for g in c.children if g.dep_ == "pobj"), None)
        if head is not None and head.tag_ == "NN":   # "90 navy and coast guard ships": the plural noun counts
            head = next((c for c in head.children if c.dep_ == "conj" and c.tag_ == "NNS"), head)
        while head is not None and head.lemma_.lower() in _GENERIC_UNITS:
            nxt = None
            for c in head.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    nxt = next((g for g in c.children if g.dep_ == "pobj"), None)
            if nxt is None:
                return head if head.lower_ in ("percent", "%") else None
            head = nxt
        return head

    def _qualifier(self, number: Any) -> tuple[str | None, int]:
        doc = number.doc
        for width in (4, 3, 2, 1):
            if number.start - width < 0:
                continue
            words = doc[number.start - width:number.start]
            phrase = words.text.lower()
            if phrase in self.qualifiers:
                return self.qualifiers[phrase], words.start_char
        return None, number.start_char


def _value(number: Any) -> tuple[float | None, float | None, float | None]:
    text = number.text.lower().replace(",", "")
    for vague, (low, high) in sorted(_VAGUE.items(), key=lambda kv: -len(kv[0])):
        if text == vague:
            return None, low, high
    value = None
    for tok in number:
        word = tok.lower_.replace(",", "").lstrip("$€£¥")
        if re.fullmatch(r"\d+(\.\d+)?", word):
            value = float(word) if value is None else value
        elif word in _MULTIPLIERS and value is not None:
            value *= _MULTIPLIERS[word]
        elif word in _WORDS and value is None:
            value = float(_WORDS[word])
    return value, None, None


def _count_of(tok: Any) -> float | None:
    """The number a noun phrase counts: "30" itself, "12 people", "at least 50 protesters"."""
    if tok.like_num:
        return _value(tok.doc[tok.i:tok.i + 1])[0]
    for c in tok.children:
        if c.dep_ == "nummod" and c.like_num:
            return _value(tok.doc[c.i:c.i + 1] if not any(m.lower_ in _MULTIPLIERS for m in c.children)
                          else tok.doc[c.i:c.i + 2])[0]
    return None


def _unit_text(unit: Any, number: Any) -> str:
    """The unit with its compounds and adjectives: "shipping containers", "ballistic missiles",
    "containers of munitions"."""
    if unit.text in ("%", "percent", "per cent"):
        return "percent"
    mods = [c for c in unit.lefts if c.dep_ in ("compound", "amod") and c.i >= number.end and not c.like_num]
    words = mods + [unit]
    text = " ".join(t.text for t in sorted(words, key=lambda t: t.i))
    of = next((c for c in unit.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is not None:
        obj = next((g for g in of.children if g.dep_ == "pobj"), None)
        if obj is not None and obj.pos_ == "NOUN" and obj.lemma_.lower() not in _GENERIC_UNITS:
            text += f" of {obj.text}"
    return text


def _symbol_unit(number: Any) -> str | None:
    """A currency sign before the number, or a percent sign or word right after it."""
    first = number.text.strip()[:1]
    if first in _CURRENCY:
        return _CURRENCY[first]
    doc = number.doc
    after = doc[number.end] if number.end < len(doc) else None
    if "%" in number.text or (after is not None and after.lower_ in ("%", "percent", "pct")):
        return "percent"
    if after is not None and after.lower_ == "per" and number.end + 1 < len(doc) and doc[number.end + 1].lower_ == "cent":
        return "percent"
    return None


def _range(number: Any, value, low, high, seen: set[int]):
    """"between 8,000 and 10,000 workers": one claim with a range, counted at the upper bound's unit."""
    doc = number.doc
    if value is None or number.start == 0 or doc[number.start - 1].lower_ not in ("between", "from"):
        return number, value, low, high
    joiner = number.end
    if joiner + 1 < len(doc) and doc[joiner].lower_ in ("and", "to") and doc[joiner + 1].like_num:
        end = joiner + 2
        while end < len(doc) and doc[end].lower_ in _MULTIPLIERS:
            end += 1
        upper = doc[joiner + 1:end]
        top = _value(upper)[0]
        if top is not None:
            seen.update(range(upper.start, upper.end))
            # the lower bound carries the unit in the parse ("8,000 ... workers"); keep its span
            return number, None, value, top
    return number, value, low, high


def _near_verbs(sentence: Any, claim: Claim) -> list[str]:
    """Verbs next to a count: "killing at least 12", "12 were injured"."""
    return [t.lemma_.lower() for t in sentence if t.pos_ == "VERB" and abs(t.idx - claim.start) < 40]
