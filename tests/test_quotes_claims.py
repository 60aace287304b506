"""Quotes and numeric claims on sentences written by the team (the larger table is
tests/data/quote_cases.tsv, run by test_quote_table.py)."""
import pytest

from accord.api import code_text

pytestmark = pytest.mark.slow


def coded(text):
    return code_text(text, date="2024-06-19")


def test_direct_quote_after_the_cue_and_split_quote_with_pronoun():
    r = coded('Russian President Vladimir Putin spoke in Pyongyang on Wednesday.\n\n'
              '"We will not abandon our friends," he said, "whatever Washington thinks."')
    texts = {q["text"]: q for q in r["quotes"]}
    first = texts["We will not abandon our friends,"]
    assert first["kind"] == "direct" and first["speaker"]["code"] == "RUSGOV" and first["cue"] == "said"
    second = next(q for q in r["quotes"] if q["text"].startswith("whatever Washington"))
    assert second["speaker"]["code"] == "RUSGOV"


def test_partial_quote_takes_the_speech_verb_subject():
    r = coded('North Korea promised "full support" for Moscow, state media reported.')
    [q] = [q for q in r["quotes"] if q["text"] == "full support"]
    assert q["kind"] == "partial" and q["speaker"]["code"].startswith("PRK")


def test_indirect_speech_and_according_to():
    r = coded("The State Department said North Korea had shipped missiles to Russia. "
              "According to Seoul, the shipments continued in May.")
    kinds = {(q["kind"], (q["speaker"] or {}).get("code", "")[:3]) for q in r["quotes"]}
    assert ("indirect", "USA") in kinds and ("indirect", "KOR") in kinds


def test_unknown_speaker_is_left_empty_with_low_confidence():
    r = coded('"This cannot go on," a voice shouted from the crowd.')
    assert all((q["speaker"] or {}).get("code", "") == "" for q in r["quotes"])
    assert all(q["confidence"] < 0.6 for q in r["quotes"])


@pytest.mark.parametrize("text,value,rng,unit,qualifier,source", [
    ("North Korea has sent at least 10,000 shipping containers to Russia, Seoul said.", 10000, None, "shipping containers", "at least", "KOR"),
    ("The ministry said nearly 4.8 million artillery shells had been shipped.", 4800000, None, "artillery shells", "nearly", None),
    ("Washington said Pyongyang sent dozens of ballistic missiles.", None, [24, 99], "ballistic missiles", None, "USA"),
    ("The aid package is worth $1.2 billion, the Pentagon said.", 1200000000, None, "US dollars", None, "USA"),
    ("Prices rose 12% in May.", 12, None, "percent", None, None),
])
def test_numeric_claims(text, value, rng, unit, qualifier, source):
    claims = coded(text)["claims"]
    assert claims, text
    c = claims[0]
    assert c["value"] == value and c["range"] == rng and c["unit"] == unit and c["qualifier"] == qualifier
    assert ((c["source"] or {}).get("code", "")[:3] or None) == source


def test_casualties_fill_plover_size_fields():
    r = coded("Russian missiles struck Kharkiv on Monday, killing at least 12 people and wounding 30, officials said.")
    [event] = [e for e in r["events"] if e["type"] == "ASSAULT"]
    assert event["size"] == {"dead": 12, "injured": 30}
