"""Dates read from date phrases relative to the publication date (dateparser does the reading)."""
from datetime import date

import pytest

from accord.dates import read_date

PUBLISHED = date(2024, 6, 20)   # a Thursday


@pytest.mark.parametrize("text,iso,precision", [
    ("Wednesday", "2024-06-19", "day"),
    ("on Wednesday", "2024-06-19", "day"),
    ("yesterday", "2024-06-19", "day"),
    ("Monday", "2024-06-17", "day"),
    ("June 12", "2024-06-12", "day"),
    ("March", "2024-03-01", "month"),
    ("in March", "2024-03-01", "month"),
    ("last month", "2024-05-01", "month"),
    ("March 2023", "2023-03-01", "month"),
    ("2022", "2022-01-01", "year"),
    ("in 2022", "2022-01-01", "year"),
    ("last week", "2024-06-10", "week"),
    ("last year", "2023-01-01", "year"),
])
def test_relative_to_the_publication_date(text, iso, precision):
    found = read_date(text, PUBLISHED)
    assert (found.date, found.precision) == (iso, precision)
    assert found.text == text


def test_without_a_publication_date_only_absolute_dates_are_read():
    assert read_date("on Wednesday", None) is None
    assert read_date("in 2022", None).date == "2022-01-01"


def test_not_a_point_in_time():
    assert read_date("decades", PUBLISHED) is None
