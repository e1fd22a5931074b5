"""Bad input to a deep network: a clear error, raised before anything changes."""

import copy
import math

import pytest

import backprop
from backprop import Network, gradcheck
from backprop import deep
from backprop.math.deep import DeepNetwork
from backprop.math.deep_gradcheck import max_relative_error
from backprop.trace.explain import explain

GOOD = [[[0.5, -0.5]], [[1.0, 0.5], [-1.0, 0.25]], [[0.75], [-0.5]]]


@pytest.mark.parametrize(
    "W, kwargs, error, message",
    [
        (5, {}, TypeError, "W must be a list of weight matrices"),
        ("W", {}, TypeError, "W must be a list of weight matrices"),
        ([], {}, ValueError, "W is empty"),
        ([[[1.0, 2.0]], [[1.0], [2.0], [3.0]]], {}, ValueError,
         "W² has 3 rows but W¹ has 2 columns (the neurons of layer 1), so W² needs 2 rows"),
        ([[[1.0, 2.0]], [[1.0], [2.0]]], {"bias": True}, ValueError, "W¹ has 1 row but bias=True"),
        ([[[1.0, 2.0], [0.0, 0.0]], [[1.0], [2.0]]], {"bias": True}, ValueError,
         "W² has 2 rows but W¹ has 2 columns (the neurons of layer 1), so W² needs 2 + 1 (the bias row) rows"),
        ([[[1.0]], [[1.0, 2.0]], [[1.0], [2.0], [3.0]]], {}, ValueError,
         "W³ has 3 rows but W² has 2 columns (the neurons of layer 2)"),
        ([[[1.0, 2.0], [3.0]]], {}, ValueError, "W¹ is ragged: row 1 has 2 values but row 2 has 1"),
        ([[[1.0]], [[]]], {}, ValueError, "W² has an empty row"),
        ([[[1.0]], []], {}, ValueError, "W² is empty"),
        ([[1.0, 2.0]], {}, TypeError, "row 1 of W¹ must be a list of numbers, not 1.0"),
        ([[[1.0, "0.5"]]], {}, TypeError, "W¹_12 must be a number, not '0.5'"),
        ([[[1.0, None]]], {}, TypeError, "W¹_12 must be a number, not None"),
        ([[[1.0]], [[True]]], {}, TypeError, "W²_11 must be a number, not True"),
        ([[[1.0]], [[math.nan]]], {}, ValueError, "W²_11 must be a finite number, not nan"),
        ([[[1.0]], [[math.inf]]], {}, ValueError, "W²_11 must be a finite number, not inf"),
        (GOOD, {"activation": "softmax"}, ValueError, "unknown activation 'softmax'"),
        (GOOD, {"bias": "yes"}, TypeError, "bias must be True or False"),
    ],
)
def test_bad_weights(W, kwargs, error, message):
    with pytest.raises(error) as caught:
        DeepNetwork(W, **kwargs)
    assert message in str(caught.value)


@pytest.mark.parametrize(
    "layers, error, message",
    [
        ([3], ValueError, "layers needs at least two sizes, the inputs and the outputs"),
        ([], ValueError, "layers needs at least two sizes"),
        ("1,2,1", TypeError, "layers must be a list of sizes like [1, 2, 2, 1]"),
        (3, TypeError, "layers must be a list of sizes"),
        ([2, 0, 1], ValueError, "layer 1 must be at least 1, not 0"),
        ([2, 1.5, 1], TypeError, "layer 1 must be a whole number, not 1.5"),
        ([True, 1], TypeError, "layer 0 must be a whole number, not True"),
    ],
)
def test_bad_layers(layers, error, message):
    with pytest.raises(error) as caught:
        DeepNetwork.random(layers)
    assert message in str(caught.value)


def quiz():
    return DeepNetwork(GOOD)


def two_outputs():
    return DeepNetwork([[[1.0, 2.0]], [[1.0, 0.0], [0.5, 1.0]]])


@pytest.mark.parametrize(
    "make, call, error, message",
    [
        (quiz, lambda n: deep.sgd_step(n, [1.0, 2.0], 1.0, 0.1), ValueError,
         "x has 2 values but the network has 1 input"),
        (quiz, lambda n: deep.sgd_step(n, [math.nan], 1.0, 0.1), ValueError, "x_1 must be a finite number"),
        (quiz, lambda n: deep.sgd_step(n, "1", 1.0, 0.1), TypeError, "x must be a list of numbers"),
        (quiz, lambda n: deep.sgd_step(n, 1.0, 1.0, 0.1), TypeError, "x must be a list of numbers"),
        (quiz, lambda n: deep.sgd_step(n, [1.0], [1.0, 0.0], 0.1), ValueError,
         "d has 2 values but the network has 1 output"),
        (quiz, lambda n: deep.sgd_step(n, [1.0], None, 0.1), TypeError, "d must be a list of numbers"),
        (quiz, lambda n: deep.sgd_step(n, [1.0], [math.inf], 0.1), ValueError, "d_1 must be a finite number"),
        (quiz, lambda n: deep.sgd_step(n, [1.0], True, 0.1), TypeError, "d must be a list of numbers"),
        (two_outputs, lambda n: deep.sgd_step(n, [1.0], 1.0, 0.1), ValueError,
         "d is one number but the network has 2 outputs"),
        (two_outputs, lambda n: deep.sgd_step(n, [1.0], [1.0], 0.1), ValueError,
         "d has 1 value but the network has 2 outputs"),
        (quiz, lambda n: deep.sgd_step(n, [1.0], 1.0, 0), ValueError, "alpha must be a positive number"),
        (quiz, lambda n: deep.sgd_step(n, [1.0], 1.0, "0.1"), TypeError, "alpha must be a number"),
        (quiz, lambda n: deep.train(n, [([1.0], 1.0)], 0.1, 0), ValueError, "epochs must be at least 1"),
        (quiz, lambda n: deep.train(n, [([1.0], 1.0)], 0.1, 1, batch_size=0), ValueError,
         "batch_size must be at least 1"),
        (quiz, lambda n: deep.train(n, [([1.0], 1.0)], 0.1, 1, shuffle=1), TypeError,
         "shuffle must be True or False"),
        (quiz, lambda n: deep.train(n, [], 0.1, 1), ValueError, "no samples"),
        (quiz, lambda n: deep.train(n, "xd", 0.1, 1), TypeError, "samples must be an iterable of (x, d) pairs"),
        (quiz, lambda n: deep.train(n, [([1.0], 1.0), [1.0]], 0.1, 1), TypeError,
         "sample 2 must be a pair (x, d)"),
        (quiz, lambda n: deep.train(n, [([1.0], 1.0), ([1.0], [1.0, 2.0])], 0.1, 1), ValueError,
         "sample 2: d has 2 values but the network has 1 output"),
        (quiz, lambda n: deep.train(n, [([1.0], 1.0), ([math.nan], 1.0)], 0.1, 1), ValueError,
         "sample 2: x_1 must be a finite number"),
        (two_outputs, lambda n: deep.gradients(n, [1.0]), ValueError,
         "the network has 2 outputs; say which y_j with output=0 … 1 (output=0 is y_1)"),
        (two_outputs, lambda n: deep.gradients(n, [1.0], output=2), ValueError,
         "output must be one of 0 … 1 (output=0 is y_1), not 2"),
        (quiz, lambda n: deep.gradients(n, [1.0], output=True), ValueError, "output must be one of 0 … 0"),
        (quiz, lambda n: max_relative_error(n, [1.0], [1.0, 2.0]), ValueError, "d has 2 values"),
        (quiz, lambda n: max_relative_error(n, [1.0], 1.0, epsilon=0), ValueError,
         "epsilon must be a positive number"),
        (quiz, lambda n: explain(n, [1.0], 1.0, -1.0), ValueError, "alpha must be a positive number"),
        (quiz, lambda n: explain(n, [], 1.0, 0.1), ValueError, "x has 0 values"),
    ],
)
def test_bad_input_raises_before_anything_changes(make, call, error, message):
    net = make()
    W_before = copy.deepcopy(net.W)
    with pytest.raises(error) as caught:
        call(net)
    assert message in str(caught.value)
    assert net.W == W_before


@pytest.mark.parametrize(
    "call",
    [
        lambda net: deep.gradients(net, [1.0, 0.5]),
        lambda net: deep.sgd_step(net, [1.0, 0.5], 1.0, 0.1),
        lambda net: deep.train(net, [([1.0, 0.5], 1.0)], 0.1, 1),
    ],
)
def test_the_lectures_network_is_sent_to_the_lectures_functions(call):
    net = Network.random(seed=0)
    W_before = copy.deepcopy((net.W1, net.W2))
    with pytest.raises(TypeError, match="net must be a DeepNetwork, not Network; for the lecture's Network"):
        call(net)
    assert (net.W1, net.W2) == W_before


def test_squared_error_needs_one_d_per_y():
    with pytest.raises(ValueError, match="d has 2 values but y has 3"):
        deep.squared_error([1.0, 2.0], [1.0, 2.0, 3.0])
    with pytest.raises(TypeError, match="y_2 must be a number"):
        deep.squared_error([1.0, 2.0], [1.0, None])


@pytest.mark.parametrize(
    "call, deep_function",
    [
        (lambda net: backprop.gradients(net, [1.0]), "backprop.math.deep.gradients"),
        (lambda net: backprop.sgd_step(net, [1.0], 1.0, 0.5), "backprop.math.deep.sgd_step"),
        (lambda net: backprop.train(net, [([1.0], 1.0)], 0.5, 1), "backprop.math.deep.train"),
    ],
)
def test_the_lectures_functions_name_the_deep_one_for_a_deep_network(call, deep_function):
    net = DeepNetwork(GOOD)
    with pytest.raises(TypeError, match=f"is for the lecture's Network, not DeepNetwork; for a DeepNetwork use {deep_function}$"):
        call(net)
    assert net.W == GOOD


def test_one_checker_takes_either_network_and_refuses_anything_else():
    """gradcheck (and its old deep name) check a Network and a DeepNetwork alike."""
    assert gradcheck.max_relative_error(DeepNetwork(GOOD), [1.0], 1.0) < 1e-6
    assert max_relative_error(Network.random(seed=0), [1.0, 0.5], 1.0) < 1e-6
    with pytest.raises(TypeError, match="net must be a backprop.Network or a DeepNetwork, not list"):
        gradcheck.max_relative_error([[1.0]], [1.0], 1.0)
    with pytest.raises(ValueError, match="the lecture's Network has one output y"):
        gradcheck.numerical_dy_dW(Network.random(seed=0), [1.0, 0.5], output=1)
