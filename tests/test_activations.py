import math

import pytest

from backprop.activations import ACTIVATIONS, Activation, get_activation, sigmoid


def test_known_values():
    assert sigmoid(0.0) == 0.5
    assert ACTIVATIONS["tanh"].phi(1.0) == math.tanh(1.0)
    assert ACTIVATIONS["relu"].phi(-3.0) == 0.0
    assert ACTIVATIONS["relu"].phi(3.0) == 3.0
    assert ACTIVATIONS["identity"].phi(-2.5) == -2.5


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
@pytest.mark.parametrize("z", [-2.3, -0.4, 0.7, 1.9])
def test_phi_prime_is_the_slope_of_phi(name, z):
    phi, phi_prime = ACTIVATIONS[name].phi, ACTIVATIONS[name].phi_prime
    epsilon = 1e-6
    measured = (phi(z + epsilon) - phi(z - epsilon)) / (2 * epsilon)
    assert phi_prime(z) == pytest.approx(measured, abs=1e-8)


def test_relu_slope_at_zero_is_zero():
    assert ACTIVATIONS["relu"].phi_prime(0.0) == 0.0


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_no_overflow_far_out(name):
    for z in (-1000.0, 1000.0, -1e308, 1e308):
        ACTIVATIONS[name].phi(z)
        ACTIVATIONS[name].phi_prime(z)
    assert sigmoid(-1000.0) == 0.0
    assert sigmoid(1000.0) == 1.0


def test_sigmoid_agrees_with_the_textbook_formula():
    for z in (-30.0, -1.0, 0.3, 12.0):
        assert sigmoid(z) == pytest.approx(1 / (1 + math.exp(-z)), rel=1e-15)


def test_own_pair():
    def softsign(z):
        return z / (1 + abs(z))

    activation = get_activation((softsign, lambda z: 1 / (1 + abs(z)) ** 2))
    assert activation.name == "softsign"
    assert isinstance(activation, Activation)


def test_unknown_name_lists_the_known_ones():
    with pytest.raises(ValueError, match="identity, relu, sigmoid, tanh"):
        get_activation("sigmoidd")


@pytest.mark.parametrize("bad", [None, 3, (abs,), (abs, "x")])
def test_not_an_activation(bad):
    with pytest.raises(TypeError, match="activation must be"):
        get_activation(bad)
