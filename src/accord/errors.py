"""One catalogue of errors with stable codes.

Every failure that concerns a single input item (a file, a line of a JSON-lines file, a CSV row)
is an :class:`ItemError`: the run reports it with the item's name, its code and a reason, stores
it, and goes on with the rest.  Codes never change meaning once released; add new ones instead.
"""
from __future__ import annotations

from enum import Enum


class ErrorCode(str, Enum):
    """Stable codes shown to users, stored in the failures table and listed in the README."""

    NOT_FOUND = "E001"          # the path does not exist
    UNREADABLE = "E002"         # the operating system refused to read it
    EMPTY = "E003"              # nothing but whitespace
    BINARY = "E004"             # bytes that are not text (image, executable, archive ...)
    ENCODING = "E005"           # not valid in the declared or default encoding
    TOO_LARGE = "E006"          # over the max_input_bytes setting
    UNKNOWN_FORMAT = "E007"     # neither the name nor the content tells what it is
    BAD_RECORD = "E008"         # a JSON line or CSV row that cannot be read
    NO_TEXT = "E009"            # the page has no article text after cleaning
    BAD_GZIP = "E010"           # a corrupt or truncated gzip stream
    TOO_LONG = "E011"           # clean text over the max_article_chars setting
    UNSUPPORTED_LANGUAGE = "E012"  # not English: Accord codes English news only
    LONG_SENTENCE = "E013"      # a sentence over the max_sentence_tokens setting
    TOO_SLOW = "E014"           # coding took longer than the seconds_per_document setting
    INTERNAL = "E099"           # a bug in Accord: please report it with the input

    @property
    def label(self) -> str:
        return self.name.lower()


class AccordError(Exception):
    """Base class of everything Accord raises on purpose."""


class ConfigError(AccordError):
    """A setting, data file or model that cannot be used; stops the whole run."""


class ItemError(AccordError):
    """One input item cannot be processed; the run goes on with the others."""

    def __init__(self, code: ErrorCode, reason: str, source: str = "") -> None:
        super().__init__(f"{source}: {code.value} {code.label}: {reason}" if source else reason)
        self.code = code
        self.reason = reason
        self.source = source

    def at(self, source: str) -> "ItemError":
        """The same error, naming the item it happened to."""
        return ItemError(self.code, self.reason, source)
