"""The shortcuts of the hot path give exactly what the long way gives."""

import math

import pytest

from backprop import Network, gradcheck, gradients, validate
from backprop.activations import ACTIVATIONS


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
@pytest.mark.parametrize("h_prime", [-30.0, -2.3, -0.4, 0.0, 0.7, 1.9, 25.0])
def test_phi_prime_from_h_is_phi_prime_to_the_last_bit(name, h_prime):
    activation = ACTIVATIONS[name]
    h = activation.phi(h_prime)
    assert activation.phi_prime_from_h(h) == activation.phi_prime(h_prime)


def test_phi_prime_from_h_by_hand():
    # the sigmoid at h′ = 0: h = ½, Φ′ = h(1 − h) = ½ · ½ = ¼; tanh at h′ = 0: h = 0, Φ′ = 1 − 0² = 1
    assert ACTIVATIONS["sigmoid"].phi_prime_from_h(0.5) == 0.25
    assert ACTIVATIONS["tanh"].phi_prime_from_h(0.0) == 1.0
    # ReLU: h > 0 exactly when h′ > 0, so the slope reads the same off h
    assert ACTIVATIONS["relu"].phi_prime_from_h(0.0) == 0.0
    assert ACTIVATIONS["relu"].phi_prime_from_h(2.0) == 1.0


def test_an_own_pair_still_takes_phi_prime_of_h_prime():
    def softsign(z):
        return z / (1 + abs(z))

    def softsign_prime(z):
        return 1 / (1 + abs(z)) ** 2

    net = Network([[0.5, -0.3, 0.8], [0.2, 0.7, -0.6]], [0.4, -0.5, 0.3],
                  activation=(softsign, softsign_prime))
    assert net.phi_prime_from_h is None
    # δ¹_12 = W²_2 · Φ′(h′_2) · x_1, with h′_2 = 1·(−0.3) + 0.5·0.7 = 0.05
    h_prime_2 = 1.0 * -0.3 + 0.5 * 0.7
    expected = -0.5 * softsign_prime(h_prime_2) * 1.0
    assert gradients(net, [1.0, 0.5]).dy_dW1[0][1] == pytest.approx(expected, rel=1e-15)
    assert gradcheck.max_relative_error(net, [1.0, 0.5], 1.0) < 1e-6


@pytest.mark.parametrize(
    "values, error",
    [
        ([1.0, math.nan], "x_2 must be a finite number"),
        ([math.inf, -math.inf], "x_1 must be a finite number"),  # their sum is NaN
        ([2.5, True], "x_2 must be a number"),
    ],
)
def test_the_quick_check_of_floats_still_names_the_bad_one(values, error):
    with pytest.raises((ValueError, TypeError), match=error):
        validate.vector(values, "x")


def test_finite_floats_whose_sum_overflows_are_accepted():
    # 1e308 + 1e308 is inf, but each number is finite: the one-sum shortcut must not refuse them
    assert validate.vector([1e308, 1e308], "x") == [1e308, 1e308]


def test_the_quick_check_returns_a_copy():
    x = [0.5, -1.5]
    checked = validate.vector(x, "x")
    assert checked == x and checked is not x
