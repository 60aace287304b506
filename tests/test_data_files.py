import pytest

from accord.data_files import _check_word_lists
from accord.errors import ConfigError


def test_bare_on_in_a_word_list_is_refused():
    # YAML reads `[with, on]` as ["with", True]: the word "on" would never match
    with pytest.raises(ConfigError, match="quote"):
        _check_word_lists({"preps": ["with", True]}, "syntax.yaml")
    _check_word_lists({"xcomp": True, "preps": ["with", "on"]}, "lexicon.yaml")   # flags may be booleans
