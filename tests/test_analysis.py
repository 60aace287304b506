from accord.analysis import change_flags, sparkline


def test_a_period_outside_two_sigma_of_its_trailing_mean_is_flagged():
    values = [2.0, 2.5, 1.5, 2.0, 2.2, -6.0, 2.1]
    flags = change_flags(values, list(range(len(values))))
    assert [(f.period, f.direction) for f in flags] == [(5, "conflict")]


def test_no_flags_without_history():
    assert change_flags([1.0, -9.0], [0, 1]) == []


def test_sparkline_spans_the_range():
    line = sparkline([0, 5, 10])
    assert len(line) == 3 and line[0] == "▁" and line[-1] == "█"
