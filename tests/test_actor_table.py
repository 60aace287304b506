"""The team's table of actor strings (tests/data/actor_cases.tsv): people at two dates,
institutions, role nouns with nationalities, ambiguous names, blocs, and strings that name
no actor.  Each row gives the code a careful analyst would assign."""
import csv
from datetime import date
from pathlib import Path

import pytest

from accord.resolve import resolve_actor

pytestmark = pytest.mark.slow
TABLE = Path(__file__).parent / "data" / "actor_cases.tsv"


def rows():
    with TABLE.open(encoding="utf-8", newline="") as fh:
        return [r for r in csv.DictReader(fh, delimiter="\t")]


def test_table_is_big_and_varied():
    table = rows()
    assert len(table) >= 150
    assert {r["category"] for r in table} >= {"person", "institution", "role", "ambiguous", "no_actor", "bloc"}


@pytest.mark.parametrize("row", rows(), ids=lambda r: f"{r['category']}:{r['text']}:{r['date']}")
def test_actor_string(pipeline, row):
    when = date.fromisoformat(row["date"]) if row["date"] else None
    answer = resolve_actor(pipeline.nlp, pipeline.actors, row["text"], when, row["context"] or None)
    assert answer.code == row["expected_code"], row.get("note")
    if not row["expected_code"]:
        assert answer.confidence == 0.0
