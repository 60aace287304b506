"""Fusion rules on hand-made mentions, and end to end on a small corpus written by the team."""
import json
import subprocess
import sys
from datetime import date

import duckdb
import pytest

from accord.fuse import Mention, fuse, load_rules


def mention(i, day, status="asserted", article=None, outlet=None, mode=None, ptype="ASSAULT", src="RUSMIL", tgt="UKR"):
    return Mention(id=f"m{i}", article_id=article or f"a{i}", type=ptype, mode=mode, cameo="190", quad_class=4,
                   goldstein=-10.0, source_code=src, source_country=src[:3], source_name=None, target_code=tgt,
                   target_country=tgt[:3], target_name=None, status=status, claimed_by=None, date=day,
                   sentence=f"s{i}", outlet=outlet or f"outlet{i}", published=day)


def test_five_reports_of_one_event_fuse_into_one():
    events = fuse([mention(i, date(2024, 6, 19)) for i in range(5)], load_rules())
    assert len(events) == 1
    row = events[0].row({})
    assert (row["num_mentions"], row["num_articles"], row["num_sources"]) == (5, 5, 5)


def test_same_dyad_and_type_a_week_apart_stay_apart():
    events = fuse([mention(1, date(2024, 6, 1)), mention(2, date(2024, 6, 8))], load_rules())
    assert len(events) == 2


def test_claimed_and_denied_versions_stay_apart_but_claims_fuse_with_reports():
    rules = load_rules()
    events = fuse([mention(1, date(2024, 6, 1), "asserted"), mention(2, date(2024, 6, 1), "claimed"),
                   mention(3, date(2024, 6, 1), "negated")], rules)
    assert sorted(len(e.mentions) for e in events) == [1, 2]


def test_different_modes_stay_apart_and_fusion_is_deterministic():
    rules = load_rules()
    ms = [mention(1, date(2024, 6, 1), mode="aerial"), mention(2, date(2024, 6, 1), mode="drone"),
          mention(3, date(2024, 6, 1))]
    first = sorted(e.row({})["id"] for e in fuse(ms, rules))
    again = sorted(e.row({})["id"] for e in fuse(list(reversed(ms)), rules))
    assert len(first) == 2 and first == again


REPORTS = [
    ("meridian.example", "Russia launched a missile strike on Kharkiv on Wednesday, Ukrainian officials said."),
    ("ledger.example", "Russian forces struck Kharkiv with missiles on Wednesday, according to Kyiv."),
    ("wire.example", "Russia attacked Kharkiv with missiles on Wednesday."),
    ("daily.example", "Russian missiles hit Kharkiv on Wednesday, the regional governor said."),
    ("lantern.example", "Russia carried out a missile attack on Kharkiv on Wednesday."),
]


@pytest.mark.slow
def test_corpus_five_outlets_one_event_and_a_week_later_another(tmp_path):
    lines = [{"id": f"r{i}", "text": text, "date": "2024-06-20", "url": f"https://{site}/story"}
             for i, (site, text) in enumerate(REPORTS)]
    lines.append({"id": "later", "text": "Russia attacked Kharkiv with missiles on Thursday.", "date": "2024-06-28",
                  "url": "https://wire.example/later"})
    lines.append({"id": "denial", "text": "Russia denied attacking Kharkiv with missiles on Wednesday.",
                  "date": "2024-06-20", "url": "https://tass.example/denial"})
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join(json.dumps(x) for x in lines))
    db = tmp_path / "f.duckdb"
    proc = subprocess.run([sys.executable, "-m", "accord.cli", "run", str(corpus), "--db", str(db)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("""SELECT first_date, status, num_articles, num_sources FROM events
                          WHERE type = 'ASSAULT' AND source_country = 'RUS' AND target_country = 'UKR'
                          ORDER BY first_date, status""").fetchall()
    con.close()
    assert (date(2024, 6, 19), "asserted", 5, 5) in rows
    assert any(r[0] == date(2024, 6, 27) for r in rows)             # a week later: another event
    assert any(r[1] == "negated" for r in rows)                      # the denial stays apart


def test_events_placed_in_different_countries_stay_apart():
    from dataclasses import replace

    a = replace(mention(1, date(2024, 6, 1)), place="Kharkiv", place_country="UKR")
    b = replace(mention(2, date(2024, 6, 1)), place="Belgorod", place_country="RUS")
    c = replace(mention(3, date(2024, 6, 1)), place="Odesa", place_country="UKR")
    events = fuse([a, b, c], load_rules())
    assert sorted(len(e.mentions) for e in events) == [1, 2]
