"""The spaCy pipeline: loaded once per process and model name; the only module importing spaCy."""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Callable, Iterable

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


def sentence_splitter(nlp: "Language") -> Callable[[str], "Doc"]:
    """Text -> a Doc with sentences from the tokenizer and spaCy's rule-based Sentencizer only:
    a few percent of a full parse, for deciding what deserves one."""
    from spacy.pipeline import Sentencizer

    sentencizer = Sentencizer()
    return lambda text: sentencizer(nlp.make_doc(text))


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
