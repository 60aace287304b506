import pytest

from accord.errors import ConfigError
from accord.settings import HELP, Settings, describe, load_settings


def test_every_setting_is_documented():
    assert {name for name, _, _ in describe()} == set(HELP) == set(Settings.__dataclass_fields__)
    assert all(len(text) > 20 for text in HELP.values())


def test_environment_then_explicit_override():
    s = load_settings({"batch_size": None}, env={"ACCORD_BATCH_SIZE": "7", "ACCORD_DB": "x.duckdb"})
    assert s.batch_size == 7 and s.db == "x.duckdb"
    assert load_settings({"batch_size": 3}, env={"ACCORD_BATCH_SIZE": "7"}).batch_size == 3


def test_bad_values_are_config_errors():
    with pytest.raises(ConfigError):
        load_settings({"workers": "many"}, env={})
    with pytest.raises(ConfigError):
        load_settings({"workers": -1}, env={})
    with pytest.raises(ConfigError):
        load_settings({"colour": "blue"}, env={})
    with pytest.raises(ConfigError):
        load_settings({"prefilter": 2}, env={})


def test_switches_and_every_core_by_default():
    assert load_settings({}, env={"ACCORD_PREFILTER": "0"}).prefilter == 0
    assert Settings().workers == 0 and Settings().prefilter == 1
