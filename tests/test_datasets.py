import math
import random

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
        if name != "digits":  # the handwritten digits: 64 inputs and a one-hot d (tests/test_digits.py)
            assert all(len(x) == 2 and math.isfinite(d) for x, d in datasets.samples(name))


def test_an_unknown_name_lists_the_known_ones():
    with pytest.raises(ValueError, match="no built-in data set 'nand'; choose one of: and, circle, digits, gaussians, or, sine, spiral, xor"):
        datasets.samples("nand")


# The two-class sets in the plane: each recipe checked from its own definition.

def test_circle_is_a_disc_of_ones_inside_a_ring_of_zeros():
    samples = datasets.samples("circle")
    assert len(samples) == 100 and sum(d for _, d in samples) == 50
    for (x_1, x_2), d in samples:
        r = math.hypot(x_1, x_2)
        assert (r <= 0.5) if d == 1.0 else (0.7 <= r <= 1.0)


def test_circle_follows_its_recipe_from_the_seed():
    rng = random.Random(3)
    theta = rng.uniform(0.0, 2 * math.pi)
    r = rng.uniform(0.0, 0.5)   # the first point is inside
    assert datasets.circle(1, seed=3) == [([r * math.cos(theta), r * math.sin(theta)], 1.0)]


def test_gaussians_are_two_clouds_around_their_centres():
    samples = datasets.samples("gaussians")
    for d, centre in ((1.0, 0.5), (0.0, -0.5)):
        cloud = [x for x, d_k in samples if d_k == d]
        assert len(cloud) == 50
        for i in (0, 1):
            mean = sum(x[i] for x in cloud) / 50
            # the mean of 50 draws with σ = 0.3 has σ = 0.3/√50 ≈ 0.042: 0.15 is over 3.5 of them
            assert abs(mean - centre) < 0.15


def test_spiral_points_are_at_radius_t_on_two_arms_half_a_turn_apart():
    samples = datasets.spiral(200, seed=5)
    for k, (x, d) in enumerate(samples):
        t = (k // 2) / 100
        theta = 1.75 * 2 * math.pi * t + math.pi * (k % 2)
        assert d == (1.0 if k % 2 == 0 else 0.0)
        # the noise moves each coordinate by at most 0.03
        assert abs(x[0] - t * math.cos(theta)) <= 0.03 and abs(x[1] - t * math.sin(theta)) <= 0.03


@pytest.mark.parametrize("name", ["circle", "gaussians", "spiral"])
def test_the_plane_sets_are_the_same_every_time(name):
    assert datasets.samples(name) == datasets.samples(name)
    assert datasets.samples(name) != getattr(datasets, name)(seed=1)
