"""The coder on sentences written by the team: one per syntax the first version handles."""
import pytest

from accord.api import code_text

pytestmark = pytest.mark.slow


def keys(text, date="2024-06-19"):
    result = code_text(text, date=date)
    return {(e["source"]["code"][:3], (e["target"] or {}).get("code", "")[:3], e["type"]) for e in result["events"]}, result


@pytest.mark.parametrize("sentence,expected", [
    ("Russian President Vladimir Putin and North Korean leader Kim Jong Un signed a defence treaty on Wednesday.",
     {("RUS", "PRK", "AGREE"), ("PRK", "RUS", "AGREE")}),
    ("Seoul accused Pyongyang of sending artillery shells to Moscow.", {("KOR", "PRK", "ACCUSE")}),
    ("Ukraine was attacked by Russia overnight with dozens of drones.", {("RUS", "UKR", "ASSAULT")}),
    ("Putin's visit to Pyongyang lasted two days.", {("RUS", "PRK", "CONSULT")}),
    ("The European Union imposed new sanctions on Russia over the war.", {("IGO", "RUS", "SANCTION")}),
    ("China's foreign minister held talks with his Russian counterpart in Beijing.", {("CHN", "RUS", "CONSULT")}),
    ("Japan criticised China and Russia for the joint bomber flights.", {("JPN", "CHN", "ACCUSE"), ("JPN", "RUS", "ACCUSE")}),
])
def test_who_did_what_to_whom(sentence, expected):
    found, _ = keys(sentence)
    assert expected <= found


def test_every_event_carries_the_ontology_fields():
    _, result = keys("Russia launched missile strikes on Kyiv on Monday.")
    [event] = [e for e in result["events"] if e["type"] == "ASSAULT"]
    assert event["quad_class"] == 4 and event["goldstein"] < 0 and event["cameo"].startswith(("18", "19", "20"))
    assert event["source"]["code"].startswith("RUS") and event["target"]["code"] == "UKRGOV"
    assert event["sentence"].startswith("Russia launched")
    assert event["date"] == "2024-06-17" and "Monday" in event["date_text"] and event["date_precision"] == "day"


def test_claimed_by_the_reporting_subject():
    _, result = keys("The State Department said North Korea had transferred ballistic missiles to Russia.")
    [event] = [e for e in result["events"] if e["type"] == "AID"]
    assert event["status"] == "claimed" and event["claimed_by"]["code"].startswith("USA")


def test_negation_and_modality():
    _, result = keys("Russia did not attack Ukraine. China could impose sanctions on Taiwan.")
    status = {e["type"]: e["status"] for e in result["events"]}
    assert status.get("ASSAULT") == "negated"
    assert status.get("SANCTION") == "hypothetical"


def test_a_sentence_without_actors_codes_nothing():
    found, _ = keys("The weather was mild and the talks were said to be long.")
    assert found == set()
