"""The output activation y = Φ_out(y′): every number checked against an independent calculation.

The calculations here are the formulas written out again by hand (plain loops and math.exp),
exact fractions (a square as Φ_out, on weights that floats hold exactly) and central
differences — never the library's own output.
"""

import json
import math
from fractions import Fraction

import pytest

from backprop import DeepNetwork, Network, gradcheck, gradients, sgd_step
from backprop.math import deep
from backprop.math.gradcheck import relative_difference

W1 = [[0.5, -0.3, 0.8], [0.2, 0.7, -0.6]]
W2 = [0.4, -0.5, 0.3]
X, D, ALPHA = [1.0, 0.5], 1.0, 0.5
OUTPUT = {  # Φ_out and Φ_out′, written again here
    "sigmoid": (lambda z: 1 / (1 + math.exp(-z)), lambda z: math.exp(-z) / (1 + math.exp(-z)) ** 2),
    "tanh": (math.tanh, lambda z: 1 / math.cosh(z) ** 2),
}


def sigmoid(z):
    return 1 / (1 + math.exp(-z))


def by_hand(W1, W2, x, d, alpha, out, bias):
    """One step of the lecture's network with y = Φ_out(y′), every formula written out."""
    phi_out, phi_out_prime = OUTPUT[out]
    x_in = x + [1.0] if bias else x
    m = len(W1[0])
    h_prime = [sum(x_in[i] * W1[i][j] for i in range(len(x_in))) for j in range(m)]
    h = [sigmoid(v) for v in h_prime]
    h_in = h + [1.0] if bias else h
    y_prime = sum(h_in[j] * W2[j] for j in range(len(h_in)))
    y = phi_out(y_prime)
    s = phi_out_prime(y_prime)
    dW2 = [s * h_in[j] for j in range(len(h_in))]  # ∂y/∂W²_j = Φ_out′(y′)·h_j
    dW1 = [[s * W2[j] * h[j] * (1 - h[j]) * x_in[i] for j in range(m)] for i in range(len(x_in))]
    E = 0.5 * (d - y) ** 2
    W2_new = [W2[j] + alpha * (d - y) * dW2[j] for j in range(len(W2))]
    W1_new = [[W1[i][j] + alpha * (d - y) * dW1[i][j] for j in range(m)] for i in range(len(W1))]
    return dict(y_prime=y_prime, y=y, E=E, dW1=dW1, dW2=dW2, W1_new=W1_new, W2_new=W2_new)


def close(a, b, tol=1e-12):
    if isinstance(a, list):
        return len(a) == len(b) and all(close(p, q, tol) for p, q in zip(a, b))
    return abs(a - b) <= tol * max(1.0, abs(b))


def weights(bias):
    return (W1 + [[0.1, -0.2, 0.05]], W2 + [-0.25]) if bias else (W1, W2)


@pytest.mark.parametrize("out", ["sigmoid", "tanh"])
@pytest.mark.parametrize("bias", [False, True])
def test_the_lectures_network_with_an_output_activation_matches_the_formulas_by_hand(out, bias):
    w1, w2 = weights(bias)
    net = Network(w1, w2, output_activation=out, bias=bias)
    hand = by_hand(w1, w2, X, D, ALPHA, out, bias)
    forward = net.feedforward(X)
    assert close(forward.y_prime, hand["y_prime"]) and close(forward.y, hand["y"])
    grads = gradients(net, X)
    assert close(grads.dy_dW2, hand["dW2"]) and close(grads.dy_dW1, hand["dW1"])
    step = sgd_step(net, X, D, ALPHA)
    assert close(step.E, hand["E"])
    assert close(net.W1, hand["W1_new"]) and close(net.W2, hand["W2_new"])


@pytest.mark.parametrize("out", ["sigmoid", "tanh"])
@pytest.mark.parametrize("bias", [False, True])
def test_a_deep_network_with_the_lectures_shape_gives_the_same_numbers(out, bias):
    """DeepNetwork([2, 3, 1]) is the lecture's network: the same hand numbers, output activation and all."""
    w1, w2 = weights(bias)
    net = DeepNetwork([w1, [[w] for w in w2]], output_activation=out, bias=bias)
    hand = by_hand(w1, w2, X, D, ALPHA, out, bias)
    forward = net.feedforward(X)
    assert close(forward.y_prime, [hand["y_prime"]]) and close(forward.y, [hand["y"]])
    grads = deep.gradients(net, X)
    assert close(grads.dy_dW[1], [[v] for v in hand["dW2"]]) and close(grads.dy_dW[0], hand["dW1"])
    step = deep.sgd_step(net, X, D, ALPHA)
    assert close(step.E, hand["E"])
    assert close(net.W, [hand["W1_new"], [[w] for w in hand["W2_new"]]])


def square(z):
    return z * z


def square_prime(z):
    return 2 * z


def test_the_chain_rule_through_phi_out_exactly_in_fractions():
    """Φ_out(z) = z² and the identity on the hidden layer: every float below is exact, so the
    library's numbers must equal the fractions' exactly."""
    w1 = [[Fraction(1, 2), Fraction(-1, 4)], [Fraction(3, 4), Fraction(1, 8)]]
    w2 = [Fraction(1, 2), Fraction(-3, 2)]
    x = [Fraction(1), Fraction(1, 2)]
    h = [sum(x[i] * w1[i][j] for i in range(2)) for j in range(2)]  # h = h′ (identity)
    y_prime = sum(h[j] * w2[j] for j in range(2))
    assert y_prime == Fraction(1, 2) * Fraction(7, 8) + Fraction(-3, 2) * Fraction(-3, 16)
    dW2 = [2 * y_prime * h[j] for j in range(2)]  # Φ_out′(y′)·h_j
    dW1 = [[2 * y_prime * w2[j] * x[i] for j in range(2)] for i in range(2)]  # Φ_out′(y′)·W²_j·1·x_i
    for net in (Network([list(map(float, r)) for r in w1], list(map(float, w2)), activation="identity",
                        output_activation=(square, square_prime)),):
        assert net.feedforward(list(map(float, x))).y == float(y_prime ** 2)
        grads = gradients(net, list(map(float, x)))
        assert grads.dy_dW2 == [float(v) for v in dW2]
        assert grads.dy_dW1 == [[float(v) for v in row] for row in dW1]
    deep_net = DeepNetwork([[list(map(float, r)) for r in w1], [[float(w)] for w in w2]], activation="identity",
                           output_activation=(square, square_prime))
    grads = deep.gradients(deep_net, list(map(float, x)))
    assert grads.dy_dW == [[[float(v) for v in row] for row in dW1], [[float(v)] for v in dW2]]
    assert grads.dy_dh_prime[-1] == [float(2 * y_prime)]  # ∂y/∂y′ = Φ_out′(y′)


def central_difference(f, weights, j, epsilon=1e-6):
    W = weights[j]
    weights[j] = W + epsilon
    plus = f()
    weights[j] = W - epsilon
    minus = f()
    weights[j] = W
    return (plus - minus) / (2 * epsilon)


@pytest.mark.parametrize("out", ["sigmoid", "tanh"])
@pytest.mark.parametrize("bias", [False, True])
def test_a_deep_network_with_two_outputs_against_its_own_central_differences(out, bias):
    net = DeepNetwork.random([2, 3, 2, 2], activation="tanh", bias=bias, seed=4, output_activation=out)
    x, d = [0.3, -0.8], [0.2, 0.9]
    step = deep.compute_step(net, x, d, 1.0)  # α = 1: ΔW = −∂E/∂W
    for k, W_k in enumerate(net.W):
        for i, row in enumerate(W_k):
            for j in range(len(row)):
                dE = central_difference(lambda: deep.squared_error(d, net.predict(x)), row, j)
                assert relative_difference(-step.delta_W[k][i][j], dE) < 1e-6
                for o in range(2):
                    dy = central_difference(lambda: net.predict(x)[o], row, j)
                    assert relative_difference(deep.gradients(net, x, o).dy_dW[k][i][j], dy) < 1e-6


@pytest.mark.parametrize("out", ["sigmoid", "tanh", "identity"])
def test_the_one_checker_passes_both_networks_with_any_output_activation(out):
    assert gradcheck.max_relative_error(Network.random(seed=2, bias=True, output_activation=out),
                                        [0.5, -1.0], 0.3) < 1e-6
    assert gradcheck.max_relative_error(DeepNetwork.random([2, 2, 2], bias=True, seed=2, output_activation=out),
                                        [0.5, -1.0], [0.3, 0.6]) < 1e-5


def test_the_checker_catches_a_missing_phi_out_factor(monkeypatch):
    """A chain rule that forgot Φ_out′(y′) is caught: the checker measures through y = Φ_out(y′)."""
    import importlib

    train_module = importlib.import_module("backprop.train")  # the module (backprop.train is also the function)

    net = Network.random(seed=2, output_activation="sigmoid")
    monkeypatch.setattr(train_module, "output_slope", lambda net, y_prime, y: 1.0)
    assert gradcheck.max_relative_error(net, [0.5, -1.0], 0.3) > 0.5


def test_the_lectures_default_is_the_linear_output_bit_for_bit():
    net = Network(W1, W2)
    assert net.output_activation == "identity"
    forward = net.feedforward(X)
    h = [sigmoid(0.6), sigmoid(0.04999999999999999), sigmoid(0.5)]
    assert forward.y == forward.y_prime == sum(map(lambda a, b: a * b, forward.h, W2))
    assert close(forward.h, h)
    grads = gradients(net, X)
    assert grads.dy_dW2 == forward.h  # δ²_j = h_j exactly, no factor
    assert grads.dy_dW1[0] == [W2[j] * forward.h[j] * (1.0 - forward.h[j]) * 1.0 for j in range(3)]


def test_bad_output_activations_are_refused():
    with pytest.raises(ValueError, match="unknown output_activation 'softmin'; choose one of"):
        Network(W1, W2, output_activation="softmin")
    with pytest.raises(ValueError, match="unknown output_activation 'softmin'"):
        DeepNetwork([[[1.0]]], output_activation="softmin")
    # softmax is known, but needs several outputs (tests/test_losses.py has the rest)
    with pytest.raises(ValueError, match="'softmax' needs several outputs"):
        Network(W1, W2, output_activation="softmax")
    with pytest.raises(TypeError, match="output_activation must be a name"):
        Network(W1, W2, output_activation=3)


@pytest.mark.parametrize("make", [
    lambda: Network.random(seed=1, bias=True, output_activation="sigmoid"),
    lambda: DeepNetwork.random([1, 2, 2, 1], seed=1, output_activation="tanh"),
])
def test_copy_repr_and_weights_file_keep_the_output_activation(make, tmp_path):
    net = make()
    assert net.copy().output_activation == net.output_activation
    assert f"output_activation={net.output_activation!r}" in repr(net)
    assert eval(repr(net), {"Network": Network, "DeepNetwork": DeepNetwork}).output_activation == net.output_activation
    path = tmp_path / "w.json"
    net.save(path)
    assert json.loads(path.read_text())["output_activation"] == net.output_activation
    loaded = type(net).load(path)
    assert loaded.output_activation == net.output_activation
    assert loaded.predict([0.5] * net.n_inputs) == net.predict([0.5] * net.n_inputs)


def test_a_weights_file_without_the_field_is_the_linear_output(tmp_path):
    path = tmp_path / "old.json"
    path.write_text(json.dumps({"format": "backprop-weights", "version": 1, "activation": "identity",
                                "bias": False, "W1": [[1.0], [2.0]], "W2": [3.0]}))
    net = Network.load(path)
    assert net.output_activation == "identity"
    assert net.predict([1.0, 1.0]) == 9.0  # (1 + 2)·3, no Φ_out
    for bad, message in (("softmin", "unknown output_activation 'softmin'"), (1, "must be a name")):
        path.write_text(json.dumps({"format": "backprop-weights", "version": 1, "activation": "identity",
                                    "output_activation": bad, "bias": False, "W1": [[1.0]], "W2": [3.0]}))
        with pytest.raises(ValueError, match=message):
            Network.load(path)


@pytest.mark.parametrize("fmt, y_line", [
    ("markdown", "y = \\Phi_{\\mathrm{out}}(y')"),
    ("latex", "y &= \\Phi_{\\mathrm{out}}(y')"),
    ("html", "Φ<sub>out</sub>("),
])
def test_every_lecture_format_shows_y_equals_phi_out_of_y_prime(fmt, y_line):
    from backprop import explain
    from backprop.trace.formats import render

    net = Network(W1, W2, output_activation="sigmoid")
    text = render(explain(net, X, D, ALPHA), fmt, 4)
    assert y_line in text
    y_prime = sum(sigmoid(v) * w for v, w in zip([0.6, 0.05, 0.5], W2))
    assert f"{y_prime:.4g}" in text and f"{sigmoid(y_prime):.4g}" in text
