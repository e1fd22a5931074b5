"""The terminal chart, compared with charts drawn by hand."""

import pytest

from backprop.pictures.chart import line_chart


def test_a_falling_line_one_column_per_epoch():
    # 4 values, 4 rows: row = (v − 0.1)/(0.4 − 0.1)·3 = 3, 2, 1, 0
    assert line_chart([0.4, 0.3, 0.2, 0.1], height=4) == "\n".join([
        "0.4 ┤•",
        "    │ •",
        "    │  •",
        "0.1 ┤   •",
        "    └────",
        "     1  4",
    ])


def test_more_epochs_than_columns_each_column_spans_its_epochs():
    # 6 values into 3 columns: [5, 1], [4, 2], [3, 3]; 5 rows: row = (v − 1)/(5 − 1)·4 = v − 1,
    # so column 1 spans rows 0…4, column 2 rows 1…3, column 3 row 2 only
    assert line_chart([5, 1, 4, 2, 3, 3], width=3, height=5) == "\n".join([
        "5 ┤•",
        "  │••",
        "  │•••",
        "  │••",
        "1 ┤•",
        "  └───",
        "   1 6",
    ])


def test_a_log_axis_puts_each_power_of_ten_one_row_apart():
    # log₁₀ of 100, 10, 1, 0.1 is 2, 1, 0, −1: one row each
    assert line_chart([100, 10, 1, 0.1], height=4, log=True) == "\n".join([
        "100 ┤•",
        "    │ •",
        "    │  •",
        "0.1 ┤   •",
        "    └────",
        "     1  4",
    ])


def test_on_a_log_axis_zero_sits_on_the_bottom_row():
    # log₁₀ 1 = 0 (top), log₁₀ 0.01 = −2 (bottom), and 0 is drawn at the bottom too
    assert line_chart([1, 0.01, 0], height=3, log=True) == "\n".join([
        "1 ┤•",
        "  │",
        "0 ┤ ••",
        "  └───",
        "   1 3",
    ])


def test_a_flat_line_is_drawn_on_the_bottom_row():
    assert line_chart([0.5, 0.5, 0.5], height=2) == "0.5 ┤\n0.5 ┤•••\n    └───\n     1 3"


@pytest.mark.parametrize("values, message", [([], "at least one value"), ([1.0, float("nan")], "finite")])
def test_what_cannot_be_drawn(values, message):
    with pytest.raises(ValueError, match=message):
        line_chart(values)
