"""`accord kb check` finds nothing in the shipped knowledge base, and finds planted problems."""
from datetime import date
from types import SimpleNamespace

from accord.kbcheck import _conflicting_aliases, _tenures, check_knowledge
from accord.knowledge import Entity, Person, Tenure


def test_shipped_knowledge_base_is_clean():
    assert check_knowledge() == []


def role(start, end, office="head_of_state"):
    return Tenure("RUS", "GOV", office, ("president",), start, end)


def test_overlapping_tenures_and_future_dates_are_reported():
    a = Person("A", ("A",), "A", (role(date(2000, 1, 1), date(2010, 1, 1)),))
    b = Person("B", ("B",), "B", (role(date(2009, 1, 1), None),))
    c = Person("C", ("C",), "C", (role(date(2030, 1, 1), None, "head_of_government"),))
    problems = list(_tenures(SimpleNamespace(persons=(a, b, c)), today=date(2026, 1, 1)))
    assert any("overlaps" in p and "A" in p and "B" in p for p in problems)
    assert any("future" in p and "C" in p for p in problems)


def test_alias_naming_two_actors_is_reported():
    kb = SimpleNamespace(names={"Congo": (Entity("COD", "COD", None, "DR Congo", "state"),
                                          Entity("COG", "COG", None, "Congo", "state"))},
                         person_names={}, ambiguous={}, places={})
    problems = list(_conflicting_aliases(kb))
    assert problems and "Congo" in problems[0] and "COD" in problems[0]
