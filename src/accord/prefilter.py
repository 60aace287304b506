"""Pre-parse filter: the sentences of a paragraph worth a full parse, found on tokens alone.

Most sentences of a news article hold no event, quote or claim, and the tagger, parser and NER
are ~95% of Accord's time.  This stage cuts a paragraph into sentences with spaCy's rule-based
Sentencizer on the tokenizer's output (nlp.sentence_splitter), and keeps a sentence when its words can hold an event
(a trigger form and a sign of an actor), a quote (a quotation mark or a speech cue) or a claim
(a number).  The rules are data: ``data/prefilter.yaml``; the trigger and cue words come from
the lexicon and ``syntax.yaml``, the actor words from the knowledge base.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable, Iterable

from .data_files import load_yaml
from .errors import ConfigError
from .knowledge import KnowledgeBase
from .lexicon import Lexicon

_CVC = re.compile(r"[^aeiou][aeiou][bdglmnprt]$")   # "stop" -> "stopped", "ban" -> "banned"


@dataclass(frozen=True)
class FilterRules:
    quote_marks: frozenset[str]
    cue_words: frozenset[str]
    pronouns: frozenset[str]
    referring: frozenset[str]
    numbers: bool
    years: tuple[int, int]
    months: frozenset[str]
    irregular: dict[str, tuple[str, ...]]


def load_filter_rules() -> FilterRules:
    raw = load_yaml("prefilter.yaml")
    try:
        low, high = (int(y) for y in raw["year_range"])
        return FilterRules(quote_marks=frozenset(str(q) for q in raw["quote_marks"]),
                           cue_words=frozenset(str(w).lower() for w in raw["cue_words"]),
                           pronouns=frozenset(str(w).lower() for w in raw["pronouns"]),
                           referring=frozenset(str(w).lower() for w in raw["referring"]),
                           numbers=bool(raw["numbers"]), years=(low, high),
                           months=frozenset(str(m).lower() for m in raw["months"]),
                           irregular={str(k).lower(): tuple(str(f).lower() for f in (v or ()))
                                      for k, v in raw["irregular"].items()})
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ConfigError(f"prefilter.yaml: missing or malformed field ({exc!r}); see the comments at its top") from None


def word_forms(lemma: str, irregular: dict[str, tuple[str, ...]]) -> set[str]:
    """The lemma and its regular (and listed irregular) inflections.  Over-generating is harmless:
    a spurious form only keeps a sentence that the parser then finds empty."""
    w = lemma.lower()
    forms = {w, w + "s", w + "es", w + "ed", w + "d", w + "ing", *irregular.get(w, ())}
    if w.endswith("e"):
        forms.add(w[:-1] + "ing")
    if w.endswith("y"):
        forms |= {w[:-1] + "ied", w[:-1] + "ies"}
    if _CVC.search(w):
        forms |= {w + w[-1] + "ed", w + w[-1] + "ing"}
    return forms


class SentenceFilter:
    """Built once per pipeline; ``select(paragraphs)`` gives the character spans to parse."""

    def __init__(self, split: Callable[[str], Any], actor_match: Callable[[Any], list[tuple[str, int, int]]],
                 kb: KnowledgeBase, lexicon: Lexicon, rules: FilterRules) -> None:
        self.split = split
        self.actor_match = actor_match
        self.rules = rules
        syn = lexicon.syntax
        self.triggers = _forms({lemma for lemma, _ in lexicon.entries}, rules.irregular) | set(syn.lemma_fixes)
        self.cues = _forms(syn.reporting_verbs | syn.speech_verbs, rules.irregular) | rules.cue_words
        roles = {r for r in kb.roles if " " not in r} | {n.lower() for n in kb.people_nouns if " " not in n}
        self.actor_words = _forms(roles, rules.irregular) | rules.pronouns
        self.surnames = frozenset(kb.surnames)

    def select(self, paragraphs: list[str]) -> list[list[tuple[int, int]]]:
        """For each paragraph, the character spans of its runs of selected sentences.  A paragraph
        whose every sentence is selected comes back whole, exactly as without the filter."""
        sentences = []        # (paragraph index, sentence, selected, person names in it)
        for number, paragraph in enumerate(paragraphs):
            doc = self.split(paragraph)
            matches = self.actor_match(doc)
            actor_tokens = {i for _, start, end in matches for i in range(start, end)}
            person_tokens = {i for label, start, end in matches if label == "PERSON" for i in range(start, end)}
            quoting = False
            for sent in doc.sents:
                inside, quoting = quoting, _still_quoting(sent, quoting)
                names = {t.text for t in sent if t.i in person_tokens or t.text in self.surnames}
                # a sentence inside an open quotation belongs to the quote
                sentences.append((number, sent, inside or self._selected(sent, actor_tokens), names))
        # A sentence naming a known person is kept when a later selected sentence may refer back
        # to that person ("he said", the surname alone): actors are resolved in article order.
        keep, later_words, later_pronoun = [False] * len(sentences), set(), False
        for k in range(len(sentences) - 1, -1, -1):
            _, sent, selected, names = sentences[k]
            keep[k] = selected or bool(names & later_words) or (bool(names) and later_pronoun)
            if selected:
                later_words |= {t.text for t in sent}
                later_pronoun = later_pronoun or any(t.lower_ in self.rules.referring for t in sent)
        spans: list[list[tuple[int, int]]] = [[] for _ in paragraphs]
        for (number, sent, _, _), kept in zip(sentences, keep):
            if not kept:
                continue
            own = spans[number]
            if own and _only_space(paragraphs[number], own[-1][1], sent.start_char):
                own[-1] = (own[-1][0], sent.end_char)
            else:
                own.append((sent.start_char, sent.end_char))
        return [[(0, len(text))] if own == [(0, len(text.rstrip()))] else own for text, own in zip(paragraphs, spans)]

    def _selected(self, sent: Any, actor_tokens: set[int]) -> bool:
        words = [t.lower_ for t in sent]
        if any(t.text in self.rules.quote_marks for t in sent) or any(w in self.cues for w in words):
            return True
        if self.rules.numbers and any(t.like_num and not self._date_part(t) for t in sent):
            return True
        if not any(w in self.triggers for w in words):
            return False
        return (any(t.i in actor_tokens for t in sent) or any(w in self.actor_words for w in words)
                or any(t.text in self.surnames for t in sent))

    def _date_part(self, tok: Any) -> bool:
        """A year, or a day next to a month name: a date, not an amount anyone claims."""
        low, high = self.rules.years
        if len(tok.text) == 4 and tok.text.isdigit() and low <= int(tok.text) <= high:
            return True
        doc = tok.doc
        return any(0 <= j < len(doc) and doc[j].lower_ in self.rules.months for j in (tok.i - 1, tok.i + 1))


def _forms(lemmas: Iterable[str], irregular: dict[str, tuple[str, ...]]) -> frozenset[str]:
    return frozenset(f for lemma in lemmas for f in word_forms(lemma, irregular))


_OPENING, _CLOSING = frozenset("“«„"), frozenset("”»")


def _still_quoting(sent: Any, quoting: bool) -> bool:
    """Whether a quotation is still open after this sentence."""
    for t in sent:
        if t.text in _OPENING:
            quoting = True
        elif t.text in _CLOSING:
            quoting = False
        elif t.text == '"':
            quoting = not quoting
    return quoting


def _only_space(text: str, start: int, end: int) -> bool:
    return not text[start:end].strip()
