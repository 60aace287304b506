"""Dyad analysis on top of the store queries: the cooperation-conflict index, change flags and
sparklines.  Plain Python on small per-period series."""
from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Any, Sequence

_BARS = "▁▂▃▄▅▆▇█"


@dataclass(frozen=True)
class Flag:
    period: Any
    value: float
    mean: float
    sd: float
    direction: str          # "cooperation" | "conflict"


def index(row: dict[str, Any]) -> float:
    """Cooperation-conflict index of a period: the mean Goldstein score of its events
    (-10 all-out conflict ... +10 close cooperation)."""
    return float(row["goldstein_mean"] or 0.0)


def change_flags(values: Sequence[float], periods: Sequence[Any], window: int = 6, min_history: int = 3) -> list[Flag]:
    """A period whose index lies outside its trailing mean +/- 2 standard deviations."""
    flags = []
    for i, v in enumerate(values):
        history = values[max(0, i - window):i]
        if len(history) < min_history:
            continue
        mean = statistics.fmean(history)
        sd = statistics.pstdev(history)
        if sd == 0:
            sd = 0.5         # a flat history: any move of more than one point stands out
        if abs(v - mean) > 2 * sd:
            flags.append(Flag(periods[i], v, round(mean, 2), round(sd, 2), "cooperation" if v > mean else "conflict"))
    return flags


def sparkline(values: Sequence[float]) -> str:
    if not values:
        return ""
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    return "".join(_BARS[int((v - low) / span * (len(_BARS) - 1))] for v in values)
