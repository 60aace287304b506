"""PLOVER types and modes, CAMEO codes, Goldstein scores and quad classes (from data/cameo.tsv)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .data_files import load_tsv
from .errors import ConfigError

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
# Types whose two sides do the same thing to each other: "A and B met" is A->B and B->A.
SYMMETRIC_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE"})
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


@dataclass(frozen=True)
class CameoCode:
    code: str
    label: str
    goldstein: float
    quad_class: int
    plover: str | None
    mode: str | None
    context: tuple[str, ...]


@dataclass(frozen=True)
class Ontology:
    codes: dict[str, CameoCode]

    def cameo(self, code: str) -> CameoCode:
        try:
            return self.codes[code]
        except KeyError:
            raise ConfigError(f"unknown CAMEO code {code!r}") from None


@lru_cache(maxsize=1)
def load_ontology() -> Ontology:
    codes: dict[str, CameoCode] = {}
    for row in load_tsv("cameo.tsv"):
        plover = row["plover"] or None
        if plover is not None and plover not in PLOVER_TYPES:
            raise ConfigError(f"cameo.tsv: code {row['cameo']} maps to unknown PLOVER type {plover}")
        codes[row["cameo"]] = CameoCode(
            code=row["cameo"], label=row["label"], goldstein=float(row["goldstein"] or 0.0),
            quad_class=int(row["quad_class"]), plover=plover, mode=row["mode"] or None,
            context=tuple(c.strip() for c in row["context"].split(",") if c.strip()),
        )
    return Ontology(codes)
