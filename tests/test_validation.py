"""Every bad input is refused with a message that names it, before anything changes."""

import copy
import math

import pytest

from backprop import Network, gradients, sgd_step, squared_error, train

GOOD_W1 = [[0.5, -0.3, 0.8], [0.2, 0.7, -0.6]]
GOOD_W2 = [0.4, -0.5, 0.3]


@pytest.mark.parametrize(
    "W1, W2, error, message",
    [
        ([], GOOD_W2, ValueError, "W1 is empty"),
        ([[]], [], ValueError, "empty row"),
        ([[0.5, -0.3, 0.8], [0.2, 0.7]], GOOD_W2, ValueError, "ragged: row 1 has 3 values but row 2 has 2"),
        (GOOD_W1, [0.4, -0.5], ValueError, "W2 has 2 weights but W1 has 3 columns"),
        (GOOD_W1, [], ValueError, "W2 is empty"),
        ([[0.5, "a", 0.8], [0.2, 0.7, -0.6]], GOOD_W2, TypeError, "W1_12 must be a number, not 'a'"),
        ([[0.5, -0.3, 0.8], [None, 0.7, -0.6]], GOOD_W2, TypeError, "W1_21 must be a number, not None"),
        (GOOD_W1, [0.4, True, 0.3], TypeError, "W2_2 must be a number, not True"),
        (GOOD_W1, [0.4, math.nan, 0.3], ValueError, "W2_2 must be a finite number"),
        ([[0.5, -0.3, math.inf], [0.2, 0.7, -0.6]], GOOD_W2, ValueError, "W1_13 must be a finite number"),
        ("0.5, 0.3", GOOD_W2, TypeError, "W1 must be a list of rows"),
        ([0.5, 0.3], GOOD_W2, TypeError, "row 1 of W1 must be a list of numbers"),
    ],
)
def test_bad_weights(W1, W2, error, message):
    with pytest.raises(error, match=message):
        Network(W1, W2)


def test_bias_shapes_are_explained():
    with pytest.raises(ValueError, match=r"W2 needs 3 \+ 1 \(the output bias\)"):
        Network(GOOD_W1, GOOD_W2, bias=True)
    with pytest.raises(ValueError, match="bias=True needs a row per input"):
        Network([[1.0, 2.0]], [1.0, 2.0, 3.0], bias=True)
    with pytest.raises(TypeError, match="bias must be True or False"):
        Network(GOOD_W1, GOOD_W2, bias=1)


def test_unknown_activation():
    with pytest.raises(ValueError, match="unknown activation 'sigmod'; choose one of: identity, relu, sigmoid, tanh"):
        Network(GOOD_W1, GOOD_W2, activation="sigmod")


@pytest.mark.parametrize("W1, W2", [({(0.5, 0.2)}, [1.0, 1.0]), ([[0.5], [0.2]], {1.0})])
def test_weights_in_a_set_are_refused(W1, W2):
    with pytest.raises(TypeError, match="must be a list"):
        Network(W1, W2)


@pytest.mark.parametrize("n_inputs, n_hidden", [(0, 3), (2, 0), (2.0, 3), (True, 3)])
def test_bad_random_sizes(n_inputs, n_hidden):
    with pytest.raises((TypeError, ValueError), match="n_inputs|n_hidden"):
        Network.random(n_inputs, n_hidden)


@pytest.mark.parametrize(
    "x, error, message",
    [
        ([1.0], ValueError, "x has 1 value but the network has 2 inputs"),
        ([1.0, 2.0, 3.0], ValueError, "x has 3 values but the network has 2 inputs"),
        ([1.0, "2"], TypeError, "x_2 must be a number"),
        ([None, 2.0], TypeError, "x_1 must be a number, not None"),
        ([1.0, math.inf], ValueError, "x_2 must be a finite number"),
        ("12", TypeError, "x must be a list of numbers"),
        (None, TypeError, "x must be a list of numbers"),
        ({0.5, 1.0}, TypeError, "x must be a list of numbers"),  # a set has no order: which is x_1?
        ({0: 1.0, 1: 0.5}, TypeError, "x must be a list of numbers"),  # its keys would be taken as x
    ],
)
def test_bad_x_leaves_the_weights_unchanged(x, error, message):
    net = Network(GOOD_W1, GOOD_W2)
    before = copy.deepcopy((net.W1, net.W2))
    for call in (net.feedforward, net.predict, lambda x: gradients(net, x), lambda x: sgd_step(net, x, 1.0, 0.1)):
        with pytest.raises(error, match=message):
            call(x)
    assert (net.W1, net.W2) == before


@pytest.mark.parametrize(
    "d, alpha, error, message",
    [
        (None, 0.1, TypeError, "d must be a number"),
        (math.nan, 0.1, ValueError, "d must be a finite number"),
        (1.0, 0.0, ValueError, "alpha must be a positive number"),
        (1.0, -0.1, ValueError, "alpha must be a positive number"),
        (1.0, math.inf, ValueError, "alpha must be a finite number"),
        (1.0, "0.1", TypeError, "alpha must be a number"),
    ],
)
def test_bad_d_or_alpha_leaves_the_weights_unchanged(d, alpha, error, message):
    net = Network(GOOD_W1, GOOD_W2)
    before = copy.deepcopy((net.W1, net.W2))
    with pytest.raises(error, match=message):
        sgd_step(net, [1.0, 0.5], d, alpha)
    assert (net.W1, net.W2) == before


SAMPLES = [([0.0, 1.0], 1.0), ([1.0, 1.0], 0.0)]


@pytest.mark.parametrize(
    "samples, kwargs, error, message",
    [
        ([], {}, ValueError, "no samples"),
        (iter([]), {}, ValueError, "no samples"),
        (SAMPLES + [([1.0], 0.0)], {}, ValueError, "sample 3: x has 1 value but"),
        (SAMPLES + [([1.0, 1.0], "0")], {}, TypeError, "sample 3: d must be a number"),
        (SAMPLES + [([1.0, 1.0], math.nan)], {}, ValueError, "sample 3: d must be a finite number"),
        (SAMPLES + [[1.0, 1.0]], {}, TypeError, "sample 3: x must be a list of numbers, not 1.0"),
        (SAMPLES + [3.0], {}, TypeError, r"sample 3 must be a pair \(x, d\)"),
        (5, {}, TypeError, "samples must be an iterable"),
        (SAMPLES, {"epochs": 0}, ValueError, "epochs must be at least 1"),
        (SAMPLES, {"epochs": 2.5}, TypeError, "epochs must be a whole number"),
        (SAMPLES, {"alpha": -1.0}, ValueError, "alpha must be a positive number"),
        (SAMPLES, {"batch_size": 0}, ValueError, "batch_size must be at least 1"),
    ],
)
def test_bad_training_input_changes_nothing(samples, kwargs, error, message):
    net = Network(GOOD_W1, GOOD_W2)
    before = copy.deepcopy((net.W1, net.W2))
    settings = {"alpha": 0.1, "epochs": 3, **kwargs}
    with pytest.raises(error, match=message):
        train(net, samples, **settings)
    assert (net.W1, net.W2) == before


def test_squared_error_checks_its_numbers():
    with pytest.raises(TypeError, match="y must be a number"):
        squared_error(1.0, "0.5")
    with pytest.raises(ValueError, match="d must be a finite number"):
        squared_error(math.inf, 0.5)
