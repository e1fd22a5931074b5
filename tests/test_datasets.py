import math

import pytest

from backprop import datasets


@pytest.mark.parametrize(
    "name, truth_table",
    [  # d for x = (0, 0), (0, 1), (1, 0), (1, 1)
        ("and", [0, 0, 0, 1]),
        ("or", [0, 1, 1, 1]),
        ("xor", [0, 1, 1, 0]),
    ],
)
def test_the_logic_gates(name, truth_table):
    inputs = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
    assert datasets.samples(name) == [(x, float(d)) for x, d in zip(inputs, truth_table)]


def test_sine_is_sin_x1_times_x2_on_a_7_by_7_grid():
    samples = datasets.samples("sine")
    assert len(samples) == 49
    assert sorted({x[0] for x, d in samples}) == [-3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0]
    assert sorted({round(3 * x[1]) for x, d in samples}) == [-3, -2, -1, 0, 1, 2, 3]  # thirds of −1 … 1
    by_x = {(x[0], round(3 * x[1])): d for x, d in samples}
    # sin(1) = 0.841470984807896…, sin(2) = 0.909297426825681…, from a table of sines
    assert by_x[(1.0, 3)] == pytest.approx(0.841470984807896)
    assert by_x[(2.0, -3)] == pytest.approx(-0.909297426825681)
    assert by_x[(2.0, 1)] == pytest.approx(0.909297426825681 / 3)
    assert by_x[(0.0, 3)] == 0.0 and by_x[(3.0, 0)] == 0.0
    for (a, b), d in by_x.items():  # sin is odd: d(−x_1, x_2) = −d(x_1, x_2)
        assert by_x[(-a, b)] == pytest.approx(-d, abs=1e-15)


def test_each_call_gives_a_fresh_list():
    first = datasets.samples("xor")
    first[0][0][0] = 99.0
    assert datasets.samples("xor")[0] == ([0.0, 0.0], 0.0)


def test_every_data_set_has_a_description():
    assert datasets.names() == sorted(datasets.DATASETS)
    for name in datasets.names():
        assert datasets.DATASETS[name].description
        assert all(len(x) == 2 and math.isfinite(d) for x, d in datasets.samples(name))


def test_an_unknown_name_lists_the_known_ones():
    with pytest.raises(ValueError, match="no built-in data set 'nand'; choose one of: and, circle, gaussians, or, sine, spiral, xor"):
        datasets.samples("nand")
