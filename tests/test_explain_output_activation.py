"""The one record with an output activation: y′, y = Φ_out(y′), Φ_out′(y′) and every ∂y/∂W.

The slopes are checked by central differences of the network's own prediction, and the
values of y′ and y by a calculation with math.exp, not against the library's gradients.
"""

import copy
import math

import pytest

from backprop import DeepNetwork, Network, explain

W1 = [[0.5, -0.3, 0.8], [0.2, 0.7, -0.6]]
W2 = [0.4, -0.5, 0.3]


def sigmoid(z):
    return 1 / (1 + math.exp(-z))


def slopes_by_differences(net, x, weights_of):
    """∂y_j/∂w for every weight w, by central differences: (y(w + h) − y(w − h)) / 2h."""
    h, slopes = 1e-6, {}
    for key, (get, put) in weights_of(net).items():
        up, down = copy.deepcopy(net), copy.deepcopy(net)
        weights_of(up)[key][1](get() + h)
        weights_of(down)[key][1](get() - h)
        y_up, y_down = up.predict(x), down.predict(x)
        slopes[key] = [(a - b) / (2 * h) for a, b in zip(y_up if isinstance(y_up, list) else [y_up],
                                                        y_down if isinstance(y_down, list) else [y_down])]
    return slopes


def deep_weights(net):
    out = {}
    for k, W_k in enumerate(net.W):
        for a, row in enumerate(W_k):
            for b in range(len(row)):
                out[(k, a, b)] = (lambda r=row, b=b: r[b], lambda v, r=row, b=b: r.__setitem__(b, v))
    return out


def test_the_lectures_network_with_a_sigmoid_output():
    record = explain(Network(W1, W2, output_activation="sigmoid"), [1.0, 0.5], 1.0, 0.5)
    h = [sigmoid(0.6), sigmoid(0.05), sigmoid(0.5)]
    y_prime = 0.4 * h[0] - 0.5 * h[1] + 0.3 * h[2]
    y = sigmoid(y_prime)
    assert record["output_activation"] == "sigmoid"
    assert record["y_prime"] == pytest.approx([y_prime], abs=1e-15)
    assert record["y"] == pytest.approx([y], abs=1e-15)
    assert record["phi_out_prime"] == pytest.approx([y * (1 - y)], abs=1e-15)
    # δ²_j = Φ_out′(y′)·h_j and δ¹_ij = Φ_out′(y′)·W²_j·Φ′(h′_j)·x_i
    for j in range(3):
        assert record["dy_dW"][0][1][j][0] == pytest.approx(y * (1 - y) * h[j], abs=1e-15)
        for i, x_i in enumerate([1.0, 0.5]):
            assert record["dy_dW"][0][0][i][j] == pytest.approx(
                y * (1 - y) * W2[j] * h[j] * (1 - h[j]) * x_i, abs=1e-15)
    assert record["E_new"] < record["E"]


@pytest.mark.parametrize("output_activation", ["sigmoid", "tanh"])
@pytest.mark.parametrize("bias", [False, True])
def test_a_deep_network_with_an_output_activation_by_differences(output_activation, bias):
    net = DeepNetwork.random([2, 3, 2, 2], seed=4, activation="tanh", output_activation=output_activation,
                             bias=bias)
    x = [0.7, -0.4]
    record = explain(net, x, [0.2, 0.9], 0.1)
    for (k, a, b), per_output in slopes_by_differences(net, x, deep_weights).items():
        for j, slope in enumerate(per_output):
            assert record["dy_dW"][j][k][a][b] == pytest.approx(slope, abs=1e-8)
            if k < len(net.W) - 1:  # the chain rule's path terms add up to the slope
                assert math.fsum(record["dy_dW_terms"][j][k][a][b]) == pytest.approx(slope, abs=1e-8)
