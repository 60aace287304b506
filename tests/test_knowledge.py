"""The knowledge base files load, validate, and answer who held which office when."""
from datetime import date

import pytest

from accord.errors import ConfigError
from accord.knowledge import _as_date, _check_code, load_knowledge


@pytest.fixture(scope="module")
def kb():
    return load_knowledge()


def test_every_un_member_state_is_there(kb):
    states = {e.code for bucket in kb.names.values() for e in bucket if e.kind == "state"}
    assert len(states) >= 195
    assert {"RUS", "PRK", "KOR", "USA", "UKR", "CHN", "TWN", "PSE", "VAT"} <= states


def test_names_adjectives_and_capitals(kb):
    assert [e.code for e in kb.names["North Korea"]] == ["PRK"]
    assert kb.adjectives["North Korean"].code == "PRK"
    assert kb.adjectives["Western"].code == "WST"
    assert [e.code for e in kb.names["Pyongyang"]] == ["PRKGOV"]
    assert [e.code for e in kb.names["the Kremlin"]] == ["RUSGOV"]
    assert [e.code for e in kb.names["U.N."]] == ["IGOUNO"]


def test_ambiguous_names_are_not_plain_names(kb):
    for text in ("Congo", "Korea", "Georgia"):
        assert text not in kb.names and len(kb.ambiguous[text]) >= 2


@pytest.mark.parametrize("name,when,code", [
    ("Donald Trump", date(2018, 6, 1), ("USA", "GOV")),
    ("Donald Trump", date(2023, 6, 1), ("USA", "ELI")),
    ("Donald Trump", date(2025, 6, 1), ("USA", "GOV")),
    ("Vladimir Putin", date(2010, 1, 1), ("RUS", "GOV")),
    ("Kim Jong Un", date(2024, 6, 19), ("PRK", "GOV")),
])
def test_people_at_a_date(kb, name, when, code):
    [person] = [p for p in kb.persons if p.name == name]
    assert person.code_at(when) == code


def test_office_holders_by_title(kb):
    assert [p.name for p in kb.holders("USA", "president", date(2024, 6, 1))] == ["Joe Biden"]
    assert [p.name for p in kb.holders("RUS", "president", date(2024, 6, 1))] == ["Vladimir Putin"]


def test_no_overlapping_tenures_for_one_office(kb):
    offices = {}
    for p in kb.persons:
        for r in p.roles:
            offices.setdefault((r.country, r.office), []).append((r.start, r.end or date.max, p.name))
    for key, spans in offices.items():
        spans.sort()
        for (s1, e1, n1), (s2, e2, n2) in zip(spans, spans[1:]):
            assert s2 >= e1, f"{key}: {n1} until {e1} overlaps {n2} from {s2}"


def test_validation_errors_name_the_entry():
    with pytest.raises(ConfigError, match="entry 3"):
        _check_code("rus", "entry 3")
    with pytest.raises(ConfigError, match="not a YYYY-MM-DD"):
        _as_date("June 2024", "entry 4")
