"""A deep network: the lecture's Network when it has one hidden layer, right by finite
differences at every depth, and it learns."""

import copy
import math
import functools
import random

import pytest

from backprop import DivergenceError, Network, gradients, sgd_step, train
from backprop import deep
from backprop.math.deep import DeepNetwork
from backprop.math.deep_gradcheck import max_relative_error, numerical_dE_dW, numerical_dy_dW

XOR = [([0.0, 0.0], 0.0), ([0.0, 1.0], 1.0), ([1.0, 0.0], 1.0), ([1.0, 1.0], 0.0)]


def flat(values):
    """Every number of a nested list, in order."""
    if isinstance(values, list):
        return [v for value in values for v in flat(value)]
    return [values]


def same_numbers(a, b, exact):
    """Equal to the last bit, or (``exact`` false) up to the rounding of the last bit."""
    if exact:
        assert flat(a) == flat(b)
    else:
        assert len(flat(a)) == len(flat(b))
        assert flat(a) == pytest.approx(flat(b), rel=1e-12, abs=1e-15)


def as_deep(net: Network) -> DeepNetwork:
    """The lecture's network as a DeepNetwork: W² becomes a matrix with one column."""
    return DeepNetwork([net.W1, [[W2_j] for W2_j in net.W2]], activation=net.activation, bias=net.bias)


@pytest.mark.parametrize("case", range(24))
def test_one_hidden_layer_gives_the_numbers_of_network(case):
    rng = random.Random(case)
    activation = ["sigmoid", "tanh", "relu", "identity"][case % 4]
    bias = case % 8 >= 4
    n_inputs, n_hidden = rng.randint(1, 4), rng.randint(1, 5)
    net = Network.random(n_inputs, n_hidden, activation=activation, bias=bias, seed=case)
    net_deep = as_deep(net)
    # The same formulas, in the same order, give the same bits (the output's bias inside the sum
    # Σ_j h_j·W²_j in both, every sum added left to right)
    same = functools.partial(same_numbers, exact=True)
    x = [rng.uniform(-2, 2) for _ in range(n_inputs)]
    d = rng.uniform(-1, 1)

    forward, forward_deep = net.feedforward(x), net_deep.feedforward(x)
    same(forward_deep.h_prime, [forward.h_prime])
    same(forward_deep.h, [forward.h])
    same(forward_deep.y, [forward.y])

    delta, delta_deep = gradients(net, x), deep.gradients(net_deep, x)
    same(delta_deep.dy_dW, [delta.dy_dW1, [[v] for v in delta.dy_dW2]])

    step, step_deep = sgd_step(net, x, d, 0.3), deep.sgd_step(net_deep, x, d, 0.3)
    same([step_deep.y, step_deep.E], [[step.y], step.E])
    same(step_deep.delta_W, [step.delta_W1, [[v] for v in step.delta_W2]])
    same(net_deep.W, [net.W1, [[v] for v in net.W2]])

    samples = [([rng.uniform(-1, 1) for _ in range(n_inputs)], rng.uniform(-1, 1)) for _ in range(5)]
    batch_size = 1 + case % 3
    losses = train(net, samples, 0.1, 4, batch_size=batch_size, shuffle=True, seed=case)
    losses_deep = deep.train(net_deep, samples, 0.1, 4, batch_size=batch_size, shuffle=True, seed=case)
    same(losses_deep, losses)
    same(net_deep.W, [net.W1, [[v] for v in net.W2]])


def test_random_draws_the_weights_of_network_random():
    net = Network.random(3, 4, bias=True, seed=5)
    assert DeepNetwork.random([3, 4, 1], bias=True, seed=5).W == as_deep(net).W


SHAPES = [  # layers, activation, bias
    ([1, 2, 2, 1], "sigmoid", False),
    ([1, 2, 2, 1], "tanh", True),
    ([3, 1], "identity", True),
    ([2, 4, 3], "relu", True),
    ([2, 3, 3, 3, 2], "tanh", False),
    ([3, 2, 4, 2, 1], "sigmoid", True),
    ([2, 5, 2, 4, 3], "relu", False),
    ([4, 3, 3, 3, 3, 1], "tanh", True),
]


@pytest.mark.parametrize("layers, activation, bias", SHAPES)
def test_gradients_agree_with_finite_differences(layers, activation, bias):
    rng = random.Random(str(layers))
    net = DeepNetwork.random(layers, activation=activation, bias=bias, seed=len(layers))
    x = [rng.uniform(-1, 1) for _ in range(layers[0])]
    d = [rng.uniform(-1, 1) for _ in range(layers[-1])]
    # ReLU has no slope at 0: the cases are chosen with every h′ well away from it
    assert min([abs(v) for v in flat(net.feedforward(x).h_prime)], default=1.0) > 1e-3
    for k in range(layers[-1]):
        analytic = flat(deep.gradients(net, x, output=k).dy_dW)
        assert analytic == pytest.approx(flat(numerical_dy_dW(net, x, output=k)), rel=1e-5, abs=1e-8)
    # ∂E/∂W = −ΔW/α
    alpha = 0.5
    step = deep.sgd_step(copy.deepcopy(net), x, d, alpha)
    dE_dW = [-v / alpha for v in flat(step.delta_W)]
    assert dE_dW == pytest.approx(flat(numerical_dE_dW(net, x, d)), rel=1e-5, abs=1e-8)
    assert max_relative_error(net, x, d) < 1e-3  # the checker itself sees them agree


def test_the_checker_sees_a_wrong_gradient(monkeypatch):
    net = DeepNetwork.random([1, 2, 2, 1], seed=0)
    assert max_relative_error(net, [0.5], 1.0) < 1e-5
    right = deep.backpropagate

    def wrong(net, forward, output):  # δ¹_11 off by 1%
        delta = right(net, forward, output)
        delta.dy_dW[0][0][0] *= 1.01
        return delta

    monkeypatch.setattr(deep, "backpropagate", wrong)
    assert max_relative_error(net, [0.5], 1.0) > 1e-3


def test_no_hidden_layer_cannot_learn_xor_but_two_hidden_layers_can():
    # the best any y = x_1·W_11 + x_2·W_21 + W_31 can do on XOR is y = ½ everywhere: E = ½·¼ = 0.125
    linear = DeepNetwork.random([2, 1], bias=True, seed=0)
    assert deep.train(linear, XOR, alpha=0.1, epochs=300)[-1] > 0.1
    net = DeepNetwork.random([2, 3, 3, 1], bias=True, seed=3)
    losses = deep.train(net, XOR, alpha=1.0, epochs=300)
    assert losses[-1] < 0.001 < 0.1 < losses[0]
    for x, d in XOR:
        assert net.predict(x)[0] == pytest.approx(d, abs=0.1)


def test_two_outputs_learn_xor_and_and_together():
    samples = [(x, [d, x[0] * x[1]]) for x, d in XOR]  # y_1 = x_1 XOR x_2, y_2 = x_1 AND x_2
    net = DeepNetwork.random([2, 4, 4, 2], activation="tanh", bias=True, seed=0)
    losses = deep.train(net, samples, alpha=0.1, epochs=300, shuffle=True, seed=1)
    assert losses[-1] < 0.005 < losses[0]
    for x, d in samples:
        assert net.predict(x) == pytest.approx(d, abs=0.15)


def test_one_small_step_lowers_the_error_at_every_depth():
    for layers in ([2, 1], [2, 3, 1], [2, 3, 3, 2], [2, 2, 2, 2, 2]):
        net = DeepNetwork.random(layers, activation="tanh", bias=True, seed=1)
        x, d = [0.3, -0.8], [0.9] * layers[-1]
        E_before = deep.squared_error(d, net.predict(x))
        assert deep.sgd_step(net, x, d, alpha=0.01).E == E_before
        assert deep.squared_error(d, net.predict(x)) < E_before


def test_train_is_the_same_as_steps_in_order():
    samples = [([k / 4], [k % 2, 1 - k % 2]) for k in range(5)]
    by_train, by_steps = DeepNetwork.random([1, 2, 2, 2], seed=7), DeepNetwork.random([1, 2, 2, 2], seed=7)
    losses = deep.train(by_train, samples, alpha=0.3, epochs=2)
    expected = []
    for _ in range(2):
        expected.append(math.fsum(deep.sgd_step(by_steps, x, d, 0.3).E for x, d in samples) / len(samples))  # fsum: exact on every Python
    assert losses == expected
    assert by_train.W == by_steps.W


def test_mini_batch_applies_the_mean_delta_w():
    samples = [([0.5], [1.0]), ([1.5], [0.0])]
    net = DeepNetwork.random([1, 2, 2, 1], activation="tanh", seed=3)
    steps = [deep.sgd_step(copy.deepcopy(net), x, d, 0.2) for x, d in samples]
    expected = [w + (a + b) / 2 for w, a, b in zip(flat(net.W), *(flat(s.delta_W) for s in steps))]
    deep.train(net, samples, alpha=0.2, epochs=1, batch_size=2)
    assert flat(net.W) == pytest.approx(expected, rel=1e-15)


def test_on_epoch_and_stop_as_in_train():
    net = DeepNetwork.random([1, 2, 2, 1], seed=0)
    samples = [([0.1 * k], 0.5) for k in range(4)]
    seen = []
    losses = deep.train(net, samples, 0.1, 3, on_epoch=lambda epoch, E: seen.append((epoch, E)))
    assert seen == list(zip([1, 2, 3], losses))
    steps = []
    losses = deep.train(net, samples, 0.1, 5, stop=lambda: steps.append(1) or len(steps) == 6)
    assert len(steps) == 6 and len(losses) == 1  # stopped in the second epoch, which is left out


def test_divergence_names_the_epoch_and_keeps_finite_weights():
    net = DeepNetwork.random([1, 3, 3, 1], activation="identity", seed=0)
    samples = [([float(k)], 10.0 * k) for k in range(1, 5)]
    with pytest.raises(DivergenceError) as caught:
        deep.train(net, samples, alpha=50.0, epochs=100)
    assert caught.value.epoch >= 1
    assert len(caught.value.losses) == caught.value.epoch - 1
    assert all(map(lambda w: abs(w) < float("inf"), flat(net.W)))


def test_a_step_to_infinity_is_not_applied():
    net = DeepNetwork([[[1e70]], [[1e70]]], activation="identity")  # y = 1e140, E = ½(1e140)² is finite
    with pytest.raises(DivergenceError, match="not applied"):  # ΔW²_11 = α(d − y)·h_1 = 1e100·(−1e140)·1e70
        deep.sgd_step(net, [1.0], -1e100, alpha=1e100)
    assert net.W == [[[1e70]], [[1e70]]]
