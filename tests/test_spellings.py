"""Written forms of knowledge-base names (accord.spellings)."""
from accord.spellings import unvariant, variants


def test_arabic_article_spellings_are_variants_of_al():
    forms = variants("Omar al-Bashir")
    assert {"Omar el-Bashir", "Omar El-Bashir", "Omar Al-Bashir", "Omar El Bashir", "Omar Al Bashir"} <= set(forms)
    assert variants("Vladimir Putin") == ["Vladimir Putin"]


def test_sentence_initial_article_and_curly_apostrophe_map_back():
    assert "The State Department" in variants("the State Department")
    assert "Russia\u2019s Defence Ministry" in variants("Russia's Defence Ministry")
    assert unvariant("The State Department") == "the State Department"
    assert unvariant("Russia\u2019s Defence Ministry") == "Russia's Defence Ministry"
