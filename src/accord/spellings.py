"""The written forms of a knowledge-base name that news uses, and the way back to the name."""
from __future__ import annotations


def variants(surface: str) -> list[str]:
    """Sentence-initial forms ("the West" is also "The West"), typographic apostrophes
    ("Russia's Defence Ministry" is also written with a curly one) and the spellings of the
    Arabic article ("Omar al-Bashir" is also "Omar el-Bashir", "Omar El Bashir", "Omar Al-Bashir")."""
    forms = [surface, "The " + surface[4:]] if surface.startswith("the ") else [surface]
    forms += [f.replace(" al-", article) for f in forms if " al-" in f for article in _ARTICLES]
    return forms + [f.replace("'", "\u2019") for f in forms if "'" in f]


_ARTICLES = (" el-", " El-", " Al-", " El ", " Al ")


def unvariant(text: str) -> str:
    """The knowledge base's spelling of a form that ``variants`` made by rule alone."""
    text = text.replace("\u2019", "'")
    return "the " + text[4:] if text.startswith("The ") else text
