"""The ontology table and the lexicon: facts and the team's documented rules."""
from accord.lexicon import load_lexicon
from accord.ontology import PLOVER_TYPES, load_ontology


def test_cameo_table_facts_and_rules():
    onto = load_ontology()
    sign, sanction = onto.cameo("057"), onto.cameo("163")
    assert (sign.plover, sign.goldstein, sign.quad_class) == ("AGREE", 8.0, 1)
    assert (sanction.plover, sanction.quad_class) == ("SANCTION", 4)
    assert onto.cameo("190").plover == "ASSAULT" and onto.cameo("190").goldstein == -10.0
    assert onto.cameo("0231").plover == "REQUEST"
    assert onto.cameo("010").plover is None        # statements are no events
    assert {c.quad_class for c in onto.codes.values()} == {1, 2, 3, 4}


def test_lexicon_reaches_all_sixteen_types_with_verbs_and_nouns():
    lex = load_lexicon()
    entries = [e for group in lex.entries.values() for e in group]
    assert {e.type for e in entries} == set(PLOVER_TYPES)
    for ptype in PLOVER_TYPES:
        assert {e.pos for e in entries if e.type == ptype} == {"VERB", "NOUN"}, ptype
    assert len(entries) >= 400


def test_most_specific_entry_first():
    lex = load_lexicon()
    for group in lex.entries.values():
        spec = [e.specificity for e in group]
        assert spec == sorted(spec, reverse=True)


def test_intended_as_maps_to_agree_and_threaten():
    lex, onto = load_lexicon(), load_ontology()
    targets = {onto.cameo(code).plover for code in lex.syntax.intended_as.values()}
    assert targets == {"AGREE", "THREATEN"}
