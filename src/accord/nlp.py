"""The spaCy pipeline: loaded once per process and model name; the only module importing spaCy."""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, Iterator

from .errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


@lru_cache(maxsize=2)
def load_pipeline(model: str, keep_whole: tuple[str, ...] = ()) -> "Language":
    """The named pipeline (package or path).  Cached: a process parses with one loaded model.

    ``keep_whole`` lists hyphenated words the tokenizer must not split ("ex-president"), so that
    the parser sees one noun instead of three fragments."""
    import spacy
    from spacy.symbols import ORTH

    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ConfigError(
            f"cannot load the spaCy model {model!r} ({exc}). Install it (make install does) or set "
            f"ACCORD_MODEL / --model to an installed pipeline such as en_core_web_sm."
        ) from None
    for word in keep_whole:
        for form in (word, word.capitalize()):
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])
    return nlp


def parse_paragraphs(nlp: "Language", paragraphs: Iterable[str], batch_size: int = 16,
                     n_process: int = 1) -> Iterator["Doc"]:
    """One Doc per paragraph: feeding paragraphs (not whole pages) keeps sentences apart."""
    return nlp.pipe(paragraphs, batch_size=batch_size, n_process=n_process)


def phrase_matcher(nlp: "Language", phrases: dict[str, Iterable[str]]):
    """A case-sensitive matcher over token texts: ``matcher(doc) -> [(label, start, end)]``,
    longest match first and without overlaps."""
    from spacy.matcher import PhraseMatcher
    from spacy.util import filter_spans

    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    for label, items in phrases.items():
        matcher.add(label, [nlp.make_doc(p) for p in sorted(set(items))])
    strings = nlp.vocab.strings

    def run(doc: "Doc") -> list[tuple[str, int, int]]:
        spans = [doc[s:e] for _, s, e in matcher(doc)]
        labels = {(s, e): strings[m] for m, s, e in matcher(doc)}
        return [(labels[(sp.start, sp.end)], sp.start, sp.end) for sp in filter_spans(spans)]

    return run
